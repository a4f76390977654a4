"""Stored fields: each document's fields pickled and compressed with zstd against a dictionary
trained on the segment's own first documents.

Whoosh 3 compresses each document's pickled fields on its own with zlib. A paragraph's record is
a few hundred bytes, too short for zlib to find much to reuse, and reading one costs a file read,
``zlib.decompress`` (~7 us) and Whoosh's column and field-filter layers: about half of a rare
name's search, 20 hits at a time. A zstd dictionary holds what records share (field names,
outlets, the words of the language), so each record compresses to about half of zlib's size on
real news it was not trained on, and decompresses in ~2 us.

The column's layout (``StoredColumn``), all integers little-endian::

    records   each document's compressed record, in document order (none: empty)
    dict      the zstd dictionary (empty: records compressed without one)
    ends      one unsigned int of ``width`` (4 or 8) bytes a document: where its record ends
    trailer   dict length (u32), documents (u64), width (u8), magic b"RZS1"

A segment with fewer than ``MIN_TRAIN`` documents (an update of a few articles) has no
dictionary. Damaged bytes raise Whoosh's :class:`CorruptIndexError`, which the index treats
as damage (it rebuilds), never as an empty answer.
"""

from __future__ import annotations

import pickle
import struct
import sys
from array import array
from functools import lru_cache
from itertools import accumulate

from whoosh import columns
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3PerDocReader, W3PerDocWriter, _lenfield
from whoosh.reading import CorruptIndexError
from whoosh.util.numeric import length_to_byte

from reader.search.whoosh.files import reader_at

MAGIC = b"RZS1"
_TRAILER = struct.Struct("<IQB4s")
TRAIN_RECORDS = 4000  # documents buffered to train a segment's dictionary
MIN_TRAIN = 256  # fewer documents in a segment: no dictionary
DICT_BYTES = 110 * 1024  # zstd's own default size
LEVEL = 3
WIDE = 1 << 32  # records past this many bytes take 8-byte offsets
STORED = "_stored_z"  # the column's name (Whoosh 3's own is ``_stored``)
_TYPECODE = {4: "I" if array("I").itemsize == 4 else "L", 8: "Q"}
_BIG_ENDIAN = sys.byteorder == "big"


@lru_cache(maxsize=1)
def _zstd():
    import zstandard  # ~8 ms, loaded by the first stored read or write

    return zstandard


def _params(zstd):
    # no magic number or dictionary id: 8 bytes a record the column does not need; but each
    # record's checksum (4 bytes), so bytes rotting in place are found when the record is read
    # rather than shown (and cited) as other text
    return zstd.ZstdCompressionParameters.from_level(
        LEVEL, format=zstd.FORMAT_ZSTD1_MAGICLESS, write_content_size=True,
        write_dict_id=False, write_checksum=True)


class StoredColumn(columns.Column):
    """The column of every document's stored fields (see the module docstring)."""

    def writer(self, dbfile):
        return StoredWriter(dbfile)

    def reader(self, dbfile, basepos, length, doccount):
        return StoredReader(dbfile, basepos, length, doccount)


class StoredWriter(columns.ColumnWriter):
    """Buffers the first ``TRAIN_RECORDS`` records, trains the dictionary on them, then
    compresses every record as it comes."""

    def __init__(self, dbfile) -> None:
        self._dbfile = dbfile
        self._sizes = array("Q")  # compressed size of each document's record, 0 for none
        self._pending: list[tuple[int, bytes]] = []
        self._compress = None
        self._dict = b""

    def add(self, docnum: int, value: dict) -> None:
        raw = pickle.dumps(value, pickle.HIGHEST_PROTOCOL)
        if self._compress is None:
            self._pending.append((docnum, raw))
            if len(self._pending) >= TRAIN_RECORDS:
                self._start()
            return
        self._write(docnum, raw)

    def _start(self) -> None:
        """Train the dictionary on what is pending (if there is enough) and write it out."""
        zstd = _zstd()
        samples = [raw for _docnum, raw in self._pending]
        dictionary = None
        if len(samples) >= MIN_TRAIN:
            size = min(DICT_BYTES, max(1024, sum(map(len, samples)) // 4))
            try:
                dictionary = zstd.train_dictionary(size, samples, level=LEVEL)
            except zstd.ZstdError:  # samples zstd finds nothing to learn from: no dictionary
                dictionary = None
            else:
                self._dict = dictionary.as_bytes()
        self._compress = zstd.ZstdCompressor(
            dict_data=dictionary, compression_params=_params(zstd)).compress
        pending, self._pending = self._pending, []
        for docnum, raw in pending:
            self._write(docnum, raw)

    def _write(self, docnum: int, raw: bytes) -> None:
        sizes = self._sizes
        if docnum < len(sizes):
            raise ValueError(f"stored fields of document {docnum} written twice")
        while len(sizes) < docnum:
            sizes.append(0)
        packed = self._compress(raw)
        self._dbfile.write(packed)
        sizes.append(len(packed))

    def finish(self, doccount: int) -> None:
        if self._compress is None:
            self._start()
        sizes = self._sizes
        while len(sizes) < doccount:
            sizes.append(0)
        total = sum(sizes)
        width = 8 if total >= WIDE else 4
        ends = array(_TYPECODE[width], accumulate(sizes))
        if _BIG_ENDIAN:
            ends.byteswap()
        self._dbfile.write(self._dict)
        self._dbfile.write(ends.tobytes())
        self._dbfile.write(_TRAILER.pack(len(self._dict), doccount, width, MAGIC))


class StoredReader(columns.ColumnReader):
    """Each document's stored fields as a dict (``{}`` for a document without any)."""

    def __init__(self, dbfile, basepos: int, length: int, doccount: int) -> None:
        if length < _TRAILER.size:
            raise CorruptIndexError("the stored-fields column is cut short")
        self._dbfile = dbfile
        self._basepos = basepos
        self._doccount = doccount
        self.dictionary_bytes, count, width, magic = _TRAILER.unpack(
            dbfile.get(basepos + length - _TRAILER.size, _TRAILER.size))
        dict_len = self.dictionary_bytes
        if magic != MAGIC or width not in _TYPECODE or count != doccount:
            raise CorruptIndexError("the stored-fields column is not in the reader's format")
        table = length - _TRAILER.size - count * width
        data_len = table - dict_len
        if data_len < 0:
            raise CorruptIndexError("the stored-fields column is cut short")
        self._ends = array(_TYPECODE[width], dbfile.get(basepos + table, count * width))
        if _BIG_ENDIAN:
            self._ends.byteswap()
        if count and self._ends[-1] != data_len:
            raise CorruptIndexError("the stored-fields column's offsets do not add up")
        zstd = _zstd()
        dictionary = (zstd.ZstdCompressionDict(dbfile.get(basepos + data_len, dict_len))
                      if dict_len else None)
        self._read = reader_at(dbfile, basepos)
        try:  # the dictionary is read here: damaged, it is refused before any record
            self._decompress = zstd.ZstdDecompressor(
                dict_data=dictionary, format=zstd.FORMAT_ZSTD1_MAGICLESS).decompress
        except zstd.ZstdError as error:
            raise CorruptIndexError("the stored-fields column's dictionary is damaged") from error
        self._error = zstd.ZstdError

    def __len__(self) -> int:
        return self._doccount

    def __getitem__(self, docnum: int) -> dict:
        ends = self._ends
        start = ends[docnum - 1] if docnum else 0
        end = ends[docnum]
        if start == end:
            return {}
        if not start < end <= ends[-1]:  # the offsets themselves damaged
            raise CorruptIndexError(f"the stored fields of document {docnum} cannot be read "
                                    f"(offsets {start} to {end})")
        try:
            return pickle.loads(self._decompress(self._read(start, end - start)))
        # MemoryError: a damaged frame header that declares an impossible size
        except (self._error, pickle.UnpicklingError, EOFError, ValueError, MemoryError) as exc:
            raise CorruptIndexError(
                f"the stored fields of document {docnum} cannot be read ({exc})") from exc

    def __iter__(self):
        for docnum in range(self._doccount):
            yield self[docnum]


class StoredPerDocWriter(W3PerDocWriter):
    """Whoosh 3's per-document writer with the stored fields in :class:`StoredColumn`.

    A build calls it for every field of every document: the column writers of the lengths and
    the stored fields are kept at hand instead of being looked up through Whoosh's layers on
    each call (the same values go to the same writers)."""

    def __init__(self, codec, storage, segment) -> None:
        super().__init__(codec, storage, segment)
        self._length_writers: dict = {}
        self._stored_writer = None

    def add_field(self, fieldname, fieldobj, value, length) -> None:
        if value is not None:
            self._storedfields[fieldname] = value
        if length:
            writer = self._length_writers.get(fieldname)
            if writer is None:
                lenfield = _lenfield(fieldname)
                if not self._has_column(lenfield):
                    self._create_column(lenfield, LENGTHS_COLUMN)
                writer = self._length_writers[fieldname] = self._get_column(lenfield)
            writer.add(self._docnum, length_to_byte(length))
            self._fieldlengths[fieldname] += length

    def finish_doc(self) -> None:
        if stored := self._storedfields:
            writer = self._stored_writer
            if writer is None:
                if not self._has_column(STORED):
                    self._create_column(STORED, COLUMN)
                writer = self._stored_writer = self._get_column(STORED)
            writer.add(self._docnum, stored)
            self._storedfields = {}
        self._indoc = False

    def close(self) -> None:
        if not self._has_column(STORED):  # every segment has the column, even with no record
            self._create_column(STORED, COLUMN)
        super().close()


class StoredPerDocReader(W3PerDocReader):
    """Whoosh 3's per-document reader with the stored fields in :class:`StoredColumn`."""

    def stored_fields(self, docnum: int) -> dict:
        return self.column()[docnum]

    def column(self) -> StoredReader:
        """The segment's stored-fields column (opened once)."""
        column = self._cached_reader(STORED, COLUMN)
        if column is None:
            raise CorruptIndexError("a segment has no stored-fields column")
        return column


COLUMN = StoredColumn()
