"""Places the entity tagger missed or misread, found with the gazetteer.

A run of proper nouns the gazetteer knows ("Woman Killed In Porthaven"), a town at the
start of a site's name ("Porthaven Treatment Center"), a town inside a person's name
("Ilse Varn of Porthaven"). ``crosscheck.extract.mentions`` adds these to the tagger's.

>>> sorted(FALLBACK_PLACE_ROLES)[:2]
['poss', 'prep:at']
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Doc, Span, Token

from crosscheck.extract.slots import PLACE, Mention, governor, is_headline, modified_noun

# A proper noun the tagger did not call a place counts as one only where the sentence
# puts something in it: after a locative preposition, or as the owner of a thing.
FALLBACK_PLACE_ROLES = frozenset(
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


def gazetteer_places(doc: Doc, taken: set[int]) -> list[Mention]:
    """Places the entity tagger missed: runs of proper nouns that the gazetteer knows
    ("Woman Killed In Porthaven", "Porthaven Harbour Treatment Center"), outside any person's
    name. The longest known run from the first proper noun is taken."""
    from crosscheck.extract import gazetteer

    person = {i for ent in doc.ents if ent.label_ == "PERSON" for i in range(ent.start, ent.end)}
    headline = is_headline(doc)
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
                role, head = governor(root)
                # The run goes on past the town: a team ("Porthaven Rovers") unless
                # its last word is a place word ("Porthaven Neighborhood").
                named_after = end < j and not location_word(doc[j - 1].lemma_.lower())
                if role not in FALLBACK_PLACE_ROLES and not (
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
                        noun=modified_noun(root),
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


def location_word(lemma: str) -> bool:
    """ "city", "east", "region": a word WordNet first reads as a place."""
    from crosscheck.extract import wordnet
    from crosscheck.extract.text import lexicon

    if lemma in lexicon("places")["directions"]:
        return True  # "30 km east of ..."
    senses = wordnet.lexnames(lemma, "n", 1)
    return bool(senses) and senses[0] == "noun.location"


def site_word(lemma: str) -> bool:
    """A building or site by WordNet's first noun sense ("store", "center", "resort")."""
    from crosscheck.extract import wordnet

    senses = wordnet.lexnames(lemma, "n", 1)
    return bool(senses) and senses[0] in _SITE_SENSES


def inner_place(ent: Span, role: str, head: Token) -> list[Mention]:
    from crosscheck.extract import gazetteer

    tokens = [t for t in ent if t.lower_ != "the"]
    if len(tokens) < 2 or tokens[0].pos_ != "PROPN":
        return []
    # The site is the name's last word ("... Treatment Center") or the noun the name
    # modifies ("the Porthaven Vexlo's Club store": a store).
    site = [ent[-1].lemma_.lower(), modified_noun(ent.root)]
    if not any(site_word(word) for word in site if word):
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


def of_at(ent: Span) -> int:
    """The offset in ``ent`` of an inner "of" ("Ilse Varn of Porthaven"), or 0."""
    for k, token in enumerate(ent):
        if 0 < k < len(ent) - 1 and token.lower_ == "of":
            return k
    return 0


def person_of_place(ent: Span) -> Mention | None:
    """The town in a person's name the tagger ran on: "Ilse Varn of Porthaven" is Ilse
    Varn, of the town Porthaven (when the gazetteer lists it)."""
    from crosscheck.extract import gazetteer, wordnet

    k = of_at(ent)
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
