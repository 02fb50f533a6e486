"""Merge stage: one fact per organization however it is written, corroboration raising the
confidence, dates from one page completing a role from another, and the stale flag."""

from __future__ import annotations

import random
from datetime import date
from itertools import permutations
from pathlib import Path
from typing import Any

import pytest
from merge_reference import all_pairs_groups, all_pairs_merge, generated_facts
from test_prefilter import BOARD

from dossier.extract import extract
from dossier.facts import find_facts
from dossier.fetch import read_local
from dossier.merge import STALE_AFTER_YEARS, _groups, merge, same_name
from dossier.models import Document, Evidence, Fact, Target
from dossier.pipeline import Engine

TARGET = "Ysolde Marchetti-Varga"
TODAY = date(2025, 6, 1)
SENTENCE_CONFIDENCE = 0.6


def role(title: str, org: str, url: str, start: int | None = None, end: int | None = None,
         current: bool | None = None, as_of: str | None = None,
         confidence: float = SENTENCE_CONFIDENCE) -> Fact:
    fields: dict[str, Any] = {"title": title, "org": org, "start": start, "end": end,
                              "current": current}
    evidence = Evidence(url, f"{title}, {org}", rule="test", as_of=as_of)
    return Fact("role", fields, (evidence,), confidence)


def association(org: str, url: str) -> Fact:
    return Fact("association", {"org": org, "position": "member"},
                (Evidence(url, f"member of {org}", rule="test"),), SENTENCE_CONFIDENCE)


# ---------------------------------------------------------------- same_name


@pytest.mark.parametrize(("a", "b"), [
    ("Northwind Health Partners", "Northwind"),
    ("Northwind Health Partners", "NHP"),
    ("Acme Inc.", "Acme Corp"),
    ("Acme Inc.", "ACME Corporation"),
    ("The Fennimore Library Foundation", "Fennimore Library Foundation"),
    ("Carrow & Pike Logistics", "Carrow and Pike Logistics"),
    ("Sjöström Boatworks", "Sjostrom Boatworks"),
])
def test_same_organization_written_differently(a: str, b: str) -> None:
    assert same_name(a, b)
    assert same_name(b, a)


@pytest.mark.parametrize(("a", "b"), [
    ("Northwind Health Partners", "Northwind Capital"),
    ("Northwind Health Partners", "Southwind Health Partners"),
    ("Acme Inc.", "Apex Inc."),
    ("Quillfeather Bank", "Ferncliff Provisions"),
])
def test_different_organizations(a: str, b: str) -> None:
    assert not same_name(a, b)


ORDERS = list(permutations(["Northwind Health Partners", "Northwind", "NHP"]))


@pytest.mark.parametrize("orgs", [
    pytest.param(order, id="-".join(order)) for order in ORDERS
])
def test_full_short_and_acronym_are_one_fact(orgs: tuple[str, ...]) -> None:
    facts = [role("Chief Executive Officer", org, f"https://example.org/{i}")
             for i, org in enumerate(orgs)]
    merged = merge(facts, today=TODAY)
    assert len(merged) == 1
    assert merged[0].fields["org"] == "Northwind Health Partners"
    assert len(merged[0].evidence) == 3


def test_suffix_and_title_abbreviation_merge() -> None:
    merged = merge([role("Chief Executive Officer", "Acme Inc.", "https://a.example/1"),
                    role("CEO", "Acme Corp", "https://b.example/2")], today=TODAY)
    assert len(merged) == 1
    assert merged[0].fields["title"] == "Chief Executive Officer"
    assert [e.url for e in merged[0].evidence] == ["https://a.example/1", "https://b.example/2"]


def test_two_titles_at_one_org_stay_two_roles() -> None:
    merged = merge([role("Analyst", "Quillfeather Bank", "https://a.example/1", 2006, 2011),
                    role("Director", "Quillfeather Bank", "https://a.example/1", 2011)],
                   today=TODAY)
    assert sorted(f.fields["title"] for f in merged) == ["Analyst", "Director"]


# ---------------------------------------------------------------- confidence


def test_confidence_rises_with_each_independent_source() -> None:
    one = merge([association("Society of Process Engineers", "https://a.example/1")])
    two = merge([association("Society of Process Engineers", f"https://{h}.example/1")
                 for h in "ab"])
    three = merge([association("Society of Process Engineers", f"https://{h}.example/1")
                   for h in "abc"])
    assert one[0].confidence == SENTENCE_CONFIDENCE
    assert SENTENCE_CONFIDENCE < two[0].confidence < three[0].confidence < 1


def test_same_page_twice_is_not_corroboration() -> None:
    merged = merge([association("Society of Process Engineers", "https://a.example/1"),
                    association("Society of Process Engineers", "https://a.example/1")])
    assert len(merged) == 1
    assert merged[0].confidence == SENTENCE_CONFIDENCE


def test_three_sources_combine_as_independent_chances() -> None:
    merged = merge([association("Society of Process Engineers", f"https://{h}.example/1")
                    for h in "abc"])
    assert merged[0].confidence == pytest.approx(1 - (1 - SENTENCE_CONFIDENCE) ** 3)


# ---------------------------------------------------------------- dates and current


def test_dates_from_one_page_complete_a_role_from_another() -> None:
    merged = merge([role("Vice President of Sales", "Corvale Markets", "https://a.example/1"),
                    role("VP of Sales", "Corvale Markets", "https://b.example/2", 2011, 2016,
                         current=False)], today=TODAY)
    assert len(merged) == 1
    assert merged[0].fields == {"title": "Vice President of Sales", "org": "Corvale Markets",
                                "start": 2011, "end": 2016, "current": False}


def test_a_current_role_with_an_end_year_is_past() -> None:
    merged = merge([role("Treasurer", "Dunmore Textiles", "https://a.example/1",
                         current=True),
                    role("Treasurer", "Dunmore Textiles", "https://b.example/2", 2012, 2015)],
                   today=TODAY)
    assert merged[0].fields["current"] is False
    assert merged[0].stale is False


# ---------------------------------------------------------------- stale


def old_year(years: int) -> str:
    return f"{TODAY.year - years}-03-01"


def test_current_role_from_an_old_page_is_stale() -> None:
    merged = merge([role("Chief Financial Officer", "Ferncliff Provisions", "https://a.example/1",
                         current=True, as_of=old_year(STALE_AFTER_YEARS + 4))], today=TODAY)
    assert merged[0].stale is True


@pytest.mark.parametrize(("current", "as_of"), [
    (True, old_year(0)),
    (True, None),
    (False, old_year(STALE_AFTER_YEARS + 4)),
    (None, old_year(STALE_AFTER_YEARS + 4)),
])
def test_not_stale(current: bool | None, as_of: str | None) -> None:
    merged = merge([role("Chief Financial Officer", "Ferncliff Provisions", "https://a.example/1",
                         2010, None if current is not False else 2014, current, as_of)],
                   today=TODAY)
    assert merged[0].stale is False


def test_a_recent_page_clears_the_stale_flag() -> None:
    merged = merge([
        role("Chief Financial Officer", "Ferncliff Provisions", "https://a.example/1",
             current=True, as_of=old_year(STALE_AFTER_YEARS + 4)),
        role("Chief Financial Officer", "Ferncliff Provisions", "https://b.example/2",
             current=True, as_of=old_year(0)),
    ], today=TODAY)
    assert len(merged) == 1
    assert merged[0].stale is False


def test_ids_follow_category_order() -> None:
    merged = merge([association("Society of Process Engineers", "https://a.example/1"),
                    role("Treasurer", "Dunmore Textiles", "https://a.example/1")], today=TODAY)
    assert [(f.id, f.category) for f in merged] == [("f1", "role"), ("f2", "association")]


# ---------------------------------------------------------------- from pages, end to end


def read(engine: Engine, *docs: Document) -> list[Fact]:
    found = find_facts(list(docs), Target(TARGET), engine.nlp, engine.lexicons)
    return merge(found, today=TODAY)


def page(url: str, text: str, day: str | None = None) -> Document:
    return Document(url=url, text=text, title=TARGET, kind="bio", date=day)


def test_pages_corroborate_and_complete_each_other(engine: Engine) -> None:
    bio = page("https://ferncliff.example/team/marchetti-varga",
               "Marchetti-Varga was previously a senior analyst at Quillfeather Bank. She is a "
               "member of the Society of Process Engineers.", "2025-02-01")
    article = page("https://news.example/finance-chiefs",
                   "From 2008 to 2014 she was a senior analyst at Quillfeather Bank.",
                   "2024-11-12")
    alone = read(engine, bio)
    both = read(engine, bio, article)
    roles = [f for f in both if f.category == "role"]
    assert [f.fields for f in roles] == [{"title": "Senior analyst", "org": "Quillfeather Bank",
                                          "start": 2008, "end": 2014, "current": False}]
    assert {e.url for e in roles[0].evidence} == {bio.url, article.url}
    alone_role = next(f for f in alone if f.category == "role")
    assert roles[0].confidence > alone_role.confidence


def test_current_role_read_only_on_an_old_page_is_stale(engine: Engine) -> None:
    text = "Marchetti-Varga is the chief financial officer of Ferncliff Provisions."
    old = read(engine, page("https://news.example/2017/cfo", text, old_year(8)))
    fresh = read(engine, page("https://news.example/2017/cfo", text, old_year(8)),
                 page("https://ferncliff.example/team", text, old_year(0)))
    assert [(f.category, f.fields["current"], f.stale) for f in old] == [("role", True, True)]
    assert [(f.category, f.stale) for f in fresh] == [("role", False)]


# ---------------------------------------------------------------- blocked = all pairs

TESTS = Path(__file__).parent


def same_groups(a: list[list[Fact]], b: list[list[Fact]]) -> bool:
    """The same facts (the very objects) in the same groups, in the same order."""
    return [[id(f) for f in g] for g in a] == [[id(f) for f in g] for g in b]


@pytest.mark.parametrize("seed", range(60))
def test_blocked_merge_equals_all_pairs_on_generated_facts(seed: int) -> None:
    facts = generated_facts([2, 8, 25, 60, 150, 400][seed % 6], seed)
    assert same_groups(_groups(facts), all_pairs_groups(facts))
    assert merge(facts, today=TODAY) == all_pairs_merge(facts, today=TODAY)


def test_generated_facts_hold_the_hard_cases() -> None:
    """The generated lists exercise what blocking could miss: acronyms, a key that is one word
    of a longer key, keys with no words, untitled roles, and groups that join transitively."""
    facts = generated_facts(400, 3)
    groups = all_pairs_groups(facts)
    keys = {f.key for f in facts}
    assert any(k.isupper() and len(k) > 1 for k in keys)
    assert any(f.category == "role" and not f.get("title") for f in facts)
    assert {"", "Inc."} & keys
    assert any(len({tuple(sorted(set(f.key.lower().split()))) for f in g}) >= 3 for g in groups)
    assert any(g[0].get("title") and not g[-1].get("title") for g in groups)
    assert len(merge(facts, today=TODAY)) < 0.75 * len(facts)


REAL_PAGES = [
    *[(path, "Ysolde Marchetti-Varga") for path in sorted((TESTS / "fact_pages").glob("*.html"))],
    (TESTS / "fact_pages" / "career.html", "Tobias Lindqvist-Hale"),
    *[(path, name) for path in sorted((TESTS / "batch_pages").glob("*.html"))
      for name in ["Maria Okafor", "Erik Lindqvist", "Helena Marsh-Ortiz", "Jordan Ellis"]],
    *[(path, "Renata Castellanos-Webb")
      for path in sorted((TESTS.parent / "dossier" / "demo_pages").glob("*.html"))],
    *[(TESTS / "pages" / f"{name}.html", "Imogen Sato-Farrell") for name in ("bio", "interview")],
    *[(TESTS / "prefilter_pages" / "board.html", name) for name in BOARD],
]


@pytest.fixture(scope="module")
def real_facts(engine: Engine) -> dict[str, list[Fact]]:
    """The facts read from the test pages, per target (every page read for it), unmerged."""
    out: dict[str, list[Fact]] = {}
    for path, target in REAL_PAGES:
        doc = extract(read_local(str(path), 5_000_000))
        out.setdefault(target, []).extend(
            find_facts([doc], Target(target), engine.nlp, engine.lexicons))
    return out


def test_blocked_merge_equals_all_pairs_on_real_facts(real_facts: dict[str, list[Fact]]) -> None:
    everyone = [f for facts in real_facts.values() for f in facts]
    assert len(everyone) > 100
    assert len({f.category for f in everyone}) >= 6
    rng = random.Random(15)
    lists = [*real_facts.values(), everyone,
             *[rng.sample(everyone, len(everyone)) for _ in range(5)]]
    for facts in lists:
        assert same_groups(_groups(facts), all_pairs_groups(facts))
        assert merge(facts, today=TODAY) == all_pairs_merge(facts, today=TODAY)


def test_a_company_and_a_foundation_of_one_name_are_two_bodies() -> None:
    """'Mozilla Corporation' and 'Mozilla Foundation' share a word but are two boards;
    'Acme Inc.' and 'Acme Corp' are one, and 'Acme' is either."""
    assert not same_name("Quillon Corporation", "Quillon Foundation")
    assert not same_name("Quillon University", "Quillon Trust")
    assert same_name("Acme Inc.", "Acme Corp")
    assert same_name("Quillon", "Quillon Foundation")


def test_two_degrees_from_one_school_are_two_facts() -> None:
    """An MBA and a BSBA in finance from one school are two; the MBA said twice is one."""
    def degree(name: str | None, field: str | None = None) -> Fact:
        return Fact("education", {"institution": "University of Central Florida",
                                  "degree": name, "field": field, "year": None},
                    (Evidence("https://x.example", "q"),), 0.6)
    merged = merge([degree("MBA"), degree("BS", "finance"), degree("BS", "accounting"),
                    degree("MBA")], today=date(2026, 1, 1))
    assert sorted((f.fields["degree"], f.fields["field"] or "") for f in merged) == [
        ("BS", "accounting"), ("BS", "finance"), ("MBA", "")]


def test_a_work_its_subtitle_and_its_sequel() -> None:
    """A book named with and without its subtitle, or by its initials, is one work; a
    companion book or an addendum whose title holds the first one's is another."""
    def work(title: str) -> Fact:
        return Fact("work", {"title": title, "kind": "book"},
                    (Evidence("https://x.example", title),), 0.6)
    merged = merge([work("Harbor Ledgers"), work("Harbor Ledgers: Notes from the Quay"),
                    work("Harbor Ledgers for Students"), work("Open Docks Charter"),
                    work("Open Docks Charter Update"), work("ODC")], today=date(2026, 1, 1))
    groups = sorted(sorted(ev.quote for ev in f.evidence) for f in merged)
    assert groups == [["Harbor Ledgers", "Harbor Ledgers: Notes from the Quay"],
                      ["Harbor Ledgers for Students"], ["ODC", "Open Docks Charter"],
                      ["Open Docks Charter Update"]]


def test_a_named_relative_says_more_than_the_group() -> None:
    """'children' beside 'daughter', 'parents' beside 'mother': the one who is named stays;
    'children' alone stays too."""
    def relative(relation: str, url: str = "https://x.example") -> Fact:
        return Fact("family", {"relation": relation, "detail": None},
                    (Evidence(url, f"her {relation}"),), 0.6)
    merged = merge([relative("children"), relative("daughter"), relative("parents"),
                    relative("mother"), relative("spouse")], today=TODAY)
    assert sorted(f.fields["relation"] for f in merged) == ["daughter", "mother", "spouse"]
    alone = merge([relative("children"), relative("spouse")], today=TODAY)
    assert sorted(f.fields["relation"] for f in alone) == ["children", "spouse"]
