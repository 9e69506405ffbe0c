r"""A body's lines -> the outlet's own prose, and the metadata those lines held.

Cut: the headline (kept as the title), byline, date line, photo captions, "Related
article" links, agency credits, "Original url" trailers; soft-wrapped lines are
joined, paragraphs kept apart by one blank line, a wire dateline cut from the first
sentence (its month and day kept for crosscheck.ingest.dates).

>>> body = "Flood Wall Approved\n\nBy Ines Marlow\n\nThe council voted for the wall on Monday."
>>> _clean_lines(body, known_title="").text
'The council voted for the wall on Monday.'
"""

from __future__ import annotations

import itertools
import re

from crosscheck.ingest.dates import (
    _COPYRIGHT,
    _FULL_DATE,
    _MONTH,
    _PARTIAL_DATE,
    _date_line,
    _match_date,
)
from crosscheck.ingest.markdown import (
    _BARE_URL_LINE,
    _HTML_COMMENT,
    _MD_IMAGE,
    _MD_LINK,
    _REF_DEFINITION,
    _RULE,
    _inline_text,
    _Line,
    _strip_emphasis,
)
from crosscheck.ingest.parsed import _Cleaned
from crosscheck.vocabulary import month_number

# Calibrated by reading the seeds and the dev clusters (headlines there run 8-14 words,
# captions 4-12, bylines 3-9) and leaving generous room above each.

# A first line longer than this is prose, not a headline.
TITLE_MAX_WORDS = 30
# A "By ..." line longer than this is a sentence that happens to start with "By".
BYLINE_MAX_WORDS = 16
# A short line ending in a bracketed link credit is a photo caption; longer ones are prose.
CAPTION_MAX_WORDS = 30
# A line with at least this many words that ends like a sentence is body prose; the
# header (headline, byline, date line, caption) ends at the first such line.
PROSE_MIN_WORDS = 8
# Inside one paragraph, a line shorter than this is a deliberate break (a heading or a
# short label), not a soft wrap of running text, so it is never joined to the next.
SOFT_WRAP_MIN_CHARS = 40
# A stretch of text with no sentence end longer than this is cut into paragraphs (see
# _break_run_ons). The longest sentence the splitter finds in the ECB+ news texts (982
# documents, 14,701 sentences) is 872 characters, 99.9% are under 540; the seeds' and
# dev clusters' longest is 283. Over twice the longest, so no real sentence is cut.
RUN_ON_MAX_CHARS = 2000

_RELATED = re.compile(
    r"^(?:related(?:\s+(?:article|articles|stories|story|coverage|content|reading))?"
    r"|read\s+(?:more|also|next)|see\s+also|more\s+on\s+this(?:\s+story)?|also\s+read"
    r"|recommended)\s*:",
    re.I,
)
_ORIGINAL_URL = re.compile(
    r"^(?:original|source|canonical)\s+(?:url|link|article)\s*:\s*(?P<url>\S*)$", re.I
)
_CREDIT_WORDS = r"(?i:(?:additional\s+)?(?:reporting|writing|editing|compiled|edited|written)\s+by)"
_NAMES = r"[A-Z][\w&.'’-]*(?:(?:\s+|\s*,\s*|\s+and\s+)(?:in\s+)?[A-Z][\w&.'’-]*){0,8}"
_CREDITS = (
    # "(Reporting by Ines Marlow in Portville; editing by Tom Kell)"
    re.compile(rf"^[(\[]\s*{_CREDIT_WORDS}\s.*[)\]]\.?$"),
    # "Reporting by Imre Hale; editing by Petra Lunde" (a name must follow "by")
    re.compile(rf"^{_CREDIT_WORDS}\s+[A-Z][^.]*\.?$"),
    # "AFP contributed reporting.", "Rafe Kell in Portville contributed to this report."
    re.compile(
        rf"^(?:{_NAMES}|(?i:the\s+associated\s+press))\s+contributed"
        r"(?:\s+(?:reporting|(?:to\s+)?(?:this|the)\s+(?:report|story|article)))?"
        r"(?:\s+to\s+this\s+(?:report|story|article))?\.?$"
    ),
    # "With AFP.", "— Reuters", "Agencies"
    re.compile(
        r"^(?:(?:[—–-]\s*|(?i:with)\s+)?(?:AFP|AP|Reuters|dpa|Xinhua|EFE|ANSA|(?i:agencies))"
        r"(?:\s*(?:,|and)\s*(?:AFP|AP|Reuters|dpa|Xinhua|EFE|ANSA))*)\.?$"
    ),
)
_NOTE = re.compile(
    r"^(?:disclosure\s*:|this\s+(?:post|story|article|page|piece|blog)\s+(?:will\s+be|has\s+been"
    r"|was|is\s+being|is)\s+(?:updated|regularly\s+updated)\b)",
    re.I,
)
_PHOTO_CREDIT = re.compile(r"^(?:photo|image|picture|photograph)(?:\s+credit)?\s*:", re.I)
_CAPTION = re.compile(
    r"^(?P<before>.*?)\s*\[(?P<credit>[^\]\n]{1,60})\]\([^)\n]*\)\s*$",
)
_BYLINE = re.compile(
    r"^(?:By|BY|From)\s+(?:[A-Z][\w.'’-]*|de|van|von|al|bin)(?:[\s,]+\S+)*$",
)
# "PORTVILLE, June 2 (Wire) - ", "RIVERTON, Eastland, June 3 (Reuters) — ", "LAKESIDE — ".
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3}(?:,\s+[A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){0,2})?)"
    rf"(?:,\s+(?P<date>{_MONTH}\s+\d{{1,2}}|\d{{1,2}}\s+{_MONTH}))?"
    r"(?:\s*\((?P<agency>[^()\n]{1,40})\))?"
    r"(?:\s+(?:-{1,2}|–|—)\s+|\s*[–—]\s*)(?=\S)"
)
# Headlines do not end with a full stop (they may end with "?" or "!").
_ENDS_WITH_STOP = re.compile(r"[.…][\"'”’)\]]*$")
_TERMINAL = re.compile(r"[.!?…][\"'”’»)\]]*$")


def _clean_lines(body: str, *, known_title: str) -> _Cleaned:
    """Strip markup and non-prose lines; return the body and what metadata it held."""
    out = _Cleaned()
    body = _HTML_COMMENT.sub("", body)
    raw_lines = [line.rstrip() for line in body.split("\n")]

    # Pass 1: drop whole lines that are never prose, remembering their metadata.
    kept: list[str | None] = []  # None marks a paragraph break
    skip_url_line = False
    for raw in raw_lines:
        line = raw.strip()
        if not line:
            kept.append(None)
            continue
        if skip_url_line:
            skip_url_line = False
            if _BARE_URL_LINE.match(line):
                out.url = out.url or line.strip("<>")
                continue
        original = _ORIGINAL_URL.match(line)
        if original:
            if original.group("url"):
                out.url = out.url or original.group("url").strip("<>")
            else:
                skip_url_line = True
            continue
        copyright_ = _COPYRIGHT.match(line)
        if copyright_:
            out.copyright_year = int(copyright_.group("y"))
            continue
        if _is_furniture(line):
            continue
        kept.append(raw)

    # Pass 2: inline Markdown -> text, line by line, keeping paragraph breaks.
    lines: list[_Line | None] = []
    for kept_line in kept:
        if kept_line is None:
            lines.append(None)
            continue
        cleaned_line = _inline_text(kept_line)
        if cleaned_line is not None:
            lines.append(cleaned_line)

    # Pass 3: the header (headline, byline, date line) up to the first prose line.
    lines = _strip_header(lines, out, known_title=known_title)

    paragraphs = _paragraphs(lines)
    if paragraphs:
        paragraphs[0] = _strip_dateline(paragraphs[0], out)
    out.text = "\n\n".join(_break_run_ons(p) for p in paragraphs if p)
    return out


_SENTENCE_END = re.compile(r"(?<=[.!?…])\s+")


def _break_run_ons(paragraph: str) -> str:
    """Cut a stretch with no sentence end longer than ``RUN_ON_MAX_CHARS`` into
    paragraphs at spaces (or anywhere, in a text without spaces).

    Checks read one sentence at a time and some look back over the sentence for each
    name they find; a run-on of megabytes made them quadratic. Real sentences are far
    shorter than the limit and are never cut.

    >>> [len(p) for p in _break_run_ons("word " * 1000).split("\\n\\n")]
    [1999, 1999, 999]
    """
    if len(paragraph) <= RUN_ON_MAX_CHARS:
        return paragraph
    pieces: list[str] = []
    for sentence in _SENTENCE_END.split(paragraph):
        while len(sentence) > RUN_ON_MAX_CHARS:
            cut = sentence.rfind(" ", 0, RUN_ON_MAX_CHARS + 1)
            cut = cut if cut > 0 else RUN_ON_MAX_CHARS
            pieces.append(sentence[:cut].rstrip())
            pieces.append("\n\n")
            sentence = sentence[cut:].lstrip()
        pieces.append(sentence)
        pieces.append(" ")
    return "".join(pieces).strip().replace(" \n\n", "\n\n")


def _is_furniture(line: str) -> bool:
    """A line that belongs to the page, not the story: links out, credits, captions."""
    if _RULE.match(line) or _REF_DEFINITION.match(line) or _BARE_URL_LINE.match(line):
        return True
    plain = _strip_emphasis(line).strip()
    if _RELATED.match(plain) or _NOTE.match(plain) or any(c.match(plain) for c in _CREDITS):
        return True
    if _PHOTO_CREDIT.match(plain):
        return True
    if _MD_IMAGE.sub("", line).strip() == "":
        return True
    return _is_caption(line)


def _is_caption(line: str) -> bool:
    # "Harbour master Ines Marlow. [harbour.example](https://harbour.example)": a short
    # description, then a bracketed credit link standing after the final stop. A body
    # sentence that links a word ("He [said](#) ...") ends with text, not with a link.
    match = _CAPTION.match(line)
    if not match:
        return False
    before = _strip_emphasis(_MD_LINK.sub(r"\g<text>", match.group("before"))).strip()
    if len(before.split()) > CAPTION_MAX_WORDS:
        return False
    return before == "" or bool(_TERMINAL.search(before)) or before.endswith((":", "|", "-", "—"))


def _strip_header(
    lines: list[_Line | None], out: _Cleaned, *, known_title: str
) -> list[_Line | None]:
    result = list(lines)
    first = next((i for i, line in enumerate(result) if line is not None), None)
    if first is None:
        return result
    head = result[first]
    assert head is not None
    following = result[first + 1] if first + 1 < len(result) else None
    if _is_title_line(head, following):
        # Without a title from metadata the first line is the headline; with one, a
        # first line that repeats it (or any leading Markdown heading) is dropped too.
        if not known_title:
            out.title = head.text
        if not known_title or _same_text(head.text, known_title) or head.structural:
            result[first] = None

    for i, line in enumerate(result):
        if line is None:
            continue
        if _is_prose(line.text):
            break
        date = _date_line(line.text)
        if date is not None:
            out.published = out.published or date
            result[i] = None
            continue
        if _BYLINE.match(line.text) and len(line.text.split()) <= BYLINE_MAX_WORDS:
            found = _FULL_DATE.search(line.text)
            if found and out.published is None:
                out.published = _match_date(found)
            result[i] = None
    return result


def _is_title_line(line: _Line, following: _Line | None) -> bool:
    words = line.text.split()
    if not words or len(words) > TITLE_MAX_WORDS or _ENDS_WITH_STOP.search(line.text):
        return False
    if _date_line(line.text) is not None or _BYLINE.match(line.text):
        return False
    # A hard-wrapped first paragraph goes on in lower case on the next line.
    return not (following is not None and following.text[:1].islower())


def _is_prose(text: str) -> bool:
    return len(text.split()) >= PROSE_MIN_WORDS and bool(_TERMINAL.search(text))


def _same_text(a: str, b: str) -> bool:
    def fold(s: str) -> str:
        return re.sub(r"\W+", " ", s).strip().casefold()

    return fold(a) == fold(b)


def _paragraphs(lines: list[_Line | None]) -> list[str]:
    """Group lines into paragraphs; join soft-wrapped lines, keep deliberate breaks."""
    paragraphs: list[str] = []
    block: list[_Line] = []
    for line in [*lines, None]:
        if line is not None:
            block.append(line)
            continue
        if block:
            paragraphs.append(_unwrap(block))
            block = []
    return paragraphs


def _unwrap(block: list[_Line]) -> str:
    text = block[0].text
    for previous, line in itertools.pairwise(block):
        soft_wrap = (
            not previous.structural
            and not line.structural
            and len(previous.text) >= SOFT_WRAP_MIN_CHARS
            and not _TERMINAL.search(previous.text)
        )
        text += (" " if soft_wrap else "\n") + line.text
    return text


def _strip_dateline(paragraph: str, out: _Cleaned) -> str:
    match = _DATELINE.match(paragraph)
    if not match:
        return paragraph
    if match.group("agency"):
        out.agency = match.group("agency").strip()
    if match.group("date"):
        partial = _PARTIAL_DATE.match(match.group("date"))
        if partial:
            month = month_number(partial.group("m1") or partial.group("m2"))
            day = int(partial.group("d1") or partial.group("d2"))
            if out.published is None:
                out.dateline = (month, day)
    return paragraph[match.end() :]
