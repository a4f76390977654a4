"""The modules compiled by mypyc: in use after a build, the same answers as their source, and
never used once their source has changed (see ``reader.native`` and ``hatch_build.py``)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

import reader
from reader import native
from reader.ingest.formats import Skipped, read_file
from reader.language.quotes import find_quotes

REPO = Path(__file__).resolve().parent.parent
PACKAGE = REPO / "reader"


def test_an_install_with_a_compiler_runs_the_compiled_modules():
    """What ``pip install`` built is what runs; a checkout edited since says how to build."""
    if not (PACKAGE / native.MANIFEST).exists():
        if shutil.which("cc") is None:
            pytest.skip("no C compiler here: the install is pure Python")
        pytest.fail("the install compiled no modules though a C compiler is here: "
                    "run `python hatch_build.py` and read its warnings")
    if os.environ.get(native.PURE_PYTHON, "") not in ("", "0"):
        pytest.skip(f"{native.PURE_PYTHON} is set")
    changed = native.stale(native.compiled_modules(PACKAGE))
    assert not changed, f"run `python hatch_build.py`: {[m.module for m in changed]} changed"
    assert reader.NATIVE == "compiled"
    from reader.language import quotes
    assert quotes.__file__ is not None and not quotes.__file__.endswith(".py")


def _seed_articles() -> list[tuple[list[str], str | None]]:
    paths = sorted((REPO / "seeds").iterdir())
    shared = REPO.parent / "shared" / "corpora" / "news-dev"
    if shared.is_dir():
        paths += sorted(p for p in shared.rglob("*")
                        if p.suffix in (".txt", ".html", ".json", ".jsonl"))
    articles = []
    for number, path in enumerate(paths):
        try:
            found = read_file(path, f"d{number}")
        except Skipped:
            continue
        articles += [([p.text for p in a.paragraphs], a.language) for a in found]
    return articles


_FROM_SOURCE = """
import json, sys
import reader
assert reader.NATIVE != "compiled", reader.NATIVE
from reader.language.quotes import find_quotes
out = []
for texts, language in json.load(sys.stdin):
    out.append([[[q.start, q.end, q.kind, q.speaker, q.role, q.via] for q in found]
                for found in find_quotes(texts, language=language)])
print(json.dumps(out))
"""


def test_the_compiled_modules_answer_as_their_source():
    """Every quotation of the seeds (and ``news-dev`` beside the checkout) found by the modules
    as imported here and by their source in another process: the same spans, kinds, speakers,
    roles and media."""
    articles = [a for a in _seed_articles() if a[0]]
    here = [[[[q.start, q.end, q.kind, q.speaker, q.role, q.via] for q in found]
              for found in find_quotes(texts, language=language)]
            for texts, language in articles]
    done = subprocess.run([sys.executable, "-c", _FROM_SOURCE], input=json.dumps(articles),
                          capture_output=True, text=True, check=True,
                          env={**os.environ, native.PURE_PYTHON: "1"})
    assert json.loads(done.stdout) == here
    assert sum(len(found) for article in here for found in article) > 10


def _package(tmp_path: Path) -> tuple[Path, Path]:
    """A package folder with one module and the list a build would have written for it."""
    package = tmp_path / "pkg"
    package.mkdir()
    source = package / "words.py"
    source.write_text("WORDS = 1\n", encoding="utf-8")
    state = source.stat()
    listed = {"modules": {"pkg.words": {"path": "pkg/words.py",
                                        "sha256": native.source_hash(source),
                                        "size": state.st_size, "mtime_ns": state.st_mtime_ns}}}
    (package / native.MANIFEST).write_text(json.dumps(listed), encoding="utf-8")
    return package, source


def test_a_module_edited_after_the_build_is_stale(tmp_path):
    package, source = _package(tmp_path)
    assert native.stale(native.compiled_modules(package)) == []
    source.write_text("WORDS = 2\n", encoding="utf-8")  # the same size, new content
    assert [m.module for m in native.stale(native.compiled_modules(package))] == ["pkg.words"]


def test_a_module_touched_but_unchanged_is_not_stale(tmp_path):
    """A fresh clone or a checkout of another branch rewrites files: their time moves, and
    the hash decides."""
    package, source = _package(tmp_path)
    later = time.time() + 60
    os.utime(source, (later, later))
    assert native.stale(native.compiled_modules(package)) == []


def test_a_removed_source_is_stale(tmp_path):
    package, source = _package(tmp_path)
    source.unlink()
    assert len(native.stale(native.compiled_modules(package))) == 1


def test_nothing_compiled_changes_nothing(tmp_path):
    before = list(sys.meta_path)
    assert native.choose(tmp_path) == "none"
    assert sys.meta_path == before


def test_stale_modules_are_imported_from_source_with_one_line_saying_so(tmp_path, capsys,
                                                                        monkeypatch):
    package, source = _package(tmp_path)
    source.write_text("WORDS = 2\n", encoding="utf-8")
    monkeypatch.delenv(native.PURE_PYTHON, raising=False)
    monkeypatch.setenv(native._TOLD, "")  # (undone after the test, as it sets it)
    monkeypatch.setattr(sys, "meta_path", list(sys.meta_path))
    assert native.choose(package) == "source"
    finder = sys.meta_path[0]
    spec = finder.find_spec("pkg.words")
    assert spec is not None and spec.origin == str(source)
    assert finder.find_spec("pkg.other") is None
    assert os.environ[native._TOLD] == "1"  # (processes it starts: the same, silently)
    error = capsys.readouterr().err
    assert "pkg/words.py changed" in error and "python hatch_build.py" in error
    assert len(error.strip().splitlines()) == 1


def test_pure_python_on_request(tmp_path, monkeypatch):
    package, _source = _package(tmp_path)
    monkeypatch.setenv(native.PURE_PYTHON, "1")
    monkeypatch.setattr(sys, "meta_path", list(sys.meta_path))
    assert native.choose(package) == "source"
    assert isinstance(sys.meta_path[0], native.SourceFinder)


def _native_list() -> list[str]:
    import importlib.util

    spec = importlib.util.spec_from_file_location("hatch_build", REPO / "hatch_build.py")
    assert spec is not None and spec.loader is not None
    build = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(build)
    return build.NATIVE


def test_no_compiled_generator_needs_its_cleanup():
    """A compiled generator dropped before its end does not run its ``finally`` (nor leave its
    ``with``) as Python's does when it is collected: a pool or a file would be left open. So
    the modules compiled hold no generator with either (one that does stays Python, as
    ``analyse.py`` does)."""
    import ast

    offending = []
    for path in _native_list():
        tree = ast.parse((REPO / path).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and any(
                    isinstance(n, (ast.Yield, ast.YieldFrom)) for n in ast.walk(node)) and any(
                    isinstance(n, (ast.Try, ast.With)) for n in ast.walk(node)):
                offending.append(f"{path}: {node.name}")
    assert offending == []
    assert "reader/language/quotes.py" in _native_list()


@pytest.mark.parametrize("broken", ["{", '{"modules": 3}', '{"modules": {"m": {}}}', "\udcff"])
def test_a_broken_list_is_one_line_and_no_traceback(tmp_path, capsys, broken):
    (tmp_path / native.MANIFEST).write_text(broken, encoding="utf-8", errors="surrogateescape")
    assert native.compiled_modules(tmp_path) == []
    error = capsys.readouterr().err
    assert "is unreadable" in error and "python hatch_build.py" in error
    assert len(error.strip().splitlines()) == 1
