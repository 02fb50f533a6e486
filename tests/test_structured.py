"""Structured data: schema.org Person JSON-LD (jobTitle, worksFor, alumniOf, memberOf) becomes
facts about the target, with evidence naming the property; other Persons give nothing."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from dossier.extract import extract
from dossier.facts import CONF_STRUCTURED, aliases_of, find_facts
from dossier.facts.structured import facts_from_json_ld
from dossier.fetch import read_local
from dossier.lexicons import Lexicons, load_lexicons
from dossier.models import Document, Fact, Target
from dossier.names import name_forms
from dossier.pipeline import Engine

PAGE = Path(__file__).parent / "fact_pages" / "person_ld.html"
TARGET = Target("Henrietta Brackwater")
MAX_PAGE_BYTES = 1_000_000


@pytest.fixture(scope="module")
def lexicons() -> Lexicons:
    return load_lexicons()


def ld_facts(items: list[dict[str, Any]], lexicons: Lexicons, name: str = TARGET.name,
             url: str = "https://ferncliff.example/team") -> list[Fact]:
    doc = Document(url=url, text="", title="Team", json_ld=tuple(items))
    return facts_from_json_ld(doc, name_forms([name], lexicons), CONF_STRUCTURED)


def table(facts: list[Fact]) -> list[tuple[str, dict[str, Any]]]:
    return [(f.category, f.fields) for f in facts]


@pytest.fixture(scope="module")
def page_doc() -> Document:
    return extract(read_local(str(PAGE), MAX_PAGE_BYTES))


def test_person_on_a_page_becomes_facts(page_doc: Document, lexicons: Lexicons) -> None:
    facts = facts_from_json_ld(page_doc, name_forms([TARGET.name], lexicons), CONF_STRUCTURED)
    by_category = [(c, f) for c, f in table(facts) if c != "board"]
    assert by_category == [
        ("role", {"title": "Chief Operating Officer", "org": "Ferncliff Provisions",
                  "start": None, "end": None, "current": True}),
        ("education", {"institution": "Carrowmore University", "degree": None, "field": None,
                       "year": None}),
        ("education", {"institution": "Pendleton School of Business", "degree": None,
                       "field": None, "year": None}),
        ("association", {"org": "Society of Process Engineers", "position": "member"}),
    ]
    boards = [f for f in facts if f.category == "board"]
    assert len(boards) == 1 and boards[0].fields["position"].casefold() == "chair"


def test_board_role_from_member_of(page_doc: Document, lexicons: Lexicons) -> None:
    facts = facts_from_json_ld(page_doc, name_forms([TARGET.name], lexicons), CONF_STRUCTURED)
    boards = [{k: v.casefold() for k, v in f.fields.items()} for f in facts
              if f.category == "board"]
    assert boards == [{"org": "fennimore library", "kind": "nonprofit", "position": "chair"}]


def test_evidence_names_the_property_and_the_page_date(page_doc: Document,
                                                       lexicons: Lexicons) -> None:
    facts = facts_from_json_ld(page_doc, name_forms([TARGET.name], lexicons), CONF_STRUCTURED)
    rules = [f.evidence[0].rule for f in facts]
    assert rules == ["json-ld:jobTitle", "json-ld:alumniOf", "json-ld:alumniOf",
                     "json-ld:memberOf", "json-ld:memberOf"]
    assert {(e.url, e.as_of) for f in facts for e in f.evidence} == {
        (page_doc.url, "2024-03-01")}
    assert all(f.confidence == CONF_STRUCTURED for f in facts)


def test_colleague_in_the_same_graph_gives_nothing(page_doc: Document,
                                                   lexicons: Lexicons) -> None:
    facts = facts_from_json_ld(page_doc, name_forms([TARGET.name], lexicons), CONF_STRUCTURED)
    text = " ".join(str(v) for f in facts for v in f.fields.values())
    for theirs in ("Chief Executive Officer", "Ridgefield", "Cold Storage"):
        assert theirs not in text


def test_alternate_name_is_an_alias_and_its_sentences_count(page_doc: Document,
                                                            engine: Engine) -> None:
    assert aliases_of(TARGET, [page_doc], engine.lexicons) == ["Hettie Brackwater"]
    facts = find_facts([page_doc], TARGET, engine.nlp, engine.lexicons)
    sentence = [(f.category, f.fields) for f in facts if not f.evidence[0].rule.startswith(
        "json-ld:")]
    assert sentence == [("association", {"org": "Quarry Hill Rotary Club",
                                         "position": "member"})]


def test_employee_of_an_organization_works_there(lexicons: Lexicons) -> None:
    facts = ld_facts([{"@type": "Organization", "name": "Ferncliff Provisions", "employee": [
        {"@type": "Person", "name": "Henrietta Brackwater", "jobTitle": "Chief Operating Officer"},
        {"@type": "Person", "name": "Leopold Achebe-Lind", "jobTitle": "Chief Executive Officer"},
    ]}], lexicons)
    assert table(facts) == [("role", {"title": "Chief Operating Officer",
                                      "org": "Ferncliff Provisions", "start": None, "end": None,
                                      "current": True})]


def test_job_title_without_employer(lexicons: Lexicons) -> None:
    facts = ld_facts([{"@type": ["Person"], "name": "Dr. Henrietta Brackwater",
                       "jobTitle": "Chief Operating Officer"}], lexicons)
    assert table(facts) == [("role", {"title": "Chief Operating Officer", "org": None,
                                      "start": None, "end": None, "current": True})]


def test_member_of_a_board_by_name(lexicons: Lexicons) -> None:
    facts = ld_facts([{"@type": "Person", "name": "Henrietta Brackwater",
                       "memberOf": "Board of Directors of Tidewell Software"}], lexicons)
    assert [(f.category, f.fields["org"]) for f in facts] == [("board", "Tidewell Software")]


@pytest.mark.parametrize("person", [
    {"@type": "Person", "name": "Leopold Achebe-Lind", "jobTitle": "Chief Executive Officer"},
    {"@type": "Person", "name": "Harold Brackwater", "alumniOf": "Norrvik Maritime Academy"},
    {"@type": "Organization", "name": "Henrietta Brackwater Foundation",
     "memberOf": "Quarry Hill Chamber"},
])
def test_other_people_and_things_give_nothing(person: dict[str, Any],
                                              lexicons: Lexicons) -> None:
    assert ld_facts([person], lexicons) == []


def test_malformed_values_are_ignored(lexicons: Lexicons) -> None:
    facts = ld_facts([{"@type": "Person", "name": "Henrietta Brackwater", "jobTitle": 7,
                       "worksFor": [None, {"name": ""}], "alumniOf": [{"@type": "Thing"}, ""],
                       "memberOf": [None, 3]}], lexicons)
    assert facts == []
