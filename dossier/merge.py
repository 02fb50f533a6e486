"""Merge stage: the same fact from several sentences or pages becomes one, with all evidence."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from .models import CATEGORIES, KEY_FIELD, Fact

ORG_NOISE = {"the", "inc", "corp", "corporation", "co", "company", "llc", "ltd", "plc", "lp",
             "llp", "group", "holdings", "of", "and", "a", "an", "its", "at", "for", "in"}
TITLE_ABBREVIATIONS = {
    "ceo": "chief executive officer", "coo": "chief operating officer",
    "cfo": "chief financial officer", "cto": "chief technology officer",
    "cmo": "chief marketing officer", "cio": "chief information officer",
    "cpo": "chief product officer", "vp": "vice president", "svp": "senior vice president",
    "evp": "executive vice president", "md": "managing director",
}
FOUNDER = re.compile(r"(?i)\bfounder\b")
# A role stated as current in a page older than this many years is flagged possibly stale.
STALE_AFTER_YEARS = 2


def words(text: Any) -> list[str]:
    text = unicodedata.normalize("NFKD", str(text or ""))
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = text.replace("&", " and ").replace("'s", "").replace("’s", "")
    out: list[str] = []
    for w in re.findall(r"[a-z0-9]+", text):
        out.extend(TITLE_ABBREVIATIONS.get(w, w).split())
    return [w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w
            for w in out if w not in ORG_NOISE]


def acronym(tokens: list[str]) -> str:
    return "".join(t[0] for t in tokens if t)


def same_name(a: Any, b: Any) -> bool:
    """'Northwind Health Partners' ~ 'Northwind' ~ 'NHP'; 'Acme Inc.' ~ 'Acme Corp'."""
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return not wa and not wb
    if wa == wb:
        return True
    sa, sb = set(wa), set(wb)
    small, big = (sa, sb) if len(sa) <= len(sb) else (sb, sa)
    if small <= big:
        return True
    return len(wa) == 1 and wa[0] == acronym(wb) or len(wb) == 1 and wb[0] == acronym(wa)


def same_fact(a: Fact, b: Fact) -> bool:
    if a.category != b.category:
        return False
    key = KEY_FIELD[a.category]
    if not same_name(a.fields.get(key), b.fields.get(key)):
        return False
    if a.category == "role":
        ta, tb = a.fields.get("title"), b.fields.get("title")
        return not ta or not tb or words(ta) == words(tb) or _title_contains(ta, tb)
    return True


def _title_contains(a: str, b: str) -> bool:
    wa, wb = words(a), words(b)
    small, big = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    return len(small) >= 2 and " ".join(small) in " ".join(big)


def combine(a: Fact, b: Fact) -> Fact:
    fields = dict(a.fields)
    for name, value in b.fields.items():
        mine = fields.get(name)
        if mine in (None, "", "unknown", "member") and value not in (None, ""):
            fields[name] = value
        elif isinstance(mine, str) and isinstance(value, str) and name == KEY_FIELD[a.category] \
                and len(value) > len(mine) and a.category != "family":
            fields[name] = value  # the fuller name: "Carrow & Pike Logistics" over "Carrow & Pike"
    if a.category == "role":
        starts = [v for v in (a.fields.get("start"), b.fields.get("start")) if v]
        ends = [v for v in (a.fields.get("end"), b.fields.get("end")) if v]
        fields["start"] = min(starts) if starts else None
        fields["end"] = max(ends) if ends else None
        if a.fields.get("current") or b.fields.get("current"):
            fields["current"] = fields["end"] is None
    evidence = a.evidence + tuple(e for e in b.evidence if e not in a.evidence)
    return Fact(a.category, fields, evidence, confidence=max(a.confidence, b.confidence))


def corroborated(fact: Fact) -> Fact:
    """Independent pages add up: 1 - the chance that every one of them is wrong."""
    urls = len({e.url for e in fact.evidence})
    return replace(fact, confidence=min(0.99, 1 - (1 - fact.confidence) ** urls))


def _groups(facts: Sequence[Fact]) -> list[list[Fact]]:
    """Facts that are the same thing, transitively: 'Northwind' and 'NHP' are apart, but
    both are 'Northwind Health Partners', so all three are one (whatever the page order)."""
    parent = list(range(len(facts)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    untitled = {i for i, f in enumerate(facts) if f.category == "role" and not f.get("title")}
    for i, a in enumerate(facts):
        for j in range(i):
            if i not in untitled and j not in untitled and same_fact(facts[j], a):
                parent[root(i)] = root(j)
    groups: dict[int, list[Fact]] = {}
    for i, fact in enumerate(facts):
        if i not in untitled:
            groups.setdefault(root(i), []).append(fact)
    for i in sorted(untitled):  # "has led the company since 2020": one role, the open one
        home = _open_role_group(facts[i], list(groups.values()))
        (home if home is not None else groups.setdefault(-1 - i, [])).append(facts[i])
    return list(groups.values())


def _open_role_group(fact: Fact, groups: list[list[Fact]]) -> list[Fact] | None:
    same_org = [g for g in groups if g[0].category == "role" and same_fact(g[0], fact)]
    open_ = [g for g in same_org if any(f.get("current") or not f.get("end") for f in g)]
    candidates = open_ or same_org
    return candidates[0] if candidates else None


def merge(facts: Sequence[Fact], today: date | None = None) -> list[Fact]:
    """One fact per distinct thing, in category order, with ids f1, f2, ..."""
    merged = [corroborated(functools.reduce(combine, group)) for group in _groups(facts)]
    merged = [f for f in merged if f.category != "role" or f.fields.get("title")]
    merged = _drop_general_activities(merged)
    merged = _drop_shadowed(merged)
    year = (today or date.today()).year
    # staleness is judged on what the pages stated, before current is inferred below
    merged = [replace(f, stale=_stale(f, year)) for f in merged]
    merged = _settle_current(merged)
    ordered = sorted(merged, key=lambda f: (CATEGORIES.index(f.category), -f.confidence))
    return [replace(f, id=f"f{i}") for i, f in enumerate(ordered, 1)]


def _drop_general_activities(facts: list[Fact]) -> list[Fact]:
    """'running' says less than 'marathon running'; keep the specific one."""
    names = [str(f.fields.get("name")) for f in facts if f.category == "activity"]
    return [f for f in facts if f.category != "activity" or not any(
        n != f.fields.get("name") and n.endswith(" " + str(f.fields.get("name")))
        for n in names)]


def _drop_shadowed(facts: list[Fact]) -> list[Fact]:
    """A board seat says more than 'supports' or 'member of' the same organization."""
    boards = [f.fields.get("org") for f in facts if f.category == "board"]
    return [f for f in facts if f.category not in ("cause", "association") or not any(
        same_name(f.key, b) for b in boards)]


def _settle_current(facts: list[Fact]) -> list[Fact]:
    """A role with a known end, or followed by a later role at the same org, is not current."""
    roles = [f for f in facts if f.category == "role"]
    out = []
    for f in facts:
        if f.category == "role" and f.fields.get("current") and f.fields.get("end"):
            f = replace(f, fields={**f.fields, "current": False})
        elif f.category == "role" and f.fields.get("current") is None:
            later = any(r.fields.get("start") and f.fields.get("start")
                        and r.fields["start"] > f.fields["start"] for r in roles)
            if later or f.fields.get("end"):
                f = replace(f, fields={**f.fields, "current": False})
            elif f.fields.get("start") and not FOUNDER.search(str(f.fields.get("title"))):
                # "joined X as CFO in 2019", and no later role: still there, as far as we know
                f = replace(f, fields={**f.fields, "current": True})
        out.append(f)
    return out


def _stale(fact: Fact, year: int) -> bool:
    if fact.category != "role" or not fact.fields.get("current"):
        return False
    dates = [e.as_of for e in fact.evidence if e.as_of]
    newest = max((int(d[:4]) for d in dates if d[:4].isdigit()), default=None)
    return newest is not None and year - newest > STALE_AFTER_YEARS
