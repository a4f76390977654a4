"""Positional reads of Whoosh's files.

Whoosh reads a segment's file through three layers (its ``StructFile``, the compound file's
``SubFile``, Python's buffered reader), seeking before every read: ~1 us a read, and a
rare-word search makes a few dozen of them (term look-ups, posting lists, stored records).
Where the file is an operating-system file, or a part of a compound one, one ``os.pread`` does
the same read, with no shared position to seek (so threads need no lock either).
"""

from __future__ import annotations

import io
import os
from collections.abc import Callable

from whoosh.filedb.compound import SubFile


def reader_at(dbfile, base: int = 0) -> Callable[[int, int], bytes]:
    """``read(at, size)``: ``size`` bytes at ``base + at`` of Whoosh's ``dbfile`` (a
    ``StructFile``), in one ``pread`` where the operating system holds the file, through
    ``dbfile.get`` where it does not (a file in memory)."""
    inner, offset = getattr(dbfile, "file", None), base
    if not hasattr(os, "pread"):  # Windows has no positional read
        return lambda at, size: dbfile.get(base + at, size)
    if isinstance(inner, SubFile):
        inner, offset = inner._file, offset + inner._offset
    try:
        fd = inner.fileno()
    except (AttributeError, OSError, io.UnsupportedOperation):
        return lambda at, size: dbfile.get(base + at, size)
    return lambda at, size: os.pread(fd, size, offset + at)
