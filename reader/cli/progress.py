"""The progress line of an index update on a terminal: what is done, how fast, what is left.

A full build of a big corpus has three phases, and each gets its own words so the line never
sits silent: finding what changed (before the first file), reading and analysing files (files
done of total, files and paragraphs per second, time left), and finishing (the indexing
processes write and merge their segments and the commit is published, which can take a good
part of a minute at 100% on a large corpus). A background thread redraws the line twice a
second so the elapsed time keeps moving while the update is busy elsewhere.
"""

from __future__ import annotations

import sys
import threading
import time

from reader.cli.output import cells
from reader.display import one_line

REDRAW = 0.5  # seconds between redraws when no file finishes
THROTTLE = 0.1  # at most this often on file progress


def duration(seconds: float) -> str:
    """``42 s``, ``3 min 05 s``, ``1 h 02 min``: as precise as a person needs."""
    seconds = max(int(seconds + 0.5), 0)
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    if minutes < 60:
        return f"{minutes} min {seconds:02d} s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours} h {minutes:02d} min"


def fit(text: str, width: int) -> str:
    """``text`` cut to ``width`` terminal columns, with "…" where it was cut."""
    if cells(text) <= width:
        return text
    while text and cells(text) > width - 1:
        text = text[:-1]
    return text + "…"


class IndexProgress:
    """A callable for ``Library.update(progress=...)`` that draws one line on ``stream``.

    Called as ``progress(done, total, name)`` after each file, optionally with the paragraphs
    read so far as a fourth argument (then the line shows paragraphs per second too; the
    update passes it, as ``counts_paragraphs`` asks).
    """

    counts_paragraphs = True

    def __init__(self, stream=None, width: int = 80, clock=time.monotonic) -> None:
        self.stream = stream or sys.stderr
        self.width = max(width, 30)
        self.clock = clock
        self.started = clock()
        self.first: tuple[float, int, int] | None = None  # (time, done, paragraphs) at 1st call
        self.done = self.total = 0
        self.paragraphs: int | None = None
        self.name = ""
        self.finishing_since: float | None = None
        self._drawn = 0.0
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    # -- events ---------------------------------------------------------------------------------

    def start(self) -> IndexProgress:
        self._thread = threading.Thread(target=self._tick, name="progress", daemon=True)
        self._thread.start()
        return self

    def __call__(self, done: int, total: int, name: str, paragraphs: int | None = None) -> None:
        now = self.clock()
        with self._lock:
            if self.first is None:
                self.first = (now, done, paragraphs or 0)
            self.done, self.total, self.name = done, total, name
            if paragraphs is not None:
                self.paragraphs = paragraphs
            if done >= total and self.finishing_since is None:
                self.finishing_since = now
            if done >= total or now - self._drawn >= THROTTLE:
                self._draw(now)

    def note(self, message: str) -> None:
        """A line of its own (such as "waiting for another update") above the progress line."""
        with self._lock:
            self._write("\r\x1b[K" + one_line(message) + "\n")
            if self._drawn:
                self._draw(self.clock())

    def close(self) -> None:
        """Stop redrawing and erase the line (the caller prints the summary)."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join()
        with self._lock:
            if self._drawn:
                self._write("\r\x1b[K")

    def __enter__(self) -> IndexProgress:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.close()

    # -- drawing --------------------------------------------------------------------------------

    def line(self, now: float) -> str:
        """The words of the line at time ``now``."""
        elapsed = now - self.started
        if self.first is None:
            return f"Checking the corpus for changes… {duration(elapsed)}"
        if self.finishing_since is not None:
            files = f"{self.total:,} file{'s' if self.total != 1 else ''}"
            return (f"Finishing: writing and merging the index segments of {files}, then "
                    f"publishing… {duration(now - self.finishing_since)} "
                    f"(total {duration(elapsed)})")
        parts = [f"Indexing {self.done:,}/{self.total:,} files"]
        if self.total:
            parts[0] += f" {100 * self.done // self.total}%"
        t0, done0, paragraphs0 = self.first
        span = now - t0
        if span >= 1.0 and self.done > done0:
            rate = (self.done - done0) / span
            if self.paragraphs is not None:
                parts.append(f"{(self.paragraphs - paragraphs0) / span:,.0f} paragraphs/s")
            parts.append(f"{rate:,.0f} files/s" if rate >= 10 else f"{rate:.1f} files/s")
            parts.append(f"about {duration((self.total - self.done) / rate)} left")
        parts.append(one_line(self.name))
        return " · ".join(parts)

    def _tick(self) -> None:
        while not self._stop.wait(REDRAW):
            now = self.clock()
            with self._lock:
                if now - self._drawn >= REDRAW - 0.05:
                    self._draw(now)

    def _draw(self, now: float) -> None:
        text = fit(self.line(now), self.width - 1)
        self._write("\r" + text + "\x1b[K")
        self._drawn = now

    def _write(self, text: str) -> None:
        try:
            self.stream.buffer.write(text.encode("utf-8"))
            self.stream.flush()
        except (OSError, ValueError):  # the terminal went away: keep indexing regardless
            pass


__all__ = ["IndexProgress", "duration", "fit"]
