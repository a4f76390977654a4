"""APA 7: the in-text citation (with the quote, if one was asked for), then the reference entry.

* Newspaper article (APA 7 §10.1, example 16): ``Author. (Year, Month Day). Title. Outlet. URL``;
  English titles in sentence case (§6.17), others as given.
* No author (§9.12): the title moves to the author position; in text it is quoted and in title
  case (§8.14), shortened at a colon, comma or dash.
* No title (§9.21-9.22): a bracketed description in the title position.
* No date (§9.17): ``(n.d.)``. No retrieval date: news articles are not "designed to change
  over time" (§9.16).
* Paragraph locator (§8.28): ``para. 8``, counting the reader's paragraphs.
"""

from __future__ import annotations

from reader.cite.names import Name
from reader.cite.parts import description, quote_lead, title_text
from reader.cite.source import Source
from reader.cite.titles import end, quoted, short_title


def _name(name: Name) -> str:
    if name.literal:
        return name.literal
    out = name.family or ""
    initials = name.initials()
    if initials:
        out += f", {initials}"
    return f"{out}, {name.suffix}" if name.suffix else out


def _authors(names: tuple[Name, ...]) -> str:
    shown = [_name(n) for n in names]
    if len(shown) == 1:
        return shown[0]
    if len(shown) > 20:  # APA 7 §9.8: the first 19, an ellipsis, the last
        return ", ".join(shown[:19]) + ", . . . " + shown[-1]
    return ", ".join(shown[:-1]) + ", & " + shown[-1]


def reference(src: Source) -> str:
    title = title_text(src, "apa")
    title = end(title) if title else f"[{description(src)}]."
    date = f"({src.date.year_month_day() if src.date else 'n.d.'})."
    if src.names:
        parts = [end(_authors(src.names)), date, title]
    else:  # §9.12: the title (or description) moves to the author position
        parts = [title, date]
    if src.outlet:
        parts.append(end(src.outlet))
    if src.url:
        parts.append(src.url)
    return " ".join(parts)


def in_text(src: Source) -> str:
    year = str(src.date.year) if src.date else "n.d."
    locator = f"para. {src.para}"
    if src.names:
        families = [n.surname() for n in src.names]
        if len(families) == 1:
            who = families[0]
        elif len(families) == 2:
            who = f"{families[0]} & {families[1]}"
        else:
            who = f"{families[0]} et al."
        return f"({who}, {year}, {locator})"
    title = title_text(src, "apa-in-text")
    if title is None:
        return f"([{description(src)}], {year}, {locator})"
    return f"({quoted(short_title(title), ',')} {year}, {locator})"


def apa(src: Source) -> str:
    first = in_text(src)
    if src.quote is not None:
        first = f"{quote_lead(src)} {first}"
    return f"{first}\n{reference(src)}"
