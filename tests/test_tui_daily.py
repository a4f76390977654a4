"""The reader as a daily tool: each bug a user met, pressed key by key against real indexes.

Every test here failed on the reader before its fix (the comment on each says what it did).
"""

from __future__ import annotations

from textual.widgets import Input

from reader.settings import Settings
from reader.tui.screens.compare import CompareScreen
from reader.tui.screens.picker import ArticlePicker
from reader.tui.screens.quotes import QuoteList, QuotesPanel
from reader.tui.widgets import SearchBox, SourceView
from reader.tui.widgets.article_header import ArticleHeader
from reader.tui.widgets.compare_view import CompareView
from reader.tui.widgets.lists import ResultsList
from reader.tui.widgets.search_box import PLACEHOLDER

from .tui_support import (
    DOC_000,
    DOC_001,
    SEEDS,
    SIZE,
    SMALL,
    TITLE_001,
    aio,
    app,
    make_app,
    notices,
    private_state,
    region_text,
    screen_lines,
    search,
    seeds_index,
    settle,
    status,
    until,
)

FIXTURES = (app, private_state, seeds_index)  # used by name in the tests below
MANY = "Tokayev OR Trump OR Kazakhstan"


def screen_text(app) -> str:
    """What the terminal shows, as plain text with runs of spaces squeezed."""
    return " ".join(" ".join(screen_lines(app)).split())


def squeezed(text: str) -> str:
    return " ".join(text.split())


# 1. A search cut short was shown as final: "time budget reached", never completed, and Enter
#    did not run it again.
@aio
async def test_a_partial_answer_is_finished_in_the_background_like_the_cli(seeds_index):
    app = make_app(SEEDS, seeds_index, typing_budget=1e-9)  # every first answer is cut short
    answers: list[tuple[int, int, bool]] = []
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pane = app.main.search_pane
        shown = pane.search_done

        def recorded(serial, result, final=True):
            answers.append((len(result.hits), result.total, final))
            shown(serial, result, final)

        pane.search_done = recorded
        await search(pilot, MANY, enter=False)
        cli = app.library.search(MANY, limit=20, time_budget=Settings().search_budget)
        assert not cli.partial and cli.total == 15
        assert answers[0][2] is False and answers[0][1] < cli.total  # partial first …
        assert answers[-1] == (len(cli.hits), cli.total, True)  # … then the complete answer
        results = app.screen.query_one(ResultsList)
        assert [(h.doc, h.para) for h in results.hits] == [(h.doc, h.para) for h in cli.hits]
        assert status(app).startswith("15 paragraphs") and "so far" not in status(app)


@aio
async def test_enter_on_a_partial_answer_opens_the_complete_top_hit(seeds_index):
    app = make_app(SEEDS, seeds_index, typing_budget=1e-9)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"Kaz*", "enter")
        await settle(pilot)
        top = app.library.search("Kaz*", limit=1, time_budget=2.0).hits[0]
        source = app.screen.query_one(SourceView)
        assert (source.article.doc, source.current_paragraph.number) == (top.doc, top.para)


# 2. Status lines were cut at 80 columns: the query error, the search box's hint.
@aio
async def test_status_lines_wrap_and_the_hint_fits_at_80_columns(app):
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        box = app.screen.query_one(SearchBox)
        assert len(PLACEHOLDER) <= box.content_region.width  # the whole hint is visible
        await search(pilot, '"Truth Social', enter=False)
        line = app.screen.query_one("#status")
        message = app.main.search_pane.result.error
        assert "close the phrase" in message
        assert line.size.height > 1  # wrapped, not cut
        assert squeezed(message) in region_text(app, line)


@aio
async def test_the_compare_status_wraps_at_80_columns(app):
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        app.main.open_doc(DOC_000)
        await settle(pilot)
        await pilot.press("v")
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, CompareScreen)
        line = app.screen.query_one("#compare-status")
        text = str(line.render())
        assert "only in B" in text
        assert squeezed(text) in region_text(app, line)


# 3. At 80x24 the quotes panel lost speaker lines.
@aio
async def test_the_quotes_panel_keeps_every_speaker_at_80x24(app):
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        await pilot.press("Q")
        await settle(pilot)
        panel = app.screen
        assert isinstance(panel, QuotesPanel)
        quotes = panel.query_one(QuoteList)
        visible = quotes.size.height // quotes.item_height
        assert visible >= 2
        shown = screen_text(app)
        for record in panel.shown[:visible]:
            speaker = record.quote.speaker or "speaker not named"
            assert speaker in shown, speaker
            third = "".join(t for t, _ in quotes.lines_of(panel.shown.index(record),
                                                          quotes.size.width - 2)[-1])
            assert third.startswith(speaker)


# 4. "/" from the source kept the old query, so typing appended to it.
@aio
async def test_slash_selects_the_query_so_typing_replaces_it(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search(pilot, "Tokayev", keys=True)
        await pilot.press("tab")
        assert isinstance(app.focused, SourceView)
        await pilot.press("slash", *"Rubio")
        await settle(pilot)
        assert app.screen.query_one(SearchBox).value == "Rubio"


# 5. After jumping to a quote of another article the title and status showed the old article.
@aio
async def test_jumping_to_a_quote_of_another_article_retitles_at_once(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.main.open_doc(DOC_000, 1)
        await settle(pilot)
        await pilot.press("Q")
        await settle(pilot)
        app.screen.query_one("#quote-filter", Input).value = "rubio"
        await pilot.pause()
        record = app.screen.highlighted
        assert record.doc == DOC_001
        app.screen.dismiss(record)  # what enter does; the panel's callback opens the quote …
        await pilot.pause()
        right = app.screen.query_one("#right")
        header = app.screen.query_one(ArticleHeader)
        assert header.article.doc == DOC_001 and TITLE_001 in str(header.render())
        assert right.border_subtitle.startswith("¶4 of 13")
        # … and the titles change in the same call, not when a later message is handled
        app.main._jump_to((DOC_000, 3, 1))
        assert header.article.doc == DOC_000
        assert str(right.border_title) == DOC_000
        assert right.border_subtitle.startswith("¶3 of 12 · quote 1")


# 6. The notification said "Copied a apa citation".
@aio
async def test_copy_notifications_use_the_right_article(app):
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.main.open_doc(DOC_001, 2)
        await settle(pilot)
        for style, said in (("apa", "Copied an APA citation of ¶2"),
                            ("mla", "Copied an MLA citation of ¶2"),
                            ("bibtex", "Copied a BibTeX citation of ¶2"),
                            ("plain", "Copied a plain citation of ¶2"),
                            ("csl-json", "Copied a CSL-JSON citation of ¶2")):
            app.set_style(style)
            await pilot.press("c")
            await pilot.pause()
            assert list(app._notifications)[-1].title.startswith(said), style


# 7. n and ] did nothing and said nothing without a match or a quote, and wrapped silently.
@aio
async def test_n_and_brackets_say_when_there_is_nothing_and_when_they_wrap(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "tanpa.txt").write_text("Judul Tanpa Kutipan\n\nSatu paragraf tentang Tokayev.\n\n"
                                      "Paragraf kedua tentang Astana.\n", encoding="utf-8")
    (corpus / "dengan.txt").write_text(
        "Judul Dengan Kutipan\n\n“Kami siap bekerja sama,” kata Tokayev di Astana.\n\n"
        "Paragraf tanpa apa-apa.\n\n“Ini penting bagi kawasan,” ujar Tokayev.\n",
        encoding="utf-8")
    app = make_app(corpus, tmp_path / "ix")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.main.open_doc("tanpa")
        await settle(pilot)
        await pilot.press("tab", "n")
        assert notices(app)[-1].startswith("No search:")
        await pilot.press("right_square_bracket")
        assert notices(app)[-1] == "This article has no quotations."
        await search(pilot, "Astana", enter=False)
        app.main.open_doc("tanpa")
        app.main.source.focus()
        await settle(pilot)
        await pilot.press("n")
        await pilot.press("n")
        assert notices(app)[-1] == "Past the last match: back to the first." or \
            app.screen.query_one(SourceView).match_count == 1
        app.main.open_doc("dengan", 1)
        app.main.source.focus()
        await settle(pilot)
        source = app.screen.query_one(SourceView)
        await pilot.press("right_square_bracket", "right_square_bracket")
        assert source.selected_quote[0] == 1 and source.current_paragraph.number == 3
        await pilot.press("right_square_bracket")
        assert notices(app)[-1] == "Past the last quotation: back to the first."
        await search(pilot, "Tokayev", enter=False)
        app.main.open_doc("dengan", 3)
        app.main.source.focus()
        await settle(pilot)
        await pilot.press("n")
        assert notices(app)[-1] == "Past the last match: back to the first."
        await search(pilot, "Rubio", enter=False)
        app.main.open_doc("dengan", 1)
        app.main.source.focus()
        await settle(pilot)
        await pilot.press("n")
        assert notices(app)[-1].startswith("No matches of “Rubio” in this article")
        assert all("\n" not in text for text in notices(app))  # one line each


# 9. The plain citation cut the paragraph at 200 characters.
@aio
async def test_the_plain_citation_keeps_the_whole_paragraph(seeds_index):
    app = make_app(SEEDS, seeds_index, citation_style="plain")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        article = app.library.article(DOC_001)
        longest = max(article.paragraphs, key=lambda p: len(p.text))
        assert len(longest.text) > 200
        app.main.open_doc(DOC_001, longest.number)
        await settle(pilot)
        await pilot.press("c")
        await pilot.pause()
        assert squeezed(longest.text) in squeezed(app.clipboard)


# 10. Opening an article at ¶5 scrolled its title, outlet and date off screen.
@aio
async def test_the_header_stays_when_an_article_opens_half_way(app):
    async with app.run_test(size=SMALL) as pilot:
        await settle(pilot)
        app.main.open_doc(DOC_000, 9)
        await settle(pilot)
        source = app.screen.query_one(SourceView)
        assert source.scroll_y > 0  # the paragraph is not at the top of the article
        article = source.article
        shown = screen_text(app)
        assert squeezed(article.title)[:40] in shown
        assert article.source in shown


# 11. Compare printed a long passage once per pairing, and the picker matched loosely and did
#     not rank.
@aio
async def test_a_passage_paired_several_times_is_printed_once(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    sentences = ["Presiden Tokayev bertemu Trump di Gedung Putih membahas Abraham Accords.",
                 "Kazakhstan bergabung dengan kesepakatan damai bersama Israel tahun ini.",
                 "Menteri Rubio menyebut kerja sama ekonomi dan keamanan akan diperluas."]
    (corpus / "a.txt").write_text("Judul Panjang A\n\n" + " ".join(sentences * 4) + "\n",
                                  encoding="utf-8")
    (corpus / "b.txt").write_text("Judul B\n\n" + "\n\n".join(sentences) + "\n",
                                  encoding="utf-8")
    app = make_app(corpus, tmp_path / "ix")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.main.open_doc("a")
        await settle(pilot)
        await pilot.press("v", "enter")
        await settle(pilot)
        view = app.screen.query_one(CompareView)
        rows = [r for r in view.rows if r.a == 1]
        assert len(rows) == 3  # A ¶1 pairs with each of B's paragraphs …
        bodies = [line for line in view._lines if line.a.kind == "body"]
        long_text = view._sides["a"].texts[1]
        printed = sum(line.a.end - line.a.start for line in bodies)
        assert printed <= len(long_text)  # … and is printed once
        notes = [line.a.text for line in view._lines if line.a.kind == "note"]
        assert any("in full on row 1" in note for note in notes)


@aio
async def test_the_compare_picker_ranks_by_similarity_and_matches_strictly(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    story = ("Presiden Tokayev bertemu Trump di Gedung Putih membahas Abraham Accords dan "
             "kerja sama ekonomi Kazakhstan.")
    (corpus / "a-open.txt").write_text(f"Judul Pertama\n\n{story}\n", encoding="utf-8")
    (corpus / "b-other.txt").write_text("Aaa Cuaca Cerah Oleh Ramalan\n\nHujan ringan turun di "
                                        "Bandung sore ini menurut ramalan cuaca.\n",
                                        encoding="utf-8")
    (corpus / "c-same.txt").write_text(f"Zzz Laporan Lain\n\n{story} Kata wartawan.\n",
                                       encoding="utf-8")
    app = make_app(corpus, tmp_path / "ix")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.main.open_doc("a-open")
        await settle(pilot)
        await pilot.press("v")
        picker = app.screen
        assert isinstance(picker, ArticlePicker)
        await until(pilot, lambda: picker.scores is not None, "the ranking")
        assert [a.doc for a in picker.shown] == ["c-same", "b-other"]  # related first
        picker.query_one("#pick-filter", Input).value = "corona"
        await pilot.pause()
        assert picker.shown == []  # no title holds a word like "corona"
        assert "most related first" in str(picker.query_one("#pick-status").render())


def test_help_text_fits_80_columns():
    # the hint of the search box is meant for a box 28 cells wide (80 columns, 40% pane)
    assert len(PLACEHOLDER) <= 28
    assert DOC_001 and DOC_000


# Text from files reaches the screen through the shells' one cleaner: an escape or a bidi
# control shows as a visible character, in the header and in the article.
@aio
async def test_controls_in_an_article_show_visibly_through_the_one_cleaner():
    from textual.app import App, ComposeResult

    from reader.records import Article, Paragraph

    text = "Paragraf \x1b[31mmerah\x1b[0m dan \u202egnp.exe tentang Tokayev."
    article = Article(doc="jahat", path="jahat.txt", title="Judul \u202egnp.exe",
                      author="Nama\x1b]52;c;AAAA\x07", source="Contoh",
                      paragraphs=[Paragraph(1, text, 0, len(text))])

    class Two(App):
        def compose(self) -> ComposeResult:
            yield ArticleHeader()
            yield SourceView()

    async with Two().run_test(size=SIZE) as pilot:
        pilot.app.query_one(ArticleHeader).show(article)
        pilot.app.query_one(SourceView).show_article(article, 1)
        await pilot.pause()
        shown = "\n".join(screen_lines(pilot.app))
        assert "\x1b" not in shown and "\u202e" not in shown and "\x07" not in shown
        assert "␛[31mmerah␛[0m" in shown and "Nama␛]52;c;AAAA␇" in shown
        assert "\ufffdgnp.exe" in shown


def test_a_quote_line_keeps_a_space_between_speaker_and_title():
    from reader.records import Quote, QuoteRecord
    from reader.tui.screens.quotes import quote_lines

    record = QuoteRecord(doc="d1", para=4, index=1, title="Kazakhstan Terpilih Menjadi Anggota",
                         quote=Quote(text="Kami akan segera mengumumkan.", speaker="Trump",
                                     start=0, end=10))
    for width in (80, 40, 24):
        meta = "".join(text for text, _style in quote_lines(record, width)[-1])
        assert meta.startswith("Trump · "), meta
        assert meta.endswith(" ¶4") and len(meta) <= max(width, 4 + len("Trump ¶4 ")), meta
