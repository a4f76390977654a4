"""``Q``: every quotation of the corpus (or of the open article) with its speaker and article.

Typing filters the list; ``enter`` jumps to the quote in the source pane; ``c``/``y`` in the
list copy a citation of the quote or its text.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.events import Key
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Checkbox, Footer, Input, OptionList, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from reader.records import TERM, QuoteRecord
from reader.tui.widgets.lists import META_STYLE, ListBase, clip, flat
from reader.tui.widgets.source_view import speaker_label

if TYPE_CHECKING:
    from reader.tui.app import ReaderApp

LIMIT = 1000


def haystack(record: QuoteRecord) -> str:
    quote = record.quote
    words = (quote.text, quote.speaker, quote.role, quote.via, record.title, record.source,
             record.doc, quote.kind)
    return " ".join(flat(w) for w in words if w).casefold()


class QuoteList(ListBase):
    """The quotes; printable keys that are not bound go to the filter box."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "screen.cite", "Cite", show=True),
        Binding("y", "screen.copy_text", "Copy text", show=True),
        Binding("slash", "screen.focus_filter", "Filter", show=False),
        Binding("q", "screen.close", "Close", show=False),
    ]

    def on_key(self, event: Key) -> None:
        if event.is_printable and event.character and event.key not in (
                "c", "y", "q", "j", "k", "g", "G", "slash", "space"):
            event.stop()
            event.prevent_default()
            self.screen.query_one("#quote-filter", Input).focus()
            self.screen.query_one("#quote-filter", Input).insert_text_at_cursor(event.character)


class QuotesPanel(ModalScreen[QuoteRecord | None]):
    """The quotes panel."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", show=True),
        Binding("ctrl+t", "toggle_scope", "All / this article", show=True),
        Binding("down", "move(1)", "Down", show=False),
        Binding("up", "move(-1)", "Up", show=False),
    ]

    class Loaded(Message):
        def __init__(self, doc: str | None, records: list[QuoteRecord] | None,
                     error: str | None = None) -> None:
            super().__init__()
            self.doc, self.records, self.error = doc, records, error

    def __init__(self, doc: str | None = None, article_title: str | None = None,
                 only_article: bool = False) -> None:
        super().__init__()
        self.doc = doc
        self.article_title = article_title
        self.only_article = only_article and doc is not None
        self.records: list[QuoteRecord] = []
        self.shown: list[QuoteRecord] = []
        self._haystacks: list[str] = []

    @property
    def reader(self) -> ReaderApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        with Vertical(id="quotes-box") as box:
            box.border_title = "Quotes"
            box.border_subtitle = "enter: go to · c: cite · y: copy · ctrl+t: scope · escape"
            yield Input(placeholder="Filter by words of the quote, speaker or title",
                        id="quote-filter", select_on_focus=False)
            yield Checkbox("Only the open article (ctrl+t)", self.only_article,
                           id="quote-scope", disabled=self.doc is None)
            yield Static(Content("Loading quotes…"), id="quote-status")
            yield QuoteList(id="quote-list")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#quote-scope", Checkbox).can_focus = False  # ctrl+t or a click
        self.query_one("#quote-filter", Input).cursor_blink = not self.app.is_headless
        self.query_one("#quote-filter", Input).focus()
        self.load()

    # -- loading ----------------------------------------------------------------------------------

    def load(self) -> None:
        self.query_one("#quote-status", Static).update(Content("Loading quotes…"))
        self._load(self.doc if self.only_article else None)

    @work(thread=True, exclusive=True, group="quotes", exit_on_error=False)
    def _load(self, doc: str | None) -> None:
        try:
            records = self.reader.library.quotes(doc=doc)
        except Exception as exc:  # an index problem: say so in the panel
            self.post_message(self.Loaded(doc, None, flat(str(exc))[:200]))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(self.Loaded(doc, records))

    def on_quotes_panel_loaded(self, message: Loaded) -> None:
        if message.doc != (self.doc if self.only_article else None):
            return
        if message.records is None:
            self.query_one("#quote-status", Static).update(
                Content(f"Cannot list quotes: {message.error}"))
            return
        self.records = message.records
        self._haystacks = [haystack(r) for r in self.records]
        self.refilter()

    # -- filtering --------------------------------------------------------------------------------

    @on(Input.Changed, "#quote-filter")
    def _filter_changed(self) -> None:
        self.refilter()

    @on(Input.Submitted, "#quote-filter")
    def _filter_submitted(self) -> None:
        self.action_go()

    @on(Checkbox.Changed, "#quote-scope")
    def _scope_changed(self, event: Checkbox.Changed) -> None:
        if event.value != self.only_article:
            self.only_article = event.value
            self.load()

    def refilter(self) -> None:
        words = self.query_one("#quote-filter", Input).value.casefold().split()
        shown = [r for r, hay in zip(self.records, self._haystacks, strict=True)
                 if all(w in hay for w in words)]
        self.shown = shown[:LIMIT]
        quotes = self.query_one("#quote-list", QuoteList)
        width = quotes.prompt_width()
        options = []
        for record in self.shown:
            options.append(Option(self._prompt(record, width)))
        quotes.set_options(options)
        if options:
            quotes.highlighted = 0
        total = len(self.records)
        scope = "in this article" if self.only_article else "in the corpus"
        if not total:
            status = f"No quotations {scope}."
        elif words:
            status = f"{len(shown)} of {total} quotations {scope} match"
        else:
            status = f"{total} quotation{'s' if total != 1 else ''} {scope}"
        if len(shown) > LIMIT:
            status += f" (showing the first {LIMIT})"
        self.query_one("#quote-status", Static).update(Content(status))

    @staticmethod
    def _prompt(record: QuoteRecord, width: int) -> Content:
        quote = record.quote
        text = clip(quote.text, max(width * 3 - 4, 40))
        quote_style = "$text-secondary" if quote.kind == TERM else "italic $text-success"
        who = "term" if quote.kind == TERM else speaker_label(quote).removeprefix("— ")
        where = f"{clip(record.title, max(width - len(who) - 14, 20))} ¶{record.para}"
        return Content.assemble(
            ("“" + text + "”", quote_style), "\n",
            (clip(who, 60), "bold"), (" · " + where, META_STYLE))

    # -- actions ----------------------------------------------------------------------------------

    @property
    def highlighted(self) -> QuoteRecord | None:
        quotes = self.query_one("#quote-list", QuoteList)
        index = quotes.highlighted
        if index is None or not (0 <= index < len(self.shown)):
            return None
        return self.shown[index]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_go()

    def action_go(self) -> None:
        record = self.highlighted
        if record is not None:
            self.dismiss(record)

    def action_move(self, delta: int) -> None:
        quotes = self.query_one("#quote-list", QuoteList)
        if delta > 0:
            quotes.action_cursor_down()
        else:
            quotes.action_cursor_up()

    def action_cite(self) -> None:
        record = self.highlighted
        if record is not None:
            self.reader.copy_citation(record.doc, record.para, record.index)

    def action_copy_text(self) -> None:
        record = self.highlighted
        if record is not None:
            self.reader.copy_plain(record.quote.text, "quote")

    def action_focus_filter(self) -> None:
        self.query_one("#quote-filter", Input).focus()

    def action_toggle_scope(self) -> None:
        if self.doc is not None:
            scope = self.query_one("#quote-scope", Checkbox)
            scope.value = not scope.value

    def action_close(self) -> None:
        self.dismiss(None)
