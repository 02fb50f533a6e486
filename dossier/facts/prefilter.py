"""Which paragraphs of a page can hold facts about the target, decided from the text alone,
so that the others never go through the spaCy pipeline.

The fact extractor (facts.document_facts) walks a page's lines in order and reads facts only
from sentences it attributes to the target: sentences naming them, sentences in a passage
whose focus is the target (pronouns, bare subjects), and first-person sentences spoken by the
target. This module mirrors that walk on plain text and keeps every line that could be such a
sentence, plus the lines that carry state the extractor needs later:

- every line naming one of the target's name forms (given names only when capitalized);
- every line while a passage may be about the target: from a mention (or from the start on a
  page about the target) until a line that starts with another person's full name, which is
  kept itself, since only its parse can tell whom it is about;
- while the target may be the speaker ("Name:" turns, or an unlabelled page about them):
  every line of a labelled turn, and first-person lines of an unlabelled page; in someone
  else's labelled turn, only lines with a name or a third-person pronoun;
- lines that may be headings: cheap, and they set the section a later list sits under;
- a skipped line that names someone in full whose surname a line about the target uses;
- before a passage about the target, the skipped lines that may name the organization "the
  company" refers to, back to one that names a company;
- the last "Name:" label before a kept line, which says who speaks it.

It errs on the side of keeping: a line is skipped only when the extractor would attribute none
of its sentences to the target and the line changes nothing the extractor remembers for later
lines. Call it on the (offset, label, text) lines of a page, after the page's `labelled` flag
is known and before the lines are parsed (facts._prepare does):

    keep = prefilter.keep_mask(lines, forms, about_page, labelled,
                               prefilter.vocabulary(nlp, lexicons))
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import TypeVar

from spacy.language import Language

from ..lexicons import Lexicons
from ..names import FIRST_PERSON, FIRST_PERSON_PLURAL, THIRD_PERSON, word_pattern
from .mentions import ORG_HEAD, NameForms, target_label
from .rules.roles import DEFINITE_ORG, START_VERBS

Line = TypeVar("Line", bound=tuple[int, str | None, str])

# Lines that may be headings are always kept: they set the section a later list sits under.
# The extractor's headings have at most 8 tokens (mentions.HEADING_MAX_WORDS) and no final
# stop, and a line of more than 8 words has more than 8 tokens.
HEADING_MAX_WORDS = 8
SPEAKING = word_pattern(FIRST_PERSON | FIRST_PERSON_PLURAL)
THIRD_PERSON_WORDS = word_pattern(THIRD_PERSON)
YOU = re.compile(r"(?i)\byou\b")
CAPITALIZED = re.compile(r"\b[A-Z][\w'’-]+")
ROW = re.compile(r"\s*(?:[-•*] |\|)")
# A run of capitalized words ("Carrow & Pike Logistics", "Bank of Ellesmere").
CAPITALIZED_RUN = re.compile(r"\b[A-Z][\w&'’.-]*(?:\s+(?:&\s+|of\s+)?[A-Z][\w'’.-]*)*")
# Past forms of the extractor's "started a role" verbs that adding -ed does not give.
IRREGULAR_FORMS = ("became", "began", "begun", "beginning", "took", "taken")


def _verb_forms(lemmas: set[str]) -> set[str]:
    """'join' -> join, joins, joined, joining; 'take' -> take, takes, taked, taking, ..."""
    forms = set(IRREGULAR_FORMS)
    for lemma in lemmas:
        stem = lemma[:-1] if lemma.endswith("e") else lemma
        forms |= {lemma, lemma + "s", stem + "ed", stem + "ing"}
    return forms


# Any form of a verb after which the extractor takes "the company" for the last one named.
REFERRING_VERB = re.compile(r"(?i)\b(" + "|".join(sorted(map(re.escape, _verb_forms(START_VERBS)),
                                                        key=len, reverse=True)) + r")\b")

# The extractor's "the company", "its" (rules.roles.DEFINITE_ORG), also with words between
# "the" and the noun: it compares the determiner and the head of a phrase ("the supply chain
# and procurement group" -> "the group").
REFERRING_PHRASE = re.compile(
    DEFINITE_ORG.pattern.replace("the (", r"the (?:[\w'’&,-]+\s+){0,8}?("))

# Words of school names: the extractor never takes a school for "the company".
SCHOOL_WORDS = ("university", "college", "school", "institute", "academy", "polytechnic",
                "tech", "conservatory", "seminary")
SENTENCE_BREAK = re.compile(r"(?<=[.!?])[\"”’)]*\s+(?=[\"“‘(]*[A-Z])")
SENTENCE_END = re.compile(r"(?:^|[.!?:;][\"”’)]*)\s*[\"“‘(]*$")
# Two to four capitalized words, middle initials allowed ("Arjun K. Batra").
FULL_NAME = re.compile(r"\b[A-Z][a-z][\w-]*(?:\s+(?:[A-Z]\.\s+)?[A-Z][a-z][\w-]*){1,3}")
# A line that opens with a person's full name ("Ruth Alvarez, the plant manager, ..."; "Sean
# D. Keohane has served ..."; a heading or list row that is only a name) starts a passage
# about that person. Strict on purpose: a line it misses is kept, a line it wrongly matches
# could end a passage about the target too early.
NAME_START = re.compile(
    r"^\s*(?:[-•*|]\s*)?(?P<title>(?:Dr|Mr|Mrs|Ms|Mx|Prof)\.?\s+)?"
    r"(?P<name>[A-Z][a-z][\w'’-]*(?:\s+(?:[A-Z]\.|[A-Z][a-z][\w'’-]*)){1,3})"
    r"(?P<suffix>,?\s+(?:Jr|Sr|II|III|IV)\.?)?"
    r"(?=\s*(?:,|\(|$)|['’]s\s|\s+(?:is|was|has|had|joined|serves|served|said|says|became|"
    r"leads|led|holds|held|who|will|began|spent|earned|graduated|founded|co-founded|retired|"
    r"brings|oversees|heads|chairs|also)\b)")
# Capitalized words that do not end or start a person's name: sentence openers, titles and
# the heads of organization names ("Kestrel Logistics", "Board Chair", "Last Year").
NOT_NAME_WORDS = frozenset({
    "the", "a", "an", "in", "at", "on", "for", "from", "with", "after", "before",
    "during", "since", "as", "when", "while", "this", "that", "these",
    "those", "our", "their", "his", "her", "its", "my", "your", "we", "they", "she",
    "he", "it", "there", "here", "today", "yesterday", "tomorrow",
    "last", "next", "new", "first", "second", "third", "every", "each", "all", "some",
    "many", "most", "other", "another", "more", "about",
    "january", "february", "march", "april", "may", "june", "july", "august",
    "september", "october", "november", "december",
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday",
    "spring", "summer", "autumn", "fall", "winter",
    "chief", "officer", "executive", "president", "vice", "director", "manager",
    "chair", "chairman", "chairwoman",
    "chairperson", "board", "trustee", "trustees", "founder", "partner", "senior",
    "junior", "head", "lead", "principal", "dean",
    "professor", "general", "counsel", "secretary", "treasurer", "member", "members",
    "committee", "council",
    "inc", "corp", "corporation", "company", "co", "llc", "ltd", "plc", "group",
    "holdings", "partners", "capital", "bank", "fund",
    "foundation", "trust", "society", "association", "institute", "university",
    "college", "school", "academy", "center",
    "centre", "hospital", "clinic", "museum", "library", "club", "league", "network",
    "alliance", "coalition", "agency",
    "department", "office", "ministry", "services", "systems", "solutions",
    "technologies", "technology", "logistics",
    "health", "healthcare", "energy", "media", "labs", "international", "global",
    "national", "regional", "city", "county",
    "state", "street", "road", "avenue", "north", "south", "east", "west", "award",
    "awards", "prize", "conference", "summit", "forum",
})


@dataclass(frozen=True)
class Vocabulary:
    """Words the prefilter needs besides the page: dictionary words (a name made of them may
    be a heading or a company rather than a person) and the words that keep an organization
    out of the extractor's memory of the last one named (associations, causes, schools)."""

    common: frozenset[str] = frozenset()
    not_remembered: tuple[str, ...] = SCHOOL_WORDS


def vocabulary(nlp: Language, lexicons: Lexicons) -> Vocabulary:
    return Vocabulary(common_words(nlp), (*lexicons.association_words, *lexicons.cause_words,
                                          *SCHOOL_WORDS))


@lru_cache(maxsize=4)
def common_words(nlp: Language) -> frozenset[str]:
    """English nouns, verbs, adjectives and adverbs, from the model's lemmatizer tables
    (WordNet's index in the English models), and its stop words ("and", "what"); empty when
    the model has no such table."""
    try:
        tables = nlp.get_pipe("lemmatizer").lookups  # type: ignore[attr-defined]
        index = tables.get_table("lemma_index")
    except (KeyError, AttributeError):
        return frozenset()
    return frozenset(word for words in index.values() for word in words) | frozenset(
        nlp.Defaults.stop_words)


# A page with at least this many characters of text (a proxy statement, an annual report, a
# prospectus: 250,000 to 1,000,000 here, where the longest article is under 50,000) is read by
# section when it is not about the target as a whole and has no speaker turns: only the
# sections that name the target are read, each as a page of its own (see sections).
SECTION_PAGE_CHARS = 100_000
# A big page is an interview read whole when at least this share of its lines are speaker
# turns ("Name: ..."): 0.66 to 0.85 on the transcripts here, 0.001 on a 3.8 MB prospectus
# whose six "labels" are drug codes ("CMP-CPS-001: ...").
MIN_TURN_SHARE = 0.05


def sections(lines: Sequence[tuple[int, str | None, str]], forms: NameForms,
             about_page: bool, labelled: bool) -> list[tuple[int, int]] | None:
    """On a big filing, the (start, end) line ranges of the sections that name the target;
    None for a page read whole. A section runs from a heading to the next: a short line
    without a final stop, not a table row nor a field ('Business Experience:', 'Director
    Since: 2016'), so a director's entry with its fields and lists is one section, and a
    page footer ('24 CABOT CORPORATION') ends one. The passage about the target ends with its
    section: in a filing the next section is about the company, a plan or someone else."""
    turns = sum(1 for _, label, _ in lines if label)
    rare_turns = 0 < turns < MIN_TURN_SHARE * len(lines)  # labels, but no interview
    if about_page or labelled and not rare_turns or \
            sum(len(text) for _, _, text in lines) < SECTION_PAGE_CHARS:
        return None
    names = _name_pattern(forms)
    if names is None:
        return []
    starts = [0, *(i for i, (_, _, text) in enumerate(lines)
                   if i and _starts_section(text))]
    return [(a, b) for a, b in zip(starts, [*starts[1:], len(lines)], strict=True)
            if any(names.search(_strip_accents(text)) for _, _, text in lines[a:b])]


SECTION_HEADING = re.compile(r"[A-Z][^\d:]*\s[^\d:]*")


def _starts_section(text: str) -> bool:
    """A heading that starts a section: two words or more from a capital, with no field
    ('Age: 56', 'Business Experience:'), no page number ('24 CABOT CORPORATION', a page's
    footer, comes in the middle of a section) and no note ('Independent', '(Nominee for
    Election)', under a director's name). Not a table row."""
    return _may_be_heading(text) and SECTION_HEADING.fullmatch(text.strip()) is not None


def select(lines: Sequence[Line], forms: NameForms, about_page: bool, labelled: bool,
           words: Vocabulary = Vocabulary()) -> list[Line]:
    """The lines (offset, speaker label or None, text) that can hold facts about the target,
    or that the extractor needs to read them right, in page order; the others need no parse.
    Without dictionary words, only names with an initial or a title end a passage."""
    mask = keep_mask(lines, forms, about_page, labelled, words)
    return [line for line, keep in zip(lines, mask, strict=True) if keep]


def keep_mask(lines: Sequence[tuple[int, str | None, str]], forms: NameForms,
              about_page: bool, labelled: bool, words: Vocabulary = Vocabulary()) -> list[bool]:
    """For each line, whether the extractor may need it."""
    texts = [text for _, _, text in lines]
    about = _about_target(lines, forms, about_page, labelled, words.common)
    keep = [a or _may_be_heading(text) for a, text in zip(about, texts, strict=True)]
    _keep_last_named(texts, about, keep, words)
    _keep_full_names(texts, about, keep)
    _keep_speaker_turns(lines, keep)
    return keep


def _about_target(lines: Sequence[tuple[int, str | None, str]], forms: NameForms,
                  about_page: bool, labelled: bool, common: frozenset[str]) -> list[bool]:
    """For each line, whether the extractor may attribute one of its sentences to the
    target: it follows the passage focus and the speaker through the lines."""
    names = _name_pattern(forms)
    passage = about_page  # may the passage focus be the target?
    # the target speaks in turns of their own: 'you' in another's turn may be said to them
    guest = any(label is not None and target_label(label, forms) for _, label, _ in lines)
    speaker = "unknown"
    about: list[bool] = []
    for _, label, text in lines:
        if label is not None:  # as Attributor.turn: a label changes the speaker
            speaker = "target" if target_label(label, forms) else "other"
        elif not labelled:
            speaker = "target" if about_page and not text.rstrip().endswith("?") else "unknown"
        mentioned = names is not None and bool(names.search(_strip_accents(text)))
        speaks = speaker == "target" and (labelled or bool(SPEAKING.search(text)))
        # In a labelled turn of someone else, a sentence is about the target only through a
        # name, a third-person pronoun or 'you' said to them ('You founded X in 2012');
        # one naming nobody changes nothing for later lines.
        aside = labelled and speaker == "other" and not THIRD_PERSON_WORDS.search(text) \
            and not YOU.search(text) and not _names_something(text, common)
        told = guest and speaker == "other" and bool(YOU.search(text))  # as Attributor
        about.append(mentioned or speaks or told or (passage and not aside))
        if mentioned or speaks:
            passage = True
        elif starts_with_other_person(text, common):
            passage = False
    return about


def starts_with_other_person(text: str, common: frozenset[str] = frozenset()) -> bool:
    """Does the line open with someone's full name (the target's lines never get here)?

    A name with a title ("Dr."), a middle initial or a suffix is a person's; otherwise both
    its first and last words must be words no dictionary lists ("Kerry Wolcott", not "Cash
    Compensation", "Helix Education" or "Mozilla Studio").
    """
    match = NAME_START.match(text)
    if match is None:
        return False
    words = [w.lower() for w in match.group("name").split()]
    if words[0] in NOT_NAME_WORDS or words[-1] in NOT_NAME_WORDS:
        return False
    if match.group("title") or match.group("suffix") or any(w.endswith(".") for w in words):
        return True
    return bool(common) and words[0] not in common and words[-1] not in common


def _keep_speaker_turns(lines: Sequence[tuple[int, str | None, str]],
                        keep: list[bool]) -> None:
    """An unlabelled line is spoken by whoever the last "Name:" label named: keep the last
    labelled line before each kept unlabelled line."""
    last_label: int | None = None
    for i, (_, label, _) in enumerate(lines):
        if keep[i] and label is None and last_label is not None:
            keep[last_label] = True
        if label is not None:
            last_label = i


def _keep_last_named(texts: Sequence[str], about: Sequence[bool], keep: list[bool],
                     words: Vocabulary) -> None:
    """'She joined the company in 2019' takes its organization from the last one named before
    it, possibly in a skipped line. Before a passage about the target that may refer back so
    before naming a company itself, keep every earlier line that names something, back to the
    nearest that names a company ('... Group', '... Inc.'). Headings and list rows are passed
    over: the extractor reads no organization from them."""
    for i in range(1, len(texts)):
        if not about[i] or about[i - 1] or not _refers_back(texts, about, i, words):
            continue
        for j in range(i - 1, -1, -1):
            if _may_be_heading(texts[j]) or ROW.match(texts[j]) or \
                    not _names_something(texts[j], words.common):
                continue
            keep[j] = True
            if _names_remembered_company(texts[j], words.not_remembered):
                break


def _refers_back(texts: Sequence[str], about: Sequence[bool], start: int,
                 words: Vocabulary) -> bool:
    """Does the passage starting at `start` say "the company", "its" or "joined" (the words
    that make the extractor use the last organization named) before it names a company?"""
    for i in range(start, len(texts)):
        if not about[i]:
            return False
        read = not _may_be_heading(texts[i]) and not ROW.match(texts[i])
        for sentence in SENTENCE_BREAK.split(texts[i]):
            if REFERRING_PHRASE.search(sentence) or REFERRING_VERB.search(sentence):
                return True  # a sentence is read before the names in it are remembered
            if read and _names_remembered_company(sentence, words.not_remembered):
                return False  # (headings and list rows are not read for organizations)
    return False


def _names_remembered_company(text: str, not_remembered: tuple[str, ...]) -> bool:
    """Does the text name a company the extractor is sure to remember: a name ending in a
    word such as Group or Logistics (rules.spans.ORG_HEAD), which it takes for an
    organization whatever NER says, and with no word of an association, cause or school?"""
    for match in CAPITALIZED_RUN.finditer(text):
        name = match.group()
        if ORG_HEAD.search(name) and not any(
                re.search(rf"\b{re.escape(w)}\b", name.lower()) for w in not_remembered):
            return True
    return False


def _names_something(text: str, common: frozenset[str]) -> bool:
    """A capitalized word that does not start a sentence, one that does and is no common
    word ("Halvard said"), or an acronym."""
    for match in CAPITALIZED.finditer(text):
        starts = SENTENCE_END.search(text[:match.start()])
        word = match.group().lower()
        if not starts or (word not in common and word not in NOT_NAME_WORDS):
            return True
    return bool(re.search(r"\b[A-Z]{2,}\b", text))


def _keep_full_names(texts: Sequence[str], about: Sequence[bool], keep: list[bool]) -> None:
    """The extractor remembers the surname of everyone named in full ("Arjun Batra") and
    reads a later lone "Batra" as that person: keep the lines that name in full someone whose
    surname a line about the target uses."""
    used = {w.lower() for text, a in zip(texts, about, strict=True) if a
            for w in re.findall(r"[^\W\d_]+", text)}
    for i, text in enumerate(texts):
        if not keep[i] and used & _full_name_surnames(text):
            keep[i] = True


def _full_name_surnames(text: str) -> set[str]:
    """Last words of runs of two to four capitalized words that could be a person's name."""
    out = set()
    for run in FULL_NAME.finditer(text):
        words = [w.lower() for w in run.group().split() if not w.endswith(".")]
        if words[0] not in NOT_NAME_WORDS and words[-1] not in NOT_NAME_WORDS:
            out.add(words[-1])
    return out


def _name_pattern(forms: NameForms) -> re.Pattern[str] | None:
    """The target's surnames in any case; given names and nicknames capitalized only ('Will',
    not 'will'), as the extractor takes a lone given name only from a proper noun."""
    alternatives = [re.escape(s).replace(r"\ ", r"\s+") for s in forms.surnames if s]
    alternatives += [f"{re.escape(g[0].upper())}(?i:{re.escape(g[1:])})"
                     for g in forms.given if g]
    if not alternatives:
        return None
    surnames = "|".join(a for a in alternatives if "(?i:" not in a)
    given = "|".join(a for a in alternatives if "(?i:" in a)
    parts = ([f"(?i:{surnames})"] if surnames else []) + ([given] if given else [])
    return re.compile(r"(?<!\w)(?:" + "|".join(parts) + r")(?!\w)")


def _strip_accents(text: str) -> str:
    """Diacritics off and quotes straightened, as the extractor folds names (case kept)."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFKD", text)
    # only the distinct characters are looked up, not each of a long line's characters
    marks = {ord(ch): None for ch in set(decomposed) if unicodedata.combining(ch)}
    bare = decomposed.translate(marks) if marks else decomposed
    return bare.replace("’", "'")


def _may_be_heading(text: str) -> bool:
    if text.rstrip().endswith((".", "?", "!")):
        return False
    parts = text.split()
    return len(parts) <= HEADING_MAX_WORDS or sum(
        1 for w in parts if any(ch.isalnum() for ch in w)) <= HEADING_MAX_WORDS

