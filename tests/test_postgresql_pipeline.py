"""A search whose statistics are known goes to the server in one exchange (its settings, the
generation and its statement in a pipeline), and answers as a search in a transaction of its
own does: the same rows after another reader's update (made again with the new statistics),
and the same one-line stop when it runs over its time budget."""

from __future__ import annotations

import tempfile

import psycopg
import pytest

from reader.errors import IndexProblem
from reader.search.backend import SearchRequest
from reader.search.postgresql.backend import PostgresBackend
from tests.pg_server import changes_for, pg_dsn, pg_server  # noqa: F401  (fixtures)

QUERIES = ["Tokayev", "title:Tokayev", "Tokayev Astana", '"di Astana"', "Tok*", "Tokayev OR zzz",
           "Tokayev -Astana", "nothingatall"]


@pytest.fixture()
def corpus(tmp_path):
    root = tmp_path / "corpus"
    root.mkdir()
    for n in range(6):
        body = "\n\n".join(f"Tokayev bertemu warga nomor {p} di Astana." for p in range(n + 2))
        (root / f"berita_{n}.txt").write_text(f"Tokayev di Astana {n}\n\n{body}\n",
                                              encoding="utf-8")
    return root


@pytest.fixture()
def indexed(pg_dsn, corpus):  # noqa: F811
    backend = PostgresBackend(pg_dsn)
    backend.apply(changes_for(corpus), rebuild=True)
    yield backend
    backend.close()


def _shown(result) -> list:
    return [(h.doc, h.para, h.score, h.highlights) for h in result.hits], result.total


def _in_transaction(backend: PostgresBackend, request: SearchRequest):
    with backend._session() as conn:
        return backend._search_in_transaction(conn, request)


def _exchanges(backend: PostgresBackend, request: SearchRequest) -> tuple[int, int]:
    """The server's answers that ended an exchange (ReadyForQuery) during one search, and
    the simple queries sent (BEGIN, COMMIT), read from libpq's protocol trace."""
    conn = backend._connection()
    with tempfile.TemporaryFile() as trace:
        conn.pgconn.trace(trace.fileno())
        try:
            backend.search(request)
        finally:
            conn.pgconn.untrace()
        trace.seek(0)
        messages = [line.split("\t")[1:4:2] for line in trace.read().decode().splitlines()]
    ready = sum(1 for direction, name in messages if direction == "B" and name == "ReadyForQuery")
    simple = sum(1 for direction, name in messages if direction == "F" and name == "Query")
    return ready, simple


@pytest.mark.parametrize("query", ["Tokayev", "title:Tokayev", "Tokayev Astana", '"di Astana"'])
def test_a_search_with_known_statistics_is_one_exchange(indexed, query):
    request = SearchRequest(query, limit=3)
    indexed.search(request)  # the statistics, the words' frequencies, the prepared statement
    assert _exchanges(indexed, request) == (1, 0)


def test_the_first_search_reads_the_statistics_in_a_transaction(indexed):
    ready, simple = _exchanges(indexed, SearchRequest("Tokayev", limit=3))
    assert ready > 1 and simple >= 2  # BEGIN and COMMIT among them


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("limit, offset", [(3, 0), (4, 5), (50, 0)])
def test_a_pipelined_search_answers_as_one_in_a_transaction(indexed, query, limit, offset):
    request = SearchRequest(query, limit=limit, offset=offset)
    first = indexed.search(request)
    again = indexed.search(request)
    assert _shown(again) == _shown(first) == _shown(_in_transaction(indexed, request))
    assert again.suggestions == _in_transaction(indexed, request).suggestions


def test_a_search_after_another_readers_update_uses_the_new_statistics(indexed, corpus):
    request = SearchRequest("Tokayev", limit=50)
    before = indexed.search(request)  # statistics of the first state, kept
    (corpus / "berita_new.txt").write_text(
        "Kabar lain\n\nTokayev Tokayev Tokayev datang lagi.\n\nWarga menunggu.\n",
        encoding="utf-8")
    writer = PostgresBackend(indexed.dsn)
    writer.apply(changes_for(corpus, only=["berita_new.txt"]))
    writer.close()
    after = indexed.search(request)
    fresh = PostgresBackend(indexed.dsn)
    try:
        assert _shown(after) == _shown(fresh.search(request))
    finally:
        fresh.close()
    assert after.total == before.total + 1
    assert {h.score for h in after.hits} != {h.score for h in before.hits}  # idf moved


def test_a_pipelined_search_over_its_time_budget_is_stopped(indexed):
    indexed.search(SearchRequest("Tokayev"))  # statistics known: the next one is pipelined
    blocker = psycopg.connect(indexed.dsn)
    blocker.execute("LOCK TABLE reader.paragraphs IN ACCESS EXCLUSIVE MODE")
    try:
        with pytest.raises(IndexProblem) as caught:
            indexed.search(SearchRequest("Tokayev", time_budget=0.2))
        assert "time budget" in str(caught.value) and "\n" not in str(caught.value)
    finally:
        blocker.rollback()
        blocker.close()
    assert indexed.search(SearchRequest("Tokayev")).total == 27  # and the next one answers
