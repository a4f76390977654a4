"""Scale-out with PostgreSQL's own parts: a coordinator over N shard servers.

``reader cluster init COORDINATOR SHARD [SHARD ...]`` (each a
connection string; a shard's may list its primary and replicas as several hosts,
``postgresql://u:pw@h1:5432,h2:5432/db``) creates on every shard the tables that hold its
share of paragraphs and articles, with their GIN indexes, and on the coordinator:

- the small tables (files, terms, statistics, meta) as ordinary tables;
- ``paragraphs`` and ``articles`` as tables hash-partitioned by article id, each partition a
  ``postgres_fdw`` foreign table on one shard (``async_capable``, so a search runs on every
  shard at once);
- one foreign server per shard with all of its hosts: when a shard's primary is gone, the
  next connection reaches its replica (reads go on), and once the replica is promoted, writes
  too.

Readers and writers then use the coordinator's connection string like a single server's. The
coordinator commits the shards' parts of an update together with its own; PostgreSQL 15's
``postgres_fdw`` commits them one after the other, so a coordinator that crashes inside its
own commit can leave one shard ahead (rebuild to repair); a writer killed before committing
leaves nothing behind.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from reader.errors import IndexProblem
from reader.search.postgresql import db
from reader.search.postgresql.schema import (
    ARTICLE_COLUMNS_SQL,
    EXTENSIONS,
    SCHEMA,
    SCHEMA_VERSION,
    article_indexes,
    grants,
    local_tables,
    paragraph_columns,
    paragraph_indexes,
)

FDW_OPTIONS = {"async_capable": "true", "fetch_size": "1000", "batch_size": "1000"}


def shard_statements() -> list[str]:
    """What a shard server holds: its share of paragraphs and articles."""
    return [
        f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}",
        f"CREATE TABLE IF NOT EXISTS {SCHEMA}.paragraphs ({paragraph_columns()},\n"
        "    PRIMARY KEY (doc, para))",
        *paragraph_indexes(f"{SCHEMA}.paragraphs"),
        f"CREATE TABLE IF NOT EXISTS {SCHEMA}.articles ({ARTICLE_COLUMNS_SQL},\n"
        "    PRIMARY KEY (doc))",
        *article_indexes(f"{SCHEMA}.articles"),
        *grants(),
    ]


def _literal(value: str) -> str:
    return "'" + value.replace("'", "''") + "'"


def coordinator_statements(shards: list[str]) -> list[str]:
    """What the coordinator holds: the small tables, and the big ones spread over
    ``shards`` through foreign servers."""
    from psycopg.conninfo import conninfo_to_dict

    out = [
        "CREATE EXTENSION IF NOT EXISTS postgres_fdw",
        *[f"CREATE EXTENSION IF NOT EXISTS {ext}" for ext in EXTENSIONS],
        *local_tables(),
        f"CREATE TABLE {SCHEMA}.paragraphs ({paragraph_columns()}) PARTITION BY HASH (doc)",
        f"CREATE TABLE {SCHEMA}.articles ({ARTICLE_COLUMNS_SQL}) PARTITION BY HASH (doc)",
    ]
    count = len(shards)
    for number, dsn in enumerate(shards):
        parts = conninfo_to_dict(dsn)
        server = f"reader_shard_{number}"
        options = {k: v for k, v in parts.items() if k in ("host", "port", "dbname")}
        options.update(FDW_OPTIONS)
        listed = ", ".join(f"{k} {_literal(str(v))}" for k, v in options.items())
        out.append(f"CREATE SERVER {server} FOREIGN DATA WRAPPER postgres_fdw OPTIONS ({listed})")
        login = {k: v for k, v in parts.items() if k in ("user", "password")}
        if login:
            listed = ", ".join(f"{k} {_literal(str(v))}" for k, v in login.items())
            out.append(f"CREATE USER MAPPING FOR PUBLIC SERVER {server} OPTIONS ({listed})")
        for table in ("paragraphs", "articles"):
            out.append(
                f"CREATE FOREIGN TABLE {SCHEMA}.{table}_{number} PARTITION OF {SCHEMA}.{table} "
                f"FOR VALUES WITH (MODULUS {count}, REMAINDER {number}) SERVER {server} "
                f"OPTIONS (schema_name {_literal(SCHEMA)}, table_name {_literal(table)})")
    out += grants()
    return out


def init(coordinator: str, shards: list[str]) -> None:
    """Create the cluster's tables on every shard and the coordinator (once; an existing
    reader index on the coordinator is an error)."""
    if not shards:
        raise IndexProblem("a cluster needs at least one shard")
    for dsn in shards:
        conn = db.connect(_first_host(dsn))
        try:
            with conn.transaction():
                for statement in shard_statements():
                    conn.execute(statement)
        except db.psycopg().Error as exc:
            raise db.problem(exc, dsn) from None
        finally:
            conn.close()
    conn = db.connect(coordinator)
    try:
        exists = conn.execute("SELECT to_regclass(%s) IS NOT NULL",
                              [f"{SCHEMA}.meta"]).fetchone()[0]
        if exists:
            raise IndexProblem(f"{db.redact(coordinator)} already holds a reader index; drop "
                               f"schema {SCHEMA} first to lay out a new cluster")
        with conn.transaction():
            for statement in coordinator_statements(shards):
                conn.execute(statement)
            conn.execute(f"INSERT INTO {SCHEMA}.meta VALUES ('version', %s), "
                         "('generation', '0'), ('shards', %s)",
                         [SCHEMA_VERSION, str(len(shards))])
    except db.psycopg().Error as exc:
        raise db.problem(exc, coordinator) from None
    finally:
        conn.close()


def _first_host(dsn: str) -> str:
    """``dsn`` reaching only its first host (where a shard's primary is when it is set up)."""
    from psycopg.conninfo import conninfo_to_dict, make_conninfo

    parts = conninfo_to_dict(dsn)
    for key in ("host", "port", "hostaddr"):
        if key in parts and "," in str(parts[key]):
            parts[key] = str(parts[key]).split(",")[0]
    return make_conninfo(**parts)


# -- what a team asks of a running cluster -----------------------------------------------------

@dataclass
class HostState:
    """One server of a shard as seen from here: ``role`` primary or replica, or ``error``."""

    address: str
    role: str | None = None
    error: str | None = None


@dataclass
class ShardState:
    """One shard: its servers, and what the coordinator reaches through it (``error`` when
    it reaches nothing: the shard's searches fail)."""

    number: int
    hosts: list[HostState]
    articles: int | None = None
    paragraphs: int | None = None
    error: str | None = None


@dataclass
class ClusterStatus:
    coordinator: str  # redacted
    generation: str
    shards: list[ShardState]

    @property
    def answering(self) -> bool:
        return all(shard.error is None for shard in self.shards)


def status(coordinator: str) -> ClusterStatus:
    """Every shard of the cluster at ``coordinator``: does the coordinator reach it, and which
    of its servers are up as primary or replica. Raises ``IndexProblem`` when the coordinator
    itself cannot be asked or holds no cluster."""
    from psycopg.conninfo import conninfo_to_dict

    conn = db.connect(coordinator)
    try:
        if not conn.execute("SELECT to_regclass(%s) IS NOT NULL",
                            [f"{SCHEMA}.meta"]).fetchone()[0]:
            raise IndexProblem(f"no reader index at {db.redact(coordinator)}; lay out a "
                               "cluster with: reader cluster init")
        meta = dict(conn.execute(f"SELECT key, value FROM {SCHEMA}.meta").fetchall())
        if "shards" not in meta:
            raise IndexProblem(f"the index at {db.redact(coordinator)} is on one server, "
                               "not a cluster")
        login = {k: v for k, v in conninfo_to_dict(coordinator).items()
                 if k in ("user", "password")}
        shards = []
        for number in range(int(meta["shards"])):
            options, mapping = _server(conn, number)
            shard = ShardState(number, [])
            try:
                shard.articles, shard.paragraphs = conn.execute(
                    f"SELECT (SELECT count(*) FROM {SCHEMA}.articles_{number}), "
                    f"(SELECT count(*) FROM {SCHEMA}.paragraphs_{number})").fetchone()
            except db.psycopg().Error as exc:
                shard.error = str(db.problem(exc, coordinator))
            hosts = options.get("host", "localhost").split(",")
            ports = options.get("port", "5432").split(",")
            for at, host in enumerate(hosts):
                port = ports[at] if at < len(ports) else ports[-1]
                shard.hosts.append(_host_state(host, port, options.get("dbname"),
                                               mapping or login))
            shards.append(shard)
    except db.psycopg().Error as exc:
        raise db.problem(exc, coordinator) from None
    finally:
        conn.close()
    return ClusterStatus(db.redact(coordinator), meta.get("generation", "0"), shards)


def _server(conn, number: int) -> tuple[dict[str, str], dict[str, str]]:
    """The options of shard ``number``'s foreign server and of its user mapping (empty when
    this login may not read them)."""
    row = conn.execute("SELECT srvoptions FROM pg_foreign_server WHERE srvname = %s",
                       [f"reader_shard_{number}"]).fetchone()
    if row is None:
        raise IndexProblem(f"the coordinator has no server for shard {number}")
    options = dict(o.split("=", 1) for o in row[0] or [])
    mapping = conn.execute("SELECT umoptions FROM pg_user_mappings WHERE srvname = %s",
                           [f"reader_shard_{number}"]).fetchone()
    return options, dict(o.split("=", 1) for o in (mapping[0] or [] if mapping else []))


def _host_state(host: str, port: str, dbname: str | None, login: dict[str, str]) -> HostState:
    from psycopg.conninfo import make_conninfo

    state = HostState(f"{host}:{port}")
    dsn = make_conninfo(host=host, port=port, dbname=dbname or "postgres", **login)
    try:
        conn = db.connect(dsn)
    except IndexProblem as exc:
        state.error = str(exc)
        return state
    try:
        replica = conn.execute("SELECT pg_is_in_recovery()").fetchone()[0]
        state.role = "replica" if replica else "primary"
    except db.psycopg().Error as exc:
        state.error = str(db.problem(exc, dsn))
    finally:
        conn.close()
    return state


def add_replica(coordinator: str, number: int, address: str) -> list[str]:
    """Add the server at ``address`` (``host:port``, a streaming replica of shard
    ``number``'s primary) to the shard's hosts on the coordinator: when the primary is gone,
    searches go there. Returns the shard's hosts. The replica must answer now."""
    host, _, port = address.rpartition(":")
    if not host or not port.isdigit():
        raise IndexProblem(f"'{address}' is not HOST:PORT")
    conn = db.connect(coordinator)
    try:
        options, mapping = _server(conn, number)
        login = mapping or {k: v for k, v in _dsn_parts(coordinator).items()
                            if k in ("user", "password")}
        state = _host_state(host, port, options.get("dbname"), login)
        if state.error:
            raise IndexProblem(f"the server at {address} does not answer: {state.error}")
        hosts = options.get("host", "localhost").split(",")
        ports = options.get("port", "5432").split(",")
        ports += [ports[-1]] * (len(hosts) - len(ports))
        if (host, port) in zip(hosts, ports, strict=True):
            raise IndexProblem(f"shard {number} already lists {address}")
        hosts.append(host)
        ports.append(port)
        changes = ", ".join(f"{'SET' if key in options else 'ADD'} {key} {_literal(value)}"
                            for key, value in (("host", ",".join(hosts)),
                                               ("port", ",".join(ports))))
        conn.execute(f"ALTER SERVER reader_shard_{number} OPTIONS ({changes})")
    except db.psycopg().Error as exc:
        raise db.problem(exc, coordinator) from None
    finally:
        conn.close()
    return [f"{h}:{p}" for h, p in zip(hosts, ports, strict=True)]


def _dsn_parts(dsn: str) -> dict[str, str]:
    from psycopg.conninfo import conninfo_to_dict

    return {k: str(v) for k, v in conninfo_to_dict(dsn).items()}


# -- a whole cluster on this machine, for tests, benchmarks and trials ---------------------------

@dataclass
class LocalCluster:
    """N shard servers, one coordinator and optionally a replica per shard, all on
    127.0.0.1 in ``folder``."""

    folder: Path
    shards: int = 3
    replicas: int = 0  # how many shards get a streaming replica (the first ones)
    settings: dict[str, str] = field(default_factory=dict)

    def start(self) -> LocalCluster:
        from reader.search.postgresql.instance import LocalServer

        self.folder = Path(self.folder)
        self.primaries = [LocalServer(self.folder / f"shard{i}", settings=self.settings)
                          .init().start() for i in range(self.shards)]
        self.standbys = [self.primaries[i].replica(self.folder / f"shard{i}-replica")
                         for i in range(self.replicas)]
        self.coordinator = LocalServer(self.folder / "coordinator",
                                       settings=self.settings).init().start()
        init(self.dsn, [self.shard_dsn(i) for i in range(self.shards)])
        return self

    @property
    def dsn(self) -> str:
        return self.coordinator.dsn()

    def shard_dsn(self, number: int) -> str:
        primary = self.primaries[number]
        hosts = [primary] + ([self.standbys[number]] if number < len(self.standbys) else [])
        where = ",".join(f"127.0.0.1:{s.port}" for s in hosts)
        from reader.search.postgresql.instance import SUPERUSER

        return f"postgresql://{SUPERUSER}:{primary.password}@{where}/postgres"

    def stop(self) -> None:
        for server in [getattr(self, "coordinator", None), *getattr(self, "standbys", []),
                       *getattr(self, "primaries", [])]:
            if server is not None:
                server.remove()
