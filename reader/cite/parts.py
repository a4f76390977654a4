"""Pieces several styles print the same way: the title in a style's case, the quote, the speaker.

Why here: the title rules (language, untitled works, inner quotation marks) must not drift
between styles, so each style asks this module for its title instead of formatting its own.
"""

from __future__ import annotations

from reader.cite.source import Source
from reader.cite.titles import DESCRIPTION, headline_case, sentence_case

EXCERPT_CHARS = 200


def title_text(src: Source, style: str) -> str | None:
    """The article's title in ``style``'s capitalisation (English only), or None if untitled.

    ``style`` is ``apa`` (reference: sentence case), ``apa-in-text`` (title case), ``chicago``,
    ``mla`` (headline style) or anything else (as given).
    """
    if src.title is None:
        return None
    if not src.english:
        return src.title
    if style == "apa":
        return sentence_case(src.title, src.usage)
    if style == "apa-in-text":
        return headline_case(src.title, "apa")
    if style in ("chicago", "mla"):
        return headline_case(src.title, style)
    return src.title


def description(src: Source) -> str:
    """What stands for a missing title: ``Untitled article beginning “…”`` or ``Untitled
    article`` when not even the opening words are known."""
    if src.untitled:
        return f"{DESCRIPTION} “{src.untitled}”"
    return "Untitled article"


def excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    """The paragraph cut at a word boundary near ``limit`` characters, with ``…``."""
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit + 1)
    if cut < limit // 2:
        cut = limit
    return text[:cut].rstrip(" ,;:–—-") + "…"


def attribution(src: Source) -> str | None:
    """``Speaker (role, via Outlet)`` as far as known."""
    extra = [p for p in (src.role, f"via {src.via}" if src.via else None) if p]
    if src.speaker:
        return f"{src.speaker} ({', '.join(extra)})" if extra else src.speaker
    return ", ".join(extra) or None


def quote_lead(src: Source) -> str:
    """The quote as it opens an APA, Chicago or MLA citation: ``Speaker: “…”``."""
    quote = f"“{src.quote}”"
    return f"{src.speaker}: {quote}" if src.speaker else quote
