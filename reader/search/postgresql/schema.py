"""The tables of the reader's PostgreSQL index, in one schema (``reader``) of any database.

- ``paragraphs``: one row per unique paragraph: what a hit shows, one ``tsvector`` per field
  (GIN-indexed) in the ``simple`` sense (the lexemes are the reader's own terms, never
  re-analysed by PostgreSQL), field lengths and term frequencies for BM25F, and a number
  (``id``) on a single server;
- ``postings`` (a single server): each field's terms with the paragraphs holding them, their
  count and positions there (``pos`` the first, ``more`` the others), the field's length and
  language, in a covering index by a 64-bit key of field and term: a word, a prefix, a fuzzy
  word, a phrase or an AND of these is matched and scored from it alone, without reading a
  paragraph row or a ``tsvector`` (see :mod:`.postings`); ``blocks``: the common words'
  postings again as sorted arrays, by count and by position, one row per word and range of
  paragraphs, and ``blocked`` the words that have them: a common word, an AND of two or a
  two-word phrase is answered from them (see :mod:`.blocks`);
- ``articles``: one row per article with the whole article as JSON (the source view needs no
  file); ``files``: size, time and hash of every corpus file, for change detection;
- ``terms``: each field's distinct terms with their document frequency (BM25F's idf, prefix
  and fuzzy expansion through a ``pg_trgm`` index, "did you mean"); ``stats``: paragraph count
  and total field lengths; ``meta``: schema version and a generation bumped by every commit.

On a cluster the coordinator holds the same tables, ``paragraphs`` and ``articles`` hash
partitioned by article across the shards (see :mod:`.cluster`); everything else stays small and
local to the coordinator.
"""

from __future__ import annotations

from reader.search.postgresql.documents import FIELD_NAMES

SCHEMA = "reader"
SCHEMA_VERSION = "9"  # 2: new quotation rules; 3: English articles analysed with English
# rules; 4: date, lang and the corpus's own fields; 5: paragraph numbers and postings;
# 6: positions in the postings; 7: the postings by count and length; 8: common words'
# blocks, in place of the postings by count and length; 9: the postings indexed by a
# 64-bit key of field and term

EXTENSIONS = ("pg_trgm", "fuzzystrmatch", "intarray")


def paragraph_columns() -> str:
    vectors = ",\n    ".join(f"{name}_tsv tsvector NOT NULL" for name in FIELD_NAMES)
    lengths = ",\n    ".join(f"{name}_len integer NOT NULL" for name in FIELD_NAMES)
    return f"""
    id integer,
    doc text NOT NULL,
    para integer NOT NULL,
    path text NOT NULL,
    title text NOT NULL,
    source text,
    text text NOT NULL,
    repeats integer[] NOT NULL,
    quotes text NOT NULL,
    {vectors},
    {lengths},
    tf jsonb,
    date text COLLATE "C",
    lang text,
    extra_tsv tsvector NOT NULL"""


ARTICLE_COLUMNS_SQL = """
    doc text NOT NULL,
    path text NOT NULL,
    title text NOT NULL,
    source text,
    date text,
    paragraphs integer NOT NULL,
    quotes integer NOT NULL,
    data text NOT NULL,
    extra_keys text[] NOT NULL"""


def paragraph_indexes(table: str) -> list[str]:
    """The indexes a table holding paragraph rows needs (a shard's partition or the single
    instance's table)."""
    name = table.split(".")[-1]
    out = [f"CREATE INDEX IF NOT EXISTS {name}_{field}_gin ON {table} USING gin ({field}_tsv)"
           for field in (*FIELD_NAMES, "extra")]
    out.append(f"CREATE INDEX IF NOT EXISTS {name}_path ON {table} (path)")
    out.append(f"CREATE INDEX IF NOT EXISTS {name}_date ON {table} (date)")
    return out


POSTINGS_INDEXES = ("postings_key",)


def postings_indexes(table: str = "postings", prefix: str = "postings") -> list[str]:
    """The index a single server's postings are read through (a rebuild builds it on its new
    table, under another name until the swap): by the key of field and term (see
    :func:`.documents.term_key`), then paragraph, so a term's matches come merged in
    paragraph order. The rows themselves are read from the table: a rebuild copies them in
    this order (see :mod:`.spool`), so a term's rows sit on neighbouring pages. An index
    carrying every column as well was as big as the table, took 1.7 to 1.9 times as long to
    build (the last step of a rebuild) and searched no faster. (A common word's best
    paragraphs come from its blocks.)"""
    return [f"CREATE INDEX IF NOT EXISTS {prefix}_key ON {SCHEMA}.{table} (key, id)"]


def postings_tables() -> list[str]:
    """A single server's paragraph numbers and postings (a cluster has neither)."""
    return [
        f"CREATE UNIQUE INDEX IF NOT EXISTS paragraphs_id ON {SCHEMA}.paragraphs (id)",
        f"""CREATE TABLE IF NOT EXISTS {SCHEMA}.postings (
            key bigint NOT NULL, field smallint NOT NULL, term text COLLATE "C" NOT NULL,
            id integer NOT NULL, tf integer NOT NULL, len integer NOT NULL, en boolean NOT NULL,
            pos smallint NOT NULL, more smallint[])""",
        *postings_indexes(),
        *blocks_table_statements(),
        blocks_key(),
    ]


def blocks_table(table: str = "blocks") -> str:
    """Common words' postings as blocks of arrays (see :mod:`.blocks`)."""
    return (f"CREATE TABLE IF NOT EXISTS {SCHEMA}.{table} (field smallint NOT NULL, "
            "term text COLLATE \"C\" NOT NULL, block integer NOT NULL, c1 integer[] NOT NULL, "
            "c2 integer[] NOT NULL, c3 integer[] NOT NULL, c4 integer[] NOT NULL, "
            "occ integer[] NOT NULL, prev integer[] NOT NULL)")


BLOCK_ARRAYS = ("c1", "c2", "c3", "c4", "occ", "prev")


def blocks_table_statements(table: str = "blocks") -> list[str]:
    """The blocks table, with no statistics kept of its arrays: they are read by their key
    alone, and ANALYZE read every array of its sample for their common elements (2 s after
    a 100k load, while the postings' B-tree was still being built). Their arrays are
    compressed with lz4 where the server has it: pglz tried (and mostly failed) to compress
    each, a tenth of the time the blocks took to build."""
    lz4 = "; ".join(f"ALTER TABLE {SCHEMA}.{table} ALTER COLUMN {column} SET COMPRESSION lz4"
                    for column in BLOCK_ARRAYS)
    return [blocks_table(table),
            *(f"ALTER TABLE {SCHEMA}.{table} ALTER COLUMN {column} SET STATISTICS 0"
              for column in BLOCK_ARRAYS),
            f"""DO $$ BEGIN {lz4};
                EXCEPTION WHEN feature_not_supported THEN NULL;
                END $$"""]


def blocks_key(table: str = "blocks") -> str:
    return (f"CREATE UNIQUE INDEX IF NOT EXISTS {table}_key ON {SCHEMA}.{table} "
            "(field, term, block)")


def article_indexes(table: str) -> list[str]:
    """A table of articles' index, and its JSON compressed with lz4: written (and read back
    for the source view) several times faster than with the default, pglz (a 100k load's
    articles copied in 0.29 s instead of 0.82, 37 MB instead of 34); a server built without
    lz4 keeps its default."""
    name = table.split(".")[-1]
    return [f"CREATE INDEX IF NOT EXISTS {name}_path ON {table} (path)",
            f"""DO $$ BEGIN
                  ALTER TABLE {table} ALTER COLUMN data SET COMPRESSION lz4;
                EXCEPTION WHEN feature_not_supported THEN NULL;
                END $$"""]


def terms_indexes() -> list[str]:
    """The terms' key (a prefix's words by df, read from the index alone) and their trigrams
    (fuzzy words); a first load drops both and builds them after its copy."""
    return [
        f"""DO $$ BEGIN
             IF NOT EXISTS (SELECT FROM pg_constraint WHERE conname = 'terms_pkey'
                            AND connamespace = '{SCHEMA}'::regnamespace) THEN
               ALTER TABLE {SCHEMA}.terms ADD PRIMARY KEY (field, term) INCLUDE (df);
             END IF;
           END $$""",
        f"CREATE INDEX IF NOT EXISTS terms_trgm ON {SCHEMA}.terms USING gin (term gin_trgm_ops)",
    ]


def local_tables() -> list[str]:
    """The tables that always live where the index is opened (the coordinator of a cluster)."""
    return [
        f"CREATE SCHEMA IF NOT EXISTS {SCHEMA}",
        f"CREATE TABLE IF NOT EXISTS {SCHEMA}.meta (key text PRIMARY KEY, value text NOT NULL)",
        f"""CREATE TABLE IF NOT EXISTS {SCHEMA}.files (
            path text PRIMARY KEY, size bigint NOT NULL, mtime_ns bigint NOT NULL,
            sha256 text, docs text[] NOT NULL)""",
        f"""CREATE TABLE IF NOT EXISTS {SCHEMA}.terms (
            field text NOT NULL, term text COLLATE "C" NOT NULL, df integer NOT NULL)""",
        *terms_indexes(),
        f"""CREATE TABLE IF NOT EXISTS {SCHEMA}.stats (
            field text PRIMARY KEY, docs bigint NOT NULL, length bigint NOT NULL)""",
        f"""CREATE TABLE IF NOT EXISTS {SCHEMA}.blocked (field smallint NOT NULL,
            term text COLLATE "C" NOT NULL, PRIMARY KEY (field, term))""",  # none on a cluster
    ]


def single_instance() -> list[str]:
    """Every statement that creates the index in one database."""
    return [
        *[f"CREATE EXTENSION IF NOT EXISTS {ext}" for ext in EXTENSIONS],
        *local_tables(),
        f"CREATE TABLE IF NOT EXISTS {SCHEMA}.paragraphs ({paragraph_columns()},\n"
        f"    PRIMARY KEY (doc, para))",
        *paragraph_indexes(f"{SCHEMA}.paragraphs"),
        *postings_tables(),
        f"CREATE TABLE IF NOT EXISTS {SCHEMA}.articles ({ARTICLE_COLUMNS_SQL},\n"
        f"    PRIMARY KEY (doc))",
        *article_indexes(f"{SCHEMA}.articles"),
        *grants(),
    ]


def grants() -> list[str]:
    """Read access for anyone the owner grants the ``reader_search`` role (see README)."""
    return [
        """DO $$ BEGIN
             IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'reader_search') THEN
               CREATE ROLE reader_search NOLOGIN;
             END IF;
           END $$""",
        f"GRANT USAGE ON SCHEMA {SCHEMA} TO reader_search",
        f"GRANT SELECT ON ALL TABLES IN SCHEMA {SCHEMA} TO reader_search",
    ]
