"""``M``: the marks of this corpus, in the user's order: go to one, reorder, delete (and undo),
add a note, export them all as one bibliography in the current citation style."""

from __future__ import annotations

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
from reader.marks import Export, Mark, export_marks
from reader.tui.screens.styles import style_name, with_article
from reader.tui.widgets.line_list import Line, LineList
from reader.tui.widgets.text_layout import clip, flat, wrap_lines

if TYPE_CHECKING:
    from reader.tui.app import ReaderApp


def mark_lines(mark: Mark, width: int) -> list[Line]:
    """``¶N · Title``, a line of the marked text, and the note (or why it is missing)."""
    where = f"¶{mark.para}" + (f" quote {mark.quote}" if mark.quote else "")
    title = clip(mark.title or mark.doc, max(width - len(where) - 3, 10))
    text = flat(mark.text)
    body = wrap_lines(f"“{text}”" if mark.quote else text, width, limit=1)[0]
    lines: list[Line] = [[(where, ("number",)), (" · ", ("meta",)), (title, ("title",))],
                         [(body, ("quote",) if mark.quote else ())]]
    if mark.missing:
        lines.append([(clip("not found in the article any more: kept, not exported",
                            width), ("match",))])
    elif mark.note:
        lines.append([(clip("✎ " + mark.note, width), ("meta",))])
    return lines


class MarkList(LineList):
    item_lines, gap = 3, 1

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.marks: list[Mark] = []

    def show(self, marks: list[Mark], highlighted: int | None = 0) -> None:
        self.marks = list(marks)
        self.reset(len(self.marks), highlighted if self.marks else None)
        self.empty_text = "No marks yet: m marks the current paragraph or selected quote."

    def lines_of(self, index: int, width: int) -> list[Line]:
        return mark_lines(self.marks[index], width)


class MarksPanel(ModalScreen[tuple[str, int, int | None] | None]):
    """The marks panel; returns ``(doc, para, quote)`` to open, or None."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape,q", "close", "Close", show=True, id="close",
                tooltip="close the panel (or the note being edited)"),
        Binding("enter", "go", "Go to", show=True, key_display="enter", id="marks-go",
                tooltip="open the highlighted mark in the article"),
        Binding("e", "note", "Note", show=True, id="marks-note",
                tooltip="write a note on the highlighted mark (enter keeps it)"),
        Binding("d,delete", "delete", "Delete", show=True, id="marks-delete",
                tooltip="delete the highlighted mark"),
        Binding("u", "undo", "Undo", show=False, id="marks-undo",
                tooltip="bring back the last deleted mark"),
        Binding("J,shift+down", "move_mark(1)", "Move down", show=False, key_display="J",
                id="marks-move-down", tooltip="move the highlighted mark down the list"),
        Binding("K,shift+up", "move_mark(-1)", "Move up", show=False, key_display="K",
                id="marks-move-up", tooltip="move the highlighted mark up the list"),
        Binding("x", "export", "Export", show=True, id="marks-export",
                tooltip="copy every mark as one bibliography in the citation style (C "
                        "chooses it; reader marks export writes a file)"),
    ]

    class Exported(Message):
        def __init__(self, export: Export | None, error: str | None = None) -> None:
            super().__init__()
            self.export, self.error = export, error

    def __init__(self) -> None:
        super().__init__()
        self._deleted: list[tuple[int, Mark]] = []

    @property
    def reader(self) -> ReaderApp:
        return self.app  # type: ignore[return-value]

    @property
    def mark_list(self) -> MarkList:
        return self.query_one(MarkList)

    def compose(self) -> ComposeResult:
        with Vertical(id="marks-box") as box:
            box.border_title = "Marks"
            box.border_subtitle = "enter: go to · e: note · d: delete · J/K: move · x: export"
            yield Static(Content(""), id="marks-status")
            yield MarkList(id="mark-list")
            yield Input(placeholder="A note on this mark (enter keeps it, escape drops it)",
                        id="mark-note", classes="-hidden")
        yield Footer()

    def on_mount(self) -> None:
        self.refresh_list(0)
        self.mark_list.focus()

    def refresh_list(self, highlighted: int | None = None) -> None:
        marks = self.reader.marks.marks
        if highlighted is None:
            highlighted = self.mark_list.highlighted or 0
        self.mark_list.show(marks, min(highlighted, max(len(marks) - 1, 0)))
        articles = len({m.doc for m in marks})
        missing = sum(m.missing for m in marks)
        status = (f"{len(marks)} mark{'s' if len(marks) != 1 else ''} in {articles} "
                  f"article{'s' if articles != 1 else ''}") if marks else "No marks."
        if missing:
            status += f" · {missing} not found any more"
        status += f" · x exports {with_article(style_name(self.reader.cite_style))} list"
        self.query_one("#marks-status", Static).update(Content(status))

    @property
    def current(self) -> Mark | None:
        index = self.mark_list.highlighted
        marks = self.mark_list.marks
        return marks[index] if index is not None and index < len(marks) else None

    def _save(self) -> None:
        self.reader.save_marks()
        self.reader.main._show_marked()

    # -- actions ----------------------------------------------------------------------------------

    @on(LineList.Selected, "#mark-list")
    def _selected(self, event: LineList.Selected) -> None:
        event.stop()
        self.action_go()

    def action_go(self) -> None:
        mark = self.current
        if mark is None:
            self.app.bell()
            return
        self.dismiss((mark.doc, mark.para, mark.quote))

    def action_delete(self) -> None:
        mark = self.current
        if mark is None:
            self.app.bell()
            return
        position = self.mark_list.highlighted or 0
        self.reader.marks.remove(mark.id)
        self._deleted.append((position, mark))
        self._save()
        self.refresh_list(position)
        self.notify(f"Deleted the mark of ¶{mark.para} (u brings it back).", markup=False,
                    timeout=4)

    def action_undo(self) -> None:
        if not self._deleted:
            self.app.bell()
            return
        position, mark = self._deleted.pop()
        self.reader.marks.insert(position, mark)
        self._save()
        self.refresh_list(position)

    def action_move_mark(self, delta: int) -> None:
        mark = self.current
        if mark is None:
            return
        position = self.reader.marks.move(mark.id, delta)
        self._save()
        self.refresh_list(position)

    def action_note(self) -> None:
        mark = self.current
        if mark is None:
            self.app.bell()
            return
        note = self.query_one("#mark-note", Input)
        note.value = mark.note
        note.remove_class("-hidden")
        note.focus()

    @on(Input.Submitted, "#mark-note")
    def _note_done(self, event: Input.Submitted) -> None:
        event.stop()
        mark = self.current
        if mark is not None:
            self.reader.marks.set_note(mark.id, event.value)
            self._save()
        self._close_note()
        self.refresh_list()

    def _close_note(self) -> None:
        note = self.query_one("#mark-note", Input)
        note.add_class("-hidden")
        self.mark_list.focus()

    def action_close(self) -> None:
        if not self.query_one("#mark-note", Input).has_class("-hidden"):
            self._close_note()
            return
        self.dismiss(None)

    def action_export(self) -> None:
        if not self.reader.marks.marks:
            self.notify("No marks to export: m marks a paragraph or quote.", markup=False,
                        severity="warning", timeout=4)
            return
        self._export(list(self.reader.marks.marks), self.reader.cite_style)

    @work(thread=True, exclusive=True, group="export", exit_on_error=False)
    def _export(self, marks: list[Mark], style: str) -> None:
        try:
            export = export_marks(marks, self.reader.library_article, style)
        except ReaderError as exc:
            self.post_message(self.Exported(None, clip(str(exc), 200)))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(self.Exported(export))

    def on_marks_panel_exported(self, message: Exported) -> None:
        export = message.export
        if export is None:
            self.notify(message.error or "", title="Cannot export the marks",
                        severity="error", markup=False)
            return
        style = style_name(self.reader.cite_style)
        title = (f"Exported {export.marks} mark{'s' if export.marks != 1 else ''} as "
                 f"{with_article(style)} list of {export.entries} "
                 f"entr{'ies' if export.entries != 1 else 'y'}")
        if export.skipped:
            title += f"; {len(export.skipped)} not found any more, left out"
        self.reader.copy_titled(export.text, title)
