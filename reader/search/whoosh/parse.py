"""From the reader's query language to a Whoosh query that cannot run away.

The parser is Whoosh's with the plugins a reader expects (fuzzy words, ``-word``, no ``>``
ranges). Prefixes, wildcards and fuzzy words are then replaced by an OR of real index words:
at most their cap of the most frequent (64 for one letter, 128 for two, 512 otherwise), found by
looking at no more than ``MAX_SCAN`` index terms, so no query shape can make a search read the
whole vocabulary; a cut expansion makes the answer ``partial``. Fuzzy words keep their first
letter and at most ``MAX_FUZZY_DISTANCE`` edits.
"""

from __future__ import annotations

import fnmatch
import heapq
import re
import time
from collections import OrderedDict

from whoosh.matching import AndNotMatcher, WrappingMatcher
from whoosh.qparser import (
    FieldsPlugin,
    FuzzyTermPlugin,
    GtLtPlugin,
    OperatorsPlugin,
    PlusMinusPlugin,
    QueryParser,
    RangePlugin,
    syntax,
)
from whoosh.qparser.common import QueryParserError, attach
from whoosh.query import (
    And,
    AndMaybe,
    AndNot,
    DisjunctionMax,
    Every,
    FuzzyTerm,
    MultiTerm,
    Not,
    NullQuery,
    Or,
    Ordered,
    Phrase,
    Prefix,
    Term,
    TermRange,
    Wildcard,
    WrappingQuery,
)

from reader.errors import QueryError
from reader.language.edits import edits, one_edit
from reader.search.fields import DATE, EXTRA_PREFIX, LANG, date_bounds, language
from reader.search.query import MAX_FUZZY_DISTANCE, canonical_fields
from reader.search.whoosh.fastpath import reader_cache, term_dfs

MAX_EXPANSION = 512  # terms a fuzzy word may expand to
# A prefix or wildcard expands to every word it matches (4,774 for t* at 100k paragraphs);
# the search's time budget, not a count, is what stops one, and its answer then says partial.
# Its words are scored most frequent first, so a search the budget stops has the most of them.
MAX_PREFIX_EXPANSION = 100_000
MAX_SCAN = 200_000  # index terms an expansion may look at before it stops
# Fields only paragraph documents have: a query on them needs no kind:para filter.
PARA_ONLY_FIELDS = frozenset({"text", "quote", "speaker"})


class NestedPlusMinus(PlusMinusPlugin):
    """``+word`` and ``-word`` inside parentheses as well as outside.

    Whoosh's plugin sorts the words of the top-level group only: in parentheses a ``-word``
    was ignored (``Tokayev (-menteri)`` matched paragraphs with *menteri*) or failed the
    search (``Tokayev (presiden -menteri)``). Here every group with a ``+`` or ``-`` in it is
    sorted the same way, innermost first; a group of nothing but ``-word`` excludes them from
    what surrounds it."""

    def do_plusminus(self, parser, group):
        self._nested(parser, group)
        return super().do_plusminus(parser, group)

    def _nested(self, parser, group) -> None:
        for i, node in enumerate(group):
            if not isinstance(node, syntax.GroupNode):
                continue
            self._nested(parser, node)
            if any(isinstance(sub, (self.Plus, self.Minus)) for sub in node):
                sorted_node = super().do_plusminus(parser, node)
                if isinstance(sorted_node, syntax.AndNotGroup) and not len(sorted_node[0]):
                    sorted_node = syntax.NotGroup([sorted_node[1]])
                group[i] = sorted_node


class FuzzyWords(FuzzyTermPlugin):
    """``word~``, where a word that analyses to nothing (punctuation, ``--~``) is left out of
    the query as any such word is (Whoosh's own node failed on it)."""

    class FuzzyTermNode(FuzzyTermPlugin.FuzzyTermNode):
        def query(self, parser):
            q = syntax.TextNode.query(self, parser)
            if q is None:
                return None
            q.maxdist = self.maxdist
            q.prefixlength = self.prefixlength
            return q


class SearchableFields(FieldsPlugin):
    """``name:`` for the fields a query can search. A column of the schema (``outlet``, read
    for the counts by outlet) named where the query check does not see a field (``~2outlet:x``)
    is text, as an unknown name is: Whoosh failed on it."""

    def do_fieldnames(self, parser, group):
        for node in group:
            if isinstance(node, syntax.FieldnameNode) and node.fieldname in parser.schema \
                    and parser.schema[node.fieldname].format is None:
                node.fieldname = ""  # not in the schema: Whoosh puts its text back
        return super().do_fieldnames(parser, group)


class _NeedsLeft:
    """``x ANDNOT y`` and ``x ANDMAYBE y`` match nothing without ``x`` (a stop word, say):
    Whoosh's group then answered ``y`` alone, the very paragraphs ``ANDNOT`` excludes. The
    group drops out instead, as an operator without a word does (and as the server reads
    it)."""

    def query(self, parser):
        required = self.nodes[0].query(parser)
        if required is None:
            return None
        other = self.nodes[1].query(parser)
        return attach(required if other is None else self.qclass(required, other), self)


class AndNotGroup(_NeedsLeft, syntax.AndNotGroup):
    pass


class AndMaybeGroup(_NeedsLeft, syntax.AndMaybeGroup):
    pass


def _operators() -> OperatorsPlugin:
    """Whoosh's operators, in Whoosh's order and syntax, with the groups of ``ANDNOT`` and
    ``ANDMAYBE`` those of :class:`_NeedsLeft`."""
    plugin = OperatorsPlugin()
    ours = {syntax.AndNotGroup: AndNotGroup, syntax.AndMaybeGroup: AndMaybeGroup}
    for tagger, _priority in plugin.ops:
        tagger.grouptype = ours.get(tagger.grouptype, tagger.grouptype)
    return plugin


def make_parser(schema, field: str = "text") -> QueryParser:
    """The parser of the reader's query language; words without a field search ``field``."""
    parser = QueryParser(field, schema)
    parser.add_plugin(FuzzyWords())
    parser.remove_plugin_class(FieldsPlugin)
    parser.add_plugin(SearchableFields())
    parser.remove_plugin_class(OperatorsPlugin)
    parser.add_plugin(_operators())
    # '-word' excludes, but a hyphen inside a word (negara-negara) is part of the word.
    parser.remove_plugin_class(PlusMinusPlugin)
    # a sign starts a word (after a space or an opening parenthesis), never joins two
    parser.add_plugin(NestedPlusMinus(plusexpr=r"(?<![^\s(])\+(?=\S)",
                                      minusexpr=r"(?<![^\s(])-(?=\S)"))
    parser.remove_plugin_class(GtLtPlugin)
    # Lucene's [a TO b] ranges are no part of the language (dates have date:A..B): brackets
    # are punctuation around words, as the other backends read them
    parser.remove_plugin_class(RangePlugin)
    return parser


def parse(parser: QueryParser, query: str):
    """Parse a checked query (see :func:`reader.search.query.check_query`)."""
    try:
        parsed = parser.parse(canonical_fields(query, EXTRA_PREFIX))
    except QueryParserError as exc:  # the parser is lenient; what it still rejects is one line
        raise QueryError(f"cannot read the query ({exc})") from exc
    if parsed is None or parsed is NullQuery:
        raise QueryError("the query has only common words (such as 'yang', 'dan'); add another")
    if isinstance(parsed, Every):
        raise QueryError("a wildcard needs at least one letter before it, e.g. Kaz*")
    return filters(parsed)


class Filter(WrappingQuery):
    """A part of a query that only narrows: its matches score nothing, so a filter leaves
    the ranking (and the scores) of what it keeps as they were."""

    def _rewrap(self, child) -> Filter:
        return Filter(child)

    def matcher(self, searcher, context=None):
        return _Unscored(self.child.matcher(searcher, context))


class _Unscored(WrappingMatcher):
    def score(self) -> float:
        return 0.0

    def supports_block_quality(self) -> bool:
        return False


class Excluding(AndNot):
    """``a ANDNOT b`` whose matcher checks its first match against ``b`` too, and stops when
    a skip runs ``a`` out.

    Whoosh 3's ``AndNotMatcher`` skips ``b`` to the first match of ``a`` only when both start
    on the same document, so a walk through its matches (a count) took the first paragraph of
    ``a`` in a segment even when it held an excluded word. (Its scored collector happens to
    skip to a block's quality first, which hides the fault from ranked results.) And when an
    AND around it skips ``a`` past its last match, it still asks ``a`` for its document: an
    ``IndexError`` (found with ``Tokayev ("Lokhoyah presiden" -Tokayev)``)."""

    def matcher(self, searcher, context=None):
        return _ExcludingMatcher(self.a.matcher(searcher, context),
                                 self.b.matcher(searcher, searcher.boolean_context()))


class _ExcludingMatcher(AndNotMatcher):
    def _find_first(self) -> None:
        if self.a.is_active() and self.b.is_active():
            self._find_next()

    def _find_next(self):
        if not self.a.is_active():  # a skip ran out of ``a``: nothing left to exclude from
            return False
        return super()._find_next()


def excluding(q):
    """``q`` with every ``AndNot`` made :class:`Excluding`, and every AND with ``NOT`` parts
    (``Tokayev (-menteri)``, ``presiden NOT menteri``) made one: what it keeps, excluding what
    they name."""
    if q.is_leaf():
        return q
    node = q.apply(excluding)
    if isinstance(node, And):
        kept = [sub for sub in node.subqueries if not isinstance(sub, Not)]
        banned = [sub.query for sub in node.subqueries if isinstance(sub, Not)]
        if kept and banned:
            node = AndNot(kept[0] if len(kept) == 1 else And(kept),
                          banned[0] if len(banned) == 1 else Or(banned))
    if type(node) is AndNot:
        node = Excluding(node.a, node.b)
        if q.boost != 1.0:
            node.boost = q.boost
    return node


class DayRange(TermRange):
    """A range of day texts; it has no words a spelling correction could change."""

    def tokens(self, boost=1.0, exreq=False):
        return iter(())


def is_filter(fieldname: str) -> bool:
    """A field that filters and never scores (see :mod:`reader.search.fields`)."""
    return fieldname in (DATE, LANG) or fieldname.startswith(EXTRA_PREFIX)


def filters(q):
    """``q`` with its ``date:``, ``lang:`` and extra-field parts made filters: a date as a
    range of day texts, a language by its first part, each scoring nothing."""
    def visit(node):
        if node.is_leaf() and node.field() is not None and is_filter(node.field()):
            fieldname = node.field()
            if fieldname == DATE:
                low, high = date_bounds(getattr(node, "text", "") or "")
                node = DayRange(DATE, low, high)
            elif fieldname == LANG and isinstance(node, Term):
                node = Term(LANG, language(node.text))
            elif fieldname == LANG and isinstance(node, Prefix):
                node = Prefix(LANG, node.text.lower())
            return Filter(node)
        return node if node.is_leaf() else node.apply(visit)

    return visit(q)


_PARSED: OrderedDict[tuple[int, str], object] = OrderedDict()


def parse_cached(parser: QueryParser, query: str):
    """:func:`parse` with a small cache: search-as-you-type repeats queries (and their errors)."""
    key = (id(parser), query)
    hit = _PARSED.get(key)
    if hit is None:
        try:
            hit = parse(parser, query)
        except QueryError as exc:
            hit = exc
        _PARSED[key] = hit
        if len(_PARSED) > 512:
            _PARSED.popitem(last=False)
    else:
        _PARSED.move_to_end(key)
    if isinstance(hit, QueryError):
        raise hit
    return hit


def _literal(q) -> str:
    if isinstance(q, Prefix):
        return q.text
    if isinstance(q, Wildcard):
        return re.split(r"[*?\[]", q.text, maxsplit=1)[0]
    return q.text[:max(1, q.prefixlength)]  # fuzzy: at least the first letter is kept


def _cap(q) -> int:
    return MAX_EXPANSION if isinstance(q, FuzzyTerm) else MAX_PREFIX_EXPANSION


def expand(q, reader, deadline: float | None = None, budget: list[int] | None = None
           ) -> tuple[list[bytes], bool]:
    """The terms a prefix, wildcard or fuzzy word stands for: at most its cap, most frequent
    first, and whether some were left out (the cap, the scan limit, a capped edit distance or
    the deadline). Cached per index reader. ``budget`` (``[MAX_SCAN]`` unless given) is the
    number of index terms it may look at, spent in place."""
    cache = reader_cache(reader, "expansions")
    key = (type(q).__name__, q.field(), q.text, getattr(q, "maxdist", None),
           getattr(q, "prefixlength", None))
    if key in cache:
        return cache[key]
    literal = _literal(q)
    budget = budget if budget is not None else [MAX_SCAN]
    counts: dict[bytes, int] = {}
    cut = False
    if isinstance(q, FuzzyTerm):
        distance = min(q.maxdist, MAX_FUZZY_DISTANCE)
        cut = distance < q.maxdist
        text = q.text
        size = len(text)
        # one edit (the default) has a check ~10x faster than the edit distance's table
        close = one_edit if distance == 1 else (
            lambda a, b: edits(a, b, distance) <= distance)
        for n, (btext, df) in enumerate(term_dfs(reader, q.field(), literal.encode(), budget)):
            if not n & 1023 and deadline is not None and time.perf_counter() > deadline:
                cut = True
                break
            word = btext.decode("utf-8", "replace")
            if abs(len(word) - size) <= distance and close(text, word):
                counts[btext] = counts.get(btext, 0) + df
    else:
        pattern = None if isinstance(q, Prefix) else re.compile(fnmatch.translate(q.text))
        for n, (btext, df) in enumerate(term_dfs(reader, q.field(), literal.encode(), budget,
                                                 keep=True)):
            if not n & 1023 and deadline is not None and time.perf_counter() > deadline:
                cut = True
                break
            if pattern is not None and (btext[:1] == b"\x01" or not pattern.match(
                    btext.decode("utf-8", "replace"))):
                continue  # b"\x01": the language mark (analysis.ENGLISH_MARK), not a word
            counts[btext] = counts.get(btext, 0) + df
    cap = _cap(q)
    cut = cut or budget[0] < 0 or len(counts) > cap
    if isinstance(q, FuzzyTerm):
        chosen = heapq.nlargest(cap, counts, key=lambda t: (counts[t], t)) if len(
            counts) > cap else sorted(counts)
    else:  # most frequent first: what a search stopped by its time budget has scored
        chosen = sorted(counts, key=lambda t: (-counts[t], t))[:cap]
    if len(cache) > 256:
        cache.pop(next(iter(cache)))
    if not (deadline is not None and time.perf_counter() > deadline):
        cache[key] = (chosen, cut)  # an expansion the clock stopped is not kept
    return chosen, cut


def bounded(q, reader, deadline: float | None = None) -> tuple[object, bool]:
    """``q`` with every prefix, wildcard and fuzzy word replaced by an OR of at most its cap of
    real index terms (the most frequent), so no query shape blocks; and whether any was cut.

    The expansions are scored (BM25) like typed words, which lets the fast path take them.
    """
    cut = [False]

    def visit(node):
        if isinstance(node, (Prefix, Wildcard, FuzzyTerm)):
            terms, truncated = expand(node, reader, deadline)
            cut[0] = cut[0] or truncated
            fieldname = node.field()
            subs = [Term(fieldname, t.decode("utf-8"), boost=node.boost) for t in terms]
            if not subs:
                return NullQuery
            return subs[0] if len(subs) == 1 else Or(subs)
        return node.apply(visit) if node.is_leaf() is False else node

    return visit(q), cut[0]


def para_only(q) -> bool:
    """True when every document ``q`` can match is a paragraph (no kind:para filter needed)."""
    if isinstance(q, Filter):  # only paragraphs have the fields filters read
        return True
    if isinstance(q, (Term, Phrase, MultiTerm)):
        return q.field() in PARA_ONLY_FIELDS
    if isinstance(q, (And, Ordered)):
        return any(para_only(sub) for sub in q.children())
    if isinstance(q, (Or, DisjunctionMax)):
        subs = list(q.children())
        return bool(subs) and all(para_only(sub) for sub in subs)
    if isinstance(q, (AndNot, AndMaybe)):
        return para_only(q.a)
    return False
