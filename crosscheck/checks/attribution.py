"""Attribution: the same statement credited to different speakers.

Each sentence's speakers come from its speech verbs ("X said", "said X", "X told
analysts", "according to X", "..., saying"), with "he said" resolved to the person
named just before, in the sentence or its context. A divergence needs both sides to
name a speaker, no speaker in common (spelling variants and aliases agree), and
either two people or two bodies of the same type ("the Defence Ministry" vs "the
Foreign Ministry"): a person on one side and a body or an unnamed group on the other
("Medinsky" vs "the Russian delegation") is how outlets shorten, not a clash.

Aligned sentences can carry two remarks by two people about one event (each
delegation announcing the same prisoner swap). So the two statements must also be
one statement: at least two content words, and at least ``min_overlap`` of those of
the shorter statement (speaker and speech verb left out), must appear in the other.
The statement is what follows the speech verb ("X said that ..."), or the rest of
the sentence when the speaker comes last ("..., X said") or after "according to".

Passes (one speaker, two spellings and a pronoun)::

    left:  Umerov told reporters that Russia had rejected a ceasefire.
    right: He said Moscow had rejected a ceasefire.   (context: "... Mr Umierov said.")

Fails (one remark, two speakers)::

    left:  Medinsky said Moscow was satisfied with the outcome of the talks.
    right: Kremlin spokesman Dmitry Peskov said Russia was satisfied with the outcome.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import Any

from crosscheck.checks import Claim, Context, Finding, Param
from crosscheck.extract.names import NAME, ORG, PERSON, key_tokens, same_name
from crosscheck.extract.polarity import concepts
from crosscheck.extract.quotes import Speaker, find_speakers
from crosscheck.extract.text import fold, stem, word_set

# Message fields this check fills besides the common ones.
FIELDS = ("verb",)

PARAMS: dict[str, Param] = {
    "min_overlap": Param(
        float,
        0.5,
        "share of the shorter statement's content words the other must repeat for the "
        "two to count as one statement (0 compares any two speakers)",
    ),
    "compare_bodies": Param(
        bool,
        True,
        'also flag two different bodies of one type ("Defence Ministry" vs "Foreign Ministry")',
    ),
}

# Calibration of min_overlap: on the dev clusters, the same remark credited to two
# speakers shares 0.6-1.0 of its content words (Medinsky/Peskov "satisfied", Pichai/
# Kurian "better security at lower cost", Min Aung Hlaing/Zaw Min Tun "toll will
# rise"); two delegations each announcing the agreed prisoner swap share 0.2-0.35.

_PERSONLIKE = (PERSON, NAME)
# Fewer content words than this after the verb ("..., Medinsky said.") means the
# statement is what came before it.
_MIN_REPORTED = 3
# Two statements sharing a single word ("a deputy") are not one statement, however
# short one of them is.
_MIN_SHARED = 2


def _statement(claim: Claim, speaker: Speaker) -> set[str]:
    """What the speaker is reported to have said, as content-word concepts.

    "X said that Y" and "X, saying Y" report the words after the verb; "Y, X said"
    and "according to X" report the rest of the sentence.
    """
    text = claim.text
    after = text[speaker.verb_end :]
    if speaker.verb == "according to":
        reported = text[: speaker.verb_start] + " " + text[speaker.end :]
    elif len(concepts(after)) >= _MIN_REPORTED:
        reported = after
    else:
        reported = text[: min(speaker.start, speaker.verb_start)]
    return concepts(reported) - _words_of(speaker.name) - _words_of(speaker.written)


def _words_of(name: str) -> set[str]:
    return {stem(word) for word in key_tokens(name)}


def _overlap(a: set[str], b: set[str]) -> float:
    """Share of the shorter statement repeated in the other; 0 below _MIN_SHARED words."""
    if len(a & b) < _MIN_SHARED:
        return 0.0
    return len(a & b) / min(len(a), len(b))


def _same_type_bodies(a: Speaker, b: Speaker) -> bool:
    org_words = word_set("names", "org_words")
    words_a = {fold(word) for word in a.name.split()} & org_words
    words_b = {fold(word) for word in b.name.split()} & org_words
    return bool(words_a & words_b)


def _comparable(a: Speaker, b: Speaker, compare_bodies: bool) -> bool:
    if a.kind in _PERSONLIKE and b.kind in _PERSONLIKE:
        return True
    return compare_bodies and a.kind == ORG and b.kind == ORG and _same_type_bodies(a, b)


def _speakers(claim: Claim) -> Sequence[Speaker]:
    return [s for s in find_speakers(claim.text, claim.context) if s.named]


def check(
    left: Claim, right: Claim, params: Mapping[str, Any], context: Context
) -> Iterator[Finding]:
    left_speakers, right_speakers = _speakers(left), _speakers(right)
    if not left_speakers or not right_speakers:
        return
    aliases = context.aliases
    if any(same_name(a.name, b.name, aliases) for a in left_speakers for b in right_speakers):
        return
    min_overlap = float(params.get("min_overlap", PARAMS["min_overlap"].default))
    compare_bodies = bool(params.get("compare_bodies", True))
    for a in left_speakers:
        for b in right_speakers:
            if not _comparable(a, b, compare_bodies):
                continue
            if _overlap(_statement(left, a), _statement(right, b)) < min_overlap:
                continue
            yield Finding(left_value=a.name, right_value=b.name, fields={"verb": b.verb})
            return
