"""A person introduced with another name (``Joko Widodo (Jokowi)``, ``… alias Ahok``, ``Thomas
Lembong atau Tom Lembong``) and quoted by it: named as the text names them, with the role
given at the introduction. Made-up sentences in the shapes real news uses."""

from __future__ import annotations

from reader.language.quotes import find_quotes

from .quote_helpers import roles, speakers


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
    ) == [("Andi Wijaya", None)]  # (by his own full name, without her role)


def test_a_short_name_stands_for_the_full_name_met_mid_sentence():
    # "dimiliki Dian Sastrowardoyo", then "Dian pun menuliskan …": she, by her full name
    assert roles(
        "Pesona aktris Rina Kartikasari memang tak diragukan lagi.",
        'Rina pun menuliskan caption yang berbunyi, "Inilah aku saat masih kecil. Terima '
        'kasih semuanya."',
    ) == [("Rina Kartikasari", None)]
    found = find_quotes([
        "Earlier, Malaysian Trade Minister Anwar Basri and his Dutch counterpart Pieter Jansen "
        "held talks on Friday.",
        '"We want more flights between our countries," Jansen said.'], language="en")
    assert [q.speaker for quotes in found for q in quotes] == ["Pieter Jansen"]


def test_an_english_passive_agent_after_by_is_a_full_name_met():
    # "an account run by Dana Whitfield", then "Whitfield said": the agent after "by", as
    # after "oleh", is a person met, not a place after a preposition
    assert speakers(
        "The tip came from a local blog, which is run by Dana Whitfield.",
        "“It spread faster than I expected,” Whitfield said.", language="en",
    ) == ["Dana Whitfield"]
    # a place after "by" stays a place
    assert speakers(
        "The cabins by Lake Tahoe were empty in March.",
        "“We closed early,” Tahoe resident Joan Pike said.", language="en",
    ) == ["Joan Pike"]


def test_a_name_after_a_capitalised_word_opening_the_sentence_is_no_full_name():
    # "Kalimat Budi itu …": "Kalimat" (a sentence) opens the sentence; Budi stays Budi
    assert roles(
        "Kalimat Budi itu ramai dibahas warganet.",
        '"Saya minta maaf," kata Budi.',
    ) == [("Budi", None)]


def test_a_subheading_or_a_signature_is_about_no_one():
    # a subheading between two paragraphs: "ujarnya" is still the village head
    assert roles(
        '"Embung ini untuk sawah kami," kata Kepala Desa Sukamaju, Darto Wiyono.',
        "Dana Berasal dari Swadaya",
        "Biaya pembangunan dikumpulkan dari iuran warga selama setahun.",
        '"Setiap keluarga menyumbang sesuai kemampuan," ujarnya.',
    ) == [("Darto Wiyono", "Kepala Desa Sukamaju")] * 2
    # a writer's name closing a section is no one the next section's "he" means
    found = find_quotes([
        "In the end, I finished the bowl and went to bed happy. Jonah Reilly",
        "I bake my own bread, so I make the pretzels myself. My Danish husband is delighted. "
        "“Salt and butter,” he keeps saying."], language="en")
    assert [q.speaker for quotes in found for q in quotes] == [None]


def test_whom_reporters_spoke_to_is_a_full_name_met():
    # "ABC13 spoke to Stephanie Gonzalez", then "Gonzalez said": the person spoken to, not a
    # place after "to"
    assert speakers(
        "Reporters spoke to Marta Ellison as she cleared her yard.",
        "“I do this every April,” Ellison said.",
        "The crew then talked with Derek Hume at the pier.",
        "“The water came fast,” Hume said.", language="en",
    ) == ["Marta Ellison", "Derek Hume"]


def test_a_full_name_after_from_is_a_person_met_but_a_place_is_not():
    # "on a beauty from Nick Bowman", then "Bowman said"; "from New York" names no one
    assert speakers(
        "Lakeside went ahead 2-1 on a wrist shot from Owen Pratt early in the third.",
        "“You get a rush when you take the lead,” Pratt said.",
        "The coach flew in from New York on Monday.",
        "“We are ready,” York said.", language="en",
    ) == ["Owen Pratt", "York"]


def test_a_full_name_given_only_as_an_owner_is_a_person_met():
    # "Juliette Lewis’s early years …", then "Lewis says": her full name
    assert speakers(
        "WESTLAKE VILLAGE, Calif. — Nora Vance’s early years went by fast. She worked with "
        "everyone.",
        "“I went for broke,” Vance says.", language="en",
    ) == ["Nora Vance"]


def test_the_name_someone_goes_by_is_that_person():
    # "kata Aminullah atau kerap disapa JQ", then "ujar JQ": Moch Aminullah; "Pria yang akrab
    # disapa Dani ini" names the man the text follows
    assert roles(
        "Warga Pondok Hijau, Moch Aminullah, mengeluhkan portal baru.",
        '"Jalan rusak," kata Aminullah atau kerap disapa JQ kepada wartawan.',
        '"Akses ditutup," ujar JQ.',
    ) == [("Moch Aminullah", None)] * 2
    assert roles(
        "Hal ini diungkapkan oleh Dimas Prakoso, Wakil Direktur PT Nusa Data.",
        "Pria yang akrab disapa Dodi ini mengatakan pasar tumbuh.",
        '"Pelanggan naik," tutur Dodi.',
    ) == [("Dimas Prakoso", "Wakil Direktur PT Nusa Data")]
