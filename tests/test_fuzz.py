"""Bad input, generated: names, URLs, page bytes, config, profile and job files.

Whatever the input, the command line ends with exit status 0, 1 or 2, never a traceback or an
"unexpected" error; a usage error (2) is one `dossier: error:` line; a dossier that is written
is inert Markdown; and nothing is written outside --out and --cache-dir.

The real entry point (dossier.cli.main) runs in this process, so the spaCy model loads once,
against one local HTTP server whose pages each example sets. Examples are derandomized so CI
sees the same ones every run; HYPOTHESIS_PROFILE=explore draws new ones, and more of them.
"""

from __future__ import annotations

import http.server
import io
import itertools
import os
import re
import sys
import tempfile
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from dossier.batch import BatchOptions, run_job
from dossier.batch.job import load_job
from dossier.cli import main
from dossier.errors import DossierError
from dossier.settings import load_settings

# No shrinking in CI: a failing example is reported as drawn, in seconds, not minutes.
settings.register_profile(
    "ci", max_examples=12, deadline=None, derandomize=True, database=None,
    phases=[Phase.explicit, Phase.generate], report_multiple_bugs=False,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.register_profile(
    "explore", max_examples=300, deadline=None, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

# Fast failures and no retries: a fuzzed page must not cost seconds of backoff.
FAST_CONFIG = ("fetch:\n  retries: 0\n  backoff: 0\n  total_timeout: 5\n  read_timeout: 3\n"
               "  connect_timeout: 2\n")
# The one line on stderr that is not a `dossier:` line: build's count of what it found.
SUMMARY = " facts, "
# How the CLI words a bug it did not expect ("unexpected KeyError: 'x'").
UNEXPECTED = re.compile(r"unexpected \w+: ")


# ---------------------------------------------------------------- the local server


@dataclass
class Served:
    """One HTTP server for the module; each example adds pages under its own prefix."""

    base: str
    pages: dict[str, tuple[int, str, bytes]]

    def __repr__(self) -> str:  # a failing example names its own pages; not all of them
        return f"Served({self.base!r})"

    def add(self, path: str, status: int, ctype: str, body: bytes) -> str:
        self.pages[path] = (status, ctype, body)
        return self.base + path


class _Handler(http.server.BaseHTTPRequestHandler):
    pages: dict[str, tuple[int, str, bytes]] = {}

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def do_GET(self) -> None:  # noqa: N802 (the name http.server dispatches to)
        status, ctype, body = self.pages.get(self.path.split("#")[0],
                                             (404, "text/plain", b"not here"))
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)


@pytest.fixture(scope="module")
def served() -> Iterator[Served]:
    pages: dict[str, tuple[int, str, bytes]] = {}
    handler = type("Handler", (_Handler,), {"pages": pages})
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        yield Served(f"http://127.0.0.1:{server.server_address[1]}", pages)
    finally:
        server.shutdown()
        server.server_close()


# ---------------------------------------------------------------- running the CLI


@dataclass
class Run:
    code: int
    stdout: str
    stderr: str


def run_main(*args: str) -> Run:
    """`dossier ARGS...` through the console-script entry point, in this process."""
    out, err = io.StringIO(), io.StringIO()
    argv = sys.argv
    sys.argv = ["dossier", *args]
    try:
        with redirect_stdout(out), redirect_stderr(err):
            main()
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    finally:
        sys.argv = argv
    return Run(code, out.getvalue(), err.getvalue())


@contextmanager
def sandbox() -> Iterator[Path]:
    """A fresh folder as the working directory; yields it."""
    here = os.getcwd()
    with tempfile.TemporaryDirectory(prefix="dossier-fuzz-") as tmp:
        os.chdir(tmp)
        try:
            yield Path(tmp)
        finally:
            os.chdir(here)


def files_under(*folders: Path) -> set[Path]:
    return {p for folder in folders for p in folder.rglob("*") if not p.is_dir()}


def check_run(run: Run, root: Path, before: set[Path], home: Path) -> None:
    """What every run must satisfy, whatever its input."""
    assert run.code in (0, 1, 2), run
    assert "Traceback" not in run.stderr + run.stdout, run
    assert not UNEXPECTED.search(run.stderr), run
    lines = run.stderr.strip().splitlines()
    if run.code == 2:
        assert len(lines) == 1 and lines[0].startswith("dossier: error: "), run
    else:
        assert all(line.startswith("dossier: ") or SUMMARY in line for line in lines), run
    allowed = (root / "out", root / "cache")
    new = files_under(root, home) - before
    outside = [p for p in new if not any(p.is_relative_to(a) for a in allowed)]
    assert outside == [], outside


def check_markdown(root: Path) -> None:
    parser = MarkdownIt("commonmark", {"html": True}).enable("table")
    for md in (root / "out").glob("*.md"):
        tokens = parser.parse(md.read_text("utf-8"))
        inline = [c for t in tokens for c in (t.children or [])]
        assert not [t for t in [*tokens, *inline]
                    if t.type in ("html_block", "html_inline", "image")], md


# ---------------------------------------------------------------- strategies

NAMES = st.one_of(
    st.sampled_from(["Jane Target", "王小明", "Мария Окафор", "../../etc/passwd", "-", "  ",
                     "Jane\x1b[31m Target", "Dr. Jane Q. Target-Smith, PhD", "a" * 300,
                     "--url", "NUL\x00name", "\u202eevil"]),
    st.text(max_size=40))
# Addresses that never leave this machine: malformed ones, other schemes, closed ports.
ODD_URLS = ["http://[::1/", "http://[oops]/x", "https://127.0.0.1:99999/", "http://", "https://",
            "ftp://127.0.0.1/x", "javascript:alert(1)", "mailto:a@b.c", "http://127.0.0.1:1/x",
            "file:///nonexistent/page.html", "/dev/null", "/", ".", "", " ", "~",
            "example.com/people/jane", "http://%zz/", "http://a b/", "file://", "data:,hi"]
LOCAL_TEXT = st.text(max_size=30).filter(lambda s: "://" not in s and not s.startswith("/"))
HREF_CHARS = st.characters(whitelist_categories=("Ll", "Lu", "Nd"),
                           whitelist_characters="-_.?=&#%/")
FRAGMENTS = [
    "<p>Jane Target is chief executive of Acme Corp since 2019.</p>",
    "<p>Jane Target serves on the board of the Riverside Food Bank.</p>",
    "<h1>Jane Target</h1>", "<title>Jane Target | Acme</title>", "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>", "&amp; &#60; &lt;", "<p># not a heading</p>",
    "<p>- not a list</p>", "<p>[a](javascript:alert(1))</p>", "<p>| a | b |</p>",
    '<script type="application/ld+json">{"@type": "Person", "name": ["Jane Target"]}</script>',
    '<script type="application/ld+json">{"@graph": [1, null, {"@type": []}]}</script>',
    "<p>" * 200, "</div>" * 50, "\x00\x01\x02", "\ufeff", "<![CDATA[x]]>", "<?xml version='1.0'?>",
    "<table><tr><td>Jane Target</td><td>CEO</td></tr></table>", "Jane Target: I run.",
]
CTYPES = ["text/html", "text/html; charset=utf-8", "text/html; charset=bogus", "text/plain",
          "application/pdf", "image/png", "", "application/xhtml+xml", "text/html; charset=utf-16"]


@st.composite
def page(draw: Any, links: list[str]) -> tuple[int, str, bytes]:
    status = draw(st.sampled_from([200, 200, 200, 200, 404, 500]))
    ctype = draw(st.sampled_from(CTYPES))
    parts = draw(st.lists(st.one_of(
        st.sampled_from(FRAGMENTS), st.text(max_size=60),
        st.sampled_from(links).map(lambda u: f'<a href="{u}">Jane Target interview</a>'),
        st.text(HREF_CHARS, max_size=20).map(lambda u: f'<a href="{u}">Jane Target bio</a>')),
        max_size=12))
    body = "".join(parts).encode("utf-8", "surrogatepass")
    body = draw(st.one_of(st.just(body), st.binary(max_size=2000), st.just(body[::-1])))
    return status, ctype, body


SCALARS = st.one_of(st.none(), st.booleans(), st.integers(-10**12, 10**12),
                    st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=20))


def tree(keys: list[str]) -> Any:
    """Mappings with real and made-up keys, nested, with values of every type."""
    key = st.one_of(st.sampled_from(keys), st.text(max_size=10))
    return st.recursive(SCALARS, lambda inner: st.one_of(
        st.lists(inner, max_size=4), st.dictionaries(key, inner, max_size=5)), max_leaves=12)


CONFIG_KEYS = ["fetch", "discover", "nlp", "output", "user_agent", "connect_timeout",
               "read_timeout", "total_timeout", "max_bytes", "max_redirects", "retries",
               "backoff", "per_host_delay", "respect_robots", "cache_expire_days",
               "allowed_types", "enabled", "max_pages", "depth", "link_words", "model",
               "batch_size", "skip_unrelated", "top_hooks", "fallback_models"]
PROFILE_KEYS = ["priorities", "skills", "contacts", "perspectives", "interests", "location"]
JOB_KEYS = ["profile", "defaults", "targets", "plan", "dask", "name", "id", "urls",
            "priorities", "aliases", "cadence", "start", "discover", "max_pages", "explain",
            *PROFILE_KEYS]


def yaml_text(keys: list[str]) -> Any:
    """A file's content: YAML of a generated tree, odd YAML, random text or bytes."""
    def dump(value: Any) -> bytes:
        return yaml.safe_dump(value, allow_unicode=True).encode("utf-8")
    return st.one_of(tree(keys).map(dump), st.text(max_size=200).map(str.encode),
                     st.binary(max_size=200),
                     st.sampled_from([b"&a [*a]", b"!!python/object:os.system x", b"\xff\xfe",
                                      b"a: b: c", b"- - - -", b"{", b"~"]))


# ---------------------------------------------------------------- the tests


ids = itertools.count()


@given(data=st.data())
def test_build_survives_any_name_urls_and_pages(served: Served, isolated_home: Path,
                                                 data: st.DataObject) -> None:
    n = next(ids)
    urls: list[str] = []
    for i in range(data.draw(st.integers(0, 3), label="pages")):
        status, ctype, body = data.draw(page([*ODD_URLS, f"/b{n}/p0"]), label=f"page {i}")
        urls.append(served.add(f"/b{n}/p{i}", status, ctype, body))
    urls += data.draw(st.lists(st.one_of(st.sampled_from(ODD_URLS), LOCAL_TEXT), max_size=3),
                      label="odd urls")
    name = data.draw(NAMES, label="name")
    extra = data.draw(st.sampled_from([[], ["--no-discover"], ["--max-pages", "0"],
                                       ["--depth", "3"], ["--explain"], ["--offline"]]))
    with sandbox() as root:
        (root / "config.yaml").write_text(FAST_CONFIG, "utf-8")
        before = files_under(root, isolated_home)
        args = [a for u in urls for a in ("--url", u)]
        run = run_main("build", name, *args, "--out", "out", "--cache-dir", "cache",
                       "--config", "config.yaml", *extra)
        check_run(run, root, before, isolated_home)
        if run.code in (0, 1):
            assert len(list((root / "out").glob("*.md"))) == 1, run
            check_markdown(root)


@pytest.mark.parametrize("option,keys", [("--config", CONFIG_KEYS), ("--profile", PROFILE_KEYS),
                                         ("--lexicon", ["patterns", "titles", "activities",
                                                        "topics", "honorifics", "nicknames"])])
@given(data=st.data())
def test_build_survives_any_config_profile_or_lexicon(served: Served, isolated_home: Path,
                                                      option: str, keys: list[str],
                                                      data: st.DataObject) -> None:
    url = served.add("/good", 200, "text/html", FRAGMENTS[0].encode())
    content = data.draw(yaml_text(keys), label="file")
    with sandbox() as root:
        (root / "user.yaml").write_bytes(content)
        (root / "config.yaml").write_text(FAST_CONFIG, "utf-8")
        config = [] if option == "--config" else ["--config", "config.yaml"]
        before = files_under(root, isolated_home)
        run = run_main("build", "Jane Target", "--url", url, option, "user.yaml", *config,
                       "--out", "out", "--cache-dir", "cache", "--no-discover")
        check_run(run, root, before, isolated_home)


@given(data=st.data())
def test_a_job_file_is_valid_or_one_line_and_a_valid_one_runs(served: Served,
                                                              isolated_home: Path,
                                                              data: st.DataObject) -> None:
    url = served.add("/job-page", 200, "text/html", FRAGMENTS[0].encode())
    target = st.dictionaries(st.sampled_from(JOB_KEYS), st.one_of(
        SCALARS, st.lists(st.one_of(st.sampled_from([url, *ODD_URLS]), SCALARS), max_size=3)),
        max_size=5)
    job = data.draw(st.one_of(
        yaml_text(JOB_KEYS),
        st.fixed_dictionaries({"targets": st.lists(target, min_size=1, max_size=3)},
                              optional={"profile": tree(PROFILE_KEYS),
                                        "defaults": tree(JOB_KEYS), "plan": tree(JOB_KEYS)})
        .map(lambda d: yaml.safe_dump(d, allow_unicode=True).encode("utf-8"))), label="job")
    with sandbox() as root:
        (root / "job.yaml").write_bytes(job)
        before = files_under(root, isolated_home)
        run = run_main("batch", "job.yaml", "--check")
        check_run(run, root, before, isolated_home)
        assert files_under(root, isolated_home) == before  # --check writes nothing
        if run.code != 0:
            return
        spec = load_job(root / "job.yaml")
        layer = {"fetch": {"cache_dir": root / "cache", "retries": 0, "backoff": 0}}
        try:
            config = load_settings(None, spec.settings_layer(), layer)
            with ThreadPoolExecutor(1) as pool:
                report = run_job(spec, config, BatchOptions(root / "out"), executor=pool)
        except DossierError:
            return  # a setting out of range, or a plan past the calendar: one line in the CLI
        assert {o.status for o in report.outcomes} <= {"built", "failed"}
        assert (root / "out" / "index.md").is_file()
        check_markdown(root)
        new = files_under(root, isolated_home) - before
        assert all(p.is_relative_to(root / "out") or p.is_relative_to(root / "cache")
                   for p in new), new
