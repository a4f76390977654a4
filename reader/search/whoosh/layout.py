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
from collections.abc import Iterator
from itertools import accumulate, islice
from operator import add, sub

from reader.language.analysis import TOKEN_PATTERN, _is_reduplication
from reader.search.whoosh.postlist import pack, unpack, width_of

_TOKEN_RE = re.compile(TOKEN_PATTERN, re.UNICODE)
_WORDS_AND_GAPS = re.compile(f"({TOKEN_PATTERN})", re.UNICODE)


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
    # text split around its words: gap, word, gap, ..., word, gap; a word's distance from the
    # start of the one before is that word's length plus the gap after it
    parts = _WORDS_AND_GAPS.split(text)
    if len(parts) == 1:
        return None
    sizes = list(map(len, parts))
    lengths = sizes[1::2]
    gaps = sizes[0::2]
    deltas = [gaps[0], *map(add, lengths, islice(gaps, 1, None))]
    del deltas[len(lengths):]
    if "-" in text:  # a hyphenated word that is not a reduplication: a position a part
        words = parts[1::2]
        cut = [i for i, word in enumerate(words) if "-" in word and not _is_reduplication(word)]
        if cut:
            starts = list(accumulate(deltas))
            for i in reversed(cut):
                at, offset = starts[i], 0
                part_starts, part_lengths = [], []
                for part in words[i].split("-"):
                    if part:
                        part_starts.append(at + offset)
                        part_lengths.append(len(part))
                    offset += len(part) + 1
                starts[i:i + 1] = part_starts
                lengths[i:i + 1] = part_lengths
            deltas = [starts[0], *map(sub, islice(starts, 1, None), starts)]
    dw, lw = width_of(max(deltas)), width_of(max(lengths))
    return bytes((dw, lw)) + pack(deltas, dw) + pack(lengths, lw)


FEW_MARKS = 8  # up to this many marked words, each start is summed on its own


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
    # one-byte columns are read as the bytes they are (the common case); a word's start is
    # the sum of the deltas up to it (``sum`` over a bytes slice: a few marked words a hit)
    lengths = layout[2 + count * dw:] if lw == 1 else unpack(layout[2 + count * dw:], lw)
    if dw == 1 and len(wanted) <= FEW_MARKS:
        starts = [sum(layout[2:3 + p]) for p in wanted]
        return [(start, start + lengths[p]) for start, p in zip(starts, wanted, strict=True)]
    deltas = layout[2:2 + count * dw] if dw == 1 else unpack(layout[2:2 + count * dw], dw)
    starts = list(islice(accumulate(deltas), wanted[-1] + 1))
    return [(starts[p], starts[p] + lengths[p]) for p in wanted]
