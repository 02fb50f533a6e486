"""Activities and sports from the lexicon, and family mentions of the target."""

from __future__ import annotations

import re
from collections.abc import Iterator

from spacy.tokens import Span, Token

from ...names import THIRD_PERSON
from ..mentions import (
    RELATIVES,
    Attributed,
    NameForms,
    classify_name,
)
from .spans import Found, allowed, clause_subject, name_up_to, terms

RISKY_ACTIVITY = {"run", "runs", "ran", "running", "crew", "coach", "coaches", "coaching",
                  "ski", "show", "cook", "bike", "diving"}


def activity(item: Attributed) -> Iterator[Found]:
    sent = item.sent
    seen: set[str] = set()
    for span in terms(sent, "ACTIVITY"):
        name = span.id_ or span.text.lower()
        if name in seen or not allowed(item, span):
            continue
        if _in_a_name(span) or _figurative(span) or _done_by_other(span, item) or \
                span.text.lower() in RISKY_ACTIVITY and not _sporting_use(span):
            continue
        seen.add(name)
        yield Found("activity", {"name": name, "detail": _detail(sent)}, "activity")
    for gathering in _gatherings(item):
        if gathering.lower() not in seen:
            seen.add(gathering.lower())
            yield Found("activity", {"name": gathering, "detail": _detail(sent)},
                        "activity-gathering")


# What one goes to or takes part in: 'attending Ruby meetups', 'took accent removal classes'.
GATHERINGS = {"meetup", "meetups", "class", "classes", "lesson", "lessons", "workshop",
              "workshops", "retreat", "retreats", "jam", "jams", "hackathon", "hackathons"}
GOING = {"attend", "take", "join", "organize", "run", "host", "go"}


def _gatherings(item: Attributed) -> Iterator[str]:
    """Named or described gatherings the target goes to, as the words before the noun say
    ('Ruby meetups', 'accent removal classes'); not a lone 'classes' (school), nor someone
    else's."""
    for tok in item.sent:
        if tok.lower_ not in GATHERINGS or tok.dep_ not in ("dobj", "pobj") or \
                not item.allowed(tok) or tok.text[:1].isupper():  # 'Chicago Rust Meetup'
            continue
        verb = tok.head if tok.dep_ == "dobj" else tok.head.head
        if verb.lemma_ not in GOING or _done_by_other(tok.doc[tok.i:tok.i + 1], item):
            continue
        mods = [c.i for c in tok.children if c.dep_ in ("compound", "amod", "nmod") and
                c.i < tok.i and c.pos_ in ("PROPN", "NOUN", "ADJ")]
        if mods:
            yield tok.doc[min(mods):tok.i + 1].text


def _in_a_name(span: Span) -> bool:
    """'Mitchell Baker', 'Hunter Biden': an activity word that is part of a person's name is
    no activity (in a club's or a league's name it still is: 'Lafayette Youth Baseball')."""
    doc = span.doc
    around = [doc[i] for i in (span.start - 1, span.end) if span.sent.start <= i < span.sent.end]
    return span[0].text[:1].isupper() and any(
        t.ent_type_ == "PERSON" for t in [*span, *(t for t in around if t.text[:1].isupper())])


# Idioms built on sport words: 'up and running', 'off and running', 'in the running',
# 'running late', 'hit the ground running', 'sail through', 'swim against the tide'.
IDIOM = re.compile(r"(?i)\b(up and running|off and running|in the running|out of the running|"
                   r"ground running|running (late|low|out|short|smoothly|things)|"
                   r"sail(ed|s|ing)? (through|away|past)|against the tide)\b")


# Words around 'run' that make it the sport: a race, a distance, a place to run.
RUNNING_CONTEXT = re.compile(r"(?i)\b(marathons?|half-marathons?|races?|racing|miles?|km|5k|10k|"
                             r"trails?|track|ultra\w*|triathlons?|jog\w*|runners?|club|"
                             r"every (?:[A-Z][a-z]+|morning|day|week|weekend|year|spring|"
                             r"summer|fall|autumn|winter)|mornings|laps?|pace|[A-Z][\w']* Run)\b")


# Words after a sport verb that make it a figure of speech: 'run into someone', 'run out of
# the office', 'hunting for ways', 'skating over the details'.
FIGURATIVE_PREPS = {"into", "out", "for", "over", "across", "around", "up", "off"}
# Nouns a sport word may name the kind of: 'the hockey team', 'a tennis partner'.
SPORT_HEADS = {"team", "club", "league", "player", "players", "coach", "season", "match",
               "game", "games", "tournament", "championship", "championships", "camp", "trip",
               "trips", "lesson", "lessons", "partner", "partners", "squad", "race", "races",
               "group", "buddy", "buddies", "enthusiast", "fan", "fans"}


# Verbs of a trade in the thing a sport or game word names: designing games is not playing
# them ('make' and 'build' stay hobbies: 'makes beadwork', 'building mechanical keyboards').
MAKING_VERBS = {"design", "develop", "publish", "sell", "manufacture", "invent", "license",
                # a thing given or bought: 'donated the painting to the museum'
                "donate", "buy", "auction", "lend", "acquire"}


def _figurative(span: Span) -> bool:
    """A sport word used for something else: 'a chorus of grumbling', 'golf courses' made of
    ground rock, 'hunting for ways to shrink them', 'run into people', 'which is run by'."""
    tok = span.root
    outside = [c for c in tok.children if not span.start <= c.i < span.end]  # 'working out'
    if _simile(tok):
        return True
    if tok.pos_ == "VERB":
        return any(c.dep_ in ("prt", "auxpass", "nsubjpass") or c.dep_ == "prep" and
                   c.lower_ in FIGURATIVE_PREPS for c in outside)
    if tok.pos_ in ("NOUN", "PROPN"):
        if any(c.dep_ == "prep" and c.lower_ == "of" for c in outside):
            return True
        if tok.dep_ == "dobj" and tok.head.lemma_ in MAKING_VERBS:
            return True  # 'has designed role-playing games' is work, not play
        return tok.dep_ == "compound" and tok.head.lower_ not in SPORT_HEADS and \
            span.end == tok.head.i  # a sport word naming a kind of something else
    return False


def _simile(tok: Token) -> bool:
    """'leads like a coach', 'running the place like a hockey game': a comparison is no
    activity; 'sports like tennis', 'events like a marathon' (a plural's examples) are."""
    while tok.dep_ == "compound" and tok.head is not tok:
        tok = tok.head
    prep = tok.head
    if tok.dep_ != "pobj" or prep.lower_ != "like":
        return False
    said_of = prep.head
    return said_of.pos_ in ("VERB", "AUX", "ADJ") or said_of.tag_ in ("NN", "NNP") and any(
        c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children)


def _done_by_other(span: Span, item: Attributed) -> bool:
    """The clause around the activity has a subject that cannot be the target: 'it', 'you',
    or, in the target's own words, 'he' or 'they' ('It's like ... playing tennis')."""
    subject = clause_subject(span.root, 12)
    if subject is None:
        return False
    low = subject.lower_
    if low in ("it", "you", "this", "that", "there", "everyone", "everybody"):
        return True
    return low in THIRD_PERSON and (not item.pronoun_target and item.about != "target" or
                                    not item.may_be_target(low))


def _sporting_use(span: Span) -> bool:
    if IDIOM.search(span.sent.text):
        return False
    # 'running for president', 'running the company', 'running for office' are not sport
    run = span.root.lemma_ == "run" or span.text.lower() in ("run", "runs", "ran", "running")
    if run and not RUNNING_CONTEXT.search(span.sent.text):
        return False
    tok = span.root
    if tok.pos_ == "VERB":
        objs = [c for c in tok.children if c.dep_ in ("dobj", "obj")]
        return not objs or any(re.search(r"(?i)marathon|race|run|10k|5k|mile|team|\d", c.text)
                               for c in objs)
    return tok.pos_ == "NOUN" and tok.dep_ not in ("compound",)


def _detail(sent: Span) -> str:
    return " ".join(sent.text.split())[:160]


def family(item: Attributed, forms: NameForms | None = None) -> Iterator[Found]:
    sent = item.sent
    for span in terms(sent, "FAMILY"):
        tok = span.root
        owner = _owner(tok)
        if owner is None and not _had_by_target(tok, item) or owner is not None and \
                not _owner_is_target(owner, item, forms):
            continue
        relation = span.id_ or tok.lower_
        if any(c.dep_ == "compound" and c.pos_ in ("NOUN", "PROPN") for c in tok.children):
            continue  # 'sorority sisters', 'fraternity brothers': not kin
        if relation == "partner" and _business_partner(tok):
            continue  # "a partner at the firm", "our main manufacturing partner"
        yield Found("family", {"relation": relation, "detail": _family_detail(tok)}, "family")


def _owner(tok: Token) -> Token | None:
    """Whose relative: 'her son and daughter' are both hers."""
    owner = next((c for c in tok.children if c.dep_ == "poss"), None)
    if owner is None and (tok.dep_ == "conj" and tok.head.lower_ in RELATIVES or
                          tok.dep_ == "compound" and tok.head.pos_ == "PROPN"):
        # 'her son and daughter'; "Stephen's aunt Kathy", where the name holds the 's
        owner = next((c for c in tok.head.children if c.dep_ == "poss"), None)
    return owner


def _had_by_target(tok: Token, item: Attributed) -> bool:
    """'She and her wife have a daughter, Noor': a relative the target has or raises."""
    verb = tok.head
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    subject = next((c for c in verb.children if c.dep_ == "nsubj"), None)
    return item.about == "target" and tok.dep_ in ("dobj", "conj") and verb.lemma_ in (
        "have", "raise", "adopt", "welcome") and item.allowed(tok) and subject is not None \
        and (subject.pos_ == "PROPN" or subject.lower_ in ("i", "we", "she", "he", "they"))


def _owner_is_target(owner: Token, item: Attributed, forms: NameForms | None = None) -> bool:
    low = owner.lower_
    if forms is not None and owner.pos_ == "PROPN":
        # "Stephen Jones's aunt Kathy" is his aunt, whoever the sentence is about
        kind = classify_name(name_up_to(owner).text.removesuffix("'s").removesuffix("’s"),
                             forms)
        if kind in ("target", "given"):
            return True  # her name, even inside the phrase that names the relative
    if low in ("my", "our"):
        return item.target_speaks or item.about == "target"
    if low in THIRD_PERSON:  # not in the target's own words: 'their parents' are others'
        return (item.pronoun_target or item.about == "target" and not item.own_voice) and \
            item.allowed(owner) and item.may_be_target(low)
    if owner.ent_type_ == "PERSON" or owner.pos_ == "PROPN":
        return item.about == "target" and item.allowed(owner)
    return False


def _business_partner(tok: Token) -> bool:
    return any(c.dep_ == "prep" and c.lower_ in ("at", "in", "with") or
               c.dep_ in ("compound", "amod") and c.lower_ not in LIFE_PARTNER
               for c in tok.children)


LIFE_PARTNER = {"life", "domestic", "longtime", "long-time", "loving", "late", "former"}


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
