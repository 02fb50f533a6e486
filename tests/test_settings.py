"""Settings layers: package defaults < user file < each layer; bad values name their key."""

from __future__ import annotations

from pathlib import Path

import pydantic
import pytest
import yaml

from dossier.errors import ConfigError
from dossier.settings import (
    deep_merge,
    load_settings,
    package_text,
    package_yaml,
    user_config_dir,
)


@pytest.fixture
def config_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh, empty user config dir for one test; returns where config.yaml goes."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg"))
    return user_config_dir() / "config.yaml"


def write_yaml(path: Path, data: object) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(yaml.safe_dump(data), "utf-8")
    return path


def test_defaults_come_from_the_package(config_home: Path) -> None:
    defaults = package_yaml("defaults.yaml")
    settings = load_settings()
    assert settings.fetch.connect_timeout == defaults["fetch"]["connect_timeout"]
    assert settings.discover.max_pages == defaults["discover"]["max_pages"]
    assert settings.nlp.model == defaults["nlp"]["model"]
    assert "dossier" in settings.fetch.user_agent


def test_user_config_dir_follows_xdg(config_home: Path, tmp_path: Path) -> None:
    assert config_home == tmp_path / "xdg" / "dossier" / "config.yaml"


def test_user_file_overrides_only_the_keys_it_sets(config_home: Path) -> None:
    write_yaml(config_home, {"fetch": {"read_timeout": 42}})
    settings = load_settings()
    assert settings.fetch.read_timeout == 42
    assert settings.fetch.connect_timeout == package_yaml("defaults.yaml")["fetch"][
        "connect_timeout"]


def test_given_config_file_replaces_the_user_file(config_home: Path, tmp_path: Path) -> None:
    write_yaml(config_home, {"fetch": {"read_timeout": 42}})
    given = write_yaml(tmp_path / "mine.yaml", {"output": {"top_hooks": 7}})
    settings = load_settings(given)
    assert settings.output.top_hooks == 7
    assert settings.fetch.read_timeout != 42


def test_layers_beat_the_user_file_and_later_layers_win(config_home: Path) -> None:
    write_yaml(config_home, {"fetch": {"read_timeout": 42, "retries": 5}})
    settings = load_settings(None, {"fetch": {"read_timeout": 3}}, {"fetch": {"retries": 0}})
    assert settings.fetch.read_timeout == 3
    assert settings.fetch.retries == 0


def test_none_in_a_layer_means_not_set(config_home: Path) -> None:
    write_yaml(config_home, {"fetch": {"read_timeout": 42}})
    settings = load_settings(None, {"fetch": {"read_timeout": None, "cache_dir": None}})
    assert settings.fetch.read_timeout == 42


def test_cache_path_uses_cache_dir_or_the_user_cache_dir(tmp_path: Path,
                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache-home"))
    assert load_settings(None, {"fetch": {"cache_dir": tmp_path / "c"}}).cache_path == \
        tmp_path / "c" / "http_cache.sqlite"
    assert load_settings().cache_path.is_relative_to(tmp_path / "cache-home")


@pytest.mark.parametrize(("layer", "key"), [
    ({"fetch": {"connect_timeout": -1}}, "fetch.connect_timeout"),
    ({"fetch": {"max_bytes": "lots"}}, "fetch.max_bytes"),
    ({"discover": {"max_pages": -5}}, "discover.max_pages"),
    ({"output": {"top_hooks": 0}}, "output.top_hooks"),
    ({"fetch": {"timeout_typo": 3}}, "fetch.timeout_typo"),
    ({"colour": "blue"}, "colour"),
])
def test_invalid_values_raise_config_error_naming_the_key(layer: dict, key: str) -> None:
    with pytest.raises(ConfigError, match=key.replace(".", r"\.")):
        load_settings(None, layer)


def test_invalid_user_file_value_names_the_key(config_home: Path) -> None:
    write_yaml(config_home, {"nlp": {"batch_size": 0}})
    with pytest.raises(ConfigError, match=r"nlp\.batch_size"):
        load_settings()


def test_a_user_file_that_is_not_a_mapping_is_a_config_error(tmp_path: Path) -> None:
    path = write_yaml(tmp_path / "list.yaml", ["fetch", "retries"])
    with pytest.raises(ConfigError, match="mapping"):
        load_settings(path)


def test_broken_yaml_names_file_and_line(tmp_path: Path) -> None:
    path = tmp_path / "broken.yaml"
    path.write_text("fetch:\n  retries: 1\n  read_timeout: [1, 2\n", "utf-8")
    with pytest.raises(ConfigError, match=r"broken\.yaml:\d+"):
        load_settings(path)


def test_a_missing_config_file_is_a_config_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="cannot read"):
        load_settings(tmp_path / "nope.yaml")


def test_an_empty_config_file_means_defaults(tmp_path: Path) -> None:
    path = tmp_path / "empty.yaml"
    path.write_text("", "utf-8")
    assert load_settings(path) == load_settings(None)


def test_settings_are_frozen() -> None:
    settings = load_settings()
    with pytest.raises(pydantic.ValidationError):
        settings.fetch.retries = 9  # type: ignore[misc]


def test_deep_merge_keeps_nested_keys_and_does_not_mutate() -> None:
    base = {"a": {"b": 1, "c": 2}, "d": 3}
    merged = deep_merge(base, {"a": {"b": 10}, "e": None})
    assert merged == {"a": {"b": 10, "c": 2}, "d": 3}
    assert base == {"a": {"b": 1, "c": 2}, "d": 3}


@pytest.mark.parametrize("name", ["defaults.yaml", "lexicons.yaml", "patterns.yaml",
                                  "topics.yaml"])
def test_shipped_yaml_reads_as_the_pure_python_safe_loader_reads_it(name: str) -> None:
    assert package_yaml(name) == yaml.load(package_text(name), Loader=yaml.SafeLoader)
    assert package_yaml(name)  # not empty
