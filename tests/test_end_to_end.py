"""`dossier build` end to end: the real command in a subprocess, pages over HTTP on 127.0.0.1,
the real spaCy model; specific facts, the JSON schema, and every kind of failed source."""

from __future__ import annotations

import json
import struct
import subprocess
import zlib
from collections.abc import Callable
from importlib import resources
from pathlib import Path
from typing import Any

import jsonschema
import pytest

TARGET = "Imogen Sato-Farrell"
SLUG = "imogen-sato-farrell"
PRIORITIES = ("public speaking", "nonprofit boards")
# Things the pages say about other people: none may become a fact about the target.
TRAPS = ("Calder Valley Hospital", "Brennock University", "economics", "Mendoza-Quist",
         "Leah Ostrander", "Windpower Weekly", "Vantor Blades", "Eastport Authority")
RunCli = Callable[..., subprocess.CompletedProcess[str]]


def schema() -> dict[str, Any]:
    text = resources.files("dossier").joinpath("schema/dossier.schema.json").read_text("utf-8")
    return json.loads(text)


def build(run: RunCli, out: Path, *urls: str, discover: bool = True
          ) -> tuple[subprocess.CompletedProcess[str], dict[str, Any], str]:
    """Run `dossier build` on the URLs with `run` (run_cli or invoke_cli); return the
    result, the JSON and the Markdown."""
    args = ["build", TARGET, "--out", str(out), "--cache-dir", str(out.parent / "cache")]
    for url in urls:
        args += ["--url", url]
    for priority in PRIORITIES:
        args += ["--priority", priority]
    if not discover:
        args.append("--no-discover")
    result = run(*args)
    json_path, md_path = out / f"{SLUG}.json", out / f"{SLUG}.md"
    assert json_path.is_file() and md_path.is_file(), result.stderr
    data = json.loads(json_path.read_text("utf-8"))
    jsonschema.validate(data, schema())
    return result, data, md_path.read_text("utf-8")


def facts(data: dict[str, Any], category: str, **match: str) -> list[dict[str, Any]]:
    """Facts of a category whose fields contain each given text (case-insensitive)."""
    return [f for f in data["facts"] if f["category"] == category and all(
        text.lower() in str(f.get(name) or "").lower() for name, text in match.items())]


def only(data: dict[str, Any], category: str, **match: str) -> dict[str, Any]:
    found = facts(data, category, **match)
    assert len(found) == 1, (category, match, [f for f in data["facts"]
                                               if f["category"] == category])
    return found[0]


@pytest.fixture(scope="module")
def built(run_cli: RunCli, page_server: str, tmp_path_factory: pytest.TempPathFactory
          ) -> tuple[subprocess.CompletedProcess[str], dict[str, Any], str]:
    """One real run over the bio and the interview (discovery on, as a user runs it)."""
    out = tmp_path_factory.mktemp("e2e") / "out"
    return build(run_cli, out, f"{page_server}/bio.html", f"{page_server}/interview.html")


def test_build_exits_0_and_prints_both_paths(built: tuple) -> None:
    result, _, _ = built
    assert result.returncode == 0, result.stderr
    assert [Path(p).name for p in result.stdout.split()] == [f"{SLUG}.md", f"{SLUG}.json"]
    assert "Traceback" not in result.stderr


def test_sources_are_read_with_their_kind(built: tuple, page_server: str) -> None:
    _, data, _ = built
    seeds = {s["url"]: s for s in data["sources"] if s["origin"] == "seed"}
    assert seeds[f"{page_server}/bio.html"]["status"] == "ok"
    assert seeds[f"{page_server}/bio.html"]["kind"] == "bio"
    assert seeds[f"{page_server}/interview.html"]["status"] == "ok"
    assert seeds[f"{page_server}/interview.html"]["kind"] == "interview"
    assert data["target"]["name"] == TARGET
    assert data["priorities"] == list(PRIORITIES)


def test_current_role(built: tuple) -> None:
    role = only(built[1], "role", org="Brackwater Turbine Works")
    assert role["title"].lower() == "chief executive officer"
    assert role["current"] is True
    assert role["end"] is None


def test_current_role_start_year(built: tuple) -> None:
    assert only(built[1], "role", org="Brackwater Turbine Works")["start"] == 2021


def test_past_roles_with_years(built: tuple) -> None:
    data = built[1]
    kestrel = only(data, "role", org="Kestrel Grid Solutions")
    assert (kestrel["start"], kestrel["end"], kestrel["current"]) == (2009, 2016, False)
    assert kestrel["title"].lower().startswith("director of controls")
    vp = only(data, "role", title="vice president of engineering")
    assert "Brackwater" in vp["org"] and vp["start"] == 2016 and vp["current"] is False


def test_board_seats(built: tuple) -> None:
    data = built[1]
    assert only(data, "board", org="Northwind Community Foundation")["kind"] == "nonprofit"
    assert only(data, "board", org="Tamsin Hill School")["position"] == "trustee"


def test_education(built: tuple) -> None:
    data = built[1]
    ardmore = only(data, "education", institution="Ardmore Institute of Technology")
    assert ardmore["field"] == "mechanical engineering"
    assert only(data, "education", institution="Halden School of Management")["degree"] == "MBA"


def test_cause(built: tuple) -> None:
    assert facts(built[1], "cause", name="Shoreline Reading Partners")


def test_activities(built: tuple) -> None:
    assert facts(built[1], "activity", name="rowing")
    assert facts(built[1], "activity", name="swim")


def test_association(built: tuple) -> None:
    # "I have been rowing with the Eastgate Rowing Club since 2012"
    assert facts(built[1], "association", org="Eastgate Rowing Club")


def test_talk(built: tuple) -> None:
    assert only(built[1], "work", title="Turbines Don't Read Spreadsheets")["kind"] == "talk"


def test_facts_about_other_people_are_left_out(built: tuple) -> None:
    for fact in built[1]["facts"]:
        values = " ".join(str(v) for k, v in fact.items() if k not in ("evidence", "id"))
        for trap in TRAPS:
            assert trap.lower() not in values.lower(), (trap, fact)


def test_every_fact_quotes_a_page_it_was_read_on(built: tuple, page_server: str) -> None:
    pages = {f"{page_server}/{name}": (Path(__file__).parent / "pages" / name).read_text("utf-8")
             for name in ("bio.html", "interview.html")}
    for fact in built[1]["facts"]:
        for evidence in fact["evidence"]:
            assert evidence["url"] in pages
            assert evidence["quote"].strip()


def test_hooks_point_at_facts_for_each_priority(built: tuple) -> None:
    data = built[1]
    by_id = {f["id"]: f for f in data["facts"]}
    assert len(by_id) == len(data["facts"]), "fact ids are unique"
    for hook in data["hooks"]:
        assert hook["priority"] in PRIORITIES and hook["fact_id"] in by_id
    boards = [by_id[h["fact_id"]] for h in data["hooks"] if h["priority"] == "nonprofit boards"]
    assert any(f["category"] == "board" for f in boards)
    talks = [by_id[h["fact_id"]] for h in data["hooks"] if h["priority"] == "public speaking"]
    assert any(f["category"] == "work" and "Turbines" in f["title"] for f in talks)


def test_markdown_dossier(built: tuple) -> None:
    markdown = built[2]
    assert markdown.startswith(f"# {TARGET}\n")
    assert "**Now:** Chief executive officer, Brackwater Turbine Works" in markdown
    for section in ("## Hooks", "### public speaking", "### nonprofit boards", "## Career",
                    "## Boards", "## Education", "## Sources"):
        assert f"\n{section}" in markdown
    assert "| 2009–2016 |" in markdown  # the career table has years
    assert "Northwind Community Foundation" in markdown


# ---------------------------------------------------------------- failed sources


def png() -> bytes:
    """A real 1x1 PNG image."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (struct.pack(">I", len(data)) + kind + data
                + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF))
    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header)
            + chunk(b"IDAT", zlib.compress(b"\x00\xff\x00\x00")) + chunk(b"IEND", b""))


def assert_failed(run: RunCli, out: Path, url: str, *words: str, status: str = "error") -> None:
    """A run whose only source fails: exit 1, dossier still written, the error listed.

    Failure runs go through typer's CliRunner in this process (same app, same exit codes),
    so the spaCy model loads once for all of them."""
    result, data, markdown = build(run, out, url, discover=False)
    assert result.returncode == 1, result.stderr
    assert "Traceback" not in result.stderr
    assert [s["status"] for s in data["sources"]] == [status]
    assert data["facts"] == [] and data["hooks"] == []
    [error] = data["errors"]
    assert url in (error["url"], Path(url).resolve().as_uri())
    for word in words:
        assert word.lower() in error["message"].lower(), error
    assert error["message"] in result.stderr  # reported on stderr too
    assert "## What failed" in markdown


def test_dead_url(invoke_cli: RunCli, closed_port: int, tmp_path: Path) -> None:
    assert_failed(invoke_cli, tmp_path / "out", f"http://127.0.0.1:{closed_port}/bio.html",
                  "refused")


def test_http_404(invoke_cli: RunCli, page_server: str, tmp_path: Path) -> None:
    assert_failed(invoke_cli, tmp_path / "out", f"{page_server}/no-such-page.html", "404")


def test_non_html_response(invoke_cli: RunCli, serve_folder: Callable[[Path], str],
                           tmp_path: Path) -> None:
    site = tmp_path / "site"
    site.mkdir()
    (site / "photo.png").write_bytes(png())
    # An unwanted content type is an expected refusal: the source is "skipped", with why.
    assert_failed(invoke_cli, tmp_path / "out", f"{serve_folder(site)}/photo.png", "image/png",
                  status="skipped")


@pytest.mark.parametrize(("kind", "words"), [
    ("missing", ("no such file",)),
    ("directory", ("directory",)),
    ("binary", ("binary",)),
    ("empty", ("empty",)),
])
def test_unreadable_local_path(invoke_cli: RunCli, tmp_path: Path, kind: str,
                               words: tuple[str, ...]) -> None:
    path = tmp_path / f"{kind}.html"
    if kind == "directory":
        path.mkdir()
    elif kind == "binary":
        path.write_bytes(png())
    elif kind == "empty":
        path.write_bytes(b"")
    assert_failed(invoke_cli, tmp_path / "out", str(path), *words)


def test_one_good_source_is_enough(invoke_cli: RunCli, page_server: str, closed_port: int,
                                   tmp_path: Path) -> None:
    dead = f"http://127.0.0.1:{closed_port}/gone.html"
    result, data, _ = build(invoke_cli, tmp_path / "out", f"{page_server}/bio.html", dead,
                            discover=False)
    assert result.returncode == 0, result.stderr
    assert [e["url"] for e in data["errors"]] == [dead]
    assert facts(data, "board", org="Northwind Community Foundation")


# ---------------------------------------------------------------- demo


def test_demo_writes_both_files(run_cli: RunCli, tmp_path: Path) -> None:
    out = tmp_path / "demo"
    result = run_cli("demo", "--out", str(out))
    assert result.returncode == 0, result.stderr
    md, js = out / "renata-castellanos-webb.md", out / "renata-castellanos-webb.json"
    assert str(md) in result.stdout
    assert md.read_text("utf-8").startswith("# Renata Castellanos-Webb")
    data = json.loads(js.read_text("utf-8"))
    jsonschema.validate(data, schema())
    assert data["facts"] and data["hooks"]
    assert all(s["url"].startswith("http://127.0.0.1:") for s in data["sources"])


def test_demo_says_where_both_files_and_its_pages_are(run_cli: RunCli, tmp_path: Path) -> None:
    """Both paths, and that the dossier's links point at the demo's own server, now stopped,
    with the folder of the pages it read."""
    out = tmp_path / "demo"
    result = run_cli("demo", "--out", str(out))
    assert result.returncode == 0, result.stderr
    assert str(out / "renata-castellanos-webb.json") in result.stdout
    pages = resources.files("dossier.demo_pages")
    assert str(pages) in result.stdout and "127.0.0.1" in result.stdout
    help_text = run_cli("demo", "--help").stdout
    assert "temporary folder" in help_text and "user cache dir" not in help_text


def test_demo_reads_her_career_degree_board_and_family(run_cli: RunCli, tmp_path: Path) -> None:
    """The demo's own pages, end to end: the career with years (prose and the Career table),
    the degree with its year, the board seat, the cycling club and the family."""
    out = tmp_path / "demo"
    assert run_cli("demo", "--out", str(out)).returncode == 0
    facts = json.loads((out / "renata-castellanos-webb.json").read_text("utf-8"))["facts"]
    roles = {(f["org"], f["start"], f["end"]) for f in facts if f["category"] == "role"}
    assert {("Halvorsen Freight Systems", 2019, None),
            ("Tidewater Distribution", 2012, 2019),
            ("Brightline Consulting Group", 2005, 2012)} <= roles
    schools = {(f["institution"], f["degree"], f["year"]) for f in facts
               if f["category"] == "education"}
    assert ("University of Northbridge", "BS", 2005) in schools
    assert any(f["category"] == "board" and f["org"] == "Harbor Lights Food Bank" for f in facts)
    assert {f["relation"] for f in facts if f["category"] == "family"} >= {"spouse", "daughter"}
    assert not any(f["category"] == "association" and "Network Planning" in f["org"]
                   for f in facts)
    clubs = {f["org"] for f in facts if f["category"] == "association"}
    assert "Lakefront Wheelers" in clubs  # "I've ridden with the Lakefront Wheelers cycling club"
