"""Scale-out for real: three shard servers, a coordinator and a streaming replica on localhost.

The corpus is indexed through the coordinator, answers as the Whoosh index does, survives the
SIGKILL of a shard's primary (its replica answers the same), and takes new articles once the
replica is promoted.
"""

from __future__ import annotations

import shutil
import time

import pytest

from reader.errors import IndexProblem
from reader.search.backend import SearchRequest
from reader.search.postgresql.backend import PostgresBackend
from reader.search.postgresql.cluster import LocalCluster
from tests.pg_server import FAST, changes_for, need_server, server_folder
from tests.test_postgresql import PARITY_QUERIES


def _hits(result):
    return sorted((h.doc, h.para) for h in result.hits)


def _caught_up(primary, replica, timeout: float = 30) -> None:
    import psycopg

    # the position of the last record inserted, not of the last written: the test servers
    # commit asynchronously, so the load's last commit may still wait in the primary's buffers
    # (a primary killed then loses it, and the replica never sees the rows)
    with psycopg.connect(primary.dsn(), autocommit=True) as conn:
        target = conn.execute("SELECT pg_current_wal_insert_lsn()").fetchone()[0]
    deadline = time.monotonic() + timeout
    with psycopg.connect(replica.dsn(), autocommit=True) as conn:
        while time.monotonic() < deadline:
            done = conn.execute("SELECT pg_last_wal_replay_lsn() >= %s::pg_lsn",
                                [target]).fetchone()[0]
            if done:
                return
            time.sleep(0.05)
    raise AssertionError("the replica did not catch up")


@pytest.fixture(scope="module")
def cluster():
    need_server()
    folder = server_folder()
    local = LocalCluster(folder, shards=3, replicas=1, settings=FAST)
    try:
        yield local.start()
    finally:
        local.stop()
        shutil.rmtree(folder, ignore_errors=True)


def _cli(capsys, *argv):
    from reader.cli import run

    code = run(list(argv))
    out, err = capsys.readouterr()
    assert "reader-local" not in out + err  # the servers' password is never printed
    return code, out, err


def test_reader_cluster_lays_out_watches_and_adds_a_replica(cluster, capsys, monkeypatch):
    """The commands a team runs, on databases of their own on the same servers."""
    import json

    import psycopg

    monkeypatch.setenv("READER_BACKEND", "whoosh")  # ``--backend`` sets it for the process
    servers = [cluster.coordinator, *cluster.primaries]
    for server in servers:
        with psycopg.connect(server.dsn(), autocommit=True) as conn:
            conn.execute("CREATE DATABASE team")
    coordinator, *shards = [server.dsn("team") for server in servers]
    code, _out, err = _cli(capsys, "cluster", "init", coordinator, *shards)
    assert code == 0 and err.startswith("reader: cluster ready: ") and "3 shards" in err
    code, _out, err = _cli(capsys, "cluster", "init", coordinator, *shards)
    assert code == 3 and len(err.splitlines()) == 1 and "already holds" in err

    code, out, _err = _cli(capsys, "cluster", "status", "--backend", coordinator)
    assert code == 0
    assert out.splitlines()[0].startswith("coordinator postgresql://reader_admin@")
    assert [line.split()[:3] for line in out.splitlines() if line.startswith("shard")] == [
        ["shard", str(n), "answering"] for n in range(3)]
    assert out.count("primary, up") == 3

    # the running replica of shard 0 streams every database of its primary: list it
    replica = f"127.0.0.1:{cluster.standbys[0].port}"
    code, _out, err = _cli(capsys, "cluster", "add-replica", "0", replica, "--backend",
                           coordinator)
    assert code == 0 and replica in err
    code, _out, err = _cli(capsys, "cluster", "add-replica", "0", replica, "--backend",
                           coordinator)
    assert code == 3 and "already lists" in err and len(err.splitlines()) == 1
    code, out, _err = _cli(capsys, "cluster", "status", "--json", "--backend", coordinator)
    found = json.loads(out)
    assert code == 0 and found["answering"]
    assert [(h["address"], h["role"]) for h in found["shards"][0]["hosts"]] == [
        (f"127.0.0.1:{cluster.primaries[0].port}", "primary"), (replica, "replica")]

    monkeypatch.setenv("READER_BACKEND", "whoosh")
    code, _out, err = _cli(capsys, "cluster", "status")
    assert code == 2 and "postgresql://" in err and len(err.splitlines()) == 1


def test_cluster_answers_like_whoosh_and_survives_a_dead_primary(cluster, seeds_library,
                                                                  seeds_copy, capsys,
                                                                  monkeypatch):
    import psycopg

    monkeypatch.setenv("READER_BACKEND", "whoosh")  # ``--backend`` sets it for the process
    backend = PostgresBackend(cluster.dsn)
    assert backend.needs_rebuild() is None  # laid out by init
    written = backend.apply(changes_for(seeds_copy), rebuild=True)
    assert written == seeds_library.stats()["paragraphs"]
    # the rows really are spread: every shard holds some, the first one through its table
    with psycopg.connect(cluster.primaries[0].dsn()) as conn:
        assert conn.execute("SELECT count(*) FROM reader.paragraphs").fetchone()[0] > 0
    before = {}
    for query in PARITY_QUERIES:
        ours = backend.search(SearchRequest(query, limit=100))
        theirs = seeds_library.search(query, limit=100)
        assert _hits(ours) == sorted((h.doc, h.para) for h in theirs.hits), query
        assert ours.total == theirs.total, query
        before[query] = _hits(ours)

    # SIGKILL the first shard's primary: its replica answers through the multi-host server
    _caught_up(cluster.primaries[0], cluster.standbys[0])
    cluster.primaries[0].kill()
    for query in PARITY_QUERIES:
        assert _hits(backend.search(SearchRequest(query, limit=100))) == before[query], query
    code, out, _err = _cli(capsys, "cluster", "status", "--backend", cluster.dsn)
    assert code == 0 and out.count("answering") == 3
    assert f"127.0.0.1:{cluster.primaries[0].port}  down: cannot reach" in out
    assert f"127.0.0.1:{cluster.standbys[0].port}  replica, up" in out

    # promoted, the replica takes writes: one more article through the coordinator
    cluster.standbys[0].promote()
    extra = seeds_copy / "002_extra.txt"
    extra.write_text("Artikel Tambahan\n\nZyxwqvort tiba di Astana untuk bertemu Tokayev.\n",
                     encoding="utf-8")
    backend.apply(changes_for(seeds_copy, only=[extra.name]))
    found = backend.search(SearchRequest("Zyxwqvort"))
    assert [h.doc for h in found.hits] == ["002_extra"]
    assert backend.search(SearchRequest("Tokayev")).total == 3

    # a shard without a replica down: one line naming the problem, and nothing lost after
    cluster.primaries[2].kill()
    with pytest.raises(IndexProblem) as caught:
        backend.search(SearchRequest("Kazakhstan"))
    assert "shard" in str(caught.value) and "\n" not in str(caught.value)
    code, out, err = _cli(capsys, "cluster", "status", "--backend", cluster.dsn)
    assert code == 3 and "shard 2  not answering" in out
    assert err.startswith("reader: 1 shard of 3 not answering (shard 2: ") and err.count("\n") == 1
    cluster.primaries[2].start()
    assert backend.search(SearchRequest("Tokayev")).total == 3
    assert _hits(backend.search(SearchRequest("Kazakhstan", limit=100))) == sorted(
        (h.doc, h.para) for h in seeds_library.search("Kazakhstan", limit=100).hits)
    backend.close()
