"""The per-target time budget: stages stop taking new work once it is spent, and the dossier
is still written with what was found and says what was not read. Clocks here are counters
(one tick per question), never the wall clock."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from dossier.budget import Budget
from dossier.models import Dossier, Target
from dossier.pipeline import Engine, build
from dossier.profile import Profile
from dossier.render import escape, to_markdown
from dossier.settings import load_settings

TARGET = "Imogen Sato-Farrell"
RunCli = Callable[..., subprocess.CompletedProcess[str]]


def ticking() -> Callable[[], float]:
    """A clock that moves one second each time it is read."""
    now = [-1.0]

    def clock() -> float:
        now[0] += 1
        return now[0]
    return clock


def test_take_stops_when_spent_and_counts_the_rest() -> None:
    budget = Budget(3, ticking())  # started at 0; spent from the third question on
    assert list(budget.take(range(10), "lines")) == [0, 1]
    assert budget.left == {"lines": 8}
    assert budget.note() == "stopped after 3 s (limits.target_seconds): 8 lines not parsed"


def test_no_limit_and_a_budget_not_spent_leave_nothing() -> None:
    for budget in (Budget(None, ticking()), Budget(1000, ticking())):
        assert list(budget.take(range(10), "lines")) == list(range(10))
        assert not budget.stopped and budget.note() is None


def no_discovery(engine: Engine, tmp_path: Path) -> Engine:
    settings = load_settings(None, {"fetch": {"cache_dir": tmp_path / "cache"},
                                    "discover": {"enabled": False}})
    return replace(engine, settings=settings)


def run(engine: Engine, urls: list[str], budget: Budget | None) -> Dossier:
    return build(Target(TARGET), urls, Profile(priorities=("public speaking",)), engine,
                 budget=budget)


def test_a_budget_spent_while_parsing_keeps_what_was_read(
        engine: Engine, page_server: str, tmp_path: Path) -> None:
    engine = no_discovery(engine, tmp_path)
    urls = [f"{page_server}/bio.html", f"{page_server}/interview.html"]
    full = run(engine, urls, None)
    # one tick to start, a few for the fetch loop, then one per line parsed (18 here)
    cut = run(engine, urls, Budget(12, ticking()))
    assert full.errors == () and full.sources_ok == cut.sources_ok == 2
    note = [e for e in cut.errors if not e.url]
    assert len(note) == 1
    assert note[0].message.startswith("stopped after 12 s (limits.target_seconds): ")
    assert note[0].message.endswith("lines not parsed")
    assert 0 < len(cut.facts) < len(full.facts)
    markdown = to_markdown(cut)
    assert f"**Incomplete:** {escape(note[0].message)}" in markdown
    assert f"## What failed\n- {escape(note[0].message)}" in markdown


def test_a_budget_spent_while_fetching_reads_no_more_pages(
        engine: Engine, page_server: str, tmp_path: Path) -> None:
    engine = no_discovery(engine, tmp_path)
    urls = [f"{page_server}/bio.html", f"{page_server}/interview.html"]
    cut = run(engine, urls, Budget(2, ticking()))
    assert [(s.status, s.error) for s in cut.sources] == [
        ("skipped", "not read: stopped after 2 s (limits.target_seconds)")] * 2
    assert [e.message for e in cut.errors] == [
        "stopped after 2 s (limits.target_seconds): 2 pages not read"]
    assert cut.facts == ()


def test_cli_time_budget_writes_the_dossier_and_says_it_stopped(
        invoke_cli: RunCli, page_server: str, tmp_path: Path) -> None:
    result = invoke_cli("build", TARGET, "--url", f"{page_server}/bio.html",
                        "--url", f"{page_server}/interview.html", "--time-budget", "0.000001",
                        "--out", str(tmp_path), "--cache-dir", str(tmp_path / "cache"))
    assert result.returncode == 1, result.stderr  # no source could be read in time
    data = json.loads((tmp_path / "imogen-sato-farrell.json").read_text("utf-8"))
    stop = "stopped after 1e-06 s (limits.target_seconds): 2 pages not read"
    assert data["errors"] == [{"url": "", "message": stop}]
    assert f"dossier: {stop}" in result.stderr
    markdown = (tmp_path / "imogen-sato-farrell.md").read_text("utf-8")
    assert f"**Incomplete:** {escape(stop)}" in markdown


def test_settings_key_and_default() -> None:
    assert load_settings().limits.target_seconds == 300
    assert load_settings(None, {"limits": {"target_seconds": 12.5}}).limits.target_seconds == 12.5
