"""The two limits requests and urllib3 do not offer: a total deadline per response, and a size
cap on the body after decompression; the adapter that applies them and mounts the retries."""

from __future__ import annotations

import contextlib
import io
import socket
import threading
from typing import Any

import requests
import urllib3
from requests.adapters import HTTPAdapter
from urllib3.connection import HTTPConnection, HTTPSConnection
from urllib3.connectionpool import HTTPConnectionPool, HTTPSConnectionPool

from ..errors import FetchFailed, NotAllowedContent, SourceError, TooLarge
from ..settings import FetchSettings
from .reasons import TRANSPORT_ERRORS

CHUNK = 64 * 1024
# Limits the transport enforces; a refused response is cached with the reason in this header.
REFUSALS = (TooLarge, NotAllowedContent)
REFUSED_HEADER = "X-Dossier-Refused"

# --- the total deadline: a watchdog that shuts the sockets of an overrunning response ---------

_active = threading.local()


class Deadline:
    """Bounds one response, headers and body, however slowly it drips.

    Socket timeouts only bound the gap between two bytes; this timer shuts the response's
    sockets down when the whole exchange overruns, which wakes the blocked read at once.
    """

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        self.expired = False
        self._sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._round = 0
        self._timer: threading.Timer | None = None

    def __enter__(self) -> Deadline:
        _active.deadline = self
        self.restart()
        return self

    def __exit__(self, *exc: object) -> None:
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
        _active.deadline = None

    def restart(self) -> None:
        """Start the clock (again): each attempt of a retried request gets the whole time."""
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
            self._round += 1
            self.expired = False
            self._sockets = []
            self._timer = threading.Timer(self.seconds, self._expire, args=(self._round,))
            self._timer.daemon = True
            self._timer.start()

    def watch(self, sock: socket.socket) -> None:
        with self._lock:
            self._sockets.append(sock)
            if self.expired:
                _shut(sock)

    def _expire(self, round_: int) -> None:
        with self._lock:
            if round_ != self._round:  # a timer of an earlier attempt, cancelled too late
                return
            self.expired = True
            for sock in self._sockets:
                _shut(sock)


def current_deadline() -> Deadline | None:
    """The deadline of the response this thread is fetching, if any."""
    return getattr(_active, "deadline", None)


def restart_deadline() -> None:
    """Give the next attempt of this thread's request a whole deadline of its own."""
    deadline = current_deadline()
    if deadline is not None:
        deadline.restart()


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # already closed: nothing left to wake
        sock.shutdown(socket.SHUT_RDWR)


def _watch_current(sock: socket.socket | None) -> None:
    deadline = current_deadline()
    if deadline is not None and sock is not None:
        deadline.watch(sock)


# urllib3 hands its sockets to nobody: its documented hooks (socket_options, the Timeout
# object) set options or per-read timeouts, none bounds a whole exchange. So the pools make
# connections of these classes (ConnectionCls and PoolManager.pool_classes_by_scheme are
# public attributes), which report each socket to the deadline as it connects or is reused.
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
    decompression, each attempt within the deadline, retried by urllib3 as `retries` says.
    The cache only ever sees the capped, decoded bytes, so it can never be made to swallow
    a 50 MB body or a gzip bomb."""

    def __init__(self, settings: FetchSettings, retries: urllib3.Retry) -> None:
        self.limits = settings
        super().__init__(max_retries=retries)

    def init_poolmanager(self, *args: Any, **kwargs: Any) -> None:
        super().init_poolmanager(*args, **kwargs)
        self.poolmanager.pool_classes_by_scheme = {"http": _HTTPPool, "https": _HTTPSPool}

    def send(self, request: requests.PreparedRequest, stream: bool = False,
             timeout: Any = None, verify: Any = True, cert: Any = None,
             proxies: Any = None) -> requests.Response:
        with Deadline(self.limits.total_timeout) as deadline:
            try:
                response = super().send(request, stream=True, timeout=timeout, verify=verify,
                                        cert=cert, proxies=proxies)
                body = self._read_body(response)
                if deadline.expired:  # a body without a length "ended" when we shut it
                    raise FetchFailed(overran(deadline.seconds))
            except TRANSPORT_ERRORS as exc:
                if deadline.expired:
                    raise FetchFailed(overran(deadline.seconds)) from exc
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
        ctype = media_type(response.headers.get("Content-Type", ""))
        if 200 <= response.status_code < 300 and ctype and ctype not in s.allowed_types:
            raise NotAllowedContent(f"content type {ctype} is not HTML, text or PDF")
        declared = _int_header(response.headers.get("Content-Length"))
        if declared > s.max_bytes and "Content-Encoding" not in response.headers:
            raise TooLarge(f"body of {declared:,} bytes is over the {s.max_bytes:,}-byte limit")


def refusal(response: requests.Response) -> SourceError | None:
    """The refusal the transport stored on a response (fresh or from the cache), if any."""
    name, _, message = response.headers.get(REFUSED_HEADER, "").partition(": ")
    kind = next((r for r in REFUSALS if r.__name__ == name), None)
    return kind(message) if kind is not None else None


def _read_capped(response: requests.Response, max_bytes: int) -> bytes:
    """The decompressed body, stopped as soon as it passes max_bytes."""
    chunks: list[bytes] = []
    size = 0
    for chunk in response.iter_content(CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise TooLarge(f"body is over the {max_bytes:,}-byte limit (after decompression)")
        chunks.append(chunk)
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


def media_type(content_type: str) -> str:
    return content_type.split(";")[0].strip().lower()


def _int_header(value: str | None) -> int:
    try:
        return int(value or 0)
    except ValueError:
        return 0


def overran(seconds: float) -> str:
    return f"response took longer than {seconds:g} s (total deadline)"
