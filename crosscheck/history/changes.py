"""What changed between two runs of a story, and which stories continue which
(pure functions; no database)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass

from crosscheck.history.fingerprints import Seen, normalise

# A story of a pile keeps the id of a previous story when this share of the smaller of
# the two member sets is shared: a story that grows from 3 to 10 articles during the day
# keeps its id (3 of 3 shared), while two stories that share one article of four do not.
MATCH_MIN_OVERLAP = 0.5
# A divergence found again with the same rule, sources and values persists (rather than
# being resolved and new at once) when each of its sentences keeps this share of its
# words: a corrected figure or a reworded clause, not a different sentence. News
# sentences run 20-40 words, so 0.6 allows several words to change.
SAME_SENTENCE_MIN_OVERLAP = 0.6


@dataclass(frozen=True, slots=True)
class StoryDiff:
    """What changed in one story since the last run that audited it.

    ``resolved``: gone while both sources are still in the story (an outlet changed its
    text). ``departed``: gone because one of the two sources left the story.
    ``carried``: (new fingerprint, old fingerprint) of divergences that persist in an
    edited sentence (same rule, sources and values; the sentence mostly the same).
    """

    previous_run: int | None
    new: tuple[Seen, ...] = ()
    persisting: tuple[Seen, ...] = ()
    resolved: tuple[Seen, ...] = ()
    departed: tuple[Seen, ...] = ()
    carried: tuple[tuple[str, str], ...] = ()

    def status(self, fingerprint: str) -> str:
        """``new`` or ``persisting`` for a divergence of the current run."""
        return "new" if any(s.fingerprint == fingerprint for s in self.new) else "persisting"


_WORDS = re.compile(r"\w+")


def _word_overlap(a: str, b: str) -> float:
    """Share of the words of the shorter sentence that the other one has too."""
    left, right = set(_WORDS.findall(normalise(a))), set(_WORDS.findall(normalise(b)))
    smaller = min(len(left), len(right))
    return len(left & right) / smaller if smaller else 0.0


def same_divergence(old: Seen, new: Seen) -> bool:
    """Whether ``new`` is ``old`` in an edited sentence: same rule, same sources with
    the same values, and each sentence keeps most of its words.

    An outlet that corrects one figure in a sentence carrying three divergences has
    resolved one of them; the other two, whose fingerprints changed with the sentence
    text, persist.
    """
    if old.rule != new.rule:
        return False

    def sides(s: Seen) -> list[tuple[str, str, str]]:
        return sorted(
            [
                (s.left_source, normalise(s.left_value), s.left_text),
                (s.right_source, normalise(s.right_value), s.right_text),
            ]
        )

    for (source_a, value_a, text_a), (source_b, value_b, text_b) in zip(
        sides(old), sides(new), strict=True
    ):
        if source_a != source_b or value_a != value_b:
            return False
        if _word_overlap(text_a, text_b) < SAME_SENTENCE_MIN_OVERLAP:
            return False
    return True


def diff_story(
    previous_run: int | None,
    previous: Iterable[Seen],
    current: Sequence[Seen],
    sources: Iterable[str],
) -> StoryDiff:
    """Compare a story's divergences with those of its previous run (pure; no database).

    >>> diff_story(None, [], [], ["wire"]).previous_run is None
    True
    """
    if previous_run is None:
        return StoryDiff(None, new=tuple(current))
    before = {s.fingerprint: s for s in previous}
    now = {s.fingerprint for s in current}
    present = set(sources)
    gone = [s for fp, s in before.items() if fp not in now]
    carried: list[tuple[str, str]] = []
    for item in current:
        if item.fingerprint in before:
            continue
        match = next((old for old in gone if same_divergence(old, item)), None)
        if match is not None:
            carried.append((item.fingerprint, match.fingerprint))
            gone.remove(match)
    continued = {new for new, _ in carried}
    return StoryDiff(
        previous_run,
        new=tuple(
            s for s in current if s.fingerprint not in before and s.fingerprint not in continued
        ),
        persisting=tuple(
            s for s in current if s.fingerprint in before or s.fingerprint in continued
        ),
        resolved=tuple(s for s in gone if set(s.sources) <= present),
        departed=tuple(s for s in gone if not set(s.sources) <= present),
        carried=tuple(carried),
    )


def match_stories(
    groups: Mapping[str, frozenset[str]], previous: Mapping[str, frozenset[str]]
) -> dict[str, str]:
    """Give each new group (proposed id -> members) the id of the previous story it continues.

    Biggest overlaps are matched first and each previous story is taken at most once, so
    a story that splits keeps its id on the larger part.

    >>> match_stories({"new-a": frozenset("abcd")}, {"old": frozenset("abc")})
    {'new-a': 'old'}
    """
    by_member: dict[str, set[str]] = {}
    for story, members in previous.items():
        for member in members:
            by_member.setdefault(member, set()).add(story)
    candidates = []
    for proposed, members in groups.items():
        counts: dict[str, int] = {}
        for member in members:
            for story in by_member.get(member, ()):
                counts[story] = counts.get(story, 0) + 1
        for story, shared in counts.items():
            smaller = min(len(members), len(previous[story]))
            if smaller and shared / smaller >= MATCH_MIN_OVERLAP:
                candidates.append((-shared, proposed, story))
    matched: dict[str, str] = {}
    taken: set[str] = set()
    for _, proposed, story in sorted(candidates):
        if proposed in matched or story in taken:
            continue
        matched[proposed] = story
        taken.add(story)
    return {proposed: matched.get(proposed, proposed) for proposed in groups}
