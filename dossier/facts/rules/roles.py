"""Roles: job titles, the organization each belongs to, years and current/past; career rows."""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

from spacy.tokens import Doc, Span, Token

from ...lexicons import Lexicons
from ...models import STAND_IN_TITLE
from ...names import FIRST_PERSON, NameForms, classify_name, fold
from ..mentions import (
    RELATIVES,
    Attributed,
    after_kind_of_company,
    ents,
)
from .boards import board_fields
from .spans import (
    EVENT_NAME,
    ORG_HEAD,
    ORG_LABELS,
    RANGE,
    SCHOOL,
    YEAR,
    Found,
    allowed,
    clause_subject,
    clean_org,
    duration_years,
    field_before_at,
    governs,
    name_up_to,
    org_spans,
    terms,
    years_near,
)
from .stints import stints

START_VERBS = {"join", "name", "appoint", "promote", "become", "hire", "elect", "start",
               "begin", "found", "co-found", "cofound", "launch", "take", "announce", "select",
               "tap", "welcome", "recruit", "choose", "make"}

# Verbs of leaving a role, after which the organization is the one last named ('I stepped down
# as CEO', 'she retired as president in 2019').
END_VERBS = {"resign", "retire", "step", "leave"}

if TYPE_CHECKING:
    from . import SentenceReader


# Adjectives that describe a person, not a position ("a young buyer", "the former CEO").
NOT_TITLE_WORDS = {"former", "past", "current", "new", "then", "interim", "first", "young", "old",
                   "good", "great", "best", "only", "longtime", "veteran", "top", "successful",
                   "serial", "future", "next", "last", "acting", "previous", "retired",
                   "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth", "ninth",
                   "tenth",
                   # what news says of the person: 'the billionaire founder of X'
                   "billionaire", "millionaire", "famed", "legendary", "celebrated", "renowned",
                   "reclusive", "outspoken", "flamboyant", "embattled", "ousted", "beleaguered",
                   "influential", "powerful", "wealthy", "famous", "charismatic", "controversial"}


# Titles that, followed by "of <Org>", are a board seat rather than a job.
BOARD_TITLES = {"director", "independent director", "lead director", "trustee",
                "non-executive director", "outside director"}


# Words that point back to an organization named earlier ("the company", "its").
DEFINITE_ORG = re.compile(r"(?i)\b(the (company|firm|paper|bank|studio|startup|agency|"
                          r"business|hospital|group|network|newspaper|station)|its)\b")


# Titles of a company's officers: in a filing, one without an organization is the filer's.
OFFICER = re.compile(r"(?i)\b(chief|president|officer|treasurer|secretary|controller|"
                     r"general counsel|chair(?:man|woman|person)?)\b")


# Words right before a name that make it an employer: "joined Acme", "acquired Acme".
COMPANY_CONTEXT = {"at", "joined", "acquired", "co-founded", "founded", "cofounded", "led",
                   "leads", "ran", "runs", "sold", "launched", "started"}


# Titles whose 'of' names the organization, not a field: 'CEO of Open Ledger' (but 'Vice
# President of Network Operations', 'Head of Product').
HEADS_AN_ORG = re.compile(r"(?i)^(?:ceo|cfo|coo|cto|cio|cmo|cpo|chief executive officer|"
                          r"chief executive|founder|co-?founder|chairman|chairwoman|"
                          r"chairperson|owner)$")


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
        if j < span.sent.end and (doc[j].text == "-" and not doc[j - 1].whitespace_ or
                                  doc[j].text in ("'s", "’s")) or \
                tail.text[:1].islower() and any(t.text[:1].isupper() for t in tail):
            # a word cut at a hyphen ('CMO of e-tailer ModCloth.com'), a name ending in "'s"
            # ('COO of Brannigan's') or what kind of company a name is ('chief executive of
            # payments company Stripe'): not a field
            tail = doc[end + 1:end + 1]
            j = end + 1
        employer = doc[end].lower_ == "for" and tail.text[:1].isupper() and len(tail) <= 3 \
            and (j == span.sent.end or not doc[j].is_alpha)  # 'Engineer for Quillstrand.'
        if j > end + 1 and not employer and (
                doc[end + 1].text[:1].islower() or span.text[:1].isupper() and
                not ORG_HEAD.search(tail.text) and not HEADS_AN_ORG.match(span.text)):
            end = j
    while end + 2 < span.sent.end and doc[end].text == "-" and not doc[end - 1].whitespace_ \
            and doc[end + 1].is_alpha and (doc[end + 1].is_lower or doc[end - 1].lower_ in (
                "in", "at", "of") and doc[end - 2].text == "-"):
        end += 2  # 'editor-at-large', 'member-at-large', 'Executive-in-Residence'
    end = field_before_at(doc, end, span.sent.end)
    if end < span.sent.end and doc[end].text == "&" and end + 1 < span.sent.end:
        nxt = [s for s in terms(span.sent, "TITLE") if s.start == end + 1]
        if nxt:
            end = nxt[0].end
    return doc[start:end]


def _for_someone(title: Span) -> bool:
    """'a lawyer for the Australian government': the title says whom it is for, in words no
    organization's name matched, so it is not the organization last named."""
    doc = title.doc
    if title.end + 1 >= title.sent.end or doc[title.end].lower_ not in ("for", "at", "with"):
        return False
    whom = next((c for c in doc[title.end].children if c.dep_ == "pobj"), None)
    return whom is not None and whom.pos_ == "NOUN" and whom.text.islower() and \
        whom.ent_type_ not in ("DATE", "TIME")  # not 'for five years'


def _personal(title: Span, org: Span | None) -> bool:
    """A personal lawyer, assistant or trainer serves a person ('Ailes made him his personal
    lawyer', 'personal assistant to Ailes'): only an organization right after 'at' employs
    one ('a personal assistant at Goldman Sachs')."""
    if not any(t.lower_ == "personal" for t in title):
        return False
    doc = title.doc
    return org is None or org.start != title.end + 1 or doc[title.end].lower_ not in ("at",
                                                                                      "with")


def _idiom(title: Span) -> bool:
    """'I took the lead in that', 'she led the way': a title word in an idiom, no title."""
    return title.root.lower_ == "lead" and title.root.head.lemma_ in ("take", "follow")


BOARD_SUFFIX = re.compile(r"\s+Board(?: of (?:Directors|Trustees|Governors))?$")


def _indefinite(title: Span) -> bool:
    """'became a CEO': some company's, not the one last named ('joined as a site reliability
    engineer' still is)."""
    doc = title.doc
    return title.start > 0 and doc[title.start - 1].lower_ in ("a", "an") and not (
        title.start > 1 and doc[title.start - 2].lower_ == "as")


def _designation(title: Span) -> bool:
    """'Chief Executive Officer (Principal Executive Officer)' in a filing's signatures: the
    bracketed title names the capacity of the one before it, not another position."""
    doc = title.doc
    closing = next((t.i for t in doc[title.start:min(title.start + 6, len(doc))]
                    if t.text in ("(", ")")), None)
    return title.start >= 2 and doc[title.start - 1].text == "(" and closing is not None and \
        doc[closing].text == ")" and \
        any(t.end == title.start - 1 for t in terms(title.sent, "TITLE"))


def roles(item: Attributed, reader: SentenceReader) -> Iterator[Found]:
    sent = item.sent
    kin = _kin_tokens(sent)
    heads = [h for h in terms(sent, "TITLE") if allowed(item, h) and not _in_board_phrase(h)
             and h.root.i not in kin]
    titles = [t for t in _join_conjoined([title_span(h) for h in heads])
              if not _designation(t) and not _idiom(t)]
    apart = (_before_title(o, titles) for o in org_spans(sent) + places_as_orgs(sent))
    orgs = [o for o in apart if o is not None and not is_title_only(o, sent)
            and _named_org(o, item, reader)]
    orgs += [o for o in _joined(sent, reader)  # NER's 'person' joined as X (and so left
             if not any(x.start <= o.start < x.end for x in orgs)]  # out as someone else's)
    may_refer = bool(DEFINITE_ORG.search(sent.text)) or any(
        t.lemma_ in START_VERBS | END_VERBS for t in sent)
    found: list[Found] = []
    for n, title in enumerate(titles):
        if not _held_by_target(title, titles, item, reader.forms) or _fellowship(title):
            continue
        org = _defined_org(title, reader.defined) or _role_org(title, orgs, sent)
        for_someone = _for_someone(title)
        if for_someone and org is not None and not org.start > title.end:
            continue  # 'joined Brindle Labs after years as a lawyer for the government'
        if _personal(title, org):
            continue  # 'his personal lawyer', 'the personal assistant to Ailes': a person's
        org_text = clean_org(org) if org is not None else reader.last_org if may_refer and \
            not _indefinite(title) and not for_someone and not _of_a_name(title) else None
        if (not org_text or not _may_employ(org_text, reader.lexicons)) and \
                "company" in reader.defined and OFFICER.search(title.text):
            org_text = "the Company"  # an officer in a filing: of the filer
        if org_text:  # 'the Mozilla Corporation Board': a job is at the corporation
            org_text = BOARD_SUFFIX.sub("", org_text) or org_text
        if not org_text or SCHOOL.search(org_text) and not _academic_title(title) or \
                not _may_employ(org_text, reader.lexicons):
            continue
        field, org_text = _function_of(org_text, reader.lexicons)
        seat = _board_seat(title, org, org_text, reader.lexicons)
        if seat is not None:
            yield Found("board", seat, "board-director-of")
            continue
        fields: dict[str, Any] = {"title": _tidy_title(title.text) + field, "org": org_text,
                                  "start": None, "end": None, "current": None}
        fields.update(_title_years(title, org, titles, n))
        fields.update(_after_years(title, fields))
        fields.update(_left_in(title, fields))
        if fields["current"] is None:
            fields["current"] = _is_current(title)
        found.extend(Found("role", {**fields, "title": part}, "role-sentence")
                     for part in split_founder(fields["title"]))
        for other in _and_at(org, orgs, titles) if org is not None else ():
            found.append(Found("role", {**fields, "org": clean_org(other), "start": None,
                                        "end": None}, "role-and-at"))
    yield from _chain_promotions(found)
    if not titles:  # 'held positions at Skype, McKinsey & Co, and the UNDP'
        yield from stints(item, orgs)
    yield from _founded(item, orgs)
    yield from _led_since(item, orgs, reader.last_org)
    yield from _heads(item, orgs, reader.forms)


def _function_of(org: str, lexicons: Lexicons) -> tuple[str, str]:
    """(', Corporate Development', 'Biogen, Inc') from 'Corporate Development of Biogen, Inc':
    a business function before 'of' is the title's field, the rest the employer."""
    match = re.match(r"(?P<field>[A-Z][\w&]*(?: [\w&]+){0,3}) of (?P<org>[A-Z].*)$", org)
    if match is None or match.group("field").lower() not in lexicons.business_functions:
        return "", org
    return f", {match.group('field')}", match.group("org")


def _of_a_name(title: Span) -> bool:
    """'Dean of Harvard University's Faculty of Arts and Sciences': the title says what it is
    of, so it does not borrow the organization named before, even when the rules did not
    read that name as an employer."""
    doc = title.doc
    at = title.end
    if at + 1 >= title.sent.end or doc[at].lower_ not in ("of", "at"):
        return False
    nxt = doc[at + 2] if doc[at + 1].lower_ == "the" and at + 2 < title.sent.end else doc[at + 1]
    return nxt.text[:1].isupper()


def _and_at(org: Span, orgs: list[Span], titles: list[Span]) -> list[Span]:
    """'was CFO at Helix Education, a provider of ..., and at the advertising exchange OpenX
    Technologies': the same title at a second organization, after 'and at' (a few words
    saying what kind of organization it is may come between), with no title between."""
    doc, sent = org.doc, org.sent
    if org.start == 0 or doc[org.start - 1].lower_ != "at":
        return []
    out = []
    for i in range(org.end, sent.end - 1):
        if any(t.start <= i < t.end for t in titles) or doc[i].pos_ == "VERB" and \
                doc[i].dep_ not in ("amod", "acl", "relcl"):
            break
        if doc[i].lower_ == "and" and doc[i + 1].lower_ == "at":
            nxt = next((o for o in orgs if i + 2 <= o.start <= i + 6), None)
            if nxt is not None and (nxt.start == i + 2 or _descriptor(doc[i + 2:nxt.start])):
                out.append(nxt)
    return out


def _named_org(org: Span, item: Attributed, reader: SentenceReader) -> bool:
    """An organization the sentence names that may employ: not someone else's words, not a
    person's name, capitalized ('the Brindle Foundation' is named), not a dictionary word."""
    return allowed(item, org) and not reader.is_person(org) and \
        clean_org(org)[:1].isupper() and not _common_word(org, reader.common)


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
            DEFINITE_ORG.fullmatch(det_phrase(obj)) else None
        if name:
            yield Found("role", {"title": None, "org": name, "start": int(since.group(1)),
                                 "end": None, "current": True}, "role-led-since")


HEAD_VERBS = {"lead", "run", "head", "oversee", "manage",
              "oversaw"}  # the lemma the model gives when it tags "oversaw" as present
# What one leads of an organization: 'oversaw the operation of Radio Tessaly'.
PARTS_LED = {"operation", "operations", "business", "unit", "division", "arm", "office"}


def _heads(item: Attributed, orgs: list[Span], forms: NameForms) -> Iterator[Found]:
    """'Dana Roe, who heads Pellham Media's streaming unit', 'she runs Tarn Capital', 'took
    the helm at Brixton Foods in 2019': the target leads a named organization (the object,
    the object's owner, or what the helm is of). The title 'Head' stands in for the one the
    pages may give; the merge joins it to a titled role there."""
    for tok in item.sent:
        if not item.allowed(tok):
            continue
        led = _led_thing(tok)
        if led is None:
            continue
        verb, things = led
        org = next((o for o in orgs for t in things if o.start <= t.i < o.end), None) or \
            _name_given(things[0], orgs)  # 'runs a small consultancy called Ferro Lane'
        if org is None or org.label_ == "EVENT" or EVENT_NAME.search(clean_org(org)) or \
                not _led_by_target(verb, item, forms):
            continue  # 'ran the Boston Marathon'
        now = verb.tag_ in ("VBZ", "VBP") and verb.lower_ not in ("ran", "led", "oversaw")
        fields = {"title": STAND_IN_TITLE, "org": clean_org(org), "start": None, "end": None,
                  "current": True if now else None}  # (the model tags 'oversaw' VBP at times)
        fields.update(years_near(item.sent.doc[verb.i:verb.right_edge.i + 1].text))
        yield Found("role", fields, "role-heads")


def _led_thing(tok: Token) -> tuple[Token, list[Token]] | None:
    """(the verb, what it leads: its object and the object's owner) for 'heads Pellham
    Media's streaming unit', 'runs Tarn Capital'; (the verb, what the helm is of or at) for
    'took the helm at Brixton Foods'."""
    if tok.lemma_ in HEAD_VERBS and tok.pos_ == "VERB":
        obj = _child(tok, "dobj")
        owner = _child(obj, "poss") if obj is not None else None
        if obj is not None and owner is None and obj.lemma_ in PARTS_LED:
            of = next((c for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"), None)
            owner = _child(of, "pobj") if of is not None else None
        return (tok, [t for t in (obj, owner) if t is not None]) if obj is not None else None
    if tok.lower_ == "helm" and tok.head.lemma_ in ("take", "at"):
        verb = tok.head if tok.head.pos_ in ("VERB", "AUX") else tok.head.head
        prep = next((c for t in (tok, tok.head) for c in t.children
                     if c.dep_ == "prep" and c.lower_ in ("of", "at")), None)
        obj = _child(prep, "pobj") if prep is not None else None
        return (verb, [obj]) if obj is not None else None
    return None


def _led_by_target(verb: Token, item: Attributed, forms: NameForms) -> bool:
    """The verb's subject is the target: named, 'who' after their name, or a pronoun that
    means them here."""
    subject = _child(verb, "nsubj")
    if subject is not None and subject.lower_ in ("who", "that") and verb.dep_ == "relcl":
        subject = verb.head
    if subject is None:
        return False
    if subject.pos_ == "PRON":
        return subject.lower_ in ("he", "she") and item.pronoun_target and \
            item.may_be_target(subject.lower_) or \
            subject.lower_ == "i" and item.target_speaks or \
            subject.lower_ == "you" and item.about == "target" and not item.target_speaks
            # the interviewer to the target: 'you oversaw the operation of Radio Free Europe'
    return _names_target(subject, forms)


def _chain_promotions(found: list[Found]) -> list[Found]:
    """'joined as analyst in 2006 and was promoted to director in 2011': the analyst years
    end when the director years start."""
    for earlier, later in zip(found, found[1:], strict=False):
        a, b = earlier.fields, later.fields
        if a["org"] == b["org"] and b.get("start") and not a.get("end") and \
                (a.get("start") or 0) <= b["start"]:
            a["end"], a["current"] = b["start"], False
    return found


def _joined(sent: Span, reader: SentenceReader) -> list[Span]:
    """'joined Abernathy Lowe as a first-year auditor': the name one joins as something is
    an organization (a firm is often named for people), whatever NER made of it; not the
    target's own name."""
    out = []
    for tok in sent:
        if tok.lemma_ != "join" or not any(c.dep_ == "prep" and c.lower_ == "as"
                                           for c in tok.children):
            continue
        obj = next((c for c in tok.children if c.dep_ == "dobj" and c.pos_ == "PROPN"), None)
        if obj is None or obj.ent_type_ not in ("PERSON", ""):
            continue
        span = name_up_to(obj)
        if classify_name(span.text, reader.forms) == "other":
            out.append(span)
    return out


def places_as_orgs(sent: Span) -> list[Span]:
    """NER often calls a one-word company a place or a person: 'CEO of Ledgerline',
    'joined Norrland', 'acquired Quillstack', 'Quillstack's CTO'."""
    return [e for e in ents(sent) if (e.label_ in ("GPE", "PERSON", "NORP") and len(e) == 1 or
                                     e.label_ in ("GPE", "EVENT", "LOC", "FAC") and len(e) <= 4)
            and company_context(e)]


def company_context(span: Span) -> bool:
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
    if after_kind_of_company(span):
        return True  # 'the venture firm Ferro Lane', 'the startup Quillcart'
    if span[-1].text in ("'s", "’s"):  # NER kept the possessive: "Tern Harbor's"
        return any(title_span(t).start == span.end for t in terms(sent, "TITLE"))
    return nxt in ("'s", "’s") and any(title_span(t).start == span.end + 1
                                       for t in terms(sent, "TITLE"))  # "Corvane's chief
    # executive"


def _kin_tokens(sent: Span) -> set[int]:
    """Tokens that describe a relative or colleague ('his wife, Nadia, a professor of ...')."""
    out: set[int] = set()
    for tok in sent:
        if tok.lower_ in RELATIVES and tok.dep_ != "attr" and not _business_partner(tok):
            out.update(t.i for t in tok.subtree)
    return out


def _business_partner(tok: Token) -> bool:
    """'founder and partner at DataMade': a partner whose is not said ('her partner') is a
    title, not a relative."""
    return tok.lower_ == "partner" and not any(c.dep_ == "poss" for c in tok.children)


# Common nouns that name an organization or a thing rather than a person ('the company is
# our largest customer'); 'the veteran is now chief executive' may well be the target.
THING_SUBJECTS = {"company", "firm", "business", "plant", "group", "bank", "fund", "platform",
                  "product", "app", "service", "brand", "organization", "organisation",
                  "agency", "startup", "store", "site", "network", "team", "partnership"}


# Words a board chair's title may carry besides the chair itself.
CHAIR_WORDS = {"chair", "chairman", "chairwoman", "chairperson", "inaugural", "founding",
               "former", "vice", "co", "-", "board"}


def _chairs(title: Span) -> bool:
    """'the inaugural chairperson', 'vice chair', not 'chairman and chief executive'."""
    words = [t.lower_ for t in title]
    return words[-1] in ("chair", "chairman", "chairwoman", "chairperson") and \
        all(w in CHAIR_WORDS for w in words)


def _board_seat(title: Span, org: Span | None, org_text: str,
                lexicons: Lexicons) -> dict[str, Any] | None:
    """'a director of X', 'the inaugural chairperson of the Node.js Foundation': a seat on X's
    board (the chairman of a firm may well run it: that stays a job)."""
    doc = title.doc
    if org is None or org.start > title.end + 2 or title.end >= len(doc) or \
            doc[title.end].lower_ != "of" or not (
            title.text.lower() in BOARD_TITLES or _chairs(title)):
        return None
    seat = board_fields(org_text, title.sent, None, lexicons)
    if title.text.lower() in BOARD_TITLES:
        return seat
    if seat["kind"] in ("corporate", "unknown"):
        return None
    return {**seat, "position": title.text.lower()}


def _fellowship(title: Span) -> bool:
    """'a Fellow of the American College of Physicians' is an honour, not a job."""
    doc = title.doc
    return title.text.lower() == "fellow" and title.end < len(doc) and \
        doc[title.end].lower_ == "of"


def _held_by_target(title: Span, titles: list[Span], item: Attributed,
                    forms: NameForms) -> bool:
    """Is the title said of the target, not of a company, a colleague or a name it is part
    of ('President Clinton')?"""
    if _part_of_a_name(title) or not _linked(title, titles, forms) or \
            _said_of_a_thing(title, forms):
        return False
    holder = clause_subject(title.root, 8)
    if holder is not None and holder.i < title.start and (
            _someone_else(holder, forms) or _another_name_is(title, forms)):
        return False  # 'Before Donald Trump became president, she ...': his title
    if not (item.first_person and item.target_speaks):
        return True
    # In the target's own words the holder is "I" or "we": 'The outgoing guy is the head of
    # Dartmouth, but I don't think ...' is about the guy.
    holder = clause_subject(title.root, 8)
    if holder is None or holder.lower_ in FIRST_PERSON or holder.lower_ == "we":
        return True
    return classify_name(_phrase(holder), forms) != "other"


def _another_name_is(title: Span, forms: NameForms) -> bool:
    """'Before [Trump] became president': a proper noun NER left untagged that 'is' or
    'became' the title, and is not the target's name, holds it."""
    root = title.root
    if root.dep_ not in ("attr", "oprd") or root.head.lemma_ not in ("be", "become"):
        return False
    subjects = [c for c in root.head.children if c.dep_ == "nsubj" and c.i < root.i]
    return any(s.text[:1].isupper() and s.is_alpha and s.pos_ in ("PROPN", "X") and
               s.ent_type_ not in ("ORG", "FAC", "GPE", "NORP") and
               classify_name(s.text, forms) == "other" and not _names_target(s, forms)
               for s in subjects)  # ('Mandel-Brehm': 'Brehm' ends the target's name)


def _before_title(org: Span, titles: list[Span]) -> Span | None:
    """An organization apart from the titles: NER's 'Mozilla's Chief Financial Officer' is
    the organization 'Mozilla's' before the title; one inside a title is none."""
    for title in titles:
        if title.start < org.end and org.start < title.end:
            doc = org.doc
            if org.start >= title.start and org.end > title.end + 1 and \
                    doc[title.end].lower_ in ("of", "at") and \
                    title.root.lower_ not in ("fellow", "fellows", "scholar") and \
                    ORG_HEAD.search(doc[title.end + 1:org.end].text) and \
                    (org.end >= org.sent.end or doc[org.end].lower_ not in ("at", ",")):
                return doc[title.end + 1:org.end]  # NER's 'CFO of Saltmarsh Holdings', not
                # 'VP of Global Ecommerce' (a field)
            if org.start >= title.start or title.root.lower_ in ("fellow", "fellows", "scholar"):
                return None  # 'an Omidyar Fellow' is a fellowship, not a job at Omidyar
            org = org.doc[org.start:title.start]
    return org


def _part_of_a_name(title: Span) -> bool:
    """'President Clinton': the title is in a person's name that goes on past it; a title
    alone that NER calls a person ('served as our Treasurer') is still a title."""
    return any(e.label_ == "PERSON" and (e.start < title.start or e.end > title.end)
               for e in title.doc.ents if e.start < title.end and title.start < e.end)


def _phrase(tok: Token) -> str:
    """The words a token heads ('the outgoing guy')."""
    return tok.doc[tok.left_edge.i:tok.right_edge.i + 1].text


def _said_of_a_thing(title: Span, forms: NameForms) -> bool:
    """'Corvale is our main packaging partner', 'the plant is the region's largest employer':
    the title is said of an organization or a thing, not of a person."""
    root = title.root
    if root.dep_ not in ("attr", "acomp"):
        return False
    subject = next((c for c in root.head.children if c.dep_ == "nsubj"), None)
    if subject is None or subject.pos_ == "PRON":
        return False
    if classify_name(_phrase(subject), forms) != "other":
        return False  # the target's name, whatever NER made of it
    if subject.pos_ == "PROPN":
        return subject.ent_type_ != "PERSON"  # a person: the attribution has judged who
    return subject.lower_ in THING_SUBJECTS


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


def _linked(title: Span, titles: list[Span], forms: NameForms) -> bool:
    """Is the title said of the sentence's subject ('is COO', 'named COO', 'as COO',
    'rose from analyst to director'), rather than of someone it merely mentions?"""
    root = title.root
    if root.dep_ in ("attr", "oprd", "acomp"):
        return True
    if any(c.dep_ == "appos" and _names_target(c, forms) for c in root.children):
        return True  # "Marlow Bank's chief financial officer, Dana Whitfield, said"
    if root.dep_ == "pobj":
        prep = root.head
        verb = prep.head
        if prep.lower_ == "of" and verb.lemma_ in ("role", "position", "post", "office", "job"):
            return True  # 'transitioned from the role of Chief Financial Officer'
        return prep.lower_ == "as" or prep.lower_ in ("from", "to") and verb.lemma_ in (
            "rise", "promote", "move", "advance", "go", "grow", "work", "transition", "shift",
            "return")
    if root.dep_ in ("dobj", "nsubjpass", "xcomp", "oprd") and root.head.lemma_ in START_VERBS:
        return True
    if root.dep_ == "ccomp" and root.head.lemma_ in START_VERBS and any(
            c.dep_ == "nsubj" and c.pos_ == "PRON" for c in root.children):
        return True  # 'he made himself CEO', 'they named her chair': the parser makes the
        # object the title's subject
    if root.dep_ in ("appos", "conj") and _listed_after(title, titles, forms):
        return True
    if root.dep_ == "appos" and _names_target(root.head, forms):
        return True  # whatever NER made of the name
    if root.dep_ == "appos":
        return root.head.pos_ in ("PROPN", "PRON") and root.head.ent_type_ not in (
            "ORG", "FAC", "GPE") and not ORG_HEAD.search(root.head.text) and \
            not _someone_else(root.head, forms)  # "We met Scott, the CEO of Meetup"
    if root.dep_ == "conj" and root.head.lemma_ == "be" and any(
            c.dep_ == "attr" for c in root.head.children):
        return True  # 'He is founder of X, a firm, and co-founder of Y': the parser hangs
        # the second title on the verb
    if root.dep_ == "conj":
        return any(t.start <= root.head.i < t.end and _linked(t, titles, forms)
                   for t in titles if t != title)
    if root.dep_ in ("ROOT", "npadvmod") and not any(t.pos_ in ("VERB", "AUX") for t in
                                                     title.sent):
        return True
    # "Halvorsen CEO Maria Okafor"; not "Executive Officers" nor "President Clinton"
    return root.dep_ == "compound" and root.head.pos_ == "PROPN" and (
        root.head.ent_type_ == "PERSON" or root.head.ent_type_ == "" and
        classify_name(root.head.text, forms) != "other") and not _someone_else(root.head, forms)


def _listed_after(title: Span, titles: list[Span], forms: NameForms) -> bool:
    """'she was head of X at PayPal, CTO of Y, and senior director of Z for Intel': the parser
    hangs each later position somewhere in the clause of the one before; they share its
    subject. 'CEO of Saltmarsh, a developer of tidal projects' describes the company."""
    head = title.root.head
    if title.root.dep_ == "appos" and any(c.dep_ == "det" and c.lower_ in ("a", "an")
                                          for c in title.root.children) and \
            not _employed_by_name(title.root):
        return False
    for other in titles:
        if other.start >= title.start or head.i < other.start:
            continue
        anchor = other.root.head if other.root.dep_ in ("attr", "oprd", "acomp", "pobj") \
            else other.root
        if governs(anchor, head, steps=12) and _linked(other, titles, forms):
            return True
    return False


def _employed_by_name(tok: Token) -> bool:
    """'a management consultant with McKinsey & Company': a title with its own employer is a
    job in the list, not what kind of company the name before it is ('a developer of tidal
    projects with ...' still is)."""
    preps = [c for c in tok.children if c.dep_ == "prep"]
    return not any(c.lower_ == "of" for c in preps) and any(
        c.lower_ in ("with", "at") and any(g.dep_ == "pobj" and g.pos_ == "PROPN"
                                           for g in c.children) for c in preps)


def _someone_else(tok: Token, forms: NameForms) -> bool:
    """A person's name that is not the target's ('Scott', 'Bill Clinton')."""
    if tok.pos_ != "PROPN" or tok.ent_type_ != "PERSON":
        return False
    doc = tok.doc
    name = next((e for e in doc.ents if e.start <= tok.i < e.end), doc[tok.i:tok.i + 1])
    return classify_name(name.text, forms) == "other"


def _founded(item: Attributed, orgs: list[Span]) -> Iterator[Found]:
    """'co-founded Tidepool Audio in 2015' -> a co-founder role."""
    for tok in item.sent:
        low = tok.lower_
        if low not in ("founded", "co-founded", "cofounded", "co", "started", "launched",
                       "created") or not item.allowed(tok):
            continue
        if low == "co" and not (tok.i + 2 < len(tok.doc) and tok.doc[tok.i + 2].lower_ ==
                                "founded"):
            continue
        if low == "founded" and tok.i >= 2 and tok.doc[tok.i - 2].lower_ == "co":
            continue  # already read as "co - founded"
        verb_end = tok.i + (3 if low == "co" else 1)
        after = [o for o in orgs if verb_end <= o.start <= verb_end + 1
                 and tok.doc[o.start - 1].lower_ != "with"]  # "co-founded with <a person>"
        if not after:  # 'started another company called Blue Lava Wireless'
            named = _name_given(_child(tok, "dobj"), orgs)
            after = [named] if named is not None else []
        if low in ("started", "launched", "created") and not (after and (
                FOUNDED_THING.search(tok.sent.text) or ORG_HEAD.search(after[0].text) or
                BODY_NAME.search(after[0].text))):
            continue  # 'started the Blue Planet Foundation', not 'started a blog'
        verb = tok.doc[verb_end - 1]
        if not after and "relcl" in (tok.dep_, verb.dep_, tok.head.dep_):
            head = governing_org(tok.doc[tok.i:tok.i + 1], orgs)  # "X, the company I founded"
            after = [head] if head is not None else []
        if not after or _is_passive_founding(tok):
            continue
        co = low.startswith("co") or any(w.lower_ in ("with", "alongside") for w in
                                         tok.doc[verb_end:min(len(tok.doc), verb_end + 8)])
        fields: dict[str, Any] = {"title": "Co-founder" if co else "Founder",
                                  "org": clean_org(after[0]),
                  "start": None, "end": None, "current": None}
        near = years_near(tok.doc[tok.i:min(tok.sent.end, after[0].end + 4)].text)
        years = set(YEAR.findall(" ".join(t.text for t in tok.sent if not _aside(t, tok))))
        fields["start"] = near.get("start") or (int(years.pop()) if len(years) == 1 else None)
        yield Found("role", fields, "role-founded")
        for also in _and_founded(after[0], orgs):  # 'co-founded Quayside Labs and Harbor Pay'
            yield Found("role", {**fields, "org": clean_org(also), "start": None},
                        "role-founded")


def _and_founded(org: Span, orgs: list[Span]) -> list[Span]:
    """The organizations listed right after the first one founded ('A, B and C')."""
    doc, out, end = org.doc, [], org.end
    for other in sorted((o for o in orgs if o.start >= org.end), key=lambda o: o.start):
        between = [t.lower_ for t in doc[end:other.start]]
        if not between or not set(between) <= {",", "and", "&"} or len(between) > 2:
            break
        out.append(other)
        end = other.end
    return out


def _aside(tok: Token, verb: Token) -> bool:
    """Is tok in a clause or phrase about something else than the verb's act ('Tessaly, a
    startup we sold in 2012': the sale's year is not the founding's)?"""
    node = tok
    while node.head.i != node.i:
        if node.dep_ in ("relcl", "acl", "appos") and not any(
                t.i == verb.i for t in node.subtree):
            return True
        node = node.head
    return False


# What a founding verb of many senses ('started', 'launched', 'created') must be about.
FOUNDED_THING = re.compile(r"(?i)\b(company|studio|firm|startup|business|nonprofit|charity|"
                           r"organization|foundation|agency)\b")
BODY_NAME = re.compile(r"\b(Foundation|Fund|Institute|Trust|Society|Association|Alliance|"
                       r"Coalition|Council|Collective)\b")


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


def is_title_only(org: Span, sent: Span) -> bool:
    """'VP of Engineering' and 'Chief Executive' are positions, not organizations."""
    overlap = any(t.start < org.end and org.start < t.end for t in terms(sent, "TITLE"))
    return overlap and not ORG_HEAD.search(org.text) or \
        bool(re.fullmatch(r"(?i)(chief|vice|senior|president|director)\b.*", org.text)) and \
        not re.search(r"\b(of|&)\b", org.text)


def _in_board_phrase(head: Span) -> bool:
    """'treasurer of the board', 'joined the board and became treasurer': a seat, which the
    board rule reads; 'our Treasurer ... and a member of our board' in a filing is an officer
    of the company and a seat."""
    low = head.sent.text.lower()
    if head.text.lower() not in ("chair", "chairman", "chairwoman", "director", "trustee",
                                 "treasurer", "secretary", "member") or not (
            "board" in low or "trustee" in low):
        return False
    doc = head.doc
    after = doc[head.end:min(head.sent.end, head.end + 3)]
    if len(after) >= 2 and after[0].lower_ == "of" and not any(
            t.lower_ in ("board", "trustees", "directors") for t in after[1:]):
        return False  # 'the Chairman of the Oslo Philharmonic Orchestra, ... and serves on the
        # board of X': her title of the orchestra, the board is another's
    return not any(c.dep_ == "poss" and c.lower_ in ("our", "its") for c in head.root.children)


DEGREE_NAME = re.compile(r"(?i)(master|bachelor|doctor|associate)s?\b.*\b(of|in)\b|"
                         r"(mba|bsba|phd|ba|bs|ma|ms|jd|md)\b")


FOUNDER_AND = re.compile(r"(?i)^((?:co-?)?founder)\s+(?:and|&)\s+(.+)$|^(.+?)\s+(?:and|&)\s+"
                         r"((?:co-?)?founder)$")


def split_founder(title: str) -> list[str]:
    """'Co-founder and CEO' is two roles (the eval's convention); 'President and CEO' one."""
    match = FOUNDER_AND.match(title or "")
    if not match:
        return [title]
    parts = [p[:1].upper() + p[1:] for p in match.groups() if p]
    return parts if len(parts) == 2 else [title]


def _common_word(org: Span, common: frozenset[str]) -> bool:
    """'Federal', 'Mayor', 'Speaker', 'Officers': one dictionary word that NER did not call an
    organization is a word of the sentence, not an employer. Nationalities are never one."""
    words = [t for t in org if t.is_alpha and t.pos_ != "CCONJ"]
    if org.label_ == "NORP" or any(t.ent_type_ == "NORP" for t in words) and all(
            t.ent_type_ in ("NORP", "GPE", "LOC") for t in words):
        return True  # 'Choctaw and Chickasaw' is a heritage, not an employer
    return len(org) == 1 and org.label_ not in ("ORG", "FAC") and org.text.lower() in common \
        and not _title_at(org)


def _title_at(org: Span) -> bool:
    """'an engineer at Sun', 'vice president of product at Square': a word after a title and
    'at' is where the title is held, even a word of the dictionary; so is one after 'at' that
    ends in an "'s" owning nothing ('SVP of Retail and Planning for the Dockers brand at
    Levi's.')."""
    doc = org.doc
    if org.start < 2 or doc[org.start - 1].lower_ != "at":
        return False
    brand = org.end + 1 < len(doc) and doc[org.end].text in ("'s", "’s") and (
        not doc[org.end + 1].is_alpha)  # "at Levi's.": a store's name, owning nothing
    return brand or any(t.end == org.start - 1 for t in terms(org.sent, "TITLE"))


# A company known by its initials: 'IBM', 'AMD', 'GE', 'S3', '3M'.
ACRONYM = re.compile(r"(?=.*[A-Z])[A-Z0-9&]{2,3}")
# A three-letter name ('evangelist for Sun', 'engineer at Box'), not a cut or function word.
SHORT_NAME = re.compile(r"[A-Z][a-z]{2}")
SHORT_WORDS = {"the", "and", "inc", "ltd", "llc", "for", "its", "our", "her", "his", "who",
               "she", "him", "was", "has", "had", "are", "but", "not", "all", "new", "one"}


# First words of committees that are organizations of their own ('the Democratic National
# Committee', 'the International Olympic Committee'), unlike a board's ('Audit Committee').
NAMED_COMMITTEES = {"national", "international", "democratic", "republican", "olympic",
                    "paralympic", "world", "european", "american", "united", "federal",
                    "congressional", "joint", "state"}


def _may_employ(org: str, lexicons: Lexicons) -> bool:
    """Not a plan, rule or table ('Deferral Plan', 'FASB ASC Topic 718'), nor a cut word."""
    words = re.sub(r"[\d.,;:()]+", " ", org).lower().split()
    return bool(words) and (len(org) > 3 or ACRONYM.fullmatch(org) is not None or
                            SHORT_NAME.fullmatch(org) is not None and
                            org.lower() not in SHORT_WORDS) and \
        words[-1] not in lexicons.not_org_heads and \
        (words[-1] != "committee" or words[0] in NAMED_COMMITTEES) and \
        not DEGREE_NAME.match(org) and \
        not org.startswith(("“", '"')) and \
        not re.fullmatch(r"(?:the )?board(?: of (?:directors|trustees|governors))?", " ".join(
            words))  # a board or its committee appoints, it does not employ


def _ends_sentence(tok: Token, inside: bool) -> bool:
    """'SpaceX.' ends a sentence the parser did not split ('... for SpaceX. Born and ...');
    an initial ('J.') does not."""
    return inside and tok.text.endswith(".") and len(tok.text) > 3


def _at_org(title: Span, sent: Span) -> Span | None:
    """'VP of Platform Engineering at CircleCI', 'Software Engineer for SpaceX.': the
    capitalized words right after 'at' (or 'for', ending the clause) name the employer,
    whether or not NER found them."""
    doc = sent.doc
    start = title.end + 1
    if title.end >= sent.end - 1 or doc[title.end].lower_ not in ("at", "for") or \
            not doc[start].text[:1].isupper() or \
            doc[start].ent_type_ in ("PERSON", "DATE", "GPE", "LOC", "NORP", "TIME"):
        return None
    end = start
    while end < sent.end and not _ends_sentence(doc[end - 1], end > start) and (
            doc[end].text[:1].isupper() or doc[end].text == "&" or doc[end].lower_ == "of" and
            end + 1 < sent.end and doc[end + 1].text[:1].isupper()):
        end += 1
    if end == start or doc[title.end].lower_ == "for" and (
            end - start > 3 or end < sent.end and doc[end].is_alpha and
            not _ends_sentence(doc[end - 1], True)):
        return None  # 'Vice President for Academic Affairs at ...': a field, not an employer
    return doc[start:end]


def _defined_org(title: Span, defined: frozenset[str]) -> Span | None:
    """'Chief Financial Officer of the Company' in a filing that defined 'the Company': the
    defined term (the facts stage puts the name it stands for in its place)."""
    doc, end = title.doc, title.end
    if end + 2 >= len(doc) or doc[end].lower_ not in ("of", "at", "for") or \
            doc[end + 1].lower_ != "the":
        return None
    term = doc[end + 2]
    return doc[end + 1:end + 3] if term.text[:1].isupper() and fold(term.text) in defined \
        else None


def _role_org(title: Span, orgs: list[Span], sent: Span) -> Span | None:
    if _of_a_place(title, orgs):
        return None  # 'president of the United States' is no job at the magazine named before
    at = _at_org(title, sent)
    if at is not None and not any(o.start <= at.start < o.end for o in orgs):
        return at
    orgs = [o for o in orgs if not _names_a_doer(o)]
    if not orgs:
        return None
    doc = sent.doc
    called = _called(title, orgs)
    if called is not None:
        return called
    after = [o for o in orgs if o.start >= title.end]
    if after and after[0].start - title.end <= 2 and doc[title.end].lower_ in (
            "of", "at", "for", "with", ",", "in"):
        return after[0]
    if after and doc[title.end].lower_ in ("of", "at") and \
            _descriptor(doc[title.end + 1:after[0].start]):
        return after[0]  # 'CMO of e-tailer ModCloth.com', 'CEO of payments company Stripe'
    before = [o for o in orgs if o.end <= title.start]
    if before and _possessive_of(before[-1], title):
        return before[-1]  # "Quillstack's CTO"
    governing = governing_org(title, orgs)
    if governing is not None:
        return governing
    if _bracketed(title):  # 'Isabel Drost-Fromm (President), Daniel Izquierdo Cortazar (Vice
        orgs = before  # President), ...': what follows is the next name of the list
        if not orgs:
            return None
    holder = clause_subject(title.root, 8)
    if holder is not None and holder.i < title.start:
        orgs = [o for o in orgs if not _another_clause(o, holder)]
        if not orgs:
            return None
    return min(orgs, key=lambda o: min(abs(o.start - title.end), abs(title.start - o.end)))


def _another_clause(org: Span, holder: Token) -> bool:
    """'filed with the Securities and Exchange Commission on February 24, 2023, (i) Gary S.
    Shedlin transitioned from the role of Chief Financial Officer': an organization before an
    enumeration mark and the title's own subject is another item's ('At Brindle Labs, she
    was CEO', 'Brindle Labs hired her, and she was CFO there' are hers)."""
    if org.end > holder.i:
        return False
    return any(t.text == ")" for t in org.doc[org.end:holder.left_edge.i])


def _bracketed(title: Span) -> bool:
    doc = title.doc
    return title.start > 0 and doc[title.start - 1].text == "(" and title.end < len(doc) and \
        doc[title.end].text == ")"


def _of_a_place(title: Span, orgs: list[Span]) -> bool:
    """'president of the United States', 'governor of Ohio': a title of a place (which is no
    employer here), unless the place starts an organization's name ('of New York Life')."""
    doc = title.doc
    if title.end + 1 >= len(doc) or doc[title.end].lower_ != "of":
        return False
    at = title.end + 1 + (doc[title.end + 1].lower_ == "the")
    return at < len(doc) and doc[at].ent_type_ in ("GPE", "LOC") and \
        doc[title.end + 1].ent_iob_ == "B" and not any(o.start <= at < o.end for o in orgs)


def _called(title: Span, orgs: list[Span]) -> Span | None:
    """'a Ruby developer with a Wikipedia search engine called Powerset': the organization
    is the name given to the thing the title works for, not a word describing that thing."""
    doc = title.doc
    if title.end >= title.sent.end or doc[title.end].lower_ not in ("of", "at", "with", "for"):
        return None
    return _name_given(_child(doc[title.end], "pobj"), orgs)


def _child(tok: Token, dep: str) -> Token | None:
    return next((c for c in tok.children if c.dep_ == dep), None)


def _name_given(thing: Token | None, orgs: list[Span]) -> Span | None:
    """The name a thing is called or named ('a company called Blue Lava Wireless'): one of
    the organizations, or the proper noun NER called a place or nothing."""
    naming = [c for c in thing.children if c.dep_ == "acl" and c.lemma_ in ("call", "name")] \
        if thing is not None else []
    for verb in naming:
        named = next((c for c in verb.children if c.dep_ in ("oprd", "dobj", "attr")), None)
        if named is None or not named.text[:1].isupper():
            continue
        found = next((o for o in orgs if o.start <= named.i < o.end), None)
        if found is None and named.pos_ == "PROPN":
            start = min([named.i, *(c.i for c in named.children if c.dep_ == "compound")])
            found = named.doc[start:named.i + 1]
        if found is not None:
            return found
    return None


def _names_a_doer(org: Span) -> bool:
    """'CEO of the company Jobs co-founded': a name right after a noun and right before its
    verb is the subject of a clause about the noun, not the noun's name."""
    doc = org.doc
    if org.start == 0 or org.end >= len(doc) or doc[org.start - 1].pos_ != "NOUN":
        return False
    nxt = doc[org.end]
    return nxt.pos_ in ("VERB", "AUX") and nxt.tag_ in ("VBD", "VBZ", "VBP") or \
        nxt.lower_ == "co" and org.end + 1 < len(doc) and doc[org.end + 1].text == "-"


def _descriptor(words: Span) -> bool:
    """A few lower-case words saying what kind of organization the name after them is
    ('e-tailer', 'software maker', 'the payments company')."""
    body = [t for t in words if t.text != "-"]
    return 0 < len(body) <= 4 and all(
        t.text[:1].islower() and (t.pos_ in ("NOUN", "ADJ", "PROPN") or
                                  t.i == words.start and t.lower_ == "the") for t in body) \
        and body[-1].pos_ in ("NOUN", "PROPN")


def det_phrase(tok: Token) -> str:
    det = next((c.lower_ for c in tok.children if c.dep_ in ("det", "poss")), "")
    return f"{det} {tok.lower_}".strip()


def _possessive_of(org: Span, title: Span) -> bool:
    doc = org.doc
    if org.end >= title.start - 1 and doc[org.end - 1].text in ("'s", "’s"):
        return True
    return org.end < len(doc) and doc[org.end].text in ("'s", "’s") and \
        org.end + 3 >= title.start


# Verbs by which an organization gives someone a title: its subject is the employer.
APPOINTERS = {"announce", "name", "appoint", "hire", "select", "elect", "promote", "tap",
              "welcome", "recruit", "choose"}


def governing_org(title: Span, orgs: list[Span]) -> Span | None:
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
            subject = next((c for c in tok.children if c.dep_ == "nsubj"), None)
            if tok.lemma_ in APPOINTERS and subject is not None and org_of(subject) is not None:
                return org_of(subject)  # 'The X Foundation (ISC), ..., announced her as ED'
            for child in tok.children:
                if child.dep_ in ("dobj", "attr") and org_of(child) is None and \
                        DEFINITE_ORG.fullmatch(det_phrase(child)):
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
    root = title.root
    if root.dep_ == "appos":  # 'Jane Roe, a former Acme banker, started Ferro in 2015'
        return years_near(doc[root.left_edge.i:root.right_edge.i + 1].text)
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


# Verbs of leaving a post, whose year is when it ended: 'stepped down as CEO in 2019', 'was
# ousted as chief executive in 2017'.
LEFT_VERBS = END_VERBS | {"oust", "depart", "fire", "remove", "quit"}


def _left_in(title: Span, fields: dict[str, Any]) -> dict[str, Any]:
    """A lone year of a title the target left is the year it ended."""
    root = title.root
    if root.dep_ != "pobj" or root.head.lower_ != "as" or fields.get("end") or \
            not fields.get("start") or root.head.head.lemma_ not in LEFT_VERBS:
        return {}
    return {"start": None, "end": fields["start"], "current": False}


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
    not whether it goes on; 'Jane Roe, CFO of X, said' describes her now; 'a former Acme
    banker', 'ex-CEO' was."""
    root = title.root
    doc = title.doc
    if any(t.lower_ in FORMER for t in doc[root.left_edge.i:title.start]) or \
            re.search(r"(?i)\bex\s*-$", doc[max(0, title.start - 2):title.start].text):
        return False
    head = title.root.head
    if title.root.dep_ == "appos" and head.ent_type_ not in ("ORG", "FAC", "GPE") and \
            not _in_a_title(head):
        return True  # not 'head of X at PayPal, CTO of Y': a list keeps the first's tense
    if title.root.dep_ == "compound" and not _in_a_title(head) or any(
            c.dep_ == "appos" and c.pos_ == "PROPN" for c in title.root.children):
        return True  # 'Orbis CEO Dana Roe said', "Orbis's CEO, Dana Roe, said": a label of now
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


def _in_a_title(tok: Token) -> bool:
    """'General' of 'Director General': the word a title's words hang on is a title too."""
    if tok.ent_type_ == "PERSON":
        return False
    return any(title_span(t).root.i == tok.i or title_span(t).root.head.i == tok.i and
               title_span(t).root.dep_ == "compound" for t in terms(tok.sent, "TITLE"))


# Words before a title that say it was held and is no longer.
FORMER = {"former", "ex", "ex-", "onetime", "one-time", "erstwhile", "then", "previous",
          "retired", "late", "past"}


def _tidy_title(text: str) -> str:
    text = re.sub(r"^(?:a|an|the|its|our|his|her|their)\s+", "", text.strip(" ,."), flags=re.I)
    return text[:1].upper() + text[1:]


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
    if not org.strip()[:1].isupper():  # "Director, various start-up companies"
        return
    if DESIGNATION.search(org):  # '| Director | Affiliated Stockholder |': who they are
        return
    if _holds_a_person(title, parsed):  # "| Juan Enriquez, Chair | Douglas G. Del Grosso |"
        return  # is who chairs what, in a table of people: not a title at an employer
    fields: dict[str, Any] = {"title": title.strip(), "org": org.strip(), "start": None,
                              "end": None, "current": None}
    fields.update(years)
    if fields["current"] is None:
        fields["current"] = False if fields.get("end") else None
    yield Found("role", fields, "career-row")


# A row's last cell that says what a person is, not where they work.
DESIGNATION = re.compile(r"(?i)\b(stockholders?|shareholders?|nominees?|designees?|holders?|"
                         r"independent|non-executive|affiliated|employees?|members?)$")


def _holds_a_person(cell: str, parsed: Doc) -> bool:
    """Does a row's title cell hold a person's full name? A career row names a job, not who
    held it; a row that names people is a table of people (a committee's members)."""
    titles = terms(parsed, "TITLE")
    return any(ent.label_ == "PERSON" and len(ent) >= 2 and ent.text in cell and
               not any(t.start < ent.end and ent.start < t.end for t in titles)
               for ent in parsed.ents)


# What an organization is when the target is the agent of its verb: 'LVMH, the conglomerate
# led by Bernard Arnault', 'Acme, which was founded by Jane Roe in 2009'.
AGENT_TITLES = {"lead": STAND_IN_TITLE, "run": STAND_IN_TITLE, "head": STAND_IN_TITLE,
                "found": "Founder", "co-found": "Co-founder", "cofound": "Co-founder",
                "start": "Founder", "launch": "Founder", "create": "Founder"}


def led_by(item: Attributed, reader: SentenceReader) -> Iterator[Found]:
    """Roles the target holds as the agent of a passive verb whose subject, or the noun it
    describes, is an organization: said of the organization, whoever the sentence is about."""
    sent = item.sent
    if " by " not in sent.text:
        return
    orgs = [o for o in org_spans(sent) if _named_org(o, item, reader)]
    for tok in sent:
        if tok.dep_ != "agent" or not item.allowed(tok):
            continue
        verb = tok.head
        lemma = verb.lemma_.lower()
        if verb.lower_.startswith("co") and "found" in verb.lower_ or lemma == "found" and \
                verb.i >= 2 and verb.doc[verb.i - 2].lower_ == "co":
            lemma = "co-found"
        title = AGENT_TITLES.get(lemma)
        agent = next((c for c in tok.children if c.dep_ == "pobj"), None)
        named = [agent, *(c for c in agent.children if c.dep_ == "appos")] if agent else []
        if title is None or not any(_names_target(n, reader.forms) for n in named):
            continue  # 'led by French billionaire Jane Roe': the name may be the apposition
        org = _agent_org(verb, orgs)
        if org is None:
            continue
        years = re.search(r"\b(?:in|since)\s+((?:19|20)\d\d)\b",
                          sent.doc[verb.i:verb.right_edge.i + 1].text)
        start = int(years.group(1)) if years else None
        yield Found("role", {"title": title, "org": clean_org(org), "start": start, "end": None,
                             "current": True if title == STAND_IN_TITLE else None}, "role-agent")


def _just_before(i: int, orgs: list[Span]) -> Span | None:
    """The organization a noun phrase at i stands beside: 'LVMH (LVMHF), the conglomerate'
    (only a comma and a bracketed short name between them), whatever the parse made of it."""
    before = [o for o in orgs if o.end <= i]
    if not before:
        return None
    org, doc = before[-1], before[-1].doc
    between = doc[org.end:i]
    inside = False
    for tok in between:
        inside = tok.text == "(" or inside and tok.text != ")"
        if not (tok.is_punct or inside):
            return None
    if not (between and between[-1].text == ","):
        return None
    if org.start > 0 and doc[org.start - 1].text == "(":  # 'LVMH (LVMHF)': the name, not
        named = [o for o in before if o.end == org.start - 1]  # its ticker
        return named[-1] if named else org
    return org


def _names_target(tok: Token, forms: NameForms) -> bool:
    """Whether the name a token ends is the target's ('French billionaire Bernard Arnault')."""
    doc, start = tok.doc, tok.i
    while start > tok.left_edge.i and (doc[start - 1].pos_ == "PROPN" or
                                       doc[start - 1].text in ("-", ".")):
        start -= 1
    return tok.pos_ == "PROPN" and \
        classify_name(doc[start:tok.i + 1].text, forms) in ("target", "surname")


def _agent_org(verb: Token, orgs: list[Span]) -> Span | None:
    """The organization a passive verb is said of: its subject ('Acme was founded by'), the
    noun it describes ('the conglomerate led by') or what that noun is in apposition to."""
    def org_at(tok: Token) -> Span | None:
        return next((o for o in orgs if o.start <= tok.i < o.end), None)

    if verb.dep_ == "acl":
        noun = verb.head
        return org_at(noun) or (org_at(noun.head) if noun.dep_ == "appos" else None) or \
            _just_before(noun.left_edge.i, orgs)
    subject = next((c for c in verb.children if c.dep_ == "nsubjpass"), None)
    if subject is None:
        return None
    if subject.lower_ in ("which", "that") and verb.dep_ == "relcl":
        return org_at(verb.head)
    return org_at(subject)
