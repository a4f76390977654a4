"""The PostgreSQL search backend: an index in a database that a whole team shares.

``PostgresBackend("postgresql://user:pw@host/db")`` speaks the :class:`SearchBackend` protocol
over one connection (psycopg 3, imported on first use). Every reader process asks the server,
so all of them see each commit at their next search (:meth:`generation` is read per search);
statistics for ranking are cached per generation. The database may be a single server or the
coordinator of a cluster (:mod:`reader.search.postgresql.cluster`): the same tables, with
paragraphs and articles spread over shards.
"""

from __future__ import annotations

import functools
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from reader.errors import IndexProblem, IndexUnavailable, ReaderError, UpdateStopped
from reader.records import Article, ArticleSummary, Paragraph, Quote, SearchResult
from reader.search.backend import (
    Candidate,
    Capabilities,
    Changes,
    Facets,
    FileState,
    ProgressFn,
    SearchRequest,
    TermStats,
)
from reader.search.postgresql import db
from reader.search.postgresql.documents import FIELD_NAMES, article_from_json
from reader.search.postgresql.schema import SCHEMA, SCHEMA_VERSION, single_instance
from reader.search.postgresql.translate import Statistics

MIN_STATEMENT_TIMEOUT = 0.05  # seconds: below this a search could not even be planned


def _settings_statement(request: SearchRequest) -> tuple[str, list]:
    """For one search: its time budget, no JIT compilation, no parallel workers and no
    materialised copies of a scan, local to the search's transaction; and the index's
    generation, read in the same statement (one round trip fewer a search). A search's
    statements are short but their score expressions long (a prefix's hundreds of words),
    and compiling them took seconds where running them takes milliseconds; starting a worker
    process took longer than a word's whole search; and a merge of two words' postings
    copied one side first (each paragraph is there once, so nothing is ever read twice),
    which took as long as reading both. The statements a search prepares (see
    :func:`.postings.ranked`) are planned once, without their values."""
    settings = (f"(SELECT value FROM {SCHEMA}.meta WHERE key = 'generation'), "
                "set_config('jit', 'off', true), "
                "set_config('max_parallel_workers_per_gather', '0', true), "
                "set_config('enable_material', 'off', true), "
                "set_config('plan_cache_mode', 'force_generic_plan', true)")
    if request.time_budget is None:  # the server's own limit, if it has one
        return f"SELECT {settings}", []
    budget = max(request.time_budget, MIN_STATEMENT_TIMEOUT)
    return (f"SELECT {settings}, set_config('statement_timeout', %s, true)",
            [f"{int(budget * 1000)}ms"])


def _search_settings(conn, request: SearchRequest) -> str:
    """The settings of :func:`_settings_statement` made in ``conn``'s transaction; returns
    the index's generation."""
    return conn.execute(*_settings_statement(request), prepare=True).fetchone()[0] or "0"


@functools.cache
def _pipelines() -> bool:
    """Whether the client library can send statements in a pipeline (libpq 14 or later);
    asked once a process, not once a search."""
    return db.psycopg().Pipeline.is_supported()


class PostgresBackend:
    """An index of paragraphs in PostgreSQL (see the module docstring)."""

    name = "postgresql"
    capabilities = Capabilities(fuzzy=True, shared=True, parallel_build=True)

    def __init__(self, dsn: str, workers: int = 4, parallel_min_files: int = 200) -> None:
        self.dsn = dsn
        self.workers = workers  # analysing processes for a big load (capped at the cores)
        self.parallel_min_files = parallel_min_files
        self._conn = None
        self._lock = threading.RLock()
        self._generation: str | None = None
        self._stats: Statistics | None = None
        self._expansions: dict = {}
        self._df_cache: dict[str, int] = {}
        self._sharded: bool | None = None
        self._fields: tuple[str, ...] | None = None
        self._stopping = threading.Event()  # stop_update was called while an update ran

    # -- connection ----------------------------------------------------------------------------

    def describe(self) -> str:
        return db.redact(self.dsn)

    def _connection(self):
        if self._conn is None or self._conn.closed or self._conn.broken:
            self._conn = db.connect(self.dsn)
        return self._conn

    @contextmanager
    def _session(self):
        """The connection, one caller at a time; database errors become one-line problems."""
        pg = db.psycopg()
        with self._lock:
            try:
                yield self._connection()
            except ReaderError:
                raise
            except pg.Error as exc:
                if self._conn is not None and self._conn.broken:
                    self._conn = None
                raise db.problem(exc, self.dsn) from None
            except BaseException:  # Ctrl-C: a command it cut short leaves the session unusable
                conn = self._conn
                if conn is not None and not conn.closed and \
                        conn.pgconn.transaction_status == pg.pq.TransactionStatus.ACTIVE:
                    conn.close()  # the server rolls back and lets go of the update's lock
                    self._conn = None
                raise

    def open(self) -> None:
        with self._session() as conn:
            if not self._exists(conn):
                raise IndexProblem(f"no reader index at {self.describe()}; run: reader index")
            self._refresh(conn)

    def close(self) -> None:
        with self._lock:
            if self._conn is not None:
                self._conn.close()
                self._conn = None

    # -- state ---------------------------------------------------------------------------------

    @staticmethod
    def _exists(conn) -> bool:
        return conn.execute("SELECT to_regclass(%s) IS NOT NULL",
                            [f"{SCHEMA}.meta"]).fetchone()[0]

    def needs_rebuild(self) -> str | None:
        try:
            with self._session() as conn:
                if not self._exists(conn):
                    return "new index"
                row = conn.execute(f"SELECT value FROM {SCHEMA}.meta WHERE key = 'version'"
                                   ).fetchone()
        except IndexUnavailable:
            raise  # nothing is known of the index: not a reason to rebuild it
        except IndexProblem as exc:
            return str(exc)
        if row is None or row[0] != SCHEMA_VERSION:
            return "index from another schema version"
        return None

    @staticmethod
    def _other_version(conn) -> bool:
        row = conn.execute(f"SELECT value FROM {SCHEMA}.meta WHERE key = 'version'").fetchone()
        return row is None or row[0] != SCHEMA_VERSION

    def generation(self) -> str:
        with self._session() as conn:
            return self._read_generation(conn)

    def _read_generation(self, conn) -> str:
        row = conn.execute(f"SELECT value FROM {SCHEMA}.meta WHERE key = 'generation'"
                           ).fetchone()
        return row[0] if row else "0"

    def _refresh(self, conn, generation: str | None = None) -> Statistics:
        """Statistics of the current generation (read again only after a commit); the
        generation is read unless given."""
        if generation is None:
            generation = self._read_generation(conn)
        if self._stats is None or generation != self._generation:
            rows = dict((f, (d, n)) for f, d, n in conn.execute(
                f"SELECT field, docs, length FROM {SCHEMA}.stats").fetchall())
            self._stats = Statistics(
                paragraphs=rows.get("paragraphs", (0, 0))[0],
                lengths={f: rows.get(f, (0, 0))[1] for f in FIELD_NAMES})
            self._generation = generation
            self._expansions = {}
            self._df_cache = {}
            self._fields = None
        return self._stats

    def sharded(self, conn) -> bool:
        if self._sharded is None:
            self._sharded = conn.execute(
                "SELECT EXISTS (SELECT FROM pg_partitioned_table t JOIN pg_class c "
                "ON c.oid = t.partrelid JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE n.nspname = %s AND c.relname = 'paragraphs')", [SCHEMA]).fetchone()[0]
        return self._sharded

    def file_states(self) -> dict[str, FileState]:
        with self._session() as conn:
            if not self._exists(conn):
                return {}
            return {path: FileState(size, mtime, sha, tuple(docs)) for path, size, mtime, sha, docs
                    in conn.execute(f"SELECT path, size, mtime_ns, sha256, docs FROM "
                                    f"{SCHEMA}.files").fetchall()}

    def stamps(self) -> dict[str, tuple[int, int]] | None:
        """``{path: (size, mtime_ns)}`` of the files as of the last commit (the check every
        command makes before answering); None when there is no index of this version."""
        if self.needs_rebuild():
            return None
        with self._session() as conn:
            return {path: (size, mtime) for path, size, mtime in conn.execute(
                f"SELECT path, size, mtime_ns FROM {SCHEMA}.files").fetchall()}

    def notes(self) -> list[str]:
        return []

    @contextmanager
    def lock(self, wait: Callable[[], None] | None = None) -> Iterator[None]:
        """The one writer's advisory lock, held by this session for a whole update (change
        detection and :meth:`apply`, whose own lock on the same key this session then holds
        already)."""
        from reader.search.postgresql.write import LOCK_KEY

        with self._session() as conn:
            if not conn.execute("SELECT pg_try_advisory_lock(%s)", [LOCK_KEY]).fetchone()[0]:
                if wait:
                    wait()
                conn.execute("SELECT pg_advisory_lock(%s)", [LOCK_KEY])
        try:
            yield
        finally:
            with self._session() as conn:
                conn.execute("SELECT pg_advisory_unlock(%s)", [LOCK_KEY])

    # -- writing -------------------------------------------------------------------------------

    def create(self) -> None:
        """Create the tables in the database (a single server) if they are not there."""
        with self._session() as conn:
            if self._exists(conn):
                if not self._other_version(conn) or self.sharded(conn):
                    return
                conn.execute(f"DROP SCHEMA {SCHEMA} CASCADE")  # rebuilt in the new layout
                self._stats, self._fields = None, None
            with conn.transaction():
                for statement in single_instance():
                    conn.execute(statement)
                conn.execute(f"INSERT INTO {SCHEMA}.meta VALUES ('version', %s), "
                             "('generation', '0') ON CONFLICT DO NOTHING", [SCHEMA_VERSION])

    def apply(self, changes: Changes, rebuild: bool = False,
              progress: ProgressFn | None = None,
              wait: Callable[[], None] | None = None) -> int:
        from reader.search.postgresql.write import apply

        self._stopping.clear()
        self.create()
        try:
            with self._session() as conn:
                written = apply(conn, changes, rebuild, progress, wait, self.sharded(conn),
                                self.workers, self.parallel_min_files,
                                connect=lambda: db.connect(self.dsn), stopping=self._stopping)
                self._stats = None
                return written
        except ReaderError:  # a statement stop_update cancelled
            if self._stopping.is_set():
                raise UpdateStopped() from None
            raise

    def stop_update(self) -> None:
        """The update's last steps (index builds, minutes at a million paragraphs) stop at
        the next one, and the statement running now on the update's own connection is
        cancelled; a rebuild's other connections are cancelled as the update unwinds."""
        self._stopping.set()
        conn = self._conn
        if conn is not None and not conn.closed:
            conn.cancel()

    # -- reading -------------------------------------------------------------------------------

    def search(self, request: SearchRequest) -> SearchResult:
        """One search. Once the statistics are known, its settings, the generation and its
        statements go to the server together, in a pipeline, in the one implicit
        transaction a pipeline's statements share until it is sent: one exchange for a
        search whose words are known (each exchange wakes both processes, which on a busy
        machine is what a search waits for most). Should the generation show that an
        update committed meanwhile, the search is made again with the new statistics."""
        from reader.search.postgresql.search import add_suggestions, start

        with self._session() as conn:
            if self._stats is None or self.sharded(conn) or not _pipelines():
                return self._search_in_transaction(conn, request)
            fields = self._field_names(conn)
            with conn.pipeline():
                settings = conn.execute(*_settings_statement(request), prepare=True)
                finish = start(conn, request, self._stats, self._expansions, False, fields)
            result = finish()
            if (settings.fetchone()[0] or "0") != self._generation:
                return self._search_in_transaction(conn, request)
            if not result.hits and request.suggest:
                with conn.transaction():
                    _search_settings(conn, request)
                    add_suggestions(conn, request, result, fields)
            return result

    def _search_in_transaction(self, conn, request: SearchRequest) -> SearchResult:
        """One search in a transaction of its own, the statistics read first when the
        generation moved."""
        from reader.search.postgresql.search import run

        with conn.transaction():
            stats = self._refresh(conn, _search_settings(conn, request))
            return run(conn, request, stats, self._expansions, self.sharded(conn),
                       self._field_names(conn))

    def facets(self, request: SearchRequest) -> Facets:
        from reader.search.postgresql.search import facets

        with self._session() as conn, conn.transaction():
            self._refresh(conn, _search_settings(conn, request))
            return facets(conn, request, self._expansions, self._field_names(conn))

    def field_names(self) -> list[str]:
        with self._session() as conn:
            self._refresh(conn)
            return list(self._field_names(conn))

    def _field_names(self, conn) -> tuple[str, ...]:
        """The corpus's own field names, read once per generation (see :meth:`_refresh`)."""
        if self._fields is None:
            self._fields = tuple(sorted(name for (name,) in conn.execute(
                f"SELECT DISTINCT unnest(extra_keys) FROM {SCHEMA}.articles").fetchall()))
        return self._fields

    def article(self, doc: str) -> Article | None:
        with self._session() as conn:
            row = conn.execute(f"SELECT data FROM {SCHEMA}.articles WHERE doc = %s",
                               [doc]).fetchone()
        return article_from_json(row[0]) if row else None

    def articles(self) -> Iterator[Article]:
        with self._session() as conn:
            rows = conn.execute(f"SELECT data FROM {SCHEMA}.articles").fetchall()
        for (data,) in rows:
            yield article_from_json(data)

    def summaries(self) -> list[ArticleSummary]:
        with self._session() as conn:
            rows = conn.execute(f"SELECT doc, title, source, date, paragraphs, quotes, path "
                                f"FROM {SCHEMA}.articles ORDER BY doc").fetchall()
        return [ArticleSummary(*row) for row in rows]

    def counts(self) -> dict[str, int]:
        with self._session() as conn:
            articles, files = conn.execute(
                f"SELECT (SELECT count(*) FROM {SCHEMA}.articles), "
                f"(SELECT count(*) FROM {SCHEMA}.files)").fetchone()
            paragraphs = self._refresh(conn).paragraphs
            terms = conn.execute(f"SELECT count(*) FROM {SCHEMA}.terms WHERE field = 'text'"
                                 ).fetchone()[0]
        return {"articles": articles, "paragraphs": paragraphs, "files": files, "terms": terms}

    def term_stats(self) -> TermStats:
        with self._session() as conn:
            stats = self._refresh(conn)
        known = self._df_cache

        def df(term: str) -> int:
            found = known.get(term)
            if found is None:
                with self._session() as conn:
                    row = conn.execute(f"SELECT df FROM {SCHEMA}.terms WHERE field = 'text' "
                                       "AND term = %s", [term]).fetchone()
                found = known[term] = row[0] if row else 0
            return found

        return TermStats(paragraphs=stats.paragraphs, df=df)

    def candidates(self, stems: list[str], limit: int, exclude_doc: str | None = None
                   ) -> list[Candidate]:
        import json

        from reader.search.postgresql.parse import Or, Term
        from reader.search.postgresql.translate import score, where

        if not stems:
            return []
        tree = Or(tuple(Term(f, s) for s in dict.fromkeys(stems) for f in ("text", "quote")))
        with self._session() as conn:
            stats = self._refresh(conn)
            with conn.cursor() as cur:
                from reader.search.postgresql.search import _document_frequencies

                _document_frequencies(cur, stats, {(f, s) for f in ("text", "quote")
                                                   for s in stems})
                match, rank = where(tree), score(tree, stats)
                rows = cur.execute(
                    f"SELECT doc, para, title, source, text, quotes, {rank.text} AS score "
                    f"FROM {SCHEMA}.paragraphs WHERE ({match.text}) AND doc IS DISTINCT FROM %s "
                    "ORDER BY score DESC, doc, para LIMIT %s",
                    [*rank.params, *match.params, exclude_doc, limit]).fetchall()
        out = []
        for doc, para, title, source, text, quotes, _score in rows:
            paragraph = Paragraph(para, text, 0, len(text),
                                  quotes=[Quote(**q) for q in json.loads(quotes)])
            out.append(Candidate(doc=doc, title=title or "", source=source or None,
                                 paragraph=paragraph))
        return out


__all__ = ["PostgresBackend"]
