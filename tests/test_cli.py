"""The command line: help for every option, exit codes 0/1/2, one-line errors, no tracebacks."""

from __future__ import annotations

import json
import subprocess
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import typer
from typer.testing import CliRunner, Result

from dossier import __version__
from dossier.cli import State, app
from dossier.errors import (
    ConfigError,
    DossierError,
    ExitStatus,
    ModelError,
    Terminated,
    UsageError,
)

PAGES = Path(__file__).parent / "pages"
RunCli = Callable[..., subprocess.CompletedProcess[str]]
ROOT: Any = typer.main.get_command(app)  # typer's (vendored) click group
COMMANDS = sorted(ROOT.commands)


def invoke(*args: str) -> Result:
    """Run the app in-process; a wide terminal so rich does not wrap the help text."""
    return CliRunner().invoke(app, list(args), env={"COLUMNS": "200"})


def options(command: Any) -> list[Any]:
    return [p for p in command.params if p.param_type_name == "option"]


def assert_one_line_error(stderr: str, *words: str) -> None:
    lines = stderr.strip().splitlines()
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    for word in words:
        assert word in lines[0]


# ---------------------------------------------------------------- help


def test_the_expected_commands_exist() -> None:
    assert {"build", "demo"} <= set(COMMANDS)


def test_build_and_batch_share_their_run_options() -> None:
    """--offline, --time-budget, --cache-dir, --config and --lexicon are declared once
    (cli.run_options): both commands end with them, alike, and neither shows `common`."""
    shared = ["offline", "time_budget", "cache_dir", "config", "lexicon"]
    build, batch = (options(ROOT.commands[name]) for name in ("build", "batch"))
    assert [p.name for p in build][-5:] == [p.name for p in batch][-5:] == shared
    assert [(p.opts, p.help, p.default) for p in build][-5:] == [
        (p.opts, p.help, p.default) for p in batch][-5:]
    assert "common" not in {p.name for p in build + batch}


@pytest.mark.parametrize("name", COMMANDS)
def test_help_mentions_and_explains_every_option(name: str) -> None:
    command = ROOT.commands[name]
    result = invoke(name, "--help")
    assert result.exit_code == 0, result.output
    assert command.help and command.help.split("\n")[0].strip() in result.output
    for option in options(command):
        for flag in option.opts + option.secondary_opts:
            assert flag in result.output, f"{name} --help does not mention {flag}"
        assert option.help and len(option.help) > 10, f"{name} {option.opts[0]} has no help"
    for argument in (p for p in command.params if p.param_type_name == "argument"):
        assert getattr(argument, "help", ""), f"{name} {argument.name} has no help"


@pytest.mark.parametrize("name", COMMANDS)
def test_help_shows_values_only_where_an_option_takes_one(name: str) -> None:
    """No "<bool>" after a flag, no "{name}" in the usage line: both read as a value to type."""
    result = invoke(name, "--help")
    assert "<bool>" not in result.output and "{" not in result.output, result.output
    assert "<list[" not in result.output
    usage = next(line for line in result.output.splitlines() if "Usage:" in line)
    arguments = [p.name for p in ROOT.commands[name].params if p.param_type_name == "argument"]
    assert usage.split("[OPTIONS]")[1].split() == [a.upper() for a in arguments], usage


def test_top_level_help_lists_every_command_and_option() -> None:
    result = invoke("--help")
    assert result.exit_code == 0
    for name in COMMANDS:
        assert name in result.output
    for option in options(ROOT):
        assert option.opts[0] in result.output and option.help


def test_version() -> None:
    result = invoke("--version")
    assert result.exit_code == 0
    assert result.output.strip() == f"dossier {__version__}"


# ---------------------------------------------------------------- exit codes


def test_exit_0_when_a_source_was_read(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = invoke("build", "Imogen Sato-Farrell", "--url", str(PAGES / "bio.html"),
                    "--url", str(tmp_path / "missing.html"), "--no-discover",
                    "--priority", "public speaking", "--out", str(out),
                    "--cache-dir", str(tmp_path / "cache"))
    assert result.exit_code == 0, result.output
    md, js = result.stdout.split()
    assert Path(md) == out / "imogen-sato-farrell.md" and Path(js).is_file()
    data = json.loads(Path(js).read_text("utf-8"))
    assert [s["status"] for s in data["sources"]] == ["ok", "error"]
    assert "missing.html" in result.stderr  # the failed source is reported, not fatal


def test_a_malformed_url_fails_alone_and_the_good_page_is_kept(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = invoke("build", "Imogen Sato-Farrell", "--url", "http://[::1/",
                    "--url", str(PAGES / "bio.html"), "--out", str(out),
                    "--cache-dir", str(tmp_path / "cache"))
    assert result.exit_code == 0, result.output
    data = json.loads((out / "imogen-sato-farrell.json").read_text("utf-8"))
    assert [s["status"] for s in data["sources"]][:2] == ["error", "ok"]
    assert data["facts"]
    assert "not a valid URL" in data["errors"][0]["message"]


# A PDF whose cross-reference table points nowhere: pypdf logs four WARNING lines about it.
BROKEN_PDF = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog >>\nendobj\nstartxref\n999\n%%EOF\n"


def test_library_log_lines_stay_off_the_terminal(run_cli: RunCli, tmp_path: Path) -> None:
    pdf = tmp_path / "broken.pdf"
    pdf.write_bytes(BROKEN_PDF)
    result = run_cli("build", "Imogen Sato-Farrell", "--url", str(PAGES / "bio.html"),
                     "--url", str(pdf), "--out", str(tmp_path / "out"))
    assert result.returncode == 0, result.stderr
    lines = result.stderr.strip().splitlines()
    assert lines[0].startswith(f"dossier: {pdf}: unreadable PDF"), lines
    assert len(lines) == 2 and "1/2 sources" in lines[1], lines  # no "WARNING pypdf..."
    debug = run_cli("--debug", "build", "Imogen Sato-Farrell", "--url", str(pdf),
                    "--out", str(tmp_path / "out"))
    assert "pypdf" in debug.stderr  # --debug still shows everything


def test_exit_1_when_no_source_could_be_read(tmp_path: Path) -> None:
    out = tmp_path / "out"
    missing = tmp_path / "missing.html"
    result = invoke("build", "Imogen Sato-Farrell", "--url", str(missing), "--out", str(out),
                    "--cache-dir", str(tmp_path / "cache"))
    assert result.exit_code == 1, result.output
    data = json.loads((out / "imogen-sato-farrell.json").read_text("utf-8"))
    assert data["facts"] == []
    assert len(data["errors"]) == 1 and "no such file" in data["errors"][0]["message"]
    assert "What failed" in (out / "imogen-sato-farrell.md").read_text("utf-8")
    assert "Traceback" not in result.output


def test_no_url_is_a_one_line_usage_error(run_cli: RunCli, tmp_path: Path) -> None:
    result = run_cli("build", "Imogen Sato-Farrell", "--out", str(tmp_path))
    assert result.returncode == 2
    assert_one_line_error(result.stderr, "--url")
    assert list(tmp_path.iterdir()) == []


def test_empty_name_is_a_one_line_usage_error(invoke_cli: RunCli, tmp_path: Path) -> None:
    result = invoke_cli("build", "  ", "--url", str(PAGES / "bio.html"), "--out", str(tmp_path))
    assert result.returncode == 2
    assert_one_line_error(result.stderr, "NAME")


def test_invalid_config_value_names_the_key(invoke_cli: RunCli, tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("fetch:\n  read_timeout: -3\n", "utf-8")
    result = invoke_cli("build", "Jane Roe", "--url", str(PAGES / "bio.html"),
                     "--config", str(config), "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert_one_line_error(result.stderr, "fetch.read_timeout")


def test_missing_config_file_is_a_usage_error(invoke_cli: RunCli, tmp_path: Path) -> None:
    result = invoke_cli("build", "Jane Roe", "--url", str(PAGES / "bio.html"),
                     "--config", str(tmp_path / "nope.yaml"), "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert_one_line_error(result.stderr, "nope.yaml")


@pytest.mark.parametrize("out,status,words", [
    ("/dev/null", 2, ("/dev/null", "not a folder")),  # a file given as --out: usage
    ("/proc/self", 1, ("/proc/self", "cannot write")),  # a folder we cannot write: runtime
])
def test_an_unusable_out_folder_is_one_line_before_any_work(invoke_cli: RunCli, tmp_path: Path,
                                                            out: str, status: int,
                                                            words: tuple[str, ...]) -> None:
    result = invoke_cli("build", "Imogen Sato-Farrell", "--url", str(PAGES / "bio.html"),
                        "--out", out, "--cache-dir", str(tmp_path / "c"))
    assert result.returncode == status
    assert_one_line_error(result.stderr, *words)  # one line: no "N facts" summary before it
    assert not (tmp_path / "c").exists()  # nothing fetched


BINARY = b"\x7fELF\x02\x01\x01\x00\xd0\xcf\x11"


@pytest.mark.parametrize("option", ["--config", "--profile", "--lexicon"])
def test_a_binary_user_file_is_one_line(invoke_cli: RunCli, tmp_path: Path, option: str) -> None:
    path = tmp_path / "bin.yaml"
    path.write_bytes(BINARY)
    result = invoke_cli("build", "Imogen Sato-Farrell", "--url", str(PAGES / "bio.html"),
                        option, str(path), "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert_one_line_error(result.stderr, "bin.yaml", "UTF-8")
    assert "unexpected" not in result.stderr


@pytest.mark.parametrize("pattern,words", [
    ("[{BOGUS: x}]", ("BOGUS",)),
    ('[{TEXT: {REGEX: "[unclosed"}}]', ("unterminated character set",)),
])
def test_a_bad_lexicon_pattern_is_one_line(run_cli: RunCli, tmp_path: Path, pattern: str,
                                           words: tuple[str, ...]) -> None:
    """In a fresh process: the model (and its patterns) is loaded once per process."""
    path = tmp_path / "lexicon.yaml"
    path.write_text(f"patterns:\n  - {{label: ORG, pattern: {pattern}}}\n", "utf-8")
    result = run_cli("build", "Imogen Sato-Farrell", "--url", str(PAGES / "bio.html"),
                     "--lexicon", str(path), "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert_one_line_error(result.stderr, "lexicons", "pattern", *words)
    assert "unexpected" not in result.stderr


def test_an_infinite_delay_is_one_line(invoke_cli: RunCli, tmp_path: Path) -> None:
    result = invoke_cli("build", "Imogen Sato-Farrell", "--url", str(PAGES / "bio.html"),
                        "--delay", "inf", "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert_one_line_error(result.stderr, "per_host_delay", "finite")


def test_invalid_profile_names_the_field(invoke_cli: RunCli, tmp_path: Path) -> None:
    profile = tmp_path / "me.yaml"
    profile.write_text("priorities: [public speaking]\nfavourite_colour: blue\n", "utf-8")
    result = invoke_cli("build", "Jane Roe", "--url", str(PAGES / "bio.html"),
                     "--profile", str(profile), "--out", str(tmp_path / "out"))
    assert result.returncode == 2
    assert_one_line_error(result.stderr, "favourite_colour")


@pytest.mark.parametrize("args", [
    ("build", "Jane Roe", "--url", "x.html", "--bogus"),
    ("build",),
    ("build", "Jane Roe", "--url", "x.html", "--max-pages", "-1"),
    ("frobnicate",),
])
def test_click_usage_errors_exit_2_without_traceback(run_cli: RunCli,
                                                     args: tuple[str, ...]) -> None:
    result = run_cli(*args)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.strip()


def test_unknown_option_is_one_line(run_cli: RunCli) -> None:
    result = run_cli("build", "Jane Roe", "--url", "x.html", "--bogus")
    assert result.returncode == 2
    assert_one_line_error(result.stderr, "--bogus")


# ---------------------------------------------------------------- the error boundary


def test_exit_statuses_are_the_documented_numbers() -> None:
    assert [int(s) for s in ExitStatus] == [0, 1, 2, 130, 143]
    assert DossierError("x").exit_status == ExitStatus.ERROR
    assert ConfigError("x").exit_status == UsageError("x").exit_status == ExitStatus.USAGE
    assert ModelError("x").exit_status == ExitStatus.ERROR


def _raising(exc: BaseException) -> Result:
    """A one-command app behind dossier's own boundary (the `_Group` of the real app)."""
    probe = typer.Typer(cls=type(ROOT), add_completion=False)

    @probe.command()
    def boom() -> None:
        raise exc

    @probe.command()
    def fine() -> None:
        """A second command, so that `boom` is a subcommand as in the real app."""

    return CliRunner().invoke(probe, ["boom"])


@pytest.mark.parametrize("exc,status,words", [
    (ValueError("a bug"), 1, ("unexpected ValueError: a bug", "--debug")),
    (DossierError("out: cannot write"), 1, ("out: cannot write",)),
    (ModelError("no spaCy model found"), 1, ("no spaCy model found",)),
    (UsageError("give at least one --url"), 2, ("give at least one --url",)),
    (KeyboardInterrupt(), 130, ("interrupted",)),
    (Terminated(), 143, ("terminated",)),
])
def test_the_boundary_maps_each_failure_to_one_line_and_its_status(
        monkeypatch: pytest.MonkeyPatch, exc: BaseException, status: int,
        words: tuple[str, ...]) -> None:
    monkeypatch.setattr(State, "debug", False)  # set by the real app's callback, absent here
    result = _raising(exc)
    assert result.exit_code == status, result.output
    assert_one_line_error(result.stderr, "dossier: error:", *words)
    assert result.stdout == ""


def test_debug_adds_the_traceback_to_an_unexpected_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(State, "debug", True)
    result = _raising(ValueError("a bug"))
    assert result.exit_code == 1
    assert "Traceback" in result.stderr and "ValueError: a bug" in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("dossier: error: unexpected")


def test_a_missing_spacy_model_is_a_one_line_runtime_error(invoke_cli: RunCli,
                                                          tmp_path: Path) -> None:
    config = tmp_path / "config.yaml"
    config.write_text("nlp:\n  model: en_no_such_model\n  fallback_models: []\n", "utf-8")
    result = invoke_cli("build", "Jane Roe", "--url", str(PAGES / "bio.html"),
                        "--config", str(config), "--out", str(tmp_path / "out"),
                        "--cache-dir", str(tmp_path / "c"))
    assert result.returncode == 1
    assert_one_line_error(result.stderr, "no spaCy model found", "en_no_such_model")
