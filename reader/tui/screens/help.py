"""``?``: every key of the reader."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.tui.keys import COMPARE_KEYS, KEYS, MOUSE, QUOTES_PANEL_KEYS


def key_rows(rows: list[tuple[str, str]]) -> list[Static]:
    cells = []
    for key, what in rows:
        cells.append(Static(Content(key), classes="help-key"))
        cells.append(Static(Content(what), classes="help-what"))
    return cells


class HelpScreen(ModalScreen[None]):
    """A panel listing every key; any of ``escape``, ``q``, ``?`` closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close", show=True),
    ]

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box") as box:
            box.border_title = "Keys"
            box.border_subtitle = "escape to close"
            yield Grid(*key_rows([*KEYS, MOUSE]), classes="help-table")
            yield Static(Content("In the quotes panel (Q)"), classes="help-heading")
            yield Grid(*key_rows(QUOTES_PANEL_KEYS), classes="help-table")
            yield Static(Content("Comparing two articles (v)"), classes="help-heading")
            yield Grid(*key_rows(COMPARE_KEYS), classes="help-table")
            yield Static(Content(
                "Search: words must all match; \"a phrase\"; OR; NOT or -word; (groups); "
                "prefix*; word~ (fuzzy); fields title:, source:, speaker:, quote:."),
                classes="help-heading")

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)
