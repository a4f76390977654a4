"""Searching paragraphs: query parsing, ranking, highlight offsets, "did you mean", time budgets.

The query language is Whoosh's with the plugins a reader expects: words (all must match, BM25F),
``"phrases"``, ``OR``, ``NOT``/``-word``, ``(...)``, ``prefix*``, ``word~`` fuzzy and the fields
``title:``, ``source:``, ``speaker:``, ``quote:``. Queries are checked first so a malformed one
gets a one-line explanation instead of a silently odd result.

Speed (measured in ``bench/``): queries of words, phrases, prefixes and fuzzy words joined by
AND, OR and NOT are scored term-at-a-time over whole posting blocks with Whoosh's own BM25F
(same scores and order, every match counted, so ``total`` is exact); anything else goes through
Whoosh's collector, whose total is exact up to ``COUNT_EXACT`` matches and an estimate (two
significant digits) beyond. Prefixes, wildcards and fuzzy words expand to their most frequent
index words only (64 for one letter, 128 for two, 512 otherwise) and say so with ``partial``;
the time budget stops reading postings and also answers ``partial``.
"""

from __future__ import annotations

import heapq
import io
import pickle
import re
import struct
import time
import zlib
from bisect import bisect_right
from collections import OrderedDict
from dataclasses import dataclass
from functools import lru_cache
from itertools import accumulate

from whoosh import collectors
from whoosh.qparser import (
    FuzzyTermPlugin,
    GtLtPlugin,
    PlusMinusPlugin,
    QueryParser,
)
from whoosh.query import (
    And,
    AndMaybe,
    AndNot,
    DisjunctionMax,
    Every,
    FuzzyTerm,
    MultiTerm,
    NullQuery,
    Or,
    Ordered,
    Phrase,
    Prefix,
    Term,
    Wildcard,
)
from whoosh.spelling import Corrector
from whoosh.util.numeric import byte_to_length

from reader.errors import QueryError
from reader.language.analysis import surface_tokens
from reader.records import Hit, SearchResult

FIELDS = {"text": "text", "title": "title", "source": "source", "speaker": "speaker",
          "quote": "quote", "doc": "doc"}
DEFAULT_LIMIT = 20
MAX_QUERY_CHARS = 1000
MAX_EXPANSION = 512  # terms a prefix, wildcard or fuzzy word may expand to
# Shorter prefixes match more words; they keep only their most frequent ones (by paragraphs).
SHORT_PREFIX_EXPANSION = {1: 64, 2: 128}
MAX_SCAN = 200_000  # index terms a prefix or wildcard may look at before it stops
MIN_PREFIX = 1
# Counting every match of a big result set costs more than ranking it (block-quality
# optimisation skips most of them), so totals are exact up to COUNT_EXACT matches and above
# that estimated from the share of the index counted, rounded to two significant digits.
COUNT_EXACT = 1000
# Fields that only paragraph documents have: a query on them needs no kind:para filter.
PARA_ONLY_FIELDS = frozenset({"text", "quote", "speaker"})

_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}
_FIELD_TOKEN = re.compile(r"(?<![\w\"])([A-Za-z_]+):(\S*)")


@dataclass
class SearchOptions:
    limit: int = DEFAULT_LIMIT
    time_budget: float | None = 2.0  # seconds; None = no limit
    suggest: bool = True


def check_query(query: str) -> str:
    """Return the query cleaned of controls, or raise :class:`QueryError` explaining the fault."""
    query = "".join(ch for ch in query if ch.isprintable() or ch == " ").strip()
    if not query:
        raise QueryError("empty query: type a word to search for")
    if len(query) > MAX_QUERY_CHARS:
        raise QueryError(f"query too long ({len(query)} characters; at most {MAX_QUERY_CHARS})")
    if query.count('"') % 2:
        raise QueryError('unbalanced quotation mark: close the phrase with "')
    depth = 0
    in_phrase = False
    for ch in query:
        if ch == '"':
            in_phrase = not in_phrase
        elif not in_phrase and ch == "(":
            depth += 1
        elif not in_phrase and ch == ")":
            depth -= 1
            if depth < 0:
                raise QueryError("unbalanced parenthesis: ')' without '('")
    if depth:
        raise QueryError("unbalanced parenthesis: '(' without ')'")
    outside = re.sub(r'"[^"]*"', " phrase ", query)
    words = outside.replace("(", " ").replace(")", " ").split()
    if words and (words[0] in _OPERATORS - {"NOT"} or words[-1] in _OPERATORS):
        raise QueryError(f"'{words[0] if words[0] in _OPERATORS else words[-1]}' needs a word "
                         "on each side")
    if words and all(w in _OPERATORS for w in words):
        raise QueryError("the query has operators but no words")
    for match in _FIELD_TOKEN.finditer(outside):
        name, value = match.group(1), match.group(2)
        if name.lower() not in FIELDS:
            raise QueryError(f"unknown field '{name}:' (fields: title, source, speaker, quote)")
        if not value:
            raise QueryError(f"'{name}:' needs a word after it, e.g. {name}:Tokayev")
    if re.search(r"(?:^|\s)[*?]+(?:\s|$)", outside):
        raise QueryError("a wildcard needs at least one letter before it, e.g. Kaz*")
    return query


def make_parser(schema) -> QueryParser:
    parser = QueryParser("text", schema)
    parser.add_plugin(FuzzyTermPlugin())
    # '-word' excludes, but a hyphen inside a word (negara-negara) is part of the word.
    parser.add_plugin(PlusMinusPlugin(plusexpr=r"(?<!\S)\+(?=\S)", minusexpr=r"(?<!\S)-(?=\S)"))
    parser.remove_plugin_class(GtLtPlugin)
    return parser


def parse(parser: QueryParser, query: str):
    """Parse a checked query; field names are case-insensitive."""
    query = _FIELD_TOKEN.sub(lambda m: f"{FIELDS[m.group(1).lower()]}:{m.group(2)}", query)
    try:
        parsed = parser.parse(query)
    except Exception as exc:  # the parser is lenient; anything it still rejects is one line
        raise QueryError(f"cannot read the query ({exc})") from exc
    if parsed is None or parsed is NullQuery:
        raise QueryError("the query has only common words (such as 'yang', 'dan'); add another")
    if isinstance(parsed, Every):
        raise QueryError("a wildcard needs at least one letter before it, e.g. Kaz*")
    return parsed


def _bound(q):
    """Kept for callers of the earlier API: bounding now happens in :func:`bounded`."""
    return q


_PARSED: OrderedDict[tuple[int, str], object] = OrderedDict()


def parse_cached(parser: QueryParser, query: str):
    """:func:`parse` with a small cache: search-as-you-type repeats queries (and their errors)."""
    key = (id(parser), query)
    hit = _PARSED.get(key)
    if hit is None:
        try:
            hit = parse(parser, query)
        except QueryError as exc:
            hit = exc
        _PARSED[key] = hit
        if len(_PARSED) > 512:
            _PARSED.popitem(last=False)
    else:
        _PARSED.move_to_end(key)
    if isinstance(hit, QueryError):
        raise hit
    return hit


def _expansion_cap(q) -> int:
    text = getattr(q, "text", "") or ""
    if isinstance(q, Prefix):
        literal = len(text)
    elif isinstance(q, Wildcard):
        literal = len(re.split(r"[*?\[]", text, maxsplit=1)[0])
    else:
        literal = 99
    return SHORT_PREFIX_EXPANSION.get(literal, MAX_EXPANSION) if literal else min(
        SHORT_PREFIX_EXPANSION.values())


def _segment_dfs(reader, fieldname: str, prefix: bytes, budget: list[int]):
    """``(term, paragraphs)`` for index terms starting with ``prefix``, segment by segment.

    Reads document frequencies straight from Whoosh 3 term records where it can (decoding a
    whole TermInfo unpickles inline postings, ~5x slower); any other reader uses iter_prefix.
    """
    leaves = reader.leaf_readers() if hasattr(reader, "leaf_readers") else [(reader, 0)]
    for segment, _offset in leaves:
        terms = getattr(segment, "_terms", None)
        tindex = getattr(terms, "_tindex", None)
        keycoder = getattr(terms, "_keycoder", None)
        if tindex is not None and keycoder is not None and hasattr(tindex, "items_from"):
            key = keycoder(fieldname, prefix)
            skip = len(key) - len(prefix)
            unpack = _DF.unpack_from
            for keybytes, value in tindex.items_from(key):
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


_DF = struct.Struct("!I")  # the doc frequency inside a Whoosh 3 term record (offset 5)


def _expand(q, reader, cache: dict) -> tuple[list[bytes], bool]:
    """The terms a prefix, wildcard or fuzzy word stands for: at most its cap, most frequent
    first, and whether some were left out."""
    key = (type(q).__name__, q.field(), getattr(q, "text", None),
           getattr(q, "maxdist", None), getattr(q, "prefixlength", None))
    if key in cache:
        return cache[key]
    fieldname = q.field()
    cap = _expansion_cap(q)
    budget = [MAX_SCAN]
    counts: dict[bytes, int] = {}
    if isinstance(q, (Prefix, Wildcard)):
        text = q.text
        literal = text if isinstance(q, Prefix) else re.split(r"[*?\[]", text, maxsplit=1)[0]
        pattern = None if isinstance(q, Prefix) else re.compile(q._get_pattern())
        for btext, df in _segment_dfs(reader, fieldname, literal.encode("utf-8"), budget):
            if pattern is not None and not pattern.match(btext.decode("utf-8", "replace")):
                continue
            counts[btext] = counts.get(btext, 0) + df
    else:  # fuzzy words and other multi-term queries list their own terms
        for btext in q._btexts(reader):
            budget[0] -= 1
            if budget[0] < 0:
                break
            if isinstance(btext, str):
                btext = btext.encode("utf-8")
            counts[btext] = reader.doc_frequency(fieldname, btext)
    truncated = budget[0] < 0 or len(counts) > cap
    chosen = heapq.nlargest(cap, counts, key=lambda t: (counts[t], t)) if len(
        counts) > cap else sorted(counts)
    cache[key] = (chosen, truncated)
    if len(cache) > 256:
        cache.pop(next(iter(cache)))
    return chosen, truncated


def bounded(q, reader) -> tuple[object, bool]:
    """``q`` with every prefix, wildcard and fuzzy word replaced by an OR of at most its cap of
    real index terms (the most frequent), so no query shape blocks; and whether any was cut.

    The expansions are scored (BM25) like typed words, which lets block-quality optimisation
    skip most postings, and are cached per index reader (one generation of the index).
    """
    cache = getattr(reader, "_reader_expansions", None)
    if cache is None:
        cache = {}
        try:
            reader._reader_expansions = cache
        except AttributeError:
            pass
    cut = [False]

    def visit(node):
        if isinstance(node, MultiTerm) and isinstance(node, (Prefix, Wildcard, FuzzyTerm)):
            terms, truncated = _expand(node, reader, cache)
            cut[0] = cut[0] or truncated
            fieldname = node.field()
            subs = [Term(fieldname, t.decode("utf-8"), boost=node.boost) for t in terms]
            if not subs:
                return NullQuery
            return subs[0] if len(subs) == 1 else Or(subs)
        return node.apply(visit) if node.is_leaf() is False else node

    return visit(q), cut[0]


def _para_only(q) -> bool:
    """True when every document ``q`` can match is a paragraph (no kind:para filter needed)."""
    if isinstance(q, (Term, Phrase, MultiTerm)):
        return q.field() in PARA_ONLY_FIELDS
    if isinstance(q, (And, Ordered)):
        return any(_para_only(sub) for sub in q.children())
    if isinstance(q, (Or, DisjunctionMax)):
        subs = list(q.children())
        return bool(subs) and all(_para_only(sub) for sub in subs)
    if isinstance(q, (AndNot, AndMaybe)):
        return _para_only(q.a)
    return False


class _Deadline(collectors.WrappingCollector):
    """Stops collecting at a deadline, reading the clock every 256 matches.

    Whoosh's TimeLimitCollector starts a timer thread per search (~0.1-3 ms on a busy machine);
    a clock check costs nothing at the scale of a match.
    """

    def __init__(self, child, deadline: float) -> None:
        self.child = child
        self.deadline = deadline

    def collect_matches(self) -> None:
        child = self.child
        clock = time.perf_counter
        deadline = self.deadline
        if clock() > deadline:
            raise collectors.TimeLimit
        n = 0
        for sub_docnum in child.matches():
            child.collect(sub_docnum)
            n += 1
            if not n & 255 and clock() > deadline:
                raise collectors.TimeLimit


def run(searcher, parser: QueryParser, query: str, options: SearchOptions | None = None
        ) -> SearchResult:
    """Search paragraphs. Never raises for user input: errors come back in ``result.error``."""
    options = options or SearchOptions()
    started = time.perf_counter()
    deadline = started + options.time_budget if options.time_budget is not None else None
    result = SearchResult(query=query)
    try:
        checked = check_query(query)
        parsed = parse_cached(parser, checked)
    except QueryError as exc:
        result.error = str(exc)
        return result
    try:
        q, cut = bounded(parsed, searcher.reader())
    except Exception as exc:
        result.error = f"cannot run the query ({_first_line(exc)})"
        return result
    result.partial = cut
    limit = max(1, options.limit)
    para_only = _para_only(q)
    top = None
    if _fast_shape(q, PARA_ONLY_FIELDS if para_only else FAST_FIELDS):
        try:
            top, result.total, timed_out = fast_search(searcher, q, limit, deadline,
                                                       para_filter=not para_only)
            result.partial = result.partial or timed_out
        except Exception:  # _NoFastPath, or a reader this path does not know: use Whoosh's
            top = None
    if top is None:
        filtered = q if para_only else And([q, Term("kind", "para")])
        collector = collectors.TopCollector(limit=limit)
        timed = _Deadline(collector, deadline) if deadline is not None else collector
        timed_out = False
        try:
            searcher.search_with_collector(filtered, timed)
        except collectors.TimeLimit:
            timed_out = True
            result.partial = True
        except Exception as exc:  # a query shape Whoosh cannot run is still the user's to fix
            result.error = f"cannot run the query ({_first_line(exc)})"
            return result
        hits = collector.results()
        top = [(hit.score, hit.docnum) for hit in hits]
        if len(top) < limit or timed_out:
            result.total = len(top)  # every match was collected (or the budget ran out)
        else:
            result.total = max(len(top), count(searcher, filtered, cap=COUNT_EXACT,
                                               deadline=deadline))
    words = _highlight_terms(q, searcher)
    for score, docnum in top:
        fields = searcher.stored_fields(docnum)
        text = fields.get("text", "")
        result.hits.append(Hit(
            doc=fields["doc"], para=fields["para"], title=fields.get("title", ""),
            source=fields.get("source") or None, score=float(score or 0.0), text=text,
            highlights=highlight_offsets(text, words), repeats=list(fields.get("repeats") or []),
        ))
    if not result.hits and options.suggest:
        result.suggestions = suggestions(searcher, parsed, checked)
    result.elapsed_ms = (time.perf_counter() - started) * 1000
    return result


# -- the fast path: term-at-a-time BM25F over whole posting blocks ----------------------------
#
# Whoosh scores one document at a time through a tree of Python matchers (~3 us a match);
# block-quality skipping rarely helps on news text, where every block of a common word holds
# some short paragraph that could enter the top 20. Queries made only of words (and prefix,
# wildcard and fuzzy words, which :func:`bounded` turns into words), combined with AND, OR and
# NOT, are scored here instead: each word's postings are read a block at a time and scored
# with the same BM25F formula, statistics and order of operations as Whoosh's own scorer, so
# ranking and scores are unchanged, and every match is counted, so totals are exact.
# Phrases and anything else go through Whoosh's collector.


class _NoFastPath(Exception):
    pass


FAST_FIELDS = PARA_ONLY_FIELDS | {"title", "source"}


def _fast_shape(q, fields=PARA_ONLY_FIELDS) -> bool:
    if isinstance(q, Term):
        return q.field() in fields
    if isinstance(q, Phrase):
        return q.field() in fields and q.slop == 1 and len(q.words) >= 1
    if isinstance(q, (And, Or)):
        subs = list(q.children())
        return bool(subs) and all(_fast_shape(sub, fields) for sub in subs) and (
            not isinstance(q, Or) or (not q.minmatch and not q.scale))
    if isinstance(q, AndNot):
        return _fast_shape(q.a, fields) and _fast_shape(q.b, fields)
    return False


def _not_paragraphs(searcher) -> tuple[frozenset, float]:
    """Article and file records (which also have titles), and what Whoosh adds to a score for
    the kind:para filter; both cached per index reader."""
    reader = searcher.reader()
    cached = getattr(reader, "_reader_not_paragraphs", None)
    if cached is not None:
        return cached
    others = set()
    for sub, offset in searcher.leaf_searchers():
        r = sub.reader()
        for kind in (b"article", b"file"):
            if ("kind", kind) in r:
                others.update(d + offset for d in r.postings("kind", kind).all_ids())
    m = Term("kind", "para").matcher(searcher, searcher.context())
    bonus = m.score() if m.is_active() else 0.0
    cached = (frozenset(others), bonus)
    try:
        reader._reader_not_paragraphs = cached
    except AttributeError:
        pass
    return cached


def _length_table(reader, fieldname: str):
    """The length byte of ``fieldname`` for every document of one segment (cached)."""
    cache = getattr(reader, "_reader_lengths", None)
    if cache is None:
        cache = {}
        try:
            reader._reader_lengths = cache
        except AttributeError:
            pass
    if fieldname in cache:
        return cache[fieldname]
    table = None
    perdoc = getattr(reader, "_perdoc", None)
    try:
        from whoosh.codec.whoosh3 import LENGTHS_COLUMN, _lenfield

        column = perdoc._cached_reader(_lenfield(fieldname), LENGTHS_COLUMN)
        if column is not None and column._fixedlen == 1:
            table = column._dbfile.get(column._basepos, column._count)
            if len(table) < reader.doc_count_all():
                table = table + bytes(reader.doc_count_all() - len(table))
    except Exception:
        table = None
    cache[fieldname] = table
    return table


_BLOCK_LENGTH = struct.Struct("!i")
try:
    from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC as _W3_MAGIC
except ImportError:  # another Whoosh: the fast path is not used
    _W3_MAGIC = None


def _postings(reader, fieldname: str, btext: bytes):
    """``(terminfo, postings file)`` of a word in one Whoosh 3 segment, None when absent."""
    terms = getattr(reader, "_terms", None)
    postfile = getattr(terms, "_postfile", None)
    if postfile is None or _W3_MAGIC is None or not hasattr(terms, "term_info"):
        raise _NoFastPath
    try:
        info = terms.term_info(fieldname, btext)
    except Exception:  # TermNotFound
        return None
    return info, postfile


def _w3_blocks(postfile, position: int, byteids: bool, fixedsize, values: bool, wanted):
    """``(ids, weights, values)`` of each block of a Whoosh 3 posting list at ``position``.

    Two reads a block, straight from the postings file (Whoosh's matcher unpickles the block
    header from the file object: some twenty small reads a block). ``wanted`` (a sorted list
    of document numbers) skips, undecoded, every block whose ids hold none of them: an AND
    reads only the blocks its rarest word points into.
    """
    get = postfile.get
    low = -1
    while True:
        length = _BLOCK_LENGTH.unpack(get(position, 4))[0]
        last = length < 0
        length = -length if last else length
        raw = get(position + 4, length)
        header = io.BytesIO(raw)
        count, maxid, _maxweight, compression, _minlen, _maxlen = pickle.load(header)
        skip = False
        if wanted is not None:
            j = bisect_right(wanted, low)
            if j >= len(wanted):
                return
            skip = wanted[j] > maxid
            low = maxid
        if not skip:
            data = raw[header.tell():]
            if compression:
                data = zlib.decompress(data)
            data = pickle.loads(data)
            ids = data[0] if byteids else tuple(accumulate(data[0]))
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
            yield ids, weights, vals
        if last:
            return
        position += 4 + length


@lru_cache(maxsize=64)
def _norms(B: float, K1: float, avgfl: float) -> list[float]:
    """BM25's length normalisation for each of the 256 length bytes Whoosh stores."""
    return [K1 * ((1 - B) + B * byte_to_length(b) / avgfl) for b in range(256)]


def _term_scores(searcher, fieldname: str, text, boost: float, deadline, only=None,
                 positions: dict | None = None) -> dict[int, float]:
    """BM25F of one word for every document it is in (or only for documents in ``only``).

    With ``positions`` (a dict), the raw position record of each scored document is kept
    there, for phrase checks.
    """
    field = searcher.schema[fieldname]
    btext = field.to_bytes(text) if isinstance(text, str) else text
    weighting = searcher.weighting
    if type(weighting).__name__ != "BM25F" or not field.scorable:
        raise _NoFastPath
    if (fieldname, btext) not in searcher.reader():
        return {}
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
            raise _NoFastPath
        deleted = reader.deleted_docs_set if reader.has_deletions() else ()
        deleted = deleted() if callable(deleted) else deleted
        wanted = None
        if only is not None and len(only) * 8 < info.doc_frequency():
            end = offset + reader.doc_count_all()
            wanted = sorted(d - offset for d in only if offset <= d < end)
        if info.is_inlined():
            blocks = [info.inlined_postings()]
        else:
            start, _length = info.extent()
            if postfile.get(start, 4) != _W3_MAGIC:
                raise _NoFastPath
            blocks = _w3_blocks(postfile, start + 4, False, fixedsize, want_values, wanted)
        for ids, weights, values in blocks:
            if only is None and not want_values:
                if offset:
                    for docnum, tf in zip(ids, weights, strict=False):
                        scores[docnum + offset] = idf * (
                            (tf * k1p1) / (tf + norm[lengths[docnum]]))
                else:
                    for docnum, tf in zip(ids, weights, strict=False):
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
            if deadline is not None and deadline.over():
                break
        if deadline is not None and deadline.spent:
            break
    if boost != 1.0:
        scores = {d: s * boost for d, s in scores.items()}
    return scores


def _phrase_scores(searcher, q, deadline, only=None) -> dict[int, float]:
    """Documents with the words of ``q`` at consecutive positions, scored as Whoosh scores a
    phrase (the sum of its words' BM25F)."""
    fieldname = q.fieldname
    field = searcher.schema[fieldname]
    if not field.format or not field.format.supports("positions"):
        raise _NoFastPath
    words = [field.to_bytes(w) if isinstance(w, str) else w for w in q.words]
    reader = searcher.reader()
    if any((fieldname, w) not in reader for w in words):
        return {}
    order = sorted(range(len(words)), key=lambda i: reader.doc_frequency(fieldname, words[i]))
    decode = field.format.decode_positions
    found: list[dict] = [None] * len(words)
    where: list[dict] = [None] * len(words)
    candidates = only
    for i in order:
        where[i] = {}
        found[i] = _term_scores(searcher, fieldname, words[i], 1.0, deadline, only=candidates,
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


def _size(searcher, q) -> int:
    try:
        return q.estimate_size(searcher.reader())
    except Exception:
        return 1 << 30


def _scores(searcher, q, deadline, only=None) -> dict[int, float]:
    if isinstance(q, Term):
        return _term_scores(searcher, q.fieldname, q.text, q.boost, deadline, only=only)
    if isinstance(q, Phrase):
        return _phrase_scores(searcher, q, deadline, only=only)
    if isinstance(q, AndNot):
        keep = _scores(searcher, q.a, deadline, only)
        # what is excluded is read in full even past the budget: a partial answer may miss
        # paragraphs, never show one the query excludes
        drop = _scores(searcher, q.b, None, keep) if keep else {}
        return {d: s for d, s in keep.items() if d not in drop}
    subs = list(q.children())
    if isinstance(q, Or):
        parts = []
        for sub in subs:
            if deadline is not None and deadline.spent:
                break
            parts.append(_scores(searcher, sub, deadline, only))
        if not parts:
            return {}
        parts.sort(key=len, reverse=True)
        total = dict(parts[0])
        for part in parts[1:]:
            get = total.get
            for d, s in part.items():
                total[d] = get(d, 0.0) + s
    else:  # And: the rarest part first; the others only look at its documents
        subs.sort(key=lambda sub: _size(searcher, sub))
        total = _scores(searcher, subs[0], deadline, only)
        for sub in subs[1:]:
            if not total:
                break
            part = _scores(searcher, sub, deadline, total)
            total = {d: s + part[d] for d, s in total.items() if d in part}
    if q.boost != 1.0:
        total = {d: s * q.boost for d, s in total.items()}
    return total


def fast_search(searcher, q, limit: int, deadline: float | None, para_filter: bool = False
                ) -> tuple[list[tuple[float, int]], int, bool]:
    """``([(score, docnum)] best first, exact total, timed out)`` for a query of words.

    ``para_filter`` keeps paragraphs only (for fields that articles have too), scored as
    Whoosh scores ``And([q, Term("kind", "para")])``.
    """
    budget = _Budget(deadline)
    scores = _scores(searcher, q, budget)
    if para_filter:
        others, bonus = _not_paragraphs(searcher)
        scores = {d: s + bonus for d, s in scores.items() if d not in others}
    return _top(scores, limit), len(scores), budget.spent


class _Budget:
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


def _top(scores: dict[int, float], limit: int) -> list[tuple[float, int]]:
    """The ``limit`` best ``(score, docnum)``, ties by document order, as Whoosh orders them."""
    if len(scores) > limit:
        floor = heapq.nlargest(limit, scores.values())[-1]
        items = [(s, d) for d, s in scores.items() if s >= floor]
    else:
        items = [(s, d) for d, s in scores.items()]
    items.sort(key=lambda item: (-item[0], item[1]))
    return items[:limit]


def count(searcher, q, cap: int | None = None, deadline: float | None = None) -> int:
    """How many paragraphs match, without scoring them.

    A single word counts from the term index for free. Otherwise matches are walked; with a
    ``cap`` (or past the ``deadline``) the walk stops there and the total is extrapolated from
    the share of documents walked, rounded to two significant digits.
    """
    try:
        reader = searcher.reader()
        if isinstance(q, Term) and not reader.has_deletions():
            return reader.doc_frequency(q.fieldname, q.text)
        context = searcher.boolean_context()
        found = 0
        clock = time.perf_counter
        for sub, offset in searcher.leaf_searchers():
            m = q.matcher(sub, context)
            while m.is_active():
                found += 1
                if (cap is not None and found >= cap) or (
                        deadline is not None and not found & 255 and clock() > deadline):
                    seen = offset + m.id() + 1
                    return _estimate(found, seen, searcher.doc_count_all())
                m.next()
        return found
    except Exception:
        return 0


def _estimate(found: int, seen: int, documents: int) -> int:
    if seen >= documents:
        return found
    guess = found * documents / max(seen, 1)
    digits = len(str(int(guess))) - 2
    rounded = int(round(guess, -digits)) if digits > 0 else int(guess)
    return max(found, rounded)


def _highlight_terms(q, searcher) -> set[str]:
    """The stemmed words to mark in hit text: the query's own and what prefixes expanded to."""
    words: set[str] = set()
    for fieldname, value in q.iter_all_terms(phrases=True):
        if fieldname in ("text", "quote"):
            words.add(value.decode("utf-8") if isinstance(value, bytes) else str(value))
    return words


def highlight_offsets(text: str, words: set[str]) -> list[tuple[int, int]]:
    """Offsets of every word in ``text`` whose stem is one of ``words`` (its surface form)."""
    if not words:
        return []
    return [(start, end) for term, start, end in surface_tokens(text) if term in words]


SUGGEST_MIN_LETTERS = 4  # a shorter word is usually a word still being typed
SUGGEST_PREFIX = 2  # corrections keep the first two letters (typos rarely touch them)


def suggestions(searcher, q, query: str) -> list[str]:
    """Corrected queries for a query with no hits, from the unstemmed spelling of the index.

    Words of one edit for words up to five letters, two edits beyond; words under four
    letters are left alone. Candidates come from a scan of the spelling terms sharing the
    first two letters (Whoosh's own corrector walks the whole lexicon: ~100-200 ms a word at
    100k paragraphs, which made every keystroke without hits slow).
    """
    words = [text for fieldname, text in q.iter_all_terms() if fieldname == "text"]
    words = [w.decode("utf-8") if isinstance(w, bytes) else str(w) for w in words]
    if not words or max(len(w) for w in words) < SUGGEST_MIN_LETTERS:
        return []
    try:
        reader = searcher.reader()
        corrector = _Corrector(reader, "text")
        corrected = searcher.correct_query(q, query, correctors={"text": corrector},
                                           prefix=SUGGEST_PREFIX, maxdist=2)
    except Exception:
        return []
    if corrected.string and corrected.string != query:
        return [corrected.string]
    return []


class _Corrector(Corrector):
    """Ranks spelling terms within the allowed edits of a word: fewest edits first, then the
    most frequent."""

    def __init__(self, reader, fieldname: str) -> None:
        self.reader = reader
        self.fieldname = fieldname
        self.sugfield = reader.schema[fieldname].spelling_fieldname(fieldname)

    def _suggestions(self, text: str, maxdist: int, prefix: int):
        if len(text) < SUGGEST_MIN_LETTERS:
            return
        maxdist = 1 if len(text) <= 5 else min(maxdist, 2)
        start = text[:max(prefix, 1)]
        counts: dict[bytes, int] = {}
        for btext, df in _segment_dfs(self.reader, self.sugfield, start.encode("utf-8"),
                                      [MAX_SCAN]):
            counts[btext] = counts.get(btext, 0) + df
        size = len(text)
        for btext, df in counts.items():
            word = btext.decode("utf-8", "replace")
            if abs(len(word) - size) > maxdist or word == text:
                continue
            dist = _edits(text, word, maxdist)
            if dist <= maxdist:
                yield (-(dist + 0.5 / max(df, 1)), word)


def _edits(a: str, b: str, limit: int) -> int:
    """Edit distance with adjacent transpositions, or ``limit + 1`` once it exceeds ``limit``."""
    previous2: list[int] | None = None
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        best = i
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if (previous2 is not None and i > 1 and j > 1 and a[i - 1] == b[j - 2]
                    and a[i - 2] == b[j - 1]):
                value = min(value, previous2[j - 2] + 1)
            current[j] = value
            best = min(best, value)
        if best > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return (text.splitlines()[0] if text else type(exc).__name__)[:120]


__all__ = ["QueryError", "SearchOptions", "bounded", "check_query", "count", "make_parser",
           "parse", "run", "highlight_offsets", "suggestions"]
