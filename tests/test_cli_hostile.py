"""Hostile file names, folder names and metadata through every command: no byte a terminal
could act on reaches stdout or stderr raw; text output shows it, JSON escapes it losslessly."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from .conftest import ROOT

DANGEROUS = {*range(0x00, 0x09), *range(0x0B, 0x20), *range(0x7F, 0xA0),
             *range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x061C, 0x200E, 0x200F}

# File stems a careless or hostile source could produce, each with a word to find it by.
NAMES = {
    "osc": "clip\x1b]52;c;aGFjaw==\x07board",  # OSC 52: write the user's clipboard
    "csi": "red\x1b[31m\x1b[2Jclear",  # colour, clear the screen
    "c1": "eight\u009b31mbit",  # the 8-bit CSI
    "rlo": "invoice\u202etxt.exe",  # right-to-left override
    "isolates": "iso\u2066late\u2069d\u061cmark\u200eltr\u200frtl",
    "title": "cr\rover\x08back",  # carriage return and backspace overwrite what was shown
}
WORDS = {"osc": "Zaenal", "csi": "Yohana", "c1": "Xaverius", "rlo": "Wulandari",
         "isolates": "Velia", "title": "Umbara"}


def raw_clean(data: bytes, where: str) -> str:
    text = data.decode("utf-8")  # valid UTF-8, always
    bad = sorted({f"U+{ord(ch):04X}" for ch in text if ord(ch) in DANGEROUS})
    assert not bad, f"{where}: {bad} reached the terminal"
    return text


def run(*args: str, corpus: Path, index: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args, "--corpus", str(corpus), "--index", str(index)],
        capture_output=True, cwd=ROOT, timeout=180,
        env={**os.environ, "COLUMNS": "120", "TERM": "xterm-256color"})


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    base = tmp_path_factory.mktemp("cli-hostile")
    corpus = base / "berita\u202e\x1b[1mkorpus"  # the corpus folder's own name too
    corpus.mkdir()
    for key, stem in NAMES.items():
        word = WORDS[key]
        (corpus / f"{stem}.txt").write_text(
            f"Judul berita {key}\n\nMenteri {word} meninjau waduk di desa Sukamaju.\n\n"
            f"“Kami siap membantu warga,” kata {word}.\n", encoding="utf-8")
    (corpus / "meta.txt").write_text(
        "Judul\n\nBupati Tarigan meresmikan jembatan.\n\n"
        "“Jembatan ini untuk rakyat,” kata Tari\u061cgan.\n", encoding="utf-8")
    (corpus / "meta.meta.toml").write_text(
        'title = "Jem\\u202ebatan \\u001b[31mbaru\\u0007"\n'
        'author = "Pe\\u2066nulis\\u009b"\n'
        'outlet = "Ko\\u001b]0;pwned\\u0007ran"\n'
        'url = "https://example.org/\\u202egnp.exe"\n', encoding="utf-8")
    (corpus / "bin\x1b]0;title\x07\u202eary.txt").write_bytes(b"\x00\x01\x02\xff" * 64)
    index = base / "ix"
    done = run("index", corpus=corpus, index=index)
    assert done.returncode == 0, done.stderr
    return corpus, index, done


def docs(corpus: Path, index: Path, word: str) -> list[str]:
    done = run("search", word, "--json", corpus=corpus, index=index)
    assert done.returncode == 0, done.stderr
    return [hit["doc"] for hit in json.loads(done.stdout)["hits"]]


def test_the_warning_for_a_skipped_file_names_it_visibly(hostile):
    _, _, done = hostile
    err = raw_clean(done.stderr, "index stderr")
    warned = [line for line in err.splitlines() if line.startswith("warning: bin")]
    assert len(warned) == 1 and "bin␛]0;title␇\ufffdary.txt: skipped" in warned[0], err


def test_search_shows_hostile_ids_visibly_and_json_keeps_them_exact(hostile):
    corpus, index, _ = hostile
    for key, stem in NAMES.items():
        word = WORDS[key]
        assert set(docs(corpus, index, word)) == {stem}  # exact in JSON
        text = run("search", word, corpus=corpus, index=index)
        assert text.returncode == 0
        out = raw_clean(text.stdout, f"search {key}")
        raw_clean(text.stderr, f"search {key} stderr")
        visible = stem.translate({c: "\ufffd" for c in DANGEROUS if c >= 0x7F})
        visible = "".join(chr(0x2400 + ord(ch)) if ord(ch) < 0x20 else ch for ch in visible)
        assert visible in out, (key, out)


def test_every_command_keeps_the_terminal_safe(hostile):
    corpus, index, _ = hostile
    every = [stem for key, stem in NAMES.items()] + ["meta"]
    runs = [("stats",), ("stats", "--json"), ("quotes",), ("quotes", "--json"),
            ("search", "Sukamaju"), ("search", "Sukamaju", "--json"),
            ("search", "Sukamaju", "--sort", "newest"), ("search", "jembatan")]
    for doc in every:
        runs += [("show", doc), ("show", doc, "--json"), ("show", f"{doc}:1"),
                 ("quotes", "--doc", doc), ("related", f"{doc}:1"),
                 ("related", f"{doc}:1", "--json")]
        quote = ("--quote", "1") if doc != "meta" else ()
        for style in ("plain", "markdown", "apa", "chicago", "mla", "bibtex", "csl-json"):
            runs.append(("cite", f"{doc}:2", *quote, "--style", style))
    runs += [("compare", every[0], every[1]), ("compare", every[2], "meta", "--json")]
    # reading commands share the index safely: run them a few at a time
    with ThreadPoolExecutor(max_workers=4) as pool:
        finished = list(pool.map(lambda args: run(*args, corpus=corpus, index=index), runs))
    for args, done in zip(runs, finished, strict=True):
        assert done.returncode in (0, 1), (args, done.stderr)
        raw_clean(done.stdout, f"{args} stdout")
        raw_clean(done.stderr, f"{args} stderr")
        if "--json" in args:
            json.loads(done.stdout)


def test_metadata_is_shown_as_cleaned_from_its_exact_value(hostile):
    """Whatever ingestion keeps of hostile metadata, text output shows exactly its cleaned form
    (the controls removed at reading, or made visible here) and JSON the exact value."""
    from reader.display import one_line

    corpus, index, _ = hostile
    out = raw_clean(run("show", "meta", corpus=corpus, index=index).stdout, "show meta")
    data = json.loads(run("show", "meta", "--json", corpus=corpus, index=index).stdout)
    assert one_line(data["title"]) in out and one_line(data["author"]) in out
    assert one_line(data["url"]) in out and one_line(data["source"]) in out
    assert re.search("Jem\ufffd?batan", out) and re.search("Pe\ufffd?nulis", out)
    assert re.search("Tari\ufffd?gan", out)


def test_errors_that_repeat_hostile_input_are_clean(hostile):
    corpus, index, _ = hostile
    for args in (("show", "nope\x1b]52;c;eA==\x07\u202e"), ("cite", "x\x1b[2J:1"),
                 ("show", "x:\x1b[2J"), ("search", "\u202e\x1b[31m\"open"),
                 ("serch\x1b[2J\u202e", "x")):
        done = run(*args, corpus=corpus, index=index)
        assert done.returncode == 2, (args, done.stderr)
        err = raw_clean(done.stderr, f"{args} stderr")
        assert err.count("\n") == 1


def test_stats_shows_the_hostile_corpus_folder_visibly(hostile):
    corpus, index, _ = hostile
    out = raw_clean(run("stats", corpus=corpus, index=index).stdout, "stats")
    assert "berita\ufffd␛[1mkorpus" in out
    data = json.loads(run("stats", "--json", corpus=corpus, index=index).stdout)
    assert data["corpus"] == str(corpus)
