"""Files made into COPY data: the reader's analysis of each paragraph, in worker processes
for a big load.

Reading a file, finding its quotes and stemming its new words (Sastrawi) are most of the cost
of loading, and they are independent from file to file, so a big update hands batches of files
to worker processes (forked, so they start with the stems already known). When the update
names its files still unread (``Changes.sources``), the workers read them and find their
quotes too (:func:`reader.prepare.prepare`), so the articles never cross a process boundary
and the parent only streams each batch's rows to the server; their paragraphs are numbered
from a counter the workers share (unique, in the order the batches were analysed). A batch
comes back as text in PostgreSQL's COPY format, its term and length statistics summed, and
the stem of each of its words, kept for the next load of any corpus sharing them
(:mod:`.stems`); the workers pass the stems they learn to each other as they go. Batches come
back in the order they went out; a worker that fails raises in the parent, whose transaction
is then rolled back.
"""

from __future__ import annotations

import os
import pickle
from collections import Counter, deque
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import partial

from reader.prepare import start_pool, stop_pool, wait_for
from reader.search.backend import FileState, IndexedFile
from reader.search.postgresql.documents import (
    ARTICLE_FIELDS,
    article_record,
    article_rows,
    unique_paragraphs,
)
from reader.search.postgresql.lexemes import learned
from reader.search.postgresql.spool import no_room, sort_rows

TASK_FILES = 60  # files a worker analyses at a time (per batch the parent merges statistics and
# copies four times; fewer, bigger batches: 1.1x the rate at 100k, 150 no better)
AHEAD = 3  # batches a worker may have waiting (bounds memory: the corpus is read as needed)
_SHARED: list[SharedStems] = []  # in a worker: the stems the others learned (see analysed)
_NUMBERS: list = []  # in a worker reading its files: the shared next paragraph number


@dataclass
class Analysed:
    """One batch of files as COPY text (UTF-8: it crosses from the worker to the parent and
    on to the server as it is, never decoded and encoded again on the way), with what it
    adds to the statistics."""

    paragraphs: bytes  # rows of ``paragraphs`` in COPY text format
    articles: bytes  # rows of ``articles``
    rows: int = 0  # paragraph rows
    df: dict[str, Counter] = field(default_factory=dict)  # field -> term -> paragraphs
    lengths: Counter = field(default_factory=Counter)  # field -> summed length
    stems: dict[str, str] = field(default_factory=dict)  # each stemmed word of the batch
    postings: bytes = b""  # rows of ``postings`` (when the rows are numbered), in key order
    files: list[tuple[str, FileState]] = field(default_factory=list)  # read by a worker
    warnings: list[str] = field(default_factory=list)  # reading them said


def copy_value(value) -> str:
    """One value in COPY's text format: NULL as ``\\N``, arrays in braces (numbers as they
    are, text quoted as an array element, then escaped for COPY like any text)."""
    if value is None:
        return "\\N"
    if isinstance(value, str):
        # replace() rather than translate() with a table: an article's JSON is long, and
        # translating it cost ten times as much; backslashes first, the others add some
        if "\\" in value:
            value = value.replace("\\", "\\\\")
        if "\t" in value or "\n" in value or "\r" in value:
            value = value.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
        return value
    if isinstance(value, list):
        if not any(isinstance(v, str) for v in value):
            return "{" + ",".join(str(int(v)) for v in value) + "}"
        return copy_value("{" + ",".join(_array_element(str(v)) for v in value) + "}")
    return str(value)


def _array_element(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def copy_line(values: tuple) -> str:
    """A row in COPY's text format; plain strings and numbers, most of a row, without a call
    each."""
    out = []
    for value in values:
        kind = type(value)
        if kind is str:
            if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
                value = copy_value(value)
            out.append(value)
        elif kind is int:
            out.append(str(value))
        else:
            out.append(copy_value(value))
    return "\t".join(out) + "\n"


def copy_text(rows: Iterable[tuple[str | int, ...]]) -> bytes:
    """Rows of text and integers in COPY's text format, as UTF-8, in one block (the terms and
    stems a load writes at its end, hundreds of thousands): joined as they are when no value
    holds a tab, a line break, a carriage return or a backslash (the block's tabs and line
    breaks are counted to tell), row by row with :func:`copy_line` otherwise."""
    rows = list(rows)
    text = "".join(["\t".join(map(str, row)) + "\n" for row in rows])
    if (text.count("\n") != len(rows) or text.count("\t") != sum(len(r) - 1 for r in rows)
            or "\\" in text or "\r" in text):
        text = "".join(map(copy_line, rows))
    return text.encode()


def copy_bytes(values: tuple) -> bytes:
    """A row in COPY's text format as UTF-8, its ``bytes`` values (UTF-8 already) escaped as
    they are."""
    out = []
    for value in values:
        if type(value) is bytes:
            if b"\\" in value:
                value = value.replace(b"\\", b"\\\\")
            if b"\t" in value or b"\n" in value or b"\r" in value:
                value = value.replace(b"\t", b"\\t").replace(b"\n", b"\\n").replace(b"\r", b"\\r")
            out.append(value)
        else:
            out.append(copy_value(value).encode())
    return b"\t".join(out) + b"\n"


def analyse(batch: list[IndexedFile], first: int | None = None) -> Analysed:
    """The rows of every article of ``batch``, with their statistics; the paragraphs are
    numbered from ``first`` when given (and then have postings)."""
    if _SHARED:  # a worker: first the words the other workers stemmed meanwhile
        _SHARED[0].catch_up()

    paragraphs, articles, postings = [], [], []
    df: dict[str, Counter] = {}
    # each row's terms of a paragraph's own fields and its fields' lengths, counted once at the
    # end (a count a row and field was a tenth of the cost of analysing it)
    met: dict[str, list[str]] = {}
    totals: Counter = Counter()
    lengths: list[tuple[int, ...]] = []
    names: tuple[str, ...] = ()
    rows = 0
    for indexed in batch:
        for article in indexed.articles:
            articles.append(copy_bytes(article_record(article, indexed.relative)))
            row = None
            start = rows
            for row in article_rows(article, indexed.relative,
                                    None if first is None else first + rows):
                # each row encoded on its own: a text with a character past Latin-1 (a curly
                # quote) makes all of a joined string wide, and wide text encodes slowly
                paragraphs.append(copy_line(row.values).encode())
                postings.append(row.postings.encode())
                for fieldname, terms in row.terms.items():
                    if fieldname not in ARTICLE_FIELDS:
                        terms_met = met.get(fieldname)
                        if terms_met is None:
                            _counter(df, fieldname)  # (the fields in the order first met)
                            terms_met = met[fieldname] = []
                        terms_met.extend(terms)
                if tuple(row.lengths) != names:  # (every row has the same fields)
                    _add_lengths(totals, names, lengths)
                    names, lengths = tuple(row.lengths), []
                lengths.append(tuple(row.lengths.values()))
                rows += 1
            if row is not None:  # the article's own fields: the same terms in every row
                for fieldname in ARTICLE_FIELDS:
                    _counter(df, fieldname).update(dict.fromkeys(row.terms[fieldname],
                                                                 rows - start))
    for fieldname, terms_met in met.items():
        df[fieldname].update(terms_met)
    _add_lengths(totals, names, lengths)
    return Analysed(b"".join(paragraphs), b"".join(articles), rows, df,
                    totals, learned(), sort_rows(b"".join(postings)))


def _add_lengths(totals: Counter, names: tuple[str, ...], lengths: list[tuple[int, ...]]
                 ) -> None:
    """Add to ``totals`` the ``lengths`` of rows (each in the order of ``names``), summed."""
    if lengths:
        totals.update(dict(zip(names, map(sum, zip(*lengths, strict=True)), strict=True)))


def _counter(df: dict[str, Counter], fieldname: str) -> Counter:
    counts = df.get(fieldname)
    if counts is None:
        counts = df[fieldname] = Counter()
    return counts


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
