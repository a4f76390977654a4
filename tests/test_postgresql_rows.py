"""A paragraph's PostgreSQL row made in one pass over its words gives what the separate steps
gave: the tokens, the ``tsvector`` of their positions, the counts, the postings rows and the
stems learned. The reference below is the row as first written, from :func:`tokens` and
:func:`tsvector`, on sentences written for the cases (no server needed)."""

from __future__ import annotations

import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.language.analysis import ENGLISH, ENGLISH_MARK, analysis_language
from reader.records import Article, Paragraph, Quote
from reader.search.postgresql import documents, lexemes
from reader.search.postgresql.documents import (
    FIELDS,
    SPELL,
    article_rows,
    field_values,
    term_key,
)
from reader.search.postgresql.lexemes import MAX_POSITION, tokens, tsvector

CODES = {name: code for code, (name, _stemming) in enumerate(FIELDS)}


def reference(article: Article, paragraph: Paragraph, number: int):
    """Vectors, lengths, terms, counts above one and postings rows, step by step."""
    values = field_values(article, paragraph)
    language = analysis_language(article.language)
    vectors, lengths, terms, frequent, rows = [], {}, {}, {}, []
    for name, stemming in FIELDS:
        found = tokens(values[name], stemming, language=language)
        if stemming and language == ENGLISH and values[name]:
            found.insert(0, (ENGLISH_MARK, 0, ENGLISH_MARK))
        literal, where = tsvector(found)
        vectors.append(literal)
        lengths[name] = len(found)
        terms[name] = set(where)
        english = "t" if ENGLISH_MARK in where else "f"
        for term, at in where.items():
            if len(at) > 1:
                frequent[f"{name}:{term}"] = len(at)
            if term == ENGLISH_MARK:
                continue
            text = term.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")
            more = "\\N" if len(at) == 1 else "{" + ",".join(at[1:]) + "}"
            rows.append(f"{term_key(CODES[name], term)}\t{CODES[name]}\t{text}\t{number}\t"
                        f"{len(at)}\t{len(found)}\t{english}\t{at[0]}\t{more}\n")
        if name == "text":
            terms[SPELL] = {word for _t, _p, word in found if word != ENGLISH_MARK}
    return vectors, lengths, terms, frequent, "".join(rows)


def article(paragraphs: list[str], language: str | None = None, title: str = "",
            quotes: dict[int, list[Quote]] | None = None) -> Article:
    quotes = quotes or {}
    return Article(doc="d1", path="a.txt", title=title, source="Kabar Pagi", language=language,
                   paragraphs=[Paragraph(i + 1, text, 0, len(text), quotes=quotes.get(i, []))
                               for i, text in enumerate(paragraphs)])


CASES = {
    "indonesian": article(
        ["Presiden Tokayev mengatakan bahwa rakyat akan bergabung, bergabung dan bergabung.",
         "Anak-anak bermain di kebun-kebun; sebuah kata-kata yang ter-pisah."],
        title="Tokayev bergabung dengan rakyat"),
    "english": article(
        ["The farmers said the bridges were closed, closed again and closed for good.",
         "It's O'Brien's \\ backslash and a tab\there."],
        language="en", title="Farmers close bridges"),
    "quotes": article(
        ["\"Kami menolak,\" kata Budi. \"Kami tetap menolak,\" tambahnya."],
        title="Warga menolak",
        quotes={0: [Quote(text="Kami menolak", speaker="Budi", start=1, end=13),
                    Quote(text="Kami tetap menolak", speaker="Budi", via="tambahnya",
                          start=22, end=40)]}),
    "empty fields": article(["Hanya teks."], title=""),
    "long": article([" ".join(["kata"] * (MAX_POSITION + 40) + ["akhir", "kata"])]),
}


@pytest.fixture(params=["compiled", "python"])
def loops(request, monkeypatch):
    """The rows made by the compiled loops of a load, then by the Python ones."""
    if request.param == "python":
        monkeypatch.setattr(documents, "_COMPILED", None)
    elif documents._COMPILED is None:
        pytest.skip("the compiled loops were not built")
    return request.param


@pytest.mark.parametrize("name", list(CASES))
def test_a_row_in_one_pass_is_the_row_step_by_step(name, loops):
    given = CASES[name]
    lexemes.start_load()
    rows = list(article_rows(given, "a.txt", first=7))
    unique = [p for p in given.paragraphs if p.repeat_of is None]
    assert len(rows) == len(unique)
    columns = documents.PARAGRAPH_COLUMNS
    for number, (row, paragraph) in enumerate(zip(rows, unique, strict=True), start=7):
        vectors, lengths, terms, frequent, postings = reference(given, paragraph, number)
        got = dict(zip(columns, row.values, strict=True))
        assert [got[f"{field}_tsv"] for field, _ in FIELDS] == vectors
        assert row.lengths == lengths
        assert {field: set(words) for field, words in row.terms.items()} == terms
        assert got["tf"] == (json.dumps(frequent, ensure_ascii=False, separators=(",", ":"))
                             if frequent else None)
        assert row.postings == postings
        assert got["id"] == number


def test_a_load_reports_each_stemmed_word_once_and_every_load_again():
    given = CASES["indonesian"]
    lexemes.start_load()
    list(article_rows(given, "a.txt", first=1))
    first = lexemes.learned()
    assert first["bergabung"] == "gabung"
    assert first["mengatakan"] == "kata"
    assert "dan" not in first and "akan" not in first  # stop words, short words
    list(article_rows(given, "a.txt", first=1))
    assert lexemes.learned() == {}  # known to this load already
    lexemes.start_load()
    list(article_rows(given, "a.txt", first=1))
    assert lexemes.learned() == first  # a new load reports them again
    english = CASES["english"]
    list(article_rows(english, "a.txt", first=1))
    assert lexemes.learned()["en:farmers"] == "farmer"


def test_an_articles_json_is_dataclasses_asdict_of_it():
    """The article kept whole (and each paragraph's quotes) is written from its records'
    fields by name, and reads back as it was."""
    import dataclasses

    quote = Quote(4, 30, "Kami siap", speaker="Sumarni", role="Bupati", via="Antara")
    article = Article(
        doc="d1", path="a/b.txt", title="Jembatan \"Baru\"", source="Kompas.com",
        dateline="Bandung", date="2026-11-30", language="id", fields={"rubrik": "Daerah"},
        paragraphs=[Paragraph(1, "“Kami siap,” kata Bupati Sumarni.", 0, 33, quotes=[quote]),
                    Paragraph(2, "Tanpa kutipan.", 35, 49, repeat_of=None)])
    assert documents._article_data(article) == dataclasses.asdict(article)
    data = documents.article_record(article, "a/b.txt")[7]
    assert json.loads(data) == dataclasses.asdict(article)
    assert documents.article_from_json(data) == article
    row = next(article_rows(article, "a/b.txt", 1))
    assert json.loads(row.values[8]) == [dataclasses.asdict(quote)]


PLAIN = st.recursive(
    st.none() | st.booleans() | st.integers(min_value=-(2**63), max_value=2**63 - 1) |
    st.text(),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(), inner, max_size=4),
    max_leaves=12)


@settings(max_examples=300, deadline=None)
@given(PLAIN)
def test_json_is_written_as_the_stdlib_writes_it_compact(value):
    """An article's JSON, a paragraph's quotes and its counts are written by orjson, exactly
    as ``json.dumps`` writes them without ASCII escapes or spaces: any text (controls,
    quotes, backslashes, line and paragraph separators, astral characters), numbers, None."""
    assert documents._json(value) == json.dumps(value, ensure_ascii=False,
                                                separators=(",", ":"))
