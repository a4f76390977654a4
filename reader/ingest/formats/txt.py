"""Plain text: the structure rules read the headline, dateline, paragraphs and credit."""

from __future__ import annotations

from collections.abc import Iterable

from reader.ingest.article import build_article
from reader.ingest.formats.base import Format, Source
from reader.records import Article


def read(source: Source) -> Iterable[Article]:
    return [build_article(source.text, source.path, source.doc, source.meta)]


FORMAT = Format("text", (".txt", ".text"), read)
