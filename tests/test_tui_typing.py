"""Typing in the search box: what a keystroke costs the app between the key and its painted
answer (frames, layout passes, the garbage collector), counted, never timed."""

from __future__ import annotations

import gc

from reader.tui.widgets import typing_search
from reader.tui.widgets.typing_search import Searches

from .tui_support import SIZE, aio, app, private_state, seeds_index, settle, status

FIXTURES = (app, private_state, seeds_index)


def count_frames(app) -> dict[str, int]:
    """Counts of the screen's repaints and layout passes from now on."""
    screen = app.screen
    counts = {"frames": 0, "layouts": 0}
    paint, layout = screen._compositor_refresh, screen._refresh_layout

    def painted() -> None:
        counts["frames"] += 1
        paint()

    def laid_out(*args, **kwargs) -> None:
        counts["layouts"] += 1
        layout(*args, **kwargs)

    screen._compositor_refresh, screen._refresh_layout = painted, laid_out
    return counts


@aio
async def test_a_key_and_its_answer_share_one_frame_without_a_layout_pass(app, monkeypatch):
    monkeypatch.setattr(typing_search, "HOLD", 30.0)  # however slow the machine
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"Zqxw")  # no hits
        await settle(pilot)
        assert status(app).startswith("No hits")
        counts = count_frames(app)
        await pilot.press("v")  # still none: only the typed letter changes on screen
        await settle(pilot)
        assert app.main.search_pane.query == "Zqxwv" and status(app).startswith("No hits")
        assert counts == {"frames": 1, "layouts": 0}


@aio
async def test_nothing_is_painted_between_a_key_and_its_answer(app, monkeypatch):
    monkeypatch.setattr(typing_search, "HOLD", 30.0)  # however slow the machine
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", "T")
        await settle(pilot)
        pane = app.main.search_pane
        counts = count_frames(app)
        at_answer: list[int] = []
        shown = pane.search_done

        def search_done(serial, result, final=True):
            at_answer.append(counts["frames"])
            shown(serial, result, final)

        pane.search_done = search_done
        before: list[int] = []
        for ch in "okayev":
            before.append(counts["frames"])
            await pilot.press(ch)
            await settle(pilot)
        assert status(app).startswith("2 paragraphs"), status(app)
        assert at_answer == before  # the echo of each key waited for its answer


@aio
async def test_the_collector_waits_until_the_answer_is_painted(app):
    seen: list[bool] = []
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        library = app.library
        plain = library.search

        def search(*args, **kwargs):
            seen.append(gc.isenabled())
            return plain(*args, **kwargs)

        library.search = search
        await pilot.press("slash", *"Tokayev")
        await settle(pilot)
        assert seen and not any(seen)  # off while each search ran
        assert gc.isenabled()  # and on again once its answer was painted


def test_a_search_overtaken_while_waiting_for_a_thread_never_runs(seeds_index):
    from reader.library import Library

    from .tui_support import SEEDS, make_app

    library = Library(SEEDS, seeds_index)
    asked: list[str] = []
    plain = library.search
    library.search = lambda query, **kw: asked.append(query) or plain(query, **kw)
    posted: list = []
    settings = make_app(SEEDS, seeds_index).settings
    searches = Searches(lambda: library, lambda: settings, posted.append, lambda: 2, 20)
    try:
        searches.start("Tokayev", 1, "relevance").result(timeout=30)  # number 2 is current
        searches.start("Kazakhstan", 2, "relevance").result(timeout=30)
    finally:
        searches.close()
    assert asked == ["Kazakhstan"]
    assert [(m.serial, m.result.query, m.final) for m in posted] == [(2, "Kazakhstan", True)]


def test_the_typing_benchmark_times_every_keystroke(seeds_index, tmp_path):
    """``bench/tui_ab.py`` (and the ``tui`` child of ``bench/run.py`` it drives) on the seeds:
    one row per searching keystroke, the space skipped, both checkouts run."""
    import json
    import subprocess
    import sys

    from .tui_support import ROOT, SEEDS

    out = tmp_path / "ab.json"
    subprocess.run([sys.executable, str(ROOT / "bench" / "tui_ab.py"), str(ROOT), str(ROOT),
                    "--corpus", str(SEEDS), "--index", str(seeds_index), "--rounds", "1",
                    "--queries", json.dumps(["Tok", "di Astana"]), "--data",
                    str(tmp_path / "data"), "--out", str(out)],
                   check=True, capture_output=True, text=True, timeout=600)
    doc = json.loads(out.read_text())
    for side in ("old", "new"):
        (run,) = doc["runs"][side]
        typed = [row["typed"] for row in run["typed"]]
        assert typed == ["T", "To", "Tok", "d", "di", "di A", "di As", "di Ast", "di Asta",
                         "di Astan", "di Astana"], typed
        assert all(row["key_to_paint_ms"] > 0 and row["key_to_paint_cpu_ms"] >= 0
                   for row in run["typed"])
        assert doc[side]["keystrokes"] == 11
