"""The index folder: a folder the reader created and marked as its own, and nothing else.

A user may point ``--index`` at any path, including a folder full of their own files or the
corpus itself. The reader writes only inside a folder that holds its marker file
(``READER_INDEX``), which it writes when it creates the folder or finds it empty; any other
non-empty folder is refused with one line, before anything is written. Inside, each full build
is a generation folder (``gen-N``); the marker names the live one, and is replaced atomically,
so a rebuild is swapped in without renaming, moving or deleting anything outside the folder.

Layout::

    READER_INDEX      marker: format, schema version, live generation (replaced atomically)
    update.lock       held (flock) by the one process updating this index
    gen-N/            the live Whoosh index, its manifest and file stamps
    build-PID/        a full build in progress (removed when its process is gone)
"""

from __future__ import annotations

import fcntl
import os
import re
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from reader.ingest import INDEX_MARKERS

MARKER, LEGACY_MARKER = INDEX_MARKERS  # LEGACY: indexes written before generation folders
FORMAT = "kabar-reader index"
LOCK_FILE = "update.lock"
_LEGACY_FILES = re.compile(r"^(_?reader_.*|files-\d+\.(pickle|stamps)|READER_SCHEMA|\..*\.tmp)$")
_GENERATION = re.compile(r"^gen-(\d+)$")
_BUILD = re.compile(r"^build-(\d+)$")


class NotAnIndexFolder(Exception):
    """The path exists and is not the reader's: a file, or a folder with other things in it."""


@dataclass(frozen=True)
class Marker:
    schema: int
    live: str | None  # the live generation's folder name; None before the first build


class IndexFolder:
    """One index folder on disk. Creating the object touches nothing; :meth:`claim` does."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._marker = self.path / MARKER  # read before every search: joined once
        self._read: tuple[tuple[int, int, int], Marker | None] | None = None  # (stat, marker)

    # -- ownership -----------------------------------------------------------------------------

    def is_ours(self) -> bool:
        return (self.path / MARKER).is_file() or (self.path / LEGACY_MARKER).is_file()

    def check(self) -> None:
        """Raise :class:`NotAnIndexFolder` when the path is taken by something not ours."""
        path = self.path
        if not path.exists() and not path.is_symlink():
            return
        if not path.is_dir():
            raise NotAnIndexFolder(f"{path} is a file, not an index folder")
        if self.is_ours():
            return
        try:
            empty = next(os.scandir(path), None) is None
        except OSError as exc:
            raise NotAnIndexFolder(f"cannot read {path}: {exc.strerror or exc}") from exc
        if not empty:
            raise NotAnIndexFolder(
                f"{path} is not empty and is not a reader index; refusing to write there "
                "(choose a new or empty folder for --index)")

    def claim(self, schema: int) -> None:
        """Create the folder (or take an empty one) and mark it; refuse anything else."""
        self.check()
        self.path.mkdir(parents=True, exist_ok=True)
        if not (self.path / MARKER).is_file():
            self.write_marker(Marker(schema, None))

    # -- the marker ----------------------------------------------------------------------------

    def marker(self) -> Marker | None:
        """The marker's content; None when there is none or it cannot be read. Asked before
        every search (another process may have published a new generation): the file is read
        again only when its inode, time or size changed (it is only ever replaced whole)."""
        try:
            info = os.stat(self._marker)
        except OSError:
            return None
        seen = (info.st_ino, info.st_mtime_ns, info.st_size)
        if self._read is not None and self._read[0] == seen:
            return self._read[1]
        marker = self._parse_marker()
        self._read = (seen, marker)
        return marker

    def _parse_marker(self) -> Marker | None:
        try:
            text = self._marker.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None
        values = dict(_pairs(text))
        if values.get("format") != FORMAT:
            return None
        try:
            schema = int(values.get("schema", ""))
        except ValueError:
            return None
        live = values.get("live") or None
        if live is not None and not _GENERATION.match(live):
            live = None
        return Marker(schema, live)

    def write_marker(self, marker: Marker) -> None:
        """Replace the marker atomically (write a temporary file beside it, then rename)."""
        lines = [f'format = "{FORMAT}"', f"schema = {marker.schema}"]
        if marker.live:
            lines.append(f'live = "{marker.live}"')
        tmp = self.path / f".{MARKER}.{os.getpid()}.tmp"
        with open(tmp, "w", encoding="utf-8") as handle:
            handle.write("\n".join(lines) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, self.path / MARKER)

    def live_dir(self) -> Path | None:
        marker = self.marker()
        if marker is None or marker.live is None:
            return None
        live = self.path / marker.live
        return live if live.is_dir() else None

    # -- generations ---------------------------------------------------------------------------

    def new_build_dir(self) -> Path:
        build = self.path / f"build-{os.getpid()}"
        shutil.rmtree(build, ignore_errors=True)
        build.mkdir()
        return build

    def publish(self, build: Path, schema: int) -> Path:
        """Make a finished build the live generation; the previous one is then removed."""
        numbers = [int(m.group(1)) for p in self.path.iterdir()
                   if (m := _GENERATION.match(p.name))]
        live = self.path / f"gen-{max(numbers, default=0) + 1}"
        os.replace(build, live)
        old = self.marker()
        self.write_marker(Marker(schema, live.name))
        if old is not None and old.live and old.live != live.name:
            shutil.rmtree(self.path / old.live, ignore_errors=True)
        self._drop_legacy_files()
        return live

    def has_leftovers(self) -> bool:
        """True when a build or an old generation was left behind (a killed process)."""
        return any(True for _ in self._leftovers())

    def clean_leftovers(self) -> None:
        """Remove builds of processes that are gone and generations that are not live."""
        for leftover in self._leftovers():
            shutil.rmtree(leftover, ignore_errors=True)

    def _leftovers(self) -> Iterator[Path]:
        if not self.path.is_dir() or not (self.path / MARKER).is_file():
            return
        marker = self.marker()
        live = marker.live if marker else None
        for entry in self.path.iterdir():
            if (m := _BUILD.match(entry.name)) and not _alive(int(m.group(1))):
                yield entry
            elif _GENERATION.match(entry.name) and entry.name != live:
                yield entry

    def _drop_legacy_files(self) -> None:
        """After the first build in the generation layout, remove the old layout's files
        (only the names Whoosh and the reader gave them)."""
        if not (self.path / LEGACY_MARKER).exists():
            return
        for entry in self.path.iterdir():
            if entry.is_file() and _LEGACY_FILES.match(entry.name):
                entry.unlink(missing_ok=True)

    # -- one writer at a time ------------------------------------------------------------------

    @contextmanager
    def update_lock(self, wait: Callable[[], None] | None = None) -> Iterator[None]:
        """Hold the folder's update lock; when another process holds it, say so and wait."""
        with open(self.path / LOCK_FILE, "a+b") as handle:
            try:
                fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                if wait:
                    wait()
                fcntl.flock(handle, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(handle, fcntl.LOCK_UN)


def _pairs(text: str) -> Iterator[tuple[str, str]]:
    for line in text.splitlines():
        key, sep, value = line.partition("=")
        if sep:
            yield key.strip(), value.strip().strip('"')


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return True
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
