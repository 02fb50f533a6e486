"""Associations (members, officers, clubs) and causes (charities and their involvement)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Span, Token

from ...lexicons import Lexicons
from ..mentions import (
    Attributed,
)
from .spans import (
    SCHOOL,
    Found,
    allowed,
    clean_org,
    field_before_at,
    governs,
    has_word,
    org_spans,
    terms,
)

ASSOCIATION_CUE = re.compile(r"(?i)^(member|membership|join|belong|chapter|fellow|co-chair|"
                             r"chair|president|volunteer|co-organizer|organizer|officer|"
                             r"active|treasurer|secretary|governor|founder|co-founder)$")


EDUCATION_ONLY = re.compile(r"(?i)\b(university|college|school|academy|polytechnic)\b")


POSITIONS = ("co-chair", "past president", "president", "vice chair", "chair", "treasurer",
             "secretary", "co-organizer", "organizer", "founder", "fellow", "member")


# Names that are voluntary associations whatever verb goes with them.
CLUB = re.compile(r"(?i)\b(club|society|toastmasters|rotary|kiwanis|lions|guild|association)\b")


def _done_with(root: Token) -> bool:
    """The org is where or with whom the subject does something: 'rows with X', 'at X'."""
    prep = root.head
    return root.dep_ == "pobj" and prep.lower_ in ("with", "at", "to", "in") and \
        prep.head.pos_ == "VERB"


# Common nouns a club's name goes on with ('the Lakefront Wheelers cycling club').
CLUB_NOUNS = {"club", "clubs", "team", "league", "society", "choir", "band", "crew", "guild"}


def _club_noun(org: Span) -> Token | None:
    """The club noun a name is part of, just after it ('Lakefront Wheelers' + 'cycling club')."""
    doc = org.doc
    for tok in doc[org.end:min(org.end + 3, org.sent.end)]:
        if tok.lower_ in CLUB_NOUNS and any(t.head.i == tok.i or t.head.head.i == tok.i
                                            for t in org):
            return tok
        if not tok.is_alpha or tok.text[:1].isupper():
            return None
    return None


def association(item: Attributed, lexicons: Lexicons, skip: set[str]) -> Iterator[Found]:
    """'a member of X', 'past president of X', 'co-chair of the Seattle chapter of X',
    'joined X': the organization must hang off the cue word in the parse."""
    sent = item.sent
    cues = [t for t in sent if (ASSOCIATION_CUE.match(t.text) or ASSOCIATION_CUE.match(t.lemma_))
            and item.allowed(t)]
    if not cues and not any(t.lower_ in CLUB_NOUNS for t in sent):
        return
    fields = _title_fields(sent)
    for org in org_spans(sent):
        name = clean_org(org)
        if any(a <= org.start < b for a, b in fields):
            continue  # 'Vice President of Network Planning at Tidewater': a title's field
        if not allowed(item, org) or name in skip or EDUCATION_ONLY.search(name) and not \
                has_word(name, ["club", "society", "association"]):
            continue
        cue = next((c for c in cues if governs(c, org.root)), None)
        if cue is None and CLUB.search(name) and _done_with(org.root):
            cue = org.root.head  # "rowing with the Eastgate Rowing Club since 2012"
        club = _club_noun(org)
        if cue is None and club is not None and _done_with(club):
            # "I've ridden with the Lakefront Wheelers cycling club since 2014"
            yield Found("association", {"org": name, "position": "member"}, "association-club")
            continue
        if cue is not None and has_word(name, lexicons.association_words):
            window = sent.doc[max(sent.start, cue.i - 2):cue.i + 1].text.lower()
            position = next((p for p in POSITIONS if p in window), "member")
            yield Found("association", {"org": name, "position": position}, "association")


def _title_fields(sent: Span) -> list[tuple[int, int]]:
    """Token ranges that are a title's field: the words between 'of' and 'at <employer>'."""
    out = []
    for title in terms(sent, "TITLE"):
        end = field_before_at(sent.doc, title.end, sent.end)
        if end > title.end:
            out.append((title.end, end))
    return out


def cause(item: Attributed, lexicons: Lexicons) -> Iterator[Found]:
    sent = item.sent
    triggers = terms(sent, "CAUSE")
    for org in org_spans(sent):
        name = clean_org(org)
        if not allowed(item, org) or SCHOOL.search(name):
            continue
        if has_word(name, lexicons.cause_words) and _supported(org, triggers):
            involvement = _involvement(org, triggers)
            yield Found("cause", {"name": name, "involvement": involvement}, "cause")
        elif triggers and any(min(abs(t.start - org.start), abs(t.end - org.start)) <= 8
                              and not t.start <= org.start < t.end for t in triggers) and \
                org.label_ not in ("PERSON", "GPE", "DATE") and \
                not has_word(name, lexicons.association_words):
            yield Found("cause", {"name": name, "involvement": _involvement(org, triggers)},
                        "cause-trigger")


# Verbs of giving time or money to a charity ('raises money for', 'walks for', 'backs').
SUPPORT_VERBS = {"support", "walk", "run", "ride", "raise", "donate", "volunteer", "mentor",
                 "give", "benefit", "fundraise", "champion", "back", "sponsor", "fund", "help",
                 "serve", "advocate", "contribute", "pledge", "bike", "swim", "organize"}


def _supported(org: Span, triggers: list[Span]) -> bool:
    """Does the sentence say the target gives to the charity: a charity word or a giving verb
    above its name in the parse ('donates to X', 'raised $2 million for X')? A charity that
    employs ('CTO of the Wikimedia Foundation') or buys ('counts the Gates Foundation as a
    client') is no cause."""
    tok = org.root
    for _ in range(6):
        if tok.head.i == tok.i:
            return False
        tok = tok.head
        if any(t.start <= tok.i < t.end for t in terms(org.sent, "TITLE")):
            return False
        if any(t.start <= tok.i < t.end for t in triggers) or \
                tok.pos_ == "VERB" and tok.lemma_ in SUPPORT_VERBS:
            return True
    return False


def _involvement(org: Span, triggers: list[Span]) -> str:
    """The charity word nearest before the name ('donates to A and raises money for B'),
    or the verb that governs it ('walks in the X Walk')."""
    before = [t for t in triggers if t.end <= org.start]
    if before:
        word = before[-1]
        return "raises money" if word.root.lemma_ == "raise" else word.text.lower()
    verb = org.root.head.head if org.root.head.pos_ == "ADP" else org.root.head
    if verb.pos_ == "VERB" and verb.lemma_ in ("walk", "run", "ride", "swim", "bike", "climb"):
        return verb.text.lower()
    return triggers[0].text.lower() if triggers else "supporter"
