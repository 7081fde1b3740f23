"""Gate settings (``configs/gate.yaml``), validated: an unknown key is a one-line error with a hint.

``tolerance`` is the absolute change of a metric's corpus mean that is allowed in the bad direction
(a drop for ``higher`` metrics, a rise for ``lower`` ones), in the metric's own units: ROUGE F and
faithfulness are in [0, 1], the unsupported counts are per-document means. A metric not listed
uses ``default_tolerance`` and is ``lower``-is-better when its name starts with ``unsupported_``,
``higher`` otherwise. The defaults of :class:`GateConfig` are the shipped ``configs/gate.yaml``.

Paired tests only see documents both runs scored, so a candidate that leaves documents unscored
could hide a drop. ``max_newly_unscored`` bounds the share of the documents the baseline scored
that the candidate summarised and yet leaves unscored; ``None`` turns the check off, as for the
fact-check values, where "nothing checkable" is a property of a summary.

Coverage is gated for every metric, whatever its ``max_newly_unscored``: a document the baseline
scored for which the candidate has no output to score (a failed generation, an empty or wordless
summary such as ``"..."``, a row no metric scored) is a regression, as is a drop of a metric.
``max_coverage_loss`` is the share of the baseline-scored documents (per system and metric) that
may be lost that way (default 0: none).

``min_n`` (``--min-n``) fails the gate when a compared metric has fewer documents scored by both
runs: too few for a drop of the tolerance to be detected (the gate always notes such tests; this
makes them a failure). ``allow_code_change`` (``--allow-code-change``) compares numbers made by
different checker code (a different ``code`` or ``v`` signature field), which is refused otherwise.
"""

from __future__ import annotations

import math
import re
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator

from sumcheck.gate.signatures import DEFAULT_IGNORED
from sumcheck.summarize.errors import ConfigError


def _yaml_number(value: Any) -> Any:
    """YAML 1.1 (PyYAML) reads ``1e-3`` (no dot) as text: take such text as the number it spells.
    Anything else passes unchanged to the strict check (so ``true`` is still not a number)."""
    if isinstance(value, str):
        try:
            number = float(value)
        except ValueError:
            return value
        if math.isfinite(number):
            return number
    return value


class MetricRule(BaseModel):
    """How one metric is judged."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    direction: Literal["higher", "lower"] = "higher"

    _numbers = field_validator("tolerance", "max_newly_unscored", mode="before")(lambda v: _yaml_number(v))
    tolerance: float = Field(default=0.0, ge=0.0, strict=True)
    max_newly_unscored: float | None = Field(default=None, ge=0.0, le=1.0, strict=True)


def _rules(**rules: tuple[str, float, float | None]) -> dict[str, MetricRule]:
    return {name: MetricRule(direction=d, tolerance=t, max_newly_unscored=u) for name, (d, t, u) in rules.items()}  # type: ignore[arg-type]


DEFAULT_METRICS = _rules(
    rouge1=("higher", 0.005, 0.0), rouge2=("higher", 0.005, 0.0), rougeL=("higher", 0.005, 0.0), rougeLsum=("higher", 0.005, 0.0),
    faithfulness=("higher", 0.01, 0.0), fact_precision=("higher", 0.01, None),
    number_precision=("higher", 0.01, None), entity_precision=("higher", 0.01, None),
    unsupported_numbers=("lower", 0.05, None), unsupported_entities=("lower", 0.05, None),
)


class GateConfig(BaseModel):
    """Everything ``sumcheck gate`` decides with. Numbers and switches are strict: YAML's ``true``
    is not the number 1, nor ``2.5`` a count."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    alpha: float = Field(default=0.05, gt=0.0, lt=1.0, strict=True)
    resamples: int = Field(default=2000, ge=100, le=100_000, strict=True)
    seed: int = Field(default=12345, strict=True)
    correction: Literal["holm", "none"] = "holm"
    default_tolerance: float = Field(default=0.0, ge=0.0, strict=True)
    fail_on_new_unsupported: bool = Field(default=True, strict=True)
    fail_on_missing: bool = Field(default=True, strict=True)
    min_n: int = Field(default=0, ge=0, strict=True)
    max_coverage_loss: float = Field(default=0.0, ge=0.0, le=1.0, strict=True)
    allow_code_change: bool = Field(default=False, strict=True)
    ignore_signature_fields: tuple[str, ...] = DEFAULT_IGNORED
    metrics: dict[str, MetricRule] = Field(default_factory=lambda: dict(DEFAULT_METRICS))

    _numbers = field_validator("alpha", "default_tolerance", "max_coverage_loss", mode="before")(lambda v: _yaml_number(v))

    @field_validator("metrics")
    @classmethod
    def _known_metrics(cls, metrics: dict[str, MetricRule]) -> dict[str, MetricRule]:
        """Every listed name must be a value some metric writes: a misspelt ``rogue1`` would
        otherwise leave ``rouge1`` at the default tolerance, unnoticed."""
        known = known_values()
        for name in metrics:
            if name not in known and not _ROUGE_N.fullmatch(name):
                from sumcheck.metric import nearest

                hint = nearest(name, sorted(known))
                raise ValueError(f"no metric writes a value named {name!r}"
                                 + (f"; did you mean {hint!r}?" if hint else f"; known: {', '.join(sorted(known))}"))
        return metrics

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


_ROUGE_N = re.compile(r"rouge[1-9]")  # any n the rouge metric's `types` accepts


def known_values() -> frozenset[str]:
    """The per-item value names the registered metrics write (``Metric.values``; ROUGE-N beyond the
    default types too, see ``_ROUGE_N``)."""
    from sumcheck.metric import metric_class, metric_names

    return frozenset(k for name in metric_names() for k in metric_class(name).values)


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
    return f"{source}: {dotted or '(top level)'}: {error['msg'].removeprefix('Value error, ')}"


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
