"""``f``: narrow the search to one outlet or one year, picked from the counts of its matches.

Choosing an entry adds ``outlet:"NAME"`` or ``date:YEAR`` to the query, so the narrowing is
plain query text: it shows in the box, goes into the history and can be edited or saved.
"""

from __future__ import annotations

from collections.abc import Iterable
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
from reader.records import Facets
from reader.tui.widgets.line_list import Line, LineList
from reader.tui.widgets.text_layout import clip

if TYPE_CHECKING:
    from reader.tui.app import ReaderApp

OUTLET, YEAR = "outlet", "year"


def narrowing(kind: str, name: str, others: Iterable[str] = ()) -> str:
    """The query words that keep one outlet or one year.

    ``outlet:"Kompas"`` matches the outlet's words, so it also keeps "Kompas TV"; each of
    ``others`` (the other outlets among the matches) whose name holds those words is
    excluded too, so the narrowed search keeps exactly the count the picker showed.
    """
    if kind == YEAR:
        return f"date:{name}"
    words = _words(name)
    kept = 'outlet:"' + " ".join(name.replace('"', " ").split()) + '"'
    for other in others:
        theirs = _words(other)
        if theirs != words and _holds(theirs, words):
            kept += ' -outlet:"' + " ".join(other.replace('"', " ").split()) + '"'
    return kept


def _words(name: str) -> list[str]:
    """An outlet's words as its field holds them: the index's own name analysis (folded
    case and accents, no stemming), imported only when a narrowing is chosen."""
    from reader.language.analysis import tokens

    return [token.stem for token in tokens(name, stemming=False, stops=False)]


def _holds(words: list[str], part: list[str]) -> bool:
    """True when ``part`` stands in ``words`` as a run (a phrase match)."""
    size = len(part)
    return bool(part) and any(words[i:i + size] == part for i in range(len(words) - size + 1))


def narrowed(query: str, words: str) -> str:
    """``query`` with ``words`` ANDed: a query with OR (or ANDNOT …) is bracketed first."""
    if any(op in query.split() for op in ("OR", "ANDNOT", "ANDMAYBE")):
        query = f"({query})"
    return f"{query} {words}"


def facet_entries(facets: Facets) -> list[tuple[str, str, int]]:
    """``(kind, name, count)`` of every outlet, then every year (the unnamed ones left out:
    a query cannot ask for them)."""
    return [(OUTLET, name, n) for name, n in facets.outlets if name is not None] + [
        (YEAR, name, n) for name, n in facets.years if name is not None]


def summary(facets: Facets, query: str) -> str:
    """``5 paragraphs match Tokayev: 3 outlets (1 paragraph with none), 2 years (1 undated)``."""
    def plural(n: int, word: str) -> str:
        return f"{n:,} {word}{'s' if n != 1 else ''}"

    outlets = [n for name, n in facets.outlets if name is not None]
    years = [n for name, n in facets.years if name is not None]
    no_outlet = facets.total - sum(outlets)
    undated = facets.total - sum(years)
    total = f"{facets.total:,}{'+' if facets.partial else ''}"
    text = (f"{total} paragraph{'s' if facets.total != 1 else ''} match {clip(query, 50)}: "
            f"{plural(len(outlets), 'outlet')}")
    text += f" ({plural(no_outlet, 'paragraph')} with none)" if no_outlet else ""
    text += f", {plural(len(years), 'year')}" + (f" ({undated:,} undated)" if undated else "")
    return text


class FacetList(LineList):
    item_lines, gap = 1, 0

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.entries: list[tuple[str, str, int]] = []

    def show(self, entries: list[tuple[str, str, int]]) -> None:
        self.entries = entries
        self.empty_text = "Nothing to narrow: the matches have no outlet or date."
        self.reset(len(entries), 0)

    def lines_of(self, index: int, width: int) -> list[Line]:
        kind, name, count = self.entries[index]
        number = f"{count:,}"
        label = f"{kind:<7}"
        room = max(width - len(label) - len(number) - 2, 4)
        shown = clip(name, room)
        return [[(label, ("meta",)), (shown, ("title",)),
                 (" " * max(width - len(label) - len(shown) - len(number), 1), ()),
                 (number, ("number",))]]


class FacetPicker(ModalScreen[str | None]):
    """Outlets and years of the current search with their counts; returns the narrowed
    query, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Close", show=True, id="close",
                tooltip="close the panel"),
        Binding("enter", "go", "Narrow", show=True, key_display="enter", id="facets-go",
                tooltip="add the highlighted outlet or year to the search"),
    ]

    class Counted(Message):
        def __init__(self, facets: Facets) -> None:
            super().__init__()
            self.facets = facets

    def __init__(self, query: str, facets: Facets | None = None) -> None:
        super().__init__()
        self.search_query = query
        self.facets = facets

    @property
    def reader(self) -> ReaderApp:
        return self.app  # type: ignore[return-value]

    @property
    def facet_list(self) -> FacetList:
        return self.query_one(FacetList)

    def compose(self) -> ComposeResult:
        with Vertical(id="facets-box") as box:
            box.border_title = "Narrow the search"
            box.border_subtitle = "enter: narrow · escape"
            yield Static(Content(f"Counting the matches of {clip(self.search_query, 60)}…"),
                         id="facets-status")
            yield FacetList(id="facet-list")
        yield Footer()

    def on_mount(self) -> None:
        self.facet_list.focus()
        if self.facets is not None:
            self._show(self.facets)
        else:
            self._count(self.search_query)

    @work(thread=True, exclusive=True, group="count", exit_on_error=False)
    def _count(self, query: str) -> None:
        try:
            facets = self.reader.library.facets(query,
                                                time_budget=self.reader.settings.search_budget)
        except ReaderError as exc:
            self.app.call_from_thread(self._failed, str(exc))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(self.Counted(facets))

    def _failed(self, error: str) -> None:
        self.query_one("#facets-status", Static).update(Content(error))

    def on_facet_picker_counted(self, message: Counted) -> None:
        self._show(message.facets)

    def _show(self, facets: Facets) -> None:
        self.facets = facets
        self.facet_list.show(facet_entries(facets))
        self.query_one("#facets-status", Static).update(Content(summary(facets,
                                                                         self.search_query)))

    @on(LineList.Selected, "#facet-list")
    def _selected(self, event: LineList.Selected) -> None:
        event.stop()
        self.action_go()

    def action_go(self) -> None:
        index = self.facet_list.highlighted
        if index is None or not self.facet_list.entries:
            self.app.bell()
            return
        entries = self.facet_list.entries
        kind, name, _count = entries[index]
        outlets = [other for k, other, _n in entries if k == OUTLET and other != name]
        self.dismiss(narrowed(self.search_query, narrowing(kind, name, outlets)))

    def action_close(self) -> None:
        self.dismiss(None)
