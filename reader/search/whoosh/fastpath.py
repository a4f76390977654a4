"""The fast path: BM25F scored term-at-a-time over whole Whoosh 3 posting blocks.

Whoosh scores one document at a time through a tree of Python matchers (~3 us a match), and
block-quality skipping rarely helps on news text, where every block of a common word holds some
short paragraph that could enter the top 20. Queries made only of words (prefix, wildcard and
fuzzy words become words first), phrases, AND, OR and NOT are scored here instead: each word's
postings are read a block at a time and scored with the same BM25F formula, statistics and order
of operations as Whoosh's own scorer, so ranking and scores are unchanged and every match is
counted (totals are exact). ``tests/test_bench.py`` compares both on real indexes.

This is the only module that reads Whoosh's private structures (the term index, the postings
file, the length columns, BM25F's per-field B). They are those of the Whoosh release it was
written for: with any other release :data:`KNOWN` is False, searches take Whoosh's public API
(slower, same answers) and :data:`NOTE` says so once in ``reader stats``. Damaged bytes raise
:class:`IndexDamaged`; nothing here falls back quietly.
"""

from __future__ import annotations

import heapq
import io
import pickle
import struct
import time
import zlib
from bisect import bisect_right
from collections.abc import Iterator
from functools import lru_cache
from itertools import accumulate
from weakref import WeakKeyDictionary

import whoosh
from whoosh.query import And, AndNot, Or, Phrase, Term
from whoosh.reading import SegmentReader, TermNotFound
from whoosh.util.numeric import byte_to_length

from reader.errors import IndexDamaged

WRITTEN_FOR = (3, 54)  # whoosh3 major.minor whose codec this module reads
KNOWN = tuple(whoosh.__version__[:2]) == WRITTEN_FOR
NOTE = None if KNOWN else (
    f"whoosh3 {'.'.join(map(str, whoosh.__version__[:3]))} is not the release the fast path "
    f"was written for ({'.'.join(map(str, WRITTEN_FOR))}): searching through Whoosh's public "
    "API (same answers, slower)")
if KNOWN:
    from whoosh.codec.whoosh3 import LENGTHS_COLUMN, WHOOSH3_HEADER_MAGIC, _lenfield

_DF = struct.Struct("!I")  # the doc frequency inside a Whoosh 3 term record (offset 5)
_BLOCK_LENGTH = struct.Struct("!i")
# What damaged bytes raise while a block is decoded.
_DECODING = (struct.error, zlib.error, pickle.UnpicklingError, EOFError, ValueError, TypeError,
             IndexError)
_caches: WeakKeyDictionary = WeakKeyDictionary()


def reader_cache(reader, name: str) -> dict:
    """A dict that lives as long as ``reader`` (one generation of one segment or index)."""
    per_reader = _caches.get(reader)
    if per_reader is None:
        per_reader = _caches[reader] = {}
    found = per_reader.get(name)
    if found is None:
        found = per_reader[name] = {}
    return found


# -- term lists --------------------------------------------------------------------------------

def term_dfs(reader, fieldname: str, prefix: bytes, budget: list[int]
             ) -> Iterator[tuple[bytes, int]]:
    """``(term, paragraphs)`` for index terms starting with ``prefix``, segment by segment,
    at most ``budget[0]`` of them (the budget is spent in place; below zero means cut).

    Reads document frequencies straight from Whoosh 3 term records (decoding a whole TermInfo
    unpickles inline postings, ~5x slower); other releases use ``iter_prefix``.
    """
    for segment, _offset in reader.leaf_readers():
        if KNOWN and isinstance(segment, SegmentReader):
            terms = segment._terms
            key = terms._keycoder(fieldname, prefix)
            skip = len(key) - len(prefix)
            unpack = _DF.unpack_from
            for keybytes, value in terms._tindex.items_from(key):
                if not keybytes.startswith(key):
                    break
                budget[0] -= 1
                if budget[0] < 0:
                    return
                yield keybytes[skip:], unpack(value, 5)[0]
        else:
            for btext, info in segment.iter_prefix(fieldname, prefix):
                budget[0] -= 1
                if budget[0] < 0:
                    return
                yield btext, info.doc_frequency()


# -- which queries take this path --------------------------------------------------------------

def usable(searcher, q, fields: frozenset) -> bool:
    """True when ``q`` is words and phrases of ``fields`` joined by AND, OR and NOT, ranked by
    BM25F, on the Whoosh release this module knows."""
    return KNOWN and type(searcher.weighting).__name__ == "BM25F" and _shape(q, fields, searcher)


def _shape(q, fields: frozenset, searcher) -> bool:
    if isinstance(q, Term):
        return q.field() in fields and searcher.schema[q.field()].scorable
    if isinstance(q, Phrase):
        field = searcher.schema[q.field()]
        return (q.field() in fields and q.slop == 1 and len(q.words) >= 1 and field.scorable
                and bool(field.format) and field.format.supports("positions"))
    if isinstance(q, (And, Or)):
        subs = list(q.children())
        return bool(subs) and all(_shape(sub, fields, searcher) for sub in subs) and (
            not isinstance(q, Or) or (not q.minmatch and not q.scale))
    if isinstance(q, AndNot):
        return _shape(q.a, fields, searcher) and _shape(q.b, fields, searcher)
    return False


# -- posting blocks ----------------------------------------------------------------------------

def _length_table(reader, fieldname: str) -> bytes | None:
    """The length byte of ``fieldname`` for every document of one segment (cached); None when
    no document of the segment has the field."""
    cache = reader_cache(reader, "lengths")
    if fieldname in cache:
        return cache[fieldname]
    column = reader._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
    table = None
    if column is not None:
        if column._fixedlen != 1:
            raise IndexDamaged(f"the length column of '{fieldname}' is not one byte a document")
        table = column._dbfile.get(column._basepos, column._count)
        if len(table) < reader.doc_count_all():
            table = table + bytes(reader.doc_count_all() - len(table))
    cache[fieldname] = table
    return table


def _postings(reader, fieldname: str, btext: bytes):
    """``(terminfo, postings file)`` of a word in one segment, None when it is not there."""
    terms = reader._terms
    try:
        info = terms.term_info(fieldname, btext)
    except TermNotFound:
        return None
    return info, terms._postfile


def _blocks(postfile, position: int, fixedsize, values: bool, wanted):
    """``(ids, weights, values)`` of each block of a Whoosh 3 posting list at ``position``.

    Two reads a block, straight from the postings file (Whoosh's matcher unpickles the block
    header from the file object: some twenty small reads a block). ``wanted`` (a sorted list
    of document numbers) skips, undecoded, every block whose ids hold none of them: an AND
    reads only the blocks its rarest word points into.
    """
    get = postfile.get
    low = -1
    while True:
        try:
            length = _BLOCK_LENGTH.unpack(get(position, 4))[0]
            last = length < 0
            length = -length if last else length
            raw = get(position + 4, length)
            header = io.BytesIO(raw)
            count, maxid, _maxweight, compression, _minlen, _maxlen = pickle.load(header)
        except _DECODING as exc:
            raise IndexDamaged(f"a posting block cannot be read ({_why(exc)})") from exc
        skip = False
        if wanted is not None:
            j = bisect_right(wanted, low)
            if j >= len(wanted):
                return
            skip = wanted[j] > maxid
            low = maxid
        if not skip:
            try:
                data = raw[header.tell():]
                if compression:
                    data = zlib.decompress(data)
                data = pickle.loads(data)
                ids = tuple(accumulate(data[0]))
                weights = data[1]
                if weights is None:
                    weights = [1.0] * count
                elif isinstance(weights, float):
                    weights = [weights] * count
                vals = None
                if values:
                    vals = data[2]
                    if fixedsize == 0:
                        vals = (None,) * count
                    elif fixedsize is not None and fixedsize > 0:
                        vals = tuple(vals[i:i + fixedsize] for i in range(0, len(vals), fixedsize))
            except _DECODING as exc:
                raise IndexDamaged(f"a posting block cannot be read ({_why(exc)})") from exc
            if len(ids) != count or len(weights) != count:
                raise IndexDamaged("a posting block holds fewer postings than its header says")
            yield ids, weights, vals
        if last:
            return
        position += 4 + length


@lru_cache(maxsize=64)
def _norms(B: float, K1: float, avgfl: float) -> list[float]:
    """BM25's length normalisation for each of the 256 length bytes Whoosh stores."""
    return [K1 * ((1 - B) + B * byte_to_length(b) / avgfl) for b in range(256)]


# -- scoring -----------------------------------------------------------------------------------

def _term_scores(searcher, fieldname: str, text, boost: float, budget: Budget | None,
                 only=None, positions: dict | None = None) -> dict[int, float]:
    """BM25F of one word for every document it is in (or only for documents in ``only``).

    With ``positions`` (a dict), the raw position record of each scored document is kept
    there, for phrase checks.
    """
    field = searcher.schema[fieldname]
    btext = field.to_bytes(text) if isinstance(text, str) else text
    if (fieldname, btext) not in searcher.reader():
        return {}
    weighting = searcher.weighting
    idf = searcher.idf(fieldname, btext.decode("utf-8"))
    avgfl = searcher.avg_field_length(fieldname) or 1
    B = weighting._field_B.get(fieldname, weighting.B)
    K1 = weighting.K1
    k1p1 = K1 + 1
    norm = _norms(B, K1, avgfl)
    scores: dict[int, float] = {}
    want_values = positions is not None
    fixedsize = field.format.fixed_value_size()
    for sub, offset in searcher.leaf_searchers():
        reader = sub.reader()
        found = _postings(reader, fieldname, btext)
        if found is None:
            continue
        info, postfile = found
        lengths = _length_table(reader, fieldname)
        if lengths is None:
            raise IndexDamaged(f"postings of '{fieldname}' without its length column")
        deleted = reader.deleted_docs_set if reader.has_deletions() else ()
        wanted = None
        if only is not None and len(only) * 8 < info.doc_frequency():
            end = offset + reader.doc_count_all()
            wanted = sorted(d - offset for d in only if offset <= d < end)
        if info.is_inlined():
            blocks = [info.inlined_postings()]
        else:
            start, _length = info.extent()
            if postfile.get(start, 4) != WHOOSH3_HEADER_MAGIC:
                raise IndexDamaged(f"bad posting list header at offset {start}")
            blocks = _blocks(postfile, start + 4, fixedsize, want_values, wanted)
        for ids, weights, values in blocks:
            if only is None and not want_values:
                if offset:
                    for docnum, tf in zip(ids, weights, strict=True):
                        scores[docnum + offset] = idf * (
                            (tf * k1p1) / (tf + norm[lengths[docnum]]))
                else:
                    for docnum, tf in zip(ids, weights, strict=True):
                        scores[docnum] = idf * ((tf * k1p1) / (tf + norm[lengths[docnum]]))
            else:
                for i, docnum in enumerate(ids):
                    key = docnum + offset
                    if only is not None and key not in only:
                        continue
                    tf = weights[i]
                    scores[key] = idf * ((tf * k1p1) / (tf + norm[lengths[docnum]]))
                    if want_values:
                        positions[key] = values[i]
            if deleted:
                for docnum in ids:
                    if docnum in deleted:
                        scores.pop(docnum + offset, None)
            if budget is not None and budget.over():
                break
        if budget is not None and budget.spent:
            break
    if boost != 1.0:
        scores = {d: s * boost for d, s in scores.items()}
    return scores


def _phrase_scores(searcher, q, budget: Budget | None, only=None) -> dict[int, float]:
    """Documents with the words of ``q`` at consecutive positions, scored as Whoosh scores a
    phrase (the sum of its words' BM25F)."""
    fieldname = q.fieldname
    field = searcher.schema[fieldname]
    words = [field.to_bytes(w) if isinstance(w, str) else w for w in q.words]
    reader = searcher.reader()
    if any((fieldname, w) not in reader for w in words):
        return {}
    order = sorted(range(len(words)), key=lambda i: reader.doc_frequency(fieldname, words[i]))
    decode = field.format.decode_positions
    found: list[dict] = [{}] * len(words)
    where: list[dict] = [{}] * len(words)
    candidates = only
    for i in order:
        where[i] = {}
        found[i] = _term_scores(searcher, fieldname, words[i], 1.0, budget, only=candidates,
                                positions=where[i])
        candidates = found[i]
        if not candidates:
            return {}
    scores: dict[int, float] = {}
    first = where[0]
    rest = range(1, len(words))
    for docnum in candidates:
        starts = set(decode(first[docnum]))
        for i in rest:
            starts &= {p - i for p in decode(where[i][docnum])}
            if not starts:
                break
        else:
            total = 0.0
            for part in found:
                total += part[docnum]
            scores[docnum] = total
    if q.boost != 1.0:
        scores = {d: s * q.boost for d, s in scores.items()}
    return scores


def _scores(searcher, q, budget: Budget | None, only=None) -> dict[int, float]:
    if isinstance(q, Term):
        return _term_scores(searcher, q.fieldname, q.text, q.boost, budget, only=only)
    if isinstance(q, Phrase):
        return _phrase_scores(searcher, q, budget, only=only)
    if isinstance(q, AndNot):
        keep = _scores(searcher, q.a, budget, only)
        # what is excluded is read in full even past the budget: a partial answer may miss
        # paragraphs, never show one the query excludes
        drop = _scores(searcher, q.b, None, keep) if keep else {}
        return {d: s for d, s in keep.items() if d not in drop}
    subs = list(q.children())
    if isinstance(q, Or):
        parts = []
        for sub in subs:
            if budget is not None and budget.spent:
                break
            parts.append(_scores(searcher, sub, budget, only))
        if not parts:
            return {}
        parts.sort(key=len, reverse=True)
        total = dict(parts[0])
        for part in parts[1:]:
            get = total.get
            for d, s in part.items():
                total[d] = get(d, 0.0) + s
    else:  # And: the rarest part first; the others only look at its documents
        reader = searcher.reader()
        subs.sort(key=lambda sub: sub.estimate_size(reader))
        total = _scores(searcher, subs[0], budget, only)
        for sub in subs[1:]:
            if not total:
                break
            part = _scores(searcher, sub, budget, total)
            total = {d: s + part[d] for d, s in total.items() if d in part}
    if q.boost != 1.0:
        total = {d: s * q.boost for d, s in total.items()}
    return total


class Budget:
    """The time left to a search; once spent, the fast path stops reading postings and answers
    with what it has (flagged partial)."""

    __slots__ = ("deadline", "spent")

    def __init__(self, deadline: float | None) -> None:
        self.deadline = deadline
        self.spent = False

    def over(self) -> bool:
        if not self.spent and self.deadline is not None and time.perf_counter() > self.deadline:
            self.spent = True
        return self.spent


def fast_search(searcher, q, limit: int, deadline: float | None, only: set[int] | None = None,
                drop: frozenset | set = frozenset(), bonus: float = 0.0
                ) -> tuple[list[tuple[float, int]], int, bool]:
    """``([(score, docnum)] best first, exact total, timed out)`` for a query :func:`usable`
    accepts. ``only`` keeps those documents; ``drop`` leaves those out; ``bonus`` is added to
    every score (what a filter term adds in Whoosh's own scoring)."""
    budget = Budget(deadline)
    scores = _scores(searcher, q, budget, only)
    if drop or bonus:
        scores = {d: s + bonus for d, s in scores.items() if d not in drop}
    return top(scores, limit), len(scores), budget.spent


def top(scores: dict[int, float], limit: int) -> list[tuple[float, int]]:
    """The ``limit`` best ``(score, docnum)``, ties by document order, as Whoosh orders them."""
    if len(scores) > limit:
        floor = heapq.nlargest(limit, scores.values())[-1]
        items = [(s, d) for d, s in scores.items() if s >= floor]
    else:
        items = [(s, d) for d, s in scores.items()]
    items.sort(key=lambda item: (-item[0], item[1]))
    return items[:limit]


def _why(exc: BaseException) -> str:
    text = str(exc).strip()
    return (text.splitlines()[0] if text else type(exc).__name__)[:120]
