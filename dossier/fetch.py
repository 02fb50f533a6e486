"""Fetch stage: URL or local path -> Page, over a cached, polite, size-limited requests session."""

from __future__ import annotations

import logging
import mimetypes
import time
from pathlib import Path
from urllib.parse import urlsplit

import requests
import requests_cache
from protego import Protego

from .errors import FetchFailed, NotAllowedContent, NotCached, RobotsDisallowed, TooLarge, Unreadable
from .models import Page
from .settings import FetchSettings

log = logging.getLogger(__name__)

CHUNK = 64 * 1024
LOCAL_TYPES = {".html": "text/html", ".htm": "text/html", ".txt": "text/plain",
               ".md": "text/plain", ".pdf": "application/pdf", ".xhtml": "application/xhtml+xml"}


def is_url(value: str) -> bool:
    return urlsplit(value).scheme in ("http", "https")


def read_local(path_text: str, max_bytes: int) -> Page:
    """A saved HTML, text or PDF file as a Page."""
    path = Path(path_text[7:] if path_text.startswith("file://") else path_text).expanduser()
    try:
        if path.is_dir():
            raise Unreadable(f"{path} is a directory, not a page")
        size = path.stat().st_size
        if size > max_bytes:
            raise TooLarge(f"file is {size:,} bytes, over the {max_bytes:,}-byte limit")
        body = path.read_bytes()
    except FileNotFoundError as exc:
        raise Unreadable(f"no such file: {path}") from exc
    except PermissionError as exc:
        raise Unreadable(f"permission denied: {path}") from exc
    except OSError as exc:
        raise Unreadable(f"cannot read {path}: {exc.strerror or exc}") from exc
    ctype = LOCAL_TYPES.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or ""
    if not ctype:
        ctype = "text/html" if body.lstrip()[:1] == b"<" else "text/plain"
    uri = path.resolve().as_uri()
    return Page(url=uri, final_url=uri, status_code=200, content_type=ctype, body=body)


class Fetcher:
    """One cached HTTP session with robots.txt, timeouts, retries and a body limit."""

    def __init__(self, settings: FetchSettings, cache_path: Path) -> None:
        self.settings = settings
        cache_path.parent.mkdir(parents=True, exist_ok=True)
        self.session = requests_cache.CachedSession(
            str(cache_path.with_suffix("")),
            backend="sqlite",
            expire_after=int(settings.cache_expire_days * 86400),
            cache_control=True,
            allowable_codes=(200, 203, 300, 301, 308, 404, 410),
            stale_if_error=False,
        )
        self.session.headers["User-Agent"] = settings.user_agent
        self.session.max_redirects = settings.max_redirects
        self._robots: dict[str, Protego | None] = {}
        self._last_hit: dict[str, float] = {}
        self.counters: dict[str, int] = {}

    def close(self) -> None:
        self.session.close()

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _bump(self, name: str) -> None:
        self.counters[name] = self.counters.get(name, 0) + 1

    def fetch(self, target: str) -> Page:
        """Return the page at target (URL or local path); raise a SourceError if unusable."""
        if not is_url(target):
            if "://" in target:
                self._bump("bad_scheme")
                raise FetchFailed(f"unsupported URL scheme: {urlsplit(target).scheme}")
            return read_local(target, self.settings.max_bytes)
        if self.settings.respect_robots and not self._robots_allow(target):
            self._bump("robots_disallowed")
            raise RobotsDisallowed("disallowed by robots.txt")
        return self._get(target)

    def _robots_allow(self, url: str) -> bool:
        parts = urlsplit(url)
        root = f"{parts.scheme}://{parts.netloc}"
        if root not in self._robots:
            self._robots[root] = self._load_robots(root)
        rules = self._robots[root]
        return rules is None or rules.can_fetch(url, self.settings.user_agent)

    def _load_robots(self, root: str) -> Protego | None:
        try:
            page = self._get(root + "/robots.txt", check_type=False)
        except Exception:  # a missing or broken robots.txt allows everything
            return None
        if page.status_code >= 400:
            return None
        return Protego.parse(page.body.decode("utf-8", "replace"))

    def _wait_politely(self, url: str) -> None:
        host = urlsplit(url).netloc
        delay = self.settings.per_host_delay
        last = self._last_hit.get(host)
        if delay and last is not None:
            pause = last + delay - time.monotonic()
            if pause > 0:
                time.sleep(pause)
        self._last_hit[host] = time.monotonic()

    def _get(self, url: str, check_type: bool = True) -> Page:
        s = self.settings
        attempt = 0
        while True:
            self._wait_politely(url)
            try:
                response = self._request(url)
            except requests.TooManyRedirects as exc:
                raise FetchFailed(f"too many redirects (more than {s.max_redirects})") from exc
            except requests.Timeout as exc:
                error: Exception = FetchFailed("timed out")
                cause: Exception = exc
            except requests.ConnectionError as exc:
                error, cause = FetchFailed(f"connection failed: {_short(exc)}"), exc
            except requests.RequestException as exc:
                raise FetchFailed(f"request failed: {_short(exc)}") from exc
            else:
                if response.status_code in (429, 503) and attempt < s.retries:
                    wait = _retry_after(response, s.backoff * 2**attempt, s.max_retry_after)
                    response.close()
                    attempt += 1
                    self._bump("retries")
                    time.sleep(wait)
                    continue
                return self._read(url, response, check_type)
            if attempt >= s.retries:
                raise error from cause
            attempt += 1
            self._bump("retries")
            time.sleep(s.backoff * 2 ** (attempt - 1))

    def _request(self, url: str) -> requests.Response:
        s = self.settings
        if s.offline:
            response = self.session.get(url, only_if_cached=True, stream=True,
                                        timeout=(s.connect_timeout, s.read_timeout))
            if response.status_code == 504 and not getattr(response, "from_cache", False):
                raise NotCached("not in the cache (offline mode)")
            return response
        return self.session.get(url, stream=True, timeout=(s.connect_timeout, s.read_timeout),
                                force_refresh=s.refresh)

    def _read(self, url: str, response: requests.Response, check_type: bool) -> Page:
        s = self.settings
        with response:
            if response.status_code >= 400:
                raise FetchFailed(f"HTTP {response.status_code} {response.reason or ''}".strip())
            ctype = response.headers.get("Content-Type", "").split(";")[0].strip().lower()
            if check_type and ctype and ctype not in s.allowed_types:
                raise NotAllowedContent(f"content type {ctype} is not HTML, text or PDF")
            declared = int(response.headers.get("Content-Length") or 0)
            if declared > s.max_bytes and "Content-Encoding" not in response.headers:
                raise TooLarge(f"body of {declared:,} bytes is over the {s.max_bytes:,}-byte limit")
            body = _read_capped(response, s.max_bytes, s.total_timeout)
        from_cache = bool(getattr(response, "from_cache", False))
        return Page(url=url, final_url=response.url or url, status_code=response.status_code,
                    content_type=ctype, body=body,
                    encoding=_declared_charset(response.headers.get("Content-Type", "")),
                    from_cache=from_cache)


def _read_capped(response: requests.Response, max_bytes: int, deadline_s: float) -> bytes:
    """Read the (decompressed) body, stopping at max_bytes or when the deadline passes."""
    deadline = time.monotonic() + deadline_s
    chunks: list[bytes] = []
    size = 0
    try:
        for chunk in response.iter_content(CHUNK):
            size += len(chunk)
            if size > max_bytes:
                raise TooLarge(f"body is over the {max_bytes:,}-byte limit")
            chunks.append(chunk)
            if time.monotonic() > deadline:
                raise FetchFailed(f"response took longer than {deadline_s:g} s")
    except requests.RequestException as exc:
        raise FetchFailed(f"connection broke while reading: {_short(exc)}") from exc
    return b"".join(chunks)


def _declared_charset(content_type: str) -> str | None:
    for part in content_type.split(";")[1:]:
        key, _, value = part.strip().partition("=")
        if key.lower() == "charset" and value:
            return value.strip("\"' ").lower()
    return None


def _retry_after(response: requests.Response, fallback: float, cap: float) -> float:
    value = response.headers.get("Retry-After", "")
    try:
        return min(max(float(value), 0.0), cap)
    except ValueError:
        return min(fallback, cap)


def _short(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:200]
