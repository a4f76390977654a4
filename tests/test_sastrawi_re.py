"""Sastrawi through the regular-expression shim stems exactly as Sastrawi does on its own."""

from __future__ import annotations

import re
import sys

from reader.language import analysis, sastrawi_re
from tests.conftest import SEEDS

# affixed words of each rule family, reduplications, names and words that are not Indonesian
WORDS = """mengatakan penguatan Kazakhstan menyatakan dipertanggungjawabkan berbalas-balasan
negara-negara pembangunan keberhasilan memperkenalkan diperbaiki terselenggaranya
pengembangannya bersama-sama perekonomian mempengaruhi menangkap menyapu memukul mengecat
pemberdayaan kesejahteraan ketidakadilan berlari-lari sekolahnya bukumu rumahku apakah
pergilah kepunyaan sebaik-baiknya menteri lokhoyah monoyah tokayev kassym jomart rubio
perancis meng-upgrade memproklamasikan peranan pelajaran penyelidikan penerbangan""".split()


def _plain(words):
    """Stems of Sastrawi as it ships: its own visitors (ungated) and the ``re`` module itself
    in every Sastrawi module."""
    from Sastrawi.Stemmer.Stemmer import Stemmer

    stemmer = Stemmer(analysis._sastrawi().dictionary)
    modules = [m for n, m in sys.modules.items()
               if n.startswith("Sastrawi.") and getattr(m, "re", None) is sastrawi_re.SHIM]
    for module in modules:
        module.re = re
    try:
        return [stemmer.stem_word(w) for w in words]
    finally:
        for module in modules:
            module.re = sastrawi_re.SHIM


def _seed_words():
    words = set(WORDS)
    for path in sorted(SEEDS.glob("*.txt")):
        for token in analysis.tokens(path.read_text(encoding="utf-8"), stemming=False):
            if len(token.text) > 3 and analysis._NEEDS_STEM.match(token.text):
                words.add(token.text)
    return sorted(words)


def test_every_sastrawi_rule_module_uses_the_shim():
    analysis._sastrawi()
    users = [n for n, m in sys.modules.items()
             if n.startswith("Sastrawi.") and getattr(m, "re", None) is not None]
    assert len(users) > 40
    assert all(sys.modules[n].re is sastrawi_re.SHIM for n in users)


def _affixed(count: int) -> list[str]:
    """Words made by putting Indonesian affixes on dictionary words and on made-up names,
    first letters changed as the prefixes change them (so every prefix rule is met)."""
    import random

    rng = random.Random(5)
    roots = sorted(analysis._sastrawi().dictionary.words)
    roots = rng.sample(roots, 1500) + ["lokhoyah", "monoyah", "tokayev", "rubio", "kirim"]
    prefixes = ["", "", "me", "mem", "men", "meng", "menge", "meny", "pe", "pem", "pen",
                "peng", "penge", "peny", "per", "pel", "be", "ber", "bel", "te", "ter", "di",
                "ke", "se", "ku", "kau", "memper", "diper", "keber", "ber", "memp", "mempe"]
    suffixes = ["", "", "i", "kan", "an", "is", "isme", "isasi", "lah", "kah", "tah", "pun",
                "ku", "mu", "nya", "kannya", "annya", "ilah"]
    out = set()
    while len(out) < count:
        root = rng.choice(roots)
        if rng.random() < 0.3:  # an infix: g-er-igi, t-el-unjuk
            root = root[:1] + rng.choice(["el", "em", "er", "in"]) + root[1:]
        out.add(rng.choice(prefixes) + root + rng.choice(suffixes))
    return sorted(out)


def test_the_shim_and_gates_stem_like_sastrawi_alone():
    words = _seed_words() + _affixed(6000)
    assert len(words) > 6000
    stemmer = analysis._sastrawi()
    assert [stemmer.stem_word(w) for w in words] == _plain(words)


def test_prefix_visitors_are_gated():
    provider = analysis._sastrawi().visitor_provider
    gated = [v for v in provider.prefix_pisitors if v.visit.__name__ == "gated_visit"]
    assert len(gated) >= 35


def test_the_shim_removes_a_word_as_re_sub_does():
    shim = sastrawi_re.SHIM
    for pattern, word in [("laku", "melakukan"), ("", "kata"), ("an", "anan"),
                          ("a-b", "xa-by"), ("ku", "buku")]:
        assert shim.sub(pattern, "", word, 1) == re.sub(pattern, "", word, count=1)
    assert shim.sub(r"(is|isme|isasi|i|kan|an)$", "", "lakukan", 1) == "laku"
    assert shim.match(r"^be(.*)lah$", "bekerjalah").group(1) == "kerja"


def test_new_words_compile_no_new_patterns():
    stemmer = analysis._sastrawi()
    words = _seed_words()
    for word in words:
        stemmer.stem_word(word)
    patterns = [pattern for pattern, _flags in sastrawi_re.SHIM._compiled]
    assert len(patterns) < 100 < len(words)  # the rules' patterns, not one per word
    assert not [p for p in patterns if sastrawi_re._LITERAL.fullmatch(p)]


def test_words_no_sastrawi_rule_can_touch_are_stemmed_without_starting_it():
    """A word with no prefix, infix or suffix of Sastrawi's rules comes back unchanged from
    Sastrawi, so it is not started for one (a cold query with a misspelled name). Checked on
    the seeds' words, Sastrawi's own dictionary, affixed words and random letters."""
    import random

    rng = random.Random(8)
    letters = "abcdefghijklmnopqrstuvwxyz"
    made_up = {"".join(rng.choice(letters) for _ in range(rng.randint(4, 10)))
               for _ in range(20_000)}
    dictionary = sorted(analysis._sastrawi().dictionary.words)
    words = sorted(set(_seed_words() + _affixed(6000) + rng.sample(dictionary, 6000))
                   | made_up)
    untouched = [w for w in words if analysis._UNTOUCHED.match(w)]
    assert len(untouched) > len(words) // 3  # not a check that lets nothing through
    stemmer = analysis._sastrawi()
    assert [w for w in untouched if (stemmer.stem_word(w) or w) != w] == []
    for word in ("kaubara", "kerja", "bukumu", "gerigi", "berbalas-balasan", "monoyahlah"):
        assert not analysis._UNTOUCHED.match(word), word
    assert analysis._UNTOUCHED.match("monoyah") and analysis._UNTOUCHED.match("tokayev")


STARTS_NO_STEMMER = """
import sys
from reader.language import analysis
print(analysis.stem("monoyah"), analysis.stem("tokayev"), analysis._sastrawi.cache_info().currsize)
print(analysis.stem("menggabungkan"), analysis._sastrawi.cache_info().currsize)
"""


def test_a_fresh_process_starts_sastrawi_only_for_a_word_it_could_change():
    import subprocess

    out = subprocess.run([sys.executable, "-c", STARTS_NO_STEMMER], capture_output=True,
                         text=True, check=True).stdout.split("\n")
    assert out[:2] == ["monoyah tokayev 0", "gabung 1"]


def test_the_prefix_loop_asks_only_visitors_that_can_act(monkeypatch):
    """Sastrawi asks its ~40 prefix visitors in turn; the reader's loop visits only those
    whose rule can act on the word, with the same stems (checked against Sastrawi above)."""
    stemmer = analysis._sastrawi()
    loop = sastrawi_re._PREFIX_LOOPS[id(stemmer.visitor_provider.prefix_pisitors)]
    visited: list[int] = []
    monkeypatch.setattr(loop, "visits", [
        (lambda context, i=i, visit=visit: (visited.append(i), visit(context)))
        for i, visit in enumerate(loop.visits)])
    words = ["mempertanggungjawabkan", "pengembangannya", "terselenggaranya", "kesejahteraan"]
    assert [stemmer.stem_word(w) for w in words] == _plain(words)
    assert visited  # the loop ran
    runs = len(visited)
    asked = len(loop.visitors) * len(words)
    assert runs < asked / 4  # each word's loops visit a few visitors, not all of them
