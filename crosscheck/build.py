"""The one builder of what a compare needs besides its articles: rules, embedder, caches.

The CLI's compare and eval, an audit and check-pairs all get their resources here, so
a rules folder, a model or a cache option means the same thing in every command.

>>> setup = build(embedder=object())
>>> setup.ruleset.get("date-mismatch").check
'dates'
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from crosscheck.embed import Backend, Embedder
from crosscheck.rules import RuleSet, load_rules
from crosscheck.settings import RULES_DIR
from crosscheck.settings import cache_dir as default_cache_dir

_RULESETS: dict[tuple[str, ...], RuleSet] = {}


def _folder_state(folder: Path) -> str:
    """A rules folder as its path and a digest of its rule files' names and contents
    (reading a dozen small files costs about a millisecond; parsing them is the cost)."""
    digest = hashlib.sha1(str(folder.resolve()).encode())
    for path in sorted(folder.glob("*.y*ml")) if folder.is_dir() else []:
        digest.update(path.name.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()


def rules_once(*folders: Path) -> RuleSet:
    """``load_rules(*folders)``, read once per process while the folders' files are
    unchanged: an audit compares many stories with the same rules, and reading and
    validating them took about 0.05 s a story (a rule file edited between two
    compares is read again: the key is the files' contents).

    >>> rules_once(RULES_DIR) is rules_once(RULES_DIR)
    True
    """
    key = tuple(_folder_state(Path(folder)) for folder in folders)
    if key not in _RULESETS:
        _RULESETS[key] = load_rules(*folders)
    return _RULESETS[key]


def extra_rules(rules_dirs: Sequence[str | Path]) -> tuple[Path, ...]:
    """The user's rules folders, without the shipped one (which is always read first).

    >>> extra_rules([RULES_DIR, "desk-rules"])
    (PosixPath('desk-rules'),)
    """
    return tuple(Path(folder) for folder in rules_dirs if Path(folder).resolve() != RULES_DIR)


def build_rules(rules_dirs: Sequence[str | Path] = ()) -> RuleSet:
    """The shipped rules, overridden rule by rule by each of ``rules_dirs``.

    >>> build_rules() is build_rules([RULES_DIR])
    True
    """
    return rules_once(RULES_DIR, *extra_rules(rules_dirs))


def build_embedder(
    model: str | None = None,
    *,
    cache_dir: Path | None = None,
    use_cache: bool = True,
    encoder: str | Backend | None = None,
    release_after_encode: bool = False,
) -> Embedder:
    """An Embedder for ``model`` with vectors cached in ``cache_dir`` (default: the
    user cache folder), or uncached when ``use_cache`` is false. Nothing loads yet.

    ``release_after_encode`` frees the model after its one batch: for a one-shot
    compare, whose parser and checks then never share the process with the encoder.
    """

    folder = (cache_dir or default_cache_dir()) if use_cache else None
    return Embedder(
        model, cache_dir=folder, encoder=encoder, release_after_encode=release_after_encode
    )


@dataclass(frozen=True, slots=True)
class Setup:
    """What a compare reads besides the articles: the rules, the embedder, and the rules
    folders (ingest reads their ``outlets.yaml``).

    ``embedder`` is anything with ``name``, ``load_seconds`` and ``encode`` (an
    Embedder, or a test double).
    """

    ruleset: RuleSet
    embedder: Any
    rules_dirs: tuple[Path, ...] = ()


def build(
    rules_dirs: Sequence[str | Path] = (),
    *,
    model: str | None = None,
    cache_dir: Path | None = None,
    use_cache: bool = True,
    encoder: str | Backend | None = None,
    embedder: Any = None,
    release_after_encode: bool = False,
) -> Setup:
    """Rules and embedder for compares, checked before any article is read: a bad rule
    file or an unknown model is refused here. ``embedder`` (an audit's, a test double)
    is used as given instead of building one.

    >>> build(embedder="double").rules_dirs
    ()
    """
    ruleset = build_rules(rules_dirs)
    if embedder is None:
        embedder = build_embedder(
            model,
            cache_dir=cache_dir,
            use_cache=use_cache,
            encoder=encoder,
            release_after_encode=release_after_encode,
        )
    return Setup(ruleset, embedder, extra_rules(rules_dirs))
