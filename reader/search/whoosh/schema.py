"""What the Whoosh index holds, and how records become its documents and back.

One Whoosh document per unique paragraph (``kind=para``), one per article holding what is needed
to render it without re-reading the file (``kind=article``), and one per corpus file with its
size, time and content hash (``kind=file``) so updates touch only what changed.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from operator import attrgetter

from whoosh.columns import VarBytesColumn
from whoosh.fields import COLUMN, ID, NUMERIC, STORED, TEXT, Schema

from reader.errors import IndexProblem
from reader.language.analysis import ENGLISH, analysis_language
from reader.records import Article, Paragraph, Quote
from reader.search.backend import FileState
from reader.search.fields import EXTRA_PREFIX, extra_values, language
from reader.search.whoosh import layout
from reader.search.whoosh.analyzer import name_analyzer, tag_english, text_analyzer
from reader.search.whoosh.codec import ArrayPositions

# Bump when the schema, the analysis, the quote rules or the layout change: an index of another
# version is rebuilt rather than read. 6: the analyzer class moved into this package (after
# 5, new ingestion rules); 7: new quotation rules; 8: postings as plain arrays (.codec), no
# spelling field, article records without the text of paragraphs that have their own record;
# 9: English articles analysed with English rules; 10: date, lang, outlet column and the
# corpus's own fields (x_*) on paragraph records; 11: stored fields compressed with zstd against a
# dictionary per segment (.stored), each paragraph's word layout stored (.layout); 12: each
# posting list carries a CRC-32 (.postlist).
SCHEMA_VERSION = 12
INDEX_NAME = "reader"


def build_schema() -> Schema:
    text = text_analyzer()
    schema = Schema(
        kind=ID(stored=True),
        path=ID(stored=True),
        doc=ID(stored=True),
        para=NUMERIC(int, bits=32, stored=True, signed=False),
        title=TEXT(analyzer=text, stored=True),
        source=TEXT(analyzer=name_analyzer(), stored=True),
        # no spelling field: "did you mean" reads the saved word list (see .stemtable)
        text=TEXT(analyzer=text, stored=True, phrase=True),
        quote=TEXT(analyzer=text, phrase=True),
        speaker=TEXT(analyzer=name_analyzer()),
        repeats=STORED,
        quotes=STORED,  # the paragraph's quotes as JSON, so related() needs no article loads
        layout=STORED,  # where each position's word is in the text, for highlights (.layout)
        data=STORED,
        # filters (see reader.search.fields); date and outlet are columns too, read for every
        # match when hits are sorted by date or counted by outlet and year
        date=ID(sortable=True),
        lang=ID,
        outlet=COLUMN(VarBytesColumn()),
    )
    schema.add(f"{EXTRA_PREFIX}*", TEXT(analyzer=name_analyzer(), phrase=True), glob=True)
    for name in ("title", "text", "quote"):  # positions as plain arrays, never pickles
        field = schema[name]
        field.format = ArrayPositions(field_boost=field.format.field_boost)
    return schema


def key(value: str) -> str:
    """A path or doc id as an index term. Whoosh stores terms as UTF-8, which a file name that
    is not valid UTF-8 (read with surrogate escapes) is not: such bytes are written escaped."""
    try:
        value.encode("utf-8")
        return value
    except UnicodeEncodeError:
        return value.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")


def article_to_json(article: Article, slim: bool = False) -> str:
    """The article as JSON; ``slim`` leaves out the text and quotes of every paragraph that
    has a document of its own (they are stored there: keeping them twice made the stored
    fields a third bigger). A repeat keeps its own text."""
    raw = dict(zip(_ARTICLE_FIELDS, _article_values(article), strict=True))
    raw["paragraphs"] = [_paragraph_dict(p, slim) for p in article.paragraphs]
    raw["fields"] = dict(article.fields)
    return json.dumps(raw, ensure_ascii=False, separators=(",", ":"))


# ``dataclasses.asdict`` of the records, the same dicts in the same key order, without its
# recursive deep copy of every value (a fifth of making a build's documents): the values are
# only serialised.
_QUOTE_FIELDS = tuple(Quote.__dataclass_fields__)
_quote_values = attrgetter(*_QUOTE_FIELDS)
_PARAGRAPH_FIELDS = tuple(Paragraph.__dataclass_fields__)
_SLIM_FIELDS = tuple(n for n in _PARAGRAPH_FIELDS if n not in ("text", "quotes"))
_paragraph_values = attrgetter(*_PARAGRAPH_FIELDS)
_slim_values = attrgetter(*_SLIM_FIELDS)
_ARTICLE_FIELDS = tuple(Article.__dataclass_fields__)
_article_values = attrgetter(*_ARTICLE_FIELDS)


def quote_dict(quote: Quote) -> dict:
    """``asdict(quote)``."""
    return dict(zip(_QUOTE_FIELDS, _quote_values(quote), strict=True))


def _paragraph_dict(p: Paragraph, slim: bool) -> dict:
    """``asdict(p)``; ``slim`` leaves out the text and quotes of a paragraph that is not a
    repeat (see :func:`article_to_json`)."""
    if slim and p.repeat_of is None:
        return dict(zip(_SLIM_FIELDS, _slim_values(p), strict=True))
    raw = dict(zip(_PARAGRAPH_FIELDS, _paragraph_values(p), strict=True))
    raw["quotes"] = [quote_dict(q) for q in p.quotes]
    return raw


def article_from_json(data: str, paragraphs: dict[int, dict] | None = None) -> Article:
    """The article of :func:`article_to_json`; a slim one takes each paragraph's text and
    quotes from ``paragraphs`` (the stored fields of its paragraph documents, by number)."""
    raw = json.loads(data)
    for p in raw.get("paragraphs", []):
        if "text" not in p:
            fields = (paragraphs or {}).get(p["number"])
            if fields is None:
                raise IndexProblem(f"index is damaged: {raw.get('doc')} \u00b6{p['number']} has "
                                   "no paragraph record; run: reader index --rebuild")
            p["text"] = fields.get("text", "")
            p["quotes"] = json.loads(fields.get("quotes") or "[]")
    paragraphs = [
        Paragraph(
            number=p["number"], text=p["text"], start=p["start"], end=p["end"],
            repeat_of=p.get("repeat_of"), quotes=[Quote(**q) for q in p.get("quotes", [])],
        )
        for p in raw.pop("paragraphs", [])
    ]
    return Article(paragraphs=paragraphs, **raw)


def quotes_from_json(data: str | None) -> list[Quote]:
    return [Quote(**raw) for raw in json.loads(data or "[]")]


def documents(article: Article, relative: str) -> Iterator[dict]:
    """The Whoosh documents of one article: its record and each unique paragraph. Their
    ``path`` is indexed (updates delete by it) but stored only in the file's record
    (``_stored_path``: nothing reads it back from the others)."""
    repeats: dict[int, list[int]] = {}
    for p in article.paragraphs:
        if p.repeat_of is not None:
            repeats.setdefault(p.repeat_of, []).append(p.number)
    path, doc = key(relative), key(article.doc)
    tag = tag_english if analysis_language(article.language) == ENGLISH else _plain
    yield tag({
        "kind": "article", "path": path, "_stored_path": None, "doc": doc,
        "title": article.title,
        "source": article.source or "", "data": article_to_json(article, slim=True),
    })
    filters: dict = {f"{EXTRA_PREFIX}{k}": v for k, v in extra_values(article.fields).items()}
    if article.date:
        filters["date"] = article.date
    if language(article.language):
        filters["lang"] = language(article.language)
    if article.source:
        filters["outlet"] = article.source.encode("utf-8", "surrogateescape")
    for p in article.paragraphs:
        if p.repeat_of is not None:
            continue
        statements = p.quotes
        yield tag({
            **filters,
            "kind": "para", "path": path, "_stored_path": None, "doc": doc, "para": p.number,
            "title": article.title, "source": article.source or "", "text": p.text,
            "quote": "\n".join(q.text for q in statements),
            "speaker": "\n".join(
                " ".join(filter(None, (q.speaker, q.via))) for q in statements if q.speaker
            ),
            # left out when empty (None is not stored): most paragraphs have neither, and the
            # readers take a missing one as empty
            "repeats": repeats.get(p.number) or None,
            "quotes": json.dumps([quote_dict(q) for q in p.quotes], ensure_ascii=False)
            if p.quotes else None,
            "layout": layout.encode(p.text),
        })


def _plain(document: dict) -> dict:
    return document


def file_document(relative: str, state: FileState) -> dict:
    """The record of one corpus file: what :meth:`file_states` reads back."""
    data = {"relative": relative, "size": state.size, "mtime_ns": state.mtime_ns,
            "sha256": state.sha256, "docs": list(state.docs)}
    return {"kind": "file", "path": key(relative), "data": json.dumps(data)}


def file_record(searcher, relative: str) -> FileState | None:
    """The record of one corpus file, or None. Read through the file's own short posting list
    (its record is written after its paragraphs, so it is looked for from the end): a query
    for the record would intersect with the records of every file."""
    docnums = list(searcher.document_numbers(path=key(relative)))
    for docnum in reversed(docnums):
        fields = searcher.stored_fields(docnum)
        if fields.get("kind") == "file":
            return file_state(fields["data"])[1]
    return None


def file_state(data: str) -> tuple[str | None, FileState]:
    raw = json.loads(data)
    return raw.get("relative"), FileState(raw["size"], raw["mtime_ns"], raw.get("sha256"),
                                          tuple(raw.get("docs") or ()))
