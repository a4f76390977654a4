"""The left pane: the search box, a status line, and the articles or the search results.

Every keystroke starts a search at once (no debounce), in a thread of its own, and the key's
echo waits for the answer to be painted with it (:mod:`~reader.tui.widgets.typing_search`); a
search still waiting for a thread when a newer one starts never runs, and answers to older
searches are dropped by number. A search gets the typing budget first; if it
is cut short, the partial answer is shown, marked as such, and the same search goes on in the
background with the command line's budget and replaces it: the list then has the CLI's ranking
and total. "Did you mean" is asked only on ``enter`` or when typing pauses on a query with no
hits. A keystroke asks for the first 20 hits (more than a screenful); scrolling to the end of
the results loads the next page. The results come by relevance or by date (:attr:`sort`); the
counts by outlet and year (:class:`FacetBar`) are asked for once a final answer is painted.
"""

from __future__ import annotations

import asyncio
from concurrent.futures import Future
from typing import TYPE_CHECKING

from rich.cells import cell_len
from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.timer import Timer
from textual.widgets import ContentSwitcher, Input, ProgressBar, Static
from textual.worker import get_current_worker

from reader.errors import IndexProblem
from reader.records import ArticleSummary, SearchResult
from reader.tui.messages import MoreResults, SearchDone, Suggestions, lost
from reader.tui.widgets.facet_bar import FacetBar
from reader.tui.widgets.line_list import LineList
from reader.tui.widgets.lists import ArticleList, ResultsList
from reader.tui.widgets.search_box import SearchBox
from reader.tui.widgets.search_status import results_title, status_line
from reader.tui.widgets.typing_search import FrameHold, Searches

if TYPE_CHECKING:
    from reader.tui.app import ReaderApp

PAUSE = 0.6  # seconds of no typing on a query with no hits before "did you mean" is asked
FIRST_PAGE = 20  # hits a keystroke asks for (a screenful and more); scrolling loads the rest


class SearchPane(Vertical):
    """Search box, status and lists; owns the search workers."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self._serial = 0  # number of the latest search started
        self.result: SearchResult | None = None  # the answer shown for the current query
        self.final = True  # no better answer to the shown one is coming
        self._open_top = False  # enter was pressed before the answer came
        self._pending = False  # a search waits for the index
        self._searched = ""  # the query of the latest search started
        self._suggest_timer: Timer | None = None
        self._history_position: int | None = None
        self._history_value: str | None = None  # what the history put in the box
        self._draft = ""
        self.articles: list[ArticleSummary] = []
        self.listed = False  # the articles are in (they come a moment after the index opens)
        self.sort = "relevance"  # or "newest" / "oldest" (s cycles)
        self._searches = Searches(lambda: self.reader.library, lambda: self.reader.settings,
                                  self.post_message, lambda: self._serial, FIRST_PAGE)
        self._hold = FrameHold(lambda: self.app, self.set_timer)
        self._status = ("", "")  # the status line's text and kind

    @property
    def reader(self) -> ReaderApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        yield SearchBox(id="search", hold=self._hold)
        yield Static(Content("Opening the index…"), id="status")
        yield FacetBar(id="facets")
        with ContentSwitcher(initial="notice", id="lists"):
            with Vertical(id="notice"):
                yield Static(Content("Opening the index…"), id="notice-text")
                yield ProgressBar(total=None, show_eta=False, id="progress")
            yield ArticleList(id="articles")
            yield ResultsList(id="results")

    def on_mount(self) -> None:
        self.article_list.border_title = "Articles"
        self.results.set_title("Results")
        dense = self.reader.corpus_state.dense
        self.sort = self.reader.corpus_state.sort
        self.article_list.set_dense(dense)
        self.results.set_dense(dense)

    def on_unmount(self) -> None:
        self._hold.release()
        self._hold.collect_again()
        self._searches.close()

    # -- parts ------------------------------------------------------------------------------------

    @property
    def search_box(self) -> SearchBox:
        return self.query_one(SearchBox)

    @property
    def results(self) -> ResultsList:
        return self.query_one(ResultsList)

    @property
    def facet_bar(self) -> FacetBar:
        return self.query_one(FacetBar)

    @property
    def article_list(self) -> ArticleList:
        return self.query_one(ArticleList)

    @property
    def query(self) -> str:
        return self.search_box.value.strip()

    @property
    def showing(self) -> str:
        return self.query_one("#lists", ContentSwitcher).current or "notice"

    def set_status(self, text: str, kind: str = "") -> None:
        status = self.query_one("#status", Static)
        if (text, kind) == self._status:
            return  # e.g. "No hits." again: nothing to repaint
        self._status = (text, kind)
        # a line that stays one line long changes no other widget's place: no layout pass
        one_line = ("\n" not in text and cell_len(text) <= status.content_region.width
                    and status.size.height == 1)
        status.update(Content(text), layout=not one_line)
        status.set_class(kind == "error", "-error")
        status.set_class(kind == "hint", "-hint")

    @property
    def status_text(self) -> str:
        return str(self.query_one("#status", Static).render())

    def set_dense(self, dense: bool) -> None:
        self.article_list.set_dense(dense)
        self.results.set_dense(dense)

    # -- the index --------------------------------------------------------------------------------

    def index_progress(self, text: str, done: int, total: int) -> None:
        self.query_one("#notice-text", Static).update(Content(text))
        bar = self.query_one(ProgressBar)
        bar.display = True
        if total:
            bar.update(total=total, progress=done)
        self.set_status(text)

    def index_open(self) -> None:
        """The index answers: a query typed meanwhile runs now; the article list follows."""
        self.query_one(ProgressBar).display = False
        if self.query:
            self.start_search(now=True)
        else:
            self.query_one("#notice-text", Static).update(Content("Listing the articles…"))
            self.set_status("Listing the articles…", "hint")

    def index_ready(self, articles: list[ArticleSummary], search_again: bool = True) -> None:
        """The article list is in. ``search_again``: the index changed since the query was
        answered (else the answer on screen stands)."""
        self.articles = articles
        self.listed = True
        self.query_one(ProgressBar).display = False
        self.article_list.show(articles)
        if not articles:
            self.query_one("#notice-text", Static).update(Content(
                "No articles in this corpus yet.\n\nAdd .txt, .md, .html, .json, .jsonl or .csv "
                "files to the folder and open it again, or open another folder with "
                "`reader PATH`."))
            self.query_one("#lists", ContentSwitcher).current = "notice"
            self.set_status("0 articles", "hint")
            return
        if self.query and (search_again or self._pending or self.query != self._searched):
            self.start_search(now=True)
        elif not self.query:
            self.show_articles()

    def index_failed(self, error: str) -> None:
        self.query_one(ProgressBar).display = False
        self.query_one("#notice-text", Static).update(Content(f"Cannot open the corpus: {error}"))
        self.query_one("#lists", ContentSwitcher).current = "notice"
        self.set_status("The index is not available.", "error")

    def show_articles(self) -> None:
        count = len(self.articles)
        if not self.reader.index_ready or not count:
            return
        self.query_one("#lists", ContentSwitcher).current = "articles"
        self.article_list.border_title = f"Articles · {count:,}"
        self.set_status(f"{count:,} article{'s' if count != 1 else ''} · / to search", "hint")

    # -- searching --------------------------------------------------------------------------------

    @on(Input.Changed, "#search")
    def _query_changed(self, event: Input.Changed) -> None:
        event.stop()
        if event.value != self._history_value:
            self._history_position = self._history_value = None  # typed: not browsing
        if event.value.strip() == self._searched:
            self._hold.release()  # nothing new to wait for
            return  # e.g. a suggestion put in the box and already searched
        self._open_top = False
        self.start_search()

    @on(Input.Submitted, "#search")
    def _query_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        query = self.query
        if not query:
            self.focus_list()
            return
        self.reader.corpus_state.remember_query(query)
        if self.result is not None and self.result.query == query and self.final:
            self.open_top()
        else:
            self._open_top = True
            if query != self._searched:
                self.start_search(now=True)

    @on(SearchBox.History)
    def _history(self, event: SearchBox.History) -> None:
        event.stop()
        history = self.reader.corpus_state.history
        if not history:
            self.app.bell()
            return
        if self._history_position is None:
            self._draft = self.search_box.value
            position = len(history)
        else:
            position = self._history_position
        position = max(0, min(position + event.step, len(history)))
        if position == self._history_position:
            self.app.bell()
            return
        self._history_position = position
        value = history[position] if position < len(history) else self._draft
        self._history_value = value
        self.search_box.value = value
        self.search_box.cursor_position = len(value)

    def start_search(self, now: bool = False) -> None:
        """Search for what is in the box (``now`` is kept for callers; there is no delay)."""
        if not self._start_search():
            self._hold.release()  # no answer to wait for: paint the change at once

    def _start_search(self) -> bool:
        """Whether a search was started (else the box was cleared or the index is not open)."""
        if self._suggest_timer is not None:
            self._suggest_timer.stop()
            self._suggest_timer = None
        query = self.query
        self._searched = query
        self._serial += 1
        if query != self.facet_bar.query_text:
            self.facet_bar.clear(keep_place=bool(query))  # counts of another query
        if not query:
            self.facet_bar.clear()  # the article list: no bar above it
            self.result = None
            self._pending = False
            self.workers.cancel_group(self, "search")
            self.show_articles()
            self.screen.query_changed("")  # type: ignore[attr-defined]
            return False
        if not self.reader.index_ready:
            self._pending = True
            if self.screen.retry_now():  # type: ignore[attr-defined]
                self.set_status("Asking the index again…", "hint")
                return False
            self.set_status("The index is still being built; the search runs when it is ready.",
                            "hint")
            return False
        self._pending = False
        self._follow(self._searches.start(query, self._serial, self.sort))
        return True

    @work(exclusive=True, group="search", exit_on_error=False)
    async def _follow(self, future: Future[None]) -> None:
        """The search's thread, seen as a worker (a newer search cancels it: one still
        waiting for a thread is then dropped unstarted)."""
        await asyncio.wrap_future(future)

    def on_search_done(self, message: SearchDone) -> None:
        message.stop()
        self.search_done(message.serial, message.result, message.final)

    def search_done(self, serial: int, result: SearchResult, final: bool = True) -> None:
        if serial != self._serial:
            return  # an answer to an older query
        previous = self.result
        self.result, self.final = result, final
        self.query_one("#lists", ContentSwitcher).current = "results"
        results = self.results
        # the complete answer replacing a partial one keeps the cursor where it was
        keep = results.highlighted if previous is not None and previous.query == result.query \
            else 0
        results.more_available = len(result.hits) < result.total and not result.error
        results.show(result.hits, keep or 0, "" if result.hits else "No hits.")
        results.set_title(results_title(result, self.sort))
        self._show_status()
        if not result.total or result.error:
            self.facet_bar.blank()  # nothing to count; the list stays where it was
        elif final and self.facet_bar.query_text != result.query:
            self.facet_bar.count(result.query)  # after the results are painted
        else:
            self.facet_bar.reserve()  # its lines come with the results, never after them
        if result.hits or result.error:
            self.screen.query_changed(result.query)  # type: ignore[attr-defined]
        elif final:
            self._suggest_timer = self.set_timer(PAUSE, self._ask_suggestions)
        if self._open_top and final:
            self._open_top = False
            self.open_top()
        self._hold.release()  # the answer and the keys typed meanwhile: one frame

    def _show_status(self) -> None:
        if self.result is not None:
            self.set_status(*status_line(self.result, self.final, len(self.results.hits)))

    # -- more results, suggestions ----------------------------------------------------------------

    @on(LineList.NeedMore, "#results")
    def _need_more(self, event: LineList.NeedMore) -> None:
        event.stop()
        result = self.result
        if result is None or not self.final or len(self.results.hits) >= result.total:
            return
        self._more(result.query, self._serial, len(self.results.hits), self.sort)

    @work(thread=True, exclusive=True, group="more", exit_on_error=False)
    def _more(self, query: str, serial: int, have: int, sort: str = "relevance") -> None:
        settings = self.reader.settings
        try:
            result = self.reader.library.search(query, limit=have + settings.result_page,
                                                time_budget=settings.search_budget,
                                                suggest=False, sort=sort)
        except IndexProblem as exc:
            self.post_message(lost(exc))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(MoreResults(serial, result))

    def on_more_results(self, message: MoreResults) -> None:
        message.stop()
        if message.serial != self._serial or self.result is None:
            return
        have = len(self.results.hits)
        fresh = message.result.hits[have:]
        self.results.more_available = bool(fresh) and (
            have + len(fresh) < message.result.total)
        self.results.add(fresh)
        self._show_status()

    def _ask_suggestions(self) -> None:
        self._suggest_timer = None
        result = self.result
        if result is not None and not result.hits and not result.error:
            self._suggest(result.query, self._serial)

    @work(thread=True, exclusive=True, group="suggest", exit_on_error=False)
    def _suggest(self, query: str, serial: int) -> None:
        try:
            result = self.reader.library.search(query, limit=1, suggest=True,
                                                time_budget=self.reader.settings.search_budget)
        except IndexProblem as exc:
            self.post_message(lost(exc))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(Suggestions(serial, list(result.suggestions)))

    def on_suggestions(self, message: Suggestions) -> None:
        message.stop()
        if message.serial != self._serial or self.result is None:
            return
        self.result.suggestions = message.suggestions
        self._show_status()
        if self._open_top:
            self._open_top = False
            self.open_top()

    # -- opening ----------------------------------------------------------------------------------

    def open_top(self) -> None:
        result = self.result
        if result is not None and not result.hits and not result.error:
            if result.suggestions:  # enter on "did you mean": search it, open its top hit
                self.search_box.value = result.suggestions[0]
                self._open_top = True
                self.start_search(now=True)
            elif self._suggest_timer is not None or not self.final:
                self._open_top = True  # the suggestions are on their way
                if self._suggest_timer is not None:
                    self._suggest_timer.stop()
                    self._ask_suggestions()
            else:
                self.app.bell()
            return
        if result is None or not result.hits:
            self.app.bell()
            return
        self.results.highlighted = 0
        self.screen.open_hit(result.hits[0])  # type: ignore[attr-defined]
        self.results.focus()

    def focus_list(self) -> None:
        current = self.showing
        if current == "results":
            self.results.focus()
        elif current == "articles":
            self.article_list.focus()
        else:
            self.screen.query_one("#source").focus()

    def clear(self) -> None:
        """Back to the article list."""
        self.search_box.value = ""
        self.start_search(now=True)
        self.article_list.focus()
