"""Board seats: "serves on the boards of A, B and C", trustees, councils; kind and seat."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from typing import Any

from spacy.tokens import Span, Token

from ...lexicons import Lexicons
from ..mentions import (
    Attributed,
    ents,
)
from .spans import Found, allowed, clean_org, field_before_at, has_word, org_spans, terms

# Names that are parts of a board or events, not boards: "Audit Committee", "Spark Gala".
NOT_A_BOARD = re.compile(r"(?i)\b(committee|gala|dinner|luncheon|walk|run)$")
# A committee of a public body is a seat ('County of Kaua'i Commission on the Status of Women
# Committee'), unlike a board's own committee ('Audit Committee').
PUBLIC_BODY = re.compile(r"(?i)\b(commission|council|county|city of|state of|department|"
                         r"ministry|federal|national|government)\b")


BOARD_WORDS = {"board", "boards", "trustee", "trustees"}


POSITION_WORDS = ["vice chair", "co-chair", "chairwoman", "chairman", "chairperson", "chair",
                  "treasurer", "secretary", "trustee", "independent director", "lead director",
                  "president", "director", "governor", "member"]


def board(item: Attributed, lexicons: Lexicons, page_org: str | None = None,
          resolve: Callable[[str], str | None] = lambda phrase: None) -> Iterator[Found]:
    """Board seats of the target in one sentence. resolve turns a lower-case reference
    ('the food bank's board') into the organization named earlier on the page."""
    sent = item.sent
    low = sent.text.lower()
    if not any(w in low for w in ("board", "trustee", "council", "commission", "director",
                                  "panel")):
        return
    triggers = [t for t in sent if item.allowed(t) and (t.lower_ in BOARD_WORDS or _director_of(t))
                and not _board_acts(t) and not _a_thing(t)]
    events = [e for e in ents(sent) if e.label_ == "EVENT" and e.text[:1].isupper()]
    orgs = [o for o in org_spans(sent) + _listed_names(sent, triggers) + events +
            _references(sent, triggers) if allowed(item, o) and
            (not NOT_A_BOARD.search(o.text) or PUBLIC_BODY.search(o.text))
            and o[0].lower_ not in POSITION_WORDS and o[-1].lower_ not in POSITION_WORDS
            and not all(t.lower_ in SEAT_WORDS for t in o)]  # 'an Independent Director of
    # ('Member of the Nominating Committee', 'Non-Executive Chair of the Board')
    orgs.sort(key=lambda o: o.start)
    if page_org and not orgs and any(t.lower_ in ("trustee", "director") for t in triggers):
        # "Dr. Baptiste has served as a trustee since 2020" on the university's trustees page
        yield Found("board", board_fields(page_org, sent, triggers[0], lexicons), "board-page")
        return
    filer = resolve("our")
    the_board = next((t for t in triggers if t.lower_ == "board" and any(
        c.dep_ == "det" and c.lower_ == "the" for c in t.children)), None)
    if filer and not orgs and the_board is not None:
        # a filing's "Chair of the Board of Directors": the filer's board
        yield Found("board", board_fields(filer, sent, the_board, lexicons), "board-filer")
        return
    named_bodies = [o for o in orgs if re.search(r"\b(council|commission|board|panel)\b", o.text,
                                                 re.I)
                    and re.search(r"\b(appoint|name|elect|serve|sit|join|member)", low)
                    and not _board_acts(o.root)]
    seen: set[str] = set()
    for trig in triggers:
        for org in _board_orgs(trig, orgs):
            text = clean_org(org)
            name = text if text[:1].isupper() and text.lower() != "our" else resolve(text)
            if name and name.lower() not in seen and not re.match(r"(?i)(board|trustees?)\b", name):
                seen.add(name.lower())
                yield Found("board", board_fields(name, sent, trig, lexicons), "board")
    for org in named_bodies:
        name = clean_org(org)
        if name.lower() not in seen and not re.match(r"(?i)(board|council)\b", name):
            seen.add(name.lower())
            yield Found("board", board_fields(name, sent, None, lexicons), "board-body")


# Verbs a board does to someone: 'the Board appointed him CFO' is not a seat on it.
BOARD_ACTS = {"appoint", "elect", "name", "approve", "select", "hire", "promote", "announce",
              "determine", "adopt", "authorize", "designate", "grant", "award"}


# Verbs whose board subject has members ('the board includes Jane Roe', 'the board welcomed
# her'): the rest are things a board does ('Our Board evaluates ...').
BOARD_HOLDS = {"include", "comprise", "consist", "welcome", "add", "count", "feature", "be",
               "have", "gain", "expand", "grow"}


# Words before 'board' that make it a thing, not a body: 'the main board', 'a circuit board'.
THING_BOARDS = {"main", "circuit", "mother", "logic", "printed", "reference", "validation",
                "evaluation", "dev", "development", "bulletin", "cutting", "diving", "ironing",
                "chalk", "white", "dash", "snow", "skate", "surf", "paddle", "game", "vision",
                "mood", "sounding", "drawing", "message", "leader", "score", "switch"}


def _a_thing(trig: Token) -> bool:
    """'started main board SMT', 'a printed circuit board': a board one makes or uses."""
    doc = trig.doc
    return trig.lower_ in ("board", "boards") and trig.i > 0 and \
        doc[trig.i - 1].lower_ in THING_BOARDS


def _board_acts(trig: Token) -> bool:
    """The board (or its phrase) is the subject of an act on someone else ('the Board
    appointed him'), or of any clause where the board is named by its owner ("Apple's board
    and investors were right to fire Jobs"): the board does, nobody joins it."""
    head = trig
    while head.dep_ in ("compound", "pobj", "prep", "poss", "appos") and head.head.i != head.i:
        head = head.head
    if head.dep_ == "nsubj" and (head.head.lemma_ in BOARD_ACTS or head.head.pos_ == "VERB" and
                                 head.head.lemma_ not in BOARD_HOLDS):
        return True  # 'Our Board evaluates the performance of our CEO'

    owned = any(c.dep_ == "poss" and c.pos_ == "PROPN" for c in trig.children)
    return owned and trig.dep_ in ("nsubj", "nsubjpass")


def _references(sent: Span, triggers: list[Token]) -> list[Span]:
    """'the food bank's board': a lower-case noun phrase owning the board word."""
    out = []
    for trig in triggers:
        owner = next((c for c in trig.children if c.dep_ == "poss" and (
            c.pos_ == "NOUN" or c.lower_ == "our")), None)  # 'our board' in a filing
        if owner is not None:
            out.append(sent.doc[min(t.i for t in owner.subtree if t.dep_ != "case" and
                                    t.pos_ != "DET"):owner.i + 1])
    return out


# Titles ending in "director" that are a seat on the board, not a job.
SEAT_TITLES = {"independent director", "lead director", "non-executive director",
               "outside director", "lead independent director", "nonexecutive director",
               "non executive director"}

# Words before "director" that leave it a seat ('a former director of', 'lead director').
SEAT_WORDS = {"independent", "lead", "outside", "non", "nonexecutive", "former",
              "founding", "current", "corporate", "board", "company", "alternate", "elected",
              "appointed", "inaugural", "longtime", "sole", "public", "new"}


def _non_executive(tok: Token) -> bool:
    doc = tok.doc
    return tok.lower_ == "executive" and tok.i >= 1 and (doc[tok.i - 1].lower_ == "non" or (
        tok.i >= 2 and doc[tok.i - 1].text in ("-", "‐") and doc[tok.i - 2].lower_ == "non"))


def _director_of(tok: Token) -> bool:
    """'an independent director of Salish Coffee Roasters' (not 'director of marketing')."""
    doc = tok.doc
    if field_before_at(doc, tok.i + 1, tok.sent.end) > tok.i + 1:
        return False  # 'Director of Customer Success at Grafton Labs' is a job
    if any(t.start < tok.i < t.end and t.text.lower() not in SEAT_TITLES
           for t in terms(tok.sent, "TITLE")) or any(
            c.dep_ in ("amod", "compound") and c.i < tok.i and c.is_alpha
            and c.lower_ not in SEAT_WORDS and not _non_executive(c) for c in tok.children):
        return False  # 'managing director', 'Executive Director of Hyperledger': a job
    return tok.lower_ in ("director", "trustee") and tok.i + 2 < len(doc) and \
        doc[tok.i + 1].lower_ == "of" and doc[tok.i + 2].text[:1].isupper() and \
        doc[tok.i + 2].lower_ != "the" or tok.lower_ == "director" and tok.i > 0 and \
        doc[tok.i - 1].lower_ in ("independent", "non-executive", "outside", "lead")


def _board_orgs(trig: Token, orgs: list[Span]) -> list[Span]:
    """Orgs governed by a board word: 'board of A, B and C', 'A's board', 'the A board'."""
    sent = trig.sent
    out: list[Span] = []
    including = _including(trig)
    for org in orgs:
        if org.start <= trig.i < org.end:
            continue
        if out and org.start > out[-1].end and _conjoined(out[-1], org):
            out.append(org)  # "the boards of A, B and C"
            continue
        if including is not None and including < org.start <= including + 2:
            out.append(org)  # 'serves on other boards in Hawaii, including A, B and C'
            continue
        between = sent.doc[min(trig.i, org.end):max(trig.i, org.start)]
        words = [t.lower_ for t in between][1:]  # after the board word itself
        board_at = words in (["at"], ["of", "directors", "at"], ["of", "trustees", "at"])
        after = org.start > trig.i and len(between) <= 8 and (board_at or not any(
            t.lemma_ in ("at", "as", "where", "which", "who") or t.text == ";" or
            t.pos_ == "VERB" for t in between))  # not 'the board and community to grow X'
        if after or org.end <= trig.i and trig.i - org.end <= 2 and not any(
                t.text in (",", ";") for t in between):  # 'the Acme board', not 'A, Boards'
            out.append(org)
    return out


# Most words between a board word and the 'including' that lists the boards.
INCLUDING_REACH = 12


def _including(trig: Token) -> int | None:
    """Where 'including' or 'such as' lists what a plural board word means, a few words on
    in the same clause ('other boards in Hawaii and the United States, including ...')."""
    if trig.lower_ not in ("boards", "trustees"):
        return None
    doc = trig.doc
    for tok in doc[trig.i + 1:min(trig.sent.end, trig.i + INCLUDING_REACH)]:
        if tok.text == ";" or tok.pos_ == "VERB" and tok.lower_ != "including":
            return None
        if tok.lower_ == "including" or tok.lower_ == "as" and doc[tok.i - 1].lower_ == "such":
            return tok.i
    return None


def _listed_names(sent: Span, triggers: list[Token]) -> list[Span]:
    """One-word names listed after a board word, which NER calls places or people:
    'the advisory boards of two startups, Tallow and Brindle', 'the boards of Ericsson and
    Orkla'."""
    if not triggers:
        return []
    first = triggers[0].i
    boards_of = {t.i + 2 for t in triggers if t.i + 1 < sent.end and t.doc[t.i + 1].lower_ == "of"}
    return [e for e in ents(sent) if len(e) == 1 and e.start > first and
            e.label_ in ("GPE", "PERSON", "NORP") and (
                e.doc[e.start - 1].text in (",", "and", "&") or e.start in boards_of) and
            not _name_goes_on(e)]


def _name_goes_on(name: Span) -> bool:
    """'Paris' of 'Paris Hilton's charity': a capitalized word or a possessive follows."""
    nxt = name.doc[name.end] if name.end < name.sent.end else None
    return nxt is not None and (nxt.text[:1].isupper() or nxt.text in ("'s", "’s"))


def _conjoined(first: Span, other: Span) -> bool:
    """'A, B and C', 'BevMo! (2017 - 2020), Choose Energy (2013 - 2016)': list glue, with a
    bracketed aside (years, a note) after a name."""
    between = [t for t in _outside_brackets(first.doc[first.end:other.start])
               if t.text not in ("!", "(", ")")]  # ('A (HEMIC), B': after a short name)
    return len(between) <= 4 and all(t.text in (",", "and", "&", "the", "of") or
                                     t.lower_ in ("two", "three") for t in between)


def _outside_brackets(span: Span) -> list[Token]:
    out: list[Token] = []
    depth = 0
    for tok in span:
        depth += tok.text == "("
        if depth == 0:
            out.append(tok)
        depth -= tok.text == ")" and depth > 0
    return out


def board_fields(name: str, sent: Span, trig: Token | None,
                 lexicons: Lexicons) -> dict[str, Any]:
    low = sent.text.lower()
    near = low[max(0, trig.idx - sent.start_char - 30):][:60] if trig is not None else ""
    kind = board_kind(name, f"{name.lower()} {near}", lexicons)
    if kind == "unknown" and "governor" in low:
        kind = "government"
    body = OWN_BOARD.sub("", name)
    return {"org": body if body[:1].isupper() else name, "kind": kind,
            "position": _board_position(sent, trig)}


# 'ISRG Board of Directors', "Rittenhouse University's Board of Trustees": the seat is on the
# board of the organization named before it ('Board of Advisors' names a body of its own).
OWN_BOARD = re.compile(r"(?:['’]s)?\s+Board\s+of\s+(?:Directors|Trustees|Governors)$")


def board_kind(name: str, context: str, lexicons: Lexicons) -> str:
    """corporate, nonprofit, advisory, academic, government or unknown, from the lexicon's
    words in the organization's name ('advisory' also from the words around it)."""
    for candidate in ("advisory", "academic", "government", "nonprofit", "corporate"):
        if has_word(context if candidate == "advisory" else name, lexicons.board_kinds[candidate]):
            return candidate
    return "unknown"


def _board_position(sent: Span, trig: Token | None) -> str:
    """The seat: words next to the board word ('treasurer of the board', 'chairs the
    board', 'an independent director of'), not anywhere in the sentence."""
    doc = sent.doc
    at = trig.i if trig is not None else sent.start
    window = doc[max(sent.start, at - 5):min(sent.end, at + 2)]
    text = " ".join(t.lemma_.lower() if t.pos_ == "VERB" else t.lower_ for t in window)
    text = text.replace("board of directors", "board").replace("board of governors", "board")
    if trig is not None and trig.lower_ in ("trustee", "trustees") and not re.search(
            r"\b(chair|vice chair|co-chair|treasurer|secretary)\b", text):
        return "trustee"
    return next((p for p in POSITION_WORDS if p != "governor" and re.search(rf"\b{p}\b", text)),
                "member")
