"""An OR of words, or an AND of words, matched and scored from the postings index alone.

Most searches are a word, or what a prefix or a fuzzy word expands to: an OR of index words,
each restricted to the paragraphs of one language when its two languages' stems differ (see
:mod:`.languages`). Such a query matches exactly the paragraphs holding one of its words, and
scores each by the BM25F parts of the words it holds, so the ``postings`` index (field, term,
paragraph, count, field length, language) answers it without reading a paragraph row or a
``tsvector``: a range of the index per word, summed by paragraph. An AND of words merges
their ranges, which the index keeps in paragraph order. Only the shown paragraphs,
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
    """``[words]`` for an OR of words; for an AND of single words (each perhaps restricted to
    a language), one ``[word]`` a part; else None. (An AND with an OR inside is matched
    through the GIN indexes: summing every posting of its words by paragraph cost more than
    the GIN intersection.)"""
    if isinstance(node, And) and words_of(node) is None:
        out = []
        for item in node.items:
            words = words_of(item)
            if words is None or len(words) != 1:
                return None
            out.append(words)
        return out
    words = words_of(node)
    return None if words is None else [words]


def _part(word: Word, stats: Statistics) -> list:
    """``[field code, term, weight, constant, scale, language]`` of one word's BM25F part."""
    avg = stats.avg_length(word.field) or 1.0
    return [FIELD_CODES[word.field], word.term,
            stats.idf(word.field, word.term) * word.boost * (K1 + 1), K1 * (1 - B),
            K1 * B / avg, word.english]


def _any_word(words: list[Word], stats: Statistics) -> tuple[str, list]:
    """Each paragraph holding one of ``words``, its score summed over those it holds."""
    columns = list(zip(*(_part(w, stats) for w in words), strict=True))
    part = "q.w * p.tf / (p.tf + q.a + q.c * p.len)"
    single = len(words) == 1  # one posting a paragraph: nothing to sum
    return (
        "WITH q AS MATERIALIZED (SELECT * FROM unnest(%s::smallint[], %s::text[], "
        "%s::float8[], %s::float8[], %s::float8[], %s::boolean[]) "
        "AS q(field, term, w, a, c, english)), "
        f"hits AS MATERIALIZED (SELECT p.id, {part if single else f'sum({part})'} AS score "
        f"FROM q JOIN {SCHEMA}.postings p ON p.field = q.field "
        "AND p.term = q.term COLLATE \"C\" WHERE q.english IS NULL OR p.en = q.english"
        f"{'' if single else ' GROUP BY p.id'}), ", [list(c) for c in columns])


def _every_word(words: list[Word], stats: Statistics) -> tuple[str, list]:
    """Each paragraph holding all of ``words``, with its score: the words' postings, each
    read in paragraph order from the index, merged."""
    parts, params = [], []
    for n, word in enumerate(words):
        code, term, weight, constant, scale, english = _part(word, stats)
        language = "" if english is None else " AND en = %s"
        parts.append(f"(SELECT id, %s * tf / (tf + %s + %s * len) AS s FROM {SCHEMA}.postings "
                     f"WHERE field = %s::smallint AND term = %s{language}) w{n}")
        params += [weight, constant, scale, code, term, *([] if english is None else [english])]
    score = " + ".join(f"w{n}.s" for n in range(len(words)))
    joined = parts[0] + "".join(f" JOIN {p} USING (id)" for p in parts[1:])
    return f"WITH hits AS MATERIALIZED (SELECT id, {score} AS score FROM {joined}), ", params


def top(cur, groups: list[list[Word]], stats: Statistics, limit: int, offset: int,
        english_row: str) -> list:
    """The rows :func:`.search.run` shows: ``limit`` from ``offset`` by score, then article
    and paragraph; each with the number of matches. ``groups`` as :func:`groups_of` gives
    them: a paragraph matches when it holds a word of every group, and scores the parts of
    every word it holds (as an AND scores its parts, and an OR its matching branches)."""
    if len(groups) == 1:
        hits, params = _any_word(groups[0], stats)
    else:
        hits, params = _every_word([g[0] for g in groups], stats)
    # cut: the score of the last row shown; every hit scoring that much or more is read and
    # ordered by score, article and paragraph
    sql = (
        hits + "cut AS (SELECT min(score) AS score FROM "
        "(SELECT score FROM hits ORDER BY score DESC LIMIT %s) AS shown) "
        "SELECT p.doc, p.para, p.title, p.source, p.text, p.repeats, h.score, "
        f"(SELECT count(*) FROM hits), p.{english_row}, p.date "
        f"FROM hits h JOIN {SCHEMA}.paragraphs p ON p.id = h.id "
        "WHERE h.score >= (SELECT score FROM cut) "
        "ORDER BY h.score DESC, p.doc, p.para LIMIT %s OFFSET %s")
    return cur.execute(sql, [*params, limit + offset, limit, offset]).fetchall()


__all__ = ["Word", "groups_of", "top", "words_of"]
