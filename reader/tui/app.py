"""The reader's Textual app: bindings, thread workers and the copy path, over :class:`Library`.

The app paints first and opens the index afterwards: a thread worker brings the index up to
date (with progress in the left pane) while the screen is already usable. Searches run in
exclusive thread workers, so a newer keystroke cancels an older search, and post their answers
back as messages. The app does no parsing or ranking: every question goes to the library.
"""

from __future__ import annotations

import re
import time
from collections import OrderedDict
from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.widgets import Input
from textual.worker import get_current_worker

from reader.compare import Related
from reader.library import Library
from reader.records import Article, QuoteRecord
from reader.text import safe
from reader.tui import clipboard
from reader.tui.messages import (
    CounterpartsReady,
    IndexFailed,
    IndexProgress,
    IndexReady,
    MatchesReady,
    SearchDone,
)
from reader.tui.screens.compare import CompareScreen
from reader.tui.screens.help import HelpScreen
from reader.tui.screens.main import MainScreen
from reader.tui.screens.picker import ArticlePicker
from reader.tui.screens.quotes import QuotesPanel
from reader.tui.screens.styles import StylePicker
from reader.tui.widgets.lists import RESULT_LIMIT, ArticleList, clip
from reader.tui.widgets.source_view import SourceView

MATCH_LIMIT = 500  # hits asked for when highlighting the open article
SEARCH_BUDGET = 0.08  # seconds a search-as-you-type query may take before answering partially
NOTIFY_LIMIT = 1200  # characters of a copied text shown in full in the notification
_SIMPLE_DOC = re.compile(r"[\w.]+(?:-[\w.]+)*")

# the app's own actions work on the main screen only (a panel has keys of its own)
MAIN_ACTIONS = {"search", "cite", "copy_text", "next_match", "prev_match", "next_quote",
                "prev_quote", "quotes", "choose_style", "help", "compare", "also_in"}


def citation_styles() -> tuple[str, ...]:
    from reader.cite import STYLES

    return STYLES


class ReaderApp(App[None]):
    """``reader [CORPUS]``: search a corpus, read side by side, cite."""

    TITLE = "reader"
    CSS_PATH = Path(__file__).with_name("reader.tcss")
    ENABLE_COMMAND_PALETTE = True

    BINDINGS: ClassVar[list[BindingType]] = [
        # a priority binding, so keys typed right after "/" already go to the search box
        Binding("slash", "search", "Search", key_display="/", priority=True),
        Binding("c", "cite", "Cite"),
        Binding("C", "choose_style", "Style", key_display="C"),
        Binding("y", "copy_text", "Copy"),
        Binding("n", "next_match", "Next match", show=False),
        Binding("N", "prev_match", "Previous match", show=False),
        Binding("right_square_bracket", "next_quote", "Next quote", show=False,
                key_display="]"),
        Binding("left_square_bracket", "prev_quote", "Previous quote", show=False,
                key_display="["),
        Binding("Q", "quotes", "Quotes", key_display="Q"),
        Binding("v", "compare", "Compare"),
        Binding("a", "also_in", "Also in", show=False),
        Binding("question_mark", "help", "Help", key_display="?"),
        Binding("q", "quit", "Quit"),
    ]

    def __init__(self, library: Library, *, cite_style: str = "plain") -> None:
        super().__init__()
        self.library = library
        self.cite_style = cite_style
        self.index_ready = False
        self.index_error: str | None = None
        self._articles: OrderedDict[str, Article] = OrderedDict()
        self._counterparts: dict[str, dict[tuple[int, int], list[Related]]] = {}
        # "a" cycles through [where it started, *its counterparts]: (ring, position)
        self._also: tuple[list[tuple[str, int, int]], int] | None = None
        self._last_progress = 0.0

    def get_default_screen(self) -> Screen:
        return MainScreen()

    @property
    def main(self) -> MainScreen:
        return self.get_screen_stack_main()

    def get_screen_stack_main(self) -> MainScreen:
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                return screen
        raise LookupError("the main screen is not running")

    def on_ready(self) -> None:
        # the first frame is on screen: now open (and if needed build) the index
        self.build_index()

    def on_unmount(self) -> None:
        try:
            self.library.close()
        except Exception:
            pass

    # -- the index --------------------------------------------------------------------------------

    @work(thread=True, exclusive=True, group="index", exit_on_error=False)
    def build_index(self) -> None:
        def progress(done: int, total: int, name: str) -> None:
            now = time.monotonic()
            if done < total and now - self._last_progress < 0.05:
                return
            self._last_progress = now
            self.post_message(IndexProgress(done, total, name))

        def waiting() -> None:
            self.post_message(IndexProgress(0, 0, "Another reader is updating this index; "
                                                  "waiting for it…"))

        try:
            report = self.library.update(progress=progress, wait=waiting)
            articles = self.library.articles()
        except Exception as exc:  # corpus or index problems: one line in the UI
            self.post_message(IndexFailed(safe(" ".join(str(exc).split())) or
                                          type(exc).__name__))
            return
        self.post_message(IndexReady(articles, list(report.warnings)))

    def on_index_progress(self, message: IndexProgress) -> None:
        self.main.index_progress(message.done, message.total, message.name)

    def on_index_ready(self, message: IndexReady) -> None:
        self.index_ready = True
        self._articles.clear()
        self._counterparts.clear()
        self.main.index_ready(message.articles)
        if message.warnings:
            shown = "\n".join(safe(w) for w in message.warnings[:5])
            more = len(message.warnings) - 5
            if more > 0:
                shown += f"\n… and {more} more"
            self.notify(shown, title="Some files were skipped", severity="warning",
                        markup=False)

    def on_index_failed(self, message: IndexFailed) -> None:
        self.index_error = message.error
        self.main.index_failed(message.error)
        self.notify(message.error, title="Cannot open the corpus", severity="error",
                    markup=False, timeout=10)

    # -- searching --------------------------------------------------------------------------------

    def search(self, query: str, serial: int) -> None:
        self._search(query, serial)

    def cancel_search(self) -> None:
        self.workers.cancel_group(self, "search")

    @work(thread=True, exclusive=True, group="search", exit_on_error=False)
    def _search(self, query: str, serial: int) -> None:
        try:
            # A typing budget: an expensive shape answers with its best hits, flagged partial.
            result = self.library.search(query, limit=RESULT_LIMIT, time_budget=SEARCH_BUDGET)
        except Exception as exc:  # an index problem: show it where hits would be
            from reader.records import SearchResult

            result = SearchResult(query=query, error=safe(" ".join(str(exc).split())))
        if not get_current_worker().is_cancelled:
            self.post_message(SearchDone(serial, result))

    def on_search_done(self, message: SearchDone) -> None:
        self.main.search_done(message.serial, message.result)

    def find_matches(self, query: str) -> None:
        """Highlight every match of ``query`` in the open article (in a worker)."""
        article = self.main.source.article
        if article is None or not self.index_ready:
            return
        self._find_matches(query, article.doc)

    @work(thread=True, exclusive=True, group="matches", exit_on_error=False)
    def _find_matches(self, query: str, doc: str) -> None:
        matches: dict[int, list[tuple[int, int]]] = {}
        try:
            if _SIMPLE_DOC.fullmatch(doc):
                result = self.library.search(f"({query}) doc:{doc}", limit=MATCH_LIMIT,
                                             suggest=False)
            else:
                result = self.library.search(query, limit=MATCH_LIMIT, suggest=False)
        except Exception:
            return
        if result.error:
            return
        for hit in result.hits:
            if hit.doc != doc:
                continue
            for number in (hit.para, *hit.repeats):
                matches.setdefault(number, []).extend(hit.highlights)
        if not get_current_worker().is_cancelled:
            self.post_message(MatchesReady(doc, query, matches))

    def on_matches_ready(self, message: MatchesReady) -> None:
        self.main.matches_ready(message.doc, message.query, message.matches)

    def load_article(self, doc: str) -> Article | None:
        article = self._articles.get(doc)
        if article is None:
            try:
                article = self.library.article(doc)
            except Exception as exc:
                self.notify(safe(str(exc)), title="Cannot read the article", severity="error",
                            markup=False)
                return None
            if article is None:
                return None
            self._articles[doc] = article
            while len(self._articles) > 16:
                self._articles.popitem(last=False)
        else:
            self._articles.move_to_end(doc)
        return article

    # -- "also in" ---------------------------------------------------------------------------------

    def find_counterparts(self, doc: str) -> None:
        """Look up where else each statement of ``doc`` is reported (in a worker)."""
        if not self.index_ready:
            return
        found = self._counterparts.get(doc)
        if found is not None:
            self.main.counterparts_ready(doc, found)
            return
        self._find_counterparts(doc)

    @work(thread=True, exclusive=True, group="counterparts", exit_on_error=False)
    def _find_counterparts(self, doc: str) -> None:
        try:
            found = self.library.quote_counterparts(doc)
        except Exception:
            return  # the links are a help, not a feature to fail loudly
        if not get_current_worker().is_cancelled:
            self.post_message(CounterpartsReady(doc, found))

    def on_counterparts_ready(self, message: CounterpartsReady) -> None:
        self._counterparts[message.doc] = message.counterparts
        self.main.counterparts_ready(message.doc, message.counterparts)

    # -- copying ----------------------------------------------------------------------------------

    def copy_plain(self, text: str, what: str) -> None:
        self._copy(safe(text), f"Copied the {what}'s text")

    def copy_citation(self, doc: str, para: int, quote: int | None = None) -> None:
        from reader.cite import CitationError

        try:
            citation = self.library.cite(doc, para, quote, self.cite_style)
        except (CitationError, ValueError) as exc:
            self.notify(safe(str(exc)), title="Cannot cite this", severity="error",
                        markup=False)
            return
        what = f"quote {quote} of ¶{para}" if quote else f"¶{para}"
        self._copy(safe(citation), f"Copied a {self.cite_style} citation of {what}")

    def _copy(self, text: str, title: str) -> None:
        channels = clipboard.copy(self, text)
        shown = text if len(text) <= NOTIFY_LIMIT else (
            text[:NOTIFY_LIMIT] + f"… ({len(text) - NOTIFY_LIMIT} more characters)")
        self.notify(shown, title=f"{title} ({' + '.join(channels)})", markup=False,
                     timeout=6)

    # -- actions ----------------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "search" and isinstance(self.focused, Input):
            return False  # typing "/" in a text box
        if action in MAIN_ACTIONS and not isinstance(self.screen, MainScreen):
            return False
        return True

    @property
    def source(self) -> SourceView:
        return self.main.source

    def action_search(self) -> None:
        main = self.main
        main.set_focus(main.search_box)

    def action_cite(self) -> None:
        source = self.source
        paragraph = source.current_paragraph
        if source.article is None or paragraph is None:
            self.notify("Open an article first: search with / or pick one on the left.",
                        severity="warning", timeout=4)
            return
        selected = source.selected_quote
        self.copy_citation(source.article.doc, paragraph.number,
                           selected[0] if selected else None)

    def action_copy_text(self) -> None:
        source = self.source
        paragraph = source.current_paragraph
        if paragraph is None:
            self.notify("Open an article first: search with / or pick one on the left.",
                        severity="warning", timeout=4)
            return
        selected = source.selected_quote
        if selected:
            self.copy_plain(selected[1].text, "quote")
        else:
            self.copy_plain(paragraph.text, "paragraph")

    def action_next_match(self) -> None:
        self._jump(1)

    def action_prev_match(self) -> None:
        self._jump(-1)

    def _jump(self, delta: int) -> None:
        if not self.source.jump_match(delta):
            self.bell()
            if self.source.article is not None:
                self.notify("No search matches in this article.", timeout=3)

    def action_next_quote(self) -> None:
        self.source.action_quote(1)

    def action_prev_quote(self) -> None:
        self.source.action_quote(-1)

    def action_choose_style(self) -> None:
        if isinstance(self.screen, StylePicker):
            return

        def chosen(style: str | None) -> None:
            if style and style != self.cite_style:
                self.cite_style = style
                self.notify(f"c now copies {style} citations.", title="Citation style",
                            markup=False, timeout=3)

        self.push_screen(StylePicker(citation_styles(), self.cite_style), chosen)

    def action_quotes(self) -> None:
        article = self.source.article
        panel = QuotesPanel(article.doc if article else None, article.title if article else None)
        self.push_screen(panel, self._jump_to_quote)

    def _jump_to_quote(self, record: QuoteRecord | None) -> None:
        if record is None:
            return
        main = self.main
        main.open_doc(record.doc, record.para, quote=record.index)
        main.source.focus()

    def action_compare(self) -> None:
        """Compare the open (or selected) article with one chosen in a fuzzy picker."""
        main = self.main
        if not self.index_ready:
            self.notify("The index is still being built; compare when it is ready.",
                        severity="warning", timeout=4)
            return
        articles = main.article_list.articles
        if len(articles) < 2:
            self.bell()
            self.notify("No articles to compare: this corpus is empty." if not articles else
                        "Only one article in this corpus: there is nothing to compare it with.",
                        severity="warning", timeout=5)
            return
        doc_a = None
        if isinstance(self.focused, ArticleList) and main.article_list.selected is not None:
            doc_a = main.article_list.selected.doc
        elif main.source.article is not None:
            doc_a = main.source.article.doc
        elif main.article_list.selected is not None:
            doc_a = main.article_list.selected.doc
        if doc_a is None:
            doc_a = articles[0].doc
        first = next((a for a in articles if a.doc == doc_a), None)
        title = clip(first.title or first.doc, 50) if first else doc_a
        others = [a for a in articles if a.doc != doc_a]

        def chosen(doc_b: str | None) -> None:
            if doc_b:
                self.push_screen(CompareScreen(doc_a, doc_b), self._open_compared)

        self.push_screen(ArticlePicker(others, f"Compare “{title}” with…"), chosen)

    def _open_compared(self, target: tuple[str, int] | None) -> None:
        if target is None:
            return
        main = self.main
        main.open_doc(*target)
        main.source.focus()

    def action_also_in(self) -> None:
        """Go to where the selected statement is also reported; again: the next place, then back."""
        source = self.source
        article, paragraph = source.article, source.current_paragraph
        if article is None or paragraph is None:
            self.notify("Open an article first: search with / or pick one on the left.",
                        severity="warning", timeout=4)
            return
        selected = source.selected_quote
        here = (article.doc, paragraph.number, selected[0] if selected else 0)
        if self._also is not None:
            ring, position = self._also
            if ring[position] == here:
                position = (position + 1) % len(ring)
                self._also = (ring, position)
                self._go_also(ring, position)
                return
        if article.doc not in self._counterparts:
            self.notify("Still looking for other reports of these statements…", timeout=3)
            return
        numbers = [k for k in range(1, len(paragraph.quotes) + 1)
                   if source.counterparts(paragraph.number, k)]
        if selected and selected[0] in numbers:
            quote = selected[0]
        elif numbers:
            quote = numbers[0]
        else:
            self.bell()
            elsewhere = sorted({p for p, _k in source.quotes_with_counterparts()})
            text = f"No statement of ¶{paragraph.number} is reported in another article."
            if elsewhere:
                text += " Statements that are: " + ", ".join(f"¶{p}" for p in elsewhere) + "."
            self.notify(text, timeout=4)
            return
        found = source.counterparts(paragraph.number, quote)
        ring = [(article.doc, paragraph.number, quote)]
        ring += [(r.doc, r.para, r.quote or 0) for r in found]
        self._also = (ring, 1)
        self._go_also(ring, 1)

    def _go_also(self, ring: list[tuple[str, int, int]], position: int) -> None:
        doc, para, quote = ring[position]
        main = self.main
        if main.open_doc(doc, para, quote=quote or None) is None:
            self._also = None
            return
        main.source.focus()
        article = main.source.article
        title = clip(article.title or doc, 60) if article else doc
        if position == 0:
            text = f"Back to ¶{para} of {title}."
        else:
            text = f"¶{para} of {title} ({position} of {len(ring) - 1}). a again: " + (
                "the next report" if position < len(ring) - 1 else "back")
        self.notify(text, title="Also in", markup=False, timeout=3)

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    # -- command palette --------------------------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        yield SystemCommand("Search", "Focus the search box (/)", self.action_search)
        yield SystemCommand("Cite", "Copy a citation of the current paragraph or selected "
                            "quote (c)", self.action_cite)
        yield SystemCommand("Copy text", "Copy the current paragraph's or quote's text (y)",
                            self.action_copy_text)
        yield SystemCommand("Citation style", "Choose the citation style (C)",
                            self.action_choose_style)
        for style in citation_styles():
            yield SystemCommand(f"Citation style: {style}", f"Cite in the {style} style",
                                lambda s=style: self._set_style(s), discover=False)
        yield SystemCommand("Quotes", "Every quote with its speaker and article (Q)",
                            self.action_quotes)
        yield SystemCommand("Compare with…", "Two articles side by side, paragraphs aligned (v)",
                            self.action_compare)
        yield SystemCommand("Also in", "Go to where the selected statement is also reported (a)",
                            self.action_also_in)
        yield SystemCommand("Next match", "Jump to the next match in the source (n)",
                            self.action_next_match)
        yield SystemCommand("Previous match", "Jump to the previous match in the source (N)",
                            self.action_prev_match)
        yield SystemCommand("Next quote", "Select the next quotation in the source (])",
                            self.action_next_quote)
        yield SystemCommand("Previous quote", "Select the previous quotation in the source ([)",
                            self.action_prev_quote)
        yield SystemCommand("Articles", "Clear the search and list the articles",
                            self._clear_search)
        yield SystemCommand("Help", "Every key (?)", self.action_help)
        yield from super().get_system_commands(screen)

    def _set_style(self, style: str) -> None:
        self.cite_style = style
        self.notify(f"c now copies {style} citations.", title="Citation style", markup=False,
                    timeout=3)

    def _clear_search(self) -> None:
        main = self.main
        main.search_box.value = ""
        main.start_search(now=True)
        main.article_list.focus()
