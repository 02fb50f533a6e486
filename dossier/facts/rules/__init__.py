"""Rule components that read one fact category each from a sentence about the target."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Span

from ...lexicons import Lexicons
from ..mentions import Attributed, NameForms, classify_name, ents, fold
from .boards import board
from .education import education
from .entries import (
    board_heading,
    board_of_page,
    board_seat,
    board_section,
    boards_page,
    director_since,
    entry_facts,
    entry_name,
    leading_person,
    name_alone,
    name_before_title,
    org_colon,
    seat_position,
    title_line,
)
from .groups import association, cause, gifts, held_by_them, missions, stances
from .personal import activity, family
from .roles import company_context, is_title_only, led_by, roles, row_facts
from .spans import (
    EVENT_NAME,
    ORG_HEAD,
    SCHOOL,
    Found,
    clean_org,
    has_word,
    headed_by_title,
    is_prose,
    is_row,
    org_spans,
    terms,
)
from .tenures import tenures
from .works import made, row_works, session_title, work

__all__ = ["SentenceReader", "Found", "terms", "is_row", "is_prose", "row_facts", "row_works",
           "session_title", "entry_facts", "is_entry", "org_colon", "leading_person",
           "entry_name", "board_of_page", "board_section", "board_seat", "boards_page",
           "board_heading", "seat_position", "name_alone", "title_line", "director_since",
           "name_before_title", "volunteer_post"]


# A line this short may be an entry even with a final stop or no comma ('Legendary
# Requirements, CEO.', 'RWOT TREASURER & BOARD MEMBER.').
SHORT_ENTRY_WORDS = 12
# A final stop that ends a company's or a person's name, not a sentence ('..., Highmark Inc.').
ABBREVIATION_END = re.compile(r"\b(?:Inc|Ltd|Co|Corp|Jr|Sr|LLC|L\.L\.C|L\.P|N\.A|S\.A|U\.S|"
                              r"Bros|Cos|Assn|Dept|Univ)\.$")


def is_entry(raw: str, parsed: Doc) -> bool:
    """A list item or a verbless line that may state positions ('Trustee, GBH')."""
    if is_row(raw):
        return True
    short = len(raw.split()) <= SHORT_ENTRY_WORDS
    stop = raw.rstrip().endswith(".") and not ABBREVIATION_END.search(raw.rstrip())
    if raw.rstrip().endswith(("?", "!")) or stop and not short or \
            "," not in raw and ":" not in raw and not short:
        return False
    # a capitalized 'verb' is a mis-parse of title-case words ('DID & VC Use Cases Co-Editor')
    return not any(t.pos_ in ("VERB", "AUX") and t.dep_ == "ROOT" and t.text.islower()
                   for t in parsed)


# Posts a member holds in an association ('past president', 'co-chair', 'treasurer'); an
# 'Executive Director' or a 'Senior Director, Internet Trust' of one is its staff.
VOLUNTEER_POSTS = {"chair", "co-chair", "chairman", "chairwoman", "chairperson", "president",
                   "vice", "treasurer", "secretary", "member", "fellow", "founder", "co-founder",
                   "cofounder", "organizer", "co-organizer", "governor", "trustee", "volunteer",
                   "past", "founding", "of", "and", "&", "the", "board", "inaugural"}


# Names of events, which 'the company' never refers to.


def volunteer_post(title: str | None) -> bool:
    return bool(title) and all(w in VOLUNTEER_POSTS for w in (title or "").lower().split())


@dataclass
class SentenceReader:
    """Reads every category from sentences about the target, keeping a little page context."""

    lexicons: Lexicons
    forms: NameForms
    others: set[str] = field(default_factory=set)  # surnames of other people on the page
    page_org: str | None = None  # the organization a board or team page is about
    common: frozenset[str] = frozenset()  # dictionary words (the model's WordNet index)
    defined: frozenset[str] = frozenset()  # a filing's defined terms for parties ("company")
    last_org: str | None = None
    named: list[str] = field(default_factory=list)  # organizations named so far, in order

    def is_person(self, span: Span) -> bool:
        """Is this capitalized span a person's name rather than an organization's?"""
        words = fold(span.text).removesuffix("'s").split()
        if classify_name(span.text, self.forms) != "other":
            return True
        if headed_by_title(span) or span.label_ == "PERSON" and company_context(span):
            return False  # 'the CEO of Open Collective', 'the venture firm Ferro Lane'
        if words and words[-1] in self.others and len(words) <= 2 and all(
                w.isalpha() for w in words) and not ORG_HEAD.search(span.text):
            return True  # "Priyanka Raman", "Raman": someone named in full on the page
        return span.label_ == "PERSON" and not ORG_HEAD.search(span.text) and \
            not span.text.startswith("The ")  # "a reporter at X", "X's CTO": X employs

    def read(self, item: Attributed) -> Iterator[Found]:
        yield from family(item, self.forms)
        if item.about == "target":
            yield from self._target_facts(item)
        # 'LVMH, the conglomerate led by Bernard Arnault' names him whatever it is about
        yield from led_by(item, self)
        self._remember_org(item.sent)

    def _remember_org(self, sent: Span) -> None:
        """The organization last named: what 'the company' or 'the paper' refers to; and
        every name seen, for 'the food bank's board' after 'Harbor Lights Food Bank'."""
        self.named.extend(n for n in map(clean_org, org_spans(sent)) if n[:1].isupper())
        for org in reversed(org_spans(sent)):
            name = clean_org(org)
            if not self.is_person(org) and not is_title_only(org, sent) \
                    and not terms(org, "DEGREE") and not SCHOOL.search(name) and not has_word(
                    name, self.lexicons.association_words + self.lexicons.cause_words) \
                    and len(name) > 2 and org.label_ != "EVENT" and not EVENT_NAME.search(name):
                self.last_org = name  # not 'the Consumer Electronics Show': no employer
                return

    def resolve(self, phrase: str) -> str | None:
        """A lower-case reference ('the food bank') to the latest name that contains it;
        in a filing that defined 'the Company', 'our' is the Company."""
        if phrase.lower() == "our":
            return "the Company" if "company" in self.defined else None
        words = set(phrase.lower().split())
        return next((n for n in reversed(self.named) if words <= set(n.lower().split())), None)

    def _document(self, name: str) -> bool:
        """A filing's plan, agreement, table column or section ('Supplemental Cash Balance
        Plan', 'All Other Compensation', 'Proxy Statement'): its last word says so."""
        words = fold(name).split()
        return bool(words) and words[-1] in self.lexicons.not_org_heads

    def _may_be_board(self, org: str) -> bool:
        """Not the target's own name ('Max Hunter joins ISRG board' gives no board 'Max'), nor a
        document ('Proxy Statement')."""
        return bool(org.split()) and not self._document(org) and \
            classify_name(org, self.forms) == "other"

    def _may_be_cause(self, name: str, sent: Span) -> bool:
        """Not one dictionary word ('Software'), nor a heritage or place ('Choctaw and
        Chickasaw'), nor a filing's plan or agreement ('benefits under the Supplemental Cash
        Balance Plan'), nor the target's own name."""
        if self._document(name):
            return False
        words = fold(name).split()
        places = {w for e in ents(sent) if e.label_ in ("NORP", "GPE", "LOC")
                  for w in fold(e.text).split()}
        if len(words) == 1 and words[0] in self.common:
            return False
        if words and all(w in places or w in ("and", "&", "the") for w in words):
            return False
        return classify_name(name, self.forms) == "other"

    def _target_facts(self, item: Attributed) -> Iterator[Found]:
        boards = [f for f in board(item, self.lexicons, self.page_org, self.resolve)
                  if self._may_be_board(f.fields["org"])]
        board_orgs = {f.fields["org"] for f in boards}
        yield from boards
        yield from (f for f in education(item)  # not 'Whitfield attended ...' as a school
                    if classify_name(f.fields.get("institution") or "", self.forms) == "other")
        listed = tenures(item, "company" in self.defined)  # a dated list: each part its own
        for found in listed or roles(item, self):
            org = found.fields.get("org") or ""
            if org and classify_name(org, self.forms) != "other":
                continue  # her own name taken for an employer
            if org in board_orgs and re.search(r"(?i)\b(director|member|trustee|governor|"
                                               r"chair\w*)\b", found.fields.get("title") or ""):
                continue  # 'a director of X' is the seat on X's board, not a job there
            if org and has_word(org, self.lexicons.association_words) and \
                    not SCHOOL.search(org) and volunteer_post(found.fields.get("title")):
                yield Found("association", {"org": org, "position": found.fields["title"]},
                            "role-in-association")
            else:
                yield found
        yield from (f for f in association(item, self.lexicons, board_orgs)
                    if classify_name(f.fields["org"], self.forms) == "other")
        yield from (f for f in [*cause(item, self.lexicons, self.forms), *gifts(item, self.forms)]
                    if self._may_be_cause(f.fields["name"], item.sent))
        yield from stances(item, self.forms)
        yield from missions(item, self.forms)
        yield from activity(item)
        # a filing's plans, agreements and table columns ('the "Employment Agreement"',
        # 'the "All Other Compensation" column') are quoted, but are not their works
        yield from (f for f in work(item) if f.rule == "work-authored" or
                    not self._document(f.fields["title"]))
        yield from made(item, lambda verb: held_by_them(verb, self.forms))
