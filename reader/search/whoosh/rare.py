"""A rare word scored in plain Python: the most common search (a name) without numpy.

A name is usually a single word in a few dozen paragraphs. The vectorised scorer
(:mod:`.scoring`) pays a dozen numpy calls a segment and a posting list whatever their length,
which is most of such a search; Whoosh's own matchers pay three Python layers a posting. Here a
word of fewer than :data:`SHORT_POSTINGS` paragraphs is decoded from the reader's posting format
(:mod:`.codec`) with ``array`` and scored with Python floats: the same BM25F formula on the same
float64 numbers in the same order as :mod:`.scoring`, so scores and ranking are the same to the
last bit (``tests/test_rare.py`` compares all three ways). A process that has not loaded numpy
answers names this way too.
"""

from __future__ import annotations

import sys
from array import array
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate
from math import log

from whoosh.query import Term
from whoosh.scoring import WeightingModel
from whoosh.util.numeric import byte_to_length

from reader.search.whoosh.postlist import (
    BLOCK,
    BLOCK_SIZE,
    VALUES_POSITIONS,
    WEIGHT_FLOAT,
    WEIGHT_NONE,
    ColumnList,
    unpack,
)

SHORT_POSTINGS = 128  # a word in fewer paragraphs than this (all segments) is scored here


@dataclass(slots=True)
class ShortList:
    """One segment's posting list of a word, decoded into Python lists (global doc ids)."""

    ids: list[int]
    tfs: list[float]
    counts: list[int] | None  # positions a posting (None: the field keeps none)
    flat: list[int] | None  # every posting's positions in order, absolute in their paragraph

    def id_list(self) -> list[int]:
        return self.ids

    def position_lists(self) -> tuple[list[int], list[int]]:
        if self.counts is None or self.flat is None:
            raise ValueError("the field keeps no positions")
        return self.counts, self.flat


def decode(cl: ColumnList, offset: int) -> ShortList:
    """:func:`.decoded.decode` and its positions, for a short list, without numpy."""
    raw, n = cl.raw, cl.n
    deltas = _column(raw, cl.ids_at, n, cl.idw)
    ids: list[int] = []
    for b in range(cl.block_count()):
        start = b * BLOCK_SIZE
        minid = BLOCK.unpack_from(raw, cl.blocks + b * BLOCK.size)[0] + offset
        # a block's first id is its minimum (the delta stored there is not used)
        ids.extend(accumulate(deltas[start + 1:min(start + BLOCK_SIZE, n)], initial=minid))
    if cl.wcode == WEIGHT_NONE:
        tfs = [1.0] * n
    elif cl.wcode == WEIGHT_FLOAT:
        tfs = [float(w) for w in _floats(raw, cl.weights_at, n)]
    else:
        tfs = [float(w) for w in _column(raw, cl.weights_at, n, cl.wcode)]
    counts = flat = None
    if cl.kind == VALUES_POSITIONS:
        counts = (list(_column(raw, cl.counts_at, n, cl.cw)) if cl.cw
                  else [int(tf) for tf in tfs])
        gaps = _column(raw, cl.values_at, cl.nvalues, cl.vw)
        flat, at = [], 0
        for count in counts:  # a paragraph's positions are deltas from the one before
            flat.extend(accumulate(gaps[at:at + count]))
            at += count
    return ShortList(ids, tfs, counts, flat)


def _column(raw, at: int, n: int, width: int):
    return raw[at:at + n] if width == 1 else unpack(raw[at:at + n * width], width)


def _floats(raw, at: int, n: int) -> array:
    out = array("f")
    out.frombytes(raw[at:at + 4 * n])
    if sys.byteorder == "big":
        out.byteswap()
    return out


class ShortPostings:
    """The short posting lists one search decoded, by ``(field, word)``: what highlighting
    asks for (:func:`.highlight.positions_in`), as :class:`.decoded.Context` answers it."""

    def __init__(self, leaves, internals) -> None:
        self.leaves = leaves
        self.internals = internals
        self.decoded: dict[tuple[str, bytes], list[ShortList]] = {}

    def __call__(self, fieldname: str, btext: bytes) -> list[ShortList]:
        key = (fieldname, btext)
        found = self.decoded.get(key)
        if found is None:
            found = self.decoded[key] = [
                decode(ColumnList(record[0]), offset) for reader, offset in self.leaves
                if (record := self.internals.raw_postings(reader, fieldname, btext))]
        return found


def search(searcher, q, limit: int, internals, only: set[int] | None = None,
           drop: frozenset | set = frozenset()):
    """``([(score, docnum)] best first, exact total, postings)`` for ``q``, one word of a
    scored field in fewer than :data:`SHORT_POSTINGS` paragraphs; None for anything else (the
    caller goes on to the vectorised scorer). ``only`` keeps those documents, ``drop`` leaves
    those out, as :func:`.scoring.search` does."""
    if not isinstance(q, Term):
        return None
    fieldobj = searcher.schema[q.fieldname]
    if not fieldobj.scorable:
        return None
    btext = fieldobj.to_bytes(q.text) if isinstance(q.text, str) else q.text
    leaves = [(sub.reader(), offset) for sub, offset in searcher.leaf_searchers()]
    records, df = [], 0
    for reader, offset in leaves:
        found = internals.term_record(reader, q.fieldname, btext)
        if found is not None:
            df += found[0]
            if df >= SHORT_POSTINGS:
                return None
            records.append((reader, offset, found))
    postings = ShortPostings(leaves, internals)
    lists = postings.decoded[(q.fieldname, btext)] = [
        decode(ColumnList(internals.read_postings(reader, *found[1:])), offset)
        for reader, offset, found in records]
    scored = _scores(searcher, q, btext, df, lists, records, internals)
    if only is not None:
        scored = [pair for pair in scored if pair[0] in only]
    if drop:
        scored = [pair for pair in scored if pair[0] not in drop]
    best = sorted(scored, key=lambda pair: (-pair[1], pair[0]))[:limit]
    return [(score, docnum) for docnum, score in best], len(scored), postings


@lru_cache(maxsize=64)
def _norm_table(B: float, K1: float, avgfl: float) -> tuple[float, ...]:
    """BM25's length normalisation of each length byte (as :func:`.scoring._norms`)."""
    return tuple(K1 * ((1 - B) + B * byte_to_length(b) / avgfl) for b in range(256))


def _scores(searcher, q, btext: bytes, df: int, lists: list[ShortList], records, internals
            ) -> list[tuple[int, float]]:
    """``(docnum, score)`` of every live posting, as :func:`.scoring.term_scores` computes it."""
    weighting = searcher.weighting
    fieldname = q.fieldname
    if type(weighting).idf is WeightingModel.idf and searcher.get_parent() is searcher:
        idf = log(searcher.doc_count_all() / (df + 1)) + 1
    else:
        idf = searcher.idf(fieldname, btext.decode("utf-8"))
    avgfl = searcher.avg_field_length(fieldname) or 1
    B, K1 = internals.field_b(weighting, fieldname), weighting.K1
    k1p1 = K1 + 1
    table = _norm_table(B, K1, avgfl)
    boost = q.boost
    out = []
    for found, (reader, offset, _record) in zip(lists, records, strict=True):
        lengths = internals.lengths(reader, fieldname) or b""
        deleted = reader.has_deletions()
        for docnum, tf in zip(found.ids, found.tfs, strict=True):
            local = docnum - offset
            if deleted and reader.is_deleted(local):
                continue
            norm = table[lengths[local]] if local < len(lengths) else table[0]
            score = idf * ((tf * k1p1) / (tf + norm))
            out.append((docnum, score * boost if boost != 1.0 else score))
    return out
