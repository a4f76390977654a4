"""The index on disk: opening the live generation, searchers, what is remembered per commit, and
telling damage from an index that is merely old.

The folder (:mod:`.folder`) names the live generation; inside it Whoosh keeps one table of
contents per commit. Beside each commit the reader keeps the file records (``files-N.pickle``,
for updates), their sizes and times alone (``files-N.stamps``, the freshness check every
command makes), both as the changes since the commit before (:mod:`.journal`), and a seal
(``files-N.seal``): the size, time and CRC-32 of every file the commit uses. A file changed
behind the reader's back (a disk fault, a stray write) breaks the seal when the index is
opened, and the index is rebuilt instead of answering wrongly or failing half way through a
search.
"""

from __future__ import annotations

import os
import pickle
import struct
import threading
import time
import zlib
from collections.abc import Callable
from pathlib import Path

from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.filetables import FileFormatError
from whoosh.index import IndexError as WhooshIndexError
from whoosh.reading import CorruptIndexError

from reader.errors import IndexDamaged, IndexProblem
from reader.search.backend import FileState
from reader.search.whoosh import journal, stemtable
from reader.search.whoosh.folder import IndexFolder
from reader.search.whoosh.schema import INDEX_NAME, SCHEMA_VERSION
from reader.search.whoosh.seal import check_seal, write_seal

# What reading damaged index files raises (a garbage table of contents can fail while it is
# unpickled with almost any error, so opening adds the builtin ones; see :func:`open_checked`).
DAMAGE = (CorruptIndexError, FileFormatError, WhooshIndexError, zlib.error, struct.error,
          EOFError, pickle.UnpicklingError)
_OPEN_DAMAGE = DAMAGE + (ValueError, TypeError, KeyError, IndexError, AttributeError,
                         ImportError, UnicodeDecodeError, OverflowError)

MANIFEST_PREFIX = journal.PREFIX
RECORDS, STAMPS, SUMMARIES = "pickle", "stamps", "summaries"
CHAINED = (RECORDS, STAMPS, SUMMARIES)  # kept as changes on the commit before (:mod:`.journal`)


class SharedIndex:
    """The Whoosh index of one generation folder, handing out one searcher per thread.

    Opening a searcher opens every segment's files (~4 ms at 100k paragraphs, far more than a
    rare-word query); reusing it makes repeated searches cheap. Before each use the searcher is
    checked against the latest commit (see :meth:`searcher`) and refreshed when the index
    changed, so answers are as current as with a new searcher. Searchers are per thread
    (Whoosh's readers seek shared file objects), and those of threads that have ended are
    closed, so short-lived worker threads do not pile up open files.
    """

    MAX_IDLE = 4  # searchers kept before those of finished threads are closed
    SETTLED_NS = 2_000_000_000  # a folder time this old cannot be shared by a later change

    def __init__(self, ix, directory: Path) -> None:
        self.ix = ix
        self.directory = directory
        self._lock = threading.Lock()
        # per thread: its searcher, and the folder's state when it was last found current
        self._by_thread: dict[int, tuple[object, tuple[int, int] | None]] = {}

    @property
    def schema(self):
        return self.ix.schema

    def latest_generation(self) -> int:
        return self.ix.latest_generation()

    def searcher(self):
        """This thread's searcher, current with the latest commit.

        A commit adds and removes files in the generation folder, which changes the folder's
        time: while it is the time seen when the searcher was last found current, nothing was
        committed since (one ``stat``; Whoosh's check lists the folder). A time too recent to
        rule out a second change within the same tick of the file system's clock is not
        trusted: the folder is listed until it settles.
        """
        ident = threading.get_ident()
        state = _folder_state(self.directory)
        with self._lock:
            current, settled = self._by_thread.get(ident, (None, None))
        if current is None:
            current = self.ix.searcher()
        elif state is None or state != settled:
            if not current.up_to_date():
                # A new searcher, not ``refresh()``: Whoosh's refresh adds the old reader's
                # segments to the new commit's, so deleted paragraphs would come back.
                current.close()
                current = self.ix.searcher()
        if state is not None and state[1] > time.time_ns() - self.SETTLED_NS:
            state = None
        with self._lock:
            self._by_thread[ident] = (current, state)
            if len(self._by_thread) > self.MAX_IDLE:
                alive = {thread.ident for thread in threading.enumerate()}
                for other in [t for t in self._by_thread if t not in alive]:
                    self._by_thread.pop(other)[0].close()
        return current

    def close(self) -> None:
        with self._lock:
            searchers = [searcher for searcher, _state in self._by_thread.values()]
            self._by_thread = {}
        for searcher in searchers:
            searcher.close()
        self.ix.close()


def _folder_state(directory: Path) -> tuple[int, int] | None:
    try:
        info = os.stat(directory)
    except OSError:
        return None
    return info.st_ino, info.st_mtime_ns


def open_dir(directory: Path):
    """Open the index without memory maps.

    Whoosh 3 reads a memory-mapped segment through ``BytesIO(memoryview)``, which copies every
    file of every segment into the process on open: ~150 ms and the index's size in RSS at
    100k paragraphs, ten times that at 1M. Plain file reads cost a system call per posting
    block instead, which the page cache makes cheap.
    """
    return FileStorage(str(directory), supports_mmap=False).open_index(INDEX_NAME)


def open_checked(directory: Path, where: Path) -> SharedIndex:
    """The index in ``directory`` with its seal and every segment checked; ``IndexDamaged``
    (one line) when something is wrong, ``IndexProblem`` when it cannot be read at all."""
    try:
        ix = open_dir(directory)
        problem = check_seal(directory, _read(directory, "seal", ix=ix))
        if problem is None:
            with ix.searcher() as searcher:  # touch every segment's files
                searcher.doc_count()
                searcher.reader().field_length("text")
    except PermissionError as exc:
        raise IndexProblem(f"cannot read the index at {where}: {why(exc)}") from exc
    except (OSError, *_OPEN_DAMAGE) as exc:
        raise IndexDamaged(f"the index at {where} is damaged ({why(exc)})") from exc
    if problem is not None:
        ix.close()
        raise IndexDamaged(f"the index at {where} is damaged ({problem})")
    return SharedIndex(ix, directory)


class Store:
    """The index folder and its live generation, opened once per generation."""

    def __init__(self, index_dir: Path) -> None:
        self.index_dir = Path(index_dir)
        self.folder = IndexFolder(self.index_dir)
        self._ix: SharedIndex | None = None
        self._stems = None
        self._lock = threading.Lock()

    def version_ok(self) -> bool:
        marker = self.folder.marker()
        return marker is not None and marker.schema == SCHEMA_VERSION

    def live_dir(self) -> Path | None:
        return self.folder.live_dir()

    def exists(self) -> bool:
        """True when a live generation with a table of contents is there (readable or not)."""
        live = self.live_dir()
        try:
            return live is not None and any(live.glob(f"_{INDEX_NAME}_*.toc"))
        except OSError:
            return False

    def open(self) -> SharedIndex:
        """The live generation's index. Raises ``IndexProblem`` when there is none (or it is
        of another schema version) and ``IndexDamaged`` when it is damaged."""
        marker = self.folder.marker()  # one read: it names the live generation and its schema
        if marker is None or marker.live is None or marker.schema != SCHEMA_VERSION:
            raise IndexProblem(f"no index at {self.index_dir}; run: reader index")
        with self._lock:
            if self._ix is not None and self._ix.directory.name == marker.live:
                return self._ix
            live = self.index_dir / marker.live
            if self._ix is not None:
                self._ix.close()  # a rebuild (by any process) published a new generation
                self._ix = None
            if not live.is_dir():
                raise IndexProblem(f"no index at {self.index_dir}; run: reader index")
            self._ix = open_checked(live, self.index_dir)
            self._use_stems(stemtable.open_table(live))
            return self._ix

    def _use_stems(self, table) -> None:
        """Stem query words with this generation's table (no Sastrawi start for known words)."""
        from reader.language.analysis import drop_stem_table, use_stem_table

        if self._stems is not None:
            drop_stem_table(self._stems)
            self._stems.close()
        self._stems = table
        if table is not None:
            use_stem_table(table)
            stemtable.set_current(table.path.parent)

    def forget(self) -> None:
        """Drop the open index (after this process replaced or damaged it)."""
        with self._lock:
            if self._ix is not None:
                self._ix.close()
                self._ix = None
            self._use_stems(None)

    close = forget

    def generation(self) -> str:
        shared = self.open()
        return f"{shared.directory.name}:{shared.latest_generation()}"

    # -- what is kept beside each commit ---------------------------------------------------

    def stamps(self) -> dict[str, tuple[int, int]] | None:
        """``{relative: (size, mtime_ns)}`` as of the latest commit, or None when unknown."""
        live = self.live_dir()
        if live is None or not self.version_ok():
            return None
        return journal.load(live, _Generation(live).latest_generation(), STAMPS)

    def folder_stamps(self) -> dict[str, int] | None:
        """The corpus folders' times kept with the latest commit, or None (also when that
        commit's stamps are missing: only then may a command trust the folder times alone,
        without loading the stamps)."""
        live = self.live_dir()
        if live is None or not self.version_ok():
            return None
        generation = _Generation(live).latest_generation()
        if journal.read_header(live, generation, STAMPS) is None:
            return None
        return _read(live, "dirs")

    def save_folder_stamps(self, stamps: dict[str, int]) -> None:
        """Keep the corpus folders' times with the latest commit (best effort: a read-only
        index folder only means the full check next time)."""
        live = self.live_dir()
        if live is None or _read(live, "dirs") == stamps:
            return
        generation = _Generation(live).latest_generation()
        target = live / f"{MANIFEST_PREFIX}{generation}.dirs"
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        try:
            with open(tmp, "wb") as handle:
                pickle.dump((generation, stamps), handle, protocol=pickle.HIGHEST_PROTOCOL)
            os.replace(tmp, target)
        except OSError:
            tmp.unlink(missing_ok=True)

    def manifest(self) -> dict[str, FileState] | None:
        live = self.live_dir()
        raw = (journal.load(live, _Generation(live).latest_generation(), RECORDS)
               if live is not None else None)
        if raw is None or not all(isinstance(v, tuple) and len(v) == 4 for v in raw.values()):
            return None  # missing, or written by another version: read the file records
        return {rel: FileState(*state) for rel, state in raw.items()}


def write_records(directory: Path, states: dict[str, FileState], ix=None) -> None:
    """Save the file records, stamps and seal of the latest commit in ``directory`` (a full
    build: full copies).

    The records and stamps are a convenience (without them the next command reads the file
    records from the index); the seal guards against damage. A failure to write them is an
    ``OSError`` for the caller: a full disk must not pass unnoticed.
    """
    if ix is None:
        ix = open_dir(directory)
    generation = ix.latest_generation()
    journal.save_full(directory, generation, RECORDS, {rel: _raw(s) for rel, s in states.items()})
    journal.save_full(directory, generation, STAMPS,
                      {rel: (s.size, s.mtime_ns) for rel, s in states.items()})
    write_seal(directory, ix, generation, _read(directory, "seal", any_generation=True))
    journal.keep_only_chain(directory, generation, CHAINED)


def record_changes(directory: Path, changed: dict[str, FileState], removed: list[str],
                   all_states: Callable[[], dict[str, FileState]], ix=None) -> None:
    """Save the records and stamps of the latest commit as the changes it made to those of the
    commit before (see :mod:`.journal`), and its seal. ``all_states`` gives every record when
    a full copy is due and the previous one is unknown (read from the index: slow, rare)."""
    if ix is None:
        ix = open_dir(directory)
    generation = ix.latest_generation()
    previous = generation - 1
    cache: dict[str, dict[str, FileState]] = {}

    def whole() -> dict[str, FileState]:
        if "all" not in cache:
            states = dict(all_states())
            for name in removed:
                states.pop(name, None)
            states.update(changed)
            cache["all"] = states
        return cache["all"]

    journal.save_changes(directory, generation, previous, RECORDS,
                         {rel: _raw(s) for rel, s in changed.items()}, removed,
                         lambda: {rel: _raw(s) for rel, s in whole().items()})
    journal.save_changes(directory, generation, previous, STAMPS,
                         {rel: (s.size, s.mtime_ns) for rel, s in changed.items()}, removed,
                         lambda: {rel: (s.size, s.mtime_ns) for rel, s in whole().items()})
    write_seal(directory, ix, generation, _read(directory, "seal", any_generation=True))
    journal.keep_only_chain(directory, generation, CHAINED)


def _raw(state: FileState) -> tuple:
    return (state.size, state.mtime_ns, state.sha256, tuple(state.docs))


def _read(directory: Path, suffix: str, ix=None, any_generation: bool = False):
    """A dict pickled beside the latest commit (or, with ``any_generation``, the newest one
    there is), or None when missing, stale or unreadable (it is only a shortcut)."""
    try:
        if any_generation:
            found = sorted(
                (int(p.name[len(MANIFEST_PREFIX):].split(".", 1)[0]), p)
                for p in directory.glob(f"{MANIFEST_PREFIX}*.{suffix}")
                if p.name[len(MANIFEST_PREFIX):].split(".", 1)[0].isdigit())
            if not found:
                return None
            generation, path = found[-1]
        else:
            generation = (ix or _Generation(directory)).latest_generation()
            path = directory / f"{MANIFEST_PREFIX}{generation}.{suffix}"
        with open(path, "rb") as handle:
            stored, value = pickle.load(handle)
    except (OSError, *_OPEN_DAMAGE):
        return None
    return value if stored == generation and isinstance(value, dict) else None


class _Generation:
    """The latest commit number of a folder, read the way Whoosh reads it, without opening
    the index (the freshness check must stay cheap)."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory

    def latest_generation(self) -> int:
        prefix, suffix = f"_{INDEX_NAME}_", ".toc"
        numbers = [int(n[len(prefix):-len(suffix)]) for n in os.listdir(self.directory)
                   if n.startswith(prefix) and n.endswith(suffix)
                   and n[len(prefix):-len(suffix)].isdigit()]
        return max(numbers, default=-1)


def why(exc: BaseException) -> str:
    """One line about an exception, for the user."""
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror + (f": {exc.filename}" if exc.filename else "")
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:160]
