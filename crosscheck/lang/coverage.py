"""What a comparison could not do because of languages, said in plain words.

A sentence model that reads one language cannot align sentences of two: an English
and a French article on the same facts would otherwise come out as "0 facts, 0
divergences", which reads as "consistent". ``coverage_items`` says so in the report's
coverage ("not judged"), and ``aligns_across_languages`` tells the pipeline whether to
keep pairs across languages at all.

A check reads the languages its module lists in ``LANGUAGES`` (English only when it
lists none). ``check_reads`` keeps a check off a sentence in a language crosscheck.lang
reads but the check does not (the English parser would take every German noun for a
name), and the coverage names the checks that did not read a pair's language.

>>> from crosscheck.types import Article, Source
>>> en = Article(Source("wire", "wire.txt", "", "Wire", language="en"), "...")
>>> fr = Article(Source("monde", "monde.txt", "", "Monde", language="fr"), "...")
>>> class Model:  # what the notes read of an embedder: a name and its languages
...     name, languages = "all-MiniLM-L6-v2", frozenset({"en"})
>>> coverage_notes([en, fr], Model())[0][:60]
'The articles are in English (wire) and French (monde): align'
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from crosscheck.lang import READ, language_name
from crosscheck.types import Alignment, Article, NotJudged, Unjudged

__all__ = [
    "aligns_across_languages",
    "check_languages",
    "check_reads",
    "coverage_items",
    "coverage_notes",
    "model_languages",
    "same_language",
]

# A model card's language entry or tag that means "many languages".
MULTILINGUAL = "multilingual"
# What a check reads when its module declares no ``LANGUAGES``: crosscheck/extract's
# readers are English ones.
ENGLISH_ONLY = ("en",)


def check_languages(check: str) -> tuple[str, ...]:
    """The languages check ``check`` (a name in ``checks.CHECKS``) reads.

    >>> check_languages("numbers")
    ('en', 'de', 'fr', 'es')
    """
    from crosscheck.checks import load_check

    return tuple(getattr(load_check(check), "LANGUAGES", ENGLISH_ONLY))


def check_reads(check: str, language: str | None) -> bool:
    """Whether check ``check`` should read a sentence in ``language``: always for an
    unknown language and for one crosscheck does not read at all (compared with the
    English rules, as the coverage says), else only when the check lists it."""
    return language is None or language not in READ or language in check_languages(check)


def model_languages(embedder: Any) -> frozenset[str] | None:
    """The languages a sentence model declares: its ``languages`` attribute, else the
    ``language:`` entry (or a ``multilingual`` tag or name) of its folder's model card
    (README.md front matter, as sentence-transformers models ship it). None: unknown.

    ``frozenset({"multilingual"})`` stands for a model made for many languages.
    """
    declared = getattr(embedder, "languages", None)
    if declared is not None:
        return frozenset(declared)
    folder = getattr(embedder, "folder", None)
    if folder is None:
        return None
    folder = Path(folder)
    if MULTILINGUAL in folder.name.casefold():
        return frozenset({MULTILINGUAL})
    card = _front_matter(folder / "README.md")
    if card is None:
        return None
    tags = card.get("tags") or []
    if isinstance(tags, list) and any(MULTILINGUAL in str(t).casefold() for t in tags):
        return frozenset({MULTILINGUAL})
    language = card.get("language")
    items = language if isinstance(language, list) else [language] if language else []
    codes = frozenset(str(item).casefold() for item in items)
    return codes or None


def _front_matter(path: Path) -> dict[str, Any] | None:
    import yaml

    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return None
    match = re.match(r"---\n(.*?)\n---", text, re.S)
    if not match:
        return None
    try:
        data = yaml.safe_load(match.group(1))
    except yaml.YAMLError:
        return None
    return data if isinstance(data, dict) else None


def same_language(left: str | None, right: str | None) -> bool:
    """Two articles are taken to share a language unless both are known and differ."""
    return left is None or right is None or left == right


def _languages(articles: Sequence[Article]) -> dict[str, list[str]]:
    """language code -> the source ids in it (unknown languages left out), in order."""
    found: dict[str, list[str]] = {}
    for article in articles:
        if article.source.language:
            found.setdefault(article.source.language, []).append(article.source.id)
    return found


def _reads(model: frozenset[str] | None, code: str) -> bool:
    return model is not None and (MULTILINGUAL in model or code in model)


def aligns_across_languages(embedder: Any, articles: Sequence[Article]) -> bool:
    """True when every article shares one language, or the model reads all of them."""
    languages = _languages(articles)
    if len(languages) <= 1:
        return True
    model = model_languages(embedder)
    return all(_reads(model, code) for code in languages)


def _listing(languages: dict[str, list[str]]) -> str:
    parts = [f"{language_name(code)} ({', '.join(ids)})" for code, ids in languages.items()]
    return parts[0] if len(parts) == 1 else ", ".join(parts[:-1]) + " and " + parts[-1]


def coverage_items(
    articles: Sequence[Article],
    alignments: Sequence[Alignment],
    embedder: Any,
    checks: Sequence[str] | None = None,
) -> tuple[NotJudged, ...]:
    """What languages kept from being judged, as the report's coverage items
    (``Unjudged.LANGUAGE``): one item when the model cannot align the articles'
    languages with each other, then one per aligned pair in a language other than
    English that some of ``checks`` (the enabled pair checks; all registered pair
    checks when None) do not read, naming them."""
    from crosscheck.checks import CHECKS
    from crosscheck.rules import SINGLE_CHECKS

    # Single-sentence checks (omissions) compare no pair: only pair checks are named.
    checks = sorted({name for name in (CHECKS if checks is None else checks)} - SINGLE_CHECKS)
    languages = _languages(articles)
    language_of = {a.source.id: a.source.language for a in articles}
    model = model_languages(embedder)
    name = getattr(embedder, "name", "the model")
    items = []
    if not aligns_across_languages(embedder, articles):
        items.append(
            NotJudged(
                Unjudged.LANGUAGE,
                (),
                f"The articles are in {_listing(languages)}: alignment across languages was "
                f"not possible with the model in use (`{name}` {_reads_phrase(model)}), so "
                "facts are compared only between articles in the same language. Give "
                "`--model` a multilingual sentence-transformers folder to compare across "
                "languages.",
            )
        )
    details: dict[str, str] = {}
    for pair in alignments:
        codes = {language_of.get(pair.left.source), language_of.get(pair.right.source)}
        for code in sorted(c for c in codes if c is not None and c != "en"):
            if code not in details:
                details[code] = _pair_detail(code, checks)
            if details[code]:
                items.append(NotJudged(Unjudged.LANGUAGE, (pair.left, pair.right), details[code]))
    return tuple(items)


def _reads_phrase(model: frozenset[str] | None) -> str:
    if model is None:
        return "declares no languages"
    if MULTILINGUAL in model:
        return "reads many languages"
    return "reads " + " and ".join(language_name(c) for c in sorted(model)) + " only"


def _pair_detail(code: str, checks: Sequence[str]) -> str:
    """The coverage sentence for a pair in language ``code``, or "" when every check
    in ``checks`` reads it."""
    name = language_name(code)
    if code not in READ:
        return f"{name}: not a language crosscheck reads; compared with the English rules"
    unread = [check for check in checks if not check_reads(check, code)]
    if not unread:
        return ""
    read = [check for check in checks if check not in unread]
    checks_word = "checks" if len(unread) > 1 else "check"
    also = f"; read by {', '.join(read)}" if read else ""
    return f"{name}: not compared by the {', '.join(unread)} {checks_word} (no {name} reader){also}"


def coverage_notes(articles: Sequence[Article], embedder: Any) -> tuple[str, ...]:
    """The cross-language item's sentence alone, for callers that print plain lines."""
    return tuple(item.detail for item in coverage_items(articles, (), embedder))
