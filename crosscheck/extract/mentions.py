"""Typed mentions read from the spaCy parse of a sentence, each with its character span.

``analyse(text)`` parses the text once (``crosscheck.nlp``, cached by text) and returns
an ``Analysis``: the named mentions (people, organisations, places, other names), the
predicates (verbs and predicative adjectives, with negation from the parse) and the
lemmas of the content words. Checks compare these; they do no parsing themselves.

A mention's *slot* says what it does in the sentence: its dependency role (``subj``,
``obj``, ``agent`` for "by X" in a passive, ``prep:in`` for "in X", ``poss``, ``mod``,
``appos``) and the lemma of the word it attaches to (the verb or noun it depends on).
Two sides' mentions in the same slot (same role, same head lemma) state the same
thing.

>>> a = analyse("Police arrested Jonah Kessling in Porthaven on Friday.")  # doctest: +SKIP
>>> [(m.kind, m.text, m.role, m.head) for m in a.names]  # doctest: +SKIP
[('person', 'Jonah Kessling', 'obj', 'arrest'), ('place', 'Porthaven', 'prep:in', 'arrest')]
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

PERSON, ORG, PLACE, OTHER = "person", "org", "place", "other"
# spaCy's OntoNotes labels -> mention kinds. NORP (nationalities, groups) names no
# one place or organisation; it is kept as "other" so that "the Norwegian climber"
# can still account for "Norway" on the other side.
_KINDS = {
    "PERSON": PERSON,
    "ORG": ORG,
    "GPE": PLACE,
    "LOC": PLACE,
    "FAC": PLACE,
    "NORP": OTHER,
}
_SUBJECTS = frozenset({"nsubj", "nsubjpass", "csubj", "expl"})
_OBJECTS = frozenset({"dobj", "obj", "iobj", "attr", "oprd", "dative"})
# Negative words the parser does not always mark ``neg``: "never", "no one".
_NEGATIVE_WORDS = frozenset({"not", "n't", "never", "no", "neither", "nor", "nobody", "none"})


@dataclass(frozen=True, slots=True)
class Mention:
    """A named mention: ``text == sentence[start:end]``."""

    kind: str  # person | org | place | other
    label: str  # the parser's entity label (PERSON, GPE, ...)
    text: str
    start: int
    end: int
    role: str  # subj | obj | agent | prep:<word> | poss | mod | appos | other
    head: str  # lemma of the word the mention depends on ("" for the sentence root)
    head_pos: str  # its part of speech (VERB, NOUN, ...)
    titles: tuple[str, ...] = ()  # lower-cased title words right before a person
    # "former", "incoming"...: the titles name a past or future office ("" if current).
    titles_when: str = ""
    # The noun the name itself modifies, if any: "climber" in "a Porthaven climber".
    noun: str = ""
    # The lower-cased words right before and after the name ("the" and "a" skipped):
    # "16-year-old" in "a 16-year-old Ilse Varn", "over" in "win over Harbour FC".
    before: str = ""
    after: str = ""
    # The subject of a passive verb ("Vexlo was acquired"): who the verb happens to.
    passive: bool = False


@dataclass(frozen=True, slots=True)
class Predicate:
    """A verb or predicative adjective, with its polarity from the parse."""

    lemma: str
    text: str
    start: int
    end: int
    negated: bool
    subjects: tuple[str, ...]  # lower-cased lemmas of its subjects' heads
    pos: str = "VERB"  # VERB or ADJ
    # The words from its negation or first auxiliary to the predicate ("was not arrested")
    phrase: str = ""


@dataclass(frozen=True, slots=True)
class Count:
    """A figure and what it counts: "five guards" -> 5.0, "guard"; "$5.4 billion" ->
    5.4e9, "$". ``hedged`` when "about", "more than", "at least"... qualifies it."""

    value: float
    counted: str  # lemma of the noun counted, or the currency / unit
    text: str
    start: int
    end: int
    hedged: bool = False


@dataclass(frozen=True, slots=True)
class Analysis:
    text: str
    names: tuple[Mention, ...]
    predicates: tuple[Predicate, ...]
    lemmas: frozenset[str]  # lower-cased lemmas of every content word
    counts: tuple[Count, ...] = ()
    # Runs of proper nouns the entity tagger left unlabelled ("Vexlo", kind OTHER,
    # label PROPN): the single surnames and team names it misses most.
    proper: tuple[Mention, ...] = ()


def prepare(texts: Iterable[str]) -> None:
    """Parse ``texts`` in batches now, so later per-pair reads hit the parse cache."""
    from crosscheck.nlp import default_parser

    default_parser().parse(list(dict.fromkeys(texts)))


def _passive_subject(token: Token) -> bool:
    """Whether the phrase headed by ``token`` is the subject of a passive verb."""
    while token.dep_ in ("compound", "flat", "conj") and token.head is not token:
        token = token.head
    return token.dep_ in ("nsubjpass", "csubjpass")


def _governor(token: Token) -> tuple[str, Token]:
    """The role of the phrase headed by ``token`` and the word that phrase attaches to."""
    dep = token.dep_
    if dep in ("compound", "flat") and token.head is not token:
        return _governor(token.head)
    if dep == "pobj" and token.head.dep_ in ("prep", "agent"):
        prep = token.head
        role = "agent" if prep.dep_ == "agent" else f"prep:{prep.lower_}"
        return role, prep.head
    if dep in _SUBJECTS:
        return "subj", token.head
    if dep in _OBJECTS:
        return "obj", token.head
    if dep == "poss":
        return "poss", token.head
    if dep == "appos":
        return "appos", token.head
    if dep in ("amod", "nmod", "npadvmod"):
        return "mod", token.head
    if dep == "conj":
        return _governor(token.head)
    return "other", token.head


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


def _titles(span: Span) -> tuple[tuple[str, ...], str]:
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


# A proper noun the tagger did not call a place counts as one only where the sentence
# puts something in it: after a locative preposition, or as the owner of a thing.
_FALLBACK_PLACE_ROLES = frozenset(
    {
        "prep:in",
        "prep:at",
        "prep:near",
        "prep:outside",
        "prep:inside",
        "prep:into",
        "prep:within",
        "poss",
    }
)


def _gazetteer_places(doc: Doc, taken: set[int]) -> list[Mention]:
    """Places the entity tagger missed: runs of proper nouns that the gazetteer knows
    ("Woman Killed In Porthaven", "Porthaven Harbour Treatment Center"), outside any person's
    name. The longest known run from the first proper noun is taken."""
    from crosscheck.extract import gazetteer

    person = {i for ent in doc.ents if ent.label_ == "PERSON" for i in range(ent.start, ent.end)}
    headline = _headline(doc)
    found = []
    i = 0
    while i < len(doc):
        if (
            doc[i].pos_ != "PROPN"
            or i in person
            or i in taken
            or (i and doc[i - 1].pos_ == "PROPN")
        ):
            i += 1
            continue
        j = i
        while j < len(doc) and doc[j].pos_ == "PROPN" and j not in person and j not in taken:
            j += 1
        for end in range(j, i, -1):
            span = doc[i:end]
            if gazetteer.known(span.text):
                root = span.root
                role, head = _governor(root)
                # The run goes on past the town: a team ("Porthaven Rovers") unless
                # its last word is a place word ("Porthaven Neighborhood").
                named_after = end < j and not _location_word(doc[j - 1].lemma_.lower())
                if role not in _FALLBACK_PLACE_ROLES and not (
                    role == "subj" and gazetteer.major(span.text) and not named_after
                ):
                    # "Rovers Hire", "a Ford": a known name, but not said as a place;
                    # "the Porthaven Rovers won": a town naming a team, not where.
                    break
                if end - i == 1 and headline and not gazetteer.prominent(span.text):
                    # "Checks Into Rehab", "Hit-And-Run": in a headline every word is
                    # capitalised, and a word that is also some small town's name is
                    # more often just a word.
                    break
                found.append(
                    Mention(
                        kind=PLACE,
                        label="GAZETTEER",
                        text=span.text,
                        start=span.start_char,
                        end=span.end_char,
                        role=role,
                        head="" if i <= head.i < end else head.lemma_.lower(),
                        head_pos=head.pos_,
                        # "a Porthaven mountain climber": where someone is from
                        noun=_modified_noun(root),
                    )
                )
                break
        i = j
    return found


# A facility or organisation whose name starts with a town says where it is when its
# head noun is a building or site (WordNet's first sense): "the Porthaven Vexlo
# store", "Porthaven Harbour Treatment Center"; not "the Porthaven Colts" (animals, a
# team) or "the Porthaven Times" (a period: a newspaper).
_SITE_SENSES = frozenset({"noun.artifact", "noun.location", "noun.object"})


def _modified_noun(root: Token) -> str:
    """The noun a name modifies, through a chain of modifiers: "a Porthaven mountain climber"
    -> "climber"."""
    if root.dep_ not in ("compound", "amod", "nmod", "poss"):
        return ""
    head = root.head
    while head.dep_ == "compound" and head.head is not head and head.head.pos_ in ("NOUN", "PROPN"):
        head = head.head
    return head.lemma_.lower() if head.pos_ in ("NOUN", "PROPN") else ""


def _location_word(lemma: str) -> bool:
    """ "city", "east", "region": a word WordNet first reads as a place."""
    from crosscheck.extract import wordnet
    from crosscheck.extract.text import lexicon

    if lemma in lexicon("places")["directions"]:
        return True  # "30 km east of ..."
    senses = wordnet.lexnames(lemma, "n", 1)
    return bool(senses) and senses[0] == "noun.location"


def _site(lemma: str) -> bool:
    """A building or site by WordNet's first noun sense ("store", "center", "resort")."""
    from crosscheck.extract import wordnet

    senses = wordnet.lexnames(lemma, "n", 1)
    return bool(senses) and senses[0] in _SITE_SENSES


def _inner_place(ent: Span, role: str, head: Token) -> list[Mention]:
    from crosscheck.extract import gazetteer

    tokens = [t for t in ent if t.lower_ != "the"]
    if len(tokens) < 2 or tokens[0].pos_ != "PROPN":
        return []
    # The site is the name's last word ("... Treatment Center") or the noun the name
    # modifies ("the Porthaven Vexlo's Club store": a store).
    site = [ent[-1].lemma_.lower(), _modified_noun(ent.root)]
    if not any(_site(word) for word in site if word):
        return []
    for size in range(len(tokens) - 1, 0, -1):
        part = tokens[:size]
        text = ent.doc[part[0].i : part[-1].i + 1]
        if all(t.pos_ == "PROPN" for t in part) and gazetteer.known(text.text):
            return [
                Mention(
                    kind=PLACE,
                    label="GAZETTEER",
                    text=text.text,
                    start=text.start_char,
                    end=text.end_char,
                    role=role,
                    head=head.lemma_.lower(),
                    head_pos=head.pos_,
                )
            ]
    return []


def _of_at(ent: Span) -> int:
    """The offset in ``ent`` of an inner "of" ("Ilse Varn of Porthaven"), or 0."""
    for k, token in enumerate(ent):
        if 0 < k < len(ent) - 1 and token.lower_ == "of":
            return k
    return 0


def _person_of_place(ent: Span) -> Mention | None:
    """The town in a person's name the tagger ran on: "Ilse Varn of Porthaven" is Ilse
    Varn, of the town Porthaven (when the gazetteer lists it)."""
    from crosscheck.extract import gazetteer, wordnet

    k = _of_at(ent)
    if not k:
        return None
    # The tagger calls such a run an organisation as often as a person; it is a
    # person's name when every word before "of" is a proper noun that is no common
    # word ("Bank of Norland", "Duke of Porthaven" are names of their own).
    if ent.label_ != "PERSON" and not all(
        t.pos_ == "PROPN" and not wordnet.common_noun(t.lower_) for t in ent[:k]
    ):
        return None
    place = ent[k + 1 :]
    if not gazetteer.known(place.text):
        return None
    owner = ent[k - 1]
    return Mention(
        kind=PLACE,
        label="GAZETTEER",
        text=place.text,
        start=place.start_char,
        end=place.end_char,
        role="prep:of",
        head=owner.lemma_.lower(),
        head_pos=owner.pos_,
    )


def _mentions(doc: Doc) -> list[Mention]:
    found = []
    places = {
        i
        for ent in doc.ents
        if ent.label_ in ("GPE", "LOC", "FAC")
        for i in range(ent.start, ent.end)
    }
    found.extend(_gazetteer_places(doc, places))
    for ent in doc.ents:
        kind = _KINDS.get(ent.label_)
        if kind is None:
            continue
        if len(ent) > 1 and ent[0].lower_ == "the":
            ent = ent[1:]  # "the Vexlo Palace": the name is what follows
        root = ent.root
        role, head = _governor(root)
        head_in_span = ent.start <= head.i < ent.end
        if kind == PERSON and role in _FALLBACK_PLACE_ROLES - {"poss"}:
            from crosscheck.extract import gazetteer

            if gazetteer.known(ent.text):
                kind = PLACE  # "riot breaks out in Porthaven": the tagger took a town for a person
        if kind == ORG and (
            role in _FALLBACK_PLACE_ROLES
            or (role in ("prep:of", "appos") and _location_word(head.lemma_.lower()))
        ):
            from crosscheck.extract import gazetteer

            if gazetteer.known(ent.text):
                kind = PLACE  # "30 km east of Porthaven", "the border city, Elinor"
        if kind == PERSON and role == "poss" and _site(head.lemma_.lower()):
            from crosscheck.extract import gazetteer

            if gazetteer.major(ent.text):
                kind = PLACE  # "Porthaven's new resort": a large town owns no resort
        if kind in (PERSON, ORG):
            split = _person_of_place(ent)
            if split is not None:
                found.append(split)
                ent = ent[: _of_at(ent)]
                root = ent.root
                role, head = _governor(root)
                head_in_span = ent.start <= head.i < ent.end
        if kind in (PLACE, ORG, PERSON) and ent.label_ != "GPE":
            found.extend(_inner_place(ent, role, head))
        titles, when = _titles(ent) if kind == PERSON else ((), "")
        found.append(
            Mention(
                kind=kind,
                label=ent.label_,
                text=ent.text,
                start=ent.start_char,
                end=ent.end_char,
                role=role,
                head="" if head is root or head_in_span else head.lemma_.lower(),
                head_pos="" if head is root else head.pos_,
                titles=titles,
                titles_when=when,
                noun=_modified_noun(root),
                before=_word_before(doc, ent.start),
                after=_word_after(doc, ent.end),
                passive=_passive_subject(root),
            )
        )
    return sorted(found, key=lambda m: m.start)


_ARTICLES = frozenset({"the", "a", "an"})


def _word_before(doc: Doc, start: int) -> str:
    """The word before a name, a hyphenated compound whole ("16-year-old")."""
    i = start - 1
    while i >= 0 and doc[i].lower_ in _ARTICLES:
        i -= 1
    if i < 0:
        return ""
    first = i
    while first >= 2 and doc[first - 1].text == "-" and not doc[first - 2].whitespace_:
        first -= 2
    return doc[first : i + 1].text.lower()


def _word_after(doc: Doc, end: int) -> str:
    return doc[end].lower_ if end < len(doc) else ""


# A sentence with at least this share of its words capitalised is a headline ("Harbour
# FC Hire Coach As Season Opens"): there every word looks like a name, and the tagger's
# proper nouns say nothing.
HEADLINE_CAPITALS = 0.6


def _headline(doc: Doc) -> bool:
    words = [t for t in doc if t.is_alpha]
    if len(words) < 4:
        return False
    return sum(t.text[:1].isupper() for t in words) >= HEADLINE_CAPITALS * len(words)


def _proper_runs(doc: Doc) -> list[Mention]:
    """Runs of capitalised proper nouns outside every entity and not touching one
    (a touching run is part of a longer name the tagger cut: "American Pie"), that are
    no title ("Coach") and not a sentence's first word that is also a common word:
    the names the entity tagger missed ("Vexlo took the officers' weapons")."""
    from crosscheck.extract import wordnet

    if _headline(doc):
        return []
    covered = {i for ent in doc.ents for i in range(ent.start, ent.end)}
    found = []
    i = 0
    while i < len(doc):
        if not _proper(doc[i]) or i in covered:
            i += 1
            continue
        j = i
        while j < len(doc) and _proper(doc[j]) and j not in covered:
            j += 1
        first = doc[i]
        touching = (i - 1) in covered or j in covered
        # "Fix-it", "Wi-Fi": a capitalised piece of a hyphenated word names no one.
        touching = (
            touching or (i and doc[i - 1].text == "-") or (j < len(doc) and doc[j].text == "-")
        )
        common_opener = first.is_sent_start and wordnet.common_noun(first.lower_)
        if not touching and not common_opener and j - i <= 4:
            span = doc[i:j]
            role, head = _governor(span.root)
            found.append(
                Mention(
                    kind=OTHER,
                    label="PROPN",
                    text=span.text,
                    start=span.start_char,
                    end=span.end_char,
                    role=role,
                    head="" if i <= head.i < j else head.lemma_.lower(),
                    head_pos=head.pos_,
                    before=_word_before(doc, i),
                    after=_word_after(doc, j),
                    passive=_passive_subject(span.root),
                    noun=_modified_noun(span.root),
                )
            )
        i = j
    return found


# An all-capital word longer than this is shouting ("RECEIVER ARRESTED"), not an
# acronym ("HPD", "KVRB").
ACRONYM_LENGTH = 5


def _proper(token: Token) -> bool:
    return (
        token.pos_ == "PROPN"
        and token.is_alpha
        and token.text[:1].isupper()
        and not (token.is_upper and len(token.text) > ACRONYM_LENGTH)
        and not title_word(token)
        and token.lower_.rstrip(".") not in COURTESY
    )


def _negated(token: Token) -> bool:
    if any(child.dep_ == "neg" or child.lower_ in _NEGATIVE_WORDS for child in token.children):
        return True
    # "was not arrested": the negation may hang on the auxiliary.
    return any(
        child.dep_ in ("aux", "auxpass") and any(g.dep_ == "neg" for g in child.children)
        for child in token.children
    )


def _predicates(doc: Doc) -> list[Predicate]:
    found = []
    for token in doc:
        is_verb = token.pos_ == "VERB"
        is_adjective = token.pos_ == "ADJ" and token.dep_ in ("acomp", "ROOT", "conj", "xcomp")
        if not (is_verb or is_adjective):
            continue
        subjects = tuple(
            child.lemma_.lower() for child in token.children if child.dep_ in _SUBJECTS
        )
        lead = [
            child
            for child in token.children
            if child.i < token.i
            and (child.dep_ in ("neg", "aux", "auxpass") or child.lower_ in _NEGATIVE_WORDS)
        ]
        first = min([token.i, *(child.i for child in lead)])
        span = doc[first : token.i + 1]
        found.append(
            Predicate(
                lemma=token.lemma_.lower(),
                text=token.text,
                start=span.start_char,
                end=span.end_char,
                negated=_negated(token),
                subjects=subjects,
                pos="VERB" if is_verb else "ADJ",
                phrase=span.text,
            )
        )
    return found


_SCALES = {
    "thousand": 1e3,
    "million": 1e6,
    "billion": 1e9,
    "trillion": 1e12,
    "bn": 1e9,
    "m": 1e6,
    "k": 1e3,
    "dozen": 12.0,
}
_HEDGES = frozenset(
    """about around roughly nearly almost approximately some over under more less least
    most up than estimated only just""".split()
)
# Figures that are no count: dates, times, ordinals, a score or range written "20-13".
_NOT_COUNTS = frozenset({"DATE", "TIME", "ORDINAL"})


# Words after a figure that make it a rate, not a total.
_RATE_WORDS = frozenset(
    {"per", "each", "annually", "apiece", "daily", "weekly", "monthly", "yearly"}
)
_CALENDAR_WORDS = frozenset(
    """january february march april may june july august september october november
    december jan feb mar apr jun jul aug sep sept oct nov dec monday tuesday wednesday
    thursday friday saturday sunday today yesterday tomorrow tonight""".split()
)


def _calendar(ent: Span) -> bool:
    """Whether a DATE entity names a day, month or year rather than a length of time."""
    return any(
        t.lower_ in _CALENDAR_WORDS or (t.shape_ == "dddd" and 1000 <= int(t.text) <= 2100)
        for t in ent
    )


def _number(token: Token) -> float | None:
    text = token.text.replace(",", "").lower()
    try:
        return float(text)
    except ValueError:
        pass
    if token.like_num and text.isalpha():
        from text_to_num import text2num

        try:
            return float(text2num(text, "en"))
        except ValueError:
            return None
    return None


def _counts(doc: Doc) -> list[Count]:
    found = []
    # Dates and clock times are left to the date rule; but the tagger also calls ages
    # and durations dates ("the 26-year-old", "a 90-day stay", "five days ago"), and
    # those are counts: a DATE is skipped only when it names a calendar day or year.
    skip = {
        i
        for ent in doc.ents
        if ent.label_ in _NOT_COUNTS and (ent.label_ != "DATE" or _calendar(ent))
        for i in range(ent.start, ent.end)
    }
    for token in doc:
        if token.i in skip or not (token.like_num or token.pos_ == "NUM"):
            continue
        if token.lower_ in _SCALES:
            continue  # "million" is read with the figure before it
        value = _number(token)
        if value is None or token.lower_ == "one":
            continue  # "one" is as often a pronoun or an article ("one Norwegian and one ...")
        neighbours = doc[max(0, token.i - 1) : token.i + 2].text
        if "-" in neighbours and any(
            t.like_num for t in doc[max(0, token.i - 2) : token.i + 3] if t.i != token.i
        ):
            continue  # "20-13", "9-14": a score or range
        end = token.i + 1
        nxt = doc[end] if end < len(doc) else None
        if (
            nxt is not None
            and nxt.text == "-"
            and end + 1 < len(doc)
            and doc[end + 1].lower_ in _SCALES
        ):
            end += 1  # "$7.6-billion"
            nxt = doc[end]
        if nxt is not None and nxt.lower_ in _SCALES:
            value *= _SCALES[nxt.lower_]
            end += 1
        previous = doc[token.i - 1] if token.i else None
        currency = previous is not None and previous.tag_ == "$"
        head = token.head
        if currency:
            counted = previous.text if previous is not None else "$"
        elif token.dep_ in ("nummod", "quantmod", "compound", "amod") and head.pos_ in (
            "NOUN",
            "PROPN",
        ):
            while head.dep_ == "compound" and head.head.pos_ == "NOUN" and head.head is not head:
                head = head.head
            counted = head.lemma_.lower()
        elif nxt is not None and nxt.pos_ == "NOUN":
            counted = nxt.lemma_.lower()
        else:
            continue  # a bare figure: nothing says what it counts
        if (
            counted == "year"
            and end + 1 < len(doc)
            and doc[token.i + 1 : token.i + 5].text.find("old") >= 0
        ):
            # "the 16-year-old boy": an age, of whom the noun after says ("" if none).
            old = next((t for t in doc[token.i : token.i + 5] if t.lower_ == "old"), None)
            target = old.head if old is not None and old.head.pos_ in ("NOUN", "PROPN") else None
            counted = f"age:{target.lemma_.lower() if target is not None else ''}"
        after = doc[end : end + 3]
        if any(t.lower_ in _RATE_WORDS for t in after):
            counted += "/rate"  # "$23 million per season" is no total
        lead = doc[max(0, token.i - 3) : token.i]
        start = previous.i if currency and previous is not None else token.i
        found.append(
            Count(
                value=value,
                counted=counted,
                text=doc[start:end].text,
                start=doc[start].idx,
                end=doc[end - 1].idx + len(doc[end - 1].text),
                hedged=any(t.lower_ in _HEDGES for t in lead),
            )
        )
    return found


_CACHE: dict[str, Analysis] = {}
# Analyses kept per process: a large audit's worth of sentences; each is small.
CACHE_SIZE = 50_000


def analyse(text: str) -> Analysis:
    """The mentions and predicates of ``text`` (parsed once per process)."""
    cached = _CACHE.get(text)
    if cached is not None:
        return cached
    from crosscheck.nlp import default_parser

    doc = default_parser()(text)
    analysis = Analysis(
        text=text,
        names=tuple(_mentions(doc)),
        predicates=tuple(_predicates(doc)),
        lemmas=frozenset(
            t.lemma_.lower() for t in doc if t.is_alpha and not t.is_stop and t.pos_ != "PROPN"
        ),
        counts=tuple(_counts(doc)),
        proper=tuple(_proper_runs(doc)),
    )
    if len(_CACHE) >= CACHE_SIZE:
        _CACHE.clear()
    _CACHE[text] = analysis
    return analysis
