"""Titles as the style guides print them: quotation marks, capitalisation, short and untitled forms.

Why each rule:

* A quotation inside a title (``"Kami Akan Segera Mengumumkan": Trump…``) is typed with straight
  marks as often as curly ones. Straight marks become curly by position, and a title that is
  itself put in quotation marks gets single marks inside (American usage in all three guides:
  double marks outside, single inside; CMOS 17 §13.30).
* Capitalisation follows the article's language. English titles take headline style in Chicago
  (CMOS 17 §8.159) and MLA 9, and sentence case in an APA reference (APA 7 §6.17) with title
  case in its in-text citation (§8.14). Indonesian (or unknown) titles stay as given: the
  guides' rules are for English, and Indonesian capitalises differently.
* Sentence case must not lowercase proper nouns, and a title alone cannot tell ``Accords`` the
  name from ``accords`` the noun. The article itself can: a word is lowercased when it is an
  English function word or when the article's text writes it in lower case and never
  capitalised mid-sentence. If some word is not in the article at all, the title stays as given.
* A title made from the article's first sentence is not the article's title. It is cited as an
  untitled work: a description (``Untitled article beginning “…”``) that each style dresses its
  own way (APA 7 §9.21-9.22 brackets it), its quoted opening cut at a word, never mid-word.
"""

from __future__ import annotations

import re
from collections.abc import Mapping

DESCRIPTION = "Untitled article beginning"
OPENING_WORDS = 8  # words of the first sentence quoted in an untitled work's description

_TERMINAL = ("?", "!")
_ABBREVIATIONS = {"inc", "co", "corp", "ltd", "jr", "sr", "st", "dr", "mr", "mrs", "ms", "prof",
                  "no", "vs", "etc", "tbk", "bros"}
_OPENING_CONTEXT = set(" \t([{—–-/“‘«")
_QUOTE_SPAN = re.compile(r"“([^“”]*)”")
_TITLE_BREAKS = re.compile(r"(?<=\w)(?:\s*:\s+|,\s+|\s+[–—-]\s+)")
_TOKEN = re.compile(r"(\s+)")
_WORD_EDGES = re.compile(r"([^\w]*)(.*?)([^\w]*)", re.DOTALL)
_SUBTITLE_START = re.compile(r"[:—–?!.]$")

_ARTICLES = {"a", "an", "the"}
_COORDINATING = {"and", "but", "for", "or", "nor"}
# Prepositions lowercased in headline style. Words that are often adverbs in headlines ("Heats
# Up", "Steps Down", "Takes Over", "Lashes Out") are left as the title has them.
_PREPOSITIONS = {
    "about", "against", "amid", "among", "as", "at", "between", "by", "despite", "during",
    "for", "from", "in", "into", "like", "of", "on", "onto", "per", "than", "to", "toward",
    "towards", "upon", "via", "with", "within", "without",
}
_MINOR = {
    "chicago": _ARTICLES | _COORDINATING | _PREPOSITIONS,
    "mla": _ARTICLES | _COORDINATING | {"so", "yet"} | _PREPOSITIONS,
    # APA 7 §6.17: lowercase only articles and conjunctions/prepositions of three letters or less.
    "apa": _ARTICLES | {w for w in _COORDINATING | _PREPOSITIONS | {"so", "yet", "up"}
                        if len(w) <= 3},
}
# English words that sentence case lowercases without asking the article: never names. ("New",
# "May" and "Will" can be, as in New York, May 2025, Will Smith, so they need the article's word.)
_FUNCTION = _ARTICLES | _COORDINATING | _PREPOSITIONS | set(
    "is are was were be been being has have had do does did would can could should might must "
    "shall it its this that these those he she they we you his her their our your them him me "
    "my what when where why how which not no after before over under up down out off if so yet "
    "than then there here all more most some any".split()
)


def is_english(language: str | None) -> bool:
    return (language or "").strip().lower().replace("_", "-").split("-")[0] == "en"


# --- quotation marks ---------------------------------------------------------------------------


def curl_quotes(text: str) -> str:
    """Straight (and low German) double quotes as curly ones: opening or closing by position."""
    out = []
    for i, char in enumerate(text):
        if char == '"':
            before = text[i - 1] if i else " "
            out.append("“" if before in _OPENING_CONTEXT else "”")
        elif char == "„":
            out.append("“")
        else:
            out.append(char)
    return "".join(out)


def inner_quotes(text: str) -> str:
    """Double quotation marks inside a quoted span become single ones (American usage)."""
    return curl_quotes(text).replace("“", "‘").replace("”", "’")


def quote_spans(text: str) -> list[tuple[str, bool]]:
    """``text`` cut into (segment, quoted) pairs at its paired curly double quotation marks."""
    out: list[tuple[str, bool]] = []
    last = 0
    for match in _QUOTE_SPAN.finditer(curl_quotes(text)):
        if match.start() > last:
            out.append((text[last : match.start()], False))
        out.append((match.group(1), True))
        last = match.end()
    if last < len(text):
        out.append((curl_quotes(text)[last:], False))
    return out


def quoted(text: str, mark: str = "", *, keep_comma: bool = False) -> str:
    """``“text”`` followed by ``mark``, which goes inside the closing mark (American style)."""
    return attach(f"“{inner_quotes(text)}”", mark, keep_comma=keep_comma)


def end(text: str, mark: str = ".") -> str:
    """``text`` closed with ``mark`` unless it already ends a sentence (APA, MLA, Chicago)."""
    return attach(text, mark)


def attach(text: str, mark: str, *, keep_comma: bool = False) -> str:
    """``text`` + ``mark``, the mark inside a closing quotation mark (American style).

    A text that ends in ``?`` or ``!`` takes no period and no comma, except in Chicago
    (``keep_comma``: CMOS 17 §6.119 keeps the comma after a title's own ? or !); an ellipsis
    takes no period.
    """
    if not mark:
        return text
    close = "”" if text.endswith("”") else ""
    inner = text[: len(text) - len(close)]
    if mark == "." and inner.endswith((".", "…")):
        return text
    if inner.endswith(_TERMINAL) and not (mark == "," and keep_comma):
        return text
    if inner.endswith(".") and not _abbreviation(inner):
        inner = inner[:-1]  # a title's closing period gives way to the comma: "…Know,”
    return inner + mark + close


def _abbreviation(text: str) -> bool:
    """Whether ``text`` ends with an abbreviation whose period stays (``U.S.``, ``Inc.``)."""
    last = text.split()[-1] if text.split() else ""
    word = last.lstrip("“‘(\"'")
    return "." in word[:-1] or len(word) <= 2 or word[:-1].lower() in _ABBREVIATIONS


# --- capitalisation ----------------------------------------------------------------------------


def headline_case(title: str, style: str) -> str:
    """English headline-style capitalisation for ``style`` (``chicago``, ``mla`` or ``apa``)."""
    minor = _MINOR[style]
    tokens = _TOKEN.split(title)
    words = [i for i, t in enumerate(tokens) if t and not t.isspace()]
    out = list(tokens)
    for n, i in enumerate(words):
        lead, word, trail = _WORD_EDGES.fullmatch(tokens[i]).groups()
        if not _casable(word):
            continue
        starts = n == 0 or bool(_SUBTITLE_START.search(tokens[words[n - 1]])) or (
            "“" in lead or "‘" in lead
        )
        last = n == len(words) - 1
        parts = word.split("-")
        cased = []
        for k, part in enumerate(parts):
            if not _casable(part):
                cased.append(part)
            elif part.lower() in minor and not (
                (starts and k == 0) or (last and k == len(parts) - 1)
            ):
                cased.append(part.lower() if part[:1].isupper() and part[1:].islower() else part)
            else:
                cased.append(part[:1].upper() + part[1:])
        out[i] = lead + "-".join(cased) + trail
    return "".join(out)


def sentence_case(title: str, usage: Mapping[str, tuple[int, int]]) -> str:
    """APA sentence case, decided word by word by the article itself (``usage``).

    A capitalised word is lowered when it is an English function word, or when the article
    writes it in lower case and never capitalised in mid-sentence; it stays capitalised when the
    article capitalises it in mid-sentence (a name). When the article says nothing about some
    word, the whole title is left as given: a half-lowered title is wrong twice, and a lowered
    name is worse than a capital left standing.
    """
    tokens = _TOKEN.split(title)
    words = [i for i, t in enumerate(tokens) if t and not t.isspace()]
    out = list(tokens)
    for n, i in enumerate(words):
        lead, word, trail = _WORD_EDGES.fullmatch(tokens[i]).groups()
        starts = n == 0 or bool(_SUBTITLE_START.search(tokens[words[n - 1]])) or (
            "“" in lead or "‘" in lead
        )
        if starts and _casable(word):  # the first word of the title, a subtitle, a quotation
            out[i] = lead + word[:1].upper() + word[1:] + trail
            continue
        if starts or not _casable(word) or not (word[:1].isupper() and word[1:].islower()):
            continue
        folded = word.lower()
        lower, capital = usage.get(folded, (0, 0))
        if folded in _FUNCTION or (lower and not capital):
            out[i] = lead + folded + trail
        elif not capital:
            return title  # nothing tells whether this word is a name
    return "".join(out)


def word_usage(texts: list[str]) -> dict[str, tuple[int, int]]:
    """Evidence for :func:`sentence_case`: per lower-cased word, how often the texts write it in
    lower case and how often capitalised in mid-sentence."""
    lower: dict[str, int] = {}
    capital: dict[str, int] = {}
    for text in texts:
        previous = "."
        for token in text.split():
            word = _WORD_EDGES.fullmatch(token).group(2)
            if word and word.isalpha():
                starts = previous.endswith((".", "?", "!", ":", "“", '"')) or token[:1] in "“\""
                if word.islower():
                    lower[word] = lower.get(word, 0) + 1
                elif word[:1].isupper() and not starts:
                    capital[word.lower()] = capital.get(word.lower(), 0) + 1
            previous = token
    return {w: (lower.get(w, 0), capital.get(w, 0)) for w in lower.keys() | capital.keys()}


def _casable(word: str) -> bool:
    """A plain word: letters only, and no capitals after the first (``iPhone``, ``NASA`` stay)."""
    return bool(word) and word.replace("'", "").replace("’", "").isalpha() and (
        word[1:] == word[1:].lower()
    )


# --- short and untitled forms --------------------------------------------------------------------


def short_title(title: str) -> str:
    """A short form for in-text citations and CSL ``title-short``: the words before a colon,
    comma or dash when the title is long and that leaves at least three words (APA 7 §8.14 and
    MLA 9 shorten long titles to their first words); never with a sentence's closing period."""
    match = _TITLE_BREAKS.search(title)
    if match and len(title) > 40:
        head = title[: match.start()].strip()
        if len(head.split()) >= 3:
            title = head
    if title.endswith(".") and not _abbreviation(title):
        title = title[:-1]
    return title


def opening(first_sentence: str, limit: int = OPENING_WORDS) -> str:
    """The first words of an untitled article, cut at a word with ``…`` when shortened."""
    words = curl_quotes(first_sentence).split()
    if len(words) <= limit:
        return " ".join(words).rstrip(" .,;:")
    return " ".join(words[:limit]).rstrip(" .,;:–—-") + "…"
