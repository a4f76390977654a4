"""The segments of a full build, written in this process or in one process per core.

Each process owns a :class:`Shard`: it prepares its files (:func:`reader.prepare.prepare`:
reading, quotes), turns their articles into documents and writes them with
:class:`~.bulk.BulkSegment`, starting a new segment whenever the bounded pool is full. Several
processes take chunks of files from one queue (so a slow chunk does not hold the others up)
and send back, per file, only what the parent keeps: the file's state, its article summaries,
its paragraph count and its warnings; at the end, their segments. The parent writes the table of
contents. Nothing of an article crosses a process boundary.

The processes die with their parent (Linux ``PR_SET_PDEATHSIG``), leave Ctrl-C to it, and keep
their tracebacks in a log in the build folder: the parent notices one that failed, stops the
others and says in one line what went wrong, and nothing half-built is published.
"""

from __future__ import annotations

import marshal
import os
import queue
import re
import signal
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path

from whoosh.filedb.filestore import FileStorage

from reader.errors import IndexNotWritable
from reader.prepare import Source, die_with_parent, prepare
from reader.records import ArticleSummary
from reader.search.backend import FileState, IndexedFile, ProgressFn
from reader.search.whoosh import journal, stemtable, summaries
from reader.search.whoosh.bulk import BulkSegment
from reader.search.whoosh.codec import ReaderCodec
from reader.search.whoosh.schema import INDEX_NAME, documents, file_document

CHILD_LOG = "child-"
CHUNK = 16  # files a process takes from the queue at a time
# The estimated size of a process's posting pool before it writes a segment. Since the pool
# holds positions in two bytes and the postings of id and number fields in arrays, 72 MB
# holds a little more than 128 MB held before: segments are no smaller (no more of them at
# a million paragraphs), and each process ~60 MB smaller. At 100k paragraphs each of two
# processes writes one segment.
POOL_MB = 72


class ChildFailed(IndexNotWritable):
    """An analysing process of a full build stopped before its work was done."""


class Shard:
    """The segments one process writes."""

    def __init__(self, storage, schema, limit_mb: float | None = None) -> None:
        self.storage = storage
        self.schema = schema
        self.limit_mb = POOL_MB if limit_mb is None else limit_mb
        self.codec = ReaderCodec()
        self.segments: list = []
        self.bulk: BulkSegment | None = None

    def add(self, indexed: IndexedFile) -> tuple:
        """One file's documents; returns its row for :class:`Built` (see :func:`file_row`)."""
        if self.bulk is None:
            self.bulk = BulkSegment(self.storage, self.schema, INDEX_NAME, self.codec,
                                    self.limit_mb)
        bulk = self.bulk
        listed = []
        count = 0
        for article in indexed.articles:
            listed.append(_summary_row(summaries.of(article)))
            for document in documents(article, indexed.relative):
                bulk.add(document)
                count += document["kind"] == "para"
        bulk.add(file_document(indexed.relative, indexed.state))
        if bulk.full:
            self.segments.append(bulk.finish())
            self.bulk = None
        state = indexed.state
        return (indexed.relative, state.size, state.mtime_ns, state.sha256, tuple(state.docs),
                listed, count)

    def finish(self) -> list:
        if self.bulk is not None:
            self.segments.append(self.bulk.finish())
            self.bulk = None
        return self.segments


def _summary_row(s: ArticleSummary) -> tuple:
    return (s.doc, s.title, s.source, s.date, s.paragraphs, s.quotes, s.path)


PACK_ROWS = 64  # files whose rows are packed together


@dataclass
class Built:
    """What the parent keeps of a full build.

    Each file done leaves a row: ``(relative, size, mtime_ns, sha256, docs, summary rows,
    paragraphs)``. Kept as Python objects, the rows of a million paragraphs took ~100 MB of
    the parent while its analysing processes ran; they are packed (``marshal``, a few hundred
    bytes a file) as they come and unpacked once, at the end, when those processes are gone."""

    segments: list = field(default_factory=list)
    written: int = 0
    done: int = 0
    packed: list[bytes] = field(default_factory=list)
    rows: list[tuple] = field(default_factory=list)  # the rows not packed yet

    def record(self, row: tuple, progress: ProgressFn | None, total: int) -> None:
        self.rows.append(row)
        if len(self.rows) >= PACK_ROWS:
            self._pack()
        self.written += row[6]
        self.done += 1
        if progress:
            progress(self.done, total, row[0])

    def _pack(self) -> None:
        if self.rows:
            self.packed.append(marshal.dumps(self.rows))
            self.rows = []

    def held(self) -> int:
        """Rows held unpacked (at most :data:`PACK_ROWS`)."""
        return len(self.rows)

    def _all(self) -> Iterator[tuple]:
        self._pack()
        for blob in self.packed:
            yield from marshal.loads(blob)

    def states(self) -> dict[str, FileState]:
        """Every file's state, by relative path."""
        with journal.collector_paused():
            return {row[0]: FileState(row[1], row[2], row[3], tuple(row[4]))
                    for row in self._all()}

    def listed(self) -> dict[str, ArticleSummary]:
        """Every article's summary, by doc id."""
        with journal.collector_paused():
            return {summary[0]: ArticleSummary(*summary)
                    for row in self._all() for summary in row[5]}


def write_here(storage, schema, files: Iterable[IndexedFile], total: int,
               progress: ProgressFn | None) -> Built:
    """Every file's documents written by this process."""
    built = Built()
    shard = Shard(storage, schema)
    for indexed in files:
        built.record(shard.add(indexed), progress, total)
    built.segments = shard.finish()
    return built


def write_parallel(directory: Path, schema, sources: list[Source], warnings: list[str],
                   procs: int, progress: ProgressFn | None) -> Built:
    """Every file prepared and written by ``procs`` forked processes."""
    import multiprocessing

    context = multiprocessing.get_context("fork")
    tasks, results = context.Queue(), context.Queue()
    logs = str(directory / CHILD_LOG)
    children = [context.Process(target=_child, daemon=True,
                                args=(str(directory), schema, tasks, results, logs))
                for _ in range(procs)]
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})  # children are born with it
    try:                                                         # blocked, then ignore it
        for child in children:
            child.start()
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})
    built = Built()
    total = len(sources)
    counter = getattr(progress, "paragraphs", None)  # see reader.sync._counting
    try:
        outstanding = finished = 0

        def receive() -> None:
            nonlocal outstanding, finished
            kind, payload = _next(results, children, logs)
            if kind == "files":
                outstanding -= 1
                rows, notes = payload
                warnings.extend(notes)
                for row in rows:
                    if counter is not None:
                        counter[0] += row[6]
                    built.record(row, progress, total)
            else:
                finished += 1
                built.segments.extend(payload)

        for chunk in _chunks(sources, CHUNK):
            while outstanding >= 3 * procs:
                receive()
            tasks.put(chunk)
            outstanding += 1
        for _ in children:
            tasks.put(None)
        while finished < len(children):
            receive()
        for child in children:
            child.join()
        _raise_if_failed(children, logs)
    except BaseException:
        for child in children:
            if child.is_alive():
                child.terminate()
            child.join()
        raise
    finally:
        for channel in (tasks, results):
            channel.cancel_join_thread()
            channel.close()
    return built


def _chunks(items: list, size: int) -> Iterator[list]:
    it = iter(items)
    while chunk := list(islice(it, size)):
        yield chunk


def _next(results, children, logs: str):
    """The next message of a child; a child that died fails the build instead of hanging it."""
    while True:
        try:
            return results.get(timeout=0.5)
        except queue.Empty:
            _raise_if_failed(children, logs)
            if all(child.exitcode is not None for child in children):
                raise ChildFailed("an indexing process stopped before its work was done"
                                  ) from None


def _raise_if_failed(children, logs: str) -> None:
    failed = [c for c in children if c.exitcode not in (None, 0)]
    if failed:
        raise ChildFailed(f"an indexing process failed ({_child_error(failed[0], logs)})")


def _child_error(child, logs: str) -> str:
    """The last line a failed child wrote (its error), else its exit status."""
    try:
        lines = Path(f"{logs}{child.pid}").read_text(errors="replace").splitlines()
        last = next((line.strip() for line in reversed(lines) if line.strip()), "")
        errno = re.search(r"\[Errno \d+\] ([^:']+)", last)  # "OSError: [Errno 28] No space…"
        if errno:
            return errno.group(1).strip()
        if last:
            return last[:160]
    except OSError:
        pass
    return f"exit status {child.exitcode}"


def _child(directory: str, schema, tasks, results, logs: str) -> None:
    """An analysing process: chunks of files in, per-file records and its segments out."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # one held back is dropped
    die_with_parent()
    log = open(f"{logs}{os.getpid()}", "w", encoding="utf-8")
    os.dup2(log.fileno(), 2)
    sys.stderr = log
    shard = Shard(FileStorage(directory), schema)
    while (chunk := tasks.get()) is not None:
        rows: list[tuple] = []
        notes: list[str] = []
        for source in chunk:
            indexed, warned = prepare(source)
            rows.append(shard.add(indexed))
            notes.extend(warned)
        results.put(("files", (rows, notes)))
        stemtable.save_part(Path(directory), at_least=stemtable.SPILL_WORDS)
    segments = shard.finish()
    stemtable.save_part(Path(directory))  # the words this process stemmed, for the table
    results.put(("done", segments))

