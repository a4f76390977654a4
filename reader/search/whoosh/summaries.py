"""Article summaries kept beside each index generation, so a list of articles needs no decoding.

Listing the articles used to decode every article's stored JSON (1.5 s at 100k paragraphs, 16 s
at 1M) before the reader could show them. An update knows the articles it writes, so it saves
their summaries with the commit: a full build writes them all, an incremental update only the
summaries of the files it touched and the articles that went away, as changes on the previous
commit's (:mod:`.journal`).
"""

from __future__ import annotations

import marshal
from collections.abc import Iterable
from pathlib import Path

from reader.records import Article, ArticleSummary
from reader.search.whoosh import journal

SUFFIX = "summaries"


def of(article: Article) -> ArticleSummary:
    return ArticleSummary(doc=article.doc, title=article.title, source=article.source,
                          date=article.date, paragraphs=len(article.paragraphs),
                          quotes=article.quote_count, path=article.path)


def _row(s: ArticleSummary) -> tuple:
    return (s.doc, s.title, s.source, s.date, s.paragraphs, s.quotes, s.path)


def save(directory: Path, generation: int, summaries: dict[str, ArticleSummary]) -> None:
    """Write every summary of ``generation`` (atomically; the caller decides what a failure
    means)."""
    journal.save_full(directory, generation, SUFFIX,
                      {doc: _row(s) for doc, s in summaries.items()})


def save_changes(directory: Path, generation: int, added: dict[str, ArticleSummary],
                 removed: Iterable[str]) -> bool:
    """Write the summaries of ``generation`` as what changed since the commit before; False
    when that commit's summaries are unknown (nothing written: the next listing decodes)."""
    rows = {doc: _row(s) for doc, s in added.items()}
    if journal.read_header(directory, generation - 1, SUFFIX) is None:
        earlier = _load_marshal(directory, generation - 1)  # as earlier versions saved them
        if earlier is not None:
            for doc in removed:
                earlier.pop(doc, None)
            earlier.update(rows)
            journal.save_full(directory, generation, SUFFIX, earlier)
            return True
    return journal.save_changes(directory, generation, generation - 1, SUFFIX, rows, removed)


def load(directory: Path, generation: int) -> dict[str, ArticleSummary] | None:
    """The summaries saved with ``generation`` by doc id, or None (missing, older, damaged)."""
    rows = journal.load(directory, generation, SUFFIX)
    if rows is None:
        rows = _load_marshal(directory, generation)
    if rows is None:
        return None
    try:
        with journal.collector_paused():
            return {doc: ArticleSummary(*row) for doc, row in rows.items()}
    except TypeError:  # rows of another shape
        return None


def _load_marshal(directory: Path, generation: int) -> dict[str, tuple] | None:
    """The summaries of ``generation`` as earlier versions wrote them (one ``marshal`` of
    ``(generation, rows)``), so an index they made keeps its list across the upgrade."""
    try:
        with open(journal.path(directory, generation, SUFFIX), "rb") as handle:
            stored, rows = marshal.load(handle)
    except (OSError, EOFError, ValueError, TypeError):
        return None
    if stored != generation or not isinstance(rows, list):
        return None
    return {row[0]: tuple(row) for row in rows if isinstance(row, (list, tuple)) and row}
