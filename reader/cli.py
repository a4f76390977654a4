"""The ``reader`` entry point: the TUI by default, scriptable subcommands otherwise.

Opening the reader is the common case, so it takes a short path that skips importing the
command-line framework (Typer, Rich): first paint comes sooner. Everything else, and any
argument the short path does not understand, goes to :mod:`reader.commands`.
"""

from __future__ import annotations

import os
import sys

EXIT_CORPUS = 3
COMMANDS = frozenset(
    {"open", "index", "search", "show", "quotes", "cite", "stats", "related", "compare"})


def _tui_arguments(args: list[str]) -> tuple[str | None, str | None] | None:
    """``(corpus, index)`` when ``args`` only open the reader; None for anything else."""
    corpus = index = None
    rest = list(args)
    while rest:
        arg = rest.pop(0)
        for names, slot in ((("--corpus", "-c"), "corpus"), (("--index", "-i"), "index")):
            if arg in names and rest:
                value = rest.pop(0)
            elif any(arg.startswith(name + "=") for name in names if name.startswith("--")):
                value = arg.split("=", 1)[1]
            else:
                continue
            if slot == "corpus":
                corpus = value
            else:
                index = value
            break
        else:
            if arg.startswith("-") or corpus is not None or arg in COMMANDS:
                return None
            corpus = arg
    return corpus, index


def main(argv: list[str] | None = None) -> None:
    """``reader [CORPUS]`` opens the TUI; ``reader COMMAND …`` runs a subcommand."""
    args = list(sys.argv[1:] if argv is None else argv)
    short = _tui_arguments(args)
    if short is not None:
        sys.exit(_open(*short))
    from reader.commands import run

    run(args)


def _open(corpus: str | None, index: str | None) -> int:
    if corpus is not None and not os.path.exists(corpus):
        sys.stderr.write(f"reader: no such file or folder: {corpus}\n")
        return EXIT_CORPUS
    from reader.library import Library
    from reader.tui.app import ReaderApp

    ReaderApp(Library(corpus, index)).run()
    return 0
