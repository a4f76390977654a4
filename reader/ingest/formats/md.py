"""Markdown: optional YAML-style front matter for metadata, then text with ``#`` headings."""

from __future__ import annotations

import re
from collections.abc import Iterable

from reader.ingest.article import build_article
from reader.ingest.formats.base import Format, Source
from reader.ingest.sidecar import put
from reader.records import Article

_FRONT_MATTER = re.compile(r"\A---\n(?P<body>.*?)\n---\n", re.DOTALL)


def read(source: Source) -> Iterable[Article]:
    text, meta = source.text, source.meta
    front = _FRONT_MATTER.match(text)
    if front:
        page = meta.copy()
        for line in front.group("body").splitlines():
            key, _, value = line.partition(":")
            key, value = key.strip().lower(), value.strip().strip("\"'")
            key = {"lang": "language", "published": "date", "outlet": "source"}.get(key, key)
            if value and key and key not in meta.values:
                put(page, key, value, "front matter")
        source.warnings.extend(page.warnings)
        page.warnings = []
        page.fields.update(meta.fields)
        meta = page
        # Keep offsets into the whole file: blank out the front matter instead of cutting it.
        text = " " * front.end() + text[front.end():]
    return [build_article(text, source.path, source.doc, meta)]


FORMAT = Format("markdown", (".md", ".markdown"), read)
