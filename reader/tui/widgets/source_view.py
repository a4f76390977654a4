"""The source pane: a whole article, rendered line by line so long articles stay fast.

A line-API widget (like Toolong's log view): the article is laid out once per width into a list
of lines that hold only offsets into paragraph text, and :meth:`render_line` styles just the
lines on screen. Paragraph numbers sit in a gutter, the current paragraph is marked, search
matches and quotations are highlighted, each statement's speaker is shown under its paragraph
(with "also in …" when another article reports the same statement) and repeated paragraphs are
dimmed with the number of the paragraph they repeat.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from typing import ClassVar

from rich.cells import cell_len
from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.compare import Related
from reader.records import TERM, Article, Paragraph, Quote

# Length-preserving: every control character becomes a space so offsets stay valid and nothing
# from a file can form a terminal escape sequence.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")
_WORD = re.compile(r"\S+")


def display_text(text: str) -> str:
    """``text`` with every control character (tab, ESC, C1 …) replaced by one space."""
    return _CONTROL.sub(" ", text)


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


@dataclass(frozen=True)
class _Line:
    """One screen line: a slice of a paragraph's text, or a piece of decoration."""

    para: int  # index into article.paragraphs; -1 for the header and footer
    kind: str  # "body", "speaker", "also", "repeat", "title", "meta", "blank", "empty"
    start: int = 0  # body: offsets into the paragraph text
    end: int = 0
    first: bool = False  # body: the paragraph's first line (carries the number)
    text: str = ""  # decoration lines: what to show
    quote: int = -1  # speaker and "also in" lines: index into paragraph.quotes


class SourceView(ScrollView, can_focus=True):
    """The article in the right-hand pane."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "move(1)", "Next ¶", show=False),
        Binding("up,k", "move(-1)", "Previous ¶", show=False),
        Binding("right_square_bracket", "quote(1)", "Next quote", show=False),
        Binding("left_square_bracket", "quote(-1)", "Previous quote", show=False),
        Binding("home,g", "first", "First ¶", show=False),
        Binding("end,G", "last", "Last ¶", show=False),
        Binding("pagedown,space", "page(1)", "Page down", show=False),
        Binding("pageup", "page(-1)", "Page up", show=False),
    ]

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
        "source-view--title",
        "source-view--meta",
        "source-view--empty",
    }

    DEFAULT_CSS = """
    SourceView {
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
        & > .source-view--match-current { color: $background; background: $warning;
                                          text-style: bold underline; }
        & > .source-view--quote { color: $text-success; text-style: italic; }
        & > .source-view--term { color: $text-secondary; }
        & > .source-view--quote-selected { color: $background; background: $success;
                                           text-style: italic bold; }
        & > .source-view--speaker { color: $text-success; text-style: dim italic; }
        & > .source-view--also { color: $text-accent; text-style: italic; }
        & > .source-view--repeat { color: $text-disabled; }
        & > .source-view--title { color: $text-primary; text-style: bold; }
        & > .source-view--meta { color: $text-muted; }
        & > .source-view--empty { color: $text-muted; text-style: italic; }
    }
    """

    class Moved(Message):
        """The current paragraph, quote or match changed (for the pane's status line)."""

        def __init__(self, view: SourceView) -> None:
            super().__init__()
            self.view = view

    class AlsoIn(Message):
        """An "also in" line was clicked: its quote is selected; go to the counterpart."""

        def __init__(self, view: SourceView) -> None:
            super().__init__()
            self.view = view

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
        self._lines: list[_Line] = []
        self._para_first: list[int] = []  # first line of each paragraph
        self._para_last: list[int] = []  # last line (speaker and repeat lines included)
        self._layout_width = -1
        self._gutter = 0
        self._styles: dict[tuple[str, ...], Style] = {}

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

    def action_quote(self, delta: int) -> None:
        """Select the next (or previous) quote in the article, from the current position."""
        if self.article is None:
            return
        positions = [(i, k) for i, p in enumerate(self.article.paragraphs)
                     for k in range(len(p.quotes))]
        if not positions:
            self.app.bell()
            self.notify("This article has no quotations.", severity="warning", timeout=3)
            return
        here = (self._current, -1 if self._quote is None else self._quote)
        if delta > 0:
            after = [pos for pos in positions if pos > here]
            target = after[0] if after else positions[0]
        else:
            if self._quote is None:
                here = (self._current, len(self.article.paragraphs[self._current].quotes))
            before = [pos for pos in positions if pos < here]
            target = before[-1] if before else positions[-1]
        index, quote = target
        if index != self._current:
            self._set_current(index)
        self._quote = quote
        self._reveal_quote()
        self.refresh()
        self._announce()

    def clear_quote(self) -> bool:
        """Drop the quote selection; ``False`` if there was none."""
        if self._quote is None:
            return False
        self._quote = None
        self.refresh()
        self._announce()
        return True

    def jump_match(self, delta: int) -> bool:
        """Go to the next (or previous) match; ``False`` when the article has none."""
        if not self._match_list:
            return False
        count = len(self._match_list)
        if self._match_index is None:
            # the first match after (or the last before) the current paragraph
            if delta > 0:
                position = next((n for n, m in enumerate(self._match_list)
                                 if m[0] > self._current), 0)
            else:
                position = next((n for n in range(count - 1, -1, -1)
                                 if self._match_list[n][0] < self._current), count - 1)
        else:
            position = (self._match_index + delta) % count
        index, start, _end = self._match_list[position]
        self._current = index
        self._quote = None
        self._match_index = position
        self._scroll_to_offset(index, start)
        self.refresh()
        self._announce()
        return True

    # -- layout -----------------------------------------------------------------------------------

    def _content_width(self) -> int:
        return max(self.scrollable_content_region.width, 10)

    def _relayout(self) -> None:
        width = self._content_width()
        self._layout_width = width
        lines: list[_Line] = []
        self._para_first, self._para_last = [], []
        article = self.article
        if article is None:
            for start, end in wrap_offsets(self.empty_message, width - 2):
                lines.append(_Line(-1, "empty", text=self.empty_message[start:end]))
            self._lines = lines
            self._gutter = 0
            self._update_virtual_size()
            return
        numbers = [p.number for p in article.paragraphs] or [1]
        self._gutter = len(f"¶{max(numbers)}") + 2  # marker, number, space
        title = display_text(article.title or article.doc)
        for start, end in wrap_offsets(title, width - 1):
            lines.append(_Line(-1, "title", text=title[start:end]))
        meta = " · ".join(filter(None, (article.source, article.dateline, article.date,
                                        article.author)))
        if meta:
            meta = display_text(meta)
            for start, end in wrap_offsets(meta, width - 1):
                lines.append(_Line(-1, "meta", text=meta[start:end]))
        lines.append(_Line(-1, "blank"))
        text_width = max(width - self._gutter - 1, 8)
        for index, paragraph in enumerate(article.paragraphs):
            self._para_first.append(len(lines))
            text = self._texts[index]
            for n, (start, end) in enumerate(wrap_offsets(text, text_width)):
                lines.append(_Line(index, "body", start, end, first=n == 0))
            if paragraph.repeat_of is not None:
                lines.append(_Line(index, "repeat", text=f"repeats ¶{paragraph.repeat_of}"))
            for k, quote in enumerate(paragraph.quotes):
                if quote.kind == TERM:
                    continue
                label = speaker_label(quote)
                for start, end in wrap_offsets(label, text_width):
                    lines.append(_Line(index, "speaker", text=label[start:end], quote=k))
                found = self._counterparts.get((paragraph.number, k + 1))
                if found:
                    label = also_label(found)
                    for start, end in wrap_offsets(label, text_width):
                        lines.append(_Line(index, "also", text=label[start:end], quote=k))
            self._para_last.append(len(lines) - 1)
            lines.append(_Line(index, "blank"))
        if article.credit:
            lines.append(_Line(-1, "meta", text=display_text(f"({article.credit})")))
        self._lines = lines
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

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._styles.clear()

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

    def _offset_at(self, line: _Line, column: int) -> int:
        text = self._texts[line.para]
        cells = 0
        for offset in range(line.start, line.end):
            cells += cell_len(text[offset])
            if cells > column:
                return offset
        return line.end

    # -- rendering --------------------------------------------------------------------------------

    def _style(self, *names: str) -> Style:
        """The Rich style of these component classes layered over the widget's own style."""
        style = self._styles.get(names)
        if style is None:
            style = self.get_visual_style(*(f"source-view--{n}" for n in names)).rich_style
            self._styles[names] = style
        return style

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
        if line.kind in ("title", "meta", "empty"):
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

    def _gutter_segments(self, line: _Line, row: tuple[str, ...]) -> list[Segment]:
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
        number = number.rjust(self._gutter - 2) + " "
        return [marker, Segment(number, self._style(*row, name)), Segment(" ", self._style(*row))]

    def _body_segments(self, line: _Line, row: tuple[str, ...]) -> list[Segment]:
        assert self.article is not None
        paragraph = self.article.paragraphs[line.para]
        text = self._texts[line.para]
        start, end = line.start, line.end
        if start == end:
            return []
        base = (*row, "repeat") if paragraph.repeat_of is not None else row
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


def also_label(found: list[Related]) -> str:
    """``↪ also in: Title ¶2 (+1 more)`` for a statement reported elsewhere."""
    first = found[0]
    title = " ".join(display_text(first.title or first.doc).split())
    if len(title) > 60:
        cut = title[:60].rsplit(" ", 1)[0] if " " in title[20:60] else title[:59]
        title = cut.rstrip(" ,;:") + "…"
    if first.source:
        title += f" ({' '.join(display_text(first.source).split())[:40]})"
    label = f"↪ also in: {title} ¶{first.para}"
    if len(found) > 1:
        label += f" (+{len(found) - 1} more)"
    return label


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
