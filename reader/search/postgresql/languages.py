"""Query words in both languages, as the Whoosh backend makes them (its ``languages`` module).

A word of a stemmed field is its Indonesian stem, matched in Indonesian paragraphs, or its
English stem, matched in English paragraphs; equal stems (names, most words) are one term. The
English side needs the :data:`~reader.language.analysis.ENGLISH_MARK` lexeme every English
field carries (boost 0: it adds nothing to a score), the Indonesian side its absence::

    says  ->  (says AND NOT <en>) OR (say AND <en>^0)

The parser leaves query words folded and unstemmed, as Whoosh's does; :func:`both_languages`
stems them. Phrases likewise, word by word. :func:`sides` tells the highlighter which stems
belong to which language (``pers`` marks ``per`` in English text only).
"""

from __future__ import annotations

from reader.language.analysis import ENGLISH_MARK, query_stems
from reader.search.postgresql.parse import And, AndMaybe, AndNot, Not, Or, Phrase, Term

STEMMED_FIELDS = frozenset({"text", "title", "quote"})


def both_languages(node):
    """The parsed tree (query words folded, unstemmed) with every word and phrase of a stemmed
    field in both languages' stems."""
    if isinstance(node, Term) and node.field in STEMMED_FIELDS:
        return _word(node)
    if isinstance(node, Phrase) and node.field in STEMMED_FIELDS:
        return _phrase(node)
    if isinstance(node, And):
        return And(tuple(both_languages(i) for i in node.items))
    if isinstance(node, Or):
        return Or(tuple(both_languages(i) for i in node.items))
    if isinstance(node, Not):
        return Not(both_languages(node.item))
    if isinstance(node, AndNot):
        return AndNot(both_languages(node.positive), both_languages(node.negative))
    if isinstance(node, AndMaybe):
        return AndMaybe(both_languages(node.required), both_languages(node.optional))
    return node


def _word(node: Term):
    indonesian, english = query_stems(node.text)
    if indonesian == english:
        return Term(node.field, indonesian, node.boost)
    return _restricted(node.field, Term(node.field, indonesian, node.boost),
                       Term(node.field, english, node.boost))


def _phrase(node: Phrase):
    pairs = [query_stems(w) for w in node.words]
    indonesian = tuple(p[0] for p in pairs)
    english = tuple(p[1] for p in pairs)
    if indonesian == english:
        return Phrase(node.field, indonesian, node.slop, node.boost)
    return _restricted(node.field, Phrase(node.field, indonesian, node.slop, node.boost),
                       Phrase(node.field, english, node.slop, node.boost))


def _restricted(field: str, indonesian, english):
    return Or((AndNot(indonesian, Term(field, ENGLISH_MARK)),
               And((english, Term(field, ENGLISH_MARK, 0.0)))))


def is_mark(node) -> bool:
    return isinstance(node, Term) and node.text == ENGLISH_MARK


def sides(node, found: dict[str, list] | None = None) -> dict[str, list]:
    """The parts of ``node`` by the language they match in: ``"id"``, ``"en"``, ``"any"``."""
    found = found if found is not None else {"any": [], "id": [], "en": []}
    if isinstance(node, AndNot) and is_mark(node.negative):
        found["id"].append(node.positive)
    elif isinstance(node, And) and any(is_mark(i) for i in node.items):
        found["en"].extend(i for i in node.items if not is_mark(i))
    elif isinstance(node, (And, Or)):
        for item in node.items:
            sides(item, found)
    elif isinstance(node, AndNot):
        sides(node.positive, found)
        sides(node.negative, found)
    elif isinstance(node, AndMaybe):
        sides(node.required, found)
        sides(node.optional, found)
    elif isinstance(node, Not):
        sides(node.item, found)
    elif node is not None:
        found["any"].append(node)
    return found
