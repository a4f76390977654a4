"""Analysis in plain Python, and the Whoosh analyzer that wraps it.

The index has always been built with a chain of Whoosh filters; analysis now runs without any
engine, so the Whoosh adapter is checked token for token against that chain (rebuilt here from
Whoosh's own parts) for every way Whoosh calls an analyzer.
"""

from __future__ import annotations

import pytest

from reader.language.analysis import (
    QUERY_STOP_WORDS,
    STOP_WORDS,
    TOKEN_PATTERN,
    Token,
    _is_reduplication,
    accent_map,
    fold,
    highlight_offsets,
    stem,
    surface_tokens,
    terms,
    tokens,
)

from .conftest import SEEDS


def whoosh_chain(stemming: bool = True, stops: bool = True, stoplist=STOP_WORDS):
    """The analyzer the index used before analysis left Whoosh, built from Whoosh's filters."""
    from whoosh.analysis import (
        CharsetFilter,
        Filter,
        LowercaseFilter,
        RegexTokenizer,
        StemFilter,
        StopFilter,
    )
    from whoosh.support.charset import accent_map as whoosh_accents

    class HyphenFilter(Filter):
        def __call__(self, stream):
            shift = 0
            for token in stream:
                text = token.text
                if token.positions:
                    token.pos += shift
                if "-" not in text or _is_reduplication(text):
                    yield token
                    continue
                base_char = token.startchar if token.chars else 0
                pos = token.pos if token.positions else 0
                offset = emitted = 0
                for part in text.split("-"):
                    if part:
                        token.text = part
                        if token.chars:
                            token.startchar = base_char + offset
                            token.endchar = token.startchar + len(part)
                        if token.positions:
                            token.pos = pos + emitted
                        emitted += 1
                        yield token
                    offset += len(part) + 1
                shift += max(emitted - 1, 0)

    chain = RegexTokenizer(TOKEN_PATTERN) | HyphenFilter() | LowercaseFilter() | CharsetFilter(
        whoosh_accents)
    if stops:
        chain = chain | StopFilter(stoplist=stoplist, minsize=1, renumber=False)
    if stemming:
        chain = chain | StemFilter(stem, cachesize=200_000)
    return chain


TEXTS = [p.read_text(encoding="utf-8") for p in sorted(SEEDS.glob("*.txt"))] + [
    "negara-negara Kassym-Jomart Jum'at-an --x-- a-b- Café ÉLAN bangsa-bangsanya tarik-menarik "
    "2020-2021 ke-3 İstanbul ŞEHİR Ærø ｆｕｌｌ ＷＩＤＴＨ ５",
    "yang dan di ke Presiden dan Trump, yang mengatakan bahwa ini-itu sudah selesai.",
    "", "   ", "-", "Menteri-Menteri luar-negeri AS-Kazakhstan",
]
CALLS = [
    {}, {"positions": True}, {"positions": True, "chars": True},
    {"positions": True, "chars": True, "removestops": False},
    {"chars": True, "mode": "query"}, {"no_morph": True}, {"tokenize": False},
    {"tokenize": False, "removestops": False, "mode": "query"},
    {"positions": True, "chars": True, "start_pos": 7, "start_char": 30},
]


def as_tuples(stream, kwargs) -> list[tuple]:
    out = []
    for t in stream:
        row = (t.text, t.stopped)
        if kwargs.get("positions"):
            row += (t.pos,)
        if kwargs.get("chars"):
            row += (t.startchar, t.endchar)
        out.append(row)
    return out


@pytest.mark.parametrize("kind", ["text", "name"])
@pytest.mark.parametrize("kwargs", CALLS, ids=lambda k: ",".join(k) or "plain")
def test_whoosh_adapter_matches_the_filter_chain(kind, kwargs):
    from reader.search.whoosh.analyzer import name_analyzer, text_analyzer

    if kind == "text" and kwargs.get("mode") == "query" and kwargs.get("tokenize", True):
        # query words: folded, stop words of both languages, stemmed later in each language
        ours, theirs = text_analyzer(), whoosh_chain(stemming=False, stoplist=QUERY_STOP_WORDS)
    elif kind == "text":
        ours, theirs = text_analyzer(), whoosh_chain()
    else:
        ours, theirs = name_analyzer(), whoosh_chain(stemming=False, stops=False)
    for text in TEXTS + ["Kazakstan", "negara-negara", "Tokay", "yang"]:
        expected = as_tuples(theirs(text, **kwargs), kwargs)
        assert as_tuples(ours(text, **kwargs), kwargs) == expected, (text[:60], kwargs)


def test_accent_folding_is_the_table_the_index_always_used():
    from whoosh.support.charset import accent_map as whoosh_accents

    assert accent_map == whoosh_accents
    assert fold("Café ÉLAN Ærø") == "cafe elan æro"  # the table has no entry for æ


def test_tokens_carry_stem_position_and_offsets():
    text = "Presiden Kassym-Jomart Tokayev bergabung dengan negara-negara lain."
    found = tokens(text)
    assert [t.stem for t in found] == ["presiden", "kassym", "jomart", "tokayev", "gabung",
                                       "negara", "lain"]
    for t in found:
        assert fold(text[t.start:t.end]) == t.text
    assert [t.position for t in found] == [0, 1, 2, 3, 4, 6, 7]  # "dengan" keeps position 5
    assert isinstance(found[0], Token) and not found[0].stop


def test_stop_words_are_dropped_or_flagged():
    assert [t.stem for t in tokens("dan Trump")] == ["trump"]
    kept = tokens("dan Trump", keep_stops=True)
    assert [(t.text, t.stop) for t in kept] == [("dan", True), ("trump", False)]
    assert [t.text for t in tokens("dan Trump", stops=False)] == ["dan", "trump"]


def test_unstemmed_and_whole_word_analysis():
    assert [t.stem for t in tokens("bergabung", stemming=False)] == ["bergabung"]
    whole = tokens("Kazakstan", whole=True)
    assert [(t.stem, t.start, t.end) for t in whole] == [("kazakstan", 0, 9)]
    assert [t.stem for t in tokens("Kassym-Jomart", whole=True)] == ["kassym", "jomart"]


def test_surface_tokens_and_terms_agree_with_tokens():
    for text in TEXTS:
        assert surface_tokens(text) == [(t.stem, t.start, t.end) for t in tokens(text)]
        assert terms(text) == [t.stem for t in tokens(text)]


def test_highlight_offsets_mark_surface_forms():
    text = "Kazakhstan bergabung; penggabungan menggabungkan."
    marked = [text[a:b] for a, b in highlight_offsets(text, {"gabung"})]
    assert marked == ["bergabung", "penggabungan", "menggabungkan"]
    assert highlight_offsets(text, set()) == []


def test_analysis_imports_no_engine():
    import subprocess
    import sys

    code = ("import sys, reader.language.analysis as a; a.terms('bergabung'); "
            "print(any(m == 'whoosh' or m.startswith('whoosh.') for m in sys.modules))")
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                          timeout=60)
    assert done.stdout.strip() == "False", done.stderr


def _grouped(found: list[Token]) -> tuple[dict[str, list[int]], int]:
    places: dict[str, list[int]] = {}
    for token in found:
        places.setdefault(token.stem, []).append(token.position)
    return places, len(found)


@pytest.mark.parametrize("options", [{}, {"stemming": False}, {"stops": False},
                                     {"stemming": False, "stops": False}])
def test_index_positions_are_the_tokens_grouped_by_term(options):
    from reader.language.analysis import ENGLISH
    from reader.language.index_terms import index_positions

    for text in TEXTS + ["Presiden presiden PRESIDEN berkata, presiden-presiden dan Ani-Budi."]:
        for language in ("id", ENGLISH):
            expected = _grouped(tokens(text, language=language, **options))
            for _ in range(2):  # the second time every word comes from the memo
                assert index_positions(text, language=language, **options) == expected


def test_the_surface_memo_is_bounded(monkeypatch):
    from reader.language import index_terms

    monkeypatch.setattr(index_terms, "SURFACE_WORDS", 50)
    monkeypatch.setattr(index_terms, "_SURFACE", {})
    text = " ".join(f"kata{i}" for i in range(400))
    for start in range(0, 400, 40):
        index_terms.index_positions(" ".join(text.split()[start:start + 40]))
        assert all(len(memo) <= 50 + 40 for memo in index_terms._SURFACE.values())
    assert index_terms.index_positions(text) == _grouped(tokens(text))


def test_the_whoosh_adapter_gives_positions_as_its_words():
    from reader.search.whoosh.analyzer import name_analyzer, tag_english, text_analyzer

    english = tag_english({"text": "The ministers said they were meeting"})["text"]
    for analyzer in (text_analyzer(), name_analyzer()):
        for value in TEXTS + [english]:
            words = analyzer.words(value)
            places: dict[str, list[int]] = {}
            for word in words:
                places.setdefault(word.stem, []).append(word.position)
            assert analyzer.positions(value) == (places, len(words))
