"""The PostgreSQL backend on a real server: the same paragraphs as the Whoosh index for the
query language, ranking, highlights, corrections, updates in one transaction."""

from __future__ import annotations

import pytest

from reader.errors import QueryError
from reader.search.backend import Changes, SearchRequest
from reader.search.postgresql.backend import PostgresBackend
from tests.conftest import DOC_001, SEEDS
from tests.pg_server import changes_for, loaded_backend, pg_dsn, pg_server  # noqa: F401  (fixtures)

PARITY_QUERIES = [
    "Tokayev", "gabung", '"Truth Social"', '"Social Truth"', "Kazakstan~", "title:Terpilih",
    "source:Pahami.id", "gabung NOT Trump", "gabung -Trump", "Tokayev OR Rubio",
    "(Tokayev OR Rubio) Trump", "Tokay*", "negara-negara", "speaker:Rubio", "quote:resmi",
    "Kazakhstan Abraham", "Presiden OR Menteri", "k*", "ka*", "Abraham -Accords", "mengatakan",
    '"Abraham Accords" -Trump', "title:Kazakhstan Tokayev", "NOT Trump", "Kaz?khstan",
    "Rubio~1", "Kazakhstan^2 Trump", "+Kazakhstan Trump", "x ANDNOT y", "Kazakhstan ANDMAYBE Rubio",
    "Kazakhstan s*", "Kazakhstan (t* OR s*)", "Tokayve~",
]


@pytest.fixture(scope="module")
def seeds_pg(pg_server):  # noqa: F811
    backend = loaded_backend(pg_server, "reader_seeds", SEEDS)
    yield backend
    backend.close()


def _hits(result):
    return [(h.doc, h.para) for h in result.hits]


@pytest.mark.parametrize("query", PARITY_QUERIES)
def test_same_paragraphs_scores_and_highlights_as_whoosh(seeds_pg, seeds_library, query):
    ours = seeds_pg.search(SearchRequest(query, limit=100))
    theirs = seeds_library.search(query, limit=100)
    assert theirs.error is None
    assert sorted(_hits(ours)) == sorted(_hits(theirs))
    assert ours.total == theirs.total
    for mine, other in zip(sorted(ours.hits, key=lambda h: (h.doc, h.para)),
                           sorted(theirs.hits, key=lambda h: (h.doc, h.para)), strict=True):
        assert mine.highlights == other.highlights
        assert mine.repeats == other.repeats
        assert mine.text == other.text


def _random_queries(count: int, seed: int) -> list[str]:
    """Queries of the seeds' own words joined by every operator, field, prefix, phrase,
    fuzzy word, sign and group of the language, at random (seeded: the same every run)."""
    import random
    import re

    from reader.library import bundled_seeds

    words = sorted({w for path in bundled_seeds().glob("*.txt")
                    for w in re.findall(r"[A-Za-z]{4,}", path.read_text(encoding="utf-8"))})
    rng = random.Random(seed)

    def atom(depth: int) -> str:
        word = rng.choice(words)
        return rng.choice([
            word, word[:3] + "*", f'"{word} {rng.choice(words)}"', f"title:{word}", word + "~",
            f"-{word}", f"+{word}", f"NOT {word}",
            *([f"({expr(depth + 1)})"] if depth < 2 else [])])

    def expr(depth: int = 0) -> str:
        parts = [atom(depth)]
        for _ in range(rng.randint(0, 3)):
            parts += [rng.choice(["", "", "OR", "AND", "ANDNOT", "ANDMAYBE"]), atom(depth)]
        return " ".join(p for p in parts if p)

    return [expr() for _ in range(count)]


def test_random_queries_find_what_whoosh_finds(seeds_pg, seeds_library):
    """Operator precedence, stop words on one side of ANDNOT, signs after operators: each
    once answered differently by the two parsers (or failed one)."""
    checked = 0
    for query in _random_queries(300, seed=4):
        theirs = seeds_library.search(query, limit=200)
        try:
            ours = seeds_pg.search(SearchRequest(query, limit=200))
        except QueryError as exc:
            assert theirs.error == str(exc), query
            continue
        assert theirs.error is None, query
        assert ours.total == theirs.total, query
        assert sorted(_hits(ours)) == sorted(_hits(theirs)), query
        checked += 1
    assert checked > 200


MIXED_QUERIES = ["says", "said", "told", "gabung", "Kamis", "kami", "pers", "per", "minister",
                 "mister", "les", '"spokesman says"', '"konferensi pers"', "says OR gabung",
                 "title:meet", "Kazakhstan -minister", "min*", "?en", "spokesmen~",
                 "members^2 Kazakhstan", "dinner ANDMAYBE members", "told OR (Kamis Kazakhstan)"]


@pytest.fixture(scope="module")
def mixed_pair(pg_server, tmp_path_factory):  # noqa: F811
    """An English and an Indonesian article, indexed by both engines."""
    from reader.library import Library
    from tests.test_backend_contract import ENGLISH_ARTICLE, INDONESIAN_ARTICLE

    corpus = tmp_path_factory.mktemp("mixed-pair") / "corpus"
    corpus.mkdir()
    for name, text, language in (("en", ENGLISH_ARTICLE, "en"), ("id", INDONESIAN_ARTICLE, "id")):
        (corpus / f"{name}.txt").write_text(text, encoding="utf-8")
        (corpus / f"{name}.meta.toml").write_text(f'language = "{language}"\n', encoding="utf-8")
    backend = loaded_backend(pg_server, "reader_mixed", corpus)
    library = Library(corpus, corpus.parent / "ix", backend="whoosh")
    library.update()
    yield backend, library
    backend.close()


@pytest.mark.parametrize("query", MIXED_QUERIES)
def test_both_languages_same_paragraphs_ranking_and_highlights_as_whoosh(mixed_pair, query):
    ours_backend, library = mixed_pair
    ours = ours_backend.search(SearchRequest(query, limit=100))
    theirs = library.search(query, limit=100)
    assert theirs.error is None
    assert _hits(ours) == _hits(theirs)  # the same order: each stem scored in its language
    assert ours.total == theirs.total
    assert [h.highlights for h in ours.hits] == [h.highlights for h in theirs.hits]


def test_seed_examples(seeds_pg):
    result = seeds_pg.search(SearchRequest("Tokayev"))
    assert sorted(_hits(result)) == [(DOC_001, 2), (DOC_001, 5)]
    assert {tuple(h.repeats) for h in result.hits} == {(8,), (11,)}
    gabung = seeds_pg.search(SearchRequest("gabung", limit=50))
    assert any(h.text[a:b] == "bergabung" for h in gabung.hits for a, b in h.highlights)
    assert seeds_pg.search(SearchRequest("Tokayef")).suggestions == ["tokayev"]
    found = {h.text[a:b] for h in seeds_pg.search(SearchRequest("Kazakstan~", limit=50)).hits
             for a, b in h.highlights}
    assert {"Kazakhstan", "Kazakstan"} <= found


def test_ranking_follows_whoosh(seeds_pg, seeds_library):
    for query in ("gabung", "Kazakhstan Abraham", "Presiden OR Menteri", "k*"):
        ours = seeds_pg.search(SearchRequest(query, limit=10))
        theirs = seeds_library.search(query, limit=10)
        overlap = len(set(_hits(ours)) & set(_hits(theirs))) / max(1, len(theirs.hits))
        assert overlap >= 0.8, query


def test_filters_and_doc(seeds_pg):
    only = seeds_pg.search(SearchRequest("Kazakhstan", limit=50, doc=DOC_001))
    assert only.hits and {h.doc for h in only.hits} == {DOC_001}
    titled = seeds_pg.search(SearchRequest("Kazakhstan", limit=50,
                                           filters=(("title", "Terpilih"),)))
    assert titled.hits and {h.doc for h in titled.hits} == {DOC_001}


@pytest.mark.parametrize("query", ['"Truth Social', "(Tokayev", "title:", "foo:bar", "*",
                                   "yang dan"])
def test_malformed_queries_raise_query_errors(seeds_pg, query):
    with pytest.raises(QueryError):
        seeds_pg.search(SearchRequest(query))


def test_reading_the_index(seeds_pg):
    assert seeds_pg.counts()["articles"] == 2
    article = seeds_pg.article(DOC_001)
    assert article is not None and article.paragraph(8).repeat_of == 2
    assert seeds_pg.article("nope") is None
    assert [s.doc for s in seeds_pg.summaries()] == sorted(a.doc for a in seeds_pg.articles())
    states = seeds_pg.file_states()
    assert set(states) == {p.name for p in SEEDS.glob("*.txt")}
    stats = seeds_pg.term_stats()
    assert stats.paragraphs == seeds_pg.counts()["paragraphs"] and stats.df("tokayev") == 2
    found = seeds_pg.candidates(["tokayev"], 5, exclude_doc=None)
    assert {(c.doc, c.paragraph.number) for c in found} == {(DOC_001, 2), (DOC_001, 5)}
    assert seeds_pg.candidates(["tokayev"], 5, exclude_doc=DOC_001) == []


def test_updates_are_atomic_and_bump_the_generation(pg_dsn, seeds_copy):  # noqa: F811
    backend = PostgresBackend(pg_dsn)
    assert backend.needs_rebuild() == "new index"
    backend.apply(changes_for(seeds_copy), rebuild=True)
    first = backend.generation()
    names = sorted(p.name for p in seeds_copy.glob("*.txt"))
    # a change: one article gets a new paragraph
    target = seeds_copy / names[0]
    target.write_text(target.read_text(encoding="utf-8") + "\n\nZyxwqvort baru.\n",
                      encoding="utf-8")
    backend.apply(changes_for(seeds_copy, only=[names[0]]))
    assert backend.generation() != first
    assert backend.search(SearchRequest("Zyxwqvort")).total == 1
    # a removal takes its words out of the statistics too
    backend.apply(Changes(files=[], total=0, removed=[names[0]]))
    assert backend.search(SearchRequest("Zyxwqvort")).total == 0
    assert backend.term_stats().df("zyxwqvort") == 0
    assert set(backend.file_states()) == {names[1]}

    # a failure part way leaves the previous state answering
    def broken():
        yield from changes_for(seeds_copy, only=[names[0]]).files
        raise RuntimeError("killed")

    before = backend.generation()
    with pytest.raises(RuntimeError):
        backend.apply(Changes(files=broken(), total=1))
    assert backend.generation() == before
    assert set(backend.file_states()) == {names[1]}
    assert backend.search(SearchRequest("Zyxwqvort")).total == 0
    backend.close()


def test_an_index_of_an_older_layout_is_rebuilt_in_the_new_one(pg_dsn):  # noqa: F811
    """An index written by an older version (another schema version, tables without today's
    columns) is found out of date and rebuilt whole, not written into half way."""
    import psycopg

    from reader import sync
    from reader.search.postgresql.schema import SCHEMA, SCHEMA_VERSION

    backend = PostgresBackend(pg_dsn)
    sync.update(backend, SEEDS)
    with psycopg.connect(pg_dsn, autocommit=True) as conn:  # what version 2 left behind
        conn.execute(f"ALTER TABLE {SCHEMA}.paragraphs DROP COLUMN extra_tsv")
        conn.execute(f"ALTER TABLE {SCHEMA}.articles DROP COLUMN extra_keys")
        conn.execute(f"UPDATE {SCHEMA}.meta SET value = '2' WHERE key = 'version'")
    backend.close()
    backend = PostgresBackend(pg_dsn)
    assert backend.needs_rebuild() == "index from another schema version"
    report = sync.update(backend, SEEDS)
    assert report.rebuilt == "index from another schema version"
    assert backend.needs_rebuild() is None
    assert backend.search(SearchRequest("Tokayev")).total == 2
    assert backend.field_names() == []
    with psycopg.connect(pg_dsn) as conn:
        assert conn.execute(f"SELECT value FROM {SCHEMA}.meta WHERE key = 'version'"
                            ).fetchone()[0] == SCHEMA_VERSION
    backend.close()


def test_copy_text_keeps_arrays_of_any_text_exact(pg_dsn):  # noqa: F811
    """Text arrays (an article's own field names) go through COPY as they are, whatever they
    hold: quotes, backslashes, commas, braces, tabs, newlines, NULL's spelling."""
    import psycopg

    from reader.search.postgresql.analyse import copy_line

    values = ['a"b', "c\\d", "e,f", "{g}", "h\ti\nj", "NULL", "", "ñ"]
    with psycopg.connect(pg_dsn) as conn:
        conn.execute("CREATE TEMP TABLE t (names text[], numbers int[], note text)")
        with conn.cursor().copy("COPY t FROM STDIN") as copy:
            copy.write(copy_line((values, [3, 1, 2], None)))
        assert conn.execute("SELECT names, numbers, note FROM t").fetchone() == (
            values, [3, 1, 2], None)
