"""Whether two indexes built from one corpus are the same: term by term, posting by posting.

    python bench/build_same.py INDEX_A INDEX_B

Both are index folders (``READER_INDEX`` and its generation). Compared segment by segment in
the order of their tables of contents: document counts, every field's terms with each term's
statistics and its posting list as written (the encoded bytes of the codec), every document's
stored fields and field lengths, the columns, and the files kept beside the commit (file
records, summaries, stems, word list) byte for byte, and every file of each segment (postings,
term index, columns, stored fields) byte for byte with the segment's random id left out.
Prints the differences found and exits 1 when there is any. Compare builds made in one process
(``READER_INDEX_PROCS=1``): a build in several hands each chunk of files to whichever process
is free, so its segments differ from run to run whatever the code.
"""

from __future__ import annotations

import hashlib
import sys
from pathlib import Path

from whoosh.filedb.filestore import FileStorage


def live(folder: Path) -> Path:
    gens = sorted((p for p in folder.iterdir() if p.is_dir() and p.name.startswith("gen-")),
                  key=lambda p: int(p.name.split("-")[1]))
    return gens[-1]


def digest_segment(reader) -> dict:
    out: dict = {"docs": reader.doc_count_all()}
    terms = hashlib.sha256()
    postings = hashlib.sha256()
    count = 0
    for fieldname, text in reader.all_terms():
        info = reader.term_info(fieldname, text)
        terms.update(repr((fieldname, text, info.weight(), info.doc_frequency(),
                           info.min_length(), info.max_length(), info.max_weight(),
                           info.min_id(), info.max_id())).encode())
        matcher = reader.postings(fieldname, text)
        column = getattr(matcher, "_list", None)
        if column is not None:  # the codec's list: its bytes as written
            postings.update(bytes(column.raw))
        else:  # inlined or another format: what it decodes to
            postings.update(repr([(i, matcher.value()) for i in matcher.all_ids()]).encode())
        count += 1
    out["terms"] = count
    out["term_digest"] = terms.hexdigest()
    out["posting_digest"] = postings.hexdigest()
    stored = hashlib.sha256()
    lengths = hashlib.sha256()
    names = [n for n in reader.schema.names() if reader.schema[n].scorable]
    for docnum in range(reader.doc_count_all()):
        stored.update(repr(sorted(reader.stored_fields(docnum).items())).encode())
        lengths.update(repr([reader.doc_field_length(docnum, n, 0) for n in names]).encode())
    out["stored"] = stored.hexdigest()
    out["lengths"] = lengths.hexdigest()
    for name in reader.schema.names():
        if reader.has_column(name):
            out[f"column {name}"] = hashlib.sha256(
                repr(list(reader.column_reader(name))).encode()).hexdigest()
    return out


def segment_files(folder: Path, segment) -> dict[str, bytes]:
    """The files of one segment by name with its id left out, from its compound file or loose,
    with the id replaced inside them too (a term index names its segment)."""
    sid = segment.segment_id()
    compound = folder / f"reader_{sid}.seg"
    if compound.exists():
        from whoosh.filedb.compound import CompoundStorage

        storage = CompoundStorage(FileStorage(str(folder)).open_file(compound.name),
                                  use_mmap=False)
        named = {name: storage.open_file(name).read() for name in storage.list()}
    else:
        named = {p.name: p.read_bytes() for p in folder.glob(f"reader_{sid}.*")}
    return {name.replace(sid, "*"): raw.replace(sid.encode(), b"*")
            for name, raw in named.items()}


def main(argv: list[str]) -> int:
    a, b = (live(Path(x)) for x in argv[:2])
    differ = 0
    sides = []
    files = []
    for folder in (a, b):
        ix = FileStorage(str(folder), supports_mmap=False).open_index(indexname="reader")
        files.append([segment_files(folder, seg) for seg in ix._segments()])
        with ix.reader() as reader:
            readers = reader.leaf_readers() if hasattr(reader, "leaf_readers") else [(reader, 0)]
            sides.append([digest_segment(r) for r, _base in readers])
    if len(sides[0]) != len(sides[1]):
        print(f"segments: {len(sides[0])} against {len(sides[1])}")
        differ += 1
    for i, (x, y) in enumerate(zip(*sides, strict=False)):
        for k in sorted(set(x) | set(y)):
            if x.get(k) != y.get(k):
                print(f"segment {i} {k}: {x.get(k)} against {y.get(k)}")
                differ += 1
        print(f"segment {i}: {x['docs']} documents, {x['terms']} terms")
    for i, (x, y) in enumerate(zip(*files, strict=False)):
        for name in sorted(set(x) | set(y)):
            if x.get(name) != y.get(name):
                print(f"segment {i} file {name} differs")
                differ += 1
    for name in sorted({p.name for p in a.iterdir()} | {p.name for p in b.iterdir()}):
        if name.endswith((".seg", ".toc", ".seal")) or name.startswith("reader_"):
            continue
        pa, pb = a / name, b / name
        if not (pa.exists() and pb.exists()) or pa.read_bytes() != pb.read_bytes():
            print(f"file {name} differs")
            differ += 1
    print("same" if not differ else f"{differ} differences")
    return 1 if differ else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
