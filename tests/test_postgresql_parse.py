"""The engine-neutral query parser reads the query language as the Whoosh index does: the same
tree for every query below and for generated ones (needs no server)."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.errors import QueryError
from reader.language.analysis import ENGLISH_MARK
from reader.search.postgresql.languages import both_languages
from reader.search.postgresql.lexemes import tokens
from reader.search.postgresql.parse import (
    And,
    AndNot,
    Not,
    Or,
    Phrase,
    Prefix,
    Term,
    leaves,
    parse,
)
from tests.whoosh_tree import whoosh_tree

QUERIES = [
    "Tokayev (Trump -Rubio)", "Tokayev (-Rubio)", "(Tokayev -Rubio) OR gabung",
    "title:(Tokayev -Rubio)", "((Tokayev -Rubio) -Trump) gabung", "Tokayev (+Trump Rubio)",
    "Tokayev", "gabung NOT Trump", "gabung -Trump", "Tokayev OR Rubio", "(Tokayev OR Rubio) Trump",
    "Tokay*", "negara-negara", "Kazakstan~", "Kazakstan~2", "title:Terpilih", "source:Pahami.id",
    "speaker:Rubio", "quote:resmi", '"Truth yang Social"', '"mengatakan bahwa"', "Kassym-Jomart",
    "TOKAYEV", "Jum'at", "a yang b", "doc:001_5c215c6b1a4db355", "tid* OR x", "Kaz?stan",
    "NOT Trump gabung", "title:(Abraham Accords)", "x AND y OR z", "x OR y z", "Menteri+",
    "+Rubio", "Rubio^2", "café", "mengatakan", "2025", "Trump, Rubio", "e-mail",
    "title:abraham*", "t*", "speaker:Rub*", "x ANDNOT y", "x ANDMAYBE y", "Rubio~1/2",
    "x OR y AND z", "x NOT y OR z", "NOT x", "-x y", 'x -"truth social"', "title:x y",
    "title:x OR y", "mengatakan*", "Mengatakan~", "Kaz*stan", "x NOT NOT y", "a OR b OR c",
    "a AND b AND c", "x NOT (y OR z)", "NOT x OR y", "x y OR z w", '"Truth Social"~2',
    "title:Kaz~", "x-y*", "negara-negara*", "yang*", "yang~", "x (yang)", "x OR yang", "Café*",
    "x^2 y", '"truth social"^3', "x^", "x~0", "x~3", "Jum’at", "foo_bar", "x/y", "x.y", "U.S.",
    "12:30", "a - b", "x OR -y", "(a b) OR c", "source:(Pahami OR Kompas)", "title:(x OR y) z",
    "+x y", "+x -y z", "x (NOT y)", "NOT NOT y", "x AND NOT y", "x OR NOT y", "x ANDNOT y OR z",
    "x^2.5", "x~/2", "title:x*", "title:(x y*)", "x* OR y", "Kaz?", "k*z", "*kaz", "x -(y z)",
    "x - y", "x AND (y)", "NOT (x y)", "x NOT y NOT z", "title:Kassym-Jomart", "source:x y",
    "x+ y", "x OR y OR z AND w", "x AND y AND z OR w", "x OR (y AND z)", "(NOT x) y",
    "TITLE:Abraham", "Presiden Tokayev", '"Abraham Accords" Kazakhstan -Trump',
]


def _both(query: str):
    try:
        theirs = whoosh_tree(query)
    except QueryError:
        theirs = "error"
    try:
        ours = parse(query)
    except QueryError:
        ours = "error"
    return theirs, ours


@pytest.mark.parametrize("query", QUERIES)
def test_same_tree_as_whoosh(query):
    theirs, ours = _both(query)
    assert ours == theirs


WORDS = ["Tokayev", "gabung", "Trump", "yang", "negara-negara", "Rubio", "mengatakan", "Café",
         "x", "Kazakhstan", "abraham", "2025"]


@st.composite
def queries(draw, depth=0):
    parts = []
    for _ in range(draw(st.integers(1, 4))):
        kind = draw(st.sampled_from(["word", "word", "phrase", "prefix", "field", "group",
                                     "op", "not", "minus", "fuzzy"]))
        word = draw(st.sampled_from(WORDS))
        if kind == "phrase":
            parts.append('"' + " ".join(draw(st.lists(st.sampled_from(WORDS), min_size=1,
                                                      max_size=3))) + '"')
        elif kind == "prefix":
            parts.append(word[:draw(st.integers(2, max(2, len(word))))] + "*")
        elif kind == "field":
            parts.append(draw(st.sampled_from(["title", "source", "speaker", "quote"])) + ":"
                         + word)
        elif kind == "group" and depth < 2:
            parts.append("(" + draw(queries(depth=depth + 1)) + ")")
        elif kind == "op" and parts:
            parts.append(draw(st.sampled_from(["AND", "OR"])))
            parts.append(word)
        elif kind == "not":
            parts.append("NOT " + word)
        elif kind == "minus":
            parts.append("-" + word)
        elif kind == "fuzzy":
            parts.append(word + "~")
        else:
            parts.append(word)
    return " ".join(parts)


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(queries())
def test_generated_queries_read_alike(query):
    theirs, ours = _both(query)
    assert ours == theirs, query


def test_words_are_analysed_like_the_index():
    # the parser folds words; each language's stems come after (see test_both_languages)
    assert parse("Bergabung") == Term("text", "bergabung")
    assert both_languages(parse("Bergabung")) == Or((
        AndNot(Term("text", "gabung"), Term("text", ENGLISH_MARK)),
        And((Term("text", "bergabung"), Term("text", ENGLISH_MARK, 0.0)))))
    assert both_languages(parse("title:Tokayev")) == Term("title", "tokayev")
    assert parse("source:Pahami.id") == And((Term("source", "pahami"), Term("source", "id")))
    assert parse('"Truth Social"') == Phrase("text", ("truth", "social"))
    assert parse("Tokay*") == Prefix("text", "tokay")


def test_minus_excludes_and_is_never_scored():
    tree = parse("gabung -Trump")
    assert tree == AndNot(Term("text", "gabung"), Term("text", "trump"))
    assert [(leaf.text, positive) for leaf, positive in leaves(tree)] == [
        ("gabung", True), ("trump", False)]
    assert [positive for _leaf, positive in leaves(parse("NOT Trump gabung"))] == [False, True]
    assert isinstance(parse("NOT Trump"), Not)


@pytest.mark.parametrize("query", ['"Truth Social', "(Tokayev", "Tokayev)", "AND", "OR Trump",
                                   "title:", "foo:bar", "*", "yang dan", "", "   ", "x" * 1001])
def test_malformed_queries_are_one_line_errors(query):
    with pytest.raises(QueryError) as caught:
        parse(query)
    assert "\n" not in str(caught.value)


def test_tokens_keep_whoosh_positions():
    # stop words keep their slot; split compounds take consecutive ones
    assert [(t, p) for t, p, _w in tokens("Kassym-Jomart Tokayev yang negara-negara di-sana")] == [
        ("kassym", 0), ("jomart", 1), ("tokayev", 2), ("negara", 4), ("sana", 6)]
