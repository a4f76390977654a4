"""Connections to the server, and what its failures mean to a user, in one line each.

psycopg 3 is imported here and only when a PostgreSQL index is used, so the default (Whoosh)
reader never loads it. A connection string may carry a password: :func:`redact` is the only
form of it that is ever printed.
"""

from __future__ import annotations

import logging
import re
from collections.abc import Iterator
from contextlib import contextmanager

from reader.errors import IndexProblem, IndexUnavailable, ReaderError

CONNECT_TIMEOUT = 5  # seconds to wait for a server that does not answer
EXPLICIT_ONLY = 2**62  # executions before psycopg prepares a statement by itself: never (only
# those executed with ``prepare=True`` are)


def psycopg():
    try:
        import psycopg as module
    except ImportError:
        raise IndexProblem("the PostgreSQL backend needs psycopg: pip install "
                           "'kabar-reader[server]'") from None
    if not _QUIET.handlers:
        # psycopg warns through logging (a rollback that failed on a connection an interrupt
        # left mid-command): with no handler of the program's own, Python would print it raw
        # on stderr, beside the one line the reader says, or over the TUI's screen. It still
        # reaches any handler a program sets up on the root logger.
        _QUIET.addHandler(logging.NullHandler())
    return module


_QUIET = logging.getLogger("psycopg")


def redact(dsn: str) -> str:
    """``dsn`` as a ``postgresql://user@host:port/db`` address without any password."""
    try:
        from psycopg import ProgrammingError
        from psycopg.conninfo import conninfo_to_dict
    except ImportError:  # no driver: only the address, without its password
        return _address_only(dsn)
    try:
        parts = conninfo_to_dict(dsn)
    except ProgrammingError:  # unreadable: only the address, without its password
        return _address_only(dsn)
    user = parts.get("user")
    host = parts.get("host") or "localhost"
    port = parts.get("port")
    hosts = host.split(",")
    ports = (port or "").split(",") if port else [""] * len(hosts)
    if len(ports) == 1 and len(hosts) > 1:
        ports = ports * len(hosts)
    where = ",".join(f"{h}:{p}" if p else h for h, p in zip(hosts, ports, strict=False))
    who = f"{user}@" if user else ""
    return f"postgresql://{who}{where}/{parts.get('dbname') or ''}"


def connect(dsn: str, autocommit: bool = True, read_only: bool = False):
    """A new connection, or :class:`IndexProblem` saying why there is none."""
    pg = psycopg()
    try:
        # UTF-8 whatever the database's encoding: loads send rows already encoded
        conn = pg.connect(dsn, autocommit=autocommit, connect_timeout=CONNECT_TIMEOUT,
                          application_name="reader", prepare_threshold=EXPLICIT_ONLY,
                          client_encoding="UTF8")
    except pg.Error as exc:
        raise problem(exc, dsn) from None
    if read_only:
        conn.read_only = True
    return conn


@contextmanager
def local_settings(conn, **values: str) -> Iterator[None]:
    """Server settings (planner, memory) for the statements of the block, within ``conn``'s
    transaction, then as they were."""
    names = list(values)
    before = conn.execute("SELECT " + ", ".join("current_setting(%s)" for _ in names),
                          names).fetchone()
    assign = ", ".join("set_config(%s, %s, true)" for _ in names)
    conn.execute("SELECT " + assign, [x for pair in values.items() for x in pair])
    yield
    conn.execute("SELECT " + assign, [x for pair in zip(names, before, strict=True) for x in pair])


def problem(exc: BaseException, dsn: str) -> ReaderError:
    """One line for a user out of a database error (never the password)."""
    pg = psycopg()
    where = redact(dsn)
    text = _first_line(exc)
    errors = pg.errors
    if isinstance(exc, errors.QueryCanceled):
        return IndexUnavailable("the search took longer than its time budget and was stopped "
                            "(raise search_budget or narrow the query)")
    if isinstance(exc, errors.InsufficientPrivilege):
        return IndexProblem(f"this login may not do that on {where} ({text}); searching needs "
                            "the reader_search role, indexing the owner's")
    if isinstance(exc, errors.ReadOnlySqlTransaction):
        return IndexProblem(f"the server at {where} is a read-only replica; index through "
                            "the primary (or promote the replica)")
    lowered = text.lower()
    if "password authentication failed" in lowered or "no password supplied" in lowered:
        return IndexProblem(f"PostgreSQL refused the login at {where} (wrong password?)")
    if "does not exist" in lowered and "database" in lowered:
        return IndexProblem(f"no such database at {where} ({text})")
    if "could not connect to server" in lowered and "postgres_fdw" not in lowered:
        return IndexUnavailable(f"a shard of the index is unreachable: {text}")
    if isinstance(exc, errors.FdwError) or "fdw" in lowered:
        return IndexUnavailable(f"a shard of the index is unreachable: {text}")
    if isinstance(exc, pg.OperationalError):  # the server went away or cannot be reached
        if "refused" in lowered or "timeout" in lowered or "could not" in lowered:
            return IndexUnavailable(f"cannot reach the PostgreSQL server at {where} (is it "
                                    f"running?): {text}")
        return IndexUnavailable(f"PostgreSQL at {where}: {text}")
    if isinstance(exc, errors.UndefinedTable):
        return IndexProblem(f"no reader index in the database at {where}; run: reader index "
                            "--backend …")
    return IndexProblem(f"PostgreSQL at {where}: {text}")


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    line = text.splitlines()[0] if text else type(exc).__name__
    return re.sub(r"password=\S+", "password=…", line)[:200]


def _address_only(dsn: str) -> str:
    """A URL-form ``dsn`` without its password and parameters (the fallback of :func:`redact`)."""
    return re.sub(r"(://[^:/@]*):[^@]*@", r"\1@", dsn.split("?", 1)[0])
