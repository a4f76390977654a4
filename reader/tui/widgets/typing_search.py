"""Searching as the user types: each search in a thread at once, and one frame per keystroke.

Two things kept a keystroke from its painted answer beyond the search itself:

- a Textual thread worker starts its thread from a task, which runs only after the frame that
  echoes the key is painted; :class:`Searches` hands the search to a thread at once;
- that echo frame: Textual paints at most once a frame period, and after a frame its next one
  comes one to two periods later (17-33 ms at 60 frames a second), so an answer that came 3 ms
  after the key still waited for the next frame. :class:`FrameHold` holds the screen's repaint
  from the key until its answer is shown, for :data:`HOLD` seconds at most: a quick answer
  and the typed character are then painted in one frame, and a slow answer never delays the
  echo by more than :data:`HOLD`.

And one thing made the slowest keystrokes: Python's cyclic garbage collector, whose full
collections walk every object of the process (150-200 ms at 100k paragraphs). The app freezes
what lives as long as it once the index is open (``gc.freeze``), and :class:`FrameHold` keeps
the collector off from a key until its answer is painted; it catches up right after.
"""

from __future__ import annotations

import gc
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from contextlib import AbstractContextManager
from typing import TYPE_CHECKING

from reader.errors import IndexProblem, IndexUnavailable, ReaderError
from reader.records import SearchResult
from reader.tui.messages import SearchDone, lost

if TYPE_CHECKING:
    from textual.app import App
    from textual.message import Message
    from textual.timer import Timer

    from reader.library import Library
    from reader.settings import Settings

HOLD = 0.05  # seconds the echo of a key may wait for its answer, to be painted with it
GC_CAP = 1.0  # seconds the garbage collector may wait for a slow answer to be painted
THREADS = 2  # the latest search runs beside an older one still finishing


class FrameHold:
    """From a key to its painted answer: holds the app's repaints (Textual's ``batch_update``)
    until :meth:`release`, or for :data:`HOLD` seconds at most, and keeps Python's cyclic
    garbage collector out of the way until the answer is painted (:data:`GC_CAP` at most)."""

    def __init__(self, app: Callable[[], App],
                 set_timer: Callable[[float, Callable[[], None]], Timer]) -> None:
        self._app = app
        self._set_timer = set_timer
        self._batch: AbstractContextManager[None] | None = None
        self._timer: Timer | None = None
        self._gc_timer: Timer | None = None  # set while this hold turned the collector off

    @property
    def held(self) -> bool:
        return self._batch is not None

    def hold(self) -> None:
        """Paint nothing until the answer (or :data:`HOLD` seconds from the first hold)."""
        if self._gc_timer is None and gc.isenabled():
            # a full collection walks every object of the process (tens of ms): it may run
            # once the answer is painted, not while the key waits for it
            gc.disable()
            self._gc_timer = self._set_timer(GC_CAP, self.collect_again)
        if self._batch is not None:
            return  # a newer key while held: the first key's echo must not wait longer
        self._batch = self._app().batch_update()
        self._batch.__enter__()
        self._timer = self._set_timer(HOLD, self._paint)

    def release(self) -> None:
        """The answer is shown: paint what changed meanwhile in one frame, then let the
        collector run again."""
        self._paint()
        if self._gc_timer is not None:
            self._app().call_after_refresh(self.collect_again)

    def collect_again(self) -> None:
        if self._gc_timer is not None:
            self._gc_timer.stop()
            self._gc_timer = None
            gc.enable()

    def _paint(self) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        batch, self._batch = self._batch, None
        if batch is not None:
            batch.__exit__(None, None, None)
            # the screen took note of the changes while held, without scheduling a frame
            app = self._app()
            if app.screen_stack:
                app.screen.check_idle()


class Searches:
    """Runs the searches of the search box in threads; answers are posted as ``SearchDone``.

    ``current()`` is the number of the latest search: an older one still waiting for a thread
    is skipped, and one cut short by the typing budget is finished only while it is current.
    """

    def __init__(self, library: Callable[[], Library], settings: Callable[[], Settings],
                 post: Callable[[Message], object], current: Callable[[], int],
                 page: int) -> None:
        self._library = library
        self._settings = settings
        self._post = post
        self._current = current
        self._page = page
        self._pool = ThreadPoolExecutor(THREADS, thread_name_prefix="search")

    def start(self, query: str, serial: int, sort: str) -> Future[None]:
        return self._pool.submit(self._answer, query, serial, sort)

    def close(self) -> None:
        self._pool.shutdown(wait=False, cancel_futures=True)

    def _answer(self, query: str, serial: int, sort: str) -> None:
        """In a search thread: the first answer within the typing budget, then, if that was cut
        short, the complete one (as the command line would give it)."""
        if serial != self._current():
            return  # a newer search came while this one waited for a thread
        settings = self._settings()
        page = min(self._page, settings.result_page)
        library = self._library()
        try:
            try:
                first = library.search(query, limit=page, time_budget=settings.typing_budget,
                                       suggest=False, sort=sort)
            except IndexUnavailable:  # a server stops what overruns the typing budget
                first = library.search(query, limit=page, time_budget=settings.search_budget,
                                       suggest=False, sort=sort)
        except IndexProblem as exc:
            self._post(lost(exc))
            return
        except ReaderError as exc:  # a malformed query: said where the hits would be
            first = SearchResult(query=query, error=str(exc))
        complete = not first.partial or first.error is not None
        self._post(SearchDone(serial, first, final=complete))
        if complete or serial != self._current():
            return
        try:
            full = library.search(query, limit=page, time_budget=settings.search_budget,
                                  suggest=False, sort=sort)
        except IndexProblem as exc:
            self._post(lost(exc))
            return
        if serial == self._current():
            self._post(SearchDone(serial, full, final=True))
