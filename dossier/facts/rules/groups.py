"""Associations (members, officers, clubs) and causes (charities and their involvement)."""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Span, Token

from ...lexicons import Lexicons
from ...names import NameForms, classify_name
from ..mentions import (
    ORG_HEAD,
    Attributed,
)
from .spans import (
    SCHOOL,
    Found,
    allowed,
    clause_subject,
    clean_org,
    field_before_at,
    governs,
    has_word,
    name_up_to,
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
        if not allowed(item, org) or name in skip:
            continue
        cue = next((c for c in cues if governs(c, org.root)), None)
        if EDUCATION_ONLY.search(name) and not has_word(name, ["club", "society", "association"]) \
                and not (cue is not None and _member_of(cue, org)):
            continue  # a school, but 'a member of the American Academy of Arts and Sciences'
        if cue is None and CLUB.search(name) and _done_with(org.root):
            cue = org.root.head  # "rowing with the Eastgate Rowing Club since 2012"
        club = _club_noun(org)
        if cue is None and club is not None and _done_with(club):
            # "I've ridden with the Lakefront Wheelers cycling club since 2014"
            yield Found("association", {"org": name, "position": "member"}, "association-club")
            continue
        head = re.split(r"\s+(?:on|for)\s+", name)[0]  # not 'Panel on Women's ...'
        if cue is not None and (has_word(head, lexicons.association_words) or
                                _member_of(cue, org)):
            window = sent.doc[max(sent.start, cue.i - 2):cue.i + 1].text.lower()
            position = next((p for p in POSITIONS if p in window), "member")
            yield Found("association", {"org": name, "position": position}, "association")


# What 'a member of' names that is no association: a board, a company's team, a committee.
NOT_AN_ASSOCIATION = re.compile(r"(?i)\b(board|boards|committee|team|staff|faculty|"
                                r"management|leadership|congress|parliament|senate|house|"
                                r"cabinet|family|class|panel|council|commission)\b")


def _member_of(cue: Token, org: Span) -> bool:
    """'As a member of World50 and YPO', 'a member of the American Academy of Arts and
    Sciences': the organizations right after 'member of' (and those conjoined to them) are
    ones the target belongs to, unless they are a board, a team or a company."""
    if cue.lower_ not in ("member", "members"):
        return False
    of = next((c for c in cue.children if c.dep_ == "prep" and c.lower_ == "of"), None)
    if of is None:
        return False
    objects = [g for g in of.children if g.dep_ == "pobj"]
    objects += [c for g in objects for c in g.conjuncts]
    return any(org.start <= g.i < org.end for g in objects) and \
        not NOT_AN_ASSOCIATION.search(org.text) and not ORG_HEAD.search(org.text) and \
        org.label_ not in ("GPE", "PERSON", "NORP", "DATE")


def _title_fields(sent: Span) -> list[tuple[int, int]]:
    """Token ranges that are a title's field: the words between 'of' and 'at <employer>'."""
    out = []
    for title in terms(sent, "TITLE"):
        end = field_before_at(sent.doc, title.end, sent.end)
        if end > title.end:
            out.append((title.end, end))
    return out


def cause(item: Attributed, lexicons: Lexicons, forms: NameForms | None = None
          ) -> Iterator[Found]:
    sent = item.sent
    triggers = [t for t in terms(sent, "CAUSE") if not _not_for_charity(t)]
    for org in org_spans(sent):
        name = clean_org(org)
        if not allowed(item, org) or SCHOOL.search(name) or forms is not None and \
                _given_by_another(org, forms):
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


def _given_by_another(org: Span, forms: NameForms) -> bool:
    """'The Kestrel Foundation gave $1 million to the Tessaly Food Bank': the clause has a
    subject, and it is not the target; where it is the charity itself, the charity gives."""
    subject = clause_subject(org.root, 4)
    if subject is None:
        return False
    name = name_up_to(subject).text
    if org.start <= subject.i < org.end:  # 'X's gala raises $1 million' is for X
        return subject.head.lemma_ in GIFT_VERBS
    return subject.lower_ in GIVING_BODIES or \
        subject.ent_type_ == "ORG" and classify_name(name, forms) == "other"


# What gives, when it is not a person: 'the foundation gave', 'it donated'.
GIVING_BODIES = {"it", "foundation", "company", "firm", "fund", "charity", "organization",
                 "organisation", "trust", "bank", "corporation", "group"}


# Verbs of giving money; nouns of one who gives it.
GIFT_VERBS = {"give", "donate", "pledge", "contribute", "bequeath", "gift"}
DONOR_NOUNS = {"donor", "benefactor", "patron", "philanthropist"}


def gifts(item: Attributed, forms: NameForms) -> Iterator[Found]:
    """Money the target gives to a named body ('gave $5 million to the Lakeshore Orchestra',
    'pledged $50 million to Brantley University', 'a major donor to the Arts Council'): a
    cause, a school included. Not a thing given ('donated the painting to the museum'
    names no sum), nor a body that gives ('the foundation gave $1 million to X')."""
    for org in org_spans(item.sent):
        prep = org.root.head
        if org.root.dep_ != "pobj" or prep.lower_ != "to" or not allowed(item, org) or \
                org.label_ in ("PERSON", "GPE", "DATE"):
            continue
        giver = prep.head
        donor = giver.pos_ == "NOUN" and giver.lemma_ in DONOR_NOUNS
        gave = giver.pos_ == "VERB" and giver.lemma_ in GIFT_VERBS and any(
            t.ent_type_ == "MONEY" or t.lower_ in ("millions", "billions")
            for t in giver.subtree if t.i < prep.i)
        if (donor or gave) and held_by_them(giver, forms):
            yield Found("cause", {"name": clean_org(org), "involvement": "donor"}, "cause-gift")


# What a company raises from investors: 'raising multiple rounds of venture capital' is no
# fundraiser for a charity.
CAPITAL_WORDS = {"capital", "round", "rounds", "funding", "financing", "series", "seed",
                 "investment", "investments", "equity", "debt", "valuation"}


def _not_for_charity(trigger: Span) -> bool:
    """A charity word in another sense: a company 'raising rounds of venture capital'; 'the
    benefits of open source methods' (an advantage, not a benefit evening)."""
    doc = trigger.doc
    if trigger.root.lower_ == "benefits" or trigger.root.lower_ == "benefit" and \
            trigger.end < len(doc) and doc[trigger.end].lower_ == "of":
        return True
    if trigger.root.lemma_ != "raise":
        return False
    after = doc[trigger.end:min(trigger.sent.end, trigger.end + 6)]
    return any(t.lower_ in CAPITAL_WORDS for t in after)


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
        if tok.dep_ == "relcl":
            return False  # 'runs a consultancy that counts X as a client': the clause is the
            # consultancy's, and what the target does to it (runs) is not giving to X
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


# How people say what they stand for, with the preposition that names it: 'a strong advocate
# for the open internet', 'a champion of open data', 'passionate about financial literacy',
# 'believes in diversity and equality in tech'.
STANCE_NOUNS = {"advocate": ("for", "of"), "champion": ("of", "for"), "proponent": ("of",),
                "apostle": ("of", "for"), "activist": ("for",), "crusader": ("for", "against"),
                "activism": ("around", "for", "on"), "defender": ("of",),
                "critic": ("of",), "opponent": ("of",), "fight": ("against",),
                "battle": ("against",)}
STANCE_ADJECTIVES = {"passionate": ("about",), "committed": ("to",), "dedicated": ("to",),
                     "devoted": ("to",)}
STANCE_VERBS = {"advocate": ("for",), "campaign": ("for", "against"), "believe": ("in",),
                "champion": (), "concentrate": ("on",), "donate": ("to",),
                "fight": ("for", "against")}
# Words that name a cause only when what they are said of is an idea, not one particular thing
# ('a critic of the death penalty', 'the fight against homelessness', 'donated millions to
# cancer research'; not 'a critic of the plan', 'donated the painting to the museum').
OPPOSING = {"critic", "opponent", "fight", "battle", "donate"}


def _gives_a_thing(verb: Token) -> bool:
    """'donated the painting to ...': what is given is a thing, not money."""
    return verb.lemma_ == "donate" and any(
        c.dep_ == "dobj" and c.ent_type_ != "MONEY" and c.lower_ not in ("millions", "billions",
                                                                        "money", "funds")
        for c in verb.children)


def _one_thing(head: Token) -> bool:
    """'the plan', 'her team': one word after 'the' or a possessive."""
    return not any(c.dep_ in ("compound", "amod") for c in head.children) and any(
        c.dep_ in ("det", "poss") and c.lower_ not in ("a", "an") for c in head.children)


# A stance is a short phrase; a longer one is a clause about something else.
STANCE_WORDS = 6
PEOPLE_WORDS = {"people", "person", "them", "themselves", "others", "him", "her", "me", "us",
                "you", "it", "this", "that", "everyone", "someone", "anyone"}


def stances(item: Attributed, forms: NameForms) -> Iterator[Found]:
    """Causes that are ideas rather than charities, held by the target: what the sentence
    says they advocate, champion, are passionate about or believe in."""
    sent = item.sent
    for tok in sent:
        preps = _stance_preps(tok)
        if preps is None or not item.allowed(tok) or not held_by_them(tok, forms):
            continue
        objects = [c for c in tok.children if c.dep_ == "dobj"] if not preps else [
            g for c in tok.children if c.dep_ == "prep" and c.lower_ in preps
            for g in c.children if g.dep_ == "pobj"]
        doings = [g for c in tok.children if c.dep_ == "prep" and c.lower_ in (preps or ())
                  for g in c.children if g.dep_ == "pcomp" and g.tag_ == "VBG"]
        for doing in doings:  # 'concentrates on creating healthy open source communities'
            name = _doing_phrase(doing)
            if name:
                yield Found("cause", {"name": name, "involvement": tok.lemma_}, "cause-stance")
        for obj in objects:
            # 'the open internet, open source, and ...': the parser often makes the second
            # item of a list an apposition of the first
            listed = [c for c in obj.children if c.dep_ == "appos" and
                      any(g.dep_ in ("cc", "conj") for g in c.children)]
            listed += [c for item in [obj, *listed] for c in item.conjuncts if c.i > obj.i]
            for head in dict.fromkeys([obj, *listed]):
                name = _stance_phrase(head)
                if name and tok.lemma_.lower() in OPPOSING and (_one_thing(head) or
                                                                _gives_a_thing(tok)):
                    continue  # 'a critic of the plan', 'fought for her team', 'donated the
                    # painting to the museum': no cause
                if name:
                    yield Found("cause", {"name": name, "involvement": tok.lemma_},
                                "cause-stance")


def _stance_preps(tok: Token) -> tuple[str, ...] | None:
    lemma = tok.lemma_.lower()
    if tok.pos_ == "NOUN":
        return STANCE_NOUNS.get(lemma)
    if tok.pos_ == "ADJ" or tok.pos_ == "VERB" and tok.dep_ == "acomp":
        return STANCE_ADJECTIVES.get(tok.lower_)
    if tok.pos_ == "VERB":
        return STANCE_VERBS.get(lemma)
    return None


def held_by_them(tok: Token, forms: NameForms) -> bool:
    """The stance is the subject's, and the subject is a person ('she', 'I', their name), not
    a company or a foundation ('a nonprofit dedicated to literacy')."""
    subject = clause_subject(tok, 4)
    if subject is None:
        return False
    name = name_up_to(subject).text
    return subject.pos_ == "PRON" and subject.lower_ not in (
        "it", "this", "that", "which", "who") or subject.pos_ == "PROPN" and (
        subject.ent_type_ in ("PERSON", "") or classify_name(name, forms) != "other")


def missions(item: Attributed, forms: NameForms) -> Iterator[Found]:
    """'My first mission is to end war', 'her mission is to make housing affordable': a
    mission of theirs is a cause, named by what it does ('ending war')."""
    for tok in item.sent:
        if tok.lemma_ not in ("mission", "calling") or tok.dep_ not in ("nsubj", "nsubjpass") or \
                not item.allowed(tok):
            continue
        owner = next((c for c in tok.children if c.dep_ == "poss"), None)
        if owner is None or not (owner.lower_ == "my" and item.target_speaks or
                                 owner.lower_ in ("his", "her", "their") and
                                 not item.first_person or
                                 classify_name(owner.text.removesuffix("'s"), forms) != "other"):
            continue
        verb = next((c for c in tok.head.children if c.dep_ in ("xcomp", "ccomp", "attr") and
                     c.pos_ == "VERB" and any(a.lower_ == "to" for a in c.children)), None)
        name = _doing_phrase(verb, gerund=True) if verb is not None else None
        if name:
            yield Found("cause", {"name": name, "involvement": "mission"}, "cause-mission")


def _doing_phrase(verb: Token, gerund: bool = False) -> str | None:
    """What a verb phrase does, as a gerund phrase: 'creating healthy communities', 'ending
    the use of carbon-based fuel' (from 'to end the use of ...'); short phrases only."""
    doc = verb.doc
    words = [t for t in doc[verb.i:verb.right_edge.i + 1] if not t.is_punct or t.text == "-"]
    if not words or len(words) > STANCE_WORDS + 2 or any(
            t.ent_type_ in ("PERSON", "DATE", "MONEY") for t in words):
        return None
    text = doc[verb.i:words[-1].i + 1].text
    if gerund:
        text = _gerund(verb.lemma_) + text[len(verb.text):]
    return text


def _gerund(lemma: str) -> str:
    if lemma.endswith("ie"):
        return lemma[:-2] + "ying"
    if lemma.endswith("e") and not lemma.endswith("ee") and len(lemma) > 2:
        return lemma[:-1] + "ing"
    if len(lemma) <= 4 and re.fullmatch(r"[^aeiou]*[aeiou][^aeiouwxy]", lemma):
        return lemma + lemma[-1] + "ing"  # 'run' -> 'running', 'stop' -> 'stopping'
    return lemma + "ing"


def _stance_phrase(head: Token) -> str | None:
    """The words of one idea ('the open internet' -> 'open internet', 'diversity and
    equality in tech' -> 'equality in tech'), without the ideas conjoined to it or a clause;
    a named organization is read as a charity elsewhere."""
    doc = head.doc
    end = head.i + 1
    for child in head.rights:
        if child.dep_ != "prep":
            break
        end = child.right_edge.i + 1
    words = [t for t in doc[head.left_edge.i:end]]
    words = words[next((i for i, t in enumerate(words) if t.pos_ not in ("DET", "PRON")),
                       len(words)):]
    if not words or len(words) > STANCE_WORDS or any(
            t.pos_ in ("VERB", "AUX", "NUM") and t.dep_ not in ("amod", "compound") or
            t.dep_ in ("cc", "conj") or
            t.ent_type_ in ("ORG", "PERSON", "GPE", "DATE", "MONEY") for t in words) or \
            head.lower_ in PEOPLE_WORDS or head.pos_ not in ("NOUN", "PROPN"):
        return None
    return doc[words[0].i:words[-1].i + 1].text
