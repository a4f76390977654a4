"""A word inside a text as a whole word, without a pattern made for it.

Why: rules ask whether a quote names someone (``William`` in ``"William is an incredible
artist"``). A pattern made for each name and compiled per call filled ``re``'s cache with
patterns used once: a load meets tens of thousands of names, and compiling them was a tenth of
the cost of finding the quotes that asked.
"""

from __future__ import annotations


def whole_word(text: str, word: str) -> bool:
    """``word`` is in ``text`` with no letter, digit, ``_`` or ``-`` on either side (what
    ``(?<![\\w-])word(?![\\w-])`` finds)."""
    at = text.find(word)
    while at >= 0:
        end = at + len(word)
        if not (at and _joins(text[at - 1])) and not (end < len(text) and _joins(text[end])):
            return True
        at = text.find(word, at + 1)
    return False


def _joins(char: str) -> bool:
    """``char`` continues a word, as ``[\\w-]`` has it (``\\w``: what ``str.isalnum`` says,
    and ``_``)."""
    return char.isalnum() or char in "_-"


_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


def letters_before(text: str, at: int, reach: int) -> str:
    """The ASCII letters ending the last word before ``at`` (``"ayah"`` of ``"(ayah "``), when
    only spaces come between it and ``at`` and it starts within ``reach`` characters; else
    ``""``. A cheap first look before a pattern asks about the word there."""
    if not text[at - 1:at].isspace():
        return ""
    before = text[max(0, at - reach):at].split()
    if not before:
        return ""
    word = before[-1]
    start = len(word)
    while start and word[start - 1] in _LETTERS:
        start -= 1
    return word[start:]
