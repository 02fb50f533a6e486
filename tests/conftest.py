"""Shared fixtures: an isolated home, a local HTTP server for test pages, the loaded Engine.

Tests never touch the network beyond 127.0.0.1 and never read or write the user's home:
HOME and the XDG folders point into a temporary directory for the whole session.
"""

from __future__ import annotations

import functools
import http.server
import os
import socket
import subprocess
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import pytest
from typer.testing import CliRunner

from dossier.cli import app
from dossier.pipeline import Engine
from dossier.settings import load_settings

PAGES = Path(__file__).parent / "pages"
# Generous bound for one CLI run in a subprocess (model load ~1 s, a few local pages).
CLI_TIMEOUT = 120
ISOLATED_VARS = ("HOME", "XDG_CONFIG_HOME", "XDG_CACHE_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME")


@pytest.fixture(scope="session", autouse=True)
def isolated_home(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """Point HOME and the XDG dirs into a temp folder, so no test sees the user's config or
    cache (subprocesses inherit the environment)."""
    home = tmp_path_factory.mktemp("home")
    with pytest.MonkeyPatch.context() as patch:
        for var in ISOLATED_VARS:
            folder = home if var == "HOME" else home / var.lower()
            folder.mkdir(exist_ok=True)
            patch.setenv(var, str(folder))
        yield home


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    """Serves files from a folder without logging every request to stderr."""

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextmanager
def serving(folder: Path) -> Iterator[str]:
    """Serve `folder` on 127.0.0.1 (a free port, one thread per request); yield its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def page_server() -> Iterator[str]:
    """Base URL of tests/pages served over HTTP, e.g. f"{page_server}/bio.html"."""
    with serving(PAGES) as base:
        yield base


@pytest.fixture
def serve_folder() -> Iterator[Callable[[Path], str]]:
    """Serve any folder (e.g. a tmp_path filled by the test); returns its base URL.
    Every server started through it is shut down after the test."""
    with ExitStack() as stack:
        yield lambda folder: stack.enter_context(serving(folder))


@pytest.fixture
def closed_port() -> int:
    """A port on 127.0.0.1 that nothing listens on (bound, then released)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def engine(tmp_path_factory: pytest.TempPathFactory, isolated_home: Path) -> Engine:
    """The Engine (settings, lexicons, spaCy model), loaded once per test session, with its
    HTTP cache in a temp folder."""
    cache = tmp_path_factory.mktemp("engine-cache")
    return Engine.create(load_settings(None, {"fetch": {"cache_dir": cache}}))


def _run_cli(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "dossier", *args], capture_output=True, text=True,
        timeout=CLI_TIMEOUT, cwd=cwd, env=dict(os.environ),
    )


@pytest.fixture(scope="session")
def run_cli(isolated_home: Path) -> Callable[..., subprocess.CompletedProcess[str]]:
    """Run the real command line, `python -m dossier ARGS...`, in a subprocess; returns the
    completed process (returncode, stdout, stderr as text).

    It runs in the temporary home, not the repository root: there `python -m` would import
    the source folder instead of the installed package (whose config ships inside it)."""
    return functools.partial(_run_cli, cwd=isolated_home)


def _invoke_cli(*args: str) -> subprocess.CompletedProcess[str]:
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "200"})
    return subprocess.CompletedProcess(list(args), result.exit_code, result.stdout,
                                       result.stderr)


@pytest.fixture(scope="session")
def invoke_cli() -> Callable[..., subprocess.CompletedProcess[str]]:
    """Like run_cli, but in this process (typer's CliRunner), so the spaCy model loaded by an
    earlier test is reused; same result type."""
    return _invoke_cli
