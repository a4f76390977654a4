"""Whether an English pronoun can mean a person: ``she said`` after a woman, not after a man.

Why: English news often names a second person between a speaker's quote and the next ``he
said`` or ``she said`` (``Chairwoman Rodgers …; Rep. Frank Pallone, the panel's top Democrat,
…: "…," he said``). Whom the text followed is then the wrong person, and the pronoun says so.
The article itself tells who is a woman or a man, never a list of first names: a title or a
relation word (``Ms.``, ``Chairwoman``, ``Mr.``, ``his wife``), or a possessive the narrative
gives the person right after naming them (``Rodgers said her committee …``). A person the
article says nothing of has no gender here, and a pronoun never rules them out.
"""

from __future__ import annotations

import re

FEMALE, MALE = "f", "m"

_FEMALE_WORDS = frozenset("""
    ms mrs miss madam madame mme chairwoman congresswoman councilwoman spokeswoman
    businesswoman assemblywoman alderwoman anchorwoman sportswoman policewoman
    stateswoman countrywoman queen princess duchess countess baroness lady dame actress
    mother wife daughter sister grandmother granddaughter aunt niece girlfriend widow mom
    woman girl
    """.split())
_MALE_WORDS = frozenset("""
    mr congressman councilman spokesman businessman assemblyman alderman anchorman
    sportsman policeman statesman countryman king prince duke count baron lord sir
    father husband son brother grandfather grandson uncle nephew boyfriend widower dad
    man boy
    """.split())
PRONOUNS = {"she": FEMALE, "her": FEMALE, "hers": FEMALE, "herself": FEMALE,
            "he": MALE, "him": MALE, "his": MALE, "himself": MALE}
# After a name, "him" and an object "her" mean someone else: "Reyes disagreed with him",
# "Reyes told her that …"; "her" before a noun is the person's own ("her hope").
_OBJECT = frozenset({"him"})
_NOT_A_NOUN = frozenset("""that to the a an and in on at of for with about as from by was is
    would will had has have could should but or so if when after before than""".split())
# The words after a name up to the next capitalised word: "Rodgers said her committee would".
_WINDOW = re.compile(r"(?:\s+(?:[a-z][\w'’-]*|[,;]))*")
_WORDS = re.compile(r"[a-z]+")


def of_role(role: str | None) -> str | None:
    """The gender a role's words give (``Ms.``, ``Chairwoman``), or None."""
    if not role:
        return None
    found = {_gender_word(w) for w in role.lower().replace(".", " ").split()} - {None}
    return found.pop() if len(found) == 1 else None


def _gender_word(word: str) -> str | None:
    if word in _FEMALE_WORDS:
        return FEMALE
    if word in _MALE_WORDS:
        return MALE
    return None


def after_name(text: str, end: int) -> str | None:
    """The gender of the third-person pronouns in the words right after a name that ends at
    ``end`` (up to the next capitalised word, at most 12 words), when they are all of one."""
    window = _WINDOW.match(text, end)  # (it always matches, if only nothing)
    words = _WORDS.findall(text[end:window.end() if window else end].lower())[:12]
    found = {PRONOUNS[w] for i, w in enumerate(words) if w in PRONOUNS and w not in _OBJECT and (
        w != "her" or (i + 1 < len(words) and words[i + 1] not in _NOT_A_NOUN))}
    return found.pop() if len(found) == 1 else None


def of_pronoun(word: str | None) -> str | None:
    """``he`` -> male, ``she`` -> female; anything else None."""
    return PRONOUNS.get((word or "").lower())
