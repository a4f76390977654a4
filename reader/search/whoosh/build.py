"""Writing the Whoosh index: one commit per update, a full build as a new generation.

An update is one Whoosh commit, which swaps a new table of contents in with a rename: a killed
update leaves the previous commit readable. A full build writes a whole new generation folder
beside the live one and publishes it through the folder's marker (:mod:`.folder`), so the old
index answers until the new one is complete.

Big full builds analyse in several processes (Whoosh's multiprocess writer): the parent reads
files and finds quotes while children analyse and write a segment each. The children die with
their parent (Linux ``PR_SET_PDEATHSIG``), leave Ctrl-C to it, and keep their tracebacks to a
log in the build folder: the parent notices a child that failed, stops the others and says in
one line what went wrong, and nothing half-built is published.
"""

from __future__ import annotations

import os
import queue
import re
import shutil
import signal
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.index import LockError
from whoosh.writing import IndexingError

from reader.errors import IndexNotWritable, IndexProblem
from reader.search.backend import Changes, FileState, IndexedFile, ProgressFn
from reader.search.whoosh import stemtable, summaries
from reader.search.whoosh.codec import writer_options
from reader.search.whoosh.folder import IndexFolder
from reader.search.whoosh.schema import (
    INDEX_NAME,
    SCHEMA_VERSION,
    build_schema,
    documents,
    file_document,
    key,
)
from reader.search.whoosh.store import SharedIndex, open_dir, write_records

CHILD_LOG = "child-"


def apply_incremental(shared: SharedIndex, known: dict[str, FileState], changes: Changes,
                      progress: ProgressFn | None, wait: Callable[[], None] | None,
                      where: Path) -> int:
    """Commit ``changes`` to the live generation; the paragraphs written."""
    writer = _writer(shared.ix, wait, where)
    states = dict(known)
    written = 0
    listed = summaries.load(shared.directory, shared.latest_generation())
    try:
        for relative in changes.removed:
            writer.delete_by_term("path", key(relative))
            states.pop(relative, None)
            _unlist(listed, known.get(relative))
        for done, indexed in enumerate(changes.files, start=1):
            writer.delete_by_term("path", key(indexed.relative))
            _unlist(listed, known.get(indexed.relative))
            written += _add(writer, indexed, listed)
            states[indexed.relative] = indexed.state
            if progress:
                progress(done, changes.total, indexed.relative)
        writer.commit()
    except BaseException:
        _abandon(writer)
        raise
    write_records(shared.directory, states)
    _save_list(shared.directory, listed)
    return written


def _unlist(listed: dict | None, state: FileState | None) -> None:
    """Drop from the article list what a file held before it changed or went away."""
    if listed is not None and state is not None:
        for doc in state.docs:
            listed.pop(doc, None)


def _save_list(directory: Path, listed: dict | None, ix=None) -> None:
    """Keep the article list with the latest commit (best effort, like the file records: a
    read-only index folder only means decoding the articles next time)."""
    if listed is None:
        return
    try:
        generation = (ix if ix is not None else open_dir(directory)).latest_generation()
        summaries.save(directory, generation, listed)
    except OSError:
        pass


def build_generation(folder: IndexFolder, changes: Changes, progress: ProgressFn | None,
                     workers: int, parallel_min_files: int) -> int:
    """Build a whole new generation from ``changes`` and make it the live one."""
    fresh = folder.new_build_dir()
    try:
        live = folder.live_dir()
        previous = stemtable.preload(live) if live is not None else {}
        ix = whoosh_index.create_in(str(fresh), build_schema(), indexname=INDEX_NAME)
        writer = _bulk_writer(ix, changes.total, workers, parallel_min_files, fresh)
        states: dict[str, FileState] = {}
        listed: dict = {}
        written = 0
        try:
            for done, indexed in enumerate(changes.files, start=1):
                with _forking(writer):
                    written += _add(writer, indexed, listed)
                states[indexed.relative] = indexed.state
                if progress:
                    progress(done, changes.total, indexed.relative)
            with _forking(writer):
                writer.commit()
            _check_children(writer)
        except BaseException:
            _abandon(writer)
            raise
        finally:
            _stop_logging()
        for log in fresh.glob(f"{CHILD_LOG}*"):
            log.unlink()
        write_records(fresh, states, ix)
        stemtable.save(fresh, previous)
        _save_list(fresh, listed, ix)
        ix.close()
        folder.publish(fresh, SCHEMA_VERSION)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    return written


def _add(writer, indexed: IndexedFile, listed: dict | None = None) -> int:
    count = 0
    for article in indexed.articles:
        if listed is not None:
            listed[article.doc] = summaries.of(article)
        for document in documents(article, indexed.relative):
            writer.add_document(**document)
            count += document["kind"] == "para"
    writer.add_document(**file_document(indexed.relative, indexed.state))
    return count


def _writer(ix, wait: Callable[[], None] | None, where: Path):
    try:
        return ix.writer(limitmb=256, **writer_options())
    except LockError:
        if wait:
            wait()
        try:
            return ix.writer(limitmb=256, timeout=120.0, delay=0.25, **writer_options())
        except LockError:
            raise IndexProblem(
                f"another process is updating the index at {where}; try again") from None


def _abandon(writer) -> None:
    """Stop a writer that failed (its own error is on its way up)."""
    for task in getattr(writer, "tasks", ()):
        if task.is_alive():
            task.terminate()
        task.join()
    try:
        writer.cancel()
    except (OSError, IndexingError):
        pass  # a full disk or a writer already closed: the commit is abandoned either way


# -- parallel full builds ------------------------------------------------------------------------

def _bulk_writer(ix, files: int, workers: int, parallel_min_files: int, build: Path):
    """The writer of a full build: one analysing process per core for big corpora.

    ``multisegment`` skips the final merge, which would cost as much again; small corpora are
    not worth the process start-up. ``limitmb`` is per process, so memory stays bounded.
    """
    procs = min(os.cpu_count() or 1, workers)
    if procs > 1 and files >= parallel_min_files:
        _start_logging(build)
        writer = ix.writer(procs=procs, multisegment=True, limitmb=96, batchsize=256,
                           **writer_options())
        writer.jobqueue = _WatchedQueue(writer.jobqueue, writer)
        return writer
    return ix.writer(limitmb=256, **writer_options())


class ChildFailed(IndexNotWritable):
    """An analysing process of a full build stopped before its work was done."""


class _WatchedQueue:
    """The writer's job queue, which notices dead children instead of waiting on them."""

    def __init__(self, jobs, writer) -> None:
        self.jobs = jobs
        self.writer = writer

    def put(self, item) -> None:
        while True:
            _raise_if_failed(self.writer)
            try:
                self.jobs.put(item, timeout=0.5)
                return
            except queue.Full:
                continue

    def get(self, *args, **kwargs):
        return self.jobs.get(*args, **kwargs)


def _raise_if_failed(writer) -> None:
    failed = [t for t in writer.tasks if t.exitcode not in (None, 0)]
    if failed:
        raise ChildFailed(f"an indexing process failed ({_child_error(failed[0])})")


def _check_children(writer) -> None:
    """Every child finished its segment (Whoosh commits without the segment of a child that
    died, so this is checked before the build is published)."""
    tasks = getattr(writer, "tasks", ())
    for task in tasks:
        task.join()
    if tasks:
        _raise_if_failed(writer)


def _child_error(task) -> str:
    """The last line a failed child wrote (its error), else its exit status."""
    if _LOGS is not None:
        try:
            lines = Path(f"{_LOGS}{task.pid}").read_text(errors="replace").splitlines()
            last = next((line.strip() for line in reversed(lines) if line.strip()), "")
            errno = re.search(r"\[Errno \d+\] ([^:']+)", last)  # "OSError: [Errno 28] No space…"
            if errno:
                return errno.group(1).strip()
            if last:
                return last[:160]
        except OSError:
            pass
    return f"exit status {task.exitcode}"


# Set in the parent while a parallel build runs; children inherit it when they are forked.
_LOGS: str | None = None


class _Hook:
    """A weak-referenceable owner for the after-fork hook (multiprocessing keys hooks by it)."""


_HOOK = _Hook()
_HOOKED: list[bool] = []


def _start_logging(build: Path) -> None:
    """Before the first child is forked: children set themselves up (see _child_setup)."""
    global _LOGS
    if not _HOOKED:  # multiprocessing is imported only by builds that use it
        from multiprocessing import util

        util.register_after_fork(_HOOK, lambda _owner: _child_setup())
        _HOOKED.append(True)
    _LOGS = str(build / CHILD_LOG)


def _stop_logging() -> None:
    global _LOGS
    _LOGS = None


@contextmanager
def _forking(writer) -> Iterator[None]:
    """Ctrl-C held back while a call may fork an analysing child, so the child is born with it
    blocked and ignores it before it could print a traceback (the parent gets it after)."""
    if _LOGS is None or len(getattr(writer, "tasks", ())) >= getattr(writer, "procs", 0):
        yield
        return
    signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def _child_setup() -> None:
    """In an analysing child, right after it is forked."""
    if _LOGS is None:
        return  # a process some other code started
    _die_with_parent()
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})  # one held back is dropped
    from multiprocessing import util

    # the words this child stemmed, for the build's stem table (run as the child exits)
    util.Finalize(None, stemtable.save_part, args=(Path(_LOGS).parent,), exitpriority=10)
    log = open(f"{_LOGS}{os.getpid()}", "w", encoding="utf-8")
    os.dup2(log.fileno(), 2)
    sys.stderr = log


def _die_with_parent() -> None:
    """Ask Linux to kill this process when its parent dies (a killed ``reader index`` would
    otherwise leave children waiting for work forever)."""
    if not sys.platform.startswith("linux"):
        return
    import ctypes

    libc = ctypes.CDLL(None, use_errno=True)
    libc.prctl(1, int(signal.SIGKILL))  # PR_SET_PDEATHSIG
    if os.getppid() == 1:  # the parent died before the line above ran
        os._exit(1)

