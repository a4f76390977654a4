"""MLA 9: the in-text citation (with the quote, if any), then the works-cited entry.

* Core elements of an online newspaper article: ``Author. “Title.” Outlet, Day Mon. Year, URL.``
  (day month year, months longer than four letters abbreviated, the protocol left out).
* No author: the entry starts with the title; in text, the short title in quotation marks.
* English titles in headline style; other languages as given.
* No title: a description, neither quoted nor italicised, in the title's place.
* No locator: MLA cites paragraph numbers only when the source numbers its paragraphs, and news
  articles do not (the numbers are the reader's).
* An access date (``Accessed 21 Nov. 2026.``) only for an online article with no date, where
  MLA recommends one.
"""

from __future__ import annotations

import re

from reader.cite.names import Name
from reader.cite.parts import description, quote_lead, title_text
from reader.cite.source import Source
from reader.cite.titles import end, quoted, short_title


def _authors(names: tuple[Name, ...]) -> str:
    first = names[0].inverted()
    if len(names) == 1:
        return first
    if len(names) == 2:
        return f"{first}, and {names[1].natural()}"
    return f"{first}, et al."


def _url(url: str) -> str:
    return re.sub(r"^https?://", "", url, flags=re.IGNORECASE)


def entry(src: Source) -> str:
    parts = []
    if src.names:
        parts.append(end(_authors(src.names)))
    title = title_text(src, "mla")
    parts.append(quoted(title, ".") if title is not None else end(description(src)))
    container = [p for p in (src.outlet, src.date.day_month_year() if src.date else None) if p]
    if src.url:
        container.append(_url(src.url))
    if container:
        parts.append(end(", ".join(container)))
    access = src.access_date
    if access is not None:
        parts.append(f"Accessed {access.day_month_year()}.")
    return " ".join(parts)


def in_text(src: Source) -> str:
    if src.names:
        families = [n.surname() for n in src.names]
        if len(families) == 1:
            return f"({families[0]})"
        if len(families) == 2:
            return f"({families[0]} and {families[1]})"
        return f"({families[0]} et al.)"
    title = title_text(src, "mla")
    if title is None:
        return f"({description(src)})"
    return f"({quoted(short_title(title))})"


def mla(src: Source) -> str:
    first = in_text(src)
    if src.quote is not None:
        first = f"{quote_lead(src)} {first}"
    return f"{first}\n{entry(src)}"
