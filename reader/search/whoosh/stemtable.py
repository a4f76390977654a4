"""The word -> stem table saved beside each index generation.

Sastrawi needs ~30 ms to start and tens of microseconds for each new word; every process
(each indexing worker, every cold ``reader search``) used to pay that again for words already
stemmed. The table holds every word stemmed while building the index, in each language (an
English word's key is ``en:WORD``; every word gets both stems, so a query, which stems its words
both ways, starts neither stemmer for a word of the corpus), in Whoosh's on-disk hash
format (``HashWriter``: a lookup reads two small records, nothing is loaded up front), so a
query stems its words with a lookup and never starts Sastrawi when the corpus had the word.
An update writes a new table: the previous one plus what the update learned.
"""

from __future__ import annotations

import os
import struct
import threading
from bisect import bisect_left
from pathlib import Path

from whoosh.filedb.filestore import FileStorage
from whoosh.filedb.filetables import FileFormatError, HashReader, HashWriter

from reader.language import analysis

STEMS_FILE = "stems.hsh"
WORDS_FILE = "words.tsv"  # the same pairs sorted by word, for "did you mean" (prefix scans)
# What a damaged table raises: it is then dropped (the stems are a cache of Sastrawi's).
DAMAGED = (OSError, FileFormatError, EOFError, struct.error, UnicodeDecodeError)
PART_PREFIX = ".stems-part-"


class StemTable:
    """A read-only word -> stem lookup over one table file (thread-safe)."""

    def __init__(self, directory: Path) -> None:
        self.path = Path(directory) / STEMS_FILE
        self._reader = HashReader.open(FileStorage(str(directory)), STEMS_FILE)
        self._lock = threading.Lock()

    def get(self, word: str) -> str | None:
        with self._lock:
            if self._reader.is_closed:
                return None
            try:
                value = self._reader.get(word.encode("utf-8"))
                return None if value is None else value.decode("utf-8")
            except DAMAGED:
                self._reader.close()
                return None

    def items(self) -> list[tuple[str, str]]:
        with self._lock:
            return [(k.decode("utf-8"), v.decode("utf-8")) for k, v in self._reader.items()]

    def close(self) -> None:
        with self._lock:
            if not self._reader.is_closed:
                self._reader.close()


def open_table(directory: Path) -> StemTable | None:
    """The table of an index generation, or None when it has none (or a damaged one: the
    stems are then computed again, which only costs time)."""
    if not (Path(directory) / STEMS_FILE).is_file():
        return None
    try:
        return StemTable(directory)
    except DAMAGED:
        return None


def preload(directory: Path | None) -> dict[str, str]:
    """Every stem of a generation's table as a dict (for indexing workers, which fork from
    the process that loaded it), registered for this process's stemming."""
    table = open_table(directory) if directory is not None else None
    known: dict[str, str] = {}
    if table is not None:
        try:
            known = dict(table.items())
        except DAMAGED:
            known = {}
        table.close()
    if known:
        analysis.use_stem_table(known)
    return known


SPILL_WORDS = 20_000  # learned stems a building process holds before it writes them out


def save_part(directory: Path, at_least: int = 0) -> int:
    """A worker's learned stems appended to its part in the build folder (for :func:`save` to
    merge) and forgotten, when it holds at least ``at_least``; returns how many were written.
    A worker of a big build learns a stem for most of the corpus's words (hundreds of
    thousands at a million paragraphs): written out as it goes, they do not add up in its
    memory."""
    learned = analysis.learned_stems()
    if not learned or len(learned) < at_least:
        return 0
    target = Path(directory) / f"{PART_PREFIX}{os.getpid()}"
    with open(target, "a", encoding="utf-8") as handle:
        handle.writelines(f"{word}\t{stem}\n" for word, stem in learned.items())
    count = len(learned)
    learned.clear()
    return count


def save(directory: Path, previous: dict[str, str] | None = None) -> int:
    """Write the generation's table: ``previous``, the workers' parts and this process's
    learned stems. Returns the number of words."""
    directory = Path(directory)
    merged = dict(previous or {})
    for part in directory.glob(f"{PART_PREFIX}*"):
        with open(part, encoding="utf-8") as handle:
            for line in handle:
                word, _, stem = line.rstrip("\n").partition("\t")
                if word:
                    merged[word] = stem
        part.unlink()
    merged.update(analysis.learned_stems())
    words = sorted((key.removeprefix("en:"), key) for key in merged)  # as the corpus had them
    analysis.complete_stems(merged)
    tmp_name = f".{STEMS_FILE}.{os.getpid()}.tmp"
    storage = FileStorage(str(directory))
    writer = HashWriter(storage.create_file(tmp_name))
    for word, stem in merged.items():
        writer.add(word.encode("utf-8"), stem.encode("utf-8"))
    writer.close()
    os.replace(directory / tmp_name, directory / STEMS_FILE)
    tmp = directory / f".{WORDS_FILE}.{os.getpid()}.tmp"
    with open(tmp, "w", encoding="utf-8") as handle:
        for word, key in words:
            handle.write(f"{word}\t{merged[key]}\n")
    os.replace(tmp, directory / WORDS_FILE)
    return len(merged)


class Words:
    """Every stemmed word of a generation, sorted, with its stem: the spelling dictionary of
    "did you mean" (a separate spelling field in the index cost a quarter of its size)."""

    def __init__(self, path: Path) -> None:
        with open(path, encoding="utf-8") as handle:
            pairs = [line.rstrip("\n").partition("\t") for line in handle]
        self.words = [word for word, _, _ in pairs]
        self.stems = [stem for _, _, stem in pairs]

    def starting(self, prefix: str):
        """``(word, stem)`` of every word starting with ``prefix``."""
        lo = bisect_left(self.words, prefix)
        hi = bisect_left(self.words, prefix + "\U0010ffff")
        return zip(self.words[lo:hi], self.stems[lo:hi], strict=True)


_WORDS: dict[Path, Words] = {}
_CURRENT: list[Path] = []


def set_current(directory: Path | None) -> None:
    """The generation whose words "did you mean" offers (the one the process opened last)."""
    _CURRENT[:] = [Path(directory)] if directory is not None else []


def current_words() -> Words | None:
    """The words of the current generation, loaded once (~150k words at 100k paragraphs)."""
    if not _CURRENT:
        return None
    path = _CURRENT[0] / WORDS_FILE
    if path not in _WORDS:
        try:
            _WORDS.clear()
            _WORDS[path] = Words(path)
        except (OSError, UnicodeDecodeError):
            return None
    return _WORDS[path]
