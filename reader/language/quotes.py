"""Quotations in news paragraphs: their spans, whether they are speech, who said them, and how.

The rules live in modules of their own (:mod:`spans`, :mod:`names`, :mod:`narrative`,
:mod:`attribution`, :mod:`media`, word lists in :mod:`lexicon`); this module walks one
article's paragraphs in reading order, so state (who the text is about, the people named so
far, a quote left open at a paragraph's end) carries across paragraphs.
"""

from __future__ import annotations

import re

from reader.language.article_words import companies, parties, vocabulary
from reader.language.attribution import attribute, clause_length, only_glue
from reader.language.english import looks_english
from reader.language.lexicon import WORD
from reader.language.media import opening_medium
from reader.language.names import Speaker
from reader.language.narrative import State
from reader.language.sentences import boilerplate, heading, last_start
from reader.language.spans import (
    Span,
    classify,
    event_named,
    find_spans,
    nested_spans,
    titled,
)
from reader.language.subject_shapes import THING_SOURCE
from reader.records import STATEMENT, TERM, Quote


def find_quotes(paragraphs: list[str] | None, language: str | None = None,
                title: str | None = None) -> list[list[Quote]]:
    """Quotes of each paragraph of one article, given its unique body paragraphs in order.

    ``language`` is the article's (``"id"``, ``"en"``; unknown: decided from the text); the
    ``title`` names whom a ``-nya`` means before the body names anyone.
    Anything that is not text (``None`` for the list, a number for a paragraph) has no quotes.
    """
    if not isinstance(paragraphs, (list, tuple)):
        return []
    texts = [p if isinstance(p, str) else "" for p in paragraphs]
    if language not in ("id", "en"):
        language = (language or "").lower()[:2]
        if language not in ("id", "en", "ms"):
            language = "en" if looks_english(texts) else "id"
    state = State(vocab=vocabulary(texts), language="en" if language == "en" else "id",
                  companies=companies(texts), parties=parties(texts))
    if isinstance(title, str):
        state.read_headline(title)
    # No quotation can start after the last paragraph with a mark: the narrative after it need
    # not be read (a quote left open still runs on into the paragraphs that follow).
    # (searched from the end: only the paragraphs after that one are read for it)
    last = next((i for i in range(len(texts) - 1, -1, -1) if _ANY_MARK.search(texts[i])), -1)
    found: list[list[Quote]] = []
    for index, text in enumerate(texts):
        found.append(_paragraph(text, state, index >= last)
                     if index <= last or state.carrying else [])
    return found


def _paragraph(text: str, state: State, final: bool = False) -> list[Quote]:
    """The quotes of one paragraph. ``final``: no paragraph after this one has a mark, so the
    narrative after its last quotation is not read unless that quotation runs on (nothing
    after it could use what it says)."""
    spans = find_spans(text, state.carrying)
    if spans:
        state.read_nicknames(text)  # (an attribution's "kata Aminullah atau kerap disapa JQ")
    if not spans and heading(text):  # "Dana Berasal dari Swadaya": about no one
        state.carrying, state.pending = False, []
        return []
    quotes: list[Quote] = []
    inner: list[Quote] = []  # quotations inside quotations
    hows: list[str | None] = []
    cursor = 0  # where the text not yet attributed starts
    read_at = 0  # where the narrative not yet read starts (a term is read with its sentence)
    terms: list[Span] = []  # the terms inside the narrative not yet read
    opening = opening_medium(text) if spans else None
    for index, span in enumerate(spans):
        before = text[cursor:span.open_at]
        after_end = spans[index + 1].open_at if index + 1 < len(spans) else len(text)
        after = text[span.close_at:after_end] if span.closed else ""
        if after and index + 1 < len(spans) and _VERB_BEFORE_TITLE.fullmatch(after):
            after += _past_title(text, spans, index + 1)  # says “Cold Harbor” director …
        body = text[span.start:span.end]
        state.read(_narrative(text, read_at, span.open_at, terms))
        title = titled(before) or event_named(text[max(0, span.open_at - 40):span.open_at]) \
            or _in_boilerplate(text, span.open_at) or _subheading(text, span) or \
            _work_name(body) or _named_work_after(text, span) or (
                bool(quotes) and quotes[-1].kind == TERM and _listed(text, spans[index - 1], span))
        speaker: Speaker | None
        via: str | None
        how: str | None
        speaker, via, how = (None, None, None) if title else attribute(body, before, after, state)
        speaker = state.full(state.named(speaker))  # "kata Deni": Deni Wicaksono, his role
        if speaker is None and how is None and span.continued and state.pending:
            first, first_how = state.pending[0]
            if first.speaker:
                speaker, how = Speaker(first.speaker, first.role), "continued"
                via = via or first.via
        if speaker is None and how is None and quotes and quotes[-1].kind == STATEMENT \
                and quotes[-1].speaker and only_glue(before):
            speaker, how = Speaker(quotes[-1].speaker, quotes[-1].role), "split"
            via = via or quotes[-1].via
        kind = TERM if title else classify(body, how, span)
        if via is None and opening is not None and opening[1] <= span.open_at:
            via = opening[0]
        if via and ((speaker is not None and via == speaker.name) or
                    any(person.name == via for person in state.people)):
            via = None  # "Menurut Reuters, …": the outlet is the speaker; "tanya Gus Ipul
            # kepada Acem" after "Acem, penerima manfaat, menyampaikan …": a person, asked
        if kind == STATEMENT and speaker is None and how is None and \
                not THING_SOURCE.search(text, last_start(text[:span.open_at]), span.open_at):
            speaker, how = state.lead_in(body), "lead-in"
        if kind == TERM:
            speaker, via = None, None
        if speaker is not None and speaker.name.lower() in _NO_ONE:
            speaker = None  # "Her" of "Her notes are …": a pronoun taken for a name names no one
        quote = Quote(
            start=span.start, end=span.end, text=body, kind=kind,
            speaker=speaker.name if speaker else None,
            role=speaker.role if speaker else None, via=via,
        )
        if span.continued and state.pending and kind == STATEMENT:
            _backfill(state.pending, quote, how)
        if speaker is not None and kind == STATEMENT:
            state.spoke(speaker, body.rstrip(" ,").endswith("?"))
        quotes.append(quote)
        hows.append(how)
        inner.extend(_nested(text, span, quote))
        clause = span.close_at + (clause_length(body, after) if span.closed else 0)
        # a term's words after it are no attribution of its ("the word “forever,” and Nora
        # explains, “…”" is hers), though they are not read as narrative either
        cursor = span.close_at if kind == TERM else clause
        if kind == TERM and span.closed and text[span.close_at:].lstrip()[:1].islower():
            terms.append(span)  # 'an "insider" told …': one sentence, read again whole
        else:
            read_at, terms = clause, []
        if span.closed:
            state.pending = []
    state.carrying = bool(spans) and not spans[-1].closed
    if cursor < len(text) and not (final and not state.carrying):
        state.read(_narrative(text, read_at, len(text), terms), ends=True)
    if state.carrying and quotes[-1].kind == STATEMENT:
        if not spans[-1].continued:
            state.pending = []
        state.pending.append((quotes[-1], hows[-1]))
    else:
        state.pending = []
    if inner:
        return sorted(quotes + inner, key=lambda q: (q.start, -q.end))
    return quotes


_NO_ONE = {"he", "she", "it", "they", "him", "her", "his", "its", "their", "them", "i", "we",
           "you", "me", "us", "my", "our", "i’m", "i'm", "which", "what", "who", "whom", "whose",
           "that", "this", "these", "those", "there", "here", "dia", "ia", "beliau", "mereka",
           "saya", "aku", "kami", "kita", "nya"}


def _narrative(text: str, start: int, end: int, terms: list[Span]) -> str:
    """The narrative from ``start`` to ``end`` with the terms inside it as plain words: a word
    in lower case without its marks (``an insider told``), a title as ``x`` (no name)."""
    parts, at = [], start
    for term in terms:  # (all between start and end: the terms since the narrative last read)
        body = text[term.start:term.end]
        parts += [text[at:term.open_at], "x" if any(c.isupper() for c in body) else body]
        at = term.close_at
    return "".join(parts) + text[at:end] if parts else text[start:end]


_ANY_MARK = re.compile(r"[\"“”«»„‘’']")
# Speech introduced inside a quotation: "dia bilang, '…'", "kata saya: '…'", "he said, '…'".
# (Up to three words between the verb and the comma: "bilang gini sama aku, '…'".)
_SPEECH_BEFORE = re.compile(r"\b(?P<who>\w+)?\s*(?:bilang|berkata|kata|bertanya|mengatakan|"
                            r"menulis|berteriak|said|says|saying|asked|told\s+\w+|wrote|tanya)"
                            r"(?:\s+(?P<who2>\w+)(?:\s+\w+){0,2})?\s*[,:]\s*$|:\s*$",
                            re.IGNORECASE)
_FIRST_PERSON = {"saya", "aku", "gue", "gua", "kami", "i", "we"}


def _nested(text: str, span: Span, outer: Quote) -> list[Quote]:
    """Quotations inside a quotation, reported inside it: speech when a reporting word and a
    comma or colon introduce them (the outer speaker's own words when they say ``saya
    bilang``; otherwise whose, the outer quotation does not say), terms otherwise."""
    if outer.kind != STATEMENT:
        return []
    found = []
    for inner in nested_spans(text, span):
        body = text[inner.start:inner.end]
        speech = _SPEECH_BEFORE.search(text, max(span.start, inner.open_at - 40), inner.open_at)
        kind = classify(body, "nested", inner) if speech else TERM
        speaker = role = None
        if kind == STATEMENT and speech is not None:
            who = {(speech.group("who") or "").lower(), (speech.group("who2") or "").lower()}
            if who & _FIRST_PERSON:
                speaker, role = outer.speaker, outer.role
        found.append(Quote(start=inner.start, end=inner.end, text=body, kind=kind,
                           speaker=speaker, role=role))
    return found


def _in_boilerplate(text: str, at: int) -> bool:
    """A quotation on a link or promotion line (``Simak Video 'Realisasi …'``) is a title."""
    line_start = text.rfind("\n", 0, at) + 1
    line_end = text.find("\n", at)
    return boilerplate(text[line_start:line_end if line_end >= 0 else len(text)])


def _past_title(text: str, spans: list[Span], at: int) -> str:
    """The words after a short title the attribution holds (``says “Yellowjackets” director
    and executive producer Karyn Kusama.``), up to the next quotation; "" unless it is one."""
    title = spans[at]
    if not title.closed or len(text[title.start:title.end].split()) > 5:
        return ""
    end = spans[at + 1].open_at if at + 1 < len(spans) else len(text)
    return text[title.close_at:end]


# A reporting verb right before a quoted title: "…,” says “Yellowjackets” director …".
_VERB_BEFORE_TITLE = re.compile(r"\s*,?\s*(?:says|said|adds|added|writes|wrote|explains|"
                                r"explained|notes|noted)\s+", re.IGNORECASE)


def _work_name(body: str) -> bool:
    """Words in title case, as a book, a law, a slogan or a headline is named (“The Life of Rosa
    Parks,”, “Make America Great Again”, “2022 Was the Year of Juliette Lewis”), not as anyone
    speaks."""
    words = [w for w in WORD.findall(_NESTED.sub(" ", body))  # (not names quoted inside it)
             if w.lower() not in _MINOR_WORDS and not w.isdigit()]
    # “The Unregulated Podcast.”: two capitalised words after "The" name a work too
    least = 2 if body.startswith("The ") and all(w[:1].isupper() for w in words) else 3
    return least <= len({w.lower() for w in words}) and len(words) <= 10 and \
        (body[:1].isupper() or body[:1].isdigit()) and \
        sum(w[:1].isupper() for w in words) * 5 >= len(words) * 4 and \
        not all(w.isupper() for w in words)  # all capitals (or "Bogor, Bogor"): a chant


_NESTED = re.compile(r"‘[^‘’]*’")  # “Is it ‘Tunnel Tom’ or ‘Mister Pothole’?”
_MINOR_WORDS = {"of", "the", "a", "an", "and", "in", "on", "to", "for", "at", "by", "with",
                "over", "under", "from", "into", "as", "or", "but", "vs", "di", "dan", "ke",
                "dari", "yang", "untuk", "dengan", "pada"}


def _named_work_after(text: str, span: Span) -> bool:
    """A kind of work right after the closing mark: the “Power of Now” podcast."""
    if not span.closed:
        return False
    word = _NEXT_WORD.match(text, span.close_at)
    if not word:
        return False
    kind = word.group(1).lower()
    return kind in _WORK_KINDS or (kind in _WORK_PEOPLE and bool(
        _ARTICLE_BEFORE.search(text, max(0, span.open_at - 12), span.open_at)))


_NEXT_WORD = re.compile(r"\s*([A-Za-z]+)")
_WORK_KINDS = {"podcast", "newsletter", "show", "series", "album", "song", "film", "movie",
               "book", "documentary", "program", "programme", "campaign", "column", "novel",
               "festival", "exhibition", "app", "hashtag", "slogan", "initiative", "playlist"}
# Someone known for a work, after its title: the “Six Feet Under” actress (after an article
# or a possessive, so "“I quit,” actress Jane Roe said" stays speech).
_WORK_PEOPLE = {"actress", "actor", "star", "director", "creator", "showrunner", "singer",
                "rapper", "author", "host", "producer", "writer", "composer", "cast"}
_ARTICLE_BEFORE = re.compile(r"(?:\b(?:the|a|an|his|her|their|its)|['’]s)\s*$", re.IGNORECASE)
# Only a conjunction between two quotations: “Blue Road” and “Red Sky” (the second a term too).
_AND_ONLY = re.compile(r"\s*(?:,|and|or|dan|atau|&)\s*")


def _listed(text: str, previous: Span, span: Span) -> bool:
    """The next item of a list of names after a term: joined by a conjunction, or (“Heat Wave,”
    “Quicksand,”) by a space after the last item's comma, when this one is a short name too."""
    if _AND_ONLY.fullmatch(text, previous.close_at, span.open_at):
        return True
    return not text[previous.close_at:span.open_at].strip() and \
        text[previous.start:previous.end].rstrip().endswith(",") and \
        len(text[span.start:span.end].split()) <= 5


def _subheading(text: str, span: Span) -> bool:
    """A paragraph that is only words in single marks, with no stop: a subheading quoting the
    story (‘Winks and nods work’), not speech given there."""
    return span.open_at == 0 and span.closed and text[0] in "‘'" and \
        span.close_at >= len(text.rstrip()) and text[span.start:span.end].rstrip()[-1:] not in \
        ",.!?…"


def _backfill(pending: list[tuple[Quote, str | None]], quote: Quote, how: str | None) -> None:
    """The closing part of a quote spread over paragraphs names who said the opening parts."""
    if not quote.speaker or how in (None, "lead-in", "continued"):
        return
    for earlier, earlier_how in pending:
        if earlier_how in (None, "lead-in", "continued") or not earlier.speaker:
            earlier.speaker, earlier.role = quote.speaker, quote.role
            earlier.via = earlier.via or quote.via


