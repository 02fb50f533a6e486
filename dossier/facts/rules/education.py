"""Education: institution, degree, field and year."""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Span

from ..mentions import (
    Attributed,
)
from .spans import SCHOOL, YEAR, Found, allowed, clean_org, org_spans, terms

# Words that make a sentence about schooling ('attended', 'dropped out of', 'a student at').
STUDY_WORDS = re.compile(r"\b(graduat\w*|studied|studying|alumn\w*|degree|earned|holds|received|"
                         r"attend(?:ed|ing|s)?|enrolled|residency|doctoral|phd|mba|dropped out|"
                         r"went to)\b")
# Words a school hangs on in the parse, whatever its name looks like: 'a graduate student at
# Stanford', 'dropped out of Harvey Mudd', 'attended Carleton', 'an alumna of Spelman'.
SCHOOL_HEADS = {"student", "students", "graduate", "alumnus", "alumna", "alumni", "attend",
                "attended", "attending", "undergraduate", "freshman", "sophomore"}


def education(item: Attributed) -> Iterator[Found]:
    sent = item.sent
    degrees = [d for d in terms(sent, "DEGREE") if allowed(item, d)]
    studies = bool(degrees) or bool(STUDY_WORDS.search(sent.text.lower()))
    schools = [o for o in org_spans(sent) if allowed(item, o) and (
        studies and SCHOOL.search(o.text) or _school_by_place(o))]
    if not schools:
        schools = [o for o in org_spans(sent) if allowed(item, o) and degrees and any(
            sent.doc[o.start - 1].lower_ in ("from", "at") for _ in [0])]
    used: set[int] = set()
    previous = sent.start
    for school in schools:
        # 'a Master of Business Administration, Accounting BSBA and Finance BSBA from UCF':
        # every degree listed since the school before is one from this school
        listed = [d for d in degrees if previous <= d.start and d.end <= school.start]
        if len(listed) > 1:  # 'a bachelor of science degree': one degree, its word after it
            listed = [d for d in listed if (d.id_ or d.ent_id_) != "degree"] or listed[:1]
        previous = school.end
        if len(listed) > 1:
            used.update(d.start for d in listed)
            yield from (_school_fact(school, d) for d in listed)
            continue
        degree = _nearest_before(degrees, school)
        if degree is not None and degree.start in used:
            degree = None
        if degree is not None:
            used.add(degree.start)
        yield _school_fact(school, degree)


def _school_by_place(org: Span) -> bool:
    """A school named without 'University' ('Stanford', 'Harvey Mudd'), known by the words
    it hangs on in the parse."""
    head = org.root.head
    if head.dep_ == "prep" or head.pos_ == "ADP":
        head = head.head
    if head.lower_ == "out":  # 'dropped out of Harvey Mudd', not 'spun out of Google'
        return head.head.lemma_ == "drop"
    return head.lower_ in SCHOOL_HEADS or head.lemma_ in ("attend", "enroll")


def _school_fact(school: Span, degree: Span | None) -> Found:
    sent = school.sent
    year = YEAR.search(sent.doc[school.start:min(sent.end, school.end + 4)].text) or (
        YEAR.search(sent.doc[degree.start:school.start].text) if degree is not None else None)
    return Found("education", {
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
    before = [t for t in doc[max(degree.sent.start, degree.start - 3):degree.start]
              if t.dep_ == "compound" and t.head.i in range(degree.start, degree.end)]
    if before and all(t.pos_ in ("NOUN", "PROPN") for t in before):
        return " ".join(t.text for t in before).lower()  # 'an Accounting BSBA'
    end = school.start if degree.end < school.start else min(degree.sent.end, degree.end + 8)
    between = doc[degree.end:end]
    match = re.search(r"\bin\s+([a-z][a-z ,&-]{2,60}?)\s*(?:from|at|,|$)", between.text + " ,")
    return match.group(1).strip() if match else None
