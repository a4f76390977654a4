"""Keys are declared once, where they act, as ``Binding(id=…, description=…, tooltip=…)``.

``description`` is the footer's short label, ``tooltip`` the sentence the help screen, the
command palette and the README show, and ``id`` the name a user remaps in the config file
(``[keys]`` table: ``cite = "x"``). This module turns such declarations into rows: one per
action, its keys after the user's keymap, in the order they were declared.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass

from textual.binding import Binding, BindingType
from textual.keys import format_key

# Named keys read better as words in a table than as the footer's symbols.
_WORDS = {"enter": "enter", "escape": "escape", "up": "up", "down": "down", "left": "left",
          "right": "right", "home": "home", "end": "end", "pageup": "pageup",
          "pagedown": "pagedown", "space": "space", "tab": "tab", "delete": "delete",
          "backspace": "backspace"}


def key_name(key: str) -> str:
    """How a key is written in help and docs: ``?``, ``ctrl+s``, ``enter``, ``shift+tab``."""
    *modifiers, last = key.split("+")
    name = _WORDS.get(last) or format_key(last)
    return "+".join([*modifiers, name])


@dataclass(frozen=True)
class KeyRow:
    """One action: the keys that run it, its short label and its sentence."""

    id: str
    keys: tuple[str, ...]
    description: str
    tooltip: str
    action: str

    @property
    def keys_text(self) -> str:
        return ", ".join(self.keys)


def own_bindings(node_class: type) -> list[Binding]:
    """The bindings a class declares itself (not those it inherits)."""
    declared = node_class.__dict__.get("BINDINGS", [])
    return list(Binding.make_bindings(declared))


def rows(bindings: Iterable[BindingType], keymap: Mapping[str, str] | None = None
         ) -> list[KeyRow]:
    """One row per binding id (several keys of one action share a row), keymap applied."""
    keymap = keymap or {}
    found: dict[str, KeyRow] = {}
    for binding in Binding.make_bindings(bindings):
        ident = binding.id or binding.action
        if binding.id and binding.id in keymap:
            keys = tuple(key_name(k.strip()) for k in keymap[binding.id].split(",") if k.strip())
        else:
            keys = (binding.key_display or key_name(binding.key),)
        row = found.get(ident)
        if row is None:
            found[ident] = KeyRow(ident, keys, binding.description, binding.tooltip,
                                  binding.action)
        elif binding.id not in keymap:
            merged = row.keys + tuple(k for k in keys if k not in row.keys)
            found[ident] = KeyRow(ident, merged, row.description, row.tooltip, row.action)
    return list(found.values())


def class_rows(node_classes: Iterable[type], keymap: Mapping[str, str] | None = None
               ) -> list[KeyRow]:
    """The rows of several classes' own bindings, first declaration of an id wins."""
    seen: set[str] = set()
    out: list[KeyRow] = []
    for node_class in node_classes:
        for row in rows(own_bindings(node_class), keymap):
            if row.id not in seen:
                seen.add(row.id)
                out.append(row)
    return out


def markdown_table(table_rows: Iterable[KeyRow]) -> str:
    """A README table: ``| key | action | name |`` (the name remaps it in the config)."""
    lines = ["| key | action | name |", "| --- | --- | --- |"]
    for row in table_rows:
        keys = " / ".join(f"`{k}`" for k in row.keys).replace("`|`", "`\\|`")
        lines.append(f"| {keys} | {row.tooltip} | `{row.id}` |")
    return "\n".join(lines)
