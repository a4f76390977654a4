"""An OR of many words, several of them common, summed in this process from the blocks and the
postings: on a real server it gives the totals, rows, scores and order the server's sum over
every posting gives, for random ORs, ties, boosts and pages, before and after an update."""

from __future__ import annotations

import random
import subprocess
import sys

import psycopg
import pytest

from reader.search.backend import Changes, SearchRequest
from reader.search.postgresql import blocks, postings, summed, union
from reader.search.postgresql.backend import PostgresBackend
from reader.search.postgresql.expand import expand
from reader.search.postgresql.search import tree_of
from reader.search.postgresql.translate import simplify
from tests.pg_server import changes_for, pg_server  # noqa: F401  (fixtures)

COMMON = ["tidak", "orang", "salah", "satu", "tahun", "tentara", "tempat", "tinggal"]
WORDS = ["pasar", "warga", "harga", "jalan", "kota", "sekolah", "air", "listrik", "petani",
         "gunung", "sungai", "laut", "pemerintah", "rumah", "tanah", "tengah", "tentang"]
RARE = [f"tor{chr(97 + n)}{chr(97 + n * 7 % 26)}" for n in range(26)]  # a few paragraphs each
PAGES = [(1, 0), (3, 0), (10, 5), (200, 0)]


def _paragraph(rng: random.Random) -> str:
    """A sentence of our own: the common words at random counts (now and then many times,
    so past the counts the blocks keep apart), a rare word now and then."""
    words = [rng.choice(WORDS) for _ in range(rng.randint(2, 14))]
    for common in COMMON:
        for _ in range(rng.choice((0, 0, 0, 1, 1, 2, 3, 5))):
            words.insert(rng.randint(0, len(words)), common)
    if rng.random() < 0.25:
        words.insert(rng.randint(0, len(words)), rng.choice(RARE))
    return " ".join(words).capitalize() + "."


def _write_corpus(root, rng: random.Random, files: int, first: int = 0) -> None:
    root.mkdir(parents=True, exist_ok=True)
    for number in range(first, first + files):
        body = "\n\n".join(_paragraph(rng) for _ in range(rng.randint(2, 7)))
        title = f"Kabar {rng.choice(COMMON)} {rng.choice(WORDS)} {rng.choice(COMMON)}"
        (root / f"berita_{number:03d}.txt").write_text(f"{title}\n\n{body}\n", encoding="utf-8")


def _queries(rng: random.Random) -> list[str]:
    """Fixed ORs (prefixes, boosts, titles: whose hits tie by the article) and random ones."""
    fixed = ["t*", "s* OR t*", "te* OR ti*", "title:t*", "tidak OR orang OR salah OR satu",
             "tidak^2 OR orang OR salah^0.5 OR satu OR torab", "tor* OR t*",
             "title:tidak OR title:orang OR title:salah OR title:satu OR title:kabar"]
    pool = COMMON + WORDS + RARE[:6]
    randoms = []
    for _ in range(12):
        words = rng.sample(COMMON, rng.randint(4, 7)) + rng.sample(pool, rng.randint(0, 5))
        rng.shuffle(words)
        randoms.append(" OR ".join(dict.fromkeys(
            w + (f"^{rng.choice((2, 3, 0.5))}" if rng.random() < 0.2 else "") for w in words)))
    return fixed + randoms


def _rows(result) -> list:
    return [(-round(h.score, 9), h.doc, h.para, tuple(map(tuple, h.highlights)))
            for h in result.hits]


def _ranking(backend: PostgresBackend, query: str) -> tuple[int, list]:
    """A query's total and every hit, best first, then by article and paragraph: scores
    equal but for the last bits (the parts added in another order) count as tied."""
    result = backend.search(SearchRequest(query, limit=1000))
    assert len(result.hits) == result.total
    return result.total, sorted(_rows(result))


def _same_pages(backend: PostgresBackend, queries: list[str], monkeypatch) -> int:
    """Each query's pages equal the server's ranking; returns how many had hits."""
    with monkeypatch.context() as m:  # every OR summed on the server, as before
        m.setattr(summed, "MIN_COMMON", 10**9)
        expected = {query: _ranking(backend, query) for query in queries}
    answered = 0
    for query in queries:
        total, ranking = expected[query]
        answered += total > 20
        tied: dict = {}  # each score's hits
        for row in ranking:
            tied.setdefault(row[0], set()).add(row[1:])
        for limit, offset in PAGES:
            result = backend.search(SearchRequest(query, limit=limit, offset=offset))
            rows = _rows(result)
            where = (query, limit, offset)
            assert result.total == total, where
            # the same scores in order; each hit one of those with its score (a page may cut
            # through hits whose scores differ in the last bits only)
            assert [r[0] for r in rows] == [r[0] for r in ranking[offset:offset + limit]], where
            assert all(r[1:] in tied[r[0]] for r in rows), where
            assert len(set(rows)) == len(rows), where
    return answered


def _groups(backend: PostgresBackend, query: str):
    """``query``'s groups as a search makes them (prefixes expanded to their words)."""
    with backend._session() as conn, conn.cursor() as cur:
        expanded, _cut = expand(cur, tree_of(SearchRequest(query)), {})
    return postings.groups_of(simplify(expanded))


def _database(server, name: str) -> str:
    with psycopg.connect(server.dsn(), autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.execute(f"CREATE DATABASE {name}")
    return server.dsn(name)


@pytest.fixture()
def small_blocks(monkeypatch):
    """Blocks for words in 20 paragraphs or more, 8 paragraph numbers a block, field lengths
    packed only below 16: a small corpus then spans many blocks, and long fields and counts
    past three (looked up in the postings) are many."""
    monkeypatch.setattr(blocks, "MIN_DF", 20)
    monkeypatch.setattr(blocks, "BLOCK_BITS", 3)
    monkeypatch.setattr(blocks, "LENGTH_BITS", 4)


def test_summed_ors_answer_as_the_servers_sum_through_updates(pg_server, tmp_path,  # noqa: F811
                                                              small_blocks, monkeypatch):
    rng = random.Random(11)
    corpus = tmp_path / "corpus"
    _write_corpus(corpus, rng, 50)
    backend = PostgresBackend(_database(pg_server, "reader_summed"))
    backend.apply(changes_for(corpus), rebuild=True)
    queries = _queries(rng)

    assert _same_pages(backend, queries, monkeypatch) > len(queries) * 0.8
    # the ORs above were summed here (each has four common words or more) ...
    stats = backend._stats
    groups = {query: _groups(backend, query) for query in queries}
    assert [q for q, g in groups.items() if summed.answerable(g, stats) is None] == []
    assert [q for q, g in groups.items() if union.answerable(g, stats) is not None] == []
    # ... and some of their paragraphs were past the blocks' counts and lengths
    with psycopg.connect(backend.dsn) as conn:
        assert conn.execute("SELECT sum(cardinality(c4)) FROM reader.blocks").fetchone()[0] > 50
    for query in ("tidak OR orang OR salah", "torab OR toraa OR tidak", "tidak", "t* -tidak",
                  "title:tidak OR orang OR salah OR satu"):
        groups = _groups(backend, query)
        assert groups is None or summed.answerable(groups, stats) is None, query

    # an update: a file changed, one added, one removed: the same answers again
    (corpus / "berita_005.txt").write_text("Kabar Baru\n\nSalah satu orang tidak tinggal. "
                                           "Tidak orang tahun tentara.\n", encoding="utf-8")
    _write_corpus(tmp_path / "more", rng, 2, first=90)
    (tmp_path / "more" / "berita_090.txt").rename(corpus / "tambahan.txt")
    (corpus / "berita_010.txt").unlink()
    update = changes_for(corpus, only=["berita_005.txt", "tambahan.txt"])
    backend.apply(Changes(files=update.files, total=update.total, removed=["berita_010.txt"]))
    assert _same_pages(backend, queries, monkeypatch) > len(queries) * 0.8
    backend.close()


def test_the_top_of_a_summed_or_holds_its_ties_in_article_order(pg_server, tmp_path,  # noqa: F811
                                                                small_blocks):
    """A title's words are in every paragraph of its article, so an OR of title words ties
    them all: summed in one order for each, they tie exactly and come in paragraph order,
    and a page cut inside the ties shows the first of them."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for number in range(30):
        body = "\n\n".join(f"Paragraf {p} tentang pasar." for p in range(6))
        (corpus / f"b{number:02d}.txt").write_text(
            f"Tidak orang salah satu {'kota' if number % 2 else 'desa'}\n\n{body}\n",
            encoding="utf-8")
    backend = PostgresBackend(_database(pg_server, "reader_summed_ties"))
    backend.apply(changes_for(corpus), rebuild=True)
    query = "title:tidak OR title:orang OR title:salah OR title:satu OR title:kota"
    everything = backend.search(SearchRequest(query, limit=500))
    assert summed.answerable(_groups(backend, query), backend._stats) is not None
    assert everything.total == 180
    best = [(h.doc, h.para) for h in everything.hits[:90]]  # the kota articles, all tied
    assert len({h.score for h in everything.hits[:90]}) == 1
    assert best == sorted(best)
    for limit, offset in ((7, 0), (5, 40), (10, 85)):
        page = backend.search(SearchRequest(query, limit=limit, offset=offset))
        assert [(h.doc, h.para) for h in page.hits] == [
            (h.doc, h.para) for h in everything.hits[offset:offset + limit]]
        assert page.total == 180
    backend.close()


def test_numpy_is_not_imported_by_a_search_that_does_not_sum():
    code = ("import sys\n"
            "import reader.search.postgresql.search, reader.search.postgresql.summed\n"
            "assert 'numpy' not in sys.modules, 'numpy imported'\n")
    subprocess.run([sys.executable, "-c", code], check=True)
