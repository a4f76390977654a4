"""Files that hold one article per record (CSV rows, JSON objects, JSONL lines).

Why shared: CSV and JSON exports name the same things differently (``content``/``berita``/
``isi``, ``source``/``outlet``/``media``). One record becomes one article whose document id is
``STEM-ID`` (the record's id) or ``STEM-ROW``; its known columns fill the metadata and every
other short text column is kept in ``Article.fields``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable, Iterator

from reader.ingest.article import build_article
from reader.ingest.dates import DAY_FIRST, iso_date, numeric_order
from reader.ingest.formats.base import Source
from reader.ingest.sidecar import FIELD_LIMIT, MAX_FIELDS, bounded, put
from reader.records import Article
from reader.text import normalise, one_line

# Column names, most specific first.
TEXT_KEYS = ("content", "text", "berita", "body", "article", "isi", "artikel", "full_text", "story")
TITLE_KEYS = ("title", "judul", "headline")
URL_KEYS = ("url", "link", "permalink")
DATE_KEYS = ("date", "tanggal", "published", "published_at", "pubdate", "datetime")
SOURCE_KEYS = ("source", "outlet", "media", "site", "sitename", "publisher")
AUTHOR_KEYS = ("author", "penulis", "byline")
ID_KEYS = ("id", "doc", "doc_id", "uuid")
LANGUAGE_KEYS = ("language", "lang", "bahasa")
_COLUMNS = {"url": URL_KEYS, "source": SOURCE_KEYS, "author": AUTHOR_KEYS,
            "language": LANGUAGE_KEYS}
_USED = set(TEXT_KEYS + TITLE_KEYS + URL_KEYS + DATE_KEYS + SOURCE_KEYS + AUTHOR_KEYS + ID_KEYS
            + LANGUAGE_KEYS)


def _pick(row: dict, keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = row.get(key)
        if isinstance(value, (str, int, float)) and not isinstance(value, bool) and str(
                value).strip():
            return str(value)
    return None


def _key(name: object) -> str:
    return one_line(normalise(str(name)), 60).lower()


def to_articles(rows: Iterable[tuple[int, dict]], source: Source) -> list[Article]:
    """One article per record with text; ``rows`` are ``(record number, row)`` pairs.

    A record too short for its language to be told (a headline alone) takes the language that
    the file's other records are written in, when at least nine in ten of them agree.
    """
    articles = list(_articles(rows, source))
    languages = Counter(a.language for a in articles if a.language)
    if languages:
        language, count = languages.most_common(1)[0]
        if count >= 0.9 * sum(languages.values()):
            for article in articles:
                article.language = article.language or language
    return articles


def _articles(rows: Iterable[tuple[int, dict]], source: Source) -> Iterator[Article]:
    rows = [(n, {_key(k): v for k, v in row.items()}) for n, row in rows]
    dates = [d for _, row in rows if (d := _pick(row, DATE_KEYS))]
    order = numeric_order(dates) or DAY_FIRST
    seen: set[str] = set()
    for number, row in rows:
        body = _pick(row, TEXT_KEYS)
        if body is None:
            strings = [v for v in row.values() if isinstance(v, str)]
            body = max(strings, key=len) if strings else None
        if not body or not body.strip():
            continue
        text = normalise(body)
        record_id = _pick(row, ID_KEYS)
        suffix = re.sub(r"[^\w.-]+", "_", normalise(record_id))[:40] if record_id else None
        record_doc = f"{source.doc}-{suffix or f'{number:04d}'}"
        if record_doc in seen:
            record_doc = f"{source.doc}-{number:04d}"
        seen.add(record_doc)
        meta = source.meta.copy()
        origin = f"record {number}"
        for key, keys in _COLUMNS.items():
            value = _pick(row, keys)
            if value:  # a column is more specific than a sidecar beside the whole file
                put(meta, key, value, origin)
        date = _pick(row, DATE_KEYS)
        if date:
            parsed = iso_date(bounded(date, 60)[0], order)
            if parsed:
                meta.values["date"] = parsed
        for key, value in row.items():
            if key in _USED or len(meta.fields) >= MAX_FIELDS or key in meta.fields:
                continue
            if isinstance(value, (str, int, float)) and not isinstance(value, bool):
                if str(value).strip() and len(str(value)) <= FIELD_LIMIT * 4:
                    put(meta, key, value, origin)
        source.warnings.extend(meta.warnings)
        meta.warnings = []
        title = _pick(row, TITLE_KEYS)
        own_title = bounded(title, 500)[0] if title else None
        if own_title:
            meta.values["title"] = own_title
        yield build_article(text, source.path, record_doc, meta, own_title=own_title)
