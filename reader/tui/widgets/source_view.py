"""The source pane: a whole article, rendered line by line so long articles stay fast.

A line-API widget (like Toolong's log view): the article is laid out once per width into a list
of lines that hold only offsets into paragraph text, and :meth:`render_line` styles just the
lines on screen. Paragraph numbers sit in a gutter, the current paragraph is marked, search
matches and quotations are highlighted, each statement's speaker is shown under its paragraph
(with "also in …" when another article reports the same statement) and repeated paragraphs are
dimmed with the number of the paragraph they repeat.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message

from reader.compare import Related
from reader.records import Article, Paragraph, Quote
from reader.tui.widgets.source_layout import SourceLine, empty_layout, lay_out
from reader.tui.widgets.source_paint import SourcePaint
from reader.tui.widgets.text_layout import display_text


class SourceView(SourcePaint, can_focus=True):
    """The article in the right-hand pane."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "move(1)", "Next ¶", show=False, id="source-down",
                tooltip="next paragraph of the article"),
        Binding("up,k", "move(-1)", "Previous ¶", show=False, id="source-up",
                tooltip="previous paragraph of the article"),
        Binding("home,g", "first", "First ¶", show=False, id="source-first",
                tooltip="first paragraph of the article"),
        Binding("end,G", "last", "Last ¶", show=False, id="source-last",
                tooltip="last paragraph of the article"),
        Binding("pagedown,space", "page(1)", "Page down", show=False, id="source-page-down",
                tooltip="scroll the article a page down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="source-page-up",
                tooltip="scroll the article a page up"),
    ]

    @dataclass
    class Moved(Message):
        """The current paragraph, quote or match changed (for the pane's status line)."""

        view: SourceView

    @dataclass
    class AlsoIn(Message):
        """An "also in" line was clicked: its quote is selected; go to the counterpart."""

        view: SourceView

    # -- what is shown ----------------------------------------------------------------------------

    @property
    def current_paragraph(self) -> Paragraph | None:
        if self.article is None or not self.article.paragraphs:
            return None
        return self.article.paragraphs[self._current]

    @property
    def selected_quote(self) -> tuple[int, Quote] | None:
        """The selected quote as ``(number within its paragraph from 1, quote)``."""
        paragraph = self.current_paragraph
        if paragraph is None or self._quote is None or self._quote >= len(paragraph.quotes):
            return None
        return self._quote + 1, paragraph.quotes[self._quote]

    @property
    def match_count(self) -> int:
        return len(self._match_list)

    @property
    def match_index(self) -> int | None:
        return self._match_index

    def show_article(self, article: Article | None, para: int | None = None,
                     quote: int | None = None,
                     matches: dict[int, list[tuple[int, int]]] | None = None) -> None:
        """Show ``article`` at paragraph number ``para`` (and its ``quote``-th quote, from 1)."""
        self.article = article
        self._texts = [display_text(p.text) for p in article.paragraphs] if article else []
        self._counterparts = {}
        self._current = 0
        self._quote = None
        self._layout_width = -1
        self._set_matches(matches or {})
        self._relayout()
        self.scroll_to(y=0, animate=False, immediate=True, force=True)
        if article is not None and para is not None:
            self.goto(para, quote=quote, top=True)
        else:
            self._announce()

    def set_counterparts(self, counterparts: dict[tuple[int, int], list[Related]]) -> None:
        """Where else each statement is reported: ``(paragraph number, quote from 1)`` -> list."""
        self._counterparts = {key: list(found) for key, found in counterparts.items() if found}
        if self.article is not None:
            self._reflow()
        self._announce()

    def set_marked(self, marked: set[tuple[int, int | None]]) -> None:
        """The marked paragraphs and quotes of this article: ``(number, quote or None)``."""
        if marked != self._marked:
            self._marked = set(marked)
            self.refresh()

    def counterparts(self, para: int, quote: int) -> list[Related]:
        """The other reports of quote ``quote`` (from 1) of paragraph number ``para``."""
        return self._counterparts.get((para, quote), [])

    @property
    def has_counterparts(self) -> bool:
        return bool(self._counterparts)

    def quotes_with_counterparts(self) -> list[tuple[int, int]]:
        """``(paragraph number, quote from 1)`` of every statement reported elsewhere."""
        return sorted(self._counterparts)

    def matches_by_number(self) -> dict[int, list[tuple[int, int]]]:
        """The highlighted spans by paragraph number."""
        if self.article is None:
            return {}
        return {self.article.paragraphs[i].number: list(spans)
                for i, spans in self._matches.items()}

    def set_matches(self, matches: dict[int, list[tuple[int, int]]]) -> None:
        """Highlight these spans: paragraph number -> [(start, end)] offsets into its text."""
        self._set_matches(matches)
        self.refresh()
        self._announce()

    def _set_matches(self, matches: dict[int, list[tuple[int, int]]]) -> None:
        self._matches = {}
        self._match_list = []
        self._match_index = None
        if self.article is None:
            return
        for index, paragraph in enumerate(self.article.paragraphs):
            spans = sorted(set(matches.get(paragraph.number, ())))
            limit = len(paragraph.text)
            spans = [(a, b) for a, b in spans if 0 <= a < b <= limit]
            if spans:
                self._matches[index] = spans
                self._match_list.extend((index, a, b) for a, b in spans)
        for position, (index, _a, _b) in enumerate(self._match_list):
            if index == self._current:
                self._match_index = position
                break

    # -- moving -----------------------------------------------------------------------------------

    def goto(self, para: int, quote: int | None = None, top: bool = False) -> None:
        """Make paragraph number ``para`` current (selecting its ``quote``-th quote)."""
        if self.article is None or not self.article.paragraphs:
            return
        index = next((i for i, p in enumerate(self.article.paragraphs) if p.number == para), 0)
        self._set_current(index, top=top)
        paragraph = self.article.paragraphs[index]
        if quote is not None and 1 <= quote <= len(paragraph.quotes):
            self._quote = quote - 1
            self._reveal_quote()
        self.refresh()
        self._announce()

    def _set_current(self, index: int, top: bool = False) -> None:
        self._current = index
        self._quote = None
        self._match_index = next(
            (n for n, (i, _a, _b) in enumerate(self._match_list) if i == index), None)
        self._scroll_to_paragraph(index, top=top)

    def action_move(self, delta: int) -> None:
        if self.article is None or not self.article.paragraphs:
            return
        index = min(max(self._current + delta, 0), len(self.article.paragraphs) - 1)
        self._set_current(index)
        self.refresh()
        self._announce()

    def action_first(self) -> None:
        self.action_move(-len(self._texts))

    def action_last(self) -> None:
        self.action_move(len(self._texts))

    def action_page(self, direction: int) -> None:
        height = max(self.scrollable_content_region.height - 2, 1)
        self.scroll_to(y=self.scroll_y + direction * height, animate=False, force=True)

    def select_quote(self, delta: int) -> str:
        """Select the next (or previous) quote from the current position.

        Returns ``"none"`` when the article has no quotations, ``"wrapped"`` when the search
        went past the last (or first) quote and started again at the other end, else ``"ok"``.
        """
        if self.article is None:
            return "none"
        positions = [(i, k) for i, p in enumerate(self.article.paragraphs)
                     for k in range(len(p.quotes))]
        if not positions:
            return "none"
        here = (self._current, -1 if self._quote is None else self._quote)
        wrapped = False
        if delta > 0:
            after = [pos for pos in positions if pos > here]
            target = after[0] if after else positions[0]
            wrapped = not after
        else:
            if self._quote is None:
                here = (self._current, len(self.article.paragraphs[self._current].quotes))
            before = [pos for pos in positions if pos < here]
            target = before[-1] if before else positions[-1]
            wrapped = not before
        index, quote = target
        if index != self._current:
            self._set_current(index)
        self._quote = quote
        self._reveal_quote()
        self.refresh()
        self._announce()
        return "wrapped" if wrapped and len(positions) > 1 else "ok"

    def clear_quote(self) -> bool:
        """Drop the quote selection; ``False`` if there was none."""
        if self._quote is None:
            return False
        self._quote = None
        self.refresh()
        self._announce()
        return True

    def jump_match(self, delta: int) -> str:
        """Go to the next (or previous) match.

        Returns ``"none"`` when the article has no matches, ``"wrapped"`` when the jump went
        past the last (or first) match to the other end, else ``"ok"``.
        """
        if not self._match_list:
            return "none"
        count = len(self._match_list)
        wrapped = False
        if self._match_index is None:
            # the first match after (or the last before) the current paragraph
            if delta > 0:
                position = next((n for n, m in enumerate(self._match_list)
                                 if m[0] > self._current), None)
                wrapped = position is None
                position = 0 if position is None else position
            else:
                position = next((n for n in range(count - 1, -1, -1)
                                 if self._match_list[n][0] < self._current), None)
                wrapped = position is None
                position = count - 1 if position is None else position
        else:
            target = self._match_index + delta
            wrapped = not 0 <= target < count
            position = target % count
        index, start, _end = self._match_list[position]
        self._current = index
        self._quote = None
        self._match_index = position
        self._scroll_to_offset(index, start)
        self.refresh()
        self._announce()
        return "wrapped" if wrapped and count > 1 else "ok"

    # -- layout -----------------------------------------------------------------------------------

    def _content_width(self) -> int:
        return max(self.scrollable_content_region.width, 10)

    def _relayout(self) -> None:
        width = self._content_width()
        self._layout_width = width
        if self.article is None:
            layout = empty_layout(self.empty_message, width)
        else:
            layout = lay_out(self.article, self._texts, self._counterparts, width)
        self._lines, self._gutter = layout.lines, layout.gutter
        self._para_first, self._para_last = layout.para_first, layout.para_last
        self._update_virtual_size()

    def _update_virtual_size(self) -> None:
        self.virtual_size = Size(self._layout_width, len(self._lines))

    def on_resize(self, event: events.Resize) -> None:
        if self._content_width() != self._layout_width:
            self._reflow()

    def _reflow(self) -> None:
        """Lay out again for a new width, keeping the current paragraph where it was."""
        anchor, offset = None, 0
        if self._para_first and self._lines:
            top = int(self.scroll_y)
            height = max(self.scrollable_content_region.height, 1)
            first = self._para_first[self._current]
            if top <= first < top + height:
                anchor, offset = self._current, first - top
            else:
                line = self._lines[min(top, len(self._lines) - 1)]
                anchor = line.para if line.para >= 0 else None
                offset = self._para_first[anchor] - top if anchor is not None else 0
        self._relayout()
        if anchor is not None and self._para_first:
            target = self._para_first[anchor] - offset
            self.scroll_to(y=max(target, 0), animate=False, immediate=True, force=True)
        self.refresh()

    # -- scrolling --------------------------------------------------------------------------------

    def _scroll_to_paragraph(self, index: int, top: bool = False) -> None:
        if not self._para_first:
            return
        first, last = self._para_first[index], self._para_last[index]
        height = max(self.scrollable_content_region.height, 1)
        y = self.scroll_y
        if top:
            target = max(first - 1, 0)
        elif first < y:
            target = max(first - 1, 0)
        elif last >= y + height:
            target = min(first - 1, last + 2 - height) if last - first + 3 <= height else first
        else:
            return
        self.scroll_to(y=max(target, 0), animate=False, immediate=True, force=True)

    def _scroll_to_offset(self, index: int, offset: int) -> None:
        line = self._line_of(index, offset)
        height = max(self.scrollable_content_region.height, 1)
        if not (self.scroll_y <= line < self.scroll_y + height):
            self.scroll_to(y=max(line - height // 3, 0), animate=False, immediate=True,
                           force=True)

    def _reveal_quote(self) -> None:
        paragraph = self.current_paragraph
        if paragraph is None or self._quote is None:
            return
        self._scroll_to_paragraph(self._current)
        self._scroll_to_offset(self._current, paragraph.quotes[self._quote].start)

    def _line_of(self, index: int, offset: int) -> int:
        first, last = self._para_first[index], self._para_last[index]
        for y in range(first, last + 1):
            line = self._lines[y]
            if line.kind == "body" and line.start <= offset <= line.end:
                return y
        return first

    # -- mouse ------------------------------------------------------------------------------------

    def on_click(self, event: events.Click) -> None:
        y = event.y + int(self.scroll_y)
        if not (0 <= y < len(self._lines)):
            return
        line = self._lines[y]
        if line.para < 0:
            return
        self._set_current(line.para)
        paragraph = self.article.paragraphs[line.para] if self.article else None
        if paragraph is not None:
            if line.kind in ("speaker", "also"):
                self._quote = line.quote
            elif line.kind == "body":
                offset = self._offset_at(line, event.x - self._gutter - 1)
                self._quote = next((k for k, q in enumerate(paragraph.quotes)
                                    if q.start <= offset < q.end), None)
        self.refresh()
        self._announce()
        if line.kind == "also":
            self.post_message(self.AlsoIn(self))

    def _offset_at(self, line: SourceLine, column: int) -> int:
        text = self._texts[line.para]
        cells = 0
        for offset in range(line.start, line.end):
            cells += cell_len(text[offset])
            if cells > column:
                return offset
        return line.end

    # -- status -----------------------------------------------------------------------------------

    def _announce(self) -> None:
        self.post_message(self.Moved(self))

    def position_label(self) -> str:
        """A short status such as ``¶3 of 13 · quote 1 · match 2/7`` (no text from files)."""
        if self.article is None or not self.article.paragraphs:
            return ""
        paragraph = self.article.paragraphs[self._current]
        parts = [f"¶{paragraph.number} of {self.article.paragraphs[-1].number}"]
        if self._quote is not None:
            parts.append(f"quote {self._quote + 1}")
            found = self._counterparts.get((paragraph.number, self._quote + 1))
            if found:
                parts.append(f"also in {len(found)} · a")
        if self._match_list:
            if self._match_index is not None:
                parts.append(f"match {self._match_index + 1}/{len(self._match_list)}")
            else:
                parts.append(f"{len(self._match_list)} matches")
        return " · ".join(parts)

    def line_of_paragraph(self, para: int) -> int | None:
        """The first screen line of paragraph number ``para`` (for tests and scrolling)."""
        if self.article is None:
            return None
        numbers = [p.number for p in self.article.paragraphs]
        position = bisect_right(numbers, para) - 1
        if position < 0 or numbers[position] != para:
            return None
        return self._para_first[position] if self._para_first else None
