"""find_quantities: values, units, what is counted, hedges, and what is not a quantity."""

from __future__ import annotations

import math

import pytest

from crosscheck.extract.numbers import Quantity, find_quantities, hedge_bounds

HOUR = 3600.0
DAY = 86400.0


def only(text: str) -> Quantity:
    found = find_quantities(text)
    assert len(found) == 1, [q.text for q in found]
    return found[0]


@pytest.mark.parametrize(
    ("text", "span", "stated", "unit"),
    [
        ("Orvane will pay $32bn in cash.", "$32bn", (32e9, 32e9), "USD"),
        ("It was sold for 32 billion dollars.", "32 billion dollars", (32e9, 32e9), "USD"),
        ("He turned down a 23 billion dollar offer.", "23 billion dollar", (23e9, 23e9), "USD"),
        ("The contract is worth $1.2m.", "$1.2m", (1.2e6, 1.2e6), "USD"),
        ("It cost £1.5 million to build.", "£1.5 million", (1.5e6, 1.5e6), "GBP"),
        ("It was budgeted at 2.1 billion baht.", "2.1 billion baht", (2.1e9, 2.1e9), "THB"),
        ("Shares fell 4% on the news.", "4%", (4, 4), "%"),
        ("Shares closed down 2 per cent.", "2 per cent", (2, 2), "%"),
        ("Rates rose 0.25 percentage points.", "0.25 percentage points", (0.25, 0.25), "pp"),
        ("Rebels hold a fifth of the country.", "a fifth", (20, 20), "%"),
        ("The session lasted an hour.", "an hour", (HOUR, HOUR), "s"),
        ("They met for two and a half hours.", "two and a half hours", (2.5 * HOUR,) * 2, "s"),
        ("Fires burned 200,000 acres.", "200,000 acres", (80937.128, 80937.128), "ha"),
        ("It holds 2 ½ servings.", "2 ½", (2.5, 2.5), ""),
        ("It lay 16 km northwest of Vestby.", "16 km", (16, 16), "km"),
        ("The magnitude 7.7 quake struck.", "7.7", (7.7, 7.7), "magnitude"),
        ("The 7.7-magnitude quake struck.", "7.7-magnitude", (7.7, 7.7), "magnitude"),
        ("The 90-year-old bridge fell.", "90-year-old", (90, 90), "age"),
        ("Output is 3.5m barrels a day.", "3.5m", (3.5e6, 3.5e6), "/day"),
        ("A thousand people marched.", "A thousand", (1000, 1000), ""),
        ("Twenty-five boats sank.", "Twenty-five", (25, 25), ""),
        ("One hundred and twenty troops left.", "One hundred and twenty", (120, 120), ""),
        ("It has 1.2 million residents.", "1.2 million", (1.2e6, 1.2e6), ""),
        # Thousands spaced after the comma, as some feeds carry them.
        ("He fell 2, 000 metres.", "2, 000 metres", (2, 2), "km"),
    ],
)
def test_values_and_units(text: str, span: str, stated: tuple[float, float], unit: str) -> None:
    q = only(text)
    assert (q.text, q.unit) == (span, unit)
    assert text[q.start : q.end] == span
    assert q.stated == pytest.approx(stated)


@pytest.mark.parametrize(
    ("left", "right"),
    [
        ("for $32bn in cash", "for 32 billion dollars"),
        ("$12.5 billion", "$12.5bn"),
        ("12 minutes later", "a dozen minutes later"),
        ("a week to study it", "seven days to study it"),
        ("six thousand bodies", "6,000 bodies"),
        ("an hour", "60 minutes"),
    ],
)
def test_same_value_written_differently(left: str, right: str) -> None:
    a, b = only(left), only(right)
    assert (a.unit, a.stated) == (b.unit, pytest.approx(b.stated))


@pytest.mark.parametrize(
    ("text", "stated", "unit"),
    [
        ("all captives aged 18 to 25", (18, 25), "age"),
        ("children aged three and four", (3, 4), "age"),
        ("a two- to three-day truce", (2 * DAY, 3 * DAY), "s"),
        ("a ceasefire of 2-3 days", (2 * DAY, 3 * DAY), "s"),
        ("a pause of two or three days", (2 * DAY, 3 * DAY), "s"),
        ("between 200 and 300 homes", (200, 300), ""),
        ("rates of 5% to 6%", (5, 6), "%"),
        ("a grant of $2-3 million", (2e6, 3e6), "USD"),
        ("dozens of people", (24, 1_199), ""),
        ("tens of thousands of people", (10_000, 999_999), ""),
    ],
)
def test_ranges(text: str, stated: tuple[float, float], unit: str) -> None:
    q = only(text)
    assert q.unit == unit
    assert q.stated == pytest.approx(stated)


@pytest.mark.parametrize(
    "text",
    ["sales rose 12 per cent to $4.5bn", "sales rose 12% to $4.5 billion", "up 3% to €2m"],
)
def test_a_rate_then_an_amount_is_no_range(text: str) -> None:
    """ "rose 12 per cent to $4.5bn": two figures; the amount's scale stays its own."""
    rate, amount = find_quantities(text)
    assert (rate.unit, rate.stated) == ("%", pytest.approx((rate.value, rate.value)))
    assert rate.value in (12, 3)
    assert amount.unit in ("USD", "EUR") and amount.value >= 2e6


@pytest.mark.parametrize(
    ("text", "hedge", "bounds"),
    [
        ("about 750 people", "about", (675, 825)),
        ("roughly $500 million", "about", (450e6, 550e6)),
        ("nearly 2,000 people", "nearly", (1800, 2000)),
        ("a little over an hour", "just over", (HOUR, 1.1 * HOUR)),
        ("more than 500 children", "at least", (500, math.inf)),
        ("at least 10 people", "at least", (10, math.inf)),
        ("no fewer than a thousand people", "at least", (1000, math.inf)),
        ("deaths could exceed 10,000", "at least", (10_000, math.inf)),
        ("up to 200 homes", "up to", (0, 200)),
        ("fewer than 40 people", "up to", (0, 40)),
        ("just 12 people", "", (12, 12)),
        ("the death toll passes 1,600", "at least", (1600, math.inf)),
    ],
)
def test_hedges(text: str, hedge: str, bounds: tuple[float, float]) -> None:
    q = only(text)
    assert q.hedge == hedge
    assert q.bounds(0.1) == pytest.approx(bounds)
    assert (q.low, q.high) == pytest.approx(bounds)  # the default hedge tolerance is 0.1


def test_hedge_is_part_of_the_span_and_bounds_follow_the_tolerance() -> None:
    q = only("It reports revenue of about 750 million dollars.")
    assert q.text == "about 750 million dollars"
    assert q.bounds(0.2) == pytest.approx((600e6, 900e6))
    assert hedge_bounds("nearly", 100, 100, 0.05) == pytest.approx((95, 100))


@pytest.mark.parametrize(
    ("text", "unit", "hedge"),
    [
        ("women 65 and older", "age", "at least"),
        ("Sandy Mitchell, 44, from Glasgow", "age", ""),
        ("Arcade Joseph Comeaux Jr., 49, fled", "age", ""),
    ],
)
def test_ages(text: str, unit: str, hedge: str) -> None:
    assert (only(text).unit, only(text).hedge) == (unit, hedge)


def test_under_an_age() -> None:
    q = only("those under 25 will be freed")
    assert (q.unit, q.hedge, q.bounds()) == ("age", "up to", (0, 25))


@pytest.mark.parametrize(
    ("text", "counted"),
    [
        ("At least 10 people were killed in the capital.", "killed"),
        ("18 people had died in the capital.", "killed"),
        ("more than 10,000 deaths", "killed"),
        ("The death toll has climbed to 2,056.", "killed"),
        ("with 3,408 injured", "injured"),
        ("about 100 were missing", "missing"),
        ("78 remained missing", "missing"),
        ("270 still unaccounted for", "missing"),
        ("a list of more than 500 children it says were deported", "child"),
        ("339 names", None),
        ("damaging 41 aircraft", "aircraft"),
        ("more than 40 Russian warplanes", "warplane"),
        ("hit four air bases", "base"),
        ("Two of the Britons face trial", "briton"),
        ("taken in groups of 40", "group"),
        ("1.2 million women continue to take it", "woman"),
        ("a damaged 1,000-bed hospital", "bed"),
        ("a two- to three-day truce", "truce"),
    ],
)
def test_what_is_counted(text: str, counted: str | None) -> None:
    assert only(text).counted == counted


@pytest.mark.parametrize(
    ("text", "counted"),
    [
        # Storeys are counted like any noun; British and American spellings meet.
        ("A 30-storey tower collapsed.", "storey"),
        ("A 30-story tower collapsed.", "storey"),
        ("The building has 30 floors.", "storey"),
    ],
)
def test_counted_nouns_of_heights(text: str, counted: str) -> None:
    q = only(text)
    assert (q.unit, q.counted, q.value) == ("", counted, 30)


@pytest.mark.parametrize(
    ("text", "event"),
    [
        # What a scale reading measures is named by its WordNet synset: spellings of one
        # event meet ("quake", "earthquake"), another event stays apart.
        ("A 6.4-magnitude aftershock followed.", "aftershock"),
        ("A 6.1 quake struck the island.", "earthquake"),
        ("An earthquake measuring 5.6 struck the island.", "earthquake"),
        ("The magnitude 7.7 temblor struck.", "earthquake"),
        ("A 4.2 eruption shook the island.", "volcanic eruption"),
        ("A second jolt, of magnitude 6.4, came later.", "jolt"),
    ],
)
def test_scale_readings_know_their_event(text: str, event: str) -> None:
    q = only(text)
    assert (q.unit, q.counted) == ("magnitude", event)


def test_a_decimal_before_a_plain_noun_is_no_scale_reading() -> None:
    assert only("He scored 6.5 points.").unit == ""


def test_distance_and_depth_are_told_apart() -> None:
    assert only("about 16 km northwest of Sagaing").counted == "distance"
    assert only("at a depth of only about 10 km").counted == "depth"


def test_phrase_covers_the_noun_counted() -> None:
    text = "Kyiv handed over a list of more than 500 children it says were deported."
    q = only(text)
    assert text[q.start : q.phrase_end] == "more than 500 children"


@pytest.mark.parametrize(
    "text",
    [
        "contained 339 names rather than the thousands claimed",
        "the toll rose from 1,002 to 1,644",
        "the firm cut about 5% of its 24,000 jobs",
        "up from 1,002 a day earlier",
        "output rose 5% to 1.2 million barrels from 1.1 million",
    ],
)
def test_yardstick_figures_are_marked(text: str) -> None:
    marked = [q.text for q in find_quantities(text) if q.reference]
    assert len(marked) == 1, [q.text for q in find_quantities(text)]


@pytest.mark.parametrize(
    ("text", "direction"),
    [("Alphabet stock dropped 4%", -1), ("shares closed down about 2 per cent", -1),
     ("revenue rose 64 per cent", 1), ("a 10 per cent stake", 0)],
)  # fmt: skip
def test_direction_of_a_change(text: str, direction: int) -> None:
    assert only(text).direction == direction


@pytest.mark.parametrize(
    "text",
    [
        "The second round of talks opened.",
        "Mandalay is the country's second-largest city.",
        "He finished 21st in the race.",
        "The deal was signed on 16 May 2025.",
        "Google bought Motorola in 2012.",
        "The quake struck at 12:50 pm, or 1:20 pm Thai time.",
        "It struck two days ago.",
        "Veterans of Unit 8200 founded it.",
        "The F-16 and the Su-34 flew over.",
        "COVID-19 spread quickly.",
        "A Boeing 737 landed safely.",
        "The Standard & Poor's 500 index slipped.",
        "The G7 met in Italy.",
        "The risk was put at roughly one in three.",
        "Borinsky held a one-on-one meeting.",
        "Stop turning the meeting into a destructive one.",
        "No one was hurt.",
        "The team won 3-2.",
        "The 9/11 attacks changed everything.",
        "The 76ers are slumping at 9-14.",
        "Klitschko (52-3) beat Rahman (45-7-2).",
    ],
)
def test_not_quantities(text: str) -> None:
    assert find_quantities(text) == [], [q.text for q in find_quantities(text)]


def test_metres_or_millions() -> None:
    assert (only("a wall 10m high").unit, only("a wall 10m high").stated) == ("km", (0.01, 0.01))
    assert only("3.5m barrels were shipped").stated == (3.5e6, 3.5e6)


def test_rate_is_not_a_duration_and_has_its_own_unit() -> None:
    assert [q.unit for q in find_quantities("She earns $5 a day.")] == ["USD/day"]
    assert only("an offer worth $23 million per season").unit == "USD/season"


def test_offsets_are_told_from_lengths() -> None:
    assert only("The aftershock came 12 minutes later.").counted == "offset"
    assert only("She served 90 days of treatment.").counted is None


@pytest.mark.parametrize(
    ("text", "parts"),
    [("Police said two women and one man died.", 2), ("three were killed and 10 injured", 0)],
)
def test_parts_of_an_enumeration_are_yardsticks(text: str, parts: int) -> None:
    assert sum(q.reference for q in find_quantities(text)) == parts


@pytest.mark.parametrize(
    ("text", "left"),
    [
        ("she beat world number one Ines Marlow in the final", []),
        ("the No. 3 seed drew 2,000 fans", [2000.0]),
        ("he won 6-7 (5-7), 7-6 (4) before 9,000 spectators", [9000.0]),
    ],
)
def test_ranks_and_tie_breaks_are_no_counts(text: str, left: list[float]) -> None:
    """A rank ("number one", "No. 3") and a score's bracketed tie-break count nothing."""
    assert [q.value for q in find_quantities(text)] == left


@pytest.mark.parametrize(
    "text",
    [
        "Vexlo shipped the fix as VX08-078 on Tuesday.",  # a code with a leading zero
        "The file 007 was opened.",
    ],
)
def test_digits_starting_with_a_zero_are_no_quantity(text: str) -> None:
    assert find_quantities(text) == []
