"""The one object the CLI and the TUI talk to: a corpus, its index, and every question about them.

It decides where an index lives (``index/`` beside the bundled seeds, the user cache otherwise),
keeps the index current before answering, and turns core records into answers. Nothing here
imports Textual; the TUI is a shell around this class.
"""

from __future__ import annotations

import hashlib
import json
import re
import time
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from platformdirs import user_cache_dir

from reader.compare import Alignment, Related
from reader.records import Article, ArticleSummary, Paragraph, Quote, QuoteRecord, SearchResult
from reader.search.whoosh.query import SearchOptions, make_parser, run
from reader.search.whoosh.store import CorpusIndex, IndexProblem, ProgressFn, UpdateReport

if TYPE_CHECKING:
    from reader.records import Hit

APP_NAME = "kabar-reader"
PACKAGE_DIR = Path(__file__).resolve().parent
REPO_DIR = PACKAGE_DIR.parent
CANDIDATES = 40  # paragraphs the index proposes to related(); only these are scored
_SIMPLE_DOC = re.compile(r"[\w.]+(?:-[\w.]+)*")  # a doc id the query parser takes as is


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

    def matches_in(self, doc: str, query: str, limit: int = 500) -> list[Hit]:
        """The paragraphs of article ``doc`` that ``query`` matches, with their highlights
        (``[]`` for a malformed query: the search itself reports it)."""
        if _SIMPLE_DOC.fullmatch(doc):
            result = self.search(f"({query}) doc:{doc}", limit=limit, suggest=False)
        else:
            result = self.search(query, limit=limit * 4, suggest=False)
        return [hit for hit in result.hits if hit.doc == doc]

    def word_offsets(self, text: str, stems: Iterable[str]) -> list[tuple[int, int]]:
        """Offsets of the words of ``text`` whose stems are among ``stems`` (shared wording)."""
        from reader.language.analysis import surface_tokens

        wanted = set(stems)
        return [(start, end) for term, start, end in surface_tokens(text) if term in wanted]

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

    def compare(self, doc_a: str, doc_b: str) -> Alignment:
        """Align two articles paragraph by paragraph and match their statements."""
        from reader.compare import align

        a, b = self._need(doc_a), self._need(doc_b)
        with self.store.open().searcher() as searcher:
            df, total = _doc_freq(searcher)
            return align(a, b, df, total)

    def related(self, doc: str, para: int, limit: int = 20) -> list[Related]:
        """Paragraphs and quotes elsewhere that tell what ``DOC:para`` tells, best first.

        The index proposes candidates (an OR of the paragraph's most telling stems); only those
        are scored, so the cost does not grow with the corpus.
        """
        from whoosh.query import Or, Term

        from reader.compare import query_terms, rank_related

        article = self._need(doc)
        paragraph = article.paragraph(para)
        if paragraph is None:
            raise ValueError(f"{doc} has paragraphs 1 to {len(article.paragraphs)}, not {para}")
        if paragraph.repeat_of is not None:
            paragraph = article.paragraph(paragraph.repeat_of) or paragraph
        ix = self.store.open()
        with ix.searcher() as searcher:
            df, total = _doc_freq(searcher)
            words = query_terms(paragraph, df, total, limit=10)
            if not words:
                return []
            # Only paragraph documents have text and quote terms: no filter on kind needed.
            q = Or([Term("text", w) for w in words] + [Term("quote", w) for w in words])
            candidates = []
            for hit in _top_fields(searcher, q, CANDIDATES):
                if hit["doc"] == doc:
                    continue
                text = hit.get("text") or ""
                quotes = [Quote(**raw) for raw in json.loads(hit.get("quotes") or "[]")]
                other = Article(doc=hit["doc"], path="", title=hit.get("title", ""),
                                source=hit.get("source") or None)
                candidates.append((other, Paragraph(hit["para"], text, 0, len(text),
                                                    quotes=quotes)))
            return rank_related(paragraph, candidates, df, total)[:limit]

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
            raise ValueError(f"no article '{doc}' in this corpus")
        return article

    def stats(self) -> dict:
        counts = self.store.counts()
        quotes = sum(s.quotes for s in self.articles())
        return {
            "corpus": str(self.corpus), "index": str(self.index_dir), **counts, "quotes": quotes,
        }

    def close(self) -> None:
        self.store.close()


def _top_fields(searcher, q, limit: int) -> list[dict]:
    """Stored fields of the ``limit`` best matches, through the block-at-a-time scorer."""
    from reader.search.whoosh.query import fast_search

    try:
        top, _, _ = fast_search(searcher, q, limit, deadline=time.perf_counter() + 1.0)
        return [searcher.stored_fields(docnum) for _, docnum in top]
    except Exception:  # a shape the fast path does not take: Whoosh's own collector
        return [hit.fields() for hit in searcher.search(q, limit=limit)]


_DF_CACHE: dict[tuple[str, int], dict[str, int]] = {}


def _doc_freq(searcher):
    """Document frequencies of stems in the ``text`` field, for IDF weights.

    Whoosh looks each one up on disk (~0.1 ms a term on a many-segment index), and comparing
    two long articles needs thousands, so they are remembered per index generation: a second
    comparison or the "also in" links of a whole article reuse them.
    """
    total = searcher.doc_frequency("kind", "para")
    key = (repr(getattr(searcher, "_ix", searcher)), _generation(searcher))
    known = _DF_CACHE.get(key)
    if known is None:
        _DF_CACHE.clear()  # one index generation at a time
        known = _DF_CACHE[key] = {}

    def df(term: str) -> int:
        found = known.get(term)
        if found is None:
            found = known[term] = searcher.doc_frequency("text", term)
        return found

    return df, total


def _generation(searcher) -> int:
    try:
        return int(searcher._ix.latest_generation())
    except Exception:
        return id(searcher)


def _fold(text: str | None) -> str:
    return " ".join((text or "").casefold().split())


__all__ = ["Library", "IndexProblem", "bundled_seeds", "default_index_dir"]
