"""The ``reader`` subcommands (Typer): scriptable answers with ``--json``; ``open`` starts the TUI.

Exit codes are part of the contract: 0 success, 1 a search with no hits, 2 bad usage or a
malformed query, 3 a corpus or index problem. Errors are one line on stderr, never a traceback.
"""

from __future__ import annotations

import json
import os
import re
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.text import Text

from reader.cite import STYLES as CITATION_STYLES
from reader.cli import COMMANDS
from reader.errors import CorpusError, IndexProblem, QueryError, ReaderError
from reader.library import Library
from reader.records import Article, Hit, SearchResult
from reader.text import excerpt_bounds, one_line, safe

EXIT_OK, EXIT_NO_HITS, EXIT_USAGE, EXIT_CORPUS = 0, 1, 2, 3
HIGHLIGHT = "bold black on yellow"
QUOTE_STYLE = "italic cyan"

app = typer.Typer(
    name="reader",
    help="A keyboard-driven reader for news corpora: search, read side by side, cite.",
    add_completion=True,
    no_args_is_help=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
    context_settings={"help_option_names": ["-h", "--help"]},
)

CorpusOption = Annotated[
    Path | None,
    typer.Option("--corpus", "-c", help="Corpus folder or file (default: the bundled seeds/).",
                 show_default=False),
]
IndexOption = Annotated[
    Path | None,
    typer.Option("--index", "-i", help="Index folder (default: index/ for the seeds, else the "
                 "user cache).", show_default=False),
]
JsonOption = Annotated[bool, typer.Option("--json", help="Print one JSON document on stdout.")]


class Fail(Exception):
    """A one-line error with its exit code."""

    def __init__(self, message: str, code: int) -> None:
        super().__init__(message)
        self.code = code


def out() -> Console:
    return Console(highlight=False, soft_wrap=False)


def err() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def say_error(message: str) -> None:
    """One line on stderr, never wrapped, never styled."""
    sys.stderr.write("reader: " + one_line(message) + "\n")
    sys.stderr.flush()


def emit_json(data: object) -> None:
    """Write one UTF-8 JSON document; C1 controls are escaped too (json leaves them raw)."""
    text = json.dumps(data, ensure_ascii=False, indent=2)
    text = re.sub(r"[\x7f-\x9f\u2028\u2029]", lambda m: f"\\u{ord(m.group()):04x}", text)
    sys.stdout.buffer.write(text.encode("utf-8") + b"\n")
    sys.stdout.flush()


def open_library(corpus: Path | None, index: Path | None, quiet: bool = False) -> Library:
    """A library whose index matches the corpus, updated with a progress bar on a terminal.
    When the update cannot be written, the index as it was answers (with a warning)."""
    library = Library(corpus, index, warn=say_warning)
    update_index(library, quiet=quiet, stale_ok=True)
    return library


def say_warning(message: str) -> None:
    sys.stderr.write("reader: warning: " + one_line(message) + "\n")
    sys.stderr.flush()


def update_index(library: Library, rebuild: bool = False, quiet: bool = False,
                 stale_ok: bool = False):
    console = err()
    show_progress = console.is_terminal and not quiet

    def waiting() -> None:
        console.print("Another reader is updating this index; waiting for it to finish…",
                      markup=False)

    if not show_progress:
        return library.update(rebuild=rebuild, wait=waiting, stale_ok=stale_ok)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn

    with Progress(TextColumn("Indexing"), BarColumn(), MofNCompleteColumn(),
                  TextColumn("{task.description}"), console=console, transient=True) as bar:
        task = bar.add_task("", total=None)

        def progress(done: int, total: int, name: str) -> None:
            bar.update(task, completed=done, total=total, description=one_line(name, 50))

        return library.update(progress=progress, rebuild=rebuild, wait=waiting,
                              stale_ok=stale_ok)


def guarded(fn: Callable[[], int | None]) -> None:
    """Run a command body, turning every known failure into one line and an exit code."""
    try:
        code = fn() or EXIT_OK
    except Fail as exc:
        say_error(str(exc))
        code = exc.code
    except (IndexProblem, CorpusError) as exc:
        say_error(str(exc))
        code = EXIT_CORPUS
    except ReaderError as exc:  # NotFound, UsageError, CitationError: the class says the code
        say_error(str(exc))
        code = exc.exit_code
    except (QueryError, ValueError) as exc:  # QueryError, CitationError: the user's to fix
        say_error(str(exc))
        code = EXIT_USAGE
    except KeyboardInterrupt:  # nothing half-written was published: the index as it was stands
        say_error("interrupted")
        code = 130
    except BrokenPipeError:
        code = EXIT_OK
    except OSError as exc:
        say_error(exc.strerror or str(exc))
        code = EXIT_CORPUS
    except Exception as exc:  # a bug: still one line; READER_DEBUG=1 shows the traceback
        if os.environ.get("READER_DEBUG"):
            raise
        say_error(f"internal error: {type(exc).__name__}: {one_line(str(exc), 200)} "
                  "(set READER_DEBUG=1 for details)")
        code = EXIT_CORPUS
    raise typer.Exit(code)


# -- commands ---------------------------------------------------------------------------------


@app.command("open", hidden=True)
def open_tui(
    corpus_arg: Annotated[Path | None, typer.Argument(metavar="[CORPUS]", show_default=False)
                          ] = None,
    corpus: CorpusOption = None,
    index: IndexOption = None,
) -> None:
    """Open the reader on a corpus (the default command)."""

    def body() -> int:
        chosen = corpus_arg or corpus
        if chosen is not None and not chosen.exists():
            raise Fail(f"no such file or folder: {chosen}", EXIT_CORPUS)
        try:
            from reader.tui.app import ReaderApp
        except ImportError as exc:
            raise Fail(f"the terminal interface is not available ({exc})", EXIT_CORPUS) from exc
        library = Library(chosen, index)
        ReaderApp(library).run()
        return EXIT_OK

    guarded(body)


@app.command("index")
def index_cmd(
    corpus_arg: Annotated[Path | None, typer.Argument(metavar="[CORPUS]", show_default=False)
                          ] = None,
    rebuild: Annotated[bool, typer.Option("--rebuild", help="Rebuild from scratch.")] = False,
    corpus: CorpusOption = None,
    index: IndexOption = None,
    as_json: JsonOption = False,
) -> None:
    """Build or update the index (only added, changed and removed files are read)."""

    def body() -> int:
        library = Library(corpus_arg or corpus, index)
        report = update_index(library, rebuild=rebuild)
        for warning in report.warnings:
            err().print(f"warning: {safe(warning)}", markup=False)
        if as_json:
            emit_json({
                "corpus": str(library.corpus), "index": str(library.index_dir),
                "added": report.added, "changed": report.changed, "removed": report.removed,
                "paragraphs": report.paragraphs, "rebuilt": report.rebuilt,
                "warnings": report.warnings, "seconds": round(report.seconds, 3),
            })
            return EXIT_OK
        if report.touched:
            what = f"rebuilt ({report.rebuilt})" if report.rebuilt else "updated"
            err().print(
                f"Index {what}: {len(report.added)} added, {len(report.changed)} changed, "
                f"{len(report.removed)} removed; {report.paragraphs} paragraphs in "
                f"{report.seconds:.2f} s -> {library.index_dir}", markup=False)
        else:
            err().print(f"Index is up to date: {library.index_dir}", markup=False)
        return EXIT_OK

    guarded(body)


@app.command("search")
def search_cmd(
    query: Annotated[str, typer.Argument(help="Words, \"phrases\", OR, NOT, -word, prefix*, "
                                              "word~, title:, source:, speaker:, quote:")],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, max=10000,
                                       help="How many hits to show.")] = 20,
    corpus: CorpusOption = None,
    index: IndexOption = None,
    as_json: JsonOption = False,
) -> None:
    """Search paragraphs; exit 1 when nothing matches, 2 for a malformed query."""

    def body() -> int:
        library = open_library(corpus, index)
        result = library.search(query, limit=limit, time_budget=10.0)
        if result.error:
            raise Fail(result.error, EXIT_USAGE)
        if as_json:
            emit_json(result.to_dict())
        else:
            print_result(result)
        return EXIT_OK if result.hits else EXIT_NO_HITS

    guarded(body)


@app.command("show")
def show_cmd(
    target: Annotated[str, typer.Argument(metavar="DOC[:N]", help="An article or a paragraph.")],
    corpus: CorpusOption = None,
    index: IndexOption = None,
    as_json: JsonOption = False,
) -> None:
    """Show an article, or one paragraph of it, with quotes marked."""

    def body() -> int:
        doc, para = parse_target(target, need_para=False)
        library = open_library(corpus, index)
        article = library.article(doc)
        if article is None:
            raise Fail(f"no article '{doc}' in this corpus (see 'reader stats' or search)",
                       EXIT_USAGE)
        paragraphs = article.paragraphs
        if para is not None:
            found = article.paragraph(para)
            if found is None:
                raise Fail(f"{doc} has paragraphs 1 to {len(paragraphs)}, not {para}", EXIT_USAGE)
            paragraphs = [found]
        if as_json:
            emit_json(show_json(article, paragraphs))
        else:
            print_article(article, paragraphs)
        return EXIT_OK

    guarded(body)


@app.command("quotes")
def quotes_cmd(
    speaker: Annotated[str | None, typer.Option("--speaker", "-s", help="Only quotes whose "
                                                "speaker matches this name.")] = None,
    doc: Annotated[str | None, typer.Option("--doc", "-d", help="Only this article.")] = None,
    corpus: CorpusOption = None,
    index: IndexOption = None,
    as_json: JsonOption = False,
) -> None:
    """List quotations with their speakers and where they came through."""

    def body() -> int:
        library = open_library(corpus, index)
        if doc is not None and library.article(doc) is None:
            raise Fail(f"no article '{doc}' in this corpus", EXIT_USAGE)
        records = library.quotes(speaker=speaker, doc=doc)
        if as_json:
            emit_json([r.to_dict() for r in records])
            return EXIT_OK
        console = out()
        for r in records:
            line = Text(f"{r.doc}:{r.para} #{r.index} ", style="dim")
            line.append(r.quote.kind, style="magenta" if r.quote.kind == "term" else "green")
            line.append(" ")
            who = ", ".join(filter(None, (r.quote.speaker, r.quote.role)))
            line.append(safe(who or "(unattributed)"), style="bold")
            if r.quote.via:
                line.append(f" via {safe(r.quote.via)}", style="dim")
            console.print(line)
            console.print(Text("  “" + one_line(r.quote.text, 400) + "”", style=QUOTE_STYLE))
        if not records:
            err().print("no quotes found", markup=False)
        return EXIT_OK

    guarded(body)


@app.command("cite")
def cite_cmd(
    target: Annotated[str, typer.Argument(metavar="DOC:N", help="The paragraph to cite.")],
    quote: Annotated[int | None, typer.Option("--quote", "-q", min=1,
                                              help="Cite the K-th quote of the paragraph.")] = None,
    style: Annotated[str, typer.Option("--style", help=", ".join(CITATION_STYLES) + ".")] = "plain",
    corpus: CorpusOption = None,
    index: IndexOption = None,
) -> None:
    """Cite a paragraph or one of its quotes."""

    def body() -> int:
        doc, para = parse_target(target, need_para=True)
        library = open_library(corpus, index)
        citation = library.cite(doc, para, quote, style.lower())
        sys.stdout.buffer.write(safe(citation).encode("utf-8") + b"\n")
        return EXIT_OK

    guarded(body)


@app.command("related")
def related_cmd(
    target: Annotated[str, typer.Argument(metavar="DOC:N", help="The paragraph to look for.")],
    limit: Annotated[int, typer.Option("--limit", "-n", min=1, max=500)] = 20,
    corpus: CorpusOption = None,
    index: IndexOption = None,
    as_json: JsonOption = False,
) -> None:
    """Paragraphs and quotes elsewhere in the corpus that tell the same thing, best first."""

    def body() -> int:
        doc, para = parse_target(target, need_para=True)
        library = open_library(corpus, index)
        found = library.related(doc, para, limit=limit)
        if as_json:
            emit_json([r.to_dict() for r in found])
            return EXIT_OK
        console = out()
        if not found:
            console.print(Text(f"Nothing elsewhere tells what {doc}:{para} tells."))
        for r in found:
            line = Text(f"{r.score:.2f} ", style="dim")
            line.append(f"{r.doc} ¶{r.para}", style="bold cyan")
            line.append("  " + one_line(r.title, 60), style="bold")
            if r.source:
                line.append(" · " + one_line(r.source, 30), style="dim")
            console.print(line)
            if r.quote is not None:
                label = f"  quote {r.quote} matches quote {r.matches_quote}: "
                console.print(Text(label, style="magenta") + Text(
                    "“" + one_line(r.quote_text or "", 200) + "”", style=QUOTE_STYLE))
            else:
                console.print(Text("  " + one_line(r.text, 200)))
        return EXIT_OK

    guarded(body)


@app.command("compare")
def compare_cmd(
    doc_a: Annotated[str, typer.Argument(metavar="DOC_A")],
    doc_b: Annotated[str, typer.Argument(metavar="DOC_B")],
    corpus: CorpusOption = None,
    index: IndexOption = None,
    as_json: JsonOption = False,
) -> None:
    """Align two articles paragraph by paragraph and match the statements they share."""

    def body() -> int:
        library = open_library(corpus, index)
        alignment = library.compare(doc_a, doc_b)
        if as_json:
            emit_json(alignment.to_dict())
            return EXIT_OK
        a, b = library.article(doc_a), library.article(doc_b)
        console = out()
        console.print(Text(f"A  {doc_a}  {one_line(a.title if a else '', 70)}", style="bold"))
        console.print(Text(f"B  {doc_b}  {one_line(b.title if b else '', 70)}", style="bold"))
        console.print()
        for pair in alignment.pairs:
            line = Text(f"A¶{pair.a:<3} ~ B¶{pair.b:<3} {pair.score:.2f}  ", style="bold cyan")
            line.append(", ".join(pair.shared), style="dim")
            console.print(line)
        if alignment.only_a:
            console.print(Text("only in A: " + ", ".join(f"¶{n}" for n in alignment.only_a)))
        if alignment.only_b:
            console.print(Text("only in B: " + ", ".join(f"¶{n}" for n in alignment.only_b)))
        for q in alignment.quotes:
            console.print(Text(f"same statement: A¶{q.a} quote {q.a_quote} ~ B¶{q.b} quote "
                               f"{q.b_quote} ({q.score:.2f})", style="magenta"))
        return EXIT_OK

    guarded(body)


@app.command("stats")
def stats_cmd(
    corpus: CorpusOption = None,
    index: IndexOption = None,
    as_json: JsonOption = False,
) -> None:
    """Counts of files, articles, paragraphs, quotes and terms."""

    def body() -> int:
        library = open_library(corpus, index)
        stats = library.stats()
        if as_json:
            emit_json(stats)
        else:
            console = out()
            for key, value in stats.items():
                console.print(Text(f"{key:>10}  {safe(str(value))}"))
        return EXIT_OK

    guarded(body)


# -- rendering --------------------------------------------------------------------------------


def parse_target(target: str, need_para: bool) -> tuple[str, int | None]:
    doc, sep, number = target.rpartition(":") if ":" in target else (target, "", "")
    if not sep:
        if need_para:
            raise Fail(f"expected DOC:N (a paragraph), got '{safe(target)}'", EXIT_USAGE)
        return target, None
    if not number.isdigit() or int(number) < 1:
        raise Fail(f"'{safe(number)}' is not a paragraph number (DOC:N, N from 1)", EXIT_USAGE)
    return doc, int(number)


def show_json(article: Article, paragraphs) -> dict:
    return {
        "doc": article.doc, "title": article.title, "source": article.source,
        "dateline": article.dateline, "credit": article.credit, "author": article.author,
        "date": article.date, "url": article.url,
        "paragraphs": [
            {"para": p.number, "text": p.text, "repeat_of": p.repeat_of,
             "quotes": [q.to_dict() for q in p.quotes]}
            for p in paragraphs
        ],
    }


def snippet(hit: Hit, width: int = 240) -> Text:
    """The hit text around its first highlight, highlights styled (never parsed as markup)."""
    text = hit.text
    start, end = excerpt_bounds(text, hit.highlights, width)
    piece = Text(("…" if start else "") + safe(text[start:end].replace("\n", " ")))
    shift = 1 if start else 0
    for a, b in hit.highlights:
        if a >= start and b <= end:
            piece.stylize(HIGHLIGHT, a - start + shift, b - start + shift)
    if end < len(text):
        piece.append("…")
    return piece


def print_result(result: SearchResult) -> None:
    console = out()
    if not result.hits:
        console.print(Text(f"No hits for {one_line(result.query, 80)}"))
        if result.suggestions:
            console.print(Text("Did you mean: " + ", ".join(result.suggestions) + " ?"))
        return
    head = f"{result.total} paragraph{'s' if result.total != 1 else ''} match "
    console.print(Text(head + one_line(result.query, 80), style="bold"))
    if result.partial:
        console.print(Text("(time budget reached: the best hits found so far)", style="dim"))
    for hit in result.hits:
        console.print()
        line = Text()
        line.append(f"{hit.doc} ¶{hit.para}", style="bold cyan")
        if hit.repeats:
            line.append(f" (also ¶{', ¶'.join(map(str, hit.repeats))})", style="dim")
        line.append("  " + one_line(hit.title, 70), style="bold")
        if hit.source:
            line.append(" · " + one_line(hit.source, 30), style="dim")
        console.print(line)
        console.print(snippet(hit))


def print_article(article: Article, paragraphs) -> None:
    console = out()
    console.print(Text(safe(article.title), style="bold"))
    meta = " · ".join(filter(None, (article.source, article.dateline, article.date,
                                    article.author, article.url)))
    if meta:
        console.print(Text(safe(meta), style="dim"))
    console.print()
    for p in paragraphs:
        body = Text(safe(p.text))
        for q in p.quotes:
            body.stylize(QUOTE_STYLE, q.start, q.end)
        gutter = Text(f"¶{p.number:<3} ", style="dim" if p.repeat_of else "bold cyan")
        if p.repeat_of:
            body.stylize("dim")
            gutter.append(f"(repeats ¶{p.repeat_of}) ", style="dim")
        console.print(gutter + body)
        for k, q in enumerate(p.quotes, start=1):
            who = ", ".join(filter(None, (q.speaker, q.role))) or "unattributed"
            via = f" via {q.via}" if q.via else ""
            label = "term" if q.kind == "term" else who + via
            console.print(Text(f"      [{k}] {safe(label)}", style="magenta"))
    if article.credit:
        console.print(Text(f"({safe(article.credit)})", style="dim"))


# -- entry point ------------------------------------------------------------------------------

def run(args: list[str]) -> None:
    """Run ``reader ARGS`` through Typer; ``reader [CORPUS]`` means ``reader open [CORPUS]``."""
    first = next((a for a in args if not a.startswith("-")), None)
    wants_help = any(a in ("-h", "--help", "--install-completion", "--show-completion")
                     for a in args)
    if first not in COMMANDS and not (wants_help and first is None):
        args.insert(0, "open")
    try:
        app(args=args, prog_name="reader")
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else EXIT_USAGE)
        sys.exit(code)
