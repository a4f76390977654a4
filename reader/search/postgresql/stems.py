"""The word -> stem table kept in the database, shared by every load of every writer.

Sastrawi takes up to milliseconds for a word it does not know, and a load of news meets tens
of thousands of such words (names, places, rare words); that was most of the time a load took.
Every word stemmed while loading is kept in ``stems``; the next load (a rebuild, an update
from another machine, the corpus of a colleague) reads them back and stems only words new to
the whole team. The table is a cache of a fixed function of the word: it survives rebuilds and
is emptied only when the analysis changes (a new schema version).
"""

from __future__ import annotations

from reader.search.postgresql.analyse import copy_text
from reader.search.postgresql.schema import SCHEMA, SCHEMA_VERSION

TABLE = f"{SCHEMA}.stems"
CREATE = (f'CREATE TABLE IF NOT EXISTS {TABLE} (word text COLLATE "C" PRIMARY KEY, '
          "stem text NOT NULL)")


def load(conn) -> dict[str, str]:
    """Every stem the table holds (an empty dict when it is missing or from another analysis)."""
    exists = conn.execute("SELECT to_regclass(%s) IS NOT NULL", [TABLE]).fetchone()[0]
    if not exists:
        return {}
    row = conn.execute(f"SELECT value FROM {SCHEMA}.meta WHERE key = 'stems'").fetchone()
    if row is None or row[0] != SCHEMA_VERSION:
        return {}
    return dict(conn.execute(f"SELECT word, stem FROM {TABLE}").fetchall())


def save(conn, learned: dict[str, str], known: dict[str, str]) -> int:
    """Add the words of ``learned`` that ``known`` lacks; returns how many were new.
    ``known`` must be what :func:`load` read in this transaction, under the writers' lock."""
    conn.execute(CREATE)
    row = conn.execute(f"SELECT value FROM {SCHEMA}.meta WHERE key = 'stems'").fetchone()
    if row is None or row[0] != SCHEMA_VERSION:  # stems of another analysis: start again
        conn.execute(f"TRUNCATE {TABLE}")
        conn.execute(f"INSERT INTO {SCHEMA}.meta (key, value) VALUES ('stems', %s) "
                     "ON CONFLICT (key) DO UPDATE SET value = excluded.value", [SCHEMA_VERSION])
    new = [(word, stem) for word, stem in learned.items() if word not in known]
    if not new:
        return 0
    # in the order of the key (``COLLATE "C"``: code points, as Python sorts): each row then
    # goes to the right end of the key's B-tree, PostgreSQL's fast path, instead of a page
    # anywhere (0.59 s for a 100k load's 96,000 new words, sorted 0.2)
    new.sort()
    # copied straight in: ``known`` is the whole table, read by this transaction under the
    # writers' lock (or the table was emptied above, and ``known`` is then empty), so no word
    # of ``new`` (the keys of a dict) is there already
    with conn.cursor() as cur, cur.copy(f"COPY {TABLE} (word, stem) FROM STDIN") as copy:
        copy.write(copy_text(new))
    return len(new)


__all__ = ["CREATE", "TABLE", "load", "save"]
