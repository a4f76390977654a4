"""The index folder is the reader's alone: a wrong ``--index`` never costs the user a file.

Each case builds a folder the way a careless user could, runs the real CLI on it, and checks
every byte of what was there before.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from reader.library import Library
from reader.search.whoosh.folder import MARKER, IndexFolder, NotAnIndexFolder

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"


def run_cli(*args: str, corpus: Path, index: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args, "--corpus", str(corpus), "--index", str(index)],
        cwd=ROOT, capture_output=True, timeout=300)


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file under ``folder`` with its bytes (hidden ones too)."""
    return {p.relative_to(folder).as_posix(): p.read_bytes()
            for p in sorted(folder.rglob("*")) if p.is_file()}


def user_folder(path: Path) -> Path:
    path.mkdir(parents=True)
    (path / "thesis.docx").write_bytes(b"PK\x03\x04 not a reader file")
    (path / "notes.txt").write_text("Catatan pribadi.\n", encoding="utf-8")
    (path / "drafts").mkdir()
    (path / "drafts" / "bab1.md").write_text("# Bab 1\n\nIsi.\n", encoding="utf-8")
    return path


def one_line_error(done: subprocess.CompletedProcess) -> str:
    err = done.stderr.decode("utf-8")
    assert b"Traceback" not in done.stderr
    assert err.count("\n") == 1, err
    return err


@pytest.mark.parametrize("command", [("search", "Tokayev"), ("index",), ("index", "--rebuild"),
                                     ("stats",)])
def test_a_folder_of_user_files_is_refused_and_untouched(tmp_path, command):
    documents = user_folder(tmp_path / "Documents")
    before = snapshot(documents)
    done = run_cli(*command, corpus=SEEDS, index=documents)
    assert done.returncode == 3
    assert "not a reader index" in one_line_error(done)
    assert snapshot(documents) == before
    assert sorted(p.name for p in tmp_path.iterdir()) == ["Documents"]  # nothing beside it


def test_the_corpus_as_index_is_refused_and_untouched(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    before = snapshot(corpus)
    for command in (("search", "Tokayev"), ("index", "--rebuild")):
        done = run_cli(*command, corpus=corpus, index=corpus)
        assert done.returncode == 3
        one_line_error(done)
    assert snapshot(corpus) == before


def test_a_file_as_index_is_refused(tmp_path):
    target = tmp_path / "index.txt"
    target.write_text("mine\n")
    done = run_cli("search", "Tokayev", corpus=SEEDS, index=target)
    assert done.returncode == 3
    assert "is a file" in one_line_error(done)
    assert target.read_text() == "mine\n"


def test_an_empty_folder_is_claimed_and_marked(tmp_path):
    empty = tmp_path / "empty"
    empty.mkdir()
    done = run_cli("search", "Tokayev", "--json", corpus=SEEDS, index=empty)
    assert done.returncode == 0, done.stderr
    assert (empty / MARKER).is_file()
    assert "schema" in (empty / MARKER).read_text()


def test_rebuilds_never_touch_the_parent_folder(tmp_path):
    """Names that look like an earlier layout's swap folders belong to the user."""
    index = tmp_path / "ix"
    decoys = [tmp_path / ".ix.old-1", tmp_path / ".ix.new-1", tmp_path / "ix.bak"]
    for decoy in decoys:
        decoy.mkdir()
        (decoy / "keep.txt").write_text("keep\n")
    assert run_cli("index", corpus=SEEDS, index=index).returncode == 0
    assert run_cli("index", "--rebuild", corpus=SEEDS, index=index).returncode == 0
    for decoy in decoys:
        assert (decoy / "keep.txt").read_text() == "keep\n"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".ix.new-1", ".ix.old-1", "ix",
                                                           "ix.bak"]


def test_a_users_file_inside_the_index_folder_survives_rebuilds(tmp_path):
    index = tmp_path / "ix"
    assert run_cli("index", corpus=SEEDS, index=index).returncode == 0
    (index / "README-mine.txt").write_text("jangan dihapus\n")
    assert run_cli("index", "--rebuild", corpus=SEEDS, index=index).returncode == 0
    assert (index / "README-mine.txt").read_text() == "jangan dihapus\n"
    assert Library(SEEDS, index).search("Tokayev").total == 2


def test_an_index_inside_the_corpus_is_not_read_as_articles(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    library = Library(corpus, corpus / "idx")
    library.update()
    assert {s.doc for s in library.articles()} == {p.stem for p in SEEDS.glob("*.txt")}
    (corpus / "idx" / "stray.txt").write_text("Judul\n\nTokayev lagi.\n", encoding="utf-8")
    library.update()
    assert library.search("Tokayev").total == 2


def test_an_index_of_the_earlier_layout_is_taken_over_without_loss(tmp_path):
    """Indexes written before generation folders carry ``READER_SCHEMA``: still ours, and
    only the files that layout wrote are removed when the new build is published."""
    index = tmp_path / "ix"
    index.mkdir()
    (index / "READER_SCHEMA").write_text("3\n")
    (index / "_reader_7.toc").write_bytes(b"old toc")
    (index / "reader_abc123.seg").write_bytes(b"old segment")
    (index / "files-7.pickle").write_bytes(b"old manifest")
    (index / "mine.txt").write_text("keep\n")
    report = Library(SEEDS, index).update()
    assert report.rebuilt
    assert sorted(p.name for p in index.iterdir() if p.is_file()) == [
        MARKER, "mine.txt", "update.lock"]
    assert Library(SEEDS, index).search("Tokayev").total == 2


def test_a_killed_build_is_cleaned_only_inside_the_folder(tmp_path):
    index = tmp_path / "ix"
    Library(SEEDS, index).update()
    dead = subprocess.run([sys.executable, "-c", "import os; print(os.getpid())"],
                          capture_output=True, text=True).stdout.strip()
    (index / f"build-{dead}").mkdir()
    (index / f"build-{dead}" / "half.seg").write_bytes(b"x")
    (index / "gen-999").mkdir()  # a generation that is not live
    folder = IndexFolder(index)
    assert folder.has_leftovers()
    folder.clean_leftovers()
    assert not folder.has_leftovers()
    assert Library(SEEDS, index).search("Tokayev").total == 2


def test_folder_check_without_writing(tmp_path):
    documents = user_folder(tmp_path / "Documents")
    with pytest.raises(NotAnIndexFolder):
        IndexFolder(documents).check()
    IndexFolder(tmp_path / "new").check()  # a path that does not exist yet is fine
    assert not (tmp_path / "new").exists()


def test_a_second_writer_waits_for_the_first(tmp_path):
    index = tmp_path / "ix"
    folder = IndexFolder(index)
    folder.claim(1)
    said: list[str] = []
    with folder.update_lock():
        child = subprocess.Popen(
            [sys.executable, "-c",
             "from pathlib import Path\n"
             "from reader.search.whoosh.folder import IndexFolder\n"
             f"f = IndexFolder(Path({str(index)!r}))\n"
             "with f.update_lock(lambda: print('waiting', flush=True)):\n"
             "    print('got it', flush=True)\n"],
            cwd=ROOT, stdout=subprocess.PIPE, text=True)
        said.append(child.stdout.readline().strip())
        assert child.poll() is None  # still waiting while we hold the lock
    said.append(child.stdout.readline().strip())
    child.wait(timeout=30)
    assert said == ["waiting", "got it"]
    assert os.path.exists(index / "update.lock")


def test_the_marker_is_read_again_only_when_it_was_replaced(tmp_path, monkeypatch):
    """Every search asks which generation is live (another process may have published one);
    the marker file is parsed again only when it was replaced, and a replacement made through
    another handle (as another process makes it) is seen at once."""
    from reader.search.whoosh.folder import Marker

    ours, theirs = IndexFolder(tmp_path / "ix"), IndexFolder(tmp_path / "ix")
    ours.claim(7)
    parsed = []
    plain = IndexFolder._parse_marker

    def counted(self):
        parsed.append(1)
        return plain(self)

    monkeypatch.setattr(IndexFolder, "_parse_marker", counted)
    assert ours.marker() == Marker(7, None) and ours.marker() == Marker(7, None)
    assert len(parsed) == 1
    theirs.write_marker(Marker(7, "gen-1"))
    assert ours.marker() == Marker(7, "gen-1") and len(parsed) == 2
    assert ours.marker() == Marker(7, "gen-1") and len(parsed) == 2
