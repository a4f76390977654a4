"""The words of the TUI's indexing notice: files done, paragraphs per second, time left, then
what the last step is doing (with its own clock) instead of a silent wait at 100%."""

from __future__ import annotations

import time


def duration(seconds: float) -> str:
    """``42 s``, ``3 min 05 s``: as precise as a person waiting needs."""
    seconds = max(int(seconds + 0.5), 0)
    if seconds < 60:
        return f"{seconds} s"
    minutes, seconds = divmod(seconds, 60)
    return f"{minutes} min {seconds:02d} s"


class ProgressText:
    """Remembers when indexing started and the first progress report, so rates leave out the
    time spent finding what changed."""

    def __init__(self, clock=time.monotonic) -> None:
        self.clock = clock
        self.first: tuple[float, int, int] | None = None  # (time, files, paragraphs)
        self.finishing_since: float | None = None
        self.done = self.total = 0

    def update(self, done: int, total: int, paragraphs: int | None) -> str:
        now = self.clock()
        if self.first is None:
            self.first = (now, done, paragraphs or 0)
        self.done, self.total = done, total
        if done >= total:
            if self.finishing_since is None:
                self.finishing_since = now
            return self.finishing(now)
        text = f"Indexing: {done:,} of {total:,} files"
        t0, done0, paragraphs0 = self.first
        span = now - t0
        if span >= 1.0 and done > done0:
            rate = (done - done0) / span
            if paragraphs is not None:
                text += f" · {(paragraphs - paragraphs0) / span:,.0f} paragraphs/s"
            text += f" · about {duration((total - done) / rate)} left"
        return text

    def finishing(self, now: float | None = None) -> str:
        """The last step, with how long it has run so far."""
        now = self.clock() if now is None else now
        since = self.finishing_since if self.finishing_since is not None else now
        return (f"Finishing: writing and merging the index of {self.total:,} files… "
                f"{duration(now - since)}")
