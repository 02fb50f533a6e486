"""README.md documents every command and every option of the CLI, and its Quick start
matches what CI runs."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import typer

from dossier.cli import app

ROOT = Path(__file__).parent.parent
README = (ROOT / "README.md").read_text("utf-8")
CLI: Any = typer.main.get_command(app)
COMMANDS = sorted(CLI.commands)
QUICK_START = ("pip install . && dossier demo", "pip install '.[test]' && pytest")


def flags(command: Any) -> list[str]:
    return [flag for p in command.params if p.param_type_name == "option"
            for flag in (*p.opts, *p.secondary_opts)]


@pytest.mark.parametrize("name", COMMANDS)
def test_every_command_has_a_section(name: str) -> None:
    assert f"### `dossier {name}`" in README


@pytest.mark.parametrize(("name", "flag"), [
    (name, flag) for name in COMMANDS for flag in flags(CLI.commands[name])])
def test_every_option_is_documented(name: str, flag: str) -> None:
    assert f"`{flag}`" in README, f"README.md does not document `dossier {name} {flag}`"


@pytest.mark.parametrize("flag", flags(CLI))
def test_every_global_option_is_documented(flag: str) -> None:
    assert f"`{flag}`" in README


def test_quick_start_has_exactly_the_two_commands() -> None:
    section = README.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    block = re.search(r"```sh\n(.*?)```", section, re.S)
    assert block is not None
    assert block.group(1).strip().splitlines() == list(QUICK_START)


def test_ci_runs_the_readme_test_command() -> None:
    ci = re.sub(r" -q\b", "", (ROOT / ".ci" / "run").read_text("utf-8"))  # quiet flags aside
    assert QUICK_START[1] in ci
    assert "dossier demo" in ci


def test_readme_names_the_schema_and_eval_command() -> None:
    assert "dossier/schema/dossier.schema.json" in README
    assert (ROOT / "dossier" / "schema" / "dossier.schema.json").is_file()
    assert "python ../shared/eval/score.py ../shared/eval/dev" in README


def test_every_benchmark_option_is_documented() -> None:
    source = (ROOT / "benchmarks" / "bench.py").read_text("utf-8")
    options = re.findall(r"add_argument\(\s*\"(--[\w-]+)\"", source)
    assert len(options) >= 7
    for option in options:
        assert f"`{option}`" in README, f"README.md does not document bench.py {option}"


def test_max_pages_says_the_given_pages_are_always_read() -> None:
    """The code reads every given page whatever --max-pages says (the discover tests check
    it); the README and the help say so instead of "the given ones included"."""
    option = next(p for p in CLI.commands["build"].params if "--max-pages" in p.opts)
    row = next(line for line in README.splitlines() if line.startswith("| `--max-pages`"))
    for text in (option.help, row):
        assert "always read" in text, text


def test_the_demo_profile_is_documented() -> None:
    from dossier.demo import DEMO_PROFILE, DEMO_TARGET

    section = README.split("### `dossier demo`", 1)[1].split("\n### ", 1)[0]
    assert DEMO_TARGET in section
    for value in (*DEMO_PROFILE.priorities, *DEMO_PROFILE.skills, *DEMO_PROFILE.contacts,
                  *DEMO_PROFILE.perspectives, *DEMO_PROFILE.interests):
        assert value in section, value
