"""PostgreSQL loads of two checkouts on one corpus, taking turns, each into a new server.

    python bench/pg_load_ab.py OLD_CHECKOUT NEW_CHECKOUT --corpus DIR [--loads 3]
        [--whoosh] [--work DIR] [--out FILE]

On a shared machine the speed moves from minute to minute (by half within an hour here), so
the two are never timed apart: loads alternate (old, new, old, new, ...), each in a fresh
process that imports its own checkout (checked: each load reports the folder its ``reader``
came from, and the output names each checkout's commit), each into a new temporary server
with ``bench/pg.py``'s settings. A load is a rebuild of the whole corpus as ``reader index``
makes it (files read, quotes found and analysed in worker processes, rows copied, indexes
built, committed); each reports wall seconds, paragraphs a second and the CPU seconds of the
loading process, its analysing workers and the server. ``--whoosh`` also builds a Whoosh
index of the corpus with the new checkout in each round, for the rate beside it. Medians per
side and the new/old ratio of the rates go to one JSON document with the machine.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent

LOAD = """
import json, sys
sys.path.insert(0, sys.argv[3])
import pg  # bench/pg.py of this benchmark's checkout: load(), changes(), server settings
sys.path.insert(0, sys.argv[1])  # the checkout loaded comes first, after it
for name in [m for m in sys.modules if m == "reader" or m.startswith("reader.")]:
    del sys.modules[name]
import reader
assert reader.__file__.startswith(sys.argv[1]), reader.__file__
from pathlib import Path
from reader.search.postgresql.backend import PostgresBackend
from reader.search.postgresql.instance import LocalServer

server = LocalServer(Path(sys.argv[4]), settings=pg.SERVER_SETTINGS).init().start()
try:
    result = pg.load(PostgresBackend(server.dsn()), Path(sys.argv[2]), [server])
finally:
    server.remove()
result["reader"] = reader.__file__
print(json.dumps(result))
"""


def commit(checkout: Path) -> str:
    return subprocess.run(["git", "-C", str(checkout), "rev-parse", "--short", "HEAD"],
                          capture_output=True, text=True, check=False).stdout.strip()


def load(checkout: Path, corpus: Path, work: Path) -> dict:
    folder = Path(tempfile.mkdtemp(prefix="reader-pg-ab-", dir=work))
    try:
        subprocess.run([sys.executable, "-m", "compileall", "-q", str(checkout / "reader")],
                       check=True, capture_output=True)
        out = subprocess.run([sys.executable, "-c", LOAD, str(checkout), str(corpus),
                              str(HERE), str(folder / "server")],
                             capture_output=True, text=True, check=False)
        if out.returncode != 0:
            raise SystemExit(f"the load of {checkout} failed:\n{out.stderr[-3000:]}")
        return json.loads(out.stdout.strip().splitlines()[-1])
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def whoosh(checkout: Path, corpus: Path, work: Path) -> dict:
    sys.path.insert(0, str(HERE))
    import run  # bench/run.py: the Whoosh build as its benchmark times it

    index = work / "whoosh-ab-index"
    shutil.rmtree(index, ignore_errors=True)
    try:
        built = run.child("index", str(corpus), str(index))
    finally:
        shutil.rmtree(index, ignore_errors=True)
    return {"seconds": round(built["seconds"], 2), "paragraphs": built["paragraphs"],
            "paragraphs_per_s": round(built["paragraphs"] / built["seconds"], 1),
            "cpu_seconds": round(built["cpu_seconds"], 2)}


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("old", type=Path)
    ap.add_argument("new", type=Path)
    ap.add_argument("--corpus", type=Path, required=True)
    ap.add_argument("--loads", type=int, default=3, help="loads of each side")
    ap.add_argument("--whoosh", action="store_true", help="a Whoosh build in each round too")
    ap.add_argument("--work", type=Path, default=HERE / "work",
                    help="where the servers live (the server's own user must reach it)")
    ap.add_argument("--out", type=Path)
    args = ap.parse_args(argv)
    sys.path.insert(0, str(HERE))
    import run

    args.work.mkdir(parents=True, exist_ok=True)
    sides = {"old": args.old.resolve(), "new": args.new.resolve()}
    doc: dict = {"schema": "reader-bench-pg-load-ab/1", "machine": run.machine(),
                 "corpus": str(args.corpus.resolve()),
                 "commits": {side: commit(path) for side, path in sides.items()},
                 "loads": {"old": [], "new": []}, "whoosh": []}
    for turn in range(args.loads):
        order = ("old", "new") if turn % 2 == 0 else ("new", "old")
        for side in order:
            result = load(sides[side], args.corpus.resolve(), args.work.resolve())
            doc["loads"][side].append(result)
            print(side, json.dumps(result), file=sys.stderr, flush=True)
        if args.whoosh:
            doc["whoosh"].append(whoosh(sides["new"], args.corpus.resolve(), args.work.resolve()))
            print("whoosh", json.dumps(doc["whoosh"][-1]), file=sys.stderr, flush=True)
    rates = {side: statistics.median(r["paragraphs_per_s"] for r in runs)
             for side, runs in doc["loads"].items()}
    doc["median_paragraphs_per_s"] = rates
    doc["ratio_new_to_old"] = round(rates["new"] / rates["old"], 3)
    if doc["whoosh"]:
        doc["whoosh_median_paragraphs_per_s"] = statistics.median(
            w["paragraphs_per_s"] for w in doc["whoosh"])
    text = json.dumps(doc, indent=2)
    if args.out:
        args.out.write_text(text + "\n", encoding="utf-8")
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
