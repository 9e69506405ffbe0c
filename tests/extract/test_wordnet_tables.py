"""WordNet's word tables: built once into the user cache, read from there afterwards."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from crosscheck.extract import wordnet

WORDS = {
    "noun": ["court", "judge", "truce"],
    "verb": ["acquit", "convict"],
    "adj": ["guilty"],
    "adv": ["quickly"],
}


def fake_wordnet(folder: Path) -> Path:
    """Index files in WordNet's layout (a licence header of space-led lines, CRLF)."""
    folder.mkdir()
    for name, words in WORDS.items():
        header = ["  1 licence text that sorts first", "  2 more licence text"]
        lines = header + [f"{w} {name[0]} 1 0 1 0 {n:08d}  " for n, w in enumerate(words)]
        (folder / f"index.{name}").write_bytes("\r\n".join(lines).encode() + b"\r\n")
    return folder


@pytest.fixture
def tables_of(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A fake WordNet folder, an empty cache folder, and the caches of both cleared."""
    folder = fake_wordnet(tmp_path / "wordnet")
    monkeypatch.setenv("CROSSCHECK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setattr(wordnet, "_folder", lambda: folder)
    wordnet._tables.cache_clear()
    wordnet._offsets.cache_clear()
    yield folder
    wordnet._tables.cache_clear()
    wordnet._offsets.cache_clear()


def test_the_tables_are_built_once_then_read_from_the_cache(
    tables_of: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert wordnet._listed("v", b"acquit") and not wordnet._listed("v", b"court")
    stored = list((tables_of.parent / "cache").glob("wordnet-*.npz"))
    assert len(stored) == 1
    wordnet._tables.cache_clear()

    def no_build(folder: Path) -> dict[str, object]:
        raise AssertionError("built again although the cache file was there")

    monkeypatch.setattr(wordnet, "_build_tables", no_build)
    assert wordnet._listed("n", b"truce") and not wordnet._listed("n", b"acquit")


def test_the_stored_hashes_are_the_same_in_another_process(tables_of: Path) -> None:
    # Python salts hash() of bytes per process: a stored table must not depend on it.
    assert wordnet._stable_hash(b"truce") == 987575014573390979


def test_a_damaged_cache_file_is_built_again(tables_of: Path) -> None:
    path = wordnet._table_file(tables_of)
    path.parent.mkdir(parents=True)
    path.write_bytes(b"not a table file")
    assert wordnet._listed("a", b"guilty")
    wordnet._tables.cache_clear()
    assert wordnet._listed("r", b"quickly")  # read back from the rebuilt file
    assert path.stat().st_size > len(b"not a table file")


def test_changed_index_files_get_a_new_table_file(tables_of: Path) -> None:
    before = wordnet._table_file(tables_of)
    with (tables_of / "index.noun").open("ab") as handle:
        handle.write(b"verdict n 1 0 1 0 00000009  \r\n")
    assert wordnet._table_file(tables_of) != before


def test_a_read_only_cache_builds_the_tables_in_memory(
    tables_of: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    blocked = tmp_path / "file-not-folder"
    blocked.write_text("x")
    monkeypatch.setenv("CROSSCHECK_CACHE_DIR", str(blocked / "cache"))
    assert wordnet._listed("v", b"convict")
    assert wordnet._offsets("v", "convict") == (1,)
