"""Runs of words: the words of a phrase up to its sentence end, and the capitalised run (roles,
ranks, names, initials) a name is read from.

Kept apart from :mod:`.names`, which splits such a run into the person and the role, so each
step reads on its own.
"""

from __future__ import annotations

import re

from reader.language.lexicon import (
    NAME_LINKS,
    PLACE_HEADS,
    PRONOUNS,
    RANKS,
    ROLE_LINKS,
    ROLE_PREFIX,
    SCHOOLS,
    STOP_NAME,
)
from reader.language.names import is_role
from reader.language.sentences import is_abbreviation

# A sentence run on to a name with no space after the full stop: "Erick.Sementara", and after
# capitals only before a capitalised word: "RR.Indikator" (never "U.S.Army", "A.B").
_GLUED = re.compile(r"^([\w'’-]*[a-z]|[A-Z]{2,}(?=\.[A-Z][a-z]))\.[A-Z]")
_PHRASE_TOKEN = re.compile(r"\([^()\s]{1,16}\)|[^\s,;:!?()\"“”«»]+|[,;:!?()\"“”«»]")


def phrase_words(phrase: str) -> list[str]:
    """The words of ``phrase`` up to its sentence end (``Dr.``, ``J.``, ``U.S.`` end nothing).

    Tokens hold no spaces, so the first token that could end the phrase (one with a full
    stop or a closing mark) is found by one search of the tokens joined by spaces; the
    tokens before it are words as they are, and only the rest are read one by one."""
    tokens = _PHRASE_TOKEN.findall(phrase[:300])[:24]
    joined = " ".join(tokens)
    first = _MAY_END.search(joined)
    if first is None:
        return tokens
    plain = joined.count(" ", 0, first.start())
    words = tokens[:plain]
    for token in tokens[plain:]:
        if "." not in token:  # neither glued to a next sentence nor an abbreviation
            if token in _PHRASE_ENDS:
                break
            words.append(token)
            continue
        glued = _GLUED.match(token)
        if glued and not is_abbreviation(token[:glued.end(1) + 1]):
            words.append(glued.group(1))  # "terang Erick.Sementara, …": no space after the end
            break
        if token in ".;!?\"“”«»":
            break
        if token.endswith(".") and len(token) > 1 and not is_abbreviation(token):
            words.append(token.rstrip("."))
            break
        words.append(token)
    return words


_PHRASE_ENDS = frozenset(";!?\"“”«»")  # the one-character tokens that end a phrase
_MAY_END = re.compile(r"[.;!?\"“”«»]")  # a character of a token that may end a phrase


def name_run(words: list[str], index: int, vocab: frozenset[str],
             known: set[str] | frozenset[str] = frozenset()) -> tuple[list[str], int]:
    """The capitalised run (roles, ranks, names, initials, ``(Inf)``) starting at ``index``.

    A role runs on through ``dan``/``and``/``of``/``&`` (``Menteri Komunikasi dan
    Informatika``, ``Secretary of State``). A capitalised word that is also a common word
    (``Lalu``, ``Bagus``) still opens a name when a name word follows it or the article has
    met it as a name.
    """
    kept: list[str] = []
    while index < len(words):
        word = words[index]
        low = word.lower()
        if word == "," and kept and _field_list(words, index, known) and \
                any(is_role(w) for w in kept):
            index += 1  # "Direktur Jenderal Energi Baru, Terbarukan, dan Konservasi Energi …"
            continue
        if word in ",;:!?\"“”«»()":
            break
        following = words[index + 1] if index + 1 < len(words) else ""
        if kept and low in ROLE_LINKS and following[:1].isupper() and \
                any(is_role(w) for w in kept) and following.lower() not in STOP_NAME:
            kept.append(word)
            index += 1
            continue
        if low in STOP_NAME or low in PRONOUNS:
            opens_name = word[:1].isupper() and low not in PRONOUNS and (
                word in known or (following[:1].isupper() and not is_role(following)
                                  and following.lower() not in vocab
                                  and following.lower() not in STOP_NAME))
            if not opens_name:
                break
        if word[:1].isupper() or word.startswith("(") or (kept and low in NAME_LINKS) or (
                low in _DOCTORS and following[:1].isupper()) or (
                word.isdigit() and kept and kept[-1].lower() in SCHOOLS and
                following[:1].isupper()):  # (a school's number: "Kepala SMPN 3 Cibadak")
            if kept and not is_role(word) and low in vocab and len(word) > 3 and \
                    word not in known and (not following or following[:1].islower()):
                break  # "jelas Rudiantara Pembatasan itu …": a new sentence begins
            kept.append(word)
            index += 1
            continue
        break
    while kept and (kept[-1].lower() in NAME_LINKS or kept[-1].startswith("(")) and \
            len(kept) > 1 and not is_role(kept[-2]):
        kept.pop()  # a trailing alias: "Basuki Tjahaja Purnama (Ahok)"
    return kept, index


# A doctor's title, written in lower case before the name: "Direktur RSUD Siti Fatimah, dr Budi".
_DOCTORS = {"dr", "dr.", "drg", "drg.", "drh", "drh."}


def _field_list(words: list[str], at: int, known: set[str] | frozenset[str]) -> bool:
    """The comma at ``at`` sits in a list of fields inside one title (``Bidang Politik, Hukum,
    dan Keamanan``): capitalised items up to ``dan``/``serta`` and a capitalised word, none of
    them opening with a person's title or rank or being a name met before (``Menteri Hukum,
    Supratman, dan Menteri Luar Negeri …`` are two people)."""
    index, items = at, 0
    while index < len(words) and index < at + 12:
        word = words[index]
        if word == ",":
            index += 1
            continue
        if word.lower() in ("dan", "serta"):
            following = words[index + 1] if index + 1 < len(words) else ""
            return (items > 0 or index == at + 1) and following[:1].isupper() and \
                _field_word(following, known)  # ", dan Keamanan": the list's last comma
        if not word[:1].isupper() or word.startswith("(") or not _field_word(word, known):
            return False
        if words[index - 1] == ",":
            items += 1
        index += 1
    return False


def _field_word(word: str, known: set[str] | frozenset[str]) -> bool:
    low = word.lower()
    return word not in known and low not in _PERSON_TITLES and low not in RANKS and \
        low not in PLACE_HEADS and not ROLE_PREFIX.match(low)


# Words that open a person's title: an item of a list that starts with one is another person.
_PERSON_TITLES = {"menteri", "wakil", "ketua", "kepala", "direktur", "presiden", "sekretaris",
                  "anggota", "juru", "panglima", "jaksa", "hakim", "komisaris", "wamen",
                  "deputi", "asisten", "staf", "pengamat", "dosen", "rektor", "dekan"}
