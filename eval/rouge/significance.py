"""Corpus ROUGE with bootstrap intervals, and paired tests between two systems on the same documents.

Everything works on the per-item values that :meth:`RougeMetric.item_values` produces (F-measure
per ROUGE type, ``None`` when unscored), so nothing is re-scored. Random draws come from
``numpy.random.default_rng(seed)``; the caller records the seed in the signature.
"""

from __future__ import annotations

from typing import Mapping, Sequence

import numpy as np

from sumcheck.stats import Estimate, PairedComparison, bootstrap_mean, paired_arrays, paired_bootstrap


def item_f(rows: Sequence[Mapping], rouge_type: str) -> list[float | None]:
    """The F-measure of ``rouge_type`` for each ``rouge`` row, ``None`` where unscored."""
    return [(row[rouge_type]["fmeasure"] if rouge_type in row else None) for row in rows]


def corpus_rouge(rows: Sequence[Mapping], *, types: Sequence[str], resamples: int = 1000, seed: int = 12345) -> dict[str, Estimate]:
    """Mean F per ROUGE type over the scored rows, each with its percentile bootstrap 95% interval."""
    return {t: bootstrap_mean(item_f(rows, t), resamples=resamples, seed=seed) for t in types}


def approximate_randomization(baseline: Sequence[float | None], candidate: Sequence[float | None], *, resamples: int = 10000, seed: int = 12345) -> PairedComparison:
    """Two-sided approximate randomisation test of ``mean(candidate - baseline)`` (Noreen 1989).

    Under the null hypothesis the two systems' labels are exchangeable within each item, so each
    resample flips the sign of every paired difference with probability 1/2. The p-value is
    ``(count(|resampled mean| >= |observed mean|) + 1) / (resamples + 1)``. Items unscored on
    either side are left out. The interval fields stay ``None`` (use :func:`compare_systems` with
    ``method="bootstrap"`` for an interval).

    >>> approximate_randomization([0.2, 0.3, 0.4], [0.2, 0.3, 0.4]).p_value
    1.0
    """
    b, c = paired_arrays(baseline, candidate)
    if len(b) == 0:
        return PairedComparison(None, None, None, None, None, None, 0)
    d = c - b
    observed = float(d.mean())
    if np.allclose(d, 0.0):
        return PairedComparison(float(b.mean()), float(c.mean()), observed, None, None, 1.0, len(d))
    rng = np.random.default_rng(seed)
    extreme = 0
    chunk = max(1, min(resamples, 2_000_000 // max(len(d), 1)))
    done = 0
    while done < resamples:
        k = min(chunk, resamples - done)
        signs = rng.integers(0, 2, size=(k, len(d)), dtype=np.int8) * 2 - 1
        means = (signs * d).mean(axis=1)
        extreme += int(np.sum(np.abs(means) >= abs(observed) - 1e-12))
        done += k
    p = (extreme + 1) / (resamples + 1)
    return PairedComparison(float(b.mean()), float(c.mean()), observed, None, None, float(p), len(d))


def compare_systems(baseline_rows: Sequence[Mapping], candidate_rows: Sequence[Mapping], *, rouge_type: str,
                    method: str = "bootstrap", resamples: int = 1000, seed: int = 12345) -> PairedComparison:
    """Paired test of candidate vs baseline ROUGE F on the same documents, rows aligned by position.

    ``method`` is ``bootstrap`` (:func:`sumcheck.stats.paired_bootstrap`: delta, 95% interval, p) or
    ``randomization`` (:func:`approximate_randomization`: delta and p).
    """
    if len(baseline_rows) != len(candidate_rows):
        raise ValueError(f"the two systems have {len(baseline_rows)} and {len(candidate_rows)} rows; pair them by document first")
    b, c = item_f(baseline_rows, rouge_type), item_f(candidate_rows, rouge_type)
    if method == "bootstrap":
        return paired_bootstrap(b, c, resamples=resamples, seed=seed)
    if method == "randomization":
        return approximate_randomization(b, c, resamples=resamples, seed=seed)
    raise ValueError(f"unknown paired test {method!r}; use 'bootstrap' or 'randomization'")
