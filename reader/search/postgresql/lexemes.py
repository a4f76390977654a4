"""A field's text as the index's lexemes: the reader's tokens and stems, with the positions
Whoosh gives them, as a ``tsvector`` has them.

Each word is analysed once a load (folded, split at hyphens, stop words dropped, stemmed in
the article's language) and remembered: a load meets the same words again and again. The
stems a load meets for the first time are reported for the stems table (:mod:`.stems`).
"""

from __future__ import annotations

import re
from collections.abc import Callable

from reader.language import analysis
from reader.language.analysis import (
    ENGLISH,
    INDONESIAN,
    TOKEN_PATTERN,
    _is_reduplication,
)

MAX_POSITION = 16383  # the highest position a tsvector records

_TOKEN_RE = re.compile(TOKEN_PATTERN, re.UNICODE)


def _fold(word: str) -> str:
    """Lower case and accents folded, with the analyzer's own table."""
    return word.lower() if word.isascii() else word.lower().translate(analysis.accent_map)


def tokens(text: str, stemming: bool = True, keep_stop_words: bool = False,
           language: str = INDONESIAN) -> list[tuple[str, int, str]]:
    """``(term, position, folded word)`` of every token the index keeps, positions from 0 as
    Whoosh counts them: one a word, one a part of a split compound, stop words counted and
    dropped (``stemming`` also drops stop words; the name fields keep them). ``language``
    chooses stop words and stemmer (``analysis.QUERY``: both languages' stop words, unstemmed).
    """
    if not text:
        return []
    known = _WORDS.setdefault((stemming, keep_stop_words, language), {})
    out: list[tuple[str, int, str]] = []
    append = out.append
    pos = 0
    for word in _TOKEN_RE.findall(text):
        parts = known.get(word)
        if parts is None:
            parts = _remember(known, word, stemming, keep_stop_words, language)
        for term, folded in parts:
            if term is not None:
                append((term, pos, folded))
            pos += 1
    return out


# Each word as analysed, by (stemming, keep_stop_words, language): a load meets the same words
# again and again, and folding, splitting and stemming each time was most of the cost of a row.
_WORDS: dict[tuple[bool, bool, str], dict[str, tuple[tuple[str | None, str], ...]]] = {}
WORD_CACHE = 300_000  # words remembered per kind of analysis (then forgotten at once)


def _remember(known: dict, word: str, stemming: bool, keep_stop_words: bool, language: str
              ) -> tuple[tuple[str | None, str], ...]:
    """``word`` analysed and kept in ``known`` (emptied first when full)."""
    if len(known) >= WORD_CACHE:
        known.clear()
    parts = known[word] = _analysed(word, stemming, keep_stop_words, language)
    return parts


def _analysed(word: str, stemming: bool, keep_stop_words: bool, language: str
              ) -> tuple[tuple[str | None, str], ...]:
    """``(term, folded part)`` of each part of ``word``; the term is None for a stop word, or
    (``keep_stop_words``) the stop word as it is, never stemmed (``tersebut`` is not
    ``sebut``), as :func:`reader.language.analysis.tokens` keeps it."""
    stops = analysis.stop_words(language) if stemming else frozenset()
    stem = analysis.stemmer(language) if stemming else None
    parts = word.split("-") if "-" in word and not _is_reduplication(word) else (word,)
    out = []
    for part in parts:
        if not part:
            continue
        folded = _fold(part)
        if folded in stops:
            out.append((folded if keep_stop_words else None, folded))
        else:
            out.append((stem(folded) if stem else folded, folded))
    return tuple(out)


def tsvector(found: list[tuple[str, int, str]]) -> tuple[str, dict[str, list[str]]]:
    """The ``tsvector`` literal of analysed tokens and each term's positions there (from 1,
    as text; their number is the term's count)."""
    if not found:
        return "", {}
    where: dict[str, list[str]] = {}
    for term, pos, _word in found:
        at = _AT[pos] if pos < MAX_POSITION else _LAST
        positions = where.get(term)
        if positions is None:
            where[term] = [at]
        else:
            positions.append(at)
    return literal(where), where


def literal(where: dict[str, list[str]]) -> str:
    """The ``tsvector`` literal of each term's positions (as text, from 1)."""
    return " ".join(f"{lexeme(term)}{','.join(positions)}" for term, positions in where.items())


def lexeme(term: str) -> str:
    """A term as a ``tsvector`` literal writes it, up to its positions: ``'term':``."""
    if "'" in term or "\\" in term:
        term = term.replace("\\", "\\\\").replace("'", "''")
    return f"'{term}':"


_LAST = str(MAX_POSITION)
_AT = tuple(str(pos + 1) for pos in range(MAX_POSITION))  # a position as a tsvector has it


def start_load() -> None:
    """Before a load (in the process that forks its workers): its words are analysed afresh,
    so each stemmed word is reported (:func:`learned`) at least once by every load."""
    _LOAD_WORDS.clear()
    _LEARNED.clear()


def learned() -> dict[str, str]:
    """The stems of the words this process analysed for the first time since the last call
    (keyed as the stem tables key them), for the stems table."""
    out = dict(_LEARNED)
    _LEARNED.clear()
    return out


# A load's own memory of analysed words, by (stemming, language) (see start_load), each with
# the function that analyses a word it lacks; and the stems of those it stemmed, not yet
# reported.
_LOAD_WORDS: dict[tuple[bool, str], tuple[dict[str, tuple[tuple[str | None, str], ...]],
                                          Callable[[str], tuple]]] = {}
_LEARNED: dict[str, str] = {}


def word_memory(stemming: bool, language: str
                ) -> tuple[dict[str, tuple[tuple[str | None, str], ...]], Callable[[str], tuple]]:
    """This load's memory of words analysed one way, and the function that analyses and
    keeps a word it lacks."""
    memory = _LOAD_WORDS.get((stemming, language))
    if memory is None:
        memory = _LOAD_WORDS[(stemming, language)] = _load_memory(stemming, language)
    return memory


def _load_memory(stemming: bool, language: str) -> tuple[dict, Callable[[str], tuple]]:
    """A load's memory of words analysed one way, and the function that analyses a word it
    lacks (remembering it, and reporting its stems for the stems table)."""
    known: dict[str, tuple[tuple[str | None, str], ...]] = {}
    key = "en:" if language == ENGLISH else ""

    def miss(word: str) -> tuple[tuple[str | None, str], ...]:
        parts = _remember(known, word, stemming, False, language)
        if stemming:
            for term, folded in parts:
                if term is not None and len(folded) > 3:
                    _LEARNED[key + folded] = term
        return parts

    return known, miss


def _positions(text: str, known: dict, miss: Callable[[str], tuple],
               where: dict[str, list[str]], spell: set[str] | None,
               at: tuple[str, ...], last: str) -> int:
    """Each part of each word of ``text`` (from ``known``, or ``miss`` for a word it lacks)
    takes a position; those with a term add its text (``at[position]``, ``last`` past them) to the
    term's list in ``where``, and their folded word to ``spell`` when given. Returns how many
    had a term. (The reference for the compiled loop of :mod:`.speedups`.)"""
    count = pos = 0
    lookup, found, shown = known.get, where.get, len(at)
    for word in _TOKEN_RE.findall(text):
        parts = lookup(word)
        if parts is None:
            parts = miss(word)
        for term, folded in parts:
            if term is not None:
                position = at[pos] if pos < shown else last
                positions = found(term)
                if positions is None:
                    where[term] = [position]
                else:
                    positions.append(position)
                count += 1
                if spell is not None:
                    spell.add(folded)
            pos += 1
    return count
