"""Peers and fair timing for bench/run.py: tantivy as a column, interleaved runs, fresh processes.

- :class:`Tantivy`: the limit of an inverted index on this machine (Rust, through the
  ``tantivy`` package of the test-only ``bench`` extra); absent, its column is left out.
- :func:`interleaved`: engines take turns (A B C A B C ...), so a noisy neighbour on a shared
  machine slows all of them alike instead of whichever ran at that moment.
- :func:`first_query`: a query's first run in a fresh process after one unrelated query has
  opened the index: what a user pays for an expansion (fuzzy, prefix) no cache has seen.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent


def have_tantivy() -> bool:
    try:
        import tantivy  # noqa: F401
    except ImportError:
        return False
    return True


def tantivy_schema():
    import tantivy

    sb = tantivy.SchemaBuilder()
    sb.add_text_field("doc", stored=True, tokenizer_name="raw")
    sb.add_integer_field("para", stored=True)
    sb.add_text_field("title", stored=True)
    sb.add_text_field("source", stored=True)
    sb.add_text_field("text", stored=True)
    return sb.build()


def child_tantivy(corpus: str, path: str) -> dict:
    """Build the tantivy index of the corpus (2 threads, as the reader gets 2 cores)."""
    import tantivy
    from generate import read_generated

    shutil.rmtree(path, ignore_errors=True)
    os.makedirs(path)
    t0 = time.perf_counter()
    index = tantivy.Index(tantivy_schema(), path=path)
    writer = index.writer(heap_size=200_000_000, num_threads=2)
    rows = 0
    for file in sorted(Path(corpus).rglob("*.txt")):
        title, source, paras = read_generated(file)
        for number, text in enumerate(paras, start=1):
            writer.add_document(tantivy.Document(doc=file.stem, para=number, title=title,
                                                 source=source or "", text=text))
            rows += 1
    writer.commit()
    writer.wait_merging_threads()
    seconds = time.perf_counter() - t0
    size = sum(f.stat().st_size for f in Path(path).rglob("*") if f.is_file())
    return {"seconds": seconds, "paragraphs": rows, "bytes": size}


class Tantivy:
    """What a small tantivy application does to show the top 20 with snippets and a total."""

    def __init__(self, path: str) -> None:
        import tantivy

        self.tantivy = tantivy
        self.index = tantivy.Index.open(path)
        self.schema = self.index.schema
        self.searcher = self.index.searcher()

    def query(self, spec: dict):
        t = self.tantivy
        kind, word = spec["class"], spec["reader"]
        if kind in ("prefix1", "prefix2", "prefix3"):
            return t.Query.regex_query(self.schema, "text", word.rstrip("*").lower() + ".*")
        if kind == "fuzzy":
            return t.Query.fuzzy_term_query(self.schema, "text", spec["fuzzy_of"], 1, True,
                                            False)
        if kind == "field":
            return self.index.parse_query(word.lower(), ["text"])
        if kind == "and":
            words = word.lower().split()
            return self.index.parse_query(" ".join(f"+text:{w}" for w in words), ["text"])
        return self.index.parse_query(word.lower(), ["text"])

    def search(self, spec: dict) -> int:
        q = self.query(spec)
        result = self.searcher.search(q, 20)
        snippets = self.tantivy.SnippetGenerator.create(self.searcher, q, self.schema, "text")
        for _score, address in result.hits:
            doc = self.searcher.doc(address)
            snippets.snippet_from_doc(doc).highlighted()
        return result.count

    def count(self, spec: dict) -> int:
        return self.searcher.search(self.query(spec), 1).count


def interleaved(fns: dict, min_runs: int, max_runs: int, budget_s: float, warmup: int = 2
                ) -> dict[str, list[float]]:
    """Milliseconds per call of each function, the functions taking turns."""
    for _ in range(warmup):
        for fn in fns.values():
            fn()
    samples: dict[str, list[float]] = {name: [] for name in fns}
    deadline = time.perf_counter() + budget_s * len(fns)
    runs = 0
    while runs < max_runs and (runs < min_runs or time.perf_counter() < deadline):
        for name, fn in fns.items():
            t0 = time.perf_counter()
            fn()
            samples[name].append((time.perf_counter() - t0) * 1000)
        runs += 1
    return samples


# -- a query's first run in a fresh process ------------------------------------------------------

def child_first(engine: str, location: str, spec_json: str, opener_json: str) -> dict:
    """Open ``engine``'s index, run the opener query, then time ``spec``'s query once."""
    spec, opener = json.loads(spec_json), json.loads(opener_json)
    if engine == "reader":
        from reader.library import Library

        corpus, index = location.split(os.pathsep)
        lib = Library(corpus, index)
        lib.search(opener["reader"])
        t0 = time.perf_counter()
        lib.search(spec["reader"])
    elif engine == "fts5":
        from run import Fts5

        fts = Fts5(location)
        fts.con.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.v USING fts5vocab(main, p, "
                        "'row')")
        fts.search(opener)
        t0 = time.perf_counter()
        fts.search(spec)
    else:
        peer = Tantivy(location)
        peer.search(opener)
        t0 = time.perf_counter()
        peer.search(spec)
    return {"ms": (time.perf_counter() - t0) * 1000}


def first_query(engines: dict[str, str], spec: dict, opener: dict, runs: int) -> dict:
    """Per engine: median and max of ``runs`` first queries, engines taking turns."""
    out: dict[str, list[float]] = {name: [] for name in engines}
    for _ in range(runs):
        for name, location in engines.items():
            cmd = [sys.executable, str(HERE / "run.py"), "--child", "first", name, location,
                   json.dumps(spec), json.dumps(opener)]
            proc = subprocess.run(cmd, capture_output=True, text=True, cwd=HERE.parent)
            if proc.returncode:
                raise RuntimeError(f"first query ({name}) failed: {proc.stderr[-1500:]}")
            out[name].append(json.loads(proc.stdout.strip().splitlines()[-1])["ms"])
    return out


# -- cold processes ------------------------------------------------------------------------------

COLD_FTS5 = """
import sqlite3, sys
con = sqlite3.connect(sys.argv[1])
q = "text : (" + sys.argv[2].lower() + ")"
rows = con.execute("SELECT doc, para, title, highlight(p, 4, char(1), char(2)) FROM p "
                   "WHERE p MATCH ? ORDER BY rank LIMIT 20", (q,)).fetchall()
n = con.execute("SELECT count(*) FROM p WHERE p MATCH ?", (q,)).fetchone()[0]
print(n)
"""

COLD_TANTIVY = """
import sys, tantivy
ix = tantivy.Index.open(sys.argv[1])
s = ix.searcher()
q = ix.parse_query(sys.argv[2].lower(), ["text"])
r = s.search(q, 20)
g = tantivy.SnippetGenerator.create(s, q, ix.schema, "text")
for _score, a in r.hits:
    g.snippet_from_doc(s.doc(a)).highlighted()
print(r.count)
"""


def cold_commands(db: str, tantivy_path: str | None, term: str) -> dict[str, list[str]]:
    out = {"fts5": [sys.executable, "-c", COLD_FTS5, db, term]}
    if tantivy_path:
        out["tantivy"] = [sys.executable, "-c", COLD_TANTIVY, tantivy_path, term]
    return out

