"""How the history knows a divergence again: ``Seen``, ``normalise``, ``fingerprint``."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass

from crosscheck.types import Divergence, Severity
from crosscheck.vocabulary import QUOTE_DASH_FOLD

# Typographic quotes, dashes and spaces folded before fingerprinting, so that an outlet's
# CMS switching to curly quotes does not make every divergence "new". The spaces are
# this table's own (NFKC folds them too; kept so that the table alone says it).
_FOLD = str.maketrans({**QUOTE_DASH_FOLD, **dict.fromkeys("\u00a0\u2009\u202f", " ")})
_SPACES = re.compile(r"\s+")


def normalise(text: str) -> str:
    """Text as a fingerprint reads it: NFKC, ASCII quotes and dashes, folded case, one space.

    >>> normalise("  The  “deal” — done ")
    'the "deal" - done'
    """
    folded = unicodedata.normalize("NFKC", text).translate(_FOLD).casefold()
    return _SPACES.sub(" ", folded).strip()


@dataclass(frozen=True, slots=True)
class Seen:
    """A divergence as the history keeps it: enough to show it after the text has changed."""

    fingerprint: str
    rule: str
    kind: str
    severity: Severity
    left_source: str
    right_source: str
    left_value: str
    right_value: str
    left_text: str
    right_text: str
    message: str

    @classmethod
    def of(cls, divergence: Divergence) -> Seen:
        d = divergence
        return cls(
            fingerprint=fingerprint(d),
            rule=d.rule,
            kind=d.kind.value,
            severity=d.severity,
            left_source=d.left.source,
            right_source=d.right.source,
            left_value=d.left_value,
            right_value=d.right_value,
            left_text=d.left.text,
            right_text=d.right.text,
            message=d.message,
        )

    @property
    def sources(self) -> tuple[str, str]:
        return (self.left_source, self.right_source)


def fingerprint(divergence: Divergence) -> str:
    """A stable id for a divergence: rule + both (source, normalised sentence, value).

    Left and right are sorted, so the same disagreement found in the other order keeps
    its fingerprint; sentence indexes play no part.
    """
    d = divergence
    sides = sorted(
        [
            (d.left.source, normalise(d.left.text), normalise(d.left_value)),
            (d.right.source, normalise(d.right.text), normalise(d.right_value)),
        ]
    )
    payload = json.dumps([d.rule, sides], ensure_ascii=False)
    return hashlib.sha1(payload.encode("utf-8")).hexdigest()[:16]
