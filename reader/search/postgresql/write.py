"""Writing an update: one transaction for the whole batch, rows streamed in with COPY.

Every update takes a transaction-scoped advisory lock (one writer at a time; a second one
waits), deletes what the batch replaces, copies the new rows in batches, moves the document
frequencies and field lengths by what was removed and added, and bumps the generation. Readers
see the old state until the commit and the new one after it; a writer killed part way is rolled
back by the server, so the old state keeps answering. A first build copies into tables without
their indexes (the paragraphs' GIN indexes, the terms' key and trigrams) and builds them at
the end (several times faster than updating them row by row); a rebuild of a live index
deletes and copies instead, so searches go on meanwhile. A rebuild's postings (a single
server's, see :mod:`.postings`) go to a new table, copied in frozen, indexed at the end (with
the common words' blocks, on connections of their own: :mod:`.rebuilt`) and swapped in for the
old one just before the commit.
Rows are analysed by :mod:`.analyse` (in worker processes for a big load) with the stems the
database already knows (:mod:`.stems`), and the words this update stemmed are added to them.
"""

from __future__ import annotations

import json
import threading
import time
from collections import Counter
from collections.abc import Callable
from dataclasses import replace

from reader.errors import IndexProblem, UpdateStopped
from reader.records import Article, Paragraph, Quote
from reader.search.backend import Changes, FileState, IndexedFile, ProgressFn
from reader.search.postgresql import blocks, lexemes, stems
from reader.search.postgresql.analyse import (
    TASK_FILES,
    Analysed,
    analysed,
    copy_text,
    read_and_analysed,
    worker_count,
)
from reader.search.postgresql.counts import add as add_counts
from reader.search.postgresql.documents import (
    ARTICLE_COLUMNS,
    FIELD_NAMES,
    PARAGRAPH_COLUMNS,
    POSTING_COLUMNS,
    SPELL,
    paragraph_row,
    term_key_sql,
)
from reader.search.postgresql.rebuilt import POSTINGS as NEW_POSTINGS
from reader.search.postgresql.rebuilt import Rebuilt, copy_sorted
from reader.search.postgresql.schema import (
    POSTINGS_INDEXES,
    SCHEMA,
    SCHEMA_VERSION,
    paragraph_indexes,
    postings_indexes,
    postings_tables,
    single_instance,
    terms_indexes,
)
from reader.search.postgresql.spool import PostingsSpool

LOCK_KEY = 0x5245_4144  # "READ": the advisory lock of the one writer
BATCH_FILES = 200  # files whose rows are copied at a time (in this process)
INDEX_MEMORY = "1GB"  # maintenance_work_mem of a load's index builds (its sorts fit in memory)


class Writer:
    """One update of the index through ``conn`` (a connection in a transaction)."""

    def __init__(self, conn, sharded: bool = False,
                 stopping: threading.Event | None = None) -> None:
        self.conn = conn
        self.sharded = sharded
        self.stopping = stopping or threading.Event()  # set: the steps left do not start
        self.df: dict[str, Counter] = {}  # field -> term -> paragraphs added minus removed
        self.lengths: Counter = Counter()
        self.paragraphs = 0  # paragraphs added minus removed
        self.written = 0
        self.learned: dict[str, str] = {}  # the words this update stemmed, for the stems table
        self.postings = "postings"  # the table this update's postings go to
        self.first = 1  # the number of this update's first paragraph
        self.apart: Rebuilt | None = None  # a rebuild's postings, on connections of their own
        self.spool: PostingsSpool | None = None  # a rebuild's postings until every batch is in
        self.common: list[tuple[int, str]] = []  # a rebuild's common words (see blocks)

    def lock(self, wait: Callable[[], None] | None) -> None:
        got = self.conn.execute("SELECT pg_try_advisory_xact_lock(%s)", [LOCK_KEY]).fetchone()[0]
        if not got:
            if wait:
                wait()
            self.conn.execute("SELECT pg_advisory_xact_lock(%s)", [LOCK_KEY])

    def clear(self, connect: Callable[[], object] | None = None) -> bool:
        """Remove everything (a rebuild); True when the index was empty, so indexes can be
        dropped and built after the copy. With ``connect``, a single server's new postings
        and blocks are built on connections of their own (see :mod:`.rebuilt`)."""
        empty = self.conn.execute(f"SELECT NOT EXISTS (SELECT FROM {SCHEMA}.articles)"
                                  ).fetchone()[0]
        for table in ("paragraphs", "articles", "files", "terms", "stats"):
            self.conn.execute(f"DELETE FROM {SCHEMA}.{table}")
        if not self.sharded:
            # the postings of a rebuild go to a new table, indexed at the end and put in the
            # old one's place at the commit (searches read the old one until then): created
            # by the transaction that copies into it (this one, or one of its own connection:
            # see .rebuilt), it takes its rows frozen (no vacuum to come), and none of them
            # is deleted or indexed one by one
            if connect is not None:
                self.apart = Rebuilt(connect)
            else:
                self.conn.execute(f"DROP TABLE IF EXISTS {SCHEMA}.{NEW_POSTINGS}")
                self.conn.execute(f"CREATE TABLE {SCHEMA}.{NEW_POSTINGS} "
                                  f"(LIKE {SCHEMA}.postings INCLUDING ALL EXCLUDING INDEXES)")
            self.postings = NEW_POSTINGS
            self.spool = PostingsSpool()
        if empty:  # the terms' indexes, built after their copy
            self.conn.execute(f"ALTER TABLE {SCHEMA}.terms DROP CONSTRAINT IF EXISTS terms_pkey")
            self.conn.execute(f"DROP INDEX IF EXISTS {SCHEMA}.terms_trgm")
        if empty and not self.sharded:  # every index of the paragraphs, built after the copy
            for name in (*FIELD_NAMES, "extra"):
                self.conn.execute(f"DROP INDEX IF EXISTS {SCHEMA}.paragraphs_{name}_gin")
            for name in ("path", "date", "id"):
                self.conn.execute(f"DROP INDEX IF EXISTS {SCHEMA}.paragraphs_{name}")
            self.conn.execute(f"ALTER TABLE {SCHEMA}.paragraphs DROP CONSTRAINT IF EXISTS "
                              "paragraphs_pkey")
        return empty

    def first_number(self) -> int | None:
        """The number of the next paragraph row (None on a cluster: it keeps no postings)."""
        if self.sharded:
            return None
        self.first = self.conn.execute(
            f"SELECT coalesce(max(id), 0) + 1 FROM {SCHEMA}.paragraphs").fetchone()[0]
        return self.first

    def remove_paths(self, paths: list[str]) -> None:
        """Forget every article of these corpus files, and their words' statistics."""
        if not paths:
            return
        rows = self.conn.execute(
            f"SELECT doc, para, title, source, text, quotes FROM {SCHEMA}.paragraphs "
            "WHERE path = ANY(%s)", [paths]).fetchall()
        for doc, para, title, source, text, quotes in rows:
            article = Article(doc=doc, path="", title=title, source=source)
            paragraph = Paragraph(para, text, 0, len(text),
                                  quotes=[Quote(**q) for q in json.loads(quotes)])
            self._count(paragraph_row(article, paragraph, "", []), -1)
        if not self.sharded:  # each of their postings, by the terms their tsvectors hold
            vectors = " UNION ALL ".join(
                f"SELECT id, {code}::smallint AS field, unnest(tsvector_to_array({name}_tsv)) "
                f"AS term FROM {SCHEMA}.paragraphs WHERE path = ANY(%s)"
                for code, name in enumerate(FIELD_NAMES))
            blocks.touch_removed(self.conn, vectors, [paths] * len(FIELD_NAMES))
            self.conn.execute(
                f"DELETE FROM {SCHEMA}.postings p USING ({vectors}) gone "
                f"WHERE p.key = {term_key_sql('gone.field', 'gone.term')} AND p.field = "
                "gone.field AND p.term = gone.term COLLATE \"C\" AND p.id = gone.id",
                [paths] * len(FIELD_NAMES))
        for table in ("paragraphs", "articles", "files"):
            self.conn.execute(f"DELETE FROM {SCHEMA}.{table} WHERE path = ANY(%s)", [paths])

    def _count(self, row, sign: int) -> None:
        for fieldname, terms in row.terms.items():
            for term in terms:
                counts = self.df.setdefault(fieldname, Counter())
                counts[term] += sign
        for fieldname, length in row.lengths.items():
            self.lengths[fieldname] += sign * length
        self.paragraphs += sign

    def add(self, files: list[tuple[str, FileState]], analysed: Analysed,
            progress: ProgressFn | None, done: int, total: int) -> int:
        """Copy the rows of a batch of files (``(relative, state)``, their old rows already
        gone)."""
        for fieldname, counts in analysed.df.items():
            add_counts(self.df.setdefault(fieldname, Counter()), counts)
        self.lengths.update(analysed.lengths)
        self.paragraphs += analysed.rows
        self.learned.update(analysed.stems)
        self._copy_text("paragraphs", PARAGRAPH_COLUMNS, analysed.paragraphs)
        if not self.sharded:
            self._copy_text(self.postings, POSTING_COLUMNS, analysed.postings)
        self._copy_text("articles", ARTICLE_COLUMNS, analysed.articles)
        self._copy("files", ("path", "size", "mtime_ns", "sha256", "docs"),
                   [(relative, state.size, state.mtime_ns, state.sha256, list(state.docs))
                    for relative, state in files])
        self.written += analysed.rows
        if progress:
            for i, (relative, _state) in enumerate(files, start=done - len(files) + 1):
                progress(i, total, relative)
        return analysed.rows

    def _copy_text(self, table: str, columns: tuple[str, ...], data: bytes) -> None:
        """COPY rows already in COPY's text format (made by the analysing processes)."""
        if not data:
            return
        if table == NEW_POSTINGS and self.spool is not None:  # copied in key order at the end
            self.spool.add(data)
            return
        with self.conn.cursor() as cur, cur.copy(
                f"COPY {SCHEMA}.{table} ({', '.join(columns)}) FROM STDIN") as copy:
            copy.write(data)

    def _copy(self, table: str, columns: tuple[str, ...], rows: list) -> None:
        if not rows:
            return
        with self.conn.cursor() as cur, cur.copy(
                f"COPY {SCHEMA}.{table} ({', '.join(columns)}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row(row)

    def start_builds(self) -> None:
        """The copy is done: a rebuild's postings B-tree and blocks start on their own
        connections (the longest of the builds after a load, so before anything else)."""
        self.common = blocks.common(self.df) if self.postings == NEW_POSTINGS else []
        if self.apart is not None and self.spool is not None:
            self.apart.start(self.common, INDEX_MEMORY, self.spool)

    def _step(self, statement: str) -> None:
        """One statement of the last steps, unless the update was asked to stop."""
        if self.stopping.is_set():
            raise UpdateStopped()
        self.conn.execute(statement)

    def finish(self, rebuilt_indexes: bool) -> None:
        """Statistics moved by this update, indexes back if dropped, a new generation."""
        if rebuilt_indexes or self.postings == NEW_POSTINGS:  # big sorts: in memory
            self.conn.execute(f"SET LOCAL maintenance_work_mem = '{INDEX_MEMORY}'")
        if rebuilt_indexes and not self.sharded:
            self.conn.execute(f"ALTER TABLE {SCHEMA}.paragraphs ADD PRIMARY KEY (doc, para)")
            self.conn.execute(postings_tables()[0])  # the paragraphs' numbers
        if rebuilt_indexes:
            for statement in paragraph_indexes(f"{SCHEMA}.paragraphs"):
                self._step(statement)
        if self.postings == NEW_POSTINGS and self.apart is None:  # indexed before the swap
            if self.spool is not None:
                copy_sorted(self.conn, NEW_POSTINGS, self.spool)
            for statement in postings_indexes(NEW_POSTINGS, NEW_POSTINGS):
                self._step(statement)
        changed = [(f, t, n) for f, counts in self.df.items() for t, n in counts.items() if n]
        if rebuilt_indexes:  # an empty table without its indexes: copied in, then indexed
            self._copy_text("terms", ("field", "term", "df"),
                            copy_text(r for r in changed if r[2] > 0))
            for statement in terms_indexes():
                self._step(statement)
        elif changed:
            self.conn.execute("CREATE TEMP TABLE IF NOT EXISTS reader_df "
                              "(field text, term text COLLATE \"C\", df integer) "
                              "ON COMMIT DROP")
            with self.conn.cursor() as cur, cur.copy(
                    "COPY reader_df (field, term, df) FROM STDIN") as copy:
                copy.write(copy_text(changed))
            self.conn.execute(
                f"INSERT INTO {SCHEMA}.terms (field, term, df) SELECT field, term, df "
                "FROM reader_df ON CONFLICT (field, term) DO UPDATE "
                f"SET df = {SCHEMA}.terms.df + excluded.df")
            self.conn.execute(f"DELETE FROM {SCHEMA}.terms WHERE df <= 0")
        rows = [("paragraphs", self.paragraphs, 0)] + [
            (f, 0, self.lengths[f]) for f in FIELD_NAMES]
        for fieldname, docs, length in rows:
            self.conn.execute(
                f"INSERT INTO {SCHEMA}.stats (field, docs, length) VALUES (%s, %s, %s) "
                f"ON CONFLICT (field) DO UPDATE SET docs = {SCHEMA}.stats.docs + excluded.docs, "
                f"length = {SCHEMA}.stats.length + excluded.length", [fieldname, docs, length])
        if self.postings == NEW_POSTINGS:  # searches wait only for the swaps
            if self.apart is not None:
                self.apart.finish(self.stopping)
            self._swap_postings()
            if self.apart is not None:
                blocks.set_blocked(self.conn, self.common)
                blocks.swap(self.conn)
            else:
                blocks.rebuild(self.conn, "postings", INDEX_MEMORY, self.common)
        elif not self.sharded:
            blocks.refresh(self.conn, self.first)
        self.conn.execute(
            f"INSERT INTO {SCHEMA}.meta (key, value) VALUES ('generation', %s) "
            f"ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            [f"{time.time_ns():x}"])


    def _swap_postings(self) -> None:
        self.conn.execute(f"DROP TABLE {SCHEMA}.postings")
        self.conn.execute(f"ALTER TABLE {SCHEMA}.{NEW_POSTINGS} RENAME TO postings")
        for name in POSTINGS_INDEXES:
            self.conn.execute(f"ALTER INDEX {SCHEMA}.{NEW_POSTINGS}_{name.split('_')[-1]} "
                              f"RENAME TO {name}")
        self.conn.execute(f"GRANT SELECT ON {SCHEMA}.postings TO reader_search")

    def close(self, failed: bool) -> None:
        """After the transaction: the other connections closed (on a failure, what they
        committed dropped)."""
        if self.apart is not None:
            self.apart.close(failed)
        if self.spool is not None:
            self.spool.close()


def apply(conn, changes: Changes, rebuild: bool, progress: ProgressFn | None,
          wait: Callable[[], None] | None, sharded: bool = False, workers: int = 1,
          parallel_min_files: int = 200, connect: Callable[[], object] | None = None,
          stopping: threading.Event | None = None) -> int:
    """Commit ``changes`` in one transaction on ``conn``; the paragraphs written. Files are
    analysed in ``workers`` processes when there are at least ``parallel_min_files``. A
    rebuild of a single server uses other connections from ``connect``, when given, for its
    postings (see :mod:`.rebuilt`). Once ``stopping`` is set, the steps after the last file
    raise ``UpdateStopped`` instead of starting."""
    from reader.language import analysis

    writer = Writer(conn, sharded, stopping)
    lexemes.start_load()
    failed = True
    try:
        with conn.transaction():
            writer.lock(wait)
            known = stems.load(conn)
            analysis.use_stem_table(known)  # before the workers fork: they inherit it
            try:
                # tables made again in this transaction are not the other connections' to see
                apart = connect if rebuild and not renew(conn, sharded) else None
                drop_indexes = writer.clear(apart) if rebuild else False
                writer.remove_paths(list(changes.removed))
                _copy_all(writer, changes, rebuild, progress, workers, parallel_min_files,
                          known)
                writer.start_builds()
                stems.save(conn, writer.learned, known)
                writer.finish(drop_indexes)
            finally:
                analysis.drop_stem_table(known)
                lexemes.start_load()  # the words it analysed are forgotten
        failed = False
    finally:
        writer.close(failed)
    if rebuild:  # statistics for the planner, the terms' visibility map (index-only scans)
        conn.execute(f"VACUUM (ANALYZE) {SCHEMA}.terms")
        if not sharded and writer.apart is None:  # else done on the other connections
            conn.execute(f"ANALYZE {SCHEMA}.postings")
            conn.execute(f"VACUUM (ANALYZE) {SCHEMA}.blocks")
    return writer.written


def _copy_all(writer: Writer, changes: Changes, rebuild: bool, progress: ProgressFn | None,
              workers: int, parallel_min_files: int, known: dict[str, str]) -> None:
    """Every added or changed file's rows copied, analysed in worker processes for a big
    update."""
    procs = worker_count(changes.total, workers, parallel_min_files)
    first = writer.first_number()
    if changes.sources is not None and procs > 1:  # read in the workers too
        _load_sources(writer, changes, procs, known, first, progress, rebuild)
        return
    done = 0
    size = TASK_FILES if procs > 1 else BATCH_FILES
    for batch, result in analysed(changes.files, size, procs, known, first):
        if not rebuild:
            writer.remove_paths([f.relative for f in batch])
        done += len(batch)
        writer.add([(f.relative, _state(f)) for f in batch], result, progress, done,
                   changes.total)


def _state(indexed: IndexedFile) -> FileState:
    """A file's state with the documents it holds (those it was read into, if not given)."""
    state = indexed.state
    if state.docs:
        return state
    return replace(state, docs=tuple(a.doc for a in indexed.articles))


def _load_sources(writer: Writer, changes: Changes, procs: int, known: dict[str, str],
                  first: int | None, progress: ProgressFn | None, rebuild: bool) -> int:
    """Copy ``changes.sources``, read and analysed by ``procs`` workers; the files done."""
    counter = getattr(progress, "paragraphs", None)  # see reader.sync._counting
    done = 0
    for _sources, result in read_and_analysed(changes.sources, TASK_FILES, procs, known,
                                              first):
        if not rebuild:
            writer.remove_paths([relative for relative, _state in result.files])
        if changes.warnings is not None:
            changes.warnings.extend(result.warnings)
        if counter is not None:
            counter[0] += result.rows
        done += len(result.files)
        writer.add(result.files, result, progress, done, changes.total)
    return done


def renew(conn, sharded: bool) -> bool:
    """Before a rebuild: tables of another schema version are dropped and made again (in the
    update's transaction, so a failed rebuild leaves them as they were); True when they
    were."""
    row = conn.execute(f"SELECT value FROM {SCHEMA}.meta WHERE key = 'version'").fetchone()
    if row is not None and row[0] == SCHEMA_VERSION:
        return False
    if sharded:
        raise IndexProblem("the cluster's tables are from another version of the reader: lay "
                           "out a new one (reader cluster init) and index into it")
    conn.execute(f"DROP SCHEMA {SCHEMA} CASCADE")
    for statement in single_instance():
        conn.execute(statement)
    conn.execute(f"INSERT INTO {SCHEMA}.meta VALUES ('version', %s), ('generation', '0')",
                 [SCHEMA_VERSION])
    return True


__all__ = ["SPELL", "apply"]
