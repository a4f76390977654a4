"""Words that decide who spoke: party tags, reporting verbs, bodies' names, the titles of works,
connectives and headlines inside a paragraph. Made-up sentences in the shapes real news uses."""

from __future__ import annotations

from reader.language.quotes import find_quotes
from reader.records import TERM

from .quote_helpers import speakers


def test_a_party_tag_with_a_state_abbreviation_ends_no_sentence():
    assert speakers(
        '"An indictment would be an abuse of power," Sen. Rand Paul (R-Ky.) tweeted on Tuesday.',
        '"We will stick with what we tweeted out," he told reporters.',
        language="en",
    ) == ["Rand Paul", "Rand Paul"]
    assert speakers(
        '"This is a deep concern," Sen. Mark Warner (D-Va.) said.',
        '"There is no coordination at all," Sen. Chris Van Hollen (D-Md.) added.',
        language="en",
    ) == ["Mark Warner", "Chris Van Hollen"]


def test_less_common_reporting_verbs_and_an_adjective_before_the_subject():
    assert speakers(
        'Prosecutors filed their answer on Monday.',
        '"The government disclosed this late," Rehl\'s attorney alleged in court documents.',
        language="en",
    ) == ["Rehl's attorney"]
    assert speakers(
        '"Thirteen years ago we gathered here as President Obama signed the law," Biden began.',
        language="en",
    ) == ["Biden"]
    assert speakers(
        '"The chemicals cause malformations," the scientists write in the study.',
        language="en",
    ) == ["the scientists"]
    assert speakers('"I saw him leave," the alleged victim said.', language="en") == [
        "the alleged victim"]


def test_two_capitalised_words_after_the_name_a_work():
    found = find_quotes([
        'The album features the track “The Hardest Stone,” produced by Tyler Joseph.',
        'Jane Roe, a columnist, co-hosts “The Unregulated Podcast.” She was an aide before.',
    ], language="en")
    assert [q.kind for quotes in found for q in quotes] == [TERM, TERM]


def test_a_government_unit_is_a_body_and_its_name_belongs_to_the_role():
    # "Direktorat Jenderal Pendidikan Islam …" is a body, not a person called "Islam"; the word
    # after "Ditjen", "Bank" or "Universitas" is the body's name, not the person's
    assert speakers(
        'Direktorat Jenderal Pendidikan Islam Kementerian Agama (Ditjen Pendis Kemenag) tengah '
        'menyusun modul baru. Sekretaris Ditjen Pendis Arskal Salim menyampaikan hal itu.',
        '"Pendekatannya perlu disesuaikan," tuturnya.',
        'Pendidikan seksualitas di masa kini harus menumbuhkan kesadaran murid.',
        '"Tubuh adalah amanah," tambahnya.',
    ) == ["Arskal Salim", "Arskal Salim"]
    found = find_quotes(['"Kami koreksi," kata Corporate Secretary Bank Mandiri Rohan Hafas.'],
                        language="id")
    assert (found[0][0].speaker, found[0][0].role) == (
        "Rohan Hafas", "Corporate Secretary Bank Mandiri")


def test_a_role_with_its_body_then_a_comma_and_one_name():
    found = find_quotes([
        '"Jumlah personel bakal berkurang," kata Guru Besar Universitas Padjadjaran, Muradi, '
        'dalam diskusi daring.',
        '"Ini baru awal," kata Guru Besar Unpad, Muradi, kepada wartawan.',
        '"Banjir sudah surut," kata Bupati Sleman, Kustini, di Sleman.',
        '"Kami siap," kata Presiden Jokowi, Senin (8/5).',
    ], language="id")
    assert [(q.speaker, q.role) for quotes in found for q in quotes] == [
        ("Muradi", "Guru Besar Universitas Padjadjaran"), ("Muradi", "Guru Besar Unpad"),
        ("Kustini", "Bupati Sleman"), ("Jokowi", "Presiden")]


def test_a_headline_linked_inside_a_paragraph_names_no_one():
    assert speakers(
        'Dalam pemaparannya, Sandeep berkata bahwa remaja harus tahu batasan dirinya. Baca juga: '
        'Komnas Perempuan Tegaskan, Kehamilan Remaja Beri Tekanan Psikis "Makanya kita harus '
        'memberi informasi," jelasnya.',
    ) == ["Sandeep"]


def test_a_connective_opening_a_sentence_is_no_name():
    assert speakers(
        '"Layanan terus membaik," kata pengamat kesehatan Husni Thamrin.',
        'Jumlah rujukan terus bertambah, kata dia. Termasuk juga jumlah puskesmas di daerah.',
        '"Tantangannya, mutu tidak merata," ungkapnya.',
    ) == ["Husni Thamrin", "Husni Thamrin"]


def test_a_title_in_brackets_and_a_passive_agent_name_the_person():
    found = find_quotes([
        'Agenda sidang yakni pembacaan surat dakwaan oleh Jaksa Penuntut Umum (JPU) Kejari Ogan '
        'Komering Ilir (OKI) Ulpah.',
        'JPU mendakwa keduanya dengan pasal berlapis.',
        '"Terdakwa menyalahgunakan kewenangan," kata JPU dalam dakwaan.',
    ], language="id")
    quote = found[2][0]
    assert quote.speaker == "Ulpah" and "(JPU)" in quote.role


def test_an_unnamed_resident_is_not_the_official_or_a_place():
    assert speakers(
        'Rapat dipimpin Gubernur Banten Andra Soni di Serang.',
        'Dalam rapat itu, tiba-tiba hadir seorang warga yang mengaku berasal dari Kramatwatu. Ia '
        'menyampaikan keresahan soal truk.',
        '"Kenapa harus melintas ke Kramatwatu?" ujar warga tersebut.',
    ) == ["warga tersebut"]
    # a resident the text follows is still that resident
    assert speakers(
        'Budi Santoso, warga Bekasi, ikut antre sejak pagi.',
        '"Lama sekali," ujar warga tersebut.',
    ) == ["Budi Santoso"]
    # a remark that came from someone still names them
    assert speakers(
        'Satu komplain pun datang dari Helen Bond, warga setempat.',
        '"Ini tidak adil," katanya.',
    ) == ["Helen Bond"]


def test_a_short_name_after_the_full_one_is_that_person_with_their_role():
    found = find_quotes([
        'Wakil Ketua DPRD Jawa Timur Deni Wicaksono meninjau lokasi tambang.',
        '"Pengawasan harus ditegakkan," kata Deni.',
    ], language="id")
    quote = found[1][0]
    assert (quote.speaker, quote.role) == ("Deni Wicaksono", "Wakil Ketua DPRD Jawa Timur")


def test_speech_reported_inside_a_quote_and_a_label_after_a_copula():
    found = find_quotes([
        '"Dia cuma bilang gini sama aku, \'Ma, gak perlu khawatir, aku baik-baik saja.\' Terus '
        'aku dipeluk," kenang Dewi.',
        'Stigma kedua adalah \'Saya tidak bisa diam, jadi saya tidak mungkin bisa meditasi\'. '
        'Bagia mengatakan pikiran yang gelisah justru perlu dilatih.',
    ], language="id")
    assert [q.kind for q in found[0]] == ["statement", "statement"]
    assert [q.kind for q in found[1]] == [TERM]
    # what someone said, after the copula, is still theirs
    said = find_quotes(['Kalimat Ahok yang dinyatakan menodai agama adalah "Jadi jangan percaya '
                        'sama orang, kan bisa saja Bapak-Ibu tidak memilih saya."'], language="id")
    assert [q.kind for q in said[0]] == ["statement"]


def test_english_subjects_after_an_opening_phrase_or_a_long_appositive():
    assert speakers(
        '"The tumor has shrunk," Dr. Paul Baskin said.',
        'Stella Gomez was diagnosed last year.',
        '"These tumors are like an octopus," Dr. Paul Baskin, the director of the Kenneth R. Peak '
        'Brain and Pituitary Treatment Center, said.',
        'So for the last half year, Gomez has been placing her hope on the helmet.',
        '"There were moments when I was frustrated," she said.',
        language="en",
    ) == ["Paul Baskin", "Paul Baskin", "Stella Gomez"]
    assert speakers(
        '"I had a light-bulb moment," says Goldberg, whose collection now includes pieces by '
        'Walbidi.',
        'Halfway around the world, collector Lonti Ebers, a trustee of the Museum of Modern Art, '
        'focuses on important artists. "The one painting I have hangs in our home," she says.',
        'Citing Walbidi and Napangati, Melbourne gallerist Dan Davidson says, "There can be no '
        'doubt about it."',
        language="en",
    ) == ["Goldberg", "Lonti Ebers", "Dan Davidson"]


def test_a_question_attributed_in_the_next_sentence():
    assert speakers('"Did you think it was going to end any other way?" Trout said afterward.',
                    language="en") == ["Trout"]
    # the sentence after a question is its attribution only when it names who asked
    found = find_quotes([
        'Situs Livingston Daily mengunggah video berjudul, "Trump: do they like me in '
        'Indonesia?" Sementara, situs Newsweek dalam akhir artikelnya menuliskan, "Pada akhir '
        'konferensi pers, Trump memperkenalkan Ketua DPR Indonesia."'], language="id")
    assert [(q.kind, q.speaker) for q in found[0]] == [("term", None),
                                                       ("statement", "Newsweek")]


def test_speech_reported_inside_a_quote_after_saying():
    found = find_quotes(['"The National Parents Union is here saying, \'Don\'t do this.\'" said '
                         'Ocasio-Cortez.'], language="en")
    assert [q.kind for q in found[0]] == ["statement", "statement"]


def test_a_role_pointed_back_to_and_an_acronym_with_a_hyphen():
    # "Mantan Kepala BNN tersebut": a description of whom the text follows, not a new person
    assert speakers(
        'Direktur Utama Perum Bulog, Budi Waseso menagih utang pemerintah.',
        '"Saldo utang belum dibayarkan," ujarnya.',
        'Mantan Kepala Badan Narkotika Nasional (BNN) tersebut menambahkan, pembayaran utang '
        'sangat dibutuhkan.',
        '"Kami sangat berharap pelunasan segera dilakukan," tandasnya.',
    ) == ["Budi Waseso", "Budi Waseso"]
    # "RTMM-SPSI" is part of the role, so the name after the comma is the subject
    assert speakers(
        '"Penerimaan cukai akan turun," kata Ketua GAPPRI Henry Najoan.',
        'Ketua Umum FSP RTMM-SPSI, Sudarto klaim bahwa kenaikan cukai tidak tepat sasaran.',
        '"Perbanyak edukasi ke akar rumput," tegasnya.',
    ) == ["Henry Najoan", "Sudarto"]


def test_someones_camp_speaks_for_them_not_as_them():
    assert speakers(
        'Franck Kessie scored the winner on Sunday.',
        'Kessie’s camp have made it clear that the Ivorian is happy.',
        '"We denied a possible transfer," he said.',
        language="en",
    ) == ["Kessie’s camp"]


def test_words_that_look_like_verbs_or_titles_but_are_not():
    # "mereka" is a pronoun, "berjudul" names, "Bermuda" is a place; "Rakyat" qualifies titles
    assert speakers(
        '"Biaya hidup terus naik," kata peneliti Rina Marlina.',
        'Gaji mereka turun 11 persen sejak 2009.',
        '"Risiko ini membuat tabungan sulit," sebutnya.',
    ) == ["Rina Marlina", "Rina Marlina"]
    assert speakers(
        '"Kami turun ke jalan," kata Ketua BEM Aufa Atha Ariq.',
        'Selebaran berjudul \'Satu Tahun Pagebluk\' juga dibagikan kepada peserta.',
        '"Genap satu tahun pemerintahan ini," tuturnya.',
    ) == ["Aufa Atha Ariq", "Aufa Atha Ariq"]
    assert speakers(
        'Kombes Susatyo menjelaskan program itu hadir untuk pengemudi ojol.',
        'Selain itu, Rakyat Mart juga dimaksudkan untuk membantu para pengemudi.',
        '"Kami ingin mereka sejahtera," jelasnya.',
    ) == ["Susatyo"]
    assert speakers(
        'Check Point Research melaporkan serangan itu.',
        'Lebih lanjut disebutkan, kedutaan di negara seperti Italia, Nepal, Bermuda, dan Kenya '
        'termasuk sasaran.',
        '"Serangan ini menargetkan pejabat," kata peneliti Budi Santoso.',
    ) == ["Budi Santoso"]


def test_a_change_of_speaker_told_by_the_narrative():
    assert speakers(
        '"Sebagian pegawai sudah kembali," kata Gamal Santoso.',
        'Pentingnya pasokan juga ditekankan oleh Wahyudin Sunarya, VP Marketing HCML.',
        '"Tanpa midstream, upstream tidak bisa tumbuh," tegasnya.',
        'Diskursus publik bisa memperburuk diskriminasi, kata sosiolog Malte Reichelt dari '
        'Universitas Siegen. "Kategori ras menjadi menonjol," ujarnya.',
        'Dari sisi kawasan industri, Marfan Trihartiko, Kepala Divisi Operasi, IT dan Services '
        'PT KITB, menggarisbawahi pentingnya pipa.',
        '"Kami sangat berterima kasih," tuturnya.',
    ) == ["Gamal Santoso", "Wahyudin Sunarya", "Malte Reichelt", "Marfan Trihartiko"]
    # a list of people is still plural, and a place after a comma is no subject
    assert speakers(
        'Dean James, Emil Audero, dan Joey Pelupessy telah diambil sumpahnya.',
        '"Kami bangga," kata Erick Thohir.', '"Luar biasa," ujarnya.',
    ) == ["Erick Thohir", "Erick Thohir"]
    assert speakers(
        '"It is very unique," Mayor Kory Peterson said.',
        'Similarly, a former elevator in Chaska, Minnesota, has been converted into a restaurant.',
        '"It was very well done," he said.',
        language="en",
    ) == ["Kory Peterson", "Kory Peterson"]


def test_a_reports_title_with_a_year_is_a_term():
    found = find_quotes(['Menurut laporan "Being Black in the EU 2023" dari badan hak asasi Uni '
                         'Eropa, diskriminasi meningkat.'], language="id")
    assert [q.kind for q in found[0]] == [TERM]


def test_english_speakers_named_around_a_title_a_phrase_or_a_question():
    assert speakers(
        '"It can be done," Hayashi said.',
        '"Is this ethical?" said Glenn Cohen, who is also a law professor.',
        '"Imagine the most extreme case," he added.',
        'UNLV legend Anderson Hunt was in attendance and posted on Twitter.',
        '"I did not know how much love people still have," he wrote.',
        'Leonard must be in "attack mode all night" on offense, Lue said, while guarding.',
        '"We have come to recognize it," said Minnesota Department of Human Services Assistant '
        'Commissioner, Natasha Merz.',
        'In its January 2022 ruling, the Bankruptcy Appellate Panel stated: "The litigation '
        'must end."',
        language="en",
    ) == ["Hayashi", "Glenn Cohen", "Glenn Cohen", "Anderson Hunt", "Lue", "Natasha Merz",
          "Bankruptcy Appellate Panel"]


def test_a_work_named_before_its_kind_a_nickname_and_titles_joined_by_and():
    def kinds(text: str) -> list[str]:
        return [q.kind for q in find_quotes([text], language="en")[0]]

    assert kinds("Kemp, who hosts the “Power of Now” podcast and lives in Vermont, said there "
                 "have been hard times.") == [TERM]  # (was a statement by "podcast and …")
    assert kinds("Among the crew, Cole says, Jones is known as “the boss.”") == [TERM]
    assert kinds("Her roles in “Fall for Me” and “Kings of Rome” she described as much "
                 "lighter.") == [TERM, TERM]  # (the second was a statement)


def test_a_list_of_titles_stays_terms_and_speech_after_a_term_stays_speech():
    found = find_quotes(["The band recorded hits that remain radio staples: “Blue Harbor,” “Night "
                         "Train,” “Dancing in the Rain,” “Nowhere to Hide,” “Johnny Blue,” among "
                         "others."], language="en")[0]
    assert [q.kind for q in found] == [TERM] * 5
    found = find_quotes(["He called the song “Blue Harbor” “the best thing we ever made, and I "
                         "mean that,” Cole said."], language="en")[0]
    assert [q.kind for q in found] == [TERM, "statement"]
