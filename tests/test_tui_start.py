"""Start-up on an index that exists: searchable after the folder times are compared, with
every file checked behind the open screen and what that finds shown when it is in."""

from __future__ import annotations

import shutil
import threading
import time

from reader.library import Library
from reader.tui.widgets.search_box import SearchBox

from .tui_support import (
    SEEDS,
    SIZE,
    aio,
    make_app,
    private_state,
    search,
    seeds_index,
    settle,
    status,
)

FIXTURES = (private_state, seeds_index)


@aio
async def test_searchable_from_folder_times_then_every_file_checked_behind(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    index = tmp_path / "ix"
    Library(corpus, index).update()
    # a change no folder time shows: a file appended to in place
    target = sorted(corpus.glob("*.txt"))[0]
    with target.open("a", encoding="utf-8") as out:
        out.write("\n\nZulkarnaen menutup acara itu di Astana.\n")
    app = make_app(corpus, index)
    library = app.library
    reports = []
    plain_update = library.update

    def recorded(*args, **kwargs):
        report = plain_update(*args, **kwargs)
        reports.append(report)
        return report

    library.update = recorded
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert [r.by_folders for r in reports] == [True, False]  # quick, then every file
        assert reports[1].changed == [target.name]
        await search(pilot, "Zulkarnaen")
        assert status(app).startswith("1 paragraph"), status(app)


@aio
async def test_a_first_index_checks_every_file_once(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    app = make_app(corpus, tmp_path / "ix")
    reports = []
    plain_update = app.library.update
    app.library.update = lambda *a, **k: reports.append(plain_update(*a, **k)) or reports[-1]
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert len(reports) == 1 and not reports[0].by_folders
        assert len(reports[0].added) == 2


@aio
async def test_searches_answer_before_the_article_list_is_in(seeds_index):
    """The index opens, then the article list loads (a few tenths of a second at a million
    paragraphs): a query typed in between is answered at once, and the list's arrival does
    not search it again. The list is held back here until the answer is on screen."""
    app = make_app(SEEDS, seeds_index)
    library = app.library
    shown = threading.Event()
    held = []
    plain_articles, plain_search = library.articles, library.search
    searched: list[str] = []

    def articles():
        held.append(shown.wait(timeout=30))
        return plain_articles()

    def counted_search(query, *args, **kwargs):
        searched.append(query)
        return plain_search(query, *args, **kwargs)

    library.articles = articles
    library.search = counted_search
    async with app.run_test(size=SIZE) as pilot:
        pane = app.main.search_pane
        try:
            deadline = time.monotonic() + 30
            while not app.index_ready and time.monotonic() < deadline:
                await pilot.pause(0.01)
            assert app.index_ready and not pane.listed
            assert status(app) == "Listing the articles…"
            await pilot.press("slash")
            app.screen.query_one(SearchBox).value = "Tokayev"
            while not status(app).startswith("2 paragraphs") and time.monotonic() < deadline:
                await pilot.pause(0.01)
            assert status(app).startswith("2 paragraphs"), status(app)
            assert not pane.listed  # answered while the list was still held back
        finally:
            shown.set()
        answered = searched.count("Tokayev")
        await settle(pilot)
        assert held == [True] and pane.listed and len(pane.articles) == 2
        assert searched.count("Tokayev") == answered  # the list's arrival searched nothing
        assert status(app).startswith("2 paragraphs"), status(app)


WARM_CHECK = """
import sys
from reader.language import analysis
from reader.library import Library
from reader.search.whoosh.fastpath import reader_cache
library = Library(sys.argv[1], sys.argv[2])
reader = library.backend.store.open().searcher().reader()
def loaded():
    return ("numpy" in sys.modules, analysis._sastrawi.cache_info().currsize,
            "value" in reader_cache(reader, "not_paragraphs"))
before = loaded()
library.warm_up()
print(before, loaded())
"""


def test_the_library_warms_up_what_first_searches_would_load(seeds_index):
    """In a fresh process: nothing loaded before; numpy, the stemmer and the index reader's
    set of article records after (the TUI calls it once the index is open, so the first
    keystrokes do not pay for them)."""
    import subprocess
    import sys

    out = subprocess.run([sys.executable, "-c", WARM_CHECK, str(SEEDS), str(seeds_index)],
                         capture_output=True, text=True, check=True).stdout.split("\n")[0]
    assert out == "(False, 0, False) (True, 1, True)", out
