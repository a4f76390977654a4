"""Who a narrative sentence names and whom it is about.

``entities`` lists the people and bodies a sentence names (a role and a name joined by a comma
are one: ``Menteri Hukum RI, Supratman Andi Agtas``); ``sentence_subject`` finds the one the
sentence is about: ``Menurut X``, a name opening it, a name before a reporting verb, the agent
of a passive (``disampaikan Menteri Hukum``). A list of people (``A, B, dan C``) is plural
and leaves a singular ``-nya`` to whoever came before.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING

from reader.language.lexicon import (
    BACK_WORDS,
    BEFORE_VERBS,
    CLAUSE_OPENERS,
    EN_PRONOUNS,
    EN_RELATIONS,
    EN_SENTENCE_STARTERS,
    EN_VERBS,
    FOLLOWERS,
    MEMBERS,
    NAMING_WORDS,
    POSSESSIVE,
    PREPOSITIONS,
    PRONOUNS,
    RELATIONS,
    SENTENCE_STARTERS,
    SOFT_STARTERS,
    SPEECH_WORDS,
    WORD,
)
from reader.language.names import (
    Speaker,
    bare_word,
    continues_role,
    is_person,
    is_role,
    only_qualifiers,
    role_only,
    split_role,
)
from reader.language.phrases import phrase_speaker
from reader.language.subject_shapes import (
    DESCRIBED_SUBJECT,
    LABEL_LINE,
    OF_BODY,
    SOURCE_OPENING,
    THINKS,
    UNNAMED_SUBJECT,
    shaped_subject,
)
from reader.language.word_forms import derived_noun
from reader.language.words import letters_before

if TYPE_CHECKING:
    from reader.language.narrative import State

_OPENER = re.compile(r"(?P<lead>[A-Z][\w-]*)(?P<rest>[^,]{0,100}),\s*")
_LEAD = re.compile(r"[A-Z][\w-]*")  # the opener's first word
_OPENER_PERSON = re.compile(r"(?<=\s)[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}(?=\s+[a-z])")
# A named entity: a run of capitalised words (roles, ranks and names), possibly with links.
# Its first capital comes before the look-behind (the same check on the character before it),
# so the search skips to capitals in C.
ENTITY = re.compile(
    r"[A-Z](?<![\w'’-][A-Z])(?:[\w'’.-]*|[A-Z]+)(?:\s+(?:(?:bin|binti|van|von|de|al|el)\s+)?"
    r"(?:[A-Z][\w'’.-]*|[A-Z]{2,}|\([A-Za-z][\w./-]{0,15}(?:\s[A-Z][\w./-]{0,15}){0,2}\)))*"
)
_ACTIVE = re.compile(r"^(?:me|ber)[a-z]{3,}$")
# What a person is, in lower case, between a body or title and the name: "UNLV legend Anderson".
_THEN_NAME = re.compile(r"\s+(?:(?!(?:and|or|of|for|from|in|on|at|to|the|a|an|with|by|has|is|"
                        r"was|had|will|said|says)\s)[a-z]{3,}\s+){1,2}(?=[A-Z][a-z])")
# What a person is, in lower case before their name: "collector", "gallerist", "resident".
_DESCRIPTOR = re.compile(r"(?!(?:the|a|an|and|or|but|when|while|after|as|in|on|at|for)\s)"
                         r"[a-z]{4,}\s+(?=[A-Z][a-z])")
# An English verb that makes the name before it a subject: "Gonzalez has been …", "… focuses".
_EN_FINITE = re.compile(r"(?:has|had|is|was|will|would|can|could|does|did|may|might|must|should|"
                        r"[a-z]{2,}ed)$")  # singular: "Rivals have weighed in" names no one
# A verb in "-s" after an appositive's closing comma ("…, a trustee of MoMA, focuses on"); right
# after a name such a word is as often a plural noun ("Her sentiments").
_EN_VERB_S = re.compile(r"[a-z]{2,}(?:[b-df-hj-np-rtv-z]s|es)$")
_VERB_WORDS = frozenset(w.split()[0] for w in (BEFORE_VERBS + "|" + EN_VERBS).split("|"))
# The word after a name, past an adverb: "Messi secara tegas menyatakan", "Budi pun menjawab".
_NEXT_WORD = re.compile(r"\s*(?:(?:juga|pun|sempat|lalu|kemudian|telah|secara\s+[a-z]+|dengan\s+"
                        r"(?:tegas|lantang|singkat|santai))\s+)?([A-Za-z]+)")
_APPOSITIVE = re.compile(r"\s*,[^,]{0,80},")
# (An appositive may hold commas of its own: "Marfan, Kepala Divisi Operasi, IT dan Services
# PT KITB, menggarisbawahi".)
_APPOSITIVE_VERB = re.compile(r"\s*,(?:[^,]{0,80},){1,3}\s*([a-z]+)")


def _before_first_name(tokens: list[str], state: State) -> bool:
    """``Kinerja Renita``: a word the article gave no one, before the first name of someone
    it did (``Brigadir Renita Rismayanti``), in Indonesian, where people go by first names."""
    return len(tokens) == 2 and state.language != "en" and tokens[0] not in state.tokens and \
        any(p.name.split()[0] == tokens[1] for p in state.people)


def _titled(speaker: Speaker) -> bool:
    """A role with a title in it: "Rakyat" in "Rakyat Mart" qualifies a title and is none."""
    return bool(speaker.role) and not only_qualifiers(speaker.role)


def _acts(word: str) -> bool:
    """An active verb (``me-``, ``ber-``), not a pronoun that looks like one (``mereka``) or a
    word that names (``berjudul``, ``bernama``: "Selebaran berjudul …" is a thing)."""
    return bool(_ACTIVE.match(word)) and word not in PRONOUNS and word not in NAMING_WORDS


def speaks(sentence: str) -> bool:
    """The sentence reports speech (``Her mother said …``, ``Menurut Budi``): a reporting verb
    anywhere in it."""
    return any(w.lower() in _VERB_WORDS or w in ("Menurut", "According")
               for w in WORD.findall(sentence))


def reporting(text: str, at: int = 0) -> bool:
    """A reporting verb at ``at`` (``mengatakan``, ``juga menegaskan``, ``said``), or after
    an appositive set off by commas (``Budi, warga setempat, mengatakan``)."""
    word = _NEXT_WORD.match(text, at)
    if word and word.group(1).lower() in _VERB_WORDS:
        return True
    apposition = _APPOSITIVE.match(text, at)
    if apposition:
        word = _NEXT_WORD.match(text, apposition.end())
        return bool(word and word.group(1).lower() in _VERB_WORDS)
    return False
_STARTERS = SENTENCE_STARTERS | SOFT_STARTERS
_SENTENCE_PRONOUNS = {"You", "We", "I", "It", "There", "This", "That", "These", "Those", "He",
                      "She", "They", "Her", "His", "Their", "Its", "Our", "My", "Your"}
_EN_AGENT = re.compile(r"\s+(?:also\s+|later\s+|then\s+)?[a-z]{3,}ed\b")
# What follows an item of a list rather than a subject: another item or the list's last.
_LIST_ITEM = re.compile(r"\s*(?:,\s*)?(?:dan|serta|atau|and|or)\b|\s*,\s*[A-Z]")
_NEXT_NOUN = re.compile(r"\s+([a-z]+)\b")
# One or two words right before a name, for a relation to that person ("ayah", "kuasa hukum").
_RELATION_BEFORE = re.compile(r"(?<![\w-])((?:[Kk]uasa\s+hukum|[Jj]uru\s+bicara|[Oo]rang\s+tua)|"
                              r"[A-Za-z]+)\s+$")
_RELATION_ENDS = RELATIONS | MEMBERS | {"hukum", "bicara", "tua"}  # (the last word of one)
_JOINED = re.compile(r"\s+(?:dan|and|&|of)\s+$")
_AGE = re.compile(r"\s*\(\d{1,3}(?:\s*tahun)?\)")
_FORMER = {"former", "mantan", "eks", "acting", "interim", "outgoing"}  # before a title
_SPOKE = {"spoke", "talked", "speaking", "talking", "spoken", "chatted", "speak", "talk"}
_POINTED = re.compile(r"\s+(?:tersebut|itu)\b")
_ROLE_GOES_ON = re.compile(r"\s+(?:dan|and|&)\s+[A-Z]")
_LIST = re.compile(r"^(?:\s*,\s*[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)+,?\s+(?:dan|and|serta)\s+"
                   r"[A-Z]")


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
        if previous and previous[-1].lower().strip(",") in PREPOSITIONS and words[0] == first \
                and previous[-1] not in ("oleh", "by") and not (  # "oleh Jaksa …", "run by Mia …"
                    english and previous[0].lower() in _SPOKE and previous[-1] in ("to", "with")):
            continue  # (not "spoke to Stephanie Alvarez": whom they spoke to is a person)
        candidate = split_role([bare_word(w) for w in words], vocab, english)
        if candidate is None:
            continue
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
        aged = _AGE.match(text, end)  # "Dian (37) berharap": the age between name and verb
        end = aged.end() if aged else end
        strong = reporting(text, end) or (english and bool(_EN_AGENT.match(text, end)))
        yield candidate, strong


def sentence_subject(sentence: str, state: State,
                     named: list[tuple[Speaker, bool]] | None = None) -> Speaker | None:
    """Whom a narrative sentence is about: ``Menurut X, …``, a name opening it, a name
    followed by a reporting verb, or the agent of a passive report. Pronouns and lists of
    people keep the current focus (None). ``named`` is the sentence's :func:`entities` when
    the caller has them already."""
    text = sentence.strip(" \t\"“”‘’'(")
    if not text:
        return None
    if THINKS.match(text):
        return None  # "Menurut dia, Pertamina merupakan …": what he thinks; he stays the focus
    if LABEL_LINE.match(text):
        return None  # "William Mapan — An artist who works with code": a label, no subject
    source = SOURCE_OPENING.match(text) if state.language != "en" else None
    if source:  # "Dilaporkan Reuters, Duterte memaparkan …": the sentence after the source
        text = text[source.end():].lstrip()
        named = None
    unnamed = UNNAMED_SUBJECT.match(text)
    if unnamed:
        at = unnamed.end()
        of = OF_BODY.match(text, at)  # "A spokesperson for Governor Tim Walz said …"
        at = of.end() if of else at
        if reporting(text, at) or (state.language == "en" and bool(_EN_AGENT.match(text, at))):
            # "Seorang petugas mengatakan …", "A witness said", 'an "insider" told'
            return Speaker(re.sub(r"[“”\"‘’]", "", unnamed.group(1)))
    shaped = shaped_subject(text, state)
    if shaped is not None:
        return shaped
    found, decided = _opening_subject(text, state)
    if decided:
        return found
    comma = -1
    for _ in range(3):  # "Tidak hanya Jakarta, Gubernur Pramono juga meninjau …"
        comma = text.find(",", comma + 1, 120)
        if comma < 0:
            break
        rest = text[comma + 1:].lstrip()
        described = _DESCRIPTOR.match(rest) if state.language == "en" else None
        if described:
            rest = rest[described.end():]  # "…, collector Lonti Ebers, a trustee …, focuses"
        if rest[:1].isupper():
            found, decided = _opening_subject(rest, state, strict=True,
                                              after_descriptor=described is not None)
            if decided and found is not None:
                return found
    if named is None:
        named = list(entities(text, state.vocab, state.language == "en"))
    for candidate, strong in named:
        if strong:
            return state.full(candidate) if role_only(candidate) else candidate
    if state.language == "en":
        described = DESCRIBED_SUBJECT.search(text)
        if described:  # "In its 2001 report, the group called the system …": the group now
            return Speaker(described.group("who"))
    return None


def _opening_subject(text: str, state: State, strict: bool = False,
                     after_descriptor: bool = False) -> tuple[Speaker | None, bool]:
    """The name a sentence opens with, when it is the subject; ``decided`` is False when the
    sentence does not open with one. ``strict`` (a clause after a comma) takes a name only
    with a role or a verb after it, never a bare name from a list (``Warung Chain, Tahu
    Bulat, DreadOut``); ``after_descriptor``: what the person is comes before the name
    (``collector Maria Tawhiri champions``), so a full name takes a verb in ``-s``."""
    # the opening word is asked first: the clause up to its comma is looked for only after
    # one of the few words that open a clause (the pattern's greedy first word is the same)
    lead = _LEAD.match(text)
    opened = False
    if lead and lead.group().lower() in CLAUSE_OPENERS:
        opener = _OPENER.match(text)
        if opener:
            text, opened = text[opener.end():], True
    words = text[:600].split(None, 40)[:40]
    while words and words[0].lower().strip(",") in _STARTERS:
        words = words[1:]
    if not words or words[0].lower().strip(",") in PRONOUNS:
        # "While Dr. Smith says she opposes it, she does admit …": the pronoun is the one
        # the opening clause names (a person met before, there); else read on for it
        named = _OPENER_PERSON.search(opener.group("rest")) if opened and words else None
        if named and set(named.group().split()) <= state.tokens:
            return state.full(Speaker(named.group())), True
        return None, not opened
    if len(words) > 1 and words[1].lower().strip(",") in EN_RELATIONS and \
            (words[0].lower() in ("his", "her", "their") or words[0].endswith(POSSESSIVE)):
        owner = words[0].lower() if words[0].lower() in ("his", "her", "their") else words[0]
        return Speaker(f"{owner} {words[1].strip(',')}"), True  # "Her mother said …"
    if words[0].split("'")[0].split("’")[0] in _SENTENCE_PRONOUNS:
        return None, False  # "You may …, but Parikh recommended …": read on
    if not "A" <= words[0][0] <= "Z":
        return None, False  # no capital to open a name: the search below would find none
    head = " ".join(words[:24])
    match = ENTITY.match(head)
    if not match:
        return None, False
    if state.language == "en" and (then := _THEN_NAME.match(head, match.end())) and \
            all(is_role(t, True) for t in match.group().split()):
        # "UNLV legend Anderson Hunt was …": a body or a title, what the person is, their name
        head = head[then.end():]
        match = ENTITY.match(head)
    described = _APPOSITIVE_VERB.match(head, match.end())
    if _LIST.match(head[match.end():]) and not (described and (
            _acts(described.group(1)) or described.group(1) in _VERB_WORDS)):
        return None, True  # "Dean James, Emil Audero, dan Joey Pelupessy telah …": plural
    tokens = [bare_word(w) for w in match.group().split()]
    speech = False
    while len(tokens) > 1 and len(tokens[0]) >= 6 and not is_role(tokens[0]) and (
            tokens[0].lower() in state.vocab or derived_noun(tokens[0]) or
            _before_first_name(tokens, state)):
        speech = speech or tokens[0].lower() in SPEECH_WORDS
        tokens = tokens[1:]
    if len(tokens) == 1 and state.language != "en" and (tokens[0].lower() in state.vocab or
                                                        tokens[0].lower() in MEMBERS) and \
            tokens[0] not in state.tokens and not is_role(tokens[0]):
        return None, False  # "Warga bersama relawan membersihkan …": a common noun, no one
    speaker, how = phrase_speaker(" ".join(tokens) + head[match.end():], state)
    if (how != "name" or speaker is None or role_only(speaker) or
            (speaker.role or "").lower().split()[-1:] in (["dan"], ["and"], ["&"])) and \
            is_role(tokens[0]) and _ROLE_GOES_ON.match(head, match.end()):
        # "Kepala Seksi Haji dan Umrah (Kasi PHU) H Burhan Noor …": a role through "dan" (not
        # "Umrah", with the role cut at "dan")
        joined = next(entities(head, state.vocab, state.language == "en"), None)
        if joined is not None and not role_only(joined[0]) and \
                (joined[0].role or "").split()[:1] == tokens[:1]:
            speaker, how = joined[0], "name"
    if how != "name" or speaker is None or speaker.name.lower().endswith("nya"):
        return None, True  # "Pihaknya", "Keduanya": a reference back, not a name
    last = speaker.name.split()[-1]
    at = head.find(last, match.start())
    if at >= 0 and (aged := _AGE.match(head, at + len(last))):
        at = aged.end() - len(last)  # (the words after "Dian (37)")
    rest = WORD.findall(head[at + len(last):] if at >= 0 else "")[:4]
    follower = rest[0].lower() if rest else ""
    for word in rest[:2]:
        low = word.lower()
        if low in FOLLOWERS or low in _VERB_WORDS:
            break
        if low in BACK_WORDS:
            return None, True  # "Perwira menengah itu menuturkan": a description, not a name
    lower = bool(rest) and rest[0][:1].islower()  # "Nepal, Bermuda, …": no verb in capitals
    # an English verb makes a subject; after a comma, only of a person met before or a full
    # name ("Gonzalez has been …", not "Chaska, Minnesota, has been …")
    english = state.language == "en" and (not strict or len(speaker.name.split()) >= 2 or
                                          set(speaker.name.split()) <= state.tokens)
    agent = follower in FOLLOWERS or (lower and _acts(follower)) or reporting(" ".join(rest)) or (
        english and bool(_EN_FINITE.match(follower) or (  # "Silva thinks", a person met before
            _EN_VERB_S.match(follower) and (set(speaker.name.split()) <= state.tokens or (
                after_descriptor and len(speaker.name.split()) >= 2)))))  # "collector Maria
    # Tawhiri champions": a full name after what the person is
    if not agent and at >= 0:  # "Dwi, mahasiswa Magister SIL lainnya, mempertanyakan …"
        described = _APPOSITIVE_VERB.match(head, at + len(last))
        agent = bool(described and (_ACTIVE.match(described.group(1)) or
                                    described.group(1).lower() in _VERB_WORDS or (
                                        english and (
                                            _EN_FINITE.match(described.group(1)) or
                                            _EN_VERB_S.match(described.group(1))))))
    if not agent and not speech and all(is_role(t) for t in tokens) and \
            not head[match.end():].startswith(","):  # (not "Ketua Umum FSP, Sudarto klaim")
        return None, False  # "Pendidikan seksualitas di masa kini …": a thing, no one's title
    plain_name = len(speaker.name.split()) >= 2 and follower not in ("yang",) and not any(
        w.lower() in state.vocab for w in speaker.name.split())
    if strict:
        if not agent and at >= 0 and _LIST_ITEM.match(head, at + len(last)):
            return None, False  # "… di antaranya SPKT Polda, Gedung BPKB Ditlantas, dan …"
        accepted = (_titled(speaker) and not role_only(speaker) and
                    is_person(speaker, state.language == "en")) or agent  # (no place)
    else:
        accepted = speech or _titled(speaker) or agent or plain_name or (
            speaker.name in state.tokens and follower not in ("yang",))
    if accepted:
        return (state.full(speaker) if role_only(speaker) else speaker), True
    return None, False
