"""Keys are described once: every binding carries its id and sentence, and help, the palette
and the README are generated from them."""

from __future__ import annotations

import importlib
import inspect
import pkgutil
import re
from pathlib import Path

from textual.binding import Binding
from textual.dom import DOMNode

import reader.tui
from reader.tui.keys import class_rows, key_name, own_bindings, rows
from reader.tui.screens.help import all_rows, readme_keys, sections

from .tui_support import aio, app, private_state, seeds_index, settle

FIXTURES = (app, private_state, seeds_index)  # used by name in the tests below
README = Path(__file__).resolve().parents[1] / "README.md"


def tui_classes() -> list[type]:
    """Every widget, screen and app class defined in ``reader.tui``."""
    found = []
    for info in pkgutil.walk_packages(reader.tui.__path__, "reader.tui."):
        module = importlib.import_module(info.name)
        for _, value in inspect.getmembers(module, inspect.isclass):
            if issubclass(value, DOMNode) and value.__module__ == module.__name__:
                found.append(value)
    return found


def test_every_binding_has_an_id_and_a_sentence():
    classes = tui_classes()
    assert len(classes) > 15
    for node_class in classes:
        for binding in own_bindings(node_class):
            where = f"{node_class.__name__}: {binding.key}"
            assert binding.id, where
            assert re.fullmatch(r"[a-z]+(-[a-z]+)*", binding.id), where  # a bare TOML key
            assert binding.tooltip and binding.description, where


def test_help_covers_every_class_with_keys():
    covered = {c for _, classes in sections() for c in classes}
    for node_class in tui_classes():
        if own_bindings(node_class) and node_class.__name__ not in (
                "HelpScreen", "StylePicker", "ArticlePicker"):  # their keys are on screen
            assert node_class in covered, node_class.__name__


def test_the_readme_has_the_generated_key_tables():
    text = README.read_text(encoding="utf-8")
    block = text.split("<!-- keys:start -->\n", 1)[1].split("\n<!-- keys:end -->", 1)[0]
    assert block == readme_keys()


def test_rows_merge_keys_of_one_action_and_apply_a_keymap():
    bindings = [Binding("down,j", "move(1)", "Down", id="down", tooltip="next"),
                Binding("question_mark", "help", "Help", id="help", tooltip="help")]
    assert [(r.id, r.keys) for r in rows(bindings)] == [("down", ("down", "j")),
                                                        ("help", ("?",))]
    remapped = rows(bindings, {"down": "ctrl+n,n"})
    assert remapped[0].keys == ("ctrl+n", "n") and remapped[0].keys_text == "ctrl+n, n"
    assert key_name("left_square_bracket") == "[" and key_name("shift+tab") == "shift+tab"


@aio
async def test_the_palette_has_every_action_of_the_main_screen(app):
    from reader.tui.app import ReaderApp
    from reader.tui.screens.main import MainScreen
    from reader.tui.widgets.source_view import SourceView

    async with app.run_test() as pilot:
        await settle(pilot)
        commands = list(app.get_system_commands(app.screen))
        helps = " ".join(c.help for c in commands)
        for row in class_rows([MainScreen, SourceView, ReaderApp]):
            if row.id not in ("palette", "back"):
                assert f"{row.tooltip} ({row.keys_text})" in helps, row.id
        assert len({row.id for _, row in all_rows()}) > 40
