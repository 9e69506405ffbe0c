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

from crosscheck.extract.dates import clock_spans, date_spans

__all__ = ["DEFAULT_HEDGE_TOLERANCE", "HEDGES", "Quantity", "find_quantities", "hedge_bounds"]

# How far "about", "nearly" or "just over" stretch a figure when the caller says nothing
# else: "about 750" allows 675-825. The numbers check overrides it with its own param.
DEFAULT_HEDGE_TOLERANCE = 0.1

INF = math.inf


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

# --------------------------------------------------------------------------- numbers

_ONES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19, "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60,
    "seventy": 70, "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {
    "hundred": 1e2, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12,
    "bn": 1e9, "b": 1e9, "mn": 1e6, "mln": 1e6, "m": 1e6, "k": 1e3, "tn": 1e12,
    "crore": 1e7, "lakh": 1e5,
}  # fmt: skip
_WORD = "|".join([*_ONES, "hundred", "thousand", "million", "billion", "trillion", "dozen"])
# "and" joins number words only after a scale: "one hundred and twenty", not "three and four".
_SCALE_AND = r"(?:(?<=hundred)|(?<=thousand)|(?<=million)|(?<=billion))\s+and\s+"
_DIGITS = (
    r"(?<![\w.,/:])(?<![A-Za-z]-)(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?:\s?[½¼¾])?"
    r"(?![\d,]\d|/\d)"
)
_VULGAR = {"½": 0.5, "¼": 0.25, "¾": 0.75}
_CORE = re.compile(
    rf"(?P<digits>{_DIGITS})"
    r"(?:\s*(?P<scale>thousand|million|billion|trillion|bn|mn|mln|tn|crore|lakh)\b"
    r"|(?P<short>[mbk])\b)?"
    rf"|(?P<words>\b(?:an?\s+(?=(?:dozen|hundred|thousand|million|billion)\b))?"
    rf"(?:{_WORD})(?:(?:[\s-]+|{_SCALE_AND})(?:{_WORD})\b)*(?:\s+and\s+a\s+half)?\b)"
    r"|(?P<halfunit>\bhalf\s+an?(?=\s+(?:hour|day|year|mile|minute))|\ban?(?=\s+(?:hour|day|week"
    r"|month|year|decade|minute|century)s?\b(?!\s+ago)))"
    r"|(?P<vague>\b(?:(?:tens|hundreds)\s+of\s+)?(?:dozens|hundreds|thousands|millions"
    r"|billions)\b(?:\s+of\b)?)"
    r"|(?P<fraction>\b(?:an?|one|two|three)[\s-](?:half|third|quarter|fifth|tenth)s?(?=\s+of\b)"
    r"|\bhalf(?=\s+of\b))"
    r"|(?P<magword>\b(?:multi-?)?(?:million|billion|trillion)-(?=dollar|pound|euro))",
    re.IGNORECASE,
)
# Plural scales as ranges, from the scale to a hundred times it. Loose on purpose: writers
# say "thousands" of 25,000 people, and a vague word should only clash with a figure
# plainly outside it ("dozens" against 3,000), never decide a close call.
_VAGUE = {
    "dozens": (24, 1_199), "hundreds": (100, 9_999), "thousands": (1_000, 99_999),
    "millions": (1e6, 99e6), "billions": (1e9, 99e9),
    "tens of thousands": (10_000, 999_999), "hundreds of thousands": (100_000, 9_999_999),
    "tens of millions": (10e6, 999e6), "hundreds of millions": (100e6, 9_999e6),
}  # fmt: skip
_FRACTIONS = {"half": 50.0, "third": 100 / 3, "quarter": 25.0, "fifth": 20.0, "tenth": 10.0}


def _word_value(words: str) -> float | None:
    """ "two and a half" -> 2.5, "one hundred and twenty" -> 120, "a dozen" -> 12."""
    tokens = re.findall(r"[a-z]+", words.lower())
    total = current = 0.0
    seen = False
    half = False
    previous = ""
    for index, token in enumerate(tokens):
        if token in ("a", "an"):
            current = max(current, 1.0)
            continue
        if token == "and":
            if tokens[index + 1 : index + 3] == ["a", "half"]:
                half = True
                break
            if previous not in ("hundred", "thousand", "million", "billion", "trillion"):
                return None if not seen else total + current
            continue
        if token in _ONES:
            current += _ONES[token]
        elif token == "dozen":
            current = (current or 1) * 12
        elif token == "hundred":
            current = (current or 1) * 100
        elif token in _SCALES:
            total += (current or 1) * _SCALES[token]
            current = 0
        seen = True
        previous = token
    if not seen:
        return None
    return total + current + (0.5 if half else 0.0)


@dataclass(slots=True)
class _Core:
    start: int
    end: int
    low: float
    high: float
    kind: str  # "number", "short" ("5m"), "unit1" ("an hour"), "vague", "fraction", "magword"
    factor: float = 1.0  # the scale written after the figure: 1e9 for "32 billion"


def _core(match: re.Match[str]) -> _Core | None:
    start, end = match.span()
    if match["digits"]:
        digits = match["digits"].replace(",", "")
        value = float(digits.rstrip(" ½¼¾")) + _VULGAR.get(digits[-1], 0.0)
        factor = _SCALES.get((match["scale"] or match["short"] or "").lower(), 1.0)
        kind = "short" if match["short"] else "number"
        return _Core(start, end, value * factor, value * factor, kind, factor)
    if match["words"]:
        text = match["words"]
        words_value = _word_value(text)
        if words_value is None:
            return None
        last = text.lower().split()[-1].split("-")[-1]
        factor = _SCALES[last] if last in _SCALES and last != "hundred" else 1.0
        return _Core(start, end, words_value, words_value, "number", factor)
    if match["halfunit"]:
        value = 0.5 if match["halfunit"].lower().startswith("half") else 1.0
        return _Core(start, end, value, value, "unit1")
    if match["vague"]:
        key = " ".join(match["vague"].lower().split()).removesuffix(" of")
        low, high = _VAGUE[key]
        return _Core(start, end, low, high, "vague")
    if match["fraction"]:
        words = match["fraction"].lower().split()
        name = next(w.rstrip("s") for w in words if w.rstrip("s") in _FRACTIONS)
        count = _word_value(words[0]) if words[0] not in ("half",) else 1.0
        value = _FRACTIONS[name] * (count or 1)
        return _Core(start, end, value, value, "fraction")
    scale = match["magword"].lower().split("-")[-2] if "-" in match["magword"] else ""
    base = _SCALES.get(scale.replace("multi", ""), 1e9)
    if "multi" in match["magword"].lower():
        return _Core(start, end, base * 2, base * 100, "magword")
    # "the billion-dollar mark": of the order of a billion.
    return _Core(start, end, base, base * 10, "magword")


# --------------------------------------------------------------------------- units

_CURRENCY_PREFIX = re.compile(
    r"(?P<cur>US\$|A\$|C\$|HK\$|NZ\$|S\$|\$|£|€|¥|₹|Rs\.?\s?|(?:USD|EUR|GBP|JPY|CNY|INR|CHF)\s?)$"
)
_PREFIX_CODES = {
    "US$": "USD", "$": "USD", "A$": "AUD", "C$": "CAD", "HK$": "HKD", "NZ$": "NZD",
    "S$": "SGD", "£": "GBP", "€": "EUR", "¥": "JPY", "₹": "INR", "RS": "INR", "RS.": "INR",
}  # fmt: skip
_CURRENCY_WORDS = {
    "dollar": "USD", "pound": "GBP", "euro": "EUR", "yen": "JPY", "yuan": "CNY",
    "renminbi": "CNY", "rupee": "INR", "baht": "THB", "shekel": "ILS", "rouble": "RUB",
    "ruble": "RUB", "hryvnia": "UAH", "franc": "CHF", "lira": "TRY", "dirham": "AED",
    "riyal": "SAR", "peso": "MXN", "rand": "ZAR",
}  # fmt: skip
_CURRENCY_SUFFIX = re.compile(
    r"[\s-]+(?:(?:US|U\.S\.)\s+)?(?P<cur>dollars?|pounds?(?!\s+of)|euros?|yen|yuan|renminbi"
    r"|rupees?|baht|shekels?|roubles?|rubles?|hryvnias?|francs?|liras?|dirhams?|riyals?"
    r"|pesos?|rand)\b",
    re.IGNORECASE,
)
_PERCENT = re.compile(
    r"\s*(?:(?P<pct>%|per\s*cent\b|percent\b|pct\b)|\s(?P<pp>percentage\s+points?)\b)",
    re.IGNORECASE,
)
# unit word -> (unit, factor to the normalised unit)
_UNITS = {
    "second": ("s", 1), "sec": ("s", 1), "minute": ("s", 60), "min": ("s", 60),
    "hour": ("s", 3600), "hr": ("s", 3600), "day": ("s", 86400), "week": ("s", 604800),
    "month": ("s", 2629800), "year": ("s", 31557600), "decade": ("s", 315576000),
    "century": ("s", 3155760000), "centurie": ("s", 3155760000),
    "km": ("km", 1), "kilometre": ("km", 1), "kilometer": ("km", 1), "mile": ("km", 1.609344),
    "metre": ("km", 0.001), "meter": ("km", 0.001), "m": ("km", 0.001), "ft": ("km", 0.0003048),
    "feet": ("km", 0.0003048), "foot": ("km", 0.0003048), "cm": ("km", 0.00001),
    "kg": ("kg", 1), "kilogram": ("kg", 1), "kilo": ("kg", 1), "tonne": ("kg", 1000),
    "ton": ("kg", 1000), "magnitude": ("magnitude", 1),
    "hectare": ("ha", 1), "acre": ("ha", 0.40468564), "sq km": ("ha", 100),
    "square kilometre": ("ha", 100), "square kilometer": ("ha", 100),
    "square mile": ("ha", 258.998811),
}  # fmt: skip
_UNIT = re.compile(
    r"(?P<sep>[\s-]+|(?=km|kg|cm|ft|m\b))(?P<unit>seconds?|secs?|minutes?|mins?|hours?|hrs?"
    r"|days?|weeks?|months?|years?|decades?|century|centuries"
    r"|km|kilomet(?:re|er)s?|miles?|metres?|meters?|m|ft|feet|foot|cm|kg"
    r"|kilograms?|kilos?|tonnes?|tons?|magnitude|hectares?|acres?|sq\s+km"
    r"|square\s+(?:kilomet(?:re|er)s?|miles?))\b(?P<old>-old|\s+old\b)?",
    re.IGNORECASE,
)
_COMPOUND = re.compile(r"-(?P<word>[a-z]+)\b(?!-\d)")
_RANGE_JOIN = re.compile(
    r"(?:%|\s*per\s*cent)?(?:-?\s+(?:to|or)\s+|\s*[-–]\s*)(?:US\$|\$|£|€)?", re.IGNORECASE
)
# A join that leaves a percentage for a sum of money joins two figures, not a range.
_PERCENT_THEN_MONEY = re.compile(r"(?:%|per\s*cent).*(?:US\$|\$|£|€)", re.IGNORECASE)
_BETWEEN = re.compile(r"\b(?:between|aged|ages)\s+(?:US\$|\$|£|€)?$", re.IGNORECASE)
_AND = re.compile(r"(?:%|\s*per\s*cent)?\s+and\s+(?:US\$|\$|£|€)?", re.IGNORECASE)
# "women 65 and older", "those 18 or over": an age, and a floor.
_AGE_AND_OVER = re.compile(r"\s+(?:and|or)\s+(?:older|over|above)\b", re.IGNORECASE)
# "Sandy Mitchell, 44, from Glasgow": an age in apposition to a name.
_AGE_APPOSITION = re.compile(r"[A-Z][a-z]*\.?,\s+$")
_AGE_BEFORE = re.compile(r"\b(?:aged|ages|age|of\s+age)\s+(?:between\s+)?$", re.IGNORECASE)
_MAGNITUDE_BEFORE = re.compile(
    r"\b(?:magnitude(?:\s+of)?|measuring|measured|registering|registered)\s+$", re.IGNORECASE
)
# "a 6.1 quake", "a 4.2 eruption": a small figure with a decimal right before a noun
# WordNet files under events or natural phenomena is a reading on that event's scale.
_SCALE_FIGURE_MAX = 10
_EVENT_SENSES = frozenset({"noun.event", "noun.phenomenon"})
_NOUN_AFTER = re.compile(r"[\s-]+([A-Za-z][a-z]+)\b")
_SET_ASIDE = re.compile(
    r"\b(?:rather\s+than|instead\s+of|as\s+opposed\s+to|compared\s+(?:with|to)|down\s+from"
    r"|up\s+from|versus|vs\.?|not|from\s+an?\s+(?:earlier|previous)\s+\w+\s+of)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# "5% of its 24,000 staff", "one out of 12": the second figure is the whole.
_TOTAL = re.compile(
    r"(?:%|\bper\s*cent|\bpercent|\b(?:half|third|quarter|fifth|tenth|one|two|three|some|many"
    r"|most|all|each|none))\s+of\s+(?:its|their|his|her|our|the)\s+$"
    r"|\bout\s+of\s+(?:a\s+total\s+of\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)
# "rose from 1,002 to 1,644": the first figure is the old one.
_CHANGE_FROM = re.compile(
    r"\b(?:rose|risen|rising|rises|fell|fallen|falls|falling|climbed|jumped|dropped|increased"
    r"|decreased|grew|grown|declined|went\s+up|went\s+down|revised|raised|lowered|cut|slid)"
    r"\b(?:[^,;]|,(?=\d))*?\bfrom\s+$",  # within the clause; "1,644" is no clause break
    re.IGNORECASE,
)
_DIRECTION = re.compile(
    r"\b(?P<down>fell|fall|falls|falling|fallen|dropped|drop|drops|down|lower|declined|decline"
    r"|slid|slipped|lost|shed|plunged|tumbled|sank|decreased|shrank|contracted)\b"
    r"|\b(?P<up>rose|rise|rises|rising|risen|up|gained|gain|gains|climbed|jumped|increased"
    r"|grew|higher|surged|soared|advanced|added|expanded)\b",
    re.IGNORECASE,
)
_NEXT_WORD = re.compile(r"\s+([A-Za-z]+)")
# Words after "10m" that make it metres: "10m high", "a 10m wall" reads as a count of walls
# only if the wall is not described, so these cues are kept short.
_LENGTH_CUES = frozenset("high tall deep long wide away from above below of in".split())
_NAME_BEFORE = re.compile(r"(?:^|[^\w'’])([A-Z][A-Za-z&]*(?:['’]s)?)\s+$")
_ORDINAL_AFTER = re.compile(r"(?:st|nd|rd|th)\b")
# A rank is no count: "world number one", "the No. 3 seed".
_RANK_BEFORE = re.compile(r"(?:\bnumber|\bNo\.)\s*$", re.IGNORECASE)
# A bracketed figure right after a score is its tie-break: "7-6 (4)", "6-7 (5-7)".
_SCORE_BEFORE = re.compile(r"\d\s*[-–]\s*\d+\s*\($")
# Letters glued to a figure that are no unit: "76ers", "4G". Units glued to figures
# ("10km", "5kg", "$3bn") are read before this is asked.
_LETTERS_AFTER = re.compile(r"(?!(?:km|kg|cm|mm|ft|bn|mn|mln|tn|pc|s)\b)[A-Za-z]")
_RATIO_AFTER = re.compile(
    r"\s+(?:in|out\s+of)\s+(?:every\s+)?(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\b",
    re.IGNORECASE,
)
_OFFSET_AFTER = re.compile(
    r"\s+(?:later|after|earlier|before|afterwards|on)\b(?!\s+(?:end|the\s+job))", re.IGNORECASE
)
_RATE_AFTER = re.compile(
    r"\s+(?:per|a|an|each|every)\s+(year|season|month|week|day|hour|minute|share|person|head"
    r"|capita|barrel|night|game|match|tonne|ton|kilo|kg|litre|liter|gallon)\b",
    re.IGNORECASE,
)
_LAST_WORD = re.compile(r"(\S+)\s+$")
# Words ending in -s that are not plural nouns.
_NOT_PLURAL = frozenset(
    "was is has this its his us plus thus as less across always perhaps".split()
)


def _is_rate(before: str) -> bool:
    """ "$5 a day", "3.5m barrels a day", "twice a year": a rate, not a length of time."""
    found = _LAST_WORD.search(before)
    if not found:
        return False
    word = found.group(1).lower().strip(",;:")
    if word in ("once", "twice", "times", "per", "every", "each") or word[-1:].isdigit():
        return True
    if re.fullmatch(r"\W?[\d.,]+(?:bn|m|k)", word):
        return True
    return word.isalpha() and word.endswith("s") and word not in _NOT_PLURAL


# Capitalised words that may stand before a number without making it part of a name.
_CAPITALS_OK = frozenset(
    "the a an about around some nearly almost more over under at only just roughly "
    "approximately up in on by for from since after before until and but with of to all "
    "another those these its their his her our another another's with within than "
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)

# --------------------------------------------------------------------------- counted

# What a count counts, normalised: dead/died/killed are one thing.
_STATES = {
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
_SYNONYMS = {
    **dict.fromkeys(
        "aircraft plane warplane jet bomber fighter airplane airliner".split(), "aircraft"
    ),
    **dict.fromkeys("airfield airbase base airport".split(), "airfield"),
    **dict.fromkeys("soldier troop serviceman servicemen".split(), "soldier"),
    **dict.fromkeys("prisoner captive pow detainee".split(), "prisoner"),
    **dict.fromkeys("child kid minor".split(), "child"),
    **dict.fromkeys("ceasefire truce pause".split(), "ceasefire"),
    # British and American spellings and the everyday synonym: general English.
    **dict.fromkeys("storey story floor".split(), "storey"),
}
# Words that say nothing of what is counted: "three people were killed" counts the killed.
_GENERIC = frozenset("people persons person individuals names others victims cases".split())
# Words a count may be followed by before the word that says what it counts.
_SKIP = frozenset(
    "more still other additional new further were was are is had have has been being "
    "remained remain remains reportedly confirmed now already so far also".split()
)
_STOP = frozenset(
    "did do does not could would will can may might must should shall "
    "a an the and or but nor in on at to from by for with as of that which who whom whose "
    "it its they them he she we you this these those there than rather instead including "
    "said says according while when where after before since during into onto over under "
    "against between among per each every across through".split()
)
_TOKEN = re.compile(r"[A-Za-z][A-Za-z'’-]*|[^\sA-Za-z]")


def _singular(word: str) -> str:
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


def _normal(word: str) -> str:
    word = word.lower().replace("’", "'").removesuffix("'s")
    if word in _STATES:
        return _STATES[word]
    single = _singular(word)
    return _SYNONYMS.get(single, single)


def _is_plural(word: str) -> bool:
    return _singular(word) != word or word in ("aircraft",)


def _counted_after(text: str, end: int) -> tuple[str | None, int]:
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
        if word in _STATES:
            if adjacent:
                run_end = token.end()
            return _STATES[word], run_end
        if head is not None:
            if word in _SKIP:
                adjacent = False
                continue
            if word in _STOP or n > 3 or word.endswith(("ly", "ed")) or _is_plural(head):
                break  # "five-year term technically expired", "women continue": ends before
            if adjacent:
                head = word  # the last word of a noun run is its head: "air bases"
                run_end = token.end()
            continue
        if word in _GENERIC:
            generic = True
            if adjacent:
                run_end = token.end()
            continue
        if word in _SKIP:
            adjacent = False
            continue
        if word in _STOP or generic:
            break
        head = word
        if adjacent:
            run_end = token.end()
    return (_normal(head) if head else None), run_end


_OF_THE = re.compile(r"\s+of\s+(?:the|those|these|its|their|his|her|our)\s+([A-Za-z]+)")
_GROUP_OF = re.compile(r"\b([a-z]+)\s+of\s+$")
# Words before "of N" that do not say what N counts: "a total of 500", "a list of 339".
_NOT_COUNTED = frozenset(
    "total number list tally count estimate figure average maximum minimum sum toll out "
    "some all each any none most many part share age depth height length rate".split()
)


def _counted_of(text: str, start: int, end: int) -> str | None:
    """ "two of the Britons" counts Britons; "in groups of 40" counts groups."""
    found = _OF_THE.match(text, end)
    if found:
        return _normal(found.group(1))
    found = _GROUP_OF.search(text, max(0, start - 40), start)
    return None if not found or found.group(1) in _NOT_COUNTED else _normal(found.group(1))


_CLAUSE_START = re.compile(r"[,;:()]|\b(?:and|but|while|with)\b")


def _counted_before(text: str, start: int) -> str | None:
    """A state word earlier in the clause: "the death toll ... has climbed to 2,056"."""
    before = text[max(0, start - 90) : start]
    cut = max((m.end() for m in _CLAUSE_START.finditer(before)), default=0)
    for word in reversed(re.findall(r"[A-Za-z]+", before[cut:])):
        if word.lower() in _STATES:
            return _STATES[word.lower()]
    return None


# --------------------------------------------------------------------------- main


def _overlaps(span: tuple[int, int], spans: list[tuple[int, int]]) -> bool:
    return any(span[0] < e and s < span[1] for s, e in spans)


def _is_name(text: str, start: int) -> bool:
    """A number right after a capitalised word is part of a name: "Unit 8200", "Boeing 737"."""
    found = _NAME_BEFORE.search(text, max(0, start - 40), start)
    if not found or found.group(1).lower() in _CAPITALS_OK:
        return False
    # The first word of a sentence is capitalised whatever it is.
    return bool(text[: found.start(1)].strip(" \"'“‘(["))


def _currency_code(word: str) -> str:
    word = word.lower()
    return _CURRENCY_WORDS.get(word) or _CURRENCY_WORDS[word[:-1]]


def find_quantities(text: str) -> list[Quantity]:
    """Every quantity stated in ``text``, in reading order.

    >>> [(q.text, q.stated, q.unit) for q in find_quantities(
    ...     "He offered a two- to three-day truce for all captives aged 18 to 25.")]
    [('two- to three-day', (172800.0, 259200.0), 's'), ('18 to 25', (18.0, 25.0), 'age')]
    """
    blocked = date_spans(text) + clock_spans(text)
    cores: list[_Core] = []
    for match in _CORE.finditer(text):
        if _overlaps(match.span(), blocked):
            continue
        core = _core(match)
        if core is not None:
            cores.append(core)
    quantities: list[Quantity] = []
    index = 0
    while index < len(cores):
        core = cores[index]
        index += 1
        if core.kind == "number" and _ORDINAL_AFTER.match(text, core.end):
            continue
        if core.kind == "number":
            before = text[max(0, core.start - 12) : core.start]
            if _RANK_BEFORE.search(before) or _SCORE_BEFORE.search(before):
                index = _past_dashed(
                    text, cores, index
                )  # "(10-2)": the tie-break's other figure too
                continue
        if core.kind in ("number", "short") and _LETTERS_AFTER.match(text, core.end):
            continue  # "76ers", "4G", "3Com": part of a name
        if core.kind in ("number", "short") and _RATIO_AFTER.match(text, core.end):
            index += 1  # "one in three": the second number goes with the first
            continue
        low, high, end = core.low, core.high, core.end
        dashed = False
        # A range: "18 to 25", "2-3", "two- to three-day", "two or three".
        if index < len(cores) and core.kind == "number":
            nxt = cores[index]
            join = _RANGE_JOIN.fullmatch(text, core.end, nxt.start)
            if not join and _BETWEEN.search(text, max(0, core.start - 12), core.start):
                join = _AND.fullmatch(text, core.end, nxt.start)
            changed = _CHANGE_FROM.search(text, max(0, core.start - 60), core.start)
            if join and _PERCENT_THEN_MONEY.search(join.group()):
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
    return _mark_parts(text, quantities)


def _past_dashed(text: str, cores: list[_Core], index: int) -> int:
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
        if first.unit or second.unit or first.counted in _STATES.values():
            continue
        if first.phrase_end == first.end or first.counted is None:
            continue
        if _ENUMERATION.fullmatch(text, first.phrase_end, second.start):
            marked[i] = replace(first, reference=True)
            marked[i + 1] = replace(second, reference=True)
    return marked


def _build(text: str, core: _Core, low: float, high: float, end: int) -> Quantity | None:
    start = core.start
    unit = ""
    counted: str | None = None
    compound = False
    before = text[max(0, start - 60) : start]
    # Currency written before the figure: "$32bn", "US$ 5m", "£1.2 million".
    currency = _CURRENCY_PREFIX.search(before)
    if currency:
        unit = _PREFIX_CODES.get(currency["cur"].strip().upper(), currency["cur"].strip().upper())
        start -= len(currency.group())
        before = text[max(0, start - 60) : start]
    elif core.kind == "short":
        # Without a currency "3.5m barrels" is 3.5 million, but "a 10m wall" is a length.
        following = _NEXT_WORD.match(text, end)
        if core.factor == 1e6 and (not following or following[1].lower() in _LENGTH_CUES):
            unit = "km"
            low, high = low / 1e6 * 0.001, high / 1e6 * 0.001
        elif not following:
            return None
    if core.kind == "magword":
        cur = _CURRENCY_SUFFIX.match(text, end - 1)
        if not cur:
            return None
        unit = _currency_code(cur["cur"])
        end = cur.end()
        compound = True
    elif core.kind == "fraction":
        unit = "%"
    elif not unit:
        percent = _PERCENT.match(text, end)
        cur = _CURRENCY_SUFFIX.match(text, end)
        unit_match = _UNIT.match(text, end)
        if percent:
            unit = "pp" if percent["pp"] else "%"
            end = percent.end()
        elif cur:
            unit = _currency_code(cur["cur"])
            end = cur.end()
            compound = "-" in cur.group()
        elif unit_match:
            word = _singular(" ".join(unit_match["unit"].lower().split()))
            unit, factor = _UNITS.get(word, _UNITS.get(unit_match["unit"].lower(), ("", 1)))
            if unit_match["old"]:
                unit = "age"  # "90-year-old", "25 years old": an age in years
            else:
                low, high = low * factor, high * factor
            compound = "-" in unit_match["sep"]
            end = unit_match.end()
        elif core.kind == "unit1":
            return None
        else:
            hyphen = _COMPOUND.match(text, end)
            if hyphen and hyphen["word"].lower() not in _STOP:
                counted = _normal(hyphen["word"])
                end = hyphen.end()
                compound = True
    if core.kind == "unit1" and unit != "s":
        return None
    if core.kind == "unit1" and _is_rate(before):
        return None
    decimal = "." in text[core.start : core.end] and core.low < _SCALE_FIGURE_MAX
    if unit == "" and (
        _MAGNITUDE_BEFORE.search(before) or (decimal and _event_noun(_word_after(text, end)))
    ):
        unit = "magnitude"
    if _AGE_BEFORE.search(before) and unit == "":
        unit = "age"
    age_floor = unit == "" and _AGE_AND_OVER.match(text, end)
    if age_floor:
        unit, end = "age", age_floor.end()
    apposition = _AGE_APPOSITION.search(before) and re.match(r"\s*(?:[,)]|\.(?!\d))", text[end:])
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
    reference = any(p.search(window) for p in (_SET_ASIDE, _CHANGE_FROM, _TOTAL))
    # What is counted.
    phrase_end = end
    if unit in ("", "s") and not counted:
        after_counted, phrase_end = _counted_after(text, end)
        if unit == "" or compound:
            counted = after_counted
        if unit == "" and counted is None:
            counted = _counted_of(text, q_start, end) or _counted_before(text, q_start)
        if counted in _GENERIC:
            counted = None
    if unit == "s" and _OFFSET_AFTER.match(text, end):
        counted = "offset"  # "12 minutes later": how long after, not how long
    rate = _RATE_AFTER.match(text, max(end, phrase_end))
    if rate and unit not in ("%", "pp", "age"):
        unit = f"{unit}/{_singular(rate[1].lower())}"  # "$23 million per season"
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
        counted = _whose_age(text, q_start, end)
    if unit == "magnitude":
        counted = _measured_event(text, q_start, end)
    if unit == "km":
        counted = _distance_kind(text, q_start, end)
    direction = 0
    if unit in ("%", "pp"):
        found = list(_DIRECTION.finditer(text[max(0, q_start - 40) : q_start]))
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


def _word_after(text: str, end: int) -> str:
    match = _NOUN_AFTER.match(text, end)
    return match[1].lower() if match else ""


def _event_noun(word: str) -> bool:
    """Whether ``word`` (or its singular) most often names an event or a natural
    phenomenon in WordNet: "quake", "eruption", "storm"; not "people" or "days"."""
    from crosscheck.extract import wordnet

    if not word or word in _STOP:
        return False
    senses = wordnet.lexnames(_singular(word), "n", 1)
    return bool(senses) and senses[0] in _EVENT_SENSES


# Words between a scale reading and the thing it measures ("the main shock measured
# 7.7", "an earthquake of magnitude 6.4", "a 6.4-magnitude aftershock").
_MEASURE_WORDS = frozenset(
    "magnitude measured measuring registered registering of a an the at with "
    "strength intensity was is had has".split()
)
# How far back (in words) the measured noun is looked for: "The main shock measured".
_MEASURED_WINDOW = 4


def _measured_event(text: str, start: int, end: int) -> str | None:
    """What a scale reading measures: the noun right after it ("a 6.4-magnitude
    aftershock"), else the noun in front of the measuring words ("the main shock
    measured 7.7"), named by the first word of its most frequent WordNet synset so that
    spellings of one event meet ("quake", "temblor" -> "earthquake") and different ones
    ("aftershock") stay apart. None when no noun is near."""
    after = _word_after(text, end)
    if after == "magnitude":
        after = _word_after(text, end + text[end:].lower().index("magnitude") + len("magnitude"))
    if after and after not in _STOP and after not in _MEASURE_WORDS and _is_noun(after):
        return _synset_name(after)
    words = re.findall(r"[A-Za-z]+", text[max(0, start - 60) : start])
    while words and words[-1].lower() in _MEASURE_WORDS:
        words.pop()
    for word in reversed(words[-_MEASURED_WINDOW:]):
        low = word.lower()
        if low in _STOP or low in _MEASURE_WORDS:
            break
        if _is_noun(low):
            return _synset_name(low)
    return None


def _is_noun(word: str) -> bool:
    from crosscheck.extract import wordnet

    return wordnet.is_word(_singular(word), "n")


def _synset_name(word: str) -> str:
    """The first word of the most frequent WordNet noun synset of ``word``, else the
    word. (crosscheck/extract/wordnet.py has no public call for a synset's words yet:
    its internal reader is used, and the word itself when that reader changes.)"""
    from crosscheck.extract import wordnet

    single = _singular(word)
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


def _whose_age(text: str, start: int, end: int) -> str | None:
    """Who is that old: "a 15-year-old teenager" -> "teenager", "Sandy Mitchell, 44" ->
    "mitchell". Two ages are compared only for the same kind of person."""
    before = _AGE_APPOSITION.search(text, max(0, start - 40), start)
    if before:
        return before.group().strip(" ,.").lower()
    if text[end - 4 : end].lower() == "-old" or text[end - 4 : end].lower() == " old":
        after = _AGE_NOUN_AFTER.match(text, end)
        if after and after[1].lower() not in _STOP:
            return _normal(after[1])
    return None


_DIRECTIONS = re.compile(
    r"\s+(?:north|south|east|west)(?:-?(?:east|west))?(?:ern)?\b|\s+(?:from|away|off)\b",
    re.IGNORECASE,
)


def _distance_kind(text: str, start: int, end: int) -> str | None:
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
