"""Who a sentence is about: the target's name forms, speaker turns, and pronouns in passages."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Literal

from spacy.tokens import Doc, Span, Token

from .lexicons import Lexicons

About = Literal["target", "other", "unknown"]
THIRD_PERSON = {"he", "she", "they", "him", "her", "them", "his", "hers", "their", "theirs"}
FIRST_PERSON = {"i", "me", "my", "mine", "myself"}
SUBJECT_DEPS = {"nsubj", "nsubjpass"}
# A line with at most this many words and no final period is a heading, not prose.
HEADING_MAX_WORDS = 8
SPEAKER = re.compile(r"^\s*([A-Z][\w.'’\- ]{0,40}?)\s*[:：]\s+(?=\S)")
SAYS = {"say", "tell", "add", "recall", "explain", "note"}


def fold(text: str) -> str:
    """Lower case, no diacritics, straight quotes: how names are compared."""
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.replace("’", "'").replace("“", '"').replace("”", '"').lower()


@dataclass
class NameForms:
    """The ways a page can write the target's name."""

    given: set[str] = field(default_factory=set)
    surnames: set[str] = field(default_factory=set)
    suffix: str | None = None
    honorifics: set[str] = field(default_factory=set)
    suffixes: set[str] = field(default_factory=set)

    def add(self, name: str) -> None:
        given, surname, suffix = self.split(name)
        if surname:
            self.surnames.add(surname)
            if "-" in surname:  # "Mehta-Lindgren" may also appear spaced
                self.surnames.add(surname.replace("-", " "))
        self.given.update(given)
        if suffix and not self.suffix:
            self.suffix = suffix

    def split(self, name: str) -> tuple[list[str], str, str | None]:
        """(given names incl. quoted nicknames, surname, suffix) of a name string."""
        nick = re.findall(r'"([^"]+)"', fold(name))
        words = [w.strip(".,") for w in re.sub(r'"[^"]+"', " ", fold(name)).split()]
        words = [w for w in words if w and w not in self.honorifics]
        suffix = None
        while words and words[-1] in self.suffixes:
            suffix = suffix or words[-1]
            words.pop()
        words = [w for w in words if len(w) > 1]  # middle initials carry no weight
        if not words:
            return nick, "", suffix
        return words[:-1] + nick, words[-1], suffix


def name_forms(names: Iterable[str], lexicons: Lexicons) -> NameForms:
    forms = NameForms(honorifics={h.strip(".") for h in lexicons.honorifics},
                      suffixes={s.strip(".") for s in lexicons.name_suffixes})
    for name in names:
        forms.add(name)
    for given in list(forms.given):
        forms.given.update(lexicons.nickname_map.get(given, set()))
    return forms


Kind = Literal["target", "surname", "given", "other"]


def classify_name(text: str, forms: NameForms) -> Kind:
    """Is this person name the target, an ambiguous short form, or someone else?"""
    given, surname, suffix = forms.split(text)
    folded = fold(text)
    surname_hit = surname in forms.surnames or any(
        folded.endswith(" " + s) or folded == s for s in forms.surnames if " " in s)
    if surname_hit:
        if suffix and forms.suffix and suffix != forms.suffix:
            return "other"  # Jr. is not III
        if not given:
            return "surname"
        return "target" if given[0] in forms.given or given[-1] in forms.given else "other"
    if not given and surname in forms.given:
        return "given"
    return "other"


@dataclass(frozen=True, slots=True)
class Attributed:
    """A sentence, who it is about, and token ranges that belong to other people."""

    sent: Span
    about: About
    excluded: tuple[tuple[int, int], ...] = ()
    first_person: bool = False

    def allowed(self, token: Token) -> bool:
        return not any(a <= token.i < b for a, b in self.excluded)


def person_mentions(sent: Span, forms: NameForms) -> list[tuple[Span, Kind]]:
    """PERSON entities plus any token run naming the target that NER missed."""
    found: list[tuple[Span, Kind]] = []
    taken: set[int] = set()
    for ent in sent.ents:
        if ent.label_ in ("PERSON", "ORG", "GPE", "NORP"):
            kind = classify_name(ent.text, forms)
            if ent.label_ != "PERSON" and kind == "other":
                continue
            found.append((ent, kind))
            taken.update(range(ent.start, ent.end))
    doc = sent.doc
    for tok in sent:
        if tok.i in taken or not tok.text[:1].isupper():
            continue
        folded = fold(tok.text).strip(".,'s")
        if folded in forms.surnames or fold(tok.text) in forms.surnames:
            found.append((doc[tok.i:tok.i + 1], "surname"))
        elif folded in forms.given and tok.pos_ == "PROPN":
            found.append((doc[tok.i:tok.i + 1], "given"))
    return found


class Attributor:
    """Walks a page's paragraphs in order, keeping track of whom the passage is about."""

    def __init__(self, forms: NameForms, about_page: bool, labelled: bool) -> None:
        self.forms = forms
        self.about_page = about_page  # the page as a whole is about the target
        self.labelled = labelled  # the page has "Name:" speaker turns
        self.focus: About = "target" if about_page else "unknown"
        self.speaker: About = "unknown"

    def paragraph(self, doc: Doc, raw: str) -> Iterator[Attributed]:
        label = SPEAKER.match(raw)
        if label and len(label.group(1).split()) <= 4:
            self.speaker = self._speaker(label.group(1))
        elif not self.labelled:
            self.speaker = "target" if self.about_page and not raw.rstrip().endswith("?") \
                else "unknown"
        if _is_heading(doc):
            self._heading(doc)
            return
        for sent in doc.sents:
            yield self.sentence(sent)

    def _speaker(self, label: str) -> About:
        kind = classify_name(label, self.forms)
        return "target" if kind in ("target", "surname", "given") else "other"

    def _heading(self, doc: Doc) -> None:
        mentions = person_mentions(doc[:], self.forms)
        if not mentions:
            return
        kind = mentions[0][1]
        self.focus = "other" if kind == "other" else "target"

    def sentence(self, sent: Span) -> Attributed:
        mentions = person_mentions(sent, self.forms)
        about = self._subject_about(sent, mentions)
        if about in ("target", "other"):
            self.focus = about if not _first_person_subject(sent) else self.focus
        excluded = tuple(_subtree_range(m) for m, kind in mentions
                         if kind == "other" and m.root.dep_ not in SUBJECT_DEPS)
        return Attributed(sent, about, excluded, _first_person_subject(sent))

    def _resolve(self, kind: Kind) -> About:
        if kind == "target":
            return "target"
        if kind == "other":
            return "other"
        # a surname or given name alone: the target unless the passage is about someone else
        return "target" if self.focus != "other" else "other"

    def _subject_about(self, sent: Span, mentions: list[tuple[Span, Kind]]) -> About:
        quoted_speaker = self._quote_speaker(sent, mentions)
        for tok in sent:
            if tok.dep_ not in SUBJECT_DEPS:
                continue
            if tok.head.lemma_ in SAYS and quoted_speaker is not None:
                continue
            for span, kind in mentions:
                if span.start <= tok.i < span.end:
                    return self._resolve(kind)
            low = tok.lower_
            if low in FIRST_PERSON or low == "we":
                if quoted_speaker is not None:
                    return quoted_speaker
                return "target" if self.speaker == "target" else "other"
            if low in THIRD_PERSON:
                return self.focus
            if tok.head.dep_ == "ROOT" or tok.head == sent.root:
                break
        if mentions:
            return self._resolve(mentions[0][1])
        return self.focus if self.focus == "target" else "unknown"

    def _quote_speaker(self, sent: Span, mentions: list[tuple[Span, Kind]]) -> About | None:
        """In '"...I...," Brandt said.' the first person is whoever says it."""
        if '"' not in sent.text and "“" not in sent.text:
            return None
        for tok in sent:
            if tok.lemma_ in SAYS:
                for child in tok.children:
                    if child.dep_ in SUBJECT_DEPS:
                        for span, kind in mentions:
                            if span.start <= child.i < span.end:
                                return self._resolve(kind)
                        if child.lower_ in THIRD_PERSON:
                            return self.focus
        return None


def _subtree_range(span: Span) -> tuple[int, int]:
    indices = [t.i for t in span.root.subtree]
    return min(indices), max(indices) + 1


def _first_person_subject(sent: Span) -> bool:
    return any(t.dep_ in SUBJECT_DEPS and t.lower_ in FIRST_PERSON | {"we"} for t in sent)


def _is_heading(doc: Doc) -> bool:
    words = [t for t in doc if not t.is_punct]
    return 0 < len(words) <= HEADING_MAX_WORDS and not doc.text.rstrip().endswith((".", "?", "!"))
