"""CSL-JSON: the item that Zotero and every citeproc user receive, and the citation of a paragraph.

One item per article: its ``id`` comes from the document id, so every paragraph of an article
yields the same item and two exports merge without conflict. The paragraph is a locator, which
CSL puts in the *citation*, not in the item (the CSL data schema has no place for it): the output
is one JSON object,

    {"items": [ITEM],
     "citation": {"schema": "…/csl-citation.json", "citationID": "DOC:8",
                  "citationItems": [{"id": "DOC", "locator": "8", "label": "paragraph"}],
                  "properties": {"noteIndex": 0}},
     "quote": {"text": "…", "speaker": "…", "role": "…", "via": "…"}}

where ``items`` is a CSL-JSON array (what Zotero imports: ``jq .items``), ``citation`` a CSL
citation object (what citeproc-js's ``processCitationCluster`` takes), and ``quote`` appears only
for a quote citation: the quotation is what the writer cites, not a property of the article, so
it never goes into the item (nor into ``note``).

Item fields: ``title`` (English titles in sentence case, which CSL styles title-case when they
need to; others as given), ``title-short`` when a shorter form exists, ``language`` (so
processors do not title-case an Indonesian title as English), ``accessed`` only for an online
article with no date, and no ``note``.
"""

from __future__ import annotations

import json
import re

from reader.cite.names import Name
from reader.cite.parts import description, title_text
from reader.cite.source import Source
from reader.cite.titles import short_title

CITATION_SCHEMA = "https://resource.citationstyles.org/schema/latest/input/json/csl-citation.json"

_DATE_PARTS = re.compile(r"\[\n\s+\[\n\s+([\d,\s]+?)\n\s+\]\n\s+\]")


def _name(name: Name) -> dict[str, str]:
    if name.literal:
        return {"literal": name.literal}
    out = {"family": name.family or ""}
    if name.given:
        out["given"] = name.given
    if name.suffix:
        out["suffix"] = name.suffix
    return out


def item(src: Source) -> dict[str, object]:
    """The article as one CSL-JSON item (the same for every paragraph and quote of it)."""
    out: dict[str, object] = {"id": src.key, "type": "article-newspaper"}
    title = title_text(src, "apa") if src.english else src.title
    if title:
        out["title"] = title
        shortened = short_title(title)
        if len(shortened.split()) < len(title.split()):
            out["title-short"] = shortened
    else:
        out["title"] = f"[{description(src)}]"
    if src.outlet:
        out["container-title"] = src.outlet
    if src.names:
        out["author"] = [_name(n) for n in src.names]
    if src.date:
        out["issued"] = {"date-parts": [src.date.parts()]}
    if src.url:
        out["URL"] = src.url
    access = src.access_date
    if access is not None:
        out["accessed"] = {"date-parts": [access.parts()]}
    if src.language:
        out["language"] = src.language
    return out


def citation(src: Source) -> dict[str, object]:
    """The CSL citation of the paragraph: the item's id with the paragraph as its locator."""
    cited = f"{src.key}:{src.para}"
    return {
        "schema": CITATION_SCHEMA,
        "citationID": cited,
        "citationItems": [{"id": src.key, "locator": str(src.para), "label": "paragraph"}],
        "properties": {"noteIndex": 0},
    }


def csl_json(src: Source) -> str:
    out: dict[str, object] = {"items": [item(src)], "citation": citation(src)}
    if src.quote is not None:
        quote = {"text": src.quote, "speaker": src.speaker, "role": src.role, "via": src.via}
        out["quote"] = {k: v for k, v in quote.items() if v is not None}
    text = json.dumps(out, ensure_ascii=False, indent=2)
    # Keep date-parts on one line. JSON strings cannot hold a raw newline, so this only ever
    # matches the structure, never text inside a value.
    return _DATE_PARTS.sub(_one_line_parts, text)


def _one_line_parts(match: re.Match[str]) -> str:
    return "[[" + ", ".join(p.strip() for p in match.group(1).split(",")) + "]]"
