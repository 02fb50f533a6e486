"""Run one target through the stages: fetch -> extract -> facts -> merge -> hooks -> Dossier.

The reading half (fetch, extract) does not need spaCy, nor the NLP half the reading libraries:
each stage is imported when first used, so that `build_fresh` can read the pages in a forked
process (which imports the reading half) while this one imports spaCy and loads the model.
"""

from __future__ import annotations

import contextlib
import logging
import multiprocessing
import os
import re
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any, ParamSpec, TypeVar

from .budget import Budget
from .errors import ConfigError
from .lexicons import Lexicons, load_lexicons
from .models import Document, Dossier, Fact, FetchError, Source, Target
from .profile import Profile
from .settings import DiscoverSettings, Settings

if TYPE_CHECKING:
    from spacy.language import Language

    from .extract import SharedPages
    from .facts import Reading
    from .fetch import Fetcher
    from .hooks import Topics

log = logging.getLogger(__name__)
P = ParamSpec("P")
R = TypeVar("R")


@dataclass
class Timings:
    """Seconds spent in each stage (fetch, extract, facts, merge, hooks, and render when the
    caller times it), summed over every build given the same object."""

    seconds: dict[str, float] = field(default_factory=dict)

    @contextmanager
    def stage(self, name: str) -> Iterator[None]:
        started = time.perf_counter()
        try:
            yield
        finally:
            self.seconds[name] = self.seconds.get(name, 0.0) + time.perf_counter() - started

    def timed(self, name: str, func: Callable[P, R]) -> Callable[P, R]:
        """func, with the time of each call added to the stage `name`."""
        def call(*args: P.args, **kwargs: P.kwargs) -> R:
            with self.stage(name):
                return func(*args, **kwargs)
        return call

    def add(self, other: Timings) -> None:
        for name, seconds in other.seconds.items():
            self.seconds[name] = self.seconds.get(name, 0.0) + seconds


@dataclass
class Engine:
    """What is loaded once per process and shared by every target: settings, lexicons, model."""

    settings: Settings
    lexicons: Lexicons
    nlp: Language
    topics: Topics

    @classmethod
    def create(cls, settings: Settings, lexicon_files: Sequence[Path] = (),
               lexicons: Lexicons | None = None) -> Engine:
        """Load the model, the lexicons (unless given, read from `lexicon_files`) and topics."""
        from . import hooks as hooks_stage
        from . import nlp as nlp_stage

        lexicons = lexicons if lexicons is not None else load_lexicons(*lexicon_files)
        try:
            nlp = nlp_stage.load(settings.nlp, lexicons)
        except (ValueError, re.error) as exc:  # spaCy's MatchPatternError, a bad REGEX
            raise ConfigError(f"lexicons: a pattern is invalid: {_one_line(exc)}") from exc
        return cls(settings, lexicons, nlp, hooks_stage.load_topics(*lexicon_files))

    def fetcher(self) -> Fetcher:
        from .fetch import Fetcher

        return Fetcher(self.settings.fetch, self.settings.cache_path)

    def warm_up(self) -> None:
        """Do now what the first target would otherwise wait for: the prefilter's dictionary
        words and the topic lexicon's lemmas, each computed once per model."""
        from . import hooks as hooks_stage
        from .facts import prefilter

        prefilter.vocabulary(self.nlp, self.lexicons)
        hooks_stage.analyzer_for(self.nlp).prepare(
            [*self.topics.topics, *self.topics.shared_activity_terms])


def _one_line(exc: BaseException, limit: int = 300) -> str:
    """A multi-line library message (spaCy lists each bad pattern on its own line) as one."""
    text = " ".join(line.strip() for line in str(exc).splitlines() if line.strip())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def read_sources(
    urls: Sequence[str], fetcher: Fetcher, target: Target | None = None,
    lexicons: Lexicons | None = None, options: DiscoverSettings | None = None,
    timings: Timings | None = None, budget: Budget | None = None,
    shared: SharedPages | None = None,
) -> tuple[list[Document], list[Source], list[FetchError]]:
    """Read every URL once and, with discovery options, the linked pages about the target;
    pages that cannot be used (or are left when `budget` is spent) become skipped or error
    sources, never exceptions. With `shared`, the pages other processes of a batch read too
    are extracted once for all of them."""
    from . import discover as discover_stage
    from . import extract as extract_stage

    timings = timings if timings is not None else Timings()
    crawl = discover_stage.Crawl.create(urls, target, lexicons, options)
    crawl.run(timings.timed("fetch", fetcher.fetch_all),
              timings.timed("extract", shared.extract if shared is not None
                            else extract_stage.extract_cached), budget)
    return crawl.docs, crawl.sources, crawl.errors


def build(target: Target, urls: Sequence[str], profile: Profile, engine: Engine,
          fetcher: Fetcher | None = None, timings: Timings | None = None,
          budget: Budget | None = None, shared: SharedPages | None = None) -> Dossier:
    """Build the dossier of one target from its URLs; `timings`, if given, gets each
    stage's seconds added. The time budget (default: `limits.target_seconds` from now)
    stops the stages taking new work; the dossier then says what was left. `shared`: see
    read_sources."""
    budget = budget or Budget(engine.settings.limits.target_seconds)
    own = fetcher is None
    fetcher = fetcher or engine.fetcher()
    try:
        docs, sources, errors = read_sources(urls, fetcher, target, engine.lexicons,
                                             engine.settings.discover, timings, budget, shared)
    finally:
        if own:
            fetcher.close()
    return assemble(target, docs, sources, errors, profile, engine, timings, budget)


def build_fresh(target: Target, urls: Sequence[str], profile: Profile, settings: Settings,
                lexicon_files: Sequence[Path] = (), overlap: bool | None = None) -> Dossier:
    """build() in a process that has no engine yet (`dossier build`): with `overlap` (default:
    on Linux with two CPUs to use, see _can_fork), a forked process fetches and reads
    the pages while this one imports spaCy and loads the model, which take about as long;
    then, with as much to parse as a page of some length, a forked copy of this process
    parses half of the lines while this one parses the other half (_read_in_two).
    The dossier is the same; if a forked process fails in any way, its work is done here,
    as build() does it."""
    lexicons = load_lexicons(*lexicon_files)
    read: Read | None = None
    if _can_fork() if overlap is None else overlap:
        budget = Budget(settings.limits.target_seconds)  # from the first fetch, as in build()
        reader = _Reader.start(urls, target, lexicons, settings, budget)
        try:
            engine = Engine.create(settings, lexicon_files, lexicons)
            engine.warm_up()  # while the pages are still being read
            read = reader.result()
        finally:
            reader.stop()
    else:
        engine = Engine.create(settings, lexicon_files, lexicons)
        budget = Budget(settings.limits.target_seconds)
    if read is None:  # read here: no fork, or the reading process failed
        fetcher = engine.fetcher()
        try:
            read = read_sources(urls, fetcher, target, lexicons, settings.discover,
                                budget=budget)
        finally:
            fetcher.close()
    # no later target in this process: its frequent words need not be remembered
    return assemble(target, *read, profile, engine, budget=budget, remember=False,
                    split=overlap)


def _can_fork() -> bool:
    """Reading in a forked process pays only with a second CPU for this process to use, and
    is safe only on Linux (macOS system libraries may crash a forked child that uses them, as
    the HTTP proxy lookup does) and while this process has no other thread (one could hold a
    lock the child would wait for forever: a test's HTTP server, a program that embeds it)."""
    return sys.platform.startswith("linux") and len(os.sched_getaffinity(0)) > 1 and \
        threading.active_count() == 1


Read = tuple[list[Document], list[Source], list[FetchError]]


@dataclass
class _Reader:
    """read_sources() in a forked process, its result sent back through a pipe."""

    process: Any  # multiprocessing's ForkProcess
    conn: Connection
    budget: Budget

    @classmethod
    def start(cls, urls: Sequence[str], target: Target, lexicons: Lexicons,
              settings: Settings, budget: Budget) -> _Reader:
        context = multiprocessing.get_context("fork")
        receive, send = context.Pipe(duplex=False)
        process = context.Process(target=_read_and_send, daemon=True, name="dossier-reader",
                                  args=(send, urls, target, lexicons, settings, budget))
        process.start()
        send.close()  # the child's end: once it exits, recv() ends instead of waiting
        return cls(process, receive, budget)

    def result(self) -> Read | None:
        """The child's documents, sources and errors, or None if it failed."""
        try:
            status, payload = self.conn.recv()
        except (EOFError, OSError):  # it died (killed, out of memory) before sending
            return None
        if status != "ok":
            log.debug("the reading process failed (%s); reading here", payload)
            return None
        read, left = payload
        for what, count in left.items():  # what the budget cut, as build() would note it
            self.budget.leave(what, count)
        return read

    def stop(self) -> None:
        self.conn.close()
        if self.process.is_alive():
            self.process.terminate()
        self.process.join()


def _read_and_send(conn: Connection, urls: Sequence[str], target: Target, lexicons: Lexicons,
                   settings: Settings, budget: Budget) -> None:
    """In the forked process: read the sources and send them, or why it could not."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's, which ends this
    from . import extract as extract_stage
    from .fetch import Fetcher

    extract_stage.allow_forking()  # a big page's main text beside its blocks (2 CPUs here)
    try:
        fetcher = Fetcher(settings.fetch, settings.cache_path)
        try:
            read = read_sources(urls, fetcher, target, lexicons, settings.discover,
                                budget=budget)
        finally:
            fetcher.close()
        conn.send(("ok", (read, budget.left)))
    except BaseException as exc:  # noqa: BLE001 - the parent reads the pages itself instead
        with contextlib.suppress(OSError):  # the parent may be gone already
            conn.send(("failed", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


# Characters of lines to parse under which a forked process would not pay for itself
# (_read_in_two): spaCy parses about 40,000 a second here, a fork and its answer take
# about 0.03 s.
SPLIT_MIN_CHARS = 20_000
# Share of the characters this process counts as parsed before it starts, for the work it
# does after the parse (about 0.15 s on the proxy statement's 75,000 characters).
SPLIT_HEAD_START = 0.08


def _read_in_two(reading: Reading, engine: Engine, budget: Budget | None
                 ) -> dict[int, list[Fact]] | None:
    """The facts of every unit of `reading`, half of its lines parsed by a forked copy of
    this process (the model shared, copy on write) while this one parses the other half;
    None when there is too little to parse, or when the fork fails (then this process
    reads them all, as it would have)."""
    weights = [reading.weight(unit) for unit in range(len(reading.units))]
    if len(weights) < 2 or sum(weights) < SPLIT_MIN_CHARS:
        return None
    # the heaviest units first, each to the lighter side; this process, which also takes
    # the other's answer and goes on to merge, rank and write, starts a little heavier
    loads = [SPLIT_HEAD_START * sum(weights), 0.0]
    sides: tuple[list[int], list[int]] = ([], [])
    for unit in sorted(range(len(weights)), key=lambda u: -weights[u]):
        side = 0 if loads[0] <= loads[1] else 1
        loads[side] += weights[unit]
        sides[side].append(unit)
    mine, theirs = sorted(sides[0]), sorted(sides[1])
    if not mine or not theirs:
        return None
    batch_size = engine.settings.nlp.batch_size
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    try:
        process = context.Process(target=_read_units, daemon=True, name="dossier-parser",
                                  args=(send, reading, theirs, engine.nlp, batch_size, budget))
        process.start()
    except OSError as exc:  # no memory or no process left for a fork
        log.debug("no second process to parse in (%s)", exc)
        return None
    finally:
        send.close()
    try:
        found = reading.read(mine, engine.nlp, batch_size, budget)
        try:
            status, payload = receive.recv()
        except (EOFError, OSError):  # it died before sending
            status, payload = "failed", "no answer"
    finally:
        receive.close()
        if process.is_alive():
            process.terminate()
        process.join()
    if status != "ok":
        log.debug("the parsing process failed (%s); parsing its lines here", payload)
        payload = (reading.read(theirs, engine.nlp, batch_size, budget), {})
    else:
        log.debug("facts: %d of %d units (%d of %d characters) read in a second process",
                  len(theirs), len(weights), sum(weights[u] for u in theirs), sum(weights))
    theirs_found, left = payload
    for what, count in left.items():
        if budget is not None:
            budget.leave(what, count)
    return {**found, **theirs_found}


def _read_units(conn: Connection, reading: Reading, units: list[int],
                nlp: Language, batch_size: int, budget: Budget | None) -> None:
    """In the forked process: read these units and send their facts, or why it could not."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's, which ends this
    try:
        before = dict(budget.left) if budget is not None else {}
        found = reading.read(units, nlp, batch_size, budget)
        left = {what: count - before.get(what, 0)  # what this process left, only
                for what, count in (budget.left if budget is not None else {}).items()}
        conn.send(("ok", (found, left)))
    except BaseException as exc:  # noqa: BLE001 - the parent reads the units itself instead
        with contextlib.suppress(OSError):
            conn.send(("failed", f"{type(exc).__name__}: {exc}"))
    finally:
        conn.close()


def assemble(target: Target, docs: Sequence[Document], sources: Sequence[Source],
             errors: Sequence[FetchError], profile: Profile, engine: Engine,
             timings: Timings | None = None, budget: Budget | None = None,
             remember: bool = True, split: bool | None = False) -> Dossier:
    """The NLP half of the pipeline, from extracted documents to a finished Dossier; with
    `remember`, the pages' frequent words stay in the tokenizer's cache for later targets;
    with `split` (None: where _can_fork), the lines to parse are shared with a forked
    process (_read_in_two)."""
    from . import facts as facts_stage
    from . import hooks as hooks_stage
    from . import merge as merge_stage
    from . import nlp as nlp_stage

    timings = timings if timings is not None else Timings()
    # The words spaCy meets on this target's pages are forgotten when it is done, so a long
    # batch does not grow the model's vocabulary; only plain Python values leave the block.
    with engine.nlp.memory_zone():
        with timings.stage("facts"):
            config = engine.settings.nlp
            reading = facts_stage.Reading.prepare(docs, target, engine.nlp, engine.lexicons,
                                                  config.skip_unrelated)
            units = range(len(reading.units))
            two = _can_fork() if split is None else split
            by_unit = (_read_in_two(reading, engine, budget) if two else None) or \
                reading.read(units, engine.nlp, config.batch_size, budget)
            found = reading.finish(by_unit)
            aliases = facts_stage.aliases_of(target, docs, engine.lexicons)
        with timings.stage("merge"):
            facts = merge_stage.merge(found)
        with timings.stage("hooks"):
            hooks = hooks_stage.rank(facts, profile, engine.topics, engine.nlp,
                                     per_priority=engine.settings.output.top_hooks)
            offers = hooks_stage.offers(facts, profile, engine.topics, engine.nlp)
    if remember:
        with timings.stage("facts"):  # the next target's words tokenize faster (a bounded few)
            nlp_stage.remember_words(engine.nlp, (doc.text for doc in docs))
    return Dossier(
        target=Target(target.name, tuple(aliases)),
        priorities=profile.priorities,
        sources=tuple(sources),
        facts=tuple(facts),
        hooks=tuple(hooks),
        offers=tuple(offers),
        errors=(*errors, *_budget_note(budget)),
        generated_at=datetime.now(timezone.utc).isoformat(timespec="seconds"),
    )


def _budget_note(budget: Budget | None) -> list[FetchError]:
    """'stopped after 300 s: ...', as an error of no page, when the budget cut work short."""
    note = budget.note() if budget else None
    return [FetchError(url="", message=note)] if note else []
