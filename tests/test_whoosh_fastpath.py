"""The Whoosh fast path: the only reader of Whoosh's private structures, and only on the release
it was written for; any other release gets the same answers through the public API."""

from __future__ import annotations

import re
from pathlib import Path

from reader.library import Library
from reader.search.whoosh import fastpath

from .conftest import DOC_000, DOC_001, ROOT, SEEDS

PACKAGE = ROOT / "reader" / "search" / "whoosh"
PRIVATE = re.compile(r"\.(_terms|_postfile|_perdoc|_tindex|_keycoder|_field_B|_btexts|"
                     r"_get_pattern|_new_task|_commit|_fixedlen|_dbfile|_basepos|_count|"
                     r"_cached_reader|_lenfield|_segments|_read_toc)\b")


WHOOSH_CODEC = re.compile(r"(?<![\w.])(from|import) whoosh\.codec")


def test_only_the_fast_path_reads_whoosh_internals():
    offenders = []
    for path in sorted(PACKAGE.glob("*.py")):
        # the fast path, the codec and its batched term writer (guarded by release as the fast
        # path is)
        if path.name in ("fastpath.py", "codec.py", "stored.py", "termlists.py"):
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if PRIVATE.search(line) or WHOOSH_CODEC.search(line):
                offenders.append(f"{path.name}:{number}: {line.strip()}")
    assert offenders == []
    assert PRIVATE.search((PACKAGE / "fastpath.py").read_text(encoding="utf-8"))


def test_the_guard_names_the_release_it_was_written_for():
    import whoosh

    assert fastpath.KNOWN == (tuple(whoosh.__version__[:2]) == fastpath.WRITTEN_FOR)
    assert (fastpath.NOTE is None) == fastpath.KNOWN


QUERIES = ["Tokayev", "gabung", '"Truth Social"', "Kazakstan~", "title:Terpilih",
           "source:Pahami.id", "gabung NOT Trump", "Tokayev OR Rubio", "Kaz*", "quote:resmi",
           "speaker:Rubio", "(Tokayev OR Rubio) Trump", "Tokayef"]


def answers(library: Library) -> list:
    out = []
    for query in QUERIES:
        result = library.search(query, limit=50)
        out.append((query, result.total, result.suggestions,
                    [(h.doc, h.para, round(h.score, 6), h.highlights) for h in result.hits]))
    out.append(("related", [(r.doc, r.para, round(r.score, 6))
                            for r in library.related(DOC_000, 8)]))
    out.append(("compare", [(p.a, p.b) for p in library.compare(DOC_000, DOC_001).pairs]))
    return out


def test_an_unknown_release_gives_the_same_answers_and_says_so(tmp_path: Path, monkeypatch):
    library = Library(SEEDS, tmp_path / "ix", backend="whoosh")
    library.update()
    fast = answers(library)
    assert "notes" not in library.stats() or not fastpath.KNOWN
    library.close()
    monkeypatch.setattr(fastpath, "KNOWN", False)
    monkeypatch.setattr(fastpath, "NOTE", "whoosh3 9.9 is not the release the fast path was "
                                          "written for: searching through the public API")
    slow = Library(SEEDS, tmp_path / "ix", backend="whoosh")
    assert answers(slow) == fast
    notes = slow.stats()["notes"]
    assert len(notes) == 1 and "public API" in notes[0]
    slow.close()


def test_article_and_file_records_decoded_at_once_equal_whooshs_own_postings(seeds_copy,
                                                                              tmp_path):
    """The records that are not paragraphs (left out of a search on fields articles share),
    read from the posting lists at once, over an index of two segments."""
    library = Library(seeds_copy, tmp_path / "ix", backend="whoosh")
    library.update()
    (seeds_copy / "tambahan.txt").write_text("Judul tambahan\n\nParagraf baru tentang Tokayev.\n",
                                              encoding="utf-8")
    library.update()
    searcher = library.backend.store.open().searcher()
    leaves = searcher.leaf_searchers()
    assert len(leaves) == 2
    walked = sorted(d + offset for sub, offset in leaves for kind in (b"article", b"file")
                    if ("kind", kind) in sub.reader()
                    for d in sub.reader().postings("kind", kind).all_ids())
    decoded = fastpath.term_ids(searcher, "kind", [b"article", b"file"])
    assert decoded.tolist() == walked
    assert len(walked) == 6  # three files, one article each
    library.close()


def test_membership_in_a_sorted_set_agrees_with_numpy():
    """The fast path's filter for large sets of records (``np.isin`` sorts both sides when
    the numbers are spread out: 0.3 s a search at a million paragraphs)."""
    import random

    import numpy as np

    from reader.search.whoosh.scoring import _within

    rng = random.Random(5)
    for _ in range(300):
        span = rng.choice([10, 1000, 2_000_000])
        ids = np.array(sorted(rng.sample(range(span), rng.randint(0, min(span, 60)))), np.int64)
        members = np.array(sorted(rng.sample(range(span), rng.randint(0, min(span, 60)))),
                           np.int64)
        assert _within(ids, members).tolist() == np.isin(ids, members).tolist()

