"""Reading each supported file format into articles.

Plain text and Markdown go through the plain-text structure rules; HTML goes through trafilatura
(boilerplate removal is a research field of its own); CSV and JSON/JSONL files hold one article
per record with a text column and optional metadata columns.
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Iterator
from pathlib import Path

from reader.ingest.decode import NotText, decode
from reader.ingest.sidecar import iso_date, read_sidecar
from reader.ingest.structure import derived_title, parse_structure
from reader.records import Article, Paragraph
from reader.text import normalise, one_line

TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
CSV_SUFFIXES = {".csv", ".tsv"}
JSON_SUFFIXES = {".json", ".jsonl", ".ndjson"}
SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | CSV_SUFFIXES | JSON_SUFFIXES

# Column names, most specific first, for records.
TEXT_KEYS = ("content", "text", "berita", "body", "article", "isi", "artikel", "full_text", "story")
TITLE_KEYS = ("title", "judul", "headline")
URL_KEYS = ("url", "link", "permalink")
DATE_KEYS = ("date", "tanggal", "published", "published_at", "pubdate", "datetime")
SOURCE_KEYS = ("source", "outlet", "media", "site", "sitename", "publisher")
AUTHOR_KEYS = ("author", "penulis", "byline")
ID_KEYS = ("id", "doc", "doc_id", "uuid")
LANGUAGE_KEYS = ("language", "lang", "bahasa")

_FRONT_MATTER = re.compile(r"\A---\n(?P<body>.*?)\n---\n", re.DOTALL)


class Skipped(Exception):
    """A file that is not read, with the reason a user sees as a warning."""


def read_file(path: Path, doc: str) -> list[Article]:
    """Articles in one file. Raises :class:`Skipped` with a one-line reason for unusable files."""
    suffix = path.suffix.lower()
    try:
        data = path.read_bytes()
    except PermissionError:
        raise Skipped("permission denied") from None
    except OSError as exc:
        raise Skipped(one_line(exc.strerror or str(exc), 80)) from None
    if not data.strip():
        raise Skipped("empty file")
    try:
        text = decode(data)
    except NotText as exc:
        raise Skipped(str(exc)) from None
    meta, _warning = read_sidecar(path)
    if suffix in HTML_SUFFIXES:
        articles = [_from_html(text, path, doc, meta)]
    elif suffix in CSV_SUFFIXES:
        articles = list(_from_records(_csv_rows(text, suffix), path, doc, meta))
    elif suffix in JSON_SUFFIXES:
        articles = list(_from_records(_json_rows(text), path, doc, meta))
    else:
        articles = [_from_text(text, path, doc, meta)]
    return [a for a in articles if a is not None]


def article_from_text(
    text: str, path: Path, doc: str, meta: dict[str, str], known_title: str | None = None
) -> Article:
    """Build an article from normalised text: structure rules, paragraphs, repeats."""
    known_title = known_title or meta.get("title")
    structure = parse_structure(text, known_title=known_title)
    title = structure.title or derived_title(text, structure.spans, fallback=doc)
    article = Article(
        doc=doc,
        path=str(path),
        title=one_line(title),
        source=meta.get("source") or structure.source,
        dateline=structure.dateline,
        credit=structure.credit,
        author=meta.get("author") or structure.author,
        date=meta.get("date"),
        url=meta.get("url"),
        language=meta.get("language"),
    )
    first_seen: dict[str, int] = {}
    for number, (start, end) in enumerate(structure.spans, start=1):
        body = text[start:end]
        key = " ".join(body.casefold().split())
        repeat_of = first_seen.setdefault(key, number)
        article.paragraphs.append(
            Paragraph(number, body, start, end, repeat_of if repeat_of != number else None)
        )
    return article


def _from_text(text: str, path: Path, doc: str, meta: dict[str, str]) -> Article:
    front = _FRONT_MATTER.match(text) if path.suffix.lower() in {".md", ".markdown"} else None
    if front:
        for line in front.group("body").splitlines():
            key, _, value = line.partition(":")
            key, value = key.strip().lower(), value.strip().strip("\"'")
            if value and key in {"title", "url", "author", "language", "lang"}:
                meta.setdefault("language" if key == "lang" else key, one_line(value))
            elif value and key in SOURCE_KEYS:
                meta.setdefault("source", one_line(value))
            elif value and key in DATE_KEYS and iso_date(value):
                meta.setdefault("date", iso_date(value) or "")
        # Keep offsets into the whole file: blank out the front matter instead of cutting it.
        text = " " * front.end() + text[front.end() :]
    return article_from_text(text, path, doc, meta)


def _from_html(text: str, path: Path, doc: str, meta: dict[str, str]) -> Article:
    import trafilatura  # imported here: it is heavy and only HTML needs it

    extracted = trafilatura.bare_extraction(
        text, with_metadata=True, include_comments=False, include_tables=False
    )
    if extracted is None:
        raise Skipped("no article text found in the page")
    found = extracted if isinstance(extracted, dict) else extracted.as_dict()
    body = normalise(found.get("text") or "")
    if not body.strip():
        raise Skipped("no article text found in the page")
    page_meta = dict(meta)
    for key, theirs in (("source", "sitename"), ("author", "author"), ("url", "url"),
                        ("language", "language")):
        if found.get(theirs) and key not in page_meta:
            page_meta[key] = one_line(str(found[theirs]))
    if found.get("date") and "date" not in page_meta:
        parsed = iso_date(str(found["date"]))
        if parsed:
            page_meta["date"] = parsed
    title = meta.get("title") or (one_line(found["title"]) if found.get("title") else None)
    return article_from_text(body, path, doc, page_meta, known_title=title)


def _csv_rows(text: str, suffix: str) -> Iterator[dict[str, str]]:
    csv.field_size_limit(1 << 30)
    sample = text[:20000]
    if suffix == ".tsv":
        delimiter = "\t"
    else:
        try:
            delimiter = csv.Sniffer().sniff(sample.split("\n", 1)[0] + "\n", ",;\t|").delimiter
        except csv.Error:
            delimiter = ","
    reader = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    for row in reader:
        yield {str(k).strip().lower(): v for k, v in row.items() if k is not None and v is not None}


def _json_rows(text: str) -> Iterator[dict]:
    stripped = text.lstrip()
    if stripped.startswith("[") or (stripped.startswith("{") and "\n{" not in stripped):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise Skipped(f"invalid JSON at line {exc.lineno}") from None
        if isinstance(data, dict):
            data = data.get("articles") or data.get("data") or data.get("items") or [data]
        for item in data if isinstance(data, list) else []:
            if isinstance(item, dict):
                yield {str(k).lower(): v for k, v in item.items()}
        return
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        try:
            item = json.loads(line)
        except json.JSONDecodeError:
            continue  # one broken record does not lose the others
        if isinstance(item, dict):
            yield {str(k).lower(): v for k, v in item.items()}


def _pick(row: dict, keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = row.get(key)
        if isinstance(value, (str, int, float)) and str(value).strip():
            return str(value)
    return None


def _from_records(
    rows: Iterator[dict], path: Path, doc: str, meta: dict[str, str]
) -> Iterator[Article]:
    """One article per record; the doc id is ``STEM-ID`` (the record's id) or ``STEM-ROW``."""
    seen: set[str] = set()
    for number, row in enumerate(rows, start=1):
        body = _pick(row, TEXT_KEYS)
        if body is None:
            strings = [v for v in row.values() if isinstance(v, str)]
            body = max(strings, key=len) if strings else None
        if not body or not body.strip():
            continue
        text = normalise(body)
        record_id = _pick(row, ID_KEYS)
        suffix = re.sub(r"[^\w.-]+", "_", record_id)[:40] if record_id else f"{number:04d}"
        record_doc = f"{doc}-{suffix}"
        if record_doc in seen:
            record_doc = f"{doc}-{number:04d}"
        seen.add(record_doc)
        record_meta = dict(meta)
        for key, keys in (("url", URL_KEYS), ("source", SOURCE_KEYS), ("author", AUTHOR_KEYS),
                          ("language", LANGUAGE_KEYS)):
            value = _pick(row, keys)
            if value:
                record_meta[key] = one_line(normalise(value))
        date = _pick(row, DATE_KEYS)
        if date and iso_date(date):
            record_meta["date"] = iso_date(date) or ""
        title = _pick(row, TITLE_KEYS)
        yield article_from_text(
            text, path, record_doc, record_meta,
            known_title=one_line(normalise(title)) if title else None,
        )
