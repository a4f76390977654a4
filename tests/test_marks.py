"""Marks and remembered state: real files in temp folders, real indexes of real articles."""

from __future__ import annotations

import json
import os
from pathlib import Path

import bibtexparser
import pytest

from reader.errors import CitationError
from reader.library import Library
from reader.marks import Mark, MarkBook, export_marks, locate
from reader.records import Article, Paragraph, Quote
from reader.state import CorpusState, StateFile, corpus_key

from .conftest import DOC_000, DOC_001

ARTICLE = """Judul Artikel Percobaan Yang Cukup Panjang

Paragraf pertama tentang pelabuhan di Surabaya.

Paragraf kedua: “Kami akan membangun dermaga baru,” kata Budi Santoso kepada wartawan.

Paragraf ketiga menutup cerita tentang dermaga.
"""


@pytest.fixture(autouse=True)
def private_data_dir(tmp_path, monkeypatch):
    monkeypatch.setenv("READER_DATA_DIR", str(tmp_path / "data"))


def test_marks_round_trip_through_the_file(tmp_path):
    book = MarkBook(tmp_path / "m.json")
    book.load()
    a = book.add(DOC_001, 2, "teks dua", title="Satu")
    b = book.add(DOC_001, 5, "teks lima", quote=1)
    book.set_note(a.id, "  penting   sekali ")
    book.move(b.id, -1)
    book.save()
    again = MarkBook(tmp_path / "m.json")
    again.load()
    assert [m.para for m in again.marks] == [5, 2]
    assert again.marks[1].note == "penting sekali"
    assert again.marks[0].quote == 1 and again.marks[0].locator == f"{DOC_001}:5 quote 1"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["m.json"]  # no temporary left
    removed = again.remove(a.id)
    again.insert(0, removed)
    assert again.marks[0] == removed


def test_an_unreadable_marks_file_is_set_aside_never_overwritten(tmp_path):
    path = tmp_path / "m.json"
    path.write_text('{"version": 1, "marks": [ {"doc": "x", "para": 1, "tex', encoding="utf-8")
    book = MarkBook(path)
    book.load()
    assert book.warning and "unreadable" in book.warning and book.marks == []
    kept = [p for p in tmp_path.iterdir() if p.name.startswith("m.json.unreadable-")]
    assert len(kept) == 1 and kept[0].read_text().endswith('"tex')
    book.add("d", 1, "t")
    book.save()
    assert kept[0].exists()  # the damaged file is still there, beside the new one
    assert len(json.loads(path.read_text())["marks"]) == 1


def test_a_marks_file_from_a_newer_reader_is_not_overwritten(tmp_path):
    path = tmp_path / "m.json"
    original = json.dumps({"version": 99, "marks": []})
    path.write_text(original)
    book = MarkBook(path)
    book.load()
    assert "newer reader" in book.warning
    book.add("d", 1, "t")
    book.save()
    assert any(p.read_text() == original for p in tmp_path.iterdir())


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="needs file permissions")
def test_marks_that_cannot_be_read_are_never_replaced(tmp_path):
    path = tmp_path / "m.json"
    path.write_text(json.dumps({"version": 1, "marks": [
        {"doc": "d", "para": 1, "text": "t", "id": "a"}]}))
    path.chmod(0)
    try:
        book = MarkBook(path)
        book.load()
        assert book.read_only and "cannot read" in book.warning
        with pytest.raises(OSError):
            book.save()
    finally:
        path.chmod(0o600)
    assert json.loads(path.read_text())["marks"][0]["id"] == "a"


def test_two_readers_saving_keep_each_others_marks(tmp_path):
    path = tmp_path / "m.json"
    first, second = MarkBook(path), MarkBook(path)
    first.load()
    second.load()
    first.add("d", 1, "satu")
    first.save()
    second.add("d", 2, "dua")
    second.save()
    again = MarkBook(path)
    again.load()
    assert sorted(m.para for m in again.marks) == [1, 2]


def test_bad_records_in_the_file_are_skipped_not_fatal(tmp_path):
    path = tmp_path / "m.json"
    path.write_text(json.dumps({"version": 1, "marks": [
        {"doc": "d", "para": 1, "text": "baik"}, {"doc": 3, "para": "x"}, "rusak",
        {"doc": "d", "para": 2, "text": "t", "quote": -4, "note": 7}]}))
    book = MarkBook(path)
    book.load()
    assert [(m.para, m.quote, m.note) for m in book.marks] == [(1, None, ""), (2, None, "")]
    assert all(m.id for m in book.marks)


def paragraph(number: int, text: str, quotes: list[Quote] | None = None) -> Paragraph:
    return Paragraph(number, text, 0, len(text), quotes=quotes or [])


def test_locate_finds_renumbered_paragraphs_and_quotes():
    quote_text = "Kami akan membangun dermaga baru,"
    body = f"“{quote_text}” kata Budi."
    quote = Quote(1, 1 + len(quote_text), quote_text, speaker="Budi")
    before = Article("d", "d.txt", "T", [paragraph(1, "Satu."), paragraph(2, body, [quote])])
    after = Article("d", "d.txt", "T", [paragraph(1, "Baru di depan."), paragraph(2, "Satu."),
                                         paragraph(3, body, [quote])])
    mark = Mark("d", 2, body)
    assert locate(mark, before) == mark
    assert locate(mark, after).para == 3 and not locate(mark, after).missing
    quoted = Mark("d", 2, quote_text, quote=1)
    assert (locate(quoted, after).para, locate(quoted, after).quote) == (3, 1)
    gone = Article("d", "d.txt", "T", [paragraph(1, "Lain sama sekali.")])
    assert locate(mark, gone).missing and locate(mark, gone).para == 2
    assert locate(mark, None).missing


def test_marks_follow_an_edited_article_through_the_index(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "pelabuhan.txt").write_text(ARTICLE, encoding="utf-8")
    library = Library(corpus, tmp_path / "ix")
    library.update()
    article = library.article("pelabuhan")
    third = article.paragraph(3)
    book = MarkBook.for_corpus(corpus)
    book.add("pelabuhan", 3, third.text, title=article.title)
    book.add("pelabuhan", 2, article.paragraph(2).quotes[0].text, quote=1)
    book.save()
    edited = ARTICLE.replace("Paragraf pertama", "Paragraf sisipan baru.\n\nParagraf pertama")
    (corpus / "pelabuhan.txt").write_text(edited, encoding="utf-8")
    library.update()
    book = MarkBook.for_corpus(corpus)
    assert book.relocate(library.article) == 2
    assert [(m.para, m.quote) for m in book.marks] == [(4, None), (3, 1)]
    (corpus / "pelabuhan.txt").write_text(ARTICLE.replace("dermaga.", "kapal."),
                                          encoding="utf-8")
    library.update()
    book.relocate(library.article)
    assert book.marks[0].missing and not book.marks[1].missing
    export = export_marks(book.marks, library.article, "plain")
    assert export.marks == 1 and [m.para for m in export.skipped] == [4]
    library.close()


def commands(parsed) -> list[str]:
    """The comment lines after the entries: one cite command (and note) per mark."""
    return [line for block in parsed.blocks if type(block).__name__ == "ImplicitComment"
            for line in block.comment.splitlines()]


def test_export_bibtex_is_one_entry_per_article(seeds_library):
    book = MarkBook(Path("unused.json"))
    for doc, para in ((DOC_001, 2), (DOC_000, 8), (DOC_001, 5)):
        book.add(doc, para, seeds_library.article(doc).paragraph(para).text)
    trump = seeds_library.article(DOC_000).paragraph(8).quotes[0]
    quoted = book.add(DOC_000, 8, trump.text, quote=1)
    book.set_note(quoted.id, "bandingkan dengan Reuters @ 6/11")
    export = export_marks(book.marks, seeds_library.article, "bibtex")
    assert (export.entries, export.marks, export.skipped) == (2, 4, [])
    parsed = bibtexparser.parse_string(export.text)
    assert not parsed.failed_blocks
    assert [e.key for e in parsed.entries] == [DOC_001, DOC_000]  # one entry per article
    lines = commands(parsed)
    assert lines[:2] == [f"% \\autocite[2]{{{DOC_001}}}", f"% \\autocite[5]{{{DOC_001}}}"]
    assert lines[2] == f"% \\autocite[8]{{{DOC_000}}}"
    assert lines[3].startswith(f"% \\textquote[{{\\autocite[8]{{{DOC_000}}}}}]{{Kami akan")
    assert lines[4] == "% note: bandingkan dengan Reuters \\symbol{64} 6/11"


def test_export_csl_json_and_markdown(seeds_library):
    book = MarkBook(Path("unused.json"))
    text = seeds_library.article(DOC_001).paragraph(2).text
    mark = book.add(DOC_001, 2, text)
    book.set_note(mark.id, "cek ke sumber asli")
    book.add(DOC_001, 6, seeds_library.article(DOC_001).paragraph(6).text)
    document = json.loads(export_marks(book.marks, seeds_library.article, "csl-json").text)
    assert [i["type"] for i in document["items"]] == ["article-newspaper"]
    assert [c["citationItems"][0]["locator"] for c in document["citations"]] == ["2", "6"]
    assert document["marks"][0]["note"] == "cek ke sumber asli"
    dossier = export_marks(book.marks, seeds_library.article, "markdown").text
    assert dossier.count("\n> ") + dossier.startswith("> ") >= 2
    assert "Note: cek ke sumber asli" in dossier
    with pytest.raises(CitationError):
        export_marks(book.marks, seeds_library.article, "harvard")


# -- state -------------------------------------------------------------------------------------


def test_state_round_trip_per_corpus(tmp_path):
    path = tmp_path / "state.json"
    state = StateFile.load(path)
    state.style, state.theme = "mla", "reader-light"
    seeds = state.corpus(corpus_key(tmp_path / "a"))
    for query in ("Tokayev", "Rubio", "Tokayev", "   "):
        seeds.remember_query(query)
    assert seeds.save_search("gabung  Trump", 3) and not seeds.save_search("gabung Trump", 4)
    seeds.last_doc, seeds.last_para, seeds.dense = DOC_001, 5, True
    state.save()
    again = StateFile.load(path)
    assert (again.style, again.theme) == ("mla", "reader-light")
    seeds = again.corpus(corpus_key(tmp_path / "a"))
    assert seeds.history == ["Rubio", "Tokayev"]
    assert [(s.query, s.seen_total) for s in seeds.saved] == [("gabung Trump", 3)]
    assert (seeds.last_doc, seeds.last_para, seeds.dense) == (DOC_001, 5, True)
    assert again.corpus(corpus_key(tmp_path / "b")).history == []


def test_a_broken_state_file_is_set_aside(tmp_path):
    path = tmp_path / "state.json"
    path.write_text("{not json")
    state = StateFile.load(path)
    assert "unreadable" in state.warning
    state.style = "apa"
    state.save()
    assert StateFile.load(path).style == "apa"
    assert any(p.name.startswith("state.json.unreadable-") for p in tmp_path.iterdir())


def test_state_ignores_values_of_the_wrong_type():
    state = CorpusState.from_dict({"history": ["a", 3, None, "b"], "last_para": "5",
                                   "left_width": -2, "dense": "yes", "sort": "random",
                                   "saved": [{"query": "x", "bogus": 1}, {"nope": 2}]})
    assert state.history == ["a", "b"]
    assert (state.last_para, state.left_width, state.dense) == (None, None, False)
    assert state.sort == "relevance"
    assert CorpusState.from_dict({"sort": "oldest"}).sort == "oldest"
    assert [s.query for s in state.saved] == ["x"]


def test_corpus_keys_differ_by_path_and_are_file_names(tmp_path):
    a, b = corpus_key(tmp_path / "x" / "news"), corpus_key(tmp_path / "y" / "news")
    assert a != b and a.startswith("news-") and "/" not in a
    assert corpus_key(tmp_path / "x" / "news") == a
