"""Merge stage: one fact per organization however it is written, corroboration raising the
confidence, dates from one page completing a role from another, and the stale flag."""

from __future__ import annotations

from datetime import date
from itertools import permutations
from typing import Any

import pytest

from dossier.facts import find_facts
from dossier.merge import STALE_AFTER_YEARS, merge, same_name
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
