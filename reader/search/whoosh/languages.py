"""Query words in both languages: a parsed query's words become their stems in each language.

The query analyzer leaves words folded and unstemmed (:mod:`.analyzer`); here each word of a
stemmed field (``text``, ``title``, ``quote``) becomes its Indonesian stem, matched in
Indonesian paragraphs, or its English stem, matched in English paragraphs
(:func:`~reader.language.analysis.query_stems`). When the two stems are equal (names, most
words) the word is one term, as before; when they differ each is kept to its own language by
the :data:`~reader.language.analysis.ENGLISH_MARK` term English fields carry, so ``Kamis``
(Snowball: ``kami``, "we") never finds ``kami`` in Indonesian text and ``minister`` (Sastrawi:
``mister``) never finds ``mister``::

    says  ->  (says ANDNOT <en>) OR (say AND <en>^0)

The mark is scored with boost 0 and each paragraph matches one side, so a score is the one
stem's BM25F. An index without English fields gets the Indonesian stems alone (the English
side could match nothing), which is the query it always had. Phrases are rewritten the same
way, word by word. The PostgreSQL backend builds the same query (see its ``parse``).
"""

from __future__ import annotations

from whoosh.query import And, AndNot, Or, Phrase, Term

from reader.language.analysis import ENGLISH_MARK, query_stems
from reader.search.whoosh.fastpath import reader_cache

STEMMED_FIELDS = frozenset({"text", "title", "quote"})


def has_english(reader, fieldname: str) -> bool:
    """True when some document of the index has ``fieldname`` in English (cached per reader)."""
    cache = reader_cache(reader, "english")
    if fieldname not in cache:
        cache[fieldname] = (fieldname, ENGLISH_MARK) in reader
    return cache[fieldname]


def both_languages(q, reader):
    """``q`` with every word and phrase of a stemmed field in both languages' stems."""

    def visit(node):
        if isinstance(node, Term) and node.field() in STEMMED_FIELDS:
            return _word(node, reader)
        if isinstance(node, Phrase) and node.field() in STEMMED_FIELDS:
            return _phrase(node, reader)
        if node.is_leaf():
            return node
        return node.apply(visit)

    return visit(q)


def _located(new, old):
    """``new`` with the place in the query string ``old`` came from ("did you mean")."""
    for name in ("startchar", "endchar"):
        if getattr(old, name, None) is not None:
            setattr(new, name, getattr(old, name))
    return new


def _word(node: Term, reader):
    field = node.field()
    word = node.text
    if not has_english(reader, field):
        return _located(Term(field, query_stems(word)[0], boost=node.boost), node)
    indonesian, english = query_stems(word)
    if indonesian == english:
        return _located(Term(field, indonesian, boost=node.boost), node)
    return _restricted(field, _located(Term(field, indonesian, boost=node.boost), node),
                       _located(Term(field, english, boost=node.boost), node),
                       (field, english) in reader, (field, indonesian) in reader)


def _phrase(node: Phrase, reader):
    field = node.field()
    english_too = has_english(reader, field)
    pairs = [query_stems(w) if english_too else (query_stems(w)[0],) * 2 for w in node.words]
    indonesian = [pair[0] for pair in pairs]
    english = [pair[1] for pair in pairs]

    def phrase(words):
        return _located(Phrase(field, words, slop=node.slop, boost=node.boost,
                               char_ranges=node.char_ranges), node)

    if not english_too or indonesian == english:
        return phrase(indonesian)
    return _restricted(field, phrase(indonesian), phrase(english),
                       all((field, w) in reader for w in english),
                       all((field, w) in reader for w in indonesian))


def _restricted(field: str, indonesian, english, english_found: bool, indonesian_found: bool):
    """``indonesian`` in non-English fields OR ``english`` in English fields; a side whose words
    the index lacks is left out (it could match nothing)."""
    mark = Term(field, ENGLISH_MARK)
    sides = []
    if indonesian_found or not english_found:
        sides.append(AndNot(indonesian, mark))
    if english_found:
        sides.append(And([english, Term(field, ENGLISH_MARK, boost=0.0)]))
    return sides[0] if len(sides) == 1 else Or(sides)


def known(reader, fieldname: str, word: str) -> bool:
    """True when a stem of the query word ``word`` is an index term of ``fieldname``."""
    stems = query_stems(word) if has_english(reader, fieldname) else (query_stems(word)[0],)
    return any((fieldname, stem) in reader for stem in stems)
