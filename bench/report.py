"""Print markdown tables of benchmark results (the JSON documents of ``bench/run.py``).

    python bench/report.py bench/results/realistic-100k.json [more.json ...]
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

CLASSES = ["rare", "common", "and", "phrase", "prefix3", "prefix2", "prefix1", "fuzzy", "field"]


def fmt(value, digits: int = 1) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.{digits}f}"
    return f"{value:,}"


def queries_table(doc: dict) -> str:
    peer = any("tantivy" in q for q in doc["queries"].values())
    head = ("| class | query | reader median / p95 ms | FTS5 median / p95 ms | p95 ratio | "
            + ("tantivy median / p95 ms | " if peer else "") + "hits reader / FTS5 |")
    rows = [head, "|---|---|---|---|---|" + ("---|" if peer else "") + "---|"]
    for name in CLASSES:
        q = doc["queries"].get(name)
        if not q:
            continue
        r, f = q["reader"], q["fts5"]
        hits = f"{r['hits']:,} / {f['hits']:,}" + ("" if q["counts_equal"] else
                                                   (" (stemming)" if not q["counts_comparable"]
                                                    else " (differ)"))
        if r.get("partial"):
            hits += ", reader capped (not equal expansion)"
        t = q.get("tantivy")
        tantivy = f" {fmt(t['median_ms'], 2)} / {fmt(t['p95_ms'], 2)} |" if t else (
            " – |" if peer else "")
        rows.append(f"| {name} | `{q['query']}` | {fmt(r['median_ms'], 2)} / "
                    f"{fmt(r['p95_ms'], 2)} | {fmt(f['median_ms'], 2)} / {fmt(f['p95_ms'], 2)} | "
                    f"{fmt(q['ratio_p95'], 2)} |{tantivy} {hits} |")
    return "\n".join(rows)


def uncached_table(doc: dict) -> str:
    """First queries in fresh processes (expansions no cache has seen)."""
    rows = ["| class | reader median / max ms | FTS5 median / max ms | tantivy median / max ms | "
            "median ratio |", "|---|---|---|---|---|"]
    for name, row in (doc.get("uncached") or {}).items():
        cells = []
        for engine in ("reader", "fts5", "tantivy"):
            e = row.get(engine)
            cells.append(f"{fmt(e['median_ms'], 1)} / {fmt(e['max_ms'], 1)}" if e else "–")
        rows.append(f"| {name} | {' | '.join(cells)} | {fmt(row['ratio_median'], 2)} |")
    return "\n".join(rows)


def cold_table(doc: dict) -> str:
    cold = doc["cold"]
    rows = ["| process | median / p95 ms |", "|---|---|"]
    for engine, label in (("reader", "reader search"), ("rg", "rg"), ("fts5", "FTS5 (Python)"),
                          ("tantivy", "tantivy (Python)")):
        if cold.get(engine):
            rows.append(f"| {label} | {fmt(cold[engine]['median_ms'], 0)} / "
                        f"{fmt(cold[engine]['p95_ms'], 0)} |")
    return "\n".join(rows)


def summary_table(docs: list[dict]) -> str:
    rows = ["| corpus | paragraphs | index reader / FTS5 (par/s) | index peak RSS MB | "
            "1 changed article s | cold reader / rg ms | TUI first paint ms | "
            "keystroke→paint p50/p95 ms | search→paint p95 ms |",
            "|---|---|---|---|---|---|---|---|---|"]
    for doc in docs:
        c, ix, cold, tui = doc["corpus"], doc.get("index"), doc["cold"], doc.get("tui") or {}
        index = (f"{fmt(ix['reader']['paragraphs_per_s'], 0)} / "
                 f"{fmt(ix['fts5']['paragraphs_per_s'], 0)}") if ix else "–"
        rss = "–"
        if ix:
            rss = fmt(ix["reader"].get("peak_rss_total_mb") or
                      ix["reader"]["peak_rss_mb"] + ix["reader"]["peak_rss_children_mb"], 0)
        update = fmt(ix["update"]["one_changed_article_s"], 2) if ix else "–"
        rg = cold.get("rg") or {}
        cold_s = f"{fmt(cold['reader']['median_ms'], 0)} / {fmt(rg.get('median_ms'), 0)}"
        keys = (f"{fmt(tui.get('keystroke_p50_ms'), 0)} / {fmt(tui.get('keystroke_p95_ms'), 0)}"
                if tui.get("keystroke_p50_ms") is not None else "–")
        rows.append(f"| {c['profile']} | {c['paragraphs']:,} | {index} | {rss} | {update} | "
                    f"{cold_s} | {fmt(tui.get('first_paint_ms'), 0)} | {keys} | "
                    f"{fmt(tui.get('search_to_paint_p95_ms'), 0)} |")
    return "\n".join(rows)


def main(argv: list[str]) -> int:
    docs = [json.loads(Path(p).read_text()) for p in argv]
    print(summary_table(docs))
    for path, doc in zip(argv, docs, strict=True):
        print(f"\n{Path(path).name} ({doc['corpus']['profile']}, "
              f"{doc['corpus']['paragraphs']:,} paragraphs)\n")
        print(queries_table(doc))
        if doc.get("uncached"):
            print("\nfirst query in a fresh process\n")
            print(uncached_table(doc))
        print("\ncold process, one rare name\n")
        print(cold_table(doc))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
