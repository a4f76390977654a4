"""Benchmark quotation finding: speed per 300-character paragraph, and accuracy on hand labels.

    python bench/quotes.py [--json] [--repeat N] [--no-accuracy] [--against CHECKOUT]

Speed: every article of the bundled seeds, plus the real-news CSV and the news-dev corpus when
``../shared`` is beside the checkout, read through ``reader.ingest``; ``find_quotes`` runs on
each article's unique paragraphs (as the indexer calls it) ``--repeat`` times, and the best run
gives milliseconds of CPU time (the process's own, so other work on a shared machine counts
less; wall time is reported beside it) per 300 characters of paragraph text. The target is
0.3 ms. ``--against CHECKOUT`` times another checkout's rules (say, a worktree of an older
commit) on the same paragraphs (read by this checkout), alternating with these in the same
run, and prints the ratio.

Accuracy: the figures of ``tests/quote_scoring.py`` per label set and language (statement
recall, speaker right, precision, terms, via). Benchmarks are never timed tests.
"""

from __future__ import annotations

import argparse
import inspect
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from reader.ingest import load  # noqa: E402
from reader.language.quotes import find_quotes  # noqa: E402
from tests.quote_scoring import HOAX_CSV, NEWS_DEV  # noqa: E402

TARGET_MS_PER_300 = 0.3


def corpora() -> list[Path]:
    found = [REPO / "seeds"]
    found += [path for path in (HOAX_CSV, NEWS_DEV / "articles") if path.exists()]
    return found


def articles() -> list[tuple[list[str], str | None]]:
    """Each article's unique paragraph texts and language, read as the indexer reads them."""
    found = []
    for path in corpora():
        for article in load(path):
            found.append(([p.text for p in article.paragraphs if p.repeat_of is None],
                          article.language))
    return found


def best_time(find, corpus: list[tuple[list[str], str | None]], repeat: int) -> tuple[float, float]:
    """Best CPU and wall seconds of ``repeat`` passes of ``find`` over every article."""
    takes_language = _takes_language(find)
    best = best_wall = float("inf")
    for _ in range(repeat):
        began, began_wall = time.process_time(), time.perf_counter()
        for texts, language in corpus:
            find(texts, language=language) if takes_language else find(texts)
        best = min(best, time.process_time() - began)
        best_wall = min(best_wall, time.perf_counter() - began_wall)
    return best, best_wall


def _takes_language(find) -> bool:
    """Whether ``find_quotes`` takes ``language`` (older commits' did not); a compiled one
    (mypyc) has no signature to read, and was compiled after the parameter came."""
    try:
        return "language" in inspect.signature(find).parameters
    except ValueError:
        return True


def speed(repeat: int, against: Path | None = None) -> dict:
    corpus = articles()
    chars = sum(len(text) for texts, _ in corpus for text in texts)
    paragraphs = sum(len(texts) for texts, _ in corpus)
    per_300 = 1000 / (chars / 300)
    rounds = []
    for _ in range(3 if against else 1):  # alternate with the other checkout, same minutes
        cpu, wall = best_time(find_quotes, corpus, repeat)
        rounds.append({"cpu": cpu, "wall": wall})
        if against:
            rounds[-1]["against_cpu"] = _other(against, corpus, repeat)
    best = min(r["cpu"] for r in rounds)
    best_wall = min(r["wall"] for r in rounds)
    out = {"corpora": [os.path.relpath(p, REPO) for p in corpora()], "articles": len(corpus),
           "paragraphs": paragraphs, "characters": chars, "best_cpu_s": round(best, 4),
           "best_wall_s": round(best_wall, 4), "ms_per_300_chars": round(best * per_300, 4),
           "wall_ms_per_300_chars": round(best_wall * per_300, 4),
           "target_ms": TARGET_MS_PER_300, "within_target": best * per_300 <= TARGET_MS_PER_300}
    if against:
        theirs = min(r["against_cpu"] for r in rounds)
        out["against"] = {"checkout": str(against), "best_cpu_s": round(theirs, 4),
                          "ms_per_300_chars": round(theirs * per_300, 4),
                          "ratio": round(best / theirs, 3)}
    return out


_OTHER = """
import inspect, json, sys, time
sys.path.insert(0, sys.argv[1])
from reader.language.quotes import find_quotes
corpus = json.load(open(sys.argv[2], encoding="utf-8"))
try:
    takes_language = "language" in inspect.signature(find_quotes).parameters
except ValueError:  # compiled (mypyc): no signature to read, and written after the parameter
    takes_language = True
best = float("inf")
for _ in range(int(sys.argv[3])):
    began = time.process_time()
    for texts, language in corpus:
        find_quotes(texts, language=language) if takes_language else find_quotes(texts)
    best = min(best, time.process_time() - began)
print(best)
"""


def _other(checkout: Path, corpus: list[tuple[list[str], str | None]], repeat: int) -> float:
    """Best CPU seconds of another checkout's ``find_quotes`` on the same paragraphs."""
    with tempfile.NamedTemporaryFile("w", suffix=".json", encoding="utf-8") as handle:
        json.dump(corpus, handle, ensure_ascii=False)
        handle.flush()
        done = subprocess.run([sys.executable, "-c", _OTHER, str(checkout), handle.name,
                               str(repeat)], capture_output=True, text=True, check=True)
    return float(done.stdout.strip().splitlines()[-1])


def accuracy() -> dict:
    from tests.quote_scoring import score_hoax, score_news_dev

    out: dict = {}
    if NEWS_DEV.is_dir():
        score = score_news_dev()
        out["news-dev"] = {lang or "all": score.figures(lang) for lang in ("id", "en", None)}
    if HOAX_CSV.is_file():
        out["hoax-csv"] = {"id": score_hoax().figures("id")}
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print one JSON document")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-accuracy", action="store_true")
    parser.add_argument("--against", type=Path, metavar="CHECKOUT",
                        help="also time another checkout's rules, alternating in the same run")
    args = parser.parse_args(argv)
    result = {"speed": speed(args.repeat, args.against)}
    if not args.no_accuracy:
        result["accuracy"] = accuracy()
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    s = result["speed"]
    print(f"{s['paragraphs']} paragraphs, {s['characters']} characters: "
          f"{s['ms_per_300_chars']} ms CPU ({s['wall_ms_per_300_chars']} wall) per 300 "
          f"characters (target {TARGET_MS_PER_300})")
    if "against" in s:
        print(f"{s['against']['checkout']}: {s['against']['ms_per_300_chars']} ms CPU; "
              f"ratio {s['against']['ratio']}")
    for name, by_lang in result.get("accuracy", {}).items():
        for lang, f in by_lang.items():
            print(f"{name:9} {lang:3} recall {f['found']}/{f['statements']}={f['recall']:.3f} "
                  f"speaker {f['speaker_right']}/{f['found']}={f['speaker']:.3f} "
                  f"precision {f['extracted_true']}/{f['extracted']}={f['precision']:.3f} "
                  f"terms {f['terms_right']}/{f['terms']}={f['term_accuracy']:.3f} "
                  f"via {f['via_right']}/{f['via']}={f['via_accuracy']:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
