"""Throughput benchmark: the real pipeline against a naive reference, over local HTTP.

    python benchmarks/bench.py [--targets 100] [--pages 10] [--words 1500] [--latency 0.1]
                               [--hosts 10] [--workers N] [--no-naive] [--json FILE]

Generates N fictional executives with M pages each (benchmarks/corpus.py: bios, Q&As, news,
press releases, speaker and board pages... about `--words` words of article each, with
navigation, related stories and footers around it), serves them from threaded HTTP servers on
127.0.0.1, one port per simulated host, each response delayed by `--latency` seconds, and runs:

1. a cache fill: every page fetched once through dossier's cached fetcher (not measured);
2. the pipeline, warm cache: every target built with dossier.pipeline.build (fetch, extract,
   facts, merge, hooks) and written with dossier.render.write, targets spread over `--workers`
   processes that each load the model once, as `dossier batch` does;
3. the naive reference, in this process: for each page in turn, an uncached requests.get
   (paying the latency), the same extract(), and nlp(text) on the page's whole text with the
   full spaCy pipeline as spaCy ships it (every component of the model, none of dossier's
   additions), one call per page. It does no fact finding, hooks or rendering.

It prints pages/s, words through spaCy and words/s, seconds per stage, peak resident memory
(getrusage: this process and the largest worker, and the workers' sum) and the ratio of the
two throughputs. Model loads are outside every measured time.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import resource
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from contextlib import ExitStack, contextmanager
from dataclasses import asdict, dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import requests
from spacy.language import Language
from spacy.tokens import Doc

sys.path.insert(0, str(Path(__file__).resolve().parent))
from corpus import GeneratedPage, pages_of, people  # noqa: E402

from dossier.errors import ModelError  # noqa: E402
from dossier.extract import extract  # noqa: E402
from dossier.fetch import Fetcher  # noqa: E402
from dossier.models import Page, Target  # noqa: E402
from dossier.nlp import installed_model  # noqa: E402
from dossier.pipeline import Engine, Timings, build  # noqa: E402
from dossier.profile import Profile  # noqa: E402
from dossier.render import write  # noqa: E402
from dossier.settings import Settings, load_settings  # noqa: E402

STAGES = ("fetch", "extract", "facts", "merge", "hooks", "render")
# How a stage is printed: the facts stage is where spaCy runs (for the naive run, only spaCy).
STAGE_LABELS = {"facts": "NLP+facts"}
PRIORITIES = ("public speaking", "nonprofit boards", "supply chain analytics")
COUNTER = "bench_word_counter"
SEED = 7
_words = [0]  # words the full pipeline has seen in this process (the counter component)


@Language.component(COUNTER)
def count_words(doc: Doc) -> Doc:
    """First in the pipeline, so it sees every text the full pipeline parses; the hooks'
    lemmatizer-only passes disable it with the parser and NER."""
    _words[0] += sum(1 for tok in doc if not (tok.is_punct or tok.is_space))
    return doc


def add_counter(nlp: Language) -> None:
    if COUNTER not in nlp.pipe_names:
        nlp.add_pipe(COUNTER, first=True)


# ---------------------------------------------------------------- the simulated web


class Web:
    """`hosts` threaded HTTP servers on 127.0.0.1 (each its own port, so its own host to the
    fetcher), serving the corpus from memory after `latency` seconds."""

    def __init__(self, pages: Sequence[GeneratedPage], hosts: int, latency: float) -> None:
        self.latency = latency
        self.servers = [self._server() for _ in range(hosts)]
        self.bodies: dict[str, bytes] = {}
        self.urls: dict[str, list[str]] = {}
        for i, page in enumerate(pages):
            port = self.servers[i % hosts].server_address[1]
            url = f"http://127.0.0.1:{port}{page.path}"
            self.bodies[page.path] = page.body
            self.urls.setdefault(page.target.slug, []).append(url)

    def _server(self) -> ThreadingHTTPServer:
        web = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                time.sleep(web.latency)
                body = web.bodies.get(self.path)
                self.send_response(200 if body is not None else 404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body or b"")))
                self.end_headers()
                self.wfile.write(body or b"")

            def log_message(self, *args: Any) -> None:
                pass

        server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        server.daemon_threads = True
        return server

    @contextmanager
    def running(self) -> Iterator[Web]:
        threads = [threading.Thread(target=s.serve_forever, daemon=True) for s in self.servers]
        for thread in threads:
            thread.start()
        try:
            yield self
        finally:
            for server in self.servers:
                server.shutdown()
                server.server_close()


# ---------------------------------------------------------------- the pipeline, in workers


@dataclass
class Work:
    """What one worker process did: summed stage times, words parsed, memory."""

    targets: int = 0
    pages: int = 0
    facts: int = 0
    spacy_words: int = 0
    seconds: dict[str, float] = field(default_factory=dict)
    rss_first_mb: float = 0.0  # peak RSS after its first target
    rss_last_mb: float = 0.0  # peak RSS after its last target


_engine: list[Engine] = []


def _init_worker(settings: Settings) -> None:
    engine = Engine.create(settings)
    add_counter(engine.nlp)
    _engine.append(engine)


def _ready(_: int) -> int:
    time.sleep(0.3)  # long enough for every worker to pick one up
    return os.getpid()


def _build_targets(job: tuple[list[tuple[str, list[str]]], str]) -> Work:
    """Build and write the dossiers of some targets with this process's engine."""
    targets, out_dir = job
    engine = _engine[0]
    profile = Profile(priorities=PRIORITIES, skills=("data analysis",),
                      contacts=("podcast hosts",), interests=("cycling",))
    work, timings = Work(), Timings()
    before = _words[0]
    with Fetcher(engine.settings.fetch, engine.settings.cache_path) as fetcher:
        for name, urls in targets:
            dossier = build(Target(name), urls, profile, engine, fetcher, timings)
            with timings.stage("render"):
                write(dossier, Path(out_dir))
            work.targets += 1
            work.pages += dossier.sources_ok
            work.facts += len(dossier.facts)
            work.rss_last_mb = _peak_rss_mb(resource.RUSAGE_SELF)
            work.rss_first_mb = work.rss_first_mb or work.rss_last_mb
    work.spacy_words = _words[0] - before
    work.seconds = timings.seconds
    return work


@dataclass
class Run:
    """One measured run: throughput, stage times and memory."""

    name: str
    wall_seconds: float
    pages: int
    spacy_words: int
    stage_seconds: dict[str, float]
    peak_rss_mb: dict[str, float]
    facts: int = 0
    targets: int = 0

    @property
    def pages_per_second(self) -> float:
        return self.pages / self.wall_seconds

    @property
    def words_per_second(self) -> float:
        return self.spacy_words / self.wall_seconds


def run_pipeline(targets: list[tuple[str, list[str]]], settings: Settings, workers: int,
                 out_dir: Path) -> Run:
    """Every target through the real pipeline in `workers` processes, one share each: the
    targets are dealt round-robin, so each process streams through its share."""
    context = multiprocessing.get_context("spawn")  # a clean process, as a worker starts
    shares = [(targets[i::workers], str(out_dir)) for i in range(workers)]
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_init_worker,
                             initargs=(settings,)) as pool:
        while len(set(pool.map(_ready, range(workers * 4)))) < workers:
            pass  # until every worker has loaded its model
        started = time.perf_counter()
        done = list(pool.map(_build_targets, shares))
        wall = time.perf_counter() - started
    seconds: dict[str, float] = {}
    for work in done:
        for stage, value in work.seconds.items():
            seconds[stage] = seconds.get(stage, 0.0) + value
    client = _peak_rss_mb(resource.RUSAGE_SELF)
    workers_sum = round(sum(w.rss_last_mb for w in done), 1)
    rss = {"all processes": client + workers_sum, "this process": client,
           "largest worker": _peak_rss_mb(resource.RUSAGE_CHILDREN), "workers, sum": workers_sum,
           "worker after its first target": max(w.rss_first_mb for w in done),
           "worker after its last target": max(w.rss_last_mb for w in done)}
    return Run(f"pipeline ({workers} worker{'s' if workers > 1 else ''}, warm cache)", wall,
               sum(w.pages for w in done), sum(w.spacy_words for w in done), seconds, rss,
               sum(w.facts for w in done), sum(w.targets for w in done))


def fill_cache(targets: list[tuple[str, list[str]]], settings: Settings) -> float:
    started = time.perf_counter()
    with Fetcher(settings.fetch, settings.cache_path) as fetcher:
        for _, urls in targets:
            fetcher.fetch_all(urls)
    return time.perf_counter() - started


# ---------------------------------------------------------------- the naive reference


def run_naive(targets: list[tuple[str, list[str]]], nlp: Language,
              pieces: Callable[[str], Iterable[str]] = lambda text: [text],
              content_type: str | None = "text/html") -> Run:
    """Sequential uncached fetches, then each page's whole text through nlp(), one by one
    (in `pieces`, for a text over spaCy's max_length; with the served content type when
    `content_type` is None)."""
    timings = Timings()
    pages, before = 0, _words[0]
    started = time.perf_counter()
    for _, urls in targets:
        for url in urls:
            with timings.stage("fetch"):
                response = requests.get(url, timeout=30)
            with timings.stage("extract"):
                served = content_type or response.headers.get("Content-Type", "")
                doc = extract(Page(url=url, final_url=url, status_code=response.status_code,
                                   content_type=served, body=response.content))
            with timings.stage("facts"):
                for piece in pieces(doc.text):
                    nlp(piece)
            pages += 1
    wall = time.perf_counter() - started
    return Run("naive reference (sequential, nlp() per page)", wall, pages,
               _words[0] - before, timings.seconds,
               {"this process": _peak_rss_mb(resource.RUSAGE_SELF)})


def stock_model(settings: Settings) -> Language:
    """The configured English model as spaCy ships it, all components on: what a naive
    extractor would run (dossier adds its ruler and indexes the attribute ruler)."""
    try:
        return installed_model(settings.nlp)
    except ModelError as error:
        sys.exit(str(error))


# ---------------------------------------------------------------- report


def _peak_rss_mb(who: int) -> float:
    # ru_maxrss is in KiB on Linux and in bytes on macOS.
    scale = 1 if sys.platform == "darwin" else 1024
    return round(resource.getrusage(who).ru_maxrss * scale / 2**20, 1)


def report(runs: list[Run], args: argparse.Namespace, cache_fill: float,
           page_words: int) -> None:
    pages = args.targets * args.pages
    print(f"dossier benchmark: {args.targets} targets x {args.pages} pages = {pages} pages, "
          f"{page_words:,} words of article ({page_words // pages:,} a page); {args.hosts} "
          f"hosts, {args.latency * 1000:.0f} ms latency; {os.cpu_count()} CPUs; "
          f"cache fill {cache_fill:.1f} s")
    for run in runs:
        print(f"\n{run.name}")
        print(f"  wall {run.wall_seconds:.1f} s   {run.pages_per_second:.2f} pages/s   "
              f"{run.spacy_words:,} words through spaCy "
              f"({run.spacy_words / max(1, page_words):.0%} of the article words)   "
              f"{run.words_per_second:,.0f} words/s   facts {run.facts:,}")
        if run.targets:
            each = sum(run.stage_seconds.values()) / run.targets
            print(f"  one target of {run.pages // run.targets} pages, in one process: {each:.2f} s")
        stages = "   ".join(f"{STAGE_LABELS.get(s, s)} {run.stage_seconds[s]:.1f}"
                           for s in STAGES if s in run.stage_seconds)
        print(f"  stage seconds (summed over workers): {stages}")
        print("  peak RSS MB: " + "   ".join(f"{k} {v:.0f}" for k, v in run.peak_rss_mb.items()))
    if len(runs) == 2:
        pipe, naive = runs
        ratio = pipe.pages_per_second / naive.pages_per_second
        fetch = naive.stage_seconds.get("fetch", 0.0)
        compute = pipe.pages_per_second / (naive.pages / (naive.wall_seconds - fetch))
        print(f"\nthroughput ratio, pipeline / naive: {ratio:.2f}x "
              f"(without the naive run's {fetch:.0f} s of fetching: {compute:.2f}x)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--targets", type=int, default=100, help="N targets (default 100)")
    parser.add_argument("--pages", type=int, default=10, help="M pages each (default 10)")
    parser.add_argument("--words", type=int, default=1500, help="article words a page")
    parser.add_argument("--latency", type=float, default=0.1, help="seconds per response")
    parser.add_argument("--hosts", type=int, default=10, help="simulated hosts (ports)")
    parser.add_argument("--workers", type=int, default=os.cpu_count() or 1,
                        help="pipeline worker processes (default: the CPU count)")
    parser.add_argument("--no-naive", dest="naive", action="store_false",
                        help="skip the naive reference run")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)
    if min(args.targets, args.pages, args.hosts, args.workers) < 1 or args.latency < 0:
        parser.error("counts must be at least 1 and the latency not negative")
    crowd = people(args.targets, SEED)
    corpus = [page for p in crowd for page in pages_of(p, args.pages, args.words, SEED)]
    page_words = sum(page.words for page in corpus)
    with ExitStack() as stack:
        web = stack.enter_context(Web(corpus, args.hosts, args.latency).running())
        scratch = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="dossier-bench-")))
        settings = load_settings(None, {"fetch": {"cache_dir": scratch / "cache"},
                                        "discover": {"enabled": False}})
        targets = [(p.name, web.urls[p.slug]) for p in crowd]
        cache_fill = fill_cache(targets, settings)
        (scratch / "out").mkdir()
        runs = [run_pipeline(targets, settings, min(args.workers, len(targets)),
                             scratch / "out")]
        if args.naive:
            nlp = stock_model(settings)
            add_counter(nlp)
            runs.append(run_naive(targets, nlp))
    report(runs, args, cache_fill, page_words)
    if args.json:
        data = {"args": {k: str(v) for k, v in vars(args).items()}, "page_words": page_words,
                "runs": [asdict(r) | {"pages_per_second": r.pages_per_second,
                                      "words_per_second": r.words_per_second} for r in runs]}
        args.json.write_text(json.dumps(data, indent=2) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
