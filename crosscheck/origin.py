"""Cleaned text -> the file it came from: where each sentence of an article sits in its file.

Ingest cleans an article (markup, headline, byline and captions out, soft-wrapped lines
joined, a dateline cut), so offsets into ``Article.text`` do not point into the file.
``build_origin`` keeps the way back: a map (``Origin``) from cleaned-text offsets to
character offsets into the file text as decoded (UTF-8 or the declared charset, a
byte-order mark dropped, line ends kept as they are in the file).

The rule, the same for every format:

1. The file's *visible text* is made, each character remembering the stretch of the file
   it stands for. Plain text and Markdown: the front matter is skipped, then the inline
   markup that ingest strips is stripped the same way (link targets, emphasis marks,
   heading, list and quote marks, HTML comments and inline tags). HTML: comments,
   scripts, styles and tags are dropped (a block tag counts as a line break) and an
   entity (``&amp;``) is one character that stands for the whole entity.
2. As ingest normalises text: any run of white space counts as one space, zero-width
   marks are dropped, a letter and its combining accents compose (NFC).
3. Each line of the cleaned text (a paragraph, a heading: sentences never cross one) is
   looked for in the visible text from where the previous line was found; the first
   match wins. A line that is not found maps nowhere: its sentences get no file
   position (the report says so under coverage), never a guessed one.

So ``file_text[file_start:file_end]``, with markup and entities read as above and white
space collapsed, is the sentence's text.

>>> raw = "---\\ntitle: T\\n---\\nThe **vote** was  held\\non Monday. It passed."
>>> origin = build_origin(raw, "The vote was held on Monday. It passed.", kind="text")
>>> place = origin.place(0, 28)
>>> raw[place.file_start : place.file_end], place.line, place.column
('The **vote** was  held\\non Monday.', 4, 1)
"""

from __future__ import annotations

import html
import re
import unicodedata
from array import array
from bisect import bisect_right
from collections.abc import Callable, Iterable

from crosscheck.types import Origin, OriginPiece

__all__ = ["build_origin", "line_starts"]

# Each line not found costs a scan of the rest of the file, so a hostile file (tens of
# thousands of lines none of which is found) would take quadratic time: after this many
# misses the remaining lines are not looked for (their sentences get no file position).
# Real articles miss none: 0 of the 425 sentences of the seeds and dev clusters, 0 of
# the 116 of tests/data. Not tuned; a bound on work, set far above what a real miss
# rate could reach in an article (a few hundred lines).
MISSED_LINES_MAX = 200

# Tags after which a browser starts a new line: their text is never run together with
# the text before or after (trafilatura gives each such block a line of its own).
_BLOCK_TAGS = frozenset(
    "p div br li ul ol h1 h2 h3 h4 h5 h6 blockquote article section header footer main "
    "aside nav figure figcaption table tr td th thead tbody dl dt dd pre hr address "
    "title body head html form".split()
)
# Elements whose content a reader never sees.
_HIDDEN = re.compile(
    r"<(script|style|noscript|template|svg)\b[^>]*>.*?</\1\s*>|<!--.*?-->|<!\[CDATA\[.*?\]\]>"
    r"|<![^>]*>|<\?[^>]*\?>",
    re.S | re.I,
)
_TAG = re.compile(r"</?([a-zA-Z][\w:-]*)\b[^>]*>")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});?")
_LINE_BREAK = re.compile(r"\r\n|\r|\n")
_CARRIAGE_RETURN = re.compile(r"\r\n?")


class _Tracked:
    """A string whose every character remembers the stretch of the file it stands for."""

    __slots__ = ("ends", "starts", "text")

    def __init__(self, text: str, starts: array[int], ends: array[int]) -> None:
        self.text, self.starts, self.ends = text, starts, ends

    @classmethod
    def of(cls, raw: str, offset: int = 0) -> _Tracked:
        """``raw`` as it stands, character ``i`` standing for ``offset + i``."""
        starts = array("q", range(offset, offset + len(raw)))
        return cls(raw, starts, array("q", range(offset + 1, offset + len(raw) + 1)))

    def __getitem__(self, part: slice) -> _Tracked:
        return _Tracked(self.text[part], self.starts[part], self.ends[part])

    @staticmethod
    def join(parts: Iterable[_Tracked]) -> _Tracked:
        text, starts, ends = [], array("q"), array("q")
        for part in parts:
            text.append(part.text)
            starts.extend(part.starts)
            ends.extend(part.ends)
        return _Tracked("".join(text), starts, ends)

    def unit(self, text: str, start: int, end: int) -> _Tracked:
        """``text``, every character of it standing for characters start:end here."""
        first, last = self.starts[start], self.ends[end - 1]
        return _Tracked(text, array("q", [first] * len(text)), array("q", [last] * len(text)))

    def sub(
        self,
        pattern: re.Pattern[str],
        keep: str | Callable[[re.Match[str]], str] = "",
        count: int = 0,
    ) -> _Tracked:
        """Like ``pattern.sub``: ``keep`` names the group each match is replaced by (its
        characters keep their places), or gives the text that replaces the match (it
        stands for the whole match); "" drops the match."""
        parts: list[_Tracked] = []
        last = 0
        for n, match in enumerate(pattern.finditer(self.text)):
            if count and n >= count:
                break
            parts.append(self[last : match.start()])
            if isinstance(keep, str) and keep:
                if match.group(keep) is not None:
                    parts.append(self[match.start(keep) : match.end(keep)])
            elif callable(keep):
                replacement = keep(match)
                if replacement and match.end() > match.start():
                    parts.append(self.unit(replacement, match.start(), match.end()))
            last = match.end()
        if not parts:
            return self
        parts.append(self[last:])
        return _Tracked.join(parts)


def _normalised(raw: str, offset: int = 0) -> _Tracked:
    """``raw`` normalised as ingest does it: line ends to ``\\n``, odd spaces to spaces,
    zero-width marks dropped, combining accents composed with their letter (NFC)."""
    tracked = _Tracked.of(raw, offset)
    tracked = tracked.sub(re.compile("[\u200b-\u200d\u2060\ufeff]"), lambda _m: "")
    tracked = tracked.sub(_CARRIAGE_RETURN, lambda _m: "\n")
    if unicodedata.is_normalized("NFC", tracked.text):
        return tracked
    # A letter and its combining marks compose into one character standing for them all.
    return tracked.sub(
        re.compile(r".[\u0300-\u036f\u1ab0-\u1aff\u1dc0-\u1dff\u20d0-\u20ff\ufe20-\ufe2f]+", re.S),
        lambda m: unicodedata.normalize("NFC", m.group()),
    )


def _collapsed(tracked: _Tracked) -> _Tracked:
    """Every run of white space as one space standing for the whole run (a lone plain
    space is one already, and is left as it is)."""
    return tracked.sub(re.compile(r"\s{2,}|[^\S ]"), lambda _m: " ")


# --- visible text ------------------------------------------------------------------------


def _markdown_visible(raw: str, body_start: int) -> _Tracked:
    """The body of a text or Markdown file with the inline markup ingest strips, stripped."""
    # Here, not at the top: ingest reads a file's origin through this module (a cycle).
    from crosscheck.ingest import markdown as ingest

    body = _normalised(raw[body_start:], body_start)
    return _markdown_lines(body.sub(ingest._HTML_COMMENT))


# A line that may hold what _markdown_line strips: a heading, quote or list mark at its
# start, or a bracket, tag, emphasis mark or image anywhere. Other lines are left as
# they are (most lines of prose), which keeps a long file fast.
_MAY_HAVE_MARKUP = re.compile(r"^[ \t]*[#>*+•-]|[\[<*_!]", re.M)


def _markdown_lines(text: _Tracked) -> _Tracked:
    """Each line of ``text`` through _markdown_line, line breaks kept."""
    parts: list[_Tracked] = []
    done = 0
    for match in _MAY_HAVE_MARKUP.finditer(text.text):
        start = text.text.rfind("\n", 0, match.start()) + 1
        if start < done:
            continue  # a line already done
        end = text.text.find("\n", match.start())
        end = len(text.text) if end < 0 else end
        parts.append(text[done:start])
        parts.append(_markdown_line(text[start:end]))
        done = end
    if not parts:
        return text
    parts.append(text[done:])
    return _Tracked.join(parts)


def _markdown_line(line: _Tracked) -> _Tracked:
    """One line through the same substitutions as ``crosscheck.ingest.markdown._inline_text``."""
    # Here, not at the top: ingest reads a file's origin through this module (a cycle).
    from crosscheck.ingest import markdown as ingest

    heading = ingest._HEADING.match(line.text)
    if heading:
        line = line[heading.start("text") : heading.end("text")]
    line = line.sub(ingest._BLOCKQUOTE, count=1)
    line = line.sub(ingest._BULLET, count=1)
    line = line.sub(ingest._MD_IMAGE)
    line = line.sub(ingest._MD_LINK, "text")
    line = line.sub(ingest._MD_REF_LINK, "text")
    line = line.sub(ingest._AUTOLINK, "url")
    line = line.sub(ingest._INLINE_TAG)
    line = line.sub(ingest._STRONG, "text")
    line = line.sub(ingest._EM_STAR, "text")
    return line.sub(ingest._EM_UNDERSCORE, "text")


def _html_visible(raw: str) -> _Tracked:
    """The text a reader sees in an HTML page, a line for each block, entities decoded;
    each line then through the Markdown substitutions ingest applies to the page's text."""
    page = _normalised(raw)
    page = page.sub(_HIDDEN, lambda _m: " ")

    def tag(match: re.Match[str]) -> str:
        return "\n" if match.group(1).lower() in _BLOCK_TAGS else ""

    page = page.sub(_TAG, tag)
    page = page.sub(_ENTITY, lambda m: html.unescape(m.group()))
    # An entity may stand for a space of another width or a zero-width mark.
    page = page.sub(re.compile("[\u200b-\u200d\u2060\ufeff]"), lambda _m: "")
    return _markdown_lines(page)


# --- the map -----------------------------------------------------------------------------


def line_starts(raw: str) -> array[int]:
    """Offsets at which the lines of ``raw`` start (after ``\\n``, ``\\r\\n`` or ``\\r``).

    >>> list(line_starts("ab\\r\\ncd\\ne"))
    [0, 4, 7]
    """
    return array("q", [0, *(m.end() for m in _LINE_BREAK.finditer(raw))])


def build_origin(raw: str, text: str, *, kind: str, body_start: int = 0) -> Origin:
    """The map from offsets into ``text`` (the cleaned article) to offsets into ``raw``
    (the decoded file). ``kind`` is "html" or "text" (plain text and Markdown, whose body
    starts at ``body_start``, after any front matter)."""
    visible = _html_visible(raw) if kind == "html" else _markdown_visible(raw, body_start)
    visible = _collapsed(visible)
    starts = line_starts(raw)
    pieces: list[OriginPiece] = []
    cursor = 0
    offset = 0
    misses = 0
    for line in text.split("\n"):
        found = _find_line(line, visible, cursor) if misses < MISSED_LINES_MAX else None
        if found is not None:
            cursor = _map_line(line, offset, visible, found, raw, starts, pieces)
        elif line.strip():
            misses += 1
        offset += len(line) + 1
    return Origin(tuple(pieces))


def _find_line(line: str, visible: _Tracked, cursor: int) -> int | None:
    needle = " ".join(line.split())
    if not needle:
        return None
    at = visible.text.find(needle, cursor)
    return None if at < 0 else at


def _map_line(
    line: str,
    offset: int,
    visible: _Tracked,
    at: int,
    raw: str,
    starts: array[int],
    pieces: list[OriginPiece],
) -> int:
    """Add the pieces of one found line; return where the next search starts.

    The line's characters (a white space run as one, as in the visible text) match the
    visible text from ``at`` one for one; runs of characters that stand for one file
    character each, one after the other on one file line, become one piece."""
    lead = len(line) - len(line.lstrip())
    if lead == 0 and line == " ".join(line.split()):
        spans = [(k, k + 1) for k in range(len(line))]
    else:
        spans = [(m.start() + lead, m.end() + lead) for m in re.finditer(r"\s+|\S", line.strip())]
    count = len(spans)
    file_starts, file_ends = visible.starts[at : at + count], visible.ends[at : at + count]
    runs = _runs(spans, file_starts, file_ends, raw)
    for k, last in runs:
        file_start = file_starts[k]
        line_number = bisect_right(starts, file_start)
        column = file_start - starts[line_number - 1] + 1
        pieces.append(
            (
                offset + spans[k][0],
                offset + spans[last][1],
                file_start,
                file_ends[last],
                line_number,
                column,
            )
        )
    return at + count


def _runs(
    spans: list[tuple[int, int]], file_starts: array[int], file_ends: array[int], raw: str
) -> list[tuple[int, int]]:
    """Split the line's characters ``0..len(spans)-1`` into runs (first, last) that map
    one for one onto consecutive file characters on one file line.

    A stretch that maps so as a whole is found by comparing arrays (fast on long lines);
    others are halved until they do, and neighbouring runs that fit together are joined
    again."""

    def whole(lo: int, hi: int) -> bool:
        first = file_starts[lo]
        if spans[hi - 1][1] - spans[lo][0] != hi - lo:
            return False  # a white space run of the line stands for one character
        stretch = raw[first : first + hi - lo]
        return (
            "\n" not in stretch
            and "\r" not in stretch
            and file_starts[lo:hi] == array("q", range(first, first + hi - lo))
            and file_ends[lo:hi] == array("q", range(first + 1, first + hi - lo + 1))
        )

    found: list[tuple[int, int]] = []
    todo = [(0, len(spans))] if spans else []
    while todo:
        lo, hi = todo.pop()
        if hi - lo == 1 or whole(lo, hi):
            found.append((lo, hi - 1))
        else:
            mid = (lo + hi) // 2
            todo += [(mid, hi), (lo, mid)]
    joined: list[tuple[int, int]] = []
    for lo, last in found:
        if joined and whole(joined[-1][0], last + 1):
            joined[-1] = (joined[-1][0], last)
        else:
            joined.append((lo, last))
    return joined
