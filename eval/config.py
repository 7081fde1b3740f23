"""Run configs: YAML files validated against a schema.

YAML chooses and parameterises; Python computes. Every config carries ``version: 1``. An unknown or
misspelt key is a one-line :class:`ConfigError` naming the file, the key and the nearest valid key.
Relative data paths are resolved against the config file's folder.
"""

from __future__ import annotations

import difflib
import types
import typing
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, TypeAdapter, ValidationError, field_validator

from sumcheck.summarize.errors import ConfigError
from sumcheck.summarize.spec import SystemSpec

CONFIG_VERSION = 1


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class DataConfig(_Strict):
    """Where the documents come from and how their columns map onto sumcheck's fields."""

    path: str
    fields: dict[str, str] = Field(default_factory=dict)
    split: str | None = None
    limit: int | None = Field(default=None, ge=1)
    # Documents longer than this are cut (at a word boundary) before checking and scoring; the cut
    # is recorded per row and in every signature. spaCy refuses texts over 1,000,000 characters.
    max_document_chars: int = Field(default=200_000, ge=1000)


class StatisticsConfig(_Strict):
    resamples: int = Field(default=1000, ge=1)
    seed: int = Field(default=12345, ge=0)


class EngineConfig(_Strict):
    """Where scoring (and, on Ray, generation) runs: ``local`` or ``ray``. Not part of the run's
    fingerprint: the results do not depend on it, so a run may be resumed on another engine."""

    name: Literal["local", "ray"] = "local"
    workers: int | None = Field(default=None, ge=0)  # processes (local) or actors (ray); None/0: all cores
    ray_address: str | None = None  # None: start or join a local Ray instance


class RunConfig(_Strict):
    version: Literal[1]
    # also the default run folder's name (runs/<name>): no path separators
    name: str = Field(min_length=1, pattern=r"^[A-Za-z0-9][A-Za-z0-9._-]*$")
    data: DataConfig
    systems: list[SystemSpec] = Field(default_factory=list)
    metrics: dict[str, dict[str, Any]] = Field(default_factory=lambda: {"factcheck": {}, "rouge": {}})
    statistics: StatisticsConfig = Field(default_factory=StatisticsConfig)
    report: bool = True
    # the file it was read from, for error messages (not part of the config's identity)
    _source: str = PrivateAttr(default="<config>")

    @property
    def source(self) -> str:
        return self._source

    engine: EngineConfig = Field(default_factory=EngineConfig)  # `engine: ray` is short for `engine: {name: ray}`

    @field_validator("engine", mode="before")
    @classmethod
    def _engine_by_name(cls, value: Any) -> Any:
        return {"name": value} if isinstance(value, str) else value


def _model_for(annotation: Any, value: Any) -> type[BaseModel] | None:
    """The pydantic model a value is validated against (through Optional, list, Annotated unions)."""
    origin = typing.get_origin(annotation)
    if origin is typing.Annotated:
        return _model_for(typing.get_args(annotation)[0], value)
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    members = [a for a in typing.get_args(annotation) if isinstance(a, type) and issubclass(a, BaseModel)]
    if origin in (typing.Union, getattr(types, "UnionType", None)) or members:
        if isinstance(value, dict) and "type" in value:
            for m in members:
                field = m.model_fields.get("type")
                if field is not None and value["type"] in typing.get_args(field.annotation):
                    return m
        return members[0] if len(members) == 1 else None
    for arg in typing.get_args(annotation):
        found = _model_for(arg, value)
        if found is not None:
            return found
    return None


def _check_keys(data: Any, model: type[BaseModel], path: str, file: str) -> None:
    """Reject unknown keys with the nearest valid key, before pydantic's longer messages."""
    if not isinstance(data, dict):
        return
    valid = list(model.model_fields)
    for key, value in data.items():
        where = f"{path}.{key}" if path else str(key)
        if key not in model.model_fields:
            near = difflib.get_close_matches(str(key), valid, n=1, cutoff=0.5)
            hint = f"; did you mean {near[0]!r}?" if near else f"; valid keys: {', '.join(valid)}"
            raise ConfigError(f"{file}: unknown key {where!r}{hint}")
        annotation = model.model_fields[key].annotation
        if isinstance(value, list):
            for i, item in enumerate(value):
                inner = _model_for(annotation, item)
                if inner is not None:
                    _check_keys(item, inner, f"{where}[{i}]", file)
        else:
            inner = _model_for(annotation, value)
            if inner is not None:
                _check_keys(value, inner, where, file)


def _first_error(exc: ValidationError, file: str) -> ConfigError:
    err = exc.errors()[0]
    parts = list(err["loc"])
    # pydantic puts the discriminator's tag in the location (systems.0.openai.base_url): drop it
    parts = [p for i, p in enumerate(parts) if not (i > 0 and isinstance(parts[i - 1], int) and p in _SYSTEM_TYPES)]
    loc = "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in parts).lstrip(".")  # systems[0].k, as above
    if err["type"] == "union_tag_invalid":
        tag = (err.get("ctx") or {}).get("tag")
        near = difflib.get_close_matches(str(tag), _SYSTEM_TYPES, n=1, cutoff=0.5)
        hint = f"did you mean {near[0]!r}?" if near else f"valid types: {', '.join(_SYSTEM_TYPES)}"
        return ConfigError(f"{file}: {loc}.type: unknown system type {tag!r}; {hint}")
    if err["type"] == "union_tag_not_found":  # no `type:` at all
        return ConfigError(f"{file}: {loc}: no 'type'; a system needs one of {', '.join(_SYSTEM_TYPES)}")
    if len(parts) >= 2 and str(parts[-1]).startswith("literal["):  # e.g. int-or-"auto": pydantic's first error names one branch
        loc = loc.rsplit(".", 1)[0]
        word = str(parts[-1])[len("literal["):-1]
        raw = list(err["loc"])
        other = next((str(e["msg"]) for e in exc.errors()[1:] if list(e["loc"])[:len(raw) - 1] == raw[:-1]), None)
        return ConfigError(f"{file}: {loc}: must be {word}" + (f" or else: {other}" if other else "") + f"; got {err.get('input')!r}")
    if err["type"] in ("model_type", "model_attributes_type", "dict_type"):  # pydantic names its class here
        model = _model_at(parts)
        keys = f" (keys: {', '.join(model.model_fields)})" if model is not None else ""
        return ConfigError(f"{file}: {loc or 'config'}: must be a mapping of settings{keys}; got {err.get('input')!r}")
    msg = str(err["msg"])
    if err["type"] == "value_error":  # our own validators' text, without pydantic's "Value error, " prefix
        msg = msg.removeprefix("Value error, ")
    return ConfigError(f"{file}: {loc or 'config'}: {msg}")


def _model_at(parts: list[Any]) -> type[BaseModel] | None:
    """The pydantic model of the setting at a validation error's location (``["data"]`` -> the data
    settings), or None where the path leaves the models."""
    model: type[BaseModel] | None = RunConfig
    for part in parts:
        if isinstance(part, int) or model is None:
            continue
        field = model.model_fields.get(str(part))
        model = _model_for(field.annotation, None) if field is not None else None
    return model


def _system_types() -> tuple[str, ...]:
    members = typing.get_args(typing.get_args(SystemSpec)[0])
    return tuple(t for m in members for t in typing.get_args(m.model_fields["type"].annotation))


_SYSTEM_TYPES = _system_types()


def parse_config(data: Any, *, file: str = "<config>", base_dir: Path | None = None) -> RunConfig:
    """Validate a loaded YAML mapping into a :class:`RunConfig`."""
    if not isinstance(data, dict):
        raise ConfigError(f"{file}: expected a mapping at the top level")
    if "version" not in data:
        raise ConfigError(f"{file}: missing key 'version' (this sumcheck reads version: {CONFIG_VERSION})")
    if data["version"] != CONFIG_VERSION:
        raise ConfigError(f"{file}: version {data['version']!r} is not supported (this sumcheck reads version: {CONFIG_VERSION})")
    _check_keys(data, RunConfig, "", file)
    try:
        config = RunConfig.model_validate(data)
    except ValidationError as exc:
        raise _first_error(exc, file) from None
    from sumcheck.metric import REGISTRY, metric_class, nearest

    for name, settings in config.metrics.items():
        if name not in REGISTRY:
            hint = nearest(name, sorted(REGISTRY))
            raise ConfigError(f"{file}: unknown metric 'metrics.{name}'" + (f"; did you mean {hint!r}?" if hint else ""))
        try:  # settings are checked here, against the metric's own description, so the error names the file
            metric_class(name).check_settings(settings)
        except ConfigError as exc:
            raise ConfigError(f"{file}: metrics.{name}: {exc}") from None
    names = [s.name for s in config.systems]
    dupes = sorted({n for n in names if names.count(n) > 1})
    if dupes:
        raise ConfigError(f"{file}: system names must be unique; repeated: {', '.join(dupes)}")
    if base_dir is not None:
        config = _resolve_relative_paths(config, base_dir)
    config._source = file
    return config


def _model_path(model: Any, base_dir: Path) -> Any:
    """A model written ``./x`` or ``../x``, or naming a file or folder that exists next to the config,
    as an absolute path; anything else (a hub id, ``pip:...``) unchanged."""
    if not isinstance(model, str) or not model or model.startswith(("pip:", "hf:")) or Path(model).is_absolute():
        return model
    if model.startswith(("./", "../")) or (base_dir / model).exists():
        return str((base_dir / model).resolve())
    return model


def _resolve_relative_paths(config: RunConfig, base_dir: Path) -> RunConfig:
    """Paths in a config are relative to the config's folder: the data path, a metric's ``path``
    settings (faithfulness ``config``, ``conv``), and a system's or metric's ``model`` when it is
    written ``./x`` / ``../x`` or names something that exists next to the config (else it is a hub id)."""
    from sumcheck.metric import metric_class

    update: dict[str, Any] = {}
    if not config.data.path.startswith("hf:") and not Path(config.data.path).is_absolute():
        update["data"] = config.data.model_copy(update={"path": str((base_dir / config.data.path).resolve())})
    systems = []
    for spec in config.systems:
        model = getattr(spec, "model", None)
        if getattr(spec, "type", None) == "openai":  # the name the server serves, never a path here
            systems.append(spec)
            continue
        local = _model_path(model, base_dir)
        if local != model:
            spec = spec.model_copy(update={"model": local})
        systems.append(spec)
    update["systems"] = systems
    metrics = {}
    for name, settings in config.metrics.items():
        settings = dict(settings or {})
        for s in metric_class(name).settings_spec:
            value = settings.get(s.name)
            if s.kind == "path" and isinstance(value, str) and value and not Path(value).is_absolute():
                settings[s.name] = str((base_dir / value).resolve())
            elif s.name == "model" and value is not None and settings.get("backend") != "llm-judge":  # judge: a served name
                settings[s.name] = _model_path(value, base_dir)
        metrics[name] = settings
    update["metrics"] = metrics
    return config.model_copy(update=update)


def safe_load_unique(text: str) -> Any:
    """``yaml.safe_load`` that refuses a mapping with the same key twice (PyYAML keeps the last one
    silently, so a second ``systems:`` block would drop the first). Raises ``yaml.YAMLError`` with
    the line of the repeated key, and for nesting too deep for PyYAML (a ``RecursionError``)."""
    import yaml

    class UniqueKeyLoader(yaml.SafeLoader):
        pass

    def construct_mapping(loader, node, deep=False):  # noqa: ANN001, ANN202
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:  # the keys written here (a merge key `<<: *anchor` is YAML's own)
            if key_node.tag == "tag:yaml.org,2002:merge" or not isinstance(key_node, yaml.ScalarNode):
                continue
            key = loader.construct_object(key_node, deep=deep)
            try:
                first = seen.get(key)
            except TypeError:  # an unhashable key: let PyYAML report it
                continue
            if first is not None:
                raise yaml.constructor.ConstructorError(
                    None, None, f"key {key!r} on line {key_node.start_mark.line + 1} appears twice (first on line {first + 1}); only one is read, so merge them",
                    key_node.start_mark)
            seen[key] = key_node.start_mark.line
        return loader.construct_mapping(node, deep=deep)

    UniqueKeyLoader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, construct_mapping)
    try:
        return yaml.load(text, Loader=UniqueKeyLoader)  # noqa: S506 - a SafeLoader subclass
    except RecursionError:  # PyYAML's parser and constructor recurse once per level of nesting
        raise yaml.YAMLError("nested too deep to read (a run of [ or { brackets?)") from None


def load_config(path: str | Path) -> RunConfig:
    """Read and validate a YAML run config."""
    import yaml

    p = Path(path)
    try:
        text = p.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ConfigError(f"{p}: no such config file") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"{p}: cannot read ({exc})") from None
    try:
        data = safe_load_unique(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        raise ConfigError(f"{p}{where}: malformed YAML ({getattr(exc, 'problem', exc)})") from None
    return parse_config(data, file=str(p), base_dir=p.resolve().parent)


def system_adapter() -> TypeAdapter:
    """Validate a single ``systems:`` entry (used by tests and by configs that name hub models)."""
    return TypeAdapter(SystemSpec)
