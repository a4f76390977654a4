"""BibLaTeX output checked by biber against biblatex's data model.

``biber --tool --validate-datamodel`` reads the reader's entries (with the cite-command comment
lines after them, as a user would paste them into a .bib file) and reports every field the data
model does not know, every malformed date or name, and every missing mandatory field. The only
warnings allowed are missing fields the article really does not have: the reader never invents
an author, a date, an outlet or a title. Skipped where biber is not installed (Debian: ``biber``).
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from reader.cite import cite
from reader.records import Article, Paragraph, Quote

from .cite_helpers import ACCESSED, case_article, fixture_cases

pytestmark = pytest.mark.skipif(shutil.which("biber") is None, reason="biber is not installed")


def fixture_articles() -> list[tuple[Article, int]]:
    return [(case_article(case), case["para"]) for case in fixture_cases()]


def awkward_article() -> Article:
    """TeX specials, an @, braces and a quote in every field a user's metadata can fill."""
    text = "“Ini {bukan} 100% @resmi & #final_\\”, kata Dr. A. ~ B^C."
    quote = Quote(1, text.index("”"), text[1 : text.index("”")], speaker="Dr. A")
    return Article(
        doc="awkward{doc}, 50%", path="a.txt",
        title='KEMLU: 50% of AT&T\'s $5 "deals_now" {x} ~ ^ \\ iPhone @home',
        source="Pahami_id & Co #1", author="Budi Santoso, Kompas.com; Tim Redaksi",
        date="2025-02", url="https://example.org/a b{c}\\d?q=1%2#x", language="id-ID",
        paragraphs=[Paragraph(1, text, 0, len(text), quotes=[quote])],
    )


def validate(tmp_path: Path, text: str) -> list[str]:
    bib = tmp_path / "reader.bib"
    bib.write_text(text, encoding="utf-8")
    done = subprocess.run(
        ["biber", "--tool", "--validate-datamodel", "--output-file", str(tmp_path / "out.bib"),
         str(bib)],
        cwd=tmp_path, capture_output=True, text=True, timeout=300,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert "ERROR" not in done.stdout, done.stdout
    return [line for line in done.stdout.splitlines() if re.search(r"\bWARN - ", line)]


def allowed(warning: str, article: Article) -> bool:
    """A missing-field warning for a field the article does not have."""
    missing = re.search(r"Missing mandatory field (?:- one of )?'([^']+)'", warning)
    if not missing:
        return False
    unknown = {
        "author": not article.author,
        "date, year": not article.date,
        "journaltitle": not article.source,
        "title": article.title_derived,
    }
    return unknown.get(missing.group(1), False)


def test_biblatex_entries_pass_biber_datamodel_validation(tmp_path):
    articles = fixture_articles() + [(awkward_article(), 1)]
    chunks = []
    for article, para in articles:
        chunks.append(cite(article, para, style="bibtex", accessed=ACCESSED))
        if article.paragraph(para).quotes:
            chunks.append(cite(article, para, 1, style="bibtex", accessed=ACCESSED))
    # One entry per article even when it is cited twice; a .bib holds each entry once.
    seen, unique = set(), []
    for chunk in chunks:
        key = chunk.split("{", 1)[1].split(",", 1)[0]
        if key not in seen:
            seen.add(key)
            unique.append(chunk)
    warnings = validate(tmp_path, "\n\n".join(unique) + "\n")
    by_key = {}
    for article, _ in articles:
        key = cite(article, 1, style="bibtex", accessed=ACCESSED).split("{", 1)[1].split(",")[0]
        by_key[key] = article
    unexpected = []
    for warning in warnings:
        entry = re.search(r"Entry '([^']+)'", warning)
        article = by_key.get(entry.group(1)) if entry else None
        if article is None or not allowed(warning, article):
            unexpected.append(warning)
    assert not unexpected, "\n".join(unexpected)
    out = (tmp_path / "out.bib").read_text(encoding="utf-8")
    assert out.count("@ARTICLE{") == len(articles)


def test_biber_rejects_what_the_data_model_rejects(tmp_path):
    """The check itself can fail: an unknown field and a bad date are reported."""
    warnings = validate(tmp_path, "@article{k,\n  author = {Santoso, Budi},\n  title = {T},\n"
                        "  journaltitle = {J},\n  date = {2025-13-45},\n  note2 = {x},\n}\n")
    assert any("note2" in w for w in warnings)
    assert any("date" in w for w in warnings)
