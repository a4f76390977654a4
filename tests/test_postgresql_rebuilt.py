"""A rebuild's postings and blocks built on connections of their own (see
:mod:`reader.search.postgresql.rebuilt`): the same index as one transaction builds, nothing
of them left behind, on success or failure, and the old index answering until the commit."""

from __future__ import annotations

from pathlib import Path

import psycopg
import pytest

from reader.errors import ReaderError
from reader.search.backend import Changes, SearchRequest
from reader.search.postgresql import blocks, db
from reader.search.postgresql.analyse import analyse
from reader.search.postgresql.backend import PostgresBackend
from reader.search.postgresql.rebuilt import Rebuilt
from reader.search.postgresql.spool import PostingsSpool
from reader.search.postgresql.write import apply
from tests.pg_server import changes_for, pg_dsn, pg_server  # noqa: F401

TABLES = ("SELECT {columns} FROM reader.postings ORDER BY id, field, term",
          "SELECT * FROM reader.blocks ORDER BY field, term, block",
          "SELECT * FROM reader.blocked ORDER BY field, term",
          "SELECT * FROM reader.terms ORDER BY field, term")


def rows(dsn: str, sql: str) -> list:
    with psycopg.connect(dsn) as conn:
        return conn.execute(sql).fetchall()


def staging(dsn: str) -> list:
    """Tables a rebuild builds beside the live ones, and connections still open."""
    tables = rows(dsn, "SELECT tablename FROM pg_tables WHERE schemaname = 'reader' "
                  "AND tablename LIKE '%rebuilt'")
    others = rows(dsn, "SELECT count(*) FROM pg_stat_activity WHERE application_name = "
                  "'reader' AND pid <> pg_backend_pid()")
    return [*tables, *(["connections"] if others[0][0] else [])]


def contents(dsn: str) -> list:
    columns = "key, field, term, id, tf, len, en, pos, more"
    return [rows(dsn, sql.format(columns=columns)) for sql in TABLES]


def load(dsn: str, changes: Changes, apart: bool) -> None:
    with db.connect(dsn) as conn:
        apply(conn, changes, True, None, None,
              connect=(lambda: db.connect(dsn)) if apart else None)


@pytest.mark.parametrize("bits, here", [(3, True), (17, True), (3, False)],
                         ids=["many-blocks", "one-block", "blocks-by-the-server"])
def test_postings_and_blocks_built_apart_are_those_built_in_the_transaction(
        pg_server, seeds_copy, monkeypatch, bits, here):  # noqa: F811
    """Apart, the blocks are made by the loading process from the postings it holds (compiled)
    or by the server from the new table; in the transaction, by the server's statement."""
    if here and not blocks.made_here():
        pytest.skip("the compiled loops were not built")
    monkeypatch.setattr(blocks, "MIN_DF", 4)  # the seeds' common words
    monkeypatch.setattr(blocks, "BLOCK_BITS", bits)  # in many blocks, or one
    if not here:
        monkeypatch.setattr(blocks, "made_here", lambda: False)
    dsns = []
    for apart in (False, True):
        name = f"reader_apart_{int(apart)}_{bits}_{int(here)}"
        with psycopg.connect(pg_server.dsn(), autocommit=True) as conn:
            conn.execute(f"DROP DATABASE IF EXISTS {name}")
            conn.execute(f"CREATE DATABASE {name}")
        dsn = pg_server.dsn(name)
        PostgresBackend(dsn).create()
        load(dsn, changes_for(seeds_copy), apart)
        load(dsn, changes_for(seeds_copy), apart)  # over the live index too
        dsns.append(dsn)
        assert staging(dsn) == []
    inside, apart_ = (contents(dsn) for dsn in dsns)
    assert inside == apart_
    assert len(inside[1]) > 20 and len(inside[2]) > 10


@pytest.mark.parametrize("when", ["loading", "starting", "building"])
def test_a_rebuild_given_up_leaves_nothing_behind(pg_dsn, seeds_copy, when):  # noqa: F811
    """As when the update's transaction fails: while the batches are loaded (the postings
    held back), as their copy starts (their table not yet committed), or after (committed,
    their B-tree and blocks being built)."""
    backend = PostgresBackend(pg_dsn)
    backend.apply(changes_for(seeds_copy), rebuild=True)
    before = backend.generation(), contents(pg_dsn)
    backend.close()
    rows_of = analyse(list(changes_for(seeds_copy).files), first=1)
    apart = Rebuilt(lambda: db.connect(pg_dsn))
    spool = PostingsSpool()
    spool.add(rows_of.postings)
    if when != "loading":
        apart.start(blocks.common(rows_of.df), "64MB", spool)
    if when == "building":
        apart.copied.result()
    apart.close(failed=True)
    spool.close()
    assert staging(pg_dsn) == []
    backend = PostgresBackend(pg_dsn)
    assert (backend.generation(), contents(pg_dsn)) == before
    assert backend.search(SearchRequest("Tokayev")).total == 2
    backend.close()


def test_a_rebuild_that_fails_on_the_server_leaves_nothing_behind(pg_dsn, seeds_copy):  # noqa: F811
    """The same article twice: the server refuses the second copy of it."""
    backend = PostgresBackend(pg_dsn)
    twice = changes_for(seeds_copy)
    twice = Changes(files=[*twice.files, *twice.files], total=2 * twice.total)
    with pytest.raises(ReaderError, match="duplicate key"):
        backend.apply(twice, rebuild=True)
    backend.close()
    assert staging(pg_dsn) == []
    backend = PostgresBackend(pg_dsn)
    backend.apply(changes_for(seeds_copy), rebuild=True)
    assert backend.search(SearchRequest("Tokayev")).total == 2
    backend.close()


def test_a_rebuild_that_fails_while_copying_leaves_the_old_index(pg_dsn, seeds_copy):  # noqa: F811
    backend = PostgresBackend(pg_dsn)
    backend.apply(changes_for(seeds_copy), rebuild=True)
    before = backend.generation(), contents(pg_dsn)

    def broken():
        yield from changes_for(seeds_copy).files
        raise RuntimeError("killed while reading")

    with pytest.raises(RuntimeError):
        backend.apply(Changes(files=broken(), total=10), rebuild=True)
    backend.close()
    assert staging(pg_dsn) == []
    backend = PostgresBackend(pg_dsn)
    assert (backend.generation(), contents(pg_dsn)) == before
    assert backend.search(SearchRequest("Tokayev")).total == 2
    backend.close()


def test_the_index_benchmark_builds_both_forms_and_finds_the_same(pg_dsn, seeds_copy,  # noqa: F811
                                                                  tmp_path):
    """``bench/pg_index_ab.py`` on a loaded server: each form of the postings' B-tree built,
    the same hits with either, and the server left with the form a load builds."""
    import json
    import subprocess
    import sys

    backend = PostgresBackend(pg_dsn)
    backend.apply(changes_for(seeds_copy), rebuild=True)
    backend.close()
    queries = tmp_path / "queries.json"
    queries.write_text(json.dumps({"queries": {"word": {"query": "Tokayev"},
                                               "phrase": {"query": '"presiden kazakhstan"'},
                                               "prefix": {"query": "kaz*"}}}))
    out = tmp_path / "index.json"
    proc = subprocess.run([sys.executable, "bench/pg_index_ab.py", pg_dsn, "--queries",
                           str(queries), "--rounds", "1", "--runs", "2", "--out", str(out)],
                          capture_output=True, text=True, cwd=Path(__file__).parent.parent,
                          timeout=300)
    assert proc.returncode == 0, proc.stderr[-2000:]
    rounds = json.loads(out.read_text())["rounds"]
    assert [r["index"] for r in rounds] == ["every column", "key and paragraph"]
    totals = [{name: c["total"] for name, c in r["classes"].items()} for r in rounds]
    assert totals[0] == totals[1] and totals[0]["word"] > 0
    with psycopg.connect(pg_dsn) as conn:
        definition = conn.execute("SELECT indexdef FROM pg_indexes WHERE schemaname = 'reader' "
                                  "AND indexname = 'postings_key'").fetchone()[0]
    assert definition.endswith("(key, id)")
