"""Sentence ends that know abbreviations (``said Dr. Jane Roe.`` ends once, after ``Roe``), and
lines that are not the article's own words.

A full stop after an initial (``J.``), inside a dotted short form (``U.S.``, ``R.M.``) or after
a listed abbreviation (``Dr.``, ``Rep.``, ``Sen.``, ``St.``, ``Co.``) ends neither the sentence
nor the name it stands in.
"""

from __future__ import annotations

import re
import string

from reader.language.lexicon import ABBREVIATIONS, BOILERPLATE, PHOTO_CREDIT

# A sentence end: . ! ? (and a colon) with closing marks, before a capital or an opening mark.
# Where sentences part: after . ! ? : (and closing marks) before a capital or an opening mark.
# Written to start with the character class every split begins with (the first closing mark
# or space), so the search skips to candidates in C; it splits where
# ``(?<=[.!?:])[\s"”’')]+(?=["“‘'(]?[A-Z0-9"“‘])|\n+`` does.
_SPLIT = re.compile(r"[\s\"”’')](?:(?<=[.!?:][\s\"”’')])[\s\"”’')]*(?=[\"“‘'(]?[A-Z0-9\"“‘])"
                    r"|(?<=\n)\n*)")
_END = re.compile(r"[.!?:][\"”’')]*(?=[\s\"“‘'(]+[A-Z0-9\"“‘]|\s*$)|\n+")


_ASCII_RUN = string.ascii_letters + string.digits + "."  # ASCII characters of a word before a stop
# Letters and digits right before a stop that make the word too long to be an abbreviation:
# longer than a dotted short form's four and than the longest listed one (lower-casing never
# shortens a word).
_PLAIN_WORD = max(4, *map(len, ABBREVIATIONS)) + 1


def abbreviation_at(text: str, dot: int) -> bool:
    """True when the full stop at ``dot`` closes an abbreviation or an initial."""
    if not 0 <= dot < len(text) or text[dot] != ".":
        return False
    if text[dot + 1:dot + 2] == ")":
        # a party tag's state, "(R-Ky.)", "(D-Minn.)": a bracket of one word is never a sentence
        opening = text.rfind("(", max(0, dot - 12), dot)
        if opening >= 0 and not any(c.isspace() for c in text[opening:dot]):
            return True
    if dot >= _PLAIN_WORD and text[dot - _PLAIN_WORD:dot].isalnum():
        # most full stops end a word of five letters or more: too long for a short form
        # with stops (at most four letters) and for a listed abbreviation, so no more is read
        return False
    # the letters, digits and full stops right before it (at most 20): the ASCII ones
    # stripped in C, and only a letter or digit beyond ASCII stepped over one at a time
    window = text[max(0, dot - 20):dot]
    start = len(window.rstrip(_ASCII_RUN))
    while start > 0 and (window[start - 1].isalnum() or window[start - 1] == "."):
        start -= 1
    word = window[start:]
    if not word:
        return False
    if "." in word:
        return len(word.replace(".", "")) <= 4  # "U.S", "R.M", "K.H"; not "tahun.Dia"
    return (len(word) == 1 and word.isupper()) or word.lower() in ABBREVIATIONS


def is_abbreviation(token: str) -> bool:
    """A token such as ``Dr.``, ``J.``, ``U.S.`` (with its full stop)."""
    return token.endswith(".") and abbreviation_at(token, len(token) - 1)


def sentence_ends(text: str, colon: bool = True):
    """Offsets just past each sentence end in ``text`` (abbreviations skipped)."""
    for match in _END.finditer(text):
        mark = text[match.start()]
        if mark == "." and abbreviation_at(text, match.start()):
            continue
        if mark == ":" and not colon:
            continue
        yield match.end()


def sentences(text: str) -> list[str]:
    """``text`` cut into sentences (and at line breaks), spaces around each kept out."""
    out: list[str] = []
    carry = ""
    for piece in _SPLIT.split(text):
        if not piece or piece.isspace():
            continue
        piece = carry + piece
        carry = ""
        if piece.endswith(".") and abbreviation_at(piece, len(piece) - 1):
            carry = piece + " "  # "Dr." / "J." / "U.S.": the sentence goes on
            continue
        out.append(piece.strip())
    if carry.strip():
        out.append(carry.strip())
    return out


def first_end(text: str) -> int | None:
    """Where the first sentence of ``text`` ends (past its mark), or None."""
    return next(sentence_ends(text, colon=False), None)


def last_start(text: str) -> int:
    """Where the last sentence of ``text`` begins (0 when it has one sentence)."""
    start = 0
    for end in sentence_ends(text, colon=False):
        if end < len(text.rstrip()):
            start = end
    return start


def boilerplate(line: str) -> bool:
    """A link, promotion or credit line (``Baca juga: …``, ``ADVERTISEMENT``, a photo credit):
    not the article's own words, never a speaker."""
    if BOILERPLATE.match(line):
        return True
    tail = line.rstrip()[-80:]
    return ("/" in tail or "Getty" in tail or "Photo" in tail) and \
        bool(PHOTO_CREDIT.search(line, max(0, len(line) - 200)))


# Small words a heading leaves in lower case ("Dana Berasal dari Swadaya", "Rules of the Road").
_HEADING_SMALL = {"dan", "di", "ke", "dari", "untuk", "yang", "atau", "dengan", "pada", "the",
                  "of", "and", "to", "in", "for", "a", "an", "on", "at", "with", "or", "by", "vs"}
_HEADING_WORD = re.compile(r"[^\W\d_][\w'’-]*")


def heading(paragraph: str) -> bool:
    """A subheading: a short line of capitalised words that closes with no punctuation (``Dana
    Berasal dari Swadaya``, ``1. Ambil Sumpah WNI``, a writer's name alone). It says whom the
    next paragraphs are about no more than a headline does."""
    text = paragraph.strip()
    if not text or len(text) > 90 or text[-1] in ".!?:;,\"”’)…" or "\n" in text:
        return False
    words = _HEADING_WORD.findall(text)
    return 1 <= len(words) <= 10 and all(w[0].isupper() or w in _HEADING_SMALL for w in words)
