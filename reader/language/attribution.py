"""Who said a quotation: the reporting patterns around it.

Indonesian news reports speech with a small set of patterns: a verb after the quote
(``"…," kata Trump``, ``ujarnya``), a subject and a verb before it (``Rubio mengatakan, "…"``),
``menurut X``, a colon after a name. English articles read the words after a quote with
:mod:`reader.language.english` instead (``said X``, ``X stated``, ``the minister said``).
"""

from __future__ import annotations

import re

from reader.language.english import english_after
from reader.language.entities import entities
from reader.language.lexicon import (
    AFTER_VERBS,
    BACK_WORDS,
    BEFORE_VERBS,
    EN_SENTENCE_STARTERS,
    EN_VERBS,
    NOT_VERBS,
    POSSESSIVE,
    PRONOUNS,
    SPEECH_NOUNS,
    WORD,
)
from reader.language.media import medium, medium_before
from reader.language.names import Speaker, is_person, role_only, split_role
from reader.language.narrative import State
from reader.language.phrases import phrase_speaker
from reader.language.sentences import abbreviation_at
from reader.language.subject_shapes import A_RECENT, NOTED_IN, THING_SOURCE

AFTER = re.compile(
    rf"^[\s,.:;!?]*(?:—|–|-)?\s*(?:(?:demikian|begitu|seperti)\s+)?"
    rf"(?P<verb>{SPEECH_NOUNS}|(?:{AFTER_VERBS}))(?P<nya>nya)?\b(?P<rest>.*)",
    re.IGNORECASE | re.DOTALL,
)
# Any lower-case word and a name after a quote that ends like speech: "…," cerita Sutisna.
_AFTER_GENERIC = re.compile(r"^[\s,]*(?:—|–|-)?\s*(?P<verb>[a-z]{3,})(?P<nya>nya)?\b(?P<rest>.*)",
                            re.DOTALL)
_EN_AFTER = re.compile(
    r"^[\s,.:;]*(?:(?P<verb>said|says|told|wrote|added|asked|explained)\s+(?P<name>[A-Z][^\s,.;:]*"
    r"(?:\s+[A-Z][^\s,.;:]*){0,5})|(?P<name2>[A-Z][^\s,.;:]*(?:\s+[A-Z][^\s,.;:]*){0,5})\s+"
    r"(?:said|says|told|wrote|added))"
)
_BEFORE = re.compile(
    rf"(?P<verb>\b(?:{BEFORE_VERBS}|{EN_VERBS}))\b(?P<tail>[^\"“”.!?]{{0,120}})$", re.IGNORECASE
)
_ADDRESSING = {"tells", "told", "tell", "reminds", "reminded", "warns", "warned", "assures",
               "assured", "urges", "urged"}
_BEFORE_GENERIC = re.compile(r"(?P<verb>\b(?:me|ber)[a-z]{3,})(?P<tail>\s*[,:]\s*)$")
_MENURUT = re.compile(r"\b(?:menurut|according to|a" + NOTED_IN + r")\s+(?P<name>[^,]{2,80}),?\s*$",
                      re.IGNORECASE)
_QUOTING = re.compile(r"\bmengutip\s+(?:pernyataan|keterangan|ucapan|kata-kata|perkataan)\s+"
                      r"(?P<name>[A-Z].{0,120})")
# The next sentence naming who said the quote before it: "Hal itu disampaikan X", "Demikian
# diungkapkan X", "Pernyataan tersebut disampaikan oleh X".
_PASSIVE_AFTER = re.compile(
    r"^\s*(?:Hal\s+(?:itu|tersebut|ini)|Pernyataan\s+(?:itu|tersebut)|Demikian)\s+(?:(?:juga|pun)"
    r"\s+)?di(?:sampaikan|ungkapkan|katakan|jelaskan|tegaskan|utarakan|paparkan|kemukakan)\s+"
    r"(?:oleh\s+)?(?P<name>[A-Z].{0,160})")
# A reporting or linking word run on to the capitalised name after it in scraped text.
_GLUED_VERB = re.compile(r"\b(dilansir|dilaporkan|diterima|dikutip|mengutip|melansir|"
                         r"disampaikan|oleh|dari|kepada|melalui|kata|ujar|ucap|tutur|ungkap|"
                         r"jelas|tegas|imbuh|sebut|tambah|terang|papar|tulis)(?=[A-Z])")
# The wording of a law, a letter or a sign just before the quote: "Dalam pasal tersebut, tertuang
# bahwa", "Pasal 5 undang-undang itu berbunyi", "termaktub" (a caption someone wrote that
# "berbunyi" is still theirs).
_WORDING = re.compile(r"(?:\b(?:tertuang|termaktub)|\b(?:pasal|ayat|undang-undang|uu|peraturan|"
                      r"aturan|putusan|keputusan|surat|dokumen|spanduk|poster|prasasti)\b[^.!?]{0,40}?"
                      r"\b(?:berbunyi|bunyinya|isinya))(?:\s+(?:bahwa|sebagai\s+berikut))?\s*[,:]?\s*$",
                      re.IGNORECASE)
# A name with no verb after a quote that ends like speech, then a comma, a place or time, or the
# sentence end: '"…," Direktur Riset Ali Noer Zaman, dalam rilis …'.
_BARE_NAME = re.compile(r"^[\s,]*(?P<name>[A-Z][^,.;:!?\"“”]{0,80}?)\s*(?:,|(?=\s(?:dalam|di|saat|"
                        r"ketika|kepada|usai|seusai|pada|melalui|lewat)\b)|\.?\s*$)")
# A quote closed by a dash and its speaker, nothing after them in the paragraph (a pull quote,
# a list of reactions): '"…." — Sen. Lisa Murkowski, R-Alaska', '"…" - Ketua DPR Puan Maharani'.
_DASHES = "—–―-"
# (The name's words are capitalised: "— The crowd cheered as …" goes on with the story.)
_PULL_CREDIT = re.compile(r"\s*[—–―-]{1,2}\s*(?P<name>[A-Z][\w.'’-]*(?:\s+(?:[A-Z(][\w.'’()-]*|"
                          r"of|dan|van|de|bin|binti|al)){0,7}(?:,[^\"“”‘’\n!?]{1,80}?)?)[\s.]*$")
# A full name and what the person is, ending the paragraph after the quote, no verb:
# '"…," John Park, head of design at Acme', '"…." Lisa Grant, sales director at Acme'.
_NAME_CREDIT = re.compile(r"[\s,]*(?P<name>[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){1,3}),\s+"
                          r"[a-z][^\"“”‘’\n!?.]{2,120}\.?\s*$")
# A name and a reporting verb opening the sentence after a question or an exclamation.
_NAME_SAID = re.compile(r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,7}(?:\s+[a-z]+ly)?\s+(?:said|says|"
                        r"asked|asks|told|added|replied|wondered|shouted|screamed|yelled|"
                        r"exclaimed|cried|tanya|bertanya|berteriak)\b")
_NAME_SAID_ALONE = re.compile(r"[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,5}\s+(?:said|says|added|"
                              r"explained|pointed\s+out|noted|recalled|continued|told\s+"
                              r"(?:reporters|me|us))\s*\.(?=\s|$)")
_CLAUSE_END = re.compile(r"[.!?](?=[\s\"“”‘]+[\"“‘(]?[A-Z]|[\"“”]|\s*$)"
                         r"|(?<=[a-z]{2})\.(?=[A-Z][a-z]{2,}\s)")  # "ujar Danu.Selain itu": glued


def attribute(body: str, before: str, after: str, state: State):
    """Who spoke, through which medium, and which pattern said so."""
    clause = after[:clause_length(body, after)]
    if clause:  # "demikian dilaporkanSaudi Press Agency": words run together in the source
        clause = _GLUED_VERB.sub(r"\1 ", clause)
    via = medium(clause) if clause else None
    ends_like_speech = body.rstrip()[-1:] in ",?!" or after.lstrip()[:1] == ","
    if clause and state.language == "en":
        found = english_after(clause, state)
        if found is not None:
            speaker, how = found
            if how == "after-pronoun":  # "he replied" answers the question before; "he
                # added" goes on with it (a speaker's own question: "…?" said Cohen)
                pronoun = _HE_SHE.search(clause, 0, 40)
                speaker = _answer(state, body) if _EN_ANSWER.search(clause) else \
                    state.speaker_of(body, pronoun.group().lower() if pronoun else None)
            return speaker, via, how
    elif clause:
        found = _after_speaker(clause, body, state, ends_like_speech)
        if found is not None:
            speaker, how = found
            return speaker, via, how
    opening = after.lstrip()[:1]
    pulled = _PULL_CREDIT.match(after) if opening and opening in _DASHES else \
        _NAME_CREDIT.match(after) if state.language == "en" else None
    if pulled and pulled.group("name").split()[0].lower() in EN_SENTENCE_STARTERS:
        pulled = None  # "… ." However Smith, …: a new sentence
    if pulled and body.rstrip()[-1:] in ".!?,":  # '"…." — Sen. Lisa Murkowski': a pull quote
        speaker, how = phrase_speaker(pulled.group("name"), state)
        if speaker is not None and how == "name" and (
                speaker.role or is_person(speaker, state.language == "en")):
            return speaker, via, "after-dash"
    passive = _PASSIVE_AFTER.match(after) if not clause and after[:40].strip() else None
    if passive:  # '"…." Hal itu disampaikan Kapolres Bekasi AKBP Rina Marlina saat …'
        speaker, how = phrase_speaker(passive.group("name"), state)
        if speaker is not None and how == "name":
            return speaker, via or medium(after[:240]), "after-passive"
    tail = _sentence_tail(before)
    via = via or medium_before(tail)
    if _WORDING.search(tail[-120:]):
        return None, via, "document"  # "Pasal 5 berbunyi, "…"": a text's words, no speaker
    menurut = _MENURUT.search(tail)
    if menurut:  # ("according to a recent Atlantic essay": the Atlantic, "recent" no role)
        speaker, how = phrase_speaker(A_RECENT.sub("", menurut.group("name")), state)
        if how == "back":
            return state.referent(), via, "before"
        if speaker is not None:
            return speaker, via, "before"
    verb = _BEFORE.search(tail) or _BEFORE_GENERIC.search(tail)
    while verb is not None and verb.re is _BEFORE:
        # the reporting verb nearest the mark: "an email Flynn wrote to a colleague … in which
        # Flynn wrote, "…"" is the second writing
        nearer = _BEFORE.search(tail, verb.end("verb"))
        if nearer is None:
            break
        verb = nearer
    if verb:
        verb_tail = verb.group("tail").strip()
        if (verb_tail[:1].isupper() or (state.language == "en" and
                                        _DESCRIBED_NAME.match(verb_tail))) and \
                verb_tail[-1:] in ",:" and verb.group("verb").lower() not in _ADDRESSING:
            # ("Kiel was driven, wrote the art historian Paul Brenner, "…"": him, described)
            # "…, said Dotson, asserting, "…"": the name after the verb said it (not after
            # "tells": "Max tells Nora, "…"" is Max's)
            speaker, how = phrase_speaker(verb_tail, state)
            if how == "name" and speaker is not None:
                return speaker, via or medium(verb.group("tail")), "before"
        if not verb_tail or verb_tail[-1] in ",:" or len(verb_tail) <= 25:
            speaker = _subject_before(tail[: verb.start()], state)
            if speaker is not None and any(speaker.name in law.group() for law in
                                           _LAW_NAME.finditer(tail, 0, verb.start())):
                return None, via, "document"  # "The Equal Rights Amendment would say that"
            return speaker, via or medium(verb.group("tail")), "before"
    if tail.rstrip().endswith(":"):
        pronoun = _CLAUSE_PRONOUN.match(tail.rsplit(",", 1)[-1])
        if pronoun:  # "Posing with a bottle, he lectures the viewer:": whom "he" means
            speaker = state.referent(pronoun.group(1).lower())
        elif THING_SOURCE.search(tail):  # "the notice read:": its words, no one's
            return None, via, "thing"
        else:
            speaker = last_entity(tail, state.vocab)
            if speaker is not None and speaker.name.endswith(POSSESSIVE):
                # "I follow Julia Marsh’s rule:": hers
                speaker = Speaker(speaker.name[:-2].rstrip(), speaker.role)
            speaker = state.full(speaker) if speaker else state.referent()
        if speaker is not None:
            return speaker, via, "before-colon"
    return None, via, None


def _after_speaker(clause: str, body: str, state: State, speechlike: bool):
    """``(speaker, how)`` from the words after a closing mark, or None."""
    match = AFTER.match(clause)
    generic = False
    if match is None and speechlike:
        match = _AFTER_GENERIC.match(clause)
        generic = match is not None and match.group("verb").lower() not in NOT_VERBS
        if not generic:
            match = None
    if match is not None:
        rest = match.group("rest")
        if match.group("nya"):
            if match.group("verb").lower() in _ANSWERS and state.last_question:
                return _other(state), "after-nya"  # "tanya Budi" … "jawabnya": not Budi
            return _answer(state, body), "after-nya"
        quoted = _QUOTING.search(rest)
        if quoted:
            speaker, how = phrase_speaker(quoted.group("name"), state)
            if speaker is not None and how == "name":
                return speaker, "after"
        speaker, how = phrase_speaker(rest, state)
        if how == "name" and speaker is not None:
            return speaker, "after"
        if generic:
            return (_answer(state, body), "after-nya") if not rest.strip(" .") else None
        if how == "plural":
            return None, "after-plural"
        if how == "pronoun":
            return _answer(state, body), "after-pronoun"
        if how == "back":
            return state.referent(), "after-back"
        if how == "described":
            return speaker, "after"
        if how == "bare":
            return state.referent(), "after-bare"
        return None, "after-anon"
    english = _EN_AFTER.match(clause)
    if english:
        speaker = split_role((english.group("name") or english.group("name2")).split(),
                              state.vocab)
        if speaker:
            return (state.full(speaker) if role_only(speaker) else speaker), "after"
    if speechlike:  # "…," Yusri menandaskan.
        subject = re.match(r"^[\s,]*(?P<name>[A-Z][^,.;:!?]{0,80}?)\s+(?:juga\s+|pun\s+)?"
                           r"(?:me|ber)[a-z]{3,}\b", clause)
        if subject:
            speaker, how = phrase_speaker(subject.group("name"), state)
            if speaker is not None and how == "name":
                return speaker, "after"
        # '"…," Direktur Riset Ali Noer Zaman, dalam rilis …': the comma inside the marks
        bare = _BARE_NAME.match(clause) if body.rstrip()[-1:] in ",?!" else None
        if bare:
            speaker, how = phrase_speaker(bare.group("name"), state)
            if speaker is not None and how == "name" and not role_only(speaker) and \
                    (speaker.role or len(speaker.name.split()) >= 2):
                return speaker, "after"
    return None


_ANSWERS = {"jawab", "sahut", "balas", "timpal"}
# A clause before a colon that opens with a pronoun subject: "…, he lectures the viewer:".
_CLAUSE_PRONOUN = re.compile(r"\s*(he|she|dia|ia|beliau)\s+[a-z]", re.IGNORECASE)
_HE_SHE = re.compile(r"\b(?:[Hh]e|[Ss]he)\b")
_EN_ANSWER = re.compile(r"\b(?:answer|repl(?:y|ie)|respond|retort)(?:s|ed)?\b")


def _other(state: State) -> Speaker | None:
    """Who answers the question the last speaker put: the speaker before them, or the latest
    other person the text named; None when there is no one else."""
    asker = state.last_speaker.name if state.last_speaker else None
    if state.other_speaker is not None and state.other_speaker.name != asker:
        return state.other_speaker
    return next((p for p in reversed(state.people)
                 if asker is None or (p.name != asker and asker not in p.name.split()
                                      and not set(asker.split()) <= set(p.name.split()))),
                None)


def _answer(state: State, body: str) -> Speaker | None:
    """Who ``-nya`` means: after a question put by one person, the one who answers."""
    if state.last_question and state.focus_from_quote and state.other_speaker is not None:
        return state.other_speaker
    return state.speaker_of(body)


def clause_length(body: str, after: str) -> int:
    """How much of ``after`` is the attribution of the quote before it (up to its sentence end)."""
    stripped = after.lstrip()
    if not stripped:
        return 0
    first = stripped[0]
    if not (first.islower() or first in ",—–-" or body.rstrip()[-1:] == "," or (
            body.rstrip()[-1:] in "?!" and _NAME_SAID.match(stripped)) or (
            body.rstrip()[-1:] == "." and _NAME_SAID_ALONE.match(stripped))):
        # ('"…?" Trout said afterward': a question's attribution opens a sentence; so does a
        # sentence of the name and its verb alone: '"… the school." Mayor Tom Pruitt explained.')
        return 0
    end = next((m.end() for m in _CLAUSE_END.finditer(after, 0, 400)
                if after[m.start()] != "." or not abbreviation_at(after, m.start())), len(after))
    return min(end, 400)


# A clause of someone unnamed ending right before the verb, after a clause naming others.
_EN_UNNAMED_CLAUSE = re.compile(r"\b(?:after|before|because|while|since|until|although|though|"
                                r"when|as)\s+(?:a|an|one|some)\s+[a-z][a-z\s-]{2,60}$")


def _subject_before(subject_text: str, state: State) -> Speaker | None:
    """The speaker named before a reporting verb: the subject of its clause, or whom the text
    is about (a pronoun, a description)."""
    if state.language == "en" and _EN_UNNAMED_CLAUSE.search(subject_text):
        return None  # "… watched a trader who criticized NASDAQ rules after an informant said"
    segments = subject_text.rsplit(";", 1)[-1].split(",")  # a clause before ";" is another's
    pronoun = None
    if len(segments) >= 3 and not re.search(r"\b[a-z]", segments[0]) and (
            _CREDENTIAL.match(segments[1]) or segments[1].strip()[:1].islower()):
        # "Michael Quail, PhD, principal scientific manager, Sequencing R&D at …, said": the
        # name that opens the subject; what follows describes them
        opening = next(entities(segments[0], state.vocab, state.language == "en"), None)
        if opening is not None and len(opening[0].name.split()) >= 2:
            return opening[0]
    for index in range(len(segments) - 1, -1, -1):
        segment = segments[index]
        if index and (_DESCRIBED.match(segment) or (
                index < len(segments) - 1 and _RELATIVE.match(segment))):
            # "Kevin Marsh, a California Republican who …, said", "Rob Diaz, who plays Hale,
            # says": the one before (but a relative clause the verb ends is the subject's own:
            # "R.M. Palmer, which Murray described as")
            continue
        relative = segment.rfind(" which ") + 1 or segment.rfind(" whom ") + 1 or \
            segment.rfind(" where ") + 1
        if relative:  # "Dotson cited an email in which Flynn wrote": Flynn
            segment = segment[segment.index(" ", relative):]
        candidates = list(entities(segment, state.vocab, state.language == "en"))
        if candidates:
            chosen = candidates[-1][0] if len(candidates) >= 2 and (
                _DESCRIBED_BY.search(segment) or _THEN_NAMED.search(segment)) \
                else candidates[0][0]  # ("when Andy drives off and Woody says": Woody)
            return state.full(chosen) if role_only(chosen) else chosen
        if segment.strip():
            words = WORD.findall(segment)
            if words and (words[-1].lower() in PRONOUNS or words[-1].lower() in BACK_WORDS):
                pronoun = words[-1].lower()  # "She wrote, "…"": a woman
                break
            someone = _SOMEONE.search(segment) or _DESCRIBED_AFTER_LINK.match(segment)
            if someone and someone.group(1).split()[0] not in PRONOUNS:
                # "seorang petugas kemudian mengatakan", "Sementara perekam video menjawab":
                # someone unnamed
                return Speaker(someone.group(1))
    return state.referent(pronoun)


# A law or a charter named as what says the words: "the proposed Equal Rights Amendment".
_LAW_NAME = re.compile(r"[A-Z][\w'’-]*(?:\s+(?:of\s+)?[A-Z][\w'’-]*)*\s+(?:Amendment|Act|Bill|"
                       r"Law|Constitution|Code|Charter|Treaty|Ordinance|Statute|Resolution)\b")
# A place or a body, then what the person is, then their name, right before the verb:
# "Melbourne gallerist D’Lan Davidson says", "Jakarta warga Budi Santoso mengatakan".
# A new clause whose subject is the name right before the verb: "… to college and Woody says"
# (not a list of names: "Ann Lee and Bob Tran said").
_THEN_NAMED = re.compile(r"\b[a-z]{2,},?\s+(?:and|but|while|as|then|yet|dan|tetapi|namun|sementara|"
                         r"sedangkan)\s+[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*){0,3}(?:\s+[a-z]+ly)?\s*$")
_DESCRIBED_BY = re.compile(r"^\s*[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*\s+(?:(?!(?:of|for|from|at|"
                           r"in|with|and|or|the|dan|atau|dari|di|ke|bersama|serta|dengan|untuk|pada|"
                           r"yang)\s)[a-z]{3,}\s+){1,2}[A-Z][\w'’.-]*(?:\s+[A-Z][\w'’.-]*)*\s*$")
# An appositive describing the subject before it: ", a California Republican who …,"; a
# relative clause: ", who plays Hale,".
_DESCRIBED = re.compile(r"\s*(?:a|an)\s")
_RELATIVE = re.compile(r"\s*(?:who|whose|which)\s")
# Who someone is, then their name: "the art historian and editor Paul Brenner".
_DESCRIBED_NAME = re.compile(r"(?:the|a|an)\s+(?:[a-z]+\s+){1,4}[A-Z]")
# A degree or a suffix after a name and its comma: "Michael Quail, PhD, principal scientist, …".
_CREDENTIAL = re.compile(r"\s*(?:Ph\.?D\.?|M\.?D\.?|MBA|RN|Jr\.?|Sr\.?|Esq\.?|MPH|DPhil)\s*$")
# Someone described, not named, after a link opening the sentence: "Sementara perekam video".
_DESCRIBED_AFTER_LINK = re.compile(r"\s*(?:Sementara(?:\s+itu)?|Sedangkan|Adapun|Lalu|Kemudian)"
                                   r"\s*,?\s+([a-z]{3,}(?:\s+[a-z]{3,}){0,2})\s*$")
# Someone unnamed as the subject: "seorang petugas", "Salah satu warga", "one topic that".
_SOMEONE = re.compile(r"\b((?:[Ss]eorang|[Ss]alah\s+(?:seorang|satu)|[Ss]ejumlah|[Pp]ara|"
                      r"[Bb]eberapa|[Aa]n?|[Oo]ne|[Aa]nother)\s+[a-z]+)(?:\s+(?:that|who|"
                      r"kemudian|lalu|juga|pun|sempat|langsung|akhirnya|just|also|later))*\s*$")


def last_entity(text: str, vocab: frozenset[str] = frozenset()) -> Speaker | None:
    """The last person or body named in ``text`` (a speaker before a colon)."""
    found = None
    for candidate, _strong in entities(text, vocab):
        found = candidate
    return found


def _sentence_tail(before: str) -> str:
    """The part of ``before`` after its last sentence end (where a lead-in verb would stand)."""
    cut = max(before.rfind("! "), before.rfind("? "), before.rfind("\n"))
    dot = len(before)
    while True:
        dot = before.rfind(". ", 0, dot)
        if dot <= cut or not abbreviation_at(before, dot):
            break
    cut = max(cut, dot)
    return before[cut + 1:].lstrip() if cut >= 0 else before


def only_glue(before: str) -> bool:
    """Between two quotes only an attribution already used, or nothing: a split quote."""
    stripped = before.strip(" ,.;:—–-\n")
    return len(stripped) < 3 or bool(AFTER.match(before) and len(stripped) < 80)

