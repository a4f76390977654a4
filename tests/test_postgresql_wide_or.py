"""A word ANDed with a prefix of thousands of index words, on a real server: matched through
the GIN indexes and scored row by row, which overflowed the server's stack (a sum thousands
of additions deep) and, planned without its values, parsed the whole ``tsquery`` again for
every row. Now it answers, with the same scores as the row-by-row sum of a narrow OR."""

from __future__ import annotations

import pytest

from reader.search.backend import SearchRequest
from reader.search.postgresql import translate
from tests.pg_server import loaded_backend, pg_server  # noqa: F401  (fixtures)

WORDS = 6000  # index words sharing the prefix "zq"
SYLLABLES = ["ba", "ki", "lu", "mo", "ne", "pa", "ri", "so", "tu", "we"]


def _word(number: int) -> str:
    """A distinct made-up word for ``number``: ``zq`` and four syllables (no stemmer
    affix in it, so each stays a word of its own)."""
    digits = f"{number:04d}"
    return "zq" + "".join(SYLLABLES[int(d)] for d in digits)


@pytest.fixture(scope="module")
def backend(pg_server, tmp_path_factory):  # noqa: F811
    root = tmp_path_factory.mktemp("wide-or") / "corpus"
    root.mkdir()
    for article in range(WORDS // 100):
        words = [_word(article * 100 + n) for n in range(100)]
        paragraphs = [f"Warga kampung bercerita tentang {' '.join(words[i:i + 25])}."
                      for i in range(0, 100, 25)]
        paragraphs.append("Cerita lain tanpa kata itu.")
        (root / f"kabar_{article:02d}.txt").write_text(
            f"Kabar {article}\n\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
    ours = loaded_backend(pg_server, "reader_wide_or", root)
    yield ours
    ours.close()


def test_a_word_and_a_prefix_of_thousands_of_words(backend):
    result = backend.search(SearchRequest("kampung zq*", limit=300, time_budget=None))
    assert result.error is None
    assert result.total == 240 == len(result.hits)  # 60 articles, 4 paragraphs each
    # the prefix stands for every one of its words, and each hit scores its 25 of them
    expanded = backend.search(SearchRequest("zq*", limit=1, time_budget=None))
    assert expanded.total == 240 and not expanded.partial
    kampung = backend.search(SearchRequest("kampung", limit=1, time_budget=None)).hits[0].score
    assert all(h.score > 10 * kampung for h in result.hits)


def test_looking_up_a_row_s_words_scores_as_testing_each_word(backend, monkeypatch):
    """The same query scored the two ways: a row's words looked up in the weights (past
    ``MANY_WORDS``), and a ``CASE`` per word (MANY_WORDS raised above the query's words)."""
    query = SearchRequest("kampung zqbaki*", limit=200, time_budget=None)  # 100 words
    looked_up = backend.search(query)
    monkeypatch.setattr(translate, "MANY_WORDS", 10_000)
    backend._expansions.clear()
    each = backend.search(query)
    assert looked_up.total == each.total == 4
    assert [(h.doc, h.para) for h in looked_up.hits] == [(h.doc, h.para) for h in each.hits]
    for a, b in zip(looked_up.hits, each.hits, strict=True):
        assert a.score == pytest.approx(b.score, rel=1e-9)


def test_counts_by_outlet_and_year_of_the_wide_or(backend):
    facets = backend.facets(SearchRequest("kampung zq*", time_budget=None))
    assert facets.total == 240
