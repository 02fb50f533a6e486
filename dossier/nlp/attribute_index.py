"""An attribute ruler that finds its matches through an index instead of the token matcher.

The English models' attribute_ruler maps each fine-grained tag to its part of speech and
morphology with about 180 one-token patterns ([{"TAG": "NN"}], [{"TAG": "PRP", "LOWER":
"his"}], ...). spaCy's Matcher tries every pattern at every token, which costs as much as the
tagger and parser together on short texts. Almost all of these patterns test a token's own
attributes for equality, so a dictionary from tag to the patterns that name it finds the same
matches in a lookup or two per token. Patterns with operators or predicates other than
equality, IN, NOT_IN and REGEX still go through a Matcher.

The matches, and so the annotations, are exactly those of spaCy's AttributeRuler: `match`
returns the same sorted list, and `set_annotations` is spaCy's own.

Applying them is memoized too. When every pattern's first token tests only KEYS attributes,
what the one-token patterns do to a token depends only on those four values, so `__call__`
works out once per (tag, word, dependency, space) combination which attributes they set, in
spaCy's order (later patterns win); the rare longer patterns are matched as before and merged
in the same order. The attributes are written to the whole doc at once with the public
`Doc.to_array`/`Doc.from_array`, which store each value as spaCy's own ruler does (for the
attributes of WRITABLE, which live on the token, not on its lexeme).
"""

# No `from __future__ import annotations` here: spaCy's config system reads the factory's
# annotations at run time, and the confection that spaCy < 3.8.7 uses cannot resolve them
# as strings.
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import partial
from typing import Any

import numpy
from spacy.attrs import DEP, IS_SPACE, LEMMA, LOWER, MORPH, NORM, POS, TAG
from spacy.language import Language
from spacy.matcher import Matcher
from spacy.pipeline import AttributeRuler
from spacy.strings import get_string_id
from spacy.tokens import Doc, Token

FACTORY = "dossier_indexed_attribute_ruler"
# Token attributes a pattern may test, and how to read them.
READERS: dict[str, Callable[[Token], Any]] = {
    "TAG": lambda t: t.tag_, "LOWER": lambda t: t.lower_, "ORTH": lambda t: t.text,
    "TEXT": lambda t: t.text, "DEP": lambda t: t.dep_, "POS": lambda t: t.pos_,
    "LEMMA": lambda t: t.lemma_, "NORM": lambda t: t.norm_, "IS_SPACE": lambda t: t.is_space,
    "IS_PUNCT": lambda t: t.is_punct, "IS_ALPHA": lambda t: t.is_alpha,
}
# The attributes patterns are indexed by, in order of preference; match() looks up each.
KEYS = ("TAG", "LOWER", "DEP", "IS_SPACE")
Test = Callable[[Token], bool]
Entry = tuple[int, int, list[list[Test]]]  # (pattern index, match id, tests of each token)
Match = tuple[int, int, int, int]  # (pattern index, match id, start, end), as AttributeRuler
Key = tuple[int, int, int, int]  # a token's (tag, lower, dep, is_space), as ints
Effect = tuple[int, dict[Any, Any]]  # (pattern index, the attributes it sets)
# Attributes a rule may set for the memoized path: token attributes that Doc.from_array
# writes exactly as spaCy's AttributeRuler does (a lexeme's attributes or extensions, "_",
# are left to the stock __call__).
WRITABLE = frozenset({TAG, POS, MORPH, LEMMA, NORM, DEP})
# A bound on the memo; only reached when patterns test words in ways other than equality.
MAX_MEMO = 100_000


@dataclass
class _AtToken:
    """What the patterns do at a token of a given Key: the merged attributes of the one-token
    patterns that match (and each pattern's own, to merge with a longer pattern's), and the
    longer patterns whose first token matches."""

    effects: list[Effect]
    merged: dict[Any, Any]
    longer: list[Entry]
    row: int  # its row in the ruler's Effects table


class IndexedAttributeRuler(AttributeRuler):
    """spaCy's AttributeRuler with an indexed `match` (see the module docstring)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._index: dict[tuple[str, Any], list[Entry]] = {}
        self._unindexed: list[Entry] = []
        self._rest = Matcher(self.vocab)
        self._stale = True
        self._memo: dict[Key, _AtToken] = {}
        self._words: frozenset[int] | None = None  # the words patterns test, if all by equality
        self._memoizable = False
        self._columns: list[int | str] = []  # the attributes patterns set, for from_array
        self._effects = _Effects(0)

    def add(self, patterns: Iterable[Any], attrs: dict[Any, Any], index: int = 0) -> None:
        super().add(patterns, attrs, index)
        self._stale = True

    def build(self) -> None:
        """Each pattern under the values its first token allows for the first attribute of
        KEYS it tests by equality (its tag, most often), with the other tests left to run;
        patterns with operators or predicates not known here go to a Matcher."""
        index: dict[tuple[str, Any], list[Entry]] = defaultdict(list)
        self._unindexed, self._rest = [], Matcher(self.vocab)
        for attr_id, entry in enumerate(self.patterns):
            key = str(attr_id)
            match_id = self.vocab.strings.add(  # (the stubs lack allow_transient)
                key, allow_transient=False)  # type: ignore[call-arg]
            patterns: list[list[dict[str, Any]]] = entry["patterns"]  # type: ignore[assignment]
            for tokens in patterns:
                first = dict(tokens[0]) if tokens else {}
                by = next((k for k in KEYS if k in first and _allowed(first[k]) is not None),
                          None)
                allowed = _allowed(first.pop(by)) if by is not None else None
                try:
                    tests = [_token_tests(t) for t in [first, *tokens[1:]]]
                except ValueError:
                    self._rest.add(key, [tokens])
                    continue
                if by is None or allowed is None:
                    self._unindexed.append((attr_id, match_id, tests))
                    continue
                for value in allowed:
                    index[by, value].append((attr_id, match_id, tests))
        self._index = dict(index)
        self._memo = {}
        self._columns = sorted({attr for attrs in self.attrs for attr in attrs}, key=str)
        self._memoizable, self._words = self._first_tokens_read_keys_only()
        self._memoizable &= set(self._columns) <= WRITABLE
        self._effects = _Effects(len(self._columns))
        self._stale = False

    def _first_tokens_read_keys_only(self) -> tuple[bool, frozenset[int] | None]:
        """Can a token's Key decide the patterns' first-token tests (and no Matcher is needed,
        and every pattern's index is in range)? And, when words are only tested for equality,
        the words they test: any other word can share one key."""
        if len(self._rest):
            return False, None
        words: set[int] = set()
        exact = True
        for attr_id, entry in enumerate(self.patterns):
            patterns: list[list[dict[str, Any]]] = entry["patterns"]  # type: ignore[assignment]
            index = self.indices[attr_id]
            for tokens in patterns:
                if not tokens or not set(tokens[0]) <= set(KEYS) or \
                        not -len(tokens) <= index < len(tokens):
                    return False, None
                lower = tokens[0].get("LOWER")
                allowed = _allowed(lower) if lower is not None else frozenset()
                if allowed is None:
                    exact = False
                else:
                    words.update(get_string_id(w) for w in allowed if isinstance(w, str))
        return True, frozenset(words) if exact else None

    def __call__(self, doc: Doc) -> Doc:
        if self._stale:
            self.build()
        if not self._memoizable:
            return super().__call__(doc)
        if len(self._memo) > MAX_MEMO:
            self._memo.clear()
            self._effects = _Effects(len(self._columns))
        words = self._words
        # one read: the keys, then the current values of what the patterns set
        table = doc.to_array([TAG, LOWER, DEP, IS_SPACE, *self._columns])
        rows = table[:, :4].tolist()
        at: list[_AtToken] = []
        extra: dict[int, list[Effect]] = {}  # effects of longer patterns, by token
        for i, (tag, lower, dep, space) in enumerate(rows):
            key = (tag, lower if words is None or lower in words else 0, dep, space)
            found = self._memo.get(key)
            if found is None:
                found = self._memo[key] = self._at(doc[i])
            at.append(found)
            for attr_id, _, tests in found.longer:
                end = i + len(tests)
                if end <= len(rows) and _passes(doc, i + 1, tests[1:]):
                    index = self.indices[attr_id]
                    target = i + index if index >= 0 else end + index
                    extra.setdefault(target, []).append((attr_id, self.attrs[attr_id]))
        if self._columns and len(doc):
            self._write(doc, at, extra, table[:, 4:])
        return doc

    def _write(self, doc: Doc, at: list[_AtToken], extra: dict[int, list[Effect]],
               current: Any) -> None:
        """Set what the patterns set at each token, the rest keeping its `current` values,
        with one from_array call: the memoized tokens through the Effects table, the few that
        a longer pattern also touches one by one."""
        sets, values = self._effects.rows([found.row for found in at])
        array = numpy.where(sets, values, current)
        position = {attr: j for j, attr in enumerate(self._columns)}
        for i, effects in extra.items():
            for attr, value in _merged(at[i].effects + effects).items():
                array[i, position[attr]] = value
        doc.from_array(self._columns, array)

    def _at(self, token: Token) -> _AtToken:
        """The patterns whose first token matches `token`, as an _AtToken."""
        effects: list[Effect] = []
        longer: list[Entry] = []
        seen: set[int] = set()
        for candidates in self._candidates(token):
            for attr_id, match_id, tests in candidates:
                if not all(test(token) for test in tests[0]):
                    continue
                if len(tests) > 1:
                    longer.append((attr_id, match_id, tests))
                elif attr_id not in seen:
                    seen.add(attr_id)
                    effects.append((attr_id, self.attrs[attr_id]))
        merged = _merged(effects)
        return _AtToken(effects, merged, longer, self._effects.add(self._columns, merged))

    def _candidates(self, token: Token) -> list[list[Entry]]:
        get = self._index.get
        return [c for c in (get(("TAG", token.tag_)), get(("LOWER", token.lower_)),
                            get(("DEP", token.dep_)), get(("IS_SPACE", token.is_space)),
                            self._unindexed) if c]

    def match(self, doc: Doc) -> list[Match]:
        if self._stale:
            self.build()
        found: set[Match] = set()
        if len(self._rest):
            found.update((int(self.vocab.strings[m_id]), m_id, start, end)
                         for m_id, start, end in self._rest(doc, allow_missing=True))
        size = len(doc)
        for token in doc:
            for candidates in self._candidates(token):
                for attr_id, match_id, tests in candidates:
                    end = token.i + len(tests)
                    if end <= size and _passes(doc, token.i, tests):
                        found.add((attr_id, match_id, token.i, end))
        return sorted(found)


class _Effects:
    """What the one-token patterns set at each memoized key, as rows of two tables over the
    ruler's columns: whether a column is set, and to what. The tables double as they fill."""

    def __init__(self, columns: int) -> None:
        self._size = 0
        self._sets = numpy.zeros((64, columns), dtype=bool)
        self._values = numpy.zeros((64, columns), dtype=numpy.uint64)

    def add(self, columns: list[int | str], merged: dict[Any, Any]) -> int:
        if self._size == len(self._sets):
            self._sets = numpy.concatenate([self._sets, numpy.zeros_like(self._sets)])
            self._values = numpy.concatenate([self._values, numpy.zeros_like(self._values)])
        row = self._size
        self._sets[row] = [attr in merged for attr in columns]
        self._values[row] = [merged.get(attr, 0) for attr in columns]
        self._size += 1
        return row

    def rows(self, rows: list[int]) -> tuple[Any, Any]:
        return self._sets[rows], self._values[rows]


def _merged(effects: list[Effect]) -> dict[Any, Any]:
    """The attributes the effects set, applied in pattern order: later patterns win."""
    return {k: v for _, attrs in sorted(effects, key=lambda e: e[0]) for k, v in attrs.items()}


def _passes(doc: Doc, start: int, tests: list[list[Test]]) -> bool:
    for offset, token_tests in enumerate(tests):
        if token_tests:
            token = doc[start + offset]
            for test in token_tests:
                if not test(token):
                    return False
    return True


def _allowed(value: Any) -> frozenset[Any] | None:
    """The values an equality or "IN" test allows; None for any other predicate."""
    if not isinstance(value, dict):
        return frozenset([value])
    return frozenset(value["IN"]) if set(value) == {"IN"} else None


def _token_tests(token: dict[str, Any]) -> list[Test]:
    """A pattern token as tests of a Token, as the Matcher reads them: equality, IN, NOT_IN
    and REGEX (a search) on the attributes of READERS; ValueError for anything else."""
    tests: list[Test] = []
    for attr, value in token.items():
        read = READERS.get(attr)
        if read is None:
            raise ValueError(attr)
        allowed = _allowed(value)
        if allowed is not None:
            tests.append(partial(_is_in, read, allowed))
        elif set(value) == {"NOT_IN"}:
            tests.append(partial(_not_in, read, frozenset(value["NOT_IN"])))
        elif set(value) == {"REGEX"}:
            tests.append(partial(_search, read, re.compile(value["REGEX"])))
        else:
            raise ValueError(value)
    return tests


def _is_in(read: Callable[[Token], Any], values: frozenset[Any], token: Token) -> bool:
    return read(token) in values


def _not_in(read: Callable[[Token], Any], values: frozenset[Any], token: Token) -> bool:
    return read(token) not in values


def _search(read: Callable[[Token], Any], pattern: re.Pattern[str], token: Token) -> bool:
    return pattern.search(read(token)) is not None


@Language.factory(FACTORY, default_config={"validate": False, "scorer": None})
def make_indexed_attribute_ruler(nlp: Language, name: str, validate: bool,
                                 scorer: Any) -> IndexedAttributeRuler:
    return IndexedAttributeRuler(nlp.vocab, name, validate=validate, scorer=scorer)


def index_attribute_ruler(nlp: Language, name: str = "attribute_ruler") -> bool:
    """Swap the model's attribute ruler for the indexed one with the same patterns, under the
    same name; False when the model has no such ruler."""
    old = nlp.get_pipe(name) if name in nlp.pipe_names else None
    if type(old) is not AttributeRuler:
        return False
    patterns = old.patterns
    new = nlp.replace_pipe(name, FACTORY)
    assert isinstance(new, IndexedAttributeRuler)
    new.add_patterns(patterns)
    new.build()
    return True
