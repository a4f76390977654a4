"""Screens of the results ordered by date with their counts by outlet and year, and of the
narrowing picker (``f``), at 120x35 and 80x24 (``pytest --snapshot-update`` accepts changes
after looking at them)."""

from __future__ import annotations

import pytest

from reader.library import Library

from . import fields_corpus
from .tui_support import SIZE, SMALL, make_app, private_state, search, settle

FIXTURES = (private_state,)  # used by name in the tests below
SIZES = pytest.mark.parametrize("size", [SIZE, SMALL], ids=["120x35", "80x24"])


@pytest.fixture(scope="module")
def fielded(tmp_path_factory):
    root = tmp_path_factory.mktemp("snap-fields")
    corpus = fields_corpus.write(root / "corpus")
    Library(corpus, root / "ix").update()
    return corpus, root / "ix"


async def newest_first(pilot) -> None:
    await settle(pilot)
    await search(pilot, "Tokayev", enter=False)
    await pilot.press("escape", "s")
    pilot.app.clear_notifications()
    await settle(pilot)


@SIZES
def test_snapshot_results_newest_first_with_counts(snap_compare, fielded, size):
    assert snap_compare(make_app(*fielded), terminal_size=size, run_before=newest_first)


@SIZES
def test_snapshot_narrowing_picker(snap_compare, fielded, size):
    async def run_before(pilot):
        await newest_first(pilot)
        await pilot.press("f")
        await settle(pilot)

    assert snap_compare(make_app(*fielded), terminal_size=size, run_before=run_before)
