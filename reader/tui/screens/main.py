"""The main screen: search and results (or the articles) on the left, the article on the right.

The screen owns its thread workers (opening the index, the matches of the query in the open
article, where its statements are reported elsewhere) and handles their messages; the app only
holds the library, the settings and what is remembered. Keys live in ``BINDINGS`` below with
an id (for remapping) and a tooltip (for help, the palette and the README); the actions are in
:mod:`reader.tui.screens.main_actions`.
"""

from __future__ import annotations

import time
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.events import Key
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import Footer
from textual.worker import get_current_worker

from reader.errors import IndexProblem, ReaderError
from reader.records import Article, Hit
from reader.tui.index_progress import ProgressText
from reader.tui.messages import (
    CounterpartsReady,
    IndexFailed,
    IndexLost,
    IndexOpen,
    IndexReady,
    MatchesReady,
    lost,
)
from reader.tui.screens.ask_again import AskAgain
from reader.tui.screens.main_actions import MainActions
from reader.tui.screens.main_index import IndexWork
from reader.tui.widgets.article_header import ArticleHeader
from reader.tui.widgets.line_list import LineList
from reader.tui.widgets.lists import ArticleList, ResultsList
from reader.tui.widgets.search_box import SearchBox
from reader.tui.widgets.search_pane import SearchPane
from reader.tui.widgets.source_view import SourceView
from reader.tui.widgets.text_layout import clip

if TYPE_CHECKING:
    from reader.tui.app import ReaderApp

MATCH_LIMIT = 500  # hits asked for when highlighting the open article


class MainScreen(MainActions, IndexWork, AskAgain, Screen[None]):
    """Search, results and the source side by side."""

    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (76, "-wide")]
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-short"), (18, "-tall")]

    BINDINGS: ClassVar[list[BindingType]] = [
        # a priority binding, so keys typed right after "/" already go to the search box
        Binding("slash", "search", "Search", key_display="/", priority=True, id="search",
                tooltip="focus the search box, its text selected: typing replaces it; "
                        "results update as you type"),
        Binding("c", "cite", "Cite", id="cite",
                tooltip="copy a citation of the current paragraph, or of the selected quote"),
        Binding("y", "copy_text", "Copy", show=False, id="copy",
                tooltip="copy the plain text of the current paragraph, or of the selected quote"),
        Binding("m", "mark", "Mark", id="mark",
                tooltip="mark the current paragraph or the selected quote (again: unmark)"),
        Binding("M", "marks", "Marks", key_display="M", id="marks",
                tooltip="the marks panel: reorder, delete, add a note, export"),
        Binding("o", "open_source", "Open", id="open-source",
                tooltip="open the article's URL in the browser ($BROWSER), or its file in "
                        "$EDITOR / $PAGER at the paragraph; over SSH: copy the URL"),
        Binding("n", "next_match", "Next match", show=False, id="next-match",
                tooltip="next match of the search in the article"),
        Binding("N", "prev_match", "Previous match", show=False, key_display="N",
                id="previous-match", tooltip="previous match of the search in the article"),
        Binding("right_square_bracket", "next_quote", "Next quote", show=False,
                key_display="]", id="next-quote",
                tooltip="select the next quotation in the article"),
        Binding("left_square_bracket", "prev_quote", "Previous quote", show=False,
                key_display="[", id="previous-quote",
                tooltip="select the previous quotation in the article"),
        Binding("a", "also_in", "Also in", show=False, id="also-in",
                tooltip="go to where the selected statement is also reported; again: the "
                        "next report, then back"),
        Binding("Q", "quotes", "Quotes", key_display="Q", id="quotes",
                tooltip="the quotes panel: every quote with its speaker and article"),
        Binding("v", "compare", "Compare", show=False, id="compare",
                tooltip="compare the open (or selected) article with another, chosen in a "
                        "picker ranked by similarity"),
        Binding("ctrl+s", "save_search", "Save search", show=False, id="save-search",
                tooltip="save the current search"),
        Binding("S", "saved_searches", "Saved", show=False, key_display="S",
                id="saved-searches",
                tooltip="saved searches, with how many more hits each has since last opened"),
        Binding("s", "sort", "Sort", show=False, id="sort",
                tooltip="order the results: by relevance, newest first, oldest first (every "
                        "match by its article's date); again: the next order"),
        Binding("f", "facets", "Narrow", show=False, id="facets",
                tooltip="narrow the search to one outlet or year, picked from the counts of "
                        "its matches (the line above the results)"),
        Binding("d", "dense", "Dense", show=False, id="dense",
                tooltip="one line per result or article (again: two)"),
        Binding("less_than_sign", "pane_width(-4)", "Narrower", show=False, key_display="<",
                id="narrower", tooltip="narrow the left pane"),
        Binding("greater_than_sign", "pane_width(4)", "Wider", show=False, key_display=">",
                id="wider", tooltip="widen the left pane"),
        Binding("z", "maximise", "Maximise", show=False, id="maximise",
                tooltip="the article alone, full width (again: both panes)"),
        Binding("escape", "back", "Back", show=False, id="back",
                tooltip="leave the search box; drop the selected quote; in the results: "
                        "clear the search"),
    ]
    AUTO_FOCUS = ""  # nothing is focused until the articles are listed, so q and / work

    def __init__(self) -> None:
        super().__init__()
        self._last_progress = 0.0
        self._started = time.monotonic()
        self._rebuilding = False
        self._reopened = False
        self._progress = ProgressText()
        self._finishing: Timer | None = None
        self._composed = False  # keys typed while the app starts find no widgets before it
        self._search_typed = False  # "/" typed then: the search box gets what follows
        self._slash_dropped = False

    @property
    def reader(self) -> ReaderApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            yield SearchPane(id="left")
            with Vertical(id="right"):
                yield ArticleHeader(id="head", classes="-empty")
                yield SourceView(id="source")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#right").border_title = "Source"
        width = self.reader.corpus_state.left_width
        if width:
            self.query_one("#left").styles.width = width
        self._composed = True
        if self._search_typed:
            self.set_focus(self.search_box)

    def on_key(self, event: Key) -> None:
        """``/words`` typed while the reader started: the characters, queued for this screen
        before the search box was there, go into it now, in order."""
        if self._search_typed and event.is_printable and event.character and isinstance(
                self.focused, SearchBox):
            event.stop()
            event.prevent_default()
            if event.character == "/" and not self._slash_dropped:
                self._slash_dropped = True  # the "/" that asked for the search box
                return
            self.search_box.insert_text_at_cursor(event.character)

    def on_resize(self) -> None:
        # below 100 columns the footer drops its padding so more keys still fit
        self.query_one(Footer).compact = self.size.width < 100

    # -- parts ------------------------------------------------------------------------------------

    @property
    def search_pane(self) -> SearchPane:
        return self.query_one(SearchPane)

    @property
    def search_box(self) -> SearchBox:
        return self.query_one(SearchBox)

    @property
    def source(self) -> SourceView:
        return self.query_one(SourceView)

    @property
    def results(self) -> ResultsList:
        return self.query_one(ResultsList)

    @property
    def article_list(self) -> ArticleList:
        return self.query_one(ArticleList)

    # -- the index --------------------------------------------------------------------------------

    def _index_answers(self) -> None:
        self._stop_finishing()
        self.reader.index_ready = True
        self.reader.index_error = None
        self.answering_again()

    def on_index_open(self, message: IndexOpen) -> None:
        """Searches answer from now on, before the article list is loaded."""
        self._index_answers()
        self.reader.forget_articles()
        self.search_pane.index_open()

    def on_index_ready(self, message: IndexReady) -> None:
        self._index_answers()
        reader = self.reader
        self._rebuilding = False
        if not message.searched:
            reader.forget_articles()
        self.search_pane.index_ready(message.articles, search_again=not message.searched)
        reader.marks.relocate(reader.library_article)
        self._show_marked()
        if message.rebuilt:
            self.notify("The index was rebuilt; you can go on.", title="Index",
                        markup=False, timeout=5)
        if message.warnings:
            shown = "\n".join(clip(w, 200) for w in message.warnings[:5])
            more = len(message.warnings) - 5
            if more > 0:
                shown += f"\n… and {more} more"
            self.notify(shown, title="Some files were skipped", severity="warning",
                        markup=False)
        if not self._reopened:
            self._reopened = True
            self.reopen_last()
        if self.focused is None and message.articles:
            self.search_pane.focus_list()
        elif self.source.article is not None:
            self.find_matches()

    def on_index_failed(self, message: IndexFailed) -> None:
        self._stop_finishing()
        if message.retry:
            self.unavailable(message.error)
            return
        reader = self.reader
        reader.index_error = message.error
        self._rebuilding = False
        self.search_pane.index_failed(message.error)
        self.notify(message.error, title="Cannot open the corpus", severity="error",
                    markup=False, timeout=10)

    def on_index_lost(self, message: IndexLost) -> None:
        """A question failed on the index: say so and rebuild it (once at a time)."""
        message.stop()
        self.index_lost(message.error, message.retry)

    def index_lost(self, error: str, retry: bool = False) -> None:
        if retry:
            self.unavailable(error)
            return
        if self._rebuilding:
            return
        self._rebuilding = True
        self.reader.index_ready = False
        self.notify(f"{clip(error, 200)}. Rebuilding the index; the article stays open.",
                    title="The index is not usable", severity="warning", markup=False,
                    timeout=8)
        self.build_index(rebuilt=True)

    def reopen_last(self) -> None:
        """The article and paragraph open when the reader was last closed."""
        state = self.reader.corpus_state
        if state.last_doc and self.source.article is None:
            known = {a.doc for a in self.search_pane.articles}
            if state.last_doc in known:
                self.open_doc(state.last_doc, state.last_para)

    # -- opening ----------------------------------------------------------------------------------

    @on(LineList.Selected, "#results")
    def _result_selected(self, event: LineList.Selected) -> None:
        event.stop()
        hit = self.results.selected
        if hit is not None:
            if self.search_pane.query:
                self.reader.corpus_state.remember_query(self.search_pane.query)
            self.open_hit(hit)

    @on(LineList.Selected, "#articles")
    def _article_selected(self, event: LineList.Selected) -> None:
        event.stop()
        summary = self.article_list.selected
        if summary is not None:
            self.open_doc(summary.doc)

    def open_hit(self, hit: Hit) -> None:
        matches = {hit.para: list(hit.highlights)}
        for number in hit.repeats:
            matches[number] = list(hit.highlights)
        self.open_doc(hit.doc, hit.para, matches=matches)

    def open_doc(self, doc: str, para: int | None = None, quote: int | None = None,
                 matches: dict[int, list[tuple[int, int]]] | None = None) -> Article | None:
        article = self.reader.load_article(doc)
        if article is None:
            return None
        source = self.source
        if source.article is not None and source.article.doc == doc:
            if matches:
                merged = source.matches_by_number()
                merged.update(matches)
                source.set_matches(merged)
            if para is not None:
                source.goto(para, quote=quote, top=True)
        else:
            source.show_article(article, para, quote=quote, matches=matches)
            self.query_one(ArticleHeader).show(article)
            self.find_counterparts(doc)
        self._show_marked()
        self._titles()  # at once, not when the next message is handled
        query = self.search_pane.query
        result = self.search_pane.result
        if query and result is not None and not result.error:
            self.find_matches()
        return article

    def query_changed(self, query: str) -> None:
        """The search box's query has an answer (or was cleared): highlight it in the article."""
        if not query:
            self.source.set_matches({})
            return
        self.find_matches()

    # -- matches and counterparts -----------------------------------------------------------------

    def find_matches(self) -> None:
        """Highlight every match of the query in the open article (in a worker)."""
        article = self.source.article
        query = self.search_pane.query
        if article is None or not query or not self.reader.index_ready:
            return
        self._find_matches(query, article.doc)

    @work(thread=True, exclusive=True, group="matches", exit_on_error=False)
    def _find_matches(self, query: str, doc: str) -> None:
        try:
            hits = self.reader.library.matches_in(doc, query, limit=MATCH_LIMIT)
        except IndexProblem as exc:
            self.post_message(lost(exc))
            return
        except ReaderError:
            return  # a malformed query: the search box's status says why
        matches: dict[int, list[tuple[int, int]]] = {}
        for hit in hits:
            for number in (hit.para, *hit.repeats):
                matches.setdefault(number, []).extend(hit.highlights)
        if not get_current_worker().is_cancelled:
            self.post_message(MatchesReady(doc, query, matches))

    def on_matches_ready(self, message: MatchesReady) -> None:
        source = self.source
        if source.article is None or source.article.doc != message.doc:
            return
        if message.query != self.search_pane.query:
            return
        source.set_matches(message.matches)

    def find_counterparts(self, doc: str) -> None:
        """Look up where else each statement of ``doc`` is reported (in a worker)."""
        if not self.reader.index_ready:
            return
        found = self.reader.counterparts.get(doc)
        if found is not None:
            self.source.set_counterparts(found)
            return
        self._find_counterparts(doc)

    @work(thread=True, exclusive=True, group="counterparts", exit_on_error=False)
    def _find_counterparts(self, doc: str) -> None:
        try:
            found = self.reader.library.quote_counterparts(doc)
        except IndexProblem as exc:
            self.post_message(lost(exc))
            return
        except ReaderError:
            return  # the article went away meanwhile: no links to show
        if not get_current_worker().is_cancelled:
            self.post_message(CounterpartsReady(doc, found))

    def on_counterparts_ready(self, message: CounterpartsReady) -> None:
        self.reader.counterparts[message.doc] = message.counterparts
        source = self.source
        if source.article is not None and source.article.doc == message.doc:
            source.set_counterparts(message.counterparts)

    # -- titles -----------------------------------------------------------------------------------

    @on(SourceView.Moved)
    def _source_moved(self, event: SourceView.Moved) -> None:
        self._titles()

    def _titles(self) -> None:
        source = self.source
        right = self.query_one("#right")
        article = source.article
        right.border_subtitle = source.position_label()
        # the header shows the title; the border names the article as DOC (for the CLI), a
        # Content title so text from a file is never read as markup
        right.border_title = Content(clip(article.doc, 60) if article else "Source")
        paragraph = source.current_paragraph
        if article is not None and paragraph is not None:
            state = self.reader.corpus_state
            state.last_doc, state.last_para = article.doc, paragraph.number

    def _show_marked(self) -> None:
        article = self.source.article
        if article is None:
            return
        self.source.set_marked({(m.para, m.quote) for m in self.reader.marks.marks
                                if m.doc == article.doc and not m.missing})

    @on(SourceView.AlsoIn)
    def _also_in_clicked(self, event: SourceView.AlsoIn) -> None:
        event.stop()
        self.action_also_in()

    # -- focus ------------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self._composed:  # a key typed ahead while the reader starts: no widgets yet
            self._search_typed = self._search_typed or action == "search"
            return False
        if action == "search" and isinstance(self.focused, SearchBox):
            return False  # "/" typed in the search box is a character
        return True

    def action_search(self) -> None:
        self.set_focus(self.search_box)

    def action_back(self) -> None:
        focused = self.focused
        if isinstance(focused, SearchBox):
            self.search_pane.focus_list()
        elif isinstance(focused, SourceView):
            if not focused.clear_quote():
                self.search_pane.focus_list()
        elif isinstance(focused, ResultsList):
            self.search_pane.clear()
