"""Two checkouts of the TUI side by side: keystroke to painted results at one corpus.

    python bench/tui_ab.py OLD_CHECKOUT NEW_CHECKOUT --corpus DIR --index DIR
        [--rounds 4] [--queries '["Tokayev", "presiden"]'] [--out FILE]

On a shared machine the load changes from minute to minute, so the two are never timed apart:
every round runs both, in alternating order, each in a fresh process that imports its own
checkout of ``reader`` but the same driver (``child_tui`` of this checkout's ``bench/run.py``,
which types each query key by key through Pilot and waits for each answer to be painted).
Both read the same index, so the index format must not differ between the checkouts. Each
keystroke gives wall-clock and CPU time (of the whole process) from key to painted results;
the figures are pooled over the rounds, with the CPU seconds of every child.
"""

from __future__ import annotations

import argparse
import json
import resource
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent

DRIVER = """
import json, sys
sys.path.insert(0, {bench!r})
import run  # this checkout's driver
sys.path.insert(0, {checkout!r})
for name in [m for m in sys.modules if m == "reader" or m.startswith("reader.")]:
    del sys.modules[name]
import reader
assert reader.__file__.startswith({checkout!r}), reader.__file__
print(json.dumps(run.child_tui(*sys.argv[1:])))
"""

DEFAULT_QUERIES = ["Tokayev", "presiden", "presiden indonesia", "title:kazakhstan"]


def pct(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    k = (len(ordered) - 1) * q / 100
    lo = int(k)
    hi = min(lo + 1, len(ordered) - 1)
    return round(ordered[lo] + (ordered[hi] - ordered[lo]) * (k - lo), 1)


def one(checkout: Path, corpus: str, index: str, queries: str, data: Path) -> dict:
    code = DRIVER.format(bench=str(HERE), checkout=str(checkout.resolve()))
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    began = time.perf_counter()
    env = {**__import__("os").environ, "READER_DATA_DIR": str(data)}
    proc = subprocess.run([sys.executable, "-c", code, corpus, index, queries],
                          capture_output=True, text=True, timeout=1800, env=env)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode != 0:
        raise RuntimeError(proc.stderr[-3000:])
    out = json.loads(proc.stdout.strip().splitlines()[-1])
    out["process_cpu_s"] = round(after.ru_utime + after.ru_stime
                                 - before.ru_utime - before.ru_stime, 2)
    out["process_wall_s"] = round(time.perf_counter() - began, 2)
    return out


def summary(runs: list[dict]) -> dict:
    rows = [row for run in runs for row in run["typed"] if "key_to_paint_ms" in row]
    out: dict = {"keystrokes": len(rows)}
    for field in ("key_to_paint_ms", "key_to_paint_cpu_ms", "search_to_paint_ms",
                  "library_search_ms"):
        values = [row[field] for row in rows if row.get(field) is not None]
        out[field] = {"p50": pct(values, 50), "p95": pct(values, 95),
                      "max": max(values) if values else None}
    complete = [run.get("keystroke_complete_p95_ms") for run in runs]
    out["complete_p95_ms_per_run"] = [round(c, 1) if c else c for c in complete]
    for field in ("first_paint_ms", "index_ready_ms"):  # process start to first frame,
        values = [run[field] for run in runs if run.get(field) is not None]  # and searchable
        out[field] = {"p50": pct(values, 50), "max": round(max(values), 1) if values else None,
                      "runs": [round(v, 1) for v in values]}
    out["child_cpu_s"] = [run["process_cpu_s"] for run in runs]
    out["child_wall_s"] = [run["process_wall_s"] for run in runs]
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("old", type=Path)
    ap.add_argument("new", type=Path)
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--index", required=True)
    ap.add_argument("--rounds", type=int, default=4)
    ap.add_argument("--queries", default=json.dumps(DEFAULT_QUERIES))
    ap.add_argument("--data", type=Path, default=HERE / "work" / "tui-ab-data",
                    help="READER_DATA_DIR of the children (no remembered article)")
    ap.add_argument("--out", type=Path)
    args = ap.parse_args(argv)
    runs: dict[str, list[dict]] = {"old": [], "new": []}
    for n in range(args.rounds):
        order = ("old", "new") if n % 2 == 0 else ("new", "old")
        for side in order:
            checkout = args.old if side == "old" else args.new
            run = one(checkout, args.corpus, args.index, args.queries, args.data)
            runs[side].append(run)
            print(f"round {n + 1} {side}: searchable at {run['index_ready_ms']:.0f} ms, keys p50 "
                  f"{run['keystroke_p50_ms']:.1f} p95 {run['keystroke_p95_ms']:.1f} ms, "
                  f"{run['process_cpu_s']} CPU s",
                  file=sys.stderr, flush=True)
    doc = {"queries": json.loads(args.queries), "rounds": args.rounds,
           "corpus": args.corpus, "old": summary(runs["old"]), "new": summary(runs["new"]),
           "runs": runs}
    text = json.dumps(doc, indent=1, ensure_ascii=False)
    if args.out:
        args.out.write_text(text + "\n")
    print(json.dumps({k: doc[k] for k in ("old", "new")}, indent=1))
    return 0


if __name__ == "__main__":
    sys.exit(main())
