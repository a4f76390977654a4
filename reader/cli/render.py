"""The human-readable answers of the subcommands, as styled lines for :class:`Output`.

Nothing here decides anything: the records come from :class:`reader.library.Library` and go
out as segments of text with a style name. Output cleans every segment, so a title, a file
name or a speaker can never act on the terminal.
"""

from __future__ import annotations

from collections.abc import Sequence

from reader.cli.output import Output, Segment
from reader.display import one_line
from reader.records import Article, Hit, Paragraph, QuoteRecord, SearchResult
from reader.text import excerpt_bounds

SNIPPET = 240  # characters of a hit shown around its first match


def plural(count: int, word: str) -> str:
    return f"{count:,} {word}{'' if count == 1 else 's'}"


def snippet(hit: Hit, width: int = SNIPPET) -> list[Segment]:
    """The hit text around its first match, matched words marked, on one line."""
    text = hit.text
    start, end = excerpt_bounds(text, hit.highlights, width)
    segments: list[Segment] = [("…", None)] if start else []
    at = start
    for a, b in sorted(hit.highlights):
        if a < at or b > end:
            continue
        segments.append((text[at:a], None))
        segments.append((text[a:b], "mark"))
        at = b
    segments.append((text[at:end], None))
    if end < len(text):
        segments.append(("…", None))
    return [(" ".join(piece.split("\n")), style) for piece, style in segments if piece]


def hit_heading(hit: Hit) -> list[Segment]:
    line: list[Segment] = [(f"{hit.doc} ¶{hit.para}", "ref")]
    if hit.repeats:
        line.append((f" (also ¶{', ¶'.join(map(str, hit.repeats))})", "dim"))
    line.append(("  " + one_line(hit.title, 70), "bold"))
    if hit.source:
        line.append((" · " + one_line(hit.source, 30), "dim"))
    return line


def facets(out: Output, counts) -> None:
    """The hits counted by outlet and by year, after the hits."""
    out.blank()
    for label, pairs, none in (("By outlet", counts.outlets, "no outlet"),
                               ("By year", counts.years, "undated")):
        line = " · ".join(f"{one_line(name, 60) if name is not None else none} {n:,}"
                          for name, n in pairs)
        out.line((f"{label}{' (so far)' if counts.partial else ''}: {line}", "dim"))


def search_result(out: Output, result: SearchResult, hits: Sequence[Hit], offset: int,
                  dates: dict[str, str | None] | None = None, sort: str = "relevance") -> None:
    query = one_line(result.query, 80)
    if not result.total:
        out.line(f"No hits for {query}")
        if result.suggestions:
            out.line("Did you mean: " + ", ".join(one_line(s) for s in result.suggestions)
                     + " ?")
        return
    head = f"{plural(result.total, 'paragraph')} match{'es' if result.total == 1 else ''} "
    out.line((head + query, "bold"))
    if hits:
        first, last = offset + 1, offset + len(hits)
        if (first, last) != (1, result.total):
            order = "" if sort == "relevance" else f", {sort} first"
            out.line((f"showing {first:,} to {last:,}{order}", "dim"))
    else:
        out.line((f"no hits past the first {result.total:,}", "dim"))
    if result.partial:
        out.line(("(partial: the time budget or an expansion limit cut the search short; "
                  "these are the best hits found)", "dim"))
    for hit in hits:
        out.blank()
        heading = hit_heading(hit)
        if dates is not None:
            heading.append(("  " + (dates.get(hit.doc) or "undated"), "dim"))
        out.line(*heading)
        out.line(*snippet(hit))


def article(out: Output, found: Article, paragraphs: Sequence[Paragraph]) -> None:
    out.line((one_line(found.title), "bold"))
    meta = " · ".join(one_line(v) for v in (found.source, found.dateline, found.date,
                                             found.author, found.url) if v)
    if meta:
        out.line((meta, "dim"))
    for key, value in sorted(found.fields.items()):
        out.line((f"{one_line(key)}: ", "dim"), one_line(str(value), 200))
    out.blank()
    for p in paragraphs:
        gutter = f"¶{p.number:<3} "
        segments: list[Segment] = [(gutter, "dim" if p.repeat_of else "ref")]
        if p.repeat_of:
            segments.append((f"(repeats ¶{p.repeat_of}) ", "dim"))
        base = "dim" if p.repeat_of else None
        at = 0
        for q in sorted(p.quotes, key=lambda q: q.start):
            if q.start < at:
                continue
            segments.append((p.text[at:q.start], base))
            segments.append((p.text[q.start:q.end], "quote"))
            at = q.end
        segments.append((p.text[at:], base))
        out.line(*segments, indent=len(gutter))
        for k, q in enumerate(p.quotes, start=1):
            who = ", ".join(filter(None, (q.speaker, q.role))) or "unattributed"
            via = f" via {q.via}" if q.via else ""
            label = "term" if q.kind == "term" else who + via
            out.line((f"      [{k}] {one_line(label)}", "label"), indent=10)
    if found.credit:
        out.line((f"({one_line(found.credit)})", "dim"))


def quotes(out: Output, records: Sequence[QuoteRecord]) -> None:
    for r in records:
        who = ", ".join(filter(None, (r.quote.speaker, r.quote.role)))
        line: list[Segment] = [(f"{r.doc}:{r.para} #{r.index} ", "dim"),
                               (r.quote.kind, r.quote.kind), (" ", None),
                               (one_line(who or "(unattributed)"), "bold")]
        if r.quote.via:
            line.append((f" via {one_line(r.quote.via)}", "dim"))
        out.line(*line)
        out.line(("  “" + one_line(r.quote.text, 400) + "”", "quote"), indent=3)


def related(out: Output, found: Sequence, doc: str, para: int) -> None:
    if not found:
        out.line(f"Nothing elsewhere tells what {doc}:{para} tells.")
    for r in found:
        line: list[Segment] = [(f"{r.score:.2f} ", "dim"), (f"{r.doc} ¶{r.para}", "ref"),
                               ("  " + one_line(r.title, 60), "bold")]
        if r.source:
            line.append((" · " + one_line(r.source, 30), "dim"))
        out.line(*line)
        if r.quote is not None:
            out.line((f"  quote {r.quote} matches quote {r.matches_quote}: ", "label"),
                     ("“" + one_line(r.quote_text or "", 200) + "”", "quote"), indent=2)
        else:
            out.line("  " + one_line(r.text, 200), indent=2)


def compare(out: Output, alignment, a: Article, b: Article) -> None:
    out.line((f"A  {a.doc}  {one_line(a.title, 70)}", "bold"))
    out.line((f"B  {b.doc}  {one_line(b.title, 70)}", "bold"))
    out.blank()
    for pair in alignment.pairs:
        out.line((f"A¶{pair.a:<3} ~ B¶{pair.b:<3} {pair.score:.2f}  ", "ref"),
                 (", ".join(one_line(w) for w in pair.shared), "dim"), indent=18)
    if alignment.only_a:
        out.line("only in A: " + ", ".join(f"¶{n}" for n in alignment.only_a))
    if alignment.only_b:
        out.line("only in B: " + ", ".join(f"¶{n}" for n in alignment.only_b))
    for q in alignment.quotes:
        out.line((f"same statement: A¶{q.a} quote {q.a_quote} ~ B¶{q.b} quote {q.b_quote} "
                  f"({q.score:.2f})", "label"))


def stats(out: Output, values: dict) -> None:
    for key, value in values.items():
        out.line(f"{key:>10}  {one_line(str(value))}")


def cluster_status(out: Output, found) -> None:
    """The coordinator, then each shard with what it holds and each of its servers."""
    out.line(f"coordinator {found.coordinator} · {plural(len(found.shards), 'shard')}")
    for shard in found.shards:
        if shard.error:
            out.line(f"shard {shard.number}  ", ("not answering", "bold"),
                     f": {one_line(shard.error, 200)}")
        else:
            out.line(f"shard {shard.number}  answering · {plural(shard.articles or 0, 'article')}"
                     f" · {plural(shard.paragraphs or 0, 'paragraph')}")
        for host in shard.hosts:
            if host.error:
                out.line(f"  {host.address}  ", ("down", "bold"),
                         f": {one_line(host.error, 200)}", indent=4)
            else:
                out.line(f"  {host.address}  {host.role}, up", indent=4)


def show_json(found: Article, paragraphs: Sequence[Paragraph]) -> dict:
    return {
        "doc": found.doc, "title": found.title, "source": found.source,
        "dateline": found.dateline, "credit": found.credit, "author": found.author,
        "date": found.date, "url": found.url, "fields": dict(found.fields),
        "paragraphs": [
            {"para": p.number, "text": p.text, "repeat_of": p.repeat_of,
             "quotes": [q.to_dict() for q in p.quotes]}
            for p in paragraphs
        ],
    }


__all__ = ["article", "compare", "hit_heading", "quotes", "related", "search_result",
           "show_json", "snippet", "stats"]
