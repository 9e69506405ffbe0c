"""Names, titles, places and the curated lists behind them."""

from __future__ import annotations

import doctest
from pathlib import Path

import pytest
import yaml

from crosscheck.extract import gazetteer, names, places, text, titles
from crosscheck.extract.names import acronym, canonical, find_names, same_name
from crosscheck.extract.places import find_places
from crosscheck.extract.titles import compatible, parse_title, titled_people

DATA = Path(text.__file__).resolve().parent.parent / "data"


@pytest.mark.parametrize("module", [text, names, gazetteer, titles, places])
def test_docstring_examples(module: object) -> None:
    assert doctest.testmod(module).failed == 0  # type: ignore[arg-type]


@pytest.mark.parametrize("path", sorted(DATA.glob("*.yaml")), ids=lambda p: p.name)
def test_word_lists_hold_only_text(path: Path) -> None:
    """YAML reads a bare no, on or off as a boolean: every listed word must stay text."""

    def walk(value: object, where: str) -> None:
        if isinstance(value, dict):
            for key, child in value.items():
                assert isinstance(key, str), f"{path.name}: key {key!r} at {where}"
                walk(child, f"{where}/{key}")
        elif isinstance(value, list):
            for item in value:
                assert isinstance(item, str), f"{path.name}: {item!r} in {where}"
        else:
            assert value is None or isinstance(value, str), f"{path.name}: {value!r} at {where}"

    walk(yaml.safe_load(path.read_text(encoding="utf-8")), "")


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        (
            "Turkish Foreign Minister Orhan Kaplan opened the talks.",
            [("Orhan Kaplan", "person", "Turkish Foreign Minister")],
        ),
        (
            "Junta chief Senior General Than Kyaw Naing spoke on television.",
            [("Than Kyaw Naing", "person", "Senior General")],
        ),
        (
            "Mr Kalierov met reporters in Kyiv.",
            [("Kalierov", "person", "Mr"), ("Kyiv", "place", "")],
        ),
        (
            "The United States Geological Survey's model put the toll higher.",
            [("United States Geological Survey", "org", "")],
        ),
        ("Officials said the bridge had fallen.", []),
        ("Alphabet CEO Vikram Raghavan spoke.", [("Vikram Raghavan", "person", "Alphabet CEO")]),
        (
            "The Department of Health and Human Services said it would appeal.",
            [("Department of Health and Human Services", "org", "")],
        ),
        (
            "Borinsky and Kalerov met for two hours.",
            [("Borinsky", "name", ""), ("Kalerov", "name", "")],
        ),
        ("H-P announced the deal on Tuesday.", [("H-P", "org", "")]),
    ],
)
def test_find_names(sentence: str, expected: list[tuple[str, str, str]]) -> None:
    assert [(n.text, n.kind, n.prefix) for n in find_names(sentence)] == expected


def test_headline_case_gives_no_names() -> None:
    assert find_names("Sudan Bombs Yida Refugee Camp in South Sudan") == []
    assert find_names("Defence Minister Tarek Kalerov led the team.") != []


def test_possessive_is_marked_and_dropped_from_the_name() -> None:
    (name,) = find_names("Kiev's drones struck two airfields.")
    assert (name.text, name.possessive) == ("Kiev", True)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Varensky", "Varenskiy"),
        ("Varenskyy", "Mykhailo Varensky"),
        ("Kalerov", "Tarek Kalierov"),
        ("Mr Borinsky", "Mikhail Borinsky"),
        ("Demiroğlu", "Demiroglu"),
        ("Kemal Demiroglu", "Selim Kemal Demiroğlu"),
        ("USGS", "United States Geological Survey"),
        ("USGS", "US Geological Survey"),
        ("U.S.", "US"),
        ("Gennadi Lazkov", "Gennady Lazkov"),
        ("G. Lazkov", "Gennady Lazkov"),
    ],
)
def test_same_name(a: str, b: str) -> None:
    assert same_name(a, b) and same_name(b, a)


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("Borinsky", "Borodin"),
        ("Than Kyaw Naing", "Zin Min Soe"),
        ("Orhan Kaplan", "Mehmet Kaplan"),
        ("Vikram Raghavan", "Joel Varghese"),
        ("Alphabet", "Microsoft"),
    ],
)
def test_different_names(a: str, b: str) -> None:
    assert not same_name(a, b) and not same_name(b, a)


def test_aliases_from_the_newsroom() -> None:
    aliases = {"kiev": "Kyiv", "kyiv": "Kyiv", "the boss": "Bruce Springsteen"}
    assert canonical("Kiev", aliases) == "Kyiv"
    assert same_name("Kiev", "Kyiv", aliases)
    assert same_name("The Boss", "Springsteen", aliases)
    assert not same_name("Kiev", "Kyiv")  # too far apart to guess without the list


def test_acronym_counts_capital_words_whole() -> None:
    assert acronym("European Central Bank") == "ECB"
    assert acronym("UN Security Council") == "UNSC"


@pytest.mark.parametrize(
    ("a", "b", "relation"),
    [
        ("Istanbul", "Turkey", "inside"),
        ("Turkey", "Istanbul", "contains"),
        ("Brooklyn", "New York City", "unknown"),
        ("Malibu", "California", "inside"),
        ("Fort Smith", "Ark.", "inside"),
        ("Kharkiv", "Kyiv", "disjoint"),
        ("Kiev", "Kyiv", "same"),
        ("Naypyidaw", "Nay Pyi Taw", "same"),
        ("the Kherson region", "Kherson", "same"),
        ("Mandalay", "Naypyidaw", "disjoint"),
        ("Huntsville", "Texas", "inside"),
        ("Palmer", "Cumbria", "disjoint"),
        ("Murmansk", "Russia", "inside"),
        ("Europe", "Asia", "unknown"),
        ("Narnia", "Kyiv", "unknown"),
        ("the West", "Turkmenistan", "unknown"),
    ],
)
def test_gazetteer(a: str, b: str, relation: str) -> None:
    assert gazetteer.relation(a, b) == relation


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("It struck 16 km northwest of Sagaing, close to Mandalay.", ["Sagaing", "Mandalay"]),
        ("It was centred close to the capital, Nay Pyi Taw, at 10 km.", ["Nay Pyi Taw"]),
        ("They met at the Çırağan Palace on the Bosphorus.", ["Çırağan Palace"]),
        ("Rescuers came from China, India and Russia.", []),
        (
            "Kiev's drones hit airfields in the Murmansk and Irkutsk regions.",
            ["Murmansk", "Irkutsk"],
        ),
        ("The talks were held in Russian with no interpreters.", []),
        ("It caused shock across Israel.", []),
    ],
)
def test_find_places(sentence: str, expected: list[str]) -> None:
    assert [p.text for p in find_places(sentence)] == expected


@pytest.mark.parametrize(
    ("sentence", "person", "keys"),
    [
        (
            "Thai Interior Minister Somchai Rattanakul visited.",
            "Somchai Rattanakul",
            ["interior minister"],
        ),
        (
            "Deputy Prime Minister and Defence Minister Somchai Rattanakul visited.",
            "Somchai Rattanakul",
            ["deputy prime minister", "defence minister"],
        ),
        (
            "Vikram Raghavan, Alphabet's chief executive, said so.",
            "Vikram Raghavan",
            ["chief executive"],
        ),
        (
            "Vikram Raghavan, chief executive of Alphabet, said so.",
            "Vikram Raghavan",
            ["chief executive"],
        ),
        (
            "It was led by its defence minister, Tarek Kalierov.",
            "Tarek Kalierov",
            ["defence minister"],
        ),
        ("Donald Trump, the U.S. president.", "Donald Trump", ["president"]),
        ("Varensky's chief of staff Taras Hnatyuk spoke.", "Taras Hnatyuk", ["chief of staff"]),
        (
            "Co-founder and CTO Assaf Rappaport wrote.",
            "Assaf Rappaport",
            ["co-founder", "chief technology officer"],
        ),
        ("Mikhail Borinsky, a former culture minister, spoke.", "Mikhail Borinsky", []),
    ],
)
def test_titles_attached_to_a_person(sentence: str, person: str, keys: list[str]) -> None:
    found = {p.text: sorted(t.key for t in ts) for p, ts in titled_people(sentence)}
    assert found[person] == sorted(keys)


@pytest.mark.parametrize(
    ("a", "b", "fits"),
    [
        ("special envoy", "envoy", True),
        ("CEO", "chief executive officer", True),
        ("minister", "foreign minister", True),
        ("co-founder", "chief executive", True),
        ("Kremlin press secretary", "spokesman", True),
        ("foreign minister", "defence minister", False),
        ("intelligence chief", "foreign minister", False),
        ("deputy prime minister", "prime minister", False),
        ("CTO", "chief executive", False),
    ],
)
def test_compatible_titles(a: str, b: str, fits: bool) -> None:
    (first,), (second,) = parse_title(a), parse_title(b)
    assert compatible(first, second) is fits
