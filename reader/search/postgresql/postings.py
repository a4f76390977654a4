"""An OR of words, or an AND of them, matched and scored from the postings index alone.

Most searches are a word, or what a prefix or a fuzzy word expands to: an OR of index words,
each restricted to the paragraphs of one language when its two languages' stems differ (see
:mod:`.languages`). Such a query matches exactly the paragraphs holding one of its words, and
scores each by the BM25F parts of the words it holds, so the ``postings`` index (field, term,
paragraph, count, field length, language) answers it without reading a paragraph row or a
``tsvector``: a range of the index per word, summed by paragraph. An AND of such ORs keeps
the paragraphs holding a word of each. Only the shown paragraphs,
and those tied with the last of them (the order breaks ties by article and paragraph), are
then read. Anything else (phrases, NOT, filters) is matched through the GIN indexes
(:mod:`.search`).
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.language.analysis import ENGLISH_MARK
from reader.search.postgresql.documents import FIELD_CODES
from reader.search.postgresql.parse import And, AndNot, Or, Term
from reader.search.postgresql.schema import SCHEMA
from reader.search.postgresql.translate import K1, B, Statistics

MAX_GROUPS = 30  # an AND of more parts than an integer has bits is matched by GIN indexes


@dataclass(frozen=True)
class Word:
    """One word of the OR: its field, term and boost, and the language of the paragraphs it
    may match in (None: either)."""

    field: str
    term: str
    boost: float
    english: bool | None = None


def _plain(node) -> bool:
    return (isinstance(node, Term) and node.field in FIELD_CODES
            and node.text != ENGLISH_MARK)


def _mark(node, fieldname: str) -> bool:
    return isinstance(node, Term) and node.field == fieldname and node.text == ENGLISH_MARK


def words_of(node) -> list[Word] | None:
    """The words of ``node`` when it is an OR of words (each perhaps restricted to one
    language as :func:`.languages._restricted` writes it), else None."""
    if _plain(node):
        return [Word(node.field, node.text, node.boost)]
    if isinstance(node, Or):
        out: list[Word] = []
        for item in node.items:
            found = words_of(item)
            if found is None:
                return None
            out += found
        return out
    if isinstance(node, AndNot) and _plain(node.positive) and _mark(node.negative,
                                                                    node.positive.field):
        word = node.positive
        return [Word(word.field, word.text, word.boost, False)]
    if (isinstance(node, And) and len(node.items) == 2 and _plain(node.items[0])
            and _mark(node.items[1], node.items[0].field) and not node.items[1].boost):
        word = node.items[0]
        return [Word(word.field, word.text, word.boost, True)]
    return None


def groups_of(node) -> list[list[Word]] | None:
    """The ORs of words that ``node`` ANDs (one for an OR of words alone), else None."""
    if isinstance(node, And) and words_of(node) is None:
        if len(node.items) > MAX_GROUPS:
            return None
        out = []
        for item in node.items:
            words = words_of(item)
            if words is None:
                return None
            out.append(words)
        return out
    words = words_of(node)
    return None if words is None else [words]


def top(cur, groups: list[list[Word]], stats: Statistics, limit: int, offset: int,
        english_row: str) -> list:
    """The rows :func:`.search.run` shows: ``limit`` from ``offset`` by score, then article
    and paragraph; each with the number of matches. A paragraph matches when it holds a word
    of every group; it scores the parts of every word it holds (as an AND scores its parts,
    and an OR its matching branches)."""
    codes, terms, weights, constants, scales, languages, numbers = [], [], [], [], [], [], []
    for number, word in ((n, w) for n, words in enumerate(groups) for w in words):
        numbers.append(number)
        avg = stats.avg_length(word.field) or 1.0
        codes.append(FIELD_CODES[word.field])
        terms.append(word.term)
        weights.append(stats.idf(word.field, word.term) * word.boost * (K1 + 1))
        constants.append(K1 * (1 - B))
        scales.append(K1 * B / avg)
        languages.append(word.english)
    # hits: each matching paragraph's score (BM25F as translate.score writes it); cut: the
    # score of the last row shown; every hit scoring that much or more is read and ordered
    # a paragraph holding a word of every group has every group's bit; one word alone has
    # one posting per paragraph, so nothing to sum
    every = "" if len(groups) == 1 else " HAVING bit_or(1 << q.grp) = %s"
    single = len(codes) == 1
    part = "q.w * p.tf / (p.tf + q.a + q.c * p.len)"
    sql = (
        "WITH q AS MATERIALIZED (SELECT * FROM unnest(%s::smallint[], %s::text[], "
        "%s::float8[], %s::float8[], %s::float8[], %s::boolean[], %s::integer[]) "
        "AS q(field, term, w, a, c, english, grp)), "
        f"hits AS MATERIALIZED (SELECT p.id, {part if single else f'sum({part})'} AS score "
        f"FROM q JOIN {SCHEMA}.postings p ON p.field = q.field "
        "AND p.term = q.term COLLATE \"C\" WHERE q.english IS NULL OR p.en = q.english"
        f"{'' if single else ' GROUP BY p.id'}{every}), "
        "cut AS (SELECT min(score) AS score FROM "
        "(SELECT score FROM hits ORDER BY score DESC LIMIT %s) AS shown) "
        "SELECT p.doc, p.para, p.title, p.source, p.text, p.repeats, h.score, "
        f"(SELECT count(*) FROM hits), p.{english_row}, p.date "
        f"FROM hits h JOIN {SCHEMA}.paragraphs p ON p.id = h.id "
        "WHERE h.score >= (SELECT score FROM cut) "
        "ORDER BY h.score DESC, p.doc, p.para LIMIT %s OFFSET %s")
    return cur.execute(sql, [codes, terms, weights, constants, scales, languages, numbers,
                             *([(1 << len(groups)) - 1] if every else []), limit + offset, limit,
                             offset]).fetchall()


__all__ = ["Word", "groups_of", "top", "words_of"]
