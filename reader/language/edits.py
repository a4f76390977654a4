"""Edit distance between words, for fuzzy words and "did you mean" in every backend."""

from __future__ import annotations


def edits(a: str, b: str, limit: int, transpositions: bool = True) -> int:
    """Edit distance (with adjacent transpositions counted as one edit unless
    ``transpositions`` is False), or ``limit + 1`` once it exceeds ``limit``."""
    previous2: list[int] | None = None
    previous = list(range(len(b) + 1))
    for i in range(1, len(a) + 1):
        current = [i] + [0] * len(b)
        best = i
        for j in range(1, len(b) + 1):
            cost = a[i - 1] != b[j - 1]
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if (transpositions and previous2 is not None and i > 1 and j > 1
                    and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]):
                value = min(value, previous2[j - 2] + 1)
            current[j] = value
            best = min(best, value)
        if best > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[-1]


def one_edit(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` are at most one edit (or one swap of neighbours) apart: the
    same answer as ``edits(a, b, 1) <= 1``, without the table."""
    if a == b:
        return True
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1:] == b[i + 1:] or (
            i + 1 < len(a) and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2:] == b[i + 2:])
    return a[i:] == b[i + 1:]
