"""What a whole article says once, read before its quotes: the words it writes in lower case
(a capitalised one of them opens a sentence, not a name), the companies it names (``PT
Pertamina``: ``Pertamina`` before a person's name is their company) and its parties and
campuses (``Partai Gerindra``, ``Universitas Diponegoro (Undip)``).
"""

from __future__ import annotations

import re


def companies(texts: list[str]) -> frozenset[str]:
    """Names the article gives as companies: ``PT Pertamina``, ``Pertamina (Persero)``,
    ``Astra Tbk``."""
    joined = "\n".join(texts)
    if "PT" not in joined and "Persero" not in joined and "Tbk" not in joined:
        return frozenset()
    return frozenset(a or b for a, b in _COMPANY.findall(joined))


_COMPANY = re.compile(r"\bPT\.?\s+([A-Z][\w-]+)|\b([A-Z][\w-]+)\s+(?:\(Persero\)|Tbk\b)")


def parties(texts: list[str]) -> frozenset[str]:
    """Names the article gives as parties or campuses: ``Partai Gerindra``, ``Fraksi Golkar``,
    ``Universitas Diponegoro (Undip)`` gives ``Undip``."""
    joined = "\n".join(texts)
    if "artai" not in joined and "raksi" not in joined and "niversitas" not in joined:
        return frozenset()
    return frozenset(a or b for a, b in _PARTY.findall(joined))


_PARTY = re.compile(r"\b(?:[Pp]artai|[Ff]raksi)\s+([A-Z][\w-]+)|\b[Uu]niversitas\s+[A-Z][\w-]+"
                    r"(?:\s+[A-Z][\w-]+)*\s+\(([A-Z][A-Za-z]+)\)")


def vocabulary(texts: list[str]) -> frozenset[str]:
    """Words the article writes in lower case: a capitalised one of them starts a sentence."""
    # One pass over the paragraphs joined by line breaks: no word runs across a line break,
    # and a line break before or after a word bounds it as the start or end of a text does.
    return frozenset(_LOWER_WORD.findall("\n".join(texts)))


# The first letter comes before the look-behind (the same check on the character before it), so
# the search skips to lower-case letters in C instead of testing the look-behind everywhere.
_LOWER_WORD = re.compile(r"[a-z](?<![\w'’.-][a-z])[a-z-]{2,}\b")
