"""Publication dates as the style guides print them; a date is read, never guessed.

A citation may only show what the article's metadata says. ``2025``, ``2025-11`` and
``2025-11-07`` (with or without a time) are read; anything else, and impossible dates such as
``2025-02-30``, count as "no date", which each style prints its own way (``n.d.``, nothing).
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass

MONTHS = tuple(
    "January February March April May June July August September October November December".split()
)
# MLA 9 abbreviates months longer than four letters (and writes "Sept.").
MLA_MONTHS = tuple("Jan. Feb. Mar. Apr. May June July Aug. Sept. Oct. Nov. Dec.".split())

_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ].*)?")


@dataclass(frozen=True)
class Date:
    """A year, optionally with month and day: as precise as the source, no more."""

    year: int
    month: int | None = None
    day: int | None = None

    @classmethod
    def of(cls, day: datetime.date) -> Date:
        return cls(day.year, day.month, day.day)

    def parts(self) -> list[int]:
        """CSL ``date-parts``: ``[2025, 11, 7]``, ``[2025, 11]`` or ``[2025]``."""
        return [p for p in (self.year, self.month, self.day) if p is not None]

    def iso(self) -> str:
        out = f"{self.year:04d}"
        if self.month:
            out += f"-{self.month:02d}"
            if self.day:
                out += f"-{self.day:02d}"
        return out

    def month_day_year(self) -> str:
        """``March 8, 2017`` (Chicago)."""
        if self.month is None:
            return str(self.year)
        if self.day is None:
            return f"{MONTHS[self.month - 1]} {self.year}"
        return f"{MONTHS[self.month - 1]} {self.day}, {self.year}"

    def day_month_year(self) -> str:
        """``8 Mar. 2017`` (MLA 9)."""
        parts = [str(self.year)]
        if self.month is not None:
            parts.insert(0, MLA_MONTHS[self.month - 1])
            if self.day is not None:
                parts.insert(0, str(self.day))
        return " ".join(parts)

    def year_month_day(self) -> str:
        """``2019, March 22`` (APA 7, inside the reference's parentheses)."""
        if self.month is None:
            return str(self.year)
        out = f"{self.year}, {MONTHS[self.month - 1]}"
        return f"{out} {self.day}" if self.day else out


def parse_date(value: str | None) -> Date | None:
    """The date in ``value`` (ISO 8601, as the reader stores dates), or None when unsure."""
    if not value:
        return None
    match = _ISO_DATE.fullmatch(value)
    if not match:
        return None
    year = int(match.group(1))
    month = int(match.group(2)) if match.group(2) else None
    day = int(match.group(3)) if match.group(3) else None
    try:
        datetime.date(year or 1, month or 1, day or 1)
    except ValueError:
        return None
    if year == 0:
        return None
    return Date(year, month, day)
