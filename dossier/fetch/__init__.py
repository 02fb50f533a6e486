"""Fetch stage: URL or local path -> Page, over a cached, polite, size- and time-limited session."""

from __future__ import annotations

import contextlib
import http.client
import io
import logging
import mimetypes
import queue
import re
import socket
import stat
import threading
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import requests
import requests_cache
import urllib3
from protego import Protego
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from ..errors import (
    FetchFailed,
    NotAllowedContent,
    NotCached,
    RobotsDisallowed,
    SourceError,
    TooLarge,
    Unreadable,
)
from ..models import Page
from ..settings import FetchSettings

log = logging.getLogger(__name__)

CHUNK = 64 * 1024
LOCAL_TYPES = {".html": "text/html", ".htm": "text/html", ".txt": "text/plain",
               ".md": "text/markdown", ".markdown": "text/markdown", ".pdf": "application/pdf",
               ".xhtml": "application/xhtml+xml"}
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
# Limits the transport enforces; a refused response is cached with the reason in this header.
REFUSALS = (TooLarge, NotAllowedContent)
REFUSED_HEADER = "X-Dossier-Refused"
# Errors the HTTP stack raises for one bad response or address (not bugs in our code):
# requests' and urllib3's own classes, http.client's, and the IDNA codec's for a host name
# that cannot be encoded. A bare ValueError or OSError is a bug and must reach the boundary.
TRANSPORT_ERRORS = (requests.RequestException, urllib3.exceptions.HTTPError,
                    http.client.HTTPException, UnicodeError)


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


def read_local(path_text: str, max_bytes: int) -> Page:
    """A saved HTML, text or PDF file as a Page."""
    if "\0" in path_text:  # the operating system would refuse it with a ValueError
        raise Unreadable(f"not a file name (it contains a NUL character): {path_text!r}")
    path = Path(path_text[7:] if path_text.startswith("file://") else path_text).expanduser()
    try:
        if path.is_dir():
            raise Unreadable(f"{path} is a directory, not a page")
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):  # /dev/zero never ends, a FIFO blocks on open
            raise Unreadable(f"{path} is not a regular file (a device, pipe or socket)")
        if info.st_size > max_bytes:
            raise TooLarge(f"file is {info.st_size:,} bytes, over the {max_bytes:,}-byte limit")
        with path.open("rb") as handle:  # capped: a file may grow after the stat
            body = handle.read(max_bytes + 1)
        if len(body) > max_bytes:
            raise TooLarge(f"file is over the {max_bytes:,}-byte limit")
    except FileNotFoundError as exc:
        raise Unreadable(f"no such file: {path}{_web_hint(path_text)}") from exc
    except PermissionError as exc:
        raise Unreadable(f"permission denied: {path}") from exc
    except OSError as exc:
        raise Unreadable(f"cannot read {path}: {exc.strerror or exc}") from exc
    ctype = LOCAL_TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or ""
    if not ctype:
        ctype = "text/html" if body.lstrip()[:1] == b"<" else "text/plain"
    uri = path.resolve().as_uri()
    return Page(url=uri, final_url=uri, status_code=200, content_type=ctype, body=body)


# A missing "file" whose first part looks like a host name (example.com/people/jane).
HOST_LIKE = re.compile(r"^(?:[a-z0-9-]+\.)+[a-z]{2,}(?::\d+)?(?:/|$)", re.I)


def _web_hint(text: str) -> str:
    """A hint for a web address written without https://; not for bio.html, a file name."""
    if not HOST_LIKE.match(text) or ("/" not in text and Path(text).suffix.lower() in LOCAL_TYPES):
        return ""
    return f" (for a web page write https://{text})"


# --- the total deadline: a watchdog that shuts the sockets of an overrunning response ---------

_active = threading.local()


class _Deadline:
    """Bounds one response, headers and body, however slowly it drips.

    Socket timeouts only bound the gap between two bytes; this timer shuts the response's
    sockets down when the whole exchange overruns, which wakes the blocked read at once.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(seconds, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Deadline:
        _active.deadline = self
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()
        _active.deadline = None

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                _shut(sock)

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self._sockets:
                _shut(sock)


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # already closed: nothing left to wake
        sock.shutdown(socket.SHUT_RDWR)


def _watch_current(sock: socket.socket | None) -> None:
    deadline: _Deadline | None = getattr(_active, "deadline", None)
    if deadline is not None and sock is not None:
        deadline.watch(sock)


class _WatchedHTTPConnection(HTTPConnection):
    def connect(self) -> None:
        super().connect()
        _watch_current(self.sock)

    def request(self, *args: Any, **kwargs: Any) -> None:  # a reused keep-alive socket
        _watch_current(self.sock)
        super().request(*args, **kwargs)


class _WatchedHTTPSConnection(HTTPSConnection):
    def connect(self) -> None:
        super().connect()
        _watch_current(self.sock)

    def request(self, *args: Any, **kwargs: Any) -> None:
        _watch_current(self.sock)
        super().request(*args, **kwargs)


class _HTTPPool(HTTPConnectionPool):
    ConnectionCls = _WatchedHTTPConnection


class _HTTPSPool(HTTPSConnectionPool):
    ConnectionCls = _WatchedHTTPSConnection


class LimitedAdapter(HTTPAdapter):
    """Transport that reads each body itself: type checked first, size capped after
    decompression, the whole exchange within the deadline. The cache only ever sees the
    capped, decoded bytes, so it can never be made to swallow a 50 MB body or a gzip bomb."""

    def __init__(self, settings: FetchSettings) -> None:
        self.limits = settings
        super().__init__(max_retries=0)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _HTTPPool, "https": _HTTPSPool}

    def send(self, request: requests.PreparedRequest, stream: bool = False,
             timeout: Any = None, verify: Any = True, cert: Any = None,
             proxies: Any = None) -> requests.Response:
        with _Deadline(self.limits.total_timeout) as deadline:
            try:
                response = super().send(request, stream=True, timeout=timeout, verify=verify,
                                        cert=cert, proxies=proxies)
                body = self._read_body(response)
                if deadline.expired:  # a body without a length "ended" when we shut it
                    raise FetchFailed(_overran(deadline.seconds))
            except TRANSPORT_ERRORS as exc:
                if deadline.expired:
                    raise FetchFailed(_overran(deadline.seconds)) from exc
                raise
            except REFUSALS as exc:  # remembered like a page, so a rerun does not ask again
                return self._replay(request, response, b"", f"{type(exc).__name__}: {exc}")
        return self._replay(request, response, body)

    def _replay(self, request: requests.PreparedRequest, response: requests.Response,
                body: bytes, refused: str | None = None) -> requests.Response:
        """A response built by requests' public build_response around the body already read
        (with the cookies the server set), which the cache reads as if off the wire."""
        replay = self.build_response(request, _replayable(response, body, refused))
        replay.cookies = response.cookies
        return replay

    def _read_body(self, response: requests.Response) -> bytes:
        try:
            self._check_head(response)
            body = _read_capped(response, self.limits.max_bytes)
        except BaseException:
            response.close()
            raise
        response.raw.release_conn()
        return body

    def _check_head(self, response: requests.Response) -> None:
        s = self.limits
        ctype = _media_type(response.headers.get("Content-Type", ""))
        if 200 <= response.status_code < 300 and ctype and ctype not in s.allowed_types:
            raise NotAllowedContent(f"content type {ctype} is not HTML, text or PDF")
        declared = _int_header(response.headers.get("Content-Length"))
        if declared > s.max_bytes and "Content-Encoding" not in response.headers:
            raise TooLarge(f"body of {declared:,} bytes is over the {s.max_bytes:,}-byte limit")


def _refusal(response: requests.Response) -> SourceError | None:
    """The refusal the transport stored on a response (fresh or from the cache), if any."""
    name, _, message = response.headers.get(REFUSED_HEADER, "").partition(": ")
    kind = next((r for r in REFUSALS if r.__name__ == name), None)
    return kind(message) if kind is not None else None


def _read_capped(response: requests.Response, max_bytes: int) -> bytes:
    """The decompressed body, stopped as soon as it passes max_bytes."""
    chunks: list[bytes] = []
    size = 0
    try:
        for chunk in response.iter_content(CHUNK):
            size += len(chunk)
            if size > max_bytes:
                raise TooLarge(f"body is over the {max_bytes:,}-byte limit "
                               "(after decompression)")
            chunks.append(chunk)
    except requests.exceptions.ContentDecodingError as exc:
        raise FetchFailed("the compressed body could not be decoded") from exc
    except requests.exceptions.ChunkedEncodingError as exc:
        raise requests.ConnectionError(f"connection broke while reading: {_short(exc)}") from exc
    return b"".join(chunks)


def _replayable(response: requests.Response, body: bytes,
                refused: str | None = None) -> urllib3.HTTPResponse:
    """The already-read body behind a fresh urllib3 response, for the adapter's public
    build_response: what the cache then reads and stores, as if it came off the wire."""
    headers = urllib3.HTTPHeaderDict(response.raw.headers)
    if refused is not None:
        headers[REFUSED_HEADER] = refused
    for name in ("Content-Encoding", "Transfer-Encoding"):
        headers.discard(name)
    headers["Content-Length"] = str(len(body))
    return urllib3.HTTPResponse(
        body=io.BytesIO(body), headers=headers, status=response.status_code,
        reason=response.reason, preload_content=False, decode_content=False,
        request_url=response.url, version=getattr(response.raw, "version", 11),
    )


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
        adapter = LimitedAdapter(s)
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
        if response is None or 400 <= response.status_code < 500 or _refusal(response):
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
        """GET with retries: on 429/503 (honouring Retry-After) and on connection errors."""
        s = self.settings
        attempt = 0
        while True:
            try:
                response = self._request(url, host)
            except requests.ConnectionError as exc:
                if attempt >= s.retries or _unknown_host(exc):
                    raise FetchFailed(_connection_message(exc)) from exc
                wait = s.backoff * 2**attempt
            else:
                if response.status_code not in (429, 503) or attempt >= s.retries:
                    return response
                wait = _retry_after(response, s.backoff * 2**attempt, s.max_retry_after)
            attempt += 1
            log.info("retrying %s in %.1f s (attempt %d)", url, wait, attempt + 1)
            time.sleep(wait)

    def _request(self, url: str, host: _Host) -> requests.Response:
        s = self.settings
        timeout = (s.connect_timeout, s.read_timeout)
        try:
            with self._session() as session:
                if not s.offline:
                    self._wait_politely(host)
                    return session.get(url, timeout=timeout, force_refresh=s.refresh)
                response = session.get(url, timeout=timeout, only_if_cached=True)
        except requests.ConnectionError:
            raise
        except requests.TooManyRedirects as exc:
            raise FetchFailed(f"too many redirects (more than {s.max_redirects})") from exc
        except requests.exceptions.InvalidSchema as exc:
            raise FetchFailed(f"redirected to a non-HTTP address{_quoted(exc)}") from exc
        except requests.Timeout as exc:
            raise FetchFailed(f"no answer within {s.read_timeout:g} s") from exc
        except TRANSPORT_ERRORS as exc:
            raise FetchFailed(f"request failed: {_short(exc)}") from exc
        if s.offline and response.status_code == 504:  # never stored, so: not in the cache
            raise NotCached("not in the cache (offline mode); run once without --offline")
        return response

    def _page(self, url: str, response: requests.Response) -> Page:
        if response.status_code >= 400:
            raise FetchFailed(f"HTTP {response.status_code} {response.reason or ''}".strip())
        refused = _refusal(response)
        if refused is not None:
            raise refused
        content_type = response.headers.get("Content-Type", "")
        return Page(url=url, final_url=response.url or url, status_code=response.status_code,
                    content_type=_media_type(content_type), body=response.content or b"",
                    encoding=_declared_charset(content_type),
                    from_cache=bool(getattr(response, "from_cache", False)))


def _media_type(content_type: str) -> str:
    return content_type.split(";")[0].strip().lower()


def _int_header(value: str | None) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return 0


def _declared_charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"' ").lower()
    return None


def _retry_after(response: requests.Response, fallback: float, cap: float) -> float:
    """Seconds to wait before retrying: Retry-After (seconds or an HTTP date, read by
    urllib3), else backoff; never more than cap."""
    value = response.headers.get("Retry-After", "").strip()
    try:
        seconds = urllib3.Retry().parse_retry_after(value) if value else fallback
    except urllib3.exceptions.InvalidHeader:
        seconds = fallback
    return min(max(seconds, 0.0), cap)


def _overran(seconds: float) -> str:
    return f"response took longer than {seconds:g} s (total deadline)"


def _causes(exc: BaseException) -> Iterator[BaseException]:
    """exc and every error behind it: wrapped by requests (in args), by urllib3 (a
    MaxRetryError's reason, a ProtocolError's args) or chained (raise ... from)."""
    todo, seen = [exc], set()
    while todo:
        error = todo.pop(0)
        if id(error) in seen:
            continue
        seen.add(id(error))
        yield error
        todo += [arg for arg in error.args if isinstance(arg, BaseException)]
        if isinstance(error, urllib3.exceptions.MaxRetryError) and error.reason is not None:
            todo.append(error.reason)
        todo += [e for e in (error.__cause__, error.__context__) if e is not None]


def _caused_by(exc: BaseException, kinds: type[BaseException] | tuple[type[BaseException], ...]
               ) -> bool:
    return any(isinstance(error, kinds) for error in _causes(exc))


def _unknown_host(exc: requests.ConnectionError) -> bool:
    """A name that does not resolve will not resolve a second later: no retry."""
    return _caused_by(exc, (urllib3.exceptions.NameResolutionError, socket.gaierror))


# Checked in this order: RemoteDisconnected is a kind of ConnectionResetError.
CONNECTION_FAILURES: tuple[tuple[type[BaseException], str], ...] = (
    (http.client.RemoteDisconnected, "server closed the connection without answering"),
    (ConnectionResetError, "connection reset by the server"),
    (ConnectionRefusedError, "connection refused"),
)


def _connection_message(exc: requests.ConnectionError) -> str:
    if isinstance(exc, requests.ConnectTimeout):
        return "could not connect in time"
    if _unknown_host(exc):
        return "host name not found"
    for kind, message in CONNECTION_FAILURES:
        if _caused_by(exc, kind):
            return message
    return f"connection failed: {_short(exc)}"


def _quoted(exc: BaseException) -> str:
    match = re.search(r"'([^']+)'", str(exc))
    return f" ({match.group(1)[:200]})" if match else ""


def _short(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:200]
