"""One short reason per class of network failure, told apart by the classes of requests,
urllib3 and the standard library found anywhere in the error's chain."""

from __future__ import annotations

import http.client
import re
import socket
import ssl
from collections.abc import Callable, Iterator

import requests
import urllib3
from urllib3.exceptions import (
    MaxRetryError,
    NameResolutionError,
    NewConnectionError,
    ProtocolError,
    ReadTimeoutError,
    SSLError,
)

from ..settings import FetchSettings

# Errors the HTTP stack raises for one bad response or address (not bugs in our code):
# requests' and urllib3's own classes, http.client's, and the IDNA codec's for a host name
# that cannot be encoded. A bare ValueError or OSError is a bug and must reach the boundary.
TRANSPORT_ERRORS = (requests.RequestException, urllib3.exceptions.HTTPError,
                    http.client.HTTPException, UnicodeError)

Reason = Callable[[BaseException, FetchSettings], str]


def _fixed(text: str) -> Reason:
    return lambda exc, settings: text


# First match wins, each class looked for in the whole chain of causes. The order matters
# where classes nest: RemoteDisconnected is a ConnectionResetError, a refused connection is
# wrapped in urllib3's NewConnectionError (a ConnectTimeoutError), and requests raises
# ConnectTimeout only for a real timeout.
REASONS: tuple[tuple[type[BaseException] | tuple[type[BaseException], ...], Reason], ...] = (
    ((NameResolutionError, socket.gaierror), _fixed("host name not found")),
    (ConnectionRefusedError, _fixed("connection refused")),
    (http.client.RemoteDisconnected, _fixed("server closed the connection without answering")),
    (ConnectionResetError, _fixed("connection reset by the server")),
    (requests.ConnectTimeout, _fixed("could not connect in time")),
    ((requests.ReadTimeout, ReadTimeoutError),
     lambda exc, s: f"no answer within {s.read_timeout:g} s"),
    (requests.TooManyRedirects,
     lambda exc, s: f"too many redirects (more than {s.max_redirects})"),
    (requests.exceptions.InvalidSchema,
     lambda exc, s: f"redirected to a non-HTTP address{_quoted(exc)}"),
    (ssl.SSLCertVerificationError,
     lambda exc, s: f"TLS error: the site's certificate was refused{_verify_message(exc)}"),
    ((requests.exceptions.SSLError, SSLError), _fixed("TLS error")),
    (NewConnectionError, lambda exc, s: f"could not connect{_strerror(exc)}"),
    (requests.exceptions.ContentDecodingError,
     _fixed("the compressed body could not be decoded")),
    ((requests.exceptions.ChunkedEncodingError, ProtocolError),
     lambda exc, s: f"connection broke while reading: {_short(exc)}"),
)


def describe(exc: BaseException, settings: FetchSettings) -> str:
    """What went wrong, in a few words the user can act on."""
    for kinds, reason in REASONS:
        if caused_by(exc, kinds):
            return reason(exc, settings)
    return f"request failed: {_short(exc)}"


def causes(exc: BaseException) -> Iterator[BaseException]:
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
        if isinstance(error, MaxRetryError) and error.reason is not None:
            todo.append(error.reason)
        todo += [e for e in (error.__cause__, error.__context__) if e is not None]


def caused_by(exc: BaseException,
              kinds: type[BaseException] | tuple[type[BaseException], ...]) -> bool:
    return any(isinstance(error, kinds) for error in causes(exc))


def _verify_message(exc: BaseException) -> str:
    found = next(e for e in causes(exc) if isinstance(e, ssl.SSLCertVerificationError))
    return f" ({found.verify_message})" if found.verify_message else ""


def _strerror(exc: BaseException) -> str:
    """The operating system's words ('Network is unreachable') behind a failed connect."""
    found = next((e for e in causes(exc) if isinstance(e, OSError) and e.strerror), None)
    return f": {found.strerror}" if found is not None else ""


def _quoted(exc: BaseException) -> str:
    match = re.search(r"'([^']+)'", str(exc))
    return f" ({match.group(1)[:200]})" if match else ""


def _short(exc: BaseException) -> str:
    text = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
    return text[:200]
