"""Widgets of the reader's screens."""

from reader.tui.widgets.lists import ArticleList, ResultsList
from reader.tui.widgets.search_box import SearchBox
from reader.tui.widgets.source_view import SourceView

__all__ = ["ArticleList", "ResultsList", "SearchBox", "SourceView"]
