"""Run the pair rules on sentence pairs given as JSON lines, as if each pair were aligned.

How a newsroom tests a rule change on thousands of pairs, and how the contrast set is
scored. One input line::

    {"id": "p1", "left": {"text": "...", "outlet": "Wire", "published": "2025-05-31",
     "context": ["the sentence before"]}, "right": {"text": "..."}}

gives one output line::

    {"id": "p1", "divergences": [{"rule": "number-mismatch", "kind": "number",
     "severity": "error", "left_value": "12", "right_value": "21",
     "left_span": {"start": 4, "end": 6, "text": "12"}, "right_span": {...},
     "message": "..."}]}

Spans are offsets into each side's ``text``.

>>> pairs = read_pairs(['{"id": "a", "left": {"text": "x"}, "right": {"text": "y"}}'])
>>> pairs[0].id, pairs[0].left.sentence.text
('a', 'x')
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from crosscheck.checks import Claim
from crosscheck.errors import CrosscheckError
from crosscheck.extract.mentions import prepare
from crosscheck.rules import SINGLE_CHECKS, RuleSet, run_pair_rules
from crosscheck.types import Divergence, Sentence, Source

_SIDE_KEYS = ("text", "outlet", "published", "context")


class PairsError(CrosscheckError):
    """A line of a pairs file is not a valid pair."""


@dataclass(frozen=True, slots=True)
class Pair:
    """One input line: an id and the two claims to compare."""

    id: str
    left: Claim
    right: Claim


def _side(data: Any, name: str, where: str, source_id: str) -> Claim:
    if not isinstance(data, dict):
        raise PairsError(f'{where}: "{name}" must be an object with "text"')
    unknown = sorted(set(data) - set(_SIDE_KEYS))
    if unknown:
        raise PairsError(
            f'{where}: unknown key "{unknown[0]}" in "{name}" (valid: {", ".join(_SIDE_KEYS)})'
        )
    text = data.get("text")
    if not isinstance(text, str) or not text.strip():
        raise PairsError(f'{where}: "{name}.text" must be non-empty text')
    outlet = data.get("outlet", name)
    if not isinstance(outlet, str):
        raise PairsError(f'{where}: "{name}.outlet" must be text')
    published = data.get("published")
    date = None
    if published is not None:
        try:
            date = dt.date.fromisoformat(str(published))
        except ValueError:
            raise PairsError(
                f'{where}: "{name}.published" must be an ISO date (2025-05-31), '
                f"not {str(published)[:40]!r}"
            ) from None
    context = data.get("context", [])
    if isinstance(context, str):
        context = [context]
    if not isinstance(context, list) or not all(isinstance(c, str) for c in context):
        raise PairsError(f'{where}: "{name}.context" must be a list of sentences')
    source = Source(id=source_id, path="", title="", outlet=outlet, published=date, url=None)
    sentence = Sentence(source=source_id, index=0, text=text, start=0, end=len(text))
    return Claim(sentence=sentence, source=source, context=tuple(context))


def parse_pair(line: str, where: str) -> Pair:
    """One JSON line as a pair; ``PairsError`` names ``where`` (file:line) and the problem."""
    try:
        data = json.loads(line)
    except json.JSONDecodeError as exc:
        raise PairsError(f"{where}: not valid JSON ({exc.msg}, column {exc.colno})") from None
    if not isinstance(data, dict):
        raise PairsError(f'{where}: a line must be an object with "id", "left", "right"')
    for key in ("id", "left", "right"):
        if key not in data:
            raise PairsError(f'{where}: missing "{key}"')
    pair_id = data["id"]
    if not isinstance(pair_id, (str, int)) or isinstance(pair_id, bool):
        raise PairsError(f'{where}: "id" must be text or a whole number')
    return Pair(
        id=str(pair_id),
        left=_side(data["left"], "left", where, "left"),
        right=_side(data["right"], "right", where, "right"),
    )


def read_pairs(lines: Iterable[str], name: str = "<input>") -> list[Pair]:
    """Every non-blank line as a pair; the first bad line raises ``PairsError``."""
    pairs = []
    for number, line in enumerate(lines, start=1):
        if line.strip():
            pairs.append(parse_pair(line, f"{name}: line {number}"))
    return pairs


def _span(span: Any) -> dict[str, Any] | None:
    if span is None:
        return None
    return {"start": span.start, "end": span.end, "text": span.text}


def divergence_dict(d: Divergence) -> dict[str, Any]:
    """A divergence as check-pairs writes it (the field names are a contract)."""
    return {
        "rule": d.rule,
        "kind": d.kind.value,
        "severity": d.severity.value,
        "left_value": d.left_value,
        "right_value": d.right_value,
        "left_span": _span(d.left_span),
        "right_span": _span(d.right_span),
        "message": d.message,
    }


def check_pairs(ruleset: RuleSet, pairs: Iterable[Pair]) -> Iterator[tuple[str, list[Divergence]]]:
    """(id, divergences) per pair: every enabled pair rule run on the two claims."""
    rules = [r for r in ruleset.enabled if r.check not in SINGLE_CHECKS]
    pairs = list(pairs)

    prepare(
        text
        for p in pairs
        for text in (p.left.text, p.right.text, *p.left.context, *p.right.context)
    )
    for pair in pairs:
        yield pair.id, run_pair_rules(rules, pair.left, pair.right, ruleset.context)


def result_line(pair_id: str, divergences: list[Divergence]) -> str:
    """One output line."""
    return json.dumps(
        {"id": pair_id, "divergences": [divergence_dict(d) for d in divergences]},
        ensure_ascii=False,
    )
