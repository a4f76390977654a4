"""Shared fixtures: real indexes built in temp dirs from real files."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from reader.library import Library

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "seeds"
SHARED = ROOT.parent / "shared"
HOAX_CSV = SHARED / "corpora" / "berita_hoax_indonesia.csv"
DOC_000 = "000_eb477a4d0f924bfa"
DOC_001 = "001_5c215c6b1a4db355"


@pytest.fixture(scope="session")
def seeds_library(tmp_path_factory) -> Library:
    """The bundled seeds with an index of their own (built once per test session)."""
    library = Library(SEEDS, tmp_path_factory.mktemp("seeds-index") / "ix")
    library.update()
    return library


@pytest.fixture()
def seeds_copy(tmp_path) -> Path:
    """A private copy of the seeds that a test may change."""
    target = tmp_path / "corpus"
    shutil.copytree(SEEDS, target)
    return target


@pytest.fixture(scope="session")
def hoax_csv() -> Path:
    if not HOAX_CSV.is_file():
        pytest.skip("the shared real-news corpus is not beside this checkout")
    return HOAX_CSV
