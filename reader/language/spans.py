"""Quotation spans in a paragraph, and whether a quoted span is speech or a term.

Marks are curly, straight, guillemets or single quotes; a mark with no closing one at the end of
a paragraph opens a quote continued in the next paragraph.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.language.lexicon import EVENT_WORDS, NAMING_WORDS, SPEECH_WORDS, TITLE_WORDS, WORD
from reader.records import STATEMENT, TERM

_DOUBLE_MARKS = re.compile(r"[\"”»“]")
_INNER_MARK = re.compile(r"[‘'“]")
_SINGLE_MARKS = re.compile(r"[’']")
# The characters that can open a top-level quotation: the scan jumps from one to the next.
_OPENING_MARKS = re.compile(r"[\"“«„”‘']")


@dataclass
class Span:
    start: int  # of the quoted words, inside the marks
    end: int
    open_at: int  # the opening mark (or the paragraph start for a continuation)
    close_at: int  # just past the closing mark (or the paragraph end when left open)
    closed: bool
    continued: bool  # began in an earlier paragraph



def find_spans(text: str, carrying: bool) -> list[Span]:
    """Quotation spans at the top level: double quotes (curly, straight, guillemets) and
    single quotes that stand outside any double quote."""
    spans: list[Span] = []
    i, n = 0, len(text)
    if carrying and text and text[0] not in "\"“«'‘":
        # A quote left open runs on into a paragraph that opens with no mark as far as a closing
        # mark there; with none, only into speech (a verse line, words in the first or second
        # person): a paragraph of narrative means the source never closed the quote ("…," said
        # Scott. "It allows children … then "Many medical groups support …").
        end = _find_close(text, 0)
        if end is None and (len(text) <= VERSE_LINE or _PERSONAL.search(text)):
            return [Span(0, _rstrip(text, 0, n), 0, n, False, True)]
        if end is not None:
            spans.append(Span(0, _rstrip(text, 0, end), 0, end + 1, True, True))
            i = end + 1
    while i < n:
        mark = _OPENING_MARKS.search(text, i)
        if mark is None:
            break
        i = mark.start()
        ch = text[i]
        lead = _LEAD_SPACE.match(text, 1) if i == 0 else None
        if ch in '"“«„”' and (_opens(text, i) or lead):
            start = lead.end() if lead else i + 1  # '" Politik adalah …," ungkap …'
            end = _find_close(text, start)
            if end is None:
                if _looks_like_open_quote(text, i):
                    spans.append(Span(start, _rstrip(text, start, n), i, n, False,
                                       carrying and not spans and i == 0))
                break
            if end > start:
                spans.append(Span(start, _rstrip(text, start, end), i, end + 1, True,
                                   carrying and not spans and i == 0))
            i = end + 1
            continue
        if ch in "‘'" and _opens(text, i):
            end = _find_single_close(text, i + 1)
            if end is not None and end - i <= 200:
                spans.append(Span(i + 1, end, i, end + 1, True, False))
                i = end + 1
                continue
        i += 1
    return [s for s in spans if s.end > s.start]


VERSE_LINE = 100  # a line this short, after a quote left open, is more of it (a pantun's line)
# Someone speaking of themselves or to the reader: what a quotation says, not what a report does.
_PERSONAL = re.compile(r"(?i:\b(?:saya|aku|kami|kita|kamu|anda|engkau|gue|gua|we|our|my|me|you)\b)"
                       r"|\bI\b")
# Spaces after a mark that opens a paragraph, before a word: '" Politik adalah …' (scraped text).
_LEAD_SPACE = re.compile(r"[ \t\u00a0]+(?=\w)")


def _opens(text: str, i: int) -> bool:
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if text[i] in "“«„‘":
        return not after.isspace()
    if before in ".!?" and text[i] in '"”':  # "…masyarakat."Satu hal …, "terulang.”Saat itu"
        return after.isupper()
    if text[i] == "”":  # a closing mark used to open: ”Siapa …?”
        return before.isspace() and after.isalnum()
    return (before.isspace() or before in "([{—–-:,;/") and not after.isspace() and after != text[i]


def _find_close(text: str, start: int) -> int | None:
    """The closing double mark for a quote opened just before ``start``."""
    at = start
    while True:
        match = _DOUBLE_MARKS.search(text, at)
        if match is None:
            return None
        j = match.start()
        ch = text[j]
        if ch == "“":  # a new opening curly mark: the previous quote was left open
            return None if not _closing_context(text, j) else j
        if ch == '"' and not _closing_context(text, j) and _opens(text, j):
            nested = _nested_straight(text, j)
            if nested is None:
                return None  # a fresh opening mark before any closing one
            at = nested  # "Kami disebut "mitra" oleh pemda," kata Yanti: a word inside
            continue
        if ch == "”" and not _closing_context(text, j) and _opens(text, j):
            return None
        return j


def _nested_straight(text: str, j: int) -> int | None:
    """Past a short straight-quoted word or phrase opening at ``j`` inside a straight quote
    (``"mitra"``), when the outer quote's own closing mark comes after it; else None."""
    close = text.find('"', j + 1, j + 62)
    if close < 0 or not _closing_context(text, close) or \
            any(c in text[j + 1:close] for c in ".!?"):
        return None
    following = text.find('"', close + 1)
    while following >= 0 and not _closing_context(text, following):
        following = text.find('"', following + 1)
    return close + 1 if following >= 0 else None


def _closing_context(text: str, j: int) -> bool:
    before = text[j - 1] if j else " "
    return not before.isspace()


def _find_single_close(text: str, start: int) -> int | None:
    for match in _SINGLE_MARKS.finditer(text, start):
        j = match.start()
        after = text[j + 1] if j + 1 < len(text) else " "
        if not after.isalnum() and not text[j - 1].isspace():
            return j
    return None


def _looks_like_open_quote(text: str, i: int) -> bool:
    """A mark with no closing one: a quote continued in the next paragraph, unless short."""
    return len(text) - i > 20


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end




def titled(before: str) -> bool:
    """A quote right after a word that names a work or a term is a title, not speech:
    ``berjudul``, ``tajuk``, ``lagu``, ``film``, ``video`` among the last words before the mark
    (``lagu “Last Day of Summer,”``, ``Simak Video 'Realisasi …'``, ``tajuk pada artikel
    itu '…'``). A sentence end in between breaks the link (``… dalam film ini. "Bagus …"``)."""
    tail = before[-80:]
    stripped = tail.rstrip()
    if not stripped or stripped[-1] in ".!?":
        return False
    ended = max(tail.rfind(". "), tail.rfind("! "), tail.rfind("? "))
    if ended >= 0:  # "… another album. She’d “…”": the album is in the sentence before
        tail = tail[ended + 2:]
        stripped = tail.rstrip()
    if _EXAMPLES.search(stripped):
        return True  # "recipes that say things like “salt to taste”": an example, no speech
    if _OWNED.search(stripped) and stripped.rsplit(None, 1)[-1].lower().replace("’", "'") \
            not in _CONTRACTIONS:  # "DeSantis’ (R) “Stop WOKE Act”": something of theirs, named
        return True
    words = [w.lower() for w in WORD.findall(tail)]
    if words and words[-1] in _DEFINING and stripped[-1].isalpha() and \
            not SPEECH_WORDS.intersection(words):
        # "Stigma kedua adalah '…'": what something is called, not anyone's speech (but
        # "Kalimat Ahok yang … adalah "…"" is his)
        return True
    if stripped[-1] == "," and words and words[-1] not in TITLE_WORDS:
        return False  # "if the policy for methadone ends, "thousands …"": a clause ends there
    return any(w in TITLE_WORDS or w in NAMING_WORDS for w in words[-4:])


_DEFINING = {"adalah", "ialah", "merupakan", "yakni", "yaitu"}
# Examples of what is said or written: "things like", "phrases such as", "istilah seperti".
_EXAMPLES = re.compile(r"\b(?:(?:things|phrases?|words?|lines?|terms?|expressions?|slogans?|"
                       r"labels?|names?)\s+like|such\s+as|(?:istilah|kata-kata|kalimat|ungkapan|"
                       r"hal-hal|sebutan|frasa)\s+seperti)$", re.IGNORECASE)
# "'s" that is "is" or "has", not a possessive: "feeling like it’s “taking over my mind,”".
_CONTRACTIONS = {"it's", "that's", "he's", "she's", "what's", "there's", "here's", "who's",
                 "where's", "let's", "one's", "how's", "everything's", "nothing's"}


# A possessive right before the mark, a party tag between at most: "Democrats'", "Florida’s".
_OWNED = re.compile(r"[A-Za-z](?:['’]s|s['’])(?:\s+\([A-Z][\w.-]{0,6}\))?$")


def event_named(before: str) -> bool:
    """A quote right after the word for an event, with nothing between (``dalam sebuah diskusi
    'Pembangunan Politik …'``, ``webinar "Literasi …"``), is the event's name. Asked of the
    text just before the mark even when it is a previous quote's reporting clause."""
    stripped = before[-40:].rstrip()
    if not stripped[-1:].isalpha():
        return False
    last = WORD.findall(stripped[-20:])
    return bool(last) and last[-1].lower() in EVENT_WORDS


def nested_spans(text: str, outer: Span) -> list[Span]:
    """Quotations inside a quotation: single marks (or curly double ones inside straight or
    angled marks), reported beside the outer one."""
    found: list[Span] = []
    end = outer.end
    curly_inside = text[outer.open_at:outer.open_at + 1] != "“"
    i = outer.start
    while True:
        mark = _INNER_MARK.search(text, i, end)
        if mark is None:
            return found
        i = mark.start()
        ch = text[i]
        if ch in "‘'" and _opens(text, i):
            close = _find_single_close(text, i + 1)
            if close is not None and close < end and close - i <= 200 and close > i + 1:
                found.append(Span(i + 1, close, i, close + 1, True, False))
                i = close + 1
                continue
        elif ch == "“" and curly_inside:
            close = text.find("”", i + 1, end)
            if close > i + 1:
                found.append(Span(i + 1, close, i, close + 1, True, False))
                i = close + 1
                continue
        i += 1


def classify(body: str, how: str | None, span: Span) -> str:
    words = WORD.findall(body)
    if how is not None:
        return STATEMENT if len(words) > 2 or body.rstrip()[-1:] in ",.!?" else TERM
    if not span.closed or span.continued:
        return STATEMENT
    if len(words) <= 4 and body.rstrip()[-1:] not in ",.!?":
        return TERM
    if body.rstrip()[-1:] in ",.!?" and len(words) >= 3:
        return STATEMENT
    return STATEMENT if len(words) >= 8 else TERM


