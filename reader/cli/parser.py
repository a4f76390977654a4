"""The command line's grammar (argparse, from the standard library) and its help texts.

``reader [CORPUS]`` opens the reader; ``reader COMMAND ...`` runs a subcommand. A usage error
is one line naming the fault and where to look (``reader: argument --limit/-n: ... (see
'reader search --help')``), raised as :class:`reader.errors.UsageError` so the one error
mapping in :mod:`reader.cli` gives it its exit code.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from reader import __version__
from reader.errors import UsageError

COMMANDS = ("index", "search", "show", "quotes", "cite", "related", "compare", "stats",
            "marks", "cluster")
OPEN = "open"  # ``reader [CORPUS]`` is ``reader open [CORPUS]``; not listed
SORTS = ("relevance", "newest", "oldest")
# Options that take a value, so the word after them is not a command or a corpus.
_VALUED = ("-c", "--corpus", "-i", "--index", "--backend")

EXIT_CODES = ("exit codes: 0 success, 1 a search with no hits, 2 bad usage or a malformed "
              "query, 3 a corpus or index problem")

TOP_HELP = f"""\
usage: reader [CORPUS] [--corpus PATH] [--index DIR]
       reader COMMAND [ARGUMENTS] [--corpus PATH] [--index DIR] [--json]

A keyboard-driven reader for news corpora: search, read side by side, cite.

  reader [CORPUS]       open the reader on a folder or file of articles (default: the
                        bundled seeds/); needs a terminal

commands:
  index [CORPUS]        build or update the index, with progress on a terminal
  search QUERY          search paragraphs (--limit, --offset, --sort, --json)
  show DOC[:N]          an article or one paragraph, quotes marked
  quotes                quotations with their speakers (--speaker, --doc)
  cite DOC:N            a citation of a paragraph or one of its quotes (--style, --quote)
  related DOC:N         the same statement or paragraph told elsewhere
  compare DOC_A DOC_B   two articles aligned paragraph by paragraph
  stats                 counts of files, articles, paragraphs, quotes and terms
  marks export          the paragraphs and quotes marked in the reader, as one bibliography
  cluster init|status|add-replica   an index spread over several PostgreSQL servers

options:
  -c, --corpus PATH     corpus folder or file (default: the bundled seeds/)
  -i, --index DIR       index folder (default: index/ for the seeds, else the user cache)
  --backend SPEC        whoosh (the default), or a postgresql:// connection string
  -h, --help            show this help; 'reader COMMAND --help' for a command's options
  --version             print the version

Every command updates the index first if files were added, changed or removed.
{EXIT_CODES}; errors are one line on stderr.
"""

SEARCH_EPILOG = f"""\
query language:
  gabung                every form of the word (bergabung, menggabungkan)
  says                  in English articles: said, says, saying (each language its own stems)
  Tokayev Trump         paragraphs with both words
  "Truth Social"        the phrase, in that order
  a OR b, a NOT b, -b   boolean logic; (a OR b) c groups
  Kaz*  Kazakstan~      prefix; words one or two edits away
  title: outlet: speaker: quote:   search one field
  date:2025-11  date:2025-11-01..2025-11-30  lang:en   filter by date or language
  kategori:hoax         the corpus's own columns and sidecar keys are fields too
A query that starts with '-' goes after '--':  reader search -- -Trump

{EXIT_CODES}.
"""


class Parser(argparse.ArgumentParser):
    """An ArgumentParser whose errors are one-line :class:`UsageError`\\ s, not exits."""

    def error(self, message: str):  # type: ignore[override]
        raise UsageError(f"{message} (see '{self.prog} --help')")


def _ranged(low: int, high: int | None):
    def parse(text: str) -> int:
        try:
            value = int(text)
        except ValueError:
            raise argparse.ArgumentTypeError(f"'{text}' is not a whole number") from None
        if value < low or (high is not None and value > high):
            span = f"from {low} to {high}" if high is not None else f"at least {low}"
            raise argparse.ArgumentTypeError(f"must be {span}, not {value}")
        return value

    parse.__name__ = "number"
    return parse


def _choice(choices: tuple[str, ...]):
    def parse(text: str) -> str:
        value = text.lower()
        if value not in choices:
            raise argparse.ArgumentTypeError(
                f"'{text}' is not one of {', '.join(choices)}")
        return value

    parse.__name__ = "choice"
    return parse


def _common(parser: argparse.ArgumentParser, json: bool = True) -> None:
    group = parser.add_argument_group("corpus and index")
    group.add_argument("-c", "--corpus", type=Path, metavar="PATH",
                       help="corpus folder or file (default: the bundled seeds/)")
    group.add_argument("-i", "--index", type=Path, metavar="DIR",
                       help="index folder (default: index/ for the seeds, else the user cache)")
    group.add_argument("--backend", metavar="SPEC",
                       help="search engine: whoosh, or a postgresql:// connection string "
                       "(default: the backend setting, READER_BACKEND)")
    if json:
        parser.add_argument("--json", action="store_true", dest="as_json",
                            help="print one JSON document on stdout")


def _command(sub, name: str, summary: str, description: str | None = None,
             epilog: str | None = EXIT_CODES + ".") -> argparse.ArgumentParser:
    return sub.add_parser(
        name, help=summary, description=description or summary, epilog=epilog,
        formatter_class=argparse.RawDescriptionHelpFormatter, allow_abbrev=False)


def citation_styles() -> tuple[str, ...]:
    """The citation styles, from the one list in :mod:`reader.cite` (imported only for
    ``reader cite``: the formatters are not on other commands' start path)."""
    from reader.cite import STYLES

    return tuple(STYLES)


def build(command: str | None = None) -> Parser:
    """The whole grammar: one parser with a subparser a command. ``command``, when known,
    lets a subparser fetch what only it needs (the citation styles for ``cite``)."""
    top = Parser(prog="reader", allow_abbrev=False, add_help=False)
    top.add_argument("-h", "--help", action="store_true")
    top.add_argument("--version", action="version", version=f"reader {__version__}")
    sub = top.add_subparsers(dest="command", metavar="COMMAND", parser_class=Parser)

    p = _command(sub, OPEN, "Open the reader on a corpus (the default command).",
                 "Open the reader on a folder or file of articles. It needs a terminal.")
    p.add_argument("corpus_arg", nargs="?", type=Path, metavar="CORPUS",
                   help="corpus folder or file (default: the bundled seeds/)")
    _common(p, json=False)

    p = _command(sub, "index", "Build or update the index.",
                 "Build or update the index: only added, changed and removed files are read.\n"
                 "On a terminal a progress line shows files done, the rate and the time left.")
    p.add_argument("corpus_arg", nargs="?", type=Path, metavar="CORPUS",
                   help="corpus folder or file (the same as --corpus)")
    p.add_argument("--rebuild", action="store_true", help="rebuild the index from scratch")
    _common(p)

    p = _command(sub, "search", "Search paragraphs.",
                 "Search paragraphs: exit 1 when nothing matches, 2 for a malformed query.",
                 SEARCH_EPILOG)
    p.add_argument("query", metavar="QUERY", help="words, \"phrases\", OR, NOT, -word, "
                   "prefix*, word~, title:, outlet:, speaker:, quote:, date:, lang:")
    p.add_argument("-n", "--limit", type=_ranged(1, 10_000), default=20, metavar="N",
                   help="how many hits to show (default 20, at most 10000)")
    p.add_argument("--offset", type=_ranged(0, 100_000), default=0, metavar="K",
                   help="skip the first K hits (with --limit, to page through results)")
    p.add_argument("--sort", type=_choice(SORTS), default="relevance",
                   metavar="{" + ",".join(SORTS) + "}",
                   help="order of the hits: relevance (default), newest or oldest article "
                   "first (every hit; undated articles last)")
    p.add_argument("--facets", action="store_true",
                   help="also count every hit by outlet and by year")
    _common(p)

    p = _command(sub, "show", "Show an article or one paragraph, quotes marked.")
    p.add_argument("target", metavar="DOC[:N]", help="an article id, or DOC:N for paragraph N")
    _common(p)

    p = _command(sub, "quotes", "List quotations with their speakers.",
                 "List quotations with their speakers and where they came through.")
    p.add_argument("-s", "--speaker", metavar="NAME",
                   help="only quotes whose speaker (or role) contains this name")
    p.add_argument("-d", "--doc", metavar="DOC", help="only this article")
    _common(p)

    p = _command(sub, "cite", "Cite a paragraph or one of its quotes.")
    p.add_argument("target", metavar="DOC:N", help="the paragraph to cite")
    p.add_argument("-q", "--quote", type=_ranged(1, None), metavar="K",
                   help="cite the K-th quote of the paragraph")
    styles = ", ".join(citation_styles()) if command == "cite" else "see 'reader cite --help'"
    p.add_argument("--style", type=str.lower, default="plain", metavar="STYLE",
                   help=f"citation style: {styles} (default plain)")
    p.add_argument("--excerpt", type=_ranged(20, None), default=None, metavar="CHARS",
                   help="plain style: cut the paragraph at a word near CHARS characters, with "
                   "'…' (default: the whole paragraph)")
    _common(p, json=False)

    p = _command(sub, "related", "Paragraphs elsewhere that tell the same thing.",
                 "Paragraphs and quotes elsewhere in the corpus that tell what DOC:N tells, "
                 "best first.")
    p.add_argument("target", metavar="DOC:N", help="the paragraph to look for")
    p.add_argument("-n", "--limit", type=_ranged(1, 500), default=20, metavar="N",
                   help="how many to show (default 20, at most 500)")
    _common(p)

    p = _command(sub, "compare", "Align two articles paragraph by paragraph.",
                 "Align two articles paragraph by paragraph and match the statements they "
                 "share.")
    p.add_argument("doc_a", metavar="DOC_A")
    p.add_argument("doc_b", metavar="DOC_B")
    _common(p)

    p = _command(sub, "stats", "Counts of files, articles, paragraphs, quotes and terms.")
    _common(p)

    p = _command(sub, "marks", "The marks made in the reader (m), exported as one bibliography.",
                 "Export every mark of the corpus: one entry per article, each mark with its "
                 "paragraph as the locator (bibtex, csl-json), or a Markdown dossier of the "
                 "marked quotes with their citations (markdown).")
    p.add_argument("action", choices=("export",), help="what to do with the marks")
    p.add_argument("--style", type=str.lower, default="bibtex", metavar="STYLE",
                   help="citation style of the export (default bibtex)")
    p.add_argument("-o", "--output", type=Path, metavar="FILE",
                   help="write to FILE (through a temporary file) instead of stdout")
    _common(p, json=False)

    p = _command(sub, "cluster", "Lay out and watch an index spread over PostgreSQL servers.",
                 "An index spread over shard servers behind a coordinator (see 'Server mode' "
                 "in the README).\n"
                 "  init COORDINATOR SHARD...   create the tables on the shards and the "
                 "coordinator\n"
                 "  status                      the shards, their servers, which are up\n"
                 "  add-replica N HOST:PORT     searches of shard N fall back to this "
                 "replica\n"
                 "status and add-replica ask the coordinator named by --backend (or the "
                 "backend setting).")
    actions = p.add_subparsers(dest="action", metavar="ACTION", parser_class=Parser,
                               required=True)
    q = actions.add_parser("init", help="create the cluster's tables",
                           description="Create the cluster's tables on every shard and the "
                           "coordinator (each a connection string; list a shard's replicas "
                           "as more hosts: postgresql://u:pw@a:5432,b:5432/db).")
    q.add_argument("coordinator", metavar="COORDINATOR")
    q.add_argument("shards", nargs="+", metavar="SHARD")
    q = actions.add_parser("status", help="the shards, their servers and which are up",
                           description="The coordinator's shards: what each holds, and which "
                           "of its servers are up as primary or replica. Exit 3 when a shard "
                           "cannot be reached (its searches fail).")
    q.add_argument("--backend", metavar="SPEC", help="the coordinator's connection string")
    q.add_argument("--json", action="store_true", dest="as_json",
                   help="print one JSON document on stdout")
    q = actions.add_parser("add-replica", help="add a replica's address to a shard",
                           description="List a streaming replica of shard N's primary "
                           "(made with pg_basebackup -R) among the shard's hosts on the "
                           "coordinator: when the primary is gone, searches go there.")
    q.add_argument("shard", type=_ranged(0, None), metavar="N", help="the shard's number")
    q.add_argument("address", metavar="HOST:PORT", help="the replica's address")
    q.add_argument("--backend", metavar="SPEC", help="the coordinator's connection string")
    return top


def command_at(argv: list[str]) -> int | None:
    """Where the first word of ``argv`` that is not an option or an option's value is."""
    skip = False
    for at, arg in enumerate(argv):
        if skip:
            skip = False
        elif arg == "--":
            return None
        elif arg in _VALUED:
            skip = True
        elif not arg.startswith("-"):
            return at
    return None


def _not_a_command(word: str) -> None:
    """``reader serch x``: a word that is neither a command nor an existing corpus path."""
    import difflib

    close = difflib.get_close_matches(word, COMMANDS, n=1, cutoff=0.6)
    if close:
        raise UsageError(f"unknown command '{word}': did you mean 'reader {close[0]}'? "
                         "(see 'reader --help')")


def parse(argv: list[str]) -> argparse.Namespace:
    """Parse ``reader ARGS``; ``reader [CORPUS]`` becomes the ``open`` command.

    Raises :class:`UsageError` for anything malformed; ``--help`` and ``--version`` print and
    exit with status 0 (``SystemExit``).
    """
    argv = list(argv)
    at = command_at(argv)
    first = None if at is None else argv[at]
    parser = build(first if first in COMMANDS else None)
    if first is None and any(a in ("-h", "--help") for a in argv):
        sys.stdout.write(TOP_HELP)
        sys.stdout.flush()
        raise SystemExit(0)
    if first in COMMANDS or first == OPEN:
        argv.insert(0, argv.pop(at))  # the command word first: options may stand before it
    elif "--version" not in argv:
        if first is not None and not os.path.exists(first):
            _not_a_command(first)
        argv.insert(0, OPEN)
    args = parser.parse_args(argv)
    if args.command is None:  # e.g. only --version, handled by argparse already
        args.command = OPEN
    if args.command == OPEN and args.corpus_arg is not None and args.corpus is not None:
        raise UsageError("give the corpus once: as CORPUS or as --corpus")
    return args


__all__ = ["COMMANDS", "OPEN", "Parser", "SORTS", "build", "citation_styles", "command_at",
           "parse"]
