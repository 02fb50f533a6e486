"""Facts from schema.org JSON-LD: Person (jobTitle, worksFor, alumniOf, memberOf)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from ..lexicons import Lexicons, default_lexicons
from ..models import Document, Evidence, Fact
from .mentions import NameForms, classify_name
from .rules.boards import board_kind

PERSON_TYPES = {"Person"}


def _types(item: dict[str, Any]) -> set[str]:
    value = item.get("@type", [])
    return set(value) if isinstance(value, list) else {str(value)}


def _as_list(value: Any) -> list[Any]:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _name(value: Any) -> str | None:
    if isinstance(value, str):
        return value.strip() or None
    if isinstance(value, dict):
        name = value.get("name")
        return name.strip() if isinstance(name, str) and name.strip() else None
    return None


def persons(items: tuple[dict[str, Any], ...], main_only: bool = False
            ) -> Iterator[tuple[dict[str, Any], str | None]]:
    """(Person, the organization it is nested in): top-level Persons, and unless main_only
    the employees, members and founders of an Organization."""
    for item in items:
        if _types(item) & PERSON_TYPES:
            yield item, None
        if main_only:
            continue
        for key in ("employee", "employees", "member", "members", "founder", "founders",
                    "about", "mainEntity"):
            for sub in _as_list(item.get(key)):
                if isinstance(sub, dict) and _types(sub) & PERSON_TYPES:
                    yield sub, _name(item) if key not in ("about", "mainEntity") else None


def _is_target(person: dict[str, Any], forms: NameForms) -> bool:
    names = [_name(person), *map(_name, _as_list(person.get("alternateName")))]
    return any(n and classify_name(n, forms) == "target" for n in names)


def person_names_in_json_ld(items: tuple[dict[str, Any], ...], forms: NameForms,
                            main_only: bool = False) -> list[str]:
    out: list[str] = []
    for person, _ in persons(items, main_only):
        if _is_target(person, forms):
            for value in [person.get("name"), *_as_list(person.get("alternateName"))]:
                name = _name(value)
                if name and name not in out:
                    out.append(name)
    return out


def facts_from_json_ld(doc: Document, forms: NameForms, confidence: float,
                       lexicons: Lexicons | None = None) -> list[Fact]:
    out: list[Fact] = []
    for person, parent in persons(doc.json_ld):
        if not _is_target(person, forms):
            continue
        quote = f"schema.org Person: {_name(person)}"

        def fact(category: str, fields: dict[str, Any], prop: str, quote: str = quote) -> Fact:
            ev = Evidence(url=doc.url, quote=f"{quote}; {prop}", rule=f"json-ld:{prop}",
                          as_of=doc.date)
            return Fact(category, fields, (ev,), confidence)

        orgs = [_name(o) for o in _as_list(person.get("worksFor"))] + [parent]
        titles = [t for t in _as_list(person.get("jobTitle")) if isinstance(t, str)]
        for title in titles[:1]:
            org = next((o for o in orgs if o), None)
            out.append(fact("role", {"title": title, "org": org, "start": None, "end": None,
                                     "current": True}, "jobTitle"))
        for school in map(_name, _as_list(person.get("alumniOf"))):
            if school:
                out.append(fact("education", {"institution": school, "degree": None,
                                              "field": None, "year": None}, "alumniOf"))
        for member in _as_list(person.get("memberOf")):
            out.extend(_membership(member, fact, lexicons))
    return out


def _membership(member: Any, fact: Any, lexicons: Lexicons | None = None) -> list[Fact]:
    """memberOf: an association, or a board when the entry says so (a Role or 'Board')."""
    org = _name(member.get("memberOf") if isinstance(member, dict) and
                member.get("@type") == "Role" else member)
    role = member.get("roleName") if isinstance(member, dict) else None
    if not org:
        return []
    if re.search(r"(?i)\b(board|trustees?)\b", f"{org} {role or ''}"):
        name = re.sub(r"(?i)^(the\s+)?(board of (directors|trustees|governors)|trustees) of\s+"
                      r"(the\s+)?", "", org)
        kind = board_kind(name, org.lower(), lexicons or default_lexicons())
        return [fact("board", {"org": name, "kind": kind, "position": role or "member"},
                     "memberOf")]
    return [fact("association", {"org": org, "position": role or "member"}, "memberOf")]
