"""Quitting the reader while it builds its index: the build stops at its next step instead of
holding the terminal until it is done, and the index is left as it was (none yet, here), for
the next start to build. Whoosh, and a PostgreSQL server."""

from __future__ import annotations

import time

from reader.errors import UpdateStopped
from reader.library import Library
from reader.search.whoosh.folder import IndexFolder
from reader.settings import Settings
from reader.tui.app import ReaderApp
from tests.pg_server import pg_dsn, pg_server  # noqa: F401  (fixtures)
from tests.test_index_faults import make_corpus
from tests.tui_support import SIZE, aio, private_state  # noqa: F401


async def quit_while_indexing(library: Library) -> tuple[int, list[type | None]]:
    """Press q once the build has done some files and before it is done: the files it had
    done then, and how the library's update ended (the exception it raised, if any)."""
    ended: list[type | None] = []
    update = library.update

    def recorded(*args, **kwargs):
        try:
            report = update(*args, **kwargs)
        except BaseException as exc:
            ended.append(type(exc))
            raise
        ended.append(None)
        return report

    library.update = recorded  # type: ignore[method-assign]
    app = ReaderApp(library, settings=Settings())
    async with app.run_test(size=SIZE) as pilot:
        while app.main._progress.done == 0 and not ended:  # until it has read a file
            await pilot.pause(0.01)
        done = app.main._progress.done
        await pilot.press("q")
    while not ended:  # the update's thread outlives the test's app: it ends, stopped or done
        time.sleep(0.05)
    return done, ended


def paragraphs_on(dsn: str) -> int:
    """The paragraphs the server holds (none when it has no reader tables)."""
    import psycopg

    with psycopg.connect(dsn) as conn:
        if conn.execute("SELECT to_regclass('reader.paragraphs')").fetchone()[0] is None:
            return 0
        return conn.execute("SELECT count(*) FROM reader.paragraphs").fetchone()[0]


@aio
async def test_quitting_during_a_first_build_stops_it_and_builds_nothing(tmp_path):
    corpus, index = tmp_path / "corpus", tmp_path / "ix"
    make_corpus(corpus, 2000)
    done, ended = await quit_while_indexing(Library(corpus, index))
    assert 0 < done < 2000
    assert ended == [UpdateStopped]
    assert IndexFolder(index).live_dir() is None  # stopped: nothing half-built published
    library = Library(corpus, index)
    library.update()  # the next start builds it whole
    assert library.search("kata1999").total == 1


@aio
async def test_quitting_during_a_first_load_to_a_server_stops_it(tmp_path, pg_dsn):  # noqa: F811
    corpus = tmp_path / "corpus"
    make_corpus(corpus, 2000)
    library = Library(corpus, tmp_path / "unused", backend=pg_dsn)
    done, ended = await quit_while_indexing(library)
    assert 0 < done < 2000
    assert ended == [UpdateStopped]
    assert paragraphs_on(pg_dsn) == 0  # stopped: its transaction rolled back
    library = Library(corpus, tmp_path / "unused", backend=pg_dsn)
    library.update()
    assert library.search("kata1999").total == 1
