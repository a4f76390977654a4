"""Chicago 17th ed., notes and bibliography: the quote (if any), then a full note.

* News article note (CMOS 17 Citation Quick Guide): ``1. Author, “Title,” Outlet,
  Month Day, Year, URL.``, here with the paragraph (``para. 8``) before the URL.
* Unsigned articles (§14.199): cited in notes with the title first; only a bibliography entry
  would put the newspaper in the author's place.
* English titles in headline style (§8.159); a title's own ``?`` or ``!`` keeps the comma that
  follows it (§6.119): ``“…Indonesia?,” Tempo.co,``.
* No title: a description, neither quoted nor italicised, as Chicago styles descriptive titles.
* An access date only for an online article with no date (§14.12).
* Four or more authors: the first and ``et al.`` (§14.76). The note is numbered ``1.``;
  renumber it where it is pasted.
"""

from __future__ import annotations

from reader.cite.names import Name
from reader.cite.parts import description, quote_lead, title_text
from reader.cite.source import Source
from reader.cite.titles import attach, quoted


def _authors(names: tuple[Name, ...]) -> str:
    shown = [n.natural() for n in names]
    if len(shown) == 1:
        return shown[0]
    if len(shown) == 2:
        return f"{shown[0]} and {shown[1]}"
    if len(shown) == 3:
        return f"{shown[0]}, {shown[1]}, and {shown[2]}"
    return f"{shown[0]} et al."


def note(src: Source) -> str:
    head = f"{_authors(src.names)}, " if src.names else ""
    title = title_text(src, "chicago")
    if title is not None:
        title = quoted(title, ",", keep_comma=True)
    else:
        title = attach(description(src), ",")
    rest = [src.outlet, src.date.month_day_year() if src.date else "n.d.", f"para. {src.para}"]
    access = src.access_date
    if access is not None:
        rest.append(f"accessed {access.month_day_year()}")
    if src.url:
        rest.append(src.url)
    return f"1. {head}{title} {', '.join(p for p in rest if p)}."


def chicago(src: Source) -> str:
    if src.quote is not None:
        return f"{quote_lead(src)}\n{note(src)}"
    return note(src)
