"""The Indonesian analyzer: what a word becomes in the index and in a query.

Tokens keep hyphenated reduplication (``negara-negara`` is one word meaning "countries" and stems
to ``negara``) while other hyphenated names (``Kassym-Jomart``) are split so each part is
findable. Case and accents are folded, Indonesian function words dropped, and words stemmed with
Sastrawi, the dictionary-based stemmer: PyStemmer's Snowball ``indonesian`` is ~200x faster but
over-stems (``mengatakan``->``ata``, ``penguatan``->``uat``, ``Kazakhstan``->``kazakhst``), which
merges unrelated words and breaks highlighting of names. Sastrawi ships its dictionary as a Python
list (linear lookups, ~8 ms a word); we load it into a set, which makes it ~16,000 new words a
second, and cache stems, which makes repeats free.
"""

from __future__ import annotations

import re
from functools import lru_cache

from whoosh.analysis import (
    CharsetFilter,
    Filter,
    LowercaseFilter,
    RegexTokenizer,
    StemFilter,
    StopFilter,
)
from whoosh.support.charset import accent_map

# Words, numbers and hyphenated compounds; an apostrophe inside a word stays (Jum'at, Qur'an).
TOKEN_PATTERN = r"\w+(?:['’\-]\w+)*"

# Function words that carry no topic. Kept short on purpose: words such as "dua" (two), "tidak"
# (not) or "kami" (we) matter in quotes and names, so Sastrawi's longer list is not used as is.
STOP_WORDS = frozenset(
    """
    yang dan di ke dari pada untuk dengan dalam ini itu atau juga oleh bahwa akan telah sudah
    adalah ialah yaitu yakni para sebagai karena bagi serta maka pun lah kah tersebut
    the of and a an to in on for is are was were be by with as at it its this that from
    """.split()
)


class HyphenFilter(Filter):
    """Keep reduplicated words whole (``negara-negara``, ``bangsa-bangsa``), split other compounds.

    A reduplication is two halves with the same first letters (``sayur-mayur`` aside, the common
    plural form repeats the word). Split parts keep their exact character offsets.
    """

    def __call__(self, tokens):
        shift = 0  # positions added by earlier splits, so phrases stay in order
        for token in tokens:
            text = token.text
            if token.positions:
                token.pos += shift
            if "-" not in text or _is_reduplication(text):
                yield token
                continue
            base_char = token.startchar if token.chars else 0
            pos = token.pos if token.positions else 0
            offset = 0
            emitted = 0
            for part in text.split("-"):
                if part:
                    token.text = part
                    if token.chars:
                        token.startchar = base_char + offset
                        token.endchar = token.startchar + len(part)
                    if token.positions:
                        token.pos = pos + emitted
                    emitted += 1
                    yield token
                offset += len(part) + 1
            shift += max(emitted - 1, 0)


def _is_reduplication(word: str) -> bool:
    halves = word.lower().split("-")
    if len(halves) != 2 or not halves[0] or not halves[1]:
        return False
    first, second = halves
    if first == second:
        return True
    # Affixed reduplication: berbalas-balasan, tarik-menarik, bangsa-bangsanya.
    return len(first) >= 3 and (first in second or second in first)


@lru_cache(maxsize=1)
def _sastrawi():
    from Sastrawi.Dictionary.ArrayDictionary import ArrayDictionary
    from Sastrawi.Stemmer.Stemmer import Stemmer
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    class SetDictionary(ArrayDictionary):
        """Sastrawi's dictionary with set lookups instead of a linear list scan."""

        def __init__(self, words):
            self.words = {w for w in words if w and w.strip()}

        def contains(self, word):
            return word in self.words

        def count(self):
            return len(self.words)

    return Stemmer(SetDictionary(StemmerFactory().get_words()))


_NEEDS_STEM = re.compile(r"^[a-z]+(?:-[a-z]+)?$")


def stem(word: str) -> str:
    """Sastrawi stem of one lower-case token; numbers, short words and non-Latin words unchanged.

    A module-level function, not a bound method, because Whoosh pickles the schema.
    """
    if len(word) <= 3 or not _NEEDS_STEM.match(word):
        return word
    stemmed = _sastrawi().stem_word(word)
    return stemmed or word


def analyzer(stemming: bool = True):
    """The analyzer of the ``text``, ``title`` and ``quote`` fields (and queries on them)."""
    chain = (
        RegexTokenizer(TOKEN_PATTERN)
        | HyphenFilter()
        | LowercaseFilter()
        | CharsetFilter(accent_map)
        | StopFilter(stoplist=STOP_WORDS, minsize=1, renumber=False)
    )
    if stemming:
        chain = chain | StemFilter(stem, cachesize=200_000)
    return chain


def name_analyzer():
    """For speaker names and outlets: folded words, no stop words, no stemming."""
    return RegexTokenizer(TOKEN_PATTERN) | HyphenFilter() | LowercaseFilter() | CharsetFilter(
        accent_map
    )


def terms(text: str) -> list[str]:
    """The index terms of ``text`` in order (stemmed), for similarity and tests."""
    return [t.text for t in _shared_analyzer()(text)]


def surface_tokens(text: str) -> list[tuple[str, int, int]]:
    """``(term, start, end)`` for every token of ``text``: the stem and where its word stands.

    The same tokens as :func:`analyzer` with ``chars=True`` (tests check this on real text),
    computed without Whoosh's chain of generators and Token objects: highlighting 20 hits this
    way costs a quarter of what the chain costs, and it runs on every search.
    """
    out = []
    append = out.append
    stops = STOP_WORDS
    fold = accent_map
    stem_of = _cached_stem
    for match in _TOKEN_RE.finditer(text):
        word = match.group()
        start = match.start()
        if "-" in word and not _is_reduplication(word):
            offset = 0
            for part in word.split("-"):
                if part:
                    folded = part.lower() if part.isascii() else part.lower().translate(fold)
                    if folded not in stops:
                        append((stem_of(folded), start + offset, start + offset + len(part)))
                offset += len(part) + 1
            continue
        folded = word.lower() if word.isascii() else word.lower().translate(fold)
        if folded not in stops:
            append((stem_of(folded), start, match.end()))
    return out


_TOKEN_RE = re.compile(TOKEN_PATTERN, re.UNICODE)
_cached_stem = lru_cache(maxsize=200_000)(stem)


@lru_cache(maxsize=1)
def _shared_analyzer():
    return analyzer()
