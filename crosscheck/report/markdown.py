"""The Markdown report a fact-checker files with a story.

Deterministic: the same inputs give the same bytes (no clock, no absolute paths), so a
golden report can be compared byte for byte.
"""

from __future__ import annotations

import re
from collections import Counter

from tabulate import tabulate

from crosscheck.types import Divergence, Fact, Kind, Report, Sentence, Severity, Source

_SEVERITY_LABEL = {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING", Severity.INFO: "INFO"}


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return " ".join(text.replace("|", "\\|").split())


# Typographic quotes and dashes read as their plain forms (one character each, so
# offsets in the folded text are offsets in the original).
_PLAIN = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "–": "-", "—": "-"})


def _find(text: str, value: str) -> tuple[int, int] | None:
    """Where ``value`` appears in ``text``: as written, with plain quotes, in any case,
    or, for a name given in full ("Sundar Pichai"), its last words ("Pichai")."""
    if not value.strip():
        return None
    plain_text, plain_value = text.translate(_PLAIN), value.translate(_PLAIN)
    candidates = [(plain_text, plain_value)]
    if len(plain_text.lower()) == len(plain_text):
        candidates.append((plain_text.lower(), plain_value.lower()))
    for haystack, needle in candidates:
        # A whole-word occurrence first: "pin" is not the start of "pint".
        whole = re.search(rf"(?<!\w){re.escape(needle)}(?!\w)", haystack)
        if whole:
            return whole.span()
        at = haystack.find(needle)
        if at >= 0:
            return at, at + len(needle)
    words = plain_value.split()
    for n in range(len(words) - 1, 0, -1):
        tail = re.escape(" ".join(words[-n:]))
        match = re.search(rf"(?<!\w){tail}(?!\w)", plain_text)
        if match:
            return match.span()
    return None


def _mark(text: str, value: str) -> str:
    """``text`` with the first occurrence of ``value`` in bold (see _find)."""
    span = _find(text, value)
    if span is None:
        return text
    begin, end = span
    return f"{text[:begin]}**{text[begin:end]}**{text[end:]}"


def _date(source: Source) -> str:
    return source.published.isoformat() if source.published else "undated"


def _sources_table(report: Report) -> str:
    rows = [
        [s.id, _cell(s.outlet), _cell(s.title) or "(untitled)", _date(s), s.url or ""]
        for s in report.sources
    ]
    return tabulate(rows, ["id", "outlet", "title", "published", "url"], tablefmt="github")


def _summary(report: Report) -> str:
    per_kind = Counter((d.kind, d.severity) for d in report.divergences)
    rows = []
    for kind in Kind:
        counts = [per_kind.get((kind, severity), 0) for severity in reversed(Severity)]
        if any(counts):
            rows.append([kind.value, *counts, sum(counts)])
    omitted = Counter(s.source for s in report.omissions)
    lines = [
        f"- **{len(report.facts)}** facts stated by two or more outlets "
        f"({len(report.alignments)} aligned sentence pairs)",
        f"- **{len(report.divergences)}** divergences",
        f"- **{len(report.omissions)}** claims made by one outlet only: "
        + ", ".join(f"{_cell(s.outlet)} {omitted.get(s.id, 0)}" for s in report.sources),
    ]
    if report.details:
        detailed = Counter(span.source for span in report.details)
        lines.append(
            f"- **{len(report.details)}** details one outlet alone gives inside shared"
            " sentences: "
            + ", ".join(f"{_cell(s.outlet)} {detailed.get(s.id, 0)}" for s in report.sources)
        )
    text = "\n".join(lines)
    if rows:
        headers = ["kind", *(s.value for s in reversed(Severity)), "total"]
        text += "\n\n" + tabulate(rows, headers, tablefmt="github")
    return text


def _quote(source: Source, sentence: Sentence, value: str) -> str:
    marked = _mark(sentence.text, value)
    return f"> **{_cell(source.outlet)}** (sentence {sentence.index + 1}): {marked}"


def _divergence(n: int, d: Divergence, report: Report) -> str:
    left, right = report.source(d.left.source), report.source(d.right.source)
    return "\n".join(
        [
            f"### {n}. {_SEVERITY_LABEL[d.severity]} · {d.kind.value} · `{d.rule}`",
            "",
            d.message,
            "",
            _quote(left, d.left, d.left_value),
            ">",
            _quote(right, d.right, d.right_value),
        ]
    )


def _member(fact: Fact, member: Sentence) -> str:
    """A fact's member sentence, with the clause that states the fact in bold when
    only a clause does."""
    clause = fact.clause_of(member)
    return _with_bold(member, [clause] if clause is not None else [])


def _facts_table(report: Report) -> str:
    headers = ["fact", *(_cell(s.outlet) for s in report.sources)]
    rows = []
    for fact in report.facts:
        by_source: dict[str, list[str]] = {}
        for member in fact.members:
            by_source.setdefault(member.source, []).append(_member(fact, member))
        rows.append(
            [fact.id, *(" / ".join(by_source.get(s.id, [])) or "—" for s in report.sources)]
        )
    table = tabulate(rows, headers, tablefmt="github")
    if any(fact.clauses for fact in report.facts):
        table += (
            "\n\nWhere a sentence states more than one fact, the part in bold"
            " states the fact of its row."
        )
    return table


def _with_bold(sentence: Sentence, spans: list[Sentence]) -> str:
    """The sentence with each span (a part of it, offsets into the article) in bold."""
    text, out, at = sentence.text, [], 0
    for span in sorted(spans, key=lambda s: s.start):
        begin, end = span.start - sentence.start, span.end - sentence.start
        if begin < at:
            continue
        out += [text[at:begin], f"**{text[begin:end]}**"]
        at = end
    out.append(text[at:])
    return _cell("".join(out))


def _omissions(report: Report) -> str:
    sentences = {s.ref: s for s in report.sentences}
    parts = []
    for source in report.sources:
        own = [s for s in report.omissions if s.source == source.id]
        details: dict[tuple[str, int], list[Sentence]] = {}
        for span in report.details:
            if span.source == source.id:
                details.setdefault(span.ref, []).append(span)
        if not own and not details:
            continue
        parts.append(f"### {_cell(source.outlet)}\n")
        parts.extend(f"- ({s.index + 1}) {_cell(s.text)}" for s in own)
        if details:
            if own:
                parts.append("")
            parts.append("Details no other outlet gives, in sentences they share (in bold):\n")
            parts.extend(
                f"- ({ref[1] + 1}) {_with_bold(sentences[ref], spans)}"
                for ref, spans in sorted(details.items())
            )
        parts.append("")
    return "\n".join(parts).rstrip() or "None."


def story_title(report: Report) -> str:
    titled = [s for s in report.sources if s.title]
    return titled[0].title if titled else "untitled story"


def render(report: Report) -> str:
    divergences = "\n\n".join(
        _divergence(n, d, report) for n, d in enumerate(report.divergences, 1)
    )
    sections = [
        f"# crosscheck report: {' '.join(story_title(report).split())}",
        f"{len(report.sources)} sources · model `{report.model}` · {len(report.rules)} rules",
        "## Sources\n\n" + _sources_table(report),
        "## Summary\n\n" + _summary(report),
        "## Divergences\n\n" + (divergences or "No divergences found."),
        "## Aligned facts\n\n" + (_facts_table(report) if report.facts else "No shared facts."),
        "## Reported by one outlet only\n\n" + _omissions(report),
    ]
    return "\n\n".join(sections) + "\n"
