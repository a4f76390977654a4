"""The reader's analysis (:mod:`reader.language.analysis`) as a Whoosh analyzer.

Whoosh calls an analyzer with keyword arguments that say what it wants (positions, character
offsets, stop words kept for a phrase, no stemming for the spelling words, the whole value as
one token for a wildcard); this adapter answers each from :func:`~reader.language.analysis.tokens`,
reusing one Whoosh ``Token`` as Whoosh's own tokenizers do. The schema pickles the analyzer by
class, so this module's path is part of the index format (see ``SCHEMA_VERSION``).
"""

from __future__ import annotations

from collections.abc import Iterator

from whoosh.analysis import Analyzer, Token

from reader.language.analysis import tokens


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
        for word in tokens(value, stemming=self.stemming and not no_morph, stops=self.stops,
                           keep_stops=not removestops, whole=not tokenize,
                           first_position=start_pos, first_char=start_char):
            token.text = word.stem
            token.boost = 1.0
            token.stopped = word.stop
            if keeporiginal:
                token.original = value[word.start - start_char:word.end - start_char]
            if positions:
                token.pos = word.position
            if chars:
                token.startchar = word.start
                token.endchar = word.end
            yield token


def text_analyzer() -> ReaderAnalyzer:
    """The ``text``, ``title`` and ``quote`` fields (and queries on them)."""
    return ReaderAnalyzer()


def name_analyzer() -> ReaderAnalyzer:
    """Speaker names and outlets: folded words, no stop words, no stemming."""
    return ReaderAnalyzer(stemming=False, stops=False)
