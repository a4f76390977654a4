"""``?``: every key of the reader, generated from the bindings where the keys are declared.

:data:`SECTIONS` names the classes whose bindings make each part of the help; the same rows
make the command palette's entries and the README's key tables (``python -m
reader.tui.screens.help`` prints those; a test checks the README has them).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Grid, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static

from reader.tui.keys import KeyRow, class_rows, markdown_table


def sections() -> list[tuple[str, list[type]]]:
    """(heading, classes) of each part of the help, in order."""
    from reader.tui.app import ReaderApp
    from reader.tui.screens.compare import CompareScreen
    from reader.tui.screens.facets import FacetPicker
    from reader.tui.screens.main import MainScreen
    from reader.tui.screens.marks import MarksPanel
    from reader.tui.screens.quotes import QuoteList, QuotesPanel
    from reader.tui.screens.saved import SavedSearches
    from reader.tui.widgets.compare_view import CompareView
    from reader.tui.widgets.line_list import LineList
    from reader.tui.widgets.search_box import SearchBox
    from reader.tui.widgets.source_view import SourceView

    return [
        ("Everywhere", [ReaderApp]),
        ("Searching and reading", [MainScreen, SearchBox]),
        ("In a list (results, articles)", [LineList]),
        ("In the article", [SourceView]),
        ("Quotes panel (Q)", [QuotesPanel, QuoteList]),
        ("Marks panel (M)", [MarksPanel]),
        ("Saved searches (S)", [SavedSearches]),
        ("Narrowing to an outlet or year (f)", [FacetPicker]),
        ("Comparing two articles (v)", [CompareScreen, CompareView]),
    ]


PANES = ("tab, shift+tab", "next / previous pane")
MOUSE = ("mouse", "click a result or article to open it, a paragraph or quote to select it, a "
                  "link in the header to open it; the wheel scrolls")
SYNTAX = ('Search: words must all match; "a phrase"; OR; NOT or -word; (groups); prefix*; '
          "word~ (fuzzy); fields title:, outlet:, speaker:, quote:; filters date:2025-11 "
          "(a day, month, year or A..B), lang:en and the corpus's own columns (kategori:hoax).")


def all_rows(keymap: Mapping[str, str] | None = None) -> list[tuple[str, KeyRow]]:
    """Every (section heading, row) of the help."""
    return [(heading, row) for heading, classes in sections()
            for row in class_rows(classes, keymap)]


def readme_keys() -> str:
    """The README's key tables: one per section of the help."""
    blocks = []
    for heading, classes in sections():
        blocks.append(f"**{heading}**\n\n{markdown_table(class_rows(classes))}")
    return "\n\n".join(blocks)


def key_cells(rows: list[tuple[str, str]]) -> list[Static]:
    cells = []
    for key, what in rows:
        cells.append(Static(Content(key), classes="help-key"))
        cells.append(Static(Content(what), classes="help-what"))
    return cells


class HelpScreen(ModalScreen[None]):
    """A panel listing every key; any of ``escape``, ``q``, ``?`` closes it."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q,question_mark", "dismiss", "Close", show=True, id="close",
                tooltip="close the panel"),
    ]

    def compose(self) -> ComposeResult:
        keymap = getattr(self.app, "_keymap", {})
        with VerticalScroll(id="help-box") as box:
            box.border_title = "Keys"
            box.border_subtitle = "escape to close"
            first = True
            for heading, classes in sections():
                rows = [(row.keys_text, row.tooltip) for row in class_rows(classes, keymap)]
                if first:
                    rows += [PANES, MOUSE]
                yield Static(Content(heading), classes="help-heading" + (
                    " -first" if first else ""))
                yield Grid(*key_cells(rows), classes="help-table")
                first = False
            yield Static(Content(SYNTAX), classes="help-heading")

    async def action_dismiss(self, result: None = None) -> None:
        self.dismiss(None)


if __name__ == "__main__":
    print(readme_keys())
