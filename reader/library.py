"""The one object the CLI and the TUI talk to: a corpus, its index, and every question about them.

It decides where an index lives (``index/`` beside the bundled seeds, the user cache otherwise),
keeps the index current before answering, and turns core records into answers. Nothing here
imports Textual; the TUI is a shell around this class.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path

from platformdirs import user_cache_dir

from reader.index import CorpusIndex, IndexProblem, ProgressFn, UpdateReport
from reader.records import Article, ArticleSummary, QuoteRecord, SearchResult
from reader.search import SearchOptions, make_parser, run

APP_NAME = "kabar-reader"
PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent


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
    if corpus == checkout_seeds and _writable(REPO_DIR):
        return REPO_DIR / "index"
    key = hashlib.sha1(str(corpus).encode("utf-8")).hexdigest()[:16]
    name = "".join(ch if ch.isalnum() or ch in "-_" else "_" for ch in corpus.name)[:40]
    return Path(user_cache_dir(APP_NAME)) / "indexes" / f"{name}-{key}"


def _writable(folder: Path) -> bool:
    import os

    return os.access(folder, os.W_OK)


class Library:
    """A corpus with its index. Cheap to create; call :meth:`update` before answering."""

    def __init__(self, corpus: Path | str | None = None, index_dir: Path | str | None = None):
        self.corpus = Path(corpus).expanduser() if corpus else bundled_seeds()
        self.index_dir = Path(index_dir).expanduser() if index_dir else default_index_dir(
            self.corpus)
        self.store = CorpusIndex(self.corpus, self.index_dir)
        self._parser = None

    # -- keeping the index current -------------------------------------------------------------

    def update(self, progress: ProgressFn | None = None, rebuild: bool = False,
               wait: Callable[[], None] | None = None) -> UpdateReport:
        """Bring the index up to date with the corpus; returns what changed."""
        report = self.store.update(progress=progress, rebuild=rebuild, wait=wait)
        self._parser = None
        return report

    def is_stale(self) -> bool:
        return self.store.is_stale()

    # -- questions ------------------------------------------------------------------------------

    def search(self, query: str, limit: int = 20, time_budget: float | None = 2.0,
               suggest: bool = True) -> SearchResult:
        ix = self.store.open()
        if self._parser is None:
            self._parser = make_parser(ix.schema)
        with ix.searcher() as searcher:
            return run(searcher, self._parser, query,
                       SearchOptions(limit=limit, time_budget=time_budget, suggest=suggest))

    def article(self, doc: str) -> Article | None:
        return self.store.article(doc)

    def articles(self) -> list[ArticleSummary]:
        return self.store.summaries()

    def quotes(self, speaker: str | None = None, doc: str | None = None) -> list[QuoteRecord]:
        """Every quote (optionally of one article, or whose speaker matches a name), in order."""
        wanted = _fold(speaker) if speaker else None
        records: list[QuoteRecord] = []
        if doc is not None:
            article = self.article(doc)
            articles = [article] if article else []
        else:
            articles = sorted(self.store.articles(), key=lambda a: a.doc)
        for article in articles:
            for paragraph in article.paragraphs:
                for index, quote in enumerate(paragraph.quotes, start=1):
                    if wanted and wanted not in _fold(" ".join(
                            filter(None, (quote.speaker, quote.role)))):
                        continue
                    records.append(QuoteRecord(article.doc, paragraph.number, index, quote,
                                               article.title, article.source))
        return records

    def cite(self, doc: str, para: int, quote: int | None = None, style: str = "plain") -> str:
        from reader.cite import CitationError, cite

        article = self.article(doc)
        if article is None:
            raise CitationError(f"no article '{doc}' in this corpus")
        return cite(article, para, quote, style)

    def stats(self) -> dict:
        counts = self.store.counts()
        quotes = sum(s.quotes for s in self.articles())
        return {
            "corpus": str(self.corpus), "index": str(self.index_dir), **counts, "quotes": quotes,
        }

    def close(self) -> None:
        self.store.close()


def _fold(text: str | None) -> str:
    return " ".join((text or "").casefold().split())


__all__ = ["Library", "IndexProblem", "bundled_seeds", "default_index_dir"]
