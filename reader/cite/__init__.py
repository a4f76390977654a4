"""Citations of a paragraph, or of one quote in it, in several styles.

``cite(article, para, quote=None, style="plain")`` returns the text that the CLI prints and the
TUI copies. Every value in it comes from the article's metadata: a field that is not known is left
out (or shown as ``n.d.`` where a style asks for that); nothing is guessed.

Styles
    ``plain``     the quote with its speaker, or an excerpt of the paragraph, then a line naming the
                  outlet, the title, the date (ISO) or ``n.d.``, ``¶ N`` and the URL when known.
    ``markdown``  a ``>`` blockquote and an attribution line (``*title*``, linked when a URL is
                  known).
    ``apa``       APA 7: the in-text citation (with the quote, if one was asked for) on the first
                  line, the reference-list entry for a newspaper article on the second.
    ``chicago``   Chicago 17th ed., notes and bibliography: the quote (if any), then a full note.
    ``mla``       MLA 9: the in-text citation (with the quote, if any), then the works-cited entry.
    ``bibtex``    one BibLaTeX ``@article`` entry with ``entrysubtype = {newspaper}``.
    ``csl-json``  a JSON array holding one CSL-JSON item of type ``article-newspaper``.

Choices worth knowing
    * ``apa``, ``chicago`` and ``mla`` are plain text: the copy target is a terminal clipboard, so
      there is no italic markup; italicise the outlet (APA, Chicago, MLA) when pasting into a
      word processor. ``markdown`` marks the title with ``*…*``.
    * Titles are kept exactly as given. Sentence case (APA) or title case (Chicago, MLA) is the
      writer's job; we cannot recase Indonesian headlines reliably.
    * Unsigned articles: APA 7 §9.12 moves the title to the author position (``Title. (n.d.).
      Outlet.``) and §8.14 puts it in quotation marks in the in-text citation. Chicago (CMOS 17
      §14.207) cites unsigned news "in text or notes", so a note starts with the title and the
      newspaper follows it; only a bibliography entry would put the newspaper first. MLA 9 starts
      the entry with the title when there is no author.
    * Paragraph locators: APA 7 §8.28 allows counting unnumbered paragraphs (``para. 8``); the plain
      and markdown styles write ``¶ 8``; Chicago uses the same ``para.`` abbreviation as APA. MLA 9
      cites paragraph numbers only when the source itself numbers its paragraphs; news articles do
      not (the numbers are ours), so the MLA output has no ``par.`` locator.
    * Unknown dates: ``n.d.`` in APA and Chicago (with "accessed …" before the URL in Chicago, when
      there is a URL); MLA leaves the date out and ends with "Accessed 21 Nov. 2026."
    * Quotes: a trailing comma or semicolon inside the quotation marks (``“…ini,” kata Trump``)
      belongs to the Indonesian sentence, not to the quote, and is dropped; double quotation marks
      inside a quote become single ones.
    * CSL-JSON: a locator and its label belong to a *citation* (the cite item), not to the item
      data, and the CSL 1.0 data schema rejects ``label`` on an item. The item therefore carries
      the pinpoint in ``custom`` (``{"locator": "8", "label": "paragraph"}``, the schema's place for
      extra key-value data) and, readable by people and imported by Zotero into "Extra", in
      ``note``.
    * Bylines are split into names at ``;``, ``and``, ``dan`` and ``&``. A name is split into
      given and family names only when it is "Given Family" (two to four capitalised words, no
      acronym) or "Family, Given"; anything else (an agency, a mononym, a name with particles)
      stays whole, as a CSL ``literal`` and a braced BibTeX name.
    * The Chicago note is numbered ``1.``; renumber it where it is pasted.
    * Output never contains control characters, terminal escapes or bidirectional overrides.

The module uses the standard library only.
"""

from __future__ import annotations

import datetime
import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass

from reader.errors import CitationError
from reader.records import Article, Quote
from reader.text import safe

STYLES: tuple[str, ...] = ("plain", "markdown", "apa", "chicago", "mla", "bibtex", "csl-json")

EXCERPT_CHARS = 200

_MONTHS = tuple(
    "January February March April May June July August September October November December".split()
)
# MLA 9 abbreviates months longer than four letters (and writes "Sept.").
_MLA_MONTHS = tuple("Jan. Feb. Mar. Apr. May June July Aug. Sept. Oct. Nov. Dec.".split())
# BCP 47 primary language subtag -> babel/polyglossia language name for BibLaTeX ``langid``.
_LANGIDS = {
    "id": "indonesian",
    "ms": "malay",
    "en": "english",
    "nl": "dutch",
    "de": "german",
    "fr": "french",
    "es": "spanish",
    "pt": "portuguese",
    "it": "italian",
    "ar": "arabic",
    "ru": "russian",
    "tr": "turkish",
    "ja": "japanese",
    "ko": "korean",
    "zh": "chinese",
    "th": "thai",
    "vi": "vietnamese",
}
_LANGIDS_REGIONAL = {"en-us": "american", "en-gb": "british", "en-au": "australian"}

_BIDI = re.compile(r"[\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]")
_ISO_DATE = re.compile(r"(\d{4})(?:-(\d{1,2})(?:-(\d{1,2}))?)?(?:[T ].*)?")
_NAME_SPLIT = re.compile(r"\s*;\s*|\s+(?:and|dan|&)\s+", re.IGNORECASE)
_BYLINE = re.compile(r"^(?:by|oleh)\s+", re.IGNORECASE)
_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}
_LETTERS = re.compile(r"[^\W\d_]+")
_TRAILING_QUOTE_PUNCT = ",;:"
_TERMINAL = "?!"
_TEX_SPECIALS = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_MARKDOWN_SPECIALS = set("\\`*_[]<>|~#&")
# A token split into leading punctuation, the word, trailing punctuation.
_WORD_EDGES = re.compile(r"([^\w]*)(.*?)([^\w]*)", re.DOTALL)
_DATE_PARTS = re.compile(r"\[\n\s+\[\n\s+([\d,\s]+?)\n\s+\]\n\s+\]")
_TITLE_BREAKS = re.compile(r"(?<=\w)(?:\s*:\s+|,\s+|\s+[–—-]\s+)")


@dataclass(frozen=True)
class _Date:
    year: int
    month: int | None = None
    day: int | None = None

    def parts(self) -> list[int]:
        return [p for p in (self.year, self.month, self.day) if p is not None]

    def iso(self) -> str:
        out = f"{self.year:04d}"
        if self.month:
            out += f"-{self.month:02d}"
            if self.day:
                out += f"-{self.day:02d}"
        return out


@dataclass(frozen=True)
class _Name:
    family: str | None = None
    given: str | None = None
    suffix: str | None = None
    literal: str | None = None  # an organisation, a mononym or a name we cannot split safely

    def natural(self) -> str:
        if self.literal:
            return self.literal
        out = " ".join(p for p in (self.given, self.family) if p)
        return f"{out} {self.suffix}" if self.suffix else out

    def inverted(self) -> str:
        if self.literal:
            return self.literal
        out = self.family or ""
        if self.given:
            out += f", {self.given}"
        return f"{out}, {self.suffix}" if self.suffix else out

    def surname(self) -> str:
        return self.literal or self.family or ""


@dataclass(frozen=True)
class _Source:
    """The cleaned facts one citation is made from."""

    doc: str
    title: str | None
    outlet: str | None
    names: tuple[_Name, ...]
    date: _Date | None
    url: str | None
    language: str | None
    para: int
    text: str
    quote: str | None
    speaker: str | None
    role: str | None
    via: str | None
    accessed: datetime.date


# --- public API -------------------------------------------------------------------------------


def cite(
    article: Article,
    para: int,
    quote: int | None = None,
    style: str = "plain",
    *,
    accessed: datetime.date | None = None,
) -> str:
    """Cite paragraph ``para`` of ``article`` (or its ``quote``-th quote, from 1) in ``style``.

    ``accessed`` is the access date some styles print (default: today). Raises
    :class:`CitationError` for an unknown style, paragraph or quote number.
    """
    key = style.strip().lower() if isinstance(style, str) else style
    if key not in STYLES:
        raise CitationError(f"unknown citation style {style!r} (choose from {', '.join(STYLES)})")
    if isinstance(accessed, datetime.datetime):
        accessed = accessed.date()
    source = _source(article, para, quote, accessed or datetime.date.today())
    return _FORMATTERS[key](source)


# --- gathering the facts ----------------------------------------------------------------------


def _source(article: Article, para: int, quote: int | None, accessed: datetime.date) -> _Source:
    if isinstance(para, bool) or not isinstance(para, int):
        raise CitationError(f"paragraph number must be a whole number, not {para!r}")
    doc = _clean(article.doc) or ""
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
    quote_text = _quote_text(chosen.text) if chosen is not None else None
    return _Source(
        doc=doc,
        title=_clean(article.title),
        outlet=_clean(article.source),
        names=_parse_names(_clean(article.author)),
        date=_parse_date(_clean(article.date)),
        url=_clean_url(article.url),
        language=_clean(article.language),
        para=para,
        text=_clean(paragraph.text) or "",
        quote=quote_text,
        speaker=_clean(chosen.speaker) if chosen else None,
        role=_clean(chosen.role) if chosen else None,
        via=_clean(chosen.via) if chosen else None,
        accessed=accessed,
    )


def _clean(value: object) -> str | None:
    """One line of printable text: no controls, escapes or bidi overrides; NFC; spaces collapsed."""
    if value is None:
        return None
    text = _BIDI.sub("", safe(str(value)))
    text = " ".join(unicodedata.normalize("NFC", text).split())
    return text or None


def _clean_url(value: str | None) -> str | None:
    url = _clean(value)
    if url is None:
        return None
    return url.replace(" ", "%20")


def _quote_text(text: str) -> str | None:
    cleaned = _clean(text)
    if cleaned is None:
        return None
    cleaned = cleaned.rstrip(_TRAILING_QUOTE_PUNCT + " ")
    return _inner_quotes(cleaned) or None


def _inner_quotes(text: str) -> str:
    """Double quotation marks inside a quoted span become single ones (American usage)."""
    return text.replace("“", "‘").replace("”", "’")


def _parse_date(value: str | None) -> _Date | None:
    if not value:
        return None
    match = _ISO_DATE.fullmatch(value)
    if not match:
        return None
    year = int(match.group(1))
    month = int(match.group(2)) if match.group(2) else None
    day = int(match.group(3)) if match.group(3) else None
    try:
        datetime.date(year or 1, month or 1, day or 1)
    except ValueError:
        return None
    if year == 0:
        return None
    return _Date(year, month, day)


def _parse_names(value: str | None) -> tuple[_Name, ...]:
    """Split a byline into names. Only clear "Given Family" or "Family, Given" forms are split;
    anything else (organisations, mononyms, particles) is kept whole as a literal name."""
    if not value:
        return ()
    value = _BYLINE.sub("", value)
    names = []
    for piece in _NAME_SPLIT.split(value):
        piece = piece.strip(" ,")
        if piece:
            names.append(_parse_name(piece))
    return tuple(names)


def _parse_name(text: str) -> _Name:
    suffix = None
    if text.count(",") > 1:
        return _Name(literal=text)
    if "," in text:
        family, _, given = (p.strip() for p in text.partition(","))
        if given.lower() in _SUFFIXES:  # "Martin Luther King, Jr."
            text, suffix = family, given
        elif family and given and _is_personal(family.split() + given.split()):
            return _Name(family=family, given=given)
        else:
            return _Name(literal=text)
    words = text.split()
    if len(words) > 2 and words[-1].lower() in _SUFFIXES:
        suffix = words.pop()
    if 2 <= len(words) <= 4 and _is_personal(words):
        return _Name(family=words[-1], given=" ".join(words[:-1]), suffix=suffix)
    return _Name(literal=text)


def _is_personal(words: list[str]) -> bool:
    for word in words:
        letters = "".join(_LETTERS.findall(word))
        if not letters or not letters[0].isupper() or any(c.isdigit() for c in word):
            return False
        if len(letters) > 1 and letters.isupper():  # an acronym: "CNN Indonesia", "KEMLU"
            return False
    return True


# --- shared helpers ---------------------------------------------------------------------------


def _end(text: str, mark: str = ".") -> str:
    """``text`` closed with ``mark`` unless it already ends a sentence (APA, MLA, Chicago)."""
    return text if text.endswith((".", "?", "!", "…")) else text + mark


def _quoted(text: str, mark: str = "") -> str:
    """``“text”`` with the following ``mark`` moved inside the quotation marks (American style);
    a title that ends in ? or ! takes no further comma or period."""
    inner = _inner_quotes(text)
    if mark and not inner.endswith((*_TERMINAL, "…")) and not (mark == "." and inner.endswith(".")):
        inner += mark
    return f"“{inner}”"


def _short_title(title: str) -> str:
    """A short form for in-text citations: the words before a colon, comma or dash, if that
    leaves at least two words (APA 8.14 and MLA both shorten long titles)."""
    match = _TITLE_BREAKS.search(title)
    if match and len(title) > 40:
        head = title[: match.start()].strip()
        if len(head.split()) >= 2:
            return head
    return title


def _excerpt(text: str, limit: int = EXCERPT_CHARS) -> str:
    if len(text) <= limit:
        return text
    cut = text.rfind(" ", 0, limit + 1)
    if cut < limit // 2:
        cut = limit
    return text[:cut].rstrip(" ,;:–—-") + "…"


def _attribution(src: _Source) -> str | None:
    """``Speaker (role, via Outlet)`` as far as known."""
    extra = [p for p in (src.role, f"via {src.via}" if src.via else None) if p]
    if src.speaker:
        return f"{src.speaker} ({', '.join(extra)})" if extra else src.speaker
    return ", ".join(extra) or None


def _attribution_flat(src: _Source) -> str | None:
    """``Speaker, role, via Outlet`` as far as known, for notes inside other brackets."""
    parts = [src.speaker, src.role, f"via {src.via}" if src.via else None]
    return ", ".join(p for p in parts if p) or None


def _quote_lead(src: _Source) -> str:
    """The quote as it opens an APA, Chicago or MLA citation: ``Speaker: “…”``."""
    quote = f"“{src.quote}”"
    return f"{src.speaker}: {quote}" if src.speaker else quote


def _month_day_year(date: _Date, months: tuple[str, ...] = _MONTHS) -> str:
    if date.month is None:
        return str(date.year)
    if date.day is None:
        return f"{months[date.month - 1]} {date.year}"
    return f"{months[date.month - 1]} {date.day}, {date.year}"


def _day_month_year(date: _Date) -> str:
    parts = [str(date.year)]
    if date.month is not None:
        parts.insert(0, _MLA_MONTHS[date.month - 1])
        if date.day is not None:
            parts.insert(0, str(date.day))
    return " ".join(parts)


def _title_or_placeholder(src: _Source) -> str:
    return src.title or "[Untitled]"


# --- plain and markdown -----------------------------------------------------------------------


def _plain(src: _Source) -> str:
    if src.quote is not None:
        who = _attribution(src)
        first = f"“{src.quote}”" + (f" — {who}" if who else "")
    else:
        first = _excerpt(src.text)
    where = [src.outlet, f"“{src.title}”" if src.title else None]
    where += [src.date.iso() if src.date else "n.d.", f"¶ {src.para}", src.url]
    return f"{first}\n{', '.join(p for p in where if p)}"


def _md_escape(text: str) -> str:
    out = "".join(f"\\{c}" if c in _MARKDOWN_SPECIALS else c for c in text)
    # A line that starts like a list item or heading would stop being a quote's text.
    return re.sub(r"^(\d+)([.)])(\s)", r"\1\\\2\3", re.sub(r"^([+\-=])(\s|$)", r"\\\1\2", out))


def _md_url(url: str) -> str | None:
    if not re.match(r"https?://", url, re.IGNORECASE):
        return None
    return url.replace("\\", "%5C").replace("<", "%3C").replace(">", "%3E")


def _markdown(src: _Source) -> str:
    body = src.quote if src.quote is not None else src.text
    parts: list[str] = []
    who = _attribution(src)
    if src.quote is not None and who:
        parts.append(_md_escape(who))
    title = _md_escape(_title_or_placeholder(src))
    link = _md_url(src.url) if src.url else None
    parts.append(f"*[{title}](<{link}>)*" if link else f"*{title}*")
    if src.outlet:
        parts.append(_md_escape(src.outlet))
    parts.append(src.date.iso() if src.date else "n.d.")
    parts.append(f"¶ {src.para}")
    if src.url and not link:
        parts.append(_md_escape(src.url))
    return f"> {_md_escape(body)}\n\n— {', '.join(parts)}"


# --- APA 7 ------------------------------------------------------------------------------------


def _apa_initials(given: str) -> str:
    out = []
    for part in given.split():
        pieces = []
        for hyphenated in part.split("-"):
            letters = _LETTERS.findall(hyphenated)
            if letters:
                pieces.append(" ".join(f"{group[0]}." for group in letters))
        if pieces:
            out.append("-".join(pieces))
    return " ".join(out)


def _apa_name(name: _Name) -> str:
    if name.literal:
        return name.literal
    out = name.family or ""
    if name.given:
        out += f", {_apa_initials(name.given)}"
    return f"{out}, {name.suffix}" if name.suffix else out


def _apa_authors(names: tuple[_Name, ...]) -> str:
    shown = [_apa_name(n) for n in names]
    if len(shown) == 1:
        return shown[0]
    if len(shown) > 20:  # APA 7 §9.8: the first 19, an ellipsis, the last
        return ", ".join(shown[:19]) + ", . . . " + shown[-1]
    return ", ".join(shown[:-1]) + ", & " + shown[-1]


def _apa_date(date: _Date | None) -> str:
    if date is None:
        return "n.d."
    if date.month is None:
        return str(date.year)
    out = f"{date.year}, {_MONTHS[date.month - 1]}"
    return f"{out} {date.day}" if date.day else out


def _apa_reference(src: _Source) -> str:
    title = _end(_title_or_placeholder(src))
    date = f"({_apa_date(src.date)})."
    if src.names:
        parts = [_end(_apa_authors(src.names)), date, title]
    else:  # §9.12: the title moves to the author position
        parts = [title, date]
    if src.outlet:
        parts.append(_end(src.outlet))
    if src.url:
        parts.append(src.url)
    return " ".join(parts)


def _apa_in_text(src: _Source) -> str:
    year = str(src.date.year) if src.date else "n.d."
    locator = f"para. {src.para}"
    if src.names:
        families = [n.surname() for n in src.names]
        if len(families) == 1:
            who = families[0]
        elif len(families) == 2:
            who = f"{families[0]} & {families[1]}"
        else:
            who = f"{families[0]} et al."
        return f"({who}, {year}, {locator})"
    title = _short_title(_title_or_placeholder(src))
    return f"({_quoted(title, ',')} {year}, {locator})"


def _apa(src: _Source) -> str:
    in_text = _apa_in_text(src)
    if src.quote is not None:
        in_text = f"{_quote_lead(src)} {in_text}"
    return f"{in_text}\n{_apa_reference(src)}"


# --- Chicago 17th ed., notes and bibliography -------------------------------------------------


def _chicago_authors(names: tuple[_Name, ...]) -> str:
    shown = [n.natural() for n in names]
    if len(shown) == 1:
        return shown[0]
    if len(shown) == 2:
        return f"{shown[0]} and {shown[1]}"
    if len(shown) == 3:
        return f"{shown[0]}, {shown[1]}, and {shown[2]}"
    return f"{shown[0]} et al."  # CMOS 17 §14.76: four or more authors in a note


def _chicago(src: _Source) -> str:
    head = f"{_chicago_authors(src.names)}, " if src.names else ""
    title = _quoted(_title_or_placeholder(src), ",")
    rest = [src.outlet, _month_day_year(src.date) if src.date else "n.d.", f"para. {src.para}"]
    if src.url:
        if src.date is None:  # CMOS 17 §14.12: an access date when no date can be determined
            rest.append(f"accessed {_month_day_year(_Date(*_ymd(src.accessed)))}")
        rest.append(src.url)
    note = f"1. {head}{title} {', '.join(p for p in rest if p)}."
    if src.quote is not None:
        return f"{_quote_lead(src)}\n{note}"
    return note


def _ymd(day: datetime.date) -> tuple[int, int, int]:
    return day.year, day.month, day.day


# --- MLA 9 ------------------------------------------------------------------------------------


def _mla_authors(names: tuple[_Name, ...]) -> str:
    first = names[0].inverted()
    if len(names) == 1:
        return first
    if len(names) == 2:
        return f"{first}, and {names[1].natural()}"
    return f"{first}, et al."


def _mla_url(url: str) -> str:
    return re.sub(r"^https?://", "", url, flags=re.IGNORECASE)


def _mla_entry(src: _Source) -> str:
    parts = []
    if src.names:
        parts.append(_end(_mla_authors(src.names)))
    parts.append(_quoted(_title_or_placeholder(src), "."))
    container = [p for p in (src.outlet, _day_month_year(src.date) if src.date else None) if p]
    if src.url:
        container.append(_mla_url(src.url))
    if container:
        parts.append(_end(", ".join(container)))
    if src.date is None:
        parts.append(f"Accessed {_day_month_year(_Date(*_ymd(src.accessed)))}.")
    return " ".join(parts)


def _mla_in_text(src: _Source) -> str:
    # No paragraph locator: MLA 9 cites paragraph numbers only when the source numbers them.
    if src.names:
        families = [n.surname() for n in src.names]
        if len(families) == 1:
            return f"({families[0]})"
        if len(families) == 2:
            return f"({families[0]} and {families[1]})"
        return f"({families[0]} et al.)"
    return f"({_quoted(_short_title(_title_or_placeholder(src)))})"


def _mla(src: _Source) -> str:
    in_text = _mla_in_text(src)
    if src.quote is not None:
        in_text = f"{_quote_lead(src)} {in_text}"
    return f"{in_text}\n{_mla_entry(src)}"


# --- BibLaTeX ---------------------------------------------------------------------------------


def _tex(text: str) -> str:
    return "".join(_TEX_SPECIALS.get(c, c) for c in text)


def _tex_title(title: str) -> str:
    """Escape TeX specials and protect capitalised words so a style cannot lowercase them.

    The first word keeps its capital in BibTeX sentence casing anyway, so it is protected only
    when it has capitals after its first letter (``KEMLU``, ``iPhone``). Punctuation around a
    word stays outside the braces: ``{Accords},``.
    """
    out = []
    for i, token in enumerate(re.split(r"(\s+)", title)):
        if not token or token.isspace():
            out.append(token)
            continue
        lead, word, trail = _WORD_EDGES.fullmatch(token).groups()
        letters = "".join(_LETTERS.findall(word))
        capitalised = bool(letters) and (
            any(c.isupper() for c in letters[1:]) or (i > 0 and letters[0].isupper())
        )
        core = f"{{{_tex(word)}}}" if capitalised else _tex(word)
        out.append(_tex(lead) + core + _tex(trail))
    return "".join(out)


def _tex_name(name: _Name) -> str:
    if name.literal:
        return f"{{{_tex(name.literal)}}}"
    out = _tex(name.family or "")
    if name.suffix:
        out += f", {_tex(name.suffix)}"
    if name.given:
        out += f", {_tex(name.given)}"
    return out


def _tex_url(url: str) -> str:
    """A URL for BibLaTeX's verbatim ``url`` field: braces and backslashes percent-encoded."""
    return url.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D")


def _ascii_words(text: str) -> list[str]:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.findall(r"[a-z0-9]+", folded.lower())


def _key(src: _Source) -> str:
    """A stable citation key: outlet (or first author), year or ``nd``, first title words."""
    who = src.outlet or (src.names[0].surname() if src.names else "")
    parts = ["".join(_ascii_words(who))[:24], str(src.date.year) if src.date else "nd"]
    parts += _ascii_words(src.title or "")[:3]
    key = "_".join(p for p in parts if p)
    if not parts[0] or not _ascii_words(src.title or ""):
        seed = f"{src.doc}\n{src.title}\n{src.outlet}".encode()
        key = f"{key}_{hashlib.sha1(seed).hexdigest()[:8]}"
    return key


def _langid(language: str | None) -> str | None:
    if not language:
        return None
    tag = language.lower().replace("_", "-")
    return _LANGIDS_REGIONAL.get(tag) or _LANGIDS.get(tag.split("-")[0])


def _bibtex(src: _Source) -> str:
    fields: list[tuple[str, str]] = []
    if src.names:
        fields.append(("author", " and ".join(_tex_name(n) for n in src.names)))
    if src.title:
        fields.append(("title", _tex_title(src.title)))
    if src.outlet:
        fields.append(("journaltitle", _tex(src.outlet)))
    fields.append(("entrysubtype", "newspaper"))
    if src.date:
        fields.append(("date", src.date.iso()))
    if src.url:
        fields.append(("url", _tex_url(src.url)))
        fields.append(("urldate", src.accessed.isoformat()))
    langid = _langid(src.language)
    if langid:
        fields.append(("langid", langid))
    note = f"para.~{src.para}"
    if src.quote is not None:
        who = _attribution_flat(src)
        note += f": “{_tex(src.quote)}”" + (f" ({_tex(who)})" if who else "")
    fields.append(("note", note))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@article{{{_key(src)},\n{body},\n}}"


# --- CSL-JSON ---------------------------------------------------------------------------------


def _csl_name(name: _Name) -> dict[str, str]:
    if name.literal:
        return {"literal": name.literal}
    out = {"family": name.family or ""}
    if name.given:
        out["given"] = name.given
    if name.suffix:
        out["suffix"] = name.suffix
    return out


def _csl_json(src: _Source) -> str:
    item: dict[str, object] = {"id": _key(src), "type": "article-newspaper"}
    if src.title:
        item["title"] = src.title
    if src.outlet:
        item["container-title"] = src.outlet
    if src.names:
        item["author"] = [_csl_name(n) for n in src.names]
    if src.date:
        item["issued"] = {"date-parts": [src.date.parts()]}
    if src.url:
        item["URL"] = src.url
    if src.language:
        item["language"] = src.language
    item["accessed"] = {"date-parts": [list(_ymd(src.accessed))]}
    note = f"para. {src.para}"
    custom: dict[str, str] = {"locator": str(src.para), "label": "paragraph"}
    if src.quote is not None:
        who = _attribution_flat(src)
        note = f"“{src.quote}”" + (f" — {who}" if who else "") + f" ({note})"
        custom["quote"] = src.quote
        if src.speaker:
            custom["speaker"] = src.speaker
    item["note"] = note
    item["custom"] = custom
    text = json.dumps([item], ensure_ascii=False, indent=2)
    # Keep date-parts on one line. JSON strings cannot hold a raw newline, so this only ever
    # matches the structure, never text inside a value.
    return _DATE_PARTS.sub(_one_line_parts, text)


def _one_line_parts(match: re.Match[str]) -> str:
    return "[[" + ", ".join(p.strip() for p in match.group(1).split(",")) + "]]"


_FORMATTERS = {
    "plain": _plain,
    "markdown": _markdown,
    "apa": _apa,
    "chicago": _chicago,
    "mla": _mla,
    "bibtex": _bibtex,
    "csl-json": _csl_json,
}
