"""A person introduced with another name (``Joko Widodo (Jokowi)``, ``… alias Ahok``, ``Thomas
Lembong atau Tom Lembong``) and quoted by it: named as the text names them, with the role
given at the introduction. Made-up sentences in the shapes real news uses."""

from __future__ import annotations

from reader.language.quotes import find_quotes


def roles(*paragraphs: str) -> list[tuple[str | None, str | None]]:
    found = find_quotes(list(paragraphs), language="id")
    return [(q.speaker, q.role) for quotes in found for q in quotes if q.kind == "statement"]


def test_another_name_in_brackets_carries_the_role():
    assert roles(
        "Mantan Gubernur Bali Wayan Sudirta (Yansu) angkat bicara soal banjir.",
        '"Saluran harus dibersihkan," kata Yansu di Denpasar.',
    ) == [("Yansu", "Mantan Gubernur Bali")]


def test_another_name_after_alias_or_atau_sharing_the_last_name():
    assert roles(
        "Mantan Menteri Perikanan Budi Rahmat Santoso atau Budi Santoso mengaku kecewa.",
        '"Saya akan banding," kata Budi usai sidang.',
    ) == [("Budi Santoso", "Mantan Menteri Perikanan")]
    assert roles(
        "Camat Cibinong Suhartono Wibisono alias Tono hadir di balai desa.",
        '"Pupuk sudah datang," kata Tono.',
    ) == [("Tono", "Camat Cibinong")]


def test_no_alias_from_a_place_in_brackets_or_two_people_joined_by_atau():
    assert roles(
        "Ketua DPRD Budi Santoso (Jakarta) hadir di rapat itu.",
        '"Kami siap," kata Jakarta.',
    ) == [("Jakarta", None)]
    assert roles(
        "Anggota DPR Rina Lestari atau Andi Wijaya akan maju di pemilihan.",
        '"Kami siap," kata Andi.',
    ) == [("Andi", None)]
