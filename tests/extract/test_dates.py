"""find_dates: absolute and relative dates, resolved against the publication date."""

from __future__ import annotations

import datetime as dt
import time

import pytest

from crosscheck.extract.dates import (
    DateMention,
    Granularity,
    clock_spans,
    date_spans,
    find_dates,
)

D = dt.date
SAT_31_MAY = D(2025, 5, 31)
THU_29_MAY = D(2025, 5, 29)
TUE_18_MAR = D(2025, 3, 18)


def only(text: str, published: dt.date | None = SAT_31_MAY) -> DateMention:
    found = find_dates(text, published)
    assert len(found) == 1, found
    return found[0]


@pytest.mark.parametrize(
    ("text", "span", "earliest", "latest", "granularity"),
    [
        ("They met on 16 May.", "16 May", D(2025, 5, 16), D(2025, 5, 16), "day"),
        ("They met on May 16 in Geneva.", "May 16", D(2025, 5, 16), D(2025, 5, 16), "day"),
        ("They met on the 16th of May.", "16th of May", D(2025, 5, 16), D(2025, 5, 16), "day"),
        ("It opened on Friday, May 16, 2025.", "Friday, May 16, 2025", D(2025, 5, 16), None, "day"),
        ("It opened on 16/05/2025.", "16/05/2025", D(2025, 5, 16), D(2025, 5, 16), "day"),
        ("It opened on 2025-05-16.", "2025-05-16", D(2025, 5, 16), D(2025, 5, 16), "day"),
        ("The fair runs 20-22 June.", "20-22 June", D(2025, 6, 20), D(2025, 6, 22), "day"),
        ("It was rejected in July 2024.", "July 2024", D(2024, 7, 1), D(2024, 7, 31), "month"),
        ("His term expired in May 2024.", "May 2024", D(2024, 5, 1), D(2024, 5, 31), "month"),
        ("Revenue peaked in 2023.", "2023", D(2023, 1, 1), D(2023, 12, 31), "year"),
        ("Google bought it back in 2012.", "2012", D(2012, 1, 1), D(2012, 12, 31), "year"),
        ("After Russia's 2022 invasion", "2022", D(2022, 1, 1), D(2022, 12, 31), "year"),
        ("The band formed in the 1990s.", "1990s", D(1990, 1, 1), D(1999, 12, 31), "year"),
        ("Work began in early March.", "early March", D(2025, 3, 1), D(2025, 3, 10), "month"),
        ("Prices peaked in mid-2023.", "mid-2023", D(2023, 5, 2), D(2023, 9, 1), "year"),
        ("It was built in the summer of 2019.", "summer of 2019", D(2019, 6, 1), None, "season"),
    ],
)
def test_absolute_dates(
    text: str,
    span: str,
    earliest: dt.date,
    latest: dt.date | None,
    granularity: str,
) -> None:
    mention = only(text)
    assert mention.text == span
    assert text[mention.start : mention.end] == span
    assert mention.earliest == earliest
    assert mention.latest == (latest or mention.latest)
    assert mention.granularity is Granularity(granularity)
    assert not mention.relative


@pytest.mark.parametrize(
    ("text", "published", "expected"),
    [
        # A year-less date takes the year nearest the publication date.
        ("The vote on 20 December", D(2025, 1, 10), D(2024, 12, 20)),
        ("The vote on 3 January", D(2024, 12, 28), D(2025, 1, 3)),
        ("The vote on 16 May", D(2025, 6, 3), D(2025, 5, 16)),
    ],
)
def test_year_nearest_publication(text: str, published: dt.date, expected: dt.date) -> None:
    assert only(text, published).earliest == expected


@pytest.mark.parametrize(
    ("text", "published", "span", "earliest", "latest", "granularity"),
    [
        ("The first round two weeks ago", SAT_31_MAY, "two weeks ago", D(2025, 5, 17), None, "day"),
        ("It struck two days ago", D(2025, 3, 30), "two days ago", D(2025, 3, 28), None, "day"),
        ("They met yesterday", D(2025, 3, 19), "yesterday", TUE_18_MAR, None, "day"),
        ("It hit last Friday", D(2025, 3, 31), "last Friday", D(2025, 3, 28), None, "day"),
        ("He spoke last week", THU_29_MAY, "last week", D(2025, 5, 19), D(2025, 5, 25), "week"),
        ("Said earlier this week", THU_29_MAY, "earlier this week", D(2025, 5, 26), None, "week"),
        ("Talks are proposed for next week", THU_29_MAY, "next week", D(2025, 6, 2), None, "week"),
        ("Borinsky said late Wednesday", THU_29_MAY, "late Wednesday", D(2025, 5, 28), None, "day"),
        ("in the shadow of Sunday's raid", D(2025, 6, 3), "Sunday's", D(2025, 6, 1), None, "day"),
        ("Close next year", TUE_18_MAR, "next year", D(2026, 1, 1), D(2026, 12, 31), "year"),
        ("It rose to $43bn last year", TUE_18_MAR, "last year", D(2024, 1, 1), None, "year"),
        ("We want peace this year", SAT_31_MAY, "this year", D(2025, 1, 1), None, "year"),
        (
            "Rejected last summer",
            TUE_18_MAR,
            "last summer",
            D(2024, 6, 1),
            D(2024, 8, 31),
            "season",
        ),
        ("He led the team last month", D(2025, 6, 3), "last month", D(2025, 5, 1), None, "month"),
        ("It moved three months ago", SAT_31_MAY, "three months ago", D(2025, 2, 1), None, "month"),
        ("The Kremlin said Thursday", THU_29_MAY, "Thursday", THU_29_MAY, None, "day"),
    ],
)
def test_relative_dates(
    text: str,
    published: dt.date,
    span: str,
    earliest: dt.date,
    latest: dt.date | None,
    granularity: str,
) -> None:
    mention = only(text, published)
    assert (mention.text, mention.earliest) == (span, earliest)
    assert mention.latest == (latest or mention.latest)
    assert mention.granularity is Granularity(granularity)
    assert mention.relative


def test_vague_relatives_are_marked() -> None:
    assert only("two weeks ago").vague
    assert only("last summer", TUE_18_MAR).vague
    assert not only("two days ago").vague
    assert not only("on 16 May").vague


def test_bare_weekday_allows_the_last_and_the_coming_one() -> None:
    # "talks in Istanbul on Monday" in a Saturday piece: 26 May just gone, or 2 June.
    mention = only("Moscow is sending a team to talks on Monday.", SAT_31_MAY)
    days = {lo for lo, _ in mention.readings}
    assert days == {D(2025, 5, 26), D(2025, 6, 2)}
    assert mention.weekday == 0


def test_future_tense_puts_the_coming_weekday_first() -> None:
    mention = only("The talks will resume on Monday.", SAT_31_MAY)
    assert mention.earliest == D(2025, 6, 2)


def test_weekday_of_the_publication_day_is_that_day() -> None:
    mention = only("Alphabet announced on Tuesday that it will buy Wiz.", TUE_18_MAR)
    assert mention.readings == ((TUE_18_MAR, TUE_18_MAR),)


def test_the_weekend() -> None:
    mention = only("He died at the weekend.", D(2025, 3, 31))
    assert (mention.earliest, mention.latest) == (D(2025, 3, 29), D(2025, 3, 30))


def test_ambiguous_numeric_date_keeps_both_readings() -> None:
    mention = only("It opened on 05/06/2025.")
    assert {lo for lo, _ in mention.readings} == {D(2025, 6, 5), D(2025, 5, 6)}


def test_winter_of_a_year_keeps_both_readings() -> None:
    mention = only("Supplies ran low in winter 2023.")
    assert {lo.year for lo, _ in mention.readings} == {2022, 2023}


def test_range_between_two_dates_is_one_mention() -> None:
    mention = only("They should meet between June 20 and June 30.", D(2025, 6, 2))
    assert (mention.earliest, mention.latest) == (D(2025, 6, 20), D(2025, 6, 30))
    assert mention.marker == "between"


@pytest.mark.parametrize(
    ("text", "weekday", "conflict"),
    [
        ("held on Thursday, May 16", 3, True),  # 16 May 2025 was a Friday
        ("held on Friday 16 May", 4, False),
        ("held on Thursday, May 16, 2024", 3, False),
        ("held on Friday", 4, False),  # resolved from the weekday: cannot clash
        ("held on 16 May", None, False),
    ],
)
def test_stated_weekday(text: str, weekday: int | None, conflict: bool) -> None:
    mention = only(text, D(2025, 6, 2))
    assert mention.weekday == weekday
    assert mention.weekday_conflict is conflict


def test_weekday_cannot_clash_when_the_year_is_unknown() -> None:
    # 21 July was a Monday in 2003 and 2025 but not in 2026: without a publication
    # date or a stated year, the weekday is taken on trust.
    mention = find_dates("He leaves prison on Monday, July 21.", None)[0]
    assert not mention.year_known
    assert not mention.weekday_conflict
    assert find_dates("He leaves prison on Monday, July 21.", None, year=2026)[0].weekday_conflict


def test_marker_is_the_word_before() -> None:
    assert only("The party has ruled since 2012.").marker == "since"
    assert only("They met on 16 May.").marker == "on"


@pytest.mark.parametrize(
    "text",
    [
        "The talks went ahead a day after the drone raid.",
        "The quake struck at 12:50 pm local time.",
        "It was felt at 1:20 pm Thai time.",
        "The toll has climbed to 2,056.",
        "About 2000 people were evacuated.",
        "Theresa May spoke to reporters.",
        "Officials said the dam may fail.",
        "Protesters will march through the city.",
        "Historians still argue about the fall of Kabul.",
        "Trump flew to Mar-a-Lago on his jet.",
        "Shops opened early for Black Friday sales.",
        "The aftershock came 12 minutes later.",
        "She served two terms, spanning eight years.",
    ],
)
def test_not_dates(text: str) -> None:
    assert find_dates(text, SAT_31_MAY) == []


def test_without_publication_date() -> None:
    # Relative dates cannot be resolved; year-less dates take the year asked for.
    assert find_dates("They met yesterday, two weeks ago.", None) == []
    assert only("They met on 16 May.", None).earliest.year == dt.date.today().year
    found = find_dates("They met on 16 May.", None, year=2019)
    assert found[0].earliest == D(2019, 5, 16)
    assert find_dates("They met on Monday.", SAT_31_MAY, relative=False) == []


def test_spans() -> None:
    text = "It struck two days ago, on Friday 28 March, at 12:50 pm."
    assert [text[s:e] for s, e in date_spans(text)] == ["two days ago", "Friday 28 March"]
    assert [text[s:e] for s, e in clock_spans(text)] == ["12:50 pm"]


def test_fast_enough_for_long_articles() -> None:
    # 600 news sentences in well under a second, even on a slow CI machine.
    text = (
        "The Kremlin said late Wednesday that talks set for next week, on 2 June, would go ahead."
    )
    start = time.perf_counter()
    for _ in range(600):
        find_dates(text, THU_29_MAY)
    assert time.perf_counter() - start < 1.5
