"""The merge as it was before blocking: every pair of facts compared, every activity, board
and role against every other. Kept only as the reference the blocked merge must equal
(tests/test_merge.py, benchmarks/merge_bench.py)."""

from __future__ import annotations

import functools
import random
from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from dossier.merge import (
    FOUNDER,
    _stale,
    corroborated,
    drop_general_relatives,
    same_fact,
    same_name,
    stands_in,
)
from dossier.models import CATEGORIES, KEY_FIELD, STAND_IN_TITLES, Evidence, Fact


def all_pairs_merge(facts: Sequence[Fact], today: date | None = None) -> list[Fact]:
    merged = [corroborated(functools.reduce(combine, group)) for group in all_pairs_groups(facts)]
    merged = [f for f in merged if f.category != "role" or f.fields.get("title")]
    merged = _drop_general_activities(merged)
    merged = drop_general_relatives(merged)
    merged = _drop_shadowed(merged)
    year = (today or date.today()).year
    merged = [replace(f, stale=_stale(f, year)) for f in merged]
    merged = _settle_current(merged)
    ordered = sorted(merged, key=lambda f: (CATEGORIES.index(f.category), -f.confidence))
    return [replace(f, id=f"f{i}") for i, f in enumerate(ordered, 1)]


def combine(a: Fact, b: Fact) -> Fact:
    fields = dict(a.fields)
    for name, value in b.fields.items():
        mine = fields.get(name)
        if (mine in (None, "", "unknown", "member") or name == "title" and a.category == "role"
                and mine in STAND_IN_TITLES) and value not in (None, ""):
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


def all_pairs_groups(facts: Sequence[Fact]) -> list[list[Fact]]:
    parent = list(range(len(facts)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    untitled = {i for i, f in enumerate(facts)
                if f.category == "role" and stands_in(f.get("title"))}
    for i, a in enumerate(facts):
        for j in range(i):
            if i not in untitled and j not in untitled and same_fact(facts[j], a):
                parent[root(i)] = root(j)
    groups: dict[int, list[Fact]] = {}
    for i, fact in enumerate(facts):
        if i not in untitled:
            groups.setdefault(root(i), []).append(fact)
    for i in sorted(untitled):
        home = _open_role_group(facts[i], list(groups.values()))
        (home if home is not None else groups.setdefault(-1 - i, [])).append(facts[i])
    return list(groups.values())


def _open_role_group(fact: Fact, groups: list[list[Fact]]) -> list[Fact] | None:
    same_org = [g for g in groups if g[0].category == "role" and same_fact(g[0], fact)]
    open_ = [g for g in same_org if any(f.get("current") or not f.get("end") for f in g)]
    candidates = open_ or same_org
    return candidates[0] if candidates else None


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


# ---------------------------------------------------------------- generated fact lists

ORG_WORDS = ["Northwind", "Health", "Partners", "Acme", "Quillfeather", "Bank", "Ferncliff",
             "Provisions", "Carrow", "Pike", "Logistics", "Sjöström", "Boatworks", "Corvale",
             "Markets", "Dunmore", "Textiles", "Society", "Process", "Engineers", "Museum",
             "Science", "Library", "Foundation", "University", "Capital", "Systems", "Freight"]
DECORATIONS = ["{}", "The {}", "{} Inc.", "{} Corp", "{}, LLC", "{} Group", "{}'s"]
TITLES = ["Chief Executive Officer", "CEO", "Chief Financial Officer", "CFO", "President",
          "Vice President of Sales", "VP of Sales", "Senior Vice President", "SVP",
          "Executive Vice President", "Director", "Managing Director", "Analyst",
          "Senior Analyst", "Treasurer", "Founder", "Co-Founder and CEO", "Inc.", "", None]
ACTIVITIES = ["running", "marathon running", "trail running", "rowing", "sculling",
              "open water swimming", "swimming", "chess", "cycling", "charity cycling"]
RELATIONS = ["wife", "husband", "daughter", "son", "daughters", "mother"]


def generated_facts(n: int, seed: int) -> list[Fact]:
    """n facts in page order, drawn so that many name the same thing in different ways:
    full names, their first word, acronyms, legal suffixes, diacritics, abbreviated titles,
    untitled roles, empty keys. The organizations and the words they are made of grow with
    n, as they do on real pages (a fixed vocabulary would make every name share words)."""
    rng = random.Random(seed)
    vocabulary = ORG_WORDS + [_made_up_word(rng) for _ in range(n // 8)]
    orgs = [" ".join(rng.sample(vocabulary, rng.choice([1, 2, 2, 3, 3, 4])))
            for _ in range(max(3, n // 6))]
    urls = [f"https://{host}.example/{path}" for host in "abcd" for path in ("bio", "news")]
    return [_generated_fact(rng, orgs, urls) for _ in range(n)]


def _made_up_word(rng: random.Random) -> str:
    syllables = ["bar", "cor", "den", "fal", "gre", "hol", "kin", "lor", "mar", "nor", "pel",
                 "quin", "ros", "sta", "tor", "val", "wick", "yar", "zen"]
    return "".join(rng.sample(syllables, rng.choice([2, 3]))).capitalize()


def _org(rng: random.Random, orgs: list[str]) -> str | None:
    base = rng.choice(orgs)
    form = rng.random()
    if form < 0.1:
        base = base.split()[0]
    elif form < 0.2:
        base = "".join(w[0] for w in base.split()).upper()
    elif form < 0.23:
        return rng.choice([None, "", "Inc.", "The Company"])
    return rng.choice(DECORATIONS).format(base)


def _generated_fact(rng: random.Random, orgs: list[str], urls: list[str]) -> Fact:
    category = rng.choice(["role"] * 4 + ["board", "education", "association", "cause",
                                          "activity", "work", "family"])
    fields: dict[str, Any]
    if category == "role":
        start = rng.choice([None, None, *range(1995, 2025)])
        end = rng.choice([None, None, None, *range(2000, 2025)])
        fields = {"title": rng.choice(TITLES), "org": _org(rng, orgs), "start": start,
                  "end": end if end is None or start is None or end >= start else None,
                  "current": rng.choice([None, None, True, False])}
    elif category == "board":
        fields = {"org": _org(rng, orgs), "kind": rng.choice(["corporate", "unknown"]),
                  "position": rng.choice([None, "chair", "member"])}
    elif category == "education":
        fields = {"institution": _org(rng, orgs), "degree": rng.choice([None, "MBA", "BA"]),
                  "field": None, "year": rng.choice([None, 1990, 2001])}
    elif category in ("association", "cause"):
        name = "org" if category == "association" else "name"
        fields = {name: _org(rng, orgs), ("position" if category == "association"
                                          else "involvement"): rng.choice([None, "member"])}
    elif category == "activity":
        fields = {"name": rng.choice(ACTIVITIES), "detail": None}
    elif category == "work":
        fields = {"title": rng.choice(TITLES[:6] + orgs[:5]), "kind": "book"}
    else:
        fields = {"relation": rng.choice(RELATIONS), "detail": rng.choice([None, "Andre"])}
    url = rng.choice(urls)
    as_of = rng.choice([None, "2016-05-01", "2024-11-12"])
    evidence = Evidence(url, f"sentence {rng.randrange(10_000)}", rule="generated", as_of=as_of)
    return Fact(category, fields, (evidence,), rng.choice([0.5, 0.6, 0.75, 0.9]))
