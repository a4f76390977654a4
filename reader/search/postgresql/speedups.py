"""The compiled loops of a load (``_speedups.c``), when the package was built with them.

Installing the package compiles them where a C compiler is at hand (``hatch_build.py``);
without one, or with ``READER_PURE_PYTHON=1`` in the environment, a load runs the Python loops
they were written from (``lexemes._positions``, ``documents._terms_text``), which give the same
values, more slowly.
"""

from __future__ import annotations

import os
from types import ModuleType

PURE_PYTHON = "READER_PURE_PYTHON"  # set (to anything but "" or "0"): the Python loops


def compiled() -> ModuleType | None:
    """The compiled module, or None when it was not built or is turned off."""
    if os.environ.get(PURE_PYTHON, "") not in ("", "0"):
        return None
    try:
        from reader.search.postgresql import _speedups
    except ImportError:  # not built here (no compiler at install time): the Python loops
        return None
    return _speedups


COMPILED = compiled()
