"""The command line: parse options, build settings, call one library function, print, exit."""

from __future__ import annotations

import functools
import inspect
import logging
import sys
import traceback
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import click
import typer
from rich.markup import escape as rich_escape

from . import __version__, logs
from .errors import DossierError, ExitStatus, Terminated, UsageError
from .models import Target
from .profile import load_profile
from .settings import load_settings

if TYPE_CHECKING:
    from .batch import BatchReport, Outcome

class _PlainHelp:
    """typer's help, read at face value: "NAME" in the usage line (not "{name}"), nothing after
    a flag (not "<bool>", which looks like a value to type), "URL" after a repeatable option
    (not "<list[str]>")."""

    def get_params(self, ctx: Any) -> list[Any]:
        params: list[Any] = super().get_params(ctx)  # type: ignore[misc]
        for param in params:
            if param.metavar is not None:
                continue
            if getattr(param, "is_flag", False):
                param.metavar = ""
            elif param.param_type_name == "argument" or getattr(param, "multiple", False):
                param.metavar = (param.name or "value").upper()
        return params

    def collect_usage_pieces(self, ctx: Any) -> list[str]:
        pieces: list[str] = super().collect_usage_pieces(ctx)  # type: ignore[misc]
        return [piece.replace("{", "").replace("}", "") for piece in pieces]


class _Command(_PlainHelp, typer.core.TyperCommand):
    pass


class _Group(_PlainHelp, typer.core.TyperGroup):
    def main(self, args: Sequence[str] | None = None, prog_name: str | None = None,
             complete_var: str | None = None, standalone_mode: bool = True,
             windows_expand_args: bool = True, **extra: Any) -> Any:
        """The one error boundary, for the console script and for typer's test runner alike:
        parse, run the command, and map whatever ends it to one line and an `ExitStatus`
        (always exits: no shell completion, no non-standalone mode)."""
        try:
            with self.make_context(prog_name or "dossier", list(sys.argv[1:] if args is None
                                                                else args), **extra) as ctx:
                code = self.invoke(ctx)
        except BaseException as exc:  # noqa: BLE001 - this is the boundary: all end here
            code = exit_status(exc)
        sys.exit(code if isinstance(code, int) else ExitStatus.OK)


def exit_status(exc: BaseException) -> int:
    """The exit status for what ended the run; every failure is one line on stderr
    (a traceback too with --debug, for our errors and bugs)."""
    if isinstance(exc, typer.Exit):
        return exc.exit_code
    if isinstance(exc, SystemExit):
        return exc.code if isinstance(exc.code, int) else int(exc.code is not None)
    if isinstance(exc, Terminated):
        return _fail("terminated", ExitStatus.TERMINATED)
    if isinstance(exc, (KeyboardInterrupt, typer.Abort)):
        return _fail("interrupted", ExitStatus.INTERRUPTED)
    if isinstance(exc, (typer.TyperException, click.ClickException)):  # usage, bad parameter
        return _click_error(exc)
    if State.debug:
        traceback.print_exception(exc)
    if isinstance(exc, DossierError):
        return _fail(str(exc), exc.exit_status)
    if not isinstance(exc, Exception):
        raise exc
    return _fail(f"unexpected {type(exc).__name__}: {exc} (rerun with --debug for details)",
                 ExitStatus.ERROR)


def _click_error(exc: typer.TyperException | click.ClickException) -> int:
    message = exc.format_message().strip()
    if not message:  # bare "dossier": typer has printed the help
        return ExitStatus.USAGE
    ctx = getattr(exc, "ctx", None)  # click's UsageError names the command it was parsing
    if ctx is None:
        return _fail(message, exc.exit_code)
    where = f"dossier {ctx.info_name}" if ctx.parent else "dossier"
    return _fail(f"{message} (see '{where} --help')", exc.exit_code)


def printable(text: object) -> str:
    """Text as one terminal line: a newline or control character in a URL, a name or a
    message is shown escaped (\\n, \\x1b), never acted on."""
    return "".join(c if c.isprintable() else repr(c)[1:-1] for c in str(text))


def _fail(message: str, status: int) -> int:
    typer.echo(f"dossier: error: {printable(message)}", err=True)
    return int(status)


app = typer.Typer(
    name="dossier",
    cls=_Group,
    help="Turn an executive's name and a few URLs into a research dossier you can act on.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


class State:
    debug = False


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
    logs.configure(level)


ConfigOpt = Annotated[Path | None, typer.Option(
    "--config", help="Settings YAML that overrides the defaults (default: config.yaml in the "
    "user config dir, if present).", dir_okay=False)]
CacheOpt = Annotated[Path | None, typer.Option(
    "--cache-dir", help="Where the HTTP cache (SQLite) lives; default: the user cache dir.",
    file_okay=False)]
LexiconOpt = Annotated[list[Path] | None, typer.Option(
    "--lexicon", help="Extra lexicon/topic YAML whose lists extend the built-in ones "
    "(repeatable).", dir_okay=False)]
TimeBudgetOpt = Annotated[float | None, typer.Option(
    "--time-budget", help="Seconds one person may take, fetch to facts "
    "(default 300, limits.target_seconds); then the dossier is written with what was found "
    "and says what was not read.")]


OfflineOpt = Annotated[bool, typer.Option(
    "--offline", help="Use only the cache; report pages that are not in it.")]


@dataclass(frozen=True)
class RunOptions:
    """The options of every command that builds dossiers, as one value (see run_options)."""

    offline: bool = False
    time_budget: float | None = None
    cache_dir: Path | None = None
    config: Path | None = None
    lexicon: list[Path] | None = None

    def layer(self, refresh: bool, delay: float | None) -> dict[str, Any]:
        """The command line's settings layer, with the command's own --refresh and --delay."""
        return {"fetch": {"cache_dir": self.cache_dir, "refresh": refresh or None,
                          "offline": self.offline or None, "per_host_delay": delay},
                "limits": {"target_seconds": self.time_budget}}


RUN_OPTIONS = [inspect.Parameter(name, inspect.Parameter.KEYWORD_ONLY, default=default,
                                 annotation=option)
               for name, option, default in (("offline", OfflineOpt, False),
                                             ("time_budget", TimeBudgetOpt, None),
                                             ("cache_dir", CacheOpt, None),
                                             ("config", ConfigOpt, None),
                                             ("lexicon", LexiconOpt, None))]


def run_options(command: Callable[..., None]) -> Callable[..., None]:
    """Give a command the options every building command takes, written once (what
    sqlite-utils does with shared click decorators): typer reads them from the signature
    made here, after the command's own, and the command gets them as one RunOptions `common`."""
    own = inspect.signature(command, eval_str=True)
    params = [p for p in own.parameters.values() if p.name != "common"] + RUN_OPTIONS

    @functools.wraps(command)
    def with_options(**kwargs: Any) -> None:
        shared = {p.name: kwargs.pop(p.name) for p in RUN_OPTIONS}
        command(**kwargs, common=RunOptions(**shared))

    with_options.__signature__ = own.replace(parameters=params)  # type: ignore[attr-defined]
    with_options.__annotations__ = {p.name: p.annotation for p in params}
    return with_options


@app.command(cls=_Command)
@run_options
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
        "--max-pages", min=0, help="Most pages to read per person, counting the given ones "
        "(default 20); the given pages are always read, discovered ones fill what is left.")
    ] = None,
    depth: Annotated[int | None, typer.Option(
        "--depth", min=0, help="How many links away from a seed discovery goes (default 1).")
    ] = None,
    delay: Annotated[float | None, typer.Option(
        "--delay", min=0, help="Seconds between two requests to the same host.")] = None,
    refresh: Annotated[bool, typer.Option(
        "--refresh", help="Refetch every page even if cached.")] = False,
    common: RunOptions = RunOptions(),
) -> None:
    """Build the dossier of one person from URLs (and pages they link to)."""
    from .pipeline import build_fresh
    from .render import prepare_folder, write

    def run() -> int:
        if not name.strip():
            raise UsageError("NAME must not be empty")
        if not url:
            raise UsageError("give at least one --url")
        settings = load_settings(common.config, common.layer(refresh, delay), {
            "discover": {"enabled": discover, "max_pages": max_pages, "depth": depth}})
        user = load_profile(profile).with_priorities(priority or [])
        prepare_folder(out)  # a bad --out fails now, not after all the fetching
        target = Target(name.strip(), tuple(alias or ()))
        # the pages are read while the model loads (pipeline.build_fresh)
        dossier = build_fresh(target, url, user, settings, common.lexicon or [])
        try:
            json_path, md_path = write(dossier, out, explain=explain)
        except OSError as exc:
            raise DossierError(f"{out}: cannot write the dossier "
                               f"({exc.strerror or exc})") from exc
        for err in dossier.errors:
            typer.echo(f"dossier: {printable(err.url) + ': ' if err.url else ''}"
                       f"{printable(err.message)}", err=True)
        typer.echo(f"{md_path}\n{json_path}")
        typer.echo(f"{len(dossier.facts)} facts, {len(dossier.hooks)} hooks from "
                   f"{dossier.sources_ok}/{len(dossier.sources)} sources", err=True)
        return ExitStatus.OK if dossier.sources_ok else ExitStatus.ERROR

    raise typer.Exit(run())


# batch's switches, named once here so that its signature reads as a list of what it takes.
ForceOpt = Annotated[bool, typer.Option(
    "--force", help="Rebuild every target, even those whose dossier is up to date.")]
CheckOpt = Annotated[bool, typer.Option(
    "--check", help="Only validate the job file and list its targets; build nothing.")]
RebuildOpt = Annotated[bool, typer.Option(
    "--refresh", help="Refetch every page even if cached, and rebuild every target (to see "
    "what changed).")]


@app.command(cls=_Command)
@run_options
def batch(
    job: Annotated[Path, typer.Argument(
        help="The job YAML: your profile (inline or a path), defaults for every target, and "
        "the targets (name, optional id, urls, priorities). See pipelines/example.yaml.",
        dir_okay=False)],
    out: Annotated[Path | None, typer.Option(
        "--out", "-o", help="Folder for the dossiers, index.md, plan.md and plan.ics "
        "(required unless --check).", file_okay=False)] = None,
    workers: Annotated[int | None, typer.Option(
        "--workers", "-w", min=1, help="Local worker processes; each loads the spaCy model "
        "once (default: the CPU count, at most 4).")] = None,
    force: ForceOpt = False,
    scheduler: Annotated[str | None, typer.Option(
        "--scheduler", help="Run on a Dask distributed cluster at tcp://HOST:PORT instead of "
        "local processes (needs pip install 'dossier\\[dask]'); overrides the job's dask key.")
    ] = None,
    cadence: Annotated[str | None, typer.Option(
        "--cadence", help="Outreach cadence for plan.md and plan.ics: monthly (default), "
        "weekly, biweekly, quarterly, 2/month, every 10 days, ...")] = None,
    start: Annotated[datetime | None, typer.Option(
        "--start", formats=["%Y-%m-%d"], help="Date of the first planned contact "
        "(default: the job's plan.start, else today).")] = None,
    check: CheckOpt = False,
    explain: Annotated[bool | None, typer.Option(
        "--explain/--no-explain", help="Show each hook's score components in the Markdown "
        "(default: the job's defaults.explain).")] = None,
    delay: Annotated[float | None, typer.Option(
        "--delay", min=0, help="Seconds between two requests to the same host, per worker.")
    ] = None,
    refresh: RebuildOpt = False,
    common: RunOptions = RunOptions(),
) -> None:
    """Build dossiers for every target of a job file, in parallel; resume where it stopped.

    Targets whose dossier is complete and whose inputs did not change are skipped.

    Ends with a summary table. Exit code 1 if any target failed or the run could not go on
    (e.g. the Dask scheduler is out of reach), 2 if the job or an option is invalid.
    """
    from .batch.job import load_job
    from .batch.plan import parse_cadence

    def run() -> int:
        spec = load_job(job)  # first of all: a bad job fails before anything starts
        from .batch import DEFAULT_WORKERS, BatchOptions, run_job
        if check:
            typer.echo(f"{job}: {len(spec.targets)} targets, valid")
            for t in spec.targets:
                typer.echo(f"  {t.stem}: {printable(t.target.name)} ({len(t.urls)} URL"
                           f"{'s' if len(t.urls) != 1 else ''})")
            return ExitStatus.OK
        if out is None:
            raise UsageError("give --out DIR, the folder for the dossiers")
        try:
            plan_cadence = parse_cadence(cadence) if cadence else None
        except ValueError as exc:
            raise UsageError(f"--cadence: {exc}") from None
        settings = load_settings(common.config or spec.config, spec.settings_layer(),
                                 common.layer(refresh, delay))
        options = BatchOptions(out, workers or DEFAULT_WORKERS, force or refresh, scheduler,
                               plan_cadence, start.date() if start else None, explain,
                               tuple(common.lexicon or ()))
        with _BatchView() as view:
            report = run_job(spec, settings, options, view)
        _print_summary(report)
        return ExitStatus.ERROR if report.failed else ExitStatus.OK

    raise typer.Exit(run())


class _BatchView:
    """Progress on stderr: a bar for the batch, a line per running target, a line per result."""

    def __init__(self) -> None:
        from rich.console import Console
        from rich.progress import (
            BarColumn,
            Progress,
            SpinnerColumn,
            TextColumn,
            TimeElapsedColumn,
        )
        self.progress = Progress(SpinnerColumn(), TextColumn("{task.description}"), BarColumn(),
                                 TextColumn("{task.fields[count]}"), TimeElapsedColumn(),
                                 console=Console(stderr=True), transient=True)
        self.overall: Any = None
        self.total = 0
        self.rows: dict[str, Any] = {}

    def __enter__(self) -> _BatchView:
        self.progress.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()

    def planned(self, total: int, to_build: int) -> None:
        self.total = total
        self.overall = self.progress.add_task(f"targets ({to_build} to build)", total=total,
                                              count=f"0/{total}")

    def started(self, stem: str, name: str) -> None:
        from .render import slugify
        label = rich_escape(printable(name if slugify(name) == stem else f"{name} ({stem})"))
        self.rows[stem] = self.progress.add_task(f"  {label}", total=None, count="running")

    def finished(self, outcome: Outcome) -> None:
        row = self.rows.pop(outcome.entry.stem, None)
        if row is not None:
            self.progress.remove_task(row)
        self.progress.advance(self.overall)
        done = int(self.progress.tasks[0].completed)
        self.progress.update(self.overall, count=f"{done}/{self.total}")
        if outcome.status != "skipped":
            mark = "[red]✗[/]" if outcome.status == "failed" else "[green]✓[/]"
            name = rich_escape(printable(outcome.entry.name))
            self.progress.console.print(f"{mark} {name} ({outcome.seconds:.1f} s)",
                                        highlight=False)


def _print_summary(report: BatchReport) -> None:
    from rich.console import Console
    from rich.table import Table

    from .render import slugify
    table = Table(title=f"dossier batch: {len(report.outcomes)} targets in "
                  f"{report.seconds:.1f} s ({report.runner})")
    for name in ("Target", "Status", "Sources ok/failed", "Facts", "Top hook", "Time"):
        table.add_column(name, overflow="fold")
    for o in report.outcomes:
        e = o.entry
        named = printable(e.name if slugify(e.name) == e.stem else f"{e.name} ({e.stem})")
        table.add_row(rich_escape(named), o.status,
                      f"{e.sources_ok}/{e.sources_failed}" if e.dossier else "—",
                      str(len(e.dossier.facts)) if e.dossier else "—",
                      rich_escape(printable(f"{e.hook} ({e.score:.2f})")) if e.hook else "—",
                      f"{o.seconds:.1f} s" if o.status != "skipped" else "up to date")
    console = Console(highlight=False)
    console.print(table)
    for o in report.outcomes:
        if o.error:
            console.print(f"[red]{o.entry.stem}: failed:[/] {rich_escape(printable(o.error))}")
        for change in o.changes:
            console.print(f"{o.entry.stem}: changed: {printable(change)}", markup=False)
    console.print(f"Index: {report.index_path}\nPlan:  {report.plan_path} "
                  f"(calendar: {report.calendar_path})", markup=False)


@app.command(cls=_Command)
def demo(
    out: Annotated[Path, typer.Option("--out", "-o", help="Folder for the demo dossier.",
                                      file_okay=False)] = Path("dossier-demo"),
    cache_dir: Annotated[Path | None, typer.Option(
        "--cache-dir", help="Where the HTTP cache (SQLite) lives; default: a temporary folder, "
        "removed when the demo ends.", file_okay=False)] = None,
) -> None:
    """Serve the bundled sample pages on 127.0.0.1 and build a dossier from them.

    The person is the fictional Renata Castellanos-Webb; the profile is built in (see the
    README's demo section).
    """
    from .demo import run_demo

    def run() -> int:
        result = run_demo(out, cache_dir)
        typer.echo(f"Demo dossier written to {result.md_path} and {result.json_path} "
                   f"in {result.seconds:.1f} s.\nIts links point at the demo's server on "
                   f"127.0.0.1, stopped now; the pages it read are in {result.pages}")
        return ExitStatus.OK

    raise typer.Exit(run())


def main() -> None:
    """Console-script entry point; the boundary is `_Group.main`."""
    typer.main.get_command(app).main(prog_name="dossier")
