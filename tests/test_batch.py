"""`dossier batch` end to end: six targets over a local server, a failing one, an invalid
entry, resume, Ctrl-C, what changed, equal outputs across worker counts and on Dask."""

from __future__ import annotations

import http.server
import json
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

from dossier.batch import MANIFEST_NAME, BatchOptions, BatchReport, BuildTask, Prefetch, run_job
from dossier.batch.job import load_job
from dossier.fetch import Fetcher
from dossier.models import Page, Target
from dossier.profile import Profile
from dossier.settings import load_settings

PAGES = Path(__file__).parent / "batch_pages"
# Long enough for the interrupted run to be killed while a page hangs; the fetcher's own
# read timeout (10 s) would end the wait anyway.
HANG_SECONDS = 30
# Generous bound for a CLI run or for the manifest to show progress (model load ~1-2 s).
RUN_TIMEOUT = 120
# Generous bound for worker processes to end once the client is gone (they notice at once).
ORPHAN_BOUND = 30
JOB = """\
profile: {{priorities: [public speaking], skills: [data analysis], contacts: [podcast hosts]}}
defaults: {{discover: false, max_pages: 20, priorities: [nonprofit boards]}}
plan: {{cadence: monthly, start: 2027-01-04}}
targets:
  - name: Maria Okafor
    id: okafor-2026
    urls: [{base}/okafor-team.html, {base}/okafor-interview.html]
    priorities: [supply chain analytics]
  - name: Erik Lindqvist
    urls: [{base}/lindqvist.html, {base}/lindqvist-missing.html]
  - name: Helena Marsh-Ortiz
    urls: [{base}/{hang}marsh-ortiz.html]
  - name: Jordan Ellis
    urls: [{base}/ellis-architect.html]
  - name: Jordan Ellis
    urls: [{base}/ellis-rowing.html]
  - name: Samuel Osei-Brandt
    urls: [{base}/gone/osei-brandt.html, {base}/gone/osei-brandt-news.html]
"""
STEMS = ["okafor-2026", "erik-lindqvist", "helena-marsh-ortiz", "jordan-ellis",
         "jordan-ellis-2", "samuel-osei-brandt"]
FAILING = "samuel-osei-brandt"


@dataclass
class Site:
    """A folder served on 127.0.0.1; /hang/<file> waits until `release` is set."""

    folder: Path
    base: str = ""
    requests: list[str] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)

    def job(self, folder: Path, hang: bool = False, text: str = JOB) -> Path:
        """A job on this site; with hang, its third target's page hangs until `release` is set
        again (the site is shared by the module's tests: an earlier test may have set it)."""
        if hang:
            self.release.clear()
        path = folder / "job.yaml"
        path.write_text(text.format(base=self.base, hang="hang/" if hang else ""), "utf-8")
        return path


@contextmanager
def serve(folder: Path) -> Iterator[Site]:
    site = Site(folder)

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, directory=str(folder), **kwargs)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002
            pass

        def do_GET(self) -> None:
            site.requests.append(self.path)
            if self.path.startswith("/hang/"):
                site.release.wait(HANG_SECONDS)
                self.path = self.path[len("/hang"):]
            super().do_GET()

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    site.base = f"http://127.0.0.1:{server.server_address[1]}"
    try:
        yield site
    finally:
        site.release.set()
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Site]:
    folder = tmp_path_factory.mktemp("site")
    shutil.copytree(PAGES, folder, dirs_exist_ok=True)
    with serve(folder) as served:
        yield served


def library_run(job_path: Path, out: Path, cache: Path, **options: Any) -> BatchReport:
    job = load_job(job_path)
    settings = load_settings(None, job.settings_layer(), {"fetch": {"cache_dir": cache}})
    return run_job(job, settings, BatchOptions(out, **options))


@pytest.fixture(scope="module")
def first_run(site: Site, tmp_path_factory: pytest.TempPathFactory) -> BatchReport:
    """The job with two local worker processes, through the library."""
    folder = tmp_path_factory.mktemp("first")
    return library_run(site.job(folder), folder / "out", folder / "cache", workers=2)


def read(out: Path, stem: str) -> dict[str, Any]:
    return json.loads((out / f"{stem}.json").read_text("utf-8"))


def comparable(out: Path) -> dict[str, dict[str, Any]]:
    """Every dossier's JSON, minus the one field that must differ between runs."""
    found = {}
    for stem in STEMS:
        data = read(out, stem)
        data.pop("generated_at")
        found[stem] = data
    return found


def cli(run_cli: Callable[..., subprocess.CompletedProcess[str]], job: Path, out: Path,
        cache: Path, *extra: str) -> subprocess.CompletedProcess[str]:
    return run_cli("batch", str(job), "--out", str(out), "--cache-dir", str(cache), *extra)


@pytest.fixture(autouse=True)
def wide_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    """A wide summary table, so each target's row stays on one line."""
    monkeypatch.setenv("COLUMNS", "250")


# ---------------------------------------------------------------- validation before work


def test_an_invalid_entry_is_rejected_before_any_work(site: Site, tmp_path: Path,
                                                      run_cli: Callable[..., Any]) -> None:
    text = JOB.replace("urls: [{base}/{hang}marsh-ortiz.html]", "urls: {base}/marsh-ortiz.html")
    job = site.job(tmp_path, text=text)
    seen = len(site.requests)
    result = cli(run_cli, job, tmp_path / "out", tmp_path / "cache")
    assert result.returncode == 2
    assert result.stderr.strip() == (
        f"dossier: error: {job}:12: targets[2].urls: expected a list of URLs")
    assert not (tmp_path / "out").exists()
    assert len(site.requests) == seen  # not one page was fetched


def test_an_unreachable_dask_scheduler_is_a_one_line_runtime_error(
        site: Site, tmp_path: Path, run_cli: Callable[..., Any], closed_port: int) -> None:
    """Exit 1, not 2: the option is well formed, the cluster is not there (or, without the
    dask extra, cannot be reached at all)."""
    job = site.job(tmp_path)
    seen = len(site.requests)
    result = run_cli("batch", str(job), "--out", str(tmp_path / "out"), "--cache-dir",
                     str(tmp_path / "cache"), "--scheduler", f"tcp://127.0.0.1:{closed_port}")
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("dossier: error: "), result.stderr
    assert "Dask" in lines[0] and "unexpected" not in lines[0], lines
    assert len(site.requests) == seen  # not one page was fetched


@pytest.mark.parametrize("extra,words", [
    (("--start", "9999-12-31"), ("--start", "9999")),
    (("--out", "/dev/null"), ("/dev/null", "not a folder")),
])
def test_a_plan_past_the_calendar_or_an_unusable_out_is_one_line_before_any_work(
        site: Site, tmp_path: Path, run_cli: Callable[..., Any], extra: tuple[str, ...],
        words: tuple[str, ...]) -> None:
    job = site.job(tmp_path)
    seen = len(site.requests)
    result = run_cli("batch", str(job), "--out", str(tmp_path / "out"), "--cache-dir",
                     str(tmp_path / "cache"), *extra)
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("dossier: error: "), result.stderr
    assert all(word in lines[0] for word in words), lines
    assert "unexpected" not in lines[0]
    assert len(site.requests) == seen  # not one page was fetched


def test_worker_processes_keep_library_log_lines_off_the_terminal(
        tmp_path: Path, run_cli: Callable[..., Any]) -> None:
    pdf = tmp_path / "broken.pdf"  # pypdf logs four WARNING lines while failing on it
    pdf.write_bytes(b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\nstartxref\n999\n%%EOF\n")
    job = tmp_path / "job.yaml"
    job.write_text(f"targets:\n  - name: Jane Roe\n    urls: [{pdf}]\n", "utf-8")
    result = run_cli("batch", str(job), "--out", str(tmp_path / "out"), "--cache-dir",
                     str(tmp_path / "cache"), "--workers", "1")
    assert result.returncode == 1
    assert "startxref" not in result.stderr + result.stdout  # pypdf's words
    assert "unreadable PDF" in read(tmp_path / "out", "jane-roe")["sources"][0]["error"]


# ---------------------------------------------------------------- the first run


def test_every_target_is_built_except_the_one_whose_pages_all_fail(first_run: BatchReport) -> None:
    assert [o.entry.stem for o in first_run.outcomes] == STEMS
    status = {o.entry.stem: o.status for o in first_run.outcomes}
    assert status == {**dict.fromkeys(STEMS, "built"), FAILING: "failed"}
    assert [o.entry.stem for o in first_run.failed] == [FAILING]
    sources = {o.entry.stem: (o.entry.sources_ok, o.entry.sources_failed)
               for o in first_run.outcomes}
    assert sources == {"okafor-2026": (2, 0), "erik-lindqvist": (1, 1),
                       "helena-marsh-ortiz": (1, 0), "jordan-ellis": (1, 0),
                       "jordan-ellis-2": (1, 0), FAILING: (0, 2)}
    failing = first_run.failed[0]
    assert failing.error == "none of 2 sources could be read"


def test_each_target_has_its_own_complete_dossier(first_run: BatchReport) -> None:
    out = first_run.out_dir
    for stem in STEMS:
        data = read(out, stem)
        assert (out / f"{stem}.md").read_text("utf-8").startswith("# ")
        assert data["changes"] == []
    assert read(out, "okafor-2026")["priorities"] == [
        "public speaking", "nonprofit boards", "supply chain analytics"]
    # Two people called Jordan Ellis, two files, each built from its own page.
    urls = {stem: [s["url"] for s in read(out, stem)["sources"]]
            for stem in ("jordan-ellis", "jordan-ellis-2")}
    assert urls["jordan-ellis"][0].endswith("/ellis-architect.html")
    assert urls["jordan-ellis-2"][0].endswith("/ellis-rowing.html")
    # The failing target's dossier says why, URL by URL.
    assert [e["url"].rsplit("/", 1)[1] for e in read(out, FAILING)["errors"]] == [
        "osei-brandt.html", "osei-brandt-news.html"]
    assert not list(out.glob(".*.tmp"))


def test_the_model_is_loaded_once_per_worker_process(first_run: BatchReport) -> None:
    workers = {o.worker for o in first_run.outcomes}
    assert 1 <= len(workers) <= 2
    assert {o.engine_loads for o in first_run.outcomes} == {1}


def test_index_plan_and_calendar(first_run: BatchReport) -> None:
    index = first_run.index_path.read_text("utf-8")
    for stem in STEMS[:-1]:
        assert f"]({stem}.md) |" in index
    assert "| Samuel Osei-Brandt |" not in index  # it has a dossier: linked, with a warning
    assert "⚠ none of 2 sources could be read" in index
    plan = first_run.plan_path.read_text("utf-8")
    rows = [line for line in plan.splitlines() if line.startswith("| ") and "](" in line]
    assert len(rows) == 5
    assert [row.split(" | ")[1] for row in rows] == [
        "2027-01-04", "2027-02-04", "2027-03-04", "2027-04-05", "2027-05-04"]
    built = [o.entry for o in first_run.outcomes if o.status == "built"]
    strongest = max(e.score or 0.0 for e in built)
    assert any(f"]({e.stem}.md)" in rows[0] for e in built if e.score == strongest)
    assert "Not scheduled (no readable source yet): Samuel Osei-Brandt." in plan
    ics = first_run.calendar_path.read_text("utf-8")
    assert ics.count("BEGIN:VEVENT") == 5 and "DTSTART;VALUE=DATE:20270104" in ics


# ---------------------------------------------------------------- CLI, worker counts, resume


def test_one_worker_gives_the_same_dossiers_and_a_rerun_skips_finished_targets(
        site: Site, first_run: BatchReport, tmp_path: Path,
        run_cli: Callable[..., subprocess.CompletedProcess[str]]) -> None:
    job, out, cache = site.job(tmp_path), tmp_path / "out", tmp_path / "cache"
    result = cli(run_cli, job, out, cache, "--workers", "1")
    assert result.returncode == 1, result.stderr  # one target failed
    assert comparable(out) == comparable(first_run.out_dir)
    assert "samuel-osei-brandt: failed: none of 2 sources could be read" in result.stdout
    assert result.stdout.count(" built ") == 5

    stamps = {stem: read(out, stem)["generated_at"] for stem in STEMS}
    again = cli(run_cli, job, out, cache, "--workers", "1")
    assert again.returncode == 1
    assert again.stdout.count(" skipped ") == 5 and again.stdout.count(" failed ") == 1
    assert {stem: read(out, stem)["generated_at"] for stem in STEMS[:-1]} == {
        stem: stamps[stem] for stem in STEMS[:-1]}

    # Changed inputs (a new priority) and a damaged dossier (no Markdown) are rebuilt.
    job.write_text(job.read_text("utf-8").replace(
        f"{site.base}/marsh-ortiz.html]",
        f"{site.base}/marsh-ortiz.html]\n    priorities: [energy policy]"),
        "utf-8")
    (out / "jordan-ellis.md").unlink()
    third = cli(run_cli, job, out, cache, "--workers", "1")
    assert third.returncode == 1
    assert third.stdout.count(" skipped ") == 3 and third.stdout.count(" built ") == 2
    assert "energy policy" in read(out, "helena-marsh-ortiz")["priorities"]
    assert (out / "jordan-ellis.md").is_file()

    forced = cli(run_cli, job, out, cache, "--workers", "1", "--force")
    assert forced.stdout.count(" built ") == 5 and " skipped " not in forced.stdout


def test_ctrl_c_stops_the_run_and_a_rerun_resumes(site: Site, tmp_path: Path) -> None:
    job, out = site.job(tmp_path, hang=True), tmp_path / "out"
    args = [sys.executable, "-m", "dossier", "batch", str(job), "--out", str(out),
            "--cache-dir", str(tmp_path / "cache"), "--workers", "1"]
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True, env=dict(os.environ),
                            preexec_fn=_ctrl_c_as_at_a_terminal)
    try:
        _wait_for_manifest(out, entries=2, proc=proc)  # the third target's page now hangs
        os.killpg(proc.pid, signal.SIGINT)
        _, stderr = proc.communicate(timeout=RUN_TIMEOUT)
    finally:
        if proc.poll() is None:
            os.killpg(proc.pid, signal.SIGKILL)
    assert proc.returncode == 130, stderr
    assert stderr.strip().endswith("dossier: error: interrupted")
    done = json.loads((out / MANIFEST_NAME).read_text("utf-8"))["targets"]
    assert sorted(done) == ["erik-lindqvist", "okafor-2026"]
    assert not list(out.glob(".*.tmp"))
    assert (out / "index.md").is_file()

    site.release.set()
    report = library_run(job, out, tmp_path / "cache", workers=1)
    assert [o.status for o in report.outcomes] == [
        "skipped", "skipped", "built", "built", "built", "failed"]


def _descendants(pid: int) -> set[int]:
    """Every living process below pid (the fork server, the workers, the resource tracker)."""
    parents: dict[int, int] = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            fields = stat.read_text().rsplit(")", 1)[1].split()
        except (OSError, IndexError):
            continue
        if fields[0] != "Z":
            parents[int(stat.parent.name)] = int(fields[1])
    found, todo = set(), [pid]
    while todo:
        parent = todo.pop()
        children = {p for p, pp in parents.items() if pp == parent}
        todo.extend(children - found)
        found |= children
    return found


def _wait_for_descendants(pid: int, at_least: int) -> set[int]:
    """The process tree below pid once it has grown to at_least processes. One look is not
    enough: on a loaded machine the pool may still be starting its second worker."""
    deadline = time.monotonic() + RUN_TIMEOUT
    while len(below := _descendants(pid)) < at_least and time.monotonic() < deadline:
        time.sleep(0.1)
    assert len(below) >= at_least, below
    return below


def _alive(pids: set[int]) -> set[int]:
    alive = set()
    for pid in pids:
        try:
            state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
        except (OSError, IndexError):
            continue
        if state != "Z":
            alive.add(pid)
    return alive


@pytest.mark.skipif(not Path("/proc/self/stat").is_file(), reason="reads /proc (Linux)")
@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGKILL])
def test_a_terminated_or_killed_run_leaves_no_process_behind(site: Site, tmp_path: Path,
                                                             sig: signal.Signals) -> None:
    """The signal goes to the client alone, as `kill PID` sends it: its workers must not
    outlive it (each holds a spaCy model and the cache). SIGTERM still writes the index."""
    job, out = site.job(tmp_path, hang=True), tmp_path / "out"
    args = [sys.executable, "-m", "dossier", "batch", str(job), "--out", str(out),
            "--cache-dir", str(tmp_path / "cache"), "--workers", "2"]
    proc = subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True,
                            start_new_session=True, env=dict(os.environ))
    below: set[int] = set()
    try:
        _wait_for_manifest(out, entries=2, proc=proc)  # one worker now waits on a hung page
        below = _wait_for_descendants(proc.pid, at_least=3)  # fork server and two workers
        os.kill(proc.pid, sig)
        proc.wait(timeout=RUN_TIMEOUT)
        deadline = time.monotonic() + ORPHAN_BOUND
        while _alive(below) and time.monotonic() < deadline:
            time.sleep(0.1)
        left = _alive(below)
    finally:
        for pid in _alive(below | _descendants(proc.pid)):
            os.kill(pid, signal.SIGKILL)  # what is left would hold the output pipes open
        if proc.poll() is None:
            proc.kill()
    _, stderr = proc.communicate(timeout=RUN_TIMEOUT)
    assert left == set(), f"still running after the client ended: {sorted(left)}"
    if sig == signal.SIGTERM:
        assert proc.returncode == 143, stderr
        assert stderr.strip().endswith("dossier: error: terminated")
        assert (out / "index.md").is_file() and (out / "plan.md").is_file()
    else:
        assert proc.returncode == -signal.SIGKILL


def _ctrl_c_as_at_a_terminal() -> None:
    """The run gets Ctrl-C as a terminal would deliver it, whatever the test runner inherited:
    a shell running the tests in the background (`.ci/run &`) ignores SIGINT, and an ignored
    signal stays ignored in every child, which would make Python ignore Ctrl-C."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _wait_for_manifest(out: Path, entries: int, proc: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + RUN_TIMEOUT
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if len(json.loads((out / MANIFEST_NAME).read_text("utf-8"))["targets"]) >= entries:
                return
        except (OSError, ValueError):
            pass
        time.sleep(0.1)
    raise AssertionError(f"the run did not finish {entries} targets (exit {proc.poll()})")


# ---------------------------------------------------------------- what changed


def test_a_refresh_reports_what_changed(tmp_path: Path,
                                        run_cli: Callable[..., Any]) -> None:
    shutil.copytree(PAGES, tmp_path / "site")
    page = tmp_path / "site" / "okafor-team.html"
    job_text = ("profile: {priorities: [supply chain analytics]}\n"
                "defaults: {discover: false}\ntargets:\n"
                "  - {name: Maria Okafor, id: okafor, urls: [BASE/okafor-team.html]}\n")
    with serve(tmp_path / "site") as served:
        job = tmp_path / "job.yaml"
        job.write_text(job_text.replace("BASE", served.base), "utf-8")
        out, cache = tmp_path / "out", tmp_path / "cache"
        assert cli(run_cli, job, out, cache, "-w", "1").returncode == 0
        before = read(out, "okafor")
        page.write_text(_promoted(page.read_text("utf-8")), "utf-8")
        result = cli(run_cli, job, out, cache, "-w", "1", "--refresh")
    assert result.returncode == 0, result.stderr
    changes = read(out, "okafor")["changes"]
    assert any(c.startswith("New role: Chief Supply Chain Officer, Halcyon Markets")
               for c in changes), changes
    if any(f["category"] == "board" and "Riverbend" in (f["org"] or "")
           for f in before["facts"]):
        assert any(c.startswith("No longer found: board seat Riverbend") for c in changes)
    for change in changes:
        assert f"okafor: changed: {change}" in result.stdout
    markdown = (out / "okafor.md").read_text("utf-8")
    assert "## What changed since the last dossier" in markdown
    assert "Halcyon Markets" in markdown.split("## What changed since the last dossier")[1]


def _promoted(html: str) -> str:
    """Maria Okafor moves to a new company and leaves one board for another."""
    return (html.replace('"jobTitle": "Vice President of Supply Chain Analytics"',
                         '"jobTitle": "Chief Supply Chain Officer"')
            .replace('"name": "Northwind Grocers"', '"name": "Halcyon Markets"')
            .replace("Maria Okafor is Vice President of Supply Chain Analytics at Northwind "
                     "Grocers, a position she has held since 2020.",
                     "Maria Okafor is Chief Supply Chain Officer at Halcyon Markets, which she "
                     "joined in 2026.")
            .replace("She serves on the board of directors of the Riverbend Food Alliance",
                     "In 2026 she joined the board of directors of the Lakeshore Youth "
                     "Orchestra"))


# ---------------------------------------------------------------- Dask


def test_a_dask_cluster_builds_the_same_dossiers(site: Site, first_run: BatchReport,
                                                 tmp_path: Path) -> None:
    pytest.importorskip("distributed", reason="the dask extra is not installed "
                        "(pip install 'dossier[dask]')")
    from distributed import LocalCluster

    with LocalCluster(processes=False, n_workers=1, threads_per_worker=2,
                      dashboard_address=None) as cluster:
        report = library_run(site.job(tmp_path), tmp_path / "out", tmp_path / "cache",
                             scheduler=cluster.scheduler_address)
    assert report.runner.startswith("Dask scheduler")
    assert [o.status for o in report.outcomes] == [o.status for o in first_run.outcomes]
    assert comparable(tmp_path / "out") == comparable(first_run.out_dir)


def _requested(site: Site, path: str) -> int:
    return sum(1 for p in site.requests if p == path)


def test_the_client_fetches_the_next_targets_pages_into_the_shared_cache(
        site: Site, tmp_path: Path) -> None:
    settings = load_settings(None, {}, {"fetch": {"cache_dir": tmp_path / "cache"}})
    pages = ["ellis-architect.html", "ellis-rowing.html", "lindqvist.html"]
    work: list[Any] = [(None, BuildTask(f"t{i}", Target("Jordan Ellis"),
                                        (f"{site.base}/{page}?prefetch",), Profile(), settings),
                        "") for i, page in enumerate(pages)]
    with Prefetch(work, settings, ahead=1) as prefetch:
        prefetch.handed_one()  # the first target went to a worker, which fetches it itself
        deadline = time.monotonic() + 30
        while not _requested(site, "/ellis-rowing.html?prefetch") and \
                time.monotonic() < deadline:
            time.sleep(0.05)
    assert _requested(site, "/ellis-rowing.html?prefetch") == 1  # the next in line
    assert _requested(site, "/ellis-architect.html?prefetch") == 0  # handed: not the client's
    assert _requested(site, "/lindqvist.html?prefetch") == 0  # more than one target ahead
    with Fetcher(settings.fetch, settings.cache_path) as worker:
        page = worker.fetch(f"{site.base}/ellis-rowing.html?prefetch")
    assert isinstance(page, Page) and page.from_cache and b"Ellis" in page.body
    assert _requested(site, "/ellis-rowing.html?prefetch") == 1


def test_no_prefetch_when_the_cache_is_not_read(tmp_path: Path) -> None:
    fresh = load_settings(None, {}, {"fetch": {"cache_dir": tmp_path}})
    refresh = load_settings(None, {}, {"fetch": {"cache_dir": tmp_path, "refresh": True}})
    task = BuildTask("t", Target("Jordan Ellis"), ("https://example.org/a",), Profile(), fresh)
    local = BuildTask("t", Target("Jordan Ellis"), ("bio.html",), Profile(), fresh)
    assert Prefetch.wanted([(None, task, "")], fresh)  # type: ignore[list-item]
    assert not Prefetch.wanted([(None, task, "")], refresh)  # type: ignore[list-item]
    assert not Prefetch.wanted([(None, local, "")], fresh)  # type: ignore[list-item]


def test_the_fork_server_loads_the_engine_the_workers_then_take(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from dossier import batch

    settings = load_settings(None, {"fetch": {"cache_dir": tmp_path / "cache"}})
    files = (tmp_path / "extra.yaml",)
    files[0].write_text("association_words: [guild]\n", "utf-8")
    monkeypatch.setattr(batch, "_preloaded", {})
    monkeypatch.setattr(batch, "_engines", {})
    with batch._named_engine(settings, files):  # what the client sets for its fork server
        batch.preload_engine()  # what dossier.batch.preload does there
    assert batch.ENGINE_ENV not in os.environ
    [(key, preloaded)] = batch._preloaded.items()
    assert "guild" in preloaded.lexicons.association_words
    engine, fetcher = batch.worker_engine(settings, files)  # in a worker forked from it
    try:
        assert engine is preloaded and not batch._preloaded
        other, other_fetcher = batch.worker_engine(settings, ())  # other lexicons: its own
        other_fetcher.close()
        assert other is not preloaded
    finally:
        fetcher.close()


def test_no_engine_is_preloaded_when_the_client_names_none_or_a_broken_one(
        monkeypatch: pytest.MonkeyPatch) -> None:
    from dossier import batch

    monkeypatch.setattr(batch, "_preloaded", {})
    monkeypatch.delenv(batch.ENGINE_ENV, raising=False)
    batch.preload_engine()
    monkeypatch.setenv(batch.ENGINE_ENV, '{"settings": "{}", "lexicon_files": []}')
    batch.preload_engine()  # invalid settings: the workers will load (and say why)
    assert batch._preloaded == {}


SHARED_JOB = """\
defaults: {{discover: false}}
targets:
  - name: Maria Okafor
    urls: [{base}/okafor-team.html, {base}/okafor-interview.html]
  - name: Erik Lindqvist
    urls: [{base}/lindqvist.html, {base}/okafor-team.html]
  - name: Jordan Ellis
    urls: [{base}/ellis-architect.html]
"""


def test_targets_sharing_a_page_get_a_folder_for_it_while_the_batch_runs(
        site: Site, tmp_path: Path) -> None:
    from dossier import batch

    job = load_job(site.job(tmp_path, text=SHARED_JOB))
    settings = load_settings(None, job.settings_layer(), {"fetch": {"cache_dir": tmp_path}})
    options = BatchOptions(tmp_path / "out")
    work = [(jt, batch._task(job, jt, settings, options), "") for jt in job.targets]
    team = f"{site.base}/okafor-team.html"
    with batch._share_pages(work, local=True) as shared:
        folders = {task.shared_dir for _, task, _ in shared}
        assert [task.shared_urls for _, task, _ in shared] == [
            frozenset({team}), frozenset({team}), frozenset()]
        [folder] = folders - {None}
        assert folder is not None and folder.is_dir()
    assert not folder.exists()  # gone with the batch
    with batch._share_pages(work, local=False) as remote:  # a cluster's workers: no folder
        assert remote == work


def test_a_page_shared_by_targets_gives_the_dossiers_it_gives_unshared(
        site: Site, tmp_path: Path) -> None:
    from concurrent.futures import ThreadPoolExecutor

    path = site.job(tmp_path, text=SHARED_JOB)
    shared = library_run(path, tmp_path / "shared", tmp_path / "cache1", workers=2)
    job = load_job(path)
    settings = load_settings(None, job.settings_layer(), {"fetch": {"cache_dir": tmp_path / "c2"}})
    with ThreadPoolExecutor(1) as pool:  # an executor given: nothing shared
        alone = run_job(job, settings, BatchOptions(tmp_path / "alone"), executor=pool)
    stems = [o.entry.stem for o in shared.outcomes]
    assert stems == [o.entry.stem for o in alone.outcomes] and len(stems) == 3
    assert {o.status for o in shared.outcomes} == {"built"}
    for stem in stems:
        one, other = read(tmp_path / "shared", stem), read(tmp_path / "alone", stem)
        one.pop("generated_at")
        other.pop("generated_at")
        assert one == other
    assert read(tmp_path / "shared", "erik-lindqvist")["sources"][1]["status"] == "ok"
