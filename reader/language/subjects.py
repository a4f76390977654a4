"""Whom a narrative sentence is about.

``sentence_subject`` finds the one the sentence is about, of the people and bodies
:func:`.entities.entities` lists: ``Menurut X``, a name opening it, a name before a reporting
verb, the agent of a passive (``disampaikan Menteri Hukum``). A list of people (``A, B, dan
C``) is plural and leaves a singular ``-nya`` to whoever came before.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from reader.language.entities import (
    AGE,
    EN_AGENT,
    ENTITY,
    VERB_WORDS,
    entities,
    reporting,
)
from reader.language.lexicon import (
    BACK_WORDS,
    CLAUSE_OPENERS,
    EN_RELATIONS,
    FOLLOWERS,
    MEMBERS,
    NAMING_WORDS,
    POSSESSIVE,
    PRONOUNS,
    SENTENCE_STARTERS,
    SOFT_STARTERS,
    SPEECH_WORDS,
    WORD,
)
from reader.language.names import (
    Speaker,
    bare_word,
    is_person,
    is_role,
    only_qualifiers,
    personal_titles_only,
    role_only,
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

if TYPE_CHECKING:
    from reader.language.narrative import State

_OPENER = re.compile(r"(?P<lead>[A-Z][\w-]*)(?P<rest>[^,]{0,100}),\s*")
_LEAD = re.compile(r"[A-Z][\w-]*")  # the opener's first word
_OPENER_PERSON = re.compile(r"(?<=\s)[A-Z][\w'’-]+(?:\s+[A-Z][\w'’-]+){0,2}(?=\s+[a-z])")
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
    return speaker.role is not None and speaker.role != "" and not only_qualifiers(speaker.role)


def _acts(word: str) -> bool:
    """An active verb (``me-``, ``ber-``), not a pronoun that looks like one (``mereka``) or a
    word that names (``berjudul``, ``bernama``: "Selebaran berjudul …" is a thing)."""
    return bool(_ACTIVE.match(word)) and word not in PRONOUNS and word not in NAMING_WORDS


def speaks(sentence: str) -> bool:
    """The sentence reports speech (``Her mother said …``, ``Menurut Budi``): a reporting verb
    anywhere in it."""
    return any(w.lower() in VERB_WORDS or w in ("Menurut", "According")
               for w in WORD.findall(sentence))


_STARTERS = SENTENCE_STARTERS | SOFT_STARTERS
_SENTENCE_PRONOUNS = {"You", "We", "I", "It", "There", "This", "That", "These", "Those", "He",
                      "She", "They", "Her", "His", "Their", "Its", "Our", "My", "Your"}
# What follows an item of a list rather than a subject: another item or the list's last.
_LIST_ITEM = re.compile(r"\s*(?:,\s*)?(?:dan|serta|atau|and|or)\b|\s*,\s*[A-Z]")
_ROLE_GOES_ON = re.compile(r"\s+(?:dan|and|&)\s+[A-Z]")
_LIST = re.compile(r"^(?:\s*,\s*[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*)+,?\s+(?:dan|and|serta)\s+"
                   r"[A-Z]")




def sentence_subject(sentence: str, state: State,
                     named: list[tuple[Speaker, bool]] | None = None) -> Speaker | None:
    """Whom a narrative sentence is about: ``Menurut X, …``, a name opening it, a name
    followed by a reporting verb, or the agent of a passive report. Pronouns and lists of
    people keep the current focus (None). ``named`` is the sentence's :func:`entities` when
    the caller has them already."""
    text = sentence.strip(" \t\"“”‘’'(")
    if not text:
        return None
    clause = text.rsplit("; ", 1)[-1] if "; " in text else ""
    if clause[:1].isupper():  # "… among the fans; Jackie Goldschneider, who …, slammed …"
        found = sentence_subject(clause, state)
        if found is not None:
            return found
    if THINKS.match(text):
        return None  # "Menurut dia, Pertamina merupakan …": what he thinks; he stays the focus
    reports = _PRONOUN_REPORTS.match(text)
    if reports and reports.group(1).lower() in VERB_WORDS:
        return None  # "Dia mengungkapkan, Bripka Sutrisno tidak …": his words about another
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
        if reporting(text, at) or (state.language == "en" and bool(EN_AGENT.match(text, at))):
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
    opener = None
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
        named = _OPENER_PERSON.search(opener.group("rest")) \
            if opener is not None and opened and words else None
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
        if not match:
            return None, False
    described = _APPOSITIVE_VERB.match(head, match.end())
    if _LIST.match(head[match.end():]) and not (described and (
            _acts(described.group(1)) or described.group(1) in VERB_WORDS)):
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
    if at >= 0 and (aged := AGE.match(head, at + len(last))):
        at = aged.end() - len(last)  # (the words after "Dian (37)")
    rest = WORD.findall(head[at + len(last):] if at >= 0 else "")[:4]
    follower = rest[0].lower() if rest else ""
    for word in rest[:2]:
        low = word.lower()
        if low in FOLLOWERS or low in VERB_WORDS:
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
                                    described.group(1).lower() in VERB_WORDS or (
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
    if accepted and at >= 0 and (speaker.role is None or personal_titles_only(speaker.role)):
        # "Prof Wulan Sari Dewanti PhD, dosen Ekologi Laut IPB, turut …": what she is
        apposed = _APPOSED_ROLE.match(head, at + len(last))
        if apposed and is_role(apposed.group(1).split()[0], state.language == "en"):
            speaker = Speaker(speaker.name, apposed.group(1))
    if accepted:
        return (state.full(speaker) if role_only(speaker) else speaker), True
    return None, False


# A pronoun and its reporting verb opening a sentence: "Dia mengungkapkan, …", "She added …".
_PRONOUN_REPORTS = re.compile(r"(?:Dia|Ia|Beliau|He|She)\s+(?:(?:juga|pun|lalu|kemudian|also|"
                              r"then)\s+)?([a-z]+)")
# An office in lower case set off by commas after a name: ", dosen Ekologi Laut IPB,".
_APPOSED_ROLE = re.compile(r"\s*(?:(?:PhD|MSc|MBA|MPH|MSi|MKes)\.?\s*)?,\s*"
                           r"([a-z][^,()]{2,80}?)\s*,")
