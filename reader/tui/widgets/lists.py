"""The two lists of the left pane: articles (no query) and search results.

Both are :class:`~textual.widgets.OptionList` subclasses whose prompts are
:class:`~textual.content.Content` objects built from plain strings, so nothing from an article
is ever read as markup. Match highlights use theme variables and follow the theme switcher.
"""

from __future__ import annotations

from typing import ClassVar

from textual.binding import Binding, BindingType
from textual.content import Content
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.records import ArticleSummary, Hit
from reader.text import excerpt_bounds
from reader.tui.widgets.source_view import display_text

MATCH_STYLE = "bold $text-warning on $warning-muted"
TITLE_STYLE = "bold"
META_STYLE = "$text-muted"
NUMBER_STYLE = "bold $text-accent"
RESULT_LIMIT = 100


def flat(text: str) -> str:
    """One line of display text: controls and runs of whitespace become single spaces."""
    return " ".join(display_text(text).split())


def clip(text: str, limit: int) -> str:
    text = flat(text)
    return text if len(text) <= limit else text[: max(limit - 1, 1)].rstrip() + "…"


def snippet(hit: Hit, width: int) -> Content:
    """About ``width`` characters of the hit around its first match, matches highlighted."""
    text = display_text(hit.text).replace("\n", " ")
    start, end = excerpt_bounds(text, hit.highlights, width, lead=1 / 4)
    prefix = "…" if start else ""
    content = Content(prefix + text[start:end] + ("…" if end < len(text) else ""))
    shift = len(prefix) - start
    for a, b in hit.highlights:
        if a >= start and b <= end:
            content = content.stylize(MATCH_STYLE, a + shift, b + shift)
    return content


class ListBase(OptionList):
    """An option list with vi keys."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("j", "cursor_down", "Down", show=False),
        Binding("k", "cursor_up", "Up", show=False),
        Binding("g", "first", "First", show=False),
        Binding("G", "last", "Last", show=False),
    ]

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, markup=False)

    def prompt_width(self) -> int:
        width = self.scrollable_content_region.width or self.size.width or 40
        return max(width - 2, 20)


class ArticleList(ListBase):
    """Every article of the corpus: title, outlet, paragraph and quote counts."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.articles: list[ArticleSummary] = []

    def show(self, articles: list[ArticleSummary]) -> None:
        self.articles = list(articles)
        options = []
        for summary in self.articles:
            meta = " · ".join(filter(None, (
                clip(summary.source, 40) if summary.source else None,
                summary.date,
                f"{summary.paragraphs} ¶",
                f"{summary.quotes} quote{'s' if summary.quotes != 1 else ''}",
            )))
            prompt = Content.assemble(
                (clip(summary.title or summary.doc, 300), TITLE_STYLE), "\n", (meta, META_STYLE))
            options.append(Option(prompt))
        highlighted = self.highlighted
        self.set_options(options)
        if options:
            self.highlighted = min(highlighted or 0, len(options) - 1)

    @property
    def selected(self) -> ArticleSummary | None:
        if self.highlighted is None or not (0 <= self.highlighted < len(self.articles)):
            return None
        return self.articles[self.highlighted]


class ResultsList(ListBase):
    """Search hits: ``¶N`` and the title, then a snippet with the matched words highlighted."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.hits: list[Hit] = []
        self._width = 0

    def show(self, hits: list[Hit], highlighted: int = 0) -> None:
        self.hits = list(hits[:RESULT_LIMIT])
        self._width = width = self.prompt_width()
        options = [Option(self.prompt(hit, width)) for hit in self.hits]
        self.set_options(options)
        if options:
            self.highlighted = min(highlighted, len(options) - 1)

    def on_resize(self) -> None:
        if self.hits and self.prompt_width() != self._width:
            self.show(self.hits, self.highlighted or 0)

    @staticmethod
    def prompt(hit: Hit, width: int) -> Content:
        """``¶N  Title`` on one line, outlet and repeats dimmed, then a two-line snippet."""
        number = f"¶{hit.para}"
        parts: list[str | Content | tuple[str, str]] = [
            (number, NUMBER_STYLE), "  ",
            (clip(hit.title, max(width - len(number) - 2, 10)), TITLE_STYLE), "\n"]
        meta = [clip(hit.source, 40) if hit.source else None]
        if hit.repeats:
            meta.append("repeated as ¶" + ", ¶".join(map(str, hit.repeats)))
        if any(meta):
            parts += [(" · ".join(filter(None, meta)), META_STYLE), "\n"]
        parts.append(snippet(hit, width * 2 - 6))
        return Content.assemble(*parts)

    @property
    def selected(self) -> Hit | None:
        if self.highlighted is None or not (0 <= self.highlighted < len(self.hits)):
            return None
        return self.hits[self.highlighted]
