"""Fetch stage: URL or local path -> Page, over a cached, polite, size- and time-limited session."""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlsplit

import requests
import requests_cache
from protego import Protego

from ..errors import FetchFailed, NotCached, RobotsDisallowed, SourceError
from ..models import Page
from ..settings import FetchSettings
from .local import read_local
from .reasons import TRANSPORT_ERRORS, describe
from .retry import PoliteRetry
from .transport import LimitedAdapter, media_type, refusal

__all__ = ["Fetcher", "is_url", "read_local"]

log = logging.getLogger(__name__)

# Hosts fetched at the same time. Each host still gets one request at a time; sixteen keeps a
# discovery round (seeds plus their links, rarely over a dozen sites) in one parallel wave
# while bounding the threads and sockets a link farm of many hosts could make us open.
MAX_PARALLEL_HOSTS = 16
# A robots.txt Crawl-delay above this many seconds is capped: a dossier reads a few pages per
# site, and a site asking for a minute between hits would otherwise stall the whole run.
MAX_CRAWL_DELAY = 10.0
# How long a host whose robots.txt could not be read (after the retries, or past the total
# deadline) fails its other pages at once: a dead or dripping site costs one wait per run,
# while a long batch still asks again later.
ROBOTS_FAILURE_MEMORY = 300.0
# Status codes stored in the cache; 5xx and 429 are never stored, so a retry reaches the server.
CACHED_CODES = (200, 203, 300, 301, 308, 404, 410)


def is_url(value: str) -> bool:
    """True for an http(s) address, even a malformed one (fetching it then says what is wrong)."""
    try:
        return urlsplit(value).scheme in ("http", "https")
    except ValueError:
        return value.strip().lower().startswith(("http://", "https://"))


def _check_url(url: str) -> None:
    """Raise FetchFailed for an http(s) address that cannot be requested as written."""
    try:
        parts = urlsplit(url)
        _ = parts.port  # a port that is not a number or out of range raises here
    except ValueError as exc:
        raise FetchFailed(f"not a valid URL: {exc}") from exc
    if not parts.hostname:
        raise FetchFailed("not a valid URL: it has no host name")


def _host_key(url: str) -> str:
    try:
        return urlsplit(url).netloc.lower()
    except ValueError:  # malformed: fetch() reports it
        return ""


# --- politeness: one request at a time per host, a delay between them, robots.txt ------------

class _Host:
    """What we know about one host: its lock, last request time, and robots.txt rules."""

    def __init__(self) -> None:
        self.lock = threading.Lock()
        self.last_hit: float | None = None
        self.robots_loaded = False
        self.robots: Protego | None = None
        self.robots_error: str | None = None
        self.robots_failed: tuple[float, str] | None = None  # (when, why) robots.txt failed
        self.crawl_delay = 0.0


class Fetcher:
    """Cached HTTP sessions with robots.txt, per-host politeness, retries and hard limits."""

    def __init__(self, settings: FetchSettings, cache_path: Path) -> None:
        self.settings = settings
        cache_path.parent.mkdir(parents=True, exist_ok=True)
        # Write-ahead logging: readers never wait for a writer, and a commit needs no fsync
        # (12 ms each here); losing the last few entries in a crash costs only a refetch.
        self.cache = requests_cache.SQLiteCache(cache_path, wal=True)
        self._sessions: queue.SimpleQueue[requests_cache.CachedSession] = queue.SimpleQueue()
        self._all_sessions: list[requests_cache.CachedSession] = []
        self._hosts: dict[str, _Host] = {}
        self._lock = threading.Lock()

    def close(self) -> None:
        for session in self._all_sessions:
            session.close()
        self.cache.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _new_session(self) -> requests_cache.CachedSession:
        s = self.settings
        session = requests_cache.CachedSession(
            backend=self.cache, expire_after=int(s.cache_expire_days * 86400),
            cache_control=True, allowable_codes=CACHED_CODES, stale_if_error=False)
        adapter = LimitedAdapter(s, PoliteRetry.from_settings(s))
        session.mount("http://", adapter)
        session.mount("https://", adapter)
        session.headers["User-Agent"] = s.user_agent
        session.max_redirects = s.max_redirects
        with self._lock:
            self._all_sessions.append(session)
        return session

    @contextmanager
    def _session(self) -> Iterator[requests_cache.CachedSession]:
        """A session of our own: requests sessions are not shared between threads; the
        SQLite cache behind them is one object that serialises its own writes."""
        try:
            session = self._sessions.get_nowait()
        except queue.Empty:
            session = self._new_session()
        try:
            yield session
        finally:
            self._sessions.put(session)

    def _host(self, url: str) -> _Host:
        key = _host_key(url)
        with self._lock:
            return self._hosts.setdefault(key, _Host())

    def fetch(self, target: str) -> Page:
        """Return the page at target (URL or local path); raise a SourceError if unusable."""
        if not is_url(target):
            if "://" in target and not target.startswith("file://"):
                raise FetchFailed(f"unsupported URL scheme: {target.partition('://')[0][:20]}")
            return read_local(target, self.settings.max_bytes)
        _check_url(target)
        host = self._host(target)
        with host.lock:
            if self.settings.respect_robots:
                self._check_robots(target, host)
            return self._get(target, host)

    def fetch_all(self, targets: Sequence[str]) -> list[Page | SourceError]:
        """Fetch many targets, hosts in parallel and each host's URLs in turn, in input order."""
        by_host: dict[str, list[int]] = {}
        for i, target in enumerate(targets):
            by_host.setdefault(_host_key(target), []).append(i)
        results: list[Page | SourceError | None] = [None] * len(targets)

        def run(indexes: list[int]) -> None:
            for i in indexes:
                results[i] = self._fetch_or_error(targets[i])

        workers = max(1, min(MAX_PARALLEL_HOSTS, len(by_host)))
        with ThreadPoolExecutor(max_workers=workers, thread_name_prefix="fetch") as pool:
            for future in [pool.submit(run, idx) for idx in by_host.values()]:
                future.result()
        return [r for r in results if r is not None]

    def _fetch_or_error(self, target: str) -> Page | SourceError:
        try:
            return self.fetch(target)
        except SourceError as exc:
            return exc

    def _check_robots(self, url: str, host: _Host) -> None:
        if host.robots_failed is not None:
            when, why = host.robots_failed
            if time.monotonic() - when < ROBOTS_FAILURE_MEMORY:
                raise FetchFailed(why)
            host.robots_failed = None
        if not host.robots_loaded:
            try:
                self._load_robots(url, host)
            except FetchFailed as exc:  # the host's other pages fail at once, not each again
                host.robots_failed = (time.monotonic(), f"{exc} (reading robots.txt)")
                raise FetchFailed(host.robots_failed[1]) from exc
        if host.robots_error:
            raise RobotsDisallowed(host.robots_error)
        if host.robots is not None and not host.robots.can_fetch(url, self.settings.user_agent):
            raise RobotsDisallowed("disallowed by the site's robots.txt")

    def _load_robots(self, url: str, host: _Host) -> None:
        """Read robots.txt as RFC 9309 says: missing (4xx) allows all, a server error (5xx)
        disallows all; a network failure is the page's failure too, so it is raised."""
        parts = urlsplit(url)
        try:
            response = self._get_response(f"{parts.scheme}://{parts.netloc}/robots.txt", host)
        except NotCached as exc:
            log.info("robots.txt of %s unusable (%s); allowing all", parts.netloc, exc)
            response = None
        host.robots_loaded = True
        if response is None or 400 <= response.status_code < 500 or refusal(response):
            return
        if response.status_code >= 500:
            host.robots_error = (f"robots.txt answered HTTP {response.status_code}; "
                                 "the site is treated as disallowed (RFC 9309)")
            return
        host.robots = Protego.parse((response.content or b"").decode("utf-8", "replace"))
        delay = host.robots.crawl_delay(self.settings.user_agent)
        host.crawl_delay = min(float(delay or 0.0), MAX_CRAWL_DELAY)

    def _wait_politely(self, host: _Host) -> None:
        delay = max(self.settings.per_host_delay, host.crawl_delay)
        if delay and host.last_hit is not None:
            pause = host.last_hit + delay - time.monotonic()
            if pause > 0:
                time.sleep(pause)
        host.last_hit = time.monotonic()

    def _get(self, url: str, host: _Host) -> Page:
        return self._page(url, self._get_response(url, host))

    def _get_response(self, url: str, host: _Host) -> requests.Response:
        """GET through the cache; the adapter retries as PoliteRetry says. A failure is
        raised as FetchFailed with a short reason; an offline miss as NotCached."""
        s = self.settings
        timeout = (s.connect_timeout, s.read_timeout)
        try:
            with self._session() as session:
                if not s.offline:
                    self._wait_politely(host)
                    return session.get(url, timeout=timeout, force_refresh=s.refresh)
                response = session.get(url, timeout=timeout, only_if_cached=True)
        except TRANSPORT_ERRORS as exc:
            raise FetchFailed(describe(exc, s)) from exc
        if s.offline and response.status_code == 504:  # never stored, so: not in the cache
            raise NotCached("not in the cache (offline mode); run once without --offline")
        return response

    def _page(self, url: str, response: requests.Response) -> Page:
        if response.status_code >= 400:
            raise FetchFailed(f"HTTP {response.status_code} {response.reason or ''}".strip())
        refused = refusal(response)
        if refused is not None:
            raise refused
        content_type = response.headers.get("Content-Type", "")
        return Page(url=url, final_url=response.url or url, status_code=response.status_code,
                    content_type=media_type(content_type), body=response.content or b"",
                    encoding=_declared_charset(content_type),
                    from_cache=bool(getattr(response, "from_cache", False)))


def _declared_charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"' ").lower()
    return None
