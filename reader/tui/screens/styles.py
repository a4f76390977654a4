"""``C``: choose the citation style used by ``c``."""

from __future__ import annotations

from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from reader.cite import DESCRIPTIONS


class StylePicker(ModalScreen[str | None]):
    """A list of citation styles; ``enter`` picks one, ``escape`` keeps the current one."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "cancel", "Cancel", show=True),
        Binding("j", "cursor(1)", "Down", show=False),
        Binding("k", "cursor(-1)", "Up", show=False),
    ]

    def __init__(self, styles: tuple[str, ...], current: str) -> None:
        super().__init__()
        self.style_names = styles
        self.current = current

    def compose(self) -> ComposeResult:
        width = max(len(s) for s in self.style_names)
        options = []
        for style in self.style_names:
            mark = "● " if style == self.current else "  "
            options.append(Option(Content.assemble(
                (mark, "$text-accent"), (style.ljust(width), "bold"), "  ",
                (DESCRIPTIONS.get(style, ""), "$text-muted")), id=style))
        with Vertical(id="style-box") as box:
            box.border_title = "Citation style"
            box.border_subtitle = "enter to choose · escape to cancel"
            yield OptionList(*options, id="styles", markup=False)

    def on_mount(self) -> None:
        styles = self.query_one("#styles", OptionList)
        if self.current in self.style_names:
            styles.highlighted = self.style_names.index(self.current)
        styles.focus()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_cursor(self, delta: int) -> None:
        styles = self.query_one("#styles", OptionList)
        styles.action_cursor_down() if delta > 0 else styles.action_cursor_up()

    def action_cancel(self) -> None:
        self.dismiss(None)
