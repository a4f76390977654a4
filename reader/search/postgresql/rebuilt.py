"""A rebuild's postings and common words' blocks, built on connections of their own while the
update's transaction builds the paragraphs' indexes.

At the end of a full load, the server has three big jobs: the paragraphs' GIN indexes, the
postings' B-tree and the blocks (see :mod:`.blocks`). In the update's one transaction they
run one after the other, and two of them use one core. So a rebuild of a single server
copies its postings, once every batch is in (held in key order by a :class:`.PostingsSpool`,
so the B-tree's sort finds them sorted), through a second connection into a table of their
own (``postings_rebuilt``, created by that connection's transaction, so it takes its rows
frozen); that transaction commits, and the B-tree (on that connection) and the blocks (on a
third) are built, all of it at the same time as the update's transaction builds the rest.
The update's transaction then puts both tables in place of the live ones, just before its
commit; readers see the old ones until then.

A killed or failed rebuild leaves the live tables as they were; the staging tables it
committed are dropped by the rebuild (here, when it can, or by the next one, which starts by
dropping them). Only one writer at a time gets here: the update holds the writer's lock.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from concurrent.futures import TimeoutError as FutureTimeout

from reader.errors import UpdateStopped
from reader.search.postgresql import blocks
from reader.search.postgresql.db import local_settings
from reader.search.postgresql.documents import POSTING_COLUMNS
from reader.search.postgresql.schema import SCHEMA, postings_indexes
from reader.search.postgresql.spool import PostingsSpool

POSTINGS = "postings_rebuilt"
BLOCKS = "blocks_rebuilt"


class Rebuilt:
    """The postings of one rebuild and their blocks, on connections of their own (from
    ``connect``, each outside any transaction)."""

    def __init__(self, connect: Callable[[], object]) -> None:
        self.connect = connect
        self.copying = connect()  # its transaction creates the table and copies into it
        self.others: list = []
        self.jobs: list[Future] = []
        self.pool: ThreadPoolExecutor | None = None
        self.copied: Future = Future()  # done when the postings are committed

    def start(self, blocked: list[tuple[int, str]], memory: str, spool: PostingsSpool) -> None:
        """Every batch is in: copy the postings of ``spool`` and commit them, then build the
        B-tree and the blocks of ``blocked`` (field code, term), each on its own connection,
        in the background, with ``memory`` for their sorts and tables."""
        grouping = self.connect()
        self.others.append(grouping)
        self.pool = ThreadPoolExecutor(2, thread_name_prefix="reader-rebuilt")
        self.jobs = [
            self.pool.submit(_copy_and_index, self.copying, spool, memory, self.copied),
            self.pool.submit(_blocks, grouping, blocked, memory, self.copied, spool)]

    def finish(self, stopping: threading.Event | None = None) -> None:
        """Wait for both; a failure in either is raised here, and ``UpdateStopped`` once
        ``stopping`` is set (their statements are then cancelled by :meth:`close`)."""
        for job in self.jobs:
            while True:
                try:
                    job.result(timeout=0.2)
                    break
                except FutureTimeout:
                    if stopping is not None and stopping.is_set():
                        raise UpdateStopped() from None

    def close(self, failed: bool) -> None:
        """Stop (on a failure: cancel what runs, and drop what was committed) and close."""
        if failed:
            for conn in (self.copying, *self.others):
                if not conn.closed:
                    conn.cancel()
        if self.pool is not None:
            self.pool.shutdown(wait=True)
        for conn in self.others:  # an open transaction of theirs ends here
            conn.close()
        if failed and not self.copying.closed and not self.copying.broken:
            self.copying.execute("ROLLBACK")
            self.copying.execute(f"DROP TABLE IF EXISTS {SCHEMA}.{POSTINGS}, {SCHEMA}.{BLOCKS}")
        self.copying.close()


def copy_sorted(conn, table: str, spool: PostingsSpool) -> None:
    """The rows of ``spool`` into ``table`` (made by ``conn``'s transaction), in key order."""
    with conn.cursor() as cur, cur.copy(
            f"COPY {SCHEMA}.{table} ({', '.join(POSTING_COLUMNS)}) FROM STDIN WITH (FREEZE)"
    ) as copy:
        for rows in spool.merged():
            copy.write(rows)


def _copy_and_index(conn, spool: PostingsSpool, memory: str, copied: Future) -> None:
    """The postings copied into a new table and committed (``copied`` then says so, or
    carries the failure), then their B-tree and statistics."""
    try:
        conn.execute("BEGIN")
        conn.execute(f"DROP TABLE IF EXISTS {SCHEMA}.{POSTINGS}")
        conn.execute(f"CREATE TABLE {SCHEMA}.{POSTINGS} "
                     f"(LIKE {SCHEMA}.postings INCLUDING ALL EXCLUDING INDEXES)")
        copy_sorted(conn, POSTINGS, spool)
        conn.execute("COMMIT")
    except BaseException as error:
        copied.set_exception(error)
        raise
    copied.set_result(None)
    _index(conn, memory)


def _index(conn, memory: str) -> None:
    """The postings' B-tree, then their statistics. One process sorts: the other builds
    keep the cores busy meanwhile, and the server's parallel build split the memory between
    its processes, so each sorted on disk and the leader merged (1.2 times the CPU)."""
    conn.execute("BEGIN")
    with local_settings(conn, maintenance_work_mem=memory,
                        max_parallel_maintenance_workers="0"):
        for statement in postings_indexes(POSTINGS, POSTINGS):
            conn.execute(statement)
    conn.execute("COMMIT")
    conn.execute(f"ANALYZE {SCHEMA}.{POSTINGS}")


def _blocks(conn, blocked: list[tuple[int, str]], memory: str, copied: Future,
            spool: PostingsSpool) -> None:
    """The common words' blocks, made here from the postings waiting in ``spool`` (at the
    same time as their copy), or by the server from the new table once it is committed (the
    B-tree is being built meanwhile); then their visibility map (index-only scans)."""
    rows = None
    if blocks.made_here():
        with spool.view() as postings:
            rows = blocks.rows_from(postings, blocked)
    else:
        copied.result()
    conn.execute("BEGIN")
    conn.execute(f"DROP TABLE IF EXISTS {SCHEMA}.{BLOCKS}")
    if rows is None:
        blocks.build(conn, BLOCKS, POSTINGS, blocked, memory)
    else:
        blocks.copy_rows(conn, BLOCKS, rows)
    conn.execute("COMMIT")
    conn.execute(f"VACUUM (ANALYZE) {SCHEMA}.{BLOCKS}")
