"""Finding an article's parts in plain text: headline, byline, dateline, body, credit line.

Why: news text arrives as scraped plain text where the headline is repeated, fused to the lede
(``Title Case Headline. Lede…``), followed by a lone ``by`` and a dateline (``Jakarta, Pahami.id``
or ``JAKARTA, KOMPAS.com -``), and ends with an editor's credit (``(BLQ/DNA)``). Those are metadata;
only the body becomes paragraphs, each with exact offsets into the text.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reader.text import one_line, split_passages, trim

PASSAGE_LIMIT = 1200

_OUTLET = r"[A-Za-z][\w-]*(?:\.[A-Za-z]{2,})+|[A-Z][\w.&-]*(?: [A-Z][\w.&-]*){0,2}"
# A dateline on a line of its own: "Jakarta, Pahami.id" or "JAKARTA, KOMPAS.com -".
_DATELINE_LINE = re.compile(
    rf"^(?P<place>[A-Z][A-Za-z .'-]{{1,40}}),\s*(?P<outlet>{_OUTLET})\s*(?:--|[-–—])?\s*$"
)
# A dateline that opens the lede: "JAKARTA, KOMPAS.com - Lede…", "Jakarta, CNN Indonesia -- …".
_PLACE = r"[A-Z][A-Za-z.'-]+(?: [A-Z][A-Za-z.'-]+){0,2}"
_DATELINE_PREFIX = re.compile(
    rf"(?P<place>{_PLACE}),\s*(?P<outlet>{_OUTLET})\s*(?:--|[-–—])\s+(?=\S)"
    r"|(?P<bare>[A-Z][A-Za-z'.]+(?: [A-Z][A-Za-z'.]+){0,2}) (?:--|[-–—]) (?=[A-Z0-9\"“])"
)
_BYLINE = re.compile(r"^(?:by|oleh|penulis|reporter)\b[:\s]*(?P<name>.{0,60})$", re.IGNORECASE)
_CREDIT_LINE = re.compile(r"^\(\s*(?P<credit>[^()\n]{1,40}?)\s*\)$")
# A credit fused to the end of the last paragraph: "… saja. (BLQ/DNA)" or "… (rdk)".
_CREDIT_TAIL = re.compile(
    r"\s*\(\s*(?P<credit>[A-Za-z]{2,6}(?:\s*/\s*[A-Za-z]{2,6})+|[a-z]{2,5}|[A-Z]{2,5})\s*\)\s*$"
)
_HEADING = re.compile(r"^#{1,6}\s+")
_FIRST_SENTENCE = re.compile(r"""[.!?](?=\s+["“‘]?[A-Z0-9])""")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
# Short words that stay lower case in Indonesian and English headlines.
_MINOR = {
    "dan", "di", "ke", "dari", "yang", "untuk", "dengan", "pada", "atau", "dalam", "oleh",
    "the", "of", "and", "a", "an", "in", "on", "to", "for", "at", "by", "ini", "itu", "jadi",
}


@dataclass
class Structure:
    """What the plain-text rules found. ``spans`` are body paragraph offsets into the text."""

    title: str | None = None
    author: str | None = None
    dateline: str | None = None
    source: str | None = None
    credit: str | None = None
    spans: list[tuple[int, int]] = field(default_factory=list)


def parse_structure(text: str, known_title: str | None = None) -> Structure:
    """Split ``text`` into metadata and body paragraph spans.

    ``known_title`` comes from a sidecar, an HTML page or a CSV column; it is still removed
    where the text repeats it at the top.
    """
    found = Structure(title=known_title)
    lines = _lines(text, *_unwrapped(text))
    i = 0
    if not lines:
        return found

    # Headline: a short first line, a markdown heading, or a Title Case sentence fused to the lede.
    first_start, first_end = lines[0]
    first = text[first_start:first_end]
    body_start = first_start
    if known_title and _same(first, known_title):
        i, body_start = 1, first_end
    elif known_title and _same(first[: len(known_title)], known_title):
        body_start = _skip_space(text, first_start + len(known_title.rstrip(".")), first_end)
        if text[body_start : body_start + 1] == ".":
            body_start = _skip_space(text, body_start + 1, first_end)
        lines[0] = (body_start, first_end)
    elif known_title is None and not _DATELINE_PREFIX.match(first):
        if _HEADING.match(first) or (_looks_like_headline(first) and len(lines) > 1):
            found.title = one_line(_HEADING.sub("", first))
            i, body_start = 1, first_end
        else:
            fused = _fused_headline(first)
            if fused is not None:
                found.title = one_line(first[:fused].rstrip("."))
                body_start = _skip_space(text, first_start + fused, first_end)
                lines[0] = (body_start, first_end)

    # Byline, a repeat of the headline, and a dateline before the body.
    while i < len(lines):
        line = text[lines[i][0] : lines[i][1]]
        byline = _BYLINE.match(line)
        dateline = _DATELINE_LINE.match(line)
        if found.title and _same(line, found.title):
            pass
        elif byline and len(line) <= 70:
            name = one_line(byline.group("name")).strip(" :-")
            if name and not _same(name, found.title or ""):
                found.author = found.author or name
        elif dateline:
            found.dateline = _place(dateline.group("place"))
            found.source = dateline.group("outlet").strip()
        else:
            break
        i += 1
    if i >= len(lines):
        return found
    lines = lines[i:]

    # A dateline opening the lede.
    lede_start, lede_end = lines[0]
    prefix = _DATELINE_PREFIX.match(text, lede_start, lede_end)
    if prefix and not found.dateline:
        outlet, place = prefix.group("outlet"), prefix.group("place") or prefix.group("bare")
        if outlet is None and "." in place:  # "KOMPAS.com - …": an outlet with no place
            outlet, place = place, None
        found.dateline = _place(place) if place else None
        if outlet:
            found.source = found.source or outlet.strip()
        lines[0] = (prefix.end(), lede_end)

    # The credit line at the end, on its own line or fused to the last paragraph.
    last_start, last_end = lines[-1]
    credit = _CREDIT_LINE.match(text[last_start:last_end])
    if credit and len(lines) > 1:
        found.credit = credit.group("credit").strip()
        lines = lines[:-1]
    else:
        tail = _CREDIT_TAIL.search(text, last_start, last_end)
        if tail and tail.start() > last_start:
            found.credit = re.sub(r"\s+", "", tail.group("credit"))
            lines[-1] = (last_start, tail.start())

    found.spans = _paragraph_spans(text, lines)
    return found


def _paragraph_spans(text: str, lines: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Blank-line separated blocks, else one paragraph per line; long ones split into passages."""
    start, end = lines[0][0], lines[-1][1]
    if _BLANK_LINE.search(text, start, end):
        blocks, cursor = [], start
        for gap in _BLANK_LINE.finditer(text, start, end):
            blocks.append((cursor, gap.start()))
            cursor = gap.end()
        blocks.append((cursor, end))
    else:
        blocks = lines
    spans: list[tuple[int, int]] = []
    for a, b in blocks:
        spans.extend(split_passages(text, a, b, PASSAGE_LIMIT))
    return spans


def _unwrapped(text: str) -> tuple[int, int]:
    """The text's bounds without a quotation mark that wraps the whole article.

    Scraped corpora often store an article as ``"…"``. It is a wrapper, not a quotation, when the
    first mark inside it opens a quote (space before, word after) or there is none.
    """
    lo, hi = trim(text, 0, len(text))
    if hi - lo < 2:
        return 0, len(text)
    starts, ends = text[lo] in "\"“", text[hi - 1] in "\"”"
    if starts != ends and text.count('"', lo, hi) % 2:  # a stray mark at one end only
        return (lo + 1, hi) if starts else (lo, hi - 1)
    if not (starts and ends):
        return 0, len(text)
    inner = re.search(r"[\"“”]", text[lo + 1 : hi - 1])
    if inner is None:
        return lo + 1, hi - 1
    at = lo + 1 + inner.start()
    before, after = text[at - 1], text[at + 1 : at + 2]
    opens = text[at] == "“" or (before.isspace() or before in "([") and after[:1].isalnum()
    return (lo + 1, hi - 1) if opens else (0, len(text))


def _lines(text: str, lo: int = 0, hi: int | None = None) -> list[tuple[int, int]]:
    """Offsets of the non-blank lines of ``text[lo:hi]``, trimmed."""
    out = []
    for match in re.compile(r"[^\n]+").finditer(text, lo, len(text) if hi is None else hi):
        a, b = match.span()
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
    return out


def _looks_like_headline(line: str) -> bool:
    return len(line) <= 200 and (not line.rstrip().endswith((".", "!", "?", '"', "”"))
                                 or _title_case(line))


def _fused_headline(line: str) -> int | None:
    """Offset just past a Title Case first sentence that is glued to the lede, if there is one."""
    match = _FIRST_SENTENCE.search(line)
    if not match or match.end() > 200:
        return None
    sentence = line[: match.end()]
    return match.end() if _title_case(sentence) and len(line) > match.end() + 20 else None


def _title_case(sentence: str) -> bool:
    words = [w for w in re.findall(r"[^\W\d_][\w'-]*", sentence) if w.lower() not in _MINOR]
    if len(words) < 3:
        return False
    capitalised = sum(1 for w in words if w[0].isupper())
    return capitalised / len(words) >= 0.8


def _same(a: str, b: str) -> bool:
    def key(s: str) -> str:
        return " ".join(_HEADING.sub("", s).casefold().split()).rstrip(".")

    return bool(a.strip()) and key(a) == key(b)


def _place(place: str) -> str:
    place = place.strip()
    return place.title() if place.isupper() else place


def _skip_space(text: str, pos: int, limit: int) -> int:
    while pos < limit and text[pos].isspace():
        pos += 1
    return pos


def derived_title(text: str, spans: list[tuple[int, int]], fallback: str) -> str:
    """A title for an article that has none: its first sentence, shortened, else ``fallback``."""
    if not spans:
        return fallback
    a, b = spans[0]
    first = text[a:b]
    match = _FIRST_SENTENCE.search(first)
    sentence = first[: match.end()] if match else first
    sentence = sentence.strip().lstrip("\"“‘'«").strip()
    return one_line(sentence, 100) or fallback
