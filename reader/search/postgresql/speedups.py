"""The compiled loops of a load (``_speedups.c``), when the package was built with them.

Installing the package compiles them where a C compiler is at hand (``hatch_build.py``);
without one, or with ``READER_PURE_PYTHON=1`` in the environment, a load runs the Python loops
they were written from (``lexemes._positions``, ``documents._terms_text``,
``documents.field_row_python``, ``counts.add_counts``, ``spool``'s sort and merge), which
give the same values, more slowly.
"""

from __future__ import annotations

import importlib
import os
from types import ModuleType

PURE_PYTHON = "READER_PURE_PYTHON"  # set (to anything but "" or "0"): the Python loops
VERSION = 6  # the signatures the Python calls (``VERSION`` in _speedups.c)


def compiled() -> ModuleType | None:
    """The compiled module, or None when it was not built, is turned off, or was built from
    an older source (an editable install whose C changed since it was compiled: the Python
    loops then run until it is compiled again)."""
    if os.environ.get(PURE_PYTHON, "") not in ("", "0"):
        return None
    try:
        _speedups = importlib.import_module("reader.search.postgresql._speedups")
    except ImportError:  # not built here (no compiler at install time): the Python loops
        return None
    return _speedups if getattr(_speedups, "VERSION", None) == VERSION else None


COMPILED = compiled()
