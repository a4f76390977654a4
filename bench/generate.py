"""Write a synthetic news corpus of N paragraphs with a realistic term distribution.

Sentences come from the bundled seed articles and, when present, from the shared research corpus
``../shared/corpora/berita_hoax_indonesia.csv`` (282 real Indonesian news articles). Real news
keeps meeting new names and rare words as a collection grows (Heaps' law), which sentence
sampling alone cannot do, so every paragraph also carries a few names and rare words drawn from
unbounded Zipfian vocabularies: rank ``k`` is drawn with probability ~ ``k**-s`` and turned into a
pronounceable word. The vocabulary then grows like ``N**(1/s)``.

Articles are plain-text files the reader parses like scraped news (headline, dateline with the
outlet, blank-line separated paragraphs), 1,000 to a folder. The output is deterministic for a
seed. ``--profile seeds`` samples sentences from the two seeds only: a worst case in which common
words match a third to three quarters of all paragraphs.

    python bench/generate.py OUT --paragraphs 100000 [--profile realistic|seeds] [--seed 1]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import shutil
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
SEEDS = REPO / "seeds"
SHARED_CSV = REPO.parent / "shared" / "corpora" / "berita_hoax_indonesia.csv"

PARAGRAPH_LIMIT = 1000  # characters; the reader splits longer paragraphs into passages
FILES_PER_FOLDER = 1000
OUTLETS = [
    "Pahami.id", "Kompas.com", "Detik.com", "CNNIndonesia.com", "Tempo.co", "Antaranews.com",
    "Liputan6.com", "Okezone.com", "Republika.co.id", "Tribunnews.com", "Suara.com",
    "Kumparan.com", "Merdeka.com", "Viva.co.id", "Sindonews.com", "Jawapos.com",
]
PLACES = ["Jakarta", "Bandung", "Surabaya", "Medan", "Makassar", "Yogyakarta", "Denpasar",
          "Semarang", "Palembang", "Pontianak", "Astana", "Washington", "Jenewa", "Riyadh"]
# Syllables of generated words: a rank is written in this base, so every rank is a new word.
_ONSETS = "b d g h j k l m n p r s t w y".split() + ["ng", "ny", "kh", "sy"]
_VOWELS = ["a", "i", "u", "e", "o"]
SYLLABLES = [o + v for o in _ONSETS for v in _VOWELS]  # 95
NAME_ENDINGS = ["", "", "to", "wati", "ov", "yah", "man", "din", "stan", "ni"]

_SENTENCE_END = re.compile(r"(?<=[.!?\"”])\s+(?=[A-Z“\"])")
_WS = re.compile(r"\s+")


def zipf_rank(rng: random.Random, s: float, cap: int, flat: int = 0) -> int:
    """A rank >= 1 drawn with probability ~ (rank + flat)**-s, at most ``cap``.

    A discretised Pareto; ``flat`` (Zipf-Mandelbrot's q) flattens the head so the most frequent
    name is in about one paragraph in a hundred rather than one in four.
    """
    alpha = s - 1.0
    base = flat + 1
    while True:
        rank = int(base * rng.random() ** (-1.0 / alpha)) - flat
        if 1 <= rank <= cap:
            return rank


def spell(rank: int, salt: int) -> str:
    """A pronounceable word unique to ``rank`` (two syllables at least)."""
    n = rank + len(SYLLABLES) + salt * 7919
    parts = []
    while n:
        n, digit = divmod(n, len(SYLLABLES))
        parts.append(SYLLABLES[digit])
    return "".join(parts)


def name_of(rank: int) -> str:
    """The ``rank``-th most frequent person or place name: ``Wirayumanto``."""
    word = spell(rank, salt=1)
    return (word + NAME_ENDINGS[rank % len(NAME_ENDINGS)]).capitalize()


def rare_word(rank: int) -> str:
    """The ``rank``-th most frequent generated rare word (terms, jargon, slang, typos)."""
    return spell(rank, salt=2)


def load_sentences(profile: str) -> list[str]:
    """Sentences of the seeds (and the shared research corpus for the realistic profile)."""
    texts: list[str] = []
    for path in sorted(SEEDS.glob("*.txt")):
        for line in path.read_text(encoding="utf-8").splitlines():
            if len(line) > 80:  # body lines; headlines, bylines and datelines are short
                texts.append(line)
    if profile == "realistic" and SHARED_CSV.exists():
        csv.field_size_limit(1 << 30)
        with open(SHARED_CSV, encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle, delimiter=";"):
                texts.append(row.get("berita") or "")
    sentences = []
    for text in texts:
        text = _WS.sub(" ", text.replace("\u200e", "")).strip()
        for sentence in _SENTENCE_END.split(text):
            sentence = sentence.strip()
            if 30 <= len(sentence) <= 400 and not sentence.startswith("("):
                sentences.append(sentence)
    seen: set[str] = set()
    unique = [s for s in sentences if not (s in seen or seen.add(s))]
    return unique


class Generator:
    def __init__(self, profile: str = "realistic", seed: int = 1) -> None:
        self.rng = random.Random(seed)
        self.sentences = load_sentences(profile)
        if not self.sentences:
            raise SystemExit("no seed sentences found")

    def _inject(self, words: list[str], token: str) -> None:
        at = self.rng.randint(1, max(1, len(words) - 1))
        words.insert(at, token)

    def paragraph(self) -> str:
        rng = self.rng
        count = rng.choice((1, 2, 2, 3, 3, 4))
        text = " ".join(rng.choice(self.sentences) for _ in range(count))
        while len(text) > PARAGRAPH_LIMIT - 80 and " " in text:
            text = text[: text.rfind(" ", 0, PARAGRAPH_LIMIT - 80)]
        words = text.split(" ")
        for _ in range(rng.choice((0, 1, 1, 2))):
            self._inject(words, name_of(zipf_rank(rng, 1.5, 10**9, flat=50)))
        for _ in range(rng.choice((1, 1, 2, 3))):
            self._inject(words, rare_word(zipf_rank(rng, 1.25, 10**9, flat=300)))
        return " ".join(words)

    def article(self, paragraphs: int) -> tuple[str, str, list[str]]:
        rng = self.rng
        sentence = rng.choice(self.sentences)
        sentence = sentence.split(" - ", 1)[-1].split(" -- ", 1)[-1]  # no dateline in titles
        lead = [w for w in sentence.split(" ") if w.isalpha()][: rng.randint(3, 7)]
        title = " ".join(lead)
        title = f"{title} {name_of(zipf_rank(rng, 1.5, 10**9, flat=20))}".strip()
        title = " ".join(w[:1].upper() + w[1:] for w in title.split())
        outlet = OUTLETS[min(zipf_rank(rng, 1.6, len(OUTLETS)), len(OUTLETS)) - 1]
        dateline = f"{rng.choice(PLACES)}, {outlet}"
        return title, dateline, [self.paragraph() for _ in range(paragraphs)]


def article_lengths(rng: random.Random, total: int) -> list[int]:
    """Paragraphs per article: 3 to 30, about 12 on average, summing to ``total``."""
    lengths = []
    left = total
    while left > 0:
        n = min(left, max(3, min(30, int(rng.gauss(12, 5)))))
        lengths.append(n)
        left -= n
    return lengths


def generate(out: Path, paragraphs: int, profile: str = "realistic", seed: int = 1,
             quiet: bool = True) -> dict:
    """Write the corpus under ``out`` (replacing it) and return a description of it."""
    out = Path(out)
    if out.exists():
        shutil.rmtree(out)
    out.mkdir(parents=True)
    gen = Generator(profile, seed)
    lengths = article_lengths(random.Random(seed + 1), paragraphs)
    written = 0
    chars = 0
    for number, length in enumerate(lengths):
        title, dateline, paras = gen.article(length)
        folder = out / f"{number // FILES_PER_FOLDER:04d}"
        if number % FILES_PER_FOLDER == 0:
            folder.mkdir()
        body = "\n\n".join(paras)
        text = f"{title}\n\n{dateline}\n\n{body}\n"
        (folder / f"a{number:07d}.txt").write_text(text, encoding="utf-8")
        written += len(paras)
        chars += len(text)
        if not quiet and number % 5000 == 0:
            print(f"{written}/{paragraphs} paragraphs", file=sys.stderr)
    meta = {
        "paragraphs": written, "articles": len(lengths), "profile": profile, "seed": seed,
        "sentences": len(gen.sentences), "bytes": chars,
        "sources": ["seeds"] + (["berita_hoax_indonesia.csv"]
                                if profile == "realistic" and SHARED_CSV.exists() else []),
    }
    (out.parent / f"{out.name}.meta.json").write_text(json.dumps(meta, indent=2))
    return meta


def read_generated(path: Path) -> tuple[str, str, list[str]]:
    """Title, outlet and paragraphs of a generated file (its format is fixed, see ``article``)."""
    text = path.read_text(encoding="utf-8")
    title, dateline, *paras = [b for b in text.split("\n\n") if b.strip()]
    return title.strip(), dateline.split(", ", 1)[-1].strip(), [p.strip() for p in paras]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--paragraphs", type=int, default=10_000)
    ap.add_argument("--profile", choices=("realistic", "seeds"), default="realistic")
    ap.add_argument("--seed", type=int, default=1)
    args = ap.parse_args(argv)
    meta = generate(args.out, args.paragraphs, args.profile, args.seed, quiet=False)
    print(json.dumps(meta))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
