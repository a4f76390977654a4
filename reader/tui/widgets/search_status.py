"""What the search pane says about an answer: its status line and the results' title."""

from __future__ import annotations

from reader.records import SearchResult
from reader.tui.widgets.text_layout import clip

SORT_LABELS = {"relevance": "", "newest": "newest first", "oldest": "oldest first"}


def results_title(result: SearchResult, sort: str) -> str:
    """``Results · 1,234 · newest first``."""
    return " · ".join(filter(None, (
        "Results", f"{result.total:,}" if result.total else "", SORT_LABELS.get(sort, ""))))


def status_line(result: SearchResult, final: bool, shown: int) -> tuple[str, str]:
    """``(text, kind)`` of the status line: kind ``error``, ``hint`` or plain."""
    if result.error:
        return result.error, "error"
    if not result.hits:
        text = "No hits."
        if result.suggestions:
            text += " Did you mean: " + ", ".join(clip(s, 40) for s in result.suggestions)
            text += "? (enter)"
        return text, "hint"
    noun = "paragraph" if result.total == 1 else "paragraphs"
    if not final:
        text = f"{result.total:,}+ {noun} so far · finishing the search…"
    elif result.partial:
        text = f"{result.total:,}+ {noun} · the search stopped at its time budget"
    else:
        text = f"{result.total:,} {noun}"
    if shown < result.total and final:
        text += f" · {shown:,} listed, more as you scroll"
    return text, ""
