"""One batch of files as COPY data for PostgreSQL: its rows in COPY's text format and what they
add to the statistics.

Apart from :mod:`.analyse`, which runs batches in worker processes, so that this part (a fifth
of a worker's time: a row's values written as text, its terms counted) is compiled with the
reading and quotation modules (``hatch_build.py``); the pools and their generators stay Python
(a compiled generator dropped early would skip its ``finally``).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

from reader.search.backend import FileState, IndexedFile
from reader.search.postgresql.documents import ARTICLE_FIELDS, article_record, article_rows
from reader.search.postgresql.lexemes import learned
from reader.search.postgresql.spool import sort_rows


@dataclass
class Analysed:
    """One batch of files as COPY text (UTF-8: it crosses from the worker to the parent and
    on to the server as it is, never decoded and encoded again on the way), with what it
    adds to the statistics."""

    paragraphs: bytes  # rows of ``paragraphs`` in COPY text format
    articles: bytes  # rows of ``articles``
    rows: int = 0  # paragraph rows
    df: dict[str, Counter] = field(default_factory=dict)  # field -> term -> paragraphs
    lengths: Counter = field(default_factory=Counter)  # field -> summed length
    stems: dict[str, str] = field(default_factory=dict)  # each stemmed word of the batch
    postings: bytes = b""  # rows of ``postings`` (when the rows are numbered), in key order
    files: list[tuple[str, FileState]] = field(default_factory=list)  # read by a worker
    warnings: list[str] = field(default_factory=list)  # reading them said


def copy_value(value) -> str:
    """One value in COPY's text format: NULL as ``\\N``, arrays in braces (numbers as they
    are, text quoted as an array element, then escaped for COPY like any text)."""
    if value is None:
        return "\\N"
    if isinstance(value, str):
        # replace() rather than translate() with a table: an article's JSON is long, and
        # translating it cost ten times as much; backslashes first, the others add some
        if "\\" in value:
            value = value.replace("\\", "\\\\")
        if "\t" in value or "\n" in value or "\r" in value:
            value = value.replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
        return value
    if isinstance(value, list):
        if not any(isinstance(v, str) for v in value):
            return "{" + ",".join(str(int(v)) for v in value) + "}"
        return copy_value("{" + ",".join(_array_element(str(v)) for v in value) + "}")
    return str(value)


def _array_element(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def copy_line(values: tuple) -> str:
    """A row in COPY's text format; plain strings and numbers, most of a row, without a call
    each."""
    out = []
    for value in values:
        kind = type(value)
        if kind is str:
            if "\\" in value or "\t" in value or "\n" in value or "\r" in value:
                value = copy_value(value)
            out.append(value)
        elif kind is int:
            out.append(str(value))
        else:
            out.append(copy_value(value))
    return "\t".join(out) + "\n"


def copy_text(rows: Iterable[tuple[str | int, ...]]) -> bytes:
    """Rows of text and integers in COPY's text format, as UTF-8, in one block (the terms and
    stems a load writes at its end, hundreds of thousands): joined as they are when no value
    holds a tab, a line break, a carriage return or a backslash (the block's tabs and line
    breaks are counted to tell), row by row with :func:`copy_line` otherwise."""
    rows = list(rows)
    text = "".join(["\t".join(map(str, row)) + "\n" for row in rows])
    if (text.count("\n") != len(rows) or text.count("\t") != sum(len(r) - 1 for r in rows)
            or "\\" in text or "\r" in text):
        text = "".join(map(copy_line, rows))
    return text.encode()


def copy_bytes(values: tuple) -> bytes:
    """A row in COPY's text format as UTF-8, its ``bytes`` values (UTF-8 already) escaped as
    they are."""
    out = []
    for value in values:
        if type(value) is bytes:
            if b"\\" in value:
                value = value.replace(b"\\", b"\\\\")
            if b"\t" in value or b"\n" in value or b"\r" in value:
                value = value.replace(b"\t", b"\\t").replace(b"\n", b"\\n").replace(b"\r", b"\\r")
            out.append(value)
        else:
            out.append(copy_value(value).encode())
    return b"\t".join(out) + b"\n"


def batch_rows(batch: list[IndexedFile], first: int | None = None) -> Analysed:
    """The rows of every article of ``batch``, with their statistics; the paragraphs are
    numbered from ``first`` when given (and then have postings)."""
    paragraphs, articles, postings = [], [], []
    df: dict[str, Counter] = {}
    # each row's terms of a paragraph's own fields and its fields' lengths, counted once at the
    # end (a count a row and field was a tenth of the cost of analysing it)
    met: dict[str, list[str]] = {}
    totals: Counter = Counter()
    lengths: list[tuple[int, ...]] = []
    names: tuple[str, ...] = ()
    rows = 0
    for indexed in batch:
        for article in indexed.articles:
            articles.append(copy_bytes(article_record(article, indexed.relative)))
            row = None
            start = rows
            for row in article_rows(article, indexed.relative,
                                    None if first is None else first + rows):
                # each row encoded on its own: a text with a character past Latin-1 (a curly
                # quote) makes all of a joined string wide, and wide text encodes slowly
                paragraphs.append(copy_line(row.values).encode())
                postings.append(row.postings.encode())
                for fieldname, terms in row.terms.items():
                    if fieldname not in ARTICLE_FIELDS:
                        terms_met = met.get(fieldname)
                        if terms_met is None:
                            _counter(df, fieldname)  # (the fields in the order first met)
                            terms_met = met[fieldname] = []
                        terms_met.extend(terms)
                if tuple(row.lengths) != names:  # (every row has the same fields)
                    _add_lengths(totals, names, lengths)
                    names, lengths = tuple(row.lengths), []
                lengths.append(tuple(row.lengths.values()))
                rows += 1
            if row is not None:  # the article's own fields: the same terms in every row
                for fieldname in ARTICLE_FIELDS:
                    _counter(df, fieldname).update(dict.fromkeys(row.terms[fieldname],
                                                                 rows - start))
    for fieldname, terms_met in met.items():
        df[fieldname].update(terms_met)
    _add_lengths(totals, names, lengths)
    return Analysed(b"".join(paragraphs), b"".join(articles), rows, df,
                    totals, learned(), sort_rows(b"".join(postings)))


def _add_lengths(totals: Counter, names: tuple[str, ...], lengths: list[tuple[int, ...]]
                 ) -> None:
    """Add to ``totals`` the ``lengths`` of rows (each in the order of ``names``), summed."""
    if lengths:
        totals.update(dict(zip(names, map(sum, zip(*lengths, strict=True)), strict=True)))


def _counter(df: dict[str, Counter], fieldname: str) -> Counter:
    counts = df.get(fieldname)
    if counts is None:
        counts = df[fieldname] = Counter()
    return counts
