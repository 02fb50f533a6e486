"""Fetch stage against a hostile local server: every failure is bounded in time and named."""

from __future__ import annotations

import os
import socket
import struct
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
import urllib3
from hostile_server import (
    CP1252_TEXT,
    HostileServer,
    bomb_body,
    drip_unannounced,
    hostile_server,
    html,
    tiny_pdf,
)

from dossier.errors import (
    FetchFailed,
    NotAllowedContent,
    NotCached,
    RobotsDisallowed,
    SourceError,
    TooLarge,
    Unreadable,
)
from dossier.extract import extract
from dossier.fetch import Fetcher, read_local
from dossier.fetch.retry import PoliteRetry
from dossier.models import Page
from dossier.settings import FetchSettings, load_settings

TOTAL_TIMEOUT = 2.0
# Loose upper bound for any single hostile fetch: the deadline plus retries plus slack.
BOUND = 15.0

PAGES = {
    "/ok": html("Fine page", "Jane Target runs the fine desk."),
    "/private/bio": html("Private", "Jane Target, behind robots.txt."),
}


def fetch_settings(**overrides: object) -> FetchSettings:
    layer = {"total_timeout": TOTAL_TIMEOUT, "read_timeout": 1.5, "connect_timeout": 1.0,
             "backoff": 0.1, "retries": 2, "max_retry_after": 2.0, **overrides}
    return load_settings(None, {"fetch": layer}).fetch


@pytest.fixture(scope="module")
def server() -> Iterator[HostileServer]:
    with hostile_server(PAGES) as srv:
        yield srv


@pytest.fixture
def fetcher(tmp_path: Path) -> Iterator[Fetcher]:
    with Fetcher(fetch_settings(), tmp_path / "cache.sqlite") as f:
        yield f


def timed(fetcher: Fetcher, url: str) -> tuple[Page | SourceError, float]:
    started = time.monotonic()
    try:
        result: Page | SourceError = fetcher.fetch(url)
    except SourceError as exc:
        result = exc
    return result, time.monotonic() - started


@pytest.mark.parametrize("path", ["/drip", "/drip-headers", "/drip-unannounced"])
def test_a_dripping_server_is_cut_off_at_the_total_deadline(
        fetcher: Fetcher, server: HostileServer, path: str) -> None:
    result, seconds = timed(fetcher, server.url(path))
    assert isinstance(result, FetchFailed)
    assert "longer than 2 s" in str(result)
    assert seconds < BOUND  # the drip itself would take 14 hours


def test_an_endless_redirect_stops_at_max_redirects(fetcher: Fetcher,
                                                     server: HostileServer) -> None:
    result, seconds = timed(fetcher, server.url("/loop"))
    assert isinstance(result, FetchFailed)
    assert "too many redirects" in str(result)
    assert server.hits["/loop"] == fetcher.settings.max_redirects + 1
    assert seconds < BOUND


@pytest.mark.parametrize("path,where", [("/to-ftp", "ftp://"), ("/to-file", "file:///etc")])
def test_a_redirect_to_another_scheme_is_refused(fetcher: Fetcher, server: HostileServer,
                                                 path: str, where: str) -> None:
    result, seconds = timed(fetcher, server.url(path))
    assert isinstance(result, FetchFailed)
    assert "non-HTTP address" in str(result) and where in str(result)
    assert seconds < BOUND


@pytest.mark.parametrize("path", ["/big", "/big-unannounced", "/gzip-bomb", "/deflate-bomb"])
def test_bodies_over_the_limit_are_stopped(fetcher: Fetcher, server: HostileServer,
                                           path: str) -> None:
    if path.endswith("-bomb"):  # compress it before the clock starts: slow on a busy machine
        bomb_body(path.strip("/").removesuffix("-bomb"))
    result, seconds = timed(fetcher, server.url(path))
    assert isinstance(result, TooLarge)
    assert "5,000,000-byte limit" in str(result)
    assert seconds < BOUND


def test_a_gzipped_page_is_decompressed(fetcher: Fetcher, server: HostileServer) -> None:
    page = fetcher.fetch(server.url("/gzipped"))
    assert "Jane Target runs the compressed desk." in extract(page).text


@pytest.mark.parametrize("path", ["/wrong-charset", "/missing-charset", "/lying-header"])
def test_text_survives_wrong_or_missing_charsets(fetcher: Fetcher, server: HostileServer,
                                                 path: str) -> None:
    doc = extract(fetcher.fetch(server.url(path)))
    assert CP1252_TEXT in doc.text


def test_binary_served_as_html_is_unreadable(fetcher: Fetcher, server: HostileServer) -> None:
    page = fetcher.fetch(server.url("/binary"))
    with pytest.raises(Unreadable, match="binary"):
        extract(page)


def test_a_server_error_fails_without_retrying(fetcher: Fetcher, server: HostileServer) -> None:
    before = server.hits["/error"]
    result, _ = timed(fetcher, server.url("/error"))
    assert isinstance(result, FetchFailed) and "HTTP 500" in str(result)
    assert server.hits["/error"] == before + 1


def test_429_is_retried_after_the_retry_after_delay(tmp_path: Path) -> None:
    with hostile_server() as srv, Fetcher(fetch_settings(), tmp_path / "c.sqlite") as fetcher:
        result, seconds = timed(fetcher, srv.url("/busy"))
        assert isinstance(result, Page), result
        assert srv.hits["/busy"] == 2
        first, second = [t for t, path in srv.times if path == "/busy"]
        # Retry-After: 1, where the backoff alone would wait 0.1 s; the server sees the two
        # arrive at least half a second apart even on a busy machine
        assert second - first >= 0.5
        assert seconds < BOUND


def test_a_503_that_never_ends_gives_up_after_the_retries(tmp_path: Path) -> None:
    settings = fetch_settings(retries=2)
    with hostile_server() as srv, Fetcher(settings, tmp_path / "c.sqlite") as fetcher:
        result, seconds = timed(fetcher, srv.url("/unavailable"))
        assert isinstance(result, FetchFailed) and "HTTP 503" in str(result)
        assert srv.hits["/unavailable"] == 3
        assert seconds < BOUND


def test_a_bad_gateway_is_retried(tmp_path: Path) -> None:
    with hostile_server() as srv, Fetcher(fetch_settings(), tmp_path / "c.sqlite") as fetcher:
        result, seconds = timed(fetcher, srv.url("/gateway"))
        assert isinstance(result, Page), result
        assert b"behind a proxy" in result.body
        assert srv.hits["/gateway"] == 2
        assert seconds < BOUND


def test_tls_to_a_plain_http_server_is_a_tls_error(tmp_path: Path,
                                                     server: HostileServer) -> None:
    url = server.url("/ok").replace("http://", "https://")
    with Fetcher(fetch_settings(respect_robots=False), tmp_path / "c.sqlite") as fetcher:
        result, seconds = timed(fetcher, url)
    assert isinstance(result, FetchFailed) and str(result) == "TLS error"
    assert seconds < BOUND


def test_a_connection_reset_is_retried_then_reported(tmp_path: Path) -> None:
    with hostile_server() as srv, Fetcher(fetch_settings(), tmp_path / "c.sqlite") as fetcher:
        result, seconds = timed(fetcher, srv.url("/reset"))
        assert isinstance(result, FetchFailed)
        assert "reset" in str(result) or "closed the connection" in str(result)
        assert srv.hits["/reset"] == 3
        assert seconds < BOUND


@contextmanager
def _raw_server(ending: str) -> Iterator[str]:
    """A socket on 127.0.0.1 that reads each request, then closes without a word ("close")
    or resets the connection ("reset")."""
    srv = socket.create_server(("127.0.0.1", 0))

    def serve() -> None:
        while True:
            try:
                conn, _ = srv.accept()
            except OSError:  # closed: the test is over
                return
            conn.recv(65536)
            if ending == "reset":  # linger 0: close sends RST, not FIN
                conn.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
            conn.close()

    threading.Thread(target=serve, daemon=True).start()
    try:
        yield f"http://127.0.0.1:{srv.getsockname()[1]}/page"
    finally:
        srv.close()


@pytest.mark.parametrize("ending,message", [
    ("close", "server closed the connection without answering"),
    ("reset", "connection reset by the server"),
])
def test_a_connection_failure_is_named_from_its_error_class(tmp_path: Path, ending: str,
                                                            message: str) -> None:
    settings = fetch_settings(retries=0, respect_robots=False)
    with _raw_server(ending) as url, Fetcher(settings, tmp_path / "c.sqlite") as fetcher:
        (result,) = fetcher.fetch_all([url])
    assert isinstance(result, FetchFailed) and str(result) == message


def test_a_refused_connection_and_an_unknown_host_are_named(tmp_path: Path) -> None:
    with socket.create_server(("127.0.0.1", 0)) as sock:
        port = sock.getsockname()[1]  # bound, then released: nothing listens there
    settings = fetch_settings(retries=0, respect_robots=False)
    with Fetcher(settings, tmp_path / "c.sqlite") as fetcher:
        refused, unknown = fetcher.fetch_all([f"http://127.0.0.1:{port}/",
                                              "http://no-such-host.invalid/"])
    assert isinstance(refused, FetchFailed) and str(refused) == "connection refused"
    assert isinstance(unknown, FetchFailed) and str(unknown) == "host name not found"


def test_robots_txt_disallow_is_honoured(fetcher: Fetcher, server: HostileServer) -> None:
    result, _ = timed(fetcher, server.url("/private/bio"))
    assert isinstance(result, RobotsDisallowed)
    assert server.hits["/private/bio"] == 0


def test_a_robots_group_naming_the_tool_applies(tmp_path: Path) -> None:
    rules = "User-agent: dossier\nDisallow: /\n\nUser-agent: *\nAllow: /\n"
    with hostile_server(PAGES, robots=rules) as srv, \
            Fetcher(fetch_settings(), tmp_path / "c.sqlite") as fetcher:
        result, _ = timed(fetcher, srv.url("/ok"))
        assert isinstance(result, RobotsDisallowed)


def test_a_robots_txt_server_error_disallows_the_site(tmp_path: Path) -> None:
    with hostile_server(PAGES, robots=500) as srv, \
            Fetcher(fetch_settings(), tmp_path / "c.sqlite") as fetcher:
        result, _ = timed(fetcher, srv.url("/ok"))
        assert isinstance(result, RobotsDisallowed) and "HTTP 500" in str(result)
        assert srv.hits["/ok"] == 0


def test_a_missing_robots_txt_allows_everything(tmp_path: Path) -> None:
    with hostile_server(PAGES, robots=404) as srv, \
            Fetcher(fetch_settings(), tmp_path / "c.sqlite") as fetcher:
        assert isinstance(fetcher.fetch(srv.url("/private/bio")), Page)


def test_content_types_other_than_text_html_and_pdf_are_refused(
        fetcher: Fetcher, server: HostileServer) -> None:
    result, _ = timed(fetcher, server.url("/image.png"))
    assert isinstance(result, NotAllowedContent) and "image/png" in str(result)


def test_a_pdf_is_read_as_text(fetcher: Fetcher, server: HostileServer) -> None:
    doc = extract(fetcher.fetch(server.url("/doc.pdf")))
    assert "Jane Target is chief executive of Acme." in doc.text


def test_the_user_agent_names_the_tool_and_a_contact(fetcher: Fetcher,
                                                     server: HostileServer) -> None:
    fetcher.fetch(server.url("/ok"))
    agent = next(ua for ua in server.user_agents if ua.startswith("dossier/"))
    assert "+http" in agent


def test_a_second_run_is_served_from_the_cache(tmp_path: Path) -> None:
    cache = tmp_path / "c.sqlite"
    with hostile_server(PAGES) as srv:
        with Fetcher(fetch_settings(), cache) as first:
            assert not first.fetch(srv.url("/ok")).from_cache
        hits = srv.total_hits
        with Fetcher(fetch_settings(), cache) as second:
            page = second.fetch(srv.url("/ok"))
            assert page.from_cache
        assert srv.total_hits == hits
        with Fetcher(fetch_settings(refresh=True), cache) as refreshing:
            assert not refreshing.fetch(srv.url("/ok")).from_cache
        assert srv.hits["/ok"] == 2


def test_cache_headers_are_honoured(tmp_path: Path) -> None:
    cache = tmp_path / "c.sqlite"
    with hostile_server(PAGES) as srv:
        for _ in range(2):
            with Fetcher(fetch_settings(), cache) as fetcher:
                assert not fetcher.fetch(srv.url("/no-store")).from_cache
        assert srv.hits["/no-store"] == 2


def test_a_body_that_overruns_the_deadline_is_not_cached(tmp_path: Path,
                                                         server: HostileServer) -> None:
    """A body without Content-Length ends when the socket closes; the deadline closing it
    must not pass for the end of the page."""
    cache = tmp_path / "c.sqlite"
    for _ in range(2):
        with Fetcher(fetch_settings(), cache) as fetcher, \
                pytest.raises(FetchFailed, match="longer than"):
            fetcher.fetch(server.url("/drip-unannounced"))


def test_a_dripping_robots_txt_costs_one_deadline_per_host(tmp_path: Path) -> None:
    """robots.txt that overruns fails the page (no second deadline for the page itself),
    and the host's other pages fail at once instead of asking again."""
    pages = {"/a": html("A", "Jane Target."), "/b": html("B", "Jane Target.")}
    with hostile_server(pages, robots=drip_unannounced) as srv, \
            Fetcher(fetch_settings(), tmp_path / "c.sqlite") as fetcher:
        results = fetcher.fetch_all([srv.url("/a"), srv.url("/b")])
        assert all(isinstance(r, FetchFailed) and "robots.txt" in str(r) for r in results)
        assert srv.hits["/robots.txt"] == 1
        assert srv.hits["/a"] == srv.hits["/b"] == 0


# Crawl-delay asked by the test site; long enough that a loaded machine's scheduling jitter
# (tens of ms) is a small part of it.
CRAWL_DELAY = 0.5


def test_robots_crawl_delay_spaces_requests(tmp_path: Path) -> None:
    """Requests start at least the crawl delay apart on our side; the server sees them
    arrive no closer than half of it (the other half is room for a busy machine)."""
    pages = {f"/p{i}": html(f"Page {i}", "Jane Target.") for i in range(3)}
    with hostile_server(pages, robots=f"User-agent: *\nCrawl-delay: {CRAWL_DELAY}\n") as srv, \
            Fetcher(fetch_settings(), tmp_path / "c.sqlite") as fetcher:
        started = time.monotonic()
        fetcher.fetch_all([srv.url(p) for p in pages])
        seconds = time.monotonic() - started
        starts = [t for t, path in srv.times if path != "/robots.txt"]
        assert len(starts) == 3
        assert seconds >= 2 * CRAWL_DELAY  # two waits between three pages, never shortened
        assert min(b - a for a, b in zip(starts, starts[1:], strict=False)) >= CRAWL_DELAY / 2


def test_offline_mode_reads_the_cache_and_names_what_is_missing(tmp_path: Path) -> None:
    cache = tmp_path / "c.sqlite"
    with hostile_server(PAGES) as srv:
        with Fetcher(fetch_settings(), cache) as online:
            online.fetch(srv.url("/ok"))
        hits = srv.total_hits
        with Fetcher(fetch_settings(offline=True), cache) as offline:
            assert offline.fetch(srv.url("/ok")).from_cache
            with pytest.raises(NotCached, match="not in the cache"):
                offline.fetch(srv.url("/never-fetched"))
        assert srv.total_hits == hits


def test_hosts_are_fetched_in_parallel(tmp_path: Path) -> None:
    """With 100 ms latency, ten pages on ten hosts take about one round trip, not ten."""
    latency, hosts = 0.1, 10
    servers = [HostileServer(PAGES, latency=latency).start() for _ in range(hosts)]
    try:
        with Fetcher(fetch_settings(), tmp_path / "c.sqlite") as fetcher:
            started = time.monotonic()
            results = fetcher.fetch_all([srv.url("/ok") for srv in servers])
            seconds = time.monotonic() - started
        assert all(isinstance(r, Page) for r in results)
        # robots.txt and the page: two round trips per host, in parallel across hosts; one
        # host after another would take at least 2 * hosts * latency = 2 s; half of that
        # leaves a busy machine room
        assert seconds < hosts * latency, seconds
    finally:
        for srv in servers:
            srv.stop()


def test_one_host_gets_one_request_at_a_time_with_the_delay(tmp_path: Path) -> None:
    pages = {f"/p{i}": html(f"Page {i}", "Jane Target.") for i in range(5)}
    with hostile_server(pages, latency=0.05) as srv, \
            Fetcher(fetch_settings(per_host_delay=0.2), tmp_path / "c.sqlite") as fetcher:
        results = fetcher.fetch_all([srv.url(p) for p in pages])
        assert all(isinstance(r, Page) for r in results)
        assert srv.max_in_flight == 1
        starts = [t for t, path in srv.times if path != "/robots.txt"]
        gaps = [b - a for a, b in zip(starts, starts[1:], strict=False)]
        assert min(gaps) >= 0.2 / 2  # half the delay: the other half is room for a busy machine


def test_fetch_all_keeps_the_order_and_reports_failures_in_place(
        fetcher: Fetcher, server: HostileServer) -> None:
    results = fetcher.fetch_all([server.url("/ok"), server.url("/error"), server.url("/ok")])
    assert isinstance(results[0], Page) and isinstance(results[2], Page)
    assert isinstance(results[1], FetchFailed)


@pytest.mark.parametrize("name,body,expected", [
    ("bio.html", html("Bio", "Jane Target leads Acme.").encode(), "Jane Target leads Acme."),
    ("notes.txt", b"Jane Target leads Acme.\n", "Jane Target leads Acme."),
    ("cv.pdf", tiny_pdf(["Jane Target leads Acme."]), "Jane Target leads Acme."),
])
def test_local_files_are_sources_too(fetcher: Fetcher, tmp_path: Path, name: str,
                                     body: bytes, expected: str) -> None:
    path = tmp_path / name
    path.write_bytes(body)
    assert expected in extract(fetcher.fetch(str(path))).text


def test_local_files_have_limits_and_clear_errors(tmp_path: Path) -> None:
    big = tmp_path / "big.html"
    big.write_bytes(b"<p>" + b"x" * 2000)
    with pytest.raises(TooLarge):
        read_local(str(big), 1000)
    with pytest.raises(Unreadable, match="no such file"):
        read_local(str(tmp_path / "missing.html"), 1000)
    with pytest.raises(Unreadable, match="directory"):
        read_local(str(tmp_path), 1000)


# Run in a child process with a memory cap and a time limit, so that a regression (reading
# /dev/zero until memory runs out, or blocking on a FIFO forever) fails the test, not the machine.
READ_LOCAL = """
import resource, sys
resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))
from dossier.fetch import read_local
try:
    read_local(sys.argv[1], 1000)
except Exception as exc:
    print(type(exc).__name__, exc)
"""


@pytest.mark.parametrize("kind", ["device", "fifo"])
def test_devices_and_pipes_are_not_read_as_pages(tmp_path: Path, kind: str) -> None:
    """/dev/zero would be read until memory runs out and a FIFO would block forever."""
    path = "/dev/zero"
    if kind == "fifo":
        path = str(tmp_path / "pipe.html")
        os.mkfifo(path)
    try:
        child = subprocess.run([sys.executable, "-c", READ_LOCAL, path], capture_output=True,
                               text=True, timeout=BOUND)
    except subprocess.TimeoutExpired:
        pytest.fail(f"reading {path} did not return")
    assert child.stdout.startswith("Unreadable "), child.stdout + child.stderr
    assert "not a regular file" in child.stdout


@pytest.mark.parametrize("url", ["http://[::1/", "http://[oops]/bio.html",
                                 "https://example.com:99999/"])
def test_a_malformed_url_is_a_failed_source(fetcher: Fetcher, url: str) -> None:
    [result] = fetcher.fetch_all([url])
    assert isinstance(result, FetchFailed)
    assert "not a valid URL" in str(result)


@pytest.mark.parametrize("text", ["example.com/people/jane", "www.example.org",
                                  "news.example.co.uk/2024/jane-target.html"])
def test_an_address_without_a_scheme_gets_a_hint(fetcher: Fetcher, text: str) -> None:
    with pytest.raises(Unreadable, match=f"no such file: {text} .*https://{text}"):
        fetcher.fetch(text)


def test_a_file_name_with_a_nul_character_is_unreadable(fetcher: Fetcher) -> None:
    with pytest.raises(Unreadable, match="NUL"):
        fetcher.fetch("bio\x00.html")


@pytest.mark.parametrize("text", ["bio.html", "saved/cv.pdf", "notes.txt"])
def test_a_missing_file_name_gets_no_web_hint(fetcher: Fetcher, text: str) -> None:
    with pytest.raises(Unreadable, match="no such file") as info:
        fetcher.fetch(text)
    assert "https://" not in str(info.value)


def test_unsupported_schemes_are_refused(fetcher: Fetcher) -> None:
    with pytest.raises(FetchFailed, match="unsupported URL scheme"):
        fetcher.fetch("ftp://example.com/bio.html")


@pytest.mark.parametrize("value,expected", [
    ("3", 3.0),  # seconds
    ("30", 10.0),  # capped at max_retry_after
    ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0),  # a date in the past: at once
    ("soon", None),  # unreadable: the backoff
    ("-4", None),
    (None, None),  # absent: the backoff
])
def test_retry_after_is_read_by_urllib3_and_capped(value: str | None,
                                                   expected: float | None) -> None:
    retry = PoliteRetry.from_settings(fetch_settings(max_retry_after=10))
    headers = {} if value is None else {"Retry-After": value}
    assert retry.get_retry_after(urllib3.HTTPResponse(headers=headers, status=503)) == expected


def test_the_retry_policy_follows_the_settings() -> None:
    retry = PoliteRetry.from_settings(fetch_settings(retries=3, backoff=0.5))
    assert retry.total == 3 and retry.backoff_factor == 0.5
    assert retry.is_retry("GET", 503) and retry.is_retry("GET", 429)
    assert not retry.is_retry("GET", 500) and not retry.is_retry("GET", 404)
    assert not retry.is_retry("POST", 503)  # only idempotent methods are asked twice
