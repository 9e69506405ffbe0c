"""The one reader of the report JSON: ``from_dict`` rebuilds a Report from what
``crosscheck.report.json.to_dict`` wrote (audit's memo and the evaluation read reports
through it), naming the place in the JSON in every error.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Mapping
from dataclasses import replace
from typing import Any, TypeVar

from crosscheck.errors import CrosscheckError
from crosscheck.types import (
    Alignment,
    Coverage,
    Divergence,
    Fact,
    Fetched,
    Kind,
    NotJudged,
    Origin,
    OriginPiece,
    Report,
    Sentence,
    Severity,
    Source,
    Span,
    Unjudged,
)


class ReportError(CrosscheckError):
    """Report JSON that ``from_dict`` cannot read: ``report: <where> <what is wrong>``."""


_T = TypeVar("_T")


class _Reader:
    """Field access that names the place in the JSON in every error."""

    def field(self, item: Any, key: str, where: str) -> Any:
        if not isinstance(item, Mapping) or key not in item:
            raise ReportError(f'report: {where} has no "{key}"')
        return item[key]

    def items(self, data: Mapping[str, Any], key: str) -> list[Any]:
        """A top-level list; absent means empty (hand-written reports may leave it out)."""
        value = data.get(key) or []
        if not isinstance(value, list):
            raise ReportError(f'report: "{key}" must be a list')
        return value

    def ref(self, item: Any, where: str) -> tuple[str, int]:
        source, index = self.field(item, "source", where), self.field(item, "index", where)
        try:
            return (str(source), int(index))
        except (TypeError, ValueError):
            raise ReportError(
                f"report: {where} has a sentence index that is not a number"
            ) from None

    def offsets(self, item: Any, where: str) -> tuple[int, int, str]:
        try:
            start = int(self.field(item, "start", where))
            end = int(self.field(item, "end", where))
        except (TypeError, ValueError):
            raise ReportError(f"report: {where} has an offset that is not a number") from None
        return start, end, str(self.field(item, "text", where))

    def choice(self, parse: Callable[[str], _T], item: Any, key: str, where: str) -> _T:
        try:
            return parse(str(self.field(item, key, where)))
        except ValueError as exc:
            raise ReportError(f"report: {where}: {key} {exc}") from None


def _read_fetched(item: Any, where: str) -> Fetched | None:
    """A source's ``fetched`` entry (a page read from the web), or None."""
    if item is None:
        return None
    read = _Reader()
    try:
        return Fetched(
            url=str(read.field(item, "url", f"{where}.fetched")),
            final_url=str(read.field(item, "final_url", f"{where}.fetched")),
            fetched_at=str(read.field(item, "fetched_at", f"{where}.fetched")),
            status=int(read.field(item, "status", f"{where}.fetched")),
            sha256=str(read.field(item, "sha256", f"{where}.fetched")),
        )
    except (TypeError, ValueError):
        raise ReportError(f"report: {where}.fetched has a status that is not a number") from None


def _read_text(value: Any, where: str) -> str | None:
    if value is not None and not isinstance(value, str):
        raise ReportError(f"report: {where}.text is not text")
    return value


def _piece(value: Any, where: str) -> OriginPiece:
    if not isinstance(value, list) or len(value) != 6:
        raise ReportError(f"report: {where} is not a list of 6 numbers")
    try:
        a, b, c, d, e, f = (int(number) for number in value)
    except (TypeError, ValueError):
        raise ReportError(f"report: {where} is not a list of 6 numbers") from None
    return (a, b, c, d, e, f)


def _read_origin(value: Any, where: str) -> Origin | None:
    """A source's ``file_map`` (see to_dict), or None."""
    if value is None:
        return None
    if not isinstance(value, list):
        raise ReportError(f"report: {where}.file_map must be a list")
    return Origin(tuple(_piece(p, f"{where}.file_map[{n}]") for n, p in enumerate(value)))


def _read_place(item: Mapping[str, Any], start: int, end: int, where: str) -> list[OriginPiece]:
    """A sentence's file position as one piece of a map, or [] when it has none."""
    values = [item.get(key) for key in ("file_start", "file_end", "line", "column")]
    if any(value is None for value in values):
        return []
    return [_piece([start, end, *values], f"{where} file position")]


def from_dict(data: Mapping[str, Any]) -> Report:
    """Rebuild a Report from ``to_dict`` output (the inverse: ``from_dict(to_dict(r)) == r``).

    What ``to_dict`` derives is not read back: sentence texts beside divergences,
    fingerprints, reviews, coverage counts, and the low-confidence coverage items the
    report layer lists again from the alignments' confidence (no stage produces them).
    Lists a hand-written report leaves out are empty. ``ReportError`` names the place
    (``report: alignments[0].left has no "index"``).

    >>> from_dict({"sources": [], "sentences": [], "alignments": []}).divergences
    ()
    >>> from_dict({"alignments": [{"left": {"source": "wire"}}]})
    Traceback (most recent call last):
    ...
    crosscheck.report.json_reader.ReportError: report: alignments[0].left has no "index"
    """
    read = _Reader()
    if not isinstance(data, Mapping):
        raise ReportError(f"report: expected a JSON object, not {type(data).__name__}")

    sources = []
    for n, item in enumerate(read.items(data, "sources")):
        where = f"sources[{n}]"
        published = item.get("published") if isinstance(item, Mapping) else None
        try:
            date = dt.date.fromisoformat(published) if published else None
        except (TypeError, ValueError):
            raise ReportError(f"report: {where}: published {published!r} is not a date") from None
        sources.append(
            Source(
                id=str(read.field(item, "id", where)),
                path=str(read.field(item, "path", where)),
                title=item.get("title") or "",
                outlet=item.get("outlet") or "",
                published=date,
                url=item.get("url"),
                language=item.get("language"),
                fetched=_read_fetched(item.get("fetched"), where),
                text=_read_text(item.get("text"), where),
                origin=_read_origin(item.get("file_map"), where),
            )
        )

    by_ref: dict[tuple[str, int], Sentence] = {}
    placed: dict[str, list[OriginPiece]] = {}
    for n, item in enumerate(read.items(data, "sentences")):
        where = f"sentences[{n}]"
        source, index = read.ref(item, where)
        start, end, text = read.offsets(item, where)
        by_ref[(source, index)] = Sentence(source, index, text, start, end)
        placed.setdefault(source, []).extend(_read_place(item, start, end, where))
    # A report that gives sentences' file positions but no file_map keeps them: each
    # sentence is a piece of its source's map.
    sources = [
        replace(s, origin=Origin(tuple(sorted(placed[s.id]))))
        if s.origin is None and placed.get(s.id)
        else s
        for s in sources
    ]

    def sentence(of: Any, where: str) -> Sentence:
        ref = read.ref(of, where)
        if ref not in by_ref:
            raise ReportError(f"report: {where} names {ref[0]}#{ref[1]}, not in sentences")
        return by_ref[ref]

    def part(of: Any, span: Any, where: str) -> Sentence:
        """A clause or a detail: a span of the sentence ``of`` names."""
        source, index = read.ref(of, where)
        start, end, text = read.offsets(span, where)
        return Sentence(source, index, text, start, end)

    def side(item: Mapping[str, Any], name: str, where: str) -> Sentence:
        return sentence(read.field(item, name, where), f"{where}.{name}")

    alignments = []
    for n, item in enumerate(read.items(data, "alignments")):
        where = f"alignments[{n}]"
        left, right = side(item, "left", where), side(item, "right", where)
        clauses = [
            part(item[name], item[f"{name}_clause"], f"{where}.{name}_clause")
            if item.get(f"{name}_clause") is not None
            else None
            for name in ("left", "right")
        ]
        alignments.append(
            Alignment(
                left,
                right,
                float(read.field(item, "score", where)),
                float(item.get("cosine", 0.0)),
                left_clause=clauses[0],
                right_clause=clauses[1],
                confidence=item.get("confidence"),
            )
        )

    facts = []
    for n, item in enumerate(read.items(data, "facts")):
        where = f"facts[{n}]"
        members = read.field(item, "members", where)
        facts.append(
            Fact(
                str(read.field(item, "id", where)),
                tuple(sentence(m, f"{where}.members[{i}]") for i, m in enumerate(members)),
                clauses=tuple(
                    part(m, m["clause"], f"{where}.members[{i}].clause")
                    for i, m in enumerate(members)
                    if "clause" in m
                ),
            )
        )

    divergences = []
    for n, item in enumerate(read.items(data, "divergences")):
        where = f"divergences[{n}]"
        left, right = side(item, "left", where), side(item, "right", where)
        spans: list[Span | None] = []
        for name, of in (("left", left), ("right", right)):
            span = item.get(f"{name}_span")
            if span is None:
                spans.append(None)
                continue
            start, end, text = read.offsets(span, f"{where}.{name}_span")
            spans.append(Span(of.source, start, end, text))
        divergences.append(
            Divergence(
                rule=str(read.field(item, "rule", where)),
                kind=read.choice(Kind.parse, item, "kind", where),
                severity=read.choice(Severity.parse, item, "severity", where),
                left=left,
                right=right,
                left_value=str(read.field(item, "left_value", where)),
                right_value=str(read.field(item, "right_value", where)),
                message=str(read.field(item, "message", where)),
                left_span=spans[0],
                right_span=spans[1],
            )
        )

    # An entry with details is a sentence others state too (Report.details); one
    # without is an omission (Report.omissions). See _omissions.
    omissions, details = [], []
    for n, item in enumerate(read.items(data, "omissions")):
        where = f"omissions[{n}]"
        if "details" not in item:
            omissions.append(sentence(item, where))
            continue
        for i, span in enumerate(item["details"]):
            details.append(part(item, span, f"{where}.details[{i}]"))

    coverage = data.get("coverage") or {}
    not_judged = []
    for n, item in enumerate(coverage.get("items", ()) if isinstance(coverage, Mapping) else ()):
        where = f"coverage.items[{n}]"
        reason = read.choice(Unjudged.parse, item, "reason", where)
        if reason is Unjudged.LOW_CONFIDENCE:
            continue  # derived again from the alignments' confidence (coverage_of)
        members = read.field(item, "sentences", where)
        not_judged.append(
            NotJudged(
                reason,
                tuple(sentence(s, f"{where}.sentences[{i}]") for i, s in enumerate(members)),
                str(item.get("detail", "")),
            )
        )

    return Report(
        sources=tuple(sources),
        sentences=tuple(by_ref.values()),
        alignments=tuple(alignments),
        facts=tuple(facts),
        divergences=tuple(divergences),
        omissions=tuple(omissions),
        model=str(data.get("model", "")),
        rules=tuple(str(rule) for rule in data.get("rules", ())),
        details=tuple(details),
        coverage=Coverage(tuple(not_judged)),
    )
