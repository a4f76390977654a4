"""Every piece of text the reader paints is readable: WCAG AA, 4.5:1, in both of its themes.

The screens are painted by the real app and the colours read back from what was painted (each
segment's foreground over its background), so a style changed anywhere (a theme variable, a
component class, a panel's CSS) is caught wherever it shows. Box drawing and block characters
(borders, scroll bars, the current-paragraph bar) are graphics, not text, and are left out.
"""

from __future__ import annotations

import pytest
from textual.widgets import Input

from reader.tui.theme import THEMES

from .tui_support import (
    DOC_000,
    DOC_001,
    SEEDS,
    SIZE,
    aio,
    make_app,
    private_state,
    search,
    seeds_index,
    settle,
)

FIXTURES = (private_state, seeds_index)  # used by name in the tests below
AA = 4.5


def luminance(color) -> float:
    """WCAG relative luminance of a Rich colour."""
    red, green, blue = color.get_truecolor()

    def channel(value: int) -> float:
        c = value / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4

    return 0.2126 * channel(red) + 0.7152 * channel(green) + 0.0722 * channel(blue)


def contrast(foreground, background) -> float:
    light, dark = sorted((luminance(foreground), luminance(background)), reverse=True)
    return (light + 0.05) / (dark + 0.05)


def is_text(character: str) -> bool:
    return not character.isspace() and not 0x2500 <= ord(character) <= 0x259F


def low_contrast(app) -> list[str]:
    """Every painted text segment below AA: ``ratio 'text'``.

    Behind a panel the main screen shows through a veil, on purpose not meant to be read:
    on a panel only the panel's own box is checked.
    """
    from rich.cells import cell_len
    from textual.screen import ModalScreen

    screen = app.screen
    region = screen.children[0].region if isinstance(screen, ModalScreen) else screen.region
    found = []
    for y, strip in enumerate(screen._compositor.render_strips()):
        if not region.y <= y < region.bottom:
            continue
        x = 0
        for segment in strip:
            text, style = segment.text, segment.style
            start, x = x, x + cell_len(text)
            if x <= region.x or start >= region.right:
                continue
            if style is None or not any(is_text(c) for c in text):
                continue
            assert not style.dim, f"dimmed text {text!r}: its contrast depends on the terminal"
            foreground, background = style.color, style.bgcolor
            if style.reverse:
                foreground, background = background, foreground
            assert foreground is not None and background is not None, text
            ratio = contrast(foreground, background)
            if ratio < AA:
                found.append(f"{ratio:.2f} {text.strip()!r} ({foreground.name} on "
                             f"{background.name})")
    return found


async def scenes(pilot):
    """Walk the screens a user sees; yield a name at each."""
    app = pilot.app
    await settle(pilot)
    yield "articles"
    await search(pilot, "Tokayev")
    yield "results and source"
    app.main.open_doc(DOC_001, 8)  # a repeat, current: must not look disabled
    app.main.source.focus()
    await settle(pilot)
    yield "a repeated paragraph, current"
    app.main.open_doc(DOC_000, 8, quote=1)
    await settle(pilot)
    yield "a selected quote with its speaker and also-in line"
    await pilot.press("m", "k", "m")
    await pilot.press("M")
    await settle(pilot)
    yield "marks panel"
    await pilot.press("escape", "Q")
    await settle(pilot)
    yield "quotes panel"
    await pilot.press("escape", "question_mark")
    await settle(pilot)
    yield "help"
    await pilot.press("escape", "C")
    await settle(pilot)
    yield "citation styles"
    await pilot.press("escape", "ctrl+s", "S")
    await settle(pilot)
    yield "saved searches"
    await pilot.press("escape", "v")
    await settle(pilot)
    yield "compare picker"
    app.screen.query_one("#pick-filter", Input).value = "terpilih"
    await pilot.pause()
    await pilot.press("enter")
    await settle(pilot)
    yield "compare"


@pytest.mark.parametrize("theme", [t.name for t in THEMES])
@aio
async def test_every_text_is_aa_in_both_themes(seeds_index, theme):
    app = make_app(SEEDS, seeds_index, theme=theme)
    async with app.run_test(size=SIZE) as pilot:
        problems = []
        async for scene in scenes(pilot):
            assert app.theme == theme
            problems += [f"{scene}: {p}" for p in low_contrast(app)]
        assert not problems, "\n".join(problems[:40])


def test_the_ratio_is_wcags():
    from rich.color import Color

    assert round(contrast(Color.parse("#000000"), Color.parse("#ffffff")), 1) == 21.0
    assert round(contrast(Color.parse("#767676"), Color.parse("#ffffff")), 2) == 4.54
