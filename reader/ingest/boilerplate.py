"""Lines that sit inside a news text but are not part of the story.

Why: scraped Indonesian and wire news carries links to other stories (``Baca juga: …``,
``Simak juga Video '…'``, ``(Baca: …)``), ad slots (``ADVERTISEMENT``, ``SCROLL TO CONTINUE
WITH CONTENT``), syndication notices, copyright lines and photo captions. Counted as
paragraphs they shift every paragraph number after them, so a citation's ``¶`` would not be the
one a reader of the article counts; searched, they match stories that are not this one.
Each rule here is about one line (or its start or end), so the kept text keeps its offsets.
"""

from __future__ import annotations

import re

from reader.language.sentences import abbreviation_at

MAX_LINE = 300  # boilerplate lines are short; a longer line is a paragraph whatever it starts with

_GALLERY = r"\d{1,3}\s*/\s*\d{1,3}\s*:\s.*"
_EMBEDDED_POST = (r".*[—–-]\s*[^()\n]{1,80}\(@\w{1,30}\)\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|"
                  r"oct|nov|dec)[a-z]*\.?\s+\d{1,2},\s+\d{4}\s*")

# Each is matched against a whole line, ignoring case. Most open with their own words; those
# that may open anywhere (a teaser's sentence before "Saksikan selengkapnya", a prompt to
# comment) come with a word every line they match holds, and are tried only on lines holding
# it: scanning every line for them took a tenth of the time reading an article takes.
_WHOLE_LINE: list[str | tuple[str, str]] = [
    # Links to other stories.
    r"(?:baca|simak|lihat|tonton|saksikan|cek)\s+(?:juga|pula)\b.*",
    r"(?:simak|tonton|lihat|saksikan)\s+(?:juga\s+)?(?:video|foto)\b.*",
    # A video's teaser: "Lalu apa langkah Reda berikutnya? Saksikan selengkapnya dalam program …"
    ("selengkapnya",
     r"(?:[^\"“”]{0,200}[?.!]\s*)?(?:saksikan|simak|tonton)\s+(?:kisah\s+)?selengkapnya\b.*"),
    r"(?:saksikan|simak|tonton)\s+(?:live|siaran\s+langsung|streaming)\b.*",
    # A live programme's teaser and slogan: "Lalu bagaimana …? Ikuti diskusinya dalam Editorial
    # Review.", "Ikuti terus ulasan mendalam berita-berita hangat …", "Detik Sore, Nggak Cuma …"
    ("ikuti", r"(?:[^\"“”]{0,300}[?.!]\s*)?ikuti\s+(?:terus\s+)?(?:diskusinya|laporan\s+langsung|"
              r"ulasan\s+mendalam)\b.*"),
    r"[\"“”]*detik\s*(?:sore|pagi|siang),\s+nggak\s+cuma\b.*",
    # "Simak Lifestyle Populer Lainnya", "Baca Berita Menarik Lainnya": a prompt to more stories
    r"(?:baca|simak|lihat|tonton|cek)\s+(?:\S+\s+){0,4}lainnya\W*",
    r"baca\s*(?:juga|selengkapnya|berita\s+terkait)?\s*:.*",
    r"baca\s+(?:artikel|berita)\s+\S+.*\bselengkapnya\b.*",
    r"\(\s*baca(?:\s+juga)?\s*:[^()]*\)",
    r"(?:berita|artikel)\s+terkait\s*:.*",
    r"(?:read|see)\s+(?:more|also)\s*:.*",
    r"(?:related|related\s+articles?|related\s+stories)\s*:.*",
    # A section's promotion: "Magazine: 4 out of 10 …", "Sports Full coverage: 2023 NCAA …",
    # "Microbiology eBook Compilation of … Download a free copy".
    r"magazine\s*:.*",
    r"(?:\w+\s+)?full\s+coverage\s*:.*",
    ("ebook", r"(?:\w+\s+){0,3}e-?book\b.{0,120}\bdownload\s+a\s+free\s+copy\W*"),
    # A transcript's notice: "NPR transcripts are created on a rush deadline by …".
    ("transcript", r"(?:\w+\s+)?transcripts?\s+(?:are|is)\s+(?:created|produced|made)\s+on\s+a\s+"
                   r"(?:rush|tight)\s+deadline\b.*"),
    # A list of the subject's links: "Links:", "Twitter: twitter.com/emilyxxie".
    r"links?\s*:",
    (":", r"[\w&'’ -]{1,30}:\s*(?:https?://)?(?:www\.)?[\w-]+\.[a-z]{2,6}(?:/\S*)?"),
    # An artwork's caption: "“The Great Wave off Kanagawa” by Hokusai, 1831. (Metropolitan …)".
    r"[\"“][^\"“”]{1,80}[\"”](?:\s+on\s+[^.()]{1,40})?\s+by\s+(?-i:[A-Z])[^.()]{1,60}"
    r"(?:,\s*\d{4})?\.\s*\([^()]{2,60}\)",
    # Ad slots and reading prompts.
    r"advertisement|iklan|advertorial|sponsored|scroll\s+to\s+continue(?:\s+with\s+content)?",
    r"(?:story|article)\s+continues\s+below(?:\s+advertisement)?",
    r"continue\s+reading(?:\s+below)?",
    # Syndication and copyright notices.
    r"(?:berita|artikel)\s+ini\s+(?:telah|sudah)\s+(?:tayang|dimuat|terbit|diterbitkan)\b.*",
    r"(?:copyright|hak\s+cipta)\s*(?:©|\(c\)|\d{4}).*|©.*",
    ("rights", r".*all\s+rights\s+reserved\.?"),
    # Photo captions and credits.
    r"(?:foto|photos?|ilustrasi|illustration|gambar|image|video|dok\.?|dokumentasi)\s*:.*",
    # A bare link, a release's contact line: "https://www.youtube.com/…", "KONTAK: info@…".
    r"(?:(?:video|link|tautan|source|sumber)\s*:\s*)?(?:https?://|www\.)\S+",
    r"(?:kontak|contact|media\s+contact|kontak\s+media)\s*:.*",
    r"disclaimer\s*:.*",
    r"\(\s*(?:foto|photo)\s*:[^()]*\)",
    # Embeds left as markers by an export: "[Gambas:Video 20detik]", "[Gambas:Instagram]".
    r"\[\s*gambas\s*:[^\]]*\]",
    r"lihat\s+foto",
    # An ad slot's script left as text: "googletag.cmd.push(function() { … });".
    r"(?:googletag|window|document)\.\w.*",
    ("function", r".*\bfunction\s*\(\s*\)\s*\{.*"),
    # A separator: "---", "* * *".
    r"[-–—―_=*~•·#\s]{3,}",
    # A wire's credits and notices: "Reporting by … Editing by …", "Our Standards: …",
    # "Jane Roe in London contributed to this report.", "Editor's Note: …", "More on X: …".
    r"(?:additional\s+)?(?:reporting|writing)\s+by\s+(?-i:[A-Z]).*\bedit(?:ing|ed)\s+by\b.*",
    r"(?:editing|edited)\s+by\s+(?-i:[A-Z])[^.]*\.?",
    r"our\s+standards\s*:.*",
    ("contributed",
     r"[^.!?\"“”]{3,120}\bcontributed\s+(?:reporting\s+)?to\s+this\s+(?:report|story|article)\.?"),
    r"editor(?:'|’)?s\s+note\s*:.*",
    r"more\s+on\s+[^:.!?]{1,40}:.*",
    ("click", r"[^\"“”]*\(\s*click\s+here\b[^)]*\)\W*"),
    # A page's reading tools and prompts: "Listen 8 min Comment on this story … Gift Article
    # Share", "SEE RELATED STORY", "For news updates, follow Jane Roe on Facebook …".
    r"listen\s+\d+\s+min\b.*",
    ("gift", r".*\bgift\s+article\b.*"),
    r"see\s+related\s+(?:story|stories|video|coverage)\b.*",
    r"for\s+(?:more\s+)?(?:news\s+)?updates?,?\s+follow\b.*",
    # A gallery's counter and button, a stray mark: "VIEW GALLERY - 2 IMAGES", "2", "<".
    r"view\s+(?:gallery|slideshow|photos)\b.*",
    _GALLERY,  # a gallery's captions: "1 / 18: Gophers forward … 2 / 18: …"
    r"[^\w\"“”‘’']{1,5}|\d{1,3}",
    # Credits, notes and prompts: "Image Credit: Illumina", "Update, March 24, 4:50 pm ET: …",
    # "This story has been edited to correct …", "To learn more, visit …", "MORE: …", "Follow
    # us on …", "Share your thoughts with us in the comments below!", "AP journalists … in
    # Abuja contributed.", a caption's credit at its start ("Jo Park via Getty Images Cars
    # cross …") or its end ("… Courtesy of Smith Architects", "… Source: Livestream"). (A
    # word in capitals alone is left to the signature lines: "ANTARA" credits the wire.)
    r"(?:image|photo|video)\s+(?:credits?|courtesy)\s*:.*",
    r"(?:update[ds]?|correction|clarification)(?:\s*,?\s*[a-z.]+\s+\d{1,2}(?:,\s*\d{4})?(?:,?\s*"
    r"\d{1,2}:\d{2}\s*[ap]\.?m\.?(?:\s+[a-z]{2,3})?)?)?\s*:.*",
    r"this\s+(?:story|article|report)\s+(?:has\s+been|was)\s+(?:edited|updated|corrected|"
    r"(?:originally\s+)?published)\b.*",
    r"(?:to\s+)?(?:learn|read|find\s+out)\s+more,?\s+(?:visit|go\s+to|click)\b.*",
    r"more\s*:.*",
    r"follow\s+us\s+on\b.*",
    ("comment",
     r".{0,200}\b(?:share\s+your\s+thoughts|let\s+us\s+know|tell\s+us)\b.{0,40}\bcomments?\b.*"),
    ("newsletter", r".{0,120}\b(?:sign\s+up\s+for|subscribe\s+to|you['’]ll\s+love)\s+(?:my|our)\b"
                   r".{0,60}\bnewsletter\b.*"),
    r"(?:AP|Associated\s+Press|Reuters|AFP)\s+(?:journalists?|writers?|reporters?)\b.*"
    r"\bcontributed\b.*",
    ("via", r"(?-i:[A-Z][\w.'’-]*(?:\s+[A-Z][\w.'’-]*){0,2})\s+via\s+(?:getty\s+images|"
            r"shutterstock|istock|ap|reuters|afp)\b.*"),
    ("courtesy", r".{0,250}\b(?-i:Courtesy\s+of)\s+[^.!?:]{2,60}"),
    # A caption credited at its end the Guardian's way, and a video's label: "‘…’ … Tom tries
    # the rye bread. Photograph: courtesy of Tom Hale", "00:28 Ann Lee tries a pretzel – video".
    ("photograph", r".{0,250}\b(?-i:Photographs?):\s+[^.!?]{2,80}"),
    ("video", r"\d{1,2}:\d{2}\s+.{3,150}\s[–—-]\s+video\W*"),
    ("source:", r".{0,250}\b(?-i:Source:)\s+(?:[^.!?:]{2,60}|[\w-]+(?:\.[\w-]+)*\.[a-z]{2,6})"),
    # An embedded post's last line, signed with its account and date: "Tickets sell out fast!
    # pic.twitter.com/x — Riverton City (@RivertonCity) March 20, 2023"; a reporter's contact
    # line: "Contact Jeff Roe at jroe@example.com. Follow him @JeffRoe on Twitter."
    ("(@", _EMBEDDED_POST),
    ("contact", r"contact\s+(?-i:[A-Z])[\w.'’-]*(?:\s+(?-i:[A-Z])[\w.'’-]*){0,3}\s+at\s+\S+@\S+.*"),
    # A photo credited at its start to an outlet's photographer in capitals: "KOMPAS.com /
    # ANDREAS LUKAS Foto udara proyek …".
    r"(?-i:[A-Z][\w-]*\.(?:com|co\.id|id)\s*/\s*[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+)*)(?:\s.*)?",
]
# Those opening with their words in one pattern (one call a line, not one a rule).
_OPENING = re.compile("|".join(f"(?:{p})" for p in _WHOLE_LINE if isinstance(p, str)),
                      re.IGNORECASE)
_ANYWHERE = [(word, re.compile(p, re.IGNORECASE)) for word, p in
             (entry for entry in _WHOLE_LINE if isinstance(entry, tuple))]
# The long lines that are no story: a gallery's captions, an embedded post with its signature.
# (each tried only on lines that could hold it: a paragraph is often this long)
_LONG_GALLERY = re.compile(_GALLERY)
_LONG_EMBED = re.compile(_EMBEDDED_POST, re.IGNORECASE)
# Letters that ignoring case takes for another letter than their lower case is: "ı" and "ſ"
# for "i" and "s"; "İ" lowers to "i" and a combining dot.
_FOLD = str.maketrans({"ı": "i", "ſ": "s", "\u0307": None})
_WRAPPED = re.compile(r"[\"'“‘](.+?)[\"'”’]?")
# A short credit line for a photo: "FG Trade via Getty Images", "ANTARA FOTO/Ali Budiman".
_PHOTO_AGENCY = re.compile(
    r"getty\s+images|shutterstock|istock|ap\s+photo|antara\s+foto|reuters/|afp/|/afp\b"
    r"|/reuters\b|/ap\b|bloomberg/|kompas\.com/|tribunnews/|detikcom/", re.IGNORECASE)
# A caption ends with its credit in brackets: "(AP)", "(AP Photo/Jane Roe)",
# "(Rachel Aston/Las Vegas Review-Journal) @handle", "(Foto: Antara)".
_CAPTION_END = re.compile(
    r"\((?:AP|AP Photo[^()]*|Reuters|AFP|Getty Images|(?i:foto|photo|dok)\s*:[^()]*|"
    r"(?:ANTARA(?:\s+FOTO)?|REUTERS|AFP|EPA|AP(?:\s+Photo)?)/[^()]*)\)\s*(?:@\w+)?$"
    r"|\s[A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*)+\s/\s(?:AP|AFP|Reuters|Getty Images|Bloomberg)$")
_AGENCY_WORDS = ("getty", "shutterstock", "istock", "photo", "foto")
CAPTION_LIMIT = 600  # a caption that ends with its agency's credit may run longer than MAX_LINE
# A photographer and outlet in brackets: "(Rachel Aston/Las Vegas Review-Journal) @handle".
_NAMED_CREDIT_END = re.compile(r"\([A-Z][\w.'’-]*(?:\s[A-Z][\w.'’-]*)+\s?/\s?[^()]*\)\s*(?:@\w+)?$")
# A caption's trailing credit after its one sentence: "… earlier this week. Starbucks".
_TRAILING_CREDIT = re.compile(r"[.!?][\"”’]?\s+(?:[A-Z][\w&'’./-]*)(?:\s[A-Z][\w&'’./-]*){0,2}$")
_FIRST_PERSON = re.compile(r"\b(?:I|I['’](?:m|ve|d|ll)|[Mm]y|[Ww]e|[Oo]ur|[Ss]aya|[Aa]ku|"
                           r"[Kk]ami)\b")
_TERMINAL = re.compile(r"[.!?:;\"”’)\]…]$")
# "(Baca: …)" or "Baca juga: …" fused to the end of a paragraph, or "(Baca: …)" at its start.
_BACA_TAIL = re.compile(r"\(\s*baca(?:\s+juga)?\s*:[^()\n]*\)", re.IGNORECASE)
_BACA_HEAD = re.compile(r"^\(\s*baca(?:\s+juga)?\s*:[^()\n]*\)\s*", re.IGNORECASE)


def is_boilerplate(line: str) -> bool:
    """True for a line that is a link, an ad slot, a notice or a photo caption, not the story."""
    line = line.strip()
    if not line or len(line) > CAPTION_LIMIT:
        return False
    if len(line) > MAX_LINE:  # only a caption ending with its agency's credit, a gallery's
        # captions or an embedded post is this long
        return (_caption_end(line) and not _quoted_speech(line)) or \
            (line[:1].isdigit() and _LONG_GALLERY.fullmatch(line) is not None) or \
            ("(@" in line and _LONG_EMBED.fullmatch(line) is not None)
    if _whole_line(line):
        return True
    wrapped = _WRAPPED.fullmatch(line)  # "'Lihat juga Video: …'": a link line in quote marks
    if wrapped and _whole_line(wrapped.group(1)):
        return True
    caption = _caption_end(line)
    # a photo agency's name makes a short line or a captioned one boilerplate; the search for
    # it is skipped where it could not decide (most paragraphs are longer, without a caption)
    if (len(line) <= 80 or caption) and _photo_agency(line):
        return True
    return caption and not _quoted_speech(line)


def _whole_line(line: str) -> bool:
    """``line`` matches one of :data:`_WHOLE_LINE` whole (ignoring case)."""
    if _OPENING.fullmatch(line):
        return True
    lower = _lower(line)
    return any(word in lower and pattern.fullmatch(line) for word, pattern in _ANYWHERE)


def _lower(line: str) -> str:
    """``line`` in lower case, holding every word a pattern ignoring case finds in it."""
    lower = line.lower()
    return lower if lower.isascii() else lower.translate(_FOLD)


def _caption_end(line: str) -> bool:
    """``line`` ends with a photo's credit (:data:`_CAPTION_END`). A credit holds no ``(``
    but the one opening its brackets, so it is looked for from the last one on; one without
    brackets has a ``/``."""
    at = line.rfind("(")
    if at < 0 and "/" not in line:
        return False
    return _CAPTION_END.search(line, max(at, 0)) is not None


def _photo_agency(line: str) -> bool:
    """``line`` names a photo agency (:data:`_PHOTO_AGENCY`): each name but those with a
    ``/`` holds one of these words."""
    if "/" not in line and not any(word in _lower(line) for word in _AGENCY_WORDS):
        return False
    return _PHOTO_AGENCY.search(line) is not None


def is_caption_with_credit(line: str) -> bool:
    """A caption with its credit: ``… this week. Starbucks`` or ``… (Name Surname/Outlet)``.

    Only asked of paragraphs that are not an article's last (where a credit in brackets closes
    the story) in articles of several paragraphs: prose ends with punctuation, a caption with
    its credit does not.
    """
    line = line.strip()
    if len(line) > CAPTION_LIMIT or _quoted_speech(line):
        return False
    if _NAMED_CREDIT_END.search(line):  # a photographer's credit closes even a long caption
        return True
    if len(line) > 250:
        return False
    if _TERMINAL.search(line):
        return False
    credit = _TRAILING_CREDIT.search(line)
    # (the full stop must end a sentence: "Anak Bripka Yohanes R.T. Wenda" is a name; a caption
    # speaks of its photo, never as "I": "I should have asked for hazard pay. Arwa Mahdawi" is
    # a signed paragraph of the story)
    return credit is not None and len(line[: credit.start()].split()) >= 4 and \
        not abbreviation_at(line, credit.start()) and not _FIRST_PERSON.search(line, 0,
                                                                              credit.start())


def _quoted_speech(line: str) -> bool:
    return any(mark in line for mark in "\"“”")


def trim_inline(text: str, start: int, end: int) -> tuple[int, int]:
    """``(start, end)`` of a paragraph without a ``(Baca: …)`` link at its end or start, or a
    ``Baca Juga: …`` link fused to the sentence after it."""
    tail = bracket_tail(_BACA_TAIL, text, start, end)
    if tail is not None:
        end = tail[0]
    head = _BACA_HEAD.match(text, start, end)
    if head and head.end() < end:
        start = head.end()
    elif _BACA_FUSED.match(text, start, end):
        start = _fused_end(text, start, end)
    return start, end


# A link line run into the story's next sentence with no break between them: "Baca Juga:
# Pengacara Benarkan … Ditahan KPKSebagai info, tim hukum …" (a long line, so not boilerplate).
_BACA_FUSED = re.compile(r"baca\s+juga\s*:\s*\S", re.IGNORECASE)
_JOIN = re.compile(r"(?<=[a-z0-9A-Z])(?=([A-Z][a-z]{2,})\b)")


def _fused_end(text: str, start: int, end: int) -> int:
    """Where the story resumes after a fused link: the first capitalised word stuck to the
    title's last word that opens sentences (``…BerkasPadahal``) or that the article also writes
    in lower case (``…KPKSebagai``), not a word with a capital inside (``YouTube``)."""
    from reader.language.lexicon import CLAUSE_OPENERS, SENTENCE_STARTERS  # rarely needed

    for join in _JOIN.finditer(text, start + 10, min(end, start + 250)):
        word = join.group(1).lower()
        if word in SENTENCE_STARTERS or word in CLAUSE_OPENERS or \
                re.search(rf"(?<![\w-]){word}\b", text):
            return join.start()
    return start


def bracket_tail(pattern: re.Pattern, text: str, start: int,
                 end: int) -> tuple[int, re.Match] | None:
    """A bracketed group that ends ``text[start:end]`` and matches ``pattern`` whole.

    Returns where the paragraph ends without it (before the spaces in front of it) and the
    match. Found from the last ``(`` rather than by searching for leading spaces, which is
    quadratic on a line of many spaces.
    """
    while end > start and text[end - 1].isspace():
        end -= 1
    opening = text.rfind("(", start, end)
    if opening <= start:
        return None
    match = pattern.fullmatch(text, opening, end)
    if match is None:
        return None
    cut = opening
    while cut > start and text[cut - 1].isspace():
        cut -= 1
    return (cut, match) if cut > start else None
