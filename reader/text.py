"""Text hygiene shared by every layer: normalisation at ingestion, sanitising at output.

Articles come from folders nobody on this project wrote. Terminal escape sequences, C0/C1 control
characters and odd Unicode forms are removed once, here, so offsets stay consistent everywhere;
output paths call :func:`safe` again so nothing from a file can reach a terminal as a control code.
"""

from __future__ import annotations

import re
import unicodedata

# ESC-introduced sequences: CSI (ESC [ ... final), OSC (ESC ] ... BEL or ST), DCS/SOS/PM/APC
# (ESC P|X|^|_ ... ST) and two-character escapes. The 8-bit C1 forms are covered as well.
_ESCAPES = re.compile(
    r"""
    (?:\x1b\[|\x9b)[0-?]*[ -/]*[@-~]            # CSI
  | (?:\x1b\]|\x9d)[^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?   # OSC, terminated by BEL or ST
  | (?:\x1b[PX^_]|[\x90\x98\x9e\x9f])[^\x1b\x9c]*(?:\x1b\\|\x9c)?  # DCS, SOS, PM, APC
  | \x1b[@-Z\\-_]?                               # other two-character escapes, or a lone ESC
    """,
    re.VERBOSE,
)
# Any character that can open one of the sequences above: looked for one at a time with ``in``
# (a scan in C per character, several times faster than a character class in a pattern).
_ESCAPE_STARTS = "\x1b\x90\x98\x9b\x9d\x9e\x9f"
# Every C0 and C1 control except tab and newline; DEL too.
_CONTROLS = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Zero-width and bidirectional formatting characters that can disguise text in a terminal.
_INVISIBLES = re.compile(r"[\u061c\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_CONTROLS_AND_INVISIBLES = re.compile(f"{_CONTROLS.pattern}|{_INVISIBLES.pattern}")
# Lone surrogates (from a JSON ``\\ud800`` escape or a file name that is not UTF-8) cannot be
# written as UTF-8 anywhere downstream.
_SURROGATES = re.compile(r"[\ud800-\udfff]")
_SENTENCE_END = re.compile(r"""[.!?…]+["”’»)\]]*\s+(?=["“‘«(\[]?[A-Z0-9])""")


def normalise(text: str) -> str:
    """Return ``text`` as the core stores it: NFC, ``\\n`` line ends, no controls or escapes.

    All offsets in records point into text that went through this function.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if _has_escape(text):  # the full pattern is slow to scan; most text has no escape
        text = _ESCAPES.sub("", text)
    if text.isascii():  # no invisible, surrogate or composable character can be there
        return _CONTROLS.sub("", text)
    text = _CONTROLS_AND_INVISIBLES.sub("", text)
    text = _SURROGATES.sub("\ufffd", text)
    text = text.replace("\u00a0", " ")
    return unicodedata.normalize("NFC", text)


def _has_escape(text: str) -> bool:
    """Whether ``text`` holds a character that can open an escape sequence."""
    return any(start in text for start in _ESCAPE_STARTS)


def safe(text: str) -> str:
    """Make text from an article safe to print: no escapes or control characters, one line ends."""
    text = text.replace("\r", "")
    if _has_escape(text):
        text = _ESCAPES.sub("", text)
    return _CONTROLS.sub("", text)


def printable(name: str, limit: int = 200) -> str:
    """A file name or other untrusted label as one line for a warning: bytes that were not
    UTF-8 (``os.fsdecode``'s surrogate escapes) as ``\\xNN`` so the file can still be told
    apart, then cleaned the one way every shell cleans untrusted text
    (:func:`reader.display.clean`), cut at ``limit``."""
    from reader.display import one_line as shown

    name = "".join(f"\\x{ord(c) - 0xDC00:02x}" if 0xDC80 <= ord(c) <= 0xDCFF else c
                   for c in name)
    return shown(name, limit)


def one_line(text: str, limit: int | None = None) -> str:
    """Collapse whitespace so a value fits on one line, optionally cut at ``limit`` characters."""
    flat = " ".join(safe(text).split())
    if limit is not None and len(flat) > limit:
        return flat[: max(limit - 1, 0)].rstrip() + "…"
    return flat


def split_passages(text: str, start: int = 0, end: int | None = None, limit: int = 1200) -> list[
    tuple[int, int]
]:
    """Split ``text[start:end]`` into sentence-aligned passages of at most about ``limit`` chars.

    Returns ``(start, end)`` offsets into ``text`` with surrounding whitespace trimmed. A sentence
    longer than ``limit`` is cut at a word boundary so no passage grows without bound.
    """
    end = len(text) if end is None else end
    start, end = trim(text, start, end)
    if end - start <= limit:
        return [(start, end)] if end > start else []
    cuts = [m.end() for m in _SENTENCE_END.finditer(text, start, end)]
    passages: list[tuple[int, int]] = []
    piece_start = start
    last_cut = start
    for cut in [*cuts, end]:
        if cut - piece_start > limit and last_cut > piece_start:
            passages.append((piece_start, last_cut))
            piece_start = last_cut
        while cut - piece_start > limit:  # one sentence longer than the limit
            space = text.rfind(" ", piece_start + limit // 2, piece_start + limit)
            hard = space if space > piece_start else piece_start + limit
            passages.append((piece_start, hard))
            piece_start = hard
        last_cut = cut
    if piece_start < end:
        passages.append((piece_start, end))
    trimmed = [trim(text, a, b) for a, b in passages]
    return [(a, b) for a, b in trimmed if b > a]


def excerpt_bounds(text: str, highlights: list[tuple[int, int]], width: int,
                   lead: float = 1 / 3) -> tuple[int, int]:
    """Where to cut ``text`` to show about ``width`` characters around its first highlight.

    The window starts at a word boundary about ``lead`` of the width before the first match and
    ends at a word boundary, so a snippet never opens or closes mid-word when it can help it.
    """
    start = 0
    if highlights and len(text) > width:
        first = highlights[0][0]
        start = max(0, text.rfind(" ", 0, max(first - int(width * lead), 0)) + 1)
    end = min(len(text), start + width)
    if end < len(text):
        space = text.rfind(" ", start, end)
        end = space if space > start + width // 2 else end
    return start, end


def trim(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` moved inwards past whitespace."""
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end
