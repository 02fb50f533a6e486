"""The user's profile: what they want to learn and what they can give, from YAML or flags."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .errors import ConfigError
from .settings import read_yaml, user_config_dir


class Profile(BaseModel):
    """Who the user is; every field is optional and lists default to empty."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    name: str | None = None
    priorities: tuple[str, ...] = ()
    skills: tuple[str, ...] = ()
    contacts: tuple[str, ...] = Field(default=(), description="networks the user can open")
    perspectives: tuple[str, ...] = ()
    interests: tuple[str, ...] = Field(default=(), description="interests and activities")
    location: str | None = None

    @field_validator("priorities", "skills", "contacts", "perspectives", "interests",
                     mode="before")
    @classmethod
    def _listify(cls, value: object) -> object:
        return (value,) if isinstance(value, str) else value

    def with_priorities(self, extra: list[str] | tuple[str, ...]) -> Profile:
        """This profile with extra priorities added (no duplicates, order kept)."""
        merged = list(dict.fromkeys([*self.priorities, *(p.strip() for p in extra if p.strip())]))
        return self.model_copy(update={"priorities": tuple(merged)})


def default_profile_path() -> Path:
    return user_config_dir() / "profile.yaml"


def profile_from_data(data: object, origin: str) -> Profile:
    if data is None:
        return Profile()
    if not isinstance(data, dict):
        raise ConfigError(f"{origin}: a profile must be a mapping of fields")
    try:
        return Profile.model_validate(data)
    except ValidationError as exc:
        err = exc.errors()[0]
        where = ".".join(str(p) for p in err["loc"]) or "profile"
        raise ConfigError(f"{origin}: {where}: {err['msg']}") from exc


def load_profile(path: Path | None) -> Profile:
    """The given profile file, else the one in the user config dir, else an empty profile."""
    if path is None:
        path = default_profile_path()
        if not path.is_file():
            return Profile()
    return profile_from_data(read_yaml(path), str(path))
