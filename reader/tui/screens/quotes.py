"""``Q``: every quotation of the corpus (or of the open article) with its speaker and article.

Typing filters the list; ``enter`` jumps to the quote in the source pane; ``c``/``y`` in the
list copy a citation of the quote or its text. Each entry has a fixed height: two lines of the
quote and a line for who said it and where, so no terminal size loses the speaker.
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
from textual.widgets import Checkbox, Footer, Input, Static
from textual.worker import get_current_worker

from reader.errors import ReaderError
from reader.records import TERM, QuoteRecord
from reader.tui.widgets.line_list import Line, LineList
from reader.tui.widgets.text_layout import clip, flat, speaker_label, wrap_lines

if TYPE_CHECKING:
    from reader.tui.app import ReaderApp

LIMIT = 5000


def haystack(record: QuoteRecord) -> str:
    quote = record.quote
    words = (quote.text, quote.speaker, quote.role, quote.via, record.title, record.source,
             record.doc, quote.kind)
    return " ".join(flat(w) for w in words if w).casefold()


def quote_lines(record: QuoteRecord, width: int) -> list[Line]:
    """Two lines of the quote, then ``speaker · title ¶N`` (the speaker first, never cut off)."""
    quote = record.quote
    style = ("term",) if quote.kind == TERM else ("quote",)
    text = wrap_lines("“" + flat(quote.text) + "”", width, limit=2)
    lines: list[Line] = [[(line, style)] for line in text]
    who = "term" if quote.kind == TERM else speaker_label(quote).removeprefix("— ")
    who = clip(who, max(width * 2 // 3, 20))
    number = f" ¶{record.para}"
    room = max(width - len(who) - len(number) - 1, 4)
    # the space before the dot is put back after clipping, which flattens the text's ends
    where = " " + clip(f"· {record.title or record.doc}", room)
    lines.append([(who, ("speaker",)), (where, ("meta",)), (number, ("meta",))])
    return lines


class QuoteList(LineList):
    """The quotes; printable keys that are not bound go to the filter box."""

    item_lines, gap = 3, 1

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("c", "screen.cite", "Cite", show=True, id="cite",
                tooltip="copy a citation of the highlighted quote"),
        Binding("y", "screen.copy_text", "Copy text", show=True, id="copy",
                tooltip="copy the text of the highlighted quote"),
        Binding("m", "screen.mark", "Mark", show=True, id="mark",
                tooltip="mark the highlighted quote (again: unmark)"),
        Binding("slash", "screen.focus_filter", "Filter", show=False, id="quotes-filter",
                tooltip="back to the filter box (typing a letter does it too)"),
        Binding("q", "screen.close", "Close", show=False, id="quotes-close",
                tooltip="close the panel"),
    ]

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.records: list[QuoteRecord] = []

    def show(self, records: list[QuoteRecord]) -> None:
        self.records = records
        self.reset(len(records), 0 if records else None)

    def lines_of(self, index: int, width: int) -> list[Line]:
        return quote_lines(self.records[index], width)

    def on_key(self, event: Key) -> None:
        if event.is_printable and event.character and event.key not in (
                "c", "y", "m", "q", "j", "k", "g", "G", "slash", "space"):
            event.stop()
            event.prevent_default()
            box = self.screen.query_one("#quote-filter", Input)
            box.focus()
            box.insert_text_at_cursor(event.character)


class QuotesPanel(ModalScreen[QuoteRecord | None]):
    """The quotes panel."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "close", "Close", show=True, id="close",
                tooltip="close the panel"),
        Binding("enter", "go", "Go to", show=False, id="quotes-go",
                tooltip="jump to the highlighted quote in the article"),
        Binding("ctrl+t", "toggle_scope", "All / this article", show=True, id="quotes-scope",
                tooltip="all quotes of the corpus, or only those of the open article"),
        Binding("down", "move(1)", "Down", show=False, id="list-down",
                tooltip="next quote (also from the filter box)"),
        Binding("up", "move(-1)", "Up", show=False, id="list-up",
                tooltip="previous quote (also from the filter box)"),
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
            box.border_subtitle = "enter: go to · c: cite · m: mark · escape"
            yield Input(placeholder="Filter: words of the quote, speaker or title",
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

    @property
    def quote_list(self) -> QuoteList:
        return self.query_one(QuoteList)

    # -- loading ----------------------------------------------------------------------------------

    def load(self) -> None:
        self.query_one("#quote-status", Static).update(Content("Loading quotes…"))
        self._load(self.doc if self.only_article else None)

    @work(thread=True, exclusive=True, group="quotes", exit_on_error=False)
    def _load(self, doc: str | None) -> None:
        try:
            records = self.reader.library.quotes(doc=doc)
        except ReaderError as exc:  # an index problem: say so in the panel
            self.post_message(self.Loaded(doc, None, clip(str(exc), 200)))
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
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
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
        self.quote_list.show(self.shown)
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

    # -- actions ----------------------------------------------------------------------------------

    @property
    def highlighted(self) -> QuoteRecord | None:
        index = self.quote_list.highlighted
        if index is None or not (0 <= index < len(self.shown)):
            return None
        return self.shown[index]

    @on(LineList.Selected, "#quote-list")
    def _selected(self, event: LineList.Selected) -> None:
        event.stop()
        self.action_go()

    def action_go(self) -> None:
        record = self.highlighted
        if record is not None:
            self.dismiss(record)

    def action_move(self, delta: int) -> None:
        self.quote_list.action_cursor(delta)

    def action_cite(self) -> None:
        record = self.highlighted
        if record is not None:
            self.reader.copy_citation(record.doc, record.para, record.index)

    def action_copy_text(self) -> None:
        record = self.highlighted
        if record is not None:
            self.reader.copy_plain(record.quote.text, "quote")

    def action_mark(self) -> None:
        record = self.highlighted
        if record is None:
            return
        marks = self.reader.marks
        what = f"quote {record.index} of ¶{record.para}"
        existing = marks.find(record.doc, record.para, record.index)
        if existing is not None:
            marks.remove(existing.id)
            said = f"Unmarked {what}."
        else:
            marks.add(record.doc, record.para, record.quote.text, quote=record.index,
                      title=record.title)
            said = f"Marked {what}."
        if self.reader.save_marks():
            self.notify(said, markup=False, timeout=3)

    def action_focus_filter(self) -> None:
        self.query_one("#quote-filter", Input).focus()

    def action_toggle_scope(self) -> None:
        if self.doc is not None:
            scope = self.query_one("#quote-scope", Checkbox)
            scope.value = not scope.value

    def action_close(self) -> None:
        self.dismiss(None)
