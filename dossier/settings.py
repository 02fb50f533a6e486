"""Settings in layers (package defaults < user file < job < command line), validated once."""

from __future__ import annotations

from importlib import resources
from pathlib import Path
from typing import Any, TypeVar

import platformdirs
import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .errors import ConfigError

APP_NAME = "dossier"
ModelT = TypeVar("ModelT", bound=BaseModel)


class _Frozen(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class FetchSettings(_Frozen):
    user_agent: str
    connect_timeout: float = Field(gt=0, allow_inf_nan=False)
    read_timeout: float = Field(gt=0, allow_inf_nan=False)
    total_timeout: float = Field(gt=0, allow_inf_nan=False)
    max_bytes: int = Field(gt=0)
    max_redirects: int = Field(ge=0)
    retries: int = Field(ge=0)
    backoff: float = Field(ge=0, allow_inf_nan=False)
    max_retry_after: int = Field(ge=0)  # whole seconds, as urllib3's Retry takes it
    per_host_delay: float = Field(ge=0, allow_inf_nan=False)
    respect_robots: bool
    cache_expire_days: float = Field(ge=0, allow_inf_nan=False)
    allowed_types: tuple[str, ...]
    cache_dir: Path | None = None
    refresh: bool = False
    offline: bool = False


class DiscoverSettings(_Frozen):
    enabled: bool
    max_pages: int = Field(ge=0)
    depth: int = Field(ge=0)
    link_words: tuple[str, ...]
    skip_words: tuple[str, ...] = ()
    side_sections: tuple[str, ...] = ()


class NlpSettings(_Frozen):
    model: str
    fallback_models: tuple[str, ...] = ()
    batch_size: int = Field(gt=0)
    skip_unrelated: bool = True
    speedups: bool = True


class OutputSettings(_Frozen):
    top_hooks: int = Field(gt=0)


class LimitsSettings(_Frozen):
    target_seconds: float = Field(gt=0)


class Settings(_Frozen):
    fetch: FetchSettings
    discover: DiscoverSettings
    nlp: NlpSettings
    output: OutputSettings
    limits: LimitsSettings

    @property
    def cache_path(self) -> Path:
        base = self.fetch.cache_dir or Path(platformdirs.user_cache_dir(APP_NAME))
        return base / "http_cache.sqlite"


def user_config_dir() -> Path:
    return Path(platformdirs.user_config_dir(APP_NAME))


# In a source checkout the defaults sit in config/ beside the package; an installed package
# carries them as dossier.config (see pyproject.toml).
SOURCE_CONFIG = Path(__file__).resolve().parent.parent / "config"


# PyYAML's C parser where it was built with libyaml (its wheels are): the same data, read in a
# tenth of the time (the shipped files took about 0.3 s of every start-up in pure Python).
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def package_text(name: str) -> str:
    """The text of a file in the shipped config folder (installed or source tree)."""
    try:
        return resources.files("dossier.config").joinpath(name).read_text("utf-8")
    except ModuleNotFoundError:  # running from a source tree that is not installed
        return (SOURCE_CONFIG / name).read_text("utf-8")


def package_yaml(name: str) -> Any:
    """Read a YAML file from the shipped config folder (installed or source tree)."""
    return yaml.load(package_text(name), Loader=SAFE_LOADER)


def read_yaml(path: Path) -> Any:
    try:
        return yaml.safe_load(path.read_text("utf-8"))
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read ({exc.strerror or exc})") from exc
    except UnicodeDecodeError as exc:
        raise ConfigError(f"{path}: not a UTF-8 text file (byte {exc.start})") from exc
    except ValueError as exc:  # the operating system refuses the name itself
        raise ConfigError(f"{str(path)!r}: not a file name ({exc})") from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark else ""
        raise ConfigError(f"{path}{where}: not valid YAML") from exc


def deep_merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    """Return base with override's keys laid over it; a None in override means "not set"."""
    out = dict(base)
    for key, value in override.items():
        if value is None:
            continue
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = deep_merge(out[key], value)
        else:
            out[key] = value
    return out


def load_settings(
    config_file: Path | None = None, *layers: dict[str, Any]
) -> Settings:
    """Defaults, then the user file (given or in the user config dir), then each layer."""
    data: dict[str, Any] = package_yaml("defaults.yaml")
    path = config_file or user_config_dir() / "config.yaml"
    if config_file is not None or path.is_file():
        data = deep_merge(data, read_mapping(path, "settings"))
    for layer in layers:
        data = deep_merge(data, layer)
    return validated(Settings, data, "settings")


def read_mapping(path: Path, what: str) -> dict[str, Any]:
    """A user's YAML file that must hold a mapping of `what` (an empty file holds none)."""
    data = read_yaml(path) or {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: expected a mapping of {what}")
    return data


def validated(model: type[ModelT], data: Any, what: str) -> ModelT:
    """`data` as a `model`, or a ConfigError "what: where: why" for its first bad field."""
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"])
        raise ConfigError(f"{what}: {where}: {err['msg']}") from exc
