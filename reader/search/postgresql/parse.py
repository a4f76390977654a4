"""The reader's query language, parsed without any search engine.

The same language the Whoosh index reads (README, "Searching"), with the same precedence and
the same analysis of words, so another engine can match the same paragraphs: words (all must
match), ``"phrases"`` (``"…"~N`` for N words apart), ``OR``, ``AND``, ``NOT``, ``ANDNOT``,
``ANDMAYBE``, ``-word`` and ``+word``, ``(…)``, ``prefix*``, wildcards ``?``/``*``, ``word~``,
``word~N`` and ``word~N/P`` (fuzzy, at most N edits, the first P letters kept), ``word^2``
(boost) and the fields ``title:``, ``outlet:`` (``source:``), ``speaker:``, ``quote:``,
``doc:``, and the filters of :mod:`reader.search.fields`: ``date:`` (a :class:`DayRange`),
``lang:`` and the corpus's own fields (words under field ``extra`` as ``key=word``).

Precedence, tightest first: ``NOT``, ``AND``, ``OR``, ``ANDNOT``, ``ANDMAYBE``, then what is
left side by side is ANDed. ``-word``/``+word`` apply to the whole query: ``a -b c`` is "a and
c, not b", ``+a b`` is "a, ranked higher with b"; in parentheses, to what the parentheses
hold. Words are analysed like the indexed field (folded, stop words of both languages
dropped; stemmed afterwards in each language by :mod:`.languages`, so ``gabung`` and
``bergabung`` are one term); a word that analyses to several terms (``Kassym-Jomart``,
``U.S.``) needs them all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.errors import QueryError
from reader.language.analysis import QUERY
from reader.search.fields import DATE, EXTRA_PREFIX, LANG, date_bounds, language
from reader.search.postgresql.documents import EXTRA, FIELDS, extra_lexeme
from reader.search.postgresql.lexemes import tokens
from reader.search.postgresql.nodes import (  # noqa: F401  (the tree, named from here too)
    EXPANDING,
    And,
    AndMaybe,
    AndNot,
    DayRange,
    Fuzzy,
    Leaf,
    Not,
    Or,
    Phrase,
    Prefix,
    Term,
    Wildcard,
)
from reader.search.query import FIELDS as QUERY_FIELDS
from reader.search.query import check_query

FIELD_NAMES = {"text", "title", "source", "speaker", "quote", "doc", DATE, LANG}
STEMMED = {name: stemming for name, stemming in FIELDS}
_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}


# -- checking ----------------------------------------------------------------------------------

def check(query: str, extra=()) -> str:
    """The query without control characters, or :class:`QueryError` naming what is wrong: the
    same check, and the same messages, as every backend (:mod:`reader.search.query`)."""
    return check_query(query, extra)


# -- reading -----------------------------------------------------------------------------------

_LEX = re.compile(r"""
    (?P<space>\s+)
  | (?P<open>\()
  | (?P<close>\))
  | (?P<phrase>"(?P<ptext>[^"]*)"(?:~(?P<slop>[1-9][0-9]*))?(?:\^(?P<pboost>[0-9]*(?:\.[0-9]+)?))?)
  | (?P<field>(?P<fname>\w+):(?=[^\s]))
  | (?P<mark>(?<![^\s(])[+-](?=\S))
  | (?P<word>[^\s()"]+)
""", re.VERBOSE)
_FUZZY = re.compile(r"(?<=\S)~(?P<maxdist>[0-9])?(?:/(?P<prefix>[1-9][0-9]*))?$")
_BOOST = re.compile(r"\^(?P<boost>[0-9]*(?:\.[0-9]+)?)$")


@dataclass
class _Op:
    name: str  # AND OR NOT ANDNOT ANDMAYBE PLUS MINUS


@dataclass
class _Group:
    items: list
    field: str | None = None


def parse(query: str, default_field: str = "text", extra=()):
    """The tree of a checked query; :class:`QueryError` when nothing searchable is left.
    ``extra`` are the corpus's own field names."""
    extra = frozenset(extra)
    group = _read(check(query, extra), extra)
    tree = _top(group, default_field)
    if tree is None:
        raise QueryError("the query has only common words (such as 'yang', 'dan'); add another")
    return tree


def _read(query: str, extra=frozenset()) -> _Group:
    stack = [_Group([])]
    field = None
    previous_space = True
    for match in _LEX.finditer(query):
        kind = match.lastgroup
        text = match.group()
        if kind == "space":
            previous_space = True
            continue
        current = stack[-1]
        if kind in ("open", "close"):
            field = None if kind == "close" else field
        if kind == "open":
            group = _Group([], field)
            field = None
            current.items.append(group)
            stack.append(group)
        elif kind == "close":
            if len(stack) > 1:
                stack.pop()
            previous_space = True  # NOT may follow a parenthesis
            continue
        elif kind == "phrase":
            boost = float(match.group("pboost")) if match.group("pboost") else 1.0
            current.items.append(("phrase", field, match.group("ptext"),
                                  int(match.group("slop") or 1), boost))
            field = None
        elif kind == "field":
            name = match.group("fname").lower()
            if name in FIELD_NAMES or name in QUERY_FIELDS:
                field = QUERY_FIELDS.get(name, name)
            elif name in extra:
                field = EXTRA_PREFIX + name
            else:  # not a field after all (12:30): its name is a word
                current.items.append(("word", field, match.group("fname")))
                field = None
        elif kind == "mark" and field is None:
            current.items.append(_Op("PLUS" if text == "+" else "MINUS"))
        else:
            spaced_after = match.end() < len(query) and query[match.end()].isspace()
            if (text in _OPERATORS and field is None and spaced_after and (
                    previous_space if text == "NOT" else _space_before(query, match.start()))):
                current.items.append(_Op(text))
            else:
                current.items.append(("word", field, text))
            field = None
        previous_space = kind == "open"
    return stack[0]


def _space_before(query: str, start: int) -> bool:
    return start > 0 and query[start - 1].isspace()


def _top(group: _Group, default: str):
    """The whole query (see :func:`_signed`). A query of nothing but a group of ``-word``
    excludes from nothing, as ``-word`` alone does."""
    node = _signed(group.items, default)
    lone = [item for item in group.items if not isinstance(item, _Op)]
    if isinstance(node, Not) and len(lone) == 1 and isinstance(lone[0], _Group) and any(
            isinstance(i, _Op) and i.name in ("PLUS", "MINUS") for i in lone[0].items):
        return None
    return node


def _signed(items: list, default: str, nested: bool = False):
    """``+``/``-`` sort a group into required, optional, banned; a group in parentheses of
    nothing but ``-word`` (``Tokayev (-Rubio)``) excludes them from what surrounds it."""
    required, optional, banned = [], [], []
    target = optional
    for item in items:
        if isinstance(item, _Op) and item.name in ("PLUS", "MINUS"):
            target = required if item.name == "PLUS" else banned
            continue
        target.append(item)
        target = optional
    node = _combine(optional, default)
    if required:
        must = _combine(required, default)
        node = must if node is None else (None if must is None else AndMaybe(must, node))
    if banned:
        negative = _or([_item(b, default) for b in banned])
        if negative is not None and node is not None:
            node = AndNot(node, negative)
        elif negative is not None and nested and not optional and not required:
            node = Not(negative)
    return node


def _combine(items: list, default: str):
    """Operators by precedence (NOT, AND, OR, ANDNOT, ANDMAYBE), the rest ANDed."""
    nodes: list = [it if isinstance(it, _Op) else ("node", _item(it, default)) for it in items]
    nodes = _prefix_not(nodes)
    for name in ("AND", "OR", "ANDNOT", "ANDMAYBE"):
        nodes = _infix(nodes, (name,))
    parts = [n[1] for n in nodes if not isinstance(n, _Op)]
    return _and(parts)


def _infix(nodes: list, names: tuple[str, ...]) -> list:
    out: list = []
    i = 0
    while i < len(nodes):
        node = nodes[i]
        if isinstance(node, _Op) and node.name in names and out and not isinstance(
                out[-1], _Op) and i + 1 < len(nodes) and not isinstance(nodes[i + 1], _Op):
            left, right = out.pop()[1], nodes[i + 1][1]
            out.append(("node", _join(node.name, left, right)))
            i += 2
            continue
        if isinstance(node, _Op) and node.name in names:
            i += 1  # an operator without a word on one side is dropped, as Whoosh does
            continue
        out.append(node)
        i += 1
    return out


def _join(name: str, left, right):
    if name == "AND":
        return _and([left, right])
    if name == "OR":
        return _or([left, right])
    if left is None or right is None:
        return left
    return AndNot(left, right) if name == "ANDNOT" else AndMaybe(left, right)


def _prefix_not(nodes: list) -> list:
    out: list = []
    i = 0
    while i < len(nodes):
        node = nodes[i]
        if isinstance(node, _Op) and node.name == "NOT":
            negate = True
            j = i + 1
            while j < len(nodes) and isinstance(nodes[j], _Op) and nodes[j].name == "NOT":
                negate = not negate
                j += 1
            if j < len(nodes) and not isinstance(nodes[j], _Op):
                inner = nodes[j][1]
                out.append(("node", (Not(inner) if inner is not None else None)
                            if negate else inner))
                i = j + 1
                continue
            i = j
            continue
        out.append(node)
        i += 1
    return out


def _and(parts: list):
    flat = []
    for part in parts:
        if part is None:
            continue
        flat.extend(part.items if isinstance(part, And) else (part,))
    flat = list(dict.fromkeys(flat))  # a repeated word counts once
    if not flat:
        return None
    return flat[0] if len(flat) == 1 else And(tuple(flat))


def _or(parts: list):
    flat = []
    for part in parts:
        if part is None:
            continue
        flat.extend(part.items if isinstance(part, Or) else (part,))
    flat = list(dict.fromkeys(flat))  # a repeated word counts once
    if not flat:
        return None
    return flat[0] if len(flat) == 1 else Or(tuple(flat))


def _item(item, default: str):
    if isinstance(item, _Group):
        items = item.items if item.field is None else [
            _with_field(i, item.field) for i in item.items]
        if any(isinstance(i, _Op) and i.name in ("PLUS", "MINUS") for i in items):
            return _signed(items, item.field or default, nested=True)  # -word in parentheses
        return _combine(items, item.field or default)
    kind, field, text, *rest = item
    field = field or default
    if field == DATE:
        return DayRange(*date_bounds(text))
    if kind == "phrase":
        slop, boost = rest
        words = _analyse(field, text)
        field = _stored(field)
        if not words:
            return None
        if len(words) == 1:
            return Term(field, words[0], boost)
        return Phrase(field, tuple(words), slop, boost)
    return _word(field, text)


def _stored(field: str) -> str:
    """Where a field's words are: an extra field's in ``extra`` (as ``key=word``)."""
    return EXTRA if field.startswith(EXTRA_PREFIX) else field


def _with_field(item, field: str):
    if isinstance(item, tuple) and item[1] is None:
        return (item[0], field, *item[2:])
    if isinstance(item, _Group) and item.field is None:
        return _Group(item.items, field)
    return item


def _analyse(field: str, text: str, stop_words: bool = True) -> list[str]:
    if field == "doc":
        return [text] if text else []
    if field == LANG:
        return [language(text)] if language(text) else []
    if field.startswith(EXTRA_PREFIX):
        key = field[len(EXTRA_PREFIX):]
        return [extra_lexeme(key, term) for term, _pos, _word in tokens(text, False)]
    stemming = STEMMED.get(field, True)
    if stemming and not stop_words:
        return [term for term, _pos, _word in tokens(text, True, keep_stop_words=True)]
    if stemming:  # folded words, stemmed in each language afterwards (see .languages)
        return [term for term, _pos, _word in tokens(text, True, language=QUERY)]
    return [term for term, _pos, _word in tokens(text, stemming)]


def _word(field: str, text: str):
    boost = 1.0
    match = _BOOST.search(text)
    if match and match.start() > 0:
        boost = float(match.group("boost")) if match.group("boost") else 1.0
        text = text[:match.start()]
    fuzzy = _FUZZY.search(text)
    if fuzzy:
        maxdist = int(fuzzy.group("maxdist")) if fuzzy.group("maxdist") else 1
        prefix = int(fuzzy.group("prefix")) if fuzzy.group("prefix") else 0
        words = _analyse(field, text[:fuzzy.start()], stop_words=False)
        return _and([Fuzzy(field, w, maxdist, prefix, boost) for w in words])
    if "*" in text or "?" in text:
        return _pattern(field, text, boost)
    words = _analyse(field, text)
    return _and([Term(_stored(field), w, boost) for w in words])


def _pattern(field: str, text: str, boost: float):
    """``Tokay*`` is a prefix; anything else with ``*`` or ``?`` a wildcard. The text is
    folded (and stemmed, when it is a plain word) like an indexed word, but not split into
    words: only a hyphen splits it, as in the index."""
    is_prefix = text.endswith("*") and text.count("*") == 1 and "?" not in text and len(
        text) > 1
    body = text[:-1] if is_prefix else text
    parts = body.split("-") if "-" in body and not _reduplication(body) else [body]
    out = []
    for part in parts:
        if not part:
            continue
        folded = _fold_pattern(field, part)
        if field == LANG or field.startswith(EXTRA_PREFIX):  # a filter: prefixes only
            out.append(Prefix(_stored(field), _analyse(field, folded)[0] if _analyse(
                field, folded) else folded, boost))
            continue
        if is_prefix:
            out.append(Prefix(field, folded, boost))
        elif "*" in folded or "?" in folded:
            out.append(Wildcard(field, folded, boost))
        else:
            out.append(Term(field, folded, boost))
    return _and(out)


def _reduplication(word: str) -> bool:
    from reader.language.analysis import _is_reduplication

    return _is_reduplication(word)


def _fold_pattern(field: str, text: str) -> str:
    if field == "doc":
        return text
    from reader.language.analysis import _cached_stem
    from reader.search.postgresql.lexemes import _fold

    folded = _fold(text)
    if field == LANG or field.startswith(EXTRA_PREFIX):
        return folded
    return _cached_stem(folded) if STEMMED.get(field, True) else folded


def leaves(node, positive: bool = True):
    """``(leaf, positive)`` of every word, phrase and pattern of the tree; ``positive`` is
    False under a NOT (those words are excluded, never scored or highlighted)."""
    if isinstance(node, (And, Or)):
        for item in node.items:
            yield from leaves(item, positive)
    elif isinstance(node, Not):
        yield from leaves(node.item, not positive)
    elif isinstance(node, AndNot):
        yield from leaves(node.positive, positive)
        yield from leaves(node.negative, not positive)
    elif isinstance(node, AndMaybe):
        yield from leaves(node.required, positive)
        yield from leaves(node.optional, positive)
    elif node is not None:
        yield node, positive
