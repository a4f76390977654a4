"""BibLaTeX: one ``@article`` entry per article, and the cite command for the paragraph.

The entry describes the article; the paragraph (and a quote) belongs to the citation, so it is
not in the entry (a ``note`` would print in every bibliography entry). A comment line after the
entry gives the cite command: ``% \\autocite[8]{key}`` with ``pagination = {paragraph}`` in the
entry, so each style prints its own paragraph label (``para. 8``, ``par. 8``); for a quote,
``% \\textquote[{\\autocite[8]{key}}]{…}`` (csquotes).

Fields, checked against the three biblatex style packages' documentation:

* ``entrysubtype = {newspaper}``: biblatex-chicago (a synonym of ``magazine``: no parentheses
  around the date, the unsigned-article rules) and biblatex-mla (its newspaper-article format)
  both read it; standard styles ignore it. biblatex-apa 9.x expects ``nonacademic`` instead (any
  other value is printed in brackets, and the date shrinks to the year), so APA users map it in
  their preamble (see README).
* ``title`` with quotations inside it as ``\\mkbibquote{…}``, so csquotes nests the marks (a
  straight ``"`` would print ``”`` on both sides); English titles in headline case with proper
  nouns braced, so biblatex-apa's sentence casing keeps them; other titles with every
  capitalised word braced (their capitals are not the style's to change).
* ``titleaddon`` instead of ``title`` for an untitled article: biblatex-apa brackets it (APA 7
  §9.21), biblatex-chicago and biblatex-mla print it plain; ``shorttitle = {Untitled article}``
  gives author-date and MLA citations a label (without it they print only the year).
* ``urldate`` only for an online article with no date; otherwise every entry with a URL would
  get "Retrieved …" (APA) or "accessed …" (Chicago), which the guides do not ask for.
* ``langid`` from the article's language, which also keeps styles from recasing non-English
  titles.
"""

from __future__ import annotations

import re

from reader.cite.names import Name
from reader.cite.source import Source
from reader.cite.titles import DESCRIPTION, headline_case, quote_spans, sentence_case

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
_LETTERS = re.compile(r"[^\W\d_]+")
_WORD_EDGES = re.compile(r"([^\w]*)(.*?)([^\w]*)", re.DOTALL)
# BCP 47 primary language subtag -> babel/polyglossia language name for ``langid``.
_LANGIDS = {
    "id": "indonesian", "ms": "malay", "en": "english", "nl": "dutch", "de": "german",
    "fr": "french", "es": "spanish", "pt": "portuguese", "it": "italian", "ar": "arabic",
    "ru": "russian", "tr": "turkish", "ja": "japanese", "ko": "korean", "zh": "chinese",
    "th": "thai", "vi": "vietnamese",
}
_LANGIDS_REGIONAL = {"en-us": "american", "en-gb": "british", "en-au": "australian"}


def tex(text: str) -> str:
    """``text`` with TeX's special characters escaped."""
    return "".join(_TEX_SPECIALS.get(c, c) for c in text)


def _protected(text: str, keep: set[str] | None, first: bool) -> str:
    """Escape ``text`` and brace its capitalised words so no style recases them.

    ``keep`` limits the braces to those words (lower-cased); None braces every word with a
    capital. The title's first word keeps its capital under sentence casing anyway, so it is
    braced only when it has capitals after its first letter (``KEMLU``, ``iPhone``).
    """
    out = []
    for i, token in enumerate(re.split(r"(\s+)", text)):
        if not token or token.isspace():
            out.append(token)
            continue
        lead, word, trail = _WORD_EDGES.fullmatch(token).groups()
        letters = "".join(_LETTERS.findall(word))
        inner_capital = any(c.isupper() for c in letters[1:])
        capital = bool(letters) and letters[0].isupper()
        wanted = inner_capital or (
            capital and not (first and i == 0) and (keep is None or word.lower() in keep)
        )
        core = f"{{{tex(word)}}}" if letters and wanted else tex(word)
        out.append(tex(lead) + core + tex(trail))
    return "".join(out)


def _title(src: Source) -> str:
    """The title field: quotations as ``\\mkbibquote``, capitals protected as described above."""
    title = src.title or ""
    keep: set[str] | None = None
    if src.english:
        title = headline_case(title, "chicago")
        kept = sentence_case(title, src.usage).split()
        keep = {w.strip(".,:;?!()“”‘’\"'").lower() for w in kept[1:] if w[:1].isupper()}
    out = []
    for n, (segment, is_quote) in enumerate(quote_spans(title)):
        body = _protected(segment, keep, first=n == 0)
        out.append(f"\\mkbibquote{{{body}}}" if is_quote else body)
    return "".join(out)


def _description(src: Source) -> str:
    """An untitled article's description, its opening words quoted with csquotes."""
    if src.untitled:
        return f"{DESCRIPTION} \\mkbibquote{{{tex(src.untitled)}}}"
    return "Untitled article"


def _name(name: Name) -> str:
    if name.literal:
        return f"{{{tex(name.literal)}}}"
    if not name.given:
        return f"{{{tex(name.family or '')}}}"
    out = tex(name.family or "")
    if name.suffix:
        out += f", {tex(name.suffix)}"
    return f"{out}, {tex(name.given)}"


def _url(url: str) -> str:
    """A URL for BibLaTeX's verbatim ``url`` field: braces and backslashes percent-encoded."""
    return url.replace("\\", "%5C").replace("{", "%7B").replace("}", "%7D")


def langid(language: str | None) -> str | None:
    if not language:
        return None
    tag = language.lower().replace("_", "-")
    return _LANGIDS_REGIONAL.get(tag) or _LANGIDS.get(tag.split("-")[0])


def entry(src: Source) -> str:
    """The ``@article`` entry for the article (the same for every paragraph of it)."""
    fields: list[tuple[str, str]] = []
    if src.names:
        fields.append(("author", " and ".join(_name(n) for n in src.names)))
    if src.title:
        fields.append(("title", _title(src)))
    else:
        fields.append(("titleaddon", _description(src)))
        fields.append(("shorttitle", "Untitled article"))  # the label of in-text citations
    if src.outlet:
        fields.append(("journaltitle", tex(src.outlet)))
    fields.append(("entrysubtype", "newspaper"))
    if src.date:
        fields.append(("date", src.date.iso()))
    if src.url:
        fields.append(("url", _url(src.url)))
    access = src.access_date
    if access is not None:
        fields.append(("urldate", access.iso()))
    lang = langid(src.language)
    if lang:
        fields.append(("langid", lang))
    fields.append(("pagination", "paragraph"))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@article{{{src.key},\n{body},\n}}"


def cite_command(src: Source) -> str:
    """The comment line naming the cite command for this paragraph (or quote)."""
    cite = f"\\autocite[{src.para}]{{{src.key}}}"
    if src.quote is None:
        return f"% {cite}"
    # "@" would start a new entry for BibTeX parsers, even inside a comment.
    quote = tex(src.quote).replace("@", r"\symbol{64}")
    return f"% \\textquote[{{{cite}}}]{{{quote}}}"


def bibtex(src: Source) -> str:
    return f"{entry(src)}\n{cite_command(src)}"
