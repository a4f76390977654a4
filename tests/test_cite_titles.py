"""Titles: quotations inside them, capitalisation by language, the ?/! rule, untitled articles."""

from __future__ import annotations

import datetime
import json
import re

import pytest

from reader.cite import cite
from reader.cite.titles import curl_quotes, headline_case, sentence_case, word_usage
from reader.records import Article, Paragraph

ACCESSED = datetime.date(2026, 11, 21)


def article(title: str, paragraphs: list[str] | None = None, **meta) -> Article:
    texts = paragraphs or ["Paragraf satu."]
    meta.setdefault("source", "CNN Indonesia")
    meta.setdefault("date", "2025-11-07")
    return Article(doc="d", path="d.txt", title=title,
                   paragraphs=[Paragraph(i, t, 0, len(t)) for i, t in enumerate(texts, 1)],
                   **meta)


def styles(a: Article, para: int = 1) -> dict[str, str]:
    return {s: cite(a, para, style=s, accessed=ACCESSED)
            for s in ("plain", "markdown", "apa", "chicago", "mla", "bibtex", "csl-json")}


# --- quotation marks inside titles ----------------------------------------------------------

QUOTED_TITLE = '"Kami Akan Segera Mengumumkan": Trump Sebut Kazakhstan Gabung Abraham Accords'


def test_straight_quotes_in_a_title_become_inner_marks_wherever_the_title_is_quoted():
    out = styles(article(QUOTED_TITLE, language="id"))
    inner = "“‘Kami Akan Segera Mengumumkan’: Trump Sebut Kazakhstan Gabung Abraham Accords"
    assert f"{inner},” CNN Indonesia" in out["chicago"]
    assert f"{inner}.” CNN Indonesia" in out["mla"]
    assert f"({inner},” 2025, para. 1)" in out["apa"]
    assert f"{inner}”" in out["plain"]
    assert '"' not in "".join(v for k, v in out.items() if k != "csl-json")


def test_an_unquoted_title_keeps_double_marks_curled():
    # APA reference titles of articles are not quoted (APA 7 §9.19), so the inner marks stay double.
    apa = styles(article(QUOTED_TITLE, language="id"))["apa"].splitlines()[1]
    assert apa.startswith("“Kami Akan Segera Mengumumkan”: Trump Sebut")
    item = json.loads(styles(article(QUOTED_TITLE, language="id"))["csl-json"])["items"][0]
    assert item["title"].startswith("“Kami Akan Segera Mengumumkan”: Trump")


def test_biblatex_quotes_inside_a_title_with_mkbibquote():
    # A straight " typesets as ” on both sides; \mkbibquote lets csquotes nest the marks.
    bib = styles(article(QUOTED_TITLE, language="id"))["bibtex"]
    assert "title = {\\mkbibquote{Kami {Akan} {Segera} {Mengumumkan}}: {Trump} " in bib
    assert '"' not in bib


@pytest.mark.parametrize(
    ("text", "curled"),
    [
        ('"Ini" kata dia', "“Ini” kata dia"),
        ('Soal "dua negara" lagi', "Soal “dua negara” lagi"),
        ('("Tidak")', "(“Tidak”)"),
        ("„Nein“ sagt er", "“Nein“ sagt er"),
    ],
)
def test_curl_quotes_by_position(text, curled):
    assert curl_quotes(text) == curled


# --- the ? and ! rule -------------------------------------------------------------------------


@pytest.mark.parametrize("mark", ["?", "!"])
def test_chicago_keeps_the_comma_after_a_titles_question_or_exclamation_mark(mark):
    # CMOS 17 §6.119; the issue's own example is “…Indonesia?,” Tempo.co,
    a = article(f"Akankah Abraham Accords Menyusul ke Indonesia{mark}", source="Tempo.co",
                language="id")
    out = styles(a)
    assert f"“Akankah Abraham Accords Menyusul ke Indonesia{mark},” Tempo.co, " in out["chicago"]
    assert f"Indonesia{mark}” Tempo.co, 7 Nov. 2025." in out["mla"]  # MLA: no comma, no period
    assert f"Indonesia{mark} (2025, November 7). Tempo.co." in out["apa"]
    assert f"(“Akankah Abraham Accords Menyusul ke Indonesia{mark}” 2025" in out["apa"]


# --- capitalisation by language ---------------------------------------------------------------

# APA 7 §10.1 example 16 (Guarino, The Washington Post), given here in headline style.
GUARINO = "How Will Humanity React to Alien Life? Psychologists Have Some Predictions"
GUARINO_TEXT = [
    "Scientists wonder how humanity would react to alien life, and psychologists have some "
    "predictions. Most people will react calmly, they say, to news of life elsewhere."
]


def test_apa_reference_sentence_case_for_english_as_in_the_guide_example():
    a = article(GUARINO, GUARINO_TEXT, source="The Washington Post", author="B. Guarino",
                date="2017-12-04", language="en")
    assert styles(a)["apa"].splitlines()[1] == (
        "Guarino, B. (2017, December 4). How will humanity react to alien life? Psychologists "
        "have some predictions. The Washington Post."
    )


def test_apa_in_text_title_case_for_an_unsigned_english_article():
    # APA 7 §8.14: title case in the in-text citation, sentence case in the reference.
    a = article("Kazakhstan joins the Abraham Accords: what it means", ["The Abraham Accords."],
                source="AP News", language="en")
    lines = styles(a)["apa"].splitlines()
    assert lines[0] == "(“Kazakhstan Joins the Abraham Accords,” 2025, para. 1)"
    assert lines[1].startswith("Kazakhstan joins the Abraham Accords: What it means. (2025")


def test_chicago_and_mla_headline_case_for_english_as_in_the_guide_examples():
    # Chicago Citation Quick Guide (Manjoo) and CMOS 17's unsigned article, given in sentence case.
    manjoo = article("Snap makes a bet on the cultural supremacy of the camera",
                     source="New York Times", author="Farhad Manjoo", date="2017-03-08",
                     language="en")
    assert "“Snap Makes a Bet on the Cultural Supremacy of the Camera,” New York Times" in (
        styles(manjoo)["chicago"]
    )
    assert "“Snap Makes a Bet on the Cultural Supremacy of the Camera.” New York Times" in (
        styles(manjoo)["mla"]
    )
    texas = article("In Texas, ad heats up race for governor", source="New York Times",
                    date="2002-07-30", language="en-US")
    assert styles(texas)["chicago"].startswith("1. “In Texas, Ad Heats Up Race for Governor,”")


@pytest.mark.parametrize("language", ["id", None, "ms"])
def test_titles_in_other_or_unknown_languages_stay_as_given(language):
    title = "Kazakhstan Terpilih Menjadi Anggota Abraham Accords, Buka Peluang dan Keamanan dengan"
    out = styles(article(title, language=language))
    assert f"“{title},”" in out["chicago"]
    assert f"“{title}.”" in out["mla"]
    assert f"{title}. (2025, November 7)." in out["apa"]
    assert json.loads(out["csl-json"])["items"][0]["title"] == title


def test_sentence_case_keeps_what_the_article_capitalises_mid_sentence():
    usage = word_usage(["Trump said the Abraham Accords would grow.", "Kazakhstan joins."])
    assert sentence_case("Kazakhstan Joins the Abraham Accords", usage) == (
        "Kazakhstan joins the Abraham Accords"
    )
    # function words need no evidence; other words do
    assert sentence_case("A Deal With The Gulf", word_usage(["a deal in the Gulf"])) == (
        "A deal with the Gulf"
    )
    # acronyms and inner capitals are never lowered
    assert sentence_case("NATO Talks On iPhone Ban", {"talks": (1, 0), "ban": (1, 0)}) == (
        "NATO talks on iPhone ban"
    )


def test_sentence_case_leaves_a_title_alone_when_the_article_cannot_decide_a_word():
    # A word the article never uses may be a name ("New", "May", "Will" can be): rather than a
    # title half lowered, the title as given.
    assert sentence_case("Tokayev Meets Rubio", {}) == "Tokayev Meets Rubio"
    assert sentence_case("Why New York Will Wait Until May", {}) == (
        "Why New York Will Wait Until May"
    )
    usage = word_usage(["The allergy season is getting worse, doctors say."])
    title = "Allergy Season Is Getting Worse And Lasting Longer"
    assert sentence_case(title, usage) == title
    assert sentence_case("Allergy Season Is Getting Worse", usage) == (
        "Allergy season is getting worse"
    )


@pytest.mark.parametrize(
    ("style", "expected"),
    [
        ("chicago", "What to Expect When the Accords Grow: A Guide for Readers"),
        ("mla", "What to Expect When the Accords Grow: A Guide for Readers"),
        ("apa", "What to Expect When the Accords Grow: A Guide for Readers"),
    ],
)
def test_headline_case_capitalises_after_a_colon_and_the_last_word(style, expected):
    assert headline_case("what to expect when the accords grow: a guide for readers", style) == (
        expected
    )


def test_headline_case_differs_where_the_guides_differ():
    # APA capitalises words of four letters or more ("With") and lowercases short conjunctions
    # ("yet"); Chicago lowercases prepositions of any length but capitalises "yet" and "so";
    # MLA lowercases both.
    assert headline_case("talks with iran, yet no deal", "apa") == "Talks With Iran, yet No Deal"
    assert headline_case("talks with iran, yet no deal", "chicago") == (
        "Talks with Iran, Yet No Deal"
    )
    assert headline_case("talks with iran, yet no deal", "mla") == "Talks with Iran, yet No Deal"


def test_english_biblatex_title_is_headline_case_with_names_braced():
    a = article("Kazakhstan joins the Abraham Accords", ["It joins the Abraham Accords."],
                source="AP News", language="en")
    assert "title = {Kazakhstan Joins the {Abraham} {Accords}}," in styles(a)["bibtex"]


# --- untitled articles ------------------------------------------------------------------------

FIRST = (
    "Presiden Trump sebelumnya bertemu dengan Presiden Tokayev serta empat pemimpin Asia Tengah "
    "lainnya di Gedung Putih."
)


def untitled(sentence: str = FIRST) -> Article:
    return article(sentence, [sentence, "Paragraf dua."], source="Pahami.id", language="id",
                   title_derived=True)


def test_a_title_made_from_the_first_sentence_is_cited_as_an_untitled_work():
    out = styles(untitled(), para=2)
    opening = "“Presiden Trump sebelumnya bertemu dengan Presiden Tokayev serta…”"
    description = f"Untitled article beginning {opening}"
    # APA 7 §9.21-9.22: a bracketed description in the title's place
    assert out["apa"].splitlines() == [
        f"([{description}], 2025, para. 2)",
        f"[{description}]. (2025, November 7). Pahami.id.",
    ]
    assert out["chicago"] == (
        f"1. {description[:-1]},” Pahami.id, November 7, 2025, para. 2."
    )
    assert out["mla"].splitlines()[1] == f"{description} Pahami.id, 7 Nov. 2025."
    assert out["plain"].splitlines()[1] == f"Pahami.id, [{description}], 2025-11-07, ¶ 2"
    assert "— \\[Untitled article beginning “Presiden" in out["markdown"]
    assert "titleaddon = {Untitled article beginning \\mkbibquote{Presiden Trump" in out["bibtex"]
    assert "\n  title = " not in out["bibtex"]
    assert json.loads(out["csl-json"])["items"][0]["title"] == f"[{description}]"


def test_an_untitled_articles_opening_is_never_cut_mid_word():
    for sentence in (FIRST, "Satu dua tiga empat lima enam tujuh delapan sembilan sepuluh.",
                     "Sangat-panjang-sekali " * 12):
        out = styles(untitled(sentence.strip()), para=2)
        quoted = re.search(r"beginning “(.*?)”", out["apa"]).group(1)
        words = quoted.rstrip("…").split()
        assert words and all(w in sentence.split() or w + "." in sentence.split() for w in words)
        assert sentence.strip() not in out["apa"]  # the sentence is never passed off as a title


def test_a_short_first_sentence_is_quoted_whole():
    out = styles(untitled("Kazakhstan bergabung."), para=2)
    assert "[Untitled article beginning “Kazakhstan bergabung”]. (2025" in out["apa"]


def test_a_titles_closing_period_gives_way_to_the_comma_but_an_abbreviations_stays():
    def chicago(title: str) -> str:
        return styles(article(title, source="Outlet", language="id"))["chicago"]

    assert "“Ini yang Perlu Diketahui,” Outlet," in chicago("Ini yang Perlu Diketahui.")
    assert "“Produk Buatan U.S.,” Outlet," in chicago("Produk Buatan U.S.")
    assert "“Laba Astra Tbk.,” Outlet," in chicago("Laba Astra Tbk.")


def test_sentence_case_keeps_the_capital_that_opens_a_quotation():
    usage = {"removes": (1, 0), "sign": (1, 0), "color": (0, 1), "policy": (0, 1)}
    assert sentence_case("Binion’s Removes ‘No Color Policy’ Sign", usage) == (
        "Binion’s removes ‘No Color Policy’ sign"
    )


@pytest.mark.parametrize(
    ("title", "short"),
    [
        ("Kazakhstan Terpilih Menjadi Anggota Abraham Accords, Buka Peluang Kerja Sama",
         "Kazakhstan Terpilih Menjadi Anggota Abraham Accords"),
        ("2 Dead, 5 Missing in Chocolate Factory Explosion Near the City",
         "2 Dead, 5 Missing in Chocolate Factory Explosion Near the City"),  # "2 Dead" is too short
        ("Pemerintah Umumkan Kebijakan Baru untuk Petani.",
         "Pemerintah Umumkan Kebijakan Baru untuk Petani"),
        ("Judul Pendek", "Judul Pendek"),
    ],
)
def test_short_titles_for_in_text_citations(title, short):
    out = styles(article(title, language="id"))
    assert f"(“{short}”)" == out["mla"].splitlines()[0]
    item = json.loads(out["csl-json"])["items"][0]
    if len(short.split()) < len(title.split()):
        assert item["title-short"] == short
    else:  # CSL gets a title-short only when it is shorter
        assert "title-short" not in item
