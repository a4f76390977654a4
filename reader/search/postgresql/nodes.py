"""The tree a parsed query is (:mod:`.parse` builds it; :mod:`.expand` and :mod:`.translate`
read it): leaves are words, phrases, patterns and date ranges of one field, joined by the
boolean nodes. Frozen dataclasses, so equal parts compare and hash equal (caches key on them).
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Term:
    field: str
    text: str
    boost: float = 1.0


@dataclass(frozen=True)
class Phrase:
    field: str
    words: tuple[str, ...]
    slop: int = 1
    boost: float = 1.0


@dataclass(frozen=True)
class Prefix:
    field: str
    text: str
    boost: float = 1.0


@dataclass(frozen=True)
class Wildcard:
    field: str
    pattern: str  # * any run of characters, ? one character
    boost: float = 1.0


@dataclass(frozen=True)
class Fuzzy:
    field: str
    text: str
    maxdist: int = 1
    prefixlength: int = 0
    boost: float = 1.0


@dataclass(frozen=True)
class DayRange:
    """Articles dated from ``low`` to ``high`` (day texts, inclusive; None is open)."""

    low: str | None
    high: str | None


@dataclass(frozen=True)
class And:
    items: tuple


@dataclass(frozen=True)
class Or:
    items: tuple


@dataclass(frozen=True)
class Not:
    item: object


@dataclass(frozen=True)
class AndNot:
    positive: object
    negative: object


@dataclass(frozen=True)
class AndMaybe:
    required: object
    optional: object


Leaf = Term | Phrase | Prefix | Wildcard | Fuzzy
EXPANDING = (Prefix, Wildcard, Fuzzy)
