"""Search engines behind one interface (:mod:`reader.search.backend`); Whoosh is the default.

``open_backend(spec, ...)`` turns the ``backend`` setting into an engine: ``whoosh`` (an index
folder on this machine) or a ``postgresql://`` connection string (or libpq's ``key=value``
form). Backend packages are imported only when chosen, so the reader never loads an engine it
does not use. Adding one is one line in :data:`BACKENDS` and a module with an
``open_backend(spec, *, corpus, index_dir, settings)`` function that creates the backend without
connecting yet.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from reader.errors import UsageError
from reader.search.backend import SearchBackend

# The spec's scheme (the part before "://", or the whole spec) -> the package implementing it.
BACKENDS = {
    "whoosh": "reader.search.whoosh.backend",
    "postgresql": "reader.search.postgresql",
    "postgres": "reader.search.postgresql",
}


def scheme(spec: str) -> str:
    """``postgresql`` for ``postgresql://…`` and for libpq's ``host=… dbname=…``; the spec
    itself, lower case, for a bare name such as ``whoosh``."""
    if "://" in spec:
        return spec.split("://", 1)[0].strip().lower()
    if "=" in spec:
        return "postgresql"
    return spec.strip().lower()


def open_backend(spec: str, *, corpus: Path, index_dir: Path, settings=None) -> SearchBackend:
    """The backend ``spec`` names, created (not yet opened) for ``corpus``.

    An unknown scheme or a backend whose package (or driver) is not installed is a one-line
    ``UsageError`` that never repeats the spec itself (it may hold a password).
    """
    if settings is None:
        from reader.settings import current

        settings = current()
    name = scheme(spec or "whoosh")
    module_name = BACKENDS.get(name)
    if module_name is None:
        known = ", ".join(sorted({k for k in BACKENDS if k != "postgres"}))
        raise UsageError(f"unknown search backend '{name}' (known: {known})")
    try:
        module = importlib.import_module(module_name)
    except ModuleNotFoundError as exc:
        if exc.name and (module_name == exc.name or module_name.startswith(exc.name + ".")):
            raise UsageError(f"the {name} backend is not part of this installation") from None
        raise UsageError(f"the {name} backend needs the '{exc.name}' package, which is not "
                         "installed") from None
    return module.open_backend(spec, corpus=Path(corpus), index_dir=Path(index_dir),
                               settings=settings)


__all__ = ["BACKENDS", "SearchBackend", "open_backend", "scheme"]
