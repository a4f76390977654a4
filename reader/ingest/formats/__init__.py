"""The format registry: which module reads which file suffix.

Adding a format is one module with a ``FORMAT = Format(name, suffixes, read)`` and one line
in ``FORMATS`` below: the walker lists its suffixes and :func:`read_file` dispatches to it.
A record format hands its rows to :func:`reader.ingest.records.to_articles`; a text format
builds its article with :func:`reader.ingest.article.build_article`.
"""

from __future__ import annotations

from pathlib import Path

from reader.ingest.article import build_article
from reader.ingest.decode import NotText, decode
from reader.ingest.formats import csv, html, json, md, txt
from reader.ingest.formats.base import Format, Source
from reader.ingest.sidecar import Metadata, read_sidecar
from reader.ingest.source import Skipped, read_bytes
from reader.records import Article

FORMATS: tuple[Format, ...] = (
    txt.FORMAT,
    md.FORMAT,
    html.FORMAT,
    csv.FORMAT,
    json.FORMAT,
)
BY_SUFFIX = {suffix: fmt for fmt in FORMATS for suffix in fmt.suffixes}
SUFFIXES = frozenset(BY_SUFFIX)

__all__ = ["BY_SUFFIX", "FORMATS", "SUFFIXES", "Format", "Skipped", "Source",
           "article_from_text", "read_file"]


def read_file(path: Path, doc: str, warnings: list[str] | None = None) -> list[Article]:
    """Articles in one file. Raises :class:`Skipped` with a one-line reason for unusable files.

    Parts of a usable file that were left out (a broken JSON line, a sidecar date that is not a
    date) are appended to ``warnings`` as one-line reasons; the caller names the file.
    """
    fmt = BY_SUFFIX.get(path.suffix.lower())
    if fmt is None:
        raise Skipped(f"not a known format ({', '.join(sorted(SUFFIXES))})")
    data = read_bytes(path)
    if not data.strip():
        raise Skipped("empty file")
    decoding: list[str] = []
    try:
        text = decode(data, decoding)
    except NotText as exc:
        raise Skipped(str(exc)) from None
    meta = read_sidecar(path)
    source = Source(path, doc, text, meta)
    try:
        articles = [a for a in fmt.read(source) if a is not None]
    except RecursionError:  # a parser met structure nested beyond any real article's
        raise Skipped("nested too deeply to read") from None
    if warnings is not None:
        warnings.extend(decoding + meta.warnings + source.warnings)
    return articles


def article_from_text(text: str, path: Path, doc: str, meta: dict[str, str] | None = None,
                      known_title: str | None = None) -> Article:
    """An article from normalised text, as a plain-text file would give it."""
    return build_article(text, path, doc, Metadata(values=dict(meta or {})),
                         own_title=known_title)
