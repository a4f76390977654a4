"""The progress line of an index update: on a real pseudo-terminal, and its words."""

from __future__ import annotations

import os
import pty
import select
import subprocess
import sys
import time

from .conftest import ROOT


def at(index, corpus) -> tuple[str, ...]:
    return ("--corpus", str(corpus), "--index", str(index))


def test_progress_on_a_terminal(tmp_path):
    """``reader index`` with stderr on a real pseudo-terminal draws its progress line there,
    with hostile file names made visible."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(40):
        (corpus / f"a{i:03d}.txt").write_text(f"Judul {i}\n\nIsi berita nomor {i}.\n")
    (corpus / "z\x1b]52;c;aGk=\x07\u202e.txt").write_text("Judul\n\nIsi.\n")
    master, slave = pty.openpty()
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "reader", "index", *at(tmp_path / "ix", corpus)],
            stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=slave, cwd=ROOT,
            env={**os.environ, "COLUMNS": "200", "LINES": "24"})
        os.close(slave)
        slave = -1
        seen = b""
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            ready, _, _ = select.select([master], [], [], 1.0)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:  # the other end closed
                    break
                if not chunk:
                    break
                seen += chunk
            elif process.poll() is not None:
                break
        assert process.wait(timeout=60) == 0
    finally:
        os.close(master)
        if slave != -1:
            os.close(slave)
    assert b"Indexing" in seen and b"/41 files" in seen
    assert b"Index rebuilt (new index): 41 added" in seen
    ours = seen.replace(b"\x1b[K", b"")  # the progress line's own erase
    assert b"\x1b" not in ours and b"\x07" not in ours
    assert "\u202e" not in seen.decode("utf-8")


def test_progress_line_words():
    from reader.cli.progress import IndexProgress, duration

    class Clock:
        now = 100.0

        def __call__(self) -> float:
            return self.now

    class Sink:
        def __init__(self):
            self.buffer = self
            self.data = b""

        def write(self, data: bytes) -> None:
            self.data += data

        def flush(self) -> None:
            pass

    clock = Clock()
    progress = IndexProgress(Sink(), width=200, clock=clock)
    clock.now = 101.0
    assert progress.line(clock.now).startswith("Checking the corpus for changes… 1 s")
    progress(1, 1000, "a/0001.txt", 40)
    clock.now = 111.0
    progress(201, 1000, "a/0201.txt", 8040)
    line = progress.line(clock.now)
    assert "Indexing 201/1,000 files 20%" in line
    assert "20 files/s" in line and "800 paragraphs/s" in line
    assert "about 40 s left" in line and line.endswith("a/0201.txt")
    clock.now = 150.0
    progress(1000, 1000, "a/1000.txt", 40000)
    clock.now = 175.0
    finishing = progress.line(clock.now)
    assert finishing.startswith("Finishing: writing and merging the index segments of 1,000")
    assert "25 s" in finishing and "total 1 min 15 s" in finishing
    without = IndexProgress(Sink(), clock=clock)
    without(1, 10, "x")
    clock.now = 180.0
    without(5, 10, "\x1b[2Jy")
    assert "paragraphs/s" not in without.line(clock.now)
    assert without.line(clock.now).endswith("␛[2Jy")
    assert [duration(s) for s in (0.4, 59, 61, 3725)] == ["0 s", "59 s", "1 min 01 s",
                                                          "1 h 02 min"]
