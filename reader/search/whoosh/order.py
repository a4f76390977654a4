"""Everything about a query's matches beyond its best few: filters as document sets, every
match in date order, counts by outlet and year, the corpus's own field names.

Why apart from :mod:`.search`: these read Whoosh's per-document columns (``date``,
``outlet``) for every match, which only sorting and facets need. A column value is one array
read per match (no stored fields are decoded), so ordering 20,000 matches by date costs
milliseconds on top of scoring them.
"""

from __future__ import annotations

from whoosh.query import And, AndNot, Or

from reader.search.backend import Facets
from reader.search.fields import EXTRA_PREFIX, year
from reader.search.whoosh.fastpath import per_segment, reader_cache
from reader.search.whoosh.parse import Filter

NEWEST, OLDEST = "newest", "oldest"


def extra_fields(searcher) -> list[str]:
    """The query names of the corpus's own fields (``kategori``), cached per index reader."""
    cache = reader_cache(searcher.reader(), "extra_fields")
    if "value" not in cache:
        cache["value"] = sorted(name[len(EXTRA_PREFIX):]
                                for name in searcher.reader().indexed_field_names()
                                if name.startswith(EXTRA_PREFIX))
    return cache["value"]


def split_filters(searcher, q) -> tuple[object, set[int] | None, frozenset]:
    """``(rest, only, drop)``: a query ANDed with filters (or excluding one) as the query
    without them, the documents the filters keep (None: no such filter) and those they
    exclude, so the vectorised path can still score the rest. Anything else is returned whole
    (``rest`` is ``q``) for Whoosh's own matchers."""
    if isinstance(q, AndNot) and _filter_only(q.b):
        rest, only, drop = split_filters(searcher, q.a)
        return rest, only, drop | frozenset(searcher.docs_for_query(q.b))
    if not isinstance(q, And):
        return q, None, frozenset()
    kept = [sub for sub in q.children() if not _filter_only(sub)]
    filters = [sub for sub in q.children() if _filter_only(sub)]
    if not filters or not kept:
        return q, None, frozenset()
    only: set[int] | None = None
    for sub in filters:
        found = set(searcher.docs_for_query(sub))
        only = found if only is None else only & found
    rest = kept[0] if len(kept) == 1 else And(kept)
    return rest, only, frozenset()


def _filter_only(q) -> bool:
    if isinstance(q, Filter):
        return True
    if isinstance(q, (And, Or)):
        return all(_filter_only(sub) for sub in q.children())
    return False


def column_values(searcher, name: str, docnums) -> list:
    """The ``name`` column's value of each document (None where its segment has no column).

    Why segment by segment: a segment none of whose documents had a value (one article added
    without an outlet) writes no column, and Whoosh's multi-segment column reader then skips
    that segment without shifting the later ones, so it reads the wrong document or past the
    end of an array."""
    return per_segment(searcher, list(docnums), lambda segment: _column(segment, name))


def _column(segment, name: str):
    """``get(docnum)`` of a segment's column ``name`` (None without one), opened once per
    segment reader: opening it checks the file and reads its header, ~15 us, every search."""
    opened = reader_cache(segment, "columns")
    if name not in opened:
        opened[name] = (segment.column_reader(name).__getitem__ if segment.has_column(name)
                        else None)
    return opened[name]


def dates_of(searcher, docnums) -> list[str]:
    """The ``date`` column (``YYYY-MM-DD`` or ``""``) of each document."""
    return [day or "" for day in column_values(searcher, "date", docnums)]


def by_date(searcher, matches: list[tuple[float, int]], newest: bool
            ) -> list[tuple[float, int]]:
    """Every match ordered by its article's date, newest or oldest first, undated last;
    relevance breaks ties, then index order."""
    dates = dates_of(searcher, [d for _s, d in matches])
    dated = [(m, day) for m, day in zip(matches, dates, strict=True) if day]
    undated = [m for m, day in zip(matches, dates, strict=True) if not day]
    dated.sort(key=lambda item: (-item[0][0], item[0][1]))  # relevance, then index order
    dated.sort(key=lambda item: item[1], reverse=newest)  # stable: ties keep relevance
    undated.sort(key=lambda m: (-m[0], m[1]))
    return [m for m, _day in dated] + undated


def facets(searcher, docnums: list[int], total: int, partial: bool) -> Facets:
    """Counts by outlet and year of the matching paragraphs ``docnums``."""
    outlets: dict[str, int] = {}
    for raw in column_values(searcher, "outlet", docnums):
        name = raw.decode("utf-8", "surrogateescape") if raw else ""
        outlets[name] = outlets.get(name, 0) + 1
    years: dict[str, int] = {}
    for day in dates_of(searcher, docnums):
        key = year(day) or ""
        years[key] = years.get(key, 0) + 1
    return Facets.of(outlets, years, total, partial)
