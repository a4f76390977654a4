"""The quote rules' shortcuts decide what the long way decides: each cheap pre-check or single
pass is tried on sentences where the rule behind it fires, so a shortcut that skipped one would
fail here."""

from __future__ import annotations

import random
import re

import pytest

from reader.language.article_words import vocabulary
from reader.language.name_runs import phrase_words
from reader.language.names import Speaker
from reader.language.spans import find_spans

# -- quotation spans: the scan jumps from one mark to the next ---------------------------------

FILLER = "Warga desa itu berkumpul di balai sejak pagi untuk mendengar pengumuman. " * 3


@pytest.mark.parametrize("opening, closing", [
    ('"', '"'), ("“", "”"), ("«", "»"), ("„", "”"), ("”", "”"), ("‘", "’"), ("'", "'"),
])
def test_every_opening_mark_after_long_plain_text_opens_a_span(opening, closing):
    text = f"{FILLER}Kepala desa berkata, {opening}Kami akan membangun jembatan{closing} kemarin."
    spans = find_spans(text, carrying=False)
    assert [text[s.start:s.end] for s in spans] == ["Kami akan membangun jembatan"]
    assert spans[0].open_at == text.index(opening, len(FILLER))


def test_several_spans_with_plain_text_between_them():
    text = (f"{FILLER}“Satu,” katanya. {FILLER}Lalu ia menambahkan, \"Dua tiga empat.\" "
            f"{FILLER}Istilah 'gotong royong' dipakai.")
    found = [text[s.start:s.end] for s in find_spans(text, carrying=False)]
    assert found == ["Satu,", "Dua tiga empat.", "gotong royong"]


def test_a_text_without_marks_has_no_spans_and_a_carried_quote_runs_on_into_speech():
    assert find_spans(FILLER, carrying=False) == []
    assert find_spans(FILLER, carrying=True) == []  # narrative: the source never closed it
    carried = find_spans("Kami tahu itu. " + FILLER, carrying=True)
    assert len(carried) == 1 and carried[0].continued and not carried[0].closed


def test_a_mark_that_does_not_open_is_stepped_over():
    text = f"{FILLER}Tinggi 5' dan \" lalu “Ini kutipan yang benar,” ujar Budi."
    assert [text[s.start:s.end] for s in find_spans(text, carrying=False)] == [
        "Ini kutipan yang benar,"]


# -- the words of a phrase: tokens without a full stop take the short way ----------------------

@pytest.mark.parametrize("phrase, words", [
    ("Budi Santoso di Jakarta", ["Budi", "Santoso", "di", "Jakarta"]),
    ("Budi Santoso; lalu pergi", ["Budi", "Santoso"]),
    ("Budi Santoso! Lalu", ["Budi", "Santoso"]),
    ("Budi Santoso? Lalu", ["Budi", "Santoso"]),
    ('Budi Santoso" lalu', ["Budi", "Santoso"]),
    ("Budi Santoso“ lalu", ["Budi", "Santoso"]),
    ("Budi Santoso» lalu", ["Budi", "Santoso"]),
    ("Budi, Ketua RT: lalu", ["Budi", ",", "Ketua", "RT", ":", "lalu"]),
    ("Budi (Inf) di sana", ["Budi", "(Inf)", "di", "sana"]),
    ("Erick.Sementara itu", ["Erick"]),          # a sentence glued to the name
    ("Dr. Jane Roe. Lalu", ["Dr.", "Jane", "Roe"]),  # an abbreviation ends nothing
    ("J. Roe di U.S. Army", ["J.", "Roe", "di", "U.S.", "Army"]),
    ("Budi . lalu", ["Budi"]),
])
def test_phrase_words_end_where_the_sentence_ends(phrase, words):
    assert phrase_words(phrase) == words


def _written_phrase_words(phrase: str) -> list[str]:
    """The words of a phrase token by token, as the rule was first written."""
    from reader.language.name_runs import _GLUED, _PHRASE_TOKEN
    from reader.language.sentences import is_abbreviation

    words: list[str] = []
    for token in _PHRASE_TOKEN.findall(phrase[:300])[:24]:
        glued = _GLUED.match(token)
        if glued and not is_abbreviation(token[:glued.end(1) + 1]):
            words.append(glued.group(1))
            break
        if token in ".;!?\"“”«»":
            break
        if token.endswith(".") and len(token) > 1 and not is_abbreviation(token):
            words.append(token.rstrip("."))
            break
        words.append(token)
    return words


def test_phrase_words_are_the_words_read_token_by_token():
    samples = _strings("Ab c.D;!?\"“”«»(),:x. ", 30_000, 20, 4) + [
        "Budi (A.B) lalu (x;y) pergi. Lalu", "kata Kapolres (Inf.) AKBP J. Roe, Dr. Ani; lalu",
        " ".join(["Nama"] * 30) + ". Sesudah", "Rp 5.000 naik",
    ]
    for phrase in samples:
        assert phrase_words(phrase) == _written_phrase_words(phrase), repr(phrase)


# -- the article's lower-case words: one pass over all its paragraphs --------------------------

def test_vocabulary_of_joined_paragraphs_is_the_union_of_each_paragraph():
    texts = ["awal kalimat tanpa titik", "kata-kata di ujung", "'kutip dan.titik",
             "Nama Besar datang", "akhir", "x-ray dan mid-air", "", "satu\ndua tiga"]
    pattern = re.compile(r"(?<![\w'’.-])[a-z][a-z-]{2,}\b")
    each: set[str] = set()
    for text in texts:
        each.update(pattern.findall(text))
    assert vocabulary(texts) == frozenset(each)
    assert {"awal", "titik", "ujung", "akhir", "dua", "tiga"} <= vocabulary(texts)
    assert "kutip" not in vocabulary(texts) and "titik" in vocabulary(["dan.titik x titik"])


# -- patterns rewritten to start with a character class: the same matches as before ------------

def _strings(alphabet: str, count: int, longest: int, seed: int) -> list[str]:
    """Short strings of the characters a pattern turns on, every mix of them many times."""
    rnd = random.Random(seed)
    return ["".join(rnd.choice(alphabet) for _ in range(rnd.randint(0, longest)))
            for _ in range(count)]


_WRITTEN_SPLIT = re.compile(r"(?<=[.!?:])[\s\"”’')]+(?=[\"“‘'(]?[A-Z0-9\"“‘])|\n+")
_WRITTEN_ENTITY = re.compile(
    r"(?<![\w'’-])(?:[A-Z][\w'’.-]*|[A-Z]{2,})(?:\s+(?:(?:bin|binti|van|von|de|al|el)\s+)?"
    r"(?:[A-Z][\w'’.-]*|[A-Z]{2,}|\([A-Za-z][\w./-]{0,15}\)))*"
)


def test_sentence_splits_fall_where_the_written_pattern_puts_them():
    from reader.language.sentences import _SPLIT

    for text in [*_strings("aB .!?:\n\t\"”’')“‘(0", 30_000, 12, 1),
                 "Ia datang. Lalu pergi.\n\nBesoknya: “Ya.” 'Tidak!' (Benar?) 2024 tiba.\n"]:
        assert _SPLIT.split(text) == _WRITTEN_SPLIT.split(text), repr(text)


def test_named_entities_are_the_runs_the_written_pattern_finds():
    from reader.language.entities import ENTITY

    samples = _strings("AB ab-'’.(/)x bin de\n9", 30_000, 14, 2) + [
        "Menteri Luar Negeri AS Marco Rubio dan Ahmad bin Salman (Inf) tiba di U.S. Army.",
        "x-Ray O'Neil d'Arc ’Ali KPK-BNN (ANTARA) PT. Maju",
    ]
    for text in samples:
        assert [m.span() for m in ENTITY.finditer(text)] == \
            [m.span() for m in _WRITTEN_ENTITY.finditer(text)], repr(text)
        assert _span(ENTITY.match(text)) == _span(_WRITTEN_ENTITY.match(text)), repr(text)


def _span(match: re.Match | None) -> tuple[int, int] | None:
    return match.span() if match else None


# -- names worked out once per run of words: the article's own words still decide -------------

def test_a_kept_split_still_asks_each_article_whether_the_name_words_are_common():
    from reader.language.names import split_role

    run = ["Badan", "Pusat", "Statistik", "Jawa", "Barat"]
    words = ["Dinas", "Kesehatan", "Budi", "Santoso"]
    for _ in range(2):  # the second time from what was kept
        assert split_role(words, frozenset()) == Speaker("Budi Santoso", "Dinas Kesehatan")
        assert split_role(words, frozenset({"santoso"})) == Speaker(
            "Dinas Kesehatan Budi Santoso")
        assert split_role(run, frozenset()).name == "Badan Pusat Statistik Jawa Barat"
        assert split_role(["Menteri", "Marco", "Rubio"], frozenset({"marco"})) == Speaker(
            "Marco Rubio", "Menteri")
        assert split_role([",", ";"]) is None


def test_a_kept_split_gives_a_new_speaker_each_time():
    from reader.language.names import split_role

    first = split_role(["Kapolres", "Ahmad", "Yani"])
    first.role = "Ketua"
    assert split_role(["Kapolres", "Ahmad", "Yani"]) == Speaker("Ahmad Yani", "Kapolres")


def test_whether_a_name_is_a_person_depends_on_its_role_and_language():
    from reader.language.names import is_person, role_only

    for _ in range(2):
        assert role_only(Speaker("Menteri Hukum")) and not role_only(Speaker("Menteri Hukum", "X"))
        assert not is_person(Speaker("Menteri Hukum"))
        assert is_person(Speaker("Menteri Hukum", "Ketua"))
        assert is_person(Speaker("Council Budi")) and not is_person(Speaker("Council Budi"), True)
        assert not is_person(Speaker("budi")) and not is_person(None)
        assert not is_person(Speaker("BREAKING NEWS"))


# -- a paragraph's opening source: looked for only where an opening word stands ----------------

@pytest.mark.parametrize("text, via", [
    ("Mengutip Kontan dari CNBC, harga naik. “Naik terus,” kata Budi.", "Kontan dari CNBC"),
    ("Harga naik. Melansir Reuters, pasokan turun.", "Reuters"),
    ("Dilansir dari Antara, banjir surut.", "Antara"),
    ("Seperti Dikutip Tempo, ia pergi.", "Tempo"),
    ("Menukil BBC, perang usai.", "BBC"),
    ("According to CNN, the talks ended.", "CNN"),
    ("Sebagaimana Melansir Detik, hujan turun.", "Detik"),
    ("Ia mengutip Kontan, lalu pergi.", None),
    ("Tidak ada sumber di sini.", None),
])
def test_an_opening_source_is_found_with_or_without_the_pre_check(text, via):
    from reader.language.media import _OPENING, opening_medium

    found = opening_medium(text)
    assert (found[0] if found else None) == via
    assert (found is None) == (_OPENING.search(text) is None)


# -- the language's function words: only all-ASCII runs of letters are counted -----------------

def test_function_words_are_counted_as_the_runs_of_letters_they_stand_in():
    from collections import Counter

    from reader.language.detect import _STOPWORDS, _WORD, detect_language

    written = re.compile(r"[^\W\d_]+")
    function_words = _STOPWORDS["id"] | _STOPWORDS["en"]
    samples = _strings("yang dithe éÉİKß2_-'’\u0307\n", 30_000, 16, 3) + [
        "Yang2dan_di the-of İTU éyang yangé dan’s DAN", "ujar\u00a0kata\tyakni",
    ]
    for text in samples:
        low = text.lower()
        every = Counter(written.findall(low))
        assert Counter(_WORD.findall(low)) == Counter(
            {w: n for w, n in every.items() if w.isascii()}), repr(text)
        assert {w: n for w, n in Counter(_WORD.findall(low)).items() if w in function_words} == \
            {w: n for w, n in every.items() if w in function_words}
    assert detect_language("Dia bilang yang di dan itu untuk kami.") == "id"
    assert detect_language("He said that the plan was for them and the city.") == "en"


# -- abbreviations: the run before a full stop found by a search -------------------------------

def _written_abbreviation_at(text: str, dot: int) -> bool:
    """The rule as first written, stepping back one character at a time."""
    from reader.language.lexicon import ABBREVIATIONS

    if dot >= len(text) or text[dot] != ".":
        return False
    start = dot
    while start > 0 and dot - start < 20 and (text[start - 1].isalnum() or text[start - 1] == "."):
        start -= 1
    word = text[start:dot]
    if not word:
        return False
    if "." in word:
        return len(word.replace(".", "")) <= 4
    return (len(word) == 1 and word.isupper()) or word.lower() in ABBREVIATIONS


def test_an_abbreviation_is_the_run_of_letters_digits_and_stops_before_the_full_stop():
    from reader.language.sentences import abbreviation_at

    samples = _strings("Dr.J U.Sa_9² é-", 20_000, 26, 6) + [
        "kata Dr. Jane", "di U.S. Army", "tahun.Dia", "Jl. Sudirman", "x" * 30 + ".",
        "Prof. Dr. Ir. H. Budi", "K.H. Ma'ruf", "2024. Lalu", "_Dr. x", "St.",
    ]
    for text in samples:
        for dot in range(len(text) + 1):
            assert abbreviation_at(text, dot) == _written_abbreviation_at(text, dot), (text, dot)
    assert abbreviation_at("kata Dr. Jane", 7) and not abbreviation_at("tahun.Dia", 5)


# -- named entities: a run joined to the next only when its first word is a role ---------------

@pytest.mark.parametrize("sentence, found", [
    ("Menteri Komunikasi dan Informatika Rudiantara mengatakan hal itu.",
     [("Rudiantara", "Menteri Komunikasi dan Informatika", True)]),
    ("Presiden Joko Widodo dan Wapres Ma'ruf Amin hadir di Istana Bogor.",
     [("Joko Widodo", "Presiden", False), ("Ma'ruf Amin", "Wapres", False)]),
    ("Menteri Hukum RI, Supratman Andi Agtas, menjelaskan aturan itu.",
     [("Supratman Andi Agtas", "Menteri Hukum RI", False)]),
    ("Ia pergi ke Suriah bersama Budi Santoso.", []),
    ("Kemudian Budi Santoso berkata bahwa Secretary of State Marco Rubio tiba.",
     [("Budi Santoso", None, True), ("Marco Rubio", "Secretary of State", False)]),
    ("Budi dan Ani tiba.", [("Budi", None, False), ("Ani", None, False)]),
    ("tidak ada nama di sini.", []),
])
def test_entities_join_runs_only_through_a_role(sentence, found):
    from reader.language.entities import entities

    assert [(c.name, c.role, strong) for c, strong in entities(sentence)] == found


# -- an opening clause: its comma looked for only after a word that opens a clause -------------

@pytest.mark.parametrize("sentence, subject", [
    ("Dalam rapat itu, Menteri Keuangan Sri Mulyani menegaskan anggaran aman.",
     Speaker("Sri Mulyani", "Menteri Keuangan")),
    ("Setelah pulang dari Jakarta pada malam hari yang panjang dan melelahkan sekali bagi semua "
     "orang di sana dan juga bagi keluarganya, Budi Santoso tidur.", None),  # comma too far
    ("Sementara Budi Santoso menolak.", Speaker("Budi Santoso")),
    ("Budi Santoso, warga setempat, mengatakan banjir datang.", Speaker("Budi Santoso")),
    ("Kemudian-hari, Ani Rahma berkata.", Speaker("Ani Rahma")),
])
def test_an_opening_clause_is_passed_over_only_after_a_clause_word(sentence, subject):
    from reader.language.narrative import State
    from reader.language.subjects import sentence_subject

    assert sentence_subject(sentence, State()) == subject


def test_the_caches_of_names_stay_bounded_and_answer_the_same(monkeypatch):
    from reader.language import names

    monkeypatch.setattr(names, "_CACHE_LIMIT", 30)
    for cache in ("_SPLITS", "_PERSON", "_ROLE_ONLY"):
        monkeypatch.setattr(names, cache, {})
    first = {}
    for round_ in range(2):  # the second round meets every run again, after the caches cleared
        for i in range(100):
            tokens = ["Menteri", "Luar", "Negeri", f"Budi{i}", "Santoso"]
            speaker = names.split_role(tokens)
            person = names.is_person(speaker)
            if round_ == 0:
                first[i] = (speaker, person)
            else:
                assert (speaker, person) == first[i]
            assert all(len(getattr(names, cache)) <= 30
                       for cache in ("_SPLITS", "_PERSON", "_ROLE_ONLY"))
    assert first[7][0] == Speaker("Budi7 Santoso", "Menteri Luar Negeri") and first[7][1]
