"""A list that draws only the lines on screen: items of a fixed height, laid out on demand.

Textual's ``OptionList`` measures and wraps every option when the list is set, which costs a
third of a keystroke's paint with 100 search results. Here every item has the same height, so
an item's place is a multiplication, and :meth:`render_line` asks for the lines of the few
items on screen only (cached until the width, the cursor or the items change). Subclasses say
what one item's lines are; the list moves the cursor, scrolls, opens on ``enter`` or a click and
asks for more items when the cursor or the view nears the end.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from rich.segment import Segment
from rich.style import Style
from textual import events
from textual.binding import Binding, BindingType
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.tui.widgets.component_styles import ComponentStyles

Span = tuple[str, tuple[str, ...]]  # text and the component-class names that style it
Line = list[Span]


class LineList(ComponentStyles, ScrollView, can_focus=True):
    """A cursor over ``count`` items of ``item_lines`` lines each (plus ``gap`` blank lines)."""

    STYLE_PREFIX = "line-list"

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "cursor(1)", "Down", show=False, id="list-down",
                tooltip="next entry of the list"),
        Binding("up,k", "cursor(-1)", "Up", show=False, id="list-up",
                tooltip="previous entry of the list"),
        Binding("home,g", "first", "First", show=False, id="list-first",
                tooltip="first entry of the list"),
        Binding("end,G", "last", "Last", show=False, id="list-last",
                tooltip="last entry loaded (scrolling past the end loads more results)"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="list-page-down",
                tooltip="a screenful down the list"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="list-page-up",
                tooltip="a screenful up the list"),
        Binding("enter", "select", "Open", show=False, id="list-open",
                tooltip="open the selected result or article in the source pane"),
    ]

    COMPONENT_CLASSES: ClassVar[set[str]] = {
        "line-list--cursor", "line-list--cursor-blurred", "line-list--title",
        "line-list--meta", "line-list--number", "line-list--match", "line-list--empty",
        "line-list--quote", "line-list--term", "line-list--speaker",
    }

    DEFAULT_CSS = """
    LineList {
        background: $surface;
        & > .line-list--cursor { background: $primary 20%; }
        & > .line-list--cursor-blurred { background: $boost; }
        & > .line-list--title { text-style: bold; }
        & > .line-list--meta { color: $text-muted; }
        & > .line-list--number { color: $text-accent; text-style: bold; }
        & > .line-list--match { color: $text-warning; background: $warning-muted;
                                text-style: bold; }
        & > .line-list--empty { color: $text-muted; text-style: italic; }
        & > .line-list--quote { color: $text-success; text-style: italic; }
        & > .line-list--term { color: $text-secondary; }
        & > .line-list--speaker { text-style: bold; }
    }
    """

    @dataclass
    class Selected(Message):
        """``enter`` or a click on item ``index``."""

        list: LineList
        index: int

        @property
        def control(self) -> LineList:
            return self.list

    @dataclass
    class Highlighted(Message):
        """The cursor moved to item ``index``."""

        list: LineList
        index: int

        @property
        def control(self) -> LineList:
            return self.list

    @dataclass
    class NeedMore(Message):
        """The cursor or the view is near the last item and more could be loaded."""

        list: LineList
        count: int

        @property
        def control(self) -> LineList:
            return self.list

    item_lines = 1  # lines of one item
    gap = 0  # blank lines after each item

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.count = 0
        self.more_available = False  # another page exists beyond ``count``
        self.empty_text = ""
        self._highlighted: int | None = None
        self._cache: dict[int, list[Strip]] = {}
        self._width = -1
        self._asked = -1  # count when NeedMore was last posted
        self._styles: dict[tuple[str, ...], Style] = {}
        self._pass_width: int | None = None  # while the lines of one repaint are drawn

    # -- what subclasses provide ------------------------------------------------------------------

    def lines_of(self, index: int, width: int) -> list[Line]:
        """The lines of item ``index`` at ``width`` cells (at most ``item_lines``)."""
        raise NotImplementedError

    # -- items ------------------------------------------------------------------------------------

    @property
    def item_height(self) -> int:
        return self.item_lines + self.gap

    @property
    def highlighted(self) -> int | None:
        return self._highlighted

    @highlighted.setter
    def highlighted(self, index: int | None) -> None:
        if index is not None:
            index = max(0, min(index, self.count - 1)) if self.count else None
        if index == self._highlighted:
            return
        self._invalidate(self._highlighted)
        self._highlighted = index
        self._invalidate(index)
        if index is not None:
            self._reveal(index)
            self.post_message(self.Highlighted(self, index))
        self._check_more()
        self.refresh()

    def reset(self, count: int, highlighted: int | None = 0) -> None:
        """Show ``count`` new items, the cursor on ``highlighted``, scrolled to it."""
        self.count = count
        self._cache.clear()
        self._asked = -1
        self._highlighted = None
        self._update_size()
        self.scroll_to(y=0, animate=False, immediate=True, force=True)
        if count and highlighted is not None:
            self.highlighted = highlighted
        self.refresh()

    def extend(self, count: int) -> None:
        """More items were appended: ``count`` in all now (the cursor stays)."""
        if count < self.count:
            return
        self.count = count
        self._update_size()
        self.refresh()

    def relayout(self) -> None:
        """Item contents or heights changed: draw them again."""
        self._cache.clear()
        self._update_size()
        if self._highlighted is not None:
            self._reveal(self._highlighted)
        self.refresh()

    def _update_size(self) -> None:
        width = max(self.scrollable_content_region.width, 1)
        self.virtual_size = Size(width, self.count * self.item_height)

    def _invalidate(self, index: int | None) -> None:
        if index is not None:
            self._cache.pop(index, None)

    # -- moving -----------------------------------------------------------------------------------

    def action_cursor(self, delta: int) -> None:
        if not self.count:
            return
        current = self._highlighted if self._highlighted is not None else -1 if delta > 0 else 0
        self.highlighted = max(0, min(current + delta, self.count - 1))

    def action_first(self) -> None:
        if self.count:
            self.highlighted = 0

    def action_last(self) -> None:
        if self.count:
            self.highlighted = self.count - 1

    def action_page(self, direction: int) -> None:
        per_page = max(self.scrollable_content_region.height // self.item_height, 1)
        self.action_cursor(direction * per_page)

    def action_select(self) -> None:
        if self._highlighted is not None:
            self.post_message(self.Selected(self, self._highlighted))

    def _reveal(self, index: int) -> None:
        top = index * self.item_height
        bottom = top + self.item_lines
        height = max(self.scrollable_content_region.height, 1)
        if top < self.scroll_y:
            self.scroll_to(y=top, animate=False, immediate=True, force=True)
        elif bottom > self.scroll_y + height:
            self.scroll_to(y=bottom - height, animate=False, immediate=True, force=True)

    def watch_scroll_y(self, old: float, new: float) -> None:
        super().watch_scroll_y(old, new)
        self._check_more()

    def _check_more(self) -> None:
        if not self.more_available or self._asked == self.count or not self.count:
            return
        height = max(self.scrollable_content_region.height, 1)
        near_view = self.scroll_y + height >= (self.count - 2) * self.item_height
        near_cursor = self._highlighted is not None and self._highlighted >= self.count - 3
        if near_view or near_cursor:
            self._asked = self.count
            self.post_message(self.NeedMore(self, self.count))

    def on_click(self, event: events.Click) -> None:
        offset = event.get_content_offset(self)
        if offset is None:
            return
        index = (offset.y + int(self.scroll_y)) // self.item_height
        if 0 <= index < self.count:
            self.focus()
            self.highlighted = index
            self.post_message(self.Selected(self, index))

    def on_resize(self, event: events.Resize) -> None:
        if self.scrollable_content_region.width != self._width:
            self.relayout()

    def on_focus(self) -> None:
        self._invalidate(self._highlighted)
        self.refresh()

    def on_blur(self) -> None:
        self._invalidate(self._highlighted)
        self.refresh()

    # -- drawing ----------------------------------------------------------------------------------

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._cache.clear()

    def render_lines(self, crop: Region) -> list[Strip]:
        # the width once a pass, not once a line (it is worked out from the widget's regions)
        self._pass_width = self.scrollable_content_region.width
        try:
            return super().render_lines(crop)
        finally:
            self._pass_width = None

    def render_line(self, y: int) -> Strip:
        width = self._pass_width
        if width is None:
            width = self.scrollable_content_region.width
        if width != self._width:
            self._width = width
            self._cache.clear()
        line = y + int(self.scroll_y)
        base = self._style()
        if not self.count:
            if y == 0 and self.empty_text:
                return Strip([Segment(" " + self.empty_text, self._style("empty"))]).crop(
                    0, width).extend_cell_length(width, base)
            return Strip.blank(width, base)
        index, row = divmod(line, self.item_height)
        if not (0 <= index < self.count):
            return Strip.blank(width, base)
        strips = self._cache.get(index)
        if strips is None:
            strips = self._cache[index] = self._draw(index, width)
        return strips[row]

    def _draw(self, index: int, width: int) -> list[Strip]:
        cursor: tuple[str, ...] = ()
        if index == self._highlighted:
            cursor = ("cursor",) if self.has_focus else ("cursor-blurred",)
        fill = self._style(*cursor)
        strips = []
        lines = self.lines_of(index, max(width - 2, 1))[: self.item_lines]
        for line in lines:
            segments = [Segment(" ", fill)]
            segments += [Segment(text, self._style(*cursor, *names)) for text, names in line]
            strips.append(Strip(segments).extend_cell_length(width, fill).crop(0, width))
        while len(strips) < self.item_lines:
            strips.append(Strip.blank(width, fill))
        base = self._style()
        strips += [Strip.blank(width, base)] * self.gap
        return strips
