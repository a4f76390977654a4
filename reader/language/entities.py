"""The people and bodies a narrative sentence names, and the reporting verb after a name.

``entities`` reads each capitalised run of a sentence as a person (with a role) or a body: a
role and a name joined by a comma are one (``Menteri Hukum RI, Supratman Andi Agtas``), a run
after a preposition is a place or an object (``ke Suriah``) unless it is an agent (``oleh``,
``by``) or whom someone spoke to, a relation before a name is the person (``Kuasa hukum Budi``).
``reporting`` tells whether a reporting verb follows a name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from reader.language.lexicon import (
    BEFORE_VERBS,
    EN_PRONOUNS,
    EN_RELATIONS,
    EN_SENTENCE_STARTERS,
    EN_VERBS,
    MEMBERS,
    POSSESSIVE,
    PREPOSITIONS,
    RELATIONS,
    SENTENCE_STARTERS,
)
from reader.language.names import (
    Speaker,
    bare_word,
    continues_role,
    is_person,
    is_role,
    role_only,
    split_role,
)
from reader.language.word_forms import derived_noun
from reader.language.words import letters_before

# A named entity: a run of capitalised words (roles, ranks and names), possibly with links.
# Its first capital comes before the look-behind (the same check on the character before it),
# so the search skips to capitals in C.
ENTITY = re.compile(
    r"[A-Z](?<![\w'’-][A-Z])(?:[\w'’.-]*|[A-Z]+)(?:\s+(?:(?:bin|binti|van|von|de|al|el)\s+)?"
    r"(?:[A-Z][\w'’.-]*|[A-Z]{2,}|\([A-Za-z][\w./-]{0,15}(?:\s[A-Z][\w./-]{0,15}){0,2}\)))*"
)
VERB_WORDS = frozenset(w.split()[0] for w in (BEFORE_VERBS + "|" + EN_VERBS).split("|"))
# The word after a name, past an adverb: "Messi secara tegas menyatakan", "Budi pun menjawab".
_NEXT_WORD = re.compile(r"\s*(?:(?:juga|pun|sempat|lalu|kemudian|telah|secara\s+[a-z]+|dengan\s+"
                        r"(?:tegas|lantang|singkat|santai))\s+)?([A-Za-z]+)")
_APPOSITIVE = re.compile(r"\s*,[^,]{0,80},")


def reporting(text: str, at: int = 0) -> bool:
    """A reporting verb at ``at`` (``mengatakan``, ``juga menegaskan``, ``said``), or after
    an appositive set off by commas (``Budi, warga setempat, mengatakan``)."""
    word = _NEXT_WORD.match(text, at)
    if word and word.group(1).lower() in VERB_WORDS:
        return True
    apposition = _APPOSITIVE.match(text, at)
    if apposition:
        word = _NEXT_WORD.match(text, apposition.end())
        return bool(word and word.group(1).lower() in VERB_WORDS)
    return False


EN_AGENT = re.compile(r"\s+(?:also\s+|later\s+|then\s+)?[a-z]{3,}ed\b")  # "Parikh recommended"
_NEXT_NOUN = re.compile(r"\s+([a-z]+)\b")
# One or two words right before a name, for a relation to that person ("ayah", "kuasa hukum").
_RELATION_BEFORE = re.compile(r"(?<![\w-])((?:[Kk]uasa\s+hukum|[Jj]uru\s+bicara|[Oo]rang\s+tua)|"
                              r"[A-Za-z]+)\s+$")
_RELATION_ENDS = RELATIONS | MEMBERS | {"hukum", "bicara", "tua"}  # (the last word of one)
_JOINED = re.compile(r"\s+(?:dan|and|&|of)\s+$")
AGE = re.compile(r"\s*\(\d{1,3}(?:\s*tahun)?\)")
_FORMER = {"former", "mantan", "eks", "acting", "interim", "outgoing"}  # before a title
# First words of places' names: "from New York", "from Fort Worth" name no one.
_PLACE_OPENERS = {"new", "fort", "san", "santa", "los", "las", "saint", "st", "mount", "mt", "lake",
                  "port", "el", "la", "le", "north", "south", "east", "west", "upper", "lower",
                  "greater", "cape", "glen", "palm", "long", "grand", "little", "big"}
_SPOKE = {"spoke", "talked", "speaking", "talking", "spoken", "chatted", "speak", "talk"}
_POINTED = re.compile(r"\s+(?:tersebut|itu)\b")


def entities(text: str, vocab: frozenset[str] = frozenset(),
             english: bool = False) -> Iterator[tuple[Speaker, bool]]:
    """``(speaker, strong)`` for each person or body named in ``text``, in order.

    A capitalised run after a preposition is a place or an object (``ke Suriah``), not a
    speaker. A run is strong when a reporting verb follows it. A role runs on through ``dan``
    (``Menteri Komunikasi dan Informatika Rudiantara``); a role and a name joined by a comma
    are one speaker. In English any verb in the past tense after a name makes it strong
    (``Parikh recommended taking …``).
    """
    matches = list(ENTITY.finditer(text))
    if not matches:
        return
    lead = len(text) - len(text.lstrip(" \"“‘'("))
    starters = EN_SENTENCE_STARTERS if english else SENTENCE_STARTERS
    count = len(matches)
    index = 0
    while index < count:
        match = matches[index]
        words = match.group().split()
        first = words[0]
        start, end = match.span()
        index += 1
        if index < count and is_role(first):  # the first word decides for the whole run
            while index < count and _JOINED.fullmatch(text, end, matches[index].start()) and \
                    continues_role(words, matches[index].group().split()):
                words += [text[end:matches[index].start()].strip()] + matches[index].group().split()
                end = matches[index].end()
                index += 1
        starts_sentence = start <= lead
        if english and len(words) >= 3 and words[0].lower() in ("on", "at", "through"):
            words = words[2:]  # "On Instagram Dana Kroll wrote": the platform, then the name
        while words and (words[0].lower().strip(".,") in starters or (
                starts_sentence and len(words) > 1 and len(words[0]) >= 6
                and not is_role(words[0]) and (words[0].lower() in vocab or (
                    not english and derived_noun(words[0]))))):  # "Kehadiran Eddy di …"
            words = words[1:]
        if not words or (len(words) == 1 and is_role(words[0]) and not words[0].isupper()) or \
                (english and len(words) == 1 and words[0].lower() in EN_PRONOUNS):
            continue  # (a pronoun opening a sentence, "He went on to say", names no one)
        if _POINTED.match(text, end):
            continue  # "Mantan Kepala Badan Narkotika Nasional (BNN) tersebut": a description
        previous = text[max(0, start - 40): start].rsplit(None, 2)[-2:]
        placed = bool(previous) and previous[-1].lower().strip(",") in PREPOSITIONS and \
            words[0] == first and previous[-1] not in ("oleh", "by") and not (
                english and previous[0].lower() in _SPOKE and previous[-1] in ("to", "with"))
        # ("oleh Jaksa …", "run by Mia …", "spoke to Stephanie Alvarez": a person, not a place)
        if placed and not (english and previous[-1] == "from"):
            continue
        candidate = split_role([bare_word(w) for w in words], vocab, english)
        if candidate is None or (placed and (
                candidate.role or len(candidate.name.split()) < 2 or
                not is_person(candidate, english) or
                candidate.name.split()[0].lower().rstrip(".") in _PLACE_OPENERS)):
            continue  # "a goal from Nick Bowman": a person's full name, not "from Chicago"
        if index < count and role_only(candidate) and \
                text[end:matches[index].start()].strip() == ",":
            following = split_role([bare_word(w) for w in matches[index].group().split()],
                                   vocab, english)
            if following is not None and is_person(following):
                # "Menteri Hukum RI, Supratman Andi Agtas": one person with the role before
                role = " ".join([candidate.name] + ([following.role] if following.role else []))
                candidate = Speaker(following.name, role)
                end = matches[index].end()
                index += 1
        if english and words[-1].endswith(POSSESSIVE):
            noun = _NEXT_NOUN.match(text, end)
            if not noun or noun.group(1).lower() not in EN_RELATIONS:
                continue  # "Keanu's relationship to …": the thing owned is the subject
            # "Smith's lawyer said": the lawyer, not Smith
            candidate, end = Speaker(f"{' '.join(words)} {noun.group(1)}"), noun.end()
        if not english and words[0] == first and \
                letters_before(text, start, 25).lower() in _RELATION_ENDS:
            relation = _RELATION_BEFORE.search(text, max(0, start - 25), start)
            if relation and candidate.role is None and (relation.group(1).lower() in RELATIONS or (
                    relation.group(1).lower() in MEMBERS and len(words) == 1)):
                # "Kuasa hukum Budi Santoso mengatakan": the lawyer, not Budi
                candidate = Speaker(f"{relation.group(1)} {candidate.name}")
        if candidate.role and words[0] == first and previous and \
                previous[-1].lower() in _FORMER and candidate.role.split()[0] == first:
            # "criticised former President Mark Dalton": he is no longer president
            candidate = Speaker(candidate.name, f"{previous[-1]} {candidate.role}")
        aged = AGE.match(text, end)  # "Dian (37) berharap": the age between name and verb
        end = aged.end() if aged else end
        strong = reporting(text, end) or (english and bool(EN_AGENT.match(text, end)))
        yield candidate, strong

