"""Education: institution, degree, field and year."""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Span

from ..mentions import (
    Attributed,
    ents,
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
    studies = bool(degrees) or bool(STUDY_WORDS.search(_outside(sent, org_spans(sent))))
    schools = [o for o in org_spans(sent) if allowed(item, o) and (
        studies and SCHOOL.search(o.text) or _school_by_place(o))]
    schools += [e for e in ents(sent) if e.label_ in ("GPE", "PERSON") and allowed(item, e)
                and _school_by_place(e) and not any(o.start < e.end and e.start < o.end
                                                     for o in schools)]  # 'a graduate of M.I.T.'
    schools = sorted(schools + _named_after_degree(sent, degrees, schools), key=lambda o: o.start)
    if not schools:
        schools = [o for o in org_spans(sent) if allowed(item, o) and degrees and any(
            sent.doc[o.start - 1].lower_ in ("from", "at") for _ in [0])]
    used: set[int] = set()
    previous = sent.start
    for school in schools:
        # 'a Master of Business Administration, Accounting BSBA and Finance BSBA from UCF':
        # every degree listed since the school before is one from this school
        listed = [d for d in degrees if previous <= d.start and d.end <= school.start and
                  not _from_elsewhere(d, school)]
        if len(listed) > 1:  # 'a bachelor of science degree': one degree, its word after it
            listed = [d for d in listed if (d.id_ or d.ent_id_) != "degree"] or listed[:1]
        previous = school.end
        if len(listed) > 1:
            used.update(d.start for d in listed)
            yield from (_school_fact(school, d) for d in listed)
            continue
        degree = listed[0] if listed else _nearest_before(
            [d for d in degrees if not _from_elsewhere(d, school)], school, schools)
        if degree is not None and degree.start in used:
            degree = None
        if degree is not None:
            used.add(degree.start)
        yield _school_fact(school, degree)


def _outside(sent: Span, names: list[Span]) -> str:
    """The sentence's words outside the names: 'taught at Stanford's Graduate School of
    Business' says nothing of studying."""
    doc, kept, at = sent.doc, [], sent.start
    for name in sorted(names, key=lambda n: n.start):
        kept.append(doc[at:max(at, name.start)].text)
        at = max(at, name.end)
    kept.append(doc[at:sent.end].text)
    return " ".join(kept).lower()


def _named_after_degree(sent: Span, degrees: list[Span], schools: list[Span]) -> list[Span]:
    """'an MBA from INSEAD', 'her B.A. in Asian Studies from UC Berkeley', 'my MBA at Wharton':
    the name right after a degree's 'from' or 'at' (a few words of field may come between) is
    its school, whatever its name looks like or NER found."""
    doc, out = sent.doc, list[Span]()
    starts = {d.start for d in degrees}
    for degree in degrees:
        at = next((t.i for t in doc[degree.end:min(sent.end - 1, degree.end + FIELD_REACH)]
                   if t.lower_ in ("from", "at") or t.i in starts or t.text in (",", ";")),
                  None)
        if at is None or doc[at].lower_ not in ("from", "at") or \
                not doc[at + 1].text[:1].isupper():
            continue
        name = next((o for o in org_spans(sent) if o.start == at + 1), None)
        if name is None:
            end = at + 1
            while end < sent.end and (doc[end].text[:1].isupper() or doc[end].lower_ == "of"):
                end += 1
            name = doc[at + 1:end]
        if not any(o.start < name.end and name.start < o.end for o in schools + out):
            out.append(name)
    return out


# Most words of a field between a degree and its 'from' ('in Asian Studies from').
FIELD_REACH = 8


def _from_elsewhere(degree: Span, school: Span) -> bool:
    """'an MBA from INSEAD and a bachelor's degree from the University of Oregon': a degree
    whose own 'from' names another place before this school is not from this school."""
    doc = degree.doc
    between = doc[degree.end:school.start]
    return any(t.lower_ in ("from", "at") and t.i + 1 < school.start and
               doc[t.i + 1].text[:1].isupper() and doc[t.i + 1].lower_ != "the" for t in between)


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


def _nearest_before(degrees: list[Span], school: Span, schools: list[Span]) -> Span | None:
    """The degree just before the school, else the first after it ('graduated from X in 1999
    with a BA') when no other school follows ('studied at X and got my MBA at Y')."""
    before = [d for d in degrees if d.end <= school.start]
    if before:
        return before[-1]
    if any(o.start >= school.end for o in schools):
        return None
    after = [d for d in degrees if d.start >= school.end]
    return after[0] if after else None


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
