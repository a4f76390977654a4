"""A fuzzy picker of articles: type a few letters of a title, outlet or date, ``enter`` chooses.

The matching is the command palette's kind (letters in order, whole words and word starts
count more), done in linear time per title: Textual's own fuzzy search tries every placement of
the letters, which grows exponentially with repeated letters in long titles.
"""

from __future__ import annotations

from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, OptionList, Static
from textual.widgets.option_list import Option

from reader.records import ArticleSummary
from reader.tui.widgets.lists import MATCH_STYLE, META_STYLE, TITLE_STYLE, ListBase, clip, flat


def _fold(text: str) -> str:
    """Lower case, one character for one character (so offsets stay valid)."""
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def fuzzy_match(query: str, candidate: str) -> tuple[float, list[int]]:
    """How well ``query`` matches ``candidate`` (0: not at all) and the offsets that matched.

    Every word of the query must be found: as a substring (best at a word start) or, failing
    that, as its letters in order.
    """
    words = _fold(query).split()
    if not words:
        return 1.0, []
    text = _fold(candidate)
    score = 0.0
    offsets: list[int] = []
    for word in words:
        found = -1
        position = text.find(word)
        while position >= 0:
            if position == 0 or not text[position - 1].isalnum():
                found = position
                break
            if found < 0:
                found = position
            position = text.find(word, position + 1)
        if found >= 0:
            at_start = found == 0 or not text[found - 1].isalnum()
            score += len(word) * (3.0 if at_start else 2.0)
            offsets.extend(range(found, found + len(word)))
            continue
        position, letters = 0, []
        for letter in word:
            position = text.find(letter, position)
            if position < 0:
                return 0.0, []
            letters.append(position)
            position += 1
        groups = 1 + sum(1 for x, y in zip(letters, letters[1:], strict=False) if y != x + 1)
        starts = sum(1 for x in letters if x == 0 or not text[x - 1].isalnum())
        score += len(word) / groups + starts
        offsets.extend(letters)
    return score, sorted(set(offsets))


class PickList(ListBase):
    """The articles that match the filter."""


class ArticlePicker(ModalScreen[str | None]):
    """Choose an article (returns its doc id, or ``None`` on escape)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", show=True),
        Binding("down", "move(1)", "Down", show=False),
        Binding("up", "move(-1)", "Up", show=False),
    ]

    def __init__(self, articles: list[ArticleSummary], heading: str) -> None:
        super().__init__()
        self.articles = list(articles)
        self.heading = heading
        self.shown: list[ArticleSummary] = []
        self._haystacks = [
            " ".join(flat(x) for x in (a.title or a.doc, a.source or "", a.date or "", a.doc))
            for a in self.articles]

    def compose(self) -> ComposeResult:
        with Vertical(id="pick-box") as box:
            box.border_title = Content(self.heading)
            box.border_subtitle = "type to filter · enter to choose · escape to cancel"
            yield Input(placeholder="Filter by title, outlet or date", id="pick-filter",
                        select_on_focus=False)
            yield Static(Content(""), id="pick-status")
            yield PickList(id="pick-list")
        yield Footer()

    def on_mount(self) -> None:
        box = self.query_one("#pick-filter", Input)
        box.cursor_blink = not self.app.is_headless
        box.focus()
        self.refilter()

    @on(Input.Changed, "#pick-filter")
    def _changed(self) -> None:
        self.refilter()

    @on(Input.Submitted, "#pick-filter")
    def _submitted(self) -> None:
        self.action_choose()

    def refilter(self) -> None:
        query = self.query_one("#pick-filter", Input).value
        scored = []
        for position, (summary, hay) in enumerate(zip(self.articles, self._haystacks,
                                                      strict=True)):
            score, offsets = fuzzy_match(query, hay)
            if score > 0:
                scored.append((-score, position, summary, offsets))
        scored.sort(key=lambda item: item[:2])
        self.shown = [item[2] for item in scored]
        pick = self.query_one("#pick-list", PickList)
        width = pick.prompt_width()
        pick.set_options([Option(self._prompt(s, offsets, width))
                          for _, _, s, offsets in scored])
        if self.shown:
            pick.highlighted = 0
        total = len(self.articles)
        if not total:
            status = "No other articles."
        elif query.strip():
            status = f"{len(self.shown)} of {total} articles match"
        else:
            status = f"{total} article{'s' if total != 1 else ''}"
        self.query_one("#pick-status", Static).update(Content(status))

    @staticmethod
    def _prompt(summary: ArticleSummary, offsets: list[int], width: int) -> Content:
        title = flat(summary.title or summary.doc)
        shown = clip(title, max(width * 2 - 4, 20))
        content = Content(shown).stylize(TITLE_STYLE)
        for offset in offsets:
            if offset < len(shown) and not shown[offset].isspace() and not (
                    shown.endswith("…") and offset == len(shown) - 1):
                content = content.stylize(MATCH_STYLE, offset, offset + 1)
        meta = " · ".join(filter(None, (
            clip(summary.source, 40) if summary.source else None, summary.date,
            f"{summary.paragraphs} ¶", summary.doc)))
        return Content.assemble(content, "\n", (meta, META_STYLE))

    @property
    def highlighted(self) -> ArticleSummary | None:
        index = self.query_one("#pick-list", PickList).highlighted
        if index is None or not (0 <= index < len(self.shown)):
            return None
        return self.shown[index]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_choose()

    def action_choose(self) -> None:
        summary = self.highlighted
        if summary is None:
            self.app.bell()
            return
        self.dismiss(summary.doc)

    def action_move(self, delta: int) -> None:
        pick = self.query_one("#pick-list", PickList)
        pick.action_cursor_down() if delta > 0 else pick.action_cursor_up()

    def action_cancel(self) -> None:
        self.dismiss(None)
