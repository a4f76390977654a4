"""The ``reader`` command: ``reader [CORPUS]`` opens the reader, ``reader COMMAND`` answers.

This module is the one place where a failure becomes an exit code and a line on stderr:
a :class:`reader.errors.ReaderError` by its class's ``exit_code`` and its own one-line message;
anything else is a bug, reported in one line that says so (``READER_DEBUG=1`` shows the
traceback). The start path is kept light: argparse from the standard library, no Typer, Rich
or pydantic, and the library is imported only once the arguments are known to be good.
"""

from __future__ import annotations

import os
import sys

from reader.errors import EXIT_OK, ReaderError, exit_code

__all__ = ["main", "run"]


def main(argv: list[str] | None = None) -> None:
    """Entry point of the ``reader`` script and ``python -m reader``."""
    sys.exit(run(sys.argv[1:] if argv is None else argv))


def run(argv: list[str]) -> int:
    """Run ``reader ARGV`` and return its exit status (see ``reader --help``)."""
    from reader.cli.output import Output, say

    out: Output | None = None
    try:
        from reader.cli.parser import parse

        args = parse(argv)
        if getattr(args, "backend", None):
            # ``--backend SPEC`` is ``READER_BACKEND=SPEC`` for this one process: the one
            # settings object reads it, before anything has asked for the settings.
            os.environ["READER_BACKEND"] = args.backend
        from reader.cli.commands import COMMANDS

        out = Output()
        return COMMANDS[args.command](args, out)
    except ReaderError as exc:
        say(str(exc))
        return exit_code(exc)
    except KeyboardInterrupt as exc:
        say("interrupted")
        return exit_code(exc)
    except BrokenPipeError:  # output that did not go through Output (argparse's help)
        _silence_stdout()
        return EXIT_OK
    except Exception as exc:
        if os.environ.get("READER_DEBUG"):
            raise
        say(f"internal error: {type(exc).__name__}: {exc} (a bug; set READER_DEBUG=1 to see "
            "where)")
        return exit_code(exc)
    finally:
        if out is not None:
            out.flush()


def _silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's last flush does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (OSError, ValueError):
        pass
