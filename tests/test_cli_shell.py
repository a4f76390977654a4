"""The command line as a shell: real ``python -m reader`` processes on real temp corpora.

Exit codes, one-line errors, a closed pipe, no terminal for the TUI, paging and sorting,
progress on a real pseudo-terminal, and a start path free of the heavy frameworks.
"""

from __future__ import annotations

import json
import os
import pty
import select
import subprocess
import sys
import time
from pathlib import Path

import pytest

from .conftest import DOC_000, DOC_001, ROOT, SEEDS


def run(*args: str, env: dict | None = None, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "reader", *args], capture_output=True,
                          cwd=ROOT, timeout=kwargs.pop("timeout", 180),
                          env={**os.environ, "COLUMNS": "100", **(env or {})}, **kwargs)


@pytest.fixture(scope="module")
def seeds_index(tmp_path_factory) -> Path:
    index = tmp_path_factory.mktemp("shell") / "ix"
    done = run("index", "--corpus", str(SEEDS), "--index", str(index))
    assert done.returncode == 0, done.stderr
    return index


def at(index: Path, corpus: Path = SEEDS) -> tuple[str, ...]:
    return ("--corpus", str(corpus), "--index", str(index))


def one_error_line(done: subprocess.CompletedProcess) -> str:
    text = done.stderr.decode("utf-8")
    assert text.count("\n") == 1 and text.endswith("\n"), text
    assert text.startswith("reader: ") and "Traceback" not in text
    return text


# -- help, version, usage errors --------------------------------------------------------------


def test_version():
    done = run("--version")
    assert done.returncode == 0
    assert done.stdout.decode().strip() == "reader 0.1.0"


def test_help_names_the_default_command_and_every_command():
    done = run("--help")
    assert done.returncode == 0 and done.stderr == b""
    text = done.stdout.decode()
    assert "reader [CORPUS]" in text
    for command in ("index", "search", "show", "quotes", "cite", "related", "compare", "stats"):
        assert f"\n  {command} " in text
    assert "exit codes: 0 success, 1 a search with no hits" in text


def test_command_help_keeps_every_option():
    text = run("search", "--help").stdout.decode()
    for option in ("--limit", "-n", "--offset", "--sort", "--json", "--corpus", "-c",
                   "--index", "-i", "relevance,newest,oldest", "-- -Trump"):
        assert option in text, option
    cite = run("cite", "--help").stdout.decode()
    for option in ("--quote", "-q", "--style", "apa, chicago, mla, bibtex, csl-json"):
        assert option in cite


@pytest.mark.parametrize("args,words", [
    (("search",), "QUERY"),
    (("search", "x", "--limit", "0"), "--limit"),
    (("search", "x", "--limit", "many"), "'many' is not a whole number"),
    (("search", "x", "--offset", "-1"), "--offset"),
    (("search", "x", "--sort", "random"), "'random' is not one of relevance, newest, oldest"),
    (("search", "x", "--frobnicate"), "unrecognized arguments: --frobnicate"),
    (("cite", f"{DOC_000}:1", "--style", "harvard"), "unknown citation style 'harvard'"),
    (("cite", f"{DOC_000}:1", "--quote", "0"), "--quote"),
    (("cite", DOC_000), "expected DOC:N"),
    (("show", f"{DOC_000}:x"), "not a paragraph number"),
    (("compare", DOC_000), "DOC_B"),
    (("serch", "Tokayev"), "did you mean 'reader search'"),
    (("--frobnicate",), "unrecognized arguments"),
    (("index", str(SEEDS), "--corpus", str(SEEDS)), "give the corpus once"),
])
def test_usage_errors_are_one_line_and_exit_2(seeds_index, args, words):
    done = run(*args, *at(seeds_index))
    assert done.returncode == 2, done.stderr
    assert done.stdout == b""
    assert words in one_error_line(done)


def test_options_may_come_before_the_command(seeds_index):
    done = run(*at(seeds_index), "--backend", "whoosh", "search", "Tokayev", "--json")
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["total"] == 2


def test_a_query_that_starts_with_a_dash_goes_after_double_dash(seeds_index):
    done = run("search", *at(seeds_index), "--json", "--", "-Trump")
    assert done.returncode in (0, 1, 2), done.stderr
    assert b"unrecognized arguments" not in done.stderr


# -- exit codes -------------------------------------------------------------------------------


def test_exit_codes_0_1_2_3(seeds_index, tmp_path):
    assert run("search", "Tokayev", *at(seeds_index)).returncode == 0
    assert run("search", "Zzyzzyva", *at(seeds_index)).returncode == 1
    bad = run("search", '"Truth Social', *at(seeds_index))
    assert bad.returncode == 2 and "quotation mark" in one_error_line(bad)
    missing = run("search", "x", *at(tmp_path / "ix2", corpus=tmp_path / "nowhere"))
    assert missing.returncode == 3 and "no such file or folder" in one_error_line(missing)
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    notdir = run("search", "x", *at(blocker / "ix"))
    assert notdir.returncode == 3
    one_error_line(notdir)
    for args in (("show", "nope"), ("show", f"{DOC_000}:99"), ("quotes", "--doc", "nope"),
                 ("related", "nope:1"), ("related", f"{DOC_000}:99"),
                 ("compare", DOC_000, "nope"), ("cite", "nope:1"),
                 ("cite", f"{DOC_000}:1", "--quote", "9")):
        done = run(*args, *at(seeds_index))
        assert done.returncode == 2, (args, done.stderr)
        one_error_line(done)


def test_a_bug_is_one_line_that_says_so_and_not_a_usage_error(monkeypatch, capsys):
    """The one error mapping: a ValueError from deep inside is a bug (exit 3), not bad usage."""
    from reader import cli
    from reader.cli import commands

    def broken(args, out):
        raise ValueError("something inside went wrong")

    monkeypatch.setitem(commands.COMMANDS, "stats", broken)
    monkeypatch.delenv("READER_DEBUG", raising=False)
    assert cli.run(["stats"]) == 3
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert "internal error: ValueError: something inside went wrong" in err
    assert "READER_DEBUG=1" in err
    monkeypatch.setenv("READER_DEBUG", "1")
    with pytest.raises(ValueError):
        cli.run(["stats"])


# -- pipes and terminals ----------------------------------------------------------------------


@pytest.fixture(scope="module")
def long_corpus(tmp_path_factory) -> tuple[Path, Path]:
    """One article of 400 distinct paragraphs, each with the word 'sawit': a search prints far
    more than a pipe holds (64 KiB)."""
    root = tmp_path_factory.mktemp("long") / "corpus"
    root.mkdir()
    body = "\n\n".join(
        f"Paragraf nomor {n} membahas kebun sawit di Kalimantan, harga tandan buah segar, "
        f"upah buruh harian, dan janji perusahaan nomor {n} kepada warga desa sekitar kebun."
        for n in range(1, 401))
    (root / "panjang.txt").write_text("Kebun Sawit\n\n" + body + "\n", encoding="utf-8")
    index = root.parent / "ix"
    assert run("index", *at(index, root)).returncode == 0
    return root, index


@pytest.mark.parametrize("extra", [(), ("--json",)])
def test_closed_pipe_ends_quietly_with_the_commands_status(long_corpus, extra):
    root, index = long_corpus
    reader = " ".join(f"'{a}'" for a in [sys.executable, "-m", "reader", "search", "sawit",
                                         "--limit", "400", *extra, *at(index, root)])
    script = f"{reader} 2>stderr.txt | head -c 100 >/dev/null; echo ${{PIPESTATUS[0]}}"
    done = subprocess.run(["bash", "-c", script], capture_output=True, cwd=index.parent,
                          timeout=180, env={**os.environ, "COLUMNS": "100"})
    assert done.stdout.decode().strip() == "0"
    assert (index.parent / "stderr.txt").read_bytes() == b""


def test_show_into_a_closed_pipe(long_corpus):
    root, index = long_corpus
    reader = " ".join(f"'{a}'" for a in [sys.executable, "-m", "reader", "show", "panjang",
                                         *at(index, root)])
    done = subprocess.run(["bash", "-c", f"{reader} 2>&1 | head -1; echo ${{PIPESTATUS[0]}}"],
                          capture_output=True, timeout=180)
    lines = done.stdout.decode().splitlines()
    assert lines == ["Kebun Sawit", "0"]


def test_the_reader_without_a_terminal_refuses_in_one_line(tmp_path, seeds_index):
    with open(os.devnull, "rb") as stdin, open(tmp_path / "f", "wb") as stdout:
        done = subprocess.run([sys.executable, "-m", "reader", str(SEEDS), "--index",
                               str(seeds_index)], stdin=stdin, stdout=stdout,
                              stderr=subprocess.PIPE, cwd=ROOT, timeout=60)
    assert done.returncode == 2
    assert "needs a terminal" in one_error_line(done)
    assert (tmp_path / "f").read_bytes() == b""


def test_the_reader_with_a_terminal_for_input_only_refuses(tmp_path, seeds_index):
    master, slave = pty.openpty()
    try:
        with open(tmp_path / "f", "wb") as stdout:
            done = subprocess.run([sys.executable, "-m", "reader", "--index", str(seeds_index)],
                                  stdin=slave, stdout=stdout, stderr=subprocess.PIPE,
                                  cwd=ROOT, timeout=60)
    finally:
        os.close(master)
        os.close(slave)
    assert done.returncode == 2 and "needs a terminal" in one_error_line(done)


def test_a_corpus_whose_name_is_not_utf8(tmp_path):
    import shutil

    name = os.fsdecode(b"korpus\xff\xfe")
    corpus = tmp_path / name
    shutil.copytree(SEEDS, corpus)
    env = {"XDG_CACHE_HOME": str(tmp_path / "cache")}  # the default index folder
    done = run("search", "Tokayev", "--json", "--corpus", str(corpus), env=env)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["total"] == 2
    stats = run("stats", "--json", "--corpus", str(corpus), env=env)
    assert stats.returncode == 0
    assert json.loads(stats.stdout)["corpus"] == str(corpus)  # lossless in JSON
    text = run("stats", "--corpus", str(corpus), env=env)
    assert text.returncode == 0 and "korpus\ufffd\ufffd" in text.stdout.decode("utf-8")
    with open(os.devnull, "rb") as stdin:
        tui = subprocess.run([sys.executable, "-m", "reader", str(corpus)], stdin=stdin,
                             capture_output=True, cwd=ROOT, timeout=60,
                             env={**os.environ, **env})
    assert tui.returncode == 2 and "needs a terminal" in one_error_line(tui)


# -- paging and sorting -----------------------------------------------------------------------


def hits(index: Path, *args: str, corpus: Path = SEEDS) -> dict:
    done = run("search", *args, "--json", *at(index, corpus))
    assert done.returncode in (0, 1), done.stderr
    return json.loads(done.stdout)


def test_offset_and_limit_page_through_the_same_ranking(seeds_index):
    whole = hits(seeds_index, "gabung", "--limit", "50")
    assert whole["total"] == len(whole["hits"]) > 4
    pages = []
    for offset in range(0, whole["total"], 3):
        page = hits(seeds_index, "gabung", "--limit", "3", "--offset", str(offset))
        assert page["total"] == whole["total"]
        assert len(page["hits"]) == min(3, whole["total"] - offset)
        pages += page["hits"]
    assert [(h["doc"], h["para"]) for h in pages] == [(h["doc"], h["para"])
                                                      for h in whole["hits"]]
    past = run("search", "gabung", "--offset", "100", *at(seeds_index))
    assert past.returncode == 0 and b"no hits past the first" in past.stdout


def test_offset_shows_which_hits_in_text(seeds_index):
    out = run("search", "gabung", "--limit", "2", "--offset", "2", *at(seeds_index))
    assert "showing 3 to 4" in out.stdout.decode()


@pytest.fixture(scope="module")
def dated(tmp_path_factory) -> tuple[Path, Path]:
    root = tmp_path_factory.mktemp("dated") / "corpus"
    root.mkdir()
    for name, date in (("lama", "2023-12-31"), ("tengah", "2024-01-05"),
                       ("baru", "2025-03-01"), ("tanpa", None)):
        (root / f"{name}.txt").write_text(
            f"Berita {name}\n\nMenteri Zulkarnaen meninjau waduk di desa {name}.\n",
            encoding="utf-8")
        if date:
            (root / f"{name}.meta.toml").write_text(f'date = "{date}"\n', encoding="utf-8")
    index = root.parent / "ix"
    assert run("index", *at(index, root)).returncode == 0
    return root, index


@pytest.mark.parametrize("order,expected", [
    ("newest", ["baru", "tengah", "lama", "tanpa"]),
    ("oldest", ["lama", "tengah", "baru", "tanpa"]),
])
def test_sort_by_article_date_undated_last(dated, order, expected):
    root, index = dated
    data = hits(index, "Zulkarnaen", "--sort", order, corpus=root)
    assert [h["doc"] for h in data["hits"]] == expected
    assert data["sort"] == order
    assert [h["date"] for h in data["hits"]][-1] is None
    page = hits(index, "Zulkarnaen", "--sort", order, "--limit", "2", "--offset", "1",
                corpus=root)
    assert [h["doc"] for h in page["hits"]] == expected[1:3]
    text = run("search", "Zulkarnaen", "--sort", order, *at(index, root)).stdout.decode()
    assert text.index(expected[0]) < text.index(expected[1]) < text.index(expected[2])
    assert "undated" in text


def test_relevance_is_the_default_order(dated):
    root, index = dated
    default = hits(index, "Zulkarnaen", corpus=root)
    explicit = hits(index, "Zulkarnaen", "--sort", "relevance", corpus=root)
    assert default["hits"] == explicit["hits"]
    assert "sort" not in default and "date" not in default["hits"][0]


# -- updating: warnings, stale answers, progress ----------------------------------------------


def test_a_failed_update_still_answers_from_the_old_index(tmp_path):
    import resource
    import signal

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for i in range(5):
        (corpus / f"a{i}.txt").write_text(f"Judul {i}\n\nKata unik penanda{i}.\n")
    index = tmp_path / "ix"
    assert run("index", *at(index, corpus)).returncode == 0
    for i in range(300):  # enough new text that the update must write more than 64 KiB
        (corpus / f"b{i}.txt").write_text(
            f"Judul {i}\n\n" + " ".join(f"kata{i}x{j}" for j in range(200)) + "\n")

    def small_files() -> None:  # the kernel refuses writes past 64 KiB, like a full disk
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))

    done = run("search", "penanda3", "--json", *at(index, corpus), preexec_fn=small_files)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["total"] == 1
    warning = done.stderr.decode()
    assert warning.count("\n") == 1 and warning.startswith("warning: ")
    assert "may be stale" in warning


def test_the_start_path_imports_no_cli_framework(seeds_index):
    """Nor numpy: a name is scored in plain Python (~75 ms of import saved)."""
    code = (
        "import sys\n"
        "from reader.cli import run\n"
        f"code = run(['search', 'Tokayev', '--corpus', {str(SEEDS)!r}, '--index', "
        f"{str(seeds_index)!r}])\n"
        "heavy = sorted({m.split('.')[0] for m in sys.modules} & "
        "{'typer', 'click', 'rich', 'pydantic', 'textual', 'numpy'})\n"
        "sys.stderr.write(repr((code, heavy)))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, cwd=ROOT,
                          timeout=120)
    assert done.stderr.decode().strip() == "(0, [])"
    assert DOC_001.encode() in done.stdout


def test_the_start_path_loads_no_config_parser_without_a_config_nor_english_morphology(
        seeds_index, tmp_path):
    """Two imports a cold ``reader search`` does not need: the TOML parser when there is no
    config file, and Whoosh's English morphology (its ``Variations`` query, never built here,
    compiles a dozen large patterns at import); the stand-in then loads and answers as the
    real module does."""
    code = (
        "import sys\n"
        "from reader.cli import run\n"
        f"code = run(['search', 'Tokayev', '--corpus', {str(SEEDS)!r}, '--index', "
        f"{str(seeds_index)!r}])\n"
        "morphology = sys.modules['whoosh.lang.morph_en']\n"
        "loaded = ('tomllib' in sys.modules, '_partitions' in vars(morphology))\n"
        "from whoosh.query import terms\n"
        "answer = sorted(terms.variations('pull'))\n"
        "real = sys.modules['whoosh.lang.morph_en']\n"
        "sys.stderr.write(repr((code, loaded, answer == sorted(real.variations('pull')), "
        "len(answer) > 10, '_partitions' in vars(real))))\n"
    )
    env = {**os.environ, "READER_CONFIG": str(tmp_path / "no-config.toml")}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, cwd=ROOT,
                          timeout=120, env=env)
    assert done.stderr.decode().strip() == "(0, (False, False), True, True, True)"
    assert DOC_001.encode() in done.stdout


@pytest.mark.skipif(__import__("shutil").which("tmux") is None, reason="tmux is not installed")
def test_the_reader_starts_on_a_corpus_whose_name_is_not_utf8(tmp_path):
    """In a real terminal (tmux): the start path takes any path the file system takes."""
    import shlex
    import shutil
    import uuid

    corpus = tmp_path / os.fsdecode(b"korpus\xff")
    shutil.copytree(SEEDS, corpus)
    socket = f"reader-cli-{uuid.uuid4().hex[:10]}"
    status = tmp_path / "status"

    def tmux(*args: str) -> str:
        return subprocess.run(["tmux", "-L", socket, *args], capture_output=True,
                              timeout=20).stdout.decode("utf-8", "replace")

    def raw(path: Path) -> str:  # bash's $'...' with every byte escaped: any name survives
        return "$'" + "".join(f"\\x{byte:02x}" for byte in os.fsencode(path)) + "'"

    command = (f"XDG_CACHE_HOME={raw(tmp_path / 'cache')} {shlex.quote(sys.executable)} -m "
               f"reader {raw(corpus)}; echo $? > {raw(status)}")  # the default index folder
    try:
        tmux("-f", "/dev/null", "new-session", "-d", "-s", "app", "-x", "100", "-y", "30",
             "-c", str(ROOT), "bash", "--norc", "--noprofile")
        tmux("send-keys", "-t", "app", "-l", command)
        tmux("send-keys", "-t", "app", "Enter")
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline and "Berita Kazakhstan" not in tmux(
                "capture-pane", "-p", "-t", "app"):
            time.sleep(0.2)
        assert "Berita Kazakhstan" in tmux("capture-pane", "-p", "-t", "app")
        tmux("send-keys", "-t", "app", "q")
        while time.monotonic() < deadline and not status.exists():
            time.sleep(0.2)
        assert status.read_text().strip() == "0"
    finally:
        tmux("kill-server")


def on_a_terminal(args: list[str], env: dict) -> bytes:
    """Run ``reader ARGS`` with stdout on a real pseudo-terminal; what it wrote there."""
    master, slave = pty.openpty()
    try:
        process = subprocess.Popen([sys.executable, "-m", "reader", *args], stdout=slave,
                                   stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL,
                                   cwd=ROOT, env={**os.environ, **env})
        os.close(slave)
        slave = -1
        seen = b""
        while True:
            ready, _, _ = select.select([master], [], [], 1.0)
            if ready:
                try:
                    chunk = os.read(master, 65536)
                except OSError:
                    break
                if not chunk:
                    break
                seen += chunk
            elif process.poll() is not None:
                break
        assert process.wait(timeout=120) == 0
        return seen
    finally:
        os.close(master)
        if slave != -1:
            os.close(slave)


def test_terminal_output_is_styled_and_fits_the_width(seeds_index):
    import re

    args = ["search", "Tokayev", *at(seeds_index)]
    seen = on_a_terminal(args, {"COLUMNS": "60", "TERM": "xterm-256color", "NO_COLOR": ""})
    assert b"\x1b[1;30;43mTokayev\x1b[0m" in seen  # the match, highlighted
    plain = re.sub(rb"\x1b\[[0-9;]*m", b"", seen).decode("utf-8")
    lines = plain.replace("\r\n", "\n").splitlines()
    assert len(lines) > 8 and max(len(line) for line in lines) <= 60
    plain_words = " ".join(plain.split())
    assert "Presiden Trump sebelumnya bertemu dengan Presiden Tokayev" in plain_words
    no_colour = on_a_terminal(args, {"COLUMNS": "60", "NO_COLOR": "1"})
    assert b"\x1b" not in no_colour


def test_plain_citation_is_whole_unless_an_excerpt_length_is_chosen(tmp_path):
    from reader.library import Library

    seeds = Path(__file__).resolve().parents[1] / "seeds"
    text = Library(seeds, tmp_path / "ix")
    text.update()
    paragraph = text.article("000_eb477a4d0f924bfa").paragraph(8).text
    whole = subprocess.run(
        [sys.executable, "-m", "reader", "cite", "000_eb477a4d0f924bfa:8", "--corpus", str(seeds),
         "--index", str(tmp_path / "ix")], capture_output=True, text=True, timeout=120)
    assert whole.returncode == 0, whole.stderr
    assert whole.stdout.splitlines()[0] == paragraph
    cut = subprocess.run(
        [sys.executable, "-m", "reader", "cite", "000_eb477a4d0f924bfa:8", "--excerpt", "60",
         "--corpus", str(seeds), "--index", str(tmp_path / "ix")],
        capture_output=True, text=True, timeout=120)
    first = cut.stdout.splitlines()[0]
    assert first.endswith("…") and len(first) <= 61 and paragraph.startswith(first[:-1])
