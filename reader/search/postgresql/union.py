"""An OR of words of one field (a prefix's or a fuzzy word's words, or typed) answered with
the blocks of its common words (see :mod:`.blocks`), not by summing every posting.

A paragraph's score is the sum of the parts of the OR's words it holds. The paragraphs that
hold one common word and nothing else of the OR (most of them: a prefix's hits are mostly its
commonest word's) score that word's part alone, a function of its count and field length, so
for each common word and count the first ``limit + offset`` of them, the shortest fields,
hold the best: the rest are never scored. The others ("mixed": those holding a rarer word of
the OR, read from the postings, or two common words, found by intersecting their arrays) are
few and scored in full, each common word's part from its arrays. Sets are kept as the blocks'
packed (length, paragraph) integers and combined with ``intarray`` (C), so the exact total is
the sizes of arrays: the mixed paragraphs and, for each common word, those it holds beyond
them. The parts are computed as :mod:`.postings` computes them; only the order in which a
mixed paragraph's parts are added may differ (in the last bit).
"""

from __future__ import annotations

from reader.search.postgresql import blocks
from reader.search.postgresql.documents import FIELD_CODES, term_key
from reader.search.postgresql.postings import Word, part, ranked
from reader.search.postgresql.schema import SCHEMA
from reader.search.postgresql.translate import Statistics

MAX_COMMON = 3  # common words an OR may have here (their pairs are intersected; with more
# the mixed paragraphs grow past what summing every posting costs: `ti*`, ten, took longer;
# such ORs are summed in the reader's process, see :mod:`.summed`)


def one_field_or(groups: list[list], stats: Statistics) -> tuple[list[Word], int] | None:
    """``(words, common)`` when ``groups`` are one OR of two or more words of one field, each
    in either language, ``common`` of them with blocks; else None (what this module and
    :mod:`.summed` answer, by how many common words there are)."""
    if len(groups) != 1 or len(groups[0]) < 2:
        return None
    words = groups[0]
    if not all(isinstance(w, Word) and w.english is None for w in words):
        return None
    if len({w.field for w in words}) != 1:
        return None
    code = FIELD_CODES[words[0].field]
    return words, sum(1 for w in words if (code, w.term) in stats.blocked)


def answerable(groups: list[list], stats: Statistics) -> list[Word] | None:
    """The words of ``groups`` when they are one OR of two or more distinct words of one
    field, each in either language, from one to :data:`MAX_COMMON` of them with blocks."""
    found = one_field_or(groups, stats)
    if found is None:
        return None
    words, common = found
    if len({w.term for w in words}) != len(words):
        return None
    return words if 1 <= common <= MAX_COMMON else None


def top(cur, words: list[Word], stats: Statistics, limit: int, offset: int,
        english_row: str):
    """The rows :func:`.postings.top` gives for the OR of ``words`` (as
    :func:`answerable` found them)."""
    code = FIELD_CODES[words[0].field]
    big, small = [], []
    for word in words:
        (big if (code, word.term) in stats.blocked else small).append(word)
    _code, _term, _weight, constant, scale, _english = part(words[0], stats)
    params = {"f": code, "a": constant, "c": scale, "shown": limit + offset,
              "big": [w.term for w in big], "big_w": [part(w, stats)[2] for w in big],
              "big_k": [term_key(code, w.term) for w in big],
              "small": [w.term for w in small], "small_w": [part(w, stats)[2] for w in small],
              "small_k": [term_key(code, w.term) for w in small]}
    rest = blocks.COUNTS + 1
    bits = blocks.BLOCK_BITS
    mask = (1 << bits) - 1
    longest = (1 << blocks.LENGTH_BITS) - 1
    every = "_int_union(_int_union(b.c1, b.c2), _int_union(b.c3, b.c4))"
    kinds = ", ".join(f"({c}, b.c{c})" for c in range(1, rest + 1))
    number = f"(e.block << {bits}) | (e.v & {mask})"

    def parts(source: str) -> str:
        """Each common word's part in the paragraphs ``source`` gives (rows ``e``: block,
        term, kind, v), from the count and length, or looked up in the postings."""
        return (f"SELECT {number} AS id, bw.w * e.kind / (e.kind + %(a)s + %(c)s * "
                f"(e.v >> {bits})) AS score, e.block, e.term, e.kind, e.v FROM ({source}) e "
                f"JOIN w_big bw USING (term) WHERE e.kind < {rest} UNION ALL "
                f"SELECT {number}, bw.w * p.tf / (p.tf + %(a)s + %(c)s * p.len), e.block, "
                f"e.term, e.kind, e.v FROM ({source}) e JOIN w_big bw USING (term) "
                # one index lookup a paragraph (``OFFSET 0``: never the word's whole
                # postings joined by hash)
                f"CROSS JOIN LATERAL (SELECT tf, len FROM {SCHEMA}.postings "
                f"WHERE key = bw.key AND field = %(f)s::smallint AND term = e.term "
                f"AND id = {number} "
                f"OFFSET 0) p WHERE e.kind = {rest}")

    sql = (
        "WITH w_big AS (SELECT * FROM unnest(%(big)s::text[], %(big_w)s::float8[], "
        "%(big_k)s::bigint[]) AS bw(term, w, key)), "
        f"b AS MATERIALIZED (SELECT * FROM {SCHEMA}.blocks WHERE field = %(f)s::smallint "
        "AND term = ANY(%(big)s::text[])), "
        # the rarer words' postings: each paragraph's parts summed, its packed value
        f"s AS MATERIALIZED (SELECT p.id >> {bits} AS block, "
        f"(least(p.len, {longest}) << {bits}) | (p.id & {mask}) AS v, "
        "sum(q.w * p.tf / (p.tf + %(a)s + %(c)s * p.len)) AS score "
        "FROM unnest(%(small)s::text[], %(small_w)s::float8[], %(small_k)s::bigint[]) "
        f"AS q(term, w, key) JOIN {SCHEMA}.postings p ON p.key = q.key "
        "AND p.field = %(f)s::smallint AND p.term = q.term "
        "GROUP BY p.id, p.len), "
        # the mixed paragraphs of each block: a rarer word's, or two common words'
        f"every AS MATERIALIZED (SELECT b.block, b.term, {every} AS v FROM b), "
        "mixed AS MATERIALIZED (SELECT block, uniq(sort(array_agg(v))) AS v FROM ("
        "SELECT x.block, unnest(_int_inter(x.v, y.v)) AS v FROM every x JOIN every y "
        "ON y.block = x.block AND y.term > x.term UNION ALL SELECT block, v FROM s) AS z "
        "GROUP BY block), "
        # a mixed paragraph's score: its rarer words' parts and its common words'
        "mixed_hits AS MATERIALIZED (SELECT id, sum(score) AS score FROM ("
        f"SELECT (block << {bits}) | (v & {mask}) AS id, score FROM s UNION ALL "
        "SELECT id, score FROM (" + parts(
            f"SELECT b.block, b.term, k.c AS kind, e.v FROM b JOIN mixed m USING (block) "
            f"CROSS JOIN LATERAL (VALUES {kinds}) AS k(c, arr) "
            "CROSS JOIN LATERAL unnest(_int_inter(m.v, k.arr)) AS e(v)")
        + ") AS common_parts) AS z GROUP BY id), "
        # the paragraphs holding one common word only: the first k of each count
        "alone AS MATERIALIZED (SELECT b.block, b.term, k.c AS kind, "
        "intset_subtract(k.arr, coalesce(m.v, '{}')) AS v FROM b "
        "LEFT JOIN mixed m USING (block) "
        f"CROSS JOIN LATERAL (VALUES {kinds}) AS k(c, arr)), "
        "first AS MATERIALIZED (" + parts(
            "SELECT a.block, a.term, a.kind, e.v FROM alone a CROSS JOIN LATERAL "
            f"unnest(CASE WHEN a.kind < {rest} THEN a.v[1:%(shown)s] ELSE a.v END) AS e(v)")
        + "), "
        "reach AS MATERIALIZED (SELECT coalesce((SELECT score FROM (SELECT score FROM first "
        "UNION ALL SELECT score FROM mixed_hits) AS z ORDER BY score DESC "
        "LIMIT 1 OFFSET %(shown)s - 1), '-Infinity') AS score), "
        # the counts whose k-th still reaches the cut: the ones after it that tie with it
        "full_kinds AS (SELECT block, term, kind, max(v) AS last FROM first "
        f"WHERE kind < {rest} GROUP BY block, term, kind "
        "HAVING count(*) = %(shown)s AND min(score) >= (SELECT score FROM reach)), "
        "hits AS MATERIALIZED (SELECT id, score FROM mixed_hits UNION ALL "
        "SELECT id, score FROM first UNION ALL SELECT id, score FROM (" + parts(
            "SELECT a.block, a.term, a.kind, e.v FROM alone a JOIN full_kinds f "
            "USING (block, term, kind) CROSS JOIN LATERAL "
            + blocks.after("a.v", "f.last") + " AS e(v)") + ") AS tied "
        "WHERE score >= (SELECT score FROM reach)), ")
    total = ("((SELECT coalesce(sum(cardinality(v)), 0) FROM mixed) + "
             "(SELECT coalesce(sum(cardinality(v)), 0) FROM alone))::bigint")
    return ranked(cur, sql, params, limit, offset, english_row, total, generic=True)


__all__ = ["MAX_COMMON", "answerable", "top"]
