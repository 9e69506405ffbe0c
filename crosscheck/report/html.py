"""The HTML report: one self-contained page a fact-checker opens on a laptop or prints.

>>> page = render(report)                                          # doctest: +SKIP
>>> "<mark" in page and "http" not in page.split("<body")[0]        # doctest: +SKIP
True

Inline CSS and a little plain JavaScript, nothing fetched: a Content-Security-Policy of
``default-src 'none'`` makes the browser refuse any request the page might make. Every
piece of text taken from an article is escaped (an article is untrusted HTML); the
script reads the sentences from a JSON block and writes them with ``textContent`` only.
Deterministic, like the Markdown report: no clock, so a golden page can be compared
byte for byte.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from typing import TYPE_CHECKING

from crosscheck.history import fingerprint
from crosscheck.report import slug
from crosscheck.report.coverage import LABEL as COVERAGE_LABEL
from crosscheck.report.coverage import NOT_IN_FILE_LABEL, coverage_of, not_in_file, not_judged
from crosscheck.report.html_page import _e, _page
from crosscheck.report.markdown import story_title, value_range
from crosscheck.report.reasoning import explain
from crosscheck.report.single import by_outlet
from crosscheck.reviews import Verdict, Verdicts, split
from crosscheck.types import Divergence, Fact, Kind, Report, Sentence, Severity, Source, Unjudged

if TYPE_CHECKING:
    from crosscheck.audit import AuditResult

# How many sentences before and after a clicked sentence its article view shows: enough
# to see what "he" or "the deal" refers to, short enough to read without scrolling.
CONTEXT_SENTENCES = 2

_SEVERITY_LABEL = {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING", Severity.INFO: "INFO"}


def _date(source: Source) -> str:
    return source.published.isoformat() if source.published else "undated"


def _url(url: str | None) -> str:
    """A link only for web addresses: an article's metadata may hold ``javascript:``."""
    if not url:
        return ""
    if url.startswith(("https://", "http://")):
        return f'<a href="{_e(url)}" rel="noreferrer noopener">{_e(url)}</a>'
    return _e(url)


def _sources(report: Report) -> str:
    rows = "".join(
        f'<tr><td class="id"><code>{_e(s.id)}</code></td><td>{_e(s.outlet)}</td>'
        f"<td>{_e(s.title) or '(untitled)'}</td><td>{_date(s)}</td><td>{_url(s.url)}</td></tr>"
        for s in report.sources
    )
    return (
        '<section id="sources"><h2>Sources</h2><table><thead><tr><th>id</th><th>outlet</th>'
        f"<th>title</th><th>published</th><th>url</th></tr></thead><tbody>{rows}</tbody>"
        "</table></section>"
    )


def _with_marks(sentence: Sentence, ranges: Sequence[tuple[int, int]], mark: str = "hl") -> str:
    """The sentence escaped, each range (offsets into the sentence) in <mark>: class
    ``hl`` for a divergent value, ``part`` for a clause or a detail."""
    text, out, at = sentence.text, [], 0
    for begin, end in sorted(ranges):
        if begin < at or end <= begin:
            continue
        out += [_e(text[at:begin]), f'<mark class="{mark}">{_e(text[begin:end])}</mark>']
        at = end
    out.append(_e(text[at:]))
    return "".join(out)


def _clickable(sentence: Sentence, inner: str) -> str:
    return (
        f'<blockquote class="sentence" tabindex="0" role="button" '
        f'data-source="{_e(sentence.source)}" data-index="{sentence.index}" '
        f'title="Show it in its article">{inner}</blockquote>'
    )


def _where(sentence: Sentence, source: Source | None = None) -> str:
    """ "sentence 5 (JSON index 4)", and where it starts in its file when that is known:
    "sentence 5 (JSON index 4), wire.txt line 12:1"."""
    where = f"sentence {sentence.index + 1} (JSON index {sentence.index})"
    origin = source.origin if source is not None else None
    place = origin.place(sentence.start, sentence.end) if origin is not None else None
    if place is None or source is None:
        return where
    name = source.path.replace("\\", "/").rsplit("/", 1)[-1]
    return f"{where}, {_e(name)} line {place.line}:{place.column}"


def _confidences(report: Report) -> dict[tuple[tuple[str, int], tuple[str, int]], float]:
    found = {}
    for a in report.alignments:
        if a.confidence is not None:
            found[(a.left.ref, a.right.ref)] = found[(a.right.ref, a.left.ref)] = a.confidence
    return found


def _divergence(
    d: Divergence,
    report: Report,
    verdicts: Verdicts,
    status: Mapping[str, str],
    confidence: float | None,
) -> str:

    fp = fingerprint(d)
    review = verdicts.of_fingerprint(fp)
    badges = [
        f'<span class="badge sev">{_SEVERITY_LABEL[d.severity]}</span>',
        f'<span class="kind">{_e(d.kind.value)}</span>',
        f'<code class="rule">{_e(d.rule)}</code>',
        '<span class="conf muted">pair confidence '
        + (f"{confidence:.2f}" if confidence is not None else "not calibrated")
        + "</span>",
    ]
    if fp in status:
        badges.append(f'<span class="badge status">{_e(status[fp])}</span>')
    if review is not None:
        badges.append(f'<span class="badge verdict">{_e(review.verdict.value)}</span>')
    sides = []
    for sentence, value, span in (
        (d.left, d.left_value, d.left_span),
        (d.right, d.right_value, d.right_span),
    ):
        found = value_range(sentence, value, span)
        source = report.source(sentence.source)
        sides.append(
            f'<figure class="side"><figcaption>{_e(source.outlet)} '
            f'<span class="where">{_where(sentence, source)}</span></figcaption>'
            + _clickable(sentence, _with_marks(sentence, [found] if found else []))
            + f'<div class="muted">value: {_e(value)}</div></figure>'
        )
    reasons = explain(d, report)
    reasoning = (
        '<ul class="reasoning">' + "".join(f"<li>{_e(line)}</li>" for line in reasons) + "</ul>"
        if reasons
        else ""
    )
    if review is not None:
        footer = (
            f'<p class="fp">{_e(review.verdict.value)} by {_e(review.by or "unknown")} '
            f"at {_e(review.at)}" + (f": {_e(review.note)}" if review.note else "") + "</p>"
        )
    else:
        footer = ""
    footer += (
        f'<p class="fp">fingerprint <code>{fp}</code> <span class="cmd">· to review: '
        f"<code>{_e(verdicts.command(fp))}</code> (or --as confirmed, --as fixed)</span></p>"
    )
    sources = " ".join(sorted({d.left.source, d.right.source}))
    return (
        f'<article class="divergence sev-{d.severity.value}" id="d-{fp}" '
        f'data-kind="{_e(d.kind.value)}" data-severity="{d.severity.value}" '
        f'data-sources="{_e(sources)}" data-fingerprint="{fp}">'
        f"<header>{' '.join(badges)}</header>"
        f'<p class="message">{_e(d.message)}</p>{reasoning}'
        f'<div class="sides">{"".join(sides)}</div>{footer}</article>'
    )


def _filters(report: Report, shown: Sequence[Divergence]) -> str:
    kinds = [k for k in Kind if any(d.kind is k for d in shown)]

    def select(name: str, label: str, options: Sequence[tuple[str, str]]) -> str:
        items = "".join(f'<option value="{_e(v)}">{_e(text)}</option>' for v, text in options)
        return (
            f'<label>{label} <select name="{name}"><option value="">all</option>'
            f"{items}</select></label>"
        )

    return (
        '<form class="filters" onsubmit="return false">'
        + select("kind", "Kind", [(k.value, k.value) for k in kinds])
        + select("severity", "Severity", [(s.value, s.value) for s in reversed(Severity)])
        + select("outlet", "Outlet", [(s.id, s.outlet) for s in report.sources])
        + f'<span id="shown" class="muted">{len(shown)} of {len(shown)} shown</span></form>'
    )


def _summary(report: Report, verdicts: Verdicts, main: Sequence[Divergence]) -> str:
    counted = [d for d in report.divergences if verdicts.counted(d)]
    open_ = [d for d in report.divergences if verdicts.is_open(d)]
    reviewed = Counter(
        review.verdict for d in report.divergences if (review := verdicts.of(d)) is not None
    )
    per = Counter(d.severity for d in counted)
    coverage = coverage_of(report)
    items = [
        f"<li><b>{len(report.facts)}</b> facts stated by two or more outlets "
        f"({len(report.alignments)} aligned sentence pairs)</li>",
        f"<li><b>{len(counted)}</b> divergences ("
        + ", ".join(f"{per.get(s, 0)} {s.value}" for s in reversed(Severity))
        + f"): <b>{len(open_)}</b> open, "
        + f"{sum(reviewed.values())} reviewed"
        + (
            " (" + ", ".join(f"{n} {v.value}" for v, n in sorted(reviewed.items())) + ")"
            if reviewed
            else ""
        )
        + ("; false alarms are left out of the counts" if reviewed.get(Verdict.FALSE_ALARM) else "")
        + "</li>",
        f"<li><b>{len(report.omissions)}</b> claims made by one outlet only</li>",
        "<li>Not judged: "
        + "; ".join(_e(not_judged(coverage, r)) for r in Unjudged)
        + ' (<a href="#coverage">coverage</a>)</li>',
    ]
    return f'<section id="summary"><h2>Summary</h2><ul>{"".join(items)}</ul></section>'


def _member(fact: Fact, member: Sentence) -> str:
    clause = fact.clause_of(member)
    ranges = (
        [(clause.start - member.start, clause.end - member.start)] if clause is not None else []
    )
    return _clickable(member, _with_marks(member, ranges, "part"))


def _facts(report: Report) -> str:
    if not report.facts:
        return '<section id="facts"><h2>Aligned facts</h2><p>No shared facts.</p></section>'
    head = "".join(f"<th>{_e(s.outlet)}</th>" for s in report.sources)
    rows = []
    for fact in report.facts:
        cells = []
        for source in report.sources:
            members = [m for m in fact.members if m.source == source.id]
            if members:
                cells.append("<td>" + "".join(_member(fact, m) for m in members) + "</td>")
            else:
                cells.append('<td class="empty" title="this outlet does not state it">—</td>')
        rows.append(f"<tr><th>{_e(fact.id)}</th>{''.join(cells)}</tr>")
    note = (
        '<p class="muted">Where a sentence states more than one fact, the highlighted part '
        "states the fact of its row. An empty cell: that outlet does not state the fact.</p>"
    )
    return (
        '<section id="facts"><h2>Aligned facts</h2><table class="grid"><thead><tr>'
        f"<th>fact</th>{head}</tr></thead><tbody>{''.join(rows)}</tbody></table>{note}</section>"
    )


def _omissions(report: Report) -> str:
    parts = []
    for group in by_outlet(report):
        parts.append(f"<h3>{_e(group.source.outlet)}</h3><ul>")
        parts += [f"<li>{_clickable(s, _e(s.text))}</li>" for s in group.claims]
        for whole, spans in group.details:
            ranges = [(p.start - whole.start, p.end - whole.start) for p in spans]
            parts.append(
                f"<li>{_clickable(whole, _with_marks(whole, ranges, 'part'))}"
                '<span class="muted">highlighted: a detail no other outlet gives</span></li>'
            )
        parts.append("</ul>")
    body = "".join(parts) or "<p>None.</p>"
    return f'<section id="omissions"><h2>Reported by one outlet only</h2>{body}</section>'


def _coverage(report: Report) -> str:
    coverage = coverage_of(report)
    parts = []
    for reason in Unjudged:
        items = [i for i in coverage.items if i.reason is reason]
        parts.append(f"<h3>{_e(COVERAGE_LABEL[reason].capitalize())}: {len(items)}</h3>")
        if items:
            parts.append("<ul>")
            for item in items:
                outlets = " / ".join(
                    f"{_e(report.source(s.source).outlet)}: {_clickable(s, _e(s.text))}"
                    for s in item.sentences
                )
                parts.append(f"<li>{_e(item.detail)} {outlets}</li>")
            parts.append("</ul>")
    unplaced = not_in_file(report)
    if unplaced:
        parts.append(f"<h3>{_e(NOT_IN_FILE_LABEL.capitalize())}: {len(unplaced)}</h3><ul>")
        parts.extend(
            f"<li>{_e(report.source(s.source).outlet)}: {_clickable(s, _e(s.text))}</li>"
            for s in unplaced
        )
        parts.append("</ul>")
    return (
        '<section id="coverage"><h2>Not judged</h2>'
        '<p class="muted">What this report could not judge, and why: "no divergence" '
        "says nothing about these.</p>" + "".join(parts) + "</section>"
    )


def _data(report: Report) -> dict[str, object]:
    """What the script needs: each source's outlet and numbered sentences."""
    sources: dict[str, dict[str, object]] = {
        s.id: {"outlet": s.outlet, "sentences": []} for s in report.sources
    }
    for sentence in sorted(report.sentences, key=lambda s: (s.source, s.index)):
        entry = sources.get(sentence.source)
        if entry is not None:
            entry["sentences"].append([sentence.index, sentence.text])  # type: ignore[attr-defined]
    return {"context": CONTEXT_SENTENCES, "sources": sources}


def render(
    report: Report,
    *,
    verdicts: Verdicts | None = None,
    status: Mapping[str, str] | None = None,
    since: Sequence[str] = (),
) -> str:
    """The report as one HTML page.

    ``verdicts``: reviews to show (and the story id for the review command);
    ``status``: fingerprint -> "new" / "persisting" (an audit's); ``since``: lines an
    audit puts at the top (what changed since the last run).
    """

    title = " ".join(story_title(report).split())
    verdicts = verdicts or Verdicts.none(slug(title, 40))
    main, folded = split(report.divergences, verdicts)
    confidence = _confidences(report)

    def card(d: Divergence) -> str:
        return _divergence(
            d, report, verdicts, status or {}, confidence.get((d.left.ref, d.right.ref))
        )

    body = [
        f"<header><h1>crosscheck report: {_e(title)}</h1>",
        f'<p class="meta">{len(report.sources)} sources · model <code>{_e(report.model)}</code>'
        f" · {len(report.rules)} rules · click a sentence to see it in its article</p></header>",
    ]
    if since:
        body.append(
            '<section id="since"><h2>Since the last run</h2><ul>'
            + "".join(f"<li>{_e(line)}</li>" for line in since)
            + "</ul></section>"
        )
    body += [_summary(report, verdicts, main), _sources(report)]
    body.append('<section id="divergences"><h2>Divergences, worst first</h2>')
    if main:
        body.append(_filters(report, main))
        ordered = sorted(main, key=lambda d: -d.severity.rank)
        body += [card(d) for d in ordered]
    else:
        body.append("<p>No open divergences.</p>")
    body.append("</section>")
    if folded:
        body.append(
            f'<section id="reviewed"><details><summary>Reviewed ({len(folded)}): false alarms '
            "and fixes, left out of the list above</summary>"
            + "".join(card(d) for d in folded)
            + "</details></section>"
        )
    body += [_facts(report), _omissions(report), _coverage(report)]
    body.append(
        '<dialog id="context"><h3 id="context-title"></h3><ol id="context-body"></ol>'
        '<button type="button" id="context-close">Close</button></dialog>'
    )
    return _page(f"crosscheck report: {title}", body, _data(report))


def render_index(result: AuditResult) -> str:
    """``index.html``: an audit's stories worst first, open vs reviewed per story."""
    # Here, not at the top: the audit renders its pages through this module (a cycle).
    from crosscheck.audit import _rank_key as rank_key

    ranked = sorted(result.stories, key=lambda r: (rank_key(r), r.id))
    rows = []
    for n, r in enumerate(ranked, 1):
        verdicts = r.verdicts or Verdicts.none(r.id)
        counted = [d for d in r.report.divergences if verdicts.counted(d)]
        open_ = sum(1 for d in r.report.divergences if verdicts.is_open(d))
        reviewed = len(r.report.divergences) - open_
        worst = max((d.severity for d in counted), key=lambda s: s.rank, default=None)
        page = r.markdown.with_suffix(".html").name
        rows.append(
            f'<tr><td>{n}</td><td><a href="{_e(page)}">{_e(r.title)}</a></td>'
            f"<td><code>{_e(r.id)}</code></td><td>{len(r.report.sources)}</td>"
            f"<td>{worst.value if worst else '-'}</td><td>{len(counted)}</td>"
            f"<td><b>{open_}</b></td><td>{reviewed}</td><td>{len(r.diff.new)}</td>"
            f"<td>{len(r.diff.resolved)}</td></tr>"
        )
    fail = f"fails on new open {result.fail_on.value} or worse" if result.fail_on else "never fails"
    body = [
        f"<header><h1>crosscheck audit: run {result.run}</h1>",
        f'<p class="meta">Started {_e(result.started)} · {len(result.stories)} stories from '
        f"{result.articles} articles · {len(result.uncompared)} articles not compared · "
        f"{fail} ({'FAILED' if result.failed else 'passed'})</p></header>",
        '<section id="stories"><h2>Stories, worst first</h2>',
        "<table><thead><tr><th>#</th><th>story</th><th>id</th><th>sources</th><th>worst</th>"
        "<th>divergences</th><th>open</th><th>reviewed</th><th>new</th><th>resolved</th>"
        "</tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
        if rows
        else "<p>No story was compared.</p>",
        "</section>",
    ]
    if result.uncompared:
        body.append(
            '<section id="uncompared"><h2>Not compared</h2><ul>'
            + "".join(
                f"<li><code>{_e(u.path)}</code> ({_e(u.outlet)}: {_e(u.title)}): "
                f"{_e(u.reason)}</li>"
                for u in sorted(result.uncompared, key=lambda u: str(u.path))
            )
            + "</ul></section>"
        )
    return _page(f"crosscheck audit: run {result.run}", body)
