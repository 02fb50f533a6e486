"""Facts stage: Documents -> Facts about the target, from structured data, rows and sentences."""

from __future__ import annotations

import logging
import re
from bisect import bisect_left
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from itertools import islice
from urllib.parse import urlsplit

from spacy.language import Language
from spacy.tokens import Doc

from ..budget import Budget
from ..lexicons import Lexicons
from ..models import Document, Evidence, Fact, Target
from ..names import FIRST_PERSON, name_forms, word_pattern
from . import prefilter, rules
from .mentions import (
    QUOTED,
    Attributed,
    Attributor,
    NameForms,
    classify_name,
    ents,
    fold,
    foreign_pronouns,
    is_heading,
    speaker_label,
    target_label,
)
from .rules.boards import board_kind
from .structured import facts_from_json_ld, person_names_in_json_ld

log = logging.getLogger(__name__)

# Confidence of a fact by how it was read; structured data states facts most plainly.
CONF_STRUCTURED = 0.85
CONF_ROW = 0.8
CONF_SENTENCE = 0.6
MAX_QUOTE = 400


def aliases_of(target: Target, docs: Sequence[Document], lexicons: Lexicons) -> list[str]:
    """Other names the pages give the target (schema.org name and alternateName)."""
    forms = name_forms([target.name, *target.aliases], lexicons)
    found: list[str] = list(target.aliases)
    for doc in docs:
        for name in person_names_in_json_ld(doc.json_ld, forms):
            if fold(name) != fold(target.name) and name not in found:
                found.append(name)
    return found


def find_facts(docs: Sequence[Document], target: Target, nlp: Language,
               lexicons: Lexicons, skip_unrelated: bool = True,
               batch_size: int = 64, budget: Budget | None = None) -> list[Fact]:
    """Every fact about the target on every document, unmerged. With `skip_unrelated`, lines
    that cannot hold a fact about the target are not parsed (see prefilter); the facts are
    the same either way. The lines of all pages go through spaCy as one stream, so that its
    batches are full whatever the length of each page; once `budget` is spent, the stream
    ends and the lines left are not read."""
    reading = Reading.prepare(docs, target, nlp, lexicons, skip_unrelated)
    return reading.finish(reading.read(range(len(reading.units)), nlp, batch_size, budget))


@dataclass
class Reading:
    """find_facts in three steps: what is decided from the whole pages (prepare), the facts
    of each unit (a page, or a section of a big filing, read as a page of its own: nothing
    read in one unit changes how another is read), and the facts of all units together
    (finish). Units may be read in any groups, in several processes (pipeline.build_fresh);
    the facts are the same."""

    pages: list[_Page]
    forms: NameForms
    lexicons: Lexicons
    common: frozenset[str]
    units: list[tuple[int, _Page]] = field(default_factory=list)  # (page index, part)

    @classmethod
    def prepare(cls, docs: Sequence[Document], target: Target, nlp: Language,
                lexicons: Lexicons, skip_unrelated: bool = True) -> Reading:
        names = [target.name, *aliases_of(target, docs, lexicons)]
        forms = name_forms(names, lexicons)
        words = prefilter.vocabulary(nlp, lexicons) if skip_unrelated else None
        pages = [_prepare(doc, forms, words, lexicons) for doc in docs]
        units = [(number, part) for number, page in enumerate(pages) for part in _parts(page)]
        return cls(pages, forms, lexicons, prefilter.common_words(nlp), units)

    def weight(self, unit: int) -> int:
        """Characters of the unit's lines to parse: what reading it costs."""
        return sum(len(text) for _, _, _, text in self.units[unit][1].lines)

    def read(self, units: Iterable[int], nlp: Language, batch_size: int = 64,
             budget: Budget | None = None) -> dict[int, list[Fact]]:
        """The facts of these units (by unit number), their lines through spaCy as one
        stream; once `budget` is spent, the stream ends and the lines left are not read."""
        chosen = [(unit, self.units[unit][1]) for unit in units]
        lines = (_clean_row(text) for _, part in chosen for _, _, _, text in part.lines)
        parses = nlp.pipe(budget.take(lines, "lines") if budget else lines,
                          batch_size=batch_size)
        return {unit: _read_page(part, self.forms, self.lexicons,
                                 islice(parses, len(part.lines)), self.common)
                for unit, part in chosen}

    def finish(self, found: dict[int, list[Fact]]) -> list[Fact]:
        """Every fact of the pages, from the facts of each unit."""
        out: list[Fact] = []
        for number, page in enumerate(self.pages):
            out.extend(facts_from_json_ld(page.doc, self.forms, CONF_STRUCTURED, self.lexicons))
            units = [found.get(unit, []) for unit, (of, _) in enumerate(self.units)
                     if of == number]
            out.extend(resolve_defined_terms([f for facts in units for f in facts],
                                             page.terms, page.units))
            out.extend(_own_post(page.doc, self.forms))
        return _chairs_seats(_employers_not_works_or_groups(out), self.lexicons)


# A title that names the board it chairs ('Chairman of the Board of Directors and Chief
# Executive Officer'), or an executive chair: a job and a seat on that board.
CHAIRS_THE_BOARD = re.compile(r"(?i)\b(?:chair(?:man|woman|person)?\s+of\s+the\s+board\b|"
                              r"executive\s+chair(?:man|woman|person)?\b)")


def _chairs_seats(facts: list[Fact], lexicons: Lexicons) -> list[Fact]:
    """Each role whose title chairs the organization's board also gives that seat (the eval's
    convention: an executive chair is both), unless the seat is already there."""
    seats = {fold(str(f.fields.get("org") or "")) for f in facts if f.category == "board"}
    out = list(facts)
    for fact in facts:
        title, org = str(fact.fields.get("title") or ""), fact.fields.get("org")
        match = CHAIRS_THE_BOARD.search(title)
        if fact.category != "role" or not org or match is None or fold(str(org)) in seats:
            continue
        seats.add(fold(str(org)))
        fields = {"org": org, "kind": board_kind(str(org), str(org).lower(), lexicons),
                  "position": match.group(0).lower()}
        out.append(replace(fact, category="board", fields=fields))
    return out


def _employers_not_works_or_groups(facts: list[Fact]) -> list[Fact]:
    """'we built GitHub', 'I created Blue Planet Software': a thing they made that is also
    where they work or sit on the board is a company, not a work; and where they hold a job
    (not a volunteer's post) is no association they belong to ('most recently at Internet
    Society', where she is Senior Director)."""
    employers = {fold(str(f.fields.get("org") or "")) for f in facts
                 if f.category in ("role", "board")}
    jobs = {fold(str(f.fields.get("org") or "")) for f in facts if f.category == "role" and
            not rules.volunteer_post(f.fields.get("title"))}
    return [f for f in facts if not (f.category == "work" and f.evidence[0].rule == "work-made"
                                     and fold(str(f.fields.get("title"))) in employers)
            and not (f.category == "association" and f.evidence[0].rule == "association"
                     and fold(str(f.fields.get("org") or "")) in jobs)]


# Page titles that name a page of a site, not a piece of writing.
SITE_PAGE = re.compile(r"(?i)^(about|home|bio|biography|resume|cv|contact|profile|welcome)\b")


def _own_post(doc: Document, forms: NameForms) -> list[Fact]:
    """A post the target wrote (their byline, or their own first-person page) is one of their
    works: 'Farewell GitHub, Hello Immersive Computing', '10 Years of Building a Better
    Internet'. Not an About page, nor a title that is their name, nor a transcript's first
    turn taken for its title ('Interviewer: How has the business changed?')."""
    title = " ".join((doc.title or "").split())
    by_target = bool(doc.author) and classify_name(_names_in(doc.author or "", forms),
                                                   forms) == "target"
    if len(title.split()) < 3 or SITE_PAGE.match(title) or speaker_label(title) is not None or \
            classify_name(_names_in(title, forms), forms) != "other" or \
            not (by_target or first_person_page(doc, forms) and _own_words(doc.text)):
        return []
    evidence = Evidence(url=doc.url, quote=title[:MAX_QUOTE], rule="own-post-title",
                        as_of=doc.date)  # the page's title: no place in its text
    return [Fact(category="work", fields={"title": title, "kind": "article"},
                 evidence=(evidence,), confidence=CONF_SENTENCE)]


def _own_words(text: str) -> bool:
    """First-person words outside quotations: the page speaks, not the people it quotes."""
    return _in_first_person(QUOTED.sub(" ", text), len(text.split()))


# A filing names its parties once and then by a defined term: 'AFC Gamma, Inc. (the
# "Company")', 'Cabot Corporation ("Cabot" or the "Company")'.
DEFINED_TERM = re.compile(
    r"(?P<name>[A-Z][\w&.'’-]*(?:[ ,]+(?:[A-Z][\w&.'’-]*|of|and|&))*?)"
    r"(?:,?\s*(?:formerly|f/k/a)\s+[^()]{1,80}?)?"  # 'X Corporation, formerly Y, Inc.,'
    r"(?:,?\s*(?:and|together with) its (?:[\w-]+ )?subsidiar(?:y|ies))?,?\s*"
    r"\((?P<terms>[^()]{1,80})\)")
# The cover page of an SEC form: 'AFC GAMMA, INC.' over '(Exact name of registrant as
# specified in its charter)': what the filing's "Company" is, defined or not.
REGISTRANT = re.compile(r"(?im)^(?P<name>[^\n()]{3,80})\n\s*\(exact name of (?:the )?registrant")
LEGAL_NAME = re.compile(r"\b(Inc|Incorporated|Corp|Corporation|Company|Co|LLC|L\.L\.C|Ltd|"
                        r"Limited|plc|PLC|N\.V|AG|SE|S\.A|LP|L\.P|Holdings|Bancorp|Trust)\.?$")
# An organization named by its initials: 'The InnerSource Commons Foundation (ISC)'.
NAME_TERM = re.compile(r"(?P<name>[A-Z][\w&'’-]*(?:\s+(?:[A-Z][\w&'’-]*|of|and|for|&))*)"
                       r"\s*\(\s*[“\"]?(?P<term>[A-Z][A-Z0-9&]{1,6})[”\"]?\s*\)")
# A thing named by its initials: 'long-term incentive ("LTI") awards', 'total shareholder
# return (TSR)'. Such a term is no organization (defined_terms maps it to "").
# Found from the bracket back, not by trying every lower-case letter of a filing (0.7 s on the
# 1 MB CAMP4 prospectus that way): the words are those just before it, within THING_REACH.
INITIALS = re.compile(r"\(\s*[“\"]?(?P<term>[A-Z][A-Z0-9]{1,5})[”\"]?\s*\)")
WORDS_BEFORE = re.compile(r"(?P<words>[a-z][a-z]*(?:[\s-]+[a-z]+){1,5})\s*\Z")
THING_REACH = 300
QUOTED_TERM = re.compile(r"[“\"]([A-Z][\w&.' -]{1,40})[”\"]")


def defined_terms(text: str, registrant: str | None = None) -> dict[str, str]:
    """Defined terms (folded) and the names they stand for, from the first definition of each;
    a filing's registrant (its cover page) is "the Company" unless the text defines it."""
    out: dict[str, str] = {}
    for match in DEFINED_TERM.finditer(text):
        name = re.split(r"\s+(?:of|and)\s+(?=[A-Z])", match.group("name").strip(" ,"))[-1]
        if not LEGAL_NAME.search(name) or len(name.split()) < 2:
            continue
        for term in QUOTED_TERM.findall(match.group("terms")):
            out.setdefault(fold(term.strip()), name)
    for match in NAME_TERM.finditer(text):  # 'The InnerSource Commons Foundation (ISC)'
        name = _named_by(match.group("name").split(), match.group("term"))
        if name:
            out.setdefault(fold(match.group("term")), name)
    for words, term in _things(text):  # '(“LTI”)' after 'long-term incentive'
        initials = "".join(w[0] for w in re.split(r"[\s-]+", words) if w)
        if initials.endswith(term.lower()):
            out.setdefault(fold(term), "")
    cover = REGISTRANT.search(text)
    for name in (cover.group("name").strip() if cover else "", registrant or ""):
        if name.isupper():  # 'AFC GAMMA, INC.' -> 'Afc Gamma, Inc.'; 'N.V.' stays
            name = " ".join(w if "." in w.rstrip(".,") and not re.match(
                r"[A-Z]+\.(?:COM|NET|ORG|IO)\b", w) else w.capitalize() for w in name.split())
        if LEGAL_NAME.search(name):
            out.setdefault("company", name)
    return out


def _things(text: str) -> Iterator[tuple[str, str]]:
    """(the lower-case words, the initials) of each '... words (“AB”)' in the text."""
    last = 0
    for bracket in INITIALS.finditer(text):
        words = WORDS_BEFORE.search(text, max(last, bracket.start() - THING_REACH),
                                    bracket.start())
        if words is not None:
            last = bracket.end()
            yield words.group("words"), bracket.group("term")


def _named_by(words: list[str], initials: str) -> str | None:
    """The shortest end of a run of capitalized words whose capitals spell the initials in
    order from its first word ('InnerSource Commons Foundation' for ISC), if any."""
    for start in range(len(words) - 1, -1, -1):
        name = words[start:]
        if not name[0][:1].isupper() or name[0] in ("The", "A", "An"):
            continue
        capitals = iter(c for w in name for c in w if c.isupper() or c.isdigit())
        if name[0][0] == initials[0] and all(c in capitals for c in initials):
            return " ".join(name) if len(name) > 1 else None
    return None


def resolve_defined_terms(facts: list[Fact], terms: dict[str, str],
                          units: frozenset[str] = frozenset()) -> list[Fact]:
    """'the Company' in a role or board seat becomes the name the page defined it as; a
    role at one of the company's own business units ('President, Reinforcement Materials',
    where the page speaks of the 'Reinforcement Materials segment') is a role at the company,
    the unit part of the title."""
    if not terms:
        return facts
    out = []
    for fact in facts:
        org = fact.fields.get("org")
        key = fold(re.sub(r"(?i)^the\s+|['’]s\b.*$", "", org or "").strip())
        if org and key in terms and not terms[key]:
            continue  # a role 'at LTI' where the page defined LTI as long-term incentive
        if org and key in terms:
            fact = replace(fact, fields={**fact.fields, "org": terms[key]})
        elif org and key in units and "company" in terms and fact.category == "role":
            fact = replace(fact, fields={**fact.fields, "org": terms["company"],
                                         "title": f"{fact.fields.get('title')}, {org}"})
        out.append(fact)
    return out


# 'the Reinforcement Materials segment', 'our Performance Chemicals Segment and Americas
# Region', 'its Aerospace Systems division': parts of the company, named as such.
BUSINESS_UNIT = re.compile(
    r"\b(?P<name>[A-Z][\w&-]*(?:\s+(?:and\s+|&\s+)?[A-Z][\w&-]*){0,3})\s+"
    r"(?:segment|Segment|division|Division|business unit|Business Unit|business segment)s?\b")


def business_units(text: str) -> frozenset[str]:
    """The names a page gives to parts of a company (folded): a title 'at' one of them is a
    title at the company."""
    names = (re.sub(r"^(?:(?:The|Our|Its|Each|A|An)\s+)+", "", m.group("name"))
             for m in BUSINESS_UNIT.finditer(text))
    return frozenset(fold(name) for name in names if name[:1].isupper())


def about_page(doc: Document, forms: NameForms) -> bool:
    """Is the page as a whole about the target (its title, author or JSON-LD names them)?"""
    heads = [doc.title or "", doc.author or ""]
    if any(classify_name(_names_in(h, forms), forms) == "target" for h in heads if h):
        return True
    return bool(person_names_in_json_ld(doc.json_ld, forms, main_only=True))


# A page with at least this share of first-person words ("I", "my", "me") is written in the
# first person (a personal About page, a post, a column: 1 in 50 words, where a company bio
# or a news story has almost none).
FIRST_PERSON_SHARE = 0.02
FIRST_PERSON_WORDS = word_pattern(FIRST_PERSON)
BYLINE = re.compile(r"(?m)^\s*(?:By|Written by|Posted by|Author:)\s+"
                    r"([A-Z][\w.'’-]+(?:\s+[A-Z][\w.'’-]+){1,3})")


def first_person_page(doc: Document, forms: NameForms) -> bool:
    """A page written in the first person that names no one else as its author speaks for the
    target: the user gave it as theirs (a personal About page, a column, a post)."""
    if not _in_first_person(doc.text, len(doc.text.split())):
        return False
    if doc.author and classify_name(doc.author, forms) == "other":
        return False
    byline = BYLINE.search(doc.text[:2000])
    if byline is not None and classify_name(byline.group(1), forms) == "other":
        return False
    return _names_target_anywhere(doc, forms)


def _in_first_person(text: str, words: int) -> bool:
    """At least FIRST_PERSON_SHARE of a page's words are first-person words of this text."""
    return words > 0 and len(FIRST_PERSON_WORDS.findall(text)) >= FIRST_PERSON_SHARE * words


def _names_target_anywhere(doc: Document, forms: NameForms) -> bool:
    """The target's surname in the page's text, or in the host name of its address or of an
    address it links to ('My name is Tom Preston-Werner', tom.preston-werner.com): a
    first-person page that never names them could be anyone's."""
    places = [fold(doc.text), *(fold(urlsplit(u).hostname or "") for u in
                                  (doc.url, *(link.url for link in doc.links)))]
    forms_ = {s for s in forms.surnames if len(s) > 2}
    forms_ |= {s.replace("-", "").replace(" ", "") for s in forms_}
    return any(s in place for s in forms_ for place in places)


def _names_in(text: str, forms: NameForms) -> str:
    """The stretch of a title that names the target's surname, if any ('Q&A: Adaeze Nwosu on
    ...', 'Charles R. Delacroix Jr., boat builder, dies')."""
    folded = fold(text)
    for surname in forms.surnames:
        at = folded.find(surname)
        if at >= 0:
            before = folded[:at].split()[-3:]
            after = folded[at + len(surname):].split()[:1]
            suffix = [w for w in after if w.strip(".,") in forms.suffixes]
            return " ".join([*before, surname, *suffix])
    return text


def page_about_namesake(doc: Document, forms: NameForms) -> bool:
    """Is the page about someone else of the target's surname (a parent's obituary)?"""
    named = _names_in(doc.title or "", forms)
    if any(s in fold(named) for s in forms.surnames) and classify_name(named, forms) == "other":
        return True
    main = [p.get("name") for p in doc.json_ld if p.get("@type") == "Person"]
    return any(isinstance(n, str) and any(s in fold(n) for s in forms.surnames) and
               classify_name(n, forms) == "other" for n in main)


# Longest line given to spaCy; a longer one is cut at a space before this many characters.
# spaCy refuses texts over nlp.max_length (1,000,000, error E088) and its parser needs about
# 1 GB per 100,000 characters, so a line ten times longer than any real paragraph is cut.
MAX_LINE_CHARS = 100_000


def paragraphs(text: str) -> list[tuple[int, str]]:
    """(offset, line) for each non-empty line of the extracted text; lines over
    MAX_LINE_CHARS come as several pieces."""
    out, offset = [], 0
    for whole in text.split("\n"):
        for turn, line in _turns(whole):
            start = 0
            while len(line) - start > MAX_LINE_CHARS:
                cut = line.rfind(" ", start + 1, start + MAX_LINE_CHARS) + 1 or \
                    start + MAX_LINE_CHARS
                if line[start:cut].strip():
                    out.append((offset + turn + start, line[start:cut]))
                start = cut
            if line[start:].strip():
                out.append((offset + turn + start, line[start:]))
        offset += len(whole) + 1
    return out


# A transcript's turn marked inside a paragraph: '... no worries. [Raja Koduri] [00:08] okay.'
INLINE_TURN = re.compile(r"(?<=\S)\s+(?=\[[A-Z][\w.'’ -]{0,40}\]\s*\[\d{1,2}(?::\d\d){1,2}\])")


def _turns(line: str) -> list[tuple[int, str]]:
    """A line holding several speakers' turns ('[Bryan Cantrill] [00:00] Okay. [Raja Koduri]
    [00:05] I don't ...') as one piece per turn, with where each starts; else the line."""
    cuts = [m.end() for m in INLINE_TURN.finditer(line)]
    if not cuts:
        return [(0, line)]
    starts = [0, *cuts]
    return [(a, line[a:b].rstrip()) for a, b in zip(starts, [*cuts, len(line)], strict=True)]


@dataclass(frozen=True)
class _Page:
    """A page ready to read: the lines to parse (index on the page, offset in the text, speaker
    label or None, text), and what is decided from the whole page before any parse."""

    doc: Document
    lines: list[tuple[int, int, str | None, str]]
    labelled: bool  # the page has "Name:" speaker turns
    about: bool  # the page as a whole is about the target
    parts: tuple[int, ...] = (0,)  # where each part read as a page of its own starts in lines
    terms: dict[str, str] = field(default_factory=dict)  # defined_terms of the page
    units: frozenset[str] = frozenset()  # business_units of the page
    foreign: frozenset[str] = frozenset()  # foreign_pronouns of the page


def _parts(page: _Page) -> list[_Page]:
    """A page, or the sections of a big filing that name the target (prefilter.sections)."""
    ends = (*page.parts[1:], len(page.lines))
    return [page] if len(page.parts) == 1 else [
        replace(page, lines=page.lines[a:b], parts=(0,))
        for a, b in zip(page.parts, ends, strict=True)]


def _prepare(doc: Document, forms: NameForms, words: prefilter.Vocabulary | None,
             lexicons: Lexicons) -> _Page:
    """Split a page into lines; given the prefilter's vocabulary, keep only those that may
    matter."""
    fields = frozenset(lexicons.label_words)
    lines = _name_speakers([_split_label(offset, line, fields)
                            for offset, line in paragraphs(doc.text)], forms)
    labelled = sum(1 for _, label, _ in lines if label) >= 2
    about = about_page(doc, forms) or not labelled and first_person_page(doc, forms)
    sections = prefilter.sections(lines, forms, about, labelled)
    keep = [sections is None] * len(lines)  # a big filing: only the sections naming them
    for a, b in [(0, len(lines))] if sections is None else sections:
        if words is not None:
            keep[a:b] = prefilter.keep_mask(lines[a:b], forms, about, labelled, words)
        elif sections is not None:
            keep[a:b] = [True] * (b - a)
    log.debug("prefilter: %d of %d lines of %s parsed%s", sum(keep), len(lines), doc.url,
              "" if sections is None else f" ({len(sections)} sections name the target)")
    kept = [(i, *line) for i, (line, k) in enumerate(zip(lines, keep, strict=True)) if k]
    indices = [i for i, *_ in kept]
    parts = tuple(bisect_left(indices, a) for a, _ in sections) if sections else (0,)
    terms = defined_terms(doc.text, doc.registrant)
    units = business_units(doc.text) if "company" in terms else frozenset()
    return _Page(doc, kept, labelled, about, parts, terms, units,
                 foreign_pronouns(doc.text, forms))


def _read_page(page: _Page, forms: NameForms, lexicons: Lexicons,
               parses: Iterator[Doc], common: frozenset[str] = frozenset()) -> list[Fact]:
    """The facts about the target in a page's lines, read in page order with their parses."""
    doc = page.doc
    guest = any(label and target_label(label, forms) for _, _, label, _ in page.lines)
    attributor = Attributor(forms, page.about, page.labelled,
                            surname_is_target=not page_about_namesake(doc, forms), guest=guest,
                            foreign=page.foreign)
    reader = rules.SentenceReader(lexicons, forms, attributor.others, page_org(doc),
                                  common=common, defined=frozenset(page.terms))
    out: list[Fact] = []
    heading: str | None = None  # the section heading rows and lines sit under
    previous: str | None = None  # the line just before, if it was a heading
    owner = _owner_pattern(forms)
    last = -1
    boards = _Boards.of(doc, page.lines[0][3] if page.lines else "")
    # not strict: the parses end early when the target's time budget is spent
    for k, ((index, offset, label, raw), parsed) in enumerate(
            zip(page.lines, parses, strict=False)):
        if index != last + 1:
            previous = None  # a skipped line came between (skipped lines are no headings)
            boards.skipped()
        last = index
        entry = rules.is_entry(raw, parsed)
        listed = rules.entry_name(raw, parsed, common) if entry else None  # 'Name, Title'
        name = listed or (rules.name_before_title(parsed) if entry else None)
        seat = boards.read(raw, parsed, label is None and is_heading(parsed), name, forms,
                           lexicons)
        if seat is not None:  # her entry in the board's list: a seat on that board
            out.append(_wrap(doc, offset, raw, seat, CONF_ROW, "entry"))
        director = rules.director_since(raw, reader.defined) \
            if attributor.focus == "target" else None
        if director is not None:
            out.append(_wrap(doc, offset, raw, director, CONF_ROW, "entry"))
        if name is not None:
            attributor.entry(name)  # "Clare Martorana, Federal CIO, ...": her entry starts
        elif entry and rules.leading_person(parsed) is not None:
            attributor.heading(parsed)
        elif label is None and _name_over_title(raw, page.lines[k + 1][3] if k + 1 < len(
                page.lines) else "", common):
            attributor.entry(raw)  # 'Imo Udom' over 'SVP of Innovation Ecosystems', whatever
            # NER made of the name
        if attributor.focus == "target" and entry and \
                (rules.org_colon(raw) or not _names_other(parsed, forms)):
            found = [f for f in rules.entry_facts(raw, parsed, heading, lexicons, reader.page_org,
                                                  listed)
                     if not (boards.listing and f.rule == "entry-page-title" and
                             rules.volunteer_post(f.fields["title"]))]
            # ('Member', 'Secretary' under a name in a board's list: the seat, not a job)
            if found:
                log.debug("[entry] %s -> %s", raw[:120], [f.fields for f in found])
                out.extend(_wrap(doc, offset, raw, f, CONF_ROW, "entry") for f in found)
                previous = None
                continue
        if rules.is_row(raw) and not rules.is_prose(raw):
            if not rules.terms(parsed, "TITLE") and not re.search(r"\d", raw):
                attributor.heading(parsed)  # "- Lorraine M. Baptiste, EdD" starts her entry
            if attributor.focus == "target" and not _names_other(parsed, forms):
                found = [*rules.row_facts(raw, parsed), *rules.row_works(raw, heading, owner)]
                log.debug("[row] %s -> %s", raw[:120], [f.fields for f in found])
                out.extend(_wrap(doc, offset, raw, f, CONF_ROW, "row") for f in found)
            previous = None
            continue
        if rules.is_row(raw):  # a list item that is really a paragraph
            bullet = len(raw) - len(raw.lstrip("-•* "))
            offset, raw = offset + bullet, raw[bullet:]
        if attributor.focus == "target" and label is None and previous is not None and \
                classify_name(raw, forms) == "other":
            out.extend(_wrap(doc, offset, raw, f, CONF_ROW, "heading")
                       for f in rules.session_title(raw, previous))
        previous = raw if label is None and is_heading(parsed) else None
        if previous is not None:
            heading = raw
        for item in attributor.paragraph(parsed, raw, label):
            out.extend(_sentence_facts(doc, offset, item, reader))
    return out


def _name_over_title(raw: str, below: str, common: frozenset[str]) -> bool:
    """A line that is a name alone, with a word in no dictionary, over a line naming a
    position: a person's entry on a leadership page starts."""
    return rules.name_alone(raw.strip()) and rules.title_line(below) and \
        not rules.title_line(raw) and any(w.lower() not in common for w in raw.split())


@dataclass
class _Boards:
    """Whose board the lines being read list, and whether the target's seat on it is taken:
    a board named by the page's title ('Board of Trustees of X'), or on a page of boards,
    by the heading over each list ('Mozilla Corporation', then 'Mozilla Foundation')."""

    org: str | None
    by_headings: bool
    listing: bool
    seated: bool = False
    after_heading: bool = True  # the line before was a heading (or the page's title)
    pending: str | None = None  # an organization's name as a heading, if a name follows

    def skipped(self) -> None:
        """Lines were skipped (never headings): the next line follows a paragraph."""
        self.after_heading, self.pending = False, None

    @classmethod
    def of(cls, doc: Document, first_line: str) -> _Boards:
        org = rules.board_of_page([doc.title or "", first_line])
        if org is not None:
            return cls(org, False, True)
        by_headings = rules.boards_page([doc.title or "", first_line])
        org = page_org(doc) if by_headings else None
        return cls(org, by_headings, org is not None)

    def read(self, raw: str, parsed: Doc, heading: bool, name: str | None, forms: NameForms,
             lexicons: Lexicons) -> rules.Found | None:
        """The target's seat if this line starts her entry in a board's list ('Jane Roe,
        Treasurer' or her name alone as a heading); else follow the sections."""
        if self.pending is not None and (name is not None or heading and (
                rules.name_alone(raw) or any(e.label_ == "PERSON" for e in parsed.ents))):
            self.org, self.listing, self.seated = self.pending, True, False
        self.pending = None
        seat = self._seat(raw, name or (raw if heading else None), forms, lexicons)
        if seat is None and heading:
            self._heading(raw, parsed)
        # a name and a title may be headings over an entry; not so a paragraph
        self.after_heading = heading and not (self.by_headings and self.org is None)
        return seat

    def _heading(self, raw: str, parsed: Doc) -> None:
        # an organization's name right under other headings is a person's employer, in the
        # header of their entry ('Patrick Byrne / Treasurer / DAS42'); after a paragraph, or
        # first on the page, and with a person's name right under it, it names the next board
        first = self.by_headings and self.org is None
        self.pending = rules.board_heading(parsed) if self.by_headings and (
            first or not self.after_heading) else None
        if self.pending is None and self.org is not None:
            self.listing = rules.board_section(raw, self.listing)

    def _seat(self, raw: str, name: str | None, forms: NameForms, lexicons: Lexicons
              ) -> rules.Found | None:
        if name is None or self.org is None or not self.listing or self.seated or \
                classify_name(name, forms) not in ("target", "surname"):
            return None
        self.seated = True
        return rules.board_seat(self.org, lexicons, rules.seat_position(raw))


def page_org(doc: Document) -> str | None:
    """The organization a board, trustees or leadership page belongs to, from its title:
    'Board of Trustees | Office of the President | Rittenhouse University'."""
    title = doc.title or ""
    if not re.search(r"(?i)\b(board|trustees|directors|leadership|governors)\b", title):
        return None
    parts = [re.sub(r"(?i)^(about|meet)\s+(?:the\s+)?", "", p.strip())
             for p in re.split(r"\s+[|·–—-]\s+|:\s+", title) if p.strip()]
    parts += [doc.site] if doc.site and "." not in doc.site else []
    parts += [m.group(1) for p in parts  # "Meet RTI's Executive Leadership"
              for m in [re.match(r"([A-Z][\w&.-]*(?: [A-Z][\w&.-]*){0,4})['’]s\s", p)] if m]
    named = [p for p in parts if not re.search(
        r"(?i)\b(board|trustees|directors|leadership|office|our|about|team)\b", p)]
    return named[-1] if named else None


def _owner_pattern(forms: NameForms) -> re.Pattern[str]:
    """Words that make a work the target's own: their names, or his/her/their."""
    names = sorted(forms.given | forms.surnames, key=len, reverse=True)
    alternatives = [re.escape(n) for n in names if n] + ["his", "her", "their"]
    return re.compile(r"(?i)\b(" + "|".join(alternatives) + r")\b")


def _split_label(offset: int, line: str, fields: frozenset[str]
                 ) -> tuple[int, str | None, str]:
    """(offset of the text, speaker label or None, text without the label). A label holding a
    field word ("Director Since:", "Age:") is a field of a bio, not a speaker."""
    label = speaker_label(line)
    if label and len(label[0].split()) <= 4 and not rules.is_row(line) and \
            not fields.intersection(fold(label[0]).split()):
        return offset + label[1], label[0], line[label[1]:]
    return offset, None, line


# A machine transcript's turn labels, which name no one: '[Speaker 3] [01:33] Nice to be here'.
NUMBERED_SPEAKER = re.compile(r"^Speaker \d{1,2}$")


def _name_speakers(lines: list[tuple[int, str | None, str]], forms: NameForms
                   ) -> list[tuple[int, str | None, str]]:
    """Which numbered speaker of a machine transcript is the target: the one who answers
    when another speaker calls them by name ('Well, Nirav, welcome.' -> the next speaker), or
    who says 'I'm Nirav'. Their turns get the name as label; the others stay unnamed."""
    numbered = [k for k, (_, label, _) in enumerate(lines)
                if label is not None and NUMBERED_SPEAKER.match(label)]
    if len({lines[k][1] for k in numbered}) < 2 or any(
            label and classify_name(label, forms) != "other" for _, label, _ in lines):
        return lines
    names = sorted({n for n in forms.given | forms.surnames if len(n) > 2}, key=len,
                   reverse=True)
    if not names:
        return lines
    name = "|".join(re.escape(n) for n in names)
    called = re.compile(r"(?i)(?:^|[,.!?;]\s*|\b(?:hi|hey|thanks|welcome|right)\s*,?\s+)"
                        r"(" + name + r")\s*[,.!?]")
    own = re.compile(r"(?i)\b(?:I'm|I am|my name is|this is)\s+(" + name + r")\b")
    speakers = [(str(lines[k][1]), lines[k][2]) for k in numbered]
    votes: dict[str, int] = {}
    callers: dict[str, int] = {}
    said: str | None = None
    for n, (label, text) in enumerate(speakers):
        if own.search(text):
            votes[label] = votes.get(label, 0) + 2
        call = called.search(text)
        if call is not None:
            callers[label] = callers.get(label, 0) + 1
            answer = next((other for other, _ in speakers[n + 1:] if other != label), None)
            if answer is not None:
                votes[answer] = votes.get(answer, 0) + 1
                said = said or call.group(1)
    ranked = sorted(votes.items(), key=lambda kv: kv[1], reverse=True)
    if not ranked or ranked[0][1] < 2 or len(ranked) > 1 and ranked[0][1] < 2 * ranked[1][1] \
            or callers.get(ranked[0][0], 0) >= ranked[0][1]:
        return lines
    best, name_as_said = ranked[0][0], said or names[0]
    return [(offset, name_as_said if label == best else label, text)
            for offset, label, text in lines]


def _clean_row(line: str) -> str:
    """The text of a line as spaCy reads it: a row's cells apart, a transcript's time marks
    ('I went to [01:20] Stuyvesant High School') as blank as the space they take."""
    line = TIME_MARK.sub(lambda m: " " * len(m.group(0)), line)
    return line.lstrip("-•* ").replace("|", " ; ").strip(" ;") if rules.is_row(line) else line


TIME_MARK = re.compile(r"[\[(]\d{1,2}:\d{2}(?::\d{2})?[\])]")


def _names_other(parsed: Doc, forms: NameForms) -> bool:
    """Does a career row name someone else ('Priyanka Raman — VP of Product, ...')? A name
    after the title is the employer NER took for a person ('Analyst, Saltmarsh Renewables'),
    and so is one capitalized word before it ('Schema Co-Editor, W3C')."""
    titles = rules.terms(parsed, "TITLE")
    first_title = titles[0].start if titles else len(parsed)
    return any(ent.label_ == "PERSON" and classify_name(ent.text, forms) == "other" and
               ent.start < first_title and len(ent.text.split()) >= 2 and
               not rules.ORG_HEAD.search(ent.text) and
               not any(t.start < ent.end and ent.start < t.end for t in titles)
               for ent in ents(parsed))


def _sentence_facts(doc: Document, offset: int, item: Attributed,
                    reader: rules.SentenceReader) -> Iterator[Fact]:
    log.debug("[%s] %s", item.about, item.sent.text[:160])
    for found in reader.read(item):
        log.debug("    -> %s %s (%s)", found.category, found.fields, found.rule)
        yield _wrap(doc, offset + item.sent.start_char, item.sent.text, found, CONF_SENTENCE,
                    found.rule)


def _wrap(doc: Document, start: int, text: str, found: rules.Found, confidence: float,
          rule: str) -> Fact:
    quote = " ".join(text.split())[:MAX_QUOTE]
    evidence = Evidence(url=doc.url, quote=quote, start=start, end=start + len(text),
                        rule=found.rule or rule, as_of=doc.date)
    return Fact(category=found.category, fields=found.fields, evidence=(evidence,),
                confidence=confidence)


__all__ = ["find_facts", "aliases_of"]
