"""Which language an article is written in: Indonesian or English, from its function words.

Why a rule and not a model: the corpora are Indonesian and English news, and the two share
almost no function words (``yang dan di untuk`` against ``the and of to``). Counting them was
measured against registry-shipped detectors on both real corpora and was as accurate, with no
dependency, no model load and a few microseconds per article (see the README's Languages).
A language named by a sidecar or a column always wins over detection.
"""

from __future__ import annotations

import re

INDONESIAN, ENGLISH = "id", "en"

_STOPWORDS = {
    INDONESIAN: frozenset("""
        yang dan di ke dari ini itu untuk dengan tidak dalam pada akan juga adalah karena oleh
        sebagai bahwa atau ada telah sudah saat bisa mereka kami kita ia dia tersebut lebih para
        hingga namun serta menjadi belum masih setelah sejak bagi agar seperti jika lalu tak pun
        ujar kata sebuah seorang yakni yaitu dapat harus tetapi tapi kepada terhadap bagaimana
        apa siapa mengapa kini nya banyak sangat sementara menurut secara
        """.split()),
    ENGLISH: frozenset("""
        the and of to in is that for on it with as was at by he she they said from his her be
        have has are this an not but or which were will would who been their its more after
        about than also says had there what when we you i our can could into over out up
        """.split()),
}
# The function words are ASCII, so only runs of letters that are all ASCII are counted: a run
# of ``a``-``z`` with no other letter either side is the same run ``[^\W\d_]+`` finds in
# lower-cased text, and the search skips to ``a``-``z`` in C.
_WORD = re.compile(r"[a-z](?<![^\W\d_][a-z])[a-z]*(?![^\W\d_])")
MIN_HITS = 3  # fewer function words than this: too little text to say
MARGIN = 2.0  # the winner needs this many times the other's count

# Names and codes people write in a sidecar or a column for the two languages.
_ALIASES = {
    "id": INDONESIAN, "in": INDONESIAN, "ind": INDONESIAN, "indonesian": INDONESIAN,
    "bahasa": INDONESIAN, "bahasa indonesia": INDONESIAN, "indonesia": INDONESIAN,
    "en": ENGLISH, "eng": ENGLISH, "english": ENGLISH, "inggris": ENGLISH,
    "bahasa inggris": ENGLISH,
}


def detect_language(text: str, sample: int = 20_000) -> str | None:
    """``"id"``, ``"en"``, or None when the text is too short or neither language leads."""
    # each language's function words counted in one pass over the runs, in C (no table of
    # every word is built)
    runs = _WORD.findall(text[:sample].lower())
    counts = {language: sum(map(words.__contains__, runs))
              for language, words in _STOPWORDS.items()}
    ranked = sorted(counts.items(), key=lambda item: item[1], reverse=True)
    (best, hits), (_, runner_up) = ranked[0], ranked[1]
    if hits < MIN_HITS or hits < MARGIN * runner_up:
        return None
    return best


def language_code(value: str | None) -> str | None:
    """A language name or code as a BCP 47 tag: ``Indonesian``/``in``/``id-ID`` -> ``id``."""
    if not value:
        return None
    key = " ".join(value.strip().lower().replace("_", "-").split())
    if key in _ALIASES:
        return _ALIASES[key]
    primary = key.split("-", 1)[0]
    if primary in _ALIASES:
        return _ALIASES[primary]
    return key if re.fullmatch(r"[a-z]{2,3}(?:-[a-z0-9]{2,8})*", key) else None
