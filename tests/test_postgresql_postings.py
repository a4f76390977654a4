"""The postings index: an OR of words, a phrase or an AND of words and phrases answered from
it alone gives the rows, scores, order and totals the GIN indexes give, and updates keep it
equal to the paragraphs' tsvectors (terms, counts and positions)."""

from __future__ import annotations

import pytest

from reader.language.analysis import ENGLISH_MARK
from reader.search.backend import Changes, SearchRequest
from reader.search.postgresql.backend import PostgresBackend
from reader.search.postgresql.parse import And, AndNot, Or, Phrase, Term
from reader.search.postgresql.postings import Adjacent, Word, groups_of, phrases_of, words_of
from tests.conftest import SEEDS
from tests.pg_server import changes_for, pg_dsn, pg_server  # noqa: F401  (fixtures)


def test_the_shapes_an_or_of_words_takes():
    word = Term("text", "gabung")
    mark = Term("text", ENGLISH_MARK)
    english = And((Term("text", "say"), Term("text", ENGLISH_MARK, 0.0)))
    assert words_of(word) == [Word("text", "gabung", 1.0)]
    restricted = Or((AndNot(Term("text", "says"), mark), english))
    assert words_of(restricted) == [Word("text", "says", 1.0, False),
                                    Word("text", "say", 1.0, True)]
    assert words_of(Or((word, Term("title", "x", 2.0)))) == [
        Word("text", "gabung", 1.0), Word("title", "x", 2.0)]
    # anything else is matched through the GIN indexes
    assert words_of(And((word, Term("text", "trump")))) is None
    assert words_of(AndNot(word, Term("text", "trump"))) is None
    assert words_of(Phrase("text", ("truth", "social"))) is None
    assert words_of(Or((word, Term("doc", "x")))) is None
    assert words_of(mark) is None
    assert groups_of(And((word, english, Term("title", "b")))) == [
        [Word("text", "gabung", 1.0)], [Word("text", "say", 1.0, True)],
        [Word("title", "b", 1.0)]]
    assert groups_of(restricted) == [words_of(restricted)]  # an OR, not an AND
    assert groups_of(And((word, Or((Term("text", "a"), Term("title", "b")))))) is None
    phrase = Phrase("text", ("truth", "social"))
    assert groups_of(And((word, phrase))) == [
        [Word("text", "gabung", 1.0)],
        [Adjacent((Word("text", "truth", 1.0), Word("text", "social", 1.0)))]]
    assert words_of(And((Term("text", "say"), Term("text", ENGLISH_MARK, 1.0)))) is None


def test_the_shapes_a_phrase_takes():
    phrase = Phrase("text", ("white", "house"), 1, 2.0)
    assert phrases_of(phrase) == [Adjacent((Word("text", "white", 2.0),
                                            Word("text", "house", 2.0)))]
    english = Phrase("text", ("white", "hous"))
    mark = Term("text", ENGLISH_MARK)
    both = Or((AndNot(Phrase("text", ("white", "house")), mark),
               And((english, Term("text", ENGLISH_MARK, 0.0)))))
    assert phrases_of(both) == [
        Adjacent((Word("text", "white", 1.0, False), Word("text", "house", 1.0, False))),
        Adjacent((Word("text", "white", 1.0, True), Word("text", "hous", 1.0, True)))]
    assert groups_of(both) == [phrases_of(both)]
    # a sloppy phrase, or a phrase of the corpus's own fields, is matched through GIN
    assert phrases_of(Phrase("text", ("white", "house"), 3)) is None
    assert phrases_of(Phrase("extra", ("a", "b"))) is None
    assert groups_of(Or((phrase, Term("text", "x")))) is None


def _both_ways(backend: PostgresBackend, query: str, limit: int, offset: int):
    """The rows of the postings index and of the GIN indexes for one query."""
    from reader.search.postgresql import postings, search
    from reader.search.postgresql.expand import expand
    from reader.search.postgresql.translate import query_terms, simplify

    request = SearchRequest(query, limit=limit, offset=offset)
    with backend._session() as conn:
        stats = backend._refresh(conn)
        with conn.cursor() as cur:
            tree = simplify(expand(cur, search.tree_of(request), {})[0])
            groups = postings.groups_of(tree)
            assert groups, f"{query!r} is an AND of ORs of words"
            search._document_frequencies(cur, stats, query_terms(tree))
            fast = search.rows_of(search._top(cur, tree, stats, request, False))  # blocks, postings
            slow = search._matched(cur, tree, stats, request, False)
    return fast, slow


# Articles of our own beside the seeds: English ones (whose stems differ from the Indonesian
# ones, so their phrases are one in each language), words repeated in a paragraph (a phrase
# found at a later occurrence of its first word, a phrase of one word twice) and phrases
# across a stop word's slot.
PHRASES = {
    "white-house.txt": (
        "White House says the talks go on\n\n"
        "The White House said on Monday that the talks would go on. Officials at the white "
        "house said the house was quiet, and a white car left the White House.\n\n"
        "He said the paper paper was ready, and the house said it would vote on the paper.\n\n"
        "The house of the white family is not the White House, the official said.\n"),
    "salah-satu.txt": (
        "Salah satu rumah putih dijual\n\n"
        "Salah satu pejabat mengatakan rumah putih itu dijual. Satu salah satu rumah, kata "
        "pejabat itu, sudah lama kosong dan putih rumah tidak dicat.\n\n"
        "Pejabat itu salah. Satu rumah lagi dan satu satu pejabat datang ke rumah putih.\n\n"
        "Rumah dan putih itu kata yang berbeda; rumah putih sudah dijual.\n"),
    # eighty paragraphs under one title: a title word's hits all tie, far past the rows
    # a word's first pass reads
    "zebraland.txt": "Kabar dari Zebraland\n\n" + "\n\n".join(
        f"Laporan nomor {n} tentang cuaca pagi ini." for n in range(80)) + "\n",
}


@pytest.fixture(scope="module", autouse=True)
def small_blocks():
    """Blocks for every word in 3 paragraphs or more, 8 paragraph numbers a block: the words
    common here are answered from their blocks, the others from the postings, and both are
    compared with the GIN indexes."""
    from reader.search.postgresql import blocks

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(blocks, "MIN_DF", 3)
        patch.setattr(blocks, "BLOCK_BITS", 3)
        yield


@pytest.fixture(scope="module")
def seeds_backend(pg_server, tmp_path_factory):  # noqa: F811
    import shutil

    import psycopg

    corpus = tmp_path_factory.mktemp("postings") / "corpus"
    shutil.copytree(SEEDS, corpus)
    for name, text in {**PHRASES, "qorvex.txt": COUNTS, "zq.txt": ZQ}.items():
        (corpus / name).write_text(text, encoding="utf-8")
    with psycopg.connect(pg_server.dsn(), autocommit=True) as conn:
        conn.execute("CREATE DATABASE reader_postings")
    backend = PostgresBackend(pg_server.dsn("reader_postings"))
    backend.apply(changes_for(corpus), rebuild=True)
    yield backend
    backend.close()


@pytest.mark.parametrize("query", ["Tokayev", "gabung", "k*", "ka*", "Tokay*", "Kazakstan~",
                                   "title:Kazakhstan", "Presiden OR Menteri", "mengatakan",
                                   "title:Terpilih OR quote:resmi", "speaker:Rubio",
                                   "Kazakhstan Trump", "title:Kazakhstan Tokayev",
                                   "Kazakhstan^2 Trump", "presiden Trump",
                                   "Kazakhstan Trump Tokayev"])
@pytest.mark.parametrize(("limit", "offset"), [(20, 0), (3, 0), (3, 2), (1, 5)])
def test_postings_rank_as_the_gin_indexes(seeds_backend, query, limit, offset):
    fast, slow = _both_ways(seeds_backend, query, limit, offset)
    assert [r[:2] for r in fast] == [r[:2] for r in slow]
    assert [r[6] for r in fast] == pytest.approx([r[6] for r in slow], rel=1e-12)
    assert {r[7] for r in fast} == {r[7] for r in slow}  # the total
    assert [r[4] for r in fast] == [r[4] for r in slow]  # the text
    assert [r[8] for r in fast] == [r[8] for r in slow]  # English or not


@pytest.mark.parametrize("query", [
    '"white house"', '"White House" said', '"house said"', '"paper paper"', '"the house"',
    '"salah satu"', '"satu salah satu"', '"salah satu" pejabat', '"satu satu"',
    '"rumah putih"', '"putih rumah"', 'title:"white house"', '"white house" "said on"',
    '"Abraham Accords"', '"Kementerian Luar Negeri"', '"Gedung Putih" Trump',
    '"Truth Social"', '"rumah putih"^3', 'quote:"kepentingan nasional"', '"nothing here"'])
@pytest.mark.parametrize(("limit", "offset"), [(20, 0), (2, 1)])
def test_phrases_from_the_postings_rank_as_the_gin_indexes(seeds_backend, query, limit,
                                                           offset):
    fast, slow = _both_ways(seeds_backend, query, limit, offset)
    assert [r[:2] for r in fast] == [r[:2] for r in slow]
    assert [r[6] for r in fast] == pytest.approx([r[6] for r in slow], rel=1e-12)
    assert {r[7] for r in fast} == {r[7] for r in slow}
    assert [r[8] for r in fast] == [r[8] for r in slow]


@pytest.mark.parametrize(("limit", "offset"), [(3, 0), (20, 50), (1, 79), (5, 78)])
def test_a_word_whose_hits_tie_past_the_first_pass(seeds_backend, limit, offset):
    fast, slow = _both_ways(seeds_backend, "title:Zebraland", limit, offset)
    assert [r[:2] for r in fast] == [r[:2] for r in slow]
    assert {r[7] for r in fast} == {r[7] for r in slow} == {80}


# Words found once, twice and three times in paragraphs of different lengths: a word's best
# paragraphs are read count by count, shortest first, and must rank as scoring every one.
COUNTS = "Ulang kata Qorvex\n\n" + "\n\n".join(
    " ".join(["Qorvex"] * (1 + n % 3) + ["kabar"] * (n % 7) + ["pagi"] * (n % 5))
    for n in range(60)) + "\n"


@pytest.mark.parametrize(("limit", "offset"), [(1, 0), (5, 0), (20, 0), (7, 13), (20, 40),
                                               (3, 58), (10, 60)])
def test_a_words_best_paragraphs_count_by_count(seeds_backend, limit, offset):
    for query in ("Qorvex", "kabar", "pagi", "title:Qorvex", "Qorvex^2"):
        fast, slow = _both_ways(seeds_backend, query, limit, offset)
        assert [r[:2] for r in fast] == [r[:2] for r in slow], query
        assert [r[6] for r in fast] == pytest.approx([r[6] for r in slow], rel=1e-12)
        assert {r[7] for r in fast} <= {r[7] for r in slow}


# 200 made-up words starting "zq", one paragraph each: more than any cap a prefix once had
ZQ = "Kata zq\n\n" + "\n\n".join(f"Ada zq{chr(97 + n // 26)}{chr(97 + n % 26)}x di sini."
                                    for n in range(200)) + "\n"


def test_a_prefix_stands_for_every_word_it_starts(seeds_backend):
    for query in ("zq*", "zq*x", "zqa*"):
        result = seeds_backend.search(SearchRequest(query, limit=5))
        assert not result.partial
        assert result.total == (200 if query != "zqa*" else 26)


def test_phrases_find_what_they_should(seeds_backend):
    def found(query):
        return {(h.doc, h.para) for h in seeds_backend.search(
            SearchRequest(query, limit=100)).hits}

    assert found('"white house"') and found('"paper paper"') and found('"satu satu"')
    assert found('"satu salah satu"') <= found('"salah satu"')
    assert not found('"house white"')  # the words, never in that order
    # in the third paragraph "salah" and "satu" meet only across a sentence's end
    assert len(found('"salah satu"')) == 2


def _consistent(dsn: str) -> None:
    """Every paragraph's field terms are its postings, and only they."""
    import psycopg

    from reader.search.postgresql.documents import FIELD_NAMES

    lexemes = " + ".join(f"length({n}_tsv) - ({n}_tsv @@ %s::tsquery)::int" for n in FIELD_NAMES)
    mark = [f"'{ENGLISH_MARK}'"] * len(FIELD_NAMES)
    with psycopg.connect(dsn) as conn:
        expected = conn.execute(f"SELECT sum({lexemes}) FROM reader.paragraphs", mark
                                ).fetchone()[0]
        found, orphans = conn.execute(
            "SELECT count(*), count(*) FILTER (WHERE NOT EXISTS (SELECT FROM reader.paragraphs "
            "p WHERE p.id = s.id)) FROM reader.postings s").fetchone()
        # each posting's positions are those of its term in the paragraph's tsvector
        vectors = " UNION ALL ".join(
            f"SELECT id, {code}::smallint AS field, (v).lexeme AS term, (v).positions "
            f"FROM reader.paragraphs, unnest({name}_tsv) AS v" for code, name in
            enumerate(FIELD_NAMES))
        moved = conn.execute(
            f"SELECT count(*), count(*) FILTER (WHERE s.pos || coalesce(s.more, '{{}}') "
            f"<> v.positions OR s.tf <> cardinality(v.positions)) FROM ({vectors}) v "
            "JOIN reader.postings s USING (id, field, term)").fetchone()
    assert (found, orphans) == (expected, 0)
    assert found > 0
    assert moved == (found, 0)


def test_updates_keep_the_postings_those_of_the_paragraphs(pg_dsn, seeds_copy):  # noqa: F811
    backend = PostgresBackend(pg_dsn)
    backend.apply(changes_for(seeds_copy), rebuild=True)
    _consistent(pg_dsn)
    names = sorted(p.name for p in seeds_copy.glob("*.txt"))
    target = seeds_copy / names[0]
    target.write_text(target.read_text(encoding="utf-8") + "\n\nZyxwqvort baru.\n",
                      encoding="utf-8")
    backend.apply(changes_for(seeds_copy, only=[names[0]]))
    _consistent(pg_dsn)
    assert backend.search(SearchRequest("Zyxwqvort")).total == 1
    backend.apply(Changes(files=[], total=0, removed=[names[0]]))
    _consistent(pg_dsn)
    queries = ["Zyxwqvort", "k*", "Tokayev OR Trump", "title:Kazakhstan"]

    def answers():
        return [[(h.doc, h.para, round(h.score, 9)) for h in backend.search(
            SearchRequest(q, limit=50)).hits] for q in queries]

    updated = answers()
    assert not updated[0] and updated[1]
    backend.apply(changes_for(seeds_copy, only=names[1:]), rebuild=True)  # a live rebuild
    _consistent(pg_dsn)
    assert answers() == updated
    backend.close()
