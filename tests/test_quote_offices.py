"""Indonesian offices and the people in them: a school's number and place, a ministry's
portfolio, a village's name inside the role; a person known only by initials; a source
opening a sentence. Made-up sentences in the shapes real news uses."""

from __future__ import annotations

from reader.language.name_runs import name_run
from reader.language.names import split_role

from .quote_helpers import roles, speakers


def test_a_numbered_school_and_its_place_belong_to_the_role():
    assert roles(
        '"Kami tidak memungut biaya apa pun," kata Kepala SMPN 3 Cibadak, Sutrisno saat '
        "ditemui, Senin (3/3/2025).",
        '"Semua bendahara sudah kami periksa," jelasnya.',
    ) == [("Sutrisno", "Kepala SMPN 3 Cibadak")] * 2  # (was "Kepala SMPN")
    split = split_role("Kepala SMAN 1 Sukorejo Rohadi".split())
    assert (split.name, split.role) == ("Rohadi", "Kepala SMAN 1 Sukorejo")


def test_a_portfolio_made_from_a_root_belongs_to_the_office():
    assert roles(
        '"Dana tambahan cair pekan depan," kata Menteri Koordinator (Menko) Perekonomian '
        "Budi Santoso di Jakarta.",
    ) == [("Budi Santoso", "Menteri Koordinator (Menko) Perekonomian")]  # (was "Perekonomian
    # Budi Santoso")
    split = split_role("Kepala Desa Sukamaju Budi Santoso".split())
    assert (split.name, split.role) == ("Budi Santoso", "Kepala Desa Sukamaju")
    # a number runs on in a name only after a school
    assert name_run("Kepala SMPN 3 Cibadak".split(), 0, frozenset())[0] == \
        ["Kepala", "SMPN", "3", "Cibadak"]
    assert name_run("Densus 88 Antiteror".split(), 0, frozenset())[0] == ["Densus"]


def test_a_person_known_by_initials_is_whom_nya_means():
    assert speakers(
        "Kepala sekolah Andi Wijaya mengatakan data siswa sudah diperbarui.",
        '"Kami sudah memperbarui semua data," kata Andi.',
        "Sementara itu, salah satu orang tua, berinisial R, kaget namanya tercantum.",
        '"Saya tidak pernah mendaftar," kata R di rumahnya.',
        "R menambahkan, ia baru tahu dari tetangganya.",
        '"Tetangga saya yang memberi tahu," tambahnya.',
    ) == ["Andi Wijaya", "R", "R"]  # (was "salah satu orang tua")


def test_a_quote_speaking_of_the_person_followed_is_the_last_speakers():
    # the narrative turns to the driver; a quote that says "Dia …" of him or names him is
    # the police chief's, who spoke last
    assert speakers(
        "Kapolres Kota AKBP Moch Faruk mengatakan pengemudi bernama Andi Saputra sudah diperiksa.",
        '"Keduanya bukan anggota Polri," jelas Faruk.',
        "Saat ini Andi masih menjalani pemeriksaan. Ia juga telah membuat video klarifikasi.",
        '"Dia juga sudah meminta maaf kepada masyarakat," ujarnya.',
        "Andi mengaku menyesal. Ia kini dikenai sanksi tilang.",
        '"Andi wajib membayar denda," katanya.',
    ) == ["Moch Faruk", "Moch Faruk", "Moch Faruk"]  # (was "Andi Saputra" twice)
    # a quote in the speaker's own words stays theirs
    assert speakers(
        "Kapolres Kota AKBP Moch Faruk mengatakan pengemudi bernama Andi Saputra sudah diperiksa.",
        '"Keduanya bukan anggota Polri," jelas Faruk.',
        "Andi Saputra mengaku menyesal.",
        '"Saya minta maaf," ujarnya.',
    ) == ["Moch Faruk", "Andi Saputra"]


def test_she_in_the_quote_of_a_man_is_someone_else():
    assert speakers(
        "The singer Rosa Lind released a new record. Mark Dale produced it.",
        "“It is a dream,” Rosa Lind sings on its first track.",
        "In his cover story, Dale called Rosa Lind a genius. “She is creating new sounds,” he "
        "said.",
        language="en",
    ) == ["Rosa Lind", "Mark Dale"]


def test_a_source_opening_the_sentence_is_not_its_subject():
    assert speakers(
        "Presiden Filipina Rodrigo Duterte menggelar jumpa pers di Manila.",
        "Dilaporkan Reuters, Duterte memaparkan bahwa kepercayaan publik menurun.",
        '"Ini pesan yang jelas," ujarnya.',
    ) == ["Rodrigo Duterte"]  # (was "Dilaporkan Reuters")


def test_a_bodys_short_name_is_no_one_a_nya_means():
    assert roles(
        "Dinas Pendidikan dan Kebudayaan (Dikbud) Kota Palu akhirnya bersuara. Dikbud menegaskan "
        "tidak ikut campur.",
        '"Kami menyerahkan sepenuhnya kepada penegak hukum," kata Kepala Dikbud Palu Ratna.',
        "Orang tua murid meminta Anton kembali mengajar. Dikbud kemudian menyesuaikan "
        "permintaan itu.",
        '"Ada permintaan orang tua murid," tambahnya.',
    ) == [("Ratna", "Kepala Dikbud Palu")] * 2  # (was "Dikbud")


def test_a_spokesperson_of_a_body_and_a_companys_officer_are_named():
    assert roles(
        '"Pelatihan ini gratis," kata jubir Polri Andi Saputra kepada wartawan.',
        "Sementara itu, CEO Sinarmas Dewi Anggraini mengatakan pelatihan penting. "
        '"Kami ajari cara membuat anggaran," ujar dia.',
        'Konselor Maya Lestari menyebutkan banyak keluarga kesulitan. "Tahun pertama paling '
        'berat," ungkapnya.',
    ) == [("Andi Saputra", "jubir Polri"), ("Dewi Anggraini", "CEO Sinarmas"),
          ("Maya Lestari", "Konselor")]  # (was "jubir Polri Andi Saputra", "Sinarmas Dewi
    # Anggraini", "Konselor Maya Lestari")
    # someone close to a person stays described; an English officer keeps a three-word name
    assert roles('"Anak saya baik," kata ayah Presiden Joko Widodo.')[0][0] != "Joko Widodo"
    split = split_role("CFO John David Rainey".split(), english=True)
    assert (split.name, split.role) == ("John David Rainey", "CFO")


def test_a_portfolio_after_dan_and_before_a_short_name_stays_in_the_role():
    # "Menteri Koperasi dan UKM (Menkop) RI, Rudi Hartono": one office, not "UKM (Menkop) RI"
    assert roles(
        "Sementara itu, Menteri Koperasi dan UKM (Menkop) RI, Rudi Hartono, memaparkan alasan "
        "larangan itu.",
        '"Stok ikan sedang menurun," ujar Rudi Hartono di Bandung.',
        "Kepala Dinas Pemuda dan Olahraga (Dispora) Jabar, Rina Lestari, ikut hadir.",
        '"Kami siap," kata Rina.',
    ) == [("Rudi Hartono", "Menteri Koperasi dan UKM (Menkop) RI"),
          ("Rina Lestari", "Kepala Dinas Pemuda dan Olahraga (Dispora) Jabar")]
    # a title after "dan" is another person's: the prime minister, the army chief
    assert roles(
        "Presiden Joko Widodo dan PM Malaysia, Anwar Ibrahim, bertemu di Bogor.",
        '"Kami sepakat," kata Anwar.',
        "Presiden Jokowi dan KSAD Dudung Abdurachman meninjau pasar.",
        '"Harga stabil," kata Dudung.',
    ) == [("Anwar Ibrahim", "PM Malaysia"), ("Dudung Abdurachman", "KSAD")]


def test_a_pilgrims_or_scholars_title_before_the_name_is_not_the_office():
    # "Kepala Bidang SMP Hj Nurlela Amir": the office without her title; "kata H Rahmat
    # Sudirja": the office given when he was introduced, not "H"
    assert roles(
        "Kepala Dinas Pendidikan Kota Palu H Rahmat Sudirja meminta sekolah bersiap.",
        '"Semua sekolah harus siap menerima siswa baru," kata H Rahmat Sudirja di Palu.',
        "Kepala Bidang SMP Hj Nurlela Amir mengatakan pendaftaran dibuka pekan depan.",
        '"Kami sudah menyiapkan formulir," ujar dia.',
    ) == [("Rahmat Sudirja", "Kepala Dinas Pendidikan Kota Palu"),
          ("Nurlela Amir", "Kepala Bidang SMP")]
    assert roles('"Kami siap," kata Prof Budi Santoso.') == [("Budi Santoso", "Prof")]


def test_a_hospitals_name_is_no_one_a_later_katanya_means():
    # "RS Adhyaksa" in a list of hospitals is a hospital, not a person named Adhyaksa
    assert roles(
        '"Kami siapkan 20 rumah sakit rujukan," kata Gubernur Sumsel Herman Deru.',
        "Rumah sakit itu antara lain RSUD Siti Fatimah, RS Pelabuhan, dan RS Adhyaksa.",
        '"Semua sudah siap," katanya.',
    ) == [("Herman Deru", "Gubernur Sumsel")] * 2


def test_a_profession_before_a_name_is_the_role():
    # "kata Apoteker Noel Wicks": a pharmacist named Noel Wicks, not a man named Apoteker
    assert roles(
        '"Obat ini hanya untuk dewasa," kata Apoteker Laras Wibowo di apotek itu.',
        'Psikolog Dina Maharani menambahkan, "Anak perlu didampingi."',
        '"Saya disuruh menghapus foto," ungkap Kontributor TVRI, Bagus kepada wartawan.',
    ) == [("Laras Wibowo", "Apoteker"), ("Dina Maharani", "Psikolog"),
          ("Bagus", "Kontributor TVRI")]


def test_the_last_word_of_a_bodys_name_stays_in_the_role():
    # "CEO Siloam International Hospitals Caroline Riady": the company ends with "Hospitals";
    # a paper's word opening a name is not taken for the end of a body ("Daily Mail")
    assert roles(
        '"Kami membuka dua cabang," kata CEO Nusantara Medika Hospitals Sinta Wulandari.',
        'Direktur Garuda Aero Holdings Bayu Pratama mengatakan, "Armada kami bertambah."',
    ) == [("Sinta Wulandari", "CEO Nusantara Medika Hospitals"),
          ("Bayu Pratama", "Direktur Garuda Aero Holdings")]
    split = split_role("Media Inggris Daily Mail".split())
    assert split.name != "Mail"


def test_a_doctors_title_in_lower_case_is_the_persons_not_the_office():
    # "Direktur RSUD Siti Fatimah, dr Budi": the office before the comma, the doctor after it
    assert roles(
        "Direktur RSUD Kartika Sari, dr Anton Wijaya mengatakan layanan dibuka 24 jam.",
        '"Kami siap melayani pasien," kata Anton.',
        '"Stok vaksin cukup," kata Kepala Dinkes Jatim drg Rina Puspita.',
        '"Ruang isolasi penuh," kata Direktur RSUD dr Sardjito, dr Made Sudira.',
    ) == [("Anton Wijaya", "Direktur RSUD Kartika Sari"),
          ("Rina Puspita", "Kepala Dinkes Jatim"),
          ("Made Sudira", "Direktur RSUD dr Sardjito")]


def test_a_companys_short_name_is_no_one_a_nya_means():
    # "Siloam International Hospitals (Siloam)": "Siloam juga bertekad …", then "pungkasnya"
    # is the chief executive who spoke, not the company
    assert roles(
        "Nusa Medika Hospitals (Nusa) meresmikan logo baru.",
        'Direktur Utama Nusa Medika Hospitals Laras Hartati menjelaskan alasannya. "Kami '
        'tumbuh bersama pasien," kata Laras.',
        "Nusa juga bertekad memperluas layanan ke Papua.",
        '"Kami siap hadir di sana," pungkasnya.',
    ) == [("Laras Hartati", "Direktur Utama Nusa Medika Hospitals")] * 2


def test_a_given_name_that_ends_titles_is_a_name_alone():
    # "Agung" ends "Jaksa Agung"; "kata Agung" after "Agung, seorang pedagang" is a man, whom
    # the next "-nya" means (not the official quoted before him)
    assert roles(
        "Kepala Dinas Perdagangan Surabaya, Heru Santoso, menyebut pasokan tersendat.",
        '"Hujan membuat panen mundur," kata Heru.',
        "Agung, seorang pedagang, mengeluhkan sepinya pembeli.",
        '"Pembeli turun separuh," kata Agung.',
        '"Saya terpaksa mengurangi stok," ujarnya.',
        '"Kasus itu kami periksa," kata Jaksa Agung Burhanudin.',
    ) == [("Heru Santoso", "Kepala Dinas Perdagangan Surabaya"), ("Agung", None),
          ("Agung", None), ("Burhanudin", "Jaksa Agung")]


def test_a_degree_after_the_name_and_an_office_set_off_by_commas():
    # "Senada, Prof Raldi … PhD, dosen Hukum …, turut menyuarakan": the name without the
    # degree, the office the commas set off rather than "Prof" ("Senada" opens, names no one)
    assert roles(
        "Senada, Prof Wulan Sari Dewanti PhD, dosen Ekologi Laut IPB, turut menyuarakan "
        "kekhawatirannya.",
        '"Terumbu karang butuh puluhan tahun untuk pulih," kata Wulan.',
    ) == [("Wulan Sari Dewanti", "dosen Ekologi Laut IPB")]


def test_a_former_office_of_a_body_spelled_by_its_short_name():
    # "Mantan Direktur Sekolah Ilmu Lingkungan (SIL) UI, Dr dr Tri …": all of it the office
    # (not a man named "Ilmu"), "Mantan" included
    assert roles(
        "Mantan Kepala Pusat Riset Hutan Tropis (PRHT) UGM, Dr dr Bayu Santika, MSc, "
        "menyayangkan keputusan itu.",
        '"Saya prihatin," katanya.',
    ) == [("Bayu Santika", "Mantan Kepala Pusat Riset Hutan Tropis (PRHT) UGM")]


def test_menurut_an_office_then_the_name_set_off_by_commas():
    # "Menurut Deputi Bidang Statistik Sosial BPS, Ateng Hartono, …", then "ujarnya": him,
    # not a man named "Statistik"
    assert roles(
        "Menurut Direktur Riset Pasar OJK, Wulan Pratiwi, harga emas dunia naik tajam.",
        '"Permintaan bank sentral sangat besar," ujarnya.',
    ) == [("Wulan Pratiwi", "Direktur Riset Pasar OJK")]


def test_a_regency_named_to_its_direction_is_a_place_not_a_person():
    # "…, Kecamatan Rupit, Kabupaten Musi Rawas Utara": no man named "Rawas" for "ujarnya"
    assert roles(
        '"Kedua pelaku sudah kabur," kata Kapolres Tegal AKBP Rudi Hartono kepada wartawan.',
        "Kata Rudi, tim masih mencari. Pelaku terlihat di Desa Sukamaju, Kecamatan Bumijawa, "
        "Kabupaten Lembah Sari Utara, Sumsel.",
        '"Kami sudah menyisir hutan," ujarnya.',
        '"Jalan rusak," kata Bupati Musi Rawas Utara Devi Suhartoni.',
    ) == [("Rudi Hartono", "Kapolres Tegal AKBP")] * 2 + [
        ("Devi Suhartoni", "Bupati Musi Rawas Utara")]


def test_an_acronym_opening_the_reported_clause_is_no_role():
    # "Meski murah, kata Bima, LCS sudah mampu …": LCS (the device) is what the clause is
    # about, not Bima's title; "kata Dudung, KSAD, di Jakarta" keeps the title
    assert roles(
        "Hendra Gunawan memperkenalkan alat itu di balai desa.",
        "Meski murah, kata Hendra, SMT sudah bisa mengukur suhu tanah.",
        '"Idenya datang dari keluhan petani," ujarnya.',
        '"Kami siap," kata Dudung, KSAD, di Jakarta.',
    ) == [("Hendra Gunawan", None), ("Dudung", "KSAD")]


def test_a_pronoun_reporting_about_another_keeps_the_speaker_followed():
    # "Dia mengungkapkan, Bripka Sutrisno tidak berniat …": the spokesman's words about the
    # officer; the next "ujarnya" is still the spokesman's
    assert roles(
        '"Iya, benar ada kejadian itu," kata Kasi Humas Polres Klaten AKP Darmanto.',
        "Darmanto menuturkan, persoalan itu hanya salah paham.",
        "Dia mengungkapkan, Bripka Sutrisno tidak berniat melarang warga merekam.",
        '"Mungkin dia sedang emosi saat itu," ujarnya.',
    ) == [("Darmanto", "Kasi Humas Polres Klaten AKP")] * 2
