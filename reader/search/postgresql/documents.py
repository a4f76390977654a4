"""What an article becomes in PostgreSQL: rows whose ``tsvector`` columns hold the reader's own
analysis.

PostgreSQL's own text search configurations do not analyse like the reader (its Snowball
``indonesian`` turns ``mengatakan`` into ``ata``), so nothing is left to them: each field is
analysed here with :mod:`reader.language.analysis` (the tokens, folding, stop words and stems
of the article's language, and the English mark, as the Whoosh index has them) and written as a
``tsvector`` literal with the same token positions Whoosh records (stop words keep their slot;
a split compound's parts take consecutive ones), so phrases match the same paragraphs. Term
frequencies above one and field lengths go in columns of their own, for BM25F.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import asdict, dataclass

from reader.language import analysis
from reader.language.analysis import (
    ENGLISH,
    ENGLISH_MARK,
    INDONESIAN,
    TOKEN_PATTERN,
    _is_reduplication,
    analysis_language,
)
from reader.records import Article, Paragraph
from reader.search.fields import extra_values
from reader.search.fields import language as language_tag

# The searchable fields, in column order: (name, stemmed and stop words dropped).
FIELDS: tuple[tuple[str, bool], ...] = (
    ("text", True), ("title", True), ("source", False), ("quote", True), ("speaker", False),
)
FIELD_NAMES = tuple(name for name, _ in FIELDS)
SPELL = "spell"  # the unstemmed words of paragraph text: "did you mean" draws on them
MAX_POSITION = 16383  # the highest position a tsvector records

_TOKEN_RE = re.compile(TOKEN_PATTERN, re.UNICODE)


def _fold(word: str) -> str:
    """Lower case and accents folded, with the analyzer's own table."""
    return word.lower() if word.isascii() else word.lower().translate(analysis.accent_map)


def tokens(text: str, stemming: bool = True, keep_stop_words: bool = False,
           language: str = INDONESIAN) -> list[tuple[str, int, str]]:
    """``(term, position, folded word)`` of every token the index keeps, positions from 0 as
    Whoosh counts them: one a word, one a part of a split compound, stop words counted and
    dropped (``stemming`` also drops stop words; the name fields keep them). ``language``
    chooses stop words and stemmer (``analysis.QUERY``: both languages' stop words, unstemmed).
    """
    out = []
    append = out.append
    stops = analysis.stop_words(language) if stemming and not keep_stop_words else frozenset()
    stem = analysis.stemmer(language) if stemming else None
    pos = 0
    for match in _TOKEN_RE.finditer(text):
        word = match.group()
        parts = word.split("-") if "-" in word and not _is_reduplication(word) else (word,)
        for part in parts:
            if not part:
                continue
            folded = _fold(part)
            if folded not in stops:
                append((stem(folded) if stem else folded, pos, folded))
            pos += 1
    return out


def tsvector(found: list[tuple[str, int, str]]) -> tuple[str, Counter]:
    """The ``tsvector`` literal of analysed tokens (positions from 1) and each term's count."""
    where: dict[str, list[int]] = {}
    for term, pos, _word in found:
        where.setdefault(term, []).append(min(pos + 1, MAX_POSITION))
    parts = []
    for term, positions in where.items():
        quoted = term.replace("\\", "\\\\").replace("'", "''")
        parts.append(f"'{quoted}':{','.join(map(str, positions))}")
    return " ".join(parts), Counter({term: len(p) for term, p in where.items()})


def field_values(article: Article, paragraph: Paragraph) -> dict[str, str]:
    """The text of each searchable field of one paragraph, as the Whoosh index has them."""
    statements = paragraph.quotes
    return {
        "text": paragraph.text,
        "title": article.title or "",
        "source": article.source or "",
        "quote": "\n".join(q.text for q in statements),
        "speaker": "\n".join(" ".join(filter(None, (q.speaker, q.via)))
                             for q in statements if q.speaker),
    }


@dataclass
class ParagraphRow:
    """One row of ``paragraphs`` and the distinct terms it adds to each field's statistics."""

    values: tuple
    terms: dict[str, set[str]]
    lengths: dict[str, int]


PARAGRAPH_COLUMNS = (
    "doc", "para", "path", "title", "source", "text", "repeats", "quotes",
    *(f"{name}_tsv" for name in FIELD_NAMES), *(f"{name}_len" for name in FIELD_NAMES), "tf",
    "date", "lang", "extra_tsv",
)
ARTICLE_COLUMNS = ("doc", "path", "title", "source", "date", "paragraphs", "quotes", "data",
                   "extra_keys")
EXTRA = "extra"  # the field of the corpus's own fields: lexemes "key=word" in extra_tsv


def extra_lexeme(key: str, word: str) -> str:
    """The lexeme of one word of an extra field's value (see :mod:`reader.search.fields`)."""
    return f"{key}={word}"


def extra_tsvector(article: Article) -> str:
    """The ``tsvector`` of the article's own fields: each value's words (folded, not stemmed,
    as an outlet's) under its key, positions running on so phrases stay within one value."""
    found: list[tuple[str, int, str]] = []
    offset = 0
    for key, value in sorted(extra_values(article.fields).items()):
        words = tokens(value, False)
        found += [(extra_lexeme(key, term), offset + pos, word) for term, pos, word in words]
        offset += (max((pos for _t, pos, _w in words), default=0) + 2)
    return tsvector(found)[0]


def paragraph_row(article: Article, paragraph: Paragraph, relative: str,
                  repeats: list[int]) -> ParagraphRow:
    values = field_values(article, paragraph)
    vectors, lengths, terms = [], {}, {}
    frequent: dict[str, int] = {}
    language = analysis_language(article.language)
    for name, stemming in FIELDS:
        found = tokens(values[name], stemming, language=language)
        if stemming and language == ENGLISH and values[name]:  # as the Whoosh analyzer marks
            found.insert(0, (ENGLISH_MARK, 0, ENGLISH_MARK))
        literal, counts = tsvector(found)
        vectors.append(literal)
        lengths[name] = len(found)
        terms[name] = set(counts)
        for term, n in counts.items():
            if n > 1:
                frequent[f"{name}:{term}"] = n
        if name == "text":
            terms[SPELL] = {word for _term, _pos, word in found if word != ENGLISH_MARK}
    row = (
        article.doc, paragraph.number, relative, article.title, article.source,
        paragraph.text, repeats,
        json.dumps([asdict(q) for q in paragraph.quotes], ensure_ascii=False),
        *vectors, *(lengths[name] for name in FIELD_NAMES),
        json.dumps(frequent, ensure_ascii=False) if frequent else None,
        article.date or None, language_tag(article.language) or None, extra_tsvector(article),
    )
    return ParagraphRow(row, terms, lengths)


def article_rows(article: Article, relative: str) -> Iterator[ParagraphRow]:
    """The rows of each unique paragraph of ``article`` (repeats are folded into their first)."""
    repeats: dict[int, list[int]] = {}
    for p in article.paragraphs:
        if p.repeat_of is not None:
            repeats.setdefault(p.repeat_of, []).append(p.number)
    for p in article.paragraphs:
        if p.repeat_of is None:
            yield paragraph_row(article, p, relative, repeats.get(p.number, []))


def article_record(article: Article, relative: str) -> tuple:
    data = json.dumps(asdict(article), ensure_ascii=False, separators=(",", ":"))
    return (article.doc, relative, article.title, article.source, article.date,
            len(article.paragraphs), article.quote_count, data,
            sorted(extra_values(article.fields)))


def article_from_json(data: str) -> Article:
    from reader.records import Quote

    raw = json.loads(data)
    paragraphs = [
        Paragraph(number=p["number"], text=p["text"], start=p["start"], end=p["end"],
                  repeat_of=p.get("repeat_of"), quotes=[Quote(**q) for q in p.get("quotes", [])])
        for p in raw.pop("paragraphs", [])
    ]
    return Article(paragraphs=paragraphs, **raw)
