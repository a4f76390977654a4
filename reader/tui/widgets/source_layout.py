"""The source pane's layout: an article as screen lines that hold offsets, not copies.

Laid out once per width (and again when "also in" links arrive); the widget then styles only
the lines on screen. Each paragraph is its body lines, a "repeats ¶N" line for a repeat, and a
speaker line (and an "also in" line) under each statement, then a blank line.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from reader.compare import Related
from reader.records import TERM, Article
from reader.tui.widgets.text_layout import also_label, display_text, speaker_label, wrap_offsets


@dataclass(frozen=True)
class SourceLine:
    """One screen line: a slice of a paragraph's text, or a piece of decoration."""

    para: int  # index into article.paragraphs; -1 for lines outside the paragraphs
    kind: str  # "body", "speaker", "also", "repeat", "meta", "blank", "empty"
    start: int = 0  # body: offsets into the paragraph text
    end: int = 0
    first: bool = False  # body: the paragraph's first line (carries the number)
    text: str = ""  # decoration lines: what to show
    quote: int = -1  # speaker and "also in" lines: index into paragraph.quotes


@dataclass
class Layout:
    lines: list[SourceLine] = field(default_factory=list)
    para_first: list[int] = field(default_factory=list)  # first line of each paragraph
    para_last: list[int] = field(default_factory=list)  # its last (speaker lines included)
    gutter: int = 0  # cells before the text: marker, ¶ number, mark, space


def empty_layout(message: str, width: int) -> Layout:
    """The lines of a pane with no article: ``message``, wrapped."""
    return Layout([SourceLine(-1, "empty", text=message[a:b])
                   for a, b in wrap_offsets(message, width - 2)])


def lay_out(article: Article, texts: list[str],
            counterparts: dict[tuple[int, int], list[Related]], width: int) -> Layout:
    """``article`` (with ``texts``, the display text of each paragraph) at ``width`` cells."""
    layout = Layout()
    lines = layout.lines
    numbers = [p.number for p in article.paragraphs] or [1]
    layout.gutter = len(f"¶{max(numbers)}") + 3
    text_width = max(width - layout.gutter - 1, 8)
    for index, paragraph in enumerate(article.paragraphs):
        layout.para_first.append(len(lines))
        for n, (start, end) in enumerate(wrap_offsets(texts[index], text_width)):
            lines.append(SourceLine(index, "body", start, end, first=n == 0))
        if paragraph.repeat_of is not None:
            lines.append(SourceLine(index, "repeat", text=f"repeats ¶{paragraph.repeat_of}"))
        for k, quote in enumerate(paragraph.quotes):
            if quote.kind == TERM:
                continue
            label = speaker_label(quote)
            for start, end in wrap_offsets(label, text_width):
                lines.append(SourceLine(index, "speaker", text=label[start:end], quote=k))
            found = counterparts.get((paragraph.number, k + 1))
            if found:
                label = also_label(found)
                for start, end in wrap_offsets(label, text_width):
                    lines.append(SourceLine(index, "also", text=label[start:end], quote=k))
        layout.para_last.append(len(lines) - 1)
        lines.append(SourceLine(index, "blank"))
    if article.credit:
        lines.append(SourceLine(-1, "meta", text=display_text(f"({article.credit})")))
    return layout
