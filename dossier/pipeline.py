"""Run one target through the stages: fetch -> extract -> facts -> merge -> hooks -> Dossier."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from spacy.language import Language

from . import extract as extract_stage
from . import facts as facts_stage
from . import hooks as hooks_stage
from . import merge as merge_stage
from . import nlp as nlp_stage
from .errors import SourceError
from .fetch import Fetcher
from .lexicons import Lexicons, load_lexicons
from .models import Document, Dossier, FetchError, Source, Target
from .profile import Profile
from .settings import Settings

log = logging.getLogger(__name__)


@dataclass
class Engine:
    """What is loaded once per process and shared by every target: settings, lexicons, model."""

    settings: Settings
    lexicons: Lexicons
    nlp: Language
    topics: hooks_stage.Topics

    @classmethod
    def create(cls, settings: Settings, lexicon_files: Sequence[Path] = ()) -> Engine:
        lexicons = load_lexicons(*lexicon_files)
        return cls(settings, lexicons, nlp_stage.load(settings.nlp, lexicons),
                   hooks_stage.load_topics(*lexicon_files))

    def fetcher(self) -> Fetcher:
        return Fetcher(self.settings.fetch, self.settings.cache_path)


def read_sources(
    urls: Sequence[str], fetcher: Fetcher
) -> tuple[list[Document], list[Source], list[FetchError]]:
    """Fetch and extract every URL once; failures become error sources, never exceptions."""
    docs: list[Document] = []
    sources: list[Source] = []
    errors: list[FetchError] = []
    for url in dict.fromkeys(u.strip() for u in urls if u.strip()):
        try:
            doc = extract_stage.extract(fetcher.fetch(url))
        except SourceError as exc:
            sources.append(Source(url=url, status="error", error=str(exc)))
            errors.append(FetchError(url=url, message=str(exc)))
            log.info("source %s failed: %s", url, exc)
            continue
        docs.append(doc)
        sources.append(Source(url=url, status="ok", kind=doc.kind, title=doc.title,
                              date=doc.date))
    return docs, sources, errors


def build(target: Target, urls: Sequence[str], profile: Profile, engine: Engine,
          fetcher: Fetcher | None = None) -> Dossier:
    """Build the dossier of one target from its URLs."""
    own = fetcher is None
    fetcher = fetcher or engine.fetcher()
    try:
        docs, sources, errors = read_sources(urls, fetcher)
    finally:
        if own:
            fetcher.close()
    return assemble(target, docs, sources, errors, profile, engine)


def assemble(target: Target, docs: Sequence[Document], sources: Sequence[Source],
             errors: Sequence[FetchError], profile: Profile, engine: Engine) -> Dossier:
    """The NLP half of the pipeline, from extracted documents to a finished Dossier."""
    found = facts_stage.find_facts(docs, target, engine.nlp, engine.lexicons)
    aliases = facts_stage.aliases_of(target, docs, engine.lexicons)
    facts = merge_stage.merge(found)
    hooks = hooks_stage.rank(facts, profile, engine.topics, engine.nlp,
                             per_priority=engine.settings.output.top_hooks)
    offers = hooks_stage.offers(facts, profile)
    return Dossier(
        target=Target(target.name, tuple(aliases)),
        priorities=profile.priorities,
        sources=tuple(sources),
        facts=tuple(facts),
        hooks=tuple(hooks),
        offers=tuple(offers),
        errors=tuple(errors),
        generated_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
    )
