"""The two lists of the left pane: articles (no query) and search results.

Both draw only the entries on screen (:class:`LineList`); text from articles is laid out as
plain strings with styles by name, never read as markup. ``dense`` shows one line per entry.
"""

from __future__ import annotations

from reader.records import ArticleSummary, Hit
from reader.text import excerpt_bounds
from reader.tui.widgets.line_list import Line, LineList
from reader.tui.widgets.text_layout import clip, display_text, flat, wrap_offsets

TITLE = ("title",)
META = ("meta",)
NUMBER = ("number",)
MATCH = ("match",)


def snippet_lines(text: str, highlights: list[tuple[int, int]], width: int, lines: int
                  ) -> list[Line]:
    """``lines`` lines of ``text`` around its first match, the matched words highlighted."""
    text = display_text(text).replace("\n", " ")
    start, end = excerpt_bounds(text, highlights, width * lines, lead=1 / 4)
    window = ("…" if start else "") + text[start:end]
    shift = (1 if start else 0) - start
    spans = [(a + shift, b + shift) for a, b in highlights if a >= start and b <= end]
    wrapped = wrap_offsets(window, width)
    cut = len(wrapped) > lines or end < len(text)
    wrapped = wrapped[:lines]
    out: list[Line] = []
    for number, (a, b) in enumerate(wrapped):
        line = _styled(window, a, b, spans)
        if cut and number == len(wrapped) - 1:
            if b - a >= width:
                line = _styled(window, a, b - 1, spans)
            line.append(("…", ()))
        out.append(line)
    return out


def _styled(text: str, start: int, end: int, spans: list[tuple[int, int]]) -> Line:
    """``text[start:end]`` split into plain and matched pieces."""
    out: Line = []
    position = start
    for a, b in spans:
        a, b = max(a, start), min(b, end)
        if a >= b or a < position:
            continue
        if a > position:
            out.append((text[position:a], ()))
        out.append((text[a:b], MATCH))
        position = b
    if position < end:
        out.append((text[position:end], ()))
    return out


class ArticleList(LineList):
    """Every article of the corpus: title, then outlet, date, paragraph and quote counts."""

    item_lines, gap = 2, 1

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.articles: list[ArticleSummary] = []
        self.dense = False

    def show(self, articles: list[ArticleSummary]) -> None:
        self.articles = list(articles)
        highlighted = self.highlighted or 0
        self.reset(len(self.articles), min(highlighted, max(len(self.articles) - 1, 0)))

    def set_dense(self, dense: bool) -> None:
        self.dense = dense
        self.item_lines, self.gap = (1, 0) if dense else (2, 1)
        self.relayout()

    @staticmethod
    def meta(summary: ArticleSummary) -> str:
        return " · ".join(filter(None, (
            clip(summary.source, 40) if summary.source else None, summary.date,
            f"{summary.paragraphs} ¶",
            f"{summary.quotes} quote{'s' if summary.quotes != 1 else ''}")))

    def lines_of(self, index: int, width: int) -> list[Line]:
        summary = self.articles[index]
        title = flat(summary.title or summary.doc)
        meta = self.meta(summary)
        if self.dense:
            room = max(width - len(meta) - 3, width * 2 // 3)
            return [[(clip(title, room), TITLE), ("  " + meta, META)]]
        return [[(clip(title, width), TITLE)], [(clip(meta, width), META)]]

    @property
    def selected(self) -> ArticleSummary | None:
        index = self.highlighted
        return self.articles[index] if index is not None and index < len(self.articles) else None


class ResultsList(LineList):
    """Search hits: ``¶N`` and the title, the outlet, then two lines around the first match."""

    item_lines, gap = 4, 1

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.hits: list[Hit] = []
        self.dense = False
        self._title = ""

    def show(self, hits: list[Hit], highlighted: int = 0, empty_text: str = "") -> None:
        """Show ``hits`` (``empty_text`` when there are none), the cursor on ``highlighted``.
        The same hits as shown, at the top, are left as they are: nothing to repaint."""
        same = (hits == self.hits and empty_text == self.empty_text
                and (not hits or (self.highlighted == highlighted and self.scroll_y == 0)))
        self.empty_text = empty_text
        if same:
            return
        self.hits = list(hits)
        self.reset(len(self.hits), highlighted if self.hits else None)

    def set_title(self, title: str) -> None:
        """The border title (setting it repaints the whole list, so only when it changes)."""
        if title != self._title:
            self._title = title
            self.border_title = title

    def add(self, hits: list[Hit]) -> None:
        """The next page: ``hits`` follow the ones shown."""
        self.hits.extend(hits)
        self.extend(len(self.hits))

    def set_dense(self, dense: bool) -> None:
        self.dense = dense
        self.item_lines, self.gap = (1, 0) if dense else (4, 1)
        self.relayout()

    def lines_of(self, index: int, width: int) -> list[Line]:
        hit = self.hits[index]
        number = f"¶{hit.para}"
        if self.dense:
            title = clip(hit.title or hit.doc, max(width // 3, 10))
            head: Line = [(number, NUMBER), (" ", ()), (title, TITLE), ("  ", ())]
            room = max(width - len(number) - len(title) - 3, 10)
            return [head + snippet_lines(hit.text, hit.highlights, room, 1)[0]]
        title = clip(hit.title or hit.doc, max(width - len(number) - 2, 10))
        meta = [clip(hit.source, 40) if hit.source else hit.doc]
        if hit.date:
            meta.append(hit.date)
        if hit.repeats:
            meta.append("repeated as ¶" + ", ¶".join(map(str, hit.repeats)))
        lines: list[Line] = [[(number, NUMBER), ("  ", ()), (title, TITLE)],
                             [(clip(" · ".join(meta), width), META)]]
        return lines + snippet_lines(hit.text, hit.highlights, width, 2)

    @property
    def selected(self) -> Hit | None:
        index = self.highlighted
        return self.hits[index] if index is not None and index < len(self.hits) else None
