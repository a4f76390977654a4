"""``reader search`` with the query fields (date:, outlet:, lang:, a corpus's own columns) and
``--sort`` over every match, as a user types them in a shell."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from reader.library import Library

from . import fields_corpus
from .test_cli_shell import at, one_error_line, run


@pytest.fixture(scope="module")
def fielded(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("cli-fields")
    corpus = fields_corpus.write(root / "corpus")
    index = root / "ix"
    done = run("index", *at(index, corpus))
    assert done.returncode == 0, done.stderr
    return corpus, index


def search(corpus: Path, index: Path, *args: str) -> dict:
    done = run("search", *args, "--json", *at(index, corpus))
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout)


def test_fields_combine_with_words_and_operators(fielded):
    corpus, index = fielded
    data = search(corpus, index, "Tokayev date:2025-11 -outlet:kompas")
    assert [(h["doc"], h["para"]) for h in data["hits"]] == [("a2", 1)]
    assert {h["doc"] for h in search(corpus, index, "kategori:hoax")["hits"]} == {"a1", "a5"}
    assert {h["doc"] for h in search(corpus, index, "lang:en Tokayev")["hits"]} == {"a3", "a5"}
    assert {h["doc"] for h in search(corpus, index, "date:2025-11-01..2025-11-30")["hits"]} == {
        "a1", "a2"}


def test_an_unknown_field_names_the_corpus_own(fielded):
    corpus, index = fielded
    done = run("search", "warna:merah", *at(index, corpus))
    assert done.returncode == 2
    line = one_error_line(done)
    assert "unknown field 'warna:'" in line and "kategori" in line and "wilayah_liputan" in line
    bad = run("search", "date:November", *at(index, corpus))
    assert bad.returncode == 2 and "2025-11-01..2025-11-30" in one_error_line(bad)


def test_show_json_has_the_fields(fielded):
    corpus, index = fielded
    done = run("show", "a2", "--json", *at(index, corpus))
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["fields"] == {"kategori": "Valid",
                                                  "Wilayah Liputan": "Asia Tengah"}


def test_sort_newest_orders_every_match_not_only_the_most_relevant(tmp_path):
    """The newest article is the least relevant of 250 hits: it still comes first."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(249):
        (corpus / f"lama{i:03d}.txt").write_text(
            f"Berita lama {i}\n\nZulkarnaen Zulkarnaen Zulkarnaen meninjau waduk.\n",
            encoding="utf-8")
        (corpus / f"lama{i:03d}.meta.toml").write_text(
            f'date = "2020-01-{1 + i % 28:02d}"\n', encoding="utf-8")
    (corpus / "baru.txt").write_text(
        "Berita baru\n\n" + "Rapat panjang tentang anggaran daerah dan jalan desa " * 12
        + "dihadiri Zulkarnaen.\n", encoding="utf-8")
    (corpus / "baru.meta.toml").write_text('date = "2025-06-01"\n', encoding="utf-8")
    index = tmp_path / "ix"
    assert run("index", *at(index, corpus)).returncode == 0
    by_relevance = search(corpus, index, "Zulkarnaen", "--limit", "250")
    assert by_relevance["total"] == 250 and by_relevance["hits"][-1]["doc"] == "baru"
    newest = search(corpus, index, "Zulkarnaen", "--sort", "newest", "--limit", "1")
    assert newest["hits"][0]["doc"] == "baru" and newest["hits"][0]["date"] == "2025-06-01"
    assert "sorted_among" not in newest
    oldest = search(corpus, index, "Zulkarnaen", "--sort", "oldest", "--limit", "1",
                    "--offset", "249")
    assert oldest["hits"][0]["doc"] == "baru"


def test_the_hoax_csv_kategori_column_is_a_field(hoax_csv, tmp_path):
    corpus = tmp_path / "hoax"
    corpus.mkdir()
    shutil.copy(hoax_csv, corpus / hoax_csv.name)
    index = tmp_path / "ix"
    library = Library(corpus, index)
    library.update()
    expected = sum(sum(1 for p in a.paragraphs if p.repeat_of is None)
                   for a in library.backend.articles()
                   if a.fields.get("kategori", "").lower() == "hoax")
    library.close()
    assert expected
    data = search(corpus, index, "kategori:hoax", "--limit", "1")
    assert data["total"] == expected
    done = run("search", "kategori:hoax", *at(index, corpus))
    assert done.returncode == 0 and f"{expected} paragraphs match" in done.stdout.decode()


def test_sorting_by_date_keeps_an_exclusion_under_a_phrase(tmp_path):
    """A fresh process answers small queries with Whoosh's own matchers; collecting every
    match there must still drop what ``-word`` excludes."""
    from .conftest import SEEDS

    index = tmp_path / "ix"
    assert run("index", *at(index, SEEDS)).returncode == 0
    query = '"Abraham Accords" -Trump'
    ranked = search(SEEDS, index, query, "--limit", "50")
    for order in ("newest", "oldest"):
        dated = search(SEEDS, index, query, "--limit", "50", "--sort", order)
        assert sorted((h["doc"], h["para"]) for h in dated["hits"]) == sorted(
            (h["doc"], h["para"]) for h in ranked["hits"])
        assert dated["total"] == ranked["total"] == 3
        assert not any("Trump" in h["text"] for h in dated["hits"])


def test_facets_count_every_hit_by_outlet_and_year(fielded):
    corpus, index = fielded
    data = search(corpus, index, "Tokayev", "--facets", "--limit", "1")
    assert len(data["hits"]) == 1
    assert data["facets"] == {"total": 5,
                              "outlets": [["Kompas", 2], ["Reuters", 1], ["Tempo", 1], [None, 1]],
                              "years": [["2025", 3], ["2024", 1], [None, 1]]}
    text = run("search", "Tokayev", "--facets", *at(index, corpus)).stdout.decode()
    assert "By outlet: Kompas 2 · Reuters 1 · Tempo 1 · no outlet 1" in text
    assert "By year: 2025 3 · 2024 1 · undated 1" in text
    assert "facets" not in search(corpus, index, "Tokayev")
