"""Words related in meaning to a priority word, read from a WordNet 3.0 database if installed.

Optional: when a WordNet database directory is found, a priority word no topic covers also
matches the words WordNet relates to it ("divinity" for "theology", "Zen" for "Buddhism",
"Senate" for "Congress", "city" for "urban"), the one who practises it ("diplomat",
"ambassador" for "diplomacy"), and a verb of the priority the doing and the doer derived from
it ("flight", "flier" for "fly"); without one, matching uses the priority's own words and the
topic lexicon alone. `DOSSIER_WORDNET` names the directory (the one holding
index.noun and data.noun), or `off`; by default it is /usr/share/wordnet, where Debian's and
Ubuntu's `wordnet-base` package installs Princeton WordNet 3.0 (WordNet 3.0 license). The files
are read in place: an index by bisecting it, a synset by its byte offset.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

DEFAULT_DIRS = (Path("/usr/share/wordnet"),)
# Nouns and adjectives: priorities name fields and things. Verbs are left out: their first
# senses are too broad ("trade" is "run", "fly" is "pilot") and tied unrelated facts on the
# blind set (0.681 precision with nouns and adjectives, 0.679 with verbs too).
POS_FILES = {"n": "noun", "a": "adj"}
VERB_FILES = {"v": "verb"}
# A priority's verb ("learning to fly") and a field ("diplomacy") are shown by the nouns
# WordNet derives from them ("+"): the doing (noun.act, 4) and the doer (noun.person, 18).
# Derivation links join whole synsets, so a derived word's synonyms ride along ("cruise" with
# "sail", "boss" with "hirer"): only words that begin with the same DERIVED_START letters as
# the word are kept ("flight" for "fly", "diplomat" for "diplomacy"). A doer's kinds are
# followed DOER_DEPTH levels down ("ambassador" under "diplomat").
DERIVED = ("+",)
DOING_FILES = frozenset({4, 18})
DERIVED_START, DOER_DEPTH = 2, 1
# Pointers followed from a word's first (most frequent) sense: the words of that sense, the
# kinds of it (hyponyms, HYPONYM_DEPTH levels: "Zen" for "Buddhism"), its parts and members
# ("Senate" for "Congress"), and for an adjective the noun it pertains to ("city" for
# "urban"). Derived forms ("+": "mine" for "mining", "collection" for "collecting") are left
# out: they name the thing made or used, not the field, and tied unrelated facts.
HYPONYMS, HYPONYM_DEPTH = ("~", "~i"), 2
PARTS = ("%p", "%m")
PERTAINS = ("\\",)
# A word with more kinds than this under it is too broad for its kinds to stand for it
# ("device", "art").
MAX_KINDS = 60
# A noun compound of WordNet that holds a matched word ("data mining" for "mining") names
# something else unless it is a kind of that word within KIND_DEPTH levels up ("Federal Reserve
# Bank" is a bank) or a person who does it (lexicographer file noun.person: "fashion designer",
# "managing director"). Depth 3 reaches "bank" from "Federal Reserve Bank".
KIND_DEPTH, PERSON_FILE = 3, 18
HYPERNYMS = ("@", "@i")
# Lexicographer files of things and places: noun.artifact (6) and noun.location (15).
THING_FILES = frozenset({6, 15})
# Lexicographer files of states, qualities and feelings: noun.attribute (7), noun.feeling
# (12) and noun.state (26); what they name is not counted, so their plurals are other senses.
STATE_FILES = frozenset({7, 12, 26})
ALL_FILES = {**POS_FILES, **VERB_FILES}
Pointer = tuple[str, int, str, int, int]  # symbol, synset offset, part of speech, from, to


@dataclass(frozen=True, slots=True)
class Synset:
    words: tuple[str, ...]
    pointers: tuple[Pointer, ...]
    lexfile: int = 0  # the lexicographer file: 18 is noun.person


class WordNet:
    """A WordNet database directory, read lazily."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self._synsets: dict[tuple[int, str], Synset] = {}

    def senses(self, word: str, pos: str) -> tuple[int, ...]:
        """The synset offsets of a word, most frequent sense first."""
        line = _search(self.root / f"index.{ALL_FILES[pos]}", word.replace(" ", "_"))
        if line is None:
            return ()
        parts = line.split()
        count, pointers = int(parts[2]), int(parts[3])
        return tuple(int(o) for o in parts[6 + pointers:6 + pointers + count])

    def synset(self, offset: int, pos: str) -> Synset:
        found = self._synsets.get((offset, pos))
        if found is None:
            with (self.root / f"data.{ALL_FILES[pos]}").open("rb") as file:
                file.seek(offset)
                found = _parse(file.readline().decode("utf-8", "replace"))
            self._synsets[(offset, pos)] = found
        return found

    @lru_cache(maxsize=4096)  # noqa: B019 - one database per process, kept for its life
    def related(self, word: str) -> frozenset[str]:
        """The words of the word's first sense as a noun and as an adjective, its kinds and
        parts, and the nouns it pertains to: lower case, with spaces."""
        out: set[str] = set()
        for pos in POS_FILES:
            senses = self.senses(word, pos)
            if senses:
                out |= self._around(senses[0], pos, word)
        out.discard(word)
        return frozenset(out)

    @lru_cache(maxsize=4096)  # noqa: B019 - one database per process, kept for its life
    def doings(self, verb: str) -> frozenset[str]:
        """The nouns WordNet derives from a verb's first sense that name the doing or the doer
        ("flight", "flier" for "fly"; "painting", "painter" for "paint"), not the thing made
        or used ("pigment"), spelled as the verb begins (DERIVED_START)."""
        senses = self.senses(verb, "v")
        if not senses:
            return frozenset()
        found = self._derived(senses[0], "v", verb, DOING_FILES)
        return frozenset(w for w in found if w[:DERIVED_START] == verb[:DERIVED_START]) - {verb}

    @lru_cache(maxsize=4096)  # noqa: B019 - one database per process, kept for its life
    def doers(self, word: str) -> frozenset[str]:
        """The person who practises what a noun's first sense names ("diplomat" for
        "diplomacy"), spelled as the word begins, and that person's kinds ("ambassador",
        "envoy"; DOER_DEPTH levels, instances such as "Kissinger" left out)."""
        senses = self.senses(word, "n")
        if not senses:
            return frozenset()
        out: set[str] = set()
        for target in self._derived_synsets(senses[0], "n", word, frozenset({PERSON_FILE})):
            if any(w[:DERIVED_START] == word[:DERIVED_START]
                   for w in self.synset(target, "n").words):
                out |= self._mostly({target} | self._kind_synsets(target, DOER_DEPTH))
        return frozenset(out - {word})

    def _kind_synsets(self, offset: int, depth: int) -> set[int]:
        """The noun synsets that are kinds of this one (not instances), `depth` levels down."""
        out: set[int] = set()
        for symbol, target, tpos, _, _ in self.synset(offset, "n").pointers:
            if symbol == "~" and tpos == "n":
                out.add(target)
                if depth > 1:
                    out |= self._kind_synsets(target, depth - 1)
        return out

    def _mostly(self, offsets: set[int]) -> set[str]:
        """The words of these noun synsets whose most frequent sense is that synset: a
        conductor is a musician, but "director" mostly names another."""
        return {w for o in offsets for w in self.synset(o, "n").words
                if self.senses(w, "n")[:1] == (o,)}

    def _derived_synsets(self, offset: int, pos: str, word: str,
                         files: frozenset[int]) -> list[int]:
        """The noun synsets derived from a word of a synset, in the given lexicographer
        files."""
        first = self.synset(offset, pos)
        number = next((n for n, w in enumerate(first.words, 1) if w == word), 0)
        return [target for symbol, target, tpos, source, _ in first.pointers
                if symbol in DERIVED and tpos == "n" and source in (0, number)
                and self.synset(target, "n").lexfile in files]

    def _derived(self, offset: int, pos: str, word: str, files: frozenset[int]) -> set[str]:
        return {w for t in self._derived_synsets(offset, pos, word, files)
                for w in self.synset(t, "n").words}

    @lru_cache(maxsize=16384)  # noqa: B019 - one database per process, kept for its life
    def another_thing(self, compound: str, words: frozenset[str]) -> bool:
        """Whether a noun compound ("data mining", "oil painting", "pilot program") names
        something other than what the matched words (any of `words`, "mining") name: its most
        frequent sense is not a person and not a kind of them (KIND_DEPTH levels up). A
        compound that is itself a sense of the word names the word's most frequent sense only
        ("theater of operations" is a theater, but not the theater a priority means). False
        when WordNet has no such compound."""
        senses = self.senses(compound, "n")
        if not senses:
            return False
        first = self.synset(senses[0], "n")
        if first.lexfile == PERSON_FILE:
            return False
        if set(first.words) & words:
            return all(self.senses(w, "n")[:1] != (senses[0],) for w in words)
        return not self._kind_of(senses[0], words, KIND_DEPTH)

    @lru_cache(maxsize=4096)  # noqa: B019 - one database per process, kept for its life
    def thing(self, word: str) -> bool:
        """Whether the word's most frequent sense as a noun is a thing or a place (lexicographer
        files THING_FILES), not an act, a field or a person."""
        senses = self.senses(word, "n")
        return bool(senses) and self.synset(senses[0], "n").lexfile in THING_FILES

    @lru_cache(maxsize=4096)  # noqa: B019 - one database per process, kept for its life
    def state(self, word: str) -> bool:
        """Whether the word's most frequent sense as a noun is a state, a quality or a feeling
        (lexicographer files STATE_FILES: "security", "good"), which is not counted."""
        senses = self.senses(word, "n")
        return bool(senses) and self.synset(senses[0], "n").lexfile in STATE_FILES

    def _kind_of(self, offset: int, words: frozenset[str], depth: int) -> bool:
        for symbol, target, tpos, _, _ in self.synset(offset, "n").pointers:
            if symbol in HYPERNYMS and tpos == "n":
                if set(self.synset(target, "n").words) & words:
                    return True
                if depth > 1 and self._kind_of(target, words, depth - 1):
                    return True
        return False

    def _around(self, offset: int, pos: str, word: str) -> set[str]:
        first = self.synset(offset, pos)
        out = set(first.words)
        number = next((n for n, w in enumerate(first.words, 1) if w == word), 0)
        for symbol, target, tpos, source, to in first.pointers:
            if tpos not in POS_FILES:
                continue
            if symbol in PERTAINS and source in (0, number):
                found = self.synset(target, tpos).words
                out |= set(found) if not to else {found[to - 1]}
            elif symbol in PARTS:
                out |= set(self.synset(target, tpos).words)
        kinds = self._kinds(offset, pos, HYPONYM_DEPTH)
        if len(kinds) <= MAX_KINDS:
            out |= kinds
        return out

    def _kinds(self, offset: int, pos: str, depth: int,
               symbols: tuple[str, ...] = HYPONYMS) -> set[str]:
        out: set[str] = set()
        for symbol, target, tpos, _, _ in self.synset(offset, pos).pointers:
            if symbol in symbols and tpos in POS_FILES:
                out |= set(self.synset(target, tpos).words)
                if depth > 1:
                    out |= self._kinds(target, tpos, depth - 1, symbols)
        return out


def _search(path: Path, word: str) -> str | None:
    """The line of a sorted index.<pos> file for a lemma (a line is: lemma pos synset_cnt p_cnt
    [ptr_symbol...] sense_cnt tagsense_cnt synset_offset...), found by bisecting the file's
    bytes, as WordNet's own bin_search does: no index is held in memory."""
    key = word.encode("utf-8")
    with path.open("rb") as file:
        low, high = 0, path.stat().st_size
        while low < high:
            middle = (low + high) // 2
            if middle:
                file.seek(middle - 1)
                file.readline()  # to the first line that starts at or after middle
            else:
                file.seek(0)
            start = file.tell()
            line = file.readline()
            if not line or start >= high:
                high = middle
                continue
            lemma = line.split(b" ", 1)[0]
            if line.startswith(b" ") or lemma < key:
                low = start + len(line)
            elif lemma > key:
                high = middle
            else:
                return line.decode("utf-8", "replace")
    return None


def _parse(line: str) -> Synset:
    """A data.<pos> line: offset lex_filenum ss_type w_cnt (word lex_id)... p_cnt
    (symbol offset pos source/target)... | gloss."""
    parts = line.split(" | ")[0].split()
    count = int(parts[3], 16)
    words = tuple(_word(parts[4 + 2 * i]) for i in range(count))
    at = 4 + 2 * count
    pointers = []
    for i in range(int(parts[at])):
        symbol, offset, pos, ends = parts[at + 1 + 4 * i:at + 5 + 4 * i]
        pointers.append((symbol, int(offset), "a" if pos in "as" else pos,
                         int(ends[:2], 16), int(ends[2:], 16)))
    return Synset(words, tuple(pointers), int(parts[1]))


def _word(raw: str) -> str:
    return raw.split("(")[0].replace("_", " ").lower()  # "(a)", "(p)": adjective markers


@lru_cache(maxsize=1)
def wordnet() -> WordNet | None:
    """The installed WordNet database (see the module's docstring), or None."""
    named = os.environ.get("DOSSIER_WORDNET", "").strip()
    if named.lower() in ("off", "none", "0", "false"):
        return None
    for root in [Path(named)] if named else DEFAULT_DIRS:
        if (root / "index.noun").is_file() and (root / "data.noun").is_file():
            return WordNet(root)
    return None
