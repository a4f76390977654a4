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
from reader.search.backend import FileState, IndexedFile, ProgressFn
from reader.search.whoosh import stemtable, summaries
from reader.search.whoosh.bulk import BulkSegment
from reader.search.whoosh.codec import ReaderCodec
from reader.search.whoosh.schema import INDEX_NAME, documents, file_document

CHILD_LOG = "child-"
CHUNK = 16  # files a process takes from the queue at a time
# The estimated size of a process's posting pool before it writes a segment. The estimate
# runs ~1.3x short of the process's growth (its stem caches grow too), so a process stays
# under ~220 MB; at 100k paragraphs each of two processes writes one segment.
POOL_MB = 128


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

    def add(self, indexed: IndexedFile) -> tuple[int, dict]:
        """One file's documents; returns its paragraph count and article summaries."""
        if self.bulk is None:
            self.bulk = BulkSegment(self.storage, self.schema, INDEX_NAME, self.codec,
                                    self.limit_mb)
        bulk = self.bulk
        listed = {}
        count = 0
        for article in indexed.articles:
            listed[article.doc] = summaries.of(article)
            for document in documents(article, indexed.relative):
                bulk.add(document)
                count += document["kind"] == "para"
        bulk.add(file_document(indexed.relative, indexed.state))
        if bulk.full:
            self.segments.append(bulk.finish())
            self.bulk = None
        return count, listed

    def finish(self) -> list:
        if self.bulk is not None:
            self.segments.append(self.bulk.finish())
            self.bulk = None
        return self.segments


@dataclass
class Built:
    """What the parent keeps of a full build."""

    segments: list = field(default_factory=list)
    states: dict[str, FileState] = field(default_factory=dict)
    listed: dict = field(default_factory=dict)
    written: int = 0
    done: int = 0

    def record(self, relative: str, state: FileState, listed: dict, count: int,
               progress: ProgressFn | None, total: int) -> None:
        self.states[relative] = state
        self.listed.update(listed)
        self.written += count
        self.done += 1
        if progress:
            progress(self.done, total, relative)


def write_here(storage, schema, files: Iterable[IndexedFile], total: int,
               progress: ProgressFn | None) -> Built:
    """Every file's documents written by this process."""
    built = Built()
    shard = Shard(storage, schema)
    for indexed in files:
        count, listed = shard.add(indexed)
        built.record(indexed.relative, indexed.state, listed, count, progress, total)
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
                for relative, state, listed, count, notes in payload:
                    warnings.extend(notes)
                    if counter is not None:
                        counter[0] += count
                    built.record(relative, state, listed, count, progress, total)
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
        out = []
        for source in chunk:
            indexed, notes = prepare(source)
            count, listed = shard.add(indexed)
            out.append((indexed.relative, indexed.state, listed, count, notes))
        results.put(("files", out))
    segments = shard.finish()
    stemtable.save_part(Path(directory))  # the words this process stemmed, for the table
    results.put(("done", segments))

