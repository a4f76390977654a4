"""Benchmark quotation finding: speed per 300-character paragraph, and accuracy on hand labels.

    python bench/quotes.py [--json] [--repeat N] [--no-accuracy]

Speed: every article of the bundled seeds, plus the real-news CSV and the news-dev corpus when
``../shared`` is beside the checkout, read through ``reader.ingest``; ``find_quotes`` runs on
each article's unique paragraphs (as the indexer calls it) ``--repeat`` times, and the best run
gives milliseconds of CPU time (the process's own, so other work on a shared machine counts
less; wall time is reported beside it) per 300 characters of paragraph text. The target is
0.3 ms.

Accuracy: the figures of ``tests/quote_scoring.py`` per label set and language (statement
recall, speaker right, precision, terms, via). Benchmarks are never timed tests.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))

from reader.ingest import load  # noqa: E402
from reader.language.quotes import find_quotes  # noqa: E402
from tests.quote_scoring import HOAX_CSV, NEWS_DEV, score_hoax, score_news_dev  # noqa: E402

TARGET_MS_PER_300 = 0.3


def corpora() -> list[Path]:
    found = [REPO / "seeds"]
    found += [path for path in (HOAX_CSV, NEWS_DEV / "articles") if path.exists()]
    return found


def speed(repeat: int) -> dict:
    articles = []
    for path in corpora():
        for article in load(path):
            articles.append(([p.text for p in article.paragraphs if p.repeat_of is None],
                             article.language))
    chars = sum(len(text) for texts, _ in articles for text in texts)
    paragraphs = sum(len(texts) for texts, _ in articles)
    best = best_wall = float("inf")
    for _ in range(repeat):
        began, began_wall = time.process_time(), time.perf_counter()
        for texts, language in articles:
            find_quotes(texts, language=language)
        best = min(best, time.process_time() - began)
        best_wall = min(best_wall, time.perf_counter() - began_wall)
    per_300 = best * 1000 / (chars / 300)
    return {"corpora": [str(p) for p in corpora()], "articles": len(articles),
            "paragraphs": paragraphs, "characters": chars, "best_cpu_s": round(best, 4),
            "best_wall_s": round(best_wall, 4), "ms_per_300_chars": round(per_300, 4),
            "wall_ms_per_300_chars": round(best_wall * 1000 / (chars / 300), 4),
            "target_ms": TARGET_MS_PER_300, "within_target": per_300 <= TARGET_MS_PER_300}


def accuracy() -> dict:
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
    args = parser.parse_args(argv)
    result = {"speed": speed(args.repeat)}
    if not args.no_accuracy:
        result["accuracy"] = accuracy()
    if args.json:
        print(json.dumps(result, indent=2))
        return 0
    s = result["speed"]
    print(f"{s['paragraphs']} paragraphs, {s['characters']} characters: "
          f"{s['ms_per_300_chars']} ms CPU ({s['wall_ms_per_300_chars']} wall) per 300 "
          f"characters (target {TARGET_MS_PER_300})")
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
