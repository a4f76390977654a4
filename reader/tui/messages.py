"""Messages the main screen's thread workers post back to the UI thread (plain dataclasses)."""

from __future__ import annotations

from dataclasses import dataclass, field

from textual.message import Message

from reader.compare import Related
from reader.records import ArticleSummary, SearchResult


@dataclass
class IndexProgress(Message):
    """The index is being built or updated: ``done`` of ``total`` files, now ``name``."""

    done: int
    total: int
    name: str
    paragraphs: int | None = None  # read so far (paragraphs per second)

    def can_replace(self, message: Message) -> bool:
        return isinstance(message, IndexProgress)


@dataclass
class IndexOpen(Message):
    """The index matches the corpus and answers searches; its article list (at a million
    paragraphs, a few tenths of a second to load) follows in :class:`IndexReady`."""


@dataclass
class IndexReady(Message):
    """The index matches the corpus; these are its articles. ``searched``: an
    :class:`IndexOpen` of this same index came first, so searches already answer from it."""

    articles: list[ArticleSummary]
    warnings: list[str] = field(default_factory=list)
    rebuilt: bool = False  # it was rebuilt after it went missing
    searched: bool = False


@dataclass
class IndexFailed(Message):
    """The corpus or the index could not be read; ``error`` is one line for the user.
    ``retry``: the index is there but cannot answer now (a server down): ask again later."""

    error: str
    retry: bool = False


@dataclass
class SearchDone(Message):
    """The answer to search number ``serial`` (older answers are dropped). ``final``: no
    better answer to this search is coming (a partial first answer is followed by the
    complete one)."""

    serial: int
    result: SearchResult
    final: bool = True


@dataclass
class MoreResults(Message):
    """The next page of search ``serial``: the whole list so far."""

    serial: int
    result: SearchResult


@dataclass
class Suggestions(Message):
    """"Did you mean" for search ``serial``, asked on enter or after a pause."""

    serial: int
    suggestions: list[str]


@dataclass
class MatchesReady(Message):
    """Where ``query`` matches in article ``doc``: paragraph number -> [(start, end)]."""

    doc: str
    query: str
    matches: dict[int, list[tuple[int, int]]]


@dataclass
class CounterpartsReady(Message):
    """Where else each statement of article ``doc`` is reported: (para, quote) -> related."""

    doc: str
    counterparts: dict[tuple[int, int], list[Related]]


@dataclass
class IndexLost(Message):
    """A question failed because the index went missing or broke: rebuild it."""

    error: str
    retry: bool = False  # it cannot answer now (a server down): ask again, do not rebuild


def lost(error: Exception) -> IndexLost:
    """The message for a question that failed on the index (``error`` an ``IndexProblem``)."""
    from reader.errors import IndexUnavailable

    return IndexLost(str(error), retry=isinstance(error, IndexUnavailable))
