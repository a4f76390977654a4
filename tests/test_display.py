"""reader.display.clean: nothing a terminal could act on gets through, and nothing moves."""

from __future__ import annotations

import unicodedata

from hypothesis import given
from hypothesis import strategies as st

from reader.cli.output import cells, to_json, wrap
from reader.display import BIDI_CONTROLS, clean, one_line


def dangerous(ch: str) -> bool:
    code = ord(ch)
    return ((code < 0x20 and ch not in "\t\n") or 0x7F <= code <= 0x9F
            or code in BIDI_CONTROLS or 0xD800 <= code <= 0xDFFF)


def test_escape_sequences_become_visible_and_inert():
    assert clean("a\x1b[31mred\x1b[0m") == "a␛[31mred␛[0m"
    assert clean("\x1b]52;c;aGVsbG8=\x07") == "␛]52;c;aGVsbG8=␇"  # OSC 52 clipboard write
    assert clean("\x1b]0;title\x1b\\") == "␛]0;title␛\\"  # OSC with ST
    assert clean("\x9b31m") == "\ufffd31m"  # 8-bit CSI
    assert clean("\x9d0;t\x9c") == "\ufffd0;t\ufffd"  # 8-bit OSC and ST


def test_controls_are_shown_one_for_one():
    assert clean("a\rb") == "a␍b"  # a carriage return cannot overwrite the line
    assert clean("bell\x07") == "bell␇"
    assert clean("nul\x00") == "nul␀"
    assert clean("del\x7f") == "del␡"
    assert clean("tab\tand\nnewline") == "tab\tand\nnewline"


def test_bidirectional_controls_are_made_visible():
    for code in (0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069,
                 0x061C, 0x200E, 0x200F):
        assert clean(f"x{chr(code)}y") == "x\ufffdy", hex(code)
    assert clean("laporan\u202etxt.exe") == "laporan\ufffdtxt.exe"


def test_lone_surrogates_from_undecodable_names():
    assert clean("korpus\udcff") == "korpus\ufffd"
    clean("korpus\udcff").encode("utf-8")  # printable


def test_ordinary_text_is_untouched():
    for text in ("Kazakhstan bergabung dengan “Abraham Accords”", "Café Zoë naïve",
                 "e\u0301 combining", "中文 日本語", "emoji 😀", "Arabic العربية",
                 "[bold]markup[/bold] [@click=app.quit]x[/]", "zero\u200bwidth"):
        assert clean(text) == text


def test_one_line_collapses_and_cuts():
    assert one_line("  a\n\tb  \x1b[2J c ") == "a b ␛[2J c"
    assert one_line("x" * 10, 5) == "xxxx…"
    assert one_line(None) == ""


@given(st.text())
def test_property_nothing_dangerous_survives_and_offsets_hold(text):
    cleaned = clean(text)
    assert len(cleaned) == len(text)
    assert not any(dangerous(ch) for ch in cleaned)
    assert clean(cleaned) == cleaned
    cleaned.encode("utf-8")
    for a, b in zip(text, cleaned, strict=True):
        assert a == b or dangerous(a)


@given(st.text())
def test_property_json_is_lossless_and_inert(text):
    import json

    encoded = to_json({"t": text})
    assert json.loads(encoded) == {"t": text}
    assert not any(dangerous(ch) for ch in encoded.replace("\n", ""))
    encoded.encode("utf-8")


def test_wrap_keeps_words_and_widths():
    parts = [("Presiden Trump bertemu dengan Presiden ", None), ("Tokayev", "mark"),
             (" serta empat pemimpin Asia Tengah lainnya di Gedung Putih.", None)]
    rows = wrap(parts, 24, indent=2)
    texts = ["".join(t for t, _ in row) for row in rows]
    assert all(cells(t) <= 24 for t in texts)
    assert " ".join(" ".join(texts).split()) == " ".join("".join(t for t, _ in parts).split())
    assert all(t.startswith("  ") for t in texts[1:])
    assert ("Tokayev", "mark") in [seg for row in rows for seg in row]


def test_wrap_counts_wide_characters_and_cuts_long_words():
    rows = wrap([("中文中文中文中文", None)], 6)
    assert [cells("".join(t for t, _ in row)) for row in rows] == [6, 6, 4]
    rows = wrap([("x" * 25, None)], 10)
    assert ["".join(t for t, _ in row) for row in rows] == ["x" * 10, "x" * 10, "x" * 5]


def test_wrap_never_glues_words_at_a_row_end():
    rows = wrap([("aaaa bb cc", None)], 7)
    assert ["".join(t for t, _ in row) for row in rows] == ["aaaa bb", "cc"]
    rows = wrap([("aaaaaa bb", None)], 7)
    assert ["".join(t for t, _ in row) for row in rows] == ["aaaaaa", "bb"]


def test_cells_of_marks_and_formats():
    assert cells("e\u0301") == 1
    assert cells(unicodedata.normalize("NFD", "Zoë")) == 3
    assert cells("a\u200bb") == 2
