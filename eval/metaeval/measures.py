"""Agreement measures between metric scores (higher = more faithful) and binary human labels
(1 = consistent): balanced accuracy at a threshold, threshold tuning, ROC curve and AUC with a
seeded bootstrap interval, and k-fold cross-validated balanced accuracy.

Pure numpy; every random draw comes from ``numpy.random.default_rng(seed)``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Sequence

import numpy as np


def _arrays(scores: Sequence[float], labels: Sequence[int]) -> tuple[np.ndarray, np.ndarray]:
    s = np.asarray(scores, dtype=float)
    y = np.asarray(labels, dtype=int)
    if s.shape != y.shape:
        raise ValueError("scores and labels must have the same length")
    if np.isnan(s).any():
        raise ValueError("scores must not be NaN (impute unscored items before measuring)")
    return s, y


def balanced_accuracy(scores: Sequence[float], labels: Sequence[int], threshold: float) -> float:
    """Mean of the recall of each class when ``score >= threshold`` predicts consistent.

    >>> balanced_accuracy([0.9, 0.8, 0.3, 0.7], [1, 1, 0, 0], 0.75)
    1.0
    >>> balanced_accuracy([0.9, 0.8, 0.3, 0.7], [1, 1, 0, 0], 0.5)
    0.75
    """
    s, y = _arrays(scores, labels)
    pred = s >= threshold
    recalls = [float(np.mean(pred[y == 1])) if np.any(y == 1) else None,
               float(np.mean(~pred[y == 0])) if np.any(y == 0) else None]
    kept = [r for r in recalls if r is not None]
    return float(np.mean(kept)) if kept else float("nan")


def best_threshold(scores: Sequence[float], labels: Sequence[int]) -> float:
    """The threshold with the highest balanced accuracy (midpoint between adjacent distinct scores;
    ties go to the lowest such threshold, so the result is deterministic).

    >>> best_threshold([0.1, 0.2, 0.6, 0.9], [0, 0, 1, 1])
    0.4
    """
    s, y = _arrays(scores, labels)
    u = np.unique(s)
    if len(u) == 1:
        return float(u[0])
    candidates = np.concatenate([[u[0]], (u[:-1] + u[1:]) / 2.0, [u[-1] + 1e-9]])
    pos, neg = max(int(np.sum(y == 1)), 1), max(int(np.sum(y == 0)), 1)
    # recall of class 1 at t: share of positives with s >= t; of class 0: share of negatives with s < t
    s_pos, s_neg = np.sort(s[y == 1]), np.sort(s[y == 0])
    tpr = 1.0 - np.searchsorted(s_pos, candidates, side="left") / pos
    tnr = np.searchsorted(s_neg, candidates, side="left") / neg
    ba = (tpr + tnr) / 2.0
    return float(candidates[int(np.argmax(ba))])


def roc_auc(scores: Sequence[float], labels: Sequence[int]) -> float | None:
    """Area under the ROC curve (the Mann-Whitney statistic, ties count one half); None with one class.

    >>> roc_auc([0.1, 0.4, 0.35, 0.8], [0, 0, 1, 1])
    0.75
    """
    s, y = _arrays(scores, labels)
    pos, neg = s[y == 1], s[y == 0]
    if len(pos) == 0 or len(neg) == 0:
        return None
    from scipy.stats import rankdata
    ranks = rankdata(np.concatenate([pos, neg]))
    return float((ranks[:len(pos)].sum() - len(pos) * (len(pos) + 1) / 2.0) / (len(pos) * len(neg)))


def roc_curve(scores: Sequence[float], labels: Sequence[int]) -> list[tuple[float, float]]:
    """ROC points (false positive rate, true positive rate) from (0,0) to (1,1), consistent = positive.

    >>> roc_curve([0.2, 0.8], [0, 1])
    [(0.0, 0.0), (0.0, 1.0), (1.0, 1.0)]
    """
    s, y = _arrays(scores, labels)
    pos, neg = max(int(np.sum(y == 1)), 1), max(int(np.sum(y == 0)), 1)
    points = [(0.0, 0.0)]
    for t in np.unique(s)[::-1]:
        pred = s >= t
        points.append((float(np.sum(pred & (y == 0)) / neg), float(np.sum(pred & (y == 1)) / pos)))
    if points[-1] != (1.0, 1.0):
        points.append((1.0, 1.0))
    return points


@dataclass(frozen=True)
class Interval:
    value: float | None
    low: float | None
    high: float | None

    def to_json(self) -> dict[str, float | None]:
        return {"value": self.value, "ci_low": self.low, "ci_high": self.high}


def bootstrap_auc(scores: Sequence[float], labels: Sequence[int], *, resamples: int = 1000, seed: int = 12345,
                  alpha: float = 0.05) -> Interval:
    """ROC-AUC with a percentile bootstrap interval (resampling pairs; draws with one class skipped)."""
    s, y = _arrays(scores, labels)
    value = roc_auc(s, y)
    if value is None:
        return Interval(None, None, None)
    rng = np.random.default_rng(seed)
    vals = []
    for _ in range(resamples):
        idx = rng.integers(0, len(s), size=len(s))
        v = roc_auc(s[idx], y[idx])
        if v is not None:
            vals.append(v)
    if not vals:
        return Interval(value, value, value)
    low, high = np.quantile(vals, [alpha / 2, 1 - alpha / 2])
    return Interval(value, float(low), float(high))


def group_folds(groups: Sequence[str], *, folds: int = 2, seed: int = 12345) -> np.ndarray:
    """A fold number per item; items sharing a group (the same source document) share a fold.

    >>> f = group_folds(["a", "a", "b", "c", "c", "d"], folds=2, seed=1)
    >>> bool(f[0] == f[1] and f[3] == f[4])
    True
    """
    uniq = sorted(set(groups))
    rng = np.random.default_rng(seed)
    perm = rng.permutation(len(uniq))
    fold_of = {uniq[i]: int(k % folds) for k, i in enumerate(perm)}
    return np.array([fold_of[g] for g in groups], dtype=int)


def cv_predictions(scores: Sequence[float], labels: Sequence[int], groups: Sequence[str], *, folds: int = 2,
                   seed: int = 12345) -> tuple[np.ndarray, list[float]]:
    """Consistent/inconsistent predictions with each fold's threshold tuned on the other folds,
    and the thresholds used (one per fold)."""
    s, y = _arrays(scores, labels)
    f = group_folds(groups, folds=folds, seed=seed)
    pred = np.zeros(len(s), dtype=bool)
    thresholds = []
    for k in range(folds):
        test = f == k
        train = ~test
        t = best_threshold(s[train], y[train]) if train.any() else best_threshold(s, y)
        thresholds.append(t)
        pred[test] = s[test] >= t
    return pred, thresholds


def balanced_accuracy_of(pred: Sequence[bool], labels: Sequence[int]) -> float:
    """Balanced accuracy of given predictions (True = consistent).

    >>> balanced_accuracy_of([True, False, False, False], [1, 1, 0, 0])
    0.75
    """
    p = np.asarray(pred, dtype=bool)
    y = np.asarray(labels, dtype=int)
    recalls = [float(np.mean(p[y == c] == bool(c))) for c in (0, 1) if np.any(y == c)]
    return float(np.mean(recalls)) if recalls else float("nan")


def cv_balanced_accuracy(scores: Sequence[float], labels: Sequence[int], groups: Sequence[str], *, folds: int = 2,
                         seed: int = 12345) -> float:
    """Balanced accuracy with the threshold tuned on the other folds, pooled over the folds' predictions."""
    pred, _ = cv_predictions(scores, labels, groups, folds=folds, seed=seed)
    return balanced_accuracy_of(pred, labels)
