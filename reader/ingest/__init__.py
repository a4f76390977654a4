"""Ingestion: finding article files under a path and reading them into :class:`Article` records.

Discovery (:mod:`reader.ingest.walk`) is separate from reading (:mod:`reader.ingest.formats`,
one module a format) so the index can compare file sizes and times with what it holds and read
only what changed.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

from reader.errors import CorpusError
from reader.ingest.walk import (
    IGNORED_DIRS,
    INDEX_MARKERS,
    CorpusFile,
    discover,
    doc_ids,
    doc_ids_of,
    has_marker,
    path_id,
    scan,
    scan_folders,
)
from reader.records import Article
from reader.text import printable

_READING = ("SUFFIXES", "Skipped", "read_file")  # from .formats, loaded on first use


def __getattr__(name: str):
    """The format registry's names, imported when first asked for: reading files pulls in
    every format's parser and charset detection, which a command that only checks the
    corpus folders' times and searches never needs."""
    if name in _READING:
        from reader.ingest import formats

        return getattr(formats, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = ["IGNORED_DIRS", "INDEX_MARKERS", "SUFFIXES", "CorpusError", "CorpusFile", "Skipped",
           "discover", "doc_ids", "doc_ids_of", "has_marker", "load", "path_id", "read_file",
           "scan", "scan_folders"]


def load(root: Path, warnings: list[str] | None = None) -> Iterator[Article]:
    """Every article under ``root``; files that cannot be read become warnings naming them."""
    from reader.ingest.formats import Skipped, read_file

    warnings = warnings if warnings is not None else []
    files = discover(root, warnings)
    ids = doc_ids(files)
    for file in files:
        name = printable(file.relative)
        notes: list[str] = []
        try:
            yield from read_file(file.path, ids[file.relative], notes)
        except Skipped as reason:
            warnings.append(f"{name}: skipped ({reason})")
        warnings.extend(f"{name}: {note}" for note in notes)
