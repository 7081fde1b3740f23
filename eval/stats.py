"""Corpus statistics over stored per-item values: mean, seeded bootstrap interval, paired tests.

Pure functions over arrays; nothing here re-runs a model. Every random draw comes from
``numpy.random.default_rng(seed)`` with the seed passed in (and recorded by the caller).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np


@dataclass(frozen=True)
class Estimate:
    """A corpus mean with its bootstrap 95% interval over ``n`` scored items."""

    mean: float | None
    low: float | None
    high: float | None
    n: int
    unscored: int

    def to_json(self) -> dict[str, float | int | None]:
        return {"mean": self.mean, "ci_low": self.low, "ci_high": self.high, "n": self.n, "unscored": self.unscored}


def _clean(values: Sequence[float | None]) -> np.ndarray:
    return np.array([v for v in values if v is not None], dtype=float)


def bootstrap_mean(values: Sequence[float | None], *, resamples: int = 1000, seed: int = 12345, alpha: float = 0.05) -> Estimate:
    """Mean of the scored values with a percentile bootstrap interval; ``None`` values are unscored.

    >>> e = bootstrap_mean([1.0, 1.0, None, 1.0])
    >>> (e.mean, e.low, e.high, e.n, e.unscored)
    (1.0, 1.0, 1.0, 3, 1)
    """
    x = _clean(values)
    unscored = len(values) - len(x)
    if len(x) == 0:
        return Estimate(None, None, None, 0, unscored)
    mean = float(x.mean())
    if len(x) == 1 or resamples <= 0:
        return Estimate(mean, None, None, len(x), unscored)  # no interval from one item
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, len(x), size=(resamples, len(x)))
    means = x[idx].mean(axis=1)
    low, high = np.quantile(means, [alpha / 2, 1 - alpha / 2])
    return Estimate(mean, float(low), float(high), len(x), unscored)


@dataclass(frozen=True)
class PairedComparison:
    """Candidate minus baseline over the items both scored."""

    baseline: float | None
    candidate: float | None
    delta: float | None
    low: float | None
    high: float | None
    p_value: float | None
    n: int

    def to_json(self) -> dict[str, float | int | None]:
        return {
            "baseline": self.baseline, "candidate": self.candidate, "delta": self.delta,
            "ci_low": self.low, "ci_high": self.high, "p_value": self.p_value, "n": self.n,
        }


def paired_arrays(baseline: Sequence[float | None], candidate: Sequence[float | None]) -> tuple[np.ndarray, np.ndarray]:
    """The items both sides scored, as two aligned float arrays (``None`` on either side drops the item)."""
    if len(baseline) != len(candidate):
        raise ValueError("paired values must have the same length")
    both = [(b, c) for b, c in zip(baseline, candidate) if b is not None and c is not None]
    return np.array([p[0] for p in both], dtype=float), np.array([p[1] for p in both], dtype=float)


def paired_bootstrap(baseline: Sequence[float | None], candidate: Sequence[float | None], *, resamples: int = 1000, seed: int = 12345, alpha: float = 0.05) -> PairedComparison:
    """Paired bootstrap of ``mean(candidate - baseline)`` over items where both are scored.

    The two-sided p-value is the share of resampled deltas on the far side of zero, doubled
    (with a +1 correction so it is never exactly 0).

    >>> c = paired_bootstrap([0.5, 0.5, 0.5], [0.5, 0.5, 0.5])
    >>> (c.delta, c.low, c.high, c.p_value)
    (0.0, 0.0, 0.0, 1.0)
    """
    b, c = paired_arrays(baseline, candidate)
    if len(b) == 0:
        return PairedComparison(None, None, None, None, None, None, 0)
    d = c - b
    delta = float(d.mean())
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, len(d), size=(resamples, len(d)))
    deltas = d[idx].mean(axis=1)
    low, high = np.quantile(deltas, [alpha / 2, 1 - alpha / 2])
    if np.allclose(d, 0.0):
        p = 1.0
    else:
        far = np.sum(deltas <= 0.0) if delta > 0 else np.sum(deltas >= 0.0)
        p = min(1.0, 2.0 * (far + 1) / (resamples + 1))
    return PairedComparison(float(b.mean()), float(c.mean()), delta, float(low), float(high), float(p), len(d))
