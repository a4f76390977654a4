"""The reader's own short forms: ``plain`` text and a ``markdown`` blockquote.

Both name what a reader needs to find the passage again: the outlet, the title (or a bracketed
description of an untitled article), the authors when known, the date or ``n.d.``, the
paragraph as ``¶ N`` and the URL.
"""

from __future__ import annotations

import re

from reader.cite.names import Name
from reader.cite.parts import attribution, description, excerpt
from reader.cite.source import Source
from reader.cite.titles import inner_quotes

_MARKDOWN_SPECIALS = set("\\`*_[]<>|~#&")


def byline(names: tuple[Name, ...]) -> str | None:
    """``by A``, ``by A and B``, ``by A, B, and C``."""
    shown = [n.natural() for n in names]
    if not shown:
        return None
    if len(shown) <= 2:
        return "by " + " and ".join(shown)
    return "by " + ", ".join(shown[:-1]) + ", and " + shown[-1]


def plain(src: Source) -> str:
    if src.quote is not None:
        who = attribution(src)
        first = f"“{src.quote}”" + (f" — {who}" if who else "")
    else:
        first = excerpt(src.text, src.excerpt_chars) if src.excerpt_chars else src.text
    title = f"“{inner_quotes(src.title)}”" if src.title else f"[{description(src)}]"
    where = [src.outlet, title, byline(src.names)]
    where += [src.date.iso() if src.date else "n.d.", f"¶ {src.para}", src.url]
    return f"{first}\n{', '.join(p for p in where if p)}"


def _md_escape(text: str) -> str:
    out = "".join(f"\\{c}" if c in _MARKDOWN_SPECIALS else c for c in text)
    # A line that starts like a list item or heading would stop being a quote's text.
    return re.sub(r"^(\d+)([.)])(\s)", r"\1\\\2\3", re.sub(r"^([+\-=])(\s|$)", r"\\\1\2", out))


def _md_url(url: str) -> str | None:
    if not re.match(r"https?://", url, re.IGNORECASE):
        return None
    return url.replace("\\", "%5C").replace("<", "%3C").replace(">", "%3E")


def markdown(src: Source) -> str:
    body = src.quote if src.quote is not None else src.text
    parts: list[str] = []
    who = attribution(src)
    if src.quote is not None and who:
        parts.append(_md_escape(who))
    link = _md_url(src.url) if src.url else None
    if src.title:
        title = _md_escape(src.title)
        parts.append(f"*[{title}](<{link}>)*" if link else f"*{title}*")
    else:  # a description is not a title: no italics
        title = _md_escape(f"[{description(src)}]")
        parts.append(f"[{title}](<{link}>)" if link else title)
    by = byline(src.names)
    if by:
        parts.append(_md_escape(by))
    if src.outlet:
        parts.append(_md_escape(src.outlet))
    parts.append(src.date.iso() if src.date else "n.d.")
    parts.append(f"¶ {src.para}")
    if src.url and not link:
        parts.append(_md_escape(src.url))
    return f"> {_md_escape(body)}\n\n— {', '.join(parts)}"
