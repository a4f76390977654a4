"""Stored fields (:mod:`reader.search.whoosh.stored`): every document reads back exactly what
Whoosh 3's own column keeps, with and without a trained dictionary, with gaps and after merges,
in fewer bytes; damaged bytes are damage, never an empty record."""

from __future__ import annotations

import pickle
import random
import zlib

import pytest
from whoosh.codec.whoosh3 import W3Codec
from whoosh.fields import ID, NUMERIC, STORED, TEXT, Schema
from whoosh.filedb.filestore import FileStorage, RamStorage
from whoosh.reading import CorruptIndexError

from reader.search.whoosh import files, stored
from reader.search.whoosh.codec import ReaderCodec

WORDS = ("pemerintah kota banjir warga presiden mengatakan bahwa jalan sekolah rumah sakit "
         "polisi menteri kabupaten tahun bulan hari ini kemarin setelah sebelum karena").split()


def schema() -> Schema:
    return Schema(doc=ID(stored=True), para=NUMERIC(stored=True), text=TEXT(stored=True),
                  note=STORED, kind=ID)


def documents(count: int, seed: int = 1) -> list[dict]:
    """Paragraph-like records; every seventh has no stored field at all (a gap)."""
    rng = random.Random(seed)
    out = []
    for n in range(count):
        if n % 7 == 3:
            out.append({"kind": "gap"})
            continue
        text = " ".join(rng.choice(WORDS) for _ in range(rng.randint(5, 60)))
        fields = {"doc": f"a{n // 10:05d}", "para": n % 10 + 1, "text": text, "kind": "para"}
        if n % 5 == 0:
            fields["note"] = ["x", n, {"nested": "é\u200b\x1b[31m"}]
        out.append(fields)
    return out


def index_with(codec, docs: list[dict], storage=None, batches: int = 1):
    storage = storage or RamStorage()
    ix = storage.create_index(schema())
    size = max(1, -(-len(docs) // batches))
    for start in range(0, len(docs), size):
        with ix.writer(codec=codec) as writer:
            for fields in docs[start:start + size]:
                writer.add_document(**fields)
    return ix


def every_record(ix) -> list[dict]:
    with ix.searcher() as searcher:
        return [searcher.stored_fields(d) for d in range(searcher.doc_count_all())]


@pytest.mark.parametrize("count", [0, 1, 40, stored.MIN_TRAIN + 5, stored.TRAIN_RECORDS + 900])
def test_records_read_back_as_whoosh_keeps_them(count):
    docs = documents(count)
    ours, theirs = index_with(ReaderCodec(), docs), index_with(W3Codec(), docs)
    assert every_record(ours) == every_record(theirs)
    assert len(every_record(ours)) == count


def test_a_segment_big_enough_trains_a_dictionary_and_a_small_one_does_not():
    big = column(index_with(ReaderCodec(), documents(stored.TRAIN_RECORDS + 10)))
    small = column(index_with(ReaderCodec(), documents(stored.MIN_TRAIN - 1)))
    assert big.dictionary_bytes > 1024 and small.dictionary_bytes == 0


def column(ix):
    (reader,) = [r for r, _ in ix.reader().leaf_readers()]
    return reader._perdoc._cached_reader(stored.STORED, stored.COLUMN)


def test_merged_segments_read_back_the_same():
    docs = documents(stored.MIN_TRAIN * 3)
    ix = index_with(ReaderCodec(), docs, batches=3)
    assert len(ix.reader().leaf_readers()) == 3
    with ix.writer(codec=ReaderCodec()) as writer:
        writer.optimize = True
    assert len(ix.reader().leaf_readers()) == 1
    assert every_record(ix) == every_record(index_with(W3Codec(), docs))


def test_the_column_is_smaller_than_zlib_records_on_text_it_was_not_trained_on():
    docs = documents(stored.TRAIN_RECORDS * 2, seed=5)
    ix = index_with(ReaderCodec(), docs)
    reader = column(ix)
    ours = reader._ends[-1]  # the compressed records, the dictionary aside
    trained = reader._ends[stored.TRAIN_RECORDS - 1]
    unseen = ours - trained
    zlib_unseen = sum(len(zlib.compress(pickle.dumps(d, pickle.HIGHEST_PROTOCOL), 3))
                      for d in (every_record(ix)[stored.TRAIN_RECORDS:]) if d)
    assert unseen < 0.8 * zlib_unseen


def test_wide_offsets_read_back(monkeypatch):
    monkeypatch.setattr(stored, "WIDE", 1)  # every column takes 8-byte offsets
    docs = documents(50)
    ix = index_with(ReaderCodec(), docs)
    assert column(ix)._ends.itemsize == 8
    assert every_record(ix) == every_record(index_with(W3Codec(), docs))


def test_a_damaged_record_is_damage_not_an_empty_answer(tmp_path):
    docs = documents(stored.MIN_TRAIN + 20)
    storage = FileStorage(str(tmp_path), supports_mmap=False)
    ix = index_with(ReaderCodec(), docs, storage=storage)
    reader = column(ix)
    start, end = reader._ends[10], reader._ends[11]
    assert end > start
    (segfile,) = [p for p in tmp_path.iterdir() if p.suffix == ".seg"]
    raw = bytearray(segfile.read_bytes())
    record = raw.find(reader._dbfile.get(reader._basepos + start, end - start))
    assert record > 0
    for i in range(record, record + (end - start)):
        raw[i] ^= 0x5A
    segfile.write_bytes(bytes(raw))
    fresh = FileStorage(str(tmp_path), supports_mmap=False).open_index()
    with fresh.searcher() as searcher, pytest.raises(CorruptIndexError):
        searcher.stored_fields(11)


def test_a_damaged_dictionary_is_damage_when_the_column_opens(tmp_path):
    docs = documents(stored.TRAIN_RECORDS + 10)
    storage = FileStorage(str(tmp_path), supports_mmap=False)
    ix = index_with(ReaderCodec(), docs, storage=storage)
    reader = column(ix)
    assert reader.dictionary_bytes > 0
    start = reader._basepos + reader._ends[-1]
    dictionary = reader._dbfile.get(start, reader.dictionary_bytes)
    (segfile,) = [p for p in tmp_path.iterdir() if p.suffix == ".seg"]
    raw = bytearray(segfile.read_bytes())
    at = raw.find(dictionary)
    assert at > 0
    for i in range(at + 8, at + 72):  # past its magic and id: tables zstd refuses to load
        raw[i] ^= 0xA5
    segfile.write_bytes(bytes(raw))
    fresh = FileStorage(str(tmp_path), supports_mmap=False).open_index()
    with fresh.searcher() as searcher, pytest.raises(CorruptIndexError, match="dictionary"):
        searcher.stored_fields(len(docs) - 2)


def test_a_column_in_another_format_is_refused():
    storage = RamStorage()
    out = storage.create_file("c")
    out.write(b"\0" * 64)
    out.close()
    with pytest.raises(CorruptIndexError):
        stored.StoredReader(storage.open_file("c"), 0, 64, 3)


def test_a_record_on_disk_is_one_positional_read(tmp_path, monkeypatch):
    docs = documents(stored.MIN_TRAIN + 20)
    ix = index_with(ReaderCodec(), docs, storage=FileStorage(str(tmp_path), supports_mmap=False))
    expected = every_record(index_with(W3Codec(), docs))
    reads = []
    real = files.os.pread
    monkeypatch.setattr(files.os, "pread", lambda *a: reads.append(a) or real(*a))
    assert every_record(ix) == expected
    assert len(reads) == sum(1 for d in expected if d)


def test_samples_zstd_cannot_learn_from_leave_the_segment_without_a_dictionary():
    storage = RamStorage()
    out = storage.create_file("c")
    writer = stored.StoredWriter(out)
    writer._pending = [(n, b"") for n in range(stored.MIN_TRAIN + 1)]  # zstd refuses these
    writer._start()
    writer.add(stored.MIN_TRAIN + 1, {"text": "masih terbaca"})
    writer.finish(stored.MIN_TRAIN + 2)
    length = out.tell()
    out.close()
    reader = stored.StoredReader(storage.open_file("c"), 0, length, stored.MIN_TRAIN + 2)
    assert reader.dictionary_bytes == 0
    assert reader[stored.MIN_TRAIN + 1] == {"text": "masih terbaca"}


def test_without_positional_reads_records_are_read_through_whoosh(tmp_path, monkeypatch):
    monkeypatch.delattr(files.os, "pread")  # as on Windows
    docs = documents(stored.MIN_TRAIN + 20)
    ix = index_with(ReaderCodec(), docs, storage=FileStorage(str(tmp_path), supports_mmap=False))
    assert every_record(ix) == every_record(index_with(W3Codec(), docs))
