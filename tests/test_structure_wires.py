"""Wire and web furniture in plain texts: datelines with a day or a horizontal bar, a
dateline or an outlet on a line of its own, credits, notices, separators and an ad slot's
script. Made-up lines in the shapes real wires and portals use."""

from __future__ import annotations

import pytest

from reader.ingest.boilerplate import is_boilerplate
from reader.ingest.dateline import find_dateline
from reader.ingest.structure import parse_structure

BODY = ("Walmart is laying off hundreds of workers at five fulfillment centers, the company "
        "said on Thursday.\n\n"
        "The cuts follow a review of the network that began last year, two people said.\n\n"
        "\"We are making changes so we can serve customers better,\" a spokesperson said.")


def paragraphs(text: str) -> tuple[list[str], str | None, str | None]:
    found = parse_structure(text, headline=False)
    return [text[a:b] for a, b in found.spans], found.dateline, found.source


@pytest.mark.parametrize("opening, place, outlet", [
    ("NEW YORK, March 23 (Reuters) - ", "New York", "Reuters"),
    ("WASHINGTON ― ", "Washington", None),
    ("CNN — ", None, "CNN"),
])
def test_a_wires_dateline_leaves_the_lede(opening, place, outlet):
    found = find_dateline(opening + "Walmart", 0, len(opening) + 7)
    assert (found.place, found.outlet, found.end) == (place, outlet, len(opening))


@pytest.mark.parametrize("line, place, outlet", [
    ("Berlin -", "Berlin", None),
    ("CNN —", None, "CNN"),
])
def test_a_dateline_on_a_line_of_its_own_is_no_paragraph(line, place, outlet):
    found, dateline, source = paragraphs(f"{line}\n\n{BODY}")
    assert len(found) == 3 and found[0].startswith("Walmart is laying off")
    assert (dateline, source) == (place, outlet)


@pytest.mark.parametrize("line", [
    "googletag.cmd.push(function() { googletag.display('div-gpt-ad-97464881'); });",
    "---",
    "* * *",
    "Reporting by Jane Roe in New York; Editing by John Doe",
    "Our Standards: The Thomson Reuters Trust Principles.",
    "Georg Szalai in London contributed to this report.",
    "Editor’s Note: Sign up for our newsletter series to get the week's best stories.",
    "More on plastics: Microplastics Found in Every Sample, Scientists Say",
    "This story is part of the 2023 Climate Issue (click here to read more).",
    "Governor Jane Roe speaks at a news conference in Sacramento. Adam Beam / AP",
    "Listen 8 min Comment on this story Comment Gift Article Share",
    "SEE RELATED STORY",
    "For news updates, follow Jane Roe on Facebook, Twitter and Instagram.",
])
def test_credits_notices_and_scripts_are_not_paragraphs(line):
    assert is_boilerplate(line)
    found, _, _ = paragraphs(f"{BODY}\n\n{line}\n\nThe company declined to comment further.")
    assert line not in found and len(found) == 4


@pytest.mark.parametrize("line", [
    "Reporting by the Times showed that the city had hidden the costs for years.",
    "More on that later, the mayor said, as the meeting ran long.",
    "Editing by hand is slow, she said, but it catches what a program misses.",
    "The mayor said the plan -- and the money -- was ready.",
])
def test_prose_that_opens_like_a_notice_stays(line):
    assert not is_boilerplate(line)


def test_a_long_caption_closed_by_its_photographers_credit_is_no_paragraph():
    caption = ("Former player John Roe, center, appears in court with his attorneys Jane Doe, "
               "left, and Richard Poe for a hearing at the Regional Justice Center in Las Vegas on "
               "Wednesday, March 15, 2023. Roe faces felony charges in connection with a crash in "
               "2021. (K.M. Cannon/Las Vegas Review-Journal) @KMCannonPhoto")
    assert len(caption) > 250
    found, _, _ = paragraphs(f"{caption}\n\n{BODY}")
    assert caption not in found and len(found) == 3
