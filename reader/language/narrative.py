"""What the text is about: who the narrative names, whom it follows, and who spoke last.

``-nya``, pronouns (``dia``, ``ia``, ``beliau``) and descriptions (``kata pria itu``) point back to
the person the text is about: the subject of the latest sentence or the latest speaker. A bare
title (``kata Kapolrestabes``) names the person introduced with it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reader.language.lexicon import (
    BACK_WORDS,
    BEFORE_VERBS,
    BODY_HEADS,
    CLAUSE_OPENERS,
    FOLLOWERS,
    LOWER_BODIES,
    PREPOSITIONS,
    PRONOUNS,
    SENTENCE_STARTERS,
    SOFT_STARTERS,
    SPEECH_WORDS,
    WORD,
)
from reader.language.names import (
    Speaker,
    is_role,
    phrase_speaker,
    role_only,
    split_role,
)
from reader.records import Quote

_MENURUT_ANY = re.compile(r"(?:^|\b)(?:[Mm]enurut|[Aa]ccording to)\s+(?P<name>[^,.]{2,80})")
_OPENER = re.compile(r"(?P<lead>[A-Z][\w-]*)(?P<rest>[^,]{0,100}),\s*")
# A named entity: a run of capitalised words (roles, ranks and names), possibly with links.
_ENTITY = re.compile(
    r"(?<![\w'’-])(?:[A-Z][\w'’.-]*|[A-Z]{2,})(?:\s+(?:(?:bin|binti|van|von|de|al|el)\s+)?"
    r"(?:[A-Z][\w'’.-]*|[A-Z]{2,}|\([A-Za-z][\w./-]{0,15}\)))*"
)
_SENTENCES = re.compile(r"(?<=[.!?:])[\s\"”’]+(?=[\"“‘'(]?[A-Z])|\n+")
_ACTIVE = re.compile(r"^(?:me|ber)[a-z]{3,}$")
REPORTING = re.compile(rf"\s*(?:,[^,]{{0,80}},\s*)?(?:juga\s+|pun\s+|sempat\s+|lalu\s+|"
                        rf"kemudian\s+|telah\s+)?(?:{BEFORE_VERBS})\b", re.IGNORECASE)


@dataclass
class State:
    """What earlier text said: whom it is about, who spoke, which names and roles were met."""

    vocab: frozenset[str] = frozenset()
    people: list[Speaker] = field(default_factory=list)
    tokens: set[str] = field(default_factory=set)
    focus: Speaker | None = None
    focus_from_quote: bool = False
    last_speaker: Speaker | None = None
    other_speaker: Speaker | None = None
    last_question: bool = False
    carrying: bool = False
    pending: list[tuple[Quote, str | None]] = field(default_factory=list)

    def learn(self, speaker: Speaker | None) -> None:
        if speaker is None or role_only(speaker):
            return
        for known in self.people:
            if known.name == speaker.name:
                if speaker.role and not known.role:
                    known.role = speaker.role
                return
        self.people.append(speaker)
        self.tokens.update(speaker.name.split())
        if len(self.people) > 400:
            del self.people[:100]

    def full(self, speaker: Speaker | None) -> Speaker | None:
        """A short or role-only mention as the person it stands for (``Erick`` -> Erick Thohir)."""
        if speaker is None:
            return None
        if role_only(speaker):
            return self.by_role(speaker.name) or speaker
        if speaker.role is None:
            words = set(speaker.name.split())
            for known in reversed(self.people):
                if known.name != speaker.name and words <= set(known.name.split()):
                    return known
        return speaker

    def by_role(self, role: str) -> Speaker | None:
        """``Kapolrestabes``, ``Menteri Kominfo``, ``jaksa``: the person introduced with it."""
        words = role.split()
        if not words:
            return None
        head = words[0].lower()
        if head in BODY_HEADS or head in LOWER_BODIES:
            return None
        for known in reversed(self.people):
            if known.role and head in known.role.lower().split():
                return known
        return None

    def set_focus(self, speaker: Speaker | None, from_quote: bool = False) -> None:
        if speaker is None:
            return
        self.learn(speaker)
        self.focus = self.full(speaker)
        self.focus_from_quote = from_quote

    def spoke(self, speaker: Speaker, question: bool) -> None:
        if self.last_speaker is not None and self.last_speaker.name != speaker.name:
            self.other_speaker = self.last_speaker
        self.last_speaker = speaker
        self.last_question = question
        self.set_focus(speaker, from_quote=True)

    def referent(self) -> Speaker | None:
        """Whom ``-nya`` or a pronoun points back to."""
        return self.focus or self.last_speaker

    def read(self, text: str) -> None:
        """Narrative between quotes: sentence subjects move the focus; roles are remembered."""
        if not text.strip():
            return
        for sentence in _SENTENCES.split(text):
            if not sentence.strip():
                continue
            for candidate, strong in entities(sentence, self.vocab):
                if strong or candidate.role:
                    self.learn(candidate)
            subject = sentence_subject(sentence, self)
            if subject is not None:
                self.set_focus(subject)



def vocabulary(texts: list[str]) -> frozenset[str]:
    """Words the article writes in lower case: a capitalised one of them starts a sentence."""
    words: set[str] = set()
    for text in texts:
        words.update(re.findall(r"(?<![\w'’.-])[a-z][a-z-]{2,}\b", text))
    return frozenset(words)



def entities(text: str, vocab: frozenset[str] = frozenset()):
    """``(speaker, strong)`` for each person or body named in ``text``, in order.

    A capitalised run after a preposition is a place or an object (``ke Suriah``), not a
    speaker. A run is strong when a reporting verb follows it. Role runs joined by ``dan``
    (``Menteri Komunikasi dan Informatika Rudiantara``) are one.
    """
    matches = list(_ENTITY.finditer(text))
    lead = len(text) - len(text.lstrip(" \"“‘'("))
    index = 0
    while index < len(matches):
        match = matches[index]
        words = match.group().split()
        end = match.end()
        while index + 1 < len(matches) and is_role(words[0]) and is_role(words[-1]) and \
                text[end:matches[index + 1].start()] == " dan ":
            index += 1
            words += ["dan"] + matches[index].group().split()
            end = matches[index].end()
        index += 1
        starts_sentence = match.start() <= lead
        while words and (words[0].lower().strip(".,") in SENTENCE_STARTERS or (
                starts_sentence and len(words) > 1 and words[0].lower() in vocab
                and len(words[0]) >= 6 and not is_role(words[0]))):
            words = words[1:]
        if not words or (len(words) == 1 and is_role(words[0]) and not words[0].isupper()):
            continue
        previous = text[max(0, match.start() - 40): match.start()].split()[-1:]
        if previous and previous[0].lower().strip(",") in PREPOSITIONS and \
                words[0] == match.group().split()[0]:
            continue
        candidate = split_role([w.rstrip(".,") for w in words], vocab)
        if candidate is None:
            continue
        strong = bool(REPORTING.match(text, end))
        yield candidate, strong


def sentence_subject(sentence: str, state: State) -> Speaker | None:
    """Whom a narrative sentence is about: ``Menurut X, …``, a name opening it, or a name
    followed by a reporting verb. Pronouns keep the current focus (None)."""
    text = sentence.strip(" \t\"“”‘’'(")
    if not text:
        return None
    menurut = _MENURUT_ANY.search(text)
    if menurut:
        speaker, how = phrase_speaker(menurut.group("name"), state)
        if how == "name" and speaker is not None:
            return speaker
    opener = _OPENER.match(text)
    if opener and opener.group("lead").lower() in CLAUSE_OPENERS:
        text = text[opener.end():]
    words = text.split()
    while words and words[0].lower().strip(",") in SENTENCE_STARTERS | SOFT_STARTERS:
        words = words[1:]
    if not words or words[0].lower().strip(",") in PRONOUNS:
        return None
    head = " ".join(words[:14])
    match = _ENTITY.match(head)
    if match:
        tokens = [w.rstrip(".,") for w in match.group().split()]
        speech = False
        while len(tokens) > 1 and tokens[0].lower() in state.vocab and len(tokens[0]) >= 6 \
                and not is_role(tokens[0]):
            speech = speech or tokens[0].lower() in SPEECH_WORDS
            tokens = tokens[1:]
        speaker, how = phrase_speaker(" ".join(tokens) + head[match.end():], state)
        if how != "name" or speaker is None or speaker.name.lower().endswith("nya"):
            return None  # "Pihaknya", "Keduanya": a reference back, not a name
        last = speaker.name.split()[-1]
        at = head.find(last, match.start())
        rest = WORD.findall(head[at + len(last):] if at >= 0 else "")[:4]
        follower = rest[0].lower() if rest else ""
        for word in rest[:2]:
            low = word.lower()
            if low in FOLLOWERS or REPORTING.match(low):
                break
            if low in BACK_WORDS:
                return None  # "Perwira menengah itu menuturkan": a description, not a name
        agent = follower in FOLLOWERS or bool(_ACTIVE.match(follower)) or \
            bool(REPORTING.match(" " + " ".join(rest)))
        plain_name = len(speaker.name.split()) >= 2 and follower not in ("yang",) and not any(
            w.lower() in state.vocab for w in speaker.name.split())
        if speech or speaker.role or agent or plain_name or (
                speaker.name in state.tokens and follower not in ("yang",)):
            return state.full(speaker) if role_only(speaker) else speaker
    for candidate, strong in entities(text, state.vocab):
        if strong:
            return state.full(candidate) if role_only(candidate) else candidate
    return None


def last_entity(text: str, vocab: frozenset[str] = frozenset()) -> Speaker | None:
    """The last person or body named in ``text``."""
    found = None
    for candidate, _strong in entities(text, vocab):
        found = candidate
    return found

