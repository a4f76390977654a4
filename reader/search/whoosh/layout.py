"""Where each analyzer position's word sits in a paragraph, stored with the paragraph.

Marking a hit's words needs the character spans of the positions its postings give. Finding
them again by tokenizing the text costs ~10-15 us a hit (the token pattern runs over every
character up to the last marked word); stored at index time they are read back in ~1-2 us.

A layout is ``delta width (1 byte) | length width (1 byte) | deltas | lengths``: for every
position, the distance of its start from the previous position's start and its length, as
little-endian unsigned ints of the narrowest width that fits (1, 2 or 4 bytes). The analyzer
numbers positions the way :func:`spans` walks the text (tests compare both): stop words keep
their numbers, and a hyphenated word that is not a reduplication takes one position per part.
"""

from __future__ import annotations

import re
import sys
from array import array
from collections.abc import Iterator
from itertools import accumulate, islice

from reader.language.analysis import TOKEN_PATTERN, _is_reduplication

_TOKEN_RE = re.compile(TOKEN_PATTERN, re.UNICODE)
_TYPECODE = {1: "B", 2: "H", 4: "I" if array("I").itemsize == 4 else "L"}
_BIG_ENDIAN = sys.byteorder == "big"


def spans(text: str) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of the token at each analyzer position of ``text``, lazily.

    Mirrors the tokenizer and :class:`~reader.language.analysis.HyphenFilter`: a hyphenated
    word that is not a reduplication takes one position per part.
    """
    for match in _TOKEN_RE.finditer(text):
        word = match.group()
        start = match.start()
        if "-" in word and not _is_reduplication(word):
            offset = 0
            for part in word.split("-"):
                if part:
                    yield start + offset, start + offset + len(part)
                offset += len(part) + 1
            continue
        yield start, match.end()


def token_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of the token at each analyzer position of ``text``."""
    return list(spans(text))


def encode(text: str) -> bytes | None:
    """The layout of ``text`` (None for text without a word: nothing to store)."""
    found = token_spans(text)
    if not found:
        return None
    starts = [start for start, _end in found]
    deltas = [starts[0], *(b - a for a, b in zip(starts, starts[1:], strict=False))]
    lengths = [end - start for start, end in found]
    dw, lw = _width(max(deltas)), _width(max(lengths))
    return bytes((dw, lw)) + _pack(deltas, dw) + _pack(lengths, lw)


def offsets(layout: bytes, positions: set[int]) -> list[tuple[int, int]]:
    """Character offsets of the tokens at ``positions``, in order, from a layout (positions
    past the last word are left out)."""
    if not positions:
        return []
    dw, lw = layout[0], layout[1]
    count = (len(layout) - 2) // (dw + lw)
    wanted = sorted(positions)
    if wanted[-1] >= count:
        wanted = [p for p in wanted if p < count]
        if not wanted:
            return []
    # one-byte columns are read as the bytes they are (the common case)
    deltas = layout[2:2 + count * dw] if dw == 1 else _unpack(layout[2:2 + count * dw], dw)
    lengths = layout[2 + count * dw:] if lw == 1 else _unpack(layout[2 + count * dw:], lw)
    starts = list(islice(accumulate(deltas), wanted[-1] + 1))
    return [(starts[p], starts[p] + lengths[p]) for p in wanted]


def _width(largest: int) -> int:
    return 1 if largest < 0x100 else 2 if largest < 0x10000 else 4


def _pack(values: list[int], width: int) -> bytes:
    packed = array(_TYPECODE[width], values)
    if _BIG_ENDIAN and width > 1:
        packed.byteswap()
    return packed.tobytes()


def _unpack(raw: bytes, width: int) -> array:
    out = array(_TYPECODE[width])
    out.frombytes(raw)
    if _BIG_ENDIAN and width > 1:
        out.byteswap()
    return out
