"""The quote rules' shortcuts decide what the long way decides: each cheap pre-check or single
pass is tried on sentences where the rule behind it fires, so a shortcut that skipped one would
fail here."""

from __future__ import annotations

import re

import pytest

from reader.language.names import phrase_words
from reader.language.narrative import vocabulary
from reader.language.spans import find_spans

# -- quotation spans: the scan jumps from one mark to the next ---------------------------------

FILLER = "Warga desa itu berkumpul di balai sejak pagi untuk mendengar pengumuman. " * 3


@pytest.mark.parametrize("opening, closing", [
    ('"', '"'), ("“", "”"), ("«", "»"), ("„", "”"), ("”", "”"), ("‘", "’"), ("'", "'"),
])
def test_every_opening_mark_after_long_plain_text_opens_a_span(opening, closing):
    text = f"{FILLER}Kepala desa berkata, {opening}Kami akan membangun jembatan{closing} kemarin."
    spans = find_spans(text, carrying=False)
    assert [text[s.start:s.end] for s in spans] == ["Kami akan membangun jembatan"]
    assert spans[0].open_at == text.index(opening, len(FILLER))


def test_several_spans_with_plain_text_between_them():
    text = (f"{FILLER}“Satu,” katanya. {FILLER}Lalu ia menambahkan, \"Dua tiga empat.\" "
            f"{FILLER}Istilah 'gotong royong' dipakai.")
    found = [text[s.start:s.end] for s in find_spans(text, carrying=False)]
    assert found == ["Satu,", "Dua tiga empat.", "gotong royong"]


def test_a_text_without_marks_has_no_spans_and_a_carried_quote_still_runs_on():
    assert find_spans(FILLER, carrying=False) == []
    carried = find_spans(FILLER, carrying=True)
    assert len(carried) == 1 and carried[0].continued and not carried[0].closed


def test_a_mark_that_does_not_open_is_stepped_over():
    text = f"{FILLER}Tinggi 5' dan \" lalu “Ini kutipan yang benar,” ujar Budi."
    assert [text[s.start:s.end] for s in find_spans(text, carrying=False)] == [
        "Ini kutipan yang benar,"]


# -- the words of a phrase: tokens without a full stop take the short way ----------------------

@pytest.mark.parametrize("phrase, words", [
    ("Budi Santoso di Jakarta", ["Budi", "Santoso", "di", "Jakarta"]),
    ("Budi Santoso; lalu pergi", ["Budi", "Santoso"]),
    ("Budi Santoso! Lalu", ["Budi", "Santoso"]),
    ("Budi Santoso? Lalu", ["Budi", "Santoso"]),
    ('Budi Santoso" lalu', ["Budi", "Santoso"]),
    ("Budi Santoso“ lalu", ["Budi", "Santoso"]),
    ("Budi Santoso» lalu", ["Budi", "Santoso"]),
    ("Budi, Ketua RT: lalu", ["Budi", ",", "Ketua", "RT", ":", "lalu"]),
    ("Budi (Inf) di sana", ["Budi", "(Inf)", "di", "sana"]),
    ("Erick.Sementara itu", ["Erick"]),          # a sentence glued to the name
    ("Dr. Jane Roe. Lalu", ["Dr.", "Jane", "Roe"]),  # an abbreviation ends nothing
    ("J. Roe di U.S. Army", ["J.", "Roe", "di", "U.S.", "Army"]),
    ("Budi . lalu", ["Budi"]),
])
def test_phrase_words_end_where_the_sentence_ends(phrase, words):
    assert phrase_words(phrase) == words


# -- the article's lower-case words: one pass over all its paragraphs --------------------------

def test_vocabulary_of_joined_paragraphs_is_the_union_of_each_paragraph():
    texts = ["awal kalimat tanpa titik", "kata-kata di ujung", "'kutip dan.titik",
             "Nama Besar datang", "akhir", "x-ray dan mid-air", "", "satu\ndua tiga"]
    pattern = re.compile(r"(?<![\w'’.-])[a-z][a-z-]{2,}\b")
    each: set[str] = set()
    for text in texts:
        each.update(pattern.findall(text))
    assert vocabulary(texts) == frozenset(each)
    assert {"awal", "titik", "ujung", "akhir", "dua", "tiga"} <= vocabulary(texts)
    assert "kutip" not in vocabulary(texts) and "titik" in vocabulary(["dan.titik x titik"])
