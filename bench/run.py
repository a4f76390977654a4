"""Benchmark reader against its peers on one generated corpus and print one JSON document.

    python bench/run.py --paragraphs 100000 --json [--profile realistic|seeds] [--work DIR]
    python bench/run.py --paragraphs 100000 --backend postgresql [--cluster 3]  (bench/pg.py)

Everything compared is measured in the same run on the same files:

- index build: reader (``Library.update`` in a fresh process) against SQLite FTS5 (stdlib
  ``sqlite3``, ``tokenize='unicode61 remove_diacritics 2'``) fed the same paragraphs; seconds,
  paragraphs a second, peak RSS; then the time to re-index one changed article and to find an
  unchanged corpus up to date;
- warm queries, median and p95 ms per query class, reader (``Library.search``: top 20 with text,
  highlight offsets and a total) against FTS5 (``ORDER BY rank LIMIT 20`` with ``highlight()`` and
  a ``count(*)``), with the hit counts of both checked;
- a cold process: ``reader search`` against ``rg`` over the same files;
- the TUI (when ``reader.tui.app`` exists): time to first paint and keystroke-to-results-painted
  p50/p95 through Textual's Pilot, and its peak RSS.

Each figure has a ratio (reader / peer, lower is better for reader) and the targets the project
set. Benchmarks are never timed tests: ``tests/test_bench.py`` only checks this runs and the schema.
Corpora and indexes go to ``bench/work/`` (git-ignored) unless ``--work`` says otherwise.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import re
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(1, str(REPO))

from generate import generate, name_of, read_generated  # noqa: E402
from peers import (  # noqa: E402
    Tantivy,
    child_first,
    child_tantivy,
    cold_commands,
    first_query,
    have_tantivy,
    interleaved,
)

SCHEMA = "reader-bench/2"
CLASSES = ["rare", "common", "and", "phrase", "prefix3", "prefix2", "prefix1", "fuzzy", "field"]
UNCACHED = ["prefix3", "prefix2", "prefix1", "fuzzy"]  # also timed as a fresh process's first
TARGETS = {
    "query_p95_ratio_vs_fts5": 1.0,
    "tui_query_max_ms": 100,
    "keystroke_p95_ms": 50,
    "first_paint_ms": 400,
    "index_paragraphs_per_s": 3000,
    "update_one_article_s": 1.0,
    "index_peak_rss_mb_at_1m": 600,
    "cold_ratio_vs_rg": 1.0,
}
FTS5_TOKENIZE = "unicode61 remove_diacritics 2"


# -- small helpers ------------------------------------------------------------------------------

def pct(samples: list[float], q: float) -> float:
    """The q-th percentile (0..100) by linear interpolation."""
    if not samples:
        return float("nan")
    data = sorted(samples)
    k = (len(data) - 1) * q / 100
    lo = int(k)
    hi = min(lo + 1, len(data) - 1)
    return data[lo] + (data[hi] - data[lo]) * (k - lo)


def summary(samples_ms: list[float]) -> dict:
    return {"median_ms": round(statistics.median(samples_ms), 3),
            "p95_ms": round(pct(samples_ms, 95), 3), "runs": len(samples_ms)}


def ratio(a: float | None, b: float | None) -> float | None:
    if a is None or b is None or b == 0:
        return None
    return round(a / b, 3)


def timed_runs(fn, min_runs: int, max_runs: int, budget_s: float, warmup: int = 2) -> list[float]:
    for _ in range(warmup):
        fn()
    samples: list[float] = []
    deadline = time.perf_counter() + budget_s
    while len(samples) < max_runs and (len(samples) < min_runs or time.perf_counter() < deadline):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    return samples


def cpu_seconds() -> float:
    """CPU time of this process and its finished children (user + system): on a shared
    machine the wall clock also counts other people's work."""
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def peak_rss_mb() -> dict:
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    kids = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return {"self": round(own, 1), "children": round(kids, 1)}


def child(mode: str, *args: str, env: dict | None = None, timeout: float = 24 * 3600) -> dict:
    """Run ``run.py --child MODE ARGS`` in a fresh interpreter; its last stdout line is JSON."""
    cmd = [sys.executable, str(Path(__file__).resolve()), "--child", mode, *args]
    proc = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, cwd=REPO,
                          env=env)
    if proc.returncode != 0:
        raise RuntimeError(f"child {mode} failed ({proc.returncode}): {proc.stderr[-2000:]}")
    return json.loads(proc.stdout.strip().splitlines()[-1])


def machine() -> dict:
    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    mem_gb = None
    try:
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal"):
                mem_gb = round(int(line.split()[1]) / 1024 / 1024, 1)
    except OSError:
        pass
    versions = {"python": platform.python_version(), "sqlite": sqlite3.sqlite_version}
    try:
        from importlib.metadata import version

        versions["whoosh"] = version("whoosh3")
    except Exception:
        pass
    try:
        import textual

        versions["textual"] = textual.__version__
    except Exception:
        pass
    rg = shutil.which("rg")
    if rg:
        out = subprocess.run([rg, "--version"], capture_output=True, text=True).stdout
        versions["ripgrep"] = out.split()[1] if out else "?"
    return {"cpu": cpu, "cores": os.cpu_count(), "memory_gb": mem_gb,
            "load_average_at_start": os.getloadavg() if hasattr(os, "getloadavg") else None,
            "os": f"{platform.system()} {platform.release()}", "versions": versions}


# -- children: run in their own process so timings and peak RSS are their own ------------------

class RssSampler:
    """The peak of this process's RSS plus its children's, sampled from /proc (Linux): the
    index workers run at the same time, so their peaks add up, which ru_maxrss cannot tell."""

    def __init__(self, every: float = 0.25) -> None:
        import threading

        self.peak_kb = 0
        self.at_peak: dict = {}  # the main process's and each child's RSS at the peak (kB)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(every,), daemon=True)

    @staticmethod
    def _rss_kb(pid: str) -> int:
        try:
            for line in Path(f"/proc/{pid}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    return int(line.split()[1])
        except OSError:
            pass
        return 0

    def _pids(self) -> list[str]:
        pids = [str(os.getpid())]
        for task in Path(f"/proc/{os.getpid()}/task").glob("*/children"):
            try:
                pids += task.read_text().split()
            except OSError:
                pass
        return pids

    def _run(self, every: float) -> None:
        while not self._stop.wait(every):
            each = {pid: self._rss_kb(pid) for pid in self._pids()}
            total = sum(each.values())
            if total > self.peak_kb:
                self.peak_kb = total
                main = each.pop(str(os.getpid()), 0)
                self.at_peak = {"main": main, "children": sorted(each.values(), reverse=True)}

    def __enter__(self) -> RssSampler:
        if Path("/proc/self/status").exists():
            self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()


def child_index(corpus: str, index: str) -> dict:
    from reader.library import Library

    shutil.rmtree(index, ignore_errors=True)
    lib = Library(corpus, index)
    t0 = time.perf_counter()
    c0 = cpu_seconds()
    with RssSampler() as sampler:
        report = lib.update()
    build = time.perf_counter() - t0
    build_cpu = cpu_seconds() - c0
    paragraphs = lib.backend.counts()["paragraphs"]
    lib.close()
    # Up to date already: what every command pays before answering.
    lib = Library(corpus, index)
    t0 = time.perf_counter()
    lib.update()
    noop = time.perf_counter() - t0
    # One article changed: append a paragraph, update, then put the file back and update again.
    files = sorted(Path(corpus).rglob("*.txt"))
    victim = files[len(files) // 2]
    original = victim.read_bytes()
    victim.write_bytes(original + b"\nParagraf tambahan untuk uji pembaruan Zyxwqvort.\n")
    t0 = time.perf_counter()
    changed = lib.update()
    one = time.perf_counter() - t0
    ok = changed.changed == [victim.relative_to(corpus).as_posix()] and bool(
        lib.search("Zyxwqvort", time_budget=None).hits)
    victim.write_bytes(original)
    lib.update()
    lib.close()
    return {"seconds": build, "cpu_seconds": build_cpu, "paragraphs": paragraphs,
            "report_paragraphs": report.paragraphs,
            "update_noop_s": noop, "update_one_changed_s": one,
            "update_one_changed_ok": ok,
            "rss_mb": peak_rss_mb(), "rss_total_peak_mb": round(sampler.peak_kb / 1024, 1),
            "rss_at_peak_mb": {"main": round(sampler.at_peak.get("main", 0) / 1024, 1),
                               "children": [round(kb / 1024, 1)
                                            for kb in sampler.at_peak.get("children", [])]}}


def fts5_connect(path: str) -> sqlite3.Connection:
    con = sqlite3.connect(path)
    con.execute("PRAGMA journal_mode=OFF")
    con.execute("PRAGMA synchronous=OFF")
    return con


def child_fts5(corpus: str, db: str) -> dict:
    if os.path.exists(db):
        os.remove(db)
    t0 = time.perf_counter()
    c0 = cpu_seconds()
    con = fts5_connect(db)
    con.execute(f"CREATE VIRTUAL TABLE p USING fts5(doc UNINDEXED, para UNINDEXED, title, "
                f"source, text, tokenize='{FTS5_TOKENIZE}')")
    rows = 0

    def generated():
        nonlocal rows
        for path in sorted(Path(corpus).rglob("*.txt")):
            title, source, paras = read_generated(path)
            for number, text in enumerate(paras, start=1):
                rows += 1
                yield path.stem, number, title, source, text

    con.executemany("INSERT INTO p VALUES (?, ?, ?, ?, ?)", generated())
    con.commit()
    con.close()
    seconds = time.perf_counter() - t0
    return {"seconds": seconds, "cpu_seconds": cpu_seconds() - c0, "paragraphs": rows,
            "rss_mb": peak_rss_mb(),
            "bytes": os.path.getsize(db)}


GAP = 0.1  # seconds between a keystroke's painted answer and the next key


def child_tui(corpus: str, index: str, queries_json: str) -> dict:
    """First paint and keystroke-to-results-painted in the real app (``run_test``), in a
    fresh process.

    Timing hooks wrap the app's own methods (nothing in ``reader.tui`` is changed): the first
    frame is when the app's ``on_ready`` fires (Textual sends Ready after the first screen
    update); a search starts when the search pane's ``start_search`` runs, and is painted when
    the callbacks Textual runs after the next screen update fire, after ``search_done`` showed
    its results ("complete": the final answer, when a first one was cut short). Keys are
    posted to the app as its terminal driver does; the driver then waits on those marks (no
    polling), and every keystroke waits for its results and :data:`GAP` before the next, like
    a careful typist.
    """
    t_start = time.perf_counter()
    import asyncio

    from reader.library import Library
    from reader.tui.app import ReaderApp

    queries = json.loads(queries_json)
    marks: dict = {"started": {}, "painted": {}, "painted_cpu": {}, "results": {},
                   "complete": {}}

    class TimedApp(ReaderApp):
        def on_ready(self) -> None:  # Textual also runs ReaderApp.on_ready
            marks.setdefault("ready", time.perf_counter())

    library = Library(corpus, index)
    search_ms: dict[str, float] = {}
    plain_search = library.search

    def timed_search(query, *args, **kwargs):
        t = time.perf_counter()
        try:
            return plain_search(query, *args, **kwargs)
        finally:
            search_ms[query] = (time.perf_counter() - t) * 1000

    library.search = timed_search

    async def main() -> dict:
        app = TimedApp(library)
        out: dict = {}
        async with app.run_test(size=(160, 50)) as pilot:
            while "ready" not in marks:
                await pilot.pause(0.001)
            out["first_paint_ms"] = (marks["ready"] - t_start) * 1000
            t_index = time.perf_counter()
            while not app.index_ready:
                await pilot.pause(0.005)
            out["index_ready_ms"] = (time.perf_counter() - t_start) * 1000
            out["index_open_after_paint_ms"] = (time.perf_counter() - t_index) * 1000
            # the search lives in the main screen's search pane (or, before it had one, in
            # the screen itself)
            screen = getattr(app.main, "search_pane", app.main)
            original_start, original_done = screen.start_search, screen.search_done

            def start_search(now: bool = False) -> None:
                t = time.perf_counter()
                original_start(now)
                marks["started"][screen._serial] = t

            changed = asyncio.Event()  # a paint or a new search happened

            def mark(kind: str, serial: int, clock) -> None:
                marks[kind].setdefault(serial, clock())
                changed.set()

            def search_done(serial, result, final=True) -> None:
                if "final" in original_done.__code__.co_varnames:
                    original_done(serial, result, final)
                else:
                    original_done(serial, result)
                if serial == screen._serial:
                    marks["results"][serial] = result
                    app.call_after_refresh(mark, "painted", serial, time.perf_counter)
                    app.call_after_refresh(mark, "painted_cpu", serial, time.process_time)
                    if final:
                        app.call_after_refresh(mark, "complete", serial, time.perf_counter)

            async def until(condition, deadline: float) -> bool:
                while not condition():
                    changed.clear()
                    try:
                        await asyncio.wait_for(changed.wait(), deadline - time.perf_counter())
                    except (TimeoutError, ValueError):
                        return condition()
                return True

            def press(ch: str) -> None:
                """The key as a terminal's driver delivers it: posted to the app, no waiting
                (Pilot's press waits for the CPU to go idle and pings every widget, which
                competes with the work measured)."""
                from textual import events
                from textual.keys import _character_to_key

                app.post_message(events.Key(_character_to_key(ch), ch))

            screen.start_search, screen.search_done = start_search, search_done
            await pilot.press("slash")
            await pilot.pause()
            box = app.query_one("#search")
            key_ms: list[float] = []
            key_cpu_ms: list[float] = []
            complete_ms: list[float] = []
            work_ms: list[float] = []
            core_ms: list[float] = []
            rows = []
            for query in queries:
                box.value = ""
                await pilot.pause(0.2)
                # the keys go to the search box: on a loaded machine the app can still be
                # settling its first screen (its lists filling) when "/" is pressed
                while app.focused is not box:
                    box.focus()
                    await pilot.pause(0.01)
                for ch in query:
                    before = screen._serial
                    unchanged = box.value.strip()
                    t0, c0 = time.perf_counter(), time.process_time()
                    press(ch)
                    deadline = t0 + 30
                    if ch == " ":  # the query is the same: the app searches nothing new
                        await asyncio.sleep(0.2)
                        assert box.value.strip() == unchanged, box.value
                        continue
                    if not await until(lambda before=before: screen._serial > before
                                       and screen._serial in marks["painted"], deadline):
                        rows.append({"typed": box.value, "timeout": True})
                        continue
                    serial = screen._serial
                    painted = marks["painted"][serial]
                    key_ms.append((painted - t0) * 1000)
                    # CPU time of the whole process (app and search threads) meanwhile: what a
                    # busy machine disturbs least
                    key_cpu_ms.append((marks["painted_cpu"][serial] - c0) * 1000)
                    await until(lambda serial=serial: serial in marks["complete"]
                                or screen._serial != serial, deadline)
                    if serial in marks["complete"]:
                        complete_ms.append((marks["complete"][serial] - t0) * 1000)
                    work_ms.append((painted - marks["started"][serial]) * 1000)
                    result = marks["results"][serial]
                    in_core = search_ms.get(result.query)
                    if in_core is not None:
                        core_ms.append(in_core)
                    rows.append({"typed": box.value, "key_to_paint_ms": round(key_ms[-1], 1),
                                 "key_to_paint_cpu_ms": round(key_cpu_ms[-1], 1),
                                 "search_to_paint_ms": round(work_ms[-1], 1),
                                 "library_search_ms": round(in_core, 1) if in_core else None,
                                 "hits_shown": len(result.hits),
                                 "total": result.total, "partial": result.partial})
                    await asyncio.sleep(GAP)  # the typist reads, the app finishes its frame
            out["keystrokes"] = len(key_ms)
            out["keystroke_p50_ms"] = pct(key_ms, 50)
            out["keystroke_p95_ms"] = pct(key_ms, 95)
            out["keystroke_max_ms"] = max(key_ms) if key_ms else None
            out["keystroke_cpu_p50_ms"] = pct(key_cpu_ms, 50)
            out["keystroke_cpu_p95_ms"] = pct(key_cpu_ms, 95)
            # to the complete answer (a partial first answer is finished in the background)
            out["keystroke_complete_p50_ms"] = pct(complete_ms, 50)
            out["keystroke_complete_p95_ms"] = pct(complete_ms, 95)
            out["search_to_paint_p50_ms"] = pct(work_ms, 50)
            out["search_to_paint_p95_ms"] = pct(work_ms, 95)
            out["search_to_paint_max_ms"] = max(work_ms) if work_ms else None
            # the part of search_to_paint spent in Library.search (the rest is the app's work:
            # building and painting the result list, matches in the open article)
            out["library_search_p50_ms"] = pct(core_ms, 50)
            out["library_search_p95_ms"] = pct(core_ms, 95)
            out["library_search_max_ms"] = max(core_ms) if core_ms else None
            try:
                from reader.tui.screens.main import DEBOUNCE

                out["app_debounce_ms"] = DEBOUNCE * 1000
            except ImportError:  # searches start on the keystroke
                out["app_debounce_ms"] = 0.0
            out["typed"] = rows
        out["rss_mb"] = peak_rss_mb()
        return out

    return asyncio.run(main())


# -- queries ------------------------------------------------------------------------------------

def pick_queries(con: sqlite3.Connection, corpus: Path, paragraphs: int) -> dict[str, dict]:
    """The query of each class, chosen from the corpus itself so every N has a fair one.

    Returns ``{class: {"reader": query, "fts5": query, "comparable": bool, "why": str}}``;
    ``comparable`` says whether both engines should count the same hits (names are not stemmed,
    ordinary words are stemmed by the reader only).
    """
    from reader.language.analysis import STOP_WORDS

    con.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.v USING fts5vocab(main, p, 'row')")
    con.execute("CREATE VIRTUAL TABLE IF NOT EXISTS temp.vc USING fts5vocab(main, p, 'col')")
    top = [
        (term, df) for term, df in con.execute(
            "SELECT term, doc FROM temp.vc WHERE col = 'text' ORDER BY doc DESC LIMIT 200")
        if term.isalpha() and len(term) >= 4 and term not in STOP_WORDS
    ]
    common, common2 = top[0][0], top[1][0]

    def df(term: str, col: str = "text") -> int:
        row = con.execute("SELECT doc FROM temp.vc WHERE term = ? AND col = ?",
                          (term.lower(), col)).fetchone()
        return row[0] if row else 0

    # A rare name: about one paragraph in 5,000 (at least 3 hits).
    want = max(3, paragraphs // 5000)
    best = None
    for rank in range(20, 20000, 7):
        name = name_of(rank)
        n = df(name)
        if n and (best is None or abs(n - want) < abs(best[1] - want)):
            best = (name, n)
        if best and best[1] and abs(best[1] - want) <= max(1, want // 5):
            break
    rare = best[0]
    # A frequent two-word phrase of ordinary words, from the first paragraphs.
    bigrams: dict[tuple[str, str], int] = {}
    word = re.compile(r"\w+")
    for path in sorted(corpus.rglob("*.txt"))[:300]:
        for text in read_generated(path)[2]:
            words = [w.lower() for w in word.findall(text)]
            for a, b in zip(words, words[1:], strict=False):
                if (a.isalpha() and b.isalpha() and len(a) > 3 and len(b) > 3
                        and a not in STOP_WORDS and b not in STOP_WORDS):
                    bigrams[(a, b)] = bigrams.get((a, b), 0) + 1
    phrase = " ".join(max(bigrams, key=lambda k: (bigrams[k], k)))
    # A title name shared by many articles.
    title_name = max((name_of(r) for r in range(1, 12)), key=lambda n: (df(n, "title"), n))
    # A misspelled rare name: one inner letter dropped.
    fuzzy_src = name_of(next(r for r in range(5, 5000) if 3 <= df(name_of(r)) and
                             len(name_of(r)) >= 7))
    typo = fuzzy_src[:3] + fuzzy_src[4:]
    specs = {
        "rare": {"reader": rare, "fts5": rare.lower(), "comparable": True,
                 "why": f"a generated name in ~1/5000 paragraphs (df {df(rare)})"},
        "common": {"reader": common, "fts5": common, "comparable": False,
                   "why": f"the most frequent content word (df {top[0][1]}); the reader stems"},
        "and": {"reader": f"{common} {common2}", "fts5": f"{common} AND {common2}",
                "comparable": False, "why": "the two most frequent content words"},
        "phrase": {"reader": f'"{phrase}"', "fts5": f'"{phrase}"', "comparable": False,
                   "why": "the most frequent two-word phrase of content words"},
        "prefix3": {"reader": common[:3] + "*", "fts5": common[:3] + "*", "comparable": False,
                    "why": "3-letter prefix of the common word"},
        "prefix2": {"reader": common[:2] + "*", "fts5": common[:2] + "*", "comparable": False,
                    "why": "2-letter prefix (search-as-you-type worst case)"},
        "prefix1": {"reader": common[:1] + "*", "fts5": common[:1] + "*", "comparable": False,
                    "why": "1-letter prefix"},
        "fuzzy": {"reader": typo + "~", "fts5": None, "fuzzy_of": typo.lower(),
                  "comparable": True,
                  "why": f"'{fuzzy_src}' misspelled; FTS5 has no fuzzy operator, so its side "
                         "scans the vocabulary for terms within one edit (same first letter) "
                         "and ORs them"},
        "field": {"reader": f"title:{title_name}", "fts5": f"title : {title_name.lower()}",
                  "comparable": True, "why": "a name in many titles, title field only"},
    }
    # The reader searches paragraph text unless a field is named; so does its peer.
    for name, spec in specs.items():
        spec["class"] = name
        if spec["fts5"] and name != "field":
            spec["fts5"] = f"text : ({spec['fts5']})"
    return specs


def levenshtein1(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` are at most one edit apart."""
    if abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    if len(a) == len(b):
        return a[i + 1:] == b[i + 1:]
    return a[i:] == b[i + 1:]


class Fts5:
    """The peer: what a small FTS5 application does to show the top 20 and a total."""

    def __init__(self, db: str) -> None:
        self.con = fts5_connect(db)

    def expand_fuzzy(self, word: str) -> str:
        lo, hi = word[0], chr(ord(word[0]) + 1)
        terms = [t for (t,) in self.con.execute(
            "SELECT term FROM temp.v WHERE term >= ? AND term < ?", (lo, hi))
            if levenshtein1(word, t)]
        return "text : (" + (" OR ".join(f'"{t}"' for t in terms) or f'"{word}"') + ")"

    def search(self, spec: dict) -> int:
        query = spec["fts5"] or self.expand_fuzzy(spec["fuzzy_of"])
        rows = self.con.execute(
            "SELECT doc, para, title, text, highlight(p, 4, char(1), char(2)) FROM p "
            "WHERE p MATCH ? ORDER BY rank LIMIT 20", (query,)).fetchall()
        total = self.con.execute("SELECT count(*) FROM p WHERE p MATCH ?", (query,)).fetchone()[0]
        return total if rows is not None else 0

    def count(self, spec: dict) -> int:
        query = spec["fts5"] or self.expand_fuzzy(spec["fuzzy_of"])
        return self.con.execute("SELECT count(*) FROM p WHERE p MATCH ?", (query,)).fetchone()[0]


def reader_exact_count(lib, query: str) -> int:
    """Every matching paragraph, counted without scoring (not part of the timed search)."""
    if lib.backend.name != "whoosh":  # an engine whose totals are always exact
        return lib.search(query, limit=1, time_budget=None, suggest=False).total
    from whoosh.query import And, Term

    from reader.search.query import check_query
    from reader.search.whoosh.parse import bounded, make_parser, parse
    from reader.search.whoosh.search import count

    shared = lib.backend.store.open()
    searcher = shared.searcher()
    q, _cut = bounded(parse(make_parser(shared.schema), check_query(query)), searcher.reader())
    return count(searcher, And([q, Term("kind", "para")]))


def run_queries(lib, fts: Fts5, queries: dict[str, dict], budget_s: float,
                peer: Tantivy | None = None) -> dict:
    """Warm queries, engines taking turns (reader, FTS5, tantivy, reader, ...)."""
    out = {}
    for name in CLASSES:
        spec = queries[name]
        last = {}

        def reader_once(spec=spec, last=last):
            last["result"] = lib.search(spec["reader"], limit=20)

        fns = {"reader": reader_once, "fts5": lambda spec=spec: fts.search(spec)}
        if peer is not None:
            fns["tantivy"] = lambda spec=spec: peer.search(spec)
        samples = interleaved(fns, 5, 200, budget_s)
        result = last["result"]
        r_count = reader_exact_count(lib, spec["reader"])
        f_count = fts.count(spec)
        r_sum, f_sum = summary(samples["reader"]), summary(samples["fts5"])
        out[name] = {
            "query": spec["reader"],
            "fts5_query": spec["fts5"] if spec["fts5"] else f"fuzzy({spec['fuzzy_of']})",
            "why": spec["why"],
            "reader": {**r_sum, "hits_shown": len(result.hits), "total_reported": result.total,
                       "hits": r_count, "partial": result.partial, "error": result.error},
            "fts5": {**f_sum, "hits": f_count},
            "counts_comparable": spec["comparable"],
            "counts_equal": r_count == f_count,
            "ratio_median": ratio(r_sum["median_ms"], f_sum["median_ms"]),
            "ratio_p95": ratio(r_sum["p95_ms"], f_sum["p95_ms"]),
            # a short prefix the reader expands to its most frequent words only: not the
            # same work as FTS5's full expansion, so flagged
            "equal_expansion": not result.partial,
        }
        if peer is not None:
            t_sum = summary(samples["tantivy"])
            out[name]["tantivy"] = {**t_sum, "hits": peer.count(spec)}
            out[name]["ratio_p95_vs_tantivy"] = ratio(r_sum["p95_ms"], t_sum["p95_ms"])
    return out


def run_uncached(corpus: Path, index: Path, db: Path, tantivy_path: Path | None,
                 queries: dict[str, dict], runs: int) -> dict:
    """Each expanding class as the first query of a fresh process (after an unrelated query
    opened the index), engines taking turns."""
    engines = {"reader": f"{corpus}{os.pathsep}{index}", "fts5": str(db)}
    if tantivy_path is not None:
        engines["tantivy"] = str(tantivy_path)
    out = {}
    for name in UNCACHED:
        times = first_query(engines, queries[name], queries["field"], runs)
        row = {engine: {"median_ms": round(statistics.median(ms), 3),
                        "max_ms": round(max(ms), 3), "runs": len(ms)}
               for engine, ms in times.items()}
        row["ratio_median"] = ratio(row["reader"]["median_ms"], row["fts5"]["median_ms"])
        row["ratio_max"] = ratio(row["reader"]["max_ms"], row["fts5"]["max_ms"])
        out[name] = row
    return out


# -- cold process -------------------------------------------------------------------------------

def cold(corpus: Path, index: Path, term: str, runs: int, db: Path | None = None,
         tantivy_path: Path | None = None) -> dict:
    """A whole process answering one rare-name search: reader, rg, FTS5 and tantivy
    processes, taking turns."""
    commands = {"reader": [sys.executable, "-m", "reader", "search", term, "--corpus",
                           str(corpus), "--index", str(index), "--json", "--limit", "20"]}
    rg = shutil.which("rg")
    if rg:
        commands["rg"] = [rg, "-i", "-w", "-n", "--no-heading", term, str(corpus)]
    if db is not None:
        commands.update(cold_commands(str(db), str(tantivy_path) if tantivy_path else None,
                                      term))

    def once(cmd) -> float:
        t0 = time.perf_counter()
        proc = subprocess.run(cmd, cwd=REPO, capture_output=True)
        elapsed = (time.perf_counter() - t0) * 1000
        if proc.returncode not in (0, 1):
            raise RuntimeError(f"{cmd[0]} failed: {proc.stderr.decode()[-500:]}")
        return elapsed

    samples = interleaved({name: (lambda cmd=cmd: once(cmd)) for name, cmd in commands.items()},
                          runs, runs, 0.0, warmup=1)
    out = {"query": term, "reader_command":
           "python -m reader search QUERY --corpus C --index I --json"}
    out["rg"] = None
    for name, ms in samples.items():
        out[name] = summary(ms)
    out["rg_command"] = "rg -i -w -n --no-heading QUERY C" if rg else None
    out["ratio_median"] = ratio(out["reader"]["median_ms"], out["rg"]["median_ms"]) if rg else None
    if "fts5" in out:
        out["ratio_median_vs_fts5"] = ratio(out["reader"]["median_ms"], out["fts5"]["median_ms"])
    return out


# -- the run ------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Benchmark reader against SQLite FTS5 and ripgrep.")
    ap.add_argument("--paragraphs", type=int, default=10_000)
    ap.add_argument("--profile", choices=("realistic", "seeds"), default="realistic")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--work", type=Path, default=HERE / "work")
    ap.add_argument("--json", action="store_true", help="print the JSON document on stdout")
    ap.add_argument("--out", type=Path, help="also write the JSON document to this file")
    ap.add_argument("--reuse", action="store_true",
                    help="reuse the corpus and indexes of an earlier run with the same settings")
    ap.add_argument("--query-budget", type=float, default=None,
                    help="seconds to spend timing each query class per engine")
    ap.add_argument("--cold-runs", type=int, default=None)
    ap.add_argument("--no-tui", action="store_true")
    ap.add_argument("--backend", choices=("whoosh", "postgresql"), default="whoosh",
                    help="postgresql: the PostgreSQL backend against Whoosh (bench/pg.py)")
    ap.add_argument("--cluster", type=int, default=0,
                    help="with --backend postgresql: also through N local shard servers")
    ap.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.backend == "postgresql":
        import pg

        forward = ["--paragraphs", str(args.paragraphs), "--profile", args.profile,
                   "--seed", str(args.seed), "--work", str(args.work),
                   "--cluster", str(args.cluster)]
        forward += ["--out", str(args.out)] if args.out else []
        forward += ["--reuse"] if args.reuse else []
        forward += ["--query-budget", str(args.query_budget)] if args.query_budget else []
        return pg.main(forward)

    if args.child:
        mode, *rest = args.child
        fn = {"index": child_index, "fts5": child_fts5, "tui": child_tui,
              "tantivy": child_tantivy, "first": child_first}[mode]
        print(json.dumps(fn(*rest)))
        return 0

    small = args.paragraphs <= 5000
    budget = args.query_budget if args.query_budget is not None else (0.3 if small else 3.0)
    cold_runs = args.cold_runs or (3 if small else 7)

    def log(*parts) -> None:
        print(*parts, file=sys.stderr, flush=True)

    started = time.perf_counter()
    work = args.work.resolve()
    name = f"{args.profile}-{args.paragraphs}-s{args.seed}"
    corpus, index, db = work / f"corpus-{name}", work / f"index-{name}", work / f"fts5-{name}.db"
    tantivy_path = work / f"tantivy-{name}" if have_tantivy() else None
    work.mkdir(parents=True, exist_ok=True)
    meta_file = work / f"corpus-{name}.meta.json"

    doc: dict = {"schema": SCHEMA, "machine": machine(), "targets": TARGETS, "notes": []}
    if args.reuse and corpus.exists() and meta_file.exists():
        meta = json.loads(meta_file.read_text())
        gen_s = None
    else:
        log(f"generating {args.paragraphs} paragraphs ({args.profile}) in {corpus}")
        t0 = time.perf_counter()
        meta = generate(corpus, args.paragraphs, args.profile, args.seed)
        gen_s = time.perf_counter() - t0
    doc["corpus"] = {**meta, "generate_s": gen_s, "path": str(corpus)}

    # Index builds, each in a fresh process.
    have_index = args.reuse and index.exists() and db.exists()
    if have_index:
        doc["notes"].append("indexes reused from an earlier run: build figures omitted")
        r_ix = f_ix = None
    else:
        log("building the reader index")
        r_ix = child("index", str(corpus), str(index))
        log(f"  {r_ix['seconds']:.1f} s; building FTS5")
        f_ix = child("fts5", str(corpus), str(db))
    t_ix = None
    if tantivy_path is not None and not (args.reuse and tantivy_path.exists()):
        log("building tantivy")
        t_ix = child("tantivy", str(corpus), str(tantivy_path))
    if r_ix and f_ix:
        r_rate = r_ix["paragraphs"] / r_ix["seconds"]
        f_rate = f_ix["paragraphs"] / f_ix["seconds"]
        doc["index"] = {
            "reader": {"seconds": round(r_ix["seconds"], 3), "paragraphs": r_ix["paragraphs"],
                       "paragraphs_per_s": round(r_rate, 1),
                       "cpu_seconds": round(r_ix["cpu_seconds"], 1),
                       "paragraphs_per_cpu_s": round(r_ix["paragraphs"] / r_ix["cpu_seconds"], 1),
                       "peak_rss_mb": r_ix["rss_mb"]["self"],
                       "peak_rss_children_mb": r_ix["rss_mb"]["children"],
                       "peak_rss_total_mb": r_ix.get("rss_total_peak_mb"),
                       "bytes": sum(f.stat().st_size for f in index.rglob("*") if f.is_file())},
            "fts5": {"seconds": round(f_ix["seconds"], 3), "paragraphs": f_ix["paragraphs"],
                     "paragraphs_per_s": round(f_rate, 1),
                     "paragraphs_per_cpu_s": round(f_ix["paragraphs"] / f_ix["cpu_seconds"], 1),
                     "peak_rss_mb": f_ix["rss_mb"]["self"], "bytes": f_ix["bytes"]},
            "ratio_rate": ratio(r_rate, f_rate),
            "ratio_bytes": ratio(sum(f.stat().st_size for f in index.rglob("*") if f.is_file()),
                                 f_ix["bytes"]),
            "same_paragraphs": r_ix["paragraphs"] == f_ix["paragraphs"],
            "update": {"noop_s": round(r_ix["update_noop_s"], 3),
                       "one_changed_article_s": round(r_ix["update_one_changed_s"], 3),
                       "one_changed_article_found": r_ix["update_one_changed_ok"]},
        }
    else:
        doc["index"] = None
    if t_ix and doc["index"]:
        doc["index"]["tantivy"] = {"seconds": round(t_ix["seconds"], 3),
                                   "paragraphs_per_s": round(t_ix["paragraphs"] / t_ix["seconds"],
                                                             1),
                                   "bytes": t_ix["bytes"]}

    # Warm queries in this process.
    from reader.library import Library

    lib = Library(corpus, index)
    lib.warm_up()  # what the TUI does once its index is open (numpy, the parser's patterns)
    fts = Fts5(str(db))
    queries = pick_queries(fts.con, corpus, meta["paragraphs"])
    log("timing queries")
    peer = Tantivy(str(tantivy_path)) if tantivy_path is not None else None
    doc["queries"] = run_queries(lib, fts, queries, budget, peer)
    doc["queries_note"] = (
        "reader: Library.search(q, limit=20) after Library.warm_up() (as a TUI session): ranked "
        "top 20 with stored text, highlight offsets and a total; fts5: SELECT ... highlight() "
        "... ORDER BY rank LIMIT 20 plus count(*). "
        "'hits' are exact counts taken outside the timing; reader stems Indonesian, so only "
        "classes marked counts_comparable should count the same.")
    lib.close()

    log("first queries in fresh processes")
    doc["uncached"] = run_uncached(corpus, index, db, tantivy_path, queries, 3 if small else 5)
    log("cold processes")
    doc["cold"] = cold(corpus, index, queries["rare"]["reader"], cold_runs, db, tantivy_path)

    doc["tui"] = None
    if not args.no_tui:
        try:
            import importlib.util

            have_tui = importlib.util.find_spec("reader.tui.app") is not None
        except Exception:
            have_tui = False
        if have_tui:
            log("TUI")
            typed = [queries["rare"]["reader"], queries["common"]["reader"],
                     queries["and"]["reader"], queries["field"]["reader"]]
            try:
                doc["tui"] = child("tui", str(corpus), str(index), json.dumps(typed),
                                   timeout=1800)
            except Exception as exc:  # the TUI is still moving; the rest of the run stands
                doc["tui"] = {"error": str(exc)[-500:]}
        else:
            doc["notes"].append("reader.tui.app not found: TUI figures omitted")

    doc["summary"] = summarise(doc)
    doc["total_s"] = round(time.perf_counter() - started, 1)
    text = json.dumps(doc, indent=2, ensure_ascii=False)
    if args.out:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(text + "\n")
    if args.json:
        print(text)
    else:
        print(json.dumps(doc["summary"], indent=2))
    return 0


def summarise(doc: dict) -> dict:
    """The headline ratios and which targets this run meets."""
    q = doc["queries"]
    out: dict = {"query_p95_ratio": {k: v["ratio_p95"] for k, v in q.items()}}
    meets: dict = {}
    meets["query_p95_le_fts5"] = all(
        (v["ratio_p95"] or 0) <= TARGETS["query_p95_ratio_vs_fts5"] for v in q.values())
    if doc.get("index"):
        ix = doc["index"]
        out["index_paragraphs_per_s"] = ix["reader"]["paragraphs_per_s"]
        out["index_ratio_vs_fts5"] = ix["ratio_rate"]
        out["update_one_changed_article_s"] = ix["update"]["one_changed_article_s"]
        meets["index_rate"] = ix["reader"]["paragraphs_per_s"] >= TARGETS["index_paragraphs_per_s"]
        meets["update_one_article"] = (ix["update"]["one_changed_article_s"]
                                       <= TARGETS["update_one_article_s"])
        peak = ix["reader"].get("peak_rss_total_mb") or (
            ix["reader"]["peak_rss_mb"] + ix["reader"]["peak_rss_children_mb"])
        out["index_peak_rss_total_mb"] = peak
        if doc["corpus"]["paragraphs"] >= 1_000_000:
            meets["index_rss_at_1m"] = peak <= TARGETS["index_peak_rss_mb_at_1m"]
    cold = doc.get("cold") or {}
    if cold.get("ratio_median") is not None:
        out["cold_ratio_vs_rg"] = cold["ratio_median"]
        meets["cold_faster_than_rg"] = cold["ratio_median"] <= TARGETS["cold_ratio_vs_rg"]
    tui = doc.get("tui")
    if tui and "first_paint_ms" in tui:
        out["tui_first_paint_ms"] = round(tui["first_paint_ms"], 1)
        out["tui_keystroke_p95_ms"] = round(tui["keystroke_p95_ms"], 1)
        out["tui_search_to_paint_p95_ms"] = round(tui["search_to_paint_p95_ms"], 1)
        out["tui_search_to_paint_max_ms"] = round(tui["search_to_paint_max_ms"], 1)
        out["tui_peak_rss_mb"] = tui["rss_mb"]["self"]
        meets["first_paint"] = tui["first_paint_ms"] <= TARGETS["first_paint_ms"]
        meets["keystroke_p95"] = tui["keystroke_p95_ms"] <= TARGETS["keystroke_p95_ms"]
        meets["keystroke_p95_without_debounce"] = (tui["search_to_paint_p95_ms"]
                                                   <= TARGETS["keystroke_p95_ms"])
        meets["tui_nothing_over_100ms"] = (tui["search_to_paint_max_ms"]
                                           <= TARGETS["tui_query_max_ms"])
    out["meets"] = meets
    return out


if __name__ == "__main__":
    random.seed(0)
    raise SystemExit(main())
