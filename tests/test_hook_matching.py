"""The blind matching gate: does hooks.rank tie a fact to a priority the way a person would?

tests/data/hook_triples.yaml holds (priority, fact, sentence, related yes/no) triples written by
an annotator from a separate brief before any tuning, with no words taken from topics.yaml.
Each triple is run through the real decision: hooks.rank on that one fact and that one priority
makes a hook, or not. The floors are pinned at what the matcher reaches and may not drop; no
word of a triple may be added to config/topics.yaml to lift them (that would fit the test).

Two floors: the lexicon path alone (no WordNet: DOSSIER_WORDNET=off), which every machine has,
and with a WordNet database (hooks/wordnet.py), measured where one is installed (.ci/run installs
Debian's wordnet-base) and skipped where none is.

`python -m tests.test_hook_matching [FILE]` prints the numbers and every disagreement, for the
path this machine has (DOSSIER_WORDNET=off for the lexicon alone); FILE defaults to the first
set (tests/data/hook_triples_2.yaml is the second).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from dossier import hooks
from dossier.hooks.wordnet import wordnet
from dossier.models import Evidence, Fact
from dossier.pipeline import Engine
from dossier.profile import Profile

TRIPLES = Path(__file__).parent / "data" / "hook_triples.yaml"
URL = "https://example.org/about"
YEAR = 2026
# Pinned at what the matcher reached on the blind set (see the commit that set them); a change
# may raise them, never lower them. Before issue 14: 0.528 / 0.623; then 0.540 / 0.653;
# then 0.688 / 0.659 (WordNet 0.695 / 0.683) before a modifier had to modify and coverage
# decided ties; then 0.704 / 0.683 (WordNet 0.733 / 0.707) before a verb of the priority had
# to be shown as a doing, not as the bare noun (PriorityWords.thing_for_deed), and (WordNet
# 0.752) before one sense per fact and compounds of four words or hyphenated, and 0.722 (WordNet
# 0.771) before a word the priority writes as a name had to be one in the fact; WordNet 0.776
# before a head word before a thing or a place named a kind of that thing; 0.726 (WordNet
# 0.787) before a sentence that repeats a title stopped making a modifier modify; 0.731
# (WordNet 0.792) before a school's kind stopped tying a degree; 0.735 (WordNet 0.797 / 0.707)
# before doers and doings, one sense per fact for kinds of things, word_kinds and one-word
# names; WordNet 0.816 before a state's plural named another sense ("Securities Lending").
PRECISION_FLOOR = 0.745  # lexicon path: 0.745 (tp 114, fp 39)
RECALL_FLOOR = 0.68  # lexicon path: 0.683 (fn 53)
WORDNET_PRECISION_FLOOR = 0.82  # with WordNet 3.0: 0.822 (tp 120, fp 26)
WORDNET_RECALL_FLOOR = 0.715  # with WordNet 3.0: 0.719 (fn 47)

# A second blind set (tests/data/hook_triples_2.yaml, 276 triples, 33 fields) written on
# 2026-12-07 by another annotator after the tuning above. Its first 17 fields' worth, taken
# by alternate field ("2a"), were read to build the rules after it; the other half ("2b") was
# measured only: 0.467 / 0.356 before, 0.477 / 0.356 after (WordNet). Whole set, floors pinned
# at what the matcher reaches: the distance from the first set is how far the matching is
# from carrying over.
TRIPLES_2 = Path(__file__).parent / "data" / "hook_triples_2.yaml"
SET_2_FLOORS = {"lexicon": (0.49, 0.36),  # 0.494 / 0.361 (tp 44, fp 45, fn 78)
                "wordnet": (0.51, 0.37)}  # 0.517 / 0.377 (tp 46, fp 43, fn 76)


@dataclass(frozen=True, slots=True)
class Triple:
    priority: str
    fact: Fact
    related: bool


def load_triples(path: Path = TRIPLES) -> list[Triple]:
    out = []
    for i, item in enumerate(yaml.safe_load(path.read_text(encoding="utf-8"))):
        fields = {k: v for k, v in item["fact"].items() if k != "category"}
        fact = Fact(item["fact"]["category"], fields, (Evidence(URL, item["sentence"]),),
                    0.8, f"t{i}")
        out.append(Triple(item["priority"], fact, bool(item["related"])))
    return out


def ties(engine: Engine, priority: str, fact: Fact) -> bool:
    """The real decision: a hook comes out of hooks.rank for this fact and this priority."""
    found = hooks.rank([fact], Profile(priorities=(priority,)), engine.topics, engine.nlp,
                       per_priority=3, this_year=YEAR)
    return bool(found)


@dataclass(frozen=True, slots=True)
class Scores:
    precision: float
    recall: float
    tp: int
    fp: int
    fn: int
    misses: tuple[tuple[str, Triple], ...]


def measure(engine: Engine, triples: list[Triple]) -> Scores:
    tp = fp = fn = 0
    misses: list[tuple[str, Triple]] = []
    for t in triples:
        said = ties(engine, t.priority, t.fact)
        tp += said and t.related
        fp += said and not t.related
        fn += t.related and not said
        if said != t.related:
            misses.append(("false tie" if said else "missed", t))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    return Scores(precision, recall, tp, fp, fn, tuple(misses))


@pytest.fixture(scope="module")
def scores(engine: Engine) -> Scores:
    """The lexicon path alone: no WordNet, whatever this machine has."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DOSSIER_WORDNET", "off")
        wordnet.cache_clear()
        try:
            return measure(engine, load_triples())
        finally:
            wordnet.cache_clear()


@pytest.fixture(scope="module")
def wordnet_scores(engine: Engine) -> Scores:
    """With the installed WordNet database (skipped where there is none)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.delenv("DOSSIER_WORDNET", raising=False)
        wordnet.cache_clear()
        if wordnet() is None:
            pytest.skip("no WordNet database (Debian/Ubuntu: apt-get install wordnet-base)")
        return measure(engine, load_triples())


def test_the_blind_set_is_large_and_mixed() -> None:
    triples = load_triples()
    assert len(triples) >= 150
    assert 0.3 < sum(t.related for t in triples) / len(triples) < 0.7


def test_precision_of_ties_to_stays_at_its_floor(scores: Scores) -> None:
    assert scores.precision >= PRECISION_FLOOR, (scores.precision, scores.fp)


def test_recall_of_ties_to_stays_at_its_floor(scores: Scores) -> None:
    assert scores.recall >= RECALL_FLOOR, (scores.recall, scores.fn)


def test_wordnet_keeps_precision_and_adds_recall(wordnet_scores: Scores, scores: Scores) -> None:
    assert wordnet_scores.precision >= WORDNET_PRECISION_FLOOR, wordnet_scores.precision
    assert wordnet_scores.recall >= WORDNET_RECALL_FLOOR, wordnet_scores.recall
    assert wordnet_scores.tp > scores.tp and wordnet_scores.fp <= scores.fp + 1


@pytest.mark.parametrize("path_kind", ["lexicon", "wordnet"])
def test_the_second_blind_set_stays_at_its_floors(engine: Engine, path_kind: str) -> None:
    triples = load_triples(TRIPLES_2)
    assert len(triples) >= 250
    with pytest.MonkeyPatch.context() as patch:
        if path_kind == "lexicon":
            patch.setenv("DOSSIER_WORDNET", "off")
        else:
            patch.delenv("DOSSIER_WORDNET", raising=False)
        wordnet.cache_clear()
        try:
            if path_kind == "wordnet" and wordnet() is None:
                pytest.skip("no WordNet database (Debian/Ubuntu: apt-get install wordnet-base)")
            result = measure(engine, triples)
        finally:
            wordnet.cache_clear()
    precision, recall = SET_2_FLOORS[path_kind]
    assert result.precision >= precision and result.recall >= recall, (result.precision,
                                                                      result.recall)


def test_family_facts_never_tie(engine: Engine) -> None:
    family = [t for t in load_triples() if t.fact.category == "family"]
    assert family
    assert not any(ties(engine, t.priority, t.fact) for t in family)


def main() -> None:
    from dossier.settings import load_settings

    engine = Engine.create(load_settings(None, {}))
    result = measure(engine, load_triples(Path(sys.argv[1]) if len(sys.argv) > 1 else TRIPLES))
    print(f"WordNet: {wordnet().root if wordnet() else 'none'}")
    for kind, t in result.misses:
        print(f"{kind:9} | {t.priority} | {t.fact.category} {t.fact.fields} | "
              f"{t.fact.evidence[0].quote}")
    print(f"precision {result.precision:.3f} recall {result.recall:.3f} "
          f"(tp {result.tp}, fp {result.fp}, fn {result.fn})")


if __name__ == "__main__":
    main()
