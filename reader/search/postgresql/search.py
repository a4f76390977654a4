"""One search on PostgreSQL: parse, expand, match and rank in SQL, highlight in Python.

The ranked top ``limit`` and the total come from one statement: for a word, a prefix, a fuzzy
word, an exact phrase or an AND of such, from the postings index alone (:mod:`.postings`);
for anything else (sloppy phrases, NOT, filters, an order by date) from the GIN indexes, each
match scored from its row (the score and a window count over the matches); then the stored
text of the rows shown.
Highlights are computed from the hit text with the same analysis that indexed it, so
``gabung`` marks ``bergabung`` exactly as the Whoosh index does. A query with no hits gets the
same "did you mean" as there: index words sharing the first two letters, within one edit (two
for words over five letters), fewest edits first, then the most frequent.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable

from reader.errors import QueryError
from reader.language.analysis import (
    ENGLISH,
    INDONESIAN,
    QUERY,
    QUERY_STOP_WORDS,
    TOKEN_PATTERN,
    highlight_offsets,
    query_stems,
)
from reader.language.edits import edits
from reader.records import Hit, SearchResult
from reader.search.backend import Facets, SearchRequest
from reader.search.fields import EXTRA_PREFIX, known_fields
from reader.search.postgresql import intersect, postings, summed, union
from reader.search.postgresql.documents import FIELD_CODES, SPELL
from reader.search.postgresql.expand import expand
from reader.search.postgresql.languages import both_languages, sides
from reader.search.postgresql.parse import And, Or, Term, leaves, parse
from reader.search.postgresql.schema import SCHEMA
from reader.search.postgresql.translate import (
    NOTHING,
    Statistics,
    highlight_words,
    query_terms,
    score,
    simplify,
    where,
)
from reader.search.query import FIELDS

SUGGEST_MIN_LETTERS = 4
SUGGEST_PREFIX = 2


def tree_of(request: SearchRequest, fields: tuple[str, ...] = ()):
    """The parsed query with the request's article and field filters ANDed in; ``fields``
    are the corpus's own field names."""
    tree = parse(request.query, extra=fields)
    extra = []
    if request.doc is not None:
        extra.append(Term("doc", request.doc))
    for fieldname, value in request.filters:
        if fieldname not in FIELDS and fieldname not in fields:  # else an SQL error
            raise QueryError(f"unknown field '{fieldname}' (fields: "
                             f"{', '.join(known_fields(fields))})")
        target = FIELDS.get(fieldname) or EXTRA_PREFIX + fieldname
        extra.append(parse(value, default_field=target, extra=fields))
    return both_languages(And((tree, *extra)) if extra else tree)


ORDERS = {"newest": "DESC", "oldest": "ASC"}  # undated articles last either way


def facets(conn, request: SearchRequest, cache: dict, fields: tuple[str, ...] = ()) -> Facets:
    """Counts by outlet and year of every paragraph ``request`` matches."""
    tree = tree_of(request, fields)
    with conn.cursor() as cur:
        expanded, cut = expand(cur, tree, cache)
        expanded = simplify(expanded)
        if expanded is NOTHING:
            return Facets(0, partial=cut)
        match = where(expanded)
        plan_with_values(cur)
        rows = cur.execute(
            "SELECT coalesce(source, ''), coalesce(left(date, 4), ''), count(*) "
            f"FROM {SCHEMA}.paragraphs WHERE {match.text} GROUP BY 1, 2",
            match.params).fetchall()
    outlets: dict[str, int] = {}
    years: dict[str, int] = {}
    for outlet, year, n in rows:
        outlets[outlet] = outlets.get(outlet, 0) + n
        years[year] = years.get(year, 0) + n
    return Facets.of(outlets, years, sum(outlets.values()), cut)


def run(conn, request: SearchRequest, stats: Statistics, cache: dict,
        sharded: bool = False, fields: tuple[str, ...] = ()) -> SearchResult:
    """Search paragraphs; a malformed query raises :class:`QueryError`."""
    result = start(conn, request, stats, cache, sharded, fields)()
    if not result.hits and request.suggest:
        add_suggestions(conn, request, result, fields)
    return result


def add_suggestions(conn, request: SearchRequest, result: SearchResult,
                    fields: tuple[str, ...] = ()) -> None:
    """"Did you mean" for a search that found nothing, its time counted in the search's."""
    began = time.perf_counter()
    result.suggestions = suggestions(conn, parse(request.query, extra=fields), request.query)
    result.elapsed_ms += (time.perf_counter() - began) * 1000


def start(conn, request: SearchRequest, stats: Statistics, cache: dict,
          sharded: bool = False, fields: tuple[str, ...] = ()) -> Callable[[], SearchResult]:
    """The statements of a search sent; returns what reads their rows into the result (no
    suggestions). In a pipeline the last statement is only queued: its rows are read once
    the pipeline has been sent, so a search whose words and statistics are known is one
    exchange with the server."""
    started = time.perf_counter()
    tree = tree_of(request, fields)
    cur = conn.cursor()
    try:
        expanded, cut = expand(cur, tree, cache)
        expanded = simplify(expanded)
        if expanded is NOTHING:
            pending = []
        else:
            _document_frequencies(cur, stats, query_terms(expanded))
            pending = _top(cur, expanded, stats, request, sharded)
    except BaseException:
        cur.close()
        raise

    def finish() -> SearchResult:
        try:
            rows = rows_of(pending)
        finally:
            cur.close()
        result = SearchResult(query=request.query, partial=cut)
        words = _highlight_words(expanded)
        for doc, para, title, source, text, repeats, value, total, english, date in rows:
            result.total = total
            language = ENGLISH if english else INDONESIAN
            result.hits.append(Hit(doc=doc, para=para, title=title or "", source=source or None,
                                   score=float(value), text=text,
                                   highlights=highlight_offsets(text, words[language], language),
                                   repeats=list(repeats or []), date=date))
        if rows and sharded:
            result.total = _count(conn, expanded)
        result.elapsed_ms = (time.perf_counter() - started) * 1000
        return result

    return finish


def rows_of(pending) -> list:
    """The rows of :func:`_top`: a list, or a cursor whose statement was sent (by
    :func:`.postings.ranked`) and whose rows are read here."""
    return pending if isinstance(pending, list) else pending.fetchall()


def _highlight_words(tree) -> dict[str, set[str]]:
    """The stems to mark in hits of each language: a stem of one language only there."""
    if tree is NOTHING:
        return {INDONESIAN: set(), ENGLISH: set()}
    parts = sides(tree)
    both = highlight_words(Or(tuple(parts["any"]))) if parts["any"] else set()
    return {language: both | (highlight_words(Or(tuple(parts[side]))) if parts[side] else set())
            for language, side in ((INDONESIAN, "id"), (ENGLISH, "en"))}


def _document_frequencies(cur, stats: Statistics, needed: set[tuple[str, str]]) -> None:
    missing = [(f, t) for f, t in needed if (f, t) not in stats.df]
    if not missing:
        return
    fields = [f for f, _t in missing]
    terms = [t for _f, t in missing]
    for f, t in missing:
        stats.df[(f, t)] = 0
    codes = [FIELD_CODES.get(f, -1) for f in fields]
    for f, t, df, blocked in cur.execute(
            f"SELECT w.field, w.term, t.df, b.term IS NOT NULL FROM unnest(%s::text[], "
            "%s::text[], %s::smallint[]) AS w(field, term, code) "
            f"JOIN {SCHEMA}.terms t ON t.field = w.field AND t.term = w.term "
            f"LEFT JOIN {SCHEMA}.blocked b ON b.field = w.code AND b.term = w.term",
            [fields, terms, codes]).fetchall():
        stats.df[(f, t)] = df
        if blocked:
            stats.blocked.add((FIELD_CODES[f], t))


# Whether a row is an English paragraph (its text carries the language mark), for highlights:
# the tsquery of the lexeme analysis.ENGLISH_MARK ("\x01en"), written with an escape.
ENGLISH_ROW = r"text_tsv @@ E'''\001en'''::tsquery"


def _top(cur, tree, stats: Statistics, request: SearchRequest, sharded: bool):
    """The rows shown, or the cursor whose statement gives them (see :func:`rows_of`)."""
    direction = ORDERS.get(request.sort)
    groups = None if sharded or direction is not None else postings.groups_of(tree)
    if groups:
        words = intersect.answerable(groups, stats)
        if words:
            return intersect.top(cur, groups, words, stats, max(1, request.limit),
                                 request.offset, ENGLISH_ROW)
        words = summed.answerable(groups, stats)
        if words:
            return summed.top(cur, words, stats, max(1, request.limit), request.offset,
                              ENGLISH_ROW)
        words = union.answerable(groups, stats)
        if words:
            return union.top(cur, words, stats, max(1, request.limit), request.offset,
                             ENGLISH_ROW)
        return postings.top(cur, groups, stats, max(1, request.limit), request.offset,
                            ENGLISH_ROW)
    return _matched(cur, tree, stats, request, sharded)


def plan_with_values(cur) -> None:
    """Plan the statements that follow (in this transaction) with their values: a match
    through the GIN indexes is one ``tsquery`` value, and in a plan made without it (what
    the search's prepared statements ask for, see :mod:`.backend`) a scan of every row
    parsed it again for each row: ``Al M*`` (an OR of 4,825 words) took 4.5 s instead of
    0.5. (A statement with values is planned for each search anyway.)"""
    cur.execute("SELECT set_config('plan_cache_mode', 'auto', true)")


def _matched(cur, tree, stats: Statistics, request: SearchRequest, sharded: bool) -> list:
    """The top rows of any query: matched through the GIN indexes, scored row by row."""
    direction = ORDERS.get(request.sort)
    match = where(tree)
    rank = score(tree, stats)
    limit = max(1, request.limit)
    plan_with_values(cur)
    # by date: every match ordered by its article's date, undated last, relevance breaking ties
    order = "score DESC, doc, para" if direction is None else (
        f"(date IS NULL), date {direction}, score DESC, doc, para")
    if sharded:
        return _sharded(cur, match, rank, order, limit, request.offset)
    # the text of the shown rows only, joined after ranking
    outer = order.replace("score", "best.score").replace("doc,", "p.doc,").replace(
        "para", "p.para").replace("date", "p.date")
    sql = (
        f"WITH best AS (SELECT doc, para, date, {rank.text} AS score, "
        "count(*) OVER () AS total "
        f"FROM {SCHEMA}.paragraphs WHERE {match.text} "
        f"ORDER BY {order} LIMIT %s OFFSET %s) "
        "SELECT p.doc, p.para, p.title, p.source, p.text, p.repeats, best.score, best.total, "
        f"p.{ENGLISH_ROW}, p.date FROM best JOIN {SCHEMA}.paragraphs p USING (doc, para) "
        f"ORDER BY {outer}")
    return cur.execute(sql, [*rank.params, *match.params, limit, request.offset]).fetchall()


def _sharded(cur, match, rank, order: str, limit: int, offset: int) -> list:
    """The top rows of a cluster: the shards send each match's number, lengths and counts
    only (what the score needs; ``postgres_fdw`` cannot run this score on a shard, so every
    match comes to the coordinator), and then the text of the rows shown, from the shards
    holding their articles."""
    best = cur.execute(
        f"SELECT doc, para, {rank.text} AS score, date FROM {SCHEMA}.paragraphs "
        f"WHERE {match.text} ORDER BY {order} LIMIT %s OFFSET %s",
        [*rank.params, *match.params, limit, offset]).fetchall()
    if not best:
        return []
    shown = {(doc, para): (score, date) for doc, para, score, date in best}
    rows = cur.execute(
        "SELECT doc, para, title, source, text, repeats, " + ENGLISH_ROW + " "
        f"FROM {SCHEMA}.paragraphs WHERE doc = ANY(%s)",
        [sorted({doc for doc, _para in shown})]).fetchall()
    found = {(r[0], r[1]): r for r in rows if (r[0], r[1]) in shown}
    return [(*found[key][:6], shown[key][0], 0, found[key][6], shown[key][1])
            for key in ((doc, para) for doc, para, _s, _d in best) if key in found]


def _count(conn, tree) -> int:
    """The matches on a cluster: each shard counts its own (the counts are added here)."""
    match = where(tree)
    with conn.cursor() as cur:
        parts = shards(cur)
        plan_with_values(cur)
    counts = " UNION ALL ".join(f"SELECT count(*) AS n FROM {part} WHERE {match.text}"
                                for part in parts)
    return conn.execute(f"SELECT coalesce(sum(n), 0)::bigint FROM ({counts}) AS counts",
                        match.params * len(parts)).fetchone()[0]


def shards(cur) -> list[str]:
    """A cluster's partitions of ``paragraphs`` (one foreign table on each shard): a query
    on each, not on their parent, has its ``ORDER BY``, ``LIMIT`` and ``count(*)`` run on
    the shard (``postgres_fdw`` sends them only for a table of its own), so a shard sends
    its best rows and its count instead of every match."""
    return [f"{SCHEMA}.{name}" for (name,) in cur.execute(
        "SELECT c.relname FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid "
        "WHERE i.inhparent = %s::regclass ORDER BY c.relname",
        [f"{SCHEMA}.paragraphs"]).fetchall()]


# -- did you mean ------------------------------------------------------------------------------

_WORD = re.compile(TOKEN_PATTERN)


def suggestions(conn, tree, query: str) -> list[str]:
    """The query with each unknown word of paragraph text replaced by its best correction.

    ``tree`` is the parsed query before stemming (:func:`parse`): its words as typed, folded.
    A word is unknown when neither of its stems is an index term."""
    words = [leaf.text for leaf, positive in leaves(tree)
             if isinstance(leaf, Term) and leaf.field == "text"]
    if not words or max(len(w) for w in words) < SUGGEST_MIN_LETTERS:
        return []
    stems = {w: query_stems(w) for w in words}
    known = {t for (t,) in conn.execute(
        f"SELECT term FROM {SCHEMA}.terms WHERE field = 'text' AND term = ANY(%s)",
        [sorted({s for pair in stems.values() for s in pair})]).fetchall()}
    corrected = query
    changed = False
    for word in dict.fromkeys(words):
        if known.intersection(stems[word]) or len(word) < SUGGEST_MIN_LETTERS:
            continue
        best = _correction(conn, word)
        if best is None:
            continue
        corrected, n = _replace_word(corrected, word, best)
        changed = changed or n > 0
    return [corrected] if changed and corrected != query else []


def _correction(conn, word: str) -> str | None:
    maxdist = 1 if len(word) <= 5 else 2
    start = word[:SUGGEST_PREFIX]
    rows = conn.execute(
        f"SELECT term, df FROM {SCHEMA}.terms WHERE field = %s AND term LIKE %s "
        "AND length(term) BETWEEN %s AND %s",
        [SPELL, start.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%",
         len(word) - maxdist, len(word) + maxdist]).fetchall()
    best = None
    for term, df in rows:
        if term == word or term in QUERY_STOP_WORDS:
            continue  # a query of a stop word alone is refused: never offer one
        dist = edits(word, term, maxdist)
        if dist <= maxdist:
            key = (dist + 0.5 / max(df, 1), term)
            if best is None or key < best[0]:
                best = (key, term)
    return best[1] if best else None


def _replace_word(query: str, word: str, replacement: str) -> tuple[str, int]:
    """Replace the query's words that fold to ``word`` by ``replacement``."""
    from reader.search.postgresql.lexemes import tokens

    def swap(match: re.Match) -> str:
        found = [t for t, _p, _w in tokens(match.group(), language=QUERY)]
        return replacement if found == [word] else match.group()

    return _WORD.subn(swap, query)


__all__ = ["QueryError", "add_suggestions", "highlight_offsets", "run", "start", "suggestions",
           "tree_of"]
