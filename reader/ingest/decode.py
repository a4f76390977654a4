"""Turning a file's bytes into text: UTF-8 first, then charset detection, binaries refused.

Why: users point the reader at folders of scraped pages in every encoding. Guessing wrong loses
accents (``Café``); treating a binary as text floods the index with garbage.
"""

from __future__ import annotations

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


def decode(data: bytes) -> str:
    """Decode ``data`` and normalise it (NFC, no controls or escapes, ``\\n`` line ends)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        if looks_binary(data):
            raise NotText("binary file") from None
        from charset_normalizer import from_bytes  # ~90 ms to import; only non-UTF-8 needs it

        best = from_bytes(data).best()
        if best is None:
            raise NotText("unknown text encoding") from None
        text = str(best)
    else:  # valid UTF-8 can still be a binary: mostly NULs or other controls
        if text.count("\x00") > len(text) // 100 + 1 and looks_binary(data):
            raise NotText("binary file")
    return normalise(text)
