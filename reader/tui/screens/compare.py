"""``v``: two articles side by side, paragraph rows aligned, shared wording highlighted.

The library aligns the articles (in a thread worker); this screen only lays the answer out.
``tab`` switches the side, ``enter`` opens the focused side's paragraph in the source pane,
``s`` swaps the articles and ``v`` picks another article for the right-hand side.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual.worker import get_current_worker

from reader.compare import Alignment
from reader.errors import ReaderError
from reader.records import Article
from reader.tui.widgets.compare_paint import MID
from reader.tui.widgets.compare_view import CompareView
from reader.tui.widgets.text_layout import clip

if TYPE_CHECKING:
    from reader.tui.app import ReaderApp


def heading(label: str, article: Article | None, doc: str) -> Content:
    """``A  Title`` and a line of outlet, date and paragraph count (never markup)."""
    if article is None:
        return Content.assemble((label, "bold $text-accent"), "  ", (doc, "bold"))
    meta = " · ".join(filter(None, (
        clip(article.source, 40) if article.source else None, article.date,
        f"{len(article.paragraphs)} ¶")))
    return Content.assemble(
        (label, "bold $text-accent"), "  ", (clip(article.title or article.doc, 160), "bold"),
        "\n", "   ", (meta, "$text-muted"))


def summary(alignment: Alignment) -> str:
    quotes = len(alignment.quotes)
    parts = [f"{len(alignment.pairs)} pair{'s' if len(alignment.pairs) != 1 else ''}",
             f"only in A: {len(alignment.only_a)}", f"only in B: {len(alignment.only_b)}"]
    if quotes:
        parts.append(f"{quotes} statement{'s' if quotes != 1 else ''} in both")
    return " · ".join(parts)


class CompareScreen(Screen[tuple[str, int] | None]):
    """Article A (left) against article B (right); returns ``(doc, para)`` to open, or ``None``."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Close", show=True, id="close",
                tooltip="close the comparison"),
        Binding("enter,o", "open", "Open ¶", show=True, key_display="enter",
                id="compare-open", tooltip="open the focused side's paragraph in the article"),
        Binding("s", "swap", "Swap", show=True, id="compare-swap",
                tooltip="swap the two articles"),
        Binding("v", "choose", "Other B", show=True, id="compare",
                tooltip="compare with another article (the right-hand side)"),
        Binding("c", "cite", "Cite", show=False, id="cite",
                tooltip="copy a citation of the focused paragraph"),
        Binding("y", "copy_text", "Copy", show=False, id="copy",
                tooltip="copy the text of the focused paragraph"),
    ]

    @dataclass
    class Loaded(Message):
        doc_a: str
        doc_b: str
        alignment: Alignment | None
        error: str | None = None
        shared: dict[tuple[str, int], list[tuple[int, int]]] = field(default_factory=dict)

    def __init__(self, doc_a: str, doc_b: str) -> None:
        super().__init__()
        self.doc_a, self.doc_b = doc_a, doc_b
        self.alignment: Alignment | None = None
        self._keep: tuple[int | None, int | None, str] | None = None  # (a, b, side) to return to
        self._articles: tuple[Article | None, Article | None] = (None, None)

    @property
    def reader(self) -> ReaderApp:
        return self.app  # type: ignore[return-value]

    @property
    def view(self) -> CompareView:
        return self.query_one(CompareView)

    def compose(self) -> ComposeResult:
        with Vertical(id="compare-box"):
            with Horizontal(id="compare-heads"):
                yield Static(Content(""), id="head-a", classes="compare-head")
                yield Static(Content(""), id="head-mid")
                yield Static(Content(""), id="head-b", classes="compare-head")
            yield CompareView(id="compare")
            yield Static(Content("Comparing…"), id="compare-status")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#head-mid").styles.width = MID
        self.view.focus()
        self.load()

    # -- loading ----------------------------------------------------------------------------------

    def load(self) -> None:
        load = self.reader.load_article
        self._articles = (load(self.doc_a), load(self.doc_b))
        self.query_one("#head-a", Static).update(heading("A", self._articles[0], self.doc_a))
        self.query_one("#head-b", Static).update(heading("B", self._articles[1], self.doc_b))
        self.view.empty_message = "Comparing…"
        self.view.show(None, None, None)
        self._compare(self.doc_a, self.doc_b)

    @work(thread=True, exclusive=True, group="compare", exit_on_error=False)
    def _compare(self, doc_a: str, doc_b: str) -> None:
        library = self.reader.library
        article_a, article_b = self._articles
        try:
            alignment = library.compare(doc_a, doc_b)
            shared: dict[tuple[str, int], list[tuple[int, int]]] = {}
            for pair in alignment.pairs:  # the words each pair shares, on both sides
                for side, number, article in (("a", pair.a, article_a), ("b", pair.b, article_b)):
                    paragraph = article.paragraph(number) if article else None
                    if paragraph is not None and pair.shared:
                        spans = shared.setdefault((side, number), [])
                        spans += library.word_offsets(paragraph.text, pair.shared)
        except ReaderError as exc:  # an index problem: say so on the screen
            self.post_message(self.Loaded(doc_a, doc_b, None, clip(str(exc), 200)))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(self.Loaded(doc_a, doc_b, alignment, shared=shared))

    def on_compare_screen_loaded(self, message: Loaded) -> None:
        if (message.doc_a, message.doc_b) != (self.doc_a, self.doc_b):
            return
        view = self.view
        article_a, article_b = self._articles
        if message.alignment is None or article_a is None or article_b is None:
            view.empty_message = f"Cannot compare these articles: {message.error or 'not found'}"
            view.show(None, None, None)
            self.set_status(view.empty_message, error=True)
            return
        self.alignment = message.alignment
        keep, self._keep = self._keep, None
        view.show(message.alignment, article_a, article_b, side=keep[2] if keep else "a",
                  shared=message.shared)
        if keep is not None and (keep[0] is not None or keep[1] is not None):
            found = view.row_of(keep[0], keep[1])
            if found is not None:
                view.go_to_row(found)

    def set_status(self, text: str, error: bool = False) -> None:
        status = self.query_one("#compare-status", Static)
        status.update(Content(text))
        status.set_class(error, "-error")

    @on(CompareView.Moved)
    def _moved(self, event: CompareView.Moved) -> None:
        view = event.view
        self.query_one("#head-a").set_class(view.side == "a", "-focused")
        self.query_one("#head-b").set_class(view.side == "b", "-focused")
        if self.alignment is not None and view.rows:
            self.set_status(f"{view.position_label()}   ({summary(self.alignment)})")

    @on(CompareView.Open)
    def _open_clicked(self) -> None:
        self.action_open()

    # -- actions ----------------------------------------------------------------------------------

    def _focused(self) -> tuple[str, int] | None:
        view = self.view
        para = view.current_paragraph
        if para is None:
            return None
        return (self.doc_a if view.side == "a" else self.doc_b), para

    def action_open(self) -> None:
        target = self._focused()
        if target is None:
            self.app.bell()
            self.notify("No paragraph on this side of the row: tab to the other side.",
                        severity="warning", timeout=3)
            return
        self.dismiss(target)

    def action_cite(self) -> None:
        target = self._focused()
        if target is None:
            self.app.bell()
            return
        self.reader.copy_citation(*target)

    def action_copy_text(self) -> None:
        target = self._focused()
        article = self._articles[0 if self.view.side == "a" else 1]
        paragraph = article.paragraph(target[1]) if target and article else None
        if paragraph is None:
            self.app.bell()
            return
        self.reader.copy_plain(paragraph.text, "paragraph")

    def action_swap(self) -> None:
        view = self.view
        row = view.row
        if row is not None:
            self._keep = (row.b, row.a, "b" if view.side == "a" else "a")
        self.doc_a, self.doc_b = self.doc_b, self.doc_a
        self.alignment = None
        self.load()

    def action_choose(self) -> None:
        from reader.tui.screens.picker import ArticlePicker

        articles = [a for a in self.reader.main.search_pane.articles if a.doc != self.doc_a]
        if not articles:
            self.app.bell()
            return

        def chosen(doc: str | None) -> None:
            if doc and doc != self.doc_b:
                self.doc_b = doc
                self.alignment = None
                self.load()

        title = self._articles[0].title if self._articles[0] else self.doc_a
        self.app.push_screen(ArticlePicker(articles, f"Compare “{clip(title, 50)}” with…",
                                           related_to=self.doc_a), chosen)

    def action_close(self) -> None:
        self.dismiss(None)
