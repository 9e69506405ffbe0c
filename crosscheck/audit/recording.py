"""Writing one run: each story's history rows, memo, JSON, Markdown and HTML report.

>>> record_story(run, staged, "flood", story, report, key, False, True).json.name  # doctest: +SKIP
'flood.json'

Called inside the run's transaction (``History.recording``); the files go to the run
folder staged for it, made visible only after COMMIT (crosscheck.runfolder).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from crosscheck.audit.discovery import unique_id
from crosscheck.audit.rendering import render_story, render_story_html
from crosscheck.audit.results import Story, StoryResult
from crosscheck.history import RunRecorder, Seen
from crosscheck.report.json import to_dict
from crosscheck.reviews import Verdicts
from crosscheck.types import Report


def final_ids(run: RunRecorder, stories: Sequence[Story]) -> dict[str, str]:
    """Folder stories keep their folder names; pile stories take back earlier ids."""
    fixed = {s.id for s in stories if s.origin == "folder"}
    pile = {
        s.id: frozenset(str(p.resolve()) for p in s.paths) for s in stories if s.origin == "pile"
    }
    matched = run.match(pile)
    taken = set(fixed)
    ids = {story_id: story_id for story_id in fixed}
    for proposed in sorted(pile):
        wanted = matched.get(proposed, proposed)
        ids[proposed] = unique_id(wanted if wanted not in taken else proposed, taken)
    return ids


def record_story(
    run: RunRecorder,
    staged: Any,
    story_id: str,
    story: Story,
    report: Report,
    key: str,
    reused: bool,
    use_cache: bool,
) -> StoryResult:

    seen = [Seen.of(d) for d in report.divergences]
    members = [str(p.resolve()) for p in (*story.paths, *story.set_aside)]
    diff = run.record_story(story_id, story.title, members, [s.id for s in report.sources], seen)
    reviews = run.carry_reviews(story_id, diff.carried)
    verdicts = Verdicts(story_id, {r.fingerprint: r for r in reviews})
    if use_cache:
        if reused:
            run.touch(key)
        else:
            run.remember(key, json.dumps(to_dict(report), ensure_ascii=False))
    data = to_dict(report, verdicts=verdicts)
    md_path, json_path = staged.output / f"{story_id}.md", staged.output / f"{story_id}.json"
    result = StoryResult(
        story_id, story.title, story.paths, story.set_aside, report, diff, md_path, json_path,
        reused, verdicts,
    )  # fmt: skip
    data["audit"] = _audit_block(result, run.run, seen)
    staged.write(json_path.name, json.dumps(data, ensure_ascii=False, indent=2) + "\n")
    staged.write(md_path.name, render_story(result, run.run))
    staged.write(f"{story_id}.html", render_story_html(result, run.run))
    return result


def _seen_dict(seen: Seen) -> dict[str, Any]:
    return {
        "fingerprint": seen.fingerprint,
        "rule": seen.rule,
        "kind": seen.kind,
        "severity": seen.severity.value,
        "left_source": seen.left_source,
        "right_source": seen.right_source,
        "left_value": seen.left_value,
        "right_value": seen.right_value,
        "left_text": seen.left_text,
        "right_text": seen.right_text,
        "message": seen.message,
    }


def _audit_block(result: StoryResult, run: int, seen: Sequence[Seen]) -> dict[str, Any]:
    """What an audit adds to the ``compare --format json`` shape (added keys only)."""
    diff = result.diff
    return {
        "story": result.id,
        "title": result.title,
        "run": run,
        "previous_run": diff.previous_run,
        "set_aside": [str(p) for p in result.set_aside],
        # One entry per item of "divergences", in the same order.
        "divergences": [
            {"fingerprint": s.fingerprint, "status": diff.status(s.fingerprint)} for s in seen
        ],
        "resolved": [_seen_dict(s) for s in diff.resolved],
        "departed": [_seen_dict(s) for s in diff.departed],
    }
