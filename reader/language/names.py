"""Names and roles: a run of words split into the person and the title, rank or body before it.

``Menteri Luar Negeri AS Marco Rubio`` is the name ``Marco Rubio`` with the role ``Menteri Luar
Negeri AS``. The run itself is read by :mod:`reader.language.name_runs`; which phrase after a
reporting verb names whom is :mod:`reader.language.phrases`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.language.lexicon import (
    ADMIN_UNITS,
    BODY_HEADS,
    COMPANY_ENDINGS,
    CORPORATE_TITLES,
    EN_BODY_HEADS,
    EN_RELATIONS,
    EN_ROLE_NOUNS,
    EN_ROLE_WORDS,
    HONORIFICS,
    HOSPITALS,
    LAW_HEADS,
    LOWER_BODIES,
    MEMBERS,
    NAME_LINKS,
    ORG_HEADS,
    PLACE_HEADS,
    PLACES,
    POSSESSIVE,
    RANKS,
    RELATIONS,
    ROLE_LINKS,
    ROLE_PREFIX,
    ROLE_QUALIFIERS,
    ROLE_WORDS,
    ROMAN,
    SCHOOLS,
)
from reader.language.word_forms import derived_noun

INITIAL = re.compile(r"^[A-Z]\.$")
# English and Indonesian endings of title words, never of names: "Financial", "Operational".
_TITLE_ENDING = re.compile(r"(?:ional|ancial|ential|ercial|orial|ation|ment|ness|ship|tive)$")


@dataclass(slots=True)  # made for every name met: slots make it cheaper to build and read
class Speaker:
    """Who said something: a name (or a body, or a description) and the role it came with."""

    name: str
    role: str | None = None


def is_role(token: str, english: bool = False) -> bool:
    """A word of a title, rank, honorific, place or body (``Menteri``, ``Kombes``, ``Dr.``,
    ``Jakarta``, ``KPK``), as opposed to a word of a person's name. In English text the
    Indonesian titles do not count (``Sanjay Raja`` is a name)."""
    # one cache a language, keyed by the token alone: asked for every capitalised word, so a
    # tuple key's allocation and hashing was a measurable part of the call
    cache = _EN_ROLES if english else _ID_ROLES
    known = cache.get(token)
    if known is None:
        low = token.lower().strip(".")
        words = EN_ROLE_WORDS if english else ROLE_WORDS
        known = (low in words or low in HONORIFICS or low in PLACES
                 or (not english and low in ADMIN_UNITS)
                 or low in EN_ROLE_NOUNS or token.startswith("(")
                 or (not english and bool(ROLE_PREFIX.match(low)))
                 or (len(token) >= 2 and token.isupper() and token.replace("-", "").isalpha())
                 or (len(low) >= 7 and bool(_TITLE_ENDING.search(low))))
        if len(cache) > 25_000:
            cache.clear()
        cache[token] = known
    return known


_ID_ROLES: dict[str, bool] = {}
_EN_ROLES: dict[str, bool] = {}


def role_flags(tokens: list[str], english: bool = False) -> list[bool]:
    """Which tokens of a capitalised run belong to a role: a Roman numeral after a role word
    or a number after a school (``Komisi X``, ``SMAN 1``); in Indonesian, the word after a kind
    of place followed by a name of two words (``Desa Sukamaju Budi Santoso``) or after a
    numbered school (``SMAN 1 Sukorejo``), and a noun made from a root after a role word
    (``Menko Perekonomian``); the word after a regional head when a name of two words or more
    follows (``Bupati Banyuwangi Ipuk Fiestiandani``); the word after ``Partai`` or ``PT``
    (``Sekjen Partai Golkar Idrus Marham``)."""
    key = (*tokens, english)
    cached = _FLAG_CACHE.get(key)
    if cached is not None:
        return list(cached)
    flags = [is_role(t, english) for t in tokens]
    if len(tokens) == 1 and tokens[0].lower() in NAMES_TOO:
        flags = [False]  # "kata Agung": a name (in "Jaksa Agung" a title's last word)
    for i, token in enumerate(tokens):  # "Kabupaten Musi Rawas Utara": a place to its direction
        if token.lower() in ADMIN_UNITS:
            end = next((j for j in range(i + 2, min(i + 5, len(tokens)))
                        if tokens[j].lower() in _DIRECTIONS), None)
            if end is not None and not any(flags[i + 1:end]):
                flags[i + 1:end + 1] = [True] * (end - i)
    for i, token in enumerate(tokens):  # "Sekolah Ilmu Lingkungan (SIL)": a body's name
        width = len(token.strip("()"))
        if _body_acronym(tokens, i, 1) and flags[i - width]:
            flags[i - width:i] = [True] * width
    for i, token in enumerate(tokens):
        if i and ((flags[i - 1] and token and ROMAN.match(token)) or
                  (token.isdigit() and tokens[i - 1].lower() in SCHOOLS)):
            flags[i] = True  # "Komisi X", "SMAN 1"
            continue
        if not english and i and not flags[i] and (
                (tokens[i - 1].lower() in ADMIN_UNITS and i + 2 < len(tokens)) or
                (i >= 2 and tokens[i - 1].isdigit() and tokens[i - 2].lower() in SCHOOLS) or
                (flags[i - 1] and derived_noun(token))):
            # "Kepala Desa Sukamaju Darto", "Kepala SMAN 1 Sukorejo", "Menko Perekonomian …"
            flags[i] = True
            continue
        if i and tokens[i - 1].lower() in PLACE_HEADS and not flags[i] and \
                len(tokens) - i - 1 >= 2 and not any(flags[i + 1:]):
            flags[i] = True
        elif i >= 2 and tokens[i - 1].lower() == "of" and flags[i - 2] and not flags[i] and \
                len(tokens) - i - 1 >= 2 and not any(flags[i + 1:]):
            flags[i] = True  # "Secretary of Transport Anna Holt": the office, then the person
        elif i and (tokens[i - 1].lower() in ORG_HEADS or (
                not english and tokens[i - 1].lower() in CORPORATE_TITLES)) and \
                not flags[i] and len(tokens) - i - 1 >= (
                        1 if i >= 2 and tokens[i - 1].lower() in ORG_HEADS else 2) and \
                not any(flags[i + 1:]):  # ("CEO Sinarmas Dewi Anggraini": the company)
            flags[i] = True  # "Partai Golkar Idrus Marham": the party's name, then the person
        elif i and not flags[i] and tokens[i].lower() in BODY_LAST_WORDS and \
                len(tokens) - i - 1 >= 2 and any(flags[:i]) and not any(flags[i + 1:]):
            # "CEO Siloam International Hospitals Caroline Riady": the body's name, to its last
            # word, after the role word
            start = i
            while not flags[start - 1]:
                start -= 1
            flags[start:i + 1] = [True] * (i + 1 - start)
    if len(_FLAG_CACHE) > 20_000:
        _FLAG_CACHE.clear()
    _FLAG_CACHE[key] = tuple(flags)
    return flags


_FLAG_CACHE: dict[tuple, tuple[bool, ...]] = {}
_DIRECTIONS = {"utara", "selatan", "timur", "barat", "tengah", "laut", "daya", "raya"}
# Words that complete a title ("Jaksa Agung", "Metro Jaya", "Direktur Utama", "Putra Mahkota",
# "Perdana Menteri") and are given names too: alone, a name.
NAMES_TOO = {"agung", "jaya", "putra", "utama", "perdana"}
_LINKS = NAME_LINKS | ROLE_LINKS


def role_only(speaker: Speaker) -> bool:
    """Only role words and no role apart (``Presiden``, ``Menteri Hukum``): a title that
    stands for whoever holds it."""
    if speaker.role is not None:
        return False
    name = speaker.name
    known = _ROLE_ONLY.get(name)
    if known is None:
        known = all(role_flags(name.split()))
        _remember(_ROLE_ONLY, name, known)
    return known


def is_person(speaker: Speaker | None, english: bool = False) -> bool:
    """A named person, not a body, a place, a title of a work or a description. A name is
    met many times in an article and across articles: the answer is kept per name."""
    if speaker is None:
        return False
    if speaker.role is not None and (speaker.role.split(None, 1)[0].lower() in LAW_HEADS or
                                     only_qualifiers(speaker.role) or
                                     speaker.role.rsplit(None, 1)[-1].lower() in HOSPITALS):
        # "RUU Perkoperasian": a bill; "Rakyat Mart": a shop ("Rakyat" is no title); "RS
        # Adhyaksa", "Direktur RSUD Siti Fatimah": a hospital's name
        return False
    key = (speaker.name, speaker.role is None, english)
    known = _PERSON.get(key)
    if known is None:
        known = _is_person(speaker, english)
        _remember(_PERSON, key, known)
    return known


def owned_thing(speaker: Speaker) -> bool:
    """``Tesco’s Finest``: something of someone's, never a person (``Smith's lawyer`` is)."""
    words = speaker.name.split()
    return any(w.endswith(POSSESSIVE) for w in words[:-1]) and \
        words[-1].lower() not in EN_RELATIONS


def only_qualifiers(role: str) -> bool:
    """A role of words that qualify titles and are none (``Rakyat``, ``Pendidikan``)."""
    return all(w.lower() in ROLE_QUALIFIERS for w in role.split())


def _is_person(speaker: Speaker, english: bool) -> bool:
    if not speaker.name[:1].isupper():
        return False
    words = speaker.name.split()
    heads = EN_BODY_HEADS if english else _ID_HEADS
    if role_only(speaker) or words[0].lower() in heads or words[0].lower() in LAW_HEADS:
        return False
    if all(w.isupper() for w in words if w[:1].isalpha()):
        return False  # "HEART BEAT", "BREAKING NEWS": a title or a heading
    if owned_thing(speaker):
        return False
    last = words[-2] if words[-1].startswith("(") and len(words) > 1 else words[-1]
    return last.strip(".").lower() not in _ORG_ENDINGS


_ID_HEADS = BODY_HEADS | LOWER_BODIES | ADMIN_UNITS  # ("Kecamatan Sempor" is a place)
_ROLE_ONLY: dict[str, bool] = {}
_PERSON: dict[tuple[str, bool, bool], bool] = {}
# entries a cache keeps before it starts again, so memory stays bounded: at 50,000 the caches
# of names (~420 bytes a run) added ~20 MB to each analysing process of a 1M-paragraph build
_CACHE_LIMIT = 20_000


def _remember(cache: dict, key, value) -> None:
    if len(cache) >= _CACHE_LIMIT:
        cache.clear()
    cache[key] = value


# Last words of an organisation's name, never of a person's.
_ORG_ENDINGS = COMPANY_ENDINGS | {
    "agency", "press", "news", "institute", "foundation", "association", "network",
    "organization", "organisation", "council", "committee", "bureau", "university", "times",
    "post", "journal", "tribune", "herald", "gazette", "daily", "hospital", "hospitals",
    "holdings", "airlines", "industries", "healthcare", "partners", "ventures", "technologies",
}
# Of those, the words that only end a body's name (not a paper's: "Daily Mail", "Post Malone")
BODY_LAST_WORDS = _ORG_ENDINGS - {"press", "news", "times", "post", "journal", "tribune",
                                   "herald", "gazette", "daily", "network"}


def split_role(tokens: list[str], vocab: frozenset[str] = frozenset(),
               english: bool = False) -> Speaker | None:
    """``Menteri Luar Negeri AS Marco Rubio`` -> name ``Marco Rubio``, role the rest.

    The split is worked out once per run of words (names repeat) and kept; only its last
    question, whether the name words of a body's name are common words of this article,
    is asked of ``vocab`` each time. Each call gives a new :class:`Speaker` (a speaker's
    role is filled in later)."""
    key = (*tokens, english)
    try:  # (one lookup when known, most calls: a tuple's hash is not kept)
        plan = _SPLITS[key]
    except KeyError:
        plan = _split_plan(tokens, english)
        _remember(_SPLITS, key, plan)
    if plan is None:
        return None
    name, role, whole, words = plan
    if words is not None and any(w.lower() in vocab for w in words):
        return Speaker(whole)  # "Badan Pusat Statistik": common words, a body's own name
    return Speaker(name, role)


_SPLITS: dict[tuple, tuple[str, str | None, str, tuple[str, ...] | None] | None] = {}


def _place_only(token: str) -> bool:
    """A place's name and no title's word (``Flores``, ``Washington``, not ``Senator``)."""
    low = token.lower().strip(".")
    return low in PLACES and low not in EN_ROLE_WORDS and low not in EN_ROLE_NOUNS and \
        low not in HONORIFICS and not token.isupper()


def _body_acronym(tokens: list[str], at: int, name_words: int) -> bool:
    """``(BPS)`` at ``at``, the initials of more words than the name before it has: that name is
    the end of a body's name ("Badan Pusat Statistik (BPS)"), not a person's ("Rizal Ramli
    (RR)" spells the name alone)."""
    letters = tokens[at].strip("()")
    if not (tokens[at].startswith("(") and letters.isupper() and letters.isalpha()):
        return False
    if len(letters) <= name_words or len(letters) > at:
        return False
    return "".join(t[0] for t in tokens[at - len(letters):at]).upper() == letters


def _split_plan(tokens: list[str], english: bool
                ) -> tuple[str, str | None, str, tuple[str, ...] | None] | None:
    """The split of a run as ``(name, role, whole, words)``: the speaker is ``name`` and
    ``role``, unless ``words`` is given and one of them is a common word of the article,
    when it is ``whole`` (a body's name); None when no words are left."""
    tokens = [t.strip(",;") for t in tokens if t.strip(",;")]
    while tokens and (tokens[-1].lower() in _LINKS or (
            len(tokens) > 1 and tokens[-1].lower().replace(".", "") in DEGREES)):
        tokens = tokens[:-1]  # (and a degree after the name: "Wulan Sari Dewanti PhD")
    if not tokens:
        return None
    owner = next((i for i in range(len(tokens) - 3, -1, -1) if tokens[i].endswith(POSSESSIVE)),
                 None) if english else None
    if owner is not None and not any(is_role(t, True) for t in tokens[owner + 1:]):
        tokens = tokens[owner + 1:]  # "New York's Emily Xie": the place is no part of her name
    whole = " ".join(tokens)
    if len(tokens) == 1:
        return tokens[0], None, whole, None
    last = tokens[-2] if tokens[-1].startswith("(") else tokens[-1]
    if last.lower() in _ORG_ENDINGS and len(tokens) >= 2:
        return whole, None, whole, None  # "Saudi Press Agency (SPA)": a body's name
    flags = role_flags(tokens, english)
    for i, token in enumerate(tokens):  # "dan", "of" inside a role belong to it
        if token in ROLE_LINKS:  # lower case: "Dan Davidson" is a name, not "dan"
            flags[i] = True
    # the last run of name words; role words after it are dropped ("Trump Presiden AS")
    end = len(tokens)
    while end > 0 and flags[end - 1]:
        end -= 1
    begin = end
    while begin > 0 and not flags[begin - 1]:
        begin -= 1
    if english and end < len(tokens) and end - begin == 1 and \
            all(_place_only(t) for t in tokens[end:]):
        end = len(tokens)  # "Aaron Flores", "Denzel Washington": a surname that is a place
    if begin == end:
        return whole, None, whole, None  # only role words: "Presiden", "Kementerian …"
    if begin == 0 and end < len(tokens) and len(tokens) - end >= 1:
        only = " ".join(tokens[begin:end])
        return only, None, only, None
    if end < len(tokens) and _body_acronym(tokens, end, end - begin):
        return whole, None, whole, None  # "Kepala Badan Pusat Statistik (BPS)": all a role
    if begin >= 2 and tokens[begin - 1].lower() == "of" and not flags[begin - 2]:
        # "Majority Leader Chuck Schumer of New York": the place qualifies the name before it
        end = begin - 1
        begin = end
        while begin > 0 and not flags[begin - 1]:
            begin -= 1
    name, role = tokens[begin:end], tokens[:begin]
    if not personal_titles_only(" ".join(role)):  # (but "Prof. Dr." is all the role there is)
        while role[-1].lower().strip(".") in PERSONAL_TITLES:
            role = role[:-1]  # "Kepala Bidang SMP Hj Nurlela Amir": her title, not the office's
    if not role:
        return " ".join(name), None, whole, None
    if len(name) == 1 and end == len(tokens) and all(t.lower() in PLACES for t in role):
        return whole, None, whole, None  # "Washington Post", "Jakarta Post": a body's name
    if role[-1].lower() in ADMIN_UNITS:  # "Ketua Bawaslu Kabupaten Aceh Tamiang": a place
        return whole, None, whole, None
    if tokens[0].lower() in BODY_HEADS:
        last = role[-1]
        acronym = len(role) >= 2 and last.isupper() and last.isalpha()
        if not (acronym or last.lower() in RANKS or last.lower().strip(".") in HONORIFICS):
            if len(name) < 2:
                return whole, None, whole, None
            # a person after the body's name, unless a name word is a common word
            return " ".join(name), " ".join(role), whole, tuple(name)
    return " ".join(name), " ".join(role), whole, None


# Degrees written after a name without a comma (with one, the attribution drops them).
DEGREES = {"phd", "dphil", "msc", "mba", "mph", "msi", "mkes", "mhum", "llm"}


# Titles a person carries before their name (a pilgrim's, a scholar's): at the end of a role
# they are the person's, not the office's; alone they are no role to keep when the text gave
# one ("kata H Sofrayani" after "Kepala Kantor Kemenag Kota Banjarmasin, H Sofrayani").
PERSONAL_TITLES = {"h", "hj", "kh", "haji", "hajjah", "dr", "drg", "drh", "dra", "drs", "prof",
                   "ir", "tgk", "ust"}


def personal_titles_only(role: str) -> bool:
    return all(w.lower().strip(".") in PERSONAL_TITLES for w in role.split())


def bare_word(word: str) -> str:
    """A word of a name without the punctuation after it; an abbreviation with a full stop
    inside keeps its last one (``U.S.``, not ``U.S``)."""
    word = word.rstrip(",")
    return word if "." in word[:-1] and word[-2:-1].isalpha() and word[-3:-2] == "." \
        else word.rstrip(".,")


def continues_role(first: list[str], second: list[str]) -> bool:
    """``Menteri Komunikasi`` + ``dan Informatika Rudiantara``: one role; ``Presiden Joko
    Widodo`` + ``dan Wapres Ma'ruf Amin``: two people; ``Menteri Koperasi`` + ``dan UKM
    (Menkop) RI``: a portfolio or a short name no title has (``Olahraga``, ``UKM``, not
    ``PM``), with no name after it, goes on."""
    if is_role(first[-1]):
        return True
    if not is_role(second[0]):
        return any(is_role(w) for w in second)
    lead = second[0].lower()
    if lead in ROLE_QUALIFIERS or (second[0].isupper() and lead not in ROLE_WORDS):
        found = split_role([bare_word(w) for w in second], frozenset())
        return found is not None and role_only(found)
    return False


def related(speaker: Speaker | None) -> bool:
    """``ayah Rina``, ``Kuasa hukum Budi``, ``her mother``, ``Smith's lawyer``: a person
    described by a relation to another."""
    if speaker is None:
        return False
    words = speaker.name.lower().split()
    return len(words) >= 2 and (words[0] in RELATIONS or " ".join(words[:2]) in RELATIONS or (
        len(words) == 2 and words[0] in MEMBERS) or (
        words[-1] in EN_RELATIONS and (words[-2] in ("his", "her", "their")
                                       or words[-2].endswith(POSSESSIVE))))
