"""The word each "anywhere" boilerplate rule is tried after, and the short cuts for captions'
credits and photo agencies, never change what a line is: every line gets the answer the rules
give without them (each pattern tried on every line, as before they were added)."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.ingest import boilerplate
from reader.ingest.boilerplate import is_boilerplate

EVERY_RULE = re.compile("|".join(f"(?:{entry if isinstance(entry, str) else entry[1]})"
                                 for entry in boilerplate._WHOLE_LINE), re.IGNORECASE)


def unguarded(line: str) -> bool:
    """:func:`is_boilerplate` with no rule skipped: the reference."""
    line = line.strip()
    if not line or len(line) > boilerplate.CAPTION_LIMIT:
        return False
    caption = boilerplate._CAPTION_END.search(line) is not None
    quoted = any(mark in line for mark in "\"“”")
    if len(line) > boilerplate.MAX_LINE:
        return caption and not quoted
    if EVERY_RULE.fullmatch(line):
        return True
    wrapped = boilerplate._WRAPPED.fullmatch(line)
    if wrapped and EVERY_RULE.fullmatch(wrapped.group(1)):
        return True
    if (len(line) <= 80 or caption) and boilerplate._PHOTO_AGENCY.search(line):
        return True
    return caption and not quoted


LINES = [
    "Lalu apa langkah Reda berikutnya? Saksikan selengkapnya dalam program Sosok.",
    "Lalu apa langkah Reda? SAKSIKAN SELENGKAPNYA di detikcom",
    "Lalu bagaimana nasibnya? Ikuti diskusinya dalam Editorial Review.",
    "Copyright 2024 The Times. All rights reserved.",
    "© 2024 Kompas Cyber Media",
    "The Daily News. ALL RIGHTS RESERVED",
    "googletag.cmd.push(function() { googletag.display('ad'); });",
    "var x = 1; function () { return x; }",
    "Jane Roe in London contributed to this report.",
    "Photos of the flood (click here for more)",
    "Listen 8 min Comment on this story Gift Article Share",
    "Share your thoughts with us in the comments below!",
    "Hi, I’m Aaricka! If you like this, you'll love my daily morning newsletter.",
    "Jo Park via Getty Images Cars cross the bridge",
    "Workers repair the roof. Courtesy of Smith Architects",
    "The crowd at the rally. Source: Livestream",
    "KOMPAS.com / ANDREAS LUKAS Foto udara proyek tol",
    "Warga mengungsi ke masjid (ANTARA FOTO/Ali Budiman)",
    "Protesters march in Jakarta (AP Photo/Jane Roe)",
    "Firefighters at the scene Rachel Aston / Reuters",
    "FG Trade via Getty Images",
    "Foto: Antara",
    "Presiden Joko Widodo (Jokowi) meninjau lokasi banjir di Bekasi.",
    "Menurut dia, harga beras naik 10 persen / bulan.",
    "Shutterstock",
    "ſaksikan ſelengkapnya dalam program Sosok",
    "Lalu? İkuti diskusinya dalam Editorial Review.",
    "Lalu? ıkutı diskusinya dalam Editorial Review.",
    "A storm hit the coast. ALL RİGHTS RESERVED",
    "See the photos. ſource: Livestream",
    "Kelvin: Share your thoughts in the Comments",
    "Tickets sell out fast! pic.twitter.com/x — Riverton City (@RivertonCity) March 20, 2023",
    "Contact Jeff Roe at jroe@example.com. Follow him @JeffRoe on Twitter.",
]


def test_each_written_line_is_what_every_rule_says():
    for line in LINES:
        assert is_boilerplate(line) == unguarded(line), line


def test_the_written_lines_hold_both_answers():
    answers = [is_boilerplate(line) for line in LINES]
    assert answers.count(True) >= 20 and answers.count(False) >= 2


# Words and marks the rules are made of, letters ignoring case takes for others, and prose.
PIECES = ["saksikan", "selengkapnya", "ikuti", "diskusinya", "all", "rights", "reserved",
          "function", "()", "{", "contributed", "to", "this", "report", "(", ")", "click",
          "here", "gift", "article", "share", "your", "thoughts", "comments", "you'll", "love",
          "my", "newsletter", "via", "Getty", "Images", "Courtesy", "of", "Source:", "KOMPAS.com",
          "/", "ANDREAS", "LUKAS", "AP", "Photo", "ANTARA", "FOTO", "Reuters", "shutterstock",
          "İ", "ı", "ſ", "K", "\u0307", "?", ".", "!", "\"", "“", "Jakarta", "warga", "Presiden",
          "Baca", "juga:", "Simak", "Video", "©", "2024", "—", "@handle", "Foto:", "iklan",
          "(@handle)", "March", "20,", "Contact", "at", "jane@example.com", "pic.twitter.com/x",
          "Photograph:", "Photographs:", "00:28", "–", "video"]


@settings(max_examples=1500, deadline=None)
@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=40),
       st.sampled_from([" ", "", "  "]))
def test_any_line_of_their_words_is_what_every_rule_says(words, space):
    line = space.join(words) if space else "".join(words)
    assert is_boilerplate(line) == unguarded(line)
