"""Shortcuts taken to prepare articles with less work decide what the long way decides: each is
tried on text where the long way and the short one could part, so one that did would fail here."""

from __future__ import annotations

import re

from reader.language.names import is_role
from reader.language.narrative import vocabulary
from tests.test_quote_shortcuts import _strings, _written_abbreviation_at

# -- the article's lower-case words: a pattern that starts with its first letter ---------------

_WRITTEN_LOWER_WORD = re.compile(r"(?<![\w'’.-])[a-z][a-z-]{2,}\b")


def test_lower_case_words_are_the_runs_the_written_pattern_finds():
    samples = _strings("ab-'’.Xé9_ \n", 30_000, 14, 11) + [
        "awal kata-kata 'kutip dan.titik x-ray é-abc ’abc _abc 9abc", "abc",
    ]
    for text in samples:
        assert vocabulary([text]) == frozenset(_WRITTEN_LOWER_WORD.findall(text)), repr(text)


# -- abbreviations: a long plain word before the stop is never one ------------------------------

def test_a_long_word_before_a_full_stop_is_no_abbreviation_and_a_short_one_may_be():
    from reader.language.sentences import abbreviation_at

    samples = _strings("Dr.Ja U.Sb9İé²", 20_000, 12, 12) + [
        "kata Prof.", "kata Profe.", "U.S.A.B.", "ABCDE.", "x.ABCD.", "İİİİİ.", "Dept.",
        "tahun lalu.", "Corp.", "Univ.",
    ]
    for text in samples:
        for dot in range(len(text) + 1):
            assert abbreviation_at(text, dot) == _written_abbreviation_at(text, dot), (text, dot)
    assert abbreviation_at("kata Prof.", 9) and not abbreviation_at("tahun lalu.", 10)


# -- roles: kept per language ------------------------------------------------------------------

def test_a_role_word_is_kept_apart_for_each_language():
    for _ in range(2):  # the second time from what was kept
        assert is_role("Raja") and not is_role("Raja", english=True)
        assert is_role("Governor", english=True) and is_role("Governor")
        assert not is_role("Budi") and not is_role("Budi", english=True)
