"""What a format reader is given and what it declares: one file, decoded, with its sidecar."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

from reader.ingest.sidecar import Metadata
from reader.records import Article


@dataclass
class Source:
    """One corpus file as a format reader sees it."""

    path: Path
    doc: str  # the document id of the file (records add ``-ID`` to it)
    text: str  # decoded and normalised (reader.text.normalise)
    meta: Metadata  # from the sidecar; the reader may add its own
    warnings: list[str] = field(default_factory=list)  # parts of the file left out, and why


@dataclass(frozen=True)
class Format:
    """A file format: its name, the suffixes it claims and the function that reads it."""

    name: str
    suffixes: tuple[str, ...]
    read: Callable[[Source], Iterable[Article]]
