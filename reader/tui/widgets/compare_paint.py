"""Drawing a comparison: the styles of its parts and one screen line at a time.

The state (rows, their layout, the cursor) lives here too, so
:mod:`reader.tui.widgets.compare_view` can stay about laying rows out and moving through them.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.compare import Alignment
from reader.records import Article, Paragraph
from reader.tui.widgets.compare_rows import Row, line_number
from reader.tui.widgets.component_styles import ComponentStyles
from reader.tui.widgets.text_layout import display_text

MID = 7  # the middle column: the score
NO_COUNTERPART = "— no counterpart —"


@dataclass(frozen=True)
class Piece:
    """What one side of one screen line shows."""

    kind: str  # "body", "speaker", "note", "none", "repeat", "blank"
    start: int = 0  # body: offsets into the paragraph text
    end: int = 0
    first: bool = False  # body: the paragraph's first line (carries the number)
    text: str = ""


BLANK = Piece("blank")


@dataclass(frozen=True)
class PairLine:
    row: int  # index into rows; -1 for the gap between rows
    a: Piece = BLANK
    b: Piece = BLANK
    mid: str = ""


@dataclass
class Side:
    """What the view knows about one of the two articles."""

    article: Article
    texts: dict[int, str] = field(default_factory=dict)  # display text by paragraph number
    paragraphs: dict[int, Paragraph] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.paragraphs = {p.number: p for p in self.article.paragraphs}
        self.texts = {p.number: display_text(p.text) for p in self.article.paragraphs}


class ComparePaint(ComponentStyles, ScrollView):
    """The aligned rows of two articles, styled by component classes that follow the theme."""

    STYLE_PREFIX = "compare-view"

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "compare-view--gutter",
        "compare-view--gutter-current",
        "compare-view--marker",
        "compare-view--current",
        "compare-view--row",
        "compare-view--shared",
        "compare-view--quote",
        "compare-view--term",
        "compare-view--speaker",
        "compare-view--note",
        "compare-view--none",
        "compare-view--repeat",
        "compare-view--score",
        "compare-view--rule",
        "compare-view--empty",
    }

    DEFAULT_CSS = """
    ComparePaint {
        background: $surface;
        scrollbar-gutter: stable;
        scrollbar-size-vertical: 1;
        overflow-x: hidden;
        & > .compare-view--gutter { color: $text-muted; }
        & > .compare-view--gutter-current { color: $text-accent; text-style: bold; }
        & > .compare-view--marker { color: $accent; }
        & > .compare-view--current { background: $boost; }
        & > .compare-view--row { }
        & > .compare-view--shared { color: $text-warning; background: $warning-muted;
                                    text-style: bold; }
        & > .compare-view--quote { color: $text-success; text-style: italic; }
        & > .compare-view--term { color: $text-secondary; }
        & > .compare-view--speaker { color: $text-success; text-style: italic; }
        & > .compare-view--note { color: $text-muted; text-style: italic; }
        & > .compare-view--none { color: $text-error; text-style: italic; }
        & > .compare-view--repeat { color: $text-muted; }
        & > .compare-view--score { color: $text-accent; text-style: bold; }
        & > .compare-view--rule { color: $foreground 30%; }
        & > .compare-view--empty { color: $text-muted; text-style: italic; }
    }
    """

    def __init__(self, *, name: str | None = None, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.alignment: Alignment | None = None
        self.rows: list[Row] = []
        self.side = "a"  # the focused side: "a" or "b"
        self.empty_message = "Comparing…"
        self._sides: dict[str, Side] = {}
        self._row = 0
        self._lines: list[PairLine] = []
        self._row_first: list[int] = []
        self._row_last: list[int] = []
        self._spans: dict[tuple[int, str], list[tuple[int, int, str]]] = {}
        self._layout_width = -1
        self._side_width = 0
        self._gutter = 0
        self._styles: dict[tuple[str, ...], Style] = {}
        self._shared: dict[tuple[str, int], list[tuple[int, int]]] = {}

    # -- rendering --------------------------------------------------------------------------------

    def render_line(self, y: int) -> Strip:
        width = self.scrollable_content_region.width
        if self._content_width() != self._layout_width and width > 0:
            self._relayout()
        index = y + int(self.scroll_y)
        base = self._style()
        if not (0 <= index < len(self._lines)):
            return Strip.blank(width, base)
        line = self._lines[index]
        if line.row < 0 and line.a.kind == "empty":
            segments = [Segment("  ", base), Segment(line.a.text, self._style("empty"))]
            return Strip(segments).extend_cell_length(width, base).crop(0, width)
        left = self._side_segments(line, "a", self._side_width)
        right = self._side_segments(line, "b", width - MID - self._side_width)
        if line.mid:
            mid = [Segment(line.mid.center(MID), self._style("score"))]
        elif line.row >= 0:
            mid = [Segment("│".center(MID), self._style("rule"))]
        else:
            mid = [Segment(" " * MID, base)]
        return Strip([*left, *mid, *right]).extend_cell_length(width, base).crop(0, width)

    def _side_segments(self, line: PairLine, side: str, width: int) -> list[Segment]:
        piece = line.a if side == "a" else line.b
        base = self._style()
        if line.row < 0:
            return [Segment(" " * width, base)]
        current = line.row == self._row
        focused = current and side == self.side
        row: tuple[str, ...] = ("current",) if focused else ()
        segments: list[Segment] = []
        marker = "▌" if focused else ("▏" if current else " ")
        segments.append(Segment(marker, self._style(*row, "marker")))
        number = ""
        if piece.first:
            number = f"¶{line_number(self.rows[line.row], side)}"
        name = "gutter-current" if current else "gutter"
        if piece.kind == "repeat":
            name = "repeat"
        segments.append(Segment(number.rjust(self._gutter - 2) + " ", self._style(*row, name)))
        segments.append(Segment(" ", self._style(*row)))
        if piece.kind == "body":
            segments.extend(self._body_segments(line.row, side, piece, row))
        elif piece.kind in ("speaker", "note", "none", "repeat"):
            segments.append(Segment(piece.text, self._style(*row, piece.kind)))
        fill = self._style(*row)
        return list(Strip(segments).extend_cell_length(width, fill).crop(0, width))

    def _body_segments(self, index: int, side: str, piece: Piece,
                       row: tuple[str, ...]) -> list[Segment]:
        number = line_number(self.rows[index], side)
        text = self._sides[side].texts[number]
        start, end = piece.start, piece.end
        if start == end:
            return []
        spans = [s for s in self._spans.get((index, side), ()) if s[1] > start and s[0] < end]
        if not spans:
            return [Segment(text[start:end], self._style(*row))]
        cuts = sorted({start, end} | {p for a, b, _ in spans for p in (a, b) if start < p < end})
        segments = []
        for a, b in zip(cuts, cuts[1:], strict=False):
            names = row + tuple(n for s, e, n in spans if s <= a and e >= b)
            segments.append(Segment(text[a:b], self._style(*names)))
        return segments

