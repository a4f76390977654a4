"""Shared pieces of the quotation tests on made-up sentences."""

from __future__ import annotations

from reader.language.quotes import find_quotes
from reader.records import STATEMENT


def speakers(*paragraphs: str, language: str | None = "id") -> list[str | None]:
    """The speaker of each statement in the paragraphs of one article, in order."""
    found = find_quotes(list(paragraphs), language=language)
    return [q.speaker for quotes in found for q in quotes if q.kind == STATEMENT]


def roles(*paragraphs: str, title: str | None = None) -> list[tuple[str | None, str | None]]:
    """``(speaker, role)`` of each statement in the Indonesian paragraphs of one article."""
    found = find_quotes(list(paragraphs), language="id", title=title)
    return [(q.speaker, q.role) for quotes in found for q in quotes if q.kind == STATEMENT]
