"""Builds the compiled loops of a PostgreSQL load (``_speedups.c``, ``_postings_order.c`` and
``_blocks.c`` in ``reader/search/postgresql``) when the package is installed, where a C
compiler is at hand.

They are optional: without a compiler (or when compiling fails) the wheel stays pure Python and
a load runs the Python loops they mirror, which give the same values more slowly
(:mod:`reader.search.postgresql.speedups`). An editable install compiles them in place, beside
their source; run ``python hatch_build.py`` to compile them again after changing it.
"""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

try:
    from hatchling.builders.hooks.plugin.interface import BuildHookInterface
except ImportError:  # run as a script, only to compile in place
    BuildHookInterface = object

MODULE = "reader.search.postgresql._speedups"
SOURCES = [f"reader/search/postgresql/{name}.c"
           for name in ("_speedups", "_field_row", "_postings_order", "_blocks")]


def compile_in_place(root: str) -> Path | None:
    """The extension built beside its source under ``root``, or None when it could not be
    (a warning says why)."""
    from setuptools import Distribution, Extension
    from setuptools.command.build_ext import build_ext

    here = os.getcwd()
    os.chdir(root)
    try:
        extension = Extension(MODULE, SOURCES, optional=True, extra_compile_args=["-O2"])
        command = build_ext(Distribution({"name": "speedups", "ext_modules": [extension]}))
        command.inplace = True
        with tempfile.TemporaryDirectory(prefix="reader-build-") as temp:
            command.build_temp = temp
            command.ensure_finalized()
            command.run()  # optional: a failure is a warning, and no file
        built = Path(root, command.get_ext_filename(MODULE))
    finally:
        os.chdir(here)
    if not built.exists():
        print("reader: the compiled loops were not built; loads use the Python ones",
              file=sys.stderr)
        return None
    return built


class SpeedupsHook(BuildHookInterface):
    """Compiles the extension for a wheel (an editable one finds it in the source tree)."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel":
            return
        built = compile_in_place(self.root)
        if built is None or version == "editable":
            return
        build_data["pure_python"] = False
        build_data["infer_tag"] = True
        build_data["force_include"][str(built)] = str(built.relative_to(self.root))


if __name__ == "__main__":
    sys.exit(0 if compile_in_place(os.path.dirname(os.path.abspath(__file__))) else 1)
