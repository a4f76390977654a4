"""``reader cite`` end to end: a real corpus (with a sidecar), a real index, a real process."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest

from reader.cite import STYLES

from .cite_helpers import FIXTURES
from .conftest import DOC_000, ROOT


def reader(*args: str, corpus: Path, index: Path) -> subprocess.CompletedProcess:
    command = [sys.executable, "-m", "reader", *args, "--corpus", str(corpus),
               "--index", str(index)]
    return subprocess.run(command, capture_output=True, cwd=ROOT, timeout=120, text=True,
                          env={**os.environ, "COLUMNS": "120"})


@pytest.fixture(scope="module")
def corpus(tmp_path_factory) -> tuple[Path, Path]:
    """The seeds, with a sidecar for the first one naming two authors, a date and a URL."""
    root = tmp_path_factory.mktemp("cite-cli")
    folder = root / "corpus"
    folder.mkdir()
    for seed in (ROOT / "seeds").glob("*.txt"):
        (folder / seed.name).write_bytes(seed.read_bytes())
    (folder / f"{DOC_000}.meta.toml").write_text(
        'outlet = "Pahami.id"\nauthor = ["Oleh: Budi Santoso", "Tim Redaksi"]\n'
        'date = 2025-11-07\nurl = "https://pahami.id/berita/kazakhstan"\nlanguage = "id"\n',
        encoding="utf-8",
    )
    return folder, root / "ix"


def test_csl_json_prints_the_item_and_the_paragraph_citation(corpus):
    done = reader("cite", f"{DOC_000}:8", "--style", "csl-json", corpus=corpus[0],
                  index=corpus[1])
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert set(out) == {"items", "citation"}
    jsonschema.validate(out["items"], json.loads((FIXTURES / "csl-data.json").read_text()))
    jsonschema.validate(out["citation"], json.loads((FIXTURES / "csl-citation.json").read_text()))
    (item,) = out["items"]
    assert item["id"] == DOC_000
    assert item["author"] == [{"family": "Santoso", "given": "Budi"}, {"literal": "Tim Redaksi"}]
    assert item["issued"] == {"date-parts": [[2025, 11, 7]]}
    assert "note" not in item and "accessed" not in item
    assert out["citation"]["citationItems"] == [
        {"id": DOC_000, "locator": "8", "label": "paragraph"}]
    quoted = json.loads(reader("cite", f"{DOC_000}:8", "--quote", "1", "--style", "csl-json",
                               corpus=corpus[0], index=corpus[1]).stdout)
    assert quoted["items"] == out["items"]
    assert quoted["quote"]["speaker"] == "Donald Trump"  # named in full before
    assert quoted["quote"]["text"] not in json.dumps(quoted["items"], ensure_ascii=False)


def test_bibtex_gives_the_entry_then_the_cite_command(corpus):
    done = reader("cite", f"{DOC_000}:8", "--style", "bibtex", corpus=corpus[0], index=corpus[1])
    assert done.returncode == 0, done.stderr
    entry, command = done.stdout.rstrip("\n").rsplit("\n", 1)
    assert entry.startswith(f"@article{{{DOC_000},")
    assert "author = {Santoso, Budi and {Tim Redaksi}}" in entry
    assert "note" not in entry and "urldate" not in entry
    assert command == f"% \\autocite[8]{{{DOC_000}}}"


def test_plain_names_the_authors(corpus):
    done = reader("cite", f"{DOC_000}:8", corpus=corpus[0], index=corpus[1])
    assert done.returncode == 0, done.stderr
    assert ", by Budi Santoso and Tim Redaksi, 2025-11-07, ¶ 8, https://pahami.id/" in done.stdout


def test_the_help_lists_the_one_list_of_styles(corpus):
    done = reader("cite", "--help", corpus=corpus[0], index=corpus[1])
    assert ", ".join(STYLES[:4]) in " ".join(done.stdout.split())
    bad = reader("cite", f"{DOC_000}:8", "--style", "harvard", corpus=corpus[0], index=corpus[1])
    assert bad.returncode == 2 and "unknown citation style 'harvard'" in bad.stderr
