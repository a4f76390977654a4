"""One test per attribution rule, on made-up sentences in the shapes real news uses: long
titles and ranks before a name, the name next to the verb, English reporting, what pronouns and
``-nya`` point to, titles of works, nested quotations, the medium, link lines and languages."""

from __future__ import annotations

import pytest

from reader.language.english import looks_english
from reader.language.quotes import find_quotes
from reader.language.sentences import sentences
from reader.records import STATEMENT, TERM


def quotes(*paragraphs: str, language: str | None = None):
    return [q for found in find_quotes(list(paragraphs), language=language) for q in found]


def said(*paragraphs: str, language: str | None = None):
    """(speaker, role) of every statement."""
    return [(q.speaker, q.role) for q in quotes(*paragraphs, language=language)
            if q.kind == STATEMENT]


def speakers(*paragraphs: str, language: str | None = None):
    return [q.speaker for q in quotes(*paragraphs, language=language) if q.kind == STATEMENT]


def en(*paragraphs: str):
    return speakers(*paragraphs, language="en")


# -- 1. long official titles, ranks and honorifics before a name --------------------------------


def test_a_long_police_title_then_a_rank_after_a_comma():
    (name, role), = said('“Dua pelaku sudah kami amankan,” kata Kepala Bidang Humas Polda Jawa '
                         'Tengah, Kombes Pol Budi Hartono.')
    assert name == "Budi Hartono"
    assert role.startswith("Kepala Bidang Humas Polda Jawa Tengah") and "Kombes" in role


def test_a_title_joined_by_dan_with_a_unit_number():
    assert said('"Laporan warga terus kami tindak lanjuti," kata Kepala Satuan Tugas Koordinasi '
                'dan Supervisi KPK Wilayah V Rina Marlina di Jakarta.') == [
        ("Rina Marlina", "Kepala Satuan Tugas Koordinasi dan Supervisi KPK Wilayah V")]


def test_roman_numerals_and_units_are_never_the_person():
    assert speakers('"Anggaran ini sudah kami bahas," ujar Wakil Ketua Komisi X DPR, Hendra '
                    'Wijaya.') == ["Hendra Wijaya"]
    assert speakers('"Kasus ini masih kami dalami," kata Kasubdit IV Renakta Ditreskrimum Polda '
                    'Metro Jaya AKBP Siti Aminah.') == ["Siti Aminah"]


def test_honorifics_belong_to_the_role():
    assert said('"Pesantren harus terbuka," kata KH Ahmad Mustofa.') == [
        ("Ahmad Mustofa", "KH")]
    assert said('"Zakat harus tepat sasaran," kata Hj. Siti Rahmah.') == [
        ("Siti Rahmah", "Hj.")]
    assert said('"Penelitian ini baru awal," kata Prof. Dr. Bambang Setiadi.') == [
        ("Bambang Setiadi", "Prof. Dr.")]


def test_a_place_after_a_regional_head_is_not_the_name():
    assert speakers('"Jalan itu kami perbaiki tahun ini," kata Bupati Sukamaju Ratna Dewi '
                    'Lestari.') == ["Ratna Dewi Lestari"]
    assert speakers('"Banjir sudah surut," kata Gubernur Jawa Barat Dedi Kusuma.') == [
        "Dedi Kusuma"]


def test_a_place_and_one_word_is_the_name_of_a_body():
    assert speakers('"Ini kejutan besar," tulis Washington Post.') == ["Washington Post"]


def test_a_clause_after_a_comma_gives_no_subject_from_a_list_of_names():
    assert speakers('Joko Santoso membuat gim sejak 2010.',
                    'Kini judul seperti Warung Chain, Tahu Bulat, DreadOut, dan lainnya terkenal.',
                    '"Kami bangga," ujarnya.') == ["Joko Santoso"]


def test_a_first_name_that_is_also_a_word_opens_a_name():
    assert speakers('"Semua fraksi setuju," ujar Wakil Ketua Komisi X DPR, Lalu Hadrian '
                    'Irfani.') == ["Lalu Hadrian Irfani"]
    assert speakers('Bagus Santoso, Ketua Koperasi Tani, menjelaskan panen tahun ini baik.',
                    '"Harga gabah naik," ujar Bagus.') == ["Bagus Santoso"]  # met in full
    assert speakers('"Harga gabah naik," ujar Bagus.') == ["Bagus"]


def test_english_words_of_a_title_stay_in_the_role():
    assert speakers('“Rencana keuangan bukan soal investasi saja,” jelas Financial Trainer dan '
                    'Founder QM Financial Ligwina Hananto, Kamis.') == ["Ligwina Hananto"]


# -- 2. the name next to the verb ---------------------------------------------------------------


def test_the_name_right_after_the_verb():
    assert speakers('“Kami optimistis menang,” ujar Lalu Hadrian Irfani.') == [
        "Lalu Hadrian Irfani"]


def test_an_abbreviation_does_not_end_the_name():
    assert en('“Pollen counts are rising,” said Dr. Jane Roe.') == ["Jane Roe"]
    assert en('“The bill will pass,” said Sen. John Doe, a Democrat.') == ["John Doe"]
    assert en('“We stand ready,” said Rep. Mary Miller of Ohio.') == ["Mary Miller"]


@pytest.mark.parametrize("verb", ["stated", "affirmed", "added", "noted", "explained", "wrote",
                                  "argued", "warned", "insisted", "recalled", "said", "says",
                                  "told reporters", "observed", "cautioned"])
def test_english_verbs_after_the_name(verb):
    assert en(f'“The talks will continue next week,” Pratikno {verb}.') == ["Pratikno"]


def test_english_verbs_before_the_name():
    assert en('“The talks will continue,” added Soini, a senior diplomat.') == ["Soini"]
    assert en('“It is over,” says Jase Bernhardt, a professor of geology.') == ["Jase Bernhardt"]


def test_english_role_words_before_a_name():
    assert en('“We found no leak,” UGI spokesperson Joseph Swope said Saturday.') == [
        "Joseph Swope"]
    assert en('“The budget is too big,” House Minority Leader Lisa Demuth, of Cold Spring, said '
              'in a statement.') == ["Lisa Demuth"]
    assert en('“It moved four feet,” Mayor Samantha Kaag said of the site.') == [
        "Samantha Kaag"]


def test_english_offices_stay_in_the_role_and_indonesian_titles_are_names_in_english():
    assert said('Coordinating Minister for Economic Affairs Airlangga Hartarto met investors.',
                '“Prices will not change,” he added.', language="en") == [
        ("Airlangga Hartarto", "Coordinating Minister for Economic Affairs")]
    assert en('“The bank will be cautious,” said Sanjay Raja, chief economist at a bank.') == [
        "Sanjay Raja"]
    assert en('“We will read it,” the White House said.') == ["White House"]


def test_english_according_to_names_the_speaker():
    assert en('According to Jane Roe, “the plan was never discussed with the board.”') == [
        "Jane Roe"]


def test_an_unnamed_speaker_is_described():
    assert en('“This is stuff you see in Ohio,” one witness said.') == ["one witness"]
    assert speakers('"Setuju," jawab peserta rapat serentak.') == ["peserta rapat"]


# -- 3. pronouns and -nya ------------------------------------------------------------------------


def test_nya_goes_to_the_holder_of_the_role_named():
    assert speakers('Kabar ini disampaikan Menteri Hukum, Supratman Andi Agtas.',
                    'Tiga pemain itu telah menjalani proses sesuai undang-undang.',
                    '"Kami membantu percepatan proses ini," kata Menteri Hukum itu.') == [
        "Supratman Andi Agtas"]


def test_the_minister_said_goes_to_the_minister():
    assert en('Foreign Minister Jane Roe met her counterpart on Monday.',
              'The talks lasted three hours.',
              '“We agreed on a timetable,” the minister said.') == ["Jane Roe"]


def test_nya_is_never_an_organisation_when_a_person_was_named():
    assert speakers('Rudi Hartono hadir dalam rapat itu. KPK menyatakan penyelidikan berlanjut.',
                    '"Kami akan kooperatif," ujarnya.') == ["Rudi Hartono"]


def test_nya_is_never_a_film_title():
    assert speakers('Brandon Salim makin mantap di dunia hiburan.',
                    'HEART BEAT adalah film kedua Brandon. "Genrenya drama musikal, saya suka '
                    'banget," tuturnya.') == ["Brandon Salim"]


def test_a_link_line_never_speaks():
    assert speakers('Gubernur Andi Wijaya meninjau banjir dari udara.\n'
                    'Baca juga: BNPB Pastikan Bantuan Cukup untuk Korban Banjir\n'
                    '"Air sudah mulai surut," imbuhnya.') == ["Andi Wijaya"]
    assert speakers('Gubernur Andi Wijaya meninjau banjir.\nADVERTISEMENT\nSCROLL TO CONTINUE '
                    'WITH CONTENT\n"Air sudah surut," ujarnya.') == ["Andi Wijaya"]


def test_a_photo_credit_never_speaks():
    assert en('Tim Lager, the casino’s general manager, said the sign went up last weekend.',
              'An entrance to the casino on Sunday. (Rachel Aston/Las Vegas Review-Journal)',
              '“It is what everyone does,” he said.') == ["Tim Lager"]


def test_a_list_of_people_does_not_take_nya():
    assert speakers('Menteri Hukum Supratman Andi Agtas mengutus tim ke Roma.',
                    'Dean James, Emil Audero, dan Joey Pelupessy telah menjalani proses itu.',
                    '"Negara membutuhkan mereka," tegasnya.') == ["Supratman Andi Agtas"]


def test_an_opening_clause_does_not_hide_the_subject():
    assert speakers('Tidak hanya Jakarta, Gubernur Pramono juga meninjau Bekasi.',
                    '"Bekasi masih serius menangani banjir," imbuhnya.') == ["Pramono"]


def test_a_dateline_left_in_the_text_is_not_the_subject():
    assert speakers('Kapanlagi.com - Brandon Nicholas Salim, putra sulung aktor Fery Salim, makin '
                    'mantap di dunia hiburan.', '"Di sini saya sebagai Lido," jelasnya.') == [
        "Brandon Nicholas Salim"]
    assert en('WASHINGTON (AP) — Senator Jane Roe on Monday filed the bill.',
              '“It is time,” she said.') == ["Jane Roe"]


def test_before_anyone_is_named_nya_is_the_person_the_headline_names():
    paragraphs = ['"Di sini saya sebagai Lido, teman baik Lexa," jelasnya saat bertandang ke '
                  'kantor redaksi.', 'Ia makin dekat dengan Sivia sejak syuting film itu.']
    title = "Brandon Salim Makin Dekat dengan Sivia di 'HEART BEAT'"
    found = find_quotes(paragraphs, title=title)
    assert found[0][0].speaker == "Brandon Salim"
    assert find_quotes(paragraphs)[0][0].speaker is None  # no headline: no guess
    named = find_quotes(['Rudi Hartono hadir di sana. "Saya senang," ujarnya.'], title=title)
    assert named[0][0].speaker == "Rudi Hartono"  # the body's own person comes first


def test_it_said_is_the_body_the_text_is_about():
    assert en('Acme Corp. announced the recall on Monday.',
              '“Safety comes first,” it said.') == ["Acme Corp"]


def test_a_sentence_without_a_subject_points_at_the_person_it_names():
    assert speakers('Pengusaha Bill Gates berpendapat krisis akan datang.',
                    'Warren Buffett menyatakan ekonomi akan tumbuh.',
                    'Demikian pula halnya dengan Gates. Dia mengatakan, "Saya cukup optimistis '
                    'tentang inovasi."') == ["Bill Gates"]


def test_a_past_tense_verb_makes_an_english_subject():
    assert en('You may have medicine at home, but Purvi Parikh recommended taking it early. '
              '“Now is the ideal time.”') == ["Purvi Parikh"]


# -- 5. titles of works, terms and nested quotations --------------------------------------------


def test_a_song_or_film_title_is_a_term():
    found = quotes('Ia merilis lagu “Last Day of Summer,” yang langsung populer.')
    assert [(q.kind, q.text) for q in found] == [(TERM, "Last Day of Summer,")]
    found = quotes("Brandon bermain dalam film 'HEART BEAT' bersama Sivia.")
    assert [(q.kind, q.text) for q in found] == [(TERM, "HEART BEAT")]


def test_a_video_link_line_is_a_term():
    found = quotes("Simak Video 'Realisasi Anggaran Capai 80 Persen, Menkeu Puas':")
    assert [q.kind for q in found] == [TERM]


def test_a_title_word_in_the_previous_sentence_does_not_make_a_title():
    found = quotes('Ia jatuh cinta pada film ini. "Bagus karena positif, saya suka banget," '
                   'tuturnya.')
    assert [q.kind for q in found] == [STATEMENT]


def test_a_term_nested_in_a_statement_is_reported_inside_it():
    found = quotes('"Film ini sektor yang \'powerful\' untuk promosi wisata," kata Marcella.')
    outer, inner = found
    assert (outer.kind, outer.speaker) == (STATEMENT, "Marcella")
    assert (inner.kind, inner.text) == (TERM, "powerful")
    assert outer.start < inner.start < inner.end < outer.end


def test_speech_nested_in_a_statement_is_a_statement_inside_it():
    found = quotes('"Setelah itu dia bilang, \'Saya ini orang Mahkamah Agung\', lalu pergi," '
                   'kata Argo.')
    assert [(q.kind, q.speaker) for q in found] == [(STATEMENT, "Argo"), (STATEMENT, None)]
    found = quotes('"Saya bilang, \'Saya tidak perlu itu\', lalu saya pergi," kata Sutisna.')
    assert [(q.kind, q.speaker) for q in found] == [(STATEMENT, "Sutisna")] * 2


def test_a_quote_left_open_runs_on_into_paragraphs_without_marks():
    found = find_quotes(['Jokowi berpantun di depan warga. "Panah gurita di ujung tanjung, cari '
                         'bia di ujung meti.', 'Orang Maluku selalu di hati dan tak pernah '
                         'dilupakan oleh kami semua'])
    assert [len(q) for q in found] == [1, 1]
    assert found[1][0].text.startswith("Orang Maluku")


# -- 6. the medium ------------------------------------------------------------------------------


@pytest.mark.parametrize("text, via", [
    ('"Investor sudah datang," kata Basuki, dikutip dari keterangan tertulis, Sabtu.',
     "keterangan tertulis"),
    ('"Masih terlalu dini,"kata dia dikutip dariReuters, Kamis (31/7/2025).', "Reuters"),
    ('"Vaksin aman," kata Budi, dilansir dari situs resmi Kementerian Kesehatan.',
     "Kementerian Kesehatan"),
    ('"Terima kasih semuanya," tulis Rina melalui akun Instagram @rinasari.',
     "akun Instagram @rinasari"),
    ('"Kami siap," kata Budi dalam konferensi pers di Jakarta.', "konferensi pers"),
    ('"Kami membantu percepatan," kata Menteri itu, sebagaimana keterangan yang diterima '
     'Okezone, Kamis.', "keterangan yang diterima Okezone"),
])
def test_the_medium_in_indonesian(text, via):
    assert quotes(text)[0].via == via


@pytest.mark.parametrize("text, via", [
    ('“The deal is done,” Trump wrote on his Truth Social network.', "Truth Social"),
    ('“We are cooperating,” Smith told Reuters.', "Reuters"),
    ('“I started as a barista,” Smith said in an email to The Associated Press.',
     "The Associated Press"),
    ('“I started as a barista,” Smith said in comments emailed to The Associated Press.',
     "The Associated Press"),
    ('“Targets are too high,” Demuth said in a statement.', "statement"),
    ('“Our health needs to be stronger,” Smith wrote in the letter.', "letter"),
    ('“This is stuff you see in Ohio,” one witness said, according to CNN.', "CNN"),
])
def test_the_medium_in_english(text, via):
    assert quotes(text, language="en")[0].via == via


def test_a_paragraph_opening_with_its_source_gives_it_to_its_quotes():
    found = quotes('Mengutip Kontan dari CNBC, Rabu (11/4/2018), Gates menjawab dengan lugas. '
                   '"Ya. Sulit untuk mengatakan kapan," katanya.')
    assert found[0].via == "Kontan dari CNBC"


def test_an_outlet_that_is_the_speaker_is_not_also_the_medium():
    found = quotes('According to Reuters, "the deal is done and will be signed next week."',
                   language="en")
    assert (found[0].speaker, found[0].via) == ("Reuters", None)


# -- languages and sentences --------------------------------------------------------------------


def test_the_language_is_decided_from_the_text_when_unknown():
    assert looks_english(["The mayor said the bridge was closed for repairs on Monday."])
    assert not looks_english(["Wali kota mengatakan jembatan itu ditutup untuk perbaikan."])
    assert speakers('“The bridge is closed,” said Dr. Jane Roe.') == ["Jane Roe"]


def test_link_lines_do_not_vote_on_the_language():
    assert not looks_english(["Gubernur meninjau banjir.\nSCROLL TO CONTINUE WITH CONTENT\n"
                              "Air sudah surut."])


def test_abbreviations_do_not_end_sentences():
    assert sentences("Dr. Jane Roe met Sen. John Doe. They talked.") == [
        "Dr. Jane Roe met Sen. John Doe.", "They talked."]
    assert sentences("Ia tiba di U.S. Embassy kemarin. Lalu pulang.") == [
        "Ia tiba di U.S. Embassy kemarin.", "Lalu pulang."]
