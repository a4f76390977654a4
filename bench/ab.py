"""Two checkouts of the reader side by side on one corpus: build rate and warm query times.

    python bench/ab.py OLD_CHECKOUT NEW_CHECKOUT --corpus DIR --queries-from RUN.json
        [--rounds 8] [--builds 2] [--seconds 1.5] [--work DIR]

On a shared machine the load changes from minute to minute, so the two are never timed apart:
every round times both, in alternating order, each in a fresh process that imports its own
checkout, and the figures compared are medians over all rounds. ``--queries-from`` takes the
queries of a ``bench/run.py`` JSON document (its ``queries`` section), so both are asked what
the main benchmark asks. Prints one JSON document: per query class the median and p95 of each
side and new/old ratios, and the index build rate of each side.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

QUERIES = """
import json, sys, time
sys.path.insert(0, sys.argv[1])
from reader.library import Library
corpus, index, seconds = sys.argv[2], sys.argv[3], float(sys.argv[5])
queries = json.loads(sys.argv[4])
library = Library(corpus, index)
library.update()
out = {}
for name, query in queries.items():
    for _ in range(3):
        library.search(query, limit=20)
    samples = []
    end = time.perf_counter() + seconds
    while len(samples) < 5 or (time.perf_counter() < end and len(samples) < 500):
        began = time.perf_counter()
        library.search(query, limit=20)
        samples.append((time.perf_counter() - began) * 1000)
    out[name] = samples
print(json.dumps(out))
"""

BUILD = """
import json, shutil, sys, time
sys.path.insert(0, sys.argv[1])
from reader.library import Library
shutil.rmtree(sys.argv[3], ignore_errors=True)
library = Library(sys.argv[2], sys.argv[3])
began = time.perf_counter()
report = library.update()
seconds = time.perf_counter() - began
print(json.dumps({"seconds": seconds, "paragraphs": report.paragraphs}))
"""


def run(code: str, *args: str) -> dict:
    done = subprocess.run([sys.executable, "-c", code, *args], capture_output=True, text=True,
                          cwd="/")
    if done.returncode != 0:
        raise SystemExit(f"a timing process failed: {done.stderr[-2000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def pct(samples: list[float], q: float) -> float:
    data = sorted(samples)
    k = (len(data) - 1) * q / 100
    lo = int(k)
    hi = min(lo + 1, len(data) - 1)
    return data[lo] + (data[hi] - data[lo]) * (k - lo)


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("old", type=Path)
    ap.add_argument("new", type=Path)
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--queries-from", type=Path, required=True)
    ap.add_argument("--rounds", type=int, default=8)
    ap.add_argument("--builds", type=int, default=2)
    ap.add_argument("--seconds", type=float, default=1.5)
    ap.add_argument("--work", type=Path, default=Path(__file__).resolve().parent / "work" / "ab")
    args = ap.parse_args(argv)
    sides = {"old": args.old.resolve(), "new": args.new.resolve()}
    queries = {name: spec["query"] for name, spec in
               json.loads(args.queries_from.read_text())["queries"].items()}
    args.work.mkdir(parents=True, exist_ok=True)
    index = {side: args.work / f"index-{side}" for side in sides}

    builds: dict[str, list[dict]] = {side: [] for side in sides}
    for round_ in range(max(1, args.builds)):
        order = list(sides) if round_ % 2 == 0 else list(reversed(sides))
        for side in order:
            print(f"build {round_ + 1} {side}", file=sys.stderr, flush=True)
            builds[side].append(run(BUILD, str(sides[side]), str(args.corpus), str(index[side])))

    samples: dict[str, dict[str, list[float]]] = {side: {q: [] for q in queries} for side in sides}
    rounds: dict[str, dict[str, list[float]]] = {side: {q: [] for q in queries} for side in sides}
    for round_ in range(args.rounds):
        order = list(sides) if round_ % 2 == 0 else list(reversed(sides))
        for side in order:
            print(f"queries {round_ + 1} {side}", file=sys.stderr, flush=True)
            got = run(QUERIES, str(sides[side]), str(args.corpus), str(index[side]),
                      json.dumps(queries), str(args.seconds))
            for name, values in got.items():
                samples[side][name] += values
                rounds[side][name].append(statistics.median(values))

    out: dict = {"old": str(sides["old"]), "new": str(sides["new"]), "corpus": str(args.corpus),
                 "rounds": args.rounds, "when": time.strftime("%Y-%m-%d %H:%M"), "queries": {},
                 "index": {}}
    for name, query in queries.items():
        row: dict = {"query": query}
        for side in sides:
            row[side] = {"median_ms": round(statistics.median(samples[side][name]), 3),
                         "p95_ms": round(pct(samples[side][name], 95), 3),
                         "best_round_median_ms": round(min(rounds[side][name]), 3),
                         "runs": len(samples[side][name])}
        for key in ("median_ms", "p95_ms", "best_round_median_ms"):
            row[f"ratio_{key}"] = round(row["new"][key] / max(row["old"][key], 1e-9), 3)
        out["queries"][name] = row
    for side in sides:
        rates = [b["paragraphs"] / b["seconds"] for b in builds[side]]
        out["index"][side] = {"paragraphs_per_s": [round(r, 1) for r in rates],
                              "best": round(max(rates), 1)}
    out["index"]["ratio_best"] = round(out["index"]["new"]["best"]
                                       / max(out["index"]["old"]["best"], 1e-9), 3)
    for side in sides:
        shutil.rmtree(index[side], ignore_errors=True)
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
