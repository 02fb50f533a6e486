"""What changed between two dossiers of the same person: new roles and seats, facts gone."""

from __future__ import annotations

from typing import Any

from ..models import CATEGORY_FIELDS, KEY_FIELD

# How a change line names each category ("New board seat: ...").
LABELS: dict[str, str] = {
    "role": "role", "board": "board seat", "education": "education",
    "association": "association", "cause": "cause", "activity": "activity",
    "work": "work", "family": "family mention",
}
# The fields that make two facts "the same fact" across runs; a role is its title at its org,
# so a promotion at the same company reads as a new role.
IDENTITY_FIELDS: dict[str, tuple[str, ...]] = {"role": ("title", "org")}
# Order of the change lines: what a reader acts on first.
CATEGORY_ORDER = ("role", "board", "association", "cause", "education", "activity", "work",
                  "family")

# Shown as a year range after the names, never as names.
DATE_FIELDS = frozenset({"start", "end", "year", "current"})

FactKey = tuple[str, ...]


def _norm(value: Any) -> str:
    return " ".join(str(value).casefold().split()) if value not in (None, "") else ""


def identity(fact: dict[str, Any]) -> FactKey:
    """Category plus the normalised fields that name the fact (all fields if those are empty)."""
    category = str(fact.get("category"))
    names = IDENTITY_FIELDS.get(category) or (KEY_FIELD.get(category, ""),)
    values = tuple(_norm(fact.get(n)) for n in names)
    if not any(values):
        values = tuple(_norm(fact.get(n)) for n in CATEGORY_FIELDS.get(category, ()))
    return (category, *values)


def _years(fact: dict[str, Any]) -> str:
    start, end, year = fact.get("start"), fact.get("end"), fact.get("year")
    if start and end:
        return f" ({start}–{end})"
    if start:
        return f" (since {start})"
    if end or year:
        return f" ({end or year})"
    return ""


def describe(fact: dict[str, Any]) -> str:
    """A fact in a few words: "Chief Operating Officer, Halvorsen Freight Systems (2019–)"."""
    fields = CATEGORY_FIELDS.get(str(fact.get("category")), ())
    parts = [str(fact[f]) for f in fields
             if f not in DATE_FIELDS and fact.get(f) not in (None, "")
             and not isinstance(fact[f], bool)]
    return (", ".join(parts) or "(unnamed)") + _years(fact)


def _by_identity(data: dict[str, Any]) -> dict[FactKey, dict[str, Any]]:
    out: dict[FactKey, dict[str, Any]] = {}
    for fact in data.get("facts", []):
        out.setdefault(identity(fact), fact)
    return out


def _sorted(facts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    rank = {c: i for i, c in enumerate(CATEGORY_ORDER)}
    return sorted(facts, key=lambda f: rank.get(str(f.get("category")), len(rank)))


def _role_turns(before: dict[FactKey, dict[str, Any]],
                after: dict[FactKey, dict[str, Any]]) -> list[str]:
    """Roles found both times whose "current" flag flipped."""
    out = []
    for key, fact in after.items():
        old = before.get(key)
        if key[0] != "role" or old is None or bool(old.get("current")) == bool(
                fact.get("current")):
            continue
        verb = "Now current" if fact.get("current") else "Role ended"
        out.append(f"{verb}: {describe(fact)}")
    return out


def _lost_sources(previous: dict[str, Any], current: dict[str, Any]) -> list[str]:
    """Sources that were read last time and failed now: their facts may only seem gone."""
    ok_before = {s.get("url") for s in previous.get("sources", []) if s.get("status") == "ok"}
    return [f"Source failed this time (its facts may show as no longer found): {s.get('url')}"
            for s in current.get("sources", [])
            if s.get("status") != "ok" and s.get("url") in ok_before]


def changes(previous: dict[str, Any], current: dict[str, Any]) -> tuple[str, ...]:
    """Change lines from the previous dossier's JSON to the current one's."""
    before, after = _by_identity(previous), _by_identity(current)
    new = _sorted([f for k, f in after.items() if k not in before])
    gone = _sorted([f for k, f in before.items() if k not in after])
    lines = [f"New {LABELS.get(str(f['category']), f['category'])}: {describe(f)}" for f in new]
    lines += _role_turns(before, after)
    lines += [f"No longer found: {LABELS.get(str(f['category']), f['category'])} "
              f"{describe(f)}" for f in gone]
    lines += _lost_sources(previous, current)
    return tuple(lines)
