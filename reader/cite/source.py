"""The facts one citation is made from, gathered once from an article and cleaned.

Every style formats the same :class:`Source`, so a value is cleaned (one line, no controls or
bidirectional overrides, NFC) and checked (dates, paragraph and quote numbers) in one place.
"""

from __future__ import annotations

import datetime
import hashlib
import re
import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass, field

from reader.cite.dates import Date, parse_date
from reader.cite.names import Name, parse_byline
from reader.cite.titles import curl_quotes, inner_quotes, is_english, opening, word_usage
from reader.errors import CitationError
from reader.records import Article, Quote
from reader.text import safe

_BIDI = re.compile(r"[\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_TRAILING_QUOTE_PUNCT = ",;:"
_KEY_SAFE = re.compile(r"[A-Za-z0-9][A-Za-z0-9_.:-]{0,79}")


@dataclass(frozen=True)
class Source:
    """A paragraph (or one quote in it) with the article's metadata, ready to format."""

    doc: str
    key: str  # the citation key / CSL id: stable, from the document id
    title: str | None  # as given, straight double quotes curled; None when unknown
    untitled: str | None  # the opening words of an article with no title of its own
    outlet: str | None
    names: tuple[Name, ...]
    date: Date | None
    url: str | None
    language: str | None
    para: int
    text: str
    quote: str | None
    speaker: str | None
    role: str | None
    via: str | None
    accessed: datetime.date
    usage: Mapping[str, tuple[int, int]] = field(default_factory=dict, compare=False, repr=False)
    excerpt_chars: int | None = None  # cut plain paragraph text here (None: the whole text)

    @property
    def english(self) -> bool:
        return is_english(self.language)

    @property
    def access_date(self) -> Date | None:
        """The access date the guides want: only for an online article with no date (CMOS 17
        §14.12; MLA 9 recommends it when no date is given; APA 7 §9.16 wants none for news)."""
        if self.url and self.date is None:
            return Date.of(self.accessed)
        return None


def gather(article: Article, para: int, quote: int | None, accessed: datetime.date) -> Source:
    """The :class:`Source` of paragraph ``para`` (and its ``quote``-th quote) of ``article``."""
    if isinstance(para, bool) or not isinstance(para, int):
        raise CitationError(f"paragraph number must be a whole number, not {para!r}")
    doc = clean(article.doc) or ""
    paragraph = article.paragraph(para)
    if paragraph is None:
        count = len(article.paragraphs)
        raise CitationError(f"{doc} has no paragraph {para} (it has {count})")
    chosen: Quote | None = None
    if quote is not None:
        if isinstance(quote, bool) or not isinstance(quote, int):
            raise CitationError(f"quote number must be a whole number, not {quote!r}")
        quotes = paragraph.quotes
        if not 1 <= quote <= len(quotes):
            has = f"it has {len(quotes)}" if quotes else "it has none"
            raise CitationError(f"{doc}:{para} has no quote {quote} ({has})")
        chosen = quotes[quote - 1]
    title = clean(article.title)
    derived = article.title_derived
    outlet = clean(article.source)
    language = clean(article.language)
    english = is_english(language)
    return Source(
        doc=doc,
        key=citation_key(doc),
        title=None if derived or not title else curl_quotes(title),
        untitled=opening(title) if derived and title else None,
        outlet=outlet,
        names=parse_byline(clean(article.author), outlet, language),
        date=parse_date(clean(article.date)),
        url=clean_url(article.url),
        language=language,
        para=para,
        text=clean(paragraph.text) or "",
        quote=quote_text(chosen.text) if chosen is not None else None,
        speaker=clean(chosen.speaker) if chosen else None,
        role=clean(chosen.role) if chosen else None,
        via=clean(chosen.via) if chosen else None,
        accessed=accessed,
        usage=word_usage([p.text for p in article.paragraphs]) if english else {},
    )


def clean(value: object) -> str | None:
    """One line of printable text: no controls, escapes or bidi overrides; NFC; spaces collapsed."""
    if value is None:
        return None
    text = _BIDI.sub("", safe(str(value)))
    text = " ".join(unicodedata.normalize("NFC", text).split())
    return text or None


def clean_url(value: str | None) -> str | None:
    url = clean(value)
    if url is None:
        return None
    return url.replace(" ", "%20")


def quote_text(text: str) -> str | None:
    """A quote as cited: one line, without the comma or semicolon of the sentence around it
    (``“…ini,” kata Trump``: the comma is Indonesian punctuation, not part of the quote); double
    quotation marks inside it become single ones, since every style puts it in double marks."""
    cleaned = clean(text)
    if cleaned is None:
        return None
    return inner_quotes(cleaned.rstrip(_TRAILING_QUOTE_PUNCT + " ")) or None


def citation_key(doc: str) -> str:
    """The article's key in BibLaTeX and its CSL ``id``: the document id where that is a safe
    key (letters, digits, ``_.:-``), otherwise an ASCII form of it with a short hash. The same
    article always gets the same key, and two articles never share one."""
    if _KEY_SAFE.fullmatch(doc):
        return doc
    folded = unicodedata.normalize("NFKD", doc).encode("ascii", "ignore").decode("ascii")
    stem = re.sub(r"[^A-Za-z0-9]+", "_", folded).strip("_")[:40]
    digest = hashlib.sha1(doc.encode("utf-8")).hexdigest()[:8]
    return f"{stem}_{digest}" if stem else f"doc_{digest}"
