"""Run one target through the stages: fetch -> extract -> facts -> merge -> hooks -> Dossier."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from spacy.language import Language

from . import discover as discover_stage
from . import extract as extract_stage
from . import facts as facts_stage
from . import hooks as hooks_stage
from . import merge as merge_stage
from . import nlp as nlp_stage
from .fetch import Fetcher
from .lexicons import Lexicons, load_lexicons
from .models import Document, Dossier, FetchError, Source, Target
from .profile import Profile
from .settings import DiscoverSettings, Settings

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
    urls: Sequence[str], fetcher: Fetcher, target: Target | None = None,
    lexicons: Lexicons | None = None, options: DiscoverSettings | None = None,
) -> tuple[list[Document], list[Source], list[FetchError]]:
    """Read every URL once and, with discovery options, the linked pages about the target;
    pages that cannot be used become skipped or error sources, never exceptions."""
    crawl = discover_stage.Crawl.create(urls, target, lexicons, options)
    crawl.run(fetcher.fetch_all, extract_stage.extract)
    return crawl.docs, crawl.sources, crawl.errors


def build(target: Target, urls: Sequence[str], profile: Profile, engine: Engine,
          fetcher: Fetcher | None = None) -> Dossier:
    """Build the dossier of one target from its URLs."""
    own = fetcher is None
    fetcher = fetcher or engine.fetcher()
    try:
        docs, sources, errors = read_sources(urls, fetcher, target, engine.lexicons,
                                             engine.settings.discover)
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
    offers = hooks_stage.offers(facts, profile, engine.topics, engine.nlp)
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
