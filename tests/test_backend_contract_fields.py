"""The SearchBackend contract for query fields, date order and facets, on every engine.

Part of the contract suite (``tests/test_backend_contract.py`` holds the engines' factories):
the same small corpus (tests/fields_corpus.py: five articles from three outlets, dated and
undated, in two languages, with their own fields) indexed by each engine must give the same
answers.
"""

from __future__ import annotations

import pytest

from reader import sync
from reader.errors import QueryError
from reader.search.backend import Facets, SearchRequest

from . import fields_corpus
from .pg_server import pg_server  # noqa: F401  (the PostgreSQL factory's server)
from .test_backend_contract import BACKENDS, factory  # noqa: F401,F811  (a fresh backend per test)


@pytest.fixture(params=BACKENDS, ids=lambda make: make.__name__, scope="module")
def fielded(request, tmp_path_factory):
    """The fields corpus, indexed once per engine, read-only."""
    folder = tmp_path_factory.mktemp(f"fields-{request.param.__name__}")
    corpus = fields_corpus.write(folder / "corpus")
    backend = request.param(folder, corpus, request)
    sync.update(backend, corpus)
    yield backend
    backend.close()


def found(backend, query: str, **kwargs) -> set[tuple[str, int]]:
    result = backend.search(SearchRequest(query, limit=100, **kwargs))
    assert result.total == len(result.hits)
    return {(h.doc, h.para) for h in result.hits}


def docs(backend, query: str, **kwargs) -> set[str]:
    return {doc for doc, _para in found(backend, query, **kwargs)}


def test_the_corpus_own_fields_are_named(fielded):
    assert fielded.field_names() == ["kategori", "wilayah_liputan"]


@pytest.mark.parametrize("query,expected", [
    ("date:2025-11-03", {"a1"}),
    ("date:2025-11", {"a1", "a2"}),
    ("date:2025", {"a1", "a2", "a4"}),
    ("date:2025-11-01..2025-11-30", {"a1", "a2"}),
    ("date:2024..2025-11", {"a1", "a2", "a3"}),
    ("date:2025-11-04..", {"a2", "a4"}),
    ("date:..2024", {"a3"}),
    ("Tokayev -date:2025", {"a3", "a5"}),
    ("outlet:kompas", {"a1", "a4"}),
    ("source:kompas", {"a1", "a4"}),
    ("Tokayev date:2025-11 -outlet:kompas", {"a2"}),
    ("lang:en", {"a3", "a5"}),
    ("lang:EN-gb", {"a3", "a5"}),
    ("Tokayev -lang:en", {"a1", "a2", "a4"}),
    ("kategori:hoax", {"a1", "a5"}),
    ("Kategori:VALID", {"a2", "a3"}),
    ("kategori:ho*", {"a1", "a5"}),
    ('wilayah_liputan:"asia tengah"', {"a2"}),
    ('wilayah_liputan:"tengah asia"', set()),
    ("Tokayev kategori:hoax OR lang:en", {"a1", "a3", "a5"}),
    ("Tokayev (kategori:valid OR date:2025-12)", {"a2", "a3", "a4"}),
])
def test_field_queries(fielded, query, expected):
    assert docs(fielded, query) == expected


def test_filters_do_not_change_the_ranking(fielded):
    """A filter keeps the matches it allows in the order (and with the scores) they had."""
    plain = fielded.search(SearchRequest("Tokayev", limit=100)).hits
    kept = fielded.search(SearchRequest("Tokayev lang:id", limit=100)).hits
    assert [(h.doc, h.para) for h in kept] == [
        (h.doc, h.para) for h in plain if h.doc in {"a1", "a2", "a4"}]
    scores = {(h.doc, h.para): h.score for h in plain}
    assert all(abs(h.score - scores[(h.doc, h.para)]) < 1e-4 for h in kept)


@pytest.mark.parametrize("query", ["colour:red", "date:2025-13-1", "date:2025..2024",
                                   "kategori:hoa~", "lang:e?"])
def test_a_bad_field_query_is_one_line(fielded, query):
    with pytest.raises(QueryError) as caught:
        fielded.search(SearchRequest(query))
    assert str(caught.value) and "\n" not in str(caught.value)


def test_an_extra_field_filter(fielded):
    assert docs(fielded, "Tokayev", filters=(("kategori", "hoax"),)) == {"a1", "a5"}
    assert docs(fielded, "Tokayev", filters=(("date", "2025-11"),)) == {"a1", "a2"}


@pytest.mark.parametrize("order,expected", [
    ("newest", ["a4", "a2", "a1", "a3", "a5"]),
    ("oldest", ["a3", "a1", "a2", "a4", "a5"]),
])
def test_sort_by_date_orders_every_match(fielded, order, expected):
    whole = fielded.search(SearchRequest("Tokayev", limit=100, sort=order))
    assert [h.doc for h in whole.hits] == expected and whole.total == 5
    # every match is ordered, not only the best few: one hit at a time walks the same order
    paged = [fielded.search(SearchRequest("Tokayev", limit=1, offset=i, sort=order)).hits[0].doc
             for i in range(5)]
    assert paged == expected


def test_sort_by_date_ties_go_by_relevance(fielded):
    hits = fielded.search(SearchRequest("menteri OR Tokayev", limit=100, sort="newest")).hits
    a2 = [h for h in hits if h.doc == "a2"]
    assert len(a2) == 2 and a2[0].score >= a2[1].score
    assert [h.doc for h in hits][-1] == "a5"  # undated last


def test_facets_count_every_match(fielded):
    facets = fielded.facets(SearchRequest("Tokayev", limit=1))
    assert isinstance(facets, Facets)
    assert facets.total == 5 and not facets.partial
    assert facets.outlets == (("Kompas", 2), ("Reuters", 1), ("Tempo", 1), (None, 1))
    assert facets.years == (("2025", 3), ("2024", 1), (None, 1))
    narrowed = fielded.facets(SearchRequest("Tokayev outlet:kompas"))
    assert narrowed.outlets == (("Kompas", 2),) and narrowed.years == (("2025", 2),)
    every = fielded.facets(SearchRequest("date:2025"))
    assert every.total == 6 and every.years == (("2025", 6),)
    assert fielded.facets(SearchRequest("zzzyyyxxx")).total == 0
    with pytest.raises(QueryError):
        fielded.facets(SearchRequest("colour:red"))


def test_facets_total_is_the_search_total(fielded):
    for query in ("menteri", "kategori:valid", "Tokayev -lang:en"):
        assert fielded.facets(SearchRequest(query)).total == fielded.search(
            SearchRequest(query)).total


@pytest.mark.parametrize("query", ["Tokayev -Trump", '"Tokayev kembali" -Astana',
                                   'Tokayev -"Gedung Putih"', "menteri OR Tokayev -lang:en",
                                   '"Tokayev menandatangani" OR "Tokayev said" -trade'])
@pytest.mark.parametrize("order", ["newest", "oldest"])
def test_sorting_keeps_exactly_the_matches(fielded, query, order):
    """Ordering every match by date finds the same matches as ranking them (an exclusion under
    a phrase included)."""
    ranked = fielded.search(SearchRequest(query, limit=100))
    dated = fielded.search(SearchRequest(query, limit=100, sort=order))
    assert {(h.doc, h.para) for h in dated.hits} == {(h.doc, h.para) for h in ranked.hits}
    assert dated.total == ranked.total == len(ranked.hits)
    days = [h.date for h in dated.hits if h.date]
    assert days == sorted(days, reverse=order == "newest")
    assert all(h.date for h in dated.hits[:len(days)])  # undated last


@pytest.mark.parametrize("first", ["with", "without"])
def test_facets_and_order_across_updates_where_only_some_articles_have_columns(
        factory, tmp_path, first):  # noqa: F811  (the imported fixture)
    """Articles added one update at a time, some with an outlet and a date and some with
    neither: every article keeps its own outlet and date in facets and in date order (an
    index whose parts lack a column once read past an array or another article's value)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    backend = factory(tmp_path, corpus)
    dated = ("Kompas", "2025-11-03")
    plan = [("b1", dated if first == "with" else None), ("b2", None if first == "with" else dated),
            ("b3", ("Tempo", "2024-02-01"))]
    try:
        for name, column in plan:
            (corpus / f"{name}.txt").write_text(f"Judul {name}\n\nTokayev tiba di Astana.\n",
                                                encoding="utf-8")
            if column:
                (corpus / f"{name}.meta.toml").write_text(
                    f'outlet = "{column[0]}"\ndate = "{column[1]}"\n', encoding="utf-8")
            sync.update(backend, corpus)
        facets = backend.facets(SearchRequest("Tokayev"))
        assert facets.total == 3
        assert facets.outlets == (("Kompas", 1), ("Tempo", 1), (None, 1))
        assert facets.years == (("2025", 1), ("2024", 1), (None, 1))
        newest = backend.search(SearchRequest("Tokayev", limit=10, sort="newest")).hits
        assert [(h.doc, h.date) for h in newest] == [
            (next(n for n, c in plan if c == dated), "2025-11-03"), ("b3", "2024-02-01"),
            (next(n for n, c in plan if c is None), None)]
    finally:
        backend.close()
