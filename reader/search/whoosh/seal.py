"""The seal of a commit: what its files were when written, checked when the index is opened.

For every file of the latest commit (its table of contents and segments) the seal keeps the
size, the modification time and a CRC-32. A file of another size, or of another time and CRC,
is found when the index is opened. Bytes that rot in place with the file's time kept cannot be
seen that way without reading every byte of the index on every open, so each part of a segment
guards itself where it is read: a posting list carries its own CRC-32 (:mod:`.postlist`), a
stored record its checksum (:mod:`.stored`). The term index has no room for one, and a damaged
entry reads as a word that is not there (no hits, with nothing said), so its CRC-32 is in the
seal and checked on every open, with those of the columns (field lengths, outlets): about a
fifth of the index (18 MB at 100,000 paragraphs, a few milliseconds; 171 MB at a million).
"""

from __future__ import annotations

import os
import pickle
import zlib
from pathlib import Path

from whoosh.filedb.compound import CompoundStorage
from whoosh.filedb.filestore import FileStorage

from reader.search.whoosh.journal import PREFIX as MANIFEST_PREFIX
from reader.search.whoosh.schema import INDEX_NAME

# the parts of a segment whose CRC is checked on every open: the term index and the columns
# (field lengths, outlets: a damaged one would move the ranking or the facets' counts), not
# the stored records (each checks itself) nor the posting lists (each carries its own CRC)
CHECKED_ON_OPEN = (".trm", ".col")
CHECKED_APART = ("_stored_z.col",)


def write_seal(directory: Path, ix, generation: int, previous: dict | None) -> None:
    """Write the seal of commit ``generation`` (``previous``: the newest seal there is, whose
    entries for unchanged files are kept rather than read again)."""
    previous = previous or {}
    seal = {}
    for name in _commit_files(directory, ix):
        path = directory / name
        stat = os.stat(path)
        known = previous.get(name)
        if known is not None and len(known) == 4 and known[:2] == (stat.st_size,
                                                                   stat.st_mtime_ns):
            seal[name] = known  # a segment an earlier commit sealed: unchanged
        else:
            seal[name] = (stat.st_size, stat.st_mtime_ns, _crc(path), _parts(path))
    target = directory / f"{MANIFEST_PREFIX}{generation}.seal"
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    with open(tmp, "wb") as handle:
        pickle.dump((generation, seal), handle, protocol=pickle.HIGHEST_PROTOCOL)
    os.replace(tmp, target)


def check_seal(directory: Path, seal: dict | None) -> str | None:
    """What is wrong with the files of the latest commit, or None. A commit without a seal
    (written by a process killed just after committing) is not checked."""
    if seal is None:
        return None
    for name, entry in seal.items():
        size, mtime_ns, crc = entry[:3]
        try:
            stat = os.stat(directory / name)
        except FileNotFoundError:
            return f"{name} is missing"
        if stat.st_size != size:
            return f"{name} has {stat.st_size} bytes, not {size}"
        if stat.st_mtime_ns != mtime_ns and _crc(directory / name) != crc:
            return f"{name} was changed after it was written"
        for offset, length, part_crc in entry[3] if len(entry) > 3 else ():
            if _crc(directory / name, offset, length) != part_crc:
                return f"the term index or a column in {name} was changed after it was written"
    return None


def _parts(path: Path) -> tuple[tuple[int, int, int], ...]:
    """``(offset, length, CRC-32)`` of the parts of a compound segment checked on open."""
    if not path.name.endswith(".seg"):
        return ()
    storage = FileStorage(str(path.parent), supports_mmap=False)
    compound = CompoundStorage(storage.open_file(path.name), use_mmap=False)
    try:
        names = [name for name in sorted(compound.list())
                 if name.endswith(CHECKED_ON_OPEN) and not name.endswith(CHECKED_APART)]
        ranges = [compound.range(name) for name in names]
    finally:
        compound.close()
    return tuple((offset, length, _crc(path, offset, length)) for offset, length in ranges)


def _commit_files(directory: Path, ix) -> list[str]:
    """The table of contents and segment files of the latest commit."""
    names = os.listdir(directory)
    toc = f"_{INDEX_NAME}_{ix.latest_generation()}.toc"
    prefixes = []
    with ix.reader() as reader:
        for leaf, _offset in reader.leaf_readers():
            segment = leaf.segment()
            if segment is not None:
                prefixes.append(segment.segment_id() + ".")
    return sorted(n for n in names if n == toc or n.startswith(tuple(prefixes)))


def _crc(path: Path, offset: int = 0, length: int | None = None) -> int:
    """The CRC-32 of ``length`` bytes of the file from ``offset`` (to its end when None),
    read a megabyte at a time into one buffer (a memory map would count the whole file in
    the process's memory while it is read)."""
    crc = 0
    buffer = bytearray(1 << 20)
    view = memoryview(buffer)
    with open(path, "rb", buffering=0) as handle:
        handle.seek(offset)
        left = length
        while left is None or left > 0:
            got = handle.readinto(view if left is None or left >= len(buffer) else view[:left])
            if not got:
                break
            crc = zlib.crc32(view[:got], crc)
            if left is not None:
                left -= got
    return crc
