"""Authors from a byline: people split into family and given names, everyone else kept whole.

Why: a byline is written for readers, not for reference managers. ``Oleh: Budi Santoso``,
``Budi Santoso, Kompas.com``, ``Dr. Budi Santoso`` and ``Santoso, Budi`` are one person;
``Kantor Berita Antara``, ``Associated Press`` and ``Tim Detikcom`` are not people at all, and
turning them into ``Antara, K. B.`` misattributes the work. The rules, in order:

* names are separated by ``;``, ``|``, a line break, ``and``/``dan``/``&``, and by commas between
  names of two or more words (``A Satu, B Dua``); ``Santoso, Budi`` is one inverted name;
* byline labels (``By``, ``Oleh``, ``Reporter:``, ``Penulis:``, …) are dropped, as are parts
  that name an editor (``Editor: …``), the outlet (the article's own, a domain such as
  ``Kompas.com``, ``Detikcom``) and academic degrees (``S.H.``, ``M.Si.``, ``Ph.D.``);
* honorifics before a name are dropped (``Dr.``, ``Prof.``, ``H.``, ``Bapak``, ``Mr.``, …);
* organisations and teams stay one literal name: a name with an organisation word (``Kantor``,
  ``Kementerian``, ``Press``, ``Agency``, ``Tim`` in an Indonesian article, …), an acronym
  (``CNN Indonesia``), a digit or a domain, a name that starts with ``The``, or a known agency;
* a single word is a single name (Indonesian mononyms such as ``Pratikno``), never split;
* two to four capitalised words are "Given Family"; anything else (particles such as ``bin``,
  five or more words) stays whole rather than be split wrongly.

Several names in a sidecar (``author = ["A", "B"]``) reach this module joined by ``;``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

SEPARATOR = "; "  # how a list of names is joined into one byline string

_LETTERS = re.compile(r"[^\W\d_]+")
_SPLIT_NAMES = re.compile(r"\s*[;|\n]\s*|\s+(?:and|dan|&)\s+|\s*,\s*(?:and|dan|&)\s+", re.I)
_LABEL = re.compile(
    r"^(?:(?:written|reported|ditulis|dilaporkan)\s+(?:by|oleh)|by|oleh|reporter|reporters|"
    r"penulis|wartawan|jurnalis|kontributor|koresponden|correspondent|author|laporan|text|teks)"
    r"\b\s*:?\s*",
    re.I,
)
_EDITOR = re.compile(r"^(?:editor|editors|penyunting|redaktur|editing|diedit oleh)\b", re.I)
_HONORIFIC = re.compile(
    r"^(?:dr|drs|dra|drg|prof|ir|h|hj|kh|k\.\s?h|mr|mrs|ms|mx|sir|dame|rev|hon|"
    r"bapak|ibu|pak|bu|tn|ny|sdr|sdri)\.?(?=\s)\s*",
    re.I,
)
_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}
# Post-nominal degrees: S.H., M.Si., S.I.Kom., Ph.D., M.A., Lc., Sp.PD; MBA, PhD, MSc.
_DEGREE = re.compile(
    r"(?:[SMD]\.\s?[A-Z][A-Za-z.]*|Ph\.?\s?D\.?|M\.?B\.?A\.?|[MB]\.?Sc\.?|Lc\.?|Sp\.\s?[A-Z]+\.?)"
)
_DOMAIN = re.compile(r"\w\.(?:com|co|id|net|org|tv|news|info|my|sg|uk|au)\b", re.I)
_ORG_WORDS = frozenset(
    # Indonesian and Malay
    "redaksi kantor kementerian kemenlu kemendagri kemenkes badan dinas lembaga komisi dewan "
    "majelis partai universitas institut yayasan asosiasi ikatan persatuan perhimpunan pemerintah "
    "pemprov pemkot pemkab kepolisian polri polda polres mahkamah pengadilan kejaksaan kejagung "
    "sekretariat direktorat biro humas perusahaan kelompok koalisi aliansi forum serikat himpunan "
    "bank pt cv tbk staf admin desk "
    # English
    "team staff editors editorial board press agency news newsroom service services ministry "
    "department office council committee commission association institute university college "
    "foundation bureau group organization organisation society union corporation corp inc ltd "
    "llc company wire wires times tribune gazette daily weekly magazine network media "
    "broadcasting radio television channel".split()
)
# News agencies and outlets that sign articles with one word.
_AGENCIES = frozenset(
    "reuters antara afp ap bloomberg xinhua kyodo yonhap bernama anadolu tass dpa efe ansa aap "
    "upi detikcom kompas tempo tribunnews okezone viva jpnn republika liputan6 kumparan "
    "tirto suara".split()
)
_INDONESIAN = ("id", "ms", "in")


@dataclass(frozen=True)
class Name:
    """One author. ``literal`` holds an organisation's name, kept exactly as written."""

    family: str | None = None
    given: str | None = None
    suffix: str | None = None
    literal: str | None = None

    def natural(self) -> str:
        """``Budi Santoso``, ``Martin Luther King Jr.``, ``Kantor Berita Antara``."""
        if self.literal:
            return self.literal
        out = " ".join(p for p in (self.given, self.family) if p)
        return f"{out} {self.suffix}" if self.suffix else out

    def inverted(self) -> str:
        """``Santoso, Budi`` (MLA, Chicago bibliography); organisations as written."""
        if self.literal:
            return self.literal
        out = self.family or ""
        if self.given:
            out += f", {self.given}"
        return f"{out}, {self.suffix}" if self.suffix else out

    def surname(self) -> str:
        """What an author-date citation shows: the family name, or the whole literal name."""
        return self.literal or self.family or ""

    def initials(self) -> str:
        """APA 7 initials of the given names: ``Jean-Paul`` -> ``J.-P.``."""
        out = []
        for part in (self.given or "").split():
            pieces = []
            for hyphenated in part.split("-"):
                letters = _LETTERS.findall(hyphenated)
                if letters:
                    pieces.append(" ".join(f"{group[0]}." for group in letters))
            if pieces:
                out.append("-".join(pieces))
        return " ".join(out)


def parse_byline(
    value: str | None, outlet: str | None = None, language: str | None = None
) -> tuple[Name, ...]:
    """The authors named in ``value``; ``outlet`` and ``language`` help tell names apart."""
    if not value:
        return ()
    names: list[Name] = []
    for piece in _SPLIT_NAMES.split(value):
        for part in _comma_parts(piece, outlet):
            name = _parse_name(part, outlet, language)
            if name is not None:
                names.append(name)
    return tuple(names)


def _comma_parts(piece: str, outlet: str | None) -> list[str]:
    """A byline piece split at commas into names, without outlets, degrees or editors."""
    raw = [_strip_label(p) for p in piece.split(",")]
    parts = [p for p in raw if p and not _is_noise(p, outlet)]
    if not parts:  # a byline that is only an outlet ("Liputan6.com") names the outlet
        parts = [p for p in raw if p and not _EDITOR.match(p)]
    if parts and len(parts[0].split()) > 1:  # "Budi Santoso, S.H., M.Hum."
        parts = parts[:1] + [p for p in parts[1:] if not _DEGREE.fullmatch(p)]
    if len(parts) <= 1:
        return parts
    if len(parts) == 2:
        first, second = parts
        if second.lower() in _SUFFIXES:
            return [f"{first} {second}"]
        if len(first.split()) == 1 and 1 <= len(second.split()) <= 3:
            if _personal(first.split() + second.split()) and not _organisation(first, None):
                return [f"{first}, {second}"]
        if len(second.split()) == 1 and len(first.split()) > 1:
            return [first]  # "Budi Santoso, Jakarta": a place or desk, not a second author
    return parts


def _strip_label(text: str) -> str:
    text = " ".join(text.split()).strip(" :-–—")
    while True:
        stripped = _LABEL.sub("", text, count=1)
        if stripped == text or not stripped:
            return text
        text = stripped


def _is_noise(part: str, outlet: str | None) -> bool:
    """A comma part that is not an author: the outlet, a domain, an editor's credit."""
    if _EDITOR.match(part):
        return True
    if outlet and part.casefold() == outlet.casefold():
        return True
    return len(part.split()) == 1 and bool(_DOMAIN.search(part))


def _parse_name(text: str, outlet: str | None, language: str | None) -> Name | None:
    text = _strip_label(text)
    if not text:
        return None
    if "," in text:  # "Santoso, Budi" as rebuilt by _comma_parts
        family, _, given = (p.strip() for p in text.partition(","))
        return Name(family=family, given=given)
    text = _strip_honorifics(text)
    words = text.split()
    if _shouting(words):
        words = ["-".join(p.capitalize() for p in w.split("-")) for w in words]
        text = " ".join(words)
    if _organisation(text, language):
        return Name(literal=text)
    suffix = None
    if len(words) > 2 and words[-1].lower() in _SUFFIXES:
        suffix = words.pop()
    while len(words) > 1 and _DEGREE.fullmatch(words[-1]):
        words.pop()  # "Budi Santoso M.Si."
    if len(words) == 1:
        return Name(family=words[0], suffix=suffix) if _personal(words) else Name(literal=text)
    if 2 <= len(words) <= 4 and _personal(words):
        return Name(family=words[-1], given=" ".join(words[:-1]), suffix=suffix)
    return Name(literal=text)


def _strip_honorifics(text: str) -> str:
    while True:
        stripped = _HONORIFIC.sub("", text, count=1)
        if stripped == text or not stripped.strip():
            return text
        text = stripped.strip()


def _shouting(words: list[str]) -> bool:
    """A byline in capitals (``BUDI SANTOSO``), not an acronym (``CNN``)."""
    letters = ["".join(_LETTERS.findall(w)) for w in words]
    return (
        len(words) >= 2
        and all(w.isupper() for w in letters if w)
        and any(len(w) >= 5 for w in letters)
        and not any(w.lower() in _ORG_WORDS or w.lower() in _AGENCIES for w in letters)
    )


def _organisation(text: str, language: str | None) -> bool:
    words = text.split()
    folded = [w.strip(".,:;()").casefold() for w in words]
    if any(w in _ORG_WORDS for w in folded) or folded[0] == "the":
        return True
    if len(words) == 1 and folded[0] in _AGENCIES:
        return True
    if folded[0] == "tim" and len(words) > 1:  # Indonesian "team"; in English, a given name
        tag = (language or "").lower().split("-")[0]
        if tag in _INDONESIAN or _organisation(" ".join(words[1:]), None) or not _personal(
            words[1:]
        ):
            return True
    for word in words:
        letters = "".join(_LETTERS.findall(word))
        if any(c.isdigit() for c in word) or _DOMAIN.search(word):
            return True
        if len(letters) > 1 and letters.isupper():  # an acronym: "CNN Indonesia", "KEMLU"
            return True
    return False


def _personal(words: list[str]) -> bool:
    """Every word capitalised and made of letters (apostrophes, hyphens, dots allowed)."""
    for word in words:
        letters = "".join(_LETTERS.findall(word))
        if not letters or not letters[0].isupper() or any(c.isdigit() for c in word):
            return False
        if len(letters) > 1 and letters.isupper():
            return False
    return True
