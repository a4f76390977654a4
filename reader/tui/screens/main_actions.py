"""What the main screen's keys do (the keys themselves are declared on the screen).

Each action acts on the current paragraph or the selected quote of the source pane and says
what it did, or why it did nothing, in one line.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from reader.tui.widgets.text_layout import clip

if TYPE_CHECKING:
    from reader.records import QuoteRecord
    from reader.tui.app import ReaderApp
    from reader.tui.screens.main import MainScreen

OPEN_FIRST = "Open an article first: search with / or pick one on the left."
LEFT_MIN, LEFT_MAX = 24, 120


class MainActions:
    """Mixed into :class:`MainScreen`."""

    _also: tuple[list[tuple[str, int, int]], int] | None = None

    @property
    def _main(self) -> MainScreen:
        return self  # type: ignore[return-value]

    @property
    def _app(self) -> ReaderApp:
        return self._main.app  # type: ignore[return-value]

    def _say(self, text: str, warning: bool = False, bell: bool = False) -> None:
        """One line, no title: what happened (or why nothing did)."""
        if bell:
            self._app.bell()
        self._main.notify(text, severity="warning" if warning else "information",
                          markup=False, timeout=4)

    # -- copying and marking ----------------------------------------------------------------------

    def action_cite(self) -> None:
        source = self._main.source
        paragraph = source.current_paragraph
        if source.article is None or paragraph is None:
            self._say(OPEN_FIRST, warning=True)
            return
        selected = source.selected_quote
        self._app.copy_citation(source.article.doc, paragraph.number,
                                selected[0] if selected else None)

    def action_copy_text(self) -> None:
        source = self._main.source
        paragraph = source.current_paragraph
        if paragraph is None:
            self._say(OPEN_FIRST, warning=True)
            return
        selected = source.selected_quote
        if selected:
            self._app.copy_plain(selected[1].text, "quote")
        else:
            self._app.copy_plain(paragraph.text, "paragraph")

    def action_mark(self) -> None:
        main = self._main
        source = main.source
        article, paragraph = source.article, source.current_paragraph
        if article is None or paragraph is None:
            self._say(OPEN_FIRST, warning=True)
            return
        selected = source.selected_quote
        number = selected[0] if selected else None
        text = selected[1].text if selected else paragraph.text
        para = paragraph.number
        if paragraph.repeat_of is not None:
            para = paragraph.repeat_of  # a repeat is cited where it first appears
        marks = self._app.marks
        what = f"quote {number} of ¶{para}" if number else f"¶{para}"
        existing = marks.find(article.doc, para, number)
        if existing is not None:
            marks.remove(existing.id)
            said = f"Unmarked {what}."
        else:
            marks.add(article.doc, para, text, quote=number, title=article.title)
            said = f"Marked {what} ({len(marks.marks)} mark{'s' if len(marks.marks) != 1 else ''};"\
                   " M lists them)."
        if self._app.save_marks():
            self._say(said)
        main._show_marked()

    def action_marks(self) -> None:
        from reader.tui.screens.marks import MarksPanel

        self._app.push_screen(MarksPanel(), self._jump_to)

    def action_open_source(self) -> None:
        from reader.tui.opener import open_source

        source = self._main.source
        if source.article is None:
            self._say(OPEN_FIRST, warning=True)
            return
        open_source(self._app, source.article, source.current_paragraph)

    # -- moving in the article --------------------------------------------------------------------

    def action_next_match(self) -> None:
        self._jump(1)

    def action_prev_match(self) -> None:
        self._jump(-1)

    def _jump(self, delta: int) -> None:
        source = self._main.source
        if source.article is None:
            self._say(OPEN_FIRST, warning=True)
            return
        done = source.jump_match(delta)
        query = self._main.search_pane.query
        if done == "none":
            text = (f"No matches of “{clip(query, 40)}” in this article." if query
                    else "No search: type / and a query to find matches in this article.")
            self._say(text, bell=True)
        elif done == "wrapped":
            self._say("Past the last match: back to the first." if delta > 0 else
                      "Before the first match: on to the last.")

    def action_next_quote(self) -> None:
        self._quote(1)

    def action_prev_quote(self) -> None:
        self._quote(-1)

    def _quote(self, delta: int) -> None:
        source = self._main.source
        if source.article is None:
            self._say(OPEN_FIRST, warning=True)
            return
        done = source.select_quote(delta)
        if done == "none":
            self._say("This article has no quotations.", bell=True)
        elif done == "wrapped":
            self._say("Past the last quotation: back to the first." if delta > 0 else
                      "Before the first quotation: on to the last.")

    # -- panels -----------------------------------------------------------------------------------

    def action_quotes(self) -> None:
        from reader.tui.screens.quotes import QuotesPanel

        article = self._main.source.article
        panel = QuotesPanel(article.doc if article else None, article.title if article else None)
        self._app.push_screen(panel, self._jump_to_quote)

    def _jump_to_quote(self, record: QuoteRecord | None) -> None:
        if record is not None:
            self._jump_to((record.doc, record.para, record.index))

    def _jump_to(self, target: tuple[str, int, int | None] | None) -> None:
        if target is None:
            return
        doc, para, quote = target
        main = self._main
        if main.open_doc(doc, para, quote=quote) is not None:
            main.source.focus()

    def action_save_search(self) -> None:
        pane = self._main.search_pane
        query = pane.query
        if not query:
            self._say("Nothing to save: type / and a query first.", warning=True)
            return
        total = pane.result.total if pane.result is not None and pane.final else None
        if self._app.corpus_state.save_search(query, total):
            self._app.save_state()
            self._say(f"Saved the search “{clip(query, 50)}” (S lists saved searches).")
        else:
            self._say(f"“{clip(query, 50)}” is saved already (S lists saved searches).")

    def action_saved_searches(self) -> None:
        from reader.tui.screens.saved import SavedSearches

        def chosen(query: str | None) -> None:
            if query:
                box = self._main.search_box
                box.value = query
                self._main.search_pane.start_search(now=True)
                self._main.results.focus()

        self._app.push_screen(SavedSearches(), chosen)

    def action_sort(self) -> None:
        from reader.records import SORTS

        pane = self._main.search_pane
        pane.sort = SORTS[(SORTS.index(pane.sort) + 1) % len(SORTS)]
        self._app.corpus_state.sort = pane.sort  # kept with the corpus's other state
        self._say({"relevance": "Results by relevance.",
                   "newest": "Results newest first (every match, by its article's date).",
                   "oldest": "Results oldest first (every match, by its article's date)."
                   }[pane.sort])
        if pane.query:
            pane.start_search(now=True)

    def action_facets(self) -> None:
        from reader.tui.screens.facets import FacetPicker

        pane = self._main.search_pane
        query = pane.query
        if not query or pane.result is None or pane.result.error or not pane.result.total:
            self._say("Nothing to narrow: search first (/ and a query); f then keeps one "
                      "outlet or year of its matches.", warning=True)
            return
        bar = pane.facet_bar
        known = bar.facets if bar.query_text == query else None

        def chosen(narrower: str | None) -> None:
            if narrower:
                self._main.search_box.value = narrower
                pane.start_search(now=True)
                self._main.results.focus()

        self._app.push_screen(FacetPicker(query, known), chosen)

    # -- layout -----------------------------------------------------------------------------------

    def action_dense(self) -> None:
        state = self._app.corpus_state
        state.dense = not state.dense
        self._main.search_pane.set_dense(state.dense)
        self._say("One line per entry." if state.dense else "Two lines per entry and a snippet.")

    def action_pane_width(self, delta: int) -> None:
        main = self._main
        left = main.query_one("#left")
        if main.has_class("-maximised"):
            main.remove_class("-maximised")
        width = left.outer_size.width or left.size.width
        target = max(LEFT_MIN, min(width + delta, LEFT_MAX, main.size.width - 30))
        if target == width:
            self._app.bell()
            return
        left.styles.width = target
        left.styles.max_width = None
        self._app.corpus_state.left_width = target

    def action_maximise(self) -> None:
        main = self._main
        main.toggle_class("-maximised")
        if main.has_class("-maximised"):
            main.source.focus()

    # -- compare and "also in" --------------------------------------------------------------------

    def action_compare(self) -> None:
        """Compare the open (or selected) article with one chosen in a ranked picker."""
        from reader.tui.screens.compare import CompareScreen
        from reader.tui.screens.picker import ArticlePicker
        from reader.tui.widgets.lists import ArticleList

        main, app = self._main, self._app
        if not app.index_ready:
            self._say("The index is still being built; compare when it is ready.", warning=True)
            return
        if not main.search_pane.listed:
            self._say("The article list is still loading; compare when it is in.",
                      warning=True)
            return
        articles = main.search_pane.articles
        if len(articles) < 2:
            self._say("No articles to compare: this corpus is empty." if not articles else
                      "Only one article in this corpus: there is nothing to compare it with.",
                      warning=True, bell=True)
            return
        selected = main.article_list.selected
        if isinstance(main.focused, ArticleList) and selected is not None:
            doc_a = selected.doc
        elif main.source.article is not None:
            doc_a = main.source.article.doc
        else:
            doc_a = selected.doc if selected is not None else articles[0].doc
        first = next((a for a in articles if a.doc == doc_a), None)
        title = clip(first.title or first.doc, 50) if first else doc_a

        def chosen(doc_b: str | None) -> None:
            if doc_b:
                app.push_screen(CompareScreen(doc_a, doc_b), self._open_compared)

        others = [a for a in articles if a.doc != doc_a]
        app.push_screen(ArticlePicker(others, f"Compare “{title}” with…", related_to=doc_a),
                        chosen)

    def _open_compared(self, target: tuple[str, int] | None) -> None:
        if target is not None:
            self._jump_to((target[0], target[1], None))

    def action_also_in(self) -> None:
        """Go to where the selected statement is also reported; again: the next place, back."""
        source = self._main.source
        article, paragraph = source.article, source.current_paragraph
        if article is None or paragraph is None:
            self._say(OPEN_FIRST, warning=True)
            return
        selected = source.selected_quote
        here = (article.doc, paragraph.number, selected[0] if selected else 0)
        if self._also is not None:
            ring, position = self._also
            if ring[position] == here:
                position = (position + 1) % len(ring)
                self._also = (ring, position)
                self._go_also(ring, position)
                return
        if article.doc not in self._app.counterparts:
            self._say("Still looking for other reports of these statements…")
            return
        numbers = [k for k in range(1, len(paragraph.quotes) + 1)
                   if source.counterparts(paragraph.number, k)]
        if selected and selected[0] in numbers:
            quote = selected[0]
        elif numbers:
            quote = numbers[0]
        else:
            elsewhere = sorted({p for p, _k in source.quotes_with_counterparts()})
            text = f"No statement of ¶{paragraph.number} is reported in another article."
            if elsewhere:
                text += " Statements that are: " + ", ".join(f"¶{p}" for p in elsewhere) + "."
            self._say(text, bell=True)
            return
        found = source.counterparts(paragraph.number, quote)
        ring = [(article.doc, paragraph.number, quote)]
        ring += [(r.doc, r.para, r.quote or 0) for r in found]
        self._also = (ring, 1)
        self._go_also(ring, 1)

    def _go_also(self, ring: list[tuple[str, int, int]], position: int) -> None:
        doc, para, quote = ring[position]
        main = self._main
        if main.open_doc(doc, para, quote=quote or None) is None:
            self._also = None
            return
        main.source.focus()
        article = main.source.article
        title = clip(article.title or doc, 60) if article else doc
        if position == 0:
            text = f"Back to ¶{para} of {title}."
        else:
            text = f"¶{para} of {title} ({position} of {len(ring) - 1}). a again: " + (
                "the next report" if position < len(ring) - 1 else "back")
        self._say(text)
