"""Every key of the reader, in one table shared by the help screen and the documentation."""

from __future__ import annotations

KEYS: list[tuple[str, str]] = [
    ("/", "focus the search box; results update as you type"),
    ("enter", "in the search box: open the top result (or take the \"did you mean\" "
              "suggestion) and move to the results; in a list: open the selected result "
              "or article"),
    ("down / up, j / k", "move in the focused list; paragraph by paragraph in the source"),
    ("home / end, g / G", "first / last entry of a list or paragraph of the source"),
    ("pageup / pagedown, space", "scroll the source a page"),
    ("tab / shift+tab", "next / previous pane"),
    ("n / N", "next / previous match in the source"),
    ("] / [", "select the next / previous quotation in the source"),
    ("c", "copy a citation of the current paragraph, or of the selected quote"),
    ("C", "choose the citation style"),
    ("y", "copy the plain text of the current paragraph, or of the selected quote"),
    ("Q", "the quotes panel: every quote with its speaker and article"),
    ("v", "compare the open (or selected) article with another, chosen in a fuzzy picker"),
    ("a", "also in: go to where the selected statement (or the first one of this paragraph "
          "reported elsewhere) is also reported; again: the next report, then back"),
    ("?", "this help"),
    ("ctrl+p", "command palette: every action, and the theme switcher"),
    ("escape", "leave the search box; drop the selected quote; close a panel; "
               "in the results: clear the search"),
    ("q", "quit (when not typing); in a panel: close it"),
]

QUOTES_PANEL_KEYS: list[tuple[str, str]] = [
    ("type", "filter by words of the quote, speaker or title"),
    ("down / up", "move in the list (also from the filter box)"),
    ("enter", "jump to the quote in the source"),
    ("ctrl+t", "all quotes of the corpus / only the open article"),
    ("c / y", "copy a citation / the text of the highlighted quote (in the list)"),
    ("escape", "close the panel"),
]

MOUSE = ("mouse", "click a result or article to open it, a paragraph or quote to select it; "
                  "the wheel scrolls")

COMPARE_KEYS: list[tuple[str, str]] = [
    ("down / up, j / k", "move row by row; a row is a paragraph and its counterpart"),
    ("home / end, g / G", "first / last row"),
    ("tab, left / right", "switch to the other article's side (h / l too)"),
    ("n / N", "next / previous paragraph with no counterpart"),
    ("enter, o", "open the focused side's paragraph in the source pane"),
    ("s", "swap the two articles"),
    ("v", "compare with another article (the right-hand side)"),
    ("c / y", "copy a citation / the text of the focused paragraph"),
    ("escape, q", "close the comparison"),
]
