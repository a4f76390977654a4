"""The shapes of sentences that say whom they are about, apart from opening with a name:
``Menurut X``, ``According to X``, a remark that ``datang dari`` someone, a passive report's
agent, indirect speech closed by its speaker, the text turning to someone (``Lain halnya
dengan X``), someone unnamed or a body described.

:func:`shaped_subject` reads them; :mod:`.subjects` asks it after an unnamed subject and before
a name opening the sentence. Each pattern's meaning is written beside it.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from reader.language.lexicon import (
    AFTER_VERBS,
    EN_VERBS,
    LOWER_BODIES,
    MEMBERS,
    PLACES,
    POSSESSIVE,
    RELATIONS,
    STOP_NAME,
    UNNAMED,
)
from reader.language.names import Speaker, is_person, is_role, role_only
from reader.language.phrases import phrase_speaker

if TYPE_CHECKING:
    from reader.language.narrative import State

# (a title's or an initial's full stop runs on in the name: "According to Dr. Ruth Cole, …")
# A piece quoted as the source: "As noted in a recent New Yorker piece, …".
NOTED_IN = r"s (?:noted|reported|written|described|argued) in"
MENURUT_ANY = re.compile(r"(?:^|\b)(?:[Mm]enurut|[Aa]ccording to|[Aa]" + NOTED_IN +
                         r")\s+(?P<name>(?:[^,.]|"
                         r"(?<=\b[A-Z])\.|(?<=\b[A-Z][a-z])\.|(?<=\b[A-Z][a-z]{2})\.|"
                         r"(?<=\b[A-Z][a-z]{3})\.){2,80})")
# The words before an outlet's name that are no role: "according to a recent Atlantic essay".
A_RECENT = re.compile(r"^(?:a|an|the)\s+(?:(?:recent|new|latest|previous)\s+)?(?=[A-Z])",
                      re.IGNORECASE)
# A name of two words or more set off by commas: ", Wulan Pratiwi,".
_NAME_APART = re.compile(r",\s*[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)+\s*,")
# Someone unnamed opening a sentence, after a clause opener at most: "Seorang petugas",
# "Sementara itu, seorang warga", "A witness", "One resident".
UNNAMED_SUBJECT = re.compile(rf"(?:[A-Z][a-z]+(?:\s+[a-z]+)?,\s*)?({UNNAMED}\s+(?P<marked>[“\"‘])?"
                             rf"[a-z]{{3,}})(?(marked)[”\"’])")  # (an “insider” told …)
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
_SAID = (r"di(?<!\wdi)(?:sampaikan|ungkapkan|katakan|jelaskan|tegaskan|umumkan|sebutkan|"
         r"paparkan|terangkan|utarakan|ucapkan|tuturkan|tekankan|kemukakan|nyatakan)\s+"
         r"(?:oleh\s+)?")
PASSIVE = re.compile(_SAID + r"(?=[A-Z])|"
                      # a belief or a claim, by someone described: "diyakini oleh bos … X"
                     r"di(?<!\wdi)(?:yakini|akui|nilai|klaim|prediksi|perkirakan)\s+oleh\s+")
# The same with someone described in lower case, then named after a comma: "Hal itu
# disampaikan kuasa hukum warga, Darmawan Saputra, kemarin."
PASSIVE_DESCRIBED = re.compile(_SAID + r"(?P<first>[a-z]+)\b")
# A thing whose words a quote gives, named with its verb in the quote's sentence before it
# ("the notice read: “…”", "The notice goes on to ban any vehicle “…”", "The new law aims to
# create a “…”", "Dalam spanduk itu tertulis: "…""): no one's speech, so not the words of whom
# the text follows ("Ia menyebut aturan baru itu "…"" is still his).
THING_SOURCE = re.compile(
    r"\b(?:[Ss]igns?|[Nn]otices?|[Bb]anners?|[Pp]osters?|[Pp]lacards?|[Pp]laques?|[Ll]abels?|"
    r"[Ll]aws?|[Bb]ills?|[Ll]egislation|[Rr]ules?|[Rr]egulations?|[Oo]rdinances?|[Pp]etitions?|"
    r"[Cc]aptions?|[Hh]eadlines?|[Mm]enus?|[Aa]dvertisements?|[Gg]uidelines|[Cc]ontracts?|"
    r"[Tt]reaty|[Ss]panduk|[Bb]aliho|[Pp]apan|[Tt]ulisan|[Pp]lakat|[Uu]ndang-[Uu]ndang|"
    r"[Aa]turan|[Pp]eraturan|[Pp]erda|[Pp]engumuman|[Ii]klan|[Bb]rosur|[Ss]tiker|[Pp]rasasti|"
    r"[Pp]etisi)\b(?:\s+[\w’'-]+){0,4}?\s+(?:read|reads|says|said|states|stated|lists|listed|"
    r"bans|banned|warns|warned|declares|declared|aims|aimed|calls|called|requires|required|"
    r"promises|promised|shows|showed|displays|displayed|goes\s+on|went\s+on|defines|defined|"
    r"prohibits|prohibited|urges|urged|berbunyi|bertuliskan|tertulis|menyebutkan|menyatakan|"
    r"mengatur|berisi|memuat|mewajibkan|melarang)\b")
# A relative clause before a passive is about something else ("hal inilah yang diyakini oleh
# X" is X's belief all the same).
RELATIVE_END = re.compile(r"(?<!lah)(?<!\bini)(?<!\bitu)\s+yang\s+$")
# A source opening the sentence: "Dilaporkan Reuters, …", "Seperti dikutip dari AFP, …".
SOURCE_OPENING = re.compile(r"(?:[Ss]eperti\s+)?(?:[Dd]i(?:lansir|kutip|laporkan|beritakan|"
                            r"wartakan|siarkan)|[Mm]engutip|[Mm]elansir)\s+(?:dari\s+|oleh\s+)?"
                            r"[A-Z][^,.]{0,60},")
# A label line: a name, a dash and what the person is ("William Mapan — An artist who …"),
# in a list of people an interviewee goes on to speak about; it is about no one.
LABEL_LINE = re.compile(r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}\s+[—–]\s+(?:An?|The)\s+[a-z]")
# The text turns to someone: "Lain halnya dengan Budi.", "Berbeda dengan yang dialami oleh
# Pitoyo.", "Hal serupa dirasakan Rina, …"; or says who someone is: "Salah satu warga yang
# menabung adalah Rina, seorang guru". The sentences after it are about that person.
TURNS_TO = re.compile(
    r"^(?:[Ll]ain\s+halnya|[Bb]erbeda(?:\s+halnya)?|[Bb]eda\s+halnya|[Ss]ama\s+halnya|"
    r"[Hh]al\s+(?:serupa|berbeda|yang\s+sama|senada))(?:\s+(?:juga|pun))?\s+(?:dengan\s+"
    r"(?:(?:yang|apa\s+yang)\s+(?:di|ter)\w+\s+(?:oleh\s+)?)?|(?:di|ter)(?:alami|rasakan)\s+"
    r"(?:oleh\s+)?)(?=[A-Z])")
IDENTIFIED = re.compile(r"\s(?:adalah|ialah)\s+(?=[A-Z])")
# What may follow the name the text turned to: the sentence's end, an age, or a description
# after a comma ("Rina, seorang guru"); anything else (", Bandung masih …") is another clause.
DESCRIBED_NAME = re.compile(r"[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,5}\s*(?P<age>\(\d{1,3}\))?"
                            r"\s*(?:[.!]?\s*$|,\s*(?P<described>[a-z]+))")
# Words that describe a person after the name's comma, beside roles and members of a group.
_PERSON_WORDS = {"seorang", "salah", "pria", "wanita", "perempuan", "lelaki", "remaja", "bocah",
                 "nenek", "kakek", "gadis", "ibu", "ayah", "istri", "suami", "anak", "putra",
                 "putri", "mantan", "sosok"}


def shaped_subject(text: str, state: State) -> Speaker | None:
    """The person or body a sentence of one of these shapes is about (the first shape that
    names one wins, in the order below); None when it has none of them."""
    reported = REPORTED_BY.search(text) if "," in text else None
    if reported:
        speaker, how = phrase_speaker(reported.group("name") or text[reported.end():], state)
        if how == "name" and speaker is not None and not speaker.name.endswith(POSSESSIVE):
            # ("…, said the FAA's approach reflects …": what was said, not who said it)
            return state.full(speaker) if role_only(speaker) else speaker
    came = CAME_FROM.search(text) if "dari" in text or "came" in text else None
    if came:  # "Satu komplain pun datang dari Helen Bond, …": she is the one speaking next
        speaker, how = phrase_speaker(text[came.end():], state)
        if how == "name" and speaker is not None and is_person(speaker, state.language == "en"):
            return speaker
    if state.language == "id":
        turned = _turned_to(text, state)
        if turned is not None:
            return turned
    menurut = MENURUT_ANY.search(text) if "enurut" in text or "ccording" in text or \
        "d in " in text or "written in " in text else None
    if menurut:
        speaker, how = phrase_speaker(A_RECENT.sub("", menurut.group("name")), state)
        if how == "name" and speaker is not None and speaker.role and \
                _NAME_APART.match(text, menurut.end()):
            # "Menurut Direktur Riset Pasar OJK, Wulan Pratiwi, …": the office, then her
            speaker, how = phrase_speaker(text[menurut.start("name"):], state)
        if how == "name" and speaker is not None:
            return speaker
    # the agent of a passive report first: "Pesan tersebut disampaikan oleh Sekda, Sumarno"
    passive = PASSIVE.search(text)
    if passive and not RELATIVE_END.search(text, 0, passive.start()):
        speaker, how = phrase_speaker(text[passive.end():], state)
        if how == "name" and speaker is not None and not role_only(speaker):
            return speaker
    elif passive is None and "," in text:
        return _described_agent(text, state)
    return None


def _described_agent(text: str, state: State) -> Speaker | None:
    """The person a passive report names after describing them in lower case (``disampaikan
    tim hukum Hasto, Maqdir Ismail``): the description must open with a word for a person or
    a body (not ``disampaikan melalui keterangan tertulis, Senin``)."""
    found = PASSIVE_DESCRIBED.search(text)
    if found is None or RELATIVE_END.search(text, 0, found.start()):
        return None
    first = found.group("first")
    if not (first in RELATIONS or first in MEMBERS or first in LOWER_BODIES or (
            is_role(first) and first not in STOP_NAME)):
        return None
    speaker, how = phrase_speaker(text[found.start("first"):], state)
    if how != "name" or speaker is None or role_only(speaker) or not speaker.role or \
            not speaker.role.startswith(first):
        return None
    return speaker


def _turned_to(text: str, state: State) -> Speaker | None:
    """The person a sentence turns to (``Lain halnya dengan Budi.``) or says who someone is
    (``… adalah Rina, seorang guru``): a name ending the sentence or described after it; an
    ``adalah`` needs the description or an age (``Ibu kotanya adalah Nusantara.`` is no one), and
    no other name before it (``Andi mengatakan pelakunya adalah Budi (30)`` is about Andi)."""
    found = TURNS_TO.match(text)
    identified = found is None
    if identified:
        found = IDENTIFIED.search(text) if "lah " in text else None
        if found is None or any(w[:1].isupper() for w in text[:found.start()].split()[1:]):
            return None
    if found is None:
        return None
    shape = DESCRIBED_NAME.match(text, found.end())
    described = shape.group("described") if shape else None
    if shape is None or (described and not (described in _PERSON_WORDS or described in MEMBERS
                                             or described in RELATIONS or is_role(described))) \
            or (identified and not (described or shape.group("age"))):
        return None
    speaker, how = phrase_speaker(text[found.end():], state)
    if how != "name" or speaker is None or speaker.name.lower() in PLACES or \
            not is_person(speaker):
        return None
    return speaker
