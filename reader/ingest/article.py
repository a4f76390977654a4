"""Building one :class:`Article` from normalised text and what is known about it.

Why one place: every format (plain text, a page's extract, a record's text column) ends here,
so the structure rules, the numbering of paragraphs and repeats, the title's origin and the
language are decided the same way for all of them.
"""

from __future__ import annotations

from pathlib import Path

from reader.ingest.sidecar import Metadata
from reader.ingest.structure import derived_title, parse_structure
from reader.language.detect import detect_language, language_code
from reader.records import Article, Paragraph
from reader.text import one_line


def build_article(text: str, path: Path, doc: str, meta: Metadata,
                  own_title: str | None = None, headline: bool = True) -> Article:
    """The article in ``text`` (already normalised: offsets point into it).

    ``meta`` (sidecar, page or record metadata) fills and overrides metadata; it never changes
    which lines are paragraphs. ``own_title`` is a title from the same file (a page's title, a
    record's title column); ``headline`` whether the text itself may open with a headline.
    """
    structure = parse_structure(text, own_title=own_title, headline=headline)
    title = meta.get("title") or structure.title
    derived = False
    if not title:
        title = derived_title(text, structure.spans)
        derived = title is not None
    article = Article(
        doc=doc,
        path=str(path),
        title=one_line(title or doc),
        source=meta.get("source") or structure.source,
        dateline=structure.dateline,
        credit=structure.credit,
        author=meta.get("author") or structure.author,
        date=meta.get("date"),
        url=meta.get("url"),
        title_derived=derived or not title,
        fields=dict(meta.fields),
    )
    first_seen: dict[str, int] = {}
    for number, (start, end) in enumerate(structure.spans, start=1):
        body = text[start:end]
        key = " ".join(body.casefold().split())
        repeat_of = first_seen.setdefault(key, number)
        article.paragraphs.append(
            Paragraph(number, body, start, end, repeat_of if repeat_of != number else None))
    article.language = language_code(meta.get("language")) or detect_language(
        "\n".join(p.text for p in article.paragraphs[:40]))
    return article
