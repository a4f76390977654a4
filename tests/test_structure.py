"""Article structure rules, one class at a time, on made-up articles in the real shapes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.ingest import read_file
from reader.ingest.boilerplate import is_boilerplate, is_caption_with_credit
from reader.ingest.dateline import find_dateline
from reader.ingest.formats import article_from_text
from reader.ingest.formats.html import strip_site
from reader.ingest.paragraphs import group_lines, lines_of
from reader.ingest.structure import parse_structure
from reader.language.detect import detect_language, language_code
from reader.text import normalise

from .conftest import DOC_000, SEEDS

LEDE = "Pemerintah menaikkan anggaran pendidikan tahun depan."
P2 = "Menteri mengatakan dana itu untuk sekolah di daerah terpencil."
P3 = "\u201cKami akan mengawasi penggunaannya,\u201d kata Menteri Budi Santoso."


def article(text: str, **meta):
    text = normalise(text)
    found = article_from_text(text, Path("x.txt"), "x", meta)
    for p in found.paragraphs:
        assert text[p.start:p.end] == p.text
    return found


def texts(found) -> list[str]:
    return [p.text for p in found.paragraphs]


def records(folder: Path, rows: list[dict], name: str = "r") -> list:
    """The articles the reader makes of ``rows`` written as a JSON Lines file ``name.jsonl``."""
    (folder / f"{name}.jsonl").write_text("\n".join(json.dumps(r) for r in rows),
                                          encoding="utf-8")
    return read_file(folder / f"{name}.jsonl", name)


# -- boilerplate --------------------------------------------------------------------------------


@pytest.mark.parametrize("line", [
    "Baca juga: Harga Beras Naik Lagi di Pasar Induk",
    "Baca Juga : Gubernur Tinjau Banjir",
    "BACA JUGA: Polisi Tangkap Dua Orang",
    "Simak juga Video 'Warga Bersihkan Lumpur Usai Banjir':",
    "Tonton juga video \"Harga Cabai Turun\" di sini:",
    "Lihat juga Video 'Rapat Paripurna DPR':",
    "Simak Video 'Realisasi Anggaran Daerah'",
    "Baca artikel detiknews, \"Gubernur Tinjau Banjir\" selengkapnya di sini.",
    "(Baca: Presiden Lantik Menteri Baru)",
    "ADVERTISEMENT",
    "SCROLL TO CONTINUE WITH CONTENT",
    "Advertisement",
    "Artikel ini telah tayang di Kompas.com dengan judul \"Harga Naik\"",
    "Berita ini sudah tayang di Kontan.co.id dengan judul:",
    "COPYRIGHT © ANTARA 2015",
    "Copyright © 2023 Contoh Media. All rights reserved.",
    "Foto: Warga antre bantuan di Jakarta (Dok. Istimewa)",
    "Jane Roe via Getty Images",
    "Firefighters work at the site on Friday. (AP Photo/John Doe)",
    "Warga mengungsi ke masjid terdekat. (Foto: Antara)",
])
def test_boilerplate_lines(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize("line", [
    LEDE, P3,
    "Baca selengkapnya laporan itu, kata dia, sebelum mengambil keputusan apa pun tentang rencana "
    "pembangunan jalan tol yang menghubungkan dua kota besar di pulau itu dan juga berbagai "
    "proyek lain yang sudah lama tertunda karena masalah anggaran dan pembebasan lahan yang "
    "tidak kunjung selesai hingga kini, ujarnya kepada wartawan di kantornya pada Senin.",
    "Copyright infringement cases rose sharply last year, the report said.",
    "\u201cFoto itu palsu,\u201d kata juru bicara polisi (AP).",
    "Harga beras naik. (BLQ/DNA)",
])
def test_prose_is_not_boilerplate(line):
    assert not is_boilerplate(line)


def test_a_caption_with_its_credit_after_one_sentence():
    assert is_caption_with_credit("The chief executive visits a store in Seattle on Monday. Acme")
    assert is_caption_with_credit("Workers protest outside the headquarters on Wednesday. AP")
    assert is_caption_with_credit(
        "A crowd gathers outside the hall on Sunday. (Jane Roe/Springfield Gazette) @janeroe")
    assert not is_caption_with_credit("1. Ambil Sumpah WNI")
    assert not is_caption_with_credit(LEDE)


def test_a_bracketed_credit_closing_the_last_paragraph_keeps_it():
    last = "Banjir surut pada Kamis pagi, kata petugas. (Kompas TV/Budi Santoso)"
    found = article(f"Judul Berita Banjir\n\n{LEDE}\n\n{P2}\n\n{last}\n")
    assert texts(found) == [LEDE, P2, last]
    caption = "Warga melihat banjir di Kampung Melayu. (Kompas TV/Budi Santoso)"
    found = article(f"Judul Berita Banjir\n\n{LEDE}\n\n{caption}\n\n{P2}\n\n{P3}\n")
    assert texts(found) == [LEDE, P2, P3]


def test_boilerplate_stays_out_of_numbering_and_offsets_hold():
    found = article(f"Judul Berita Anggaran\n\n{LEDE}\n\nBaca juga: Harga Beras Naik\n\n{P2}\n\n"
                    f"ADVERTISEMENT\n\nSCROLL TO CONTINUE WITH CONTENT\n\n{P3}\n\n"
                    "Simak juga Video 'Sekolah Rusak Diperbaiki':\n")
    assert texts(found) == [LEDE, P2, P3]
    assert [p.number for p in found.paragraphs] == [1, 2, 3]


def test_boilerplate_inside_a_block_splits_it():
    found = article(f"Judul Berita Anggaran\n\n{LEDE}\nBaca juga: Harga Beras Naik\n{P2}\n\n{P3}\n")
    assert texts(found) == [LEDE, P2, P3]


def test_an_inline_baca_link_at_a_paragraph_end_is_trimmed():
    found = article(f"Judul Berita Anggaran\n\n{LEDE} (Baca: Harga Beras Naik)\n\n{P2}\n\n{P3}\n")
    assert texts(found) == [LEDE, P2, P3]


# -- datelines ----------------------------------------------------------------------------------


@pytest.mark.parametrize("opening, place, outlet", [
    ("REPUBLIKA.CO.ID, JAKARTA -- ", "Jakarta", "REPUBLIKA.CO.ID"),
    ("TEMPO.CO, Jakarta - ", "Jakarta", "TEMPO.CO"),
    ("Jakarta (ANTARA) - ", "Jakarta", "ANTARA"),
    ("Jakarta (ANTARA News) - ", "Jakarta", "ANTARA News"),
    ("Mataram, NTB (ANTARA News) - ", "Mataram, NTB", "ANTARA News"),
    ("jpnn.com - JAKARTA - ", "Jakarta", "jpnn.com"),
    ("jpnn.com, SURABAYA - ", "Surabaya", "jpnn.com"),
    ("Liputan6.com, Jakarta - ", "Jakarta", "Liputan6.com"),
    ("Liputan6.com, Bandung ", "Bandung", "Liputan6.com"),
    ("JAKARTA, KOMPAS.com - ", "Jakarta", "KOMPAS.com"),
    ("BANDUNG, KOMPAS.com — ", "Bandung", "KOMPAS.com"),
    ("Jakarta, CNN Indonesia -- ", "Jakarta", "CNN Indonesia"),
    ("Jakarta - ", "Jakarta", None),
    ("Okezone.com, Jakarta - ", "Jakarta", "Okezone.com"),
    ("Medan, Beritasatu.com - ", "Medan", "Beritasatu.com"),
    ("VIVA.co.id - ", None, "VIVA.co.id"),
    ("WASHINGTON (AP) — ", "Washington", "AP"),
    ("LONDON (Reuters) - ", "London", "Reuters"),
    ("NEW YORK (AP) — ", "New York", "AP"),
    ("SPRINGFIELD, Ill. - ", "Springfield, Ill.", None),
])
def test_dateline_styles(opening, place, outlet):
    found = article(f"Judul Berita Anggaran Negara\n\n{opening}{LEDE}\n\n{P2}\n")
    assert (found.dateline, found.source) == (place, outlet)
    assert texts(found) == [LEDE, P2]


def test_a_sidecar_outlet_wins_over_the_dateline():
    found = article(f"JAKARTA, KOMPAS.com - {LEDE}\n\n{P2}\n", source="Kompas")
    assert (found.dateline, found.source) == ("Jakarta", "Kompas")


@pytest.mark.parametrize("opening", [
    "Presiden Jokowi - yang baru tiba - ", "EMIL Audero, Joey Pelupessy, dan Dean James ",
    "Pemerintah, ", "Baca - ",
])
def test_openings_that_are_not_datelines(opening):
    assert find_dateline(opening + "kata dia.", 0, len(opening) + 9) is None


def test_captions_before_a_dateline_are_not_paragraphs():
    kicker = "Budget Talk: what do the two parties plan for the surplus?"
    found = article(f"{kicker}\n\n{kicker}\n\nSPRINGFIELD, Ill. - {LEDE}\n\n{P2}\n")
    assert found.dateline == "Springfield, Ill." and texts(found) == [LEDE, P2]


def test_a_dash_left_by_a_removed_dateline_is_not_text():
    found = article(f"Judul Berita Anggaran Negara\n\n- {LEDE}\n\n{P2}\n")
    assert texts(found) == [LEDE, P2]


def test_a_list_of_dashes_keeps_its_dashes():
    found = article("- satu hal penting\n\n- dua hal penting\n")
    assert texts(found) == ["- satu hal penting", "- dua hal penting"]


def test_end_matter_lines():
    found = article(f"Judul Berita Anggaran Negara\n\n{LEDE}\n\n{P2}\n\nEditor: Siti Aminah\n\n"
                    "COPYRIGHT © CONTOH 2016\n")
    assert texts(found) == [LEDE, P2] and found.credit == "Siti Aminah"


# -- paragraphs in records ----------------------------------------------------------------------


def test_single_newlines_with_a_stray_blank_line_are_one_paragraph_a_line():
    body = f"{LEDE}\n{P2}\n{P3}\n\nIa menambahkan rencana itu.\nSemua pihak setuju.\n"
    spans = group_lines(body, lines_of(body))
    assert len(spans) == 5


def test_hard_wrapped_paragraphs_stay_whole():
    body = ("Pemerintah menaikkan anggaran pendidikan untuk tahun depan\n"
            "setelah rapat panjang dengan parlemen.\n\n"
            "Menteri mengatakan dana itu akan dipakai untuk sekolah\n"
            "di daerah terpencil yang selama ini kekurangan guru.\n")
    assert len(group_lines(body, lines_of(body))) == 2


def test_jsonl_record_paragraphs(tmp_path):
    content = f"{LEDE}\n{P2}\nSCROLL TO CONTINUE WITH CONTENT\n{P3}\n\nIa menambahkan.\nSelesai.\n"
    (tmp_path / "r.jsonl").write_text(json.dumps({"id": "a1", "title": "Judul", "content": content,
                                                  "kategori": "ekonomi", "views": 12}) + "\n",
                                      encoding="utf-8")
    (found,) = read_file(tmp_path / "r.jsonl", "r")
    assert texts(found) == [LEDE, P2, P3, "Ia menambahkan.", "Selesai."]
    assert found.fields == {"kategori": "ekonomi", "views": "12"}
    assert found.title == "Judul" and not found.title_derived


def test_record_dates_read_in_the_files_own_order(tmp_path):
    rows = [{"id": 1, "date": "10/19/2025 21:00", "text": "Satu."},
            {"id": 2, "date": "6/3/2025 9:01", "text": "Dua."}]
    (tmp_path / "us.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    rows = [{"id": 1, "date": "19/10/2025", "text": "Satu."},
            {"id": 2, "date": "6/3/2025", "text": "Dua."}]
    (tmp_path / "id.jsonl").write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    assert [a.date for a in read_file(tmp_path / "us.jsonl", "us")] == ["2025-10-19",
                                                                         "2025-06-03"]
    assert [a.date for a in read_file(tmp_path / "id.jsonl", "id")] == ["2025-10-19",
                                                                         "2025-03-06"]


# -- metadata never renumbers -------------------------------------------------------------------


def test_a_sidecar_title_does_not_renumber_the_seed(tmp_path):
    source = (SEEDS / f"{DOC_000}.txt").read_bytes()
    (tmp_path / "a.txt").write_bytes(source)
    plain = read_file(tmp_path / "a.txt", "a")[0]
    (tmp_path / "a.meta.toml").write_text('title = "A Different Title"\nauthor = "Budi"\n',
                                          encoding="utf-8")
    titled = read_file(tmp_path / "a.txt", "a")[0]
    assert titled.title == "A Different Title"
    assert [(p.start, p.end) for p in titled.paragraphs] == [
        (p.start, p.end) for p in plain.paragraphs]
    assert len(titled.paragraphs) == 12
    assert (titled.source, titled.dateline) == ("Pahami.id", "Jakarta")
    assert titled.paragraph(8).text == plain.paragraph(8).text


def test_metadata_of_any_kind_leaves_the_paragraphs_alone():
    text = f"Judul Berita Anggaran Negara\n\nby\n\nJAKARTA, KOMPAS.com - {LEDE}\n\n{P2}\n\n{P3}\n"
    bare = article(text)
    for meta in ({"title": "Lain"}, {"title": "Judul Berita Anggaran Negara"},
                 {"source": "X", "author": "Y", "date": "2025-01-01", "language": "en"}):
        assert texts(article(text, **meta)) == texts(bare) == [LEDE, P2, P3]


# -- titles -------------------------------------------------------------------------------------


def test_a_title_made_from_the_first_sentence_is_marked_derived():
    found = article(f"{LEDE} {P2}")
    assert found.title == LEDE and found.title_derived
    assert not article(f"Judul Berita Anggaran Negara\n\n{LEDE}\n").title_derived


def test_a_long_derived_title_is_cut_at_a_word():
    sentence = "Pemerintah " + "menaikkan anggaran " * 20 + "tahun depan."
    found = article(sentence)
    assert found.title_derived and found.title.endswith("…") and len(found.title) <= 101
    assert found.title[:-1].rstrip() in sentence and sentence[len(found.title) - 1] in " ."


@pytest.mark.parametrize("title, site, expected", [
    ("Harga Beras Naik - Kompas.com", "Kompas.com", "Harga Beras Naik"),
    ("Harga Beras Naik | Tempo Gaya", "Tempo.co", "Harga Beras Naik"),
    ("Harga Beras Naik - VIVA", "VIVA.co.id", "Harga Beras Naik"),
    ("KapanLagi.com: Artis Baru Rilis Lagu", "KapanLagi.com", "Artis Baru Rilis Lagu"),
    ("Harga Beras Naik - Kompas.com", "", "Harga Beras Naik - Kompas.com"),
    ("Menteri: Harga Beras Naik", "Kompas.com", "Menteri: Harga Beras Naik"),
    ("Rapat DPR - Bagian Kedua", "detik.com", "Rapat DPR - Bagian Kedua"),
])
def test_html_titles_lose_the_site_name(title, site, expected):
    assert strip_site(title, site) == expected


def test_an_html_lede_outside_any_paragraph_is_kept(tmp_path):
    paragraphs = "".join(
        f"<p>\u201cKalimat kutipan nomor {i} yang cukup panjang dari narasumber yang sama,\u201d "
        f"ujarnya di Jakarta pada Rabu.</p>" for i in range(4))
    page = ("<html><head><title>Situs: Artis Baru</title>"
            '<meta property="og:site_name" content="Situs"></head><body>'
            '<div class="nav"><a href="/">Beranda</a> | <a href="/x">Film</a></div>'
            '<div class="news"><b>Situs.com</b> - <a href="/a">Artis Baru</a>, putra aktor '
            "terkenal, rupanya semakin mantap menekuni dunia hiburan tanah air setelah tampil "
            f"dalam serial web.{paragraphs}</div></body></html>")
    (tmp_path / "p.html").write_text(page, encoding="utf-8")
    (found,) = read_file(tmp_path / "p.html", "p")
    assert found.title == "Artis Baru"
    assert found.paragraphs[0].text.startswith("Artis Baru, putra aktor terkenal")
    assert len(found.paragraphs) == 5 and found.source == "Situs"


# -- languages ----------------------------------------------------------------------------------


def test_languages_detected_and_declared(tmp_path):
    assert detect_language("Pemerintah mengatakan bahwa anggaran untuk sekolah akan naik.") == "id"
    assert detect_language("The minister said that the budget for schools will rise.") == "en"
    assert detect_language("Tokayev Trump") is None
    assert [language_code(v) for v in ("Indonesian", "in", "id-ID", "EN", "en-US", "xx-1")] == [
        "id", "id", "id", "en", "en", None]
    (tmp_path / "e.txt").write_text("Headline Here\n\nThe minister said the plan was ready and "
                                    "that it would be debated in the house this week.\n",
                                    encoding="utf-8")
    assert read_file(tmp_path / "e.txt", "e")[0].language == "en"
    (tmp_path / "e.meta.toml").write_text('language = "Indonesian"\n', encoding="utf-8")
    assert read_file(tmp_path / "e.txt", "e")[0].language == "id"


def test_a_short_record_takes_its_files_language(tmp_path):
    rows = [{"text": "Pemerintah mengatakan bahwa anggaran untuk sekolah akan naik tahun ini."}
            for _ in range(3)] + [{"text": "Tokayev Bertemu Trump"}]
    assert [a.language for a in records(tmp_path, rows)] == ["id"] * 4


def test_parse_structure_reads_text_alone():
    text = normalise(f"Judul Berita Anggaran Negara\n\nJAKARTA, KOMPAS.com - {LEDE}\n\n{P2}\n")
    found = parse_structure(text)
    assert found.title == "Judul Berita Anggaran Negara"
    assert [text[a:b] for a, b in found.spans] == [LEDE, P2]


def test_export_markers_and_signed_end_lines():
    found = article(f"Judul Berita Anggaran Negara\n\n{LEDE}\n\n[Gambas:Video 20detik]\n\n{P2} "
                    "(mcr8/jpnn)\n\nRep: Ahmad Jamil/ Red: Indira Rezki\n")
    assert texts(found) == [LEDE, P2]
    assert (found.author, found.credit) == ("Ahmad Jamil", "Indira Rezki")


@pytest.mark.parametrize("line", ["Illustration: Jane Roe; Photos: Getty", "[Gambas:Instagram]",
                                  "KOMPAS.com/RAHEL NARDA"])
def test_more_credit_and_embed_lines(line):
    assert is_boilerplate(line)


def test_a_page_the_extractor_finds_nothing_in_falls_back_to_its_prose(tmp_path):
    para = ("Paragraf nomor {i} tentang rapat anggaran daerah yang berlangsung hingga malam di "
            "gedung dewan kota bersama warga.")
    page = "<html><body><footer>" + "".join(
        f"<p>{para.format(i=i)}</p>" for i in range(3)) + "</footer></body></html>"
    (tmp_path / "p.html").write_text(page, encoding="utf-8")
    (found,) = read_file(tmp_path / "p.html", "p")
    assert [p.text for p in found.paragraphs] == [para.format(i=i) for i in range(3)]


def test_bracketed_tails_are_found_from_the_last_bracket():
    from reader.ingest.boilerplate import _BACA_TAIL, bracket_tail

    text = "Harga naik. (Baca: Harga Turun)  "
    cut, match = bracket_tail(_BACA_TAIL, text, 0, len(text))
    assert text[:cut] == "Harga naik." and match.group() == "(Baca: Harga Turun)"
    assert bracket_tail(_BACA_TAIL, "(Baca: Saja)", 0, 12) is None  # nothing would be left
    assert bracket_tail(_BACA_TAIL, "Harga (naik) lagi", 0, 17) is None


@pytest.mark.parametrize("filler", [" ", "\t ", " \u3000"])
def test_long_runs_of_spaces_before_a_bracket_are_read_in_one_pass(filler):
    # A search for "spaces then a bracket" from every position is quadratic on such a line;
    # 50,000 spaces would take minutes that way.
    text = normalise("Judul Berita\n\nSatu.\n\nkata dia" + filler * 50_000 + "(BLQ/DNA)\n")
    found = article(text)
    assert found.credit == "BLQ/DNA" and found.paragraphs[-1].text == "kata dia"


def test_a_title_column_does_not_change_a_records_paragraphs(tmp_path):
    content = f"Judul Lain Dari Teks\n{LEDE}\n{P2}\n"
    rows = [{"id": "a", "title": "Judul Kolom", "content": content},
            {"id": "b", "content": content}]
    titled, bare = records(tmp_path, rows)
    assert texts(titled) == texts(bare) == [LEDE, P2]
    assert (titled.title, bare.title) == ("Judul Kolom", "Judul Lain Dari Teks")


_LINES = [LEDE, P2, P3, "Judul Berita Anggaran Negara", "by", "Oleh Siti Aminah",
          "Jakarta, Pahami.id", "JAKARTA, KOMPAS.com - " + LEDE, "Baca juga: Harga Naik",
          "ADVERTISEMENT", "(BLQ/DNA)", "Editor: Siti", "- " + P2, "Tokayev", ""]


@settings(max_examples=200, deadline=None)
@given(lines=st.lists(st.sampled_from(_LINES), max_size=12),
       separator=st.sampled_from(["\n", "\n\n", "\n\n\n"]),
       title=st.sampled_from(["Judul Berita Anggaran Negara", "Lain", LEDE]))
def test_property_metadata_never_moves_a_paragraph(lines, separator, title):
    text = normalise(separator.join(lines))
    bare = article_from_text(text, Path("x.txt"), "x", {})
    dressed = article_from_text(text, Path("x.txt"), "x", {"title": title, "source": "S",
                                                           "date": "2025-01-01"})
    assert [(p.start, p.end) for p in dressed.paragraphs] == [
        (p.start, p.end) for p in bare.paragraphs]
    for p in bare.paragraphs:
        assert text[p.start:p.end] == p.text and p.text.strip() == p.text


def test_a_photo_caption_above_an_html_story_is_not_taken_for_its_lede(tmp_path):
    paragraphs = "".join(
        f"<p>Paragraf nomor {i} tentang banjir yang melanda ibu kota sejak Senin pagi, kata "
        f"petugas di lokasi.</p>" for i in range(4))
    caption = ("Petugas mengevakuasi warga yang terjebak banjir di kawasan Kampung Melayu, "
               "Jakarta, "
               "Senin pagi (ANTARA FOTO/Budi Santoso)")
    page = f"<html><body><div><figure>{caption}</figure>{paragraphs}</div></body></html>"
    (tmp_path / "p.html").write_text(page, encoding="utf-8")
    (found,) = read_file(tmp_path / "p.html", "p")
    assert found.paragraphs[0].text.startswith("Paragraf nomor 0")


def test_a_repeated_headline_is_skipped_whatever_the_title_column_says(tmp_path):
    content = f"Judul Dari Teks\n\nby\nJudul Dari Teks\n\nJakarta, Contoh.id\n\n{LEDE}\n\n{P2}\n"
    rows = [{"id": "a", "title": "Judul Kolom", "content": content},
            {"id": "b", "content": content}]
    for found in records(tmp_path, rows):
        assert texts(found) == [LEDE, P2]
        assert (found.dateline, found.source) == ("Jakarta", "Contoh.id")


@pytest.mark.parametrize("credit", ["Z-10", "E-2", "Ant/P-1", "RO/Z-7"])
def test_a_desk_credit_of_a_letter_and_a_number_closes_the_last_paragraph(credit):
    last = f"\u201cKami akan terus mengawasi,\u201d tutup Budi. ({credit})"
    found = article(f"Judul Berita Anggaran\n\n{LEDE}\n\n{P2}\n\n{last}\n")
    assert found.credit == credit
    assert found.paragraphs[-1].text == last[: -len(credit) - 3]


def test_a_bracketed_number_or_term_closing_the_last_paragraph_is_not_a_credit():
    for last in ("Pasien dirawat di ruang isolasi (COVID-19)", "Pertemuan itu dihadiri (G-20)"):
        found = article(f"Judul Berita Anggaran\n\n{LEDE}\n\n{P2}\n\n{last}\n")
        assert found.credit is None and found.paragraphs[-1].text == last


def test_a_link_line_fused_to_the_sentence_after_it_leaves_the_sentence():
    body = ("Sebagai info, tim kuasa hukum telah mendatangi kantor kejaksaan pada Kamis pagi "
            "untuk menanyakan jadwal sidang. \u201cKami mendapat kabar bahwa berkas sudah "
            "lengkap dan segera dilimpahkan ke pengadilan dalam waktu dekat,\u201d kata kuasa "
            "hukum, Andi Pratama, di kantor kejaksaan. Ia menyebut sebagai pihak yang dirugikan, "
            "kliennya akan menempuh semua jalur hukum yang tersedia.")
    fused = "Baca Juga: Hakim Tolak Gugatan Warga Soal Banjir di Bekasi" + body
    found = article(f"Judul Berita Sidang\n\n{LEDE}\n\n{fused}\n\n{P2}\n")
    assert texts(found) == [LEDE, body, P2]
    camel = "Baca Juga: Akun YouTube Resmi Pemkot Diretas Orang Tak Dikenal" + body
    found = article(f"Judul Berita Sidang\n\n{LEDE}\n\n{camel}\n\n{P2}\n")
    assert texts(found) == [LEDE, body, P2]
    opener = "Padahal" + body[len("Sebagai info"):]  # a word the article writes only here
    found = article(f"Judul Berita Sidang\n\n{LEDE}\n\nBaca Juga: Sidang Ditunda Lagi{opener}\n")
    assert texts(found) == [LEDE, opener]


@pytest.mark.parametrize("line", [
    "'Lihat juga Video: Menteri Ikut Sidang Kabinet Meski Sudah Mundur'",
    "\u201cSimak juga Video: Warga Bersihkan Lumpur Usai Banjir\u201d",
    '"Baca juga: Harga Beras Naik Lagi di Pasar Induk"',
])
def test_a_link_line_in_quotation_marks_is_boilerplate(line):
    assert is_boilerplate(line)
    found = article(f"Judul Berita Anggaran\n\n{LEDE}\n\n{P2}\n\n{line}\n")
    assert texts(found) == [LEDE, P2]


def test_a_headline_opening_with_foto_or_video_is_the_headline_not_a_caption():
    found = article(f"FOTO: Rina Marlina Saat Berusia 13 Tahun, Masih Cantik?\n\n{LEDE}\n\n{P2}\n")
    assert found.title == "FOTO: Rina Marlina Saat Berusia 13 Tahun, Masih Cantik?"
    assert texts(found) == [LEDE, P2]
    found = article(f"Judul Berita Banjir\n\nFoto: Antara/Budi Santoso\n\n{LEDE}\n\n{P2}\n")
    assert found.title == "Judul Berita Banjir" and texts(found) == [LEDE, P2]


def test_a_first_sentence_opening_with_the_headlines_words_keeps_them(tmp_path):
    sentence = ("Jadwal kereta tambahan jurusan Bandung untuk libur panjang sudah dirilis PT KAI "
                "pada Senin pagi.")
    rows = [{"id": "a", "title": "Jadwal Kereta Tambahan Jurusan Bandung",
             "content": f"{sentence}\n\n{P2}"},
            # the headline glued to the body (a scrape): still taken off
            {"id": "b", "title": "Jadwal Kereta Tambahan Jurusan Bandung",
             "content": f"Jadwal Kereta Tambahan Jurusan Bandung {LEDE}\n\n{P2}"}]
    first, second = records(tmp_path, rows)
    assert texts(first) == [sentence, P2]
    assert texts(second) == [LEDE, P2]


def test_a_first_sentence_of_capitalised_names_with_a_verb_after_an_appositive_is_kept(tmp_path):
    # a minister, a ministry and a kingdom make most words capitalised, yet ", Name, melakukan"
    # is a sentence's, not a headline's
    sentence = ("Menteri Kelautan dan Perikanan Republik Indonesia, Sakti Wahyu Trenggono, "
                "melakukan Kunjungan Kerja ke Kementerian Perikanan Kerajaan Norwegia.")
    rows = [{"id": "a", "title": "Indonesia Belajar Budidaya Salmon dari Norwegia",
             "content": f"{sentence}\n\n{P2}"},
            # a headline listing names in the text is still the headline
            {"id": "b", "content": "BREAKING NEWS: Budi Santoso, Rina Lestari, dan Andi Wijaya "
                                   f"Ambil Sumpah di Roma!\n\n{LEDE}\n\n{P2}"}]
    first, second = records(tmp_path, rows)
    assert texts(first) == [sentence, P2]
    assert texts(second) == [LEDE, P2]


def test_a_lede_naming_many_people_and_places_is_not_taken_for_a_headline(tmp_path):
    # a sentence with its full stop and words in lower case between the names ("menggelar
    # aksi", "tuai sorotan") is the story's, even when most of its words are capitalised
    first = ("Aliansi mahasiswa Malang menggelar aksi 1 Tahun Kepemimpinan Gubernur Budi Santoso "
             "dan Wagub Rina Lestari di halaman Kantor Gubernur Jawa Timur (Jatim).")
    second = ("Peresmian Museum Sejarah Kota Malang Universitas Brawijaya (UB) tuai sorotan. "
              "Peresmian ini dilakukan pada Senin (20/10/2025) di Aula Utama, Kampus UB Malang.")
    rows = [{"id": "a", "title": "Mahasiswa Malang Gelar Aksi", "content": f"{first}\n\n{P2}"},
            {"id": "b", "title": "Museum Baru Tuai Kritik", "content": f"{second}\n\n{P2}"}]
    one, two = records(tmp_path, rows)
    assert texts(one) == [first, P2]
    assert texts(two) == [second, P2]


def test_the_headline_after_a_sections_label_is_taken_off_the_lede(tmp_path):
    # "Style Juliette Lewis conquered Hollywood by 22. She’s finally back on top. The actress’s
    # …": a section's label and the record's title fused to the deck; the title is no text
    title = "Rina Lestari conquered Broadway by 22. She is back on top."
    deck = "The actress's offbeat career has come full circle with a new series this spring."
    rows = [{"id": "a", "title": title, "content": f"Style {title} {deck}\n\n{P2}"}]
    (found,) = records(tmp_path, rows)
    assert texts(found) == [deck, P2]
