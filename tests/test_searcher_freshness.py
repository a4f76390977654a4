"""A kept searcher is checked against the latest commit with one ``stat`` of its generation
folder once the folder's time has settled, and with Whoosh's listing while it is recent; a
commit is seen at the next search either way."""

from __future__ import annotations

import os
import time

import pytest
from whoosh.searching import Searcher

from reader.library import Library


@pytest.fixture
def counted(monkeypatch):
    """How many times Whoosh's own check (a listing of the folder) ran."""
    calls = []
    original = Searcher.up_to_date

    def up_to_date(self):
        calls.append(1)
        return original(self)

    monkeypatch.setattr(Searcher, "up_to_date", up_to_date)
    return calls


def _settle(folder) -> None:
    """Give the folder a time long past, as an index not written for a while has."""
    past = time.time_ns() - 3600 * 10**9
    os.utime(folder, ns=(past, past))


def _write(corpus, name: str, text: str) -> None:
    (corpus / name).write_text(f"Kabar {name}\n\n{text}\n")


@pytest.fixture
def library(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    _write(corpus, "a.txt", "Presiden bertemu menteri di Jakarta.")
    library = Library(corpus, tmp_path / "ix")
    library.update()
    yield library
    library.close()


def test_a_settled_folder_is_trusted_without_listing_it(library, counted):
    shared = library.backend.store.open()
    first = shared.searcher()
    _settle(shared.directory)
    assert shared.searcher() is first  # checked (Whoosh's listing), the settled state recorded
    assert len(counted) == 1
    for _ in range(5):
        assert shared.searcher() is first
    assert len(counted) == 1  # then only the folder's time is read


def test_a_recent_folder_is_listed_every_time(library, counted):
    shared = library.backend.store.open()
    now = time.time_ns()
    os.utime(shared.directory, ns=(now, now))
    shared.searcher()
    for _ in range(3):
        shared.searcher()
    assert len(counted) == 3  # too recent to trust: Whoosh's check each time


def test_a_commit_after_the_folder_settled_is_seen_at_the_next_search(library, counted):
    assert library.search("Surabaya").total == 0
    _settle(library.backend.store.open().directory)
    library.search("Surabaya")
    library.search("Surabaya")  # the settled state is now the one recorded
    _write(library.corpus, "b.txt", "Banjir melanda Surabaya pagi ini.")
    library.update()
    found = library.search("Surabaya")
    assert found.total == 1 and found.hits[0].doc == "b"


def test_a_prefix_stands_for_the_words_of_a_later_commit(library):
    assert library.search("Sura*").total == 0
    assert library.search("Sura*").total == 0  # the same query again: kept prepared
    _write(library.corpus, "c.txt", "Warga Surabaya dan Surakarta berkumpul.")
    library.update()
    assert library.search("Sura*").total == 1


def test_a_query_is_prepared_once_per_generation_unless_cut_short(library, monkeypatch):
    from reader.search.backend import SearchRequest
    from reader.search.whoosh import search

    prepared = []
    plain = search._prepare

    def counted(*args):
        prepared.append(args[2].query)
        return plain(*args)

    monkeypatch.setattr(search, "_prepare", counted)
    for _ in range(3):
        library.search("Presiden OR menteri")
    assert prepared == ["Presiden OR menteri"]
    for _ in range(2):  # no time at all: the expansion stops at once, and is not kept
        found = library.backend.search(SearchRequest("Pre*", time_budget=0.0))
        assert found.partial
    assert prepared[1:] == ["Pre*", "Pre*"]
