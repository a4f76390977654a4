"""Indonesian word forms that mark a common noun, never a name: ``Kehadiran``, ``Kedatangan``,
``Pembangunan``, ``Perusahaan`` (a root wrapped in ``ke-…-an``, ``pe(N)-…-an``, ``per-…-an``).

Why: a sentence opening with such a noun before a name (``Kehadiran Eddy di Unsrat disambut
…``) made the noun part of the name (``Kehadiran Eddy``), and every later ``ujar Eddy`` went to
that. Capitalised at a sentence start, the noun is known by its form, not by a list: Sastrawi
finds a root in its dictionary inside it. A name of that shape (``Pebrian``) has no root there.
"""

from __future__ import annotations

import re

from reader.language.analysis import stem

_CIRCUMFIX = re.compile(r"^(?:ke|pe[mn]?g?y?|per)[a-z]{3,}an$")


def derived_noun(word: str) -> bool:
    """True for ``Kehadiran``/``Pembangunan``: a circumfixed noun over a dictionary root."""
    low = word.lower()
    if not _CIRCUMFIX.match(low):
        return False
    root = stem(low)
    return root != low and len(root) >= 3 and len(root) <= len(low) - 4
