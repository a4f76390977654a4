"""Full builds of two checkouts on one corpus, taking turns: CPU, wall time and memory.

    python bench/build_ab.py OLD_CHECKOUT NEW_CHECKOUT --corpus DIR [--builds 2]
        [--procs N] [--work DIR] [--out FILE]
    python bench/build_ab.py - NEW_CHECKOUT --corpus DIR --builds 1 --keep  (one side only)

On a shared machine the load moves from minute to minute, so the two are never built apart:
builds alternate (old, new, new, old, ...), each in a fresh process that imports its own
checkout (checked: each build reports the folder its ``reader`` came from, and the output
names each checkout's commit). Each build reports wall seconds, CPU seconds of the process
and its analysing children (what other people's work inflates least), paragraphs a
CPU-second, and the peak of the resident memory of all its processes together, sampled every
50 ms from ``/proc`` (the analysing processes run at the same time, so their peaks add up),
with each process's share at that moment and each process's own peak, and the number of
segments the index ended with. ``--procs`` sets ``READER_INDEX_PROCS`` (1: the build stays
in one process).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

BUILD = """
import json, os, shutil, sys, time
sys.path.insert(0, sys.argv[4])
from run import RssSampler  # bench/run.py puts its own checkout on the path: the one built
sys.path.insert(0, sys.argv[1])  # comes first, after it
for name in [m for m in sys.modules if m == "reader" or m.startswith("reader.")]:
    del sys.modules[name]
import reader
assert reader.__file__.startswith(sys.argv[1]), reader.__file__
from reader.library import Library


class Sampler(RssSampler):
    # the benchmark's sampler, also keeping each process's own peak

    def __init__(self, every):
        super().__init__(every)
        self.each_peak_kb = {}

    def _rss_kb(self, pid):
        kb = RssSampler._rss_kb(pid)
        if kb > self.each_peak_kb.get(pid, 0):
            self.each_peak_kb[pid] = kb
        return kb

index = sys.argv[3]
shutil.rmtree(index, ignore_errors=True)
library = Library(sys.argv[2], index)
began, used = time.perf_counter(), os.times()
with Sampler(every=0.05) as sampler:
    report = library.update()
seconds, after = time.perf_counter() - began, os.times()
cpu = sum(after[:4]) - sum(used[:4])  # user and system, this process and its children
import re
from pathlib import Path
segments = len({m.group(1) for f in Path(index).rglob("reader_*")
                if (m := re.match(r"reader_(\\w+)\\.", f.name))})
print(json.dumps({"seconds": round(seconds, 2), "cpu": round(cpu, 2),
                  "paragraphs": report.paragraphs,
                  "peak_total_mb": round(sampler.peak_kb / 1024, 1),
                  "at_peak_mb": {"main": round(sampler.at_peak.get("main", 0) / 1024, 1),
                                 "children": [round(kb / 1024, 1)
                                              for kb in sampler.at_peak.get("children", [])]},
                  "each_peak_mb": {("main" if pid == str(os.getpid()) else pid): round(kb / 1024, 1)
                                   for pid, kb in sampler.each_peak_kb.items()},
                  "segments": segments, "code": os.path.dirname(os.path.dirname(reader.__file__))}))
"""


def build(code: Path, corpus: Path, index: Path, procs: int | None) -> dict:
    env = dict(os.environ)
    if procs:
        env["READER_INDEX_PROCS"] = str(procs)
    done = subprocess.run([sys.executable, "-c", BUILD, str(code), str(corpus), str(index),
                           str(HERE)], capture_output=True, text=True, cwd="/", env=env)
    if done.returncode != 0:
        raise SystemExit(f"a build failed: {done.stderr[-2000:]}")
    got = json.loads(done.stdout.strip().splitlines()[-1])
    got["paragraphs_per_cpu_s"] = round(got["paragraphs"] / max(got["cpu"], 1e-9), 1)
    got["paragraphs_per_s"] = round(got["paragraphs"] / max(got["seconds"], 1e-9), 1)
    return got


def revision(checkout: Path) -> str:
    """The checkout's commit, marked when files differ from it."""
    head = subprocess.run(["git", "-C", str(checkout), "describe", "--always", "--dirty"],
                          capture_output=True, text=True)
    return head.stdout.strip() or "not a git checkout"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("old", help="a checkout, or - for none")
    ap.add_argument("new", type=Path)
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--builds", type=int, default=2)
    ap.add_argument("--procs", type=int, default=None)
    ap.add_argument("--work", type=Path, default=HERE / "work" / "build-ab")
    ap.add_argument("--keep", action="store_true", help="keep the indexes built")
    ap.add_argument("--out", type=Path)
    args = ap.parse_args(argv)
    args.corpus, args.work = args.corpus.resolve(), args.work.resolve()
    sides = {"new": args.new.resolve()}
    if args.old != "-":
        sides = {"old": Path(args.old).resolve(), **sides}
    args.work.mkdir(parents=True, exist_ok=True)
    runs: dict[str, list[dict]] = {side: [] for side in sides}
    when = time.strftime("%Y-%m-%d %H:%M")
    sys.path.insert(0, str(HERE))
    from run import machine

    described = machine()  # before the builds: its load average is the one they started at
    for round_ in range(max(1, args.builds)):
        order = list(sides) if round_ % 2 == 0 else list(reversed(sides))
        for side in order:
            index = args.work / f"index-{side}"
            load = os.getloadavg()[0]
            got = build(sides[side], args.corpus, index, args.procs)
            got["load_before"] = round(load, 2)
            runs[side].append(got)
            print(f"build {round_ + 1} {side}: {json.dumps(got)}", file=sys.stderr, flush=True)
            if not args.keep:
                shutil.rmtree(index, ignore_errors=True)
    out: dict = {"when": when, "machine": described, "corpus": str(args.corpus),
                 "procs": args.procs,
                 "code": {side: f"{path} ({revision(path)})" for side, path in sides.items()},
                 "runs": runs,
                 "median": {side: {key: statistics.median(r[key] for r in got)
                                   for key in ("paragraphs_per_cpu_s", "paragraphs_per_s",
                                               "cpu", "seconds", "peak_total_mb")}
                            for side, got in runs.items()}}
    text = json.dumps(out, indent=1)
    if args.out:
        args.out.write_text(text + "\n")
    print(text)
    return 0


if __name__ == "__main__":
    sys.exit(main())
