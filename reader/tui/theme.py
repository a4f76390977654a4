"""The reader's two themes, dark and light, with every text colour at WCAG AA contrast.

They start from Textual's own dark and light themes; the variables below are the ones the
reader draws text with, set so each one reads at 4.5:1 or more on the backgrounds it is drawn
on (``tests/test_tui_contrast.py`` computes it from the painted screen). Other themes of the
switcher work too, without that promise.
"""

from __future__ import annotations

from textual.theme import Theme

DARK = Theme(
    name="reader-dark",
    primary="#0178D4",
    secondary="#3E9BE8",
    warning="#ffa62b",
    error="#ba3c5b",
    success="#4EBF71",
    accent="#ffa62b",
    foreground="#e0e0e0",
    dark=True,
    variables={"block-cursor-background": "#084a80"},
)

LIGHT = Theme(
    name="reader-light",
    primary="#004578",
    secondary="#0178D4",
    warning="#ffa62b",
    error="#ba3c5b",
    success="#4EBF71",
    accent="#ffa62b",
    background="#E0E0E0",
    surface="#D8D8D8",
    panel="#D0D0D0",
    dark=False,
    variables={"footer-key-foreground": "#00487d", "text-accent": "#5c3500",
               "text-warning": "#5c3500", "text-success": "#0f4d24", "boost": "#00000010"},
)

THEMES = (DARK, LIGHT)
