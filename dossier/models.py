"""Frozen values passed between stages: Target -> Page -> Document -> Fact -> Hook -> Dossier."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any, Literal, cast

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
# The title a rule gives a role it read from a verb ('heads Pellham Media', 'the firm led by
# her'): the merge places it like an untitled role, joining the title held there, or keeps it.
STAND_IN_TITLE = "Head"
# Titles that stand in for the one the pages may give elsewhere: 'Head' and 'Employee' ('worked
# at Jones Oil', 'spent six years at Google').
EMPLOYEE_TITLE = "Employee"
STAND_IN_TITLES = frozenset({STAND_IN_TITLE, EMPLOYEE_TITLE})


class PlainData:
    """to_dict() as dataclasses.asdict, for the values whose fields all serialise as they are."""

    __slots__ = ()

    def to_dict(self) -> dict[str, Any]:
        return asdict(cast(Any, self))


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
    registrant: str | None = None  # a filing's company, from its inline XBRL cover data


@dataclass(frozen=True, slots=True)
class Source(PlainData):
    """What became of one URL: read, failed or skipped, and why."""

    url: str
    status: SourceStatus
    kind: PageKind = "other"
    title: str | None = None
    error: str | None = None
    origin: Origin = "seed"
    found_on: str | None = None
    date: str | None = None


@dataclass(frozen=True, slots=True)
class Evidence(PlainData):
    """Where a fact was read: the sentence, its place in the page text, and the rule."""

    url: str
    quote: str
    start: int = 0
    end: int = 0
    rule: str = ""
    as_of: str | None = None


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

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Fact:
        """The fact that to_dict() wrote (fields of its category, evidence, confidence)."""
        category = str(data.get("category", ""))
        return cls(category=category,
                   fields={k: data.get(k) for k in CATEGORY_FIELDS.get(category, ())},
                   evidence=tuple(Evidence(**e) for e in data.get("evidence", ())),
                   confidence=float(data.get("confidence") or 0.0),
                   id=str(data.get("id", "")), stale=bool(data.get("stale")))

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

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Hook:
        return cls(priority=str(data.get("priority", "")), fact_id=str(data.get("fact_id", "")),
                   score=float(data.get("score") or 0.0), rationale=data.get("rationale", ""),
                   opener=data.get("opener", ""), components=data.get("components") or {},
                   url=data.get("url"))

    def to_dict(self) -> dict[str, Any]:
        out = asdict(self)
        out["score"] = round(self.score, 3)
        out["components"] = {k: round(v, 3) for k, v in self.components.items()}
        return out


@dataclass(frozen=True, slots=True)
class Offer(PlainData):
    """Something the user could give the target, answering one fact."""

    kind: str
    text: str
    fact_id: str | None = None


@dataclass(frozen=True, slots=True)
class FetchError(PlainData):
    """A URL that could not be used, and the one-line reason."""

    url: str
    message: str


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

    def current_role(self) -> Fact | None:
        """The role shown as "Now": the latest marked current, else the latest open one."""
        roles = [f for f in self.facts if f.category == "role"]
        current = [r for r in roles if r.get("current")]
        pool = current or [r for r in roles if r.get("end") is None and r.get("start")]
        return max(pool, key=lambda r: (r.get("start") or 0, r.confidence), default=None)

    def best_hook(self) -> Hook | None:
        """The strongest hook over all priorities; ties go to the earlier one."""
        return max(self.hooks, key=lambda h: h.score, default=None)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Dossier:
        """The dossier that to_dict() wrote (a JSON file of an earlier run, read back);
        ValueError for a mapping that is not one."""
        try:
            return cls._from_dict(data)
        except (TypeError, AttributeError, ValueError) as exc:
            raise ValueError(f"not a dossier: {exc}") from exc

    @classmethod
    def _from_dict(cls, data: dict[str, Any]) -> Dossier:
        target = data.get("target") or {}
        return cls(
            target=Target(str(target.get("name", "")), tuple(target.get("aliases", ()))),
            priorities=tuple(data.get("priorities", ())),
            sources=tuple(Source(**s) for s in data.get("sources", ())),
            facts=tuple(Fact.from_dict(f) for f in data.get("facts", ())),
            hooks=tuple(Hook.from_dict(h) for h in data.get("hooks", ())),
            offers=tuple(Offer(**o) for o in data.get("offers", ())),
            errors=tuple(FetchError(**e) for e in data.get("errors", ())),
            generated_at=str(data.get("generated_at", "")),
            changes=tuple(data.get("changes", ())),
        )

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
