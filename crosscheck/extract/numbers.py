"""Find the quantities a sentence states: value, unit, what they count and how hedged.

>>> [(q.text, q.value, q.unit, q.counted) for q in find_quantities(
...     "At least 10 people were killed and about 100 were missing.")]
[('At least 10', 10.0, '', 'killed'), ('about 100', 100.0, '', 'missing')]
>>> q = find_quantities("Orvane will pay $32bn in cash.")[0]
>>> q.text, q.value, q.unit
('$32bn', 32000000000.0, 'USD')

Digits and words ("three", "a thousand", "1.2 million", "a dozen", "two and a half"),
ranges ("18 to 25", "2-3 days", "two- to three-day", "two or three days") and hedges
("at least", "about", "nearly", "just over", "up to", "under") are read. Money is
normalised to a currency code and a plain amount ("$32bn" == "32 billion dollars"),
durations to seconds, distances to km, areas to hectares. A reading on a scale ("a
magnitude 6.1 event", "a 6.1 quake") keeps the event it measures, named by WordNet's
synset of the noun. Years, dates, clock times,
ordinals ("second round"), ratios ("one in three") and numbers inside names ("Unit
8200", "F-16", "COVID-19") are not quantities.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, replace

from crosscheck.extract.counted import (
    GENERIC,
    STATES,
    STOP,
    counted_after,
    counted_before,
    counted_of,
    distance_kind,
    event_noun,
    group_of,
    is_noun,
    is_person_noun,
    measured_event,
    money_noun,
    normal,
    singular,
    state_before,
    whose_age,
    word_after,
)
from crosscheck.extract.dates import clock_spans, date_spans
from crosscheck.extract.figures import FIGURE, Core, read_core
from crosscheck.extract.quantity_units import (
    AGE_AND_OVER,
    AGE_APPOSITION,
    AGE_BEFORE,
    AND,
    BETWEEN,
    CAPITALS_OK,
    CHANGE_FROM,
    COMPOUND,
    CURRENCY_PREFIX,
    CURRENCY_SUFFIX,
    CURRENCY_WORDS,
    DIRECTION,
    LENGTH_CUES,
    LETTERS_AFTER,
    MAGNITUDE_BEFORE,
    NAME_BEFORE,
    NEXT_WORD,
    OFFSET_AFTER,
    ORDINAL_AFTER,
    PERCENT,
    PERCENT_THEN_MONEY,
    PREFIX_CODES,
    RANGE_JOIN,
    RANK_BEFORE,
    RATE_AFTER,
    RATIO_AFTER,
    SCALE_FIGURE_MAX,
    SCORE_BEFORE,
    SET_ASIDE,
    TOTAL,
    UNIT,
    UNITS,
    is_rate,
)

__all__ = ["DEFAULT_HEDGE_TOLERANCE", "HEDGES", "Quantity", "find_quantities", "hedge_bounds"]

# How far "about", "nearly" or "just over" stretch a figure when the caller says nothing
# else: "about 750" allows 675-825. The numbers check overrides it with its own param.
DEFAULT_HEDGE_TOLERANCE = 0.1

INF = math.inf
# A basis point is a hundredth of a percentage point: figures in basis points are kept
# in percentage points ("pp") so that "down 25 basis points" meets "0.25 points".
BASIS_POINT = 0.01


@dataclass(frozen=True, slots=True)
class Quantity:
    """One stated quantity.

    ``stated`` is the figure or range as written ("18 to 25" -> (18, 25)), in the
    normalised unit; ``low``..``high`` is what the hedge allows at the default hedge
    tolerance ("more than 500" -> 500..inf); ``bounds(h)`` recomputes it for another.
    ``unit`` is "" for a plain count, "%", "pp", a currency code ("USD"), "s" (durations,
    in seconds), "age", "km", "kg", "ha", "magnitude". ``counted`` is what a count
    counts, normalised ("killed" for dead/died/deaths, "aircraft" for warplanes), or
    None. ``direction`` is +1/-1 for a rise or a fall ("dropped 4%"). ``reference`` marks
    a figure given only as a yardstick: one set aside ("rather than the thousands"), an
    old value ("up from 1,002"), a total ("5% of its 24,000 staff") or a part of one
    ("two women and one man died").
    ``phrase_end`` extends the span over the words it counts ("more than 500 children").
    """

    text: str
    start: int
    end: int
    value: float
    low: float
    high: float
    unit: str
    counted: str | None = None
    hedge: str = ""
    stated: tuple[float, float] = (0.0, 0.0)
    direction: int = 0
    reference: bool = False
    phrase_end: int = 0

    def bounds(self, hedge_tolerance: float = DEFAULT_HEDGE_TOLERANCE) -> tuple[float, float]:
        """The range the hedge allows when "about" stretches a figure by ``hedge_tolerance``."""
        return hedge_bounds(self.hedge, *self.stated, hedge_tolerance)


# --------------------------------------------------------------------------- hedges

# Normalised hedge -> the phrases that say it. Longer phrases are tried first.
HEDGES: dict[str, tuple[str, ...]] = {
    "about": (
        "about", "around", "roughly", "approximately", "approx.", "approx", "some",
        "an estimated", "estimated", "circa", "an approximate", "in the region of",
    ),
    "nearly": (
        "nearly", "almost", "close to", "just under", "a little under", "slightly under",
        "slightly less than", "a little less than", "just below", "not quite", "just shy of",
    ),
    "just over": (
        "just over", "a little over", "slightly over", "slightly more than",
        "a little more than", "just above", "just more than", "a bit over", "a bit more than",
    ),
    "at least": (
        "at least", "no fewer than", "no less than", "not less than", "a minimum of",
        "more than", "over", "upwards of", "in excess of", "above", "exceeding", "exceed",
        "exceeds", "exceeded", "well over", "well above", "north of", "beyond", "passes",
        "passed", "tops", "topped", "surpasses", "surpassed", "crosses", "crossed",
    ),
    "up to": (
        "up to", "at most", "no more than", "not more than", "as many as", "as much as",
        "a maximum of", "under", "less than", "fewer than", "below", "within",
    ),
    "": ("only", "just", "exactly", "precisely", "a total of", "totalling", "totaling"),
}  # fmt: skip


def hedge_bounds(hedge: str, low: float, high: float, tolerance: float) -> tuple[float, float]:
    """What a hedged figure allows: ("about", 750, 750, 0.1) -> (675.0, 825.0)."""
    if hedge == "about":
        return low * (1 - tolerance), high * (1 + tolerance)
    if hedge == "nearly":
        return low * (1 - tolerance), high
    if hedge == "just over":
        return low, high * (1 + tolerance)
    if hedge == "at least":
        return low, INF
    if hedge == "up to":
        return 0.0, high
    return low, high


_HEDGE_OF = {phrase: name for name, phrases in HEDGES.items() for phrase in phrases}
_HEDGE_RE = re.compile(
    r"(?<![\w-])(?P<hedge>"
    + "|".join(
        re.escape(p).replace(r"\ ", r"\s+") for p in sorted(_HEDGE_OF, key=len, reverse=True)
    )
    + r")\s+$",
    re.IGNORECASE,
)

# --------------------------------------------------------------------------- main


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in spans)


def _is_name(text: str, start: int) -> bool:
    """A number right after a capitalised word is part of a name: "Unit 8200", "Boeing 737"."""
    found = NAME_BEFORE.search(text, max(0, start - 40), start)
    if not found or found.group(1).lower() in CAPITALS_OK:
        return False
    # The first word of a sentence is capitalised whatever it is.
    return bool(text[: found.start(1)].strip(" \"'“‘(["))


def _currency_code(word: str) -> str:
    word = word.lower()
    return CURRENCY_WORDS.get(word) or CURRENCY_WORDS[word[:-1]]


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity stated in ``text``, in reading order.

    >>> [(q.text, q.stated, q.unit) for q in find_quantities(
    ...     "He offered a two- to three-day truce for all captives aged 18 to 25.")]
    [('two- to three-day', (172800.0, 259200.0), 's'), ('18 to 25', (18.0, 25.0), 'age')]
    """
    blocked = date_spans(text) + clock_spans(text)
    cores: list[Core] = []
    for match in FIGURE.finditer(text):
        if _overlaps(match.span(), blocked):
            continue
        core = read_core(match)
        if core is not None:
            cores.append(core)
    quantities: list[Quantity] = []
    index = 0
    while index < len(cores):
        core = cores[index]
        index += 1
        if core.kind == "number" and ORDINAL_AFTER.match(text, core.end):
            continue
        if core.kind == "number":
            before = text[max(0, core.start - 12) : core.start]
            if RANK_BEFORE.search(before) or SCORE_BEFORE.search(before):
                index = _past_dashed(
                    text, cores, index
                )  # "(10-2)": the tie-break's other figure too
                continue
        if core.kind in ("number", "short") and LETTERS_AFTER.match(text, core.end):
            continue  # "76ers", "4G", "3Com": part of a name
        if core.kind in ("number", "short") and RATIO_AFTER.match(text, core.end):
            index += 1  # "one in three": the second number goes with the first
            continue
        low, high, end = core.low, core.high, core.end
        dashed = False
        # A range: "18 to 25", "2-3", "two- to three-day", "two or three".
        if index < len(cores) and core.kind == "number":
            nxt = cores[index]
            join = RANGE_JOIN.fullmatch(text, core.end, nxt.start)
            if not join and BETWEEN.search(text, max(0, core.start - 12), core.start):
                join = AND.fullmatch(text, core.end, nxt.start)
            changed = CHANGE_FROM.search(text, max(0, core.start - 60), core.start)
            if join and PERCENT_THEN_MONEY.search(join.group()):
                join = None  # "rose 69 per cent to $44.1bn": a rate, then an amount
            if join and nxt.kind == "number" and not changed:
                scaled = low
                if core.factor == 1 and nxt.factor > 1:
                    scaled = low * nxt.factor  # "2-3 million": one scale for both ends
                if nxt.low > scaled:
                    low = high = scaled
                    high, end = nxt.high, nxt.end
                    index += 1
                    dashed = join.group().strip() in ("-", "–")
                elif join.group().strip() in ("-", "–"):
                    # "3-2", "45-7-2": a score or a record, not a range.
                    index = _past_dashed(text, cores, index + 1)
                    continue
        quantity = _build(text, core, low, high, end)
        if quantity and dashed and not quantity.unit and quantity.phrase_end == quantity.end:
            continue  # a bare "9-14" is a win-loss record as often as a range
        if quantity is not None:
            quantities.append(quantity)
    return _mark_parts(text, _join_durations(text, quantities))


def _kind_of_thing(word: str) -> bool:
    """Whether the word after a hyphenated figure ("five-set ___") is a plural noun: the
    figure then says what kind of thing it is ("five-set matches"), not how many."""
    low = word.lower()
    return low not in STOP and singular(low) != low and is_noun(low)


# Durations written in parts: "5 hours and 53 minutes", "2 hours 10 minutes".
_DURATION_JOIN = re.compile(r",?\s+(?:and\s+)?")


def _join_durations(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """ "5 hours and 53 minutes" is one length of time, not two figures to compare."""
    out: list[Quantity] = []
    for q in quantities:
        last = out[-1] if out else None
        if (
            last is not None
            and last.unit == q.unit == "s"
            and not q.hedge
            and last.stated[1] > q.stated[1]
            and last.phrase_end == last.end
            and _DURATION_JOIN.fullmatch(text, last.end, q.start)
        ):
            stated = (last.stated[0] + q.stated[0], last.stated[1] + q.stated[1])
            low, high = hedge_bounds(last.hedge, *stated, DEFAULT_HEDGE_TOLERANCE)
            out[-1] = replace(
                q,
                text=text[last.start : q.end],
                start=last.start,
                value=stated[0],
                low=low,
                high=high,
                hedge=last.hedge,
                stated=stated,
            )
            continue
        out.append(q)
    return out


def _past_dashed(text: str, cores: list[Core], index: int) -> int:
    """The index after the figures joined by dashes to ``cores[index - 1]``: "45-7-2"."""
    while index < len(cores) and re.fullmatch(
        r"\s*[-–]\s*", text[cores[index - 1].end : cores[index].start]
    ):
        index += 1
    return index


_ENUMERATION = re.compile(r"\s*,?\s*(?:and|or|as\s+well\s+as)\s+")


def _mark_parts(text: str, quantities: list[Quantity]) -> list[Quantity]:
    """ "two women and one man died": each count is a part of a whole, not a rival total."""
    marked = list(quantities)
    for i in range(len(marked) - 1):
        first, second = marked[i], marked[i + 1]
        if first.unit or second.unit or first.counted in STATES.values():
            continue
        if first.phrase_end == first.end or first.counted is None:
            continue
        if _ENUMERATION.fullmatch(text, first.phrase_end, second.start):
            marked[i] = replace(first, reference=True)
            marked[i + 1] = replace(second, reference=True)
    return marked


def _build(text: str, core: Core, low: float, high: float, end: int) -> Quantity | None:
    start = core.start
    unit = ""
    counted: str | None = None
    compound = False
    before = text[max(0, start - 60) : start]
    # Currency written before the figure: "$32bn", "US$ 5m", "£1.2 million".
    currency = CURRENCY_PREFIX.search(before)
    if currency:
        sign = "".join(currency["cur"].split()).upper()  # "US $" is "US$"
        unit = PREFIX_CODES.get(sign, sign)
        start -= len(currency.group())
        before = text[max(0, start - 60) : start]
    elif core.kind == "short":
        # Without a currency "3.5m barrels" is 3.5 million, but "a 10m wall" is a length.
        following = NEXT_WORD.match(text, end)
        if core.factor == 1e6 and (not following or following[1].lower() in LENGTH_CUES):
            unit = "km"
            low, high = low / 1e6 * 0.001, high / 1e6 * 0.001
        elif not following:
            return None
    if core.kind == "magword":
        cur = CURRENCY_SUFFIX.match(text, end - 1)
        if not cur:
            return None
        unit = _currency_code(cur["cur"])
        end = cur.end()
        compound = True
    elif core.kind == "fraction":
        unit = "%"
    elif not unit:
        percent = PERCENT.match(text, end)
        cur = CURRENCY_SUFFIX.match(text, end)
        unit_match = UNIT.match(text, end)
        if percent:
            unit = "pp" if percent["pp"] or percent["bp"] else "%"
            if percent["bp"]:
                low, high = low * BASIS_POINT, high * BASIS_POINT  # 25 basis points = 0.25 pp
            end = percent.end()
        elif cur:
            unit = _currency_code(cur["cur"])
            end = cur.end()
            compound = "-" in cur.group()
        elif unit_match:
            word = singular(" ".join(unit_match["unit"].lower().split()))
            unit, factor = UNITS.get(word, UNITS.get(unit_match["unit"].lower(), ("", 1)))
            if unit_match["old"]:
                unit = "age"  # "90-year-old", "25 years old": an age in years
            else:
                low, high = low * factor, high * factor
            compound = "-" in unit_match["sep"]
            end = unit_match.end()
        elif core.kind == "unit1":
            return None
        else:
            hyphen = COMPOUND.match(text, end)
            if hyphen and hyphen["word"].lower() not in STOP:
                following = NEXT_WORD.match(text, hyphen.end())
                if following and _kind_of_thing(following[1]):
                    return None  # "five-set matches", "two-party systems": a kind, no count
                counted = normal(hyphen["word"])
                end = hyphen.end()
                compound = True
    if core.kind == "unit1" and unit != "s":
        return None
    if core.kind == "unit1" and is_rate(before):
        return None
    decimal = "." in text[core.start : core.end] and core.low < SCALE_FIGURE_MAX
    if unit == "" and (
        MAGNITUDE_BEFORE.search(before) or (decimal and event_noun(word_after(text, end)))
    ):
        unit = "magnitude"
    if AGE_BEFORE.search(before) and unit == "":
        unit = "age"
    age_floor = unit == "" and AGE_AND_OVER.match(text, end)
    if age_floor:
        unit, end = "age", age_floor.end()
    # "Ilse Varn, 32, said", "Varn, 32." or "Varn, 32 and Mara Toft, 30": an age.
    apposition = AGE_APPOSITION.search(before) and re.match(
        r"\s*(?:[,)]|\.(?!\d)|and\s+[A-Z])", text[end:]
    )
    if unit == "" and apposition and core.kind == "number" and low == high < 120:
        unit = "age"
    if unit == "" and core.kind in ("number",) and _is_name(text, start):
        return None
    if re.match(r"-on-", text[end : end + 4]) or text[max(0, start - 4) : start] == "-on-":
        return None  # "one-on-one"
    # Hedges and yardsticks are read before the currency sign: "about $1bn".
    hedge_match = _HEDGE_RE.search(before)
    hedge = _HEDGE_OF[" ".join(hedge_match["hedge"].lower().split())] if hedge_match else ""
    q_start = start - len(hedge_match.group()) if hedge_match else start
    window = text[max(0, q_start - 60) : q_start]
    reference = any(p.search(window) for p in (SET_ASIDE, CHANGE_FROM, TOTAL))
    # What is counted.
    phrase_end = end
    if unit in ("", "s") and not counted:
        after_counted, phrase_end = counted_after(text, end)
        if unit == "" or compound:
            counted = after_counted
        if unit == "" and phrase_end == end and group_of(text, q_start):
            # "a mother of 8 was killed": nothing follows the figure, so it counts what
            # the noun before "of" has (children), not the state the clause goes on to.
            counted = group_of(text, q_start)
        elif unit == "" and counted is None:
            counted = counted_of(text, q_start, end) or counted_before(text, q_start)
        if unit == "" and counted and is_person_noun(counted):
            # "killed 12 Canadians" / "leaving 9 people dead": both count the dead.
            counted = state_before(text, q_start) or counted
        if counted in GENERIC:
            counted = None
    elif len(unit) == len("USD") and unit.isupper():
        counted = money_noun(text, end)  # "a $2bn write-off" is no rival to "$1.4bn of bills"
    if unit == "s" and OFFSET_AFTER.match(text, end):
        counted = "offset"  # "12 minutes later": how long after, not how long
    rate = RATE_AFTER.match(text, max(end, phrase_end))
    if rate and unit not in ("%", "pp", "age"):
        unit = f"{unit}/{singular(rate[1].lower())}"  # "$23 million per season"
        phrase_end = rate.end()
    if text[core.start : core.end].lower() == "one" and unit == "":
        if phrase_end == end:
            return None  # "a destructive one", "not a single one": a pronoun, not a count
        if re.search(r"\b(?:no|not)\s+$", text[max(0, start - 5) : start], re.IGNORECASE):
            return None  # "no one was hurt" says none, which is for the negation check
    under = hedge_match is not None and hedge_match["hedge"].lower() == "under"
    if under and unit == "" and counted is None and phrase_end == end and high <= 120:
        unit = "age"  # "servicemen under 25", "those under 25": an age limit
    if unit == "age":
        counted = whose_age(text, q_start, end)
    if unit == "magnitude":
        counted = measured_event(text, q_start, end)
    if unit == "km":
        counted = distance_kind(text, q_start, end)
    direction = 0
    if unit in ("%", "pp"):
        found = list(DIRECTION.finditer(text[max(0, q_start - 40) : q_start]))
        if found:
            direction = -1 if found[-1]["down"] else 1
    if age_floor:
        hedge = "at least"
    lo, hi = hedge_bounds(hedge, low, high, DEFAULT_HEDGE_TOLERANCE)
    return Quantity(
        text=text[q_start:end],
        start=q_start,
        end=end,
        value=low,
        low=lo,
        high=hi,
        unit=unit,
        counted=counted,
        hedge=hedge,
        stated=(low, high),
        direction=direction,
        reference=reference,
        phrase_end=max(end, phrase_end),
    )
