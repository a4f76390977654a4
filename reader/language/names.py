"""Names and roles: the person a phrase names, split from the title, rank or body before it.

``Menteri Luar Negeri AS Marco Rubio`` is the name ``Marco Rubio`` with the role ``Menteri Luar
Negeri AS``; ``kata ayah korban, Darmawan`` is ``Darmawan``, ``ayah korban``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.language.lexicon import (
    ADMIN_UNITS,
    BACK_WORDS,
    BODY_HEADS,
    LOWER_BODIES,
    NAME_LINKS,
    PRONOUNS,
    RANKS,
    ROLE_PREFIX,
    ROLE_WORDS,
    SENTENCE_STARTERS,
    STOP_NAME,
)

if TYPE_CHECKING:
    from reader.language.narrative import State

_GLUED = re.compile(r"^([\w'’-]*[a-z])\.[A-Z]")
_PHRASE_TOKEN = re.compile(r"\([^()\s]{1,16}\)|[^\s,;:!?()\"“”«»]+|[,;:!?()\"“”«»]")
INITIAL = re.compile(r"^[A-Z]\.$")


@dataclass
class Speaker:
    name: str
    role: str | None = None



def is_role(token: str) -> bool:
    known = _ROLE_CACHE.get(token)
    if known is None:
        low = token.lower().strip(".")
        known = (low in ROLE_WORDS or token.startswith("(") or bool(ROLE_PREFIX.match(low))
                 or (len(token) >= 2 and token.isupper() and token.isalpha()))
        if len(_ROLE_CACHE) > 50_000:
            _ROLE_CACHE.clear()
        _ROLE_CACHE[token] = known
    return known


_ROLE_CACHE: dict[str, bool] = {}


def role_only(speaker: Speaker) -> bool:
    return speaker.role is None and all(is_role(w) for w in speaker.name.split())


def phrase_speaker(phrase: str, state: State) -> tuple[Speaker | None, str]:
    """The speaker named by the words after a reporting verb, and how it was named:
    ``name``, ``pronoun`` (dia), ``back`` (a description: ``pria itu``), ``bare`` (nothing),
    or ``none`` (someone unnamed: ``kata seorang warga``).

    Lower-case words may come first (``kata hakim ketua Dwiarso``, ``kata ayah Mirna,
    Darmawan``) and become the role; a role may be followed by the name after a comma
    (``kata Menteri Kominfo, Rudiantara``) and a name by its role (``kata Imran, Ketua …``).
    """
    tokens = _PHRASE_TOKEN.findall(phrase[:300])
    words: list[str] = []
    for token in tokens[:24]:
        glued = _GLUED.match(token)
        if glued:  # "terang Erick.Sementara, …": a sentence end without its space
            words.append(glued.group(1))
            break
        if token in ".;!?\"“”«»" or (token.endswith(".") and not INITIAL.match(token)
                                     and len(token) > 1 and "." not in token[:-1]):
            if token not in ".;!?\"“”«»":
                words.append(token.rstrip("."))
            break
        words.append(token)
    if not words:
        return None, "bare"
    first = words[0].lower()
    if first in PRONOUNS:
        return None, "pronoun"
    if first == ",":
        return None, "bare"
    lead: list[str] = []
    index = 0
    while index < len(words) and index < 5 and words[index][:1].islower() and \
            words[index].lower() not in STOP_NAME and words[index].lower() not in PRONOUNS and \
            words[index] not in ",()":
        lead.append(words[index])
        index += 1
    name, index = name_run(words, index, state.vocab)
    clause_words = [w.lower() for w in words[:10]]
    if not name:
        if any(w in BACK_WORDS for w in clause_words):
            return None, "back"
        if lead:
            if lead[0].lower() in LOWER_BODIES:
                return None, "none"
            if index < len(words) and words[index] == ",":  # "kata ayah korban, Darmawan"
                second, _ = name_run(words, index + 1, state.vocab)
                person = split_role(second, state.vocab) if second else None
                if person is not None and not role_only(person) and \
                        second[0].lower() not in SENTENCE_STARTERS:
                    return Speaker(person.name, " ".join(lead)), "name"
            known = state.by_role(" ".join(lead))
            if known is not None:
                return known, "name"
            return None, "none"
        return None, "bare"
    if index < len(words) and words[index].lower() in BACK_WORDS:
        return None, "back"  # "kata mantan Anggota Dewan Pertimbangan Presiden ini"
    if lead and lead[0].lower() in LOWER_BODIES:
        return Speaker(" ".join(lead + name)), "name"
    speaker = split_role(name, state.vocab)
    if speaker is None:
        return None, "none"
    # An apposition after a comma: "Ketua KPU DKI Jakarta, Sumarno," / "Imran, Ketua Bawaslu …"
    if index < len(words) and words[index] == ",":
        second, _ = name_run(words, index + 1, state.vocab)
        if second and second[0].lower() not in SENTENCE_STARTERS:
            part1_role = bool(lead) or role_only(speaker) or (
                is_role(name[0]) and len(second) >= 2 and not is_role(second[0])
                and not any(w.lower() in state.vocab for w in second))
            if part1_role and not is_role(second[0]):
                person = split_role(second, state.vocab)
                if person is not None and not role_only(person):
                    role = " ".join(lead + name)
                    return Speaker(person.name, role), "name"
            if not role_only(speaker) and is_role(second[0]) and speaker.role is None:
                return Speaker(speaker.name, " ".join(second)), "name"
    if lead and not role_only(speaker):
        role = " ".join(lead + ([speaker.role] if speaker.role else []))
        return Speaker(speaker.name, role), "name"
    if role_only(speaker):
        role_words = " ".join(lead + [speaker.name])
        return (state.by_role(role_words) or state.by_role(speaker.name) or speaker), "name"
    return speaker, "name"


def name_run(words: list[str], index: int, vocab: frozenset[str]) -> tuple[list[str], int]:
    """The capitalised run (roles, ranks, names, initials, ``(Inf)``) starting at ``index``."""
    kept: list[str] = []
    while index < len(words):
        word = words[index]
        low = word.lower()
        if word in ",;:!?\"“”«»()":
            break
        if low in STOP_NAME:
            break
        if word[:1].isupper() or word.startswith("(") or (kept and low in NAME_LINKS):
            if kept and not is_role(word) and low in vocab and len(word) > 3 and (
                    index + 1 >= len(words) or words[index + 1][:1].islower()):
                break  # "jelas Rudiantara Pembatasan itu …": a new sentence begins
            kept.append(word)
            index += 1
            continue
        break
    while kept and (kept[-1].lower() in NAME_LINKS or kept[-1].startswith("(")) and \
            len(kept) > 1 and not is_role(kept[-2]):
        kept.pop()  # a trailing alias: "Basuki Tjahaja Purnama (Ahok)"
    return kept, index


def split_role(tokens: list[str], vocab: frozenset[str] = frozenset()) -> Speaker | None:
    """``Menteri Luar Negeri AS Marco Rubio`` -> name ``Marco Rubio``, role the rest."""
    tokens = [t.strip(",;") for t in tokens if t.strip(",;")]
    while tokens and tokens[-1].lower() in NAME_LINKS:
        tokens = tokens[:-1]
    if not tokens:
        return None
    if len(tokens) == 1:
        return Speaker(tokens[0])
    # the last run of name words; role words after it are dropped ("Trump Presiden AS")
    end = len(tokens)
    while end > 0 and is_role(tokens[end - 1]):
        end -= 1
    begin = end
    while begin > 0 and not is_role(tokens[begin - 1]):
        begin -= 1
    if begin == end:
        return Speaker(" ".join(tokens))  # only role words: "Presiden", "Kementerian …"
    if begin == 0 and end < len(tokens) and len(tokens) - end >= 1:
        return Speaker(" ".join(tokens[begin:end]))
    name, role = tokens[begin:end], tokens[:begin]
    if not role:
        return Speaker(" ".join(name))
    if role[-1].lower() in ADMIN_UNITS:  # "Ketua Bawaslu Kabupaten Aceh Tamiang": a place
        return Speaker(" ".join(tokens))
    if tokens[0].lower() in BODY_HEADS:
        last = role[-1]
        acronym = len(role) >= 2 and last.isupper() and last.isalpha()
        if not (acronym or last.lower() in RANKS or (
                len(name) >= 2 and not any(w.lower() in vocab for w in name))):
            return Speaker(" ".join(tokens))
    return Speaker(" ".join(name), " ".join(role))

