"""The lines above the results: how the current search's matches spread over outlets and years.

Why a widget of its own with its own worker: the counts read every match of the query, which a
keystroke must not wait for, nor share the processor with. The search pane asks for them once a
search's final answer is painted (:meth:`FacetBar.count`), and the count starts only when no
key came for :data:`PAUSE` seconds: while the user types, no counting runs at all. A newer
search cancels a waiting count, and an answer to an older query is dropped. The bar keeps its
two lines while results are shown ("counting…" until the counts come, blank over no hits), so
the results list does not jump at every keystroke, nor the screen need a new layout.
"""

from __future__ import annotations

from textual import work
from textual.content import Content
from textual.message import Message
from textual.timer import Timer
from textual.widgets import Static
from textual.worker import get_current_worker

from reader.errors import ReaderError
from reader.records import Facets
from reader.tui.widgets.text_layout import clip

PAUSE = 0.35  # seconds without a new search before the matches are counted
WAITING = "counting by outlet and year…"


def entries(pairs, none: str) -> list[str]:
    """``Kompas 12``, …, with ``none`` naming the bucket of no outlet or no date."""
    return [f"{name if name is not None else none} {count:,}" for name, count in pairs]


def squeeze(items: list[str], width: int) -> str:
    """As many items as fit in ``width``, then ``+N`` for the rest."""
    out: list[str] = []
    for i, item in enumerate(items):
        rest = len(items) - i - 1
        tail = f" · +{rest}" if rest else ""
        candidate = " · ".join([*out, item])
        if len(candidate) + len(tail) > width:
            more = f"+{len(items) - i}"
            return clip(" · ".join([*out, more]) if out else more, width)
        out.append(item)
    return " · ".join(out)


def facet_lines(facets: Facets, width: int) -> str:
    """Two lines: outlets most first, then years newest first, each with its count (counts
    the time budget cut short start with "so far:")."""
    lead = "so far: " if facets.partial else ""
    return (lead + squeeze(entries(facets.outlets, "no outlet"), width - len(lead)) + "\n"
            + squeeze(entries(facets.years, "undated"), width))


class FacetBar(Static):
    """Counts by outlet and year of the current search (hidden when no search is shown)."""

    class Counted(Message):
        def __init__(self, serial: int, facets: Facets) -> None:
            super().__init__()
            self.serial = serial
            self.facets = facets

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(Content(""), id=id)
        self.facets: Facets | None = None
        self.query_text = ""  # the query the counts are of
        self._serial = 0
        self._timer: Timer | None = None
        self._text = ""
        self.display = False

    def clear(self, keep_place: bool = False) -> None:
        """No counts (a new search started, or none). ``keep_place``: results are still
        shown, so the bar keeps its lines (saying it is counting) instead of vanishing."""
        self._serial += 1
        self.facets = None
        self.query_text = ""
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self.workers.cancel_group(self, "facets")
        if keep_place and self.display:
            self._show(WAITING)
        else:
            self.display = False

    def blank(self) -> None:
        """Results with nothing to count (no hits, a malformed query): the lines stay, empty."""
        self.clear(keep_place=True)
        self._show("")
        self.display = True

    @property
    def pending(self) -> bool:
        """A count waits for typing to pause."""
        return self._timer is not None

    def reserve(self) -> None:
        """Results are shown: keep the bar's lines (so the list does not move when the
        counts come), saying it is counting until they do."""
        if self.facets is None:
            self._show(WAITING)
        self.display = True

    def count(self, query: str) -> None:
        """Count the matches of ``query`` once no newer search came for :data:`PAUSE`."""
        self.clear(keep_place=True)
        self.reserve()
        self.query_text = query
        serial = self._serial
        self._timer = self.set_timer(PAUSE, lambda: self._count(query, serial))

    @work(thread=True, exclusive=True, group="facets", exit_on_error=False)
    def _count(self, query: str, serial: int) -> None:
        self._timer = None
        if serial != self._serial:
            return
        app = self.app
        try:
            facets = app.library.facets(query,  # type: ignore[attr-defined]
                                        time_budget=app.settings.search_budget)  # type: ignore
        except ReaderError:  # the search itself says what is wrong with the query
            self.app.call_from_thread(self._failed, serial)
            return
        if not get_current_worker().is_cancelled:
            self.post_message(self.Counted(serial, facets))

    def _failed(self, serial: int) -> None:
        if serial == self._serial:
            self._show("")  # no counts to show, and no "counting…" left standing

    def on_facet_bar_counted(self, message: Counted) -> None:
        message.stop()
        if message.serial != self._serial:
            return
        self.facets = message.facets
        if message.facets.total:
            self.refresh_text()
        else:
            self._show("")

    def on_resize(self) -> None:
        self.refresh_text()

    def refresh_text(self) -> None:
        if self.facets is None:
            return
        width = max(self.size.width - 3, 12)
        self._show(facet_lines(self.facets, width))

    def _show(self, text: str) -> None:
        # the bar's height is fixed (two lines): a new text needs no layout, the same none
        if text != self._text:
            self._text = text
            self.update(Content(text), layout=False)
