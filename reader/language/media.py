"""The medium a statement came through: a quoting outlet, an addressee, a channel.

Most specific first: the outlet it was quoted from (``seperti dikutip Reuters``, ``dikutip
dariReuters`` glued in the source, ``dilansir dari situs resmi X``, ``according to CNN``), the
outlet it was told to (``kepada Kompas.com``, ``told Reuters``, ``in an email to The Associated
Press``, ``in an interview with Le Monde``, ``dalam wawancara dengan Tempo``), then the channel
(``keterangan tertulis``, ``konferensi pers``, ``akun Instagram @x``, ``on his Truth Social
network``, ``in a statement``, ``in the letter``). A paragraph that opens with ``Mengutip X, …``
or ``Dilansir X, …`` gives X to its quotations that name no medium.
"""

from __future__ import annotations

import re

_WORD = (r"(?:[A-Z@][\w&'’@-]*(?:\.[\w-]+)*|[a-z][\w-]*\.(?:com|co\.id|id|net|org|tv)\b|"
         r"co\.id\b)")
_NAME = _WORD + r"(?:\s+(?:" + _WORD + r"|of|de|and|&)){0,5}"
_CHANNEL_ID = (r"(?:keterangan|pernyataan|siaran|rilis|pesan|surat)(?:\s+(?:tertulis|resmi|pers|"
               r"singkat|persnya|tertulisnya|resminya))?(?:nya)?|konferensi\s+pers|jumpa\s+pers|"
               r"unggahan|cuitan|video|wawancara(?:\s+(?:khusus|eksklusif))?|"
               r"(?:akun|kanal|laman|situs)(?:nya)?(?:\s+resmi)?(?:\s+(?:Twitter|Instagram|Facebook|X|"
               r"YouTube|TikTok|Threads|media\s+sosial))?(?:\s+(?:resmi(?:nya)?|miliknya))?"
               r"(?:\s+@[\w.]+|\s+" + _NAME + r")?")
_PLATFORMS = r"Truth\s+Social|Twitter|Instagram|Facebook|YouTube|TikTok|Threads|X|Telegram"

# The outlet a statement was quoted from.
_QUOTED = re.compile(
    r"(?:\b(?:seperti|sebagaimana)\s+)?\b(?:dikutip|dilansir|dilaporkan|diberitakan|mengutip|"
    r"melansir|menukil|disiarkan)(?:\s+(?:dari|oleh)(?=[\s@A-Z])|\s+dari)?\s*"
    r"(?P<via>(?:situs\s+(?:resmi\s+)?|laman\s+(?:resmi\s+)?|kantor\s+berita\s+|media\s+)?"
    r"(?:" + _NAME + r"|" + _CHANNEL_ID + r"))"
)
_PATTERNS = [
    _QUOTED,
    re.compile(r"\b(?:according\s+to|reported\s+by|per)\s+(?:the\s+)?(?P<via>" + _NAME + ")"),
    re.compile(r"\btold\s+(?P<via>" + _NAME + ")"),
    re.compile(r"\bin\s+(?:an?\s+|his\s+|her\s+|their\s+|its\s+|the\s+)?"
               r"(?:e-?mail|comments?|statement|interview|letter|message|remarks)s?\s+"
               r"(?:emailed\s+|sent\s+|given\s+)?(?:to|with)\s+(?P<via>" + _NAME + ")"),
    re.compile(r"\bwawancara(?:\s+(?:khusus|eksklusif))?\s+dengan\s+(?P<via>" + _NAME + ")"),
    re.compile(r"\bsebagaimana\s+(?P<via>keterangan\s+(?:tertulis\s+)?yang\s+diterima\s+"
               + _NAME + ")"),
    re.compile(r"\b(?P<via>keterangan\s+(?:tertulis\s+)?yang\s+diterima\s+" + _NAME + ")"),
    # "kepada Reuters", "kepada situs Page Six", "kepada harian Kompas"
    re.compile(r"\bkepada\s+(?:(?:situs|portal|laman)(?:\s+berita)?\s+|harian\s+|majalah\s+|"
               r"koran\s+|surat\s+kabar\s+|(?:stasiun\s+)?televisi\s+|media\s+)?"
               r"(?P<via>kantor\s+berita\s+" + _NAME + "|" + _NAME + ")"),
    re.compile(r"\b(?:melalui|lewat|via|dalam)\s+(?P<via>" + _CHANNEL_ID + ")"),
    re.compile(r"\b(?:di|on)\s+(?:(?:his|her|their|its)\s+)?(?P<via>" + _PLATFORMS + r")\b"),
    re.compile(r"\bin\s+(?:an?|his|her|their|its|the)\s+(?:written\s+|joint\s+|news\s+|press\s+)?"
               r"(?P<via>statement|letter|e-?mail|interview|post|tweet|video|release|memo|"
               r"filing|speech|op-ed|essay|conference|briefing)\b"),
]
# "Mengutip Kontan dari CNBC, …", "Dilansir dari Reuters, …": an opening that names the source.
_OPENING = re.compile(
    r"(?:^|[.!?]\s+)(?:Seperti\s+|Sebagaimana\s+)?(?:Mengutip|Melansir|Dilansir|Dikutip|"
    r"Menukil|According\s+to)(?:\s+dari)?\s+(?P<via>" + _NAME +
    r"(?:\s+dari\s+" + _NAME + r")?)\s*,"
)
# The words one of which every opening above contains (the search skips to their first letters).
_OPENING_WORD = re.compile(r"Mengutip|Melansir|Dilansir|Dikutip|Menukil|According")
_TRAILING = re.compile(r"[\s,.]+(?:pada|on|at|Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu|"
                       r"Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)\b.*$")


def medium(text: str) -> str | None:
    """The medium named in the words around a quotation (its attribution clause)."""
    window = text[:240]
    for pattern in _PATTERNS:
        match = pattern.search(window)
        if match:
            return _clean(match.group("via"))
    return None


def medium_before(tail: str) -> str | None:
    """The outlet a lead-in sentence quotes from (``Seperti dikutip Reuters, Trump …``)."""
    match = _QUOTED.search(tail[:240])
    return _clean(match.group("via")) if match else None


def opening_medium(text: str) -> tuple[str, int] | None:
    """The source a sentence of a paragraph opens with (``Mengutip Kontan dari CNBC, …``),
    and where that sentence ends."""
    if not _OPENING_WORD.search(text):  # no opening word anywhere: the long pattern cannot match
        return None
    match = _OPENING.search(text)
    return (_clean(match.group("via")), match.end()) if match else None


def _clean(value: str) -> str:
    value = re.sub(r"^(?:situs|laman)\s+(?:resmi\s+)?(?=\S)", "", value.strip())
    value = _TRAILING.sub("", value)
    return value.strip(" ,.")
