"""Queries made of the language's syntax and the syntax of other engines, thrown at every
backend: each answers or refuses in one line, never fails.

Strings like ``[a TO b]``, ``speaker:outlet:x`` or ``--~`` ended Whoosh searches in internal
errors; the atoms below are the pieces such strings were made of, joined at random (seeded:
the same queries on every run, and on every backend)."""

from __future__ import annotations

import random

import pytest

from reader.errors import QueryError
from reader.search.backend import SearchRequest

from .pg_server import pg_server  # noqa: F401  (the PostgreSQL factory's server)
from .test_backend_contract import seeds  # noqa: F401  (the seeds, once per engine)

ATOMS = [
    "Tokayev", "Rubio", "gabung", "the", "dan", "yang", "ke-", "kata", "x", "2025", "0", "-1",
    "1e5", "-", "+", "~", "~2", "*", "?", '"', "(", ")", ":", "'", "\\", "/", ".", ",", "!",
    "[", "]", "{", "}", "^", "^2", "#", "@", "<", ">=", "..", "AND", "OR", "NOT", "ANDNOT",
    "ANDMAYBE", "TO", "[a TO b]", "{a TO b}", "*:*", "title:", "speaker:", "quote:",
    "outlet:", "source:", "doc:", "date:", "date:2025..", "date:..2024-13", "lang:", "a*b",
    "*a", " ", " ", "\t", "é", "İ", "ß", "Ｔｏｋａｙｅｖ", "😀", "\u202e", "\u0301", "\u00ad",
]
QUERIES = 400


def _queries() -> list[str]:
    rng = random.Random(20261201)
    return ["".join(rng.choice(ATOMS) for _ in range(rng.randint(1, 6))) for _ in range(QUERIES)]


def test_every_query_answers_or_is_refused_in_one_line(seeds):  # noqa: F811
    answered = refused = 0
    for query in _queries():
        try:
            result = seeds.search(SearchRequest(query, limit=20, time_budget=None))
        except QueryError as exc:
            assert str(exc) and "\n" not in str(exc), query
            refused += 1
            continue
        assert result.total >= len(result.hits), query
        answered += 1
    assert answered > QUERIES // 10 and refused > QUERIES // 10  # both paths were taken


@pytest.mark.parametrize("query", ["Tokayev [a TO b]", "speaker:outlet:x", "Tokayev --~",
                                   "Tokayev~2outlet:x", "title:*"])
def test_the_strings_that_failed(seeds, query):  # noqa: F811
    try:
        seeds.search(SearchRequest(query, limit=20, time_budget=None))
    except QueryError as exc:
        assert "\n" not in str(exc)
