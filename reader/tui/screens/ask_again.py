"""An index that cannot answer now (its server down, a shard unreachable, a search stopped
by the server's time limit): the main screen says so in one status line and asks again.

Nothing is rebuilt and nothing on screen is dropped: the article stays open, the list stays as
it was. The index is asked again after 1 s, then twice as long each time up to a minute, and
at once when the user searches; when it answers, the screen carries on by itself.
"""

from __future__ import annotations

from textual.timer import Timer

from reader.tui.widgets.text_layout import clip

RETRY_FIRST = 1.0  # seconds before the index is asked again the first time
RETRY_MAX = 60.0  # the longest wait between two asks


class AskAgain:
    """The main screen's part that waits for an index to answer again."""

    _retry_delay: float = 0.0  # seconds until the index is asked again (0: it answers)
    _retry_timer: Timer | None = None

    def unavailable(self, error: str) -> None:
        """Say why in the status line and ask again: after 1 s, then twice as long each time
        (at most a minute), and at once when the user searches."""
        self.reader.index_ready = False  # type: ignore[attr-defined]
        self.reader.index_error = error  # type: ignore[attr-defined]
        self._retry_delay = min(self._retry_delay * 2, RETRY_MAX) if self._retry_delay \
            else RETRY_FIRST
        if self._retry_timer is not None:
            self._retry_timer.stop()
        self._retry_timer = self.set_timer(self._retry_delay, self.retry_index)
        self.search_pane.set_status(
            f"{clip(error, 160)} · asking again in {self._retry_delay:.0f} s", "error")

    def retry_now(self) -> bool:
        """Ask the index again now if it was unavailable (a search was typed); False when it
        is not waiting for that."""
        if not self._retry_delay:
            return False
        self.retry_index()
        return True

    def retry_index(self) -> None:
        if self._retry_timer is not None:
            self._retry_timer.stop()
            self._retry_timer = None
        self.build_index()

    def answering_again(self) -> bool:
        """The index answered: True if it had not been (the user is told once)."""
        if not self._retry_delay:
            return False
        self._retry_delay = 0.0
        self.notify("The index answers again.", title="Index",  # type: ignore[attr-defined]
                    markup=False, timeout=4)
        return True
