"""Messages the app's thread workers post back to the UI thread."""

from __future__ import annotations

from textual.message import Message

from reader.records import ArticleSummary, SearchResult


class IndexProgress(Message):
    """The index is being built or updated: ``done`` of ``total`` files, now ``name``."""

    def __init__(self, done: int, total: int, name: str) -> None:
        super().__init__()
        self.done, self.total, self.name = done, total, name


class IndexReady(Message):
    """The index matches the corpus; these are its articles."""

    def __init__(self, articles: list[ArticleSummary], warnings: list[str]) -> None:
        super().__init__()
        self.articles = articles
        self.warnings = warnings


class IndexFailed(Message):
    """The corpus or the index could not be read; ``error`` is one line for the user."""

    def __init__(self, error: str) -> None:
        super().__init__()
        self.error = error


class SearchDone(Message):
    """The answer to search number ``serial`` (older answers are dropped)."""

    def __init__(self, serial: int, result: SearchResult) -> None:
        super().__init__()
        self.serial = serial
        self.result = result


class MatchesReady(Message):
    """Where ``query`` matches in article ``doc``: paragraph number -> [(start, end)]."""

    def __init__(self, doc: str, query: str, matches: dict[int, list[tuple[int, int]]]) -> None:
        super().__init__()
        self.doc, self.query, self.matches = doc, query, matches


class CounterpartsReady(Message):
    """Where else each statement of article ``doc`` is reported: (para, quote) -> related."""

    def __init__(self, doc: str, counterparts: dict) -> None:
        super().__init__()
        self.doc, self.counterparts = doc, counterparts
