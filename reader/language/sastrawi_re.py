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


_PATTERN_IN_SOURCE = re.compile(r"""re\.match\(r?'([^']*)', *(\w+)""")


def _patterns(disambiguator) -> list[str] | None:
    """The patterns one of Sastrawi's prefix rules matches a word against before it can answer
    anything but None, read from its class's source; None when it has a test that is not a
    pattern. (The module's text is split at its classes: ``inspect.getsource`` of each rule
    took longer than starting Sastrawi.)"""
    cls = type(disambiguator)
    source = _class_sources(sys.modules.get(cls.__module__)).get(cls.__name__)
    if source is None or source.count("def ") != 1:
        return None
    found = _PATTERN_IN_SOURCE.findall(source)
    unconditional = any(line.startswith("        return") for line in source.splitlines())
    if (not found or len(found) != source.count("re.match(") or found[0][1] != "word"
            or unconditional):
        return None
    return [pattern for pattern, _subject in found]


_CLASS = re.compile(r"^class (\w+)", re.MULTILINE)


def _class_sources(module) -> dict[str, str]:
    """Each top-level class of ``module`` with its source text."""
    try:
        with open(module.__file__, encoding="utf-8") as handle:
            text = handle.read()
    except (AttributeError, OSError, TypeError, UnicodeDecodeError):
        return {}
    starts = list(_CLASS.finditer(text))
    return {m.group(1): text[m.start():(starts[i + 1].start() if i + 1 < len(starts)
                                         else len(text))]
            for i, m in enumerate(starts)}


def gate(stemmer) -> int:
    """Skip each prefix visitor of ``stemmer`` for words none of its rules' patterns match.

    A prefix visitor asks each of its rules for a new word and changes nothing when all say
    None, and a rule says None unless the word matches its pattern; yet every visitor (about
    forty) is asked up to four times for every word, a regular expression or more each time,
    which was most of Sastrawi's time. One pattern, the rules' patterns joined, now stands at
    the door of each visitor. A rule whose tests are not all patterns keeps its visitor
    ungated. Returns how many visitors were gated."""
    provider = stemmer.visitor_provider
    gated = 0
    seen: set[int] = set()
    for visitors in (provider.visitors, provider.suffix_visitors, provider.prefix_pisitors):
        for visitor in visitors:
            rules = getattr(visitor, "disambiguators", None)
            if not rules or id(visitor) in seen:
                continue
            seen.add(id(visitor))
            patterns = [_patterns(rule) for rule in rules]
            if any(p is None for p in patterns):
                continue
            pattern = "|".join(f"(?:{p})" for ps in patterns for p in ps)
            visitor._reader_door = pattern
            visitor._reader_visit = visitor.visit
            visitor.visit = _gated(re.compile(pattern).match, visitor.visit)
            gated += 1
    _PREFIX_LOOPS[id(provider.prefix_pisitors)] = _PrefixLoop(provider.prefix_pisitors)
    _install_prefix_loop()
    return gated


def _gated(door, visit):
    def gated_visit(context):
        if door(context.current_word) is not None:
            visit(context)

    return gated_visit


class _PrefixLoop:
    """Sastrawi's loop over its prefix visitors (``Context.accept_prefix_visitors``) without
    asking the visitors that cannot act.

    The loop visits each of ~40 visitors in turn and, after each, checks whether the word is
    now in the dictionary, the process stopped or a prefix was removed. A gated visitor whose
    door does not open changes nothing, so the checks after it repeat the checks before it.
    One pattern made of the doors from a visitor on (each its own group, in order; an ungated
    visitor's door is empty and always opens) names the next visitor that can act on the
    current word: the loop visits it, checks, and asks again from the one after it. Before
    the first visitor that acts the checks are made once, as the loop made them after the
    first visitor. Same visits, same checks, same results; a regular expression or two per
    loop instead of forty function calls."""

    def __init__(self, visitors: list) -> None:
        self.visitors = visitors
        self.doors = [getattr(v, "_reader_door", "") for v in visitors]
        self.visits = [getattr(v, "_reader_visit", None) or v.visit for v in visitors]
        self._finders: dict[int, object] = {}

    def _finder(self, start: int):
        finder = self._finders.get(start)
        if finder is None:
            finder = self._finders[start] = re.compile("|".join(
                f"(?P<v{index}>{door})" for index, door in enumerate(self.doors)
                if index >= start)).match
        return finder

    def next_acting(self, start: int, word: str) -> int:
        """The first visitor from ``start`` on whose door opens for ``word`` (their number
        when none does)."""
        if start >= len(self.visitors):
            return start
        found = self._finder(start)(word)
        if found is None:
            return len(self.visitors)
        return int(found.lastgroup[1:])

    def run(self, context):
        removals = len(context.removals)
        contains = context.dictionary.contains
        index = self.next_acting(0, context.current_word)
        if index > 0:  # the checks after the visitors that changed nothing
            if contains(context.current_word) or context.process_is_stopped:
                return context.current_word
        while index < len(self.visitors):
            self.visits[index](context)
            if contains(context.current_word) or context.process_is_stopped:
                return context.current_word
            if len(context.removals) > removals:
                return None
            index = self.next_acting(index + 1, context.current_word)
        return None


_PREFIX_LOOPS: dict[int, _PrefixLoop] = {}


def _install_prefix_loop() -> None:
    """Route ``Context.accept_prefix_visitors`` through :class:`_PrefixLoop` for the gated
    visitors' list; any other list (another stemmer's) takes Sastrawi's own loop."""
    from Sastrawi.Stemmer.Context.Context import Context

    own = Context.accept_prefix_visitors
    if getattr(own, "_reader_loop", False):
        return

    def accept_prefix_visitors(self, visitors):
        loop = _PREFIX_LOOPS.get(id(visitors))
        if loop is None or loop.visitors is not visitors:
            return own(self, visitors)
        return loop.run(self)

    accept_prefix_visitors._reader_loop = True
    Context.accept_prefix_visitors = accept_prefix_visitors
