"""The posting format: what is written is what Whoosh's matchers and the vectorised scorer read,
and the vectorised scorer answers exactly what Whoosh's own collector answers."""

from __future__ import annotations

import random
from array import array

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from whoosh import collectors
from whoosh.codec.whoosh3 import W3TermInfo
from whoosh.filedb.filestore import RamStorage
from whoosh.formats import Frequency
from whoosh.query import And, Term
from whoosh.reading import CorruptIndexError

from reader.library import Library
from reader.search.query import check_query
from reader.search.whoosh import codec, decoded, fastpath, highlight, layout, postlist, scoring
from reader.search.whoosh.analyzer import text_analyzer as analyzer
from reader.search.whoosh.languages import both_languages
from reader.search.whoosh.parse import bounded, make_parser, para_only, parse
from reader.search.whoosh.schema import build_schema
from reader.search.whoosh.search import not_paragraphs


def _write_list(postings, fmt):
    """Write one posting list with the codec's writer into a RAM file; return (file, info)."""
    storage = RamStorage()
    out = storage.create_file("p")
    writer = codec.ColumnPostingsWriter(out)
    writer.start_postings(fmt, W3TermInfo())
    for docnum, weight, value, length in postings:
        writer.add_posting(docnum, weight, value, length)
    info = writer.finish_postings()
    out.close()
    return storage.open_file("p"), info


def _read_back(postfile, info, fmt):
    offset, length = info.extent()
    m = codec.ColumnMatcher(postfile, offset, length, fmt)
    ids, weights, values = [], [], []
    while m.is_active():
        ids.append(m.id())
        weights.append(m.weight())
        values.append(m.value())
        m.next()
    return ids, weights, values


@pytest.mark.parametrize("gap", [1, 300, 70_000])  # id deltas of 1, 2 and 4 bytes
def test_positions_round_trip_through_whoosh_matcher_and_numpy(gap):
    fmt = codec.ArrayPositions()
    rng = random.Random(gap)
    postings = []
    docnum = 5
    for _ in range(300):  # three blocks
        positions = sorted(rng.sample(range(0, 400), rng.randint(1, 6)))
        postings.append((docnum, float(len(positions)), fmt.encode(positions),
                         rng.randint(1, 500)))
        docnum += rng.randint(1, gap)
    postfile, info = _write_list(postings, fmt)
    ids, weights, values = _read_back(postfile, info, fmt)
    assert ids == [p[0] for p in postings]
    assert weights == [p[1] for p in postings]
    assert [fmt.decode_positions(v) for v in values] == [
        fmt.decode_positions(p[2]) for p in postings]
    assert info.doc_frequency() == 300 and info.max_id() == postings[-1][0]
    offset, length = info.extent()
    read = decoded.decode(postlist.ColumnList(postfile.get(offset, length)), 0)
    assert read.ids.tolist() == ids
    assert read.tfs.tolist() == weights
    counts, flat = read.positions()
    assert counts.tolist() == [int(w) for w in weights]
    assert flat.tolist() == [p for v in values for p in fmt.decode_positions(v)]


def test_skip_to_lands_on_every_block_boundary():
    fmt = Frequency()
    postings = [(d * 3, 1.0 + d % 4, b"\0\0\0\1", 10) for d in range(1000)]
    postfile, info = _write_list(postings, fmt)
    offset, length = info.extent()
    for target in (0, 1, 383, 384, 385, 1500, 2997):
        m = codec.ColumnMatcher(postfile, offset, length, fmt)
        m.skip_to(target)
        assert m.id() == -(-target // 3) * 3
        assert m.weight() == 1.0 + (m.id() // 3) % 4


def test_float_weights_and_variable_values_keep_their_bytes():
    class Blob(Frequency):
        posting_size = -1

    fmt = Blob()
    postings = [(d, 0.5 * d + 0.25, bytes([d % 7]) * (d % 5), None) for d in range(200)]
    postfile, info = _write_list(postings, fmt)
    ids, weights, values = _read_back(postfile, info, fmt)
    assert ids == list(range(200))
    assert weights == [0.5 * d + 0.25 for d in range(200)]
    assert values == [p[2] for p in postings]


def test_a_damaged_posting_list_raises_instead_of_answering_nothing():
    fmt = codec.ArrayPositions()
    postfile, info = _write_list([(1, 1.0, fmt.encode([3]), 5)], fmt)
    offset, length = info.extent()
    raw = bytearray(postfile.get(offset, length))
    raw[0:4] = b"W3Bl"
    with pytest.raises(CorruptIndexError):
        postlist.ColumnList(bytes(raw))
    with pytest.raises(CorruptIndexError):
        postlist.ColumnList(postfile.get(offset, length)[:-3])


def test_no_pickle_in_positions():
    fmt = codec.ArrayPositions()
    value = fmt.encode([0, 7, 300])
    assert value == array("I", [0, 7, 300]).tobytes()
    assert fmt.decode_positions(value) == [0, 7, 300]
    assert fmt.decode_frequency(value) == 3


def test_new_indexes_use_the_codec(seeds_library):
    searcher = seeds_library.backend.store.open().searcher()
    assert isinstance(build_schema()["text"].format, codec.ArrayPositions)
    for sub, _offset in searcher.leaf_searchers():
        assert isinstance(sub.reader()._codec, codec.ReaderCodec)


WORDS = ("presiden menteri rakyat negara ekonomi harga pasar sekolah guru murid hujan banjir "
         "jalan kota desa petani nelayan laut kapal pesawat bandara tiket kereta stasiun "
         "pemilu partai suara calon kampanye debat").split()


@pytest.fixture(scope="module")
def generated_library(tmp_path_factory):
    """800 paragraphs of sentences made of a small vocabulary, so words are frequent."""
    root = tmp_path_factory.mktemp("gen")
    corpus = root / "corpus"
    _generate(corpus, 40)
    library = Library(corpus, root / "ix")
    library.update()
    yield library
    library.close()


def _generate(corpus, files: int, seed: int = 7) -> None:
    corpus.mkdir(exist_ok=True)
    rng = random.Random(seed)
    for f in range(files):
        paragraphs = []
        for _ in range(20):
            words = [rng.choice(WORDS[: rng.randint(5, len(WORDS))]) for _ in range(
                rng.randint(4, 40))]
            paragraphs.append(" ".join(words).capitalize() + ".")
        title = f"Kabar {rng.choice(WORDS).title()} {f}"
        (corpus / f"a{f:03d}.txt").write_text(title + "\n\n" + "\n\n".join(paragraphs))


QUERIES = ["presiden", "presiden rakyat", '"harga pasar"', "pa*", "p*", "title:Banjir",
           "presiden -rakyat", "presiden OR guru", '"kereta stasiun" OR banjir',
           "(guru OR murid) sekolah", "nelayan laut kapal", "title:kabar guru"]


@pytest.fixture(scope="module")
def updated_library(tmp_path_factory):
    """The generated corpus after an update that replaced and removed files: segments with
    deleted documents."""
    library = build_then_update(
        tmp_path_factory.mktemp("upd"),
        lambda corpus, step: _generate(corpus, 3, seed=99) if step else _generate(corpus, 30),
        remove="a010.txt")  # the update rewrites a000-a002 and removes a010
    yield library
    library.close()


def build_then_update(root, write, remove: str) -> Library:
    """A library over the corpus ``write(corpus, 0)`` makes, updated after ``write(corpus, 1)``
    rewrote some of its files and ``remove`` was deleted: segments with deleted documents."""
    corpus = root / "corpus"
    write(corpus, 0)
    library = Library(corpus, root / "ix")
    library.update()
    write(corpus, 1)
    (corpus / remove).unlink()
    report = library.update()
    assert report.changed and report.removed
    return library


@pytest.mark.parametrize("query", QUERIES)
@pytest.mark.parametrize("which", ["generated_library", "updated_library"])
def test_vectorised_scores_equal_whooshs_collector(request, which, query):
    library = request.getfixturevalue(which)
    shared = library.backend.store.open()
    searcher = shared.searcher()
    q, _ = bounded(both_languages(parse(make_parser(shared.schema), check_query(query)),
                                  searcher.reader()), searcher.reader())
    only_paragraphs = para_only(q)
    drop, bonus = (frozenset(), 0.0) if only_paragraphs else not_paragraphs(searcher)
    scoring._np()  # loaded: the fast path takes every query
    top, total, spent = fastpath.fast_search(searcher, q, 20, None, drop=drop, bonus=bonus)
    filtered = q if only_paragraphs else And([q, Term("kind", "para")])
    collector = collectors.TopCollector(limit=20)
    searcher.search_with_collector(filtered, collector)
    theirs = [(hit.score, hit.docnum) for hit in collector.results()]
    every = sum(1 for _ in filtered.matcher(searcher, searcher.boolean_context()).all_ids())
    assert not spent
    assert total == every > 0
    assert [d for _, d in top] == [d for _, d in theirs]
    assert [s for s, _ in top] == pytest.approx([s for s, _ in theirs], rel=1e-12)


def test_search_through_either_path_gives_the_same_hits(generated_library):
    """Library.search picks numpy for big posting lists and Whoosh's matchers for small ones;
    both give the same hits, totals and highlights."""
    import sys

    scoring._np()  # loaded: every search takes the vectorised path
    common = generated_library.search("presiden rakyat", limit=10)
    saved = scoring.NUMPY_MIN_POSTINGS, sys.modules.pop("numpy")
    try:  # as in a process that has not loaded numpy, with a threshold no query reaches
        scoring.NUMPY_MIN_POSTINGS = 10**9
        whoosh_path = generated_library.search("presiden rakyat", limit=10)
    finally:
        scoring.NUMPY_MIN_POSTINGS, sys.modules["numpy"] = saved
    assert [(h.doc, h.para) for h in common.hits] == [(h.doc, h.para) for h in whoosh_path.hits]
    assert common.total == whoosh_path.total
    assert [h.highlights for h in common.hits] == [h.highlights for h in whoosh_path.hits]


@pytest.mark.parametrize("query", ["presiden", "presiden rakyat", '"presiden menteri"', "p*",
                                   "rakyat~", "title:presiden", "presiden OR rakyat NOT kota"])
def test_short_lists_mark_the_same_words_in_python_as_in_numpy(generated_library, query,
                                                                monkeypatch):
    scoring._np()
    marked = {}
    for small in (0, 10**9):  # every list through numpy, then every list in Python
        monkeypatch.setattr(highlight, "SMALL_LIST", small)
        result = generated_library.search(query, limit=50)
        marked[small] = [(h.doc, h.para, h.highlights) for h in result.hits]
    assert marked[0] == marked[10**9]
    assert any(highlights for _d, _p, highlights in marked[0]) or query.startswith("title:")


SENTENCES = [
    "Presiden Kassym-Jomart Tokayev bertemu negara-negara Asia Tengah di Gedung Putih.",
    "Ia berkata: \u201cKami akan segera bergabung,\u201d ujar Menteri Jum'at lalu.",
    "Café-café di Jakarta-Selatan buka 24 jam, dan warga berbalas-balasan pesan.",
    "the President and the Minister of Foreign Affairs -- said it was a deal.",
    "Bangsa-bangsanya tarik-menarik; Naïve résumé co-operate x-ray 3-2.",
    "Kata \u201cpemerintah\u201d di awal, lalu O’Brien’s 12,5% dan _garis_bawah_ "
    "\u0645\u0631\u062d\u0628\u0627.",
]


@pytest.mark.parametrize("text", SENTENCES)
def test_token_spans_follow_the_analyzer_positions(text):
    spans = layout.token_spans(text)
    for token in analyzer()(text, positions=True, chars=True):
        assert spans[token.pos] == (token.startchar, token.endchar), token.text


@pytest.mark.parametrize("query", ["gabung", "Tokayev", '"Truth Social"', "Kaz*",
                                   "Kazakstan~", "quote:resmi", "negara-negara Abraham"])
def test_highlights_from_positions_match_the_stemmed_words(seeds_library, query):
    from reader.language.analysis import surface_tokens

    result = seeds_library.search(query)
    assert result.hits
    shared = seeds_library.backend.store.open()
    reader = shared.searcher().reader()
    q, _ = bounded(both_languages(parse(make_parser(shared.schema), check_query(query)),
                                  reader), reader)
    words = {w.decode() for w in highlight.highlight_terms(q)}
    for hit in result.hits:
        expected = [(s, e) for term, s, e in surface_tokens(hit.text) if term in words]
        assert hit.highlights == expected and expected


def test_fuzzy_scans_only_words_of_its_first_letter(generated_library):
    from whoosh.query import FuzzyTerm

    from reader.search.whoosh.parse import expand

    reader = generated_library.backend.store.open().searcher().reader()
    vocabulary = list(reader.lexicon("text"))
    with_p = [t for t in vocabulary if t.startswith(b"p")]
    budget = [10**6]
    found, _cut = expand(FuzzyTerm("text", "presidne", maxdist=2), reader, budget=budget)
    assert b"presiden" in found
    assert 10**6 - budget[0] == len(with_p) < len(vocabulary)


def test_a_cold_search_stems_by_lookup_without_starting_sastrawi(seeds_library):
    import json
    import subprocess
    import sys

    code = (
        "import json, sys\n"
        "from reader.library import Library\n"
        "from reader.language import analysis\n"
        "lib = Library(sys.argv[1], sys.argv[2])\n"
        "result = lib.search('bergabung Tokayev')\n"
        "print(json.dumps([len(result.hits), analysis._sastrawi.cache_info().currsize]))\n"
    )
    proc = subprocess.run([sys.executable, "-c", code, str(seeds_library.corpus),
                           str(seeds_library.index_dir)], capture_output=True, text=True,
                          check=True)
    hits, sastrawi_started = json.loads(proc.stdout.strip().splitlines()[-1])
    assert hits >= 1 and sastrawi_started == 0


def test_stem_table_holds_what_indexing_stemmed(seeds_library):
    from reader.language.analysis import _sastrawi
    from reader.search.whoosh.stemtable import open_table

    table = open_table(seeds_library.backend.store.live_dir())
    assert table is not None
    for word in ("bergabung", "mengumumkan", "penandatanganan"):
        assert table.get(word) == (_sastrawi().stem_word(word) or word)
    assert table.get("zzzkatayangtakada") is None
    table.close()


def test_article_list_is_saved_with_each_commit_and_follows_updates(seeds_copy, tmp_path):
    from reader.search.whoosh import summaries

    library = Library(seeds_copy, tmp_path / "ix")
    library.update()
    shared = library.backend.store.open()
    saved = summaries.load(shared.directory, shared.latest_generation())
    decoded = {a.doc: summaries.of(a) for a in library.backend.articles()}
    assert saved == decoded and len(saved) >= 2
    (seeds_copy / "baru.txt").write_text("Judul Berita Baru\n\nIsi paragraf pertama.\n\n"
                                         "Paragraf kedua, \u201ckutipan,\u201d kata Rubio.\n")
    victim = sorted(seeds_copy.glob("0*.txt"))[0]
    victim.unlink()
    library.update()
    listed = library.articles()
    assert {s.doc for s in listed} == {a.doc for a in library.backend.articles()}
    new = next(s for s in listed if s.doc == "baru")
    assert (new.title, new.paragraphs, new.quotes) == ("Judul Berita Baru", 2, 1)
    assert victim.stem not in {s.doc for s in listed}
    library.close()


@pytest.mark.parametrize("text", SENTENCES)
def test_offsets_of_chosen_positions_equal_the_spans(text):
    spans = layout.token_spans(text)
    for chosen in ({0}, {1, 3}, set(range(len(spans))), {len(spans) - 1}):
        assert layout.offsets(layout.encode(text), chosen) == [spans[p] for p in sorted(chosen)]


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab éZ9_-'’\u201c.\n\u200b\u0301")), max_size=60),
       st.sets(st.integers(0, 30), max_size=12))
def test_a_stored_layout_gives_the_token_walks_offsets_on_any_text(text, chosen):
    spans = layout.token_spans(text)
    encoded = layout.encode(text)
    assert (layout.offsets(encoded, chosen) if encoded else []) == [
        spans[p] for p in sorted(chosen) if p < len(spans)]


@pytest.mark.parametrize("text", ["a " + "x" * 300 + " b", "a" + " " * 70_000 + "b c",
                                  "kata " * 40 + "y" * 70_000])
def test_a_layout_widens_for_long_words_and_gaps(text):
    spans = layout.token_spans(text)
    encoded = layout.encode(text)
    assert encoded[:2] != b"\x01\x01"
    assert layout.offsets(encoded, set(range(len(spans)))) == spans


@pytest.mark.parametrize("chunk", [16, 1 << 16])  # records split across reads, and not
def test_term_records_read_in_chunks_equal_whooshs(generated_library, chunk, monkeypatch):
    monkeypatch.setattr(fastpath, "SCAN_CHUNK", chunk)
    searcher = generated_library.backend.store.open().searcher()
    if searcher is not None:
        for segment, _offset in searcher.reader().leaf_readers():
            terms = segment._terms
            for prefix in (b"", b"p", b"pe", b"zz", b"\xff"):
                key = terms._keycoder("text", prefix)
                expected = []
                for k, v in terms._tindex.items_from(key):
                    if not k.startswith(key):
                        break
                    expected.append((k, v))
                assert list(fastpath.records_from(terms._tindex, key)) == expected


def test_articles_come_back_whole_from_slim_records(seeds_copy, tmp_path):
    from reader.ingest import read_file
    from reader.sync import attach_quotes

    (seeds_copy / "ulang.txt").write_text(
        "Judul Ulang\n\n\u201cKami siap,\u201d kata Rubio di Jakarta.\n\n"
        "Paragraf tengah tanpa kutipan.\n\n\u201cKami siap,\u201d kata Rubio di Jakarta.\n")
    library = Library(seeds_copy, tmp_path / "ix")
    library.update()
    expected = {}
    for path in sorted(seeds_copy.glob("*.txt")):
        for article in read_file(path, path.stem):
            attach_quotes(article)
            expected[article.doc] = article
    assert any(p.repeat_of for p in expected["ulang"].paragraphs)
    for doc, article in expected.items():
        assert library.article(doc) == article
    assert {a.doc: a for a in library.backend.articles()} == expected
    library.close()


def _edit_table(a: str, b: str, limit: int, transpositions: bool) -> int:
    """The edit distance's table (optimal string alignment), written out as a reference."""
    previous2 = None
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        for j in range(1, len(b) + 1):
            value = min(previous[j] + 1, current[j - 1] + 1,
                        previous[j - 1] + (a[i - 1] != b[j - 1]))
            if (transpositions and previous2 is not None and j > 1
                    and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]):
                value = min(value, previous2[j - 2] + 1)
            current[j] = value
        previous2, previous = previous, current
    return min(previous[-1], limit + 1)


def test_the_edit_distance_agrees_with_its_table():
    from reader.language.edits import edits

    rng = random.Random(11)
    for _ in range(4000):
        a = "".join(rng.choice("abcd") for _ in range(rng.randint(0, 7)))
        b = "".join(rng.choice("abcd") for _ in range(rng.randint(0, 7)))
        limit = rng.randint(0, 3)
        for transpositions in (True, False):
            assert edits(a, b, limit, transpositions) == _edit_table(a, b, limit,
                                                                     transpositions), (a, b)


def test_one_edit_agrees_with_the_edit_distance():
    from reader.language.edits import edits, one_edit

    rng = random.Random(3)
    for _ in range(3000):
        a = "".join(rng.choice("abc") for _ in range(rng.randint(0, 5)))
        b = "".join(rng.choice("abc") for _ in range(rng.randint(0, 5)))
        assert one_edit(a, b) == (edits(a, b, 1) <= 1), (a, b)


def test_quick_freshness_sees_added_removed_and_renamed_files_not_in_place_rewrites(
        seeds_copy, tmp_path):
    import os

    from reader import freshness

    library = Library(seeds_copy, tmp_path / "ix")
    library.update()
    assert not library.update(quick=True).touched
    sub = seeds_copy / "more"
    sub.mkdir()
    (sub / "baru.txt").write_text("Judul Baru\n\nParagraf tentang Zyxwqvort di Jakarta.\n")
    assert library.update(quick=True).added == ["more/baru.txt"]
    (sub / "baru.txt").rename(sub / "lain.txt")
    report = library.update(quick=True)
    assert report.added == ["more/lain.txt"] and report.removed == ["more/baru.txt"]
    # rewritten in place, same folder time: what a quick check misses (README, "Commands")
    target = sub / "lain.txt"
    folder_time = os.stat(sub).st_mtime_ns
    with open(target, "a") as handle:
        handle.write("\nParagraf tambahan Qwertzuiop.\n")
    os.utime(sub, ns=(folder_time, folder_time))
    assert not library.update(quick=True).touched
    assert library.update().changed == ["more/lain.txt"]
    assert set(freshness.folder_stamps(seeds_copy)) == {"", "more/"}
    library.close()


@pytest.mark.parametrize("on_disk", [True, False])
def test_hash_records_read_by_position_equal_whooshs_lookups(tmp_path, on_disk):
    """Every key of a hash file of 20,000 (collisions and wrapped probes included), values
    short and longer than the first read, and keys that are not there."""
    from whoosh.filedb.filestore import FileStorage
    from whoosh.filedb.filetables import OrderedHashReader, OrderedHashWriter

    from reader.search.whoosh.files import reader_at

    storage = FileStorage(str(tmp_path), supports_mmap=False) if on_disk else RamStorage()
    rng = random.Random(3)
    items = sorted({f"k{rng.randrange(10**9):09d}".encode(): bytes(rng.randrange(200))
                    for _ in range(20_000)}.items())
    writer = OrderedHashWriter(storage.create_file("h"))
    for key, value in items:
        writer.add(key, value)
    writer.close()
    tindex = OrderedHashReader(storage.open_file("h"), storage.file_length("h"))
    read = reader_at(tindex.dbfile)
    for key, value in items:
        assert fastpath.hash_value(tindex, read, key) == value == tindex[key]
    for missing in (b"", b"k", b"nope", b"k1234567890"):
        assert fastpath.hash_value(tindex, read, missing) is None


def test_term_records_read_by_position_equal_whooshs_hash_lookups(generated_library):
    """Every term of every segment of a real index, and words that are not there."""
    searcher = generated_library.backend.store.open().searcher()
    checked = 0
    for segment, _offset in searcher.reader().leaf_readers():
        tindex = segment._terms._tindex
        for key, value in tindex.items():
            assert fastpath._term_value(segment, key) == value
            checked += 1
        for missing in (b"\x00zz-not-a-term", segment._terms._keycoder("text", b"qqqqxyz")):
            assert fastpath._term_value(segment, missing) is None
    assert checked > 150
