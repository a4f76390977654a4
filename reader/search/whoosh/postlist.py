"""The bytes of one posting list of the reader's codec, and where its columns are.

    magic b"RdP2" | CRC-32 of the rest | header | block table | id deltas | weights | counts
    | values

Every column holds little-endian unsigned ints of the narrowest width that fits (1, 2 or 4
bytes; :func:`width_of`, :func:`pack`, :func:`unpack`). The writer (:mod:`.codec`), Whoosh's
matcher over it (:class:`~.codec.ColumnMatcher`) and the vectorised readers (:mod:`.decoded`,
:mod:`.rare`) all take the layout from here, so it is written down once.
"""

from __future__ import annotations

import struct
import sys
import zlib
from array import array

from whoosh.reading import CorruptIndexError

MAGIC = b"RdP2"
# the CRC-32 of everything after it: bytes that rot in place with the file's time kept (no
# seal sees them) would otherwise be read as other ids, counts or positions, wrong answers
# with nothing said; checked each time a list is read (6 GB/s: a common word's list at a
# million paragraphs in a fraction of a millisecond)
CHECK = struct.Struct("<I")
START = len(MAGIC) + CHECK.size  # where the header starts
BLOCK_SIZE = 128  # postings per block of the skip table
# n, id width, weight code, count width, value kind, value width, number of values
HEADER = struct.Struct("<IBBBBBI")
# first id, last id, first value index, max weight, min length byte, max length byte
BLOCK = struct.Struct("<IIIfBB")
WEIGHT_NONE, WEIGHT_FLOAT = 0, 5  # codes besides the integer widths 1, 2, 4
VALUES_NONE, VALUES_FIXED, VALUES_VARIABLE, VALUES_POSITIONS = 0, 1, 2, 3
TYPECODE = {1: "B", 2: "H", 4: "I" if array("I").itemsize == 4 else "L"}
BIG_ENDIAN = sys.byteorder == "big"


def width_of(largest: int) -> int:
    """The narrowest of 1, 2 or 4 bytes that holds ``largest``."""
    return 1 if largest < 0x100 else 2 if largest < 0x10000 else 4


def pack(values, width: int) -> bytes:
    """Unsigned ints as little-endian bytes of ``width``."""
    packed = array(TYPECODE[width], values)
    if BIG_ENDIAN and width > 1:
        packed.byteswap()
    return packed.tobytes()


def unpack(raw, width: int) -> array:
    """The inverse of :func:`pack` over a bytes-like object."""
    out = array(TYPECODE[width])
    out.frombytes(raw)
    if BIG_ENDIAN and width > 1:
        out.byteswap()
    return out


def sealed(body: bytes) -> bytes:
    """A posting list's bytes from its ``body`` (the header onwards): the tag and the
    body's CRC-32 before it."""
    return MAGIC + CHECK.pack(zlib.crc32(body)) + body


def swapped(values: array) -> bytes:
    """``values`` as bytes of the other byte order (a big-endian machine writes little-endian)."""
    copy = array(values.typecode, values)
    copy.byteswap()
    return copy.tobytes()


class ColumnList:
    """Where the columns of one encoded posting list are (offsets into ``raw``)."""

    __slots__ = ("raw", "n", "idw", "wcode", "cw", "kind", "vw", "nvalues", "blocks",
                 "ids_at", "weights_at", "counts_at", "values_at")

    def __init__(self, raw, where: str = "<postings>") -> None:
        if bytes(raw[:4]) != MAGIC:
            raise CorruptIndexError(f"bad posting list tag {bytes(raw[:4])!r} in {where}; "
                                    "the index is damaged and will be rebuilt")
        if len(raw) < START or zlib.crc32(memoryview(raw)[START:]) != CHECK.unpack_from(raw,
                                                                                         4)[0]:
            raise CorruptIndexError(f"damaged posting list in {where}; the index is damaged "
                                    "and will be rebuilt")
        self.raw = raw
        (self.n, self.idw, self.wcode, self.cw, self.kind, self.vw,
         self.nvalues) = HEADER.unpack_from(raw, START)
        nblocks = -(-self.n // BLOCK_SIZE)
        at = START + HEADER.size
        self.blocks = at
        at += nblocks * BLOCK.size
        self.ids_at = at
        at += self.n * self.idw
        self.weights_at = at
        wsize = 4 if self.wcode == WEIGHT_FLOAT else self.wcode
        at += self.n * wsize
        self.counts_at = at
        if self.kind == VALUES_POSITIONS:
            at += self.n * self.cw
        elif self.kind == VALUES_VARIABLE:
            at += self.n * 4
        self.values_at = at
        end = at + self.nvalues * (self.vw if self.kind == VALUES_POSITIONS else 1)
        if end > len(raw) or self.idw not in (1, 2, 4):
            raise CorruptIndexError(f"truncated posting list in {where}; the index is damaged "
                                    "and will be rebuilt")

    def block_count(self) -> int:
        return -(-self.n // BLOCK_SIZE)

    def block(self, b: int) -> tuple:
        return BLOCK.unpack_from(self.raw, self.blocks + b * BLOCK.size)
