"""Jobs a sentence gives no title for: 'has held positions at Skype, McKinsey & Co, and the
UNDP', 'held several roles of increasing responsibility at Genzyme', 'worked at Jones Oil'."""

from __future__ import annotations

from collections.abc import Iterator

from spacy.tokens import Span, Token

from ...models import EMPLOYEE_TITLE
from ..mentions import Attributed
from .spans import Found, clean_org

# Nouns of an untitled stint: 'held positions at A, B and C', 'various leadership roles at X'.
STINT_NOUNS = {"role", "position", "post", "job", "stint"}
STINT_VERBS = {"hold", "have", "fill", "take", "serve", "occupy"}


def stints(item: Attributed, orgs: list[Span]) -> Iterator[Found]:
    """Jobs a sentence gives no title for: 'has held positions at Skype, McKinsey & Co, and
    the UNDP', 'held several roles of increasing responsibility at Genzyme', 'worked at Jones
    Oil'. The title is what the sentence calls them ('positions'); 'worked at' is an employee.
    Only when the sentence names no title (a title's own rules read those)."""
    sent = item.sent
    for tok in sent:
        if not item.allowed(tok) or not _subject_is_theirs(tok, item):
            continue
        if tok.lemma_ in STINT_VERBS and tok.pos_ in ("VERB", "AUX"):
            noun = next((c for c in tok.children if c.dep_ == "dobj" and
                         c.lemma_ in STINT_NOUNS and c.tag_ == "NNS"), None)
            if noun is None:
                continue
            prep = next((t for t in sent.doc[noun.i + 1:min(noun.i + 8, sent.end)]
                         if t.lower_ in ("at", "with", "for") and t.dep_ == "prep"), None)
            if prep is None:
                continue
            title = sent.doc[_first_modifier(noun):prep.i].text.strip(" ,")
            yield from _at_orgs(prep, orgs, title, tok)
        elif tok.lemma_ == "work" and tok.pos_ == "VERB":
            for prep in (c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("at", "for")):
                yield from _at_orgs(prep, orgs, EMPLOYEE_TITLE, tok)


def _subject_is_theirs(verb: Token, item: Attributed) -> bool:
    """The verb's subject is the target: 'I' in their words, else a pronoun or their name."""
    subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")), None)
    if subject is None:
        return False
    if item.first_person and item.target_speaks:
        return subject.lower_ == "i"
    return subject.lower_ in ("he", "she", "they") or subject.pos_ == "PROPN" and \
        item.allowed(subject)


def _first_modifier(noun: Token) -> int:
    mods = [c.i for c in noun.children if c.dep_ in ("amod", "compound", "nummod") and c.i < noun.i]
    return min(mods) if mods else noun.i


def _at_orgs(prep: Token, orgs: list[Span], title: str, verb: Token) -> Iterator[Found]:
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    objects += [c for o in objects for c in o.conjuncts]
    current = verb.tag_ in ("VBZ", "VBP") and not any(
        c.dep_ == "aux" and c.tag_ == "VBZ" and c.lemma_ == "have" for c in verb.children)
    seen: set[str] = set()
    for obj in objects:
        org = next((o for o in orgs if o.start <= obj.i < o.end), None)
        if org is None:
            continue
        for name in clean_org(org).split(", "):  # NER's one 'Skype, McKinsey & Co'
            if name[:1].isupper() and name not in seen:
                seen.add(name)
                yield Found("role", {"title": title[:1].upper() + title[1:], "org": name,
                                     "start": None, "end": None, "current": current},
                            "role-stint")
