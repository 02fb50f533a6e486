"""The spaCy pipeline as dossier loads it: lower-case word patterns run as phrases, and match
exactly what the same token patterns would."""

from __future__ import annotations

from spacy.pipeline import SpanRuler

from dossier.nlp import RULER_NAME, SPANS_KEY, as_phrase
from dossier.pipeline import Engine


def test_lower_case_word_patterns_become_phrases(engine: Engine) -> None:
    pattern = {"label": "ACTIVITY", "pattern": [{"LOWER": "gran"}, {"LOWER": "fondo"}],
               "id": "cycling"}
    assert as_phrase(engine.nlp, pattern) == {**pattern, "pattern": "gran fondo"}


def test_patterns_the_tokenizer_would_split_stay_token_patterns(engine: Engine) -> None:
    hyphenated = {"label": "ACTIVITY", "pattern": [{"LOWER": "half-marathon"}]}
    predicate = {"label": "TITLE", "pattern": [{"LOWER": {"IN": ["ceo", "cfo"]}}]}
    optional = {"label": "TITLE", "pattern": [{"LOWER": "vice", "OP": "?"}]}
    for pattern in (hyphenated, predicate, optional):
        assert as_phrase(engine.nlp, pattern) is pattern


def test_phrases_match_what_the_token_patterns_matched(engine: Engine) -> None:
    """The ruler with every pattern as tokens and the loaded one find the same spans."""
    patterns = engine.lexicons.spacy_patterns()
    reference = SpanRuler(engine.nlp, name="reference", spans_key=SPANS_KEY,
                          phrase_matcher_attr="LOWER")
    reference.add_patterns(patterns)
    text = ("She rides a gran fondo every June, ran the Boston Marathon twice, coaches her "
            "son's youth soccer team and sings in a choir; before that she was CFO and a "
            "half-marathon runner. Her daughter plays ice hockey.")
    loaded = engine.nlp(text)
    with engine.nlp.select_pipes(disable=[RULER_NAME]):
        expected = reference(engine.nlp(text))
    found = {(s.start, s.end, s.label_, s.id_) for s in loaded.spans[SPANS_KEY]}
    assert found == {(s.start, s.end, s.label_, s.id_) for s in expected.spans[SPANS_KEY]}
    assert {s.label_ for s in loaded.spans[SPANS_KEY]} >= {"ACTIVITY", "TITLE", "FAMILY"}
