"""Files made into COPY data: the reader's analysis of each paragraph, in worker processes
for a big load.

Reading a file, finding its quotes and stemming its new words (Sastrawi) are most of the cost
of loading, and they are independent from file to file, so a big update hands batches of files
to worker processes (forked, so they start with the stems already known). When the update
names its files still unread (``Changes.sources``), the workers read them and find their
quotes too (:func:`reader.prepare.prepare`), so the articles never cross a process boundary
and the parent only streams each batch's rows to the server; their paragraphs are numbered
from a counter the workers share (unique, in the order the batches were analysed). A batch
comes back as text in PostgreSQL's COPY format (made by :mod:`.batch`, compiled), its term and
length statistics summed, and the stem of each of its words, kept for the next load of any
corpus sharing them (:mod:`.stems`); the workers pass the stems they learn to each other as
they go. Batches come back in the order they went out; a worker that fails raises in the
parent, whose transaction is then rolled back.
"""

from __future__ import annotations

import os
import pickle
from collections import deque
from collections.abc import Iterable, Iterator
from functools import partial

from reader.prepare import start_pool, stop_pool, wait_for
from reader.search.backend import IndexedFile
from reader.search.postgresql.batch import (  # noqa: F401 (copy_*: for the modules using them)
    Analysed,
    batch_rows,
    copy_bytes,
    copy_line,
    copy_text,
    copy_value,
)
from reader.search.postgresql.documents import unique_paragraphs
from reader.search.postgresql.spool import no_room

TASK_FILES = 60  # files a worker analyses at a time (per batch the parent merges statistics and
# copies four times; fewer, bigger batches: 1.1x the rate at 100k, 150 no better)
AHEAD = 3  # batches a worker may have waiting (bounds memory: the corpus is read as needed)
_SHARED: list[SharedStems] = []  # in a worker: the stems the others learned (see analysed)
_NUMBERS: list = []  # in a worker reading its files: the shared next paragraph number


def analyse(batch: list[IndexedFile], first: int | None = None) -> Analysed:
    """The rows of every article of ``batch``, with their statistics (:func:`.batch.batch_rows`);
    in a worker, first the words the other workers stemmed meanwhile."""
    if _SHARED:
        _SHARED[0].catch_up()
    return batch_rows(batch, first)


def _analyse_task(task: tuple[int | None, list[IndexedFile]]) -> Analysed:
    return analyse(task[1], task[0])


def _prepare_task(sources: list) -> Analysed:
    """In a worker: read ``sources`` (:class:`reader.prepare.Source`), find their quotes,
    number their paragraphs from the shared counter (when there is one) and analyse them."""
    from reader.prepare import prepare

    batch, warnings = [], []
    for source in sources:
        indexed, notes = prepare(source)
        batch.append(indexed)
        warnings += notes
    first = None
    if _NUMBERS:
        counter = _NUMBERS[0]
        rows = rows_in(batch)
        with counter.get_lock():
            first = counter.value
            counter.value = first + rows
    result = analyse(batch, first)
    result.files = [(indexed.relative, indexed.state) for indexed in batch]
    result.warnings = warnings
    return result


def rows_in(batch: list[IndexedFile]) -> int:
    """The paragraph rows a batch will make (to number the next batch before it is done)."""
    return sum(unique_paragraphs(a) for indexed in batch for a in indexed.articles)


def worker_count(files: int, workers: int, min_files: int) -> int:
    """How many processes analyse a load of ``files`` files (1: this one)."""
    if files < max(min_files, 1):
        return 1
    return max(1, min(workers, os.cpu_count() or 1))


def batches(files: Iterable[IndexedFile], size: int) -> Iterator[list[IndexedFile]]:
    batch: list[IndexedFile] = []
    for indexed in files:
        batch.append(indexed)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def analysed(files: Iterable[IndexedFile], size: int, procs: int,
             known: dict[str, str] | None = None, first: int | None = None
             ) -> Iterator[tuple[list[IndexedFile], Analysed]]:
    """Each batch of ``files`` with its analysis, in order, made by ``procs`` processes
    (which start knowing the stems of ``known``); paragraphs numbered from ``first`` when
    given."""
    numbers = [first]
    if procs <= 1:
        for batch in batches(files, size):
            yield batch, _analyse_task(_numbered(batch, numbers))
        return
    yield from _in_workers(batches(files, size), lambda b: _numbered(b, numbers),
                           _analyse_task, procs, known)


def read_and_analysed(sources: list, size: int, procs: int,
                      known: dict[str, str] | None = None, first: int | None = None
                      ) -> Iterator[tuple[list, Analysed]]:
    """Each batch of ``sources`` (files still unread) read, with quotes, and analysed by
    ``procs`` worker processes, in order; the files' states in :attr:`Analysed.files`.
    Paragraphs are numbered from ``first`` when given, by a counter the workers share."""
    import multiprocessing

    counter = None if first is None else multiprocessing.get_context("fork").Value("q", first)
    _NUMBERS[:] = [] if counter is None else [counter]
    try:
        yield from _in_workers(batches(sources, size), lambda b: b, _prepare_task, procs,
                               known)
    finally:
        _NUMBERS.clear()


def _numbered(batch: list[IndexedFile], numbers: list) -> tuple[int | None, list[IndexedFile]]:
    """``(first number, batch)``, the next batch numbered after this one's rows."""
    start = numbers[0]
    if start is not None:
        numbers[0] = start + rows_in(batch)
    return start, batch


def _in_workers(todo: Iterator[list], task_of, work, procs: int,
                known: dict[str, str] | None) -> Iterator[tuple[list, Analysed]]:
    """Each batch of ``todo`` with ``work(task_of(batch))`` done by ``procs`` forked
    processes, in order; at most a few batches a process are in flight (memory stays
    bounded however slowly the results are consumed)."""
    import threading

    sent: deque[list] = deque()
    room = threading.Semaphore(procs * AHEAD)  # batches read but not yet written
    stopping: list[bool] = []

    def feed() -> Iterator:  # the pool's feeding thread
        for batch in todo:
            room.acquire()
            if stopping:
                return
            sent.append(batch)
            yield task_of(batch)

    import tempfile

    from reader.language import analysis

    try:
        temporary = tempfile.TemporaryDirectory(prefix="reader-stems-")
    except OSError as error:
        raise no_room(error, "batches") from None
    with temporary as folder:
        shared = SharedStems(os.path.join(folder, "stems.tsv"), known or {})
        analysis.use_stem_table(shared.known)  # the workers' copies fill as they read
        _SHARED[:] = [shared]  # inherited by the workers when they fork
        pool, workers = start_pool(procs)
        _SHARED.clear()
        try:
            results = pool.imap(partial(_through_file, work, folder), feed())
            while (path := _next_result(results, workers)) is not None:
                result = _from_file(path)
                shared.publish(result.stems)
                yield sent.popleft(), result
                room.release()
            pool.close()
        finally:
            stopping.append(True)
            room.release()  # a feeder waiting for room wakes up and stops
            stop_pool(pool, workers)
            analysis.drop_stem_table(shared.known)


def _next_result(results, workers: set[int]) -> str | None:
    """The next batch's file from the pool's ordered results (None after the last), failing
    when a worker died with its batch (see :func:`reader.prepare.wait_for`)."""
    try:
        return wait_for(results.next, workers)
    except StopIteration:
        return None


def _through_file(work, folder: str, task) -> str:
    """In a worker: ``work(task)`` pickled into a new file of ``folder``, whose name alone goes
    back through the pool's pipe. A batch is megabytes, written to the pipe in pieces, and a
    worker stopped half-way through one (by the pool's terminate, at Ctrl-C or on an error)
    left the pool waiting for the rest of it forever; a message of a few bytes is written to
    a pipe whole (POSIX: up to ``PIPE_BUF``) or not at all."""
    import tempfile

    result = work(task)
    try:
        handle, path = tempfile.mkstemp(dir=folder, suffix=".batch")
        with os.fdopen(handle, "wb") as out:
            pickle.dump(result, out, protocol=pickle.HIGHEST_PROTOCOL)
    except OSError as error:  # a full disk: one line in the parent (the folder goes there)
        raise no_room(error, "batches") from None
    return path


def _from_file(path: str) -> Analysed:
    """The batch a worker left in ``path`` (then removed)."""
    try:
        with open(path, "rb") as handle:
            return pickle.load(handle)
    finally:
        os.unlink(path)


class SharedStems:
    """Words one worker stemmed, passed to the others through a file the parent appends to
    (each worker reads what is new before each batch): a word met by several workers at
    about the same time is still stemmed more than once, but not for the rest of the load."""

    def __init__(self, path: str, skip: dict[str, str]) -> None:
        self.path = path
        self.known: dict[str, str] = {}  # in a worker: what the others stemmed
        self.offset = 0
        self.sent = set(skip)  # in the parent: words every worker knows already
        try:
            open(path, "wb").close()
        except OSError as error:
            raise no_room(error, "stems") from None

    def publish(self, stems: dict[str, str]) -> None:
        new = [(w, s) for w, s in stems.items() if w not in self.sent]
        if new:
            self.sent.update(w for w, _ in new)
            try:
                with open(self.path, "a", encoding="utf-8") as handle:
                    handle.write("".join(f"{w}\t{s}\n" for w, s in new))
            except OSError as error:
                raise no_room(error, "stems") from None

    def catch_up(self) -> None:
        """In a worker: add what the others learned since the last call."""
        with open(self.path, "rb") as handle:
            handle.seek(self.offset)
            data = handle.read()
        end = data.rfind(b"\n") + 1  # a line still being written is read next time
        self.offset += end
        for line in data[:end].decode("utf-8").splitlines():
            word, _, stem = line.partition("\t")
            self.known[word] = stem


__all__ = ["Analysed", "TASK_FILES", "analyse", "analysed", "copy_line", "copy_text",
           "read_and_analysed", "worker_count"]
