"""Two articles side by side, paragraph rows aligned by the library's comparison.

A line-API widget like the source view: the rows are laid out once per width into screen lines
that hold offsets into paragraph text, and :meth:`render_line` styles only the lines on screen.
Each row is a paragraph of article A beside its counterpart in article B with the similarity
score between them; the words whose stems the two share are highlighted on both sides.
Paragraphs with no counterpart get a row of their own with "no counterpart" on the other side,
and repeated paragraphs (not compared) a one-line row at the end. The cursor is a row and a side;
``tab`` switches the side.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.compare import Alignment
from reader.language.analysis import highlight_offsets
from reader.records import TERM, Article, Paragraph
from reader.tui.widgets.source_view import display_text, speaker_label, wrap_offsets

MID = 7  # the middle column: the score
NO_COUNTERPART = "— no counterpart —"


@dataclass(frozen=True)
class Row:
    """One aligned row: paragraph numbers of A and B (``None``: no counterpart on that side)."""

    a: int | None
    b: int | None
    score: float | None = None
    shared: tuple[str, ...] = ()
    repeat: bool = False  # a repeated paragraph, not compared


def aligned_rows(alignment: Alignment, article_a: Article, article_b: Article) -> list[Row]:
    """The rows in A's paragraph order; B-only paragraphs follow their nearest earlier neighbour.

    A paragraph paired more than once gets a row per pair. Repeated paragraphs (which the
    comparison skips) come last, one row each.
    """
    pairs = sorted(alignment.pairs, key=lambda p: (p.a, p.b))
    rows: list[Row] = []
    only_a = set(alignment.only_a)
    for paragraph in article_a.paragraphs:
        if paragraph.repeat_of is not None:
            continue
        number = paragraph.number
        if number in only_a:
            rows.append(Row(number, None))
        for pair in pairs:
            if pair.a == number:
                rows.append(Row(number, pair.b, pair.score, tuple(pair.shared)))
    for number in sorted(alignment.only_b):
        placed = [(row.b, position) for position, row in enumerate(rows)
                  if row.b is not None and row.b < number]
        if placed:
            anchor = max(placed)[1]
            rows.insert(anchor + 1, Row(None, number))
        else:
            later = [position for position, row in enumerate(rows)
                     if row.b is not None and row.b > number]
            rows.insert(min(later) if later else len(rows), Row(None, number))
    rows.extend(Row(p.number, None, repeat=True) for p in article_a.paragraphs
                if p.repeat_of is not None)
    rows.extend(Row(None, p.number, repeat=True) for p in article_b.paragraphs
                if p.repeat_of is not None)
    return rows


@dataclass(frozen=True)
class _Piece:
    """What one side of one screen line shows."""

    kind: str  # "body", "speaker", "note", "none", "repeat", "blank"
    start: int = 0  # body: offsets into the paragraph text
    end: int = 0
    first: bool = False  # body: the paragraph's first line (carries the number)
    text: str = ""


_BLANK = _Piece("blank")


@dataclass(frozen=True)
class _Line:
    row: int  # index into rows; -1 for the gap between rows
    a: _Piece = _BLANK
    b: _Piece = _BLANK
    mid: str = ""


@dataclass
class _Side:
    """What the view knows about one of the two articles."""

    article: Article
    texts: dict[int, str] = field(default_factory=dict)  # display text by paragraph number
    paragraphs: dict[int, Paragraph] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.paragraphs = {p.number: p for p in self.article.paragraphs}
        self.texts = {p.number: display_text(p.text) for p in self.article.paragraphs}


class CompareView(ScrollView, can_focus=True):
    """The aligned rows of two articles."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "move(1)", "Next row", show=False),
        Binding("up,k", "move(-1)", "Previous row", show=False),
        Binding("home,g", "first", "First row", show=False),
        Binding("end,G", "last", "Last row", show=False),
        Binding("pagedown,space", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
        Binding("tab,shift+tab", "switch_side", "Side", key_display="tab"),
        Binding("left,h", "side('a')", "Side A", show=False),
        Binding("right,l", "side('b')", "Side B", show=False),
        Binding("n", "unpaired(1)", "Unpaired"),
        Binding("N", "unpaired(-1)", "Previous unpaired", show=False),
    ]

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
    CompareView {
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
        & > .compare-view--speaker { color: $text-success; text-style: dim italic; }
        & > .compare-view--note { color: $text-muted; text-style: italic; }
        & > .compare-view--none { color: $text-error; text-style: italic; }
        & > .compare-view--repeat { color: $text-disabled; }
        & > .compare-view--score { color: $text-accent; text-style: bold; }
        & > .compare-view--rule { color: $foreground 15%; }
        & > .compare-view--empty { color: $text-muted; text-style: italic; }
    }
    """

    class Moved(Message):
        """The cursor moved to another row or side."""

        def __init__(self, view: CompareView) -> None:
            super().__init__()
            self.view = view

    class Open(Message):
        """The user clicked twice on a paragraph: open it in the source view."""

        def __init__(self, view: CompareView) -> None:
            super().__init__()
            self.view = view

    def __init__(self, *, name: str | None = None, id: str | None = None,
                 classes: str | None = None) -> None:
        super().__init__(name=name, id=id, classes=classes)
        self.alignment: Alignment | None = None
        self.rows: list[Row] = []
        self.side = "a"  # the focused side: "a" or "b"
        self.empty_message = "Comparing…"
        self._sides: dict[str, _Side] = {}
        self._row = 0
        self._lines: list[_Line] = []
        self._row_first: list[int] = []
        self._row_last: list[int] = []
        self._spans: dict[tuple[int, str], list[tuple[int, int, str]]] = {}
        self._layout_width = -1
        self._side_width = 0
        self._gutter = 0
        self._styles: dict[tuple[str, ...], Style] = {}

    # -- what is shown ----------------------------------------------------------------------------

    def show(self, alignment: Alignment | None, article_a: Article | None,
             article_b: Article | None, row: int = 0, side: str = "a") -> None:
        """Show the rows of ``alignment`` between the two articles (``None``: the message)."""
        if alignment is None or article_a is None or article_b is None:
            self.alignment, self.rows, self._sides = None, [], {}
        else:
            self.alignment = alignment
            self._sides = {"a": _Side(article_a), "b": _Side(article_b)}
            self.rows = aligned_rows(alignment, article_a, article_b)
        self._row = min(max(row, 0), max(len(self.rows) - 1, 0))
        self.side = side
        self._relayout()
        self.scroll_to(y=0, animate=False, immediate=True, force=True)
        if self.rows:
            self._scroll_to_row(self._row)
        self.refresh()
        self._announce()

    @property
    def row(self) -> Row | None:
        return self.rows[self._row] if self.rows else None

    @property
    def row_index(self) -> int:
        return self._row

    def article(self, side: str) -> Article | None:
        found = self._sides.get(side)
        return found.article if found else None

    @property
    def current_paragraph(self) -> int | None:
        """The paragraph number under the cursor on the focused side (``None``: no paragraph)."""
        row = self.row
        if row is None:
            return None
        return row.a if self.side == "a" else row.b

    def row_of(self, a: int | None = None, b: int | None = None) -> int | None:
        """The first row showing A's paragraph ``a`` (and B's ``b`` when given)."""
        for position, row in enumerate(self.rows):
            if (a is None or row.a == a) and (b is None or row.b == b):
                return position
        return None

    def go_to_row(self, index: int) -> None:
        if not self.rows:
            return
        self._row = min(max(index, 0), len(self.rows) - 1)
        self._scroll_to_row(self._row)
        self.refresh()
        self._announce()

    # -- moving -----------------------------------------------------------------------------------

    def action_move(self, delta: int) -> None:
        self.go_to_row(self._row + delta)

    def action_first(self) -> None:
        self.go_to_row(0)

    def action_last(self) -> None:
        self.go_to_row(len(self.rows) - 1)

    def action_page(self, direction: int) -> None:
        height = max(self.scrollable_content_region.height - 2, 1)
        self.scroll_to(y=self.scroll_y + direction * height, animate=False, force=True)

    def action_switch_side(self) -> None:
        self.side = "b" if self.side == "a" else "a"
        self.refresh()
        self._announce()

    def action_side(self, side: str) -> None:
        if side != self.side:
            self.action_switch_side()

    def action_unpaired(self, delta: int) -> None:
        """The next (or previous) row where a paragraph has no counterpart."""
        positions = [n for n, row in enumerate(self.rows)
                     if not row.repeat and (row.a is None or row.b is None)]
        if not positions:
            self.app.bell()
            self.notify("Every paragraph has a counterpart.", timeout=3)
            return
        if delta > 0:
            target = next((n for n in positions if n > self._row), positions[0])
        else:
            target = next((n for n in reversed(positions) if n < self._row), positions[-1])
        row = self.rows[target]
        self.side = "a" if row.a is not None else "b"
        self.go_to_row(target)

    # -- layout -----------------------------------------------------------------------------------

    def _content_width(self) -> int:
        return max(self.scrollable_content_region.width, 20)

    def _relayout(self) -> None:
        width = self._content_width()
        self._layout_width = width
        self._lines, self._row_first, self._row_last, self._spans = [], [], [], {}
        if not self.rows:
            message = self.empty_message
            for start, end in wrap_offsets(message, width - 2):
                self._lines.append(_Line(-1, _Piece("empty", text=message[start:end])))
            self._update_virtual_size()
            return
        largest = max((p.number for s in self._sides.values() for p in s.article.paragraphs),
                      default=1)
        self._gutter = len(f"¶{largest}") + 2  # marker, number, space
        self._side_width = (width - MID) // 2
        text_width = max(self._side_width - self._gutter - 1, 6)
        for index, row in enumerate(self.rows):
            left = self._cell(index, row, "a", text_width)
            right = self._cell(index, row, "b", text_width)
            self._row_first.append(len(self._lines))
            for n in range(max(len(left), len(right))):
                mid = ""
                if n == 0 and row.score is not None:
                    mid = f"{row.score:.2f}"
                self._lines.append(_Line(index, left[n] if n < len(left) else _BLANK,
                                         right[n] if n < len(right) else _BLANK, mid))
            self._row_last.append(len(self._lines) - 1)
            self._lines.append(_Line(-1))
        self._update_virtual_size()

    def _cell(self, index: int, row: Row, side: str, width: int) -> list[_Piece]:
        number = row.a if side == "a" else row.b
        if number is None:
            if row.repeat:
                return []
            return [_Piece("none", text=NO_COUNTERPART)]
        data = self._sides[side]
        paragraph = data.paragraphs.get(number)
        if paragraph is None:
            return [_Piece("note", text=f"¶{number} is not in this article")]
        if row.repeat:
            return [_Piece("repeat", first=True, text=f"repeats ¶{paragraph.repeat_of}"
                                                      " (not compared)")]
        text = data.texts[number]
        spans = [(q.start, q.end, "term" if q.kind == TERM else "quote")
                 for q in paragraph.quotes if 0 <= q.start < q.end <= len(text)]
        if row.shared:
            spans += [(a, b, "shared") for a, b in highlight_offsets(paragraph.text,
                                                                    set(row.shared))]
        self._spans[(index, side)] = spans
        pieces = [_Piece("body", start, end, first=n == 0)
                  for n, (start, end) in enumerate(wrap_offsets(text, width))]
        for label in self._speaker_notes(row, side, paragraph):
            pieces.extend(_Piece("speaker", text=label[a:b]) for a, b in wrap_offsets(label, width))
        others = self._other_pairs(row, side)
        if others:
            note = display_text(others)
            pieces.extend(_Piece("note", text=note[a:b]) for a, b in wrap_offsets(note, width))
        return pieces

    def _speaker_notes(self, row: Row, side: str, paragraph: Paragraph) -> list[str]:
        """A speaker line for each statement, with its counterpart when the other side has one."""
        assert self.alignment is not None
        labels = []
        other = "B" if side == "a" else "A"
        for k, quote in enumerate(paragraph.quotes, start=1):
            if quote.kind == TERM:
                continue
            label = speaker_label(quote)
            for pair in self.alignment.quotes:
                mine = (pair.a, pair.a_quote) if side == "a" else (pair.b, pair.b_quote)
                theirs = (pair.b, pair.b_quote) if side == "a" else (pair.a, pair.a_quote)
                if mine == (paragraph.number, k):
                    label += f" · same statement as {other} ¶{theirs[0]}"
                    break
            labels.append(label)
        return labels

    def _other_pairs(self, row: Row, side: str) -> str:
        """``also paired with B ¶4`` when this paragraph is on other rows too."""
        mine = row.a if side == "a" else row.b
        theirs = row.b if side == "a" else row.a
        if mine is None or theirs is None:
            return ""
        others = sorted({(r.b if side == "a" else r.a) for r in self.rows
                         if (r.a if side == "a" else r.b) == mine and not r.repeat}
                        - {theirs, None})
        if not others:
            return ""
        other = "B" if side == "a" else "A"
        return f"also paired with {other} " + ", ".join(f"¶{n}" for n in others)

    def _update_virtual_size(self) -> None:
        self.virtual_size = Size(self._layout_width, len(self._lines))

    def on_resize(self, event: events.Resize) -> None:
        if self._content_width() != self._layout_width:
            self._relayout()
            if self.rows:
                self._scroll_to_row(self._row)
            self.refresh()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()

    # -- scrolling --------------------------------------------------------------------------------

    def _scroll_to_row(self, index: int) -> None:
        if not self._row_first:
            return
        first, last = self._row_first[index], self._row_last[index]
        height = max(self.scrollable_content_region.height, 1)
        y = self.scroll_y
        if first < y:
            target = first
        elif last >= y + height:
            target = min(first, last + 2 - height) if last - first + 2 <= height else first
        else:
            return
        self.scroll_to(y=max(target, 0), animate=False, immediate=True, force=True)

    # -- mouse ------------------------------------------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        y = event.y + int(self.scroll_y)
        if not (0 <= y < len(self._lines)) or self._lines[y].row < 0:
            return
        side = "a" if event.x < self._side_width + MID // 2 else "b"
        changed = (self._lines[y].row, side) != (self._row, self.side)
        self.side = side
        self.go_to_row(self._lines[y].row)
        if event.chain >= 2 and not changed:
            self.post_message(self.Open(self))

    # -- rendering --------------------------------------------------------------------------------

    def _style(self, *names: str) -> Style:
        style = self._styles.get(names)
        if style is None:
            style = self.get_visual_style(*(f"compare-view--{n}" for n in names)).rich_style
            self._styles[names] = style
        return style

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

    def _side_segments(self, line: _Line, side: str, width: int) -> list[Segment]:
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

    def _body_segments(self, index: int, side: str, piece: _Piece,
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

    # -- status -----------------------------------------------------------------------------------

    def _announce(self) -> None:
        self.post_message(self.Moved(self))

    def position_label(self) -> str:
        """``row 3 of 20 · A ¶8 ↔ B ¶2 · 0.38`` (no text from files)."""
        row = self.row
        if row is None:
            return ""
        a = f"A ¶{row.a}" if row.a is not None else "A —"
        b = f"B ¶{row.b}" if row.b is not None else "B —"
        parts = [f"row {self._row + 1} of {len(self.rows)}", f"{a} ↔ {b}"]
        if row.score is not None:
            parts.append(f"{row.score:.2f}")
        elif row.repeat:
            parts.append("repeated, not compared")
        else:
            parts.append("no counterpart")
        return " · ".join(parts)

    def line_of_row(self, index: int) -> int | None:
        """The first screen line of row ``index`` (for tests and scrolling)."""
        if not (0 <= index < len(self._row_first)):
            return None
        return self._row_first[index]

    def row_at_line(self, y: int) -> int | None:
        position = bisect_right(self._row_first, y) - 1
        return position if position >= 0 else None


def line_number(row: Row, side: str) -> int | None:
    return row.a if side == "a" else row.b
