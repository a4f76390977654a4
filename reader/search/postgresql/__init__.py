"""The PostgreSQL backend: one index on a server (or a cluster of them) shared by a team.

Chosen with a ``postgresql://`` connection string as the backend (``--backend``,
``READER_BACKEND`` or ``backend`` in the config file). Nothing here imports psycopg or touches
the network until a backend is opened, so registering it costs the default reader nothing.
"""

from __future__ import annotations

SCHEMES = ("postgresql://", "postgres://")


def accepts(spec: str) -> bool:
    """True for a backend setting this package serves (a PostgreSQL connection string)."""
    return spec.startswith(SCHEMES) or ("=" in spec and "dbname" in spec)


def open_backend(spec: str, settings=None, **_options):
    """The backend for a connection string (``**_options`` such as a corpus path are the
    Whoosh backend's business); ``settings`` give the analysing processes of a big load."""
    from reader.search.postgresql.backend import PostgresBackend

    if settings is None:
        return PostgresBackend(spec)
    return PostgresBackend(spec, workers=settings.index_workers,
                           parallel_min_files=settings.parallel_min_files)
