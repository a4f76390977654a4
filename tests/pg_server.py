"""Real PostgreSQL servers for the tests, started in temp folders on free ports and stopped.

Tests that need one skip, saying why, only when the server binaries are not installed and this
is not CI (``CI`` set): in CI a missing server is a failure.
"""

from __future__ import annotations

import hashlib
import os
from pathlib import Path

import pytest

from reader.search.backend import Changes, FileState, IndexedFile
from reader.search.postgresql.instance import LocalServer, find_bindir

FAST = {"fsync": "off", "synchronous_commit": "off", "full_page_writes": "off"}


def need_server() -> None:
    if find_bindir() is None:
        if os.environ.get("CI"):
            pytest.fail("PostgreSQL server binaries are missing in CI (.ci/run installs them)")
        pytest.skip("PostgreSQL server binaries not installed (apt-get install postgresql)")


def server_folder() -> Path:
    """A new folder for server data outside pytest's temp root: pytest keeps that root
    private to its user (mode 0700, re-applied by any later pytest run), which would lock
    out the unprivileged user the servers run as under root."""
    import tempfile

    return Path(tempfile.mkdtemp(prefix="reader-pg-"))


def start_server(folder: Path | None = None, **settings) -> LocalServer:
    need_server()
    return LocalServer(folder or server_folder(), settings={**FAST, **settings}).init().start()


@pytest.fixture(scope="session")
def pg_server():
    server = start_server()
    yield server
    server.remove()


_DATABASES = iter(range(1, 10_000))


@pytest.fixture()
def pg_dsn(pg_server) -> str:
    """A new empty database on the session's server."""
    import psycopg

    name = f"reader_test_{next(_DATABASES)}"
    with psycopg.connect(pg_server.dsn(), autocommit=True) as conn:
        conn.execute(f"CREATE DATABASE {name}")
    return pg_server.dsn(name)


def loaded_backend(pg_server, name: str, root: Path):
    """A backend over a new database ``name`` of the session's server (dropped first if an
    earlier run left it), with every file of ``root`` loaded by a rebuild."""
    import psycopg

    from reader.search.postgresql.backend import PostgresBackend

    with psycopg.connect(pg_server.dsn(), autocommit=True) as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {name}")
        conn.execute(f"CREATE DATABASE {name}")
    backend = PostgresBackend(pg_server.dsn(name))
    backend.apply(changes_for(root), rebuild=True)
    return backend


def changes_for(root: Path, only: list[str] | None = None) -> Changes:
    """Every file of a corpus (or those named), read and with quotes, as one batch."""
    from reader.ingest import discover, doc_ids, read_file
    from reader.sync import attach_quotes

    files = discover(Path(root))
    ids = doc_ids(files)
    out = []
    for f in files:
        if only is not None and f.relative not in only:
            continue
        articles = read_file(f.path, ids[f.relative])
        for article in articles:
            attach_quotes(article)
        sha = hashlib.sha256(f.path.read_bytes()).hexdigest()
        state = FileState(f.size, f.mtime_ns, sha, tuple(a.doc for a in articles))
        out.append(IndexedFile(f.relative, state, articles))
    return Changes(files=out, total=len(out))


def sources_for(root: Path) -> Changes:
    """Every file of a corpus still unread, as a full build hands them over (its ``sources``
    for a backend that reads them in processes of its own, ``files`` read lazily else)."""
    from reader.ingest import discover, doc_ids
    from reader.prepare import Source, prepared

    files = discover(Path(root))
    ids = doc_ids(files)
    sources = [Source(f, ids[f.relative]) for f in files]
    warnings: list[str] = []
    return Changes(files=prepared(sources, warnings), total=len(sources), sources=sources,
                   warnings=warnings)
