"""Ingestion rules, on the seeds as they are and on small hostile files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.ingest import discover, doc_ids, load
from reader.ingest.decode import NotText, decode
from reader.ingest.formats import Skipped, article_from_text, read_file
from reader.ingest.structure import PASSAGE_LIMIT, parse_structure
from reader.text import normalise, split_passages

from .conftest import DOC_000, DOC_001, SEEDS, SHARED


def seed(doc: str):
    return read_file(SEEDS / f"{doc}.txt", doc)[0]


def test_seeds_are_byte_identical_to_the_shared_copies():
    shared = SHARED / "seeds"
    if not shared.is_dir():
        pytest.skip("shared seeds not beside this checkout")
    for path in shared.iterdir():
        assert (SEEDS / path.name).read_bytes() == path.read_bytes()


def test_seed_000_metadata_and_paragraphs():
    article = seed(DOC_000)
    assert article.title == "Berita Kazakhstan Akui Mau Gabung Abraham Accords, Ungkap Alasan Ini"
    assert article.source == "Pahami.id"
    assert article.dateline == "Jakarta"
    assert article.credit == "BLQ/DNA"
    assert article.author is None
    assert len(article.paragraphs) == 12
    assert article.paragraphs[0].text.startswith("Kementerian Luar Negeri (KEMLU) Kazakstan")
    assert article.paragraphs[-1].text.endswith("Penandatanganan ini hanya bersifat simbolis saja.")
    assert [p.number for p in article.paragraphs] == list(range(1, 13))
    assert all(p.repeat_of is None for p in article.paragraphs)
    assert all("(BLQ/DNA)" not in p.text for p in article.paragraphs)


def test_seed_001_fused_headline_and_repeats():
    article = seed(DOC_001)
    assert article.title == ("Kazakhstan Terpilih Menjadi Anggota Abraham Accords, Buka Peluang "
                             "Kerja Sama Ekonomi dan Keamanan dengan Israel")
    assert len(article.paragraphs) == 13
    assert article.paragraphs[0].text.startswith("Presiden Amerika Serikat (AS) Donald Trump")
    repeats = {p.number: p.repeat_of for p in article.paragraphs}
    assert [repeats[n] for n in range(1, 8)] == [None] * 7
    assert [repeats[n] for n in range(8, 14)] == [2, 3, 4, 5, 6, 7]


@pytest.mark.parametrize("doc", [DOC_000, DOC_001])
def test_offsets_point_into_the_normalised_source(doc):
    article = seed(doc)
    source = decode((SEEDS / f"{doc}.txt").read_bytes())
    for p in article.paragraphs:
        assert source[p.start:p.end] == p.text


def test_dateline_prefix_and_fused_credit():
    text = normalise("JAKARTA, KOMPAS.com - Polisi menangkap dua orang. Mereka diperiksa. (rdk)")
    structure = parse_structure(text)
    assert structure.dateline == "Jakarta"
    assert structure.source == "KOMPAS.com"
    assert structure.credit == "rdk"
    assert text[slice(*structure.spans[0])] == "Polisi menangkap dua orang. Mereka diperiksa."


def test_byline_with_a_name(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Judul Berita Yang Pendek\n\nOleh Siti Aminah\n\nIsi paragraf pertama.\n\n"
                    "Isi paragraf kedua.\n", encoding="utf-8")
    article = read_file(path, "a")[0]
    assert article.title == "Judul Berita Yang Pendek"
    assert article.author == "Siti Aminah"
    assert [p.text for p in article.paragraphs] == ["Isi paragraf pertama.", "Isi paragraf kedua."]


def test_long_single_line_is_split_into_sentence_aligned_passages():
    sentence = "Ini adalah kalimat berita yang cukup panjang untuk diuji. "
    text = sentence * 100
    spans = split_passages(text)
    assert len(spans) > 3
    for a, b in spans:
        assert b - a <= 1200
        assert text[a:b].endswith(".")


def test_markdown_front_matter_and_heading(tmp_path):
    path = tmp_path / "note.md"
    path.write_text("---\ntitle: Judul Dari Depan\ndate: 2025-11-07\nurl: https://x.id/a\n---\n"
                    "# Judul Dari Depan\n\nParagraf satu.\n\nParagraf dua.\n", encoding="utf-8")
    article = read_file(path, "note")[0]
    assert article.title == "Judul Dari Depan"
    assert article.date == "2025-11-07"
    assert article.url == "https://x.id/a"
    assert [p.text for p in article.paragraphs] == ["Paragraf satu.", "Paragraf dua."]


def test_sidecar_metadata(tmp_path):
    (tmp_path / "a.txt").write_text("Isi berita satu.\nIsi berita dua.\n", encoding="utf-8")
    (tmp_path / "a.meta.toml").write_text(
        'url = "https://contoh.id/a"\noutlet = "Contoh"\nauthor = "Budi"\n'
        'date = 2025-11-07\nlanguage = "id"\ntitle = "Judul Sidecar"\n', encoding="utf-8")
    article = read_file(tmp_path / "a.txt", "a")[0]
    assert (article.url, article.source, article.author, article.date, article.language) == (
        "https://contoh.id/a", "Contoh", "Budi", "2025-11-07", "id")
    assert article.title == "Judul Sidecar"


def test_broken_sidecar_is_ignored(tmp_path):
    (tmp_path / "a.txt").write_text("Isi berita.\n", encoding="utf-8")
    (tmp_path / "a.meta.toml").write_text("url = = broken", encoding="utf-8")
    assert read_file(tmp_path / "a.txt", "a")[0].url is None


def test_csv_with_text_column(tmp_path):
    path = tmp_path / "news.csv"
    path.write_text('id,url,date,title,content\n7,https://x.id/7,2020-01-02,Judul,"Isi satu. '
                    'Isi dua."\n8,,,,"Berita tanpa judul."\n', encoding="utf-8")
    first, second = read_file(path, "news")
    assert (first.doc, first.url, first.date, first.title) == (
        "news-7", "https://x.id/7", "2020-01-02", "Judul")
    assert first.paragraphs[0].text == "Isi satu. Isi dua."
    assert second.doc == "news-8" and second.title == "Berita tanpa judul."


def test_jsonl_and_json_records(tmp_path):
    lines = [json.dumps({"title": "A", "text": "Teks A."}), "{broken", json.dumps({"text": "B."})]
    (tmp_path / "r.jsonl").write_text("\n".join(lines), encoding="utf-8")
    assert [a.title for a in read_file(tmp_path / "r.jsonl", "r")] == ["A", "B."]
    (tmp_path / "s.json").write_text(json.dumps([{"judul": "J", "isi": "Isi."}]), encoding="utf-8")
    (article,) = read_file(tmp_path / "s.json", "s")
    assert article.title == "J" and article.paragraphs[0].text == "Isi."


def test_html_page_main_text(tmp_path):
    paragraphs = "".join(
        f"<p>Paragraf berita nomor {i} tentang Kazakhstan dan perjanjian Abraham Accords yang "
        f"ditandatangani oleh para pemimpin.</p>" for i in range(1, 6))
    page = (
        "<html><head><title>Judul Halaman | Situs</title>"
        '<meta property="og:site_name" content="Situs Berita">'
        '<meta property="article:published_time" content="2025-11-07T10:00:00+07:00">'
        "</head><body><nav>Menu Beranda Kontak</nav><article><h1>Judul Halaman</h1>"
        f"{paragraphs}</article><footer>Hak cipta</footer></body></html>")
    (tmp_path / "p.html").write_text(page, encoding="utf-8")
    (article,) = read_file(tmp_path / "p.html", "p")
    assert "Judul Halaman" in article.title
    assert article.source == "Situs Berita"
    assert article.date == "2025-11-07"
    assert len(article.paragraphs) >= 5
    assert all("Menu Beranda" not in p.text for p in article.paragraphs)


def test_hoax_csv_ingests_into_passages(hoax_csv):
    articles = list(load(hoax_csv))
    assert len(articles) == 282
    passages = [p for a in articles for p in a.paragraphs]
    assert len(passages) > 400
    assert max(len(p.text) for p in passages) <= PASSAGE_LIMIT
    wrapped = [a for a in articles if a.paragraphs and a.paragraphs[0].text.startswith('"Jakarta')]
    assert not wrapped, "a quotation mark wrapping a whole article is not part of its text"


def test_encodings_bom_crlf_latin1(tmp_path):
    (tmp_path / "bom.txt").write_bytes(b"\xef\xbb\xbfJudul\r\n\r\nIsi satu.\r\n\r\nIsi dua.\r\n")
    article = read_file(tmp_path / "bom.txt", "bom")[0]
    assert article.title == "Judul" and [p.text for p in article.paragraphs] == ["Isi satu.",
                                                                                  "Isi dua."]
    latin = "Judul\n\nKopi di Café Batavia sangat terkenal, kata pemiliknya yang ramah.\n"
    (tmp_path / "latin.txt").write_bytes(latin.encode("cp1252"))
    assert "Café" in read_file(tmp_path / "latin.txt", "latin")[0].paragraphs[0].text


def test_utf8_with_a_broken_byte_is_read_with_a_note(tmp_path):
    """A UTF-8 article with one stray byte (a cut character, a byte of another encoding
    pasted in) was skipped whole ("unknown text encoding"); its accents and curly quotes
    must not be guessed into another encoding either."""
    body = "Kopi di Café Batavia “sangat terkenal,” kata pemiliknya yang ramah. " * 30
    (tmp_path / "stray.txt").write_bytes(
        b"Judul\n\n" + body.encode() + b"\xff " + "Isi dua “baru” é.\n".encode())
    notes: list[str] = []
    article = read_file(tmp_path / "stray.txt", "stray", notes)[0]
    text = " ".join(p.text for p in article.paragraphs)
    assert "Café" in text and "“sangat terkenal,”" in text and text.count("\ufffd") == 1
    assert notes == ["1 broken UTF-8 byte read as \ufffd"]
    # one stray byte per hundred is no longer "a few": another encoding is guessed, or none
    (tmp_path / "many.txt").write_bytes(("Café é " * 10).encode() + b"\xff\xfe\xfd" * 20)
    assert not any("broken" in note for note in decode_notes((tmp_path / "many.txt").read_bytes()))


def decode_notes(data: bytes) -> list[str]:
    notes: list[str] = []
    try:
        decode(data, notes)
    except NotText:
        return ["refused"]
    return notes


def test_binary_and_empty_files_are_skipped(tmp_path):
    (tmp_path / "bin.txt").write_bytes(bytes(range(256)) * 40)
    (tmp_path / "empty.txt").write_bytes(b"")
    with pytest.raises(Skipped, match="binary"):
        read_file(tmp_path / "bin.txt", "bin")
    with pytest.raises(Skipped, match="empty"):
        read_file(tmp_path / "empty.txt", "empty")
    with pytest.raises(NotText):
        decode(b"\x00\x01\x02\x03" * 100)


def test_escape_sequences_and_controls_are_removed(tmp_path):
    raw = "Judul\x1b[31m Merah\n\nIsi \x1b]52;c;SGVsbG8=\x07bersih\x9b2J dan \x00NUL.\n"
    (tmp_path / "esc.txt").write_text(raw, encoding="utf-8")
    article = read_file(tmp_path / "esc.txt", "esc")[0]
    everything = article.title + "".join(p.text for p in article.paragraphs)
    assert "\x1b" not in everything and "\x07" not in everything and "\x9b" not in everything
    assert article.paragraphs[0].text == "Isi bersih dan NUL."


def test_discovery_recurses_skips_loops_and_hidden(tmp_path):
    (tmp_path / "a" / "b").mkdir(parents=True)
    (tmp_path / "a" / "b" / "x.txt").write_text("Isi.", encoding="utf-8")
    (tmp_path / "y.md").write_text("Isi.", encoding="utf-8")
    (tmp_path / ".hidden.txt").write_text("Isi.", encoding="utf-8")
    (tmp_path / "image.png").write_bytes(b"\x89PNG")
    (tmp_path / "a" / "loop").symlink_to(tmp_path, target_is_directory=True)
    files = discover(tmp_path)
    assert [f.relative for f in files] == ["a/b/x.txt", "y.md"]


def test_colliding_stems_get_distinct_ids(tmp_path):
    for folder in ("one", "two"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "same.txt").write_text("Isi.", encoding="utf-8")
    ids = doc_ids(discover(tmp_path))
    assert len(set(ids.values())) == 2 and "same" in ids.values()


_texty = st.text(
    alphabet=st.characters(blacklist_categories=("Cs",), max_codepoint=0x2FFF), max_size=3000)


@settings(max_examples=150, deadline=None)
@given(body=_texty)
def test_property_paragraph_text_equals_source_at_offsets(body):
    text = normalise(body)
    article = article_from_text(text, Path("x.txt"), "x", {})
    for p in article.paragraphs:
        assert 0 <= p.start <= p.end <= len(text)
        assert text[p.start:p.end] == p.text
        assert p.text.strip() == p.text and p.text


@settings(max_examples=150, deadline=None)
@given(data=st.binary(max_size=4000))
def test_property_arbitrary_bytes_never_raise(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("fuzz") / "f.txt"
    path.write_bytes(data)
    try:
        articles = read_file(path, "f")
    except Skipped:
        return
    source = None
    for article in articles:
        source = source or decode(data)
        for p in article.paragraphs:
            assert source[p.start:p.end] == p.text
            assert "\x1b" not in p.text


def test_a_corpus_file_is_held_small_and_gives_its_path(tmp_path):
    """A build holds one record a corpus file while its processes work: no Path object (and
    no instance dict) in it, the path given back when asked."""
    from reader.ingest import CorpusFile

    made = CorpusFile(tmp_path / "a.txt", "a.txt", 3, 4)
    assert isinstance(made.location, str) and made.path == tmp_path / "a.txt"
    assert isinstance(made.path, Path)
    assert made == CorpusFile(str(tmp_path / "a.txt"), "a.txt", 3, 4)
    assert not hasattr(made, "__dict__")
