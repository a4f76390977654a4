"""Sorting the results by date (``s``), the counts by outlet and year above them, and
narrowing to one (``f``), pressed key by key on a real index of a small fielded corpus."""

from __future__ import annotations

import pytest

from reader.library import Library
from reader.search.backend import Facets
from reader.tui.screens.facets import FacetPicker, narrowed, narrowing
from reader.tui.widgets.facet_bar import FacetBar, facet_lines
from reader.tui.widgets.lists import ResultsList

from . import fields_corpus
from .tui_support import SIZE, SMALL, aio, make_app, notices, private_state, search, settle, until

FIXTURES = (private_state,)  # used by name in the tests below


@pytest.fixture(scope="module")
def fielded(tmp_path_factory):
    root = tmp_path_factory.mktemp("tui-fields")
    corpus = fields_corpus.write(root / "corpus")
    Library(corpus, root / "ix").update()
    return corpus, root / "ix"


def shown_docs(app) -> list[str]:
    return [h.doc for h in app.screen.query_one(ResultsList).hits]


@aio
async def test_s_cycles_relevance_newest_oldest_over_every_match(fielded):
    app = make_app(*fielded)
    async with app.run_test(size=SIZE) as pilot:
        await search(pilot, "Tokayev", enter=False)
        await pilot.press("escape")
        relevance = shown_docs(app)
        results = app.screen.query_one(ResultsList)
        assert str(results.border_title) == "Results · 5"
        # (each press searches again in a worker, a partial answer may come first: wait for
        # the final order, not for time to pass)
        await pilot.press("s")
        newest = ["a4", "a2", "a1", "a3", "a5"]
        await until(pilot, lambda: shown_docs(app) == newest, "the newest first order")
        assert str(results.border_title) == "Results · 5 · newest first"
        assert any("newest first" in n for n in notices(app))
        await pilot.press("s")
        oldest = ["a3", "a1", "a2", "a4", "a5"]
        await until(pilot, lambda: shown_docs(app) == oldest, "the oldest first order")
        assert "oldest first" in str(results.border_title)
        await pilot.press("s")
        await until(pilot, lambda: shown_docs(app) == relevance and
                    "first" not in str(results.border_title), "the relevance order")
        assert str(results.border_title) == "Results · 5"


@aio
async def test_the_counts_by_outlet_and_year_follow_the_query(fielded):
    app = make_app(*fielded)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        bar = app.screen.query_one(FacetBar)
        assert not bar.display  # no search, no counts
        await search(pilot, "Tokayev", enter=False)
        await until(pilot, lambda: bar.facets is not None, "the counts")
        text = str(bar.render())
        assert "Kompas 2" in text and "Reuters 1" in text and "2025 3" in text
        assert "undated 1" in text and "+1" in text and bar.display  # no outlet: cut
        await search(pilot, "Tokayev lang:en", enter=False)
        await until(pilot, lambda: bar.facets is not None, "the new counts")
        assert bar.facets.outlets == (("Reuters", 1), (None, 1))
        await search(pilot, "zzzqqq", enter=False)
        # no hits: nothing counted, but the bar keeps its lines (the list does not move)
        assert bar.display and bar.facets is None and str(bar.render()).strip() == ""
        app.main.search_pane.clear()
        await settle(pilot)
        assert not bar.display  # the article list again


@aio
async def test_f_narrows_to_one_outlet_then_one_year(fielded):
    app = make_app(*fielded)
    async with app.run_test(size=SIZE) as pilot:
        await search(pilot, "Tokayev", enter=False)
        await pilot.press("escape", "f")
        await settle(pilot)
        assert isinstance(app.screen, FacetPicker)
        entries = app.screen.facet_list.entries
        assert entries[0] == ("outlet", "Kompas", 2)
        assert ("year", "2024", 1) in entries and all(name for _k, name, _n in entries)
        await pilot.press("enter")
        await settle(pilot)
        assert app.main.search_box.value == 'Tokayev outlet:"Kompas"'
        assert sorted(shown_docs(app)) == ["a1", "a4"]
        await pilot.press("f")
        await settle(pilot)
        years = [e for e in app.screen.facet_list.entries if e[0] == "year"]
        assert years == [("year", "2025", 2)]
        await pilot.press("down", "enter")
        await settle(pilot)
        assert app.main.search_box.value == 'Tokayev outlet:"Kompas" date:2025'
        assert sorted(shown_docs(app)) == ["a1", "a4"]
        await pilot.press("f")
        await settle(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert app.main.search_box.value == 'Tokayev outlet:"Kompas" date:2025'


@aio
async def test_f_without_a_search_says_what_to_do(fielded):
    app = make_app(*fielded)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f")
        await settle(pilot)
        assert not isinstance(app.screen, FacetPicker)
        assert any("search first" in n for n in notices(app))


@aio
async def test_the_corpus_own_fields_search_from_the_box(fielded):
    app = make_app(*fielded)
    async with app.run_test(size=SMALL) as pilot:
        await search(pilot, "kategori:hoax", enter=False)
        assert sorted(set(shown_docs(app))) == ["a1", "a5"]
        await search(pilot, "warna:merah", enter=False)
        assert "unknown field 'warna:'" in app.main.search_pane.status_text
        assert "kategori" in app.main.search_pane.status_text


def test_narrowing_words():
    assert narrowing("outlet", 'Kompas "TV"') == 'outlet:"Kompas TV"'
    # an outlet whose name holds the chosen one's words is excluded; others are not
    assert narrowing("outlet", "Kompas", ["Kompas TV", "Reuters", "KOMPAS", "Berita Kompas.com"]
                     ) == 'outlet:"Kompas" -outlet:"Kompas TV" -outlet:"Berita Kompas.com"'
    assert narrowing("outlet", "Kompas TV", ["Kompas", "TV Kompas"]) == 'outlet:"Kompas TV"'
    assert narrowing("outlet", "Détik", ["detik News"]) == 'outlet:"Détik" -outlet:"detik News"'
    assert narrowing("year", "2025") == "date:2025"
    assert narrowed("a OR b", "date:2025") == "(a OR b) date:2025"
    assert narrowed("a b", "date:2025") == "a b date:2025"


def test_the_facet_lines_fits_its_width():
    facets = Facets(30, tuple((f"Outlet number {i}", 10 - i) for i in range(8)),
                    (("2025", 20), ("2024", 9), (None, 1)))
    for width in (12, 30, 40, 60, 200):
        outlets, years = facet_lines(facets, width).split("\n")
        assert len(outlets) <= width and len(years) <= width, (width, outlets, years)
        assert outlets.startswith("Outlet number 0 10") or outlets == "+8"
    outlets, years = facet_lines(facets, 45).split("\n")
    assert outlets == "Outlet number 0 10 · Outlet number 1 9 · +6"
    assert years == "2025 20 · 2024 9 · undated 1"
    assert "Outlet number 7 3" in facet_lines(facets, 200)


@aio
async def test_the_first_index_says_paragraphs_and_names_the_last_step(tmp_path, monkeypatch):
    from reader.tui.index_progress import ProgressText
    from reader.tui.screens import main_index as main

    seen: list[tuple[str, int | None]] = []

    class Recorded(ProgressText):
        def update(self, done, total, paragraphs):
            text = super().update(done, total, paragraphs)
            seen.append((text, paragraphs))
            return text

    monkeypatch.setattr(main, "ProgressText", Recorded)
    corpus = fields_corpus.write(tmp_path / "corpus")
    app = make_app(corpus, tmp_path / "ix")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.index_ready
    assert seen, "no progress was shown"
    last_text, last_paragraphs = seen[-1]
    assert last_paragraphs == 10  # every unique paragraph read, passed on with the progress
    assert last_text.startswith("Finishing: writing and merging the index of 5 files…")


def test_counts_cut_short_say_so():
    facets = Facets(3, (("Kompas", 2), ("Tempo", 1)), (("2025", 3),), partial=True)
    outlets, years = facet_lines(facets, 40).split("\n")
    assert outlets == "so far: Kompas 2 · Tempo 1" and years == "2025 3"


@aio
async def test_the_header_shows_the_article_own_fields(fielded):
    from reader.tui.widgets.article_header import ArticleHeader

    app = make_app(*fielded)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.main.open_doc("a2", 1)
        await settle(pilot)
        text = str(app.screen.query_one(ArticleHeader).render())
        assert "Tempo · 2025-11-20" in text
        assert "kategori: Valid" in text and "Wilayah Liputan: Asia Tengah" in text


@aio
async def test_f_keeps_one_outlet_even_when_another_outlet_holds_its_name(tmp_path):
    """Narrowing to "Kompas" keeps Kompas's matches and not "Kompas TV"'s: the narrowed
    count is the count the picker showed."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for name, outlet in (("k1", "Kompas"), ("k2", "Kompas TV"), ("k3", "Kompas TV"),
                         ("r1", "Reuters")):
        (corpus / f"{name}.txt").write_text(
            f"Tokayev di {outlet}\n\nPresiden Tokayev berbicara kepada wartawan.\n",
            encoding="utf-8")
        (corpus / f"{name}.meta.toml").write_text(f'outlet = "{outlet}"\n', encoding="utf-8")
    Library(corpus, tmp_path / "ix").update()
    app = make_app(corpus, tmp_path / "ix")
    async with app.run_test(size=SIZE) as pilot:
        await search(pilot, "Tokayev", enter=False)
        pane = app.main.search_pane
        await until(pilot, lambda: pane.result is not None and pane.result.total == 4,
                    "the search's hits")
        await pilot.press("escape", "f")
        await until(pilot, lambda: hasattr(app.screen, "facet_list"), "the picker")
        entries = app.screen.facet_list.entries
        kompas = entries.index(("outlet", "Kompas", 1))
        await pilot.press(*["down"] * kompas, "enter")
        await settle(pilot)
        assert app.main.search_box.value == 'Tokayev outlet:"Kompas" -outlet:"Kompas TV"'
        assert shown_docs(app) == ["k1"]
