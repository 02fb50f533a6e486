"""Works: books, talks, podcasts and articles, from titles next to their cue words."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator

from spacy.tokens import Span, Token

from ...names import FIRST_PERSON, FIRST_PERSON_PLURAL
from ..mentions import (
    Attributed,
    ents,
)
from .spans import Found, allowed, clause_subject, terms

QUOTED = re.compile(r"[\"“]([^\"“”]{3,120}?)[,.]?[\"”]")


# Words that may sit inside a title in Title Case ("Safe by Design", "Print Run: The Last ...").
TITLE_GLUE = {"of", "the", "and", "a", "an", "to", "in", "for", "by", "from", "on", "at", "is",
              "are", "with", "up", "down", "or", "your", "our", "us", "you", "it", "as", "what"}


# After a plural kind, the words that go on to name some of them: 'two books on logistics,
# including Moving Things'.
INCLUDING = r"\b[^.;:]{0,60}?,?\s+including"
# Verbs and nouns after which a Title-Case phrase is the name of a work.
WORK_CUES = re.compile(r"(?i)\b(?:author (?:of|for)|creator of|wrote|written|"
                       r"co-authored|authored|published|(?:books?|memoirs?|novels?|bestsellers?|"
                       r"autobiography|podcast|show|program|newsletter|talk|keynote|column|"
                       r"essay|documentary|film|movie|album|(?-i:series)),?|co-hosts?|"
                       r"hosts?|(?:book|post|essay|article|talk|paper|report|podcast|show|"
                       r"column|newsletter|documentary|film|series)s?,?\s+(?:entitled|titled|"
                       r"called|named)|"
                       r"(?:books|novels|memoirs|essays|films|documentaries|albums|podcasts)"
                       + INCLUDING + r")\s+(?:the\s+)?$")


def work(item: Attributed) -> Iterator[Found]:
    sent = item.sent
    kinds = [k for k in terms(sent, "WORK") if allowed(item, k)]
    hosts = [t for t in sent if t.lemma_ in ("host", "co-host") and item.allowed(t)]
    if not kinds and not hosts:
        return
    seen: set[str] = set()
    quoted = _quoted_titles(sent)
    inside = {t.i for t in sent for q in QUOTED.finditer(sent.text)
              if q.start() <= t.idx - sent.start_char < q.end()}
    for title, at in quoted + _title_case_titles(sent) + _subtitled(sent):
        if title.lower() in seen or _names_org_or_person(sent, title, at) or \
                _appearance(sent, at, inside) or _cross_reference(sent, at, title):
            continue
        seen.add(title.lower())
        # after 'the author of' or 'wrote' a 'Report' or 'Charter' is one they wrote, not a
        # filing's document (the reader drops those from other titles)
        authored = AUTHORED.search(sent.text[:at - sent.start_char].rstrip("\"“ "))
        yield Found("work", {"title": title, "kind": _work_kind(sent, at, kinds, hosts)},
                    "work-authored" if authored else "work-title")


AUTHORED = re.compile(r"(?i)\b(?:author (?:of|for)|creator of|wrote|written|co-authored|"
                      r"authored)(?:\s+the)?\s*$")


# Being on someone else's show or in their pages is no work of one's own: 'appeared on NBC
# "Meet the Press" and NPR's "Morning Edition"', 'a guest on "The Daily"', 'was featured in
# "Wired"', 'was interviewed on "Fresh Air"'.
APPEARANCE_VERBS = {"appear", "guest", "feature", "interview", "profile", "quote", "cite",
                    "mention", "spotlight", "showcase",
                    # nor is a work she read, watched or recommends: 'read the book X'
                    "read", "reread", "watch", "see", "review", "recommend", "love", "enjoy",
                    "admire", "borrow", "buy"}
APPEARANCE_NOUNS = {"guest", "guests", "appearance", "appearances", "interviewee", "panelist"}
# Nouns that make whoever they name the maker of the title after them ('the host of').
MAKER_NOUNS = {"author", "co-author", "coauthor", "creator", "co-creator", "host", "co-host",
               "editor", "writer", "producer", "founder"}


def _appearance(sent: Span, at: int, inside: set[int]) -> bool:
    """The verb (or noun) nearest before the title, outside quoted titles, says she was on the
    programme or in the publication ('appeared on', 'a guest on'), not that she made it."""
    for tok in reversed([t for t in sent if t.idx < at and t.i not in inside]):
        if tok.lower_ in APPEARANCE_NOUNS:
            return True
        if tok.lower_ in MAKER_NOUNS:
            return False
        if tok.pos_ in ("VERB", "AUX") and tok.text[:1].islower() and tok.lower_ != "including":
            return tok.lemma_.lower() in APPEARANCE_VERBS or any(
                c.dep_ == "prep" and c.lower_ == "about" for c in tok.children)  # 'wrote
            # about the film X' is not hers
    return False


# A filing's pointer to one of its own sections ('described below under "Employee and
# retirement benefits"', 'see "Risk Factors"', 'the section captioned "Executive
# Compensation"'): a heading of the same document, not a work.
SECTION_BEFORE = re.compile(r"(?i)(?:\b(?:under|see)|\b(?:section|sections|heading|headings|"
                            r"caption|captioned|subsection|item)\b(?:\s+\w+){0,2})\s*[\"“]?$")
SECTION_AFTER = re.compile(r"(?i)^[\s,.\"”]*(?:above|below|herein|of this|sections?|"
                           r"subsections?|headings?)\b")


def _cross_reference(sent: Span, at: int, title: str) -> bool:
    text, start = sent.text, at - sent.start_char
    end = text.find(title, start)
    return bool(SECTION_BEFORE.search(text[:start].rstrip("\"“ ")) or
                end >= 0 and SECTION_AFTER.search(text[end + len(title):]))


def _quoted_titles(sent: Span) -> list[tuple[str, int]]:
    out = []
    for match in QUOTED.finditer(sent.text):
        title = match.group(1).strip(" ,.")
        # a title starts with a capital ('"In Money We Trust"'); a quoted phrase of a
        # sentence ('"exemplified a kind of gleeful capitalism"') does not
        if len(title.split()) >= 2 and title.lower().split()[0] not in FIRST_PERSON and \
                not title[:1].islower():
            out.append((title, sent.start_char + match.start()))
    return out


def _title_case_titles(sent: Span) -> list[tuple[str, int]]:
    """A Title-Case run right after a cue: 'the author of Every Seat Filled: ... (2021)',
    'co-host On-Call Stories, a podcast', 'Tidepool's flagship show, Low Tide,'."""
    out = []
    text = sent.text
    covered = 0  # the runs read so far end here: 'The Salt Years' is not also 'Salt Years'
    for i, tok in enumerate(sent):
        if i < covered or not tok.text[:1].isupper() or \
                not WORK_CUES.search(text[:tok.idx - sent.start_char]):
            continue
        while i < len(sent):
            run, end = _title_run(sent, i)
            # 'the lead author of Joram 1.0.0, Amira 1.0.0, and the Functional Identity
            # Primer': a list of titles, unless a subtitle's colon says the commas are its own
            parts = [] if not run else [run] if ":" in run else run.split(", ")
            if text[:tok.idx - sent.start_char].rstrip().lower().endswith("including"):
                parts = [p for part in parts for p in part.split(" and ")]  # a list
            out += [(part, tok.idx) for part in parts if len(part.split()) >= 2]
            covered = max(covered, end)
            i = _next_in_list(sent, end)
    return out


def _next_in_list(sent: Span, end: int) -> int:
    """Where the next title of a list starts after ', and the', or past the sentence; a year
    in brackets after a title is its own ('Moving Things (2012) and Cold Chains')."""
    j = end
    if j + 2 < len(sent) and sent[j].text == "(" and sent[j + 1].like_num and \
            sent[j + 2].text == ")":
        j += 3
    for words in ((",",), ("and", "or"), ("the", "a", "an")):
        if j < len(sent) and sent[j].lower_ in words:
            j += 1
    return j if j > end and j < len(sent) and sent[j].text[:1].isupper() and \
        sent[j - 1].lower_ in ("and", "or", "the", "a", "an") else len(sent)


def _title_run(sent: Span, i: int) -> tuple[str | None, int]:
    """The Title-Case words from token i (relative to the sentence) and where they end."""
    toks = list(sent)[i:]
    words: list[str] = []
    for n, tok in enumerate(toks):
        word = tok.text
        # '$300,000' is one of its words ('How I Turned Down $300,000 from Microsoft')
        money = word in ("$", "€", "£") and n + 1 < len(toks) and toks[n + 1].text[:1].isdigit()
        if word.lower() in ("with", "by") and n + 1 < len(toks) and \
                toks[n + 1].ent_type_ == "PERSON":
            break  # 'co-wrote the book Supply Lines with Oren Tal': the title ends at him
        if word[:1].isupper() or word[:1].isdigit() or money or \
                word in (":", "-", "–", ",") and \
                n + 1 < len(toks) and toks[n + 1].text[:1].isupper() or \
                word.lower() in TITLE_GLUE and n + 1 < len(toks) and \
                (toks[n + 1].text[:1].isupper() or toks[n + 1].lower_ in TITLE_GLUE):
            words.append(tok.text_with_ws)
        else:
            break
    parts = "".join(words).strip(" ,:-–").split()
    while parts and parts[-1].lower() in TITLE_GLUE:
        parts.pop()
    return (" ".join(parts) if len(parts) >= 2 else None), i + len(words)


def _subtitled(sent: Span) -> list[tuple[str, int]]:
    """'..., Safe by Design: Rebuilding Hospital Quality from the Bedside Up (2019)'."""
    out = []
    for match in re.finditer(r"\s*\([^()]*\b(?:19|20)\d\d\)", sent.text):
        segments = sent.text[:match.start()].split(", ")
        kept: list[str] = []
        for segment in reversed(segments):
            words = segment.split()
            if not words or any(w[:1].islower() and w.lower() not in TITLE_GLUE for w in words):
                break
            kept.insert(0, segment)
        title = ", ".join(kept).strip()
        if ":" in title and 3 <= len(title.split()) <= 20:
            out.append((title, sent.start_char + match.start() - len(title)))
    return out


def _names_org_or_person(sent: Span, title: str, at: int) -> bool:
    """A run that is just a person's or a place's name; one with a version number
    ('Saltline 2.1') is no person, whatever NER says, nor one right after the kind of work
    it is ('the documentary Salt Roads')."""
    if KIND_BEFORE_TITLE.search(sent.text[:at - sent.start_char]):
        return False
    return not any(ch.isdigit() for ch in title) and any(
        e.text == title and e.label_ in ("PERSON", "GPE") for e in ents(sent))


# Nouns that say the name after them is a work's ('her memoir, The Salt Years', 'two books on
# logistics, including Moving Things').
KINDS = r"(?:books?|memoirs?|novels?|autobiography|documentary|documentaries|films?|movies?|" \
    r"series|albums?|essays?|podcasts?|newsletters?|columns?|blogs?)"
KIND_BEFORE_TITLE = re.compile(r"(?i)\b" + KINDS + r"(?:,|" + INCLUDING + r")?\s*$")


def _work_kind(sent: Span, at: int, kinds: list[Span], hosts: list[Token]) -> str:
    if hosts and not any(k.id_ in ("book", "talk") for k in kinds):
        return "podcast"
    if not kinds:
        return "other"
    return min(kinds, key=lambda k: abs(k.start_char - at)).id_ or "other"


def row_works(raw: str, heading: str | None, owner: re.Pattern[str]) -> Iterator[Found]:
    """'"Your Pipeline Is Lying to You," DataPipes Conf, 2024' under a Talks heading;
    'The Float, Marcus's monthly newsletter on ...' (owner: the target's names and pronouns)."""
    kind = _heading_kind(heading)
    match = QUOTED.search(raw)
    if kind and match and len(match.group(1).split()) >= 2:
        yield Found("work", {"title": match.group(1).strip(" ,."), "kind": kind}, "work-row")
        return
    title, _, rest = raw.strip().lstrip("-•* ").partition(", ")
    noun = re.search(r"(?i)\b(newsletter|podcast|book|memoir|show|column|blog)\b", rest)
    if noun and owner.search(rest.split(noun.group(0))[0]) and 1 <= len(title.split()) <= 8 \
            and all(w[:1].isupper() or w.lower() in TITLE_GLUE for w in title.split()):
        kind = {"podcast": "podcast", "show": "podcast", "book": "book", "memoir": "book",
                "column": "article"}.get(noun.group(1).lower(), "other")
        yield Found("work", {"title": title, "kind": kind}, "work-row-owned")


def session_title(line: str, heading: str | None) -> Iterator[Found]:
    """A session title under a 'Featured session' or 'Keynote' heading of a speaker page."""
    kind = _heading_kind(heading)
    if kind == "talk" and 2 <= len(line.split()) <= 16 and not line.rstrip().endswith(".") \
            and not re.search(r"\d{1,2}:\d\d|\b(MD|PhD|MBA)\b", line):
        yield Found("work", {"title": line.strip(), "kind": "talk"}, "work-session")


def _heading_kind(heading: str | None) -> str | None:
    low = (heading or "").lower()
    for kind, words in (("talk", ("talk", "session", "keynote", "speaking", "presentation",
                                  "workshop")),
                        ("book", ("book", "publication", "writing")),
                        ("podcast", ("podcast",))):
        if any(w in low for w in words):
            return kind
    return None


# Verbs of making a thing that has a name: 'has built and collaborated on dozens of civic
# applications including ClearStreets, Councilmatic and Dedupe.io', 'created PageRank'.
MADE_VERBS = {"build", "create", "co-create", "develop", "design", "invent", "code", "program"}
MADE_ON = {"collaborate", "work"}  # '... on X'
# A made thing's name is not a company's or a body's (founding reads those).
COMPANY_WORD = re.compile(r"\b(Inc|Corp|Corporation|Company|Co|LLC|Ltd|Foundation|Fund|"
                          r"Institute|Association|Society|Group|Partners|Capital|Ventures|"
                          r"University|College|School)\b\.?")
MADE_NAME_WORDS = 5


NAMING_VERBS = {"call", "name", "dub", "christen"}
BODY_NOUNS = re.compile(r"(?i)\b(?:company|companies|firm|start-?up|business|agency|studio|"
                        r"fund|organi[sz]ation|nonprofit|charity|foundation|group|band|team)\b")
# Verbs of starting a thing that is a work only when the thing is one ('started a blog called
# Ink Notes'; 'started a company called X' is a founding, read by roles).
START_VERBS = {"start", "launch", "found", "co-found"}
WORK_NOUNS = {"blog", "podcast", "newsletter", "show", "series", "column", "channel",
              "documentary", "magazine", "zine", "book", "game", "app"}
# Kinds of made things whose name is given after them ('a search algorithm called TideRank').
NAMED_KINDS = WORK_NOUNS | {"algorithm", "engine", "language", "framework", "library", "tool",
                            "application", "program", "software", "project", "website",
                            "site", "report", "guide", "handbook", "paper", "essay", "post"}
# Verbs of writing: their objects name documents ('has written the key documents ... — the
# Mozilla Public License in 1998, the Mozilla Manifesto in 2007 and ...') or are pieces
# written for a publication ('has written op-eds for the Atlantic and CNN.com').
WRITE_VERBS = {"write", "co-write", "author", "co-author", "coauthor", "pen", "draft", "publish"}
PIECES = re.compile(r"(?i)^(?:op-?eds?|articles?|columns?|essays?|pieces?|posts?|blog posts?|"
                    r"editorials?|commentar(?:y|ies))$")
# Words that say the sentence is about writing, for 'has contributed to Fortune Magazine'.
WRITING = re.compile(r"(?i)\b(?:author|writer|columnist|contributor|articles?|columns?|essays?|"
                     r"op-?eds?|blog)\b")
# Verbs of giving talks: 'has spoken at high-level events like ...', 'keynoted DevConf'.
SPEAK_VERBS = {"speak", "lecture", "present", "keynote"}


def made(item: Attributed, held: Callable[[Token], bool]) -> Iterator[Found]:
    """Named things the target made (projects, software, algorithms): the objects of a
    making verb whose subject is the target, and the names listed after 'including'; what
    they wrote, where they wrote or blogged, and where they spoke."""
    for tok in item.sent:
        if tok.pos_ != "VERB" or not item.allowed(tok) or not held(tok) or _by_us(tok) or \
                _not_done(tok):
            continue
        lemma = tok.lemma_.lower()
        if lemma in WRITE_VERBS | SPEAK_VERBS | {"contribute", "blog"}:
            yield from _written(item.sent, tok, lemma)
            continue
        if lemma in NAMING_VERBS and any(c.dep_ == "dobj" and c.lower_ in ("it", "this")
                                         for c in tok.children):
            if BODY_NOUNS.search(item.sent.text):
                continue  # 'setting up a company in the US, I'd call it BPS': a founding
            # 'He called it PageRank', 'I call it the Adventure Engine': they named a thing
            # they made (a company they named is dropped as an employer)
            objects = [c for c in tok.children if c.dep_ in ("oprd", "attr", "xcomp") and
                       c.pos_ == "PROPN"]
        elif lemma in MADE_VERBS:
            objects = [c for c in tok.children if c.dep_ == "dobj"]
        elif lemma in START_VERBS:
            objects = [c for c in tok.children if c.dep_ == "dobj" and c.pos_ == "NOUN" and
                       c.lemma_.lower() in WORK_NOUNS]
        elif lemma in MADE_ON:
            objects = [g for c in tok.children if c.dep_ == "prep" and c.lower_ == "on"
                       for g in c.children if g.dep_ == "pobj"]
        else:
            continue
        for obj in objects:
            for head in _named_items(obj):
                name = _made_name(head)
                if name:
                    yield Found("work", {"title": name, "kind": "other"}, "work-made")


# Verbs over a making verb that say it is not (yet) done: 'learning how to program Rust',
# 'wants to build', 'trying to write'.
NOT_DONE = {"learn", "want", "try", "hope", "plan", "wish", "attempt", "teach", "need"}


def _not_done(verb: Token) -> bool:
    """'I'm learning how to program Rust': what they learn, want or try to make is no work."""
    head = verb
    for _ in range(3):
        if head.dep_ not in ("xcomp", "ccomp", "advcl", "pcomp") or head.head.i == head.i:
            return False
        head = head.head
        if head.lemma_.lower() in NOT_DONE:
            return True
    return False


def _by_us(verb: Token) -> bool:
    """'we need to invest ... into building Open Collective': what 'we' build is the team's
    or the company's, not a work of the speaker's own."""
    subject = clause_subject(verb, 4)
    return subject is not None and subject.lower_ in FIRST_PERSON_PLURAL


def _written(sent: Span, verb: Token, lemma: str) -> Iterator[Found]:
    """What a writing, contributing, blogging or speaking verb says they wrote or gave."""
    objects = [o for c in verb.children if c.dep_ == "dobj" for o in (c, *c.conjuncts)]
    preps = {c.lower_: [g for g in c.children if g.dep_ == "pobj"] for c in verb.children
             if c.dep_ == "prep"}
    if lemma in WRITE_VERBS:
        for obj in objects:
            # a parse may make a show she appeared on the object of 'written' too
            # a quoted title is read whole by work() ('"DevOps for the Database"')
            names = [n for n in (_made_name(h) for h in _named_items(obj)
                                 if not _appearance(sent, h.idx, set()) and
                                 not _quoted_at(sent, h)) if n] or \
                _dash_list(sent, obj)
            kind = "book" if obj.lemma_.lower() in ("book", "memoir", "novel") else "other"
            for name in names:
                yield Found("work", {"title": name, "kind": kind}, "work-written")
            piece = _piece_for(obj)
            if not names and piece:
                yield Found("work", {"title": piece, "kind": "article"}, "work-written")
        if lemma == "write" and not objects:  # 'writes for Forbes and Wired'
            for name in _names_of(preps.get("for", [])):
                yield Found("work", {"title": name, "kind": "article"}, "work-written")
    elif lemma == "contribute" and WRITING.search(sent.text):
        for name in _names_of(preps.get("to", [])):
            yield Found("work", {"title": name, "kind": "article"}, "work-written")
    elif lemma == "blog":  # 'blogs at medium.com/@stahnma'
        for pobj in preps.get("at", []) + preps.get("on", []):
            if pobj.pos_ == "PROPN" or "." in pobj.text:
                yield Found("work", {"title": _compound(pobj), "kind": "article"},
                            "work-written")
    elif lemma in SPEAK_VERBS:
        talks = _talks_at(preps.get("at", [])) if not objects or lemma == "keynote" else None
        if lemma == "keynote" and objects:
            talks = _talks_at(objects)
        if talks:
            yield Found("work", {"title": talks, "kind": "talk"}, "work-talks")


def _quoted_at(sent: Span, tok: Token) -> bool:
    at = tok.idx - sent.start_char
    return any(q.start() <= at < q.end() for q in QUOTED.finditer(sent.text))


def _compound(tok: Token) -> str:
    """A name with the words compounded to it ('Fortune Magazine')."""
    start = min([tok.i, *(c.left_edge.i for c in tok.lefts if c.dep_ in ("compound", "amod"))])
    return tok.doc[start:tok.i + 1].text


def _names_of(pobjs: list[Token]) -> list[str]:
    """The names a preposition's object lists ('for the Lisbon Ledger and Port Weekly')."""
    return [n for p in pobjs if p.pos_ == "PROPN" for n in _listed(
        p.doc[p.left_edge.i:p.right_edge.i + 1].text, 1)]


def _piece_for(obj: Token) -> str | None:
    """'op-eds for the Atlantic and CNN.com': pieces written for a named publication."""
    start = min([obj.i, *(c.left_edge.i for c in obj.lefts if c.dep_ == "compound")])
    doc = obj.doc
    noun = doc[start:obj.i + 1].text
    after = doc[obj.i + 1] if obj.i + 1 < len(doc) else None
    if not PIECES.match(noun) or after is None or after.lower_ not in ("for", "in") or \
            not any(g.pos_ == "PROPN" for g in after.children if g.dep_ == "pobj"):
        return None
    return doc[start:after.right_edge.i + 1].text


def _talks_at(places: list[Token]) -> str | None:
    """'high-level events like A, B' -> 'talks at high-level events'; 'SXSW and TED' ->
    'talks at SXSW and TED'. Not one meeting or event ('spoke at the annual meeting')."""
    for place in places:
        doc = place.doc
        # named ones: 'events like A, B' (not 'I speak at conferences')
        if place.pos_ == "NOUN" and place.tag_ == "NNS" and _named_items(place):
            start = next(t.i for t in doc[place.left_edge.i:place.i + 1] if t.pos_ != "DET")
            return f"talks at {doc[start:place.i + 1].text}"
        if place.pos_ == "PROPN":
            names = _names_of([place])
            if names:
                return "talks at " + (" and ".join(names) if len(names) <= 2 else
                                      ", ".join(names[:-1]) + " and " + names[-1])
    return None


# 'the key documents that set out ... — A in 1998, B in 2007 and C — also known as ...'
LISTED_YEAR = re.compile(r"\s+(?:in\s+)?\(?(?:19|20)\d\d\)?$")


def _dash_list(sent: Span, obj: Token) -> list[str]:
    """The names a dash (or colon) lists after a plural object ('documents — A, B and C')."""
    if obj.pos_ != "NOUN" or obj.tag_ != "NNS":
        return []
    doc = obj.doc
    dash = next((t for t in doc[obj.i + 1:min(obj.right_edge.i + 2, sent.end)]
                 if t.text in ("—", "–", ":", "--")), None)
    if dash is None:
        return []
    end = next((t.i for t in doc[dash.i + 1:sent.end] if t.text in ("—", "–", "--", ";")),
               sent.end)
    return _listed(doc[dash.i + 1:end].text, 2)


def _listed(text: str, fewest: int) -> list[str]:
    """The Title-Case names of a list ('the Lisbon Ledger and Port Weekly', 'A in 1998, B in
    2007 and C'), without their years; none if an item is not a name."""
    out = []
    for part in re.split(r",\s*(?:and\s+)?|\s+and\s+", text):
        part = LISTED_YEAR.sub("", part.strip()).strip()
        part = re.sub(r"^(?:the|a|an)\s+", "", part)
        words = part.split()
        if not (fewest <= len(words) <= MADE_NAME_WORDS and words[0][:1].isupper() and
                all(w[:1].isupper() or w.lower() in TITLE_GLUE for w in words)):
            return []
        if not COMPANY_WORD.search(part):
            out.append(part)
    return out


def _named_items(obj: Token) -> list[Token]:
    """The object itself if it is a name, else the names it lists ('applications including
    A, B and C'); each with the names conjoined to it."""
    for _ in range(2):  # 'dozens of civic applications including ...'
        of = next((g for c in obj.children if c.dep_ == "prep" and c.lower_ == "of"
                   for g in c.children if g.dep_ == "pobj"), None)
        if obj.pos_ == "PROPN" or of is None:
            break
        obj = of
    heads = [obj] if obj.pos_ == "PROPN" else [
        g for c in obj.children if c.dep_ == "prep" and (
            c.lower_ in ("including", "like") or
            c.lower_ == "as" and c.i > 0 and c.doc[c.i - 1].lower_ == "such")
        for g in c.children if g.dep_ == "pobj"]
    if not heads and obj.lemma_.lower() in NAMED_KINDS:
        # 'a game called Blue Mars', 'a blog named Ink Notes', 'the podcast, Dock Talk'
        heads = [g for c in obj.children if c.dep_ == "acl" and
                 c.lemma_.lower() in ("call", "name", "title", "entitle", "dub")
                 for g in c.children if g.dep_ in ("oprd", "attr", "dobj", "xcomp")] + \
            [c for c in obj.children if c.dep_ == "appos" and c.pos_ == "PROPN"]
    out: list[Token] = []
    for head in heads:
        out.append(head)
        out.extend(c for c in head.conjuncts if c.i > head.i)
        # not a publisher in brackets ('wrote Pro OpenSSH (Apress, 2005)')
        out.extend(c for c in head.children if c.dep_ == "appos" and
                   (c.left_edge.i == 0 or c.doc[c.left_edge.i - 1].text != "("))
    return list(dict.fromkeys(out))


def _made_name(head: Token) -> str | None:
    doc = head.doc
    start = min([head.i, *(c.left_edge.i for c in head.children
                           if c.dep_ in ("compound", "poss", "nummod", "amod") and c.i < head.i)])
    words = doc[start:head.i + 1]
    if words[0].pos_ == "DET" and words[0].text.islower():  # 'The Setup' keeps its 'The'
        words = words[1:]
    text = words.text.strip()
    # a name in brackets after a title is its publisher ('Pro OpenSSH (Apress, 2005)')
    if not text or not (text[:1].isupper() or text[:1].isdigit()) or head.pos_ != "PROPN" or \
            start > 0 and doc[start - 1].text == "(" or \
            len(words) > MADE_NAME_WORDS or COMPANY_WORD.search(text) or \
            any(e.label_ in ("PERSON", "DATE") and len(e) >= 2 and
                e.start <= head.i < e.end for e in ents(words)):
        return None
    return text
