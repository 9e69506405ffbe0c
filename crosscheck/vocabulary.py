"""General English word lists that several stages share, each written once here.

News text writes one quote or dash in many code points; the month and weekday names
are the same in every story. A stage that needs one of these lists imports it from
here and adds only what is its own (a fingerprint also folds odd spaces; a gold
mention also drops invisible characters), saying why.

>>> MONTHS[8], month_number("Sept."), month_number("dec")
('september', 9, 12)
>>> "’—".translate(str.maketrans(QUOTE_DASH_FOLD))
"'-"
"""

from __future__ import annotations

# English month names in calendar order (MONTHS[0] is January).
MONTHS = (
    "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december",
)  # fmt: skip
# Month numbers by abbreviation as news writes it: the first three letters, and "sept".
MONTH_NUMBERS = {name[:3]: number for number, name in enumerate(MONTHS, 1)} | {"sept": 9}
WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")

# Typographic single quotes and primes, double quotes and guillemets, and the hyphens,
# dashes and minus sign, each one character that folds to one ASCII character (so a
# folded text keeps the offsets of the original).
SINGLE_QUOTES = "‘’‚‛′"
DOUBLE_QUOTES = "“”„‟″«»"
DASHES = "‐‑‒–—―−"  # hyphen, non-breaking hyphen, figure dash, en, em, bar, minus
QUOTE_DASH_FOLD: dict[str, str] = {
    **dict.fromkeys(SINGLE_QUOTES, "'"),
    **dict.fromkeys(DOUBLE_QUOTES, '"'),
    **dict.fromkeys(DASHES, "-"),
}


def month_number(name: str) -> int:
    """1-12 for an English month name or abbreviation (a final stop allowed), else 0."""
    key = name.rstrip(".").lower()
    return MONTH_NUMBERS.get(key[:4] if key.startswith("sept") else key[:3], 0)
