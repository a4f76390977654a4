"""The reader's Textual app: the library, the settings, what is remembered, the copy path.

The app paints first; the main screen then opens the index in a thread worker. Screens own their
workers; the app holds what they share: the :class:`Library`, the settings (keys remapped from
the config file), the remembered state and marks of this corpus, a small cache of open articles,
and copying with a notification that says exactly what was copied.
"""

from __future__ import annotations

import gc
import threading
from collections import OrderedDict
from collections.abc import Iterable
from pathlib import Path
from typing import ClassVar

from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from reader.cite import STYLES
from reader.compare import Related
from reader.errors import CitationError, IndexProblem, IndexUnavailable, ReaderError
from reader.library import Library
from reader.marks import MarkBook
from reader.records import Article
from reader.settings import Settings
from reader.state import CorpusState, StateFile, corpus_key
from reader.text import safe
from reader.tui import clipboard
from reader.tui.keys import class_rows
from reader.tui.screens.help import HelpScreen
from reader.tui.screens.main import MainScreen
from reader.tui.screens.styles import StylePicker, style_name, with_article
from reader.tui.theme import DARK, THEMES
from reader.tui.widgets.source_view import SourceView
from reader.tui.widgets.text_layout import clip

NOTIFY_LIMIT = 1200  # characters of a copied text shown in full in the notification


class ReaderApp(App[None]):
    """``reader [CORPUS]``: search a corpus, read side by side, cite, mark, export."""

    TITLE = "reader"
    CSS_PATH = Path(__file__).with_name("reader.tcss")
    ENABLE_COMMAND_PALETTE = True

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("question_mark", "help", "Help", key_display="?", id="help",
                tooltip="every key, and the search syntax"),
        Binding("C", "choose_style", "Style", show=False, key_display="C", id="citation-style",
                tooltip="choose the citation style (remembered)"),
        Binding("ctrl+p", "command_palette", "Palette", show=False, id="palette",
                tooltip="command palette: every action, each citation style, the theme "
                        "switcher"),
        Binding("q", "quit", "Quit", id="quit",
                tooltip="quit (when not typing); in a panel: close it"),
    ]

    def __init__(self, library: Library, *, cite_style: str | None = None,
                 settings: Settings | None = None, state: StateFile | None = None,
                 marks: MarkBook | None = None) -> None:
        if settings is None:
            from reader.settings import current

            settings = current()
        self.settings = settings
        self.state = state if state is not None else StateFile.load()
        super().__init__()
        self.library = library
        self.quitting = threading.Event()  # set on the way out: a running update stops
        self.corpus_state: CorpusState = self.state.corpus(corpus_key(library.corpus))
        self.marks = marks if marks is not None else MarkBook.for_corpus(library.corpus)
        remembered = self.state.style if self.state.style in STYLES else None
        self.cite_style = cite_style or remembered or (
            settings.citation_style if settings.citation_style in STYLES else "apa")
        self.index_ready = False
        self.index_error: str | None = None
        self.counterparts: dict[str, dict[tuple[int, int], list[Related]]] = {}
        self._articles: OrderedDict[str, Article] = OrderedDict()
        for theme in THEMES:
            self.register_theme(theme)
        wanted = self.state.theme or settings.theme or DARK.name
        self.theme = wanted if wanted in self.available_themes else DARK.name
        self._known_theme = self.theme
        self.set_keymap(dict(settings.keys))

    def get_default_screen(self) -> Screen:
        return MainScreen()

    @property
    def main(self) -> MainScreen:
        for screen in self.screen_stack:
            if isinstance(screen, MainScreen):
                return screen
        raise LookupError("the main screen is not running")

    def on_mount(self) -> None:
        for warning in (self.state.warning, self.marks.warning, *self.settings.warnings,
                        *self._keymap_warnings()):
            if warning:
                self.notify(clip(warning, 300), severity="warning", markup=False, timeout=8)

    def on_ready(self) -> None:
        # the first frame is on screen: now open (and if needed build) the index
        self.main.build_index()

    def on_unmount(self) -> None:
        self.quitting.set()  # before closing the library, which waits for a running update
        self.library.stop_update()  # and its last steps, which progress does not reach
        self.save_state(quiet=True)
        self.library.close()
        gc.unfreeze()  # what the main screen froze once the index was open may go now

    def _keymap_warnings(self) -> list[str]:
        from reader.tui.screens.help import all_rows

        known = {row.id for _, row in all_rows()}
        return [f"config: no key binding called '{name}' (see ? for the names)"
                for name in self.settings.keys if name not in known]

    # -- what is remembered -----------------------------------------------------------------------

    def watch_theme(self, theme: str) -> None:
        if getattr(self, "_known_theme", None) not in (None, theme):
            self.state.theme = theme
            self.save_state(quiet=True)
        self._known_theme = theme

    def save_state(self, quiet: bool = False) -> bool:
        try:
            self.state.save()
        except OSError as exc:
            if not quiet:
                self.notify(f"Cannot save the reader's state: {clip(str(exc), 200)}",
                            severity="warning", markup=False)
            return False
        return True

    def save_marks(self) -> bool:
        """Write the marks; on failure say so (they stay in memory) and return False."""
        try:
            self.marks.save()
        except OSError as exc:
            self.notify(f"Cannot save the marks: {clip(str(exc), 200)}. They are kept while "
                        "the reader runs.", severity="error", markup=False, timeout=8)
            return False
        return True

    # -- articles ---------------------------------------------------------------------------------

    def load_article(self, doc: str) -> Article | None:
        """The article ``doc`` (cached); None, with a notification, if it cannot be read."""
        article = self._articles.get(doc)
        if article is not None:
            self._articles.move_to_end(doc)
            return article
        try:
            article = self.library.article(doc)
        except IndexProblem as exc:
            self.main.index_lost(str(exc), isinstance(exc, IndexUnavailable))
            return None
        except ReaderError as exc:
            self.notify(clip(str(exc), 300), title="Cannot read the article", severity="error",
                        markup=False)
            return None
        if article is None:
            self.notify(f"Article {clip(doc, 60)} is no longer in the index.",
                        severity="warning", markup=False)
            return None
        self._articles[doc] = article
        while len(self._articles) > 16:
            self._articles.popitem(last=False)
        return article

    def library_article(self, doc: str) -> Article | None:
        """The article ``doc``, or None (for finding marks again; no notifications)."""
        try:
            return self.library.article(doc)
        except ReaderError:
            return None

    def forget_articles(self) -> None:
        """The index changed: cached articles and links may be stale."""
        self._articles.clear()
        self.counterparts.clear()

    # -- copying ----------------------------------------------------------------------------------

    def copy_plain(self, text: str, what: str) -> None:
        self._copy(safe(text), f"Copied the {what}'s text")

    def copy_titled(self, text: str, title: str) -> None:
        """Copy ``text``; the notification's title says what it is."""
        self._copy(safe(text), title)

    def copy_citation(self, doc: str, para: int, quote: int | None = None) -> None:
        try:
            citation = self.library.cite(doc, para, quote, self.cite_style)
        except CitationError as exc:
            self.notify(clip(str(exc), 300), title="Cannot cite this", severity="error",
                        markup=False)
            return
        except IndexProblem as exc:
            self.main.index_lost(str(exc), isinstance(exc, IndexUnavailable))
            return
        what = f"quote {quote} of ¶{para}" if quote else f"¶{para}"
        self._copy(safe(citation), f"Copied {with_article(style_name(self.cite_style))} "
                                   f"citation of {what}")

    def _copy(self, text: str, title: str) -> None:
        channels = clipboard.copy(self, text)
        shown = text if len(text) <= NOTIFY_LIMIT else (
            text[:NOTIFY_LIMIT] + f"… ({len(text) - NOTIFY_LIMIT} more characters)")
        self.notify(shown, title=f"{title} ({' + '.join(channels)})", markup=False,
                    timeout=6)

    # -- actions ----------------------------------------------------------------------------------

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_choose_style(self) -> None:
        if isinstance(self.screen, StylePicker):
            return
        preview = None
        if isinstance(self.screen, MainScreen):
            source = self.main.source
            if source.article is not None and source.current_paragraph is not None:
                preview = (source.article.doc, source.current_paragraph.number)
        self.push_screen(StylePicker(self.cite_style, preview), self.set_style)

    def set_style(self, style: str | None) -> None:
        if style and style in STYLES:
            changed = style != self.cite_style
            self.cite_style = style
            self.state.style = style
            self.save_state()
            if changed:
                self.notify(f"c now copies {with_article(style_name(style))} citation.",
                            title="Citation style", markup=False, timeout=3)

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """A worker that failed with anything but a reader error is a bug: show it."""
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            error = event.worker.error
            self.notify(f"{type(error).__name__}: {clip(str(error), 300)}",
                        title="Internal error (please report it)", severity="error",
                        markup=False, timeout=15)

    # -- command palette --------------------------------------------------------------------------

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """Every action of the main screen, from the bindings; each citation style."""
        if isinstance(screen, MainScreen) or screen is self.screen_stack[0]:
            main = self.main
            targets: list[tuple[type, object]] = [(MainScreen, main), (SourceView, main.source),
                                                  (ReaderApp, self)]
            for node_class, node in targets:
                for row in class_rows([node_class], self._keymap):
                    if row.id in ("palette", "back"):
                        continue
                    yield SystemCommand(
                        row.description, f"{row.tooltip} ({row.keys_text})",
                        lambda a=row.action, n=node: self.run_action(a, n))  # type: ignore
            yield SystemCommand("Articles", "Clear the search and list the articles",
                                main.search_pane.clear)
        for style in STYLES:
            yield SystemCommand(f"Citation style: {style}",
                                f"c copies {with_article(style_name(style))} citation",
                                lambda s=style: self.set_style(s), discover=False)
        yield from super().get_system_commands(screen)
