"""An OR of words, a phrase, or an AND of words and phrases, matched and scored from the
postings index alone.

Most searches are a word, or what a prefix or a fuzzy word expands to: an OR of index words,
each restricted to the paragraphs of one language when its two languages' stems differ (see
:mod:`.languages`). Such a query matches exactly the paragraphs holding one of its words, and
scores each by the BM25F parts of the words it holds, so the ``postings`` index (field, term,
paragraph, count, field length, language) answers it without reading a paragraph row or a
``tsvector``: a range of the index per word, summed by paragraph. An AND of words merges
their ranges, which the index keeps in paragraph order. A phrase is the AND of its words
whose positions (kept in the index beside each posting) follow one another, as the
``tsvector``'s ``<->`` checks them; a phrase in both languages' stems is the two phrases,
each in its language's paragraphs. Only the shown paragraphs, and those tied with the last
of them (the order breaks ties by article and paragraph), are then read. A common word, or
an AND or a phrase of two, is answered from the words' blocks instead (:mod:`.intersect`),
without reading every posting; an OR with common words from them too (:mod:`.union`), or,
with four or more, summed in the reader's process (:mod:`.summed`). Anything else (sloppy
phrases, NOT, filters) is matched through the GIN indexes (:mod:`.search`).
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.language.analysis import ENGLISH_MARK
from reader.search.postgresql.documents import FIELD_CODES, term_key
from reader.search.postgresql.parse import And, AndNot, Or, Phrase, Term
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


@dataclass(frozen=True)
class Adjacent:
    """An exact phrase: its words (one field, one language), each at the position after the
    one before."""

    words: tuple[Word, ...]


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


def phrases_of(node) -> list[Adjacent] | None:
    """The phrase ``node`` is, as one :class:`Adjacent` (or two, one a language, when the
    languages' stems differ), or None (not an exact phrase)."""
    def exact(phrase, english):
        if not (isinstance(phrase, Phrase) and phrase.field in FIELD_CODES
                and phrase.slop <= 1 and ENGLISH_MARK not in phrase.words):
            return None
        return Adjacent(tuple(Word(phrase.field, w, phrase.boost, english)
                              for w in phrase.words))

    if isinstance(node, Phrase):
        found = exact(node, None)
        return None if found is None else [found]
    if (isinstance(node, Or) and len(node.items) == 2 and isinstance(node.items[0], AndNot)
            and isinstance(node.items[1], And) and len(node.items[1].items) == 2):
        indonesian, english = node.items
        field = getattr(indonesian.positive, "field", None)
        if (_mark(indonesian.negative, field) and _mark(english.items[1], field)
                and not english.items[1].boost):
            found = [exact(indonesian.positive, False), exact(english.items[0], True)]
            return None if None in found else found
    return None


def _languages(items: list) -> bool:
    """Whether ``items`` are one word or phrase in each language's stems (no paragraph
    holds both: a field is English or not)."""
    def english(item):
        return (item.words[0] if isinstance(item, Adjacent) else item).english

    return len(items) == 2 and {english(i) for i in items} == {False, True}


def groups_of(node) -> list[list] | None:
    """``[words]`` for an OR of words; ``[phrases]`` for a phrase (two when it is one in
    each language); for an AND of words and phrases, one ``[word]`` or ``[phrase]`` a part
    (two when it is one in each language); else None. (An AND with an OR inside
    is matched through the GIN indexes: summing every posting of its words by paragraph
    cost more than the GIN intersection.)"""
    if isinstance(node, And) and words_of(node) is None:
        out = []
        for item in node.items:
            found = words_of(item) or phrases_of(item)
            if found is None or not (len(found) == 1 or _languages(found)):
                return None
            out.append(found)
        return out
    found = words_of(node) or phrases_of(node)
    return None if found is None else [found]


def part(word: Word, stats: Statistics) -> list:
    """``[field code, term, weight, constant, scale, language]`` of one word's BM25F part."""
    avg = stats.avg_length(word.field) or 1.0
    return [FIELD_CODES[word.field], word.term,
            stats.idf(word.field, word.term) * word.boost * (K1 + 1), K1 * (1 - B),
            K1 * B / avg, word.english]


def _any_word(words: list[Word], stats: Statistics) -> tuple[str, list]:
    """Each paragraph holding one of ``words``, its score summed over those it holds."""
    columns = list(zip(*(part(w, stats) for w in words), strict=True))
    columns.append([term_key(FIELD_CODES[w.field], w.term) for w in words])
    each = "q.w * p.tf / (p.tf + q.a + q.c * p.len)"
    single = len(words) == 1  # one posting a paragraph: nothing to sum
    return (
        "WITH q AS MATERIALIZED (SELECT * FROM unnest(%s::smallint[], %s::text[], "
        "%s::float8[], %s::float8[], %s::float8[], %s::boolean[], %s::bigint[]) "
        "AS q(field, term, w, a, c, english, key)), "
        f"hits AS MATERIALIZED (SELECT p.id, {each if single else f'sum({each})'} AS score "
        f"FROM q JOIN {SCHEMA}.postings p ON p.key = q.key AND p.field = q.field "
        "AND p.term = q.term COLLATE \"C\" WHERE q.english IS NULL OR p.en = q.english"
        f"{'' if single else ' GROUP BY p.id'}), ", [list(c) for c in columns])


def _posting(word: Word, stats: Statistics, columns: str = "") -> tuple[str, list]:
    """The postings of one word with its BM25F part ``s`` (and ``columns``)."""
    code, term, weight, constant, scale, english = part(word, stats)
    language = "" if english is None else " AND en = %s"
    return (f"SELECT id, %s * tf / (tf + %s + %s * len) AS s{columns} FROM {SCHEMA}.postings "
            f"WHERE key = %s AND field = %s::smallint AND term = %s{language}",
            [weight, constant, scale, term_key(code, term), code, term,
             *([] if english is None else [english])])


def _adjacent(phrase: Adjacent, stats: Statistics, name: str) -> tuple[str, list]:
    """The paragraphs holding ``phrase``, each with the parts of its words: the words'
    postings merged by paragraph, kept where the positions follow one another (one
    comparison a word when each word is there once, as most are)."""
    parts, params = [], []
    for n, word in enumerate(phrase.words):
        sql, values = _posting(word, stats, ", pos, more")
        parts.append(f"({sql}) {name}{n}")
        params += values
    rest = range(1, len(phrase.words))
    single = " AND ".join(f"{name}{n}.more IS NULL" for n in range(len(phrase.words)))
    follows = " AND ".join(f"{name}{n}.pos = {name}0.pos + {n}" for n in rest)
    every = " AND ".join(
        f"f.p + {n} = ANY ({name}{n}.pos || coalesce({name}{n}.more, '{{}}'))" for n in rest)
    score = " + ".join(f"{name}{n}.s" for n in range(len(phrase.words)))
    joined = parts[0] + "".join(f" JOIN {p} USING (id)" for p in parts[1:])
    return (f"SELECT id, {score} AS s FROM {joined} WHERE CASE WHEN {single} THEN {follows} "
            f"ELSE EXISTS (SELECT FROM unnest({name}0.pos || coalesce({name}0.more, '{{}}')) "
            f"AS f(p) WHERE {every}) END", params)


def _one(items: list, stats: Statistics, name: str) -> tuple[str, list]:
    """The postings of one part of an AND: a word or a phrase, or one in each language (no
    paragraph holds both, so nothing is summed)."""
    parts, params = [], []
    for n, item in enumerate(items):
        sql, values = (_adjacent(item, stats, f"{name}{n}") if isinstance(item, Adjacent)
                       else _posting(item, stats))
        parts.append(sql)
        params += values
    return (parts[0] if len(parts) == 1 else " UNION ALL ".join(f"({p})" for p in parts)), params


def _any_phrase(phrases: list[Adjacent], stats: Statistics) -> tuple[str, list]:
    """Each paragraph holding one of ``phrases``, its score summed over those it holds."""
    parts, params = [], []
    for n, phrase in enumerate(phrases):
        sql, values = _adjacent(phrase, stats, f"a{n}w")
        parts.append(f"({sql})")
        params += values
    if len(parts) == 1:
        return f"WITH hits AS MATERIALIZED (SELECT id, s AS score FROM {parts[0]} AS x), ", params
    return (f"WITH hits AS MATERIALIZED (SELECT id, sum(s) AS score FROM "
            f"({' UNION ALL '.join(parts)}) AS x GROUP BY id), ", params)


def _every_part(items: list[list], stats: Statistics) -> tuple[str, list]:
    """Each paragraph holding all of ``items`` (words and phrases), with its score: the
    items' postings, each read in paragraph order from the index, merged; a word's part of
    the score is computed after the merge, for the paragraphs that hold every item only."""
    scores, score_params, parts, params = [], [], [], []
    for n, item in enumerate(items):
        if len(item) == 1 and isinstance(item[0], Word):
            code, term, weight, constant, scale, english = part(item[0], stats)
            language = "" if english is None else " AND en = %s"
            parts.append(f"(SELECT id, tf, len FROM {SCHEMA}.postings WHERE key = %s AND "
                         f"field = %s::smallint AND term = %s{language}) w{n}")
            params += [term_key(code, term), code, term, *([] if english is None else [english])]
            scores.append(f"%s * w{n}.tf / (w{n}.tf + %s + %s * w{n}.len)")
            score_params += [weight, constant, scale]
        else:
            sql, values = _one(item, stats, f"a{n}_")
            parts.append(f"({sql}) w{n}")
            params += values
            scores.append(f"w{n}.s")
    joined = parts[0] + "".join(f" JOIN {p} USING (id)" for p in parts[1:])
    return (f"WITH hits AS MATERIALIZED (SELECT id, {' + '.join(scores)} AS score "
            f"FROM {joined}), ", [*score_params, *params])


def top(cur, groups: list[list[Word]], stats: Statistics, limit: int, offset: int,
        english_row: str):
    """The rows :func:`.search.run` shows: ``limit`` from ``offset`` by score, then article
    and paragraph; each with the number of matches. ``groups`` as :func:`groups_of` gives
    them: a paragraph matches when it holds a word of every group, and scores the parts of
    every word it holds (as an AND scores its parts, and an OR its matching branches)."""
    if len(groups) == 1 and all(isinstance(w, Word) for w in groups[0]):
        hits, params = _any_word(groups[0], stats)
        return ranked(cur, hits, params, limit, offset, english_row, generic=True)
    if len(groups) == 1:
        hits, params = _any_phrase(groups[0], stats)
    else:
        hits, params = _every_part(groups, stats)
    return ranked(cur, hits, params, limit, offset, english_row)


def ranked(cur, hits: str, params: list | dict, limit: int, offset: int,
           english_row: str, total: str = "(SELECT count(*) FROM hits)",
           generic: bool = False):
    """The rows shown of ``hits`` (SQL opening a ``WITH`` whose ``hits`` gives each matching
    paragraph's ``id`` and ``score``, ending in a comma; its parameters positional, or named
    in a dict), with their number (``total``: when ``hits`` holds only those that can be
    shown).

    ``generic``: the statement's plan does not depend on its words (every step a
    materialised CTE of a fixed shape), so it is prepared on the connection and planned
    once, without its values (the search's transaction sets ``plan_cache_mode``): planning
    these long statements took longer than running them for a rare word or a title.

    Returns the cursor, its rows not fetched: in a pipeline (see
    :meth:`.backend.PostgresBackend.search`) the statement is sent with the search's
    settings and read after, in one exchange with the server."""
    if isinstance(params, dict):
        marks = ("%(shown)s", "%(limit)s", "%(offset)s")
        values: list | dict = {**params, "shown": limit + offset, "limit": limit,
                               "offset": offset}
    else:
        marks = ("%s", "%s", "%s")
        values = [*params, limit + offset, limit, offset]
    # cut: the score of the last row shown; every hit scoring that much or more is read and
    # ordered by score, article and paragraph (only those two columns: a title's hits tie by
    # the hundred), then the rest of the rows shown
    sql = (
        hits + "cut AS (SELECT min(score) AS score FROM "
        f"(SELECT score FROM hits ORDER BY score DESC LIMIT {marks[0]}) AS shown), "
        "page AS MATERIALIZED (SELECT h.id, h.score, p.doc, p.para FROM hits h "
        # row by row, by number: the planner, expecting many hits past the cut, joined the
        # whole paragraphs table in paragraph order (seconds at a million paragraphs)
        f"CROSS JOIN LATERAL (SELECT doc, para FROM {SCHEMA}.paragraphs p WHERE p.id = h.id "
        "OFFSET 0) p WHERE h.score >= (SELECT score FROM cut) "
        f"ORDER BY h.score DESC, p.doc, p.para LIMIT {marks[1]} OFFSET {marks[2]}) "
        "SELECT p.doc, p.para, p.title, p.source, p.text, p.repeats, g.score, "
        f"{total}, p.{english_row}, p.date FROM page g "
        f"CROSS JOIN LATERAL (SELECT * FROM {SCHEMA}.paragraphs p WHERE p.id = g.id OFFSET 0) p "
        "ORDER BY g.score DESC, g.doc, g.para")
    return cur.execute(sql, values, prepare=generic or None)


__all__ = ["Adjacent", "Word", "groups_of", "part", "phrases_of", "ranked", "top",
           "words_of"]
