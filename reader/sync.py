"""Keeping a search backend in step with the corpus: what changed, read and analysed, applied.

Every command first compares the corpus with what the index remembers: one walk of the corpus
(:func:`reader.ingest.scan`, sizes and times only) against the stamps the backend saved with
its last commit. Only when they differ does an update start: under the backend's writer lock,
files that are new or whose size or time changed are hashed; those whose content changed are
read and get their quotations (:mod:`reader.prepare`, in several processes for a big batch), and the
whole batch goes to :meth:`SearchBackend.apply` as one atomic commit. Nothing here knows which
engine is behind the interface.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from reader import freshness
from reader.errors import IndexNotWritable, IndexProblem
from reader.ingest import CorpusFile, doc_ids, doc_ids_of, path_id, scan, scan_folders
from reader.search.backend import Changes, FileState, IndexedFile, ProgressFn, SearchBackend


@dataclass
class UpdateReport:
    """What an update did, for the progress line and the tests."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    paragraphs: int = 0
    warnings: list[str] = field(default_factory=list)
    rebuilt: str | None = None  # why the whole index was rebuilt, if it was
    stale: str | None = None  # the update failed and the index as it was answers: why
    seconds: float = 0.0
    by_folders: bool = False  # a quick update that compared folder times alone, no files

    @property
    def touched(self) -> bool:
        return bool(self.added or self.changed or self.removed or self.rebuilt)


def update(backend: SearchBackend, corpus: Path, progress: ProgressFn | None = None,
           rebuild: bool = False, wait: Callable[[], None] | None = None,
           quick: bool = False) -> UpdateReport:
    """Make the index match the corpus: read added and changed files, drop removed ones.

    ``quick`` (for commands that only read) first compares the corpus folders' times with
    those kept at the last update and stops there when none moved, or lists only the folders
    that moved (see :mod:`reader.freshness` for the one change that misses:
    ``report.by_folders`` says it was so); otherwise, and always for ``reader index``, every
    file is checked.
    """
    started = time.perf_counter()
    report = UpdateReport()
    kept = _kept_folders(backend) if quick and not rebuild else None
    moved = freshness.moved(corpus, kept) if kept else None
    if moved == []:  # the backend keeps folder times only beside stamps it can read
        report.seconds = time.perf_counter() - started
        report.by_folders = True
        return report
    known = backend.stamps() if moved else None
    if moved and known is not None and "" in kept and Path(corpus).is_dir():
        # only the folders whose time moved are listed again (and new ones, whole); the others
        # keep the times they had, so one that moves from now on is listed next time
        listed = set(moved)
        folders: dict[str, int] | None = {
            folder: mtime for folder, mtime in kept.items() if folder not in listed}
        known, found = _listed_again(corpus, known, kept, moved, report.warnings, folders)
        report.by_folders = True
    else:
        folders = _folder_stamps(corpus)  # before the files: a later change is seen next time
        found = scan(corpus, report.warnings)
        known = backend.stamps()
    if not rebuild and known == found:
        _keep_folders(backend, folders)
        report.seconds = time.perf_counter() - started
        return report
    waited: list[bool] = []

    def on_wait() -> None:
        waited.append(True)
        if wait:
            wait()

    with backend.lock(on_wait):
        reason = "asked to rebuild" if rebuild else backend.needs_rebuild()
        if waited or (reason and report.by_folders):
            # another process updated meanwhile, or a rebuild (which reads every file) is due
            # after a listing of some folders: look again, at every file
            report.warnings.clear()
            report.by_folders = False
            folders = _folder_stamps(corpus)
            found = scan(corpus, report.warnings)
            known = backend.stamps()
            if not rebuild and known == found:
                report.seconds = time.perf_counter() - started
                return report
            reason = "asked to rebuild" if rebuild else backend.needs_rebuild()
        if reason:
            files = _files(corpus, found)
            report.added = [f.relative for f in files]
            report.rebuilt = reason
            changes = _read_all(files, doc_ids(files), report)
        else:
            changes = _changes(backend, known, corpus, found, report)
        if changes.total or changes.removed or reason:
            changes.files, progress_fn = _counting(changes.files, progress)
            report.paragraphs = backend.apply(changes, rebuild=bool(reason),
                                              progress=progress_fn)
        _keep_folders(backend, folders)
    report.seconds = time.perf_counter() - started
    return report


def _counting(files: Iterable[IndexedFile], progress) -> tuple[Iterator[IndexedFile], object]:
    """The files, counting their unique paragraphs as they are read, and a progress callback
    that passes the count on as a fourth argument when ``progress`` asks for it (its
    ``counts_paragraphs`` attribute is true): paragraphs per second while indexing runs."""
    read = [0]

    def counted() -> Iterator[IndexedFile]:
        for indexed in files:
            read[0] += sum(1 for a in indexed.articles for p in a.paragraphs
                           if p.repeat_of is None)
            yield indexed

    if progress is None or not getattr(progress, "counts_paragraphs", False):
        return counted(), progress

    def with_paragraphs(done: int, total: int, name: str) -> None:
        progress(done, total, name, read[0])

    # a backend that reads ``Changes.sources`` in processes of its own adds its counts here
    with_paragraphs.paragraphs = read  # type: ignore[attr-defined]
    return counted(), with_paragraphs


def _kept_folders(backend: SearchBackend) -> dict[str, int] | None:
    """The corpus folders' times kept with the last commit (optional ``folder_stamps``)."""
    kept = getattr(backend, "folder_stamps", None)
    return kept() if kept is not None else None


def _listed_again(corpus: Path, known: dict[str, tuple[int, int]], kept: dict[str, int],
                  moved: list[str], warnings: list[str], times: dict[str, int]
                  ) -> tuple[dict[str, tuple[int, int]], dict[str, tuple[int, int]]]:
    """The stamps of the files in the folders whose time moved, as the last commit knew them
    and as a new listing of those folders finds them (a folder that is gone has no files);
    the files of the other folders are taken as they were, as the quick check does."""
    root = _root(corpus)
    moved_set = set(moved)
    present = [folder for folder in moved if (root / folder if folder else root).is_dir()]
    # a folder that became an index folder hides everything below it, as in a full walk
    hidden = tuple(folder for folder in present if freshness.is_index_folder(root / folder))
    if hidden:
        present = [folder for folder in present if not folder.startswith(hidden)]
        for folder in [folder for folder in times if folder.startswith(hidden)]:
            del times[folder]  # never walked into again, as the full walk does not
    before = {relative: stamp for relative, stamp in known.items()
              if relative[:relative.rfind("/") + 1] in moved_set
              or (hidden and relative.startswith(hidden))}
    return before, scan_folders(root, present, kept, warnings, times)


def _folder_stamps(corpus: Path) -> dict[str, int] | None:
    try:
        return freshness.folder_stamps(corpus)
    except OSError:  # an unreadable folder: the full check reports it
        return None


def _keep_folders(backend: SearchBackend, folders: dict[str, int] | None) -> None:
    keep = getattr(backend, "save_folder_stamps", None)
    if keep is not None and folders is not None:
        keep(folders)


def is_stale(backend: SearchBackend, corpus: Path) -> bool:
    """True when files were added, changed or removed since the last update (stat only)."""
    found = scan(corpus)
    stamps = backend.stamps()
    if stamps is not None:
        return stamps != found
    try:
        if backend.needs_rebuild():
            return True
        known = backend.file_states()
    except IndexProblem:
        return True
    return {rel: (s.size, s.mtime_ns) for rel, s in known.items()} != found


def usable_after_failure(backend: SearchBackend, error: IndexProblem) -> bool:
    """True when ``error`` was an update that could not be written and the index as it was
    still opens: it then answers, stale, instead of nothing answering."""
    if not isinstance(error, IndexNotWritable):
        return False
    try:
        backend.open()
    except IndexProblem:
        return False
    return True


# -- what changed ----------------------------------------------------------------------------------

def _changes(backend: SearchBackend, known: dict[str, tuple[int, int]] | None, corpus: Path,
             found: dict[str, tuple[int, int]], report: UpdateReport) -> Changes:
    """What to read and drop, comparing the scan with the stamps of the last commit: only the
    files whose size or time moved are looked at further (their records, a content hash)."""
    states: dict[str, FileState] | None = None
    if known is None:  # no saved stamps: every record, from the index
        states = backend.file_states()
        known = {rel: (s.size, s.mtime_ns) for rel, s in states.items()}
    todo: list[str] = []
    touched: list[str] = []
    for relative, stamp in found.items():
        before = known.get(relative)
        if before is None:
            todo.append(relative)
            report.added.append(relative)
        elif before != stamp:
            todo.append(relative)  # read again either way: the index keeps the new size and time
            touched.append(relative)
    kept = len(found) - len(report.added)  # files both in the scan and in the stamps
    report.removed = sorted(set(known).difference(found)) if len(known) > kept else []
    if touched:
        if states is None:
            states = _states_of(backend, touched)
        root = _root(corpus)
        folder = root.is_dir()  # else the corpus is one file
        for relative in touched:
            state = states.get(relative)
            sha = sha256(root / relative if folder else root)
            if state is None or sha is None or sha != state.sha256:  # else the same bytes
                report.changed.append(relative)
    ids = _ids_for(backend, todo, touched + report.removed, states) if todo else {}
    changes = _read_all(_files(corpus, {rel: found[rel] for rel in todo}), ids, report)
    changes.removed = report.removed
    return changes


def _ids_for(backend: SearchBackend, todo: list[str], replaced: list[str],
             states: dict[str, FileState] | None) -> dict[str, str]:
    """The ids of the files to read: each its file name's stem, unless an earlier one of them
    or an article the index keeps (of a file not being replaced) holds it, when it takes its
    path form. No two articles share an id, and a kept file's articles never change theirs;
    the work is in proportion to the files read."""
    stems = doc_ids_of(todo)  # the stem, or the path form where two of them share a stem
    held = _held(backend, set(stems.values()))
    if held:
        before = states if states is not None else _states_of(backend, replaced)
        held -= {doc for rel in replaced if rel in before for doc in before[rel].docs}
    return {rel: path_id(rel) if doc in held else doc for rel, doc in stems.items()}


def _held(backend: SearchBackend, docs: set[str]) -> set[str]:
    """Which of ``docs`` the index holds (optional ``held_docs``, else from every record)."""
    lookup = getattr(backend, "held_docs", None)
    if lookup is not None:
        return lookup(docs)
    return docs & {doc for state in backend.file_states().values() for doc in state.docs}


def _states_of(backend: SearchBackend, relatives: list[str]) -> dict[str, FileState]:
    """The records of a few files: looked up one by one where the backend can (optional
    ``file_states_of``), else picked from all of them."""
    lookup = getattr(backend, "file_states_of", None)
    if lookup is not None:
        return lookup(relatives)
    states = backend.file_states()
    return {rel: states[rel] for rel in relatives if rel in states}


def _root(corpus: Path) -> Path:
    return Path(corpus).expanduser().resolve()


def _files(corpus: Path, found: dict[str, tuple[int, int]]) -> list[CorpusFile]:
    """The files of a scan as :func:`reader.ingest.discover` lists them."""
    root = _root(corpus)
    if root.is_file():
        return [CorpusFile(root, rel, size, mtime) for rel, (size, mtime) in found.items()]
    return [CorpusFile(root / rel, rel, size, mtime) for rel, (size, mtime) in found.items()]


def _read_all(files: list[CorpusFile], ids: dict[str, str], report: UpdateReport) -> Changes:
    """The files to read as one update's changes: ``sources`` for a backend that prepares
    them in processes of its own, else ``files``, prepared lazily as the backend asks for
    them (a full build of a big corpus does not fit in memory at once), in several
    processes when the batch is big."""
    from reader.prepare import Source, prepared, processes  # reading: parsers, quote rules
    from reader.settings import current

    sources = [Source(f, ids[f.relative]) for f in files]
    settings = current()
    procs = processes(settings.index_workers, len(sources), settings.parallel_min_files)
    return Changes(files=prepared(sources, report.warnings, procs), total=len(sources),
                   sources=sources, warnings=report.warnings)


def read(f: CorpusFile, doc: str, warnings: list[str]) -> IndexedFile:
    """One corpus file's articles with their quotes, and its state (see
    :func:`reader.prepare.prepare`)."""
    from reader.prepare import Source, prepare

    indexed, notes = prepare(Source(f, doc))
    warnings.extend(notes)
    return indexed


def attach_quotes(article) -> None:
    """Find the article's quotes (see :func:`reader.prepare.attach_quotes`)."""
    from reader.prepare import attach_quotes as attach

    attach(article)


def sha256(path: Path) -> str | None:
    """The file's content hash, or None when it cannot be read now."""
    from reader.prepare import sha256 as digest

    return digest(path)
