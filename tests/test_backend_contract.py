"""The SearchBackend contract, checked on every engine with real indexes of real files.

Any backend must pass all of this. To add an engine, write a factory ``(folder, corpus,
request=None) -> backend`` that calls ``pytest.skip("why")`` when the engine cannot run here (no
server, no driver) and add it to :data:`BACKENDS`: one line. A factory called again with the
same folder (in another process too, where ``request`` is None) opens the same index.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from reader import sync
from reader.errors import IndexProblem, QueryError
from reader.ingest import scan
from reader.library import Library
from reader.search.backend import (
    Candidate,
    Changes,
    SearchBackend,
    SearchRequest,
)

from .conftest import DOC_000, DOC_001, ROOT, SEEDS
from .pg_server import pg_server  # noqa: F401  (the PostgreSQL factory's server)


def whoosh(folder: Path, corpus: Path, request=None) -> SearchBackend:
    from reader.search.whoosh.backend import WhooshBackend

    return WhooshBackend(folder / "whoosh-index")


def postgresql(folder: Path, corpus: Path, request=None) -> SearchBackend:
    """A database of its own on the session's test server (tests/pg_server.py)."""
    saved = folder / "postgresql.dsn"
    if not saved.exists():
        pytest.importorskip("psycopg", reason="psycopg is not installed")
        import psycopg

        from tests.pg_server import need_server

        need_server()
        server = request.getfixturevalue("pg_server")
        name = "contract_" + hashlib.sha1(str(folder).encode()).hexdigest()[:16]
        with psycopg.connect(server.dsn(), autocommit=True) as conn:
            conn.execute(f"CREATE DATABASE {name}")
        saved.write_text(server.dsn(name), encoding="utf-8")
    from reader.search.postgresql.backend import PostgresBackend

    return PostgresBackend(saved.read_text(encoding="utf-8"))


BACKENDS = [whoosh, postgresql]  # one factory per engine


@pytest.fixture(params=BACKENDS, ids=lambda factory: factory.__name__)
def factory(request):
    make = request.param

    def build(folder: Path, corpus: Path) -> SearchBackend:
        return make(folder, corpus, request)

    build.__name__ = make.__name__
    return build


@pytest.fixture(params=BACKENDS, ids=lambda factory: factory.__name__, scope="module")
def seeds(request, tmp_path_factory) -> SearchBackend:
    """The bundled seeds, indexed once per engine, read-only."""
    folder = tmp_path_factory.mktemp(f"contract-{request.param.__name__}")
    backend = request.param(folder, SEEDS, request)
    sync.update(backend, SEEDS)
    yield backend
    backend.close()


@pytest.fixture()
def corpus(tmp_path) -> Path:
    target = tmp_path / "corpus"
    shutil.copytree(SEEDS, target)
    return target


@pytest.fixture()
def fresh(factory, tmp_path, corpus) -> SearchBackend:
    """A backend over a private copy of the seeds, built."""
    backend = factory(tmp_path, corpus)
    sync.update(backend, corpus)
    yield backend
    backend.close()


def search(backend: SearchBackend, query: str, **kwargs):
    return backend.search(SearchRequest(query, **kwargs))


def marked(hit) -> list[str]:
    return [hit.text[a:b] for a, b in hit.highlights]


def where(result) -> set[tuple[str, int]]:
    return {(h.doc, h.para) for h in result.hits}


# -- two languages in one corpus ----------------------------------------------------------------

ENGLISH_ARTICLE = """Minister meets the press

The minister said on Thursday that the talks were over.

Her spokesman says the deal is saying a lot, and he told reporters the lines were long.

The committee tells members to wait for dinner.
"""
INDONESIAN_ARTICLE = """Kazakhstan bergabung

Kazakhstan resmi bergabung dengan Abraham Accords pada Kamis.

Kami menggelar konferensi pers di Jakarta.

Biaya per hari naik, kata mister Budi.
"""


@pytest.fixture(params=BACKENDS, ids=lambda factory: factory.__name__, scope="module")
def mixed(request, tmp_path_factory) -> SearchBackend:
    """An English and an Indonesian article (languages from their sidecars), read-only."""
    folder = tmp_path_factory.mktemp(f"mixed-{request.param.__name__}")
    corpus = folder / "corpus"
    corpus.mkdir()
    for name, text, language in (("en", ENGLISH_ARTICLE, "en"), ("id", INDONESIAN_ARTICLE, "id")):
        (corpus / f"{name}.txt").write_text(text, encoding="utf-8")
        title = text.splitlines()[0]
        (corpus / f"{name}.meta.toml").write_text(
            f'language = "{language}"\ntitle = "{title}"\n', encoding="utf-8")
    backend = request.param(folder, corpus, request)
    sync.update(backend, corpus)
    yield backend
    backend.close()


def test_says_finds_said_in_english_text(mixed):
    result = search(mixed, "says")
    assert where(result) == {("en", 1), ("en", 2)}
    hits = {h.para: marked(h) for h in result.hits}
    assert hits == {1: ["said"], 2: ["says", "saying"]}
    # what is stored and shown is the text as written (the analysis marks nothing in it)
    assert {h.title for h in result.hits} == {"Minister meets the press"}
    written = {p.number: p.text for p in mixed.article("en").paragraphs}
    assert all(h.text == written[h.para] and "minister said" in written[1] for h in result.hits)
    assert where(search(mixed, "told")) == {("en", 2), ("en", 3)}  # told, tells
    assert where(search(mixed, "said")) == where(search(mixed, "saying"))


def test_gabung_still_finds_bergabung_and_a_mixed_corpus_answers_both(mixed):
    result = search(mixed, "gabung")
    assert where(result) == {("id", 1)} and marked(result.hits[0]) == ["bergabung"]
    assert where(search(mixed, "says OR gabung")) == {("en", 1), ("en", 2), ("id", 1)}
    assert where(search(mixed, "Kazakhstan OR minister")) >= {("en", 1), ("id", 1)}


def test_phrases_match_in_each_language(mixed):
    assert where(search(mixed, '"spokesman said"')) == {("en", 2)}
    assert where(search(mixed, '"konferensi pers"')) == {("id", 2)}
    assert where(search(mixed, "title:meet")) == {("en", 1), ("en", 2), ("en", 3)}


def test_english_words_are_not_stemmed_by_sastrawi(mixed):
    # Sastrawi would make "minister" "mister" and "lines" "les"
    assert where(search(mixed, "mister")) == {("id", 3)}
    assert search(mixed, "les").total == 0
    result = search(mixed, "minister")
    assert ("en", 1) in where(result)
    assert marked(next(h for h in result.hits if h.doc == "en")) == ["minister"]


def test_indonesian_words_are_not_stemmed_by_snowball(mixed):
    # Snowball would make "Kamis" (Thursday) "kami" (we) and "pers" (press) "per"
    assert where(search(mixed, "Kamis")) == {("id", 1)}
    assert where(search(mixed, "kami")) == {("id", 2)}
    result = search(mixed, "pers")
    assert where(result) == {("id", 2)} and marked(result.hits[0]) == ["pers"]
    assert where(search(mixed, "per")) == {("id", 3)}


def test_the_language_mark_is_no_word(mixed):
    assert search(mixed, "?en").total == 0
    assert where(search(mixed, "spokes*")) == {("en", 2)}


# -- the seed examples --------------------------------------------------------------------------


def test_is_a_search_backend(seeds):
    assert isinstance(seeds, SearchBackend)
    assert seeds.name and seeds.describe()
    assert isinstance(seeds.notes(), list)


def test_tokayev_is_paragraphs_two_and_five_of_001(seeds):
    result = search(seeds, "Tokayev")
    assert result.total == 2 and not result.partial and result.error is None
    assert where(result) == {(DOC_001, 2), (DOC_001, 5)}
    assert all(marked(h) == ["Tokayev"] for h in result.hits)
    assert [h.score for h in result.hits] == sorted((h.score for h in result.hits), reverse=True)


def test_repeated_paragraphs_collapse_into_the_first(seeds):
    hits = {h.para: h for h in search(seeds, "Tokayev").hits}
    assert hits[2].repeats == [8] and hits[5].repeats == [11]
    article = seeds.article(DOC_001)
    repeats = {p.number for p in article.paragraphs if p.repeat_of is not None}
    for hit in search(seeds, "Kazakhstan", limit=100).hits:
        assert hit.doc != DOC_001 or hit.para not in repeats


def test_gabung_marks_bergabung(seeds):
    result = search(seeds, "gabung")
    assert {h.doc for h in result.hits} == {DOC_000, DOC_001}
    for hit in result.hits:
        assert "bergabung" in marked(hit)
        assert all(word.lower().endswith("gabung") for word in marked(hit))


def test_a_phrase_matches_in_order_only(seeds):
    assert where(search(seeds, '"Truth Social"')) == {(DOC_000, 8), (DOC_001, 2)}
    assert where(search(seeds, '"Social Truth"')) == {(DOC_000, 7)}


def test_fuzzy_reaches_the_other_spelling(seeds):
    if not seeds.capabilities.fuzzy:
        pytest.skip(f"{seeds.name} has no fuzzy words")
    found = {w for h in search(seeds, "Kazakstan~").hits for w in marked(h)}
    assert {"Kazakhstan", "Kazakstan"} <= found
    # a swap of neighbouring letters is one edit
    assert {w for h in search(seeds, "Tokayve~").hits for w in marked(h)} == {"Tokayev"}
    assert {w for h in search(seeds, "Kazakhsatn~").hits for w in marked(h)} == {"Kazakhstan"}


def test_fuzzy_words_keep_their_first_letter_and_two_edits_at_most(seeds):
    """``empat~`` (four) never reaches ``sempat``, one edit away but for its first letter,
    and ``~3`` asks for more edits than any backend takes: two are taken, and the answer
    says it was cut."""
    if not seeds.capabilities.fuzzy:
        pytest.skip(f"{seeds.name} has no fuzzy words")
    assert search(seeds, "sempat").total == 1  # the word is there to be reached
    assert {w.lower() for h in search(seeds, "empat~").hits for w in marked(h)} == {"empat"}
    two = {w.lower() for h in search(seeds, "empat~2").hits for w in marked(h)}
    assert "emirat" in two and "sempat" not in two  # two edits, the first letter kept
    assert {w.lower() for h in search(seeds, "sempat~").hits for w in marked(h)} == {"sempat"}
    capped = search(seeds, "Kazakstan~3")
    assert capped.partial
    assert capped.total == search(seeds, "Kazakstan~2").total


def test_fields(seeds):
    title = search(seeds, "title:Terpilih", limit=50)
    assert {h.doc for h in title.hits} == {DOC_001} and title.total == 7
    source = search(seeds, "source:Pahami.id", limit=50)
    assert {h.doc for h in source.hits} == {DOC_000} and source.total == 12
    assert where(search(seeds, "speaker:Rubio")) == {(DOC_001, 4)}
    assert (DOC_001, 2) in where(search(seeds, "quote:resmi"))


def test_boolean_operators_and_prefixes(seeds):
    assert {h.doc for h in search(seeds, "gabung NOT Trump", limit=50).hits} == {DOC_001}
    assert search(seeds, "gabung -Trump").total == search(seeds, "gabung NOT Trump").total
    assert {h.para for h in search(seeds, "Tokayev OR Rubio").hits} == {2, 4, 5}
    assert search(seeds, "Tokay*").total == 2


def test_did_you_mean(seeds):
    result = search(seeds, "Tokayef")
    assert result.total == 0 and result.hits == []
    assert [s.lower() for s in result.suggestions] == ["tokayev"]
    assert search(seeds, "Tokayef", suggest=False).suggestions == []


def test_stop_words_in_did_you_mean_and_fuzzy_words(factory, tmp_path):
    """``dalam`` is a stop word (a query of it alone is refused) and the stem of indexed
    words (``kedalaman``, ``mendalam``): ``dalaxm`` is one edit from it, and is offered
    ``dalang`` (two edits) instead. A fuzzy stop word is taken as typed, never stemmed:
    ``tersebut~`` does not reach ``menyebut`` (whose stem, ``sebut``, is the stop word's)."""
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "laut.txt").write_text(
        "Penyelam di laut dalam\n\nKedalaman laut itu mencapai seratus meter di dalam teluk.\n\n"
        "Seorang dalang menonton para penyelam yang mendalami teknik baru.\n\n"
        "Warga menyebut kapal tersebut tenggelam.\n", encoding="utf-8")
    backend = factory(tmp_path, corpus)
    try:
        sync.update(backend, corpus)
        assert search(backend, "kedalaman").total >= 1
        with pytest.raises(QueryError):
            search(backend, "dalam")
        assert [s.lower() for s in search(backend, "dalaxm").suggestions] == ["dalang"]
        assert search(backend, "menyebut").total == 1
        assert search(backend, "tersebut~").total == 0
    finally:
        backend.close()


@pytest.mark.parametrize("query", ['"Truth Social', "(Tokayev", "title:", "foo:bar", "*", "",
                                   "--~", "-.~2", "speaker:outlet:Rubio", "title:(source:x)",
                                   "title:*", "*:*", "Kaz* (?)", "Tokayev OR -Rubio",
                                   "Tokayev ANDMAYBE -Rubio ANDMAYBE Trump",
                                   "Tokayev ANDMAYBE NOT Rubio OR NOT Trump"])
def test_a_malformed_query_raises_one_line(seeds, query):
    with pytest.raises(QueryError) as caught:
        search(seeds, query)
    assert str(caught.value) and "\n" not in str(caught.value)


def test_a_fuzzy_word_of_punctuation_is_left_out(seeds):
    assert where(search(seeds, "Tokayev --~")) == where(search(seeds, "Tokayev"))
    # a field name glued to a fuzzy word's distance is no field (the query check sees none)
    assert search(seeds, "Tokayev~2outlet:Pahami").total == 0


@pytest.mark.parametrize("query", ["[Tokayev TO Kazakhstan]", "{Tokayev TO Kazakhstan}"])
def test_brackets_are_punctuation_not_a_range(seeds, query):
    """Lucene's ranges are no part of the language (Whoosh's failed on its own range)."""
    assert where(search(seeds, query)) == where(search(seeds, "Tokayev Kazakhstan"))


def test_andnot_and_andmaybe_without_their_first_word_drop_out(seeds):
    """``yang`` is a stop word: ``yang ANDNOT Trump`` has nothing to keep (Whoosh answered
    the paragraphs with Trump, the very ones it excludes)."""
    for query in ("yang ANDNOT Trump", "yang ANDMAYBE Trump"):
        with pytest.raises(QueryError):
            search(seeds, query)
    tokayev = where(search(seeds, "Tokayev"))
    assert where(search(seeds, "Tokayev (yang ANDNOT Trump)")) == tokayev
    assert where(search(seeds, "Tokayev OR (yang ANDMAYBE Trump)")) == tokayev
    assert where(search(seeds, "gabung ANDNOT Trump")) == where(search(seeds, "gabung NOT Trump"))
    # AND binds tighter than ANDNOT (the order Whoosh's parser applies them in)
    assert where(search(seeds, "gabung ANDNOT Trump AND Kazakhstan")) == where(
        search(seeds, "gabung ANDNOT (Trump AND Kazakhstan)"))


def test_a_word_ending_in_a_colon_is_a_word(seeds):
    assert where(search(seeds, "title:Terpilih:")) == where(search(seeds, "title:Terpilih"))


def test_field_filters(seeds):
    titled = search(seeds, "Kazakhstan", limit=50, filters=(("title", "Terpilih"),))
    assert titled.hits and {h.doc for h in titled.hits} == {DOC_001}
    assert where(titled) == {(h.doc, h.para) for h in search(
        seeds, "Kazakhstan title:Terpilih", limit=50).hits}
    with pytest.raises(QueryError):
        search(seeds, "Kazakhstan", filters=(("colour", "red"),))


# -- narrowing and paging ---------------------------------------------------------------------


def test_doc_filter(seeds):
    only = search(seeds, "Kazakhstan", doc=DOC_000, limit=100)
    assert only.hits and {h.doc for h in only.hits} == {DOC_000}
    everywhere = search(seeds, "Kazakhstan", limit=100)
    assert where(only) == {(h.doc, h.para) for h in everywhere.hits if h.doc == DOC_000}
    assert search(seeds, "Kazakhstan", doc="no-such-article").hits == []
    assert where(search(seeds, f"Kazakhstan doc:{DOC_000}", limit=100)) == where(only)


def test_limit_and_offset_page_through_one_ranking(seeds):
    whole = search(seeds, "Kazakhstan", limit=100)
    first = search(seeds, "Kazakhstan", limit=3)
    second = search(seeds, "Kazakhstan", limit=3, offset=3)
    assert len(first.hits) == 3 and first.total == second.total == whole.total
    order = [(h.doc, h.para) for h in whole.hits]
    assert [(h.doc, h.para) for h in first.hits + second.hits] == order[:6]


# -- articles, counts, statistics, candidates -----------------------------------------------------


def test_articles_and_summaries(seeds):
    article = seeds.article(DOC_001)
    assert article is not None and len(article.paragraphs) == 13
    assert article.paragraphs[7].repeat_of == 2
    assert any(q.speaker and "Rubio" in q.speaker for p in article.paragraphs for q in p.quotes)
    assert seeds.article("no-such-article") is None
    assert {a.doc for a in seeds.articles()} == {DOC_000, DOC_001}
    summaries = seeds.summaries()
    assert [s.doc for s in summaries] == [DOC_000, DOC_001]
    assert summaries[1].paragraphs == 13 and summaries[1].quotes == article.quote_count


def test_counts(seeds):
    counts = seeds.counts()
    assert counts["articles"] == 2 and counts["files"] == 2 and counts["paragraphs"] == 19
    assert counts["terms"] > 100


def test_term_stats(seeds):
    stats = seeds.term_stats()
    assert stats.paragraphs == seeds.counts()["paragraphs"]
    assert stats.df("tokayev") == 2
    assert stats.df("gabung") >= 2
    assert stats.df("zzzzqqq") == 0
    again = seeds.term_stats()  # the same figures while the generation stands
    assert again.paragraphs == stats.paragraphs and again.df("tokayev") == 2


def test_candidates(seeds):
    found = seeds.candidates(["tokayev"], 10)
    assert found and all(isinstance(c, Candidate) for c in found)
    assert {(c.doc, c.paragraph.number) for c in found} == {(DOC_001, 2), (DOC_001, 5)}
    assert seeds.candidates(["tokayev"], 10, exclude_doc=DOC_001) == []
    several = seeds.candidates(["kazakhstan", "abraham", "resmi"], 4)
    assert 0 < len(several) <= 4
    quoted = seeds.candidates(["resmi"], 10)
    assert any(c.paragraph.quotes for c in quoted)
    for c in several:
        assert c.paragraph.text and c.title and c.paragraph.end == len(c.paragraph.text)
    assert seeds.candidates([], 10) == []


# -- keeping it current ---------------------------------------------------------------------------


def test_new_index_then_up_to_date(factory, tmp_path, corpus):
    backend = factory(tmp_path, corpus)
    assert backend.needs_rebuild() is not None
    assert backend.stamps() is None
    with pytest.raises(IndexProblem):
        backend.open()
    report = sync.update(backend, corpus)
    assert report.rebuilt and report.paragraphs == 19
    assert backend.needs_rebuild() is None
    assert backend.stamps() == scan(corpus)
    assert sorted(backend.file_states()) == sorted(scan(corpus))
    again = sync.update(backend, corpus)
    assert not again.touched and again.paragraphs == 0
    backend.close()


def test_add_change_and_delete_files(fresh, corpus):
    before = fresh.generation()
    (corpus / "002_new.txt").write_text("Judul Baru\n\nTokayev berkunjung ke Jakarta.\n",
                                        encoding="utf-8")
    report = sync.update(fresh, corpus)
    assert report.added == ["002_new.txt"] and report.paragraphs == 1
    assert fresh.generation() != before
    assert search(fresh, "Tokayev").total == 3
    assert fresh.file_states()["002_new.txt"].docs == ("002_new",)

    target = corpus / f"{DOC_000}.txt"
    last = "Penandatanganan ini hanya bersifat simbolis saja."
    target.write_text(target.read_text(encoding="utf-8").replace(
        last, last + "\n\nParagraf tambahan Zelensky."), encoding="utf-8")
    report = sync.update(fresh, corpus)
    assert report.changed == [f"{DOC_000}.txt"] and report.paragraphs == 13
    assert search(fresh, "Zelensky").total == 1
    assert len(fresh.article(DOC_000).paragraphs) == 13

    (corpus / "002_new.txt").unlink()
    report = sync.update(fresh, corpus)
    assert report.removed == ["002_new.txt"]
    assert search(fresh, "Tokayev").total == 2
    assert fresh.article("002_new") is None
    assert "002_new.txt" not in fresh.file_states()
    assert fresh.counts()["files"] == 2


def test_accents_and_case_fold(fresh, corpus):
    (corpus / "005.txt").write_text("Judul\n\nKopi di CAFÉ Batavia, ujar Zoë Ærøsson.\n",
                                    encoding="utf-8")
    sync.update(fresh, corpus)
    for query, word in (("cafe", "CAFÉ"), ("Café", "CAFÉ"), ("zoe", "Zoë")):
        hits = search(fresh, query).hits
        assert [(h.doc, marked(h)) for h in hits] == [("005", [word])], query


def test_a_touched_file_is_not_a_change(fresh, corpus):
    path = corpus / f"{DOC_001}.txt"
    later = time.time() + 10
    os.utime(path, (later, later))
    report = sync.update(fresh, corpus)
    assert not report.changed and not report.added and not report.removed
    assert fresh.stamps() == scan(corpus)
    assert fresh.file_states()[f"{DOC_001}.txt"].mtime_ns == path.stat().st_mtime_ns
    assert search(fresh, "Tokayev").total == 2


def test_generation_changes_on_commit_only(fresh, corpus):
    first = fresh.generation()
    sync.update(fresh, corpus)  # nothing changed: no commit
    assert fresh.generation() == first
    (corpus / "003.txt").write_text("Judul\n\nKata baru Xylofon.\n", encoding="utf-8")
    sync.update(fresh, corpus)
    second = fresh.generation()
    assert second != first
    sync.update(fresh, corpus, rebuild=True)
    assert fresh.generation() not in (first, second)
    assert search(fresh, "Xylofon").total == 1


def test_another_instance_sees_every_commit(factory, fresh, tmp_path, corpus):
    """Two openings of one index (two processes, in practice): each commit of one is seen by
    the other's next question, deletions included."""
    other = factory(tmp_path, corpus)
    assert search(other, "Tokayev").total == 2
    (corpus / "002_new.txt").write_text("Judul\n\nTokayev lagi.\n", encoding="utf-8")
    sync.update(fresh, corpus)
    assert search(other, "Tokayev").total == 3
    (corpus / "002_new.txt").unlink()
    sync.update(fresh, corpus)
    assert search(other, "Tokayev").total == 2
    assert other.generation() == fresh.generation()
    other.close()


def test_one_writer_at_a_time(factory, fresh, tmp_path, corpus):
    other = factory(tmp_path, corpus)
    said: list[str] = []
    done = threading.Event()

    def second() -> None:
        with other.lock(lambda: said.append("waiting")):
            said.append("got it")
        done.set()

    with fresh.lock():
        thread = threading.Thread(target=second)
        thread.start()
        time.sleep(0.5)
        assert said == ["waiting"] and not done.is_set()
    assert done.wait(30)
    thread.join()
    assert said == ["waiting", "got it"]
    other.close()


def test_apply_is_all_or_nothing(fresh, corpus):
    """An update that fails part way commits nothing: the index answers as before."""

    def files():
        yield sync.read(_corpus_file(corpus, "004.txt", "Judul\n\nKata Quuxbaz.\n"), "004", [])
        raise RuntimeError("the reader died while reading the next file")

    before = fresh.generation()
    with pytest.raises(RuntimeError), fresh.lock():
        fresh.apply(Changes(files=files(), total=2, removed=[f"{DOC_000}.txt"]))
    assert search(fresh, "Quuxbaz").total == 0
    assert search(fresh, "Tokayev").total == 2 and fresh.article(DOC_000) is not None
    assert fresh.generation() == before


def _corpus_file(corpus: Path, name: str, text: str):
    from reader.ingest import CorpusFile

    path = corpus / name
    path.write_text(text, encoding="utf-8")
    stat = path.stat()
    return CorpusFile(path, name, stat.st_size, stat.st_mtime_ns)


KILLED = """
import sys, time
from pathlib import Path
sys.path.insert(0, {root!r})
from reader import sync
from reader.ingest import CorpusFile
from reader.search.backend import Changes
from tests.test_backend_contract import BACKENDS
factory = next(f for f in BACKENDS if f.__name__ == {name!r})
backend = factory(Path({folder!r}), Path({corpus!r}))
corpus = Path({corpus!r})

def files():
    for i in range(200):
        path = corpus / f"k{{i:03d}}.txt"
        path.write_text(f"Judul\\n\\nParagraf Killedword nomor {{i}}.\\n", encoding="utf-8")
        stat = path.stat()
        yield sync.read(CorpusFile(path, path.name, stat.st_size, stat.st_mtime_ns),
                        path.stem, [])
        if i == 150:
            print("writing", flush=True)
            time.sleep(600)

with backend.lock():
    backend.apply(Changes(files=files(), total=200), rebuild={rebuild!r})
"""


@pytest.mark.parametrize("rebuild", [False, True], ids=["update", "rebuild"])
def test_a_killed_update_keeps_the_old_index_answering(factory, fresh, tmp_path, corpus,
                                                       rebuild):
    before = fresh.generation()
    code = KILLED.format(root=str(ROOT), name=factory.__name__, folder=str(tmp_path),
                         corpus=str(corpus), rebuild=rebuild)
    child = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True,
                             cwd=ROOT)
    try:
        assert child.stdout.readline().strip() == "writing"
    finally:
        child.send_signal(signal.SIGKILL)
        child.wait()
    assert search(fresh, "Killedword").total == 0
    assert search(fresh, "Tokayev").total == 2
    assert fresh.generation() == before
    report = sync.update(fresh, corpus)  # the next update finishes the job
    assert len(report.added) == 151
    assert search(fresh, "Killedword").total == 151


def test_library_talks_to_any_backend(factory, tmp_path, corpus):
    library = Library(corpus, tmp_path / "unused", backend=factory(tmp_path, corpus))
    library.update()
    assert {(h.doc, h.para) for h in library.matches_in(DOC_001, "Tokayev")} == {
        (DOC_001, 2), (DOC_001, 5)}
    assert library.matches_in(DOC_000, "Tokayev") == []
    with pytest.raises(QueryError):
        library.matches_in(DOC_000, '"Truth')
    assert library.search('"Truth').error  # the library answers a malformed query in one line
    related = library.related(DOC_000, 8)
    assert related and all(r.doc != DOC_000 for r in related)
    alignment = library.compare(DOC_000, DOC_001)
    assert (8, 2) in {(p.a, p.b) for p in alignment.pairs}
    library.close()


@pytest.mark.parametrize("query, found", [
    ("Tokayev (Trump -Netanyahu)", {5}), ("Tokayev (-Netanyahu)", {5}),
    ("(Tokayev -Netanyahu) OR Rubio", {4, 5}), ("Tokayev (Trump NOT Netanyahu)", {5}),
    ("Tokayev -Netanyahu", {5})])
def test_a_word_excluded_in_parentheses(seeds, query, found):
    assert {h.para for h in search(seeds, query, limit=50).hits} == found
