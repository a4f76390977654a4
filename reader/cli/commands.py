"""The subcommands: each takes parsed arguments, asks :class:`Library`, and prints the answer.

Every failure is raised as a :class:`reader.errors.ReaderError` subclass and turned into one
line and an exit code in :func:`reader.cli.run`, nowhere here. A command returns its own exit
status: 0, or 1 for a search with no hits.
"""

from __future__ import annotations

import argparse
import dataclasses
import os
import sys
from collections.abc import Callable

from reader.cli import render
from reader.cli.output import Output, say, warn
from reader.cli.progress import IndexProgress
from reader.display import one_line
from reader.errors import (
    EXIT_NO_HITS,
    EXIT_OK,
    CorpusError,
    IndexProblem,
    NotFound,
    QueryError,
    UsageError,
    exit_code,
)
from reader.library import Library

# -- keeping the index current ----------------------------------------------------------------


def update_index(library: Library, rebuild: bool = False, warnings: bool = True,
                 stale_ok: bool = False, quick: bool = False):
    """Update the index, with a progress line when stderr is a terminal; print its warnings
    (files skipped, and why) when ``warnings`` or when the update read any file."""
    terminal = _isatty(sys.stderr)
    if not terminal:
        report = library.update(rebuild=rebuild, wait=_waiting(None), stale_ok=stale_ok,
                                quick=quick)
    else:
        import shutil

        with IndexProgress(sys.stderr, shutil.get_terminal_size().columns) as progress:
            report = library.update(progress=progress, rebuild=rebuild,
                                    wait=_waiting(progress), stale_ok=stale_ok,
                                    quick=quick)
    if warnings or report.touched:
        for warning in report.warnings:
            warn(warning)
    return report


def _waiting(progress: IndexProgress | None) -> Callable[[], None]:
    def waiting() -> None:
        message = "another reader is updating this index; waiting for it to finish…"
        if progress is not None:
            progress.note(message)
        else:
            say(message)

    return waiting


def _isatty(stream) -> bool:
    try:
        return os.isatty(stream.fileno())
    except (AttributeError, OSError, ValueError):
        return False


def library_for(args: argparse.Namespace, corpus=None) -> Library:
    """The library the options name (``--backend`` is read through the settings: see
    :func:`reader.cli.run`)."""
    return Library(corpus if corpus is not None else args.corpus, args.index, warn=warn)


def answering(args: argparse.Namespace, body: Callable[[Library], int]) -> int:
    """Open the library, bring its index up to date, and run ``body`` on it.

    An update that fails (a full disk, an index folder that became read-only) does not stop
    the answer when the index as it was can still give it: the library says so in one warning
    line (that the answer may be stale) and answers.
    """
    library = library_for(args)
    try:
        update_index(library, warnings=False, stale_ok=True,
                     quick=True)  # folder times; `index`: all
        return body(library)
    finally:
        library.close()


# -- commands ---------------------------------------------------------------------------------


def open_reader(args: argparse.Namespace, out: Output) -> int:
    """``reader [CORPUS]``: the TUI, and the only way it is started."""
    corpus = args.corpus_arg or args.corpus
    if corpus is not None and not os.path.exists(corpus):
        raise CorpusError(f"no such file or folder: {corpus}")
    if not (_isatty(sys.stdin) and _isatty(sys.stdout)):
        raise UsageError("the reader needs a terminal for its input and output; in scripts "
                         "use 'reader search', 'reader show' and the other commands")
    from reader.tui.app import ReaderApp

    app = ReaderApp(library_for(args, corpus))
    app.run()
    # Textual sets a non-zero return code when the app ended on an unhandled exception (it has
    # shown the traceback): that is a bug, and the exit status says so as for any other bug.
    return EXIT_OK if not app.return_code else exit_code(RuntimeError())


def index(args: argparse.Namespace, out: Output) -> int:
    if args.corpus_arg is not None and args.corpus is not None:
        raise UsageError("give the corpus once: as CORPUS or as --corpus")
    library = library_for(args, args.corpus_arg)
    try:
        report = update_index(library, rebuild=args.rebuild)
    finally:
        library.close()
    if args.as_json:
        out.json({
            "corpus": str(library.corpus), "index": library.backend.describe(),
            "added": report.added, "changed": report.changed, "removed": report.removed,
            "paragraphs": report.paragraphs, "rebuilt": report.rebuilt,
            "warnings": report.warnings, "seconds": round(report.seconds, 3),
        })
    elif report.touched:
        what = f"rebuilt ({report.rebuilt})" if report.rebuilt else "updated"
        rate = report.paragraphs / report.seconds if report.seconds > 0 else 0.0
        say(f"Index {what}: {len(report.added)} added, {len(report.changed)} changed, "
            f"{len(report.removed)} removed; {report.paragraphs:,} paragraphs in "
            f"{report.seconds:.2f} s ({rate:,.0f}/s) -> {library.backend.describe()}", prefix="")
    else:
        say(f"Index is up to date: {library.backend.describe()}", prefix="")
    return EXIT_OK


def search(args: argparse.Namespace, out: Output) -> int:
    from reader.settings import current

    budget = current().search_budget

    def body(library: Library) -> int:
        by_date = args.sort != "relevance"
        result = library.search(args.query, limit=args.limit, offset=args.offset,
                                time_budget=budget, sort=args.sort)
        if result.error:
            raise QueryError(result.error)
        facets = library.facets(args.query, time_budget=budget) if (
            args.facets and result.total) else None
        page = result.hits
        dates = None
        if by_date:
            dates = {h.doc: h.date for h in page}
        if args.as_json:
            data = result.to_dict()
            if args.offset:
                data["offset"] = args.offset
            if by_date:
                data["sort"] = args.sort
                for entry, hit in zip(data["hits"], page, strict=True):
                    entry["date"] = dates.get(hit.doc) if dates else None
            if args.facets:
                data["facets"] = facets.to_dict() if facets else None
            out.json(data)
        else:
            render.search_result(out, result, page, args.offset, dates, args.sort)
            if facets is not None:
                render.facets(out, facets)
        return EXIT_OK if result.total else EXIT_NO_HITS

    return answering(args, body)


def show(args: argparse.Namespace, out: Output) -> int:
    doc, para = parse_target(args.target, need_para=False)

    def body(library: Library) -> int:
        found = need_article(library, doc)
        paragraphs = found.paragraphs
        if para is not None:
            one = found.paragraph(para)
            if one is None:
                raise NotFound(f"{doc} has paragraphs 1 to {len(paragraphs)}, not {para}")
            paragraphs = [one]
        if args.as_json:
            out.json(render.show_json(found, paragraphs))
        else:
            render.article(out, found, paragraphs)
        return EXIT_OK

    return answering(args, body)


def quotes(args: argparse.Namespace, out: Output) -> int:
    def body(library: Library) -> int:
        if args.doc is not None:
            need_article(library, args.doc)
        records = library.quotes(speaker=args.speaker, doc=args.doc)
        if args.as_json:
            out.json([r.to_dict() for r in records])
        else:
            render.quotes(out, records)
            if not records:
                say("no quotes found", prefix="")
        return EXIT_OK

    return answering(args, body)


def cite(args: argparse.Namespace, out: Output) -> int:
    doc, para = parse_target(args.target, need_para=True)

    def body(library: Library) -> int:
        out.text(library.cite(doc, para, args.quote, args.style, excerpt_chars=args.excerpt))
        return EXIT_OK

    return answering(args, body)


def related(args: argparse.Namespace, out: Output) -> int:
    doc, para = parse_target(args.target, need_para=True)

    def body(library: Library) -> int:
        found = need_article(library, doc)
        if found.paragraph(para) is None:
            raise NotFound(f"{doc} has paragraphs 1 to {len(found.paragraphs)}, not {para}")
        matches = library.related(doc, para, limit=args.limit)
        if args.as_json:
            out.json([r.to_dict() for r in matches])
        else:
            render.related(out, matches, doc, para)
        return EXIT_OK

    return answering(args, body)


def compare(args: argparse.Namespace, out: Output) -> int:
    def body(library: Library) -> int:
        a, b = need_article(library, args.doc_a), need_article(library, args.doc_b)
        alignment = library.compare(args.doc_a, args.doc_b)
        if args.as_json:
            out.json(alignment.to_dict())
        else:
            render.compare(out, alignment, a, b)
        return EXIT_OK

    return answering(args, body)


def stats(args: argparse.Namespace, out: Output) -> int:
    def body(library: Library) -> int:
        values = library.stats()
        if args.as_json:
            out.json(values)
        else:
            render.stats(out, values)
        return EXIT_OK

    return answering(args, body)


def marks(args: argparse.Namespace, out: Output) -> int:
    from reader.marks import MarkBook, export_marks

    def body(library: Library) -> int:
        book = MarkBook.for_corpus(library.corpus)
        if book.warning:
            warn(book.warning)
        if not book.marks:
            say("no marks in this corpus yet: press m in the reader to mark a paragraph or quote")
            return EXIT_NO_HITS
        done = export_marks(book.marks, library.article, args.style)
        for mark in done.skipped:
            warn(f"{mark.doc} ¶{mark.para}: no longer in the corpus; left out")
        if args.output is None:
            out.text(done.text)
        else:
            tmp = args.output.with_name(f".{args.output.name}.{os.getpid()}.tmp")
            tmp.write_text(done.text if done.text.endswith("\n") else done.text + "\n",
                           encoding="utf-8")
            os.replace(tmp, args.output)
            say(f"{done.marks} marks in {done.entries} entries -> {args.output}")
        return EXIT_OK

    return answering(args, body)


def cluster(args: argparse.Namespace, out: Output) -> int:
    """``reader cluster init|status|add-replica``: thin over :mod:`reader.search.postgresql.
    cluster`; every failure is one line (connection strings only without their password)."""
    from reader.search.postgresql import cluster as layout
    from reader.search.postgresql.db import redact

    if args.action == "init":
        layout.init(args.coordinator, args.shards)
        shards = render.plural(len(args.shards), "shard")
        say(f"cluster ready: {redact(args.coordinator)} over {shards}; index through it "
            "with: reader index CORPUS --backend COORDINATOR")
        return EXIT_OK
    from reader.settings import load

    spec = args.backend or load().backend
    if not spec.startswith(("postgresql://", "postgres://")) and "dbname" not in spec:
        raise UsageError("reader cluster needs the coordinator's postgresql:// connection "
                         "string (--backend or READER_BACKEND)")
    if args.action == "add-replica":
        hosts = layout.add_replica(spec, args.shard, args.address)
        say(f"shard {args.shard} now searches {', '.join(hosts)} in that order")
        return EXIT_OK
    found = layout.status(spec)
    if args.as_json:
        out.json(dataclasses.asdict(found) | {"answering": found.answering})
    else:
        render.cluster_status(out, found)
    down = [shard for shard in found.shards if shard.error]
    if down:
        raise IndexProblem(f"{render.plural(len(down), 'shard')} of {len(found.shards)} "
                           f"not answering (shard {down[0].number}: {down[0].error})")
    return EXIT_OK


# -- arguments --------------------------------------------------------------------------------


def parse_target(target: str, need_para: bool) -> tuple[str, int | None]:
    """``DOC`` or ``DOC:N`` (the last colon splits, so an id may hold colons)."""
    doc, sep, number = target.rpartition(":") if ":" in target else (target, "", "")
    if not sep:
        if need_para:
            raise UsageError(f"expected DOC:N (a paragraph), got '{one_line(target, 80)}'")
        return target, None
    if not number.isdigit() or int(number) < 1:
        raise UsageError(f"'{one_line(number, 40)}' is not a paragraph number "
                         "(DOC:N, N from 1)")
    return doc, int(number)


def need_article(library: Library, doc: str):
    found = library.article(doc)
    if found is None:
        raise NotFound(f"no article '{doc}' in this corpus (see 'reader stats' or search)")
    return found


COMMANDS: dict[str, Callable[[argparse.Namespace, Output], int]] = {
    "open": open_reader, "index": index, "search": search, "show": show, "quotes": quotes,
    "cite": cite, "related": related, "compare": compare, "stats": stats, "marks": marks,
    "cluster": cluster,
}

__all__ = ["COMMANDS", "answering", "parse_target", "update_index"]
