"""Loading PostgreSQL in worker processes: the same rows and statistics as one process, and
the words stemmed kept in the database for the next load."""

from __future__ import annotations

import shutil

import psycopg

from reader.language.analysis import ENGLISH, stem
from reader.search.backend import SearchRequest
from reader.search.postgresql import stems
from reader.search.postgresql.analyse import copy_bytes, copy_line
from reader.search.postgresql.backend import PostgresBackend
from reader.search.postgresql.documents import PARAGRAPH_COLUMNS
from tests.conftest import SEEDS
from tests.pg_server import changes_for, pg_dsn, pg_server, sources_for  # noqa: F401

SENTENCES = [
    "Menteri Keuangan mengumumkan kebijakan baru tentang pajak kendaraan listrik.",
    "Warga Kampung Durian berunjuk rasa menolak penggusuran pasar tradisional.",
    "“Kami akan menyelesaikan pembangunan jembatan tahun depan,” kata Bupati Sumarni.",
    "Petani kopi di lereng gunung mengeluhkan harga pupuk yang terus meningkat.",
    "Polisi menyelidiki pencurian kabel tembaga di stasiun kereta.",
]


def _corpus(root):
    """The seeds, 30 short articles of our own (more files than one batch holds) and one in
    English."""
    shutil.copytree(SEEDS, root)
    for number in range(30):
        body = "\n\n".join(SENTENCES[(number + k) % len(SENTENCES)] + f" Nomor {number}{k}."
                           for k in range(3))
        (root / f"berita_{number:02d}.txt").write_text(f"Berita Nomor {number}\n\n{body}\n",
                                                       encoding="utf-8")
    (root / "english.txt").write_text(
        "Farmers Welcome the Bridge\n\nThe farmers said they were pleased with the decision "
        "of the minister, and that the bridges would be opened in the coming months.\n",
        encoding="utf-8")
    return root


def _rows(dsn: str, sql: str) -> list:
    with psycopg.connect(dsn) as conn:
        return conn.execute(sql).fetchall()


def test_workers_write_what_one_process_writes(pg_server, tmp_path):  # noqa: F811
    corpus = _corpus(tmp_path / "corpus")
    dsns = []
    for name, workers, changes in (("reader_serial", 1, changes_for),
                                   ("reader_parallel", 2, changes_for),
                                   ("reader_reading", 2, sources_for)):
        with psycopg.connect(pg_server.dsn(), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        dsns.append(pg_server.dsn(name))
        backend = PostgresBackend(dsns[-1], workers=workers, parallel_min_files=1)
        given = changes(corpus)
        assert backend.apply(given, rebuild=True) > 90
        assert backend.search(SearchRequest("pupuk")).total == 18
        assert backend.search(SearchRequest("bridge")).total == 1
        assert backend.search(SearchRequest('"lereng gunung"')).total == 18
        backend.close()
    # the same rows everywhere; the workers that read their files number the paragraphs in
    # the order they analysed them, so the numbers are compared through (doc, para)
    columns = [c for c in PARAGRAPH_COLUMNS if c != "id"]
    for sql in (f"SELECT {', '.join(columns)} FROM reader.paragraphs ORDER BY doc, para",
                "SELECT * FROM reader.articles ORDER BY doc",
                "SELECT * FROM reader.terms ORDER BY field, term",
                "SELECT * FROM reader.stats ORDER BY field",
                "SELECT path, size, mtime_ns, sha256, docs FROM reader.files ORDER BY path",
                "SELECT p.doc, p.para, o.field, o.term, o.tf, o.len, o.en, o.pos, o.more "
                "FROM reader.postings o JOIN reader.paragraphs p USING (id) "
                "ORDER BY p.doc, p.para, o.field, o.term"):
        serial = _rows(dsns[0], sql)
        assert serial, sql
        for other in dsns[1:]:
            assert _rows(other, sql) == serial, sql
    for dsn in dsns:  # numbered once each, from 1 up
        assert _rows(dsn, "SELECT count(DISTINCT id), min(id), max(id) FROM reader.paragraphs"
                     ) == _rows(dsn, "SELECT count(*), 1, count(*) FROM reader.paragraphs")
    # every stemmed word is kept, with Sastrawi's stem, once
    for dsn in dsns:
        with psycopg.connect(dsn) as conn:
            kept = stems.load(conn)
        assert kept["mengumumkan"] == stem("mengumumkan") == "umum"
        assert kept["penggusuran"] == stem("penggusuran")
        assert kept["en:farmers"] == stem("farmers", ENGLISH) == "farmer"
        for word, found in kept.items():  # English words keyed as the stem tables key them
            english = word.startswith("en:")
            assert found == (stem(word[3:], ENGLISH) if english else stem(word)), word


def test_workers_reading_their_files_pass_on_what_reading_warned(pg_dsn, tmp_path):  # noqa: F811
    corpus = _corpus(tmp_path / "corpus")
    (corpus / "broken.html").write_bytes(b"\xff\xfe\x00<html")  # skipped, with a warning
    expected = sources_for(corpus)
    list(expected.files)  # read here, in this process
    backend = PostgresBackend(pg_dsn, workers=2, parallel_min_files=1)
    given = sources_for(corpus)
    backend.apply(given, rebuild=True)
    assert given.warnings == expected.warnings
    assert any("broken.html" in w for w in given.warnings)
    assert _rows(pg_dsn, "SELECT count(*) FROM reader.files")[0][0] == given.total
    backend.close()


def test_the_stems_table_survives_a_rebuild_and_an_analysis_change(pg_dsn, seeds_copy):  # noqa: F811
    backend = PostgresBackend(pg_dsn)
    backend.apply(changes_for(seeds_copy), rebuild=True)
    with psycopg.connect(pg_dsn, autocommit=True) as conn:
        first = stems.load(conn)
        assert "bergabung" in first
        backend.apply(changes_for(seeds_copy), rebuild=True)
        assert stems.load(conn) == first
        # stems written by another analysis are not trusted: the next save starts again
        conn.execute("UPDATE reader.meta SET value = 'older' WHERE key = 'stems'")
        assert stems.load(conn) == {}
        with conn.transaction():  # as in an update
            assert stems.save(conn, {"bergabung": "gabung"}, {}) == 1
        assert stems.load(conn) == {"bergabung": "gabung"}
    backend.close()


def test_copy_text_escapes_what_copy_reads_as_special():
    line = copy_line(("a\tb\\c\nd\re", None, 3, [1, 2], []))
    assert line == "a\\tb\\\\c\\nd\\re\t\\N\t3\t{1,2}\t{}\n"
    values = ("a\tb\\c\nd\re", None, 3, [1, 2], [], "kafé ’")
    # UTF-8 values (an article's JSON) escaped as bytes: the same line as the text's
    assert copy_bytes(values) == copy_line(values).encode()
    assert copy_bytes((*values[:-1], "kafé ’".encode(), b"a\tb\\c\nd\re")) == \
        copy_line((*values[:-1], "kafé ’", "a\tb\\c\nd\re")).encode()


def test_a_rebuild_renews_tables_of_another_schema_version(pg_dsn, seeds_copy):  # noqa: F811
    backend = PostgresBackend(pg_dsn)
    backend.apply(changes_for(seeds_copy), rebuild=True)
    with psycopg.connect(pg_dsn, autocommit=True) as conn:
        conn.execute("UPDATE reader.meta SET value = '0' WHERE key = 'version'")
        conn.execute("ALTER TABLE reader.paragraphs DROP COLUMN tf")  # an older layout
    assert backend.needs_rebuild() == "index from another schema version"
    backend.apply(changes_for(seeds_copy), rebuild=True)
    assert backend.needs_rebuild() is None
    assert backend.search(SearchRequest("Tokayev")).total == 2
    backend.close()


def test_a_parallel_load_that_fails_part_way_leaves_the_old_index(pg_dsn, tmp_path):  # noqa: F811
    import pytest

    from reader.search.backend import Changes

    corpus = _corpus(tmp_path / "corpus")
    backend = PostgresBackend(pg_dsn, workers=2, parallel_min_files=1)
    backend.apply(changes_for(SEEDS), rebuild=True)
    before = backend.generation()

    def broken():
        yield from changes_for(corpus).files
        raise RuntimeError("killed while reading")

    with pytest.raises(RuntimeError):
        backend.apply(Changes(files=broken(), total=33), rebuild=True)
    assert backend.generation() == before
    assert backend.search(SearchRequest("pupuk")).total == 0
    assert backend.search(SearchRequest("Tokayev")).total == 2
    backend.close()


def test_a_first_load_builds_the_terms_indexes_after_its_copy(pg_dsn, seeds_copy):  # noqa: F811
    """A load into an empty index copies the terms without their key and trigrams and builds
    both after; a rebuild over a live index keeps them (searches go on meanwhile)."""
    def indexes() -> list[str]:
        return sorted(r[0] for r in _rows(
            pg_dsn, "SELECT indexname FROM pg_indexes WHERE schemaname = 'reader' "
            "AND tablename = 'terms'"))

    backend = PostgresBackend(pg_dsn)
    backend.apply(changes_for(seeds_copy), rebuild=True)
    assert indexes() == ["terms_pkey", "terms_trgm"]
    first = _rows(pg_dsn, "SELECT * FROM reader.terms ORDER BY field, term")
    assert len(first) > 500
    assert backend.search(SearchRequest("Tokayef~")).total > 0  # fuzzy: through the trigrams
    backend.apply(changes_for(seeds_copy), rebuild=True)  # over the live index
    assert indexes() == ["terms_pkey", "terms_trgm"]
    assert _rows(pg_dsn, "SELECT * FROM reader.terms ORDER BY field, term") == first
    backend.close()


def test_articles_are_kept_compressed_with_lz4_where_the_server_has_it(pg_dsn, seeds_copy):  # noqa: F811
    backend = PostgresBackend(pg_dsn)
    backend.apply(changes_for(seeds_copy), rebuild=True)
    with psycopg.connect(pg_dsn, autocommit=True) as conn:
        try:
            conn.execute("SET default_toast_compression = 'lz4'")
            expected = "l"
        except psycopg.errors.InvalidParameterValue:  # built without lz4: the default
            expected = ""
        method = conn.execute(
            "SELECT attcompression FROM pg_attribute WHERE attrelid = "
            "'reader.articles'::regclass AND attname = 'data'").fetchone()[0]
    assert method == expected
    article = backend.article(backend.search(SearchRequest("Tokayev")).hits[0].doc)
    assert article is not None and article.paragraphs  # read back whole
    backend.close()


def test_rows_reach_a_database_of_another_encoding_as_written(pg_server, tmp_path):  # noqa: F811
    """Loads send their rows already in UTF-8: the connection says so whatever the
    database's own encoding is, so the server converts them rather than read them as
    LATIN1 (``é`` would come back as ``Ã©``)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for number in range(4):
        (corpus / f"kafe_{number}.txt").write_text(
            f"Kafé Nomor {number}\n\nPemilik kafé di Bandung menjual café au lait dan crème "
            f"brûlée nomor {number}.\n", encoding="utf-8")
    with psycopg.connect(pg_server.dsn(), autocommit=True) as conn:
        conn.execute("CREATE DATABASE reader_latin1 ENCODING 'LATIN1' LC_COLLATE 'C' "
                     "LC_CTYPE 'C' TEMPLATE template0")
    dsn = pg_server.dsn("reader_latin1")
    backend = PostgresBackend(dsn, workers=2, parallel_min_files=1)
    backend.apply(sources_for(corpus), rebuild=True)
    texts = {row[0] for row in _rows(dsn, "SELECT text FROM reader.paragraphs")}
    assert texts == {f"Pemilik kafé di Bandung menjual café au lait dan crème brûlée nomor {n}."
                     for n in range(4)}
    assert backend.search(SearchRequest("brûlée")).total == 4
    backend.close()
