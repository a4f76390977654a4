"""Laying text out for the screen: cleaning, clipping and word-wrapping by offsets.

Every widget that draws article text line by line uses these, so wrapping, ellipses and the
cleaning of control characters are the same everywhere. Wrapping returns offsets into the
text, never copies, so highlights (which are offsets too) map onto screen lines directly.
"""

from __future__ import annotations

import re

from rich.cells import cell_len

from reader.compare import Related
from reader.display import clean
from reader.records import Quote

_WORD = re.compile(r"\S+")
_LAYOUT = str.maketrans({"\t": " ", "\n": " "})


def display_text(text: str) -> str:
    """``text`` as the screen shows it: the shells' one cleaner (:func:`reader.display.clean`:
    escapes, C1 and bidi controls made visible, one character for one, so offsets stay valid),
    and tabs and line breaks as spaces (the widgets wrap the text themselves)."""
    return clean(text).translate(_LAYOUT)


def flat(text: str) -> str:
    """One line of display text: controls and runs of whitespace become single spaces."""
    return " ".join(display_text(text).split())


def clip(text: str, limit: int, more: bool = False) -> str:
    """``text`` on one line, cut at a word with "…" when longer than ``limit`` cells (or
    whenever ``more`` says text follows that is not shown)."""
    text = flat(text)
    if cell_len(text) <= limit and not more:
        return text
    limit = max(limit, 2)
    if cell_len(text) < limit:
        return text.rstrip(" ,;:") + "…"
    cut, cells = 0, 0
    while cut < len(text) and cells + cell_len(text[cut]) <= limit - 1:
        cells += cell_len(text[cut])
        cut += 1
    head = text[:cut]
    space = head.rfind(" ")
    if space > cut // 2:
        head = head[:space]
    return head.rstrip(" ,;:") + "…"


def wrap_offsets(text: str, width: int) -> list[tuple[int, int]]:
    """Word-wrap ``text`` to ``width`` cells; returns ``(start, end)`` offsets of each line.

    Newlines are hard breaks, runs of spaces at a break are dropped, and a word wider than the
    line is cut. An empty text gives one empty line.
    """
    width = max(width, 1)
    lines: list[tuple[int, int]] = []
    offset = 0
    for hard in text.split("\n"):
        line_start = line_end = -1
        used = 0
        for match in _WORD.finditer(hard):
            start, end = match.start() + offset, match.end() + offset
            word_width = cell_len(match.group())
            if line_start >= 0:
                gap = cell_len(text[line_end:start])
                if used + gap + word_width <= width:
                    used += gap + word_width
                    line_end = end
                    continue
                lines.append((line_start, line_end))
                line_start = -1
            while word_width > width:  # a word longer than a line: cut it
                cut, cells = start, 0
                while cut < end and cells + cell_len(text[cut]) <= width:
                    cells += cell_len(text[cut])
                    cut += 1
                cut = max(cut, start + 1)
                lines.append((start, cut))
                start = cut
                word_width = cell_len(text[start:end])
            if start < end:
                line_start, line_end, used = start, end, word_width
        if line_start >= 0:
            lines.append((line_start, line_end))
        elif not lines or hard == "" or not _WORD.search(hard):
            lines.append((offset, offset))
        offset += len(hard) + 1
    return lines


def wrap_lines(text: str, width: int, limit: int | None = None) -> list[str]:
    """``text`` wrapped to ``width``, at most ``limit`` lines, the last ending in "…" if cut."""
    text = flat(text)
    spans = wrap_offsets(text, width)
    lines = [text[a:b] for a, b in spans]
    if limit is not None and len(lines) > limit:
        lines = lines[:limit]
        lines[-1] = clip(lines[-1], width, more=True)
    return lines


def speaker_label(quote: Quote) -> str:
    """``— Speaker, role (via Agency)`` for a statement's line under its paragraph."""
    who = quote.speaker or "speaker not named"
    if quote.role and quote.speaker:
        who = f"{quote.speaker}, {quote.role}"
    elif quote.role:
        who = quote.role
    label = f"— {who}"
    if quote.via:
        label += f" (via {quote.via})"
    return display_text(label)


def also_label(found: list[Related]) -> str:
    """``↪ also in: Title ¶2 (+1 more)`` for a statement reported elsewhere."""
    first = found[0]
    title = clip(first.title or first.doc, 60)
    if first.source:
        title += f" ({clip(first.source, 40)})"
    label = f"↪ also in: {title} ¶{first.para}"
    if len(found) > 1:
        label += f" (+{len(found) - 1} more)"
    return label
