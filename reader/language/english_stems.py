"""English stems: Snowball English (PyStemmer) plus the irregular forms Snowball cannot see.

Snowball strips suffixes, so ``says``, ``saying`` -> ``say`` but ``said`` stays ``said`` and
``told`` stays ``told``: a reader searching ``says`` would miss every ``said``. Irregular verbs
and nouns are therefore mapped to their base form first (``said`` -> ``say``, ``told`` ->
``tell``, ``children`` -> ``child``), then stemmed like any word. The table leaves out forms that
are also common words of their own (``left``, ``won``, ``lay``, ``rose``, ``bore``, ``felt``,
``found``, ``saw``, ``fell``, ``bit``, ``fed`` (the Fed), ``lives``, ``leaves``, ``led``,
``wound``): their other meaning is as likely in news, and merging it would be wrong.

PyStemmer (C, ~1.6 us a new word) was measured against the pure-Python ``snowballstemmer``
(~87 us a word, same stems) on the reader's corpora; it is imported on the first English word.
"""

from __future__ import annotations

from functools import lru_cache

# Function words of English text that carry no topic. Kept short, like the Indonesian list: "not",
# "no", "who" (WHO), "us" (US), "will", "may" (names, months) stay searchable.
STOP_WORDS = frozenset(
    """
    a an the and or but of to in on at by for from with as into about than then
    is are was were be been being am has have had do does did
    it its this that these those there their they them he she his her him we our you your i
    me my which what whose whom if so also such over after before
    """.split()
)

# Irregular form -> base form (stemmed afterwards). Past tenses, participles and plurals of common
# verbs and nouns; see the module docstring for what is left out and why.
IRREGULAR = {
    "said": "say", "told": "tell", "went": "go", "gone": "go", "goes": "go", "was": "be",
    "were": "be", "been": "be", "is": "be", "are": "be", "am": "be", "had": "have", "has": "have",
    "did": "do", "done": "do", "does": "do", "made": "make", "took": "take", "taken": "take",
    "came": "come", "gave": "give", "given": "give", "got": "get", "gotten": "get",
    "knew": "know", "known": "know", "thought": "think", "brought": "bring",
    "bought": "buy", "caught": "catch", "taught": "teach", "sought": "seek",
    "fought": "fight", "kept": "keep", "slept": "sleep", "wept": "weep", "swept": "sweep",
    "met": "meet", "sent": "send", "spent": "spend", "built": "build", "lent": "lend",
    "meant": "mean", "heard": "hear", "held": "hold", "sold": "sell", "paid": "pay",
    "stood": "stand", "understood": "understand", "began": "begin", "begun": "begin",
    "ran": "run", "sat": "sit", "spoke": "speak", "spoken": "speak", "wrote": "write",
    "written": "write", "drove": "drive", "driven": "drive", "rode": "ride",
    "ridden": "ride", "broke": "break", "broken": "break", "chose": "choose",
    "chosen": "choose", "froze": "freeze", "frozen": "freeze", "stole": "steal",
    "stolen": "steal", "woke": "wake", "woken": "wake", "forgot": "forget",
    "forgotten": "forget", "forgave": "forgive", "forgiven": "forgive", "grew": "grow",
    "grown": "grow", "threw": "throw", "thrown": "throw", "flew": "fly", "flown": "fly",
    "drew": "draw", "drawn": "draw", "showed": "show", "shown": "show", "knelt": "kneel",
    "ate": "eat", "eaten": "eat", "fallen": "fall", "hid": "hide", "hidden": "hide",
    "bitten": "bite", "shook": "shake", "shaken": "shake", "swore": "swear",
    "sworn": "swear", "tore": "tear", "torn": "tear", "wore": "wear", "worn": "wear",
    "struck": "strike", "stuck": "stick", "hung": "hang", "swung": "swing", "sang": "sing",
    "sung": "sing", "sank": "sink", "sunk": "sink", "drank": "drink", "drunk": "drink",
    "rang": "ring", "rung": "ring", "swam": "swim", "swum": "swim", "fled": "flee",
    "bled": "bleed", "bred": "breed", "sped": "speed", "dealt": "deal",
    "dreamt": "dream", "leapt": "leap", "lost": "lose", "shot": "shoot", "slid": "slide",
    "strove": "strive", "striven": "strive", "arose": "arise", "arisen": "arise",
    "awoke": "awake", "became": "become", "overcame": "overcome", "withdrew": "withdraw",
    "withdrawn": "withdraw", "undertook": "undertake", "undertaken": "undertake",
    "mistook": "mistake", "mistaken": "mistake", "forbade": "forbid",
    "forbidden": "forbid", "foresaw": "foresee", "foreseen": "foresee", "seen": "see",
    "men": "man", "women": "woman", "children": "child", "people": "person",
    "feet": "foot", "teeth": "tooth", "mice": "mouse", "geese": "goose",
    "wives": "wife", "knives": "knife", "halves": "half",
    "thieves": "thief", "wolves": "wolf", "shelves": "shelf", "crises": "crisis",
    "analyses": "analysis", "theses": "thesis", "phenomena": "phenomenon",
    "criteria": "criterion",
}


@lru_cache(maxsize=1)
def _snowball():
    import Stemmer  # PyStemmer

    return Stemmer.Stemmer("english")


def snowball(word: str) -> str:
    """Snowball English alone (no irregular forms)."""
    return _snowball().stemWord(word)


def english_stem(word: str) -> str:
    """The English stem of one folded word: irregular forms first, then Snowball."""
    base = IRREGULAR.get(word)
    if base is not None:
        word = base
    return _snowball().stemWord(word)
