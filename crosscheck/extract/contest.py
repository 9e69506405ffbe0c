"""Who won and who lost, whatever the words: "X beat Y", "Y lost to X", "X's win over
Y", "a defeat to X", "Y was defeated by X".

News reports one result with a winning verb on one side and a losing one on the other.
A name's part in the contest is read from its slot in the parse (``Mention.role`` and
the word it attaches to) and WordNet: a verb that is a kind of "defeat" ("beat",
"trounce", "edge") or "win" makes its doer the winner and the one it is done to the
loser; "lose", its antonym, the reverse ("lost to X": X won); the nouns of winning
("victory", "win") name the loser after "over" or "against", those of losing ("loss",
"defeat") the winner after "to".

>>> side(Mention("org", "ORG", "Vexlo", 0, 5, "prep:to", "lose", "VERB"))  # doctest: +SKIP
'winner'
"""

from __future__ import annotations

from functools import cache, lru_cache

from crosscheck.extract import wordnet
from crosscheck.extract.slots import Mention

WINNER, LOSER = "winner", "loser"
# The general words of a contest's result (English, not of any one sport or story):
# a verb that is "defeat" or a kind of it within WordNet's hypernyms, or "win"; its
# antonym "lose"; the noun of winning (and WordNet's synonyms of it) and of losing.
DEFEAT, WIN, LOSE = "defeat", "win", "lose"
WIN_NOUNS = frozenset({"victory", "win", "triumph"})
LOSS_NOUNS = frozenset({"defeat", "loss"})
# Hypernym levels read for "a kind of defeat": "beat" and "trounce" are one and two
# below it; three reaches verbs as wide as "act".
DEFEAT_LEVELS = 2
SENSES = 1


@cache
def _defeating(lemma: str) -> bool:
    if lemma in (DEFEAT, WIN):
        return True
    if not wordnet.available():
        return False
    # The verb's most frequent sense only: "kill" and "shoot" also have a sense of
    # defeating a proposal ("the bill was killed"), which is not what news means.
    frontier = list(wordnet._offsets("v", lemma)[:SENSES])
    for _ in range(DEFEAT_LEVELS + 1):
        following = []
        for offset in frontier:
            _, words, pointers = wordnet._synset("v", offset)
            if DEFEAT in (w.lower() for w in words):
                return True
            following += [t for symbol, t, pos, _, _ in pointers if symbol == "@" and pos == "v"]
        frontier = following
    return False


def side(mention: Mention) -> str:
    """``WINNER`` or ``LOSER`` for a name the sentence makes one, else ""."""
    head, role = mention.head, mention.role
    if not head:
        return ""
    doer = role == "agent" or (role == "subj" and not mention.passive)
    done_to = role == "obj" or (role == "subj" and mention.passive)
    if mention.head_pos == "VERB":
        if head == LOSE:
            return LOSER if doer else WINNER if role == "prep:to" else ""
        if not _defeating(head):
            return ""
        if doer:
            return WINNER
        if role in ("prep:over", "prep:against") or (done_to and head != WIN):
            return LOSER  # "won the final" names no loser; "defeated Vexlo" does
        return ""
    if mention.head_pos == "NOUN":
        if head in WIN_NOUNS:
            return LOSER if role in ("prep:over", "prep:against") else ""
        if head in LOSS_NOUNS:
            return WINNER if role == "prep:to" else ""
    return ""


@lru_cache(maxsize=4096)
def headline_sides(text: str) -> tuple[Mention, ...]:
    """The winners and losers a Title Case headline names: "Rovers Beat Lumen 2-1",
    "Playoff Spot With Win Over Lumen". In Title Case the tagger cannot tell a team named
    by a plural noun ("Rovers") from a description, and parses the run of capitals
    badly; the headline is parsed once more with every word a dictionary knows in lower
    case (the first one kept), and a word written with a capital that wins or loses
    there is a side, with the capitalised words compounded before it ("Red Sox")."""
    from crosscheck.extract.recase import flat_case, title_case
    from crosscheck.extract.slots import governor, passive_subject
    from crosscheck.nlp import default_parser

    if not title_case(text):
        return ()
    found = []
    for token in default_parser()(flat_case(text)):
        if token.pos_ not in ("NOUN", "PROPN") or token.dep_ in ("compound", "flat"):
            continue
        first = token.i
        while first and token.doc[first - 1].dep_ == "compound":
            first -= 1
        start, end = token.doc[first].idx, token.idx + len(token.text)
        if not all(w[:1].isupper() for w in text[start:end].split()):
            continue
        role, head = governor(token)
        mention = Mention(
            kind="other",
            label="PROPN",
            text=text[start:end],
            start=start,
            end=end,
            role=role,
            head=head.lemma_.lower(),
            head_pos=head.pos_,
            passive=passive_subject(token),
        )
        if side(mention):
            found.append(mention)
    return tuple(found)
