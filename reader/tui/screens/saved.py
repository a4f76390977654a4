"""``S``: saved searches (``ctrl+s`` saves one), each with its hits now and how many more than
when it was last opened; ``enter`` runs it again."""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Footer, Static
from textual.worker import get_current_worker

from reader.errors import ReaderError
from reader.state import SavedSearch
from reader.tui.widgets.line_list import Line, LineList
from reader.tui.widgets.text_layout import clip

if TYPE_CHECKING:
    from reader.tui.app import ReaderApp


def count_text(saved: SavedSearch, total: int | None) -> str:
    """``12 hits · 3 new since last opened`` (or what is known so far)."""
    if total is None:
        return "counting…"
    text = f"{total:,} hit{'s' if total != 1 else ''}"
    if saved.seen_total is not None and total > saved.seen_total:
        text += f" · {total - saved.seen_total:,} new since last opened"
    elif saved.seen_total is not None:
        text += " · nothing new"
    return text


class SavedList(LineList):
    item_lines, gap = 2, 1

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.saved: list[SavedSearch] = []
        self.totals: dict[str, int] = {}

    def show(self, saved: list[SavedSearch], highlighted: int = 0) -> None:
        self.saved = list(saved)
        self.empty_text = "No saved searches: ctrl+s saves the current search."
        self.reset(len(self.saved), min(highlighted, max(len(self.saved) - 1, 0)))

    def lines_of(self, index: int, width: int) -> list[Line]:
        saved = self.saved[index]
        found = self.totals.get(saved.query)
        new = found is not None and saved.seen_total is not None and found > saved.seen_total
        return [[(clip(saved.query, width), ("title",))],
                [(clip(count_text(saved, found), width), ("number",) if new else ("meta",))]]


class SavedSearches(ModalScreen[str | None]):
    """The saved searches; returns the query to run, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Close", show=True, id="close",
                tooltip="close the panel"),
        Binding("enter", "go", "Search", show=True, key_display="enter", id="saved-go",
                tooltip="run the highlighted search (its count of new hits starts again)"),
        Binding("d,delete", "delete", "Delete", show=True, id="saved-delete",
                tooltip="forget the highlighted search"),
    ]

    class Counted(Message):
        def __init__(self, totals: dict[str, int]) -> None:
            super().__init__()
            self.totals = totals

    @property
    def reader(self) -> ReaderApp:
        return self.app  # type: ignore[return-value]

    @property
    def saved_list(self) -> SavedList:
        return self.query_one(SavedList)

    def compose(self) -> ComposeResult:
        with Vertical(id="saved-box") as box:
            box.border_title = "Saved searches"
            box.border_subtitle = "enter: search · d: delete · escape"
            yield Static(Content("Counting hits…"), id="saved-status")
            yield SavedList(id="saved-list")
        yield Footer()

    def on_mount(self) -> None:
        saved = self.reader.corpus_state.saved
        self.saved_list.show(saved)
        self.saved_list.focus()
        if saved:
            self._count([s.query for s in saved])
        else:
            self.query_one("#saved-status", Static).update(Content("No saved searches."))

    @work(thread=True, exclusive=True, group="count", exit_on_error=False)
    def _count(self, queries: list[str]) -> None:
        totals: dict[str, int] = {}
        budget = self.reader.settings.search_budget
        for query in queries:
            try:
                result = self.reader.library.search(query, limit=1, time_budget=budget,
                                                    suggest=False)
            except ReaderError:
                break
            if get_current_worker().is_cancelled:
                return
            totals[query] = result.total
        self.post_message(self.Counted(totals))

    def on_saved_searches_counted(self, message: Counted) -> None:
        self.saved_list.totals = message.totals
        self.saved_list.relayout()
        new = sum(1 for s in self.saved_list.saved
                  if s.seen_total is not None and message.totals.get(s.query, 0) > s.seen_total)
        count = len(self.saved_list.saved)
        text = f"{count} saved search{'es' if count != 1 else ''}"
        if new:
            text += f" · {new} with new hits"
        self.query_one("#saved-status", Static).update(Content(text))

    @on(LineList.Selected, "#saved-list")
    def _selected(self, event: LineList.Selected) -> None:
        event.stop()
        self.action_go()

    def action_go(self) -> None:
        index = self.saved_list.highlighted
        if index is None:
            self.app.bell()
            return
        saved = self.saved_list.saved[index]
        total = self.saved_list.totals.get(saved.query)
        if total is not None:
            saved.seen_total, saved.seen_at = total, time.time()
            self.reader.save_state()
        self.dismiss(saved.query)

    def action_delete(self) -> None:
        index = self.saved_list.highlighted
        if index is None:
            self.app.bell()
            return
        state = self.reader.corpus_state
        gone = self.saved_list.saved[index]
        state.saved = [s for s in state.saved if s.query != gone.query]
        self.reader.save_state()
        self.saved_list.show(state.saved, index)
        self.notify(f"Forgot the saved search “{clip(gone.query, 50)}”.", markup=False,
                    timeout=3)

    def action_close(self) -> None:
        self.dismiss(None)
