"""Compare mode and "also in" links, driven key by key against a real index of the seeds.

The two seeds tell the same story: Trump's Truth Social post in two translations (000 ¶8 and
001 ¶2) and the 2020 signatories (000 ¶11 and 001 ¶6). The snapshot (``pytest
--snapshot-update`` to accept changes) shows the comparison at that row.
"""

from __future__ import annotations

import sys

from textual.command import CommandPalette
from textual.widgets import Input

from reader.tui.screens.compare import CompareScreen
from reader.tui.screens.main import MainScreen
from reader.tui.screens.picker import ArticlePicker, fuzzy_match
from reader.tui.widgets import SourceView
from reader.tui.widgets.compare_paint import NO_COUNTERPART
from reader.tui.widgets.compare_view import CompareView

from .tui_support import (
    DOC_000,
    DOC_001,
    HOSTILE,
    SEEDS,
    SIZE,
    aio,
    app,
    make_app,
    private_state,
    seeds_index,
    settle,
)

FIXTURES = (app, private_state, seeds_index)  # used by name in the tests below


async def compare(pilot, doc_a: str = DOC_000, query: str = "terpilih") -> CompareView:
    """Open ``doc_a``, press ``v``, filter the picker with ``query`` and choose."""
    app = pilot.app
    app.main.open_doc(doc_a)
    await settle(pilot)
    await pilot.press("v")
    await settle(pilot)
    assert isinstance(app.screen, ArticlePicker)
    app.screen.query_one("#pick-filter", Input).value = query  # the same Changed event
    await pilot.pause()
    await pilot.press("enter")
    await settle(pilot)
    assert isinstance(app.screen, CompareScreen)
    return app.screen.query_one(CompareView)


def screen_text(view: CompareView, row: int) -> str:
    """The rendered text of every screen line of ``row``."""
    view.go_to_row(row)
    first = view.line_of_row(row)
    lines = []
    for y in range(first, len(view._lines)):
        if view._lines[y].row != row:
            break
        lines.append(view.render_line(y - int(view.scroll_y)).text)
    return "\n".join(lines)


# -- compare mode ------------------------------------------------------------------------------


@aio
async def test_v_and_the_picker_choose_the_other_seed(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.main.open_doc(DOC_000)
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        picker = app.screen
        assert isinstance(picker, ArticlePicker)
        assert [a.doc for a in picker.shown] == [DOC_001]  # not the open article itself
        await pilot.press(*"xyzzy")
        await pilot.pause()
        assert picker.shown == []
        await pilot.press(*["backspace"] * 5, *"kzk terpilih")
        await pilot.pause()
        assert [a.doc for a in picker.shown] == [DOC_001]
        await pilot.press("enter")
        await settle(pilot)
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        assert (screen.doc_a, screen.doc_b) == (DOC_000, DOC_001)
        view = screen.query_one(CompareView)
        assert view.rows and app.focused is view
        status = str(screen.query_one("#compare-status").render())
        assert "6 pairs" in status and "only in B: 3" in status


@aio
async def test_aligned_paragraphs_share_a_row_and_unpaired_ones_are_marked(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = await compare(pilot)
        trump = view.row_of(8, 2)
        signatories = view.row_of(11, 6)
        assert trump is not None and signatories is not None
        assert view.rows[trump].score > 0.3 and "social" in view.rows[trump].shared
        lonely = view.row_of(None, 7)
        assert view.rows[lonely].a is None
        assert NO_COUNTERPART in screen_text(view, lonely)
        # B-only paragraphs sit near their neighbours: ¶7 of B follows the row of B ¶6
        assert lonely == signatories + 1
        # the Trump row shows both translations and the words they share highlighted
        text = screen_text(view, trump)
        assert "¶8" in text and "¶2" in text and "same statement as B ¶2" in text
        spans = view._spans[(trump, "a")]
        assert any(kind == "shared" for *_, kind in spans)
        # n goes to paragraphs with no counterpart
        view.go_to_row(0)
        await pilot.press("n")
        assert view.rows[view.row_index].b is None


@aio
async def test_tab_switches_sides_and_enter_opens_the_paragraph(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = await compare(pilot)
        view.go_to_row(view.row_of(8, 2))
        assert view.side == "a" and view.current_paragraph == 8
        await pilot.press("tab")
        assert view.side == "b" and view.current_paragraph == 2
        assert app.screen.query_one("#head-b").has_class("-focused")
        await pilot.press("tab")
        assert view.side == "a"
        await pilot.press("right", "enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        source = app.screen.query_one(SourceView)
        assert source.article.doc == DOC_001 and source.current_paragraph.number == 2
        assert app.focused is source


@aio
async def test_j_k_s_and_escape(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = await compare(pilot)
        await pilot.press("j", "j", "k")
        assert view.row_index == 1
        view.go_to_row(view.row_of(8, 2))
        await pilot.press("s")  # swap: 001 on the left, the cursor stays on the pair
        await settle(pilot)
        screen = app.screen
        assert (screen.doc_a, screen.doc_b) == (DOC_001, DOC_000)
        view = screen.query_one(CompareView)
        assert (view.row.a, view.row.b) == (2, 8)
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        await pilot.press("v", "escape")  # the picker cancels too
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and app.is_running


@aio
async def test_compare_from_the_command_palette_at_80x24(app):
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert any(c.title == "Compare" for c in app.get_system_commands(app.screen))
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"compare")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, ArticlePicker)
        await pilot.press("enter")
        await settle(pilot)
        view = app.screen.query_one(CompareView)
        assert view.rows
        await pilot.press("G", "g", "tab", "pagedown")
        assert app.is_running
        widths = {len(view.render_line(y).text) for y in range(view.size.height)}
        assert widths == {view.scrollable_content_region.width}


@aio
async def test_v_with_one_article_or_none_says_so(tmp_path):
    corpus = tmp_path / "one"
    corpus.mkdir()
    (corpus / "a.txt").write_text("Judul\n\nSatu paragraf saja.\n", encoding="utf-8")
    app = make_app(corpus, tmp_path / "ix")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("v")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert any("Only one article" in str(n.message) for n in app._notifications)
    (corpus / "a.txt").unlink()
    app = make_app(corpus, tmp_path / "ix")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("v", "a")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and app.is_running


@aio
async def test_hostile_titles_in_the_picker_and_the_comparison(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name in ("one", "two"):
        (corpus / f"{name}.txt").write_text(
            f"Judul {name} {HOSTILE}\n\nParagraf {HOSTILE} tentang Tokayev dan Astana.\n\n"
            "Kalimat lain yang berbeda sekali.\n", encoding="utf-8")
    app = make_app(corpus, tmp_path / "ix")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        assert "[@click=app.quit]x[/]" in app.export_screenshot()
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)
        screen = app.export_screenshot()
        assert "[@click=app.quit]x[/]" in screen and "\x1b]52" not in screen
        view = app.screen.query_one(CompareView)
        assert view.rows[0].score is not None and view.rows[0].score > 0.5


# -- "also in" ---------------------------------------------------------------------------------


@aio
async def test_also_in_is_shown_and_a_jumps_there_and_back(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.main.open_doc(DOC_000, 8)
        await settle(pilot)
        source = app.screen.query_one(SourceView)
        also = [line for line in source._lines if line.kind == "also"]
        assert also and all(source.article.paragraphs[x.para].number == 8 for x in also)
        assert "also in: Kazakhstan Terpilih" in "".join(x.text for x in also)
        assert [r.para for r in source.counterparts(8, 1)] == [2]
        await pilot.press("tab")  # to the source: "a" works from anywhere on the main screen
        await pilot.press("a")
        await settle(pilot)
        assert source.article.doc == DOC_001 and source.current_paragraph.number == 2
        assert source.selected_quote[1].speaker == "Donald Trump"
        assert "also in 1" in source.position_label()  # the counterpart links back
        await pilot.press("a")  # again: back where it started
        await settle(pilot)
        assert source.article.doc == DOC_000 and source.current_paragraph.number == 8
        await pilot.press("k", "a")  # ¶7 has no statement reported elsewhere
        await settle(pilot)
        assert source.article.doc == DOC_000 and source.current_paragraph.number == 7
        assert any("¶8" in str(n.message) for n in app._notifications)


@aio
async def test_clicking_an_also_in_line_jumps(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.main.open_doc(DOC_000, 8)
        await settle(pilot)
        source = app.screen.query_one(SourceView)
        y = next(y for y, line in enumerate(source._lines) if line.kind == "also")
        await pilot.click(SourceView, offset=(12, y - int(source.scroll_y) + 1))
        await settle(pilot)
        assert source.article.doc == DOC_001 and source.current_paragraph.number == 2


def work_done(function, *args) -> int:
    """Lines of Python run by ``function(*args)``: a count of work, not a time."""
    count = 0

    def tracer(frame, event, arg):
        nonlocal count
        if event == "line":
            count += 1
        return tracer

    sys.settrace(tracer)
    try:
        function(*args)
    finally:
        sys.settrace(None)
    return count


def test_fuzzy_match_is_linear_and_ranks_word_starts():
    title = ("Kazakhstan Terpilih Menjadi Anggota Abraham Accords, Buka Peluang Kerja Sama "
             "Ekonomi dan Keamanan dengan Israel ")
    for query in ("a a a a a a a a", "aaaaaaaaaaaa", "kzk abr", "zzz"):
        once = work_done(fuzzy_match, query, title * 4)
        eight = work_done(fuzzy_match, query, title * 32)
        assert eight <= 8 * once + 50, (query, once, eight)  # linear in the title's length
    score, offsets = fuzzy_match("terp", "Kazakhstan Terpilih")
    assert offsets == [11, 12, 13, 14]
    assert fuzzy_match("kzk", "Kazakhstan")[0] > 0
    assert fuzzy_match("qq", "Kazakhstan") == (0.0, [])
    assert fuzzy_match("accords", "Abraham Accords")[0] > fuzzy_match("accords", "xaccordsx")[0]
    # letters in order count only inside one word that starts with the first letter
    assert fuzzy_match("corona", "Cek fakta: orang Rusia bilang obat nyamuk ampuh")[0] == 0
    assert fuzzy_match("corona", "Virus corona baru")[0] > 0


# -- snapshot ----------------------------------------------------------------------------------


def test_snapshot_compare(snap_compare, seeds_index):
    async def run_before(pilot):
        await settle(pilot)
        await compare(pilot)
        view = pilot.app.screen.query_one(CompareView)
        view.go_to_row(view.row_of(8, 2))
        await settle(pilot)

    app = make_app(SEEDS, seeds_index)
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
