"""Grouping a pile into stories, on hand-built articles and vectors (no model)."""

from __future__ import annotations

import datetime as dt

import numpy as np

from crosscheck import stories
from crosscheck.stories import candidate_pairs, group_stories, lead_text, names, terms
from crosscheck.types import Article, Source


def _article(
    source_id: str,
    title: str,
    text: str,
    outlet: str | None = None,
    published: dt.date | None = None,
) -> Article:
    source = Source(source_id, f"pile/{source_id}.txt", title, outlet or source_id, published)
    return Article(source, text)


def _unit(*components: float) -> np.ndarray:
    vector = np.array(components, dtype=np.float32)
    return vector / np.linalg.norm(vector)


QUAKE = "A strong earthquake struck near Mandalay on Friday, and Myanmar's junta asked for aid."
FLOOD = "Floodwater swept through Valencia overnight as Spain's weather agency kept its alert."
BUDGET = "The council in Leeds approved a leaner budget after a long evening session."


def test_names_are_capitalised_words_used_mid_sentence() -> None:
    found = names("Rescuers in Mandalay dug by hand. Officials said Mandalay had no power.")
    assert "mandalay" in found
    assert "rescuers" not in found  # capitalised only as a sentence opener
    assert "officials" not in found


def test_terms_join_lead_names_and_title_words() -> None:
    article = _article("wire", "Quake toll rises in Myanmar", QUAKE)
    assert {"quake", "toll", "rises", "myanmar", "mandalay"} <= terms(article)


def test_lead_text_skips_a_title_that_is_only_the_file_name() -> None:
    article = Article(Source("wire", "pile/wire.txt", "wire", "wire"), QUAKE)
    assert lead_text(article) == QUAKE
    long = Article(Source("w", "w.txt", "Quake", "W"), "word " * 400)
    assert len(lead_text(long)) <= len("Quake\n") + stories.LEAD_CHARS


def _pile() -> tuple[list[Article], np.ndarray]:
    articles = [
        _article("wire", "Quake kills hundreds in Myanmar", QUAKE),
        _article("ledger", "Flood hits Valencia", FLOOD),
        _article(
            "herald", "Myanmar quake: rescuers dig by hand", QUAKE.replace("strong", "powerful")
        ),
        _article(
            "courier", "Valencia counts the cost of the flood", FLOOD.replace("swept", "raced")
        ),
        _article("gazette", "Leeds council passes budget", BUDGET),
        _article(
            "post", "Myanmar earthquake toll climbs", QUAKE.replace("Friday", "Friday midday")
        ),
    ]
    vectors = np.stack(
        [
            _unit(1, 0.05, 0),
            _unit(0, 1, 0.05),
            _unit(0.97, 0.1, 0),
            _unit(0.1, 0.95, 0),
            _unit(0.3, 0.3, 1),
            _unit(0.95, 0, 0.1),
        ]
    )
    return articles, vectors


def test_a_pile_splits_into_stories_and_singletons() -> None:
    articles, vectors = _pile()
    grouping = group_stories(articles, vectors)
    found = sorted(g.members for g in grouping.groups)
    assert found == [(0, 2, 5), (1, 3)]
    assert grouping.singletons == (4,)
    assert all(not g.set_aside for g in grouping.groups)


def test_articles_beyond_the_date_window_are_not_one_story() -> None:
    articles, vectors = _pile()
    day = dt.date(2025, 3, 28)
    dated = [
        _article(a.source.id, a.source.title, a.text, published=day + dt.timedelta(days=offset))
        for a, offset in zip(articles, [0, 0, 1, 0, 0, 30], strict=True)
    ]
    grouping = group_stories(dated, vectors, window_days=3)
    assert sorted(g.members for g in grouping.groups) == [(0, 2), (1, 3)]
    assert 5 in grouping.singletons
    # Without a window, dates are ignored.
    assert (0, 2, 5) in [g.members for g in group_stories(dated, vectors, window_days=None).groups]


def test_one_strong_pair_does_not_chain_two_stories() -> None:
    # b sits halfway between a and c: a-b and b-c link, but a and c are unrelated, so
    # the group {a, b} must not absorb c (its mean score with the group is too low).
    text = "Officials in Mandalay and Valencia spoke."
    articles = [_article(x, "Mandalay Valencia", text) for x in ("a", "b", "c")]
    vectors = np.stack([_unit(1, 0), _unit(1, 1), _unit(0, 1)])
    grouping = group_stories(
        articles, vectors, edge_min_score=0.7, cluster_min_score=0.7, term_weight=0.2
    )
    assert [len(g.members) for g in grouping.groups] == [2]
    assert len(grouping.singletons) == 1


def test_an_outlet_is_compared_once_per_story_with_its_latest_article() -> None:
    day, next_day = dt.date(2025, 3, 28), dt.date(2025, 3, 29)
    articles = [
        _article("wire-morning", "Myanmar quake", QUAKE, outlet="Wire", published=day),
        _article("wire-evening", "Myanmar quake toll", QUAKE, outlet="Wire", published=next_day),
        _article("herald", "Myanmar quake", QUAKE, outlet="Herald", published=day),
    ]  # fmt: skip
    vectors = np.stack([_unit(1, 0), _unit(1, 0.05), _unit(1, 0.1)])
    (group,) = group_stories(articles, vectors).groups
    assert group.members == (1, 2)
    assert group.set_aside == (0,)


def test_candidate_pairs_come_only_from_shared_uncommon_terms() -> None:
    postings = {"mandalay": [0, 2, 5], "valencia": [1, 3], "police": list(range(100))}
    pairs = candidate_pairs(postings, max_df=40)
    assert pairs == {(0, 2), (0, 5), (2, 5), (1, 3)}


def test_articles_with_no_shared_term_are_never_scored() -> None:
    articles = [
        _article("a", "Storm in Galway", "Heavy rain fell on Galway."),
        _article("b", "Strike in Lyon", "Workers marched through Lyon."),
    ]
    vectors = np.stack([_unit(1, 0), _unit(1, 0)])  # identical vectors: only terms decide
    grouping = group_stories(articles, vectors)
    assert grouping.candidate_pairs == 0
    assert grouping.singletons == (0, 1)


def test_empty_pile() -> None:
    grouping = group_stories([], np.zeros((0, 3), dtype=np.float32))
    assert grouping.groups == () and grouping.singletons == ()
