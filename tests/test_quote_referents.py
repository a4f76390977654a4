"""Whom ``-nya``, ``dia`` and a bare reporting verb point back to when the narrative between
quotes names things that are not people: what someone is reported to think, laws, buildings
in a list. Made-up sentences in the shapes real news uses."""

from __future__ import annotations

from reader.language.quotes import find_quotes

from .quote_helpers import speakers


def test_the_subject_of_what_someone_is_reported_to_think_is_not_the_focus():
    assert speakers(
        '"Kalau ada masalah, ya diproses saja," tegas Hendra Wijaya kepada wartawan.',
        'Menurut dia, Sarimukti merupakan perusahaan yang sangat besar, sehingga pengawasannya '
        'harus kuat.',
        '"Semua sudah melalui proses yang panjang," kata dia.',
    ) == ["Hendra Wijaya", "Hendra Wijaya"]
    assert speakers(
        '"Kami tidak akan mundur," ujar Rina Marlina di Bandung.',
        'Menurutnya, Tirtajaya mengalami kerugian sejak tahun lalu.',
        '"Semua sudah kami laporkan," katanya.',
    ) == ["Rina Marlina", "Rina Marlina"]


def test_a_law_or_regulation_is_never_whom_a_pronoun_points_to():
    assert speakers(
        '"Semua pasal sudah kami bahas," kata Bagus Santoso di Gedung DPR.',
        'Selain itu, RUU Perkoperasian juga akan mengatur soal pengawasan. Jangan sampai, kata '
        'dia, koperasi bermasalah terulang.',
        '"Itu yang harus dipenuhi para pengurus," katanya.',
    ) == ["Bagus Santoso", "Bagus Santoso"]
    assert speakers(
        '"Kami siap menjalankannya," ujar Dewi Lestari kepada wartawan.',
        'Perpres Nomor 12 Tahun 2024 mengatur pembagian kewenangan pusat dan daerah.',
        '"Daerah tinggal menyesuaikan," ujarnya.',
    ) == ["Dewi Lestari", "Dewi Lestari"]


def test_an_item_of_a_list_after_a_comma_is_not_the_subject():
    assert speakers(
        '"Ini hari kedua kami memeriksa," kata Kepala Biro Umum Sri Wahyuni di Semarang.',
        'Pemeriksaan dilakukan di sejumlah ruang di antaranya Loket Samsat, Gedung BPKD '
        'Ditreskrim, dan Polresta Semarang.',
        '"Semua ruang sudah sesuai indikator kami," ujarnya.',
    ) == ["Sri Wahyuni", "Sri Wahyuni"]


def test_a_team_or_party_then_a_name_after_a_comma_is_that_person():
    assert speakers('"Kami menunggu jadwal sidang," kata tim hukum Rudi, Andi Pratama di gedung '
                    'pengadilan, Jakarta.') == ["Andi Pratama"]
    assert speakers('"Keluarga sudah ikhlas," ujar pihak keluarga Rina, Sari Dewi, di rumah '
                    'duka.') == ["Sari Dewi"]
    assert speakers('"Kami menunggu jadwal sidang," kata tim hukum Rudi di gedung '
                    'pengadilan.') == ["tim hukum Rudi"]


def test_initials_given_in_brackets_after_a_name_stand_for_that_person():
    assert speakers(
        'Kritik ekonom senior Bambang Sutrisno (BS) terhadap utang negara harus dipahami '
        'sebagai peringatan.',
        '"Utang kita sudah lampu kuning," kata peneliti Dewi Lestari di Jakarta.',
        'BS juga menyebut upaya pemerintah tak ubahnya gali lubang tutup lubang.',
        '"Sebagian bunga utang dibayar dari utang baru," ujarnya.',
        '"Itu alasan rupiah terus melemah," jelas BS.',
    ) == ["Dewi Lestari", "Bambang Sutrisno", "Bambang Sutrisno"]


def test_a_description_after_the_verb_ends_where_a_verb_of_its_own_begins():
    assert speakers('"Terdakwa memperkaya diri sendiri," kata jaksa membacakan surat dakwaan di '
                    'Pengadilan Tipikor Jakarta.') == ["jaksa"]
    assert speakers('"Api muncul dari dapur," ujar petugas menjelaskan kronologi kejadian.') == [
        "petugas"]
    assert speakers('"Saya tidak tahu," kata mantan menteri itu.') != ["mantan"]


def test_initials_of_common_words_in_brackets_are_not_a_person():
    assert speakers(
        '"Pengangguran kota naik tahun ini," kata Kepala BPS Dewi Lestari di Jakarta.',
        'Penyebabnya adalah Tingkat Pengangguran Terbuka (TPT) laki-laki yang naik. Tingkat '
        'pengangguran terbuka itu mencapai enam persen. TPT naik dari 5,87 persen.',
        '"Kenaikan itu berpengaruh pada kemiskinan," paparnya.',
    ) == ["Dewi Lestari", "Dewi Lestari"]


def test_a_statement_from_a_family_or_a_management_after_the_quote():
    assert speakers('Budi Santoso hadir di sana.',
                    '"Kami tidak pernah melakukan hal itu," demikian pernyataan dari keluarga '
                    'Rudi, Senin (4/4/2016).') == ["keluarga Rudi"]
    assert speakers('Budi Santoso hadir di sana.',
                    '"Layanan kembali normal pekan depan," demikian pernyataan resmi dari '
                    'manajemen Sinar Jaya.') == ["manajemen Sinar Jaya"]


def test_an_adverb_between_a_name_and_its_reporting_verb():
    assert speakers(
        'Dunia dikejutkan kabar tentang pemain bola Rudi Hartono. Melalui keluarganya, Rudi '
        'secara tegas menyatakan bahwa dirinya tidak bersalah.',
        '"Saya tidak pernah menyembunyikan apa pun," ujarnya.',
    ) == ["Rudi Hartono"]  # (by the full name met before)


def test_common_words_opening_a_title_case_headline_are_not_a_person():
    found = find_quotes(['Dunia dikejutkan kabar pemain yang tersandung skandal pekan ini.',
                         '"Semua tuduhan itu fitnah belaka," ujarnya.'],
                        language="id", title="Bukan Kali Ini Saja Rudi Tersandung Skandal")
    assert [q.speaker for quotes in found for q in quotes] == [None]


def test_the_name_of_a_party_or_company_after_its_head_word_is_part_of_the_role():
    found = find_quotes(['"Kepercayaan publik harus kembali," ujar Sekretaris Jenderal Partai '
                         'Gemilang Rudi Hartono di Jakarta.',
                         '"Kami siap diaudit kapan saja," kata Direktur Utama PT Sinarmas '
                         'Dewi Lestari.',
                         '"Kami akan menang," kata Ketua Umum Partai Gemilang Airlangga.'],
                        language="id")
    assert [(q.speaker, q.role) for quotes in found for q in quotes] == [
        ("Rudi Hartono", "Sekretaris Jenderal Partai Gemilang"),
        ("Dewi Lestari", "Direktur Utama PT Sinarmas"),
        ("Airlangga", "Ketua Umum Partai Gemilang")]


def test_a_title_whose_field_is_a_list_with_commas():
    found = find_quotes([
        '"Tidak ada lelang di kawasan itu," kata Direktur Jenderal Energi Baru, Terbarukan, dan '
        'Konservasi Energi (EBTKE) Kementerian ESDM, Rina Marlina dalam keterangannya.',
        '"Pemilu harus aman," kata Menteri Koordinator Bidang Politik, Hukum, dan Keamanan Budi '
        'Hartono di Jakarta.',
        '"Kami siap," kata Kepala Dinas Pemuda, Olahraga, dan Pariwisata Kabupaten Garut Dewi '
        'Lestari.',
        '"Kami siap," kata Budi Santoso, Andi Pratama, dan Sari Dewi.',
    ], language="id")
    assert [q.speaker for quotes in found for q in quotes] == [
        "Rina Marlina", "Budi Hartono", "Dewi Lestari", "Budi Santoso"]


def test_a_name_right_after_the_quote_with_no_reporting_verb():
    assert speakers(
        'Kemenkeu mendapat skor tertinggi dalam survei itu.',
        '"Semua kementerian mendapatkan skor kinerja sedang. Yang tertinggi adalah Kemenkeu," '
        'Direktur Riset Budi Santoso, dalam rilis hasil survei, Sabtu (18/10/2025).',
        '"Kami akan terus memantau kinerja kabinet," Rina Marlina di Jakarta, Senin.',
    ) == ["Budi Santoso", "Rina Marlina"]


def test_a_name_after_a_quoted_name_and_a_comma_is_an_apposition_not_a_speaker():
    found = find_quotes(['Menurut Budi, pertemuan itu diinisiasi oleh "Jaringan Warga Peduli '
                         'Sungai", Komunitas Tetangga Antaragama, sebuah organisasi nirlaba.'],
                        language="id")
    assert [(q.kind, q.speaker) for quotes in found for q in quotes] == [("term", None)]


def test_the_words_of_a_law_or_a_letter_are_not_given_to_whom_the_text_is_about():
    assert speakers(
        'Menteri Kebudayaan, Dewi Lestari menegaskan semua program berpijak pada UUD 1945 Pasal '
        '32. Dalam pasal tersebut, tertuang bahwa "Negara memajukan kebudayaan nasional '
        'Indonesia di tengah peradaban dunia."',
        'Pasal 5 undang-undang itu berbunyi, "Setiap warga negara berhak atas pendidikan yang '
        'layak dan terjangkau."',
        '"Semua program kami mengacu ke sana," ujar Dewi.',
    ) == [None, None, "Dewi Lestari"]


def test_a_company_the_article_writes_as_pt_x_is_part_of_the_role_before_a_name():
    found = find_quotes([
        'Kasus itu menjadi modal bagi PT Sinarmulia (Persero) untuk berbenah. Hal itu '
        'disampaikan Direktur Utama Sinarmulia Rudi Hartono Saputra usai bertemu Jaksa Agung.',
        '"Ini menjadi momentum bagi kami untuk berbenah," ujarnya.',
        '"Kami terbuka pada pemeriksaan," kata Direktur Keuangan Sinarmulia Dewi Lestari.',
    ], language="id")
    assert [(q.speaker, q.role) for quotes in found for q in quotes] == [
        ("Rudi Hartono Saputra", "Direktur Utama Sinarmulia"),
        ("Dewi Lestari", "Direktur Keuangan Sinarmulia")]


def test_a_relative_or_lawyer_of_a_named_person_is_not_that_person():
    found = find_quotes([
        '"Kami terus berjuang," kata ayah Rina.',
        '"Klien kami kooperatif," kata kuasa hukum Budi Santoso di Jakarta.',
        '"Dia orang baik," ujar istri Andi Pratama.',
        '"Anak saya tidak bersalah," kata ibunda Dewi, Sari Wulandari, di rumahnya.',
        '"Vonis itu adil," kata hakim ketua Bambang Sutrisno.',
    ], language="id")
    assert [q.speaker for quotes in found for q in quotes] == [
        "ayah Rina", "kuasa hukum Budi Santoso", "istri Andi Pratama", "Sari Wulandari",
        "Bambang Sutrisno"]


def test_a_relative_or_lawyer_before_a_reporting_verb_is_not_the_person_named():
    found = find_quotes([
        'Kuasa hukum Budi Santoso mengatakan, "Klien kami selalu hadir setiap dipanggil."',
        'Sementara itu, ayah Rina Marlina menegaskan putrinya tidak bersalah.',
        '"Kami akan terus berjuang," ujarnya.',
    ], language="id")
    assert [q.speaker for quotes in found for q in quotes] == [
        "Kuasa hukum Budi Santoso", "ayah Rina Marlina"]


def test_english_a_lawyer_relative_or_spokesperson_of_a_named_person_is_not_that_person():
    found = find_quotes([
        '"He is innocent," said Smith\'s lawyer.',
        '"He is innocent," Smith\'s attorney, Jane Roe, said.',
        '"She was kind," said the mother of Maria Lopez.',
        '"We will appeal," said a spokesperson for Governor Tim Walz.',
        '"We will appeal," a spokesman for Walz said.',
        '"He is innocent," said Jane Roe, Smith\'s attorney.',
        '"We will appeal," Governor Tim Walz said.',
    ], language="en")
    assert [q.speaker for quotes in found for q in quotes] == [
        "Smith's lawyer", "Jane Roe", "the mother of Maria Lopez",
        "a spokesperson for Governor Tim Walz", "a spokesman for Walz", "Jane Roe", "Tim Walz"]


def test_english_a_possessive_before_a_name_is_that_name_s_role():
    found = find_quotes(['"Great game," said Smith\'s former lawyer Michael Cohen.',
                         '"Great game," said the Lakers\' coach.'], language="en")
    assert [(q.speaker, q.role) for quotes in found for q in quotes] == [
        ("Michael Cohen", "Smith's former lawyer"), ("the Lakers' coach", None)]


def test_english_a_relative_or_lawyer_as_the_subject_is_whom_a_pronoun_points_to():
    found = find_quotes(['John Smith was arrested Monday.',
                         'Smith\'s lawyer said the charges were false. "He did nothing wrong," '
                         'he said.',
                         'Maria Lopez died in the crash. Her mother said she was kind.',
                         '"She loved everyone," she said.',
                         'Smith\'s attorney said: "We will appeal."'], language="en")
    assert [q.speaker for quotes in found for q in quotes] == [
        "Smith's lawyer", "her mother", "Smith's attorney"]


def test_english_a_conjunction_opening_a_sentence_is_not_part_of_the_name():
    found = find_quotes(['But Dana Whitfield is 37 now. When she sings about her friends, '
                         'Dana Whitfield sighs, "When you know, you know."',
                         'But Dana Whitfield insists, "I have good intentions."'], language="en")
    assert [q.speaker for quotes in found for q in quotes] == ["Dana Whitfield", "Dana Whitfield"]


def test_english_a_possessive_name_alone_is_never_the_speaker():
    found = find_quotes(['There are requests for pieces on Keanu’s relationship to fame; and '
                         'one topic that just says “authenticity and ordinariness.”'],
                        language="en")
    assert all(q.speaker is None or not q.speaker.endswith(("’s", "'s"))
               for quotes in found for q in quotes)


def test_a_reporting_verb_glued_to_the_name_after_it():
    assert speakers('"Hukuman telah dilaksanakan di Provinsi Timur," demikian dilaporkanNusantara '
                    'Press Agency (NPA), seperti dilansirdetikNewsdariNew Arab, Selasa.') == [
        "Nusantara Press Agency (NPA)"]
    assert speakers('"Kami siap membantu," ujar Kepala Dinas Sosial Rina Marlina, '
                    'dilansirAntara, Selasa.') == ["Rina Marlina"]


def test_a_description_with_its_organisation_then_the_name_after_a_comma():
    assert speakers('"Keluarga tahu dari media sosial," kata peneliti pada Lembaga Kajian '
                    'Hukum Nusantara (LKHN), Rina Marlina.',
                    '"Mereka tidak diberi kesempatan berpamitan," sebutnya.') == [
        "Rina Marlina", "Rina Marlina"]


def test_a_caption_or_post_someone_wrote_is_theirs_even_when_it_berbunyi():
    assert speakers('Rina Marlina mengunggah foto masa kecilnya. Rina pun menuliskan caption yang '
                    'berbunyi, "Inilah aku saat masih berusia 13 tahun."') == ["Rina Marlina"]


def test_a_member_or_resident_of_a_named_place_club_or_company_is_described():
    found = find_quotes([
        '"Kami kecewa," kata warga Bekasi.',
        '"Kami kecewa," kata suporter Persija di stadion.',
        '"Kami kecewa," kata pendiri Dompetku.',
        '"Kami kecewa," kata warga Bekasi, Budi Santoso.',
        '"Kami kecewa," kata pengamat Rina Marlina.',
    ], language="id")
    assert [q.speaker for quotes in found for q in quotes] == [
        "warga Bekasi", "suporter Persija", "pendiri Dompetku", "Budi Santoso", "Rina Marlina"]


def test_a_supporter_of_a_club_as_subject_is_not_the_club():
    assert speakers('Usai laga, suporter Persija mengaku kecewa dengan hasil itu.',
                    '"Kami datang jauh-jauh untuk menang," ujarnya.') == ["suporter Persija"]


def test_english_a_resident_fan_or_spokesperson_of_a_named_place_or_body_is_described():
    found = find_quotes([
        '"It was scary," a Chicago resident said.',
        '"It was scary," said a resident of Montebello.',
        '"We are reviewing it," a Walmart spokesperson said.',
        '"It was loud," one Lakers fan said.',
        '"We are reviewing it," Jane Roe said in a statement.',
        '"We are reviewing it," said Jane Roe in a statement.',
        '"We are reviewing it," said a Walmart spokesperson in a statement.',
        '"We won," said the coach of the Lakers.',
    ], language="en")
    assert [q.speaker for quotes in found for q in quotes] == [
        "a Chicago resident", "a resident of Montebello", "a Walmart spokesperson",
        "one Lakers fan", "Jane Roe", "Jane Roe", "a Walmart spokesperson",
        "the coach of the Lakers"]


def test_a_name_in_an_earlier_clause_before_a_semicolon_is_not_the_subject():
    found = find_quotes(['Budi Santoso datang ke kantor polisi itu; seorang petugas kemudian '
                         'mengatakan, "Laporan sudah kami terima."'], language="id")
    assert [q.speaker for quotes in found for q in quotes] == ["seorang petugas"]


def test_someone_unnamed_opening_the_sentence_before_the_verb():
    found = find_quotes(['Budi Santoso datang ke kantor polisi itu. Seorang petugas kemudian '
                         'mengatakan, "Laporan sudah kami terima."',
                         'Salah satu warga mengatakan, "Dia orang baik."'], language="id")
    assert [q.speaker for quotes in found for q in quotes] == ["Seorang petugas",
                                                                "Salah satu warga"]


def test_someone_unnamed_as_the_subject_takes_a_later_pronoun_from_the_person_named_before():
    assert speakers('Budi Santoso datang ke kantor polisi itu.',
                    'Seorang petugas mengatakan laporan Budi sudah diterima.',
                    '"Kami akan segera menindaklanjuti," ujarnya.') == ["Seorang petugas"]
    assert speakers('Budi Santoso datang ke kantor polisi itu.',
                    'Sementara itu, seorang warga mengaku melihat kejadian tersebut.',
                    '"Saya lihat sendiri," katanya.') == ["seorang warga"]
    assert speakers('John Smith arrived at the station. A witness said the car was speeding. '
                    '"It was going very fast," she said.', language="en") == ["A witness"]
    assert speakers('John Smith arrived. A spokesperson for Governor Tim Walz said the budget '
                    'would pass. "We have the votes," she said.', language="en") == [
        "A spokesperson"]
    assert speakers('Budi Santoso datang ke kantor polisi itu.',
                    'Seorang petugas dari Polres Bekasi mengatakan laporan itu sudah diterima.',
                    '"Kami akan segera menindaklanjuti," ujarnya.') == ["Seorang petugas"]


def test_a_passive_attribution_in_the_sentence_after_the_quote():
    assert speakers('Budi Santoso hadir dalam acara itu.',
                    '"Kami akan mengusut tuntas kasus ini sampai ke akarnya." Hal itu disampaikan '
                    'Kapolres Bekasi AKBP Rina Marlina saat ditemui, Senin.') == ["Rina Marlina"]
    assert speakers('Budi Santoso hadir dalam acara itu.',
                    '"Semua pihak harus menahan diri." Demikian diungkapkan Ketua RT setempat, '
                    'Andi Pratama.') == ["Andi Pratama"]


def test_the_answer_to_a_question_is_not_the_questioner():
    asked, answered = speakers('Budi Santoso bertemu Rina Marlina di kantor itu.',
                               '"Apa kabar?" tanya Budi.', '"Baik," jawabnya.')
    assert asked == "Budi Santoso" and answered in (None, "Rina Marlina")
    assert speakers('Budi Santoso bertemu Ketua RT Rina Marlina di kantor itu.',
                    '"Apa kabar?" tanya Budi.', '"Baik," jawabnya.') == ["Budi Santoso",
                                                                         "Rina Marlina"]
    assert speakers('Budi Santoso datang sendiri.',
                    '"Apa kabar?" tanya Budi.', '"Baik," jawabnya.') == ["Budi Santoso", None]


def test_english_someone_unnamed_before_the_verb_in_the_same_clause():
    found = find_quotes(['Keanu Reeves has long been an icon. There are requests for pieces on '
                         'his roles; and one topic that just says “authenticity and ordinariness '
                         'in his public life today.”'], language="en")
    assert [q.speaker for quotes in found for q in quotes if q.kind == "statement"] in (
        [], ["one topic"])


def test_english_champion_and_nationality_titles_are_the_role():
    found = find_quotes(['"We have not been paid since January," said French Champion Audrey '
                         'Dubois.', '"It was a long race," said World Champion Tom Pidcock.'],
                        language="en")
    assert [(q.speaker, q.role) for quotes in found for q in quotes] == [
        ("Audrey Dubois", "French Champion"), ("Tom Pidcock", "World Champion")]


def test_a_plural_pronoun_after_the_quote_is_no_single_person():
    assert speakers('Budi Santoso dan Ani Lestari datang ke acara itu.',
                    '"Kami senang sekali," kata mereka.') == [None]
    assert speakers('John Smith and Mary Jones lost their home in the fire.',
                    '"We have nothing left," they said.', language="en") == [None]
