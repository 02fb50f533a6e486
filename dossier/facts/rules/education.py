"""Education: institution, degree, field and year."""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Span

from ..mentions import (
    Attributed,
)
from .spans import SCHOOL, YEAR, Found, allowed, clean_org, org_spans, terms


def education(item: Attributed) -> Iterator[Found]:
    sent = item.sent
    degrees = [d for d in terms(sent, "DEGREE") if allowed(item, d)]
    low = sent.text.lower()
    verbs = re.search(r"\b(graduat\w*|studied|alumn\w*|degree|earned|holds|received|attended|"
                      r"enrolled|residency|doctoral|phd|mba)\b", low)
    if not degrees and not verbs:
        return
    schools = [o for o in org_spans(sent) if allowed(item, o) and SCHOOL.search(o.text)]
    if not schools:
        schools = [o for o in org_spans(sent) if allowed(item, o) and degrees and any(
            sent.doc[o.start - 1].lower_ in ("from", "at") for _ in [0])]
    used: set[int] = set()
    for school in schools:
        degree = _nearest_before(degrees, school)
        if degree is not None and degree.start in used:
            degree = None
        if degree is not None:
            used.add(degree.start)
        year = YEAR.search(sent.doc[school.start:min(sent.end, school.end + 4)].text) or (
            YEAR.search(sent.doc[degree.start:school.start].text) if degree is not None else None)
        yield Found("education", {
            "institution": clean_org(school),
            "degree": (degree.label_ and (degree.ent_id_ or degree.id_ or degree.text))
            if degree is not None else None,
            "field": _field_of(degree, school) if degree is not None else None,
            "year": int(year.group(1)) if year else None}, "education")


def _nearest_before(degrees: list[Span], school: Span) -> Span | None:
    before = [d for d in degrees if d.end <= school.start]
    return before[-1] if before else (degrees[0] if degrees else None)


def _field_of(degree: Span, school: Span) -> str | None:
    """'a BA in economics from X', or 'from X in 1999 with a BA in economics'."""
    doc = degree.doc
    end = school.start if degree.end < school.start else min(degree.sent.end, degree.end + 8)
    between = doc[degree.end:end]
    match = re.search(r"\bin\s+([a-z][a-z ,&-]{2,60}?)\s*(?:from|at|,|$)", between.text + " ,")
    return match.group(1).strip() if match else None
