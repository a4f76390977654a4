"""Searching paragraphs: query parsing, ranking, highlight offsets, "did you mean", time budgets.

The query language is Whoosh's with the plugins a reader expects: words (all must match, BM25F),
``"phrases"``, ``OR``, ``NOT``/``-word``, ``(...)``, ``prefix*``, ``word~`` fuzzy and the fields
``title:``, ``source:``, ``speaker:``, ``quote:``. Queries are checked first so a malformed one
gets a one-line explanation instead of a silently odd result.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass

from whoosh import collectors
from whoosh.qparser import (
    FuzzyTermPlugin,
    GtLtPlugin,
    PlusMinusPlugin,
    QueryParser,
)
from whoosh.query import And, Every, NullQuery, Term

from reader.analysis import surface_tokens
from reader.records import Hit, SearchResult

FIELDS = {"text": "text", "title": "title", "source": "source", "speaker": "speaker",
          "quote": "quote", "doc": "doc"}
DEFAULT_LIMIT = 20
MAX_QUERY_CHARS = 1000
MAX_EXPANSION = 512  # terms a prefix, wildcard or fuzzy word may expand to
MIN_PREFIX = 1

_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}
_FIELD_TOKEN = re.compile(r"(?<![\w\"])([A-Za-z_]+):(\S*)")


class QueryError(ValueError):
    """A malformed query; the message is one line a user can act on."""


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
    """Cap how far prefixes, wildcards and fuzzy words expand, so no query shape blocks."""
    for sub in q.leaves() if hasattr(q, "leaves") else []:
        if hasattr(sub, "maxdist") and hasattr(sub, "prefixlength"):
            sub.prefixlength = max(getattr(sub, "prefixlength", 0), 1)
        if hasattr(sub, "max_terms"):
            sub.max_terms = MAX_EXPANSION
    return q


def run(searcher, parser: QueryParser, query: str, options: SearchOptions | None = None
        ) -> SearchResult:
    """Search paragraphs. Never raises for user input: errors come back in ``result.error``."""
    options = options or SearchOptions()
    started = time.perf_counter()
    result = SearchResult(query=query)
    try:
        checked = check_query(query)
        q = _bound(parse(parser, checked))
    except QueryError as exc:
        result.error = str(exc)
        return result
    filtered = And([q, Term("kind", "para")])
    limit = max(1, options.limit)
    collector = collectors.TopCollector(limit=limit)
    if options.time_budget is not None:
        timed = collectors.TimeLimitCollector(collector, timelimit=options.time_budget,
                                              use_alarm=False)
    else:
        timed = collector
    try:
        searcher.search_with_collector(filtered, timed)
    except collectors.TimeLimit:
        result.partial = True
    except Exception as exc:  # a query shape Whoosh cannot run is still the user's to fix
        result.error = f"cannot run the query ({_first_line(exc)})"
        return result
    hits = collector.results()
    result.total = len(hits)
    if len(hits) >= limit and not result.partial:
        result.total = count(searcher, filtered)
    words = _highlight_terms(q, searcher)
    for hit in hits:
        fields = hit.fields()
        text = fields.get("text", "")
        result.hits.append(Hit(
            doc=fields["doc"], para=fields["para"], title=fields.get("title", ""),
            source=fields.get("source") or None, score=float(hit.score or 0.0), text=text,
            highlights=highlight_offsets(text, words), repeats=list(fields.get("repeats") or []),
        ))
    if not result.hits and options.suggest:
        result.suggestions = suggestions(searcher, q, checked)
    result.elapsed_ms = (time.perf_counter() - started) * 1000
    return result


def count(searcher, q) -> int:
    """How many paragraphs match, without scoring them (Whoosh's totals are estimates)."""
    try:
        return sum(1 for _ in q.matcher(searcher).all_ids())
    except Exception:
        return 0


def _highlight_terms(q, searcher) -> set[str]:
    """The stemmed words to mark in hit text: the query's own and what prefixes expanded to."""
    words: set[str] = set()
    try:
        found = q.existing_terms(searcher.reader(), phrases=True, expand=True)
    except Exception:
        found = set()
    for fieldname, value in found:
        if fieldname in ("text", "quote"):
            words.add(value.decode("utf-8") if isinstance(value, bytes) else str(value))
        if len(words) > 4 * MAX_EXPANSION:
            break
    if not words:
        for fieldname, value in q.iter_all_terms(phrases=True):
            if fieldname in ("text", "quote"):
                words.add(value.decode("utf-8") if isinstance(value, bytes) else str(value))
    return words


def highlight_offsets(text: str, words: set[str]) -> list[tuple[int, int]]:
    """Offsets of every word in ``text`` whose stem is one of ``words`` (its surface form)."""
    if not words:
        return []
    return [(start, end) for term, start, end in surface_tokens(text) if term in words]


def suggestions(searcher, q, query: str) -> list[str]:
    """Corrected queries for a query with no hits, from the unstemmed spelling of the index."""
    try:
        corrected = searcher.correct_query(q, query, prefix=1, maxdist=2)
    except Exception:
        return []
    if corrected.string and corrected.string != query:
        return [corrected.string]
    return []


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return (text.splitlines()[0] if text else type(exc).__name__)[:120]


__all__ = ["QueryError", "SearchOptions", "check_query", "make_parser", "parse", "run",
           "highlight_offsets", "suggestions"]
