"""Building or updating the index from the main screen: the worker and its progress notice.

A mixin of :class:`~reader.tui.screens.main.MainScreen` (kept apart so the screen stays one
concept a module): the update runs in a thread worker; its progress comes back as
:class:`IndexProgress` messages and reads as files done, paragraphs per second and the time
left (:mod:`reader.tui.index_progress`), then, at 100%, as the last step with its own clock,
ticking once a second until the index is ready.
"""

from __future__ import annotations

import gc
import threading
import time
from typing import TYPE_CHECKING

from textual import work
from textual.timer import Timer

from reader.errors import IndexUnavailable, ReaderError, UpdateStopped
from reader.tui.index_progress import ProgressText
from reader.tui.messages import IndexFailed, IndexOpen, IndexProgress, IndexReady
from reader.tui.widgets.text_layout import clip

if TYPE_CHECKING:
    from reader.tui.app import ReaderApp
    from reader.tui.widgets.search_pane import SearchPane


class IndexWork:
    """The index worker of the main screen and the notice it keeps up to date."""

    _last_progress: float
    _started: float
    _progress: ProgressText
    _finishing: Timer | None
    reader: ReaderApp
    search_pane: SearchPane

    @work(thread=True, exclusive=True, group="index", exit_on_error=False)
    def build_index(self, rebuilt: bool = False) -> None:
        started = time.monotonic()

        quitting = self.reader.quitting

        def progress(done: int, total: int, name: str, paragraphs: int | None = None) -> None:
            stop_if_set(quitting)
            now = time.monotonic()
            if done < total and now - self._last_progress < 0.1:
                return
            self._last_progress = now
            self.post_message(IndexProgress(done, total, name, paragraphs))

        progress.counts_paragraphs = True  # type: ignore[attr-defined]

        def waiting() -> None:
            self.post_message(IndexProgress(0, 0, "Another reader is updating this index; "
                                                  "waiting for it…"))

        self._started = started
        self._progress = ProgressText()
        library = self.reader.library
        try:
            # searchable as soon as the folder times say nothing moved; every file is then
            # checked behind the open screen, and what that finds is shown when it is in
            report = library.update(progress=progress, wait=waiting, quick=not rebuilt)
            self.post_message(IndexOpen())  # searchable now; the article list follows
            articles = library.articles()
        except UpdateStopped:  # the reader quit: the index stays as it was
            return
        except IndexUnavailable as exc:  # a server down: one line, and ask again later
            self.post_message(IndexFailed(clip(str(exc), 300), retry=True))
            return
        except ReaderError as exc:  # corpus or index problems: one line in the UI
            self.post_message(IndexFailed(clip(str(exc), 300)))
            return
        self.post_message(IndexReady(articles, list(report.warnings), rebuilt=rebuilt,
                                     searched=True))
        try:
            library.warm_up()  # what the first keystrokes would otherwise wait for
        except ReaderError:
            pass  # the index cannot answer now: the first search says why
        # What is alive now (the index's readers, the articles, the app) lives as long as the
        # app: out of the garbage collector's sight, a full collection no longer walks it all
        # (at 100k paragraphs that took 150-200 ms, in the middle of a keystroke)
        gc.freeze()
        if report.by_folders:
            self.check_every_file()

    def check_every_file(self) -> None:
        """The full freshness check after a quick start (in the index worker's thread)."""
        library, quitting = self.reader.library, self.reader.quitting
        try:
            report = library.update(stale_ok=True, progress=lambda *_: stop_if_set(quitting))
            if not report.touched:
                return
            articles = library.articles()
        except UpdateStopped:
            return
        except ReaderError as exc:
            self.post_message(IndexFailed(clip(str(exc), 300)))
            return
        self.post_message(IndexReady(articles, list(report.warnings)))

    def on_index_progress(self, message: IndexProgress) -> None:
        done, total = message.done, message.total
        if total:
            text = self._progress.update(done, total, message.paragraphs)
            if done >= total and self._finishing is None:  # the clock of the last step
                self._finishing = self.set_interval(1.0, self._finishing_tick)
        else:
            text = message.name or "Building the index…"
        self.search_pane.index_progress(text, done, total)

    def _finishing_tick(self) -> None:
        if self.reader.index_ready or self._progress.finishing_since is None:
            self._stop_finishing()
            return
        total = self._progress.total
        self.search_pane.index_progress(self._progress.finishing(), total, total)

    def _stop_finishing(self) -> None:
        if self._finishing is not None:
            self._finishing.stop()
            self._finishing = None


def stop_if_set(quitting: threading.Event) -> None:
    """Raise :class:`UpdateStopped` in an update's progress once the reader is quitting: the
    update unwinds at its next step as at Ctrl-C, leaving the index as it was, so quitting
    waits for one step of it, not for the rest."""
    if quitting.is_set():
        raise UpdateStopped()
