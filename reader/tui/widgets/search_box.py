"""The search box: an input whose changes are debounced into searches by the main screen."""

from __future__ import annotations

from textual.widgets import Input

PLACEHOLDER = 'Search: words, "a phrase", OR, -word, Kaz*, Kazakstan~, speaker:Trump'


class SearchBox(Input):
    """Where queries are typed; ``/`` focuses it and ``escape`` leaves it."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(placeholder=PLACEHOLDER, id=id, select_on_focus=False)

    def on_mount(self) -> None:
        # no blinking cursor in headless runs, so screenshots are stable
        self.cursor_blink = not self.app.is_headless
