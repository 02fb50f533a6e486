"""A career told as one list of positions, each with its own dates, the way filings describe
their officers: 'Mr. Roe has served as President and Chief Executive Officer since July 2021,
CEO Northwind Cloud from April 2016 until July 2021, and Senior Vice President, Northwind
Cloud, from April 2006 until April 2016.' Each dated part is one role; its organization is the
one its words name (NER's ORG at the end of the part), or else the filing's company."""

from __future__ import annotations

import re

from spacy.tokens import Span

from ..mentions import Attributed
from .entries import TITLE_WORD
from .spans import MONTH, ORG_HEAD, YEARS, Found, clean_org, org_spans

# The dates that close one part: 'since July 2021', 'from April 2016 until July 2021'.
DATED = rf"(?:{MONTH}\s+)?"
DATES = re.compile(
    rf"(?i),?\s*\b(?:since\s+{DATED}(?P<since>{YEARS})|from\s+{DATED}(?P<start>{YEARS})\s+"
    rf"(?:until|to|through)\s+(?:{DATED}(?P<end>{YEARS})|(?P<now>present|now|today)))\b")
# Where the list begins: 'has served as', 'served as', 'has been'.
CUE = re.compile(r"(?i)\b(?:served|serves|serving|been)\s+as\s+|\bhas been\s+(?:the\s+)?")
# What joins one part to the next, and words before a title that are not part of it.
GLUE = re.compile(r"(?i)(?:[\s,;]|and\b|again\b|as\b|the\b|our\b|its\b|has\b|had\b|"
                  r"served\b|then\b|later\b)*")
# A title of the board itself is a seat, which the board rules read.
BOARD_SEAT = re.compile(r"(?i)\b(?:of|on) (?:the|our|its) board\b|\bdirector\b\s*$")


def tenures(item: Attributed, company: bool) -> list[Found]:
    """The roles of a dated list (at least two dated parts), or nothing. With `company`, a
    part that names no organization is at the filing's company ('the Company')."""
    sent = item.sent
    text = sent.text
    cue = CUE.search(text)
    if cue is None:
        return []
    dated = list(DATES.finditer(text, cue.end()))
    if len(dated) < 2:
        return []
    out: list[Found] = []
    pos = cue.end()
    for match in dated:
        glue = GLUE.match(text, pos, match.start())
        start = glue.end() if glue else pos
        pos = match.end()
        found = _role(sent, start, match.start(), company)
        if found is None:
            continue
        years = {"start": int(match.group("since") or match.group("start")),
                 "end": int(match.group("end")) if match.group("end") else None}
        years["current"] = years["end"] is None
        out.append(Found("role", {**found, **years}, "role-tenure"))
    return out


def _role(sent: Span, lo: int, hi: int, company: bool) -> dict[str, str] | None:
    """Title and organization of the text between two dates (character offsets in sent)."""
    text = sent.text[lo:hi].strip(" ,;")
    if not text or not TITLE_WORD.search(text) or BOARD_SEAT.search(text) or \
            len(text.split()) > 14:
        return None
    base = sent.start_char
    end = lo + len(sent.text[lo:hi].rstrip(" ,;"))
    # NER's organization, or a name joined to the title with no comma ('CEO Northwind Cloud');
    # after a comma a plain capitalized run may be a field ('Vice President, Consumables'), and
    # after 'of' too ('Head of Biology'), unless it reads as a company's name
    org = next((o for o in org_spans(sent) if o.end_char - base == end and
                o.start_char - base > lo and not TITLE_WORD.search(o.text) and
                (o.label_ == "ORG" or o.start > sent.start and
                 sent.doc[o.start - 1].text != "," and
                 (sent.doc[o.start - 1].lower_ != "of" or ORG_HEAD.search(o.text)))),
               None)  # not '... and General Counsel'
    if org is not None:
        title = sent.text[lo:org.start_char - base].strip(" ,;")
        title = re.sub(r"\s+(?:of|at|for)$", "", title)
        if TITLE_WORD.search(title):
            return {"title": title, "org": clean_org(org)}
    named = OF_ORG.match(text)  # 'Vice President, Marketing, Sales and Support of AWS'
    if named and TITLE_WORD.search(named.group("title")) and (ORG_HEAD.search(
            named.group("org")) or any(e.label_ == "ORG" and e.text.endswith(named.group("org"))
                                       for e in sent.ents)):  # not 'Vice President of Finance'
        return {"title": named.group("title"), "org": named.group("org")}
    return {"title": text, "org": "the Company"} if company else None


OF_ORG = re.compile(r"(?P<title>.*\S)\s+(?:of|at)\s+(?:the\s+)?"
                    r"(?P<org>[A-Z][\w&.'’-]*(?:\s+[A-Z][\w&.'’-]*)*)$")


