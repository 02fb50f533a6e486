"""The values passed between stages, and the JSON contract Dossier.to_dict produces."""

from __future__ import annotations

import dataclasses
import json
from importlib import resources

import jsonschema
import pytest

from dossier.models import (
    CATEGORIES,
    CATEGORY_FIELDS,
    KEY_FIELD,
    SCHEMA_VERSION,
    Dossier,
    Evidence,
    Fact,
    FetchError,
    Hook,
    Offer,
    Source,
    Target,
)

URL = "https://example.org/bio"


def schema() -> dict:
    text = resources.files("dossier").joinpath("schema/dossier.schema.json").read_text("utf-8")
    return json.loads(text)


def fact(category: str, fact_id: str = "f1", **fields: object) -> Fact:
    return Fact(category, dict(fields), (Evidence(URL, "She is the COO.", 0, 15, "test"),),
                confidence=0.876543, id=fact_id)


def sample() -> Dossier:
    facts = (
        fact("role", "f1", title="Chief Operating Officer", org="Halvorsen", start=2019,
             current=True),
        fact("board", "f2", org="Northfield Community Bank", kind="corporate"),
        fact("education", "f3", institution="Carrow School of Business", degree="MBA"),
        fact("association", "f4", org="Women in Logistics"),
        fact("cause", "f5", name="Harbor Lights Food Bank", involvement="fundraiser"),
        fact("activity", "f6", name="cycling"),
        fact("work", "f7", title="The Last Mile", kind="talk"),
        fact("family", "f8", relation="spouse"),
    )
    return Dossier(
        target=Target("Maria Okafor", ("Okafor",)),
        priorities=("supply chain analytics",),
        sources=(Source(URL, "ok", "bio", "Maria Okafor"),
                 Source("https://example.org/gone", "error", error="HTTP 404")),
        facts=facts,
        hooks=(Hook("supply chain analytics", "f1", 0.81234, "Their role ties in.", "Ask.",
                    {"relevance": 0.66666}),),
        offers=(Offer("contacts", "Introduce them to a podcast host.", "f7"),),
        errors=(FetchError("https://example.org/gone", "HTTP 404"),),
        generated_at="2025-01-01T00:00:00+00:00",
    )


def test_every_category_has_fields_and_a_key_field() -> None:
    assert set(CATEGORY_FIELDS) == set(CATEGORIES) == set(KEY_FIELD)
    for category, key in KEY_FIELD.items():
        assert key in CATEGORY_FIELDS[category]


def test_fact_to_dict_has_every_field_of_its_category_in_order() -> None:
    out = fact("role", title="CEO", org="Acme").to_dict()
    assert list(out)[:7] == ["id", "category", "title", "org", "start", "end", "current"]
    assert out["start"] is None and out["end"] is None and out["current"] is None
    assert out["confidence"] == 0.877
    assert out["evidence"] == [{"url": URL, "quote": "She is the COO.", "start": 0, "end": 15,
                                "rule": "test", "as_of": None}]


def test_fact_key_is_its_naming_field() -> None:
    assert fact("education", institution="Ardmore Institute").key == "Ardmore Institute"
    assert fact("family", relation="daughter").key == "daughter"
    assert fact("role", title="CEO").key == ""


def test_values_are_frozen() -> None:
    target = Target("Maria Okafor")
    with pytest.raises(dataclasses.FrozenInstanceError):
        target.name = "someone else"  # type: ignore[misc]


def test_hook_scores_are_rounded() -> None:
    out = sample().hooks[0].to_dict()
    assert out["score"] == 0.812
    assert out["components"] == {"relevance": 0.667}


def test_dossier_counts_sources_and_finds_facts() -> None:
    dossier = sample()
    assert dossier.sources_ok == 1
    assert dossier.fact("f3").get("institution") == "Carrow School of Business"
    assert dossier.fact("nope") is None


def test_a_dossier_read_back_from_its_json_writes_the_same_json() -> None:
    data = json.loads(json.dumps(sample().to_dict()))
    again = Dossier.from_dict(data)
    assert again.to_dict() == data
    assert again.current_role() == again.fact("f1")
    assert again.best_hook() == again.hooks[0] and again.hooks[0].score == 0.812


@pytest.mark.parametrize("broken", [
    {"sources": [{"url": "u"}]},  # no status
    {"sources": [{"url": "u", "status": "ok", "colour": "red"}]},  # a field it never had
    {"facts": [{"category": "role", "evidence": [{"quote": "q"}]}]},  # evidence without url
    {"target": "Maria"},
])
def test_a_mapping_that_is_not_a_dossier_is_a_value_error(broken: dict) -> None:
    with pytest.raises(ValueError, match="not a dossier"):
        Dossier.from_dict(broken)


def test_dossier_json_is_schema_version_1_and_validates() -> None:
    data = json.loads(json.dumps(sample().to_dict()))
    assert data["schema_version"] == SCHEMA_VERSION == 1
    assert [f["category"] for f in data["facts"]] == list(CATEGORIES)
    jsonschema.validate(data, schema())


def test_schema_rejects_a_fact_missing_its_category_fields() -> None:
    data = sample().to_dict()
    del data["facts"][0]["org"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema())


def test_schema_rejects_a_fact_without_evidence() -> None:
    data = sample().to_dict()
    data["facts"][1]["evidence"] = []
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(data, schema())


def test_schema_is_a_valid_json_schema() -> None:
    jsonschema.Draft202012Validator.check_schema(schema())
