"""Bylines into authors: people split, organisations whole, labels, outlets and honorifics gone."""

from __future__ import annotations

import datetime
import json

import pytest

from reader.cite import cite
from reader.cite.names import Name, parse_byline
from reader.ingest import read_file
from reader.records import Article, Paragraph

ACCESSED = datetime.date(2026, 11, 21)


def person(given: str, family: str, suffix: str | None = None) -> Name:
    return Name(family=family, given=given, suffix=suffix)


def org(name: str) -> Name:
    return Name(literal=name)


@pytest.mark.parametrize(
    ("byline", "names"),
    [
        # organisations and teams stay one literal name
        ("Kantor Berita Antara", [org("Kantor Berita Antara")]),
        ("Associated Press", [org("Associated Press")]),
        ("Tim Detikcom", [org("Tim Detikcom")]),
        ("Kementerian Luar Negeri", [org("Kementerian Luar Negeri")]),
        ("The Washington Post", [org("The Washington Post")]),
        ("Reuters Staff", [org("Reuters Staff")]),
        ("CNN Indonesia", [org("CNN Indonesia")]),
        ("Liputan6.com", [org("Liputan6.com")]),
        ("Reuters", [org("Reuters")]),
        # byline labels are not part of a name
        ("Oleh: Budi Santoso", [person("Budi", "Santoso")]),
        ("Oleh Budi Santoso", [person("Budi", "Santoso")]),
        ("By Farhad Manjoo", [person("Farhad", "Manjoo")]),
        ("Reporter: Budi Santoso", [person("Budi", "Santoso")]),
        ("Penulis: Budi Santoso | Editor: Ani Wijaya", [person("Budi", "Santoso")]),
        # an outlet after a comma is the outlet, not a given name
        ("Budi Santoso, Kompas.com", [person("Budi", "Santoso")]),
        ("Budi Santoso, Tempo.co", [person("Budi", "Santoso")]),
        # honorifics and degrees are not names
        ("Dr. Budi Santoso", [person("Budi", "Santoso")]),
        ("Prof. Dr. Ir. Budi Santoso", [person("Budi", "Santoso")]),
        ("H. Budi Santoso", [person("Budi", "Santoso")]),
        ("Budi Santoso, S.H., M.Hum.", [person("Budi", "Santoso")]),
        # Indonesian single names stay single
        ("Pratikno", [Name(family="Pratikno")]),
        # several people
        ("Budi Santoso dan Ani Wijaya", [person("Budi", "Santoso"), person("Ani", "Wijaya")]),
        ("Budi Santoso, Ani Wijaya", [person("Budi", "Santoso"), person("Ani", "Wijaya")]),
        (
            "Budi Santoso, Ani Wijaya, and Rina Putri",
            [person("Budi", "Santoso"), person("Ani", "Wijaya"), person("Rina", "Putri")],
        ),
        ("Santoso, Budi", [person("Budi", "Santoso")]),
        ("BUDI SANTOSO", [person("Budi", "Santoso")]),
        ("Martin Luther King, Jr.", [person("Martin Luther", "King", "Jr.")]),
        ("Muhammad bin Salman", [org("Muhammad bin Salman")]),  # kept whole, never mis-split
        ("", []),
    ],
)
def test_bylines(byline, names):
    assert list(parse_byline(byline, outlet="Tempo.co", language="id")) == names


def test_tim_is_a_team_in_indonesian_and_a_given_name_in_english():
    assert parse_byline("Tim Redaksi", language="id") == (org("Tim Redaksi"),)
    assert parse_byline("Tim Cook", language="en") == (person("Tim", "Cook"),)
    assert parse_byline("Tim CNN Indonesia", language="en") == (org("Tim CNN Indonesia"),)


def test_the_articles_own_outlet_is_dropped_from_a_byline():
    assert parse_byline("Budi Santoso, Pahami", outlet="Pahami") == (person("Budi", "Santoso"),)


def cited(author: str, style: str) -> str:
    a = Article(doc="d", path="d.txt", title="Judul", source="Kompas.com", author=author,
                date="2025-11-07", language="id",
                paragraphs=[Paragraph(1, "Teks.", 0, 5)])
    return cite(a, 1, style=style, accessed=ACCESSED)


@pytest.mark.parametrize(
    ("author", "apa"),
    [
        ("Kantor Berita Antara", "Kantor Berita Antara. (2025, November 7)."),
        ("Associated Press", "Associated Press. (2025, November 7)."),
        ("Tim Detikcom", "Tim Detikcom. (2025, November 7)."),
        ("Kementerian Luar Negeri", "Kementerian Luar Negeri. (2025, November 7)."),
        ("Oleh: Budi Santoso", "Santoso, B. (2025, November 7)."),
        ("Budi Santoso, Kompas.com", "Santoso, B. (2025, November 7)."),
        ("Dr. Budi Santoso", "Santoso, B. (2025, November 7)."),
        ("Pratikno", "Pratikno. (2025, November 7)."),
    ],
)
def test_apa_names_from_bylines(author, apa):
    assert cited(author, "apa").splitlines()[1].startswith(apa)


def test_plain_and_markdown_name_a_known_author():
    assert cited("Oleh: Budi Santoso", "plain").splitlines()[1] == (
        "Kompas.com, “Judul”, by Budi Santoso, 2025-11-07, ¶ 1"
    )
    assert cited("Budi Santoso; Ani Wijaya; Rina Putri", "plain").splitlines()[1] == (
        "Kompas.com, “Judul”, by Budi Santoso, Ani Wijaya, and Rina Putri, 2025-11-07, ¶ 1"
    )
    assert cited("Kantor Berita Antara", "markdown").splitlines()[-1] == (
        "— *Judul*, by Kantor Berita Antara, Kompas.com, 2025-11-07, ¶ 1"
    )


def test_organisations_are_literal_in_csl_and_braced_in_biblatex():
    item = json.loads(cited("Kantor Berita Antara dan Associated Press", "csl-json"))
    assert item["items"][0]["author"] == [
        {"literal": "Kantor Berita Antara"},
        {"literal": "Associated Press"},
    ]
    assert "author = {{Kantor Berita Antara} and {Associated Press}}" in cited(
        "Kantor Berita Antara dan Associated Press", "bibtex"
    )
    assert "author = {{Pratikno}}" in cited("Pratikno", "bibtex")


def sidecar_article(tmp_path, toml: str) -> Article:
    text = tmp_path / "berita.txt"
    text.write_text("Judul Berita\n\nParagraf pertama yang cukup panjang.\n", encoding="utf-8")
    (tmp_path / "berita.meta.toml").write_text(toml, encoding="utf-8")
    (article,) = read_file(text, "berita")
    return article


@pytest.mark.parametrize("key", ["author", "authors"])
def test_a_toml_array_of_authors_is_read(tmp_path, key):
    article = sidecar_article(
        tmp_path, f'outlet = "Tempo.co"\n{key} = ["Budi Santoso", "Santoso, Ani", "Tim Redaksi"]\n'
    )
    item = json.loads(cite(article, 1, style="csl-json", accessed=ACCESSED))["items"][0]
    assert item["author"] == [
        {"family": "Santoso", "given": "Budi"},
        {"family": "Santoso", "given": "Ani"},
        {"literal": "Tim Redaksi"},
    ]


def test_author_wins_over_authors_and_junk_in_an_array_is_skipped(tmp_path):
    article = sidecar_article(tmp_path, 'author = ["Budi Santoso", 3, ""]\nauthors = ["X Y"]\n')
    assert article.author == "Budi Santoso"
