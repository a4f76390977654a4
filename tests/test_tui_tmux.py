"""The real app in a real terminal: tmux runs ``python -m reader`` on its own server socket.

The copy path is checked end to end: with ``set-clipboard on``, the OSC 52 sequence the app
writes lands in tmux's paste buffer (the 80x24 run hides the ``tmux`` command from the app, so
only OSC 52 can fill the buffer there); with ``set-clipboard off`` the app's
``tmux load-buffer`` fills it. Either way one copy makes one buffer. Marks are exported as
BibLaTeX and parsed back.
"""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
import time
import uuid
from pathlib import Path

import bibtexparser
import pytest

ROOT = Path(__file__).resolve().parents[1]
TITLE_001 = "Kazakhstan Terpilih Menjadi Anggota Abraham Accords"

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")


def reader_command() -> list[str]:
    """How to start the reader: this interpreter with ``-m reader`` when it can import it."""
    probe = subprocess.run([sys.executable, "-c", "import reader.cli, reader.tui.app"],
                           cwd=ROOT, capture_output=True)
    if probe.returncode == 0:
        return [sys.executable, "-m", "reader"]
    found = shutil.which("reader")
    if found is None:
        pytest.skip("the reader command is not installed")
    return [found]


class Tmux:
    """A tmux server of our own (its own socket, no user config)."""

    def __init__(self, width: int, height: int, set_clipboard: str = "on") -> None:
        self.socket = f"reader-test-{uuid.uuid4().hex[:12]}"
        self.width, self.height = width, height
        # a dummy session first, so options can be set before the app starts
        self.run("-f", "/dev/null", "new-session", "-d", "-s", "idle", "-x", str(width),
                 "-y", str(height), "sleep 600")
        self.run("set-option", "-g", "set-clipboard", set_clipboard)

    def run(self, *args: str, check: bool = True) -> str:
        done = subprocess.run(["tmux", "-L", self.socket, *args], capture_output=True,
                              text=True, timeout=20)
        if check and done.returncode != 0:
            raise AssertionError(f"tmux {' '.join(args)}: {done.stderr.strip()}")
        return done.stdout

    def start(self, command: str) -> None:
        self.run("new-session", "-d", "-s", "app", "-x", str(self.width), "-y",
                 str(self.height), "-c", str(ROOT), command)

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", "app", check=False)

    def keys(self, *keys: str) -> None:
        self.run("send-keys", "-t", "app", *keys)

    def wait_for(self, what, timeout: float = 20.0) -> str:
        deadline = time.monotonic() + timeout
        seen = ""
        while time.monotonic() < deadline:
            seen = what()
            if seen:
                return seen
            time.sleep(0.05)
        raise AssertionError(f"timed out; the screen shows:\n{self.screen()}")

    def buffer(self) -> str:
        return self.run("show-buffer", check=False)

    def buffers(self) -> list[str]:
        return [line for line in self.run("list-buffers", check=False).splitlines() if line]

    def kill(self) -> None:
        self.run("kill-server", check=False)


def launch(tmp_path: Path, width: int, height: int, osc52_only: bool = False,
           set_clipboard: str = "on", corpus: Path | None = None) -> Tmux:
    command = [*reader_command(), *([str(corpus)] if corpus else []), "--index",
               str(tmp_path / "ix")]
    # the reader's own files in this test's folder; the user's config is not read
    env: dict[str, str] = {"READER_DATA_DIR": str(tmp_path / "data"),
                           "READER_CONFIG": str(tmp_path / "no-config.toml")}
    if osc52_only:  # no tmux (or any clipboard tool) on PATH: only OSC 52 can reach tmux
        env["PATH"] = str(tmp_path / "empty-bin")
        (tmp_path / "empty-bin").mkdir()
    exports = "".join(f"{k}={shlex.quote(v)} " for k, v in env.items())
    tmux = Tmux(width, height, set_clipboard)
    tmux.start(f"env {exports}{shlex.join(command)}; sleep 30")
    return tmux


@pytest.mark.parametrize(("width", "height", "osc52_only", "set_clipboard"), [
    (120, 35, False, "on"),  # OSC 52 and tmux load-buffer
    (80, 24, True, "on"),  # OSC 52 alone
    (100, 30, False, "off"),  # tmux ignores OSC 52 from the app: load-buffer alone
])
def test_search_and_cite_lands_in_the_tmux_buffer(tmp_path, width, height, osc52_only,
                                                  set_clipboard):
    tmux = launch(tmp_path, width, height, osc52_only, set_clipboard)
    try:
        tmux.wait_for(lambda: "articles ·" in tmux.screen() or "Articles" in tmux.screen())
        tmux.wait_for(lambda: "Berita Kazakhstan" in tmux.screen())
        tmux.keys("/", "T", "o", "k", "a", "y", "e", "v")
        tmux.wait_for(lambda: "2 paragraphs" in tmux.screen())
        tmux.keys("Enter")
        tmux.wait_for(lambda: "of 13" in tmux.screen())  # the source pane's ¶N of 13
        tmux.keys("c")
        copied = tmux.wait_for(
            lambda: (lambda b: b if TITLE_001 in b and ("para. 2" in b or "para. 5" in b)
                     else "")(tmux.buffer()))
        assert "\x1b" not in copied
        tmux.wait_for(lambda: "Copied an APA citation" in tmux.screen())
        assert len(tmux.buffers()) == 1  # one copy, one buffer
        tmux.keys("q")
        tmux.wait_for(lambda: "palette" not in tmux.screen())  # the app has quit
    finally:
        tmux.kill()


def test_a_search_typed_while_the_reader_starts_is_kept(tmp_path):
    """``/Tokayev`` typed at once, while the reader starts (before its screen has widgets):
    no traceback, and the search box holds the words, without the "/" that opened it, and
    is answered once the index opens."""
    tmux = launch(tmp_path, 120, 35)
    try:
        tmux.keys("/", "T", "o", "k", "a", "y", "e", "v")
        tmux.wait_for(lambda: "2 paragraphs" in tmux.screen())
        screen = tmux.screen()
        assert "Traceback" not in screen and "/Tokayev" not in screen
        assert "Tokayev" in screen.splitlines()[1]  # the search box's line
    finally:
        tmux.kill()


def test_paints_before_the_index_is_ready_in_a_real_terminal(tmp_path):
    """The screen paints while another process holds the index: it does not wait for it."""
    import fcntl
    import shutil

    from reader.library import Library

    corpus = tmp_path / "corpus"
    shutil.copytree(ROOT / "seeds", corpus)
    Library(corpus, tmp_path / "ix").update()
    (corpus / "baru.txt").write_text("Berita Baru\n\nSatu paragraf baru.\n", encoding="utf-8")
    with open(tmp_path / "ix" / "update.lock", "a+") as held:
        fcntl.flock(held, fcntl.LOCK_EX)  # another process is updating the index
        tmux = launch(tmp_path, 120, 35, corpus=corpus)
        try:
            tmux.wait_for(lambda: "waiting for it" in tmux.screen())  # painted, index held
            assert "Berita Kazakhstan" not in tmux.screen()
            fcntl.flock(held, fcntl.LOCK_UN)
            tmux.wait_for(lambda: "Berita Kazakhstan" in tmux.screen())
        finally:
            tmux.kill()


def test_marks_two_paragraphs_and_exports_biblatex(tmp_path):
    tmux = launch(tmp_path, 120, 35)
    try:
        tmux.wait_for(lambda: "Berita Kazakhstan" in tmux.screen())
        tmux.keys("C")
        tmux.wait_for(lambda: "Citation style" in tmux.screen())
        tmux.keys("j", "j", "j", "Enter")  # from APA (the default): chicago, mla, bibtex
        tmux.wait_for(lambda: "BibTeX citation" in tmux.screen())
        tmux.keys("/", "T", "o", "k", "a", "y", "e", "v")
        tmux.wait_for(lambda: "2 paragraphs" in tmux.screen())
        tmux.keys("Enter")
        tmux.wait_for(lambda: "of 13" in tmux.screen())
        tmux.keys("Tab", "m")  # to the article: mark the paragraph of the hit
        tmux.wait_for(lambda: "Marked" in tmux.screen())
        tmux.keys("j", "m")  # and the next one
        tmux.wait_for(lambda: "(2 marks;" in tmux.screen())
        tmux.keys("M")
        tmux.wait_for(lambda: "2 marks in 1 article" in tmux.screen())
        tmux.keys("x")
        exported = tmux.wait_for(lambda: (lambda b: b if b.startswith("@article") else "")(
            tmux.buffer()))
        library = bibtexparser.parse_string(exported)
        assert not library.failed_blocks and len(library.entries) == 1
        entry = library.entries[0]
        assert entry.entry_type == "article"
        assert TITLE_001.split()[0] in entry.fields_dict["title"].value
        assert exported.count("\\autocite[") == 2  # the two marked paragraphs
        marks = list((tmp_path / "data" / "marks").glob("*.json"))
        assert len(marks) == 1  # kept on disk, in the reader's data folder
    finally:
        tmux.kill()
