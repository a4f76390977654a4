"""The medium a quote came through, in the shapes not covered elsewhere: an interview with an
outlet. Made-up sentences in the shapes real news uses."""

from __future__ import annotations

import pytest

from reader.language.quotes import find_quotes


@pytest.mark.parametrize("text, language, via", [
    ('"We have not been paid since January," Dubois said in an interview with Le Monde.', "en",
     "Le Monde"),
    ('"We will appeal," the coach said in an interview with The Daily Courier on Monday.', "en",
     "The Daily Courier"),
    ('"Kami belum digaji sejak Januari," kata Rina dalam wawancara dengan Kompas.com, Senin.',
     "id", "Kompas.com"),
    ('"Kami belum digaji sejak Januari," kata Rina dalam wawancara khusus dengan Tempo.', "id",
     "Tempo"),
    ('"Kami belum digaji," kata Rina dalam wawancara.', "id", "wawancara"),
    # the kind of outlet before its name: "kepada situs Page Six", "kepada harian Kompas"
    ('"Dia sudah membeli vila di Ubud," kata Rina kepada situs Pop Daily.', "id", "Pop Daily"),
    ('"Kami senang," ujar Budi kepada harian Kabar Kota, Senin.', "id", "Kabar Kota"),
    ('"Kami siap," kata Andi kepada situs berita Pop Daily.', "id", "Pop Daily"),
    ('"Itu salah," kata Andi kepada media, Senin.', "id", None),
])
def test_an_interview_with_an_outlet_names_the_outlet(text, language, via):
    (found,), = find_quotes([text], language=language)
    assert found.via == via


def test_a_person_met_who_is_asked_is_no_medium():
    # "tanya Gus Ipul kepada Acem" after "Acem, penerima manfaat BPNT, menyampaikan …": Acem
    # is asked, she is no outlet; "kepada Kompas.com" stays the medium
    found = find_quotes([
        "Sumarni, seorang pembeli, mengaku senang dengan harga beras.",
        '"Berasnya sudah diterima?," tanya Dedie kepada Sumarni.',
        '"Stok cukup," kata Dedie kepada Kompas.com.'], language="id")
    assert [(q.speaker, q.via) for quotes in found for q in quotes] == [
        ("Dedie", None), ("Dedie", "Kompas.com")]
