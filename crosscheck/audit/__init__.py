"""Batch audits: many stories -> one report per story, an index, and a history.

>>> result = audit(["nightly/"], output=Path("reports"))      # doctest: +SKIP
>>> [(s.id, len(s.diff.new)) for s in result.stories]          # doctest: +SKIP
[('harbour-fire', 1), ('river-flood', 0)]

An input is a folder of story folders (one folder per story: its name is the story id),
a flat pile of articles (a folder of files, or files), or both at once: loose files
beside story folders join the pile. A pile is grouped into stories by
``crosscheck.stories``; a pile story's id is its title slug plus a hash of its first
member's file name, and a later run that groups mostly the same files takes the
earlier id back from the history.

The order of work makes bad input cheap and harmless: configuration, inputs, the
history's schema version, the rules and every article are checked before anything is
compared, and nothing is written until every story has been compared. The history and
all reports of a run are then written inside one database transaction; each file is
written atomically, so an interrupted run leaves the previous reports and history as
they were (or, at worst, some story reports of the new run, each complete).

One embedder serves every story, and its vector cache is the one ``compare`` uses, so
re-auditing unchanged articles embeds nothing. An unchanged story (same files, rules,
model and crosscheck code) is not even compared again: its report is memoised in the
history database.

One concern per module: ``config`` (a config file's options), ``discovery`` (inputs ->
story folders and a pile, the pile's stories), ``fingerprints`` (memo keys),
``orchestration`` (``audit()``: checks, executor, the order of work), ``recording`` (a
story's history rows and report files) and ``rendering`` (story reports and the index).
"""

from __future__ import annotations

from crosscheck.audit.config import CONFIG_OPTIONS, parse_fail_on, read_config
from crosscheck.audit.discovery import Inputs, discover, pile_story_id
from crosscheck.audit.fingerprints import report_from_dict
from crosscheck.audit.orchestration import audit
from crosscheck.audit.rendering import (
    INDEX_LIST_LIMIT,
    odd_ones_out,
    rank_key,
    render_index,
    render_index_html,
    render_story,
    render_story_html,
)
from crosscheck.audit.results import (
    AuditEvent,
    AuditResult,
    FailedStory,
    Progress,
    Story,
    StoryResult,
    Uncompared,
)

# The name crosscheck.report.html imports (it ranks the HTML index as index.md does).
_rank_key = rank_key

__all__ = [
    "CONFIG_OPTIONS",
    "INDEX_LIST_LIMIT",
    "AuditEvent",
    "AuditResult",
    "FailedStory",
    "Inputs",
    "Progress",
    "Story",
    "StoryResult",
    "Uncompared",
    "audit",
    "discover",
    "odd_ones_out",
    "parse_fail_on",
    "pile_story_id",
    "rank_key",
    "read_config",
    "render_index",
    "render_index_html",
    "render_story",
    "render_story_html",
    "report_from_dict",
]
