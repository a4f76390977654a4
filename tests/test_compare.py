"""Comparing the two seeds, and unrelated real articles aligning to nothing."""

from __future__ import annotations

import json
import subprocess
import sys

from reader.compare import align
from reader.ingest import load

from .conftest import DOC_000, DOC_001, ROOT, SEEDS


def test_seed_alignment_pairs_the_known_counterparts(seeds_library):
    alignment = seeds_library.compare(DOC_000, DOC_001)
    pairs = {(p.a, p.b) for p in alignment.pairs}
    assert (8, 2) in pairs, "the Trump post in two translations"
    assert (11, 6) in pairs, "the 2020 signatories"
    assert set(alignment.only_a) | {p.a for p in alignment.pairs} == set(range(1, 13))
    assert set(alignment.only_b) | {p.b for p in alignment.pairs} == set(range(1, 8))
    assert 7 in alignment.only_b  # Mohammed bin Salman's visit is only in 001


def test_seed_trump_quotes_find_each_other(seeds_library):
    alignment = seeds_library.compare(DOC_000, DOC_001)
    assert alignment.quotes, "the two translations of Trump's statement must match"
    best = alignment.quotes[0]
    assert (best.a, best.b) == (8, 2)
    assert best.score >= 0.3


def test_related_finds_the_other_translation(seeds_library):
    related = seeds_library.related(DOC_000, 8)
    assert related and (related[0].doc, related[0].para) == (DOC_001, 2)
    back = seeds_library.related(DOC_001, 2)
    assert any((r.doc, r.para) == (DOC_000, 8) for r in back)
    assert any(r.quote is not None and (r.doc, r.para) == (DOC_000, 8) for r in back)


def test_related_of_a_repeat_uses_its_first_occurrence(seeds_library):
    assert [(r.doc, r.para) for r in seeds_library.related(DOC_001, 8)][:1] == [(DOC_000, 8)]


def test_unrelated_real_articles_align_to_nothing(hoax_csv):
    articles = {a.doc: a for a in load(hoax_csv)}
    volcano = articles["berita_hoax_indonesia-0001"]  # Gunung Agung erupts
    iran = next(a for a in articles.values() if "Ukraina" in a.title and "Iran" in a.title)
    alignment = align(volcano, iran)
    assert alignment.pairs == [] and alignment.quotes == []


def test_compare_cli_json_contract(seeds_library):
    done = subprocess.run(
        [sys.executable, "-m", "reader", "compare", DOC_000, DOC_001, "--json",
         "--corpus", str(SEEDS), "--index", str(seeds_library.index_dir)],
        capture_output=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert set(data) >= {"pairs", "only_a", "only_b", "quotes"}
    assert {"a": 8, "b": 2} in [{"a": p["a"], "b": p["b"]} for p in data["pairs"]]
    assert all(set(p) >= {"a", "b", "score"} for p in data["pairs"])
    assert data["quotes"][0]["a"][0] == 8 and data["quotes"][0]["b"][0] == 2


def test_related_cli_json(seeds_library):
    done = subprocess.run(
        [sys.executable, "-m", "reader", "related", f"{DOC_000}:8", "--json",
         "--corpus", str(SEEDS), "--index", str(seeds_library.index_dir)],
        capture_output=True, cwd=ROOT, timeout=120)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout)
    assert data[0]["doc"] == DOC_001 and data[0]["para"] == 2


def test_quote_counterparts_for_also_in(seeds_library):
    found = seeds_library.quote_counterparts(DOC_000)
    assert (8, 1) in found
    assert [(r.doc, r.para, r.quote) for r in found[(8, 1)]] == [(DOC_001, 2, 1)]
    back = seeds_library.quote_counterparts(DOC_001)
    assert [(r.doc, r.para) for r in back[(2, 1)]] == [(DOC_000, 8)]


def test_related_ties_come_in_article_and_paragraph_order_whatever_the_index_proposed():
    """Candidates come from the index in its own order (each backend ranks by its own
    scores); the same statement told word for word in several articles ties, and the list
    must be the same on every backend."""
    from reader.compare import rank_related
    from reader.records import Article, Paragraph, Quote

    said = "Kami akan membangun jembatan baru tahun depan"
    text = f"“{said},” kata Bupati Rahmat Hidayat di Pendopo."

    def paragraph(number: int) -> Paragraph:
        return Paragraph(number, text, 0, len(text), quotes=[Quote(1, 1 + len(said), said)])

    candidates = [(Article(doc=doc, path="", title=doc), paragraph(number))
                  for doc, number in (("c", 2), ("a", 5), ("b", 1), ("a", 3))]
    ranked = rank_related(paragraph(1), candidates)
    order = [("a", 3), ("a", 5), ("b", 1), ("c", 2)]
    for quote in (None, 1):  # the paragraphs, and their quotes
        assert [(r.doc, r.para) for r in ranked if r.quote == quote] == order
