"""Structured entries in bios: filings' director blocks, resume lines, 'Org: what they did'
items and board-page rows, each read only inside the target's own entry."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from dossier.extract import extract
from dossier.facts import _name_over_title, find_facts, prefilter
from dossier.facts.rules import entry_name
from dossier.merge import merge
from dossier.models import Fact, Page, Target
from dossier.pipeline import Engine

PROXY = """<html><head><title>DEF 14A</title></head><body>
<p>Nominees for Director</p>
<p>Hannelore Brightwater</p><p>Director Since: 2011</p><p>Age: 61</p><p>Independent</p>
<p>Business Experience:</p>
<p>&#8226; Chief Executive Officer, Quarrystone Minerals, a materials company, since 2016</p>
<p>&#8226; Senior Vice President, Operations, Tellurian Glass (2009 to 2016)</p>
<p>Other Boards and Positions:</p>
<p>&#8226; Trustee, Museum of Glass Arts</p>
<p>&#8226; Director, various start-up companies</p>
<p>Ms. Brightwater has extensive experience in mining operations.</p>
<p>Osvaldo Pennant</p><p>Director Since: 2019</p><p>Age: 58</p>
<p>Business Experience:</p>
<p>&#8226; President, Corvane Shipping, a maritime logistics firm, since 2012</p>
<p>Other Boards and Positions:</p>
<p>&#8226; Trustee, Harbor Science Center</p>
</body></html>"""

LEADERSHIP = """<html><head><title>Leadership | Orrin Labs</title></head><body><main>
<article><h3>Teodora Vasquez-Lind<span>Chief Product Officer</span></h3>
<p>Before joining Orrin Labs, Teodora led product teams at several companies:</p>
<ul><li>Halcyon Maps: Led the consumer navigation business through two relaunches.</li>
<li>Brindle and Oakmoss: Held various product roles, including head of growth.</li></ul>
</article>
<article><h3>Marcus Feld<span>Chief Financial Officer</span></h3>
<ul><li>Quantel Systems: Served as the CFO of this analytics company for six years.</li></ul>
</article></main></body></html>"""

RESUME = """<html><head><title>Advisory Board | Riverside Housing Network</title></head><body>
<h3>Ngozi Adebayo-Clarke</h3>
<p>Chief Executive Officer &amp; Principal, Norbeck Partners, 2024-present; board member and
past Chair, Riverside Housing Network, 2015-2023</p>
<h3>Piet van Hoorn</h3>
<p>Managing Partner, Zuiderlicht Capital, 2018-present; Trustee, Delft Rowing Foundation</p>
</body></html>"""


def facts_on(engine: Engine, html: str, target: str) -> list[Fact]:
    url = "https://filings.example/doc.html"
    doc = extract(Page(url, url, 200, "text/html", html.encode()))
    return merge(find_facts([doc], Target(target), engine.nlp, engine.lexicons),
                 today=date(2026, 12, 1))


def pairs(facts: list[Fact]) -> set[tuple[str, Any, Any]]:
    return {(f.category, f.fields.get("title") or f.fields.get("position"),
             f.fields.get("org")) for f in facts if f.category in ("role", "board")}


def test_filing_director_block_gives_its_positions(engine: Engine) -> None:
    facts = facts_on(engine, PROXY, "Hannelore Brightwater")
    got = pairs(facts)
    assert ("role", "Chief Executive Officer", "Quarrystone Minerals") in got
    assert ("role", "Senior Vice President, Operations", "Tellurian Glass") in got
    assert ("board", "trustee", "Museum of Glass Arts") in got
    ceo = next(f for f in facts if f.fields.get("org") == "Quarrystone Minerals")
    assert (ceo.fields["start"], ceo.fields["current"]) == (2016, True)
    svp = next(f for f in facts if f.fields.get("org") == "Tellurian Glass")
    assert (svp.fields["start"], svp.fields["end"]) == (2009, 2016)


FILING_BIO = """<html><head><title>DEF 14A</title></head><body>
<p>Hannelore Brightwater</p><p>Director Since: 2011</p><p>Age: 61</p>
<p>Business Experience:</p>
<p>&#8226; Global Group President, Coatings and Sealants, Verrault S.A. (2011 to 2015)</p>
<p>&#8226; Chief Executive, Quarrystone Minerals, a materials company, April 2008 until
retirement in April 2011</p>
<p>Other Public Company Boards:</p>
<p>&#8226; Director, Tellurian Glass, Inc., a maker of specialty glass (2016 to present)</p>
<p>&#8226; Chairman, Ostrava Chemie AG (May 2020 to present, and Supervisory Board Member from
2016 to 2020)</p>
<p>Hannelore Brightwater served as Non-Executive Chair of the Board of Directors from March
9, 2018 until October 1, 2023.</p>
</body></html>"""


def test_filing_bio_lines_with_legal_forms_and_divisions(engine: Engine) -> None:
    """'Tellurian Glass, Inc.' is one name, a division before 'Verrault S.A.' is part of the
    title, 'until retirement in April 2011' ends the years, and 'Non-Executive Chair of the
    Board' names no organization of its own."""
    facts = facts_on(engine, FILING_BIO, "Hannelore Brightwater")
    got = pairs(facts)
    assert ("role", "Global Group President, Coatings and Sealants", "Verrault S.A") in got, got
    assert ("board", "director", "Tellurian Glass Inc") in got, got
    ceo = next(f for f in facts if f.fields.get("org") == "Quarrystone Minerals")
    assert (ceo.fields["start"], ceo.fields["end"]) == (2008, 2011)
    orgs = {str(f.fields.get("org")) for f in facts}
    assert not any("Chair" in org or org in ("Inc", "Inc.") or "(" in org for org in orgs), orgs
    assert ("board", "chairman", "Ostrava Chemie AG") in got, got  # under 'Other Public
    # Company Boards:': a seat, not a job


MEMBERS_DAY_JOBS = """<html><head><title>Harbor Fund Board</title></head><body><main>
<h2>Term Board Members</h2>
<p>Hannelore Brightwater, Administrator, Tidewater Digital Service</p>
<p>Hannelore Brightwater is the Administrator of the Tidewater Digital Service.</p>
<p>Osvaldo Pennant, General Partner, Corvane Ventures; Former CEO, Quarrystone Minerals</p>
<h2>Officers</h2>
<p>- Teodora Vasquez-Lind, Jr. Executive Vice President and Chief Financial Officer</p>
</main></body></html>"""


@pytest.mark.parametrize("target, want", [
    ("Hannelore Brightwater", ("role", "Administrator", "Tidewater Digital Service")),
    ("Osvaldo Pennant", ("role", "CEO", "Quarrystone Minerals")),
])
def test_a_board_lists_its_members_day_jobs(engine: Engine, target: str,
                                           want: tuple[str, str, str]) -> None:
    """Under 'Term Board Members', 'Administrator, Tidewater Digital Service' is her job, not a
    seat on that service's board; 'Former CEO, X' is a past job titled CEO."""
    facts = facts_on(engine, MEMBERS_DAY_JOBS, target)
    got = pairs(facts)
    assert want in got, got
    assert not any(cat == "board" and org == want[2] for cat, _, org in got), got
    job = next(f for f in facts if f.fields.get("org") == want[2] and f.category == "role")
    if want[1] == "CEO":
        assert job.fields["current"] is False


FUNCTIONS = """<html><head><title>Executive Leadership | Orrin Labs</title></head><body><main>
<h2>Executive Leadership</h2>
<ul><li>Marcus Feld, Executive Vice President, Human Resources and Corporate Communications</li>
<li>Teodora Vasquez-Lind, President, Sales &amp; Marketing, Quarrystone Minerals</li></ul>
</main></body></html>"""


@pytest.mark.parametrize("target, want", [
    ("Marcus Feld", ("role", "Executive Vice President, Human Resources and Corporate "
                             "Communications", "Orrin Labs")),
    ("Teodora Vasquez-Lind", ("role", "President, Sales & Marketing", "Quarrystone Minerals")),
])
def test_a_business_function_is_the_titles_field(engine: Engine, target: str,
                                                 want: tuple[str, str, str]) -> None:
    """'Human Resources and Corporate Communications' after a title is its field, not an
    employer: the job is at the company named after it, else at the page's own."""
    got = pairs(facts_on(engine, FUNCTIONS, target))
    assert want in got, got
    assert not any(org == "Human Resources" or "Sales" in str(org) for _, _, org in got), got


UNTAGGED_NAME = """<html><head><title>Leadership | Orrin Labs</title></head><body><main>
<h3>Teodora Vasquez-Lind</h3><p>Chief Legal Officer</p>
<p>As Orrin Labs' Chief Legal Officer, Teodora leads the legal team. As a first-generation
college graduate, Teodora believes in the power of education.</p>
<h3>Imo Udom</h3><p>SVP of Ecosystems</p>
<ul><li>Mastodon: @imo@orrin.social</li></ul>
<p>As Orrin Labs' Senior Vice President of Ecosystems, Imo is responsible for new ideas.</p>
<p>Previously, Imo was the Chief Strategy Officer at Outmatch Systems.</p>
<p>Prior to Outmatch, Imo co-founded and served as CEO of Wepow Labs.</p>
</main></body></html>"""


def test_a_name_ner_misses_over_a_title_starts_that_persons_entry(engine: Engine) -> None:
    """'Imo Udom' over 'SVP of Ecosystems' starts his entry though NER finds no person in
    it: what follows about 'Imo' (an organization to NER) is not the previous person's."""
    got = pairs(facts_on(engine, UNTAGGED_NAME, "Teodora Vasquez-Lind"))
    assert not any(org in ("Outmatch Systems", "Wepow Labs") for _, _, org in got), got
    assert any(org == "Orrin Labs" for _, _, org in got), got
    his = pairs(facts_on(engine, UNTAGGED_NAME, "Imo Udom"))
    assert any(org == "Wepow Labs" for _, _, org in his), his


@pytest.mark.parametrize(("line", "below", "starts"), [
    ("Imo Udom", "SVP of Innovation Ecosystems", True),
    ("Imo Udom", "As Mozilla's SVP, Imo leads new ideas and new teams across the company.", False),
    ("Early Life", "Chief Executive Officer", False),  # dictionary words: a section heading
    ("Chief Legal Officer", "General Counsel", False),
])
def test_a_name_over_a_title_line(engine: Engine, line: str, below: str, starts: bool) -> None:
    assert _name_over_title(line, below, prefilter.common_words(engine.nlp)) is starts


def test_an_entry_name_ner_calls_an_organization(engine: Engine) -> None:
    """A name NER reads as an organization starts that person's entry when a word of it is in
    no dictionary ('Neeraj Bharadwaj'); dictionary words stay an organization ('Legendary
    Requirements, CEO.' under someone's name is where they work)."""
    common = prefilter.common_words(engine.nlp)
    line = "Neeraj Bharadwaj, Non-Executive Nominee Director"
    parsed = engine.nlp(line)
    assert any(e.label_ == "ORG" and "Bharadwaj" in e.text for e in parsed.ents)  # the trap
    assert entry_name(line, parsed, common) == "Neeraj Bharadwaj"
    org_line = "Legendary Requirements, CEO."
    assert entry_name(org_line, engine.nlp(org_line), common) is None


def test_filing_entries_of_other_directors_give_nothing(engine: Engine) -> None:
    facts = facts_on(engine, PROXY, "Hannelore Brightwater")
    named = " ".join(str(v) for f in facts for v in f.fields.values())
    assert "Corvane" not in named and "Harbor Science" not in named
    assert "various" not in named  # names no organization
    assert "Age" not in named and "Director Since" not in named


@pytest.mark.parametrize("target, want, unwanted", [
    ("Teodora Vasquez-Lind", {"Halcyon Maps", "Brindle", "Oakmoss"}, "Quantel"),
    ("Marcus Feld", {"Quantel Systems"}, "Halcyon"),
])
def test_org_colon_items_are_roles_of_the_entrys_person(engine: Engine, target: str,
                                                        want: set[str], unwanted: str) -> None:
    facts = facts_on(engine, LEADERSHIP, target)
    orgs = {f.fields.get("org") for f in facts if f.category == "role"}
    assert want <= orgs
    assert not any(unwanted in str(o) for o in orgs)


def test_resume_line_splits_into_its_entries(engine: Engine) -> None:
    facts = facts_on(engine, RESUME, "Ngozi Adebayo-Clarke")
    got = pairs(facts)
    assert ("role", "Chief Executive Officer & Principal", "Norbeck Partners") in got
    assert any(c == "board" and o == "Riverside Housing Network" for c, _, o in got)
    assert not any("Zuiderlicht" in str(o) or "Delft" in str(o) for _, _, o in got)


TITLES_AT = """<html><head><title>Speakers | DevConf</title></head><body>
<h3>Rosalind Achterberg</h3>
<p>Rosalind Achterberg is VP of Platform Engineering at CircleCI. Before that she was
Vice President of Philanthropy at Kupu, and Director of Customer Success at Grafton Labs.</p>
</body></html>"""


def test_title_of_a_field_at_an_employer(engine: Engine) -> None:
    got = pairs(facts_on(engine, TITLES_AT, "Rosalind Achterberg"))
    assert ("role", "VP of Platform Engineering", "CircleCI") in got
    assert ("role", "Vice President of Philanthropy", "Kupu") in got
    assert not any(o in ("Platform Engineering", "Philanthropy", "Customer Success")
                   for _, _, o in got)


FILING = """<html><head><title>8-K</title></head><body>
<p>Departure of Officer</p>
<p>Oren Blackwood’s employment as the Chief Financial Officer of Talvane Holdings, Inc.
(the “Company”) will terminate on April 17, 2023.</p>
<p>On March 17, 2023, the Company’s Board of Directors (the “Board”) appointed Mirela Sandoval
as the Chief Financial Officer of the Company. Ms. Sandoval joined the Company in 2020 as
Controller. She received a Master of Business Administration from the University of Leeds.</p>
</body></html>"""


def test_a_filings_defined_term_names_the_employer(engine: Engine) -> None:
    facts = facts_on(engine, FILING, "Mirela Sandoval")
    orgs = {f.fields.get("org") for f in facts if f.category == "role"}
    assert orgs == {"Talvane Holdings, Inc."}
    assert not [f for f in facts if f.category == "board"]  # the board appointed her
    assert not any("Master" in str(f.fields.get("org")) for f in facts)


SEATS = """---
title: "About RWOT: Board of Directors"
board:
  - title: "Ilse Marchetti"
    excerpt: "<i><b>RWOT TREASURER & BOARD MEMBER.</b><br>Schema Co-Editor, W3C.<br>Quillon
      Labs, CEO.</i><br><br>Ilse leads the identity working group."
  - title: "Bram Oduya"
    excerpt: "<b>RWOT SECRETARY.</b><br>Director of Media, Quillon Labs."
---
"""


def test_board_page_entries_in_front_matter(engine: Engine) -> None:
    url = "https://rwot.example/board.md"
    doc = extract(Page(url, url, 200, "text/markdown", SEATS.encode()))
    facts = merge(find_facts([doc], Target("Ilse Marchetti"), engine.nlp, engine.lexicons),
                  today=date(2026, 12, 1))
    got = pairs(facts)
    assert ("board", "treasurer & board member", "RWOT") in got
    assert ("role", "CEO", "Quillon Labs") in got
    assert ("role", "Schema Co-Editor", "W3C") in got
    assert not any("Director of Media" in str(t) for _, t, _ in got)


POST = """---
title: How I left the lab
---

I started programming when I was eight, on a computer my dad bought. In 2009 I co-founded
Fernhollow Robotics, and I was its CEO until 2014. Getting the first robot up and running took
a year. These days I run marathons whenever I can. More at [my site](https://lindqvist.example).
"""


def test_a_first_person_post_speaks_for_the_target(engine: Engine) -> None:
    url = "https://blog.example/left-the-lab.md"
    doc = extract(Page(url, url, 200, "text/markdown", POST.encode()))
    facts = merge(find_facts([doc], Target("Anneke Lindqvist"), engine.nlp, engine.lexicons),
                  today=date(2026, 12, 1))
    orgs = {f.fields.get("org") for f in facts if f.category == "role"}
    assert "Fernhollow Robotics" in orgs
    assert {f.fields["relation"] for f in facts if f.category == "family"} == {"father"}
    activities = [f for f in facts if f.category == "activity"]
    assert len(activities) == 1 and "marathons" in activities[0].fields["detail"]
    # the page never names anyone else: it could be anyone's, so nobody else gets its facts
    assert find_facts([doc], Target("Zelda Quistorp"), engine.nlp, engine.lexicons) == []


MEMBERS = """<html><head><title>The Modernization Board</title></head><body>
<h2>Voting Board Members</h2><p>Chair - Permanent Member</p>
<p>Odalys Brennan-Voss, Federal Chief Data Officer, Office of Data Stewardship</p>
<p>Odalys Brennan-Voss is the founder and president of Civic Data Partners. Before that she
was a senior fellow at the Northgate Institute.</p>
<p>Senior Official - Term Member</p>
<p>Tomasz Ekwueme, Chief Information Officer, Harbor Transit Authority</p>
</body></html>"""


def test_name_title_org_lines_and_founder_compounds(engine: Engine) -> None:
    got = pairs(facts_on(engine, MEMBERS, "Odalys Brennan-Voss"))
    assert ("role", "Federal Chief Data Officer", "Office of Data Stewardship") in got
    assert {t.lower() for c, t, o in got if o == "Civic Data Partners"} == {"founder", "president"}
    assert not any(o in ("Federal", "Harbor Transit Authority") for _, _, o in got)


TEAM = """<html><head><title>Leadership | Kestrel Maps</title></head><body>
<h3>Amara Villiers-Chen</h3><p>Chief Financial Officer</p>
<p>Amara joined in 2021 from Brightwell Capital.</p>
<h3>Joaquim Oduya</h3><p>Chief Technology Officer</p>
</body></html>"""


def test_a_title_under_a_name_on_a_leadership_page_is_a_job_there(engine: Engine) -> None:
    got = pairs(facts_on(engine, TEAM, "Amara Villiers-Chen"))
    assert ("role", "Chief Financial Officer", "Kestrel Maps") in got
    assert not any("Technology" in str(t) for _, t, _ in got)


TRANSCRIPT = """---
title: "Repairable laptops with Odile Fenwick"
---

[Speaker 1] [00:00] Welcome back. My kids say this podcast is too long.

[Speaker 2] [00:05] My daughter agrees with them.

[Speaker 3] [00:09] I started Fenwick Devices in 2019, and my son helped with the first prototype.
"""


def test_unnamed_speakers_are_not_the_target(engine: Engine) -> None:
    url = "https://podcast.example/fenwick.md"
    doc = extract(Page(url, url, 200, "text/markdown", TRANSCRIPT.encode()))
    facts = find_facts([doc], Target("Odile Fenwick"), engine.nlp, engine.lexicons)
    assert [f for f in facts if f.category == "family"] == []


PROFILE = """<html><head><title>Spotlight: Wren Talaga</title></head><body>
<p>Wren Talaga is a Software Engineer for Quillstrand. Born in Tulsa, she is a Choctaw and
Chickasaw mother of two now living in Los Angeles.</p></body></html>"""


def test_an_employer_after_for_and_a_heritage_is_no_employer(engine: Engine) -> None:
    facts = facts_on(engine, PROFILE, "Wren Talaga")
    named = {str(f.fields.get("org") or f.fields.get("name")) for f in facts}
    assert ("role", "Software Engineer", "Quillstrand") in pairs(facts)
    assert not any("Choctaw" in n for n in named)


def test_a_role_left_refers_to_the_organization_last_named(engine: Engine) -> None:
    html = ("<html><head><title>Farewell Ostrander Labs</title></head><body><p>Today is my "
            "last day at Ostrander Labs. Last January I stepped down as CEO and handed the role "
            "to my cofounder. Read more at <a href='https://marguerite-oyelowo.example'>my "
            "site</a>.</p></body></html>")
    got = pairs(facts_on(engine, html, "Marguerite Oyelowo"))
    assert ("role", "CEO", "Ostrander Labs") in got


@pytest.mark.parametrize("body, ctype, suffix", [
    ("<html><body><p>Ines Varga is the founder of Ledgerfield. She has written several books, "
     "including <em>Counting What Matters</em> and <i>Deep Accounts for Everyone</i>.</p>"
     "</body></html>",
     "text/html", "html"),
    ("Ines Varga is the founder of Ledgerfield. She has written several books, including\n"
     "*Counting What Matters* and _Deep Accounts for Everyone_.\n", "text/markdown", "md"),
])
def test_titles_in_italics_are_works(engine: Engine, body: str, ctype: str, suffix: str) -> None:
    url = f"https://varga.example/about.{suffix}"
    doc = extract(Page(url, url, 200, ctype, body.encode()))
    facts = find_facts([doc], Target("Ines Varga"), engine.nlp, engine.lexicons)
    works = {(f.fields["title"], f.fields["kind"]) for f in facts if f.category == "work"}
    assert works == {("Counting What Matters", "book"), ("Deep Accounts for Everyone", "book")}


def test_hyphenated_activities_match_as_written(engine: Engine) -> None:
    html = ("<html><head><title>Jane Roe</title></head><body><p>Jane Roe runs a half-marathon "
            "every spring, goes fly-fishing and does cross-country skiing.</p></body></html>")
    facts = facts_on(engine, html, "Jane Roe")
    names = {f.fields["name"] for f in facts if f.category == "activity"}
    assert names == {"marathon running", "fishing", "cross-country skiing"}


BOARD_ENTRIES = """<html><head><title>Our company</title></head><body>
<h2>Board of Directors</h2><div>
<p><strong>Marisol T. Quennell</strong>Executive Vice President, Chief Administrative and<br/>
 Financial Officer and Treasurer<br/>Saltmarsh Holdings Inc.</p>
<p><strong>Odalys Brennan-Voss</strong>Chairman of the Board of Directors and <br/>Chief
Executive Officer<br/>Saltmarsh Holdings Inc.</p>
</div></body></html>"""


def test_an_entry_broken_by_line_breaks_and_ending_in_inc_is_one_entry(engine: Engine) -> None:
    """'<br>' splits a board member's entry into fields, and 'Inc.' ends a name, not a
    sentence: the line is her entry, with the company's name, and not her colleague's."""
    got = pairs(facts_on(engine, BOARD_ENTRIES, "Odalys Brennan-Voss"))
    assert ("role", "Chairman of the Board of Directors and Chief Executive Officer",
            "Saltmarsh Holdings Inc") in got
    assert not any("Treasurer" in str(t) for _, t, _ in got)


BOARD_LIST = """<html><head><title>Meet Harbor Museum's Board of Governors</title></head><body>
<h2>Members of the Corporation</h2>
<p>Tobias Quennell, President, Corran College</p>
<h2>Board of Governors</h2>
<p>Odalys Brennan-Voss, President and CEO, Saltmarsh Institute</p>
<p>Marisol Quennell, General Partner, Brindle Ventures</p>
</body></html>"""


def test_an_entry_in_a_boards_list_is_a_seat_on_that_board(engine: Engine) -> None:
    """The board's name comes from the page ("Harbor Museum's Board of Governors"); only
    entries under the board's own heading are seats, and only the target's."""
    got = pairs(facts_on(engine, BOARD_LIST, "Odalys Brennan-Voss"))
    assert ("board", "member", "Harbor Museum") in got
    assert ("board", "member", "Harbor Museum") not in pairs(
        facts_on(engine, BOARD_LIST, "Tobias Quennell"))


BOARDS_BY_HEADING = """<html><head><title>Boards of Directors</title></head><body><main>
<h1>Boards of Directors</h1>
<h2>Quillon Corporation</h2>
<h3>Ines Valdrada</h3><p>Executive Chair of the Board</p>
<p>Ines Valdrada founded the Quillon project in 1998 and ran it for a decade.</p>
<h3>Tomas Brecht</h3><p>Member of the Audit Committee</p>
<p>Tomas Brecht is the chief executive of a shipping firm in Rotterdam.</p>
<h2>Quillon Foundation</h2>
<h3>Ines Valdrada, Chair</h3>
<h3>Odile Marchetti</h3>
<p>Odile Marchetti leads the Open Harbor Trust, a charity for coastal towns.</p>
</main></body></html>"""

ENTRY_HEADERS = """<html><head><title>Board of Directors | Kestrel Commons</title></head><body>
<h1>Board of Directors</h1>
<h3>Patrice Almeida</h3><h4>Treasurer</h4><h4>Ridgeback Analytics</h4>
<p>Patrice Almeida is a partner at Ridgeback Analytics, a data consultancy.</p>
<h3>Lorna Vetch</h3><h4>Member</h4><h4>Tidewell Food Alliance</h4>
<p>Lorna Vetch directs the Tidewell Food Alliance, which runs farmers markets.</p>
<h3>Anselm Dorr</h3><h4>Secretary</h4><h4>Harbor Legal Aid</h4>
<p>Anselm Dorr is a lawyer who has served the county's tenants for twenty years.</p>
</body></html>"""


def test_a_heading_naming_an_organization_starts_its_boards_list(engine: Engine) -> None:
    """On a page of boards, the heading over each list names the board: a seat on each board
    whose list holds the target, with the position her entry gives, and none for the others."""
    got = pairs(facts_on(engine, BOARDS_BY_HEADING, "Ines Valdrada"))
    assert ("board", "member", "Quillon Corporation") in got
    assert ("board", "chair", "Quillon Foundation") in got
    brecht = pairs(facts_on(engine, BOARDS_BY_HEADING, "Tomas Brecht"))
    assert ("board", "member", "Quillon Corporation") in brecht
    assert not any(f[2] == "Quillon Foundation" for f in brecht)


def test_an_employer_in_an_entrys_header_is_not_a_board(engine: Engine) -> None:
    """'Name / Treasurer / Ridgeback Analytics': the organization under a person's name is
    where they work; the page's board is the one they sit on."""
    got = pairs(facts_on(engine, ENTRY_HEADERS, "Anselm Dorr"))
    assert ("board", "member", "Kestrel Commons") in got
    assert not any(f[0] == "board" and f[2] in ("Tidewell Food Alliance", "Ridgeback Analytics",
                                                "Harbor Legal Aid") for f in got)


PROXY_TABLE = """<html><head><title>DEF 14A</title></head><body>
<p>Quarrystone Minerals, Inc. (the "Company") files this proxy statement.</p>
<p>Certain Information Regarding Directors</p>
<p>Hannelore Brightwater</p><p>Director Since: 2011</p><p>Age: 61</p>
<p>Business Experience:</p>
<p>&#8226; Chief Executive Officer, Quarrystone Minerals, Inc., since 2016</p>
<p>&#8226; Senior Vice President, Operations, Tellurian Glass, November 2009 to March 2016</p>
<p>Summary Compensation Table</p>
<table><tr><td>Name and Principal Position</td><td>Year</td><td>Salary ($)</td></tr>
<tr><td>Hannelore Brightwater Chief Executive Officer</td><td>2023</td><td>1,083,750</td></tr>
<tr><td>2022</td><td>1,035,000</td><td></td></tr>
<tr><td>Osric P. Vandermeer Executive Vice President &amp; President, Pigments Segment &amp; Europe
Region, &amp; executive responsible for Digital</td><td>2023</td><td>546,818</td></tr>
</table></body></html>"""


def test_a_proxy_directors_block_and_its_compensation_table(engine: Engine) -> None:
    """'Director Since: 2011' in her block is a seat on the filer's board (named by the
    filing's defined 'the Company'); 'November 2009 to March 2016' is a range of years; a
    table row that starts with another officer's name is that officer's, not hers."""
    facts = facts_on(engine, PROXY_TABLE, "Hannelore Brightwater")
    got = pairs(facts)
    assert ("board", "director (since 2011)", "Quarrystone Minerals, Inc.") in got
    svp = next(f for f in facts if f.fields.get("org") == "Tellurian Glass")
    assert (svp.fields["start"], svp.fields["end"]) == (2009, 2016)
    assert not any("Pigments" in str(org) or "Executive Vice President" in str(title)
                   for _, title, org in got)


EIGHT_K = """<html><head><title>8-K</title></head><body>
<p>UNITED STATES SECURITIES AND EXCHANGE COMMISSION</p>
<p>QUARRYSTONE MINERALS, INC.</p>
<p>(Exact name of registrant as specified in its charter)</p>
<p>Item 5.02 Departure of Directors or Certain Officers.</p>
<p>On March 17, 2023, the Board appointed Hannelore Brightwater as Chief Financial Officer.
Ms. Brightwater has served as our Treasurer since 2020 and as a member of our board of
directors since 2021.</p>
</body></html>"""


def test_an_officer_in_a_filing_is_the_filers(engine: Engine) -> None:
    """The cover page names the registrant; a filing's officer title without an organization,
    and 'our board', are the registrant's."""
    got = pairs(facts_on(engine, EIGHT_K, "Hannelore Brightwater"))
    assert ("role", "Chief Financial Officer", "QUARRYSTONE MINERALS, INC.".title()) in got \
        or ("role", "Chief Financial Officer", "Quarrystone Minerals, Inc.") in got
    assert ("role", "Treasurer", "Quarrystone Minerals, Inc.") in got
    assert any(c == "board" and org == "Quarrystone Minerals, Inc." for c, _, org in got)


UNITS = """<html><head><title>DEF 14A</title></head><body>
<p>Marlowe Fibers Inc. (“Marlowe” or the “Company”) is a maker of specialty yarns.</p>
<p>Our named executive officers are:</p>
<p>&#8226; Tobias Quennell, Executive Vice President and President, Technical Yarns Segment</p>
<p>Committee Memberships</p>
<p>| Ilse Varga, Chair | Tobias Quennell |</p>
<p>Ilse Varga</p><p>Director Since: 2018</p><p>Age: 55</p>
<p>Business Experience:</p>
<p>&#8226; President, Chief Executive Officer and Director, Marlowe Fibers Inc., since June 2019</p>
<p>&#8226; Senior Vice President, President, Technical Yarns, August 2015 to June 2019; Vice
President and General Manager, Coated Fabrics, May 2011 to August 2015; joined Marlowe
Fibers Inc. in 2004</p>
<p>The Coated Fabrics division makes awning cloth.</p>
</body></html>"""


def test_a_role_at_the_companys_own_unit_is_a_role_at_the_company(engine: Engine) -> None:
    """A page that calls 'Technical Yarns' a segment and 'Coated Fabrics' a division: the
    titles there are the company's, with the unit in the title; each part of a career item
    split at ';' keeps its own years, month names not taken for employers."""
    facts = facts_on(engine, UNITS, "Ilse Varga")
    roles = {(f.fields["title"], f.fields["org"], f.fields.get("start"), f.fields.get("end"))
             for f in facts if f.category == "role"}
    assert ("Senior Vice President, President, Technical Yarns", "Marlowe Fibers Inc.",
            2015, 2019) in roles
    assert ("Vice President and General Manager, Coated Fabrics", "Marlowe Fibers Inc.",
            2011, 2015) in roles
    orgs = {org for _, org, _, _ in roles}
    assert not orgs & {"Technical Yarns", "Coated Fabrics", "August", "May", "June"}


def test_a_table_of_people_gives_no_title_at_a_person(engine: Engine) -> None:
    """'| Ilse Varga, Chair | Tobias Quennell |' lists a committee's members: she chairs it,
    and Tobias Quennell is not where she works."""
    facts = facts_on(engine, UNITS, "Ilse Varga")
    assert not any("Quennell" in str(v) for f in facts for v in f.fields.values())


OFFICERS = """<html><head><title>nwnd-20241231</title></head><body>
<div><span><ix:nonNumeric contextRef="c-1" name="dei:EntityRegistrantName">NORTHWIND.COM, INC.
</ix:nonNumeric></span></div>
<p>Information About Our Executive Officers</p>
<p>Odile M. Ferrant. Ms. Ferrant has served as President and Chief Executive Officer since
July 2021, CEO Northwind Cloud Services from April 2016 until July 2021, and Senior Vice
President, Northwind Cloud Services, from April 2006 until April 2016.</p>
<p>Hollis Grane. Dr. Grane previously served as our Vice President, Head of Biology from 2017
to March 2019 and as our Senior Vice President of Biology from March 2019 to 2020.</p>
<p>Rufus T. Abernathy. Mr. Abernathy has served as Chair of the Board since 1998 and served
as Chief Financial Officer from May 1999 until July 2020, and as Treasurer from 1998 until
June 1999 and again from October 2001 to July 2020.</p>
</body></html>"""


def test_a_field_after_of_in_a_dated_list_is_no_employer(engine: Engine) -> None:
    """'our Vice President, Head of Biology from 2017 to March 2019': Biology is the field of
    the title, the job is at the filer."""
    got = pairs(facts_on(engine, OFFICERS, "Hollis Grane"))
    assert not any(org == "Biology" for _, _, org in got), got
    assert any(title == "Vice President, Head of Biology" for _, title, _ in got), got


def test_a_dated_list_of_positions_is_one_role_per_part(engine: Engine) -> None:
    """'has served as A since 2021, B from 2016 until 2021, and C from 2006 until 2016': each
    part is a role with its own years; a part that names no organization is at the filing's
    company, which the inline XBRL cover names when the text does not."""
    facts = facts_on(engine, OFFICERS, "Odile M. Ferrant")
    roles = {(f.fields["title"], f.fields["org"], f.fields.get("start"), f.fields.get("end"))
             for f in facts if f.category == "role"}
    assert ("President and Chief Executive Officer", "Northwind.com, Inc.", 2021, None) in roles
    assert ("CEO", "Northwind Cloud Services", 2016, 2021) in roles
    assert ("Senior Vice President", "Northwind Cloud Services", 2006, 2016) in roles
    assert not any("Abernathy" in str(o) or t.startswith(("and ", "served")) for t, o, *_ in roles)


def test_a_dated_list_skips_the_board_seat_and_the_glue(engine: Engine) -> None:
    """'served as Chair of the Board since 1998 and served as CFO from ...': the board seat is
    not a job title, and 'and served as', 'and as' are not part of the next title."""
    facts = facts_on(engine, OFFICERS, "Rufus T. Abernathy")
    roles = {(f.fields["title"], f.fields.get("start"), f.fields.get("end"))
             for f in facts if f.category == "role"}
    assert ("Chief Financial Officer", 1999, 2020) in roles
    assert ("Treasurer", 1998, 1999) in roles
    assert not any("Board" in t or t.startswith(("and", "as ")) for t, *_ in roles)


TEAM_LIST = """<html><head><title>Meet Quarrow's Executive Leadership</title></head><body>
<ul><li>Hollis P. Vantongeren President and CEO, Quarrow Institute</li>
<li>Marisol D. Okonjo Executive Vice President and Chief Operating Officer</li>
<li>Teodor Brandvold Senior Vice President, General Counsel</li></ul>
</body></html>"""


@pytest.mark.parametrize("target, want", [
    ("Marisol D. Okonjo", ("Executive Vice President and Chief Operating Officer", "Quarrow")),
    ("Hollis P. Vantongeren", ("President and CEO", "Quarrow Institute")),
])
def test_a_list_item_running_the_name_into_the_title(engine: Engine, target: str,
                                                     want: tuple[str, str]) -> None:
    """'Marisol D. Okonjo Executive Vice President ...' with no comma: her title, at the
    organization the page's title names in the possessive ("Meet Quarrow's Executive
    Leadership"); the other items are other people's."""
    roles = {(t, o) for c, t, o in pairs(facts_on(engine, TEAM_LIST, target)) if c == "role"}
    assert want in roles
    assert len(roles) == 1


SIGNATURES = """<html><head><title>10-K</title></head><body>
<p>Talvane Holdings, Inc. (the “Company”) makes valves.</p>
<p>SIGNATURES</p>
<table><tr><td>Odile M. Ferrant</td><td>President and Chief Executive Officer (Principal
Executive Officer) and Director</td></tr></table>
</body></html>"""


def test_a_bracketed_capacity_is_not_another_role(engine: Engine) -> None:
    """'Chief Executive Officer (Principal Executive Officer)' in a signature block: the
    bracketed title is the capacity she signs in, not a second position."""
    titles = {t for c, t, _ in pairs(facts_on(engine, SIGNATURES, "Odile M. Ferrant"))
              if c == "role"}
    assert not any("Principal" in str(t) for t in titles)


BOARD_CARDS = """<html><head><title>Board of Directors | Quarrow Trust</title></head><body>
<h2>Board of Directors</h2>
<h3>Ines Valdrada</h3><p>Secretary</p><p>Tessaly Labs</p>
<p>Ines Valdrada is the vice president of operations at Tessaly Labs.</p>
<h3>Piet van Hoorn</h3><p>Member</p><p>Zuiderlicht Capital</p>
</body></html>"""


def test_a_post_under_a_name_on_a_board_page_is_the_seat(engine: Engine) -> None:
    """'Secretary' under her name in a board's list is her seat on that board, not a job at
    the organization the page belongs to."""
    got = pairs(facts_on(engine, BOARD_CARDS, "Ines Valdrada"))
    assert any(c == "board" and o == "Quarrow Trust" for c, _, o in got)
    assert not any(c == "role" and o == "Quarrow Trust" for c, _, o in got)


PEOPLE_CARDS = """<html><head><title>About Pellucid: Board of Directors</title></head><body>
<h2>Board of Directors</h2>
<p>Orla Quennell</p>
<p><i>PELLUCID FOUNDER &amp; CHAIR.<br/>Principal Architect, Saltmarsh Commons.</i></p>
<p>Marisol Brennan-Voss</p>
<p><i>PELLUCID TREASURER &amp; BOARD MEMBER.<br/>Schema Co-Editor, W3C.<br/>
Sterling Requirements, CEO.</i></p>
<p>Tobias Ekwueme</p>
<p><i>PELLUCID SECRETARY.<br/>Director of Media, Sterling Requirements.</i></p>
</body></html>"""


def test_an_organization_then_a_title_in_a_persons_card_is_their_job(engine: Engine) -> None:
    """'Sterling Requirements, CEO.' under her name is where she is CEO, not a new person's
    entry (NER reads the words as an organization), and not the page's board either."""
    got = pairs(facts_on(engine, PEOPLE_CARDS, "Marisol Brennan-Voss"))
    assert ("role", "CEO", "Sterling Requirements") in got, got
    assert not any(c == "role" and t == "CEO" and o != "Sterling Requirements" for c, t, o in got)
    assert not any("Media" in str(t) or "Principal" in str(t) for _, t, _ in got), got
