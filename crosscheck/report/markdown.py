"""The Markdown report a fact-checker files with a story.

Deterministic: the same inputs give the same bytes (no clock, no absolute paths), so a
golden report can be compared byte for byte.
"""

from __future__ import annotations

import re
from collections import Counter

from tabulate import tabulate

from crosscheck.align import UNCERTAIN_CONFIDENCE
from crosscheck.history import fingerprint
from crosscheck.report import slug
from crosscheck.report.coverage import (
    LABEL,
    NOT_IN_FILE_LABEL,
    coverage_of,
    not_in_file,
    not_judged,
)
from crosscheck.report.single import by_outlet
from crosscheck.reviews import Verdicts, split
from crosscheck.types import (
    Divergence,
    Fact,
    Kind,
    Report,
    Sentence,
    Severity,
    Source,
    Span,
    Unjudged,
)

_SEVERITY_LABEL = {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING", Severity.INFO: "INFO"}


def _cell(text: str) -> str:
    """Text safe inside a Markdown table cell."""
    return " ".join(text.replace("|", "\\|").split())


# Typographic quotes and dashes read as their plain forms (one character each, so
# offsets in the folded text are offsets in the original).
_PLAIN = str.maketrans({"“": '"', "”": '"', "„": '"', "‘": "'", "’": "'", "–": "-", "—": "-"})


def find_value(text: str, value: str) -> tuple[int, int] | None:
    """Where ``value`` appears in ``text``: as written, with plain quotes, in any case,
    or, for a name given in full ("Ines Marlow"), its last words ("Marlow")."""
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


def value_range(sentence: Sentence, value: str, span: Span | None) -> tuple[int, int] | None:
    """Where a divergence's value sits in its sentence (offsets into the sentence): the
    check's span when it gives one inside the sentence, else the value found again."""
    if (
        span is not None
        and span.source == sentence.source
        and sentence.start <= span.start < span.end <= sentence.end
    ):
        return span.start - sentence.start, span.end - sentence.start
    return find_value(sentence.text, value)


def _mark(text: str, value: str) -> str:
    """``text`` with the first occurrence of ``value`` in bold (see find_value)."""
    span = find_value(text, value)
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


def _summary(report: Report, verdicts: Verdicts) -> str:
    counted = [d for d in report.divergences if verdicts.counted(d)]
    open_ = sum(1 for d in report.divergences if verdicts.is_open(d))
    reviewed = len(report.divergences) - open_
    per_kind = Counter((d.kind, d.severity) for d in counted)
    rows = []
    for kind in Kind:
        counts = [per_kind.get((kind, severity), 0) for severity in reversed(Severity)]
        if any(counts):
            rows.append([kind.value, *counts, sum(counts)])
    omitted = Counter(s.source for s in report.omissions)
    lines = [
        f"- **{len(report.facts)}** facts stated by two or more outlets "
        f"({len(report.alignments)} aligned sentence pairs)",
        f"- **{len(counted)}** divergences"
        + (
            f" (**{open_}** open, {reviewed} reviewed; false alarms left out of the counts)"
            if reviewed
            else ""
        ),
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
    coverage = coverage_of(report)
    lines.append("- not judged: " + "; ".join(not_judged(coverage, r) for r in Unjudged))
    text = "\n".join(lines)
    if rows:
        headers = ["kind", *(s.value for s in reversed(Severity)), "total"]
        text += "\n\n" + tabulate(rows, headers, tablefmt="github")
    return text


def _quote(source: Source, sentence: Sentence, value: str, span: Span | None) -> str:
    found = value_range(sentence, value, span)
    text = sentence.text
    if found is not None:
        begin, end = found
        text = f"{text[:begin]}**{text[begin:end]}**{text[end:]}"
    return (
        f"> **{_cell(source.outlet)}** (sentence {sentence.index + 1}, "
        f"JSON index {sentence.index}): {text}"
    )


def _divergence(n: int, d: Divergence, report: Report, verdicts: Verdicts) -> str:
    # Here, not at the top: reasoning reads this module's value_range (an import cycle).
    from crosscheck.report.reasoning import explain

    left, right = report.source(d.left.source), report.source(d.right.source)
    fp = fingerprint(d)
    review = verdicts.of_fingerprint(fp)
    head = f"### {n}. {_SEVERITY_LABEL[d.severity]} · {d.kind.value} · `{d.rule}`"
    if review is not None:
        head += f" · {review.verdict.value}"
    lines = [head, "", d.message, ""]
    reasons = explain(d, report)
    if reasons:
        lines += [*(f"- {_cell(line)}" for line in reasons), ""]
    lines += [
        _quote(left, d.left, d.left_value, d.left_span),
        ">",
        _quote(right, d.right, d.right_value, d.right_span),
        "",
    ]
    if review is not None:
        lines.append(
            f"Reviewed: {review.verdict.value} by {review.by or 'unknown'} at {review.at}"
            + (f": {_cell(review.note)}" if review.note else "")
            + "  "
        )
    lines.append(f"Fingerprint `{fp}` · review: `{verdicts.command(fp)}`")
    return "\n".join(lines)


def _coverage(report: Report) -> str:
    """What was not judged, and why (see crosscheck.types.Coverage)."""
    coverage = coverage_of(report)
    parts = ['What this report could not judge: "no divergence" says nothing about these.', ""]
    for reason in Unjudged:
        parts.append(f"- {LABEL[reason]}: **{coverage.count(reason)}**")
        for item in coverage.items:
            if item.reason is reason:
                refs = " / ".join(
                    f"{_cell(report.source(s.source).outlet)} ({s.index + 1}) {_cell(s.text)}"
                    for s in item.sentences
                )
                parts.append(f"  - {_cell(item.detail)}: {refs}" if item.detail else f"  - {refs}")
    parts.extend(_not_in_file(report))
    return "\n".join(parts)


def _not_in_file(report: Report) -> list[str]:
    """A line on sentences the JSON gives no file position for, when there are any."""
    unplaced = not_in_file(report)
    if not unplaced:
        return []
    refs = ", ".join(f"{_cell(report.source(s.source).outlet)} ({s.index + 1})" for s in unplaced)
    return [f"- {NOT_IN_FILE_LABEL}: **{len(unplaced)}** ({refs})"]


def _member(fact: Fact, member: Sentence) -> str:
    """A fact's member sentence, with the clause that states the fact in bold when
    only a clause does."""
    clause = fact.clause_of(member)
    return _with_bold(member, [clause] if clause is not None else [])


def _weakest_links(report: Report) -> dict[str, float]:
    """Per fact, the lowest confidence with which a member is paired into it (each
    member's strongest pair with another member counts); facts without confidences
    are left out."""
    weakest: dict[str, float] = {}
    for fact in report.facts:
        refs = {member.ref for member in fact.members}
        best: dict[tuple[str, int], float] = {}
        for a in report.alignments:
            if a.confidence is None or a.left.ref not in refs or a.right.ref not in refs:
                continue
            for ref in (a.left.ref, a.right.ref):
                best[ref] = max(best.get(ref, 0.0), a.confidence)
        if best:
            weakest[fact.id] = min(best.values())
    return weakest


def _facts_table(report: Report) -> str:
    headers = ["fact", *(_cell(s.outlet) for s in report.sources)]
    rows = []
    weakest = _weakest_links(report)
    uncertain = False
    for fact in report.facts:
        by_source: dict[str, list[str]] = {}
        for member in fact.members:
            by_source.setdefault(member.source, []).append(_member(fact, member))
        label = fact.id
        if weakest.get(fact.id, 1.0) < UNCERTAIN_CONFIDENCE:
            label = f"{fact.id} (uncertain: {weakest[fact.id]:.2f})"
            uncertain = True
        rows.append([label, *(" / ".join(by_source.get(s.id, [])) or "—" for s in report.sources)])
    table = tabulate(rows, headers, tablefmt="github")
    if uncertain:
        table += (
            f"\n\nA fact marked uncertain has a sentence paired into it with a confidence"
            f" below {UNCERTAIN_CONFIDENCE:.2f} (the aligner's probability that the two"
            " state the same fact): read both before relying on it."
        )
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
    parts = []
    for group in by_outlet(report):
        parts.append(f"### {_cell(group.source.outlet)}\n")
        parts.extend(f"- ({s.index + 1}) {_cell(s.text)}" for s in group.claims)
        if group.details:
            if group.claims:
                parts.append("")
            parts.append("Details no other outlet gives, in sentences they share (in bold):\n")
            parts.extend(
                f"- ({whole.index + 1}) {_with_bold(whole, list(spans))}"
                for whole, spans in group.details
            )
        parts.append("")
    return "\n".join(parts).rstrip() or "None."


def story_title(report: Report) -> str:
    titled = [s for s in report.sources if s.title]
    return titled[0].title if titled else "untitled story"


def render(report: Report, *, verdicts: Verdicts | None = None) -> str:
    """The Markdown report; ``verdicts``: the desk's reviews (false alarms and fixes fold
    under "Reviewed") and the story id the review commands name."""

    title = " ".join(story_title(report).split())
    verdicts = verdicts or Verdicts.none(slug(title, 40))
    main, folded = split(report.divergences, verdicts)
    divergences = "\n\n".join(_divergence(n, d, report, verdicts) for n, d in enumerate(main, 1))
    sections = [
        f"# crosscheck report: {title}",
        f"{len(report.sources)} sources · model `{report.model}` · {len(report.rules)} rules",
        "## Sources\n\n" + _sources_table(report),
        "## Summary\n\n" + _summary(report, verdicts),
        "## Divergences\n\n" + (divergences or "No divergences found."),
    ]
    if folded:
        sections.append(
            "## Reviewed\n\nFalse alarms and fixes, left out of the counts and the list above."
            "\n\n"
            + "\n\n".join(
                _divergence(n, d, report, verdicts) for n, d in enumerate(folded, len(main) + 1)
            )
        )
    sections += [
        "## Aligned facts\n\n" + (_facts_table(report) if report.facts else "No shared facts."),
        "## Reported by one outlet only\n\n" + _omissions(report),
        "## Not judged\n\n" + _coverage(report),
    ]
    return "\n\n".join(sections) + "\n"
