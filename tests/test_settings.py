"""Settings from a file and the environment, and the backend they choose."""

from __future__ import annotations

import importlib.util

import pytest

from reader.errors import UsageError
from reader.library import Library
from reader.search import open_backend, scheme
from reader.settings import Settings, load

from .conftest import SEEDS


def test_defaults_then_file_then_environment(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text('backend = "whoosh"\nindex_workers = 3\nparallel-min-files = 50\n'
                      'colour = "red"\n', encoding="utf-8")
    settings = load(config, environ={"READER_INDEX_PROCS": "2"})
    assert settings.backend == "whoosh" and settings.parallel_min_files == 50
    assert settings.index_workers == 2  # the environment wins over the file
    assert any("unknown setting 'colour'" in w for w in settings.warnings)
    assert load(tmp_path / "none.toml", environ={}) == Settings()


def test_a_bad_file_or_value_is_a_warning_and_the_default(tmp_path):
    config = tmp_path / "config.toml"
    config.write_text("index_workers = [\n", encoding="utf-8")
    assert load(config, environ={}).index_workers == Settings().index_workers
    config.write_text("index_workers = -3\n", encoding="utf-8")
    settings = load(config, environ={})
    assert settings.index_workers == Settings().index_workers and settings.warnings


def test_the_backend_setting_picks_the_engine(tmp_path):
    settings = load(tmp_path / "none.toml", environ={"READER_INDEX_PROCS": "1"})
    backend = open_backend("whoosh", corpus=SEEDS, index_dir=tmp_path / "ix", settings=settings)
    assert backend.name == "whoosh" and backend.workers == 1
    assert not (tmp_path / "ix").exists()  # creating a backend touches nothing
    assert scheme("postgresql://reader:secret@db.example/news") == "postgresql"
    assert scheme("Whoosh") == "whoosh"
    assert scheme("host=db.example dbname=news") == "postgresql"


def test_an_unknown_backend_is_one_line_without_the_spec(tmp_path):
    with pytest.raises(UsageError) as caught:
        open_backend("mysql://reader:hunter2@db/news", corpus=SEEDS, index_dir=tmp_path)
    assert "mysql" in str(caught.value) and "hunter2" not in str(caught.value)
    assert "\n" not in str(caught.value)


@pytest.mark.skipif(importlib.util.find_spec("reader.search.postgresql") is not None,
                    reason="the postgresql backend is installed here")
def test_a_backend_not_installed_is_one_line_without_the_password(tmp_path):
    with pytest.raises(UsageError) as caught:
        Library(SEEDS, tmp_path, backend="postgresql://reader:hunter2@db/news")
    assert "postgresql" in str(caught.value) and "hunter2" not in str(caught.value)


def test_the_library_accepts_a_backend_object(tmp_path):
    backend = open_backend("whoosh", corpus=SEEDS, index_dir=tmp_path / "ix")
    library = Library(SEEDS, tmp_path / "elsewhere", backend=backend)
    library.update()
    assert library.backend is backend and library.search("Tokayev").total == 2
    assert library.stats()["index"] == str(tmp_path / "ix")
    library.close()
