"""Whom the narrative between quotes follows: indirect speech closed by who said it, clauses
opening a sentence, and a quote its source never closed. Made-up sentences in the shapes real
news uses."""

from __future__ import annotations

from reader.language.quotes import find_quotes

from .quote_helpers import speakers


def test_indirect_speech_closed_by_its_speaker_moves_the_focus():
    assert speakers(
        '"Sistem ini sudah lama rusak," kata Ahmad Subagja, Ketua RT setempat.',
        'Harga beras akan naik tahun depan karena panen gagal, kata Budi Santoso, Ketua '
        'Asosiasi Pedagang Beras.',
        '"Kami siap menghadapi itu," ujarnya.',
    ) == ["Ahmad Subagja", "Budi Santoso"]
    assert speakers(
        '"The system has been broken for years," said Tom Wexler, a county sheriff.',
        'Fixing it will not make headlines, which makes support hard to win, said Nora Quill, '
        'policy director at a nonprofit in Orlando.',
        '"It can get technical," she said.',
        language="en",
    ) == ["Tom Wexler", "Nora Quill"]
    assert speakers(
        '"We tried," said Tom Wexler, a county sheriff.',
        'Political will is needed, Wexler said. So is follow-up on the report, said Nora Quill, '
        'who now works at a lobbying firm.',
        '"It has to be revived every five years," she said.',
        language="en",
    ) == ["Tom Wexler", "Nora Quill"]


def test_a_name_inside_a_clause_opening_the_sentence_is_not_its_subject():
    assert speakers(
        'Rep. Dana Whitlock gave a speech on Thursday.',
        'While Rep. Carl Brandt (D-Md.) gave a similar speech, Whitlock spoke at length about '
        'the schools and their libraries and said nearly half of the banned books are "about '
        'one group."',
        language="en",
    ) == ["Dana Whitlock"]
    assert speakers(
        '"We tried," said Paul Hensley, who led the first panel.',
        'Senate President Maria Oakes did not answer a voicemail. After more than 20 years, '
        'Hensley is frustrated.',
        '"It is time to move on these issues," he said.',
        language="en",
    ) == ["Paul Hensley", "Paul Hensley"]


def test_a_pronoun_after_an_opening_clause_is_the_one_that_clause_names():
    assert speakers(
        '"The money goes straight to schools," Sen. Ray Dolan says.',
        'While Dr. Ella Marsh says she opposes the bill, she does admit it helps some parents.',
        '"It does not have the votes," she says.',
        language="en",
    ) == ["Ray Dolan", "Ella Marsh"]


def test_a_quote_left_open_does_not_swallow_the_next_paragraph_without_a_mark():
    found = find_quotes([
        '"This bill has no guardrails," said Rep. Joan Pelley. "It allows radical treatments.',
        'Many medical groups, including the Academy of Pediatrics, support access to care, '
        'which doctors say means something different to each patient and family.',
        'Dr. Kim Arvell told reporters that surgery is "incredibly rare" for minors.',
        '"Most of the care is medication," she said.',
    ], language="en")
    assert found[1] == []
    assert [(q.kind, q.speaker) for q in found[2]] == [("term", None)]
    assert [q.speaker for q in found[3]] == ["Kim Arvell"]
    # a continuation that the paragraph closes is still the same quote
    found = find_quotes([
        '"Kami akan terus membangun jalan dan jembatan di desa-desa terpencil.',
        'Itu janji kami kepada warga," kata Bupati Heru Saputra.',
    ])
    assert [q.speaker for quotes in found for q in quotes] == ["Heru Saputra", "Heru Saputra"]


def test_a_description_with_a_relative_clause_points_back_to_the_person():
    assert speakers(
        '"Kami siap bersaing," kata Joko Santosa, Ketua Umum Asosiasi Dealer.',
        '"Pabrik baru itu membuka lapangan kerja," kata pria yang menjabat sebagai Presiden '
        'Direktur PT Sinar Roda Utama (SRU) ini.',
    ) == ["Joko Santosa", "Joko Santosa"]


def test_a_name_right_after_the_reporting_verb_said_it():
    assert speakers(
        'Prosecutor Lena Ortiz spoke on Thursday.',
        'Just the suggestion of a deal is enough, said Ortiz, asserting, "winks and nods work. '
        'That is how the real world works."',
        language="en",
    ) == ["Lena Ortiz"]


def test_an_adverb_opening_a_sentence_is_not_a_name():
    assert speakers(
        '"The country uses peat for energy," said Foreign Minister Retno Wulan.',
        'Therefore, Indonesia is keen to explore cooperation in renewable energy.',
        '"Indonesia has numerous peatlands in several provinces," she remarked.',
        language="en",
    ) == ["Retno Wulan", "Retno Wulan"]


def test_a_role_running_through_dan_and_an_acronym_in_brackets():
    assert speakers(
        '"Pemeriksaan ini penting," kata H Sofyan Hadi, Kepala Kantor Kemenag.',
        'Kepala Seksi Haji dan Umrah (Kasi PHU) H Burhan Noor saat mendampingi Kakankemenag '
        'mengatakan, pemeriksaan dilaksanakan guna menindaklanjuti peraturan menteri.',
        '"Pemeriksaan tahap pertama meliputi pengambilan sampel darah," ujar dia.',
    ) == ["Sofyan Hadi", "Burhan Noor"]


def test_a_remark_said_to_come_from_someone_is_theirs():
    assert speakers(
        'Tetangga lain yang bernama Dewi Jonas mengatakan warga harus saling menghargai. '
        '"Jika anda tinggal di desa, hargai tetangga."',
        'Satu komplain pun datang dari Helen Barus, wanita yang tinggal cukup jauh dari rumah '
        'itu. "Ini sebuah mimpi buruk."',
    ) == ["Dewi Jonas", "Helen Barus"]


def test_an_appositive_after_the_name_is_not_the_speaker():
    assert speakers(
        'Speaker Kevin Marsh, a California Republican who made the bill a priority during the '
        'early weeks of his tenure, said lawmakers were "keeping our promise to parents."',
        language="en",
    ) == ["Kevin Marsh"]


def test_a_place_after_of_qualifies_the_name_before_it():
    assert speakers(
        'In the Senate, Majority Leader Chuck Rimmer of New York promised a fight. He said it '
        'was further evidence that the House had been overtaken by "hard right ideologues," '
        'referencing the campaign.',
        language="en",
    ) == ["Chuck Rimmer"]


def test_a_body_described_and_not_named_is_whom_the_text_follows():
    assert speakers(
        '"It comes down to investment," said Caren Howell, director of policy at a nonprofit.',
        'The latest commission reported that the system remains splintered and suffers from '
        '"enormous gaps in treatment."',
        language="en",
    ) == ["Caren Howell", "The latest commission"]


def test_the_party_word_for_someone_described_points_back():
    assert speakers(
        '"The money goes to schools," Sen. Brad Colton says.',
        'But the Republican chair of the committee says his bill is different.',
        '"We looked at a number we could justify," the Republican says.',
        language="en",
    ) == ["Brad Colton", "Brad Colton"]


def test_names_of_works_laws_and_subheadings_are_terms():
    found = find_quotes([
        'Rep. Dana Whitlock gave a speech.',
        '"The Life of Rosa Parks," a biography of a civil rights hero, is one of 176 titles '
        'that schools removed for review.',
        'The publisher said this was done to comply with Gov. Ron Dalton\u2019s (R) "Stop Woke '
        'Act."',
        'Republicans held a news conference condemning Democrats\' "sanctuary state for care," '
        'arguing it runs afoul of the Constitution.',
        '\u2018Nobody needed to bribe Mark Ridley on any of these issues\u2019',
    ], language="en")
    assert [(q.kind, q.speaker) for quotes in found for q in quotes] == [("term", None)] * 4


def test_the_reporting_verb_nearest_the_quote_and_its_own_subject():
    assert speakers(
        'Prosecutor Lena Ortiz spoke for two hours.',
        'Ortiz referred to an email Flynn wrote to a colleague regarding money for the school '
        'in which Flynn wrote, "I am holding my breath. He is really trying to deliver here."',
        language="en",
    ) == ["Flynn"]


def test_someones_office_and_a_law_are_not_that_person():
    found = find_quotes([
        '"We have a responsibility," Rep. Leigh Farrow said.',
        'After Farrow checked in to the hospital, his office said he had experienced '
        'depression "off and on throughout his life," but it had become severe.',
        'The proposed Equal Rights Amendment would add language to the state constitution to '
        'say that "equality under the law shall not be abridged or denied" on account of sex.',
    ], language="en")
    assert [q.speaker for quotes in found for q in quotes] == ["Leigh Farrow", "his office", None]


def test_a_preposition_opening_the_sentence_is_not_part_of_the_role():
    found = find_quotes([
        'For Dr. Mira Stanton, there is some irony in the new bill filed in the Senate.',
        '"I think parents will say this is not for them," she says.',
    ], language="en")
    assert [(q.speaker, q.role) for quotes in found for q in quotes] == [("Mira Stanton", "Dr")]


def test_the_agent_of_a_passive_report_even_after_a_phrase_pointing_back():
    assert speakers(
        'Pemprov Jateng Dorong Wisata Olahraga Disertai Prinsip Ramah Lingkungan',
        'Pesan tersebut disampaikan oleh Sekretaris Daerah Provinsi Jawa Tengah, Sumarsono, '
        'dalam konferensi pers di Purbalingga pada Sabtu (18/10).',
        '"Lari trail bukan sekedar olahraga," ujarnya dalam keterangan tertulis.',
    ) == ["Sumarsono"]


def test_a_body_spelled_out_before_its_acronym_is_part_of_the_role():
    assert speakers(
        'Sementara itu, Gubernur Luthfi mengatakan investasi naik.',
        'Di sisi lain, Pelaksana Tugas (Plt) Kepala Badan Pusat Statistik (BPS) Provinsi Jawa '
        'Tengah, Endang Tri Wahyuni mengatakan, data sensus menjadi acuan.',
        '"Misalnya terkait jumlah UMKM. Semua akan terdata," katanya.',
    ) == ["Endang Tri Wahyuni"]
    assert speakers('Ekonom Rizal Rahman (RR) mengatakan utang naik.',
                    '"Itu bahaya," kata RR.') == ["Rizal Rahman"]


def test_an_account_that_wrote_it():
    assert speakers(
        'Kasus ini pertama kali diungkap sebuah akun media sosial.',
        '"Lebih dari 300 postingan telah diunggah," tulis akun @dinas_kota.',
        '"Hingga kini, lima siswi menjadi korban," lanjutnya.',
    ) == ["akun @dinas_kota", "akun @dinas_kota"]


def test_a_name_glued_to_the_next_sentence_and_a_subject_set_off_by_commas():
    assert speakers(
        '"Apa akan ada akreditasi ulang?" ujar Danu.Selain itu, Dwi, mahasiswa magister '
        'lainnya, mempertanyakan keterlibatan mahasiswa. Dia mengaitkan prinsip dasar sekolah '
        'dengan pembentukan sekolah baru tersebut."Saya bangga dengan sekolah ini," katanya.',
    ) == ["Danu", "Dwi"]


def test_a_party_the_article_names_is_part_of_the_role_and_the_role_stays():
    found = find_quotes([
        'Sekjen Gerindra Sugiarto menegaskan Bayu bukan kader. Sugiarto menjelaskan Partai '
        'Gerindra membedakan antara kader dan anggota.',
        '"Jadi gini, di Gerindra itu ada anggota, ada kader," kata Sugiarto kepada wartawan.',
        'Sugiarto menjelaskan setiap kader wajib menempuh proses kaderisasi.',
        '"Kami akan mengevaluasi keanggotaan tersebut," katanya.',
    ])
    quotes = [q for paragraph in found for q in paragraph]
    assert [q.speaker for q in quotes] == ["Sugiarto", "Sugiarto"]
    assert quotes[1].role == "Sekjen Gerindra"  # "-nya" is the person with the role he came with
