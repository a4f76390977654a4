"""The Whoosh backend: an embedded index in a folder of its own (the default engine).

It implements :class:`reader.search.backend.SearchBackend` over the pieces of this package:
the folder and its generations (:mod:`.folder`), opening and sealing (:mod:`.store`), writing
(:mod:`.build`), searching (:mod:`.search`, :mod:`.fastpath`). Damaged index files met while
answering raise :class:`IndexDamaged` (the library rebuilds and asks again); nothing is turned
into an empty answer.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from whoosh.query import Or, Term

from reader.errors import IndexDamaged, IndexNotWritable, IndexProblem
from reader.records import Article, ArticleSummary, Paragraph, SearchResult
from reader.search.backend import (
    Candidate,
    Capabilities,
    Changes,
    Facets,
    FileState,
    ProgressFn,
    SearchRequest,
    TermStats,
)
from reader.search.whoosh import fastpath, summaries
from reader.search.whoosh.folder import NotAnIndexFolder
from reader.search.whoosh.order import extra_fields
from reader.search.whoosh.parse import PARA_ONLY_FIELDS, make_parser
from reader.search.whoosh.schema import (
    INDEX_NAME,
    SCHEMA_VERSION,
    article_from_json,
    file_record,
    file_state,
    key,
    quotes_from_json,
)
from reader.search.whoosh.search import run, run_facets
from reader.search.whoosh.store import DAMAGE, SharedIndex, Store, why

CANDIDATE_SECONDS = 1.0  # what proposing candidates may take; the best found by then are kept


class WhooshBackend:
    """An index folder on this machine (see :mod:`.folder` for its layout)."""

    name = "whoosh"
    capabilities = Capabilities(fuzzy=True, shared=False, parallel_build=True)

    def __init__(self, index_dir: Path, workers: int = 4, parallel_min_files: int = 200) -> None:
        self.index_dir = Path(index_dir)
        self.store = Store(self.index_dir)
        self.folder = self.store.folder
        self.workers = workers
        self.parallel_min_files = parallel_min_files
        self._parsers: tuple[SharedIndex, dict[str, object]] | None = None
        self._stats: tuple[str, TermStats, object] | None = None
        self._stats_lock = threading.Lock()

    # -- the index as a whole --------------------------------------------------------------

    def describe(self) -> str:
        return str(self.index_dir)

    def notes(self) -> list[str]:
        return [fastpath.NOTE] if fastpath.NOTE else []

    def needs_rebuild(self) -> str | None:
        if not self.store.exists():
            fresh = self.folder.marker() is not None and not any(
                p.name.startswith(("gen-", f"_{INDEX_NAME}_")) for p in self._entries())
            return "new index" if fresh else "no index found"
        if not self.store.version_ok():
            return "index from another schema version"
        try:
            self.store.open()
        except IndexProblem as exc:
            return str(exc)
        return None

    def _entries(self) -> list[Path]:
        try:
            return list(self.index_dir.iterdir())
        except OSError:
            return []

    def open(self) -> None:
        self.store.open()

    def close(self) -> None:
        with self._stats_lock:
            if self._stats is not None:
                self._stats[2].close()
                self._stats = None
        self._parsers = None
        self.store.close()

    def generation(self) -> str:
        return self.store.generation()

    # -- keeping it current ----------------------------------------------------------------

    def stamps(self) -> dict[str, tuple[int, int]] | None:
        if self.folder.has_leftovers():
            return None  # a killed build to clean up first
        return self.store.stamps()

    def folder_stamps(self) -> dict[str, int] | None:
        if self.folder.has_leftovers():
            return None  # a killed build to clean up first: the full check does it
        return self.store.folder_stamps()

    def save_folder_stamps(self, stamps: dict[str, int]) -> None:
        self.store.save_folder_stamps(stamps)

    def file_states(self) -> dict[str, FileState]:
        states = self.store.manifest()
        return states if states is not None else self._states_in_index()

    def _states_in_index(self) -> dict[str, FileState]:
        """Every file record, decoded from the index (when the saved copy is missing)."""
        states = {}
        with self._reading():
            for fields in self.store.open().searcher().documents(kind="file"):
                relative, state = file_state(fields["data"])
                states[relative or fields["path"]] = state
        return states

    def held_docs(self, docs: Iterable[str]) -> set[str]:
        """Which of the article ids ``docs`` the index holds (one term lookup each)."""
        with self._reading():
            searcher = self.store.open().searcher()
            return {doc for doc in docs if any(
                searcher.stored_fields(n).get("kind") == "article"
                for n in searcher.document_numbers(doc=key(doc)))}

    def file_states_of(self, relatives: Iterable[str]) -> dict[str, FileState]:
        """The records of the files named (those the index holds), looked up one by one."""
        states = {}
        with self._reading():
            searcher = self.store.open().searcher()
            for relative in relatives:
                state = file_record(searcher, relative)
                if state is not None:
                    states[relative] = state
        return states

    @contextmanager
    def lock(self, wait: Callable[[], None] | None = None) -> Iterator[None]:
        try:
            self.folder.claim(SCHEMA_VERSION)
            held = self.folder.update_lock(wait)
            held.__enter__()
        except NotAnIndexFolder as exc:
            raise IndexProblem(str(exc)) from None
        except OSError as exc:
            raise IndexNotWritable(f"cannot write the index at {self.index_dir}: {why(exc)}"
                                   ) from exc
        try:
            self.folder.clean_leftovers()
            yield
        finally:
            held.__exit__(None, None, None)

    def stop_update(self) -> None:
        """Nothing to do: a build stops at its next file through ``progress``, and its last
        step (the commit) is short."""

    def apply(self, changes: Changes, rebuild: bool = False,
              progress: ProgressFn | None = None) -> int:
        # writing (bulk segments, the processes of a build) is loaded by the commands that write
        from reader.search.whoosh.build import ChildFailed, apply_incremental, build_generation

        try:
            if rebuild:
                self.store.forget()
                return build_generation(self.folder, changes, progress, self.workers,
                                        self.parallel_min_files)
            shared = self.store.open()
            return apply_incremental(shared, changes, progress, None, self.index_dir,
                                     self._states_in_index)
        except OSError as exc:
            raise IndexNotWritable(f"cannot write the index at {self.index_dir}: {why(exc)}"
                                   ) from exc
        except ChildFailed as exc:
            raise IndexNotWritable(f"cannot write the index at {self.index_dir}: {exc}"
                                   ) from exc

    # -- questions -------------------------------------------------------------------------

    @contextmanager
    def _reading(self) -> Iterator[None]:
        try:
            yield
        except (*DAMAGE, IndexDamaged) as exc:
            self.store.forget()
            if isinstance(exc, IndexDamaged) and str(exc).startswith("the index at"):
                raise
            raise IndexDamaged(f"the index at {self.index_dir} is damaged ({why(exc)})"
                               ) from exc

    def search(self, request: SearchRequest) -> SearchResult:
        shared, parser_for = self._parser_for()
        with self._reading():
            return run(shared.searcher(), parser_for, request)

    def warm_up(self) -> None:
        """Build now what the first searches would build on their way: numpy for the scoring
        of long posting lists (75-200 ms to import), the index reader's set of article records
        (a title search's first 50-150 ms) and the query parser's patterns."""
        from reader.search.whoosh.scoring import _np
        from reader.search.whoosh.search import not_paragraphs

        _np()
        shared, parser_for = self._parser_for()
        with self._reading():
            searcher = shared.searcher()
            not_paragraphs(searcher)
            run(searcher, parser_for, SearchRequest("title:reader OR reader", limit=1,
                                                    time_budget=1.0, suggest=False))

    def _parser_for(self):
        """The open index and a parser per default field (one set per generation)."""
        shared = self.store.open()
        if self._parsers is None or self._parsers[0] is not shared:
            self._parsers = (shared, {})  # parsers hold the schema: one set per generation
        parsers = self._parsers[1]

        def parser_for(field: str):
            if field not in parsers:
                parsers[field] = make_parser(shared.schema, field)
            return parsers[field]

        return shared, parser_for

    def facets(self, request: SearchRequest) -> Facets:
        shared, parser_for = self._parser_for()
        with self._reading():
            return run_facets(shared.searcher(), parser_for, request)

    def field_names(self) -> list[str]:
        with self._reading():
            return list(extra_fields(self.store.open().searcher()))

    def article(self, doc: str) -> Article | None:
        # The doc's own posting list is short, and its article record comes first; a query on
        # kind AND doc would intersect with every paragraph of the corpus (20x slower at 100k).
        with self._reading():
            searcher = self.store.open().searcher()
            record, paragraphs = None, {}
            for docnum in searcher.document_numbers(doc=key(doc)):
                fields = searcher.stored_fields(docnum)
                if fields.get("kind") == "article":
                    record = fields
                elif fields.get("kind") == "para":
                    paragraphs[fields["para"]] = fields
            return article_from_json(record["data"], paragraphs) if record else None

    def articles(self) -> Iterator[Article]:
        with self._reading():
            searcher = self.store.open().searcher()
            for fields in searcher.documents(kind="article"):
                paragraphs = {f["para"]: f for f in searcher.documents(doc=fields["doc"])
                              if f.get("kind") == "para"}
                yield article_from_json(fields["data"], paragraphs)

    def summaries(self) -> list[ArticleSummary]:
        """From the list saved with the commit (see :mod:`.summaries`), or decoded from every
        article once (an index written without one) and saved."""
        shared = self.store.open()
        generation = shared.latest_generation()
        listed = summaries.load(shared.directory, generation)
        if listed is None:
            listed = {article.doc: summaries.of(article) for article in self.articles()}
            try:
                summaries.save(shared.directory, generation, listed)
            except OSError:
                pass  # a read-only index folder: decoded again next time
        return sorted(listed.values(), key=lambda s: s.doc)

    def counts(self) -> dict[str, int]:
        with self._reading():
            searcher = self.store.open().searcher()
            return {
                "articles": _live(searcher, "article"),
                "paragraphs": _live(searcher, "para"),
                "files": _live(searcher, "file"),
                "terms": sum(1 for _ in searcher.reader().lexicon("text")),
            }

    def term_stats(self) -> TermStats:
        """Looked up on disk one stem at a time (~0.1 ms each on a many-segment index), and
        comparing two long articles needs thousands, so they are remembered per generation:
        a second comparison or the "also in" links of a whole article reuse them."""
        generation = self.generation()
        with self._stats_lock:
            if self._stats is not None and self._stats[0] == generation:
                return self._stats[1]
            # this generation's own searcher, for lookups alone; a caller still holding the
            # previous stats keeps its searcher (closed when the last reference goes)
            searcher = self.store.open().ix.searcher()
            known: dict[str, int] = {}
            lock = self._stats_lock

            def df(term: str) -> int:
                found = known.get(term)
                if found is None:
                    with lock, self._reading():
                        found = known[term] = searcher.doc_frequency("text", term)
                return found

            with self._reading():
                stats = TermStats(paragraphs=_live(searcher, "para"), df=df)
            self._stats = (generation, stats, searcher)
            return stats

    def candidates(self, stems: list[str], limit: int, exclude_doc: str | None = None
                   ) -> list[Candidate]:
        if not stems or limit < 1:
            return []
        with self._reading():
            searcher = self.store.open().searcher()
            q = Or([Term("text", w) for w in stems] + [Term("quote", w) for w in stems])
            drop = frozenset(searcher.document_numbers(doc=key(exclude_doc))) if (
                exclude_doc is not None) else frozenset()
            if fastpath.usable(searcher, q, PARA_ONLY_FIELDS):
                top, _, _ = fastpath.fast_search(
                    searcher, q, limit, time.perf_counter() + CANDIDATE_SECONDS, drop=drop)
            else:
                found = searcher.search(q, limit=limit + len(drop))
                top = [(h.score, h.docnum) for h in found if h.docnum not in drop][:limit]
            out = []
            for _score, docnum in top:
                fields = searcher.stored_fields(docnum)
                text = fields.get("text") or ""
                out.append(Candidate(
                    doc=fields["doc"], title=fields.get("title", ""),
                    source=fields.get("source") or None,
                    paragraph=Paragraph(fields["para"], text, 0, len(text),
                                        quotes=quotes_from_json(fields.get("quotes")))))
            return out


def _live(searcher, kind: str) -> int:
    """Documents of a kind, without those deleted by updates (Whoosh's document frequencies
    count them until their segment is merged)."""
    reader = searcher.reader()
    if not reader.has_deletions():
        return reader.doc_frequency("kind", kind)
    if ("kind", kind) not in reader:
        return 0
    return sum(1 for _ in reader.postings("kind", kind).all_ids())


def open_backend(spec: str, *, corpus: Path, index_dir: Path, settings) -> WhooshBackend:
    """The registry's entry point (see :func:`reader.search.open_backend`)."""
    return WhooshBackend(index_dir, workers=settings.index_workers,
                         parallel_min_files=settings.parallel_min_files)
