"""Vectorised BM25F over the reader codec's posting lists (numpy, imported on first use).

A query of words, phrases and expanded prefixes joined by AND, OR and NOT is scored here a
whole posting list at a time: a list's ids, term frequencies and positions are decoded with a
few numpy calls (:mod:`.decoded`), scored with Whoosh's own BM25F formula, statistics and
order of operations (so scores and ranking are Whoosh's to the last bit), and combined as
sorted arrays. Every match is counted, so totals are exact. An AND whose next word is far
more common than its matches so far looks that word up at those matches alone.

numpy costs ~75 ms to import, more than a whole rare-word search, so :func:`worth_it` tells
the caller when a query reads enough postings to pay for it; small queries keep Whoosh's own
matchers (which read the same format through :class:`~reader.search.whoosh.codec.ColumnMatcher`).
"""

from __future__ import annotations

import sys
from math import log

from whoosh.query import And, AndNot, Or, Phrase, Term
from whoosh.reading import TermNotFound
from whoosh.scoring import WeightingModel
from whoosh.util.numeric import byte_to_length

from reader.search.whoosh.decoded import Context, NotColumnar, Postings, _np, rows_of

NUMPY_MIN_POSTINGS = 2000  # below this many postings Whoosh's matchers answer faster cold


def worth_it(searcher, q) -> bool:
    """True when numpy is loaded already, or ``q`` reads enough postings to pay for loading
    it (counted from the term index)."""
    if "numpy" in sys.modules:
        return True
    reader = searcher.reader()
    total = 0
    for fieldname, btext in q.iter_all_terms(phrases=True):
        try:
            total += reader.doc_frequency(fieldname, btext)
        except TermNotFound:
            continue
        if total >= NUMPY_MIN_POSTINGS:
            return True
    return False


def _norms(ctx: Context, reader, fieldname: str, B: float, K1: float, avgfl: float):
    """BM25's length normalisation of every document of a segment (cached per reader)."""
    np = _np()
    cache = getattr(reader, "_reader_norms", None)
    if cache is None:
        cache = {}
        reader._reader_norms = cache
    key = (fieldname, B, K1, avgfl)
    if key not in cache:
        raw = ctx.internals.lengths(reader, fieldname)
        count = reader.doc_count_all()
        lengths = np.zeros(count, np.uint8)
        if raw is not None:
            lengths[:min(len(raw), count)] = np.frombuffer(raw, np.uint8)[:count]
        table = np.array([K1 * ((1 - B) + B * byte_to_length(b) / avgfl) for b in range(256)])
        cache[key] = table[lengths]
    return cache[key]


Scored = tuple  # (ids: sorted int64 array, scores: float64 array)


def _empty() -> Scored:
    np = _np()
    return np.zeros(0, np.int64), np.zeros(0)


def _idf(ctx: Context, fieldname: str, btext: bytes) -> float:
    """Whoosh's idf of a term (``WeightingModel.idf``, which BM25F keeps), from the paragraph
    counts of the term records its postings were read with, or an expansion's scan kept (no
    second look-up in the term index)."""
    searcher = ctx.searcher
    df = None
    if type(ctx.weighting).idf is WeightingModel.idf and searcher.get_parent() is searcher:
        df = ctx.dfs.get((fieldname, btext))
        if df is None:
            df = ctx.internals.doc_frequency(ctx.leaves, fieldname, btext)
    if df is None:
        return searcher.idf(fieldname, btext.decode("utf-8"))
    return log(searcher.doc_count_all() / (df + 1)) + 1


def _bm25(ctx: Context, fieldname: str) -> tuple[float, float, float]:
    """BM25F's average length, B and K1 for ``fieldname``, as Whoosh's scorer takes them."""
    weighting = ctx.weighting
    avgfl = ctx.searcher.avg_field_length(fieldname) or 1
    return avgfl, ctx.internals.field_b(weighting, fieldname), weighting.K1


def _live(ctx: Context, fieldname: str, lists: list[Postings], avgfl: float, B: float,
          K1: float, among=None) -> list[tuple]:
    """``(ids, tfs, norms)`` of a word's postings in each segment, deleted documents left
    out, with each document's length normalisation (stops at the deadline); with ``among``
    (sorted document numbers), of those documents alone, found by binary search."""
    parts = []
    for (reader, offset), postings in _by_leaf(ctx, lists):
        ids, tfs = postings.ids, postings.tfs
        if among is not None:
            rows = rows_of(ids, among)
            ids, tfs = ids[rows], tfs[rows]
        local = ids - offset
        if reader.has_deletions():
            keep = _alive(reader)[local]
            ids, tfs, local = ids[keep], tfs[keep], local[keep]
        parts.append((ids, tfs, _norms(ctx, reader, fieldname, B, K1, avgfl)[local]))
        if ctx.over():
            break
    return parts


def _scored_bytes(fieldobj, text) -> bytes:
    if not fieldobj.scorable:
        raise NotColumnar("unscored field")
    return fieldobj.to_bytes(text) if isinstance(text, str) else text


def term_scores(ctx: Context, fieldname: str, text, boost: float = 1.0, among=None
                ) -> Scored:
    """A word's BM25F in every paragraph that holds it, or in ``among`` alone (see
    :func:`_live`)."""
    np = _np()
    btext = _scored_bytes(ctx.searcher.schema[fieldname], text)
    lists = ctx.postings(fieldname, btext)
    if not lists:
        return _empty()
    idf = _idf(ctx, fieldname, btext)
    avgfl, B, K1 = _bm25(ctx, fieldname)
    k1p1 = K1 + 1
    parts = _live(ctx, fieldname, lists, avgfl, B, K1, among)
    ids = parts[0][0] if len(parts) == 1 else np.concatenate([part[0] for part in parts])
    scores = [idf * ((tfs * k1p1) / (tfs + norm)) for _ids, tfs, norm in parts]
    scores = scores[0] if len(scores) == 1 else np.concatenate(scores)
    if boost != 1.0:
        scores = scores * boost
    return ids, scores


def term_scores_among(ctx: Context, fieldname: str, text, candidates, boost: float = 1.0
                      ) -> Scored:
    """:func:`term_scores` of a word in ``candidates`` (sorted document numbers) alone: the
    same numbers, found by binary search instead of scoring the word's whole list and
    intersecting (a name AND a common word)."""
    return term_scores(ctx, fieldname, text, boost, among=candidates)


PROBE_RATIO = 4  # an AND looks its next word up at its matches when it has this many fewer


OR_BATCH_MIN = 8  # an OR of this many words of one field (an expanded prefix) is batched


def _or_of_words(ctx: Context, subs: list) -> Scored:
    """An OR of words of one field, as :func:`scores` sums it (each word's BM25F, the longest
    posting list first) but in a few array operations over every word's postings instead of
    a dozen per word: a one-letter prefix is thousands of words. Same operations on the same
    numbers in the same order, so the same scores to the last bit."""
    np = _np()
    fieldname = subs[0].fieldname
    fieldobj = ctx.searcher.schema[fieldname]
    avgfl, B, K1 = _bm25(ctx, fieldname)
    words = []  # (postings kept, idf, boost, [(ids, tfs, norms) a segment])
    for sub in subs:
        if ctx.spent:
            break
        btext = _scored_bytes(fieldobj, sub.text)
        lists = ctx.postings(fieldname, btext)
        if lists:
            parts = _live(ctx, fieldname, lists, avgfl, B, K1)
            words.append((sum(len(part[0]) for part in parts), _idf(ctx, fieldname, btext),
                          sub.boost, parts))
        ctx.over()
    if not words:
        return _empty()
    words.sort(key=lambda word: word[0], reverse=True)  # stable: as scores() sorts its parts
    parts = [part for word in words for part in word[3]]
    ids, tfs, norm = (np.concatenate([part[column] for part in parts]) for column in range(3))
    sizes = [len(part[0]) for part in parts]
    idf = np.repeat([word[1] for word in words for _part in word[3]], sizes)
    values = idf * ((tfs * (K1 + 1)) / (tfs + norm))
    if any(word[2] != 1.0 for word in words):
        values = values * np.repeat([word[2] for word in words for _part in word[3]], sizes)
    size = ctx.searcher.doc_count_all()
    total = np.bincount(ids, weights=values, minlength=size)  # in array order, as acc[ids] +=
    found = np.flatnonzero(np.bincount(ids, minlength=size))
    return found, total[found]


def _alive(reader):
    """One flag per document of a segment, False where deleted (cached per reader)."""
    np = _np()
    cached = getattr(reader, "_reader_alive", None)
    if cached is None:
        deleted = reader.deleted_docs_set  # a cached property in Whoosh 3.54, a method before
        deleted = deleted() if callable(deleted) else deleted
        cached = np.ones(reader.doc_count_all(), bool)
        cached[np.array(sorted(deleted), np.int64)] = False
        reader._reader_alive = cached
    return cached


def _by_leaf(ctx: Context, lists: list[Postings]):
    readers = {offset: reader for reader, offset in ctx.leaves}
    for postings in lists:
        yield (readers[postings.offset], postings.offset), postings


def phrase_scores(ctx: Context, q) -> Scored:
    """Paragraphs with the words of ``q`` at consecutive positions, scored as the sum of the
    words' BM25F (Whoosh's phrase score)."""
    np = _np()
    fieldname = q.fieldname
    fieldobj = ctx.searcher.schema[fieldname]
    if not fieldobj.format or not fieldobj.format.supports("positions"):
        raise NotColumnar("no positions")
    words = [fieldobj.to_bytes(w) if isinstance(w, str) else w for w in q.words]
    sizes = [sum(len(p.ids) for p in ctx.postings(fieldname, w)) for w in words]
    rarest_first = sorted(range(len(words)), key=sizes.__getitem__)
    parts: list = [None] * len(words)
    candidates = None
    for i in rarest_first:  # a word far more common than the candidates is looked up at them
        if candidates is not None and len(candidates) * PROBE_RATIO <= sizes[i]:
            parts[i] = term_scores_among(ctx, fieldname, words[i], candidates)
        else:
            parts[i] = term_scores(ctx, fieldname, words[i])
        candidates = parts[i][0] if candidates is None else np.intersect1d(
            candidates, parts[i][0], assume_unique=True)
        if not len(candidates):
            return _empty()
    stride = np.int64(1 << 32)
    keys = None
    for i, w in enumerate(words):
        docs, poss = [], []
        for postings in ctx.postings(fieldname, w):
            if len(candidates) * PROBE_RATIO <= len(postings.ids):
                rows = rows_of(postings.ids, candidates)  # their positions alone
                counts, flat = postings.positions_of(rows)
                docs.append(np.repeat(postings.ids[rows], counts))
                poss.append(flat)
                continue
            counts, flat = postings.positions()
            chosen = np.isin(postings.ids, candidates, assume_unique=True)
            per_position = np.repeat(chosen, counts)
            docs.append(np.repeat(postings.ids, counts)[per_position])
            poss.append(flat[per_position])
        here = np.concatenate(docs) * stride + (np.concatenate(poss) - i + len(words))
        keys = here if keys is None else np.intersect1d(keys, here, assume_unique=True)
        if not len(keys):
            return _empty()
    matched = np.unique(keys // stride)
    total = np.zeros(len(matched))
    for ids, scores in parts:
        total = total + scores[np.searchsorted(ids, matched)]
    if q.boost != 1.0:
        total = total * q.boost
    return matched, total


def scores(ctx: Context, q) -> Scored:
    np = _np()
    if isinstance(q, Term):
        return term_scores(ctx, q.fieldname, q.text, q.boost)
    if isinstance(q, Phrase):
        if q.slop != 1:
            raise NotColumnar("sloppy phrase")
        return phrase_scores(ctx, q)
    if isinstance(q, AndNot):
        keep_ids, keep_scores = scores(ctx, q.a)
        if not len(keep_ids):
            return keep_ids, keep_scores
        # what is excluded is read in full even past the budget: a partial answer may miss
        # paragraphs, never show one the query excludes
        deadline, ctx.deadline = ctx.deadline, None
        try:
            drop_ids, _ = scores(ctx, q.b)
        finally:
            ctx.deadline = deadline
        mask = ~np.isin(keep_ids, drop_ids, assume_unique=True)
        return keep_ids[mask], keep_scores[mask]
    subs = list(q.children())
    if isinstance(q, Or):
        if q.minmatch or q.scale:
            raise NotColumnar("weighted OR")
        if len(subs) >= OR_BATCH_MIN and all(isinstance(sub, Term) for sub in subs) and len(
                {sub.fieldname for sub in subs}) == 1:
            return _or_of_words(ctx, subs)
        parts = []
        for sub in subs:
            if ctx.spent:
                break
            parts.append(scores(ctx, sub))
            ctx.over()
        if not parts:
            return _empty()
        parts.sort(key=lambda part: len(part[0]), reverse=True)
        if len(parts) == 1:
            ids, total = parts[0]
        else:
            size = ctx.searcher.doc_count_all()
            acc = np.zeros(size)
            hit = np.zeros(size, bool)
            for ids, part in parts:
                acc[ids] += part
                hit[ids] = True
            ids = np.flatnonzero(hit)
            total = acc[ids]
    elif isinstance(q, And):
        subs.sort(key=lambda sub: _size(ctx.searcher, sub))
        ids, total = scores(ctx, subs[0])
        for sub in subs[1:]:
            if not len(ids):
                break
            if isinstance(sub, Term) and len(ids) * PROBE_RATIO <= _size(ctx.searcher, sub):
                other_ids, other = term_scores_among(ctx, sub.fieldname, sub.text, ids,
                                                     sub.boost)
            else:
                other_ids, other = scores(ctx, sub)
            ids, here, there = np.intersect1d(ids, other_ids, assume_unique=True,
                                              return_indices=True)
            total = total[here] + other[there]
    else:
        raise NotColumnar(type(q).__name__)
    if q.boost != 1.0:
        total = total * q.boost
    return ids, total


def _size(searcher, q) -> int:
    return q.estimate_size(searcher.reader())


def top(ids, values, limit: int) -> list[tuple[float, int]]:
    """The ``limit`` best ``(score, docnum)``, ties by document order, as Whoosh orders them."""
    np = _np()
    if len(ids) > limit:
        floor = np.partition(values, len(values) - limit)[len(values) - limit]
        keep = values >= floor
        ids, values = ids[keep], values[keep]
    order = np.lexsort((ids, -values))[:limit]
    return list(zip(values[order].tolist(), ids[order].tolist(), strict=True))


def search(searcher, q, limit: int, deadline: float | None, internals, others=None,
           bonus: float = 0.0, only=None) -> tuple[list[tuple[float, int]], int, bool, Context]:
    """``([(score, docnum)] best first, exact total, timed out, context)``.

    ``others`` (document numbers that are not paragraphs) are removed and ``bonus`` (what
    Whoosh adds for the kind:para filter) added, for queries on fields articles have too;
    ``only`` (document numbers) keeps those alone.
    """
    np = _np()
    ctx = Context(searcher, deadline, internals)
    ids, values = scores(ctx, q)
    if only is not None:
        keep = _within(ids, np.sort(np.fromiter(only, np.int64, len(only))))
        ids, values = ids[keep], values[keep]
    if others is not None:
        if len(others):
            keep = ~_within(ids, _as_array(searcher.reader(), others))
            ids, values = ids[keep], values[keep]
        values = values + bonus
    return top(ids, values, limit), len(ids), ctx.spent, ctx


def _within(ids, members):
    """Which of ``ids`` are among ``members`` (both sorted int64 arrays). ``np.isin`` sorts
    both arrays whenever the numbers span more than six times their count: 0.3 s a search
    with the 170,000 articles and files of a million-paragraph index."""
    np = _np()
    if not len(members) or not len(ids):
        return np.zeros(len(ids), bool)
    at = np.searchsorted(members, ids)
    np.minimum(at, len(members) - 1, out=at)
    return members[at] == ids


def remember_array(reader, docnums, array) -> None:
    """Give :func:`_as_array` the sorted array of ``docnums`` its caller already has."""
    try:
        reader._reader_array_of = (docnums, array)
    except AttributeError:
        pass


def _as_array(reader, docnums):
    """``docnums`` (a set cached per reader) as a sorted numpy array, cached beside it."""
    np = _np()
    cached = getattr(reader, "_reader_array_of", None)
    if cached is None or cached[0] is not docnums:
        cached = (docnums, np.array(sorted(docnums), np.int64))
        try:
            reader._reader_array_of = cached
        except AttributeError:
            pass
    return cached[1]
