"""Screens of the daily-use panels at 120x35 and 80x24 (``pytest --snapshot-update`` accepts
changes after looking at them)."""

from __future__ import annotations

import pytest
from textual.widgets import Input

from .tui_support import (
    DOC_000,
    DOC_001,
    SEEDS,
    SIZE,
    SMALL,
    make_app,
    private_state,
    search,
    seeds_index,
    settle,
)

FIXTURES = (private_state, seeds_index)  # used by name in the tests below
SIZES = pytest.mark.parametrize("size", [SIZE, SMALL], ids=["120x35", "80x24"])


async def with_marks(pilot) -> None:
    app = pilot.app
    await settle(pilot)
    for doc, para in ((DOC_001, 2), (DOC_000, 8), (DOC_001, 6)):
        app.marks.add(doc, para, app.library.article(doc).paragraph(para).text)
    note = app.marks.marks[1]
    app.marks.set_note(note.id, "cek ke Reuters: terjemahan berbeda dari 001")
    app.main.open_doc(DOC_001, 6)
    await settle(pilot)  # the article's "also in" links and layout, before the panel covers it
    await pilot.wait_for_scheduled_animations()
    await pilot.press("M")
    await settle(pilot)


@SIZES
def test_snapshot_marks_panel(snap_compare, seeds_index, size):
    assert snap_compare(make_app(SEEDS, seeds_index), terminal_size=size,
                        run_before=with_marks)


@SIZES
def test_snapshot_saved_searches(snap_compare, seeds_index, size):
    async def run_before(pilot):
        await settle(pilot)
        for query, seen in (("Tokayev", 2), ("speaker:Trump", 1), ('"Abraham Accords"', None)):
            pilot.app.corpus_state.save_search(query, seen)
        await search(pilot, "Tokayev", enter=False)
        await pilot.press("escape", "S")
        await settle(pilot)

    assert snap_compare(make_app(SEEDS, seeds_index), terminal_size=size,
                        run_before=run_before)


@SIZES
def test_snapshot_quotes_panel_sizes(snap_compare, seeds_index, size):
    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("Q")
        await settle(pilot)

    assert snap_compare(make_app(SEEDS, seeds_index), terminal_size=size,
                        run_before=run_before)


@SIZES
def test_snapshot_reading_with_the_sticky_header(snap_compare, seeds_index, size):
    async def run_before(pilot):
        await settle(pilot)
        await search(pilot, "Tokayev")
        pilot.app.main.open_doc(DOC_000, 8, quote=1)
        pilot.app.main.source.focus()
        await settle(pilot)

    assert snap_compare(make_app(SEEDS, seeds_index), terminal_size=size,
                        run_before=run_before)


@SIZES
def test_snapshot_light_theme(snap_compare, seeds_index, size):
    async def run_before(pilot):
        await settle(pilot)
        await search(pilot, "Kazakhstan")
        await pilot.press("tab")
        pilot.app.main.action_dense()
        pilot.app.clear_notifications()
        await settle(pilot)

    assert snap_compare(make_app(SEEDS, seeds_index, theme="reader-light"),
                        terminal_size=size, run_before=run_before)


@SIZES
def test_snapshot_citation_styles(snap_compare, seeds_index, size):
    async def run_before(pilot):  # no article open: each style described (no dates in it)
        await settle(pilot)
        await pilot.press("C")
        await settle(pilot)

    assert snap_compare(make_app(SEEDS, seeds_index), terminal_size=size,
                        run_before=run_before)


def test_snapshot_help_80x24(snap_compare, seeds_index):
    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)

    assert snap_compare(make_app(SEEDS, seeds_index), terminal_size=SMALL,
                        run_before=run_before)


def test_snapshot_compare_picker_ranked(snap_compare, seeds_index):
    async def run_before(pilot):
        await settle(pilot)
        pilot.app.main.open_doc(DOC_000)
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        pilot.app.screen.query_one("#pick-filter", Input).value = ""
        await settle(pilot)

    assert snap_compare(make_app(SEEDS, seeds_index), terminal_size=SMALL,
                        run_before=run_before)


@SIZES
def test_snapshot_no_hits_keeps_the_list_in_place(snap_compare, seeds_index, size):
    """No hits: the two lines of counts stay (blank), so the list does not move while typing
    turns hits into none and back."""
    async def run_before(pilot):
        await settle(pilot)
        await search(pilot, "zzzqqq", enter=False)  # nothing to suggest either

    assert snap_compare(make_app(SEEDS, seeds_index), terminal_size=size,
                        run_before=run_before)
