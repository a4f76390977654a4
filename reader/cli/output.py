"""Writing answers: styled lines on a terminal, plain lines in a pipe, JSON, one-line errors.

Styling is a handful of SGR codes written here rather than through Rich: importing Rich costs
about 100 ms, more than the rest of a small search. Every string passes through
:func:`reader.display.clean` on its way out, so nothing from a file reaches the terminal as a
control code. A reader of our output that goes away (``reader search x | head -1``) is not an
error: the rest of the output is dropped and the command ends with its own status.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import sys
import unicodedata
from typing import BinaryIO

from reader.display import BIDI_CONTROLS, clean
from reader.display import one_line as _one_line

Segment = tuple[str, str | None]  # (text, style name or None)

# Style names used by the renderers, as SGR parameters.
STYLES = {
    "bold": "1",
    "dim": "2",
    "ref": "1;36",  # a DOC ¶N reference: bold cyan
    "mark": "1;30;43",  # a matched word: bold black on yellow
    "quote": "3;36",  # quoted words: italic cyan
    "label": "35",  # quote labels, "same statement"
    "statement": "32",
    "term": "35",
}

_TOKENS = re.compile(r"\n|[ \t]+|[^ \t\n]+")
_JSON_ESCAPES = re.compile(
    "[\x7f-\x9f\u2028\u2029\ud800-\udfff" + "".join(chr(c) for c in sorted(BIDI_CONTROLS)) + "]")


def colour_wanted(stream: BinaryIO | object) -> bool:
    """Colour only on a terminal, and never with ``NO_COLOR`` set or ``TERM=dumb``."""
    if os.environ.get("NO_COLOR") or os.environ.get("TERM") == "dumb":
        return False
    return _isatty(stream)


def _isatty(stream) -> bool:
    try:
        return os.isatty(stream.fileno())
    except (AttributeError, OSError, ValueError):
        return False


def cells(text: str) -> int:
    """Terminal columns ``text`` takes: wide East Asian characters two, marks none."""
    if text.isascii():
        return len(text)
    width = 0
    for ch in text:
        if unicodedata.combining(ch) or unicodedata.category(ch) in ("Mn", "Me", "Cf"):
            continue
        width += 2 if unicodedata.east_asian_width(ch) in "WF" else 1
    return width


class Output:
    """Standard output: lines of styled segments, raw text, JSON.

    On a terminal, lines are wrapped at its width (continuation lines indented by ``indent``)
    and styled unless colour is off; in a pipe each line is written whole and plain.
    """

    def __init__(self, stream=None) -> None:
        stream = stream or sys.stdout
        try:
            self._fd: int | None = stream.fileno()
        except (AttributeError, OSError, ValueError):  # not a file (embedded, captured)
            self._fd = None
        self._buffer: BinaryIO = stream.buffer
        self.terminal = _isatty(stream)
        self.colour = colour_wanted(stream)
        self.width = shutil.get_terminal_size().columns if self.terminal else None
        self.closed = False  # the reader of our output went away

    # -- writing -------------------------------------------------------------------------------

    def line(self, *segments: Segment | str, indent: int = 0) -> None:
        """One logical line; every segment is cleaned here."""
        parts = [(clean(s), None) if isinstance(s, str) else (clean(s[0]), s[1])
                 for s in segments]
        parts = [(text.replace("\t", " "), style) for text, style in parts if text]
        if self.width:
            rows = wrap(parts, max(self.width, 20), indent)
        else:
            rows = [parts]
        self.write("".join(self._render(row) + "\n" for row in rows))

    def blank(self) -> None:
        self.write("\n")

    def text(self, text: str) -> None:
        """Text written as it is after cleaning (citations, which keep their own layout)."""
        self.write(clean(text) + "\n")

    def json(self, data: object) -> None:
        """One UTF-8 JSON document, lossless: everything a terminal could act on is escaped
        (``json`` leaves C1, bidi controls and lone surrogates raw)."""
        self.write(to_json(data) + "\n")

    def write(self, text: str) -> None:
        if self.closed:
            return
        try:
            self._buffer.write(text.encode("utf-8"))
        except BrokenPipeError:
            self._drop()

    def flush(self) -> None:
        if self.closed:
            return
        try:
            self._buffer.flush()
        except BrokenPipeError:
            self._drop()

    def _drop(self) -> None:
        """The pipe closed: send what is left (and the interpreter's final flush) nowhere."""
        self.closed = True
        if self._fd is None:
            return
        devnull = os.open(os.devnull, os.O_WRONLY)
        try:
            os.dup2(devnull, self._fd)
        finally:
            os.close(devnull)

    def _render(self, row: list[Segment]) -> str:
        if not self.colour:
            return "".join(text for text, _ in row)
        out = []
        for text, style in row:
            code = STYLES.get(style or "")
            out.append(f"\x1b[{code}m{text}\x1b[0m" if code else text)
        return "".join(out)


def to_json(data: object) -> str:
    text = json.dumps(data, ensure_ascii=False, indent=2)
    return _JSON_ESCAPES.sub(lambda m: f"\\u{ord(m.group()):04x}", text)


def wrap(parts: list[Segment], width: int, indent: int = 0) -> list[list[Segment]]:
    """Break styled segments into rows of at most ``width`` columns at spaces (a word longer
    than a row is cut); rows after the first start with ``indent`` spaces."""
    rows: list[list[Segment]] = [[]]
    column = 0
    pad = min(indent, width // 2)
    broken = False  # the current row continues a wrapped one: its leading blanks are dropped

    def new_row() -> None:
        nonlocal column, broken
        broken = True
        row = rows[-1]
        while row and row[-1][0].isspace():  # no trailing blanks before a break
            row.pop()
        rows.append([(" " * pad, None)] if pad else [])
        column = pad

    word: list[Segment] = []
    word_cells = 0

    def put_word() -> None:
        nonlocal column, word, word_cells, broken
        if not word:
            return
        if column + word_cells > width and column > pad:
            new_row()
        for text, style in word:
            while column + cells(text) > width:  # longer than a whole row
                room = max(width - column, 1)
                cut = _cut(text, room)
                rows[-1].append((text[:cut], style))
                text = text[cut:]
                new_row()
            if text:
                rows[-1].append((text, style))
                column += cells(text)
        word, word_cells, broken = [], 0, False

    for text, style in parts:
        for token in _TOKENS.findall(text):
            if token == "\n":
                put_word()
                rows.append([])
                column, broken = 0, False
            elif token[0] in " \t":
                put_word()
                if broken:
                    continue
                if column + len(token) <= width:
                    rows[-1].append((token, style))
                    column += len(token)
                else:
                    new_row()
            else:
                word.append((token, style))
                word_cells += cells(token)
    put_word()
    return rows


def _cut(text: str, room: int) -> int:
    """How many characters of ``text`` fit in ``room`` columns (at least one)."""
    used = 0
    for i, ch in enumerate(text):
        used += cells(ch)
        if used > room:
            return max(i, 1)
    return len(text)


def say(message: str, prefix: str = "reader: ") -> None:
    """One line on stderr, cleaned, never styled. A closed stderr loses it quietly."""
    try:
        sys.stderr.buffer.write((prefix + _one_line(message) + "\n").encode("utf-8"))
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def warn(message: str) -> None:
    say(message, prefix="warning: ")


__all__ = ["Output", "Segment", "cells", "colour_wanted", "say", "to_json", "warn", "wrap"]
