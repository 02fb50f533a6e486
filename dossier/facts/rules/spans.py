"""Shared vocabulary of the rule components: organization spans, years, the Found value."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from ...lexicons import SPANS_KEY
from ...names import FIRST_PERSON
from ..mentions import (
    LEGAL_WORDS,
    ORG_HEAD,
    Attributed,
    after_kind_of_company,
    ents,
    headed_by_title,
)

# A year a career can be dated in, and a month name as written ('Nov.', 'November').
YEARS = r"19[5-9]\d|20[0-4]\d"
MONTH = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?"
YEAR = re.compile(rf"\b({YEARS})\b")


# '2014-2016', '2014 to present', 'November 2014 to March 2016' (a month may come before the
# second year; before the first it is outside the match and does not matter).
RANGE = re.compile(rf"\b({YEARS})\s*(?:[-–—]|to|until|through)\s*"
                   rf"(?:(?:his |her |their )?retirement (?:in )?)?(?:{MONTH}\s+)?"
                   rf"({YEARS}|present|now|today|current)\b", re.I)


ORG_LABELS = {"ORG", "FAC"}


# 'Tech' only as a name's last word ('Georgia Tech'), not 'the European Tech Alliance'.
SCHOOL = re.compile(r"\b(university|college|school|institute|academy|polytechnic|"
                    r"tech(?!\s+[a-z])|conservatory|seminary)\b", re.I)


NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
                "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
                "eighteen": 18, "nineteen": 19, "twenty": 20}




@dataclass(frozen=True)
class Found:
    """One fact read by a rule, before it gets evidence."""

    category: str
    fields: dict[str, Any]
    rule: str = ""


def is_row(line: str) -> bool:
    """A career-list item or table row (as trafilatura writes them)."""
    stripped = line.lstrip()
    return stripped.startswith(("- ", "• ", "* ", "|"))


def is_prose(line: str) -> bool:
    """A list item that holds sentences, not a 'Title, Org (years)' entry."""
    words = line.split()
    return len(words) > 14 or bool(re.search(r"[a-z)]\. [A-Z]", line)) or (
        line.rstrip().endswith(".") and len(words) > 8)


def terms(doc: Doc | Span, label: str) -> list[Span]:
    """The ruler's spans of a label within a doc or sentence, longest first where they
    overlap (computed once per stretch of a parse: the rules ask many times)."""
    whole = doc.doc if isinstance(doc, Span) else doc
    lo, hi = (doc.start, doc.end) if isinstance(doc, Span) else (0, len(doc))
    key = f"dossier.terms {label} {lo} {hi}"
    if key not in whole.user_data:
        whole.user_data[key] = filter_spans([s for s in whole.spans[SPANS_KEY] if
                                             s.label_ == label and lo <= s.start and s.end <= hi])
    return list(whole.user_data[key])


HYPHENS = ("-", "‐", "‑")


def name_up_to(tok: Token) -> Span:
    """The words from a token's left edge to it: the whole name a subject or an owner ends
    ('Marchetti-Varga' for 'Varga', which the tokenizer cut), not what follows it."""
    return tok.doc[tok.left_edge.i:tok.i + 1]


def org_spans(sent: Span) -> list[Span]:
    """Organizations: NER ORG/FAC (and LAW/EVENT/PRODUCT, which the small model often gives
    to invented names), plus capitalized runs NER split or left out, such as 'Junior
    Achievement of Georgia' or 'Out in Tech'; "A's B" joined. Computed once per sentence."""
    key = f"dossier.org_spans {sent.start} {sent.end}"
    if key not in sent.doc.user_data:
        sent.doc.user_data[key] = _org_spans(sent)
    return list(sent.doc.user_data[key])


def _org_spans(sent: Span) -> list[Span]:
    spans = [e for e in ents(sent) if e.label_ in ORG_LABELS | {"LAW", "PRODUCT"} or
             e.label_ == "PERSON" and (ORG_HEAD.search(e.text) or _possessive_brand(e) or
                                       headed_by_title(e) or after_kind_of_company(e))]
    blocked = {t.i for e in ents(sent) if e.label_ not in ("GPE", "NORP", "LOC", "LAW", "ORG",
                                                          "EVENT", "FAC")
               for t in e} | {t.i for title in terms(sent, "TITLE") for t in title}
    places = {t.i for e in ents(sent) if e.label_ in ("GPE", "NORP", "LOC") for t in e}
    events = {t.i for e in ents(sent) if e.label_ == "EVENT" for t in e}
    spans += [_before_place(r, places) for r in _capital_runs(sent, blocked)
              if not all(t.i in places for t in r) and not _place_list(r, places)
              and not all(t.i in events for t in r)]
    spans = [part for span in spans for part in _split_and(span) if not _after_hyphen(part)]
    spans = sorted(filter_spans(spans), key=lambda s: s.start)
    spans = [_extend_on_subject(_extend_of_place(span, sent), sent) for span in spans]
    spans = sorted(filter_spans(spans), key=lambda s: s.start)
    spans = [_with_bracketed_place(span, sent) for span in spans]
    return [_with_name_s(span, sent) for span in _join_adjacent(_join_possessives(spans), sent)]


def _with_bracketed_place(span: Span, sent: Span) -> Span:
    """'Info Edge (India) Limited': a legal form after a bracketed place ends the name that
    runs before the bracket, whatever NER made of it."""
    doc = span.doc
    form = span.text.lower().removeprefix("private ").rstrip(".")
    if form not in LEGAL_WORDS or span.start - 3 < sent.start or \
            doc[span.start - 1].text != ")" or doc[span.start - 3].text != "(":
        return span
    start = span.start - 3
    while start > sent.start and doc[start - 1].text[:1].isupper() and doc[start - 1].is_alpha:
        start -= 1
    return doc[start:span.end] if start < span.start - 3 else span


def _after_hyphen(span: Span) -> bool:
    """'Fromm' of 'Isabel Drost-Fromm': the end of a hyphenated word, no name of its own."""
    doc = span.doc
    return span.start >= 2 and doc[span.start - 1].text in HYPHENS and \
        not doc[span.start - 1].whitespace_ and not doc[span.start - 2].whitespace_


def _with_name_s(span: Span, sent: Span) -> Span:
    """'COO of Brannigan's, leading ...': an "'s" after a name that owns nothing is the end of
    the name (a store, a brand), not a possessive."""
    doc = span.doc
    if span.end + 1 <= sent.end and doc[span.end].text in ("'s", "’s") and \
            _owns_nothing(doc[span.start:span.end + 1]):
        return doc[span.start:span.end + 1]
    return span


def _possessive_brand(person: Span) -> bool:
    """'President and COO of Rothy's,', 'SVP of Retail at Levi's.': a name in the possessive
    that owns nothing after it is a company named after a person, not that person."""
    before = person.doc[person.start - 1] if person.start > 0 else None
    return len(person) >= 2 and _owns_nothing(person) and before is not None and \
        before.lower_ in ("of", "at", "for", "with", "joined", "from")


def _owns_nothing(span: Span) -> bool:
    """A name ending in "'s" with no noun after it for the "'s" to own: the "'s" is part of
    the name ('Macy's', 'Levi's'), not a possessive ('Acme's board')."""
    after = span.doc[span.end] if span.end < len(span.doc) else None
    return span[-1].text in ("'s", "’s") and (
        after is None or after.pos_ not in ("NOUN", "PROPN", "ADJ", "NUM"))


def _split_and(span: Span) -> list[Span]:
    """NER joins lists: 'Cornerstone Community Bank and Junior Achievement' is two names
    (but 'Procter and Gamble' is one: each side must have two or more words, or be a name of
    its own to NER, as in 'IBM and Accenture'; nor is a body's subject: 'Panel on Internet
    Cooperation and Governance Mechanisms')."""
    subject = next((t.i for t in span[1:] if t.lower_ in ("on", "for") and
                    BODY_HEAD.match(span.doc[t.i - 1].text)), span.end)
    named = [e for e in ents(span.sent) if e.label_ in ORG_LABELS]
    for tok in span:
        two_names = any(e.end == tok.i for e in named) and any(e.start == tok.i + 1
                                                               for e in named)
        if tok.lower_ == "and" and (two_names or tok.i - span.start >= 2 and
                                    span.end - tok.i - 1 >= 2) \
                and span.doc[tok.i + 1].text[:1].isupper() and tok.i < subject:
            return [span.doc[span.start:tok.i], span.doc[tok.i + 1:span.end]]
    return [span]


def _extend_of_place(span: Span, sent: Span) -> Span:
    """'Junior Achievement' + 'of Georgia', 'Rotary Club' + 'of Lafayette'."""
    doc = span.doc
    if span.end + 1 < sent.end and doc[span.end].lower_ == "of":
        place = next((e for e in ents(sent) if e.start == span.end + 1 and
                      e.label_ in ("GPE", "LOC")), None)
        if place is not None:
            return doc[span.start:place.end]
    return span


# Bodies named for their subject: 'Council on Foreign Relations', 'High Level Panel on
# Women's Economic Empowerment', 'Initiative on the Digital Economy', 'Task Force for ...'.
BODY_HEAD = re.compile(r"(?i)^(council|panel|initiative|commission|committee|institute|center|"
                       r"centre|forum|board|force|caucus|coalition|alliance|project)$")


def _extend_on_subject(span: Span, sent: Span) -> Span:
    """A body's name goes on through 'on'/'for' and its capitalized subject, which NER often
    leaves out ('MIT Initiative' + 'on the Digital Economy')."""
    doc = span.doc
    inside = any(t.lower_ in ("on", "for") and BODY_HEAD.match(doc[t.i - 1].text)
                 for t in span[1:])  # NER took 'Panel on Fisheries Cooperation' and stopped
    if span.end + 2 >= sent.end:
        return span
    if inside:
        start = span.end
    elif doc[span.end].lower_ in ("on", "for") and BODY_HEAD.match(span[-1].text):
        start = span.end + 1 + (doc[span.end + 1].lower_ == "the")
    else:
        return span
    if start < sent.end and doc[start].ent_type_ in ("DATE", "TIME"):
        return span  # 'the Securities and Exchange Commission on February 24, 2023'
    end = j = start
    while j < sent.end and (_cap(doc[j]) or doc[j].text in ("'s", "’s") or
                            doc[j].lower_ in ("and", "of", "&") and j + 1 < sent.end and
                            _cap(doc[j + 1]) and not (doc[j].lower_ != "of" and
                                                      _another_name(doc[j + 1], sent))):
        j += 1
        if _cap(doc[j - 1]) or doc[j - 1].text in ("'s", "’s"):
            end = j
    return doc[span.start:end] if end > start else span


def _another_name(tok: Token, sent: Span) -> bool:
    """After 'and', the start of another organization or place ('... on Foreign Relations
    and Rotary', '... and the Brookings Institution'), not more of the subject."""
    if tok.ent_iob_ == "B" and tok.ent_type_ in ("ORG", "GPE", "FAC", "NORP", "LOC"):
        return True
    run = []
    for t in sent.doc[tok.i:sent.end]:
        if not _cap(t):
            break
        run.append(t.text)
    titles = {t.i for title in terms(sent, "TITLE") for t in title}
    return bool(ORG_HEAD.search(" ".join(run)) or any(BODY_HEAD.match(w) for w in run)) or \
        tok.i in titles  # '... for Climate and Peace and Director of Health Equity'


def _before_place(run: Span, places: set[int]) -> Span:
    """'Stuyvesant High School in New York City' is the school, in a place."""
    cut = next((t.i for t in run[1:-1] if t.lower_ == "in" and t.i + 1 in places), None)
    if cut is None:
        return run
    before = run.doc[run.start:cut]
    named = SCHOOL.search(before.text) or ORG_HEAD.search(before.text) or \
        BODY_HEAD.match(before[-1].text)  # not 'Out in Tech'
    return before if named else run


def _place_list(run: Span, places: set[int]) -> bool:
    """'Jackson, Mississippi' or 'Minneapolis and St. Paul' are places, not one org."""
    return all(t.i in places or t.text in (",", "and", "&", "of", "in", "on") for t in run)


def _join_adjacent(spans: list[Span], sent: Span) -> list[Span]:
    """'Ronald McDonald' (a PERSON to NER) + 'House Charities of Acadiana' is one name."""
    people = [e for e in ents(sent) if e.label_ == "PERSON"]
    out: list[Span] = []
    for span in spans:
        before = next((p for p in people if p.end == span.start), None)
        if before is not None and ORG_HEAD.search(span.text) or before is not None and \
                re.search(r"(?i)\b(house|charities|foundation|fund|center|institute)\b",
                          span.text):
            span = span.doc[before.start:span.end]
        out.append(span)
    return out


def _join_possessives(spans: list[Span]) -> list[Span]:
    """'Vanderbilt University's Owen Graduate School' is one institution, not two."""
    out: list[Span] = []
    for span in spans:
        prev = out[-1] if out else None
        if prev is not None and span.start - prev.end <= 1 and (
                prev[-1].text in ("'s", "’s") or span.doc[prev.end].text in ("'s", "’s")):
            out[-1] = span.doc[prev.start:span.end]
        else:
            out.append(span)
    return out


def _capital_runs(sent: Span, taken: set[int]) -> list[Span]:
    """Runs of Title-case words joined by &, of, and, 's (e.g. 'Carrow & Pike Logistics')."""
    out: list[Span] = []
    i = sent.start
    doc = sent.doc
    while i < sent.end:
        tok = doc[i]
        if tok.i in taken or not _cap(tok) or tok.i == sent.start and tok.pos_ != "PROPN":
            i += 1
            continue
        j = i + 1
        while j < sent.end and doc[j].i not in taken and (
            _cap(doc[j]) or doc[j].text in ("&", "of", "for", "and", "in", "on") and
            j + 1 < sent.end and _cap(doc[j + 1])
        ):
            j += 1
        span = doc[i:j]
        if any(t.pos_ == "PROPN" or DOMAIN.fullmatch(t.text) for t in span) and \
                len(span.text) > 2:
            out.append(span)
        i = j
    return out


# Capitalized words that start a clause, not a name (a transcript's 'at Intel Where you ...').
NOT_NAME_WORDS = {"the", "where", "when", "which", "who", "whom", "what", "why", "how", "whose"}


def _cap(tok: Token) -> bool:
    word = tok.is_alpha or tok.text in ("St.", "Mt.", "Ft.") or bool(
        DOMAIN.fullmatch(tok.text)) or bool(
        re.fullmatch(r"[A-Z][a-z]*[A-Z][A-Za-z]*|[A-Z]{2,}[a-z]?|[A-Z]\.|[A-Z]+\d+[A-Z]*|"
                     r"(?:[A-Z]\.){2,}", tok.text))  # ('DAS42', 'CAMP4', 'M.I.T.')
    return tok.text[:1].isupper() and word and tok.lower_ not in FIRST_PERSON | NOT_NAME_WORDS


# A company named by its web address ('e-tailer ModCloth.com', 'Walmart.com').
DOMAIN = re.compile(r"[A-Z][\w-]*\.(?:com|net|org|io|co)")


# A name that is an event, not an organization ('the Consumer Electronics Show').
EVENT_NAME = re.compile(r"(?i)\b(show|expo|exhibition|conference|summit|festival|fair|awards?|"
                        r"games|olympics|world cup|championships?|marathon|week|run|race|"
                        r"walk|ride|regatta|tournament|triathlon)$")


def clean_org(span: Span) -> str:
    text = span.text.strip(" ,.;:“”\"‘’")
    text = re.sub(r"^(?:the|its|our|their|his|her)\s+", "", text, flags=re.I)
    if not _owns_nothing(span):
        text = re.sub(r"['’]s$", "", text)
    text = re.sub(r"(?<=s)'$", "", text)  # "Quorra Systems' founder"
    text = re.sub(r"\s+(?:of|and|&|for|the|in|on|at|since|from|as|to|with|by)$", "", text)
    return text.strip(" ,")


def years_near(text: str) -> dict[str, Any]:
    """start/end/current from the wording of a clause."""
    out: dict[str, Any] = {}
    rng = RANGE.search(text)
    if rng:
        out["start"] = int(rng.group(1))
        end = rng.group(2).lower()
        if end.isdigit():
            out["end"] = int(end)
        else:
            out["current"] = True
        return out
    since = re.search(r"\bsince\s+(?:\w+\s+)?(19\d\d|20\d\d)\b", text, re.I)
    if since:
        return {"start": int(since.group(1)), "current": True}
    start = re.search(r"\b(?:in|from)\s+(?:\w+\s+)?(19\d\d|20\d\d)\b", text, re.I)
    if start:
        out["start"] = int(start.group(1))
    until = re.search(r"\b(?:until|through|till)\s+(?:\w+\s+)?(19\d\d|20\d\d)\b", text, re.I)
    if until:
        out["end"] = int(until.group(1))
    return out


def duration_years(text: str) -> int | None:
    match = re.search(r"\b(\d{1,2}|" + "|".join(NUMBER_WORDS) + r")\s+years?\b", text, re.I)
    if not match:
        return None
    word = match.group(1).lower()
    return int(word) if word.isdigit() else NUMBER_WORDS[word]


def has_word(text: str, words: Sequence[str]) -> bool:
    """Does the text hold one of the words (or phrases) as a whole word, in any case?"""
    return bool(words) and _any_word(tuple(words)).search(text.lower()) is not None


@lru_cache(maxsize=64)
def _any_word(words: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(r"\b(?:" + "|".join(map(re.escape, words)) + r")\b")


def governs(cue: Token, tok: Token, steps: int = 6) -> bool:
    """Is tok cue itself or within a few steps below it in the parse ('member of the X and
    the Y')?"""
    for _ in range(steps):
        if tok.i == cue.i:
            return True
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


def clause_subject(tok: Token, steps: int) -> Token | None:
    """The subject of the nearest clause above tok, within a few steps up the parse."""
    for _ in range(steps):
        subject = next((c for c in tok.children if c.dep_ in ("nsubj", "nsubjpass")), None)
        if subject is not None:
            return subject
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def allowed(item: Attributed, span: Span) -> bool:
    return all(item.allowed(t) for t in span)


# Most words between a title's "of" and the "at" that names the employer ('Vice President
# of Philanthropy at Kupu', 'VP of Platform Engineering at CircleCI').
FIELD_WORDS = 6


def field_before_at(doc: Doc, end: int, limit: int) -> int:
    """'VP of Platform Engineering at CircleCI': the words after 'of' are the title's field,
    whatever NER calls them, when 'at' and the employer follow."""
    if end >= limit or doc[end].lower_ not in ("of", ","):
        return end
    comma = doc[end].text == ","  # 'Senior Director, Internet Trust at the Internet Society'
    for j in range(end + 2, min(limit - 1, end + 2 + FIELD_WORDS)):
        named = doc[j + 1].text[:1].isupper() or doc[j + 1].lower_ == "the" and \
            j + 2 < limit and doc[j + 2].text[:1].isupper()
        if doc[j].lower_ == "at" and named:
            words = doc[end + 1:j]
            if all(t.is_alpha or t.text in ("&", ",", "-") for t in words) and (
                    not comma or all(t.text[:1].isupper() or t.text == "&" for t in words)):
                return j
            return end
        if not (doc[j].is_alpha or doc[j].text in ("&", ",", "-")):
            return end
    return end
