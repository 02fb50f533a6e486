"""Hook ranking, offers and their Markdown, on crafted facts with the real spaCy model."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import numpy as np
import pytest
import spacy

from dossier import hooks
from dossier.errors import ConfigError
from dossier.lexicons import load_lexicons
from dossier.models import Dossier, Evidence, Fact, Hook, Target
from dossier.pipeline import Engine
from dossier.profile import Profile
from dossier.render import to_markdown

URL = "https://example.org/bio"
YEAR = 2026


def fact(category: str, fid: str, quote: str = "", url: str = URL, **fields: object) -> Fact:
    return Fact(category, dict(fields), (Evidence(url, quote or f"About {fid}."),), 0.8, fid)


def rank(engine: Engine, facts: list[Fact], *priorities: str,
         topics: hooks.Topics | None = None) -> list[Hook]:
    return hooks.rank(facts, Profile(priorities=priorities), topics or engine.topics,
                      engine.nlp, per_priority=3, this_year=YEAR)


def ids(found: list[Hook], priority: str) -> list[str]:
    return [h.fact_id for h in found if h.priority == priority]


# ---------------------------------------------------------------- ranking


def test_a_named_dated_fact_outranks_a_generic_phrase(engine: Engine) -> None:
    facts = [
        fact("activity", "generic", "She enjoys public speaking.", name="public speaking"),
        fact("association", "named", "In 2019 she joined Riverside Toastmasters.",
             org="Riverside Toastmasters"),
    ]
    found = rank(engine, facts, "public speaking")
    assert ids(found, "public speaking") == ["named", "generic"]
    named, generic = found
    assert named.components["relevance"] == generic.components["relevance"] == 1.0
    assert named.components["specificity"] > generic.components["specificity"]


def test_the_topic_lexicon_finds_a_match_with_no_shared_word(engine: Engine) -> None:
    facts = [fact("cause", "gala", "She co-chaired the Spark Gala for Breakthrough.",
                  name="Spark Gala"),
             fact("role", "cfo", "She was CFO of Ledgerline.", title="CFO", org="Ledgerline")]
    found = rank(engine, facts, "fundraising")
    assert ids(found, "fundraising") == ["gala"]
    assert "“gala”" in found[0].rationale


def test_no_hook_for_a_priority_with_nothing_related(engine: Engine) -> None:
    facts = [fact("role", "coo", "She is chief operating officer of Carrow & Pike Logistics.",
                  title="Chief Operating Officer", org="Carrow & Pike Logistics", current=True),
             fact("board", "bank", "She sits on the board of Northfield Bank.",
                  org="Northfield Bank", kind="corporate")]
    assert rank(engine, facts, "beekeeping", "competitive chess") == []


def test_lemmas_match_other_word_forms(engine: Engine) -> None:
    facts = [fact("association", "boards", "He chairs the Boards Institute.",
                  org="National Boards Institute")]
    assert ids(rank(engine, facts, "serving on a board"), "serving on a board") == ["boards"]


def test_a_user_topic_file_extends_the_lexicon(engine: Engine, tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text("topics:\n  beekeeping: [apiary, hive, honey bees]\n", "utf-8")
    facts = [fact("association", "bees", "He keeps hives with the Hudson Valley Apiary Society.",
                  org="Hudson Valley Apiary Society")]
    assert rank(engine, facts, "beekeeping") == []
    found = rank(engine, facts, "beekeeping", topics=hooks.load_topics(extra))
    assert ids(found, "beekeeping") == ["bees"]
    load_lexicons(extra)  # the same --lexicon file is accepted by the extraction lexicons


def test_a_bad_topic_file_is_a_one_line_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("topics:\n  beekeeping: {apiary: 1}\n", "utf-8")
    with pytest.raises(ConfigError, match=r"bad\.yaml: topics\.beekeeping"):
        hooks.load_topics(bad)


def test_a_term_near_another_name_in_the_sentence_is_that_facts(engine: Engine) -> None:
    # issue 14: the words beside another fact's name are that fact's; the coffee roaster is no
    # hook for food insecurity (it was one at QUOTE_FAR before)
    sentence = ("She serves as treasurer of the board of Harbor Table Food Bank, and is an "
                "independent director of Salish Coffee Roasters.")
    facts = [fact("board", "bank", sentence, org="Harbor Table Food Bank", kind="nonprofit"),
             fact("board", "coffee", sentence, org="Salish Coffee Roasters", kind="corporate")]
    found = rank(engine, facts, "fighting food insecurity")
    assert ids(found, "fighting food insecurity") == ["bank"]
    # far from every name, a term still counts QUOTE_FAR
    far = fact("board", "far", "Salish Coffee Roasters, where she is an independent director, "
               "gives its unsold beans each week to people facing food insecurity.",
               org="Salish Coffee Roasters", kind="corporate")
    assert rank(engine, [far], "food insecurity")[0].components["relevance"] == hooks.QUOTE_FAR


def test_a_term_beside_the_title_in_the_sentence_counts_more(engine: Engine) -> None:
    facts = [
        fact("role", "gm", "At Ledgerline he first served as general manager of small business "
             "payments.", title="General manager", org="Ledgerline"),
        fact("role", "cfo", "He became CFO after years in small business payments and other "
             "lines at Ledgerline, reporting to the board.", title="Chief financial officer",
             org="Ledgerline Group"),
    ]
    found = rank(engine, facts, "B2B payments")
    assert ids(found, "B2B payments") == ["gm", "cfo"]
    assert found[0].components["relevance"] > found[1].components["relevance"]


def test_a_date_range_or_stop_words_do_not_part_a_term_from_the_title(engine: Engine) -> None:
    dated = fact("role", "dated", "She held several posts at Norvane Labs from 2011 to 2015, "
                 "including work on patents.", title="Several posts", org="Norvane Labs")
    wordy = fact("role", "wordy", "She held several posts at Norvane Labs, where colleagues "
                 "later remembered her quiet humour and her patents.",
                 title="Several posts", org="Norvane Labs")
    assert rank(engine, [dated], "patents")[0].components["relevance"] == hooks.QUOTE_NEAR
    assert rank(engine, [wordy], "patents")[0].components["relevance"] == hooks.QUOTE_FAR


def test_a_rare_part_of_the_priority_weighs_more_than_a_common_one(engine: Engine) -> None:
    boards = [fact("board", f"b{i}", f"She serves on the board of {org}.", org=org,
                   kind="nonprofit") for i, org in enumerate(
                       ("Philadelphia Education Fund", "Charter Schools Alliance", "City Museum"))]
    gala = fact("cause", "gala", "Breakthrough's Spark Gala raised $1.3 million.",
                name="Spark Gala")
    found = rank(engine, [*boards, gala], "nonprofit fundraising")
    assert ids(found, "nonprofit fundraising")[0] == "gala"


def test_a_generic_word_does_not_lead_a_priority(engine: Engine) -> None:
    # "data leadership": "data" is specific, "leadership" fits every executive, so the guild
    # leads even though the current, dated, twice-reported role has the larger bonuses.
    role = Fact("role", {"title": "Chief Executive", "org": "Fairbrook", "start": 2020,
                         "current": True},
                (Evidence(URL, "She is chief executive of Fairbrook."),
                 Evidence("https://example.org/news", "Fairbrook's chief executive spoke.")),
                0.9, "ceo")
    guild = fact("association", "guild", "She is a member of the Seattle Analytics Guild.",
                 org="Seattle Analytics Guild")
    lead = Fact("role", {"title": "Head of Leadership Programs", "org": "Fairbrook",
                         "start": 2020, "current": True},
                (Evidence(URL, "She is head of leadership programs at Fairbrook."),
                 Evidence("https://example.org/news", "Fairbrook's head of leadership spoke.")),
                0.9, "lead")
    assert ids(rank(engine, [role, guild, lead], "data leadership"), "data leadership") == [
        "guild", "lead"]
    # the chief executive shows only the generic part, and only through a lexicon term
    # ("chief executive" for "leadership"), which fits most executives: no hook on its own


def test_a_part_many_facts_show_still_ties_each_of_them(engine: Engine) -> None:
    # every role shows "chemicals" of "specialty chemicals pricing": rarity weights order
    # them, but each still shows a third of the priority, as it would alone
    roles = [fact("role", f"r{i}", f"She was vice president of {org}.",
                  title="Vice President", org=org, start=2000 + i)
             for i, org in enumerate(("Ridge Chemicals", "Harbor Chemicals", "Lake Chemicals"))]
    found = rank(engine, roles, "specialty chemicals pricing")
    assert len(found) == 3
    assert all(h.components["relevance"] < hooks.MIN_COVERAGE <= h.components["coverage"]
               for h in found)
    alone = rank(engine, roles[:1], "specialty chemicals pricing")
    assert alone and alone[0].components["coverage"] == found[0].components["coverage"]


def test_a_board_fact_shows_the_word_board_without_saying_it(engine: Engine) -> None:
    seat = fact("board", "seat", "Ridgeway Foods (2018 to present)",
                org="Ridgeway Foods", kind="corporate")
    sales = fact("role", "sales", "She is director of sales at Ridgeway Foods.",
                 title="Director of Sales", org="Ridgeway Foods")
    found = rank(engine, [seat, sales], "corporate board seat")
    assert ids(found, "corporate board seat") == ["seat"]
    assert "it is a seat on a board" in found[0].rationale
    # where its fields say it too, the reason names their word
    nonprofit = fact("board", "np", "Trustee, Harbor Food Bank", org="Harbor Food Bank",
                     kind="nonprofit", position="trustee")
    [hook] = rank(engine, [nonprofit], "nonprofit boards")
    assert "it is a seat on a board" not in hook.rationale and "“trustee”" in hook.rationale


def test_an_ampersand_is_and_and_a_filler_word_is_no_term(engine: Engine) -> None:
    club = fact("board", "club", "She is on the board of the Boys and Girls Club of Tacoma.",
                org="Boys and Girls Club of Tacoma", kind="nonprofit", position="director")
    # topics.yaml says "boys & girls clubs" for youth
    assert ids(rank(engine, [club], "youth"), "youth") == ["club"]
    clo = fact("role", "clo", "He is chief learning officer of Deloitte.",
               title="Chief Learning Officer", org="Deloitte")
    # "learning" is a term of "teaching" but says how, not what, as it does in a priority
    assert rank(engine, [clo], "teaching") == []


def test_a_generic_part_shown_only_by_a_lexicon_term_is_no_tie(engine: Engine) -> None:
    ceo = fact("role", "ceo", "She is chief executive of Fairbrook.", title="Chief Executive",
               org="Fairbrook")
    found = rank(engine, [ceo], "data leadership")
    assert found == []
    assert ids(rank(engine, [ceo], "leadership"), "leadership") == ["ceo"]  # the whole priority


def test_family_is_never_a_hook(engine: Engine) -> None:
    facts = [fact("family", "son", "Her son Desmond is a freshman studying finance.",
                  relation="son", detail="Desmond, a freshman studying finance")]
    assert rank(engine, facts, "finance") == []


def test_hooks_are_explained_and_name_their_fact(engine: Engine) -> None:
    facts = [fact("work", "book", "His book Print Run came out in 2024.", url="https://ex.org/b",
                  title="Print Run", kind="book"),
             fact("role", "editor", "He was managing editor of the Providence Beacon.",
                  title="Managing Editor", org="Providence Beacon", start=2009, end=2015)]
    found = rank(engine, facts, "writing a nonfiction book", "newsroom leadership")
    assert {h.priority for h in found} == {"writing a nonfiction book", "newsroom leadership"}
    for hook in found:
        name = next(f for f in facts if f.id == hook.fact_id).key
        assert name in hook.opener and name in hook.rationale
        assert "None" not in hook.opener + hook.rationale and "{" not in hook.opener
        assert hook.rationale.endswith(".") and hook.rationale.count(". ") == 0
        assert set(hook.components) == {"relevance", "specificity", "shared_activity",
                                        "recency", "corroboration", "wording", "coverage"}
        assert hook.components["coverage"] >= hooks.MIN_COVERAGE
        assert hook.score == pytest.approx(hooks.total(hook.components))
        assert hook.url in {e.url for f in facts for e in f.evidence}


def test_word_vectors_add_similarity_only_when_the_model_has_them() -> None:
    nlp = spacy.blank("en")
    vectors = {"oratory": [1.0, 0.0, 0.0], "public": [0.8, 0.3, 0.0],
               "speaking": [1.0, 0.1, 0.0], "logistics": [0.0, 0.0, 1.0]}
    for word, vector in vectors.items():
        nlp.vocab.set_vector(word, np.asarray(vector, dtype="float32"))  # type: ignore[arg-type]
    topics = hooks.Topics(topics={})
    facts = [fact("activity", "talks", "He enjoys public speaking.", name="public speaking"),
             fact("role", "ops", "He runs logistics.", title="VP", org="logistics")]
    found = hooks.rank(facts, Profile(priorities=("oratory",)), topics, nlp, this_year=YEAR)
    assert [h.fact_id for h in found] == ["talks"]
    assert found[0].components["similarity"] > 0


# ---------------------------------------------------------------- offers


def test_offers_answer_facts_from_the_profile(engine: Engine) -> None:
    facts = [
        fact("work", "book", "Her book Every Seat Filled came out this spring.",
             title="Every Seat Filled", kind="book"),
        fact("family", "son", "Her son Desmond is a freshman at Howard University.",
             relation="son", detail="Desmond, a freshman at Howard University"),
        fact("cause", "walk", "Every September she walks in NAMIWalks Minnesota.",
             name="NAMIWalks Minnesota", involvement="walks"),
        fact("role", "ceo", "She is chief executive of Northgate Academies.",
             title="Chief Executive", org="Northgate Academies", current=True),
    ]
    profile = Profile(skills=("data analysis",), contacts=("podcast hosts",
                                                           "university career office"),
                      perspectives=("Gen Z consumer trends",), interests=("walking",))
    found = hooks.offers(facts, profile, engine.topics, engine.nlp)
    by_kind = {o.kind: o for o in found}
    assert by_kind["your contacts"].fact_id == "book"
    assert "podcast hosts" in by_kind["your contacts"].text
    assert by_kind["help someone they care about"].fact_id == "son"
    assert "university career office" in by_kind["help someone they care about"].text
    assert by_kind["hands-on help"].fact_id == "walk"
    assert "data analysis" in by_kind["hands-on help"].text
    assert by_kind["join their cause"].fact_id == "walk"
    assert by_kind["your perspective"].fact_id == "ceo"
    assert all(o.fact_id in {f.id for f in facts} for o in found)


def test_join_offers_put_shared_interests_first(engine: Engine) -> None:
    causes = [fact("cause", f"c{i}", f"She walks in the {name} every spring.", name=name)
              for i, name in enumerate(("Hunger Walk", "Heart Walk", "Lupus Walk"))]
    ride = fact("activity", "ride", "She rides with the Lakefront Wheelers on Sundays.",
                name="cycling")
    found = hooks.offers([*causes, ride], Profile(interests=("cycling",)), engine.topics,
                         engine.nlp)
    joins = [o for o in found if o.kind == "join their cause"]
    assert joins[0].fact_id == "ride" and "interest in cycling" in joins[0].text
    assert len(joins) == hooks.MAX_PER_KIND


def test_no_contacts_no_contact_offers(engine: Engine) -> None:
    facts = [fact("work", "pod", "He hosts the podcast Low Tide.", title="Low Tide",
                  kind="podcast")]
    found = hooks.offers(facts, Profile(), engine.topics, engine.nlp)
    assert not [o for o in found if o.kind == "your contacts"]


# ---------------------------------------------------------------- Markdown


def sample_dossier(engine: Engine) -> Dossier:
    facts = (
        fact("role", "f1", "She has been COO of Carrow & Pike Logistics since 2021.",
             title="Chief Operating Officer", org="Carrow & Pike Logistics", start=2021,
             current=True),
        fact("role", "f2", "She was Director: Supply Chain #1 at Tristate.", title="Director",
             org="Tristate: Cold Chain #1", start=2014, end=2018),
        fact("association", "f3", "In 2010 she joined Riverside Toastmasters, a lunchtime club.",
             org="Riverside Toastmasters"),
        fact("cause", "f4", "She runs the St. Jude Memphis Marathon every year.",
             name="St. Jude Memphis Marathon"),
    )
    priorities = ("public speaking", "supply chain analytics", "beekeeping")
    found = hooks.rank(facts, Profile(priorities=priorities), engine.topics, engine.nlp)
    offered = hooks.offers(facts, Profile(), engine.topics, engine.nlp)
    return Dossier(Target("Adaeze Nwosu"), priorities, (), facts, tuple(found), tuple(offered))


def test_markdown_leads_with_hooks_and_explains_on_request(engine: Engine) -> None:
    dossier = sample_dossier(engine)
    plain, explained = to_markdown(dossier), to_markdown(dossier, explain=True)
    assert plain.index("## Hooks") < plain.index("## Career")
    assert "Score parts" not in plain
    assert "Score parts: relevance 1.00 · specificity" in explained
    speaking = plain.split("### public speaking")[1].split("###")[0]
    assert "Riverside Toastmasters" in speaking and "**Next step:**" in speaking
    assert "Go to one Riverside Toastmasters meeting" in speaking
    beekeeping = plain.split("### beekeeping")[1].split("##")[0]
    assert "Nothing on the pages ties to this priority" in beekeeping


def test_markdown_offers_and_shared_activities(engine: Engine) -> None:
    markdown = to_markdown(sample_dossier(engine))
    offers = markdown.split("## What you could offer")[1].split("\n## ")[0]
    assert "St. Jude Memphis Marathon" in offers and "answers:" in offers
    shared = markdown.split("## Shared activities you could join")[1].split("\n## ")[0]
    assert "**Riverside Toastmasters** (association" in shared
    assert "a lunchtime club" in shared  # what the page said


def test_the_hook_shows_a_sentence_that_names_the_fact(engine: Engine) -> None:
    role = Fact("role", {"title": "Chief Operating Officer", "org": "Halvorsen Freight",
                         "current": True},
                (Evidence(URL, "schema.org Person: Renata; jobTitle"),
                 Evidence(URL, "Renata is chief operating officer of Halvorsen Freight."),
                 Evidence("https://example.org/news", "The walk was co-chaired by the chief "
                          "operating officer of Halvorsen Freight and a pastor.")), 0.9, "f1")
    found = hooks.rank([role], Profile(priorities=("logistics",)), engine.topics, engine.nlp)
    dossier = Dossier(Target("Renata"), ("logistics",), (), (role,), tuple(found))
    hook_md = to_markdown(dossier).split("### logistics")[1]
    assert "Evidence: “Renata is chief operating officer of Halvorsen Freight.”" in hook_md


def test_career_gantt_is_valid_mermaid(engine: Engine) -> None:
    markdown = to_markdown(sample_dossier(engine))
    block = markdown.split("```mermaid\n")[1].split("```")[0]
    lines = block.strip().splitlines()
    assert lines[0] == "gantt" and "    dateFormat YYYY" in lines
    tasks = [line for line in lines if " : " in line]
    assert tasks[0].startswith("    Director at Tristate Cold Chain 1 : 2014, 2018")
    assert tasks[1].endswith(f": active, 2021, {max(2022, date.today().year)}")
    for task in tasks:
        label = task.split(" : ")[0]
        assert not set(label) & set(":;#")


def test_spans_find_every_run_of_the_terms_tokens() -> None:
    f = frozenset
    text = (f({"food"}), f({"banks", "bank"}), f({"food"}), f({"bank"}), f({"board"}))
    assert hooks.spans(text, (f({"food"}), f({"bank"}))) == [(0, 2), (2, 4)]
    assert hooks.spans(text, (f({"bank", "banks"}),)) == [(1, 2), (3, 4)]
    assert hooks.spans(text, (f({"bank"}), f({"board"}))) == [(3, 5)]
    assert hooks.spans(text, (f({"board"}), f({"food"}))) == []
    assert hooks.spans(text, ()) == [] and hooks.spans((), (f({"food"}),)) == []


# ---------------------------------------------------------------- issue 14: matching and wording


def test_compounds_and_hyphens_match_across_spellings(engine: Engine) -> None:
    facts = [fact("role", "delta", "She was CFO of Delta Air Lines.", title="CFO",
                  org="Delta Air Lines"),
             fact("role", "nike", "She ran e-commerce for Nike.", title="VP, E-Commerce",
                  org="Nike")]
    assert ids(rank(engine, facts, "airline industry"), "airline industry") == ["delta"]
    assert ids(rank(engine, facts, "ecommerce"), "ecommerce") == ["nike"]


def test_a_phrase_shown_in_part_counts_only_where_its_word_stands_free(engine: Engine) -> None:
    facts = [fact("role", "packaging", "She ran glass packaging sales at Owens-Illinois.",
                  title="Head of Glass Packaging", org="Owens-Illinois"),
             fact("role", "school", "He founded the Pilchuck Glass School in 1971.",
                  title="Founder", org="Pilchuck Glass School", start=1971),
             fact("role", "invests", "He led Northwind, which invests seed money in glass.",
                  title="Partner", org="Northwind")]
    # "glass" beside "packaging" names another thing; beside "School" it is still glass
    assert ids(rank(engine, facts[:2], "glass art"), "glass art") == ["school"]
    analyzer = hooks.analyzer_for(engine.nlp)
    words = hooks.PriorityWords.of("glass art", engine.topics, analyzer)
    title = analyzer.tokens("Head of Glass Packaging")
    assert not words.free(title, (2, 3), analyzer.tokens("glass"))
    # a verb and its object are not a compound: "invests seed money"
    sentence = analyzer.tokens("He led Northwind, which invests seed money in glass.")
    at = hooks.spans(sentence, analyzer.tokens("invest"))[0]
    assert words.free(sentence, at, analyzer.tokens("invest"))


def test_a_modifier_alone_must_modify_something_in_the_fact_too(engine: Engine) -> None:
    facts = [fact("role", "ceramics", "She ran the tableware business at Lenox.",
                  title="VP, Ceramics and Glass", org="Lenox"),
             fact("association", "museum", "He is a trustee of the Museum of Glass.",
                  org="Museum of Glass", position="Trustee"),
             fact("role", "officer", "She is Chief Glass Officer at Vitrum.",
                  title="Chief Glass Officer", org="Vitrum"),
             fact("role", "brand", "He ran retail stores for Glass in Europe.",
                  title="Director of Retail", org="Glass")]
    # "glass" of "glass art" heads a phrase of its own in the title: another thing; in an
    # organization's name it is what the organization is about, unless it is the whole name
    # (a name, not a description); before "Officer" it modifies
    assert sorted(ids(rank(engine, facts, "glass art"), "glass art")) == ["museum", "officer"]
    # with a generic head ("industry") the modifier is the topic itself
    assert "ceramics" in ids(rank(engine, facts, "glass industry"), "glass industry")
    analyzer = hooks.analyzer_for(engine.nlp)
    words = hooks.PriorityWords.of("glass art", engine.topics, analyzer)
    title, glass = analyzer.tokens("VP, Ceramics and Glass"), analyzer.tokens("glass")
    assert words.free(title, (3, 4), glass) and not words.modifies(title, (3, 4), glass)


def test_a_sentence_that_repeats_the_title_does_not_make_a_modifier_modify(
        engine: Engine) -> None:
    facts = [fact("role", "title", "She was head of glass and ceramics at Lenox.",
                  title="Head of Glass and Ceramics", org="Lenox"),
             fact("role", "quote", "She ran the glass studio program at Corning.",
                  title="Program Director", org="Corning")]
    # in the title "glass" heads a phrase of its own; the sentence only repeats the title,
    # while a sentence alone may use the word more loosely ("the glass studio program")
    assert ids(rank(engine, facts, "glass art"), "glass art") == ["quote"]


def test_a_school_is_no_tie_for_a_degree_taken_there(engine: Engine) -> None:
    facts = [fact("education", "degree", "She holds a BA from Northfield University.",
                  institution="Northfield University", degree="BA"),
             fact("role", "job", "She was a dean at Westbrook College.",
                  title="Dean of Students", org="Westbrook College")]
    # every degree is from a school: "university", a topic term for teaching, says nothing
    # about this one; working at a college does
    assert ids(rank(engine, facts, "teaching"), "teaching") == ["job"]


def test_a_verb_of_the_priority_is_not_shown_by_the_bare_noun(engine: Engine) -> None:
    facts = [fact("role", "maker", "He was CFO of Sketchworks, the sketch pad maker.",
                  title="CFO", org="Sketchworks"),
             fact("role", "named", "She was CFO of Sketch Industries.", title="CFO",
                  org="Sketch Industries"),
             fact("activity", "doing", "He sketches street scenes every weekend.",
                  name="urban sketching", detail="sketches street scenes"),
             fact("cause", "who", "She mentors with Girls Who Sketch.", name="Girls Who Sketch")]
    # "sketch" is what they learn to do: a sketch pad or a name's noun is a thing, not the doing
    assert sorted(ids(rank(engine, facts, "learning to sketch"), "learning to sketch")) == [
        "doing", "who"]
    # a priority that names the thing itself still ties to it
    assert "maker" in ids(rank(engine, facts, "sketch pads"), "sketch pads")
    analyzer = hooks.analyzer_for(engine.nlp)
    words = hooks.PriorityWords.of("learning to sketch", engine.topics, analyzer)
    sentence = analyzer.tokens("He was CFO of Sketchworks, the sketch pad maker.")
    at = hooks.spans(sentence, analyzer.tokens("sketch"))[0]
    assert words.thing_for_deed(sentence, at) and not words.sensed(sentence, at,
                                                                   analyzer.tokens("sketch"))
    # the bare noun that is all a position says, or comes before "of", is the doer
    clubs = [fact("association", "coach", "He is the coach of Harbor Rowing Club.",
                  org="Harbor Rowing Club", position="coach"),
             fact("role", "brand", "She was CFO of Coach, the handbag maker.", title="CFO",
                  org="Coach")]
    assert ids(rank(engine, clubs, "learning to coach"), "learning to coach") == ["coach"]


def test_a_priority_written_in_ing_is_shown_by_that_word_not_its_plural(engine: Engine) -> None:
    facts = [fact("role", "desk", "He ran the lobbying desk at Marlow Strategies.",
                  title="Head of Lobbying", org="Marlow Strategies"),
             fact("role", "hotel", "She ran the lobby bar at the Grand Orme Hotel.",
                  title="Lobby Bar Manager", org="Grand Orme Hotel")]
    # the word as written, not only its shorter form ("lobby"), which names the hotel's hall
    assert ids(rank(engine, facts, "lobbying"), "lobbying") == ["desk"]
    stores = [fact("role", "openings", "She directed new store openings for Calder Books.",
                   title="Director of New Store Openings", org="Calder Books")]
    assert not rank(engine, stores, "opening a bakery")  # the plural is a thing: an opening


def test_a_word_the_priority_writes_as_a_name_is_not_the_common_noun(engine: Engine) -> None:
    facts = [fact("activity", "pet", "She keeps a pet cobra.", name="snake keeping",
                  detail="keeps a cobra"),
             fact("work", "book", "He wrote Cobra for Analysts.", title="Cobra for Analysts",
                  kind="book"),
             fact("cause", "cause", "She backs the project.", name="Cobra")]
    # "Cobra" among words in lower case is a name (of a tool, a language): not "a cobra"; a
    # field that is the name alone keeps its capital though the term "cobra" is read too
    assert sorted(ids(rank(engine, facts, "learning Cobra"), "learning Cobra")) == ["book",
                                                                                    "cause"]
    # all capitalized, or capitalized first, the capitals say nothing
    assert sorted(ids(rank(engine, facts, "Cobra"), "Cobra")) == ["book", "cause", "pet"]
    assert "pet" in ids(rank(engine, facts, "Cobra Keeping"), "Cobra Keeping")


def test_a_topic_term_that_is_part_of_the_phrase_must_stand_free(engine: Engine,
                                                                 tmp_path: Path) -> None:
    extra = tmp_path / "mine.yaml"
    extra.write_text("topics:\n  glass art: [glass, glassblowing, studio glass]\n", "utf-8")
    topics = hooks.load_topics(extra)
    facts = [fact("role", "packaging", "She ran glass packaging sales at Owens-Illinois.",
                  title="Head of Glass Packaging", org="Owens-Illinois"),
             fact("activity", "blowing", "He blows glass in a studio in Tacoma.", name="glass",
                  detail="blows glass in a Tacoma studio")]
    found = rank(engine, facts, "glass art", topics=topics)
    assert ids(found, "glass art") == ["blowing"]
    assert found[0].components["wording"] == hooks.OTHER_WORDS  # "glass" is half the phrase


def test_a_stem_drops_a_silent_e_and_labels_stay_words(engine: Engine) -> None:
    assert hooks.stem("restore") == hooks.stem("restoration") == "restor"
    assert hooks.stem("speechwrite") == hooks.stem("speechwriter")
    assert hooks.stem("free") == "free" and hooks.stem("tree") == "tree"
    parts = hooks.concepts("airline industry", engine.topics, hooks.analyzer_for(engine.nlp))
    assert [p.label for p in parts if p.head is False] == ["airline"]
    assert {p.phrase for p in parts} == {0}


def test_the_priority_in_its_own_words_comes_first_and_the_opener_says_what_they_did(
        engine: Engine) -> None:
    facts = [fact("role", "coo", "She has been COO of Halvorsen Freight Systems since 2019.",
                  title="Chief Operating Officer", org="Halvorsen Freight Systems", start=2019,
                  current=True),
             fact("role", "analyst", "She began as a supply chain analyst at Brightline, "
                  "building demand forecasts for retail and grocery clients.",
                  title="Supply chain analyst", org="Brightline", start=2005, end=2012)]
    found = rank(engine, facts, "supply chain analytics")
    assert ids(found, "supply chain analytics") == ["analyst", "coo"]
    first, second = found
    assert first.components["wording"] == 1.0 and second.components["wording"] < 1.0
    assert second.components["relevance"] == first.components["relevance"]  # ties alike
    assert "its title says “Supply chain analyst”" in first.rationale
    assert "name says “freight”, which the topic list ties to" in second.rationale
    assert ", building demand forecasts for retail and grocery clients, what did it" in \
        first.opener


def test_an_opener_says_what_they_do_there_to_them() -> None:
    group = Fact("association", {"org": "Women in Logistics Network", "position": "member"},
                 (Evidence(URL, "She is a member of the Women in Logistics Network, where she "
                           "chairs the mentoring committee."),), 0.8, "wiln")
    assert hooks.opener(group, "supply chain analytics") == (
        "What drew you to Women in Logistics Network, where you chair the mentoring committee, "
        "and where would someone who cares about supply chain analytics start there?")
    assert [hooks._to_you(v) for v in ("led", "chairs", "teaches", "carries", "has")] == [
        "led", "chair", "teach", "carry", None]
    bare = Fact("association", {"org": "Rotary"}, (Evidence(URL, "He joined Rotary."),), 0.8)
    assert hooks.deed(bare) == ""


def test_a_year_range_ends_in_a_date_not_a_word(engine: Engine) -> None:
    analyzer = hooks.analyzer_for(engine.nlp)
    assert analyzer.tokens("| 2019–present | COO |") == analyzer.tokens("| 2019 | COO |")
    assert frozenset({"present"}) in analyzer.tokens("She will present at the summit.")
    assert hooks.stem("analyst") == hooks.stem("analytics") == hooks.stem("analysis")
    assert hooks.stem("chairman") == hooks.stem("chairperson") == "chair"
    assert hooks.stem("human") == "human" and hooks.stem("woman") == "woman"


def test_a_corporate_role_or_a_surfboard_maker_is_not_a_nonprofit_board(engine: Engine) -> None:
    facts = [fact("role", "treasurer", "He is assistant treasurer of General Mills.",
                  title="Assistant Treasurer", org="General Mills", current=True),
             fact("role", "surf", "She founded Surfline Boards, a surfboard maker.",
                  title="Founder", org="Surfline Boards"),
             fact("board", "food", "She is a director of the Harbor Table Food Bank.",
                  org="Harbor Table Food Bank", kind="nonprofit")]
    assert ids(rank(engine, facts, "nonprofit boards"), "nonprofit boards") == ["food"]


def test_an_industry_is_shown_by_work_in_it_not_by_a_hobby(engine: Engine) -> None:
    facts = [fact("activity", "cellar", "At home he keeps a cellar of wine from the Douro.",
                  name="wine", detail="keeps a cellar of Douro wine"),
             fact("role", "export", "She was export director of Kellner Wines.",
                  title="Export Director", org="Kellner Wines")]
    assert ids(rank(engine, facts, "wine industry"), "wine industry") == ["export"]
    assert sorted(ids(rank(engine, facts, "wine"), "wine")) == ["cellar", "export"]  # any fact


def test_priorities_differing_in_case_or_spacing_are_one(engine: Engine) -> None:
    facts = [fact("board", "food", "She is a director of the Harbor Table Food Bank.",
                  org="Harbor Table Food Bank", kind="nonprofit")]
    found = rank(engine, facts, "Nonprofit Boards", "nonprofit  boards")
    assert [h.priority for h in found] == ["Nonprofit Boards"]
    assert Profile(priorities=("Nonprofit Boards", " nonprofit boards")).priorities == (
        "Nonprofit Boards",)


def test_no_priorities_means_no_ranking(engine: Engine) -> None:
    facts = [fact("board", "food", "She is a director of the Harbor Table Food Bank.",
                  org="Harbor Table Food Bank", kind="nonprofit")]
    assert rank(engine, facts) == []


def test_rationale_names_the_fact_and_where_the_tie_is(engine: Engine) -> None:
    facts = [fact("role", "coo", "She has been COO of Halvorsen Freight Systems since 2019.",
                  title="Chief Operating Officer", org="Halvorsen Freight Systems", start=2019,
                  current=True)]
    hook = rank(engine, facts, "supply chain")[0]
    assert "Chief Operating Officer at Halvorsen Freight Systems (since 2019)" in hook.rationale
    assert "its organization's name says “freight”" in hook.rationale
    assert "Halvorsen Freight Systems since 2019" in hook.opener and hook.opener.endswith("?")


def test_a_hook_on_one_weak_sentence_says_so(engine: Engine) -> None:
    named = fact("board", "named", "She sits on the board of Harbor Table Food Bank.",
                 org="Harbor Table Food Bank", kind="nonprofit")
    unnamed = fact("board", "unnamed", "She is a member of the food bank's board of directors.",
                   org="Harbor Lights Food Bank", kind="nonprofit")
    found = {h.fact_id: h for h in rank(engine, [named, unnamed], "nonprofit boards")}
    assert "check it before you bring it up" not in found["named"].rationale
    assert "does not name Harbor Lights Food Bank" in found["unnamed"].rationale


def test_names_in_a_sentence_are_found_through_the_index(engine: Engine) -> None:
    analyzer = hooks.analyzer_for(engine.nlp)
    names = ["Harbor Table Food Bank", "Salish Coffee Roasters", "Harbor Lights"]
    text = analyzer.tokens("Treasurer of Harbor Table Food Bank and director of Salish Coffee "
                           "Roasters.")
    index = hooks.NameIndex(analyzer.tokens(n) for n in names)
    expected = sorted(s for n in names for s in hooks.spans(text, analyzer.tokens(n)))
    assert index.find(text, skip=set()) == expected and len(expected) == 2


# ---------------------------------------------------------------- cost that grows with the facts


def test_no_priorities_no_ranking(engine: Engine) -> None:
    facts = [fact("association", "toast", "She joined Riverside Toastmasters.",
                  org="Riverside Toastmasters")]
    assert hooks.rank(facts, Profile(), engine.topics, engine.nlp) == []


def test_a_compound_linked_by_in_or_of_is_its_first_word(engine: Engine) -> None:
    analyzer = hooks.analyzer_for(engine.nlp)
    (chief,) = analyzer.tokens("chief")
    (editor_in_chief,) = analyzer.tokens("editor-in-chief")
    (to_consumer,) = analyzer.tokens("direct-to-consumer")
    # an editor-in-chief is an editor, not a chief; "to" links no head ("for consumers")
    assert not chief & editor_in_chief
    assert "consumer" in to_consumer
    facts = [fact("role", "cfo", "She is Chief Financial Officer of Tallis Mills.",
                  title="Chief Financial Officer", org="Tallis Mills"),
             fact("role", "eic", "She is editor-in-chief of the Harbor Review.",
                  title="Editor-in-Chief", org="Harbor Review")]
    assert ids(rank(engine, facts, "becoming an editor-in-chief"),
               "becoming an editor-in-chief") == ["eic"]


def test_a_works_title_before_its_subtitle_is_chosen_for_effect(engine: Engine) -> None:
    facts = [fact("work", "smooth", "Her book Smooth Sailing explains budgets to new managers.",
                  title="Smooth Sailing: Budgets for New Managers", kind="book"),
             fact("work", "windward", "His book Windward recounts a year at sea.",
                  title="Windward: Sailing Alone Around the World", kind="book"),
             fact("work", "plain", "She wrote Sailing for Beginners.",
                  title="Sailing for Beginners", kind="book")]
    # the subtitle and the sentence outside the title say what a work is about; a title with
    # no subtitle is taken as it is
    assert sorted(ids(rank(engine, facts, "sailing"), "sailing")) == ["plain", "windward"]
    assert hooks.catchy_titles(facts[0]) == ["Smooth Sailing"]
    assert hooks.catchy_titles(facts[2]) == []


def test_a_hyphenated_compound_of_the_phrase_is_the_phrase(engine: Engine) -> None:
    facts = [fact("role", "joined", "She rebuilt the bakery chain's water-quality program.",
                  title="VP Operations", org="Crumb & Co"),
             fact("role", "head", "She rebuilt the bakery chain's quality program.",
                  title="VP Operations", org="Loaf & Co")]
    # "water-quality" shows both words of "water quality", not its head alone
    found = rank(engine, facts, "water quality")
    assert ids(found, "water quality") == ["joined"]
    assert "water-quality" in found[0].rationale


def test_a_word_in_mans_is_a_name_not_someone_who_does_something(engine: Engine) -> None:
    analyzer = hooks.analyzer_for(engine.nlp)
    # the plural of "-man" is "-men": "chairmen" are chairs, "Brightmans" is a name
    assert "chair" in analyzer.tokens("chairmen")[0]
    assert "bright" not in analyzer.tokens("Brightmans")[0]
    facts = [fact("role", "shop", "She was CFO of Brightmans, the department store.",
                  title="CFO", org="Brightmans")]
    assert not rank(engine, facts, "brights")


def test_a_generic_word_of_the_priority_is_that_word_not_a_term_of_another_part(
        engine: Engine) -> None:
    facts = [fact("role", "travel", "He runs team travel for Harbor FC.",
                  title="Head of Team Travel", org="Harbor FC"),
             fact("role", "coach", "She is director of coaching at Harbor FC.",
                  title="Director of Coaching", org="Harbor FC")]
    # "team" is a topic term of coaching, but in "team coaching" it is the priority's own
    # generic word: "Team Travel" shows that word (bound to "Travel"), not coaching
    assert ids(rank(engine, facts, "team coaching"), "team coaching") == ["coach"]
