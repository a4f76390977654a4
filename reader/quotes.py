"""Quotations in news paragraphs: their spans, whether they are speech, who said them, and how.

Indonesian news reports speech with a small set of patterns: a verb after the quote
(``"…," kata Trump``, ``ujarnya``), a subject and a verb before it (``Rubio mengatakan, "…"``),
split quotes that continue the last speaker, and the medium it came through (``seperti dikutip
Reuters``). ``-nya`` and pronouns (``dia``, ``ia``, ``beliau``) point back to the last person or
body named. Short quotes with no reporting verb are terms or titles (``prinsip "dua negara"``).

Everything here is regular expressions over one article's paragraphs, in reading order, so state
(the last named speaker, a quote left open at a paragraph's end) carries across paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from reader.records import STATEMENT, TERM, Quote

# Reporting verbs after a quote: "…," kata X / ujarnya / ujar dia.
_AFTER_VERBS = (
    "kata|ujar|tulis|ucap|ungkap|tegas|jelas|tutur|terang|lanjut|imbuh|tambah|tukas|pungkas|"
    "sebut|papar|ungkapnya|seru|sambung|timpal|kilah|aku|cetus|bilang|katakan|jawab|urai|"
    "paparnya|tandas|pinta|harap|beber|bebernya|tuturnya|tanya|ajak|sindir|klaim|jelasnya"
)
_AFTER = re.compile(
    rf"^[\s,.:;!?]*(?:—|–|-)?\s*(?:demikian\s+|begitu\s+|seperti\s+)?"
    rf"(?P<verb>(?:{_AFTER_VERBS}))(?P<nya>nya)?\b"
    r"(?:\s+(?:dia|ia|beliau|mereka)\b(?P<pronoun>)|\s+(?P<name>[^\s,.;:!?()\"“”]+"
    r"(?:\s+[^\s,.;:!?()\"“”]+){0,9}))?",
    re.IGNORECASE,
)
_EN_AFTER = re.compile(
    r"^[\s,.:;]*(?:(?P<verb>said|says|told|wrote|added|asked|explained)\s+(?P<name>[A-Z][^\s,.;:]*"
    r"(?:\s+[A-Z][^\s,.;:]*){0,5})|(?P<name2>[A-Z][^\s,.;:]*(?:\s+[A-Z][^\s,.;:]*){0,5})\s+"
    r"(?:said|says|told|wrote|added))"
)
# Reporting verbs before a quote: X mengatakan, "…" / X bilang "…" / menurut X, "…".
_BEFORE_VERBS = (
    "mengatakan|menyatakan|menegaskan|menulis|menuliskan|menyebut|menyebutkan|menjelaskan|"
    "mengungkapkan|menuturkan|berkata|bilang|menambahkan|mengaku|meminta|menilai|memaparkan|"
    "mengingatkan|menerangkan|menekankan|mengimbau|berujar|bertanya|menanyakan|menjawab|"
    "mengklaim|membenarkan|mencontohkan|berharap|mengajak|menyampaikan|mengumumkan|"
    "membantah|menuding|menyebutnya|mengucapkan|berpesan|bersabda|menduga|memastikan|"
    "said|says|told|wrote|added|stated|asked"
)
_BEFORE = re.compile(
    rf"(?P<verb>\b(?:{_BEFORE_VERBS}))\b(?P<tail>[^\"“”.!?]{{0,120}})[,:]?\s*$", re.IGNORECASE
)
_MENURUT = re.compile(r"\b(?:menurut|according to)\s+(?P<name>[^,]{2,80}),?\s*$", re.IGNORECASE)
_NAME_RUN = r"[A-Z][\w.&'-]*(?:\s+[A-Z][\w.&'-]*){0,4}"
# Where a statement came through, most specific first: a quoting outlet, an addressee, a channel.
_VIA_PATTERNS = [
    re.compile(r"(?:seperti\s+|sebagaimana\s+)?(?:dikutip|dilansir|dilaporkan|diberitakan|"
               r"mengutip)(?:\s+(?:dari|oleh))?\s+(?P<via>(?:situs\s+|laman\s+|kantor\s+berita\s+)?"
               + _NAME_RUN + ")"),
    re.compile(r"\b(?:according\s+to|reported\s+by|told)\s+(?P<via>" + _NAME_RUN + ")"),
    re.compile(r"\bkepada\s+(?P<via>kantor\s+berita\s+" + _NAME_RUN + "|" + _NAME_RUN + ")"),
    re.compile(r"\bmelalui\s+(?P<via>keterangan\s+tertulis|siaran\s+pers|pernyataan\s+tertulis|"
               r"akun\s+(?:Twitter|Instagram|Facebook|X|resmi)[^,.]{0,40}|konferensi\s+pers)"),
    re.compile(r"\bdi\s+(?P<via>Truth\s+Social|Twitter|Instagram|Facebook|YouTube|TikTok)\b"),
]

# Words that name a role, a rank or a body rather than a person.
ROLE_WORDS = {
    w.lower() for w in """
    Presiden Wakil Wapres Menteri Menko Mendagri Menkes Menlu Menhan Mensesneg Kepala Ketua Kabid
    Kasubdit Kasat Kapolri Kapolda Kapolres Kapolsek Kabareskrim Kadiv Karo Humas Polda Polres
    Polri Polsek TNI Kombes Pol AKBP AKP Iptu Ipda Brigjen Irjen Komjen Jenderal Letjen Mayjen
    Kolonel Letkol Mayor Kapten Serda Sertu Kopda Kapuspen Kapendam Pangdam Danrem Dandim
    Gubernur Wagub Bupati Wakil Walikota Wali Kota Camat Lurah Kades Sekda Sekjen Sekretaris
    Jenderal Direktur Dirut Direktris Utama Deputi Asisten Staf Khusus Stafsus Juru Bicara Jubir
    Kabag Kasubag Kadis Plt Pj Anggota Komisi DPR DPRD MPR DPD Ketum Umum Dewan Pembina Pengurus
    Besar Pusat Wilayah Cabang Koordinator Komandan Panglima Kepolisian Kejaksaan Kejagung
    Jaksa Agung Hakim Ketua Majelis Kementerian Kemenkes Kemenlu Kominfo Kemkominfo Kemendagri
    Kemensos Badan Dinas Pemerintah Pemprov Pemkot Pemkab Perdana PM Raja Ratu Pangeran Putra
    Mahkota Sultan Syekh Habib Ustaz Ustad Kyai Kiai KH Prof Dr Ir Drs Hj H Pdt Romo Pastor
    Profesor Dosen Peneliti Pengamat Ahli Dokter Spesialis Komisioner Kapuspen Kabiro Karopenmas
    Kasubbid Penmas Plh Katib Aam Rais Luar Dalam Negeri Negara Republik Rakyat Daerah Provinsi
    Kabupaten Kota Bidang Bagian Umum Hubungan Masyarakat Informasi Komunikasi Publik Pers
    Communication Legal Section Senior Minister Foreign Secretary President Prime Spokesman
    Spokesperson Director Chief Executive Officer CEO Head General Governor Mayor Senator
    Chairman Official Officer Lieutenant Colonel Major Captain Police Commissioner Amerika Serikat
    AS Inggris Rusia China Cina Tiongkok Iran Israel Arab Saudi Jepang Korea Selatan Utara India
    Kazakhstan Kazakh Indonesia RI Jabar Jateng Jatim Sumut Sulsel DKI Jakarta Timur Barat
    Tengah Agung Jaya Metro Asia Eropa Afrika Ekonomi Keuangan Pertahanan Kesehatan Pendidikan
    Kebudayaan Agama Sosial Perhubungan Perdagangan Perindustrian Pertanian Kehutanan Hukum HAM
    Koordinator Bidang Politik Keamanan Maritim Investasi BUMN Riset Teknologi Pariwisata
    Lingkungan Hidup Tenaga Kerja Sekretariat Kabinet Istana Kepresidenan Mabes Puspen
    Pusat Data Penanggulangan Bencana Nasional BNPB PVMBG BMKG KPK KPU Bawaslu MUI PBNU
    """.split()
}
BODY_HEADS = {
    w.lower() for w in """
    Kementerian Kemenkes Kemenlu Kominfo Kemkominfo Kemendagri Kemensos Badan Dinas Pemerintah
    Pemprov Pemkot Pemkab Kepolisian Polri Polda Polres Polsek Kejaksaan Kejagung Mabes Istana
    Pusat Lembaga Komisi Dewan Majelis Mahkamah Pengadilan Partai Perusahaan Pihak PT Tim Satgas
    BNPB PVMBG BMKG KPK KPU Bawaslu MUI PBNU TNI DPR DPRD MPR Kemenkumham Kemenag Kemendikbud
    Ministry Government Department Office Agency Police Company The White House Gedung
    """.split()
}
PRONOUNS = {"dia", "ia", "beliau", "mereka", "he", "she", "they", "saya", "kami"}
_STOP_NAME = {
    "di", "dalam", "kepada", "pada", "saat", "ketika", "usai", "seusai", "setelah", "sebelum",
    "melalui", "seperti", "sebagaimana", "dari", "yang", "dan", "ini", "itu", "lagi", "kembali",
    "menambahkan", "menjelaskan", "dikutip", "dilansir", "kala", "sembari", "sambil", "soal",
    "terkait", "tentang", "mengenai", "dengan", "untuk", "bahwa", "in", "on", "at", "to", "on",
}
_NAME_LINKS = {"bin", "binti", "van", "von", "de", "da", "al", "el", "la", "der", "den"}
_DOUBLE_OPEN, _DOUBLE_CLOSE = "“«„", "”»"
_WORD = re.compile(r"[\w'’-]+")
# A named entity: a run of capitalised words (roles, ranks and names), possibly with links.
_ENTITY = re.compile(
    r"(?<![\w'’-])(?:[A-Z][\w'’.-]*|[A-Z]{2,})(?:\s+(?:(?:bin|binti|van|von|de|al|el)\s+)?"
    r"(?:[A-Z][\w'’.-]*|[A-Z]{2,}|\([A-Z]{2,}\)))*"
)


@dataclass
class _Span:
    start: int  # of the quoted words, inside the marks
    end: int
    open_at: int  # the opening mark (or the paragraph start for a continuation)
    close_at: int  # just past the closing mark (or the paragraph end when left open)
    closed: bool
    continued: bool  # began in an earlier paragraph


@dataclass
class _Speaker:
    name: str
    role: str | None = None


@dataclass
class _Context:
    """What earlier text said: who spoke last, who was named, which roles belong to whom."""

    last_speaker: _Speaker | None = None
    last_strong: _Speaker | None = None
    last_weak: _Speaker | None = None
    carrying: bool = False
    people: list[_Speaker] | None = None

    def remember(self, text: str) -> None:
        for candidate, strong in _entities(text):
            self.note(candidate, strong)

    def note(self, speaker: _Speaker, strong: bool) -> None:
        if self.people is None:
            self.people = []
        if speaker.role:
            self.people.append(speaker)
        if strong:
            self.last_strong = speaker
        self.last_weak = speaker

    def referent(self, local_strong: _Speaker | None) -> _Speaker | None:
        """Whom ``-nya`` or a pronoun points back to."""
        return local_strong or self.last_speaker or self.last_strong or self.last_weak

    def resolve(self, speaker: _Speaker) -> _Speaker:
        """``kata Kapolrestabes`` after ``Kapolrestabes … Abioso Seno Aji``: the person."""
        if speaker.role is not None or not self.people:
            return speaker
        words = {w.lower() for w in speaker.name.split()}
        if not words <= ROLE_WORDS:
            return speaker
        for person in reversed(self.people):
            if words <= {w.lower() for w in (person.role or "").split()}:
                return person
        return speaker


def find_quotes(paragraphs: list[str]) -> list[list[Quote]]:
    """Quotes of each paragraph of one article, given its unique body paragraphs in order."""
    results: list[list[Quote]] = []
    context = _Context()
    for text in paragraphs:
        try:
            quotes = _paragraph(text, context)
        except Exception:  # a paragraph we cannot read costs its quotes, never the article
            quotes, context.carrying = [], False
        results.append(quotes)
    return results


def _paragraph(text: str, context: _Context) -> list[Quote]:
    spans = _spans(text, context.carrying)
    quotes: list[Quote] = []
    cursor = 0
    local_strong: _Speaker | None = None
    for index, span in enumerate(spans):
        before = text[cursor:span.open_at]
        after_end = spans[index + 1].open_at if index + 1 < len(spans) else len(text)
        after = text[span.close_at:after_end] if span.closed else ""
        strong_before = _last_entity(before, strong_only=True)
        if strong_before:
            local_strong = context.resolve(strong_before)
        body = text[span.start:span.end]
        speaker, via, how = _attribute(before, after, context, local_strong)
        if speaker is None and span.continued and context.last_speaker:
            speaker, how = context.last_speaker, "continued"
        if speaker is None and quotes and quotes[-1].kind == STATEMENT and quotes[-1].speaker \
                and _only_glue(before):
            speaker, how = _Speaker(quotes[-1].speaker, quotes[-1].role), "split"
        kind = _kind(body, how, span)
        if kind == TERM:
            speaker, via = None, None
        if speaker is not None:
            context.last_speaker = speaker
        context.remember(before)
        quotes.append(Quote(
            start=span.start, end=span.end, text=body, kind=kind,
            speaker=speaker.name if speaker else None,
            role=speaker.role if speaker else None, via=via,
        ))
        cursor = span.close_at
    context.remember(text[cursor:])
    context.carrying = bool(spans) and not spans[-1].closed
    return quotes


# -- spans -------------------------------------------------------------------------------------


def _spans(text: str, carrying: bool) -> list[_Span]:
    """Quotation spans at the top level: double quotes (curly, straight, guillemets) and
    single quotes that stand outside any double quote."""
    spans: list[_Span] = []
    i, n = 0, len(text)
    if carrying and text and text[0] not in "\"“«'‘":
        end = _find_close(text, 0)
        if end is None:
            return [_Span(0, _rstrip(text, 0, n), 0, n, False, True)]
        spans.append(_Span(0, _rstrip(text, 0, end), 0, end + 1, True, True))
        i = end + 1
    while i < n:
        ch = text[i]
        if ch in '"“«„' and _opens(text, i):
            end = _find_close(text, i + 1)
            start = i + 1
            if end is None:
                if _looks_like_open_quote(text, i):
                    spans.append(_Span(start, _rstrip(text, start, n), i, n, False,
                                       carrying and not spans and i == 0))
                break
            if end > start:
                spans.append(_Span(start, _rstrip(text, start, end), i, end + 1, True,
                                   carrying and not spans and i == 0))
            i = end + 1
            continue
        if ch in "‘'" and _opens(text, i):
            end = _find_single_close(text, i + 1)
            if end is not None and end - i <= 200:
                spans.append(_Span(i + 1, end, i, end + 1, True, False))
                i = end + 1
                continue
        i += 1
    return [s for s in spans if s.end > s.start]


def _opens(text: str, i: int) -> bool:
    before = text[i - 1] if i else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    if text[i] in "“«„‘":
        return not after.isspace()
    return (before.isspace() or before in "([{—–-:,;/") and not after.isspace() and after != text[i]


def _find_close(text: str, start: int) -> int | None:
    """The closing double mark for a quote opened just before ``start``."""
    for match in re.finditer(r"[\"”»“]", text[start:]):
        j = start + match.start()
        ch = text[j]
        if ch == "“":  # a new opening curly mark: the previous quote was left open
            return None if not _closing_context(text, j) else j
        if ch == '"' and not _closing_context(text, j) and _opens(text, j):
            return None  # a fresh opening mark before any closing one
        return j
    return None


def _closing_context(text: str, j: int) -> bool:
    before = text[j - 1] if j else " "
    return not before.isspace()


def _find_single_close(text: str, start: int) -> int | None:
    for match in re.finditer(r"[’']", text[start:]):
        j = start + match.start()
        after = text[j + 1] if j + 1 < len(text) else " "
        if not after.isalnum() and not text[j - 1].isspace():
            return j
    return None


def _looks_like_open_quote(text: str, i: int) -> bool:
    """A mark with no closing one: a quote continued in the next paragraph, unless short."""
    return len(text) - i > 20


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


# -- attribution -------------------------------------------------------------------------------


def _attribute(before: str, after: str, context: _Context, local_strong: _Speaker | None):
    """Who spoke, through which medium, and which pattern said so."""
    via = _via(after) or _via(_sentence_tail(before))
    back = context.referent(local_strong)
    match = _AFTER.match(after)
    if match:
        name = match.group("name")
        if match.group("nya") or match.group("pronoun") is not None:
            return back, via, "after-nya"
        speaker = _speaker_from(name) if name else None
        if speaker is None and name and name.split()[0].lower() in PRONOUNS:
            return back, via, "after-pronoun"
        if speaker is not None:
            return context.resolve(speaker), via, "after"
        return back, via, "after-bare"
    english = _EN_AFTER.match(after)
    if english:
        speaker = _speaker_from(english.group("name") or english.group("name2"))
        if speaker:
            return context.resolve(speaker), via, "after"
    tail = _sentence_tail(before)
    menurut = _MENURUT.search(tail)
    if menurut:
        speaker = _speaker_from(menurut.group("name"))
        if speaker:
            return context.resolve(speaker), via, "before"
    verb = _BEFORE.search(tail)
    if verb:
        subject = tail[: verb.start()]
        speaker = _last_entity(subject)
        if speaker is None and _ends_with_pronoun(subject):
            speaker = back
        if speaker is None:
            speaker = back
        if speaker is not None:
            return context.resolve(speaker), via or _via(verb.group("tail")), "before"
    if tail.rstrip().endswith(":"):
        speaker = _last_entity(tail) or back
        if speaker is not None:
            return context.resolve(speaker), via, "before-colon"
    return None, via, None


def _via(text: str) -> str | None:
    window = text[:240]
    for pattern in _VIA_PATTERNS:
        match = pattern.search(window)
        if match:
            value = re.sub(r"^(?:situs|laman)\s+", "", match.group("via").strip())
            value = re.sub(r"\s+(?:pada|Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu)\b.*$", "",
                           value)
            return value.strip(" ,.")
    return None


def _sentence_tail(before: str) -> str:
    """The part of ``before`` after its last sentence end (where a lead-in verb would stand)."""
    cut = max(before.rfind(". "), before.rfind("! "), before.rfind("? "))
    return before[cut + 2:] if cut >= 0 else before


def _only_glue(before: str) -> bool:
    """Between two quotes only an attribution already used, or nothing: a split quote."""
    stripped = before.strip(" ,.;:—–-\n")
    return len(stripped) < 3 or bool(_AFTER.match(before) and len(stripped) < 80)


def _ends_with_pronoun(subject: str) -> bool:
    words = _WORD.findall(subject)
    return bool(words) and words[-1].lower() in PRONOUNS


def _kind(body: str, how: str | None, span: _Span) -> str:
    words = _WORD.findall(body)
    if how in ("after", "after-nya", "after-pronoun", "before", "split", "continued",
               "after-bare", "before-colon"):
        return STATEMENT if len(words) > 2 or body.rstrip()[-1:] in ",.!?" else TERM
    if not span.closed or span.continued:
        return STATEMENT
    if len(words) <= 4 and body.rstrip()[-1:] not in ",.!?":
        return TERM
    if body.rstrip()[-1:] in ",.!?" and len(words) >= 3:
        return STATEMENT
    return STATEMENT if len(words) >= 8 else TERM


def _speaker_from(phrase: str | None) -> _Speaker | None:
    """A speaker from the words after a reporting verb: the capitalised run they start with.

    A few lower-case words may come first (``ucap bek kanan Liverpool Trent Alexander-Arnold``),
    and a role may be followed by the name after a comma (``kata Menteri Kominfo, Rudiantara``).
    """
    if not phrase:
        return None
    tokens = phrase.split()
    lead = 0
    while lead < min(len(tokens), 4) and tokens[lead][:1].islower() and \
            tokens[lead].lower() not in _STOP_NAME and tokens[lead].lower() not in PRONOUNS:
        lead += 1
    if lead and (lead >= len(tokens) or not tokens[lead][:1].isupper()):
        lead = 0
    kept: list[str] = []
    for token in tokens[lead:]:
        bare = token.strip("()")
        if not bare:
            break
        if bare.lower() in _STOP_NAME and kept:
            break
        if bare[0].isupper() or (kept and bare.lower() in _NAME_LINKS) or bare.isupper():
            kept.append(bare.rstrip(",.;:"))
            if bare.endswith((",", ".", ";", ":")):
                break
            continue
        break
    if not kept:
        return None
    speaker = _split_role(kept)
    rest = phrase.split(",", 1)
    if speaker is not None and speaker.role is None and len(rest) == 2 and all(
            w.lower() in ROLE_WORDS for w in speaker.name.split()):
        follower = _speaker_from(rest[1].strip())
        if follower is not None and follower.role is None:
            return _Speaker(follower.name, speaker.name)
    return speaker


def _split_role(tokens: list[str]) -> _Speaker | None:
    """``Menteri Luar Negeri AS Marco Rubio`` -> name ``Marco Rubio``, role the rest."""
    while tokens and tokens[-1].lower() in _NAME_LINKS:
        tokens = tokens[:-1]
    if not tokens:
        return None
    if tokens[0].lower() in BODY_HEADS:
        return _Speaker(" ".join(tokens))
    name: list[str] = []
    for token in reversed(tokens):
        low = token.lower().strip(".")
        if low in ROLE_WORDS or (token.isupper() and len(token) > 1 and not name) or (
                token.isupper() and len(token) <= 4):
            if name:
                break
            if token.isupper() and len(token) <= 4 and low not in ROLE_WORDS and len(tokens) == 1:
                name.append(token)  # an acronym on its own is a body: "KPK"
                break
            continue
        name.append(token)
    name.reverse()
    if not name:
        return _Speaker(" ".join(tokens))  # only role words: "Presiden", "Kementerian …"
    role_tokens = tokens[: len(tokens) - len(name)] if tokens[-len(name):] == name else []
    if not role_tokens:  # the name was followed by role words ("Trump Presiden AS"): keep it
        index = tokens.index(name[0])
        role_tokens = tokens[:index]
    role = " ".join(role_tokens) or None
    return _Speaker(" ".join(name), role)


def _resolve_role(speaker: _Speaker, last_named: _Speaker | None) -> _Speaker:
    """``kata Presiden`` after ``Presiden Joko Widodo`` was named: the person, not the title."""
    if speaker.role is None and last_named and last_named.role and all(
            w.lower() in ROLE_WORDS for w in speaker.name.split()):
        if speaker.name.lower() in last_named.role.lower():
            return last_named
    return speaker


_PREPOSITIONS = {
    "di", "ke", "dari", "pada", "untuk", "bagi", "tentang", "terhadap", "atas", "dalam",
    "antara", "menuju", "sejak", "hingga", "sampai", "kepada", "dengan", "melawan", "versus",
    "bersama", "tanpa", "via", "lewat", "melalui", "soal", "terkait", "seperti", "asal", "kota",
    "in", "at", "to", "from", "of", "with", "for", "by", "on", "the",
}
_REPORTING = re.compile(rf"^\s*(?:,[^,]{{0,80}},\s*)?(?:juga\s+|pun\s+|sempat\s+|lalu\s+|"
                        rf"kemudian\s+|telah\s+)?(?:{_BEFORE_VERBS})\b", re.IGNORECASE)


def _entities(text: str):
    """``(speaker, strong)`` for each person or body named in ``text``, in order.

    A capitalised run after a preposition is a place or an object (``ke Suriah``), not a
    speaker. A run is strong when a reporting verb follows it or a role precedes the name.
    """
    for match in _ENTITY.finditer(text):
        words = match.group().split()
        while words and words[0].lower() in _SENTENCE_STARTERS:
            words = words[1:]
        if not words or (len(words) == 1 and words[0].lower() in ROLE_WORDS):
            continue
        previous = text[: match.start()].split()[-1:] if match.start() else []
        if previous and previous[0].lower().strip(",") in _PREPOSITIONS and \
                words[0] == match.group().split()[0]:
            continue
        candidate = _split_role([w.rstrip(".,") for w in words])
        if candidate is None:
            continue
        strong = bool(_REPORTING.match(text[match.end():])) or candidate.role is not None
        yield candidate, strong


def _last_entity(text: str, at_end: bool = False, strong_only: bool = False) -> _Speaker | None:
    """The last person or body named in ``text`` (at its very end when ``at_end``)."""
    found = None
    for candidate, strong in _entities(text):
        if strong_only and not strong:
            continue
        found = candidate
    if at_end and found is not None:
        tail = text.rstrip(" ,")
        if not tail.endswith(found.name.split()[-1]):
            return None
    return found


# Capitalised words that start sentences but name nobody.
_SENTENCE_STARTERS = {
    w.lower() for w in """
    Dalam Namun Sementara Menurut Selain Saat Ketika Setelah Sebelum Sejak Pada Dia Ia Mereka
    Kami Kita Saya Ini Itu Hal Tetapi Tapi Dan Atau Jika Kalau Bahkan Adapun Sedangkan Maka
    Oleh Karena Sebab Akibat Meski Meskipun Walaupun Hingga Sampai Terkait Soal Untuk Bagi
    Dengan Melalui Kemudian Lalu Selanjutnya Senin Selasa Rabu Kamis Jumat Sabtu Minggu
    Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember
    Berdasarkan Sebelumnya Sesuai Seperti Padahal Apalagi Bila Apabila Agar Supaya The A In
    """.split()
}
