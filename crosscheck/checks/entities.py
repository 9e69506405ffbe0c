"""Entity: a different person or organisation doing the same thing.

Each sentence's *agents* are the names right in front of a verb ("Alphabet agreed
to buy", "Kremlin aide Vladimir Medinsky, who led the team, handed over") or after
"by" in a passive ("was criticised by Zelensky"); a name inside a phrase ("in
western Canada have been arrested") or a quotation is no agent, and the subject of
a passive ("X was arrested") only meets another passive subject. When both sides use
the same verb (crude stems: "agreed"/"agrees") with named agents and none match, each
side's agent is looked for anywhere in the other sentence and its context; only a
clean substitution — neither name present on the other side at all — is flagged.
Names match across spellings and transliterations (Zelensky/Zelenskiy/Zelenskyy,
Umerov/Umierov, Erdogan/Erdoğan), short forms ("Mr Medinsky"/"Vladimir Medinsky"),
acronyms (USGS/"United States Geological Survey"), ``rules/aliases.yaml`` (Kyiv/
Kiev) and, for places standing for their governments, containment ("Moscow"/
"Russia"). A name on one side only is not a divergence. Speech verbs are left to
the attribution rule.

Passes (transliteration)::

    left:  Zelenskiy signed the decree on sanctions on Friday.
    right: Zelensky signed the sanctions decree on Friday.

Fails (another buyer)::

    left:  Alphabet agreed to buy the cloud security firm Wiz for $32bn.
    right: Microsoft agreed to buy the cloud security firm Wiz for $32bn.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from crosscheck.checks import Claim, Context, Finding, Param
from crosscheck.extract import gazetteer
from crosscheck.extract.names import PLACE, Name, find_names, same_name
from crosscheck.extract.quotes import find_quotes
from crosscheck.extract.text import STOPWORDS, Token, fold, stem, tokens, word_set

# Message fields this check fills besides the common ones.
FIELDS = ("verb",)

PARAMS: dict[str, Param] = {
    "check_context": Param(
        bool,
        True,
        "look for each agent in the other side's two preceding sentences too before "
        "calling it a substitution",
    ),
}

# Words between a name and its verb that change neither: auxiliaries and adverbs.
_AUXILIARIES = frozenset(
    """will would has had have is was were are be been being can could may might must
    shall should did does do also again then later already still once reportedly
    formally officially finally initially jointly""".split()
)
# Verbs too light to tie two sentences to one action.
_LIGHT = frozenset(stem(word) for word in "be have do make get go take give come".split())


# A name right after one of these is inside a phrase ("in western Canada have been
# arrested", "ties to Utah"), not the subject of the verb that follows.
_PREPOSITIONS = frozenset(
    """in at on of for from to with by about into over under near between against among
    after before during across through than like""".split()
)
_BE = frozenset("is are was were be been being".split())


@dataclass(frozen=True, slots=True)
class _Agent:
    name: Name
    verb: str  # the verb as written
    key: str  # its stem, with "/passive" when the name undergoes it ("X was arrested")


def _verbish(token: Token, after_auxiliary: bool) -> bool:
    low = token.low
    if not token.is_word or token.text[:1].isupper() or low in STOPWORDS:
        return False
    if low in word_set("names", "title_words") or low in word_set("words", "speech_verbs"):
        return False
    if after_auxiliary:
        return True
    irregular = word_set("words", "irregular")
    return low.endswith("ed") or low in irregular or (low.endswith("s") and not low.endswith("ss"))


def _after_preposition(before: Sequence[Token]) -> bool:
    """Whether a name is the object of a preposition: "in western Canada", "to Utah"."""
    for token in reversed([t for t in before if t.is_word][-3:]):
        if token.low in _PREPOSITIONS:
            return True
        if token.text[:1].isupper() or token.low in _AUXILIARIES:
            return False
    return False


def _adverb(word: str) -> bool:
    """ "swiftly", "formally": between an auxiliary and its verb."""
    return len(word) > 4 and word.endswith("ly")


def _skip_appositive(toks: Sequence[Token], j: int) -> int:
    """From a comma after a name, the index past the matching closing comma."""
    k = j + 1
    while k < len(toks) and toks[k].text not in (",", ".", ";", ":"):
        k += 1
    return k + 1 if k < len(toks) and toks[k].text == "," else j


def agents(text: str) -> list[_Agent]:
    """Names acting as the subject of a verb, or the agent after "by"."""
    toks = tokens(text)
    names = find_names(text)
    quoted = [(q.start, q.end) for q in find_quotes(text)]
    found: list[_Agent] = []
    for name in names:
        if name.possessive or any(start <= name.start < end for start, end in quoted):
            continue  # whose, not who; a quoted nickname is no name to compare
        i = next((k for k, t in enumerate(toks) if t.start == name.start), 0)
        prefix_start = i - len(tokens(name.prefix)) if name.prefix else i
        in_phrase = _after_preposition(toks[:prefix_start])
        j = next((k for k, t in enumerate(toks) if t.start >= name.end), len(toks))
        if j < len(toks) and toks[j].text == ",":
            j = _skip_appositive(toks, j)
        auxiliary, passive = False, False
        while j < len(toks) and (
            toks[j].low in _AUXILIARIES | {"not", "n't"} or _adverb(toks[j].low)
        ):
            auxiliary = True
            passive = passive or toks[j].low in _BE
            j += 1
        if not in_phrase and j < len(toks) and _verbish(toks[j], auxiliary):
            key = stem(toks[j].text) + ("/passive" if passive else "")
            found.append(_Agent(name, toks[j].text, key))
        # Passive: "... was criticised by President Volodymyr Zelensky".
        k = i - 1
        while k >= 0 and (
            toks[k].low in word_set("names", "title_words") or toks[k].text[:1].isupper()
        ):
            k -= 1
        if k >= 1 and toks[k].low == "by" and toks[k - 1].low.endswith(("ed", "en")):
            found.append(_Agent(name, toks[k - 1].text, stem(toks[k - 1].text)))
    return [agent for agent in found if agent.key.split("/")[0] not in _LIGHT]


def _same(a: Name, b: Name, aliases: Mapping[str, str]) -> bool:
    if same_name(a.text, b.text, aliases):
        return True
    if a.kind == PLACE or b.kind == PLACE:
        return gazetteer.relation(a.text, b.text) in (
            gazetteer.SAME,
            gazetteer.INSIDE,
            gazetteer.CONTAINS,
        )
    return False


def _present(name: Name, texts: Sequence[str], aliases: Mapping[str, str]) -> bool:
    for text in texts:
        if fold(name.text) in fold(text):
            return True
        if any(_same(name, other, aliases) for other in find_names(text)):
            return True
    return False


def check(
    left: Claim, right: Claim, params: Mapping[str, Any], context: Context
) -> Iterator[Finding]:
    aliases = context.aliases
    left_agents, right_agents = agents(left.text), agents(right.text)
    use_context = bool(params.get("check_context", True))
    left_texts = [left.text, *(left.context if use_context else ())]
    right_texts = [right.text, *(right.context if use_context else ())]
    for verb in {a.key for a in left_agents} & {b.key for b in right_agents}:
        lefts = [a for a in left_agents if a.key == verb]
        rights = [b for b in right_agents if b.key == verb]
        if any(_same(a.name, b.name, aliases) for a in lefts for b in rights):
            continue
        for a in lefts:
            for b in rights:
                if _present(a.name, right_texts, aliases) or _present(b.name, left_texts, aliases):
                    continue
                yield Finding(
                    left_value=a.name.text, right_value=b.name.text, fields={"verb": b.verb}
                )
                return
