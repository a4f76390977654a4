"""A field's index terms with their positions, in one pass over its words (for writing an index).

The same terms and positions as :func:`reader.language.analysis.tokens` (tests compare both),
grouped by term, without a token object a word: the build's innermost loop.
"""

from __future__ import annotations

from reader.language.analysis import (
    _TOKEN_RE,
    _is_reduplication,
    accent_map,
    stemmer,
    stop_words,
)
from reader.language.detect import INDONESIAN

# Each surface word's analysis, by analysis (language, stemming, stop words): its term, or
# ``_STOPPED``, or a tuple of those for a compound split at hyphens. News repeats its words, so
# a build looks most of them up here instead of lowering, folding and stemming them again;
# bounded, so memory does not grow with the corpus.
_SURFACE: dict[tuple, dict[str, object]] = {}
SURFACE_WORDS = 100_000
_STOPPED = object()


def index_positions(text: str, *, stemming: bool = True, stops: bool = True,
                    language: str = INDONESIAN) -> tuple[dict[str, list[int]], int]:
    """Each term of ``text`` with the positions of its words, and the number of tokens: what
    :func:`tokens` gives (first position 0, stop words dropped), grouped by term, in one pass
    over the words, for writing an index."""
    key = (language, stemming, stops)
    memo = _SURFACE.get(key)
    if memo is None:
        memo = _SURFACE[key] = {}
    elif len(memo) > SURFACE_WORDS:
        memo.clear()
    stoplist = stop_words(language) if stops else frozenset()
    stem_of = stemmer(language) if stemming else None
    places: dict[str, list[int]] = {}
    length = 0
    position = 0
    for word in _TOKEN_RE.findall(text):
        found = memo.get(word)
        if found is None:
            found = memo[word] = _surface(word, stoplist, stem_of)
        if found.__class__ is str:
            at = places.get(found)
            if at is None:
                places[found] = [position]
            else:
                at.append(position)
            length += 1
            position += 1
        elif found is _STOPPED:
            position += 1
        else:
            for term in found:
                if term is not _STOPPED:
                    at = places.get(term)
                    if at is None:
                        places[term] = [position]
                    else:
                        at.append(position)
                    length += 1
                position += 1
    return places, length


def _surface(word: str, stoplist, stem_of):
    """The analysis of one surface word for :func:`index_positions` (as :func:`tokens`)."""
    if "-" in word and not _is_reduplication(word):
        return tuple(_term(part, stoplist, stem_of) for part in word.split("-") if part)
    return _term(word, stoplist, stem_of)


def _term(word: str, stoplist, stem_of):
    lowered = word.lower()
    folded = lowered if lowered.isascii() else lowered.translate(accent_map)
    if stoplist and (folded in stoplist or not folded):
        return _STOPPED
    return stem_of(folded) if stem_of else folded
