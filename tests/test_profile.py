"""The user profile: the shipped example, the default location, and errors that name the field."""

from __future__ import annotations

import subprocess
from collections.abc import Callable
from importlib import resources
from pathlib import Path

import pytest

from dossier.errors import ConfigError
from dossier.profile import (
    Profile,
    default_profile_path,
    load_profile,
    profile_from_data,
)

RunCli = Callable[..., subprocess.CompletedProcess[str]]


def example_path() -> Path:
    return Path(str(resources.files("dossier.config").joinpath("profile.example.yaml")))


def test_the_shipped_example_is_a_valid_profile() -> None:
    profile = load_profile(example_path())
    assert profile.priorities and profile.skills and profile.contacts
    assert profile.perspectives and profile.interests and profile.location


def test_no_file_anywhere_is_an_empty_profile() -> None:
    assert not default_profile_path().exists()  # the tests' isolated config dir
    assert load_profile(None) == Profile()


def test_the_default_location_is_used_when_present() -> None:
    path = default_profile_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("priorities: [public speaking]\ncontacts: podcast hosts\n", "utf-8")
    try:
        profile = load_profile(None)
    finally:
        path.unlink()
    assert profile.priorities == ("public speaking",)
    assert profile.contacts == ("podcast hosts",)  # one text is a one-item list


def test_values_are_tidied() -> None:
    profile = profile_from_data({"priorities": ["  public   speaking ", "public speaking", ""],
                                 "skills": None}, "p.yaml")
    assert profile.priorities == ("public speaking",) and profile.skills == ()


def test_command_line_priorities_are_added_once() -> None:
    profile = Profile(priorities=("fundraising",)).with_priorities(
        ["fundraising", " public speaking ", " "])
    assert profile.priorities == ("fundraising", "public speaking")


@pytest.mark.parametrize(("data", "message"), [
    ({"priorites": ["x"]}, "p.yaml: unknown field 'priorites' (known fields: name, priorities"),
    ({"contacts": ["podcast hosts", 3]}, "p.yaml: field 'contacts' item 2: expected text, got int"),
    ({"priorities": 5}, "p.yaml: field 'priorities': expected a list of text or one text"),
    ({"location": ["Memphis"]}, "p.yaml: field 'location': expected text, got list"),
    (["public speaking"], "p.yaml: a profile must be a mapping of fields"),
])
def test_errors_name_the_field(data: object, message: str) -> None:
    with pytest.raises(ConfigError) as caught:
        profile_from_data(data, "p.yaml")
    assert str(caught.value).startswith(message)
    assert "\n" not in str(caught.value)


def test_unreadable_and_invalid_files(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        load_profile(tmp_path / "missing.yaml")
    broken = tmp_path / "broken.yaml"
    broken.write_text("priorities: [unclosed\n", "utf-8")
    with pytest.raises(ConfigError, match=r"broken\.yaml:\d+: not valid YAML"):
        load_profile(broken)


def test_the_cli_reports_a_bad_profile_in_one_line(run_cli: RunCli, tmp_path: Path) -> None:
    bad = tmp_path / "profile.yaml"
    bad.write_text("priorities: [public speaking]\nskils: [SQL]\n", "utf-8")
    page = tmp_path / "bio.txt"
    page.write_text("Maria Okafor is chief operating officer of Halvorsen Logistics.", "utf-8")
    done = run_cli("build", "Maria Okafor", "--url", str(page), "--profile", str(bad),
                   "--out", str(tmp_path / "out"))
    assert done.returncode == 2
    assert done.stderr.strip().splitlines() == [
        f"dossier: error: {bad}: unknown field 'skils' (known fields: name, priorities, skills, "
        "contacts, perspectives, interests, location)"]
    assert not (tmp_path / "out").exists()
