"""`reader marks export`: the marks made in the reader, as one bibliography from the CLI."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import bibtexparser

from reader.library import Library
from reader.marks import MarkBook

from .conftest import DOC_000, DOC_001, ROOT, SEEDS


def run(*args: str, data: Path, index: Path) -> subprocess.CompletedProcess:
    env = {**os.environ, "READER_DATA_DIR": str(data)}
    return subprocess.run(
        [sys.executable, "-m", "reader", *args, "--corpus", str(SEEDS), "--index", str(index)],
        cwd=ROOT, capture_output=True, text=True, timeout=180, env=env)


def test_marks_export_writes_one_entry_per_article(tmp_path, monkeypatch):
    data, index = tmp_path / "data", tmp_path / "ix"
    assert run("marks", "export", data=data, index=index).returncode == 1  # none yet
    monkeypatch.setenv("READER_DATA_DIR", str(data))
    library = Library(SEEDS, index)
    library.update()
    book = MarkBook.for_corpus(SEEDS)
    for doc, para in ((DOC_000, 8), (DOC_000, 11), (DOC_001, 2)):
        book.add(doc, para, library.article(doc).paragraph(para).text)
    book.save()
    out = tmp_path / "marks.bib"
    done = run("marks", "export", "--style", "bibtex", "--output", str(out), data=data,
               index=index)
    assert done.returncode == 0, done.stderr
    entries = bibtexparser.parse_string(out.read_text(encoding="utf-8")).entries
    assert sorted(e.key for e in entries) == sorted({DOC_000, DOC_001})
    assert out.read_text(encoding="utf-8").count("\\autocite[") == 3
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []
