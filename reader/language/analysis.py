"""The Indonesian analyzer: what a word becomes in the index and in a query, in plain Python.

Every engine indexes the tokens this module makes (the Whoosh backend wraps :func:`tokens` in an
analyzer of its own), so stemming, stop words and offsets mean the same thing everywhere.

Tokens keep hyphenated reduplication (``negara-negara`` is one word meaning "countries" and stems
to ``negara``) while other hyphenated names (``Kassym-Jomart``) are split so each part is
findable. Case and accents are folded, Indonesian function words dropped, and words stemmed with
Sastrawi, the dictionary-based stemmer: PyStemmer's Snowball ``indonesian`` is ~200x faster but
over-stems (``mengatakan``->``ata``, ``penguatan``->``uat``, ``Kazakhstan``->``kazakhst``), which
merges unrelated words and breaks highlighting of names. Sastrawi ships its dictionary as a Python
list (linear lookups, ~8 ms a word); we load it into a set, which makes it ~16,000 new words a
second, and cache stems, which makes repeats free.

English text (an article whose language is English) is analysed with English rules instead:
English stop words and Snowball English stems with irregular forms (:mod:`.english_stems`), so
``said``, ``says`` and ``saying`` are one term there while ``Kamis`` stays ``kamis`` in Indonesian
text (Snowball would make it ``kami``, "we"). A query word is analysed for both languages
(:func:`query_stems`); each engine matches each stem only in paragraphs of its language, which
the :data:`ENGLISH_MARK` term of every English field tells apart.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import NamedTuple

from reader.language import english_stems
from reader.language.detect import ENGLISH, INDONESIAN

# Words, numbers and hyphenated compounds; an apostrophe inside a word stays (Jum'at, Qur'an).
TOKEN_PATTERN = r"\w+(?:['’\-]\w+)*"

# Function words that carry no topic. Kept short on purpose: words such as "dua" (two), "tidak"
# (not) or "kami" (we) matter in quotes and names, so Sastrawi's longer list is not used as is.
STOP_WORDS = frozenset(
    """
    yang dan di ke dari pada untuk dengan dalam ini itu atau juga oleh bahwa akan telah sudah
    adalah ialah yaitu yakni para sebagai karena bagi serta maka pun lah kah tersebut
    the of and a an to in on for is are was were be by with as at it its this that from
    """.split()
)
ENGLISH_STOP_WORDS = english_stems.STOP_WORDS
# A query word that is a stop word in either language is dropped: kept, it would have to match
# in the paragraphs of the language that never indexes it.
QUERY_STOP_WORDS = STOP_WORDS | ENGLISH_STOP_WORDS
QUERY = "query"  # the analysis of query words: folded, stop words of both languages, no stems

# The index term every English field carries (at position 0, counted in the field's length):
# a stem that differs between the languages is matched only in paragraphs of its own language.
# No tokenizer can make it (it is not a word character) and expansions skip it.
ENGLISH_MARK = "\x01en"


def analysis_language(code: str | None) -> str:
    """The analysis an article's language takes: English rules for English, Indonesian (the
    reader's first language) for everything else, unknown included."""
    if code and (code == ENGLISH or code.startswith(ENGLISH + "-")):
        return ENGLISH
    return INDONESIAN


class Token(NamedTuple):
    """One word of a text as the index sees it.

    ``text`` is the folded word (lower case, accents removed), ``stem`` the index term (``text``
    itself for names, stop words and unstemmed analysis), ``position`` its word number (a split
    compound takes one per part, stop words keep theirs, so phrases stay in order) and
    ``start``/``end`` where the word stands in the analysed text.
    """

    text: str
    stem: str
    position: int
    start: int
    end: int
    stop: bool = False  # a stop word, present only when asked for with ``keep_stops``


def _is_reduplication(word: str) -> bool:
    """``negara-negara``, ``berbalas-balasan``, ``tarik-menarik``: one word, not two.

    A reduplication is two halves with the same first letters (``sayur-mayur`` aside, the common
    plural form repeats the word).
    """
    halves = word.lower().split("-")
    if len(halves) != 2 or not halves[0] or not halves[1]:
        return False
    first, second = halves
    if first == second:
        return True
    # Affixed reduplication: berbalas-balasan, tarik-menarik, bangsa-bangsanya.
    return len(first) >= 3 and (first in second or second in first)


# Accent folding: each letter on the right becomes the one on the left. The table the index has
# always used (Carlos Bueno's "Accent Folding for Auto-Complete", as Whoosh ships it), kept here
# so analysis needs no engine; a test checks it against Whoosh's own.
_FOLDS = {
    "a": "ÀÁÂÃÄÅàáâãäåĀāĂăĄąĹǍǎǞǟǠǡǢǣǺǻǼǽȀȁȂȃȦȧȺḀḁẚẠạẢảẤấẦầẨẩẪẫẬậẮắẰằẲẳẴẵẶặⱥａ",
    "b": "ƀƁƂƃɃɓᵬḂḃḄḅḆḇｂ",
    "c": "ÇçĆćĈĉĊċČčƇƈȻȼɕḈḉｃ",
    "d": "ðĎďĐđƉƊƋƌȡɖɗᵭḊḋḌḍḎḏḐḑḒḓｄ",
    "e": "ÈÉÊËèéêëĒēĔĕĖėĘęĚěƎƏǝȄȅȆȇȨȩɆɇɚɝḔḕḖḗḘḙḚḛḜḝẸẹẺẻẼẽẾếỀềỂểỄễỆệｅ",
    "f": "ƑƒᵮḞḟｆ",
    "g": "ĜĝĞğĠġĢģƓǤǥǦǧǴǵɠḠḡｇ",
    "h": "HĤĥĦħȞȟ\u0331ḢḣḤḥḦḧḨḩḪḫẖⱧⱨｈ",
    "i": "IiÌÍÎÏìíîïĨĩĪīĬĭĮįİıƗǏǐȈȉȊȋɨḬḭḮḯỈỉỊịｉ",
    "j": "JĴĵǰȷɈɉɟʄʝ\u030cｊ",
    "k": "ĶķƘƙǨǩḰḱḲḳḴḵⱩⱪｋ",
    "l": "ĺĻļĽľĿŀŁłƚȴȽɫɬɭ\u0323ḶḷḸḹḺḻḼḽⱠⱡⱢｌ",
    "m": "ɱḾḿṀṁṂṃｍ",
    "n": "NnÑñŃńŅņŇňƝƞǸǹȠȵɲɳṄṅṆṇṈṉṊṋｎ",
    "o": "ÒÓÔÕÖØòóôõöøŌōŎŏŐőƟƠơǑǒǪǫǬǭǾǿȌȍȎȏȪȫȬȭȮȯȰȱɵṌṍṎṏṐṑṒṓỌọỎỏỐốỒồỔổỖỗỘộỚớỜờỞởỠỡỢợｏ",
    "p": "PpƤƥ\u0303ṔṕṖṗⱣｐ",
    "q": "Ɋɋʠｑ",
    "r": "ŔŕŖŗŘřȐȑȒȓɌɍɼɽɾᵲᵳṘṙṚṛṜṝṞṟⱤｒ",
    "s": "SsßŚśŜŝŞşŠšȘșʂ\u0329ṠṡṢṣṤṥṦṧṨṩẛｓ",
    "t": "TÞþŢţŤťŦŧƫƬƭƮȚțȶȾʈ\u0308ᵵṪṫṬṭṮṯṰṱẗⱦｔ",
    "u": "ÙÚÛÜùúûüŨũŪūŬŭŮůŰűŲųƯưǓǔǕǖǗǘǙǚǛǜȔȕȖȗɄʉṲṳṴṵṶṷṸṹṺṻỤụỦủỨứỪừỬửỮữỰựｕ",
    "v": "ƲʋṼṽṾṿｖ",
    "w": "WŴŵẀẁẂẃẄẅẆẇẈẉẘｗ",
    "x": "ẊẋẌẍｘ",
    "y": "YÝýÿŶŷŸƳƴȲȳɎɏʏ\u030aẎẏẙỲỳỴỵỶỷỸỹｙ",
    "z": "ŹźŻżŽžƵƶƺǮǯȤȥʐʑẐẑẒẓẔẕⱫⱬｚ",

}


def _accent_map() -> dict[int, str]:
    table = {ord(char): base for base, chars in _FOLDS.items() for char in chars}
    for code in (*range(0xFF10, 0xFF1A), *range(0xFF21, 0xFF3B)):  # full-width digits, A-Z
        table[code] = chr(code - 0xFEE0)
    return table


accent_map = _accent_map()  # for str.translate


@lru_cache(maxsize=1)
def _sastrawi():
    from Sastrawi.Dictionary.ArrayDictionary import ArrayDictionary
    from Sastrawi.Stemmer.Stemmer import Stemmer
    from Sastrawi.Stemmer.StemmerFactory import StemmerFactory

    from reader.language import sastrawi_re

    sastrawi_re.install()  # after the imports above: every rule module is loaded by then

    class SetDictionary(ArrayDictionary):
        """Sastrawi's dictionary with set lookups instead of a linear list scan."""

        def __init__(self, words):
            self.words = {w for w in words if w and w.strip()}

        def contains(self, word):
            return word in self.words

        def count(self):
            return len(self.words)

    stemmer = Stemmer(SetDictionary(StemmerFactory().get_words()))
    sastrawi_re.gate(stemmer)  # the same stems; most rules skipped for words they cannot touch
    return stemmer


_NEEDS_STEM = re.compile(r"^[a-z]+(?:-[a-z]+)?$")

# A word Sastrawi leaves as it is: no prefix one of its rules removes (di- ke- se- be- me- pe-
# te- ku- kau-, or an -er- -el- -em- -in- infix after a first consonant), no suffix (-lah -kah
# -tah -pun -ku -mu -nya, -i -an -kan -is -isme -isasi) and no hyphen. Sastrawi changes a word
# only by removing such a part, so it returns this one unchanged whether or not its dictionary
# holds it, and is not started for it: most misspelled names in a query (30-80 ms a process).
_UNTOUCHED = re.compile(
    r"(?!di|ke|se|be|me|pe|te|ku|kau|[b-df-hj-np-tv-z](?:er|el|em|in)[aiueo])[a-z]+"
    r"(?<!lah)(?<!kah)(?<!tah)(?<!pun)(?<!ku)(?<!mu)(?<!nya)(?<!i)(?<!an)(?<!is)(?<!isme)\Z")


# Stems known without Sastrawi: tables saved beside an index (``get(word) -> stem | None``),
# consulted in order, and what this process stemmed itself (for the next table).
_TABLES: list = []
_LEARNED: dict[str, str] = {}


def use_stem_table(table) -> None:
    """Consult ``table`` (anything with ``get(word)``) before starting Sastrawi."""
    if all(known is not table for known in _TABLES):
        _TABLES.insert(0, table)


def drop_stem_table(table) -> None:
    """Stop consulting ``table`` (its index closed or moved on)."""
    _TABLES[:] = [known for known in _TABLES if known is not table]


def learned_stems() -> dict[str, str]:
    """The words this process stemmed with Sastrawi (no table knew them), and their stems."""
    return _LEARNED


def stem(word: str, language: str = INDONESIAN) -> str:
    """The stem of one lower-case token in ``language``: Sastrawi for Indonesian (numbers,
    short words and non-Latin words unchanged), Snowball English with irregular forms for
    English (numbers and non-Latin words unchanged).

    A saved stem table answers first: Sastrawi takes ~30 ms to start and tens of microseconds
    a new word, which every process (each indexing worker, every cold search) paid again.
    """
    if language == ENGLISH:
        if not _ENGLISH_WORD.match(word):
            return word
        key = "en:" + word
    else:
        if len(word) <= 3 or not _NEEDS_STEM.match(word):
            return word
        key = word
    for table in _TABLES:
        known = table.get(key)
        if known is not None:
            return known
    if language == ENGLISH:
        stemmed = english_stems.english_stem(word)
    elif _UNTOUCHED.match(word):
        stemmed = word
    else:
        stemmed = _sastrawi().stem_word(word) or word
    _LEARNED[key] = stemmed
    return stemmed


def start_stemmer() -> None:
    """Start Sastrawi now (30-80 ms) instead of in the first query with a word the stem table
    does not know, which a half-typed word usually is (a UI calls it behind its open screen)."""
    _sastrawi()


def complete_stems(known: dict[str, str]) -> None:
    """Add to a word -> stem table (keys as :func:`stem` makes them) each word's stem in the
    other language, so a query word of the corpus needs no stemmer: when the table has English
    words (a query on an index without English text uses Indonesian stems alone)."""
    english = [key[3:] for key in known if key.startswith("en:")]
    if not english:
        return  # an index without English text never stems a query word the English way
    indonesian = [key for key in known if not key.startswith("en:")]
    for word in indonesian:
        if "en:" + word not in known and _ENGLISH_WORD.match(word):
            known["en:" + word] = stem(word, ENGLISH)
    for word in english:
        if word not in known and len(word) > 3:
            known[word] = stem(word)


_ENGLISH_WORD = re.compile(r"^[a-z]+$")


_TOKEN_RE = re.compile(TOKEN_PATTERN, re.UNICODE)
_cached_stem = lru_cache(maxsize=200_000)(stem)  # Indonesian


@lru_cache(maxsize=200_000)
def _cached_stem_en(word: str) -> str:
    return stem(word, ENGLISH)


def stemmer(language: str):
    """The cached stem function of ``language`` (``None`` for the unstemmed query analysis)."""
    if language == QUERY:
        return None
    return _cached_stem_en if language == ENGLISH else _cached_stem


def stop_words(language: str) -> frozenset[str]:
    if language == QUERY:
        return QUERY_STOP_WORDS
    return ENGLISH_STOP_WORDS if language == ENGLISH else STOP_WORDS


def query_stems(word: str) -> tuple[str, str]:
    """``(Indonesian stem, English stem)`` of one folded query word."""
    return _cached_stem(word), _cached_stem_en(word)


def fold(word: str) -> str:
    """Lower case without accents: the form words are compared in."""
    lowered = word.lower()
    return lowered if lowered.isascii() else lowered.translate(accent_map)


def tokens(text: str, *, stemming: bool = True, stops: bool = True, keep_stops: bool = False,
           whole: bool = False, first_position: int = 0, first_char: int = 0,
           language: str = INDONESIAN) -> list[Token]:
    """The tokens of ``text`` in order.

    ``stemming=False`` leaves words unstemmed (names, outlets, spelling); ``stops=False`` keeps
    stop words as ordinary words; ``keep_stops`` keeps them flagged ``stop`` (and unstemmed)
    instead of dropping them. ``whole`` takes the text as one word (a query's wildcard or fuzzy
    word), which is folded, split at hyphens and stemmed like any other. ``language`` chooses
    the stop words and the stemmer (:data:`QUERY`: both languages' stop words, no stemming).
    """
    out: list[Token] = []
    append = out.append
    stoplist = stop_words(language) if stops else frozenset()
    stem_of = stemmer(language) if stemming else None
    fold_map = accent_map
    shift = 0  # positions taken by the extra parts of split compounds
    if whole:
        words = [(text, 0, len(text))]
    else:
        words = [(m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]
    for number, (word, start, end) in enumerate(words):
        position = first_position + number + shift
        if "-" in word and not _is_reduplication(word):
            offset = 0
            emitted = 0
            for part in word.split("-"):
                if part:
                    at = first_char + start + offset
                    _add(append, part, position + emitted, at, at + len(part), stoplist,
                         stem_of, keep_stops, fold_map)
                    emitted += 1
                offset += len(part) + 1
            shift += max(emitted - 1, 0)
            continue
        _add(append, word, position, first_char + start, first_char + end, stoplist, stem_of,
             keep_stops, fold_map)
    return out


def _add(append, word: str, position: int, start: int, end: int, stoplist, stem_of,
         keep_stops: bool, fold_map) -> None:
    lowered = word.lower()
    folded = lowered if lowered.isascii() else lowered.translate(fold_map)
    if stoplist and (folded in stoplist or not folded):  # an empty word counts as a stop word
        if keep_stops:
            append(Token(folded, folded, position, start, end, True))
        return
    append(Token(folded, stem_of(folded) if stem_of else folded, position, start, end))


def terms(text: str) -> list[str]:
    """The index terms of ``text`` in order (stemmed), for similarity and tests."""
    return [t[1] for t in tokens(text)]


def surface_tokens(text: str, language: str = INDONESIAN) -> list[tuple[str, int, int]]:
    """``(term, start, end)`` for every token of ``text``: the stem and where its word stands.

    The same tokens as :func:`tokens` without positions, in the shortest loop: highlighting runs
    on every search.
    """
    out: list[tuple[str, int, int]] = []
    append = out.append
    stops = stop_words(language)
    fold_map = accent_map
    stem_of = stemmer(language)
    for match in _TOKEN_RE.finditer(text):
        word = match.group()
        start = match.start()
        if "-" in word and not _is_reduplication(word):
            offset = 0
            for part in word.split("-"):
                if part:
                    folded = part.lower() if part.isascii() else part.lower().translate(fold_map)
                    if folded not in stops:
                        append((stem_of(folded), start + offset, start + offset + len(part)))
                offset += len(part) + 1
            continue
        folded = word.lower() if word.isascii() else word.lower().translate(fold_map)
        if folded not in stops:
            append((stem_of(folded), start, match.end()))
    return out


def highlight_offsets(text: str, words: set[str], language: str = INDONESIAN
                      ) -> list[tuple[int, int]]:
    """Offsets of every word in ``text`` (analysed as ``language``) whose stem is one of
    ``words`` (its surface form)."""
    if not words:
        return []
    return [(start, end) for term, start, end in surface_tokens(text, language) if term in words]
