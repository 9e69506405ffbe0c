"""Offices written before a person's name: "Gov. Ann Vale", "coroner Jo Tamm".

``titles_before`` reads them from the parse, with the word that makes them past or future
("former", "incoming"); ``title_word`` says whether one word is such an office.

>>> TITLE_ABBREVIATIONS["sgt"]
'sergeant'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Span, Token

# Abbreviated titles written before a name (general AP and Commonwealth usage).
TITLE_ABBREVIATIONS = {
    "gov": "governor",
    "sen": "senator",
    "rep": "representative",
    "gen": "general",
    "lt": "lieutenant",
    "sgt": "sergeant",
    "capt": "captain",
    "col": "colonel",
    "cmdr": "commander",
    "supt": "superintendent",
    "insp": "inspector",
    "det": "detective",
    "prof": "professor",
    "pres": "president",
    "atty": "attorney",
    "adm": "admiral",
    "maj": "major",
    "cpl": "corporal",
    "pvt": "private",
    "amb": "ambassador",
}
# Courtesy titles: no office ("Ms Varn" is the same Ilse Varn as "actress Ilse Varn").
COURTESY = frozenset({"mr", "mrs", "ms", "miss", "mx", "dr", "sir", "dame", "lady", "lord"})


def title_word(token: Token) -> str:
    """The office a word before a name gives ("Gov." -> "governor", "coroner"), or ""."""
    from crosscheck.extract import wordnet

    word = token.lower_.rstrip(".")
    if word in COURTESY or (not token.is_alpha and not token.text.endswith(".")):
        return ""
    if word in TITLE_ABBREVIATIONS:
        return TITLE_ABBREVIATIONS[word]
    if token.pos_ not in ("NOUN", "PROPN") and token.dep_ != "compound":
        return ""  # a compound of the name is a noun whatever its tag ("Chief" as ADJ)
    senses = wordnet.lexnames(word, "n", 1)
    return word if senses == ("noun.person",) and wordnet.common_noun(word) else ""


# Words that make the office that follows a past or future one: "former governor".
_NOT_NOW = frozenset({"former", "ex", "then", "late", "future", "incoming", "outgoing", "acting"})


def _title_marked(token: Token, name_start: int) -> bool:
    """An office written as a title: abbreviated ("Gov."), capitalised ("Coroner Ann
    Vale", also as the sentence's first word when the name follows it directly), after a
    possessive ("the actress's lawyer Jack"), or right before the name after "the", "her"
    or "former" ("the actress Vale", "her attorney Jo Tamm", "former coach Al Dunn"). A
    lowercase word elsewhere ("football player", "party girl") describes rather than
    names an office."""
    if token.lower_.rstrip(".") in TITLE_ABBREVIATIONS:
        return True
    if token.text[:1].isupper() and (not token.is_sent_start or token.i + 1 == name_start):
        return True
    i = token.i - 1
    while i >= 0 and token.doc[i].lower_ in _NOT_NOW:
        i -= 1  # "her former attorney Jo Tamm"
    if i < token.i - 1 and token.i + 1 == name_start:
        return True  # "former lawyer Jo Tamm": a past office, named as such
    if i < 0:
        return False
    previous = token.doc[i]
    if previous.tag_ == "POS":
        return True
    return (previous.lower_ == "the" or previous.tag_ == "PRP$") and token.i + 1 == name_start


def titles_before(span: Span) -> tuple[tuple[str, ...], str]:
    """Offices right before a person's name, inside or just outside the entity span
    ("Coroner Ann Vale", "Sen. Omar Brandt", "the actress's lawyer Jo Tamm"), and the
    word that makes them past or future ("former", "incoming"; "" for a current one)."""
    doc = span.doc
    tokens: list[Token] = []
    i = span.start - 1
    while i >= 0 and title_word(doc[i]):
        tokens.insert(0, doc[i])
        i -= 1
    k = span.start
    while k < span.end - 1 and title_word(doc[k]):
        tokens.append(doc[k])
        k += 1
    name_start = k
    if not tokens or not any(_title_marked(t, name_start) for t in tokens):
        return (), ""
    before = doc[max(0, tokens[0].i - 3) : tokens[0].i]
    when = next((t.lower_ for t in before if t.lower_ in _NOT_NOW), "")
    return tuple(title_word(t) for t in tokens), when
