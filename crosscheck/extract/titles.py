"""Titles and offices attached to the people named in a sentence.

A person's titles are read from the words in front of the name ("Swedish Trade
Minister Ilse Brandvik", "the mayor's chief of staff Oren Matsek"), from an
appositive after it ("Petra Lunde, Orvane's chief executive,") or before it
("its defence minister, Kofi Anvar"). Each title is normalised with the lists
in ``data/titles.yaml`` to ``[rank] [qualifier] head``: organisations, nationalities
and words such as "special" or "acting" drop out, "CEO" becomes "chief executive".

>>> [(p.text, [t.key for t in ts]) for p, ts in titled_people(
...     "Deputy Prime Minister and Defence Minister Kofi Anvar visited the site.")]
[('Kofi Anvar', ['deputy prime minister', 'defence minister'])]
>>> compatible(parse_title("special envoy")[0], parse_title("envoy")[0])
True
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache, lru_cache

from crosscheck.extract.names import NAME, PERSON, Name, find_names
from crosscheck.extract.text import Token, fold, lexicon, tokens, word_set


@dataclass(frozen=True, slots=True)
class Title:
    """One office as written (``raw``) and as compared: ``rank qualifier head``."""

    raw: str
    head: str
    qualifier: str = ""
    rank: str = ""
    office: bool = True  # False for descriptions ("aide", "co-founder") that never clash

    @property
    def key(self) -> str:
        return " ".join(part for part in (self.rank, self.qualifier, self.head) if part)


@cache
def _synonyms() -> tuple[tuple[str, str], ...]:
    pairs = [(fold(k), fold(v)) for k, v in lexicon("titles")["synonyms"].items()]
    return tuple(sorted(pairs, key=lambda pair: len(pair[0]), reverse=True))


@cache
def _heads() -> tuple[tuple[str, bool], ...]:
    heads = [(fold(h), True) for h in lexicon("titles")["offices"]]
    heads += [(fold(h), False) for h in lexicon("titles")["descriptions"]]
    return tuple(sorted(heads, key=lambda pair: len(pair[0]), reverse=True))


def _rewrite(phrase: str) -> str:
    for old, new in _synonyms():
        phrase = re.sub(rf"(?<![\w-]){re.escape(old)}(?![\w-])", new, phrase)
    return phrase


def parse_title(raw: str) -> list[Title]:
    """The offices in one title phrase: "Deputy Prime Minister and Defence Minister" gives two.

    >>> [t.key for t in parse_title("Norway's intelligence chief")]
    ['intelligence chief']
    >>> [t.key for t in parse_title("junta chief Senior General")]
    ['junta chief', 'general']
    """
    titles: list[Title] = []
    for part in re.split(r"\s*(?:\band\b|&|/|,)\s*", raw):
        titles.extend(_parse_part(part))
    return titles


def _title_words(raw: str) -> list[str] | None:
    """The words of a title that say which office it is; None for a past office."""
    words = []
    for token in tokens(raw):
        if not token.is_word:
            continue
        low = fold(token.text).replace(".", "")
        if low in ("former", "ex", "late", "would-be") or low.startswith("ex-"):
            return None  # a past office says nothing about the present one
        if token.possessive or low in word_set("titles", "courtesy"):
            continue  # "Turkey's", "Alphabet's": whose office, not which
        is_title_word = low in word_set("names", "title_words") or any(
            low in head.split() for head, _ in _heads()
        )
        if token.text[:1].isupper() and not is_title_word:
            continue  # organisations and nationalities: "Orvane", "Thai", "Telmark Cloud"
        if low in word_set("names", "demonyms") and not is_title_word:
            continue
        words.append(low)
    return words


def _parse_part(raw: str) -> list[Title]:
    words = _title_words(raw)
    if not words:
        return []
    phrase = _rewrite(" ".join(words))
    # "chief executive of Alphabet" -> "chief executive"; "minister of defence" ->
    # "defence minister"; "chief of staff" is an office of its own.
    if " of " in phrase and phrase not in dict(_heads()):
        head, _, rest = phrase.partition(" of ")
        phrase = _rewrite(f"{rest} {head}" if head in ("minister", "secretary") else head)
    ignorable = word_set("titles", "ignorable")
    words = [word for word in phrase.split() if word not in ignorable]
    ranks = word_set("titles", "ranks")
    titles: list[Title] = []
    pending: list[str] = []
    i = 0
    while i < len(words):
        for head, office in _heads():
            size = len(head.split())
            if words[i : i + size] == head.split():
                rank = " ".join(word for word in pending if word in ranks)
                qualifier = " ".join(word for word in pending if word not in ranks)
                if head == "chief" and not qualifier:
                    office = False  # "agency chief", "Alliance chief": the head of a body
                titles.append(Title(raw.strip(), head, qualifier, rank, office))
                pending, i = [], i + size
                break
        else:
            pending.append(words[i])
            i += 1
    return titles


def compatible(a: Title, b: Title) -> bool:
    """Whether one person can hold both titles: same head and rank, qualifiers agree or
    one side leaves it out ("minister" vs "foreign minister"). Descriptions always fit."""
    if not a.office or not b.office:
        return True
    if a.head != b.head or a.rank != b.rank:
        return False
    return not a.qualifier or not b.qualifier or a.qualifier == b.qualifier


# Tokens that may stand between a title and the name it belongs to, or inside a title.
_GLUE = frozenset({"and", "&", "of", "-"})


def _title_start(toks: Sequence[Token], index: int) -> int:
    """Index of the first title word written right before the token at ``index``."""
    k = index
    while k > 0:
        token = toks[k - 1]
        low = token.low
        titleish = (
            low in word_set("names", "title_words")
            or low in word_set("names", "honorifics")
            or (token.text[:1].isupper() and not token.possessive)
            or low in _GLUE
            or any(low in head.split() for head, _ in _heads())
        )
        if (not token.is_word and token.text != "&") or not titleish:
            break
        k -= 1
    while k < index and toks[k].low in _GLUE:
        k += 1
    return k


def _words_before(text: str, toks: Sequence[Token], index: int) -> str:
    k = _title_start(toks, index)
    if 0 < k < index and toks[k - 1].possessive:
        k -= 1  # "Norway's intelligence chief": shown, then dropped when parsed
    return text[toks[k].start : toks[index].start].strip() if k < index else ""


def _appositive_after(text: str, name: Name) -> str:
    """ "Petra Lunde, Orvane's chief executive, said" -> "Orvane's chief executive"."""
    rest = tokens(text[name.end :])
    if len(rest) < 2 or rest[0].text != ",":
        return ""
    first = rest[1]
    leads = first.low in ("the", "a", "an", "its", "his", "her", "their") or first.possessive
    if not leads and first.low not in word_set("names", "title_words"):
        return ""
    end = 1
    while end < len(rest) and rest[end].text not in (",", ";", ":", ".", "(", '"', "“", "”"):
        if rest[end].low in ("who", "which", "that", "whose"):
            break
        end += 1
    phrase = text[name.end + rest[1].start : name.end + rest[end - 1].end]
    return phrase if parse_title(phrase) else ""


def _appositive_before(text: str, toks: Sequence[Token], index: int) -> str:
    """ "its defence minister, Kofi Anvar" -> "its defence minister"."""
    if index < 2 or toks[index - 1].text != ",":
        return ""
    last = toks[index - 2]
    if not any(last.low == head.split()[-1] for head, office in _heads() if office):
        return ""
    k = _title_start(toks, index - 1)
    if k > 0 and (
        toks[k - 1].possessive or toks[k - 1].low in ("its", "his", "her", "their", "the")
    ):
        k -= 1  # "its", "Turkey's"
    return text[toks[k].start : toks[index - 1].start].strip() if k < index - 1 else ""


def titled_people(text: str) -> list[tuple[Name, list[Title]]]:
    """Each person named in ``text`` with the offices the sentence gives them."""
    return [(name, list(titles)) for name, titles in _titled_people(text)]


# Memoised by text: the role rule asks once per aligned pair a sentence is in.
@lru_cache(maxsize=20_000)
def _titled_people(text: str) -> tuple[tuple[Name, tuple[Title, ...]], ...]:
    toks = tokens(text)
    found: list[tuple[Name, tuple[Title, ...]]] = []
    for name in find_names(text):
        if name.kind not in (PERSON, NAME):
            continue
        index = next((n for n, t in enumerate(toks) if t.start == name.start), None)
        if index is None:
            continue
        before = _words_before(text, toks, index)
        phrases = [before] if before else []
        if name.prefix and name.prefix not in before:
            phrases.append(name.prefix)
        phrases.append(_appositive_after(text, name))
        phrases.append(_appositive_before(text, toks, index))
        titles: list[Title] = []
        for phrase in phrases:
            for title in parse_title(phrase) if phrase else []:
                if title.key not in {seen.key for seen in titles}:
                    titles.append(title)
        found.append((name, tuple(titles)))
    return tuple(found)
