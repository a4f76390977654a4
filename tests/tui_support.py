"""What the TUI tests share: real indexes of the seeds, an app with private state, and waiting
for the work a key started to be done (never for a fixed time)."""

from __future__ import annotations

import asyncio
import functools
import time
from pathlib import Path

import pytest

from reader.library import Library
from reader.settings import Settings
from reader.tui.app import ReaderApp
from reader.tui.widgets.search_box import SearchBox

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
DOC_000 = "000_eb477a4d0f924bfa"
DOC_001 = "001_5c215c6b1a4db355"
TITLE_001 = "Kazakhstan Terpilih Menjadi Anggota Abraham Accords"
SIZE = (120, 35)
SMALL = (80, 24)
HOSTILE = "[/bold] [@click=app.quit]x[/] \x1b]52;c;AAAA\x07"


def aio(test):
    """Run an async test with asyncio (no async plugin needed); fixtures still apply."""

    @functools.wraps(test)
    def run(*args, **kwargs):
        asyncio.run(test(*args, **kwargs))

    return run


@pytest.fixture(autouse=True)
def private_state(tmp_path, monkeypatch):
    """Marks and remembered state go to a folder of this test's own."""
    monkeypatch.setenv("READER_DATA_DIR", str(tmp_path / "reader-data"))
    for variable in ("BROWSER", "EDITOR", "VISUAL", "PAGER", "SSH_CONNECTION", "SSH_TTY",
                     "SSH_CLIENT"):
        monkeypatch.delenv(variable, raising=False)


@pytest.fixture(scope="module")
def seeds_index(tmp_path_factory) -> Path:
    """An index of the bundled seeds, built once for a test module."""
    index = tmp_path_factory.mktemp("tui") / "ix"
    Library(SEEDS, index).update()
    return index


def make_app(corpus: Path, index: Path, **settings) -> ReaderApp:
    """The app over a real index, with default settings (not the user's config file)."""
    return ReaderApp(Library(corpus, index), settings=Settings(**settings))


@pytest.fixture()
def app(seeds_index) -> ReaderApp:
    return make_app(SEEDS, seeds_index)


async def settle(pilot, wait: float = 0.0) -> None:
    """Until the index is open, every worker finished and the screen caught up."""
    if wait:
        await pilot.pause(wait)
    app = pilot.app
    deadline = time.monotonic() + 30
    while not (app.index_ready or app.index_error) and time.monotonic() < deadline:
        await pilot.pause(0.01)  # the index opens after the first frame
    for _ in range(3):
        await _counted(pilot)
        await app.workers.wait_for_complete()
        await pilot.pause()


async def _counted(pilot) -> None:
    """Until no count by outlet and year waits for typing to pause (it then runs as a worker)."""
    from reader.tui.widgets.facet_bar import FacetBar

    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        bars = [bar for screen in pilot.app.screen_stack for bar in screen.query(FacetBar)]
        if not any(bar.pending for bar in bars):
            return
        await pilot.pause(0.02)


async def until(pilot, condition, what: str = "the condition") -> None:
    """Let the app run until ``condition()`` holds (work done, not time passed)."""
    deadline = time.monotonic() + 30
    while not condition():
        if time.monotonic() > deadline:
            raise AssertionError(f"{what} never happened")
        await pilot.pause(0.01)
    await settle(pilot)


async def search(pilot, query: str, enter: bool = True, keys: bool = False) -> None:
    """``/``, the query (key by key, or set at once: the same Changed event), maybe ``enter``."""
    await pilot.press("slash")
    if keys:
        await pilot.press(*query)
    else:
        pilot.app.screen.query_one(SearchBox).value = query
    await settle(pilot)
    if enter:
        await pilot.press("enter")
        await settle(pilot)


def status(app: ReaderApp) -> str:
    return app.main.search_pane.status_text


def notices(app: ReaderApp) -> list[str]:
    """The text of every notification shown so far (title and message)."""
    return [f"{n.title}: {n.message}" if n.title else str(n.message)
            for n in app._notifications]


def screen_lines(app: ReaderApp) -> list[str]:
    """The text of every line of the screen as painted."""
    return [strip.text for strip in app.screen._compositor.render_strips()]


def region_text(app: ReaderApp, widget) -> str:
    """The text painted inside ``widget``'s region, lines joined, spaces squeezed."""
    region = widget.region
    lines = screen_lines(app)[region.y:region.bottom]
    return " ".join(" ".join(line[region.x:region.right] for line in lines).split())
