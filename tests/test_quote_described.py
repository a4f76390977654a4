"""Indonesian speakers described before or around their names: a noun opening the sentence, a
place ending a role, a relative clause before the name, a belief's agent, a verb glued to the
role. Made-up sentences in the shapes real news uses."""

from __future__ import annotations

from reader.ingest.boilerplate import is_boilerplate

from .quote_helpers import roles, speakers


def test_a_derived_noun_opening_the_sentence_is_not_part_of_the_name():
    assert speakers(
        "Anggota DPR Budi Santoso melanjutkan kunjungan ke kampus.",
        "Kedatangan Budi di Bogor disambut oleh Wakil Rektor Andi Wijaya.",
        '"Taman ini untuk semua warga," ujar Budi dalam keterangannya.',
        '"Kami akan merawatnya," ungkapnya.',
    ) == ["Budi Santoso", "Budi Santoso"]  # (was "Kedatangan Budi")


def test_a_common_noun_or_a_body_opening_a_sentence_takes_no_pronoun():
    assert speakers(
        "Menteri Kesehatan Rina Lestari mengatakan layanan harus merata.",
        '"Puskesmas harus siap melayani," ujarnya.',
        "Selain pelatihan, Pemda juga harus sering menggelar pemeriksaan gratis.",
        '"Jadi warga ikut sehat," katanya.',
    ) == ["Rina Lestari", "Rina Lestari"]  # (was "Pemda")
    assert roles(
        "Petugas Dinas Sosial, Joko Prasetyo, menyebut tidak ada korban jiwa.",
        '"Air naik sejak sore," kata Joko.',
        'Hingga malam, air mulai surut. Warga bersama relawan membersihkan lumpur. "Kondisi '
        'sudah membaik," ujarnya.',
    ) == [("Joko Prasetyo", "Petugas Dinas Sosial")] * 2  # (was "Joko", then "Warga")


def test_a_role_ending_in_a_place_then_a_comma_and_a_ranked_name():
    assert roles(
        '"Laporan keluarga sudah kami terima," ujar Kasi Humas Polres Palopo, AKP Hendra '
        'kepada wartawan, Kamis (9/10/2025).',
    ) == [("Hendra", "Kasi Humas Polres Palopo AKP")]  # (was "Palopo")
    assert speakers(
        '"Laporan sudah kami terima," ujar Kasi Humas Polres Garut, AKP Hendra kepada wartawan.',
    ) == ["Hendra"]  # (was "Kasi")


def test_a_description_and_a_relative_clause_before_the_name():
    for place in ("Ungaran", "Bekasi"):
        assert roles(
            f'"Jalan ini tergenang sejak subuh," kata warga asal {place} yang melintas, Rudi '
            '(40), saat dihubungi wartawan.',
        ) == [("Rudi", f"warga asal {place}")]  # (was "Ungaran", "warga asal Bekasi")


def test_the_agent_of_a_belief_and_a_verb_in_the_headline():
    assert roles(
        "Masa sulit pasar belum akan berakhir. Setidaknya, hal inilah yang diyakini oleh bos "
        'perusahaan dana Tom Hardi. "Salahkan regulator, bukan bank," kata dia.',
        title="Miliarder Ini Peringatkan Krisis Pasar",
    ) == [("Tom Hardi", "bos perusahaan dana")]  # (was "Peringatkan Krisis")


def test_a_speech_verb_glued_to_the_role():
    assert roles(
        '"Mereka masuk lewat pintu samping," kataKapolres Bogor Kombes Andi Wijaya saat jumpa '
        'pers, Sabtu (18/10/2025).',
    ) == [("Andi Wijaya", "Kapolres Bogor Kombes")]  # (was no one)


def test_a_video_teaser_is_no_paragraph():
    assert is_boilerplate("Lalu apa saja langkah Budi berikutnya? Saksikan selengkapnya dalam "
                          "programBincanghanya didetikcomdalam kanal20Detik.")
    assert is_boilerplate("Simak selengkapnya di sini.")
    assert is_boilerplate("Saksikan Live DetikPagi:")
    assert not is_boilerplate("Budi meminta warga menyaksikan pertunjukan itu selengkapnya.")


def test_someone_described_after_a_link_word():
    assert speakers(
        'Pengemudi itu bertanya, "Kenapa jalannya ditutup?"',
        'Sementara perekam video menjawab santai, "Macet... macet... macet..."',
    )[-1] == "perekam video"  # (was a term: the clause before it named a video)


def test_a_word_before_the_first_name_of_someone_met_is_no_part_of_it():
    assert roles(
        "Brigadir Sinta Dewi bertugas di misi PBB di Afrika Tengah selama dua tahun.",
        '"Saya mengurus basis data kriminal di sana," kata Sinta.',
        "Kinerja Sinta dalam tugas itu menarik perhatian PBB.",
        '"Saya bersyukur, ini kerja tim," katanya.',
    ) == [("Sinta Dewi", "Brigadir")] * 2  # (was "Kinerja Sinta")


def test_ranks_units_and_connectives_are_no_speakers():
    assert roles(
        '"Aset tanah itu sudah laku dilelang," kata Kasi Intel Kejari Serang, Budiman, kepada '
        "wartawan.",
    ) == [("Budiman", "Kasi Intel Kejari Serang")]  # (was "Intel Kejari")
    assert speakers(
        "Ketua BEM Undip, Dimas Pratama, menilai penundaan sidang tidak adil.",
        '"Kami melihat proses ini belum adil," kata Dimas.',
        "Ia menegaskan, BEM Undip bersama mahasiswa lain akan hadir lagi pekan depan.",
        '"Kami tidak akan berhenti mengawal," tambahnya.',
    ) == ["Dimas Pratama", "Dimas Pratama"]  # (was "Undip")
    assert speakers(
        "Pengacara terdakwa, Tuti Wijaya, menyampaikan kekecewaannya atas penundaan ini. "
        "Terlebih, sebelumnya sudah ada beberapa perubahan jadwal.",
        '"Kami kecewa sekali karena jadwal terus berubah," katanya.',
    ) == ["Tuti Wijaya"]  # (was "Terlebih")


def test_a_description_in_the_attribution_means_the_person_the_text_turned_to():
    # "… adalah Rina, seorang guru", "Lain halnya dengan (yang dialami oleh) Budi": the text is
    # now about that person, so "kata ayah tiga anak ini" is Budi, not the expert before him
    assert speakers(
        "Perencana keuangan Andi Wijaya mengatakan tabungan harus dimulai sejak dini.",
        '"Jangan menunggu anak masuk sekolah," kata Andi.',
        "Salah satu warga yang sudah menabung adalah Rina, seorang guru di Bogor. Guru ini "
        'menabung sejak anaknya lahir. "Saya menyisihkan uang tiap bulan," jelas ibu dua anak '
        "ini.",
        "Lain halnya dengan yang dialami oleh Budi. Pegawai swasta ini mengaku terlambat. "
        '"Saya baru mulai tahun lalu," kata ayah tiga anak ini.',
        "Berbeda dengan Sinta (29). Ia sudah menabung sejak kuliah. "
        '"Sedikit demi sedikit," ujarnya.',
    ) == ["Andi Wijaya", "Rina", "Budi", "Sinta"]  # (was Andi Wijaya each time)


def test_what_is_no_turn_to_a_person_keeps_the_speaker():
    assert speakers(
        "Ketua panitia Andi Wijaya mengatakan pemenangnya adalah Budi (30), warga Bekasi.",
        '"Kami puas dengan acaranya," katanya.',
        "Fitur baru itu adalah GoFood Pickup, layanan antar makanan. Ibu kotanya adalah "
        'Nusantara. Lain halnya dengan Jakarta. "Semua berjalan lancar," ujarnya.',
    ) == ["Andi Wijaya", "Andi Wijaya"]


def test_a_passive_reports_agent_described_in_lower_case_then_named_after_a_comma():
    # "disampaikan kuasa hukum warga, Darmawan Saputra": the later "kata Darmawan" is him,
    # with his description as the role
    assert roles(
        "Ketua RT menolak rencana itu. Hal itu disampaikan kuasa hukum warga, Darmawan "
        "Saputra usai mendampingi warga rapat.",
        '"Kami tidak setuju dengan rencana ini," kata Darmawan di balai desa.',
        '"Surat sudah kami siapkan," ujarnya.',
    ) == [("Darmawan Saputra", "kuasa hukum warga")] * 2
    # a description that is no one's ("melalui keterangan tertulis, Senin") names no one
    assert roles(
        "Menteri Kesehatan Rina Lestari meninjau puskesmas.",
        "Hal itu disampaikan melalui keterangan tertulis, Senin.",
        '"Layanan harus merata," ujarnya.',
    ) == [("Rina Lestari", "Menteri Kesehatan")]


def test_an_age_between_a_name_and_its_verb_keeps_the_person_the_subject():
    # "Dian (37) berharap …": she is whom the text follows now, and "katanya" is hers
    assert roles(
        '"Kami sudah menyiapkan ruang kelas," kata Kepala Sekolah Iis Irawati.',
        'Salah satu orang tua siswa, Dian (37) berharap program ini terus berjalan. "Anak saya '
        'jadi semangat sekolah," katanya.',
    ) == [("Iis Irawati", "Kepala Sekolah"), ("Dian", None)]


def test_a_description_then_a_bodys_name_is_someone_of_that_body():
    # "kata tenaga ahli Baleg DPR RI": an expert of the legislation body, not a person "Baleg"
    assert roles('"Aturan ini merugikan," kata tenaga ahli Baleg DPR RI.') == [
        ("tenaga ahli Baleg DPR RI", None)]
    assert roles('"Kami siap," kata dokter spesialis Andi Kurniawan.') == [
        ("Andi Kurniawan", "dokter spesialis")]
