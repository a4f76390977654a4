"""The speaker a phrase after a reporting verb names, and how it names them.

``kata Menteri Luar Negeri AS Marco Rubio`` names ``Marco Rubio`` (role ``Menteri Luar Negeri
AS``); ``kata dia`` points back; ``kata pria itu`` describes; ``kata ayah korban, Darmawan`` and
``kata tim hukum Hasto, Ronny`` name the person after the comma. The words and names inside the
phrase are read by :mod:`reader.language.names`.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from reader.language.lexicon import (
    BACK_WORDS,
    BODY_HEADS,
    HONORIFICS,
    LOWER_BODIES,
    MEMBERS,
    ORG_HEADS,
    PRONOUNS,
    RELATIONS,
    SENTENCE_STARTERS,
    STOP_NAME,
)
from reader.language.name_runs import name_run, phrase_words
from reader.language.names import (
    Speaker,
    is_person,
    is_role,
    personal_titles_only,
    role_flags,
    role_only,
    split_role,
)

if TYPE_CHECKING:
    from reader.language.narrative import State

# Lower-case words that qualify a title before the name that follows it after a comma.
_QUALIFIERS = {"setempat", "terpilih", "sementara", "nonaktif", "terkait", "tersebut"}
_OWN_VERB = re.compile(r"(?:me|ber)[a-z]{4,}$")  # "membacakan", "menjelaskan", "bertanya"

_ADVERBS = {"serentak", "kemarin", "sambil", "seraya", "sembari", "pula", "lagi", "kala",
            "secara", "usai", "seusai", "sore", "pagi", "siang", "malam", "singkat", "tegas"}


def phrase_speaker(phrase: str, state: State) -> tuple[Speaker | None, str]:
    """The speaker named by the words after a reporting verb, and how it was named:
    ``name``, ``pronoun`` (dia), ``back`` (a description: ``pria itu``), ``bare`` (nothing),
    ``described`` (someone unnamed: ``kata seorang warga``) or ``none``.

    Lower-case words may come first (``kata hakim ketua Dwiarso``, ``kata ayah Mirna,
    Darmawan``) and become the role; a role may be followed by the name after a comma
    (``kata Menteri Kominfo, Rudiantara``) and a name by its role (``kata Imran, Ketua …``).
    """
    words = phrase_words(phrase)
    if not words:
        return None, "bare"
    first = words[0].lower()
    if first in PRONOUNS:
        return None, "plural" if first == "mereka" else "pronoun"  # "kata mereka": no one person
    if first == ",":
        return None, "bare"
    lead: list[str] = []
    index = 0
    while index < len(words) and index < 5 and words[index][:1].islower() and \
            words[index].lower() not in STOP_NAME and words[index].lower() not in PRONOUNS and \
            words[index] not in ",()" and words[index].lower() not in _ADVERBS:
        if lead and _OWN_VERB.match(words[index]) and not is_role(words[index]):
            break  # "kata jaksa membacakan surat dakwaan": the description ends at its verb
        lead.append(words[index])
        index += 1
    name, index = name_run(words, index, state.vocab, state.tokens)
    if not name and index < len(words) and words[index].startswith("@") and len(words[index]) > 2:
        # "tulis akun @dinaskegelapan_kota": the account that wrote it
        return Speaker(" ".join([*lead, words[index]])), "name"
    if not name:
        reach = 10
        if lead and index < len(words) and words[index].lower() == "yang":
            # "kata pria yang menjabat sebagai Presiden Direktur PT Isuzu … ini": a relative
            # clause of any length before the word pointing back
            reach = next((i for i in range(index, len(words)) if words[i] == ","), len(words))
        back = next((i for i, w in enumerate(words[:reach]) if w.lower() in BACK_WORDS), None)
        if back is not None:
            known = state.by_role(" ".join(lead)) if lead else None
            if known is None and lead and lead[0].lower() in MEMBERS and back == index and \
                    (state.person is None or state.person.role):
                # "ujar warga tersebut" when the text follows no one, or an official: that
                # resident, not the official (nor the person a headline names)
                return Speaker(" ".join(words[:back + 1])), "described"
            return (known, "name") if known else (None, "back")
        if lead:
            at = index
            if at < len(words) and words[at].lower() in ("pada", "di", "dari"):
                # "kata peneliti pada Organisasi HAM Saudi Eropa (ESOHR), Duaa Dhainy"
                body, after_body = name_run(words, at + 1, state.vocab, state.tokens)
                if body and after_body < len(words) and words[after_body] == ",":
                    lead, index = lead + words[at:after_body], after_body
            named = _after_relative(lead, [], words, index, state)
            if named is not None:
                return named, "name"
            if index < len(words) and words[index] == ",":  # "kata ayah korban, Darmawan"
                second, _ = name_run(words, index + 1, state.vocab, state.tokens)
                person = split_role(second, state.vocab, state.language == "en") if second else None
                if person is not None and not role_only(person) and \
                        second[0].lower() not in SENTENCE_STARTERS:
                    return Speaker(person.name, _join(lead, person.role)), "name"
            if lead[0].lower() in LOWER_BODIES:
                return Speaker(" ".join(lead)), "described"
            known = state.by_role(" ".join(lead))
            if known is not None:
                return known, "name"
            return Speaker(" ".join(lead)), "described"
        return None, "bare"
    if index < len(words) and words[index].lower() in BACK_WORDS:
        # "kata Menteri Hukum itu": whoever holds that role; "kata pria ini": whom it is about
        known = state.by_role(" ".join(lead + name))
        return (known, "name") if known else (None, "back")
    speaker = split_role(name, state.vocab, state.language == "en")
    if lead and speaker is not None and speaker.role is None and len(name) >= 2 and \
            speaker.name == name[0] and all(is_role(w) for w in name[1:]):
        # "kata tenaga ahli Baleg DPR RI": someone of a body described, not a person "Baleg"
        return Speaker(" ".join(lead + name)), "described"
    named = _after_relative(lead, name, words, index, state) if lead else None
    if named is not None:  # "kata warga asal Ungaran yang melintas, Dhiko (32)": Dhiko
        return named, "name"
    if lead and lead[0].lower() in LOWER_BODIES:
        # "kata tim hukum Hasto, Ronny Talapessy": the person named after the comma
        appositive = _apposition(lead, name, speaker, words, index + 1, state) if \
            speaker is not None and index < len(words) and words[index] == "," else None
        return appositive or Speaker(" ".join(lead + name)), "name"
    if speaker is None:
        return None, "none"
    if role_only(speaker) and index + 1 < len(words) and words[index].lower() in _QUALIFIERS \
            and words[index + 1] == ",":
        name, index = name + [words[index]], index + 1  # "Ketua RT setempat, Andi Pratama"
    # An apposition after a comma: "Ketua KPU DKI Jakarta, Sumarno," / "Imran, Ketua Bawaslu …"
    if index < len(words) and words[index] == ",":
        appositive = _apposition(lead, name, speaker, words, index + 1, state)
        if appositive is not None:
            return appositive, "name"
    if lead and (role_only(speaker) or (len(name) == 1 and lead[-1].lower() in MEMBERS)):
        # "kata warga Bekasi", "kata suporter Persija": one of a place's people or a club's
        known = (state.by_role(" ".join(lead + name)) or state.by_role(speaker.name)) \
            if role_only(speaker) else None
        return (known, "name") if known else (Speaker(" ".join(lead + name)), "described")
    if lead and (lead[-1].lower() in RELATIONS or " ".join(lead[-2:]).lower() in RELATIONS) \
            and not (speaker.role and all(w.isupper() or w.lower() in BODY_HEADS
                                          for w in speaker.role.split())):
        # "kata ayah Mirna", "kata kuasa hukum Hasto": someone close to the person, not them
        # (but "kata jubir Polri Andi Saputra" is the spokesperson of a body, named)
        return Speaker(" ".join(lead + name)), "described"
    if lead and not role_only(speaker):
        return Speaker(speaker.name, _join(lead, speaker.role)), "name"
    if role_only(speaker):
        role_words = " ".join(lead + [speaker.name])
        return (state.by_role(role_words) or state.by_role(speaker.name) or speaker), "name"
    return speaker, "name"


def _role_and_body(speaker: Speaker, second: list[str], following: str, state: State) -> bool:
    """``Guru Besar Universitas Padjadjaran, Muradi,``, ``Guru Besar Unpad, Muradi``: a role
    with its body's name (one word, or one a body's word opens), then one name that ends the
    attribution: the person is that name."""
    body = speaker.name.split()
    # (or a rank and a name: "Kasi Humas Polres Palopo, AKP Supriadi kepada …")
    ranked = 2 <= len(second) <= 4 and is_role(second[0]) and \
        not any(is_role(w) for w in second[1:])
    return speaker.role is not None and (ranked or (
        len(second) == 1 and not is_role(second[0]) and second[0].lower() not in state.vocab)) \
        and (len(body) == 1 or body[0].lower() in ORG_HEADS) and \
        (following in ",.;" or following.lower() in STOP_NAME)


def _after_relative(lead: list[str], name: list[str], words: list[str], index: int,
                    state: State) -> Speaker | None:
    """``warga asal Ungaran yang melintas, Dhiko (32)``: a description, a short relative clause,
    a comma and one person's name: that person, described."""
    if index >= len(words) or words[index].lower() != "yang":
        return None
    comma = next((i for i in range(index + 1, min(len(words), index + 8)) if words[i] == ","),
                 None)
    if comma is None or any(w[:1].isupper() for w in words[index + 1:comma]):
        return None
    second, after = name_run(words, comma + 1, state.vocab, state.tokens)
    person = split_role(second, state.vocab, state.language == "en") if second else None
    if person is None or role_only(person) or not is_person(person) or \
            (after < len(words) and words[after] not in ",.;(" and
             words[after].lower() not in STOP_NAME):
        return None
    return Speaker(person.name, " ".join(lead + name + ([person.role] if person.role else [])))


def _join(lead: list[str], role: str | None) -> str | None:
    return " ".join(lead + ([role] if role else [])) or None


def _apposition(lead: list[str], name: list[str], speaker: Speaker, words: list[str],
                at: int, state: State) -> Speaker | None:
    """``ROLE, NAME`` or ``NAME, ROLE`` joined by a comma, as one speaker (or None)."""
    second, after = name_run(words, at, state.vocab, state.tokens)
    if not second or (len(second) == 1 and second[0].lower() in SENTENCE_STARTERS):
        return None
    flags = role_flags(second)
    part1_role = bool(lead) or role_only(speaker) or (
        is_role(name[0]) and name[0].lower().strip(".") not in HONORIFICS
        and len(second) >= 2 and not all(flags)
        and not any(w.lower() in state.vocab for w in second if not is_role(w))) or \
        _role_and_body(speaker, second, words[after] if after < len(words) else ",", state)
    if part1_role and not all(flags):
        person = split_role(second, state.vocab, state.language == "en")
        if person is not None and not role_only(person):
            # "Kepala Bidang Humas Polda Jawa Tengah, Kombes Pol Budi Hartono": the rank joins
            # (a doctor's or a pilgrim's title is the person's: "…, dr Budi Santoso")
            held = person.role or ""
            title = bool(held) and not personal_titles_only(held)
            role = " ".join(lead + name + ([held] if title else []))
            return Speaker(person.name, role)
    if not role_only(speaker) and flags[0] and speaker.role is None and not (
            len(second) == 1 and second[0].isupper() and after < len(words) and
            words[after][:1].islower()):  # ("kata Bima, LCS sudah mampu …": the clause's subject)
        return Speaker(speaker.name, " ".join(second))
    return None
