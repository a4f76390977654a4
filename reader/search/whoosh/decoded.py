"""Posting lists decoded into numpy arrays, and what one search has decoded.

The reader codec (:mod:`reader.search.whoosh.codec`) writes a list's ids, frequencies and
positions as plain little-endian integer columns; here each becomes an array in a few numpy
calls. Positions are decoded on demand, and for the shown paragraphs alone when that is all a
search needs (:meth:`Postings.positions_at`).
"""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import accumulate

from whoosh.reading import CorruptIndexError

from reader.search.whoosh.postlist import (
    BLOCK_SIZE,
    VALUES_POSITIONS,
    WEIGHT_FLOAT,
    WEIGHT_NONE,
    ColumnList,
    unpack,
)


class NotColumnar(Exception):
    """The query is not one this path knows (the caller checks the index and weighting)."""


# What damaged bytes raise while a posting list is decoded.
DAMAGED = (CorruptIndexError, ValueError, IndexError)


@lru_cache(maxsize=1)
def _np():
    import numpy

    return numpy


@lru_cache(maxsize=1)
def _block_dtype():
    np = _np()
    return np.dtype([("minid", "<u4"), ("maxid", "<u4"), ("vstart", "<u4"), ("maxw", "<f4"),
                     ("minl", "u1"), ("maxl", "u1")])


@dataclass
class Postings:
    """One segment's posting list of a term, decoded: global doc ids (sorted), frequencies,
    and positions on demand."""

    cl: ColumnList
    ids: object
    tfs: object
    offset: int
    _positions: tuple | None = field(default=None, repr=False)
    _counts: tuple | None = field(default=None, repr=False)

    def counts(self):
        """``(counts, ends)``: the number of positions of each posting, and where each
        posting's positions end among all of them."""
        if self._counts is None:
            np = _np()
            cl = self.cl
            if cl.kind != VALUES_POSITIONS:
                raise NotColumnar("field has no positions")
            if cl.cw:
                counts = np.frombuffer(cl.raw, f"<u{cl.cw}", cl.n, cl.counts_at).astype(np.int64)
            else:
                counts = self.tfs.astype(np.int64)
            self._counts = (counts, np.cumsum(counts))
        return self._counts

    def positions(self):
        """``(counts, flat)``: the number of positions of each posting and all of them in
        order (absolute within their document)."""
        if self._positions is None:
            np = _np()
            cl = self.cl
            counts, ends = self.counts()
            flat = np.frombuffer(cl.raw, f"<u{cl.vw}", cl.nvalues, cl.values_at).astype(
                np.int64)
            run = np.cumsum(flat)
            starts = ends - counts
            base = run[starts] - flat[starts]
            self._positions = (counts, run - np.repeat(base, counts))
        return self._positions

    def positions_at(self, rows: list[int]) -> list[list[int]]:
        """The positions of the postings at ``rows`` alone (the hits shown of a long list:
        decoding every position of ``tidak`` to mark twenty paragraphs cost more than the
        search)."""
        counts, ends = self.counts()
        if self._positions is not None:
            flat = self._positions[1]
            return [flat[int(ends[r] - counts[r]):int(ends[r])].tolist() for r in rows]
        cl = self.cl
        width = cl.vw
        out = []
        for r in rows:  # within a posting, each position is a delta from the one before
            start, end = int(ends[r] - counts[r]), int(ends[r])
            out.append(list(accumulate(unpack(
                cl.raw[cl.values_at + start * width:cl.values_at + end * width], width))))
        return out

    def positions_of(self, rows):
        """:meth:`positions` of the postings at ``rows`` (an int64 array) alone, as arrays:
        ``(counts, flat)`` (a phrase's common word at its rare word's paragraphs)."""
        np = _np()
        if self._positions is not None:
            counts, flat = self._positions
            ends = self.counts()[1]
        else:
            counts, ends = self.counts()
            flat = None
        chosen = counts[rows]
        firsts = np.cumsum(chosen) - chosen
        at = np.repeat(ends[rows] - chosen - firsts, chosen) + np.arange(int(chosen.sum()))
        if flat is not None:
            return chosen, flat[at]
        cl = self.cl
        gaps = np.frombuffer(cl.raw, f"<u{cl.vw}", cl.nvalues, cl.values_at)[at].astype(
            np.int64)
        run = np.cumsum(gaps)
        return chosen, run - np.repeat(run[firsts] - gaps[firsts], chosen)

    def id_list(self) -> list[int]:
        return self.ids.tolist()

    def position_lists(self) -> tuple[list[int], list[int]]:
        counts, flat = self.positions()
        return counts.tolist(), flat.tolist()


def decode(cl: ColumnList, offset: int) -> Postings:
    np = _np()
    raw, n = cl.raw, cl.n
    blocks = np.frombuffer(raw, _block_dtype(), cl.block_count(), cl.blocks)
    deltas = np.frombuffer(raw, f"<u{cl.idw}", n, cl.ids_at).astype(np.int64)
    maxids = blocks["maxid"].astype(np.int64)
    firsts = blocks["minid"].astype(np.int64)
    firsts[1:] -= maxids[:-1]
    deltas[::BLOCK_SIZE] = firsts
    ids = np.cumsum(deltas)
    if offset:
        ids += offset
    if cl.wcode == WEIGHT_NONE:
        tfs = np.ones(n)
    elif cl.wcode == WEIGHT_FLOAT:
        tfs = np.frombuffer(raw, "<f4", n, cl.weights_at).astype(np.float64)
    else:
        tfs = np.frombuffer(raw, f"<u{cl.wcode}", n, cl.weights_at).astype(np.float64)
    return Postings(cl, ids, tfs, offset)


class Context:
    """One search: the searcher, its deadline, the posting lists it decoded, and ``internals``
    (the fast path's readers of Whoosh's private structures: ``raw_postings(reader, field,
    word)``, a word's encoded postings and paragraph count in one segment; ``lengths(reader,
    field)``, ``field_b(weighting, field)``)."""

    def __init__(self, searcher, deadline: float | None, internals) -> None:
        self.searcher = searcher
        self.deadline = deadline
        self.internals = internals
        self.spent = False
        self.decoded: dict[tuple[str, bytes], list[Postings]] = {}
        self.dfs: dict[tuple[str, bytes], int] = {}  # paragraphs of each word decoded
        self.weighting = searcher.weighting
        self.leaves = [(sub.reader(), offset) for sub, offset in searcher.leaf_searchers()]

    def over(self) -> bool:
        if not self.spent and self.deadline is not None and time.perf_counter() > self.deadline:
            self.spent = True
        return self.spent

    def postings(self, fieldname: str, btext: bytes) -> list[Postings]:
        key = (fieldname, btext)
        found = self.decoded.get(key)
        if found is None:
            found, df = [], 0
            for reader, offset in self.leaves:
                record = self.internals.raw_postings(reader, fieldname, btext)
                if record is not None:
                    found.append(decode(ColumnList(record[0]), offset))
                    df += record[1]
            self.decoded[key] = found
            self.dfs[key] = df
        return found


def rows_of(ids, wanted):
    """The rows of ``ids`` holding the documents of ``wanted`` that are there (both sorted
    int64 arrays)."""
    np = _np()
    at = np.searchsorted(ids, wanted)
    inside = at < len(ids)
    rows = at[inside]
    return rows[ids[rows] == wanted[inside]]
