"""Citations of a paragraph, or of one quote in it, in several styles.

``cite(article, para, quote=None, style="plain")`` returns the text that the CLI prints and the
TUI copies. Every value in it comes from the article's metadata: a field that is not known is left
out (or shown as ``n.d.`` where a style asks for that); nothing is guessed. :data:`STYLES` is the
one list of styles (with :data:`DESCRIPTIONS` for menus); the CLI and the TUI read it from here.

One module per concept: ``names`` (bylines into authors), ``titles`` (quotation marks,
capitalisation, short and untitled forms), ``dates``, ``source`` (gathering and cleaning the
facts), and one module per style family: ``plain`` (plain and markdown), ``apa``, ``chicago``,
``mla``, ``biblatex`` and ``csl``. Output never contains control characters, terminal escapes or
bidirectional overrides. The package uses the standard library only.
"""

from __future__ import annotations

import datetime
from collections.abc import Callable
from dataclasses import replace

from reader.cite.apa import apa
from reader.cite.biblatex import bibtex
from reader.cite.chicago import chicago
from reader.cite.csl import csl_json
from reader.cite.mla import mla
from reader.cite.plain import markdown, plain
from reader.cite.source import Source, gather
from reader.errors import CitationError
from reader.records import Article

_FORMATTERS: dict[str, Callable[[Source], str]] = {
    "plain": plain,
    "markdown": markdown,
    "apa": apa,
    "chicago": chicago,
    "mla": mla,
    "bibtex": bibtex,
    "csl-json": csl_json,
}

STYLES: tuple[str, ...] = tuple(_FORMATTERS)

DESCRIPTIONS: dict[str, str] = {
    "plain": "the quote or passage, then outlet, title, author, date, ¶ N and URL",
    "markdown": "a Markdown blockquote with its attribution and a link",
    "apa": "APA 7th edition: in-text citation with para. N, then the reference",
    "chicago": "Chicago 17th edition note, with para. N",
    "mla": "MLA 9th edition: in-text citation, then the works-cited entry",
    "bibtex": "a BibLaTeX @article entry and its \\autocite command",
    "csl-json": "CSL-JSON item (Zotero, citeproc) and its paragraph citation",
}


def cite(
    article: Article,
    para: int,
    quote: int | None = None,
    style: str = "plain",
    *,
    accessed: datetime.date | None = None,
    excerpt_chars: int | None = None,
) -> str:
    """Cite paragraph ``para`` of ``article`` (or its ``quote``-th quote, from 1) in ``style``.

    ``accessed`` is the access date some styles print for undated online articles (default:
    today). ``excerpt_chars`` cuts the paragraph text of the ``plain`` style at a word near that
    many characters, with "…"; by default the whole paragraph is kept. Raises
    :class:`CitationError` for an unknown style, paragraph or quote number.
    """
    key = style.strip().lower() if isinstance(style, str) else style
    if key not in _FORMATTERS:
        raise CitationError(f"unknown citation style {style!r} (choose from {', '.join(STYLES)})")
    if isinstance(accessed, datetime.datetime):
        accessed = accessed.date()
    source = gather(article, para, quote, accessed or datetime.date.today())
    if excerpt_chars is not None:
        if excerpt_chars < 20:
            raise CitationError(f"an excerpt needs at least 20 characters, not {excerpt_chars}")
        source = replace(source, excerpt_chars=excerpt_chars)
    return _FORMATTERS[key](source)


__all__ = ["DESCRIPTIONS", "STYLES", "CitationError", "cite"]
