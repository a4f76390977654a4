"""What the text is about: who the narrative names, whom it follows, and who spoke last.

``-nya``, pronouns (``dia``, ``ia``, ``beliau``, ``he``) and descriptions (``kata pria itu``)
point back to the person the text is about: the subject of the latest sentence or the latest
speaker, and only ever a person, never a body, a place or the title of a work. A bare title
(``kata Kapolrestabes``, ``the minister said``) names the person introduced with it. Link and
promotion lines (``Baca juga: …``, ``ADVERTISEMENT``) are not read at all.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reader.language import gender
from reader.language.aliases import (
    aliases,
    body_acronyms,
    initials,
    longer_name,
    nicknames,
)
from reader.language.entities import entities
from reader.language.lexicon import (
    BODY_HEADS,
    LOWER_BODIES,
    POSSESSIVE,
    ROLE_LINKS,
    SENTENCE_STARTERS,
    UNNAMED,
)
from reader.language.names import (
    Speaker,
    is_person,
    owned_thing,
    personal_titles_only,
    related,
    role_flags,
    role_only,
    split_role,
)
from reader.language.sentences import boilerplate, heading, sentences
from reader.language.subjects import sentence_subject, speaks
from reader.language.words import whole_word
from reader.records import Quote

_GENERIC_ROLE = ROLE_LINKS | {"wakil", "deputy", "vice", "the", "itu", "ini", "tersebut"}
# Titles written short before a name, as "the governor said" later names them.
_TITLE_SHORT = {"gov": "governor", "sen": "senator", "rep": "representative", "gen": "general",
                "lt": "lieutenant", "sgt": "sergeant", "supt": "superintendent", "atty": "attorney",
                "sec": "secretary", "pres": "president", "prof": "professor", "dr": "doctor",
                "insp": "inspector", "det": "detective", "capt": "captain", "cmdr": "commander"}


@dataclass
class State:
    """What earlier text said: whom it is about, who spoke, which names and roles were met."""

    vocab: frozenset[str] = frozenset()
    language: str = "id"
    people: list[Speaker] = field(default_factory=list)
    tokens: set[str] = field(default_factory=set)
    focus: Speaker | None = None
    person: Speaker | None = None  # the latest person the text was about
    focus_from_quote: bool = False
    last_speaker: Speaker | None = None
    other_speaker: Speaker | None = None
    last_question: bool = False
    carrying: bool = False
    pending: list[tuple[Quote, str | None]] = field(default_factory=list)
    initials: dict[str, Speaker] = field(default_factory=dict)  # "RR" for "Rizal Ramli (RR)"
    aliases: dict[str, Speaker] = field(default_factory=dict)  # "Jokowi": Joko Widodo
    nicknames: dict[str, Speaker] = field(default_factory=dict)  # "JQ": Moch Aminullah
    # full names met with no role or verb, mid-sentence, before any part of them was a name
    full_names: list[str] = field(default_factory=list)
    companies: frozenset[str] = frozenset()  # "Pertamina" for "PT Pertamina (Persero)"
    parties: frozenset[str] = frozenset()  # "Gerindra" for "Partai Gerindra"
    genders: dict[str, str] = field(default_factory=dict)  # what the article says (English)
    recent: list[str] = field(default_factory=list)  # people's names, the latest met last
    # letters standing for a person the text names no further: "warga berinisial R"
    pseudonyms: set[str] = field(default_factory=set)
    bodies: set[str] = field(default_factory=set)  # "Disdik" for "Dinas Pendidikan (Disdik)"
    about: str = ""  # the narrative sentence that gave the focus, when one did

    def learn(self, speaker: Speaker | None) -> None:
        speaker = self.named(speaker)
        if speaker is None or not is_person(speaker, self.language == "en"):
            return
        if self.language == "en":
            self._met(speaker)
        for known in self.people:
            if known.name == speaker.name:
                if speaker.role and (not known.role or (  # ("Prof", then "dosen …")
                        personal_titles_only(known.role) and
                        not personal_titles_only(speaker.role))):
                    known.role = speaker.role
                return
        self.people.append(speaker)
        self.tokens.update(speaker.name.split())
        if len(self.people) > 400:
            del self.people[:100]

    def named(self, speaker: Speaker | None) -> Speaker | None:
        """``Direktur Utama Pertamina Simon Aloysius`` as Simon Aloysius, the company in his
        role, when the article names that company elsewhere (``PT Pertamina``)."""
        if speaker is None or not (self.companies or self.parties):
            return speaker
        first, _, rest = speaker.name.partition(" ")
        if (first in self.companies and len(rest.split()) >= 2) or (first in self.parties and rest):
            # "Sekjen Gerindra Sugiono" when the article writes "Partai Gerindra"
            return Speaker(rest, " ".join(filter(None, (speaker.role, first))))
        return speaker

    def full(self, speaker: Speaker | None) -> Speaker | None:
        """A short or role-only mention as the person it stands for (``Erick`` -> Erick Thohir)."""
        if speaker is None:
            return None
        if speaker.role is None and speaker.name in self.nicknames:
            return self.nicknames[speaker.name]  # "ujar JQ": Moch Aminullah, who goes by JQ
        if role_only(speaker) and (self.language != "en" or all(role_flags(
                speaker.name.split(), True))):  # ("Ham" is an Indonesian acronym, HAM)
            return self.by_role(speaker.name) or speaker
        if speaker.role is None or personal_titles_only(speaker.role):
            if (aliased := self._aliased(speaker.name)) is not None:
                return aliased
            words = set(speaker.name.split())
            for known in reversed(self.people):
                if known.name != speaker.name and words <= set(known.name.split()) and \
                        not known.name.endswith(POSSESSIVE):  # "Disney" is not "Disney World's"
                    return self._aliased(known.name) or known
            longer = longer_name(words, self.full_names, self.vocab)
            if longer is not None:  # "dimiliki Dian Sastrowardoyo", then "kata Dian"
                return Speaker(longer)
            for known in reversed(self.people):
                if known.name == speaker.name and known.role:
                    return known  # "Sugiono" after "Sekjen Gerindra Sugiono": with his role
        return speaker

    def _aliased(self, name: str) -> Speaker | None:
        """``Jokowi`` as the text names him, with the role of the person it stands for."""
        person = self.aliases.get(name)
        return Speaker(name, person.role) if person is not None and person.role else None

    def by_role(self, role: str) -> Speaker | None:
        """``Kapolrestabes``, ``Menteri Hukum itu``, ``the minister``: the person introduced
        with that role (the one sharing most of its words; the latest on a tie)."""
        if role in self.initials:
            return self.initials[role]
        words = [w.lower() for w in role.split() if w.lower() not in _GENERIC_ROLE]
        if not words:
            return None
        head = words[0]
        if head in BODY_HEADS or head in LOWER_BODIES:
            return None
        best, best_score = None, 0
        for known in reversed(self.people):
            if not known.role:
                continue
            theirs = {w.lower().strip("().") for w in known.role.split()}  # "(JPU)" is JPU
            theirs |= {_TITLE_SHORT[w] for w in theirs if w in _TITLE_SHORT}  # "Gov." governs
            if head not in theirs:
                continue
            score = sum(w in theirs for w in words)
            if score > best_score:
                best, best_score = known, score
        return best

    def set_focus(self, speaker: Speaker | None, from_quote: bool = False) -> None:
        if speaker is None or owned_thing(speaker):  # "Tesco’s Finest is next": no one
            return
        speaker = self.named(speaker) or speaker
        self.learn(speaker)
        focus = self.full(speaker) or speaker
        self.focus = focus
        self.focus_from_quote = from_quote
        self.about = ""
        if focus.name not in self.bodies and (
                is_person(focus, self.language == "en") or related(focus) or
                _UNNAMED_PERSON.match(focus.name) or focus.name in self.pseudonyms):
            self.person = focus

    def spoke(self, speaker: Speaker, question: bool) -> None:
        if self.last_speaker is not None and self.last_speaker.name != speaker.name:
            self.other_speaker = self.last_speaker
        self.last_speaker = speaker
        self.last_question = question
        self.set_focus(speaker, from_quote=True)

    headline: Speaker | None = None  # the first person the headline names

    def referent(self, pronoun: str | None = None) -> Speaker | None:
        """Whom ``-nya`` or a pronoun points back to: the latest person the text was about,
        or the latest speaker (a body that spoke); before anyone is named in the body, the
        person the headline names. An English ``he``/``she`` never means someone the article
        says is of the other gender: then the latest person it can mean, or no one."""
        found = self.person or self.last_speaker or self.headline
        wanted = gender.of_pronoun(pronoun) if self.language == "en" else None
        if wanted is None or found is None or self._gender(found) in (None, wanted):
            return found
        for name in reversed(self.recent):
            if name != found.name and self.genders.get(name) in (None, wanted):
                return next((p for p in self.people if p.name == name), Speaker(name))
        return None

    def speaker_of(self, body: str, pronoun: str | None = None) -> Speaker | None:
        """Whom ``-nya`` or a pronoun after the quote ``body`` means. A quote that speaks of the
        person the narrative followed (and did not quote) in the third person, opening with
        ``Dia``/``He`` or naming them (``"AR ini dia driver"``), is the latest speaker's."""
        found = self.referent(pronoun)
        last = self._other_speaker(found)
        if last is None or found is None or (pronoun and self.language == "en" and
                            self._gender(last) not in (None, gender.of_pronoun(pronoun))):
            return found
        opens = _THIRD_PERSON.match(body) if self.about and not speaks(self.about) else None
        third = opens.group(1).lower() if opens else ""  # (not: "Her mother said she was …")
        if self.language == "en" and third:  # ("She's innovative," he said: someone else)
            said = gender.of_pronoun(third)
            if third not in _EN_THIRD or (pronoun and gender.of_pronoun(pronoun) != said) or \
                    self._gender(found) not in (None, said):
                third = ""
        if third in _ID_THIRD or third in _EN_THIRD or _names(body, found):
            return last
        return found

    def _other_speaker(self, found: Speaker | None) -> Speaker | None:
        """The latest speaker, when the text has since followed someone else (``found``) in
        narrative rather than in a quote; None otherwise."""
        last = self.last_speaker
        if found is None or last is None or self.focus_from_quote or last.name == found.name:
            return None
        return last

    def source(self) -> Speaker | None:
        """The unnamed person the text follows (``an insider``, ``a source``), whom a singular
        ``they`` may mean; None when the text follows a named person or no one."""
        person = self.person
        return person if person is not None and _UNNAMED_PERSON.match(person.name) and \
            len(person.name.split()) == 2 else None

    def learn_gender(self, speaker: Speaker | None, text: str, end: int) -> None:
        """Remember the gender of the pronouns right after ``speaker``'s name in ``text``
        (``Rodgers said her committee …``), unless the article said it already."""
        if speaker is not None and self.language == "en" and speaker.name not in self.genders:
            found = gender.after_name(text, end)
            if found is not None:
                self.genders[speaker.name] = found

    def _met(self, speaker: Speaker) -> None:
        if speaker.name in self.recent:
            self.recent.remove(speaker.name)
        self.recent.append(speaker.name)
        del self.recent[:-50]
        said = gender.of_role(speaker.role) or gender.of_role(
            " ".join(w for w in speaker.name.split() if w.islower()))  # "Smith's wife"
        if said is not None:
            self.genders[speaker.name] = said

    def _gender(self, speaker: Speaker) -> str | None:
        return self.genders.get(speaker.name) or gender.of_role(speaker.role)

    def read_headline(self, title: str) -> None:
        """Remember the first person a headline names (``Brandon Salim Makin Dekat …``): its
        capitalised words that the article also writes in lower case are ordinary words."""
        run: list[str] = []
        for token in re.findall(r"[\w'’.@-]+|\S", title[:300]) + ["."]:
            word = token.strip(".:")
            if word[:1].isupper() and "." not in word and word.lower() not in self.vocab \
                    and not (len(word) >= 7 and word.endswith("kan")) \
                    and word.lower() not in SENTENCE_STARTERS and word == token.rstrip(":"):
                run.append(word)
                continue
            speaker = split_role(run, self.vocab) if len(run) >= 2 else None
            if speaker is not None and is_person(speaker, self.language == "en") and \
                    len(speaker.name.split()) >= 2:
                self.headline = speaker
                return
            run = []

    def lead_in(self, body: str = "") -> Speaker | None:
        """Who a quote with no reporting words of its own belongs to: whom the text is about
        (a body too: ``ISIS mengatakan …, "…"``), or the latest speaker; the latest speaker
        too when the quote names whom the text is about (``"William is an incredible artist"``
        after a line about William is the interviewee's)."""
        found = self.focus or self.last_speaker
        last = self._other_speaker(found)
        if last is not None and found is not None and _names(body[:80], found) and \
                not _names(body, last):
            return last  # (its opening words: a span may run on past its end)
        return found

    def read(self, text: str, ends: bool = False) -> None:
        """Narrative between quotes: sentence subjects move the focus; roles are remembered.
        ``ends``: the text ends its paragraph, where a name alone is a signature (``… hazard
        pay. Arwa Mahdawi``), whom the text is not about."""
        if not text.strip():
            return
        for line in text.split("\n"):
            if not line.strip() or boilerplate(line):
                continue
            dateline = _DATELINE.match(line)
            if dateline:  # "Kapanlagi.com - Brandon …": the outlet is not the subject
                line = line[dateline.end():]
            if "(" in line:
                self._read_initials(line)
            if "nisial" in line:
                self.pseudonyms.update(_PSEUDONYM.findall(line))
            self.read_nicknames(line)
            for alias, person in aliases(line, self.vocab):
                self.learn(person)  # (its role may come with a sentence read later)
                self.aliases[alias] = next(
                    (k for k in reversed(self.people) if k.name == person.name), person)
            linked = False  # "… Baca juga: <a headline>" inside a paragraph: neither is read
            found = sentences(line)
            for sentence in found:
                if linked or boilerplate(sentence):
                    linked = not linked and sentence.endswith(":")
                    continue
                self._sentence(sentence, ends and sentence is found[-1] and heading(sentence))

    def read_nicknames(self, text: str) -> None:
        """Names people go by (``Moch Aminullah atau kerap disapa JQ``; ``Pria yang akrab
        disapa Dani ini``: whom the text follows), also in an attribution, which is not read
        as narrative."""
        if "disapa" in text or "sapaan" in text:
            for nickname, person in nicknames(text, self.vocab):
                known = self.full(person) if person is not None else self.person
                if known is not None:
                    self.nicknames[nickname] = known

    def _met_full_name(self, name: str) -> None:
        """A full name met with no role or verb, before any part of it was a name: a short
        name later may stand for it (see :func:`.aliases.longer_name`)."""
        if not self.tokens & set(name.split()):
            self.full_names = [*self.full_names[-49:], name]

    def _read_initials(self, line: str) -> None:
        """Short names in brackets: a body's (``Dinas Pendidikan (Disdik)``: ``Disdik`` is no
        one), a person's initials (``Rizal Ramli (RR)``: ``RR`` later is that person)."""
        self.bodies.update(body_acronyms(line))
        for letters, person in initials(line, self.vocab):
            self.learn(person)
            self.initials[letters] = self.full(person) or person

    def _sentence(self, sentence: str, signed: bool = False) -> None:
        named = list(entities(sentence, self.vocab, self.language == "en"))
        for candidate, strong in named:
            if strong or candidate.role:
                self.learn(candidate)
            elif len(candidate.name.split()) >= 2 and \
                    is_person(candidate, self.language == "en"):
                if self.language == "en":  # "… the panel's leading Democrat, Frank Pallone":
                    self._met(candidate)  # whom a "he" may mean if the text follows a woman
                if not sentence.lstrip(" \"“‘(").startswith(candidate.name):
                    self._met_full_name(candidate.name)
        if self.language == "en" and "s " in sentence:
            for owner in _POSSESSOR.findall(sentence):  # "Juliette Lewis’s early years …"
                if is_person(Speaker(owner), True):
                    self._met_full_name(owner)
        subject = None if signed else sentence_subject(sentence, self, named)
        if subject is not None:
            self.set_focus(subject)
            self.about = sentence
            if self.language == "en":  # "Rodgers said her committee …": a woman
                last = subject.name.split()[-1]
                at = sentence.find(last)
                if at >= 0:
                    self.learn_gender(self.full(subject), sentence, at + len(last))
        elif _SUBJECTLESS.match(sentence):
            # "Demikian pula halnya dengan Gates.": no subject, but a person met before
            known = [w for w in re.findall(r"[A-Z][\w'’-]+", sentence) if w in self.tokens]
            if known:
                self.set_focus(self.full(Speaker(known[-1])))


# A full name as an owner: "Juliette Lewis’s early years" (then "Lewis says" is her).
_POSSESSOR = re.compile(r"(?<![\w'’-])([A-Z][a-z]+(?:\s+[A-Z][a-z]+){1,2})['’]s?\s")
# A dateline left at a paragraph's start: "JAKARTA, KOMPAS.com -", "Kapanlagi.com -",
# "Jakarta (ANTARA) -", "WASHINGTON (AP) —", "REPUBLIKA.CO.ID, JAKARTA --".
_DATELINE = re.compile(
    r"^\s*(?:[A-Z][\w.]*(?:[ ,]+[A-Z][\w.]*){0,4}\s*\([A-Za-z .]{2,20}\)|"
    r"(?:[A-Z][A-Za-z]*(?:\s+[A-Z][A-Za-z]*){0,2},\s*)?[\w-]+(?:\.[A-Za-z]{2,4}){1,2}"
    r"(?:\s*,\s*[A-Z][A-Za-z]*(?:\s+[A-Z][A-Za-z]*){0,2})?)\s*(?:--|[-–—])\s+"
)
# Letters a person is given instead of a name: "warga berinisial R".
_PSEUDONYM = re.compile(r"\b(?:[Bb]er)?[Ii]nisial\s+([A-Z]{1,4})\b")
_SUBJECTLESS = re.compile(r"^\W*(?:demikian|begitu|hal\s+serupa|senada|sama\s+halnya|"
                          r"likewise|so\s+did|the\s+same)\b", re.IGNORECASE)


# A quote opening with a third person: "Dia juga sudah …", "He has …".
_THIRD_PERSON = re.compile(r"\W*(\w+)\b")
_ID_THIRD = {"dia", "ia", "beliau"}
_EN_THIRD = {"he", "she"}


def _names(body: str, speaker: Speaker) -> bool:
    """The quote names ``speaker`` (a capitalised word of the name, as a whole word)."""
    return any(whole_word(body, word)
               for word in speaker.name.split() if word[:1].isupper() and len(word) >= 2)


# Someone the text does not name: "seorang petugas", "salah satu warga", "a witness".
_UNNAMED_PERSON = re.compile(rf"{UNNAMED}\s+[a-z]")
