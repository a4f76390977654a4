"""JSON and JSON Lines exports: one article per object.

Why the care: a JSON document written with ``indent=0`` has an object on each line's start and
looks like JSON Lines; a hostile file nests 100,000 arrays or writes a 5,000-digit number.
The whole text is tried as one document first and read line by line only when it is not one;
one bad line or record is a warning and the others are kept.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator

from reader.ingest.formats.base import Format, Source
from reader.ingest.records import to_articles
from reader.ingest.source import Skipped
from reader.records import Article

LIST_KEYS = ("articles", "data", "items", "records", "results", "rows", "docs", "documents")
MAX_DIGITS = 100  # longer integers stay text: int() refuses 4,300+ digits, and none is an article


def _int(digits: str) -> int | str:
    return int(digits) if len(digits) <= MAX_DIGITS else digits


def _float(digits: str) -> float | str:
    return float(digits) if len(digits) <= MAX_DIGITS else digits


def _loads(text: str) -> object:
    return json.loads(text, parse_int=_int, parse_float=_float)


def _problem(exc: BaseException) -> str:
    if isinstance(exc, RecursionError):
        return "nested too deeply"
    if isinstance(exc, json.JSONDecodeError):
        return f"invalid JSON at line {exc.lineno}"
    return "invalid JSON"


def _records(data: object) -> list[dict]:
    if isinstance(data, dict):
        for key in LIST_KEYS:
            if isinstance(data.get(key), list):
                data = data[key]
                break
        else:
            return [data]
    if isinstance(data, list):
        return [item for item in data if isinstance(item, dict)]
    return []


_TOKEN = re.compile(r'"(?:[^"\\]|\\.)*"|[\[\]{}]')


def _objects(text: str) -> Iterator[tuple[int, int]]:
    """Spans of the objects of a document's record list (``[{…}, …]`` or ``{"articles": [{…}]}``)
    found without parsing them, so one record nested too deeply loses only itself."""
    stack: list[str] = []
    start = -1
    for match in _TOKEN.finditer(text):
        token = match.group()
        if token[0] == '"':
            continue
        if token in "[{":
            if token == "{" and start < 0 and (stack == ["["] or stack == ["{", "["]):
                start = match.start()
            stack.append(token)
        elif stack:
            stack.pop()
            if start >= 0 and len(stack) == (1 if stack[:1] == ["["] else 2):
                yield start, match.end()
                start = -1


def _by_object(text: str, source: Source) -> list[tuple[int, dict]]:
    rows = []
    for number, (a, b) in enumerate(_objects(text), start=1):
        try:
            item = _loads(text[a:b])
        except (ValueError, RecursionError) as exc:
            source.warnings.append(f"record {number} skipped ({_problem(exc)})")
            continue
        if isinstance(item, dict):
            rows.append((number, item))
    return rows


def read(source: Source) -> Iterable[Article]:
    text = source.text
    try:
        rows = list(enumerate(_records(_loads(text)), start=1))
    except RecursionError:  # one record nested too deeply: read the others one by one
        rows = _by_object(text, source)
        if not rows:
            rows = _by_line(text, source, RecursionError())
    except ValueError as whole:  # JSON Lines, or a broken document
        rows = _by_line(text, source, whole)
    articles = to_articles(rows, source)
    if not articles:
        raise Skipped("no records with article text")
    return articles


def _by_line(text: str, source: Source, whole: BaseException) -> list[tuple[int, dict]]:
    rows = []
    failures = 0
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        try:
            item = _loads(line)
        except (ValueError, RecursionError) as exc:
            failures += 1
            if failures <= 20:
                source.warnings.append(f"line {number} skipped ({_problem(exc)})")
            continue
        if isinstance(item, dict):
            rows.append((number, item))
    if not rows:
        raise Skipped(_problem(whole)) from None
    if failures > 20:
        source.warnings.append(f"{failures - 20} more lines skipped")
    return rows


FORMAT = Format("json", (".json", ".jsonl", ".ndjson"), read)
