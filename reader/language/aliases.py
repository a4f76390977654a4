"""Other names a text gives as it introduces someone: a person's initials (``Rizal Ramli
(RR)``), a body's short name (``Dinas Pendidikan (Disdik)``), a person's other name
(``Mantan Presiden Joko Widodo (Jokowi)``, ``Basuki Tjahaja Purnama alias Ahok``, ``Thomas
Trikasih Lembong atau Tom Lembong``).

Why: a later ``kata RR`` or ``kata Jokowi`` is the person introduced there, with the role
given there; read alone, ``RR`` was a body's acronym and ``Jokowi`` a name with no role (and
``kata Tom`` was ``Tom Lembong`` without his office). ``Disdik`` is a body, never whom a
``-nya`` means.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reader.language.lexicon import BODY_HEADS, ORG_HEADS, SENTENCE_STARTERS
from reader.language.names import (
    BODY_LAST_WORDS,
    Speaker,
    bare_word,
    is_person,
    is_role,
    role_only,
    split_role,
)

# A body's name, then its short name in brackets: "Dinas Pendidikan dan Kebudayaan (Dikbud)".
_BODY_ACRONYM = re.compile(r"((?:[A-Z][\w'’-]+\s+(?:(?:dan|and|of|&)\s+)?){1,6})"
                           r"\(([A-Z][A-Za-z]{1,9})\)")
# Capitalised words, then capitals in brackets: "Rizal Ramli (RR)", "Donny Tri Istiqomah (DTI)".
_INITIALS = re.compile(r"((?:[A-Z][\w'’-]+\s+){1,4})\(([A-Z]{2,4})\)")
# Capitalised words, then one more in brackets: "Joko Widodo (Jokowi)" (not initials in
# capitals, which are read as such: "Rizal Ramli (RR)").
_IN_BRACKETS = re.compile(r"((?:[A-Z][\w'’.-]*\s+){1,6})\(([A-Z][a-z][\w'’-]{1,20})\)")
# Capitalised words, "alias" or "atau", and one or two more: "Thomas Lembong atau Tom Lembong".
_NAMED_AGAIN = re.compile(r"((?:[A-Z][\w'’.-]*\s+){1,6})(alias|atau)\s+"
                          r"([A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+)?)\b")


def aliases(line: str, vocab: frozenset[str]) -> Iterator[tuple[str, Speaker]]:
    """``(alias, person)`` for each person ``line`` introduces with another name. After
    ``atau`` ("or") the other name must share the person's last name (``Budi Santoso atau
    Andi Wijaya`` is two people); a common word of the article, a title or a place in brackets
    is no alias (``Budi Santoso (Jakarta)``)."""
    found: list[tuple[str, str, str]] = []
    if "(" in line:
        found += [(m.group(1), "", m.group(2)) for m in _IN_BRACKETS.finditer(line)]
    if " alias " in line or " atau " in line:
        found += [(m.group(1), m.group(2), m.group(3)) for m in _NAMED_AGAIN.finditer(line)]
    for words, link, alias in found:
        if alias.lower() in vocab or alias.lower() in SENTENCE_STARTERS or \
                any(is_role(w) for w in alias.split()):
            continue
        person = split_role([bare_word(w) for w in words.split()], vocab)
        if person is None or role_only(person) or len(person.name.split()) < 2 or \
                not is_person(person) or alias == person.name:
            continue
        if link == "atau" and alias.split()[-1] != person.name.split()[-1]:
            continue
        yield alias, person


# What a person is called: "Moch Aminullah atau kerap disapa JQ", "Pria yang akrab disapa Dani
# ini" (the person the text follows), "sapaan akrabnya Dani".
_CALLED = re.compile(r"(?:\b(?:[Pp]ria|[Ww]anita|[Pp]erempuan|[Ss]osok|[Pp]emuda|[Gg]adis|"
                     r"[Rr]emaja|[Bb]ocah|[Aa]yah|[Ii]bu)\s+yang\s+|"
                     r"((?:[A-Z][\w'’.-]*\s+){0,5}[A-Z][\w'’.-]*)\s*,?\s+(?:atau|yang)\s+)"
                     r"(?:akrab|kerap|biasa|karib)\s+disapa\s+([A-Z][\w'’-]+)"
                     r"|\bsapaan\s+akrabnya\s+([A-Z][\w'’-]+)")


def nicknames(line: str, vocab: frozenset[str]) -> Iterator[tuple[str, Speaker | None]]:
    """``(nickname, person)`` for each name ``line`` says someone goes by; the person is None
    when the line does not name them (``Pria yang akrab disapa Dani ini``: whom the text
    follows)."""
    for found in _CALLED.finditer(line):
        nickname = found.group(2) or found.group(3)
        if nickname.lower() in vocab or (is_role(nickname) and not nickname.isupper()):
            continue  # (but letters in capitals are a nickname: "JQ")
        person = split_role([bare_word(w) for w in found.group(1).split()], vocab) \
            if found.group(1) else None
        if person is not None and (role_only(person) or not is_person(person)):
            continue
        yield nickname, person


def body_acronyms(line: str) -> Iterator[str]:
    """The short names ``line`` gives bodies: ``Disdik`` of ``Dinas Pendidikan (Disdik)``,
    ``Siloam`` of ``Siloam International Hospitals (Siloam)``, ``Garuda`` of ``PT Garuda
    Indonesia Tbk (Garuda)``."""
    for found in _BODY_ACRONYM.finditer(line):
        words = [w.lower() for w in found.group(1).split()]
        if any(w in BODY_HEADS for w in words) or words[0] in ORG_HEADS or \
                words[-1] in BODY_LAST_WORDS:
            yield found.group(2)


def initials(line: str, vocab: frozenset[str]) -> Iterator[tuple[str, Speaker]]:
    """``(letters, person)`` for each person ``line`` gives with their initials (``Rizal Ramli
    (RR)``), not a body of common words (``Tingkat Pengangguran Terbuka (TPT)``)."""
    for found in _INITIALS.finditer(line):
        letters, words = found.group(2), found.group(1).split()[-len(found.group(2)):]
        if "".join(w[0] for w in words) != letters or any(w.lower() in vocab for w in words):
            continue
        person = split_role(words, vocab)
        if person is not None and person.role is None and is_person(person):
            yield letters, person


def longer_name(words: set[str], names: list[str], vocab: frozenset[str]) -> str | None:
    """The latest of ``names`` (full names met in the text) holding every one of ``words`` (a
    short name: ``Dian`` of ``Dian Sastrowardoyo``, ``Soini`` of ``Timo Soini``) whose other
    words can only be a person's: capitalised letters, none the article writes in lower case,
    no title, no word opening sentences."""
    for name in reversed(names):
        parts = set(name.split())
        if parts != words and words <= parts and all(_name_word(w, vocab) for w in parts - words):
            return name
    return None


def _name_word(word: str, vocab: frozenset[str]) -> bool:
    low = word.lower()
    return word.isalpha() and word[1:].islower() and low not in vocab and \
        low not in SENTENCE_STARTERS and not is_role(word)  # (the English ones among them)
