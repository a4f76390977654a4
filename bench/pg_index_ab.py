"""Searches on one loaded server with the postings' B-tree in two forms, taking turns.

    python bench/pg_index_ab.py DSN --queries RESULT.json [--rounds 2] [--runs 25] [--out FILE]

The server at ``DSN`` holds a single-server index (``reader index --backend DSN``). Each round
builds the postings' B-tree as it was (the key and paragraph, carrying every other column
for index-only scans) and then as it is now (the key and paragraph only, the rows read from
the table, which a full load writes in the key's order), times the build and measures its
size, and then runs every query of an earlier ``bench/pg.py`` result (``queries``) through
``PostgresBackend.search``: three warm-up searches, then ``--runs`` timed ones, with median,
p95 and the total of hits (which must not move). The index is left as it is now. Prints the
JSON document (and writes it to ``--out``) with the machine.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(HERE.parent))

import run  # noqa: E402  (bench/run.py: the machine description)

FORMS = {"every column": "(key, id) INCLUDE (field, term, tf, len, en, pos, more)",
         "key and paragraph": "(key, id)"}


def build(dsn: str, columns: str) -> dict:
    import psycopg

    with psycopg.connect(dsn, autocommit=True) as conn:
        conn.execute("SET maintenance_work_mem = '1GB'")
        conn.execute("SET max_parallel_maintenance_workers = 0")
        conn.execute("DROP INDEX IF EXISTS reader.postings_key")
        start = time.perf_counter()
        conn.execute(f"CREATE INDEX postings_key ON reader.postings {columns}")
        seconds = time.perf_counter() - start
        conn.execute("VACUUM ANALYZE reader.postings")
        size = conn.execute("SELECT pg_relation_size('reader.postings_key')").fetchone()[0]
    return {"build_s": round(seconds, 1), "mb": size >> 20}


def searches(dsn: str, queries: dict[str, str], runs: int) -> dict:
    from reader.search.backend import SearchRequest
    from reader.search.postgresql.backend import PostgresBackend

    backend = PostgresBackend(dsn)
    out = {}
    try:
        for name, query in queries.items():
            request = SearchRequest(query, limit=20, time_budget=None)
            for _ in range(3):
                backend.search(request)
            times = []
            for _ in range(runs):
                start = time.perf_counter()
                result = backend.search(request)
                times.append(time.perf_counter() - start)
            times.sort()
            out[name] = {"median_ms": round(statistics.median(times) * 1000, 2),
                         "p95_ms": round(times[int(0.95 * (len(times) - 1))] * 1000, 2),
                         "total": result.total}
    finally:
        backend.close()
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("dsn")
    ap.add_argument("--queries", type=Path, required=True, help="a bench/pg.py result")
    ap.add_argument("--rounds", type=int, default=2)
    ap.add_argument("--runs", type=int, default=25)
    ap.add_argument("--out", type=Path)
    args = ap.parse_args(argv)
    queries = {k: v["query"] for k, v in json.loads(args.queries.read_text())["queries"].items()}
    doc = {"what": __doc__.split("\n\n")[0], "machine": run.machine(), "queries": queries,
           "rounds": []}
    for _ in range(args.rounds):
        for form, columns in FORMS.items():
            doc["rounds"].append({"index": form, **build(args.dsn, columns),
                                  "classes": searches(args.dsn, queries, args.runs)})
            print(json.dumps(doc["rounds"][-1]), file=sys.stderr, flush=True)
            if args.out:
                args.out.write_text(json.dumps(doc, indent=2) + "\n")
    print(json.dumps(doc, indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
