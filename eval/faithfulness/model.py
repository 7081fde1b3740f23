"""The offline backend's calibrated combiner: a logistic model over sentence features.

``score(sentence) = sigmoid(intercept + sum_k weight_k * (x_k - center_k) / scale_k)``; a summary's
score is the min (or mean) of its sentences' scores and its label compares that with ``threshold``.
The numbers live in ``configs/faithfulness.yaml``, written by ``sumcheck calibrate``
(:mod:`sumcheck.faithfulness.calibrate`), never edited by hand.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping, Sequence

from sumcheck.summarize.errors import ConfigError



def default_config_path() -> Path:
    """The shipped calibrated model (package data ``sumcheck/configs/faithfulness.yaml``)."""
    from sumcheck.resources import config_path

    return config_path("faithfulness.yaml")
AGGREGATIONS = ("min", "mean")
ENCODER_DTYPES = ("float32", "bfloat16")
# the sentence encoder the model was fitted with (sumcheck.summarize.embed.ENCODERS; kept here so that
# reading a model imports no torch)
ENCODERS = ("minilm", "minilm-l3", "minilm-l2", "static")


@dataclass(frozen=True)
class OfflineModel:
    features: tuple[str, ...]
    weights: tuple[float, ...]
    center: tuple[float, ...]
    scale: tuple[float, ...]
    intercept: float
    threshold: float
    chunking: str = "sent"
    aggregation: str = "min"
    # precision of the MiniLM encoder the model was fitted with (and must be scored with):
    # bfloat16 runs about 3x faster than float32 on CPUs with native bf16, cosines within 2e-4
    encoder_dtype: str = "float32"
    # issue 26: which encoder (sumcheck.summarize.embed.load_encoder's ``kind``): the full MiniLM, MiniLM
    # cut to its first 2 or 3 layers, or static token vectors distilled from it (model2vec)
    encoder: str = "minilm"
    # chunks each summary sentence is aligned with: the ``candidates`` sharing most content words with
    # it (sumcheck.faithfulness.lexical.candidate_chunks), 0 = every chunk of the source
    candidates: int = 0
    # issue 26: a sentence with a contradiction finding (sumcheck.faithfulness.contradiction) scores
    # ``contradiction_factor`` x its model score and is labelled unfaithful; 1.0 = findings change no score
    contradiction_factor: float = 1.0
    # issue 26: a sentence the fact-check flags (an unsupported number or name: feature ``fc_unsupported`` > 0)
    # is "not found" whatever its score, so its summary is labelled unfaithful (`sumcheck calibrate
    # --factcheck-flags`; measured on the shared cuts, bench/contradiction.py); False = the score alone decides
    factcheck_flags: bool = False
    provenance: Mapping[str, Any] = field(default_factory=dict)

    def __post_init__(self) -> None:
        n = len(self.features)
        if not (len(self.weights) == len(self.center) == len(self.scale) == n) or n == 0:
            raise ConfigError("faithfulness model: features, weights, center and scale must have the same non-zero length")
        if any(s <= 0 for s in self.scale):
            raise ConfigError("faithfulness model: every scale must be > 0")
        if self.encoder_dtype not in ENCODER_DTYPES:
            raise ConfigError(f"faithfulness model: encoder_dtype must be one of {ENCODER_DTYPES}, got {self.encoder_dtype!r}")
        if self.encoder not in ENCODERS:
            raise ConfigError(f"faithfulness model: encoder must be one of {ENCODERS}, got {self.encoder!r}")
        if self.encoder == "static" and self.encoder_dtype != "float32":
            raise ConfigError("faithfulness model: the static encoder has float32 vectors only (encoder_dtype: float32)")
        if isinstance(self.candidates, bool) or not isinstance(self.candidates, int) or self.candidates < 0:
            raise ConfigError(f"faithfulness model: candidates must be an integer >= 0 (0 = every chunk), got {self.candidates!r}")
        if not 0.0 <= self.contradiction_factor <= 1.0:
            raise ConfigError(f"faithfulness model: contradiction_factor must be from 0 to 1, got {self.contradiction_factor!r}")
        if self.aggregation not in AGGREGATIONS:
            raise ConfigError(f"faithfulness model: aggregation must be one of {AGGREGATIONS}, got {self.aggregation!r}")

    def sentence_score(self, feats: Mapping[str, float]) -> float:
        z = self.intercept
        for name, w, c, s in zip(self.features, self.weights, self.center, self.scale):
            z += w * (float(feats[name]) - c) / s
        p = 1.0 / (1.0 + math.exp(-z)) if z > -700 else 0.0
        if feats.get("contradiction", 0.0) > 0:  # absent (older feature rows): no finding
            p *= self.contradiction_factor
        return p

    def verdict(self, score: float, contradicted: bool, checked: bool = True, flagged: bool = False) -> str:
        """A sentence's verdict: ``contradicted`` (a finding), ``not found`` (score below the label
        threshold: weak support; or, with ``factcheck_flags``, a number or name the fact-check flags,
        ``flagged``), ``supported``, or ``unchecked`` when the score passes but the contradiction check
        did not run (never "supported" without it)."""
        if contradicted:
            return "contradicted"
        if score < self.threshold or (flagged and self.factcheck_flags):
            return "not found"
        return "supported" if checked else "unchecked"

    def aggregate(self, scores: Sequence[float]) -> float:
        if self.aggregation == "min":
            return float(min(scores))
        return float(sum(scores) / len(scores))

    def label(self, score: float) -> str:
        return "faithful" if score >= self.threshold else "unfaithful"

    def digest(self) -> str:
        """A short hash of the numbers (goes into the metric signature)."""
        import hashlib
        text = repr((self.features, self.weights, self.center, self.scale, self.intercept, self.threshold, self.chunking, self.aggregation)
                    + ((self.encoder_dtype,) if self.encoder_dtype != "float32" else ())
                    + ((("encoder", self.encoder),) if self.encoder != "minilm" else ())
                    + ((("candidates", self.candidates),) if self.candidates else ())
                    + ((("contradiction_factor", self.contradiction_factor),) if self.contradiction_factor != 1.0 else ())
                    + ((("factcheck_flags", True),) if self.factcheck_flags else ()))
        return hashlib.sha1(text.encode()).hexdigest()[:8]

    def to_json(self) -> dict[str, Any]:
        return {
            "backend": "offline", "chunking": self.chunking, "aggregation": self.aggregation, "encoder_dtype": self.encoder_dtype,
            **({"encoder": self.encoder} if self.encoder != "minilm" else {}),
            "candidates": self.candidates, "contradiction_factor": self.contradiction_factor,
            **({"factcheck_flags": True} if self.factcheck_flags else {}),
            "features": list(self.features), "weights": [round(w, 6) for w in self.weights],
            "center": [round(c, 6) for c in self.center], "scale": [round(s, 6) for s in self.scale],
            "intercept": round(self.intercept, 6), "threshold": round(self.threshold, 6),
            "provenance": dict(self.provenance),
        }

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> "OfflineModel":
        try:
            return cls(
                features=tuple(data["features"]), weights=tuple(float(x) for x in data["weights"]),
                center=tuple(float(x) for x in data["center"]), scale=tuple(float(x) for x in data["scale"]),
                intercept=float(data["intercept"]), threshold=float(data["threshold"]),
                chunking=str(data.get("chunking", "sent")), aggregation=str(data.get("aggregation", "min")),
                encoder_dtype=str(data.get("encoder_dtype", "float32")),
                encoder=str(data.get("encoder", "minilm")),
                candidates=data.get("candidates", 0),  # checked (an integer >= 0) in __post_init__
                contradiction_factor=float(data.get("contradiction_factor", 1.0)),
                factcheck_flags=_flag(data.get("factcheck_flags", False)),
                provenance=dict(data.get("provenance") or {}),
            )
        except (KeyError, TypeError, ValueError) as exc:
            raise ConfigError(f"faithfulness model config is malformed: {exc}") from exc


def _flag(value: Any) -> bool:
    if not isinstance(value, bool):
        raise ValueError(f"factcheck_flags must be true or false, got {value!r}")
    return value


def load_model(path: str | Path | None = None) -> OfflineModel:
    """Read the calibrated model (default: ``configs/faithfulness.yaml`` of this checkout)."""
    import yaml

    p = Path(path) if path else default_config_path()
    if not p.is_file():
        raise ConfigError(f"no calibrated faithfulness model at {p}; create it with `sumcheck calibrate`")
    try:
        data = yaml.safe_load(p.read_text(encoding="utf-8"))
    except yaml.YAMLError as exc:
        raise ConfigError(f"{p}: not valid YAML: {exc}") from exc
    if not isinstance(data, dict):
        raise ConfigError(f"{p}: expected a mapping")
    return OfflineModel.from_json(data)
