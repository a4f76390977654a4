"""A rebuild's postings, held until the load is done and then copied in the B-tree's order.

The postings' B-tree (by key, then paragraph) is the longest step after a load: one sort of
every posting (5.6 million rows at 100,000 paragraphs). PostgreSQL's sort checks first whether
its input is in order already, and then needs one pass instead of a sort; a table filled in
key order gets its B-tree in about a third of the time (15 s → 5 s at 100,000 paragraphs on
two slow cores). So each batch's rows are sorted where they are made (:func:`sort_rows`, in the
analysing processes), the batches wait in a temporary file (:class:`PostingsSpool`; about
2.5 KB a paragraph), and the load copies them merged into the new table when every batch is
in. The copy then runs after the load rather than during it, beside the paragraphs' index
builds.

The compiled functions (``_postings_order.c``) do the sorting and merging where the package
was built with them; the Python ones here give the same bytes, more slowly.
"""

from __future__ import annotations

import heapq
import mmap
import re
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager

from reader.errors import IndexProblem
from reader.search.postgresql.speedups import COMPILED

CHUNK = 1 << 20  # bytes of merged rows handed to COPY at a time


def _order(row: bytes) -> tuple[int, int, bytes]:
    """A row's place: its key (first column), its paragraph's number (fourth), its bytes."""
    line = row[:-1] if row.endswith(b"\n") else row
    columns = line.split(b"\t", 4)
    if len(columns) < 4 or not (_INTEGER.fullmatch(columns[0]) and
                                _INTEGER.fullmatch(columns[3])):
        raise ValueError(f"a row of postings is not (key, field, term, number, ...): "
                         f"{row[:80]!r}")
    key, number = int(columns[0]), int(columns[3])
    if not (_LOWEST <= key <= _HIGHEST and _LOWEST <= number <= _HIGHEST):
        raise ValueError(f"a row of postings has a number past 64 bits: {row[:80]!r}")
    return key, number, line


_INTEGER = re.compile(rb"-?[0-9]+")
_LOWEST, _HIGHEST = -(1 << 63), (1 << 63) - 1


def _rows(data: bytes) -> list[bytes]:
    """The rows of ``data``, each with its line break (only ``\\n`` ends one, as in C)."""
    if data and not data.endswith(b"\n"):
        raise ValueError("rows of postings must each end with a line break")
    return [line + b"\n" for line in data.split(b"\n")[:-1]]


def sort_rows_python(data: bytes) -> bytes:
    """``data``'s rows (COPY text lines of postings) in (key, number) order, ties by bytes."""
    return b"".join(sorted(_rows(data), key=_order))


def merge_rows_python(data, heads: list[int], ends: list[int], limit: int) -> bytes:
    """The next rows, about ``limit`` bytes, of the sorted runs ``data[heads[i]:ends[i]]``
    in (key, number) order; ``heads`` moves past them. Empty when every run is done."""
    if limit <= 0:
        raise ValueError("limit must be positive")
    if any(not 0 <= head <= end <= len(data) for head, end in zip(heads, ends, strict=True)):
        raise ValueError("a run lies outside the data")
    queue = []
    for run, (head, end) in enumerate(zip(heads, ends, strict=True)):
        if head < end:
            row = _next_row(data, head, end)
            queue.append((_order(row), run, row))
    heapq.heapify(queue)
    out: list[bytes] = []
    used = 0
    while queue and used < limit:
        _place, run, row = heapq.heappop(queue)
        out.append(row)
        used += len(row)
        heads[run] += len(row)
        if heads[run] < ends[run]:
            following = _next_row(data, heads[run], ends[run])
            heapq.heappush(queue, (_order(following), run, following))
    return b"".join(out)


def _next_row(data, head: int, end: int) -> bytes:
    stop = data.find(b"\n", head, end)
    if stop < 0:
        raise ValueError(f"a row of postings at byte {head} has no line break")
    return bytes(data[head:stop + 1])


sort_rows = COMPILED.sort_rows if COMPILED else sort_rows_python
merge_rows = COMPILED.merge_rows if COMPILED else merge_rows_python


def no_room(error: OSError, what: str = "postings") -> IndexProblem:
    """A load's temporary file that could not be written (a full disk), as one line."""
    return IndexProblem(f"no room for the load's {what} in {tempfile.gettempdir()} "
                        f"({error.strerror or error}): free some space there, or point TMPDIR "
                        "at a disk with room (about 2.5 KB a paragraph)")


class PostingsSpool:
    """A load's rows of postings, batch by batch (each sorted), in a temporary file; read back
    as one run in key order. Close it when done (the file goes with it)."""

    def __init__(self) -> None:
        try:
            self.file = tempfile.TemporaryFile(prefix="reader-postings-", buffering=0)
        except OSError as error:
            raise no_room(error) from None
        self.runs: list[tuple[int, int]] = []
        self.size = 0

    def add(self, data: bytes) -> None:
        """One batch's rows, sorted by :func:`sort_rows`."""
        if not data:
            return
        try:
            written = 0
            while written < len(data):  # an unbuffered write may take only a part
                written += self.file.write(memoryview(data)[written:])
        except OSError as error:
            raise no_room(error) from None
        self.runs.append((self.size, self.size + len(data)))
        self.size += len(data)

    @contextmanager
    def view(self) -> Iterator[bytes | mmap.mmap]:
        """Every row added, as they were added (read-only, in place; each caller its own)."""
        if not self.size:
            yield b""
            return
        with mmap.mmap(self.file.fileno(), self.size, access=mmap.ACCESS_READ) as view:
            yield view

    def merged(self, chunk: int = CHUNK) -> Iterator[bytes]:
        """Every row added, in (key, number) order, ``chunk`` bytes or so at a time."""
        if not self.size:
            return
        with self.view() as view:
            heads = [start for start, _end in self.runs]
            ends = [end for _start, end in self.runs]
            while True:
                rows = merge_rows(view, heads, ends, chunk)
                if not rows:
                    return
                yield rows

    def close(self) -> None:
        self.file.close()
