"""The one walker: which files under a corpus path may hold articles, with their size and time.

Why one: the index compares what it holds with what is on disk before every command, so the
rules of what counts as a corpus file (suffixes, hidden names, index folders, links) live here
and nowhere else. The walk is iterative (a folder 1,200 levels deep is no deeper a stack),
cuts symlink loops by remembering each real folder, and turns every problem with one entry
into a warning that names it printably, never an exception that stops the rest.
"""

from __future__ import annotations

import os
import stat as stat_module
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from reader.errors import CorpusError
from reader.text import printable

IGNORED_DIRS = {"index", "__pycache__", "node_modules"}
# A folder holding one of these files is a reader index (see reader.search.whoosh.folder):
# never read as articles, even when it sits inside the corpus.
INDEX_MARKERS = ("READER_INDEX", "READER_SCHEMA")
SIDECAR_SUFFIX = ".meta.toml"


def has_marker(names: Iterable[str]) -> bool:
    """True when a folder listing holds an index marker."""
    return any(name in INDEX_MARKERS for name in names)


@dataclass(frozen=True, slots=True)
class CorpusFile:
    """A file that may hold articles, as found on disk.

    Held as small as it can be: a build holds one for every file of the corpus while its
    processes work (a forked process carries the parent's memory), so the location is kept
    as a string, not a ``Path`` (about 400 bytes a file less)."""

    location: str | Path  # absolute; given as either, kept as a string
    relative: str  # posix path relative to the corpus root (the file name for a single file)
    size: int
    mtime_ns: int

    def __post_init__(self) -> None:
        if not isinstance(self.location, str):
            object.__setattr__(self, "location", os.fspath(self.location))

    @property
    def path(self) -> Path:
        return Path(self.location)


def _undecodable(name: str) -> bool:
    """True for a name the file system gave as bytes that are not UTF-8 (surrogate escapes)."""
    if name.isascii():
        return False
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def discover(root: Path, warnings: list[str] | None = None,
             suffixes: Iterable[str] | None = None) -> list[CorpusFile]:
    """Every article file under ``root`` (or ``root`` itself), sorted by relative path.

    ``suffixes`` defaults to those of the format registry. Hidden names, sidecars, ignored and
    index folders are left out; names that are not valid UTF-8, folders that cannot be listed
    and entries that vanish become warnings.
    """
    found = [CorpusFile(Path(path), relative, size, mtime)
             for path, relative, size, mtime in _walk(root, warnings, suffixes)]
    found.sort(key=lambda f: f.relative)
    return found


def scan(root: Path, warnings: list[str] | None = None) -> dict[str, tuple[int, int]]:
    """``{relative: (size, mtime_ns)}`` of the files :func:`discover` lists, by the same walk.

    For the check before every command (has anything changed?): no ``Path`` objects are made.
    """
    return {relative: (size, mtime) for _, relative, size, mtime in _walk(root, warnings, None)}


def scan_folders(root: Path, folders: Iterable[str], known: Collection[str],
                 warnings: list[str] | None = None, times: dict[str, int] | None = None
                 ) -> dict[str, tuple[int, int]]:
    """:func:`scan` of some folders only (relative, ending in ``/``; ``''`` is the root): the
    files directly in each, and every file of a subfolder not in ``known`` (a new folder).
    ``times`` gets each folder listed with its time, taken before it was listed (the times
    :func:`reader.freshness.folder_stamps` would give)."""
    root = Path(root).expanduser().resolve()
    start = []
    for folder in folders:
        path = str(root / folder) if folder else str(root)
        if times is not None:
            try:
                times[folder] = os.stat(path).st_mtime_ns
            except OSError:
                continue  # gone: nothing to list
        start.append((path, folder))
    return {relative: (size, mtime) for _, relative, size, mtime in _walk(
        root, warnings, None, start, lambda folder: folder not in known, times)}


def _walk(root: Path, warnings: list[str] | None, suffixes: Iterable[str] | None,
          start: list[tuple[str, str]] | None = None,
          descend: Callable[[str], bool] | None = None, times: dict[str, int] | None = None
          ) -> Iterator[tuple[str, str, int, int]]:
    """``(absolute path, relative path, size, mtime_ns)`` of each corpus file, unsorted: of
    the whole corpus, or from the folders ``start`` into the subfolders ``descend`` allows."""
    if suffixes is None:
        from reader.ingest.formats import SUFFIXES

        suffixes = SUFFIXES
    wanted = {s.lower() for s in suffixes}
    warnings = warnings if warnings is not None else []
    root = Path(root).expanduser()
    try:
        root_stat = root.stat()
    except OSError as exc:
        raise CorpusError(f"no such file or folder: {printable(str(root))}"
                          if isinstance(exc, FileNotFoundError)
                          else f"cannot read {printable(str(root))}: {exc.strerror or exc}"
                          ) from None
    root = root.resolve()
    if not stat_module.S_ISDIR(root_stat.st_mode):
        yield str(root), root.name, root_stat.st_size, root_stat.st_mtime_ns
        return

    seen: set[tuple[int, int]] = {(root_stat.st_dev, root_stat.st_ino)}
    stack: list[tuple[str, str]] = list(start) if start is not None else [(str(root), "")]
    while stack:
        folder, prefix = stack.pop()
        try:
            with os.scandir(folder) as listing:
                entries = list(listing)
        except OSError as exc:
            warnings.append(f"{printable(prefix or str(root))}: skipped "
                            f"({exc.strerror or type(exc).__name__})")
            continue
        if has_marker(e.name for e in entries):  # an index folder inside the corpus
            if times is not None:
                times.pop(prefix, None)
            continue
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            relative = prefix + name
            try:
                is_dir = entry.is_dir()  # follows links, as a reader of the folder would
            except OSError:
                is_dir = False
            if is_dir:
                if name in IGNORED_DIRS:
                    continue
                if _undecodable(name):
                    warnings.append(f"{printable(relative)}/: skipped (folder name is not UTF-8)")
                    continue
                try:
                    info = entry.stat()
                except OSError as exc:
                    warnings.append(f"{printable(relative)}/: skipped "
                                    f"({exc.strerror or type(exc).__name__})")
                    continue
                key = (info.st_dev, info.st_ino)
                if key not in seen and (descend is None or descend(relative + "/")):
                    seen.add(key)  # else a symlink loop or a second link to the folder
                    stack.append((entry.path, relative + "/"))
                    if times is not None:
                        times[relative + "/"] = info.st_mtime_ns
                continue
            if name.endswith(SIDECAR_SUFFIX):
                continue
            dot = name.rfind(".")
            if dot <= 0 or name[dot:].lower() not in wanted:
                continue
            if _undecodable(name):
                warnings.append(f"{printable(relative)}: skipped (file name is not UTF-8)")
                continue
            try:
                info = entry.stat()
            except OSError as exc:
                warnings.append(f"{printable(relative)}: skipped "
                                f"({exc.strerror or type(exc).__name__})")
                continue
            if stat_module.S_ISREG(info.st_mode):  # FIFOs, sockets and devices are never read
                yield entry.path, relative, info.st_size, info.st_mtime_ns


def doc_ids(files: list[CorpusFile]) -> dict[str, str]:
    """The document id of each file: its stem, or its relative path where stems collide."""
    return doc_ids_of([file.relative for file in files])


def path_id(relative: str) -> str:
    """The id of a file whose name another file took first: its path without the suffix."""
    return relative.rsplit(".", 1)[0].replace(":", "_")


def doc_ids_of(relatives: Iterable[str]) -> dict[str, str]:
    """:func:`doc_ids` from the relative paths alone, in their order (no ``Path`` objects:
    an update names every file of the corpus, 86k of them at 1M paragraphs)."""
    ids: dict[str, str] = {}
    taken: set[str] = set()
    for relative in relatives:
        name = relative.rsplit("/", 1)[-1]
        dot = name.rfind(".")
        stem = (name[:dot] if 0 < dot < len(name) - 1 else name).replace(":", "_")
        doc = stem if stem not in taken else path_id(relative)
        taken.add(doc)
        ids[relative] = doc
    return ids
