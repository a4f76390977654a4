"""Highlight offsets from the index's own positions: a hit's text is never analysed again.

The ``text`` field stores every word's position, and the analyzer numbers positions the way a
plain tokenizer does (stop words keep their numbers, a split compound numbers its parts in
order). So the words to mark in a hit are the positions its query words have in that
paragraph's postings, and the paragraph's stored layout (:mod:`.layout`) gives their character
offsets: no stemming (Sastrawi is never started for highlighting; stemming 20 cold hits took
~86 ms) and no tokenizing.
"""

from __future__ import annotations

from itertools import accumulate

from whoosh.query import And, AndNot, Or, Term
from whoosh.reading import TermNotFound

from reader.language.analysis import ENGLISH_MARK
from reader.records import Hit
from reader.search.whoosh import layout
from reader.search.whoosh.decoded import _np

HIGHLIGHT_FIELDS = ("text", "quote")  # query words in these fields are marked in the text
_MARKS = (ENGLISH_MARK, ENGLISH_MARK.encode("utf-8"))  # a language, not a word of the text


def hit(fields: dict, score: float | None, positions: set[int], date: str | None = None) -> Hit:
    """A hit from a paragraph's stored fields and the positions of its marked words (their
    spans from the stored layout, :mod:`.layout`; a paragraph without a word has none)."""
    found = fields.get("layout")
    repeats = fields.get("repeats")
    return Hit(fields["doc"], fields["para"], fields.get("title", ""),
               fields.get("source") or None, float(score or 0.0), fields.get("text", ""),
               layout.offsets(found, positions) if found and positions else [],
               list(repeats) if repeats else [], date)


def highlight_terms(q) -> list[bytes]:
    """The indexed words of ``q`` to mark: its text and quote terms (with prefixes, wildcards
    and fuzzy words already expanded), looked up in the text field."""
    words: dict[bytes, None] = {}
    for fieldname, value in q.iter_all_terms(phrases=True):
        if fieldname in HIGHLIGHT_FIELDS and value not in _MARKS:
            words[value if isinstance(value, bytes) else str(value).encode("utf-8")] = None
    return list(words)


def _language_sides(q, found: dict[str, list]) -> None:
    """Sort the parts of ``q`` by the language they are matched in (see :mod:`.languages`):
    ``AndNot(x, mark)`` is Indonesian, ``And([x, mark^0])`` English, the rest either."""
    if isinstance(q, AndNot) and isinstance(q.b, Term) and q.b.text in _MARKS:
        found["id"].append(q.a)
    elif isinstance(q, And) and any(isinstance(s, Term) and s.text in _MARKS
                                    for s in q.children()):
        found["en"].extend(s for s in q.children()
                           if not (isinstance(s, Term) and s.text in _MARKS))
    elif q.is_leaf():
        found["any"].append(q)
    else:
        for sub in q.children():
            _language_sides(sub, found)


def query_positions(searcher, q, docnums: list[int], postings=None) -> dict[int, set[int]]:
    """``{docnum: positions}`` of the words of ``q`` to mark in each of ``docnums``: a stem of
    one language only in paragraphs of that language (``pers`` marks ``per`` in English text
    only, where ``pers`` stems to it)."""
    sides: dict[str, list] = {"any": [], "id": [], "en": []}
    _language_sides(q, sides)
    words = {side: highlight_terms(Or(parts)) if parts else [] for side, parts in sides.items()}
    found = positions_in(searcher, words["any"], docnums, postings)
    if words["id"] or words["en"]:
        english = {d for d, at in positions_in(searcher, [_MARKS[1]], docnums, postings).items()
                   if at}
        for side, docs in (("id", [d for d in docnums if d not in english]),
                           ("en", [d for d in docnums if d in english])):
            for docnum, at in positions_in(searcher, words[side], docs, postings).items():
                found[docnum] |= at
    return found


def positions_in(searcher, words: list[bytes], docnums: list[int], postings=None
                 ) -> dict[int, set[int]]:
    """``{docnum: positions}`` of ``words`` in the text field of each of ``docnums``.

    ``postings`` (from the vectorised scorer) answers from posting lists already decoded;
    anything else is read through Whoosh's matchers, one skip per document.
    """
    found: dict[int, set[int]] = {d: set() for d in docnums}
    if not words or not docnums:
        return found
    wanted = sorted(set(docnums))
    reader = searcher.reader()
    decoded = [postings("text", word) if postings is not None else None for word in words]
    lists = [one for found_lists in decoded if found_lists for one in found_lists]
    if len(lists) > MANY_LISTS:
        _from_many(lists, wanted, found)
    elif lists:
        _from_arrays(lists, wanted, found)
    for word, found_lists in zip(words, decoded, strict=True):
        if found_lists is not None:
            continue
        try:
            if ("text", word) not in reader:
                continue
            m = searcher.postings("text", word)
        except TermNotFound:
            continue
        for docnum in wanted:
            if not m.is_active():
                break
            m.skip_to(docnum)
            if m.is_active() and m.id() == docnum:
                found[docnum].update(m.value_as("positions"))
    return found


MANY_LISTS = 64  # posting lists (an expanded prefix's words) looked through at once


def _from_many(lists, wanted: list[int], found: dict[int, set[int]]) -> None:
    """:func:`_from_arrays` for thousands of lists (``t*``): which of them hold a wanted
    document is found in one pass over all their ids, and only those are looked into."""
    import numpy as np

    ends = np.cumsum([len(postings.ids) for postings in lists])
    ids = np.concatenate([postings.ids for postings in lists])
    holding = np.unique(np.searchsorted(ends, np.flatnonzero(np.isin(ids, wanted)),
                                        side="right"))
    _from_arrays([lists[i] for i in holding.tolist()], wanted, found)


SMALL_LIST = 128  # postings below which a list is looked through in Python, not numpy


def _from_arrays(lists, wanted: list[int], found: dict[int, set[int]]) -> None:
    targets = None
    for postings in lists:
        if len(postings.ids) < SMALL_LIST or isinstance(postings.ids, list):
            _from_small(postings, wanted, found)  # a rare word: numpy calls cost more
            continue
        if targets is None:
            np = _np()  # not for a list decoded in Python: a cold search never loads numpy
            targets = np.array(wanted, np.int64)
        ids = postings.ids
        at = np.searchsorted(ids, targets)
        inside = at < len(ids)
        hits = np.flatnonzero(inside)
        hits = hits[ids[at[hits]] == targets[hits]]
        if not len(hits):
            continue
        hits = hits.tolist()
        for h, positions in zip(hits, postings.positions_at(at[hits].tolist()), strict=True):
            found[wanted[h]].update(positions)


def _from_small(postings, wanted: list[int], found: dict[int, set[int]]) -> None:
    ids = postings.id_list()
    rows = {docnum: row for row, docnum in enumerate(ids)}
    hits = [(docnum, rows[docnum]) for docnum in wanted if docnum in rows]
    if not hits:
        return
    counts, flat = postings.position_lists()
    starts = [0, *accumulate(counts)]
    for docnum, row in hits:
        found[docnum].update(flat[starts[row]:starts[row + 1]])
