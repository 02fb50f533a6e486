"""Job files: the schema, resolved paths and file stems, and errors that name file:line: field."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

from dossier.batch.job import field_name, line_of, load_job, load_yaml_lines
from dossier.batch.plan import Cadence
from dossier.errors import ExitStatus, JobError

# The shape the issue asks for, verbatim.
ISSUE_EXAMPLE = """\
profile: {priorities: [public speaking], skills: [data analysis], contacts: [podcast hosts]}
defaults: {discover: false, max_pages: 20, priorities: [nonprofit boards]}
targets:
  - name: Maria Okafor
    id: okafor-2026        # optional: names the output files; default the slug of the name
    urls: [https://example.org/team/okafor, https://example.org/news/okafor-interview]
    priorities: [supply chain analytics]
"""


def write_job(folder: Path, text: str, name: str = "job.yaml") -> Path:
    path = folder / name
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


def job_error(folder: Path, text: str) -> str:
    with pytest.raises(JobError) as info:
        load_job(write_job(folder, text))
    assert info.value.exit_status == ExitStatus.USAGE
    return str(info.value)


def test_the_issue_example_loads(tmp_path: Path) -> None:
    job = load_job(write_job(tmp_path, ISSUE_EXAMPLE))
    [t] = job.targets
    assert t.stem == "okafor-2026"
    assert t.target.name == "Maria Okafor"
    assert t.urls == ("https://example.org/team/okafor",
                      "https://example.org/news/okafor-interview")
    assert job.profile.skills == ("data analysis",)
    assert job.profile_for(t).priorities == (
        "public speaking", "nonprofit boards", "supply chain analytics")
    assert job.settings_layer()["discover"] == {"enabled": False, "max_pages": 20, "depth": None}
    assert job.cadence == Cadence(1, 1, "month")
    assert job.scheduler is None


def test_duplicate_names_without_ids_get_distinct_stems(tmp_path: Path) -> None:
    job = load_job(write_job(tmp_path, """\
        targets:
          - {name: Jordan Ellis, urls: [https://a.example/1]}
          - {name: Jordan Ellis, urls: [https://a.example/2]}
          - {name: Jordan  Ellis, urls: [https://a.example/3]}
          - {name: Someone Else, id: jordan-ellis-2, urls: [https://a.example/4]}
          - {name: Index, urls: [https://a.example/5]}
        """))
    assert [t.stem for t in job.targets] == [
        "jordan-ellis", "jordan-ellis-3", "jordan-ellis-4", "jordan-ellis-2", "index-2"]


def test_duplicate_ids_are_an_error_naming_both_lines(tmp_path: Path) -> None:
    message = job_error(tmp_path, """\
        targets:
          - name: Maria Okafor
            id: okafor
            urls: [https://a.example/1]
          - name: M. Okafor
            id: okafor
            urls: [https://a.example/2]
        """)
    assert message == (f"{tmp_path / 'job.yaml'}:6: targets[1].id: duplicate id 'okafor' "
                       "(also targets[0], line 3)")


def test_an_invalid_entry_names_file_line_and_field(tmp_path: Path) -> None:
    message = job_error(tmp_path, """\
        profile: {priorities: [public speaking]}
        targets:
          - name: Maria Okafor
            urls: [https://a.example/1]
          - name: Erik Lindqvist
            urls: https://a.example/2
        """)
    assert message == f"{tmp_path / 'job.yaml'}:6: targets[1].urls: expected a list of URLs"


@pytest.mark.parametrize(("text", "expected"), [
    ("targets:\n  - urls: [https://a.example/1]\n", ":2: targets[0].name: required"),
    ("targets:\n  - name: A\n    url: [https://a.example/1]\n",
     ":3: targets[0].url: unknown key; did you mean 'urls'?"),
    ("targets:\n  - name: A\n    urls: []\n", ":3: targets[0].urls: must not be empty"),
    ("targets:\n  - name: A\n    urls: [ftp://a.example/x]\n",
     ":3: targets[0].urls: not an http(s) URL or a file: 'ftp://a.example/x'"),
    ("targets:\n  - name: A\n    id: Okafor_2026\n    urls: [https://a.example/1]\n",
     ":3: targets[0].id: expected a file name made of lower-case letters, digits and single "
     "hyphens, e.g. 'okafor-2026'"),
    ("targets:\n  - name: A\n    id: plan\n    urls: [https://a.example/1]\n",
     ":3: targets[0].id: 'plan' is reserved"),
    ("defaults: {discover: maybe}\ntargets: [{name: A, urls: [https://a.example/1]}]\n",
     ":1: defaults.discover: expected true or false"),
    ("defaults:\n  max_pages: -3\ntargets: [{name: A, urls: [https://a.example/1]}]\n",
     ":2: defaults.max_pages: input should be greater than or equal to 0"),
    ("targets: [{name: A, urls: [https://a.example/1]}]\nplan: {cadence: sometimes}\n",
     ":2: plan.cadence: expected a cadence such as 'monthly'"),
    ("targets: [{name: A, urls: [https://a.example/1]}]\ndask: http://host:8786\n",
     ":2: dask.scheduler: expected a scheduler address like tcp://host:8786"),
    ("profile:\n  priorities: [x]\n  skils: [y]\ntargets: [{name: A, urls: [https://a.example/1]}]\n",
     ":3: profile.skils: unknown key; did you mean 'skills'?"),
    ("profile: 3\ntargets: [{name: A, urls: [https://a.example/1]}]\n",
     ":1: profile: expected a mapping of profile fields"),
    ("targets: []\n", ":1: targets: must not be empty"),
    ("targets:\n  - Maria Okafor\n", ":2: targets[0]: expected a mapping of keys"),
    ("target:\n  - {name: A, urls: [https://a.example/1]}\n",
     ":1: target: unknown key; did you mean 'targets'?"),
    ("targets:\n  - name: A\n    urls: ['http://[::1/']\n",
     ":3: targets[0].urls: not a valid URL: 'http://[::1/'"),
    ("targets:\n  - name: A\n    urls: ['https://a.example:99999/']\n",
     ":3: targets[0].urls: not a valid URL: 'https://a.example:99999/'"),
    ("targets:\n  - name: A\n    urls: [nowhere/page.html]\n",
     ":3: targets[0].urls[0]: no such file: nowhere/page.html"),
    ("targets:\n  - name: [A\n", ":3: not valid YAML: expected ',' or ']', but got "
     "'<stream end>' (while parsing a flow sequence that starts on line 2)"),
    ("- just\n- a list\n", ":1: expected a mapping with a 'targets' list"),
    ('targets:\n  - name: A\n    urls: ["a\\0b.html"]\n',
     ":3: targets[0].urls[0]: no such file: a\x00b.html"),
    ('profile: "p\\0.yaml"\ntargets: [{name: A, urls: [https://a.example/1]}]\n',
     ":1: profile: "),
    ("\x16targets: []\n", ": not valid YAML: special characters are not allowed (character "
     "#x0016 at position 0)"),
])
def test_each_kind_of_mistake_gets_a_located_message(tmp_path: Path, text: str,
                                                     expected: str) -> None:
    lines = job_error(tmp_path, text).splitlines()
    assert any(line.startswith(f"{tmp_path / 'job.yaml'}{expected}") for line in lines), lines


def test_many_problems_are_listed_by_line_then_counted(tmp_path: Path) -> None:
    targets = "".join(f"  - name: T{i}\n    urls: x\n" for i in range(12))
    lines = job_error(tmp_path, f"targets:\n{targets}").splitlines()
    assert len(lines) == 11
    assert [line.split(":")[1] for line in lines[:3]] == ["3", "5", "7"]
    assert lines[-1] == "... and 2 more problems"


def test_paths_are_read_relative_to_the_job_file(tmp_path: Path) -> None:
    (tmp_path / "pages").mkdir()
    page = tmp_path / "pages" / "bio.html"
    page.write_text("<p>hi</p>", encoding="utf-8")
    (tmp_path / "me.yaml").write_text("priorities: [public speaking]\n", encoding="utf-8")
    job = load_job(write_job(tmp_path, """\
        profile: me.yaml
        config: settings.yaml
        targets:
          - name: A
            urls: [pages/bio.html, pages/bio.html, https://a.example/1]
        """))
    assert job.targets[0].urls == (str(page.resolve()), "https://a.example/1")
    assert job.profile.priorities == ("public speaking",)
    assert job.config == tmp_path.resolve() / "settings.yaml"


def test_a_missing_profile_file_is_reported_at_the_profile_line(tmp_path: Path) -> None:
    message = job_error(tmp_path, "targets: [{name: A, urls: [https://a.example/1]}]\n"
                                  "profile: nobody.yaml\n")
    assert message.startswith(f"{tmp_path / 'job.yaml'}:2: profile: ")
    assert "nobody.yaml" in message


def test_dask_scheduler_and_plan_settings(tmp_path: Path) -> None:
    job = load_job(write_job(tmp_path, """\
        targets: [{name: A, urls: [https://a.example/1]}]
        dask: tcp://10.0.0.5:8786
        plan: {cadence: 2/month, start: 2027-01-04}
        """))
    assert job.scheduler == "tcp://10.0.0.5:8786"
    assert job.cadence == Cadence(2, 1, "month")
    assert job.start is not None and job.start.isoformat() == "2027-01-04"


def test_line_numbers_fall_back_to_the_nearest_parent() -> None:
    _, lines = load_yaml_lines("a:\n  b:\n    - 1\n    - 2\n", "x.yaml")
    assert line_of(lines, ("a", "b", 1)) == 4
    assert line_of(lines, ("a", "missing")) == 1
    assert line_of(lines, ("a", "b", 7, "c")) == 2
    assert field_name(("targets", 2, "urls", 0)) == "targets[2].urls[0]"
