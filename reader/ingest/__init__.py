"""The corpus: finding article files under a path and reading them into :class:`Article` records.

Discovery is separate from reading so the index can compare file sizes and times with what it
holds and read only what changed.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from reader.errors import CorpusError
from reader.ingest.formats import SUFFIXES, Skipped, read_file
from reader.records import Article

__all__ = ["CorpusFile", "Skipped", "discover", "doc_ids", "read_file", "load"]

IGNORED_DIRS = {"index", "__pycache__", "node_modules"}
# A folder holding one of these files is a reader index (see reader.search.whoosh.folder):
# never read as articles, even when it sits inside the corpus.
INDEX_MARKERS = ("READER_INDEX", "READER_SCHEMA")


def has_marker(names: Iterable[str]) -> bool:
    """True when a folder listing holds an index marker."""
    return any(name in INDEX_MARKERS for name in names)


@dataclass(frozen=True)
class CorpusFile:
    """A file that may hold articles, as found on disk."""

    path: Path  # absolute
    relative: str  # posix path relative to the corpus root (the file name for a single file)
    size: int
    mtime_ns: int


def discover(root: Path, warnings: list[str] | None = None) -> list[CorpusFile]:
    """Every article file under ``root`` (or ``root`` itself), sorted, following symlinks safely.

    Symlink loops are cut by remembering each real directory visited; unreadable folders and
    files that vanish while walking become warnings, not errors.
    """
    warnings = warnings if warnings is not None else []
    root = Path(root).expanduser()
    if not root.exists():
        raise CorpusError(f"no such file or folder: {root}")
    root = root.resolve()
    if root.is_file():
        stat = root.stat()
        return [CorpusFile(root, root.name, stat.st_size, stat.st_mtime_ns)]
    found: list[CorpusFile] = []
    seen_dirs: set[tuple[int, int]] = set()

    def on_error(exc: OSError) -> None:
        warnings.append(f"{exc.filename}: skipped ({exc.strerror or exc})")

    for folder, dirs, files in os.walk(root, followlinks=True, onerror=on_error):
        try:
            stat = os.stat(folder)
        except OSError:
            dirs[:] = []
            continue
        key = (stat.st_dev, stat.st_ino)
        if key in seen_dirs:  # a symlink loop or a second link to the same folder
            dirs[:] = []
            continue
        seen_dirs.add(key)
        if has_marker(files):  # an index folder inside the corpus: never read as articles
            dirs[:] = []
            continue
        dirs[:] = sorted(d for d in dirs if not d.startswith(".") and d not in IGNORED_DIRS)
        for name in sorted(files):
            path = Path(folder, name)
            if name.startswith(".") or name.endswith(".meta.toml"):
                continue
            if path.suffix.lower() not in SUFFIXES:
                continue
            try:
                stat = path.stat()
            except OSError as exc:
                warnings.append(f"{path}: skipped ({exc.strerror or exc})")
                continue
            if not path.is_file():
                continue
            found.append(
                CorpusFile(path, path.relative_to(root).as_posix(), stat.st_size, stat.st_mtime_ns)
            )
    found.sort(key=lambda f: f.relative)
    return found


def doc_ids(files: list[CorpusFile]) -> dict[str, str]:
    """The document id of each file: its stem, or its relative path where stems collide."""
    ids: dict[str, str] = {}
    taken: set[str] = set()
    for file in files:
        stem = file.path.stem.replace(":", "_")
        doc = stem if stem not in taken else file.relative.rsplit(".", 1)[0].replace(":", "_")
        taken.add(doc)
        ids[file.relative] = doc
    return ids


def load(root: Path, warnings: list[str] | None = None) -> Iterator[Article]:
    """Every article under ``root``; files that cannot be read become warnings."""
    warnings = warnings if warnings is not None else []
    files = discover(root, warnings)
    ids = doc_ids(files)
    for file in files:
        try:
            yield from read_file(file.path, ids[file.relative])
        except Skipped as reason:
            warnings.append(f"{file.relative}: skipped ({reason})")
