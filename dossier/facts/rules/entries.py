"""Structured entries in a person's bio: list items and verbless lines that state a position.

The forms seen on leadership pages, filings and resumes:
  'Chairman and Chief Executive Officer, Biotechonomy Ventures, a life sciences firm, since 2003'
  'Trustee, Boston Museum of Science'
  'Chief Executive Officer & Principal, Norbeck Partners, 2024-present; board member and past
   Chair, Riverside Housing Network, 2015-2023'         (several entries, split at ';')
  'Airbnb: Led the core hosts business, ...'           (organization, then what they did)
Each entry is a title and the organization after it; a description after the organization
('a life sciences firm') is dropped; a board word in the title, or a section heading about
boards, makes it a board seat.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from spacy.tokens import Doc, Span

from ...lexicons import Lexicons
from ...names import fold
from ..mentions import ORG_HEAD, ents
from .boards import board_kind
from .roles import split_founder
from .spans import MONTH, RANGE, YEAR, Found, terms, years_near

# Title words that make a part of an entry a position ("Managing Director", "Trustee").
TITLE_WORD = re.compile(
    r"(?i)\b(chief|chair|chairman|chairwoman|chairperson|president|director|manager|officer|"
    r"founder|co-?founder|partner|head|vp|svp|evp|ceo|cfo|coo|cto|cio|cmo|cpo|editor|"
    r"consultant|associate|lead|professor|dean|trustee|governor|member|principal|fellow|"
    r"advisor|adviser|counsel|secretary|treasurer|engineer|analyst|scientist|architect|"
    r"executive|controller|owner|leader|strategist|researcher|lecturer|attorney|"
    r"economist|investor|entrepreneur|commissioner|ambassador|administrator)\b")
# Titles that are a seat on a board, not a job, when the entry names no other board word.
BOARD_TITLE = re.compile(
    r"(?i)\b(trustee|board member|member of the board|non-executive director|independent "
    r"director|director|supervisory board|governor|board of directors|board)\b")
# Section headings over a list of board seats ("Other Public Company Boards:", "Other Boards
# and Positions", "Directorships").
BOARD_SECTION = re.compile(r"(?i)\b(boards?|directorships?|trustees?|governors)\b")
JOB_SECTION = re.compile(r"(?i)\b(business experience|experience|career|employment|"
                         r"professional|positions? held|work history)\b")
# A part that describes the organization rather than naming it ('a global provider of ...').
DESCRIPTION = re.compile(r"^(?:a|an|the|its|one of|which|who|where|based in|headquartered)\b"
                         r"|^[a-z]")
ORG_COLON = re.compile(r"^(?P<org>[A-Z][\w&'’.\- ]{1,60}?(?: and [A-Z][\w&'’.\- ]{1,40})?)"
                       r"\s*:\s+(?P<what>\S.*)$")
# An entry longer than this many words is prose, not a structured line.
MAX_ENTRY_WORDS = 40
YEARS_IN_PARENS = re.compile(r"\(([^()]*\b(?:19|20)\d\d\b[^()]*)\)")
SINCE = re.compile(r"(?i)\b(?:since|from)\s+(?:\w+\s+)?((?:19|20)\d\d)\b")


def org_colon(raw: str) -> bool:
    """'Airbnb: Led the core hosts business': an organization, then what they did there."""
    colon = ORG_COLON.match(raw.strip().lstrip("-•*·▪◦ ").strip())
    return colon is not None and not TITLE_WORD.search(colon.group("org"))


def entry_facts(raw: str, parsed: Doc, section: str | None, lexicons: Lexicons,
                page_org: str | None = None, name: str | None = None) -> Iterator[Found]:
    """The positions a structured line states (see the module docstring); name: the person's
    name the line starts with, when the caller has read it."""
    text = raw.strip().lstrip("-•*·▪◦ ").strip().rstrip(".")
    parts = re.split(r";\s+", text)  # a filing's career in one item, a position per part
    if max(len(p.split()) for p in parts) > MAX_ENTRY_WORDS or text.startswith("|"):
        return
    colon = ORG_COLON.match(text)
    if colon and not TITLE_WORD.search(colon.group("org")) and not set(
            colon.group("org").lower().split()) & set(lexicons.label_words) and \
            not _names_person(parsed, len(colon.group("org"))):
        yield from _org_then_what(colon.group("org"), colon.group("what"), parsed)
        return
    if colon:  # "Age: 64", "Committee Memberships: ...": a field, not an entry
        return
    text = _without_leading_name(text, parsed, name)
    for part in re.split(r";\s+", text):
        found = _title_org(part, section, lexicons, page_org) or \
            _org_title(part, section, lexicons) or \
            _seat_at(part, page_org, lexicons) or _title_at(part, page_org)
        if found is None:
            continue
        if found.category != "role":
            yield found
            continue
        for title in split_founder(found.fields["title"]):
            yield Found("role", {**found.fields, "title": title}, found.rule)


ENTRY_NAME = re.compile(r"^\s*(?:[-•*]\s*)?((?:[A-Z][\w'’.-]+\s+){1,3}[A-Z][\w'’-]+)"
                        r"\s*[,–—]\s+(.+)$")


def entry_name(raw: str, parsed: Doc | None = None, common: frozenset[str] = frozenset()
               ) -> str | None:
    """The name an entry line starts with: two to four capitalized words (no title or company
    word) before a comma or dash, a title after it ('Tomasz Ekwueme, Chief Information
    Officer, Harbor Transit Authority'); not words NER reads as an organization ('Legendary
    Requirements, CEO.' under a person's name is where that person is CEO), unless, given the
    dictionary's words (common), some word is in no dictionary and none is a company's
    ('Neeraj Bharadwaj, Non-Executive Nominee Director' is a name whatever NER says)."""
    match = ENTRY_NAME.match(raw)
    if not match or not TITLE_WORD.search(match.group(2).split(",")[0]):
        return None
    name = match.group(1)
    if parsed is not None and any(e.label_ == "ORG" and name in e.text for e in ents(parsed)) \
            and (not common or ORG_HEAD.search(name) or
                 all(_in_dictionary(fold(w), common) for w in name.split())):
        return None
    return name if name_alone(name) else None


def _in_dictionary(word: str, common: frozenset[str]) -> bool:
    """A word or its singular is in the dictionary ('requirements')."""
    return word in common or word.endswith("s") and word[:-1] in common


def name_before_title(parsed: Doc) -> str | None:
    """'James J. Gibson Executive Vice President and Chief Operating Officer': a list item that
    runs a person's name into their title, with no comma or dash between."""
    titles = terms(parsed, "TITLE")
    if not titles or not 2 <= titles[0].start <= 4:
        return None
    name = parsed[:titles[0].start].text
    return name if name_alone(name) else None


NAME_ALONE = re.compile(r"^(?:(?:Dr|Mr|Ms|Mrs|Prof)\.?\s+)?(?:[A-Z][\w'’.-]+\s+){1,3}"
                        r"[A-Z][\w'’-]+$")


def title_line(text: str) -> bool:
    """A short line naming a position ('SVP of Innovation Ecosystems', 'Chief Legal Officer')."""
    return len(text.split()) <= 10 and TITLE_WORD.search(text) is not None


def name_alone(text: str) -> bool:
    """Two to four capitalized words that name no title or organization: a person's name as
    the heading of their entry ('Ines Valdrada'), whether or not NER knows the name."""
    text = " ".join(text.split())
    return bool(NAME_ALONE.match(text)) and not TITLE_WORD.search(text) and \
        not ORG_HEAD.search(text) and not ORG_WORDS.search(text) and \
        not re.search(r"\b(of|and|the|for|at)\b", text)


def leading_person(parsed: Doc) -> Span | None:
    """The person's name an entry starts with, before a comma or dash ('Clare Martorana, ...'),
    not an organization or title NER took for one ('Quillon Labs, CEO')."""
    first = next(iter(parsed.ents), None)
    if first is None or first.label_ != "PERSON" or first.start != 0 or len(first) < 2 or \
            ORG_HEAD.search(first.text) or TITLE_WORD.search(first.text) or \
            first.end >= len(parsed) or parsed[first.end].text not in (",", "–", "—", "-", ":"):
        return None
    return first


def _without_leading_name(text: str, parsed: Doc, name: str | None = None) -> str:
    """'Clare Martorana, Federal Chief Information Officer, Office of Management and Budget':
    the entry after the person's name (the caller knows whose entry it is)."""
    first = leading_person(parsed)
    name = first.text if first is not None else name or entry_name(text, parsed)
    joined = name_before_title(parsed) if name is None else None
    if joined is not None and text.startswith(joined):  # 'James J. Gibson Executive ...'
        return text[len(joined):].strip()
    if name is None:
        return text
    rest = text[text.find(name) + len(name):] if name in text else ""
    if not rest.lstrip().startswith((",", "–", "—", "-", ":")):
        return text
    return NAME_SUFFIX.sub("", rest.lstrip(" ,–—-:"))  # 'Michael Roe, Jr. Executive Vice ...'


NAME_SUFFIX = re.compile(r"^(?:Jr|Sr|II|III|IV)\b\.?,?\s*")


def _org_title(text: str, section: str | None, lexicons: Lexicons) -> Found | None:
    """'Legendary Requirements, CEO': the organization first, the title last."""
    parts = [p.strip() for p in text.split(",")]
    if len(parts) != 2 or not TITLE_WORD.search(parts[1]) or TITLE_WORD.search(parts[0]) or \
            DESCRIPTION.search(parts[0]) or len(parts[1].split()) > 6:
        return None
    return _title_org(f"{parts[1]}, {parts[0]}", section, lexicons)


# 'November 2014': the month goes with the year it dates ('..., November 2014 to March 2016').
MONTH_OF_YEAR = re.compile(rf"(?i)\b{MONTH}\s+(?=(?:19|20)\d\d\b)")


TITLE_GLUE = {"&", "and", "of", "the", "for", "vice", "senior", "executive", "global", "deputy",
              "general", "assistant", "associate", "interim", "acting", "co"}


def _title_at(text: str, page_org: str | None) -> Found | None:
    """'Chief Financial Officer' under a name on a leadership page: a job at the page's own
    organization. A capitalized line ending in a title word, and nothing else."""
    words = re.findall(r"[\w'-]+|&", text)
    if not page_org or not words or len(words) > 8 or BOARD_TITLE.search(text) or \
            re.search(r"\d", text) or not TITLE_WORD.fullmatch(words[-1]) or not all(
            w[:1].isupper() or w.lower() in TITLE_GLUE for w in words):
        return None
    return Found("role", {"title": text.strip(), "org": page_org, "start": None, "end": None,
                          "current": True}, "entry-page-title")


def _seat_at(text: str, page_org: str | None, lexicons: Lexicons) -> Found | None:
    """'TREASURER & BOARD MEMBER' on a board page: a seat on the page's own board."""
    if not page_org or "," in text or not BOARD_TITLE.search(text) or \
            not all(TITLE_WORD.search(w) or w.lower() in ("&", "and", "of", "the", "board")
                    or w.upper() in page_org.upper().split() for w in text.split()):
        return None
    position = re.sub(re.escape(page_org), "", text, flags=re.I).strip(" &").lower()
    return Found("board", {"org": page_org, "kind": board_kind(page_org, page_org.lower(),
                                                               lexicons),
                           "position": position}, "entry-seat")


def _title_org(text: str, section: str | None, lexicons: Lexicons,
               page_org: str | None = None) -> Found | None:
    """'Title, Organization, a description (years)'; a part naming only business functions
    is the title's field ('Executive Vice President, Human Resources and Corporate
    Communications'), and with no organization after it the job is at the page's own."""
    years = _years(text)
    body = YEARS_IN_PARENS.sub("", RANGE.sub("", MONTH_OF_YEAR.sub("", text)))
    body = SINCE.sub("", body)
    body = re.sub(r"\(\s*\)|\b(?:to|until)\s+(?:present|now)\b", "", body)
    body = LEGAL_SUFFIX.sub(r" \1", body)  # 'Agilent Technologies, Inc.' is one name
    parts = [p.strip(" .") for p in re.split(r",\s+|\s+at\s+|\s+[–—]\s+", body)]
    parts = [p for p in parts if p and not YEAR.fullmatch(p)]
    titles: list[str] = []
    org = None
    for i, part in enumerate(parts):
        if TITLE_WORD.search(part) and not _names_org(part) or titles and \
                _functions_only(part, lexicons):
            titles.append(part)
            continue
        if titles and not DESCRIPTION.search(part) and part[:1].isupper():
            org = part
            later = parts[i + 1] if i + 1 < len(parts) else ""
            if (len(part.split()) <= 3 or LEGAL_SUFFIX.search(f", {later}")) and \
                    later[:1].isupper() and not DESCRIPTION.search(later):
                titles.append(part)  # a division: 'President, Reinforcement Materials, Cabot',
                org = later  # 'President, Hydrogen Peroxide and Derivatives, Arkema S.A.'
        break
    if titles and org is None and _functions_only(titles[-1], lexicons):
        org = page_org
    if org is not None and "(" in org and ")" not in org:
        org = org.split("(")[0].strip()  # 'Altana AG (May 2020 to present, and ...': the name
    if not titles or org is None or TITLE_WORD.fullmatch(org):
        return None
    title = ", ".join(titles)
    former = re.match(r"(?i)(?:former|ex-)\s*", title)
    title = title[former.end():] if former else title  # 'Former CEO, GlaxoWellcome': past
    if _is_board(title, section):
        kind = board_kind(org, org.lower(), lexicons)
        return Found("board", {"org": org, "kind": kind, "position": title.lower()},
                     "entry-board")
    fields: dict[str, Any] = {"title": title, "org": org, "start": None, "end": None,
                              "current": None}
    fields.update(years)
    if fields["current"] is None and (fields.get("end") or former):
        fields["current"] = False
    return Found("role", fields, "entry-role")


def _functions_only(part: str, lexicons: Lexicons) -> bool:
    """'Human Resources and Corporate Communications', 'Sales & Marketing': business functions
    and nothing else."""
    pieces = [p for p in re.split(r"\s*(?:,|\band\b|&)\s*", part.lower()) if p]
    return bool(pieces) and all(p in lexicons.business_functions for p in pieces)


# A company's legal form after its name and a comma ('Agilent Technologies, Inc.', 'Arkema
# S.A.'): part of the name, not the next item of an entry.
LEGAL_SUFFIX = re.compile(r",?\s+(Inc|LLC|L\.L\.C|Ltd|Limited|Corp|Co|S\.A|N\.V|AG|plc|"
                          r"P\.?L\.?C|LP|L\.P|LLP|GmbH|SE|S\.p\.A|B\.V)\.?(?=,|\s|$)")


def _names_person(parsed: Doc, end: int) -> bool:
    """Is there a person's name in the first `end` characters ('Dana Whitlow: ...')?"""
    return any(e.label_ == "PERSON" and e.start_char < end and 2 <= len(e) <= 3 and
               not re.search(r"\band\b|&", e.text) for e in parsed.ents)


def _names_org(part: str) -> bool:
    """'Life Science Project at Harvard Business School' names an organization; 'Managing
    Director' does not. A title has at most one capitalized non-title word run."""
    words = [w for w in part.split() if w[:1].isupper()]
    return len(words) > 1 and not any(TITLE_WORD.search(w) for w in words)


def _is_board(title: str, section: str | None) -> bool:
    if re.search(r"(?i)\b(executive|managing director|director of)\b", title):
        return False
    if BOARD_TITLE.search(title) and not (section and JOB_SECTION.search(section)):
        return True
    return bool(section and BOARD_SECTION.search(section) and not JOB_SECTION.search(section)
                and not JOB_TITLE.search(title))  # under 'Term Board Members': 'Mina Roe,
    # Administrator, U.S. Digital Service' is her job


# Titles that are a job even in a list under a board heading.
JOB_TITLE = re.compile(r"(?i)\b(chief|officer|administrator|manager|engineer|co-?founder|founder|"
                       r"partner|ceo|cfo|coo|cto|cio|cmo|cpo|vp|svp|evp|vice president|analyst|"
                       r"scientist|architect|attorney|counsel|editor|professor|dean|principal|"
                       r"owner|consultant|economist|researcher|lecturer)\b")


def _years(text: str) -> dict[str, Any]:
    found = years_near(text)
    if not found:
        since = SINCE.search(text)
        if since:
            found = {"start": int(since.group(1)), "current": True}
    return found


def _org_then_what(org: str, what: str, parsed: Doc) -> Iterator[Found]:
    """'eBay and PayPal: Held various roles, including ...' -> a role at each organization,
    titled by the title the description names, else by what they did."""
    titles = [t.text for t in terms(parsed, "TITLE") if t.start_char > len(org)]
    first = next((t for t in parsed if t.idx > len(org) and t.is_alpha), None)
    if not titles and (first is None or first.pos_ not in ("VERB", "AUX")):
        return  # 'Bringing the Hospital Home: Lessons from ...' is a title and its subtitle
    if len(what.split()) < 2 or re.search(r"@|://|www\.|\.(com|org|net|io)\b", what):
        return  # 'Mastodon: @name@host', 'Blog: example.com': a handle or an address
    title = titles[0] if titles else re.split(r"[,;.]\s", what)[0].strip(" .")
    if not title or len(title.split()) > 8:
        return
    years = _years(what)
    for name in re.split(r"\s+and\s+", org):
        if name[:1].isupper():
            fields: dict[str, Any] = {"title": title, "org": name.strip(), "start": None,
                                      "end": None, "current": None}
            fields.update(years)
            yield Found("role", fields, "entry-org-colon")


# The board a page lists: "Meet RTI's Board of Governors", "The Technology Modernization
# Board", "Board of Trustees of the Harbor Museum".
BOARD_OF_ORG = re.compile(r"(?P<org>[A-Z][\w&.-]*(?: [A-Z][\w&.-]*){0,5})['’]s Board of "
                          r"(?:Directors|Governors|Trustees|Regents)\b")
NAMED_BOARD = re.compile(r"^(?:The |Meet the |Our )?(?P<org>(?:[A-Z][\w&.-]* ){1,5}Board)$")
BOARD_OF = re.compile(r"\bBoard of (?:Directors|Governors|Trustees|Regents)(?: of| at| \W)\s+"
                      r"(?:the )?(?P<org>[A-Z][\w&.-]*(?: (?:[A-Z][\w&.-]*|of|and|&)){0,6})")
# Section headings that start a board's list, and those that start another list.
BOARD_LIST_HEADING = re.compile(r"(?i)\b(board|trustees|governors|directors|regents)\b")
OTHER_SECTION = re.compile(r"(?i)\b(management|staff|team|leadership|officers|executives|"
                           r"members of the corporation|advisors|employees)\b")


def board_of_page(lines: list[str]) -> str | None:
    """The organization whose board the page lists, from its title or first heading."""
    for line in lines:
        text = " ".join(line.split())
        for pattern in (BOARD_OF_ORG, BOARD_OF, NAMED_BOARD):
            match = pattern.search(text)
            if match:
                return re.sub(r"^(?:Meet|About|Our|The)\s+(?:the\s+|our\s+)?", "",
                              match.group("org").strip())
    return None


def board_section(heading: str, current: bool) -> bool:
    """Is the list under this heading the board's (a heading that names neither keeps the
    section it is in: 'Chair - Permanent Member')?"""
    if OTHER_SECTION.search(heading) and not re.search(r"(?i)\bboard\b", heading):
        return False
    return True if BOARD_LIST_HEADING.search(heading) else current


def board_seat(org: str, lexicons: Lexicons, position: str = "member") -> Found:
    """The target's entry in a board's list: a seat on that board."""
    return Found("board", {"org": org, "kind": board_kind(org, org.lower(), lexicons),
                           "position": position}, "entry-board-list")


# A page that lists boards without naming whose in its title ("Boards of Directors", "Our
# Board"): each board is named by the heading over its list ("Mozilla Corporation").
BOARDS_PAGE = re.compile(r"(?i)^\s*(?:our |the |meet (?:the |our )?)?boards?"
                         r"(?: of (?:directors|trustees|governors|regents))?\b")
ORG_WORDS = re.compile(r"\b(Corporation|Foundation|Association|Society|Institute|Fund|Trust|"
                       r"Council|University|College|Alliance|Federation|Inc|Ltd|LLC)\b\.?")
NOT_A_BOARD = re.compile(r"(?i)\b(committee|emerit\w*|officers|staff|advisors|team|"
                         r"management|leadership|former|past|board|boards|trustees|directors|"
                         r"governors)\b")


def boards_page(lines: list[str]) -> bool:
    """Is this a page of boards whose headings name the organizations?"""
    return any(BOARDS_PAGE.match(" ".join(line.split())) for line in lines)


def board_heading(parsed: Doc) -> str | None:
    """A heading that is an organization's name alone, on a boards page: the board of the
    list under it ('Mozilla Corporation', 'Mozilla Foundation')."""
    text = parsed.text.strip(" :")
    if NOT_A_BOARD.search(text) or any(e.label_ == "PERSON" for e in parsed.ents) or \
            not text[:1].isupper() or len(text.split()) > 6:
        return None
    whole = any(e.label_ == "ORG" and len(e) >= len(parsed) - 1 for e in parsed.ents)
    return text if whole or ORG_WORDS.search(text) or ORG_HEAD.search(text) else None


def seat_position(raw: str) -> str:
    """'Mitchell Baker, Chair' -> 'chair'; a bare name -> 'member'."""
    after = raw.split(",", 1)[1].strip().lower() if "," in raw else ""
    return after if after and TITLE_WORD.search(after) and len(after.split()) <= 4 else "member"


# A proxy statement's director block: 'Director Since: 2018' under a nominee's name.
DIRECTOR_SINCE = re.compile(r"(?i)^\s*director\s+since\s*:?\s*((?:19|20)\d\d)\b")


def director_since(raw: str, defined: frozenset[str]) -> Found | None:
    """'Director Since: 2018' in the target's entry of a filing that defined 'the Company':
    a seat on the filer's board (the facts stage puts the company's name in its place)."""
    match = DIRECTOR_SINCE.match(raw)
    if match is None or "company" not in defined:
        return None
    return Found("board", {"org": "the Company", "kind": "corporate",
                           "position": f"director (since {match.group(1)})"},
                 "entry-director-since")
