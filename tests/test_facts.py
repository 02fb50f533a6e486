"""Facts stage regression set: a sentence or small page for each category and each attribution
trap, asserting the exact fields of every fact found about the target.

All people, organizations and titles here are invented for these tests. A case marked xfail is
a place where the extractor is known to be wrong: the assertion says what a careful reader
expects, and the mark (strict) turns into a failure as soon as the extractor gets it right.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from dossier.extract import extract
from dossier.facts import defined_terms, find_facts, paragraphs, resolve_defined_terms
from dossier.facts.rules.roles import _another_name_is, title_span
from dossier.facts.rules.spans import terms
from dossier.fetch import read_local
from dossier.merge import merge
from dossier.models import Document, Evidence, Fact, PageKind, Target
from dossier.names import fold, name_forms
from dossier.pipeline import Engine

PAGES = Path(__file__).parent / "fact_pages"
URL = "https://example.org/people/profile"
TARGET = "Ysolde Marchetti-Varga"
MAX_PAGE_BYTES = 1_000_000
# Stands for "the sentence the activity was read from": an activity's detail is free text.
SENTENCE = "<a sentence of the page>"
# A fixed "today" for the stale flag, so the tests do not age.
TODAY = date(2025, 6, 1)


class OneOf:
    """An expected field value that may be written several ways ('volunteer', 'volunteers')."""

    def __init__(self, *options: str) -> None:
        self.options = {o.casefold() for o in options}

    def __eq__(self, other: object) -> bool:
        return isinstance(other, str) and other.casefold() in self.options

    def __hash__(self) -> int:
        return hash(tuple(sorted(self.options)))

    def __repr__(self) -> str:
        return f"OneOf{tuple(sorted(self.options))}"


@dataclass(frozen=True)
class Case:
    """A page, the facts a careful reader finds about the target on it, and the words that
    belong to other people on the page (no fact about the target may contain them)."""

    text: str
    expected: dict[str, list[dict[str, Any]]]
    target: str = TARGET
    title: str | None = TARGET
    kind: PageKind = "bio"
    others: tuple[str, ...] = ()
    date: str | None = None


def document(case: Case, url: str = URL) -> Document:
    return Document(url=url, text=case.text, title=case.title, kind=case.kind, date=case.date)


def read(engine: Engine, docs: Sequence[Document], target: str = TARGET) -> list[Fact]:
    found = find_facts(list(docs), Target(target), engine.nlp, engine.lexicons)
    return merge(found, today=TODAY)


def _folded(value: Any) -> Any:
    return value.casefold() if isinstance(value, str) else value


def comparable(fact: Fact, text: str) -> dict[str, Any]:
    """A fact's fields, strings case-folded (capitals follow the source sentence); an
    activity's detail becomes SENTENCE when it is text taken from the page."""
    fields = {name: _folded(value) for name, value in fact.fields.items()}
    detail = fact.fields.get("detail")
    if fact.category == "activity" and isinstance(detail, str) and detail.strip() and \
            fold(" ".join(detail.split())) in fold(" ".join(text.split())):
        fields["detail"] = SENTENCE
    return fields


def _matches(got: list[dict[str, Any]], want: list[dict[str, Any]]) -> bool:
    """Each expected fact equals a distinct fact found, and nothing else was found."""
    if len(got) != len(want):
        return False
    left = list(got)
    for expected in want:
        hit = next((g for g in left if g == expected), None)
        if hit is None:
            return False
        left.remove(hit)
    return True


def assert_facts(facts: list[Fact], expected: dict[str, list[dict[str, Any]]],
                 text: str) -> None:
    got: dict[str, list[dict[str, Any]]] = {}
    for fact in facts:
        got.setdefault(fact.category, []).append(comparable(fact, text))
    want = {category: [{k: _folded(v) for k, v in row.items()} for row in rows]
            for category, rows in expected.items() if rows}
    assert sorted(got) == sorted(want), f"categories differ:\n got  {got}\n want {want}"
    for category, rows in want.items():
        assert _matches(got[category], rows), \
            f"{category} facts differ:\n got  {got[category]}\n want {rows}"


def mentions_of_others(facts: list[Fact], others: Sequence[str]) -> list[tuple[str, Fact]]:
    """(word, fact) for each fact whose fields name something that belongs to someone else.
    A family fact's detail may describe the relative: that is what it is for."""
    return [(word, f) for f in facts for word in others
            if any(fold(word) in fold(str(v)) for k, v in f.fields.items()
                   if v and not (f.category == "family" and k == "detail"))]


def role(title: str, org: str | None, start: int | None = None, end: int | None = None,
         current: bool | None = None) -> dict[str, Any]:
    return {"title": title, "org": org, "start": start, "end": end, "current": current}


def board(org: str, kind: str, position: str = "member") -> dict[str, Any]:
    return {"org": org, "kind": kind, "position": position}


def school(institution: str, degree: Any = None, field_: str | None = None,
           year: int | None = None) -> dict[str, Any]:
    return {"institution": institution, "degree": degree, "field": field_, "year": year}


def xfail(reason: str) -> pytest.MarkDecorator:
    return pytest.mark.xfail(strict=True, reason=reason)


# ---------------------------------------------------------------- one category per sentence

ROLE_CASES = [
    pytest.param(Case(
        "Ysolde Marchetti-Varga has been chief financial officer of Ferncliff Provisions "
        "since 2019.",
        {"role": [role("Chief Financial Officer", "Ferncliff Provisions", 2019, None, True)]},
    ), id="role-since-year"),
    pytest.param(Case(
        "From 2008 to 2014 she was a senior analyst at Quillfeather Bank.",
        {"role": [role("Senior analyst", "Quillfeather Bank", 2008, 2014, False)]},
    ), id="role-from-to"),
    pytest.param(Case(
        "Ysolde Marchetti-Varga\nCareer\n"
        "- Vice President of Finance, Tern Harbor Logistics (2014–2019)\n"
        "- Senior Analyst, Quillfeather Bank (2008–2014)",
        {"role": [role("Vice President of Finance", "Tern Harbor Logistics", 2014, 2019, False),
                  role("Senior Analyst", "Quillfeather Bank", 2008, 2014, False)]},
    ), id="role-career-list"),
    pytest.param(Case(
        "Ysolde Marchetti-Varga\nCareer\n- Senior Analyst, Saltmarsh Renewables (2008–2014)",
        {"role": [role("Senior Analyst", "Saltmarsh Renewables", 2008, 2014, False)]},
    ), id="role-career-list-company-ner-calls-a-person"),
    pytest.param(Case(
        "Ysolde Marchetti-Varga\n| Years | Title | Organization |\n|---|---|---|\n"
        "| 2016–2020 | Director of Operations | Pellucid Systems |",
        {"role": [role("Director of Operations", "Pellucid Systems", 2016, 2020, False)]},
    ), id="role-career-table-row"),
    pytest.param(Case(
        "She co-founded Lanternfish Analytics in 2015.",
        {"role": [role("Co-founder", "Lanternfish Analytics", 2015, None, None)]},
    ), id="role-co-founded"),
    pytest.param(Case(
        "Marchetti-Varga co-founded Lanternfish Analytics in 2015.",
        {"role": [role("Co-founder", "Lanternfish Analytics", 2015, None, None)]},
    ), id="role-co-founded-after-surname", marks=xfail(
        "title is 'Founder': after this hyphenated surname the 'co-' is lost (with 'She' "
        "as the subject it is 'Co-founder')")),
    pytest.param(Case(
        "In 2015 she co-founded Lanternfish Analytics.",
        {"role": [role("Co-founder", "Lanternfish Analytics", 2015, None, None)]},
    ), id="role-co-founded-year-first"),
    pytest.param(Case(
        "Marchetti-Varga is the chief financial officer of Ferncliff Provisions. Before that "
        "she was treasurer of Dunmore Textiles.",
        {"role": [role("Chief financial officer", "Ferncliff Provisions", None, None, True),
                  role("Treasurer", "Dunmore Textiles", None, None, False)]},
    ), id="role-current-and-past"),
    pytest.param(Case(
        "Marchetti-Varga was previously head of planning at Dunmore Textiles, chief operating "
        "officer of Tern Harbor Logistics and an economist with Quillfeather Bank.",
        {"role": [role("Head of planning", "Dunmore Textiles", None, None, False),
                  role("Chief operating officer", "Tern Harbor Logistics", None, None, False),
                  role("Economist", "Quillfeather Bank", None, None, False)]},
    ), id="role-list-of-past-positions"),
    pytest.param(Case(
        "Previously, she was head of open source software at Dunmore Textiles, CTO of the "
        "Brindle Foundation, and senior director of logistics for Quillfeather Bank.",
        {"role": [role("Head of open source software", "Dunmore Textiles", None, None, False),
                  role("CTO", "Brindle Foundation", None, None, False),
                  role("Senior director of logistics", "Quillfeather Bank", None, None,
                       False)]},
    ), id="role-list-hung-on-the-verb"),
    pytest.param(Case(
        "As Senior Director, Harbor Trust at the Maritime Safety Society, Marchetti-Varga "
        "advises three governments. She is also past president of the Coastal Logistics "
        "Society.",
        {"role": [role("Senior Director, Harbor Trust", "Maritime Safety Society", None, None,
                       True)],
         "association": [{"org": "Coastal Logistics Society", "position": "past president"}]},
    ), id="role-staff-of-a-society-and-a-field-after-a-comma"),
    pytest.param(Case(
        "Marchetti-Varga was previously chief operating officer at Dunmore Textiles.",
        {"role": [role("Chief operating officer", "Dunmore Textiles", None, None, False)]},
    ), id="role-previously"),
    pytest.param(Case(
        "Marchetti-Varga rose from analyst to director at Quillfeather Bank.",
        {"role": [role("Analyst", "Quillfeather Bank", None, None, False),
                  role("Director", "Quillfeather Bank", None, None, None)]},
    ), id="role-rose-from-to"),
    pytest.param(Case(
        "She joined Quillfeather Bank as an analyst in 2006 and was promoted to director "
        "in 2011.",
        {"role": [role("Analyst", "Quillfeather Bank", 2006, 2011, False),
                  role("Director", "Quillfeather Bank", 2011, None, None)]},
    ), id="role-promoted-to", marks=xfail(
        "only the analyst role (start 2006, end None); the promotion gives no role")),
    pytest.param(Case(
        "Marchetti-Varga joined Ferncliff Provisions as chief financial officer in 2019.",
        {"role": [role("Chief financial officer", "Ferncliff Provisions", 2019, None, True)]},
    ), id="role-joined-as"),
    pytest.param(Case(
        "Ysolde Marchetti-Varga, chief financial officer of Ferncliff Provisions, said the "
        "deal would close in March.",
        {"role": [role("Chief financial officer", "Ferncliff Provisions", None, None, True)]},
        title="Ferncliff Provisions agrees distribution deal", kind="article",
    ), id="role-appositive-with-said"),
    pytest.param(Case(
        "Marchetti-Varga spent nine years as director of planning at Tern Harbor Logistics "
        "before joining Ferncliff Provisions in 2019.",
        {"role": [role("Director of planning", "Tern Harbor Logistics", 2010, 2019, False)]},
    ), id="role-for-nine-years-before-joining"),
    pytest.param(Case(
        "Prior to joining Ferncliff Provisions, she was director of planning at Tern Harbor "
        "Logistics.",
        {"role": [role("Director of planning", "Tern Harbor Logistics", None, None, False)]},
    ), id="role-prior-to-joining"),
    pytest.param(Case(
        "She was vice president of engineering at Kestrel Maps from 2012 to 2018.",
        {"role": [role("Vice president of engineering", "Kestrel Maps", 2012, 2018, False)]},
    ), id="role-org-ner-calls-a-place"),
    pytest.param(Case(
        "Ferncliff Provisions was incorporated in 2004 by Ysolde Marchetti-Varga and Oren Tal. "
        "She made herself chief executive and gave Tal the title of chairman.",
        {"role": [role("Chief executive", "Ferncliff Provisions")]},
        kind="article", others=("chairman",),
    ), id="role-made-herself-at-the-company-just-named"),
    pytest.param(Case(
        "Prior to Ferncliff, she was chief of staff for the Ontario Ministry of Finance, a "
        "management consultant with Dunmore Weiss & Company, and an economist with the "
        "Brantley Bank. Kestrel Maps, a developer of tidal projects with Saltmarsh Energy, "
        "hired her in 2019.",
        {"role": [role("Chief of staff", "Ontario Ministry of Finance", None, None, False),
                  role("Management consultant", "Dunmore Weiss & Company", None, None, False),
                  role("Economist", "Brantley Bank", None, None, False)]},
        others=("Saltmarsh", "developer"),
    ), id="role-a-list-of-jobs-each-with-its-employer"),
    pytest.param(Case(
        "Whitfield, Tern Harbor's co-founder and former chief executive, declined to comment. "
        "Whitfield, the billionaire founder of Kestrel Data and former mayor of Tessaly, spoke "
        "first. She stepped down as chief executive of Dunmore Textiles in 2019. She also "
        "co-founded Quayside Labs and Harbor Pay.",
        {"role": [role("Co-founder", "Tern Harbor", None, None, True),
                  role("Chief executive", "Tern Harbor", None, None, False),
                  role("Founder", "Kestrel Data", None, None, True),
                  role("Mayor", "Tessaly", None, None, False),
                  role("Chief executive", "Dunmore Textiles", None, 2019, False),
                  role("Co-founder", "Quayside Labs"),
                  role("Co-founder", "Harbor Pay")]},
        target="Dana Whitfield", title="Dana Whitfield", kind="article",
    ), id="role-as-news-describes-her"),
    pytest.param(Case(
        "Previously, she was chief open source evangelist for Sun and an engineer at Box. She "
        "has been a fan of the Jam since 1990.",
        {"role": [role("Chief open source evangelist", "Sun", None, None, False),
                  role("Engineer", "Box", None, None, False)]},
    ), id="role-at-a-three-letter-company"),
    pytest.param(Case(
        "Q: During the Reagan years, you oversaw the operation of the Tessaly Broadcasting "
        "Corporation. What do you think of radio today?\n"
        "Marchetti-Varga: I ran Harbor Radio for a while, and now I manage Ferncliff "
        "Provisions' European business.",
        {"role": [role("Head", "Tessaly Broadcasting Corporation"),
                  role("Head", "Harbor Radio"),
                  role("Head", "Ferncliff Provisions", None, None, True)]},
        title="A conversation with Ysolde Marchetti-Varga", kind="interview",
    ), id="role-what-the-interviewer-says-she-oversaw"),
    pytest.param(Case(
        "Dana Whitfield joined Kestrel Maps as president in 2020. Earlier she joined Abernathy "
        "Lowe as a first-year auditor and made partner at 34.",
        {"role": [role("President", "Kestrel Maps", 2020, None, True),
                  role("Auditor", "Abernathy Lowe"),
                  role("Partner", "Abernathy Lowe")]},
        target="Dana Whitfield", title="Dana Whitfield",
    ), id="role-a-firm-ner-calls-a-person-joined-as-something"),
    pytest.param(Case(
        "Halvorsen Logistics reported earnings on Tuesday. Halvorsen Logistics said Dana "
        "Whitfield will join as chief financial officer in March.",
        {"role": [role("Chief financial officer", "Halvorsen Logistics")]},
        target="Dana Whitfield", title="Halvorsen Logistics names a CFO", kind="article",
    ), id="role-a-company-says-she-will-join"),
    pytest.param(Case(
        "Marchetti-Varga is a past chair of the Fairhaven Symphony and a past treasurer of "
        "Dunmore Textiles.",
        {"board": [board("Fairhaven Symphony", "nonprofit", "chair")],
         "role": [role("Treasurer", "Dunmore Textiles", None, None, False)]},
    ), id="role-a-past-chair-is-a-seat-that-ended"),
]

BOARD_CASES = [
    pytest.param(Case(
        "Marchetti-Varga was the inaugural chairperson of the Harbor Arts Foundation.",
        {"board": [board("Harbor Arts Foundation", "nonprofit", "inaugural chairperson")]},
    ), id="board-chair-of-a-foundation"),
    pytest.param(Case(
        "Marchetti-Varga serves on the boards of the Riverbend Food Bank, the Calloway Museum "
        "of Art and the Fennimore Library Foundation.",
        {"board": [board("Riverbend Food Bank", "nonprofit"),
                   board("Calloway Museum of Art", "nonprofit"),
                   board("Fennimore Library Foundation", "nonprofit")]},
    ), id="board-list-of-three"),
    pytest.param(Case(
        "She is chair of the board of trustees of Wendlebury College.",
        {"board": [board("Wendlebury College", "academic", "chair")]},
    ), id="board-academic-chair"),
    pytest.param(Case(
        "She sits on the advisory board of Quantaloop Robotics.",
        {"board": [board("Quantaloop Robotics", "advisory")]},
    ), id="board-advisory"),
    pytest.param(Case(
        "Marchetti-Varga is an independent director of Graystone Holdings Inc.",
        {"board": [board("Graystone Holdings Inc", "corporate", "independent director")]},
    ), id="board-corporate"),
    pytest.param(Case(
        "She sits on the Tarrow Valley Regional Transit Authority board.",
        {"board": [board("Tarrow Valley Regional Transit Authority", "government")]},
    ), id="board-government"),
    pytest.param(Case(
        "In 2020 the governor appointed her to the State Water Commission.",
        {"board": [board("State Water Commission", "government")]},
    ), id="board-appointed-by-governor"),
    pytest.param(Case(
        "She is a trustee of the Harrowgate Symphony Orchestra.",
        {"board": [board("Harrowgate Symphony Orchestra", "nonprofit", "trustee")]},
    ), id="board-trustee"),
    pytest.param(Case(
        "She is a trustee of the Ashdown Nature Conservancy.",
        {"board": [board("Ashdown Nature Conservancy", "nonprofit", "trustee")]},
    ), id="board-trustee-conservancy", marks=xfail(
        "nothing: spaCy tags the name EVENT and no board is read")),
    pytest.param(Case(
        "Marchetti-Varga chairs the board of the Tallis Street Clinic Foundation.",
        {"board": [board("Tallis Street Clinic Foundation", "nonprofit", "chair")]},
    ), id="board-chairs-verb"),
]

EDUCATION_CASES = [
    pytest.param(Case(
        "Marchetti-Varga holds a Finance BSBA from Carrowmore University.",
        {"education": [school("Carrowmore University", OneOf("BS", "BSBA"), "finance")]},
    ), id="education-field-before-the-degree"),
    pytest.param(Case(
        "In 1999, after two years of college, I dropped out of Harvey Mudd to join a startup.",
        {"education": [school("Harvey Mudd")]}, title="About Ysolde Marchetti-Varga",
    ), id="education-dropped-out-of-a-school-without-school-words"),
    pytest.param(Case(
        "Five years earlier Marchetti-Varga, then a graduate student at Stanford, had a vision.",
        {"education": [school("Stanford")]},
    ), id="education-student-at"),
    pytest.param(Case(
        "At Brindle Middle School, where Marchetti-Varga was principal, the attendance rate "
        "rose to 93 percent. She spun the program out of Corran College in 2019.",
        {"role": [role("Principal", "Brindle Middle School", None, None, False)]},
    ), id="education-attendance-and-spin-outs-are-no-schooling"),
    pytest.param(Case(
        "Marchetti-Varga holds a BS in chemical engineering from Carrowmore University (2004).",
        {"education": [school("Carrowmore University", "BS", "chemical engineering", 2004)]},
    ), id="education-bs-field-year"),
    pytest.param(Case(
        "She earned an MBA from the Pendleton School of Business in 2010.",
        {"education": [school("Pendleton School of Business", "MBA", None, 2010)]},
    ), id="education-mba"),
    pytest.param(Case(
        "She received her PhD in materials science from Pellham Institute of Technology "
        "in 2008.",
        {"education": [school("Pellham Institute of Technology", "PhD", "materials science",
                              2008)]},
    ), id="education-phd"),
    pytest.param(Case(
        "Marchetti-Varga graduated from Ashcombe College in 1999 with a bachelor's degree in "
        "economics.",
        {"education": [school("Ashcombe College", OneOf("BA", "bachelor's"), "economics",
                              1999)]},
    ), id="education-field-after-school", marks=xfail(
        "field is None when 'in economics' follows the school name")),
    pytest.param(Case(
        "Whitfield attended Tessaly High School and then Brantley University.",
        {"education": [school("Tessaly High School"), school("Brantley University")]},
        target="Dana Whitfield", title="Dana Whitfield",
    ), id="education-her-name-is-no-school"),
]

ASSOCIATION_CASES = [
    pytest.param(Case(
        "Marchetti-Varga is a member of the Society of Process Engineers.",
        {"association": [{"org": "Society of Process Engineers", "position": "member"}]},
    ), id="association-member-of"),
    pytest.param(Case(
        "She has belonged to the Quarry Hill Rotary Club since 2012.",
        {"association": [{"org": "Quarry Hill Rotary Club", "position": "member"}]},
    ), id="association-belonged-to"),
    pytest.param(Case(
        "She is treasurer of the Women in Logistics Association.",
        {"association": [{"org": "Women in Logistics Association", "position": "treasurer"}]},
    ), id="association-officer"),
]

CAUSE_CASES = [
    pytest.param(Case(
        "Each spring she organizes a fundraiser for the Eastbrook Children's Hospital.",
        {"cause": [{"name": "Eastbrook Children's Hospital", "involvement": "fundraiser"}]},
    ), id="cause-fundraiser"),
    pytest.param(Case(
        "She volunteers at the Millbrook Food Bank.",
        {"cause": [{"name": "Millbrook Food Bank",
                    "involvement": OneOf("volunteer", "volunteers")}]},
    ), id="cause-volunteer"),
    pytest.param(Case(
        "She donates to the Marrow Point Animal Shelter.",
        {"cause": [{"name": "Marrow Point Animal Shelter",
                    "involvement": OneOf("donor", "donates")}]},
    ), id="cause-donor"),
    pytest.param(Case(
        "She donates to the Marrow Point Animal Shelter and raises money for the Corley "
        "Cancer Fund.",
        {"cause": [{"name": "Marrow Point Animal Shelter",
                    "involvement": OneOf("donor", "donates")},
                   {"name": "Corley Cancer Fund",
                    "involvement": OneOf("raises money", "fundraiser", "fundraising")}]},
    ), id="cause-two-involvements"),
    pytest.param(Case(
        "Every May she walks in the Step Up for Literacy Walk.",
        {"cause": [{"name": "Step Up for Literacy Walk",
                    "involvement": OneOf("walker", "walks", "participant")}]},
    ), id="cause-walkathon"),
    pytest.param(Case(
        "Previously she was chief technology officer of the Brindle Foundation. Her "
        "consultancy counts the Ostrava Family Fund and Corran Outfitters as clients.",
        {"role": [role("Chief technology officer", "Brindle Foundation", None, None, False)]},
    ), id="cause-a-foundation-as-employer-or-client-is-none"),
    pytest.param(Case(
        "Marchetti-Varga is a passionate advocate for girls' education. She is also an "
        "outspoken critic of the death penalty. She has donated millions to cancer research "
        "and is active in the fight against homelessness. She is a critic of the plan and "
        "donated the painting to the harbor museum.",
        {"cause": [{"name": "girls' education", "involvement": "advocate"},
                   {"name": "death penalty", "involvement": "critic"},
                   {"name": "cancer research", "involvement": "donate"},
                   {"name": "homelessness", "involvement": "fight"}]},
    ), id="cause-ideas-she-stands-for-or-against-not-one-thing"),
    pytest.param(Case(
        "Marchetti-Varga gave $5 million to the Lakeshore Orchestra and pledged $50 million to "
        "Brantley University. The Kestrel Foundation gave $1 million to the Tessaly Food Bank.",
        {"cause": [{"name": "Lakeshore Orchestra", "involvement": "donor"},
                   {"name": "Brantley University", "involvement": "donor"}]},
        others=("Kestrel", "Tessaly"),
    ), id="cause-her-gifts-not-a-foundations"),
]

ACTIVITY_CASES = [
    pytest.param(Case(
        "Marchetti-Varga lettered as a linebacker in college, still plays roller hockey on "
        "Sundays and took up knitting last winter.",
        {"activity": [{"name": "football", "detail": SENTENCE},
                      {"name": "roller hockey", "detail": SENTENCE},
                      {"name": "knitting", "detail": SENTENCE}]},
    ), id="activity-named-as-written-not-a-wider-sport"),
    pytest.param(Case(
        "Outside work, Marchetti-Varga runs marathons and spends summers sailing on Lake "
        "Tessaly.",
        {"activity": [{"name": "marathon running", "detail": SENTENCE},
                      {"name": "sailing", "detail": SENTENCE}]},
    ), id="activity-marathons-and-sailing"),
    pytest.param(Case(
        "She has completed four marathons.",
        {"activity": [{"name": "marathon running", "detail": SENTENCE}]},
    ), id="activity-marathons"),
    pytest.param(Case(
        "An avid sailor, she races a J/24 on weekends.",
        {"activity": [{"name": "sailing", "detail": SENTENCE}]},
    ), id="activity-sailor"),
    pytest.param(Case(
        "Q: What do you do to switch off?\nMarchetti-Varga: I sail whenever I can.",
        {"activity": [{"name": "sailing", "detail": SENTENCE}]},
        title="A conversation with Ysolde Marchetti-Varga", kind="interview",
    ), id="activity-verb-sail"),
]

WORK_CASES = [
    pytest.param(Case(
        'Her documentary "The Long Harvest" followed four farms through a drought.',
        {"work": [{"title": "The Long Harvest", "kind": "other"}]},
    ), id="work-documentary"),
    pytest.param(Case(
        'The Harbor Ledger wrote that Marchetti-Varga "made a virtue of patient capital" '
        'in her first book.',
        {},
    ), id="work-a-quoted-phrase-is-no-title"),
    pytest.param(Case(
        "Marchetti-Varga is the creator of the Harbor Risk Rubric, and the lead author of "
        "Tidemark 1.0.0, Saltline 2.1, and the Cargo Trust Primer.",
        {"work": [{"title": "Harbor Risk Rubric", "kind": "book"},
                  {"title": "Tidemark 1.0.0", "kind": "book"},
                  {"title": "Saltline 2.1", "kind": "book"},
                  {"title": "Cargo Trust Primer", "kind": "book"}]},
    ), id="work-a-list-of-titles"),
    pytest.param(Case(
        'At the Supply Chain Summit she gave a talk titled "Inventory Is a Promise, Not a '
        'Pile."',
        {"work": [{"title": "Inventory Is a Promise, Not a Pile", "kind": "talk"}]},
    ), id="work-quoted-talk"),
    pytest.param(Case(
        'Her keynote, "What the Warehouse Knows," drew a standing crowd.',
        {"work": [{"title": "What the Warehouse Knows", "kind": "talk"}]},
    ), id="work-quoted-keynote"),
    pytest.param(Case(
        "Marchetti-Varga is the author of Shelf Life Economics: Lessons from a Decade of "
        "Perishables (2021).",
        {"work": [{"title": "Shelf Life Economics: Lessons from a Decade of Perishables",
                   "kind": "book"}]},
    ), id="work-book-with-subtitle"),
    pytest.param(Case(
        "She hosts the podcast Loading Dock Conversations.",
        {"work": [{"title": "Loading Dock Conversations", "kind": "podcast"}]},
    ), id="work-podcast"),
    pytest.param(Case(
        'Marchetti-Varga wrote "Tidewater Ledgers" and has appeared on WKRB "Harbor Morning", '
        '"The Night Desk" and Radio Lisboa\'s "Sunday Tide".',
        {"work": [{"title": "Tidewater Ledgers", "kind": "book"}]},
    ), id="work-shows-she-appeared-on-are-not-hers"),
    pytest.param(Case(
        'She was a guest on the podcast "Cargo Cult Classics" and was featured in "Port '
        'Quarterly".',
        {},
    ), id="work-a-guest-is-no-host"),
    pytest.param(Case(
        "The column for Marchetti-Varga shows her pension, described below under \"Deferred "
        "and retirement benefits\"; see also \"Pension Plan Tables\" above.",
        {},
    ), id="work-a-filing-section-is-no-work"),
    pytest.param(Case(
        "Ysolde Marchetti-Varga has written the texts that define open docks — the Harbor "
        "Commons License in 2001, the Open Docks Charter in 2009 and the Open Docks Charter "
        "Update in 2019.",
        {"work": [{"title": "Harbor Commons License", "kind": "other"},
                  {"title": "Open Docks Charter", "kind": "other"},
                  {"title": "Open Docks Charter Update", "kind": "other"}]},
    ), id="work-documents-a-writing-verb-lists"),
    pytest.param(Case(
        'She has written essays for the Lisbon Ledger and Slate.com and appeared on WKRB '
        '"Harbor Morning" and Radio Lisboa\'s "Sunday Tide".',
        {"work": [{"title": "essays for the Lisbon Ledger and Slate.com", "kind": "article"}]},
    ), id="work-pieces-for-a-publication"),
    pytest.param(Case(
        "Ysolde Marchetti-Varga writes for the Lisbon Ledger and Port Weekly. She is a "
        "published author and has contributed to Harbor Review Magazine on topics such as "
        "tides. She blogs at ysolde.example.org.",
        {"work": [{"title": "Lisbon Ledger", "kind": "article"},
                  {"title": "Port Weekly", "kind": "article"},
                  {"title": "Harbor Review Magazine", "kind": "article"},
                  {"title": "ysolde.example.org", "kind": "article"}]},
    ), id="work-where-she-writes"),
    pytest.param(Case(
        "Ysolde Marchetti-Varga has spoken at port gatherings like Port Summit, DockCon and "
        "Cargo Week. She speaks at conferences twice a year and spoke at the annual meeting.",
        {"work": [{"title": "talks at port gatherings", "kind": "talk"}]},
    ), id="work-named-speaking-engagements"),
    pytest.param(Case(
        "Marchetti-Varga was an author for the Port Resilience Report in 2022 and wrote "
        "Harbor Ledgers Explained (Quayside Press, 2015).",
        {"work": [{"title": "Port Resilience Report", "kind": "book"},
                  {"title": "Harbor Ledgers Explained", "kind": "book"}]},
    ), id="work-a-report-she-wrote-and-no-publisher"),
    pytest.param(Case(
        "Q: What is next for you?\nMarchetti-Varga: We are building Tidewatch so that anyone "
        "can contribute to it.",
        {}, title="A conversation with Ysolde Marchetti-Varga", kind="interview",
    ), id="work-what-we-build-is-the-teams"),
    pytest.param(Case(
        "I wrote the first version of the planner in one night. I called it TideRank. You can "
        "read more in my blog post entitled How I Turned Down $300,000 to Write Software. "
        "When I set up a company in Lisbon, I called it TRX.",
        {"work": [{"title": "TideRank", "kind": "other"},
                  {"title": "How I Turned Down $300,000 to Write Software", "kind": "other"}]},
    ), id="work-what-they-named-and-a-post-entitled"),
    pytest.param(Case(
        "In 1997 Marchetti-Varga published her autobiography, Tides of Commerce. Her 2010 "
        "essay, The Case for Slow Freight, was widely cited. She produced the documentary Salt "
        "Roads in 2011 and co-wrote the 2015 book Supply Lines with Oren Tal.",
        {"work": [{"title": "Tides of Commerce", "kind": "book"},
                  {"title": "The Case for Slow Freight", "kind": "article"},
                  {"title": "Salt Roads", "kind": "other"},
                  {"title": "Supply Lines", "kind": "book"}]},
    ), id="work-named-after-its-kind-even-where-ner-calls-it-a-person"),
    pytest.param(Case(
        "Marchetti-Varga is the author of two books on logistics, including Moving Things "
        "(2012) and Cold Chains. She read many novels as a child, including The Quiet Harbor, "
        "loves the film Night Crossing and once wrote about the film Harbor Lights.",
        {"work": [{"title": "Moving Things", "kind": "book"},
                  {"title": "Cold Chains", "kind": "book"}]},
        others=("Quiet Harbor", "Night Crossing", "Harbor Lights"),
    ), id="work-her-books-not-the-ones-she-read-or-watched"),
]

FAMILY_CASES = [
    pytest.param(Case(
        "Marchetti-Varga lives in Portland with her son and daughter.",
        {"family": [{"relation": "son", "detail": None},
                    {"relation": "daughter", "detail": None}]},
    ), id="family-two-relatives-one-owner"),
    pytest.param(Case(
        "A table of her sorority sisters cheered loudest when Marchetti-Varga spoke.",
        {},
    ), id="family-sorority-sisters-are-no-kin"),
    pytest.param(Case(
        "Tobias Quennell, a heart surgeon, married Ysolde Marchetti-Varga's aunt Kathy in "
        "1980.",
        {"family": [{"relation": "aunt", "detail": "Kathy"}]},
    ), id="family-named-owner-in-someone-elses-sentence"),
    pytest.param(Case(
        "Marchetti-Varga: Corvale is our main packaging partner, and we have used it for every "
        "line we have launched.",
        {}, kind="interview",
    ), id="family-business-partner-in-own-words"),
    pytest.param(Case(
        "She and her husband, Tomasz Wieczorek, live in Portland.",
        {"family": [{"relation": "spouse", "detail": "Tomasz Wieczorek"}]},
    ), id="family-husband"),
    pytest.param(Case(
        "Her son, Mateo, plays cello.",
        {"family": [{"relation": "son", "detail": "Mateo"}]},
    ), id="family-son"),
    pytest.param(Case(
        "Marchetti-Varga lives in Portland with her wife, Delphine Quarrie, and their "
        "daughter, Noor.",
        {"family": [{"relation": "spouse", "detail": "Delphine Quarrie"},
                    {"relation": "daughter", "detail": "Noor"}]},
    ), id="family-wife-and-daughter"),
    pytest.param(Case(
        "Marchetti-Varga and her wife, Delphine Quarrie, have a daughter, Noor.",
        {"family": [{"relation": "spouse", "detail": "Delphine Quarrie"},
                    {"relation": "daughter", "detail": "Noor"}]},
    ), id="family-have-a-daughter"),
]

# ---------------------------------------------------------------- attribution traps

COLLEAGUE = Case(
    "Leadership Team\nYsolde Marchetti-Varga\nChief Financial Officer\n"
    "Ysolde Marchetti-Varga has been chief financial officer of Ferncliff Provisions since "
    "2019. She is a member of the Society of Process Engineers.\n"
    "Leopold Achebe-Lind\nChief Operating Officer\n"
    "Leopold Achebe-Lind leads operations at Ferncliff Provisions. Before joining, he was vice "
    "president of supply chain at Corvale Markets from 2012 to 2018. He serves on the board "
    "of the Hollis Street Food Bank and holds an MBA from Ridgefield University. He is a "
    "member of the Guild of Cold Storage Engineers.",
    {"role": [role("Chief financial officer", "Ferncliff Provisions", 2019, None, True)],
     "association": [{"org": "Society of Process Engineers", "position": "member"}]},
    title="Leadership | Ferncliff Provisions", kind="other",
    others=("Corvale", "Hollis Street", "Ridgefield", "Cold Storage", "Chief Operating"),
)
INTERVIEW = Case(
    "Q: You started out in a very different industry. How did you get into food?\n"
    "Marchetti-Varga: I was director of planning at Tern Harbor Logistics for nine years. "
    "I loved the puzzle of it.\n"
    "Interviewer: I was a dispatcher at Pinecrest Freight myself, years ago, and I sat on "
    "the board of the Delmore Youth Orchestra. What surprised you when you switched?\n"
    "Marchetti-Varga: How much I learned from volunteering. I'm on the board of the Fallow "
    "Creek Land Trust.",
    {"role": [role("Director of planning", "Tern Harbor Logistics", None, None, False)],
     "board": [board("Fallow Creek Land Trust", "nonprofit")]},
    title="A conversation with Ysolde Marchetti-Varga", kind="interview",
    others=("Pinecrest", "Delmore", "dispatcher"),
)
# The target answers in her own words: "he" and "his" there are the man asked about.
OWN_WORDS = Case(
    "Is Tobias Quennell really worth what he claims?\n"
    "We have him at about two billion. Some people say he is worth nothing. His net worth has "
    "gone down since he became president of Brindle Works, and his son runs the foundation. "
    "I keep telling our editors that.",
    {}, title="A conversation with Ysolde Marchetti-Varga", kind="interview",
    others=("Brindle", "son"),
)
OWN_WORDS_LABELLED = Case(
    "Host: Tell me about your first investor.\n"
    "Marchetti-Varga: I met Tobias Quennell in 2009. He is the chief executive of Brindle "
    "Works and he plays tennis with his daughter every week. I still call him.",
    {}, title="Podcast: Ysolde Marchetti-Varga", kind="interview",
    others=("Brindle", "tennis", "daughter"),
)
COLLEAGUES_TITLES = Case(
    "Marchetti-Varga: We have met Tobias, the CEO of Brindle Works, twice. The outgoing guy "
    "is the head of Corran College, but I don't think he knows it. I served under President "
    "Quennell at Dunmore Textiles.",
    {}, title="Podcast: Ysolde Marchetti-Varga", kind="interview",
    others=("Brindle", "Corran"),
)
FILING_WORDS = Case(
    "Information regarding our Executive Officers is set forth in Item 1. On March 17, the "
    "Board of Directors of Ferncliff Provisions, Inc. (the \u201cCompany\u201d) appointed "
    "Ysolde Marchetti-Varga as the Chief Financial Officer of the Company, effective on the "
    "Separation Date.",
    {"role": [role("Chief Financial Officer", "Ferncliff Provisions, Inc.", None, None,
                   None)]}, kind="article",
    others=("Executive", "Separation Date"),
)
SIMILES = Case(
    "Marchetti-Varga runs the planning team like a rowing crew, and she plays sports like "
    "tennis and squash.",
    {"activity": [{"name": "tennis", "detail": SENTENCE}, {"name": "squash", "detail": SENTENCE}]},
)
# The page calls her "she" every time her name is followed by a pronoun, so "he" and "his" near
# her are someone else's, whoever the passage is about.
HE_IS_SOMEONE_ELSE = Case(
    "Ysolde Marchetti-Varga is chief financial officer of Ferncliff Provisions. Marchetti-Varga "
    "says she was a rower in college. Marchetti-Varga hired Oren Tal in 2020, and he sits on "
    "the board of the Lakeshore Orchestra. Marchetti-Varga said she wants to double exports, "
    "and Marchetti-Varga thinks she can. At home he coaches soccer and his son plays chess.",
    {"role": [role("Chief financial officer", "Ferncliff Provisions", None, None, True)],
     "activity": [{"name": "rowing", "detail": SENTENCE}]},
    kind="article", others=("Lakeshore", "soccer", "chess", "son"),
)
# A machine transcript numbers its speakers: the one who answers when the host calls her by
# name is her; the host's marathons and wife are his, and in her own words 'their parents' are
# someone else's.
NUMBERED_SPEAKERS = Case(
    "[Speaker 1] [00:00] Welcome to the show. Today we have Ysolde Marchetti-Varga with us. "
    "Ysolde, welcome. [Speaker 2] [00:05] Thanks for having me. [Speaker 1] [00:07] So tell us "
    "about Ferncliff. [Speaker 2] [00:09] I founded Ferncliff Provisions in 2012, and before "
    "that I was a buyer at Corvale Markets. We had just started main board production. "
    "[Speaker 1] [00:20] I run marathons myself, and my wife plays golf. Is that right, "
    "Ysolde? [Speaker 2] [00:25] Yes, I sail on weekends and my daughter sails too. Kids take "
    "apart their parents' computers.",
    {"role": [role("Founder", "Ferncliff Provisions", 2012),
              role("Buyer", "Corvale Markets", None, None, False)],
     "family": [{"relation": "daughter", "detail": None}],
     "activity": [{"name": "sailing", "detail": SENTENCE}]},
    title="Podcast transcript", kind="interview", others=("marathon", "golf", "wife"),
)
# 'she' after her name in the same sentence is her, whoever the passage was about before.
SHE_AFTER_HER_NAME = Case(
    "Ysolde Marchetti-Varga is chief financial officer of Ferncliff Provisions. Oren Tal, its "
    "chairman, sits on the board of the Harbor Arts Council. Marchetti-Varga never felt any "
    "doubt about the deal, so she joined the board of the Lakeshore Orchestra.",
    {"role": [role("Chief financial officer", "Ferncliff Provisions", None, None, True)],
     "board": [board("Lakeshore Orchestra", "nonprofit")]},
    kind="article", others=("Harbor Arts",),
)
# A clause about a thing, then 'but' and one about her: the sentence is hers, not the person's
# whose name the thing's clause holds.
BUT_SHE = Case(
    "Ysolde Marchetti-Varga is chief financial officer of Ferncliff Provisions. Oren Tal's "
    "exit was swift, but Marchetti-Varga also spent years at Kestrel Maps as its treasurer.",
    {"role": [role("Chief financial officer", "Ferncliff Provisions", None, None, True),
              role("Treasurer", "Kestrel Maps", None, None, False)]},
    kind="article",
)
PERSONAL_LAWYER = Case(
    "Dorian Kessler was a lawyer at Dunmore Weiss LLP. Kessler met Oduya in 1990. Oduya made "
    "him his personal lawyer.",
    {"role": [role("Lawyer", "Dunmore Weiss LLP", None, None, False)]},
    target="Dorian Kessler", title="Dorian Kessler", others=("Oduya",),
)
FIGURES_OF_SPEECH = Case(
    "Marchetti-Varga ran into old friends at the summit. The plan was met with a chorus of "
    "complaints, and she began hunting for ways to cut costs. It is like inventing a new way "
    "of playing tennis. The warehouse, which is run by her deputy, sits next to the golf "
    "courses. She has designed role-playing games since 2010.",
    {}, others=("tennis", "golf", "running", "hunting", "choir", "games"),
)
PRESS_RELEASE = Case(
    "Ferncliff Provisions today announced a distribution partnership with Corvale Markets.\n"
    '"I spent twenty years building grocery brands, and I serve on the board of the Oakhaven '
    'Farm Alliance," said Jane Roe, chief executive of Corvale Markets.\n'
    '"We expect the agreement to close in March," says Ysolde Marchetti-Varga, chief '
    "financial officer of Ferncliff Provisions.",
    {"role": [role("Chief financial officer", "Ferncliff Provisions", None, None, True)]},
    title="Ferncliff Provisions and Corvale Markets announce partnership", kind="article",
    others=("Oakhaven", "Corvale", "chief executive"),
)
SPOUSE_CAREER = Case(
    "Her husband, Tomasz Wieczorek, a professor at Brantley University, coaches youth soccer.",
    {"family": [{"relation": "spouse", "detail": "Tomasz Wieczorek"}]},
    others=("Brantley", "professor", "soccer"),
)
FATHER_OBITUARY = Case(
    "Harold Pemberton, who ran a boatyard in Halden Bay for four decades, died on May 2. He "
    "was 82.\n"
    "Pemberton was president of the Halden Bay Yacht Club and served on the board of the "
    "Halden Bay Savings Bank. He graduated from Norrvik Maritime Academy in 1962.\n"
    "He is survived by his wife, Margaret, and his daughter, Corinna.",
    {}, target="Corinna Pemberton", title="Harold Pemberton, boatbuilder, dies at 82",
    kind="article", others=("Yacht Club", "Savings Bank", "Norrvik", "Margaret", "spouse"),
)
FATHER_OBITUARY_DIACRITICS = Case(
    "Anders Sjöström, who ran a boatyard in Halden Bay for four decades, died on May 2. He "
    "was 82.\n"
    "Sjöström was president of the Halden Bay Yacht Club and served on the board of the "
    "Halden Bay Savings Bank. He graduated from Norrvik Maritime Academy in 1962.\n"
    "He is survived by his wife, Britt, and his daughter, Ingrid.",
    {}, target="Ingrid Sjöström", title="Anders Sjöström, boatbuilder, dies at 82",
    kind="article", others=("Yacht Club", "Savings Bank", "Norrvik", "Britt", "spouse"),
)
DIACRITICS = Case(
    "Ingrid Sjöström is the chief technology officer of Vellmar Systems.\n"
    "Sjostrom is a member of the Nordic Robotics Society.",
    {"role": [role("Chief technology officer", "Vellmar Systems", None, None, True)],
     "association": [{"org": "Nordic Robotics Society", "position": "member"}]},
    target="Ingrid Sjöström", title="Ingrid Sjöström",
)
DIACRITICS_ASCII_TARGET = Case(
    "Ingrid Sjöström is a member of the Nordic Robotics Society.",
    {"association": [{"org": "Nordic Robotics Society", "position": "member"}]},
    target="Ingrid Sjostrom", title="Robotics people to watch", kind="article",
)
HONORIFIC = Case(
    "Cobbleford Health named two new leaders this week.\n"
    "Dr. Osei, a cardiologist, is the new chief medical officer of Cobbleford Health.\n"
    "Dr. Efua Boateng becomes chief nursing officer. Dr. Boateng is a member of the Coastal "
    "Nursing Society.",
    {"role": [role("Chief medical officer", "Cobbleford Health", None, None, True)]},
    target="Kwame Osei", title="Cobbleford Health names new leaders", kind="article",
    others=("nursing",),
)
NICKNAME = Case(
    "William Pettigrew-Lowe is president of Corran Outfitters.\n"
    "Outside the office, Bill is a member of the Upland Anglers Club.",
    {"role": [role("President", "Corran Outfitters", None, None, True)],
     "association": [{"org": "Upland Anglers Club", "position": "member"}]},
    target="William Pettigrew-Lowe", title="The Corran Outfitters team", kind="article",
)
NICKNAME_FULL = Case(
    "Bill Pettigrew-Lowe is president of Corran Outfitters.",
    {"role": [role("President", "Corran Outfitters", None, None, True)]},
    target="William Pettigrew-Lowe", title="The Corran Outfitters team", kind="article",
)
MIDDLE_INITIAL_ON_PAGE = Case(
    "Meenakshi K. Sethuraman is the general counsel of Osterfield Bank.",
    {"role": [role("General counsel", "Osterfield Bank", None, None, True)]},
    target="Meenakshi Sethuraman", title="Osterfield Bank names counsel", kind="article",
)
MIDDLE_INITIAL_IN_TARGET = Case(
    "Meenakshi Sethuraman is the general counsel of Osterfield Bank.",
    {"role": [role("General counsel", "Osterfield Bank", None, None, True)]},
    target="Meenakshi K. Sethuraman", title="Osterfield Bank names counsel", kind="article",
)
NOT_MENTIONED = Case(
    "Harwick Ceramics reported higher sales of tableware. Its chief executive, Ottoline "
    "Marsh, said demand was strong.\n"
    "Marsh is a member of the Potters Guild and a trustee of the Ember Arts Foundation. She "
    "holds an MBA from Ridgefield University and runs marathons.",
    {}, title="Harwick Ceramics posts gains", kind="article",
    others=("Harwick", "Potters", "Ember", "Ridgefield", "marathon"),
)

OBITUARY_NER_MISS = ("spaCy tags only 'Sjöström' (as ORG), not 'Anders Sjöström' as a PERSON, "
                     "so the bare surname reads as the target: his yacht club, bank board, "
                     "academy and wife become hers")
# (id, case, why the exact facts are wrong, why another person's facts leak), None = right.
TRAPS: list[tuple[str, Case, str | None, str | None]] = [
    ("colleague-on-leadership-page", COLLEAGUE, None, None),
    ("interviewer-aside", INTERVIEW, None, None),
    ("quoted-other-person", PRESS_RELEASE, None, None),
    ("he-in-the-targets-own-words", OWN_WORDS, None, None),
    ("he-in-the-targets-labelled-turn", OWN_WORDS_LABELLED, None, None),
    ("sport-words-as-figures-of-speech", FIGURES_OF_SPEECH, None, None),
    ("sport-words-in-similes", SIMILES, None, None),
    ("pronoun-the-page-never-uses-for-her", HE_IS_SOMEONE_ELSE, None, None),
    ("a-personal-lawyer-serves-a-person", PERSONAL_LAWYER, None, None),
    ("numbered-speakers-of-a-machine-transcript", NUMBERED_SPEAKERS, None, None),
    ("she-after-her-name-in-the-sentence", SHE_AFTER_HER_NAME, None, None),
    ("a-things-clause-but-hers", BUT_SHE, None, None),
    ("titles-of-people-the-target-names", COLLEAGUES_TITLES, None, None),
    ("filing-words-are-no-employers", FILING_WORDS, None, None),
    ("same-surname-father-obituary", FATHER_OBITUARY, None, None),
    ("father-obituary-diacritics", FATHER_OBITUARY_DIACRITICS, OBITUARY_NER_MISS,
     OBITUARY_NER_MISS),
    ("diacritics-both-spellings", DIACRITICS, None, None),
    ("diacritics-ascii-target", DIACRITICS_ASCII_TARGET, None, None),
    ("honorific-and-surname", HONORIFIC, None, None),
    ("nickname-alone", NICKNAME, None, None),
    ("nickname-with-surname", NICKNAME_FULL, None, None),
    ("middle-initial-on-page", MIDDLE_INITIAL_ON_PAGE, None, None),
    ("middle-initial-in-target", MIDDLE_INITIAL_IN_TARGET, None, None),
    ("page-without-target", NOT_MENTIONED, None, None),
    ("spouse-career", SPOUSE_CAREER, "detail is 'Tomasz Wieczorek , a professor at Brantley "
     "University', not the name", None),
]


def _param(name: str, case: Case, reason: str | None) -> Any:
    return pytest.param(case, id=f"trap-{name}", marks=xfail(reason) if reason else ())


TRAP_CASES = [_param(name, case, exact) for name, case, exact, _ in TRAPS]
OTHERS_CASES = [_param(name, case, leak) for name, case, _, leak in TRAPS if case.others]

ALL_CASES = (ROLE_CASES + BOARD_CASES + EDUCATION_CASES + ASSOCIATION_CASES + CAUSE_CASES
             + ACTIVITY_CASES + WORK_CASES + FAMILY_CASES + TRAP_CASES)


@pytest.mark.parametrize("case", ALL_CASES)
def test_exact_facts(case: Case, engine: Engine) -> None:
    facts = read(engine, [document(case)], case.target)
    assert_facts(facts, case.expected, case.text)


@pytest.mark.parametrize("case", OTHERS_CASES)
def test_nothing_from_other_people(case: Case, engine: Engine) -> None:
    """Whatever else is found, nothing that belongs to another person on the page."""
    facts = read(engine, [document(case)], case.target)
    assert mentions_of_others(facts, case.others) == []


# ---------------------------------------------------------------- small HTML pages


def page_doc(name: str) -> Document:
    return extract(read_local(str(PAGES / name), MAX_PAGE_BYTES))


def test_leadership_page_gives_only_the_targets_facts(engine: Engine) -> None:
    doc = page_doc("leadership.html")
    facts = read(engine, [doc])
    assert_facts(facts, {
        "role": [role("Chief financial officer", "Ferncliff Provisions", 2019, None, True)],
        "education": [school("Carrowmore University", "BS", "chemical engineering", 2004)],
        "association": [{"org": "Society of Process Engineers", "position": "member"}],
    }, doc.text)
    assert mentions_of_others(facts, COLLEAGUE.others + ("marathon",)) == []


def test_undated_page_flags_nothing_stale(engine: Engine) -> None:
    doc = page_doc("leadership.html")
    assert doc.date is None
    assert [f for f in read(engine, [doc]) if f.stale] == []


def test_interview_page_answers_are_the_targets(engine: Engine) -> None:
    doc = page_doc("interview.html")
    facts = read(engine, [doc])
    assert doc.kind == "interview"
    assert_facts(facts, INTERVIEW.expected, doc.text)
    assert mentions_of_others(facts, INTERVIEW.others) == []
    assert {e.as_of for f in facts for e in f.evidence} == {"2024-02-20"}


def test_career_page_lists_every_role(engine: Engine) -> None:
    doc = page_doc("career.html")
    assert_facts(read(engine, [doc], "Tobias Lindqvist-Hale"), {
        "role": [role("Chief executive officer", "Saltmarsh Renewables", 2020, None, True),
                 role("Chief Operating Officer", "Saltmarsh Renewables", 2017, 2020, False),
                 role("Director of Project Finance", "Greyfriar Energy", 2011, 2017, False),
                 role("Senior Engineer", "Brinkmoor Power Systems", 2006, 2011, False)],
        "education": [school("Marlow Institute of Technology", OneOf("BEng", "BS"),
                             "mechanical engineering", 2005)],
        "board": [board("Estuary Wildlife Foundation", "nonprofit", "trustee")],
        "association": [{"org": "Institute of Tidal Engineers", "position": "member"}],
        "activity": [{"name": "soccer", "detail": SENTENCE}],
        "family": [{"relation": "daughter", "detail": None}],
    }, doc.text)


def test_evidence_points_into_the_page(engine: Engine) -> None:
    """Every fact carries the URL, the trimmed sentence at its offsets, the rule and the
    page date."""
    doc = page_doc("career.html")
    facts = read(engine, [doc], "Tobias Lindqvist-Hale")
    assert facts
    for fact in facts:
        for ev in fact.evidence:
            assert ev.url == doc.url
            assert ev.rule
            assert ev.as_of == "2023-09-14"
            assert ev.quote == " ".join(doc.text[ev.start:ev.end].split())


def test_one_page_read_twice_is_one_fact(engine: Engine) -> None:
    case = Case("Marchetti-Varga is a member of the Society of Process Engineers. She has been "
                "a member of the Society of Process Engineers since 2011.", {})
    facts = read(engine, [document(case)])
    assert [f.category for f in facts] == ["association"]
    assert len(facts[0].evidence) == 2


def test_a_paragraph_longer_than_spacy_accepts_is_read_in_pieces(engine: Engine) -> None:
    """One line of 1.1 million characters (spaCy refuses texts over nlp.max_length, 1,000,000,
    with E088) is cut into pieces; the other page's facts and this one's are both found, with
    offsets into the page. Only the piece naming the target is parsed (the prefilter), so
    the test stays quick."""
    sentence = "Ysolde Marchetti-Varga is a trustee of the Estuary Wildlife Foundation."
    huge = Document(url=URL + "/huge", text="x " * 550_000 + sentence)
    assert len(huge.text) > engine.nlp.max_length
    small = document(Case("Marchetti-Varga is a member of the Society of Process Engineers.",
                          {}))
    facts = read(engine, [small, huge])
    assert {(f.category, f.get("org")) for f in facts} >= {
        ("association", "Society of Process Engineers"),
        ("board", "Estuary Wildlife Foundation")}
    board = next(ev for f in facts for ev in f.evidence if ev.url == huge.url)
    assert board.quote == " ".join(huge.text[board.start:board.end].split())
    assert board.start >= 1_100_000


def test_a_post_the_target_wrote_is_one_of_their_works(engine: Engine) -> None:
    """Their byline or their own first-person page makes the page's title their work; an
    About page, a page titled with their name, a page quoting them and a transcript whose
    first turn stands for its title do not."""
    post = Document(url="https://blog.example.org/ten-years", kind="article",
                    title="Ten Years of Keeping Harbors Safe", author=TARGET,
                    text="The Brindle Harbor Trust turned ten this month.")
    own = Document(url="https://ysolde.example.org/farewell", kind="bio",
                   title="Farewell Ferncliff, Hello Open Water",
                   text="I joined Ferncliff Provisions in 2012 and I left it last week. "
                        "My next project is a sailing school, Marchetti-Varga Sailing.")
    about = replace(own, url="https://ysolde.example.org/about", title="About me")
    quoted = Document(url="https://news.example.org/pr", kind="article",
                      title="Ferncliff Provisions names a new chief financial officer",
                      text='"I am delighted," said Ysolde Marchetti-Varga. "I know the team '
                           'and I love it." Ferncliff Provisions makes tinned fish.')
    turn = Document(url="https://ysolde.example.org/transcript", kind="interview",
                    title="Interviewer: How has the business changed?",
                    text="Interviewer: How has the business changed?\nYsolde Marchetti-Varga: "
                         "I was CEO of Brindle Labs then, and I loved it.")
    works = [f.fields["title"] for f in read(engine, [post, own, about, quoted, turn])
             if f.category == "work"]
    assert sorted(works) == ["Farewell Ferncliff, Hello Open Water",
                             "Ten Years of Keeping Harbors Safe"]


def _roles(facts: list[Fact]) -> set[tuple[str, str]]:
    return {(f.fields["title"], f.fields["org"]) for f in facts if f.category == "role"}


def _orgs(facts: list[Fact], category: str) -> dict[str, Fact]:
    return {f.fields["org"]: f for f in facts if f.category == category}


def test_how_journalists_name_an_employer(engine: Engine) -> None:
    """A company named after a person in the possessive ("Rothy's", "Levi's"), one named by
    its web address, and one after a few words saying what kind of company it is: each is
    the employer, and the descriptor is not part of the title."""
    doc = Document(url=URL, kind="bio", title=TARGET, text=(
        "Ysolde Marchetti-Varga is a retail executive. Most recently, she was President and "
        "COO of Brannigan’s, leading merchandising and operations. Before that she served as "
        "COO and CMO of e-tailer Quillcart.com, where she scaled fulfillment. Earlier she was "
        "chief financial officer of the software maker Tessaly Technologies. Her team at "
        "Brannigan’s grew fast."))
    roles = _roles(read(engine, [doc]))
    assert ("President and COO", "Brannigan’s") in roles
    assert ("COO and CMO", "Quillcart.com") in roles
    assert any(org == "Tessaly Technologies" and title.lower() == "chief financial officer"
               for title, org in roles)


def test_a_list_of_board_seats_with_years_and_a_name_with_an_exclamation_mark(
        engine: Engine) -> None:
    """'BevMo!'-style names do not end the sentence, and years in brackets after each name do
    not end the list; a company's name that NER takes for a person's is still a seat, and the
    next sentence is still hers."""
    doc = Document(url=URL, kind="bio", title=TARGET, text=(
        "Ysolde Marchetti-Varga is a retail executive. Previously she has served on the boards "
        "of ShopKo! (2017 - 2020), Solvay Energy (2013 - 2016) and Harrow Capital (2015 - "
        "2017). She holds an MBA from Harvard University."))
    facts = read(engine, [doc])
    assert {"ShopKo", "Solvay Energy", "Harrow Capital"} <= set(_orgs(facts, "board"))
    assert any(f.category == "education" and f.fields["institution"] == "Harvard University"
               for f in facts)


def test_a_company_named_after_what_it_is(engine: Engine) -> None:
    """'a job as a Ruby developer with a Wikipedia search engine called Powerset': the name
    given is the employer, not the word describing it; 'started another company called X'
    and 'started the X Foundation' found something, 'started a blog called Y' did not."""
    doc = Document(url=URL, kind="bio", title=TARGET, text=(
        "My name is Ysolde Marchetti-Varga. I moved to Lisbon to take a job as a Ruby "
        "developer with a Wikipedia search engine called Tessaly. Later I started another "
        "company called Brindle Wireless. To that end, I started the Harbor Light Foundation, "
        "which works on clean energy. I also started a blog called Ink Notes."))
    roles = _roles(read(engine, [doc]))
    assert ("Ruby developer", "Tessaly") in roles
    assert ("Founder", "Brindle Wireless") in roles
    assert ("Founder", "Harbor Light Foundation") in roles
    assert not any(org in ("Wikipedia", "Ink Notes") for _, org in roles)


def test_causes_that_are_ideas_and_whose_they_are(engine: Engine) -> None:
    """What they advocate, believe in or are passionate about is a cause, item by item; what
    a foundation is dedicated to is not theirs, 'fight for the rights to' is no stance, and
    the activity word in a person's name ('Baker') is no activity."""
    doc = Document(url=URL, kind="bio", title=TARGET, text=(
        "Ysolde Marchetti-Varga leads Brindle Labs with Tomas Baker. Ysolde is a strong "
        "advocate for the open internet, open source, and the importance of connecting "
        "technology to its impact on society. She is passionate about financial literacy. "
        "The Brindle Foundation is dedicated to literacy. She had to fight for the rights to "
        "the trademarks."))
    facts = read(engine, [doc])
    causes = {f.fields["name"] for f in facts if f.category == "cause"}
    assert {"open internet", "open source", "financial literacy"} <= causes
    assert not causes & {"literacy", "rights"}
    assert not any(f.category == "activity" for f in facts)


def test_several_degrees_from_one_school(engine: Engine) -> None:
    """'a Master of Business Administration, Accounting BSBA and Finance BSBA from X' is three
    degrees from X, kept apart by the merge; 'a bachelor of science degree from Y' is one; a
    degree named on two pages, once without its name, is still one."""
    doc = Document(url=URL, kind="bio", title=TARGET, text=(
        "Ysolde Marchetti-Varga received a Master of Business Administration, Accounting BSBA "
        "and Finance BSBA from the University of Central Florida. She also holds a bachelor "
        "of science degree from the University of Bombay."))
    again = Document(url=URL + "/2", kind="bio", title=TARGET, text=(
        "Ysolde Marchetti-Varga holds an MBA from the University of Central Florida."))
    schools = [(f.fields["institution"], f.fields["degree"], f.fields.get("field"))
               for f in read(engine, [doc, again]) if f.category == "education"]
    ucf = sorted((d, f) for i, d, f in schools if i == "University of Central Florida")
    assert [d for d, _ in ucf] == ["BS", "BS", "MBA"]
    assert sum(1 for i, *_ in schools if i == "University of Bombay") == 1


def test_each_degree_from_its_own_school(engine: Engine) -> None:
    """'an MBA from INSEAD and a bachelor's degree from the University of Oregon': the MBA is
    INSEAD's (named by capitals after 'from', whatever NER found), not Oregon's; teaching at a
    business school is no schooling ('Graduate' in its name says nothing of study)."""
    doc = Document(url=URL, kind="bio", title=TARGET, text=(
        "Ysolde Marchetti-Varga holds an MBA from INSEAD and a bachelor’s degree from the "
        "University of Oregon. Since 2015 she has taught classes at Stanford’s Graduate School "
        "of Business. She received her B.A. in Asian Studies from UC Berkeley and her J.D. from "
        "Berkeley Law."))
    schools = {(f.fields["institution"], f.fields["degree"])
               for f in read(engine, [doc]) if f.category == "education"}
    assert schools == {("INSEAD", "MBA"), ("University of Oregon", "BA"), ("UC Berkeley", "BA"),
                       ("Berkeley Law", "JD")}, schools


def test_a_personal_about_page_in_plain_words(engine: Engine) -> None:
    """How people write their own careers: 'run a small consultancy called Ferro Lane',
    'co-founded Tessaly, a startup that she sold in 2012' (the sale's year is not the
    founding's), 'studied at X and later got my MBA at Wharton' (the MBA is Wharton's)."""
    doc = Document(url=URL, kind="bio", title=TARGET, text=(
        "Ysolde Marchetti-Varga spent six years at Google. She co-founded Tessaly, a startup "
        "that she sold in 2012. These days she also runs a small consultancy called Ferro Lane. "
        "She studied computer science at the University of Michigan and later got her MBA at "
        "Wharton."))
    facts = read(engine, [doc])
    roles = _orgs(facts, "role")
    assert {"Tessaly", "Ferro Lane"} <= set(roles), roles
    assert roles["Tessaly"].get("start") is None
    schools = {(f.get("institution"), f.get("degree")) for f in facts if f.category == "education"}
    assert ("Wharton", "MBA") in schools and ("University of Michigan", "MBA") not in schools


def test_a_business_function_in_a_sentence_is_no_employer(engine: Engine) -> None:
    """'Executive Vice President, Corporate Development of Biogen, Inc.': the job is at Biogen;
    'Our Board evaluates the performance of our CEO' is the board at work, no seat on it."""
    doc = Document(url=URL, kind="bio", title=TARGET, text=(
        "Ysolde Marchetti-Varga served as Executive Vice President, Corporate Development of "
        "Quarrow Therapeutics, Inc. from 2011 to 2016. Our Board evaluates the individual "
        "performance of our CEO and of Ysolde Marchetti-Varga."))
    facts = read(engine, [doc])
    assert ("Executive Vice President, Corporate Development", "Quarrow Therapeutics, Inc") \
        in _roles(facts), _roles(facts)
    assert not _orgs(facts, "board"), facts


def test_seats_and_posts_in_one_long_sentence(engine: Engine) -> None:
    """'the Chairman of the Quarrow Philharmonic Orchestra, President of the Nordic Tech
    Alliance and serves on the board of Tellingham ASA': a chair of the orchestra (a board
    word elsewhere in the sentence is another seat's), the alliance's president (an
    association: 'Tech' before another word is no school), and 'the boards of Ericsson and
    Orkla' are two seats, whatever NER calls the names."""
    doc = Document(url=URL, kind="bio", title=TARGET, text=(
        "Ysolde Marchetti-Varga is the Chairman of the Quarrow Philharmonic Orchestra, "
        "President of the Nordic Tech Alliance and serves on the board of Tellingham ASA. She "
        "has served as a member of the boards of Ericsson and Orkla, among others."))
    facts = read(engine, [doc])
    seats = set(_orgs(facts, "board"))
    assert {"Quarrow Philharmonic Orchestra", "Tellingham ASA", "Ericsson", "Orkla"} <= seats, \
        seats
    assert "Nordic Tech Alliance" in _orgs(facts, "association")
    assert "Nordic Tech Alliance" not in _orgs(facts, "role")


def test_names_the_rules_did_not_read_as_organizations(engine: Engine) -> None:
    """'the Democratic National Committee' employs (a board's 'Compensation Committee' does
    not); a name with digits ('DAS42') is a company; 'a graduate of M.I.T.' names a school
    that NER took for a place; 'Info Edge (India) Limited' is one name, not 'Limited'."""
    texts = ["Ysolde Marchetti-Varga joined the Democratic National Committee as its Chief "
             "Technology Officer. The Compensation Committee appointed her as CFO of Orbis Labs.",
             "Ysolde Marchetti-Varga is a Partner and Chief Operating Officer of DAS42, a data "
             "consulting firm.",
             "Ysolde Marchetti-Varga is a graduate of M.I.T. and lives in Oakland.",
             "Ysolde Marchetti-Varga is an independent director on the board of Info Edge "
             "(India) Limited since 2017."]
    facts = read(engine, [Document(url=f"{URL}/{i}", kind="bio", title=TARGET, text=text)
                          for i, text in enumerate(texts)])
    orgs = set(_orgs(facts, "role"))
    assert {"Democratic National Committee", "DAS42", "Orbis Labs"} <= orgs, orgs
    assert "Compensation Committee" not in orgs
    assert any(f.category == "education" and f.get("institution") == "M.I.T" for f in facts)
    assert set(_orgs(facts, "board")) == {"Info Edge (India) Limited"}


def test_a_title_of_a_name_does_not_borrow_the_last_organization(engine: Engine) -> None:
    """'experience ... regarding the business ... as Dean of Harvard University's Faculty of
    Arts and Sciences': the title says what it is of; it is no job at the company named in
    the line before, even where the rules do not read the name after 'of' as an employer."""
    doc = Document(url=URL, kind="bio", title=TARGET, text=(
        "Ysolde Marchetti-Varga is a director of Quarrow Textiles Limited. She has extensive "
        "knowledge regarding the business environment in China, as well as experience as Dean "
        "of Tellingham University's Faculty of Arts and Sciences."))
    assert "Quarrow Textiles Limited" not in _orgs(read(engine, [doc]), "role")


def test_raising_capital_is_no_charity(engine: Engine) -> None:
    """A company that raised venture rounds is no cause, nor one that shows 'the benefits of'
    a method; money raised for a food bank is."""
    doc = Document(url=URL, kind="bio", title=TARGET, text=(
        "Ysolde Marchetti-Varga served as CEO of Pellham Labs, raising multiple rounds of "
        "venture capital. She raised money for the Harbor Lights Food Bank. \"Tessaly Commons "
        "helps firms see the benefits of open source methods,\" she said."))
    causes = {str(f.get("name")) for f in read(engine, [doc]) if f.category == "cause"}
    assert causes == {"Harbor Lights Food Bank"}, causes


def test_boards_listed_after_including(engine: Engine) -> None:
    """'serves on other boards in Hawaii and the United States, including A (AB), B and C':
    each is a seat, bracketed short names between them or not."""
    doc = Document(url=URL, kind="bio", title=TARGET, text=(
        "Ysolde Marchetti-Varga serves on other boards in Ohio and the continental United "
        "States, including Quarrow Mutual Insurance Company (QMIC), Tellingham Protective "
        "Insurance Company (TPIC), and the Harbor Lights Foundation."))
    seats = set(_orgs(read(engine, [doc]), "board"))
    assert {"Quarrow Mutual Insurance Company", "Tellingham Protective Insurance Company",
            "Harbor Lights Foundation"} <= seats, seats


def test_an_organization_ner_joined_to_the_title(engine: Engine) -> None:
    """NER's one ORG 'Brindle's Chief Financial Officer' is the title at Brindle, not a title
    at whatever organization the page named last; 'an Orrin Fellow' is no job at Orrin."""
    doc = Document(url=URL, kind="bio", title=TARGET, text=(
        "At Meta, Tomas Brecht led Engineering for Privacy Infrastructure. Ysolde "
        "Marchetti-Varga is an executive. As Mozilla’s Chief Financial Officer, Ysolde is "
        "responsible for leading financial operations for the company. She is an Omidyar "
        "Fellow."))
    roles = _roles(read(engine, [doc]))
    assert ("Chief Financial Officer", "Mozilla") in roles
    assert not any(org in ("Engineering for Privacy Infrastructure", "Omidyar")
                   for _, org in roles)


def test_named_things_they_made_are_works(engine: Engine) -> None:
    """The names listed after what the target built ('applications including A, B and C')
    and what they created are works; what someone else built is not, nor a company they
    built and work at."""
    doc = Document(url=URL, kind="bio", title=TARGET, text=(
        "Ysolde Marchetti-Varga is a developer. Ysolde has built and collaborated on dozens "
        "of civic applications including ClearLanes, Zoning Atlas and Dedupe.io. She created "
        "TideRank with a colleague. She is the CEO of Brindle Maps, and she built Brindle Maps "
        "from nothing. The city team built Quillon Permits."))
    works = {f.fields["title"] for f in read(engine, [doc]) if f.category == "work"}
    assert {"ClearLanes", "Dedupe.io", "TideRank"} <= works
    assert not works & {"Brindle Maps", "Quillon Permits"}


def test_a_member_of_named_groups(engine: Engine) -> None:
    """'a member of World50 and YPO' names groups they belong to, though neither name says
    'club' or 'association'; 'a member of the Maps team' or 'of the Audit Committee' does not."""
    doc = Document(url=URL, kind="bio", title=TARGET, text=(
        "Ysolde Marchetti-Varga is the CEO of Brindle Labs. As a member of World50 and YPO, "
        "exclusive peer groups of CEOs, Ysolde brings insight. She was a member of the Maps "
        "team and a member of the Audit Committee."))
    groups = {f.fields["org"] for f in read(engine, [doc]) if f.category == "association"}
    assert groups == {"World50", "YPO"}


def test_a_member_list_that_turns_into_advisory_boards(engine: Engine) -> None:
    """'a member of the Nordic Academy of Letters, Advisory Boards of A, the B Initiative on
    C, and ...': the first is a society they belong to (an academy, not a school), the ones
    after 'Advisory Boards of' are seats; a body's name goes on through 'on' and its subject
    ('Panel on Fisheries Cooperation and Coastal Resilience'); a title line's 'Member of the
    Audit Committee' is no board named 'Member'."""
    doc = Document(url=URL, kind="bio", title=TARGET, text=(
        "Ysolde Marchetti-Varga\n\nExecutive Chair of the Board, Member of the Audit and Risk "
        "Committee\n\nYsolde is a member of the Nordic Academy of Letters, Advisory Boards "
        "of the Kestrel Policy Institute and the Harwick Initiative on Rural Broadband. She "
        "served on the Arctic Council Panel on Fisheries Cooperation and Coastal Resilience."))
    facts = read(engine, [doc])
    boards = set(_orgs(facts, "board"))
    assert {"Kestrel Policy Institute", "Harwick Initiative on Rural Broadband",
            "Arctic Council Panel on Fisheries Cooperation and Coastal Resilience"} <= boards
    assert not boards & {"Member", "Nordic Academy of Letters", "Harwick Initiative"}
    assert set(_orgs(facts, "association")) == {"Nordic Academy of Letters"}


def test_a_public_bodys_committee_is_a_seat(engine: Engine) -> None:
    """The secretary of a county commission's committee holds a public seat; a member of a
    company board's audit committee does not hold a board named for the committee."""
    doc = Document(url=URL, kind="bio", title=TARGET, text=(
        "Ysolde Marchetti-Varga serves on the board of the Harbor Light Foundation, is the "
        "secretary for the Tacoma City Council Commission on Aging Committee, and sits on the "
        "Audit Committee at Brindle Labs."))
    boards = set(_orgs(read(engine, [doc]), "board"))
    assert "Tacoma City Council Commission on Aging Committee" in boards
    assert not any("Audit" in b for b in boards)


def test_the_organization_that_announces_the_title_employs(engine: Engine) -> None:
    """'The X Foundation (XF), the leading community for Y practitioners, today announced her
    as Executive Director': the announcer employs her, not a name in its description; a title
    'of the United States' is no job at the paper named before; 'the board and community
    to help grow the Commons' is no seat on 'the Commons'."""
    doc = Document(url=URL, kind="article", title=TARGET, text=(
        "The Tidewater Mesh Foundation (TMF), the leading community for Gridline "
        "practitioners, today announced Ysolde Marchetti-Varga as Executive Director. Ysolde "
        "told the weekly Harbor Ledger that being president of the United States is hard. "
        "Ysolde will work with the board and community to help grow the Commons."))
    facts = read(engine, [doc])
    assert ("Executive Director", "Tidewater Mesh Foundation") in _roles(facts)
    assert not any(org in ("Gridline", "Harbor Ledger") for _, org in _roles(facts))
    assert not _orgs(facts, "board")


def test_what_the_host_tells_the_guest_is_about_the_guest(engine: Engine) -> None:
    """In a transcript where the target speaks, the host's 'you are the CEO of X' and 'you
    founded Y' are the target's; the host's questions ('Are you a member of ...?'), the
    generic 'you' and the host's own 'I' are not, nor is 'a mentor' at the last company named."""
    doc = Document(url=URL, kind="interview", title="Podcast: Ysolde Marchetti-Varga", text=(
        "Host: Welcome back. Ysolde, you're now the CEO of Open Ledger, and you founded "
        "Tessaly Works in 2012.\n"
        "Marchetti-Varga: Thanks for having me. It has been a long road.\n"
        "Host: If you want to support the fund, you can. Are you a member of the Harwick "
        "Rotary Club? I was the president of the Kestrel Society myself.\n"
        "Host: You've become a mentor recently.\n"
        "Marchetti-Varga: Yes, I like it."))
    facts = read(engine, [doc])
    roles = _roles(facts)
    assert ("CEO", "Open Ledger") in roles
    assert any(org == "Tessaly Works" for _, org in roles)
    named = " ".join(str(v) for f in facts for v in f.fields.values())
    assert "Rotary" not in named and "Kestrel" not in named
    assert not any(title.lower() == "mentor" for title, _ in roles)


def test_what_the_target_as_host_tells_a_guest_is_the_guests(engine: Engine) -> None:
    """When the target is the host, 'Pia, you're now the CEO of Open Ledger' is about the guest;
    the host's own 'my son Eli' is theirs."""
    doc = Document(url=URL, kind="interview", title="Podcast with Pia Quennell", text=(
        "Ysolde Marchetti-Varga: Welcome back. Pia, you're now the CEO of Open Ledger, and you "
        "founded Tessaly Works in 2012.\n"
        "Pia Quennell: Thanks for having me. It has been a long road.\n"
        "Ysolde Marchetti-Varga: I know the feeling, my son Eli was born in 2016."))
    facts = read(engine, [doc])
    assert not {org for _, org in _roles(facts)} & {"Open Ledger", "Tessaly Works"}, facts
    assert any(f.category == "family" and f.get("relation") == "son" for f in facts)


def test_an_executive_director_runs_the_organization(engine: Engine) -> None:
    """'Executive Director of Quarrow Labs' is a job, not a seat on its board; 'an Independent
    Director of Tellingham Bank' is a seat on that bank's board, not on a board 'Independent'."""
    doc = Document(url=URL, kind="bio", title=TARGET, text=(
        "Ysolde Marchetti-Varga is the Executive Director of Quarrow Labs Inc. She is an "
        "Independent Director of Tellingham Bank."))
    facts = read(engine, [doc])
    seats = set(_orgs(facts, "board"))
    assert seats == {"Tellingham Bank"}, seats


def test_jobs_without_a_title(engine: Engine) -> None:
    """'has held positions at A, B and the C', 'held several roles of increasing
    responsibility at D', 'worked at E': a role at each, titled as the sentence calls it;
    not what someone else held, nor a sentence whose title the title rules read."""
    doc = Document(url=URL, kind="bio", title=TARGET, text=(
        "Ysolde Marchetti-Varga has held positions at Tessaly, Brindle & Co, and the UNHCR. "
        "She held several roles of increasing responsibility at Quillon Pharma. After college "
        "she worked at Harrow Oil. She worked at Kestrel Maps as chief financial officer. "
        "Her brother Tomas Marchetti held positions at Dunmore Labs."))
    roles = _roles(read(engine, [doc]))
    assert {("Positions", "Tessaly"), ("Positions", "Brindle & Co"), ("Positions", "UNHCR"),
            ("Several roles of increasing responsibility", "Quillon Pharma"),
            ("Employee", "Harrow Oil")} <= roles
    assert not any(org == "Dunmore Labs" for _, org in roles)
    assert {title for title, org in roles if org == "Kestrel Maps"} == {"Chief financial officer"}


def test_a_title_for_an_unnamed_employer_is_not_at_the_last_name(engine: Engine) -> None:
    """'as a lawyer for the Northern Territory government' names whom the job was for, in
    words no organization matched: not the organization named just before."""
    doc = Document(url=URL, kind="bio", title=TARGET, text=(
        "Ysolde Marchetti-Varga chairs the board of Brindle Labs. She joined Brindle Labs "
        "after years as a lawyer for the regional government in competition law."))
    roles = _roles(read(engine, [doc]))
    assert not any(title.lower() == "lawyer" for title, _ in roles)


def test_an_essay_paragraph_ending_on_a_question_is_still_theirs(engine: Engine) -> None:
    """A first-person page whose long paragraph ends on a rhetorical question speaks for the
    target throughout (a short question alone is an interviewer's); a transcript's time marks
    are not words, and a school 'in New York City' is the school."""
    doc = Document(url=URL, kind="bio", title="My story", text=(
        "My name is Ysolde Marchetti-Varga. I build maps for a living.\n"
        "In 2001, after two years of college, I dropped out of Quarrow College to join a "
        "startup with some friends who were graduating. It was the end of the first bubble "
        "and I thought I could strike it rich, right then and there. Sadly, like so many "
        "startups of the day, we never shipped what we planned. Where else can you learn so "
        "much so fast and lose so little but a couple of years?\n"
        "I went to [01:20] Harwick High School in New York City, and that is where I first "
        "touched a computer."))
    schools = {f.fields["institution"] for f in read(engine, [doc]) if f.category == "education"}
    assert schools == {"Quarrow College", "Harwick High School"}


def test_gatherings_they_go_to_are_activities(engine: Engine) -> None:
    """'began attending Rust meetups', 'took pottery wheel classes': the gathering as the
    sentence names it; plain 'classes at a school' and a friend's meetups are not."""
    doc = Document(url=URL, kind="bio", title="About me", text=(
        "My name is Ysolde Marchetti-Varga. I also began attending Rust meetups and drinking "
        "with local developers. I took glassblowing studio classes in 2009. I attended classes "
        "at Quarrow College. My friend Tomas Brecht runs Haskell meetups."))
    acts = {f.fields["name"] for f in read(engine, [doc]) if f.category == "activity"}
    assert {"Rust meetups", "glassblowing studio classes"} <= acts
    assert "Haskell meetups" not in acts and "classes" not in acts


def test_idioms_events_and_boards_that_act(engine: Engine) -> None:
    """'editor-at-large at WebMD' is one title at WebMD; 'I took the lead in that' is no
    title; 'the company' after an event's name is not the event; "Apple's board ... were right
    to fire him" is no seat; where she holds a job is no association she belongs to."""
    doc = Document(url=URL, kind="bio", title=TARGET, text=(
        "Ysolde Marchetti-Varga was Senior Vice President and editor-at-large at Quillmed, "
        "a health site. Ysolde showed the game at the Harbor Electronics Show. "
        "At that time, she was the president of the company. She says Tessaly's board and "
        "investors were right to fire its founder. Her career has spanned three continents, "
        "most recently at the Kestrel Society, where she is Senior Director, Policy."))
    facts = read(engine, [doc])
    roles = _roles(facts)
    assert ("Senior Vice President and editor-at-large", "Quillmed") in roles
    assert not any(org == "Harbor Electronics Show" for _, org in roles)
    assert "Tessaly" not in _orgs(facts, "board")
    assert "Kestrel Society" not in _orgs(facts, "association")


def test_a_person_row_with_a_designation_is_no_employer(engine: Engine) -> None:
    """'| Director | Affiliated Stockholder |' in a filing's table says what the director is,
    not where she works."""
    doc = Document(url=URL, kind="bio", title=TARGET, text=(
        "Ysolde Marchetti-Varga\n\n| Director | Affiliated Stockholder |\n\n"
        "Ysolde Marchetti-Varga is the CEO of Brindle Labs."))
    orgs = {org for _, org in _roles(read(engine, [doc]))}
    assert "Affiliated Stockholder" not in orgs and "Brindle Labs" in orgs


def test_turns_marked_inside_a_paragraph(engine: Engine) -> None:
    """A transcript whose turns run on in one paragraph ('[Host Name] [00:05] ...') is read
    turn by turn: the guest's 'I' is theirs, the host's is not, and 'Where' after a company
    ends its name."""
    text = ("[Tomas Brecht] [00:00] Welcome. I was a chief engineer at Harrow Motors for years. "
            "[Ysolde Marchetti-Varga] [00:05] Thanks. I was the chief architect at Quillon "
            "Where we built chips. [Tomas Brecht] [00:09] Great. And you founded Tessaly Works.")
    doc = Document(url=URL, kind="interview", title="Episode 12", text=text)
    roles = _roles(read(engine, [doc]))
    assert ("Chief architect", "Quillon") in roles
    assert any(org == "Tessaly Works" for _, org in roles)
    assert not any(org == "Harrow Motors" for _, org in roles)
    assert [t for _, t in paragraphs(text)][1].startswith("[Ysolde Marchetti-Varga] [00:05]")


def test_a_filings_enumerated_clauses_are_read_apart(engine: Engine) -> None:
    """'(i) X transitioned from the role of Chief Financial Officer to Vice Chairman and (ii)
    Y became Chief Financial Officer': each clause is about its own subject."""
    doc = Document(url=URL, kind="other", title=TARGET, text=(
        "As previously reported by Tessaly Holdings, Inc. (the \u201cCompany\u201d) on "
        "October 3, (i) Ysolde Marchetti-Varga transitioned from the role of Chief Financial "
        "Officer to Vice Chairman and (ii) Tomas Brecht became Chief Operating Officer."))
    roles = _roles(read(engine, [doc]))
    assert any(title == "Chief Financial Officer" and org.startswith("Tessaly Holdings")
               for title, org in roles)
    assert not any(title == "Chief Operating Officer" for title, _ in roles)


def test_missions_and_what_they_work_for_are_causes(engine: Engine) -> None:
    """'My second mission is to end war' (in their words), 'her mission is to make software
    free', 'concentrates on creating healthy open source communities'; a company's mission is
    not theirs, nor is 'fight for the rights to get these trademarks' a cause."""
    doc = Document(url=URL, kind="bio", title=TARGET, text=(
        "Ysolde Marchetti-Varga is a developer. She concentrates on creating healthy open "
        "source communities. She had to fight for the rights to get these trademarks. Her "
        "mission is to make software free. Brindle Labs' mission is to sell shoes."))
    talk = Document(url=URL + "/talk", kind="interview", title="Episode 3", text=(
        "Host: Welcome.\nMarchetti-Varga: My second mission is to end war."))
    causes = {f.fields["name"] for f in read(engine, [doc, talk]) if f.category == "cause"}
    assert {"creating healthy open source communities", "making software free",
            "ending war"} <= causes
    assert not any("shoes" in c or "rights" in c for c in causes)


def test_what_they_learn_or_want_to_make_is_no_work(engine: Engine) -> None:
    """'She built TideRank' is a work; 'she wants to build Harbor Maps' and 'I'm learning how
    to program Rust' are not (not made, or not theirs)."""
    doc = Document(url=URL, kind="bio", title=TARGET, text=(
        "Ysolde Marchetti-Varga is a developer. She built TideRank in 2019. She wants to build "
        "Harbor Maps. These days she is learning how to program Zig."))
    works = {f.fields["title"] for f in read(engine, [doc]) if f.category == "work"}
    assert "TideRank" in works
    assert not works & {"Harbor Maps", "Zig"}


def test_standards_groups_are_associations(engine: Engine) -> None:
    """A standards body's interest, working or community group she chairs or is a member of
    is an association ('chair of the Harbor Privacy Interest Group')."""
    doc = Document(url=URL, kind="bio", title=TARGET, text=(
        "Ysolde Marchetti-Varga is a lawyer. She serves as chair of the Harbor Privacy "
        "Interest Group, which reviews web specifications, and is a member of the Tideline "
        "Identity Working Group."))
    groups = {f.fields["org"] for f in read(engine, [doc]) if f.category == "association"}
    assert {"Harbor Privacy Interest Group", "Tideline Identity Working Group"} <= groups


def test_a_coordinated_clause_about_someone_else_is_theirs(engine: Engine) -> None:
    """'..., and his best friend, Tobin Ashgrove, was named co-founder': what the second
    clause says is said of its own subject, a person named or a relative; the target's own
    clause keeps its facts, and a clause whose subject is the target again stays hers."""
    doc = Document(url=URL, kind="bio", title=TARGET, text=(
        "Ysolde Marchetti-Varga became chief executive of Orrisford Labs in 2014, and her "
        "longtime friend, Tobin Ashgrove, was named co-founder of Pellucid Works. "
        "She chairs the Brackwater Trust, and her husband runs Quillon Freight as its "
        "president. "
        "She joined Saltreed Capital in 2009 as a partner, and she later became managing "
        "director of Harrowgate Partners."))
    roles = _roles(read(engine, [doc]))
    assert ("chief executive", "Orrisford Labs") in {(t.lower(), o) for t, o in roles}
    assert not any(o in ("Pellucid Works", "Quillon Freight") for _, o in roles), roles
    assert any(o == "Harrowgate Partners" for _, o in roles), roles


@pytest.mark.parametrize(("sentence", "seat"), [
    ("She is the managing director of Harrowgate Partners.", False),
    ("She served as creative director of Harrowgate Partners.", False),
    ("She is executive director of Harrowgate Partners.", False),
    ("She is a director of Harrowgate Partners.", True),
    ("She is a former director of Harrowgate Partners.", True),
    ("She is a non-executive director of Harrowgate Partners.", True),
    ("She is lead independent director of Harrowgate Partners.", True),
])
def test_a_director_of_a_company_is_a_seat_unless_the_title_says_a_job(
        engine: Engine, sentence: str, seat: bool) -> None:
    """'director of X' is a board seat; 'managing director' or 'creative director of X' is a
    job at X, whether or not the title lexicon knows the word before 'director'."""
    doc = Document(url=URL, kind="bio", title=TARGET,
                   text=f"Ysolde Marchetti-Varga is a banker. {sentence}")
    facts = read(engine, [doc])
    seats = _orgs(facts, "board")
    jobs = _orgs(facts, "role")
    assert ("Harrowgate Partners" in seats) is seat, facts
    assert ("Harrowgate Partners" in jobs) is not seat, facts


def test_names_that_are_no_employer(engine: Engine) -> None:
    """A hyphenated surname cut by NER ('Ysolde Marchetti' + 'Varga') is the target's name,
    not two organizations; in a list of 'Name (Title)' the title is not at the next name; in
    'CEO of the company Tobin co-founded' the name is whoever founded it, not the company."""
    doc = Document(url=URL, kind="article", title="Board news", text=(
        "The Pellucid Works Foundation announced its new board: Orla Quennell (Chairperson), "
        "Ysolde Marchetti-Varga (President), Daniel Ibarrola Cortazar (Vice President) and "
        "Tobin Ashgrove (Secretary).\n\n"
        "Ysolde Marchetti-Varga was named CEO of the company Ashgrove founded 20 years ago in "
        "a garage."))
    facts = read(engine, [doc])
    orgs = {str(f.get("org")) for f in facts if f.category in ("role", "board")}
    assert not orgs & {"Ysolde Marchetti", "Varga", "Marchetti-Varga", "Daniel Ibarrola Cortazar",
                       "Ashgrove", "Tobin Ashgrove"}, facts


def test_an_organization_led_or_founded_by_the_target(engine: Engine) -> None:
    """The target as the agent of a passive verb said of an organization is a role there,
    whoever the sentence is about: 'help from Orrisford (ORSF), the conglomerate led by
    ...', 'Pellucid Works, the firm co-founded by ...', 'Quillcart, which was founded by ...';
    a report written by her or a firm run by someone else is none."""
    doc = Document(url=URL, kind="article", title="Museum news", text=(
        "The museum is receiving help from Orrisford Holdings (ORSF), the luxury conglomerate "
        "led by French billionaire Ysolde Marchetti-Varga. The award went to Pellucid Works, "
        "the robotics firm co-founded by Marchetti-Varga. Harrowgate Partners, which is run "
        "by Tobin Ashgrove, paid for the report written by Ysolde Marchetti-Varga."))
    roles = _roles(read(engine, [doc]))
    assert ("Head", "Orrisford Holdings") in roles, roles
    assert ("Co-founder", "Pellucid Works") in roles, roles
    assert not any(org == "Harrowgate Partners" or org == "ORSF" for _, org in roles), roles


def test_a_news_story_names_the_job_around_the_name(engine: Engine) -> None:
    """News phrasings of a job: a title in apposition before the name ("Quarrow Bank's chief
    financial officer, Ysolde ..."), a plural possessive ("Tellingham Systems' founder"), and
    the target as the subject of a verb of leading ('who heads', 'runs', 'took the helm at');
    a race she ran and a firm someone else runs are no jobs."""
    doc = Document(url=URL, kind="article", title="Markets", text=(
        "Quarrow Bank's chief financial officer, Ysolde Marchetti-Varga, told analysts the "
        "quarter was strong. Marchetti-Varga, Tellingham Systems' founder, built the firm in "
        "2004. Marchetti-Varga, who heads Pellham Media's streaming unit, spoke on Tuesday. "
        "Marchetti-Varga took the helm at Brixton Foods Inc. in 2019. Marchetti-Varga ran the "
        "Boston Marathon last year. Harrowgate Partners, which Tobin Ashgrove runs, declined "
        "to comment."))
    facts = read(engine, [doc])
    roles = _roles(facts)
    assert ("Chief financial officer", "Quarrow Bank") in roles, roles
    assert ("Founder", "Tellingham Systems") in roles, roles
    assert ("Head", "Pellham Media") in roles, roles
    assert ("Head", "Brixton Foods Inc") in roles, roles
    assert not {org for _, org in roles} & {"Boston Marathon", "Harrowgate Partners"}, roles
    cfo = next(f for f in facts if f.get("org") == "Quarrow Bank")
    assert cfo.get("current") is True  # the label a story gives is the job she holds now


def test_two_employers_joined_by_and_are_two(engine: Engine) -> None:
    """'senior roles at IBM and Accenture': NER's two names are two employers (while 'Procter
    and Gamble' stays one), and a one-word company before "'s chief executive" employs."""
    doc = Document(url=URL, kind="article", title="News", text=(
        "Ysolde Marchetti-Varga previously held senior roles at IBM and Accenture. "
        "Ysolde Marchetti-Varga, 54, has served as Corvane's chief executive since 2017."))
    facts = read(engine, [doc])
    assert {"IBM", "Accenture"} <= set(_orgs(facts, "role")), facts
    assert "IBM and Accenture" not in _orgs(facts, "role")
    assert ("Chief executive", "Corvane") in _roles(facts)


@pytest.mark.parametrize("sentence", [
    "Ysolde Marchetti-Varga, a former Quarrow Bank analyst, started Ferro Lane in 2015.",
    "Former Quarrow Bank CEO Ysolde Marchetti-Varga said the deal was fair.",
    "Ysolde Marchetti-Varga, the ex-CEO of Quarrow Bank, spoke.",
    "Ysolde Marchetti-Varga was previously Director General of the Harbor Council, EVP at "
    "Quarrow Bank.",
])
def test_a_former_job_is_not_current(engine: Engine, sentence: str) -> None:
    """'former', 'ex-' before a title: held once, no longer; and a year of another clause
    ('started Ferro Lane in 2015') is not when it began."""
    doc = Document(url=URL, kind="article", title="News", text=sentence)
    job = _orgs(read(engine, [doc]), "role")["Quarrow Bank"]
    assert job.get("current") is False and job.get("start") is None, job


def test_a_job_read_from_a_verb_joins_the_title_held_there() -> None:
    """'Head' from 'runs Brixton Foods' and 'Employee' from 'worked at Brixton Foods'
    are the CEO role the pages name there, not more roles; alone, a stand-in stays."""
    ev = Evidence(url=URL, quote="q")
    ceo = Fact("role", {"title": "Chief executive officer", "org": "Brixton Foods",
                        "start": 2019, "end": None, "current": True}, (ev,))
    founder = Fact("role", {"title": "Founder", "org": "Brixton Foods", "start": 2001,
                            "end": None, "current": None}, (ev,))
    head = Fact("role", {"title": "Head", "org": "Brixton Foods", "start": None, "end": None,
                         "current": True}, (Evidence(url=URL, quote="runs Brixton Foods"),))
    alone = Fact("role", {"title": "Head", "org": "Pellham Media", "start": None, "end": None,
                          "current": True}, (ev,))
    worker = Fact("role", {"title": "Employee", "org": "Brixton Foods", "start": None,
                           "end": None, "current": None},
                  (Evidence(url=URL, quote="worked at Brixton Foods"),))
    merged = merge([founder, ceo, head, alone, worker], today=TODAY)
    titles = sorted((f.get("title"), f.get("org")) for f in merged)
    assert titles == [("Chief executive officer", "Brixton Foods"), ("Founder", "Brixton Foods"),
                      ("Head", "Pellham Media")], titles


@pytest.mark.parametrize(("sentence", "org"), [
    ("She was chief architect at ATI.", "ATI"),
    ("He joined S3 as an engineer in 1996.", "S3"),
    ("She was a vice president at GE from 2001 to 2005.", "GE"),
])
def test_a_company_known_by_its_initials_employs(engine: Engine, sentence: str, org: str) -> None:
    doc = Document(url=URL, kind="bio", title=TARGET,
                   text=f"Ysolde Marchetti-Varga is an engineer. {sentence}")
    assert org in _orgs(read(engine, [doc]), "role")


def test_a_thing_a_filing_names_by_its_initials_employs_nobody() -> None:
    """'long-term incentive (“LTI”) awards' defines LTI as a thing: a role 'at LTI' (an
    officer's title next to 'LTI awards') is dropped; initials of a name stay an employer,
    under the name they were defined for."""
    terms = defined_terms("Our long-term incentive (“LTI”) awards and total shareholder "
                          "return (TSR) goals. She joined International Business Machines "
                          "(IBM) in 1990. Cabot Corporation (“Cabot” or the “Company”). "
                          "Today The Harrowgate Software Foundation (HSF) named its chair.")
    assert terms["lti"] == "" and terms["tsr"] == ""
    facts = [Fact("role", {"title": "Executive officer", "org": org}, (Evidence(URL, "x"),),
                  0.8, org) for org in ("LTI", "IBM", "the Company", "the HSF")]
    kept = {str(f.get("org")) for f in resolve_defined_terms(facts, terms)}
    assert kept == {"International Business Machines", "Cabot Corporation",
                    "Harrowgate Software Foundation"}


@pytest.mark.parametrize(("sentence", "title", "org"), [
    ("She was chief of staff to the CEO of Brindle Labs from 2010 to 2012.", "chief of staff",
     "Brindle Labs"),
    ("She served as White House Press Secretary in 2017.", "press secretary", "White House"),
])
def test_titles_of_staff_positions(engine: Engine, sentence: str, title: str, org: str) -> None:
    doc = Document(url=URL, kind="bio", title=TARGET,
                   text=f"Ysolde Marchetti-Varga is an adviser. {sentence}")
    assert (title, org) in {(t.lower(), o) for t, o in _roles(read(engine, [doc]))}


def test_a_partner_is_a_title_unless_someone_has_them(engine: Engine) -> None:
    """'founder and partner at DataMade' is two roles there; 'her partner, Tobin, is CEO of
    Brindle Labs' is her relative's job, not hers."""
    doc = Document(url=URL, kind="bio", title=TARGET, text=(
        "Ysolde Marchetti-Varga is a developer. She is founder and partner at Quillcart. "
        "Her partner, Tobin Ashgrove, is CEO of Brindle Labs."))
    facts = read(engine, [doc])
    assert {("Founder", "Quillcart"), ("Partner", "Quillcart")} <= _roles(facts)
    assert "Brindle Labs" not in _orgs(facts, "role")
    assert any(f.category == "family" and f.get("relation") == "partner" for f in facts)


def test_a_second_title_the_parser_hangs_on_the_verb_is_still_theirs(engine: Engine) -> None:
    doc = Document(url=URL, kind="bio", title=TARGET, text=(
        "Ysolde Marchetti-Varga is a developer. She is founder of Quillcart, a data firm, and "
        "co-founder of Brindle Hack Night."))
    assert ("Co-founder", "Brindle Hack Night") in _roles(read(engine, [doc]))


@pytest.mark.parametrize(("sentence", "is_cause"), [
    ("She runs a consultancy that counts the Harbor Lights Food Bank as a client.", False),
    ("She organizes a race that raises money for the Harbor Lights Food Bank.", True),
    ("She donates to the Harbor Lights Food Bank.", True),
])
def test_a_charity_in_a_clause_about_something_else_is_no_cause(
        engine: Engine, sentence: str, is_cause: bool) -> None:
    """'runs a consultancy that counts X as a client': what she runs is the consultancy; the
    clause about it gives nothing to X."""
    doc = Document(url=URL, kind="bio", title=TARGET,
                   text=f"Ysolde Marchetti-Varga is a banker. {sentence}")
    assert ("Harbor Lights Food Bank" in _orgs_or_names(read(engine, [doc]), "cause")) is is_cause


def _orgs_or_names(facts: list[Fact], category: str) -> set[str]:
    return {str(f.get("name") or f.get("org")) for f in facts if f.category == category}


def test_a_title_said_of_someone_else_in_a_clause_is_theirs(engine: Engine) -> None:
    """'Before Tobin Ashgrove became president, ...', '... when Orla Quennell was named
    chairman': the clause's subject holds the title, not the target."""
    doc = Document(url=URL, kind="bio", title=TARGET, text=(
        "Ysolde Marchetti-Varga is a banker. Before Tobin Ashgrove became president of "
        "Quillcart, she was CEO of Brindle Labs. She was CFO of Saltmarsh Holdings when Orla "
        "Quennell was named chairman of Pellucid Works."))
    roles = _roles(read(engine, [doc]))
    assert {("CEO", "Brindle Labs"), ("CFO", "Saltmarsh Holdings")} <= roles
    assert not any(org in ("Quillcart", "Pellucid Works") for _, org in roles), roles


@pytest.mark.parametrize(("sentence", "theirs"), [
    ("Before [Trump] became president, we'd get two phone calls a year.", True),
    ("Before Ashgrove became president, we'd get two phone calls a year.", True),
    ("Before she became president, she ran the plant.", False),
    ("Before Marchetti-Varga became president, she ran the plant.", False),
    ("Ms. Marchetti-Varga was previously president of Quarrow Partners.", False),
])
def test_a_name_ner_left_untagged_that_became_the_title(engine: Engine, sentence: str,
                                                         theirs: bool) -> None:
    """An editor's bracketed '[Trump] became president', a name NER left untagged: the title
    is that name's; a pronoun's or the target's own is not."""
    parsed = engine.nlp(sentence)
    title = title_span(next(t for t in terms(parsed[:], "TITLE") if t.text == "president"))
    forms = name_forms([TARGET], engine.lexicons)
    assert _another_name_is(title, forms) is theirs


def test_a_title_that_chairs_the_board_is_also_the_seat(engine: Engine) -> None:
    """'Chairman of the Board and Chief Executive Officer' and 'Executive Chair' are a job and
    a seat on that board; 'Chairman and CEO' names no board and stays a job."""
    doc = Document(url=URL, kind="bio", title=TARGET, text=(
        "Ysolde Marchetti-Varga, Chairman of the Board of Directors and Chief Executive "
        "Officer, Saltmarsh Holdings\n\nShe was executive chair of Brindle Labs from 2010 to "
        "2014. She was chairman and CEO of Quillcart Industries."))
    facts = read(engine, [doc])
    seats = _orgs(facts, "board")
    assert {"Saltmarsh Holdings", "Brindle Labs"} <= set(seats), facts
    assert "Quillcart Industries" not in seats
    assert {"Saltmarsh Holdings", "Brindle Labs", "Quillcart Industries"} <= set(
        _orgs(facts, "role"))


def test_the_same_title_at_a_second_organization(engine: Engine) -> None:
    """'CFO at Helix, a provider of ..., and at the advertising exchange OpenX': CFO at both;
    'and at the time' names no organization."""
    doc = Document(url=URL, kind="bio", title=TARGET, text=(
        "Ysolde Marchetti-Varga is a banker. She was CFO at Brindle Labs, a provider of "
        "services to schools, and at the programmatic advertising exchange Pellucid Media "
        "Group. She was an engineer at Saltmarsh Holdings and at the time lived in "
        "Ohio."))
    roles = _roles(read(engine, [doc]))
    assert {("CFO", "Brindle Labs"), ("CFO", "Pellucid Media Group"),
            ("Engineer", "Saltmarsh Holdings")} <= roles, roles
    assert len([r for r in roles if r[0] == "Engineer"]) == 1


def test_an_organization_of_another_item_of_a_filing_sentence(engine: Engine) -> None:
    """'... with the Securities and Exchange Commission on February 24, 2023, (i) X
    transitioned from the role of Chief Financial Officer to Vice Chairman and (ii) Y became
    Chief Financial Officer of the Company': the commission (whose name does not run on
    into the date) is no one's employer here; the officers are the Company's."""
    doc = Document(url=URL, kind="other", title="8-K", text=(
        "As previously reported in the Current Report on Form 8-K filed by Saltmarsh Holdings, "
        "Inc. (the “Company”) on October 3, 2022, following the filing of the Company’s Annual "
        "Report with the Securities and Exchange Commission on February 24, 2023, (i) Ysolde "
        "Marchetti-Varga transitioned from the role of Chief Financial Officer to Vice Chairman "
        "and (ii) Tobin Ashgrove became Chief Financial Officer of the Company."))
    roles = _roles(read(engine, [doc]))
    assert ("Chief Financial Officer", "Saltmarsh Holdings, Inc.") in roles, roles
    assert not any("Commission" in org for _, org in roles), roles


def test_hyphenated_titles_and_a_store_named_with_s(engine: Engine) -> None:
    """'Executive-in-Residence' and 'Editor-in-Chief' are whole titles; 'at Levi's.' names a
    store even though 'levi' is a word NER does not call an organization."""
    doc = Document(url=URL, kind="bio", title=TARGET, text=(
        "Ysolde Marchetti-Varga is an executive. She is an Executive-in-Residence at Quillon "
        "Capital. She was Editor-in-Chief of the Brindle Review. Prior, she served as SVP of "
        "Retail and Planning for the Dockers brand at Levi’s."))
    roles = _roles(read(engine, [doc]))
    assert {("Executive-in-Residence", "Quillon Capital"),
            ("Editor-in-Chief", "Brindle Review")} <= roles, roles
    assert any(org.startswith("Levi") for _, org in roles), roles


def test_a_seat_on_an_organizations_board_names_the_organization(engine: Engine) -> None:
    """'the Pellucid Works Board of Directors', "Brindle University's Board of Trustees": the
    seat is on that organization's board; a 'Board of Advisors' is a body of its own."""
    doc = Document(url=URL, kind="bio", title=TARGET, text=(
        "Ysolde Marchetti-Varga is a banker. She serves on the Pellucid Works Board of "
        "Directors. She is a member of Brindle University's Board of Trustees. She sits on the "
        "Saltmarsh Digital Board of Advisors."))
    seats = set(_orgs(read(engine, [doc]), "board"))
    assert {"Pellucid Works", "Brindle University"} <= seats, seats
    assert any("Board of Advisors" in s for s in seats), seats
