"""A common word, an AND of two common words of one field, or a two-word phrase of them,
answered from their blocks (see :mod:`.blocks`): for each count (each pair of counts: the
arrays intersected) the first ``limit + offset`` paragraphs, the shortest fields, hold its
best; those are scored from their counts and field length (looked up in the postings only for
the rare counts past three), as :mod:`.postings` scores them, so both give the same rows in
the same order, and the total is the arrays' sizes (a phrase's: its paragraphs', made
distinct per block in C)."""

from __future__ import annotations

from reader.search.postgresql import blocks
from reader.search.postgresql.documents import FIELD_CODES, term_key
from reader.search.postgresql.postings import Adjacent, Word, part, ranked
from reader.search.postgresql.schema import SCHEMA
from reader.search.postgresql.translate import Statistics


def answerable(groups: list[list], stats: Statistics) -> tuple[Word, ...] | None:
    """The words to read from their blocks when ``groups`` (as :func:`.postings.groups_of`
    gives them) are one word, an AND of two words of one field or a two-word phrase, each
    word in either language and with blocks; else None."""
    if len(groups) == 2 and all(len(g) == 1 and isinstance(g[0], Word) for g in groups):
        words = (groups[0][0], groups[1][0])
    elif len(groups) == 1 and len(groups[0]) == 1 and isinstance(groups[0][0], Word):
        words = (groups[0][0],)
    elif (len(groups) == 1 and len(groups[0]) == 1 and isinstance(groups[0][0], Adjacent)
          and len(groups[0][0].words) == 2):
        words = tuple(groups[0][0].words)
    else:
        return None
    if len({w.field for w in words}) == 1 and all(
            w.english is None and (FIELD_CODES[w.field], w.term) in stats.blocked
            for w in words):
        return words
    return None


def top(cur, groups: list[list], words: tuple[Word, ...], stats: Statistics, limit: int,
        offset: int, english_row: str):
    """The rows :func:`.postings.top` would give for ``groups`` (``words`` as
    :func:`answerable` found them)."""
    params: dict = {"shown": limit + offset}
    for n, word in enumerate(words):
        code, term, weight, constant, scale, _english = part(word, stats)
        params.update({f"f{n}": code, f"t{n}": term, f"w{n}": weight, f"a{n}": constant,
                       f"c{n}": scale, f"k{n}": term_key(code, term)})
    rest = blocks.COUNTS + 1
    bits = blocks.BLOCK_BITS
    counts = range(1, rest + 1)
    two = len(words) == 2
    phrase = two and isinstance(groups[0][0], Adjacent)
    if two:  # the paragraphs holding both words, for each pair of their counts
        kinds = ", ".join(f"({i}, {j}, _int_inter(m.c{i}, m.d{j}))" for i in counts
                          for j in counts)
        # (a phrase: ``pd``, the paragraphs in the block holding it, sorted: the
        # occurrences that meet are in paragraph order, made distinct in C by ``uniq``)
        held = (f", uniq(ARRAY(SELECT unnest(_int_inter(a.occ, b.prev)) >> "
                f"{blocks.POSITION_BITS})) AS pd" if phrase else "")
        blocks_sql = (
            "m AS MATERIALIZED (SELECT a.block, "
            + ", ".join(blocks.flat(f"a.c{c}") + f" AS c{c}" for c in counts) + ", "
            + ", ".join(blocks.flat(f"b.c{c}") + f" AS d{c}" for c in counts)
            + f"{held} "
            f"FROM {SCHEMA}.blocks a JOIN {SCHEMA}.blocks b ON b.field = %(f1)s::smallint "
            "AND b.term = %(t1)s AND b.block = a.block "
            "WHERE a.field = %(f0)s::smallint AND a.term = %(t0)s), ")
    else:  # one word: the paragraphs holding it, for each of its counts
        kinds = ", ".join(f"({i}, 1, m.c{i})" for i in counts)
        blocks_sql = ("m AS MATERIALIZED (SELECT block, "
                      + ", ".join(blocks.flat(f"c{c}") + f" AS c{c}" for c in counts)
                      + f" FROM {SCHEMA}.blocks "
                      "WHERE field = %(f0)s::smallint AND term = %(t0)s), ")
    exact = f"f.i < {rest} AND f.j < {rest}"
    number = f"(f.block << {bits}) | (f.v & {(1 << bits) - 1})"
    length = f"(f.v >> {bits})"
    packed = " + ".join(f"%(w{n})s * f.{c} / (f.{c} + %(a{n})s + %(c{n})s * {length})"
                        for n, c in enumerate("ij"[:len(words)]))
    looked_up = " + ".join(f"%(w{n})s * p{n}.tf / (p{n}.tf + %(a{n})s + %(c{n})s * p{n}.len)"
                           for n in range(len(words)))
    # one index lookup a paragraph (``OFFSET 0`` keeps the planner from joining the
    # word's whole postings by hash instead: it cannot tell how few the paragraphs are)
    probes = " ".join(f"CROSS JOIN LATERAL (SELECT tf, len FROM {SCHEMA}.postings "
                      f"WHERE key = %(k{n})s AND field = %(f{n})s::smallint "
                      f"AND term = %(t{n})s "
                      f"AND id = {number} OFFSET 0) p{n}"
                      for n in range(len(words)))
    # a paragraph holds the phrase when its number is in the block's ``pd``: found by
    # binary search (``width_bucket``: how many of the sorted array are at most it)
    local = f"(v & {(1 << bits) - 1})"
    member = f" WHERE x.pd[width_bucket({local}, x.pd)] = {local}" if phrase else ""

    def scored(source: str) -> str:
        """``source`` (rows ``f``: block, i, j, v) scored: from the counts and length, or
        looked up in the postings for the rest."""
        return (f"SELECT {number} AS id, {packed} AS score, f.block, f.i, f.j, f.v "
                f"FROM ({source}) f WHERE {exact} UNION ALL "
                f"SELECT {number}, {looked_up}, f.block, f.i, f.j, f.v FROM ({source}) f "
                f"{probes} WHERE NOT ({exact})")

    sql = (
        "WITH " + blocks_sql
        + "x AS MATERIALIZED (SELECT m.block, q.i, q.j, q.common"
        + (", m.pd" if phrase else "") + " FROM m "
        f"CROSS JOIN LATERAL (VALUES {kinds}) AS q(i, j, common) "
        "WHERE cardinality(q.common) > 0), "
        # the first k of each kind (shortest fields first: the best; for a phrase the first
        # k of those holding it), every one of the rest
        + "candidates AS MATERIALIZED (SELECT x.block, x.i, x.j, t.v FROM x "
        + (f"CROSS JOIN LATERAL (SELECT v FROM unnest(x.common) AS v{member} ORDER BY v "
           f"LIMIT CASE WHEN x.i < {rest} AND x.j < {rest} THEN %(shown)s END) t), "
           if phrase else
           f"CROSS JOIN LATERAL unnest(CASE WHEN x.i < {rest} AND x.j < {rest} "
           "THEN x.common[1:%(shown)s] ELSE x.common END) AS t(v)), ")
        + "first AS MATERIALIZED (" + scored("SELECT * FROM candidates") + "), "
        "reach AS MATERIALIZED (SELECT coalesce((SELECT score FROM first ORDER BY score DESC "
        "LIMIT 1 OFFSET %(shown)s - 1), '-Infinity') AS score), "
        # the kinds whose k-th still reaches the cut: the ones after it that tie with it
        "full_kinds AS (SELECT block, i, j, max(v) AS last FROM first "
        f"WHERE i < {rest} AND j < {rest} GROUP BY block, i, j "
        "HAVING count(*) = %(shown)s AND min(score) >= (SELECT score FROM reach)), "
        "hits AS MATERIALIZED (SELECT id, score FROM first UNION ALL "
        "SELECT id, score FROM (" + scored(
            "SELECT x.block, x.i, x.j, t.v FROM x JOIN full_kinds USING (block, i, j) "
            "CROSS JOIN LATERAL (SELECT v FROM "
            + blocks.after("x.common", "full_kinds.last") + f" AS tv{member}) t") + ") AS tied "
        "WHERE score >= (SELECT score FROM reach)), ")
    total = ("(SELECT coalesce(sum(cardinality(pd)), 0) FROM m)::bigint" if phrase else
             "(SELECT coalesce(sum(cardinality(common)), 0) FROM x)::bigint")
    return ranked(cur, sql, params, limit, offset, english_row, total, generic=True)


__all__ = ["answerable", "top"]
