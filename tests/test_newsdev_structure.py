"""Article structure measured on real news: the hand labels of the news-dev corpus.

The labels (``labels.json``, its ``schema`` field defines each one) give every article's
title, outlet, dateline place and body paragraph count as a reader counts them. The rules
were written against classes of error with tests of their own (tests/test_structure.py);
this measures them on real articles from twelve Indonesian outlets and six US ones.
"""

from __future__ import annotations

import json

import pytest

from reader.ingest import load

from .conftest import SHARED

NEWS_DEV = SHARED / "corpora" / "news-dev"


def _key(text: str | None) -> str:
    return " ".join((text or "").casefold().split())


@pytest.fixture(scope="module")
def scored():
    if not (NEWS_DEV / "labels.json").is_file():
        pytest.skip("the shared news-dev corpus is not beside this checkout")
    labels = json.loads((NEWS_DEV / "labels.json").read_text(encoding="utf-8"))["articles"]
    warnings: list[str] = []
    articles = {a.doc: a for a in load(NEWS_DEV / "articles", warnings)}
    results: dict[str, list[tuple[str, bool, str]]] = {
        "titles": [], "datelines": [], "outlets": [], "paragraphs": [], "languages": []}
    for label in labels:
        article = articles.get(label["doc"])
        assert article is not None, f"{label['doc']} was not read: {warnings}"
        doc = label["doc"]
        results["titles"].append((doc, _key(article.title) == _key(label["title"]),
                                  article.title))
        places = label["dateline"]
        got = _key(article.dateline)
        results["datelines"].append((doc, not got if places is None else any(
            got == _key(p) for p in places), str(article.dateline)))
        outlets = label.get("outlet")
        source = _key(article.source)
        results["outlets"].append((doc, not source if not outlets else any(
            _key(o) in source for o in outlets), str(article.source)))
        count = len(article.paragraphs)
        results["paragraphs"].append((doc, count == label["paragraphs"] or count in (
            label.get("paragraphs_alt") or []), str(count)))
        results["languages"].append((doc, article.language == label["lang"],
                                     str(article.language)))
    return results


@pytest.mark.parametrize("measure, floor", [
    ("titles", 0.95), ("datelines", 0.95), ("outlets", 0.95), ("paragraphs", 0.90),
    ("languages", 0.95),
])
def test_news_dev_structure(scored, measure, floor):
    rows = scored[measure]
    right = sum(ok for _, ok, _ in rows)
    wrong = [f"{doc}: {got}" for doc, ok, got in rows if not ok]
    print(f"\n{measure}: {right}/{len(rows)} = {right / len(rows):.3f}", *wrong, sep="\n  ")
    assert right / len(rows) >= floor, wrong


def test_the_hoax_csv_is_all_indonesian(hoax_csv):
    languages = [a.language for a in load(hoax_csv)]
    assert len(languages) == 282 and set(languages) == {"id"}
