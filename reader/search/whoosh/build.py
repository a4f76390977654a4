"""Writing the Whoosh index: one commit per update, a full build as a new generation.

An update is one Whoosh commit, which swaps a new table of contents in with a rename: a killed
update leaves the previous commit readable. A full build writes a whole new generation folder
beside the live one and publishes it through the folder's marker (:mod:`.folder`), so the old
index answers until the new one is complete.

A full build writes its segments in bulk, without Whoosh's writer (:mod:`.bulk`), and a big
one in one process per core, each reading, analysing and writing its share of the files
(:mod:`.shards`). Updates go through Whoosh's writer, with the same codec and analyzer.
"""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

from whoosh.filedb.filestore import FileStorage
from whoosh.index import TOC, LockError, clean_files
from whoosh.writing import IndexingError

from reader.errors import IndexProblem
from reader.prepare import processes
from reader.search.backend import Changes, FileState, IndexedFile, ProgressFn
from reader.search.whoosh import shards, stemtable, summaries
from reader.search.whoosh.codec import writer_options
from reader.search.whoosh.folder import IndexFolder
from reader.search.whoosh.schema import (
    INDEX_NAME,
    SCHEMA_VERSION,
    build_schema,
    documents,
    file_document,
    file_record,
    key,
)
from reader.search.whoosh.shards import ChildFailed as ChildFailed  # the backend reports it
from reader.search.whoosh.store import SharedIndex, open_dir, record_changes, write_records


def apply_incremental(shared: SharedIndex, changes: Changes, progress: ProgressFn | None,
                      wait: Callable[[], None] | None, where: Path,
                      all_states: Callable[[], dict[str, FileState]]) -> int:
    """Commit ``changes`` to the live generation; the paragraphs written.

    The work is in proportion to the change: the records of the files touched are looked up
    in the index by path, and the records, stamps and summaries kept beside the commit are
    saved as what changed (:mod:`.journal`). ``all_states`` is only called when those of the
    commit before are unknown."""
    searcher = shared.searcher()
    writer = _writer(shared.ix, wait, where)
    changed: dict[str, FileState] = {}
    listed: dict = {}
    unlisted: set[str] = set()
    written = 0
    try:
        for relative in changes.removed:
            unlisted.update(_docs_of(searcher, relative))
            writer.delete_by_term("path", key(relative))
        for done, indexed in enumerate(changes.files, start=1):
            unlisted.update(_docs_of(searcher, indexed.relative))
            writer.delete_by_term("path", key(indexed.relative))
            written += _add(writer, indexed, listed)
            changed[indexed.relative] = indexed.state
            if progress:
                progress(done, changes.total, indexed.relative)
        writer.commit()
    except BaseException:
        _abandon(writer)
        raise
    ix = open_dir(shared.directory)  # the commit just made
    try:  # the summaries first: saving the records drops what older commits no longer need
        summaries.save_changes(shared.directory, ix.latest_generation(), listed,
                               unlisted - set(listed))
    except OSError:
        pass  # best effort, like a read-only folder: the next listing decodes the articles
    record_changes(shared.directory, changed, list(changes.removed), all_states, ix)
    return written


def _docs_of(searcher, relative: str) -> tuple[str, ...]:
    """The article ids the index holds for a corpus file (from its file record)."""
    state = file_record(searcher, relative)
    return state.docs if state is not None else ()


def _save_list(directory: Path, listed: dict | None, ix=None) -> None:
    """Keep the article list with the latest commit (best effort, like the file records: a
    read-only index folder only means decoding the articles next time)."""
    if listed is None:
        return
    try:
        generation = (ix if ix is not None else open_dir(directory)).latest_generation()
        summaries.save(directory, generation, listed)
    except OSError:
        pass


def build_generation(folder: IndexFolder, changes: Changes, progress: ProgressFn | None,
                     workers: int, parallel_min_files: int) -> int:
    """Build a whole new generation from ``changes`` and make it the live one.

    Segments are written in bulk (:mod:`.shards`, :mod:`.bulk`); a big batch whose files are
    still unread (``changes.sources``) is read, analysed and written by one process per
    core."""
    fresh = folder.new_build_dir()
    try:
        live = folder.live_dir()
        previous = stemtable.preload(live) if live is not None else {}
        # without memory maps, as the index is read (see store.open_dir): sealing the build
        # opens a reader over every segment, which through a map copied them all into this
        # process (1.1 GB at a million paragraphs)
        ix = FileStorage(str(fresh), supports_mmap=False).create_index(build_schema(),
                                                                       indexname=INDEX_NAME)
        procs = processes(workers, changes.total, parallel_min_files)
        if changes.sources is not None and procs > 1:
            warnings = changes.warnings if changes.warnings is not None else []
            built = shards.write_parallel(fresh, ix.schema, changes.sources, warnings, procs,
                                          progress)
        else:
            built = shards.write_here(ix.storage, ix.schema, changes.files, changes.total,
                                      progress)
        generation = ix.latest_generation() + 1
        TOC(ix.schema, built.segments, generation).write(ix.storage, INDEX_NAME)
        clean_files(ix.storage, INDEX_NAME, generation, built.segments)
        shutil.rmtree(fresh / f"{INDEX_NAME}.tmp", ignore_errors=True)
        for log in fresh.glob(f"{shards.CHILD_LOG}*"):
            log.unlink()
        write_records(fresh, built.states(), ix)
        stemtable.save(fresh, previous)
        _save_list(fresh, built.listed(), ix)
        ix.close()
        folder.publish(fresh, SCHEMA_VERSION)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    return built.written


def _add(writer, indexed: IndexedFile, listed: dict | None = None) -> int:
    count = 0
    for article in indexed.articles:
        if listed is not None:
            listed[article.doc] = summaries.of(article)
        for document in documents(article, indexed.relative):
            writer.add_document(**document)
            count += document["kind"] == "para"
    writer.add_document(**file_document(indexed.relative, indexed.state))
    return count


def _writer(ix, wait: Callable[[], None] | None, where: Path):
    try:
        return ix.writer(limitmb=256, **writer_options())
    except LockError:
        if wait:
            wait()
        try:
            return ix.writer(limitmb=256, timeout=120.0, delay=0.25, **writer_options())
        except LockError:
            raise IndexProblem(
                f"another process is updating the index at {where}; try again") from None


def _abandon(writer) -> None:
    """Stop a writer that failed (its own error is on its way up)."""
    try:
        writer.cancel()
    except (OSError, IndexingError):
        pass  # a full disk or a writer already closed: the commit is abandoned either way
