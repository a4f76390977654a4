"""Preparing corpus files for any engine: each file read into articles with their quotes.

Reading a file and finding its quotes costs more than a millisecond a paragraph, most of it
quote finding, and nothing in it depends on the engine. So it happens here, engine-neutral, and
in several processes when a batch is big: :func:`prepared` hands the files to a pool of forked
processes and yields their :class:`IndexedFile` records in the files' order, which any backend
consumes from :attr:`Changes.files` as if they were read in its own process. A backend that
has processes of its own for analysis (the Whoosh bulk build) can call :func:`prepare` inside
them instead, from :attr:`Changes.sources`, so the articles never cross a process boundary.
"""

from __future__ import annotations

import gc
import hashlib
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from reader.errors import IndexProblem
from reader.ingest import CorpusFile, Skipped, read_file
from reader.records import Article
from reader.search.backend import FileState, IndexedFile
from reader.text import printable

CHUNK = 8  # files handed to a preparing process at a time


@dataclass(frozen=True, slots=True)
class Source:
    """A corpus file still to be read, with the document id its articles take."""

    file: CorpusFile
    doc: str


def prepare(source: Source) -> tuple[IndexedFile, list[str]]:
    """One corpus file's articles with their quotes, its state, and the warnings reading it
    gave. A file that cannot be read is a warning naming it and no articles (it is tried
    again when it changes)."""
    f = source.file
    name = printable(f.relative)
    warnings: list[str] = []
    notes: list[str] = []
    try:
        articles = read_file(f.path, source.doc, notes)
        sha = sha256(f.path)
    except Skipped as reason:
        warnings.append(f"{name}: skipped ({reason})")
        articles, sha = [], None
    except OSError as exc:
        warnings.append(f"{name}: skipped ({exc.strerror or exc})")
        articles, sha = [], None
    warnings.extend(f"{name}: {note}" for note in notes)
    for article in articles:
        attach_quotes(article)
    state = FileState(f.size, f.mtime_ns, sha, tuple(a.doc for a in articles))
    return IndexedFile(f.relative, state, articles), warnings


def attach_quotes(article: Article) -> None:
    """Find quotes in the article's unique paragraphs; repeats do not repeat their quotes."""
    from reader.language.quotes import find_quotes  # only indexing needs it; keeps searching light

    unique = [p for p in article.paragraphs if p.repeat_of is None]
    found = find_quotes([p.text for p in unique], language=article.language,
                        title=None if article.title_derived else article.title)
    for paragraph, quotes in zip(unique, found, strict=False):
        paragraph.quotes = quotes


def sha256(path: Path) -> str | None:
    """The file's content hash, or None when it cannot be read now."""
    digest = hashlib.sha256()
    try:
        with open(path, "rb") as handle:
            for block in iter(lambda: handle.read(1 << 20), b""):
                digest.update(block)
    except OSError:
        return None
    return digest.hexdigest()


def processes(workers: int, files: int, parallel_min_files: int) -> int:
    """How many processes prepare ``files`` files: one per core up to ``workers``, and just
    this one for a batch too small to be worth starting others."""
    if files < max(parallel_min_files, 1):
        return 1
    return max(1, min(workers, os.cpu_count() or 1))


def prepared(sources: Iterable[Source], warnings: list[str], procs: int = 1
             ) -> Iterator[IndexedFile]:
    """Each source prepared, in order; with ``procs`` > 1 in that many forked processes.

    Lazy: nothing is read (and no process started) until the first record is asked for, and
    at most two windows of files are in flight at a time, so memory stays bounded however
    slowly the records are consumed."""
    if procs <= 1:
        for source in sources:
            indexed, notes = prepare(source)
            warnings.extend(notes)
            yield indexed
        return
    from collections import deque
    from itertools import islice

    window = procs * CHUNK * 8
    todo = iter(sources)
    pool, workers = start_pool(procs)
    try:
        pending: deque = deque()
        while True:
            batch = list(islice(todo, window))
            if batch:
                pending.append(pool.map_async(prepare, batch, chunksize=CHUNK))
            if not pending:
                break
            if batch and len(pending) < 2:
                continue
            for indexed, notes in wait_for(pending.popleft().get, workers):
                warnings.extend(notes)
                yield indexed
    finally:
        stop_pool(pool, workers)


def start_pool(procs: int):
    """A pool of ``procs`` forked processes that leave Ctrl-C to this one and die with it,
    and their process ids (for :func:`wait_for` and :func:`stop_pool`)."""
    import multiprocessing

    others = live_children()
    # What the processes inherit (the parsers' tables, the stems known) lives as long as they
    # do: frozen, their collections never walk it (3% of their time) nor write to its pages.
    gc.freeze()
    try:
        pool = multiprocessing.get_context("fork").Pool(procs, initializer=start_child)
    finally:
        gc.unfreeze()
    return pool, live_children() - others


def live_children() -> set[int]:
    """The process ids of this process's live multiprocessing children."""
    import multiprocessing

    return {child.pid for child in multiprocessing.active_children() if child.pid}


def wait_for(get, workers: set[int]):
    """``get(timeout=…)`` of a pool's result (``AsyncResult.get``, ``imap``'s ``next``), half
    a second at a time, checking between waits that each of ``workers`` (the pool's
    processes) is alive. A worker that died (killed, out of memory) takes its task with it
    and the pool starts another in its place, so the task would be waited for forever: it
    fails instead. (The pool cannot then stop by itself: see :func:`stop_pool`.)"""
    import multiprocessing

    while True:
        try:
            return get(timeout=0.5)
        except multiprocessing.TimeoutError:
            if workers - live_children():
                raise IndexProblem("a process reading the files stopped before its work was "
                                   "done (killed, or out of memory?); nothing was written"
                                   ) from None


def start_child() -> None:
    """In a preparing process: Ctrl-C is the parent's to handle (it stops the pool), and the
    process dies with its parent."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    die_with_parent()


def die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies (a killed ``reader index`` would
    otherwise leave its helper processes waiting for work forever)."""
    import signal
    import sys

    if not sys.platform.startswith("linux"):
        return
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(1, int(signal.SIGKILL))  # PR_SET_PDEATHSIG
    if os.getppid() == 1:  # the parent died before the line above ran
        os._exit(1)


def stop_pool(pool, workers: set[int], patience: float = 5.0) -> None:
    """Terminate ``pool`` (its processes: ``workers``) and wait for it, but not forever.

    ``Pool.terminate`` first takes the lock the workers read their tasks under; a worker
    killed while it waited for a task (holding that lock) never gives it back, and terminate
    then waits for good. So it runs in a thread of its own: when it is not done in
    ``patience`` seconds, the workers still alive are killed and the thread is left behind
    (a daemon: it holds nothing else, and goes with the process)."""
    import threading

    stopping = threading.Thread(target=pool.terminate, name="reader-pool-stop", daemon=True)
    stopping.start()
    stopping.join(patience)
    if not stopping.is_alive():
        pool.join()
        return
    import multiprocessing

    left = [child for child in multiprocessing.active_children() if child.pid in workers]
    for child in left:
        child.kill()
    for child in left:
        child.join(patience)
