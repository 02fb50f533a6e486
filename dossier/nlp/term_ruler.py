"""dossier's term ruler: spaCy's SpanRuler, with word patterns matched as phrases.

Most of the lexicons' patterns are words in a row, some of them choices ({"IN": [...]}) or
optional ("OP": "?"): 'vice president', 'senior vice president', 'M.B.A.'. spaCy's Matcher
starts every token pattern at every token and calls back into Python for each "IN" test, which
made it as slow as the tagger. Here such a pattern becomes the word sequences it matches, and a
PhraseMatcher on the same token attribute finds them all with one lookup per token. The
sequences are built as Docs from the words themselves, not through the tokenizer, so each word
is one token exactly as in the token pattern. Patterns that test anything else (a lemma with a
gap, a regular expression, a repeated token) stay in SpanRuler's Matcher.

The spans are those SpanRuler would find with every pattern as a token pattern: the same
(label, id, start, end), each once, sorted, then filtered and stored by SpanRuler's own code.
"""

# No `from __future__ import annotations`: spaCy's config system reads the factory's
# annotations at run time.
from collections.abc import Sequence
from itertools import product
from math import prod
from typing import Any

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.pipeline import SpanRuler
from spacy.tokens import Doc, Span

FACTORY = "dossier_term_ruler"
# The token attributes a word pattern may test, each matched by its own PhraseMatcher.
WORD_ATTRS = ("LOWER", "ORTH", "LEMMA")
MAX_SEQUENCES = 2000  # a pattern with more choices than this stays a token pattern


def word_sequences(tokens: Any) -> tuple[str, list[tuple[str, ...]]] | None:
    """The attribute and the word sequences a token pattern matches, when each of its tokens
    tests that one attribute for a word or a choice of words, optionally ("OP": "?"); None for
    any other pattern. [{"LOWER": {"IN": ["senior", "deputy"]}, "OP": "?"}, {"LOWER": "vice"}]
    -> ("LOWER", [("deputy", "vice"), ("senior", "vice"), ("vice",)])."""
    if not isinstance(tokens, list) or not tokens:
        return None
    attrs: set[str] = set()
    choices: list[list[str]] = []
    for token in tokens:
        found = _word_choices(token)
        if found is None:
            return None
        attrs.add(found[0])
        choices.append(found[1])
    if len(attrs) > 1 or prod(len(c) for c in choices) > MAX_SEQUENCES:
        return None
    sequences = {tuple(w for w in seq if w) for seq in product(*choices)} - {()}
    return attrs.pop(), sorted(sequences)


def _word_choices(token: dict[str, Any]) -> tuple[str, list[str]] | None:
    """(attribute, words) a pattern token accepts, '' among them when it is optional."""
    if token.get("OP", "?") != "?":
        return None
    tests = [k for k in token if k != "OP"]
    if len(tests) != 1 or tests[0] not in WORD_ATTRS:
        return None
    attr, value = tests[0], token[tests[0]]
    if isinstance(value, str):
        words = [value]
    elif isinstance(value, dict) and set(value) == {"IN"}:
        words = list(value["IN"])
    else:
        return None
    if not words or not all(isinstance(w, str) and w for w in words):
        return None
    if attr == "ORTH" and all(_caseless(w) for w in words):
        attr = "LOWER"  # ORTH "-" is LOWER "-": then it joins the words around it
    return attr, [*words, ""] if "OP" in token else words


def _caseless(word: str) -> bool:
    return word.isascii() and not any(ch.isalpha() for ch in word)


class TermRuler(SpanRuler):
    """SpanRuler with word patterns in phrase matchers (see the module docstring)."""

    def add_patterns(self, patterns: Sequence[dict[str, Any]]) -> None:
        rest = []
        for entry in patterns:
            found = word_sequences(entry["pattern"])
            if found is None:
                rest.append(entry)
                continue
            attr, sequences = found
            label, span_id = str(entry["label"]), str(entry.get("id", ""))
            key = repr((label, span_id))
            self.phrase_keys[self.nlp.vocab.strings.add(key)] = (label, span_id)
            self.words[attr].add(key, [self._phrase(attr, seq) for seq in sequences])
            self.word_patterns.append(dict(entry))
        if rest:
            super().add_patterns(rest)

    def _phrase(self, attr: str, words: tuple[str, ...]) -> Doc:
        lemmas = list(words) if attr == "LEMMA" else None
        return Doc(self.nlp.vocab, words=list(words), lemmas=lemmas)

    def match(self, doc: Doc) -> list[Span]:
        spans = set(super().match(doc))
        for matcher in self.words.values():
            for key, start, end in matcher(doc):
                label, span_id = self.phrase_keys[key]
                spans.add(Span(doc, start, end, label=label, span_id=span_id))
        return sorted(spans)

    def clear(self) -> None:
        """No patterns (SpanRuler.__init__ calls it, so it also sets up the phrase matchers)."""
        super().clear()
        self.words = {attr: PhraseMatcher(self.nlp.vocab, attr=attr) for attr in WORD_ATTRS}
        self.phrase_keys: dict[int, tuple[str, str]] = {}  # phrase key -> (label, id)
        self.word_patterns: list[dict[str, Any]] = []  # the patterns the phrase matchers hold

    @property
    def patterns(self) -> list[dict[str, Any]]:
        """Every pattern added, as SpanRuler lists them: its own and the word patterns."""
        return [*super().patterns, *self.word_patterns]

    @property
    def labels(self) -> tuple[str, ...]:
        return tuple(sorted({*super().labels, *(str(p["label"]) for p in self.word_patterns)}))

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(sorted({*super().ids, *(str(p["id"]) for p in self.word_patterns
                                             if "id" in p)}))

    def __len__(self) -> int:
        return len(self.patterns)


@Language.factory(FACTORY, assigns=["doc.spans"], default_config={
    "spans_key": "sc", "phrase_matcher_attr": "LOWER", "validate": False, "overwrite": True})
def make_term_ruler(nlp: Language, name: str, spans_key: str, phrase_matcher_attr: str,
                    validate: bool, overwrite: bool) -> TermRuler:
    return TermRuler(nlp, name, spans_key=spans_key, phrase_matcher_attr=phrase_matcher_attr,
                     validate=validate, overwrite=overwrite, scorer=None)
