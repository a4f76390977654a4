"""Drawing the source pane: the styles of its parts and one screen line at a time.

The state (the article, its layout, the current paragraph, quote and match, the marks) lives
here too, so :mod:`reader.tui.widgets.source_view` can stay about moving through it.
"""

from __future__ import annotations

from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.compare import Related
from reader.records import TERM, Article
from reader.tui.widgets.component_styles import ComponentStyles
from reader.tui.widgets.source_layout import SourceLine


class SourcePaint(ComponentStyles, ScrollView):
    """The article's lines, styled by component classes that follow the theme."""

    STYLE_PREFIX = "source-view"

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "source-view--gutter",
        "source-view--gutter-current",
        "source-view--marker",
        "source-view--current",
        "source-view--match",
        "source-view--match-current",
        "source-view--quote",
        "source-view--term",
        "source-view--quote-selected",
        "source-view--speaker",
        "source-view--speaker-selected",
        "source-view--also",
        "source-view--repeat",
        "source-view--repeat-current",
        "source-view--meta",
        "source-view--empty",
        "source-view--mark",
    }

    DEFAULT_CSS = """
    SourcePaint {
        background: $surface;
        scrollbar-gutter: stable;
        overflow-x: hidden;
        & > .source-view--gutter { color: $text-muted; }
        & > .source-view--gutter-current { color: $text-accent; text-style: bold; }
        & > .source-view--marker { color: $accent; }
        & > .source-view--current { background: $boost; }
        & > .source-view--speaker-selected { text-style: bold italic; }
        & > .source-view--match { color: $text-warning; background: $warning-muted;
                                  text-style: bold; }
        & > .source-view--match-current { color: auto; background: $warning;
                                          text-style: bold underline; }
        & > .source-view--quote { color: $text-success; text-style: italic; }
        & > .source-view--term { color: $text-secondary; }
        & > .source-view--quote-selected { color: auto; background: $success;
                                           text-style: italic bold; }
        & > .source-view--speaker { color: $text-success; text-style: italic; }
        & > .source-view--also { color: $text-accent; text-style: italic; }
        & > .source-view--repeat { color: $text-muted; }
        & > .source-view--repeat-current { color: $foreground; }
        & > .source-view--meta { color: $text-muted; }
        & > .source-view--mark { color: $text-warning; text-style: bold; }
        & > .source-view--empty { color: $text-muted; text-style: italic; }
    }
    """

    def __init__(self, *, name: str | None = None, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.article: Article | None = None
        self.empty_message = "No article open. Search with / or pick an article on the left."
        self._texts: list[str] = []  # display text of each paragraph
        self._matches: dict[int, list[tuple[int, int]]] = {}  # paragraph index -> spans
        self._match_list: list[tuple[int, int, int]] = []  # (paragraph index, start, end)
        self._match_index: int | None = None
        self._counterparts: dict[tuple[int, int], list[Related]] = {}  # (number, quote from 1)
        self._current = 0  # paragraph index
        self._quote: int | None = None  # selected quote index within the current paragraph
        self._lines: list[SourceLine] = []
        self._para_first: list[int] = []  # first line of each paragraph
        self._para_last: list[int] = []  # last line (speaker and repeat lines included)
        self._layout_width = -1
        self._gutter = 0
        self._styles: dict[tuple[str, ...], Style] = {}
        self._marked: set[tuple[int, int | None]] = set()  # (paragraph number, quote or None)

    # -- rendering --------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if self._content_width() != self._layout_width and width > 0:
            self._reflow()
        index = y + int(self.scroll_y)
        base = self._style()
        if not (0 <= index < len(self._lines)):
            return Strip.blank(width, base)
        line = self._lines[index]
        current = line.para >= 0 and line.para == self._current
        row: tuple[str, ...] = ("current",) if current else ()
        segments: list[Segment] = []
        if line.kind in ("meta", "empty"):
            segments.append(Segment("  " if line.kind == "empty" else " ", base))
            segments.append(Segment(line.text, self._style(line.kind)))
        elif line.kind != "blank":
            segments.extend(self._gutter_segments(line, row))
            if line.kind == "body":
                segments.extend(self._body_segments(line, row))
            elif line.kind == "repeat":
                segments.append(Segment(line.text, self._style(*row, "repeat")))
            elif line.kind in ("speaker", "also"):
                selected = current and self._quote == line.quote
                kind = line.kind
                names = (*row, kind, "speaker-selected") if selected else (*row, kind)
                segments.append(Segment(line.text, self._style(*names)))
        fill = self._style(*row) if line.kind != "blank" else base
        return Strip(segments).extend_cell_length(width, fill).crop(0, width)

    def _gutter_segments(self, line: SourceLine, row: tuple[str, ...]) -> list[Segment]:
        assert self.article is not None
        current = bool(row)
        marker = Segment("▌" if current else " ", self._style(*row, "marker"))
        number = ""
        paragraph = self.article.paragraphs[line.para]
        if line.kind == "body" and line.first:
            number = f"¶{paragraph.number}"
        name = "gutter-current" if current else "gutter"
        if paragraph.repeat_of is not None and not current:
            name = "repeat"
        number = number.rjust(self._gutter - 3)
        if line.kind == "body" and line.first and (paragraph.number, None) in self._marked:
            mark = "•"
        elif line.kind == "speaker" and (paragraph.number, line.quote + 1) in self._marked:
            mark = "•"
        else:
            mark = " "
        return [marker, Segment(number, self._style(*row, name)),
                Segment(mark, self._style(*row, "mark")), Segment("  ", self._style(*row))]

    def _body_segments(self, line: SourceLine, row: tuple[str, ...]) -> list[Segment]:
        assert self.article is not None
        paragraph = self.article.paragraphs[line.para]
        text = self._texts[line.para]
        start, end = line.start, line.end
        if start == end:
            return []
        base = row
        if paragraph.repeat_of is not None:
            base = (*row, "repeat-current") if row else ("repeat",)
        spans: list[tuple[int, int, str]] = []
        current = line.para == self._current
        for k, quote in enumerate(paragraph.quotes):
            if quote.end <= start or quote.start >= end:
                continue
            if current and self._quote == k:
                name = "quote-selected"
            else:
                name = "term" if quote.kind == TERM else "quote"
            spans.append((quote.start, quote.end, name))
        current_match = (self._match_list[self._match_index]
                         if self._match_index is not None else None)
        for a, b in self._matches.get(line.para, ()):
            if b <= start or a >= end:
                continue
            name = "match-current" if current_match == (line.para, a, b) else "match"
            spans.append((a, b, name))
        if not spans:
            return [Segment(text[start:end], self._style(*base))]
        cuts = sorted({start, end} | {p for a, b, _ in spans for p in (a, b) if start < p < end})
        segments = []
        for a, b in zip(cuts, cuts[1:], strict=False):
            names = base + tuple(n for s, e, n in spans if s <= a and e >= b)
            segments.append(Segment(text[a:b], self._style(*names)))
        return segments

