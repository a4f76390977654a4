"""The rows of a comparison: which paragraph of A sits beside which paragraph of B.

A paragraph paired with several paragraphs of the other article gets a row per pair, but its
text is printed once: on its later rows it is a one-line pointer to the row that shows it
(``again``), so a long passage paired four times does not fill four screens.
"""

from __future__ import annotations

from dataclasses import dataclass

from reader.compare import Alignment
from reader.records import Article


@dataclass(frozen=True)
class Row:
    """One aligned row: paragraph numbers of A and B (``None``: no counterpart on that side)."""

    a: int | None
    b: int | None
    score: float | None = None
    shared: tuple[str, ...] = ()
    repeat: bool = False  # a repeated paragraph, not compared
    a_again: int | None = None  # A's paragraph is shown in full on this earlier row
    b_again: int | None = None

    def again(self, side: str) -> int | None:
        return self.a_again if side == "a" else self.b_again


def line_number(row: Row, side: str) -> int | None:
    return row.a if side == "a" else row.b


def aligned_rows(alignment: Alignment, article_a: Article, article_b: Article) -> list[Row]:
    """The rows in A's paragraph order; B-only paragraphs follow their nearest earlier neighbour.

    A paragraph paired more than once gets a row per pair (its text on the first of them).
    Repeated paragraphs (which the comparison skips) come last, one row each.
    """
    pairs = sorted(alignment.pairs, key=lambda p: (p.a, p.b))
    rows: list[Row] = []
    only_a = set(alignment.only_a)
    for paragraph in article_a.paragraphs:
        if paragraph.repeat_of is not None:
            continue
        number = paragraph.number
        if number in only_a:
            rows.append(Row(number, None))
        for pair in pairs:
            if pair.a == number:
                rows.append(Row(number, pair.b, pair.score, tuple(pair.shared)))
    for number in sorted(alignment.only_b):
        placed = [(row.b, position) for position, row in enumerate(rows)
                  if row.b is not None and row.b < number]
        if placed:
            anchor = max(placed)[1]
            rows.insert(anchor + 1, Row(None, number))
        else:
            later = [position for position, row in enumerate(rows)
                     if row.b is not None and row.b > number]
            rows.insert(min(later) if later else len(rows), Row(None, number))
    rows.extend(Row(p.number, None, repeat=True) for p in article_a.paragraphs
                if p.repeat_of is not None)
    rows.extend(Row(None, p.number, repeat=True) for p in article_b.paragraphs
                if p.repeat_of is not None)
    return _point_back(rows)


def _point_back(rows: list[Row]) -> list[Row]:
    """Mark each side whose paragraph an earlier row already shows in full."""
    first: dict[tuple[str, int], int] = {}
    out = []
    for position, row in enumerate(rows):
        again = {}
        for side in ("a", "b"):
            number = line_number(row, side)
            if number is None or row.repeat:
                continue
            seen = first.setdefault((side, number), position)
            if seen != position:
                again[side] = seen
        if again:
            row = Row(row.a, row.b, row.score, row.shared, row.repeat,
                      again.get("a"), again.get("b"))
        out.append(row)
    return out
