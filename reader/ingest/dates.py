"""Publication dates as ISO 8601, read strictly: a date that is not a real one is no date.

Why: a citation carries the date, so a guess is worse than nothing. ``2024-02-30`` is not
February 2024, and ``6/3/2025`` is not a day until the file's other dates say whether its
exports write the day or the month first.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable

_ISO = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:$|[T ]\d)")
_ISO_SLASH = re.compile(r"(\d{4})/(\d{1,2})/(\d{1,2})(?:$|[T ]\d)")
_MONTH = re.compile(r"(\d{4})-(\d{1,2})$")
_YEAR = re.compile(r"(\d{4})$")
# Day and month in either order: "19/10/2025", "10/19/2025 21:00", "6-3-2025".
_NUMERIC = re.compile(r"(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?:$|[T ,]+\d)")

DAY_FIRST, MONTH_FIRST = "day-first", "month-first"


def _day(year: int, month: int, day: int) -> str | None:
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None


def iso_date(value: str, order: str | None = DAY_FIRST) -> str | None:
    """``YYYY-MM-DD`` (or ``YYYY-MM``/``YYYY``) from common spellings; None when unsure.

    ``order`` says how to read an ambiguous ``A/B/YYYY`` (both parts 12 or less): day first,
    month first, or ``None`` (not at all). An unambiguous one is read whatever ``order`` says.
    """
    value = value.strip()
    for pattern in (_ISO, _ISO_SLASH):
        match = pattern.match(value)
        if match:
            year, month, day = (int(g) for g in match.groups())
            return _day(year, month, day)
    match = _MONTH.match(value)
    if match:
        year, month = int(match.group(1)), int(match.group(2))
        return f"{year:04d}-{month:02d}" if 1 <= month <= 12 else None
    if _YEAR.match(value):
        return value
    match = _NUMERIC.match(value)
    if match:
        a, b, year = (int(g) for g in match.groups())
        if a > 12 >= b:
            return _day(year, b, a)
        if b > 12 >= a:
            return _day(year, a, b)
        if order == DAY_FIRST:
            return _day(year, b, a)
        if order == MONTH_FIRST:
            return _day(year, a, b)
        return None
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        return None


def numeric_order(values: Iterable[str]) -> str | None:
    """Whether the ``A/B/YYYY`` dates of one file write the day or the month first.

    Decided by the file's own unambiguous dates (a part above 12); None when they do not say
    or contradict each other.
    """
    day_first = month_first = False
    for value in values:
        match = _NUMERIC.match(value.strip())
        if not match:
            continue
        a, b = int(match.group(1)), int(match.group(2))
        day_first |= a > 12 >= b
        month_first |= b > 12 >= a
    if day_first == month_first:
        return None
    return DAY_FIRST if day_first else MONTH_FIRST
