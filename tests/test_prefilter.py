"""Prefilter: which lines of a page can hold facts about the target. Unit cases on plain lines,
then the real extractor on whole pages: blanking the lines the prefilter skips must not change
a single fact, and on a page about several people most of the text is skipped."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from dossier.extract import extract
from dossier.facts import _split_label, about_page, find_facts, paragraphs
from dossier.facts.prefilter import (
    SECTION_PAGE_CHARS,
    Vocabulary,
    keep_mask,
    sections,
    select,
    starts_with_other_person,
    vocabulary,
)
from dossier.fetch import read_local
from dossier.lexicons import load_lexicons
from dossier.models import Document, Target
from dossier.names import name_forms
from dossier.pipeline import Engine

TESTS = Path(__file__).parent
PAGES = TESTS / "prefilter_pages"
# Words a dictionary lists, for the unit cases (the real list comes from the model).
COMMON = frozenset({"cash", "compensation", "helix", "education", "will", "company", "demand",
                    "other", "prices", "and", "how", "through"})
WORDS = Vocabulary(COMMON)
LABEL_WORDS = frozenset(load_lexicons().label_words)
BOARD = ["Oriel Fenwick-Ashby", "Tadeusz Quillfeather", "Marguerite Oyelaran-Voss",
         "Henrik Aalto-Brandt", "Lucinda Marchbanks-Ruiz"]


def lines_of(*texts: str, labels: dict[int, str] | None = None
             ) -> list[tuple[int, str | None, str]]:
    labels = labels or {}
    return [(i * 1000, labels.get(i), text) for i, text in enumerate(texts)]


def kept(texts: list[str], target: str = "Wren Okonkwo", about: bool = False,
         labels: dict[int, str] | None = None) -> list[str]:
    forms = name_forms([target], load_lexicons())
    lines = lines_of(*texts, labels=labels)
    labelled = len(labels or {}) >= 2
    return [text for _, _, text in select(lines, forms, about, labelled, WORDS)]


LONG = " It was a long year for the whole sector and the numbers showed it in every region."


# ---------------------------------------------------------------- plain lines


def test_lines_naming_the_target_are_kept_and_others_skipped() -> None:
    texts = ["Demand grew in every region this year, and analysts expect more." + LONG,
             "Wren Okonkwo joined the company in 2019 as chief operating officer." + LONG]
    assert kept(texts) == [texts[1]]


def test_a_passage_runs_until_another_full_name_starts_a_paragraph() -> None:
    texts = ["Okonkwo joined the company in 2019 as chief operating officer." + LONG,
             "She serves on the board of the Riverside Food Bank." + LONG,
             "Ruth Alvarez, the plant manager, retired in 2020 after thirty years." + LONG,
             "She now volunteers at the local library every Saturday morning." + LONG]
    assert kept(texts) == texts[:3]  # the line that starts the new passage is kept itself


def test_dictionary_words_and_companies_do_not_end_a_passage() -> None:
    texts = ["Okonkwo joined the company in 2019 as chief operating officer." + LONG,
             "Cash Compensation is paid quarterly to every member of the team." + LONG,
             "Helix Education said it would expand its programmes next year." + LONG,
             "She serves on the board of the Riverside Food Bank." + LONG]
    assert kept(texts) == texts


@pytest.mark.parametrize(("line", "expected"), [
    ("Sean D. Keohane has served as a director since 2008.", True),
    ("Dr. Henrik Aalto-Brandt is a family physician.", True),
    ("Tadeusz Quillfeather is Chief Financial Officer of Ironvale Insurance.", True),
    ("Tadeusz Quillfeather", True),
    ("Cash Compensation", False),
    ("Helix Education said it would expand.", False),
    ("The Chief Executive Officer said nothing.", False),
    ("In March the board met twice.", False),
    ("Ruth founded the group in 1999.", False),  # one word: not a full name
])
def test_which_lines_start_with_another_persons_name(line: str, expected: bool) -> None:
    assert starts_with_other_person(line, COMMON) is expected


def test_without_a_dictionary_only_names_with_initials_or_titles_end_a_passage() -> None:
    assert starts_with_other_person("Sean D. Keohane has served since 2008.")
    assert not starts_with_other_person("Tadeusz Quillfeather is Chief Financial Officer.")


def test_a_page_about_the_target_is_kept_from_its_first_line() -> None:
    texts = ["Her career began in a regional distribution centre in Omaha." + LONG]
    assert kept(texts, about=True) == texts
    assert kept(texts, about=False) == []


def test_given_names_count_only_capitalized() -> None:
    texts = ["The board will meet again in the spring to review the budget." + LONG,
             "Will joined the board in 2019 and chairs its finance committee." + LONG]
    assert kept(texts, target="Will Harrowgate") == [texts[1]]


def test_headings_are_kept() -> None:
    assert kept(["Board committees", "Annual meeting 2025"]) == ["Board committees",
                                                                 "Annual meeting 2025"]


def test_the_targets_turns_are_kept_and_questions_naming_no_one_skipped() -> None:
    texts = ["How did the programme start, and who paid for the first year of it?" + LONG,
             "Through a grant from the county and a lot of volunteer evenings." + LONG,
             "And what does she do with her weekends these days, then?" + LONG,
             "And what did the volunteers do with the money afterwards?" + LONG,
             "Ruth Alvarez, the plant manager, retired in 2020." + LONG]
    labels = {0: "Q", 1: "Okonkwo", 2: "Q", 3: "Q", 4: "Q"}
    assert kept(texts, labels=labels) == [texts[1], texts[2], texts[4]]


def test_what_the_host_tells_the_guest_is_kept() -> None:
    """'You oversaw the operation of ...' in the host's turn is said of the target when the
    target speaks in turns of their own; on a page where they do not, it is skipped."""
    texts = ["You oversaw the operation of the county radio for years." + LONG,
             "I did, and it was the best job I ever had in radio." + LONG,
             "And what did the volunteers do with the money afterwards?" + LONG]
    assert kept(texts, labels={0: "Q", 1: "Okonkwo", 2: "Q"}) == texts[:2]
    assert kept(texts, labels={0: "Q", 1: "Ruth", 2: "Q"}) == []


def test_first_person_lines_of_an_about_page_are_kept_after_a_passage_ends() -> None:
    texts = ["Okonkwo joined the company in 2019 as chief operating officer." + LONG,
             "Ruth Alvarez, the plant manager, retired in 2020 after thirty years." + LONG,
             "The team built the first planning model in the building." + LONG,
             "I still use that model every week when we plan the routes." + LONG]
    assert kept(texts, about=True) == [texts[0], texts[1], texts[3]]


def test_the_last_named_line_before_a_passage_is_kept() -> None:
    texts = ["Norrland Foods opened two new warehouses near Tucson last spring." + LONG,
             "prices for warehouse space rose sharply across the whole region." + LONG,
             "Okonkwo joined the company in 2019 as chief operating officer." + LONG]
    assert kept(texts) == [texts[0], texts[2]]


def test_a_full_name_whose_surname_the_passage_uses_is_kept() -> None:
    texts = ["The session was chaired by Arjun Batra of Pemberton Securities." + LONG,
             "Demand grew in every region this year, and analysts expect more." + LONG,
             "Okonkwo said Batra had asked the hardest question of the afternoon." + LONG]
    assert kept(texts) == [texts[0], texts[2]]


def test_the_mask_lines_up_with_the_lines() -> None:
    lines = lines_of("Other news." + LONG, "Okonkwo joined in 2019." + LONG)
    forms = name_forms(["Wren Okonkwo"], load_lexicons())
    assert keep_mask(lines, forms, False, False, WORDS) == [False, True]


# ---------------------------------------------------------------- whole pages, real extractor


def page(path: Path) -> Document:
    return extract(read_local(str(path), 5_000_000))


def blanked(doc: Document, target: str, engine: Engine) -> tuple[Document, float]:
    """The document with every line the prefilter skips replaced by spaces (so offsets and
    the extractor's line walk are otherwise unchanged), and the share of words kept."""
    forms = name_forms([target], engine.lexicons)
    raw = paragraphs(doc.text)
    lines = [_split_label(offset, line, LABEL_WORDS) for offset, line in raw]
    labelled = sum(1 for _, label, _ in lines if label) >= 2
    mask = keep_mask(lines, forms, about_page(doc, forms), labelled,
                     vocabulary(engine.nlp, engine.lexicons))
    text = doc.text
    for (offset, line), keep in zip(raw, mask, strict=True):
        if not keep:
            text = text[:offset] + " " * len(line) + text[offset + len(line):]
    words = [len(line.split()) for _, line in raw]
    share = sum(w for w, k in zip(words, mask, strict=True) if k) / max(1, sum(words))
    return replace(doc, text=text), share


def labelled_page(doc: Document) -> bool:
    return sum(1 for offset, line in paragraphs(doc.text)
               if _split_label(offset, line, LABEL_WORDS)[1]) >= 2


CASES = [
    *[(PAGES / "board.html", name) for name in [*BOARD, "Maria Okafor"]],
    *[(PAGES / "news.html", name) for name in
      ["Wren Okonkwo-Hale", "Bastian Kettleby", "Dario Vandermeer"]],
    *[(path, "Ysolde Marchetti-Varga") for path in sorted((TESTS / "fact_pages").glob("*.html"))],
    (TESTS / "fact_pages" / "career.html", "Tobias Lindqvist-Hale"),
    # Every batch page for every batch target, but the interview only for its own target:
    # for anyone else its speaker labels would be skipped, and blanking them would change
    # whether the page counts as labelled, which the extractor decides before the filter.
    *[(path, name) for path in sorted((TESTS / "batch_pages").glob("*.html"))
      for name in ["Maria Okafor", "Erik Lindqvist", "Helena Marsh-Ortiz", "Jordan Ellis"]
      if path.stem != "okafor-interview" or name == "Maria Okafor"],
    *[(path, "Renata Castellanos-Webb")
      for path in sorted((TESTS.parent / "dossier" / "demo_pages").glob("*.html"))],
]


@pytest.mark.parametrize(("path", "target"), CASES,
                         ids=[f"{p.stem}-{t.split()[-1]}" for p, t in CASES])
def test_skipped_lines_change_no_fact(engine: Engine, path: Path, target: str) -> None:
    doc = page(path)
    reduced, _ = blanked(doc, target, engine)
    assert labelled_page(reduced) == labelled_page(doc)
    full = find_facts([doc], Target(target), engine.nlp, engine.lexicons, skip_unrelated=False)
    assert full == find_facts([reduced], Target(target), engine.nlp, engine.lexicons,
                              skip_unrelated=False)
    # and the extractor's own use of the filter (the default) finds the same facts
    assert find_facts([doc], Target(target), engine.nlp, engine.lexicons) == full


def test_most_of_a_board_page_is_skipped_for_one_director(engine: Engine) -> None:
    """Each director's entry is kept, and the entries before it only where a sentence of it
    could take "the company" from them ("He joined the board in 2022")."""
    shares = [blanked(page(PAGES / "board.html"), target, engine)[1] for target in BOARD]
    assert sum(shares) / len(shares) < 0.5
    assert min(shares) < 0.25


def test_a_page_about_no_one_we_know_is_mostly_skipped(engine: Engine) -> None:
    _, share = blanked(page(PAGES / "news.html"), "Maria Okafor", engine)
    assert share < 0.2


# ---------------------------------------------------------------- big filings, by section

FILLER = ("The Committee reviewed the plan against the peer group and the market data provided "
          "by its independent consultant, and it approved the awards described below. ")


def filing(*bio: str) -> list[str]:
    """The lines of a filing over SECTION_PAGE_CHARS: a director's entry, a compensation
    section that goes on after naming the target, and long sections about nothing of theirs."""
    head = ["Proposal 1: Election of Directors", "Wren Okonkwo", "Director Since: 2016",
            "Age: 56", "Independent", "Business Experience:", *bio,
            "Mr. Okonkwo has a deep understanding of our businesses.", "24 HALVARD CORPORATION",
            "Arjun K. Batra", "Director Since: 2012", "Business Experience:",
            "• Chief Financial Officer, Saltmarsh Renewables, since 2019"]
    pay = ["Summary Compensation Table", "| Wren Okonkwo President and CEO | 2023 | 1,083,750 |",
           "Mr. Okonkwo received a salary increase of 4% in 2023."]
    rest = [f"Annual Incentive Plan Part {chr(65 + i % 26)}{chr(65 + i // 26)}" if i % 2 == 0
            else FILLER * 8 for i in range(2 * SECTION_PAGE_CHARS // len(FILLER * 8))]
    other = ["Other Compensation Matters",
             "He serves on the board of directors of the Vestry Food Alliance."]
    return [*head, *pay, *other, *rest]


def test_a_big_filing_is_cut_into_sections_and_only_those_naming_the_target_are_read() -> None:
    lines = lines_of(*filing("• Chief Executive Officer, Halvard Corporation, since 2016"))
    forms = name_forms(["Wren Okonkwo"], load_lexicons())
    found = sections(lines, forms, about_page=False, labelled=False)
    assert found is not None
    texts = [[text for _, _, text in lines[a:b]] for a, b in found]
    # his entry with its fields, note, lists and footer is one section; Batra's is not read
    assert texts[0][:2] == ["Wren Okonkwo", "Director Since: 2016"]
    assert "24 HALVARD CORPORATION" in texts[0] and "Arjun K. Batra" not in texts[0]
    assert texts[1][0] == "Summary Compensation Table" and len(found) == 2
    assert not any("Vestry" in t for part in texts for t in part)
    # a page about the target, one with speaker turns, or a short page is read whole
    assert sections(lines, forms, about_page=True, labelled=False) is None
    assert sections(lines, forms, about_page=False, labelled=True) is None
    assert sections(lines[:40], forms, about_page=False, labelled=False) is None


def test_a_big_filing_with_a_few_label_like_lines_is_still_read_by_section() -> None:
    """A prospectus's 'CMP-CPS-001: ...' lines (drug codes) make it look labelled; so few
    turns among thousands of lines are no interview."""
    texts = filing("• Chief Executive Officer, Halvard Corporation, since 2016")
    codes = {len(texts): "CMP-CPS-001", len(texts) + 1: "CMP-SYNGAP"}
    lines = lines_of(*texts, "a candidate for urea cycle disorders.",
                     "a candidate for SYNGAP1-related disorders.", labels=codes)
    forms = name_forms(["Wren Okonkwo"], load_lexicons())
    found = sections(lines, forms, about_page=False, labelled=True)
    assert found is not None and len(found) == 2
    # with as many turns as an interview has, it is read whole
    turns = {i: "Okonkwo" for i in range(0, len(lines), 10)}
    talk = lines_of(*(text for _, _, text in lines), labels=turns)
    assert sections(talk, forms, about_page=False, labelled=True) is None


def test_only_the_sections_naming_the_target_reach_the_parser(engine: Engine) -> None:
    lines = filing("• Chief Executive Officer, Halvard Corporation, since 2016")
    doc = Document(url="file:///filing.html", text="\n".join(lines), title="DEF 14A")
    facts = find_facts([doc], Target("Wren Okonkwo"), engine.nlp, engine.lexicons)
    orgs = {f.fields.get("org") for f in facts}
    assert "Halvard Corporation" in orgs  # from his entry
    assert "Saltmarsh Renewables" not in orgs  # Batra's entry, another section
    # read whole, the passage the pay table's line starts would go on into the next section
    assert not any("Vestry" in e.quote for f in facts for e in f.evidence)
    # the same facts when every line of those sections is parsed
    assert find_facts([doc], Target("Wren Okonkwo"), engine.nlp, engine.lexicons,
                      skip_unrelated=False) == facts
