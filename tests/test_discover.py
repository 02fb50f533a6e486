"""Discovery: which links are followed, which pages are kept, and every rejection recorded."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from hostile_server import HostileServer, hostile_server, html
from typer.testing import CliRunner

from dossier.cli import app
from dossier.discover import (
    MAX_LINKS_PER_PAGE,
    MIN_SCORE,
    LinkJudge,
    TargetNames,
    canonical_url,
)
from dossier.fetch import Fetcher
from dossier.lexicons import Lexicons, load_lexicons
from dossier.models import Link, Source, Target
from dossier.pipeline import read_sources
from dossier.settings import Settings, load_settings

TARGET = Target("Jane Target")
# The whole run, hostile pages included, must end within this many seconds.
RUN_BOUND = 30.0

SEED = """<!doctype html><html><head><title>Jane Target</title></head><body>
<nav><a href="/about">About</a> <a href="/news">News</a></nav>
<header><a href="/login">Log in</a></header>
<article><h1>Jane Target</h1>
<p>Jane Target is chief executive of Acme. Read
<a href="/interview?utm_source=newsletter#top">an interview with Jane Target</a> or
<a href="/interview">the same interview again</a>.</p>
<h2>More about Jane</h2>
<ul>
<li><a href="/board">Acme board profile</a></li>
<li><a href="/private/bio">Jane Target biography</a></li>
<li><a href="/photo-profile">Jane Target photo profile</a></li>
<li><a href="/big">Jane Target archive</a></li>
<li><a href="/namesake">Target family news</a></li>
<li><a href="/alias-interview">Interview (short link)</a></li>
<li><a href="/photo.jpg">Jane Target headshot</a></li>
<li><a href="mailto:jane@example.com">Email Jane Target</a></li>
</ul></article>
<footer><a href="/privacy">Privacy</a> <a href="/contact">Contact</a></footer>
</body></html>"""

PAGES: dict[str, str | tuple[bytes, str]] = {
    "/seed": SEED,
    "/interview": html("Q&A with Jane Target", "Jane Target talks about Acme.",
                       'See her <a href="/deep">Jane Target keynote</a>.'),
    "/deep": html("Keynote", "Jane Target gave the keynote."),
    "/board": html("Acme board", "The board of Acme meets monthly. Its chair is Ann Lee."),
    "/private/bio": html("Bio", "Jane Target, private."),
    "/photo-profile": (b"\x89PNG\r\n\x1a\n" + b"\0" * 100, "image/png"),
    "/namesake": html("News", "John Target opened a bakery. Mr. Target is 40."),
}
REDIRECTS = {"/alias-interview": "/interview"}


@pytest.fixture(scope="module")
def lexicons() -> Lexicons:
    return load_lexicons()


@pytest.fixture
def server() -> Iterator[HostileServer]:
    with hostile_server(PAGES, redirects=REDIRECTS) as srv:
        yield srv


def settings(tmp_path: Path, **discover: object) -> Settings:
    return load_settings(None, {
        "fetch": {"total_timeout": 2.0, "read_timeout": 1.5, "backoff": 0.1,
                  "cache_dir": tmp_path / "cache"},
        "discover": discover})


def crawl(urls: list[str], tmp_path: Path, lexicons: Lexicons,
          **discover: object) -> tuple[list[Source], float]:
    s = settings(tmp_path, **discover)
    started = time.monotonic()
    with Fetcher(s.fetch, s.cache_path) as fetcher:
        _, sources, _ = read_sources(urls, fetcher, TARGET, lexicons, s.discover)
    return sources, time.monotonic() - started


def by_path(sources: list[Source], server: HostileServer) -> dict[str, Source]:
    return {s.url.removeprefix(server.base): s for s in sources}


# --- canonical URLs, names and link scores ------------------------------------------------------

@pytest.mark.parametrize("url,canonical", [
    ("HTTP://Example.COM:80/a?b=2&a=1#frag", "http://example.com/a?a=1&b=2"),
    ("https://example.com/p?utm_source=x&utm_medium=y&id=3", "https://example.com/p?id=3"),
    ("https://example.com?fbclid=abc", "https://example.com/"),
    ("https://example.com:8443/x", "https://example.com:8443/x"),
    ("/tmp/page.html", "/tmp/page.html"),
    ("http://[::1/", "http://[::1/"),  # malformed: kept as written, fetching reports it
    ("https://example.com:99999/x", "https://example.com:99999/x"),
])
def test_canonical_url(url: str, canonical: str) -> None:
    assert canonical_url(url) == canonical


@pytest.mark.parametrize("name,text,mentioned", [
    ("Adaeze Nwosu", "COO Adaeze Nwosu spoke first.", True),
    ("Adaeze Nwosu", "Her son Obinna Nwosu ran the 10K.", False),
    ("Adaeze Nwosu", "Ms. Nwosu declined to comment.", False),
    ("Lorraine Baptiste", "Dr. Lorraine M. Baptiste, EdD, chairs the board.", True),
    ("Hannah Sjöberg", "a conversation with Hannah Sjoberg", True),
    ("Chip Delacroix", 'Charles R. "Chip" Delacroix III joined in 2016.', True),
    ("Anjali Mehta-Lindgren", "Her husband Erik Lindgren teaches.", False),
    ("Anjali Mehta-Lindgren", "Anjali Mehta-Lindgren's team.", True),
])
def test_mentions_need_the_target_not_a_namesake(lexicons: Lexicons, name: str, text: str,
                                                 mentioned: bool) -> None:
    assert TargetNames.create(Target(name), lexicons).mentioned_in(text) is mentioned


def judge(lexicons: Lexicons) -> LinkJudge:
    options = load_settings(None).discover
    return LinkJudge.create(TargetNames.create(TARGET, lexicons), options)


@pytest.mark.parametrize("link,followed", [
    (Link("https://x.org/q-and-a", "Q&A: Jane Target on supply chains"), True),
    (Link("https://x.org/team/jane-target", "Jane", nav=True), True),
    (Link("https://x.org/press-release.html", "Acme buys Beta"), True),
    (Link("https://x.org/story", "Gala raises $1 million", context="Learn more: ..."), True),
    (Link("https://x.org/leadership/karl-halvorsen/", "Karl Halvorsen",
          context="Leadership team | Karl Halvorsen, CEO"), False),
    (Link("https://x.org/speakers/osgood", "Dr. Martin Osgood"), False),
    (Link("https://x.org/team/ngozi-barrow/", "Ngozi Barrow, Chief People Officer"), False),
    (Link("https://x.org/team/jane-target", "Jane Target"), True),
    (Link("https://x.org/roundtable.html", "Memphis Roundtable",
          context="Nwosu: I served as president of its Memphis Roundtable"), False),
    (Link("https://x.org/roundtable.html", "Memphis Roundtable",
          context="Jane Target: I served as president of its Memphis Roundtable"), True),
    (Link("https://x.org/interviews/marcus-feld", "Marcus Feld on cross-docks",
          section="More interviews"), False),
    (Link("https://x.org/obituary", "Charles Target Sr., 81, dies",
          section="Related coverage"), True),
    (Link("https://x.org/about", "About", nav=True), False),
    (Link("https://x.org/news", "News", nav=True), False),
    (Link("https://x.org/careers", "Careers"), False),
    (Link("https://x.org/login", "Log in to read Jane Target"), False),
    (Link("https://x.org/jane-target.jpg", "Jane Target photo"), False),
    (Link("ftp://x.org/jane-target", "Jane Target files"), False),
    (Link("file:///etc/jane-target", "Jane Target"), False),
    (Link("http://[::1/jane-target", "Jane Target interview"), False),
])
def test_link_scores(lexicons: Lexicons, link: Link, followed: bool) -> None:
    assert (judge(lexicons).score(link) >= MIN_SCORE) is followed


# --- crawling the hostile server ----------------------------------------------------------------

def test_discovery_keeps_pages_about_the_target_and_records_every_rejection(
        server: HostileServer, tmp_path: Path, lexicons: Lexicons) -> None:
    sources, seconds = crawl([server.url("/seed")], tmp_path, lexicons)
    found = by_path(sources, server)
    assert found["/seed"].status == "ok" and found["/seed"].origin == "seed"
    interview = found["/interview"]
    assert (interview.status, interview.origin) == ("ok", "discovered")
    assert interview.found_on == server.url("/seed") and interview.kind == "interview"
    expected = {
        "/board": "does not mention Jane Target",
        "/namesake": "does not mention Jane Target",
        "/private/bio": "robots.txt",
        "/photo-profile": "image/png",
        "/big": "byte limit",
        "/alias-interview": "same page as",
    }
    for path, reason in expected.items():
        assert found[path].status in ("skipped", "error"), path
        assert reason in (found[path].error or ""), (path, found[path].error)
    assert server.hits["/interview"] == 1  # three links, one page
    for never in ("/about", "/news", "/login", "/privacy", "/contact", "/deep", "/photo.jpg",
                  "/private/bio"):
        assert server.hits[never] == 0, never
    assert seconds < RUN_BOUND


def test_depth_two_follows_links_of_discovered_pages(
        server: HostileServer, tmp_path: Path, lexicons: Lexicons) -> None:
    sources, _ = crawl([server.url("/seed")], tmp_path, lexicons, depth=2)
    deep = by_path(sources, server)["/deep"]
    assert (deep.status, deep.found_on) == ("ok", server.url("/interview"))


def test_no_discover_reads_only_the_seeds(server: HostileServer, tmp_path: Path,
                                          lexicons: Lexicons) -> None:
    sources, _ = crawl([server.url("/seed")], tmp_path, lexicons, enabled=False)
    assert [s.url for s in sources] == [server.url("/seed")]
    assert server.hits["/interview"] == 0


def test_seeds_are_read_once_and_never_rejected_for_not_naming_the_target(
        server: HostileServer, tmp_path: Path, lexicons: Lexicons) -> None:
    urls = [server.url("/board"), server.url("/board#people"), server.url("/board")]
    sources, _ = crawl(urls, tmp_path, lexicons, enabled=False)
    assert [(s.url, s.status) for s in sources] == [(server.url("/board"), "ok")]


def test_the_given_pages_are_read_even_beyond_max_pages(
        server: HostileServer, tmp_path: Path, lexicons: Lexicons) -> None:
    urls = [server.url(p) for p in ("/seed", "/board", "/deep")]
    sources, _ = crawl(urls, tmp_path, lexicons, max_pages=2)
    assert [(s.url, s.status) for s in sources if s.origin == "seed"] == [
        (url, "ok") for url in urls]
    assert [s.error for s in sources if s.origin == "discovered" and s.status == "ok"] == []


def test_a_link_farm_is_cut_at_max_pages(tmp_path: Path, lexicons: Lexicons) -> None:
    with hostile_server() as srv:
        sources, seconds = crawl([srv.url("/farm")], tmp_path, lexicons, max_pages=20)
        farm_hits = sum(n for path, n in srv.hits.items() if path.startswith("/farm/"))
    ok = [s for s in sources if s.status == "ok"]
    over = [s for s in sources if s.status == "skipped" and "--max-pages" in (s.error or "")]
    assert len(ok) == 20 and farm_hits == 19
    assert len(over) == MAX_LINKS_PER_PAGE - 19
    assert seconds < RUN_BOUND


def test_hostile_linked_pages_are_recorded_and_the_run_stays_bounded(
        tmp_path: Path, lexicons: Lexicons) -> None:
    hostile = ["/drip", "/drip-headers", "/gzip-bomb", "/big-unannounced", "/error", "/reset",
               "/loop", "/to-file", "/binary", "/unavailable"]
    links = "".join(f'<li><a href="{p}">Jane Target interview {i}</a></li>'
                    for i, p in enumerate(hostile))
    seed = html("Jane Target", "Jane Target links:", f"<ul>{links}</ul>")
    with hostile_server({"/seed": seed}) as srv:
        sources, seconds = crawl([srv.url("/seed")], tmp_path, lexicons)
    found = by_path(sources, srv)
    for path in hostile:
        assert found[path].status in ("error", "skipped") and found[path].error, path
    assert "binary" in (found["/binary"].error or "")
    assert "longer than" in (found["/drip"].error or "")
    assert seconds < RUN_BOUND


def test_a_second_run_makes_no_network_requests(server: HostileServer, tmp_path: Path,
                                                lexicons: Lexicons) -> None:
    first, _ = crawl([server.url("/seed")], tmp_path, lexicons)
    hits = server.total_hits
    second, _ = crawl([server.url("/seed")], tmp_path, lexicons)
    assert server.total_hits == hits  # refusals (too large, wrong type) are cached too
    assert [s.status for s in first] == [s.status for s in second]


def test_a_local_file_seed_leads_to_linked_web_pages(server: HostileServer, tmp_path: Path,
                                                     lexicons: Lexicons) -> None:
    saved = tmp_path / "saved.html"
    saved.write_text(html("Jane Target", "Jane Target leads Acme. Read "
                          f'<a href="{server.url("/interview")}">the interview</a>.'))
    sources, _ = crawl([str(saved)], tmp_path, lexicons)
    assert [(s.status, s.origin) for s in sources] == [("ok", "seed"), ("ok", "discovered")]


def test_a_malformed_link_is_not_followed_and_the_page_is_kept(
        tmp_path: Path, lexicons: Lexicons) -> None:
    seed = html("Jane Target", "Jane Target leads Acme.",
                '<a href="http://[::1/jane">Jane Target interview</a>',
                '<a href="https://[oops]/jane-target">Jane Target profile</a>')
    with hostile_server({"/seed": seed}) as srv:
        sources, _ = crawl([srv.url("/seed")], tmp_path, lexicons)
    assert [(s.url, s.status) for s in sources] == [(srv.url("/seed"), "ok")]


def test_the_cli_survives_hostile_seeds(tmp_path: Path) -> None:
    """End to end: real model, real server, bad URLs among the good; exit 0 and all recorded."""
    config = tmp_path / "config.yaml"
    config.write_text("fetch:\n  total_timeout: 2.0\n  backoff: 0.1\n", "utf-8")
    with hostile_server(PAGES, redirects=REDIRECTS) as srv:
        urls = [srv.url(p) for p in ("/seed", "/drip", "/gzip-bomb", "/reset", "/error")]
        args = ["build", "Jane Target", "--out", str(tmp_path / "out"), "--config", str(config),
                "--cache-dir", str(tmp_path / "cache")]
        for url in [*urls, str(tmp_path / "missing.html")]:
            args += ["--url", url]
        started = time.monotonic()
        result = CliRunner().invoke(app, args)
        seconds = time.monotonic() - started
    assert result.exit_code == 0, result.output
    dossier = json.loads(next((tmp_path / "out").glob("*.json")).read_text("utf-8"))
    status = {s["url"].removeprefix(srv.base): s["status"] for s in dossier["sources"]}
    assert status["/seed"] == "ok" and status["/interview"] == "ok"
    assert all(status[p] == "error" for p in ("/drip", "/reset", "/error"))
    assert status["/gzip-bomb"] == "skipped"
    assert {e["url"] for e in dossier["errors"]} >= {srv.url("/drip"), srv.url("/error")}
    assert seconds < RUN_BOUND + 30  # model loading included


def test_discover_settings_accept_the_cli_layer() -> None:
    s = load_settings(None, {"discover": {"enabled": False, "max_pages": 5, "depth": 2}})
    assert (s.discover.enabled, s.discover.max_pages, s.discover.depth) == (False, 5, 2)
    assert "interview" in s.discover.link_words and "login" in s.discover.skip_words


def test_importing_url_policy_does_not_load_spacy() -> None:
    """In a fresh interpreter: discover folds and compares names through dossier.names."""
    code = "import sys, dossier.discover; print('spacy' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            timeout=120, check=True)
    assert result.stdout.strip() == "False"
