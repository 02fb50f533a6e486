"""The spaCy pipeline as dossier loads it: word patterns run as phrases and the model's
attribute ruler through an index, each matching exactly what spaCy's own would."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from spacy.pipeline import AttributeRuler, SpanRuler
from spacy.tokens import Doc

from dossier import nlp as nlp_module
from dossier.extract import extract
from dossier.fetch import read_local
from dossier.lexicons import load_lexicons
from dossier.models import Document, Target
from dossier.nlp import (
    RULER_NAME,
    SPANS_KEY,
    installed_model,
    load,
    remember_lemmas,
    ruler_patterns,
)
from dossier.nlp.attribute_index import IndexedAttributeRuler
from dossier.nlp.term_ruler import TermRuler, word_sequences
from dossier.pipeline import Engine, assemble
from dossier.profile import Profile

# The speed-ups' equivalence tests: .ci/run also runs these (`pytest -m speedups`) against the
# newest spaCy 3.8, beyond the version pyproject.toml pins.
speedups = pytest.mark.speedups


def test_word_patterns_become_word_sequences() -> None:
    assert word_sequences([{"LOWER": "gran"}, {"LOWER": "fondo"}]) == (
        "LOWER", [("gran", "fondo")])
    choices = [{"LOWER": {"IN": ["senior", "deputy"]}, "OP": "?"}, {"LOWER": "vice"},
               {"LOWER": {"IN": ["president", "chair"]}}]
    assert word_sequences(choices) == ("LOWER", [
        ("deputy", "vice", "chair"), ("deputy", "vice", "president"),
        ("senior", "vice", "chair"), ("senior", "vice", "president"),
        ("vice", "chair"), ("vice", "president")])
    # a word the tokenizer would split stays one token; a caseless ORTH is a LOWER
    assert word_sequences([{"LOWER": {"IN": ["co"]}, "OP": "?"}, {"ORTH": "-", "OP": "?"},
                           {"LOWER": "op-ed"}]) == (
        "LOWER", [("-", "op-ed"), ("co", "-", "op-ed"), ("co", "op-ed"), ("op-ed",)])
    assert word_sequences([{"ORTH": {"IN": ["MD", "M.D."]}}]) == ("ORTH", [("M.D.",), ("MD",)])
    assert word_sequences([{"LEMMA": {"IN": ["join", "belong"]}}]) == (
        "LEMMA", [("belong",), ("join",)])


@pytest.mark.parametrize("tokens", [
    [{"LOWER": {"REGEX": "^tedx"}}],  # a regular expression
    [{"LOWER": "vice", "OP": "+"}],  # a repeated token
    [{"LOWER": "chief"}, {"IS_ALPHA": True, "OP": "{1,3}"}, {"LOWER": "officer"}],
    [{"LEMMA": "teach"}, {"OP": "{0,8}"}, {"LOWER": "with"}],
    [{"ORTH": "MD"}, {"LOWER": "degree"}],  # two attributes
    [{"LOWER": "board", "TAG": "NN"}],
    [{"LOWER": {"IN": []}}],
])
def test_other_patterns_stay_token_patterns(tokens: list[dict[str, Any]]) -> None:
    assert word_sequences(tokens) is None


SAMPLE = ("She rides a gran fondo every June, ran the Boston Marathon twice, coaches her "
          "son's youth soccer team and sings in a choir; before that she was CFO, then "
          "Senior Vice President and a half-marathon runner. She wrote an op-ed and a book, "
          "gave a TEDx talk, has a Ph.D. and an M.B.A., MD and BSc degrees, and her daughter "
          "plays ice hockey. She volunteers with the Harbor Food Bank board, teaches reading "
          "with a literacy group, joined the Rotary club, and was a co-founder, chief operating "
          "officer and managing director.")


def spans(doc: Doc) -> list[tuple[int, int, str, str]]:
    """The ruler's spans, in the order it stored them."""
    return [(s.start, s.end, s.label_, s.id_) for s in doc.spans[SPANS_KEY]]


@speedups
def test_the_term_ruler_finds_what_spacy_span_ruler_finds(engine: Engine) -> None:
    """spaCy's SpanRuler with every lexicon pattern as written and the loaded term ruler find
    the same spans, on a sample with every kind of pattern and on real pages."""
    assert isinstance(engine.nlp.get_pipe(RULER_NAME), TermRuler)
    reference = SpanRuler(engine.nlp, name="reference", spans_key=SPANS_KEY,
                          phrase_matcher_attr="LOWER")
    reference.add_patterns(ruler_patterns(engine.nlp, engine.lexicons))
    texts = [SAMPLE, *lines_of(PAGES)]
    loaded = list(engine.nlp.pipe(texts))
    with engine.nlp.select_pipes(disable=[RULER_NAME]):
        expected = [reference(doc) for doc in engine.nlp.pipe(texts)]
    assert [spans(doc) for doc in loaded] == [spans(doc) for doc in expected]
    assert {s.label_ for s in loaded[0].spans[SPANS_KEY]} >= {
        "ACTIVITY", "TITLE", "FAMILY", "WORK", "DEGREE", "BOARD", "CAUSE", "MEMBER"}
    assert {s.id_ for s in loaded[0].spans[SPANS_KEY]} >= {"MD", "BS", "chief-officer", "talk"}
    assert sum(len(spans(doc)) for doc in loaded) > 250


def test_most_lexicon_patterns_are_phrases(engine: Engine) -> None:
    ruler = engine.nlp.get_pipe(RULER_NAME)
    assert isinstance(ruler, TermRuler)
    assert len(ruler.matcher) <= 10 < sum(len(m) for m in ruler.words.values())


def test_the_term_ruler_lists_every_pattern_as_span_ruler_does(engine: Engine) -> None:
    """Patterns held in phrase matchers are still the ruler's patterns, labels and ids."""
    ruler = engine.nlp.get_pipe(RULER_NAME)
    assert isinstance(ruler, TermRuler)
    added = ruler_patterns(engine.nlp, engine.lexicons)
    assert len(ruler) == len(ruler.patterns) == len(added)
    assert sorted(map(repr, ruler.patterns)) == sorted(map(repr, added))
    assert set(ruler.labels) == {str(p["label"]) for p in added}
    assert set(ruler.ids) == {str(p["id"]) for p in added if "id" in p}


PAGES = [*sorted(Path(__file__).parent.glob("*pages/*.html")),
         *sorted((Path(__file__).parent.parent / "dossier" / "demo_pages").glob("*.html"))]


def lines_of(paths: list[Path]) -> list[str]:
    return [line for path in paths for line in extract(read_local(str(path), 10_000_000)).text
            .split("\n") if line.strip()]


@speedups
def test_the_model_attribute_ruler_is_the_indexed_one(engine: Engine) -> None:
    assert isinstance(engine.nlp.get_pipe("attribute_ruler"), IndexedAttributeRuler)


@speedups
def test_indexed_attribute_ruler_matches_exactly_what_spacy_does(engine: Engine) -> None:
    """On real pages, with the model's own patterns: the same matches, in the same order."""
    indexed = engine.nlp.get_pipe("attribute_ruler")
    reference = AttributeRuler(engine.nlp.vocab)
    reference.add_patterns(indexed.patterns)  # type: ignore[attr-defined]
    with engine.nlp.select_pipes(enable=["tok2vec", "tagger", "parser"]):
        docs = list(engine.nlp.pipe(lines_of(PAGES)))
    assert sum(len(doc) for doc in docs) > 3000
    matches = [indexed.match(doc) for doc in docs]  # type: ignore[attr-defined]
    assert matches == [reference.match(doc) for doc in docs]
    assert sum(map(len, matches)) > 3000


def annotations(docs: list[Doc]) -> list[list[tuple[str, ...]]]:
    return [[(t.tag_, t.pos_, str(t.morph), t.lemma_, t.dep_) for t in doc] for doc in docs]


@speedups
def test_indexed_attribute_ruler_annotates_exactly_what_spacy_does(engine: Engine) -> None:
    """Its memoized __call__ leaves every token's tag, part of speech, morphology, lemma and
    dependency as spaCy's AttributeRuler does, on real pages with the model's patterns."""
    indexed = engine.nlp.get_pipe("attribute_ruler")
    assert indexed._memoizable  # type: ignore[attr-defined]
    reference = AttributeRuler(engine.nlp.vocab)
    reference.add_patterns(indexed.patterns)  # type: ignore[attr-defined]
    with engine.nlp.select_pipes(enable=["tok2vec", "tagger", "parser"]):
        ours = list(engine.nlp.pipe(lines_of(PAGES)))
        theirs = [doc.copy() for doc in ours]
    ours = [indexed(doc) for doc in ours]
    theirs = [reference(doc) for doc in theirs]
    assert annotations(ours) == annotations(theirs)
    assert sum(1 for doc in ours for t in doc if t.pos_) > 3000


@speedups
def test_indexed_attribute_ruler_reads_every_kind_of_pattern(engine: Engine) -> None:
    """Equality, IN, NOT_IN, REGEX, several tokens, and an operator (left to a Matcher)."""
    patterns: list[Any] = [
        {"patterns": [[{"TAG": "NNP"}]], "attrs": {"POS": "PROPN"}},
        {"patterns": [[{"LOWER": {"IN": ["board", "trustees"]}, "TAG": "NN"}]],
         "attrs": {"LEMMA": "board"}},
        {"patterns": [[{"DEP": {"NOT_IN": ["det", ""]}, "TAG": {"IN": ["DT", "WDT"]}}]],
         "attrs": {"POS": "PRON"}},
        {"patterns": [[{"LOWER": {"REGEX": "^vol"}}]], "attrs": {"LEMMA": "vol"}},
        {"patterns": [[{"LOWER": "food"}, {"LOWER": "bank"}]], "attrs": {"LEMMA": "fb"},
         "index": 1},
        {"patterns": [[{"IS_PUNCT": True, "OP": "+"}]], "attrs": {"LEMMA": "p"}},
    ]
    indexed, reference = IndexedAttributeRuler(engine.nlp.vocab), AttributeRuler(
        engine.nlp.vocab)
    indexed.add_patterns(patterns)
    reference.add_patterns(patterns)
    with engine.nlp.select_pipes(enable=["tok2vec", "tagger", "parser"]):
        doc = engine.nlp("That is what the board of the Harbor Food Bank volunteers chose... "
                         "She volunteered; trustees met.")
    found = indexed.match(doc)
    assert found == reference.match(doc)
    assert {attr_id for attr_id, *_ in found} == set(range(len(patterns)))
    assert not indexed._memoizable  # the operator needs the Matcher: spaCy's own __call__
    assert annotations([indexed(doc.copy())]) == annotations([reference(doc.copy())])


@speedups
@pytest.mark.parametrize("lower_test", [{"REGEX": "^vol"}, {"IN": ["volunteers", "she"]}])
def test_memoized_attribute_ruler_sets_what_spacy_sets(engine: Engine,
                                                       lower_test: dict[str, Any]) -> None:
    """Later patterns win over earlier ones on the same token, a two-token pattern sets the
    token its index names, and words are told apart whether tested by equality or not."""
    patterns: list[Any] = [
        {"patterns": [[{"TAG": "NNP"}]], "attrs": {"POS": "PROPN", "LEMMA": "first"}},
        {"patterns": [[{"TAG": "NNP"}]], "attrs": {"LEMMA": "second"}},
        {"patterns": [[{"DEP": {"NOT_IN": ["det", ""]}, "TAG": {"IN": ["DT", "WDT"]}}]],
         "attrs": {"POS": "PRON"}},
        {"patterns": [[{"LOWER": lower_test}]], "attrs": {"LEMMA": "vol", "POS": "X"}},
        {"patterns": [[{"LOWER": "food"}, {"LOWER": "bank"}]], "attrs": {"LEMMA": "fb"},
         "index": 1},
        {"patterns": [[{"LOWER": "harbor"}, {"TAG": "NNP"}]], "attrs": {"POS": "NOUN"},
         "index": -1},
    ]
    indexed, reference = IndexedAttributeRuler(engine.nlp.vocab), AttributeRuler(
        engine.nlp.vocab)
    indexed.add_patterns(patterns)
    reference.add_patterns(patterns)
    with engine.nlp.select_pipes(enable=["tok2vec", "tagger", "parser"]):
        docs = list(engine.nlp.pipe([
            "That is what the board of the Harbor Food Bank volunteers chose.",
            "She volunteered at the Harbor Food Bank; Harbor Food Bank trustees met.",
        ]))
    ours = [indexed(doc.copy()) for doc in docs]
    assert indexed._memoizable
    assert annotations(ours) == annotations([reference(doc.copy()) for doc in docs])
    lemmas = {t.text: t.lemma_ for doc in ours for t in doc}
    assert lemmas["Bank"] == "fb" and lemmas["Harbor"] == "second"
    assert {t.pos_ for doc in ours for t in doc if t.text == "Food"} == {"NOUN"}


def test_a_target_leaves_no_new_words_in_the_model(engine: Engine, tmp_path: Path) -> None:
    """Each target's facts and hooks run in a spaCy memory zone: words first met on its pages
    are forgotten afterwards, so a long batch does not grow the vocabulary."""
    doc = Document(url="https://example.org/zf", text=(
        "Zyxquortle Fenwibbet joined Plonkaverse Dynamics as Chief Operating Officer in 2019 "
        "and volunteers with the Quibbleton Snorkel Society."))
    # (len(vocab) is a counter that a memory zone does not decrement: count the lexemes)
    strings, lexemes = len(engine.nlp.vocab.strings), len(list(engine.nlp.vocab))
    dossier = assemble(Target("Zyxquortle Fenwibbet"), [doc], [], [],
                       Profile(priorities=("nonprofit boards",)), engine)
    assert any(f.category == "role" for f in dossier.facts)  # the words were really read
    assert len(engine.nlp.vocab.strings) == strings
    assert len(list(engine.nlp.vocab)) == lexemes
    assert "plonkaverse" not in engine.nlp.vocab.strings


def test_frequent_words_are_remembered_between_targets_within_bounds(
        engine: Engine, monkeypatch: pytest.MonkeyPatch) -> None:
    """remember_words keeps words seen twice in the tokenizer's cache, most frequent first, at
    most REMEMBER_PER_CALL a call and MAX_REMEMBERED in all; never inside a memory zone; and
    the tokens are the same with the cache as without."""
    nlp = engine.nlp
    monkeypatch.setattr(nlp_module, "REMEMBER_PER_CALL", 2)
    monkeypatch.setattr(nlp_module, "MAX_REMEMBERED", 3)
    monkeypatch.setitem(nlp_module._remembered, nlp, set())
    text = ("Qworbly qworbly, Zanthiff zanthiff Zanthiff, zanthiff Qworbly qworbly, Plimsk "
            "Glorvex's Glorvex's Glorvex's (glorvex)")
    before = [(t.text, t.lower_, t.is_punct) for t in nlp.make_doc(text)]
    with nlp.memory_zone():
        assert nlp_module.remember_words(nlp, [text]) == 0
    assert nlp_module.remember_words(nlp, [text]) == 2  # "Glorvex's" (3), then the first 2s
    assert nlp_module._remembered[nlp] == {"Glorvex's", "Qworbly"}
    assert nlp_module.remember_words(nlp, [text]) == 1  # room for one more
    assert nlp_module._remembered[nlp] == {"Glorvex's", "Qworbly", "qworbly,"}
    assert nlp_module.remember_words(nlp, [text]) == 0
    assert "Plimsk" not in nlp_module._remembered[nlp]  # seen once
    assert [(t.text, t.lower_, t.is_punct) for t in nlp.make_doc(text)] == before


@speedups
def test_remembered_lemmas_are_the_lemmatizers(engine: Engine) -> None:
    """The loaded model's lemmas, remembered per word, part of speech and morphology, are
    those of the model as spaCy ships it, on real pages, read twice."""
    stock = installed_model(engine.settings.nlp)
    texts = lines_of(PAGES)
    ours = [[t.lemma_ for t in doc] for doc in engine.nlp.pipe(texts + texts)]
    assert ours == [[t.lemma_ for t in doc] for doc in stock.pipe(texts + texts)]
    assert sum(len(doc) for doc in ours) > 6000
    assert not remember_lemmas(stock.__class__())  # a blank pipeline has no lemmatizer


@speedups
def test_without_speedups_the_stock_parts_give_the_same_parse(engine: Engine) -> None:
    """nlp.speedups: false loads spaCy's own attribute ruler, lemmatizer and SpanRuler (no
    stand-in reaching inside spaCy); every token and term span is the same as with them."""
    assert engine.settings.nlp.speedups
    stock = load(engine.settings.nlp.model_copy(update={"speedups": False}), engine.lexicons)
    assert stock is not engine.nlp
    assert type(stock.get_pipe("attribute_ruler")) is AttributeRuler
    assert type(stock.get_pipe(RULER_NAME)) is SpanRuler
    lemmatizer: Any = stock.get_pipe("lemmatizer")
    assert lemmatizer.lemmatize == lemmatizer.rule_lemmatize  # spaCy's own choice, no memo
    assert engine.nlp.get_pipe("lemmatizer").lemmatize != (  # type: ignore[attr-defined]
        engine.nlp.get_pipe("lemmatizer").rule_lemmatize)  # type: ignore[attr-defined]
    texts = [SAMPLE, *lines_of(PAGES)]
    ours, theirs = list(engine.nlp.pipe(texts)), list(stock.pipe(texts))
    assert annotations(ours) == annotations(theirs)
    assert [spans(doc) for doc in ours] == [spans(doc) for doc in theirs]
    assert [[(e.start, e.end, e.label_) for e in doc.ents] for doc in ours] == [
        [(e.start, e.end, e.label_) for e in doc.ents] for doc in theirs]
    assert sum(len(spans(doc)) for doc in theirs) > 250


def test_a_model_is_loaded_for_each_set_of_lexicons(engine: Engine, tmp_path: Path) -> None:
    """Extra lexicon patterns (--lexicon) get a model of their own in the same process; the
    same lexicons get the same model back."""
    extra = tmp_path / "extra.yaml"
    extra.write_text("activities:\n  kite surfing: [kitesurfing, kite surfing]\n", "utf-8")
    settings = engine.settings.nlp
    base = nlp_module.load(settings, engine.lexicons)
    more = nlp_module.load(settings, load_lexicons(extra))
    assert nlp_module.load(settings, engine.lexicons) is base and more is not base
    text = "On weekends she goes kitesurfing."
    plain, extended = base(text), more(text)
    assert not [s for s in plain.spans[SPANS_KEY] if s.label_ == "ACTIVITY"]
    assert [s.id_ for s in extended.spans[SPANS_KEY] if s.label_ == "ACTIVITY"] == [
        "kite surfing"]
