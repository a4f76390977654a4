"""Finding an article's parts in its text: headline, byline, dateline, body, credit line.

Why: news text arrives as scraped plain text where the headline is repeated, fused to the lede
(``Title Case Headline. Lede…``), followed by a lone ``by`` and a dateline (``Jakarta, Pahami.id``
or ``JAKARTA, KOMPAS.com -``), interrupted by links and ad slots, and ends with an editor's
credit (``(BLQ/DNA)``). Those are metadata or boilerplate; only the body becomes paragraphs,
each with exact offsets into the text. The rules read the text alone: metadata from a sidecar
never changes which lines are paragraphs, so paragraph numbers (and every citation's ``¶``)
do not depend on it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reader.ingest import boilerplate
from reader.ingest.dateline import dateline_alone, dateline_line, find_dateline, lone_dash
from reader.ingest.paragraphs import Span, group_lines, lines_of
from reader.language.sentences import abbreviation_at
from reader.text import one_line, split_passages, trim

PASSAGE_LIMIT = 2000
PRE_MATTER_UNITS = 5  # a dateline may follow at most this many caption, kicker, crumb or
# date lines ("Home >", "Berita", the headline, "Jumat, 17 February 2017, 13:16 WIB")
PRE_MATTER_LENGTH = 200
TRAILING_FURNITURE = 12  # lines of a page's furniture looked through for a credit line before

_BYLINE = re.compile(r"^(?:by|oleh|penulis|reporter)\b[:\s]*(?P<name>.{0,60})$", re.IGNORECASE)
_CREDIT_LINE = re.compile(r"^\(\s*(?P<credit>[^()\n]{1,40}?)\s*\)$")
# A credit fused to the end of the last paragraph: "… saja. (BLQ/DNA)" or "… (rdk)".
_CREDIT_TAIL = re.compile(
    r"\(\s*(?P<credit>[A-Za-z][A-Za-z0-9]{1,5}(?:\s*/\s*[A-Za-z0-9-]{1,6})+|[a-z]{2,5}|[A-Z]{2,5})"
    r"\s*\)"
)
# A desk's letter and number after the last sentence: "… tutup Burhanuddin. (Z-10)". Only after
# a sentence's end, so a term in brackets ("(G-20)") closing a paragraph stays in it.
_DESK_CREDIT = re.compile(r"\(\s*(?P<credit>[A-Z]-\d{1,2})\s*\)")
_ENDS = ".!?\"”’"
# End matter on lines of their own: "Editor: Ade Marboen", "Pewarta: Monalisa".
_END_MATTER = re.compile(
    r"^(?P<key>editor|pewarta|penulis|reporter|wartawan|rep|redaktur|red|penyunting|sumber)"
    r"\s*:\s*(?P<name>[^:]{1,60}?)(?:\s*/\s*(?P<key2>red|redaktur|editor)\s*:\s*(?P<name2>.{1,60}))?$",
    re.IGNORECASE)
_AUTHOR_KEYS = {"pewarta", "penulis", "reporter", "wartawan", "rep"}
# A reporter's name in capitals on the last line, or a wire's name alone.
_CAPS_NAME = re.compile(r"^\s*[A-Z][A-Z'’.-]+(?:\s[A-Z][A-Z'’.-]+){1,3}\s*$")
_AGENCIES = {"ANTARA", "AP", "AFP", "REUTERS", "Reuters", "BERNAMA", "XINHUA", "Xinhua"}
_HEADING = re.compile(r"^#{1,6}\s+")
_LIST_ITEM = re.compile(r"^(?:[-•*–—]|\d{1,2}[.)])\s")
_FIRST_SENTENCE = re.compile(r"""[.!?](?=\s+["“‘]?[A-Z0-9])""")
# Short words that stay lower case in Indonesian and English headlines.
_MINOR = {
    "dan", "di", "ke", "dari", "yang", "untuk", "dengan", "pada", "atau", "dalam", "oleh",
    "the", "of", "and", "a", "an", "in", "on", "to", "for", "at", "by", "ini", "itu", "jadi",
}


@dataclass
class Structure:
    """What the rules found. ``spans`` are body paragraph offsets into the text."""

    title: str | None = None
    author: str | None = None
    dateline: str | None = None
    source: str | None = None
    credit: str | None = None
    spans: list[Span] = field(default_factory=list)
    left_out: int = 0  # boilerplate lines that were not counted as paragraphs


def parse_structure(text: str, own_title: str | None = None, headline: bool = True) -> Structure:
    """Split ``text`` into metadata and body paragraph spans.

    ``own_title`` is a title the same file gives elsewhere (a page's ``<title>``, a record's
    title column): a line repeating it at the top is not a paragraph. ``headline`` says whether
    the format can carry a headline in its text (a page's extracted body cannot).
    """
    found = Structure(title=own_title)
    lines = lines_of(text, *_unwrapped(text))
    if not lines:
        return found
    lines = _header(text, lines, found, headline)
    if not lines:
        return found
    units = _units(text, lines, found)
    units = _dateline(text, units, found)
    units = _end_matter(text, units, found)
    for a, b in units:
        found.spans.extend(split_passages(text, a, b, PASSAGE_LIMIT))
    return found


def _header(text: str, lines: list[Span], found: Structure, headline: bool) -> list[Span]:
    """Take the headline, a byline, a repeat of the headline and a dateline line off the top."""
    first_start, first_end = lines[0]
    first = text[first_start:first_end]
    i = 0
    own_headline = found.title or ""  # the text's own headline, to skip its repeats
    if boilerplate.is_boilerplate(first) and not (
            _LABELLED_HEADLINE.match(first) and _title_case(first) and len(lines) > 1):
        pass  # a link or caption line, unless "FOTO: Dian Sastro Saat Berusia 13 Tahun"
    elif found.title and _same(first, found.title):
        i = 1
    elif found.title and (label := _title_at(first, found.title)) is not None and \
            len(first) > label + len(found.title) + 20 and \
            not _goes_on(text, first_start + label + len(found.title.rstrip("."))):
        # the headline fused to the lede, after a section's label at most ("Style Juliette
        # Lewis conquered Hollywood by 22. …")
        body_start = _skip_space(text, first_start + label + len(found.title.rstrip(".")),
                                 first_end)
        if text[body_start: body_start + 1] == ".":
            body_start = _skip_space(text, body_start + 1, first_end)
        lines[0] = (body_start, first_end)
    elif headline and find_dateline(text, first_start, first_end) is None:
        # Whether the file has a title elsewhere does not change what its text looks like.
        if _HEADING.match(first) or (len(lines) > 1 and (
                _looks_like_headline(first) or _dateline_next(text, lines, len(first)))):
            own_headline = one_line(_HEADING.sub("", first))
            found.title = found.title or own_headline
            i = 1
        else:
            fused = _fused_headline(first)
            if fused is not None:
                own_headline = one_line(first[:fused].rstrip("."))
                found.title = found.title or own_headline
                lines[0] = (_skip_space(text, first_start + fused, first_end), first_end)

    while i < len(lines) - 1:  # the last line left is the body, whatever it looks like
        line = text[lines[i][0]: lines[i][1]]
        byline = _BYLINE.match(line)
        own_line = dateline_line(line)
        if _same(line, found.title or "") or _same(line, own_headline):
            pass
        elif byline and len(line) <= 70:
            name = one_line(byline.group("name")).strip(" :-")
            if name and not _same(name, own_headline) and not _same(name, found.title or ""):
                found.author = found.author or name
        elif own_line and not found.dateline:
            found.dateline, found.source = own_line.place, own_line.outlet
        else:
            break
        i += 1
    return lines[i:]


def _units(text: str, lines: list[Span], found: Structure) -> list[Span]:
    """Paragraph spans of the body: grouped lines, without boilerplate lines or inline links."""
    units: list[Span] = []
    for group in group_lines(text, lines):
        run: list[Span] = []
        for line in group:
            if boilerplate.is_boilerplate(text[line[0]:line[1]]):
                found.left_out += 1
                if run:
                    units.append((run[0][0], run[-1][1]))
                run = []
            else:
                run.append(line)
        if run:
            units.append((run[0][0], run[-1][1]))
    if len(units) >= 3:
        kept = [u for u in units[:-1] if not boilerplate.is_caption_with_credit(text[u[0]:u[1]])]
        found.left_out += len(units) - 1 - len(kept)
        units = [*kept, units[-1]]
    trimmed = [boilerplate.trim_inline(text, a, b) for a, b in units]
    return [(a, b) for a, b in (trim(text, a, b) for a, b in trimmed) if b > a]


def _dateline(text: str, units: list[Span], found: Structure) -> list[Span]:
    """Take a dateline off the lede; lines before a dateline (captions, kickers) are dropped."""
    if not units:
        return units
    for k, (start, end) in enumerate(units[: PRE_MATTER_UNITS + 1]):
        if k and any(b - a > PRE_MATTER_LENGTH for a, b in units[:k]):
            break
        dateline = find_dateline(text, start, end) or dateline_alone(text, start, end)
        if dateline is None or (k and not dateline.strong):
            continue
        if not found.dateline:
            found.dateline = dateline.place
        found.source = found.source or dateline.outlet
        found.left_out += k
        rest = _skip_space(text, dateline.end, end)
        return ([(rest, end)] if rest < end else []) + units[k + 1:]
    start, end = units[0]
    rest = lone_dash(text, start, end)
    if rest != start and not (len(units) > 1 and lone_dash(text, *units[1]) != units[1][0]):
        units = [(rest, end), *units[1:]]  # "- Lede …": the exporter cut the dateline away
    return units


def _end_matter(text: str, units: list[Span], found: Structure) -> list[Span]:
    """Credit, editor and reporter lines at the end; a credit fused to the last paragraph.
    Lines of a page's furniture after a credit line ("(Cas/Isk)", then "- Like (0)", "Popular
    Videos" and headlines) end the story at the credit."""
    for k in range(len(units) - 1, max(0, len(units) - TRAILING_FURNITURE) - 1, -1):
        a, b = units[k]
        if k and _CREDIT_LINE.match(text[a:b]) and _CREDIT_TAIL.fullmatch(text, a, b):
            if all(b2 - a2 <= 100 and text[b2 - 1] not in _ENDS for a2, b2 in units[k + 1:]):
                found.left_out += len(units) - k - 1
                units = units[:k + 1]
            break
    while len(units) > 1:
        a, b = units[-1]
        line = text[a:b]
        credit = _CREDIT_LINE.match(line)
        matter = _END_MATTER.match(line)
        if credit and not found.credit:
            found.credit = credit.group("credit").strip()
        elif matter and matter.group("key").lower() in _AUTHOR_KEYS:
            found.author = found.author or one_line(matter.group("name"))
            if matter.group("name2"):
                found.credit = found.credit or one_line(matter.group("name2"))
        elif matter:
            found.credit = found.credit or one_line(matter.group("name"))
        elif line.strip() in _AGENCIES:  # "ANTARA": the wire the story came from
            found.credit = found.credit or line.strip()
        elif _CAPS_NAME.match(line):
            found.author = found.author or line.strip().title()  # Tempo's "DINI TEJA"
        else:
            break
        found.left_out += 1
        units = units[:-1]
    if units:
        a, b = units[-1]
        tail = boilerplate.bracket_tail(_CREDIT_TAIL, text, a, b) or \
            boilerplate.bracket_tail(_DESK_CREDIT, text, a, b)
        if tail is not None and (tail[1].re is _CREDIT_TAIL or text[tail[0] - 1] in _ENDS):
            found.credit = found.credit or re.sub(r"\s+", "", tail[1].group("credit"))
            units[-1] = (a, tail[0])
    return units


def _unwrapped(text: str) -> tuple[int, int]:
    """The text's bounds without a quotation mark that wraps the whole article.

    Scraped corpora often store an article as ``"…"``. It is a wrapper, not a quotation, when the
    first mark inside it opens a quote (space before, word after) or there is none.
    """
    lo, hi = trim(text, 0, len(text))
    if hi - lo < 2:
        return 0, len(text)
    starts, ends = text[lo] in "\"“", text[hi - 1] in "\"”"
    if starts != ends and text.count('"', lo, hi) % 2:  # a stray mark at one end only
        return (lo + 1, hi) if starts else (lo, hi - 1)
    if not (starts and ends):
        return 0, len(text)
    inner = re.search(r"[\"“”]", text[lo + 1: hi - 1])
    if inner is None:
        return lo + 1, hi - 1
    at = lo + 1 + inner.start()
    before, after = text[at - 1], text[at + 1: at + 2]
    opens = text[at] == "“" or (before.isspace() or before in "([") and after[:1].isalnum()
    return (lo + 1, hi - 1) if opens else (0, len(text))


# A headline labelled with the kind of story: "FOTO: …", "VIDEO: …" (capitals, several words).
_LABELLED_HEADLINE = re.compile(r"(?:FOTO|VIDEO|INFOGRAFIS|GALERI)\s*:\s+\S+(?:\s+\S+){3,}")


def _title_at(line: str, title: str) -> int | None:
    """Where ``title`` opens ``line``: at its start, or after a section's label of one or two
    capitalised words (``Style``, ``World News``); None when it does not."""
    if _same(line[: len(title)], title):
        return 0
    for label in _SECTION_LABELS:
        found = label.match(line)
        if found and _same(line[found.end(): found.end() + len(title)], title):
            return found.end()
    return None


_SECTION_LABELS = (re.compile(r"[A-Z][a-z]+\s+"), re.compile(r"[A-Z][a-z]+\s+[A-Z][a-z]+\s+"))


def _looks_like_headline(line: str) -> bool:
    if _LIST_ITEM.match(line):
        return False
    return len(line) <= 200 and (not line.rstrip().endswith((".", "!", "?", '"', "”"))
                                 or _title_case(line, punctuated=True))


def _dateline_next(text: str, lines: list[Span], length: int) -> bool:
    """A short first line whose story starts on a later line with a dateline (past a link
    line): the headline, whatever it ends with ("Will the new law handcuff schools?")."""
    if length > 200:
        return False
    for start, end in lines[1:3]:
        if not boilerplate.is_boilerplate(text[start:end]):
            return find_dateline(text, start, end) is not None
    return False


def _fused_headline(line: str) -> int | None:
    """Offset just past a Title Case first sentence that is glued to the lede, if there is one."""
    match = _FIRST_SENTENCE.search(line)
    if not match or match.end() > 200:
        return None
    sentence = line[: match.end()]
    return match.end() if _title_case(sentence, punctuated=True) and \
        len(line) > match.end() + 20 else None


# A name set off by commas, then a word in lower case: ", Mochamad Irfan Yusuf, melakukan".
_APPOSITIVE_THEN_VERB = re.compile(r",\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*,\s+"
                                   r"(?!(?:dan|and|atau|or|serta)\b)[a-z]")  # (not a list)


def _title_case(sentence: str, punctuated: bool = False) -> bool:
    """Capitalised words (but small ones), as a headline is written. ``punctuated``: a
    sentence with its full stop, which a headline never has with a name set off by commas and
    a verb after it (``Menteri Haji dan Umrah RI, Mochamad Irfan Yusuf, melakukan kunjungan
    …`` is the story's first sentence)."""
    if punctuated and _APPOSITIVE_THEN_VERB.search(sentence):
        return False
    words = [w for w in re.findall(r"[^\W\d_][\w'-]*", sentence) if w.lower() not in _MINOR]
    if len(words) < 3:
        return False
    capitalised = sum(1 for w in words if w[0].isupper())
    # a sentence with its full stop that lets two words in ten stay in lower case is a lede
    # naming many people and places ("Aliansi mahasiswa Semarang menggelar aksi 1 Tahun
    # Kepemimpinan Presiden Prabowo Subianto … di halaman Kantor Gubernur Jawa Tengah.")
    return capitalised / len(words) >= (0.9 if punctuated else 0.8)


def _same(a: str, b: str) -> bool:
    def key(s: str) -> str:
        return " ".join(_HEADING.sub("", s).casefold().split()).rstrip(".")

    return bool(a.strip()) and key(a) == key(b)


def _goes_on(text: str, at: int) -> bool:
    """The words go on at ``at`` in lower case: the body's first sentence opens with the
    headline's words (``Jadwal kereta tambahan … untuk libur panjang``), which are its own, or
    the headline's last word is only the start of the body's (``Banjirnya``)."""
    return text[at:at + 200].lstrip(" \t")[:1].islower()


def _skip_space(text: str, pos: int, limit: int) -> int:
    while pos < limit and text[pos].isspace():
        pos += 1
    return pos


def derived_title(text: str, spans: list[Span], limit: int = 100) -> str | None:
    """A title for an article that has none: its first sentence, cut at a word if long."""
    if not spans:
        return None
    a, b = spans[0]
    first = text[a:b]
    match = next((m for m in _FIRST_SENTENCE.finditer(first)
                  if first[m.start()] != "." or not abbreviation_at(first, m.start())), None)
    sentence = first[: match.end()] if match else first  # "For Dr. Smith, …" whole
    sentence = one_line(sentence).lstrip("\"“‘'«").strip()
    if len(sentence) > limit:
        cut = sentence.rfind(" ", limit // 2, limit)
        sentence = sentence[: cut if cut > 0 else limit - 1].rstrip(" ,;:-") + "…"
    return sentence or None
