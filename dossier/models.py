"""Frozen values passed between stages: Target -> Page -> Document -> Fact -> Hook -> Dossier."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal

SCHEMA_VERSION = 1

PageKind = Literal["bio", "interview", "article", "profile", "other"]
SourceStatus = Literal["ok", "error", "skipped"]
Origin = Literal["seed", "discovered"]

CATEGORIES: tuple[str, ...] = (
    "role", "board", "education", "association", "cause", "activity", "work", "family",
)
# The fields each fact category carries, in output order (the JSON contract).
CATEGORY_FIELDS: dict[str, tuple[str, ...]] = {
    "role": ("title", "org", "start", "end", "current"),
    "board": ("org", "kind", "position"),
    "education": ("institution", "degree", "field", "year"),
    "association": ("org", "position"),
    "cause": ("name", "involvement"),
    "activity": ("name", "detail"),
    "work": ("title", "kind"),
    "family": ("relation", "detail"),
}
# The field that names a fact: what a reader (and the merge) identifies it by.
KEY_FIELD: dict[str, str] = {
    "role": "org", "board": "org", "education": "institution", "association": "org",
    "cause": "name", "activity": "name", "work": "title", "family": "relation",
}


@dataclass(frozen=True, slots=True)
class Target:
    """The person a dossier is about."""

    name: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Page:
    """Bytes fetched from a URL or read from a local file."""

    url: str
    final_url: str
    status_code: int
    content_type: str
    body: bytes
    encoding: str | None = None
    from_cache: bool = False


@dataclass(frozen=True, slots=True)
class Link:
    """A hyperlink found on a page: where it points, the words on it and around it."""

    url: str
    text: str
    context: str = ""  # the section heading and the paragraph or list item holding the link
    section: str = ""  # the section heading alone ("Related stories", "Chip in the news")
    nav: bool = False  # inside the site's navigation, header or footer


@dataclass(frozen=True, slots=True)
class Document:
    """A page's main text and metadata, as extraction found them."""

    url: str
    text: str
    title: str | None = None
    author: str | None = None
    date: str | None = None
    site: str | None = None
    kind: PageKind = "other"
    links: tuple[Link, ...] = ()
    json_ld: tuple[dict[str, Any], ...] = ()


@dataclass(frozen=True, slots=True)
class Source:
    """What became of one URL: read, failed or skipped, and why."""

    url: str
    status: SourceStatus
    kind: PageKind = "other"
    title: str | None = None
    error: str | None = None
    origin: Origin = "seed"
    found_on: str | None = None
    date: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Evidence:
    """Where a fact was read: the sentence, its place in the page text, and the rule."""

    url: str
    quote: str
    start: int = 0
    end: int = 0
    rule: str = ""
    as_of: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Fact:
    """One thing learned about the target, with the evidence for it."""

    category: str
    fields: dict[str, Any]
    evidence: tuple[Evidence, ...]
    confidence: float = 0.5
    id: str = ""
    stale: bool = False

    def get(self, name: str) -> Any:
        return self.fields.get(name)

    @property
    def key(self) -> str:
        return str(self.fields.get(KEY_FIELD[self.category]) or "")

    def to_dict(self) -> dict[str, Any]:
        out: dict[str, Any] = {"id": self.id, "category": self.category}
        for name in CATEGORY_FIELDS[self.category]:
            out[name] = self.fields.get(name)
        out["evidence"] = [e.to_dict() for e in self.evidence]
        out["confidence"] = round(self.confidence, 3)
        out["stale"] = self.stale
        return out


@dataclass(frozen=True, slots=True)
class Hook:
    """A fact tied to one of the user's priorities, with why and how to open."""

    priority: str
    fact_id: str
    score: float
    rationale: str
    opener: str
    components: dict[str, float] = field(default_factory=dict)
    url: str | None = None

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["score"] = round(self.score, 3)
        out["components"] = {k: round(v, 3) for k, v in self.components.items()}
        return out


@dataclass(frozen=True, slots=True)
class Offer:
    """Something the user could give the target, answering one fact."""

    kind: str
    text: str
    fact_id: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class FetchError:
    """A URL that could not be used, and the one-line reason."""

    url: str
    message: str

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass(frozen=True, slots=True)
class Dossier:
    """Everything the pipeline learned about one target, ready to render."""

    target: Target
    priorities: tuple[str, ...]
    sources: tuple[Source, ...]
    facts: tuple[Fact, ...]
    hooks: tuple[Hook, ...] = ()
    offers: tuple[Offer, ...] = ()
    errors: tuple[FetchError, ...] = ()
    generated_at: str = ""
    changes: tuple[str, ...] = ()

    @property
    def sources_ok(self) -> int:
        return sum(1 for s in self.sources if s.status == "ok")

    def fact(self, fact_id: str) -> Fact | None:
        return next((f for f in self.facts if f.id == fact_id), None)

    def to_dict(self) -> dict[str, Any]:
        return {
            "schema_version": SCHEMA_VERSION,
            "target": {"name": self.target.name, "aliases": list(self.target.aliases)},
            "priorities": list(self.priorities),
            "generated_at": self.generated_at,
            "sources": [s.to_dict() for s in self.sources],
            "facts": [f.to_dict() for f in self.facts],
            "hooks": [h.to_dict() for h in self.hooks],
            "offers": [o.to_dict() for o in self.offers],
            "errors": [e.to_dict() for e in self.errors],
            "changes": list(self.changes),
        }
