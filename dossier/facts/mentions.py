"""Who a sentence is about: the target's name forms, speaker turns, and pronouns in passages."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Literal

from spacy.tokens import Doc, Span, Token

from ..lexicons import SPANS_KEY
from ..names import (
    FIRST_PERSON,
    THIRD_PERSON,
    Kind,
    NameForms,
    classify_name,
    fold,
    plain,
    word_pattern,
)

About = Literal["target", "other", "unknown"]
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
# A line with at most this many words and no final period is a heading, not prose.
HEADING_MAX_WORDS = 8
# A "Name:" turn label, "Speaker 2:" (machine transcripts, for someone unnamed) or a
# bracketed "[Speaker 3] [51:16]" with its time stamp.
SPEAKER = re.compile(
    r"^\s*([A-Z][\w.'’-]*(?: [A-Z][\w.'’-]*){0,3}|Speaker \d{1,2})\s*[:：]\s+(?=\S)"
    r"|^\s*\[([A-Z][\w.'’ -]{0,40})\]\s*(?:\[\d{1,2}(?::\d\d){1,2}\]\s*)?(?=\S)")


def target_label(label: str, forms: NameForms) -> bool:
    """Does a speaker's label ('Okonkwo', 'Wren Okonkwo', 'Wren') name the target?"""
    return classify_name(label, forms) in ("target", "surname", "given")


def speaker_label(line: str) -> tuple[str, int] | None:
    """(the name in a line's turn label, where the turn's text starts), or None."""
    match = SPEAKER.match(line)
    if match is None:
        return None
    return match.group(1) or match.group(2), match.end()


RELATIVES = {"husband", "wife", "spouse", "partner", "son", "sons", "daughter", "daughters",
             "children", "kids", "mother", "father", "parents", "brother", "sister",
             "grandmother", "grandfather", "boss", "colleague", "mentor", "friend", "uncle",
             "aunt", "cousin", "co-founder", "cofounder"}
ORG_GOES_ON = re.compile(r"(House|Charities|Foundation|Fund|Center|Centre|Institute|Hospital|"
                         r"Library|Award|Scholarship|Prize|Hall|School|College|University|"
                         r"Group|Company|Memorial|Trust|Society)$")
# The last word of many company names; lets us overrule NER when it calls one a PERSON.
ORG_HEAD = re.compile(r"\b(Audio|Media|Group|Labs?|Systems|Bank|Capital|Partners|Foods|"
                      r"Logistics|Health|Markets|Holdings|Industries|Technologies|Software|"
                      r"Studios?|Press|News|Network|Ventures|Energy|Renewables|Analytics|"
                      r"Consulting|Financial|Insurance|Airlines|Motors|Pharma\w*|Inc|Corp|LLC|Times|Post|"
                      r"Journal|Herald|Beacon|Courier|Tribune|Gazette|Chronicle|Review|"
                      r"Co|Company|Associates|Solutions|Services|Hardware|Outdoor|Roasters)\.?$")
SAYS = {"say", "tell", "add", "recall", "explain", "note"}
QUOTED = re.compile(r'"[^"]*"|“[^”]*”')
OWN_VOICE = word_pattern(FIRST_PERSON)


@dataclass(frozen=True, slots=True)
class Attributed:
    """A sentence, who it is about, and token ranges that belong to other people."""

    sent: Span
    about: About
    excluded: tuple[tuple[int, int], ...] = ()
    first_person: bool = False
    target_speaks: bool = False
    pronoun_target: bool = False  # "he/she/they" here would mean the target
    foreign: frozenset[str] = frozenset()  # third-person pronouns that cannot mean the target
    own_voice: bool = False  # the target speaks of themselves: 'he', 'their' are others

    def allowed(self, token: Token) -> bool:
        return not any(a <= token.i < b for a, b in self.excluded)

    def may_be_target(self, pronoun: str) -> bool:
        """Can this 'he', 'her', ... mean the target, as the page refers to them?"""
        return pronoun.lower() not in self.foreign


HE = frozenset({"he", "him", "his", "himself"})
SHE = frozenset({"she", "her", "hers", "herself"})
_GENDERED = re.compile(r"(?i)\b(" + "|".join(sorted(HE | SHE)) + r")\b")
# A capitalized word that does not start a sentence: someone else may be named between the
# target's name and a pronoun ('..., said Gwen Hadley. She ...', "Ian's a merchant. His").
_ANOTHER_NAME = re.compile(r"(?<![.!?:]\s)(?<!^)\b[A-Z][a-z]")
MIN_VOTES = 3
_AFTER_NAME = 200  # characters after a mention in which the first pronoun is counted


def foreign_pronouns(text: str, forms: NameForms) -> frozenset[str]:
    """The third-person pronouns a page never uses for the target: where the first 'he' or
    'she' after the target's name, with no other name between, is nearly always the same one,
    the other cannot be them ('he met Larry Page's mom. Her son was showing her around
    campus': not his son). A speaker's label ('Fairbrother: Ian's a merchant. His ...') is no
    mention: what follows is in their own words. Empty where the page says too little."""
    names = [s for s in forms.surnames if len(s) > 1]
    if not names:
        return frozenset()
    mention = re.compile(r"(?i)\b(" + "|".join(re.escape(n) for n in sorted(
        names, key=len, reverse=True)) + r")\b(?![:\]])")
    he = she = 0
    for line in text.splitlines():
        line = plain(line)
        for m in mention.finditer(line):
            pronoun = _GENDERED.search(line, m.end(), m.end() + _AFTER_NAME)
            if pronoun is None or _ANOTHER_NAME.search(line[m.end():pronoun.start()]):
                continue
            he += pronoun.group(1).lower() in HE
            she += pronoun.group(1).lower() in SHE
    if he + she < MIN_VOTES or max(he, she) < 3 * min(he, she) + 1:
        return frozenset()
    return SHE if he > she else HE


def ents(part: Doc | Span) -> list[Span]:
    """The named entities of a parse or within a sentence, as Span.ents gives them. Span.ents
    builds every entity of the parse anew at each call, and the rules ask many times per
    sentence, so each stretch's list is kept in the parse's user_data."""
    doc = part.doc if isinstance(part, Span) else part
    lo, hi = (part.start, part.end) if isinstance(part, Span) else (0, len(part))
    key = f"dossier.ents {lo} {hi}"
    if key not in doc.user_data:
        doc.user_data[key] = list(doc.ents) if part is doc else [
            e for e in ents(doc) if lo <= e.start and e.end <= hi]
    return list(doc.user_data[key])


# Nouns that say what kind of company the name after them is.
KIND_OF_COMPANY = {"company", "firm", "startup", "start-up", "bank", "fund", "studio", "agency",
                   "label", "publisher", "retailer", "maker", "manufacturer", "brand", "chain",
                   "conglomerate", "insurer", "lender", "developer", "consultancy", "nonprofit",
                   "charity", "outfit", "business", "exchange", "network", "group"}


def after_kind_of_company(span: Span) -> bool:
    """'the venture firm Ferro Lane', 'the law firm Goodsill Anderson Quinn & Stifel': a name
    in apposition to a noun saying what kind of company it is, whatever NER calls it."""
    doc = span.doc
    if span.start == 0:
        return False
    before = doc[span.start - 1]
    return before.lower_ in KIND_OF_COMPANY and before.pos_ == "NOUN" and (
        span.root.head.i == before.i or span.start <= before.head.i < span.end)


LEGAL_WORDS = {"limited", "ltd", "inc", "llc", "plc", "gmbh", "ag", "corp", "corporation",
               "company", "co", "lp", "llp", "private"}


def before_legal_form(span: Span) -> bool:
    """'Info Edge (India) Limited': a name followed by a company's legal form, maybe after a
    bracketed place, is the company's."""
    doc, at = span.doc, span.end
    if at + 2 < len(doc) and doc[at].text == "(" and doc[at + 2].text == ")":
        at += 3
    return at < len(doc) and doc[at].lower_.rstrip(".") in LEGAL_WORDS and \
        doc[at].text[:1].isupper()


def person_mentions(sent: Span, forms: NameForms,
                    others: set[str] | None = None) -> list[tuple[Span, Kind]]:
    """People named in a sentence: PERSON entities of two or more words (or one word already
    seen as part of a full name), plus any token naming the target that NER missed."""
    others = others if others is not None else set()
    found: list[tuple[Span, Kind]] = []
    taken: set[int] = set()
    for ent in ents(sent):
        if ent.label_ not in ("PERSON", "ORG", "GPE", "NORP", "FAC") or \
                after_kind_of_company(ent) or before_legal_form(ent):
            continue  # ('the law firm Goodsill Anderson Quinn & Stifel', 'Info Edge (India)
            # Limited' name no person)
        kind = classify_name(ent.text, forms)
        if kind == "other" and ent.label_ != "PERSON" and len(ent) == 1 and \
                fold(ent.text) in others:
            found.append((ent, "other"))  # "Batra" after "Arjun Batra", whatever NER says
            taken.update(range(ent.start, ent.end))
            continue
        if kind == "other" and not _looks_like_person(ent, others):
            taken.update(range(ent.start, ent.end))  # "Carrow & Pike" names a company
            continue
        found.append((ent, kind))
        taken.update(range(ent.start, ent.end))
    doc = sent.doc
    for tok in sent:
        if tok.i in taken or not tok.text[:1].isupper():
            continue
        joined = _hyphenated(tok, forms)
        if joined is not None:  # "Castellanos-Webb", which the tokenizer splits in three
            found.append((joined, "surname"))
            taken.update(range(joined.start, joined.end))
            continue
        folded = fold(tok.text).strip(".,").removesuffix("'s")
        if folded in forms.surnames:
            found.append((doc[tok.i:tok.i + 1],
                          "other" if _inside_other_name(tok, forms) else "surname"))
        elif folded in forms.given and tok.pos_ == "PROPN":
            found.append((doc[tok.i:tok.i + 1], "given"))
        elif folded in others and tok.pos_ == "PROPN":
            found.append((doc[tok.i:tok.i + 1], "other"))
    return sorted(found, key=lambda m: m[0].start)


def _hyphenated(tok: Token, forms: NameForms) -> Span | None:
    """The target's hyphenated surname written as three tokens ('Castellanos', '-', 'Webb')."""
    doc = tok.doc
    end = tok.i + 3
    if end > tok.sent.end or doc[tok.i + 1].text != "-":
        return None
    word = fold(doc[tok.i:end].text).removesuffix("'s")
    return doc[tok.i:end] if word in forms.surnames else None


# Capitalized words that can stand before a surname without being a given name.
NOT_GIVEN_NAMES = {"president", "chairman", "chairwoman", "chair", "director", "professor",
                   "coach", "judge", "senator", "governor", "mayor", "ceo", "cfo", "coo",
                   "founder", "captain", "commissioner", "trustee", "when", "as", "but", "and",
                   "after", "before", "while", "said", "says", "then", "mrs", "ms", "mr", "dr"}
PERSON_VERBS = {"be", "serve", "graduate", "live", "marry", "say", "grow", "retire", "die",
                "teach", "study", "earn", "hold"}


def _person_subject(tok: Token) -> bool:
    """'Anne-Marie Delacroix Broussard is a judge': a multi-word proper name doing what people
    do, though NER called it an ORG."""
    ent = next((e for e in ents(tok.doc) if e.start <= tok.i < e.end), None)
    return ent is not None and ent.label_ == "ORG" and 2 <= len(ent) <= 5 and tok.pos_ == "PROPN" \
        and all(t.pos_ in ("PROPN", "PUNCT") for t in ent) and tok.head.lemma_ in PERSON_VERBS \
        and not re.search(r"(?i)\b(inc|corp|llc|group|bank|company|university|college|school|"
                          r"foundation|association|society|council|partners|capital)\b", ent.text) \
        and not ORG_HEAD.search(ent.text)  # 'Halvorsen Logistics said ...': a company says


def _inside_other_name(tok: Token, forms: NameForms) -> bool:
    """'Anne-Marie Delacroix Broussard': the target's surname as someone's middle name, or
    after a given name that is not the target's."""
    doc = tok.doc
    nxt = doc[tok.i + 1] if tok.i + 1 < len(doc) else None
    prev = doc[tok.i - 1] if tok.i > 0 else None
    if nxt is not None and nxt.pos_ == "PROPN" and nxt.text[:1].isupper() and \
            fold(nxt.text).strip(".,") not in forms.suffixes and nxt.ent_type_ in ("PERSON", ""):
        return True
    return prev is not None and prev.pos_ == "PROPN" and prev.text[:1].isupper() and \
        fold(prev.text).strip(".") not in forms.given | forms.honorifics | NOT_GIVEN_NAMES and \
        prev.text.isalpha() and not prev.text.isupper()


def headed_by_title(person: Span) -> bool:
    """'the CEO of Open Collective', 'one of the founders of Open Collective': what a title
    is 'of' or 'at' is an organization, whatever NER took the name for."""
    doc = person.doc
    if person.start < 2 or doc[person.start - 1].lower_ not in ("of", "at"):
        return False
    before = doc[person.start - 2]
    return before.lemma_ in ("founder", "co-founder", "cofounder") or any(
        s.label_ == "TITLE" and s.end == person.start - 1 for s in doc.spans.get(SPANS_KEY, ()))


def _looks_like_person(ent: Span, others: set[str]) -> bool:
    """NER calls many companies PERSON; trust it for full names and names seen in full,
    unless an organization's name goes on ('Ronald McDonald House Charities') or a title
    is of it ('the CEO of Open Collective')."""
    if ent.label_ != "PERSON" or ORG_GOES_ON.match(ent.doc[ent.end:ent.end + 1].text) or \
            ORG_HEAD.search(ent.text) or headed_by_title(ent):
        return False  # 'Choose Energy (2013 - 2016)': a company's last word
    words = [w for w in fold(ent.text).replace("'s", "").split() if w.strip(".")]
    if len(words) >= 2:
        others.add(words[-1].strip(".,"))
        return True
    return bool(words) and words[0].strip(".,") in others


class Attributor:
    """Walks a page's paragraphs in order, keeping track of whom the passage is about."""

    def __init__(self, forms: NameForms, about_page: bool, labelled: bool,
                 surname_is_target: bool = True, guest: bool = False,
                 foreign: frozenset[str] = frozenset()) -> None:
        self.forms = forms
        self.foreign = foreign  # pronouns the page never uses for the target (foreign_pronouns)
        # the target is interviewed on the page: "you" in the interviewer's words is them
        self.guest = guest
        # a bare surname means the target, unless the page is about a namesake (a father)
        self.surname_is_target = surname_is_target
        self.about_page = about_page  # the page as a whole is about the target
        self.labelled = labelled  # the page has "Name:" speaker turns
        self.focus: About = "target" if about_page else "unknown"
        self.focus_shares_surname = False  # the other person in focus has the target's surname
        self.focus_is_relative = False  # the focus is "her mother": only until the paragraph ends
        self.focus_before_relative: About = self.focus
        self.speaker: About = "unknown"
        # the paragraph is the target speaking as "I": "he" or "she" in it is someone else
        self.own_voice = False
        self.others: set[str] = set()  # surnames of other people named in full on the page
        self.org_words: set[str] = set()  # first words of organizations named on the page

    def turn(self, label: str | None, raw: str) -> None:
        """Start a paragraph: a "Name:" label changes the speaker; unlabelled pages about the
        target speak in the target's voice, except in questions."""
        if self.focus_is_relative:  # "My mother ..." ended with the paragraph
            self.focus, self.focus_is_relative = self.focus_before_relative, False
        if label is not None:
            self.speaker = self._speaker(label)
        elif not self.labelled:
            self.speaker = "target" if self.about_page and not _asked(raw) else "unknown"
        # in the target's own labelled turn they never say 'he' or 'their' of themselves
        self.own_voice = self.speaker == "target" and (
            label is not None or bool(OWN_VOICE.search(QUOTED.sub("", raw))))

    def paragraph(self, doc: Doc, raw: str, label: str | None = None) -> Iterator[Attributed]:
        self.turn(label, raw)
        if label is None and is_heading(doc):
            self.heading(doc)
            return
        for sent in doc.sents:
            yield self.sentence(sent)

    def _speaker(self, label: str) -> About:
        return "target" if target_label(label, self.forms) else "other"

    def heading(self, doc: Doc) -> None:
        """A heading or list entry that names a person starts a passage about them."""
        mentions = person_mentions(doc[:], self.forms, self.others)
        if mentions:
            self._set_focus(self._resolve(mentions[0][1]), mentions[0][0])

    def entry(self, name: str) -> None:
        """A structured entry ('Jane Roe, Chief Financial Officer, Acme') starts that
        person's passage, whatever NER made of the name."""
        self._set_focus(self._resolve(classify_name(name, self.forms)), None)

    def _set_focus(self, about: About, span: Span | None) -> None:
        if about == "unknown":
            return
        relative = about == "other" and span is not None and len(span) == 1 and \
            _is_relative(span.root)
        if relative and not self.focus_is_relative:
            self.focus_before_relative = self.focus
        self.focus = about
        self.focus_shares_surname = about == "other" and span is not None and any(
            s in fold(span.text) for s in self.forms.surnames)
        self.focus_is_relative = relative

    def sentence(self, sent: Span) -> Attributed:
        self.org_words.update(fold(e[0].text) for e in ents(sent)
                              if e.label_ == "ORG" and len(e) >= 2)
        mentions = person_mentions(sent, self.forms, self.others)
        pronoun_target = self.focus == "target" and not self.own_voice
        says = _quote_subject(sent, mentions)
        about, subject, by_voice = self._subject_about(sent, mentions, says)
        if subject is not None or about == "target" and not by_voice:
            self._set_focus(about, subject)
        elif any(self._resolve(kind) == "target" for _, kind in mentions):
            self._set_focus("target", None)  # "Thackeray's grandfather ...": still about him
        excluded = tuple(_subtree_range(m) for m, kind in mentions
                         if kind == "other" and m.root.dep_ not in SUBJECT_DEPS)
        excluded += tuple(self._their_clauses(sent, mentions))
        first = _has_first_person(sent)
        quoted = self._quote_speaker(says)
        target_speaks = quoted == "target" if quoted is not None else self.speaker == "target"
        return Attributed(sent, about, excluded, first, target_speaks, pronoun_target,
                          self.foreign, self.own_voice)

    def _their_clauses(self, sent: Span, mentions: list[tuple[Span, Kind]]
                       ) -> Iterator[tuple[int, int]]:
        """What a coordinated clause says of its own subject when that is someone else: 'He
        made himself CEO, and his best friend, Sergey Brin, was named co-founder'; 'she chairs
        X and her husband runs Y'; 'she hired Tal, and he sits on ...' where the page calls
        her 'she'. The subject's words stay (they name the relative)."""
        for tok in sent:
            verb = tok.head
            if tok.dep_ not in SUBJECT_DEPS or verb.dep_ != "conj" or verb.i < tok.i or \
                    not any(c.dep_ == "cc" or c.lower_ == "," for c in verb.head.children
                            if tok.i > c.i > verb.head.i):
                continue
            inside = [kind for m, kind in mentions if tok.left_edge.i <= m.start
                      and m.end <= tok.right_edge.i + 1]
            if any(self._resolve(k) == "target" for k in inside):
                continue
            if any(k == "other" for k in inside) or _is_relative(tok) and \
                    tok.ent_type_ != "PERSON" or tok.lower_ in self.foreign:
                yield tok.right_edge.i + 1, verb.right_edge.i + 1

    def _resolve(self, kind: Kind) -> About:
        if kind in ("target", "other"):
            return kind
        # a surname or given name alone is the target, unless the passage is about another
        # person of the same surname (a father, a spouse)
        if kind == "surname" and self.surname_is_target:
            return "target"
        return "other" if self.focus == "other" and self.focus_shares_surname else "target"

    def _subject_about(self, sent: Span, mentions: list[tuple[Span, Kind]],
                       says: Kind | Literal["pronoun"] | None
                       ) -> tuple[About, Span | None, bool]:
        """Whom the sentence is about, the mention that says so (or None), and whether it is
        so only by the speaker's "I" or "we": that does not change whom "he" or "she" means."""
        quoted = self._quote_speaker(says)
        if quoted == "other":
            return "other", None, False  # someone else's words, whoever they are about
        for tok in sorted((t for t in sent if t.dep_ in SUBJECT_DEPS), key=_depth):
            if tok.head.lemma_ in SAYS and quoted is not None:
                continue
            for span, kind in mentions:
                if span.start <= tok.i < span.end or span.root.head == tok and \
                        span.root.dep_ in ("appos", "compound") and \
                        -3 <= span.start - tok.i <= 3:  # 'Walter, our CEO,': next to it
                    return self._resolve(kind), span, False
            low = tok.lower_
            voice = quoted if quoted is not None else self._voice()
            if low == "you" and quoted is None and self._asks_the_target() and \
                    _says_what_they_are(tok):
                return "target", None, False  # the host: 'Currently, you are the CEO of X'
            if low == "you" and quoted is None and self.speaker == "target" and \
                    _says_what_they_are(tok):
                return "other", None, False  # the target as host: 'Pia, you're now the CEO'
            if low in FIRST_PERSON or low == "we":
                return voice, None, True
            if low in THIRD_PERSON:
                named = self._named_before(tok, mentions)
                if named is not None:  # 'Page never felt ..., so he styled ...': Page
                    return self._resolve(named[1]), named[0], False
                return self._third_person(low), None, False
            owner = next((c.lower_ for c in tok.children if c.dep_ == "poss"), None)
            if owner in THIRD_PERSON and not _is_relative(tok):
                return self._third_person(owner), None, False  # "Her work on safety is ..."
            if owner in FIRST_PERSON and not _is_relative(tok):
                return voice, None, True
            if tok.ent_type_ != "PERSON" and _is_relative(tok):
                if self._target_clause(sent, mentions, voice, tok):
                    # "a colleague dragged me there, and I've been ..."
                    return "target", None, False
                return "other", sent.doc[tok.i:tok.i + 1], False  # "Their daughter plays hockey"
            if tok.ent_type_ == "PERSON" and tok.pos_ == "PROPN" and not self._company_word(tok):
                return "other", sent.doc[tok.i:tok.i + 1], False  # "Walter, our CEO, likes ..."
            if _person_subject(tok):
                return "other", sent.doc[tok.i:tok.i + 1], False  # a name NER took for a company
            if tok.pos_ == "NOUN" and tok.head.dep_ == "ROOT" and _but_clause(tok):
                continue  # 'Jobs' banishment was more severe, but Page also spent years ...':
                # a thing's clause, then one of the person the other clause names
            break
        if mentions and (not _verbless(sent) or mentions[0][0].start - sent.start <= 1):
            # a line without a verb that starts with a name is that person's ('Hobart C.
            # Kalkstein Executive Vice President & President ...' in a compensation table)
            return self._resolve(mentions[0][1]), mentions[0][0], False
        if self.speaker in ("target", "other") and (self.labelled or _has_first_person(sent)):
            return self._voice(), None, True
        return (self.focus if self.focus == "target" else "unknown"), None, False

    def _named_before(self, pronoun: Token, mentions: list[tuple[Span, Kind]]
                      ) -> tuple[Span, Kind] | None:
        """The person named as a subject earlier in the sentence, whom a later 'he' or 'she'
        means; not the target where the page never calls them that."""
        earlier = [(span, kind) for span, kind in mentions
                   if span.end <= pronoun.i and span.root.dep_ in SUBJECT_DEPS]
        if not earlier:
            return None
        span, kind = earlier[-1]
        if self._resolve(kind) == "target" and pronoun.lower_ in self.foreign:
            return None
        return span, kind

    def _asks_the_target(self) -> bool:
        """Is someone else talking to the target: the interviewer's turn on a page where the
        target speaks, or an unlabelled question on an interview with them?"""
        return self.guest and self.speaker == "other" or \
            not self.labelled and self.about_page and self.speaker == "unknown"

    def _third_person(self, pronoun: str) -> About:
        """Whom 'he' or 'she' means: the person in focus, but never the target in the
        target's own words ('We have him at four billion. Some people say he is ...'), nor
        where the page uses the other pronoun for the target."""
        if self.focus == "target" and (self.own_voice or pronoun in self.foreign):
            return "unknown"
        return self.focus

    def _company_word(self, tok: Token) -> bool:
        """'Under her leadership Halvorsen rebuilt ...': a one-word 'person' that starts the
        name of an organization on the page is that organization."""
        ent = next((e for e in ents(tok.doc) if e.start <= tok.i < e.end), None)
        return ent is not None and len(ent) == 1 and fold(tok.text) in self.org_words and \
            fold(tok.text) not in self.others

    def _target_clause(self, sent: Span, mentions: list[tuple[Span, Kind]], voice: About,
                       subject: Token) -> bool:
        """Does a coordinated clause have the target as its subject?"""
        for tok in sent:
            if tok.dep_ not in SUBJECT_DEPS or tok.i == subject.i or tok.head.dep_ != "conj":
                continue
            if tok.lower_ in FIRST_PERSON and voice == "target":
                return True
            if any(m.start <= tok.i < m.end and self._resolve(k) == "target" for m, k in mentions):
                return True
        return False

    def _voice(self) -> About:
        return "target" if self.speaker == "target" else "other"

    def _quote_speaker(self, says: Kind | Literal["pronoun"] | None) -> About | None:
        """In '"...I...," Brandt said.' the first person is whoever says it: the subject of
        the saying verb (see _quote_subject), as the passage's focus stands now."""
        if says is None:
            return None
        return self.focus if says == "pronoun" else self._resolve(says)


# A question this long is no interviewer's: an essay's paragraph that ends on a rhetorical
# one ('... Where else can you overhear a debate on Ruby at lunch?').
QUESTION_WORDS = 60


def _asked(raw: str) -> bool:
    """Is an unlabelled paragraph an interviewer's question?"""
    return raw.rstrip().endswith("?") and len(raw.split()) <= QUESTION_WORDS


def _quote_subject(sent: Span, mentions: list[tuple[Span, Kind]]
                   ) -> Kind | Literal["pronoun"] | None:
    """Who says a quoted sentence: the kind of the mention, or "pronoun" for he/she/they, that
    is the subject of a saying verb ('"...," Brandt said.'); None for no quote or no sayer."""
    if '"' not in sent.text and "“" not in sent.text:
        return None
    for tok in sent:
        if tok.lemma_ not in SAYS:
            continue
        for child in tok.children:
            if child.dep_ not in SUBJECT_DEPS:
                continue
            for span, kind in mentions:
                if span.start <= child.i < span.end:
                    return kind
            if child.lower_ in THIRD_PERSON:
                return "pronoun"
    return None


# What an interviewer tells a guest about themselves ('you founded', 'you were CEO'), not
# the generic 'you' ('you know', 'if you want to support it').
YOU_DID = {"found", "co-found", "cofound", "start", "join", "lead", "create", "write", "build",
           "launch", "chair", "run", "serve", "work", "spend", "study", "graduate", "teach",
           "become", "co-write", "author", "host", "advise", "sit", "head", "manage",
           "oversee", "oversaw"}


def _but_clause(subject: Token) -> bool:
    """Is the subject's clause followed by one joined with 'but', 'and' or 'while' that has a
    subject of its own?"""
    verb = subject.head
    return any(c.dep_ == "conj" and any(g.dep_ in ("nsubj", "nsubjpass") for g in c.children)
               for c in verb.children)


def _says_what_they_are(you: Token) -> bool:
    """'you are the CEO of X', 'you've been an advocate for Y', 'you founded Z' in a statement
    (not a question: 'are you ...?')."""
    verb = you.head
    if verb.i < you.i:  # 'are you', 'did you': asked, not told
        return False
    if verb.lemma_ == "be":
        return any(c.dep_ in ("attr", "acomp") for c in verb.children)
    return verb.lemma_ in YOU_DID and verb.tag_ in ("VBD", "VBN", "VBZ", "VBP") and \
        not any(c.dep_ == "aux" and c.lemma_ in ("can", "could", "would", "should", "will",
                                                  "might", "may", "must", "do")
                for c in verb.children)


def _verbless(sent: Span) -> bool:
    """A fragment with no main verb or subject ('(2017 - 2020), Choose Energy (2013 - 2016),
    Weddington Way (2015 - 2017, sold to GAP 2017)'): a list going on from the sentence before,
    not a new subject."""
    return sent.root.pos_ not in ("VERB", "AUX") and not any(
        t.dep_ in SUBJECT_DEPS for t in sent)


def _depth(tok: Token) -> int:
    depth = 0
    while tok.head.i != tok.i and depth < 50:
        tok, depth = tok.head, depth + 1
    return depth


def _is_relative(tok: Token) -> bool:
    """A subject that is a family member or a colleague rather than the person in focus."""
    return tok.lower_ in RELATIVES


def _subtree_range(span: Span) -> tuple[int, int]:
    indices = [t.i for t in span.root.subtree]
    return min(indices), max(indices) + 1


def _has_first_person(sent: Span) -> bool:
    return any(t.lower_ in FIRST_PERSON and t.pos_ == "PRON" for t in sent)


def is_heading(doc: Doc) -> bool:
    """A short line (1 to HEADING_MAX_WORDS words) without a final stop."""
    if doc.text.rstrip().endswith((".", "?", "!")):
        return False
    words = 0
    for token in doc:
        words += not token.is_punct
        if words > HEADING_MAX_WORDS:
            return False
    return words > 0
