"""A local HTTP server on 127.0.0.1 whose routes misbehave on purpose, for the fetch tests."""

from __future__ import annotations

import gzip
import http.server
import random
import socket
import struct
import threading
import time
import zlib
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cache
from urllib.parse import parse_qs, urlsplit

Handler = Callable[["_Handler"], None]

ROBOTS = "User-agent: *\nDisallow: /private/\n"
DRIP_INTERVAL = 0.5  # seconds between two dripped bytes
BIG_BODY = 50 * 1024 * 1024  # the "50 MB body"
BOMB_SIZE = 200 * 1024 * 1024  # what the gzip bomb inflates to (it is ~200 KB on the wire)
FARM_LINKS = 1000


class HostileServer:
    """Serves `pages` (path -> HTML or (bytes, content type)) plus the hostile routes below.

    `hits` counts requests per path; `latency` delays every answer (to measure parallelism).
    """

    def __init__(self, pages: dict[str, str | tuple[bytes, str]] | None = None,
                 robots: str | int | Handler = ROBOTS, latency: float = 0.0,
                 redirects: dict[str, str] | None = None) -> None:
        self.pages = dict(pages or {})
        self.redirects = dict(redirects or {})  # path -> Location of a 302
        self.robots = robots  # the robots.txt text, a status code, or a route to answer with
        self.latency = latency
        self.hits: Counter[str] = Counter()
        self.times: list[tuple[float, str]] = []  # (monotonic time, path) of each request
        self.user_agents: set[str] = set()
        self.in_flight = 0
        self.max_in_flight = 0
        self.stopping = threading.Event()
        self._lock = threading.Lock()
        self._server: http.server.ThreadingHTTPServer | None = None
        self.base = ""

    def url(self, path: str) -> str:
        return self.base + path

    @contextmanager
    def serving(self, path: str, user_agent: str) -> Iterator[None]:
        """Count a request while it is answered: hits, arrival time, concurrency, UA."""
        with self._lock:
            self.hits[path] += 1
            self.times.append((time.monotonic(), path))
            self.user_agents.add(user_agent)
            self.in_flight += 1
            self.max_in_flight = max(self.max_in_flight, self.in_flight)
        try:
            yield
        finally:
            with self._lock:
                self.in_flight -= 1

    @property
    def total_hits(self) -> int:
        with self._lock:
            return sum(self.hits.values())

    def start(self) -> HostileServer:
        owner = self

        class Bound(_Handler):
            server_owner = owner

        self._server = _QuietServer(("127.0.0.1", 0), Bound)
        threading.Thread(target=self._server.serve_forever, args=(0.05,), daemon=True).start()
        self.base = f"http://127.0.0.1:{self._server.server_address[1]}"
        return self

    def stop(self) -> None:
        self.stopping.set()
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()


@contextmanager
def hostile_server(pages: dict[str, str | tuple[bytes, str]] | None = None,
                   robots: str | int | Handler = ROBOTS, latency: float = 0.0,
                   redirects: dict[str, str] | None = None) -> Iterator[HostileServer]:
    server = HostileServer(pages, robots, latency, redirects).start()
    try:
        yield server
    finally:
        server.stop()


class _QuietServer(http.server.ThreadingHTTPServer):
    """Clients that hang up on hostile routes are the point, not an error worth printing."""

    daemon_threads = True

    def handle_error(self, request: object, client_address: object) -> None:
        pass


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server_owner: HostileServer

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass

    def do_GET(self) -> None:  # noqa: N802 (the name http.server dispatches to)
        owner = self.server_owner
        path = urlsplit(self.path).path
        with owner.serving(path, self.headers.get("User-Agent", "")):
            if owner.latency:
                time.sleep(owner.latency)
            self._answer(path)

    def _answer(self, path: str) -> None:
        owner = self.server_owner
        route = ROUTES.get(path) or _prefix_route(path)
        try:
            if route is not None:
                route(self)
            elif path in owner.pages:
                self.serve_page(owner.pages[path])
            elif path in owner.redirects:
                self.send_body(b"", status=302, headers={"Location": owner.redirects[path]})
            else:
                self.send_body(b"<html><body><p>Not found.</p></body></html>", status=404)
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True  # the client gave up, as it should

    @property
    def query(self) -> dict[str, list[str]]:
        return parse_qs(urlsplit(self.path).query)

    def serve_page(self, page: str | tuple[bytes, str]) -> None:
        if isinstance(page, str):
            self.send_body(page.encode("utf-8"))
        else:
            self.send_body(page[0], page[1])

    def send_body(self, body: bytes, ctype: str = "text/html; charset=utf-8",
                  status: int = 200, headers: dict[str, str] | None = None) -> None:
        self.send_response(status)
        if ctype:
            self.send_header("Content-Type", ctype)
        self.send_header("Content-Length", str(len(body)))
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(body)


def _prefix_route(path: str) -> Handler | None:
    for prefix, route in PREFIX_ROUTES.items():
        if path.startswith(prefix):
            return route
    return None


def html(title: str, *paragraphs: str) -> str:
    body = "".join(f"<p>{p}</p>" for p in paragraphs)
    return f"<!doctype html><html><head><title>{title}</title></head><body><article>" \
           f"<h1>{title}</h1>{body}</article></body></html>"


# --- the routes ---------------------------------------------------------------------------------

def robots(h: _Handler) -> None:
    rules = h.server_owner.robots
    if callable(rules):
        rules(h)
    elif isinstance(rules, int):
        h.send_body(b"robots unavailable", "text/plain", status=rules)
    else:
        h.send_body(rules.encode(), "text/plain")


def drip(h: _Handler) -> None:
    """Headers at once, then one byte every DRIP_INTERVAL seconds: never a read timeout."""
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Content-Length", "100000")
    h.end_headers()
    _drip_bytes(h, b"<p>" + b"x" * 99997)


def drip_unannounced(h: _Handler) -> None:
    """No Content-Length: the body ends when the server closes, which it never does in time."""
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Connection", "close")
    h.end_headers()
    _drip_bytes(h, b"<p>" + b"x" * 99997)


def drip_headers(h: _Handler) -> None:
    """The status line and headers themselves arrive one byte at a time."""
    _drip_bytes(h, b"HTTP/1.1 200 OK\r\nX-Slow: " + b"y" * 100000)


def _drip_bytes(h: _Handler, data: bytes) -> None:
    for i in range(len(data)):
        if h.server_owner.stopping.is_set():
            break
        h.wfile.write(data[i:i + 1])
        h.wfile.flush()
        time.sleep(DRIP_INTERVAL)
    h.close_connection = True


def redirect_loop(h: _Handler) -> None:
    n = int(h.query.get("n", ["0"])[0])
    h.send_body(b"", status=302, headers={"Location": f"/loop?n={n + 1}"})


def redirect_to(location: str) -> Handler:
    def route(h: _Handler) -> None:
        h.send_body(b"", status=302, headers={"Location": location})
    return route


def big_body(h: _Handler) -> None:
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Content-Length", str(BIG_BODY))
    h.end_headers()
    _stream_zeros(h, BIG_BODY)


def big_body_unannounced(h: _Handler) -> None:
    """50 MB with no Content-Length: only a streamed cap can stop it."""
    h.send_response(200)
    h.send_header("Content-Type", "text/html")
    h.send_header("Connection", "close")
    h.end_headers()
    _stream_zeros(h, BIG_BODY, b"<p>" + b"a" * (64 * 1024 - 3))
    h.close_connection = True


def _stream_zeros(h: _Handler, size: int, block: bytes = b"\0" * 65536) -> None:
    sent = 0
    while sent < size and not h.server_owner.stopping.is_set():
        h.wfile.write(block)
        sent += len(block)


@cache
def bomb_body(encoding: str) -> bytes:
    """BOMB_SIZE bytes of spaces, gzip- or deflate-compressed (about a thousandth the size)."""
    wbits = 31 if encoding == "gzip" else 15
    packer = zlib.compressobj(9, zlib.DEFLATED, wbits)
    block = b" " * (1024 * 1024)
    parts = [packer.compress(block) for _ in range(BOMB_SIZE // len(block))]
    return b"".join(parts) + packer.flush()


def bomb(encoding: str) -> Handler:
    def route(h: _Handler) -> None:
        h.send_body(bomb_body(encoding), "text/html", headers={"Content-Encoding": encoding})
    return route


def gzipped_page(h: _Handler) -> None:
    body = gzip.compress(html("Compressed", "Jane Target runs the compressed desk.").encode())
    h.send_body(body, headers={"Content-Encoding": "gzip"})


CP1252_TEXT = "Hannah Sjöberg leads merchandising — café, crème brûlée and smörgåsbord."


def wrong_charset(h: _Handler) -> None:
    """Declared UTF-8, actually Windows-1252."""
    h.send_body(html("Wrong charset", CP1252_TEXT).encode("cp1252"), "text/html; charset=utf-8")


def missing_charset(h: _Handler) -> None:
    h.send_body(html("No charset", CP1252_TEXT).encode("cp1252"), "text/html")


def latin1_header_utf8_body(h: _Handler) -> None:
    """The server's default ISO-8859-1 header on a page that is really UTF-8."""
    h.send_body(html("Lying header", CP1252_TEXT).encode("utf-8"),
                "text/html; charset=iso-8859-1")


def binary_as_html(h: _Handler) -> None:
    noise = random.Random(7).randbytes(40000)
    h.send_body(noise, "text/html")


def server_error(h: _Handler) -> None:
    h.send_body(b"<p>Internal error</p>", status=500)


def rate_limited(h: _Handler) -> None:
    """429 with Retry-After: 1 on the first request, the page afterwards."""
    if h.server_owner.hits["/busy"] == 1:
        h.send_body(b"slow down", "text/plain", status=429, headers={"Retry-After": "1"})
    else:
        h.send_body(html("Busy page", "Jane Target finally answered.").encode())


def bad_gateway_once(h: _Handler) -> None:
    """502 without Retry-After on the first request (a proxy whose backend restarts)."""
    if h.server_owner.hits["/gateway"] == 1:
        h.send_body(b"bad gateway", "text/plain", status=502)
    else:
        h.send_body(html("Gateway page", "Jane Target behind a proxy.").encode())


def always_unavailable(h: _Handler) -> None:
    h.send_body(b"down", "text/plain", status=503, headers={"Retry-After": "1"})


def connection_reset(h: _Handler) -> None:
    """Close with a TCP RST (SO_LINGER 0) instead of an answer."""
    h.connection.setsockopt(socket.SOL_SOCKET, socket.SO_LINGER, struct.pack("ii", 1, 0))
    h.connection.close()
    h.close_connection = True


def link_farm(h: _Handler) -> None:
    links = "".join(f'<li><a href="/farm/{i}">Jane Target profile {i}</a></li>'
                    for i in range(FARM_LINKS))
    page = (f"<html><head><title>Jane Target links</title></head><body><article>"
            f"<p>Everything about Jane Target.</p><ul>{links}</ul></article></body></html>")
    h.send_body(page.encode())


def farm_page(h: _Handler) -> None:
    n = urlsplit(h.path).path.rsplit("/", 1)[-1]
    h.send_body(html(f"Farm page {n}", f"Jane Target was mentioned on page {n}.").encode())


def pdf_page(h: _Handler) -> None:
    h.send_body(tiny_pdf(["Jane Target biography", "Jane Target is chief executive of Acme."]),
                "application/pdf")


def image(h: _Handler) -> None:
    h.send_body(b"\x89PNG\r\n\x1a\n" + b"\0" * 1000, "image/png")


def no_store(h: _Handler) -> None:
    h.send_body(html("Fresh", "Jane Target, live.").encode(),
                headers={"Cache-Control": "no-store"})


def slow_page(h: _Handler) -> None:
    h.send_body(html("Slow", "Jane Target, eventually.").encode())


def tiny_pdf(lines: list[str]) -> bytes:
    """A valid one-page PDF showing `lines` in Helvetica (enough for a text extractor)."""
    def esc(text: str) -> str:
        return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    shown = " T* ".join(f"({esc(line)}) Tj" for line in lines)
    stream = f"BT /F1 12 Tf 14 TL 72 720 Td {shown} ET".encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (
        len(objects) + 1, xref)
    return bytes(out)


ROUTES: dict[str, Handler] = {
    "/robots.txt": robots,
    "/drip": drip,
    "/drip-headers": drip_headers,
    "/drip-unannounced": drip_unannounced,
    "/loop": redirect_loop,
    "/to-ftp": redirect_to("ftp://127.0.0.1/secret.txt"),
    "/to-file": redirect_to("file:///etc/passwd"),
    "/big": big_body,
    "/big-unannounced": big_body_unannounced,
    "/gzip-bomb": bomb("gzip"),
    "/deflate-bomb": bomb("deflate"),
    "/gzipped": gzipped_page,
    "/wrong-charset": wrong_charset,
    "/missing-charset": missing_charset,
    "/lying-header": latin1_header_utf8_body,
    "/binary": binary_as_html,
    "/error": server_error,
    "/busy": rate_limited,
    "/unavailable": always_unavailable,
    "/gateway": bad_gateway_once,
    "/reset": connection_reset,
    "/farm": link_farm,
    "/doc.pdf": pdf_page,
    "/image.png": image,
    "/slow": slow_page,
    "/no-store": no_store,
}
PREFIX_ROUTES: dict[str, Handler] = {"/farm/": farm_page}
