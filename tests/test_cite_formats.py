"""BibLaTeX and CSL-JSON details (schemas, keys, escaping) and hostile metadata in every style."""

from __future__ import annotations

import datetime
import json
import re

import jsonschema
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.cite import STYLES, cite
from reader.records import Article, Paragraph, Quote

from .cite_helpers import (
    ACCESSED,
    CONTROL,
    FIXTURES,
    SEED_QUOTE,
    SEED_TITLE,
    article,
    csl,
    parse_one_entry,
    seed_article,
)


@pytest.fixture
def seed() -> Article:
    return seed_article()


@pytest.fixture(scope="module")
def csl_schema() -> dict:
    return json.loads((FIXTURES / "csl-data.json").read_text(encoding="utf-8"))


def test_seed_bibtex(seed):
    out = cite(seed, 8, style="bibtex", accessed=ACCESSED)
    entry, fields = parse_one_entry(out)
    assert entry.entry_type == "article"
    assert entry.key == "000_eb477a4d0f924bfa"
    assert fields == {
        "title": "Berita {Kazakhstan} {Akui} {Mau} {Gabung} {Abraham} {Accords}, {Ungkap} "
        "{Alasan} {Ini}",
        "journaltitle": "Pahami.id",
        "entrysubtype": "newspaper",
        "langid": "indonesian",
        "pagination": "paragraph",
    }
    assert out.endswith("\n% \\autocite[8]{000_eb477a4d0f924bfa}")
    quoted = cite(seed, 8, 1, style="bibtex", accessed=ACCESSED)
    # The quote and the paragraph belong to the citation, never to the entry.
    assert parse_one_entry(quoted)[1] == fields
    assert quoted.endswith(
        f"\n% \\textquote[{{\\autocite[8]{{000_eb477a4d0f924bfa}}}}]{{{SEED_QUOTE}}}"
    )


def test_seed_csl_json(seed):
    data = csl(cite(seed, 8, style="csl-json", accessed=ACCESSED))
    assert data == {
        "items": [
            {
                "id": "000_eb477a4d0f924bfa",
                "type": "article-newspaper",
                "title": SEED_TITLE,
                "title-short": "Berita Kazakhstan Akui Mau Gabung Abraham Accords",
                "container-title": "Pahami.id",
                "language": "id",
            }
        ],
        "citation": {
            "schema": "https://resource.citationstyles.org/schema/latest/input/json/"
            "csl-citation.json",
            "citationID": "000_eb477a4d0f924bfa:8",
            "citationItems": [
                {"id": "000_eb477a4d0f924bfa", "locator": "8", "label": "paragraph"}
            ],
            "properties": {"noteIndex": 0},
        },
    }
    quoted = csl(cite(seed, 8, 1, style="csl-json", accessed=ACCESSED))
    # The quotation stays out of the item: same item, the quote beside the citation.
    assert quoted["items"] == data["items"]
    assert quoted["quote"] == {"text": SEED_QUOTE, "speaker": "Trump", "via": "Reuters"}


def test_every_paragraph_and_quote_of_an_article_yields_the_same_item(seed):
    items = {
        json.dumps(json.loads(cite(seed, n, q, "csl-json", accessed=ACCESSED))["items"])
        for n, q in [(1, None), (7, None), (8, None), (8, 1)]
    }
    assert len(items) == 1
    entries = {
        parse_one_entry(cite(seed, n, q, "bibtex", accessed=ACCESSED))[0].key
        for n, q in [(1, None), (8, None), (8, 1)]
    }
    assert entries == {"000_eb477a4d0f924bfa"}


def test_csl_schema_rejects_what_csl_rejects(csl_schema):
    good = [{"id": "x", "type": "article-newspaper", "issued": {"date-parts": [[2025, 11]]}}]
    jsonschema.validate(good, csl_schema)
    for bad in (
        [{"id": "x", "type": "newspaper"}],
        [{"type": "article-newspaper"}],
        [{"id": "x", "type": "article-newspaper", "label": "paragraph"}],
        [{"id": "x", "type": "article-newspaper", "issued": "2025-11-07"}],
        [{"id": "x", "type": "article-newspaper", "author": [{"name": "Trump"}]}],
    ):
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, csl_schema)


def test_csl_citation_schema_rejects_what_csl_rejects():
    schema = json.loads((FIXTURES / "csl-citation.json").read_text())
    good = {"schema": schema["properties"]["schema"]["enum"][0], "citationID": "x:1",
            "citationItems": [{"id": "x", "locator": "1", "label": "paragraph"}]}
    jsonschema.validate(good, schema)
    for change in (
        {"citationID": None},
        {"citationItems": [{"id": "x", "locator": "1", "label": "para"}]},
        {"citationItems": [{"id": "x", "locator": 1, "label": "paragraph"}]},
        {"citationItems": [{"locator": "1"}]},
        {"note": "para. 8"},
    ):
        bad = {k: v for k, v in {**good, **change}.items() if v is not None}
        with pytest.raises(jsonschema.ValidationError):
            jsonschema.validate(bad, schema)


# --- BibTeX details ---------------------------------------------------------------------------


def test_bibtex_escapes_tex_specials_and_protects_proper_nouns():
    a = article(
        title="KEMLU: 50% of AT&T's $5 #deals_now {x} ~ ^ \\ iPhone",
        source="Pahami_id & Co",
        url="https://example.org/a b{c}\\d?q=1%2",
    )
    entry, fields = parse_one_entry(cite(a, 1, style="bibtex", accessed=ACCESSED))
    assert fields["title"] == (
        r"{KEMLU}: 50\% of {AT\&T's} \$5 \#deals\_now \textbraceleft{}x\textbraceright{} "
        r"\textasciitilde{} \textasciicircum{} \textbackslash{} {iPhone}"
    )
    assert fields["journaltitle"] == r"Pahami\_id \& Co"
    assert fields["url"] == "https://example.org/a%20b%7Bc%7D%5Cd?q=1%2"


def test_bibtex_langid_only_for_known_languages():
    def langid(language):
        out = cite(article(language=language), 1, style="bibtex", accessed=ACCESSED)
        return parse_one_entry(out)[1].get("langid")

    assert langid("id") == "indonesian"
    assert langid("id-ID") == "indonesian"
    assert langid("en-GB") == "british"
    assert langid("xx") is None
    assert langid(None) is None


def test_the_key_is_the_document_id_made_safe_and_never_shared():
    def key(doc: str) -> str:
        a = article(doc=doc, title="Ça c'est “Élysée” 2025", source="Kompas.com")
        entry_key = parse_one_entry(cite(a, 1, style="bibtex", accessed=ACCESSED))[0].key
        item_id = csl(cite(a, 1, style="csl-json", accessed=ACCESSED))["items"][0]["id"]
        assert entry_key == item_id
        return entry_key

    assert key("berita_hoax_indonesia-17") == "berita_hoax_indonesia-17"
    assert key("000_eb477a4d0f924bfa") == "000_eb477a4d0f924bfa"
    odd = key("Élysée, 2025 {draft}")
    assert re.fullmatch(r"Elysee_2025_draft_[0-9a-f]{8}", odd)
    assert key("Élysée, 2025 {draft}") == odd  # stable
    assert key("Élysée 2025 draft") != odd  # never shared
    assert re.fullmatch(r"doc_[0-9a-f]{8}", key("北京"))


# --- hostile text -----------------------------------------------------------------------------

HOSTILE = st.lists(
    st.one_of(
        st.characters(codec="utf-8"),
        st.sampled_from(list("{}\\%&$#_~^\"'“”‘’@,;:()[]<>*`|\n\r\t\x00\x07\x1b\x85\u202e\u2028")),
        st.sampled_from(
            ["[/bold]", "[@click=app.quit]", "\x1b]52;c;aGk=\x07", "@article{x,", " and "]
        ),
    ),
    max_size=30,
).map("".join)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    title=HOSTILE,
    text=HOSTILE.filter(lambda t: len(t) >= 2),
    author=st.none() | HOSTILE,
    outlet=st.none() | HOSTILE,
    url=st.none() | HOSTILE,
    date=st.none() | HOSTILE | st.dates().map(datetime.date.isoformat),
    language=st.none() | HOSTILE,
    speaker=st.none() | HOSTILE,
    data=st.data(),
)
def test_hostile_metadata_never_breaks_a_citation(
    title, text, author, outlet, url, date, language, speaker, data
):
    start = data.draw(st.integers(0, len(text) - 1))
    end = data.draw(st.integers(start + 1, len(text)))
    quote = Quote(start, end, text[start:end], speaker=speaker, via=outlet)
    a = Article(
        doc="d",
        path="d.txt",
        title=title,
        source=outlet,
        author=author,
        date=date,
        url=url,
        language=language,
        paragraphs=[Paragraph(1, text, 0, len(text), quotes=[quote])],
    )
    citation_schema = json.loads((FIXTURES / "csl-citation.json").read_text(encoding="utf-8"))
    for style in STYLES:
        for q in (None, 1):
            out = cite(a, 1, q, style, accessed=ACCESSED)
            assert isinstance(out, str) and out
            assert not CONTROL.search(out), (style, out)
            if style == "bibtex":
                parse_one_entry(out)
            elif style == "csl-json":
                csl(out, citation_schema)
