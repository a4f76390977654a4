"""An update's work is in proportion to what changed: records, stamps and summaries beside each
commit are saved as the changes since the commit before (``reader.search.whoosh.journal``),
and the records of the files touched are looked up one by one, never all read."""

from __future__ import annotations

import pickle

import pytest

from reader import sync
from reader.library import Library
from reader.search.whoosh import journal, summaries
from reader.search.whoosh.backend import WhooshBackend
from reader.search.whoosh.store import RECORDS, STAMPS

# -- the journal on its own ----------------------------------------------------------------------

def test_a_chain_of_changes_loads_as_the_whole_dict(tmp_path):
    journal.save_full(tmp_path, 1, "x", {f"f{i}": i for i in range(1000)})
    assert journal.save_changes(tmp_path, 2, 1, "x", {"f1": -1, "new": 7}, ["f2"])
    assert journal.save_changes(tmp_path, 3, 2, "x", {"f2": 2}, ["new", "f3"])
    expected = {f"f{i}": i for i in range(1000)}
    expected.update({"f1": -1})
    del expected["f3"]
    assert journal.load(tmp_path, 3, "x") == expected
    assert journal.read_header(tmp_path, 3, "x").depth == 2
    # each delta holds what changed only
    assert journal.path(tmp_path, 3, "x").stat().st_size < journal.path(tmp_path, 1, "x").stat(
    ).st_size / 10


def test_a_heavy_chain_is_folded_into_a_full_copy(tmp_path):
    journal.save_full(tmp_path, 1, "x", {f"f{i}": i for i in range(16)})
    assert journal.save_changes(tmp_path, 2, 1, "x", {"f0": 100}, [])
    assert journal.read_header(tmp_path, 2, "x").base == 1
    # the deltas would now hold more than an eighth of the entries: a full copy instead
    assert journal.save_changes(tmp_path, 3, 2, "x", {"f1": 101, "f2": 102}, [])
    header = journal.read_header(tmp_path, 3, "x")
    assert header.base is None and header.depth == 0
    assert journal.load(tmp_path, 3, "x") == {f"f{i}": i for i in range(16)} | {
        "f0": 100, "f1": 101, "f2": 102}


def test_a_long_chain_is_folded_into_a_full_copy(tmp_path):
    journal.save_full(tmp_path, 0, "x", {f"f{i}": i for i in range(10_000)})
    for generation in range(1, journal.MAX_DEPTH + 2):
        assert journal.save_changes(tmp_path, generation, generation - 1, "x",
                                    {"f0": generation}, [])
    assert journal.read_header(tmp_path, journal.MAX_DEPTH, "x").depth == journal.MAX_DEPTH
    last = journal.read_header(tmp_path, journal.MAX_DEPTH + 1, "x")
    assert last.base is None
    assert journal.load(tmp_path, journal.MAX_DEPTH + 1, "x")["f0"] == journal.MAX_DEPTH + 1


def test_a_missing_link_is_unknown_not_wrong(tmp_path):
    journal.save_full(tmp_path, 1, "x", {f"k{i}": i for i in range(100)})
    journal.save_changes(tmp_path, 2, 1, "x", {"b": 2}, [])
    assert journal.read_header(tmp_path, 2, "x").base == 1
    journal.path(tmp_path, 1, "x").unlink()
    assert journal.load(tmp_path, 2, "x") is None
    # and a delta on an unknown dict is not written (the caller falls back)
    assert not journal.save_changes(tmp_path, 3, 2, "x", {"c": 3}, [])
    assert not journal.path(tmp_path, 3, "x").exists()


def test_damaged_files_are_unknown(tmp_path):
    journal.save_full(tmp_path, 1, "x", {"a": 1})
    journal.path(tmp_path, 1, "x").write_bytes(b"\x80\x05garbage")
    assert journal.load(tmp_path, 1, "x") is None
    assert journal.read_header(tmp_path, 1, "x") is None


def test_the_format_of_earlier_versions_reads_as_a_full_copy(tmp_path):
    with open(journal.path(tmp_path, 4, "x"), "wb") as handle:
        pickle.dump((4, {"a": (1, 2)}), handle)
    assert journal.load(tmp_path, 4, "x") == {"a": (1, 2)}
    assert journal.save_changes(tmp_path, 5, 4, "x", {"b": (3, 4)}, [])
    assert journal.load(tmp_path, 5, "x") == {"a": (1, 2), "b": (3, 4)}


def test_only_the_files_a_chain_needs_are_kept(tmp_path):
    journal.save_full(tmp_path, 1, "x", {"a": 1})
    journal.save_full(tmp_path, 2, "x", {f"k{i}": i for i in range(20)})
    journal.save_changes(tmp_path, 3, 2, "x", {"k0": 9}, [])
    (tmp_path / "files-2.seal").write_bytes(b"")
    journal.keep_only_chain(tmp_path, 3, ["x"])
    assert sorted(p.name for p in tmp_path.iterdir()) == ["files-2.x", "files-3.x"]


# -- an update of a real index -------------------------------------------------------------------

class CountingBackend(WhooshBackend):
    """A real Whoosh backend that counts how often every file record is read."""

    full_reads = 0

    def file_states(self):
        CountingBackend.full_reads += 1
        return super().file_states()

    def _states_in_index(self):
        CountingBackend.full_reads += 1
        return super()._states_in_index()


def write_corpus(folder, files: int):
    folder.mkdir()
    for i in range(files):
        (folder / f"berita{i:03d}.txt").write_text(
            f"Judul berita {i}\n\nParagraf pertama berita nomor {i} tentang Tokayev.\n\n"
            f"\u201cIni kutipan {i},\u201d kata Budi Santoso.\n", encoding="utf-8")
    return folder


def chained(directory, suffix):
    from reader.search.whoosh.store import _Generation

    generation = _Generation(directory).latest_generation()
    return journal.read_header(directory, generation, suffix)


def test_one_changed_file_writes_and_reads_in_proportion_to_the_change(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", 120)
    backend = CountingBackend(tmp_path / "ix")
    sync.update(backend, corpus)
    live = backend.store.live_dir()
    full_size = journal.path(live, chained(live, STAMPS).generation, STAMPS).stat().st_size
    CountingBackend.full_reads = 0

    target = corpus / "berita007.txt"
    target.write_text(target.read_text(encoding="utf-8") + "\nTambahan Zyxwqvort.\n",
                      encoding="utf-8")
    (corpus / "berita_baru.txt").write_text("Judul baru\n\nIsi baru Qwertyuiop.\n",
                                            encoding="utf-8")
    (corpus / "berita011.txt").unlink()
    report = sync.update(backend, corpus)
    assert (report.changed, report.added, report.removed) == (
        ["berita007.txt"], ["berita_baru.txt"], ["berita011.txt"])
    assert CountingBackend.full_reads == 0  # the touched file's record was looked up alone
    for suffix in (RECORDS, STAMPS, summaries.SUFFIX):
        header = chained(live, suffix)
        assert header.base is not None and header.depth == 1, suffix
    delta = journal.path(live, chained(live, STAMPS).generation, STAMPS).stat().st_size
    assert delta * 8 < full_size  # three entries against 121
    # what was saved equals what the index holds, and the article list follows
    assert backend.store.stamps() == {rel: (s.size, s.mtime_ns)
                                      for rel, s in backend._states_in_index().items()}
    assert backend.store.manifest() == backend._states_in_index()
    assert {s.doc for s in backend.summaries()} == {a.doc for a in backend.articles()}
    assert "berita011" not in {s.doc for s in backend.summaries()}
    backend.close()

    library = Library(corpus, tmp_path / "ix")
    assert library.search("Zyxwqvort").total == 1 and library.search("Qwertyuiop").total == 1
    assert not library.is_stale()
    assert library.article("berita011") is None
    library.close()


def test_records_lost_beside_the_commit_are_read_from_the_index(tmp_path):
    corpus = write_corpus(tmp_path / "corpus", 30)
    backend = CountingBackend(tmp_path / "ix")
    sync.update(backend, corpus)
    live = backend.store.live_dir()
    for old in live.glob("files-*"):
        if not old.name.endswith((".seal", ".dirs")):
            old.unlink()
    (corpus / "berita003.txt").write_text("Judul lain\n\nIsi lain Mnbvcxz.\n", encoding="utf-8")
    report = sync.update(backend, corpus)
    assert report.changed == ["berita003.txt"]
    assert backend.store.manifest() == backend._states_in_index()
    assert {s.doc for s in backend.summaries()} == {a.doc for a in backend.articles()}
    backend.close()


@pytest.mark.parametrize("existing", ["a/berita.txt", "b/berita.txt"])
def test_a_new_file_whose_name_is_taken_gets_its_path_as_id(tmp_path, existing):
    """Document ids come from the file name, or the path where two files share a name: a file
    added later keeps the ids of the files already indexed, whichever comes first."""
    corpus = tmp_path / "corpus"
    (corpus / existing).parent.mkdir(parents=True)
    (corpus / existing).write_text("Judul satu\n\nIsi pertama.\n", encoding="utf-8")
    library = Library(corpus, tmp_path / "ix")
    library.update()
    before = {s.doc for s in library.articles()}
    other = "b/berita.txt" if existing == "a/berita.txt" else "a/berita.txt"
    (corpus / other).parent.mkdir(exist_ok=True)
    (corpus / other).write_text("Judul dua\n\nIsi kedua.\n", encoding="utf-8")
    library.update()
    docs = {s.doc for s in library.articles()}
    assert before <= docs and len(docs) == 2
    library.close()


# -- a command's quick check lists only the folders whose time moved -----------------------------

def folder_corpus(root):
    for folder in ("a", "b"):
        (root / folder).mkdir(parents=True)
        for i in range(5):
            (root / folder / f"{folder}{i}.txt").write_text(
                f"Judul {folder}{i}\n\nIsi berita {folder} nomor {i}.\n", encoding="utf-8")
    return root


def rewrite_in_place(path, text):
    """New content under the same name, the folder's time left as it was (``>>``, ``cp``)."""
    import os

    folder_time = os.stat(path.parent).st_mtime_ns
    path.write_text(text, encoding="utf-8")
    os.utime(path.parent, ns=(folder_time, folder_time))


def save_by_rename(path, text):
    """What most editors do: write a new file beside it and rename it over the old one."""
    import os

    spare = path.with_name(f".{path.name}.swp")
    spare.write_text(text, encoding="utf-8")
    os.replace(spare, path)
    stat = os.stat(path.parent)  # a later time even on a coarse clock
    os.utime(path.parent, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))


def test_a_quick_update_lists_only_the_folders_that_moved(tmp_path):
    corpus = folder_corpus(tmp_path / "corpus")
    library = Library(corpus, tmp_path / "ix")
    library.update()
    # one edit the quick check must see (saved by rename in a/) and one it cannot (b/ in place)
    save_by_rename(corpus / "a" / "a2.txt", "Judul a2\n\nIsi baru Zyxwqvort.\n")
    rewrite_in_place(corpus / "b" / "b3.txt", "Judul b3\n\nIsi baru Qwertzuiop.\n")
    report = library.update(quick=True)
    assert report.by_folders and report.changed == ["a/a2.txt"]
    assert not report.added and not report.removed
    assert library.search("Zyxwqvort").total == 1
    assert library.search("Qwertzuiop").total == 0  # b/ was not listed: its time did not move
    # the full check (``reader index``) finds the rest, and nothing else
    report = library.update()
    assert not report.by_folders and report.changed == ["b/b3.txt"]
    assert library.search("Qwertzuiop").total == 1
    assert not library.update().touched
    library.close()


def test_a_quick_update_sees_new_and_removed_folders_and_files(tmp_path):
    import os
    import shutil

    corpus = folder_corpus(tmp_path / "corpus")
    library = Library(corpus, tmp_path / "ix")
    library.update()
    new = corpus / "a" / "baru" / "lebih"
    new.mkdir(parents=True)
    (new / "dalam.txt").write_text("Judul\n\nIsi di folder baru Mnbvcxz.\n", encoding="utf-8")
    (corpus / "a" / "baru" / "atas.txt").write_text("Judul\n\nIsi atas.\n", encoding="utf-8")
    (corpus / "a" / "a0.txt").unlink()
    for folder in (corpus / "a",):
        stat = os.stat(folder)
        os.utime(folder, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    report = library.update(quick=True)
    assert report.by_folders
    assert sorted(report.added) == ["a/baru/atas.txt", "a/baru/lebih/dalam.txt"]
    assert report.removed == ["a/a0.txt"]
    assert library.search("Mnbvcxz").total == 1
    shutil.rmtree(corpus / "b")
    stat = os.stat(corpus)
    os.utime(corpus, ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    report = library.update(quick=True)
    assert report.removed == [f"b/b{i}.txt" for i in range(5)] and not report.added
    # what the quick updates made equals what a full check finds
    assert not library.update().touched
    library.close()


def test_a_folder_that_becomes_an_index_hides_its_files_as_a_full_walk_does(tmp_path):
    import os

    corpus = folder_corpus(tmp_path / "corpus")
    (corpus / "a" / "dalam").mkdir()
    (corpus / "a" / "dalam" / "x.txt").write_text("Judul\n\nIsi Plokmijn.\n", encoding="utf-8")
    library = Library(corpus, tmp_path / "ix")
    library.update()
    assert library.search("Plokmijn").total == 1
    (corpus / "a" / "READER_INDEX").write_text("", encoding="utf-8")
    stat = os.stat(corpus / "a")
    os.utime(corpus / "a", ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    report = library.update(quick=True)
    assert sorted(report.removed) == ["a/a0.txt", "a/a1.txt", "a/a2.txt", "a/a3.txt",
                                      "a/a4.txt", "a/dalam/x.txt"]
    assert library.search("Plokmijn").total == 0
    assert not library.update().touched
    library.close()


def test_folder_times_after_a_quick_update_are_those_a_full_walk_keeps(tmp_path):
    """A quick update keeps the times of the folders it did not list and takes those of the
    ones it listed (new ones too), which is what walking every folder would give."""
    import os

    from reader import freshness

    corpus = folder_corpus(tmp_path / "corpus")
    library = Library(corpus, tmp_path / "ix")
    library.update()
    new = corpus / "a" / "baru"
    new.mkdir()
    (new / "x.txt").write_text("Judul\n\nIsi.\n", encoding="utf-8")
    save_by_rename(corpus / "b" / "b1.txt", "Judul b1\n\nIsi lain.\n")
    report = library.update(quick=True)
    assert report.by_folders and report.added == ["a/baru/x.txt"]
    assert library.backend.folder_stamps() == freshness.folder_stamps(corpus)
    (corpus / "a" / "READER_INDEX").write_text("", encoding="utf-8")
    stat = os.stat(corpus / "a")
    os.utime(corpus / "a", ns=(stat.st_atime_ns, stat.st_mtime_ns + 1_000_000))
    library.update(quick=True)
    assert library.backend.folder_stamps() == freshness.folder_stamps(corpus)
    library.close()


def test_a_new_file_gets_its_path_as_id_whatever_the_walk_order(tmp_path):
    """The id rule at work, the other way round: files already indexed keep their ids."""
    corpus = tmp_path / "corpus"
    for folder in ("z", "a"):
        (corpus / folder).mkdir(parents=True)
    (corpus / "z" / "sama.txt").write_text("Judul z\n\nIsi Zulu.\n", encoding="utf-8")
    library = Library(corpus, tmp_path / "ix")
    library.update()
    assert {s.doc for s in library.articles()} == {"sama"}
    (corpus / "a" / "sama.txt").write_text("Judul a\n\nIsi Alfa.\n", encoding="utf-8")
    library.update()
    assert {s.doc for s in library.articles()} == {"sama", "a/sama"}
    assert library.search("Zulu").hits[0].doc == "sama"
    assert library.search("Alfa").hits[0].doc == "a/sama"
    library.close()


def test_a_damaged_index_found_by_a_quick_update_is_rebuilt_from_every_file(tmp_path):
    """A rebuild reads every file, never only the folders the quick check listed."""
    corpus = folder_corpus(tmp_path / "corpus")
    library = Library(corpus, tmp_path / "ix")
    library.update()
    live = library.backend.store.live_dir()
    library.close()
    for segment in live.glob("*.seg"):
        segment.write_bytes(b"garbage" * 10)  # the seal breaks; stamps and folder times stay
    save_by_rename(corpus / "a" / "a1.txt", "Judul a1\n\nIsi baru Poiuytrewq.\n")
    library = Library(corpus, tmp_path / "ix")
    report = library.update(quick=True)
    assert report.rebuilt and "damaged" in report.rebuilt and not report.by_folders
    assert library.search("Poiuytrewq").total == 1
    assert library.search("berita").total == 9  # b/ too, which the quick check did not list
    library.close()


def test_an_article_list_saved_by_earlier_versions_is_carried_over(tmp_path):
    """Earlier versions saved the list as one marshal of (generation, rows): an update on such
    an index keeps it, changes applied, instead of losing it (a listing would then decode
    every article)."""
    import marshal

    corpus = write_corpus(tmp_path / "corpus", 6)
    backend = WhooshBackend(tmp_path / "ix")
    sync.update(backend, corpus)
    live = backend.store.live_dir()
    generation = chained(live, summaries.SUFFIX).generation
    listed = summaries.load(live, generation)
    rows = [(s.doc, s.title, s.source, s.date, s.paragraphs, s.quotes, s.path)
            for s in listed.values()]
    with open(journal.path(live, generation, summaries.SUFFIX), "wb") as handle:
        marshal.dump((generation, rows), handle)
    assert summaries.load(live, generation) == listed
    (corpus / "berita002.txt").unlink()
    sync.update(backend, corpus)
    after = summaries.load(live, generation + 1)
    assert after is not None and set(after) == set(listed) - {"berita002"}
    backend.close()
