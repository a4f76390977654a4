"""Scoring the reader's quotations against hand labels, shared by the tests and the benchmark.

Two label sets: ``news-dev`` (``labels.json`` beside its ``articles/``; the definitions are in
its ``schema`` field) and the hoax CSV labels in ``tests/fixtures/quote_labels.json``. Articles
are read through :mod:`reader.ingest` and quotes found by the indexer's own ``attach_quotes``, so
the figures are what a user gets.

Counting (per language):

- ``statements``: labelled statements (ambiguous ones excluded); ``found``: of those, the reader
  reports a quote starting with the label's prefix, as a statement (``recall = found/statements``).
- ``speaker_right``: found statements whose reported speaker contains one of the label's
  substrings (a label with no speaker wants none reported); ``speaker = speaker_right/found``.
- ``extracted`` / ``extracted_true``: statements the reader reports / of those, the ones matching a
  labelled statement or ambiguous quote, or continuing one opened in an earlier paragraph
  (``precision``). A quotation nested in another is part of it and not counted again (the
  labels list the outer quotation; a nested term is still matched against term labels).
- ``terms`` / ``terms_right``: labelled terms, and those the reader reports as terms.
- ``via`` / ``via_right``: labelled statements naming a medium, and those whose reported ``via``
  contains one of the label's substrings.
- ``dropped``: labels on a link or promotion line (``Tonton juga video "…" di sini:``), which
  the reader's ingestion leaves out of the paragraphs (such a line is not a paragraph, not a
  quotation and never a speaker); they are listed and counted apart, in no other figure.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

from reader.language.sentences import boilerplate
from reader.records import STATEMENT, TERM, Article, Quote

SHARED = Path(__file__).resolve().parents[2] / "shared"
NEWS_DEV = SHARED / "corpora" / "news-dev"
HOAX_CSV = SHARED / "corpora" / "berita_hoax_indonesia.csv"
HOAX_LABELS = Path(__file__).parent / "fixtures" / "quote_labels.json"

_MARKS = "\"“”‘’'«»„"


def norm(text: str | None) -> str:
    return " ".join(re.findall(r"\w+", (text or "").casefold()))


def _speaker_matches(quote: Quote, wanted) -> bool:
    if wanted is None:
        return quote.speaker is None
    got = norm(quote.speaker)
    options = wanted if isinstance(wanted, list) else [wanted]
    return bool(got) and any(norm(option) in got for option in options)


def _nested(quote: Quote, quotes: list[Quote]) -> bool:
    """A quotation inside another one of the same paragraph (reported inside it)."""
    return any(o is not quote and o.start <= quote.start and quote.end <= o.end
               and (o.start, o.end) != (quote.start, quote.end) for o in quotes)


def _continues(paragraph_text: str, quote: Quote) -> bool:
    """A quote with no opening mark of its own: the rest of one opened in an earlier paragraph."""
    before = paragraph_text[:quote.start].strip()
    return not before or before[-1] not in _MARKS


class Score(Counter):
    """Counts of one label set, keyed ``(language, name)``; figures by :meth:`figures`."""

    def figures(self, language: str | None = None) -> dict[str, float | int]:
        langs = {lang for lang, _ in self} if language is None else {language}

        def total(name: str) -> int:
            return sum(self[(lang, name)] for lang in langs)

        def ratio(top: str, bottom: str) -> float:
            return round(total(top) / total(bottom), 3) if total(bottom) else 1.0

        return {
            "statements": total("statements"), "found": total("found"),
            "speaker_right": total("speaker_right"), "extracted": total("extracted"),
            "extracted_true": total("extracted_true"), "terms": total("terms"),
            "terms_right": total("terms_right"), "via": total("via"),
            "via_right": total("via_right"), "dropped": total("dropped"),
            "recall": ratio("found", "statements"), "speaker": ratio("speaker_right", "found"),
            "speaker_of_all": ratio("speaker_right", "statements"),
            "precision": ratio("extracted_true", "extracted"),
            "term_accuracy": ratio("terms_right", "terms"),
            "via_accuracy": ratio("via_right", "via"),
        }


def _on_a_dropped_line(article: Article, prefix: str) -> bool:
    """The labelled text stands on a link or promotion line (``Tonton juga video "…" di
    sini:``) that the reader's ingestion leaves out of the paragraphs, and nowhere in them."""
    key = norm(prefix)
    if any(key in norm(p.text) for p in article.paragraphs):
        return False
    for line in _source_lines(article):
        if key in norm(line):
            return boilerplate(line)
    return False


def _source_lines(article: Article) -> list[str]:
    """The lines of the article's own text in its file (its record's text for JSON lines)."""
    path = Path(article.path)
    raw = path.read_text(encoding="utf-8", errors="replace")
    if path.suffix.lower() not in (".jsonl", ".json"):
        return raw.splitlines()
    lines: list[str] = []
    for row in raw.splitlines():
        try:
            record = json.loads(row)
        except json.JSONDecodeError:
            continue
        if isinstance(record, dict):
            for value in record.values():
                if isinstance(value, str):
                    lines.extend(value.splitlines())
    return lines


def score_article(article: Article, labels: list[dict], language: str, score: Score,
                  misses: list[str] | None = None) -> None:
    """Add one article's counts; ``misses`` collects a line per error, for reading."""
    found: list[tuple[str, Quote]] = [
        (p.text, q) for p in article.paragraphs if p.repeat_of is None for q in p.quotes]
    used: set[int] = set()
    matched_statements: set[int] = set()
    note = misses.append if misses is not None else (lambda line: None)

    def locate(prefix: str) -> int | None:
        key = norm(prefix)
        return next((i for i, (_, q) in enumerate(found)
                     if i not in used and norm(q.text).startswith(key)), None)

    for label in labels:
        hit = locate(label["prefix"])
        if hit is not None:
            used.add(hit)
        quote = found[hit][1] if hit is not None else None
        what = f"{article.doc} ¶{label.get('para')} {label['prefix'][:40]!r}"
        if quote is None and _on_a_dropped_line(article, label["prefix"]):
            score[(language, "dropped")] += 1  # a link line: not a paragraph, not a quotation
            note(f"drop   {what}: on a link line the reader leaves out of the paragraphs")
            continue
        if label.get("ambiguous"):
            if quote is not None and quote.kind == STATEMENT:
                matched_statements.add(hit)
            continue
        if label["kind"] == TERM:
            score[(language, "terms")] += 1
            if quote is not None and quote.kind == TERM:
                score[(language, "terms_right")] += 1
            else:
                note(f"term   {what}: got {quote.kind if quote else 'nothing'}")
            continue
        score[(language, "statements")] += 1
        if quote is None or quote.kind != STATEMENT:
            note(f"recall {what}: got {quote.kind if quote else 'nothing'}")
            if label.get("via"):
                score[(language, "via")] += 1
            continue
        matched_statements.add(hit)
        score[(language, "found")] += 1
        if _speaker_matches(quote, label.get("speaker")):
            score[(language, "speaker_right")] += 1
        else:
            note(f"speakr {what}: got {quote.speaker!r} ({quote.role!r}), "
                 f"want {label.get('speaker')}")
        if label.get("via"):
            score[(language, "via")] += 1
            if quote.via and any(norm(v) in norm(quote.via) for v in label["via"]):
                score[(language, "via_right")] += 1
            else:
                note(f"via    {what}: got {quote.via!r}, want {label['via']}")
    previous_true = False
    for index, (text, quote) in enumerate(found):
        if quote.kind != STATEMENT or _nested(quote, [q for t, q in found if t is text]):
            previous_true = False
            continue
        score[(language, "extracted")] += 1
        true = index in matched_statements or (previous_true and _continues(text, quote))
        score[(language, "extracted_true")] += true
        if not true:
            note(f"extra  {article.doc} {quote.text[:50]!r} ({quote.speaker!r})")
        previous_true = true


def _quoted(article: Article) -> Article:
    from reader.sync import attach_quotes

    attach_quotes(article)
    return article


def score_news_dev(root: Path = NEWS_DEV, misses: list[str] | None = None) -> Score:
    """Counts on the news-dev corpus, read through the reader's ingestion."""
    from reader.ingest import load

    labels = json.loads((root / "labels.json").read_text(encoding="utf-8"))
    articles = {a.doc: a for a in load(root / "articles")}
    score = Score()
    for entry in labels["articles"]:
        article = articles.get(entry["doc"])
        if article is None:
            raise AssertionError(f"{entry['doc']} was not read from {entry['file']}")
        score_article(_quoted(article), entry["quotes"], entry["lang"], score, misses)
    return score


def _same_speaker(got: str | None, wanted) -> bool:
    """The hoax labels' rule: a name contained either way, or the same last word."""
    if wanted is None:
        return True
    mine = norm(got)
    if not mine:
        return False
    for option in wanted if isinstance(wanted, list) else [wanted]:
        theirs = norm(option)
        if theirs in mine or mine in theirs or mine.split()[-1] == theirs.split()[-1]:
            return True
    return False


def score_hoax(csv: Path = HOAX_CSV, labels_path: Path = HOAX_LABELS,
               misses: list[str] | None = None) -> Score:
    """Counts on the hand-labelled rows of the hoax CSV (all Indonesian), with that set's own
    matching rules (the first 30 characters of the label anywhere in the quote; a speaker
    matches when either name contains the other or they share the last word)."""
    from reader.ingest import load

    labels = json.loads(labels_path.read_text(encoding="utf-8"))
    articles = {a.doc: a for a in load(csv)}
    score = Score()
    note = misses.append if misses is not None else (lambda line: None)
    for entry in labels["articles"]:
        article = _quoted(articles[f"{csv.stem}-{entry['row'] + 1:04d}"])
        quotes = [q for p in article.paragraphs for q in p.quotes]
        used: set[int] = set()
        for label in entry["quotes"]:
            key = norm(label["text"])[:30]
            hit = next((i for i, q in enumerate(quotes)
                        if i not in used and norm(q.text).startswith(key)), None)
            if hit is None:
                hit = next((i for i, q in enumerate(quotes)
                            if i not in used and key in norm(q.text)), None)
            what = f"{article.doc} {label['text'][:40]!r}"
            if label["kind"] != STATEMENT:
                score[("id", "terms")] += 1
                if hit is not None and quotes[hit].kind == TERM:
                    score[("id", "terms_right")] += 1
                else:
                    note(f"term   {what}")
                continue
            score[("id", "statements")] += 1
            if hit is None:
                note(f"recall {what}")
                continue
            used.add(hit)
            score[("id", "found")] += 1
            quote = quotes[hit]
            if quote.kind == STATEMENT and _same_speaker(quote.speaker, label["speaker"]):
                score[("id", "speaker_right")] += 1
            else:
                note(f"speakr {what}: got {quote.kind} {quote.speaker!r}, "
                     f"want {label['speaker']}")
        keys = {norm(label["text"])[:30] for label in entry["quotes"]}
        for paragraph in article.paragraphs:
            for quote in paragraph.quotes:
                if quote.kind != STATEMENT or _nested(quote, paragraph.quotes):
                    continue
                score[("id", "extracted")] += 1
                true = any(k in norm(quote.text) for k in keys)
                score[("id", "extracted_true")] += true
                if not true:
                    note(f"extra  {article.doc} {quote.text[:50]!r}")
    return score
