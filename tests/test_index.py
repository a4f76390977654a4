"""The index on disk: incremental updates, atomic rebuilds, versions, damage, locking."""

from __future__ import annotations

import os
import time

from reader.library import Library
from reader.search.whoosh.folder import MARKER as VERSION_FILE

from .conftest import DOC_000, DOC_001


def build(corpus, tmp_path):
    library = Library(corpus, tmp_path / "ix")
    report = library.update()
    return library, report


def test_first_update_builds_and_second_is_a_no_op(seeds_copy, tmp_path):
    library, report = build(seeds_copy, tmp_path)
    assert report.rebuilt == "new index" and report.paragraphs == 19
    again = library.update()
    assert not again.touched and again.paragraphs == 0
    assert not library.is_stale()


def test_added_changed_and_removed_files_are_noticed(seeds_copy, tmp_path):
    library, _ = build(seeds_copy, tmp_path)
    (seeds_copy / "002_new.txt").write_text("Judul Baru\n\nTokayev berkunjung ke Jakarta.\n",
                                            encoding="utf-8")
    assert library.is_stale()
    report = library.update()
    assert report.added == ["002_new.txt"] and not report.changed and not report.removed
    assert library.search("Tokayev").total == 3

    target = seeds_copy / f"{DOC_000}.txt"
    last = "Penandatanganan ini hanya bersifat simbolis saja."
    target.write_text(target.read_text(encoding="utf-8").replace(
        last, last + "\n\nParagraf tambahan Zelensky."), encoding="utf-8")
    report = library.update()
    assert report.changed == [f"{DOC_000}.txt"] and report.paragraphs == 13
    assert library.search("Zelensky").total == 1

    (seeds_copy / "002_new.txt").unlink()
    report = library.update()
    assert report.removed == ["002_new.txt"]
    assert library.search("Tokayev").total == 2
    assert library.article("002_new") is None


def test_touched_but_identical_file_is_not_reindexed(seeds_copy, tmp_path):
    library, _ = build(seeds_copy, tmp_path)
    path = seeds_copy / f"{DOC_001}.txt"
    later = time.time() + 10
    os.utime(path, (later, later))
    report = library.update()
    assert not report.changed and not report.added
    assert not library.is_stale()


def test_article_is_rendered_from_the_index_alone(seeds_copy, tmp_path):
    library, _ = build(seeds_copy, tmp_path)
    for path in seeds_copy.iterdir():
        path.unlink()  # the index holds what the reader shows
    article = Library(seeds_copy, tmp_path / "ix").backend.article(DOC_001)
    assert article is not None and len(article.paragraphs) == 13
    assert article.paragraphs[7].repeat_of == 2


def test_schema_version_change_rebuilds(seeds_copy, tmp_path):
    library, _ = build(seeds_copy, tmp_path)
    marker = tmp_path / "ix" / VERSION_FILE
    marker.write_text(marker.read_text().replace("schema = ", "schema = 1"))
    report = Library(seeds_copy, tmp_path / "ix").update()
    assert report.rebuilt == "index from another schema version"
    assert Library(seeds_copy, tmp_path / "ix").search("Tokayev").total == 2


def test_damaged_index_is_detected_and_rebuilt(seeds_copy, tmp_path):
    build(seeds_copy, tmp_path)
    for path in (tmp_path / "ix").rglob("*"):
        if path.is_file() and path.name not in (VERSION_FILE, "update.lock"):
            path.write_bytes(b"garbage" * 10)
    report = Library(seeds_copy, tmp_path / "ix").update()
    assert report.rebuilt and "damaged" in report.rebuilt
    assert Library(seeds_copy, tmp_path / "ix").search("Tokayev").total == 2


def test_corpus_files_are_never_modified(seeds_copy, tmp_path):
    before = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in seeds_copy.iterdir()}
    library, _ = build(seeds_copy, tmp_path)
    library.search("Tokayev")
    library.update(rebuild=True)
    after = {p.name: (p.read_bytes(), p.stat().st_mtime_ns) for p in seeds_copy.iterdir()}
    assert before == after
