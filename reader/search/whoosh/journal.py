"""Dicts kept beside each commit as a full copy or as the changes since the commit before.

The reader keeps three dicts with every commit: the file records, their sizes and times (the
freshness check) and the article summaries. At 1M paragraphs (86k files) each is megabytes, and
rewriting all three for one changed article cost more than the article itself (pickling the
records alone took 150-450 ms). So a commit that changes a few entries writes only those (a
*delta*: what changed and what went away, naming the commit it applies to), and a commit whose
chain of deltas has grown long, or whose deltas together hold more than an eighth of the
entries, writes a full copy again. Loading follows the chain back to its full copy and applies
the deltas in order.

Each file is two pickles: a small header (which commit, which commit it builds on, how deep the
chain is) and the body, so the next commit decides full or delta reading the header alone.
Everything here is a shortcut: a missing or damaged link makes :func:`load` return None and
the caller read what it needs from the index itself.
"""

from __future__ import annotations

import gc
import os
import pickle
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

PREFIX = "files-"
MAX_DEPTH = 48  # deltas after one full copy before the next full copy
MAX_SHARE = 8  # a full copy once the deltas hold more than 1/MAX_SHARE of the entries
_DAMAGE = (OSError, EOFError, pickle.UnpicklingError, ValueError, TypeError, KeyError,
           AttributeError, IndexError, ImportError, UnicodeDecodeError)


@dataclass(frozen=True)
class Header:
    generation: int
    base: int | None  # the commit whose dict this one changes (None: a full copy)
    depth: int  # deltas since the full copy
    changed: int  # entries the deltas since the full copy hold together
    size: int  # entries in the dict after this commit


def path(directory: Path, generation: int, suffix: str) -> Path:
    return Path(directory) / f"{PREFIX}{generation}.{suffix}"


def read_header(directory: Path, generation: int, suffix: str) -> Header | None:
    try:
        with open(path(directory, generation, suffix), "rb") as handle:
            header = pickle.load(handle)
    except _DAMAGE:
        return None
    if _legacy(header, generation):  # the next commit writes a full copy of its own
        return Header(generation, None, MAX_DEPTH, 0, len(header[1]))
    return header if isinstance(header, Header) and header.generation == generation else None


def _legacy(first, generation: int) -> bool:
    """A full copy as earlier versions wrote it: one ``(generation, dict)`` pickle."""
    return (isinstance(first, tuple) and len(first) == 2 and first[0] == generation
            and isinstance(first[1], dict))


@contextmanager
def collector_paused() -> Iterator[None]:
    """Build many small objects at once (86k records at 1M paragraphs) without the garbage
    collector walking them again and again as they are made (a third of the time)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def load(directory: Path, generation: int, suffix: str) -> dict | None:
    """The dict as of ``generation``, or None when it (or a link of its chain) is missing."""
    with collector_paused():
        return _load(directory, generation, suffix)


def _load(directory: Path, generation: int, suffix: str) -> dict | None:
    chain: list[tuple] = []
    current: int | None = generation
    try:
        while current is not None:
            with open(path(directory, current, suffix), "rb") as handle:
                header = pickle.load(handle)
                if _legacy(header, current):
                    chain.append(header[1])
                    break
                if not isinstance(header, Header) or header.generation != current:
                    return None
                body = pickle.load(handle)
            chain.append(body)
            current = header.base
            if len(chain) > MAX_DEPTH + 1:
                return None  # a loop or a chain this code never writes
    except _DAMAGE:
        return None
    value = chain.pop()
    if not isinstance(value, dict):
        return None
    for changed, removed in reversed(chain):
        for name in removed:
            value.pop(name, None)
        value.update(changed)
    return value


def save_full(directory: Path, generation: int, suffix: str, value: dict) -> None:
    _write(directory, suffix, Header(generation, None, 0, 0, len(value)), value)


def save_changes(directory: Path, generation: int, previous: int, suffix: str,
                 changed: dict, removed: Iterable, whole=None) -> bool:
    """Record ``changed`` and ``removed`` on top of the dict of commit ``previous``. Writes a
    full copy instead when the chain is long, heavy or broken, taking it from ``whole()`` (the
    dict after the changes), or from the chain itself. False when neither is possible (the
    previous commit's dict is unknown and ``whole`` is None): nothing was written."""
    removed = [name for name in removed if name not in changed]
    before = read_header(directory, previous, suffix)
    if before is not None and _whole_chain(directory, before, suffix):
        # the size is the full copy's, give or take what the deltas added: enough to decide
        header = Header(generation, previous, before.depth + 1,
                        before.changed + len(changed) + len(removed), before.size)
        if header.depth <= MAX_DEPTH and header.changed * MAX_SHARE <= max(header.size, 1):
            _write(directory, suffix, header, (changed, removed))
            return True
    value = whole() if whole is not None else None
    if value is None:
        value = load(directory, previous, suffix) if before is not None else None
        if value is None:
            return False
        for name in removed:
            value.pop(name, None)
        value.update(changed)
    save_full(directory, generation, suffix, value)
    return True


def _whole_chain(directory: Path, header: Header, suffix: str) -> bool:
    """True when every link from ``header`` back to its full copy is there (headers only)."""
    while header.base is not None:
        below = read_header(directory, header.base, suffix)
        if below is None:
            return False
        header = below
    return True


def keep_only_chain(directory: Path, generation: int, suffixes: Iterable[str]) -> None:
    """Delete the files of older commits that the chains of ``generation`` do not need."""
    needed: set[tuple[int, str]] = set()
    for suffix in suffixes:
        current: int | None = generation
        while current is not None:
            needed.add((current, suffix))
            header = read_header(directory, current, suffix)
            current = header.base if header is not None else None
    for old in Path(directory).glob(f"{PREFIX}*"):
        number, _, suffix = old.name[len(PREFIX):].partition(".")
        if number.isdigit() and int(number) < generation and (int(number), suffix) not in needed:
            old.unlink(missing_ok=True)


def _write(directory: Path, suffix: str, header: Header, body) -> None:
    target = path(directory, header.generation, suffix)
    tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
    try:
        with open(tmp, "wb") as handle:
            pickle.dump(header, handle, protocol=pickle.HIGHEST_PROTOCOL)
            pickle.dump(body, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
