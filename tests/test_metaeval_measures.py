"""sumcheck.metaeval.measures checked against scikit-learn's independent implementations."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sumcheck.metaeval.measures import (balanced_accuracy, balanced_accuracy_of, best_threshold, bootstrap_auc,
                                    cv_balanced_accuracy, group_folds, roc_auc, roc_curve)

sk = pytest.importorskip("sklearn.metrics")

labelled = st.lists(st.tuples(st.integers(0, 20).map(lambda v: v / 20), st.integers(0, 1)), min_size=2, max_size=60).filter(
    lambda xs: len({y for _, y in xs}) == 2)


@settings(max_examples=60, deadline=None)
@given(labelled)
def test_auc_matches_sklearn(xs):
    s, y = zip(*xs)
    assert roc_auc(s, y) == pytest.approx(sk.roc_auc_score(y, s), abs=1e-12)


@settings(max_examples=60, deadline=None)
@given(labelled, st.integers(0, 20).map(lambda v: v / 20))
def test_balanced_accuracy_matches_sklearn(xs, t):
    s, y = zip(*xs)
    pred = [int(v >= t) for v in s]
    assert balanced_accuracy(s, y, t) == pytest.approx(sk.balanced_accuracy_score(y, pred), abs=1e-12)
    assert balanced_accuracy_of([bool(p) for p in pred], y) == pytest.approx(sk.balanced_accuracy_score(y, pred), abs=1e-12)


@settings(max_examples=60, deadline=None)
@given(labelled)
def test_best_threshold_is_optimal_over_all_cuts(xs):
    s, y = zip(*xs)
    t = best_threshold(s, y)
    brute = max(balanced_accuracy(s, y, c) for c in list(s) + [max(s) + 1])
    assert balanced_accuracy(s, y, t) == pytest.approx(brute, abs=1e-12)


@settings(max_examples=40, deadline=None)
@given(labelled)
def test_roc_curve_area_equals_auc(xs):
    s, y = zip(*xs)
    pts = np.array(roc_curve(s, y))
    area = float(np.sum((pts[1:, 0] - pts[:-1, 0]) * (pts[1:, 1] + pts[:-1, 1]) / 2))
    assert area == pytest.approx(sk.roc_auc_score(y, s), abs=1e-9)
    fpr, tpr, _ = sk.roc_curve(y, s)
    assert set(map(tuple, np.round(pts, 9))) >= set(zip(np.round(fpr, 9), np.round(tpr, 9)))


def test_bootstrap_interval_contains_point_and_is_seeded():
    rng = np.random.default_rng(0)
    y = rng.integers(0, 2, 200)
    s = y * 0.5 + rng.random(200)
    a = bootstrap_auc(s, y, resamples=300, seed=7)
    b = bootstrap_auc(s, y, resamples=300, seed=7)
    assert a == b and a.low <= a.value <= a.high and a.high - a.low < 0.3


def test_folds_keep_documents_together_and_cv_is_fair():
    groups = [f"d{i // 3}" for i in range(60)]
    f = group_folds(groups, folds=2, seed=3)
    for g in set(groups):
        assert len({f[i] for i in range(60) if groups[i] == g}) == 1
    # a score that is pure noise must not look good under cross-validation
    rng = np.random.default_rng(1)
    y = rng.integers(0, 2, 400)
    s = rng.random(400)
    assert cv_balanced_accuracy(s, y, [str(i) for i in range(400)]) < 0.58
    assert cv_balanced_accuracy(y + 0.1 * s, y, [str(i) for i in range(400)]) == 1.0


def test_auc_undefined_with_one_class():
    assert roc_auc([0.1, 0.2], [1, 1]) is None
