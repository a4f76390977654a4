"""Quotation marks as scraped news leaves them: a space after the opening mark, sentences run
together. Made-up sentences in the shapes real news uses."""

from __future__ import annotations

from reader.language.quotes import find_quotes
from reader.records import STATEMENT


def statements(*paragraphs: str) -> list[tuple[str, str | None]]:
    found = find_quotes(list(paragraphs), language="id")
    return [(q.text, q.speaker) for quotes in found for q in quotes if q.kind == STATEMENT]


def test_a_space_after_the_mark_that_opens_a_paragraph():
    assert statements(
        '" Pekerjaan adalah tekanan besar bagi sebagian orang," ungkap Rina Marlina, pendiri '
        'Dompetku.',
        '"Tapi uang dua kali lebih menekan daripada pekerjaan."',
    ) == [("Pekerjaan adalah tekanan besar bagi sebagian orang,", "Rina Marlina"),
          ("Tapi uang dua kali lebih menekan daripada pekerjaan.", "Rina Marlina")]
    assert statements('\u201c Kami sudah siap sejak pagi,\u201d kata Budi Santoso.') == [
        ("Kami sudah siap sejak pagi,", "Budi Santoso")]


def test_a_sentence_run_on_to_a_speaker_in_capitals_is_not_part_of_the_name():
    assert statements('"Pajak kita hanya sepuluh persen," jelas BPS.Indikator lain juga negatif.'
                      ) == [("Pajak kita hanya sepuluh persen,", "BPS")]
    assert statements('"Kami sudah siap," kata Budi.Sementara itu, warga mulai pulang.') == [
        ("Kami sudah siap,", "Budi")]


def test_the_name_of_a_discussion_or_seminar_right_before_the_mark_is_a_term():
    found = find_quotes(['"Modal saya modal sosial politik," ujar Rudi dalam sebuah diskusi '
                         '\'Pembangunan Politik dan Sistem Kepartaian Indonesia\' di Tebet.',
                         'Ia juga hadir dalam webinar "Literasi Keuangan untuk Generasi Muda '
                         'Indonesia," pekan lalu.',
                         '"Kami siap," kata Rudi dalam diskusi. "Semua harus bergerak bersama '
                         'sekarang juga," lanjutnya.'], language="id")
    assert [(q.text[:12], q.kind) for quotes in found for q in quotes] == [
        ("Modal saya m", "statement"), ("Pembangunan ", "term"), ("Literasi Keu", "term"),
        ("Kami siap,", "statement"), ("Semua harus ", "statement")]


def test_a_closing_mark_glued_after_a_full_stop_opens_the_next_quote():
    # '… terulang.”Saat itu …': the writer's opening mark is a closing one, with no space
    assert statements('Budi Santoso, warga Cibinong, mengaku cemas banjir akan terulang.”Saat '
                      'itu air masuk sampai atap rumah,” katanya.') == [
        ("Saat itu air masuk sampai atap rumah,", "Budi Santoso")]
    # a quote open before it is closed there as before
    assert [text for text, _ in statements(
        'Ia berkata, “Kami siap.”Lalu ia pergi. “Besok kami kembali,” ujar Budi Santoso.')] == [
        "Kami siap.", "Besok kami kembali,"]


def test_a_word_in_straight_marks_inside_a_straight_quote_does_not_end_it():
    # '"Kami selalu disebut "mitra" oleh pemda," kata Yanti': the quote closes at 'pemda,"'
    found = find_quotes([
        'Yanti mengeluh soal pasar.',
        '"Kami selalu disebut "mitra" oleh pemda," kata Yanti, pedagang sayur.'], language="id")
    assert [(q.text, q.speaker) for quotes in found for q in quotes] == [
        ('Kami selalu disebut "mitra" oleh pemda,', "Yanti")]
    # a quote the writer left open before a new one stays as it was read
    found = find_quotes(['"Kami siap bekerja. "Ayo mulai," kata Budi.'], language="id")
    assert len([q for quotes in found for q in quotes]) == 1
