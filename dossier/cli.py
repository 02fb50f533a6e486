"""The command line: parse options, build settings, call one library function, print, exit."""

from __future__ import annotations

import logging
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import Annotated, Any, TypeVar

import typer

from . import __version__
from .errors import DossierError, ExitStatus
from .models import Target
from .profile import load_profile
from .settings import load_settings

app = typer.Typer(
    name="dossier",
    help="Turn an executive's name and a few URLs into a research dossier you can act on.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)
T = TypeVar("T")


class State:
    debug = False


def _fail(message: str, status: ExitStatus) -> typer.Exit:
    typer.echo(f"dossier: error: {message}", err=True)
    return typer.Exit(int(status))


def guarded(func: Callable[[], T]) -> T:
    """The error boundary: known failures become one line on stderr and an exit code."""
    try:
        return func()
    except DossierError as exc:
        if State.debug:
            traceback.print_exc()
        raise _fail(str(exc), exc.exit_status) from None
    except KeyboardInterrupt:
        raise _fail("interrupted", ExitStatus.INTERRUPTED) from None
    except Exception as exc:  # an unexpected bug: still one line unless --debug
        if State.debug:
            traceback.print_exc()
        raise _fail(f"unexpected {type(exc).__name__}: {exc} (rerun with --debug for details)",
                    ExitStatus.USAGE) from None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"dossier {__version__}")
        raise typer.Exit()


@app.callback()
def main_options(
    debug: Annotated[bool, typer.Option("--debug", help="Show tracebacks and debug logs.")] = False,
    verbose: Annotated[bool, typer.Option("--verbose", "-v", help="Log each stage.")] = False,
    version: Annotated[bool, typer.Option("--version", callback=_version, is_eager=True,
                                          help="Print the version and exit.")] = False,
) -> None:
    """Research dossiers on senior people: facts, hooks for your priorities, and offers."""
    State.debug = debug
    level = logging.DEBUG if debug else logging.INFO if verbose else logging.WARNING
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")


ConfigOpt = Annotated[Path | None, typer.Option(
    "--config", help="Settings YAML that overrides the defaults (default: config.yaml in the "
    "user config dir, if present).", dir_okay=False)]
CacheOpt = Annotated[Path | None, typer.Option(
    "--cache-dir", help="Where the HTTP cache (SQLite) lives; default: the user cache dir.",
    file_okay=False)]
LexiconOpt = Annotated[list[Path] | None, typer.Option(
    "--lexicon", help="Extra lexicon/topic YAML whose lists extend the built-in ones "
    "(repeatable).", dir_okay=False)]


def fetch_layer(cache_dir: Path | None, refresh: bool, offline: bool,
                delay: float | None) -> dict[str, Any]:
    return {"fetch": {"cache_dir": cache_dir, "refresh": refresh or None,
                      "offline": offline or None, "per_host_delay": delay}}


@app.command()
def build(
    name: Annotated[str, typer.Argument(help="The person's full name, e.g. \"Maria Okafor\".")],
    url: Annotated[list[str] | None, typer.Option(
        "--url", "-u", help="A page about the person: an http(s) URL or a local .html/.txt/.pdf "
        "file (repeatable).")] = None,
    priority: Annotated[list[str] | None, typer.Option(
        "--priority", "-p", help="Something you want to learn from them (repeatable); added to "
        "the profile's priorities.")] = None,
    out: Annotated[Path, typer.Option(
        "--out", "-o", help="Folder for <slug>.md and <slug>.json.", file_okay=False)] = Path("."),
    profile: Annotated[Path | None, typer.Option(
        "--profile", help="Your profile YAML (priorities, skills, contacts, perspectives, "
        "interests, location); default: profile.yaml in the user config dir.",
        dir_okay=False)] = None,
    alias: Annotated[list[str] | None, typer.Option(
        "--alias", help="Another name the person goes by, e.g. a nickname (repeatable).")] = None,
    explain: Annotated[bool, typer.Option(
        "--explain", help="Show each hook's score components in the Markdown.")] = False,
    discover: Annotated[bool, typer.Option(
        "--discover/--no-discover", help="Follow links from the given pages that look like they "
        "are about the person.")] = True,
    max_pages: Annotated[int | None, typer.Option(
        "--max-pages", min=0, help="Most pages to read per person, seeds included (default 20).")
    ] = None,
    depth: Annotated[int | None, typer.Option(
        "--depth", min=0, help="How many links away from a seed discovery goes (default 1).")
    ] = None,
    delay: Annotated[float | None, typer.Option(
        "--delay", min=0, help="Seconds between two requests to the same host.")] = None,
    refresh: Annotated[bool, typer.Option(
        "--refresh", help="Refetch every page even if cached.")] = False,
    offline: Annotated[bool, typer.Option(
        "--offline", help="Use only the cache; report pages that are not in it.")] = False,
    cache_dir: CacheOpt = None,
    config: ConfigOpt = None,
    lexicon: LexiconOpt = None,
) -> None:
    """Build the dossier of one person from URLs (and pages they link to)."""
    from .pipeline import Engine, build as build_dossier
    from .render import write

    def run() -> int:
        if not name.strip():
            raise DossierError("NAME must not be empty")
        if not url:
            raise DossierError("give at least one --url")
        settings = load_settings(config, fetch_layer(cache_dir, refresh, offline, delay), {
            "discover": {"enabled": discover, "max_pages": max_pages, "depth": depth}})
        user = load_profile(profile).with_priorities(priority or [])
        engine = Engine.create(settings, lexicon or [])
        target = Target(name.strip(), tuple(alias or ()))
        dossier = build_dossier(target, url, user, engine)
        json_path, md_path = write(dossier, out, explain=explain)
        for err in dossier.errors:
            typer.echo(f"dossier: {err.url}: {err.message}", err=True)
        typer.echo(f"{md_path}\n{json_path}")
        typer.echo(f"{len(dossier.facts)} facts, {len(dossier.hooks)} hooks from "
                   f"{dossier.sources_ok}/{len(dossier.sources)} sources", err=True)
        return ExitStatus.OK if dossier.sources_ok else ExitStatus.NO_SOURCES

    raise typer.Exit(guarded(run))


@app.command()
def demo(
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the demo dossier.",
                                      file_okay=False)] = Path("dossier-demo"),
    cache_dir: CacheOpt = None,
) -> None:
    """Serve the bundled sample pages on 127.0.0.1 and build a dossier from them."""
    from .demo import run_demo

    def run() -> int:
        md_path, seconds = run_demo(out, cache_dir)
        typer.echo(f"Demo dossier written to {md_path} in {seconds:.1f} s")
        return ExitStatus.OK

    raise typer.Exit(guarded(run))


def main() -> None:
    """Console-script entry point: usage errors exit 2, as click does."""
    try:
        app(standalone_mode=True)
    except KeyboardInterrupt:
        typer.echo("dossier: error: interrupted", err=True)
        sys.exit(int(ExitStatus.INTERRUPTED))
