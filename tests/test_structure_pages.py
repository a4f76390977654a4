"""A saved page's furniture around the story: lists of other stories, captions, links, a
release's contact lines, a publisher given as a link, a lede or dateline the extractor left
out. Made-up pages and lines in the shapes real portals use."""

from __future__ import annotations

from dataclasses import dataclass

import pytest

from reader.ingest import read_file
from reader.ingest.boilerplate import is_boilerplate
from reader.ingest.dateline import dateline_only, find_dateline
from reader.ingest.formats.html import (
    SHORT_EXTRACT,
    _main_run,
    _prose_size,
    _site_name,
    _with_lede,
    strip_site,
)
from reader.ingest.structure import parse_structure

STORY = [
    "Galaxy Nova, dengan layar lengkung di kedua sisinya, adalah ponsel andalan Samsara tahun "
    "ini. Tapi menurut peneliti, ponsel itu tidak luput dari kelemahan di sisi keamanan.",
    "Peneliti menemukan sebelas celah keamanan pada ponsel tersebut setelah mengujinya selama "
    "tiga bulan di laboratorium mereka di Bandung.",
    "\"Sebagian besar masalah sudah diperbaiki, tetapi masih ada tiga yang belum,\" kata "
    "Rudi Hartono, kepala tim peneliti itu.",
]


def test_an_extract_that_is_mostly_a_pages_lists_keeps_only_its_story():
    furniture = []
    for day in range(12):
        furniture += ["-", f"Kamis, 0{day % 9 + 1}/11/2015 09:25 WIB\t\tJudul Lain Nomor {day}"]
    extract = furniture[:10] + ["Galaxy Nova Punya Celah"] + STORY + furniture[10:]
    assert _main_run(extract) == STORY
    # a story with a list inside it is kept whole
    listed = [STORY[0], *[f"{i}. Barang nomor {i}" for i in range(12)], STORY[1], STORY[2]]
    assert _main_run(listed) == listed


def test_lede_paragraphs_and_a_dateline_the_extractor_left_out_are_put_back():
    lede = ("Jakarta, KompasOtomotif – Tahun depan, dua produsen mobil asal China mulai "
            "meramaikan industri otomotif Indonesia dengan pabrik baru.")
    second = ("Menanggapi kondisi itu, ketua umum asosiasi mengatakan semakin banyak merek baru "
              "yang masuk, semakin bagus bagi pembeli di dalam negeri.")
    blocks = ["Berita Terkait", "Menperin Sambangi Markas Mobil China", lede, second, *STORY]
    assert _with_lede(STORY, blocks) == [lede, second, *STORY]
    blocks = ["Detikinet", "Jakarta -", *STORY]
    assert _with_lede(STORY, blocks) == [f"Jakarta - {STORY[0]}", *STORY[1:]]
    assert dateline_only("Jakarta -") and not dateline_only(f"Jakarta - {STORY[0]}")


def test_a_publisher_given_as_a_link_is_not_the_outlet():
    assert _site_name("https://www.facebook.com/Bola.Kompascom", "kompas.com") == "kompas.com"
    assert _site_name("KOMPAS.com", "kompas.com") == "KOMPAS.com"
    assert _site_name("", None) is None
    assert strip_site("Samsul Tak Beban Lawan Arema - Kompas.com", "bola.kompas.com") == \
        "Samsul Tak Beban Lawan Arema"


@pytest.mark.parametrize("line", [
    "Simak Lifestyle Populer Lainnya",
    "Baca Berita Menarik Lainnya",
    "https://www.youtube.com/watch?v=nM3ze35m5mc",
    "Video: https://www.youtube.com/watch?v=nM3ze35m5mc",
    "KONTAK: info@contoh-kota.com",
    "(Foto: http://photos.example.com/prnh/20160219/1)",
    "Petugas mengevakuasi warga yang terjebak banjir di kawasan Kampung Melayu, Jakarta, Senin "
    "pagi. Sebanyak 120 warga dibawa ke posko pengungsian di sekolah terdekat, sementara "
    "petugas lain memeriksa rumah yang ditinggalkan. Banjir rutin datang setiap musim hujan di "
    "kawasan itu, kata warga. (ANTARA FOTO/Budi Santoso)",
])
def test_page_furniture_lines_are_not_paragraphs(line):
    assert is_boilerplate(line)


@pytest.mark.parametrize("line", [
    "Pemerintah meluncurkan situs https://data.contoh.go.id agar warga bisa memeriksa anggaran.",
    "Kontak dengan keluarga korban terputus sejak Senin, kata petugas.",
    "\"Kami sudah mengirim data ke kantor berita,\" kata Budi di Jakarta. Dia menambahkan "
    "bahwa semua dokumen akan diumumkan setelah rapat dengan dewan selesai pada pekan depan, "
    "dan wartawan bisa mengambil salinannya di kantor mereka setiap hari kerja mulai pukul "
    "sembilan pagi, sebelum rapat berikutnya dimulai di gedung yang sama. (ANTARA/Budi)",
])
def test_prose_that_mentions_a_link_or_quotes_someone_stays(line):
    assert not is_boilerplate(line)


def test_a_press_release_dateline():
    text = "ISTANBUL, 23 Februari 2016 (Antara/PRNewswire) -- Pemerintah kota meresmikan kontes."
    found = find_dateline(text, 0, len(text))
    assert (found.place, found.outlet) == ("Istanbul", "Antara/PRNewswire")
    assert text[found.end:].startswith("Pemerintah")
    text = "NEW YORK, Feb. 23, 2016 /PRNewswire/ -- Acme Corp today announced a new plant."
    found = find_dateline(text, 0, len(text))
    assert (found.place, found.outlet) == ("New York", "PRNewswire")
    assert dateline_only("ISTANBUL, 23 Februari 2016 (Antara/PRNewswire) --")


def test_a_question_headline_over_a_link_line_and_a_dateline(tmp_path):
    (tmp_path / "a.txt").write_text(
        "Will the new law handcuff public schools?\nhttps://www.example.com/news/law-schools\n\n"
        "TEXAS, USA — For Dr. Mira Stanton, there is some irony in the new bill filed in the "
        "Senate.\n\nThe longtime advocate finds it odd that the bill does not help parents.\n",
        encoding="utf-8")
    (found,) = read_file(tmp_path / "a.txt", "a")
    assert found.title == "Will the new law handcuff public schools?"
    assert found.dateline == "Texas, USA" and len(found.paragraphs) == 2


def test_a_derived_title_does_not_stop_at_an_abbreviation(tmp_path):
    (tmp_path / "b.txt").write_text(
        "For Dr. Mira Stanton, there is some irony in the new bill. She said so on Monday.\n",
        encoding="utf-8")
    (found,) = read_file(tmp_path / "b.txt", "b")
    assert found.title == "For Dr. Mira Stanton, there is some irony in the new bill."


def test_a_page_of_teasers_is_read_again_in_the_precise_mode():
    teasers = [f"Artis nomor {i} mengaku senang menerima hadiah ulang tahun dari keluarga "
               f"besarnya pekan ini di Jakarta." for i in range(9)]
    assert max(map(len, teasers)) < SHORT_EXTRACT and max(map(len, STORY)) < SHORT_EXTRACT
    story = [p * 3 for p in STORY]
    assert _prose_size(story) > _prose_size(teasers) > 0


def test_a_pages_furniture_after_the_credit_line_ends_the_story():
    body = "\n\n".join(STORY)
    found = _article(f"{body}\n\n(Cas/Isk)\n\n- Rate artikel ini\n\n- Like (0)\n\n"
                     "Popular Videos\n\nKomentar Pejabat Mengenai Pasar Baru\n")
    assert [p.text for p in found.paragraphs] == STORY and found.credit == "Cas/Isk"
    # a story that goes on after a bracketed line keeps it
    found = _article(f"{body}\n\n(Kas/Isk)\n\nRapat akan dilanjutkan pekan depan, kata Budi.\n")
    assert len(found.paragraphs) == 5


def test_a_reporter_in_capitals_and_a_wire_on_the_last_lines():
    body = "\n\n".join(STORY)
    found = _article(f"{body}\n\nDINI TEJA\n")
    assert found.author == "Dini Teja" and len(found.paragraphs) == 3
    found = _article(f"{body}\n\nANTARA\n")
    assert found.credit == "ANTARA" and len(found.paragraphs) == 3
    assert is_boilerplate("Disclaimer : Komentar adalah tanggapan pribadi, tidak mewakili "
                          "kebijakan editorial redaksi.")


def _article(text: str) -> _Found:
    found = parse_structure(text, own_title="Judul", headline=False)
    return _Found([_Para(text[a:b]) for a, b in found.spans], found.credit, found.author)


@dataclass
class _Para:
    text: str


@dataclass
class _Found:
    paragraphs: list[_Para]
    credit: str | None
    author: str | None


def test_crumbs_a_headline_and_a_date_before_the_dateline_are_not_paragraphs():
    found = _article("Home >\n\nBerita\n\nJamaah Haji Ikuti Pemeriksaan Kesehatan\n\n"
                     "Jumat , 17 February 2017, 13:16 WIB\n\n"
                     f"IHRAM.CO.ID, BANJARMASIN -- {STORY[0]}\n\n{STORY[1]}\n")
    assert [p.text for p in found.paragraphs] == STORY[:2]
