"""Batch job files: the YAML schema, validated before any work, with errors at file:line: field."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Annotated, Any
from urllib.parse import urlsplit

import yaml
from pydantic import (
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    field_validator,
)
from pydantic_core import PydanticCustomError

from ..errors import ConfigError, JobError
from ..models import Target
from ..profile import Profile, load_profile
from ..render import slugify
from .plan import Cadence, parse_cadence

Loc = tuple[str | int, ...]
# File stems the batch writes itself (index.md, plan.md, plan.ics); no target may take them.
RESERVED_STEMS = frozenset({"index", "plan"})
SCHEDULER_PATTERN = re.compile(r"^(tcp|tls|ws|wss|inproc)://\S+$")
# Past this many problems the rest are counted, not listed: the first ones are what to fix.
MAX_LISTED_PROBLEMS = 10


# ---------------------------------------------------------------- YAML with line numbers


def _record_lines(node: yaml.Node, path: Loc, lines: dict[Loc, int], depth: int = 0) -> None:
    """Map every key path of the document to the 1-based line where its value starts."""
    lines.setdefault(path, node.start_mark.line + 1)
    if depth > 50:  # an alias loop (&a [*a]) or absurd nesting; deeper paths use this line
        return
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            if isinstance(key, yaml.ScalarNode):
                lines.setdefault((*path, key.value), key.start_mark.line + 1)
                _record_lines(value, (*path, key.value), lines, depth + 1)
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _record_lines(item, (*path, i), lines, depth + 1)


def load_yaml_lines(text: str, origin: str) -> tuple[Any, dict[Loc, int]]:
    """Parse YAML; return the data and the line of every key path in it."""
    try:
        loader = yaml.SafeLoader(text)  # the reader refuses control characters right here
    except yaml.YAMLError as exc:
        raise JobError(_yaml_problem(exc, origin)) from exc
    try:
        node = loader.get_single_node()
        data = loader.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        raise JobError(_yaml_problem(exc, origin)) from exc
    finally:
        loader.dispose()
    lines: dict[Loc, int] = {}
    if node is not None:
        _record_lines(node, (), lines)
    return data, lines


def _yaml_problem(exc: yaml.YAMLError, origin: str) -> str:
    """file:line: what the YAML parser tripped on, and what it was inside of."""
    mark = getattr(exc, "problem_mark", None)
    where = f":{mark.line + 1}" if mark else ""
    if isinstance(exc, yaml.reader.ReaderError):  # a control character, not YAML's grammar
        return (f"{origin}: not valid YAML: {exc.reason} (character #x{exc.character:04x} at "
                f"position {exc.position})")
    text = f"{origin}{where}: not valid YAML: {getattr(exc, 'problem', None) or 'cannot parse'}"
    context, context_mark = getattr(exc, "context", None), getattr(exc, "context_mark", None)
    if context and context_mark is not None:
        text += f" ({context} that starts on line {context_mark.line + 1})"
    return text


def line_of(lines: dict[Loc, int], loc: Loc) -> int:
    """The line of loc, or of its nearest parent that is in the file (e.g. a missing key)."""
    for end in range(len(loc), -1, -1):
        if loc[:end] in lines:
            return lines[loc[:end]]
    return 1


def field_name(loc: Loc) -> str:
    """A pydantic location as a reader writes it: targets[2].urls."""
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(top level)"


# ---------------------------------------------------------------- the schema


def _list_of(noun: str) -> BeforeValidator:
    """Accept only a YAML list, and say so in the user's words when it is something else."""

    def check(value: object) -> object:
        if not isinstance(value, list | tuple):
            raise PydanticCustomError("list_expected", f"expected a list of {noun}")
        return value

    return BeforeValidator(check)


def _text(value: object) -> object:
    if not isinstance(value, str) or not value.strip():
        raise PydanticCustomError("text_expected", "expected non-empty text")
    return " ".join(value.split())


Text = Annotated[str, BeforeValidator(_text)]
TextList = Annotated[tuple[Text, ...], _list_of("text items")]
UrlList = Annotated[tuple[Text, ...], _list_of("URLs"), Field(min_length=1)]


class _Strict(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid")


class TargetSpec(_Strict):
    """One person to research, as written in the job file."""

    name: Text
    id: str | None = None
    urls: UrlList
    priorities: TextList = ()
    aliases: TextList = ()

    @field_validator("id")
    @classmethod
    def _id(cls, value: str | None) -> str | None:
        if value is not None and slugify(value) != value:
            raise PydanticCustomError(
                "bad_id", "expected a file name made of lower-case letters, digits and single "
                f"hyphens, e.g. '{slugify(value)}'")
        if value in RESERVED_STEMS:
            raise PydanticCustomError("reserved_id", f"'{value}' is reserved for the batch's "
                                      "own files; choose another id")
        return value

    @field_validator("urls")
    @classmethod
    def _urls(cls, urls: tuple[str, ...]) -> tuple[str, ...]:
        for url in urls:
            scheme, sep, rest = url.partition("://")
            if sep and (scheme.lower() not in ("http", "https", "file") or not rest.strip("/")):
                raise PydanticCustomError("bad_url", f"not an http(s) URL or a file: {url!r}")
            if sep and not _well_formed(url):
                raise PydanticCustomError("bad_url", f"not a valid URL: {url!r}")
        return urls


def _well_formed(url: str) -> bool:
    """The address parses, brackets and port included (urlsplit raises ValueError if not)."""
    try:
        _ = urlsplit(url).port
    except ValueError:
        return False
    return True


class Defaults(_Strict):
    """Settings and priorities that apply to every target."""

    discover: bool | None = None
    max_pages: int | None = Field(default=None, ge=0)
    depth: int | None = Field(default=None, ge=0)
    delay: float | None = Field(default=None, ge=0)
    priorities: TextList = ()
    explain: bool = False


class PlanSpec(_Strict):
    """The outreach cadence and the first contact's date."""

    cadence: str = "monthly"
    start: date | None = None

    @field_validator("cadence")
    @classmethod
    def _cadence(cls, value: str) -> str:
        try:
            parse_cadence(value)
        except ValueError as exc:
            raise PydanticCustomError("bad_cadence", str(exc)) from exc
        return value


class DaskSpec(_Strict):
    """Where a Dask distributed scheduler listens."""

    scheduler: str

    @field_validator("scheduler")
    @classmethod
    def _address(cls, value: str) -> str:
        if not SCHEDULER_PATTERN.match(value):
            raise PydanticCustomError("bad_scheduler",
                                      "expected a scheduler address like tcp://host:8786")
        return value


def _dask_shorthand(value: object) -> object:
    return {"scheduler": value} if isinstance(value, str) else value


def _profile_value(value: object) -> object:
    if value is None or isinstance(value, dict) or (isinstance(value, str) and value.strip()):
        return value
    raise PydanticCustomError("profile_expected", "expected a mapping of profile fields "
                              "(priorities, skills, ...) or the path of a profile file")


class JobSpec(_Strict):
    """The whole job file."""

    profile: Annotated[dict[str, Any] | str | None, BeforeValidator(_profile_value)] = None
    config: Text | None = None
    defaults: Defaults = Defaults()
    targets: Annotated[list[TargetSpec], _list_of("targets"), Field(min_length=1)]
    plan: PlanSpec = PlanSpec()
    dask: Annotated[DaskSpec | None, BeforeValidator(_dask_shorthand)] = None


# ---------------------------------------------------------------- the loaded job


@dataclass(frozen=True, slots=True)
class JobTarget:
    """A target ready to build: its output file stem, person, URLs and extra priorities."""

    stem: str
    target: Target
    urls: tuple[str, ...]
    priorities: tuple[str, ...]
    line: int


@dataclass(frozen=True, slots=True)
class Job:
    """A validated job: paths resolved, profile loaded, every target with its own file stem."""

    path: Path
    profile: Profile
    config: Path | None
    defaults: Defaults
    targets: tuple[JobTarget, ...]
    cadence: Cadence
    cadence_text: str
    start: date | None
    scheduler: str | None

    def settings_layer(self) -> dict[str, Any]:
        """The job's defaults as a settings layer (None means "not set")."""
        d = self.defaults
        return {"discover": {"enabled": d.discover, "max_pages": d.max_pages, "depth": d.depth},
                "fetch": {"per_host_delay": d.delay}}

    def profile_for(self, target: JobTarget) -> Profile:
        """The user's profile with the job's and this target's priorities added."""
        return self.profile.with_priorities([*self.defaults.priorities, *target.priorities])


def _problem(origin: str, lines: dict[Loc, int], loc: Loc, message: str) -> str:
    return f"{origin}:{line_of(lines, loc)}: {field_name(loc)}: {message}"


def _message(err: Any, valid_keys: set[str]) -> str:
    kind, msg = err["type"], str(err["msg"])
    if kind == "missing":
        return "required"
    if kind == "extra_forbidden":
        close = difflib.get_close_matches(str(err["loc"][-1]), sorted(valid_keys), n=1)
        return "unknown key" + (f"; did you mean '{close[0]}'?" if close else "")
    if kind in ("bool_type", "bool_parsing"):
        return "expected true or false"
    if kind in ("int_type", "int_parsing", "int_from_float"):
        return "expected a whole number"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        return "expected a mapping of keys"
    if kind == "too_short":
        return "must not be empty"
    return msg[:1].lower() + msg[1:]


def _keys_at(model: type[BaseModel], loc: Loc) -> set[str]:
    """The keys a model accepts at loc's parent, for did-you-mean suggestions."""
    for part in loc[:-1]:
        if isinstance(part, int):
            continue
        info = model.model_fields.get(str(part))
        inner = _model_in(info.annotation) if info else None
        if inner is None:
            return set()
        model = inner
    return set(model.model_fields)


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()) or ():
        found = _model_in(arg)
        if found is not None:
            return found
    return None


def _validate(model: type[BaseModel], data: Any, origin: str, lines: dict[Loc, int],
              prefix: Loc = ()) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as exc:
        found: dict[str, int] = {}
        for err in exc.errors():
            loc = (*prefix, *_useful_loc(tuple(err["loc"])))
            text = _problem(origin, lines, loc, _message(err, _keys_at(model, loc[len(prefix):])))
            found.setdefault(text, line_of(lines, loc))
        raise JobError(_summarise(sorted(found, key=found.__getitem__))) from exc


PYDANTIC_TAG = re.compile(r"^(function-\w+|\w+)\[.*\]$")


def _useful_loc(loc: Loc) -> Loc:
    """Drop the union-member and validator tags pydantic adds; keep the reader's path."""
    return tuple(p for p in loc if not (isinstance(p, str) and PYDANTIC_TAG.match(p)))


def _summarise(problems: list[str]) -> str:
    listed = problems[:MAX_LISTED_PROBLEMS]
    more = len(problems) - len(listed)
    return "\n".join(listed) + (f"\n... and {more} more problems" if more else "")


# ---------------------------------------------------------------- loading


def load_job(path: Path) -> Job:
    """Read, validate and resolve a job file; raise JobError naming file:line: field."""
    origin = str(path)
    try:
        text = path.read_text("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise JobError(f"{path}: cannot read the job file ({getattr(exc, 'strerror', exc)})") \
            from exc
    data, lines = load_yaml_lines(text, origin)
    if not isinstance(data, dict):
        raise JobError(f"{origin}:1: expected a mapping with a 'targets' list")
    spec: JobSpec = _validate(JobSpec, data, origin, lines)
    base = path.resolve().parent
    targets = _resolve_targets(spec, base, origin, lines)
    return Job(
        path=path, profile=_profile(spec, base, origin, lines),
        config=base / spec.config if spec.config else None, defaults=spec.defaults,
        targets=targets, cadence=parse_cadence(spec.plan.cadence),
        cadence_text=spec.plan.cadence, start=spec.plan.start,
        scheduler=spec.dask.scheduler if spec.dask else None,
    )


def _profile(spec: JobSpec, base: Path, origin: str, lines: dict[Loc, int]) -> Profile:
    if isinstance(spec.profile, dict):
        profile: Profile = _validate(Profile, spec.profile, origin, lines, ("profile",))
        return profile
    if spec.profile is None:
        return Profile()
    try:
        return load_profile(base / spec.profile)
    except ConfigError as exc:
        raise JobError(_problem(origin, lines, ("profile",), str(exc))) from exc


def _resolve_url(url: str, base: Path) -> str | None:
    """http(s) and file URLs stay; a path is read relative to the job file (None: no file)."""
    if "://" in url:
        return url
    try:
        path = (base / Path(url).expanduser()).resolve()
    except (ValueError, RuntimeError):  # a NUL character; an unknown ~user or a symlink loop
        return None
    return str(path) if path.is_file() else None


def _target_urls(spec: TargetSpec, i: int, base: Path, origin: str,
                 lines: dict[Loc, int]) -> tuple[str, ...]:
    urls = []
    for j, url in enumerate(spec.urls):
        resolved = _resolve_url(url, base)
        if resolved is None:
            raise JobError(_problem(origin, lines, ("targets", i, "urls", j),
                                    f"no such file: {url} (write web pages as https://...)"))
        urls.append(resolved)
    return tuple(dict.fromkeys(urls))


def _resolve_targets(spec: JobSpec, base: Path, origin: str,
                     lines: dict[Loc, int]) -> tuple[JobTarget, ...]:
    stems = assign_stems(spec.targets, origin, lines)
    return tuple(
        JobTarget(stem=stem, target=Target(t.name, t.aliases),
                  urls=_target_urls(t, i, base, origin, lines), priorities=t.priorities,
                  line=line_of(lines, ("targets", i)))
        for i, (t, stem) in enumerate(zip(spec.targets, stems, strict=True)))


def assign_stems(targets: list[TargetSpec], origin: str, lines: dict[Loc, int]) -> list[str]:
    """One output file stem per target: its id, else the slug of its name made unique."""
    taken: dict[str, int] = {}
    for i, t in enumerate(targets):
        if t.id is None:
            continue
        if t.id in taken:
            first = taken[t.id]
            raise JobError(_problem(origin, lines, ("targets", i, "id"),
                                    f"duplicate id '{t.id}' (also targets[{first}], line "
                                    f"{line_of(lines, ('targets', first, 'id'))})"))
        taken[t.id] = i
    stems = []
    for i, t in enumerate(targets):
        stem = t.id or _free_slug(slugify(t.name), taken)
        taken.setdefault(stem, i)
        stems.append(stem)
    return stems


def _free_slug(slug: str, taken: dict[str, int]) -> str:
    """The slug, or slug-2, slug-3, ... when a reserved name or another target has it."""
    candidate, n = slug, 1
    while candidate in taken or candidate in RESERVED_STEMS:
        n += 1
        candidate = f"{slug}-{n}"
    return candidate
