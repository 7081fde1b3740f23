"""Gate settings (``configs/gate.yaml``), validated: an unknown key is a one-line error with a hint.

``tolerance`` is the absolute change of a metric's corpus mean that is allowed in the bad direction
(a drop for ``higher`` metrics, a rise for ``lower`` ones), in the metric's own units: ROUGE F and
faithfulness are in [0, 1], the unsupported counts are per-document means. A metric not listed
uses ``default_tolerance`` and is ``lower``-is-better when its name starts with ``unsupported_``,
``higher`` otherwise. The defaults of :class:`GateConfig` are the shipped ``configs/gate.yaml``.

Paired tests only see documents both runs scored, so a candidate that leaves documents unscored
(an empty summary is unscored by every metric) could hide a drop. ``max_newly_unscored`` bounds the
share of the documents the baseline scored that the candidate leaves unscored; ``None`` turns the
check off, as for the fact-check values, where "nothing checkable" is a property of a summary.

``min_n`` (``--min-n``) fails the gate when a compared metric has fewer documents scored by both
runs: too few for a drop of the tolerance to be detected (the gate always notes such tests; this
makes them a failure). ``allow_code_change`` (``--allow-code-change``) compares numbers made by
different checker code (a different ``code`` or ``v`` signature field), which is refused otherwise.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from sumcheck.gate.signatures import DEFAULT_IGNORED
from sumcheck.summarize.errors import ConfigError


class MetricRule(BaseModel):
    """How one metric is judged."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    direction: Literal["higher", "lower"] = "higher"
    tolerance: float = Field(default=0.0, ge=0.0)
    max_newly_unscored: float | None = Field(default=None, ge=0.0, le=1.0)


def _rules(**rules: tuple[str, float, float | None]) -> dict[str, MetricRule]:
    return {name: MetricRule(direction=d, tolerance=t, max_newly_unscored=u) for name, (d, t, u) in rules.items()}  # type: ignore[arg-type]


DEFAULT_METRICS = _rules(
    rouge1=("higher", 0.005, 0.0), rouge2=("higher", 0.005, 0.0), rougeL=("higher", 0.005, 0.0), rougeLsum=("higher", 0.005, 0.0),
    faithfulness=("higher", 0.01, 0.0), fact_precision=("higher", 0.01, None),
    number_precision=("higher", 0.01, None), entity_precision=("higher", 0.01, None),
    unsupported_numbers=("lower", 0.05, None), unsupported_entities=("lower", 0.05, None),
)


class GateConfig(BaseModel):
    """Everything ``sumcheck gate`` decides with."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    alpha: float = Field(default=0.05, gt=0.0, lt=1.0)
    resamples: int = Field(default=2000, ge=100, le=100_000)
    seed: int = 12345
    correction: Literal["holm", "none"] = "holm"
    default_tolerance: float = Field(default=0.0, ge=0.0)
    fail_on_new_unsupported: bool = True
    fail_on_missing: bool = True
    min_n: int = Field(default=0, ge=0)
    allow_code_change: bool = False
    ignore_signature_fields: tuple[str, ...] = DEFAULT_IGNORED
    metrics: dict[str, MetricRule] = Field(default_factory=lambda: dict(DEFAULT_METRICS))

    def rule(self, metric: str) -> MetricRule:
        """The configured rule, or the default one for an unlisted metric.

        >>> GateConfig(metrics={}).rule("unsupported_dates").direction
        'lower'
        >>> GateConfig().rule("rouge2").tolerance
        0.005
        """
        if metric in self.metrics:
            return self.metrics[metric]
        direction = "lower" if metric.startswith("unsupported_") else "higher"
        return MetricRule(direction=direction, tolerance=self.default_tolerance)


def _fields_at(loc: tuple[Any, ...]) -> list[str]:
    """Valid keys of the object at ``loc`` (the path of the unknown key, without the key itself)."""
    if len(loc) >= 2 and loc[0] == "metrics":
        return list(MetricRule.model_fields)
    return list(GateConfig.model_fields)


def _one_line(error: dict[str, Any], source: str) -> str:
    from sumcheck.metric import nearest

    loc = tuple(error["loc"])
    dotted = ".".join(str(p) for p in loc)
    if error["type"] == "extra_forbidden":
        hint = nearest(str(loc[-1]), _fields_at(loc[:-1]))
        return f"{source}: unknown key {dotted!r}" + (f"; did you mean {hint!r}?" if hint else f"; valid: {', '.join(_fields_at(loc[:-1]))}")
    return f"{source}: {dotted or '(top level)'}: {error['msg']}"


def parse_gate_config(data: Any, *, source: str = "gate config") -> GateConfig:
    """Validate an already-parsed mapping; :class:`ConfigError` (one line) when it does not fit."""
    if data is None:
        data = {}
    if not isinstance(data, dict):
        raise ConfigError(f"{source}: expected a mapping of settings, got {type(data).__name__}")
    try:
        return GateConfig.model_validate(data)
    except ValidationError as exc:
        errors = exc.errors()
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        raise ConfigError(_one_line(errors[0], source) + more) from None


def load_gate_config(path: str | Path | None) -> GateConfig:
    """Read a YAML file; ``None`` gives the defaults (the same as the shipped ``configs/gate.yaml``)."""
    if path is None:
        return GateConfig()
    import yaml

    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"{path}: cannot read gate config ({exc.strerror})") from None
    try:
        from sumcheck.config import safe_load_unique

        data = safe_load_unique(text)
    except yaml.YAMLError as exc:
        raise ConfigError(f"{path}: not valid YAML ({str(exc).splitlines()[0]})") from None
    return parse_gate_config(data, source=str(path))
