"""A rare word scored in plain Python (:mod:`reader.search.whoosh.rare`) answers exactly what
the vectorised scorer and Whoosh's own collector answer: same paragraphs, same order, same
scores to the last bit, same totals and highlights."""

from __future__ import annotations

import random

import numpy
import pytest
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from whoosh import collectors
from whoosh.formats import Frequency

from reader.search.query import check_query
from reader.search.whoosh import codec, decoded, fastpath, postlist, rare, scoring
from reader.search.whoosh.languages import both_languages
from reader.search.whoosh.parse import PARA_ONLY_FIELDS, bounded, excluding, make_parser, parse
from tests.test_codec import _write_list, build_then_update

NAMES = ["Tokayev", "Lokhoyah", "Mirziyoyev", "Berdimuhamedow", "Zhaparov"]
WORDS = "presiden menteri rakyat negara harga pasar sekolah guru kota desa".split()


def _decoded_both_ways(postings, fmt, offset: int):
    postfile, info = _write_list(postings, fmt)
    start, length = info.extent()
    raw = postfile.get(start, length)
    return (rare.decode(postlist.ColumnList(raw), offset),
            decoded.decode(postlist.ColumnList(raw), offset))


@pytest.mark.parametrize("gap", [1, 300, 70_000])  # id deltas of 1, 2 and 4 bytes
@pytest.mark.parametrize("size", [1, 5, 127, 128, 300])  # one block, a full block, three
def test_a_short_list_decodes_as_numpy_decodes_it(gap, size):
    fmt = codec.ArrayPositions()
    rng = random.Random(gap * 1000 + size)
    postings, docnum = [], rng.randint(0, 50)
    for _ in range(size):
        positions = sorted(rng.sample(range(0, 70_000 if gap > 300 else 400), rng.randint(1, 6)))
        postings.append((docnum, float(len(positions)), fmt.encode(positions),
                         rng.randint(1, 500)))
        docnum += rng.randint(1, gap)
    short, vectorised = _decoded_both_ways(postings, fmt, offset=1234)
    assert short.id_list() == vectorised.ids.tolist() == [p[0] + 1234 for p in postings]
    assert short.tfs == vectorised.tfs.tolist()
    assert short.position_lists() == vectorised.position_lists()
    assert short.position_lists()[1] == [p for v in postings
                                         for p in fmt.decode_positions(v[2])]
    rows = sorted(rng.sample(range(size), min(size, 7)))
    each = [fmt.decode_positions(postings[r][2]) for r in rows]
    chosen = numpy.array(rows, numpy.int64)
    assert vectorised.positions_at(rows) == each  # decoding those rows alone
    counts, flat = vectorised.positions_of(chosen)
    assert counts.tolist() == [len(at) for at in each]
    assert flat.tolist() == [p for at in each for p in at]
    vectorised.positions()  # then sliced from every position decoded
    assert vectorised.positions_at(rows) == each
    counts, flat = vectorised.positions_of(chosen)
    assert flat.tolist() == [p for at in each for p in at]


@pytest.mark.parametrize("weights", ["integer", "wide", "float"])
def test_weights_of_every_width_decode_the_same(weights):
    fmt = Frequency()
    value = {"integer": lambda d: 1.0 + d % 4, "wide": lambda d: 300.0 + d * 7,
             "float": lambda d: 0.5 * d + 0.25}[weights]
    postings = [(d * 3, value(d), b"\0\0\0\1", 10) for d in range(150)]
    short, vectorised = _decoded_both_ways(postings, fmt, offset=0)
    assert short.ids == vectorised.ids.tolist()
    assert short.tfs == vectorised.tfs.tolist() == [value(d) for d in range(150)]
    with pytest.raises(ValueError):
        short.position_lists()  # a field without positions has none to give


def _write_corpus(corpus, files: int, seed: int) -> None:
    """Paragraphs of common words, a few of them with a rare name once or twice."""
    corpus.mkdir(exist_ok=True)
    rng = random.Random(seed)
    for f in range(files):
        paragraphs = []
        for _ in range(12):
            words = [rng.choice(WORDS) for _ in range(rng.randint(5, 60))]
            for _ in range(rng.choice((0, 0, 0, 0, 1, 1, 2))):
                words.insert(rng.randrange(len(words)), rng.choice(NAMES))
            paragraphs.append(" ".join(words).capitalize() + ".")
        (corpus / f"b{f:03d}.txt").write_text(f"Kabar {f}\n\n" + "\n\n".join(paragraphs))


@pytest.fixture(scope="module")
def library(tmp_path_factory):
    """Several segments, with deleted paragraphs (files rewritten and removed)."""
    library = build_then_update(
        tmp_path_factory.mktemp("rare"),
        lambda corpus, step: _write_corpus(corpus, 4, seed=11) if step
        else _write_corpus(corpus, 40, seed=3),
        remove="b020.txt")  # the update rewrites b000-b003 and removes b020
    yield library
    library.close()


def _query(searcher, schema, text: str):
    """As a search prepares it (:func:`reader.search.whoosh.search.prepare`)."""
    q, _partial = bounded(both_languages(parse(make_parser(schema), check_query(text)),
                                         searcher.reader()), searcher.reader())
    return excluding(q)


@pytest.mark.parametrize("name", NAMES)
def test_a_rare_name_scores_as_the_vectorised_path_and_whoosh_do(library, name):
    shared = library.backend.store.open()
    searcher = shared.searcher()
    assert len(searcher.leaf_searchers()) > 1 and searcher.reader().has_deletions()
    q = _query(searcher, shared.schema, name)
    short = fastpath.short_search(searcher, q, 20, PARA_ONLY_FIELDS)
    assert short is not None, "the name is rare enough for the plain Python path"
    top, total, _postings = short
    scoring._np()
    vectorised, vtotal, spent = fastpath.fast_search(searcher, q, 20, None)
    collector = collectors.TopCollector(limit=20)
    searcher.search_with_collector(q, collector)
    theirs = [(hit.score, hit.docnum) for hit in collector.results()]
    every = sum(1 for _ in q.matcher(searcher, searcher.boolean_context()).all_ids())
    assert not spent and total == vtotal == every > 0
    assert top == vectorised  # the same floats, bit for bit, in the same order
    assert [d for _, d in top] == [d for _, d in theirs]
    assert [s for s, _ in top] == pytest.approx([s for s, _ in theirs], rel=1e-12)


def test_filters_keep_and_drop_the_same_paragraphs(library):
    shared = library.backend.store.open()
    searcher = shared.searcher()
    q = _query(searcher, shared.schema, "Tokayev")
    everything, total, _ = fastpath.short_search(searcher, q, 1000, PARA_ONLY_FIELDS)
    docs = [d for _, d in everything]
    only, drop = set(docs[::2]), frozenset(docs[:3])
    kept, kept_total, _ = fastpath.short_search(searcher, q, 1000, PARA_ONLY_FIELDS, only=only,
                                                drop=drop)
    scoring._np()
    vectorised, vtotal, _ = fastpath.fast_search(searcher, q, 1000, None, only=only, drop=drop)
    assert kept == vectorised and kept_total == vtotal == len(only - drop) < total


def test_library_hits_and_highlights_are_the_same_either_way(library, monkeypatch):
    scoring._np()
    for name in NAMES:
        answers = []
        for short in (rare.SHORT_POSTINGS, 0):  # the plain Python path, then numpy's
            monkeypatch.setattr(rare, "SHORT_POSTINGS", short)
            result = library.search(name, limit=50)
            answers.append((result.total, [(h.doc, h.para, h.score, h.highlights)
                                           for h in result.hits]))
        assert answers[0] == answers[1]
        assert answers[0][0] > 0 and all(highlights for *_, highlights in answers[0][1])


def test_a_word_in_many_paragraphs_goes_to_the_vectorised_scorer(library, monkeypatch):
    shared = library.backend.store.open()
    searcher = shared.searcher()
    q = _query(searcher, shared.schema, "presiden")
    assert searcher.doc_frequency("text", q.text) >= rare.SHORT_POSTINGS
    assert fastpath.short_search(searcher, q, 20, PARA_ONLY_FIELDS) is None
    q = _query(searcher, shared.schema, "Tokayev")
    monkeypatch.setattr(rare, "SHORT_POSTINGS", searcher.doc_frequency("text", q.text))
    assert fastpath.short_search(searcher, q, 20, PARA_ONLY_FIELDS) is None  # at the limit
    for shape in ("Tokayev Lokhoyah", '"Tokayev Lokhoyah"', "Tokayev -presiden", "title:Kabar"):
        assert fastpath.short_search(searcher, _query(searcher, shared.schema, shape), 20,
                                     PARA_ONLY_FIELDS) is None


@pytest.mark.parametrize("query", ["Tokayev presiden", "Lokhoyah presiden menteri",
                                   "presiden Zhaparov -guru", "(Tokayev OR Zhaparov) kota",
                                   '"rakyat Tokayev"', '"Lokhoyah harga"',
                                   '"menteri Lokhoyah" OR "pasar Mirziyoyev"',
                                   '"harga Zhaparov" negara'])
def test_a_name_and_common_words_look_the_words_up_at_the_names_paragraphs(library, query,
                                                                        monkeypatch):
    """An AND and a phrase score and place a common word at the name's paragraphs alone."""
    shared = library.backend.store.open()
    searcher = shared.searcher()
    q = _query(searcher, shared.schema, query)
    scoring._np()
    probed = []
    plain = scoring.term_scores_among

    def counted(ctx, fieldname, text, candidates, boost=1.0):
        probed.append(len(candidates))
        return plain(ctx, fieldname, text, candidates, boost)

    monkeypatch.setattr(scoring, "term_scores_among", counted)
    answers = []
    for ratio in (scoring.PROBE_RATIO, 10**9):  # looked up at the name's paragraphs, then not
        monkeypatch.setattr(scoring, "PROBE_RATIO", ratio)
        answers.append(fastpath.fast_search(searcher, q, 20, None))
    assert probed and answers[0] == answers[1]  # the same floats, bit for bit
    collector = collectors.TopCollector(limit=20)
    searcher.search_with_collector(q, collector)
    theirs = [(hit.score, hit.docnum) for hit in collector.results()]
    top, total, _spent = answers[0]
    assert [d for _, d in top] == [d for _, d in theirs] and total > 0
    assert [s for s, _ in top] == pytest.approx([s for s, _ in theirs], rel=1e-12)


_WORD = st.sampled_from(["Tokayev", "Lokhoyah", "presiden", "menteri", "rakyat", "kota", "guru"])


def _shape(draw_word):
    """Queries of the reader's language built from words: ANDs, ORs, NOTs and phrases."""
    leaf = st.one_of(draw_word, st.builds(lambda a, b: f'"{a} {b}"', draw_word, draw_word))
    return st.recursive(leaf, lambda inner: st.one_of(
        st.builds(lambda a, b: f"({a} {b})", inner, inner),
        st.builds(lambda a, b: f"({a} OR {b})", inner, inner),
        st.builds(lambda a, b: f"({a} -{b})", inner, _WORD),
        st.builds(lambda a, b: f"({a} (-{b}))", inner, _WORD),
        st.builds(lambda a, b: f"({a} NOT {b})", inner, _WORD)), max_leaves=5)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=_shape(_WORD))
@example(query='(Tokayev ("Lokhoyah presiden" -Tokayev))')  # a skip that runs out the ANDNOT
def test_every_path_counts_the_same_matches(library, query):
    """The exact total of the vectorised scorer (or the plain Python one), Whoosh's walk through
    its matchers and Whoosh's scored collector agree on any shape of query."""
    from reader.search.whoosh.search import count

    shared = library.backend.store.open()
    searcher = shared.searcher()
    q = _query(searcher, shared.schema, query)
    scoring._np()
    short = fastpath.short_search(searcher, q, 10**6, PARA_ONLY_FIELDS)
    top, total, _spent = short if short is not None else fastpath.fast_search(
        searcher, q, 10**6, None)
    collector = collectors.TopCollector(limit=10**6)
    searcher.search_with_collector(q, collector)
    assert total == count(searcher, q) == len(collector.results()) == len(top)
    assert sorted(d for _, d in top) == sorted(hit.docnum for hit in collector.results())
