"""A team on one server: readers search while one indexes, a read-only login searches and
cites but cannot write, and every bad condition is one line (IndexProblem), never a traceback,
with nothing already indexed lost."""

from __future__ import annotations

import subprocess
import sys
import threading
import time

import pytest

from reader.errors import IndexProblem
from reader.search.backend import Changes, SearchRequest
from reader.search.postgresql.backend import PostgresBackend
from reader.search.postgresql.instance import free_port
from tests.conftest import DOC_001, ROOT, SEEDS
from tests.pg_server import changes_for, pg_dsn, pg_server, start_server  # noqa: F401


@pytest.fixture()
def indexed(pg_dsn):  # noqa: F811
    backend = PostgresBackend(pg_dsn)
    backend.apply(changes_for(SEEDS), rebuild=True)
    yield backend
    backend.close()


def _one_line(exc: BaseException) -> str:
    text = str(exc)
    assert text and "\n" not in text and "Traceback" not in text
    return text


def test_readers_see_the_old_state_until_the_writer_commits(indexed, seeds_copy):
    extra = seeds_copy / "002_extra.txt"
    extra.write_text("Judul\n\nZyxwqvort bertemu Tokayev di Astana.\n", encoding="utf-8")
    batch = changes_for(seeds_copy, only=[extra.name])
    inside = threading.Event()
    release = threading.Event()

    def slow_files():
        yield from batch.files
        inside.set()
        release.wait(30)  # the transaction stays open until the readers have looked

    writer = PostgresBackend(indexed.dsn)
    thread = threading.Thread(target=writer.apply, args=(Changes(slow_files(), 1),))
    thread.start()
    assert inside.wait(30)
    readers = [PostgresBackend(indexed.dsn) for _ in range(3)]
    seen = [r.search(SearchRequest("Tokayev")).total for r in readers for _ in range(3)]
    assert seen == [2] * 9  # the uncommitted article is invisible
    before = readers[0].generation()
    release.set()
    thread.join(30)
    assert [r.search(SearchRequest("Tokayev")).total for r in readers] == [3, 3, 3]
    assert readers[0].generation() != before
    for backend in (writer, *readers):
        backend.close()


def test_a_second_writer_waits_for_the_first(indexed, seeds_copy):
    release = threading.Event()
    waited = []

    def held():
        yield from changes_for(seeds_copy, only=[]).files
        release.wait(30)
        return

    first = PostgresBackend(indexed.dsn)
    thread = threading.Thread(target=first.apply, args=(Changes(held(), 0),))
    thread.start()
    time.sleep(0.3)
    second = PostgresBackend(indexed.dsn)
    timer = threading.Timer(0.5, release.set)
    timer.start()
    second.apply(Changes([], 0), wait=lambda: waited.append(True))
    thread.join(30)
    assert waited == [True]
    first.close()
    second.close()


def test_a_read_only_login_searches_and_cites_but_cannot_write(indexed, pg_server):  # noqa: F811
    import psycopg

    with psycopg.connect(indexed.dsn, autocommit=True) as conn:
        conn.execute("DROP ROLE IF EXISTS desk")
        conn.execute("CREATE ROLE desk LOGIN PASSWORD 'desk-pw' IN ROLE reader_search")
    dbname = indexed.dsn.rsplit("/", 1)[1]
    reader = PostgresBackend(pg_server.dsn(dbname, user="desk", password="desk-pw"))
    assert reader.search(SearchRequest("Tokayev")).total == 2
    article = reader.article(DOC_001)
    assert article is not None and article.paragraph(2).text
    from reader.cite import cite

    assert "Tokayev" in cite(article, 5, None, "plain")
    with pytest.raises(IndexProblem) as caught:
        reader.apply(Changes([], 0, removed=[p.name for p in SEEDS.glob("*.txt")]))
    assert "may not" in _one_line(caught.value)
    assert indexed.search(SearchRequest("Tokayev")).total == 2  # nothing lost
    reader.close()


def test_server_down_wrong_password_missing_database(pg_server):  # noqa: F811
    down = PostgresBackend(f"postgresql://x:secret@127.0.0.1:{free_port()}/db")
    with pytest.raises(IndexProblem) as caught:
        down.search(SearchRequest("Tokayev"))
    assert "cannot reach" in _one_line(caught.value) and "secret" not in str(caught.value)
    wrong = PostgresBackend(pg_server.dsn(password="not-it"))
    with pytest.raises(IndexProblem) as caught:
        wrong.open()
    assert "wrong password" in _one_line(caught.value) and "not-it" not in str(caught.value)
    missing = PostgresBackend(pg_server.dsn("no_such_db"))
    with pytest.raises(IndexProblem) as caught:
        missing.open()
    assert "no such database" in _one_line(caught.value)
    assert wrong.describe() == f"postgresql://reader_admin@127.0.0.1:{pg_server.port}/postgres"


def test_a_search_over_its_time_budget_is_stopped(indexed):
    import psycopg

    blocker = psycopg.connect(indexed.dsn)
    blocker.execute("LOCK TABLE reader.paragraphs IN ACCESS EXCLUSIVE MODE")
    try:
        with pytest.raises(IndexProblem) as caught:
            indexed.search(SearchRequest("Tokayev", time_budget=0.2))
        assert "time budget" in _one_line(caught.value)
    finally:
        blocker.rollback()
        blocker.close()
    assert indexed.search(SearchRequest("Tokayev")).total == 2  # and the next one answers


def test_an_empty_database_says_how_to_index(pg_dsn):  # noqa: F811
    backend = PostgresBackend(pg_dsn)
    with pytest.raises(IndexProblem) as caught:
        backend.open()
    assert "reader index" in _one_line(caught.value)


def test_cluster_command_reports_one_line_and_exit_3():
    bad = f"postgresql://x:pw@127.0.0.1:{free_port()}/db"
    proc = subprocess.run([sys.executable, "-m", "reader", "cluster", "init", bad, bad],
                          capture_output=True, text=True, cwd=ROOT, timeout=60)
    assert proc.returncode == 3
    assert len(proc.stderr.strip().splitlines()) == 1 and "pw@" not in proc.stderr


def test_a_server_stopped_and_started_again_lost_nothing():
    server = start_server()
    try:
        backend = PostgresBackend(server.dsn())
        backend.apply(changes_for(SEEDS), rebuild=True)
        server.kill()
        with pytest.raises(IndexProblem):
            backend.search(SearchRequest("Tokayev"))
        server.start()
        assert backend.search(SearchRequest("Tokayev")).total == 2
        backend.close()
    finally:
        server.remove()
