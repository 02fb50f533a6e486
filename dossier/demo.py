"""`dossier demo`: serve the bundled sample pages on loopback and run the real pipeline."""

from __future__ import annotations

import functools
import http.server
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .models import Target
from .pipeline import Engine, build
from .profile import Profile
from .render import write
from .settings import load_settings

DEMO_TARGET = "Renata Castellanos-Webb"
DEMO_PAGES = ("bio.html", "interview.html", "news.html")
DEMO_PROFILE = Profile(
    priorities=("supply chain analytics", "public speaking", "nonprofit boards"),
    skills=("data analysis", "SQL"),
    contacts=("podcast hosts", "university career office"),
    perspectives=("hands-on with AI tooling",),
    interests=("cycling",),
)


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@contextmanager
def serve_folder(folder: Path) -> Iterator[str]:
    """Serve a folder over HTTP on 127.0.0.1 (a free port); yield its base URL."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


@dataclass(frozen=True, slots=True)
class DemoResult:
    """Where the demo wrote its dossier, how long it took, and where its pages live."""

    md_path: Path
    json_path: Path
    seconds: float
    pages: Path  # the bundled pages, served on 127.0.0.1 while the demo ran


def run_demo(out: Path, cache_dir: Path | None = None) -> DemoResult:
    """Build the demo dossier from the bundled pages, served on loopback for the run."""
    started = time.monotonic()
    with tempfile.TemporaryDirectory(prefix="dossier-demo-") as tmp:
        settings = load_settings(None, {"fetch": {"cache_dir": cache_dir or Path(tmp)}})
        engine = Engine.create(settings)
        pages = resources.files("dossier.demo_pages")
        with resources.as_file(pages) as folder, serve_folder(Path(folder)) as base:
            urls = [f"{base}/{name}" for name in DEMO_PAGES]
            dossier = build(Target(DEMO_TARGET), urls, DEMO_PROFILE, engine)
        json_path, md_path = write(dossier, out)
    return DemoResult(md_path, json_path, time.monotonic() - started, Path(str(pages)))
