"""Marks: paragraphs and quotes the user keeps, with a note each, and their export.

A mark names a paragraph (``DOC:N``) or one quote in it and keeps the text it marked, so it can
be found again when the article changes and its paragraphs are renumbered; a mark whose text is
gone is kept and flagged ``missing``, never cited at a guessed place. Marks of a corpus live in
``<user data dir>/kabar-reader/marks/<corpus key>.json``, written through a temporary file and a
rename. Saving merges in marks another reader process added meanwhile, and a file that cannot
be read is set aside, never overwritten: marks are the user's work and are never lost.

:func:`export_marks` turns marks into one bibliography (BibLaTeX: one entry per article followed
by each mark's cite command with its paragraph as the locator; CSL-JSON: one item per article and
one citation per mark) or a list of citations (a Markdown dossier of quotes, APA, Chicago, MLA,
plain), all made by :mod:`reader.cite`.
"""

from __future__ import annotations

import datetime
import json
import time
import uuid
from collections.abc import Callable, Iterable
from dataclasses import asdict, dataclass, field, fields, replace
from pathlib import Path

from reader.errors import CitationError
from reader.records import Article, Paragraph
from reader.state import atomic_write_text, corpus_key, data_dir, set_aside

VERSION = 1


@dataclass(frozen=True)
class Mark:
    """One kept paragraph, or one quote (``quote``: its number in the paragraph, from 1)."""

    doc: str
    para: int
    text: str  # the paragraph's (or the quote's) text when marked, to find it again
    quote: int | None = None
    title: str = ""
    note: str = ""
    created: float = 0.0
    id: str = ""
    missing: bool = False  # the text is no longer in the article

    @property
    def locator(self) -> str:
        """``DOC:N`` or ``DOC:N quote K``."""
        where = f"{self.doc}:{self.para}"
        return f"{where} quote {self.quote}" if self.quote else where

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, raw: object) -> Mark | None:
        if not isinstance(raw, dict):
            return None
        known = {f.name for f in fields(cls)}
        values = {k: v for k, v in raw.items() if k in known}
        if not (isinstance(values.get("doc"), str) and isinstance(values.get("text"), str)
                and isinstance(values.get("para"), int)):
            return None
        quote = values.get("quote")
        if quote is not None and not (isinstance(quote, int) and quote >= 1):
            values["quote"] = None
        for name in ("title", "note", "id"):
            if not isinstance(values.get(name, ""), str):
                values[name] = ""
        if not isinstance(values.get("created", 0.0), (int, float)):
            values["created"] = 0.0
        values["missing"] = values.get("missing") is True
        return cls(**values)


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()) == " ".join(b.split())


def locate(mark: Mark, article: Article | None) -> Mark:
    """``mark`` pointed at where its text is in ``article`` now (``missing`` if nowhere)."""
    if article is None:
        return replace(mark, missing=True)

    def quote_in(paragraph: Paragraph) -> int | None:
        for number, quote in enumerate(paragraph.quotes, start=1):
            if _same(quote.text, mark.text):
                return number
        return None

    here = article.paragraph(mark.para)
    if here is not None:
        if mark.quote is None and _same(here.text, mark.text):
            return replace(mark, missing=False)
        if mark.quote is not None:
            number = quote_in(here)
            if number is not None:
                return replace(mark, quote=number, missing=False)
    originals = [p for p in article.paragraphs if p.repeat_of is None]
    for paragraph in originals:
        if mark.quote is None and _same(paragraph.text, mark.text):
            return replace(mark, para=paragraph.number, missing=False)
        if mark.quote is not None:
            number = quote_in(paragraph)
            if number is not None:
                return replace(mark, para=paragraph.number, quote=number, missing=False)
    return replace(mark, missing=True)


class MarkBook:
    """The marks of one corpus, in the user's order."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.marks: list[Mark] = []
        self.warning: str | None = None  # one line about a file that could not be read
        self.read_only = False  # the file exists but could not be read: never overwrite it
        self._known: set[str] = set()

    @classmethod
    def for_corpus(cls, corpus: Path | str) -> MarkBook:
        book = cls(data_dir() / "marks" / f"{corpus_key(corpus)}.json")
        book.load()
        return book

    # -- the file ---------------------------------------------------------------------------------

    def _read(self) -> list[Mark]:
        """The marks on disk; raises ``OSError``/``ValueError`` for a file that cannot be read."""
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except FileNotFoundError:
            return []
        if not isinstance(raw, dict) or not isinstance(raw.get("marks"), list):
            raise ValueError("not a marks file")
        version = raw.get("version")
        if not isinstance(version, int) or version > VERSION:
            raise ValueError(f"written by a newer reader (version {version})")
        found = [Mark.from_dict(item) for item in raw["marks"]]
        return [m if m.id else replace(m, id=uuid.uuid4().hex) for m in found if m is not None]

    def load(self) -> None:
        self.warning = None
        self.read_only = False
        try:
            self.marks = self._read()
        except ValueError as exc:
            kept = set_aside(self.path)
            if kept is None:
                self.read_only = True
            where = f"; kept as {kept.name}" if kept else "; left untouched"
            self.warning = f"{self.path}: unreadable marks ({exc}){where}"
            self.marks = []
        except (OSError, UnicodeDecodeError) as exc:
            self.read_only = True
            self.warning = f"{self.path}: cannot read the marks ({_first_line(exc)})"
            self.marks = []
        self._known = {m.id for m in self.marks}

    def save(self) -> None:
        """Write the marks, keeping any that another process added since they were read."""
        if self.read_only:
            raise OSError(f"{self.path} could not be read, so it is not overwritten")
        try:
            on_disk = self._read()
        except (OSError, UnicodeDecodeError, ValueError):
            on_disk = []  # unreadable now: load() set the old one aside; ours are the marks
        ours = {m.id for m in self.marks}
        added = [m for m in on_disk if m.id not in self._known and m.id not in ours]
        self.marks.extend(added)
        self._known |= {m.id for m in self.marks}
        document = {"version": VERSION, "marks": [m.to_dict() for m in self.marks]}
        atomic_write_text(self.path, json.dumps(document, ensure_ascii=False, indent=1) + "\n")

    # -- changes ----------------------------------------------------------------------------------

    def find(self, doc: str, para: int, quote: int | None = None) -> Mark | None:
        return next((m for m in self.marks
                     if m.doc == doc and m.para == para and m.quote == quote), None)

    def add(self, doc: str, para: int, text: str, quote: int | None = None,
            title: str = "") -> Mark:
        mark = Mark(doc=doc, para=para, text=text, quote=quote, title=title,
                    created=time.time(), id=uuid.uuid4().hex)
        self.marks.append(mark)
        self._known.add(mark.id)
        return mark

    def remove(self, mark_id: str) -> Mark | None:
        for position, mark in enumerate(self.marks):
            if mark.id == mark_id:
                return self.marks.pop(position)
        return None

    def insert(self, position: int, mark: Mark) -> None:
        """Put a removed mark back (undo)."""
        self.marks.insert(max(0, min(position, len(self.marks))), mark)
        self._known.add(mark.id)

    def move(self, mark_id: str, delta: int) -> int | None:
        """Move a mark ``delta`` places; its new position, or None if it is not here."""
        for position, mark in enumerate(self.marks):
            if mark.id == mark_id:
                target = max(0, min(position + delta, len(self.marks) - 1))
                self.marks.insert(target, self.marks.pop(position))
                return target
        return None

    def set_note(self, mark_id: str, note: str) -> Mark | None:
        note = " ".join(note.split())
        for position, mark in enumerate(self.marks):
            if mark.id == mark_id:
                self.marks[position] = replace(mark, note=note)
                return self.marks[position]
        return None

    def relocate(self, lookup: Callable[[str], Article | None]) -> int:
        """Find every mark's text again (paragraphs may have been renumbered); how many moved
        or changed state."""
        changed = 0
        articles: dict[str, Article | None] = {}
        for position, mark in enumerate(self.marks):
            if mark.doc not in articles:
                articles[mark.doc] = lookup(mark.doc)
            found = locate(mark, articles[mark.doc])
            if found != mark:
                self.marks[position] = found
                changed += 1
        return changed


# -- export ----------------------------------------------------------------------------------------


@dataclass
class Export:
    """An export: the text, how many entries and marks it holds, and the marks left out."""

    text: str
    entries: int = 0
    marks: int = 0
    skipped: list[Mark] = field(default_factory=list)  # missing: not cited at a guessed place


def export_marks(marks: Iterable[Mark], lookup: Callable[[str], Article | None],
                 style: str, accessed: datetime.date | None = None) -> Export:
    """All ``marks`` in citation ``style``, grouped by article in the order first marked.

    ``bibtex`` gives one BibLaTeX entry per article, each followed by the cite command of every
    mark (its paragraph as the locator; a quote as ``\\textquote``) and its note as comment
    lines; ``csl-json`` one CSL item per article and one citation per mark (with the marked
    quote and note beside it); ``markdown`` a dossier of the marked quotes and paragraphs, each
    with its citation and note; the other styles each mark's citation. Marks whose text is no
    longer in the corpus are left out and returned in ``skipped``.
    """
    from reader.cite import STYLES, cite

    key = style.strip().lower()
    if key not in STYLES:
        raise CitationError(f"unknown citation style {style!r} (choose from {', '.join(STYLES)})")
    accessed = accessed or datetime.date.today()
    groups: dict[str, tuple[Article, list[Mark]]] = {}
    skipped: list[Mark] = []
    articles: dict[str, Article | None] = {}
    for mark in marks:
        if mark.doc not in articles:
            articles[mark.doc] = lookup(mark.doc)
        found = locate(mark, articles[mark.doc])
        if found.missing:
            skipped.append(found)
            continue
        article = articles[mark.doc]
        assert article is not None
        groups.setdefault(mark.doc, (article, []))[1].append(found)
    count = sum(len(kept) for _, kept in groups.values())
    if key == "bibtex":
        text = "\n\n".join(_biblatex(a, kept, accessed) for a, kept in groups.values())
    elif key == "csl-json":
        text = _csl(list(groups.values()), accessed) if groups else ""
    else:
        blocks = []
        for article, kept in groups.values():
            parts = []
            for mark in kept:
                part = cite(article, mark.para, mark.quote, key, accessed=accessed)
                if mark.note:
                    part += f"\n\nNote: {mark.note}" if key == "markdown" else (
                        f"\nNote: {mark.note}")
                parts.append(part)
            blocks.append("\n\n".join(parts))
        text = ("\n\n---\n\n" if key == "markdown" else "\n\n").join(blocks)
    return Export(text + "\n" if text else "", len(groups), count, skipped)


def _biblatex(article: Article, kept: list[Mark], accessed: datetime.date) -> str:
    """The article's entry once, then a comment line per mark: its cite command, its note."""
    from reader.cite.biblatex import cite_command, entry, tex
    from reader.cite.source import gather

    sources = [gather(article, m.para, m.quote, accessed) for m in kept]
    lines = [entry(sources[0])]
    for mark, source in zip(kept, sources, strict=True):
        lines.append(cite_command(source))
        if mark.note:  # "@" would open an entry even in a comment
            lines.append("% note: " + tex(mark.note).replace("@", r"\symbol{64}"))
    return "\n".join(lines)


def _csl(groups: list[tuple[Article, list[Mark]]], accessed: datetime.date) -> str:
    """``{"items": [one per article], "citations": [one per mark], "marks": [...]}``."""
    from reader.cite.csl import citation, item
    from reader.cite.source import gather

    items, citations, notes = [], [], []
    for article, kept in groups:
        sources = [gather(article, m.para, m.quote, accessed) for m in kept]
        items.append(item(sources[0]))
        for mark, source in zip(kept, sources, strict=True):
            cited = citation(source)
            citations.append(cited)
            extra: dict[str, object] = {"citationID": cited["citationID"]}
            if source.quote is not None:
                quote = {"text": source.quote, "speaker": source.speaker, "role": source.role,
                         "via": source.via}
                extra["quote"] = {k: v for k, v in quote.items() if v is not None}
            if mark.note:
                extra["note"] = mark.note
            notes.append(extra)
    return json.dumps({"items": items, "citations": citations, "marks": notes},
                      ensure_ascii=False, indent=2)


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


__all__ = ["Export", "Mark", "MarkBook", "export_marks", "locate"]
