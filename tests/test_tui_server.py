"""The reader on a PostgreSQL index whose server goes away and comes back: one status line
while it is gone, no traceback, and the reader carries on by itself when it is back."""

from __future__ import annotations

import re

from reader.library import Library
from reader.settings import Settings
from reader.tui.app import ReaderApp
from tests.pg_server import pg_dsn, pg_server  # noqa: F401  (fixtures)
from tests.tui_support import SIZE, aio, private_state, search, settle, status, until  # noqa: F401


def _wait(line: str) -> int:
    found = re.search(r"asking again in (\d+) s", line)
    return int(found.group(1)) if found else 0


@aio
async def test_a_server_down_is_one_status_line_and_the_reader_recovers(
        pg_server, pg_dsn, seeds_copy, tmp_path):  # noqa: F811
    library = Library(seeds_copy, tmp_path / "unused", backend=pg_dsn)
    library.update()  # the team's index, on the server
    app = ReaderApp(library, settings=Settings())
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await search(pilot, "Tokayev", enter=False)
        assert status(app).startswith("2 ")
        pg_server.stop()
        try:
            await search(pilot, "Rubio", enter=False)
            line = status(app)
            assert "cannot reach the PostgreSQL server" in line and "asking again in" in line
            assert "\n" not in line and "reader-local" not in line
            # still down at the next ask: the wait doubles, the reader keeps running
            first = _wait(line)
            await until(pilot, lambda: _wait(status(app)) > first, "a second ask")
            assert _wait(status(app)) == 2 * first
            assert app.is_running and app.main.source.article is None
        finally:
            pg_server.start()
        # back: the next ask (on its timer) finds it and the search that failed is answered
        await until(pilot, lambda: app.index_ready and "Rubio" not in status(app)
                    and status(app)[0].isdigit(), "recovery")
        assert app.main.search_pane.result.query == "Rubio"
        assert app.main.search_pane.result.total > 0
        assert any("answers again" in str(n.message) for n in app._notifications)
