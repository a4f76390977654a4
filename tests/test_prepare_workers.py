"""The pool that reads files and finds their quotes for an update (``reader.prepare.prepared``):
a worker that dies (the out-of-memory killer) fails the update in one error instead of leaving
it waiting for that worker's files forever."""

from __future__ import annotations

import multiprocessing
import os
import signal
import threading

import pytest

from reader.errors import IndexProblem
from reader.ingest import discover, doc_ids
from reader.prepare import Source, prepared
from tests.test_index_faults import make_corpus, needs_two_cores


@needs_two_cores
def test_a_reading_process_that_dies_fails_the_update(tmp_path):
    make_corpus(tmp_path, 600)
    files = discover(tmp_path)
    ids = doc_ids(files)
    records = prepared([Source(f, ids[f.relative]) for f in files], [], procs=2)
    ended: list[BaseException | None] = []
    # children left by earlier tests (a pool still shutting down) are not this pool's: the
    # process killed is one the pool started (nothing starts before the first record is asked)
    before = {child.pid for child in multiprocessing.active_children()}

    def read_all() -> None:
        try:
            first = True
            for _record in records:
                if first:  # the pool runs: one of its processes is killed
                    first = False
                    ours = [c.pid for c in multiprocessing.active_children()
                            if c.pid not in before]
                    os.kill(ours[0], signal.SIGKILL)
        except BaseException as exc:
            ended.append(exc)
        else:
            ended.append(None)

    reading = threading.Thread(target=read_all, daemon=True)
    reading.start()
    reading.join(600)  # a guard against the hang this test exists to catch, not a speed check
    assert not reading.is_alive(), "the update waited for the dead process's files"
    assert len(ended) == 1 and isinstance(ended[0], IndexProblem)
    with pytest.raises(IndexProblem, match="stopped before its work was done"):
        raise ended[0]
    assert not multiprocessing.active_children()
