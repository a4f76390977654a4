"""Sastrawi's regular expressions without thrashing ``re``'s cache.

Sastrawi removes an affix with ``re.sub(result, '', word, 1)``: the remaining word itself is
used as the pattern, so every new word compiles a handful of one-off patterns. ``re`` keeps
512 compiled patterns; the one-off ones push out Sastrawi's own few dozen rules (and the
reader's), which are then compiled again and again: in a build of news text that was most of
the stemming time. :data:`SHIM` stands in for the ``re`` module inside Sastrawi: a pattern
made only of letters and hyphens (a word: no regular-expression syntax) removed once is
removed with :meth:`str.replace`, which finds the same leftmost occurrence; every other
pattern is compiled once and kept.
"""

from __future__ import annotations

import re
import sys

_LITERAL = re.compile(r"[a-z\-]*")
_MAX_PATTERNS = 4096  # Sastrawi has fewer than 100 fixed patterns; this only bounds surprises


class _Shim:
    """The two functions of ``re`` Sastrawi calls, same arguments and results."""

    def __init__(self) -> None:
        self._compiled: dict = {}

    def _get(self, pattern, flags: int):
        key = (pattern, flags)
        compiled = self._compiled.get(key)
        if compiled is None:
            if len(self._compiled) >= _MAX_PATTERNS:
                self._compiled.clear()
            compiled = self._compiled[key] = re.compile(pattern, flags)
        return compiled

    def match(self, pattern, string, flags=0):
        return self._get(pattern, flags).match(string)

    def sub(self, pattern, repl, string, count=0, flags=0):
        if (count == 1 and repl == "" and not flags and isinstance(pattern, str)
                and _LITERAL.fullmatch(pattern)):
            return string.replace(pattern, "", 1)
        return self._get(pattern, flags).sub(repl, string, count)


SHIM = _Shim()


def install() -> int:
    """Point every loaded Sastrawi module that uses ``re`` at :data:`SHIM`; returns how many."""
    count = 0
    for name, module in list(sys.modules.items()):
        if name.startswith("Sastrawi.") and getattr(module, "re", None) is re:
            module.re = SHIM
            count += 1
    return count
