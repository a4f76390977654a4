"""Hostile input: broken files, terminal attacks, wild queries, killed and concurrent indexing.

The hostile corpus is generated here (no stored binaries). Every case must end in a clear
message or a normal answer: no traceback, nothing already indexed lost, no escape code out.
"""

from __future__ import annotations

import json
import os
import resource
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from reader.ingest.structure import PASSAGE_LIMIT
from reader.library import Library

from .conftest import ROOT, SEEDS

ATTACK = "Judul [/bold] [@click=app.quit]klik[/] [link=https://evil.example]tautan[/link]"
ESCAPES = "\x1b]52;c;SGFja2Vk\x07\x1b[2J\x1b[31mmerah\x1b[0m\x9b6n\x07\x08"


def make_hostile_corpus(root: Path) -> dict[str, str]:
    """Write every kind of bad file; return what each is, by relative path."""
    root.mkdir(parents=True, exist_ok=True)
    cases: dict[str, str] = {}

    def put(name: str, data: bytes, what: str) -> None:
        path = root / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        cases[name] = what

    put("good.txt", b"Judul Baik\n\nTokayev bertemu Trump di Gedung Putih.\n", "good")
    put("empty.txt", b"", "empty")
    put("spaces.txt", b"   \n\n\t\n", "blank")
    put("binary.txt", bytes(range(256)) * 64, "binary")
    put("png.md", b"\x89PNG\r\n\x1a\n" + bytes(4000), "binary")
    put("latin1.txt", "Judul\n\nKopi di Café Batavia enak, ujar Zoë.\n".encode("cp1252"),
        "cp1252")
    put("bom_crlf.txt", b"\xef\xbb\xbfJudul BOM\r\n\r\nParagraf dengan CRLF Zulkifli.\r\n", "bom")
    put("nul.txt", b"Judul\n\nAda\x00 NUL\x00 di sini Nurhadi.\n", "nul")
    put("utf16.txt", "Judul\n\nTeks UTF-16 tentang Yudhoyono.\n".encode("utf-16"), "utf16")
    put("title_only.txt", b"Hanya Judul Tanpa Isi", "title-only")
    put("escapes.txt", f"Judul {ESCAPES}\n\nIsi {ESCAPES} Xanana berkata.\n".encode(), "escapes")
    put("markup.txt", f"{ATTACK}\n\nParagraf [/bold] dengan [@click=app.quit]markup[/] "
        f"Wiranto.\n\n\u201c[bold]Kutipan[/bold] palsu,\u201d kata [red]Prabowo[/red].\n".encode(),
        "markup")
    put("broken.json", b'[{"title": "x", "text": ', "broken json")
    put("rows.csv", b"title,content\nA,\"Isi baris satu Ahok.\"\nB,\"tidak ditutup\n", "csv")
    put("/".join(f"d{i}" for i in range(40)) + "/deep.txt", b"Judul\n\nJauh di dalam Kalla.\n",
        "deep")
    long_sentence = "Kalimat panjang tentang anggaran negara yang dibahas DPR. "
    put("huge.txt", (long_sentence * (10_000_000 // len(long_sentence))).encode(), "10 MB")
    (root / "loop").symlink_to(root, target_is_directory=True)
    (root / "dangling.txt").symlink_to(root / "does-not-exist.txt")
    cases["dangling.txt"] = "dangling link"
    return cases


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    root = tmp_path_factory.mktemp("hostile") / "corpus"
    cases = make_hostile_corpus(root)
    library = Library(root, root.parent / "ix")
    started = time.perf_counter()
    report = library.update()
    report.seconds = time.perf_counter() - started
    return root, library, report, cases


def run_cli(*args: str, corpus: Path, index: Path, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "reader", *args, "--corpus", str(corpus), "--index", str(index)],
        capture_output=True, cwd=ROOT, timeout=kwargs.pop("timeout", 300),
        env={**os.environ, "COLUMNS": "120", "TERM": "xterm-256color", **kwargs.pop("env", {})},
        **kwargs)


def test_one_bad_file_never_stops_the_others(hostile):
    root, library, report, cases = hostile
    for word, name in [("Tokayev", "good"), ("Batavia", "latin1"), ("Zulkifli", "bom_crlf"),
                       ("Nurhadi", "nul"), ("Yudhoyono", "utf16"), ("Xanana", "escapes"),
                       ("Wiranto", "markup"), ("Kalla", "deep"), ("Ahok", "rows")]:
        result = library.search(word)
        assert result.total >= 1, f"{word} from {name} was not indexed"
    warned = " ".join(report.warnings)
    for name in ("binary.txt", "png.md", "empty.txt", "dangling.txt", "broken.json"):
        assert name in warned, f"no warning names {name}"


def test_decoding_keeps_accents(hostile):
    _, library, _, _ = hostile
    text = library.search("Batavia").hits[0].text
    assert "Café" in text and "Zoë" in text


def test_ten_megabyte_single_line_is_split_into_passages(hostile):
    _, library, report, _ = hostile
    article = library.article("huge")
    assert article is not None and len(article.paragraphs) > 5000
    assert max(len(p.text) for p in article.paragraphs) <= PASSAGE_LIMIT
    assert library.search("anggaran").total > 1


def test_title_only_file_is_an_article(hostile):
    _, library, _, _ = hostile
    article = library.article("title_only")
    assert article is not None and article.paragraphs


def test_symlink_loop_and_deep_folders_do_not_hang(hostile):
    root, library, report, _ = hostile
    docs = {a.doc for a in library.articles()}
    assert "deep" in docs and not any(d.startswith("loop") for d in docs)


def test_no_escape_byte_from_article_text_reaches_stdout(hostile):
    root, library, _, _ = hostile
    index = library.index_dir
    for args in (("search", "Xanana"), ("search", "Xanana", "--json"), ("show", "escapes"),
                 ("show", "escapes", "--json"), ("quotes",), ("quotes", "--json"),
                 ("cite", "escapes:1"), ("cite", "escapes:1", "--style", "bibtex"),
                 ("stats",), ("related", "escapes:1")):
        done = run_cli(*args, corpus=root, index=index)
        assert done.returncode in (0, 1), (args, done.stderr)
        assert b"\x1b" not in done.stdout and b"\x9b" not in done.stdout, args
        assert b"\x07" not in done.stdout, args
        assert b"\x1b" not in done.stderr, args


def test_markup_is_shown_literally_in_the_cli(hostile):
    root, library, _, _ = hostile
    done = run_cli("show", "markup", corpus=root, index=library.index_dir)
    assert done.returncode == 0
    out = done.stdout.decode("utf-8")
    assert "[/bold]" in out and "[@click=app.quit]" in out
    found = run_cli("search", "Wiranto", corpus=root, index=library.index_dir)
    assert "[@click=app.quit]markup[/]" in found.stdout.decode("utf-8")


WILD_QUERIES = ['"', '""', "(", ")", "((a)", "AND", "OR", "NOT", "NOT NOT", "-", "+", "title:",
                ":", "title:title:", "*", "?", "~", "a~~~~", "a*b*c*", "**", "x" * 20_000,
                "a\x00b", "😀", "😀*", "[/bold]", "[@click=app.quit]x[/]", "\x1b[31m", "\\",
                "'", "title:(", "speaker:\"", "a OR", "OR a", "-(", "k*", "ka*", "a b c d e f"]


@pytest.mark.parametrize("query", WILD_QUERIES)
def test_wild_queries_answer_or_explain(hostile, query):
    _, library, _, _ = hostile
    result = library.search(query)  # the work each shape may do: test_search.py, "budget"
    assert result.error is None or ("\n" not in result.error and result.hits == [])


@settings(max_examples=120, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(query=st.text(max_size=80))
def test_property_any_query_answers_or_explains(hostile, query):
    _, library, _, _ = hostile
    result = library.search(query)
    assert result.error is None or "\n" not in result.error
    for hit in result.hits:
        for a, b in hit.highlights:
            assert 0 <= a < b <= len(hit.text)


@pytest.mark.parametrize("query", ['"', "NOT", "title:", "x" * 20_000, "a\tb", "😀", "*"])
def test_cli_query_exit_codes_are_0_1_or_2(hostile, query):
    root, library, _, _ = hostile
    done = run_cli("search", query, corpus=root, index=library.index_dir)
    assert done.returncode in (0, 1, 2), done.stderr
    assert b"Traceback" not in done.stderr
    if done.returncode == 2:
        assert done.stderr.decode().count("\n") == 1


# -- index faults ------------------------------------------------------------------------------


def make_corpus(root: Path, files: int) -> None:
    root.mkdir(parents=True, exist_ok=True)
    seed_text = (SEEDS / "000_eb477a4d0f924bfa.txt").read_text(encoding="utf-8")
    for i in range(files):
        (root / f"a{i:04d}.txt").write_text(seed_text + f"\n\nPenanda unik kata{i}.\n",
                                            encoding="utf-8")


def test_killed_indexing_leaves_a_usable_index(tmp_path):
    corpus, index = tmp_path / "corpus", tmp_path / "ix"
    make_corpus(corpus, 40)
    assert run_cli("index", corpus=corpus, index=index).returncode == 0
    make_corpus(corpus / "more", 400)  # a big update to kill part way
    for delay in (0.3, 0.8, 1.5, 2.5):
        process = subprocess.Popen(
            [sys.executable, "-m", "reader", "index", "--corpus", str(corpus), "--index",
             str(index)], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        process.send_signal(signal.SIGKILL)
        process.wait()
        # The previous generation answers at once, without re-indexing (read-only open).
        library = Library(corpus, index)
        assert library.search("kata1").total >= 1
    done = run_cli("index", "--json", corpus=corpus, index=index)
    assert done.returncode == 0, done.stderr
    assert Library(corpus, index).search("kata399").total == 1
    assert Library(corpus, index).search("kata39").total == 2  # a0039 and more/a0039


def processes_mentioning(text: str) -> list[int]:
    """Live processes whose command line mentions ``text`` (Linux /proc; empty elsewhere)."""
    found = []
    for entry in Path("/proc").glob("[0-9]*"):
        try:
            raw = (entry / "cmdline").read_bytes().replace(b"\0", b" ")
            cmdline = raw.decode("utf-8", "replace")  # another process's path may be raw bytes
            state = (entry / "stat").read_text().split(") ", 1)[1][:1]
        except (OSError, IndexError):
            continue
        if text in cmdline and state != "Z":
            found.append(int(entry.name))
    return found


def test_killed_rebuild_keeps_the_old_index(tmp_path):
    corpus, index = tmp_path / "corpus", tmp_path / "ix"
    make_corpus(corpus, 600)  # big enough for a two-process build
    assert run_cli("index", corpus=corpus, index=index).returncode == 0
    process = subprocess.Popen(
        [sys.executable, "-m", "reader", "index", "--rebuild", "--corpus", str(corpus),
         "--index", str(index)], cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.monotonic() + 20
    while len(processes_mentioning(str(index))) < 2 and time.monotonic() < deadline:
        time.sleep(0.05)  # wait for the analysing children to start
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert Library(corpus, index).search("kata7").total == 1
    deadline = time.monotonic() + 5
    while processes_mentioning(str(index)) and time.monotonic() < deadline:
        time.sleep(0.1)  # the analysing children die with their parent
    assert not processes_mentioning(str(index)), "indexing children outlived the killed parent"
    assert run_cli("index", corpus=corpus, index=index).returncode == 0
    leftovers = [p.name for p in index.iterdir() if p.name.startswith("build-")]
    assert leftovers == []
    assert sorted(p.name for p in index.parent.iterdir()) == ["corpus", "ix"]


def test_two_index_runs_at_once_do_not_corrupt(tmp_path):
    corpus, index = tmp_path / "corpus", tmp_path / "ix"
    make_corpus(corpus, 30)
    assert run_cli("index", corpus=corpus, index=index).returncode == 0
    make_corpus(corpus / "more", 200)
    command = [sys.executable, "-m", "reader", "index", "--corpus", str(corpus), "--index",
               str(index)]
    first = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    second = subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    results = [first.communicate(timeout=300), second.communicate(timeout=300)]
    codes = [first.returncode, second.returncode]
    assert all(code in (0, 3) for code in codes), results
    assert 0 in codes
    for _, stderr in results:
        assert b"Traceback" not in stderr
    run_cli("index", corpus=corpus, index=index)
    assert Library(corpus, index).search("kata199").total == 1


def test_garbage_in_index_files_is_reported_and_rebuilt(tmp_path):
    corpus, index = tmp_path / "corpus", tmp_path / "ix"
    make_corpus(corpus, 5)
    assert run_cli("index", corpus=corpus, index=index).returncode == 0
    for path in index.rglob("*"):
        if path.is_file() and path.name not in ("READER_INDEX", "update.lock"):
            data = path.read_bytes()
            path.write_bytes(data[: len(data) // 2] + b"\xde\xad\xbe\xef" * 8)
    done = run_cli("search", "kata3", "--json", corpus=corpus, index=index)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["total"] == 1
    assert b"Traceback" not in done.stderr


def test_truncated_index_is_rebuilt(tmp_path):
    corpus, index = tmp_path / "corpus", tmp_path / "ix"
    make_corpus(corpus, 5)
    assert run_cli("index", corpus=corpus, index=index).returncode == 0
    for path in index.rglob("*.toc"):
        if path.suffix == ".toc":
            path.write_bytes(b"")
    done = run_cli("search", "kata2", "--json", corpus=corpus, index=index)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["total"] == 1


def test_index_path_that_cannot_be_written_is_a_clear_error(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("not a folder")
    done = run_cli("index", corpus=SEEDS, index=blocker / "ix")
    assert done.returncode == 3
    assert done.stderr.decode().count("\n") == 1 and b"Traceback" not in done.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root ignores permissions")
def test_read_only_index_folder_is_a_clear_error(tmp_path):
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        done = run_cli("index", corpus=SEEDS, index=folder / "ix")
        assert done.returncode == 3 and b"Traceback" not in done.stderr
    finally:
        folder.chmod(0o700)


def test_full_disk_is_a_clear_error_and_keeps_the_old_index(tmp_path):
    corpus, index = tmp_path / "corpus", tmp_path / "ix"
    make_corpus(corpus, 5)
    assert run_cli("index", corpus=corpus, index=index).returncode == 0
    make_corpus(corpus / "more", 300)

    def small_files() -> None:  # the kernel refuses writes past 64 KiB, like a full disk
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (64 * 1024, 64 * 1024))

    done = run_cli("index", corpus=corpus, index=index, preexec_fn=small_files)
    assert done.returncode == 3, done.stderr
    assert done.stderr.decode().count("\n") == 1 and b"Traceback" not in done.stderr
    assert Library(corpus, index).search("kata3").total == 1


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads every file")
def test_unreadable_file_is_a_warning(tmp_path):
    corpus = tmp_path / "corpus"
    make_corpus(corpus, 2)
    secret = corpus / "secret.txt"
    secret.write_text("Judul\n\nRahasia.\n")
    secret.chmod(0)
    try:
        report = Library(corpus, tmp_path / "ix").update()
        assert any("secret.txt" in w for w in report.warnings)
    finally:
        secret.chmod(0o600)


def test_corpus_is_never_modified(hostile):
    root, library, _, _ = hostile
    before = {p: p.stat().st_mtime_ns for p in root.rglob("*") if p.is_file()}
    library.update(rebuild=True)
    after = {p: p.stat().st_mtime_ns for p in root.rglob("*") if p.is_file()}
    assert before == after
