"""What a figure counts, measures or gives the age of, from the words around it.

"10 people were killed" counts the killed, "two of the Britons" Britons, "a 6.4-magnitude
aftershock" measures an aftershock, "a 15-year-old teenager" gives a teenager's age.
``crosscheck.extract.numbers`` calls these on each figure it reads.

>>> counted_after("500 children it says", 3)
('child', 12)
>>> whose_age("Sandy Mitchell, 44, from Glasgow", 16, 18)
'mitchell'
"""

from __future__ import annotations

import re

from crosscheck.extract.quantity_units import AGE_APPOSITION, CAPITALS_OK, EVENT_SENSES, NOUN_AFTER

# What a count counts, normalised: dead/died/killed are one thing.
STATES = {
    **dict.fromkeys(
        "killed dead died die dies deaths death fatalities lives bodies toll perished kills "
        "kill killing".split(),
        "killed",
    ),
    **dict.fromkeys(
        "injured wounded hurt injuries injury injures injure injuring wounding".split(),
        "injured",
    ),
    **dict.fromkeys("shot shoots shooting".split(), "shot"),
    **dict.fromkeys("missing unaccounted".split(), "missing"),
    **dict.fromkeys("displaced homeless".split(), "displaced"),
    **dict.fromkeys("arrested detained".split(), "arrested"),
    **dict.fromkeys("evacuated".split(), "evacuated"),
    **dict.fromkeys("rescued".split(), "rescued"),
}
# Other words for one thing counted are WordNet's business (the numbers check asks
# ``wordnet.related``: "plane" is a kind of "aircraft", "truce" and "ceasefire" share a
# synset). Kept here: British and American spellings and the everyday synonym of a
# storey, which WordNet files apart.
_SYNONYMS = {
    **dict.fromkeys("storey story floor".split(), "storey"),
}
# Words that say nothing of what is counted: "three people were killed" counts the killed.
GENERIC = frozenset("people persons person individuals names others victims cases".split())
# Words a count may be followed by before the word that says what it counts.
_SKIP = frozenset(
    "more still other additional new further were was are is had have has been being "
    "remained remain remains reportedly confirmed now already so far also".split()
)
STOP = frozenset(
    "did do does not could would will can may might must should shall "
    "a an the and or but nor in on at to from by for with as of that which who whom whose "
    "it its they them he she we you this these those there than rather instead including "
    "said says according while when where after before since during into onto over under "
    "against between among per each every across through".split()
)
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*|[^\sA-Za-z]")


def singular(word: str) -> str:
    irregular = {"children": "child", "people": "person", "men": "man", "women": "woman",
                 "servicemen": "serviceman", "feet": "foot", "bodies": "body"}  # fmt: skip
    if word in irregular:
        return irregular[word]
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith(("sses", "xes", "ches", "shes")):
        return word[:-2]
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def normal(word: str) -> str:
    word = word.lower().replace("’", "'").removesuffix("'s")
    if word in STATES:
        return STATES[word]
    single = singular(word)
    return _SYNONYMS.get(single, single)


def _is_plural(word: str) -> bool:
    return singular(word) != word or word in ("aircraft",)


def counted_after(text: str, end: int) -> tuple[str | None, int]:
    """What the words after a count say it counts, and where the adjacent noun run ends.

    "500 children it says" -> ("child", end of "children"); "10 people were killed" ->
    ("killed", end of "people"); "1,644 on Saturday" -> (None, end).
    """
    head: str | None = None
    generic = False
    run_end = end
    adjacent = True
    for n, token in enumerate(_TOKEN.finditer(text, end, min(len(text), end + 80))):
        word = token.group().lower().replace("’", "'").removesuffix("'s")
        if n >= 7 or not word[0].isalpha():
            break
        if word in STATES:
            if adjacent:
                run_end = token.end()
            return STATES[word], run_end
        if head is not None:
            if word in _SKIP:
                adjacent = False
                continue
            if word in STOP or n > 3 or word.endswith(("ly", "ed")) or _is_plural(head):
                break  # "five-year term technically expired", "women continue": ends before
            if adjacent:
                head = word  # the last word of a noun run is its head: "air bases"
                run_end = token.end()
            continue
        if word in GENERIC:
            generic = True
            if adjacent:
                run_end = token.end()
            continue
        if word in _SKIP:
            adjacent = False
            continue
        if word in STOP or generic:
            break
        head = word
        if adjacent:
            run_end = token.end()
    return (normal(head) if head else None), run_end


_OF_THE = re.compile(r"\s+of\s+(?:the|those|these|its|their|his|her|our)\s+([A-Za-z]+)")
_GROUP_OF = re.compile(r"\b([a-z]+)\s+of\s+$")
# Words before "of N" that do not say what N counts: "a total of 500", "a list of 339".
_NOT_COUNTED = frozenset(
    "total number list tally count estimate figure average maximum minimum sum toll out "
    "some all each any none most many part share age depth height length rate".split()
)


def counted_of(text: str, start: int, end: int) -> str | None:
    """ "two of the Britons" counts Britons; "in groups of 40" counts groups."""
    found = _OF_THE.match(text, end)
    if found:
        return normal(found.group(1))
    found = _GROUP_OF.search(text, max(0, start - 40), start)
    return None if not found or found.group(1) in _NOT_COUNTED else normal(found.group(1))


def group_of(text: str, start: int) -> str | None:
    """The noun of "<noun> of N" right before a figure: "a mother of 12" -> "mother"."""
    found = _GROUP_OF.search(text, max(0, start - 40), start)
    return None if not found or found.group(1) in _NOT_COUNTED else normal(found.group(1))


def is_person_noun(word: str) -> bool:
    """Whether WordNet's most frequent sense of ``word`` names a person: "Canadian",
    "officer", "user" (noun.person); not "people" (a group) or "house"."""
    from crosscheck.extract import wordnet

    return "noun.person" in wordnet.lexnames(word, "n", 1)


def state_before(text: str, start: int) -> str | None:
    """The state a verb right before a figure gives it: "killed 12 Canadians" counts
    the killed, "injuring 12 children" the injured (a hedge in between is allowed)."""
    found = _VERB_BEFORE.search(text, max(0, start - 40), start)
    return STATES.get(found.group(1).lower()) if found else None


_VERB_BEFORE = re.compile(r"\b([A-Za-z]+)\s+(?:(?:at\s+least|some|about|nearly|more\s+than)\s+)?$")

# Words after an amount of money that say when, not what: "$2.1 billion yesterday".
_WHEN = frozenset(
    """now today yesterday tomorrow tonight earlier later last next this year month week
    quarter""".split()
)
_OF_PLURAL = re.compile(r"\s+of\s+(?:[\w-]+\s+)?([a-z]+s)\b")


def money_noun(text: str, end: int) -> str | None:
    """What an amount of money is: the noun right after it ("a $2 billion write-off" ->
    "write-off"), or the plural after "of" ("$1.4bn of bills" -> "bill"); None when the
    words after say nothing of it ("$2.1 billion in cash", "$32bn yesterday")."""
    head, run_end = counted_after(text, end)
    plain = head is not None and head not in _WHEN and head not in CAPITALS_OK
    if plain and head and run_end > end and head not in STATES.values() and is_noun(head):
        return head
    found = _OF_PLURAL.match(text, end)
    if found and is_noun(singular(found.group(1))):
        return normal(found.group(1))
    return None


_CLAUSE_START = re.compile(r"[,;:()]|\b(?:and|but|while|with)\b")


def counted_before(text: str, start: int) -> str | None:
    """A state word earlier in the clause: "the death toll ... has climbed to 2,056"."""
    before = text[max(0, start - 90) : start]
    cut = max((m.end() for m in _CLAUSE_START.finditer(before)), default=0)
    for word in reversed(re.findall(r"[A-Za-z]+", before[cut:])):
        if word.lower() in STATES:
            return STATES[word.lower()]
    return None


def word_after(text: str, end: int) -> str:
    match = NOUN_AFTER.match(text, end)
    return match[1].lower() if match else ""


def event_noun(word: str) -> bool:
    """Whether ``word`` (or its singular) most often names an event or a natural
    phenomenon in WordNet: "quake", "eruption", "storm"; not "people" or "days"."""
    from crosscheck.extract import wordnet

    if not word or word in STOP:
        return False
    senses = wordnet.lexnames(singular(word), "n", 1)
    return bool(senses) and senses[0] in EVENT_SENSES


# Words between a scale reading and the thing it measures ("the main shock measured
# 7.7", "an earthquake of magnitude 6.4", "a 6.4-magnitude aftershock").
_MEASURE_WORDS = frozenset(
    "magnitude measured measuring registered registering of a an the at with "
    "strength intensity was is had has".split()
)
# How far back (in words) the measured noun is looked for: "The main shock measured".
_MEASURED_WINDOW = 4


def measured_event(text: str, start: int, end: int) -> str | None:
    """What a scale reading measures: the noun right after it ("a 6.4-magnitude
    aftershock"), else the noun in front of the measuring words ("the main shock
    measured 7.7"), named by the first word of its most frequent WordNet synset so that
    spellings of one event meet ("quake", "temblor" -> "earthquake") and different ones
    ("aftershock") stay apart. None when no noun is near."""
    after = word_after(text, end)
    if after == "magnitude":
        after = word_after(text, end + text[end:].lower().index("magnitude") + len("magnitude"))
    if after and after not in STOP and after not in _MEASURE_WORDS and is_noun(after):
        return _synset_name(after)
    words = re.findall(r"[A-Za-z]+", text[max(0, start - 60) : start])
    while words and words[-1].lower() in _MEASURE_WORDS:
        words.pop()
    for word in reversed(words[-_MEASURED_WINDOW:]):
        low = word.lower()
        if low in STOP or low in _MEASURE_WORDS:
            break
        if is_noun(low):
            return _synset_name(low)
    return None


def is_noun(word: str) -> bool:
    from crosscheck.extract import wordnet

    return wordnet.is_word(singular(word), "n")


def _synset_name(word: str) -> str:
    """The first word of the most frequent WordNet noun synset of ``word``, else the
    word. (crosscheck/extract/wordnet.py has no public call for a synset's words yet:
    its internal reader is used, and the word itself when that reader changes.)"""
    from crosscheck.extract import wordnet

    single = singular(word)
    try:
        offsets = wordnet._offsets("n", wordnet._key(single))
        return (
            str(wordnet._synset("n", offsets[0])[1][0]).lower().replace("_", " ")
            if offsets
            else single
        )
    except (AttributeError, IndexError, KeyError, TypeError):
        return single


_AGE_NOUN_AFTER = re.compile(r"\s+([A-Za-z]+)")


def whose_age(text: str, start: int, end: int) -> str | None:
    """Who is that old: "a 15-year-old teenager" -> "teenager", "Sandy Mitchell, 44" ->
    "mitchell". Two ages are compared only for the same kind of person."""
    before = AGE_APPOSITION.search(text, max(0, start - 40), start)
    if before:
        return before.group().strip(" ,.").lower()
    if text[end - 4 : end].lower() == "-old" or text[end - 4 : end].lower() == " old":
        after = _AGE_NOUN_AFTER.match(text, end)
        if after and after[1].lower() not in STOP:
            return normal(after[1])
    return None


_DIRECTIONS = re.compile(
    r"\s+(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\b|\s+(?:from|away|off)\b",
    re.IGNORECASE,
)


def distance_kind(text: str, start: int, end: int) -> str | None:
    """ "16 km northwest of Vestby" is a distance, "a depth of 10 km" a depth."""
    if _DIRECTIONS.match(text, end):
        return "distance"
    before = text[max(0, start - 30) : start].lower()
    for word in ("depth", "deep", "height", "high", "long", "length", "wide", "width"):
        if word in before or re.match(rf"\s+{word}\b", text[end : end + 12].lower()):
            return {"deep": "depth", "high": "height", "long": "length", "wide": "width"}.get(
                word, word
            )
    return None
