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
