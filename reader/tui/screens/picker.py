"""A picker of articles, most related to the open one first: type to filter, ``enter`` chooses.

The ranking comes from the library: for each paragraph of the open article,
:meth:`Library.related` names the paragraphs elsewhere that tell the same thing; an article's
score is the sum of its best match per paragraph (in a worker; the list re-sorts when it is
done). Filtering is strict: each word typed must be in the title, outlet, date or id, or be the
letters of one word of it in order from that word's first letter (``kzk`` finds
``Kazakhstan``; ``corona`` does not find any title that merely holds c, o, r, o, n, a).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, ClassVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Footer, Input, Static
from textual.worker import get_current_worker

from reader.errors import ReaderError
from reader.records import ArticleSummary
from reader.tui.widgets.line_list import Line, LineList
from reader.tui.widgets.text_layout import clip, flat

if TYPE_CHECKING:
    from reader.tui.app import ReaderApp

RANK_PARAGRAPHS = 30  # paragraphs of the open article asked about; enough to rank, bounded
_WORDS = re.compile(r"\w+")


def _fold(text: str) -> str:
    """Lower case, one character for one character (so offsets stay valid)."""
    return "".join(c if len(c.lower()) != 1 else c.lower() for c in text)


def fuzzy_match(query: str, candidate: str) -> tuple[float, list[int]]:
    """How well ``query`` matches ``candidate`` (0: not at all) and the offsets that matched.

    Every word of the query must be found: as a substring (best at a word start) or, failing
    that, as its letters in order inside one word of the candidate, starting at its first letter.
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
        letters = _in_one_word(word, text)
        if letters is None:
            return 0.0, []
        groups = 1 + sum(1 for x, y in zip(letters, letters[1:], strict=False) if y != x + 1)
        score += len(word) / groups
        offsets.extend(letters)
    return score, sorted(set(offsets))


def _in_one_word(word: str, text: str) -> list[int] | None:
    """Offsets of ``word``'s letters in order within one word of ``text`` that starts with
    ``word``'s first letter (the first such word), or None."""
    for match in _WORDS.finditer(text):
        if not match.group().startswith(word[0]):
            continue
        letters, position = [match.start()], match.start() + 1
        for letter in word[1:]:
            position = text.find(letter, position, match.end())
            if position < 0:
                break
            letters.append(position)
            position += 1
        else:
            return letters
    return None


class PickList(LineList):
    """The articles that match the filter: title (matched letters lit), then outlet and date."""

    item_lines, gap = 2, 0

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.shown: list[tuple[ArticleSummary, list[int], float | None]] = []

    def show(self, shown: list[tuple[ArticleSummary, list[int], float | None]]) -> None:
        self.shown = shown
        self.reset(len(shown), 0 if shown else None)

    def lines_of(self, index: int, width: int) -> list[Line]:
        summary, offsets, related = self.shown[index]
        title = clip(summary.title or summary.doc, width)
        lit = set(offsets)
        line: Line = []
        for position, char in enumerate(title):
            names = ("title", "match") if position in lit and not char.isspace() else ("title",)
            if line and line[-1][1] == names:
                line[-1] = (line[-1][0] + char, names)
            else:
                line.append((char, names))
        meta = [clip(summary.source, 30) if summary.source else None, summary.date,
                f"{summary.paragraphs} ¶", summary.doc]
        if related:
            meta.insert(0, f"related {related:.2f}")
        return [line, [(clip(" · ".join(m for m in meta if m), width), ("meta",))]]


class ArticlePicker(ModalScreen[str | None]):
    """Choose an article (returns its doc id, or ``None`` on escape)."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "cancel", "Cancel", show=True, id="close",
                tooltip="close the picker"),
        Binding("down", "move(1)", "Down", show=False, id="list-down",
                tooltip="next article (also from the filter box)"),
        Binding("up", "move(-1)", "Up", show=False, id="list-up",
                tooltip="previous article (also from the filter box)"),
    ]

    class Ranked(Message):
        def __init__(self, scores: dict[str, float]) -> None:
            super().__init__()
            self.scores = scores

    def __init__(self, articles: list[ArticleSummary], heading: str,
                 related_to: str | None = None) -> None:
        super().__init__()
        self.articles = list(articles)
        self.heading = heading
        self.related_to = related_to
        self.scores: dict[str, float] | None = None
        self.shown: list[ArticleSummary] = []
        self._haystacks = [
            " ".join(flat(x) for x in (a.title or a.doc, a.source or "", a.date or "", a.doc))
            for a in self.articles]

    @property
    def reader(self) -> ReaderApp:
        return self.app  # type: ignore[return-value]

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
        if self.related_to is not None:
            self._rank(self.related_to)

    @work(thread=True, exclusive=True, group="rank", exit_on_error=False)
    def _rank(self, doc: str) -> None:
        library = self.reader.library
        scores: dict[str, float] = {}
        try:
            article = library.article(doc)
            paragraphs = [p for p in (article.paragraphs if article else [])
                          if p.repeat_of is None][:RANK_PARAGRAPHS]
            for paragraph in paragraphs:
                best: dict[str, float] = {}
                for related in library.related(doc, paragraph.number, limit=20):
                    best[related.doc] = max(best.get(related.doc, 0.0), related.score)
                for other, score in best.items():
                    scores[other] = scores.get(other, 0.0) + score
                if get_current_worker().is_cancelled:
                    return
        except ReaderError:
            return  # the picker still works, in the corpus's order
        self.post_message(self.Ranked(scores))

    def on_article_picker_ranked(self, message: Ranked) -> None:
        self.scores = message.scores
        self.refilter()

    @on(Input.Changed, "#pick-filter")
    def _changed(self) -> None:
        self.refilter()

    @on(Input.Submitted, "#pick-filter")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_choose()

    def refilter(self) -> None:
        query = self.query_one("#pick-filter", Input).value
        scores = self.scores or {}
        scored = []
        for position, (summary, hay) in enumerate(zip(self.articles, self._haystacks,
                                                      strict=True)):
            score, offsets = fuzzy_match(query, hay)
            if score > 0:
                related = scores.get(summary.doc)
                scored.append((-score, -(related or 0.0), position, summary, offsets, related))
        scored.sort(key=lambda item: item[:3])
        self.shown = [item[3] for item in scored]
        self.query_one(PickList).show([(item[3], item[4], item[5]) for item in scored])
        total = len(self.articles)
        if not total:
            status = "No other articles."
        elif query.strip():
            status = f"{len(self.shown)} of {total} articles match"
        else:
            status = f"{total} article{'s' if total != 1 else ''}"
        if self.related_to is not None:
            status += (" · ranking by similarity…" if self.scores is None else
                       " · most related first")
        self.query_one("#pick-status", Static).update(Content(status))

    @property
    def highlighted(self) -> ArticleSummary | None:
        index = self.query_one(PickList).highlighted
        if index is None or not (0 <= index < len(self.shown)):
            return None
        return self.shown[index]

    @on(LineList.Selected, "#pick-list")
    def _selected(self, event: LineList.Selected) -> None:
        event.stop()
        self.action_choose()

    def action_choose(self) -> None:
        summary = self.highlighted
        if summary is None:
            self.app.bell()
            return
        self.dismiss(summary.doc)

    def action_move(self, delta: int) -> None:
        self.query_one(PickList).action_cursor(delta)

    def action_cancel(self) -> None:
        self.dismiss(None)
