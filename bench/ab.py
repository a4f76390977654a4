"""Two checkouts of the reader side by side on one corpus: build rate and warm query times.

    python bench/ab.py OLD_CHECKOUT NEW_CHECKOUT --corpus DIR --queries-from RUN.json
        [--rounds 8] [--builds 2] [--seconds 1.5] [--work DIR]

On a shared machine the load changes from minute to minute, so the two are never timed apart:
every round times both, in alternating order, each in a fresh process that imports its own
checkout. Each search is timed in wall-clock and in the CPU time of its thread (what a busy
machine disturbs least), and each round gives a new/old ratio; the ratios compared are the
medians over all rounds. Builds are timed the same way (CPU time of the process and its
analysing children). ``--queries-from`` takes the queries of a ``bench/run.py`` JSON document
(its ``queries`` section), so both are asked what the main benchmark asks.
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
library.warm_up()  # as a TUI session does once its index is open
out = {}
for name, query in queries.items():
    for _ in range(3):
        library.search(query, limit=20)
    wall, cpu = [], []
    end = time.perf_counter() + seconds
    while len(wall) < 5 or (time.perf_counter() < end and len(wall) < 500):
        began, used = time.perf_counter(), time.thread_time()
        library.search(query, limit=20)
        cpu.append((time.thread_time() - used) * 1000)
        wall.append((time.perf_counter() - began) * 1000)
    out[name] = {"wall": wall, "cpu": cpu}
print(json.dumps(out))
"""

BUILD = """
import json, os, shutil, sys, time
sys.path.insert(0, sys.argv[1])
from reader.library import Library
shutil.rmtree(sys.argv[3], ignore_errors=True)
library = Library(sys.argv[2], sys.argv[3])
began, used = time.perf_counter(), os.times()
report = library.update()
seconds, after = time.perf_counter() - began, os.times()
cpu = sum(after[:4]) - sum(used[:4])  # user and system, this process and its children
print(json.dumps({"seconds": seconds, "cpu": cpu, "paragraphs": report.paragraphs}))
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

    kinds = ("wall", "cpu")
    samples = {side: {q: {k: [] for k in kinds} for q in queries} for side in sides}
    rounds = {side: {q: {k: [] for k in kinds} for q in queries} for side in sides}
    for round_ in range(args.rounds):
        order = list(sides) if round_ % 2 == 0 else list(reversed(sides))
        for side in order:
            print(f"queries {round_ + 1} {side}", file=sys.stderr, flush=True)
            got = run(QUERIES, str(sides[side]), str(args.corpus), str(index[side]),
                      json.dumps(queries), str(args.seconds))
            for name, values in got.items():
                for kind in kinds:
                    samples[side][name][kind] += values[kind]
                    rounds[side][name][kind].append(statistics.median(values[kind]))

    out: dict = {"old": str(sides["old"]), "new": str(sides["new"]), "corpus": str(args.corpus),
                 "rounds": args.rounds, "when": time.strftime("%Y-%m-%d %H:%M"), "queries": {},
                 "index": {}}
    for name, query in queries.items() if args.rounds else ():
        row: dict = {"query": query}
        for side in sides:
            row[side] = {f"{kind}_{stat}": round(fn(samples[side][name][kind]), 3)
                         for kind in kinds
                         for stat, fn in (("median_ms", statistics.median),
                                          ("p95_ms", lambda xs: pct(xs, 95)))}
            row[side]["runs"] = len(samples[side][name]["wall"])
        for kind in kinds:  # per round new/old, then the median of those ratios
            ratios = [n / max(o, 1e-9) for n, o in zip(rounds["new"][name][kind],
                                                       rounds["old"][name][kind], strict=True)]
            row[f"ratio_{kind}_median_of_rounds"] = round(statistics.median(ratios), 3)
            row[f"ratio_{kind}_p95"] = round(row["new"][f"{kind}_p95_ms"]
                                             / max(row["old"][f"{kind}_p95_ms"], 1e-9), 3)
        out["queries"][name] = row
    for side in sides:
        out["index"][side] = {
            "paragraphs": builds[side][0]["paragraphs"],
            "paragraphs_per_s": [round(b["paragraphs"] / b["seconds"], 1) for b in builds[side]],
            "paragraphs_per_cpu_s": [round(b["paragraphs"] / b["cpu"], 1) for b in builds[side]],
        }
    for key in ("paragraphs_per_s", "paragraphs_per_cpu_s"):
        out["index"][f"ratio_best_{key}"] = round(
            max(out["index"]["new"][key]) / max(max(out["index"]["old"][key]), 1e-9), 3)
    for side in sides:
        shutil.rmtree(index[side], ignore_errors=True)
    print(json.dumps(out, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
