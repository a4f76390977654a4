"""One error hierarchy for everything the user can cause or fix, and its exit codes.

Every failure that crosses the :class:`reader.library.Library` facade is a :class:`ReaderError`
whose message is one line a user can act on. The shells map the class to an exit code here and
nowhere else; anything that is not a ``ReaderError`` is a bug and is reported as one.
"""

from __future__ import annotations

EXIT_OK = 0
EXIT_NO_HITS = 1
EXIT_USAGE = 2
EXIT_CORPUS = 3
EXIT_INTERRUPTED = 130


class ReaderError(Exception):
    """A failure with a one-line message for the user."""

    exit_code = EXIT_CORPUS


class QueryError(ReaderError, ValueError):
    """A malformed query: unbalanced quotes, an unknown field, a bare wildcard."""

    exit_code = EXIT_USAGE


class UsageError(ReaderError, ValueError):
    """Arguments that do not make sense together, or a value out of range."""

    exit_code = EXIT_USAGE


class NotFound(ReaderError, LookupError):
    """A document, paragraph or quote the user named does not exist."""

    exit_code = EXIT_USAGE


class CitationError(ReaderError, ValueError):
    """A citation that cannot be made: an unknown style, a paragraph or quote not there."""

    exit_code = EXIT_USAGE


class CorpusError(ReaderError):
    """The corpus path itself cannot be used (missing, unreadable)."""

    exit_code = EXIT_CORPUS


class UpdateStopped(KeyboardInterrupt):
    """An index update stopped on purpose (the reader quit while it ran). It unwinds as Ctrl-C
    does, through the same cleanup, so the index is left as it was before the update."""


class IndexProblem(ReaderError):
    """The index cannot be opened, written or repaired (or is not the reader's to write)."""

    exit_code = EXIT_CORPUS


class IndexDamaged(IndexProblem):
    """Index files that cannot be read as written (a disk fault, a stray write): the index is
    rebuilt rather than trusted."""


class IndexUnavailable(IndexProblem):
    """The index is there but cannot answer now (its server down or too slow, a shard
    unreachable): nothing is wrong with it, and asking again later may work."""


class IndexNotWritable(IndexProblem):
    """An update could not be written (a full disk, a read-only folder): the index as it was
    still answers, stale."""


def exit_code(error: BaseException) -> int:
    """The exit code of any exception: the class's own for reader errors."""
    if isinstance(error, ReaderError):
        return error.exit_code
    if isinstance(error, KeyboardInterrupt):
        return EXIT_INTERRUPTED
    return EXIT_CORPUS


__all__ = [
    "EXIT_CORPUS", "EXIT_INTERRUPTED", "EXIT_NO_HITS", "EXIT_OK", "EXIT_USAGE", "CitationError",
    "CorpusError", "IndexDamaged", "IndexNotWritable", "IndexProblem", "IndexUnavailable",
    "NotFound", "QueryError", "ReaderError", "UpdateStopped", "UsageError", "exit_code",
]
