"""Patterns and lexicons from config/, validated at start-up and extendable by the user."""

from __future__ import annotations

import functools
from collections.abc import Callable
from functools import cached_property
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict

from .settings import package_yaml, read_mapping, validated

# The Doc.spans key under which nlp's term ruler puts the lexicons' terms for facts to read.
SPANS_KEY = "dossier"


class Pattern(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")

    label: str
    pattern: str | list[dict[str, Any]]
    id: str | None = None

    def to_spacy(self) -> dict[str, Any]:
        out: dict[str, Any] = {"label": self.label, "pattern": self.pattern}
        if self.id:
            out["id"] = self.id
        return out


class Lexicons(BaseModel):
    """Everything extraction knows about words: data only, no behaviour but lookups."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    activities: dict[str, list[str]]
    association_words: list[str]
    cause_words: list[str]
    board_kinds: dict[str, list[str]]
    board_positions: list[str]
    business_functions: list[str] = []
    honorifics: list[str]
    label_words: list[str]
    not_org_heads: list[str]
    name_suffixes: list[str]
    org_suffixes: list[str]
    nicknames: dict[str, list[str]]
    patterns: list[Pattern] = []

    def spacy_patterns(self, words: Callable[[str], list[str]] = str.split,
                       ) -> list[dict[str, Any]]:
        """Ruler patterns: the configured ones plus one phrase per activity surface form, cut
        into words by `words` (the model's tokenizer, so 'fly-fishing' is 'fly', '-',
        'fishing' as in the text)."""
        out = [p.to_spacy() for p in self.patterns]
        for canonical, forms in self.activities.items():
            for form in {canonical, *forms}:
                tokens = [{"LOWER": w.lower()} for w in words(form)]
                out.append({"label": "ACTIVITY", "pattern": tokens, "id": canonical})
        return out

    @cached_property
    def nickname_map(self) -> dict[str, set[str]]:
        """Given name -> every short form, and each short form -> the given names."""
        out: dict[str, set[str]] = {}
        for name, shorts in self.nicknames.items():
            out.setdefault(name, set()).update(shorts)
            for short in shorts:
                out.setdefault(short, set()).add(name)
        return out


def _extend(base: dict[str, Any], extra: dict[str, Any]) -> dict[str, Any]:
    """Lists are appended and mappings merged, so a user file only adds what it names."""
    out = dict(base)
    for key, value in extra.items():
        if isinstance(value, list) and isinstance(out.get(key), list):
            out[key] = out[key] + value
        elif isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _extend(out[key], value)
        else:
            out[key] = value
    return out


@functools.cache
def default_lexicons() -> Lexicons:
    """The built-in lexicons, read once."""
    return load_lexicons()


def load_lexicons(*extra_files: Path) -> Lexicons:
    data: dict[str, Any] = package_yaml("lexicons.yaml")
    data["patterns"] = package_yaml("patterns.yaml")
    for path in extra_files:
        extra = read_mapping(path, "lexicon names")
        extra.pop("topics", None)  # the hook topic lexicon, read by hooks.load_topics
        data = _extend(data, extra)
    return validated(Lexicons, data, "lexicons")
