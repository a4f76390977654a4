"""Common words' postings kept again as arrays, so an AND or a phrase of two common words is
matched by intersecting arrays rather than by merging every posting row.

Two common words (hundreds of thousands of postings each at a million paragraphs) cost a
merge of every posting of both, row by row, however few the shown hits. Here each common
word (document frequency of at least :data:`MIN_DF` at the last full load) also has, for each
range of 131,072 paragraph numbers (a block), one row of sorted integer arrays:

- ``c1``, ``c2``, ``c3``: the paragraphs where the word occurs once, twice, three times, each
  as (the field's length, paragraph in the block) packed in one integer, so in order of
  length; ``c4`` the others (more often, or a field too long to pack);
- ``occ``: every occurrence as (paragraph in the block, position); ``prev`` the same with the
  position less one.

``intarray``'s intersection (C, linear in the arrays) then gives, block by block:

- an AND of two words of one field: the paragraphs holding both, one intersection for each
  pair of the words' counts (a paragraph's field length is the same for both words, so the
  packed values meet); for counts of three or less the count and length are all a score
  needs, and a shorter field scores more, so the best matches of a pair of counts are the
  first of its intersection: only the first ``limit + offset`` of each pair are scored (and
  those tied with the last shown), and only those of ``c4`` are looked up in the postings;
- a two-word phrase: the occurrences of the first word whose next position holds the second
  (the first's ``occ`` meets the second's ``prev``), in paragraph order, so their paragraphs
  are made distinct in C too (``uniq``; their number is the total); the AND's matches are
  then read in the same order, those holding the phrase kept (each found in that sorted
  array by binary search, ``width_bucket``).

Scores are computed with the same expression as :mod:`.postings` computes them, so both give
the same rows in the same order, and the total is exact. Words that became common after the
last full load, other fields and languages, ANDs of more words and longer phrases go through
:mod:`.postings` as before. Blocks are written all of them after a full load (by
:mod:`.rebuilt`, or :mod:`.write` when the tables were just made again), and in an update
(by :mod:`.write`) those of the blocks it touched, in its transaction.
"""

from __future__ import annotations

from array import array
from collections import Counter

from reader.search.postgresql.db import local_settings
from reader.search.postgresql.schema import SCHEMA, blocks_key, blocks_table_statements

MIN_DF = 1000  # a word with this many paragraphs gets blocks (fewer merge fast enough)
BLOCK_BITS = 17  # paragraph numbers a block spans: 131,072
POSITION_BITS = 14  # a position (at most 16,383, as a tsvector's) in an occurrence
LENGTH_BITS = 14  # a field length packed beside a paragraph (longer ones go to c4)
COUNTS = 3  # counts with arrays of their own (c1 ... c3; c4 the rest)


def flat(column: str) -> str:
    """``column`` of a blocks row, read from its TOAST table once: a search refers to an
    array many times (each count's intersections, its size, the first few, the ties), and
    every use of the column as the table row holds it fetches and copies it again (an
    array of more than 500 paragraphs is stored apart); a copy made here, in a materialised
    step, is read in place after."""
    return f"array_cat({column}, '{{}}'::integer[])"


def after(array: str, last: str) -> str:
    """The elements of the sorted ``array`` after ``last`` with its length (so the same score
    for a count): they sit right after it, up to the last element of that length, found by
    binary search (``width_bucket``: how many of the array are at most the greatest value of
    that length), so only they are read."""
    same = f"{last} | {(1 << BLOCK_BITS) - 1}"  # the greatest value of last's length
    return (f"(SELECT v FROM unnest(({array})[idx({array}, {last}) + 1:"
            f"width_bucket({same}, {array})]) AS v)")


def build_sql(table: str, postings: str, where: str) -> str:
    """Fill ``table`` with the blocks of ``postings`` rows ``p`` that ``where`` keeps (joined
    to what it names; it appears twice in the statement, so do its parameters)."""
    local = f"(p.id & {(1 << BLOCK_BITS) - 1})"
    longest = (1 << LENGTH_BITS) - 1
    packed = f"(least(p.len, {longest}) << {BLOCK_BITS}) | {local}"  # in order of length
    kind = f"CASE WHEN p.len < {longest} AND p.tf <= {COUNTS} THEN p.tf ELSE {COUNTS + 1} END"
    # each array sorted by intarray's sort() (C, on the finished array), not by an ordered
    # aggregate: the packed values sort as (length, paragraph) and (paragraph, position)
    # do, and without ordered aggregates the rows need no sort to be grouped
    counts = ", ".join(
        f"coalesce(sort(array_agg(p.packed) FILTER (WHERE p.kind = {c})), '{{}}')"
        for c in range(1, COUNTS + 2))
    # each row's values made once, in the scan, not once for each aggregate that reads them
    columns = (f"p.key, p.field, p.term, p.id >> {BLOCK_BITS} AS block, "
               f"{local} << {POSITION_BITS} AS at")
    return (
        f"INSERT INTO {SCHEMA}.{table} (field, term, block, "
        f"{', '.join(f'c{c}' for c in range(1, COUNTS + 2))}, occ, prev) "
        f"SELECT p.field, p.term, p.block, {counts}, "
        "sort(array_agg(p.at | p.x)), sort(array_agg(p.at | (p.x - 1))) "
        # a row for each posting's first position (with its count and packed length), and
        # one for each other (few have more: the others are read without a function call each)
        f"FROM (SELECT {columns}, p.pos AS x, {kind} AS kind, {packed} AS packed "
        f"FROM {SCHEMA}.{postings} p {where} "
        f"UNION ALL SELECT {columns}, m.x, 0, 0 FROM {SCHEMA}.{postings} p {where} "
        "CROSS JOIN LATERAL unnest(p.more) AS m(x) WHERE p.more IS NOT NULL) p "
        # grouped by the term's key first: sorting rows led by an integer, not by text
        "GROUP BY p.key, p.field, p.term, p.block")


def common(df: dict[str, Counter]) -> list[tuple[int, str]]:
    """The common words (field code, term) of a full load's document frequencies."""
    codes = _field_codes()
    return [(codes[name], term) for name, counts in df.items() if name in codes
            for term, n in counts.items() if n >= MIN_DF]


def made_here() -> bool:
    """Whether a rebuild's blocks are made by the loading process (:func:`rows_from`, which
    is compiled) rather than by the server from the new postings (:func:`build`)."""
    from reader.search.postgresql.speedups import COMPILED

    return COMPILED is not None


def rows_from(postings, words: list[tuple[int, str]]) -> bytes:
    """The blocks of ``words`` (field code, term) in COPY's binary format, the same rows
    :func:`build` makes on the server, from rows of ``postings`` (COPY text, in any order): a
    rebuild's, read where they wait for their copy (see :mod:`.spool`), in one pass in C."""
    from reader.search.postgresql.documents import posting_head, term_key
    from reader.search.postgresql.speedups import COMPILED

    heads = sorted((term_key(code, term), head.encode()) for code, term in words
                   if (head := posting_head(code, term)))
    keys = array("q", [key for key, _head in heads]).tobytes()
    return COMPILED.block_rows(postings, keys, [head for _key, head in heads], BLOCK_BITS,
                               POSITION_BITS, LENGTH_BITS, COUNTS)


def copy_rows(conn, table: str, rows: bytes) -> None:
    """``table`` made, filled with ``rows`` (of :func:`rows_from`) and given its key, in
    ``conn``'s transaction."""
    for statement in blocks_table_statements(table):
        conn.execute(statement)
    columns = ", ".join(("field", "term", "block", *(f"c{c}" for c in range(1, COUNTS + 2)),
                         "occ", "prev"))
    with conn.cursor() as cur, cur.copy(
            f"COPY {SCHEMA}.{table} ({columns}) FROM STDIN WITH (FORMAT binary)") as copy:
        copy.write(rows)
    conn.execute(blocks_key(table))


def set_blocked(conn, words: list[tuple[int, str]]) -> None:
    """After a full load (in its transaction): ``words`` are the words with blocks."""
    conn.execute(f"DELETE FROM {SCHEMA}.blocked")
    conn.execute(f"INSERT INTO {SCHEMA}.blocked (field, term) SELECT * FROM "
                 "unnest(%s::smallint[], %s::text[])",
                 [[code for code, _term in words], [term for _code, term in words]])


def rebuild(conn, postings: str, memory: str, words: list[tuple[int, str]]) -> None:
    """After a full load (in its transaction): the blocks of ``words`` in a new table put in
    the old one's place (searches read the old one until the commit)."""
    set_blocked(conn, words)
    conn.execute(f"DROP TABLE IF EXISTS {SCHEMA}.blocks_rebuilt")
    build(conn, "blocks_rebuilt", postings, words, memory)
    swap(conn)


COMMON = "reader_common_words"  # the words a build makes blocks of (a temporary table)


def build(conn, table: str, postings: str, words: list[tuple[int, str]], memory: str) -> None:
    """``table`` made, with its key, and filled with the blocks of ``words`` (field code,
    term) from the rows of ``postings``, in ``conn``'s transaction, grouped in up to
    ``memory`` (a ``work_mem`` setting). The words go to a table with statistics, so the
    planner hashes them, not the postings, and the groups go to a hash table: without
    statistics for new postings, the planner would sort every common word's occurrences."""
    for statement in blocks_table_statements(table):
        conn.execute(statement)
    conn.execute(f"CREATE TEMP TABLE {COMMON} (field smallint, term text COLLATE \"C\") "
                 "ON COMMIT DROP")
    with conn.cursor() as cur, cur.copy(f"COPY {COMMON} (field, term) FROM STDIN") as copy:
        for row in words:
            copy.write_row(row)
    conn.execute(f"ANALYZE {COMMON}")
    with local_settings(conn, work_mem=memory, enable_sort="off", jit="off",
                        enable_nestloop="off", enable_mergejoin="off"):
        conn.execute(build_sql(table, postings,
                               f"JOIN {COMMON} b ON p.field = b.field AND p.term = b.term"))
    conn.execute(f"DROP TABLE {COMMON}")
    conn.execute(blocks_key(table))


def swap(conn) -> None:
    """``blocks_rebuilt`` (with its key) in the place of ``blocks``, in the transaction."""
    conn.execute(f"DROP TABLE IF EXISTS {SCHEMA}.blocks")
    conn.execute(f"ALTER TABLE {SCHEMA}.blocks_rebuilt RENAME TO blocks")
    conn.execute(f"ALTER INDEX {SCHEMA}.blocks_rebuilt_key RENAME TO blocks_key")
    conn.execute(f"GRANT SELECT ON {SCHEMA}.blocks TO reader_search")


TOUCHED = "reader_touched_blocks"


def touched_table(conn) -> None:
    conn.execute(f"CREATE TEMP TABLE IF NOT EXISTS {TOUCHED} (field smallint, "
                 "term text COLLATE \"C\", block integer) ON COMMIT DROP")


def touch_removed(conn, gone_sql: str, params: list) -> None:
    """Before postings are deleted: the blocks of common words they are in (``gone_sql``
    gives their ``id, field, term``)."""
    touched_table(conn)
    conn.execute(f"INSERT INTO {TOUCHED} SELECT DISTINCT g.field, g.term, g.id >> {BLOCK_BITS} "
                 f"FROM ({gone_sql}) g JOIN {SCHEMA}.blocked b ON b.field = g.field "
                 "AND b.term = g.term COLLATE \"C\"", params)


def refresh(conn, first: int) -> None:
    """At the end of an update: the blocks of common words it added to (paragraphs numbered
    from ``first``) or removed from, made again from the postings."""
    touched_table(conn)
    conn.execute(f"INSERT INTO {TOUCHED} SELECT DISTINCT p.field, p.term, p.id >> {BLOCK_BITS} "
                 f"FROM {SCHEMA}.blocked b JOIN {SCHEMA}.postings p "
                 f"ON p.key = {_key('b.field', 'b.term')} AND p.field = b.field "
                 "AND p.term = b.term AND p.id >= %s", [first])
    conn.execute(f"DELETE FROM {SCHEMA}.blocks k USING (SELECT DISTINCT * FROM {TOUCHED}) t "
                 "WHERE k.field = t.field AND k.term = t.term AND k.block = t.block")
    conn.execute(build_sql(
        "blocks", "postings",
        f"JOIN (SELECT DISTINCT * FROM {TOUCHED}) t ON p.key = {_key('t.field', 't.term')} "
        "AND p.field = t.field AND p.term = t.term "
        f"AND p.id BETWEEN t.block << {BLOCK_BITS} "
        f"AND (t.block << {BLOCK_BITS}) + {(1 << BLOCK_BITS) - 1}"))
    conn.execute(f"TRUNCATE {TOUCHED}")


def _field_codes() -> dict[str, int]:
    from reader.search.postgresql.documents import FIELD_CODES

    return FIELD_CODES


def _key(code: str, term: str) -> str:
    from reader.search.postgresql.documents import term_key_sql

    return term_key_sql(code, term)
