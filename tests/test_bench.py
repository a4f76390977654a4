"""The benchmark runs and prints its JSON schema (never timed: no assertion on any figure).

Also checks the two shortcuts the benchmarks led to: highlight tokens computed without Whoosh's
filter chain, and term-at-a-time scoring, each against the Whoosh code it replaces.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
BENCH = REPO / "bench"
sys.path.insert(0, str(BENCH))

import generate  # noqa: E402


def test_generator_is_deterministic(tmp_path):
    one = generate.generate(tmp_path / "a", 120, seed=7)
    two = generate.generate(tmp_path / "b", 120, seed=7)
    assert one["paragraphs"] == two["paragraphs"] == 120
    files_a = sorted(p.relative_to(tmp_path / "a") for p in (tmp_path / "a").rglob("*.txt"))
    files_b = sorted(p.relative_to(tmp_path / "b") for p in (tmp_path / "b").rglob("*.txt"))
    assert files_a == files_b
    for rel in files_a:
        assert (tmp_path / "a" / rel).read_bytes() == (tmp_path / "b" / rel).read_bytes()
    title, outlet, paras = generate.read_generated(tmp_path / "a" / files_a[0])
    assert title and outlet and paras


@pytest.fixture(scope="module")
def bench_json(tmp_path_factory):
    work = tmp_path_factory.mktemp("bench")
    proc = subprocess.run(
        [sys.executable, str(BENCH / "run.py"), "--paragraphs", "300", "--json", "--work",
         str(work), "--query-budget", "0.02", "--cold-runs", "1", "--no-tui"],
        capture_output=True, text=True, cwd=REPO, timeout=600,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(proc.stdout)


def ab(script: str, tmp_path, *options: str) -> tuple[dict, Path]:
    """``script`` run on a second checkout (a copy of this one's package) and this one, over
    the seeds: its JSON document, and the second checkout."""
    import shutil

    other = tmp_path / "other"
    shutil.copytree(REPO / "reader", other / "reader",
                    ignore=shutil.ignore_patterns("__pycache__"))
    out = tmp_path / "ab.json"
    proc = subprocess.run(
        [sys.executable, str(BENCH / script), str(other), str(REPO), "--corpus",
         str(REPO / "seeds"), *options, "--out", str(out)],
        capture_output=True, text=True, cwd=REPO, timeout=600)
    assert proc.returncode == 0, proc.stderr[-2000:]
    return json.loads(out.read_text()), other


def test_build_ab_builds_each_checkout_it_is_given(tmp_path):
    doc, other = ab("build_ab.py", tmp_path, "--builds", "1", "--work", str(tmp_path / "work"))
    runs = doc["runs"]
    assert [r["code"] for r in runs["old"]] == [str(other)]
    assert [r["code"] for r in runs["new"]] == [str(REPO)]
    assert runs["old"][0]["paragraphs"] == runs["new"][0]["paragraphs"] > 0


def test_pg_load_ab_loads_each_checkout_it_is_given(tmp_path):
    import shutil

    from tests.pg_server import need_server, server_folder

    need_server()
    work = server_folder()  # reachable by the user the servers run as (see there)
    try:
        doc, other = ab("pg_load_ab.py", tmp_path, "--loads", "1", "--work", str(work))
    finally:
        shutil.rmtree(work, ignore_errors=True)
    loads = doc["loads"]
    assert [r["reader"] for r in loads["old"]] == [str(other / "reader" / "__init__.py")]
    assert [r["reader"] for r in loads["new"]] == [str(REPO / "reader" / "__init__.py")]
    assert loads["old"][0]["paragraphs"] == loads["new"][0]["paragraphs"] > 0
    assert {"client", "analysing_workers", "server"} <= set(loads["new"][0]["cpu_seconds"])


def test_run_prints_the_schema(bench_json):
    doc = bench_json
    assert doc["schema"] == "reader-bench/2"
    for key in ("machine", "corpus", "index", "queries", "cold", "tui", "summary", "targets"):
        assert key in doc
    assert {"cpu", "cores", "versions"} <= set(doc["machine"])
    assert doc["corpus"]["paragraphs"] == 300
    index = doc["index"]
    for engine in ("reader", "fts5"):
        assert {"seconds", "paragraphs", "paragraphs_per_s", "peak_rss_mb"} <= set(index[engine])
    assert index["same_paragraphs"] is True
    assert {"noop_s", "one_changed_article_s", "one_changed_article_found"} <= set(
        index["update"])
    assert "ratio_rate" in index
    classes = {"rare", "common", "and", "phrase", "prefix3", "prefix2", "prefix1", "fuzzy",
               "field"}
    assert set(doc["queries"]) == classes
    for spec in doc["queries"].values():
        for engine in ("reader", "fts5"):
            assert {"median_ms", "p95_ms", "runs", "hits"} <= set(spec[engine])
        assert {"query", "fts5_query", "counts_comparable", "counts_equal", "ratio_median",
                "ratio_p95"} <= set(spec)
        assert spec["reader"]["error"] is None
    assert {"reader", "rg", "fts5", "ratio_median", "query"} <= set(doc["cold"])
    for name in ("prefix3", "prefix2", "prefix1", "fuzzy"):  # first queries, fresh processes
        assert {"reader", "fts5", "ratio_median"} <= set(doc["uncached"][name])
        assert doc["uncached"][name]["reader"]["runs"] >= 1
    if "tantivy" in doc["cold"]:  # the tantivy column, when the package is installed
        assert all("tantivy" in spec for spec in doc["queries"].values())
    assert "meets" in doc["summary"]


def test_names_count_the_same_in_both_engines(bench_json):
    # Names are not stemmed, so both engines must agree exactly on them.
    for name in ("rare", "field"):
        spec = bench_json["queries"][name]
        assert spec["counts_comparable"] and spec["counts_equal"], spec


def test_highlight_tokens_match_the_analyzer():
    from reader.language.analysis import surface_tokens
    from reader.search.whoosh.analyzer import text_analyzer

    texts = [p.read_text(encoding="utf-8") for p in sorted((REPO / "seeds").glob("*.txt"))]
    texts.append("negara-negara Kassym-Jomart Jum'at-an --x-- a-b- Café ÉLAN bangsa-bangsanya "
                 "tarik-menarik 2020-2021 ke-3 İstanbul ŞEHİR Ærø")
    for text in texts:
        chain = [(t.text, t.startchar, t.endchar) for t in text_analyzer()(text, chars=True)]
        assert surface_tokens(text) == chain


def test_fast_scoring_matches_whoosh(tmp_path):
    from whoosh import collectors
    from whoosh.query import And, Term

    from reader.library import Library
    from reader.search.whoosh.fastpath import fast_search, usable
    from reader.search.whoosh.languages import both_languages
    from reader.search.whoosh.parse import PARA_ONLY_FIELDS, bounded, make_parser, para_only, parse
    from reader.search.whoosh.search import FAST_FIELDS, count, not_paragraphs

    generate.generate(tmp_path / "c", 400, seed=3)
    lib = Library(tmp_path / "c", tmp_path / "i", backend="whoosh")
    lib.update()
    shared = lib.backend.store.open()
    searcher = shared.searcher()
    parser = make_parser(shared.schema)
    queries = ["tidak", "tidak orang", '"salah satu"', "ti*", "tidak -orang", "tidak OR orang",
               "title:Manyo", "Manyo~"]
    from reader.search.whoosh import scoring

    scoring._np()  # loaded: the fast path takes small queries too
    for text in queries:
        q, _ = bounded(both_languages(parse(parser, text), searcher.reader()),
                       searcher.reader())
        only_paragraphs = para_only(q)
        assert usable(searcher, q, PARA_ONLY_FIELDS if only_paragraphs else FAST_FIELDS), text
        drop, bonus = (frozenset(), 0.0) if only_paragraphs else not_paragraphs(searcher)
        top, total, _ = fast_search(searcher, q, 10, None, drop=drop, bonus=bonus)
        filtered = q if only_paragraphs else And([q, Term("kind", "para")])
        collector = collectors.TopCollector(limit=10)
        searcher.search_with_collector(filtered, collector)
        expected = [(h.score, h.docnum) for h in collector.results()]
        assert [d for _, d in top] == [d for _, d in expected], text
        assert [round(s, 9) for s, _ in top] == [round(s, 9) for s, _ in expected], text
        assert total == count(searcher, filtered), text
    lib.close()
