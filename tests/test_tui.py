"""The Textual interface, driven key by key against real indexes built from real files.

Every key of the help table is pressed here; copies are checked in ``app.clipboard`` (what OSC 52
sent). Snapshot tests (``pytest --snapshot-update`` to accept changes) cover the main screen with
results, the source view with quotes, the quotes panel and the help screen.
"""

from __future__ import annotations

import shutil
import threading

from textual import events
from textual.command import CommandPalette
from textual.widgets import Input, OptionList

from reader.cite import STYLES
from reader.library import Library
from reader.records import Article, Paragraph, Quote
from reader.tui import clipboard
from reader.tui.app import ReaderApp
from reader.tui.screens.help import HelpScreen, all_rows
from reader.tui.screens.main import MainScreen
from reader.tui.screens.quotes import QuoteList, QuotesPanel
from reader.tui.screens.styles import StylePicker
from reader.tui.widgets import ArticleList, ResultsList, SearchBox, SourceView
from reader.tui.widgets.text_layout import wrap_offsets

from .tui_support import (
    DOC_000,
    DOC_001,
    HOSTILE,
    SEEDS,
    SIZE,
    TITLE_001,
    aio,
    app,
    make_app,
    private_state,
    search,
    seeds_index,
    settle,
    status,
)

FIXTURES = (app, private_state, seeds_index)  # used by name in the tests below


def main_screen(app: ReaderApp) -> MainScreen:
    return app.main


# -- opening -----------------------------------------------------------------------------------


@aio
async def test_opens_on_the_article_list(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        articles = app.screen.query_one(ArticleList)
        assert app.index_ready
        assert [a.doc for a in articles.articles] == [DOC_000, DOC_001]
        assert app.focused is articles
        assert "2 articles" in status(app)


@aio
async def test_enter_on_an_article_opens_it_at_the_top(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("j", "enter")
        await settle(pilot)
        source = app.screen.query_one(SourceView)
        assert source.article.doc == DOC_001
        assert source.current_paragraph.number == 1


@aio
async def test_builds_a_missing_index_with_progress(tmp_path):
    app = make_app(SEEDS, tmp_path / "new-ix")
    async with app.run_test(size=SIZE) as pilot:
        assert not app.index_ready  # the first frame comes before the index
        await settle(pilot)
        assert app.index_ready
        assert (tmp_path / "new-ix").is_dir()


@aio
async def test_empty_corpus_says_so(tmp_path):
    corpus = tmp_path / "empty"
    corpus.mkdir()
    app = make_app(corpus, tmp_path / "ix")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        notice = str(app.screen.query_one("#notice-text").render())
        assert "No articles" in notice
        await pilot.press("slash", *"Tokayev")
        await settle(pilot)
        await pilot.press("escape", "c", "y", "n", "m", "o", "Q")
        await settle(pilot)
        assert isinstance(app.screen, QuotesPanel)
        assert "No quotations" in str(app.screen.query_one("#quote-status").render())
        await pilot.press("escape", "q")
        await pilot.pause()
    assert app.return_code == 0


@aio
async def test_search_while_the_index_is_being_built(tmp_path):
    library = Library(SEEDS, tmp_path / "ix")
    gate = threading.Event()
    real_update = library.update

    def slow_update(*args, **kwargs):
        # held until the search has been typed, however long a busy machine takes to type it
        # (a bound on the wait only keeps a failing test from hanging)
        gate.wait(600)
        return real_update(*args, **kwargs)

    library.update = slow_update
    app = ReaderApp(library, settings=make_app(SEEDS, tmp_path / "unused").settings)
    async with app.run_test(size=SIZE) as pilot:
        try:
            await pilot.press("slash", *"Tokayev")
            await pilot.pause()
            assert "still being built" in status(app)
        finally:
            gate.set()
        await settle(pilot)
        results = app.screen.query_one(ResultsList)
        assert {h.para for h in results.hits} == {2, 5}


@aio
async def test_a_broken_index_folder_is_reported_not_fatal(tmp_path):
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("x")
    app = make_app(SEEDS, blocker / "ix")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.index_error
        assert "Cannot open the corpus" in str(app.screen.query_one("#notice-text").render())
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


# -- searching ---------------------------------------------------------------------------------


@aio
async def test_search_as_you_type_then_enter_opens_the_top_result(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search(pilot, "Tokayev", enter=False, keys=True)
        results = app.screen.query_one(ResultsList)
        assert isinstance(app.focused, SearchBox)
        assert {h.para for h in results.hits} == {2, 5}
        assert "2 paragraphs" in status(app)
        await pilot.press("enter")
        await settle(pilot)
        source = app.screen.query_one(SourceView)
        assert app.focused is results
        assert source.article.doc == DOC_001
        assert source.current_paragraph.number == results.hits[0].para
        # matches of the query are highlighted in the open article (both and their repeats)
        assert set(source.matches_by_number()) == {2, 5, 8, 11}


@aio
async def test_typing_fast_keeps_only_the_latest_answer(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"Trump")
        for _ in range(5):
            await pilot.press("backspace")
        await pilot.press(*"Tokayev")
        await settle(pilot)
        results = app.screen.query_one(ResultsList)
        assert {h.para for h in results.hits} == {2, 5}
        assert app.screen.query_one(SearchBox).value == "Tokayev"


@aio
async def test_malformed_query_gets_one_line(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search(pilot, '"Truth Social', enter=False)
        line = app.screen.query_one("#status")
        assert line.has_class("-error")
        assert "quotation mark" in status(app)
        await pilot.press("enter")
        await settle(pilot)
        assert app.is_running


@aio
async def test_no_hits_suggests_a_correction(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search(pilot, "Tokayef", enter=False)
        await settle(pilot, 0.7)  # "did you mean" comes when typing pauses
        assert "No hits" in status(app)
        assert "Did you mean" in status(app) and "tokayev" in status(app).casefold()
        await pilot.press("enter")  # takes the suggestion and opens its top hit
        await settle(pilot)
        assert app.screen.query_one(SearchBox).value.casefold() == "tokayev"
        assert app.screen.query_one(SourceView).article.doc == DOC_001
        assert isinstance(app.focused, ResultsList)


@aio
async def test_slash_right_after_focus_change_keeps_every_key(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        # no pauses between keys: "/" must focus the box before the next key is delivered
        for key, character in [("slash", "/"), *((c, c) for c in "Rubio")]:
            app.post_message(events.Key(key, character))
        await settle(pilot)
        assert app.screen.query_one(SearchBox).value == "Rubio"


@aio
async def test_escape_leaves_the_search_box_and_q_quits(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search(pilot, "Tokayev quit", enter=False, keys=True)
        assert app.is_running  # "q" typed into the box does not quit
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.focused, ResultsList)
        await pilot.press("escape")  # in the results: clear the search, back to the articles
        await settle(pilot)
        assert app.screen.query_one(SearchBox).value == ""
        assert isinstance(app.focused, ArticleList)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0


@aio
async def test_mouse_click_opens_a_result_and_selects_a_paragraph(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search(pilot, "Tokayev", enter=False)
        results = app.screen.query_one(ResultsList)
        second = results.hits[1]
        # the second entry starts after the first entry's lines (+ the border)
        await pilot.click(ResultsList, offset=(4, 1 + results.item_height))
        await settle(pilot)
        source = app.screen.query_one(SourceView)
        assert source.article.doc == second.doc
        assert source.current_paragraph.number == second.para
        before = source.current_paragraph.number
        row = source.line_of_paragraph(before + 1) - int(source.scroll_y) + 1  # + the border
        await pilot.click(SourceView, offset=(12, row))
        await settle(pilot)
        assert source.current_paragraph.number == before + 1


# -- the source pane ---------------------------------------------------------------------------


@aio
async def test_j_k_move_by_paragraph_and_n_N_by_match(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search(pilot, "Kazakhstan")
        source = app.screen.query_one(SourceView)
        start = source.current_paragraph.number
        await pilot.press("tab")
        assert app.focused is source
        await pilot.press("j")
        assert source.current_paragraph.number == start + 1
        await pilot.press("down", "down")
        assert source.current_paragraph.number == start + 3
        await pilot.press("k", "up")
        assert source.current_paragraph.number == start + 1
        assert source.match_count >= 3
        await pilot.press("n")
        first = source.match_index
        await pilot.press("n")
        assert source.match_index == (first + 1) % source.match_count
        await pilot.press("N")
        assert source.match_index == first
        label = app.screen.query_one("#right").border_subtitle
        assert f"match {first + 1}/{source.match_count}" in label
        await pilot.press("end")
        assert source.current_paragraph is source.article.paragraphs[-1]
        await pilot.press("g")
        assert source.current_paragraph is source.article.paragraphs[0]


@aio
async def test_n_works_from_the_results_list(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search(pilot, "Tokayev")
        source = app.screen.query_one(SourceView)
        assert isinstance(app.focused, ResultsList)
        seen = set()
        for _ in range(source.match_count):
            await pilot.press("n")
            seen.add(source.current_paragraph.number)
        assert seen == {2, 5, 8, 11}


@aio
async def test_repeats_are_marked(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main_screen(app).open_doc(DOC_001, 8)
        await settle(pilot)
        source = app.screen.query_one(SourceView)
        assert source.current_paragraph.repeat_of == 2
        kinds = {line.text for line in source._lines if line.kind == "repeat"}
        assert "repeats ¶2" in kinds


# -- copying -----------------------------------------------------------------------------------


@aio
async def test_c_copies_a_citation_of_the_open_paragraph(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search(pilot, "Tokayev")
        await pilot.press("c")
        await pilot.pause()
        assert app.cite_style == "apa"  # the settings' default
        para = app.screen.query_one(SourceView).current_paragraph.number
        assert para in (2, 5)
        assert f"para. {para}" in app.clipboard
        assert TITLE_001 in app.clipboard


@aio
async def test_y_copies_the_paragraph_text(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search(pilot, "Tokayev")
        await pilot.press("y")
        await pilot.pause()
        assert app.clipboard == app.screen.query_one(SourceView).current_paragraph.text


@aio
async def test_brackets_select_quotes_and_c_cites_the_quote(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main_screen(app).open_doc(DOC_000, 1)
        await settle(pilot)
        await pilot.press("tab")  # from the article list to the source
        source = app.screen.query_one(SourceView)
        assert app.focused is source
        await pilot.press("right_square_bracket")
        number, quote = source.selected_quote
        assert source.current_paragraph.number == 3 and number == 1
        await pilot.press("y")
        await pilot.pause()
        assert app.clipboard == quote.text
        await pilot.press("c")
        await pilot.pause()
        assert quote.text[:40] in app.clipboard
        assert quote.speaker in app.clipboard
        await pilot.press("right_square_bracket")
        assert source.current_paragraph.number == 4
        await pilot.press("left_square_bracket", "left_square_bracket")
        assert source.current_paragraph.number == 8  # wraps around to the last quote
        await pilot.press("escape")  # drops the selection first
        assert source.selected_quote is None
        assert app.focused is source


@aio
async def test_style_picker_changes_the_citation_style(seeds_index):
    app = make_app(SEEDS, seeds_index, citation_style="plain")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search(pilot, "Tokayev")
        await pilot.press("C")
        await pilot.pause()
        assert isinstance(app.screen, StylePicker)
        styles = app.screen.query_one("#styles", OptionList)
        assert styles.option_count == len(STYLES) == 7
        await pilot.press("escape")
        await pilot.pause()
        assert app.cite_style == "plain"
        await pilot.press("C", "down", "down", "enter")  # plain, markdown, apa
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        assert app.cite_style == "apa"
        await pilot.press("c")
        await pilot.pause()
        assert "para." in app.clipboard
        await pilot.press("C", "j", "j", "j", "enter")  # apa, chicago, mla, bibtex
        await pilot.pause()
        assert app.cite_style == "bibtex"
        await pilot.press("c")
        await pilot.pause()
        assert app.clipboard.lstrip().startswith("@")


@aio
async def test_copy_without_an_article_warns(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c", "y", "n")
        await pilot.pause()
        assert app.clipboard == ""
        assert app.is_running


# -- the quotes panel --------------------------------------------------------------------------


@aio
async def test_quotes_panel_filters_jumps_and_cites(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        expected = app.library.quotes()
        await pilot.press("Q")
        await settle(pilot)
        panel = app.screen
        assert isinstance(panel, QuotesPanel)
        quotes = panel.query_one(QuoteList)
        assert quotes.count == len(expected) >= 5
        await pilot.press(*"rubio")
        await pilot.pause()
        assert [r.quote.speaker for r in panel.shown] == ["Marco Rubio"]
        await pilot.press("tab")  # from the filter to the list
        assert app.focused is quotes
        await pilot.press("c")
        await pilot.pause()
        assert "Marco Rubio" in app.clipboard and TITLE_001 in app.clipboard
        await pilot.press("y")
        await pilot.pause()
        assert app.clipboard == panel.shown[0].quote.text
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, MainScreen)
        source = app.screen.query_one(SourceView)
        assert source.article.doc == DOC_001
        assert source.current_paragraph.number == 4
        assert source.selected_quote[1].speaker == "Marco Rubio"
        await pilot.press("c")  # cites the selected quote from the source pane too
        await pilot.pause()
        assert "Marco Rubio" in app.clipboard


@aio
async def test_quotes_panel_scope_toggle_and_escape(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        main_screen(app).open_doc(DOC_001, 1)
        await settle(pilot)
        await pilot.press("Q")
        await settle(pilot)
        panel = app.screen
        everything = len(panel.records)
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert panel.only_article
        assert {r.doc for r in panel.records} == {DOC_001}
        assert len(panel.records) < everything
        await pilot.press("ctrl+t")
        await settle(pilot)
        assert len(panel.records) == everything
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)


@aio
async def test_typing_in_the_quote_list_goes_to_the_filter(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("Q")
        await settle(pilot)
        await pilot.press("down")
        await pilot.press("tab")
        assert isinstance(app.focused, QuoteList)
        await pilot.press(*"trump")
        await pilot.pause()
        panel = app.screen
        assert panel.query_one("#quote-filter", Input).value == "trump"
        assert panel.shown and all(r.quote.speaker == "Donald Trump" for r in panel.shown)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen.query_one(SourceView).selected_quote[1].speaker == "Donald Trump"


# -- help, palette, themes ---------------------------------------------------------------------


@aio
async def test_help_lists_every_key_and_closes(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        shown = [str(w.render()) for w in app.screen.query(".help-key")]
        tooltips = [str(w.render()) for w in app.screen.query(".help-what")]
        for _, row in all_rows():
            assert row.keys_text in shown
            assert row.tooltip in tooltips
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)
        await pilot.press("question_mark", "q")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen) and app.is_running


@aio
async def test_command_palette_lists_every_action(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        titles = {c.title for c in app.get_system_commands(app.screen)}
        for title in ("Search", "Cite", "Copy", "Style", "Quotes", "Next match",
                      "Previous match", "Next quote", "Previous quote", "Help", "Quit", "Mark",
                      "Marks", "Open", "Compare", "Citation style: apa", "Theme"):
            assert any(t.startswith(title) for t in titles), title
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)
        await pilot.press(*"style: mla")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert app.cite_style == "mla"


@aio
async def test_theme_switch_restyles_the_source(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search(pilot, "Tokayev")
        source = app.screen.query_one(SourceView)
        before = source._style("match")
        app.theme = "reader-light"
        await settle(pilot)
        assert source._style("match") != before


@aio
async def test_no_color(monkeypatch, seeds_index):
    monkeypatch.setenv("NO_COLOR", "1")
    app = make_app(SEEDS, seeds_index)
    assert app.no_color
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search(pilot, "Tokayev")
        assert app.is_running


@aio
async def test_resize_to_40x12_and_back(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search(pilot, "Tokayev")
        source = app.screen.query_one(SourceView)
        para = source.current_paragraph.number
        await pilot.resize_terminal(40, 12)
        await settle(pilot)
        assert app.screen.has_class("-narrow")
        await pilot.press("tab", "j", "k")
        await pilot.resize_terminal(*SIZE)
        await settle(pilot)
        assert source.current_paragraph.number == para
        first = source.line_of_paragraph(para)
        assert source.scroll_y <= first < source.scroll_y + source.size.height


# -- hostile text ------------------------------------------------------------------------------


@aio
async def test_hostile_article_text_is_never_markup(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "evil.txt").write_text(
        f"Judul {HOSTILE}\n\nParagraf pertama {HOSTILE} dengan kata Tokayev.\n\n"
        f"“Kutipan {HOSTILE} panjang sekali untuk diuji,” kata Tokayev [b]kepada[/b] wartawan.\n",
        encoding="utf-8")
    app = make_app(corpus, tmp_path / "ix")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        await search(pilot, "Tokayev")
        await pilot.press("tab", "j", "right_square_bracket", "c", "y", "Q")
        await settle(pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert app.is_running
        screen = app.export_screenshot()
        assert "[@click=app.quit]x[/]" in screen
        assert "\x1b" not in app.clipboard
        source = app.screen.query_one(SourceView)
        for y in range(len(source._lines)):
            source.scroll_to(y=y, animate=False, immediate=True, force=True)
            assert "\x1b" not in source.render_line(0).text
        await pilot.click(SourceView, offset=(20, 4))
        await pilot.pause()
        assert app.is_running


# -- the source widget on its own --------------------------------------------------------------


def big_article(size: int = 150_000) -> Article:
    sentence = ("Presiden Kazakhstan Kassym-Jomart Tokayev mengatakan “kerja sama ini penting "
                "bagi kawasan,” kata Tokayev di Astana. ")
    paragraphs = []
    text_total = 0
    number = 1
    while text_total < size:
        text = sentence * 6
        start = text.index("“") + 1
        quote = Quote(start, text.index("”"), text[start:text.index("”")], speaker="Tokayev")
        paragraphs.append(Paragraph(number, text, text_total, text_total + len(text),
                                    quotes=[quote]))
        text_total += len(text) + 2
        number += 1
    return Article(doc="big", path="big.txt", title="Artikel besar", paragraphs=paragraphs,
                   source="Contoh")


class CountingView(SourceView):
    """The source view, counting its work: layouts of the article and lines drawn."""

    layouts = 0
    drawn = 0

    def _relayout(self) -> None:
        type(self).layouts += 1
        super()._relayout()

    def render_line(self, y: int):
        type(self).drawn += 1
        return super().render_line(y)


@aio
async def test_a_150_kb_article_is_laid_out_once_and_only_visible_lines_are_drawn():
    from textual.app import App, ComposeResult

    class One(App):
        def compose(self) -> ComposeResult:
            yield CountingView()

    article = big_article()
    async with One().run_test(size=SIZE) as pilot:
        view = pilot.app.query_one(CountingView)
        await pilot.pause()
        CountingView.layouts = CountingView.drawn = 0
        view.show_article(article, para=len(article.paragraphs) // 2)
        await pilot.pause()
        assert CountingView.layouts == 1
        total_lines = len(view._lines)
        height = view.size.height
        assert total_lines > 20 * height  # a long article: most of it is off screen
        drawn_first = CountingView.drawn
        assert drawn_first <= 3 * height  # one frame or so, not the whole article
        CountingView.drawn = 0
        for _ in range(20):
            await pilot.press("j")
        await pilot.pause()
        assert CountingView.layouts == 1  # moving never lays the article out again
        assert CountingView.drawn <= 20 * 3 * height
        assert view.current_paragraph.number == len(article.paragraphs) // 2 + 20


def test_wrap_offsets_cover_the_text():
    text = "satu dua tiga empat lima enam tujuh delapan sembilan sepuluh " * 3 + "x" * 50
    for width in (8, 13, 40):
        lines = wrap_offsets(text, width)
        assert all(b - a <= width for a, b in lines)
        assert " ".join(text[a:b] for a, b in lines).split() != []
        words = [w for a, b in lines for w in text[a:b].split()]
        assert "".join(words) == "".join(text.split())
    assert wrap_offsets("", 10) == [(0, 0)]
    assert wrap_offsets("a\n\nb", 10) == [(0, 1), (2, 2), (3, 4)]


def test_clipboard_commands_and_tmux_wrapping():
    assert clipboard.tmux_passthrough("hi") == "\x1bPtmux;\x1b\x1b]52;c;aGk=\x07\x1b\\"
    assert clipboard.native_commands({}, "linux") == []
    env = {"DISPLAY": ":0", "WAYLAND_DISPLAY": "wayland-0", "TMUX": "/tmp/t,1,0"}
    names = [c[0] for c in clipboard.native_commands(env, "linux")]
    assert names == [n for n in ("tmux", "wl-copy", "xclip", "xsel")
                     if shutil.which(n)][: len(names)]
    assert sum(n in ("wl-copy", "xclip", "xsel") for n in names) <= 1
    assert clipboard.run_native([["false"]], "x") == []
    assert clipboard.run_native([["definitely-not-a-command-here"]], "x") == []


# -- snapshots ---------------------------------------------------------------------------------


def test_snapshot_results_for_tokayev(snap_compare, seeds_index):
    async def run_before(pilot):
        await settle(pilot)
        await search(pilot, "Tokayev")

    app = make_app(SEEDS, seeds_index)
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_snapshot_source_with_quotes(snap_compare, seeds_index):
    async def run_before(pilot):
        await settle(pilot)
        pilot.app.main.open_doc(DOC_000, 8)
        pilot.app.main.source.focus()
        await settle(pilot)

    app = make_app(SEEDS, seeds_index)
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_snapshot_quotes_panel(snap_compare, seeds_index):
    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("Q")
        await settle(pilot)

    app = make_app(SEEDS, seeds_index)
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_snapshot_help(snap_compare, seeds_index):
    async def run_before(pilot):
        await settle(pilot)
        await pilot.press("question_mark")
        await settle(pilot)

    app = make_app(SEEDS, seeds_index)
    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)
