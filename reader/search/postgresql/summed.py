"""An OR of many words, several of them common (a short prefix's), summed in this process.

``ti*`` at a million paragraphs is five thousand words, forty of them common: half a million
paragraphs hold one of them, and every one must be scored to find the best and counted for
the total. The server sums postings row by row in a hash aggregate (over a microsecond a
posting). Here the common words' blocks (:mod:`.blocks`: for counts one to three, each
paragraph's field length packed beside its number) and the other postings (the rarer
words', and the common words' few paragraphs of other counts or longer fields) come in one
statement as integer arrays in binary, read with ``numpy.frombuffer``, and numpy scores and
sums them: each posting's part as :func:`.postings.part` gives it and the SQL computes it
(the same operations in the same order, in doubles), summed by paragraph in one order for
all, so paragraphs holding the same words as often tie exactly (the server's sum, in the
order its hash table meets the rows, may differ there in the last bits). The exact total is
the number of distinct paragraphs. Only the best ``limit + offset`` (and those tied with the
last of them) go back to the server, to be put in article and paragraph order and read.

numpy is imported here, on the first such search only.
"""

from __future__ import annotations

from functools import lru_cache

from reader.search.postgresql import blocks, union
from reader.search.postgresql.documents import FIELD_CODES, term_key
from reader.search.postgresql.postings import Word, part, ranked
from reader.search.postgresql.schema import SCHEMA
from reader.search.postgresql.translate import K1, Statistics

MIN_COMMON = union.MAX_COMMON + 1  # common words from which an OR is summed here
INT4_ARRAY = 1007  # the type of ``integer[]``


def answerable(groups: list[list], stats: Statistics) -> list[Word] | None:
    """The words of ``groups`` when they are one OR of words of one field, each in
    either language, :data:`MIN_COMMON` or more of them with blocks; else None (a word
    twice scores twice, as on the server)."""
    found = union.one_field_or(groups, stats)
    if found is None:
        return None
    words, common = found
    return words if common >= MIN_COMMON else None


def _numpy():
    import numpy

    return numpy


@lru_cache(maxsize=1)
def _loader(np):
    """A psycopg loader reading a binary ``integer[]`` (one dimension, no NULLs) as a numpy
    array: a header, then each element as its length and its value, both big-endian."""
    from psycopg.adapt import Loader
    from psycopg.pq import Format

    empty = np.zeros(0, dtype=np.int64)

    class Int4Array(Loader):
        format = Format.BINARY

        def load(self, data):
            dims = int.from_bytes(data[:4], "big")
            if dims == 0:
                return empty
            return np.frombuffer(data, dtype=">i4", offset=12 + 8 * dims)[1::2].astype(
                np.int64)

    return Int4Array


def _fetch_sql() -> str:
    """Rows of (word, block, c1, c2, c3) for each common word's block, and one row of
    (NULL, NULL, words, paragraphs, counts, lengths) for every other posting: the rarer
    words' and the common words' ``c4`` (looked up one by one in the postings)."""
    bits = blocks.BLOCK_BITS
    mask = (1 << bits) - 1
    posting = f"{SCHEMA}.postings"
    return (
        "WITH q AS MATERIALIZED (SELECT term, key, common, n::integer AS n FROM "
        "unnest(%(terms)s::text[], %(keys)s::bigint[], %(common)s::boolean[]) "
        "WITH ORDINALITY AS q(term, key, common, n)), "
        f"b AS MATERIALIZED (SELECT q.n, q.key, q.term, b.block, b.c1, b.c2, b.c3, b.c4 "
        f"FROM q JOIN {SCHEMA}.blocks b ON b.field = %(f)s::smallint AND b.term = q.term "
        "WHERE q.common) "
        "SELECT n, block, c1, c2, c3, NULL::integer[] FROM b UNION ALL "
        "SELECT NULL, NULL, array_agg(n), array_agg(id), array_agg(tf), array_agg(len) FROM ("
        f"SELECT q.n, p.id, p.tf, p.len FROM q JOIN {posting} p ON p.key = q.key "
        "AND p.field = %(f)s::smallint AND p.term = q.term WHERE NOT q.common UNION ALL "
        "SELECT b.n, p.id, p.tf, p.len FROM b CROSS JOIN LATERAL unnest(b.c4) AS v "
        f"CROSS JOIN LATERAL (SELECT id, tf, len FROM {posting} WHERE key = b.key "
        f"AND field = %(f)s::smallint AND term = b.term AND id = (b.block << {bits}) | "
        f"(v & {mask}) OFFSET 0) p) AS other")


def top(cur, words: list[Word], stats: Statistics, limit: int, offset: int,
        english_row: str):
    """The rows :func:`.postings.top` gives for the OR of ``words`` (as :func:`answerable`
    found them)."""
    np = _numpy()
    fieldname = words[0].field
    code = FIELD_CODES[fieldname]
    _code, _term, _weight, constant, scale, _english = part(words[0], stats)
    idf = stats.idf
    # each word's weight as part() computes it (numbered from 1, as the server numbers them)
    weights = np.array([0.0] + [idf(fieldname, w.term) * w.boost * (K1 + 1) for w in words])
    params = {"f": code, "terms": [w.term for w in words],
              "keys": [term_key(code, w.term) for w in words],
              "common": [(code, w.term) in stats.blocked for w in words]}
    with cur.connection.cursor(binary=True) as fetch:
        fetch.adapters.register_loader(INT4_ARRAY, _loader(np))
        rows = fetch.execute(_fetch_sql(), params, prepare=True).fetchall()
    bits = blocks.BLOCK_BITS
    mask = (1 << bits) - 1
    ids, counts, lengths, which = [], [], [], []
    # one order of the parts for every paragraph: the blocks' by word, block and count, then
    # the others' by word (so paragraphs holding the same words as often tie exactly)
    for n, block, c1, c2, c3, _rest in sorted((r for r in rows if r[0] is not None),
                                              key=lambda r: (r[0], r[1])):
        for count, packed in ((1, c1), (2, c2), (3, c3)):
            if len(packed):
                ids.append((packed & mask) | (block << bits))
                lengths.append(packed >> bits)
                counts.append(np.full(len(packed), count, dtype=np.int64))
                which.append(np.full(len(packed), n, dtype=np.int64))
    for row in rows:
        if row[0] is None and row[2] is not None and len(row[2]):
            order = np.argsort(row[2], kind="stable")
            which.append(row[2][order])
            ids.append(row[3][order])
            counts.append(row[4][order])
            lengths.append(row[5][order])
    if not ids:
        return []
    ids = np.concatenate(ids)
    tf = np.concatenate(counts).astype(np.float64)
    length = np.concatenate(lengths).astype(np.float64)
    # w * tf / (tf + a + c * len), as the SQL and postings.part compute it
    parts = weights[np.concatenate(which)] * tf / ((tf + constant) + scale * length)
    size = int(ids.max()) + 1
    sums = np.bincount(ids, weights=parts, minlength=size)
    held = np.bincount(ids, minlength=size) > 0
    numbers = np.flatnonzero(held)
    total = len(numbers)
    scores = sums[numbers]
    shown = limit + offset
    if total > shown:
        cut = np.partition(scores, total - shown)[total - shown]
        keep = scores >= cut
        numbers, scores = numbers[keep], scores[keep]
    hits = ("WITH hits AS MATERIALIZED (SELECT * FROM unnest(%(ids)s::integer[], "
            "%(scores)s::float8[]) AS h(id, score)), ")
    return ranked(cur, hits, {"ids": numbers.tolist(), "scores": scores.tolist(),
                              "total": total}, limit, offset, english_row,
                  "%(total)s::bigint", generic=True)


__all__ = ["MIN_COMMON", "answerable", "top"]
