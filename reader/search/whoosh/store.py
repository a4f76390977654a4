"""The on-disk Whoosh index: schema, incremental and atomic updates, schema versions.

One Whoosh document per unique paragraph (``kind=para``), one per article holding what is needed
to render it without re-reading the file (``kind=article``), and one per corpus file with its
size, time and content hash (``kind=file``) so updates touch only what changed. Every update is
one Whoosh commit, which swaps a new table of contents in with a rename: a killed update leaves
the previous generation readable. A schema change rebuilds into a sibling folder and swaps it in.
"""

from __future__ import annotations

import hashlib
import json
import os
import pickle
import shutil
import sys
import threading
import time
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from pathlib import Path
from stat import S_ISREG

from whoosh import index as whoosh_index
from whoosh.fields import ID, NUMERIC, STORED, TEXT, Schema
from whoosh.index import LockError
from whoosh.query import Term

from reader.errors import IndexProblem
from reader.ingest import CorpusFile, Skipped, discover, doc_ids, has_marker, read_file
from reader.language.analysis import analyzer, name_analyzer
from reader.records import Article, ArticleSummary, Paragraph, Quote
from reader.search.whoosh.folder import MARKER, IndexFolder, NotAnIndexFolder

SCHEMA_VERSION = 5  # bump when the schema, the analyzer, the quote rules or the layout change
VERSION_FILE = MARKER  # the folder's marker holds the schema version
INDEX_NAME = "reader"


def build_schema() -> Schema:
    text_analyzer = analyzer()
    return Schema(
        kind=ID(stored=True),
        path=ID(stored=True),
        doc=ID(stored=True),
        para=NUMERIC(int, bits=32, stored=True, signed=False),
        title=TEXT(analyzer=text_analyzer, stored=True),
        source=TEXT(analyzer=name_analyzer(), stored=True),
        text=TEXT(analyzer=text_analyzer, stored=True, phrase=True, spelling=True),
        quote=TEXT(analyzer=text_analyzer, phrase=True),
        speaker=TEXT(analyzer=name_analyzer()),
        repeats=STORED,
        quotes=STORED,  # the paragraph's quotes as JSON, so related() needs no article loads
        data=STORED,
    )


@dataclass
class UpdateReport:
    """What an update did, for the progress line and the tests."""

    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    paragraphs: int = 0
    warnings: list[str] = field(default_factory=list)
    rebuilt: str | None = None  # why the whole index was rebuilt, if it was
    seconds: float = 0.0

    @property
    def touched(self) -> bool:
        return bool(self.added or self.changed or self.removed or self.rebuilt)


ProgressFn = Callable[[int, int, str], None]


def article_to_json(article: Article) -> str:
    return json.dumps(asdict(article), ensure_ascii=False, separators=(",", ":"))


def article_from_json(data: str) -> Article:
    raw = json.loads(data)
    paragraphs = [
        Paragraph(
            number=p["number"], text=p["text"], start=p["start"], end=p["end"],
            repeat_of=p.get("repeat_of"), quotes=[Quote(**q) for q in p.get("quotes", [])],
        )
        for p in raw.pop("paragraphs", [])
    ]
    return Article(paragraphs=paragraphs, **raw)


def attach_quotes(article: Article) -> None:
    """Find quotes in the article's unique paragraphs; repeats do not repeat their quotes."""
    from reader.language.quotes import find_quotes  # only indexing needs it; keeps searching light

    unique = [p for p in article.paragraphs if p.repeat_of is None]
    found = find_quotes([p.text for p in unique], language=article.language,
                        title=None if article.title_derived else article.title)
    for paragraph, quotes in zip(unique, found, strict=False):
        paragraph.quotes = quotes


def paragraph_documents(article: Article, relative: str) -> Iterable[dict]:
    """The Whoosh documents of one article: its record and each unique paragraph."""
    repeats: dict[int, list[int]] = {}
    for p in article.paragraphs:
        if p.repeat_of is not None:
            repeats.setdefault(p.repeat_of, []).append(p.number)
    yield {
        "kind": "article", "path": relative, "doc": article.doc, "title": article.title,
        "source": article.source or "", "data": article_to_json(article),
    }
    for p in article.paragraphs:
        if p.repeat_of is not None:
            continue
        statements = p.quotes
        yield {
            "kind": "para", "path": relative, "doc": article.doc, "para": p.number,
            "title": article.title, "source": article.source or "", "text": p.text,
            "quote": "\n".join(q.text for q in statements),
            "speaker": "\n".join(
                " ".join(filter(None, (q.speaker, q.via))) for q in statements if q.speaker
            ),
            "repeats": repeats.get(p.number, []),
            "quotes": json.dumps([asdict(q) for q in p.quotes], ensure_ascii=False),
        }


class SharedIndex:
    """The Whoosh index, handing out one long-lived searcher per thread.

    Opening a searcher opens every segment's files (~4 ms at 100k paragraphs, far more than a
    rare-word query); reusing it makes repeated searches cheap. Before each use the searcher is
    checked against the latest commit (one directory listing) and refreshed when the index
    changed, so answers are as current as with a new searcher. Searchers are per thread
    (Whoosh's readers seek shared file objects), and those of threads that have ended are
    closed, so short-lived worker threads do not pile up open files. Everything else is the
    index's.
    """

    MAX_IDLE = 4  # searchers kept before those of finished threads are closed

    def __init__(self, ix) -> None:
        self._ix = ix
        self._lock = threading.Lock()
        self._by_thread: dict[int, object] = {}

    def __getattr__(self, name):
        return getattr(self._ix, name)

    def searcher(self, **kwargs):
        if kwargs:
            return self._ix.searcher(**kwargs)
        ident = threading.get_ident()
        with self._lock:
            current = self._by_thread.get(ident)
        if current is None:
            current = self._ix.searcher()
        else:
            try:
                if not current.up_to_date():
                    current = current.refresh()
            except Exception:  # a vanished generation: start again
                current = self._ix.searcher()
        with self._lock:
            self._by_thread[ident] = current
            if len(self._by_thread) > self.MAX_IDLE:
                alive = {thread.ident for thread in threading.enumerate()}
                for other in [t for t in self._by_thread if t not in alive]:
                    _close_quietly(self._by_thread.pop(other))
        return _Borrowed(current)

    def close(self) -> None:
        with self._lock:
            searchers, self._by_thread = list(self._by_thread.values()), {}
        for searcher in searchers:
            _close_quietly(searcher)
        self._ix.close()


def _close_quietly(searcher) -> None:
    try:
        searcher.close()
    except Exception:
        pass


class _Borrowed:
    """A shared searcher lent for one ``with`` block: leaving it (or close()) keeps it open."""

    __slots__ = ("_searcher",)

    def __init__(self, searcher) -> None:
        self._searcher = searcher

    def __getattr__(self, name):
        return getattr(self._searcher, name)

    def __enter__(self):
        return self._searcher

    def __exit__(self, *exc) -> None:
        return None

    def close(self) -> None:
        return None


class CorpusIndex:
    """A corpus and its index folder. Opening is cheap; :meth:`update` brings it up to date."""

    def __init__(self, corpus: Path, index_dir: Path) -> None:
        self.corpus = Path(corpus)
        self.index_dir = Path(index_dir)
        self.folder = IndexFolder(self.index_dir)
        self._ix = None
        self._ix_dir: Path | None = None

    # -- opening -------------------------------------------------------------------------------

    def exists(self) -> bool:
        """True when a live generation with a table of contents is there (readable or not:
        :meth:`open` checks)."""
        live = self.folder.live_dir()
        try:
            return live is not None and any(live.glob(f"_{INDEX_NAME}_*.toc"))
        except OSError:
            return False

    def version_ok(self) -> bool:
        marker = self.folder.marker()
        return marker is not None and marker.schema == SCHEMA_VERSION

    def live_dir(self) -> Path:
        live = self.folder.live_dir()
        if live is None:
            raise IndexProblem(f"no index at {self.index_dir}; run: reader index")
        return live

    def open(self):
        """The Whoosh index of the live generation, opened once per generation. Raises
        :class:`IndexProblem` when it is missing or unreadable."""
        live = self.live_dir()
        if self._ix is not None and live != self._ix_dir:
            self.close()  # a rebuild by this or another process published a new generation
        if self._ix is None:
            try:
                ix = _open_dir(live)
                with ix.searcher() as searcher:  # touch every segment's files
                    searcher.doc_count()
                    searcher.reader().field_length("text")
            except Exception as exc:  # whoosh raises many types on damaged files
                raise IndexProblem(f"index at {self.index_dir} is damaged ({_why(exc)})") from exc
            self._ix, self._ix_dir = SharedIndex(ix), live
        return self._ix

    def refresh(self) -> None:
        """See the latest commit (after an update by this or another process)."""
        self._ix = None  # shared searchers check the latest commit before each use anyway

    def claim(self) -> None:
        """Make sure the index folder is the reader's to write (see :mod:`.folder`)."""
        try:
            self.folder.claim(SCHEMA_VERSION)
        except NotAnIndexFolder as exc:
            raise IndexProblem(str(exc)) from None
        except OSError as exc:
            raise IndexProblem(f"cannot write the index at {self.index_dir}: {_why(exc)}") from exc

    # -- updating ------------------------------------------------------------------------------

    def update(self, progress: ProgressFn | None = None, rebuild: bool = False,
               wait: Callable[[], None] | None = None) -> UpdateReport:
        """Make the index match the corpus: read added and changed files, drop removed ones."""
        started = time.perf_counter()
        report = UpdateReport()
        self.claim()
        scan = None if rebuild else _safe_scan(self.corpus)
        if scan is not None and self._unchanged(scan):
            report.seconds = time.perf_counter() - started
            return report
        try:
            lock = self.folder.update_lock(wait)
            lock.__enter__()
        except OSError as exc:
            raise IndexProblem(f"cannot write the index at {self.index_dir}: {_why(exc)}") from exc
        try:
            if not rebuild and self._unchanged(scan):  # another process did it while we waited
                report.seconds = time.perf_counter() - started
                return report
            self._update_locked(report, scan, rebuild, progress, wait)
        finally:
            lock.__exit__(None, None, None)
        report.seconds = time.perf_counter() - started
        return report

    def _update_locked(self, report: UpdateReport, scan, rebuild: bool,
                       progress: ProgressFn | None, wait: Callable[[], None] | None) -> None:
        try:
            files = _scanned_files(self.corpus, scan) if scan is not None else discover(
                self.corpus, report.warnings)
        except OSError as exc:
            raise IndexProblem(f"cannot read the corpus at {self.corpus}: {_why(exc)}") from exc
        self.folder.clean_leftovers()
        reason = None
        if rebuild:
            reason = "asked to rebuild"
        elif not self.exists():
            reason = "new index" if self.folder.marker() is not None and not any(
                p.name.startswith(("gen-", "_reader_")) for p in self.index_dir.iterdir()
            ) else "no index found"
        elif not self.version_ok():
            reason = "index from another schema version"
        else:
            try:
                self.open()
            except IndexProblem as exc:
                reason = str(exc)
        if reason:
            report.rebuilt = reason
            self._rebuild(files, report, progress)
        else:
            self._incremental(files, report, progress, wait)

    def _incremental(self, files: list[CorpusFile], report: UpdateReport,
                     progress: ProgressFn | None, wait: Callable[[], None] | None) -> None:
        ix = self.open()
        known = self.file_states()
        current = {f.relative: f for f in files}
        todo: list[CorpusFile] = []
        for f in files:
            state = known.get(f.relative)
            if state is None:
                todo.append(f)
                report.added.append(f.relative)
            elif (state["size"], state["mtime_ns"]) != (f.size, f.mtime_ns):
                if state.get("sha256") != _sha256(f.path):
                    todo.append(f)
                    report.changed.append(f.relative)
                else:  # touched but identical: only remember the new time
                    todo.append(f)
        report.removed = sorted(set(known) - set(current))
        if not todo and not report.removed:
            return
        writer = self._writer(ix, wait)
        states = dict(known)
        try:
            for relative in report.removed:
                writer.delete_by_term("path", relative)
                states.pop(relative, None)
            ids = doc_ids(files)
            for done, f in enumerate(todo, start=1):
                writer.delete_by_term("path", f.relative)
                report.paragraphs += self._add_file(writer, f, ids[f.relative], report, states)
                if progress:
                    progress(done, len(todo), f.relative)
            writer.commit()
        except BaseException:
            writer.cancel()
            raise
        self._ix = None
        _write_manifest(self.live_dir(), states)

    def _rebuild(self, files: list[CorpusFile], report: UpdateReport,
                 progress: ProgressFn | None) -> None:
        """Build a whole new generation inside the index folder, then make it the live one."""
        try:
            fresh = self.folder.new_build_dir()
        except OSError as exc:
            raise IndexProblem(f"cannot write the index at {self.index_dir}: {_why(exc)}") from exc
        try:
            ix = whoosh_index.create_in(str(fresh), build_schema(), indexname=INDEX_NAME)
            writer = _bulk_writer(ix, len(files))
            ids = doc_ids(files)
            states: dict[str, dict] = {}
            for done, f in enumerate(files, start=1):
                report.paragraphs += self._add_file(writer, f, ids[f.relative], report, states)
                report.added.append(f.relative)
                if progress:
                    progress(done, len(files), f.relative)
            writer.commit()
            ix.close()
            _write_manifest(fresh, states)
            self.close()
            self.folder.publish(fresh, SCHEMA_VERSION)
        except OSError as exc:
            shutil.rmtree(fresh, ignore_errors=True)
            raise IndexProblem(f"cannot write the index at {self.index_dir}: {_why(exc)}") from exc
        except BaseException:
            shutil.rmtree(fresh, ignore_errors=True)
            raise
        self._ix = None

    def _writer(self, ix, wait: Callable[[], None] | None):
        try:
            return ix.writer(limitmb=256)
        except LockError:
            if wait:
                wait()
            try:
                return ix.writer(limitmb=256, timeout=120.0, delay=0.25)
            except LockError:
                raise IndexProblem(
                    f"another process is updating the index at {self.index_dir}; try again"
                ) from None

    def _add_file(self, writer, f: CorpusFile, doc: str, report: UpdateReport,
                  states: dict | None = None) -> int:
        try:
            articles = read_file(f.path, doc)
            sha = _sha256(f.path)
        except Skipped as reason:
            report.warnings.append(f"{f.relative}: skipped ({reason})")
            articles, sha = [], None
        except OSError as exc:
            report.warnings.append(f"{f.relative}: skipped ({_why(exc)})")
            articles, sha = [], None
        count = 0
        for article in articles:
            attach_quotes(article)
            for document in paragraph_documents(article, f.relative):
                writer.add_document(**document)
                count += document["kind"] == "para"
        state = {"size": f.size, "mtime_ns": f.mtime_ns, "sha256": sha,
                 "docs": [a.doc for a in articles]}
        writer.add_document(kind="file", path=f.relative, data=json.dumps(state))
        if states is not None:
            states[f.relative] = state
        return count

    # -- reading -------------------------------------------------------------------------------

    def file_states(self) -> dict[str, dict]:
        """What the index knows of each corpus file: size, time, hash, document ids.

        Read from the manifest written beside the commit it describes (one file load) when
        there is one, else from the index's file records (one stored document per file).
        """
        ix = self.open()
        live = self.live_dir()
        states = _read_manifest(live, ix)
        if states is not None:
            return states
        with ix.searcher() as searcher:
            states = {
                fields["path"]: json.loads(fields["data"])
                for fields in searcher.documents(kind="file")
            }
        _write_manifest(live, states, ix)
        return states

    def _unchanged(self, current: dict[str, tuple[int, int]] | None = None) -> bool:
        """True when the index exists and every corpus file has the size and time it records.

        A stat of each file (``os.scandir``, the same rules as :func:`discover`) against the
        stamps saved with the commit: an up-to-date corpus is confirmed without building file
        records or reading the index's.
        """
        try:
            if not self.exists() or not self.version_ok():
                return False
            if self.folder.has_leftovers():
                return False  # a killed build to clean up first
            ix = self.open()
            live = self.live_dir()
            known = _read_stamps(live, ix)
            if known is None:  # an index written before stamps were saved: save them now
                states = self.file_states()
                _write_manifest(live, states, ix)
                known = {rel: (st["size"], st["mtime_ns"]) for rel, st in states.items()}
            if current is None:
                current = _quick_scan(self.corpus)
        except Exception:
            return False
        return current is not None and current == known

    def is_stale(self) -> bool:
        """True when files were added, changed or removed since the last update (stat only)."""
        if not self.exists() or not self.version_ok():
            return True
        if self._unchanged():
            return False
        try:
            known = self.file_states()
            files = discover(self.corpus)
        except (IndexProblem, OSError):
            return True
        if set(known) != {f.relative for f in files}:
            return True
        return any((known[f.relative]["size"], known[f.relative]["mtime_ns"])
                   != (f.size, f.mtime_ns) for f in files)

    def article(self, doc: str) -> Article | None:
        # The doc's own posting list is short, and its article record comes first; a query on
        # kind AND doc would intersect with every paragraph of the corpus (20x slower at 100k).
        with self.open().searcher() as searcher:
            for docnum in searcher.document_numbers(doc=doc):
                fields = searcher.stored_fields(docnum)
                if fields.get("kind") == "article":
                    return article_from_json(fields["data"])
        return None

    def articles(self) -> Iterable[Article]:
        with self.open().searcher() as searcher:
            for fields in searcher.documents(kind="article"):
                yield article_from_json(fields["data"])

    def summaries(self) -> list[ArticleSummary]:
        out = []
        for article in self.articles():
            out.append(ArticleSummary(
                doc=article.doc, title=article.title, source=article.source, date=article.date,
                paragraphs=len(article.paragraphs), quotes=article.quote_count, path=article.path,
            ))
        out.sort(key=lambda s: s.doc)
        return out

    def counts(self) -> dict[str, int]:
        with self.open().searcher() as searcher:
            return {
                "articles": searcher.doc_frequency("kind", "article"),
                "paragraphs": searcher.doc_frequency("kind", "para"),
                "files": searcher.doc_frequency("kind", "file"),
                "terms": sum(1 for _ in searcher.reader().lexicon("text")),
            }

    def close(self) -> None:
        if self._ix is not None:
            self._ix.close()
            self._ix = None
            self._ix_dir = None


def _open_dir(directory: Path):
    """Open the index without memory maps.

    Whoosh 3 reads a memory-mapped segment through ``BytesIO(memoryview)``, which copies every
    file of every segment into the process on open: ~150 ms and the index's size in RSS at
    100k paragraphs, ten times that at 1M. Plain file reads cost a system call per posting
    block instead, which the page cache makes cheap.
    """
    from whoosh.filedb.filestore import FileStorage

    return FileStorage(str(directory), supports_mmap=False).open_index(INDEX_NAME)


MANIFEST_PREFIX = "files-"
MANIFEST_SUFFIX = ".pickle"


def _manifest_path(directory: Path, generation: int) -> Path:
    return Path(directory) / f"{MANIFEST_PREFIX}{generation}{MANIFEST_SUFFIX}"


def _write_manifest(directory: Path, states: dict, ix=None) -> None:
    """Save the file records of the latest commit in one file (best effort: a read-only index
    or a full disk only makes the next check slower)."""
    try:
        if ix is None:
            ix = _open_dir(directory)
        generation = ix.latest_generation()
        target = _manifest_path(directory, generation)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        with open(tmp, "wb") as handle:
            pickle.dump((generation, states), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, target)
        stamps = {rel: (st["size"], st["mtime_ns"]) for rel, st in states.items()}
        target = _stamps_path(directory, generation)
        tmp = target.with_name(f".{target.name}.{os.getpid()}.tmp")
        with open(tmp, "wb") as handle:
            pickle.dump((generation, stamps), handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, target)
        for old in Path(directory).glob(f"{MANIFEST_PREFIX}*"):
            number = old.name[len(MANIFEST_PREFIX):].split(".", 1)[0]
            if number.isdigit() and int(number) < generation:
                old.unlink(missing_ok=True)
    except Exception:
        pass


def _stamps_path(directory: Path, generation: int) -> Path:
    return Path(directory) / f"{MANIFEST_PREFIX}{generation}.stamps"


def _read_stamps(directory: Path, ix) -> dict | None:
    """``{relative: (size, mtime_ns)}`` saved with the latest commit (a quarter of the
    manifest's load time: the freshness check of every command reads only this)."""
    return _read_for_generation(_stamps_path, directory, ix)


def _read_for_generation(path_of, directory: Path, ix) -> dict | None:
    """A dict pickled beside the index for its latest commit, or None (missing, stale, bad)."""
    try:
        generation = ix.latest_generation()
        with open(path_of(directory, generation), "rb") as handle:
            stored, value = pickle.load(handle)
        return value if stored == generation and isinstance(value, dict) else None
    except Exception:
        return None


def _safe_scan(root: Path) -> dict[str, tuple[int, int]] | None:
    try:
        return _quick_scan(root)
    except Exception:  # unreadable folders and the like: discover() reports them
        return None


def _scanned_files(root: Path, scan: dict[str, tuple[int, int]]) -> list[CorpusFile]:
    """The files of a quick scan as :func:`discover` lists them (sorted, absolute paths)."""
    root = Path(root).expanduser().resolve()
    if root.is_file():
        return [CorpusFile(root, rel, size, mtime) for rel, (size, mtime) in scan.items()]
    return [CorpusFile(root / rel, rel, size, mtime)
            for rel, (size, mtime) in sorted(scan.items())]


def _read_manifest(directory: Path, ix) -> dict | None:
    return _read_for_generation(_manifest_path, directory, ix)


def _quick_scan(root: Path) -> dict[str, tuple[int, int]] | None:
    """``{relative: (size, mtime_ns)}`` of the files :func:`discover` would list, or None
    when the corpus cannot be read this way (then the full discovery decides)."""
    from reader.ingest import IGNORED_DIRS
    from reader.ingest.formats import SUFFIXES

    root = Path(root).expanduser()
    if not root.exists():
        return None
    root = root.resolve()
    if root.is_file():
        stat = root.stat()
        return {root.name: (stat.st_size, stat.st_mtime_ns)}
    found: dict[str, tuple[int, int]] = {}
    seen: set[tuple[int, int]] = set()
    stack = [(str(root), "")]
    while stack:
        folder, prefix = stack.pop()
        stat = os.stat(folder)
        key = (stat.st_dev, stat.st_ino)
        if key in seen:
            continue
        seen.add(key)
        with os.scandir(folder) as listing:
            entries = list(listing)
        if has_marker(entry.name for entry in entries):
            continue  # an index folder inside the corpus: never read as articles
        for entry in entries:
            name = entry.name
            if name.startswith("."):
                continue
            if entry.is_dir():  # follows links, as discover does
                if name not in IGNORED_DIRS:
                    stack.append((entry.path, prefix + name + "/"))
                continue
            if name.endswith(".meta.toml"):
                continue
            dot = name.rfind(".")
            if dot <= 0 or name[dot:].lower() not in SUFFIXES:
                continue
            try:
                stat = entry.stat()
            except OSError:
                return None  # e.g. a dangling link: discover() warns about it
            if not S_ISREG(stat.st_mode):
                continue
            found[prefix + name] = (stat.st_size, stat.st_mtime_ns)
    return found


PARALLEL_MIN_FILES = int(os.environ.get("READER_PARALLEL_MIN_FILES", "200"))


def _bulk_writer(ix, files: int):
    """The writer of a full build: one analysing process per core for big corpora.

    The parent reads files and finds quotes while ``procs`` children analyse and write a segment
    each (``multisegment`` skips the final merge, which would cost as much again); small
    corpora are not worth the process start-up. ``limitmb`` is per process, so memory stays
    bounded at any corpus size.
    """
    procs = min(os.cpu_count() or 1, int(os.environ.get("READER_INDEX_PROCS", "4")))
    if procs > 1 and files >= PARALLEL_MIN_FILES:
        return _orphan_safe_writer()(ix, procs=procs, multisegment=True, limitmb=96,
                                     batchsize=256)
    return ix.writer(limitmb=256)


@lru_cache(maxsize=1)
def _orphan_safe_writer():
    """Whoosh's multiprocess writer whose children die with their parent.

    When ``reader index`` is killed (SIGKILL), its analysing children would otherwise wait for
    work on their queue forever. On Linux the kernel sends them SIGKILL too (PR_SET_PDEATHSIG).
    Imported on demand: only big full builds need multiprocessing.
    """
    from whoosh.multiproc import MpWriter, SubWriterTask

    class ChildWriterTask(SubWriterTask):
        def run(self) -> None:
            _die_with_parent()
            super().run()

    class OrphanSafeMpWriter(MpWriter):
        def _new_task(self):
            task = ChildWriterTask(self.storage, self.indexname, self.jobqueue,
                                   self.resultqueue, self.subargs, self.multisegment)
            self.tasks.append(task)
            task.start()
            return task

    return OrphanSafeMpWriter


def _die_with_parent() -> None:
    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes
        import signal

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, int(signal.SIGKILL))  # PR_SET_PDEATHSIG
        if os.getppid() == 1:  # the parent died before the line above ran
            os._exit(1)
    except (OSError, AttributeError):
        pass


def para_filter() -> Term:
    return Term("kind", "para")


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _why(exc: BaseException) -> str:
    if isinstance(exc, OSError) and exc.strerror:
        return exc.strerror + (f": {exc.filename}" if exc.filename else "")
    text = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    return text[:160]
