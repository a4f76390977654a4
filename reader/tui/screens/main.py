"""The main screen: the search box and results (or the articles) on the left, the source right."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import ContentSwitcher, Footer, Input, OptionList, ProgressBar, Static

from reader.records import Article, ArticleSummary, Hit, SearchResult
from reader.tui.widgets import ArticleList, ResultsList, SearchBox, SourceView
from reader.tui.widgets.lists import RESULT_LIMIT, clip

if TYPE_CHECKING:
    from reader.tui.app import ReaderApp

DEBOUNCE = 0.05  # seconds between the last keystroke and the search (a burst is one search)


class MainScreen(Screen[None]):
    """Search, results and the source side by side."""

    HORIZONTAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-narrow"), (76, "-wide")]
    VERTICAL_BREAKPOINTS: ClassVar[list[tuple[int, str]]] = [(0, "-short"), (18, "-tall")]

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", show=False),
    ]
    AUTO_FOCUS = ""  # nothing is focused until the articles are listed, so q and / work

    def __init__(self) -> None:
        super().__init__()
        self._timer: Timer | None = None
        self._serial = 0  # number of the latest search started
        self._result: SearchResult | None = None  # the answer for the current query
        self._open_top = False  # enter was pressed before the answer came
        self._pending = False  # a search waits for the index
        self._dirty = False  # the query changed since the last search started
        self._searched = ""  # the query of the latest search started
        self._source_title = "Source"
        self._articles: list[ArticleSummary] = []

    @property
    def reader(self) -> ReaderApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        with Horizontal(id="panes"):
            with Vertical(id="left"):
                yield SearchBox(id="search")
                yield Static(Content("Opening the index…"), id="status")
                with ContentSwitcher(initial="notice", id="lists"):
                    with Vertical(id="notice"):
                        yield Static(Content("Opening the index…"), id="notice-text")
                        yield ProgressBar(total=None, show_eta=False, id="progress")
                    yield ArticleList(id="articles")
                    yield ResultsList(id="results")
            yield SourceView(id="source")
        yield Footer()

    def on_resize(self) -> None:
        # below 100 columns the footer drops its padding so every key still fits
        self.query_one(Footer).compact = self.size.width < 100

    def on_mount(self) -> None:
        source = self.query_one(SourceView)
        source.border_title = "Source"
        self.query_one("#articles").border_title = "Articles"
        self.query_one("#results").border_title = "Results"

    # -- widgets ----------------------------------------------------------------------------------

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

    def set_status(self, text: str, kind: str = "") -> None:
        status = self.query_one("#status", Static)
        status.update(Content(text))
        status.set_class(kind == "error", "-error")
        status.set_class(kind == "hint", "-hint")

    # -- the index --------------------------------------------------------------------------------

    def index_progress(self, done: int, total: int, name: str) -> None:
        text = "Building the index…"
        if total:
            text = f"Indexing {done} of {total} files…"
        elif name:
            text = name
        self.query_one("#notice-text", Static).update(Content(text))
        bar = self.query_one(ProgressBar)
        if total:
            bar.update(total=total, progress=done)
        self.set_status(text)

    def index_ready(self, articles: list[ArticleSummary]) -> None:
        self._articles = articles
        self.query_one(ProgressBar).display = False
        self.article_list.show(articles)
        if not articles:
            self.query_one("#notice-text", Static).update(Content(
                "No articles in this corpus yet.\n\nAdd .txt, .md, .html, .json, .jsonl or .csv "
                "files to the folder and open it again, or open another folder with "
                "`reader PATH`."))
            self.set_status("0 articles", "hint")
            self.source.empty_message = "Nothing to read: this corpus has no articles."
            self.source.show_article(None)
            return
        if self.search_box.value.strip():
            self.start_search(now=True)
        else:
            self.show_articles()
            if self.focused is None:
                self.article_list.focus()

    def index_failed(self, error: str) -> None:
        self.query_one(ProgressBar).display = False
        self.query_one("#notice-text", Static).update(Content(f"Cannot open the corpus: {error}"))
        self.query_one("#lists", ContentSwitcher).current = "notice"
        self.set_status("The index is not available.", "error")

    def show_articles(self) -> None:
        switcher = self.query_one("#lists", ContentSwitcher)
        count = len(self._articles)
        if not self.reader.index_ready:
            return
        if not count:
            switcher.current = "notice"
            return
        switcher.current = "articles"
        self.article_list.border_title = f"Articles · {count}"
        self.set_status(f"{count} article{'s' if count != 1 else ''} · / to search · "
                        "Q for quotes", "hint")

    # -- searching --------------------------------------------------------------------------------

    @on(Input.Changed, "#search")
    def _query_changed(self, event: Input.Changed) -> None:
        event.stop()
        if event.value.strip() == self._searched and self._timer is None:
            return  # e.g. a suggestion put in the box and already searched
        self._open_top = False
        self._dirty = True
        if self._timer is not None:
            self._timer.stop()
        self._timer = self.set_timer(DEBOUNCE, self.start_search)

    @on(Input.Submitted, "#search")
    def _query_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        query = self.search_box.value.strip()
        if not query:
            self.focus_list()
            return
        if self._result is not None and self._result.query == query and not self._dirty:
            self.open_top()
        else:
            self._open_top = True
            self.start_search(now=True)

    def start_search(self, now: bool = False) -> None:
        if self._timer is not None:
            self._timer.stop()
            self._timer = None
        self._dirty = False
        query = self.search_box.value.strip()
        self._searched = query
        self._serial += 1
        if not query:
            self._result = None
            self._pending = False
            self.reader.cancel_search()
            self.show_articles()
            self.source.set_matches({})
            return
        if not self.reader.index_ready:
            self._pending = True
            self.set_status("The index is still being built; the search runs when it is ready.",
                            "hint")
            return
        self._pending = False
        self.reader.search(query, self._serial)

    def search_done(self, serial: int, result: SearchResult) -> None:
        if serial != self._serial:
            return  # an answer to an older query
        self._result = result
        switcher = self.query_one("#lists", ContentSwitcher)
        switcher.current = "results"
        self.results.show(result.hits)
        shown = len(self.results.hits)
        self.results.border_title = f"Results · {result.total}" if result.total else "Results"
        if result.error:
            self.set_status(result.error, "error")
        elif not result.hits:
            text = "No hits."
            if result.suggestions:
                text += " Did you mean: " + ", ".join(clip(s, 60) for s in result.suggestions)
                text += " ? (enter)"
            self.set_status(text, "hint")
        else:
            noun = "paragraph" if result.total == 1 else "paragraphs"
            text = f"{result.total} {noun}"
            if shown < result.total:
                text += f" · showing the best {min(shown, RESULT_LIMIT)}"
            if result.partial:
                text += " · time budget reached"
            self.set_status(text)
        self.reader.find_matches(result.query)
        if self._open_top:
            self._open_top = False
            self.open_top()

    def open_top(self) -> None:
        result = self._result
        if result is not None and not result.hits and result.suggestions:
            # enter on "did you mean": search the suggestion and open its top hit
            self.search_box.value = result.suggestions[0]
            self._open_top = True
            self.start_search(now=True)
            return
        if result is None or not result.hits:
            self.app.bell()
            return
        self.results.highlighted = 0
        self.open_hit(self._result.hits[0])
        self.results.focus()

    # -- opening ----------------------------------------------------------------------------------

    @on(OptionList.OptionSelected, "#results")
    def _result_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        hit = self.results.selected
        if hit is not None:
            self.open_hit(hit)

    @on(OptionList.OptionSelected, "#articles")
    def _article_selected(self, event: OptionList.OptionSelected) -> None:
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
            self.notify(f"Article {doc} is no longer in the index.", severity="warning",
                        markup=False)
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
            self.reader.find_counterparts(doc)
        query = self.search_box.value.strip()
        if query and self._result is not None and not self._result.error:
            self.reader.find_matches(query)
        return article

    def matches_ready(self, doc: str, query: str, matches: dict[int, list[tuple[int, int]]]
                      ) -> None:
        source = self.source
        if source.article is None or source.article.doc != doc:
            return
        if query != self.search_box.value.strip():
            return
        source.set_matches(matches)

    def counterparts_ready(self, doc: str, counterparts: dict) -> None:
        source = self.source
        if source.article is not None and source.article.doc == doc:
            source.set_counterparts(counterparts)

    @on(SourceView.AlsoIn)
    def _also_in_clicked(self, event: SourceView.AlsoIn) -> None:
        event.stop()
        self.reader.action_also_in()

    @on(SourceView.Moved)
    def _source_moved(self, event: SourceView.Moved) -> None:
        source = event.view
        source.border_subtitle = source.position_label()
        article = source.article
        # a Content title: text from the article is never read as markup
        title = clip(article.title or article.doc, 80) if article else "Source"
        if title != self._source_title:
            self._source_title = title
            source.border_title = Content(title)

    # -- focus ------------------------------------------------------------------------------------

    def focus_list(self) -> None:
        current = self.query_one("#lists", ContentSwitcher).current
        if current == "results":
            self.results.focus()
        elif current == "articles":
            self.article_list.focus()
        else:
            self.source.focus()

    def action_back(self) -> None:
        focused = self.focused
        if isinstance(focused, SearchBox):
            self.focus_list()
        elif isinstance(focused, SourceView):
            if not focused.clear_quote():
                self.focus_list()
        elif isinstance(focused, ResultsList):
            self.search_box.value = ""
            self.start_search(now=True)
            self.article_list.focus()

