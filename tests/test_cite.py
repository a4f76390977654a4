"""Citations in each style against the style guides' examples, the seed article and metadata
that is known, partly known or missing."""

from __future__ import annotations

import datetime
import re

import pytest

from reader.cite import CitationError, cite
from reader.records import Article, Quote

from .cite_helpers import (
    ACCESSED,
    SEED_P8,
    SEED_QUOTE,
    SEED_TITLE,
    article,
    csl,
    parse_one_entry,
    quote_in,
    seed_article,
)


@pytest.fixture
def seed() -> Article:
    return seed_article()


def test_the_fixture_quote_matches_its_offsets(seed):
    para = seed.paragraph(8)
    q = para.quotes[0]
    assert para.text[q.start : q.end] == q.text
    assert q.text.rstrip(",") == SEED_QUOTE


# --- the guides' own examples -----------------------------------------------------------------

# APA 7, "Newspaper article references" (Publication Manual 10.1, example 16; apastyle.apa.org).
CAREY = dict(
    title="Can we get better at forgetting?",
    source="The New York Times",
    author="Benedict Carey",
    date="2019-03-22",
    url="https://www.nytimes.com/2019/03/22/health/memory-forgetting-psychology.html",
)
STOBBE = dict(
    title="Cancer death rate in U.S. sees largest one-year drop ever",
    source="Chicago Tribune",
    author="Mike Stobbe",
    date="2020-01-08",
)
# Chicago 17th ed., Citation Quick Guide, "News or magazine article", note form.
MANJOO = dict(
    title="Snap Makes a Bet on the Cultural Supremacy of the Camera",
    source="New York Times",
    author="Farhad Manjoo",
    date="2017-03-08",
    url=(
        "https://www.nytimes.com/2017/03/08/technology/"
        "snap-makes-a-bet-on-the-cultural-supremacy-of-the-camera.html"
    ),
)
# CMOS 17 §14.207's unsigned newspaper article (quoted in the CMOS Q&A on unsigned articles).
UNSIGNED = dict(
    title="In Texas, Ad Heats Up Race for Governor", source="New York Times", date="2002-07-30"
)


def test_apa_guide_example_online_newspaper_with_author():
    out = cite(article(**CAREY), 1, style="apa", accessed=ACCESSED)
    assert out.splitlines() == [
        "(Carey, 2019, para. 1)",
        "Carey, B. (2019, March 22). Can we get better at forgetting? The New York Times. "
        "https://www.nytimes.com/2019/03/22/health/memory-forgetting-psychology.html",
    ]


def test_apa_guide_example_newspaper_without_url():
    out = cite(article(**STOBBE), 1, style="apa", accessed=ACCESSED)
    assert out.splitlines()[1] == (
        "Stobbe, M. (2020, January 8). Cancer death rate in U.S. sees largest one-year drop ever. "
        "Chicago Tribune."
    )


def test_apa_without_author_moves_the_title_to_the_author_position():
    # APA 7 §9.12 (reference: "Title. (Date). Source.") and §8.14 (in text: the title in double
    # quotation marks, the comma inside them). APA publishes no unsigned newspaper example, so
    # the metadata is CMOS's unsigned article.
    out = cite(article(**UNSIGNED), 1, style="apa", accessed=ACCESSED)
    assert out.splitlines() == [
        "(“In Texas, Ad Heats Up Race for Governor,” 2002, para. 1)",
        "In Texas, Ad Heats Up Race for Governor. (2002, July 30). New York Times.",
    ]


def test_chicago_guide_example_news_article_note():
    guide = (
        "1. Farhad Manjoo, “Snap Makes a Bet on the Cultural Supremacy of the Camera,” New York "
        "Times, March 8, 2017, https://www.nytimes.com/2017/03/08/technology/"
        "snap-makes-a-bet-on-the-cultural-supremacy-of-the-camera.html."
    )
    out = cite(article(paragraphs=["a", "b"], **MANJOO), 2, style="chicago", accessed=ACCESSED)
    # The guide's note cites the whole article; ours adds the paragraph before the URL.
    assert out == guide.replace("2017, https:", "2017, para. 2, https:")


def test_chicago_unsigned_article_note_starts_with_the_title():
    # CMOS 17 §14.207: unsigned news items are cited in notes; the newspaper stands in place of
    # the author only in a bibliography entry.
    guide = "1. “In Texas, Ad Heats Up Race for Governor,” New York Times, July 30, 2002."
    out = cite(article(**UNSIGNED), 1, style="chicago", accessed=ACCESSED)
    assert out == guide.replace("2002.", "2002, para. 1.")


def test_mla_newspaper_article_with_author():
    # MLA 9 core elements for an online newspaper article: Author. “Title.” Container, date, URL.
    # (day month year, months abbreviated, the protocol left out of the URL).
    meta = dict(MANJOO, source="The New York Times")
    out = cite(article(**meta), 1, style="mla", accessed=ACCESSED)
    assert out.splitlines() == [
        "(Manjoo)",
        "Manjoo, Farhad. “Snap Makes a Bet on the Cultural Supremacy of the Camera.” The New York "
        "Times, 8 Mar. 2017, www.nytimes.com/2017/03/08/technology/"
        "snap-makes-a-bet-on-the-cultural-supremacy-of-the-camera.html.",
    ]


def test_mla_without_author_starts_with_the_title():
    out = cite(article(**UNSIGNED), 1, style="mla", accessed=ACCESSED)
    assert out.splitlines() == [
        "(“In Texas, Ad Heats Up Race for Governor”)",
        "“In Texas, Ad Heats Up Race for Governor.” New York Times, 30 July 2002.",
    ]


def test_a_title_ending_in_a_question_mark_takes_no_period_and_only_chicago_keeps_the_comma():
    # CMOS 17 §6.119 keeps a comma after a title's own ? or !; APA and MLA drop it.
    meta = dict(CAREY, author=None)
    assert cite(article(**meta), 1, style="chicago", accessed=ACCESSED).startswith(
        "1. “Can we get better at forgetting?,” The New York Times, March 22, 2019, para. 1, https:"
    )
    assert "“Can we get better at forgetting?” The New York Times, 22 Mar. 2019" in cite(
        article(**meta), 1, style="mla", accessed=ACCESSED
    )
    apa = cite(article(**meta), 1, style="apa", accessed=ACCESSED).splitlines()
    assert apa[0] == "(“Can we get better at forgetting?” 2019, para. 1)"
    assert apa[1].startswith("Can we get better at forgetting? (2019, March 22). The New York")


# --- the seed article, paragraph 8 --------------------------------------------------------------

SEED_LINE = f"Pahami.id, “{SEED_TITLE}”, n.d., ¶ 8"


def test_seed_plain(seed):
    text, line = cite(seed, 8, accessed=ACCESSED).splitlines()
    assert line == SEED_LINE
    assert text == SEED_P8  # the whole paragraph unless a length is chosen
    excerpt = cite(seed, 8, accessed=ACCESSED, excerpt_chars=200).splitlines()[0]
    assert excerpt.endswith("Kamis (6/11)…") and len(excerpt) <= 201
    assert SEED_P8.startswith(excerpt[:-1])


def test_seed_plain_quote(seed):
    assert (
        cite(seed, 8, 1, accessed=ACCESSED) == f"“{SEED_QUOTE}” — Trump (via Reuters)\n{SEED_LINE}"
    )


def test_seed_markdown(seed):
    assert cite(seed, 8, style="markdown", accessed=ACCESSED) == (
        f"> {SEED_P8}\n\n— *{SEED_TITLE}*, Pahami.id, n.d., ¶ 8"
    )
    assert cite(seed, 8, 1, style="markdown", accessed=ACCESSED) == (
        f"> {SEED_QUOTE}\n\n— Trump (via Reuters), *{SEED_TITLE}*, Pahami.id, n.d., ¶ 8"
    )


def test_seed_apa(seed):
    reference = f"{SEED_TITLE}. (n.d.). Pahami.id."
    in_text = "(“Berita Kazakhstan Akui Mau Gabung Abraham Accords,” n.d., para. 8)"
    assert cite(seed, 8, style="apa", accessed=ACCESSED) == f"{in_text}\n{reference}"
    assert cite(seed, 8, 1, style="apa", accessed=ACCESSED) == (
        f"Trump: “{SEED_QUOTE}” {in_text}\n{reference}"
    )


def test_seed_chicago(seed):
    note = f"1. “{SEED_TITLE},” Pahami.id, n.d., para. 8."
    assert cite(seed, 8, style="chicago", accessed=ACCESSED) == note
    assert cite(seed, 8, 1, style="chicago", accessed=ACCESSED) == f"Trump: “{SEED_QUOTE}”\n{note}"


def test_seed_mla(seed):
    entry = f"“{SEED_TITLE}.” Pahami.id."  # no URL: nothing was accessed online
    in_text = "(“Berita Kazakhstan Akui Mau Gabung Abraham Accords”)"
    assert cite(seed, 8, style="mla", accessed=ACCESSED) == f"{in_text}\n{entry}"
    assert cite(seed, 8, 1, style="mla", accessed=ACCESSED) == (
        f"Trump: “{SEED_QUOTE}” {in_text}\n{entry}"
    )
    assert "par." not in cite(seed, 8, style="mla", accessed=ACCESSED)



def test_seed_repeat_paragraph_is_cited_by_the_number_asked_for(seed):
    seed.paragraphs[7].repeat_of = 3
    assert "¶ 8" in cite(seed, 8, accessed=ACCESSED)


# --- metadata that is known, partly known or unknown ------------------------------------------


def full_article(**overrides) -> Article:
    meta = dict(
        title="Kazakhstan joins the Abraham Accords",
        source="Pahami.id",
        author="Dewi Safitri",
        date="2025-11-07",
        url="https://pahami.id/berita/kazakhstan",
        language="id",
    )
    meta.update(overrides)
    return article(paragraphs=[f"Paragraf {n}." for n in range(1, 9)], **meta)


def test_full_metadata_in_every_style():
    a = full_article()
    assert cite(a, 8, accessed=ACCESSED).splitlines()[1] == (
        "Pahami.id, “Kazakhstan joins the Abraham Accords”, by Dewi Safitri, 2025-11-07, ¶ 8, "
        "https://pahami.id/berita/kazakhstan"
    )
    assert cite(a, 8, style="markdown", accessed=ACCESSED).splitlines()[-1] == (
        "— *[Kazakhstan joins the Abraham Accords](<https://pahami.id/berita/kazakhstan>)*, "
        "by Dewi Safitri, Pahami.id, 2025-11-07, ¶ 8"
    )
    assert cite(a, 8, style="apa", accessed=ACCESSED).splitlines() == [
        "(Safitri, 2025, para. 8)",
        "Safitri, D. (2025, November 7). Kazakhstan joins the Abraham Accords. Pahami.id. "
        "https://pahami.id/berita/kazakhstan",
    ]
    assert cite(a, 8, style="chicago", accessed=ACCESSED) == (
        "1. Dewi Safitri, “Kazakhstan joins the Abraham Accords,” Pahami.id, November 7, 2025, "
        "para. 8, https://pahami.id/berita/kazakhstan."
    )
    assert cite(a, 8, style="mla", accessed=ACCESSED).splitlines() == [
        "(Safitri)",
        "Safitri, Dewi. “Kazakhstan joins the Abraham Accords.” Pahami.id, 7 Nov. 2025, "
        "pahami.id/berita/kazakhstan.",
    ]
    entry, fields = parse_one_entry(cite(a, 8, style="bibtex", accessed=ACCESSED))
    assert entry.key == "doc"
    assert fields["author"] == "Safitri, Dewi"
    assert fields["title"] == "Kazakhstan joins the {Abraham} {Accords}"
    assert fields["date"] == "2025-11-07"
    assert fields["url"] == "https://pahami.id/berita/kazakhstan"
    assert "urldate" not in fields  # dated: no access date (APA 7 §9.16, CMOS 17 §14.12)
    item = csl(cite(a, 8, style="csl-json", accessed=ACCESSED))["items"][0]
    assert item["author"] == [{"family": "Safitri", "given": "Dewi"}]
    assert item["issued"] == {"date-parts": [[2025, 11, 7]]}
    assert item["URL"] == "https://pahami.id/berita/kazakhstan"
    assert "accessed" not in item and "note" not in item


@pytest.mark.parametrize(
    ("date", "apa", "chicago", "mla", "plain", "parts"),
    [
        ("2025-11", "(2025, November)", "November 2025", "Nov. 2025", "2025-11", [2025, 11]),
        ("2025", "(2025)", "2025", "2025", "2025", [2025]),
        (
            "2025-09-30T08:00:00+07:00",
            "(2025, September 30)",
            "September 30, 2025",
            "30 Sept. 2025",
            "2025-09-30",
            [2025, 9, 30],
        ),
    ],
)
def test_partial_dates(date, apa, chicago, mla, plain, parts):
    a = full_article(date=date)
    assert f"Safitri, D. {apa}." in cite(a, 8, style="apa", accessed=ACCESSED)
    assert f"Pahami.id, {chicago}, para. 8" in cite(a, 8, style="chicago", accessed=ACCESSED)
    assert f"Pahami.id, {mla}, pahami.id" in cite(a, 8, style="mla", accessed=ACCESSED)
    assert f", {plain}, ¶ 8" in cite(a, 8, accessed=ACCESSED)
    item = csl(cite(a, 8, style="csl-json", accessed=ACCESSED))["items"][0]
    assert item["issued"] == {"date-parts": [parts]}


@pytest.mark.parametrize("date", [None, "", "sometime", "2025-13-01", "2025-02-30", "0000"])
def test_unknown_or_invalid_dates_are_never_guessed(date):
    a = full_article(date=date)
    assert "(n.d.)" in cite(a, 8, style="apa", accessed=ACCESSED)
    assert "Retrieved" not in cite(a, 8, style="apa", accessed=ACCESSED)  # APA 7 §9.16
    assert cite(a, 8, style="chicago", accessed=ACCESSED) == (
        "1. Dewi Safitri, “Kazakhstan joins the Abraham Accords,” Pahami.id, n.d., para. 8, "
        "accessed November 21, 2026, https://pahami.id/berita/kazakhstan."
    )
    assert cite(a, 8, style="mla", accessed=ACCESSED).endswith(
        "Pahami.id, pahami.id/berita/kazakhstan. Accessed 21 Nov. 2026."
    )
    fields = parse_one_entry(cite(a, 8, style="bibtex", accessed=ACCESSED))[1]
    assert "date" not in fields
    assert fields["urldate"] == "2026-11-21"  # undated and online: the one place it belongs
    item = csl(cite(a, 8, style="csl-json", accessed=ACCESSED))["items"][0]
    assert "issued" not in item
    assert item["accessed"] == {"date-parts": [[2026, 11, 21]]}


def test_an_access_date_needs_a_url():
    a = full_article(date=None, url=None)
    assert "ccessed" not in cite(a, 8, style="chicago", accessed=ACCESSED)
    assert "ccessed" not in cite(a, 8, style="mla", accessed=ACCESSED)
    assert "urldate" not in parse_one_entry(cite(a, 8, style="bibtex", accessed=ACCESSED))[1]
    assert "accessed" not in csl(cite(a, 8, style="csl-json", accessed=ACCESSED))["items"][0]


def test_nothing_is_invented_when_metadata_is_missing():
    a = article(title="Judul", paragraphs=["Teks."])
    assert cite(a, 1, style="apa", accessed=ACCESSED) == "(“Judul,” n.d., para. 1)\nJudul. (n.d.)."
    assert cite(a, 1, style="chicago", accessed=ACCESSED) == "1. “Judul,” n.d., para. 1."
    assert cite(a, 1, style="mla", accessed=ACCESSED).splitlines()[1] == "“Judul.”"
    fields = parse_one_entry(cite(a, 1, style="bibtex", accessed=ACCESSED))[1]
    assert set(fields) == {"title", "entrysubtype", "pagination"}
    item = csl(cite(a, 1, style="csl-json", accessed=ACCESSED))["items"][0]
    assert set(item) == {"id", "type", "title"}


def test_accessed_defaults_to_today():
    a = article(url="https://example.org/a")
    today = datetime.date.today()
    assert f"Accessed {today.day} " in cite(a, 1, style="mla")


@pytest.mark.parametrize(
    ("author", "apa", "apa_in_text", "chicago", "mla", "bibtex", "csl_names"),
    [
        (
            "Reuters",
            "Reuters.",
            "(Reuters, ",
            "Reuters, ",
            "Reuters.",
            "{Reuters}",
            [{"literal": "Reuters"}],
        ),
        (
            "CNN Indonesia",
            "CNN Indonesia.",
            "(CNN Indonesia, ",
            "CNN Indonesia, ",
            "CNN Indonesia.",
            "{CNN Indonesia}",
            [{"literal": "CNN Indonesia"}],
        ),
        (
            "Jean-Paul Sartre",
            "Sartre, J.-P.",
            "(Sartre, ",
            "Jean-Paul Sartre, ",
            "Sartre, Jean-Paul.",
            "Sartre, Jean-Paul",
            [{"family": "Sartre", "given": "Jean-Paul"}],
        ),
        (
            "Conger, Kate",
            "Conger, K.",
            "(Conger, ",
            "Kate Conger, ",
            "Conger, Kate.",
            "Conger, Kate",
            [{"family": "Conger", "given": "Kate"}],
        ),
        (
            "Kate Conger and Mike Isaac",
            "Conger, K., & Isaac, M.",
            "(Conger & Isaac, ",
            "Kate Conger and Mike Isaac, ",
            "Conger, Kate, and Mike Isaac.",
            "Conger, Kate and Isaac, Mike",
            [{"family": "Conger", "given": "Kate"}, {"family": "Isaac", "given": "Mike"}],
        ),
        (
            "A Satu; B Dua; C Tiga",
            "Satu, A., Dua, B., & Tiga, C.",
            "(Satu et al., ",
            "A Satu, B Dua, and C Tiga, ",
            "Satu, A, et al.",
            "Satu, A and Dua, B and Tiga, C",
            [
                {"family": "Satu", "given": "A"},
                {"family": "Dua", "given": "B"},
                {"family": "Tiga", "given": "C"},
            ],
        ),
        (
            "by Martin Luther King Jr.",
            "King, M. L., Jr.",
            "(King, ",
            "Martin Luther King Jr., ",
            "King, Martin Luther, Jr.",
            "King, Jr., Martin Luther",
            [{"family": "King", "given": "Martin Luther", "suffix": "Jr."}],
        ),
    ],
)
def test_author_names(author, apa, apa_in_text, chicago, mla, bibtex, csl_names):
    a = full_article(author=author)
    apa_out = cite(a, 8, style="apa", accessed=ACCESSED).splitlines()
    assert apa_out[1].startswith(f"{apa} (2025, November 7).")
    assert apa_out[0].startswith(apa_in_text)
    assert cite(a, 8, style="chicago", accessed=ACCESSED).startswith(f"1. {chicago}“")
    assert cite(a, 8, style="mla", accessed=ACCESSED).splitlines()[1].startswith(f"{mla} “")
    assert parse_one_entry(cite(a, 8, style="bibtex", accessed=ACCESSED))[1]["author"] == bibtex
    item = csl(cite(a, 8, style="csl-json", accessed=ACCESSED))["items"][0]
    assert item["author"] == csl_names


def test_quote_without_speaker_and_trailing_punctuation():
    text = "Ia menyebut perjanjian itu “klub kekuatan,” lalu pergi."
    a = article(paragraphs=[text], title="Judul", source="Pahami.id")
    a.paragraphs[0].quotes = [quote_in(text)]
    assert cite(a, 1, 1, accessed=ACCESSED).splitlines()[0] == "“klub kekuatan”"
    assert cite(a, 1, 1, style="apa", accessed=ACCESSED).startswith("“klub kekuatan” (“Judul,”")


def test_nested_quotation_marks_become_single():
    text = "“Ini soal “dua negara”, kata dia,” ujar Menteri."
    a = article(paragraphs=[text], title="Soal “dua negara” lagi", source="X")
    a.paragraphs[0].quotes = [Quote(1, text.rindex("”"), text[1 : text.rindex("”")], speaker="M")]
    assert cite(a, 1, 1, accessed=ACCESSED).startswith("“Ini soal ‘dua negara’, kata dia” — M")
    assert "“Soal ‘dua negara’ lagi,”" in cite(a, 1, style="chicago", accessed=ACCESSED)


def test_markdown_escapes_markup_and_refuses_unsafe_links():
    a = article(
        paragraphs=["1. *bold* [link](javascript:alert(1)) <b>x</b> # not a heading"],
        title="Title_with *stars*",
        url="javascript:alert(1)",
    )
    out = cite(a, 1, style="markdown", accessed=ACCESSED)
    assert out.startswith(r"> 1\. \*bold\* \[link\](javascript:alert(1)) \<b\>x\</b\> \# not")
    assert "](<javascript" not in out
    assert r"*Title\_with \*stars\**" in out


def test_plain_excerpt_cuts_at_a_word_boundary():
    words = " ".join(["kata"] * 100)
    whole = cite(article(paragraphs=[words]), 1, accessed=ACCESSED).splitlines()[0]
    assert whole == words
    excerpt = cite(article(paragraphs=[words]), 1, accessed=ACCESSED,
                   excerpt_chars=200).splitlines()[0]
    assert excerpt.endswith("kata…")
    assert len(excerpt) <= 201


# --- errors -----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("para", "quote", "style", "message"),
    [
        (8, None, "harvard", "unknown citation style 'harvard'"),
        (9, None, "plain", "000_eb477a4d0f924bfa has no paragraph 9 (it has 8)"),
        (0, None, "plain", "has no paragraph 0"),
        (8, 2, "plain", "000_eb477a4d0f924bfa:8 has no quote 2 (it has 1)"),
        (8, 0, "plain", "has no quote 0"),
        (7, 1, "plain", "000_eb477a4d0f924bfa:7 has no quote 1 (it has none)"),
        ("8", None, "plain", "paragraph number must be a whole number"),
        (8, True, "plain", "quote number must be a whole number"),
    ],
)
def test_errors(seed, para, quote, style, message):
    with pytest.raises(CitationError, match=re.escape(message)) as caught:
        cite(seed, para, quote, style)
    assert "\n" not in str(caught.value)
    assert isinstance(caught.value, ValueError)


def test_style_names_ignore_case(seed):
    assert cite(seed, 8, style=" APA ", accessed=ACCESSED) == cite(
        seed, 8, style="apa", accessed=ACCESSED
    )
