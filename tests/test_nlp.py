"""The spaCy pipeline as dossier loads it: lower-case word patterns run as phrases, and match
exactly what the same token patterns would."""

from __future__ import annotations

from spacy.pipeline import SpanRuler

from dossier.nlp import RULER_NAME, SPANS_KEY, as_phrases
from dossier.pipeline import Engine


def test_lower_case_word_patterns_become_phrases(engine: Engine) -> None:
    pattern = {"label": "ACTIVITY", "pattern": [{"LOWER": "gran"}, {"LOWER": "fondo"}],
               "id": "cycling"}
    assert as_phrases(engine.nlp, pattern) == [{**pattern, "pattern": "gran fondo"}]


def test_word_choices_and_optional_words_become_every_phrase(engine: Engine) -> None:
    pattern = {"label": "TITLE", "pattern": [{"LOWER": {"IN": ["senior", "deputy"]}, "OP": "?"},
                                             {"LOWER": "vice"}, {"LOWER": {"IN": ["president",
                                                                                  "chair"]}}]}
    assert sorted(p["pattern"] for p in as_phrases(engine.nlp, pattern)) == [
        "deputy vice chair", "deputy vice president", "senior vice chair",
        "senior vice president", "vice chair", "vice president"]


def test_words_the_tokenizer_splits_stay_token_patterns(engine: Engine) -> None:
    split = {"label": "WORK", "pattern": [{"LOWER": {"IN": ["essay", "op-ed"]}}]}
    assert as_phrases(engine.nlp, split) == [
        {**split, "pattern": "essay"}, {**split, "pattern": [{"LOWER": {"IN": ["op-ed"]}}]}]
    longer = {"label": "WORK", "pattern": [{"LOWER": "guest"}, {"LOWER": "op-ed"}]}
    regex = {"label": "WORK", "pattern": [{"LOWER": {"REGEX": "^tedx"}}]}
    case = {"label": "DEGREE", "pattern": [{"ORTH": {"IN": ["MD", "M.D."]}}]}
    repeated = {"label": "TITLE", "pattern": [{"LOWER": "vice", "OP": "+"}]}
    for pattern in (longer, regex, case, repeated):
        assert as_phrases(engine.nlp, pattern) == [pattern]


def test_phrases_match_what_the_token_patterns_matched(engine: Engine) -> None:
    """The ruler with every pattern as tokens and the loaded one find the same spans."""
    patterns = engine.lexicons.spacy_patterns()
    reference = SpanRuler(engine.nlp, name="reference", spans_key=SPANS_KEY,
                          phrase_matcher_attr="LOWER")
    reference.add_patterns(patterns)
    text = ("She rides a gran fondo every June, ran the Boston Marathon twice, coaches her "
            "son's youth soccer team and sings in a choir; before that she was CFO, then "
            "Senior Vice President and a half-marathon runner. She wrote an op-ed and a book, "
            "has a Ph.D. and an M.B.A., and her daughter plays ice hockey. She volunteers with "
            "the Harbor Food Bank board and was a co-founder and managing director.")
    loaded = engine.nlp(text)
    with engine.nlp.select_pipes(disable=[RULER_NAME]):
        expected = reference(engine.nlp(text))
    found = {(s.start, s.end, s.label_, s.id_) for s in loaded.spans[SPANS_KEY]}
    assert found == {(s.start, s.end, s.label_, s.id_) for s in expected.spans[SPANS_KEY]}
    assert {s.label_ for s in loaded.spans[SPANS_KEY]} >= {
        "ACTIVITY", "TITLE", "FAMILY", "WORK", "DEGREE", "BOARD", "CAUSE"}
