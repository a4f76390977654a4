"""One search on one Whoosh searcher: check, parse, bound, rank, count, mark, suggest.

Queries the fast path takes (:mod:`.fastpath`) are scored there, every match counted. Anything
else goes through Whoosh's collector, whose total is exact up to ``COUNT_EXACT`` matches and an
estimate (two significant digits) beyond: counting every match of a big result set costs more
than ranking it. The time budget stops reading postings (either way) and answers ``partial``.
"""

from __future__ import annotations

import time
from collections import OrderedDict
from collections.abc import Callable

from whoosh import collectors
from whoosh.query import And, NullQuery, Term
from whoosh.query.qcore import QueryError as WhooshQueryError

from reader.errors import QueryError
from reader.records import SearchResult
from reader.search.backend import Facets, SearchRequest
from reader.search.fields import EXTRA_PREFIX, known_fields
from reader.search.query import FIELDS, check_query
from reader.search.whoosh.fastpath import (
    fast_search,
    reader_cache,
    short_search,
    stored_records,
    term_ids,
    usable,
)
from reader.search.whoosh.highlight import hit, query_positions
from reader.search.whoosh.languages import both_languages
from reader.search.whoosh.order import NEWEST, OLDEST, dates_of, extra_fields, split_filters
from reader.search.whoosh.order import by_date as by_date_order
from reader.search.whoosh.order import facets as facet_counts
from reader.search.whoosh.parse import (
    PARA_ONLY_FIELDS,
    bounded,
    excluding,
    para_only,
    parse_cached,
)
from reader.search.whoosh.schema import key
from reader.search.whoosh.scoring import remember_array
from reader.search.whoosh.spelling import suggestions

COUNT_EXACT = 1000
FAST_FIELDS = PARA_ONLY_FIELDS | {"title", "source"}


PREPARED_KEPT = 256  # queries kept prepared per index reader


def prepare(searcher, parser_for: Callable[[str], object], request: SearchRequest,
            deadline: float | None):
    """``(q, parsed, checked, partial)``: the query and its filters parsed and bounded.

    Kept per index reader (the words a prefix stands for and the stems of both languages
    are those of one generation), unless the time budget cut an expansion short: the TUI asks
    the same query again to sort, narrow, page and suggest."""
    kept = reader_cache(searcher.reader(), "prepared").setdefault("queries", OrderedDict())
    key = (request.query, request.filters)
    found = kept.get(key)
    if found is not None:
        return found
    found = _prepare(searcher, parser_for, request, deadline)
    if not found[3]:
        kept[key] = found
        if len(kept) > PREPARED_KEPT:
            kept.popitem(last=False)
    return found


def _prepare(searcher, parser_for: Callable[[str], object], request: SearchRequest,
             deadline: float | None):
    extra = extra_fields(searcher)
    checked = check_query(request.query, extra)
    parsed = parse_cached(parser_for("text"), checked)
    filters = []
    for fieldname, value in request.filters:
        if fieldname not in FIELDS and fieldname not in extra:
            raise QueryError(f"unknown field '{fieldname}' (fields: "
                             f"{', '.join(known_fields(extra))})")
        target = FIELDS.get(fieldname) or EXTRA_PREFIX + fieldname
        filters.append(parse_cached(parser_for(target), check_query(value)))
    if filters:
        parsed = And([parsed, *filters])
    q, partial = bounded(both_languages(parsed, searcher.reader()), searcher.reader(), deadline)
    return excluding(q), parsed, checked, partial


def run(searcher, parser_for: Callable[[str], object], request: SearchRequest) -> SearchResult:
    """Search paragraphs. A malformed query or filter raises :class:`QueryError`.

    ``parser_for(field)`` is the query parser whose default field is ``field``.
    """
    started = time.perf_counter()
    deadline = started + request.time_budget if request.time_budget is not None else None
    result = SearchResult(query=request.query)
    q, parsed, checked, result.partial = prepare(searcher, parser_for, request, deadline)
    by_date = request.sort in (NEWEST, OLDEST)
    want = searcher.doc_count_all() if by_date else (
        max(1, request.limit) + max(0, request.offset))
    top, result.total, timed_out, decoded = matches(searcher, q, request, want, deadline)
    result.partial = result.partial or timed_out
    if by_date:
        top = by_date_order(searcher, top, newest=request.sort == NEWEST)
    shown = top[max(0, request.offset):max(0, request.offset) + max(1, request.limit)]
    shown_docs = [docnum for _, docnum in shown]
    marks = query_positions(searcher, q, shown_docs, decoded) if q is not NullQuery else {
        docnum: set() for docnum in shown_docs}
    days = dates_of(searcher, shown_docs)
    records = stored_records(searcher, shown_docs)
    result.hits = [hit(fields, score, marks[docnum], day or None)
                   for (score, docnum), day, fields in zip(shown, days, records, strict=True)]
    if result.total == 0 and request.suggest and not request.filters:
        result.suggestions = suggestions(searcher, parsed, checked)
    result.elapsed_ms = (time.perf_counter() - started) * 1000
    return result


def run_facets(searcher, parser_for: Callable[[str], object], request: SearchRequest) -> Facets:
    """Counts by outlet and year of every paragraph ``request`` matches."""
    deadline = (time.perf_counter() + request.time_budget
                if request.time_budget is not None else None)
    q, _parsed, _checked, partial = prepare(searcher, parser_for, request, deadline)
    top, total, timed_out, _ = matches(searcher, q, request, searcher.doc_count_all(), deadline)
    return facet_counts(searcher, [d for _s, d in top], total, partial or timed_out)


def matches(searcher, q, request: SearchRequest, want: int, deadline: float | None):
    """``([(score, docnum)] best first, total, timed out, decoded postings or None)``: the
    best ``want`` matching paragraphs of a bounded query."""
    only = None
    if request.doc is not None:
        only = set(searcher.document_numbers(doc=key(request.doc)))
    if q is NullQuery or only == set():
        return [], 0, False, None  # nothing can match: no words found, or no such article
    rest, kept, dropped = split_filters(searcher, q)
    if kept is not None:
        only = kept if only is None else only & kept
    if para_only(rest):
        short = short_search(searcher, rest, want, PARA_ONLY_FIELDS, only=only,
                             drop=dropped or frozenset())
        if short is not None:
            return short[0], short[1], False, short[2]
    if usable(searcher, rest, PARA_ONLY_FIELDS if para_only(rest) else FAST_FIELDS):
        drop, bonus = (frozenset(), 0.0) if para_only(rest) else not_paragraphs(searcher)
        if dropped:
            drop = drop | dropped
        top, total, timed_out, ctx = fast_search(
            searcher, rest, want, deadline, only=only, drop=drop, bonus=bonus, with_context=True)
        return top, total, timed_out, ctx.postings
    top, total, timed_out = _collect(searcher, q, request, want, deadline)
    return top, total, timed_out, None


def _collect(searcher, q, request: SearchRequest, want: int, deadline: float | None
             ) -> tuple[list[tuple[float, int]], int, bool]:
    """Whoosh's own collector, for the shapes the fast path does not take."""
    parts = [q]
    if not para_only(q):
        parts.append(Term("kind", "para"))
    if request.doc is not None:
        parts.append(Term("doc", key(request.doc)))
    filtered = parts[0] if len(parts) == 1 else And(parts)
    # never UnlimitedCollector: with a phrase under AndNot it keeps excluded documents
    collector = collectors.TopCollector(limit=want)
    timed = _Deadline(collector, deadline) if deadline is not None else collector
    timed_out = False
    try:
        searcher.search_with_collector(filtered, timed)
    except collectors.TimeLimit:
        timed_out = True
    except WhooshQueryError as exc:  # a query shape Whoosh refuses is still the user's to fix
        raise QueryError(f"cannot run the query ({exc})") from exc
    top = [(h.score, h.docnum) for h in collector.results()]
    if len(top) < want or timed_out:
        total = len(top)  # every match was collected (or the budget ran out)
    else:
        total = max(len(top), count(searcher, filtered, cap=COUNT_EXACT, deadline=deadline))
    return top, total, timed_out


def not_paragraphs(searcher) -> tuple[frozenset, float]:
    """Article and file records (which also have titles), and what Whoosh adds to a score for
    the kind:para filter; both cached per index reader."""
    cache = reader_cache(searcher.reader(), "not_paragraphs")
    if "value" not in cache:
        ids = term_ids(searcher, "kind", [b"article", b"file"])
        if ids is not None:  # decoded at once: at 1M paragraphs 30 ms, not 500 through matchers
            others = frozenset(ids.tolist())
            remember_array(searcher.reader(), others, ids)
        else:
            others = frozenset(
                d + offset for sub, offset in searcher.leaf_searchers()
                for kind in (b"article", b"file") if ("kind", kind) in sub.reader()
                for d in sub.reader().postings("kind", kind).all_ids())
        m = Term("kind", "para").matcher(searcher, searcher.context())
        cache["value"] = (others, m.score() if m.is_active() else 0.0)
    return cache["value"]


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


def count(searcher, q, cap: int | None = None, deadline: float | None = None) -> int:
    """How many documents match ``q``, without scoring them.

    A single word counts from the term index for free. Otherwise matches are walked; with a
    ``cap`` (or past the ``deadline``) the walk stops there and the total is extrapolated from
    the share of documents walked, rounded to two significant digits.
    """
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


def _estimate(found: int, seen: int, documents: int) -> int:
    if seen >= documents:
        return found
    guess = found * documents / max(seen, 1)
    digits = len(str(int(guess))) - 2
    rounded = int(round(guess, -digits)) if digits > 0 else int(guess)
    return max(found, rounded)
