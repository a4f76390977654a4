"""One changed article re-indexed by two checkouts in turn, each in a fresh process.

    python bench/update_ab.py OLD_CHECKOUT NEW_CHECKOUT CORPUS OLD_INDEX NEW_INDEX [--rounds 3]

OLD_INDEX and NEW_INDEX are two copies of one index of CORPUS (``cp -a``), one per checkout
(each writes the files beside its commits its own way). Each round changes one article twice:
rewritten in place (its folder's time does not move) and then ``Library.update()``, the full
check of ``reader index``; and saved by rename as editors do, then ``Library.update(quick=
True)``, what every reading command and the TUI start make. The two checkouts take turns
(A B, then B A). Prints JSON: per checkout and mode the wall and CPU seconds of the update, the
files it found changed and whether a search then finds the new word.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path


def child(checkout: str, corpus: str, index: str, mode: str, word: str) -> dict:
    sys.path.insert(0, checkout)
    import reader

    assert reader.__file__.startswith(checkout), reader.__file__
    from reader.library import Library

    library = Library(corpus, index)
    t0, c0 = time.perf_counter(), time.process_time()
    report = library.update(quick=mode == "quick")
    wall, cpu = time.perf_counter() - t0, time.process_time() - c0
    found = library.search(word, time_budget=None).total
    library.close()
    return {"mode": mode, "wall_s": round(wall, 3), "cpu_s": round(cpu, 3),
            "changed": report.changed, "by_folders": report.by_folders, "found": found}


def change(path: Path, word: str, in_place: bool) -> None:
    data = path.read_bytes() + f"\nParagraf tambahan uji {word}.\n".encode()
    if in_place:  # the same file written again: its folder's time stays
        folder = os.stat(path.parent)
        path.write_bytes(data)
        os.utime(path.parent, ns=(folder.st_atime_ns, folder.st_mtime_ns))
    else:  # a new file renamed over the old one, as editors save
        spare = path.with_name(path.name + ".saving")
        spare.write_bytes(data)
        os.replace(spare, path)


def main() -> int:
    if len(sys.argv) > 1 and sys.argv[1] == "--child":
        print(json.dumps(child(*sys.argv[2:7])))
        return 0
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("old")
    ap.add_argument("new")
    ap.add_argument("corpus")
    ap.add_argument("old_index")
    ap.add_argument("new_index")
    ap.add_argument("--rounds", type=int, default=3)
    args = ap.parse_args()
    sides = {"old": (args.old, args.old_index), "new": (args.new, args.new_index)}
    files = sorted(Path(args.corpus).rglob("*.txt"))
    runs: dict[str, list[dict]] = {f"{side}-{mode}": [] for side in sides
                                   for mode in ("full", "quick")}
    for round_ in range(args.rounds):
        for mode in ("full", "quick"):
            victim = files[(len(files) // 3 + 7 * round_ + (0 if mode == "full" else 3))
                           % len(files)]
            word = f"Zyxwq{mode}{round_}vort"
            change(victim, word, in_place=mode == "full")
            for side in (("old", "new") if round_ % 2 == 0 else ("new", "old")):
                checkout, index = sides[side]
                done = subprocess.run(
                    [sys.executable, __file__, "--child", os.path.abspath(checkout),
                     os.path.abspath(args.corpus), os.path.abspath(index), mode, word],
                    capture_output=True, text=True, cwd="/", check=True)
                runs[f"{side}-{mode}"].append(json.loads(done.stdout.splitlines()[-1]))
    print(json.dumps({key: {"wall_median_s": statistics.median(r["wall_s"] for r in rows),
                            "cpu_median_s": statistics.median(r["cpu_s"] for r in rows),
                            "wall_max_s": max(r["wall_s"] for r in rows), "runs": rows}
                      for key, rows in runs.items()}, indent=1))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
