"""Speed on pages like the ones users have: `dossier batch` against the naive reference.

    python benchmarks/use_bench.py [--copies 3] [--latency 0.05] [--workers N] [--no-naive]
                                   [--only PART ...] [--json FILE]

The corpus has two parts, each run and reported on its own, then together:

- dev: the written cases of ../shared/eval/dev (dense bios, interviews, news; every page of a
  case as a --url), `--copies` times, each copy under its own address;
- real: the real pages of ../shared/eval/real (pages from ../shared/realpages, SEC filings
  included), each case with its gold.yaml's target and priorities.

All pages are served by one threaded HTTP server on 127.0.0.1 that waits `--latency` seconds
before each response. For each part it runs, in the same process run:

1. `dossier batch` in a fresh process (model loads and start-up included in the wall time),
   cold cache, discovery off, `--workers` processes; stage seconds come from the manifest
   (summed over targets), peak RSS is sampled over the whole process tree (/proc);
2. the naive reference in this process (benchmarks/bench.py: sequential uncached requests,
   extract(), the stock spaCy model's nlp() on each page's whole text, nothing else).

Then it times single targets in this process (model load apart, stages from the pipeline):
Sean D. Keohane on the 2.2 MB Cabot proxy statement (a local file, as a user would save it;
also as `dossier build` in a fresh process, model load included: the best wall time of
CLI_RUNS, with the CPU time of each, its forked processes included), and a generated page with
`--sentences` (5,000) fact sentences (part "scale"). `--only scale` runs just that, e.g. with
an older checkout on PYTHONPATH to compare.
"""

from __future__ import annotations

import argparse
import http.server
import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import bench  # noqa: E402
from bench import Run, _peak_rss_mb, add_counter, stock_model  # noqa: E402
from spacy.language import Language  # noqa: E402

from dossier.models import Target  # noqa: E402
from dossier.pipeline import Engine, Timings, build  # noqa: E402
from dossier.profile import Profile  # noqa: E402
from dossier.settings import load_settings  # noqa: E402

SHARED = Path(__file__).resolve().parent.parent.parent / "shared"
PARTS = ("dev", "real", "scale")
STAGES = ("fetch", "extract", "facts", "merge", "hooks")
PROXY = "edgar__cabot.DEF14A.ixbrl.html"
PROXY_TARGET = "Sean D. Keohane"
SCALE_TARGET = "Wilhelmina Ostrander-Vale"
SCALE_SENTENCES = 5000
# Fresh `dossier build` runs on the proxy statement: the machine is shared, so the best of 3.
CLI_RUNS = 3
# How often the memory sampler reads /proc (seconds): worker memory grows over seconds.
SAMPLE_SECONDS = 0.05
TYPES = {".html": "text/html", ".htm": "text/html", ".md": "text/plain", ".txt": "text/plain",
         ".pdf": "application/pdf"}


@dataclass
class Case:
    target: str
    priorities: list[str]
    files: list[Path]


def eval_cases(folder: Path) -> list[Case]:
    """The cases of an eval folder: target, priorities and page files (from pages_dir too)."""
    out = []
    for gold_path in sorted(folder.glob("*/gold.yaml")):
        gold = yaml.safe_load(gold_path.read_text("utf-8"))
        base = gold_path.parent
        pages_dir = base / gold.get("pages_dir", ".")
        files = [base / p["file"] if (base / p["file"]).is_file() else pages_dir / p["file"]
                 for p in gold["pages"]]
        out.append(Case(gold["target"], list(gold.get("priorities") or []), files))
    return out


# ---------------------------------------------------------------- the simulated web


class Web:
    """One threaded server on 127.0.0.1 serving files by path after `latency` seconds."""

    def __init__(self, latency: float) -> None:
        self.files: dict[str, Path] = {}
        web, self.latency = self, latency

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:  # noqa: N802 - http.server's naming
                time.sleep(web.latency)
                path = web.files.get(self.path)
                body = path.read_bytes() if path else b""
                self.send_response(200 if path else 404)
                ctype = TYPES.get(path.suffix, "text/html") if path else "text/plain"
                self.send_header("Content-Type", f"{ctype}; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args: Any) -> None:
                pass

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"

    def add(self, prefix: str, path: Path) -> str:
        url_path = f"/{prefix}/{path.name}"
        self.files[url_path] = path
        return self.base + url_path

    @contextmanager
    def running(self) -> Iterator[Web]:
        thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        thread.start()
        try:
            yield self
        finally:
            self.server.shutdown()
            self.server.server_close()


# ---------------------------------------------------------------- dossier batch, measured


class TreeMemory:
    """Peak resident memory of a process and all its descendants, summed, read from /proc."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak_mb, self._stop = pid, 0.0, threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeMemory:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self.thread.join()

    def _run(self) -> None:
        while not self._stop.wait(SAMPLE_SECONDS):
            self.peak_mb = max(self.peak_mb, self._tree_mb())

    def _tree_mb(self) -> float:
        parents: dict[int, int] = {}
        rss: dict[int, int] = {}
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            try:
                fields = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents[int(entry.name)] = int(fields[1])
            rss[int(entry.name)] = int(fields[21])  # pages
        tree, grew = {self.pid}, True
        while grew:
            more = {p for p, parent in parents.items() if parent in tree} - tree
            tree |= more
            grew = bool(more)
        return sum(rss.get(p, 0) for p in tree) * os.sysconf("SC_PAGE_SIZE") / 2**20


@dataclass
class BatchRun:
    part: str
    targets: int
    pages: int
    wall_seconds: float
    stage_seconds: dict[str, float]
    peak_rss_mb: float
    facts: int
    failed: int
    stopped: int  # targets whose time budget ran out


def run_batch(part: str, cases: list[tuple[str, Case, list[str]]], scratch: Path,
              workers: int | None) -> BatchRun:
    """`dossier batch` on a job of these targets, in a fresh process, cold cache."""
    job = {"profile": {"skills": ["data analysis"], "contacts": ["podcast hosts"]},
           "defaults": {"discover": False},
           "targets": [{"name": c.target, "id": stem, "urls": urls, "priorities": c.priorities}
                       for stem, c, urls in cases]}
    job_path, out = scratch / f"{part}.yaml", scratch / f"out-{part}"
    job_path.write_text(yaml.safe_dump(job), "utf-8")
    cmd = [sys.executable, "-m", "dossier", "batch", str(job_path), "--out", str(out),
           "--cache-dir", str(scratch / f"cache-{part}")]
    if workers:
        cmd += ["--workers", str(workers)]
    started = time.perf_counter()
    proc = subprocess.Popen(cmd, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                            cwd=scratch)
    with TreeMemory(proc.pid) as memory:
        _, err = proc.communicate()
    wall = time.perf_counter() - started
    if proc.returncode not in (0, 1):
        sys.exit(f"dossier batch failed ({proc.returncode}):\n{err[-2000:]}")
    manifest = json.loads((out / ".dossier-batch.json").read_text("utf-8"))["targets"]
    stages: dict[str, float] = {}
    for entry in manifest.values():
        for stage, seconds in (entry.get("stage_seconds") or {}).items():
            stages[stage] = stages.get(stage, 0.0) + seconds
    dossiers = [json.loads((out / f"{stem}.json").read_text("utf-8")) for stem, _, _ in cases
                if (out / f"{stem}.json").is_file()]
    return BatchRun(part, len(cases), sum(len(urls) for _, _, urls in cases), wall, stages,
                    memory.peak_mb, sum(len(d["facts"]) for d in dossiers),
                    sum(1 for e in manifest.values() if e.get("status") != "ok"),
                    sum(1 for d in dossiers if any(not e["url"] for e in d["errors"])))


# ---------------------------------------------------------------- the naive reference


def run_naive(targets: list[tuple[str, list[str]]], nlp: Language) -> Run:
    """benchmarks/bench.py's naive reference (sequential uncached fetches, then each page's
    whole text through nlp()), except that a text longer than spaCy's max_length (the 3.8 MB
    prospectus: 1.07 million characters) goes through in pieces cut at line breaks."""
    return bench.run_naive(targets, nlp, lambda text: _pieces(text, nlp.max_length // 10),
                           content_type=None)


def _pieces(text: str, size: int) -> Iterator[str]:
    if len(text) <= size * 10:
        yield text
        return
    piece: list[str] = []
    length = 0
    for line in text.split("\n"):
        if length + len(line) > size and piece:
            yield "\n".join(piece)
            piece, length = [], 0
        piece.append(line)
        length += len(line) + 1
    if piece:
        yield "\n".join(piece)


# ---------------------------------------------------------------- single targets


def fact_page(target: str, sentences: int, seed: int = 15) -> str:
    """A long profile page whose every sentence states a fact about the target: roles with
    years, boards, degrees, memberships, causes, sports, books, among thousands of made-up
    organizations (some repeated, as a long career page repeats its employers)."""
    rng = random.Random(seed)
    syllables = ["bar", "cor", "den", "fal", "gre", "hol", "kin", "lor", "mar", "nor", "pel",
                 "quin", "ros", "sta", "tor", "val", "wick", "yar", "zen"]

    def word() -> str:
        return "".join(rng.sample(syllables, 2)).capitalize()

    orgs = [f"{word()} {rng.choice(['Logistics', 'Foods', 'Capital', 'Health', 'Energy'])}"
            for _ in range(sentences // 4)]
    charities = [f"{word()} {rng.choice(['Food Bank', 'Literacy Council', 'Land Trust'])}"
                 for _ in range(sentences // 20)]
    titles = ["Chief Operating Officer", "Vice President of Operations", "Director of Finance",
              "Senior Analyst", "General Manager", "Chief Financial Officer"]
    surname = target.split()[-1]
    templates = [
        lambda y: f"From {y} to {y + 3}, {surname} was {rng.choice(titles)} at {rng.choice(orgs)}.",
        lambda y: f"In {y} she joined {rng.choice(orgs)} as {rng.choice(titles)}.",
        lambda y: f"She serves on the board of directors of {rng.choice(orgs)}.",
        lambda y: f"She earned an MBA from {word()} University in {y}.",
        lambda y: f"She is a member of the {word()} Society of Engineers.",
        lambda y: f"She volunteers with the {rng.choice(charities)} every spring.",
        lambda y: f"An avid {rng.choice(['sailor', 'cyclist', 'marathon runner'])}, she "
                  f"raced in {y}.",
        lambda y: f"She wrote the book \"{word()} Lessons\" in {y}.",
    ]
    paragraphs = []
    for start in range(0, sentences, 5):
        lines = [rng.choice(templates)(rng.randrange(1985, 2024))
                 for _ in range(min(5, sentences - start))]
        paragraphs.append(f"<p>{target} has worked across many firms. {' '.join(lines)}</p>")
    return (f"<html><head><title>{target}: a career</title></head><body><article>"
            f"<h1>{target}</h1>{''.join(paragraphs)}</article></body></html>")


@dataclass
class Single:
    name: str
    model_load_seconds: float
    stage_seconds: dict[str, float]
    facts: int
    hooks: int
    note: str = ""
    cli_wall_seconds: float | None = None  # the best of CLI_RUNS
    cli_walls: list[float] = field(default_factory=list)
    cli_cpu_seconds: list[float] = field(default_factory=list)  # user + system, all processes
    extra: dict[str, Any] = field(default_factory=dict)


def run_single(name: str, target: str, url: str, priorities: list[str], scratch: Path,
               cli: bool) -> Single:
    started = time.perf_counter()
    engine = Engine.create(load_settings(None, {"fetch": {"cache_dir": scratch / "cache-one"},
                                                "discover": {"enabled": False}}))
    load = time.perf_counter() - started
    timings = Timings()
    dossier = build(Target(target), [url], Profile(priorities=tuple(priorities)), engine,
                    timings=timings)
    note = "; ".join(e.message for e in dossier.errors)
    single = Single(name, load, dict(timings.seconds), len(dossier.facts), len(dossier.hooks),
                    note)
    if cli:
        cmd = [sys.executable, "-m", "dossier", "build", target, "--url", url, "--no-discover",
               "--out", str(scratch / "one")]
        for priority in priorities:
            cmd += ["--priority", priority]
        for run in range(CLI_RUNS):  # a cold cache each time
            before = resource.getrusage(resource.RUSAGE_CHILDREN)
            started = time.perf_counter()
            subprocess.run([*cmd, "--cache-dir", str(scratch / f"cache-cli-{run}")],
                           capture_output=True, check=False, cwd=scratch)
            single.cli_walls.append(time.perf_counter() - started)
            after = resource.getrusage(resource.RUSAGE_CHILDREN)
            single.cli_cpu_seconds.append(after.ru_utime + after.ru_stime
                                          - before.ru_utime - before.ru_stime)
        single.cli_wall_seconds = min(single.cli_walls)
    return single


# ---------------------------------------------------------------- report


def _stages(seconds: dict[str, float]) -> str:
    return "   ".join(f"{s} {seconds[s]:.1f}" for s in STAGES if s in seconds)


def report(batches: list[BatchRun], naives: dict[str, Run], singles: list[Single],
           args: argparse.Namespace) -> None:
    print(f"dossier use benchmark: {args.latency * 1000:.0f} ms latency, {os.cpu_count()} "
          f"CPUs, dev copies {args.copies}")
    for run in batches:
        naive = naives.get(run.part)
        print(f"\n[{run.part}] {run.targets} targets, {run.pages} pages")
        print(f"  dossier batch: wall {run.wall_seconds:.1f} s (start-up and model loads "
              f"included)   {run.pages / run.wall_seconds:.2f} pages/s   facts {run.facts:,}   "
              f"failed {run.failed}   stopped by the time budget {run.stopped}   peak RSS "
              f"(process tree) {run.peak_rss_mb:.0f} MB")
        print(f"    stage seconds, summed over targets: {_stages(run.stage_seconds)}")
        if naive:
            print(f"  naive reference: wall {naive.wall_seconds:.1f} s   "
                  f"{naive.pages / naive.wall_seconds:.2f} pages/s   peak RSS "
                  f"{naive.peak_rss_mb.get('this process', 0):.0f} MB")
            print(f"    stage seconds: {_stages(naive.stage_seconds).replace('facts', 'nlp')}")
            print(f"  ratio (naive wall / batch wall): "
                  f"{naive.wall_seconds / run.wall_seconds:.2f}x")
    if len(batches) > 1:
        wall = sum(r.wall_seconds for r in batches)
        print(f"\n[total] {sum(r.targets for r in batches)} targets, "
              f"{sum(r.pages for r in batches)} pages: dossier batch {wall:.1f} s "
              f"(the runs above, one after the other)   peak RSS "
              f"{max(r.peak_rss_mb for r in batches):.0f} MB")
        stages: dict[str, float] = {}
        for r in batches:
            for k, v in r.stage_seconds.items():
                stages[k] = stages.get(k, 0.0) + v
        print(f"    stage seconds: {_stages(stages)}")
        if all(r.part in naives for r in batches):
            naive_wall = sum(naives[r.part].wall_seconds for r in batches)
            print(f"  naive reference {naive_wall:.1f} s   ratio {naive_wall / wall:.2f}x")
    for one in singles:
        work = sum(one.stage_seconds.values())
        print(f"\n[{one.name}] model load {one.model_load_seconds:.1f} s + build {work:.1f} s "
              f"= {one.model_load_seconds + work:.1f} s   facts {one.facts:,}   hooks "
              f"{one.hooks}")
        print(f"    stage seconds: {_stages(one.stage_seconds)}")
        if one.cli_wall_seconds is not None:
            walls = ", ".join(f"{w:.1f}" for w in one.cli_walls)
            cpus = ", ".join(f"{c:.1f}" for c in one.cli_cpu_seconds)
            print(f"    `dossier build` in a fresh process: {one.cli_wall_seconds:.1f} s, the "
                  f"best of {walls} s (CPU {cpus} s, all its processes)")
        if one.note:
            print(f"    {one.note}")
    print(f"\npeak RSS of this process (naive runs, single targets): "
          f"{_peak_rss_mb(resource.RUSAGE_SELF):.0f} MB")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=3, help="copies of the dev cases (3)")
    parser.add_argument("--latency", type=float, default=0.05, help="seconds per response")
    parser.add_argument("--workers", type=int, help="dossier batch --workers (its default)")
    parser.add_argument("--no-naive", dest="naive", action="store_false")
    parser.add_argument("--only", nargs="+", choices=PARTS, default=list(PARTS))
    parser.add_argument("--sentences", type=int, default=SCALE_SENTENCES,
                        help="fact sentences on the generated page (5,000)")
    parser.add_argument("--json", type=Path, help="also write the numbers here")
    args = parser.parse_args(argv)
    web = Web(args.latency)
    parts: dict[str, list[tuple[str, Case, list[str]]]] = {"dev": [], "real": []}
    for copy in range(args.copies):
        for i, case in enumerate(eval_cases(SHARED / "eval" / "dev")):
            urls = [web.add(f"dev{copy}/{i}", f) for f in case.files]
            parts["dev"].append((f"dev{copy}-{i}", case, urls))
    for i, case in enumerate(eval_cases(SHARED / "eval" / "real")):
        parts["real"].append((f"real-{i}", case, [web.add(f"real/{i}", f) for f in case.files]))
    batches: list[BatchRun] = []
    naives: dict[str, Run] = {}
    singles: list[Single] = []
    with web.running(), tempfile.TemporaryDirectory(prefix="dossier-use-") as tmp:
        scratch = Path(tmp)
        for part in ("dev", "real"):
            if part in args.only:
                batches.append(run_batch(part, parts[part], scratch, args.workers))
        if args.naive and {"dev", "real"} & set(args.only):
            nlp = stock_model(load_settings())
            add_counter(nlp)
            for part in ("dev", "real"):
                if part in args.only:
                    naives[part] = run_naive([(c.target, urls) for _, c, urls in parts[part]],
                                             nlp)
        if "real" in args.only:
            proxy = SHARED / "realpages" / PROXY
            singles.append(run_single("one target, 2.2 MB proxy statement", PROXY_TARGET,
                                      str(proxy), ["specialty chemicals strategy"], scratch,
                                      cli=True))
        if "scale" in args.only:
            page = scratch / "career.html"
            page.write_text(fact_page(SCALE_TARGET, args.sentences), "utf-8")
            singles.append(run_single(f"one page, {args.sentences:,} fact sentences",
                                      SCALE_TARGET, str(page),
                                      ["public speaking", "nonprofit boards"], scratch, cli=False))
    report(batches, naives, singles, args)
    if args.json:
        data = {"args": {k: str(v) for k, v in vars(args).items()},
                "batches": [asdict(b) for b in batches],
                "naive": {k: asdict(v) for k, v in naives.items()},
                "singles": [asdict(s) for s in singles]}
        args.json.write_text(json.dumps(data, indent=2) + "\n", "utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
