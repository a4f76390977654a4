"""Common words' blocks on a real server: an AND or a two-word phrase answered from them gives
the rows, scores, order and totals the postings merge gives, before and after updates; an
update leaves the blocks a full load of the same files would make."""

from __future__ import annotations

import random

import psycopg
import pytest

from reader.search.backend import Changes, SearchRequest
from reader.search.postgresql import blocks, intersect, postings, union
from reader.search.postgresql.backend import PostgresBackend
from reader.search.postgresql.search import tree_of
from tests.pg_server import changes_for, pg_server  # noqa: F401  (fixtures)

WORDS = ["kebijakan", "pasar", "warga", "harga", "jalan", "kota", "sekolah", "air", "listrik",
         "petani", "gunung", "sungai", "laut", "pemerintah", "rumah"]
RARE = [f"zor{chr(97 + n)}{chr(97 + n * 7 % 26)}" for n in range(26)]  # a few paragraphs each
QUERIES = ["tidak orang", "orang tidak", '"salah satu"', '"satu salah"', "tidak orang warga",
           "salah satu", '"tidak orang"', "tidak harga", '"orang tidak"', "tidak", "satu",
           "tidak^2", "kebijakan", "s*", "tidak OR orang", "tidak OR zora*", "zor*", "t*",
           "tidak^3 OR satu OR zorb*", "sungai OR laut OR zorc*", "p*", "tidak OR orang OR satu",
           "title:nomor"]  # every title ties: the order falls to article and paragraph
PAGES = [(1, 0), (3, 0), (4, 3), (10, 5), (200, 0)]


def _paragraph(rng: random.Random) -> str:
    """A sentence of our own with the common words at random places and counts (a phrase
    now in order, now reversed, now apart)."""
    words = [rng.choice(WORDS) for _ in range(rng.randint(3, 25))]
    for common in ("tidak", "orang", "salah", "satu"):
        for _ in range(rng.choice((0, 0, 1, 1, 2, 3))):
            words.insert(rng.randint(0, len(words)), common)
    if rng.random() < 0.2:
        words.insert(rng.randint(0, len(words)), rng.choice(RARE))
    if rng.random() < 0.3:
        at = rng.randint(0, len(words))
        words[at:at] = rng.choice((["salah", "satu"], ["satu", "salah"], ["tidak", "orang"]))
    return " ".join(words).capitalize() + "."


def _write_corpus(root, rng: random.Random, files: int) -> None:
    root.mkdir(parents=True, exist_ok=True)
    for number in range(files):
        body = "\n\n".join(_paragraph(rng) for _ in range(rng.randint(2, 8)))
        (root / f"berita_{number:03d}.txt").write_text(f"Kabar Nomor {number}\n\n{body}\n",
                                                       encoding="utf-8")


def _database(server, name: str) -> str:
    with psycopg.connect(server.dsn(), autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.execute(f"CREATE DATABASE {name}")
    return server.dsn(name)


def _answers(backend: PostgresBackend) -> dict:
    """Each query's total and page. Paragraphs whose scores are equal but for the last bits
    (the parts of an OR added in another order) are tied, in article and paragraph order:
    the page's rows above its last score, and how many it shows."""
    out = {}
    for query in QUERIES:
        for limit, offset in PAGES:
            result = backend.search(SearchRequest(query, limit=limit, offset=offset))
            rows = [(-round(h.score, 9), h.doc, h.para, h.highlights) for h in result.hits]
            last = max((r[0] for r in rows), default=0)
            out[(query, limit, offset)] = (result.total, len(rows), last,
                                           sorted(r for r in rows if r[0] < last))
    return out


def _blocks(dsn: str) -> list:
    with psycopg.connect(dsn) as conn:
        return conn.execute("SELECT field, term, block, c1, c2, c3, c4, occ, prev "
                            "FROM reader.blocks ORDER BY field, term, block").fetchall()


@pytest.fixture()
def small_blocks(monkeypatch):
    """Blocks for words in 20 paragraphs or more, 8 paragraph numbers a block: a small
    corpus then spans many blocks, and the bounds and the cut matter."""
    monkeypatch.setattr(blocks, "MIN_DF", 20)
    monkeypatch.setattr(blocks, "BLOCK_BITS", 3)


def test_blocks_answer_as_the_postings_merge_through_updates(pg_server, tmp_path,  # noqa: F811
                                                             small_blocks, monkeypatch):
    rng = random.Random(7)
    corpus = tmp_path / "corpus"
    _write_corpus(corpus, rng, 60)
    fast = PostgresBackend(_database(pg_server, "reader_blocks"))
    fast.apply(changes_for(corpus), rebuild=True)
    with monkeypatch.context() as m:  # the same files without blocks: the postings merge
        m.setattr(blocks, "MIN_DF", 10**9)
        plain = PostgresBackend(_database(pg_server, "reader_merge"))
        plain.apply(changes_for(corpus), rebuild=True)
        assert _blocks(pg_server.dsn("reader_merge")) == []

    def same() -> None:
        ours, theirs = _answers(fast), _answers(plain)
        assert ours == theirs
        assert sum(1 for total, *_rest in ours.values() if total) > len(QUERIES) * 3

    same()
    # as the planner chooses on a big index: hash joins (which keep no order) wherever it can
    with fast._session() as conn:
        conn.execute("SET enable_nestloop = off")
        conn.execute("SET enable_mergejoin = off")
        conn.execute("DEALLOCATE ALL")  # the prepared searches planned again under these
    same()
    # the searches above went through the blocks (every word of them has some)
    stats = fast._stats
    for query in ("tidak orang", '"salah satu"', "orang tidak", '"satu salah"', "tidak"):
        groups = postings.groups_of(tree_of(SearchRequest(query)))
        assert intersect.answerable(groups, stats) is not None, query
    for query in ("tidak orang warga", '"tidak orang satu"', "title:tidak orang", "tidak^2 OR x"):
        groups = postings.groups_of(tree_of(SearchRequest(query)))
        assert intersect.answerable(groups, stats) is None, query  # the merge answers them
    for query in ("tidak OR orang", "tidak OR zoraa", "tidak^2 OR x"):
        groups = postings.groups_of(tree_of(SearchRequest(query)))
        assert union.answerable(groups, stats) is not None, query
    for query in ("zoraa OR zorbh", "tidak OR title:orang"):
        groups = postings.groups_of(tree_of(SearchRequest(query)))
        assert union.answerable(groups, stats) is None, query

    # an update: a file changed, one added, one removed; both indexes answer alike, and the
    # blocks are those a full load of the new files makes
    (corpus / "berita_005.txt").write_text("Kabar Baru\n\nSalah satu orang tidak datang. "
                                           "Tidak orang.\n", encoding="utf-8")
    (corpus / "berita_001.txt").write_text(  # renumbered last, its article sorting first
        "Kabar Nomor 1\n\nOrang tidak datang.\n\nSalah satu warga pulang.\n", encoding="utf-8")
    _write_corpus(tmp_path / "more", rng, 3)
    (tmp_path / "more" / "berita_002.txt").rename(corpus / "tambahan.txt")
    (corpus / "berita_010.txt").unlink()
    for backend in (fast, plain):
        update = changes_for(corpus, only=["berita_001.txt", "berita_005.txt", "tambahan.txt"])
        backend.apply(Changes(files=update.files, total=update.total,
                              removed=["berita_010.txt"]))
    same()
    fresh = PostgresBackend(_database(pg_server, "reader_fresh"))
    fresh.apply(changes_for(corpus), rebuild=True)
    with psycopg.connect(fast.dsn) as conn:  # numbers differ: compared through (doc, para)
        updated = _numbered_blocks(conn)
    with psycopg.connect(fresh.dsn) as conn:
        loaded = _numbered_blocks(conn)
    # the words with blocks are chosen at a full load (a word may have crossed the line since)
    both = set(updated) & set(loaded)
    assert {("tidak", 0), ("orang", 0), ("salah", 0), ("satu", 0)} <= {(t, f) for f, t in both}
    assert {k: updated[k] for k in both} == {k: loaded[k] for k in both}
    for backend in (fast, plain, fresh):
        backend.close()


def _numbered_blocks(conn) -> dict:
    """Each blocked word's paragraphs (by doc and para) with their count class, field length
    and occurrences, read out of the blocks (an update numbers paragraphs otherwise than a
    full load)."""
    bits, positions = blocks.BLOCK_BITS, blocks.POSITION_BITS
    rows = conn.execute(
        "SELECT b.field, b.term, p.doc, p.para, c.kind, v >> %s, "
        "(SELECT array_agg(o & %s ORDER BY o) FROM unnest(b.occ) o WHERE o >> %s = v & %s) "
        "FROM reader.blocks b CROSS JOIN LATERAL (VALUES (1, b.c1), (2, b.c2), (3, b.c3), "
        "(4, b.c4)) AS c(kind, packed) CROSS JOIN LATERAL unnest(c.packed) v "
        "JOIN reader.paragraphs p ON p.id = (b.block << %s) | (v & %s)",
        [bits, (1 << positions) - 1, positions, (1 << bits) - 1, bits, (1 << bits) - 1]
    ).fetchall()
    out: dict = {}
    for field, term, doc, para, kind, length, found in rows:
        out.setdefault((field, term), set()).add((doc, para, kind, length, tuple(found)))
    blocked = {tuple(r) for r in conn.execute("SELECT field, term FROM reader.blocked")}
    assert blocked >= set(out)
    return out


def test_searches_from_blocks_and_postings_are_planned_once(pg_server, tmp_path,  # noqa: F811
                                                            small_blocks):
    """A word, an AND, a phrase and an OR are prepared on the connection and run on one
    generic plan each time after the first (their plans do not depend on the words)."""
    corpus = tmp_path / "corpus"
    _write_corpus(corpus, random.Random(3), 30)
    backend = PostgresBackend(_database(pg_server, "reader_plans"))
    backend.apply(changes_for(corpus), rebuild=True)
    queries = ["tidak", "zoraa", "tidak orang", '"salah satu"', "tidak OR zora*"]
    first = {q: backend.search(SearchRequest(q)) for q in queries}
    for _ in range(3):
        for query in queries:
            again = backend.search(SearchRequest(query))
            assert (again.total, [(h.doc, h.para) for h in again.hits]) == (
                first[query].total, [(h.doc, h.para) for h in first[query].hits])
    with backend._session() as conn:
        plans = conn.execute("SELECT generic_plans, custom_plans FROM pg_prepared_statements "
                             "WHERE statement NOT LIKE '%set_config%'").fetchall()
        settings = conn.execute("SELECT count(*) FROM pg_prepared_statements "
                                "WHERE statement LIKE '%set_config%'").fetchone()[0]
    assert settings == 1  # the search's settings: one statement, prepared once
    assert len(plans) == len(queries)  # one statement each (the others are not prepared)
    assert all(custom == 0 and generic == 4 for generic, custom in plans), plans
    backend.close()


def test_ties_past_the_next_ones_read_are_all_found(pg_server, tmp_path, monkeypatch):  # noqa: F811
    """A word's paragraphs tied with the last one scored (its count, the same field length)
    sit after it in its array, up to the last of that length (found by binary search). Here
    the one that sorts first (by article) is renumbered last by an update, so it is the last
    of the ties: the page must still show it, as the postings merge does."""
    monkeypatch.setattr(blocks, "MIN_DF", 5)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    tokens = [f"{a}{b}" for a in "bcdfg" for b in ("ka", "lo", "mu", "ne")]  # our own words

    def write(number: int, token: str) -> None:  # every paragraph: tidak once, four words
        (corpus / f"kabar_{number:02d}.txt").write_text(
            f"Kabar Nomor {number}\n\nWarga tidak pulang {token}.\n", encoding="utf-8")

    for number in range(12):
        write(number, tokens[number])
    fast = PostgresBackend(_database(pg_server, "reader_ties"))
    fast.apply(changes_for(corpus), rebuild=True)
    with psycopg.connect(fast.dsn) as conn:
        first = conn.execute("SELECT path FROM reader.paragraphs ORDER BY doc, para LIMIT 1"
                             ).fetchone()[0]
    write(int(first.split("_")[1][:2]), tokens[-1])  # the same shape, renumbered last
    update = changes_for(corpus, only=[first])
    fast.apply(Changes(files=update.files, total=update.total))
    with monkeypatch.context() as m:
        m.setattr(blocks, "MIN_DF", 10**9)
        plain = PostgresBackend(_database(pg_server, "reader_ties_merge"))
        plain.apply(changes_for(corpus), rebuild=True)
    with psycopg.connect(fast.dsn) as conn:  # the case: the first by article is the last
        # of the ties in the word's array of single counts
        ties, position = conn.execute(
            "SELECT cardinality(b.c1), array_position(b.c1, ((p.text_len << %s) | p.id)) "
            "FROM reader.blocks b JOIN reader.paragraphs p ON p.path = %s "
            "WHERE b.field = 0 AND b.term = 'tidak'", [blocks.BLOCK_BITS, first]).fetchone()
    assert ties == 12 and position == ties
    for limit, offset in ((1, 0), (2, 0), (1, 1), (5, 3)):
        ours = fast.search(SearchRequest("tidak", limit=limit, offset=offset))
        theirs = plain.search(SearchRequest("tidak", limit=limit, offset=offset))
        assert ours.total == theirs.total == 12
        assert [(h.doc, h.para, round(h.score, 9)) for h in ours.hits] == [
            (h.doc, h.para, round(h.score, 9)) for h in theirs.hits]
    assert fast.search(SearchRequest("tidak", limit=1)).hits[0].doc == _doc_of(fast, first)
    groups = postings.groups_of(tree_of(SearchRequest("tidak")))
    assert intersect.answerable(groups, fast._stats) is not None  # from the blocks
    for backend in (fast, plain):
        backend.close()


def _doc_of(backend: PostgresBackend, path: str) -> str:
    with psycopg.connect(backend.dsn) as conn:
        return conn.execute("SELECT doc FROM reader.paragraphs WHERE path = %s",
                            [path]).fetchone()[0]


def test_postings_keys_are_the_same_made_here_and_on_the_server(pg_server):  # noqa: F811
    """A term's key is made by the loading processes and by the server (removals, blocks):
    both must give the same number for every kind of term, or a removed paragraph's
    postings would stay behind."""
    from reader.search.postgresql.documents import term_key, term_key_sql

    terms = ["tidak", "pemerintah", "jakarta-bandung", "ğüş", "日本", "\x01en", "a\\b", "t\tab",
             "", "x" * 300, "émigré", "1945"]
    codes = list(range(5))
    with psycopg.connect(pg_server.dsn(), autocommit=True) as conn:
        for code in codes:
            found = conn.execute(f"SELECT {term_key_sql('c', 't')} FROM unnest(%s::text[]) t, "
                                 "(SELECT %s::smallint AS c) f", [terms, code]).fetchall()
            assert [k for (k,) in found] == [term_key(code, t) for t in terms]
    keys = {term_key(code, t) for code in codes for t in terms}
    assert len(keys) == len(codes) * len(terms)  # a field's and a term's keys differ
    assert min(keys) < 0 < max(keys)  # the whole signed range is used


def test_a_rebuild_keeps_no_statistics_of_the_blocks_arrays(pg_server, tmp_path,  # noqa: F811
                                                            small_blocks):
    """ANALYZE of the blocks reads their key, not every array of its sample (they are only
    ever read by key); the table a rebuild puts in place and a new index's both."""
    corpus = tmp_path / "corpus"
    _write_corpus(corpus, random.Random(3), 30)
    dsn = _database(pg_server, "reader_blocks_stats")
    backend = PostgresBackend(dsn)
    for _ in range(2):  # a new index's tables, then a rebuild's
        backend.apply(changes_for(corpus), rebuild=True)
        with psycopg.connect(dsn) as conn:
            targets = dict(conn.execute(
                "SELECT attname, attstattarget FROM pg_attribute "
                "WHERE attrelid = 'reader.blocks'::regclass AND attnum > 0").fetchall())
            analysed = {row[0] for row in conn.execute(
                "SELECT attname FROM pg_stats WHERE schemaname = 'reader' "
                "AND tablename = 'blocks'")}
        assert _blocks(dsn), "the corpus has common words"
        assert {targets[c] for c in ("c1", "c2", "c3", "c4", "occ", "prev")} == {0}
        assert analysed == {"field", "term", "block"}
    backend.close()
