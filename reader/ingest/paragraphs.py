"""Where one paragraph ends and the next begins, decided per article from its own separators.

Why: news reaches us as files with blank lines between paragraphs, as exports with one
paragraph per line and an occasional stray blank line, and as hard-wrapped text whose lines
end mid-sentence. A single rule for all three either merges a whole export into two or three
blocks or cuts a wrapped paragraph at every line.
"""

from __future__ import annotations

import re

Span = tuple[int, int]

_ENDS_SENTENCE = re.compile(r"[.!?:;\"”’)\]…]$")
_STARTS_ITEM = re.compile(r"[-•*–—]\s|\d{1,2}[.)]\s")
LINES_ARE_PARAGRAPHS = 0.5  # share of single-newline breaks after a finished sentence


def lines_of(text: str, lo: int = 0, hi: int | None = None) -> list[Span]:
    """Offsets of the non-blank lines of ``text[lo:hi]``, trimmed."""
    out = []
    for match in re.finditer(r"[^\n]+", text[lo: len(text) if hi is None else hi]):
        a, b = match.start() + lo, match.end() + lo
        while a < b and text[a].isspace():
            a += 1
        while b > a and text[b - 1].isspace():
            b -= 1
        if b > a:
            out.append((a, b))
    return out


def blank_between(text: str, first: Span, second: Span) -> bool:
    """True when a blank line separates two lines."""
    return text.count("\n", first[1], second[0]) >= 2


def lines_are_paragraphs(text: str, lines: list[Span]) -> bool:
    """Whether each line is a paragraph (else blank-line separated blocks are).

    No blank line at all: every line is one. Otherwise the lines that a single newline ends
    decide: when most of them finish a sentence (or the next line is a list item), the file
    writes one paragraph per line and its blank lines are stray; when most stop mid-sentence,
    the text is hard-wrapped and only blank lines separate paragraphs.
    """
    single = finished = 0
    any_blank = False
    for first, second in zip(lines, lines[1:], strict=False):
        if blank_between(text, first, second):
            any_blank = True
            continue
        single += 1
        line = text[first[0]:first[1]]
        finished += bool(_ENDS_SENTENCE.search(line)
                         or _STARTS_ITEM.match(text, second[0], second[1]))
    if not any_blank:
        return True
    if single == 0:
        return False
    return finished / single >= LINES_ARE_PARAGRAPHS


def group_lines(text: str, lines: list[Span]) -> list[list[Span]]:
    """The body's lines grouped into paragraphs (each a list of its line spans)."""
    if not lines:
        return []
    if lines_are_paragraphs(text, lines):
        return [[line] for line in lines]
    groups: list[list[Span]] = [[lines[0]]]
    for previous, line in zip(lines, lines[1:], strict=False):
        if blank_between(text, previous, line):
            groups.append([line])
        else:
            groups[-1].append(line)
    return groups
