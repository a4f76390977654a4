"""What an article becomes in PostgreSQL: rows whose ``tsvector`` columns hold the reader's own
analysis.

PostgreSQL's own text search configurations do not analyse like the reader (its Snowball
``indonesian`` turns ``mengatakan`` into ``ata``), so nothing is left to them: each field is
analysed with :mod:`reader.language.analysis` (:mod:`.lexemes`: the tokens, folding, stop words
and stems of the article's language, and the English mark, as the Whoosh index has them) and
written as a ``tsvector`` literal with the same token positions Whoosh records (stop words
keep their slot; a split compound's parts take consecutive ones), so phrases match the same
paragraphs. Term frequencies above one and field lengths go in columns of their own, for
BM25F.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, fields
from functools import lru_cache

import orjson

from reader.language.analysis import ENGLISH, ENGLISH_MARK, analysis_language
from reader.records import Article, Paragraph, Quote
from reader.search.fields import extra_values
from reader.search.fields import language as language_tag
from reader.search.postgresql.lexemes import (
    _AT,
    MAX_POSITION,
    _positions,
    lexeme,
    tokens,
    tsvector,
    word_memory,
)
from reader.search.postgresql.speedups import COMPILED as _COMPILED

# The searchable fields, in column order: (name, stemmed and stop words dropped).
FIELDS: tuple[tuple[str, bool], ...] = (
    ("text", True), ("title", True), ("source", False), ("quote", True), ("speaker", False),
)
FIELD_NAMES = tuple(name for name, _ in FIELDS)
SPELL = "spell"  # the unstemmed words of paragraph text: "did you mean" draws on them
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
    terms: dict[str, Iterable[str]]
    lengths: dict[str, int]
    postings: str = ""  # its rows of ``postings`` in COPY text format (when it has an id)


PARAGRAPH_COLUMNS = (
    "id", "doc", "para", "path", "title", "source", "text", "repeats", "quotes",
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


POSTING_COLUMNS = ("key", "field", "term", "id", "tf", "len", "en", "pos", "more")


@lru_cache(maxsize=1 << 17)
def term_key(code: int, term: str) -> int:
    """The 64-bit key the postings are indexed by for a field (its code) and term: the first
    8 bytes of the MD5 of ``code:term``, signed, as :func:`term_key_sql` computes it on the
    server. An index on integers sorts in a third of the time one led by a text column
    takes (most of a load's work on the server); the field and term are kept beside it and
    compared too, so two terms sharing a key never mix."""
    digest = hashlib.md5(f"{code}:{term}".encode()).digest()
    return int.from_bytes(digest[:8], "big", signed=True)


def term_key_sql(code: str, term: str) -> str:
    """:func:`term_key` in SQL, of the expressions ``code`` (a field code) and ``term``."""
    return f"('x' || left(md5({code}::text || ':' || {term}), 16))::bit(64)::bigint"


def paragraph_row(article: Article, paragraph: Paragraph, relative: str,
                  repeats: list[int], same: dict | None = None,
                  number: int | None = None) -> ParagraphRow:
    """One paragraph's row; ``same`` keeps the analysis of the fields every paragraph of an
    article shares (title, source) from one paragraph to the next. A paragraph with a
    ``number`` (its ``id``) also gets its rows of ``postings``: one per field and term, with
    the term's count, the field's length and whether the field is English."""
    values = field_values(article, paragraph)
    vectors, lengths, terms = [], {}, {}
    postings: list[str] = []
    frequent: dict[str, int] = {}
    language = analysis_language(article.language)
    for name, stemming in FIELDS:
        shared = name in ARTICLE_FIELDS and same is not None
        analysed = same.get(name) if shared and same is not None else None
        if analysed is None:
            spell: set[str] | None = set() if name == "text" else None
            english = stemming and language == ENGLISH and bool(values[name])
            # rows of postings with a stand-in for the paragraph's number (a shared field's
            # are the same from one paragraph to the next but for it)
            analysed = _Analysed(*_field_row(
                name, values[name], stemming, language, english, spell,
                None if number is None else _NUMBER if shared else number), spell)
            if shared and same is not None:
                same[name] = analysed
        vectors.append(analysed.literal)
        lengths[name] = analysed.length
        terms[name] = analysed.terms
        if analysed.postings:
            postings.append(analysed.postings.replace(_NUMBER, str(number)) if shared
                            else analysed.postings)
        frequent.update(analysed.frequent)
        if analysed.spell is not None:
            terms[SPELL] = analysed.spell
    row = (
        number, article.doc, paragraph.number, relative, article.title, article.source,
        paragraph.text, repeats,
        _json([_quote_data(q) for q in paragraph.quotes]),
        *vectors, *(lengths[name] for name in FIELD_NAMES),
        _json(frequent) if frequent else None,
        article.date or None, language_tag(article.language) or None, extra_tsvector(article),
    )
    return ParagraphRow(row, terms, lengths, "".join(postings))


@dataclass
class _Analysed:
    """One field of a row as analysed (kept for the next paragraph when the field is the
    article's): its length, ``tsvector`` literal, rows of postings (the number a stand-in),
    counts above one, terms, and words for "did you mean" (text only)."""

    length: int
    literal: str
    postings: str
    frequent: list[tuple[str, int]]
    terms: list[str]
    spell: set[str] | None


def _field_row(name: str, text: str, stemming: bool, language: str, english: bool,
               spell: set[str] | None, number: int | str | None
               ) -> tuple[int, str, str, list[tuple[str, int]], list[str]]:
    """One field of one paragraph: its length, ``tsvector`` literal, rows of postings (none
    without a ``number``), counts above one and terms (see :func:`field_row_python`), in one
    compiled pass when the package was built with it. A posting row holds the term's key,
    count, the field's length and language, and the term's positions as the ``tsvector`` has
    them (the first, and the others as an array, NULL when there are none); the English mark
    is the ``en`` flag of the others, not a row."""
    if not text and not english:  # most paragraphs' quote and speaker fields
        return 0, "", "", [], []
    code = FIELD_CODES[name]
    numbered = number is not None
    row = _COMPILED.field_row if _COMPILED is not None else field_row_python
    return row(text, *word_memory(stemming, language), _HEADS[numbered][code],
               _NEW_HEAD[numbered][code], f"{number}\t", ENGLISH_MARK if english else None,
               spell, MAX_POSITION, MAX_POSITION)


def field_row_python(text: str, known: dict, miss: Callable[[str], tuple],
                     heads: dict[str, tuple[str, str, str]],
                     new_head: Callable[[str], tuple[str, str, str]], middle: str,
                     mark: str | None, spell: set[str] | None, shown: int, last: int
                     ) -> tuple[int, str, str, list[tuple[str, int]], list[str]]:
    """What the compiled ``field_row`` gives: the field's terms' positions
    (:func:`.lexemes._positions`, from 1, past ``shown`` ``last``; ``mark`` first, at 1),
    then their text (:func:`_terms_text`), and the terms in the order first met."""
    where: dict[str, list[str]] = {mark: ["1"]} if mark is not None else {}
    length = len(where)
    if text:
        at = _AT if shown >= len(_AT) else _AT[:shown]
        length += _positions(text, known, miss, where, spell, at, str(last))
    english = "t" if mark is not None else "f"
    vector, rows, counts = _terms_text(where, heads, new_head, middle,
                                       f"\t{length}\t{english}\t")
    return length, vector, rows, counts, list(where)


_NUMBER = "\x00"  # a posting row's paragraph number until it is known (COPY text has no NUL)


FIELD_CODES = {name: code for code, name in enumerate(FIELD_NAMES)}  # postings.field
_COPY_ESCAPES = str.maketrans({"\\": "\\\\", "\t": "\\t", "\n": "\\n", "\r": "\\r"})


def _terms_text(positions: dict[str, list[str]], heads: dict[str, tuple[str, str, str]],
                miss: Callable[[str], tuple[str, str, str]], middle: str, end: str
                ) -> tuple[str, str, list[tuple[str, int]]]:
    """A field's loop over its terms, each term's constant parts from ``heads``
    (``miss`` gives and keeps them when it lacks them), ``middle`` and ``end`` the parts of a
    posting row around the count. (The reference for the compiled loop of :mod:`.speedups`.)"""
    vector, rows, counts = [], [], []
    for term, at in positions.items():
        head = heads.get(term)
        if head is None:
            head = miss(term)
        posting, lexeme, counted = head
        first = at[0]
        if len(at) == 1:
            vector.append(lexeme + first)
            if posting:
                rows.append(f"{posting}{middle}1{end}{first}\t\\N\n")
        else:
            joined = ",".join(at)
            vector.append(lexeme + joined)
            if posting:
                rows.append(f"{posting}{middle}{len(at)}{end}{first}\t"
                            f"{{{joined[len(first) + 1:]}}}\n")
            counts.append((counted, len(at)))
    return " ".join(vector), "".join(rows), counts


# Each field's terms' constant parts (see _term_heads), looked up by term alone, for rows with
# postings and rows without, and the functions that make and keep them.
_HEADS: tuple[tuple[dict[str, tuple[str, str, str]], ...], ...] = tuple(
    tuple({} for _ in FIELD_NAMES) for _numbered in (False, True))
_HEADS_KEPT = 1 << 17


def _head_maker(name: str, numbered: bool) -> Callable[[str], tuple[str, str, str]]:
    """The function that makes a term's constant parts for a field and keeps them (all are
    forgotten at once when too many are kept)."""
    code = FIELD_CODES[name]
    heads = _HEADS[numbered][code]

    def miss(term: str) -> tuple[str, str, str]:
        if len(heads) >= _HEADS_KEPT:
            heads.clear()
        head = heads[term] = _term_heads(name, code, term, numbered)
        return head

    return miss


def _term_heads(name: str, code: int, term: str, numbered: bool) -> tuple[str, str, str]:
    """What every paragraph writes the same for a term of a field: its posting rows' first
    columns (key, field and term escaped for COPY; empty without postings, and for the
    English mark), its ``tsvector`` lexeme up to the positions, and its key in the counts."""
    posting = ""
    if numbered and term != ENGLISH_MARK:
        text = term if term.isalnum() else term.translate(_COPY_ESCAPES)
        posting = f"{term_key(code, term)}\t{code}\t{text}\t"
    return posting, lexeme(term), f"{name}:{term}"


def posting_head(code: int, term: str) -> str:
    """The first columns of a term's posting rows in a field (by code), each with the tab
    after it; empty for a term that has no postings (the English mark)."""
    return _term_heads(FIELD_NAMES[code], code, term, True)[0]


_NEW_HEAD = tuple(tuple(_head_maker(name, numbered) for name in FIELD_NAMES)
                  for numbered in (False, True))


ARTICLE_FIELDS = ("title", "source")  # the same in every paragraph of an article


def _quote_data(quote: Quote) -> dict:
    """A quotation as plain data for JSON (its fields are plain values)."""
    return {name: getattr(quote, name) for name in _QUOTE_KEYS}


def _article_data(article: Article) -> dict:
    """An article as plain data for JSON: ``dataclasses.asdict`` without its deep copies and
    without asking every value what it is (an article's and a paragraph's fields are plain
    values, a dict of strings, or their paragraphs and quotes)."""
    data = {name: getattr(article, name) for name in _ARTICLE_KEYS}
    paragraphs = []
    for paragraph in article.paragraphs:
        item = {name: getattr(paragraph, name) for name in _PARAGRAPH_KEYS}
        item["quotes"] = [_quote_data(q) for q in paragraph.quotes]
        paragraphs.append(item)
    data["paragraphs"] = paragraphs
    return data


_QUOTE_KEYS = tuple(f.name for f in fields(Quote))
_PARAGRAPH_KEYS = tuple(f.name for f in fields(Paragraph))
_ARTICLE_KEYS = tuple(f.name for f in fields(Article))


def article_rows(article: Article, relative: str, first: int | None = None
                 ) -> Iterator[ParagraphRow]:
    """The rows of each unique paragraph of ``article`` (repeats are folded into their first),
    numbered from ``first`` when given."""
    repeats: dict[int, list[int]] = {}
    for p in article.paragraphs:
        if p.repeat_of is not None:
            repeats.setdefault(p.repeat_of, []).append(p.number)
    same: dict = {}
    number = first
    for p in article.paragraphs:
        if p.repeat_of is None:
            yield paragraph_row(article, p, relative, repeats.get(p.number, []), same, number)
            if number is not None:
                number += 1


def unique_paragraphs(article: Article) -> int:
    """How many rows ``article`` has (its paragraphs less its repeats)."""
    return sum(1 for p in article.paragraphs if p.repeat_of is None)


def article_record(article: Article, relative: str) -> tuple:
    """An article's row of ``articles``; its JSON as UTF-8, as orjson writes it (the longest
    value of a load: not decoded only to be encoded again)."""
    data = orjson.dumps(_article_data(article))
    return (article.doc, relative, article.title, article.source, article.date,
            len(article.paragraphs), article.quote_count, data,
            sorted(extra_values(article.fields)))


def _json(value) -> str:
    """``value`` (plain data: strings, integers, None, lists and dicts of them) as compact
    JSON, as ``json.dumps(value, ensure_ascii=False, separators=(",", ":"))`` writes it, by
    orjson: the stdlib encoder took a fifth of a load's analysis once its loops were
    compiled."""
    return orjson.dumps(value).decode()


def article_from_json(data: str | bytes) -> Article:
    raw = json.loads(data)
    paragraphs = [
        Paragraph(number=p["number"], text=p["text"], start=p["start"], end=p["end"],
                  repeat_of=p.get("repeat_of"), quotes=[Quote(**q) for q in p.get("quotes", [])])
        for p in raw.pop("paragraphs", [])
    ]
    return Article(paragraphs=paragraphs, **raw)
