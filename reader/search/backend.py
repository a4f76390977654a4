"""The search-backend interface: what an engine must do for the reader, and nothing more.

The data path reads one way: files → :mod:`reader.ingest` → :mod:`reader.language` (analysis,
quotes) → :mod:`reader.sync` (what changed) → a :class:`SearchBackend` → :class:`Library` → the
CLI and the TUI. Only a backend package imports its engine; everything past the facade speaks
in the records of :mod:`reader.records` and the dataclasses below.

Contracts are written on the methods; ``tests/test_backend_contract.py`` checks them against
every backend. Every method may raise :class:`reader.errors.ReaderError` subclasses with a
one-line message: ``IndexProblem`` for an index that is missing, locked or unreachable,
``IndexDamaged`` for one that cannot be read as written (the library rebuilds it),
``IndexNotWritable`` for an update that could not be written (the old state still answers),
``QueryError`` for a malformed query. Anything else is a bug and must not be swallowed.
Optional abilities are flags on :class:`Capabilities`, so callers ask instead of catching.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from typing import Protocol, runtime_checkable

from reader.records import Article, ArticleSummary, Facets, Paragraph, SearchResult

ProgressFn = Callable[[int, int, str], None]  # (done, total, what) for long updates


@dataclass(frozen=True)
class SearchRequest:
    """One search. ``query`` is the reader's query language (:mod:`reader.search.query`)."""

    query: str
    limit: int = 20
    offset: int = 0  # hits to skip (the next page); ``total`` is unaffected
    time_budget: float | None = 2.0  # seconds; None = run to completion
    suggest: bool = True  # "did you mean" when nothing matches
    doc: str | None = None  # only paragraphs of this article
    filters: tuple[tuple[str, str], ...] = ()  # (field, query on that field), ANDed
    sort: str = "relevance"  # or "newest" / "oldest": every match by its article's date


@dataclass(frozen=True)
class FileState:
    """What the index remembers of one corpus file, to tell whether it changed."""

    size: int
    mtime_ns: int
    sha256: str | None  # None when the file could not be read (it is retried when it changes)
    docs: tuple[str, ...] = ()  # the article ids the file produced


@dataclass
class IndexedFile:
    """One added or changed corpus file, read and analysed: its articles replace all the
    documents the index held for ``relative`` (if any)."""

    relative: str
    state: FileState
    articles: list[Article] = field(default_factory=list)  # quotes already attached


@dataclass
class Changes:
    """One update, applied as one atomic commit. ``files`` may be a lazy iterator (a full
    build of a big corpus does not fit in memory); ``total`` is its length, for progress."""

    files: Iterable[IndexedFile]
    total: int
    removed: list[str] = field(default_factory=list)  # relative paths no longer in the corpus
    # The same files unread (``reader.prepare.Source``), for a backend that reads them in
    # processes of its own with ``reader.prepare.prepare`` (then ``files`` is never iterated);
    # the warnings of reading them go to ``warnings``.
    sources: list | None = None
    warnings: list[str] | None = None


@dataclass(frozen=True)
class TermStats:
    """Document frequencies of stems in paragraph text, for TF-IDF in compare and related."""

    paragraphs: int
    df: Callable[[str], int]


@dataclass(frozen=True)
class Candidate:
    """A paragraph proposed by :meth:`SearchBackend.candidates`: enough to score and show it
    without loading its article."""

    doc: str
    title: str
    source: str | None
    paragraph: Paragraph  # with its quotes; offsets relative to its own text


@dataclass(frozen=True)
class Capabilities:
    """What an engine can do beyond the contract's core."""

    fuzzy: bool = True  # word~ and word~N
    shared: bool = False  # several machines use one index (a server)
    parallel_build: bool = False  # a full build uses more than one core


@runtime_checkable
class SearchBackend(Protocol):
    """An index of paragraphs and articles that answers the reader's questions.

    Creating one touches nothing; reading methods open the index on first use and see every
    commit (by this process or another) made before they were called.
    """

    name: str
    capabilities: Capabilities

    def describe(self) -> str:
        """Where the index lives, safe to print (never a password)."""

    def notes(self) -> list[str]:
        """Things the user should know about this engine (e.g. a slower path in use), each one
        line; shown by ``reader stats``."""

    # -- keeping it current (driven by reader.sync) -------------------------------------------

    def stamps(self) -> dict[str, tuple[int, int]] | None:
        """``{relative: (size, mtime_ns)}`` of every file as of the last commit, or None when
        unknown (no index, another schema, work left to clean up). Cheap: every command
        compares it with a walk of the corpus before answering. Never raises for a missing or
        damaged index."""

    # Optional (a backend without them gets the full check every time):
    # ``folder_stamps() -> dict[str, int] | None`` returns what ``save_folder_stamps(stamps)``
    # kept with the latest commit (the corpus folders' times, see :mod:`reader.freshness`),
    # and only while :meth:`stamps` would not be None; both are best effort and never raise
    # for a missing index. ``file_states_of(relatives)`` and ``held_docs(ids)`` answer for a
    # few files or article ids without reading every record (else :meth:`file_states` is).

    def needs_rebuild(self) -> str | None:
        """Why the index cannot be updated incrementally ("new index", "index from another
        schema version", "the index at ... is damaged (...)"), or None when it can. Never
        raises for a missing or damaged index: that is what it reports."""

    def file_states(self) -> dict[str, FileState]:
        """Every corpus file the index holds, by relative path."""

    def lock(self, wait: Callable[[], None] | None = None) -> AbstractContextManager[None]:
        """Hold the index's one-writer lock (across processes) for a whole update: change
        detection and :meth:`apply`. A second writer calls ``wait`` once and blocks until the
        first is done. Raises ``IndexProblem`` when the index is not the reader's to write and
        ``IndexNotWritable`` when it cannot be written."""

    def apply(self, changes: Changes, rebuild: bool = False,
              progress: ProgressFn | None = None) -> int:
        """Commit ``changes`` atomically (called inside :meth:`lock`) and return the number of
        paragraphs written.

        Readers see the old state or the new one, never a mix; a process killed part way, a
        full disk or a read-only index leaves the old state answering (the last two raise
        ``IndexNotWritable``). ``rebuild`` replaces the whole index with ``changes`` (the old
        one answers until the new one is complete). ``progress`` is called after each file;
        an exception it raises stops the update, which leaves the old state and raises it.
        """

    def stop_update(self) -> None:
        """From another thread (the reader quitting): make a running :meth:`apply` stop
        where ``progress`` cannot reach, in the steps after its last file, raising
        ``UpdateStopped`` and leaving the old state. Does nothing when none runs, or when a
        backend's last steps are short enough to wait for."""

    # -- reading ------------------------------------------------------------------------------

    def open(self) -> None:
        """Check the index can answer now. Raises ``IndexProblem`` when there is no usable
        index (``IndexDamaged`` when it is damaged)."""

    def close(self) -> None:
        """Release files, connections and threads. Idempotent; reading again reopens."""

    def generation(self) -> str:
        """A key that changes on every commit (by any process): callers cache per generation."""

    def search(self, request: SearchRequest) -> SearchResult:
        """Ranked paragraph hits (BM25F over text, title, source, speaker, quote), repeats
        collapsed into their first occurrence, highlight offsets of every matched word (surface
        forms: ``gabung`` marks ``bergabung``), ``total`` exact unless ``partial`` says the
        time budget or an expansion cap cut it short, ``suggestions`` when nothing matched.
        A malformed query (or filter, or a filter on an unknown field) raises ``QueryError``
        with a one-line message.

        ``sort`` "newest" / "oldest" orders every match (not only the best few) by its
        article's date, undated articles last, ties by relevance; ``offset`` and ``limit``
        page through that order. ``date:``, ``lang:`` and the corpus's own fields
        (:mod:`reader.search.fields`) filter without adding to scores."""

    def facets(self, request: SearchRequest) -> Facets:
        """Counts of the paragraphs ``request`` matches (all of them: ``limit``, ``offset``
        and ``sort`` do not matter), by outlet and by year of their article. ``total`` is
        exact (unless the time budget cut the count: ``partial``), so it equals
        :meth:`search`'s total wherever that one is exact. Raises ``QueryError`` as
        :meth:`search` does."""

    def field_names(self) -> list[str]:
        """The corpus's own fields a query may name (``kategori`` for a CSV column), sorted:
        every extra column or sidecar key some article has (see
        :func:`reader.search.fields.field_key`)."""

    def article(self, doc: str) -> Article | None:
        """The whole article as indexed (with quotes), or None."""

    def articles(self) -> Iterator[Article]:
        """Every article, in no particular order."""

    def summaries(self) -> list[ArticleSummary]:
        """One summary per article, sorted by doc id; cheap enough for a list at start-up."""

    def counts(self) -> dict[str, int]:
        """``articles``, ``paragraphs``, ``files`` and ``terms`` (distinct words of text)."""

    def term_stats(self) -> TermStats:
        """Document frequencies for TF-IDF; cached by the backend per generation."""

    def candidates(self, stems: list[str], limit: int, exclude_doc: str | None = None
                   ) -> list[Candidate]:
        """The best (BM25F) ``limit`` paragraphs having any of ``stems`` in their text or
        quotes, none of them from ``exclude_doc``."""
