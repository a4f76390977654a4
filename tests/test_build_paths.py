"""The build's shortcuts write what the general paths write: the same bytes, dicts and answers,
with less work (counted, never timed)."""

from __future__ import annotations

import json
import random
import re
from array import array
from dataclasses import asdict

import pytest
from whoosh.codec.whoosh3 import W3TermInfo
from whoosh.filedb.filestore import RamStorage

from reader.ingest import boilerplate
from reader.records import Article, Paragraph, Quote
from reader.search.whoosh import schema as schema_module
from reader.search.whoosh.bulk import BulkSegment
from reader.search.whoosh.codec import ArrayPositions, ReaderCodec
from reader.search.whoosh.schema import INDEX_NAME, build_schema, quote_dict
from reader.search.whoosh.termlists import write_position_lists, write_term_by_term


def _lists(seed: int) -> list[tuple]:
    """Posting lists of made-up words in term order: mostly one document, some long ones."""
    rng = random.Random(seed)
    words = sorted({"".join(rng.choice("abcdeéz") for _ in range(rng.randint(1, 9)))
                    for _ in range(300)})
    out = []
    for word in words:
        n = rng.choice([1, 1, 1, 2, 3, 130, 300])
        ids = sorted(rng.sample(range(5000), n))
        tfs = [rng.choice([1, 1, 1, 2, 5]) for _ in ids]
        positions = array("H", [p for t in tfs for p in sorted(rng.sample(range(400), t))])
        lengths = [rng.choice([0, 3, 40, 900]) for _ in ids]
        out.append((word.encode("utf-8"), array("I", ids), tfs, positions, lengths))
    return out


def _field_files(lists: list[tuple], batched: bool) -> dict[str, bytes]:
    storage = RamStorage()
    codec = ReaderCodec()
    segment = codec.new_segment(storage, INDEX_NAME)
    writer = codec.field_writer(storage, segment)
    field = build_schema()["text"]
    for name in ("quote", "text"):  # two fields: the second's rows carry another field number
        writer.start_field(name, field)
        if batched:
            assert write_position_lists(writer, iter(lists)) == len(lists)
        else:  # the path of another Whoosh release
            assert write_term_by_term(writer, iter(lists)) == len(lists)
        writer.finish_field()
    writer.close()
    # by extension: the segment's name is random
    return {name.rsplit(".", 1)[1]: storage.open_file(name).read() for name in storage.list()}


@pytest.mark.parametrize("seed", range(3))
def test_posting_lists_written_in_batches_are_the_same_files_as_term_by_term(seed):
    lists = _lists(seed)
    one_by_one = _field_files(lists, batched=False)
    batched = _field_files(lists, batched=True)
    assert sorted(batched) == sorted(one_by_one) == ["pst", "trm"]
    assert all(batched[name] == one_by_one[name] for name in batched)


def test_batched_terms_must_come_in_order():
    lists = _lists(1)[:3]
    lists[1], lists[2] = lists[2], lists[1]
    with pytest.raises(ValueError, match="increase"):
        _field_files(lists, batched=True)


def test_a_single_posting_encodes_as_the_general_path():
    """One word once in one document (most of a corpus's words): the short path's bytes."""
    from io import BytesIO

    from reader.search.whoosh.codec import ColumnPostingsWriter

    for first, length in ((0, 0), (7, 1), (300, 5000), (70_000, 200_000)):
        out = []
        for at_once in (False, True):
            writer = ColumnPostingsWriter(BytesIO())
            writer.start_postings(ArrayPositions(), W3TermInfo())
            if at_once:
                writer.add_positions(array("I", [42]), [1], array("I", [first]), [length])
            else:
                writer.add_posting(42, 1.0, ArrayPositions().encode([first]), length)
            writer.finish_postings()
            out.append(writer._postfile.getvalue())
        assert out[0] == out[1]


def _article() -> Article:
    quotes = [Quote(start=0, end=12, text="Kami siap.", speaker="Ani Suryani", role="Menteri",
                    via="Reuters"),
              Quote(start=20, end=30, text="istilah", kind="term")]
    return Article(
        doc="a1", path="x/a.txt", title="Judul \u201cberita\u201d", source="Kabar",
        date="2024-01-02", language="id", fields={"desk": "politik"},
        paragraphs=[Paragraph(number=1, text="\u201cKami siap,\u201d kata Ani.", start=0,
                              end=25, quotes=quotes),
                    Paragraph(number=2, text="Ulang.", start=26, end=32, repeat_of=1,
                              quotes=[quotes[0]]),
                    Paragraph(number=3, text="Tanpa kutipan.", start=33, end=47)])


def test_record_dicts_are_asdicts():
    article = _article()
    for q in article.paragraphs[0].quotes:
        assert quote_dict(q) == asdict(q)
        assert list(quote_dict(q)) == list(asdict(q))  # the same key order: the same JSON
    full = asdict(article)
    assert schema_module.article_to_json(article) == json.dumps(
        full, ensure_ascii=False, separators=(",", ":"))
    for p in full["paragraphs"]:  # slim: text and quotes only where a paragraph is a repeat
        if p["repeat_of"] is None:
            del p["text"], p["quotes"]
    assert schema_module.article_to_json(article, slim=True) == json.dumps(
        full, ensure_ascii=False, separators=(",", ":"))


LINES = ["Baca juga: Harga cabai naik", "SIMAK VIDEO 'Banjir di Jakarta'", "(Baca: Kabar lain)",
         "ADVERTISEMENT", "Scroll to continue with content", "Foto: dok. pribadi",
         "Copyright 2024 Kabar", "[Gambas:Video 20detik]", "lihat foto",
         "Berita ini telah tayang di Kabar.com", "Read more: the story",
         "Baca selengkapnya di sini", "Presiden baca juga laporan itu.", "Iklan",
         "Iklan rokok dilarang di jalan raya sejak tahun lalu.",
         "FG Trade via Getty Images",
         "Warga menonton banjir yang melanda kota itu sejak pagi kemarin (AP Photo/Jane Roe)",
         "Warga menonton banjir yang melanda kota itu sejak pagi kemarin, kata Getty Images."]


@pytest.mark.parametrize("line", LINES)
def test_one_whole_line_pattern_answers_as_its_rules(line):
    each = any(re.fullmatch(rule if isinstance(rule, str) else rule[1], line.strip(),
                            re.IGNORECASE) for rule in boilerplate._WHOLE_LINE)
    assert boilerplate._whole_line(line.strip()) == each


def test_long_lines_with_an_agency_name_and_no_caption_are_story():
    line = "Kantor berita Reuters/Ipsos merilis survei yang menunjukkan dukungan publik naik " \
           "tajam pekan ini setelah debat."
    assert len(line) > 80
    assert not boilerplate.is_boilerplate(line)
    assert boilerplate.is_boilerplate("Foto oleh Reuters/Ipsos")  # short: a credit


class _Counting:
    """A field whose ``index`` counts its calls (the real field does the work)."""

    def __init__(self, field) -> None:
        self.field = field
        self.calls = 0

    def index(self, value):
        self.calls += 1
        return self.field.index(value)


def test_the_terms_of_a_recurring_value_are_worked_out_once():
    schema = build_schema()
    bulk = BulkSegment(RamStorage(), schema, INDEX_NAME, ReaderCodec(), limit_mb=64)
    para = _Counting(schema["para"])
    values = [1, 2, 3, 1, 2, 3, 1, 2, 3, 4]
    got = [bulk._field_terms("para", para, v) for v in values]
    assert para.calls == 4
    assert got == [list(schema["para"].index(v)) for v in values]
