"""Hooks stage: facts x the user's priorities -> ranked hooks with reasons and openers; offers."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from spacy.language import Language

from .errors import ConfigError
from .models import Fact, Hook, Offer
from .profile import Profile
from .settings import package_yaml, read_yaml

# Weights of the score components; chosen by hand on the dev set so that a lexical or
# topic match dominates and the bonuses only order facts that match equally well.
W_RELEVANCE = 0.6
W_SPECIFIC = 0.15
W_SHARED = 0.1
W_RECENT = 0.1
W_CORROBORATED = 0.05
# A fact whose relevance is below this does not become a hook for that priority.
MIN_RELEVANCE = 0.2
SHARED_CATEGORIES = {"board", "association", "cause", "activity"}
STOP = {"the", "a", "an", "of", "and", "in", "for", "to", "on", "at", "with", "my", "how"}


@dataclass(frozen=True)
class Topics:
    """Priority phrase -> related terms (lower case)."""

    terms: dict[str, tuple[str, ...]]

    def related(self, priority: str) -> set[str]:
        key = priority.lower().strip()
        out: set[str] = set()
        for name, terms in self.terms.items():
            if name == key or name in key or key in name:
                out.update(terms)
        return out


def load_topics(*extra_files: Path) -> Topics:
    terms: dict[str, list[str]] = dict(package_yaml("topics.yaml")["topics"])
    for path in extra_files:
        data = read_yaml(path) or {}
        extra = data.get("topics", {}) if isinstance(data, dict) else None
        if not isinstance(extra, dict):
            raise ConfigError(f"{path}: topics must be a mapping of priority -> terms")
        for name, words in extra.items():
            terms[str(name).lower()] = [*terms.get(str(name).lower(), []), *map(str, words)]
    return Topics({k.lower(): tuple(w.lower() for w in v) for k, v in terms.items()})


def words(text: str) -> set[str]:
    return {w for w in re.findall(r"[a-z0-9]+", text.lower()) if w not in STOP}


def fact_text(fact: Fact) -> str:
    return " ".join(str(v) for v in fact.fields.values() if isinstance(v, str))


def relevance(fact: Fact, priority: str, topics: Topics, nlp: Language) -> float:
    text = fact_text(fact).lower()
    mine, theirs = _lemmas(priority, nlp), _lemmas(text, nlp)
    lexical = len(mine & theirs) / len(mine) if mine else 0.0
    related = topics.related(priority)
    topical = 0.8 if any(re.search(rf"\b{re.escape(t)}\b", text) for t in related) else 0.0
    quote_hit = any(re.search(rf"\b{re.escape(t)}\b", e.quote.lower())
                    for e in fact.evidence for t in related | mine)
    return max(lexical, topical, 0.3 if quote_hit else 0.0)


def _lemmas(text: str, nlp: Language) -> set[str]:
    doc = nlp.tokenizer(text.lower())
    lookups = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
    out = set()
    for tok in doc:
        if tok.is_alpha and tok.text not in STOP:
            out.add(tok.text[:-1] if lookups and tok.text.endswith("s") and len(tok) > 4
                    else tok.text)
    return out


def specificity(fact: Fact) -> float:
    text = fact_text(fact)
    named = bool(re.search(r"\b[A-Z][a-z]+", text))
    dated = any(isinstance(fact.get(k), int) for k in ("start", "end", "year"))
    return 0.6 * named + 0.4 * dated


def recency(fact: Fact) -> float:
    if fact.get("current"):
        return 1.0
    year = fact.get("end") or fact.get("start") or fact.get("year")
    return max(0.0, 1.0 - (2026 - year) / 20) if isinstance(year, int) else 0.3


def score(fact: Fact, priority: str, topics: Topics, nlp: Language) -> dict[str, float]:
    return {
        "relevance": relevance(fact, priority, topics, nlp),
        "specificity": specificity(fact),
        "shared_activity": 1.0 if fact.category in SHARED_CATEGORIES else 0.0,
        "recency": recency(fact),
        "corroboration": min(1.0, (len({e.url for e in fact.evidence}) - 1) / 2),
    }


def total(parts: dict[str, float]) -> float:
    return (W_RELEVANCE * parts["relevance"] + W_SPECIFIC * parts["specificity"]
            + W_SHARED * parts["shared_activity"] + W_RECENT * parts["recency"]
            + W_CORROBORATED * parts["corroboration"])


def rank(facts: Sequence[Fact], profile: Profile, topics: Topics, nlp: Language,
         per_priority: int = 3) -> list[Hook]:
    hooks: list[Hook] = []
    for priority in profile.priorities:
        scored = []
        for fact in facts:
            if fact.category == "family":
                continue  # private: never a conversation opener
            parts = score(fact, priority, topics, nlp)
            if parts["relevance"] >= MIN_RELEVANCE:
                scored.append((total(parts), fact, parts))
        scored.sort(key=lambda item: -item[0])
        for value, fact, parts in scored[:per_priority]:
            hooks.append(Hook(priority=priority, fact_id=fact.id, score=value,
                              rationale=rationale(fact, priority),
                              opener=opener(fact, priority), components=parts,
                              url=fact.evidence[0].url if fact.evidence else None))
    return hooks


def describe(fact: Fact) -> str:
    f = fact.fields
    match fact.category:
        case "role":
            return f"{f.get('title') or 'a role'} at {f.get('org') or 'an organization'}"
        case "board":
            return f"the board of {f.get('org')}"
        case "education":
            return f"{f.get('degree') + ' at ' if f.get('degree') else ''}{f.get('institution')}"
        case "association":
            return f"{f.get('org')}"
        case "cause":
            return f"{f.get('name')}"
        case "activity":
            return f"{f.get('name')}"
        case "work":
            return f"“{f.get('title')}”"
        case _:
            return fact.key


def rationale(fact: Fact, priority: str) -> str:
    return f"Their {fact.category} ({describe(fact)}) ties to your interest in {priority}."


def opener(fact: Fact, priority: str) -> str:
    what = describe(fact)
    match fact.category:
        case "role":
            return (f"I read about your time as {what}; what did that role teach you about "
                    f"{priority} that you couldn't have learned elsewhere?")
        case "board" | "association":
            return (f"I saw you're involved with {what}. I'm working on {priority}; how has "
                    "that involvement shaped the way you think about it?")
        case "cause" | "activity":
            return (f"I noticed your involvement with {what}. I'd love to join in, and to "
                    f"hear how it connects to {priority} for you.")
        case "work":
            return (f"Your {fact.get('kind') or 'work'} {what} stayed with me; what would you "
                    f"add to it today for someone learning {priority}?")
        case _:
            return f"I'd love to hear how {what} relates to {priority}."


def offers(facts: Sequence[Fact], profile: Profile) -> list[Offer]:
    out: list[Offer] = []
    for fact in facts:
        if fact.category in ("association", "cause"):
            out.append(Offer("hands-on help", f"Volunteer for {describe(fact)}, which they "
                             "support.", fact.id))
        elif fact.category == "work" and profile.contacts:
            out.append(Offer("contacts", f"Introduce them to your {profile.contacts[0]} to "
                             f"spread {describe(fact)}.", fact.id))
        elif fact.category == "family" and fact.get("relation") in ("son", "daughter"):
            out.append(Offer("help someone they care about", "If their "
                             f"{fact.get('relation')} is starting out, offer what you know "
                             "about early-career moves.", fact.id))
    for view in profile.perspectives[:2]:
        out.append(Offer("perspective", f"Share your view on {view}.", None))
    return out
