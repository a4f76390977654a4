"""Whoosh's parsed queries in the engine-neutral tree of :mod:`reader.search.postgresql.parse`,
so tests can check that both read the query language alike."""

from __future__ import annotations

from reader.search.postgresql import parse as p


def convert(q):
    from whoosh import query as wq

    if q is None or q is wq.NullQuery:
        return None
    boost = float(getattr(q, "boost", 1.0))
    if isinstance(q, wq.Phrase):
        return p.Phrase(q.fieldname, tuple(q.words), q.slop, boost)
    if isinstance(q, wq.FuzzyTerm):
        return p.Fuzzy(q.fieldname, q.text, q.maxdist, q.prefixlength, boost)
    if isinstance(q, wq.Prefix):
        return p.Prefix(q.fieldname, q.text, boost)
    if isinstance(q, wq.Wildcard):
        return p.Wildcard(q.fieldname, q.text, boost)
    if isinstance(q, wq.Term):
        return p.Term(q.fieldname, q.text, boost)
    if isinstance(q, wq.AndNot):
        return p.AndNot(convert(q.a), convert(q.b))
    if isinstance(q, wq.AndMaybe):
        return p.AndMaybe(convert(q.a), convert(q.b))
    if isinstance(q, wq.Not):
        return p.Not(convert(q.query))
    if isinstance(q, wq.And):
        return p.And(tuple(convert(s) for s in q.subqueries))
    if isinstance(q, wq.Or):
        return p.Or(tuple(convert(s) for s in q.subqueries))
    raise TypeError(f"no counterpart for {q!r}")


def whoosh_tree(query: str):
    from reader.search.query import check_query
    from reader.search.whoosh.parse import make_parser
    from reader.search.whoosh.parse import parse as whoosh_parse
    from reader.search.whoosh.schema import build_schema

    global _PARSER
    try:
        parser = _PARSER
    except NameError:
        parser = _PARSER = make_parser(build_schema())
    return convert(whoosh_parse(parser, check_query(query)))
