"""Turning a file's bytes into text: UTF-8 first, then charset detection, binaries refused.

Why: users point the reader at folders of scraped pages in every encoding. Guessing wrong loses
accents (``Café``); treating a binary as text floods the index with garbage.
"""

from __future__ import annotations

import re

from reader.text import normalise

_TEXT_CONTROLS = {9, 10, 12, 13}


class NotText(ValueError):
    """The bytes are not text in any encoding we can trust."""


def looks_binary(data: bytes) -> bool:
    """True for data that is mostly control bytes, like images, archives and executables."""
    sample = data[:8192]
    if not sample:
        return False
    if sample.startswith((b"\xff\xfe", b"\xfe\xff")):  # UTF-16 with a byte order mark
        return False
    controls = sum(1 for b in sample if b < 32 and b not in _TEXT_CONTROLS)
    return controls / len(sample) > 0.10


def decode(data: bytes, notes: list[str] | None = None) -> str:
    """Decode ``data`` and normalise it (NFC, no controls or escapes, ``\\n`` line ends).

    UTF-8 with a few broken bytes (a file cut in a character, one byte of another encoding
    pasted in) is read as UTF-8, each broken byte a U+FFFD, and ``notes`` says how many: a
    guess of another encoding would garble every accent of the file, and refusing it lost the
    whole article."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        if looks_binary(data):
            raise NotText("binary file") from None
        text = data.decode("utf-8", "replace")
        broken = text.count("\ufffd") - data.count("\ufffd".encode())  # not those it holds
        # valid characters beyond ASCII outnumber the broken bytes three to one (in another
        # encoding each of those would be a broken byte too): UTF-8 with a few broken bytes
        mostly_utf8 = len(_NON_ASCII.findall(text)) >= 3 * broken and \
            broken <= len(data) // RARE + 1
        if not mostly_utf8:
            from charset_normalizer import from_bytes  # ~90 ms to import; only non-UTF-8

            best = from_bytes(data).best()
            if best is not None:
                return normalise(str(best))
            if broken > len(data) // RARE:
                raise NotText("unknown text encoding") from None
        if notes is not None and broken:
            notes.append(f"{broken} broken UTF-8 byte{'s' if broken != 1 else ''} read as \ufffd")
        return normalise(text)
    else:  # valid UTF-8 can still be a binary: mostly NULs or other controls
        if text.count("\x00") > len(text) // 100 + 1 and looks_binary(data):
            raise NotText("binary file")
    return normalise(text)


RARE = 200  # at most one broken byte in this many: UTF-8 with damage, not another encoding
_NON_ASCII = re.compile(r"[^\x00-\x7f\ufffd]")
