"""The compiled loops of a load (``_speedups.c``) give what the Python loops they mirror give,
on text written for the cases and on text drawn at random: the same words (as
``re.findall(TOKEN_PATTERN)`` finds them), positions, spelling words, ``tsvector`` literals,
postings rows and counts. No server needed."""

from __future__ import annotations

import os
import shutil
import sysconfig
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.language.analysis import ENGLISH_MARK, TOKEN_PATTERN
from reader.search.postgresql import documents, lexemes, speedups
from reader.search.postgresql.lexemes import MAX_POSITION

COMPILED = speedups.compiled()
needs_compiled = pytest.mark.skipif(COMPILED is None, reason="the compiled loops were not built "
                                    "(no C compiler at install time, or READER_PURE_PYTHON)")


def test_the_loops_are_compiled_where_a_compiler_was_at_hand():
    """Installing the package builds them when a C compiler and Python's headers exist, so a
    machine that has both (as CI does) runs them."""
    if os.environ.get(speedups.PURE_PYTHON, "") not in ("", "0"):
        pytest.skip("READER_PURE_PYTHON is set")
    compiler = (sysconfig.get_config_var("CC") or "cc").split()[0]
    headers = Path(sysconfig.get_paths()["include"], "Python.h")
    if not shutil.which(compiler) or not headers.exists():
        pytest.skip("no C compiler or no Python headers here")
    assert COMPILED is not None


def test_the_environment_turns_them_off(monkeypatch):
    monkeypatch.delenv(speedups.PURE_PYTHON, raising=False)
    built = speedups.compiled()
    monkeypatch.setenv(speedups.PURE_PYTHON, "1")
    assert speedups.compiled() is None
    monkeypatch.setenv(speedups.PURE_PYTHON, "0")
    assert speedups.compiled() is built


def test_a_build_older_than_the_python_is_not_used(monkeypatch):
    """An editable install whose C changed since it was compiled: its functions may take
    other arguments, so the Python loops run instead."""
    import sys
    from types import SimpleNamespace

    monkeypatch.delenv(speedups.PURE_PYTHON, raising=False)  # whatever the run was given
    name = "reader.search.postgresql._speedups"
    monkeypatch.setitem(sys.modules, name, SimpleNamespace(VERSION=speedups.VERSION - 1))
    assert speedups.compiled() is None
    monkeypatch.setitem(sys.modules, name, SimpleNamespace())
    assert speedups.compiled() is None
    monkeypatch.setitem(sys.modules, name, SimpleNamespace(VERSION=speedups.VERSION))
    assert speedups.compiled() is sys.modules[name]


# Word characters of several kinds, the joiners, and what separates words: digits that are
# not decimal (²), numbers that are not digits (½), a combining accent (not a word character),
# an underscore, wide and astral characters, markup, escapes and NUL.
ALPHABET = list("aZé_9²½\u0301漢😀'’-‐ \t\n\\\x00.,“”<>&") + ["\u2019", "\u00ad"]
TEXTS = st.text(alphabet=ALPHABET, max_size=60)


def words_of(loop, text: str) -> list[str]:
    """The words ``loop`` finds in ``text``, each passed to ``miss`` (``known`` stays empty)."""
    seen: list[str] = []

    def miss(word):
        seen.append(word)
        return ((word, word),)

    loop(text, {}, miss, {}, None, lexemes._AT, lexemes._LAST)
    return seen


@needs_compiled
@settings(max_examples=400, deadline=None)
@given(TEXTS)
def test_the_compiled_tokens_are_the_patterns(text):
    import re

    expected = re.findall(TOKEN_PATTERN, text)
    assert words_of(COMPILED.positions, text) == expected
    assert words_of(lexemes._positions, text) == expected


@pytest.mark.parametrize("text", [
    "Anak-anak bermain di kebun-kebun", "O'Brien’s rock-'n'-roll -- end-", "-lead ’tail' x-",
    "ké\u0301 naïve ²½ 漢字 😀emoji_under", "", "   ", "a" * 3 + "-" * 3 + "b",
])
def test_the_compiled_tokens_on_written_cases(text):
    import re

    if COMPILED is None:
        pytest.skip("the compiled loops were not built")
    assert words_of(COMPILED.positions, text) == re.findall(TOKEN_PATTERN, text)


def analysed(word: str) -> tuple:
    """A stand-in analysis with every kind of part: a stop word (no term), a compound split
    in two, a word shared by two spellings (same term), and plain words."""
    if word.lower() in ("dan", "the"):
        return ((None, word.lower()),)
    if "-" in word:
        return tuple((part.lower()[:4], part.lower()) for part in word.split("-") if part)
    return ((word.lower()[:4], word.lower()),)


def word_memory(analysis, asked: list[str]) -> tuple[dict, object]:
    """A load's memory of words as the loops get it: ``miss`` analyses a word it lacks with
    ``analysis``, keeps it, and notes it in ``asked``."""
    known: dict = {}

    def miss(word):
        asked.append(word)
        parts = known[word] = analysis(word)
        return parts

    return known, miss


def run(loop, text: str, english: bool, spell: bool, at: tuple[str, ...]):
    missed: list[str] = []
    known, miss = word_memory(analysed, missed)
    where = {ENGLISH_MARK: ["1"]} if english else {}
    words: set[str] | None = set() if spell else None
    count = loop(text, known, miss, where, words, at, "99")
    return count, list(where.items()), words, missed


@needs_compiled
@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(["Dan", "the", "kota", "Kota", "anak-anak", "x-y-", "bergabung",
                                 "'", "-", "’s", "é", "漢字"]), max_size=40).map(" ".join),
       st.booleans(), st.booleans(), st.integers(min_value=0, max_value=12))
def test_the_compiled_positions_are_the_pythons(text, english, spell, shown):
    """Same count, same terms in the same order with the same positions (past ``at``: the
    last), same spelling words, and the same words missed, in order."""
    at = lexemes._AT[:shown]
    assert run(COMPILED.positions, text, english, spell, at) == \
        run(lexemes._positions, text, english, spell, at)


def heads_for(numbered: bool):
    heads: dict = {}

    def miss(term):
        head = heads[term] = documents._term_heads("text", 0, term, numbered)
        return head

    return heads, miss


TERMS = ["kota", "o'brien", "back\\slash", "tab\there", "line\nbreak", "kafé", "漢字", "😀",
         ENGLISH_MARK, "'quoted'"]


@needs_compiled
@pytest.mark.parametrize("numbered", [True, False])
@pytest.mark.parametrize("middle", ["7\t", "\x00\t", "None\t"])
def test_the_compiled_terms_text_is_the_pythons(numbered, middle):
    """Each kind of term (escapes for COPY and for a tsvector, wide and astral characters,
    the English mark, which has no posting row) with one position, two, or many, the last
    past the highest a tsvector keeps."""
    positions = {}
    for n, term in enumerate(TERMS):
        positions[term] = [lexemes._AT[n + k * 3] for k in range(1 + n % 3)]
    positions["many"] = [lexemes._AT[k] for k in range(0, 2000, 7)] + [str(MAX_POSITION)]
    end = "\t41\tt\t"
    got = COMPILED.terms_text(positions, *heads_for(numbered), middle, end)
    want = documents._terms_text(positions, *heads_for(numbered), middle, end)
    assert got == want
    assert type(got) is tuple and got[2] == [pair for pair in want[2]]
    assert COMPILED.terms_text({}, *heads_for(numbered), middle, end) == ("", "", [])


@needs_compiled
def test_the_compiled_loops_refuse_what_they_cannot_read():
    """A malformed analysis raises a TypeError, never a crash."""
    with pytest.raises(TypeError):
        COMPILED.positions("kota", {}, lambda word: ["not", "a tuple"], {}, None, (), "1")
    with pytest.raises(TypeError):
        COMPILED.positions("kota", {}, lambda word: (("one",),), {}, None, (), "1")
    with pytest.raises(TypeError):
        COMPILED.positions("kota", {}, lambda word: ((None, "kota"),), {}, ["not a set"],
                           (), "1")
    with pytest.raises(ZeroDivisionError):
        COMPILED.positions("kota", {}, lambda word: 1 / 0, {}, None, (), "1")
    with pytest.raises(TypeError):
        COMPILED.terms_text({"kota": ["1"]}, {}, lambda term: ("", "'kota':"), "1\t", "\t")
    with pytest.raises(TypeError):
        COMPILED.terms_text({"kota": []}, {}, lambda term: ("", "'kota':", "k"), "1\t", "\t")
    with pytest.raises(TypeError):
        COMPILED.terms_text({"kota": [1]}, {}, lambda term: ("", "'kota':", "k"), "1\t", "\t")
