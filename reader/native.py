"""Which of the reader's modules run compiled: the ones the build compiled with mypyc, unless
their source has changed since.

An install compiles the modules of reading and quotation finding (``hatch_build.py``), writing
each one beside its source and listing the sources it compiled, with their hashes, in
``_native.json``. Python imports a compiled module before its source, so in a checkout (an
editable install) a module edited after the build would go on running as it was built. The
compiled modules also call each other directly, so one stale module makes them all suspect:
when any listed source differs from what was compiled (or ``READER_PURE_PYTHON`` is set), every
listed module is imported from its source instead, with one line on standard error saying how
to build them again. The check costs a ``stat`` a module; a file is hashed only when its size
or time moved (a fresh clone's files are all new, and all the same).
"""

from __future__ import annotations

import json
import os
import sys
from dataclasses import dataclass
from importlib.machinery import ModuleSpec
from pathlib import Path

MANIFEST = "_native.json"
PURE_PYTHON = "READER_PURE_PYTHON"  # set (to anything but "" or "0"): never the compiled ones
# (nor the compiled loops of a load, see reader.search.postgresql.speedups)
_TOLD = "READER_NATIVE_STALE"  # set for the processes this one starts: told once, not by each


@dataclass(frozen=True)
class Compiled:
    """One compiled module as the build recorded its source."""

    module: str  # "reader.language.quotes"
    source: Path
    sha256: str
    size: int
    mtime_ns: int


def compiled_modules(package: Path) -> list[Compiled]:
    """The modules the build compiled under ``package`` (the ``reader`` folder), none when it
    compiled none."""
    try:
        listed = json.loads((package / MANIFEST).read_text(encoding="utf-8"))
        return [Compiled(name, package.parent / entry["path"], entry["sha256"], entry["size"],
                         entry["mtime_ns"]) for name, entry in listed["modules"].items()]
    except FileNotFoundError:
        return []
    except (OSError, UnicodeDecodeError, ValueError, KeyError, TypeError, AttributeError):
        # (a list left broken: the modules compiled cannot be told from the others)
        print(f"reader: {package / MANIFEST} is unreadable, so the compiled modules are not "
              "checked against their source: run `python hatch_build.py`", file=sys.stderr)
        return []


def stale(modules: list[Compiled]) -> list[Compiled]:
    """The modules whose source is no longer what was compiled."""
    out = []
    for module in modules:
        try:
            state = module.source.stat()
        except FileNotFoundError:
            out.append(module)
            continue
        if state.st_size == module.size and state.st_mtime_ns == module.mtime_ns:
            continue
        if state.st_size != module.size or source_hash(module.source) != module.sha256:
            out.append(module)
    return out


def source_hash(path: Path) -> str:
    import hashlib

    return hashlib.sha256(path.read_bytes()).hexdigest()


class SourceFinder:
    """Finds the listed modules' source files ahead of their compiled builds (a finder of
    ``sys.meta_path``; ``importlib.abc`` is not imported for its base class, a start-up
    cost)."""

    def __init__(self, modules: list[Compiled]) -> None:
        self.sources = {module.module: module.source for module in modules}

    def find_spec(self, fullname: str, path: object = None,
                  target: object = None) -> ModuleSpec | None:
        source = self.sources.get(fullname)
        if source is None:
            return None
        from importlib.util import spec_from_file_location

        return spec_from_file_location(fullname, source)


def choose(package: Path) -> str:
    """Import the listed modules from their source when they must be: ``"compiled"``,
    ``"source"`` (asked for, or stale) or ``"none"`` (nothing was compiled)."""
    modules = compiled_modules(package)
    if not modules:
        return "none"
    if os.environ.get(PURE_PYTHON, "") not in ("", "0"):
        sys.meta_path.insert(0, SourceFinder(modules))
        return "source"
    changed = stale(modules)
    if not changed:
        return "compiled"
    sys.meta_path.insert(0, SourceFinder(modules))
    if os.environ.get(_TOLD):
        return "source"
    os.environ[_TOLD] = "1"
    names = ", ".join(str(m.source.relative_to(package.parent)) for m in changed[:3])
    more = f" and {len(changed) - 3} more" if len(changed) > 3 else ""
    print(f"reader: {names}{more} changed since the modules were compiled; running them all "
          "from source (slower) until `python hatch_build.py` compiles them again",
          file=sys.stderr)
    return "source"


def describe(state: str) -> str:
    """What ``reader stats`` says of the compiled modules, given :func:`choose`'s answer."""
    return {"compiled": "yes: reading and quotation finding",
            "source": "no: running from source (asked for, or edited since the build)",
            "none": "no: installed without a compiler (slower loads and builds)"}[state]
