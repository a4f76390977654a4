"""``o``: open the article where it came from.

With a URL: ``$BROWSER`` if set, else Python's ``webbrowser``; over SSH with no ``$BROWSER``
(no browser could open on this machine's screen) the URL is copied instead, and the reader
says so. Without a URL: the file in ``$EDITOR`` (else ``$VISUAL``, else ``$PAGER``) at the line
where the paragraph starts, the reader suspended meanwhile. A record of a CSV or JSON file opens
its file at the record's first paragraph when it can be found there.
"""

from __future__ import annotations

import os
import re
import shlex
import shutil
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

from reader.records import Article, Paragraph
from reader.tui.widgets.article_header import safe_url
from reader.tui.widgets.text_layout import clip

if TYPE_CHECKING:
    from reader.tui.app import ReaderApp

def over_ssh(env: dict[str, str] | os._Environ[str] | None = None) -> bool:
    env = os.environ if env is None else env
    return bool(env.get("SSH_CONNECTION") or env.get("SSH_TTY") or env.get("SSH_CLIENT"))


def source_file(library_corpus: Path, article: Article) -> Path | None:
    """The file the article was read from, if it is still there."""
    path = Path(article.path)
    if not path.is_absolute():
        base = library_corpus if library_corpus.is_dir() else library_corpus.parent
        path = base / path
    return path if path.is_file() else None


def line_of(path: Path, paragraph: Paragraph | None) -> int:
    """The line of ``path`` where ``paragraph`` starts (1 when it cannot be found)."""
    if paragraph is None:
        return 1
    try:
        text = path.read_text(encoding="utf-8", errors="replace")
    except OSError:
        return 1
    words = paragraph.text.split()
    for size in (12, 6, 3):  # a run of its first words, whatever the file's line breaks
        if not words:
            break
        found = re.search(r"\s+".join(re.escape(w) for w in words[:size]), text)
        if found is not None:
            return text.count("\n", 0, found.start()) + 1
    return 1


def viewer_command(path: Path, line: int, env: dict[str, str] | os._Environ[str] | None = None
                   ) -> list[str] | None:
    """``$EDITOR +LINE FILE`` (or ``$VISUAL``, or ``$PAGER``); None when none is set."""
    env = os.environ if env is None else env
    for variable in ("EDITOR", "VISUAL", "PAGER"):
        value = (env.get(variable) or "").strip()
        if not value:
            continue
        try:
            command = shlex.split(value)
        except ValueError:
            continue
        if not command or shutil.which(command[0]) is None:
            continue
        name = Path(command[0]).name
        jump = f"+{line}g" if name == "less" else f"+{line}"
        return [*command, jump, str(path)]
    return None


def open_source(app: ReaderApp, article: Article, paragraph: Paragraph | None) -> None:
    """Open ``article``'s URL or file, or say why not, in one line."""
    url = safe_url(article.url)
    if url:
        browser = os.environ.get("BROWSER", "").strip()
        if browser:
            command = shlex.split(browser.split(os.pathsep)[0])
            command = [part.replace("%s", url) for part in command]
            if not any(url in part for part in command):
                command.append(url)
            try:
                subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL, start_new_session=True)
            except OSError as exc:
                app.notify(f"$BROWSER failed ({clip(str(exc), 80)}); copy it with y from the "
                           f"header: {url}", severity="warning", markup=False)
                return
            app.notify(f"Opened {clip(url, 80)} in $BROWSER.", markup=False, timeout=4)
            return
        if over_ssh():
            app.copy_titled(url, "Copied the article's URL: no browser can open over "
                                       "SSH (set $BROWSER to use one)")
            return
        import webbrowser

        if webbrowser.open(url):
            app.notify(f"Opened {clip(url, 80)} in the browser.", markup=False, timeout=4)
        else:
            app.copy_titled(url, "Copied the article's URL: no browser found")
        return
    path = source_file(app.library.corpus, article)
    if path is None:
        app.notify("This article has no URL and its file is not there any more.",
                   severity="warning", markup=False)
        return
    line = line_of(path, paragraph)
    command = viewer_command(path, line)
    if command is None:
        app.copy_titled(str(path), "No URL, and neither $EDITOR nor $PAGER is set: "
                                         f"copied the file's path (line {line})")
        return
    _run_suspended(app, command)


def _run_suspended(app: ReaderApp, command: list[str]) -> None:
    """Run a terminal program in the reader's place, then come back."""
    from textual.app import SuspendNotSupported

    try:
        with app.suspend():
            subprocess.run(command, check=False)
    except SuspendNotSupported:  # no terminal to hand over (a test, a web driver)
        subprocess.run(command, check=False, stdin=subprocess.DEVNULL,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except OSError as exc:
        app.notify(f"Cannot run {command[0]}: {clip(str(exc), 120)}", severity="warning",
                   markup=False)
        return
    app.refresh()
