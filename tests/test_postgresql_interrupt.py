"""Ctrl-C and a killed command while a PostgreSQL load runs in worker processes: one line,
no worker left behind, no traceback from any of them, and the archive as it was before.

A worker sends its batch back as megabytes; stopped half-way through that message (by Ctrl-C,
which the terminal sends the whole process group, or by the pool's own terminate), it once
left the pool waiting for the rest forever, with a traceback from every worker.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import psycopg

from reader.errors import UpdateStopped
from reader.library import Library
from reader.search.backend import SearchRequest
from reader.search.postgresql.backend import PostgresBackend
from tests.conftest import ROOT
from tests.pg_server import pg_dsn, pg_server  # noqa: F401
from tests.test_index_faults import (
    as_a_shell_starts_it,
    children_of,
    make_corpus,
    needs_two_cores,
    one_line,
)

# A guard against the hangs these tests exist to catch, not a measure of speed: a stopped load
# ends in about a second.
HANG = 600


def cli(*args: str, corpus: Path, dsn: str) -> list[str]:
    return [sys.executable, "-m", "reader", *args, "--corpus", str(corpus),
            "--index", str(corpus.parent / "ix"), "--backend", dsn]


def start_load(corpus: Path, dsn: str, files: int) -> subprocess.Popen:
    """A rebuild of ``files`` files, in a session of its own as a shell starts a command, once
    its workers run."""
    make_corpus(corpus, files)
    process = subprocess.Popen(cli("index", "--rebuild", corpus=corpus, dsn=dsn), cwd=ROOT,
                               stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                               start_new_session=True, preexec_fn=as_a_shell_starts_it)
    while len(children_of(corpus)) < 3 and process.poll() is None:
        time.sleep(0.05)  # the command and its two workers
    assert len(children_of(corpus)) >= 3, "the load did not start its workers"
    time.sleep(1.0)  # well into the load: batches on their way back
    return process


def wait_for(process: subprocess.Popen) -> bytes:
    try:
        _out, err = process.communicate(timeout=HANG)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        raise AssertionError("the load never ended after it was stopped") from None
    return err


def no_process_left(corpus: Path) -> bool:
    """After the command ended, with every process holding its stderr: what is left of them
    only waits to be reaped (the bound is the guard against a worker that never ends)."""
    guard = time.monotonic() + HANG
    while children_of(corpus) and time.monotonic() < guard:
        time.sleep(0.1)
    return not children_of(corpus)


def answers_as_before(dsn: str, word: str = "kata3") -> int:
    backend = PostgresBackend(dsn)
    try:
        return backend.search(SearchRequest(word)).total
    finally:
        backend.close()


@needs_two_cores
def test_ctrl_c_during_a_parallel_load_is_one_line_and_keeps_the_archive(tmp_path, pg_dsn):  # noqa: F811
    corpus = tmp_path / "corpus"
    make_corpus(corpus, 5)
    first = subprocess.run(cli("index", corpus=corpus, dsn=pg_dsn), cwd=ROOT, capture_output=True,
                           timeout=300)
    assert first.returncode == 0, first.stderr
    for files in (1200, 4800):
        process = start_load(corpus, pg_dsn, files)
        os.killpg(process.pid, signal.SIGINT)  # what a terminal sends on Ctrl-C
        err = wait_for(process)
        if process.returncode != 0:
            break  # else the load ended before Ctrl-C reached it: more files, again
    assert process.returncode == 130, err
    assert one_line(err) == "reader: interrupted\n"
    assert no_process_left(corpus)
    assert answers_as_before(pg_dsn) == 1
    again = subprocess.run(cli("index", corpus=corpus, dsn=pg_dsn), cwd=ROOT,
                           capture_output=True, timeout=600)
    assert again.returncode == 0, again.stderr
    assert answers_as_before(pg_dsn) == 1


@needs_two_cores
def test_a_killed_load_leaves_no_worker_and_no_traceback(tmp_path, pg_dsn):  # noqa: F811
    corpus = tmp_path / "corpus"
    process = start_load(corpus, pg_dsn, 1200)
    os.kill(process.pid, signal.SIGKILL)  # the command alone, as the out-of-memory killer does
    err = wait_for(process)
    assert process.returncode == -signal.SIGKILL
    assert no_process_left(corpus)
    assert b"Traceback" not in err, err.decode()


def test_a_load_asked_to_stop_in_its_last_steps_leaves_the_archive_as_it_was(tmp_path,
                                                                             pg_dsn):  # noqa: F811
    """What the reader does when it quits during a load's index builds, after its last file
    (where progress no longer reaches): the statements stop, the transaction rolls back."""
    corpus = tmp_path / "corpus"
    make_corpus(corpus, 5)
    library = Library(corpus, tmp_path / "unused", backend=pg_dsn)
    library.update()
    make_corpus(corpus, 2000)
    last_file = threading.Event()
    ended: list[type | None] = []

    def progress(done: int, total: int, name: str, *_more) -> None:
        if done >= total:
            last_file.set()

    def load() -> None:
        try:
            library.update(progress=progress, rebuild=True)
        except BaseException as exc:
            ended.append(type(exc))
        else:
            ended.append(None)

    loading = threading.Thread(target=load)
    loading.start()
    assert last_file.wait(300), "the load never reached its last file"
    library.stop_update()
    loading.join()  # stopped or done, it ends
    assert ended == [UpdateStopped]
    assert answers_as_before(pg_dsn) == 1
    assert answers_as_before(pg_dsn, "kata1999") == 0  # only in the files of the stopped load
    with psycopg.connect(pg_dsn) as conn:  # nothing left beside the live tables
        left = conn.execute("SELECT tablename FROM pg_tables WHERE schemaname = 'reader' "
                            "AND tablename LIKE '%rebuilt%'").fetchall()
    assert left == []
    library.update()
    assert answers_as_before(pg_dsn, "kata1999") == 1


@needs_two_cores
def test_a_full_temporary_disk_during_a_parallel_load_is_one_line(tmp_path, pg_dsn):  # noqa: F811
    """The workers' batches, the stems they share and the postings wait in temporary files:
    a disk without room for them (the kernel's file-size limit refuses writes as a full disk
    does) ends the load in one line, the archive as it was."""
    import resource

    def small_files() -> None:
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (256 * 1024, 256 * 1024))

    corpus = tmp_path / "corpus"
    make_corpus(corpus, 5)
    first = subprocess.run(cli("index", corpus=corpus, dsn=pg_dsn), cwd=ROOT, capture_output=True,
                           timeout=300)
    assert first.returncode == 0, first.stderr
    make_corpus(corpus, 600)
    done = subprocess.run(cli("index", "--rebuild", corpus=corpus, dsn=pg_dsn), cwd=ROOT,
                          capture_output=True, timeout=600, preexec_fn=small_files)
    assert done.returncode == 3, done.stderr
    assert "no room for the load's" in one_line(done.stderr)
    assert answers_as_before(pg_dsn) == 1
    assert answers_as_before(pg_dsn, "kata599") == 0


def children(pid: int) -> list[int]:
    """The live child processes of ``pid`` (Linux /proc)."""
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            fields = (entry / "stat").read_text().rsplit(") ", 1)[1].split()
        except (OSError, IndexError):
            continue
        if fields[0] != "Z" and int(fields[1]) == pid:
            found.append(int(entry.name))
    return found


@needs_two_cores
def test_a_worker_killed_during_a_load_fails_it_in_one_line(tmp_path, pg_dsn):  # noqa: F811
    """The out-of-memory killer takes a worker and its batch: the load fails at once instead
    of waiting for that batch forever, and the archive stays as it was."""
    corpus = tmp_path / "corpus"
    make_corpus(corpus, 5)
    first = subprocess.run(cli("index", corpus=corpus, dsn=pg_dsn), cwd=ROOT, capture_output=True,
                           timeout=300)
    assert first.returncode == 0, first.stderr
    process = start_load(corpus, pg_dsn, 2400)
    workers = children(process.pid)
    assert workers, "the load has no worker to kill"
    os.kill(workers[0], signal.SIGKILL)
    err = wait_for(process)
    assert process.returncode == 3, err
    assert "stopped before its work was done" in one_line(err)
    assert no_process_left(corpus)
    assert answers_as_before(pg_dsn) == 1
    assert answers_as_before(pg_dsn, "kata2399") == 0


def test_ctrl_c_in_the_middle_of_a_command_drops_the_session_and_its_lock(pg_dsn):  # noqa: F811
    """Ctrl-C can land while the update's connection waits for the server: the session is
    then unusable ("another command is already in progress") and would turn the unlock that
    follows into a server error and exit 3. It is closed instead: the server rolls back and
    frees the update's lock, and the next command opens a new session."""
    import logging

    import pytest

    backend = PostgresBackend(pg_dsn)
    backend.create()
    with pytest.raises(KeyboardInterrupt), backend.lock():
        with backend._session() as conn:
            conn.execute("SELECT 1")
            conn.pgconn.send_query(b"SELECT pg_sleep(0.2)")  # a command under way
            raise KeyboardInterrupt
    assert conn.closed and backend._conn is not conn  # the unlock went to a new session
    with backend.lock():  # the lock is free again, for this process or another
        pass
    assert backend.search(SearchRequest("kata3")).total == 0
    assert logging.getLogger("psycopg").handlers  # its warnings never reach stderr raw
    backend.close()
