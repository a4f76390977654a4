"""Optional ``NAME.meta.toml`` files beside an article: url, outlet, author, date, language, title.

Why: the text of an article rarely carries its url or publication date; a citation needs both,
and the reader must never invent them.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from pathlib import Path

from reader.text import one_line

FIELDS = ("title", "url", "outlet", "source", "author", "date", "language")


def sidecar_path(article: Path) -> Path:
    return article.with_name(article.stem + ".meta.toml")


def read_sidecar(article: Path) -> tuple[dict[str, str], str | None]:
    """Return the sidecar's known fields as strings, and a warning when it cannot be read."""
    path = sidecar_path(article)
    if not path.is_file():
        return {}, None
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        return {}, f"{path.name}: ignored ({one_line(str(exc), 120)})"
    meta: dict[str, str] = {}
    for key in FIELDS:
        value = raw.get(key)
        if isinstance(value, dt.datetime):
            value = value.date().isoformat()
        elif isinstance(value, dt.date):
            value = value.isoformat()
        if isinstance(value, (str, int)) and str(value).strip():
            meta["source" if key == "outlet" else key] = one_line(str(value))
    if "date" in meta:
        parsed = iso_date(meta["date"])
        if parsed:
            meta["date"] = parsed
        else:  # a date we cannot read is dropped, never guessed
            del meta["date"]
    return meta, None


def iso_date(value: str) -> str | None:
    """``YYYY-MM-DD`` (or ``YYYY-MM``/``YYYY``) from common spellings; None when unsure."""
    value = value.strip()
    for fmt, form in (("%Y-%m-%d", "day"), ("%Y/%m/%d", "day"), ("%d-%m-%Y", "day"),
                      ("%d/%m/%Y", "day"), ("%Y-%m", "month"), ("%Y", "year")):
        try:
            parsed = dt.datetime.strptime(value[: len(dt.datetime(2000, 1, 1).strftime(fmt))], fmt)
        except ValueError:
            continue
        if form == "day":
            return parsed.date().isoformat()
        if form == "month":
            return parsed.strftime("%Y-%m")
        return parsed.strftime("%Y")
    try:
        return dt.datetime.fromisoformat(value.replace("Z", "+00:00")).date().isoformat()
    except ValueError:
        return None
