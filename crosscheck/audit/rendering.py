"""An audit's Markdown and HTML: story reports with what changed, and ``index.md``.

>>> render_index(result).splitlines()[0]                      # doctest: +SKIP
'# crosscheck audit: run 3'
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping

from tabulate import tabulate

from crosscheck.audit.results import AuditResult, StoryResult
from crosscheck.history import Seen
from crosscheck.report import html as html_report
from crosscheck.report import markdown as markdown_report
from crosscheck.reviews import Verdicts
from crosscheck.types import Report, Severity

# The index lists at most this many new and resolved divergences in full; the story
# reports list all of them.
INDEX_LIST_LIMIT = 50

# --- rendering -------------------------------------------------------------------------

_LABEL = {Severity.ERROR: "ERROR", Severity.WARNING: "WARNING", Severity.INFO: "INFO"}


def _cell(text: str) -> str:
    return " ".join(text.replace("|", "\\|").split())


def _seen_line(seen: Seen, outlets: Mapping[str, str]) -> str:
    left = outlets.get(seen.left_source, seen.left_source)
    right = outlets.get(seen.right_source, seen.right_source)
    return (
        f"- {_LABEL[seen.severity]} · {seen.kind} · `{seen.rule}`: {_cell(seen.message)}\n"
        f"  - {_cell(left)}: “{_cell(seen.left_text)}”\n"
        f"  - {_cell(right)}: “{_cell(seen.right_text)}”"
    )


def _since_section(result: StoryResult, run: int) -> str:
    diff = result.diff
    outlets = {s.id: s.outlet for s in result.report.sources}
    if diff.previous_run is None:
        head = f"First audit of this story (run {run}): all {len(diff.new)} divergences are new."
    else:
        head = (
            f"Run {run} against run {diff.previous_run}: **{len(diff.new)} new**, "
            f"{len(diff.persisting)} persisting, **{len(diff.resolved)} resolved**"
            + (f", {len(diff.departed)} gone with a source that left" if diff.departed else "")
            + "."
        )
    parts = ["## Since the last run", head]
    if diff.previous_run is not None:
        for title, items in (
            ("New", diff.new),
            ("Resolved (an outlet changed its text)", diff.resolved),
            ("Gone with a source that left the story", diff.departed),
        ):
            if items:
                parts.append(f"### {title}\n\n" + "\n".join(_seen_line(s, outlets) for s in items))
    if result.set_aside:
        parts.append(
            "### Set aside (another article of an outlet already compared)\n\n"
            + "\n".join(f"- {p}" for p in result.set_aside)
        )
    return "\n\n".join(parts)


def render_story(result: StoryResult, run: int) -> str:
    """The ``compare`` Markdown report with a "Since the last run" section after its header."""
    text = markdown_report.render(result.report, verdicts=result.verdicts)
    head, marker, rest = text.partition("\n\n## ")
    return f"{head}\n\n{_since_section(result, run)}{marker}{rest}"


def render_story_html(result: StoryResult, run: int) -> str:
    """The ``compare`` HTML report with what changed since the last run at its top."""
    diff = result.diff
    if diff.previous_run is None:
        since = [f"First audit of this story (run {run}): all {len(diff.new)} divergences are new."]
    else:
        since = [
            f"Run {run} against run {diff.previous_run}: {len(diff.new)} new, "
            f"{len(diff.persisting)} persisting, {len(diff.resolved)} resolved."
        ]
        since += [f"Resolved: {s.message}" for s in diff.resolved]
    status = {s.fingerprint: "new" for s in diff.new}
    status.update({s.fingerprint: "persisting" for s in diff.persisting})
    return html_report.render(result.report, verdicts=result.verdicts, status=status, since=since)


def render_index_html(result: AuditResult) -> str:
    return html_report.render_index(result)


def odd_ones_out(report: Report) -> list[str]:
    """Source ids that alone disagree with two or more others on one fact (per rule).

    With two sources nobody is the odd one out: one of them is wrong, but which one the
    comparison cannot say.
    """
    fact_of = {member.ref: fact for fact in report.facts for member in fact.members}
    pairs: dict[tuple[str, str], list[tuple[str, str]]] = {}
    sources_of: dict[tuple[str, str], set[str]] = {}
    for d in report.divergences:
        fact = fact_of.get(d.left.ref)
        key = (fact.id if fact else f"{d.left.ref}-{d.right.ref}", d.rule)
        pairs.setdefault(key, []).append((d.left.source, d.right.source))
        sources_of[key] = fact.sources if fact else {d.left.source, d.right.source}
    odd = []
    for key, found in pairs.items():
        if len(sources_of[key]) < 3:
            continue
        common = set(found[0]).intersection(*map(set, found[1:]))
        others = {s for pair in found for s in pair} - common
        if len(common) == 1 and len(others) >= 2:
            odd.append(next(iter(common)))
    return sorted(odd)


def rank_key(result: StoryResult) -> tuple[int, ...]:
    verdicts = result.verdicts or Verdicts.none(result.id)
    counts = Counter(d.severity for d in result.report.divergences if verdicts.counted(d))
    return (
        *(-counts.get(s, 0) for s in sorted(Severity, key=lambda s: -s.rank)),
        -len(result.diff.new),
    )


def render_index(result: AuditResult) -> str:
    """``index.md``: stories worst first, what changed since the last run, outlet totals."""
    ranked = sorted(result.stories, key=lambda r: (rank_key(r), r.id))
    new, resolved = result.new, result.resolved
    persisting = sum(len(s.diff.persisting) for s in result.stories)
    fail = f"fails on new {result.fail_on.value} or worse" if result.fail_on else "never fails"
    lines = [
        f"# crosscheck audit: run {result.run}",
        f"Started {result.started} · {len(result.stories)} stories compared from "
        f"{result.articles} articles · {len(result.uncompared)} articles not compared · {fail}"
        + (f" · **{len(result.failed_stories)} stories failed**" if result.failed_stories else "")
        + f" ({'FAILED' if result.failed else 'passed'})",
        f"**{len(new)} new** divergences, {persisting} persisting, "
        f"**{len(resolved)} resolved** since the last run.",
    ]
    rows = []
    for n, r in enumerate(ranked, 1):
        verdicts = r.verdicts or Verdicts.none(r.id)
        counts = Counter(d.severity for d in r.report.divergences if verdicts.counted(d))
        open_ = sum(1 for d in r.report.divergences if verdicts.is_open(d))
        worst = max(counts, key=lambda s: s.rank).value if counts else "-"
        rows.append(
            [
                n,
                f"[{_cell(r.title)}]({r.markdown.name})",
                f"`{r.id}`",
                len(r.report.sources),
                worst,
                *(counts.get(s, 0) for s in sorted(Severity, key=lambda s: -s.rank)),
                open_,
                len(r.report.divergences) - open_,
                len(r.diff.new),
                len(r.diff.resolved),
            ]
        )
    headers = ["#", "story", "id", "sources", "worst", "error", "warning", "info", "open",
               "reviewed", "new", "resolved"]  # fmt: skip
    lines.append(
        "## Stories, worst first\n\n"
        + (tabulate(rows, headers, tablefmt="github") if rows else "No story was compared.")
    )
    by_id = {r.id: r for r in result.stories}
    for title, items in (
        ("New since the last run", new),
        ("Resolved since the last run", resolved),
    ):
        if not items:
            continue
        shown = sorted(items, key=lambda item: (-item[1].severity.rank, item[0]))
        body = []
        for story_id, seen in shown[:INDEX_LIST_LIMIT]:
            story = by_id[story_id]
            outlets = {s.id: s.outlet for s in story.report.sources}
            body.append(
                f"- [{_cell(story.title)}]({story.markdown.name}) · {_LABEL[seen.severity]} · "
                f"`{seen.rule}`: {_cell(seen.message)}"
                f" ({_cell(outlets.get(seen.left_source, seen.left_source))} vs "
                f"{_cell(outlets.get(seen.right_source, seen.right_source))})"
            )
        if len(shown) > INDEX_LIST_LIMIT:
            body.append(f"- ... and {len(shown) - INDEX_LIST_LIMIT} more (see the story reports)")
        lines.append(f"## {title}\n\n" + "\n".join(body))
    if result.failed_stories:
        lines.append(
            "## Failed (not compared; their history is unchanged)\n\n"
            + "\n".join(
                f"- `{f.id}` ({_cell(f.title)}; {len(f.paths)} articles): {_cell(f.error)}"
                for f in result.failed_stories
            )
        )
    lines.append("## Outlets\n\n" + _outlet_table(result))
    if result.uncompared:
        lines.append(
            "## Not compared\n\n"
            + "\n".join(
                f"- {u.path} ({_cell(u.outlet)}: {_cell(u.title)}): {u.reason}"
                for u in sorted(result.uncompared, key=lambda u: str(u.path))
            )
        )
    return "\n\n".join(lines) + "\n"


def _outlet_table(result: AuditResult) -> str:
    stories: Counter[str] = Counter()
    divergences: Counter[str] = Counter()
    odd: Counter[str] = Counter()
    for r in result.stories:
        outlet = {s.id: s.outlet for s in r.report.sources}
        for source in r.report.sources:
            stories[source.outlet] += 1
        verdicts = r.verdicts or Verdicts.none(r.id)
        for d in r.report.divergences:
            if not verdicts.counted(d):  # a false alarm counts against no outlet
                continue
            for side in {d.left.source, d.right.source}:
                divergences[outlet[side]] += 1
        for source_id in odd_ones_out(r.report):
            odd[outlet[source_id]] += 1
    if not stories:
        return "No outlet was compared."
    names = sorted(stories, key=lambda name: (-odd[name], -divergences[name], name))
    rows = [[name, stories[name], divergences[name], odd[name]] for name in names]
    note = "*odd one out*: the outlet alone in disagreeing with two or more others on one fact."
    headers = ["outlet", "stories", "divergences", "odd one out"]
    return tabulate(rows, headers, tablefmt="github") + "\n\n" + note
