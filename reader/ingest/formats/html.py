"""Saved HTML pages: the main text through trafilatura, checked against the page's own blocks.

Why the checks: trafilatura (boilerplate removal is a research field of its own) keeps the
story's ``<p>`` paragraphs but drops a lede written as bare text before them, returns nothing
for a page with one ``&#27;`` reference in it, and keeps the site's name in the title
(``Judul - Kompas.com``, ``KapanLagi.com: Judul``). Its other settings were measured on real
pages: ``favor_recall`` brings menus and view counters in, ``favor_precision`` changes nothing
here, so the default is kept and these three are fixed around it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from reader.ingest import boilerplate
from reader.ingest.article import build_article
from reader.ingest.dateline import dateline_only, find_dateline
from reader.ingest.dates import iso_date
from reader.ingest.formats.base import Format, Source
from reader.ingest.sidecar import put
from reader.ingest.source import Skipped
from reader.ingest.structure import PASSAGE_LIMIT
from reader.records import Article
from reader.text import normalise, one_line

_CHAR_REF = re.compile(r"&#(?:[xX](?P<hex>[0-9a-fA-F]{1,8})|(?P<dec>[0-9]{1,10}));?")
_BLOCK_TAGS = {
    "p", "div", "br", "h1", "h2", "h3", "h4", "h5", "h6", "li", "ul", "ol", "table", "tr", "td",
    "th", "section", "article", "header", "footer", "aside", "nav", "blockquote", "figure",
    "figcaption", "form", "hr", "pre", "dd", "dt", "dl", "main", "center",
}
_SKIP_TAGS = {"script", "style", "noscript", "template", "iframe", "svg", "select", "button"}
_TITLE_SEPARATORS = re.compile(r"\s+[-|–—»:]{1,2}\s+|\s*::\s*|:\s+")
_PROSE_END = re.compile(r"[.!?\"”’)]$")
MIN_PROSE_WORDS = 15


def _control_reference(match: re.Match) -> str:
    """A character reference to a control character, a surrogate or no character is dropped."""
    code = int(match.group("hex"), 16) if match.group("hex") else int(match.group("dec"))
    if code in (9, 10, 13) or (32 <= code < 127) or (160 <= code <= 0x10FFFF
                                                      and not 0xD800 <= code <= 0xDFFF):
        return match.group()
    return ""


def read(source: Source) -> Iterable[Article]:
    import trafilatura  # imported here: it is heavy and only HTML needs it

    page = _CHAR_REF.sub(_control_reference, source.text)
    found = _extract(trafilatura, page)
    paragraphs = _lines(found)
    if paragraphs and max(map(len, paragraphs)) < SHORT_EXTRACT:
        # Only short lines: perhaps a list of other stories' teasers taken for the story. The
        # extractor's precise mode is asked too, and the extract with more prose is kept.
        precise = _extract(trafilatura, page, favor_precision=True)
        precise_lines = _lines(precise)
        if _prose_size(precise_lines) > _prose_size(paragraphs):
            found, paragraphs = precise, precise_lines
    blocks = _page_blocks(page)
    paragraphs = _with_lede(_main_run(paragraphs), blocks) if paragraphs else _prose(blocks)
    if not paragraphs:
        raise Skipped("no article text found in the page")
    body = "\n".join(paragraphs)

    meta = source.meta.copy()
    found["sitename"] = _site_name(found.get("sitename"), found.get("hostname"))
    for key, theirs in (("source", "sitename"), ("author", "author"), ("url", "url"),
                        ("language", "language")):
        if found.get(theirs) and key not in meta.values:
            put(meta, key, str(found[theirs]), "page")
    if found.get("date") and "date" not in meta.values:
        parsed = iso_date(str(found["date"]))
        if parsed:
            meta.values["date"] = parsed
    title = None
    if found.get("title"):
        site = found.get("sitename") or found.get("hostname") or ""
        title = strip_site(one_line(normalise(str(found["title"])), 500), str(site))
    if title and "title" not in meta.values:
        meta.values["title"] = title
    source.warnings.extend(meta.warnings)
    meta.warnings = []
    return [build_article(body, source.path, source.doc, meta, own_title=title, headline=False)]


def _site_name(name, host) -> str | None:
    """The outlet a page names: its site name, unless that is a link (a page's publisher given
    as its Facebook page, ``https://www.facebook.com/Bola.Kompascom``), then the page's host."""
    name = str(name or "").strip()
    if name and not _LINK.match(name):
        return name
    return str(host).strip() if host else None


_LINK = re.compile(r"(?:https?://|www\.)\S*$|\S*\.(?:com|net|org)/\S*$", re.IGNORECASE)


SHORT_EXTRACT = 250  # characters: an extract with no paragraph this long is checked again


def _extract(trafilatura, page: str, **options) -> dict:
    extracted = trafilatura.bare_extraction(
        page, with_metadata=True, include_comments=False, include_tables=False, **options)
    if extracted is None:
        return {}
    return extracted if isinstance(extracted, dict) else extracted.as_dict()


def _lines(found: dict) -> list[str]:
    return [line for line in normalise(found.get("text") or "").split("\n") if line.strip()]


def _prose_size(paragraphs: list[str]) -> int:
    return sum(len(p) for p in paragraphs if _is_prose(" ".join(p.split())))


def strip_site(title: str, site: str) -> str:
    """``title`` without a leading or trailing segment that names the site (``| Tempo Gaya``,
    ``- Kompas.com`` for the host ``bola.kompas.com``)."""
    host = re.sub(r"^(?:https?://)?(?:www\.)?", "", site.lower())
    site_words = {_first_word(host)} if " " in host or "." not in host else \
        set(host.split("/")[0].split(".")[:-1]) - _HOST_PARTS
    site_words.discard("")
    if not site_words:
        return title
    separators = list(_TITLE_SEPARATORS.finditer(title))
    if not separators:
        return title
    last, first = separators[-1], separators[0]
    tail = title[last.end():]
    if _first_word(tail.lower()) in site_words and last.start() > len(tail):
        return title[: last.start()].strip()
    head = title[: first.start()]
    if _first_word(head.lower()) in site_words and len(title) - first.end() > len(head):
        return title[first.end():].strip()
    return title


_HOST_PARTS = {"www", "m", "co", "com", "or", "go", "ac", "net", "org"}


def _first_word(text: str) -> str:
    match = re.search(r"[a-z0-9]+", text)
    return match.group() if match else ""


def _page_blocks(page: str) -> list[str]:
    """The page's visible text, one string per block element, in document order."""
    import lxml.etree
    import lxml.html

    try:
        root = lxml.html.fromstring(page)
    except (lxml.etree.ParserError, ValueError):
        return []
    blocks: list[str] = []
    current: list[str] = []

    def flush() -> None:
        text = " ".join("".join(current).split())
        if text:
            blocks.append(text)
        current.clear()

    walker = lxml.etree.iterwalk(root, events=("start", "end"))
    for event, element in walker:
        tag = element.tag if isinstance(element.tag, str) else ""
        if event == "start":
            if tag in _SKIP_TAGS or not tag:
                walker.skip_subtree()
                continue
            if tag in _BLOCK_TAGS:
                flush()
            current.append(element.text or "")
        else:
            if tag in _BLOCK_TAGS:
                flush()
            current.append(element.tail or "")
    flush()
    return [normalise(b) for b in blocks]


def _is_prose(block: str) -> bool:
    return (len(block.split()) >= MIN_PROSE_WORDS and bool(_PROSE_END.search(block))
            and len(block) <= PASSAGE_LIMIT and "|" not in block)


def _with_lede(paragraphs: list[str], blocks: list[str]) -> list[str]:
    """The extract, with the page's lede put back when the extractor dropped it.

    The lede is the blocks just before the extract's first paragraph on the page (up to
    :data:`LEDE_BLOCKS`, back to one that opens with a dateline), each reading as prose (a
    sentence of some length) or opening with a dateline, and not in the extract.
    """
    key = " ".join(paragraphs[0].split())[:60]
    for i, block in enumerate(blocks):
        if block.startswith(key):
            lede: list[str] = []
            for before in reversed(blocks[max(0, i - LEDE_BLOCKS):i]):
                if dateline_only(before):  # "<strong>Jakarta</strong> - <p>Galaxy S6 …"
                    first = [*lede, *paragraphs]
                    return [f"{before} {first[0]}", *first[1:]]
                if boilerplate.is_boilerplate(before) or \
                        boilerplate.is_caption_with_credit(before):
                    break  # a photo caption or a link above the story
                opens = find_dateline(before, 0, len(before)) is not None
                if not (_is_prose(before) or (opens and len(before.split()) >= 8)) or any(
                        before in p for p in paragraphs):
                    break
                lede.insert(0, before)
                if opens:
                    break  # the story's first line
            return [*lede, *paragraphs]
    return paragraphs


LEDE_BLOCKS = 3  # paragraphs an extractor has been seen to drop from a story's start: two


def _main_run(paragraphs: list[str]) -> list[str]:
    """The story in an extract that is mostly a page's lists (dates, dashes and headlines of
    other stories, as old portal pages give it, more text than the story's prose): its
    longest run of prose paragraphs, a lone line between two of them (a subheading) kept. An
    extract that is mostly prose is kept whole, lists inside a story included."""
    prose = [_is_prose(" ".join(p.split())) for p in paragraphs]
    prose_size = sum(len(p) for p, is_prose in zip(paragraphs, prose, strict=True) if is_prose)
    if prose_size * 2 >= sum(map(len, paragraphs)) or \
            len(paragraphs) - sum(prose) < FURNITURE_LINES:
        return paragraphs
    best: tuple[int, int, int] = (0, 0, 0)  # characters, start, end
    start = None
    for i in range(len(paragraphs) + 1):
        inside = i < len(paragraphs) and (prose[i] or (
            start is not None and i + 1 < len(paragraphs) and prose[i + 1]))
        if inside and start is None:
            start = i
        elif not inside and start is not None:
            size = sum(len(p) for p in paragraphs[start:i])
            best = max(best, (size, start, i))
            start = None
    return paragraphs[best[1]:best[2]] if best[0] else paragraphs


FURNITURE_LINES = 10  # lines of lists an extract has before it is taken for a page's lists


def _prose(blocks: list[str]) -> list[str]:
    """The page's prose blocks, for a page the extractor found nothing in."""
    prose = [b for b in blocks if _is_prose(b)]
    return prose if len(prose) >= 2 else []


FORMAT = Format("html", (".html", ".htm", ".xhtml"), read)
