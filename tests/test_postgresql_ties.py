"""A title word on a real server: every paragraph of an article carries its title, so they tie
by the hundred; the page shows them by article and paragraph, as the GIN indexes' ordering
does, on every page, after an update that numbered the first articles last."""

from __future__ import annotations

import psycopg
import pytest

from reader.search.backend import Changes, SearchRequest
from reader.search.postgresql import blocks, intersect, postings
from reader.search.postgresql.backend import PostgresBackend
from reader.search.postgresql.search import tree_of
from tests.pg_server import changes_for, pg_server  # noqa: F401  (fixtures)

PAGES = [(1, 0), (3, 0), (5, 4), (10, 7), (7, 30), (4, 61), (500, 0)]
NAMES = ["pagi", "siang", "sore", "malam", "hujan", "panas", "angin", "awan", "laut", "bukit"]


def _write(root, number: int, paragraphs: int, short: bool = False) -> None:
    """An article whose title holds ``manyo`` (two words, or three: the others tie lower)."""
    title = f"Manyo {NAMES[number % 10]}" if short else f"Kabar Manyo {NAMES[number % 10]}"
    body = "\n\n".join(f"Warga kampung {NAMES[(number + p) % 10]} bercerita nomor {p}."
                       for p in range(paragraphs))
    (root / f"kabar_{number:02d}.txt").write_text(f"{title}\n\n{body}\n", encoding="utf-8")


@pytest.fixture()
def backend(pg_server, tmp_path, monkeypatch):  # noqa: F811
    """Blocks for words in 5 paragraphs or more, 8 paragraph numbers a block (ties span many
    blocks); the first three articles by name rewritten by an update, so numbered last."""
    monkeypatch.setattr(blocks, "MIN_DF", 5)
    monkeypatch.setattr(blocks, "BLOCK_BITS", 3)
    root = tmp_path / "corpus"
    root.mkdir()
    for number in range(24):
        _write(root, number, 2 + number % 7, short=number in (5, 17))
    with psycopg.connect(pg_server.dsn(), autocommit=True) as conn:
        conn.execute("DROP DATABASE IF EXISTS reader_ties_title")
        conn.execute("CREATE DATABASE reader_ties_title")
    ours = PostgresBackend(pg_server.dsn("reader_ties_title"))
    ours.apply(changes_for(root), rebuild=True)
    for number in range(3):
        _write(root, number, 9 - number)
    _write(root, 30, 4)  # and one more article
    update = changes_for(root, only=[f"kabar_{n:02d}.txt" for n in (0, 1, 2, 30)])
    ours.apply(Changes(files=update.files, total=update.total))
    yield ours
    ours.close()


def _key(hit) -> tuple:
    return hit.doc, hit.para, hit.score


def test_the_update_numbered_the_first_articles_last(backend):
    with psycopg.connect(backend.dsn) as conn:
        ids = [i for (i,) in conn.execute(
            "SELECT id FROM reader.paragraphs ORDER BY doc, para").fetchall()]
    assert ids != sorted(ids)  # ordering by number would not be ordering by article


def test_tied_titles_are_read_from_the_blocks(backend):
    backend.search(SearchRequest("title:manyo"))
    groups = postings.groups_of(tree_of(SearchRequest("title:manyo")))
    assert intersect.answerable(groups, backend._stats) is not None


@pytest.mark.parametrize("limit, offset", PAGES)
def test_each_page_of_tied_titles_is_in_article_and_paragraph_order(backend, limit, offset):
    every = backend.search(SearchRequest("title:manyo", limit=500))
    assert every.total == len(every.hits) > 100
    assert [_key(h) for h in every.hits] == sorted(
        (_key(h) for h in every.hits), key=lambda k: (-k[2], k[0], k[1]))
    assert len({h.score for h in every.hits}) == 2  # two title lengths: two scores
    for _ in range(2):  # the first search of a page and the next, pipelined
        page = backend.search(SearchRequest("title:manyo", limit=limit, offset=offset))
        assert page.total == every.total
        assert [_key(h) for h in page.hits] == [_key(h) for h in
                                                every.hits[offset:offset + limit]]


@pytest.mark.parametrize("limit, offset", PAGES)
def test_tied_titles_are_ordered_as_the_gin_indexes_order_them(backend, limit, offset):
    from reader.search.postgresql import search
    from reader.search.postgresql.expand import expand
    from reader.search.postgresql.translate import query_terms, simplify

    request = SearchRequest("title:manyo", limit=limit, offset=offset)
    shown = backend.search(request)
    with backend._session() as conn:
        stats = backend._refresh(conn)
        with conn.cursor() as cur:
            tree = simplify(expand(cur, search.tree_of(request), {})[0])
            search._document_frequencies(cur, stats, query_terms(tree))
            matched = search._matched(cur, tree, stats, request, False)
    assert [(h.doc, h.para) for h in shown.hits] == [(row[0], row[1]) for row in matched]
    assert shown.total == matched[0][7]
