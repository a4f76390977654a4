"""The reader's analysis (:mod:`reader.language.analysis`) as a Whoosh analyzer.

Whoosh calls an analyzer with keyword arguments that say what it wants (positions, character
offsets, stop words kept for a phrase, no stemming for the spelling words, the whole value as
one token for a wildcard); this adapter answers each from :func:`~reader.language.analysis.tokens`,
reusing one Whoosh ``Token`` as Whoosh's own tokenizers do. The schema pickles the analyzer by
class, so this module's path is part of the index format (see ``SCHEMA_VERSION``).

Whoosh hands an analyzer the value alone, so a field of an English article comes tagged
(:func:`tag_english`; its stored value stays the plain text): it is analysed with English rules
and carries the :data:`~reader.language.analysis.ENGLISH_MARK` term. Query words come out
folded and unstemmed (stop words of both languages dropped); :mod:`.languages` then turns each
into its stem in each language. Prefixes, wildcards and fuzzy words (one value, not tokenized)
keep the Indonesian stem as before, and expand over whatever the index holds.
"""

from __future__ import annotations

from collections.abc import Iterator

from whoosh.analysis import Analyzer, Token

from reader.language.analysis import (
    ENGLISH,
    ENGLISH_MARK,
    INDONESIAN,
    QUERY,
    tokens,
)
from reader.language.analysis import Token as Word
from reader.language.index_terms import index_positions

ENGLISH_TAG = ENGLISH_MARK + "\x01"  # opens the value of a field written in English
TAGGED_FIELDS = ("title", "text", "quote")  # the stemmed fields
STORED_FIELDS = ("title", "text")  # those of them whose value the index stores


class ReaderAnalyzer(Analyzer):
    """Words of article text (stemmed, stop words dropped) or of names (folded only)."""

    def __init__(self, stemming: bool = True, stops: bool = True) -> None:
        self.stemming = stemming
        self.stops = stops

    def has_morph(self) -> bool:  # a stemming analyzer gets a separate spelling field
        return self.stemming

    def __call__(self, value: str, positions: bool = False, chars: bool = False,
                 keeporiginal: bool = False, removestops: bool = True, start_pos: int = 0,
                 start_char: int = 0, tokenize: bool = True, mode: str = "",
                 no_morph: bool = False, **kwargs) -> Iterator[Token]:
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        text = value[len(ENGLISH_TAG):] if value.startswith(ENGLISH_TAG) else value
        for word in self.words(value, stemming=self.stemming and not no_morph,
                               keep_stops=not removestops, whole=not tokenize,
                               first_position=start_pos, first_char=start_char, mode=mode):
            token.text = word.stem
            token.boost = 1.0
            token.stopped = word.stop
            if keeporiginal:
                token.original = text[word.start - start_char:word.end - start_char]
            if positions:
                token.pos = word.position
            if chars:
                token.startchar = word.start
                token.endchar = word.end
            yield token

    def words(self, value: str, stemming: bool | None = None, keep_stops: bool = False,
              whole: bool = False, first_position: int = 0, first_char: int = 0,
              mode: str = "") -> list[Word]:
        """The words of ``value`` as this field indexes (or, ``mode="query"``, queries) them:
        the one call into the analysis, shared by Whoosh's path above and the bulk build
        (:mod:`.bulk`), which skips Whoosh's token objects. A value tagged English starts with
        the English mark."""
        stemming = self.stemming if stemming is None else stemming
        language = INDONESIAN
        out: list[Word] = []
        if value.startswith(ENGLISH_TAG):
            value = value[len(ENGLISH_TAG):]
            language = ENGLISH
            out.append(Word(ENGLISH_MARK, ENGLISH_MARK, first_position, first_char, first_char))
        elif stemming and mode == "query" and not whole:
            language, stemming = QUERY, False
        out += tokens(value, stemming=stemming, stops=self.stops, keep_stops=keep_stops,
                      whole=whole, first_position=first_position, first_char=first_char,
                      language=language)
        return out

    def positions(self, value: str) -> tuple[dict[str, list[int]], int]:
        """The terms of a stored field's ``value`` with their positions, and its length: the
        words of :meth:`words` grouped by term, in one pass (the bulk build's path)."""
        if value.startswith(ENGLISH_TAG):
            places, length = index_positions(value[len(ENGLISH_TAG):], stemming=self.stemming,
                                             stops=self.stops, language=ENGLISH)
            return {ENGLISH_MARK: [0], **places}, length + 1
        return index_positions(value, stemming=self.stemming, stops=self.stops)


def tag_english(document: dict) -> dict:
    """A document of an English article: its stemmed fields tagged for English analysis, the
    stored ones keeping their plain value."""
    for name in TAGGED_FIELDS:
        value = document.get(name)
        if value:
            if name in STORED_FIELDS:
                document[f"_stored_{name}"] = value
            document[name] = ENGLISH_TAG + value
    return document


def text_analyzer() -> ReaderAnalyzer:
    """The ``text``, ``title`` and ``quote`` fields (and queries on them)."""
    return ReaderAnalyzer()


def name_analyzer() -> ReaderAnalyzer:
    """Speaker names and outlets: folded words, no stop words, no stemming."""
    return ReaderAnalyzer(stemming=False, stops=False)
