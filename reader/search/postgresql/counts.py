"""A load's term counts: each batch's summed into the update's, and written as COPY text.

A big load's batches bring millions of (term, paragraphs) counts to the loading process, and
at its end the update writes a row of ``terms`` for each distinct term of each field (and the
stems it learned) while the server builds the indexes. ``Counter.update`` sums two mappings
in a Python loop, and psycopg formats a row at a time; here the sum is compiled when the
package was built with its loops (:mod:`.speedups`), and the rows are one block of text.
"""

from __future__ import annotations

from collections.abc import Iterable

from reader.search.postgresql.speedups import COMPILED as _COMPILED


def add_counts(target: dict, source: dict) -> None:
    """Each count of ``source`` added to ``target``'s, as ``Counter.update(source)`` does.
    (The reference for the compiled loop of :mod:`.speedups`.)"""
    get = target.get
    for key, count in source.items():
        target[key] = get(key, 0) + count


def add(target: dict, source: dict) -> None:
    """:func:`add_counts`, compiled when it was built (two dicts, or Counters)."""
    if _COMPILED is not None and target is not source:
        _COMPILED.add_counts(target, source)
    else:
        add_counts(target, source)


def copy_text(rows: Iterable[tuple[str | int, ...]]) -> bytes:
    """Rows of text and integers in COPY's text format, in one block: written as they are
    when no value holds a tab, a line break, a carriage return or a backslash (the block's
    tabs and line breaks are counted to tell), escaped value by value otherwise."""
    rows = list(rows)
    if not rows:
        return b""
    text = "".join(["\t".join(map(str, row)) + "\n" for row in rows])
    tabs = sum(len(row) - 1 for row in rows)
    if (text.count("\n") == len(rows) and text.count("\t") == tabs and "\\" not in text
            and "\r" not in text):
        return text.encode()
    return "".join(["\t".join(map(_escaped, row)) + "\n" for row in rows]).encode()


_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _escaped(value: str | int) -> str:
    return value.translate(_ESCAPES) if isinstance(value, str) else str(value)


__all__ = ["add", "add_counts", "copy_text"]
