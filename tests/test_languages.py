"""English analysis beside the Indonesian one: stems, stop words, the query's two stems, the stem
table, and the Whoosh query shape that keeps each stem to its own language."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest

from reader.language import analysis
from reader.language.analysis import (
    ENGLISH,
    ENGLISH_MARK,
    INDONESIAN,
    QUERY,
    analysis_language,
    complete_stems,
    query_stems,
    tokens,
)
from reader.language.english_stems import IRREGULAR, STOP_WORDS, english_stem, snowball

from .conftest import ROOT
from .test_backend_contract import ENGLISH_ARTICLE, INDONESIAN_ARTICLE


@pytest.mark.parametrize(("words", "stem"), [
    (["say", "says", "saying", "said"], "say"),
    (["tell", "tells", "telling", "told"], "tell"),
    (["go", "goes", "going", "went", "gone"], "go"),
    (["child", "children"], "child"),
    (["man", "men"], "man"),
    (["write", "writes", "writing", "wrote", "written"], "write"),
    (["bring", "brings", "brought"], "bring"),
    (["member", "members"], "member"),
])
def test_english_stems_join_regular_and_irregular_forms(words, stem):
    assert {english_stem(w) for w in words} == {stem}


def test_snowball_alone_misses_the_irregular_forms():
    assert snowball("said") == "said" and snowball("told") == "told"  # why the table exists


def test_irregular_table_leaves_words_with_a_meaning_of_their_own():
    for word in ("left", "won", "fed", "lives", "leaves", "found", "saw", "felt", "bit"):
        assert word not in IRREGULAR
    assert all(k.isalpha() and k.islower() and v.isalpha() and v.islower()
               for k, v in IRREGULAR.items())


def test_english_stop_words_keep_meaningful_short_words():
    assert {"the", "of", "was", "he", "they"} <= STOP_WORDS
    assert not {"not", "no", "who", "us", "will", "may", "said"} & STOP_WORDS


@pytest.mark.parametrize(("code", "expected"), [
    ("en", ENGLISH), ("en-US", ENGLISH), ("id", INDONESIAN), (None, INDONESIAN),
    ("ms", INDONESIAN), ("eng", INDONESIAN)])
def test_analysis_language(code, expected):
    # article languages are BCP 47 tags (reader.language.detect.language_code makes "eng" "en")
    assert analysis_language(code) == expected


def test_each_language_keeps_its_own_words():
    text = "The minister said Kamis lines"
    english = [(t.text, t.stem) for t in tokens(text, language=ENGLISH)]
    indonesian = [(t.text, t.stem) for t in tokens(text, language=INDONESIAN)]
    assert english == [("minister", "minist"), ("said", "say"), ("kamis", "kami"),
                       ("lines", "line")]
    # Sastrawi mangles English words, Snowball Indonesian ones: each text gets its own stemmer
    assert ("minister", "mister") in indonesian and ("lines", "les") in indonesian
    assert ("kamis", "kamis") in indonesian
    assert [t.text for t in tokens(text, language=QUERY)] == ["minister", "said", "kamis",
                                                             "lines"]


def test_query_words_drop_stop_words_of_both_languages():
    assert [t.text for t in tokens("the yang Tokayev dan of", language=QUERY)] == ["tokayev"]


def test_query_stems():
    assert query_stems("says") == ("says", "say")
    assert query_stems("bergabung") == ("gabung", "bergabung")
    assert query_stems("tokayev") == ("tokayev", "tokayev")  # names: one term


def test_positions_and_offsets_are_the_same_in_both_languages():
    text = "Kassym-Jomart said the negara-negara"
    for language in (ENGLISH, INDONESIAN):
        assert [(t.position, t.start, t.end) for t in tokens(text, language=language)][:3] == [
            (0, 0, 6), (1, 7, 13), (2, 14, 18)]


def test_complete_stems_gives_every_word_both_stems():
    table = {"bergabung": "gabung", "en:said": "say"}
    complete_stems(table)
    assert table == {"bergabung": "gabung", "en:said": "say", "en:bergabung": "bergabung",
                     "said": "said"}
    alone = {"bergabung": "gabung"}
    complete_stems(alone)  # no English text: a query never stems the English way
    assert alone == {"bergabung": "gabung"}


def test_the_mark_is_no_token():
    assert not analysis._TOKEN_RE.findall(ENGLISH_MARK + ENGLISH_MARK[1:])[0].startswith("\x01")
    assert all(t.stem != ENGLISH_MARK for t in tokens(ENGLISH_MARK + " en", language=ENGLISH))


# -- on a Whoosh index ---------------------------------------------------------------------------

@pytest.fixture(scope="module")
def mixed_library(tmp_path_factory):
    from reader.library import Library

    folder = tmp_path_factory.mktemp("mixed-library")
    corpus = folder / "corpus"
    corpus.mkdir()
    for name, text, language in (("en", ENGLISH_ARTICLE, "en"), ("id", INDONESIAN_ARTICLE, "id")):
        (corpus / f"{name}.txt").write_text(text, encoding="utf-8")
        (corpus / f"{name}.meta.toml").write_text(f'language = "{language}"\n', encoding="utf-8")
    library = Library(corpus, folder / "ix", backend="whoosh")
    library.update()
    return library


QUERIES = ["says", "Kamis", "pers", "minister", '"spokesman said"', '"konferensi pers"',
           "says OR gabung", "told -dinner", "Tokayev", "title:meet", "bergabung Kazakhstan"]


@pytest.mark.parametrize("query", QUERIES)
def test_vectorised_scores_equal_whooshs_collector_in_both_languages(mixed_library, query):
    from whoosh import collectors
    from whoosh.query import And, Term

    from reader.search.query import check_query
    from reader.search.whoosh import fastpath, scoring
    from reader.search.whoosh.languages import both_languages
    from reader.search.whoosh.parse import bounded, make_parser, para_only, parse
    from reader.search.whoosh.search import not_paragraphs

    shared = mixed_library.backend.store.open()
    searcher = shared.searcher()
    q, _ = bounded(both_languages(parse(make_parser(shared.schema), check_query(query)),
                                  searcher.reader()), searcher.reader())
    only_paragraphs = para_only(q)
    drop, bonus = (frozenset(), 0.0) if only_paragraphs else not_paragraphs(searcher)
    scoring._np()
    top, total, _ = fastpath.fast_search(searcher, q, 20, None, drop=drop, bonus=bonus)
    filtered = q if only_paragraphs else And([q, Term("kind", "para")])
    collector = collectors.TopCollector(limit=20)
    searcher.search_with_collector(filtered, collector)
    expected = [(h.score, h.docnum) for h in collector.results()]
    assert [d for _, d in top] == [d for _, d in expected]
    assert [round(s, 9) for s, _ in top] == [round(s, 9) for s, _ in expected]
    assert total == len(expected)


def test_a_word_with_one_stem_is_one_term(mixed_library):
    from whoosh.query import Term

    from reader.search.whoosh.languages import both_languages

    reader = mixed_library.backend.store.open().searcher().reader()
    assert both_languages(Term("text", "tokayev"), reader) == Term("text", "tokayev")
    says = both_languages(Term("text", "says"), reader)  # no Indonesian "says": English alone
    assert {t for _f, t in says.iter_all_terms()} == {"say", ENGLISH_MARK}
    dinner = both_languages(Term("text", "dinner"), reader)  # Sastrawi and Snowball agree
    assert dinner == Term("text", "dinner")


def test_an_index_without_english_keeps_the_indonesian_query(seeds_library):
    from whoosh.query import Term

    from reader.search.whoosh.languages import both_languages

    reader = seeds_library.backend.store.open().searcher().reader()
    assert both_languages(Term("text", "bergabung"), reader) == Term("text", "gabung")


COLD = """
import sys
from pathlib import Path
sys.path.insert(0, {root!r})
from reader.library import Library
library = Library(Path({corpus!r}), Path({index!r}), backend="whoosh")
for query in ("says", "told", "bergabung", "Kamis", '"konferensi pers"', "minister"):
    assert library.search(query).total, query
print("Stemmer" in sys.modules, "Sastrawi.Stemmer.Stemmer" in sys.modules)
"""


def test_a_cold_query_of_known_words_starts_no_stemmer(mixed_library):
    code = COLD.format(root=str(ROOT), corpus=str(mixed_library.corpus),
                       index=str(mixed_library.index_dir))
    out = subprocess.run([sys.executable, "-c", textwrap.dedent(code)], capture_output=True,
                         text=True, check=True).stdout.split()
    assert out == ["False", "False"]
