"""Cold start of ``reader search``: fresh processes, one or more source trees side by side.

Each run is a new ``python -m reader search QUERY`` process on an index that is already up to
date, so the time is the start path: imports, opening the index, the freshness check, one
query, printing. Trees are interleaved (A B A B ...) so a busy machine slows both alike. It
also lists which heavy frameworks the start path imported (``python -X importtime``).

    python bench/cli_start.py --corpus seeds --index /tmp/ix --tree . --tree /tmp/old-checkout
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

HEAVY = ("typer", "click", "rich", "pydantic", "textual", "whoosh", "charset_normalizer",
         "trafilatura", "Sastrawi", "platformdirs")


def command(query: str, corpus: Path, index: Path) -> list[str]:
    return [sys.executable, "-m", "reader", "search", query, "--corpus", str(corpus),
            "--index", str(index)]


def environment(tree: Path) -> dict[str, str]:
    return {**os.environ, "PYTHONPATH": str(tree.resolve()), "NO_COLOR": "1"}


def imported(tree: Path, argv: list[str]) -> dict[str, float]:
    """Import time in ms spent in each heavy package the start path imports (the sum of
    its modules' own times)."""
    done = subprocess.run([argv[0], "-X", "importtime", *argv[1:]], capture_output=True,
                          env=environment(tree), cwd="/", text=True, errors="replace")
    found: dict[str, float] = {}
    for line in done.stderr.splitlines():
        if not line.startswith("import time:") or "|" not in line:
            continue
        own, _, name = (part.strip() for part in line.split("|"))
        top = name.split(".")[0]
        if top in HEAVY:
            found[top] = found.get(top, 0.0) + int(own.split(":")[-1]) / 1000
    return found


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--tree", type=Path, action="append", required=True,
                    help="a source tree holding the reader package (repeat to compare)")
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--index", type=Path, action="append", required=True,
                    help="its index (one per tree, or one for all)")
    ap.add_argument("--query", default="Tokayev")
    ap.add_argument("--runs", type=int, default=20)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    indexes = args.index if len(args.index) == len(args.tree) else args.index[:1] * len(args.tree)
    runs: dict[int, list[float]] = {i: [] for i in range(len(args.tree))}
    cpu: dict[int, list[float]] = {i: [] for i in range(len(args.tree))}
    for i, tree in enumerate(args.tree):  # warm the page cache and the bytecode
        subprocess.run(command(args.query, args.corpus, indexes[i]), env=environment(tree),
                       cwd="/", capture_output=True, check=False)
    for _ in range(args.runs):
        for i, tree in enumerate(args.tree):
            before = os.times()
            started = time.perf_counter()
            subprocess.run(command(args.query, args.corpus, indexes[i]), env=environment(tree),
                           cwd="/", capture_output=True, check=False)
            runs[i].append((time.perf_counter() - started) * 1000)
            after = os.times()
            cpu[i].append((after.children_user - before.children_user
                           + after.children_system - before.children_system) * 1000)
    report = []
    for i, tree in enumerate(args.tree):
        wall = sorted(runs[i])
        report.append({
            "tree": str(tree), "runs": args.runs,
            "median_ms": round(statistics.median(wall), 1),
            "p95_ms": round(wall[min(len(wall) - 1, int(0.95 * len(wall)))], 1),
            "min_ms": round(wall[0], 1),
            "cpu_median_ms": round(statistics.median(cpu[i]), 1),
            "heavy_imports_ms": imported(tree, command(args.query, args.corpus, indexes[i])),
        })
    if args.json:
        print(json.dumps(report, indent=2))
        return
    for row in report:
        heavy = ", ".join(f"{k} {v:.0f}" for k, v in sorted(row["heavy_imports_ms"].items()))
        print(f"{row['tree']}: median {row['median_ms']} ms, p95 {row['p95_ms']} ms, "
              f"min {row['min_ms']} ms, CPU median {row['cpu_median_ms']} ms "
              f"({row['runs']} runs)\n  heavy imports (ms): {heavy or 'none'}")


if __name__ == "__main__":
    main()
