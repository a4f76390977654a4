"""The ``reader`` command through a real subprocess: JSON contract, exit codes, one-line errors."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from .conftest import DOC_000, DOC_001, ROOT, SEEDS


def reader(*args: str, index: Path, corpus: Path = SEEDS, env: dict | None = None):
    command = [sys.executable, "-m", "reader", *args, "--corpus", str(corpus),
               "--index", str(index)]
    return subprocess.run(command, capture_output=True, cwd=ROOT, timeout=120,
                          env={**os.environ, "COLUMNS": "100", **(env or {})})


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("cli") / "ix"
    done = reader("index", index=path)
    assert done.returncode == 0, done.stderr
    return path


def test_index_reports_what_it_did(tmp_path):
    done = reader("index", "--json", index=tmp_path / "ix")
    assert done.returncode == 0
    report = json.loads(done.stdout)
    assert report["paragraphs"] == 19 and report["rebuilt"] == "new index"
    assert b"Indexing" not in done.stderr  # no progress bar when not on a terminal
    again = json.loads(reader("index", "--json", index=tmp_path / "ix").stdout)
    assert again["added"] == [] and again["paragraphs"] == 0


def test_search_json_contract(index_dir):
    done = reader("search", "Tokayev", "--json", index=index_dir)
    assert done.returncode == 0, done.stderr
    data = json.loads(done.stdout.decode("utf-8"))
    assert set(data) >= {"query", "total", "hits", "suggestions"}
    assert data["total"] == 2
    for hit in data["hits"]:
        assert set(hit) == {"doc", "para", "title", "source", "score", "text", "highlights",
                            "repeats"}
        assert hit["doc"] == DOC_001
        assert [hit["text"][a:b] for a, b in hit["highlights"]] == ["Tokayev"]
    assert sorted(h["para"] for h in data["hits"]) == [2, 5]


def test_search_text_output_and_limit(index_dir):
    done = reader("search", "gabung", "--limit", "2", index=index_dir)
    assert done.returncode == 0
    out = done.stdout.decode("utf-8")
    assert "paragraphs match gabung" in out and out.count("¶") >= 2
    limited = json.loads(reader("search", "gabung", "--limit", "2", "--json",
                                index=index_dir).stdout)
    assert len(limited["hits"]) == 2 and limited["total"] > 2


def test_no_hits_exits_1_with_suggestions(index_dir):
    done = reader("search", "Tokayef", "--json", index=index_dir)
    assert done.returncode == 1
    assert json.loads(done.stdout)["suggestions"] == ["tokayev"]


def test_malformed_query_exits_2_with_one_line(index_dir):
    done = reader("search", '"Truth Social', index=index_dir)
    assert done.returncode == 2
    assert done.stdout == b""
    assert done.stderr.decode().count("\n") == 1 and b"Traceback" not in done.stderr


def test_show_json_contract(index_dir):
    done = reader("show", DOC_001, "--json", index=index_dir)
    assert done.returncode == 0
    data = json.loads(done.stdout)
    assert set(data) >= {"doc", "title", "source", "dateline", "credit", "paragraphs"}
    assert len(data["paragraphs"]) == 13
    assert data["paragraphs"][7]["repeat_of"] == 2
    one = json.loads(reader("show", f"{DOC_000}:1", "--json", index=index_dir).stdout)
    assert [p["para"] for p in one["paragraphs"]] == [1]
    assert one["source"] == "Pahami.id" and one["dateline"] == "Jakarta"
    assert one["credit"] == "BLQ/DNA"


def test_show_text_marks_repeats(index_dir):
    out = reader("show", DOC_001, index=index_dir).stdout.decode("utf-8")
    assert "(repeats ¶2)" in out


@pytest.mark.parametrize("args,code", [
    (("show", "nope"), 2), (("show", f"{DOC_000}:99"), 2), (("show", f"{DOC_000}:x"), 2),
    (("search",), 2), (("bogus-option-command", "--frobnicate"), 2),
])
def test_usage_errors_exit_2(index_dir, args, code):
    done = reader(*args, index=index_dir)
    assert done.returncode == code
    assert b"Traceback" not in done.stderr


def test_missing_corpus_exits_3(tmp_path):
    done = reader("search", "x", index=tmp_path / "ix", corpus=tmp_path / "missing")
    assert done.returncode == 3
    assert b"no such file or folder" in done.stderr and b"Traceback" not in done.stderr


def test_stats_json(index_dir):
    data = json.loads(reader("stats", "--json", index=index_dir).stdout)
    assert data["articles"] == 2 and data["paragraphs"] == 19 and data["files"] == 2
    from reader import NATIVE, native  # (the process started runs what this one does)
    assert data["compiled"] == native.describe(NATIVE)


def test_stale_index_is_updated_before_answering(tmp_path, seeds_copy):
    index = tmp_path / "ix"
    assert reader("index", index=index, corpus=seeds_copy).returncode == 0
    (seeds_copy / "baru.txt").write_text("Judul\n\nTokayev lagi.\n", encoding="utf-8")
    data = json.loads(reader("search", "Tokayev", "--json", index=index, corpus=seeds_copy).stdout)
    assert data["total"] == 3


def test_no_color_output_has_no_escape_codes(index_dir):
    done = reader("search", "Tokayev", index=index_dir, env={"NO_COLOR": "1", "TERM": "xterm"})
    assert b"\x1b" not in done.stdout


def test_python_dash_m_and_help():
    done = subprocess.run([sys.executable, "-m", "reader", "--help"], capture_output=True,
                          cwd=ROOT, timeout=60)
    assert done.returncode == 0
    for command in (b"index", b"search", b"show", b"stats"):
        assert command in done.stdout
