"""What changed between two dossiers: new roles and seats, ended roles, facts no longer found."""

from __future__ import annotations

from typing import Any

from dossier.batch.changes import changes, describe, identity


def role(title: str, org: str, current: bool = True, start: int | None = None,
         end: int | None = None) -> dict[str, Any]:
    return {"category": "role", "title": title, "org": org, "current": current,
            "start": start, "end": end}


def board(org: str, position: str | None = None) -> dict[str, Any]:
    return {"category": "board", "org": org, "kind": "nonprofit", "position": position}


def dossier(*facts: dict[str, Any], failed: tuple[str, ...] = ()) -> dict[str, Any]:
    sources = [{"url": "https://a.example/bio", "status": "ok"}]
    sources += [{"url": url, "status": "error"} for url in failed]
    return {"facts": list(facts), "sources": sources}


def test_identical_dossiers_have_no_changes() -> None:
    same = dossier(role("COO", "Halvorsen", start=2019), board("Food Bank"))
    assert changes(same, same) == ()


def test_new_role_new_seat_and_facts_no_longer_found() -> None:
    before = dossier(role("VP Planning", "Tidewater", start=2012), board("Riverbend Alliance"))
    after = dossier(role("COO", "Halvorsen", start=2019), board("Lakeshore Orchestra", "chair"),
                    {"category": "cause", "name": "Hunger Walk", "involvement": "co-chair"})
    assert changes(before, after) == (
        "New role: COO, Halvorsen (since 2019)",
        "New board seat: Lakeshore Orchestra, nonprofit, chair",
        "New cause: Hunger Walk, co-chair",
        "No longer found: role VP Planning, Tidewater (since 2012)",
        "No longer found: board seat Riverbend Alliance, nonprofit",
    )


def test_a_role_that_ended_or_became_current() -> None:
    before = dossier(role("COO", "Halvorsen", current=True), role("Advisor", "Kestrel", False))
    after = dossier(role("COO", "Halvorsen", current=False, start=2019, end=2026),
                    role("Advisor", "Kestrel", current=True))
    assert changes(before, after) == ("Role ended: COO, Halvorsen (2019–2026)",
                                      "Now current: Advisor, Kestrel")


def test_identity_ignores_case_spacing_and_non_naming_fields() -> None:
    assert identity(board("Food  Bank", "chair")) == identity(board("food bank"))
    assert identity(role("COO", "Acme")) != identity(role("CFO", "Acme"))
    unnamed = {"category": "education", "institution": None, "degree": "MBA", "field": None,
               "year": 2010}
    assert identity(unnamed) == ("education", "", "mba", "", "2010")
    assert describe(unnamed) == "MBA (2010)"


def test_a_source_that_failed_this_time_is_named() -> None:
    before = dossier(board("Food Bank"))
    after = dossier(failed=("https://a.example/bio",))
    after["sources"] = after["sources"][1:]
    assert changes(before, after) == (
        "No longer found: board seat Food Bank, nonprofit",
        "Source failed this time (its facts may show as no longer found): "
        "https://a.example/bio",
    )
