"""Optional ``NAME.meta.toml`` files beside an article: url, outlet, author, date, language, title.

Why: the text of an article rarely carries its url or publication date; a citation needs both,
and the reader must never invent them. A sidecar is untrusted too: it is read with a size
bound, each value is bounded, and a value that cannot be used is a warning, not an error.
"""

from __future__ import annotations

import datetime as dt
import errno
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from reader.ingest.dates import iso_date
from reader.ingest.source import MAX_SIDECAR_BYTES, Skipped, read_bytes
from reader.text import normalise, one_line

KNOWN = ("title", "url", "outlet", "source", "author", "date", "language")
# The longest value kept for each field; a longer one is cut (and said so).
LIMITS = {"title": 500, "url": 2000, "source": 200, "author": 300, "language": 35}
FIELD_LIMIT = 1000  # any other key, kept in Article.fields
MAX_FIELDS = 50
# A role word some pages put before the name: "Pewarta Monalisa", "By Jane Roe", "Oleh: Budi".
_AUTHOR_ROLE = re.compile(r"^(?:by|oleh|pewarta|penulis|reporter|wartawan)\b\s*:?\s+",
                          re.IGNORECASE)


@dataclass
class Metadata:
    """What a sidecar, a page or a record says about an article, bounded and one line each."""

    values: dict[str, str] = field(default_factory=dict)  # title, url, source, author, date, ...
    fields: dict[str, str] = field(default_factory=dict)  # everything else, by its own key
    warnings: list[str] = field(default_factory=list)

    def get(self, key: str) -> str | None:
        return self.values.get(key)

    def copy(self) -> Metadata:
        return Metadata(dict(self.values), dict(self.fields), [])


def sidecar_path(article: Path) -> Path:
    return article.with_name(article.stem + ".meta.toml")


def bounded(value: str, limit: int) -> tuple[str, bool]:
    """``value`` on one line and at most ``limit`` characters (cut at a word), and whether cut."""
    if len(value) > limit * 4:  # do not normalise a megabyte to keep 500 characters
        value = value[: limit * 4]
    flat = one_line(normalise(value))
    if len(flat) <= limit:
        return flat, False
    cut = flat.rfind(" ", limit // 2, limit)
    return flat[: cut if cut > 0 else limit - 1].rstrip() + "…", True


def put(meta: Metadata, key: str, value: object, origin: str) -> None:
    """Set ``key`` from a raw value (string, number or date) with its bound; warn on problems."""
    key = "source" if key == "outlet" else key
    if isinstance(value, dt.datetime):
        value = value.date().isoformat()
    elif isinstance(value, dt.date):
        value = value.isoformat()
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        meta.warnings.append(f"{origin}: '{one_line(key, 40)}' is not text; ignored")
        return
    text, cut = bounded(str(value), LIMITS.get(key, FIELD_LIMIT))
    if not text:
        return
    if cut:
        meta.warnings.append(f"{origin}: '{one_line(key, 40)}' longer than "
                             f"{LIMITS.get(key, FIELD_LIMIT)} characters; cut")
    if key == "author":
        text = _AUTHOR_ROLE.sub("", text) or text
    if key == "date":
        parsed = iso_date(text)
        if parsed is None:  # a date we cannot read is dropped, never guessed
            meta.warnings.append(f"{origin}: date '{one_line(text, 40)}' is not a valid date; "
                                 "no date used")
            return
        text = parsed
    if key in KNOWN:
        meta.values[key] = text
    elif len(meta.fields) < MAX_FIELDS:
        meta.fields[one_line(normalise(key), 60)] = text


def read_sidecar(article: Path) -> Metadata:
    """The sidecar's fields (none when there is no sidecar), with warnings for what was wrong."""
    path = sidecar_path(article)
    meta = Metadata()
    try:
        exists = path.is_file()
    except OSError as exc:  # e.g. the implied name is longer than the file system allows
        if exc.errno != errno.ENAMETOOLONG:
            meta.warnings.append(f"sidecar: ignored ({exc.strerror or exc})")
        return meta
    if not exists:
        return meta
    try:
        raw = tomllib.loads(read_bytes(path, MAX_SIDECAR_BYTES).decode("utf-8"))
    except Skipped as reason:
        meta.warnings.append(f"{path.name}: ignored ({reason})")
        return meta
    except UnicodeDecodeError:
        meta.warnings.append(f"{path.name}: ignored (not UTF-8)")
        return meta
    except tomllib.TOMLDecodeError as exc:
        meta.warnings.append(f"{path.name}: ignored ({one_line(str(exc), 120)})")
        return meta
    except RecursionError:
        meta.warnings.append(f"{path.name}: ignored (nested too deeply)")
        return meta
    for key, value in raw.items():
        if key.lower() == "authors" and not any(k.lower() == "author" for k in raw):
            key = "author"  # a synonym
        if key.lower() == "author" and isinstance(value, list):
            # author = ["A", "B"]: one byline; reader.cite splits names at ";"
            value = "; ".join(v.strip() for v in value if isinstance(v, str) and v.strip())
        if isinstance(value, (dict, list)):
            meta.warnings.append(f"{path.name}: '{one_line(normalise(key), 40)}' is not text; "
                                 "ignored")
            continue
        put(meta, key.lower() if key.lower() in KNOWN else key, value, path.name)
    return meta
