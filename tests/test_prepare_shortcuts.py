"""Shortcuts taken to prepare articles with less work decide what the long way decides: each is
tried on text where the long way and the short one could part, so one that did would fail here."""

from __future__ import annotations

import re

from reader.language.article_words import vocabulary
from reader.language.names import is_role
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


# -- the agent of a passive report: the pattern searched from its literal "di" -----------------

_WRITTEN_PASSIVE = re.compile(r"\bdi(?:sampaikan|ungkapkan|katakan|jelaskan|tegaskan|umumkan|"
                              r"sebutkan|paparkan|terangkan|utarakan|ucapkan|tuturkan|tekankan|"
                              r"kemukakan|nyatakan)\s+(?:oleh\s+)?(?=[A-Z])|"
                              r"\bdi(?:yakini|akui|nilai|klaim|prediksi|perkirakan)\s+oleh\s+")


def test_a_passive_report_is_found_where_the_written_pattern_finds_it():
    from reader.language.subject_shapes import PASSIVE

    samples = [a + verb + b for a in ("", "x", " ", "-", "é", "_", "didi", "(")
               for verb in ("disampaikan ", "diyakini ") for b in ("Menteri", "oleh Budi",
                                                                   "oleh  budi", "budi", "", "É")]
    samples += _strings("di sampaikan oleh AbK_-é", 20_000, 30, 13)
    for text in samples:
        assert _span(PASSIVE.search(text)) == _span(_WRITTEN_PASSIVE.search(text)), repr(text)


def _span(match: re.Match | None) -> tuple[int, int] | None:
    return match.span() if match else None


# -- a sentence opening without a capital opens with no name -----------------------------------

def test_a_sentence_opening_without_a_capital_has_no_opening_subject():
    from reader.language.narrative import State
    from reader.language.subjects import _opening_subject

    assert _opening_subject("Émile Zola mengatakan hal itu.", State()) == (None, False)
    assert _opening_subject("budi Santoso mengatakan hal itu.", State()) == (None, False)
    assert _opening_subject("beliau mengatakan hal itu.", State()) == (None, True)
    assert _opening_subject("Budi Santoso mengatakan hal itu.", State())[0].name == "Budi Santoso"


# -- quotes: nothing is read after the last paragraph with a mark, found from the end ----------

def test_the_narrative_after_the_last_mark_is_read_only_while_a_quote_runs_on():
    from reader.language.quotes import find_quotes

    found = find_quotes(["Budi Santoso tiba.", '"Kami siap," kata Budi.', "Ani Rahma datang.",
                         "\"Kami juga siap,\" katanya.", "Tidak ada tanda kutip di sini."])
    assert [len(q) for q in found] == [1 if i in (1, 3) else 0 for i in range(5)]
    assert found[3][0].speaker == "Ani Rahma" and found[1][0].speaker == "Budi Santoso"
    running = find_quotes(['"Kalimat ini berjalan terus ke paragraf berikutnya tanpa tutup',
                           "dan berlanjut di sini sampai akhir.", "Lalu selesai."])
    assert [q[0].start for q in running[1:]] == [0, 0]  # the open quote runs on to the end


# -- the language's function words: counted without a table of every word ----------------------

def test_function_words_are_counted_once_each_time_they_stand():
    from reader.language.detect import detect_language

    assert detect_language("yang yang yang the") == "id"
    assert detect_language("the the the yang") == "en"
    assert detect_language("the the yang yang") is None  # neither leads by twice
    assert detect_language("yangyang theyang yang2 yang_ (yang)") == "id"  # runs, not parts


# -- escapes: looked for only where a character that opens one stands --------------------------

def test_an_escape_is_looked_for_where_the_written_character_class_finds_an_opener():
    from reader.text import _has_escape, normalise

    written = re.compile(r"[\x1b\x90\x98\x9b\x9d\x9e\x9f]")
    for text in _strings("a\x1b\x90\x98\x9b\x9d\x9e\x9f\x9a\x1c[m“", 20_000, 8, 14):
        assert _has_escape(text) == (written.search(text) is not None), repr(text)
    assert normalise("\x1b[31mmerah\x1b[0m “ya”") == "merah “ya”"
    assert normalise("tanpa [31m escape") == "tanpa [31m escape"
