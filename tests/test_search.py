"""Search on a real index of the seeds: stemming, phrases, fuzzy, fields, repeats, highlights."""

from __future__ import annotations

import pytest

from reader.errors import QueryError
from reader.language.analysis import stem, surface_tokens, terms
from reader.library import Library
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


@pytest.mark.parametrize("query", ["0:MA0K0P", "0:Tokayef", "1:abcdef OR Tokayef"])
def test_a_word_the_parser_did_not_place_in_the_query_is_not_corrected(seeds_library, query):
    """Whoosh writes a correction back where the parser found the word; ``0:MA0K0P`` (a field
    that is a number) gives a word with no place, which crashed "did you mean"."""
    result = seeds_library.search(query)
    assert result.error is None and result.total == 0
    assert all("\n" not in s for s in result.suggestions)


@pytest.mark.parametrize("query", ['"Truth Social', "(Tokayev", "Tokayev)", "AND", "OR Trump",
                                   "title:", "foo:bar", "*", "yang dan", "", "   "])
def test_malformed_queries_get_one_line_explanations(seeds_library, query):
    result = seeds_library.search(query)
    assert result.error and "\n" not in result.error
    assert result.hits == []


@pytest.mark.parametrize("query, example", [("date:", "date:2025-11"), ("lang:", "lang:en"),
                                            ("title:", "title:Tokayev")])
def test_a_field_with_no_word_is_shown_what_it_takes(query, example):
    with pytest.raises(QueryError, match=example):
        check_query(query)


def test_check_query_passes_good_queries():
    assert check_query(' "Truth Social" OR (Rubio -Trump) ') == '"Truth Social" OR (Rubio -Trump)'
    with pytest.raises(QueryError):
        check_query("x" * 5000)


def test_speaker_and_quote_fields(seeds_library):
    rubio = seeds_library.search("speaker:Rubio")
    assert [(h.doc, h.para) for h in rubio.hits] == [(DOC_001, 4)]
    resmi = seeds_library.search("quote:resmi")
    assert (DOC_001, 2) in {(h.doc, h.para) for h in resmi.hits}


# -- expansions stay bounded (prefixes, wildcards, fuzzy words) ---------------------------------


def whoosh_reader(library):
    from reader.search.whoosh.backend import WhooshBackend

    if not isinstance(library.backend, WhooshBackend):
        pytest.skip("expansion internals of the Whoosh backend")
    shared = library.backend.store.open()
    return shared, shared.searcher().reader()


def test_fuzzy_distance_is_capped_and_keeps_the_first_letter(seeds_library):
    from whoosh.query import FuzzyTerm

    from reader.search.whoosh.parse import MAX_SCAN, expand

    _shared, reader = whoosh_reader(seeds_library)
    budget = [MAX_SCAN]
    terms, cut = expand(FuzzyTerm("text", "abcdefghijklmnopqrst", maxdist=7), reader,
                        budget=budget)
    assert cut, "a distance above two is cut to two, and the answer says so"
    starting_with_a = [t for t in reader.lexicon("text") if t.startswith(b"a")]
    assert MAX_SCAN - budget[0] == len(starting_with_a)  # the work: only words starting with a
    assert terms == []  # no word of the seeds is two edits from it
    result = seeds_library.search("abcdefghijklmnopqrst~7")
    assert result.error is None and result.partial and result.total == 0


@pytest.mark.parametrize("word", ["kazakstan", "tokayef", "presidn", "gabng", "trum"])
@pytest.mark.parametrize("distance", [1, 2])
def test_fuzzy_expansion_is_every_stem_within_the_distance(seeds_library, word, distance):
    """Fuzzy words expand to index stems (so ``gabng~`` finds every form of ``gabung``) within
    the Damerau-Levenshtein distance, first letter kept: checked against Whoosh's own distance
    over the whole lexicon."""
    from whoosh.query import FuzzyTerm
    from whoosh.support.levenshtein import distance as whoosh_distance

    from reader.search.whoosh.parse import expand

    _shared, reader = whoosh_reader(seeds_library)
    ours, cut = expand(FuzzyTerm("text", word, maxdist=distance), reader)
    expected = sorted(t for t in reader.lexicon("text") if t[:1] == word[:1].encode()
                      and whoosh_distance(t.decode(), word, limit=distance) <= distance)
    assert sorted(ours) == expected and not cut
    if word == "gabng":
        assert ours == [b"gabung"]
        hits = seeds_library.search("gabng~").hits
        assert hits and all("gabung" in words(h)[0].lower() for h in hits)


WILD = ["a~~~~", "a*b*c*", "k*", "ka*", "abcdefghijklmnopqrst~7", "x~9/1", "*a", "t?k*",
        "title:a*", "source:p*", "Tokayev~2 Kaz*", "z" * 40 + "~2"]


@pytest.mark.parametrize("query", WILD)
def test_no_query_shape_expands_past_its_budget(seeds_library, query):
    """The work a wild query may do is bounded: each expansion looks at no more than MAX_SCAN
    index terms (those sharing its literal start) and keeps at most its cap."""
    from whoosh.query import FuzzyTerm, Prefix, Wildcard

    from reader.search.query import check_query
    from reader.search.whoosh.parse import MAX_SCAN, _cap, _literal, expand, make_parser, parse

    shared, reader = whoosh_reader(seeds_library)
    result = seeds_library.search(query)
    assert result.error is None or "\n" not in result.error
    if result.error:
        return
    parsed = parse(make_parser(shared.schema), check_query(query))
    words = [q for q in parsed.leaves() if isinstance(q, (FuzzyTerm, Prefix, Wildcard))]
    fresh = shared.ix.reader()  # expansions are cached per reader: this one has none
    for word in words:
        budget = [MAX_SCAN]
        terms, _cut = expand(word, fresh, budget=budget)
        start = _literal(word).encode()
        looked_at = MAX_SCAN - max(budget[0], 0)
        assert looked_at <= MAX_SCAN
        assert looked_at == sum(1 for t in fresh.lexicon(word.field()) if t.startswith(start))
        assert len(terms) <= _cap(word)
        if isinstance(word, FuzzyTerm):
            assert all(t.startswith(word.text[:1].encode()) for t in terms)


@pytest.fixture(scope="module")
def many_p_words(tmp_path_factory) -> Library:
    """An index of several segments, one with deleted documents, whose text holds over a
    hundred made-up words starting with p (the seeds have 21), each in a few paragraphs."""
    import itertools

    import numpy  # noqa: F401  (loaded: searches take the vectorised path, as in a TUI)

    corpus = tmp_path_factory.mktemp("p-words") / "corpus"
    corpus.mkdir()
    syllables = ["ka", "lo", "mi", "nu", "ro", "sa", "te", "yu", "zo", "go"]
    words = ["p" + a + b + c for a, b, c in itertools.product(syllables[:6], syllables, "xq")]
    words = words[:180]
    library = Library(corpus, tmp_path_factory.mktemp("p-index") / "ix")
    for batch in range(2):  # two updates: two segments
        for number in range(6):
            chosen = words[(batch * 6 + number) * 15:(batch * 6 + number + 1) * 15]
            paragraphs = [" ".join(chosen[i::3]) + " tinggal di kota." for i in range(3)]
            (corpus / f"a{batch}{number}.txt").write_text(
                f"Judul {batch} {number}\n\n" + "\n\n".join(paragraphs) + "\n",
                encoding="utf-8")
        library.update()
    (corpus / "a01.txt").unlink()  # and deleted documents in the first segment
    (corpus / "a02.txt").write_text("Judul baru\n\n" + " ".join(words[::7]) + " lagi.\n",
                                    encoding="utf-8")
    library.update()
    return library


def test_a_one_letter_prefix_stands_for_every_word_it_starts(many_p_words):
    """No count cuts a short prefix: ``p*`` is every indexed word starting with p (more than
    the 64 it once kept), most frequent first, and its answer is complete: the paragraphs
    Whoosh's own matchers find for the OR of those words."""
    from whoosh import query as wq

    from reader.search.whoosh.parse import expand

    shared, reader = whoosh_reader(many_p_words)
    assert len(shared.searcher().leaf_searchers()) >= 2
    everything = [t for t in reader.lexicon("text") if t.startswith(b"p")]
    assert len(everything) > 100
    terms, cut = expand(wq.Prefix("text", "p"), shared.ix.reader())
    assert not cut and sorted(terms) == everything
    counts = [reader.doc_frequency("text", t) for t in terms]
    assert counts == sorted(counts, reverse=True)
    result = many_p_words.search("p*", limit=1000)
    assert not result.partial
    matched = shared.searcher().search(wq.And([
        wq.Or([wq.Term("text", t.decode()) for t in everything]), wq.Term("kind", "para")]),
        limit=None)
    assert result.total == len(matched) == len(result.hits) > 15


def test_scoring_a_prefix_looks_up_no_word_again(many_p_words, monkeypatch):
    """The scan that expands a prefix keeps each word's paragraph count and where its postings
    are (per segment): scoring all of them asks the term index's hash table nothing, and the
    idf from the kept counts is Whoosh's."""
    from whoosh.codec.whoosh3 import W3TermsReader

    from reader.search.whoosh import scoring
    from reader.search.whoosh.fastpath import _Internals

    whoosh_reader(many_p_words)
    looked_up = []
    plain = W3TermsReader.term_info

    def counted(self, fieldname, text):
        looked_up.append(text)
        return plain(self, fieldname, text)

    monkeypatch.setattr(W3TermsReader, "term_info", counted)
    result = many_p_words.search("p*", limit=5)
    assert result.total > 15 and looked_up == []
    searcher = many_p_words.backend.store.open().searcher()
    ctx = scoring.Context(searcher, None, _Internals)
    words = [t for t in searcher.reader().lexicon("text") if t.startswith(b"p")]
    for word in words:
        assert _Internals.doc_frequency(ctx.leaves, "text", word) is not None
        assert scoring._idf(ctx, "text", word) == searcher.idf("text", word.decode())
    looked_up.clear()
    assert _Internals.doc_frequency(ctx.leaves, "text", b"tinggal") is None  # not scanned
    assert scoring._idf(ctx, "text", b"tinggal") == searcher.idf("text", "tinggal")


def test_an_or_of_many_words_is_summed_at_once_to_the_same_bits(many_p_words, monkeypatch):
    """An expanded prefix (an OR of many words of one field) is scored over every word's
    postings at once, and the words to mark in the hits are found in one pass over all their
    lists; the hits, their order, their scores and highlights are those of the word-by-word
    way, to the last bit, deleted documents left out alike."""
    from reader.search.whoosh import highlight, scoring

    whoosh_reader(many_p_words)
    batched = []
    plain = scoring._or_of_words

    def counted(ctx, subs):
        batched.append(len(subs))
        return plain(ctx, subs)

    monkeypatch.setattr(scoring, "_or_of_words", counted)

    def answers():
        out = []
        for query in ("p*", "pka*", "p* -pkakax", "title:j* OR p*", "(p* OR lagi) kota"):
            result = many_p_words.search(query, limit=40, time_budget=None)
            out.append((result.total,
                        [(h.doc, h.para, h.score, h.highlights) for h in result.hits]))
        return out

    at_once = answers()
    assert max(batched) > 100 and all(total for total, _hits in at_once)
    assert any(h[3] for _total, hits in at_once for h in hits)
    monkeypatch.setattr(scoring, "OR_BATCH_MIN", 10**9)
    monkeypatch.setattr(highlight, "MANY_LISTS", 10**9)  # highlights list by list too
    batched.clear()
    assert answers() == at_once and not batched


def test_did_you_mean_counts_the_paragraphs_of_near_words_only(seeds_library):
    """A paragraph count is looked up for a spelling word within the allowed edits, never for
    every word that shares its first letters (at a million paragraphs in 26 segments, one
    look-up is ~1 ms and "re" starts 5,000 words)."""
    from reader.language.edits import edits
    from reader.search.whoosh import spelling, stemtable

    _shared, reader = whoosh_reader(seeds_library)
    assert seeds_library.search("menyatakam").suggestions == ["menyatakan"]  # words loaded
    words = stemtable.current_words()
    starting = [word for word, _stem in words.starting("me")]
    near = [word for word in starting
            if word != "menyatakam" and edits("menyatakam", word, 2) <= 2]
    looked: list[str] = []
    plain = reader.doc_frequency

    def counted(fieldname, text):
        looked.append(text)
        return plain(fieldname, text)

    reader.doc_frequency = counted
    corrector = spelling._Corrector(reader, "text")
    found = list(corrector._suggestions("menyatakam", 2, 2))
    assert max(found)[1] == "menyatakan"  # the best score: fewest edits, then most frequent
    assert len(looked) == len(near) < len(starting)


def test_an_excluded_word_in_the_first_match_of_a_segment_is_excluded(tmp_path, monkeypatch):
    """Whoosh's walk through ``a ANDNOT b`` checked its first match against ``b`` only when both
    lists started on the same document: the count took the first paragraph of ``a`` even when
    it held the excluded word (``b`` starting earlier)."""
    from reader.search.backend import SearchRequest
    from reader.search.whoosh import search

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Kabar\n\nTidak ada kabar.\n\nLokhoyah tidak datang.\n\n"
                                  "Lokhoyah datang pagi.\n\nLokhoyah pulang sore.\n")
    library = Library(corpus, tmp_path / "ix")
    library.update()
    shared, parser_for = library.backend._parser_for()
    searcher = shared.searcher()
    q, *_ = search.prepare(searcher, parser_for, SearchRequest("Lokhoyah -tidak"), None)
    assert search.count(searcher, q) == 2
    monkeypatch.setattr(search, "usable", lambda *args: False)  # Whoosh's own matchers
    found = library.search("Lokhoyah -tidak", limit=1)  # one shown: the rest is counted
    assert found.total == 2 and "tidak" not in found.hits[0].text.lower()
    library.close()


@pytest.fixture(scope="module")
def excluded(tmp_path_factory):
    """Paragraphs that hold a name with and without the words a query excludes."""
    corpus = tmp_path_factory.mktemp("excl") / "corpus"
    corpus.mkdir()
    (corpus / "a.txt").write_text(
        "Kabar\n\nTokayev bertemu presiden di Astana.\n\n"
        "Tokayev bertemu presiden dan menteri luar negeri.\n\n"
        "Tokayev bertemu menteri pertahanan.\n\nTokayev pulang ke Astana.\n")
    library = Library(corpus, corpus.parent / "ix")
    library.update()
    yield library
    library.close()


def _found(library, query: str) -> list[int]:
    return sorted(hit.para for hit in library.search(query, limit=50).hits)


@pytest.mark.parametrize("query, paragraphs", [
    ("Tokayev (presiden -menteri)", [1]),
    ("(presiden -menteri) Tokayev", [1]),
    ("Tokayev (-menteri)", [1, 4]),
    ("Tokayev (presiden NOT menteri)", [1]),
    ("Tokayev (-menteri -presiden)", [4]),
    ("(Tokayev -menteri) OR pertahanan", [1, 3, 4]),
    ("Tokayev presiden -menteri", [1]),  # the same outside parentheses
    ("Tokayev -menteri", [1, 4]),
])
def test_a_word_excluded_in_parentheses_is_excluded(excluded, query, paragraphs):
    """``-word`` inside parentheses excludes the word there, as outside (Whoosh's parser
    ignored it, or failed the search, when it was not at the top level)."""
    assert _found(excluded, query) == paragraphs


def test_a_hyphen_inside_a_word_is_not_an_exclusion(excluded):
    assert _found(excluded, "Tokayev (luar-negeri)") == [2]
    assert _found(excluded, "(Tokayev -menteri)") == [1, 4]
