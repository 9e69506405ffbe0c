"""How the gazetteer and WordNet are stored and read: hand-made data, no real files."""

from __future__ import annotations

import sqlite3
from pathlib import Path

import pytest

from crosscheck.extract import gazetteer_index, wordnet
from crosscheck.extract.gazetteer_index import Place

PLACES = {
    "country:ZZ": Place("country:ZZ", "Zedland", "country", "ZZ", None, 900),
    "sub:ZZ-N": Place("sub:ZZ-N", "North Zed", "subdivision", "ZZ", "country:ZZ"),
    "city:1": Place("city:1", "Harbourton", "city", "ZZ", "sub:ZZ-N", 50_000, 1.5, 2.25),
    "city:2": Place("city:2", "Harbourton", "city", "ZZ", "country:ZZ", 7_000, 9.0, 9.0),
}
NAMES = {"zedland": ("country:ZZ",), "northzed": ("sub:ZZ-N",), "harbourton": ("city:1", "city:2")}


def test_the_gazetteer_index_reads_back_what_was_written(tmp_path: Path) -> None:
    gazetteer_index._Index.build_into(str(tmp_path / "g.sqlite3"), PLACES, NAMES)._db.close()
    index = gazetteer_index._Index.open(tmp_path / "g.sqlite3")
    assert index.keys("harbourton") == ("city:1", "city:2")  # the order is kept
    assert index.keys("nowhere") == ()
    assert index.place("city:1") == PLACES["city:1"]
    assert index.place("country:ZZ") == PLACES["country:ZZ"]  # None coordinates stay None
    assert index.has_place("sub:ZZ-N") and not index.has_place("city:3")
    with pytest.raises(KeyError):
        index.place("city:3")
    assert index.spellings("city:2") == frozenset({"harbourton"})


def test_a_damaged_or_empty_index_file_is_refused(tmp_path: Path) -> None:
    (tmp_path / "bad.sqlite3").write_bytes(b"not a database at all" * 100)
    with pytest.raises(sqlite3.Error):
        gazetteer_index._Index.open(tmp_path / "bad.sqlite3")
    gazetteer_index._Index.build_into(str(tmp_path / "empty.sqlite3"), {}, {})._db.close()
    with pytest.raises(sqlite3.Error):
        gazetteer_index._Index.open(tmp_path / "empty.sqlite3")


def test_a_damaged_cache_file_is_rebuilt_once_and_then_read(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("CROSSCHECK_CACHE_DIR", str(tmp_path))
    monkeypatch.setattr(gazetteer_index, "_OPENED", {})
    builds = []
    monkeypatch.setattr(gazetteer_index, "_build", lambda: builds.append(1) or (PLACES, NAMES))
    path = gazetteer_index._cache_file()
    assert path is not None and path.parent == tmp_path
    path.write_bytes(b"half-written")
    assert gazetteer_index._index().keys("zedland") == ("country:ZZ",)
    assert builds == [1]
    monkeypatch.setattr(gazetteer_index, "_OPENED", {})  # a new process reads the rebuilt file
    assert gazetteer_index._index().place("city:1") == PLACES["city:1"]
    assert builds == [1]


def test_a_read_only_cache_builds_the_index_in_memory(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    monkeypatch.setenv("CROSSCHECK_CACHE_DIR", str(blocked / "cache"))
    monkeypatch.setattr(gazetteer_index, "_OPENED", {})
    monkeypatch.setattr(gazetteer_index, "_build", lambda: (PLACES, NAMES))
    assert gazetteer_index._index().keys("northzed") == ("sub:ZZ-N",)


def sorted_file(path: Path, words: list[str]) -> None:
    """A WordNet-style file: a licence header of space-led lines, then sorted lines."""
    header = [f"  {n} licence text that sorts before every word" for n in range(1, 30)]
    lines = header + [f"{w} n 1 0 1 0 {n:08d}  " for n, w in enumerate(sorted(words))]
    path.write_bytes("\r\n".join(lines).encode() + b"\r\n")


@pytest.mark.parametrize("count", [1, 2, 7, 300])
def test_bisection_finds_every_line_and_nothing_else(tmp_path: Path, count: int) -> None:
    words = sorted({f"w{n * 7919 % 100_000:05d}" for n in range(count)} | {"a", "a_b", "zz"})
    sorted_file(tmp_path / "index.noun", words)
    for word in words:
        line = wordnet._find(tmp_path / "index.noun", word.encode())
        assert line is not None and line.split()[0] == word.encode()
    for absent in ("", "0", "a_", "a_a", "ab", "w", "w000001", "zzz", "~"):
        assert wordnet._find(tmp_path / "index.noun", absent.encode()) is None
