"""The open article's header: title, outlet, date, author, link. It stays put while the
article scrolls, so a paragraph opened half-way down still says where it comes from."""

from __future__ import annotations

import re

from textual.content import Content
from textual.style import Style
from textual.widgets import Static

from reader.records import Article
from reader.tui.widgets.text_layout import clip, flat

# A URL becomes a terminal hyperlink (OSC 8) only when it is plainly a web address: no
# spaces, controls or bidi marks, and an http(s) scheme. Anything else is shown, not linked.
_URL = re.compile(r"https?://[!-~]+")


def safe_url(url: str | None) -> str | None:
    """``url`` if it is a plain http(s) address that is safe to put in a hyperlink."""
    if not url:
        return None
    url = url.strip()
    return url if _URL.fullmatch(url) else None


def header_content(article: Article | None) -> Content:
    """Title (bold), then outlet · place · date · author, then the link and extra fields."""
    if article is None:
        return Content("")
    title = Content(flat(article.title or article.doc)).stylize("bold")
    meta = " · ".join(flat(v) for v in (article.source, article.dateline, article.date,
                                          article.author) if v)
    parts: list[Content | str] = [title]
    if meta:
        parts += ["\n", Content(meta).stylize("$text-muted")]
    extra: list[Content] = []
    url = safe_url(article.url)
    if url:
        shown = clip(url, 70)
        extra.append(Content(shown).stylize(Style(link=url)).stylize("underline $text-muted"))
    elif article.url:
        extra.append(Content(clip(article.url, 70)).stylize("$text-muted"))
    for key, value in sorted((article.fields or {}).items()):
        extra.append(Content(f"{clip(key, 20)}: {clip(str(value), 40)}").stylize("$text-muted"))
    if extra:
        parts += ["\n", Content("  ").join(extra)]
    return Content.assemble(*parts)


class ArticleHeader(Static):
    """The sticky header above the source pane."""

    DEFAULT_CSS = """
    ArticleHeader {
        height: auto;
        max-height: 4;
        padding: 0 1;
        background: $surface;
        border-bottom: solid $foreground 15%;
        &.-empty { display: none; }
    }
    """

    def show(self, article: Article | None) -> None:
        self.article = article
        self.update(header_content(article))
        self.set_class(article is None, "-empty")
