"""``C``: choose the citation style used by ``c``, each shown as it would cite the current
paragraph (or, with no article open, described). The styles and their descriptions are
:data:`reader.cite.STYLES` and :data:`reader.cite.DESCRIPTIONS`; nothing here lists them again."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from reader.cite import DESCRIPTIONS, STYLES
from reader.errors import ReaderError
from reader.tui.widgets.text_layout import clip

if TYPE_CHECKING:
    from reader.tui.app import ReaderApp

# How a style is named in a sentence; a style missing here is named as it is spelled.
_NAMES = {"apa": "APA", "mla": "MLA", "chicago": "Chicago", "bibtex": "BibTeX",
          "csl-json": "CSL-JSON", "markdown": "Markdown"}
_VOWEL_SOUND_LETTERS = set("AEFHILMNORSX")  # initialisms read letter by letter


def style_name(style: str) -> str:
    return _NAMES.get(style, style)


def with_article(name: str) -> str:
    """``an APA``, ``a BibTeX``, ``an MLA``, ``a plain``: the article goes by the sound."""
    word = name.split("-")[0]
    initialism = len(word) > 1 and word.isupper()
    vowel = word[:1] in _VOWEL_SOUND_LETTERS if initialism else word[:1].lower() in "aeiou"
    return f"{'an' if vowel else 'a'} {name}"


class StylePicker(ModalScreen[str | None]):
    """A list of citation styles; ``enter`` picks one, ``escape`` keeps the current one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "cancel", "Cancel", show=True, id="close",
                tooltip="close the panel"),
        Binding("j", "cursor(1)", "Down", show=False, id="list-down",
                tooltip="next entry of the list"),
        Binding("k", "cursor(-1)", "Up", show=False, id="list-up",
                tooltip="previous entry of the list"),
    ]

    class Previews(Message):
        def __init__(self, previews: dict[str, str]) -> None:
            super().__init__()
            self.previews = previews

    def __init__(self, current: str, preview: tuple[str, int] | None = None) -> None:
        super().__init__()
        self.current = current
        self.preview = preview

    @property
    def reader(self) -> ReaderApp:
        return self.app  # type: ignore[return-value]

    def compose(self) -> ComposeResult:
        with Vertical(id="style-box") as box:
            box.border_title = "Citation style"
            box.border_subtitle = "enter to choose · escape to cancel"
            yield OptionList(*self._options({}), id="styles", markup=False)

    def _options(self, previews: dict[str, str]) -> list[Option]:
        width = max(len(style_name(s)) for s in STYLES)
        options = []
        for style in STYLES:
            mark = "● " if style == self.current else "  "
            parts: list[Content | tuple[str, str] | str] = [
                (mark, "bold"), (style_name(style).ljust(width), "bold")]
            shown = previews.get(style) or DESCRIPTIONS.get(style, "")
            if shown:
                parts += ["  ", (clip(shown, 200), "$text-muted")]
            options.append(Option(Content.assemble(*parts), id=style))
        return options

    def on_mount(self) -> None:
        styles = self.query_one("#styles", OptionList)
        if self.current in STYLES:
            styles.highlighted = STYLES.index(self.current)
        styles.focus()
        if self.preview is not None:
            self._previews(*self.preview)

    @work(thread=True, exclusive=True, group="previews", exit_on_error=False)
    def _previews(self, doc: str, para: int) -> None:
        previews = {}
        for style in STYLES:
            try:
                previews[style] = self.reader.library.cite(doc, para, None, style)
            except ReaderError:
                continue
        if not get_current_worker().is_cancelled:
            self.post_message(self.Previews(previews))

    def on_style_picker_previews(self, message: Previews) -> None:
        styles = self.query_one("#styles", OptionList)
        highlighted = styles.highlighted
        styles.set_options(self._options(message.previews))
        styles.highlighted = highlighted

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cursor(self, delta: int) -> None:
        styles = self.query_one("#styles", OptionList)
        styles.action_cursor_down() if delta > 0 else styles.action_cursor_up()

    def action_cancel(self) -> None:
        self.dismiss(None)
