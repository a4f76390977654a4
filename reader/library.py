"""The one object the CLI and the TUI talk to: a corpus, its index, and every question about them.

It decides where an index lives (``index/`` beside the bundled seeds, the user cache otherwise)
and which engine holds it (the ``backend`` setting), keeps the index current before answering
(:mod:`reader.sync`), and turns core records into answers. It speaks to the engine only through
:class:`reader.search.backend.SearchBackend`. Every failure it lets through is a
:class:`reader.errors.ReaderError` with a one-line message.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, TypeVar

from platformdirs import user_cache_dir

from reader import NATIVE, native, sync
from reader.errors import IndexDamaged, IndexProblem, NotFound, QueryError, UsageError
from reader.records import (
    SORTS,
    Article,
    ArticleSummary,
    Facets,
    Hit,
    Paragraph,
    QuoteRecord,
    SearchResult,
)
from reader.search import open_backend
from reader.search.backend import ProgressFn, SearchBackend, SearchRequest
from reader.sync import UpdateReport

if TYPE_CHECKING:  # compare loads its own tables; only the commands that compare need it
    from reader.compare import Alignment, Related

APP_NAME = "kabar-reader"
PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent
CANDIDATES = 40  # paragraphs the index proposes to related(); only these are scored
MATCH_LIMIT = 500  # matches of a query inside one article (far more than any article has)

T = TypeVar("T")


def bundled_seeds() -> Path:
    """The bundled corpus: ``seeds/`` of a checkout, else the copy inside the installed package."""
    checkout = REPO_DIR / "seeds"
    if checkout.is_dir():
        return checkout
    return PACKAGE_DIR / "seeds"


def default_index_dir(corpus: Path) -> Path:
    """``index/`` beside the bundled seeds of a checkout; the user cache dir for anything else."""
    corpus = Path(corpus).expanduser().resolve()
    checkout_seeds = (REPO_DIR / "seeds").resolve()
    if corpus == checkout_seeds and os.access(REPO_DIR, os.W_OK):
        return REPO_DIR / "index"
    key = hashlib.sha1(os.fsencode(corpus)).hexdigest()[:16]  # any path, UTF-8 or not
    name = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in corpus.name)[:40]
    return Path(user_cache_dir(APP_NAME)) / "indexes" / f"{name}-{key}"


class Library:
    """A corpus with its index. Cheap to create; call :meth:`update` before answering.

    ``backend`` is a :class:`SearchBackend`, or a spec for :func:`reader.search.open_backend`
    (default: the ``backend`` setting). ``warn`` receives one-line notices the user should see
    even when nothing failed (a stale index answering, a damaged one rebuilt); without it they
    collect in :attr:`notices`.
    """

    def __init__(self, corpus: Path | str | None = None, index_dir: Path | str | None = None,
                 backend: SearchBackend | str | None = None,
                 warn: Callable[[str], None] | None = None) -> None:
        self.corpus = Path(corpus).expanduser() if corpus else bundled_seeds()
        self.index_dir = Path(index_dir).expanduser() if index_dir else default_index_dir(
            self.corpus)
        if backend is None or isinstance(backend, str):
            from reader.settings import current

            settings = current()
            backend = open_backend(backend or settings.backend, corpus=self.corpus,
                                   index_dir=self.index_dir, settings=settings)
        self.backend: SearchBackend = backend
        self.notices: list[str] = []
        self._warn = warn
        self._repairing = False

    def warn(self, line: str) -> None:
        if self._warn is not None:
            self._warn(line)
        else:
            self.notices.append(line)

    # -- keeping the index current -------------------------------------------------------------

    def update(self, progress: ProgressFn | None = None, rebuild: bool = False,
               wait: Callable[[], None] | None = None, stale_ok: bool = False,
               quick: bool = False) -> UpdateReport:
        """Bring the index up to date with the corpus; returns what changed.

        With ``stale_ok``, an update that cannot be written (a full disk, a read-only index)
        leaves the index as it was answering, with a notice, instead of failing.
        """
        try:
            report = sync.update(self.backend, self.corpus, progress=progress, rebuild=rebuild,
                                 wait=wait, quick=quick)
        except IndexProblem as exc:
            if not stale_ok or not sync.usable_after_failure(self.backend, exc):
                raise
            self.warn(f"{exc}; answering from the index as it was, which may be stale")
            return UpdateReport(stale=str(exc))
        if report.rebuilt and not rebuild and "damaged" in report.rebuilt:
            self.warn(f"{report.rebuilt}; it was rebuilt")
        return report

    def stop_update(self) -> None:
        """From another thread: a running update stops as soon as it can, leaving the index
        as it was (see ``SearchBackend.stop_update``; its progress stops it between files)."""
        self.backend.stop_update()

    def is_stale(self) -> bool:
        return sync.is_stale(self.backend, self.corpus)

    def _answer(self, ask: Callable[[], T]) -> T:
        """``ask()``; when it finds the index damaged, rebuild once and ask again."""
        try:
            return ask()
        except IndexDamaged as exc:
            if self._repairing:
                raise
            self._repairing = True
            try:
                self.update(rebuild=True)
            finally:
                self._repairing = False
            self.warn(f"{exc}; it was rebuilt")
            return ask()

    def warm_up(self) -> None:
        """Load now what the first searches would load on their way (the stemmer, the engine's
        own parts): a UI calls it in the background once the index is open, so its first
        keystrokes do not wait for it."""
        from reader.language.analysis import start_stemmer

        start_stemmer()
        warm = getattr(self.backend, "warm_up", None)  # an engine without such parts has none
        if warm is not None:
            self._answer(warm)

    # -- questions ------------------------------------------------------------------------------

    def search(self, query: str, limit: int = 20, time_budget: float | None = 2.0,
               suggest: bool = True, offset: int = 0, sort: str = "relevance"
               ) -> SearchResult:
        """Ranked paragraphs (``sort`` "newest" / "oldest": every match by date). A malformed
        query is not raised: it comes back in ``result.error`` (one line), as the shells
        show it."""
        if sort not in SORTS:
            raise UsageError(f"unknown order '{sort}' (orders: {', '.join(SORTS)})")
        request = SearchRequest(query, limit=limit, offset=offset, time_budget=time_budget,
                                suggest=suggest, sort=sort)
        try:
            return self._answer(lambda: self.backend.search(request))
        except QueryError as exc:
            return SearchResult(query=query, error=str(exc))

    def facets(self, query: str, time_budget: float | None = 2.0) -> Facets:
        """Counts of every paragraph ``query`` matches by outlet and year. Raises
        ``QueryError`` for a malformed query."""
        request = SearchRequest(query, time_budget=time_budget, suggest=False)
        return self._answer(lambda: self.backend.facets(request))

    def field_names(self) -> list[str]:
        """The corpus's own fields a query may name (``kategori:``)."""
        return self._answer(self.backend.field_names)

    def matches_in(self, doc: str, query: str, limit: int = MATCH_LIMIT,
                   time_budget: float | None = 2.0) -> list[Hit]:
        """The paragraphs of one article that ``query`` matches, with highlight offsets.
        Raises ``QueryError`` for a malformed query."""
        request = SearchRequest(query, limit=limit, time_budget=time_budget, suggest=False,
                                doc=doc)
        return self._answer(lambda: self.backend.search(request)).hits

    def word_offsets(self, text: str, stems: Iterable[str]) -> list[tuple[int, int]]:
        """Offsets of the words of ``text`` whose stems are among ``stems`` (shared wording)."""
        from reader.language.analysis import highlight_offsets

        return highlight_offsets(text, set(stems))

    def article(self, doc: str) -> Article | None:
        return self._answer(lambda: self.backend.article(doc))

    def articles(self) -> list[ArticleSummary]:
        return self._answer(self.backend.summaries)

    def quotes(self, speaker: str | None = None, doc: str | None = None) -> list[QuoteRecord]:
        """Every quote (optionally of one article, or whose speaker matches a name), in order."""
        wanted = _fold(speaker) if speaker else None
        records: list[QuoteRecord] = []
        if doc is not None:
            article = self.article(doc)
            articles = [article] if article else []
        else:
            articles = self._answer(lambda: sorted(self.backend.articles(), key=lambda a: a.doc))
        for article in articles:
            for paragraph in article.paragraphs:
                for index, quote in enumerate(paragraph.quotes, start=1):
                    if wanted and wanted not in _fold(" ".join(
                            filter(None, (quote.speaker, quote.role)))):
                        continue
                    records.append(QuoteRecord(article.doc, paragraph.number, index, quote,
                                               article.title, article.source))
        return records

    def cite(self, doc: str, para: int, quote: int | None = None, style: str = "plain",
             excerpt_chars: int | None = None) -> str:
        """A citation; ``excerpt_chars`` cuts the plain style's paragraph text (default: whole)."""
        from reader.cite import CitationError, cite

        article = self.article(doc)
        if article is None:
            raise CitationError(f"no article '{doc}' in this corpus")
        return cite(article, para, quote, style, excerpt_chars=excerpt_chars)

    def compare(self, doc_a: str, doc_b: str) -> Alignment:
        """Align two articles paragraph by paragraph and match their statements."""
        from reader.compare import align

        a, b = self._need(doc_a), self._need(doc_b)
        stats = self._answer(self.backend.term_stats)
        return align(a, b, stats.df, stats.paragraphs)

    def related(self, doc: str, para: int, limit: int = 20) -> list[Related]:
        """Paragraphs and quotes elsewhere that tell what ``DOC:para`` tells, best first.

        The index proposes candidates (the paragraphs best matching the paragraph's most telling
        stems); only those are scored, so the cost does not grow with the corpus.
        """
        from reader.compare import query_terms, rank_related

        article = self._need(doc)
        paragraph = self._paragraph(article, para)
        if paragraph.repeat_of is not None:
            paragraph = article.paragraph(paragraph.repeat_of) or paragraph
        stats = self._answer(self.backend.term_stats)
        words = query_terms(paragraph, stats.df, stats.paragraphs, limit=10)
        if not words:
            return []
        found = self._answer(lambda: self.backend.candidates(words, CANDIDATES, exclude_doc=doc))
        candidates = [(Article(doc=c.doc, path="", title=c.title, source=c.source), c.paragraph)
                      for c in found]
        return rank_related(paragraph, candidates, stats.df, stats.paragraphs)[:limit]

    def quote_counterparts(self, doc: str) -> dict[tuple[int, int], list[Related]]:
        """For each statement of an article, ``(para, quote)``, where else it is reported."""
        article = self._need(doc)
        found: dict[tuple[int, int], list[Related]] = {}
        for paragraph in article.paragraphs:
            if paragraph.repeat_of is not None:
                continue
            if not any(q.kind == "statement" for q in paragraph.quotes):
                continue
            for match in self.related(doc, paragraph.number, limit=50):
                if match.quote is not None and match.matches_quote is not None:
                    found.setdefault((paragraph.number, match.matches_quote), []).append(match)
        return found

    def _need(self, doc: str) -> Article:
        article = self.article(doc)
        if article is None:
            raise NotFound(f"no article '{doc}' in this corpus")
        return article

    @staticmethod
    def _paragraph(article: Article, para: int) -> Paragraph:
        paragraph = article.paragraph(para)
        if paragraph is None:
            raise NotFound(f"{article.doc} has paragraphs 1 to {len(article.paragraphs)}, "
                           f"not {para}")
        return paragraph

    def stats(self) -> dict:
        counts = self._answer(self.backend.counts)
        quotes = sum(s.quotes for s in self.articles())
        out = {"corpus": str(self.corpus), "index": self.backend.describe(), **counts,
               "quotes": quotes, "compiled": native.describe(NATIVE)}
        notes = self.backend.notes()
        if notes:
            out["notes"] = notes
        return out

    def close(self) -> None:
        self.backend.close()


def _fold(text: str | None) -> str:
    return " ".join((text or "").casefold().split())


__all__ = ["Library", "IndexProblem", "UpdateReport", "bundled_seeds", "default_index_dir"]
