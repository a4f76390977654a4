"""Quotations scored on the hand-labelled news-dev corpus (``../shared/corpora/news-dev``),
read through the reader's own ingestion, with the label definitions of its ``labels.json``
(see ``tests/quote_scoring.py`` for how each figure is counted). Skipped when ``../shared`` is
not beside this checkout."""

from __future__ import annotations

import pytest

from .quote_scoring import NEWS_DEV, score_news_dev

pytestmark = pytest.mark.skipif(not (NEWS_DEV / "labels.json").is_file(),
                                reason="the shared news-dev corpus is not beside this checkout")


@pytest.fixture(scope="module")
def figures():
    misses: list[str] = []
    score = score_news_dev(misses=misses)
    print("\n" + "\n".join(misses))
    return {lang: score.figures(lang) for lang in ("id", "en", None)}


def test_statements_are_found(figures):
    assert figures[None]["recall"] >= 0.97


def test_speakers_are_right(figures):
    assert figures[None]["speaker"] >= 0.95


def test_what_is_reported_as_a_statement_is_one(figures):
    assert figures[None]["precision"] >= 0.95


def test_terms_and_titles_are_terms(figures):
    assert figures[None]["term_accuracy"] >= 0.90


def test_the_medium_is_named(figures):
    assert figures[None]["via_accuracy"] >= 0.80


def test_both_languages_are_scored(figures):
    """Each language has labelled statements, so neither figure is vacuous."""
    assert figures["id"]["statements"] > 0 and figures["en"]["statements"] > 0
