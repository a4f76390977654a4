"""Faults while the index is written or read: the old index keeps answering, damage is found and
rebuilt, interrupted and failed builds end in one line with nothing half-built published.

Every case runs the real CLI or a real index in a temp folder; disk faults are made with the
kernel's file-size limit (``RLIMIT_FSIZE``), which refuses writes like a full disk does.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from reader.errors import IndexDamaged, IndexNotWritable
from reader.library import Library
from reader.search.backend import SearchRequest
from reader.search.whoosh.backend import WhooshBackend
from reader.search.whoosh.folder import IndexFolder

from .conftest import ROOT, SEEDS

SEED_TEXT = (SEEDS / "000_eb477a4d0f924bfa.txt").read_text(encoding="utf-8")


def make_corpus(root: Path, files: int) -> None:
    root.mkdir(parents=True, exist_ok=True)
    for i in range(files):
        (root / f"a{i:04d}.txt").write_text(SEED_TEXT + f"\n\nPenanda unik kata{i}.\n",
                                            encoding="utf-8")


def run_cli(*args: str, corpus: Path, index: Path, limit: int | None = None,
            **kwargs) -> subprocess.CompletedProcess:
    def small_files() -> None:  # the kernel refuses writes past the limit, like a full disk
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))

    return subprocess.run(
        [sys.executable, "-m", "reader", *args, "--corpus", str(corpus), "--index", str(index)],
        capture_output=True, cwd=ROOT, timeout=600, preexec_fn=small_files if limit else None,
        **kwargs)


def one_line(stderr: bytes) -> str:
    text = stderr.decode("utf-8")
    assert b"Traceback" not in stderr, text
    assert text.count("\n") == 1, text
    return text


def built(tmp_path: Path, files: int = 5) -> tuple[Path, Path]:
    corpus, index = tmp_path / "corpus", tmp_path / "ix"
    make_corpus(corpus, files)
    done = run_cli("index", corpus=corpus, index=index)
    assert done.returncode == 0, done.stderr
    return corpus, index


def live(index: Path) -> Path:
    found = IndexFolder(index).live_dir()
    assert found is not None
    return found


# -- a failed update leaves the old index answering, stale ----------------------------------------


def test_a_full_disk_during_an_update_answers_from_the_old_index(tmp_path):
    corpus, index = built(tmp_path)
    make_corpus(corpus / "more", 300)
    done = run_cli("search", "kata3", "--json", corpus=corpus, index=index, limit=64 * 1024)
    assert done.returncode == 0
    assert json.loads(done.stdout)["total"] == 1  # a0003 only: more/a0003 was not written
    warning = one_line(done.stderr)
    assert "warning" in warning and "stale" in warning
    after = run_cli("search", "kata3", "--json", corpus=corpus, index=index)  # disk freed
    assert after.returncode == 0 and json.loads(after.stdout)["total"] == 2
    assert after.stderr == b""


def test_a_full_disk_fails_the_index_command_but_keeps_the_index(tmp_path):
    corpus, index = built(tmp_path)
    make_corpus(corpus / "more", 300)
    done = run_cli("index", corpus=corpus, index=index, limit=64 * 1024)
    assert done.returncode == 3
    assert "cannot write the index" in one_line(done.stderr)
    assert Library(corpus, index).backend.search(SearchRequest("kata3")).total == 1


STALE = """
import resource, signal, sys
from reader.errors import IndexNotWritable
from reader.library import Library
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))
library = Library(sys.argv[1], sys.argv[2])
try:
    library.update()
except IndexNotWritable as exc:
    print("raised:", exc)
report = library.update(stale_ok=True)
print("stale:", bool(report.stale), len(library.notices), library.search("kata3").total)
"""


def test_the_library_reports_a_stale_index_only_when_asked_to(tmp_path):
    corpus, index = built(tmp_path)
    make_corpus(corpus / "more", 300)
    done = subprocess.run([sys.executable, "-c", STALE, str(corpus), str(index)],
                          capture_output=True, text=True, cwd=ROOT, timeout=600)
    assert done.returncode == 0, done.stderr
    raised, stale = done.stdout.splitlines()
    assert raised.startswith("raised: cannot write the index")
    assert stale == "stale: True 1 1"


def test_with_no_old_index_a_failed_build_is_an_error(tmp_path):
    corpus, index = tmp_path / "corpus", tmp_path / "ix"
    make_corpus(corpus, 300)
    done = run_cli("search", "kata3", corpus=corpus, index=index, limit=64 * 1024)
    assert done.returncode == 3
    assert "cannot write the index" in one_line(done.stderr)


@pytest.mark.skipif(os.geteuid() == 0, reason="root writes into read-only folders")
def test_a_read_only_index_folder_answers_stale(tmp_path):
    corpus, index = built(tmp_path)
    make_corpus(corpus / "more", 3)
    folders = [index, *[p for p in index.rglob("*") if p.is_dir()]]
    for folder in folders:
        folder.chmod(0o555)
    try:
        done = run_cli("search", "kata3", "--json", corpus=corpus, index=index)
        assert done.returncode == 0
        assert json.loads(done.stdout)["total"] == 1
        assert "stale" in one_line(done.stderr)
    finally:
        for folder in folders:
            folder.chmod(0o755)


# -- damage anywhere is found and rebuilt ---------------------------------------------------------


def segment_file(index: Path) -> Path:
    segments = sorted(live(index).glob("*.seg"), key=lambda p: p.stat().st_size)
    assert segments
    return segments[-1]


def flip(path: Path, at: int, count: int = 64) -> None:
    data = bytearray(path.read_bytes())
    for i in range(at, min(at + count, len(data))):
        data[i] ^= 0xA5
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("fault", ["flipped", "truncated", "missing", "toc"])
def test_a_damaged_segment_is_found_on_open_and_rebuilt(tmp_path, fault):
    corpus, index = built(tmp_path)
    before = live(index).name
    target = segment_file(index)
    if fault == "flipped":  # same size: the seal's checksum tells
        flip(target, target.stat().st_size // 2)
    elif fault == "truncated":
        target.write_bytes(target.read_bytes()[: target.stat().st_size // 3])
    elif fault == "missing":
        target.unlink()
    else:
        toc = next(live(index).glob("*.toc"))
        flip(toc, 8, 16)
    done = run_cli("search", "kata3", "--json", corpus=corpus, index=index)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["total"] == 1
    warning = one_line(done.stderr)
    assert "damaged" in warning and "rebuilt" in warning
    assert live(index).name != before  # a new generation, swapped in
    again = run_cli("search", "kata3", corpus=corpus, index=index)
    assert again.returncode == 0 and again.stderr == b""


def test_a_copied_index_is_not_mistaken_for_damage(tmp_path):
    """Copying the folder changes every file's time, not its bytes."""
    corpus, index = built(tmp_path)
    later = time.time() + 100
    for path in live(index).iterdir():
        os.utime(path, (later, later))
    done = run_cli("search", "kata3", "--json", corpus=corpus, index=index)
    assert done.returncode == 0 and done.stderr == b""
    assert json.loads(done.stdout)["total"] == 1


def posting_block(backend: WhooshBackend, word: str) -> tuple[Path, int, int]:
    """Where ``word``'s posting list lies in its segment file: (file, offset, length)."""
    searcher = backend.store.open().searcher()
    for segment, _offset in searcher.reader().leaf_readers():
        terms = segment._terms
        info = terms.term_info("text", word.encode())
        if info.is_inlined():
            continue
        start, length = info.extent()
        length = length[0] if isinstance(length, tuple) else length  # whoosh3 keeps a 1-tuple
        data = terms._postfile.get(start, length)
        path = live(backend.index_dir) / (segment.segment().segment_id() + ".seg")
        at = path.read_bytes().find(data)
        assert at >= 0 and path.read_bytes().count(data) == 1
        return path, at, length
    raise AssertionError(f"'{word}' has no posting list of its own")


def rot(path: Path, at: int, count: int) -> None:
    """Bytes changed in place with the file's time put back: damage no stat can see."""
    stat = path.stat()
    flip(path, at, count)
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))


def test_a_broken_posting_block_raises_and_is_rebuilt(tmp_path):
    from whoosh.query import And, Term

    from reader.search.whoosh.search import count
    from reader.search.whoosh.store import DAMAGE

    corpus, index = built(tmp_path, files=40)
    backend = WhooshBackend(index)
    expected = backend.search(SearchRequest("Kazakhstan")).total
    assert expected >= 40
    path, at, length = posting_block(backend, "kazakhstan")
    backend.close()
    rot(path, at + 8, min(48, length - 8))

    damaged = WhooshBackend(index)
    with pytest.raises(IndexDamaged):
        damaged.search(SearchRequest("Kazakhstan"))  # the fast path: raises, never 0
    searcher = damaged.store.open().searcher()
    with pytest.raises(DAMAGE):  # Whoosh's own matchers, which count() walks: no 0 either
        count(searcher, And([Term("text", "kazakhstan"), Term("kind", "para")]))
    damaged.close()

    library = Library(corpus, index)
    assert library.search("Kazakhstan").total == expected  # rebuilt, then answered
    assert len(library.notices) == 1 and "damaged" in library.notices[0]


def test_damage_anywhere_inside_a_segment_never_gives_a_wrong_answer(tmp_path):
    """4 KB of a segment rotted in place (its time kept), at every 4 KB of it in turn: the
    stored records, the posting lists, the term index, the columns. Each time the search and
    the articles are right, read through the damage or found damaged and rebuilt; never fewer
    hits or a missing article with nothing said (the term index and the posting lists did
    that before they were checked). A patch in another field's postings, which these
    questions do not read, is found when they are."""
    import shutil

    corpus, index = built(tmp_path, files=40)
    backend = WhooshBackend(index)
    backend.search(SearchRequest("kata3"))
    backend.close()
    pristine = tmp_path / "pristine"
    shutil.copytree(index, pristine)
    size = segment_file(index).stat().st_size
    found = 0
    for at in range(0, size, 4096):
        shutil.rmtree(index)
        shutil.copytree(pristine, index)
        rot(segment_file(index), at, 4096)
        library = Library(corpus, index)
        result = library.search("kata3")
        assert result.total == 1 and result.hits[0].text.endswith("kata3."), at
        for doc in ("a0000", "a0017", "a0039"):
            assert library.article(doc) is not None, (at, doc)
        found += len(library.notices)
        library.close()
    assert found >= 10  # patches in what these questions read were found and rebuilt


def test_lost_records_beside_the_index_are_only_a_shortcut(tmp_path):
    corpus, index = built(tmp_path)
    for path in live(index).glob("files-*"):
        path.write_bytes(b"not a pickle")
    done = run_cli("search", "kata3", "--json", corpus=corpus, index=index)
    assert done.returncode == 0 and json.loads(done.stdout)["total"] == 1
    assert done.stderr == b""


# -- interrupted and failed parallel builds -------------------------------------------------------

needs_two_cores = pytest.mark.skipif((os.cpu_count() or 1) < 2,
                                     reason="a parallel build needs two cores")


def children_of(index: Path) -> list[int]:
    """Live processes whose command line mentions the index (Linux /proc)."""
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            raw = (entry / "cmdline").read_bytes().replace(b"\0", b" ")
            cmdline = raw.decode("utf-8", "replace")  # another process's path may be raw bytes
            state = (entry / "stat").read_text().split(") ", 1)[1][:1]
        except (OSError, IndexError):
            continue
        if str(index) in cmdline and state != "Z":
            found.append(int(entry.name))
    return found


def interrupted_rebuild(folder: Path, files: int):
    """A parallel rebuild of a corpus of ``files`` files sent Ctrl-C once its analysing
    children run: the corpus, index, the live folder before, the process and its stderr."""
    corpus, index = built(folder, files=files)
    before = live(index).name
    started = time.monotonic()
    process = subprocess.Popen(
        [sys.executable, "-m", "reader", "index", "--rebuild", "--corpus", str(corpus),
         "--index", str(index)], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
        start_new_session=True, preexec_fn=as_a_shell_starts_it)
    deadline = time.monotonic() + 60
    while len(children_of(index)) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)
    assert len(children_of(index)) >= 2, "the build did not start its analysing children"
    time.sleep(0.5)
    signalled = time.monotonic() - started
    os.killpg(process.pid, signal.SIGINT)  # what a terminal sends the whole group on Ctrl-C
    _out, err = process.communicate(timeout=120)
    seen = f"Ctrl-C after {signalled:.2f} s, exit after {time.monotonic() - started:.2f} s"
    return corpus, index, before, process, err + seen.encode()


def as_a_shell_starts_it() -> None:
    """Ctrl-C handled by default and not blocked, whatever this test process inherited."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


@needs_two_cores
def test_ctrl_c_during_a_parallel_rebuild_is_one_line(tmp_path):
    for files in (600, 2400, 9600):
        corpus, index, before, process, err = interrupted_rebuild(tmp_path / str(files), files)
        if process.returncode != 0:
            break
        # the rebuild finished before Ctrl-C reached it (a fast moment): more files, again
    assert process.returncode == 130, err
    assert one_line(err.split(b"Ctrl-C after")[0]) == "reader: interrupted\n"
    deadline = time.monotonic() + 10
    while children_of(index) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not children_of(index)
    assert live(index).name == before
    assert Library(corpus, index).backend.search(SearchRequest("kata7")).total == 1
    assert run_cli("index", corpus=corpus, index=index).returncode == 0
    assert not [p for p in index.iterdir() if p.name.startswith("build-")]


@needs_two_cores
def test_a_full_disk_during_a_parallel_rebuild_is_one_line(tmp_path):
    corpus, index = built(tmp_path, files=600)
    before = live(index).name
    done = run_cli("index", "--rebuild", corpus=corpus, index=index, limit=1024 * 1024)
    assert done.returncode == 3
    assert "cannot write the index" in one_line(done.stderr)
    assert not children_of(index)
    assert live(index).name == before
    assert Library(corpus, index).backend.search(SearchRequest("kata7")).total == 1


@needs_two_cores
def test_a_child_that_dies_fails_the_build_and_nothing_is_published(tmp_path):
    """Whoosh commits without the segment of a child that died; the reader must notice."""
    from reader import sync

    corpus, index = built(tmp_path, files=300)
    before = live(index).name
    backend = WhooshBackend(index, workers=2, parallel_min_files=10)
    killed: list[int] = []

    def progress(done: int, total: int, name: str) -> None:
        if done == 200 and not killed:
            import multiprocessing

            for child in multiprocessing.active_children():
                os.kill(child.pid, signal.SIGKILL)
                killed.append(child.pid)

    with pytest.raises(IndexNotWritable, match="indexing process failed"):
        sync.update(backend, corpus, progress=progress, rebuild=True)
    assert killed
    assert live(index).name == before
    assert not [p for p in index.iterdir() if p.name.startswith("build-")]
    assert backend.search(SearchRequest("kata7")).total == 1
    backend.close()
