"""Hostile files, round two: one bad file (or record) never blocks the rest, and every file
either ingests or is named, printably, in a warning.

Every case is generated here. Each class has several cases of its own; the index-level tests
build a real index over a corpus that holds all of them at once.
"""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pytest

from reader.ingest import discover, load, read_file, scan
from reader.ingest.dates import iso_date
from reader.ingest.formats import Skipped
from reader.ingest.source import MAX_FILE_BYTES
from reader.library import Library
from reader.text import printable

DEEP = "[" * 100_000 + "]" * 100_000


def good(root: Path, name: str, word: str) -> None:
    path = root / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"Judul {word}\n\nParagraf tentang {word} di Jakarta.\n", encoding="utf-8")


def warned(warnings: list[str], needle: str) -> str:
    hits = [w for w in warnings if needle in w]
    assert hits, f"no warning names {needle!r}: {warnings}"
    for w in hits:
        w.encode("utf-8")  # printable: no surrogates
        assert "\n" not in w and "\x1b" not in w
    return hits[0]


def articles_of(root: Path) -> tuple[dict, list[str]]:
    warnings: list[str] = []
    return {a.doc: a for a in load(root, warnings)}, warnings


# -- file names that are not UTF-8 ------------------------------------------------------------


def test_a_file_name_that_is_not_utf8_is_named_printably(tmp_path):
    good(tmp_path, "a.txt", "Tokayev")
    fd = os.open(bytes(tmp_path) + b"/bad\xff\xfe.txt", os.O_WRONLY | os.O_CREAT)
    os.write(fd, b"Judul\n\nIsi.\n")
    os.close(fd)
    found, warnings = articles_of(tmp_path)
    assert set(found) == {"a"}
    assert "bad\\xff\\xfe.txt" in warned(warnings, "bad\\xff")


def test_a_folder_name_that_is_not_utf8_is_named_and_its_neighbours_kept(tmp_path):
    good(tmp_path, "z/keep.txt", "Kalla")
    os.mkdir(bytes(tmp_path) + b"/dir\xe9")
    fd = os.open(bytes(tmp_path) + b"/dir\xe9/in.txt", os.O_WRONLY | os.O_CREAT)
    os.write(fd, b"Judul\n\nIsi.\n")
    os.close(fd)
    files = discover(tmp_path, warnings := [])
    assert [f.relative for f in files] == ["z/keep.txt"]
    warned(warnings, "dir\\xe9")
    assert scan(tmp_path) == {f.relative: (f.size, f.mtime_ns) for f in files}


def test_printable_shows_what_a_terminal_would_otherwise_run():
    assert printable("a\udcffb") == "a\\xffb"
    assert printable("x\x1b[31my") == "x\u241b[31my"
    assert printable("r\u202eevil") == "r\ufffdevil"
    assert len(printable("n" * 5000)) == 200


# -- nesting -----------------------------------------------------------------------------------


def test_json_nested_100000_deep_is_skipped_with_a_reason(tmp_path):
    (tmp_path / "deep.json").write_text(DEEP, encoding="utf-8")
    good(tmp_path, "ok.txt", "Wiranto")
    found, warnings = articles_of(tmp_path)
    assert set(found) == {"ok"}
    assert "nested too deeply" in warned(warnings, "deep.json")


def test_one_deep_record_in_a_json_array_loses_only_itself(tmp_path):
    records = [{"id": "a", "text": "Rekaman pertama Handoko."},
               {"id": "b", "text": "x", "extra": "@@DEEP@@"},
               {"id": "c", "text": "Rekaman ketiga Gunawan."}]
    text = json.dumps(records, indent=1).replace('"@@DEEP@@"', DEEP)
    (tmp_path / "r.json").write_text(text, encoding="utf-8")
    found, warnings = articles_of(tmp_path)
    assert set(found) == {"r-a", "r-c"}
    assert "record 2 skipped (nested too deeply)" in warned(warnings, "r.json")


def test_one_deep_jsonl_line_loses_only_itself(tmp_path):
    lines = [json.dumps({"text": "Baris satu Wibowo."}), DEEP,
             json.dumps({"text": "Baris tiga Santoso."})]
    (tmp_path / "r.jsonl").write_text("\n".join(lines), encoding="utf-8")
    found, warnings = articles_of(tmp_path)
    assert [a.paragraphs[0].text for a in found.values()] == ["Baris satu Wibowo.",
                                                              "Baris tiga Santoso."]
    assert "line 2 skipped (nested too deeply)" in warned(warnings, "r.jsonl")


def test_a_sidecar_nested_deeply_is_ignored_and_the_article_kept(tmp_path):
    good(tmp_path, "a.txt", "Prabowo")
    (tmp_path / "a.meta.toml").write_text("x = " + "[" * 100_000 + "]" * 100_000,
                                          encoding="utf-8")
    found, warnings = articles_of(tmp_path)
    assert found["a"].paragraphs[0].text == "Paragraf tentang Prabowo di Jakarta."
    assert "nested too deeply" in warned(warnings, "a.meta.toml")


def test_a_folder_1200_levels_deep_is_walked_without_recursion(tmp_path):
    good(tmp_path, "top.txt", "Atas")
    try:
        fd = os.open(tmp_path, os.O_RDONLY)
        try:
            for _ in range(1200):
                os.mkdir("d", dir_fd=fd)
                inner = os.open("d", os.O_RDONLY, dir_fd=fd)
                os.close(fd)
                fd = inner
            out = os.open("bottom.txt", os.O_WRONLY | os.O_CREAT, dir_fd=fd)
            os.write(out, b"Judul\n\nJauh di dalam sekali.\n")
            os.close(out)
        finally:
            os.close(fd)
        found, warnings = articles_of(tmp_path)
        assert {"top", "bottom"} <= set(found), warnings
        assert scan(tmp_path).keys() == {"top.txt", "d/" * 1200 + "bottom.txt"}
    finally:  # shutil.rmtree recurses, so pytest could not clean this up
        _remove_deep(tmp_path / "d")


def _remove_deep(top: Path) -> None:
    """Remove a chain of nested ``d`` folders bottom-up, without recursion."""
    if not top.is_dir():
        return
    chain = [os.open(top, os.O_RDONLY)]
    while "d" in os.listdir(chain[-1]):
        chain.append(os.open("d", os.O_RDONLY, dir_fd=chain[-1]))
    for name in os.listdir(chain[-1]):
        os.unlink(name, dir_fd=chain[-1])
    for parent, child in zip(reversed(chain[:-1]), reversed(chain[1:]), strict=True):
        os.close(child)
        os.rmdir("d", dir_fd=parent)
    os.close(chain[0])
    top.rmdir()


# -- sizes -------------------------------------------------------------------------------------


def test_a_json_number_with_5000_digits_keeps_its_record(tmp_path):
    digits = "7" * 5000
    (tmp_path / "n.json").write_text(
        f'[{{"id": 1, "views": {digits}, "text": "Angka panjang Sutrisno."}},'
        f' {{"id": 2, "text": "Rekaman kedua."}}]', encoding="utf-8")
    (tmp_path / "n2.jsonl").write_text(f'{{"id": {digits}, "text": "Id panjang."}}\n',
                                       encoding="utf-8")
    (tmp_path / "only.json").write_text(digits, encoding="utf-8")
    found, warnings = articles_of(tmp_path)
    assert found["n-1"].paragraphs[0].text == "Angka panjang Sutrisno."
    assert "n-2" in found and any(d.startswith("n2-777") for d in found)
    assert "no records" in warned(warnings, "only.json")


def test_a_file_bigger_than_memory_is_skipped_unread(tmp_path):
    pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
    huge = tmp_path / "huge.txt"
    with open(huge, "wb") as handle:
        handle.truncate(pages + (1 << 30))  # sparse: takes no disk
    good(tmp_path, "ok.txt", "Kecil")
    found, warnings = articles_of(tmp_path)
    assert set(found) == {"ok"}
    assert f"larger than {MAX_FILE_BYTES >> 20} MB" in warned(warnings, "huge.txt")


def test_a_file_just_over_the_bound_is_skipped_and_one_under_read(tmp_path):
    line = b"Kalimat tentang anggaran negara. " * 1000 + b"\n"
    with open(tmp_path / "over.txt", "wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    (tmp_path / "under.txt").write_bytes(line)
    with pytest.raises(Skipped, match="larger than"):
        read_file(tmp_path / "over.txt", "over")
    assert read_file(tmp_path / "under.txt", "under")[0].paragraphs


def test_a_megabyte_sidecar_title_is_cut_and_said(tmp_path):
    good(tmp_path, "a.txt", "Panjang")
    (tmp_path / "a.meta.toml").write_text(
        f'title = "{"Judul " * 200_000}"\nauthor = "{"Nama " * 200_000}"\nurl = "https://x.id/a"\n',
        encoding="utf-8")
    notes: list[str] = []
    (article,) = read_file(tmp_path / "a.txt", "a", notes)
    assert len(article.title) <= 501 and article.title.endswith("…")
    assert len(article.author) <= 301
    assert article.url == "https://x.id/a"
    assert any("'title' longer than 500" in n for n in notes)
    assert [p.text for p in article.paragraphs] == ["Paragraf tentang Panjang di Jakarta."]


def test_a_sidecar_bigger_than_its_bound_is_ignored_with_a_warning(tmp_path):
    good(tmp_path, "a.txt", "Besar")
    (tmp_path / "a.meta.toml").write_text(f'title = "{"x" * 5_000_000}"\n', encoding="utf-8")
    found, warnings = articles_of(tmp_path)
    assert found["a"].title == "Judul Besar"
    assert "ignored (larger than" in warned(warnings, "a.meta.toml")


# -- text that cannot be written ----------------------------------------------------------------


def test_a_lone_surrogate_escape_in_json_text_keeps_the_record(tmp_path):
    (tmp_path / "s.json").write_text(
        '[{"id": 1, "title": "T\\ud800x", "text": "Teks \\udc00 aneh Sutrisno.", '
        '"k\\udfff": "v"}, {"id": 2, "text": "Rekaman kedua Handoko."}]', encoding="utf-8")
    (tmp_path / "s2.jsonl").write_text('{"text": "Baris \\ud83d saja."}\n', encoding="utf-8")
    found, _ = articles_of(tmp_path)
    first = found["s-1"]
    assert first.title == "T\ufffdx" and first.paragraphs[0].text == "Teks \ufffd aneh Sutrisno."
    assert first.fields == {"k\ufffd": "v"}
    assert found["s-2"].paragraphs[0].text == "Rekaman kedua Handoko."
    assert found["s2-0001"].paragraphs[0].text == "Baris \ufffd saja."
    for article in found.values():
        (article.title + "".join(p.text for p in article.paragraphs)).encode("utf-8")


# -- silent misreadings ------------------------------------------------------------------------


@pytest.mark.parametrize("indent", [0, 1, None, "\t"])
def test_an_articles_object_is_json_whatever_its_indent(tmp_path, indent):
    data = {"articles": [{"id": i, "title": f"Judul {i}", "text": f"Isi berita {i}."}
                         for i in range(3)]}
    (tmp_path / "a.json").write_text(json.dumps(data, indent=indent), encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(json.dumps(data, indent=indent), encoding="utf-8")
    found, warnings = articles_of(tmp_path)
    assert sorted(found) == ["a-0", "a-1", "a-2", "b-0", "b-1", "b-2"], warnings
    assert not warnings


def test_broken_jsonl_lines_are_named(tmp_path):
    lines = [json.dumps({"text": "Satu."}), "{broken", json.dumps({"text": "Tiga."})]
    (tmp_path / "r.jsonl").write_text("\n".join(lines), encoding="utf-8")
    found, warnings = articles_of(tmp_path)
    assert len(found) == 2
    assert "line 2 skipped (invalid JSON" in warned(warnings, "r.jsonl")


@pytest.mark.parametrize("reference", ["&#27;", "&#x1b;", "&#X1B;", "&#0;", "&#xD800;",
                                       "&#1114112;", "&#155;"])
def test_a_control_character_reference_does_not_lose_the_page(tmp_path, reference):
    paragraphs = "".join(
        f"<p>Paragraf nomor {i} tentang perjanjian Abraham Accords yang ditandatangani oleh "
        f"para pemimpin negara di Washington.</p>" for i in range(5))
    page = (f"<html><head><title>Judul Halaman</title></head><body><article>{paragraphs}"
            f"<p>Ada {reference}[31m di sini dan teks yang cukup panjang untuk dibaca.</p>"
            "</article></body></html>")
    (tmp_path / "p.html").write_text(page, encoding="utf-8")
    (article,) = read_file(tmp_path / "p.html", "p")
    assert len(article.paragraphs) == 6
    assert all("\x1b" not in p.text and "\x9b" not in p.text for p in article.paragraphs)


def test_a_255_byte_name_ingests_though_its_sidecar_name_would_be_too_long(tmp_path):
    name = "a" * 251 + ".txt"
    assert len(name.encode()) == 255
    good(tmp_path, name, "Panjang")
    found, warnings = articles_of(tmp_path)
    assert found["a" * 251].paragraphs[0].text == "Paragraf tentang Panjang di Jakarta."
    assert not warnings


# -- things that are not regular files ---------------------------------------------------------


def _finishes(target, *args) -> tuple[bool, object]:
    out: dict = {}

    def run():
        try:
            out["value"] = target(*args)
        except Skipped as exc:
            out["value"] = exc

    worker = threading.Thread(target=run, daemon=True)
    worker.start()
    worker.join(30)
    return not worker.is_alive(), out.get("value")


def test_a_fifo_in_place_of_a_file_is_skipped_not_waited_on(tmp_path):
    os.mkfifo(tmp_path / "pipe.txt")
    done, value = _finishes(read_file, tmp_path / "pipe.txt", "pipe")
    assert done and isinstance(value, Skipped) and "not a regular file" in str(value)


def test_a_fifo_in_the_corpus_is_not_listed(tmp_path):
    good(tmp_path, "a.txt", "Biasa")
    os.mkfifo(tmp_path / "pipe.txt")
    done, found = _finishes(lambda: articles_of(tmp_path)[0])
    assert done and set(found) == {"a"}


def test_a_file_replaced_by_a_fifo_after_the_walk_is_skipped(tmp_path):
    good(tmp_path, "a.txt", "Diganti")
    (file,) = discover(tmp_path)
    file.path.unlink()
    os.mkfifo(file.path)
    done, value = _finishes(read_file, file.path, "a")
    assert done and isinstance(value, Skipped)


# -- dates -------------------------------------------------------------------------------------


@pytest.mark.parametrize("value", ["2024-02-30", "2023-02-29", "2024-13-01", "2024-00-10",
                                   "2024-02-30T10:00:00", "31/02/2024", "2024-13"])
def test_an_impossible_date_is_no_date(value):
    assert iso_date(value) is None


def test_a_sidecar_date_that_is_not_a_date_is_a_warning_and_no_date(tmp_path):
    good(tmp_path, "a.txt", "Tanggal")
    (tmp_path / "a.meta.toml").write_text('date = "2024-02-30"\nurl = "https://x.id"\n',
                                          encoding="utf-8")
    notes: list[str] = []
    (article,) = read_file(tmp_path / "a.txt", "a", notes)
    assert article.date is None and article.url == "https://x.id"
    assert any("2024-02-30" in n and "not a valid date" in n for n in notes)


# -- the index keeps everything else -----------------------------------------------------------


def test_the_index_keeps_every_good_file_and_record_beside_the_bad(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    good(corpus, "good.txt", "Tokayev")
    (corpus / "deep.json").write_text(DEEP, encoding="utf-8")
    (corpus / "mixed.jsonl").write_text(
        "\n".join([json.dumps({"text": "Baris baik Wibowo."}), DEEP,
                   '{"text": "Sur \\ud800 rogat Sutrisno."}',
                   '{"views": ' + "9" * 5000 + ', "text": "Angka Gunawan."}']),
        encoding="utf-8")
    (corpus / "wrapped.json").write_text(
        json.dumps({"articles": [{"id": 1, "text": "Dibungkus Handoko."}]}, indent=0),
        encoding="utf-8")
    (corpus / "page.html").write_text(
        "<html><body><article>" + "".join(
            f"<p>Paragraf {i} dengan &#27; tentang Yudhoyono di Jakarta yang cukup panjang "
            "untuk dibaca oleh pengekstrak.</p>" for i in range(4)) + "</article></body></html>",
        encoding="utf-8")
    good(corpus, "b" * 251 + ".txt", "Panjangnama")
    (corpus / "a.meta.toml").write_text("x = " + "[" * 50_000, encoding="utf-8")
    good(corpus, "a.txt", "Sidecarrusak")
    os.mkfifo(corpus / "pipe.txt")
    with open(corpus / "huge.txt", "wb") as handle:
        handle.truncate(MAX_FILE_BYTES + 1)
    library = Library(corpus, tmp_path / "ix")
    report = library.update()
    for word in ("Tokayev", "Wibowo", "Sutrisno", "Gunawan", "Handoko", "Yudhoyono",
                 "Panjangnama", "Sidecarrusak"):
        assert library.search(word).total >= 1, word
    warnings = " ".join(report.warnings)
    assert "deep.json" in warnings and "huge.txt" in warnings
    assert library.search("Tokayev").total == 1  # a second command answers from the same index
