"""Search on a real index of the seeds: stemming, phrases, fuzzy, fields, repeats, highlights."""

from __future__ import annotations

import pytest

from reader.errors import QueryError
from reader.language.analysis import stem, surface_tokens, terms
from reader.search.query import check_query

from .conftest import DOC_000, DOC_001


def words(hit):
    return [hit.text[a:b] for a, b in hit.highlights]


def test_stemmer_choices():
    assert stem("bergabung") == "gabung"
    assert stem("mengatakan") == "kata"
    assert stem("berkepentingan") == "penting"
    assert stem("kazakhstan") == "kazakhstan"  # names are not over-stemmed
    assert terms("negara-negara") == ["negara"]
    assert [t for t, *_ in surface_tokens("Kassym-Jomart Tokayev")] == [
        "kassym", "jomart", "tokayev"]


def test_tokayev_is_exactly_two_paragraphs_of_001(seeds_library):
    result = seeds_library.search("Tokayev")
    assert result.total == 2
    assert sorted((h.doc, h.para) for h in result.hits) == [(DOC_001, 2), (DOC_001, 5)]
    for hit in result.hits:
        assert words(hit) == ["Tokayev"]


def test_repeats_collapse_into_the_first_occurrence(seeds_library):
    hits = {h.para: h for h in seeds_library.search("Tokayev").hits}
    assert hits[2].repeats == [8] and hits[5].repeats == [11]


def test_stemming_finds_and_highlights_surface_forms(seeds_library):
    result = seeds_library.search("gabung")
    assert {h.doc for h in result.hits} == {DOC_000, DOC_001}
    for hit in result.hits:
        assert "bergabung" in words(hit)
        for a, b in hit.highlights:
            assert hit.text[a:b].lower().endswith("gabung")


def test_phrase_matches_in_order_only(seeds_library):
    hits = seeds_library.search('"Truth Social"').hits
    assert {(h.doc, h.para) for h in hits} == {(DOC_000, 8), (DOC_001, 2)}
    reversed_hits = seeds_library.search('"Social Truth"').hits
    assert [(h.doc, h.para) for h in reversed_hits] == [(DOC_000, 7)]


def test_fuzzy_reaches_the_other_spelling(seeds_library):
    result = seeds_library.search("Kazakstan~")
    found = {w for h in result.hits for w in words(h)}
    assert "Kazakhstan" in found and "Kazakstan" in found


def test_fields_title_and_source(seeds_library):
    title = seeds_library.search("title:Terpilih", limit=50)
    assert {h.doc for h in title.hits} == {DOC_001} and title.total == 7
    source = seeds_library.search("source:Pahami.id", limit=50)
    assert {h.doc for h in source.hits} == {DOC_000} and source.total == 12


def test_boolean_operators_and_prefix(seeds_library):
    assert {h.doc for h in seeds_library.search("gabung NOT Trump", limit=50).hits} == {DOC_001}
    assert seeds_library.search("gabung -Trump").total == seeds_library.search(
        "gabung NOT Trump").total
    either = seeds_library.search("Tokayev OR Rubio")
    assert {h.para for h in either.hits} == {2, 4, 5}
    assert seeds_library.search("(Tokayev OR Rubio) Trump").total >= 2
    prefix = seeds_library.search("Tokay*")
    assert prefix.total == 2


def test_reduplication_is_one_word(seeds_library):
    result = seeds_library.search("negara-negara")
    assert any("negara-negara" in words(h) for h in result.hits)


def test_no_hits_suggests_a_correction(seeds_library):
    result = seeds_library.search("Tokayef")
    assert result.total == 0 and result.hits == []
    assert [s.lower() for s in result.suggestions] == ["tokayev"]


@pytest.mark.parametrize("query", ['"Truth Social', "(Tokayev", "Tokayev)", "AND", "OR Trump",
                                   "title:", "foo:bar", "*", "yang dan", "", "   "])
def test_malformed_queries_get_one_line_explanations(seeds_library, query):
    result = seeds_library.search(query)
    assert result.error and "\n" not in result.error
    assert result.hits == []


def test_check_query_passes_good_queries():
    assert check_query(' "Truth Social" OR (Rubio -Trump) ') == '"Truth Social" OR (Rubio -Trump)'
    with pytest.raises(QueryError):
        check_query("x" * 5000)


def test_speaker_and_quote_fields(seeds_library):
    rubio = seeds_library.search("speaker:Rubio")
    assert [(h.doc, h.para) for h in rubio.hits] == [(DOC_001, 4)]
    resmi = seeds_library.search("quote:resmi")
    assert (DOC_001, 2) in {(h.doc, h.para) for h in resmi.hits}
