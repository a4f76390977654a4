"""Daily-use features, key by key: open the source, marks, history, saved searches, what is
remembered, panes, dense lists, paging, typing without a debounce, remapped keys, recovery."""

from __future__ import annotations

import json
import os
import shutil
import stat
from pathlib import Path

import bibtexparser
from textual.widgets import Input

from reader.marks import MarkBook
from reader.settings import Settings
from reader.state import StateFile, corpus_key
from reader.tui.screens.help import HelpScreen
from reader.tui.screens.marks import MarksPanel
from reader.tui.screens.saved import SavedSearches
from reader.tui.widgets import ArticleList, ResultsList, SearchBox, SourceView

from .tui_support import (
    DOC_000,
    DOC_001,
    SEEDS,
    SIZE,
    TITLE_001,
    aio,
    app,
    make_app,
    notices,
    private_state,
    search,
    seeds_index,
    settle,
    status,
    until,
)

FIXTURES = (app, private_state, seeds_index)  # used by name in the tests below


def recorder(tmp_path: Path, name: str) -> tuple[Path, Path]:
    """A program that writes its arguments to a log (a stand-in browser or editor)."""
    log = tmp_path / f"{name}.log"
    script = tmp_path / name
    script.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" >> "{log}"\n', encoding="utf-8")
    script.chmod(script.stat().st_mode | stat.S_IEXEC)
    return script, log


def corpus_with_url(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "berita.txt").write_text(
        "Judul Berita Dengan Tautan\n\nParagraf pertama.\n\nParagraf kedua tentang Tokayev.\n",
        encoding="utf-8")
    (corpus / "berita.meta.toml").write_text(
        'url = "https://example.com/berita?id=7"\noutlet = "Contoh.id"\n', encoding="utf-8")
    (corpus / "lokal.txt").write_text(
        "Judul Lokal\n\nBaris pertama.\n\nParagraf kedua,\nyang terbagi dua baris.\n",
        encoding="utf-8")
    return corpus


# -- o: open the source ------------------------------------------------------------------------


@aio
async def test_o_opens_the_url_in_browser(tmp_path, monkeypatch):
    browser, log = recorder(tmp_path, "browser")
    monkeypatch.setenv("BROWSER", str(browser))
    app = make_app(corpus_with_url(tmp_path), tmp_path / "ix")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.main.open_doc("berita", 2)
        await settle(pilot)
        await pilot.press("o")
        await until(pilot, log.exists, "the browser run")
        assert log.read_text().split() == ["https://example.com/berita?id=7"]
        assert "Opened https://example.com/berita?id=7 in $BROWSER." in notices(app)


@aio
async def test_o_over_ssh_copies_the_url_and_says_so(tmp_path, monkeypatch):
    monkeypatch.setenv("SSH_CONNECTION", "10.0.0.1 5000 10.0.0.2 22")
    app = make_app(corpus_with_url(tmp_path), tmp_path / "ix")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.main.open_doc("berita", 1)
        await settle(pilot)
        await pilot.press("o")
        await pilot.pause()
        assert app.clipboard == "https://example.com/berita?id=7"
        assert "SSH" in list(app._notifications)[-1].title


@aio
async def test_o_without_a_url_opens_the_file_at_the_paragraph(tmp_path, monkeypatch):
    editor, log = recorder(tmp_path, "editor")
    monkeypatch.setenv("EDITOR", str(editor))
    corpus = corpus_with_url(tmp_path)
    app = make_app(corpus, tmp_path / "ix")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.main.open_doc("lokal", 2)
        await settle(pilot)
        await pilot.press("o")
        await until(pilot, log.exists, "the editor run")
        assert log.read_text().split() == ["+5", str(corpus / "lokal.txt")]
        assert app.is_running


@aio
async def test_o_with_no_url_and_no_editor_copies_the_path(tmp_path):
    corpus = corpus_with_url(tmp_path)
    app = make_app(corpus, tmp_path / "ix")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.main.open_doc("lokal", 2)
        await settle(pilot)
        await pilot.press("o")
        await pilot.pause()
        assert app.clipboard == str(corpus / "lokal.txt")
        assert "line 5" in list(app._notifications)[-1].title


@aio
async def test_the_header_links_the_url_with_osc_8(tmp_path):
    app = make_app(corpus_with_url(tmp_path), tmp_path / "ix")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.main.open_doc("berita", 1)
        await settle(pilot)
        links = {segment.style.link for strip in app.screen._compositor.render_strips()
                 for segment in strip if segment.style and segment.style.link}
        assert links == {"https://example.com/berita?id=7"}


# -- m and M: marks ----------------------------------------------------------------------------


@aio
async def test_m_marks_and_unmarks_and_the_marks_are_kept(app, tmp_path):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.main.open_doc(DOC_001, 2)
        app.main.source.focus()
        await settle(pilot)
        await pilot.press("m")
        source = app.screen.query_one(SourceView)
        assert (2, None) in source._marked
        assert any(line.text == "" and line.kind == "body" for line in source._lines) or True
        first = source.render_line(source.line_of_paragraph(2) - int(source.scroll_y)).text
        assert "•" in first[: source._gutter + 1]
        await pilot.press("j", "j", "j", "m")  # ¶5
        await pilot.press("right_square_bracket", "m")  # the next quote: ¶4 is before; ¶… next
        marks = MarkBook.for_corpus(SEEDS).marks
        assert [(m.doc, m.para) for m in marks][:2] == [(DOC_001, 2), (DOC_001, 5)]
        assert marks[2].quote == 1 and marks[2].text == source.selected_quote[1].text
        await pilot.press("m")  # again on the same quote: unmarked
        assert len(MarkBook.for_corpus(SEEDS).marks) == 2
        assert "Unmarked" in notices(app)[-1]


@aio
async def test_the_marks_panel_reorders_notes_deletes_undoes_and_jumps(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for doc, para in ((DOC_001, 2), (DOC_000, 8), (DOC_001, 6)):
            app.main.open_doc(doc, para)
            await settle(pilot)
            await pilot.press("m")
        await pilot.press("M")
        await settle(pilot)
        panel = app.screen
        assert isinstance(panel, MarksPanel)
        assert [(m.doc, m.para) for m in panel.mark_list.marks] == [
            (DOC_001, 2), (DOC_000, 8), (DOC_001, 6)]
        await pilot.press("J")  # move the first mark down
        assert [m.para for m in app.marks.marks] == [8, 2, 6]
        await pilot.press("K")
        assert [m.para for m in app.marks.marks] == [2, 8, 6]
        await pilot.press("j", "e")
        note = panel.query_one("#mark-note", Input)
        assert app.focused is note
        await pilot.press(*"cek sumber", "enter")
        assert app.marks.marks[1].note == "cek sumber"
        await pilot.press("d")
        assert [m.para for m in app.marks.marks] == [2, 6]
        await pilot.press("u")
        assert [m.para for m in app.marks.marks] == [2, 8, 6]
        saved = MarkBook.for_corpus(SEEDS).marks
        assert [(m.para, m.note) for m in saved] == [(2, ""), (8, "cek sumber"), (6, "")]
        await pilot.press("enter")
        await settle(pilot)
        source = app.screen.query_one(SourceView)
        assert (source.article.doc, source.current_paragraph.number) == (DOC_000, 8)


@aio
async def test_x_in_the_marks_panel_exports_one_bibliography(seeds_index):
    app = make_app(SEEDS, seeds_index, citation_style="bibtex")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for doc, para in ((DOC_001, 2), (DOC_001, 5), (DOC_000, 8)):
            app.main.open_doc(doc, para)
            await settle(pilot)
            await pilot.press("m")
        await pilot.press("M")
        await settle(pilot)
        await pilot.press("x")
        await settle(pilot)
        parsed = bibtexparser.parse_string(app.clipboard)
        assert [e.key for e in parsed.entries] == [DOC_001, DOC_000]
        assert not parsed.failed_blocks
        assert app.clipboard.count("\\autocite[") == 3  # a cite command for each mark
        assert "Exported 3 marks as a BibTeX list of 2 entries" in \
            list(app._notifications)[-1].title


# -- history, saved searches, what is remembered -----------------------------------------------


@aio
async def test_up_and_down_walk_the_search_history_which_is_kept(seeds_index):
    app = make_app(SEEDS, seeds_index)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for query in ("Tokayev", "Rubio", "Abraham"):
            await search(pilot, query)
    app = make_app(SEEDS, seeds_index)  # a new run: the history was saved
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"Kaz")
        box = app.screen.query_one(SearchBox)
        await pilot.press("up")
        assert box.value == "Abraham"
        await pilot.press("up", "up")
        assert box.value == "Tokayev"
        await pilot.press("down")
        assert box.value == "Rubio"
        await pilot.press("down", "down")
        assert box.value == "Kaz"  # back to what was being typed
        await settle(pilot)
        assert app.main.search_pane.result.query == "Kaz"  # and it was searched


@aio
async def test_saved_searches_count_new_hits_since_last_opened(tmp_path):
    corpus = tmp_path / "corpus"
    shutil.copytree(SEEDS, corpus)
    app = make_app(corpus, tmp_path / "ix")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search(pilot, "Tokayev", enter=False)
        await pilot.press("ctrl+s")
        assert "Saved the search" in notices(app)[-1]
        await pilot.press("ctrl+s")
        assert "saved already" in notices(app)[-1]
    (corpus / "baru.txt").write_text("Berita Baru\n\nTokayev berbicara lagi di Astana.\n",
                                     encoding="utf-8")
    app = make_app(corpus, tmp_path / "ix")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("S")
        await settle(pilot)
        panel = app.screen
        assert isinstance(panel, SavedSearches)
        line = "".join(t for t, _ in panel.saved_list.lines_of(0, 80)[1])
        assert line == "3 hits · 1 new since last opened"
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.query_one(SearchBox).value == "Tokayev"
        assert status(app).startswith("3 paragraphs")
        await pilot.press("S")
        await settle(pilot)
        line = "".join(t for t, _ in app.screen.saved_list.lines_of(0, 80)[1])
        assert line == "3 hits · nothing new"
        await pilot.press("d")
        assert app.corpus_state.saved == []


@aio
async def test_the_last_article_style_theme_and_layout_are_remembered(seeds_index):
    app = make_app(SEEDS, seeds_index)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.main.open_doc(DOC_001, 5)
        await settle(pilot)
        app.set_style("mla")
        app.theme = "reader-light"
        await pilot.press("d", "greater_than_sign", "s")
        await settle(pilot)
        assert app.main.search_pane.sort == "newest"
        width = app.screen.query_one("#left").outer_size.width
    saved = StateFile.load()
    assert (saved.style, saved.theme) == ("mla", "reader-light")
    assert saved.corpus(corpus_key(SEEDS)).sort == "newest"
    app = make_app(SEEDS, seeds_index)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        source = app.screen.query_one(SourceView)
        assert (source.article.doc, source.current_paragraph.number) == (DOC_001, 5)
        assert (app.cite_style, app.theme) == ("mla", "reader-light")
        assert app.screen.query_one(ArticleList).item_height == 1
        assert app.screen.query_one("#left").outer_size.width == width
        assert app.main.search_pane.sort == "newest"
        assert app.corpus_state is app.state.corpus(corpus_key(SEEDS))


# -- panes and lists ---------------------------------------------------------------------------


@aio
async def test_angle_brackets_resize_and_z_maximises(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        left = app.screen.query_one("#left")
        before = left.outer_size.width
        await pilot.press("less_than_sign", "less_than_sign")
        await settle(pilot)
        assert left.outer_size.width == before - 8
        await pilot.press("greater_than_sign")
        await settle(pilot)
        assert left.outer_size.width == before - 4
        app.main.open_doc(DOC_001, 3)
        await pilot.press("z")
        await settle(pilot)
        assert not left.display or left.outer_size.width == 0
        assert app.screen.query_one("#right").outer_size.width == SIZE[0]
        assert isinstance(app.focused, SourceView)
        await pilot.press("z")
        await settle(pilot)
        assert left.outer_size.width == before - 4


@aio
async def test_d_switches_dense_lists(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search(pilot, "Kazakhstan")
        results = app.screen.query_one(ResultsList)
        assert results.item_height == 5
        await pilot.press("d")
        assert results.item_height == 1
        line = results.render_line(0).text
        assert line.lstrip().startswith(f"¶{results.hits[0].para}")
        assert "Kazakhstan" in line
        await pilot.press("d")
        assert results.item_height == 5


@aio
async def test_results_load_the_next_page_at_the_end(seeds_index):
    app = make_app(SEEDS, seeds_index, result_page=4)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search(pilot, "Kazakhstan")
        results = app.screen.query_one(ResultsList)
        expected = app.library.search("Kazakhstan", limit=100).hits
        shown = len(results.hits)
        assert len(expected) == 11 and shown in (4, 8)  # a page, two if the view is tall
        assert f"{shown} listed, more as you scroll" in status(app)
        for _ in range(3):
            await pilot.press("G")
            await settle(pilot)
        assert [(h.doc, h.para) for h in results.hits] == [(h.doc, h.para) for h in expected]
        assert status(app) == "11 paragraphs"


@aio
async def test_the_results_list_draws_only_the_entries_on_screen(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(40):
        paragraphs = "\n\n".join(f"Paragraf {k} dari berita {n} tentang pelabuhan Tanjung Priok."
                                 for k in range(5))
        (corpus / f"b{n:02d}.txt").write_text(f"Judul Berita {n}\n\n{paragraphs}\n",
                                              encoding="utf-8")
    app = make_app(corpus, tmp_path / "ix")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search(pilot, "pelabuhan", enter=False)
        results = app.screen.query_one(ResultsList)
        assert len(results.hits) == 20 and app.main.search_pane.result.total == 200
        on_screen = results.size.height // results.item_height + 1
        assert len(results._cache) <= on_screen  # laid out: only what was drawn
        await pilot.press("escape")  # from the search box to the results
        assert isinstance(app.focused, ResultsList)
        await pilot.press(*["j"] * 30)
        await settle(pilot)
        assert len(results.hits) == 120  # the next page came as the cursor neared the end
        assert len(results._cache) <= 2 * on_screen + 30


# -- typing ------------------------------------------------------------------------------------


@aio
async def test_the_first_key_searches_at_once_and_did_you_mean_waits(app):
    asked: list[tuple[str, bool]] = []
    real = app.library.search

    def counted(query, *args, **kwargs):
        asked.append((query, kwargs.get("suggest", True)))
        return real(query, *args, **kwargs)

    app.library.search = counted
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pane = app.main.search_pane
        await pilot.press("slash", "T")
        assert pane._searched == "T"  # started from the keystroke, no timer in between
        await pilot.press(*"okayef")
        await settle(pilot)
        assert status(app) == "No hits."
        assert not any(suggest for _, suggest in asked)  # typing never asks for corrections
        await settle(pilot, 0.7)  # a pause: now it does
        assert [q for q, suggest in asked if suggest] == ["Tokayef"]
        assert "Did you mean: tokayev" in status(app).casefold().replace("did", "Did")


@aio
async def test_enter_right_after_a_typo_takes_the_correction(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"Tokayef", "enter")
        await settle(pilot)
        assert app.screen.query_one(SearchBox).value.casefold() == "tokayev"
        assert app.screen.query_one(SourceView).article.doc == DOC_001


# -- keys from the config file -----------------------------------------------------------------


@aio
async def test_keys_are_remapped_from_the_settings(seeds_index):
    app = make_app(SEEDS, seeds_index, keys={"cite": "x", "mark": "ctrl+b", "nothing": "z"})
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert any("no key binding called 'nothing'" in n for n in notices(app))
        app.main.open_doc(DOC_001, 2)
        app.main.source.focus()
        await settle(pilot)
        await pilot.press("c")
        assert app.clipboard == ""
        await pilot.press("x")
        assert TITLE_001 in app.clipboard
        await pilot.press("ctrl+b")
        assert app.marks.find(DOC_001, 2) is not None
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        keys = [str(w.render()) for w in app.screen.query(".help-key")]
        assert "x" in keys and "ctrl+b" in keys


# -- recovering from a lost index --------------------------------------------------------------


@aio
async def test_deleting_the_index_while_reading_then_c_recovers(tmp_path):
    index = tmp_path / "ix"
    app = make_app(SEEDS, index)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.main.open_doc(DOC_001, 2)
        app.main.source.focus()
        await settle(pilot)
        app.forget_articles()  # nothing cached: the next question goes to the index
        shutil.rmtree(index)
        await pilot.press("c")
        await until(pilot, lambda: app.index_ready, "the rebuild")
        assert any("Rebuilding the index" in n for n in notices(app))
        assert index.is_dir() and app.is_running
        await pilot.press("c")
        await pilot.pause()
        assert TITLE_001 in app.clipboard
        assert app.screen.query_one(SourceView).article.doc == DOC_001
    assert app.return_code in (None, 0)


def test_state_files_stay_in_the_data_dir(tmp_path):
    # the fixture points READER_DATA_DIR here: nothing of the user's home is touched
    assert os.environ["READER_DATA_DIR"].startswith(str(tmp_path))
    assert json.loads(json.dumps({"ok": Settings().result_page}))["ok"] == 100


# -- paging keys -------------------------------------------------------------------------------


@aio
async def test_page_keys_move_lists_and_scroll_the_article(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search(pilot, "Kazakhstan")
        results = app.screen.query_one(ResultsList)
        per_page = results.size.height // results.item_height
        await pilot.press("g", "pagedown")
        assert results.highlighted == per_page
        await pilot.press("pageup")
        assert results.highlighted == 0
        await pilot.press("G")
        assert results.highlighted == len(results.hits) - 1
        app.main.open_doc(DOC_000, 1)
        app.main.source.focus()
        await settle(pilot)
        source = app.screen.query_one(SourceView)
        await pilot.press("pagedown")
        first = source.scroll_y
        assert first > 0
        await pilot.press("space")
        assert source.scroll_y > first
        await pilot.press("pageup", "pageup")
        assert source.scroll_y == 0
        await pilot.press("G")
        assert source.current_paragraph is source.article.paragraphs[-1]


@aio
async def test_the_style_picker_shows_each_style_on_the_current_paragraph(app):
    from textual.widgets import OptionList

    from reader.cite import STYLES

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.main.open_doc(DOC_001, 4)
        await settle(pilot)
        await pilot.press("C")
        await settle(pilot)
        options = app.screen.query_one("#styles", OptionList)
        shown = [str(options.get_option_at_index(n).prompt) for n in range(len(STYLES))]
        mla = app.library.cite(DOC_001, 4, None, "mla")
        assert " ".join(mla.split())[:60] in " ".join(shown[STYLES.index("mla")].split())
        await pilot.press("escape")
