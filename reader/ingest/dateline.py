"""Datelines: the place and the outlet that open a news story, in Indonesian and wire styles.

Why: ``JAKARTA, KOMPAS.com -``, ``REPUBLIKA.CO.ID, JAKARTA --``, ``Jakarta (ANTARA) -``,
``jpnn.com - JAKARTA -``, ``WASHINGTON (AP) —`` and ``Jakarta -`` all say where the story was
filed and by whom. The place becomes the dateline, the outlet the source, and the rest of the
line stays the first paragraph (its offsets unchanged).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

# An outlet written as a domain: KOMPAS.com, REPUBLIKA.CO.ID, jpnn.com, TEMPO.CO, VIVA.co.id.
_DOMAIN = r"[A-Za-z][\w-]*(?:\.[A-Za-z]{2,}){1,3}®?"
# Outlets and agencies that sign datelines without a domain.
_AGENCY = (r"(?:ANTARA(?:\s+News)?|Antara(?:\s+News)?|CNN\s+Indonesia|CNBC\s+Indonesia|CNN|AP|AFP"
           r"|Reuters|Bloomberg|Xinhua|Kyodo|Bernama|Anadolu|dpa|UPI|Tempo|Kompas|Detik"
           r"|detikcom|Okezone|Republika|Liputan6|Beritasatu|Media\s+Indonesia|VOA|BBC)")
# A place: one to three capitalised words ("Jakarta", "BANDAR LAMPUNG", "St. Paul").
_PLACE = r"[A-Z][A-Za-z.'’-]*(?:\s[A-Z][A-Za-z.'’-]*){0,2}"
# A region after the place: "Mataram, NTB", "ST. PAUL, Minn.", "KYIV, Ukraine".
_REGION = r"(?:,\s*[A-Z][A-Za-z.]{1,14}(?:\s[A-Z][A-Za-z.]{1,14})?)?"
_DASH = r"\s*(?:--|[-–—―])\s*"
_AFTER = r"(?=\S)"
# A release's date after the place: "23 Februari 2016", "Feb. 23, 2016".
_DATE = r"(?:\d{1,2}\s+[A-Za-z]{3,9}\.?\s+\d{4}|[A-Z][a-z]{2,8}\.?\s+\d{1,2},?\s+\d{4})"

# A wire's day after the place: "March 23", "Feb. 23, 2016".
_DAY = r"(?:[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s*\d{4})?)"

# (pattern, strong): a strong dateline names an outlet or a region, so it is trusted even
# after a few caption lines; a weak one (a bare place) only opens the first paragraph.
_PATTERNS = [(re.compile(p), strong) for p, strong in (
    # Jakarta (ANTARA) -  /  Mataram, NTB (ANTARA News) -  /  WASHINGTON (AP) —  /
    # NEW YORK, March 23 (Reuters) -
    (rf"(?P<place>{_PLACE}{_REGION})(?:,\s*{_DAY})?\s*\((?P<outlet>[A-Z][\w .&/-]{{0,30}}?)\)"
     rf"{_DASH}{_AFTER}", True),
    # A press release: ISTANBUL, 23 Februari 2016 (Antara/PRNewswire) --  /  NEW YORK, Feb. 23,
    # 2016 /PRNewswire/ --  (on a line of its own too)
    (rf"(?P<place>{_PLACE}),\s*{_DATE}\s*[(/](?P<outlet>[A-Z][\w .&/-]{{0,30}}?)[)/]{_DASH}"
     r"(?:(?=\S)|$)", True),
    # REPUBLIKA.CO.ID, JAKARTA --  /  Liputan6.com, Jakarta -  /  jpnn.com - JAKARTA -
    (rf"(?P<outlet>{_DOMAIN})\s*(?:,|--|[-–—―])\s*(?P<place>{_PLACE}){_DASH}{_AFTER}", True),
    # JAKARTA, KOMPAS.com -  /  Jakarta, CNN Indonesia --
    (rf"(?P<place>{_PLACE}),\s*(?P<outlet>{_DOMAIN}|{_AGENCY}){_DASH}{_AFTER}", True),
    # ST. PAUL, Minn. -  /  KYIV, Ukraine -  (a wire place in capitals, then its region)
    (rf"(?P<place>[A-Z][A-Z.'’-]+(?:\s[A-Z][A-Z.'’-]+){{0,2}},\s*[A-Z][A-Za-z.]{{1,14}}"
     rf"(?:\s[A-Z][A-Za-z.]{{1,14}})?){_DASH}(?=[A-Z0-9\"“‘'])", True),
    # Jakarta, HanTer -  (a place as written, then an outlet's name)
    (rf"(?P<place>{_PLACE}),\s*(?P<outlet>[A-Z][\w.&-]*(?:\s[A-Z][\w.&-]*){{0,2}})"
     r"\s(?:--|[-–—―])\s(?=[A-Z0-9\"“‘])", False),
    # VIVA.co.id -  /  KOMPAS.com -  /  CNN —  (an outlet and no place)
    (rf"(?P<outlet>{_DOMAIN}|{_AGENCY}){_DASH}{_AFTER}", True),
    # Jakarta -  /  JAKARTA —  (a place alone, as Detik writes it)
    (rf"(?P<place>{_PLACE})\s(?:--|[-–—―])\s(?=[A-Z0-9\"“‘])", False),
    # Liputan6.com, Jakarta London Love Story, …  (no dash: the place is one word)
    (rf"(?P<outlet>{_DOMAIN}),\s*(?P<place>[A-Z][A-Za-z]+)\s(?=[A-Z])", False),
)]
# A dateline on a line of its own: "Jakarta, Pahami.id" or "JAKARTA, KOMPAS.com -".
_OWN_LINE = re.compile(
    rf"(?P<place>{_PLACE}),\s*(?P<outlet>{_DOMAIN}|{_AGENCY})\s*(?:--|[-–—―])?\s*$"
    rf"|(?P<place3>[A-Z][A-Za-z.'’-]*),\s*(?P<outlet3>[A-Z][\w.&-]*(?:\s[A-Z][\w.&-]*){{0,2}})"
    r"\s*(?:--|[-–—―])?\s*$"
    rf"|(?P<outlet2>{_DOMAIN})\s*(?:,|--|[-–—―])\s*(?P<place2>{_PLACE})\s*(?:--|[-–—―])?\s*$"
)
# Longer than any dateline the patterns match (three place words and a region, a day, an
# outlet of 30 characters, a dash): a block longer than this is not a dateline alone.
ALONE_LIMIT = 200
# A dash left where a dateline was cut away by the exporter: "- Masih ingat …".
_LONE_DASH = re.compile(r"(?:--|[-–—―])\s+(?=[\"“A-Z0-9a-z])")
# Words that open a sentence, never a dateline place ("Presiden -" is not a place).
_NOT_PLACES = {"baca", "simak", "lihat", "foto", "video", "editor", "reporter", "penulis",
               "update", "breaking", "the", "a", "an"}


@dataclass(frozen=True)
class Dateline:
    place: str | None
    outlet: str | None
    end: int  # offset just past the dateline and its dash
    strong: bool = True  # names an outlet or a region, not only a place


def find_dateline(text: str, start: int, end: int) -> Dateline | None:
    """The dateline opening ``text[start:end]``, if there is one."""
    for pattern, strong in _PATTERNS:
        match = pattern.match(text, start, end)
        if match is None:
            continue
        place = match.groupdict().get("place")
        outlet = match.groupdict().get("outlet")
        if place and place.split()[0].casefold().strip(".,") in _NOT_PLACES:
            continue
        if place and outlet is None and "." in place.split(",")[0] and not _abbreviated(place):
            outlet, place = place, None  # "KOMPAS.com - …": an outlet with no place
        return Dateline(_place(place) if place else None, _outlet(outlet), match.end(), strong)
    return None


def dateline_line(line: str) -> Dateline | None:
    """A whole line that is only a dateline (``Jakarta, Pahami.id``)."""
    match = _OWN_LINE.fullmatch(line.strip())
    if match is None:
        return None
    place = match.group("place") or match.group("place2") or match.group("place3")
    outlet = match.group("outlet") or match.group("outlet2") or match.group("outlet3")
    if place.split()[0].casefold() in _NOT_PLACES:
        return None
    return Dateline(_place(place), _outlet(outlet), len(line), True)


def dateline_only(block: str) -> bool:
    """A block that is a dateline and nothing else (``Jakarta -``): a page that set the story's
    first words apart from it, in the next block."""
    return dateline_alone(block, 0, len(block)) is not None


def dateline_alone(text: str, start: int, end: int) -> Dateline | None:
    """``text[start:end]`` when it is a dateline and nothing else (``Berlin -``, ``CNN —`` on
    a line of their own), asked as the same patterns see a dateline with a word after it;
    its ``end`` is ``end``."""
    if end - start > ALONE_LIMIT:
        return None  # a paragraph, not a dateline: no pattern matches this much
    probe = " ".join(text[start:end].split()) + " A"
    found = find_dateline(probe, 0, len(probe))
    if found is None or found.end != len(probe) - 1:
        return None
    return Dateline(found.place, found.outlet, end, found.strong)


def lone_dash(text: str, start: int, end: int) -> int:
    """Offset past a leading dash that a removed dateline left behind, else ``start``."""
    match = _LONE_DASH.match(text, start, end)
    return match.end() if match else start


def _abbreviated(place: str) -> bool:
    return bool(re.match(r"(?:St|Ft|Mt)\.\s", place, re.IGNORECASE))


def _place(place: str) -> str:
    place = " ".join(place.split()).strip(" ,")
    head, _, region = place.partition(",")
    head = head.title() if head.isupper() else head
    return f"{head}, {region.strip()}" if region else head


def _outlet(outlet: str | None) -> str | None:
    if not outlet:
        return None
    return " ".join(outlet.split()).rstrip("®").strip() or None
