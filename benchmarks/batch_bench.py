"""Benchmark `dossier batch`: a 50-target job against a local server, 4 workers vs 1.

    python benchmarks/batch_bench.py [--targets 50] [--workers 4] [--baseline 1] [--json FILE]

Writes three fictional pages per target (a leadership bio, a news story and a ten-question
interview, about 1,300 words together) into a temporary folder, serves them on 127.0.0.1,
and runs `dossier batch` on it in a fresh process with each worker count, each time with an
empty output folder and an empty HTTP cache. Reports wall time (start-up and model loading
included), targets per minute, CPU seconds and peak resident memory of the whole process
tree (the command, its fork server and its workers, sampled), and the speed-up. It first
measures how many CPUs are really free (a shared or throttled machine has fewer than
os.cpu_count() says), since the speed-up can never exceed that.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from concurrent.futures import ProcessPoolExecutor
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from dossier.batch import MANIFEST_NAME
from dossier.demo import serve_folder

try:
    import psutil
except ImportError:  # tree totals (memory, CPU) are then unavailable; getrusage still works
    psutil = None

# Busy-loop length for measuring free CPUs: about a second of work, long enough to average
# out scheduler noise, short enough not to slow the benchmark down.
CALIBRATION_LOOPS = 15_000_000
# How often the memory sampler looks at the process tree (seconds): fine enough to catch
# the peak, since worker memory grows over seconds (model load), not milliseconds.
SAMPLE_SECONDS = 0.05
FIRST = ["Amara", "Bastian", "Celine", "Dario", "Elif", "Farid", "Greta", "Hiroshi", "Ines",
         "Jonas"]
LAST = ["Achterberg", "Bellweather", "Castellano", "Drummond", "Eskildsen"]
COMPANIES = ["Kestrel Logistics", "Norrland Foods", "Quillon Health", "Arbor Freight Lines",
             "Talisker Energy", "Vantor Retail Group", "Morrow Biotech"]
TITLES = ["Chief Operating Officer", "Chief Financial Officer", "Chief Executive Officer",
          "Vice President of Operations", "Chief Technology Officer"]
BOARDS = ["Riverside Food Bank", "Harbor Literacy Council", "Northfield Youth Orchestra",
          "Cedar Valley Land Trust", "Eastgate Community Clinic"]
SCHOOLS = ["Lakemont University", "Westbrook Institute of Technology", "Carrow School of "
           "Business", "Northgate University"]
HOBBIES = ["marathon running", "sailing", "cycling", "rock climbing", "choral singing"]


@dataclass(frozen=True)
class Person:
    slug: str
    name: str
    surname: str
    title: str
    company: str
    board: str
    school: str
    hobby: str
    since: int


def people(count: int) -> list[Person]:
    """Distinct fictional executives, deterministic for a given count."""
    out = []
    for i in range(count):
        first, last = FIRST[i % len(FIRST)], LAST[(i // len(FIRST)) % len(LAST)]
        suffix = "" if i < len(FIRST) * len(LAST) else f"-{i}"
        out.append(Person(
            slug=f"{first}-{last}{suffix}".lower(), name=f"{first} {last}", surname=last,
            title=TITLES[i % len(TITLES)], company=COMPANIES[(i * 3) % len(COMPANIES)],
            board=BOARDS[(i * 7) % len(BOARDS)], school=SCHOOLS[i % len(SCHOOLS)],
            hobby=HOBBIES[(i * 2) % len(HOBBIES)], since=2012 + i % 12))
    return out


def bio_page(p: Person) -> str:
    person_ld = json.dumps({"@context": "https://schema.org", "@type": "Person", "name": p.name,
                            "jobTitle": p.title,
                            "worksFor": {"@type": "Organization", "name": p.company}})
    paragraphs = [
        f"{p.name} is {p.title} of {p.company}, a position {p.surname} has held since "
        f"{p.since}. {p.surname} leads a team of several hundred people across operations, "
        "planning and customer service, and reports to the board on the company's long-range "
        "plan.",
        f"Before joining {p.company}, {p.surname} spent eight years at Brightline Consulting "
        "Group, where the work ranged from network redesigns for grocery chains to pricing "
        "studies for regional carriers. Colleagues describe a manager who asks for the data "
        "first and the opinion second.",
        f"{p.surname} earned a Bachelor of Science in Industrial Engineering from {p.school} "
        "and later completed an executive programme in finance.",
        f"{p.surname} serves on the board of directors of the {p.board}, a nonprofit that "
        "works with volunteers across the region, and chairs its audit committee.",
        f"Outside work, {p.surname} enjoys {p.hobby} and speaks at industry conferences about "
        "building teams that can read their own numbers.",
    ]
    body = "\n".join(f"<p>{text}</p>" for text in paragraphs)
    return (f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{p.name} | Leadership | {p.company}</title>"
            f"<script type=\"application/ld+json\">{person_ld}</script></head><body>"
            f"<nav><a href=\"/\">Home</a> <a href=\"/about/\">About</a></nav><main><article>"
            f"<h1>{p.name}</h1>{body}</article></main></body></html>")


def news_page(p: Person) -> str:
    paragraphs = [
        f"The {p.board} held its annual fundraiser on Saturday, and {p.name}, who sits on "
        "the group's board, opened the evening with a short speech about the year's work.",
        f"\"We doubled the number of families we reach,\" {p.surname} said. \"That happened "
        "because volunteers showed up every week, not because of any one donor.\"",
        f"{p.surname}, the {p.title.lower()} of {p.company}, has volunteered with the group "
        "since moving to the city, and organised this year's charity run along the river.",
        "Organisers said the event raised more than last year, and that the money will fund "
        "a new delivery van and two part-time coordinators.",
    ]
    body = "\n".join(f"<p>{text}</p>" for text in paragraphs)
    return (f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>{p.board} fundraiser draws a crowd | The Lakeside Courier</title>"
            f"<meta name=\"author\" content=\"Staff reporter\"></head><body><main><article>"
            f"<h1>{p.board} fundraiser draws a crowd</h1>{body}</article></main></body></html>")


QA = [
    ("How did you get started?", "I started out building spreadsheets for a regional "
     "distributor, and I stayed because every model I built changed what happened on the "
     "loading dock the next morning. That feedback loop is addictive."),
    ("What does a normal week look like?", "Mondays are for numbers, Tuesdays for the "
     "terminals, and the rest of the week is whatever broke. I try to spend one afternoon a "
     "week with a team I do not manage, just listening."),
    ("What is the hardest decision you made this year?", "Closing a facility that had been "
     "open for forty years. We moved every person who wanted to move, and we were honest "
     "about the people we could not place. It still hurts."),
    ("How do you hire?", "I look for people who can explain a messy data set to someone who "
     "will never open it. Technical skill is easier to teach than that kind of patience."),
    ("What keeps you busy outside work?", "{hobby}, mostly, and the {board}. Board meetings "
     "are on Thursday evenings and they are the most useful two hours of my month."),
    ("Who shaped your career?", "A plant manager named Ruth who made me walk the floor "
     "before I was allowed to present any chart. She retired years ago, and I still hear "
     "her voice when I review a deck."),
    ("What would you tell your younger self?", "Speak up earlier. I waited years before "
     "giving my first talk at a conference, and the only thing the waiting bought me was "
     "more nerves."),
    ("What are you reading?", "A history of the shipping container and a collection of "
     "short stories my daughter recommended. I alternate chapters, which is confusing."),
    ("Where is the industry going?", "Toward fewer, better decisions made closer to the "
     "customer. The tools are ready; the organisations mostly are not."),
    ("How do you measure success?", "If the people who report to me get promoted out of "
     "my team, I am doing the job. If they stay stuck, I am not."),
]


def interview_page(p: Person) -> str:
    turns = []
    for question, answer in QA:
        turns.append(f"<p><strong>Q:</strong> {question}</p>")
        turns.append(f"<p><strong>{p.surname}:</strong> "
                     f"{answer.format(hobby=p.hobby.capitalize(), board=p.board)}</p>")
    return (f"<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
            f"<title>Ten questions for {p.name} | Operations Quarterly</title>"
            f"<meta name=\"author\" content=\"Staff writer\"></head><body><main><article>"
            f"<h1>Ten questions for {p.name}</h1><p>{p.name}, {p.title} of {p.company}, on "
            f"hiring, hard calls and life outside work.</p>{''.join(turns)}"
            f"</article></main></body></html>")


PAGES = {"": bio_page, "-news": news_page, "-interview": interview_page}


def write_site(folder: Path, crowd: list[Person]) -> None:
    for p in crowd:
        for suffix, page in PAGES.items():
            (folder / f"{p.slug}{suffix}.html").write_text(page(p), "utf-8")


def write_job(path: Path, crowd: list[Person], base: str) -> None:
    lines = ["profile: {priorities: [public speaking, nonprofit boards], "
             "skills: [data analysis]}",
             "defaults: {discover: false}", "targets:"]
    for p in crowd:
        urls = ", ".join(f"{base}/{p.slug}{suffix}.html" for suffix in PAGES)
        lines += [f"  - name: {p.name}", f"    id: {p.slug}", f"    urls: [{urls}]"]
    path.write_text("\n".join(lines) + "\n", "utf-8")


class TreeSampler:
    """Samples a process and all its descendants (the fork server and the workers it forks
    are grandchildren): peak resident memory of the tree and of its largest process, and
    the CPU time each process had used when last seen."""

    def __init__(self, pid: int) -> None:
        self.pid = pid
        self.peak_total = 0
        self.peak_single = 0
        self._cpu: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> TreeSampler:
        if psutil is not None:
            self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        if self._thread.is_alive():
            self._thread.join()

    @property
    def cpu_seconds(self) -> float:
        return sum(self._cpu.values())

    def _run(self) -> None:
        try:
            root = psutil.Process(self.pid)
        except psutil.Error:
            return
        while not self._stop.is_set():
            self._sample(root)
            time.sleep(SAMPLE_SECONDS)

    def _sample(self, root: Any) -> None:
        sizes = []
        try:
            tree = [root, *root.children(recursive=True)]
        except psutil.Error:  # the run just ended
            return
        for proc in tree:
            try:
                with proc.oneshot():
                    sizes.append(proc.memory_info().rss)
                    times = proc.cpu_times()
            except psutil.Error:  # a worker that just exited
                continue
            self._cpu[proc.pid] = times.user + times.system
        self.peak_total = max(self.peak_total, sum(sizes))
        self.peak_single = max(self.peak_single, max(sizes, default=0))


def _burn(loops: int) -> float:
    started = time.perf_counter()
    total = 0
    for i in range(loops):
        total += i * i
    return time.perf_counter() - started


def free_cpus(processes: int) -> float:
    """How many CPUs `processes` busy processes really get: n * (time alone / time together)."""
    alone = _burn(CALIBRATION_LOOPS)
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(processes, mp_context=context) as pool:
        list(pool.map(_burn, [1000] * processes))  # start every process before timing
        started = time.perf_counter()
        list(pool.map(_burn, [CALIBRATION_LOOPS] * processes))
        together = time.perf_counter() - started
    return round(min(processes, processes * alone / together), 1)


@dataclass
class Result:
    workers: int
    targets: int
    built: int
    failed: int
    wall_seconds: float
    cpu_seconds: float | None
    targets_per_minute: float
    peak_rss_tree_mb: float | None
    peak_rss_largest_process_mb: float


def run_once(job_path: Path, workers: int, scratch: Path) -> tuple[Result, Path]:
    """`dossier batch` in a fresh process, as a user runs it: interpreter start, fork server,
    workers and model loads included."""
    out, cache = scratch / f"out-{workers}", scratch / f"cache-{workers}"
    args = [sys.executable, "-m", "dossier", "batch", str(job_path), "--out", str(out),
            "--cache-dir", str(cache), "--workers", str(workers)]
    started = time.perf_counter()
    proc = subprocess.Popen(args, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    with TreeSampler(proc.pid) as tree:
        _, stderr = proc.communicate()
    wall = time.perf_counter() - started
    if proc.returncode not in (0, 1):  # 1: some target failed, counted below
        raise SystemExit(f"dossier batch exited with {proc.returncode}: {stderr.strip()}")
    done = json.loads((out / MANIFEST_NAME).read_text("utf-8"))["targets"]
    # Without psutil: ru_maxrss (KiB on Linux) of the largest descendant waited for so far.
    largest_kib = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    result = Result(
        workers=workers, targets=len(done),
        built=sum(e["status"] == "ok" for e in done.values()),
        failed=sum(e["status"] != "ok" for e in done.values()),
        wall_seconds=round(wall, 2),
        cpu_seconds=round(tree.cpu_seconds, 1) if psutil is not None else None,
        targets_per_minute=round(len(done) / wall * 60, 1),
        peak_rss_tree_mb=round(tree.peak_total / 2**20, 1) if psutil is not None else None,
        peak_rss_largest_process_mb=round(max(largest_kib / 1024, tree.peak_single / 2**20), 1),
    )
    return result, out


def same_dossiers(a: Path, b: Path) -> bool:
    def load(folder: Path) -> dict[str, Any]:
        found = {}
        for path in sorted(folder.glob("[!.]*.json")):  # not the manifest
            data = json.loads(path.read_text("utf-8"))
            data.pop("generated_at", None)
            found[path.name] = data
        return found
    return load(a) == load(b)


def _print(results: list[Result], walls: dict[int, list[float]]) -> None:
    print(f"{'workers':>8} {'wall s':>8} {'CPU s':>7} {'targets/min':>12} "
          f"{'peak RSS tree MB':>17} {'largest process MB':>19} {'built':>6} {'failed':>7}"
          f"  all walls s")
    for r in results:
        tree = f"{r.peak_rss_tree_mb:.1f}" if r.peak_rss_tree_mb is not None else "n/a"
        cpu = f"{r.cpu_seconds:.1f}" if r.cpu_seconds is not None else "n/a"
        print(f"{r.workers:>8} {r.wall_seconds:>8.2f} {cpu:>7} "
              f"{r.targets_per_minute:>12.1f} {tree:>17} "
              f"{r.peak_rss_largest_process_mb:>19.1f} {r.built:>6} {r.failed:>7}"
              f"  {', '.join(f'{w:.1f}' for w in walls[r.workers])}")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--targets", type=int, default=50)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--baseline", type=int, default=1)
    parser.add_argument("--repeat", type=int, default=2,
                        help="runs per worker count, alternating; the fastest is reported "
                        "(a shared machine's load comes and goes)")
    parser.add_argument("--json", type=Path, help="also write the results here")
    args = parser.parse_args(argv)
    crowd = people(args.targets)
    counts = (args.workers, args.baseline)
    runs: dict[int, list[Result]] = {w: [] for w in counts}
    cpus = [free_cpus(args.workers)]
    with tempfile.TemporaryDirectory(prefix="dossier-bench-") as tmp:
        scratch = Path(tmp)
        (scratch / "site").mkdir()
        write_site(scratch / "site", crowd)
        outs: dict[int, Path] = {}
        with serve_folder(scratch / "site") as base:
            write_job(scratch / "job.yaml", crowd, base)
            for i in range(args.repeat):
                for workers in counts:
                    result, out = run_once(scratch / "job.yaml", workers, scratch / f"run-{i}")
                    runs[workers].append(result)
                    outs.setdefault(workers, out)
        identical = same_dossiers(outs[args.workers], outs[args.baseline])
    cpus.append(free_cpus(args.workers))
    best = [min(runs[w], key=lambda r: r.wall_seconds) for w in counts]
    walls = {w: [r.wall_seconds for r in runs[w]] for w in counts}
    speedup = round(best[1].wall_seconds / best[0].wall_seconds, 2)
    print(f"dossier batch benchmark: {args.targets} targets, {len(PAGES)} local pages each; "
          f"{os.cpu_count()} CPUs, of which {min(cpus)}-{max(cpus)} free for {args.workers} "
          f"busy processes (before, after); Python {sys.version.split()[0]}; "
          f"best of {args.repeat}")
    _print(best, walls)
    print(f"speed-up of {args.workers} workers over {args.baseline}: {speedup}x; "
          f"dossiers identical: {'yes' if identical else 'NO'}")
    if args.json:
        summary = {"free_cpus": cpus, "best": [asdict(r) for r in best],
                   "runs": {w: [asdict(r) for r in rs] for w, rs in runs.items()},
                   "speedup": speedup, "identical": identical}
        args.json.write_text(json.dumps(summary, indent=2) + "\n", "utf-8")
    failed = any(r.failed for rs in runs.values() for r in rs)
    return 0 if identical and not failed else 1


if __name__ == "__main__":
    sys.exit(main())
