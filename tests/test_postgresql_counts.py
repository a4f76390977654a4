"""The loading process's sums of term counts (compiled and Python alike, as ``Counter.update``
sums them) and its rows in COPY text, read back by a real server as they were written."""

from __future__ import annotations

from collections import Counter

import psycopg
import pytest
from hypothesis import given
from hypothesis import strategies as st

from reader.search.postgresql import counts, stems
from reader.search.postgresql.analyse import copy_text
from reader.search.postgresql.speedups import compiled
from tests.pg_server import pg_dsn, pg_server  # noqa: F401

COMPILED = compiled()
ADDS = [pytest.param(counts.add_counts, id="python"),
        pytest.param(COMPILED.add_counts if COMPILED else None, id="compiled",
                     marks=pytest.mark.skipif(COMPILED is None, reason="not compiled here"))]
COUNTS = st.dictionaries(st.text(max_size=8), st.integers(-10 ** 12, 10 ** 12), max_size=30)


@pytest.mark.parametrize("add", ADDS)
@given(first=COUNTS, second=COUNTS)
def test_counts_add_up_as_a_counter_adds_them(add, first, second):
    expected = Counter(first)
    expected.update(Counter(second))
    target = Counter(first)
    add(target, Counter(second))
    assert dict(target) == dict(expected)
    plain = dict(first)
    add(plain, dict(second))
    assert plain == dict(expected)


@pytest.mark.skipif(COMPILED is None, reason="not compiled here")
def test_the_compiled_sum_refuses_what_it_cannot_add():
    with pytest.raises(TypeError):
        COMPILED.add_counts({}, [("a", 1)])
    with pytest.raises(TypeError):
        COMPILED.add_counts({"a": 1}, {"a": "x"})
    same = {"a": 1}
    with pytest.raises(ValueError):
        COMPILED.add_counts(same, same)
    counts.add(same, same)  # added by the Python loop, which changes only values it has read
    assert same == {"a": 2}


def test_rows_are_written_as_they_are_when_nothing_needs_escaping():
    assert copy_text([("text", "presiden", 3), ("spell", "jokowi", -1)]) == \
        b"text\tpresiden\t3\nspell\tjokowi\t-1\n"
    assert copy_text([]) == b""


def test_rows_with_copys_special_characters_are_escaped():
    rows = [("a\tb", "c\\d", 1), ("e\nf", "g\rh", 2)]
    assert copy_text(rows) == b"a\\tb\tc\\\\d\t1\ne\\nf\tg\\rh\t2\n"


def test_a_server_reads_back_the_words_it_was_given(pg_dsn):  # noqa: F811
    learned = {"bergabung": "gabung", "ta\tb": "tab", "back\\slash": "x", "line\nbreak": "y",
               "ret\rurn": "z", "kutip'an\"": "kutip", "jalan-jalan": "jalan", "ñandú": "ñandú",
               "\\N": "null"}
    with psycopg.connect(pg_dsn, autocommit=True) as conn:
        conn.execute("CREATE SCHEMA IF NOT EXISTS reader")
        conn.execute("CREATE TABLE reader.meta (key text PRIMARY KEY, value text NOT NULL)")
        with conn.transaction():
            assert stems.save(conn, learned, stems.load(conn)) == len(learned)
        assert stems.load(conn) == learned
        with conn.transaction():  # the next load adds only what the table lacks
            known = stems.load(conn)
            assert stems.save(conn, {**learned, "mengambil": "ambil"}, known) == 1
        assert stems.load(conn) == {**learned, "mengambil": "ambil"}
