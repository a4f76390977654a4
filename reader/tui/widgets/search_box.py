"""The search box: every change is a search; ``up``/``down`` walk the search history.

Focusing it selects its text, so ``/`` then typing replaces the old query instead of adding to
it. The placeholder is short enough for the box at 80 columns; ``?`` has the whole syntax.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.geometry import Region
from textual.message import Message
from textual.widgets import Input

from reader.tui.widgets.typing_search import FrameHold

PLACEHOLDER = 'words "a phrase" -not a* a~'


class SearchBox(Input):
    """Where queries are typed; ``/`` focuses it and ``escape`` leaves it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "submit", "Open top", show=False, id="search-open-top",
                tooltip="in the search box: open the top result (or take the “did you mean” "
                        "suggestion) and move to the results"),
        Binding("up", "history(-1)", "Older query", show=False, id="search-history-back",
                tooltip="in the search box: the previous query of this corpus's history"),
        Binding("down", "history(1)", "Newer query", show=False, id="search-history-forward",
                tooltip="in the search box: the next query of the history"),
    ]

    @dataclass
    class History(Message):
        """``up`` (-1) or ``down`` (+1) in the box: show an older or newer query."""

        box: SearchBox
        step: int

    _typing = False  # a change of the text is being handled

    def __init__(self, *, id: str | None = None, hold: FrameHold | None = None) -> None:
        super().__init__(placeholder=PLACEHOLDER, id=id, select_on_focus=True)
        self._hold = hold

    def _watch_value(self, value: str) -> None:
        if self._hold is not None:
            # before the echo reaches the screen: it waits for the search's answer (its owner
            # releases it at once when the change starts no search)
            self._hold.hold()
        # Input sets its virtual width from the text, which asks for a layout of the whole
        # screen at every keystroke; the box's own size never depends on its text, so a
        # repaint of the box is enough (its scrolling reads the virtual width directly)
        self._typing = True
        try:
            super()._watch_value(value)
        finally:
            self._typing = False

    def refresh(self, *regions: Region, repaint: bool = True, layout: bool = False,
                recompose: bool = False) -> SearchBox:
        return super().refresh(*regions, repaint=repaint, layout=layout and not self._typing,
                               recompose=recompose)

    def on_mount(self) -> None:
        # no blinking cursor in headless runs, so screenshots are stable
        self.cursor_blink = not self.app.is_headless

    def action_history(self, step: int) -> None:
        self.post_message(self.History(self, step))
