"""A generated corpus for benchmarks: fictional executives and the pages a user would collect
about them (leadership bio, Q&A, news, press release, speaker and board pages, podcast, alumni
profile, community news, a "leaders to watch" roundup).

Pages read like real ones: site navigation, related-story lists and footers around the
article, other people named and quoted, industry talk that is about no one, and the target's
facts (roles, education, boards, causes, sports, family, a book) stated the usual ways. Every
page is deterministic for a seed, and its article is grown to about the requested word count
with prose of the kind that page would carry.
"""

from __future__ import annotations

import html
import json
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

GIVEN = {
    "she": ["Amara", "Celine", "Elif", "Greta", "Ines", "Katya", "Lucinda", "Marisol", "Nadia",
            "Odile", "Priya", "Rosalind", "Saoirse", "Thea", "Ulrike", "Valentina", "Wren",
            "Yasmin", "Zofia", "Beatriz", "Delphine", "Freya", "Hanne", "Ingrid", "Joelle"],
    "he": ["Bastian", "Dario", "Farid", "Hiroshi", "Jonas", "Kwame", "Lorenzo", "Matthias",
           "Nikhil", "Osvaldo", "Pieter", "Rafael", "Soren", "Tobias", "Umar", "Viktor",
           "Wendell", "Xavier", "Yusuf", "Anselm", "Caspian", "Desmond", "Emeric", "Florian"],
}
SURNAMES = [
    "Achterberg", "Bellweather", "Castellano", "Drummond", "Eskildsen", "Fairbanks", "Galloway",
    "Halvorsen", "Iwasaki", "Jablonski", "Kettleby", "Lindqvist", "Marchetti", "Nakagawa",
    "Okonkwo", "Pemberton", "Quintero", "Rasmussen", "Szabo", "Thornquist", "Ueberroth",
    "Vandermeer", "Wolcott", "Yarborough", "Zielinski", "Abernathy", "Brannigan", "Cordero",
    "Delacourt", "Engstrom", "Ferreira", "Grunwald", "Hollister", "Ivanova", "Jorgensen",
    "Kowalski", "Lachance", "Mwangi", "Northcott", "Oyelowo", "Petrakis", "Ravensworth",
    "Santangelo", "Tremblay", "Underhill", "Valcourt", "Whitcombe", "Yilmaz", "Zamora",
    "Ashcombe", "Blackwood", "Carrington", "Dunleavy", "Ellery", "Fontaine", "Gustafsson",
    "Harrowgate", "Inglewood", "Kingsley", "Loughran",
]
COMPANY_HEADS = ["Kestrel", "Norrland", "Quillon", "Arbor", "Talisker", "Vantor", "Morrow",
                 "Halvard", "Brightwater", "Ashgrove", "Corvina", "Stonebridge", "Larkspur",
                 "Meridian", "Pinecrest", "Tidewater", "Ironwood", "Silverline", "Redfern",
                 "Calloway"]
COMPANY_TAILS = ["Logistics", "Foods", "Health", "Freight Lines", "Energy", "Retail Group",
                 "Biotech", "Analytics", "Capital Partners", "Manufacturing", "Insurance",
                 "Software", "Water Systems", "Mobility"]
TITLES = ["Chief Operating Officer", "Chief Financial Officer", "Chief Executive Officer",
          "Chief Technology Officer", "Chief People Officer", "Chief Supply Chain Officer",
          "President", "Chief Marketing Officer", "General Counsel", "Chief Data Officer"]
PAST_TITLES = ["Vice President of Operations", "Senior Director of Finance",
               "Vice President of Strategy", "Director of Network Planning",
               "Head of Customer Analytics", "Vice President of Engineering",
               "Regional General Manager", "Director of Procurement"]
AREAS = ["operations across four regions", "the finance and planning teams",
         "the company's technology roadmap", "the supply chain and procurement group",
         "customer operations and service", "the data and analytics function"]
SCHOOLS = ["Lakemont University", "Westbrook Institute of Technology", "Carrow School of "
           "Business", "Northgate University", "the University of Ellesmere",
           "Halden College", "Brightmoor State University", "Saint Aldric University"]
DEGREES = [("Bachelor of Science", "industrial engineering"), ("Bachelor of Arts", "economics"),
           ("MBA", "finance"), ("Master of Science", "operations research"),
           ("Bachelor of Science", "computer science"), ("Master of Public Policy", "policy")]
BOARDS = ["Riverside Food Bank", "Harbor Literacy Council", "Northfield Youth Orchestra",
          "Cedar Valley Land Trust", "Eastgate Community Clinic", "Lakeshore Children's Museum",
          "Millbrook Housing Partnership", "Southbank Arts Collective"]
CAUSES = ["childhood literacy", "food security", "clean rivers", "affordable housing",
          "girls in engineering", "veterans' employment", "adult education"]
HOBBIES = [("marathon running", "runs marathons"), ("sailing", "sails on weekends"),
           ("cycling", "rides in the annual charity century"),
           ("rock climbing", "climbs at an indoor gym twice a week"),
           ("choral singing", "sings with a community choir"),
           ("woodworking", "builds furniture in a garage workshop"),
           ("birdwatching", "keeps a life list of more than 300 birds")]
CITIES = ["Portland", "Milwaukee", "Charlotte", "Sacramento", "Pittsburgh", "Columbus",
          "Richmond", "Tucson", "Omaha", "Hartford"]
RELATIVES = [("husband", "son"), ("wife", "daughter"), ("partner", "twin daughters"),
             ("husband", "two sons"), ("wife", "three children")]
BOOKS = ["The Quiet Dock", "Numbers on the Floor", "Small Decisions, Big Networks",
         "Leading Without the Spreadsheet", "The Patient Operator"]
HOSTS = ["Operations Quarterly", "The Freight Desk", "Midwest Business Journal",
         "The Lakeside Courier", "Supply Chain Weekly", "Boardroom Notes"]

TRENDS = ["customers expect next-day delivery as a matter of course",
          "interest rates stay higher than most planners assumed",
          "regional carriers consolidate", "automation spreads to smaller warehouses",
          "insurers price climate risk into every contract",
          "hospitals push suppliers for more predictable deliveries",
          "retailers move inventory closer to the stores that sell it"]
CHALLENGES = ["driver shortages", "rising energy costs", "slow permitting",
              "fragmented data systems", "volatile fuel prices", "aging equipment",
              "cybersecurity incidents", "labour turnover in distribution centres"]
METRICS = ["on-time delivery", "inventory turns", "cost per shipment", "customer retention",
           "gross margin", "days sales outstanding", "order accuracy"]
INDUSTRY_LINES = [
    "Demand across the sector has grown by roughly {pct} percent a year since {year}, and "
    "analysts expect the pace to hold as {trend}.",
    "Several competitors have struggled with {challenge}, which has pushed {metric} down "
    "across much of the industry over the past {n} quarters.",
    "The region's largest employers now count on a network of suppliers that did not exist "
    "a decade ago, and many of them report that {challenge} is the main risk to growth.",
    "Industry surveys suggest that fewer than half of mid-sized firms track {metric} weekly, "
    "even though those that do tend to outperform their peers.",
    "Investors have rewarded companies that can show steady {metric}, while punishing those "
    "whose results swing from one quarter to the next.",
    "A trade group estimates that {challenge} cost the sector more than ${n}00 million last "
    "year, a figure that does not include lost customers.",
    "Most of the growth has come from customers in {city} and the surrounding counties, "
    "where new distribution parks opened in {year}.",
    "Regulators are expected to publish new reporting rules next year, and compliance teams "
    "are already asking for cleaner data on {metric}.",
    "The shift has been uneven: large firms invested early, while smaller ones waited and "
    "are now catching up as {trend}.",
    "Consultants point out that the biggest gains rarely come from new software; they come "
    "from agreeing on a single definition of {metric} and sticking to it.",
    "Prices for warehouse space near {city} rose {pct} percent last year, the fastest "
    "increase in the country according to brokers.",
    "Unions and employers signed a {n}-year agreement in {year} that tied bonuses to safety "
    "records rather than volume alone.",
    "Analysts at several banks have raised their forecasts, citing lower input costs and a "
    "recovery in orders from industrial customers.",
    "The company's annual report lists {challenge} and {challenge2} among its principal "
    "risks, alongside the usual caveats about the broader economy.",
    "Revenue rose {pct} percent in the most recent fiscal year, and operating margin "
    "improved for the {nth} consecutive year.",
    "Shares have gained about {pct} percent over the past twelve months, outpacing a broad "
    "index of industrial stocks.",
    "Much of the investment went into new sorting equipment and a planning system that "
    "replaced a patchwork of spreadsheets built up over twenty years.",
    "A pilot programme in {city} cut {metric} problems by a third within six months, and the "
    "approach is now being rolled out to other sites.",
]
OTHER_QUOTES = [
    "We are seeing customers ask for more transparency than ever, and that is a healthy "
    "thing for the whole industry",
    "The numbers this year were better than we planned, but the real story is how quickly "
    "the teams adapted",
    "Nobody wins this market by being the cheapest; you win it by being the most reliable",
    "It was a difficult year for everyone in the sector, and I am proud of how our people "
    "responded",
    "We will keep investing in the network, because our customers are telling us that is "
    "where the value is",
    "I have covered this industry for fifteen years and I have not seen a shift this fast",
    "Every board I talk to now wants to understand the supply chain, not just the balance "
    "sheet",
    "Volunteers are the heart of this organisation, and tonight is really about them",
]
QA = [
    ("How did you get started?", "I started out building spreadsheets for a regional "
     "distributor, and I stayed because every model I built changed what happened on the "
     "loading dock the next morning. That feedback loop is addictive, and I have been "
     "chasing it ever since."),
    ("What does a normal week look like?", "Mondays are for numbers, Tuesdays for the sites, "
     "and the rest of the week is whatever broke. I try to spend one afternoon a week with a "
     "team I do not manage, just listening to what slows them down."),
    ("What is the hardest decision you made this year?", "Closing a facility that had been "
     "open for forty years. We moved every person who wanted to move, and we were honest "
     "about the people we could not place. It still weighs on me."),
    ("How do you hire?", "I look for people who can explain a messy data set to someone who "
     "will never open it. Technical skill is easier to teach than that kind of patience, and "
     "it matters more once the team grows."),
    ("What keeps you busy outside work?", "{hobby_cap}, mostly, and the {board}, where I "
     "serve on the board. Our meetings are on Thursday evenings and they are the most useful "
     "two hours of my month."),
    ("Who shaped your career?", "A plant manager named Ruth who made me walk the floor "
     "before I was allowed to present any chart. She retired years ago, and I still hear "
     "her voice when I review a deck."),
    ("What would you tell your younger self?", "Speak up earlier. I waited years before "
     "giving my first talk at a conference, and the only thing the waiting bought me was "
     "more nerves."),
    ("What are you reading?", "A history of the shipping container and a collection of "
     "short stories my {child} recommended. I alternate chapters, which is confusing but "
     "fun."),
    ("Where is the industry going?", "Toward fewer, better decisions made closer to the "
     "customer. The tools are ready; most organisations are not, because nobody owns the "
     "data end to end."),
    ("How do you measure success?", "If the people who report to me get promoted out of my "
     "team, I am doing the job. If they stay stuck, I am not, whatever the quarterly numbers "
     "say."),
    ("What did you study?", "{degree} in {field} at {school}. I chose it because it "
     "promised a job, and it turned out to be the best training for thinking in systems."),
    ("Why {cause}?", "Because it compounds. A child who reads well at eight has options at "
     "eighteen. I volunteer with a local programme every other Saturday and it resets my "
     "sense of what matters."),
    ("What about the book?", "I wrote {book} over two winters, mostly before sunrise. It is "
     "short on purpose: operators do not have time for long books."),
    ("Any advice for new managers?", "Write down what you think will happen before every "
     "big decision, then check it six months later. It is humbling and it makes you better."),
]
NAV = ["Home", "News", "Markets", "Leadership", "Events", "Podcasts", "About us", "Careers",
       "Contact"]
FOOTER = ("© {year} {site}. All rights reserved. Privacy policy | Terms of use | Cookie "
          "settings | Accessibility | Advertise with us | Subscribe to our newsletter for the "
          "week's most important stories, delivered every Friday morning.")


@dataclass(frozen=True)
class Person:
    """A fictional executive and the facts their pages state."""

    given: str
    surname: str
    pron: str  # she / he
    title: str
    company: str
    since: int
    past_title: str
    past_company: str
    past_years: int
    area: str
    school: str
    degree: str
    field: str
    grad_year: int
    board: str
    cause: str
    hobby: str
    hobby_verb: str
    city: str
    spouse: str
    child: str
    book: str

    @property
    def name(self) -> str:
        return f"{self.given} {self.surname}"

    @property
    def slug(self) -> str:
        return f"{self.given}-{self.surname}".lower()

    @property
    def poss(self) -> str:
        return "her" if self.pron == "she" else "his"

    @property
    def Pron(self) -> str:  # noqa: N802 - reads as the capitalized pronoun in templates
        return self.pron.capitalize()


def _person(rng: random.Random, given: str, surname: str, pron: str) -> Person:
    degree, field_ = rng.choice(DEGREES)
    hobby, verb = rng.choice(HOBBIES)
    spouse, child = rng.choice(RELATIVES)
    since = rng.randint(2012, 2024)
    return Person(
        given=given, surname=surname, pron=pron, title=rng.choice(TITLES),
        company=_company(rng), since=since, past_title=rng.choice(PAST_TITLES),
        past_company=_company(rng), past_years=rng.randint(4, 12), area=rng.choice(AREAS),
        school=rng.choice(SCHOOLS), degree=degree, field=field_,
        grad_year=since - rng.randint(12, 25), board=rng.choice(BOARDS),
        cause=rng.choice(CAUSES), hobby=hobby, hobby_verb=verb, city=rng.choice(CITIES),
        spouse=spouse, child=child, book=rng.choice(BOOKS))


def _company(rng: random.Random) -> str:
    return f"{rng.choice(COMPANY_HEADS)} {rng.choice(COMPANY_TAILS)}"


def people(count: int, seed: int = 7) -> list[Person]:
    """`count` distinct fictional executives (distinct surnames while they last)."""
    rng = random.Random(seed)
    out: list[Person] = []
    for i in range(count):
        pron = "she" if i % 2 == 0 else "he"
        given = GIVEN[pron][(i // 2) % len(GIVEN[pron])]
        surname = SURNAMES[i % len(SURNAMES)]
        if i >= len(SURNAMES):  # past the list: double-barrelled, still unique
            surname = f"{surname}-{SURNAMES[(i // len(SURNAMES) * 7) % len(SURNAMES)]}"
        out.append(_person(rng, given, surname, pron))
    return out


def _bystander(rng: random.Random, target: Person) -> Person:
    """Someone else on the target's pages: never the target's given name or surname."""
    while True:
        pron = rng.choice(("she", "he"))
        given, surname = rng.choice(GIVEN[pron]), rng.choice(SURNAMES)
        if surname not in target.surname and given != target.given:
            return _person(rng, given, surname, pron)


# ---------------------------------------------------------------- prose


@dataclass
class Article:
    """Blocks of a page's main text: ("h1"|"h2"|"p"|"li", text) or ("qa", label, text)."""

    blocks: list[tuple[str, ...]] = field(default_factory=list)

    def add(self, kind: str, *parts: str) -> None:
        self.blocks.append((kind, *parts))

    @property
    def words(self) -> int:
        return sum(len(part.split()) for block in self.blocks for part in block[1:])


def _slots(p: Person, rng: random.Random) -> dict[str, object]:
    challenge, challenge2 = rng.sample(CHALLENGES, 2)
    return {"pct": rng.randint(3, 19), "year": rng.randint(2014, 2023),
            "trend": rng.choice(TRENDS), "challenge": challenge, "challenge2": challenge2,
            "metric": rng.choice(METRICS), "n": rng.randint(2, 9), "city": p.city,
            "nth": rng.choice(("third", "fourth", "fifth", "sixth"))}


def industry(p: Person, rng: random.Random, sentences: int = 3) -> str:
    """A paragraph of market talk that names no one."""
    return " ".join(rng.choice(INDUSTRY_LINES).format(**_slots(p, rng))
                    for _ in range(sentences))


def bio(p: Person, rng: random.Random, full: bool = True) -> list[str]:
    """Third-person biography paragraphs, as a leadership or board page writes them."""
    out = [
        f"{p.name} is {p.title} of {p.company}, where {p.pron} has led {p.area} since "
        f"{p.since}. {p.Pron} joined the company after {p.past_years} years at "
        f"{p.past_company}, most recently as {p.past_title}.",
        f"{p.surname} holds a {p.degree} in {p.field} from {p.school}, earned in "
        f"{p.grad_year}. {p.Pron} serves on the board of directors of the {p.board} and "
        f"chairs its finance committee.",
    ]
    if full:
        out += [
            f"Under {p.poss} leadership, {p.company} has {industry_clause(rng)}. Colleagues "
            f"describe a manager who asks for the data first and the opinion second, and who "
            f"spends at least one day a month at a frontline site.",
            f"Outside work, {p.surname} {p.hobby_verb} and volunteers with a local programme "
            f"focused on {p.cause}. {p.Pron} lives in {p.city} with {p.poss} {p.spouse} and "
            f"their {p.child}.",
            f"{p.Pron} is the author of {p.book}, a short book about running operations with "
            f"clear numbers and patient people, and speaks regularly at industry conferences.",
        ]
    return out


def industry_clause(rng: random.Random) -> str:
    return rng.choice([
        "cut its delivery times by a fifth while adding two new regions",
        "rebuilt its planning process around a single weekly forecast",
        "grown revenue every year despite a difficult market",
        "opened three new sites and retired two outdated ones",
        "moved from quarterly to weekly reviews of every major account",
    ])


def quote(other: Person, rng: random.Random) -> str:
    said = rng.choice(("said", "says", "added"))
    return f"\"{rng.choice(OTHER_QUOTES)},\" {said} {other.name}, {other.title} at {other.company}."


def short_bio(other: Person, rng: random.Random) -> list[str]:
    """A bystander's entry on a board, speaker or roundup page."""
    paras = bio(other, rng, full=False)
    paras.append(f"{other.surname} {other.hobby_verb} and supports {other.cause} "
                 f"initiatives in {other.city}. " + industry(other, rng, 1))
    return paras


# ---------------------------------------------------------------- page kinds


def leadership_page(p: Person, rng: random.Random) -> tuple[str, Article]:
    a = Article()
    a.add("h1", p.name)
    a.add("p", f"{p.title}, {p.company}")
    for para in bio(p, rng):
        a.add("p", para)
    a.add("h2", "Other members of the leadership team")
    return f"{p.name} | Leadership | {p.company}", a


def interview_page(p: Person, rng: random.Random) -> tuple[str, Article]:
    a = Article()
    host = _bystander(rng, p)
    a.add("h1", f"Ten questions for {p.name}")
    a.add("p", f"{p.name}, {p.title} of {p.company}, talks to {host.name} about hiring, hard "
               f"calls and life outside work.")
    fill = {"hobby_cap": p.hobby.capitalize(), "board": p.board, "child": p.child,
            "degree": p.degree, "field": p.field, "school": p.school, "cause": p.cause,
            "book": p.book}
    for question, answer in rng.sample(QA, len(QA)):
        a.add("qa", "Q", question)
        a.add("qa", p.surname, answer.format(**fill))
    return f"Ten questions for {p.name} | {rng.choice(HOSTS)}", a


def news_page(p: Person, rng: random.Random) -> tuple[str, Article]:
    a = Article()
    ceo, analyst = _bystander(rng, p), _bystander(rng, p)
    a.add("h1", f"{p.company} raises its outlook as orders recover")
    a.add("p", f"{p.company} raised its full-year forecast on Tuesday after a stronger than "
               f"expected quarter. " + industry(p, rng, 2))
    a.add("p", quote(ceo, rng) + " " + industry(p, rng, 1))
    a.add("p", f"{p.name}, the company's {p.title.lower()}, said the gains came from "
               f"{industry_clause(rng)}. \"We stopped arguing about whose numbers were right "
               f"and started fixing the problems they showed,\" {p.surname} said.")
    a.add("p", f"{p.surname}, who joined {p.company} in {p.since} from {p.past_company}, has "
               f"made {rng.choice(METRICS)} the first item of every operating review.")
    a.add("p", quote(analyst, rng) + " " + industry(p, rng, 2))
    return f"{p.company} raises its outlook | {rng.choice(HOSTS)}", a


def press_release(p: Person, rng: random.Random) -> tuple[str, Article]:
    a = Article()
    hire = _bystander(rng, p)
    a.add("h1", f"{p.company} appoints {hire.name} as {hire.past_title}")
    a.add("p", f"{p.city.upper()}, BUSINESS WIRE -- {p.company} today announced the "
               f"appointment of {hire.name} as {hire.past_title}, effective next month. "
               f"{hire.surname} will report to {p.name}, {p.title}.")
    a.add("p", f"\"{hire.given} brings exactly the experience we need as we grow,\" said "
               f"{p.surname}. \"I have admired {hire.poss} work for years.\"")
    for para in bio(hire, rng, full=False):
        a.add("p", para)
    a.add("h2", f"About {p.company}")
    a.add("p", f"{p.company} serves customers across North America from {rng.randint(8, 40)} "
               f"sites. " + industry(p, rng, 2))
    a.add("h2", "Forward-looking statements")
    a.add("p", "This release contains forward-looking statements within the meaning of the "
               "securities laws, including statements about expected growth, margins and the "
               "timing of new facilities. Words such as expect, plan, believe and estimate "
               "identify such statements. They are based on current assumptions and are "
               "subject to risks and uncertainties, many beyond the company's control, that "
               "could cause actual results to differ materially. The company undertakes no "
               "obligation to update any forward-looking statement.")
    return f"{p.company} appoints {hire.name} | Press release", a


def _list_page(p: Person, rng: random.Random, heading: str, entries: int,
               target_at: int) -> Article:
    a = Article()
    a.add("h1", heading)
    a.add("p", industry(p, rng, 2))
    for i in range(entries):
        person = p if i == target_at else _bystander(rng, p)
        a.add("h2", person.name)
        a.add("p", f"{person.title}, {person.company}")
        paras = bio(person, rng, full=False) if person is p else short_bio(person, rng)
        for para in paras:
            a.add("p", para)
    return a


def speakers_page(p: Person, rng: random.Random) -> tuple[str, Article]:
    a = _list_page(p, rng, "Speakers | Operations Leadership Summit", 9, rng.randint(0, 8))
    return "Speakers | Operations Leadership Summit 2025", a


def board_page(p: Person, rng: random.Random) -> tuple[str, Article]:
    a = _list_page(p, rng, f"Board of Directors | {p.board}", 9, rng.randint(0, 8))
    return f"Board of Directors | {p.board}", a


def roundup_page(p: Person, rng: random.Random) -> tuple[str, Article]:
    a = _list_page(p, rng, "Ten operations leaders to watch", 10, rng.randint(0, 9))
    return f"Ten operations leaders to watch | {rng.choice(HOSTS)}", a


def podcast_page(p: Person, rng: random.Random) -> tuple[str, Article]:
    a = Article()
    host = _bystander(rng, p)
    a.add("h1", f"Episode {rng.randint(40, 240)}: {p.name} on patient operations")
    a.add("p", f"This week {host.name} talks with {p.name}, {p.title} of {p.company}, about "
               f"{p.poss} book {p.book}, about {p.cause}, and about {p.hobby}.")
    a.add("h2", "Transcript")
    fill = {"hobby_cap": p.hobby.capitalize(), "board": p.board, "child": p.child,
            "degree": p.degree, "field": p.field, "school": p.school, "cause": p.cause,
            "book": p.book}
    for question, answer in rng.sample(QA, len(QA)):
        a.add("qa", host.given, question + " " + industry(p, rng, 1))
        a.add("qa", p.given, answer.format(**fill))
    return f"Episode: {p.name} | The Operators Podcast", a


def alumni_page(p: Person, rng: random.Random) -> tuple[str, Article]:
    a = Article()
    prof = _bystander(rng, p)
    a.add("h1", f"Alumni spotlight: {p.name}")
    a.add("p", f"When {p.given} {p.surname} arrived at {p.school}, {p.pron} planned to "
               f"study something else entirely. {p.Pron} graduated in {p.grad_year} with a "
               f"{p.degree} in {p.field}.")
    a.add("p", f"\"{p.given} was the student who asked what the model was for before asking "
               f"how it worked,\" recalls {prof.name}, who taught {p.poss} first operations "
               f"course.")
    for para in bio(p, rng)[2:]:
        a.add("p", para)
    a.add("p", short_bio(prof, rng)[0])
    return f"Alumni spotlight: {p.name} | {p.school} Magazine", a


def community_page(p: Person, rng: random.Random) -> tuple[str, Article]:
    a = Article()
    chair, volunteer = _bystander(rng, p), _bystander(rng, p)
    a.add("h1", f"{p.board} gala raises record sum")
    a.add("p", f"The {p.board} held its annual gala on Saturday in {p.city}, raising more "
               f"than ${rng.randint(2, 9)}00,000 for its programmes.")
    a.add("p", quote(chair, rng) + f" {chair.surname} has chaired the group since "
               f"{chair.since}.")
    a.add("p", f"{p.name}, who sits on the board and {p.hobby_verb}, opened the evening with "
               f"a short speech about {p.cause}.")
    a.add("p", quote(volunteer, rng) + " " + short_bio(volunteer, rng)[-1])
    return f"{p.board} gala raises record sum | The Lakeside Courier", a


PAGE_KINDS: dict[str, Callable[[Person, random.Random], tuple[str, Article]]] = {
    "leadership": leadership_page, "interview": interview_page, "news": news_page,
    "press": press_release, "speakers": speakers_page, "board": board_page,
    "podcast": podcast_page, "alumni": alumni_page, "community": community_page,
    "roundup": roundup_page,
}


def _grow(a: Article, p: Person, rng: random.Random, words: int, kind: str) -> None:
    """Add the prose the page kind would carry until the article has about `words` words."""
    while a.words < words:
        if kind in ("speakers", "board", "roundup", "leadership"):
            other = _bystander(rng, p)
            a.add("h2", other.name)
            for para in short_bio(other, rng):
                a.add("p", para)
        elif kind in ("interview", "podcast"):
            a.add("qa", "Q", "And what about the wider industry?")
            a.add("qa", p.surname if kind == "interview" else p.given,
                  "I think about it this way. " + industry(p, rng, 3))
        else:
            a.add("p", industry(p, rng, 3) if rng.random() < 0.6 else
                  quote(_bystander(rng, p), rng) + " " + industry(p, rng, 2))


# ---------------------------------------------------------------- HTML


def render_html(title: str, a: Article, site: str, related: list[str], year: int) -> str:
    """A whole page: head, navigation, the article, related stories, footer."""
    esc = html.escape
    nav = " ".join(f'<a href="/{w.lower().replace(" ", "-")}/">{esc(w)}</a>' for w in NAV)
    body = []
    for block in a.blocks:
        kind = block[0]
        if kind == "qa":
            body.append(f"<p><strong>{esc(block[1])}:</strong> {esc(block[2])}</p>")
        elif kind == "li":
            body.append(f"<li>{esc(block[1])}</li>")
        else:
            body.append(f"<{kind}>{esc(block[1])}</{kind}>")
    links = "".join(f'<li><a href="/story/{i}/">{esc(r)}</a></li>' for i, r in enumerate(related))
    ld = json.dumps({"@context": "https://schema.org", "@type": "WebPage", "name": title})
    footer = esc(FOOTER.format(year=year, site=site))
    return (f'<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>{esc(title)}'
            f'</title><script type="application/ld+json">{ld}</script></head><body>'
            f'<header><nav>{nav}</nav><form><input name="q" placeholder="Search"></form>'
            f'</header><main><article>{"".join(body)}</article>'
            f'<aside><h3>Related stories</h3><ul>{links}</ul></aside></main>'
            f"<footer><p>{footer}</p></footer></body></html>")


@dataclass(frozen=True)
class GeneratedPage:
    target: Person
    kind: str
    path: str  # /<kind>/<slug>.html
    body: bytes
    words: int  # of the article


def pages_of(p: Person, pages: int, words: int, seed: int) -> Iterator[GeneratedPage]:
    """The target's `pages` pages, kinds in a fixed order (repeated past ten)."""
    kinds = list(PAGE_KINDS)
    for j in range(pages):
        kind = kinds[j % len(kinds)]
        rng = random.Random(f"{seed}:{p.slug}:{j}")
        title, article = PAGE_KINDS[kind](p, rng)
        _grow(article, p, rng, words, kind)
        related = [f"{_bystander(rng, p).name} on {rng.choice(CHALLENGES)}" for _ in range(5)]
        html_text = render_html(title, article, rng.choice(HOSTS), related, 2025)
        suffix = f"-{j // len(kinds)}" if j >= len(kinds) else ""
        yield GeneratedPage(p, kind, f"/{kind}/{p.slug}{suffix}.html",
                            html_text.encode("utf-8"), article.words)
