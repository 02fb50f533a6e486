"""How names are compared: folding, the target's name forms, and whether a name is theirs.

Shared by discover (URL policy, no spaCy) and facts (attribution on the parse)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from .lexicons import Lexicons

# How people refer to themselves and to someone already named: the one list of these words that
# extraction (is a page personal?), the prefilter and attribution (who a sentence is about) read.
FIRST_PERSON = frozenset({"i", "me", "my", "mine", "myself"})
FIRST_PERSON_PLURAL = frozenset({"we", "us", "our", "ours", "ourselves"})
THIRD_PERSON = frozenset({"he", "she", "they", "him", "her", "them", "his", "hers", "their",
                          "theirs"})


def word_pattern(words: Iterable[str]) -> re.Pattern[str]:
    """Any of these lower-case words as a whole word, in text as written: "I" only in capitals
    (it is never written "i"), the others in lower case or capitalized at a sentence's start.
    "I'm" and "I've" match through their "I"."""
    forms = sorted({"I" if w == "i" else f"[{w[0]}{w[0].upper()}]{w[1:]}" for w in words})
    return re.compile(r"\b(?:" + "|".join(forms) + r")\b")


def fold(text: str) -> str:
    """Lower case, no diacritics, straight quotes: how names are compared."""
    return plain(text).lower()


def plain(text: str) -> str:
    """No diacritics, straight quotes, capitals kept."""
    if text.isascii():  # nothing to decompose or straighten
        return text
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    return text.replace("’", "'").replace("“", '"').replace("”", '"')


@dataclass
class NameForms:
    """The ways a page can write the target's name."""

    given: set[str] = field(default_factory=set)
    surnames: set[str] = field(default_factory=set)
    suffix: str | None = None
    honorifics: set[str] = field(default_factory=set)
    suffixes: set[str] = field(default_factory=set)
    surname_parts: set[str] = field(default_factory=set)  # of a hyphenated surname

    def add(self, name: str) -> None:
        given, surname, suffix = self.split(name)
        if surname:
            self.surnames.add(surname)
            if "-" in surname:  # "Mehta-Lindgren" may also appear spaced, or cut at the
                self.surnames.add(surname.replace("-", " "))  # hyphen ('Isabel Drost')
                self.surname_parts.update(p for p in surname.split("-") if len(p) > 1)
        self.given.update(given)
        if suffix and not self.suffix:
            self.suffix = suffix

    def split(self, name: str) -> tuple[list[str], str, str | None]:
        """(given names incl. quoted nicknames, surname, suffix) of a name string."""
        nick = re.findall(r'"([^"]+)"', fold(name))
        words = [w.strip(".,") for w in re.sub(r'"[^"]+"', " ", fold(name)).split()]
        words = [w for w in words if w and w not in self.honorifics]
        suffix = None
        while words and words[-1] in self.suffixes:
            suffix = suffix or words[-1]
            words.pop()
        words = [w for w in words if len(w) > 1]  # middle initials carry no weight
        if not words:
            return nick, "", suffix
        return words[:-1] + nick, words[-1], suffix


def name_forms(names: Iterable[str], lexicons: Lexicons) -> NameForms:
    forms = NameForms(honorifics={h.strip(".") for h in lexicons.honorifics},
                      suffixes={s.strip(".") for s in lexicons.name_suffixes})
    for name in names:
        forms.add(name)
    for given in list(forms.given):
        forms.given.update(lexicons.nickname_map.get(given, set()))
    return forms


Kind = Literal["target", "surname", "given", "other"]


def classify_name(text: str, forms: NameForms) -> Kind:
    """Is this person name the target, an ambiguous short form, or someone else?"""
    given, surname, suffix = forms.split(text)
    folded = fold(text)
    spaced = next((s for s in forms.surnames if " " in s and (folded.endswith(" " + s) or
                                                              folded == s)), None)
    if spaced is not None:  # "Pettigrew Lowe" for Pettigrew-Lowe: both words are surname
        given = [g for g in given if g not in spaced.split()]
    surname_hit = surname in forms.surnames or spaced is not None or \
        surname in forms.surname_parts and bool(given) and given[0] in forms.given
    if surname_hit:
        if suffix and forms.suffix and suffix != forms.suffix:
            return "other"  # Jr. is not III
        if not given:
            return "surname"
        return "target" if given[0] in forms.given or given[-1] in forms.given else "other"
    if not given and surname in forms.given:
        return "given"
    return "other"
