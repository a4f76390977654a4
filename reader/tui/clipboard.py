"""Copying to every clipboard that can be reached, without ever blocking the UI.

1. OSC 52 through Textual's :meth:`App.copy_to_clipboard`: works in most terminals, over SSH,
   and inside tmux when ``set-clipboard`` is ``on`` (tmux stores it in a paste buffer and passes
   it on to the outer terminal). Headless tests read it back from ``app.clipboard``.
2. Inside tmux, the same sequence wrapped for tmux passthrough (``ESC P tmux; … ESC \\``), which
   reaches the outer terminal when ``allow-passthrough`` is on, and, only when tmux's
   ``set-clipboard`` is not ``on`` (so OSC 52 made no buffer), ``tmux load-buffer -w -``: one
   copy makes exactly one tmux buffer either way.
3. A native clipboard where one is reachable: ``pbcopy`` on macOS, ``wl-copy`` under Wayland,
   ``xclip`` or ``xsel`` under X11, ``clip`` on Windows. These run in a thread with a timeout.
"""

from __future__ import annotations

import base64
import os
import shutil
import subprocess
import sys
from collections.abc import Mapping

from textual.app import App

TIMEOUT = 2.0


def native_commands(env: Mapping[str, str] | None = None,
                    platform: str | None = None) -> list[list[str]]:
    """The commands that put stdin on a clipboard here, best first (those found on PATH)."""
    env = os.environ if env is None else env
    platform = sys.platform if platform is None else platform
    candidates: list[list[str]] = []
    if env.get("TMUX"):
        candidates.append(["tmux", "load-buffer", "-w", "-"])
    if platform == "darwin":
        candidates.append(["pbcopy"])
    elif platform.startswith("win"):
        candidates.append(["clip"])
    else:
        if env.get("WAYLAND_DISPLAY"):
            candidates.append(["wl-copy"])
        if env.get("DISPLAY"):
            candidates.append(["xclip", "-selection", "clipboard"])
            candidates.append(["xsel", "--clipboard", "--input"])
    found: list[list[str]] = []
    system_found = False
    for command in candidates:
        if shutil.which(command[0]) is None:
            continue
        if command[0] == "tmux":
            found.append(command)
        elif not system_found:  # one system clipboard is enough
            found.append(command)
            system_found = True
    return found


_TMUX_SET_CLIPBOARD: list[str] = []  # cached answer of this tmux server


def tmux_set_clipboard() -> str:
    """tmux's ``set-clipboard`` option (``on``, ``external``, ``off``); ``""`` if unknown."""
    if not _TMUX_SET_CLIPBOARD:
        try:
            done = subprocess.run(["tmux", "show-options", "-gv", "set-clipboard"],
                                  capture_output=True, text=True, timeout=TIMEOUT, check=False)
            value = done.stdout.strip() if done.returncode == 0 else ""
        except (OSError, subprocess.SubprocessError):
            value = ""
        _TMUX_SET_CLIPBOARD.append(value)
    return _TMUX_SET_CLIPBOARD[0]


def tmux_passthrough(text: str) -> str:
    """OSC 52 for ``text`` wrapped so tmux hands it to the outer terminal unchanged."""
    payload = base64.b64encode(text.encode("utf-8")).decode("ascii")
    return f"\x1bPtmux;\x1b\x1b]52;c;{payload}\x07\x1b\\"


def run_native(commands: list[list[str]], text: str) -> list[str]:
    """Feed ``text`` to each command (blocking, with a timeout); the names that succeeded."""
    done = []
    data = text.encode("utf-8")
    for command in commands:
        try:
            # no pipes on stdout/stderr: xclip keeps them open in its background process
            completed = subprocess.run(command, input=data, stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL, timeout=TIMEOUT, check=False)
        except (OSError, subprocess.SubprocessError):
            continue
        if completed.returncode == 0:
            done.append(command[0])
    return done


def copy(app: App, text: str) -> list[str]:
    """Copy ``text`` everywhere reachable; returns the channels used, e.g. ``["OSC 52", "tmux"]``.

    The native commands run in a thread worker, so this returns at once.
    """
    app.copy_to_clipboard(text)
    channels = ["OSC 52"]
    driver = getattr(app, "_driver", None)
    if os.environ.get("TMUX") and driver is not None and not app.is_headless:
        driver.write(tmux_passthrough(text))
    commands = [] if app.is_headless else native_commands()
    if commands and commands[0][0] == "tmux" and tmux_set_clipboard() == "on":
        commands = commands[1:]  # tmux made a buffer of the OSC 52 sequence already
    if commands:
        app.run_worker(lambda: run_native(commands, text), thread=True, group="clipboard",
                       exit_on_error=False, description="copy to the system clipboard")
        channels += [command[0] for command in commands]
    return channels
