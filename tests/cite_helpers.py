"""Shared pieces of the citation tests: articles made by hand, the fixtures, output parsers."""

from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

import bibtexparser
import jsonschema

from reader.records import Article, Paragraph, Quote

FIXTURES = Path(__file__).parent / "fixtures"
ACCESSED = datetime.date(2026, 11, 21)
CONTROL = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")

SEED_TITLE = "Berita Kazakhstan Akui Mau Gabung Abraham Accords, Ungkap Alasan Ini"
SEED_P8 = (
    "“Kami akan segera mengumumkan upacara penandatanganan untuk meresmikannya, dan akan ada "
    "lebih banyak negara yang mencoba bergabung dengan klub kekuatan ini,” kata Trump di Truth "
    "Social, Kamis (6/11), seperti dikutip Reuters."
)
SEED_QUOTE = (
    "Kami akan segera mengumumkan upacara penandatanganan untuk meresmikannya, dan akan ada "
    "lebih banyak negara yang mencoba bergabung dengan klub kekuatan ini"
)


def quote_in(text: str, speaker: str | None = None, via: str | None = None) -> Quote:
    """The first “…” span of ``text`` as a Quote, offsets without the quotation marks."""
    start = text.index("“") + 1
    end = text.index("”", start)
    return Quote(start=start, end=end, text=text[start:end], speaker=speaker, via=via)


def article(paragraphs: list[str] | None = None, **meta) -> Article:
    texts = paragraphs or ["Paragraf satu."]
    meta.setdefault("doc", "doc")
    meta.setdefault("path", "doc.txt")
    meta.setdefault("title", "A title")
    return Article(
        paragraphs=[Paragraph(i, t, 0, len(t)) for i, t in enumerate(texts, 1)],
        **meta,
    )



def seed_article() -> Article:
    """The first seed's metadata and its paragraph 8, with Trump's quote."""
    earlier = [f"Paragraf {n}." for n in range(1, 8)]
    paragraphs = [Paragraph(n, t, 0, len(t)) for n, t in enumerate(earlier, 1)]
    paragraphs.append(
        Paragraph(8, SEED_P8, 0, len(SEED_P8), quotes=[quote_in(SEED_P8, "Trump", "Reuters")])
    )
    return Article(
        doc="000_eb477a4d0f924bfa",
        path="seeds/000_eb477a4d0f924bfa.txt",
        title=SEED_TITLE,
        source="Pahami.id",
        dateline="Jakarta",
        credit="BLQ/DNA",
        language="id",
        paragraphs=paragraphs,
    )


def fixture_cases() -> list[dict]:
    """The articles of tests/fixtures/csl-cases.json, as metadata with a paragraph to cite."""
    return json.loads((FIXTURES / "csl-cases.json").read_text(encoding="utf-8"))["cases"]


def case_article(case: dict) -> Article:
    """A fixture case as an Article with at least ``case["para"]`` paragraphs."""
    texts = list(case.get("paragraphs") or [])
    texts += [f"Paragraf {n}." for n in range(len(texts) + 1, case["para"] + 1)]
    meta = {k: v for k, v in case.items() if k not in ("para", "paragraphs")}
    paragraphs = [Paragraph(n, t, 0, len(t)) for n, t in enumerate(texts, 1)]
    return Article(path=f"{case['doc']}.txt", paragraphs=paragraphs, **meta)


def parse_one_entry(text: str):
    """The BibLaTeX output: one entry, then the cite command as a comment line."""
    entry_text, _, command = text.rpartition("\n")
    assert command.startswith("% "), text
    library = bibtexparser.parse_string(entry_text)
    assert library.failed_blocks == []
    assert len(library.entries) == 1
    entry = library.entries[0]
    return entry, {k: f.value for k, f in entry.fields_dict.items()}


def csl(text: str, citation_schema: dict | None = None) -> dict:
    """The CSL-JSON output, checked against the CSL 1.0 schemas."""
    data = json.loads(text)
    jsonschema.validate(data["items"], json.loads((FIXTURES / "csl-data.json").read_text()))
    schema = citation_schema or json.loads((FIXTURES / "csl-citation.json").read_text())
    jsonschema.validate(data["citation"], schema)
    return data

