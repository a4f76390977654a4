"""The fast path: BM25F scored a whole posting list at a time, vectorised (see :mod:`.scoring`).

Whoosh scores one document at a time through a tree of Python matchers (~3 us a match), and
block-quality skipping rarely helps on news text, where every block of a common word holds some
short paragraph that could enter the top 20. Queries made only of words (prefix, wildcard and
fuzzy words become words first), phrases, AND, OR and NOT are scored here instead, over the
reader's posting format (:mod:`.codec`), with the same BM25F formula, statistics and order of
operations as Whoosh's own scorer, so ranking and scores are unchanged and every match is
counted (totals are exact). ``tests/test_bench.py`` and ``tests/test_codec.py`` compare both.
A process that has not loaded numpy (~75 ms) answers small queries with Whoosh's matchers:
:func:`usable` says no to them.

Besides the codec itself, this is the only module that reads Whoosh's private structures (the
term index, the postings file, the length columns, BM25F's per-field B). They are those of the
Whoosh release it was written for: with any other release :data:`KNOWN` is False, searches
take Whoosh's public API (slower, same answers) and :data:`NOTE` says so once in ``reader
stats``. Damaged bytes raise :class:`IndexDamaged`; nothing here falls back quietly.
"""

from __future__ import annotations

import struct
from bisect import bisect_right
from collections.abc import Iterator
from weakref import WeakKeyDictionary

import whoosh
from whoosh.query import And, AndNot, Or, Phrase, Term
from whoosh.reading import CorruptIndexError, SegmentReader

from reader.errors import IndexDamaged
from reader.search.whoosh import decoded, files, rare, scoring
from reader.search.whoosh.codec import ReaderCodec
from reader.search.whoosh.stored import StoredPerDocReader

WRITTEN_FOR = (3, 54)  # whoosh3 major.minor whose codec this module reads
KNOWN = tuple(whoosh.__version__[:2]) == WRITTEN_FOR
NOTE = None if KNOWN else (
    f"whoosh3 {'.'.join(map(str, whoosh.__version__[:3]))} is not the release the fast path "
    f"was written for ({'.'.join(map(str, WRITTEN_FOR))}): searching through Whoosh's public "
    "API (same answers, slower)")
if KNOWN:
    from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3TermInfo, _lenfield

    _INFO_SIZE = W3TermInfo._struct.size  # the fixed part of a term record
# after it, unless the postings are inlined (a first byte of 1): their offset and length
_EXTENT = struct.Struct("!qi")

_DF = struct.Struct("!I")  # the doc frequency inside a Whoosh 3 term record (offset 5)
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

def term_dfs(reader, fieldname: str, prefix: bytes, budget: list[int], keep: bool = False
             ) -> Iterator[tuple[bytes, int]]:
    """``(term, paragraphs)`` for index terms starting with ``prefix``, segment by segment,
    at most ``budget[0]`` of them (the budget is spent in place; below zero means cut).

    Reads document frequencies straight from Whoosh 3 term records (decoding a whole TermInfo
    unpickles inline postings, ~5x slower); other releases use ``iter_prefix``. ``keep``: also
    keep, per segment, each term's paragraph count and where its postings are, and that every
    term of the prefix was seen, so that scoring every word of a short prefix looks none of
    them up again in the term index's hash table (:class:`_Internals`; it was half the time of
    ``t*``).
    """
    for segment, _offset in reader.leaf_readers():
        if KNOWN and isinstance(segment, SegmentReader):
            terms = segment._terms
            key = terms._keycoder(fieldname, prefix)
            skip = len(key) - len(prefix)
            unpack = _DF.unpack_from
            seen = reader_cache(segment, "terms").setdefault(fieldname, {}) if keep else None
            for keybytes, value in records_from(terms._tindex, key):
                if not keybytes.startswith(key):
                    break
                budget[0] -= 1
                if budget[0] < 0:
                    return
                word = keybytes[skip:]
                df = unpack(value, 5)[0]
                if seen is not None:
                    seen[word] = (df, None if value[0] else _EXTENT.unpack_from(value, _INFO_SIZE))
                yield word, df
            if seen is not None:  # every term of the prefix is in ``seen``
                reader_cache(segment, "prefixes").setdefault(fieldname, set()).add(prefix)
        else:
            for btext, info in segment.iter_prefix(fieldname, prefix):
                budget[0] -= 1
                if budget[0] < 0:
                    return
                yield btext, info.doc_frequency()


def _kept(reader, fieldname: str, btext: bytes) -> tuple[int, tuple | None] | None:
    """What :func:`term_dfs` kept of a term in one segment: ``(paragraphs, extent)``, ``(0,
    None)`` for a term a whole scanned prefix shows the segment does not have, or None when
    nothing is known."""
    seen = reader_cache(reader, "terms").get(fieldname)
    if seen is None:
        return None
    found = seen.get(btext)
    if found is not None:
        return found
    prefixes = reader_cache(reader, "prefixes").get(fieldname, ())
    if any(btext.startswith(prefix) for prefix in prefixes):
        return (0, None)
    return None


def _reads(segment) -> tuple:
    """Positional readers of a segment's term index and postings (:mod:`.files`)."""
    found = reader_cache(segment, "files").get("reads")
    if found is None:
        terms = segment._terms
        found = reader_cache(segment, "files")["reads"] = (
            files.reader_at(terms._tindex.dbfile), files.reader_at(terms._postfile))
    return found


_POINTER = struct.Struct("!Iq")  # a hash slot: the key's hash, where its item is
_LENGTHS = struct.Struct("!ii")  # an item: its key's length, its value's length
_VALUE_GUESS = 64  # value bytes read with the key (a term record is ~30 bytes)


def _term_value(segment, key: bytes) -> bytes | None:
    """The term index's value for ``key`` in one segment, or None."""
    return hash_value(segment._terms._tindex, _reads(segment)[0], key)


def hash_value(tindex, read, key: bytes) -> bytes | None:
    """The value of ``key`` in a Whoosh hash file (``tindex``, a ``HashReader``) read with
    ``read(at, size)``: Whoosh's ``ranges_for_key`` probing, done with positional reads (one
    for the slot, one for the key and most values)."""
    keyhash = tindex.hashfn(key)
    tablestart, numslots = tindex.tables[keyhash & 255]
    if not numslots:
        return None
    size = _POINTER.size
    end = tablestart + numslots * size
    slotpos = tablestart + ((keyhash >> 8) % numslots) * size
    for _ in range(numslots):
        slothash, itempos = _POINTER.unpack(read(slotpos, size))
        if not itempos:
            return None
        if slothash == keyhash:
            head = read(itempos, _LENGTHS.size + len(key) + _VALUE_GUESS)
            keylen, datalen = _LENGTHS.unpack_from(head)
            start = _LENGTHS.size + keylen
            if keylen == len(key) and head[_LENGTHS.size:start] == key:
                value = head[start:start + datalen]
                return value if len(value) == datalen else read(itempos + start, datalen)
        slotpos += size
        if slotpos == end:
            slotpos = tablestart
    return None


# -- which queries take this path --------------------------------------------------------------

def usable(searcher, q, fields: frozenset) -> bool:
    """True when ``q`` is words and phrases of ``fields`` joined by AND, OR and NOT, ranked by
    BM25F, on the Whoosh release this module knows."""
    return (KNOWN and type(searcher.weighting).__name__ == "BM25F" and _shape(q, fields, searcher)
            and _our_codec(searcher) and scoring.worth_it(searcher, q))


def _our_codec(searcher) -> bool:
    """Every segment is written in the reader's posting format (:mod:`.codec`)."""
    return all(isinstance(getattr(sub.reader(), "_codec", None), ReaderCodec)
               for sub, _ in searcher.leaf_searchers())


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


# -- what the vectorised scorer reads from Whoosh ----------------------------------------------

class _Internals:
    """The three things :mod:`.scoring` needs from a Whoosh 3 segment, read here."""

    @staticmethod
    def raw_postings(reader, fieldname: str, btext: bytes) -> tuple[bytes, int] | None:
        """The encoded posting list of a word in one segment and its paragraph count, None
        when it is not there."""
        found = _Internals.term_record(reader, fieldname, btext)
        if found is None:
            return None
        df, start, length = found
        return _reads(reader)[1](start, length), df

    @staticmethod
    def term_record(reader, fieldname: str, btext: bytes) -> tuple[int, int, int] | None:
        """A word's paragraph count in one segment and where its postings are (``(df,
        start, length)``), None when it is not there."""
        kept = _kept(reader, fieldname, btext)
        if kept is not None and kept[0] == 0:
            return None  # a scanned prefix's term the segment does not have
        if kept is not None and kept[1] is not None:
            df, (start, length) = kept
        else:
            value = _term_value(reader, reader._terms._keycoder(fieldname, btext))
            if value is None:
                return None
            info = W3TermInfo.from_bytes(value)
            df = info.doc_frequency()
            start, length = info.extent()
        if isinstance(length, tuple):  # W3TermInfo.from_bytes keeps struct's 1-tuple
            length = length[0]
        return df, start, length

    @staticmethod
    def read_postings(reader, start: int, length: int) -> bytes:
        """The encoded postings at ``start`` in one segment's postings file."""
        return _reads(reader)[1](start, length)

    @staticmethod
    def doc_frequency(leaves, fieldname: str, btext: bytes) -> int | None:
        """The paragraphs of a term over ``leaves`` (``(segment reader, offset)``) from what
        :func:`term_dfs` kept, or None when some segment's count is not known."""
        total = 0
        for reader, _offset in leaves:
            kept = _kept(reader, fieldname, btext)
            if kept is None:
                return None
            total += kept[0]
        return total

    @staticmethod
    def lengths(reader, fieldname: str) -> bytes | None:
        """The length byte of ``fieldname`` for every document of one segment (cached); None
        when no document of the segment has the field."""
        cache = reader_cache(reader, "lengths")
        if fieldname in cache:
            return cache[fieldname]
        column = reader._perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
        table = None
        if column is not None:
            if column._fixedlen != 1:
                raise IndexDamaged(f"the length column of '{fieldname}' is not one byte a "
                                   "document")
            table = column._dbfile.get(column._basepos, column._count)
            if len(table) < reader.doc_count_all():
                table = table + bytes(reader.doc_count_all() - len(table))
        cache[fieldname] = table
        return table

    @staticmethod
    def field_b(weighting, fieldname: str) -> float:
        return weighting._field_B.get(fieldname, weighting.B)


def fast_search(searcher, q, limit: int, deadline: float | None, only: set[int] | None = None,
                drop: frozenset | set = frozenset(), bonus: float = 0.0,
                with_context: bool = False):
    """``([(score, docnum)] best first, exact total, timed out)`` for a query :func:`usable`
    accepts (and the search's :class:`~.decoded.Context` last with ``with_context``, whose
    decoded posting lists give the hits' highlights). ``only`` keeps those documents; ``drop``
    leaves those out; ``bonus`` is added to every score (what a filter term adds in Whoosh's
    own scoring)."""
    try:
        found = scoring.search(searcher, q, limit, deadline, _Internals, others=drop,
                               bonus=bonus, only=only)
    except decoded.DAMAGED as exc:
        raise IndexDamaged(f"a posting list cannot be read ({_why(exc)})") from exc
    return found if with_context else found[:3]


def short_search(searcher, q, limit: int, fields: frozenset, only: set[int] | None = None,
                 drop: frozenset | set = frozenset()):
    """``([(score, docnum)] best first, exact total, postings)`` for one word of ``fields`` in
    few paragraphs, scored in plain Python (:mod:`.rare`); None when ``q`` is anything else."""
    if not (KNOWN and isinstance(q, Term) and q.fieldname in fields
            and type(searcher.weighting).__name__ == "BM25F" and _our_codec(searcher)):
        return None
    try:
        return rare.search(searcher, q, limit, _Internals, only=only, drop=drop)
    except decoded.DAMAGED as exc:
        raise IndexDamaged(f"a posting list cannot be read ({_why(exc)})") from exc


def per_segment(searcher, docnums: list[int], open_segment) -> list:
    """For each of ``docnums``, ``open_segment(segment)`` (a function of the segment's own
    document number, or None: no value) applied in the segment holding it; each segment is
    opened once."""
    leaves = searcher.reader().leaf_readers()
    starts = [offset for _reader, offset in leaves]
    getters = [open_segment(segment) for segment, _offset in leaves]
    out = []
    for docnum in docnums:
        at = bisect_right(starts, docnum) - 1
        get = getters[at]
        out.append(get(docnum - starts[at]) if get is not None else None)
    return out


def stored_records(searcher, docnums: list[int]) -> list[dict]:
    """The stored fields of each of ``docnums``, read from each segment's column directly.

    Whoosh's ``stored_fields`` goes through the multi-reader, the segment reader and a filter
    that keeps the schema's fields (every field written is one), ~6 us of a ~10 us read."""
    return per_segment(searcher, docnums, _stored_getter)


def _stored_getter(segment):
    perdoc = getattr(segment, "_perdoc", None) if KNOWN else None
    if isinstance(perdoc, StoredPerDocReader):
        return perdoc.column().__getitem__
    return segment.stored_fields


def term_ids(searcher, fieldname: str, terms: list[bytes]):
    """The sorted document numbers (a numpy array) holding any of ``terms`` of one field (a
    document holds one of them: the lists are disjoint), decoded a posting list at a time,
    or None where :func:`usable` would say no (another Whoosh release or another codec): the
    caller then walks Whoosh's matchers."""
    if not KNOWN or not _our_codec(searcher):
        return None
    np = decoded._np()
    ctx = decoded.Context(searcher, None, _Internals)
    try:
        parts = [p.ids for btext in terms for p in ctx.postings(fieldname, btext)]
    except decoded.DAMAGED as exc:
        raise IndexDamaged(f"a posting list cannot be read ({_why(exc)})") from exc
    return np.sort(np.concatenate(parts)) if parts else np.zeros(0, np.int64)


def _why(exc: BaseException) -> str:
    text = str(exc).strip()
    return (text.splitlines()[0] if text else type(exc).__name__)[:120]


_RECORD = struct.Struct("!ii")  # key length, value length: a record of Whoosh's hash files
SCAN_CHUNK = 1 << 16


def records_from(tindex, key: bytes):
    """``(key, value)`` of the term index's records from ``key`` on, in key order, for as long
    as their keys start with ``key``.

    Whoosh's ``items_from`` makes three small reads a record (~18,000 for the words of one
    letter at 100k paragraphs); the records are stored one after another in key order, so
    this reads them in 64 KiB chunks and splits them in memory.
    """
    pos = tindex.closest_key_pos(key)
    if pos is None:
        return
    end = tindex.endofdata
    dbfile = tindex.dbfile
    buf = b""
    at = 0
    while pos + at < end:
        if at + _RECORD.size > len(buf):
            pos, buf, at = pos + at, dbfile.get(pos + at, min(SCAN_CHUNK, end - pos - at)), 0
        klen, vlen = _RECORD.unpack_from(buf, at)
        stop = at + _RECORD.size + klen + vlen
        if stop > len(buf):
            size = max(SCAN_CHUNK, stop - at)
            pos, buf, at = pos + at, dbfile.get(pos + at, min(size, end - pos - at)), 0
            stop = _RECORD.size + klen + vlen
            if stop > len(buf):
                raise CorruptIndexError("a term record runs past the end of the term index; "
                                        "the index is damaged and will be rebuilt")
        found = buf[at + _RECORD.size: at + _RECORD.size + klen]
        if not found.startswith(key):
            return
        yield found, buf[at + _RECORD.size + klen: stop]
        at = stop
