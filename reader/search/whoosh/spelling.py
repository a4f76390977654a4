""""Did you mean": corrected queries for a query with no hits.

Corrections come from the words the index was built from (the stem table's sorted word list,
each counted by the paragraphs of its stem; a separate spelling field cost a quarter of the
index) and the index's stems: words of one edit for words up to five letters, two edits beyond;
words under four letters are left alone.
Candidates come from a scan of the spelling words sharing the first two letters (Whoosh's own
corrector walks the whole lexicon: ~100-200 ms a word at 100k paragraphs, which made every
keystroke without hits slow).
"""

from __future__ import annotations

from whoosh.spelling import Corrector

from reader.language.analysis import QUERY_STOP_WORDS
from reader.language.edits import edits, one_edit
from reader.search.whoosh import stemtable
from reader.search.whoosh.fastpath import term_dfs
from reader.search.whoosh.languages import known

SUGGEST_MIN_LETTERS = 4  # a shorter word is usually a word still being typed
SUGGEST_PREFIX = 2  # corrections keep the first two letters (typos rarely touch them)
MAX_SCAN = 200_000  # spelling words looked at for one word


def suggestions(searcher, q, query: str) -> list[str]:
    """The query with its misspelled words corrected, or nothing."""
    reader = searcher.reader()
    words = [text for fieldname, text in q.iter_all_terms() if fieldname == "text"]
    words = [w.decode("utf-8") if isinstance(w, bytes) else str(w) for w in words]
    # the query's words as typed (folded): one is misspelled when no stem of it is indexed
    words = [w for w in words if not known(reader, "text", w)]
    # Whoosh puts a correction back where the parser found the word in the query string: a
    # word the parser did not place there (``0:MA0K0P``) cannot be corrected in it
    placed = {token.text for token in q.all_tokens() if token.fieldname == "text"
              and token.startchar is not None and token.endchar is not None}
    words = [w for w in words if w in placed]
    if not words or max(len(w) for w in words) < SUGGEST_MIN_LETTERS:
        return []
    corrector = _Corrector(reader, "text")
    corrected = searcher.correct_query(q, query, correctors={"text": corrector},
                                       terms=[("text", w) for w in words],
                                       prefix=SUGGEST_PREFIX, maxdist=2)
    if corrected.string and corrected.string != query:
        return [corrected.string]
    return []


class _Corrector(Corrector):
    """Ranks spelling words within the allowed edits of a word: fewest edits first, then the
    most frequent. (``_suggestions`` is the method Whoosh documents for correctors to supply.)"""

    def __init__(self, reader, fieldname: str) -> None:
        self.reader = reader
        self.fieldname = fieldname
        self.sugfield = reader.schema[fieldname].spelling_fieldname(fieldname)

    def _suggestions(self, text: str, maxdist: int, prefix: int):
        if len(text) < SUGGEST_MIN_LETTERS:
            return
        maxdist = 1 if len(text) <= 5 else min(maxdist, 2)
        start = text[:max(prefix, 1)]
        size = len(text)

        def near(word: str) -> int | None:
            if abs(len(word) - size) > maxdist or word == text or word in QUERY_STOP_WORDS:
                return None  # a query of a stop word alone is refused: never offer one
            if maxdist == 1:
                return 1 if one_edit(text, word) else None
            dist = edits(text, word, maxdist)
            return dist if dist <= maxdist else None

        # word: (edits, paragraphs); a paragraph count is looked up only for a near word
        # (at a million paragraphs in 26 segments, one look-up is ~1 ms, and "re" starts
        # 5,000 words)
        found: dict[str, tuple[int, int]] = {}

        def note(word: str, dist: int, df: int) -> None:
            found[word] = (dist, max(df, found.get(word, (dist, 0))[1]))

        words = stemtable.current_words() if self.sugfield == self.fieldname else None
        if words is not None:  # surface words, each with the paragraphs of its stem
            for word, stem in words.starting(start):
                dist = near(word)
                if dist is None:
                    continue
                df = self.reader.doc_frequency(self.fieldname, stem)
                if df:
                    note(word, dist, df)
        for btext, df in term_dfs(self.reader, self.sugfield, start.encode("utf-8"),
                                  [MAX_SCAN]):
            word = btext.decode("utf-8", "replace")
            dist = near(word)
            if dist is not None:
                note(word, dist, df)
        for word, (dist, df) in found.items():
            yield (-(dist + 0.5 / max(df, 1)), word)
