"""English reporting: ``"…," said Dr. Jane Roe``, ``"…," Roe stated``, ``"…," the minister
said``, ``"…," UGI spokesperson Joseph Swope said Saturday``, ``"…," one witness said``.

An article's language comes from its record; when unknown, :func:`looks_english` decides from
the text (English function words outnumber Indonesian ones).
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from reader.language.lexicon import (
    EN_BACK,
    EN_PRONOUNS,
    EN_RELATIONS,
    EN_ROLE_NOUNS,
    EN_VERBS,
    POSSESSIVE,
    WORD,
)
from reader.language.name_runs import phrase_words
from reader.language.names import Speaker, bare_word, is_person, is_role, role_only, split_role
from reader.language.sentences import boilerplate, first_end

if TYPE_CHECKING:
    from reader.language.narrative import State

_VERB = re.compile(rf"(?<![\w'’-])(?:{EN_VERBS})(?![\w'’-])")
_LOWER_WORD = re.compile(r"[a-z]+")
_EN_WORDS = {"the", "and", "of", "to", "is", "was", "that", "for", "with", "said", "he", "she",
             "it", "are", "were", "has", "have", "this", "on", "by"}
_ID_WORDS = {"yang", "dan", "di", "itu", "dengan", "untuk", "dari", "ini", "tidak", "dalam",
             "akan", "pada", "juga", "ke", "karena", "kata", "ada", "bahwa", "oleh", "sudah"}
_TIME = {"monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
         "today", "yesterday", "tonight", "earlier", "later", "recently", "previously", "also",
         "then", "again", "once", "last", "this", "on", "in", "at"}


def looks_english(texts: list[str]) -> bool:
    """True when English function words outnumber Indonesian ones in the first paragraphs."""
    english = indonesian = 0
    budget = 1500
    for text in texts:
        for line in text[:budget].split("\n"):
            if boilerplate(line):  # "SCROLL TO CONTINUE WITH CONTENT" is not the article
                continue
            for word in _LOWER_WORD.findall(line.lower()):
                english += word in _EN_WORDS
                indonesian += word in _ID_WORDS
        budget -= len(text)
        if budget <= 0:
            break
    return english > indonesian


def english_after(clause: str, state: State) -> tuple[Speaker | None, str] | None:
    """``(speaker, how)`` from the words after a closing mark in English, or None.

    The verb comes first (``said X``, the name after it up to a comma: ``said Dr. Jane Roe, a
    professor …``) or after the subject (``X said``, ``the minister said``, ``he said``).
    """
    text = clause.lstrip(" ,—–-\n")
    verb = _VERB.search(text, 0, 160)
    while verb is not None and (text[:verb.start()].split() or [""])[-1].lower() in _DETERMINERS:
        # "the alleged victim said", "are upset by our alleged neglect": an adjective
        verb = _VERB.search(text, verb.end(), 160)
    if verb is None:
        return None
    subject = text[:verb.start()].strip(" ,")
    if subject and text[:verb.start()].rstrip().endswith(",") and subject[:1].islower():
        # "… by dismissing other views, says Mia Long": a phrase, then the verb and the name
        named = _named(text[verb.end():], state, subject=False)
        if named is not None and named[0] is not None and named[0].name[:1].isupper():
            return named
    if not subject:
        titled = _TITLE_COMMA_NAME.match(text, verb.end())
        if titled and is_role(titled.group("title").split()[-1], True):
            # "said Minnesota Department of Human Services Assistant Commissioner, Natasha Merz"
            name = titled.group("name")
            name = name[:-1] if name.endswith(".") and len(name.split()[-1]) > 2 else name
            return Speaker(name, titled.group("title").strip()), "after"
        described = _DESCRIBED_COMMA_NAME.match(text, verb.end())
        if described:  # "wrote the photography critic of The Village Voice, Vince Aletti,"
            person = split_role([bare_word(w) for w in described.group("name").split()],
                                state.vocab, english=True)
            if person is not None and not role_only(person) and is_person(person, True):
                return Speaker(person.name, _join(described.group("what"), person.role)), "after"
        return _named(text[verb.end():], state, subject=False)
    parts = subject.split(",")
    if len(WORD.findall(subject)) > 12 and not (
            len(parts) >= 2 and len(WORD.findall(parts[0])) <= 6 and parts[0][:1].isupper()):
        return None  # (but "Dr. David Baskin, the director of … Center, said": a long appositive)
    if ";" in subject or first_end(subject + " A"):
        return None
    if len(parts) >= 2 and parts[0].strip()[:1].islower() and parts[-1].strip()[:1].isupper():
        parts = parts[-1:]  # "… “attack mode” on offense, Lue said": the name by the verb
    if len(parts) >= 2 and _related(phrase_words(parts[0])):
        named = _named(parts[1], state)  # "Smith's attorney, Jane Roe, said": Jane Roe
        if named is not None and named[0] is not None and named[0].name[:1].isupper():
            return named
    return _named(parts[0], state)


_TITLE_COMMA_NAME = re.compile(r"\s+(?P<title>[A-Z][^,;\"“”]{2,100}?),\s*(?P<name>[A-Z][\w'’.-]*"
                               r"(?:\s+[A-Z][\w'’.-]*){1,3})\s*(?:[.,;]|$)")
# A description, a comma and a name ending the attribution: "said the festival's director,
# Jane Doe, on Monday", "wrote a critic for The Village Voice, Vince Aletti."
_DESCRIBED_COMMA_NAME = re.compile(
    r"\s+(?P<what>(?:the|a|an)\s+[a-z][^,;\"“”]{2,80}?),\s*(?P<name>[A-Z][\w'’.-]*"
    r"(?:\s+[A-Z][\w'’.-]*){1,3}?)\s*(?:[.,;]|$|\s+(?:in|on|at|during|after|when|who)\b)")
_OF = {"of", "for", "from", "at", "in"}
_DETERMINERS = {"the", "a", "an", "his", "her", "their", "its", "our", "my"}
_CUT = {"in", "on", "at", "during", "after", "before", "to", "with", "who", "that", "while", "as"}
_ARTICLES = {"a", "an", "one", "another", "the", "two", "three", "some", "several", "many"}
# Epithets for someone the text already follows: "the Lincoln High School alum", "the
# 25-year-old".
_EPITHETS = {"alum", "alumnus", "alumna", "native", "veteran", "rookie", "standout", "graduate",
             "newcomer", "youngster", "teenager", "star"}
_OPEN_ENDED = {"to", "of", "for", "that", "the", "a", "an", "and", "or", "with", "in", "on", "at",
               "by", "from"}
_AGE = re.compile(r"\d{1,3}-year-old")
# A party or a people, standing for a person already described: "the Republican", "the Texan".
_DESCRIPTION = re.compile(r"Republican|Democrat|Conservative|Liberal|Independent|Briton|"
                          r"[A-Z][a-z]+(?:an|ian|ese|ish|i)")


def _related(words: list[str]) -> bool:
    """``Smith's lawyer``, ``the mother of Maria``, ``a spokesman for Walz``: someone close to
    the person named, not that person."""
    for i, word in enumerate(words[:-1]):
        if word.endswith(POSSESSIVE) and word[:1].isupper():
            # a possessive name with only a noun after it ("Trump's lawyer Michael Cohen" is
            # Cohen)
            return not any(w[:1].isupper() for w in words[i + 1:])
        if word.lower() in ("of", "for") and i and words[i - 1].lower() in EN_RELATIONS:
            return True
    return False




def _named(phrase: str, state: State, subject: bool = True) -> tuple[Speaker | None, str] | None:
    """The speaker a subject or the words after a verb name (``Dr. Jane Roe``, ``he``, ``the
    minister``, ``one witness``)."""
    words = [w for w in phrase_words(phrase) if w not in "()"]
    if "," in words:
        words = words[:words.index(",")]
    while words and words[-1].lower() in _TIME:  # "Joseph Swope said Saturday" (after: none)
        words = words[:-1]
    if not words or words[-1].lower() in _OPEN_ENDED:
        return None  # "… suggested a wish to": the phrase goes on, no one is named
    if _related(words):
        return Speaker(" ".join(words)), "after"  # "said Smith's lawyer": the lawyer
    first = words[0].lower()
    if first == "it" and len(words) == 1:  # a body: the company, the ministry
        return state.lead_in(), "after"
    if first == "they" and len(words) == 1 and (source := state.source()) is not None:
        return source, "after"  # 'an "insider" told Us …, "…," they said': the insider
    if first in EN_PRONOUNS and len(words) == 1:
        return None, "after-plural" if first == "they" else "after-pronoun"
    if first == "the" and len(words) <= 7 and (words[-1].lower() in _EPITHETS or
                                               _AGE.fullmatch(words[-1])):
        # "the Lincoln High School alum said", "the 25-year-old added": the person followed
        return (state.by_role(words[-1]) or state.referent()), "after"
    if len(words) == 2 and first == "the" and _DESCRIPTION.fullmatch(words[1]):
        # "the Republican says", "the Indonesian added": someone the text described so
        return (state.by_role(words[1]) or state.referent()), "after"
    if first in ("i", "we"):
        return None, "after-writer"  # "I asked", "I was told": the writer, or someone unnamed
    if first in ("my", "our", "his", "her", "their") and len(words) >= 2 and \
            words[1].lower() in EN_RELATIONS:
        return Speaker(f"{first} {words[1]}"), "after"  # "said my brother as I opened …"
    capitals = [i for i, w in enumerate(words) if w[:1].isupper() and w != "I"]
    link = capitals[0] - 1 if capitals else -1
    if link >= 1 and words[link].lower() in ("the", "a", "an"):
        link -= 1  # "the coach of the Lakers"
    if link >= 1 and words[link].lower() in _OF and words[link - 1][:1].islower():
        end = capitals[0]
        while end < len(words) and (words[end][:1].isupper() or words[end].lower() == "of"):
            end += 1
        return Speaker(" ".join(words[:end])), "after"  # "a resident of Montebello"
    if capitals and words[0].lower() in _ARTICLES:
        end = next((j for j in range(capitals[-1] + 1, len(words))
                    if words[j].lower() in _CUT), len(words))
        if end > capitals[-1] + 1:  # "a Chicago resident said", "said a Walmart spokesperson"
            return Speaker(" ".join(words[:end])), "after"
    if not capitals:
        if first in EN_BACK and len(words) <= 4:  # "the minister", "the company"
            known = state.by_role(" ".join(words[1:]))
            if known is not None:
                return known, "after"
        if len(words) <= 4 and words[-1].lower() not in EN_ROLE_NOUNS | {"that", "it"}:
            return Speaker(" ".join(words)), "after"  # "one witness", "officials"
        if len(words) <= 4:
            known = state.by_role(words[-1])
            return (known, "after") if known else (Speaker(" ".join(words)), "after")
        return None
    if "of" in words[2:]:  # "said Sam Wood of the Coastal Fishing Group": Wood, not the group
        head = words[:words.index("of", 2)]
        person = split_role(head, state.vocab, english=True) if all(
            w[:1].isupper() for w in head) else None
        if person is not None and not role_only(person) and len(person.name.split()) >= 2:
            return person, "after"
    # the last run of capitalised words is the name; what comes before it in the phrase, the role
    end = capitals[-1] + 1
    begin = end - 1
    while begin > 0 and (words[begin - 1][:1].isupper() or words[begin - 1].lower() == "of"):
        begin -= 1
    run = words[begin:end]
    if run and run[0].lower() == "the":
        run = run[1:]
    speaker = split_role(run, state.vocab, english=True)
    if speaker is None:
        return None
    lead = [w for w in words[:begin] if w.lower() not in EN_BACK]
    if role_only(speaker):
        known = state.by_role(" ".join(lead + [speaker.name]))
        return (known or speaker), "after"
    if lead and all(w.lower() in EN_ROLE_NOUNS or is_role(w, True) or w[:1].isupper()
                    or w.endswith(("’s", "'s")) for w in lead):
        role = " ".join(lead + ([speaker.role] if speaker.role else []))
        return Speaker(speaker.name, role), "after"
    return speaker, "after"


def _join(description: str, role: str | None) -> str:
    return f"{description} {role}" if role else description
