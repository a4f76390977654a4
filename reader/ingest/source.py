"""Reading a corpus file's bytes without trusting what the path is by the time we open it.

Why: between the walk and the read a file can be replaced by a FIFO (opening it for reading
would wait for a writer forever), a device, or something far bigger than memory. The file is
opened non-blocking, its type checked on the open descriptor, and what is read is bounded.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

MAX_FILE_BYTES = 256 * 1024 * 1024  # an article file bigger than this is skipped, not read
MAX_SIDECAR_BYTES = 4 * 1024 * 1024  # a metadata file is small; a bigger one is not read


class Skipped(Exception):
    """A file that is not read, with the reason a user sees as a warning."""


def read_bytes(path: Path, limit: int = MAX_FILE_BYTES) -> bytes:
    """The bytes of the regular file at ``path``; :class:`Skipped` with a reason otherwise."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except PermissionError:
        raise Skipped("permission denied") from None
    except OSError as exc:
        if exc.errno == errno.ENAMETOOLONG:
            raise Skipped("path too long to open") from None
        raise Skipped(exc.strerror or type(exc).__name__) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise Skipped("not a regular file")
        if info.st_size > limit:
            raise Skipped(f"larger than {_size(limit)}")
        chunks: list[bytes] = []
        total = 0
        while True:
            chunk = os.read(fd, min(1 << 20, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
            if total > limit:  # it grew while we read it
                raise Skipped(f"larger than {_size(limit)}")
        return b"".join(chunks)
    except OSError as exc:
        raise Skipped(exc.strerror or type(exc).__name__) from None
    finally:
        os.close(fd)


def _size(limit: int) -> str:
    return f"{limit >> 20} MB" if limit >= 1 << 20 else f"{limit >> 10} KB"
