"""Builds the reader's compiled parts when the package is installed, where a C compiler is at
hand:

- the compiled loops of a PostgreSQL load (``_speedups.c``, ``_postings_order.c`` and
  ``_blocks.c`` in ``reader/search/postgresql``);
- the modules of reading articles and finding their quotations (``NATIVE``), compiled from
  their own typed Python by mypyc: a load or a Whoosh build spends most of its time in them,
  and compiled they take about a fifth less of it.

Both are optional: without a compiler or mypy (or when compiling fails) the wheel stays pure
Python and gives the same answers more slowly (:mod:`reader.search.postgresql.speedups`,
:mod:`reader.native`). An editable install compiles them in place, beside their source; run
``python hatch_build.py`` to compile them again after changing it (until then the edited
modules run from source, see :mod:`reader.native`).
"""

from __future__ import annotations

import hashlib
import json
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


# The modules compiled by mypyc (paths from the project's root). Excluded: modules that patch
# or subclass other libraries' classes (Sastrawi's); those with a generator that cleans up (a
# compiled generator dropped early skips its ``finally``: the load's pools, in analyse.py), see
# tests/test_native.py; and those off the hot path.
NATIVE = [
    *(f"reader/language/{name}.py" for name in (
        "aliases", "article_words", "attribution", "detect", "edits", "english", "entities",
        "gender", "lexicon", "media", "name_runs", "names", "narrative", "phrases", "quotes",
        "sentences", "spans", "subject_shapes", "subjects", "word_forms", "words")),
    *(f"reader/ingest/{name}.py" for name in (
        "article", "boilerplate", "dateline", "dates", "decode", "paragraphs", "source",
        "structure", "formats/base", "formats/txt")),
    "reader/text.py",
    "reader/records.py",
    "reader/search/postgresql/batch.py",
    "reader/search/postgresql/documents.py",
    "reader/search/postgresql/lexemes.py",
]
NATIVE_GROUP = "reader_native"  # the shared library: reader_native__mypyc.<tag>.so at the root
MANIFEST = "reader/_native.json"  # what was compiled, for reader.native's check


def native_outputs(root: str) -> list[Path]:
    """The files a mypyc build leaves under ``root``: one per module (also of a module no
    longer listed, which would otherwise be imported), the shared library and the list of
    what was compiled."""
    base = Path(root)
    loops = base / MODULE.replace(".", "/")  # (the C loops' module, which is not mypyc's)
    out = [base / MANIFEST, *base.glob(f"{NATIVE_GROUP}__mypyc.*")]
    out.extend(path for path in base.joinpath("reader").rglob("*.cpython-*")
               if path.parent / path.name.split(".")[0] != loops)  # (any module, listed or not)
    return [p for p in out if p.exists()]


def compile_native(root: str) -> list[Path]:
    """The modules of ``NATIVE`` compiled beside their sources under ``root`` with their list
    (``MANIFEST``); none, after a warning saying why, when they could not be. What an earlier
    build left is removed first, so no compiled module outlives a failed build."""
    for stale in native_outputs(root):
        stale.unlink()
    try:
        from mypyc.build import mypycify
    except ImportError:
        print("reader: mypy is not installed; reading and quotation finding run as Python",
              file=sys.stderr)
        return []
    from setuptools import Distribution
    from setuptools.command.build_ext import build_ext

    here = os.getcwd()
    os.chdir(root)
    try:
        try:
            extensions = mypycify(NATIVE, opt_level="3", group_name=NATIVE_GROUP)
        except SystemExit:  # mypyc's type check failed (its messages are above)
            print("reader: mypyc could not compile the modules; they run as Python",
                  file=sys.stderr)
            return []
        for extension in extensions:
            extension.optional = True
        command = build_ext(Distribution({"name": "native", "ext_modules": extensions}))
        command.inplace = True
        command.parallel = os.cpu_count() or 1
        with tempfile.TemporaryDirectory(prefix="reader-build-") as temp:
            command.build_temp = temp
            command.ensure_finalized()
            command.run()
        built = [Path(root, command.get_ext_filename(e.name)) for e in extensions]
        if not all(path.exists() for path in built):
            for path in built:
                path.unlink(missing_ok=True)
            print("reader: the compiled modules were not built; they run as Python",
                  file=sys.stderr)
            return []
        _write_manifest(root)
    finally:
        os.chdir(here)
    return native_outputs(root)


def _write_manifest(root: str) -> None:
    modules = {}
    for path in NATIVE:
        source = Path(root, path)
        state = source.stat()
        modules[path[:-3].replace("/", ".")] = {
            "path": path, "sha256": hashlib.sha256(source.read_bytes()).hexdigest(),
            "size": state.st_size, "mtime_ns": state.st_mtime_ns}
    target = Path(root, MANIFEST)  # written whole or not at all (reader.native reads it)
    partial = target.with_suffix(".partial")
    partial.write_text(json.dumps({"modules": modules}, indent=1) + "\n", encoding="utf-8")
    os.replace(partial, target)


class SpeedupsHook(BuildHookInterface):
    """Compiles the extension for a wheel (an editable one finds it in the source tree)."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict) -> None:
        if self.target_name != "wheel":
            return
        built = [compile_in_place(self.root), *compile_native(self.root)]
        files = [path for path in built if path is not None]
        if not files or version == "editable":
            return
        build_data["pure_python"] = False
        build_data["infer_tag"] = True
        for path in files:
            build_data["force_include"][str(path)] = str(path.relative_to(self.root))


if __name__ == "__main__":
    ROOT = os.path.dirname(os.path.abspath(__file__))
    loops, native = compile_in_place(ROOT), compile_native(ROOT)
    sys.exit(0 if loops is not None and native else 1)
