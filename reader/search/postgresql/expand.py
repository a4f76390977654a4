"""Prefixes, wildcards and fuzzy words become the index words they stand for, as in the Whoosh
index: a prefix or wildcard every word it matches (up to 100,000), a fuzzy word at most 512
(sharing its first letter, at most two edits away), the most frequent first, and the answer
says ``partial`` when some were left out.

Words come from the ``terms`` table: a prefix is a range scan of its primary key (the ``C``
collation keeps it a plain byte range), a wildcard a ``LIKE`` over its literal start, and a
fuzzy word a ``pg_trgm`` similarity search whose threshold is low enough for every word within
the allowed edits (one edit changes at most four trigrams: a swap of neighbours), narrowed by
``levenshtein_less_equal`` (a swap is two of its edits) and checked exactly with the reader's
own edit distance (:func:`reader.language.edits.edits`, the Whoosh index's); words too short
for trigrams to help are scanned by length.
"""

from __future__ import annotations

import re

from reader.language.analysis import ENGLISH_MARK
from reader.language.edits import edits
from reader.search.postgresql.parse import And, AndMaybe, AndNot, Fuzzy, Not, Or, Prefix, Wildcard
from reader.search.postgresql.parse import Term as TermNode
from reader.search.postgresql.schema import SCHEMA
from reader.search.postgresql.translate import NOTHING
from reader.search.query import MAX_FUZZY_DISTANCE

MAX_EXPANSION = 512  # words a fuzzy word may stand for
MAX_PREFIX_EXPANSION = 100_000  # words a prefix or wildcard may stand for (the Whoosh cap)


def cap(node) -> int:
    return MAX_PREFIX_EXPANSION if isinstance(node, (Prefix, Wildcard)) else MAX_EXPANSION


def _like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def _upper_bound(prefix: str) -> str | None:
    """The smallest string after every string starting with ``prefix`` (byte order)."""
    data = prefix.encode("utf-8")
    while data and data[-1] == 0xFF:
        data = data[:-1]
    if not data:
        return None
    bumped = data[:-1] + bytes([data[-1] + 1])
    return bumped.decode("utf-8", "replace")


def words_for(cursor, node) -> tuple[list[str], bool]:
    """The index words ``node`` stands for, and whether its cap left some out."""
    limit = cap(node)
    table = f"{SCHEMA}.terms"
    if isinstance(node, Prefix):
        upper = _upper_bound(node.text)
        sql = (f"SELECT term FROM {table} WHERE field = %s AND term >= %s"
               + (" AND term < %s" if upper else "") + " ORDER BY df DESC, term DESC LIMIT %s")
        params = [node.field, node.text, *([upper] if upper else []), limit + 1]
    elif isinstance(node, Wildcard):
        literal = re.split(r"[*?]", node.pattern, maxsplit=1)[0]
        like = _like(node.pattern).replace("*", "%").replace("?", "_")
        upper = _upper_bound(literal) if literal else None
        sql = (f"SELECT term FROM {table} WHERE field = %s AND term >= %s"
               + (" AND term < %s" if upper else "")
               + " AND term LIKE %s ORDER BY df DESC, term DESC LIMIT %s")
        params = [node.field, literal, *([upper] if upper else []), like, limit + 1]
    else:
        return _fuzzy(cursor, node, limit)
    found = [row[0] for row in cursor.execute(sql, params).fetchall()]
    return found[:limit], len(found) > limit


def _fuzzy(cursor, node: Fuzzy, limit: int) -> tuple[list[str], bool]:
    """The words within ``node``'s edits (at most ``MAX_FUZZY_DISTANCE``: more would match
    noise, and the answer is then cut) that share its first letter (or its longer kept
    prefix), as the Whoosh index expands them: a swap of neighbouring letters is one edit
    (``Tokayve~`` reaches ``Tokayev``), where the server's Levenshtein distance counts two.

    One edit: the words within one Levenshtein edit, and the word's swaps looked up as they
    are. Two: the server's distance (four, for two swaps) and a looser trigram threshold
    only narrow the candidates, and :func:`.edits` decides."""
    text = node.text
    distance = min(node.maxdist, MAX_FUZZY_DISTANCE)
    capped = distance < node.maxdist
    if distance == 0:
        return [text], capped
    kept = max(1, node.prefixlength)
    swaps = [] if distance > 1 else _swaps(text, kept)
    wide = 1 if distance == 1 else 2  # server edits a swap costs, and trigrams: 3 or 4
    size = len(text)
    trigrams = size + 1  # pg_trgm pads a word with two spaces before and one after
    shared = trigrams - (2 + wide) * distance  # trigrams an edit can change: 3, a swap 4
    plain = re.fullmatch(r"[0-9a-z]+", text) is not None
    params: list = [node.field, size - distance, size + distance]
    near = "length(term) BETWEEN %s AND %s"
    threshold = None
    if plain and shared >= 2:
        threshold = shared / (trigrams + (3 + wide) * distance) * 0.95
        near += " AND term %% %s"
        params.append(text)
    near += " AND left(term, %s) = %s AND levenshtein_less_equal(term, %s, %s) <= %s"
    params += [kept, text[:kept], text, wide * distance, wide * distance]
    sql = f"SELECT term FROM {SCHEMA}.terms WHERE field = %s AND (({near})"
    if swaps:
        sql += " OR term = ANY(%s)"
        params.append(swaps)
    sql += ") ORDER BY df DESC, term DESC"
    if threshold is not None:
        cursor.execute("SELECT set_config('pg_trgm.similarity_threshold', %s, true)",
                       [f"{threshold:.4f}"])
    found: list[str] = []
    for (term,) in cursor.execute(sql, params):
        if wide == 1 or edits(text, term, distance) <= distance:
            found.append(term)
            if len(found) > limit:
                break
    return found[:limit], capped or len(found) > limit


def _swaps(text: str, kept: int) -> list[str]:
    """``text`` with two neighbouring letters swapped, each way that keeps its first
    ``kept`` letters."""
    return [text[:i] + text[i + 1] + text[i] + text[i + 2:]
            for i in range(kept, len(text) - 1) if text[i] != text[i + 1]]


def expand(cursor, node, cache: dict) -> tuple[object, bool]:
    """``node`` with every prefix, wildcard and fuzzy word replaced by an OR of its words."""
    cut = [False]

    def visit(n):
        if isinstance(n, (Prefix, Wildcard)) and n.field in ("doc", "lang", "extra"):
            return n
        if isinstance(n, (Prefix, Wildcard, Fuzzy)):
            key = n
            if key not in cache:
                cache[key] = words_for(cursor, n)
                if len(cache) > 256:
                    cache.pop(next(iter(cache)))
            words, truncated = cache[key]
            words = [w for w in words if w != ENGLISH_MARK]  # a language, not a word
            cut[0] = cut[0] or truncated
            if not words:
                return NOTHING
            terms = tuple(TermNode(n.field, w, n.boost) for w in words)
            return terms[0] if len(terms) == 1 else Or(terms)
        if isinstance(n, And):
            return And(tuple(visit(i) for i in n.items))
        if isinstance(n, Or):
            return Or(tuple(visit(i) for i in n.items))
        if isinstance(n, Not):
            return Not(visit(n.item))
        if isinstance(n, AndNot):
            return AndNot(visit(n.positive), visit(n.negative))
        if isinstance(n, AndMaybe):
            return AndMaybe(visit(n.required), visit(n.optional))
        return n

    return visit(node), cut[0]
