"""The search box: every change is a search; ``up``/``down`` walk the search history.

Focusing it selects its text, so ``/`` then typing replaces the old query instead of adding to
it. The placeholder is short enough for the box at 80 columns; ``?`` has the whole syntax.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.message import Message
from textual.widgets import Input

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

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder=PLACEHOLDER, id=id, select_on_focus=True)

    def on_mount(self) -> None:
        # no blinking cursor in headless runs, so screenshots are stable
        self.cursor_blink = not self.app.is_headless

    def action_history(self, step: int) -> None:
        self.post_message(self.History(self, step))
