"""The shapes of sentences that say whom they are about, apart from opening with a name:
``Menurut X``, ``According to X``, a remark that ``datang dari`` someone, a passive report's
agent, indirect speech closed by its speaker, someone unnamed or a body described.

Kept apart from :mod:`.subjects`, which decides between them, so each pattern's meaning is
written beside it.
"""

from __future__ import annotations

import re

from reader.language.lexicon import AFTER_VERBS, EN_VERBS, UNNAMED

MENURUT_ANY = re.compile(r"(?:^|\b)(?:[Mm]enurut|[Aa]ccording to)\s+(?P<name>[^,.]{2,80})")
# Someone unnamed opening a sentence, after a clause opener at most: "Seorang petugas",
# "Sementara itu, seorang warga", "A witness", "One resident".
UNNAMED_SUBJECT = re.compile(rf"(?:[A-Z][a-z]+(?:\s+[a-z]+)?,\s*)?({UNNAMED}\s+[a-z]{{3,}})")
OF_BODY = re.compile(r"\s+(?:for|of|from|at|with|dari|di|pada)\s+(?:the\s+)?"
                     r"[A-Z][\w'’.-]*(?:\s+(?:of\s+)?[A-Z][\w'’.-]*){0,4}")
# A sentence that opens by giving its words to the person it is about: "Menurut dia, …",
# "Menurutnya, …", "According to him, …". Whatever it names after the comma is what that person
# said or thinks, not whom the text now follows.
THINKS = re.compile(r"(?:[Mm]enurut(?:nya|\s+(?:dia|ia|beliau|mereka))|[Aa]ccording\s+to\s+"
                    r"(?:him|her|them))\s*,")
# Indirect speech closed by whoever said it: "Harga akan naik, kata Budi Santoso, Ketua …",
# "It is tough to generate support, said Holly Bullard, …", "…, Shern said." The one named
# there is whom the text now follows, not a name inside what they said.
REPORTED_BY = re.compile(rf",\s*(?:(?:{AFTER_VERBS}|said|says|added|noted|explained|argued|wrote)"
                         rf"\s+(?=(?:[a-z]{{3,}}\s+){{0,2}}[A-Z])|(?P<name>[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){{0,4}})\s+"
                         r"(?:said|says|added|noted|explained|argued|wrote)\W*$)")
# A body described, not named, reporting: "the group called", "The latest commission reported".
DESCRIBED_SUBJECT = re.compile(
    rf"(?:^|,\s*)(?P<who>[Tt]he\s+(?:[a-z0-9-]+\s+){{0,2}}?(?:group|panel|commission|committee|"
    rf"council|board|agency|department|ministry|office|company|firm|report|study|survey|"
    rf"court|jury|team|union|campaign|organization|organisation|administration|government|"
    rf"police|university|school|hospital|institute|foundation|association|"
    rf"coalition|party|network|center|centre))\s+(?:{EN_VERBS}|called)\b")
# A remark said to come from someone: "Kritik datang dari Helen Bond", "came from Sen. Ray".
# Not where someone comes from: "seorang warga yang (mengaku) datang dari Kramatwatu".
CAME_FROM = re.compile(r"(?<!yang )(?<!mengaku )\b(?:datang|muncul)\s+dari\s+(?=[A-Z])|"
                       r"\bcame\s+from\s+(?=[A-Z])")
# The agent of a passive report: "Kabar ini disampaikan (oleh) Menteri Hukum, Supratman".
# Written ``\bdi(?:…)`` first; the word start is checked after the literal "di" (a look-behind on
# the same characters), so the search skips to each "di" in C instead of testing every position.
PASSIVE = re.compile(r"di(?<!\wdi)(?:sampaikan|ungkapkan|katakan|jelaskan|tegaskan|umumkan|"
                     r"sebutkan|paparkan|terangkan|utarakan|ucapkan|tuturkan|tekankan|"
                     r"kemukakan|nyatakan)\s+(?:oleh\s+)?(?=[A-Z])|"
                      # a belief or a claim, by someone described: "diyakini oleh bos … X"
                     r"di(?<!\wdi)(?:yakini|akui|nilai|klaim|prediksi|perkirakan)\s+oleh\s+")
# A relative clause before a passive is about something else ("hal inilah yang diyakini oleh
# X" is X's belief all the same).
RELATIVE_END = re.compile(r"(?<!lah)(?<!\bini)(?<!\bitu)\s+yang\s+$")
