"""CSV and TSV exports: one article per row, the separator sniffed from the header line."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from reader.ingest.formats.base import Format, Source
from reader.ingest.records import to_articles
from reader.ingest.source import Skipped
from reader.records import Article

FIELD_LIMIT = 64 * 1024 * 1024  # one cell; the whole file is bounded when it is read


def read(source: Source) -> Iterable[Article]:
    csv.field_size_limit(FIELD_LIMIT)
    text = source.text
    if source.path.suffix.lower() == ".tsv":
        delimiter = "\t"
    else:
        try:
            header = text[:10_000].split("\n", 1)[0]  # the Sniffer is slow on long samples
            delimiter = csv.Sniffer().sniff(header + "\n", ",;\t|").delimiter
        except csv.Error:
            delimiter = ","
    rows = csv.DictReader(io.StringIO(text), delimiter=delimiter)
    records = []
    try:
        for number, row in enumerate(rows, start=1):
            records.append((number, {str(k).strip(): v for k, v in row.items()
                                     if k is not None and v is not None}))
    except csv.Error as exc:
        source.warnings.append(f"rows after {len(records)} skipped ({exc})")
    articles = to_articles(records, source)
    if not articles:
        raise Skipped("no records with article text")
    return articles


FORMAT = Format("csv", (".csv", ".tsv"), read)
