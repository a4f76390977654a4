"""The records every layer passes around: articles, paragraphs, quotes, hits.

They are plain dataclasses so the core, the CLI, the TUI and the tests share one vocabulary and
nothing needs Whoosh or Textual to hold a result.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field

SORTS = ("relevance", "newest", "oldest")  # orders of a search (newest/oldest: by date)
STATEMENT = "statement"
TERM = "term"


@dataclass
class Quote:
    """A quotation inside one paragraph.

    ``start``/``end`` are offsets into the paragraph text of the quoted words, without the
    quotation marks, so ``paragraph.text[start:end] == quote.text``.
    """

    start: int
    end: int
    text: str
    kind: str = STATEMENT  # STATEMENT (reported speech) or TERM (scare quote, title)
    speaker: str | None = None
    role: str | None = None  # "Menteri Luar Negeri AS" for "Menteri Luar Negeri AS Marco Rubio"
    via: str | None = None  # the medium it came through: "Reuters", "keterangan tertulis"

    def to_dict(self) -> dict:
        return asdict(self)


@dataclass
class Paragraph:
    """One body paragraph (or a sentence-aligned passage of a very long one).

    ``start``/``end`` are offsets into the article's normalised source text (see
    ``reader.text.normalise``), so ``source[start:end] == text``.
    """

    number: int
    text: str
    start: int
    end: int
    repeat_of: int | None = None
    quotes: list[Quote] = field(default_factory=list)


@dataclass
class Article:
    """An article with its metadata and body paragraphs, in reading order."""

    doc: str
    path: str
    title: str
    paragraphs: list[Paragraph] = field(default_factory=list)
    source: str | None = None  # the outlet, e.g. "Pahami.id"
    dateline: str | None = None  # the place, e.g. "Jakarta"
    credit: str | None = None  # the trailing credit line, e.g. "BLQ/DNA"
    author: str | None = None
    date: str | None = None  # ISO 8601 (YYYY-MM-DD) where known; never guessed
    url: str | None = None
    language: str | None = None  # BCP 47, e.g. "id"
    title_derived: bool = False  # no title in the source: made from the first sentence
    fields: dict[str, str] = field(default_factory=dict)  # extra columns / sidecar keys

    def paragraph(self, number: int) -> Paragraph | None:
        if 1 <= number <= len(self.paragraphs):
            found = self.paragraphs[number - 1]
            if found.number == number:
                return found
        return next((p for p in self.paragraphs if p.number == number), None)

    @property
    def quote_count(self) -> int:
        return sum(len(p.quotes) for p in self.paragraphs if p.repeat_of is None)


@dataclass
class ArticleSummary:
    """What a list of articles shows without loading every paragraph."""

    doc: str
    title: str
    source: str | None
    date: str | None
    paragraphs: int
    quotes: int
    path: str


@dataclass
class QuoteRecord:
    """A quote with the place it was found, as ``reader quotes`` lists it."""

    doc: str
    para: int
    index: int  # the quote's number within its paragraph, from 1 (``cite --quote K``)
    quote: Quote
    title: str = ""
    source: str | None = None

    def to_dict(self) -> dict:
        return {
            "doc": self.doc,
            "para": self.para,
            "quote": self.index,
            "text": self.quote.text,
            "speaker": self.quote.speaker,
            "role": self.quote.role,
            "via": self.quote.via,
            "kind": self.quote.kind,
            "start": self.quote.start,
            "end": self.quote.end,
        }


@dataclass(slots=True)
class Hit:
    """A matching paragraph. ``highlights`` are offsets into ``text`` of every matched word.
    (Slots: a search makes twenty, each in ~1 us less.)"""

    doc: str
    para: int
    title: str
    source: str | None
    score: float
    text: str
    highlights: list[tuple[int, int]] = field(default_factory=list)
    repeats: list[int] = field(default_factory=list)
    date: str | None = None  # the article's (lists show it; JSON carries it when sorted by date)

    def to_dict(self) -> dict:
        return {
            "doc": self.doc,
            "para": self.para,
            "title": self.title,
            "source": self.source,
            "score": round(self.score, 4),
            "text": self.text,
            "highlights": [list(h) for h in self.highlights],
            "repeats": list(self.repeats),
        }


@dataclass
class SearchResult:
    """The answer to a query: the hits shown, how many matched, and what went wrong if anything."""

    query: str
    total: int = 0
    hits: list[Hit] = field(default_factory=list)
    suggestions: list[str] = field(default_factory=list)
    error: str | None = None  # a one-line explanation of a malformed query
    partial: bool = False  # the time budget ran out; hits are the best found so far
    elapsed_ms: float = 0.0

    def to_dict(self) -> dict:
        out = {
            "query": self.query,
            "total": self.total,
            "hits": [h.to_dict() for h in self.hits],
            "suggestions": list(self.suggestions),
        }
        if self.partial:
            out["partial"] = True
        if self.error:
            out["error"] = self.error
        return out


@dataclass(frozen=True)
class Facets:
    """How a query's matching paragraphs (all of them) spread over outlets and years.

    ``outlets`` most first (then by name), ``years`` newest first; None stands for no outlet
    or no date and comes last. Each list's counts add up to ``total``."""

    total: int
    outlets: tuple[tuple[str | None, int], ...] = ()
    years: tuple[tuple[str | None, int], ...] = ()
    partial: bool = False  # the time budget ran out: counts of the matches found so far

    @classmethod
    def of(cls, outlets: dict[str, int], years: dict[str, int], total: int,
           partial: bool = False) -> Facets:
        """From counts by name (``""`` for none)."""
        named = sorted(((k, n) for k, n in outlets.items() if k), key=lambda kv: (-kv[1], kv[0]))
        dated = sorted(((k, n) for k, n in years.items() if k), reverse=True)
        none = ((None, outlets[""]),) if outlets.get("") else ()
        undated = ((None, years[""]),) if years.get("") else ()
        return cls(total, tuple(named) + none, tuple(dated) + undated, partial)

    def to_dict(self) -> dict:
        out = {"total": self.total, "outlets": [list(kv) for kv in self.outlets],
               "years": [list(kv) for kv in self.years]}
        if self.partial:
            out["partial"] = True
        return out
