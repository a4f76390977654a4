"""The quote rules' shortcuts decide what the long way decides: each cheap pre-check or single
pass is tried on sentences where the rule behind it fires, so a shortcut that skipped one would
fail here."""

from __future__ import annotations

import pytest

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
