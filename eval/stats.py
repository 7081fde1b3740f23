"""Corpus statistics over stored per-item values: mean, seeded bootstrap interval, paired tests.

Pure functions over arrays; nothing here re-runs a model. Every random draw comes from
``numpy.random.default_rng(seed)`` with the seed passed in (and recorded by the caller).

The gate's paired test is :func:`sign_flip_test` (a paired permutation test: under "no change" each
per-document difference is as likely to have either sign). It enumerates all ``2**n`` sign patterns
when that fits in the resample budget, so its p-value is exact; otherwise it draws ``resamples``
patterns, and its smallest p-value is ``2 / (resamples + 1)``. :func:`resamples_for` gives the budget
that keeps that floor far below a Holm-corrected level over ``m`` tests. :func:`smallest_p` and
:func:`min_documents` say when ``n`` documents are too few for any change to be significant.
"""

from __future__ import annotations

import math
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


def bootstrap_mean(values: Sequence[float | None], *, resamples: int = 1000, seed: int = 12345, alpha: float = 0.05,
                   draws: dict[tuple[int, int, int], np.ndarray] | None = None) -> Estimate:
    """Mean of the scored values with a percentile bootstrap interval; ``None`` values are unscored.

    The resample indices are ``default_rng(seed).integers(0, n, size=(resamples, n))`` for ``n``
    scored values, so they depend only on ``(n, resamples, seed)``: ``draws``, a dict the caller
    keeps across calls, holds them by that key so that many columns of one size draw them once (the
    intervals are the same as without it).

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
    key = (len(x), resamples, seed)
    idx = draws.get(key) if draws is not None else None
    if idx is None:
        idx = np.random.default_rng(seed).integers(0, len(x), size=(resamples, len(x)))
        if draws is not None:
            draws[key] = idx
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


EXACT_LIMIT = 1 << 16
"""Enumerate every sign pattern (an exact p-value) when ``2**n`` is at most this and the budget."""
STOP_HITS = 200
"""Drawn patterns stop early once each tail has this many: the p-value is then at least about
``STOP_HITS / drawn``, far above any level a test is judged at."""


def sign_flip_test(differences: Sequence[float], *, resamples: int = 10_000, seed: int = 12345) -> float:
    """Two-sided p-value of a paired sign-flip permutation test of ``mean(differences) == 0``.

    ``differences`` are per-item ``candidate - baseline``. Under the null hypothesis each difference
    is symmetric about 0, so flipping signs gives the null distribution of the mean (Fisher 1935;
    Good, *Permutation Tests*, 2nd ed., sec. 3.1). With ``2**n <= min(resamples, EXACT_LIMIT)`` all
    sign patterns are enumerated (exact); otherwise up to ``resamples`` random patterns are drawn and
    each tail is ``(hits + 1) / (drawn + 1)``, stopping early when both tails already hold
    :data:`STOP_HITS` draws (a clearly large p-value). The two-sided p is twice the smaller tail, capped at 1:
    the same convention as ``scipy.stats.permutation_test`` (a test checks the two agree).

    Returns 1.0 when every difference is 0 (no evidence of any change).

    >>> sign_flip_test([0.1, 0.2, 0.15, 0.3])   # all 16 patterns; only ++++ and ---- are as extreme
    0.125
    >>> sign_flip_test([0.0, 0.0])
    1.0
    """
    d = np.asarray([float(x) for x in differences], dtype=float)
    n = len(d)
    if n == 0:
        raise ValueError("no paired differences")
    if np.allclose(d, 0.0):
        return 1.0
    observed = float(d.sum())
    tol = 1e-9 * max(1.0, float(np.abs(d).sum()))  # equal up to rounding counts as "as extreme"
    if (1 << min(n, 62)) <= min(resamples, EXACT_LIMIT):
        bits = (np.arange(1 << n)[:, None] >> np.arange(n)[None, :]) & 1
        null = (1.0 - 2.0 * bits) @ d
        lo = float(np.mean(null <= observed + tol))
        hi = float(np.mean(null >= observed - tol))
    else:
        # a pattern is n random bits b; its sum is sum((2b - 1) * d) = 2 * (b @ d) - sum(d). Drawn in
        # growing batches, stopping once both tails hold STOP_HITS draws: the p-value is then clearly
        # large (>= ~STOP_HITS / drawn) and more draws would only refine a number far from any level
        # (sequential Monte Carlo, Besag & Clifford 1991); a small p always gets the whole budget.
        rng = np.random.default_rng(seed)
        width = (n + 7) // 8
        cap = max(1, 2_000_000 // n)  # bounded memory: at most ~16 MB of signs at once
        drawn = low_hits = high_hits = 0
        batch = 1024
        while drawn < resamples:
            k = min(batch, cap, resamples - drawn)
            packed = np.frombuffer(rng.bytes(k * width), dtype=np.uint8).reshape(k, width)
            null = 2.0 * (np.unpackbits(packed, axis=1, count=n).astype(np.float64) @ d) - observed
            low_hits += int(np.sum(null <= observed + tol))
            high_hits += int(np.sum(null >= observed - tol))
            drawn += k
            batch *= 2
            if min(low_hits, high_hits) >= STOP_HITS:
                break
        lo = (low_hits + 1) / (drawn + 1)
        hi = (high_hits + 1) / (drawn + 1)
    return min(1.0, 2.0 * min(lo, hi))


def smallest_p(n: int, resamples: int) -> float:
    """The smallest two-sided p-value :func:`sign_flip_test` can return for ``n`` nonzero differences.

    Exact enumeration: only the all-plus and all-minus patterns are as extreme as a one-signed
    sample, so ``2 / 2**n``; drawn patterns: ``2 / (resamples + 1)``.

    >>> smallest_p(6, 10_000)     # 6 documents: 1/32, above 0.05/60 and so never significant over 60 tests
    0.03125
    >>> round(smallest_p(40, 9_999), 6)
    0.0002
    """
    if n <= 0:
        return 1.0
    if n < 62 and (1 << n) <= min(resamples, EXACT_LIMIT):
        return 2.0 / (1 << n)
    return max(2.0 / (resamples + 1), 2.0 ** (1 - min(n, 1000)))


def resamples_for(tests: int, alpha: float, *, floor: int = 0, margin: float = 10.0) -> int:
    """A resample budget whose smallest p (``2 / (B + 1)``) is ``margin`` times below ``alpha / tests``.

    ``alpha / tests`` is the level the smallest p-value must beat in the first step of Holm's
    procedure; a floor only just below it would leave almost no power, hence the margin.

    >>> resamples_for(60, 0.05)
    24000
    >>> resamples_for(1, 0.05, floor=2000)
    2000
    """
    need = math.ceil(2.0 * margin * max(1, tests) / alpha)
    return max(int(floor), need)


def min_documents(tests: int, alpha: float) -> int:
    """The fewest paired documents with which a change can be significant at all, Holm over ``tests``.

    The exact floor ``2 / 2**n`` must be below ``alpha / tests``.

    >>> min_documents(60, 0.05)
    12
    >>> min_documents(1, 0.05)
    6
    """
    return max(1, math.floor(1 + math.log2(max(1, tests) / alpha)) + 1)


def detectable_change(sd: float, n: int, *, alpha: float, power: float = 0.8) -> float:
    """The smallest true mean change a two-sided paired test at level ``alpha`` detects with ``power``.

    Normal approximation (Cohen 1988, ch. 2): ``(z[1 - alpha/2] + z[power]) * sd / sqrt(n)``, with
    ``sd`` the standard deviation of the per-item differences. ``inf`` for ``n < 2``.

    >>> round(detectable_change(0.1, 100, alpha=0.05), 4)
    0.028
    """
    from scipy.stats import norm

    if n < 2:
        return math.inf
    return float((norm.ppf(1 - alpha / 2) + norm.ppf(power)) * sd / math.sqrt(n))


def paired_test(baseline: Sequence[float | None], candidate: Sequence[float | None], *, resamples: int = 10_000,
                ci_resamples: int = 1000, seed: int = 12345, alpha: float = 0.05) -> PairedComparison:
    """Candidate minus baseline over items both scored: bootstrap interval, sign-flip p-value.

    The interval is the paired percentile bootstrap of :func:`paired_bootstrap` (``ci_resamples``
    draws); the p-value is :func:`sign_flip_test` with ``resamples`` patterns.

    >>> c = paired_test([0.5, 0.6, 0.7, 0.8], [0.4, 0.5, 0.6, 0.7])
    >>> (round(c.delta, 4), c.p_value, c.n)
    (-0.1, 0.125, 4)
    """
    boot = paired_bootstrap(baseline, candidate, resamples=ci_resamples, seed=seed, alpha=alpha)
    if boot.n == 0:
        return boot
    b, c = paired_arrays(baseline, candidate)
    p = sign_flip_test(c - b, resamples=resamples, seed=seed)
    return PairedComparison(boot.baseline, boot.candidate, boot.delta, boot.low, boot.high, p, boot.n)
