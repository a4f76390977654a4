"""BibLaTeX output typeset by biblatex-apa, biblatex-chicago and biblatex-mla.

The reader's entries and cite commands go into a LaTeX document per style, which pdflatex and
biber compile; the PDF's text must read as each guide wants a newspaper article: full dates, no
literal "newspaper", nested quotation marks, sentence case in APA, Chicago's comma after a
title's question mark. Skipped unless pdflatex, biber and the three style packages are installed
(Debian: texlive-latex-extra, texlive-bibtex-extra, lmodern, biber, poppler-utils).
"""

from __future__ import annotations

import re
import shutil
import subprocess

import pytest

from reader.cite import cite
from reader.records import Article

from .cite_helpers import ACCESSED, case_article, fixture_cases

PACKAGES = ("apa.bbx", "biblatex-chicago.sty", "mla.bbx", "csquotes.sty", "lmodern.sty")
# The preamble line README gives biblatex-apa users (entrysubtype newspaper -> nonacademic).
APA_SOURCEMAP = (
    "\\DeclareSourcemap{\\maps[datatype=bibtex]{\\map{\n"
    "  \\step[fieldsource=entrysubtype, match=\\regexp{\\Anewspaper\\Z}, replace={nonacademic}]}}}"
)
STYLES = {
    "apa": "\\usepackage[style=apa,backend=biber]{biblatex}\n" + APA_SOURCEMAP,
    "chicago": "\\usepackage[notes,backend=biber]{biblatex-chicago}",
    "mla": "\\usepackage[style=mla,backend=biber]{biblatex}",
}
CASES = ("000_eb477a4d0f924bfa", "tempo-two-authors", "detik-three-authors", "kompas-one-author",
         "cnn-opening-quotation", "ap-english", "pahami-undated-url")


def _installed() -> bool:
    tools = ("pdflatex", "biber", "kpsewhich", "pdftotext")
    if any(shutil.which(tool) is None for tool in tools):
        return False
    found = subprocess.run(["kpsewhich", *PACKAGES], capture_output=True, text=True)
    return len(found.stdout.split()) == len(PACKAGES)


pytestmark = pytest.mark.skipif(not _installed(), reason="LaTeX with biblatex styles not installed")


def articles() -> list[tuple[Article, int]]:
    return [(case_article(c), c["para"]) for c in fixture_cases() if c["doc"] in CASES]


@pytest.fixture(scope="module")
def typeset(tmp_path_factory) -> dict[str, str]:
    work = tmp_path_factory.mktemp("latex")
    entries, commands = [], []
    for article, para in articles():
        entry, _, comment = cite(article, para, style="bibtex", accessed=ACCESSED).rpartition("\n")
        entries.append(entry)
        commands.append(comment.removeprefix("% "))
    (work / "reader.bib").write_text("\n\n".join(entries) + "\n", encoding="utf-8")
    text = {}
    for style, preamble in STYLES.items():
        body = "\n\n".join(f"CASE{n} {command}." for n, command in enumerate(commands))
        (work / f"{style}.tex").write_text(
            "\\documentclass{article}\n\\usepackage[T1]{fontenc}\n\\usepackage{lmodern}\n"
            "\\usepackage[paperwidth=80cm,paperheight=60cm,margin=1cm]{geometry}\n"
            "\\usepackage[american]{babel}\n\\usepackage{csquotes}\n"
            f"{preamble}\n\\addbibresource{{reader.bib}}\n\\hyphenpenalty=10000\n"
            f"\\begin{{document}}\n{body}\n\n\\printbibliography\n\\end{{document}}\n",
            encoding="utf-8",
        )
        for step in (["pdflatex"], ["biber"], ["pdflatex"]):
            target = style if step == ["biber"] else f"{style}.tex"
            args = [*step, "-interaction=nonstopmode", target] if step != ["biber"] else [
                "biber", target]
            done = subprocess.run(args, cwd=work, capture_output=True, text=True, timeout=300)
            assert done.returncode == 0, done.stdout[-3000:]
        pdf = subprocess.run(["pdftotext", "-nopgbrk", f"{style}.pdf", "-"], cwd=work,
                             capture_output=True, text=True, timeout=60, check=True).stdout
        text[style] = " ".join(pdf.split())
    return text


def test_biblatex_apa_prints_newspaper_articles_with_full_dates_and_sentence_case(typeset):
    apa = typeset["apa"]
    assert "newspaper" not in apa and "nonacademic" not in apa
    assert ("Santoso, B., & Wijaya, A. (2025, November 6). Trump Bertemu Lima Pemimpin Asia "
            "Tengah di Gedung Putih. Tempo.co.") in apa
    assert ("Lee, M., & Madhani, A. (2025, November 6). Kazakhstan will join the Abraham "
            "Accords, Trump says. AP News.") in apa
    assert "(Santoso & Wijaya, 2025, para. 1)" in apa
    # urldate is set only for the undated online article, for Chicago's and MLA's sake; that one
    # entry is the only one biblatex-apa gives a retrieval date.
    assert apa.count("Retrieved") == 1


def test_biblatex_chicago_notes_follow_cmos(typeset):
    chicago = typeset["chicago"]
    assert "newspaper" not in chicago
    assert "“Negara Mana Lagi yang Akan Bergabung?,” detikNews, November 2025" in chicago
    assert ("“‘Kami Akan Segera Mengumumkan’: Trump Sebut Kazakhstan Gabung Abraham Accords,” "
            "CNN Indonesia, November 7, 2025") in chicago
    assert "accessed November 21, 2026" in chicago  # the undated online article only
    assert len(re.findall(r"accessed", chicago, re.I)) == 2  # its note and its bibliography entry


def test_biblatex_mla_formats_the_works_cited_entry(typeset):
    mla = typeset["mla"]
    assert "newspaper" not in mla
    assert ("Safitri, Dewi. “Kazakhstan Resmi Bergabung dengan Abraham Accords.” Kompas.com, "
            "7 Nov. 2025") in mla
    assert "Lee, Matthew, and Aamer Madhani. “Kazakhstan Will Join the Abraham Accords, " in mla
