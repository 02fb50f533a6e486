"""The optional WordNet reader (dossier/hooks/wordnet.py) on a small database in WordNet 3.0's
own file format, written here, so these tests run whether or not a WordNet is installed."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from dossier import hooks
from dossier.hooks.wordnet import WordNet, _search, wordnet
from dossier.models import Evidence, Fact
from dossier.pipeline import Engine
from dossier.profile import Profile

HEADER = "  1 This software and database is being provided to you, the LICENSEE\n"
# key: (pos, words, pointers as (symbol, target key, target pos, source/target)), in file order
SYNSETS: dict[str, tuple[str, list[str], list[tuple[str, str, str, str]]]] = {
    "theology": ("n", ["theology", "divinity"], [("~", "eschatology", "n", "0000")]),
    "eschatology": ("n", ["eschatology"], [("@", "theology", "n", "0000")]),
    "buddhism": ("n", ["Buddhism"], [("~", "mahayana", "n", "0000")]),
    "mahayana": ("n", ["Mahayana"], [("~", "zen", "n", "0000")]),
    "zen": ("n", ["Zen", "Zen_Buddhism"], [("@", "mahayana", "n", "0000")]),
    "congress": ("n", ["Congress", "U.S._Congress"], [("%p", "senate", "n", "0000")]),
    "senate": ("n", ["Senate"], [("#p", "congress", "n", "0000")]),
    "city": ("n", ["city", "metropolis"], []),
    "mine": ("n", ["mine"], [("+", "mining", "n", "0101")]),
    "mining": ("n", ["mining", "excavation"], [("+", "mine", "n", "0101")]),
    "urban": ("a", ["urban(a)"], [("\\", "city", "n", "0101")]),
    "data_mining": ("n", ["data_mining"], [("@", "data_processing", "n", "0000")]),
    "data_processing": ("n", ["data_processing"], []),
    "bank": ("n", ["bank"], []),
    "reserve_bank": ("n", ["reserve_bank"], [("@", "bank", "n", "0000")]),
    "glass_designer": ("n", ["glass_designer"], []),
    "program": ("n", ["program", "plan"], [("~", "money_spinner", "n", "0000")]),
    "money_spinner": ("n", ["money-spinner", "cash_cow"], [("@", "program", "n", "0000")]),
    "through": ("a", ["through", "done", "finished"], []),
    "playhouse": ("n", ["theater", "playhouse"], []),
    "war_region": ("n", ["theater", "theater_of_operations"], []),
    "pitch": ("n", ["pitch", "sales_pitch"], []),
    "inside": ("n", ["inside", "interior"], []),
    "interior_department": ("n", ["Department_of_the_Interior", "interior"], []),
    "campus": ("n", ["campus"], []),
    "satellite": ("n", ["satellite"], []),
    "security": ("n", ["security", "protection"], []),  # a state: not counted
    # a field, its practitioner and the practitioner's kinds
    "keeper": ("n", ["keeper", "custodian"], []),
    "falconry": ("n", ["falconry"], [("+", "falconer", "n", "0101"),
                                     ("+", "hawk_house", "n", "0101")]),
    "falconer": ("n", ["falconer", "hawker"], [("+", "falconry", "n", "0101"),
                                               ("~", "austringer", "n", "0000")]),
    "austringer": ("n", ["austringer", "keeper"], [("@", "falconer", "n", "0000")]),
    "hawk_house": ("n", ["mews"], []),
    # a verb, the doing and the doer it derives, and the thing it uses; its noun sense
    "glide_n": ("n", ["glide", "glissade"], []),
    "gliding": ("n", ["gliding", "volplaning"], [("+", "glide_v", "v", "0101")]),
    "glider_pilot": ("n", ["glider", "glider_pilot"], [("+", "glide_v", "v", "0101")]),
    "sailplane": ("n", ["glider", "sailplane"], [("+", "glide_v", "v", "0101")]),
    "glide_v": ("v", ["glide"], [("+", "gliding", "n", "0101"), ("+", "glider_pilot", "n", "0101"),
                                 ("+", "sailplane", "n", "0101")]),
}
# lexicographer files other than 00; 18 is noun.person, 15 noun.location, 6 noun.artifact,
# 4 noun.act, 26 noun.state
LEXFILES = {"glass_designer": 18, "campus": 15, "falconer": 18, "austringer": 18, "keeper": 18,
            "hawk_house": 6, "gliding": 4, "glider_pilot": 18, "sailplane": 6, "security": 26}


def _line(key: str, offsets: dict[str, int]) -> str:
    pos, words, pointers = SYNSETS[key]
    ptrs = " ".join(f"{s} {offsets.get(t, 0):08d} {p} {st}" for s, t, p, st in pointers)
    word_part = " ".join(f"{w} 0" for w in words)
    return (f"{offsets.get(key, 0):08d} {LEXFILES.get(key, 0):02d} {pos} {len(words):02x} "
            f"{word_part} {len(pointers):03d} {ptrs} | a gloss  \n").replace("  | ", " | ")


def write_database(root: Path) -> Path:
    """data.noun, data.adj, data.verb and their indexes, with true byte offsets."""
    offsets: dict[str, int] = {}
    for pos in ("n", "a", "v"):
        keys = [k for k, v in SYNSETS.items() if v[0] == pos]
        at = len(HEADER)
        for key in keys:  # lengths do not depend on offsets: they are written 8 digits wide
            offsets[key] = at
            at += len(_line(key, offsets).encode())
    for pos, name in (("n", "noun"), ("a", "adj"), ("v", "verb")):
        keys = [k for k, v in SYNSETS.items() if v[0] == pos]
        (root / f"data.{name}").write_text(HEADER + "".join(_line(k, offsets) for k in keys))
        lemmas: dict[str, list[int]] = {}
        for key in keys:
            for word in SYNSETS[key][1]:
                lemmas.setdefault(word.split("(")[0].lower(), []).append(offsets[key])
        (root / f"index.{name}").write_text(HEADER + "".join(
            f"{lemma} {pos} {len(offs)} 0 {len(offs)} 0 {' '.join(f'{o:08d}' for o in offs)}  \n"
            for lemma, offs in sorted(lemmas.items())))
    return root


@pytest.fixture
def database(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    root = write_database(tmp_path)
    monkeypatch.setenv("DOSSIER_WORDNET", str(root))
    wordnet.cache_clear()
    yield root
    wordnet.cache_clear()


def titled(fid: str, title: str, org: str) -> Fact:
    """A role fact whose sentence only states it."""
    return Fact("role", {"title": title, "org": org},
                (Evidence("https://example.org", f"She was {title} at {org}."),), 0.8, fid)


def tied(engine: Engine, facts: list[Fact], priority: str) -> list[str]:
    """The facts hooks.rank ties to the priority, by id, sorted."""
    return sorted(h.fact_id for h in hooks.rank(facts, Profile(priorities=(priority,)),
                                                engine.topics, engine.nlp, this_year=2026))


def test_related_words_are_synonyms_kinds_parts_and_pertainyms(database: Path) -> None:
    found = WordNet(database)
    assert found.related("theology") == {"divinity", "eschatology"}
    assert {"mahayana", "zen", "zen buddhism"} <= found.related("buddhism")  # two levels down
    assert "senate" in found.related("congress")
    assert found.related("urban") == {"city"}  # the noun it pertains to, not its synonyms
    # derived forms name the thing made or used, not the field: left out
    assert found.related("mining") == {"excavation"}
    assert found.related("unknown") == frozenset()


def test_a_compound_names_another_thing_unless_a_kind_or_a_person(database: Path) -> None:
    found = WordNet(database)
    assert found.another_thing("data mining", frozenset({"mining", "mine"}))
    assert not found.another_thing("reserve bank", frozenset({"bank"}))  # a kind of bank
    assert not found.another_thing("glass designer", frozenset({"glass"}))  # who does it
    assert not found.another_thing("gold mining", frozenset({"mining"}))  # not in WordNet
    # a compound that is a sense of the word itself is that word only in its first sense
    assert found.another_thing("theater of operations", frozenset({"theater"}))
    assert not found.another_thing("sales pitch", frozenset({"pitch"}))


def test_a_word_inside_a_compound_of_another_sense_does_not_tie(
        engine: Engine, database: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    role = Fact("role", {"title": "Head of Data Mining", "org": "Ledgerline"},
                (Evidence("https://example.org", "He led data mining at Ledgerline."),),
                0.8, "dm")
    mine = Fact("role", {"title": "Head of Mining", "org": "Copperline"},
                (Evidence("https://example.org", "He led mining at Copperline."),), 0.8, "cm")

    def found() -> list[str]:
        return [h.fact_id for h in hooks.rank([role, mine], Profile(priorities=("mining",)),
                                              engine.topics, engine.nlp, this_year=2026)]

    assert found() == ["cm"]
    monkeypatch.setenv("DOSSIER_WORDNET", "off")
    wordnet.cache_clear()
    assert sorted(found()) == ["cm", "dm"]  # without WordNet no compound is known


def test_a_word_the_fact_uses_inside_a_compound_has_that_sense_throughout(
        engine: Engine, database: Path) -> None:
    def fact(fid: str, quote: str, **fields: str) -> Fact:
        return Fact("activity", fields, (Evidence("https://example.org", quote),), 0.8, fid)

    facts = [fact("named", "She does mining for a retailer.", name="data mining",
                  detail="mining for a retailer"),  # one sense per fact
             fact("hyphen", "She runs a data-mining shop.", name="data-mining shop"),
             fact("plain", "He runs mining crews in Nevada.", name="mining crews")]
    found = hooks.rank(facts, Profile(priorities=("mining",)), engine.topics, engine.nlp,
                       this_year=2026)
    assert [h.fact_id for h in found] == ["plain"]
    # a compound of four words, its match three words in ("Department of the Interior")
    office = Fact("role", {"title": "Deputy Secretary", "org": "U.S. Department of the Interior"},
                  (Evidence("https://example.org", "She was deputy secretary of the Interior."),),
                  0.8, "doi")
    assert not hooks.rank([office], Profile(priorities=("interior",)), engine.topics,
                          engine.nlp, this_year=2026)


def test_a_head_word_before_a_thing_or_a_place_names_a_kind_of_that(
        engine: Engine, database: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    facts = [titled("campus", "Head of Satellite Campuses", "Northfield University"),
             titled("ops", "Head of Satellite Operations", "Orbitra")]
    assert WordNet(database).thing("campus") and not WordNet(database).thing("satellite")
    # a satellite campus is a campus; operations are an activity
    assert tied(engine, facts, "satellites") == ["ops"]
    monkeypatch.setenv("DOSSIER_WORDNET", "off")
    wordnet.cache_clear()
    assert tied(engine, facts, "satellites") == ["campus", "ops"]


def test_a_compound_is_spelled_from_its_words_not_their_joins(engine: Engine) -> None:
    analyzer = hooks.analyzer_for(engine.nlp)
    text = "Glass Designers Guild"
    tokens = analyzer.tokens(text)
    assert "glassdesigners" in tokens[0]  # "Glass" also takes its join with "Designers"
    written = hooks._spellings(tokens[:2], ("Glass", "Designers"))
    assert "glass designer" in list(written)


def test_a_hyphenated_related_word_does_not_match_its_initials(
        engine: Engine, database: Path) -> None:
    degree = Fact("education", {"institution": "Tacoma College", "degree": "MS"},
                  (Evidence("https://example.org", "She holds an MS from Tacoma College."),),
                  0.8, "ms")
    plan = Fact("role", {"title": "Head of Plan Design", "org": "Fidelity"},
                (Evidence("https://example.org", "She leads plan design at Fidelity."),),
                0.8, "plan")
    analyzer = hooks.analyzer_for(engine.nlp)
    [part] = hooks.concepts("program", engine.topics, analyzer)
    assert "money spinner" in part.terms and "money-spinner" not in part.terms
    found = hooks.rank([degree, plan], Profile(priorities=("program",)), engine.topics,
                       engine.nlp, this_year=2026)
    assert [h.fact_id for h in found] == ["plan"]  # "MS" is not "money-spinner"


def test_a_stop_word_gets_no_relations(engine: Engine, database: Path) -> None:
    analyzer = hooks.analyzer_for(engine.nlp)
    assert WordNet(database).related("through") == {"done", "finished"}
    parts = hooks.concepts("networking through meetups", engine.topics, analyzer)
    assert all("done" not in p.terms and "finished" not in p.terms for p in parts)


def test_an_index_is_bisected_to_every_lemma_and_only_those(database: Path) -> None:
    index = database / "index.noun"
    lines = [ln for ln in index.read_text().splitlines(keepends=True) if not ln.startswith(" ")]
    assert len(lines) > 10
    for line in lines:
        assert _search(index, line.split(" ", 1)[0]) == line
    assert _search(index, "aardvark") is None and _search(index, "zzz") is None
    assert _search(index, "zen_buddhis") is None  # a prefix is not a lemma


def test_a_priority_word_matches_what_wordnet_relates_only_with_one(
        engine: Engine, database: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    school = Fact("education", {"institution": "Harvard Divinity School", "degree": "MDiv"},
                  (Evidence("https://example.org", "He studied at Harvard Divinity School."),),
                  0.8, "hds")

    def found() -> list[str]:
        return [h.rationale for h in hooks.rank([school], Profile(priorities=("theology",)),
                                                engine.topics, engine.nlp, this_year=2026)]

    assert wordnet() is not None
    [why] = found()
    assert "“divinity”, which WordNet relates to “theology”" in why
    monkeypatch.setenv("DOSSIER_WORDNET", "off")
    wordnet.cache_clear()
    assert wordnet() is None and found() == []


def test_no_database_means_none(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("DOSSIER_WORDNET", str(tmp_path / "missing"))
    wordnet.cache_clear()
    try:
        assert wordnet() is None
    finally:
        wordnet.cache_clear()


def test_a_field_is_shown_by_its_practitioner_and_their_kinds(database: Path) -> None:
    found = WordNet(database)
    # the doer WordNet derives from the field, its synonyms, and its kinds whose most frequent
    # sense is that kind ("keeper" mostly names a custodian); not the thing used ("mews")
    assert found.doers("falconry") == {"falconer", "hawker", "austringer"}
    assert found.doers("satellite") == frozenset()


def test_a_verb_is_shown_by_the_doing_and_the_doer_it_derives(database: Path) -> None:
    found = WordNet(database)
    # not the thing used ("sailplane", noun.artifact), nor a synonym that begins otherwise
    assert found.doings("glide") == {"gliding", "glider", "glider pilot"}
    assert found.doings("falconry") == frozenset()  # no such verb


def test_a_priority_field_ties_its_practitioner(engine: Engine, database: Path) -> None:
    facts = [titled("austringer", "Head Austringer", "Ravensmoor Estate"),
             titled("keeper", "Keeper of Records", "Ravensmoor Estate")]
    found = hooks.rank(facts, Profile(priorities=("falconry",)), engine.topics, engine.nlp,
                       this_year=2026)
    assert [h.fact_id for h in found] == ["austringer"]
    assert "“austringer”, which WordNet relates to “falconry”" in found[0].rationale


def test_a_priority_verb_takes_its_relations_from_the_verb(engine: Engine, database: Path) -> None:
    facts = [titled("ops", "Director of Gliding Operations", "Cloudline"),
             titled("pilot", "Chief Glider Pilot", "Skyreach"),
             titled("made", "VP, Sailplane Sales", "Aerotek"),
             titled("skate", "Glissade Coach", "Icefield")]
    found = hooks.rank(facts, Profile(priorities=("learning to glide",)), engine.topics,
                       engine.nlp, this_year=2026)
    # the doing and the doer; not the thing used, nor the noun sense of the word ("glissade")
    assert sorted(h.fact_id for h in found) == ["ops", "pilot"]


def test_a_head_word_naming_a_kind_of_a_thing_has_that_sense_throughout_the_fact(
        engine: Engine, database: Path) -> None:
    def role(fid: str, quote: str) -> Fact:
        return Fact("role", {"title": "Director, Satellite", "org": "Northfield University"},
                    (Evidence("https://example.org", quote),), 0.8, fid)

    facts = [role("campus", "She opened the satellite campuses of Northfield University."),
             role("orbit", "She ran satellite tracking at Northfield University.")]
    found = hooks.rank(facts, Profile(priorities=("satellites",)), engine.topics, engine.nlp,
                       this_year=2026)
    assert [h.fact_id for h in found] == ["orbit"]  # the title's "Satellite" is the campus


def test_a_state_in_the_plural_is_things_counted(
        engine: Engine, database: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    facts = [titled("bonds", "Head of Securities Operations", "Halden Bank"),
             titled("guard", "Head of Security", "Halden Homes")]
    assert WordNet(database).state("security") and not WordNet(database).state("campus")
    # securities are papers one holds, not being secure
    assert tied(engine, facts, "security") == ["guard"]
    monkeypatch.setenv("DOSSIER_WORDNET", "off")
    wordnet.cache_clear()
    assert tied(engine, facts, "security") == ["bonds", "guard"]
