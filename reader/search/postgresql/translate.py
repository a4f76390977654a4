"""A parsed query (:mod:`.parse`) as SQL: which paragraphs match, and their BM25F score.

Matching: every part of the tree that names one field becomes one ``tsquery`` on that field's
``tsvector`` column (``&``, ``|``, ``!``, ``<->`` for phrases), so the GIN index answers it;
parts over several fields are joined with SQL's AND, OR and NOT. Prefixes, wildcards and fuzzy
words are replaced beforehand by the index words they stand for (:mod:`.expand`).

Scoring: BM25F as Whoosh computes it, from the statistics the index stores, ``idf =
ln(N / (df + 1)) + 1`` and ``idf * tf * (K1 + 1) / (tf + K1 * (1 - B + B * len / avglen))``
for every word of the query found in the paragraph's field, summed (a phrase scores as its
words, an excluded word not at all). The constants are computed here and written into the
SQL, so a coordinator can ship the whole expression to its shards.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from reader.language.analysis import ENGLISH_MARK
from reader.search.postgresql.parse import (
    And,
    AndMaybe,
    AndNot,
    DayRange,
    Fuzzy,
    Not,
    Or,
    Phrase,
    Prefix,
    Term,
    Wildcard,
)

FILTERS = ("extra", "lang")  # fields that filter and never score (see reader.search.fields)
B = 0.75
K1 = 1.2
MAX_SLOP_VARIANTS = 64  # a sloppy phrase is an OR of exact ones; past this, words in order


@dataclass(frozen=True)
class Nothing:
    """A part that matches no paragraph (a prefix no index word starts with)."""


NOTHING = Nothing()


@dataclass
class Statistics:
    """What BM25F needs of the whole index: paragraph count and each field's total length."""

    paragraphs: int
    lengths: dict[str, int]
    df: dict[tuple[str, str], int] = field(default_factory=dict)
    blocked: set[tuple[int, str]] = field(default_factory=set)  # (field code, term): blocks

    def idf(self, fieldname: str, term: str) -> float:
        n = self.df.get((fieldname, term), 0)
        return math.log(max(self.paragraphs, 1) / (n + 1)) + 1

    def avg_length(self, fieldname: str) -> float:
        return (self.lengths.get(fieldname, 0) / self.paragraphs) if self.paragraphs else 1.0


@dataclass
class Sql:
    """A fragment of SQL and its parameters, in order."""

    text: str
    params: list = field(default_factory=list)


def simplify(node):
    """Drop parts that can match nothing, as an index without the word would."""
    if isinstance(node, And):
        items = [simplify(i) for i in node.items]
        if any(i is NOTHING for i in items):
            return NOTHING
        return items[0] if len(items) == 1 else And(tuple(items))
    if isinstance(node, Or):
        items = [i for i in (simplify(i) for i in node.items) if i is not NOTHING]
        if not items:
            return NOTHING
        return items[0] if len(items) == 1 else Or(tuple(items))
    if isinstance(node, Not):
        inner = simplify(node.item)
        return Not(inner)
    if isinstance(node, AndNot):
        positive, negative = simplify(node.positive), simplify(node.negative)
        if positive is NOTHING:
            return NOTHING
        return positive if negative is NOTHING else AndNot(positive, negative)
    if isinstance(node, AndMaybe):
        required, optional = simplify(node.required), simplify(node.optional)
        if required is NOTHING:
            return NOTHING
        return required if optional is NOTHING else AndMaybe(required, optional)
    return node


# -- matching ----------------------------------------------------------------------------------

def _lexeme(term: str) -> str:
    return "'" + term.replace("\\", "\\\\").replace("'", "''") + "'"


def _single_field(node) -> str | None:
    """The one field every word of ``node`` is in, or None."""
    if isinstance(node, (Term, Phrase)):
        return node.field if node.field not in ("doc", "lang") else None
    if isinstance(node, Not):
        return _single_field(node.item)
    if isinstance(node, (And, Or)):
        fields = {_single_field(i) for i in node.items}
        return fields.pop() if len(fields) == 1 else None
    if isinstance(node, AndNot):
        a, b = _single_field(node.positive), _single_field(node.negative)
        return a if a == b else None
    if isinstance(node, AndMaybe):
        return _single_field(node.required)
    return None


def tsquery(node) -> str:
    """The ``tsquery`` text of a part that is all in one field."""
    if isinstance(node, Term):
        return _lexeme(node.text)
    if isinstance(node, Phrase):
        return _phrase(node)
    if isinstance(node, Not):
        return f"!({tsquery(node.item)})"
    if isinstance(node, And):
        return " & ".join(f"({tsquery(i)})" for i in node.items)
    if isinstance(node, Or):
        return " | ".join(f"({tsquery(i)})" for i in node.items)
    if isinstance(node, AndNot):
        return f"({tsquery(node.positive)}) & !({tsquery(node.negative)})"
    if isinstance(node, AndMaybe):
        return tsquery(node.required)
    raise TypeError(f"not a one-field query part: {node!r}")


def _phrase(node: Phrase) -> str:
    words = [_lexeme(w) for w in node.words]
    gaps = len(words) - 1
    if node.slop <= 1 or node.slop ** gaps > MAX_SLOP_VARIANTS:
        return " <-> ".join(words)
    variants = [[]]
    for _ in range(gaps):
        variants = [v + [d] for v in variants for d in range(1, node.slop + 1)]
    out = []
    for distances in variants:
        text = words[0]
        for word, distance in zip(words[1:], distances, strict=True):
            text += f" <{distance}> {word}"
        out.append(f"({text})")
    return " | ".join(out)


def where(node) -> Sql:
    """The SQL condition of paragraphs matching ``node``."""
    if node is NOTHING:
        return Sql("false")
    one = _single_field(node)
    if one is not None:
        if isinstance(node, Not):  # "!x" alone cannot use the index; NOT (x) can be planned
            inner = where(node.item)
            return Sql(f"NOT ({inner.text})", inner.params)
        return Sql(f"{one}_tsv @@ %s::tsquery", [tsquery(node)])
    if isinstance(node, (Term, Prefix)) and node.field == "doc":
        if isinstance(node, Prefix):
            return Sql("doc LIKE %s", [_like(node.text) + "%"])
        return Sql("doc = %s", [node.text])
    if isinstance(node, DayRange):
        parts = ([("date >= %s", node.low)] if node.low else []) + (
            [("date <= %s", node.high)] if node.high else [])
        # coalesce: an undated article is outside every range, so NOT keeps it
        return Sql(f"coalesce({' AND '.join(p for p, _ in parts)}, false)",
                   [v for _, v in parts])
    if isinstance(node, Term) and node.field == "lang":
        return Sql("coalesce(lang = %s, false)", [node.text])
    if isinstance(node, Prefix) and node.field == "lang":
        return Sql("coalesce(lang LIKE %s, false)", [_like(node.text) + "%"])
    if isinstance(node, Prefix) and node.field == "extra":
        return Sql("extra_tsv @@ %s::tsquery", [_lexeme(node.text) + ":*"])
    if isinstance(node, Wildcard) and node.field == "doc":
        return Sql("doc LIKE %s", [_like(node.pattern).replace("*", "%").replace("?", "_")])
    if isinstance(node, (And, Or)):
        parts = [where(i) for i in node.items]
        joiner = " AND " if isinstance(node, And) else " OR "
        return Sql(joiner.join(f"({p.text})" for p in parts),
                   [x for p in parts for x in p.params])
    if isinstance(node, Not):
        inner = where(node.item)
        return Sql(f"NOT ({inner.text})", inner.params)
    if isinstance(node, AndNot):
        a, b = where(node.positive), where(node.negative)
        return Sql(f"({a.text}) AND NOT ({b.text})", a.params + b.params)
    if isinstance(node, AndMaybe):
        return where(node.required)
    raise TypeError(f"cannot match {node!r}")


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


# -- scoring -----------------------------------------------------------------------------------

def scored_terms(node, guards: tuple = ()):
    """``(field, term, boost, guards)`` of every word that adds to the score: the words of
    the query outside NOT, with phrases as their words. ``guards`` are the parts of the query
    that must match for the word to count, as in Whoosh, where an OR scores only its matching
    branches (a word in none is in every match, so its presence need not be tested row by
    row). The language mark (see :mod:`.languages`) only says where a stem may match."""
    if isinstance(node, Term):
        if node.field != "doc" and node.field not in FILTERS and node.text != ENGLISH_MARK:
            yield node.field, node.text, node.boost, guards
    elif isinstance(node, Phrase):
        if node.field in FILTERS:
            return
        for word in node.words:
            yield node.field, word, node.boost, guards
    elif isinstance(node, And):
        for item in node.items:
            yield from scored_terms(item, guards)
    elif isinstance(node, Or):
        for item in node.items:
            yield from scored_terms(item, guards + (item,) if len(node.items) > 1 else guards)
    elif isinstance(node, AndNot):
        yield from scored_terms(node.positive, guards)
    elif isinstance(node, AndMaybe):
        yield from scored_terms(node.required, guards)
        yield from scored_terms(node.optional, guards + (node.optional,))


MANY_WORDS = 32  # optional words of one field past which a row's own words are looked up


def score(node, stats: Statistics) -> Sql:
    """The BM25F score of a matching paragraph, as an SQL expression.

    A word that must match adds its part to every row. A word that counts only where it is
    found (a branch of an OR) is tested row by row, ``CASE WHEN`` its condition; when one
    field has more than ``MANY_WORDS`` of those whose condition is only that the word is there
    (``Al M*``: ``al`` and an OR of 4,825 words), the row's own words are looked up in a table
    of their weights instead (:func:`_present_words`): one look-up per word of the row, where
    thousands of conditions per row took minutes, and their sum, thousands of additions deep,
    overflowed the server's stack."""
    parts: list[Sql] = []
    present: dict[str, dict[str, float]] = {}  # field -> term -> weight, where found
    for fieldname, term, boost, guards in scored_terms(node):
        weight = stats.idf(fieldname, term) * boost * (K1 + 1)
        if guards and all(_found_with(g, fieldname, term) for g in guards):
            words = present.setdefault(fieldname, {})
            words[term] = words.get(term, 0.0) + weight
            continue
        expression = _part(fieldname, weight, stats)
        key = f"{fieldname}:{term}"
        if not guards:
            parts.append(Sql(expression, [key, key]))
        else:
            conditions = [where(guard) for guard in guards]
            parts.append(Sql(f"CASE WHEN {' AND '.join(f'({c.text})' for c in conditions)} "
                             f"THEN {expression} ELSE 0 END",
                             [*(p for c in conditions for p in c.params), key, key]))
    for fieldname, words in present.items():
        if len(words) > MANY_WORDS:
            parts.append(_present_words(fieldname, words, stats))
            continue
        for term, weight in words.items():
            key = f"{fieldname}:{term}"
            parts.append(Sql(f"CASE WHEN {fieldname}_tsv @@ %s::tsquery "
                             f"THEN {_part(fieldname, weight, stats)} ELSE 0 END",
                             [_lexeme(term), key, key]))
    if not parts:
        return Sql("0::real")
    return _sum(parts)


def _part(fieldname: str, weight: float, stats: Statistics) -> str:
    """One word's BM25F part (``weight`` holds its idf, boost and ``K1 + 1``); two
    parameters: the word's key in ``tf``, twice."""
    tf = "coalesce((tf->>%s)::real, 1)"
    return f"{weight!r} * {tf} / ({tf} + {_norm(fieldname, stats)})"


def _norm(fieldname: str, stats: Statistics) -> str:
    """BM25's length normalisation of a row's ``fieldname``, added to a word's count."""
    avg = stats.avg_length(fieldname) or 1.0
    return f"{K1 * (1 - B)!r} + {K1 * B / avg!r} * {fieldname}_len"


def _present_words(fieldname: str, words: dict[str, float], stats: Statistics) -> Sql:
    """The parts of ``words`` (term -> weight) that the row's ``fieldname`` holds, summed:
    each of the row's words looked up in the weights (a JSON object, parsed once)."""
    import orjson

    return Sql(
        f"(SELECT coalesce(sum(q.w * q.n / (q.n + {_norm(fieldname, stats)})), 0) FROM (SELECT "
        "(%s::jsonb ->> u.lexeme)::float8 AS w, coalesce((tf ->> (%s || u.lexeme))::real, 1) "
        f"AS n FROM unnest({fieldname}_tsv) AS u) AS q WHERE q.w IS NOT NULL)",
        [orjson.dumps(words).decode(), f"{fieldname}:"])


def _sum(parts: list[Sql]) -> Sql:
    """``parts`` added, nested as a balanced tree (a chain of thousands overflows the
    server's stack)."""
    if len(parts) == 1:
        return parts[0]
    middle = len(parts) // 2
    left, right = _sum(parts[:middle]), _sum(parts[middle:])
    return Sql(f"({left.text}) + ({right.text})", left.params + right.params)


def _found_with(guard, fieldname: str, term: str) -> bool:
    """Whether ``guard`` holds wherever ``term`` is in ``fieldname``: it is that word, or an
    OR with a branch that is."""
    if isinstance(guard, Term):
        return guard.field == fieldname and guard.text == term
    if isinstance(guard, Or):
        return any(_found_with(item, fieldname, term) for item in guard.items)
    return False


def highlight_words(node) -> set[str]:
    """The stems to mark in hit text: the words of the query's text and quote fields."""
    return {term for fieldname, term, _boost, _guards in scored_terms(node)
            if fieldname in ("text", "quote")}


def query_terms(node) -> set[tuple[str, str]]:
    """Every ``(field, term)`` the score needs a document frequency for."""
    return {(f, t) for f, t, _b, _r in scored_terms(node)}


__all__ = ["NOTHING", "Nothing", "Sql", "Statistics", "highlight_words", "query_terms", "score",
           "simplify", "tsquery", "where", "Fuzzy"]
