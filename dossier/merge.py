"""Merge stage: the same fact from several sentences or pages becomes one, with all evidence."""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Callable, Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from .models import CATEGORIES, KEY_FIELD, STAND_IN_TITLES, Fact

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

# Distinct names and titles whose words are remembered; a page with 5,000 facts has fewer.
WORDS_CACHE_SIZE = 65536


def words(text: Any) -> list[str]:
    return list(_folded_words(str(text or "")))


@functools.lru_cache(maxsize=WORDS_CACHE_SIZE)
def _folded_words(text: str) -> tuple[str, ...]:
    """The words a name is compared by: folded, abbreviations spelled out, noise and plural
    -s dropped (remembered: the merge asks again for every pair it compares)."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c)).lower()
    text = text.replace("&", " and ").replace("'s", "").replace("’s", "")
    out: list[str] = []
    for w in re.findall(r"[a-z0-9]+", text):
        out.extend(TITLE_ABBREVIATIONS.get(w, w).split())
    return tuple(w[:-1] if len(w) > 3 and w.endswith("s") and not w.endswith("ss") else w
                 for w in out if w not in ORG_NOISE)


# The kind of body a name's own words say it is; two names of different kinds are two bodies
# ('Mozilla Corporation' and 'Mozilla Foundation'), whatever words they share.
BODY_KINDS = {
    **dict.fromkeys(("inc", "corp", "corporation", "co", "company", "llc", "ltd", "plc",
                     "holdings"), "company"),
    **dict.fromkeys(("foundation", "fund", "trust", "charities", "charity"), "foundation"),
    **dict.fromkeys(("university", "college", "school"), "school"),
    **dict.fromkeys(("association", "society", "council", "club", "federation", "alliance"),
                    "society"),
}


@functools.lru_cache(maxsize=WORDS_CACHE_SIZE)
def body_kinds(text: str) -> frozenset[str]:
    return frozenset(BODY_KINDS[w] for w in re.findall(r"[a-z]+", text.lower())
                     if w in BODY_KINDS)


def acronym(tokens: list[str]) -> str:
    return "".join(t[0] for t in tokens if t)


def same_name(a: Any, b: Any) -> bool:
    """'Northwind Health Partners' ~ 'Northwind' ~ 'NHP'; 'Acme Inc.' ~ 'Acme Corp'."""
    wa, wb = words(a), words(b)
    if not wa or not wb:
        return not wa and not wb
    if wa == wb:
        return True
    ka, kb = body_kinds(str(a)), body_kinds(str(b))
    if ka and kb and ka.isdisjoint(kb):
        return False
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
        return stands_in(ta) or stands_in(tb) or words(ta) == words(tb) or \
            _title_contains(str(ta), str(tb))
    if a.category == "work":  # 'Mozilla Manifesto' and 'Mozilla Manifesto Addendum': two
        return _same_work(str(a.fields.get(key)), str(b.fields.get(key)))
    if a.category == "education":  # 'an MBA and a BSBA in Finance from UCF': two degrees
        return all(_agree(a.fields.get(f), b.fields.get(f)) for f in ("degree", "field"))
    return True


def _same_work(a: str, b: str) -> bool:
    """One work named twice: the same words, the title without its subtitle ('Option B' and
    'Option B: Facing Adversity, ...'), or its initials ('MPL'). 'Lean In' and 'Lean In for
    Graduates' are two books."""
    short, long = sorted((a, b), key=lambda t: len(words(t)))
    ws, wl = words(short), words(long)
    return ws == wl or ws == words(long.split(":")[0]) or len(ws) == 1 and ws[0] == acronym(wl)


def _agree(a: Any, b: Any) -> bool:
    """Two values of a field that may be missing: the same unless both are given and differ."""
    return not a or not b or words(a) == words(b)


def stands_in(title: Any) -> bool:
    """A role with no title, or one a rule gave for want of one ('Head', 'Employee'): it joins
    the titled role at its organization, if there is one."""
    return not title or title in STAND_IN_TITLES


def _title_contains(a: str, b: str) -> bool:
    wa, wb = words(a), words(b)
    small, big = (wa, wb) if len(wa) <= len(wb) else (wb, wa)
    return len(small) >= 2 and " ".join(small) in " ".join(big)


def combine(a: Fact, b: Fact) -> Fact:
    evidence = a.evidence + tuple(e for e in b.evidence if e not in a.evidence)
    return Fact(a.category, _combined_fields(a.category, a.fields, b.fields), evidence,
                confidence=max(a.confidence, b.confidence))


def combine_all(group: Sequence[Fact]) -> Fact:
    """functools.reduce(combine, group), with each evidence item looked up once (a role
    stated in a thousand sentences is not a million comparisons)."""
    if len(group) == 1:
        return group[0]
    fields, evidence = group[0].fields, list(group[0].evidence)
    seen = set(evidence)
    for fact in group[1:]:
        fields = _combined_fields(group[0].category, fields, fact.fields)
        new = [e for e in fact.evidence if e not in seen]
        evidence.extend(new)
        seen.update(new)
    return Fact(group[0].category, fields, tuple(evidence),
                confidence=max(f.confidence for f in group))


def _combined_fields(category: str, a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    fields = dict(a)
    for name, value in b.items():
        mine = fields.get(name)
        if (mine in (None, "", "unknown", "member") or name == "title" and category == "role"
                and mine in STAND_IN_TITLES) and value not in (None, ""):
            fields[name] = value
        elif isinstance(mine, str) and isinstance(value, str) and name == KEY_FIELD[category] \
                and len(value) > len(mine) and category != "family":
            fields[name] = value  # the fuller name: "Carrow & Pike Logistics" over "Carrow & Pike"
    if category == "role":
        starts = [v for v in (a.get("start"), b.get("start")) if v]
        ends = [v for v in (a.get("end"), b.get("end")) if v]
        fields["start"] = min(starts) if starts else None
        fields["end"] = max(ends) if ends else None
        if a.get("current") or b.get("current"):
            fields["current"] = fields["end"] is None
    return fields


def corroborated(fact: Fact) -> Fact:
    """Independent pages add up: 1 - the chance that every one of them is wrong."""
    urls = len({e.url for e in fact.evidence})
    return replace(fact, confidence=min(0.99, 1 - (1 - fact.confidence) ** urls))


def _groups(facts: Sequence[Fact]) -> list[list[Fact]]:
    """Facts that are the same thing, transitively: 'Northwind' and 'NHP' are apart, but
    both are 'Northwind Health Partners', so all three are one (whatever the page order).
    Groups come in the order of their first fact, each fact in page order."""
    untitled = [i for i, f in enumerate(facts)
                if f.category == "role" and stands_in(f.get("title"))]
    skip = set(untitled)
    root = _linked(facts, [i for i in range(len(facts)) if i not in skip])
    groups: dict[int, list[Fact]] = {}
    for i, fact in enumerate(facts):
        if i not in skip:
            groups.setdefault(root(i), []).append(fact)
    ordered = list(groups.values())
    roles = _RoleGroups(ordered)
    for i in untitled:  # "has led the company since 2020": one role, the open one
        roles.place(facts[i])
    return ordered


def _linked(facts: Sequence[Fact], indexes: list[int]) -> Callable[[int], int]:
    """Union-find over the facts at `indexes`, joined wherever same_fact holds. Only pairs
    that share a block are compared: same_fact needs the two keys to share a word, or one
    key to be the other's acronym, or both to have none (see _name_keys). Facts with the
    same signature are the same fact, so one of them stands for all in the comparisons."""
    parent = list(range(len(facts)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    def join(i: int, j: int) -> None:
        parent[root(i)] = root(j)

    first: dict[tuple[Any, ...], int] = {}
    for i in indexes:
        signature = _signature(facts[i])
        if signature in first:
            join(i, first[signature])
        else:
            first[signature] = i
    blocks: dict[tuple[str, str], list[int]] = {}
    for i in first.values():
        for key in _name_keys(_key_words(facts[i])):
            blocks.setdefault((facts[i].category, key), []).append(i)
    for i in first.values():
        # any one of i's words finds every key that holds all of them, and i's only word
        # finds the keys it is the acronym of: the smallest block is enough
        probe = min((blocks[facts[i].category, k] for k in set(_key_words(facts[i])) or {""}),
                    key=len)
        for j in probe:
            if j != i and root(i) != root(j) and same_fact(facts[j], facts[i]):
                join(i, j)
    return root


def _signature(fact: Fact) -> tuple[Any, ...]:
    """What same_fact reads of a fact: two facts with one signature are the same fact, and
    same_fact says the same of both against any third."""
    name = fact.fields.get(KEY_FIELD[fact.category])
    key = (fact.category, tuple(_key_words(fact)), body_kinds(str(name or "")))
    if fact.category == "education":
        return (*key, tuple(words(fact.fields.get("degree"))),
                tuple(words(fact.fields.get("field"))))
    if fact.category != "role":
        return key
    title = fact.fields.get("title")
    return (*key, bool(title), tuple(words(title)))


def _key_words(fact: Fact) -> list[str]:
    return words(fact.fields.get(KEY_FIELD[fact.category]))


def _name_keys(tokens: Sequence[str]) -> set[str]:
    """The blocks a name is filed under: each of its words and its acronym ("" for a name
    with no words). Two names same_name joins always share one of these."""
    return {*tokens, acronym(list(tokens))}


class _RoleGroups:
    """The role groups by their first fact's organization, to give an untitled role its
    home: the first open role at the same organization, else the first role there, else a
    group of its own (the same choice as scanning every group in order)."""

    def __init__(self, groups: list[list[Fact]]) -> None:
        self.groups = groups
        self.by_key: dict[str, list[int]] = {}
        for position, group in enumerate(groups):
            self._file(position, group)

    def _file(self, position: int, group: list[Fact]) -> None:
        if group[0].category == "role":
            for key in _name_keys(_key_words(group[0])):
                self.by_key.setdefault(key, []).append(position)

    def place(self, fact: Fact) -> None:
        near = sorted({p for k in _name_keys(_key_words(fact)) for p in self.by_key.get(k, ())})
        same_org = [self.groups[p] for p in near if same_fact(self.groups[p][0], fact)]
        open_ = [g for g in same_org if any(f.get("current") or not f.get("end") for f in g)]
        candidates = open_ or same_org
        if candidates:
            candidates[0].append(fact)
        else:
            self.groups.append([fact])
            self._file(len(self.groups) - 1, self.groups[-1])


def merge(facts: Sequence[Fact], today: date | None = None) -> list[Fact]:
    """One fact per distinct thing, in category order, with ids f1, f2, ..."""
    merged = [corroborated(combine_all(group)) for group in _groups(facts)]
    merged = [f for f in merged if f.category != "role" or f.fields.get("title")]
    merged = _drop_general_activities(merged)
    merged = drop_general_relatives(merged)
    merged = _drop_shadowed(merged)
    year = (today or date.today()).year
    # staleness is judged on what the pages stated, before current is inferred below
    merged = [replace(f, stale=_stale(f, year)) for f in merged]
    merged = _settle_current(merged)
    ordered = sorted(merged, key=lambda f: (CATEGORIES.index(f.category), -f.confidence))
    return [replace(f, id=f"f{i}") for i, f in enumerate(ordered, 1)]


def _drop_general_activities(facts: list[Fact]) -> list[Fact]:
    """'running' says less than 'marathon running'; keep the specific one."""
    endings = {name[i + 1:] for name in (str(f.fields.get("name")) for f in facts
                                         if f.category == "activity")
               for i, c in enumerate(name) if c == " "}
    return [f for f in facts
            if f.category != "activity" or str(f.fields.get("name")) not in endings]


# Relations that name a group, and the relations that say who in it: 'children' says less than
# 'daughter', 'parents' less than 'mother'.
GENERAL_RELATIONS = {"children": {"son", "daughter", "child"}, "kids": {"son", "daughter", "child"},
                     "parents": {"mother", "father"}, "siblings": {"brother", "sister"}}


def drop_general_relatives(facts: list[Fact]) -> list[Fact]:
    """'her daughter Roma' and 'the children' on one page: the daughter, not both."""
    relations = {str(f.fields.get("relation")).lower() for f in facts if f.category == "family"}
    return [f for f in facts if f.category != "family" or not
            GENERAL_RELATIONS.get(str(f.fields.get("relation")).lower(), set()) & relations]


def _drop_shadowed(facts: list[Fact]) -> list[Fact]:
    """A board seat says more than 'supports' or 'member of' the same organization."""
    boards: dict[str, list[Any]] = {}  # each board's org, filed as _groups files names
    for org in (f.fields.get("org") for f in facts if f.category == "board"):
        for key in _name_keys(words(org)):
            boards.setdefault(key, []).append(org)
    return [f for f in facts if f.category not in ("cause", "association") or not any(
        same_name(f.key, b) for k in _name_keys(words(f.key)) for b in boards.get(k, ()))]


def _settle_current(facts: list[Fact]) -> list[Fact]:
    """A role with a known end, or followed by a later role at the same org, is not current."""
    latest = max((f.fields["start"] for f in facts if f.category == "role"
                  and f.fields.get("start")), default=None)
    out = []
    for f in facts:
        if f.category == "role" and f.fields.get("current") and f.fields.get("end"):
            f = replace(f, fields={**f.fields, "current": False})
        elif f.category == "role" and f.fields.get("current") is None:
            start = f.fields.get("start")
            later = bool(start) and latest is not None and latest > start
            if later or f.fields.get("end"):
                f = replace(f, fields={**f.fields, "current": False})
            elif start and not FOUNDER.search(str(f.fields.get("title"))):
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
