"""Progress while indexing: the update passes the paragraphs read so far to a progress callback
that asks for them, and the TUI's notice turns them into paragraphs per second, the time left
and a clock on the last step."""

from __future__ import annotations

from reader import sync
from reader.search.whoosh.backend import WhooshBackend
from reader.tui.index_progress import ProgressText

from . import fields_corpus


def test_the_update_counts_paragraphs_for_a_callback_that_asks(tmp_path):
    corpus = fields_corpus.write(tmp_path / "corpus")
    asked: list[tuple] = []

    def progress(done, total, name, paragraphs=None):
        asked.append((done, total, paragraphs))

    progress.counts_paragraphs = True
    backend = WhooshBackend(tmp_path / "ix")
    report = sync.update(backend, corpus, progress=progress)
    assert [a[0] for a in asked] == [1, 2, 3, 4, 5] and asked[-1][1] == 5
    assert [a[2] for a in asked] == [2, 4, 6, 8, 10] == sorted(a[2] for a in asked)
    assert asked[-1][2] == report.paragraphs
    plain: list[tuple] = []  # a callback that does not ask gets the three arguments it takes
    (corpus / "a6.txt").write_text("Judul\n\nSatu.\n\nDua.\n", encoding="utf-8")
    sync.update(backend, corpus, progress=lambda *args: plain.append(args))
    assert plain == [(1, 1, "a6.txt")]
    backend.close()


def test_the_notice_says_paragraphs_per_second_time_left_then_the_last_step():
    class Clock:
        now = 50.0

        def __call__(self) -> float:
            return self.now

    clock = Clock()
    text = ProgressText(clock)
    assert text.update(1, 100, 30) == "Indexing: 1 of 100 files"  # no rate before a second
    clock.now = 60.0
    line = text.update(51, 100, 1530)
    assert line == "Indexing: 51 of 100 files · 150 paragraphs/s · about 10 s left"
    clock.now = 70.0
    assert text.update(100, 100, 3000).startswith("Finishing: writing and merging the index "
                                                   "of 100 files… 0 s")
    clock.now = 95.0
    assert text.finishing().endswith("… 25 s")
    clock.now = 170.0
    assert text.finishing().endswith("… 1 min 40 s")
    unknown = ProgressText(clock)
    unknown.update(1, 10, None)
    clock.now = 180.0
    assert "paragraphs/s" not in unknown.update(5, 10, None)
