"""Rule components that read one fact category each from a sentence about the target."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from .lexicons import Lexicons
from .mentions import (
    FIRST_PERSON,
    RELATIVES,
    SPEAKER,
    THIRD_PERSON,
    Attributed,
    NameForms,
    classify_name,
    fold,
)
from .nlp import SPANS_KEY

YEAR = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\b")
RANGE = re.compile(r"\b(19[5-9]\d|20[0-4]\d)\s*(?:[-–—]|to|until|through)\s*"
                   r"(19[5-9]\d|20[0-4]\d|present|now|today|current)\b", re.I)
QUOTED = re.compile(r"[\"“]([^\"“”]{3,120}?)[,.]?[\"”]")
ORG_LABELS = {"ORG", "FAC"}
SCHOOL = re.compile(r"\b(university|college|school|institute|academy|polytechnic|tech|"
                    r"conservatory|seminary)\b", re.I)
# The last word of many company names; lets us overrule NER when it calls one a PERSON.
ORG_HEAD = re.compile(r"\b(Audio|Media|Group|Labs?|Systems|Bank|Capital|Partners|Foods|"
                      r"Logistics|Health|Markets|Holdings|Industries|Technologies|Software|"
                      r"Studios?|Press|News|Network|Ventures|Energy|Renewables|Analytics|"
                      r"Consulting|Financial|Insurance|Airlines|Motors|Pharma\w*|Inc|Corp|LLC|Times|Post|"
                      r"Journal|Herald|Beacon|Courier|Tribune|Gazette|Chronicle|Review|"
                      r"Co|Company|Associates|Solutions|Services|Hardware|Outdoor|Roasters)\.?$")
ROLE_VERBS_CURRENT = {"be", "serve", "lead", "run", "head", "oversee", "manage"}
START_VERBS = {"join", "name", "appoint", "promote", "become", "hire", "elect", "start",
               "begin", "found", "co-found", "cofound", "launch", "take"}
NUMBER_WORDS = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8,
                "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
                "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17,
                "eighteen": 18, "nineteen": 19, "twenty": 20}
# Adjectives that describe a person, not a position ("a young buyer", "the former CEO").
NOT_TITLE_WORDS = {"former", "current", "new", "then", "interim", "first", "young", "old",
                   "good", "great", "best", "only", "longtime", "veteran", "top", "successful",
                   "serial", "future", "next", "last", "acting", "previous", "retired"}
# Titles that, followed by "of <Org>", are a board seat rather than a job.
BOARD_TITLES = {"director", "independent director", "lead director", "trustee",
                "non-executive director", "outside director"}
# Words that point back to an organization named earlier ("the company", "its").
DEFINITE_ORG = re.compile(r"(?i)\b(the (company|firm|paper|bank|studio|startup|agency|"
                          r"business|hospital|group|network|newspaper|station)|its)\b")
# Words right before a name that make it an employer: "joined Acme", "acquired Acme".
COMPANY_CONTEXT = {"at", "joined", "acquired", "co-founded", "founded", "cofounded", "led",
                   "leads", "ran", "runs", "sold", "launched", "started"}
# Names that are parts of a board or events, not boards: "Audit Committee", "Spark Gala".
NOT_A_BOARD = re.compile(r"(?i)\b(committee|gala|dinner|luncheon|walk|run)$")
BOARD_WORDS = {"board", "boards", "trustee", "trustees"}
BODY_WORDS = {"council", "commission", "committee"}
POSITION_WORDS = ["vice chair", "co-chair", "chairwoman", "chairman", "chairperson", "chair",
                  "treasurer", "secretary", "trustee", "independent director", "lead director",
                  "president", "director", "governor", "member"]
RISKY_ACTIVITY = {"run", "runs", "ran", "running", "crew", "coach", "coaches", "coaching",
                  "ski", "show", "cook", "bike", "diving"}


@dataclass(frozen=True)
class Found:
    """One fact read by a rule, before it gets evidence."""

    category: str
    fields: dict[str, Any]
    rule: str = ""


def speaker_label(line: str) -> bool:
    match = SPEAKER.match(line)
    return bool(match) and len(match.group(1).split()) <= 4


def is_row(line: str) -> bool:
    """A career-list item or table row (as trafilatura writes them)."""
    stripped = line.lstrip()
    return stripped.startswith(("- ", "• ", "* ", "|"))


def is_prose(line: str) -> bool:
    """A list item that holds sentences, not a 'Title, Org (years)' entry."""
    words = line.split()
    return len(words) > 14 or bool(re.search(r"[a-z)]\. [A-Z]", line)) or (
        line.rstrip().endswith(".") and len(words) > 8)


# ------------------------------------------------------------------ spans and orgs


def terms(doc: Doc | Span, label: str) -> list[Span]:
    spans = doc.doc.spans[SPANS_KEY] if isinstance(doc, Span) else doc.spans[SPANS_KEY]
    lo, hi = (doc.start, doc.end) if isinstance(doc, Span) else (0, len(doc))
    return filter_spans([s for s in spans if s.label_ == label and lo <= s.start and s.end <= hi])


def org_spans(sent: Span) -> list[Span]:
    """Organizations: NER ORG/FAC (and LAW/EVENT/PRODUCT, which the small model often gives
    to invented names), plus capitalized runs NER split or left out, such as 'Junior
    Achievement of Georgia' or 'Out in Tech'; "A's B" joined."""
    spans = [e for e in sent.ents if e.label_ in ORG_LABELS | {"LAW", "PRODUCT"} or
             e.label_ == "PERSON" and ORG_HEAD.search(e.text)]
    blocked = {t.i for e in sent.ents if e.label_ not in ("GPE", "NORP", "LOC", "LAW", "ORG",
                                                          "EVENT", "FAC")
               for t in e} | {t.i for title in terms(sent, "TITLE") for t in title}
    places = {t.i for e in sent.ents if e.label_ in ("GPE", "NORP", "LOC") for t in e}
    events = {t.i for e in sent.ents if e.label_ == "EVENT" for t in e}
    spans += [r for r in _capital_runs(sent, blocked) if not all(t.i in places for t in r)
              and not _place_list(r, places) and not all(t.i in events for t in r)]
    spans = [part for span in spans for part in _split_and(span)]
    spans = sorted(filter_spans(spans), key=lambda s: s.start)
    spans = [_extend_of_place(span, sent) for span in spans]
    spans = sorted(filter_spans(spans), key=lambda s: s.start)
    return _join_adjacent(_join_possessives(spans), sent)


def _split_and(span: Span) -> list[Span]:
    """NER joins lists: 'Cornerstone Community Bank and Junior Achievement' is two names
    (but 'Procter and Gamble' is one: each side must have two or more words)."""
    for tok in span:
        if tok.lower_ == "and" and tok.i - span.start >= 2 and span.end - tok.i - 1 >= 2 \
                and span.doc[tok.i + 1].text[:1].isupper():
            return [span.doc[span.start:tok.i], span.doc[tok.i + 1:span.end]]
    return [span]


def _extend_of_place(span: Span, sent: Span) -> Span:
    """'Junior Achievement' + 'of Georgia', 'Rotary Club' + 'of Lafayette'."""
    doc = span.doc
    if span.end + 1 < sent.end and doc[span.end].lower_ == "of":
        place = next((e for e in sent.ents if e.start == span.end + 1 and
                      e.label_ in ("GPE", "LOC")), None)
        if place is not None:
            return doc[span.start:place.end]
    return span


def _place_list(run: Span, places: set[int]) -> bool:
    """'Jackson, Mississippi' or 'Minneapolis and St. Paul' are places, not one org."""
    return all(t.i in places or t.text in (",", "and", "&", "of", "in", "on") for t in run)


def _join_adjacent(spans: list[Span], sent: Span) -> list[Span]:
    """'Ronald McDonald' (a PERSON to NER) + 'House Charities of Acadiana' is one name."""
    people = [e for e in sent.ents if e.label_ == "PERSON"]
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
        if any(t.pos_ == "PROPN" for t in span) and len(span.text) > 2:
            out.append(span)
        i = j
    return out


def _cap(tok: Token) -> bool:
    word = tok.is_alpha or tok.text in ("St.", "Mt.", "Ft.") or bool(
        re.fullmatch(r"[A-Z][a-z]*[A-Z][A-Za-z]*|[A-Z]{2,}[a-z]?|[A-Z]\.", tok.text))
    return tok.text[:1].isupper() and word and tok.lower_ not in FIRST_PERSON | {"the"}


def clean_org(span: Span) -> str:
    text = span.text.strip(" ,.;:")
    text = re.sub(r"^(?:the|its|our|their|his|her)\s+", "", text, flags=re.I)
    text = re.sub(r"\s+(?:of|and|&|for|the)$", "", re.sub(r"['’]s$", "", text))
    return text.strip(" ,")


# ------------------------------------------------------------------ years


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


# ------------------------------------------------------------------ the reader


@dataclass
class SentenceReader:
    """Reads every category from sentences about the target, keeping a little page context."""

    lexicons: Lexicons
    forms: NameForms
    others: set[str] = field(default_factory=set)  # surnames of other people on the page
    page_org: str | None = None  # the organization a board or team page is about
    last_org: str | None = None

    def is_person(self, span: Span) -> bool:
        """Is this capitalized span a person's name rather than an organization's?"""
        words = fold(span.text).removesuffix("'s").split()
        if classify_name(span.text, self.forms) != "other":
            return True
        if words and words[-1] in self.others and len(words) <= 2 and all(
                w.isalpha() for w in words) and not ORG_HEAD.search(span.text):
            return True  # "Priyanka Raman", "Raman": someone named in full on the page
        if span.label_ != "PERSON" or ORG_HEAD.search(span.text) or span.text.startswith("The "):
            return False
        return not _company_context(span)  # "a reporter at X", "X's CTO": X employs

    def read(self, item: Attributed) -> Iterator[Found]:
        yield from family(item)
        if item.about == "target":
            yield from self._target_facts(item)
        self._remember_org(item.sent)

    def _remember_org(self, sent: Span) -> None:
        """The organization last named: what 'the company' or 'the paper' refers to."""
        for org in reversed(org_spans(sent)):
            name = clean_org(org)
            if not self.is_person(org) and not _is_title_only(org, sent) \
                    and not terms(org, "DEGREE") and not SCHOOL.search(name) and not _has_word(
                    name, self.lexicons.association_words + self.lexicons.cause_words) \
                    and len(name) > 2:
                self.last_org = name
                return

    def _target_facts(self, item: Attributed) -> Iterator[Found]:
        sent = item.sent
        boards = list(board(item, self.lexicons, self.page_org))
        board_orgs = {f.fields["org"] for f in boards}
        yield from boards
        yield from education(item)
        for found in roles(item, self):
            org = found.fields.get("org") or ""
            if org in board_orgs:
                continue
            if org and _has_word(org, self.lexicons.association_words) and not SCHOOL.search(org):
                yield Found("association", {"org": org, "position": found.fields["title"]},
                            "role-in-association")
            else:
                yield found
        yield from association(item, self.lexicons, board_orgs)
        yield from cause(item, self.lexicons)
        yield from activity(item)
        yield from work(item)


def _has_word(text: str, words: list[str]) -> bool:
    low = text.lower()
    return any(re.search(rf"\b{re.escape(w)}\b", low) for w in words)


def _allowed(item: Attributed, span: Span) -> bool:
    return all(item.allowed(t) for t in span)


# ------------------------------------------------------------------ roles


def title_span(span: Span) -> Span:
    """Grow a title head to its modifiers ('pipeline integrity engineer') and its field
    ('vice president of network operations'), stopping at organizations."""
    doc = span.doc
    start, end = span.start, span.end
    while start > span.sent.start:
        prev = doc[start - 1]
        if prev.ent_type_ in ORG_LABELS | {"GPE", "PERSON", "DATE"} or not prev.is_alpha:
            break
        if prev.pos_ in ("NOUN", "ADJ", "PROPN") and prev.dep_ in ("compound", "amod", "nmod") \
                and prev.lower_ not in NOT_TITLE_WORDS:
            start -= 1
        else:
            break
    if end < span.sent.end and doc[end].lower_ in ("of", "for") and end + 1 < span.sent.end:
        j = end + 1
        while j < span.sent.end and doc[j].is_alpha and doc[j].ent_type_ not in ORG_LABELS | {
                "GPE", "PERSON", "DATE"} and doc[j].pos_ in ("NOUN", "ADJ", "PROPN", "CCONJ") \
                and doc[j].lower_ not in ("the", "its", "at", "in"):
            j += 1
        while j > end + 1 and doc[j - 1].pos_ == "CCONJ":
            j -= 1
        tail = doc[end + 1:j]
        if j > end + 1 and (doc[end + 1].text[:1].islower() or span.text[:1].isupper() and
                            not ORG_HEAD.search(tail.text)):
            end = j
    if end < span.sent.end and doc[end].text == "&" and end + 1 < span.sent.end:
        nxt = [s for s in terms(span.sent, "TITLE") if s.start == end + 1]
        if nxt:
            end = nxt[0].end
    return doc[start:end]


def roles(item: Attributed, reader: SentenceReader) -> Iterator[Found]:
    sent = item.sent
    orgs = [o for o in org_spans(sent) + _places_as_orgs(sent) if _allowed(item, o)
            and not _is_title_only(o, sent) and not reader.is_person(o) and o.text[:1].isupper()]
    kin = _kin_tokens(sent)
    heads = [h for h in terms(sent, "TITLE") if _allowed(item, h) and not _in_board_phrase(h)
             and h.root.i not in kin]
    titles = _join_conjoined([title_span(h) for h in heads])
    may_refer = bool(DEFINITE_ORG.search(sent.text)) or any(
        t.lemma_ in START_VERBS for t in sent)
    found: list[Found] = []
    orgs = [o for o in orgs if not any(t.start < o.end and o.start < t.end for t in titles)]
    for n, title in enumerate(titles):
        if any(t.ent_type_ == "PERSON" for t in title) or not _linked(title, titles):
            continue
        org = _role_org(title, orgs, sent)
        org_text = clean_org(org) if org is not None else reader.last_org if may_refer else None
        if not org_text or SCHOOL.search(org_text) and not _academic_title(title):
            continue
        if title.text.lower() in BOARD_TITLES and org is not None and \
                org.start == title.end + 1 and sent.doc[title.end].lower_ == "of":
            yield Found("board", _board_fields(org_text, sent, None, reader.lexicons),
                        "board-director-of")
            continue
        fields = {"title": _tidy_title(title.text), "org": org_text, "start": None,
                  "end": None, "current": None}
        fields.update(_title_years(title, org, titles, n))
        fields.update(_after_years(title, fields))
        if fields["current"] is None:
            fields["current"] = _is_current(title)
        found.append(Found("role", fields, "role-sentence"))
    yield from _chain_promotions(found)
    yield from _founded(item, orgs)
    yield from _led_since(item, orgs, reader.last_org)


def _led_since(item: Attributed, orgs: list[Span], last_org: str | None) -> Iterator[Found]:
    """'He has led the company since 2020' dates the role he holds there; the merge joins it
    to that role (a title-less role that joins nothing is dropped)."""
    since = re.search(r"(?i)\bsince\s+(19\d\d|20\d\d)\b", item.sent.text)
    if not since:
        return
    for tok in item.sent:
        if tok.lemma_ not in ("lead", "run", "head") or tok.pos_ != "VERB":
            continue
        obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
        org = next((o for o in orgs if obj is not None and o.start <= obj.i < o.end), None)
        name = clean_org(org) if org is not None else last_org if obj is not None and \
            DEFINITE_ORG.fullmatch(_det_phrase(obj)) else None
        if name:
            yield Found("role", {"title": None, "org": name, "start": int(since.group(1)),
                                 "end": None, "current": True}, "role-led-since")


def _chain_promotions(found: list[Found]) -> list[Found]:
    """'joined as analyst in 2006 and was promoted to director in 2011': the analyst years
    end when the director years start."""
    for earlier, later in zip(found, found[1:]):
        a, b = earlier.fields, later.fields
        if a["org"] == b["org"] and b.get("start") and not a.get("end") and \
                (a.get("start") or 0) <= b["start"]:
            a["end"], a["current"] = b["start"], False
    return found


def _places_as_orgs(sent: Span) -> list[Span]:
    """NER often calls a one-word company a place or a person: 'CEO of Ledgerline',
    'joined Norrland', 'acquired Quillstack', 'Quillstack's CTO'."""
    return [e for e in sent.ents if (e.label_ in ("GPE", "PERSON", "NORP") and len(e) == 1 or
                                     e.label_ in ("GPE", "EVENT") and len(e) <= 4)
            and _company_context(e)]


def _company_context(span: Span) -> bool:
    sent, doc = span.sent, span.doc
    prev = doc[span.start - 1].lower_ if span.start > sent.start else ""
    nxt = doc[span.end].text if span.end < sent.end else ""
    if prev in COMPANY_CONTEXT:
        return True
    if prev in ("of", "for") and nxt in (",", "in", "as", "since", ".", "from"):
        return True
    if prev == "at" and span.start >= 2 and any(
            t.end == span.start - 1 for t in terms(sent, "TITLE")):
        return True  # "vice president of engineering at Kestrel Maps"
    return nxt in ("'s", "’s") and any(t.start == span.end + 1 for t in terms(sent, "TITLE"))


def _kin_tokens(sent: Span) -> set[int]:
    """Tokens that describe a relative or colleague ('his wife, Nadia, a professor of ...')."""
    out: set[int] = set()
    for tok in sent:
        if tok.lower_ in RELATIVES and tok.dep_ != "attr":
            out.update(t.i for t in tok.subtree)
    return out


def _join_conjoined(titles: list[Span]) -> list[Span]:
    """'president and chief executive officer' is one position, not two."""
    out: list[Span] = []
    for title in titles:
        prev = out[-1] if out else None
        if prev is not None and title.start - prev.end == 1 and \
                title.doc[prev.end].lower_ in ("and", "&"):
            out[-1] = title.doc[prev.start:title.end]
        else:
            out.append(title)
    return out


def _linked(title: Span, titles: list[Span]) -> bool:
    """Is the title said of the sentence's subject ('is COO', 'named COO', 'as COO',
    'rose from analyst to director'), rather than of someone it merely mentions?"""
    root = title.root
    if root.dep_ in ("attr", "oprd", "acomp"):
        return True
    if root.dep_ == "pobj":
        prep = root.head
        verb = prep.head
        return prep.lower_ == "as" or prep.lower_ in ("from", "to") and verb.lemma_ in (
            "rise", "promote", "move", "advance", "go", "grow", "work")
    if root.dep_ in ("dobj", "nsubjpass", "xcomp", "oprd") and root.head.lemma_ in START_VERBS:
        return True
    if root.dep_ == "appos":
        return root.head.pos_ in ("PROPN", "PRON") and root.head.ent_type_ not in (
            "ORG", "FAC", "GPE") and not ORG_HEAD.search(root.head.text)
    if root.dep_ == "conj":
        return any(t.start <= root.head.i < t.end and _linked(t, titles) for t in titles
                   if t != title)
    if root.dep_ in ("ROOT", "npadvmod") and not any(t.pos_ in ("VERB", "AUX") for t in
                                                     title.sent):
        return True
    return root.dep_ == "compound" and root.head.pos_ == "PROPN" and root.head.ent_type_ in (
        "PERSON", "")


def _founded(item: Attributed, orgs: list[Span]) -> Iterator[Found]:
    """'co-founded Tidepool Audio in 2015' -> a co-founder role."""
    for tok in item.sent:
        low = tok.lower_
        if low not in ("founded", "co-founded", "cofounded", "co", "started", "launched") or \
                not item.allowed(tok):
            continue
        if low == "co" and not (tok.i + 2 < len(tok.doc) and tok.doc[tok.i + 2].lower_ ==
                                "founded"):
            continue
        if low == "founded" and tok.i >= 2 and tok.doc[tok.i - 2].lower_ == "co":
            continue  # already read as "co - founded"
        if low in ("started", "launched") and not any(
                o.start > tok.i and re.search(r"(?i)company|studio|firm|startup", o.sent.text)
                for o in orgs):
            continue
        verb_end = tok.i + (3 if low == "co" else 1)
        after = [o for o in orgs if verb_end <= o.start <= verb_end + 1
                 and tok.doc[o.start - 1].lower_ != "with"]  # "co-founded with <a person>"
        verb = tok.doc[verb_end - 1]
        if not after and "relcl" in (tok.dep_, verb.dep_, tok.head.dep_):
            head = _governing_org(tok.doc[tok.i:tok.i + 1], orgs)  # "X, the company I founded"
            after = [head] if head is not None else []
        if not after or _is_passive_founding(tok):
            continue
        co = low.startswith("co") or any(w.lower_ in ("with", "alongside") for w in
                                         tok.doc[verb_end:min(len(tok.doc), verb_end + 8)])
        fields = {"title": "Co-founder" if co else "Founder", "org": clean_org(after[0]),
                  "start": None, "end": None, "current": None}
        near = years_near(tok.doc[tok.i:min(tok.sent.end, after[0].end + 4)].text)
        years = set(YEAR.findall(tok.sent.text))
        fields["start"] = near.get("start") or (int(years.pop()) if len(years) == 1 else None)
        yield Found("role", fields, "role-founded")


def _is_passive_founding(tok: Token) -> bool:
    """'Founded in Memphis in 1987 by Thomas Carrow': the company's history, not a role."""
    return tok.i == tok.sent.start or any(c.dep_ == "agent" for c in tok.children)


def _after_years(title: Span, fields: dict[str, Any]) -> dict[str, Any]:
    """'named COO in 2021 after three years as SVP' -> SVP 2018-2021."""
    doc = title.doc
    before = doc[max(title.sent.start, title.start - 5):title.start].text
    match = re.search(r"\bafter\s+(\w+)\s+years?\s+as\s*$", before, re.I)
    year = YEAR.search(title.sent.text)
    if not match or not year:
        return {}
    span = duration_years(match.group(1) + " years")
    end = int(year.group(1))
    return {"start": end - span if span else None, "end": end, "current": False}


def _is_title_only(org: Span, sent: Span) -> bool:
    """'VP of Engineering' and 'Chief Executive' are positions, not organizations."""
    overlap = any(t.start < org.end and org.start < t.end for t in terms(sent, "TITLE"))
    return overlap and not ORG_HEAD.search(org.text) or \
        bool(re.fullmatch(r"(?i)(chief|vice|senior|president|director)\b.*", org.text)) and \
        not re.search(r"\b(of|&)\b", org.text)


def _in_board_phrase(head: Span) -> bool:
    low = head.sent.text.lower()
    return head.text.lower() in ("chair", "chairman", "chairwoman", "director", "trustee",
                                 "treasurer", "secretary", "member") and (
        "board" in low or "trustee" in low)


def _role_org(title: Span, orgs: list[Span], sent: Span) -> Span | None:
    if not orgs:
        return None
    doc = sent.doc
    after = [o for o in orgs if o.start >= title.end]
    if after and after[0].start - title.end <= 2 and doc[title.end].lower_ in (
            "of", "at", "for", "with", ",", "in"):
        return after[0]
    before = [o for o in orgs if o.end <= title.start]
    if before and before[-1].end >= title.start - 1 and doc[before[-1].end - 1].text in ("'s", "’s") \
            or before and doc[before[-1].end].text in ("'s", "’s") and before[-1].end + 3 >= title.start:
        return before[-1]
    governing = _governing_org(title, orgs)
    if governing is not None:
        return governing
    return min(orgs, key=lambda o: min(abs(o.start - title.end), abs(title.start - o.end)))


def _det_phrase(tok: Token) -> str:
    det = next((c.lower_ for c in tok.children if c.dep_ in ("det", "poss")), "")
    return f"{det} {tok.lower_}".strip()


def _governing_org(title: Span, orgs: list[Span]) -> Span | None:
    """Follow the parse up from the title: 'the studio he co-founded and led as CEO' is
    about the studio; 'joined X in 2018 as SVP' is about X."""
    def org_of(tok: Token) -> Span | None:
        return next((o for o in orgs if o.start <= tok.i < o.end), None)

    tok = title.root
    for _ in range(8):
        if tok.head.i == tok.i or tok.dep_ == "appos":
            break  # "Delacroix, CEO of X, coaches the Mudbugs": the appositive is the limit
        tok = tok.head
        found = org_of(tok)
        if found is not None:
            return found
        if tok.pos_ in ("VERB", "AUX"):
            for child in tok.children:
                if child.dep_ in ("dobj", "attr") and org_of(child) is None and \
                        DEFINITE_ORG.fullmatch(_det_phrase(child)):
                    # "running the studio as chief executive": the studio named just before
                    earlier = [o for o in orgs if o.end <= child.i]
                    return earlier[-1] if earlier else None
                if child.dep_ in ("dobj", "attr") and org_of(child) is not None:
                    return org_of(child)
                if child.dep_ == "prep" and child.lower_ in ("at", "with", "for", "of"):
                    for grand in child.children:
                        if org_of(grand) is not None:
                            return org_of(grand)
    return None


def _academic_title(title: Span) -> bool:
    return bool(re.search(r"professor|dean|provost|chancellor|lecturer|fellow|researcher|"
                          r"principal|teacher|superintendent|instructor|counselor|librarian|"
                          r"president|director|head", title.text, re.I))


def _title_years(title: Span, org: Span | None, titles: list[Span], n: int) -> dict[str, Any]:
    """Years for one title: what follows it first ('as director in 2011'), then what
    precedes it ('since 2019 she has been ...'), then a span of years ('for nine years ...
    before joining X in 2019')."""
    sent, doc = title.sent, title.doc
    hi = min(sent.end, title.end + 8, titles[n + 1].start if n + 1 < len(titles) else sent.end)
    if org is not None and org.start >= title.end:
        hi = max(hi, min(sent.end, org.end + 6))
    span = _years_before_joining(sent, title)
    if span:
        return span
    after = years_near(doc[title.start:hi].text)
    if after.get("start") or after.get("end"):
        return after
    return years_near(_clause_text(title, org, titles, n))


def _years_before_joining(sent: Span, title: Span) -> dict[str, Any]:
    """'spent nine years as X at Y before joining Z in 2019' -> X 2010-2019 (only for titles
    written before the 'before joining')."""
    match = re.search(r"(?i)\b(\w+)\s+years?\b.*\b(before|prior to)\s+(?:joining|moving to|"
                      r"coming to)\b.*?\b(19\d\d|20\d\d)\b", sent.text)
    if not match or title.start_char - sent.start_char > match.start(2):
        return {}
    length = duration_years(match.group(1) + " years")
    end = int(match.group(3))
    return {"start": end - length if length else None, "end": end, "current": False}


def _clause_text(title: Span, org: Span | None, titles: list[Span], n: int) -> str:
    """The words around a title that can carry its years, not crossing the next title."""
    sent = title.sent
    doc = sent.doc
    lo = max(sent.start, title.start - 6, titles[n - 1].end if n else sent.start)
    hi = min(sent.end, title.end + 8, titles[n + 1].start if n + 1 < len(titles) else sent.end)
    if org is not None and org.start >= title.end:
        hi = max(hi, min(sent.end, org.end + 6))
    return doc[lo:hi].text


def _is_current(title: Span) -> bool | None:
    """Tense says it: 'is CFO' now, 'was CFO' then; 'joined as CFO' says when it began,
    not whether it goes on; 'Jane Roe, CFO of X, said' describes her now."""
    if title.root.dep_ == "appos":
        return True
    if title.root.dep_ in ("pobj", "xcomp") and title.root.head.lower_ == "to":
        return None  # "rose from analyst to director": what she became, maybe still is
    verb = title.root.head
    while verb.pos_ not in ("VERB", "AUX") and verb.head.i != verb.i:
        verb = verb.head
    if verb.lemma_ in START_VERBS:
        return None
    tags = {verb.tag_} | {c.tag_ for c in verb.children if c.dep_ in ("aux", "auxpass")}
    if tags & {"VBZ", "VBP"}:
        return True
    if tags & {"VBD", "VBN"}:
        return False
    return None


def _tidy_title(text: str) -> str:
    text = re.sub(r"^(?:a|an|the|its|our|his|her|their)\s+", "", text.strip(" ,."), flags=re.I)
    return text[:1].upper() + text[1:]


# ------------------------------------------------------------------ boards


def board(item: Attributed, lexicons: Lexicons, page_org: str | None = None
          ) -> Iterator[Found]:
    sent = item.sent
    low = sent.text.lower()
    if not any(w in low for w in ("board", "trustee", "council", "commission", "director")):
        return
    triggers = [t for t in sent if item.allowed(t) and (t.lower_ in BOARD_WORDS or _director_of(t))]
    events = [e for e in sent.ents if e.label_ == "EVENT" and e.text[:1].isupper()]
    orgs = [o for o in org_spans(sent) + _listed_names(sent, triggers) + events
            if _allowed(item, o) and not NOT_A_BOARD.search(o.text)]
    orgs.sort(key=lambda o: o.start)
    if page_org and not orgs and any(t.lower_ in ("trustee", "director") for t in triggers):
        # "Dr. Baptiste has served as a trustee since 2020" on the university's trustees page
        yield Found("board", _board_fields(page_org, sent, triggers[0], lexicons), "board-page")
        return
    named_bodies = [o for o in orgs if re.search(r"\b(council|commission|board)\b", o.text, re.I)
                    and re.search(r"\b(appoint|name|elect|serve|sit|join|member)", low)]
    seen: set[str] = set()
    for trig in triggers:
        for org in _board_orgs(trig, orgs):
            name = clean_org(org)
            if name.lower() not in seen and not re.match(r"(?i)(board|trustees?)\b", name):
                seen.add(name.lower())
                yield Found("board", _board_fields(name, sent, trig, lexicons), "board")
    for org in named_bodies:
        name = clean_org(org)
        if name.lower() not in seen and not re.match(r"(?i)(board|council)\b", name):
            seen.add(name.lower())
            yield Found("board", _board_fields(name, sent, None, lexicons), "board-body")


def _director_of(tok: Token) -> bool:
    """'an independent director of Salish Coffee Roasters' (not 'director of marketing')."""
    doc = tok.doc
    return tok.lower_ in ("director", "trustee") and tok.i + 2 < len(doc) and \
        doc[tok.i + 1].lower_ == "of" and doc[tok.i + 2].text[:1].isupper() and \
        doc[tok.i + 2].lower_ != "the" or tok.lower_ == "director" and tok.i > 0 and \
        doc[tok.i - 1].lower_ in ("independent", "non-executive", "outside", "lead")


def _board_orgs(trig: Token, orgs: list[Span]) -> list[Span]:
    """Orgs governed by a board word: 'board of A, B and C', 'A's board', 'the A board'."""
    sent = trig.sent
    out: list[Span] = []
    for org in orgs:
        if org.start <= trig.i < org.end:
            continue
        if out and org.start > out[-1].end and _conjoined(out[-1], org):
            out.append(org)  # "the boards of A, B and C"
            continue
        between = sent.doc[min(trig.i, org.end):max(trig.i, org.start)]
        if org.start > trig.i and len(between) <= 8 and not any(
                t.lemma_ in ("at", "as", "where", "which", "who") or t.text == ";"
                for t in between):
            out.append(org)
        elif org.end <= trig.i and trig.i - org.end <= 2:
            out.append(org)
    return out


def _listed_names(sent: Span, triggers: list[Token]) -> list[Span]:
    """One-word names listed after a board word, which NER calls places or people:
    'the advisory boards of two startups, Tallow and Brindle'."""
    if not triggers:
        return []
    first = triggers[0].i
    return [e for e in sent.ents if len(e) == 1 and e.start > first and
            e.label_ in ("GPE", "PERSON") and e.doc[e.start - 1].text in (",", "and", "&")]


def _conjoined(first: Span, other: Span) -> bool:
    between = first.doc[first.end:other.start]
    return len(between) <= 4 and all(t.text in (",", "and", "&", "the", "of") or
                                     t.lower_ in ("two", "three") for t in between)


def _board_fields(name: str, sent: Span, trig: Token | None, lexicons: Lexicons) -> dict[str, Any]:
    low = sent.text.lower()
    context = f"{name.lower()} {low[max(0, (trig.idx - sent.start_char) - 30):][:60] if trig else ''}"
    kind = "unknown"
    for candidate in ("advisory", "academic", "government", "nonprofit", "corporate"):
        if _has_word(context if candidate == "advisory" else name, lexicons.board_kinds[candidate]):
            kind = candidate
            break
    if kind == "unknown" and "governor" in low:
        kind = "government"
    return {"org": name, "kind": kind, "position": _board_position(sent, trig)}


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


# ------------------------------------------------------------------ education


def education(item: Attributed) -> Iterator[Found]:
    sent = item.sent
    degrees = [d for d in terms(sent, "DEGREE") if _allowed(item, d)]
    low = sent.text.lower()
    verbs = re.search(r"\b(graduat\w*|studied|alumn\w*|degree|earned|holds|received|attended|"
                      r"enrolled|residency|doctoral|phd|mba)\b", low)
    if not degrees and not verbs:
        return
    schools = [o for o in org_spans(sent) if _allowed(item, o) and SCHOOL.search(o.text)]
    if not schools:
        schools = [o for o in org_spans(sent) if _allowed(item, o) and degrees and any(
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


# ------------------------------------------------------------------ associations


ASSOCIATION_CUE = re.compile(r"(?i)^(member|membership|join|belong|chapter|fellow|co-chair|"
                             r"chair|president|volunteer|co-organizer|organizer|officer|"
                             r"active|treasurer|secretary|governor|founder|co-founder)$")
EDUCATION_ONLY = re.compile(r"(?i)\b(university|college|school|academy|polytechnic)\b")
POSITIONS = ("co-chair", "past president", "president", "vice chair", "chair", "treasurer",
             "secretary", "co-organizer", "organizer", "founder", "fellow", "member")


# Names that are voluntary associations whatever verb goes with them.
CLUB = re.compile(r"(?i)\b(club|society|toastmasters|rotary|kiwanis|lions|guild|association)\b")


def _done_with(org: Span) -> bool:
    """The org is where or with whom the subject does something: 'rows with X', 'at X'."""
    prep = org.root.head
    return org.root.dep_ == "pobj" and prep.lower_ in ("with", "at", "to", "in") and \
        prep.head.pos_ == "VERB"


def association(item: Attributed, lexicons: Lexicons, skip: set[str]) -> Iterator[Found]:
    """'a member of X', 'past president of X', 'co-chair of the Seattle chapter of X',
    'joined X': the organization must hang off the cue word in the parse."""
    sent = item.sent
    cues = [t for t in sent if (ASSOCIATION_CUE.match(t.text) or ASSOCIATION_CUE.match(t.lemma_))
            and item.allowed(t)]
    if not cues:
        return
    for org in org_spans(sent):
        name = clean_org(org)
        if not _allowed(item, org) or name in skip or EDUCATION_ONLY.search(name) and not \
                _has_word(name, ["club", "society", "association"]):
            continue
        cue = next((c for c in cues if _governs(c, org.root)), None)
        if cue is None and CLUB.search(name) and _done_with(org):
            cue = org.root.head  # "rowing with the Eastgate Rowing Club since 2012"
        if cue is not None and _has_word(name, lexicons.association_words):
            window = sent.doc[max(sent.start, cue.i - 2):cue.i + 1].text.lower()
            position = next((p for p in POSITIONS if p in window), "member")
            yield Found("association", {"org": name, "position": position}, "association")


def _governs(cue: Token, tok: Token) -> bool:
    """Is tok within a few steps below cue in the parse ('member of the X and the Y')?"""
    for _ in range(6):
        if tok.i == cue.i:
            return True
        if tok.head.i == tok.i:
            return False
        tok = tok.head
    return False


# ------------------------------------------------------------------ causes


def cause(item: Attributed, lexicons: Lexicons) -> Iterator[Found]:
    sent = item.sent
    low = sent.text.lower()
    triggers = terms(sent, "CAUSE")
    for org in org_spans(sent):
        name = clean_org(org)
        if not _allowed(item, org) or SCHOOL.search(name):
            continue
        if _has_word(name, lexicons.cause_words) and (triggers or re.search(
                r"\b(support|walk|run|ride|rais|donat|volunteer|mentor|give|benefit|for)\w*",
                low)):
            involvement = _involvement(org, triggers)
            yield Found("cause", {"name": name, "involvement": involvement}, "cause")
        elif triggers and any(abs(t.start - org.start) <= 8 for t in triggers) and \
                org.label_ in ("ORG", "") and not _has_word(name, lexicons.association_words):
            yield Found("cause", {"name": name, "involvement": _involvement(org, triggers)},
                        "cause-trigger")


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


# ------------------------------------------------------------------ activities


def activity(item: Attributed) -> Iterator[Found]:
    sent = item.sent
    seen: set[str] = set()
    for span in terms(sent, "ACTIVITY"):
        name = span.id_ or span.text.lower()
        if name in seen or not _allowed(item, span):
            continue
        if span.text.lower() in RISKY_ACTIVITY and not _sporting_use(span):
            continue
        seen.add(name)
        yield Found("activity", {"name": name, "detail": _detail(sent)}, "activity")


def _sporting_use(span: Span) -> bool:
    tok = span.root
    if tok.pos_ == "VERB":
        objs = [c for c in tok.children if c.dep_ in ("dobj", "obj")]
        return not objs or any(re.search(r"(?i)marathon|race|run|10k|5k|mile|team|\d", c.text)
                               for c in objs)
    return tok.pos_ == "NOUN" and tok.dep_ not in ("compound",)


def _detail(sent: Span) -> str:
    return " ".join(sent.text.split())[:160]


# ------------------------------------------------------------------ works


# Words that may sit inside a title in Title Case ("Safe by Design", "Print Run: The Last ...").
TITLE_GLUE = {"of", "the", "and", "a", "an", "to", "in", "for", "by", "from", "on", "at", "is",
              "are", "with", "up", "down", "or", "your", "our", "us", "you", "it", "as", "what"}
# Verbs and nouns after which a Title-Case phrase is the name of a work.
WORK_CUES = re.compile(r"(?i)\b(?:author of|wrote|written|co-authored|authored|published|"
                       r"book,?|memoir,?|podcast,?|show,?|program,?|newsletter,?|talk,?|keynote,?|"
                       r"co-hosts?(?: the)?|hosts?(?: the)?|column,?)\s+$")


def work(item: Attributed) -> Iterator[Found]:
    sent = item.sent
    kinds = [k for k in terms(sent, "WORK") if _allowed(item, k)]
    hosts = [t for t in sent if t.lemma_ in ("host", "co-host") and item.allowed(t)]
    if not kinds and not hosts:
        return
    seen: set[str] = set()
    for title, at in _quoted_titles(sent) + _title_case_titles(sent) + _subtitled(sent):
        if title.lower() in seen or _names_org_or_person(sent, title):
            continue
        seen.add(title.lower())
        yield Found("work", {"title": title, "kind": _work_kind(sent, at, kinds, hosts)},
                    "work-title")


def _quoted_titles(sent: Span) -> list[tuple[str, int]]:
    out = []
    for match in QUOTED.finditer(sent.text):
        title = match.group(1).strip(" ,.")
        if len(title.split()) >= 2 and title.lower().split()[0] not in FIRST_PERSON:
            out.append((title, sent.start_char + match.start()))
    return out


def _title_case_titles(sent: Span) -> list[tuple[str, int]]:
    """A Title-Case run right after a cue: 'the author of Every Seat Filled: ... (2021)',
    'co-host On-Call Stories, a podcast', 'Tidepool's flagship show, Low Tide,'."""
    out = []
    text = sent.text
    for i, tok in enumerate(sent):
        if not tok.text[:1].isupper() or not WORK_CUES.search(text[:tok.idx - sent.start_char]):
            continue
        run = _title_run(sent, i)
        if run:
            out.append((run, tok.idx))
    return out


def _title_run(sent: Span, i: int) -> str | None:
    toks = list(sent)[i:]
    words: list[str] = []
    for n, tok in enumerate(toks):
        word = tok.text
        if word[:1].isupper() or word[:1].isdigit() or word in (":", "-", "–", ",") and \
                n + 1 < len(toks) and toks[n + 1].text[:1].isupper() or \
                word.lower() in TITLE_GLUE and n + 1 < len(toks) and \
                (toks[n + 1].text[:1].isupper() or toks[n + 1].lower_ in TITLE_GLUE):
            words.append(tok.text_with_ws)
        else:
            break
    parts = "".join(words).strip(" ,:-–").split()
    while parts and parts[-1].lower() in TITLE_GLUE:
        parts.pop()
    return " ".join(parts) if len(parts) >= 2 else None


def _subtitled(sent: Span) -> list[tuple[str, int]]:
    """'..., Safe by Design: Rebuilding Hospital Quality from the Bedside Up (2019)'."""
    out = []
    for match in re.finditer(r"\s*\([^()]*\b(?:19|20)\d\d\)", sent.text):
        segments = sent.text[:match.start()].split(", ")
        kept: list[str] = []
        for segment in reversed(segments):
            words = segment.split()
            if not words or any(w[:1].islower() and w.lower() not in TITLE_GLUE for w in words):
                break
            kept.insert(0, segment)
        title = ", ".join(kept).strip()
        if ":" in title and 3 <= len(title.split()) <= 20:
            out.append((title, sent.start_char + match.start() - len(title)))
    return out


def _names_org_or_person(sent: Span, title: str) -> bool:
    return any(e.text == title and e.label_ in ("PERSON", "GPE") for e in sent.ents)


def _work_kind(sent: Span, at: int, kinds: list[Span], hosts: list[Token]) -> str:
    if hosts and not any(k.id_ in ("book", "talk") for k in kinds):
        return "podcast"
    if not kinds:
        return "other"
    return min(kinds, key=lambda k: abs(k.start_char - at)).id_ or "other"


def row_works(raw: str, heading: str | None, owner: re.Pattern[str]) -> Iterator[Found]:
    """'"Your Pipeline Is Lying to You," DataPipes Conf, 2024' under a Talks heading;
    'The Float, Marcus's monthly newsletter on ...' (owner: the target's names and pronouns)."""
    kind = _heading_kind(heading)
    match = QUOTED.search(raw)
    if kind and match and len(match.group(1).split()) >= 2:
        yield Found("work", {"title": match.group(1).strip(" ,."), "kind": kind}, "work-row")
        return
    title, _, rest = raw.strip().lstrip("-•* ").partition(", ")
    noun = re.search(r"(?i)\b(newsletter|podcast|book|memoir|show|column|blog)\b", rest)
    if noun and owner.search(rest.split(noun.group(0))[0]) and 1 <= len(title.split()) <= 8 \
            and all(w[:1].isupper() or w.lower() in TITLE_GLUE for w in title.split()):
        kind = {"podcast": "podcast", "show": "podcast", "book": "book", "memoir": "book",
                "column": "article"}.get(noun.group(1).lower(), "other")
        yield Found("work", {"title": title, "kind": kind}, "work-row-owned")


def session_title(line: str, heading: str | None) -> Iterator[Found]:
    """A session title under a 'Featured session' or 'Keynote' heading of a speaker page."""
    kind = _heading_kind(heading)
    if kind == "talk" and 2 <= len(line.split()) <= 16 and not line.rstrip().endswith(".") \
            and not re.search(r"\d{1,2}:\d\d|\b(MD|PhD|MBA)\b", line):
        yield Found("work", {"title": line.strip(), "kind": "talk"}, "work-session")


def _heading_kind(heading: str | None) -> str | None:
    low = (heading or "").lower()
    for kind, words in (("talk", ("talk", "session", "keynote", "speaking", "presentation",
                                  "workshop")),
                        ("book", ("book", "publication", "writing")),
                        ("podcast", ("podcast",))):
        if any(w in low for w in words):
            return kind
    return None


# ------------------------------------------------------------------ family


def family(item: Attributed) -> Iterator[Found]:
    sent = item.sent
    for span in terms(sent, "FAMILY"):
        tok = span.root
        owner = next((c for c in tok.children if c.dep_ == "poss"), None)
        if owner is None and not _had_by_target(tok, item) or owner is not None and \
                not _owner_is_target(owner, item):
            continue
        relation = span.id_ or tok.lower_
        if relation == "partner" and _business_partner(tok):
            continue
        yield Found("family", {"relation": relation, "detail": _family_detail(tok)}, "family")


def _had_by_target(tok: Token, item: Attributed) -> bool:
    """'She and her wife have a daughter, Noor': a relative the target has or raises."""
    verb = tok.head
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return item.about == "target" and tok.dep_ in ("dobj", "conj") and verb.lemma_ in (
        "have", "raise", "adopt", "welcome") and item.allowed(tok) and subject is not None \
        and (subject.pos_ == "PROPN" or subject.lower_ in ("i", "we", "she", "he", "they"))


def _owner_is_target(owner: Token, item: Attributed) -> bool:
    low = owner.lower_
    if low in ("my", "our"):
        return item.target_speaks or item.about == "target"
    if low in THIRD_PERSON:
        return (item.pronoun_target or item.about == "target") and item.allowed(owner)
    if owner.ent_type_ == "PERSON" or owner.pos_ == "PROPN":
        return item.about == "target" and item.allowed(owner)
    return False


def _business_partner(tok: Token) -> bool:
    return any(c.dep_ == "prep" and c.lower_ in ("at", "in", "with") for c in tok.children)


def _family_detail(tok: Token) -> str | None:
    appos = [c for c in tok.children if c.dep_ in ("appos", "npadvmod", "compound")
             and c.pos_ == "PROPN"]
    if appos:
        sub = sorted(appos[0].subtree, key=lambda t: t.i)
        return " ".join(t.text for t in sub).strip(" ,")[:120]
    nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
    if nxt is not None and nxt.pos_ == "PROPN":
        return nxt.text
    return None


def row_facts(raw: str, parsed: Doc) -> Iterator[Found]:
    """A career row: 'Title, Org (2014–2018)' or '| 2014–2018 | Title | Org |'."""
    text = raw.strip().lstrip("-•* ").strip()
    cells = [c.strip() for c in text.strip("|").split("|")] if text.startswith("|") or \
        "|" in text else None
    rng = RANGE.search(text)
    years = years_near(rng.group(0)) if rng else {}
    if cells:
        cells = [c for c in cells if c and not RANGE.fullmatch(c) and not YEAR.fullmatch(c)]
        if len(cells) < 2 or set("".join(cells)) <= set("-: "):
            return
        title, org = cells[0], cells[1]
    else:
        body = RANGE.sub("", text)
        body = re.sub(r"\(\s*\)|\(\s*[-–]?\s*\)", "", body).strip(" ,;()")
        parts = [p.strip() for p in body.split(",") if p.strip()]
        if len(parts) < 2:
            return
        title, org = ", ".join(parts[:-1]), parts[-1]
    if not terms(parsed, "TITLE") or not re.search(
            r"(?i)\b(chief|president|director|manager|analyst|engineer|officer|founder|"
            r"partner|head|buyer|vp|svp|evp|ceo|cfo|coo|cto|editor|reporter|consultant|"
            r"associate|lead|cashier|intern|professor|dean|chair)\b", title):
        return
    fields = {"title": title.strip(), "org": org.strip(), "start": None, "end": None,
              "current": None}
    fields.update(years)
    if fields["current"] is None:
        fields["current"] = False if fields.get("end") else None
    yield Found("role", fields, "career-row")
