"""The reader's posting format: a Whoosh codec whose posting lists are plain arrays, not pickles.

Whoosh 3 writes each block of 128 postings as a pickled tuple (compressed with zlib), and a
``Positions`` field pickles the positions of every posting on its own: a phrase query at 100k
paragraphs runs ~12,000 ``pickle.loads``. This codec keeps everything else of Whoosh 3 (term
index, per-document columns, stored fields, segments, merging) and writes each posting list as
columns of little-endian integers of the narrowest width that fits (1, 2 or 4 bytes):

    magic b"RdP2" | CRC-32 | header | block table | id deltas | weights | positions (or other
    values)

The block table (first id, last id, start of its values, max weight, min/max length byte per
128 postings) lets Whoosh's own matchers skip blocks and use block quality exactly as before;
:class:`ColumnMatcher` is that matcher. The columns let the vectorised scorer
(:mod:`reader.search.whoosh.scoring`) decode a whole list with a handful of numpy calls.
Document ids restart their deltas at each block (the first delta of a block is 0 and its first
id is in the table), so a rare gap does not widen the whole list.

Positions of a :class:`ArrayPositions` field are stored per posting as a count and deltas
(first absolute); the count column is left out when it equals the term frequency (always, for
text analysed without boosts). The layout itself (header, block table, widths, where each
column starts) is written down in :mod:`.postlist`.
"""

from __future__ import annotations

from array import array
from itertools import accumulate, islice
from operator import sub

from whoosh import formats
from whoosh.codec import base
from whoosh.codec.whoosh3 import W3Codec, W3LeafMatcher
from whoosh.util.numeric import byte_to_length, length_to_byte

from reader.search.whoosh.postlist import (
    BIG_ENDIAN,
    BLOCK,
    BLOCK_SIZE,
    HEADER,
    TYPECODE,
    VALUES_FIXED,
    VALUES_NONE,
    VALUES_POSITIONS,
    VALUES_VARIABLE,
    WEIGHT_FLOAT,
    WEIGHT_NONE,
    ColumnList,
    pack,
    sealed,
    swapped,
    unpack,
    width_of,
)
from reader.search.whoosh.stored import StoredPerDocReader, StoredPerDocWriter


class ArrayPositions(formats.Positions):
    """Token positions as a plain array of unsigned 32-bit ints (native order, in memory
    only: on disk :class:`ReaderCodec` re-encodes them), never a pickle."""

    def encode(self, poslist) -> bytes:
        return array(TYPECODE[4], poslist).tobytes()

    def decode_positions(self, valuestring: bytes) -> list[int]:
        return array(TYPECODE[4], valuestring).tolist()

    def decode_frequency(self, valuestring: bytes) -> int:
        return len(valuestring) // 4

    def decode_weight(self, valuestring: bytes) -> float:
        return (len(valuestring) // 4) * self.field_boost

    def combine(self, vs) -> bytes:
        seen: set[int] = set()
        for v in vs:
            seen.update(self.decode_positions(v))
        return self.encode(sorted(seen))


class ReaderCodec(W3Codec):
    """Whoosh 3 with :class:`ColumnPostingsWriter` and :class:`ColumnMatcher` for postings,
    and the stored fields of :mod:`.stored`.

    Term vectors (byte ids) keep Whoosh 3's own writer. The codec object is pickled in each
    segment's record, so an index written with it is read with it."""

    def per_document_writer(self, storage, segment):
        return StoredPerDocWriter(self, storage, segment)

    def per_document_reader(self, storage, segment):
        return StoredPerDocReader(storage, segment)

    def postings_writer(self, dbfile, byteids=False):
        if byteids:
            return super().postings_writer(dbfile, byteids=True)
        return ColumnPostingsWriter(dbfile)

    def postings_reader(self, dbfile, terminfo, format_, term=None, scorer=None):
        if terminfo.is_inlined():
            return super().postings_reader(dbfile, terminfo, format_, term=term, scorer=scorer)
        offset, length = terminfo.extent()
        if isinstance(length, tuple):  # W3TermInfo.from_bytes keeps struct's 1-tuple
            length = length[0]
        return ColumnMatcher(dbfile, offset, length, format_, term=term, scorer=scorer)


def writer_options() -> dict:
    """Keyword arguments for ``ix.writer(...)`` so new segments use this codec."""
    return {"codec": ReaderCodec()}


class ColumnPostingsWriter(base.PostingsWriter):
    """Buffers one posting list, then writes it as columns (see the module docstring)."""

    def __init__(self, postfile) -> None:
        self._postfile = postfile
        self._terminfo = None
        self._format = None
        self._count = 0

    def written(self) -> bool:
        return self._count > 0

    def start_postings(self, format_, terminfo) -> None:
        if self._terminfo is not None:
            raise Exception("Called start in a term")
        self._format = format_
        self._terminfo = terminfo
        self._ids = array(TYPECODE[4])
        self._weights = array("f")
        self._values: list[bytes] = []
        self._lengths: list[int] = []
        self._positions = None  # (counts, absolute positions) given by add_positions

    def add_positions(self, ids, tfs, positions, lengths) -> None:
        """A whole posting list of an :class:`ArrayPositions` field at once (the bulk build):
        document ids, frequencies, every posting's absolute positions one after another, and
        the documents' field lengths. Written exactly as the same postings one by one."""
        self._ids = array(TYPECODE[4], ids)
        self._weights = array("f", tfs)
        self._lengths = lengths
        self._values = None
        self._positions = (tfs.tolist() if isinstance(tfs, array) else list(tfs), positions)

    def add_postings(self, ids: array, weights: array, values: list[bytes],
                     lengths: list[int]) -> None:
        """Many postings at once (the bulk build's id, number and name fields): the same as
        :meth:`add_posting` for each, in order."""
        self._ids.extend(ids)
        self._weights.extend(weights)
        self._values.extend(values)
        self._lengths.extend(length or 0 for length in lengths)

    def add_posting(self, id_, weight, vbytes, length=None) -> None:
        self._ids.append(id_)
        self._weights.append(weight)
        self._values.append(vbytes)
        self._lengths.append(length or 0)

    def finish_postings(self):
        terminfo, self._terminfo = self._terminfo, None
        ids, weights = self._ids, self._weights
        n = len(ids)
        lengths = [x for x in self._lengths if x]
        terminfo._weight = float(sum(weights))
        terminfo._df = n
        terminfo._minlength = min(lengths) if lengths else None
        terminfo._maxlength = max(lengths) if lengths else 0
        terminfo._maxweight = max(weights) if n else 0.0
        terminfo._minid = ids[0] if n else None
        terminfo._maxid = ids[-1] if n else None
        start = self._postfile.tell()
        self._postfile.write(self._encode())
        self._positions = None
        terminfo.set_extent(start, self._postfile.tell() - start)
        self._count += 1
        return terminfo

    def _encode(self) -> bytes:
        if self._positions is not None:
            return encode_positions(self._ids, *self._positions, self._lengths)
        ids, weights, values, lengths = self._ids, self._weights, self._values, self._lengths
        n = len(ids)
        deltas = [0]
        deltas += [b - a for a, b in zip(ids, ids[1:], strict=False)]
        deltas[::BLOCK_SIZE] = [0] * len(range(0, n, BLOCK_SIZE))  # blocks restart at 0
        idw = width_of(max(deltas))
        tfs = [int(w) for w in weights]
        if tfs == [1] * n and all(w == 1.0 for w in weights):
            wcode, wbytes = WEIGHT_NONE, b""
        elif all(t == w and t >= 0 for t, w in zip(tfs, weights, strict=True)):
            wcode = width_of(max(tfs))
            wbytes = pack(tfs, wcode)
        else:
            tfs = None
            wcode = WEIGHT_FLOAT
            wbytes = weights.tobytes() if not BIG_ENDIAN else swapped(weights)
        fixed = self._format.fixed_value_size()
        starts: list[int] = []  # the index of each posting's first value
        if isinstance(self._format, ArrayPositions):
            kind = VALUES_POSITIONS
            counts = [len(v) >> 2 for v in values]
            absolute = array(TYPECODE[4])
            absolute.frombytes(b"".join(values))  # native order, as ArrayPositions encodes
            flat = [0] if absolute else []
            flat += [b - a for a, b in zip(absolute, absolute[1:], strict=False)]
            starts = list(accumulate(counts, initial=0))[:-1]
            for at, count in zip(starts, counts, strict=True):  # first positions are absolute
                if count:
                    flat[at] = absolute[at]
            cw = 0 if counts == tfs else width_of(max(counts, default=0))
            vw = width_of(max(flat, default=0))
            vbytes = (pack(counts, cw) if cw else b"") + pack(flat, vw)
            nvalues = len(flat)
        elif fixed == 0:
            kind, cw, vw, vbytes, nvalues = VALUES_NONE, 0, 0, b"", 0
            starts = [0] * n
        elif fixed is not None and fixed > 0:
            kind, cw, vw, nvalues = VALUES_FIXED, 0, 0, n * fixed
            vbytes = b"".join(values)
            starts = [i * fixed for i in range(n)]
        else:
            kind, cw, vw = VALUES_VARIABLE, 0, 0
            sizes = [len(v) for v in values]
            starts = list(accumulate(sizes, initial=0))[:-1]
            vbytes = pack(sizes, 4) + b"".join(values)
            nvalues = sum(sizes)
        table = []
        for b in range(0, n, BLOCK_SIZE):
            e = min(n, b + BLOCK_SIZE)
            block_lengths = [x for x in lengths[b:e] if x]
            table.append(BLOCK.pack(
                ids[b], ids[e - 1], starts[b] if starts else 0, max(weights[b:e]),
                length_to_byte(min(block_lengths)) if block_lengths else 0,
                length_to_byte(max(block_lengths)) if block_lengths else 0))
        return sealed(b"".join((HEADER.pack(n, idw, wcode, cw, kind, vw, nvalues), *table,
                                pack(deltas, idw), wbytes, vbytes)))


def encode_positions(ids, tfs: list[int], absolute, lengths) -> bytes:
    """:meth:`ColumnPostingsWriter._encode` of a positions list with whole-number weights
    (what :meth:`~ColumnPostingsWriter.add_positions` gives), the same bytes in fewer steps:
    most words of a corpus occur in one or two documents, so the per-list work counts."""
    n = len(ids)
    if n == 1:
        if tfs[0] == 1:  # one word in one document, most of a corpus's words: no lists
            first, length = absolute[0], lengths[0]
            width = width_of(first)
            lb = length_to_byte(length) if length else 0
            return sealed(b"".join((
                HEADER.pack(1, 1, WEIGHT_NONE, 0, VALUES_POSITIONS, width, 1),
                BLOCK.pack(ids[0], ids[0], 0, 1.0, lb, lb), b"\0",
                first.to_bytes(width, "little"))))
        deltas = [0]
    else:
        deltas = [0, *map(sub, islice(ids, 1, None), ids)]
        if n > BLOCK_SIZE:
            deltas[::BLOCK_SIZE] = [0] * len(range(0, n, BLOCK_SIZE))
    idw = width_of(max(deltas))
    top = max(tfs)
    if top == 1 and min(tfs) == 1:
        wcode, wbytes = WEIGHT_NONE, b""
    else:
        wcode = width_of(top)
        wbytes = pack(tfs, wcode)
    if len(absolute) == n:  # one position a posting: every position is a first one
        flat = absolute
        starts = range(n)
    else:
        flat = [0, *map(sub, islice(absolute, 1, None), absolute)]
        starts = list(accumulate(tfs, initial=0))[:-1]
        for at in starts:
            flat[at] = absolute[at]
    vw = width_of(max(flat))
    table = []
    for b in range(0, n, BLOCK_SIZE):
        e = min(n, b + BLOCK_SIZE)
        block_lengths = [x for x in lengths[b:e] if x]
        table.append(BLOCK.pack(
            ids[b], ids[e - 1], starts[b], float(max(tfs[b:e])),
            length_to_byte(min(block_lengths)) if block_lengths else 0,
            length_to_byte(max(block_lengths)) if block_lengths else 0))
    return sealed(b"".join((HEADER.pack(n, idw, wcode, 0, VALUES_POSITIONS, vw, len(flat)),
                            *table, pack(deltas, idw), wbytes, pack(flat, vw))))


class ColumnMatcher(W3LeafMatcher):
    """Whoosh's block matcher over a :class:`ColumnList`: the "offset" of a block is its
    number, and a block's ids, weights and values are sliced from the columns on demand."""

    def _read_header(self) -> None:
        raw = self._postfile.get(self._startoffset, self._length)
        self._list = ColumnList(raw, getattr(self._postfile, "_name", None) or "<postings>")
        self._baseoffset = 0

    def _goto(self, position: int) -> None:
        cl = self._list
        self._block = position
        self._data = None
        self._ids = self._weights = self._values = None
        self._i = 0
        minid, maxid, _vstart, maxweight, minlen, maxlen = cl.block(position)
        self._blockstart = position * BLOCK_SIZE
        self._blocklength = min(BLOCK_SIZE, cl.n - self._blockstart)
        self._minid = minid
        self._maxid = maxid
        self._maxweight = maxweight
        self._compression = 0
        self._minlength = byte_to_length(minlen)
        self._maxlength = byte_to_length(maxlen)
        self._lastblock = position == cl.block_count() - 1
        self._nextoffset = position + 1

    def _slice(self, at: int, width: int, start: int, count: int) -> array:
        raw = self._list.raw
        return unpack(raw[at + start * width: at + (start + count) * width], width)

    def _read_ids(self) -> None:
        cl = self._list
        deltas = self._slice(cl.ids_at, cl.idw, self._blockstart, self._blocklength)
        self._ids = list(accumulate(deltas[1:], initial=self._minid))

    def _tfs(self) -> list:
        cl = self._list
        if cl.wcode == WEIGHT_NONE:
            return [1] * self._blocklength
        if cl.wcode == WEIGHT_FLOAT:
            raw = cl.raw[cl.weights_at + self._blockstart * 4:
                         cl.weights_at + (self._blockstart + self._blocklength) * 4]
            out = array("f")
            out.frombytes(raw)
            if BIG_ENDIAN:
                out.byteswap()
            return out.tolist()
        return self._slice(cl.weights_at, cl.wcode, self._blockstart, self._blocklength).tolist()

    def _read_weights(self) -> None:
        self._weights = [float(w) for w in self._tfs()]

    def _read_values(self) -> None:
        cl = self._list
        start, count = self._blockstart, self._blocklength
        _a, _b, vstart, _w, _l, _m = cl.block(self._block)
        if cl.kind == VALUES_NONE:
            self._values = (None,) * count
        elif cl.kind == VALUES_FIXED:
            size = self.format.fixed_value_size()
            raw = bytes(cl.raw[cl.values_at + vstart: cl.values_at + vstart + count * size])
            self._values = tuple(raw[i:i + size] for i in range(0, len(raw), size))
        elif cl.kind == VALUES_VARIABLE:
            sizes = self._slice(cl.counts_at, 4, start, count)
            raw = cl.raw
            at = cl.values_at + vstart
            values = []
            for size in sizes:
                values.append(bytes(raw[at:at + size]))
                at += size
            self._values = tuple(values)
        else:
            counts = (self._slice(cl.counts_at, cl.cw, start, count).tolist() if cl.cw
                      else [int(t) for t in self._tfs()])
            flat = self._slice(cl.values_at, cl.vw, vstart, sum(counts))
            values, at, tc = [], 0, TYPECODE[4]
            for c in counts:
                values.append(array(tc, accumulate(flat[at:at + c])).tobytes())
                at += c
            self._values = tuple(values)

    def block_min_id(self):
        return self._minid
