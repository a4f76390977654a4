"""One field of a paragraph analysed in one compiled pass (``_field_row.c``) gives what the two
Python loops it replaces give in turn (:func:`documents.field_row_python`): length, ``tsvector``
literal, postings rows, counts above one, terms, spelling words, and the words and terms it
asked to be analysed, in the same order. No server needed."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.language.analysis import ENGLISH_MARK
from reader.search.postgresql import documents, speedups
from reader.search.postgresql.lexemes import MAX_POSITION
from tests.test_postgresql_speedups import word_memory

COMPILED = speedups.compiled()
needs_compiled = pytest.mark.skipif(COMPILED is None, reason="the compiled loops were not built "
                                    "(no C compiler at install time, or READER_PURE_PYTHON)")

# terms a word may stand for: escapes for COPY and for a tsvector, wide and astral characters
ODD_TERMS = {"tab": "ta\tb", "slash": "back\\slash", "quote": "o'brien", "wide": "漢字",
             "astral": "😀", "line": "line\nbreak"}


def analysed(word: str) -> tuple:
    """A stand-in analysis with every kind of part: a stop word (no term), a compound split
    in two, two spellings of one term, odd terms, and plain words."""
    low = word.lower()
    if low in ("dan", "the"):
        return ((None, low),)
    if low in ODD_TERMS:
        return ((ODD_TERMS[low], low),)
    if "-" in word:
        return tuple((part.lower()[:4], part.lower()) for part in word.split("-") if part)
    return ((low[:4], low),)


def run(row, text: str, mark: str | None, spell: bool, numbered: bool, shown: int, last: int):
    asked: list[str] = []
    known, miss = word_memory(analysed, asked)
    heads: dict = {}

    def new_head(term):
        asked.append(term)
        head = heads[term] = documents._term_heads("quote", 3, term, numbered)
        return head

    words: set[str] | None = set() if spell else None
    middle = "17\t" if numbered else "None\t"
    return row(text, known, miss, heads, new_head, middle, mark, words, shown, last), words, \
        asked


WORDS = ["Dan", "the", "kota", "Kota", "kotak", "anak-anak", "x-y-", "'", "-", "’s", "é", "漢字",
         *ODD_TERMS]


@needs_compiled
@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=60).map(" ".join), st.booleans(),
       st.booleans(), st.booleans(), st.integers(min_value=0, max_value=12),
       st.sampled_from([99, MAX_POSITION, 0]))
def test_the_compiled_field_is_the_pythons(text, english, spell, numbered, shown, last):
    mark = ENGLISH_MARK if english else None
    assert run(COMPILED.field_row, text, mark, spell, numbered, shown, last) == \
        run(documents.field_row_python, text, mark, spell, numbered, shown, last)


@needs_compiled
def test_a_long_field_keeps_every_position_up_to_the_last():
    """Past the highest position a ``tsvector`` keeps, every later one is that position; a
    term met hundreds of times keeps them all, in order."""
    text = " ".join(["kota", "desa", "Kota"] * 6000)
    got = run(COMPILED.field_row, text, ENGLISH_MARK, True, True, MAX_POSITION, MAX_POSITION)
    assert got == run(documents.field_row_python, text, ENGLISH_MARK, True, True,
                      MAX_POSITION, MAX_POSITION)
    length, vector, rows, counts, terms = got[0]
    assert length == 18001 and terms == [ENGLISH_MARK, "kota", "desa"]
    assert vector.endswith(f",{MAX_POSITION},{MAX_POSITION}")
    assert sorted(counts) == [("quote:desa", 6000), ("quote:kota", 12000)]


@needs_compiled
def test_the_compiled_field_refuses_what_it_cannot_read():
    """A malformed analysis raises, never a crash, and nothing is left half made."""
    def row(text, miss, new_head=lambda term: ("", "'x':", "k"), mark=None, spell=None,
            last=5):
        return COMPILED.field_row(text, {}, miss, {}, new_head, "1\t", mark, spell, 3, last)

    with pytest.raises(TypeError):
        row("kota", lambda word: ["not", "a tuple"])
    with pytest.raises(TypeError):
        row("kota", lambda word: (("one",),))
    with pytest.raises(TypeError):
        row("kota", lambda word: ((7, "kota"),))
    with pytest.raises(TypeError):
        row("kota", lambda word: (("kota", "kota"),), spell=["not a set"])
    with pytest.raises(ZeroDivisionError):
        row("kota", lambda word: 1 / 0)
    with pytest.raises(TypeError):
        row("kota", lambda word: (("kota", "kota"),), new_head=lambda term: ("", "'k':"))
    with pytest.raises(TypeError):
        row("kota", lambda word: (("kota", "kota"),), mark=1)
    with pytest.raises(ValueError):
        row("kota", lambda word: (("kota", "kota"),), last=-1)
    assert row("", lambda word: 1 / 0) == (0, "", "", [], [])
