"""Writing Whoosh segments in bulk, without Whoosh's per-document machinery.

Whoosh's writer turns every word of every document into a token object, then a tuple in a
posting pool that it sorts and pickles to temporary files and merges back: about half of a
build's time. A full build needs none of that: :class:`BulkSegment` analyses each document's
text fields once (through the fields' own analyzer, :meth:`ReaderAnalyzer.positions`), appends
each word's document number, frequency and positions to two flat integer arrays of that word,
and at the end hands each word's arrays, in term order, to the codec's posting writer in one
call (:meth:`ColumnPostingsWriter.add_positions`). Stored fields, lengths and the term index
are written by Whoosh's own codec objects, so the segment is an ordinary Whoosh segment that
Whoosh's matchers and the reader's vectorised scorer read as before; fields of other kinds
(ids, numbers, names) go through Whoosh's ``field.index`` unchanged, their postings held in
three arrays a term (documents, weights and, for the fields that have them, values).

The pool is bounded: when its estimated size passes ``limit_mb`` the segment is finished and
the caller starts another (:attr:`full`), so memory does not grow with the corpus. What the
estimate counts per word, posting and position is what the pool holds (a test counts it).
"""

from __future__ import annotations

from array import array

from whoosh.analysis import IDTokenizer
from whoosh.fields import ID
from whoosh.formats import Existence
from whoosh.util.numeric import byte_to_length, length_to_byte

from reader.search.whoosh.analyzer import ReaderAnalyzer
from reader.search.whoosh.codec import ArrayPositions
from reader.search.whoosh.termlists import write_position_lists

_U32 = "I" if array("I").itemsize == 4 else "L"
# Positions are held in two bytes (a paragraph has a few hundred words), widened to four for
# the word of a text longer than 65,535 words: a third less pool for the same postings.
_U16 = "H"
MEMO_VALUES = 4096  # values of a field whose terms are remembered (see BulkSegment._field_terms)
TERM_BYTES = 230  # what a new word costs the pool beyond its postings (dict slot, key, arrays)


class BulkSegment:
    """One new segment of ``ix``'s schema, written with ``codec`` (see the module docstring)."""

    def __init__(self, storage, schema, indexname: str, codec, limit_mb: float) -> None:
        self.storage = storage
        self.schema = schema
        self.codec = codec
        self.segment = codec.new_segment(storage, indexname)
        self.perdoc = codec.per_document_writer(storage, self.segment)
        self.limit = int(limit_mb * 1024 * 1024)
        self.docs = 0
        self.size = 0  # estimated bytes held by the pool
        self._fast: dict[str, dict[str, list]] = {}  # field -> word -> [heads, positions]
        # field -> term -> [documents, weights, values (None while every one is empty)]: in
        # arrays, 8 bytes a posting (a tuple a posting took 72: half the pool was these)
        self._other: dict[str, dict[bytes, list]] = {}
        self._lengths: dict[str, array] = {}  # field -> quantised length by document
        self._plans: dict[frozenset, list] = {}
        # the last value of each text field and its analysis: a paragraph repeats its
        # article's title, so it is analysed once an article, not once a paragraph
        self._last: dict[str, tuple] = {}
        self._memo: dict[str, dict] = {}  # field -> value -> its terms (see _field_terms)
        for name in schema.names():
            field = schema[name]
            if field.vector or field.separate_spelling():
                raise ValueError(f"bulk segments do not write vectors or spelling ({name})")

    @property
    def full(self) -> bool:
        return self.size >= self.limit

    def _plan(self, fields: dict) -> list:
        """How each field of a document of this shape is written (cached by field names)."""
        names = frozenset(fields)
        plan = self._plans.get(names)
        if plan is None:
            plan = []
            for name in sorted(n for n in names if not n.startswith("_")):
                field = self.schema[name]
                fast = (field.indexed and type(field.format) is ArrayPositions
                        and isinstance(field.analyzer, ReaderAnalyzer)
                        and field.format.field_boost == 1.0 and field.scorable)
                ident = (type(field) is ID and type(field.analyzer) is IDTokenizer
                         and type(field.format) is Existence and field.format.field_boost == 1.0)
                plan.append((name, field, fast, ident, field.stored, field.column_type))
            self._plans[names] = plan
        return plan

    def add(self, fields: dict) -> None:
        """One document, as ``writer.add_document(**fields)`` would write it."""
        docnum = self.docs
        perdoc = self.perdoc
        perdoc.start_doc(docnum)
        for name, field, fast, ident, stored, column in self._plan(fields):
            value = fields[name]
            if value is None:
                continue
            length = 0
            if fast:
                length = self._add_words(name, field.analyzer, value, docnum)
            elif ident and value and isinstance(value, str):  # the whole value, one term
                pool = self._other.setdefault(name, {})
                tbytes = value.encode("utf-8")
                postings = pool.get(tbytes)
                if postings is None:
                    postings = pool[tbytes] = [array(_U32), array("f"), None]
                    self.size += TERM_BYTES
                postings[0].append(docnum)
                postings[1].append(1.0)
                self.size += 8
            elif field.indexed:
                pool = self._other.setdefault(name, {})
                for tbytes, freq, weight, vbytes in self._field_terms(name, field, value):
                    if field.scorable:
                        length += freq
                    postings = pool.get(tbytes)
                    if postings is None:
                        postings = pool[tbytes] = [array(_U32), array("f"), None]
                        self.size += TERM_BYTES
                    if vbytes and postings[2] is None:  # the first posting with a value
                        postings[2] = [b""] * len(postings[0])
                    postings[0].append(docnum)
                    postings[1].append(weight)
                    if postings[2] is not None:
                        postings[2].append(vbytes)
                        self.size += 8 + len(vbytes)
                    self.size += 8
            if length:
                lengths = self._lengths.get(name)
                if lengths is None:
                    lengths = self._lengths[name] = array(_U32)
                if len(lengths) < docnum:
                    lengths.frombytes(bytes(4 * (docnum - len(lengths))))
                lengths.append(byte_to_length(length_to_byte(length)))
            if stored or column:  # what Whoosh stores: ``_stored_<name>`` if given, else the value
                value = fields.get(f"_stored_{name}", value)
            perdoc.add_field(name, field, value if stored else None, length)
            if column and value is not None:
                perdoc.add_column_value(name, column, field.to_column_value(value))
        perdoc.finish_doc()
        self.docs += 1

    def _field_terms(self, name: str, field, value) -> list:
        """``field.index(value)`` as a list, remembered by value: a paragraph repeats its
        article's outlet and fields, and paragraph numbers and speakers recur across articles
        (bounded, so memory does not grow with the corpus)."""
        if value.__class__ not in (str, int, bytes):
            return list(field.index(value))
        memo = self._memo.get(name)
        if memo is None:
            memo = self._memo[name] = {}
        terms = memo.get(value)
        if terms is None:
            if len(memo) >= MEMO_VALUES:
                memo.clear()
            terms = memo[value] = list(field.index(value))
        return terms

    def _add_words(self, name: str, analyzer: ReaderAnalyzer, value: str, docnum: int) -> int:
        """The words of one text field into the pool; returns the field's length."""
        last = self._last.get(name)
        if last is None or last[0] != value:
            last = self._last[name] = (value, analyzer.positions(value))
        places, length = last[1]
        if not length:
            return 0
        pool = self._fast.get(name)
        if pool is None:
            pool = self._fast[name] = {}
        added = 0
        for stem, positions in places.items():
            entry = pool.get(stem)
            if entry is None:
                entry = pool[stem] = [array(_U32), array(_U16)]
                added += TERM_BYTES
            heads = entry[0]  # two appends and ``fromlist``: each about half an ``extend``
            heads.append(docnum)
            heads.append(len(positions))
            try:
                entry[1].fromlist(positions)
            except OverflowError:  # a position past 65,535: this word's positions widen
                # (``fromlist`` leaves the array as it was when an item does not fit)
                entry[1] = array(_U32, entry[1])
                entry[1].fromlist(positions)
        self.size += added + 8 * len(places) + 2 * length
        return length

    def finish(self):
        """Write the postings and close the segment; returns it (for the table of contents)."""
        self.perdoc.close()
        writer = self.codec.field_writer(self.storage, self.segment)
        names = sorted(set(self._fast) | set(self._other))
        for name in names:
            field = self.schema[name]
            writer.start_field(name, field)
            if name in self._fast:
                self._write_fast(writer, name)
            else:
                self._write_other(writer, name)
            writer.finish_field()
        writer.close()
        self._fast.clear()
        self._other.clear()
        self.segment.set_doc_count(self.docs)
        if self.segment.should_assemble():
            self.segment.create_compound_file(self.storage)
            self.segment.compound = True
        return self.segment

    def _write_fast(self, writer, name: str) -> None:
        pool = self._fast[name]
        lengths = self._lengths.get(name) or array(_U32)

        def lists():
            for stem in sorted(pool):
                heads, positions = pool.pop(stem)
                ids = heads[0::2]
                yield (stem.encode("utf-8"), ids, heads[1::2].tolist(), positions,
                       [lengths[d] for d in ids])

        write_position_lists(writer, lists())

    def _write_other(self, writer, name: str) -> None:
        pool = self._other[name]
        lengths = self._lengths.get(name)
        known = len(lengths) if lengths is not None else 0
        for tbytes in sorted(pool):
            writer.start_term(tbytes)
            docnums, weights, values = pool.pop(tbytes)
            if values is None:
                values = [b""] * len(docnums)
            # the field writer's posting writer is the codec's ColumnPostingsWriter
            writer._postwriter.add_postings(
                docnums, weights, values,
                [lengths[d] if d < known else 0 for d in docnums] if known else
                [0] * len(docnums))
            writer.finish_term()
