"""A rebuild's postings put in their B-tree's order (see :mod:`reader.search.postgresql.spool`):
each batch sorted, the batches merged, by the compiled functions and the Python ones alike,
and the table a rebuild fills lying in that order on the server."""

from __future__ import annotations

import random

import psycopg
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.errors import IndexProblem
from reader.search.postgresql import spool
from reader.search.postgresql.backend import PostgresBackend
from reader.search.postgresql.speedups import compiled
from tests.pg_server import changes_for, pg_dsn, pg_server  # noqa: F401

COMPILED = compiled()
SORTS = [pytest.param(spool.sort_rows_python, id="python"),
         pytest.param(COMPILED.sort_rows if COMPILED else None, id="compiled",
                      marks=pytest.mark.skipif(COMPILED is None, reason="not compiled here"))]
MERGES = [pytest.param(spool.merge_rows_python, id="python"),
          pytest.param(COMPILED.merge_rows if COMPILED else None, id="compiled",
                       marks=pytest.mark.skipif(COMPILED is None, reason="not compiled here"))]

KEYS = st.one_of(st.integers(-(2 ** 63), 2 ** 63 - 1), st.integers(-3, 3))
# terms as COPY text has them: no tab or line break (the functions care for nothing else)
TERMS = st.text(st.characters(blacklist_characters="\t\n", blacklist_categories=("Cs",)),
                max_size=12)


def row(key: int, number: int, term: str, field: int = 1) -> bytes:
    return f"{key}\t{field}\t{term}\t{number}\t1\t5\tf\t0\t\\N\n".encode()


ROWS = st.lists(st.builds(row, KEYS, st.integers(0, 2 ** 31 - 1), TERMS, st.integers(0, 5)),
                max_size=60)


def expected(rows: list[bytes]) -> bytes:
    """By key, then paragraph number (as the B-tree), then bytes."""
    def place(line: bytes):
        columns = line.split(b"\t")
        return int(columns[0]), int(columns[3]), line
    return b"".join(sorted(rows, key=place))


@pytest.mark.parametrize("sort_rows", SORTS)
@settings(max_examples=150, deadline=None)
@given(rows=ROWS)
def test_a_batch_is_sorted_by_key_then_paragraph(sort_rows, rows):
    assert sort_rows(b"".join(rows)) == expected(rows)


@pytest.mark.parametrize("merge_rows", MERGES)
@settings(max_examples=150, deadline=None)
@given(runs=st.lists(ROWS, max_size=8), limit=st.integers(1, 400))
def test_sorted_runs_merge_into_one_order(merge_rows, runs, limit):
    data, heads, ends = b"", [], []
    for rows in runs:
        heads.append(len(data))
        data += expected(rows)
        ends.append(len(data))
    out = []
    while chunk := merge_rows(data, heads, ends, limit):
        assert chunk.endswith(b"\n")
        out.append(chunk)
    assert b"".join(out) == expected([r for rows in runs for r in rows])
    assert heads == ends


@pytest.mark.parametrize("bad", [
    b"12\t1\tterm\t5",  # no line break
    b"x\t1\tterm\t5\n",  # no key
    b"12\t1\tterm\n",  # no paragraph number
    b"12\t1\tterm\t5x\t1\n",  # a number with more after it
    b"9223372036854775808\t1\tterm\t5\n",  # past 64 bits
    b"\n",
])
@pytest.mark.parametrize("sort_rows", SORTS)
def test_a_malformed_row_is_refused_not_misplaced(sort_rows, bad):
    with pytest.raises(ValueError):
        sort_rows(b"1\t1\ta\t1\n" + bad)


@pytest.mark.parametrize("merge_rows", MERGES)
def test_merging_refuses_runs_it_cannot_read(merge_rows):
    data = b"1\t1\ta\t1\n2\t1\ta\t1"
    with pytest.raises(ValueError):
        merge_rows(data, [0], [len(data)], 100)
    with pytest.raises(ValueError):
        merge_rows(data, [0], [len(data) + 5], 100)
    with pytest.raises(ValueError):
        merge_rows(data, [0], [8], 0)
    with pytest.raises(ValueError):
        merge_rows(data, [0, 0], [8], 100)
    assert merge_rows(data, [0], [8], 100) == b"1\t1\ta\t1\n"


@pytest.mark.skipif(COMPILED is None, reason="not compiled here")
@pytest.mark.parametrize("bad", [b"\t1\tx\t5", b"\t1\t2\t3\tf\t4\t{5,x}", b"\tx"])
def test_blocks_are_not_made_from_a_malformed_row(bad):
    from reader.search.postgresql import blocks
    from reader.search.postgresql.documents import posting_head

    head = posting_head(1, "kata").encode()
    with pytest.raises(ValueError):
        blocks.rows_from(head + b"7\t1\t4\tf\t1\t\\N\n" + head + bad[1:] + b"\n",
                         [(1, "kata")])


@pytest.mark.skipif(COMPILED is None, reason="not compiled here")
def test_blocks_are_made_only_of_the_common_words_rows():
    from reader.search.postgresql import blocks
    from reader.search.postgresql.documents import posting_head

    common, other = (posting_head(1, word).encode() for word in ("kata", "katak"))
    rows = (common + b"7\t2\t40\tf\t3\t{9}\n" + other + b"7\t1\t40\tf\t1\t\\N\n"
            + common + b"5\t1\t40000\tf\t1\t\\N\n")
    (block,) = binary_rows(blocks.rows_from(rows, [(1, "kata")]))
    local = 1 << blocks.POSITION_BITS
    longest = (1 << blocks.LENGTH_BITS) - 1
    assert block == [1, "kata", 0, [], [(40 << blocks.BLOCK_BITS) | 7], [],
                     [(longest << blocks.BLOCK_BITS) | 5],
                     [5 * local | 1, 7 * local | 3, 7 * local | 9],
                     [5 * local, 7 * local | 2, 7 * local | 8]]


@pytest.mark.skipif(COMPILED is None, reason="not compiled here")
def test_a_blocks_term_is_unescaped_from_copy_text():
    from reader.search.postgresql import blocks
    from reader.search.postgresql.documents import posting_head

    word = "a\\b\tc"
    head = posting_head(1, word).encode()
    assert b"\\\\" in head and b"\\t" in head
    (block,) = binary_rows(blocks.rows_from(head + b"3\t1\t9\tf\t2\t\\N\n", [(1, word)]))
    assert block[:3] == [1, word, 0]


def binary_rows(data: bytes) -> list[list]:
    """Rows of blocks in COPY's binary format, read back: field, term, block, six arrays."""
    import struct

    assert data.startswith(b"PGCOPY\n\xff\r\n\0") and data.endswith(b"\xff\xff")
    at, rows = 19, []
    while data[at:at + 2] != b"\xff\xff":
        (count,) = struct.unpack_from(">h", data, at)
        at += 2
        values = []
        for _ in range(count):
            (size,) = struct.unpack_from(">i", data, at)
            value = data[at + 4:at + 4 + size]
            at += 4 + size
            values.append(value)
        field, term, block, *arrays = values
        decoded = [struct.unpack(">h", field)[0], term.decode(), struct.unpack(">i", block)[0]]
        for array in arrays:
            dims, _flags, oid = struct.unpack_from(">iii", array)
            assert oid == 23
            length = struct.unpack_from(">i", array, 12)[0] if dims else 0
            decoded.append([struct.unpack_from(">i", array, 20 + 8 * i + 4)[0]
                            for i in range(length)])
        rows.append(decoded)
    return rows


def test_the_extreme_keys_sort_as_integers():
    rows = [row(2 ** 63 - 1, 1, "a"), row(-(2 ** 63), 1, "b"), row(0, 2, "c"), row(0, 1, "d")]
    assert spool.sort_rows(b"".join(rows)) == b"".join([rows[1], rows[3], rows[2], rows[0]])


def test_the_spool_gives_back_every_row_in_order():
    batches = [[row(random.randint(-50, 50), n, "w") for n in range(i * 100, i * 100 + 100)]
               for i in range(7)]
    held = spool.PostingsSpool()
    try:
        assert list(held.merged()) == []
        for batch in batches:
            held.add(spool.sort_rows(b"".join(batch)))
        held.add(b"")
        chunks = list(held.merged(chunk=500))
        assert len(chunks) > 10 and all(len(c) < 600 for c in chunks)
        assert b"".join(chunks) == expected([r for batch in batches for r in batch])
    finally:
        held.close()
    assert held.file.closed


def test_a_full_disk_is_one_message_not_a_traceback():
    held = spool.PostingsSpool()
    held.file.close()
    held.file = open("/dev/full", "wb", buffering=0)  # every write: no space left on device
    try:
        with pytest.raises(IndexProblem, match="no room for the load's postings"):
            held.add(row(1, 1, "a"))
    finally:
        held.close()


def test_a_rebuild_leaves_its_postings_in_the_b_trees_order(pg_dsn, seeds_copy):  # noqa: F811
    """So the sort that builds their B-tree finds them in order already."""
    backend = PostgresBackend(pg_dsn)
    backend.create()
    backend.apply(changes_for(seeds_copy), rebuild=True)
    backend.close()
    with psycopg.connect(pg_dsn) as conn:
        stored = conn.execute("SELECT key, id FROM reader.postings ORDER BY ctid").fetchall()
    assert len(stored) > 500
    assert stored == sorted(stored)
