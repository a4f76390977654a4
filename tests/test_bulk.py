"""The bulk build writes what Whoosh's own writer writes: the same terms, postings, lengths and
stored fields, in one process or several, and spills to several segments past its limit."""

from __future__ import annotations

import os
import random

import pytest
from whoosh import index as whoosh_index

from reader.ingest import CorpusFile, doc_ids, scan
from reader.library import Library
from reader.prepare import Source, prepare, prepared
from reader.search.backend import Changes, SearchRequest
from reader.search.whoosh import shards
from reader.search.whoosh.backend import WhooshBackend
from reader.search.whoosh.build import _add, build_generation
from reader.search.whoosh.codec import writer_options
from reader.search.whoosh.folder import IndexFolder
from reader.search.whoosh.schema import INDEX_NAME, build_schema
from reader.search.whoosh.store import open_dir
from tests.conftest import SEEDS

WORDS = ("presiden rakyat harga pasar kereta stasiun banjir guru murid sekolah nelayan laut "
         "kapal menteri mengatakan Jakarta Tokayev pembangunan negara-negara Kassym-Jomart "
         "café tidak dan yang").split()


def _corpus(root, files: int, seed: int = 3):
    root.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    for f in range(files):
        paras = []
        for _ in range(rng.randint(1, 12)):
            words = [rng.choice(WORDS) for _ in range(rng.randint(1, 30))]
            text = " ".join(words).capitalize() + "."
            if rng.random() < 0.3:
                text = f"\u201c{text}\u201d kata {rng.choice(['Rubio', 'Ani Suryani'])}."
            paras.append(text)
        (root / f"b{f:03d}.txt").write_text(f"Kabar {rng.choice(WORDS)} {f}\n\n"
                                            + "\n\n".join(paras), encoding="utf-8")
    for f in range(0, files, 7):  # sidecars: dates, outlets, extra fields (query filters)
        (root / f"b{f:03d}.meta.toml").write_text(
            f'date = "2024-0{1 + f % 9}-1{f % 10}"\noutlet = "Kabar {f % 3}"\n'
            f'desk = "politik {f % 2}"\n', encoding="utf-8")
    for f in range(3):  # English articles: analysed with English rules, tagged in the index
        (root / f"e{f}.txt").write_text(
            f"Ministers meeting in Jakarta {f}\n\nThe ministers said on Thursday that the "
            "talks with the delegations were going well and that they expected an agreement "
            "before the end of the week.\n\n\u201cWe are making progress,\u201d the minister "
            "told reporters outside the building, adding that the governments would publish "
            "the details of the agreement soon.\n", encoding="utf-8")
    return root


def _sources(corpus):
    found = scan(corpus, [])
    files = [CorpusFile(corpus / rel, rel, size, mtime) for rel, (size, mtime) in found.items()]
    ids = doc_ids(files)
    return [Source(f, ids[f.relative]) for f in sorted(files, key=lambda f: f.relative)]


def _whoosh_built(directory, sources):
    """The reference: the same documents through Whoosh's own writer, one segment."""
    directory.mkdir()
    ix = whoosh_index.create_in(str(directory), build_schema(), indexname=INDEX_NAME)
    writer = ix.writer(**writer_options())
    for source in sources:
        _add(writer, prepare(source)[0])
    writer.commit()
    return ix


def _contents(ix):
    """Everything a search can see, by document content rather than number."""
    with ix.reader() as reader:
        stored = {d: reader.stored_fields(d) for d in reader.all_doc_ids()}
        key = {d: (f.get("kind"), f.get("doc") or f.get("path"), f.get("para"))
               for d, f in stored.items()}
        postings = {}
        for fieldname, btext in reader.all_terms():
            field = reader.schema[fieldname]
            matcher = reader.postings(fieldname, btext)
            rows = []
            while matcher.is_active():
                d = matcher.id()
                value = (field.format.decode_positions(matcher.value())
                         if field.format.supports("positions") else None)
                rows.append((key[d], matcher.weight(), value))
                matcher.next()
            info = reader.term_info(fieldname, btext)
            postings[fieldname, btext] = (sorted(rows, key=repr), info.weight(),
                                          info.doc_frequency(), info.min_length(),
                                          info.max_length(), info.max_weight())
        lengths = {(key[d], name): reader.doc_field_length(d, name) or 0  # None or 0: none
                   for d in stored for name in ("title", "text", "quote", "source", "speaker")}
        totals = {name: reader.field_length(name) for name in reader.schema.names()}
        return ({key[d]: f for d, f in stored.items()}, postings, lengths, totals)


def _bulk_built(tmp_path, corpus, procs: int, limit_mb: float | None = None, monkeypatch=None):
    folder = IndexFolder(tmp_path / "bulk")
    folder.claim(1)
    sources = _sources(corpus)
    if limit_mb is not None:
        monkeypatch.setattr(shards, "POOL_MB", limit_mb)
    warnings: list[str] = []
    changes = Changes(files=prepared(sources, warnings), total=len(sources), sources=sources,
                      warnings=warnings)
    build_generation(folder, changes, None, workers=procs, parallel_min_files=1)
    return open_dir(folder.live_dir())


@pytest.mark.parametrize("seed", range(6))
def test_a_list_given_at_once_is_the_same_bytes_as_posting_by_posting(seed):
    from array import array
    from io import BytesIO

    from reader.search.whoosh.codec import ArrayPositions, ColumnPostingsWriter

    rng = random.Random(seed)
    n = rng.choice([1, 2, 5, 127, 128, 129, 400])
    ids = sorted(rng.sample(range(rng.choice([n, 3 * n, 200_000])), n))
    tfs = [1 if seed % 2 else rng.choice([1, 1, 2, 3, 300]) for _ in ids]
    positions = [sorted(rng.sample(range(rng.choice([t, 70_000])), t)) for t in tfs]
    lengths = [rng.choice([0, 1, 9, 40, 5000]) for _ in ids]
    fmt = ArrayPositions()
    out = []
    for at_once in (False, True):
        writer = ColumnPostingsWriter(BytesIO())
        writer.start_postings(fmt, _info())
        if at_once:
            writer.add_positions(array("I", ids), tfs, array("I", [p for ps in positions
                                                                   for p in ps]), lengths)
        else:
            for i, t, ps, length in zip(ids, tfs, positions, lengths, strict=True):
                writer.add_posting(i, float(t), fmt.encode(ps), length)
        info = writer.finish_postings()
        out.append((writer._postfile.getvalue(), info.to_bytes()))
    assert out[0] == out[1]


def _info():
    from whoosh.codec.whoosh3 import W3TermInfo

    return W3TermInfo()


def test_a_bulk_segment_holds_what_whooshs_writer_writes(tmp_path):
    from reader.language.analysis import ENGLISH_MARK

    corpus = _corpus(tmp_path / "c", 40)
    reference = _contents(_whoosh_built(tmp_path / "ref", _sources(corpus)))
    bulk = _bulk_built(tmp_path, corpus, procs=1)
    assert len(bulk._segments()) == 1
    contents = _contents(bulk)
    assert contents == reference
    assert ("text", ENGLISH_MARK.encode("utf-8")) in contents[1]  # the English path was met


def test_seeds_bulk_equal_whoosh(tmp_path):
    reference = _contents(_whoosh_built(tmp_path / "ref", _sources(SEEDS)))
    assert _contents(_bulk_built(tmp_path, SEEDS, procs=1)) == reference


def test_a_small_pool_spills_into_several_segments_with_the_same_contents(tmp_path,
                                                                          monkeypatch):
    corpus = _corpus(tmp_path / "c", 40)
    reference = _contents(_whoosh_built(tmp_path / "ref", _sources(corpus)))
    bulk = _bulk_built(tmp_path, corpus, procs=1, limit_mb=0.02, monkeypatch=monkeypatch)
    assert len(bulk._segments()) > 3
    assert _contents(bulk) == reference


@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="a parallel build needs two cores")
def test_processes_write_the_same_index_as_one(tmp_path):
    corpus = _corpus(tmp_path / "c", 60)
    reference = _contents(_whoosh_built(tmp_path / "ref", _sources(corpus)))
    bulk = _bulk_built(tmp_path, corpus, procs=2)
    assert len(bulk._segments()) == 2
    assert _contents(bulk) == reference
    assert not [p for p in folder_files(bulk) if p.startswith(shards.CHILD_LOG)]


def folder_files(ix):
    return os.listdir(ix.storage.folder)


def test_the_prepare_stage_gives_the_same_records_in_processes(tmp_path):
    corpus = _corpus(tmp_path / "c", 50)
    sources = _sources(corpus)
    here, there = [], []
    one = list(prepared(sources, here))
    two = list(prepared(sources, there, procs=2))
    assert one == two and here == there
    assert sum(len(a.paragraphs) for f in one for a in f.articles) > 100


def test_a_parallel_build_through_the_library_searches_like_one(tmp_path):
    corpus = _corpus(tmp_path / "c", 60)
    single = Library(corpus, tmp_path / "one", backend=None)
    single.backend.parallel_min_files = 10_000
    single.update()
    multi = WhooshBackend(tmp_path / "two", workers=2, parallel_min_files=10)
    from reader import sync

    report = sync.update(multi, corpus)
    assert report.paragraphs == single.backend.counts()["paragraphs"]
    for query in ("presiden", '"harga pasar"', "ka*", "kata Rubio", "title:kabar"):
        a = single.backend.search(SearchRequest(query, limit=1000))
        b = multi.search(SearchRequest(query, limit=1000))
        assert a.total == b.total
        assert sorted((h.doc, h.para, round(h.score, 6)) for h in a.hits) == sorted(
            (h.doc, h.para, round(h.score, 6)) for h in b.hits)
    single.close()
    multi.close()


def test_a_build_and_its_searches_open_no_segment_through_a_memory_map(tmp_path, monkeypatch):
    """Whoosh 3 reads a memory-mapped segment through ``BytesIO(memoryview)``, a copy of each
    of its files: sealing a build opened a reader over every segment that way, 1.1 GB at a
    million paragraphs in the building process. Every storage a build, an update or a search
    opens reads files instead."""
    from whoosh.filedb import compound

    opened: list[bool] = []
    plain = compound.CompoundStorage.__init__

    def recorded(self, dbfile, use_mmap=True, basepos=0):
        opened.append(use_mmap)
        plain(self, dbfile, use_mmap=use_mmap, basepos=basepos)

    monkeypatch.setattr(compound.CompoundStorage, "__init__", recorded)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in SEEDS.glob("*.txt"):
        (corpus / path.name).write_bytes(path.read_bytes())
    library = Library(corpus, tmp_path / "ix")
    library.update(rebuild=True)
    (corpus / "baru.txt").write_text("Berita Baru\n\nTokayev datang lagi.\n", encoding="utf-8")
    library.update()
    assert library.search("Tokayev").total == 3
    library.close()
    assert opened and not any(opened)


def test_positions_past_two_bytes_are_written_as_whoosh_writes_them(tmp_path):
    """The pool holds positions in two bytes; a text of more than 65,535 words widens them."""
    from whoosh.filedb.filestore import FileStorage
    from whoosh.index import TOC

    from reader.search.whoosh.bulk import BulkSegment
    from reader.search.whoosh.codec import ReaderCodec

    text = " ".join(f"kata{i % 50}" for i in range(70_000)) + " ujung kata7"
    document = {"kind": "para", "path": "a.txt", "doc": "a", "para": 1, "title": "Judul",
                "text": text}
    (tmp_path / "ref").mkdir()
    reference = whoosh_index.create_in(str(tmp_path / "ref"), build_schema(),
                                       indexname=INDEX_NAME)
    writer = reference.writer(**writer_options())
    writer.add_document(**document)
    writer.commit()
    (tmp_path / "bulk").mkdir()
    ix = FileStorage(str(tmp_path / "bulk")).create_index(build_schema(), indexname=INDEX_NAME)
    bulk = BulkSegment(ix.storage, ix.schema, INDEX_NAME, ReaderCodec(), 64)
    bulk.add(dict(document))
    TOC(ix.schema, [bulk.finish()], ix.latest_generation() + 1).write(ix.storage, INDEX_NAME)
    contents = _contents(open_dir(tmp_path / "bulk"))
    assert contents == _contents(reference)
    rows = contents[1]["text", b"kata7"][0]
    assert rows[0][2][-1] == 70_001  # the word after the 65,535th kept its position


def test_the_parent_keeps_the_files_done_packed():
    """A build's parent holds what it keeps of each file packed, a few rows at most loose."""
    from reader.records import ArticleSummary
    from reader.search.backend import FileState

    built = shards.Built()
    states, listed = {}, {}
    for n in range(300):
        relative = f"f\udcff{n}.txt" if n % 50 == 0 else f"dir/f{n}.txt"  # an undecodable name
        state = FileState(n, n * 1000, None if n % 7 == 0 else f"{n:064x}", (f"d{n}",))
        summary = ArticleSummary(f"d{n}", f"Judul {n}", None, "2024-01-02", 3, n % 4,
                                 relative)
        states[relative], listed[summary.doc] = state, summary
        row = (relative, state.size, state.mtime_ns, state.sha256, state.docs,
               [shards._summary_row(summary)], 3)
        built.record(row, None, 300)
        assert built.held() < shards.PACK_ROWS
    assert built.written == 900 and built.done == 300
    assert built.states() == states
    assert built.listed() == listed


def test_a_worker_writes_its_learned_stems_out_as_it_goes(tmp_path, monkeypatch):
    from reader.language import analysis
    from reader.search.whoosh import stemtable

    learned: dict[str, str] = {}
    monkeypatch.setattr(analysis, "_LEARNED", learned)
    monkeypatch.setattr(analysis, "_TABLES", [])
    written = 0
    for n in range(2500):
        learned[f"kata{n}"] = f"k{n}"
        written += stemtable.save_part(tmp_path, at_least=1000)
        assert len(learned) < 1000
    written += stemtable.save_part(tmp_path)
    assert written == 2500 and not learned
    assert stemtable.save(tmp_path) == 2500
    table = stemtable.open_table(tmp_path)
    assert table.get("kata0") == "k0" and table.get("kata2499") == "k2499"
    table.close()


def test_postings_of_id_fields_cost_the_pool_eight_bytes(tmp_path):
    """What the pool's estimate counts for the fields indexed whole (ids, numbers)."""
    from whoosh.filedb.filestore import FileStorage

    from reader.search.whoosh.bulk import TERM_BYTES, BulkSegment
    from reader.search.whoosh.codec import ReaderCodec

    ix = FileStorage(str(tmp_path)).create_index(build_schema(), indexname=INDEX_NAME)
    bulk = BulkSegment(ix.storage, ix.schema, INDEX_NAME, ReaderCodec(), 64)
    bulk.add({"kind": "file", "path": "a.txt", "data": "{}"})
    first = bulk.size
    assert first == 2 * (TERM_BYTES + 8)
    bulk.add({"kind": "file", "path": "b.txt", "data": "{}"})
    assert bulk.size - first == 8 + TERM_BYTES + 8  # "file" again, and a new path
