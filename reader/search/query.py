"""The reader's query language, checked before any engine sees it.

Words (all must match), ``"phrases"``, ``OR``, ``NOT``/``-word``, ``(...)``, ``prefix*``,
``word~`` (fuzzy), and the fields ``title:``, ``outlet:`` (also ``source:``), ``speaker:``,
``quote:`` (``doc:`` too, for one article), and the filters of :mod:`reader.search.fields`
(``date:``, ``lang:``, the corpus's own columns). Every backend parses the same language; this
module finds the faults a user can make so each gets the same one-line explanation whatever the
engine.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from reader.errors import QueryError
from reader.search.fields import DATE, LANG, date_bounds, known_fields

FIELDS = {"text": "text", "title": "title", "source": "source", "outlet": "source",
          "speaker": "speaker", "quote": "quote", "doc": "doc", DATE: DATE, LANG: LANG}
MAX_QUERY_CHARS = 1000
EXAMPLES = {DATE: "2025-11", LANG: "en", "doc": "ARTICLE_ID", "source": "kompas",
            "outlet": "kompas"}  # what each field takes, in its message
MAX_FUZZY_DISTANCE = 2  # word~N asks for N edits; more than two matches noise and costs minutes
OPERATORS = frozenset({"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"})
FIELD_TOKEN = re.compile(r"(?<![\w\"])([^\W\d]\w*):(\S*)")
# "OR -x", "ANDMAYBE +x", "ANDNOT NOT x": an operator and a sign (or NOT) on one word mean
# nothing clear and, chained, failed Whoosh's parser; "AND -x" is "-x", "AND NOT x" is "NOT x"
SIGNED_OPERAND = re.compile(r"(?:^|[\s(])(?:(OR|NOT|ANDNOT|ANDMAYBE)\s+([+-])(?=[^\s)])"
                            r"|(ANDNOT|ANDMAYBE)\s+(NOT)(?=\s))")


def check_query(query: str, extra: Iterable[str] = ()) -> str:
    """Return the query cleaned of controls, or raise :class:`QueryError` explaining the fault.
    ``extra`` are the corpus's own field names (:func:`reader.search.fields.field_key`)."""
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
    outside = re.sub(r'"[^"]*"', '"phrase" ', query)
    words = outside.replace("(", " ").replace(")", " ").split()
    if words and (words[0] in OPERATORS - {"NOT"} or words[-1] in OPERATORS):
        raise QueryError(f"'{words[0] if words[0] in OPERATORS else words[-1]}' needs a word "
                         "on each side")
    if words and all(w in OPERATORS for w in words):
        raise QueryError("the query has operators but no words")
    signed = SIGNED_OPERAND.search(outside)
    if signed:
        op, sign = signed.group(1) or signed.group(3), signed.group(2) or signed.group(4) + " "
        raise QueryError(f"'{op} {sign}…': {op} takes a word, not {sign}word; write "
                         f"'{op} word', or '{sign}word' alone")
    extra = frozenset(extra)
    for match in FIELD_TOKEN.finditer(outside):
        name, value = match.group(1), match.group(2)
        lower = name.lower()
        if lower not in FIELDS and lower not in extra:
            raise QueryError(f"unknown field '{name}:' (fields: "
                             f"{', '.join(known_fields(extra))})")
        if not value:
            example = EXAMPLES.get(lower, "Tokayev")
            raise QueryError(f"'{name}:' needs a word after it, e.g. {name}:{example}")
        inner = FIELD_TOKEN.match(value.lstrip("(+-"))
        if inner and (inner.group(1).lower() in FIELDS or inner.group(1).lower() in extra):
            raise QueryError(f"'{name}:' takes a word, not another field "
                             f"('{inner.group(1)}:')")  # short: three lines at 80 columns
        if lower == DATE:
            date_bounds(value.rstrip(")"))
        elif (lower == LANG or lower in extra) and value[0] not in '("':
            if "~" in value or "?" in value or "*" in value.rstrip(")")[:-1]:
                raise QueryError(f"'{name}:' takes words, phrases and prefixes (word*), "
                                 "not fuzzy words or wildcards")
    if re.search(r"(?:^|[\s:(])[*?][*?:]*(?:[\s)]|$)", outside):
        raise QueryError("a wildcard needs at least one letter before it, e.g. Kaz*")
    return query


def canonical_fields(query: str, extra_prefix: str = "") -> str:
    """Field names as an engine knows them: lower case (``Title:`` is ``title:``),
    ``outlet:`` as ``source:``, an extra field with ``extra_prefix`` (``x_kategori:``)."""
    def name(match: re.Match) -> str:
        lower = match.group(1).lower()
        return f"{FIELDS.get(lower) or extra_prefix + lower}:{match.group(2)}"

    return FIELD_TOKEN.sub(name, query)
