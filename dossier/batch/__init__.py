"""Batch runs: every target of a job built through an Executor, resumable, nothing lost.

Workers only compute: each returns a Dossier, and this process (the client) compares it with
the last dossier, writes the files atomically and records it in the manifest. So workers need
no access to the output folder, which is what lets them live on other machines (Dask).
"""

from __future__ import annotations

import contextlib
import functools
import hashlib
import json
import logging
import multiprocessing
import os
import signal
import socket
import tempfile
import threading
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import (
    FIRST_COMPLETED,
    BrokenExecutor,
    Executor,
    Future,
    ProcessPoolExecutor,
    wait,
)
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from multiprocessing.connection import Connection
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal, Protocol

from .. import __version__, logs
from ..errors import DossierError, Terminated, UsageError
from ..fetch import Fetcher, is_url
from ..models import Dossier, Target
from ..profile import Profile
from ..render import prepare_folder, write, write_atomic
from ..settings import Settings
from .changes import changes as changes_between
from .job import SCHEDULER_PATTERN, Job, JobTarget
from .plan import (
    Cadence,
    Entry,
    entry_from,
    index_markdown,
    plan_calendar,
    plan_markdown,
    schedule,
)

if TYPE_CHECKING:  # the pipeline (spaCy) is imported by workers only; the client never needs it
    from ..pipeline import Engine

log = logging.getLogger(__name__)

# Each worker process holds its own spaCy model (about 165 MB resident with the small English
# model, measured by benchmarks/batch_bench.py), so the default stays at four even on big
# machines; --workers raises it.
DEFAULT_WORKERS = max(1, min(4, os.cpu_count() or 1))
MANIFEST_NAME = ".dossier-batch.json"
# Bumped when the manifest or the input hash changes meaning; old entries then rebuild.
MANIFEST_VERSION = 1
# How often the client looks at running targets to move the progress display (seconds).
POLL_SECONDS = 0.2
# How long to wait for a Dask scheduler to answer before giving up (seconds).
SCHEDULER_TIMEOUT = 10
# What the fork server imports once for every worker: the pipeline and the stages it imports
# when first used (spaCy among them).
PIPELINE_MODULES = ["dossier.pipeline", "dossier.fetch", "dossier.extract", "dossier.discover",
                    "dossier.nlp", "dossier.facts", "dossier.merge", "dossier.hooks"]
INDEX_NAME, PLAN_NAME, CALENDAR_NAME = "index.md", "plan.md", "plan.ics"

Status = Literal["built", "skipped", "failed"]


# ---------------------------------------------------------------- worker side


@dataclass(frozen=True, slots=True)
class BuildTask:
    """Everything a worker needs to build one target; pickled to the worker."""

    stem: str
    target: Target
    urls: tuple[str, ...]
    profile: Profile
    settings: Settings
    lexicon_files: tuple[Path, ...] = ()
    # pages other targets of the batch read too, and the folder where the worker that
    # extracts one first leaves it for the others (see _share_pages)
    shared_dir: Path | None = None
    shared_urls: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class BuildResult:
    """What a worker sends back: the dossier, or the one-line reason there is none."""

    stem: str
    dossier: Dossier | None
    error: str | None
    seconds: float
    worker: str  # host:pid of the process that built it
    engine_loads: int  # engines (spaCy models) that process had loaded when it finished
    stage_seconds: dict[str, float] = field(default_factory=dict)  # fetch, extract, facts ...


_engines: dict[str, tuple[Engine, Fetcher]] = {}
_engines_lock = threading.Lock()
# The engine the fork server loaded before forking the workers (see preload_engine), by key.
_preloaded: dict[str, Engine] = {}
# How the client tells its fork server which engine to load: the settings and lexicon files,
# as JSON, in the environment the fork server starts with.
ENGINE_ENV = "DOSSIER_BATCH_ENGINE"
# spaCy does not promise that one pipeline may run in several threads at once, so threads of
# one worker process (a Dask worker with --nthreads > 1) take turns with the shared model.
_model_lock = threading.Lock()


def worker_engine(settings: Settings, lexicon_files: Sequence[Path]) -> tuple[Engine, Fetcher]:
    """This process's engine and fetcher for these settings, created on first use only."""
    from ..pipeline import Engine

    key = _engine_key(settings, lexicon_files)
    with _engines_lock:
        if key not in _engines:
            engine = _preloaded.pop(key, None) or Engine.create(settings, lexicon_files)
            _engines[key] = (engine, engine.fetcher())  # the fetcher (SQLite) after the fork
        return _engines[key]


def _engine_key(settings: Settings, lexicon_files: Sequence[Path]) -> str:
    return settings.model_dump_json() + "|" + "|".join(map(str, lexicon_files))


def preload_engine() -> None:
    """In the fork server (dossier.batch.preload): load the engine the client named in its
    environment and do its warm-up, once, so that each worker forked from here starts with
    the model loaded and its pages shared, copy on write, with the others (about 0.6 s of
    CPU and a model's memory less per worker). Whatever fails, each worker loads its own."""
    from ..pipeline import Engine
    from ..settings import Settings

    named = os.environ.get(ENGINE_ENV)
    if not named:
        return
    try:
        data = json.loads(named)
        settings = Settings.model_validate_json(data["settings"])
        files = tuple(Path(f) for f in data["lexicon_files"])
        engine = Engine.create(settings, files)
        engine.warm_up()
    except Exception as exc:  # noqa: BLE001 - the workers load their own and say why
        log.debug("the fork server could not load the engine: %s", exc)
        return
    _preloaded[_engine_key(settings, files)] = engine


@contextmanager
def _named_engine(settings: Settings, lexicon_files: Sequence[Path]) -> Iterator[None]:
    """The engine a fork server started meanwhile loads for its workers (preload_engine)."""
    before = os.environ.get(ENGINE_ENV)
    os.environ[ENGINE_ENV] = json.dumps({"settings": settings.model_dump_json(),
                                         "lexicon_files": [str(f) for f in lexicon_files]})
    try:
        yield
    finally:
        if before is None:
            os.environ.pop(ENGINE_ENV, None)
        else:
            os.environ[ENGINE_ENV] = before


def init_worker(settings: Settings, lexicon_files: Sequence[Path],
                log_level: int = logging.WARNING, client: Connection | None = None) -> None:
    """Process-pool initializer: leave Ctrl-C to the client, end with the client, log as the
    client does (a worker has no handler, and Python would print every library warning
    bare), and load the model now."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    if client is not None:
        threading.Thread(target=_end_with, args=(client,), name="client-watch",
                         daemon=True).start()
    logs.configure(log_level)
    try:
        worker_engine(settings, lexicon_files)
    except Exception as exc:  # noqa: BLE001 - reported per target by build_one instead
        log.warning("worker could not load its engine: %s", exc)


def _end_with(client: Connection) -> None:
    """Exit as soon as the client is gone, even killed with -9 (the kernel closes its end of
    the pipe): else a worker waits forever for work, holding its model and the cache."""
    with contextlib.suppress(EOFError, OSError):
        client.recv()  # the client never sends; this returns only by raising at its end
    os._exit(1)


def build_one(task: BuildTask) -> BuildResult:
    """Build one target in a worker; every failure comes back as a one-line error."""
    from ..extract import SharedPages
    from ..pipeline import Timings, build

    shared = SharedPages(task.shared_dir, task.shared_urls) if task.shared_dir else None
    started = time.monotonic()
    dossier: Dossier | None = None
    error: str | None = None
    timings = Timings()
    try:
        engine, fetcher = worker_engine(task.settings, task.lexicon_files)
        with _model_lock:
            dossier = build(task.target, task.urls, task.profile, engine, fetcher, timings,
                            shared=shared)
    except DossierError as exc:
        error = str(exc)
    except Exception as exc:  # noqa: BLE001 - one target's bug must not stop the batch
        log.info("target %s failed", task.stem, exc_info=True)  # traceback only when asked
        error = f"unexpected {type(exc).__name__}: {exc}"
    return BuildResult(task.stem, dossier, error, time.monotonic() - started,
                       f"{socket.gethostname()}:{os.getpid()}", len(_engines), timings.seconds)


# ---------------------------------------------------------------- inputs and the manifest


def _file_digest(path: Path) -> str:
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return "missing"


def input_hash(task: BuildTask, explain: bool) -> str:
    """A digest of everything that shapes a target's dossier, except the live web pages."""
    settings = task.settings.model_dump(
        mode="json", exclude={"fetch": {"cache_dir", "refresh", "offline"}})
    data = {
        "manifest": MANIFEST_VERSION, "dossier": __version__,
        "target": [task.target.name, list(task.target.aliases)], "urls": list(task.urls),
        "local_files": {u: _file_digest(Path(u)) for u in task.urls if not is_url(u)},
        "profile": task.profile.model_dump(mode="json"), "settings": settings,
        "lexicons": [_file_digest(p) for p in task.lexicon_files], "explain": explain,
    }
    return hashlib.sha256(json.dumps(data, sort_keys=True).encode()).hexdigest()


@dataclass
class Manifest:
    """DIR/.dossier-batch.json: per target, the input hash and JSON digest of its dossier."""

    path: Path
    targets: dict[str, dict[str, Any]] = field(default_factory=dict)

    @classmethod
    def load(cls, out_dir: Path) -> Manifest:
        path = out_dir / MANIFEST_NAME
        try:
            data = json.loads(path.read_text("utf-8"))
        except (OSError, ValueError):
            return cls(path)  # none yet, or unreadable: every target counts as not done
        if not isinstance(data, dict) or data.get("version") != MANIFEST_VERSION:
            return cls(path)
        targets = data.get("targets")
        return cls(path, dict(targets) if isinstance(targets, dict) else {})

    def is_complete(self, stem: str, digest: str, out_dir: Path) -> bool:
        """Built from these inputs, both files present, and the JSON untouched since."""
        entry = self.targets.get(stem) or {}
        json_path = out_dir / f"{stem}.json"
        return (entry.get("status") == "ok" and entry.get("input_hash") == digest
                and (out_dir / f"{stem}.md").is_file()
                and _file_digest(json_path) == entry.get("json_sha256"))

    def record(self, stem: str, status: str, digest: str, out_dir: Path,
               stage_seconds: dict[str, float] | None = None) -> None:
        self.targets[stem] = {"status": status, "input_hash": digest,
                              "json_sha256": _file_digest(out_dir / f"{stem}.json"),
                              "stage_seconds": {k: round(v, 3) for k, v in
                                                (stage_seconds or {}).items()}}
        write_atomic(self.path, json.dumps({"version": MANIFEST_VERSION,
                                            "targets": self.targets}, indent=1) + "\n")


# ---------------------------------------------------------------- outcomes


@dataclass(frozen=True, slots=True)
class Outcome:
    """One target's line in the summary: what happened and what its dossier holds."""

    entry: Entry
    status: Status
    seconds: float = 0.0
    changes: tuple[str, ...] = ()
    error: str | None = None
    worker: str | None = None
    engine_loads: int = 0


@dataclass(frozen=True, slots=True)
class BatchReport:
    """The whole run: every target's outcome and where the index and plan were written."""

    outcomes: tuple[Outcome, ...]
    out_dir: Path
    index_path: Path
    plan_path: Path
    calendar_path: Path
    seconds: float
    runner: str

    @property
    def failed(self) -> tuple[Outcome, ...]:
        return tuple(o for o in self.outcomes if o.status == "failed")


class Observer(Protocol):
    """Progress callbacks, called from the client's thread."""

    def planned(self, total: int, to_build: int) -> None: ...

    def started(self, stem: str, name: str) -> None: ...

    def finished(self, outcome: Outcome) -> None: ...


class _Silent:
    def planned(self, total: int, to_build: int) -> None:
        pass

    def started(self, stem: str, name: str) -> None:
        pass

    def finished(self, outcome: Outcome) -> None:
        pass


@dataclass(frozen=True, slots=True)
class BatchOptions:
    """How to run a job; None means "as the job file says"."""

    out_dir: Path
    workers: int = DEFAULT_WORKERS
    force: bool = False
    scheduler: str | None = None
    cadence: Cadence | None = None
    start: date | None = None
    explain: bool | None = None
    lexicon_files: tuple[Path, ...] = ()


def _read_json(path: Path) -> dict[str, Any] | None:
    try:
        data = json.loads(path.read_text("utf-8"))
    except (OSError, ValueError):
        return None
    return data if isinstance(data, dict) else None


def _failure(jt: JobTarget, previous: dict[str, Any] | None, error: str,
             result: BuildResult | None) -> Outcome:
    kept = "; the previous dossier is kept" if previous else ""
    return Outcome(entry_from(jt.stem, jt.target.name, previous, error=error + kept),
                   "failed", result.seconds if result else 0.0, error=error + kept,
                   worker=result.worker if result else None,
                   engine_loads=result.engine_loads if result else 0)


def record_result(result: BuildResult, jt: JobTarget, digest: str, out_dir: Path,
                  manifest: Manifest, explain: bool) -> Outcome:
    """Write a finished target (unless it read nothing and an older dossier exists)."""
    previous = _read_json(out_dir / f"{jt.stem}.json")
    if previous is not None and not any(s.get("status") == "ok"
                                        for s in previous.get("sources", [])):
        previous = None  # an earlier failure's empty dossier: nothing worth keeping or diffing
    dossier = result.dossier
    if dossier is None:
        return _failure(jt, previous, result.error or "no dossier", result)
    if not dossier.sources_ok:
        error = f"none of {len(dossier.sources)} sources could be read"
        if previous is not None:
            return _failure(jt, previous, error, result)
        # No older dossier to keep: the empty one still says which URLs failed and why.
        write(dossier, out_dir, slug=jt.stem, explain=explain)
        manifest.record(jt.stem, "failed", digest, out_dir, result.stage_seconds)
        return replace(_failure(jt, None, error, result),
                       entry=entry_from(jt.stem, jt.target.name, dossier, error))
    if previous is not None:
        dossier = replace(dossier, changes=changes_between(previous, dossier.to_dict()))
    write(dossier, out_dir, slug=jt.stem, explain=explain)
    manifest.record(jt.stem, "ok", digest, out_dir, result.stage_seconds)
    return Outcome(entry_from(jt.stem, jt.target.name, dossier), "built",
                   result.seconds, dossier.changes, worker=result.worker,
                   engine_loads=result.engine_loads)


# ---------------------------------------------------------------- executors


@contextmanager
def open_executor(options: BatchOptions, settings: Settings,
                  scheduler: str | None) -> Iterator[tuple[Executor, str]]:
    """A Dask executor when a scheduler is given, else a pool of local processes."""
    if scheduler:
        with _dask_executor(scheduler) as executor:
            yield executor, f"Dask scheduler {scheduler}"
        return
    workers = max(1, options.workers)
    context = _worker_context()
    # the fork server, started with the first task, loads the engine for the workers
    with _named_engine(settings, options.lexicon_files):
        # Workers hold the reading end; the client's end closes when it exits, however it ends.
        watched, alive = context.Pipe(duplex=False)
        pool = ProcessPoolExecutor(workers, mp_context=context, initializer=init_worker,
                                   initargs=(settings, options.lexicon_files,
                                             logging.getLogger().getEffectiveLevel(), watched))
        try:
            yield pool, f"{workers} local worker process{'es' if workers > 1 else ''}"
        except BaseException:
            _stop_pool(pool)
            raise
        else:
            pool.shutdown(wait=True)
        finally:
            alive.close()
            watched.close()


def _worker_context() -> multiprocessing.context.BaseContext:
    """Where worker processes come from. Not fork: the client runs threads (progress, HTTP)
    and forking a threaded process can deadlock. A fork server is a fresh single-threaded
    process that imports the pipeline (spaCy and friends, about 1.5 s) and loads the engine
    (dossier.batch.preload) once, and forks each worker from there, so workers start with the
    model loaded. Spawn, where there is no fork server (Windows), imports everything again and
    loads the model in each worker."""
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload([*PIPELINE_MODULES, "dossier.batch.preload"])
    return context


def _stop_pool(pool: ProcessPoolExecutor) -> None:
    """On Ctrl-C or error: drop queued targets and end the workers we started now."""
    # Python < 3.14 has no public way to end busy workers; their results are unwanted.
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()


@contextmanager
def _dask_executor(address: str) -> Iterator[Executor]:
    if not SCHEDULER_PATTERN.match(address):
        raise UsageError(f"--scheduler: expected an address like tcp://host:8786, "
                           f"not {address!r}")
    try:
        from distributed import Client
    except ImportError as exc:
        raise DossierError("a Dask scheduler needs the dask extra: "
                           "pip install 'dossier[dask]'") from exc
    try:
        client = Client(address, timeout=SCHEDULER_TIMEOUT)
    except (OSError, TimeoutError) as exc:
        raise DossierError(f"cannot reach the Dask scheduler at {address}: {exc}") from exc
    try:
        yield client.get_executor(pure=False)  # pure=False: never merge two targets' tasks
    finally:
        client.close()


# ---------------------------------------------------------------- the run


def _task(job: Job, jt: JobTarget, settings: Settings, options: BatchOptions) -> BuildTask:
    return BuildTask(jt.stem, jt.target, jt.urls, job.profile_for(jt), settings,
                     options.lexicon_files)


def _skipped(jt: JobTarget, out_dir: Path) -> Outcome:
    return Outcome(entry_from(jt.stem, jt.target.name, _read_json(out_dir / f"{jt.stem}.json")),
                   "skipped")


Work = tuple[JobTarget, BuildTask, str]


class Prefetch:
    """Fetches the web pages of the targets next in line into the HTTP cache the workers
    share, in a thread of the client, while the workers parse: a worker's fetch is then a
    cache read, and its CPU never waits for the network. It keeps at most `ahead` targets
    ahead of those handed to the workers; a page it has not fetched yet a worker fetches
    itself, as without it. Its own fetcher is polite per host like a worker's."""

    def __init__(self, work: Sequence[Work], settings: Settings, ahead: int) -> None:
        self.urls = [[u for u in task.urls if is_url(u)] for _, task, _ in work]
        self.settings, self.ahead = settings, ahead
        self.handed = 0  # targets handed to the workers so far
        self.changed = threading.Condition()
        self.stopped = False
        self.thread = threading.Thread(target=self._run, name="prefetch", daemon=True)

    @classmethod
    def wanted(cls, work: Sequence[Work], settings: Settings) -> bool:
        """Worth it with web pages to read, the cache used (not --refresh, not --offline)."""
        fetch = settings.fetch
        return not fetch.refresh and not fetch.offline and \
            any(is_url(u) for _, task, _ in work for u in task.urls)

    def __enter__(self) -> Prefetch:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        with self.changed:
            self.stopped = True
            self.changed.notify_all()
        self.thread.join(timeout=1.0)  # a fetch under way ends with its own timeout

    def handed_one(self) -> None:
        with self.changed:
            self.handed += 1
            self.changed.notify_all()

    def _may_fetch(self, index: int) -> bool:
        return self.stopped or index < self.handed + self.ahead

    def _run(self) -> None:
        try:
            with Fetcher(self.settings.fetch, self.settings.cache_path) as fetcher:
                for index, urls in enumerate(self.urls):
                    with self.changed:
                        self.changed.wait_for(functools.partial(self._may_fetch, index))
                        if self.stopped:
                            return
                        if index < self.handed:
                            continue  # a worker has it already and fetches it itself
                    if urls:
                        fetcher.fetch_all(urls)  # pages and errors both land in the cache
        except Exception as exc:  # noqa: BLE001 - the workers fetch what this could not
            log.debug("prefetch stopped: %s", exc)


def _collect(executor: Executor, work: list[Work], record: Any, observer: Observer,
             in_flight: int | None = None, prefetch: Prefetch | None = None) -> None:
    """Submit targets, at most `in_flight` at a time (so that a future the executor calls
    running really is), and record each as it finishes, in whatever order."""
    queue = list(reversed(work))
    limit = in_flight or len(work)
    futures: dict[Future[BuildResult], Work] = {}
    seen: set[Future[BuildResult]] = set()

    def refill() -> None:
        while queue and len(futures) < limit:
            item = queue.pop()
            if prefetch is not None:
                prefetch.handed_one()
            try:
                futures[executor.submit(build_one, item[1])] = item
            except BrokenExecutor as exc:  # a worker process died: the pool takes no more
                for jt, task, digest in [item, *reversed(queue)]:
                    observer.finished(record(_not_run(task, exc), jt, digest))
                queue.clear()

    while queue or futures:
        refill()
        done, _ = wait(futures, timeout=POLL_SECONDS, return_when=FIRST_COMPLETED)
        for future in futures.keys() - done - seen:
            if future.running():
                seen.add(future)
                observer.started(futures[future][0].stem, futures[future][0].target.name)
        finished = [(future, futures.pop(future)) for future in done]
        refill()  # the freed workers get their next targets before the finished are written
        for future, (jt, task, digest) in finished:
            observer.finished(record(_result_of(future, task), jt, digest))


def _not_run(task: BuildTask, exc: BaseException) -> BuildResult:
    return BuildResult(task.stem, None, f"not run: the worker pool stopped ({exc}); "
                       "run the job again to resume", 0.0, "?", 0)


def _result_of(future: Future[BuildResult], task: BuildTask) -> BuildResult:
    try:
        return future.result()
    except BaseException as exc:  # a dead worker process, a lost Dask worker, a cancel
        if isinstance(exc, KeyboardInterrupt):
            raise
        return BuildResult(task.stem, None, f"worker failed: {type(exc).__name__}: {exc}",
                           0.0, "?", 0)


def run_job(job: Job, settings: Settings, options: BatchOptions,
            observer: Observer | None = None, executor: Executor | None = None) -> BatchReport:
    """Build every target of the job that is not already done; write the index and plan.

    With `executor` given, work goes there (any concurrent.futures.Executor); otherwise to
    the job's or the options' Dask scheduler, else to `options.workers` local processes.
    """
    began = time.monotonic()
    observer = observer or _Silent()
    out_dir = prepare_folder(options.out_dir)
    check_plan_dates(job, options)
    explain = options.explain if options.explain is not None else job.defaults.explain
    manifest = Manifest.load(out_dir)
    outcomes, work = _sort_out(job, settings, options, manifest, explain)
    observer.planned(len(job.targets), len(work))
    for outcome in outcomes.values():
        observer.finished(outcome)

    def record(result: BuildResult, jt: JobTarget, digest: str) -> Outcome:
        outcomes[jt.stem] = record_result(result, jt, digest, out_dir, manifest, explain)
        return outcomes[jt.stem]

    scheduler = options.scheduler or job.scheduler
    local = executor is None and not scheduler  # workers share this machine's HTTP cache
    with _sigterm_as_interrupt(), _share_pages(work, local) as work, \
            _executor_for(work, executor, options, settings, scheduler) as (pool, runner, limit):
        try:
            if pool is not None and local and Prefetch.wanted(work, settings):
                with Prefetch(work, settings, ahead=limit or 1) as prefetch:
                    _collect(pool, work, record, observer, limit, prefetch)
            elif pool is not None:
                _collect(pool, work, record, observer, limit)
        finally:  # also on Ctrl-C: the index and plan show what is done so far
            paths = write_index_and_plan(job, options, outcomes, out_dir)
    ordered = tuple(outcomes[jt.stem] for jt in job.targets if jt.stem in outcomes)
    return BatchReport(ordered, out_dir, *paths, time.monotonic() - began, runner)


@contextmanager
def _share_pages(work: list[Work], local: bool) -> Iterator[list[Work]]:
    """The work, where targets built by local workers share pages (a board page, a proxy
    statement naming several directors), with a private folder for the batch's extracted
    shared pages: a worker that needs one another is extracting waits for it instead of
    extracting it too (extract.SharedPages). The folder goes when the batch ends."""
    counts: dict[str, int] = {}
    for _, task, _ in work:
        for url in set(task.urls):
            counts[url] = counts.get(url, 0) + 1
    shared = frozenset(url for url, count in counts.items() if count > 1)
    if not local or not shared:
        yield work
        return
    with tempfile.TemporaryDirectory(prefix="dossier-shared-") as folder:
        yield [(jt, replace(task, shared_dir=Path(folder),
                            shared_urls=shared.intersection(task.urls)), digest)
               if shared.intersection(task.urls) else (jt, task, digest)
               for jt, task, digest in work]


def _sort_out(job: Job, settings: Settings, options: BatchOptions, manifest: Manifest,
              explain: bool) -> tuple[dict[str, Outcome], list[Work]]:
    """Targets that are done (skipped outcomes) and those to build (with their digests)."""
    done: dict[str, Outcome] = {}
    work: list[Work] = []
    for jt in job.targets:
        task = _task(job, jt, settings, options)
        digest = input_hash(task, explain)
        if not options.force and manifest.is_complete(jt.stem, digest, options.out_dir):
            done[jt.stem] = _skipped(jt, options.out_dir)
        else:
            work.append((jt, task, digest))
    return done, work


@contextmanager
def _executor_for(work: list[Work], executor: Executor | None, options: BatchOptions,
                  settings: Settings, scheduler: str | None
                  ) -> Iterator[tuple[Executor | None, str, int | None]]:
    """The executor, its description, and how many targets to hand it at a time."""
    if not work:
        yield None, "nothing to build", None
    elif executor is not None:
        yield executor, type(executor).__name__, None
    else:
        # Never start more processes (each loading a model) than there are targets to build.
        options = replace(options, workers=min(max(1, options.workers), len(work)))
        with open_executor(options, settings, scheduler) as (pool, runner):
            # A local pool gets one target per worker at a time; a cluster sizes its own queue.
            yield pool, runner, None if scheduler else options.workers


@contextmanager
def _sigterm_as_interrupt() -> Iterator[None]:
    """SIGTERM ends the run as Ctrl-C does: queued targets dropped, workers stopped, the
    index and plan written; a second SIGTERM while that happens is ignored."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may set a signal handler
        return

    def on_sigterm(signum: int, frame: object) -> None:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        raise Terminated("terminated")

    previous = signal.signal(signal.SIGTERM, on_sigterm)
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def check_plan_dates(job: Job, options: BatchOptions) -> None:
    """Before any work: the plan's dates for every target must fit the calendar."""
    cadence = options.cadence or job.cadence
    start = options.start or job.start or date.today()
    try:
        last = max(schedule(len(job.targets), cadence, start), default=start)
        last + timedelta(days=1)  # noqa: B018 - the calendar entry ends the next day
    except (OverflowError, ValueError) as exc:
        raise UsageError(f"--start {start.isoformat()} (or the job's plan.start): the plan "
                           f"for {len(job.targets)} targets would run past the year 9999") from exc


def write_index_and_plan(job: Job, options: BatchOptions, outcomes: dict[str, Outcome],
                         out_dir: Path) -> tuple[Path, Path, Path]:
    """DIR/index.md, DIR/plan.md and DIR/plan.ics over every target with a known state."""
    entries = [outcomes[jt.stem].entry if jt.stem in outcomes
               else entry_from(jt.stem, jt.target.name, _read_json(out_dir / f"{jt.stem}.json"))
               for jt in job.targets]
    cadence = options.cadence or job.cadence
    start = options.start or job.start or date.today()
    paths = out_dir / INDEX_NAME, out_dir / PLAN_NAME, out_dir / CALENDAR_NAME
    write_atomic(paths[0], index_markdown(entries, job.path.stem))
    write_atomic(paths[1], plan_markdown(entries, cadence, start, CALENDAR_NAME))
    write_atomic(paths[2], plan_calendar(entries, cadence, start))
    return paths
