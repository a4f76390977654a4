"""The article fields a query can filter on: ``date:``, ``lang:`` and a corpus's own columns.

Why one module: every backend must read ``date:2025-11``, ``lang:EN`` and ``kategori:hoax``
the same way, so the rules live here and the engines only translate them. These fields
filter; they never add to a hit's score (``title:`` and ``outlet:`` words still do).

- ``date:`` takes a day, a month or a year (``2025-11-03``, ``2025-11``, ``2025``) or a range
  of them, ``A..B``, open on either side (``2025-11..``, ``..2025``); both ends are included.
  Article dates are ISO 8601 days, so every bound is compared as text (``C`` collation).
- ``lang:`` takes a language tag; only its first part counts (``lang:en`` = ``lang:en-GB``).
- Any other column of a CSV/JSON record or key of a sidecar is a field by its *key*:
  lower case, every run of other characters than letters, digits and ``_`` made one ``_``
  (``Kategori Berita`` is ``kategori_berita:``). Its value is matched as words, like an
  outlet (folded, not stemmed): ``kategori:hoax`` finds ``Hoax``, ``kategori:"berita palsu"``
  the phrase, ``kategori:ho*`` a prefix.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from reader.errors import QueryError

DATE = "date"
LANG = "lang"
EXTRA_PREFIX = "x_"  # the name an extra field has inside an engine (x_kategori)
# Names that are always fields (a column with one of these names is not an extra field).
BUILTIN = frozenset({"text", "title", "source", "outlet", "speaker", "quote", "doc", DATE, LANG})

_DAY = r"\d{4}(?:-\d{2}(?:-\d{2})?)?"
_DATE = re.compile(rf"(?P<low>{_DAY})?(?P<range>\.\.)?(?P<high>{_DAY})?")
DATE_HELP = ("date: takes a day, month or year (2025-11-03, 2025-11, 2025) or a range "
             "(2025-11-01..2025-11-30, 2025-11.., ..2025)")


def field_key(name: str) -> str | None:
    """The query name of an extra field's key, or None when it cannot be one (no letters,
    starts with a digit, or a built-in name)."""
    key = re.sub(r"\W+", "_", name.casefold()).strip("_")
    if not key or key[0].isdigit() or key in BUILTIN or len(key) > 60:
        return None
    return key


def extra_values(fields: dict[str, str] | None) -> dict[str, str]:
    """``{query key: value}`` of an article's extra fields (the first of clashing keys)."""
    out: dict[str, str] = {}
    for name, value in (fields or {}).items():
        key = field_key(name)
        if key is not None and key not in out and str(value).strip():
            out[key] = str(value)
    return out


def date_bounds(value: str) -> tuple[str | None, str | None]:
    """``(low, high)`` inclusive text bounds of a ``date:`` value; None is open.

    >>> date_bounds("2025-11")
    ('2025-11', '2025-11-99')
    """
    match = _DATE.fullmatch(value.strip())
    if not match or not (match.group("low") or match.group("high")) or (
            not match.group("range") and match.group("high")):
        raise QueryError(DATE_HELP)
    low, high = match.group("low"), match.group("high")
    if not match.group("range"):
        high = low
    if low and high and low > _ceiling(high):
        raise QueryError(f"date:{value} starts after it ends")
    return low, (_ceiling(high) if high else None)


def _ceiling(value: str) -> str:
    """The highest date text within a day, month or year: ``2025`` -> ``2025-99-99``."""
    return value + "-99-99"[: 10 - len(value)]


def language(value: str | None) -> str:
    """The part of a language tag ``lang:`` compares: ``en`` for ``EN-gb``."""
    return re.split(r"[-_]", (value or "").strip().lower(), maxsplit=1)[0]


def year(date: str | None) -> str | None:
    """The year of an ISO date, or None."""
    return date[:4] if date and len(date) >= 4 and date[:4].isdigit() else None


def known_fields(extra: Iterable[str]) -> list[str]:
    """Every field name a query may use, for error messages: built-ins first."""
    return ["title", "outlet", "speaker", "quote", DATE, LANG, *sorted(set(extra))]
