"""The medium a statement came through: a quoting outlet, an addressee, a channel."""

from __future__ import annotations

import re

_NAME_RUN = r"[A-Z][\w&'’-]*(?:\.[\w-]+)*(?:\s+[A-Z][\w&'’-]*(?:\.[\w-]+)*){0,4}"
# Where a statement came through, most specific first: a quoting outlet, an addressee, a channel.
_VIA_QUOTED = re.compile(
    r"(?:seperti\s+|sebagaimana\s+)?(?:dikutip|dilansir|dilaporkan|diberitakan|mengutip)"
    r"(?:\s+(?:dari|oleh))?\s+(?P<via>(?:situs\s+|laman\s+|kantor\s+berita\s+)?" + _NAME_RUN + ")"
)
_VIA_PATTERNS = [
    _VIA_QUOTED,
    re.compile(r"\b(?:according\s+to|reported\s+by|told)\s+(?P<via>" + _NAME_RUN + ")"),
    re.compile(r"\bkepada\s+(?P<via>kantor\s+berita\s+" + _NAME_RUN + "|" + _NAME_RUN + ")"),
    re.compile(r"\bmelalui\s+(?P<via>keterangan\s+tertulis|siaran\s+pers|pernyataan\s+tertulis|"
               r"akun\s+(?:Twitter|Instagram|Facebook|X|resmi)[^,.]{0,40}|konferensi\s+pers)"),
    re.compile(r"\bdi\s+(?P<via>Truth\s+Social|Twitter|Instagram|Facebook|YouTube|TikTok)\b"),
]
# "tulis media itu mengutip pernyataan Direktur Lion Air Edward Sirait": the one quoted.


def medium(text: str) -> str | None:
    window = text[:240]
    for pattern in _VIA_PATTERNS:
        match = pattern.search(window)
        if match:
            return _clean_via(match.group("via"))
    return None


def medium_before(tail: str) -> str | None:
    match = _VIA_QUOTED.search(tail[:240])
    return _clean_via(match.group("via")) if match else None


def _clean_via(value: str) -> str:
    value = re.sub(r"^(?:situs|laman)\s+", "", value.strip())
    value = re.sub(r"\s+(?:pada|Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu)\b.*$", "", value)
    return value.strip(" ,.")


