"""pipeline.build_fresh: `dossier build` reads the pages in a forked process while the model
loads, parses half of their lines in another, and gets the dossier build() gets (real pages
over HTTP, the real model)."""

from __future__ import annotations

import logging
from dataclasses import replace
from pathlib import Path

import pytest

from dossier import pipeline
from dossier.models import Dossier, Target
from dossier.pipeline import Engine, build, build_fresh
from dossier.profile import Profile
from dossier.settings import load_settings

TARGET = Target("Imogen Sato-Farrell")
PROFILE = Profile(priorities=("public speaking",))


def comparable(dossier: Dossier) -> dict[str, object]:
    data = dossier.to_dict()
    data.pop("generated_at")
    return data


def test_reading_while_the_model_loads_gives_the_same_dossier(
        engine: Engine, page_server: str, closed_port: int, tmp_path: Path) -> None:
    urls = [f"{page_server}/bio.html", f"{page_server}/interview.html",
            f"http://127.0.0.1:{closed_port}/gone.html"]
    settings = load_settings(None, {"fetch": {"cache_dir": tmp_path / "cache", "retries": 0},
                                    "discover": {"enabled": False}})
    here = build(TARGET, urls, PROFILE, replace(engine, settings=settings))
    forked = build_fresh(TARGET, urls, PROFILE, settings, overlap=True)
    assert forked.facts and forked.hooks  # the pages were read and their facts found
    assert [s.status for s in forked.sources] == ["ok", "ok", "error"]
    assert comparable(forked) == comparable(here)
    sequential = build_fresh(TARGET, urls, PROFILE, settings, overlap=False)
    assert comparable(sequential) == comparable(here)


def test_a_budget_spent_in_the_reading_process_is_noted(
        page_server: str, tmp_path: Path) -> None:
    settings = load_settings(None, {"fetch": {"cache_dir": tmp_path / "cache"},
                                    "discover": {"enabled": False},
                                    "limits": {"target_seconds": 0.000001}})
    urls = [f"{page_server}/bio.html", f"{page_server}/interview.html"]
    cut = build_fresh(TARGET, urls, PROFILE, settings, overlap=True)
    assert [e.message for e in cut.errors] == [
        "stopped after 1e-06 s (limits.target_seconds): 2 pages not read"]
    assert cut.facts == ()


def test_parsing_in_two_processes_gives_the_same_dossier(
        engine: Engine, page_server: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
        caplog: pytest.LogCaptureFixture) -> None:
    urls = [f"{page_server}/bio.html", f"{page_server}/interview.html",
            f"{page_server}/hostile.html"]
    settings = load_settings(None, {"fetch": {"cache_dir": tmp_path / "cache"},
                                    "discover": {"enabled": False}})
    here = build(TARGET, urls, PROFILE, replace(engine, settings=settings))
    monkeypatch.setattr(pipeline, "SPLIT_MIN_CHARS", 0)  # these pages are short
    with caplog.at_level(logging.DEBUG, logger="dossier.pipeline"):
        split = build_fresh(TARGET, urls, PROFILE, settings, overlap=True)
    assert any("read in a second process" in r.getMessage() for r in caplog.records)
    assert split.facts and split.hooks
    assert comparable(split) == comparable(here)
