"""The one cleaning every shell applies to untrusted text just before showing it.

Article text, metadata (titles, outlets, authors from sidecars and CSV columns), document ids
and file names all come from files nobody on this project wrote. A byte that a terminal
interprets (ESC starting a CSI or OSC sequence, a C1 control such as 0x9b, BEL, a carriage
return) could recolour the screen, move the cursor, retitle the window or write the clipboard;
a bidirectional control (U+202E and friends) could make ``evil‮txt.exe`` read as something else.
:func:`clean` makes all of them visible, one character for one, so nothing is interpreted and
nothing is hidden, and offsets into the text (highlights, quotes) stay valid.

Both the CLI and the TUI call :func:`clean` on every such string at output, and only there:
records keep the exact text, and ``--json`` carries it escaped (see ``reader.cli.output``).
"""

from __future__ import annotations

__all__ = ["BIDI_CONTROLS", "clean", "one_line"]

# Shown for a control character that has no picture of its own (C1, bidi, lone surrogates).
REPLACEMENT = "\ufffd"

# Bidirectional formatting characters: embeddings and overrides (U+202A-U+202E), isolates
# (U+2066-U+2069), the Arabic letter mark (U+061C) and the LRM/RLM marks (U+200E, U+200F).
BIDI_CONTROLS = frozenset(
    [*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x061C, 0x200E, 0x200F])


def _table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0x20):  # C0: the Control Pictures block has one for each (ESC is ␛)
        if chr(code) not in "\t\n":
            table[code] = chr(0x2400 + code)
    table[0x7F] = "\u2421"  # ␡
    for code in range(0x80, 0xA0):  # C1, including the 8-bit CSI (0x9b) and OSC (0x9d)
        table[code] = REPLACEMENT
    for code in BIDI_CONTROLS:
        table[code] = REPLACEMENT
    for code in range(0xD800, 0xE000):  # lone surrogates (a file name that is not UTF-8)
        table[code] = REPLACEMENT
    return table


_TABLE = _table()


def clean(text: str) -> str:
    """``text`` with every character a terminal could act on replaced by a visible one.

    C0 controls other than tab and newline become their Control Pictures (``\\x1b`` -> ``␛``,
    so an escape sequence shows as ``␛[31m`` and does nothing); DEL becomes ``␡``; C1
    controls, bidirectional controls and lone surrogates become ``�``. One character is
    replaced by one character, so offsets into ``text`` still point at the same places.
    """
    return text.translate(_TABLE)


def one_line(text: str | None, limit: int | None = None) -> str:
    """:func:`clean` text on one line (whitespace collapsed), cut at ``limit`` with "…"."""
    flat = " ".join(clean(text or "").split())
    if limit is not None and len(flat) > limit:
        return flat[: max(limit - 1, 0)].rstrip() + "…"
    return flat
