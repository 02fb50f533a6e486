"""The user's profile: what they want to learn and what they can give, from YAML or flags."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from .errors import ConfigError
from .settings import read_yaml, user_config_dir

LIST_FIELDS = ("priorities", "skills", "contacts", "perspectives", "interests")


def text_key(text: str) -> str:
    """How two list items are compared: "Nonprofit  Boards" and "nonprofit boards" are one."""
    return " ".join(text.split()).casefold()


def distinct(texts: tuple[str, ...] | list[str]) -> tuple[str, ...]:
    """Blank items dropped, spaces tidied, repeats (by text_key) removed; first spelling kept."""
    out: dict[str, str] = {}
    for text in texts:
        if text.strip():
            out.setdefault(text_key(text), " ".join(text.split()))
    return tuple(out.values())


class Profile(BaseModel):
    """Who the user is; every field is optional and lists default to empty."""

    model_config = ConfigDict(frozen=True, extra="forbid", str_strip_whitespace=True)

    name: str | None = None
    priorities: tuple[str, ...] = Field(default=(), description="what you want to learn")
    skills: tuple[str, ...] = Field(default=(), description="what you can do for someone")
    contacts: tuple[str, ...] = Field(default=(), description="networks the user can open")
    perspectives: tuple[str, ...] = Field(default=(), description="views the user brings")
    interests: tuple[str, ...] = Field(default=(), description="interests and activities")
    location: str | None = None

    @field_validator(*LIST_FIELDS, mode="before")
    @classmethod
    def _listify(cls, value: object) -> object:
        """A single string is a one-item list; null is an empty one."""
        if value is None:
            return ()
        return (value,) if isinstance(value, str) else value

    @field_validator(*LIST_FIELDS)
    @classmethod
    def _tidy(cls, value: tuple[str, ...]) -> tuple[str, ...]:
        """Blank items dropped, repeats removed whatever their case and spacing, order kept."""
        return distinct(value)

    def with_priorities(self, extra: list[str] | tuple[str, ...]) -> Profile:
        """This profile with extra priorities added (no duplicates, order kept)."""
        return self.model_copy(update={"priorities": distinct([*self.priorities, *extra])})


def default_profile_path() -> Path:
    return user_config_dir() / "profile.yaml"


def profile_from_data(data: object, origin: str) -> Profile:
    """Validate parsed YAML as a profile; errors name the file and the field."""
    if data is None:
        return Profile()
    if not isinstance(data, dict):
        raise ConfigError(f"{origin}: a profile must be a mapping of fields "
                          f"({', '.join(Profile.model_fields)})")
    try:
        return Profile.model_validate(data)
    except ValidationError as exc:
        raise ConfigError(f"{origin}: {describe_error(exc.errors()[0])}") from exc


def describe_error(err: Any) -> str:
    """One pydantic error as "field 'contacts' item 2: expected text"."""
    loc = [str(p) for p in err["loc"]]
    field = f"field '{loc[0]}'" if loc else "profile"
    item = f" item {int(loc[1]) + 1}" if len(loc) > 1 and loc[1].isdigit() else ""
    if err["type"] == "extra_forbidden":
        return f"unknown {field} (known fields: {', '.join(Profile.model_fields)})"
    if err["type"] == "string_type":
        return f"{field}{item}: expected text, got {type(err['input']).__name__}"
    if err["type"] == "tuple_type":
        return f"{field}: expected a list of text or one text"
    return f"{field}{item}: {err['msg']}"


def load_profile(path: Path | None) -> Profile:
    """The given profile file, else the one in the user config dir, else an empty profile."""
    if path is None:
        path = default_profile_path()
        if not path.is_file():
            return Profile()
    return profile_from_data(read_yaml(path), str(path))
