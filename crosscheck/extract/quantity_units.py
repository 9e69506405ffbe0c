"""Units, currencies and the cue words around a figure that say how to read it.

Patterns and tables only (and ``is_rate``); ``crosscheck.extract.numbers`` applies them.

>>> UNIT.match(" kilometres")["unit"], PREFIX_CODES["€"]
('kilometres', 'EUR')
>>> is_rate("3.5m barrels "), is_rate("for ")
(True, False)
"""

from __future__ import annotations

import re

CURRENCY_PREFIX = re.compile(
    r"(?P<cur>US\s?\$|A\$|C\$|HK\$|NZ\$|S\$|\$|£|€|¥|₹|Rs\.?\s?|(?:USD|EUR|GBP|JPY|CNY|INR|CHF)\s?)$"
)
PREFIX_CODES = {
    "US$": "USD", "$": "USD", "A$": "AUD", "C$": "CAD", "HK$": "HKD", "NZ$": "NZD",
    "S$": "SGD", "£": "GBP", "€": "EUR", "¥": "JPY", "₹": "INR", "RS": "INR", "RS.": "INR",
}  # fmt: skip
CURRENCY_WORDS = {
    "dollar": "USD", "pound": "GBP", "euro": "EUR", "yen": "JPY", "yuan": "CNY",
    "renminbi": "CNY", "rupee": "INR", "baht": "THB", "shekel": "ILS", "rouble": "RUB",
    "ruble": "RUB", "hryvnia": "UAH", "franc": "CHF", "lira": "TRY", "dirham": "AED",
    "riyal": "SAR", "peso": "MXN", "rand": "ZAR",
}  # fmt: skip
CURRENCY_SUFFIX = re.compile(
    r"[\s-]+(?:(?:US|U\.S\.)\s+)?(?P<cur>dollars?|pounds?(?!\s+of)|euros?|yen|yuan|renminbi"
    r"|rupees?|baht|shekels?|roubles?|rubles?|hryvnias?|francs?|liras?|dirhams?|riyals?"
    r"|pesos?|rand)\b",
    re.IGNORECASE,
)
PERCENT = re.compile(
    r"\s*(?:(?P<pct>%|per\s*cent\b|percent\b|pct\b)|\s(?P<pp>percentage\s+points?)\b|\s?(?P<bp>basis\s+points?|bps?)\b)",
    re.IGNORECASE,
)
# unit word -> (unit, factor to the normalised unit)
UNITS = {
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
UNIT = re.compile(
    r"(?P<sep>[\s-]+|(?=km|kg|cm|ft|m\b))(?P<unit>seconds?|secs?|minutes?|mins?|hours?|hrs?"
    r"|days?|weeks?|months?|years?|decades?|century|centuries"
    r"|km|kilomet(?:re|er)s?|miles?|metres?|meters?|m|ft|feet|foot|cm|kg"
    r"|kilograms?|kilos?|tonnes?|tons?|magnitude|hectares?|acres?|sq\s+km"
    r"|square\s+(?:kilomet(?:re|er)s?|miles?))\b(?P<old>-old|\s+old\b)?",
    re.IGNORECASE,
)
COMPOUND = re.compile(r"-(?P<word>[a-z]+)\b(?!-\d)")
RANGE_JOIN = re.compile(
    r"(?:%|\s*per\s*cent)?(?:-?\s+(?:to|or)\s+|\s*[-–]\s*)(?:US\$|\$|£|€)?", re.IGNORECASE
)
# A join that leaves a percentage for a sum of money joins two figures, not a range.
PERCENT_THEN_MONEY = re.compile(r"(?:%|per\s*cent).*(?:US\$|\$|£|€)", re.IGNORECASE)
BETWEEN = re.compile(r"\b(?:between|aged|ages)\s+(?:US\$|\$|£|€)?$", re.IGNORECASE)
AND = re.compile(r"(?:%|\s*per\s*cent)?\s+and\s+(?:US\$|\$|£|€)?", re.IGNORECASE)
# "women 65 and older", "those 18 or over": an age, and a floor.
AGE_AND_OVER = re.compile(r"\s+(?:and|or)\s+(?:older|over|above)\b", re.IGNORECASE)
# "Sandy Mitchell, 44, from Glasgow": an age in apposition to a name.
AGE_APPOSITION = re.compile(r"[A-Z][a-z]*\.?,\s+$")
AGE_BEFORE = re.compile(r"\b(?:aged|ages|age|of\s+age)\s+(?:between\s+)?$", re.IGNORECASE)
MAGNITUDE_BEFORE = re.compile(
    r"\b(?:magnitude(?:\s+of)?|measuring|measured|registering|registered)\s+$", re.IGNORECASE
)
# "a 6.1 quake", "a 4.2 eruption": a small figure with a decimal right before a noun
# WordNet files under events or natural phenomena is a reading on that event's scale.
SCALE_FIGURE_MAX = 10
EVENT_SENSES = frozenset({"noun.event", "noun.phenomenon"})
NOUN_AFTER = re.compile(r"[\s-]+([A-Za-z][a-z]+)\b")
SET_ASIDE = re.compile(
    r"\b(?:rather\s+than|instead\s+of|as\s+opposed\s+to|compared\s+(?:with|to)|down\s+from"
    r"|up\s+from|versus|vs\.?|not|from\s+an?\s+(?:earlier|previous)\s+\w+\s+of)\s+(?:the\s+)?$",
    re.IGNORECASE,
)
# "5% of its 24,000 staff", "one out of 12": the second figure is the whole.
TOTAL = re.compile(
    r"(?:%|\bper\s*cent|\bpercent|\b(?:half|third|quarter|fifth|tenth|one|two|three|some|many"
    r"|most|all|each|none))\s+of\s+(?:its|their|his|her|our|the)\s+$"
    r"|\bout\s+of\s+(?:a\s+total\s+of\s+)?(?:the\s+)?$",
    re.IGNORECASE,
)
# "rose from 1,002 to 1,644": the first figure is the old one.
CHANGE_FROM = re.compile(
    r"\b(?:rose|risen|rising|rises|fell|fallen|falls|falling|climbed|jumped|dropped|increased"
    r"|decreased|grew|grown|declined|went\s+up|went\s+down|revised|raised|lowered|cut|slid)"
    r"\b(?:[^,;]|,(?=\d))*?\bfrom\s+$",  # within the clause; "1,644" is no clause break
    re.IGNORECASE,
)
DIRECTION = re.compile(
    r"\b(?P<down>fell|fall|falls|falling|fallen|dropped|drop|drops|down|lower|declined|decline"
    r"|slid|slipped|lost|shed|plunged|tumbled|sank|decreased|shrank|contracted)\b"
    r"|\b(?P<up>rose|rise|rises|rising|risen|up|gained|gain|gains|climbed|jumped|increased"
    r"|grew|higher|surged|soared|advanced|added|expanded)\b",
    re.IGNORECASE,
)
NEXT_WORD = re.compile(r"\s+([A-Za-z]+)")
# Words after "10m" that make it metres: "10m high", "a 10m wall" reads as a count of walls
# only if the wall is not described, so these cues are kept short.
LENGTH_CUES = frozenset("high tall deep long wide away from above below of in".split())
NAME_BEFORE = re.compile(r"(?:^|[^\w'’])([A-Z][A-Za-z&]*(?:['’]s)?)\s+$")
ORDINAL_AFTER = re.compile(r"(?:st|nd|rd|th)\b")
# A rank is no count: "world number one", "the No. 3 seed".
RANK_BEFORE = re.compile(r"(?:\bnumber|\bNo\.)\s*$", re.IGNORECASE)
# A bracketed figure right after a score is its tie-break: "7-6 (4)", "6-7 (5-7)".
SCORE_BEFORE = re.compile(r"\d\s*[-–]\s*\d+\s*\($")
# Letters glued to a figure that are no unit: "76ers", "4G". Units glued to figures
# ("10km", "5kg", "$3bn") are read before this is asked.
LETTERS_AFTER = re.compile(r"(?!(?:km|kg|cm|mm|ft|bn|mn|mln|tn|pc|bps?|s)\b)[A-Za-z]")
RATIO_AFTER = re.compile(
    r"\s+(?:in|out\s+of)\s+(?:every\s+)?(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten)\b",
    re.IGNORECASE,
)
OFFSET_AFTER = re.compile(
    r"\s+(?:later|after|earlier|before|afterwards|on)\b(?!\s+(?:end|the\s+job))", re.IGNORECASE
)
RATE_AFTER = re.compile(
    r"\s+(?:per|a|an|each|every)\s+(year|season|month|week|day|hour|minute|share|person|head"
    r"|capita|barrel|night|game|match|tonne|ton|kilo|kg|litre|liter|gallon)\b"
    # "$12bn a year earlier" is a sum dated a year back, not a yearly rate.
    r"(?!\s+(?:earlier|later|ago|before|after|previously)\b)",
    re.IGNORECASE,
)
_LAST_WORD = re.compile(r"(\S+)\s+$")
# Words ending in -s that are not plural nouns.
_NOT_PLURAL = frozenset(
    "was is has this its his us plus thus as less across always perhaps".split()
)


def is_rate(before: str) -> bool:
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
CAPITALS_OK = frozenset(
    "the a an about around some nearly almost more over under at only just roughly "
    "approximately up in on by for from since after before until and but with of to all "
    "another those these its their his her our another another's with within than "
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday".split()
)
