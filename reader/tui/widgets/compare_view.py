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
from dataclasses import dataclass
from typing import ClassVar

from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message

from reader.compare import Alignment
from reader.records import TERM, Article, Paragraph
from reader.tui.widgets.compare_paint import (
    BLANK,
    MID,
    NO_COUNTERPART,
    ComparePaint,
    PairLine,
    Piece,
    Side,
)
from reader.tui.widgets.compare_rows import Row, aligned_rows
from reader.tui.widgets.text_layout import display_text, speaker_label, wrap_offsets


class CompareView(ComparePaint, can_focus=True):
    """The aligned rows of two articles."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "move(1)", "Next row", show=False, id="compare-down",
                tooltip="next row: a paragraph and its counterpart"),
        Binding("up,k", "move(-1)", "Previous row", show=False, id="compare-up",
                tooltip="previous row"),
        Binding("home,g", "first", "First row", show=False, id="compare-first",
                tooltip="first row"),
        Binding("end,G", "last", "Last row", show=False, id="compare-last",
                tooltip="last row"),
        Binding("pagedown,space", "page(1)", "Page down", show=False, id="compare-page-down",
                tooltip="a page down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="compare-page-up",
                tooltip="a page up"),
        Binding("tab,shift+tab", "switch_side", "Side", key_display="tab", id="compare-side",
                tooltip="switch to the other article's side"),
        Binding("left,h", "side('a')", "Side A", show=False, id="compare-side-a",
                tooltip="article A's side"),
        Binding("right,l", "side('b')", "Side B", show=False, id="compare-side-b",
                tooltip="article B's side"),
        Binding("n", "unpaired(1)", "Unpaired", id="compare-next-unpaired",
                tooltip="next paragraph with no counterpart"),
        Binding("N", "unpaired(-1)", "Previous unpaired", show=False, key_display="N",
                id="compare-previous-unpaired",
                tooltip="previous paragraph with no counterpart"),
    ]

    @dataclass
    class Moved(Message):
        """The cursor moved to another row or side."""

        view: CompareView

    @dataclass
    class Open(Message):
        """The user clicked twice on a paragraph: open it in the source view."""

        view: CompareView

    # -- what is shown ----------------------------------------------------------------------------

    def show(self, alignment: Alignment | None, article_a: Article | None,
             article_b: Article | None, row: int = 0, side: str = "a",
             shared: dict[tuple[str, int], list[tuple[int, int]]] | None = None) -> None:
        """Show the rows of ``alignment`` between the two articles (``None``: the message).

        ``shared``: for ``(side, paragraph number)``, the offsets of the words it shares with
        its counterparts (the library finds them; this view only draws).
        """
        self._shared = shared or {}
        if alignment is None or article_a is None or article_b is None:
            self.alignment, self.rows, self._sides = None, [], {}
        else:
            self.alignment = alignment
            self._sides = {"a": Side(article_a), "b": Side(article_b)}
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
                self._lines.append(PairLine(-1, Piece("empty", text=message[start:end])))
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
                self._lines.append(PairLine(index, left[n] if n < len(left) else BLANK,
                                         right[n] if n < len(right) else BLANK, mid))
            self._row_last.append(len(self._lines) - 1)
            self._lines.append(PairLine(-1))
        self._update_virtual_size()

    def _cell(self, index: int, row: Row, side: str, width: int) -> list[Piece]:
        number = row.a if side == "a" else row.b
        if number is None:
            if row.repeat:
                return []
            return [Piece("none", text=NO_COUNTERPART)]
        data = self._sides[side]
        paragraph = data.paragraphs.get(number)
        if paragraph is None:
            return [Piece("note", text=f"¶{number} is not in this article")]
        if row.repeat:
            return [Piece("repeat", first=True, text=f"repeats ¶{paragraph.repeat_of}"
                                                      " (not compared)")]
        again = row.again(side)
        if again is not None:
            note = f"(¶{number} in full on row {again + 1}, above)"
            return [Piece("note", first=True, text=note[a:b])
                    for a, b in wrap_offsets(note, width)]
        text = data.texts[number]
        spans = [(q.start, q.end, "term" if q.kind == TERM else "quote")
                 for q in paragraph.quotes if 0 <= q.start < q.end <= len(text)]
        spans += [(a, b, "shared") for a, b in self._shared.get((side, number), ())
                  if 0 <= a < b <= len(text)]
        self._spans[(index, side)] = spans
        pieces = [Piece("body", start, end, first=n == 0)
                  for n, (start, end) in enumerate(wrap_offsets(text, width))]
        for label in self._speaker_notes(row, side, paragraph):
            pieces.extend(Piece("speaker", text=label[a:b]) for a, b in wrap_offsets(label, width))
        others = self._other_pairs(row, side)
        if others:
            note = display_text(others)
            pieces.extend(Piece("note", text=note[a:b]) for a, b in wrap_offsets(note, width))
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
