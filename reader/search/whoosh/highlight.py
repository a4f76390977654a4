"""Which words a hit marks, and the hit records themselves.

Highlights are offsets of surface forms (``gabung`` marks ``bergabung``): the stems the query
searched in ``text`` and ``quote`` (prefixes and fuzzy words as what they expanded to), found in
the paragraph with the same analysis the index used.
"""

from __future__ import annotations

from reader.language.analysis import highlight_offsets
from reader.records import Hit

HIGHLIGHT_FIELDS = ("text", "quote")


def highlight_terms(q) -> set[str]:
    """The stems to mark in hit text."""
    words: set[str] = set()
    for fieldname, value in q.iter_all_terms(phrases=True):
        if fieldname in HIGHLIGHT_FIELDS:
            words.add(value.decode("utf-8") if isinstance(value, bytes) else str(value))
    return words


def hit(fields: dict, score: float | None, words: set[str]) -> Hit:
    """A hit from a paragraph's stored fields."""
    text = fields.get("text", "")
    return Hit(doc=fields["doc"], para=fields["para"], title=fields.get("title", ""),
               source=fields.get("source") or None, score=float(score or 0.0), text=text,
               highlights=highlight_offsets(text, words),
               repeats=list(fields.get("repeats") or []))
