"""Quotations in news paragraphs: their spans, whether they are speech, who said them, and how.

Indonesian news reports speech with a small set of patterns: a verb after the quote
(``"…," kata Trump``, ``ujarnya``), a subject and a verb before it (``Rubio mengatakan, "…"``),
split quotes that continue the last speaker, and the medium it came through (``seperti dikutip
Reuters``). ``-nya``, pronouns (``dia``, ``ia``, ``beliau``) and descriptions (``kata pria itu``)
point back to the person or body the text is about: the subject of the latest sentence or the
latest speaker. A bare title (``kata Kapolrestabes``, ``tanya jaksa``) names the person who was
introduced with it. Short quotes with no reporting verb are terms or titles
(``prinsip "dua negara"``).

Everything here is regular expressions over one article's paragraphs, in reading order, so state
(who the text is about, the people named so far, a quote left open at a paragraph's end) carries
across paragraphs.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from reader.records import STATEMENT, TERM, Quote

# Reporting verbs after a quote: "…," kata X / ujarnya / ujar dia.
_AFTER_VERBS = (
    "kata|ujar|tulis|ucap|ungkap|tegas|jelas|tutur|terang|lanjut|imbuh|tambah|tukas|pungkas|"
    "sebut|papar|seru|sambung|timpal|kilah|aku|cetus|bilang|katakan|jawab|urai|tandas|pinta|"
    "harap|beber|tanya|ajak|sindir|klaim|keluh|teriak|cerita|kenang|canda|pesan|ingat|"
    "tuding|protes|balas|sahut|bisik|terang|tutup|kisah|akui|yakin|nilai|tambahnya"
)
_SPEECH_NOUNS = (
    r"(?:demikian|begitu|seperti)\s+(?:bunyi\s+|isi\s+)?(?:pengumuman|pernyataan|keterangan|"
    r"penjelasan|rilis|siaran\s+pers|unggahan|cuitan|tulisan|surat|pesan|kata|ucapan|jawaban)"
)
_AFTER = re.compile(
    rf"^[\s,.:;!?]*(?:—|–|-)?\s*(?:(?:demikian|begitu|seperti)\s+)?"
    rf"(?P<verb>{_SPEECH_NOUNS}|(?:{_AFTER_VERBS}))(?P<nya>nya)?\b(?P<rest>.*)",
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
# Reporting verbs before a quote: X mengatakan, "…" / X bilang "…" / menurut X, "…".
_BEFORE_VERBS = (
    "mengatakan|menyatakan|menegaskan|menulis|menuliskan|menyebut|menyebutkan|menjelaskan|"
    "mengungkapkan|menuturkan|berkata|bilang|menambahkan|mengaku|meminta|menilai|memaparkan|"
    "mengingatkan|menerangkan|menekankan|mengimbau|berujar|bertanya|menanyakan|menjawab|"
    "mengklaim|membenarkan|mencontohkan|berharap|mengajak|menyampaikan|mengumumkan|"
    "membantah|menuding|menyebutnya|mengucapkan|berpesan|bersabda|menduga|memastikan|"
    "menganggap|berpendapat|mengungkap|berucap|bercerita|menceritakan|mengutip|menandaskan|"
    "said|says|told|wrote|added|stated|asked"
)
_BEFORE = re.compile(
    rf"(?P<verb>\b(?:{_BEFORE_VERBS}))\b(?P<tail>[^\"“”.!?]{{0,120}})$", re.IGNORECASE
)
_BEFORE_GENERIC = re.compile(r"(?P<verb>\b(?:me|ber)[a-z]{3,})(?P<tail>\s*[,:]\s*)$")
_MENURUT = re.compile(r"\b(?:menurut|according to)\s+(?P<name>[^,]{2,80}),?\s*$", re.IGNORECASE)
_NAME_RUN = r"[A-Z][\w&'’-]*(?:\.[\w-]+)*(?:\s+[A-Z][\w&'’-]*(?:\.[\w-]+)*){0,4}"
# Where a statement came through, most specific first: a quoting outlet, an addressee, a channel.
_VIA_QUOTED = re.compile(
    r"(?:seperti\s+|sebagaimana\s+)?(?:dikutip|dilansir|dilaporkan|diberitakan|mengutip)"
    r"(?:\s+(?:dari|oleh))?\s+(?P<via>(?:situs\s+|laman\s+|kantor\s+berita\s+)?" + _NAME_RUN + ")"
)
_VIA_PATTERNS = [
    _VIA_QUOTED,
    re.compile(r"\b(?:according\s+to|reported\s+by|told)\s+(?P<via>" + _NAME_RUN + ")"),
    re.compile(r"\bkepada\s+(?P<via>kantor\s+berita\s+" + _NAME_RUN + "|" + _NAME_RUN + ")"),
    re.compile(r"\bmelalui\s+(?P<via>keterangan\s+tertulis|siaran\s+pers|pernyataan\s+tertulis|"
               r"akun\s+(?:Twitter|Instagram|Facebook|X|resmi)[^,.]{0,40}|konferensi\s+pers)"),
    re.compile(r"\bdi\s+(?P<via>Truth\s+Social|Twitter|Instagram|Facebook|YouTube|TikTok)\b"),
]
# "tulis media itu mengutip pernyataan Direktur Lion Air Edward Sirait": the one quoted.
_QUOTING = re.compile(r"\bmengutip\s+(?:pernyataan|keterangan|ucapan|kata-kata|perkataan)\s+"
                      r"(?P<name>[A-Z].{0,120})")

# Words that name a role, a rank, a place or a body rather than a person.
ROLE_WORDS = {
    w.lower() for w in """
    Presiden Wakil Wapres Menteri Menko Mendagri Menkes Menlu Menhan Mensesneg Kepala Ketua Kabid
    Kasubdit Kasat Kapolri Kapolda Kapolres Kapolsek Kabareskrim Kadiv Karo Humas Polda Polres
    Polri Polsek TNI Kombes Pol AKBP AKP Iptu Ipda Aiptu Aipda Bripka Brigpol Briptu Bripda
    Brigjen Irjen Komjen Jenderal Letjen Mayjen Marsekal Laksamana Laksma Marsma
    Kolonel Letkol Mayor Kapten Serda Sertu Serka Serma Kopda Koptu Praka Pratu Kapuspen
    Kapendam Pangdam Danrem Dandim Gubernur Wagub Bupati Walikota Wali Kota Camat Lurah Kades
    Sekda Sekjen Sekretaris Direktur Dirut Direktris Utama Deputi Asisten Staf Khusus Stafsus
    Juru Bicara Jubir Kabag Kasubag Kadis Plt Pj Anggota Komisi DPR DPRD MPR DPD Ketum Umum Dewan
    Pembina Pengurus Besar Pusat Wilayah Cabang Koordinator Komandan Panglima Kepolisian Kejaksaan
    Kejagung Jaksa Agung Hakim Majelis Kementerian Kementrian Kemenkes Kemenlu Kominfo Kemkominfo
    Kemendagri Kemensos Badan Dinas Pemerintah Pemprov Pemkot Pemkab Perdana PM Raja Ratu Pangeran
    Putra Mahkota Sultan Syekh Syaikh Habib Ustaz Ustad Kyai Kiai KH Prof Dr Ir Drs Hj H Pdt Romo
    Pastor Rabbi Imam Kardinal Paus Profesor Dosen Peneliti Pengamat Ahli Dokter Spesialis
    Komisioner Kabiro Karopenmas Kasubbid Penmas Plh Katib Aam Rais Luar Dalam Negeri Negara
    Republik Rakyat Daerah Provinsi Kabupaten Bidang Bagian Hubungan Masyarakat Informasi
    Komunikasi Publik Pers Communication Legal Section Senior Minister Foreign Secretary
    President Prime Spokesman Spokesperson Director Chief Executive Officer CEO CFO CTO COO Head
    General Governor Mayor Senator Chairman Official Officer Lieutenant Colonel Major Captain
    Police Commissioner Founder Manager Vice Amerika Serikat AS Inggris Rusia China Cina Tiongkok
    Iran Israel Arab Saudi Jepang Korea Selatan Utara India Kazakhstan Kazakh Indonesia RI Jabar
    Jateng Jatim Sumut Sulsel DKI Jakarta Timur Barat Tengah Jaya Metro Asia Eropa Afrika Ekonomi
    Keuangan Pertahanan Kesehatan Pendidikan Kebudayaan Agama Sosial Perhubungan Perdagangan
    Perindustrian Pertanian Kehutanan Hukum HAM Politik Keamanan Maritim Kemaritiman Investasi
    BUMN Riset Teknologi Pariwisata Lingkungan Hidup Tenaga Kerja Sekretariat Kabinet Istana
    Kepresidenan Mabes Puspen Data Penanggulangan Bencana Nasional BNPB PVMBG BMKG KPK KPU Bawaslu
    MUI PBNU Belanda Prancis Perancis Jerman Turki Australia Malaysia Singapura Brasil Brazil
    Ukraina Kanada Mesir Filipina Thailand Vietnam Italia Spanyol Palestina Suriah Irak Yordania
    Qatar Yaman Taiwan Pakistan Afghanistan Meksiko Venezuela Argentina Nigeria Olahraga
    Informatika Aplikasi Food Group Operasional
    """.split()
}
_ROLE_PREFIX = re.compile(r"^(?:wa)?ka(?:pol|sat|bid|sub|dis|kan|pen|pus|ro|div|bag|ur|nit)\w*$"
                          r"|^(?:wa)?dir(?:es|res|lantas|intel|narkoba|binmas|polair|samapta)\w*$")
BODY_HEADS = {
    w.lower() for w in """
    Kementerian Kementrian Kemenkes Kemenlu Kominfo Kemkominfo Kemendagri Kemensos Badan Dinas
    Pemerintah Pemprov Pemkot Pemkab Kepolisian Polri Polda Polres Polsek Kejaksaan Kejagung Mabes
    Istana Pusat Lembaga Komisi Dewan Majelis Mahkamah Pengadilan Partai Perusahaan Pihak PT Tim
    Satgas BNPB PVMBG BMKG KPK KPU Bawaslu MUI PBNU TNI DPR DPRD MPR Kemenkumham Kemenag
    Kemendikbud Ministry Government Department Office Agency Police Company The White House Gedung
    Kantor
    """.split()
}
_ADMIN_UNITS = {"kabupaten", "kab", "kota", "provinsi", "kecamatan", "desa", "kelurahan",
                "kampung", "pulau", "kepulauan", "distrik"}
_RANKS = {w.lower() for w in """Kombes Pol AKBP AKP Iptu Ipda Aiptu Aipda Bripka Brigpol Briptu
    Bripda Brigjen Irjen Komjen Jenderal Letjen Mayjen Kolonel Letkol Mayor Kapten Serda Sertu
    Serka Serma Kopda Koptu Praka Pratu Marsekal Laksamana""".split()}
PRONOUNS = {"dia", "ia", "beliau", "mereka", "he", "she", "they", "saya", "kami", "dirinya"}
_BACK_WORDS = {"ini", "itu", "tersebut", "tadi"}
_LOWER_BODIES = {"kantor", "pihak", "pemerintah", "kementerian", "kepolisian", "tim", "lembaga",
                 "perusahaan", "partai", "istana", "manajemen", "otoritas", "keluarga"}
_STOP_NAME = {
    "di", "dalam", "kepada", "pada", "saat", "ketika", "usai", "seusai", "setelah", "sebelum",
    "melalui", "seperti", "sebagaimana", "dari", "yang", "dan", "ini", "itu", "lagi", "kembali",
    "menambahkan", "menjelaskan", "dikutip", "dilansir", "kala", "sembari", "sambil", "soal",
    "terkait", "tentang", "mengenai", "dengan", "untuk", "bahwa", "in", "on", "at", "to",
    "tersebut", "lewat", "via", "ke", "kepadanya", "belum", "sudah", "juga", "pun", "tadi",
    "lalu", "kemarin", "mengutip", "menirukan", "sebelumnya", "atas", "bagi", "hingga", "sampai",
}
_NOT_VERBS = _STOP_NAME | {
    "atau", "tetapi", "tapi", "namun", "kemudian", "sehingga", "karena", "sebab", "agar", "jika",
    "kalau", "maka", "serta", "bahkan", "hanya", "adalah", "ialah", "yakni", "yaitu", "oleh",
    "akan", "telah", "sedang", "masih", "tidak", "bukan", "para", "sang", "bagian", "seorang",
    "sejumlah", "warga", "kata", "the", "and", "for", "from", "with",
}
_NAME_LINKS = {"bin", "binti", "van", "von", "de", "da", "al", "el", "la", "der", "den"}
_WORD = re.compile(r"[\w'’-]+")
_DOUBLE_MARKS = re.compile(r"[\"”»“]")
_SINGLE_MARKS = re.compile(r"[’']")
_CLAUSE_END = re.compile(r"[.!?](?=[\s\"“”‘]+[\"“‘(]?[A-Z]|[\"“”]|\s*$)")
_GLUED = re.compile(r"^([\w'’-]*[a-z])\.[A-Z]")
_MENURUT_ANY = re.compile(r"(?:^|\b)(?:[Mm]enurut|[Aa]ccording to)\s+(?P<name>[^,.]{2,80})")
_OPENER = re.compile(r"(?P<lead>[A-Z][\w-]*)(?P<rest>[^,]{0,100}),\s*")
# A named entity: a run of capitalised words (roles, ranks and names), possibly with links.
_ENTITY = re.compile(
    r"(?<![\w'’-])(?:[A-Z][\w'’.-]*|[A-Z]{2,})(?:\s+(?:(?:bin|binti|van|von|de|al|el)\s+)?"
    r"(?:[A-Z][\w'’.-]*|[A-Z]{2,}|\([A-Za-z][\w./-]{0,15}\)))*"
)
_SENTENCES = re.compile(r"(?<=[.!?:])[\s\"”’]+(?=[\"“‘'(]?[A-Z])|\n+")
_PHRASE_TOKEN = re.compile(r"\([^()\s]{1,16}\)|[^\s,;:!?()\"“”«»]+|[,;:!?()\"“”«»]")
_INITIAL = re.compile(r"^[A-Z]\.$")
_ACTIVE = re.compile(r"^(?:me|ber)[a-z]{3,}$")
_SPEECH_WORDS = {"kalimat", "ucapan", "pernyataan", "perkataan", "pesan", "cuitan", "unggahan",
                 "tulisan", "komentar", "jawaban", "pidato", "sambutan", "keterangan"}
_FOLLOWERS = {"juga", "pun", "sempat", "telah", "sudah", "akan", "masih", "tidak", "belum",
              "kembali", "lantas", "lalu", "kemudian", "sendiri", "langsung", "bilang", "tegas",
              "justru", "malah", "bahkan", "pernah", "mengaku", "sebelumnya"}


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
class _State:
    """What earlier text said: whom it is about, who spoke, which names and roles were met."""

    vocab: frozenset[str] = frozenset()
    people: list[_Speaker] = field(default_factory=list)
    tokens: set[str] = field(default_factory=set)
    focus: _Speaker | None = None
    focus_from_quote: bool = False
    last_speaker: _Speaker | None = None
    other_speaker: _Speaker | None = None
    last_question: bool = False
    carrying: bool = False
    pending: list[tuple[Quote, str | None]] = field(default_factory=list)

    def learn(self, speaker: _Speaker | None) -> None:
        if speaker is None or _role_only(speaker):
            return
        for known in self.people:
            if known.name == speaker.name:
                if speaker.role and not known.role:
                    known.role = speaker.role
                return
        self.people.append(speaker)
        self.tokens.update(speaker.name.split())
        if len(self.people) > 400:
            del self.people[:100]

    def full(self, speaker: _Speaker | None) -> _Speaker | None:
        """A short or role-only mention as the person it stands for (``Erick`` -> Erick Thohir)."""
        if speaker is None:
            return None
        if _role_only(speaker):
            return self.by_role(speaker.name) or speaker
        if speaker.role is None:
            words = set(speaker.name.split())
            for known in reversed(self.people):
                if known.name != speaker.name and words <= set(known.name.split()):
                    return known
        return speaker

    def by_role(self, role: str) -> _Speaker | None:
        """``Kapolrestabes``, ``Menteri Kominfo``, ``jaksa``: the person introduced with it."""
        words = role.split()
        if not words:
            return None
        head = words[0].lower()
        if head in BODY_HEADS or head in _LOWER_BODIES:
            return None
        for known in reversed(self.people):
            if known.role and head in known.role.lower().split():
                return known
        return None

    def set_focus(self, speaker: _Speaker | None, from_quote: bool = False) -> None:
        if speaker is None:
            return
        self.learn(speaker)
        self.focus = self.full(speaker)
        self.focus_from_quote = from_quote

    def spoke(self, speaker: _Speaker, question: bool) -> None:
        if self.last_speaker is not None and self.last_speaker.name != speaker.name:
            self.other_speaker = self.last_speaker
        self.last_speaker = speaker
        self.last_question = question
        self.set_focus(speaker, from_quote=True)

    def referent(self) -> _Speaker | None:
        """Whom ``-nya`` or a pronoun points back to."""
        return self.focus or self.last_speaker

    def read(self, text: str) -> None:
        """Narrative between quotes: sentence subjects move the focus; roles are remembered."""
        if not text.strip():
            return
        for sentence in _SENTENCES.split(text):
            if not sentence.strip():
                continue
            for candidate, strong in _entities(sentence, self.vocab):
                if strong or candidate.role:
                    self.learn(candidate)
            subject = _subject(sentence, self)
            if subject is not None:
                self.set_focus(subject)


def find_quotes(paragraphs: list[str]) -> list[list[Quote]]:
    """Quotes of each paragraph of one article, given its unique body paragraphs in order."""
    try:
        texts = [p if isinstance(p, str) else "" for p in paragraphs]
    except Exception:  # not a list of paragraphs: nothing to find
        return []
    state = _State(vocab=_vocabulary(texts))
    results: list[list[Quote]] = []
    for text in texts:
        try:
            quotes = _paragraph(text, state)
        except Exception:  # a paragraph we cannot read costs its quotes, never the article
            quotes, state.carrying, state.pending = [], False, []
        results.append(quotes)
    return results


def _vocabulary(texts: list[str]) -> frozenset[str]:
    """Words the article writes in lower case: a capitalised one of them starts a sentence."""
    words: set[str] = set()
    for text in texts:
        words.update(re.findall(r"(?<![\w'’.-])[a-z][a-z-]{2,}\b", text))
    return frozenset(words)


def _paragraph(text: str, state: _State) -> list[Quote]:
    spans = _spans(text, state.carrying)
    quotes: list[Quote] = []
    hows: list[str | None] = []
    cursor = 0  # where the narrative not yet read starts
    for index, span in enumerate(spans):
        before = text[cursor:span.open_at]
        after_end = spans[index + 1].open_at if index + 1 < len(spans) else len(text)
        after = text[span.close_at:after_end] if span.closed else ""
        body = text[span.start:span.end]
        state.read(before)
        title = _titled(before)
        speaker, via, how = (None, None, None) if title else _attribute(body, before, after, state)
        if speaker is None and how is None and span.continued and state.pending:
            first, first_how = state.pending[0]
            if first.speaker:
                speaker, how = _Speaker(first.speaker, first.role), "continued"
                via = via or first.via
        if speaker is None and how is None and quotes and quotes[-1].kind == STATEMENT \
                and quotes[-1].speaker and _only_glue(before):
            speaker, how = _Speaker(quotes[-1].speaker, quotes[-1].role), "split"
            via = via or quotes[-1].via
        kind = TERM if title else _kind(body, how, span)
        if kind == STATEMENT and speaker is None and how is None:
            speaker, how = state.referent(), "lead-in"
        if kind == TERM:
            speaker, via = None, None
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
        cursor = span.close_at + (_clause_length(body, after) if span.closed else 0)
        if span.closed:
            state.pending = []
    if cursor < len(text):
        state.read(text[cursor:])
    state.carrying = bool(spans) and not spans[-1].closed
    if state.carrying and quotes[-1].kind == STATEMENT:
        if not spans[-1].continued:
            state.pending = []
        state.pending.append((quotes[-1], hows[-1]))
    else:
        state.pending = []
    return quotes


def _backfill(pending: list[tuple[Quote, str | None]], quote: Quote, how: str | None) -> None:
    """The closing part of a quote spread over paragraphs names who said the opening parts."""
    if not quote.speaker or how in (None, "lead-in", "continued"):
        return
    for earlier, earlier_how in pending:
        if earlier_how in (None, "lead-in", "continued") or not earlier.speaker:
            earlier.speaker, earlier.role = quote.speaker, quote.role
            earlier.via = earlier.via or quote.via


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
        if ch in '"“«„”' and _opens(text, i):
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
    if text[i] == "”":  # a closing mark used to open: ”Siapa …?”
        return before.isspace() and after.isalnum()
    if before in ".!?" and text[i] == '"':  # "…masyarakat."Satu hal …
        return after.isupper()
    return (before.isspace() or before in "([{—–-:,;/") and not after.isspace() and after != text[i]


def _find_close(text: str, start: int) -> int | None:
    """The closing double mark for a quote opened just before ``start``."""
    for match in _DOUBLE_MARKS.finditer(text, start):
        j = match.start()
        ch = text[j]
        if ch == "“":  # a new opening curly mark: the previous quote was left open
            return None if not _closing_context(text, j) else j
        if ch == '"' and not _closing_context(text, j) and _opens(text, j):
            return None  # a fresh opening mark before any closing one
        if ch == "”" and not _closing_context(text, j) and _opens(text, j):
            return None
        return j
    return None


def _closing_context(text: str, j: int) -> bool:
    before = text[j - 1] if j else " "
    return not before.isspace()


def _find_single_close(text: str, start: int) -> int | None:
    for match in _SINGLE_MARKS.finditer(text, start):
        j = match.start()
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

_AFTER_HOWS = ("after", "after-nya", "after-pronoun", "after-bare", "after-back", "after-anon")


def _attribute(body: str, before: str, after: str, state: _State):
    """Who spoke, through which medium, and which pattern said so."""
    clause = after[:_clause_length(body, after)]
    via = _via(clause) if clause else None
    ends_like_speech = body.rstrip()[-1:] in ",?!" or after.lstrip()[:1] == ","
    if clause:
        found = _after_speaker(clause, body, state, ends_like_speech)
        if found is not None:
            speaker, how = found
            return speaker, via, how
    tail = _sentence_tail(before)
    via = via or _via_before(tail)
    menurut = _MENURUT.search(tail)
    if menurut:
        speaker, how = _phrase_speaker(menurut.group("name"), state)
        if how == "back":
            return state.referent(), via, "before"
        if speaker is not None:
            return speaker, via, "before"
    verb = _BEFORE.search(tail) or _BEFORE_GENERIC.search(tail)
    if verb:
        verb_tail = verb.group("tail").strip()
        if not verb_tail or verb_tail[-1] in ",:" or len(verb_tail) <= 25:
            speaker = _subject_before(tail[: verb.start()], state)
            return speaker, via or _via(verb.group("tail")), "before"
    if tail.rstrip().endswith(":"):
        speaker = _last_entity(tail, state.vocab)
        speaker = state.full(speaker) if speaker else state.referent()
        if speaker is not None:
            return speaker, via, "before-colon"
    return None, via, None


def _after_speaker(clause: str, body: str, state: _State, speechlike: bool):
    """``(speaker, how)`` from the words after a closing mark, or None."""
    match = _AFTER.match(clause)
    generic = False
    if match is None and speechlike:
        match = _AFTER_GENERIC.match(clause)
        generic = match is not None and match.group("verb").lower() not in _NOT_VERBS
        if not generic:
            match = None
    if match is not None:
        rest = match.group("rest")
        if match.group("nya"):
            return _answer(state), "after-nya"
        quoted = _QUOTING.search(rest)
        if quoted:
            speaker, how = _phrase_speaker(quoted.group("name"), state)
            if speaker is not None and how == "name":
                return speaker, "after"
        speaker, how = _phrase_speaker(rest, state)
        if how == "name" and speaker is not None:
            return speaker, "after"
        if generic:
            return (_answer(state), "after-nya") if not rest.strip(" .") else None
        if how == "pronoun":
            return _answer(state), "after-pronoun"
        if how == "back":
            return state.referent(), "after-back"
        if how == "bare":
            return state.referent(), "after-bare"
        return None, "after-anon"
    english = _EN_AFTER.match(clause)
    if english:
        speaker = _split_role((english.group("name") or english.group("name2")).split(),
                              state.vocab)
        if speaker:
            return (state.full(speaker) if _role_only(speaker) else speaker), "after"
    if speechlike:  # "…," Yusri menandaskan.
        subject = re.match(r"^[\s,]*(?P<name>[A-Z][^,.;:!?]{0,80}?)\s+(?:juga\s+|pun\s+)?"
                           r"(?:me|ber)[a-z]{3,}\b", clause)
        if subject:
            speaker, how = _phrase_speaker(subject.group("name"), state)
            if speaker is not None and how == "name":
                return speaker, "after"
    return None


def _answer(state: _State) -> _Speaker | None:
    """Who ``-nya`` means: after a question put by one person, the one who answers."""
    if state.last_question and state.focus_from_quote and state.other_speaker is not None:
        return state.other_speaker
    return state.referent()


def _clause_length(body: str, after: str) -> int:
    """How much of ``after`` is the attribution of the quote before it (up to its sentence end)."""
    stripped = after.lstrip()
    if not stripped:
        return 0
    first = stripped[0]
    if not (first.islower() or first in ",—–-" or body.rstrip()[-1:] == ","):
        return 0
    match = _CLAUSE_END.search(after)
    end = match.end() if match else len(after)
    return min(end, 400)


def _subject_before(subject_text: str, state: _State) -> _Speaker | None:
    """The speaker named before a reporting verb: the subject of its clause, or whom the text
    is about (a pronoun, a description)."""
    segments = subject_text.split(",")
    for segment in reversed(segments):
        candidates = list(_entities(segment, state.vocab))
        if candidates:
            return state.full(candidates[0][0]) if _role_only(candidates[0][0]) \
                else candidates[0][0]
        if segment.strip():
            words = _WORD.findall(segment)
            if words and (words[-1].lower() in PRONOUNS or words[-1].lower() in _BACK_WORDS):
                break
    return state.referent()


def _via(text: str) -> str | None:
    window = text[:240]
    for pattern in _VIA_PATTERNS:
        match = pattern.search(window)
        if match:
            return _clean_via(match.group("via"))
    return None


def _via_before(tail: str) -> str | None:
    match = _VIA_QUOTED.search(tail[:240])
    return _clean_via(match.group("via")) if match else None


def _clean_via(value: str) -> str:
    value = re.sub(r"^(?:situs|laman)\s+", "", value.strip())
    value = re.sub(r"\s+(?:pada|Senin|Selasa|Rabu|Kamis|Jumat|Sabtu|Minggu)\b.*$", "", value)
    return value.strip(" ,.")


def _sentence_tail(before: str) -> str:
    """The part of ``before`` after its last sentence end (where a lead-in verb would stand)."""
    cut = max(before.rfind(". "), before.rfind("! "), before.rfind("? "), before.rfind("\n"))
    return before[cut + 1:].lstrip() if cut >= 0 else before


def _only_glue(before: str) -> bool:
    """Between two quotes only an attribution already used, or nothing: a split quote."""
    stripped = before.strip(" ,.;:—–-\n")
    return len(stripped) < 3 or bool(_AFTER.match(before) and len(stripped) < 80)


_TITLE_WORDS = {
    "berjudul", "bertajuk", "judul", "tajuk", "artikel", "headline", "lagu", "film", "buku",
    "tagar", "hashtag", "istilah", "slogan", "julukan", "sebutan", "dijuluki", "disebut",
    "bernama", "bertuliskan", "tulisan", "program", "gerakan", "aplikasi", "novel", "album",
    "kampanye", "semboyan", "motto", "moto", "jargon", "titled", "called", "dubbed",
}


def _titled(before: str) -> bool:
    """A quote right after ``berjudul``, ``tajuk`` and the like is a title, not speech."""
    words = [w.lower() for w in _WORD.findall(before[-80:])][-4:]
    return any(w in _TITLE_WORDS for w in words)


def _kind(body: str, how: str | None, span: _Span) -> str:
    words = _WORD.findall(body)
    if how is not None:
        return STATEMENT if len(words) > 2 or body.rstrip()[-1:] in ",.!?" else TERM
    if not span.closed or span.continued:
        return STATEMENT
    if len(words) <= 4 and body.rstrip()[-1:] not in ",.!?":
        return TERM
    if body.rstrip()[-1:] in ",.!?" and len(words) >= 3:
        return STATEMENT
    return STATEMENT if len(words) >= 8 else TERM


# -- names and roles ---------------------------------------------------------------------------


def _is_role(token: str) -> bool:
    known = _ROLE_CACHE.get(token)
    if known is None:
        low = token.lower().strip(".")
        known = (low in ROLE_WORDS or token.startswith("(") or bool(_ROLE_PREFIX.match(low))
                 or (len(token) >= 2 and token.isupper() and token.isalpha()))
        if len(_ROLE_CACHE) > 50_000:
            _ROLE_CACHE.clear()
        _ROLE_CACHE[token] = known
    return known


_ROLE_CACHE: dict[str, bool] = {}


def _role_only(speaker: _Speaker) -> bool:
    return speaker.role is None and all(_is_role(w) for w in speaker.name.split())


def _phrase_speaker(phrase: str, state: _State) -> tuple[_Speaker | None, str]:
    """The speaker named by the words after a reporting verb, and how it was named:
    ``name``, ``pronoun`` (dia), ``back`` (a description: ``pria itu``), ``bare`` (nothing),
    or ``none`` (someone unnamed: ``kata seorang warga``).

    Lower-case words may come first (``kata hakim ketua Dwiarso``, ``kata ayah Mirna,
    Darmawan``) and become the role; a role may be followed by the name after a comma
    (``kata Menteri Kominfo, Rudiantara``) and a name by its role (``kata Imran, Ketua …``).
    """
    tokens = _PHRASE_TOKEN.findall(phrase[:300])
    words: list[str] = []
    for token in tokens[:24]:
        glued = _GLUED.match(token)
        if glued:  # "terang Erick.Sementara, …": a sentence end without its space
            words.append(glued.group(1))
            break
        if token in ".;!?\"“”«»" or (token.endswith(".") and not _INITIAL.match(token)
                                     and len(token) > 1 and "." not in token[:-1]):
            if token not in ".;!?\"“”«»":
                words.append(token.rstrip("."))
            break
        words.append(token)
    if not words:
        return None, "bare"
    first = words[0].lower()
    if first in PRONOUNS:
        return None, "pronoun"
    if first == ",":
        return None, "bare"
    lead: list[str] = []
    index = 0
    while index < len(words) and index < 5 and words[index][:1].islower() and \
            words[index].lower() not in _STOP_NAME and words[index].lower() not in PRONOUNS and \
            words[index] not in ",()":
        lead.append(words[index])
        index += 1
    name, index = _name_run(words, index, state.vocab)
    clause_words = [w.lower() for w in words[:10]]
    if not name:
        if any(w in _BACK_WORDS for w in clause_words):
            return None, "back"
        if lead:
            if lead[0].lower() in _LOWER_BODIES:
                return None, "none"
            if index < len(words) and words[index] == ",":  # "kata ayah korban, Darmawan"
                second, _ = _name_run(words, index + 1, state.vocab)
                person = _split_role(second, state.vocab) if second else None
                if person is not None and not _role_only(person) and \
                        second[0].lower() not in _SENTENCE_STARTERS:
                    return _Speaker(person.name, " ".join(lead)), "name"
            known = state.by_role(" ".join(lead))
            if known is not None:
                return known, "name"
            return None, "none"
        return None, "bare"
    if index < len(words) and words[index].lower() in _BACK_WORDS:
        return None, "back"  # "kata mantan Anggota Dewan Pertimbangan Presiden ini"
    if lead and lead[0].lower() in _LOWER_BODIES:
        return _Speaker(" ".join(lead + name)), "name"
    speaker = _split_role(name, state.vocab)
    if speaker is None:
        return None, "none"
    # An apposition after a comma: "Ketua KPU DKI Jakarta, Sumarno," / "Imran, Ketua Bawaslu …"
    if index < len(words) and words[index] == ",":
        second, _ = _name_run(words, index + 1, state.vocab)
        if second and second[0].lower() not in _SENTENCE_STARTERS:
            part1_role = bool(lead) or _role_only(speaker) or (
                _is_role(name[0]) and len(second) >= 2 and not _is_role(second[0])
                and not any(w.lower() in state.vocab for w in second))
            if part1_role and not _is_role(second[0]):
                person = _split_role(second, state.vocab)
                if person is not None and not _role_only(person):
                    role = " ".join(lead + name)
                    return _Speaker(person.name, role), "name"
            if not _role_only(speaker) and _is_role(second[0]) and speaker.role is None:
                return _Speaker(speaker.name, " ".join(second)), "name"
    if lead and not _role_only(speaker):
        role = " ".join(lead + ([speaker.role] if speaker.role else []))
        return _Speaker(speaker.name, role), "name"
    if _role_only(speaker):
        role_words = " ".join(lead + [speaker.name])
        return (state.by_role(role_words) or state.by_role(speaker.name) or speaker), "name"
    return speaker, "name"


def _name_run(words: list[str], index: int, vocab: frozenset[str]) -> tuple[list[str], int]:
    """The capitalised run (roles, ranks, names, initials, ``(Inf)``) starting at ``index``."""
    kept: list[str] = []
    while index < len(words):
        word = words[index]
        low = word.lower()
        if word in ",;:!?\"“”«»()":
            break
        if low in _STOP_NAME:
            break
        if word[:1].isupper() or word.startswith("(") or (kept and low in _NAME_LINKS):
            if kept and not _is_role(word) and low in vocab and len(word) > 3 and (
                    index + 1 >= len(words) or words[index + 1][:1].islower()):
                break  # "jelas Rudiantara Pembatasan itu …": a new sentence begins
            kept.append(word)
            index += 1
            continue
        break
    while kept and (kept[-1].lower() in _NAME_LINKS or kept[-1].startswith("(")) and \
            len(kept) > 1 and not _is_role(kept[-2]):
        kept.pop()  # a trailing alias: "Basuki Tjahaja Purnama (Ahok)"
    return kept, index


def _split_role(tokens: list[str], vocab: frozenset[str] = frozenset()) -> _Speaker | None:
    """``Menteri Luar Negeri AS Marco Rubio`` -> name ``Marco Rubio``, role the rest."""
    tokens = [t.strip(",;") for t in tokens if t.strip(",;")]
    while tokens and tokens[-1].lower() in _NAME_LINKS:
        tokens = tokens[:-1]
    if not tokens:
        return None
    if len(tokens) == 1:
        return _Speaker(tokens[0])
    # the last run of name words; role words after it are dropped ("Trump Presiden AS")
    end = len(tokens)
    while end > 0 and _is_role(tokens[end - 1]):
        end -= 1
    begin = end
    while begin > 0 and not _is_role(tokens[begin - 1]):
        begin -= 1
    if begin == end:
        return _Speaker(" ".join(tokens))  # only role words: "Presiden", "Kementerian …"
    if begin == 0 and end < len(tokens) and len(tokens) - end >= 1:
        return _Speaker(" ".join(tokens[begin:end]))
    name, role = tokens[begin:end], tokens[:begin]
    if not role:
        return _Speaker(" ".join(name))
    if role[-1].lower() in _ADMIN_UNITS:  # "Ketua Bawaslu Kabupaten Aceh Tamiang": a place
        return _Speaker(" ".join(tokens))
    if tokens[0].lower() in BODY_HEADS:
        last = role[-1]
        acronym = len(role) >= 2 and last.isupper() and last.isalpha()
        if not (acronym or last.lower() in _RANKS or (
                len(name) >= 2 and not any(w.lower() in vocab for w in name))):
            return _Speaker(" ".join(tokens))
    return _Speaker(" ".join(name), " ".join(role))


_PREPOSITIONS = {
    "di", "ke", "dari", "pada", "untuk", "bagi", "tentang", "terhadap", "atas", "dalam",
    "antara", "menuju", "sejak", "hingga", "sampai", "kepada", "dengan", "melawan", "versus",
    "bersama", "tanpa", "via", "lewat", "melalui", "soal", "terkait", "seperti", "asal", "kota",
    "oleh", "nama", "mengutip", "dilansir", "dikutip", "menurut",
    "in", "at", "to", "from", "of", "with", "for", "by", "on", "the",
}
_REPORTING = re.compile(rf"\s*(?:,[^,]{{0,80}},\s*)?(?:juga\s+|pun\s+|sempat\s+|lalu\s+|"
                        rf"kemudian\s+|telah\s+)?(?:{_BEFORE_VERBS})\b", re.IGNORECASE)


def _entities(text: str, vocab: frozenset[str] = frozenset()):
    """``(speaker, strong)`` for each person or body named in ``text``, in order.

    A capitalised run after a preposition is a place or an object (``ke Suriah``), not a
    speaker. A run is strong when a reporting verb follows it. Role runs joined by ``dan``
    (``Menteri Komunikasi dan Informatika Rudiantara``) are one.
    """
    matches = list(_ENTITY.finditer(text))
    lead = len(text) - len(text.lstrip(" \"“‘'("))
    index = 0
    while index < len(matches):
        match = matches[index]
        words = match.group().split()
        end = match.end()
        while index + 1 < len(matches) and _is_role(words[0]) and _is_role(words[-1]) and \
                text[end:matches[index + 1].start()] == " dan ":
            index += 1
            words += ["dan"] + matches[index].group().split()
            end = matches[index].end()
        index += 1
        starts_sentence = match.start() <= lead
        while words and (words[0].lower().strip(".,") in _SENTENCE_STARTERS or (
                starts_sentence and len(words) > 1 and words[0].lower() in vocab
                and len(words[0]) >= 6 and not _is_role(words[0]))):
            words = words[1:]
        if not words or (len(words) == 1 and _is_role(words[0]) and not words[0].isupper()):
            continue
        previous = text[max(0, match.start() - 40): match.start()].split()[-1:]
        if previous and previous[0].lower().strip(",") in _PREPOSITIONS and \
                words[0] == match.group().split()[0]:
            continue
        candidate = _split_role([w.rstrip(".,") for w in words], vocab)
        if candidate is None:
            continue
        strong = bool(_REPORTING.match(text, end))
        yield candidate, strong


def _subject(sentence: str, state: _State) -> _Speaker | None:
    """Whom a narrative sentence is about: ``Menurut X, …``, a name opening it, or a name
    followed by a reporting verb. Pronouns keep the current focus (None)."""
    text = sentence.strip(" \t\"“”‘’'(")
    if not text:
        return None
    menurut = _MENURUT_ANY.search(text)
    if menurut:
        speaker, how = _phrase_speaker(menurut.group("name"), state)
        if how == "name" and speaker is not None:
            return speaker
    opener = _OPENER.match(text)
    if opener and opener.group("lead").lower() in _CLAUSE_OPENERS:
        text = text[opener.end():]
    words = text.split()
    while words and words[0].lower().strip(",") in _SENTENCE_STARTERS | _SOFT_STARTERS:
        words = words[1:]
    if not words or words[0].lower().strip(",") in PRONOUNS:
        return None
    head = " ".join(words[:14])
    match = _ENTITY.match(head)
    if match:
        tokens = [w.rstrip(".,") for w in match.group().split()]
        speech = False
        while len(tokens) > 1 and tokens[0].lower() in state.vocab and len(tokens[0]) >= 6 \
                and not _is_role(tokens[0]):
            speech = speech or tokens[0].lower() in _SPEECH_WORDS
            tokens = tokens[1:]
        speaker, how = _phrase_speaker(" ".join(tokens) + head[match.end():], state)
        if how != "name" or speaker is None or speaker.name.lower().endswith("nya"):
            return None  # "Pihaknya", "Keduanya": a reference back, not a name
        last = speaker.name.split()[-1]
        at = head.find(last, match.start())
        rest = _WORD.findall(head[at + len(last):] if at >= 0 else "")[:4]
        follower = rest[0].lower() if rest else ""
        for word in rest[:2]:
            low = word.lower()
            if low in _FOLLOWERS or _REPORTING.match(low):
                break
            if low in _BACK_WORDS:
                return None  # "Perwira menengah itu menuturkan": a description, not a name
        agent = follower in _FOLLOWERS or bool(_ACTIVE.match(follower)) or \
            bool(_REPORTING.match(" " + " ".join(rest)))
        plain_name = len(speaker.name.split()) >= 2 and follower not in ("yang",) and not any(
            w.lower() in state.vocab for w in speaker.name.split())
        if speech or speaker.role or agent or plain_name or (
                speaker.name in state.tokens and follower not in ("yang",)):
            return state.full(speaker) if _role_only(speaker) else speaker
    for candidate, strong in _entities(text, state.vocab):
        if strong:
            return state.full(candidate) if _role_only(candidate) else candidate
    return None


def _last_entity(text: str, vocab: frozenset[str] = frozenset()) -> _Speaker | None:
    """The last person or body named in ``text``."""
    found = None
    for candidate, _strong in _entities(text, vocab):
        found = candidate
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
    Usai Seusai Lewat Para Sang Sebanyak Seorang Salah Lebih Kembali Tak Tidak Baru Kini Diketahui
    Sontak Akhirnya Belakangan Bukannya Sekadar Begini Berikut Anehnya Selama Menurutnya
    """.split()
}
_SOFT_STARTERS = {"itu", "jauh", "lanjut", "pun", "ini", "lagi"}
_CLAUSE_OPENERS = {
    w.lower() for w in """
    Dalam Saat Ketika Setelah Sebelum Sejak Pada Usai Seusai Soal Terkait Mengutip Berdasarkan
    Di Sementara Selain Sebelumnya Namun Meski Meskipun Sesuai Seperti Dilansir Dikutip Mengenai
    Menanggapi Kembali Atas Bagi Untuk Karena Lebih Kemudian Selanjutnya Akibat Menjawab Ditanya
    """.split()
}
