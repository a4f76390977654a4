"""Benchmark the PostgreSQL backend against the Whoosh index on one generated corpus.

    python bench/pg.py --paragraphs 100000 [--profile realistic] [--work DIR] [--out FILE]

Starts a temporary PostgreSQL server of its own (in ``--work``, removed afterwards), and in the
same run on the same files measures:

- loading: end to end (files read, quotes found, analysis, COPY in batches of files, GIN
  indexes built) in paragraphs a second, against the Whoosh build of ``bench/run.py``;
- queries: median and p95 ms per class of ``bench/run.py`` (the same queries), Whoosh's
  ``Library.search`` against ``PostgresBackend.search`` (top 20 with text, highlights and an
  exact total), run in turn so a shared machine's load slows both alike, the CPU a search
  took on each (PostgreSQL's: this process's and the servers'), the hit counts of both, and
  the overlap of their top 10;
- ``--cluster N``: the same queries through a coordinator over N local shard servers;
- ``--corpus DIR --whoosh-index DIR``: an existing corpus and its Whoosh index instead of a
  generated one (``--queries FILE``: the queries of an earlier ``bench/run.py`` result on it,
  instead of choosing them through an FTS5 copy of the corpus);
- ``--server DIR``: the PostgreSQL server lives in ``DIR`` and is kept afterwards; a later run
  with ``--server DIR --reuse`` starts it again and times the queries over what it holds,
  without loading again;
- ``--before REV``: first the same benchmark over the reader of git revision ``REV`` (this
  ``bench/pg.py`` run in a worktree of it, on the same corpus, Whoosh index, queries and
  kept server), kept under ``before``, so one run holds the figures before and after a
  change.

Results go to one JSON document with the machine description (``bench/results/``).
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(REPO))

import run  # noqa: E402  (bench/run.py: corpus, Whoosh build, query choice, machine)
from generate import generate  # noqa: E402

TIES = 1000  # Whoosh hits read to find those tied with its 10th
SERVER_SETTINGS = {"shared_buffers": "'512MB'", "max_wal_size": "'4GB'",
                   "maintenance_work_mem": "'512MB'", "work_mem": "'64MB'",
                   # the load's long statements (index builds, blocks) in the server's log
                   "log_min_duration_statement": "'2s'"}


def changes(corpus: Path):
    """The corpus as one update, as the sync step hands a full build over: the files still
    unread (``sources``, for a backend that reads them in processes of its own) and the same
    files read lazily, with quotes, in this process (``files``, for one that does not)."""
    from reader.ingest import discover, doc_ids
    from reader.prepare import Source, prepared
    from reader.search.backend import Changes

    files = discover(corpus)
    ids = doc_ids(files)
    sources = [Source(f, ids[f.relative]) for f in files]
    warnings: list[str] = []
    return Changes(files=prepared(sources, warnings), total=len(sources), sources=sources,
                   warnings=warnings)


def server_cpu(servers) -> float:
    """CPU seconds the servers' processes used so far: each postmaster with its reaped
    children (backends, parallel index builders) and the live ones."""
    total = 0
    tick = os.sysconf("SC_CLK_TCK")
    for server in servers:
        pid = server.pid()
        if pid is None:
            continue
        stat = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        total += sum(int(v) for v in stat[11:15])  # utime stime cutime cstime
        for child in Path(f"/proc/{pid}/task").glob("*/children"):
            for kid in child.read_text().split():
                try:
                    kstat = Path(f"/proc/{kid}/stat").read_text().rsplit(")", 1)[1].split()
                except OSError:
                    continue
                total += int(kstat[11]) + int(kstat[12])
    return total / tick


def prepare_only(corpus: Path) -> dict:
    """Reading the files and finding quotes alone (the sync step's share of a load)."""
    t0, c0 = time.perf_counter(), time.process_time()
    paragraphs = sum(len(a.paragraphs) for f in changes(corpus).files for a in f.articles)
    return {"seconds": round(time.perf_counter() - t0, 2),
            "cpu_seconds": round(time.process_time() - c0, 2), "paragraphs": paragraphs}


def load(backend, corpus: Path, servers=()) -> dict:
    """One rebuild through ``backend``: wall time, this process's CPU (reading, quotes,
    streaming), its analysing workers' CPU and the servers' CPU."""
    import resource

    def kids() -> float:
        usage = resource.getrusage(resource.RUSAGE_CHILDREN)
        return usage.ru_utime + usage.ru_stime

    t0, c0, k0, s0 = time.perf_counter(), time.process_time(), kids(), server_cpu(servers)
    written = backend.apply(changes(corpus), rebuild=True)
    seconds = time.perf_counter() - t0
    return {"seconds": round(seconds, 2), "paragraphs": written,
            "paragraphs_per_s": round(written / seconds, 1),
            "cpu_seconds": {"client": round(time.process_time() - c0, 2),
                            "analysing_workers": round(kids() - k0, 2),
                            "server": round(server_cpu(servers) - s0, 2)}}


def paired_runs(whoosh, postgres, servers, min_runs: int, max_runs: int, budget: float,
                warmup: int = 2) -> tuple[list[float], list[float], dict]:
    """Each engine's wall times, the two run in turn (one search of each, then again) so a
    machine that others load slows both alike; and the CPU a search took, on average: for
    Whoosh this process's, for PostgreSQL this process's plus the servers' (every backend's,
    so a shard's too)."""
    for _ in range(warmup):
        whoosh()
        postgres()
    w_ms: list[float] = []
    p_ms: list[float] = []
    cpu = {"whoosh": 0.0, "postgresql_client": 0.0, "postgresql_server": 0.0}
    deadline = time.perf_counter() + 2 * budget
    while len(w_ms) < max_runs and (len(w_ms) < min_runs or time.perf_counter() < deadline):
        c0, t0 = time.process_time(), time.perf_counter()
        whoosh()
        w_ms.append((time.perf_counter() - t0) * 1000)
        cpu["whoosh"] += time.process_time() - c0
        s0 = server_cpu(servers)
        c0, t0 = time.process_time(), time.perf_counter()
        postgres()
        p_ms.append((time.perf_counter() - t0) * 1000)
        cpu["postgresql_client"] += time.process_time() - c0
        cpu["postgresql_server"] += server_cpu(servers) - s0
    runs = len(w_ms)
    each = {k: round(v * 1000 / runs, 3) for k, v in cpu.items()}
    each["postgresql"] = round(each["postgresql_client"] + each["postgresql_server"], 3)
    return w_ms, p_ms, each


def time_queries(lib, backend, queries: dict, budget: float, servers=()) -> dict:
    from reader.search.backend import SearchRequest

    out = {}
    for name in run.CLASSES:
        query = queries[name]["reader"]
        last: dict = {}

        def whoosh_once(query=query, last=last):
            last["w"] = lib.search(query, limit=20)

        def pg_once(query=query, last=last):
            last["p"] = backend.search(SearchRequest(query, limit=20, time_budget=None))

        w, p, cpu = paired_runs(whoosh_once, pg_once, servers, 5, 200, budget)
        top_w = [(h.doc, h.para) for h in last["w"].hits[:10]]
        top_p = [(h.doc, h.para) for h in last["p"].hits[:10]]
        overlap = len(set(top_w) & set(top_p)) / max(1, len(top_w))
        # hits tied with Whoosh's 10th score are interchangeable: either engine may show any
        # of them (title: queries tie every paragraph of an article)
        wide = lib.search(query, limit=TIES, time_budget=None).hits
        tied = set(top_w)
        if len(wide) >= 10:
            floor = wide[9].score
            tied |= {(h.doc, h.para) for h in wide if h.score >= floor - 1e-9 * abs(floor)}
        out[name] = {
            "query": query, "whoosh": run.summary(w), "postgresql": run.summary(p),
            "ratio_p95": run.ratio(run.pct(p, 95), run.pct(w, 95)),
            "cpu_ms_per_search": cpu,
            "ratio_cpu": run.ratio(cpu["postgresql"], cpu["whoosh"]),
            "total_whoosh": last["w"].total, "total_postgresql": last["p"].total,
            "partial": [last["w"].partial, last["p"].partial],
            "top10_overlap": round(overlap, 3),
            "top10_overlap_ties": round(len(set(top_p) & tied) / max(1, len(top_p)), 3),
        }
    return out


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="PostgreSQL backend against the Whoosh index.")
    ap.add_argument("--paragraphs", type=int, default=10_000)
    ap.add_argument("--profile", choices=("realistic", "seeds"), default="realistic")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--work", type=Path, default=HERE / "work")
    ap.add_argument("--out", type=Path)
    ap.add_argument("--reuse", action="store_true", help="reuse corpus and Whoosh index")
    ap.add_argument("--query-budget", type=float, default=2.0)
    ap.add_argument("--cluster", type=int, default=0, help="also through N local shards")
    ap.add_argument("--rebuild", action="store_true",
                    help="last, load again over the live index (the stems are known by then)")
    ap.add_argument("--before", metavar="REV",
                    help="first run this benchmark as git revision REV had it")
    ap.add_argument("--corpus", type=Path, help="an existing corpus (not generated)")
    ap.add_argument("--whoosh-index", type=Path, help="the existing Whoosh index of --corpus")
    ap.add_argument("--queries", type=Path,
                    help="take the queries from this bench/run.py result (its 'queries')")
    ap.add_argument("--server", type=Path,
                    help="keep the PostgreSQL server in this folder (with --reuse: reuse it)")
    ap.add_argument("--skip-prepare", action="store_true",
                    help="do not time reading and finding quotes alone")
    ap.add_argument("--load-only", action="store_true",
                    help="time the load alone (no queries)")
    args = ap.parse_args(argv)

    from reader.library import Library
    from reader.search.postgresql.backend import PostgresBackend
    from reader.search.postgresql.instance import LocalServer

    def log(*parts) -> None:
        print(*parts, file=sys.stderr, flush=True)

    work = args.work.resolve()
    work.mkdir(parents=True, exist_ok=True)
    name = f"{args.profile}-{args.paragraphs}-s{args.seed}"
    corpus, index, db = work / f"corpus-{name}", work / f"index-{name}", work / f"fts5-{name}.db"
    doc: dict = {"schema": "reader-bench-postgresql/2", "machine": run.machine(), "notes": []}
    doc["notes"].append(f"load average at the start: {os.getloadavg()[0]:.2f}")
    if args.corpus:
        corpus = args.corpus.resolve()
        doc["corpus"] = {"path": str(corpus)}
        meta = corpus.parent / f"{corpus.name}.meta.json"
        if meta.exists():
            doc["corpus"].update(json.loads(meta.read_text(encoding="utf-8")))
            args.paragraphs = doc["corpus"].get("paragraphs", args.paragraphs)
    elif not (args.reuse and corpus.exists()):
        log(f"generating {args.paragraphs} paragraphs in {corpus}")
        generate(corpus, args.paragraphs, args.profile, args.seed)
    if args.whoosh_index:
        index = args.whoosh_index.resolve()
        doc["notes"].append(f"Whoosh index given ({index}): its build figures omitted")
        whoosh_build = None
    elif args.reuse and index.exists() and (db.exists() or args.queries):
        doc["notes"].append("Whoosh index reused: its build figures omitted")
        whoosh_build = None
    else:
        log("building the Whoosh index")
        whoosh_build = run.child("index", str(corpus), str(index))
        if not args.queries:
            run.child("fts5", str(corpus), str(db))
    if args.before:
        log(f"the benchmark as revision {args.before} runs it")
        given = [*(["--load-only"] if args.load_only else []),
                 *(["--corpus", str(args.corpus.resolve())] if args.corpus else []),
                 *(["--whoosh-index", str(args.whoosh_index.resolve())]
                   if args.whoosh_index else []),
                 *(["--queries", str(args.queries.resolve())] if args.queries else []),
                 *(["--server", str(args.server.resolve())] if args.server else [])]
        doc["before"] = before(args.before, args.paragraphs, args.profile, args.seed, work,
                               given)
        doc["before"]["revision"] = args.before
    folder = Path(tempfile.mkdtemp(prefix="reader-pg-bench-"))
    kept = args.server.resolve() if args.server else None
    server = LocalServer(kept or folder / "server", settings=SERVER_SETTINGS)
    loaded = bool(kept and (kept / "data").exists())
    if loaded and not args.reuse:
        raise SystemExit(f"{kept} holds a server already: add --reuse, or remove it")
    (server.start() if loaded else server.init().start())
    doc["machine"]["versions"]["postgresql"] = server.version()

    def save() -> None:  # after every phase: a long run cut short keeps what it measured
        if args.out:
            args.out.parent.mkdir(parents=True, exist_ok=True)
            args.out.write_text(json.dumps(doc, indent=2, ensure_ascii=False) + "\n")

    try:
        backend = PostgresBackend(server.dsn())
        if loaded and backend.needs_rebuild():
            raise SystemExit(f"the index in {kept} is of another version: remove the folder")
        if not args.skip_prepare and not loaded:
            log("reading and finding quotes alone")
            doc["prepare_only"] = prepare_only(corpus)
        if loaded:
            log(f"reusing the index loaded in {kept}")
            doc["notes"].append(f"PostgreSQL index reused from {kept}: no load figures")
            doc["load"] = {"postgresql": None}
        else:
            log("loading PostgreSQL")
            pg_load = load(backend, corpus, [server])
            doc["load"] = {"postgresql": pg_load}
        if whoosh_build:
            rate = whoosh_build["paragraphs"] / whoosh_build["seconds"]
            doc["load"]["whoosh"] = {"seconds": round(whoosh_build["seconds"], 2),
                                     "cpu_seconds": round(whoosh_build["cpu_seconds"], 2),
                                     "paragraphs": whoosh_build["paragraphs"],
                                     "paragraphs_per_s": round(rate, 1)}
            doc["load"]["ratio_rate"] = run.ratio(pg_load["paragraphs_per_s"], rate)
        import psycopg

        with psycopg.connect(server.dsn(), autocommit=True) as conn:
            if not loaded:
                t0 = time.perf_counter()
                conn.execute("VACUUM ANALYZE")
                doc["load"]["postgresql"]["vacuum_analyze_seconds"] = round(
                    time.perf_counter() - t0, 2)
            size = conn.execute("SELECT pg_database_size('postgres')").fetchone()[0]
            if loaded:
                doc["load"]["postgresql_bytes"] = size
            else:
                doc["load"]["postgresql"]["bytes"] = size
        save()
        if args.load_only:
            backend.close()
            summarise(doc)
            save()
            print(json.dumps(doc["summary"], indent=2))
            return 0
        queries = chosen_queries(args.queries, db, corpus, args.paragraphs)
        lib = Library(corpus, index)
        log("timing queries")
        doc["queries"] = time_queries(lib, backend, queries, args.query_budget, [server])
        summarise(doc)
        save()
        if args.cluster:
            from reader.search.postgresql.cluster import LocalCluster

            log(f"cluster of {args.cluster} shards")
            cluster = LocalCluster(folder / "cluster", shards=args.cluster,
                                   settings=SERVER_SETTINGS).start()
            try:
                sharded = PostgresBackend(cluster.dsn)
                servers = [cluster.coordinator, *cluster.primaries]
                doc["cluster"] = {"shards": args.cluster,
                                  "load": load(sharded, corpus, servers)}
                save()
                doc["cluster"]["queries"] = time_queries(lib, sharded, queries,
                                                         args.query_budget, servers)
                save()
                sharded.close()
            finally:
                cluster.stop()
        lib.close()
        if args.rebuild:
            log("loading PostgreSQL again (a rebuild of the live index, stems known)")
            doc["load"]["postgresql_rebuild"] = load(backend, corpus, [server])
        backend.close()
    finally:
        if kept:
            server.stop()
        else:
            server.remove()
        shutil.rmtree(folder, ignore_errors=True)
    summarise(doc)
    save()
    print(json.dumps(doc["summary"], indent=2))
    return 0


def chosen_queries(given: Path | None, db: Path, corpus: Path, paragraphs: int) -> dict:
    """``{class: {"reader": query}}``: from an earlier ``bench/run.py`` result, or chosen
    from the corpus's FTS5 copy as ``bench/run.py`` chooses them."""
    if given:
        found = json.loads(given.read_text(encoding="utf-8"))["queries"]
        return {name: {"reader": found[name]["query"]} for name in run.CLASSES}
    import sqlite3

    return run.pick_queries(sqlite3.connect(str(db)), corpus, paragraphs)


def before(revision: str, paragraphs: int, profile: str, seed: int, work: Path,
           extra: list[str] = ()) -> dict:
    """This benchmark over the reader of ``revision``, on the corpus and Whoosh index in
    ``work`` (run in a git worktree of it, then removed): the same harness, so only the
    reader differs."""
    import subprocess

    folder = Path(tempfile.mkdtemp(prefix="reader-pg-before-"))
    tree, out = folder / "tree", folder / "result.json"
    subprocess.run(["git", "-C", str(REPO), "worktree", "add", "--detach", str(tree), revision],
                   check=True, capture_output=True)
    try:
        shutil.copy(Path(__file__), tree / "bench" / "pg.py")
        subprocess.run([sys.executable, str(tree / "bench" / "pg.py"), "--paragraphs",
                        str(paragraphs), "--profile", profile, "--seed", str(seed), "--work",
                        str(work), "--reuse", "--skip-prepare", "--out", str(out), *extra],
                       check=True,
                       env={**os.environ, "PYTHONPATH": str(tree)}, cwd=tree)
        return json.loads(out.read_text(encoding="utf-8"))
    finally:
        subprocess.run(["git", "-C", str(REPO), "worktree", "remove", "--force", str(tree)],
                       check=False, capture_output=True)
        shutil.rmtree(folder, ignore_errors=True)


def summarise(doc: dict) -> None:
    q = doc.get("queries", {})
    rebuild = doc["load"].get("postgresql_rebuild")
    rate = (doc["load"]["postgresql"] or {}).get("paragraphs_per_s")
    doc["summary"] = {
        "load_paragraphs_per_s": rate,
        "load_target_5000_met": rate is not None and rate >= 5000,
        "load_cpu_ms_per_paragraph": cpu_per_paragraph(doc["load"]["postgresql"]),
        "rebuild_paragraphs_per_s": rebuild["paragraphs_per_s"] if rebuild else None,
        "load_average_after": [round(v, 2) for v in os.getloadavg()],
    }
    if doc.get("before", {}).get("load", {}).get("postgresql"):
        old_load = doc["before"]["load"]["postgresql"]
        doc["summary"]["load_paragraphs_per_s_before"] = old_load.get("paragraphs_per_s")
        doc["summary"]["load_cpu_ms_per_paragraph_before"] = cpu_per_paragraph(old_load)
    if not q:
        return
    doc["summary"].update({
        "p95_ratio_vs_whoosh": {k: v["ratio_p95"] for k, v in q.items()},
        "cpu_ratio_vs_whoosh": {k: v.get("ratio_cpu") for k, v in q.items()},
        "top10_overlap": {k: v["top10_overlap"] for k, v in q.items()},
        "top10_overlap_ties": {k: v.get("top10_overlap_ties") for k, v in q.items()},
        "mean_top10_overlap": round(sum(v["top10_overlap"] for v in q.values()) / len(q), 3),
    })
    old = doc.get("before", {}).get("queries")
    if old:
        doc["summary"]["p95_ms_before_after"] = {
            k: [old[k]["postgresql"]["p95_ms"], v["postgresql"]["p95_ms"]]
            for k, v in q.items() if k in old}


def cpu_per_paragraph(load: dict | None) -> dict | None:
    """A load's CPU milliseconds a paragraph, process by process."""
    if not load or not load.get("cpu_seconds") or not load.get("paragraphs"):
        return None
    n = load["paragraphs"]
    out = {k: round(v * 1000 / n, 3) for k, v in load["cpu_seconds"].items()}
    out["total"] = round(sum(load["cpu_seconds"].values()) * 1000 / n, 3)
    return out


if __name__ == "__main__":
    raise SystemExit(main())
