"""Inline Markdown and stray tags -> plain text, one line at a time.

crosscheck.origin runs the same substitutions to map cleaned text back to the file,
so the patterns live here once.

>>> _inline_text("## The **flood** wall [plan](https://example.org)")
_Line(text='The flood wall plan', structural=True)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_MD_LINK = re.compile(r"(?<!!)\[(?P<text>[^\]\n]*)\]\((?P<url>[^)\s]*)(?:\s+\"[^\"]*\")?\)")
_MD_REF_LINK = re.compile(r"\[(?P<text>[^\]\n]+)\]\[[^\]\n]*\]")
_MD_IMAGE = re.compile(r"!\[[^\]\n]*\]\([^)\n]*\)")
_AUTOLINK = re.compile(r"<(?P<url>(?:https?|ftp)://[^>\s]+)>")
_BARE_URL_LINE = re.compile(r"^<?(?:https?://|www\.)\S+>?$", re.I)
_REF_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*\S+")
_RULE = re.compile(r"^\s{0,3}(?:(?:-\s*){3,}|(?:\*\s*){3,}|(?:_\s*){3,}|(?:=\s*){3,})$")
_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(?P<text>.*?)(?:\s+#+)?\s*$")
_BULLET = re.compile(r"^\s*[-*+•]\s+")
_BLOCKQUOTE = re.compile(r"^\s{0,3}>\s?")
_HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
_INLINE_TAG = re.compile(r"</?(?:br|span|em|strong|i|b|u|a|sup|sub|small|mark)\b[^>]*>", re.I)
_STRONG = re.compile(r"(\*\*|__)(?=\S)(?P<text>.+?)(?<=\S)\1")
_EM_STAR = re.compile(r"(?<![\w*])\*(?=\S)(?P<text>[^*\n]+?)(?<=\S)\*(?![\w*])")
_EM_UNDERSCORE = re.compile(r"(?<![\w_])_(?=\S)(?P<text>[^_\n]+?)(?<=\S)_(?![\w_])")


@dataclass(slots=True)
class _Line:
    text: str
    # A heading, list item or quote line: never joined to its neighbours.
    structural: bool = False


def _inline_text(raw: str) -> _Line | None:
    structural = False
    line = raw
    heading = _HEADING.match(line)
    if heading:
        line, structural = heading.group("text"), True
    if _BLOCKQUOTE.match(line):
        line, structural = _BLOCKQUOTE.sub("", line), True
    if _BULLET.match(line):
        line, structural = _BULLET.sub("", line, count=1), True
    line = _MD_IMAGE.sub("", line)
    line = _MD_LINK.sub(r"\g<text>", line)
    line = _MD_REF_LINK.sub(r"\g<text>", line)
    line = _AUTOLINK.sub(r"\g<url>", line)
    line = _INLINE_TAG.sub("", line)
    line = _strip_emphasis(line)
    line = re.sub(r"[ \t]+", " ", line).strip()
    return _Line(line, structural) if line else None


def _strip_emphasis(text: str) -> str:
    text = _STRONG.sub(r"\g<text>", text)
    text = _EM_STAR.sub(r"\g<text>", text)
    return _EM_UNDERSCORE.sub(r"\g<text>", text)
