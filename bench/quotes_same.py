"""Every quote two checkouts find in a corpus, compared: the same quotes, speakers and kinds?

    python bench/quotes_same.py OLD_CHECKOUT NEW_CHECKOUT CORPUS [CORPUS ...]

Each checkout reads every file of each corpus in a process of its own (``reader.prepare``:
reading, then quote finding) and writes each paragraph's quotes as a line of JSON; the lines
are compared. Prints the count of quotes, the first differences, and exits 1 on any.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

DUMP = """
import json, sys
sys.path.insert(0, sys.argv[1])
from dataclasses import asdict
from pathlib import Path
from reader.ingest import discover, doc_ids
from reader.prepare import Source, prepare
for corpus in sys.argv[2:]:
    files = discover(Path(corpus), [])
    ids = doc_ids(files)
    for f in files:
        indexed, _ = prepare(Source(f, ids[f.relative]))
        for article in indexed.articles:
            for p in article.paragraphs:
                print(json.dumps([f.relative, article.doc, p.number,
                                  [asdict(q) for q in p.quotes]], ensure_ascii=False))
"""


def dump(code: str, corpora: list[str]) -> list[str]:
    done = subprocess.run([sys.executable, "-c", DUMP, code, *corpora], capture_output=True,
                          text=True, cwd="/")
    if done.returncode:
        raise SystemExit(done.stderr[-2000:])
    return done.stdout.splitlines()


def main(argv: list[str]) -> int:
    old, new, *corpora = (str(Path(x).resolve()) for x in argv)
    a, b = dump(old, corpora), dump(new, corpora)
    quotes = sum(line.count('"start"') for line in b)
    differ = [(x, y) for x, y in zip(a, b, strict=False) if x != y]
    if len(a) != len(b):
        print(f"paragraphs: {len(a)} against {len(b)}")
    for x, y in differ[:5]:
        print(f"- {x[:300]}\n+ {y[:300]}")
    print(f"{len(b)} paragraphs, {quotes} quotes, {len(differ)} paragraphs differ")
    return 1 if differ or len(a) != len(b) else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
