"""``whole_word`` finds what the pattern it stands for finds, on every text."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.language.words import whole_word


def pattern_finds(text: str, word: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text) is not None


def test_written_cases():
    assert whole_word("“William is an incredible artist”", "William")
    assert whole_word("kata Budi.", "Budi")
    assert not whole_word("Williamson said", "William")
    assert not whole_word("Anti-Budi", "Budi")
    assert not whole_word("Budi_2", "Budi")
    assert not whole_word("Budi2", "Budi")
    assert not whole_word("Budié", "Budi")
    assert whole_word("Budi2 and Budi", "Budi")  # a later whole one counts
    assert not whole_word("", "Budi")


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(["Budi", "Bu", "di", "-", "_", " ", ".", "é", "2", "²", "’",
                                 "\u0301", "x", "B"]), max_size=12).map("".join),
       st.sampled_from(["Budi", "Bu", "di", "B"]))
def test_any_text_gets_what_the_pattern_finds(text, word):
    assert whole_word(text, word) == pattern_finds(text, word)


def test_letters_before_a_place():
    from reader.language.words import letters_before

    assert letters_before("kata (ayah Budi", 11, 25) == "ayah"
    assert letters_before("Kuasa hukum Budi", 12, 25) == "hukum"
    assert letters_before("ayahBudi", 4, 25) == ""  # no space before the place
    assert letters_before("ayah-2 Budi", 7, 25) == ""  # the word ends with no letter
    assert letters_before(" Budi", 1, 25) == ""
    assert letters_before("Budi", 0, 25) == ""


@settings(max_examples=3000, deadline=None)
@given(st.lists(st.sampled_from(["ayah", "Kuasa", "hukum", "juru", "bicara", "orang", "tua",
                                 "warga", "(", "-", " ", "  ", "\u00a0", "x", "é", "2", "ayahx"]),
                max_size=14).map("".join), st.integers(0, 60))
def test_the_look_before_a_relation_misses_none_the_pattern_finds(text, start):
    from reader.language import entities
    from reader.language.lexicon import MEMBERS, RELATIONS
    from reader.language.words import letters_before

    start = min(start, len(text))
    found = entities._RELATION_BEFORE.search(text, max(0, start - 25), start)
    if found and found.group(1).lower() in RELATIONS | MEMBERS:
        assert letters_before(text, start, 25).lower() in entities._RELATION_ENDS


def test_the_look_before_a_relation_passes_every_relation_and_member():
    from reader.language import entities
    from reader.language.lexicon import MEMBERS, RELATIONS
    from reader.language.words import letters_before

    for word in RELATIONS | MEMBERS:
        for text in (f"kata {word} Budi", f"({word.title()}  Budi"):
            start = text.index("Budi")
            assert entities._RELATION_BEFORE.search(text, max(0, start - 25), start), text
            assert letters_before(text, start, 25).lower() in entities._RELATION_ENDS, text
