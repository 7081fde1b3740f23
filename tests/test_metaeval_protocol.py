"""Meta-evaluation protocol (val threshold vs cross-validation, error-type breakdown) and the HTML page."""

from __future__ import annotations

import json
import re

import numpy as np
import pytest

from sumcheck.metaeval.data import LabelledData, LabelledPair, load_labelled
from sumcheck.metaeval.html import render
from sumcheck.metaeval.run import MetricScores, meta_evaluate
from sumcheck.summarize.errors import InputError


def _data(name, labels, types=None):
    types = types or [None] * len(labels)
    pairs = tuple(LabelledPair(f"doc {i // 2}", f"summary {i}", y, f"g{i // 2}", t) for i, (y, t) in enumerate(zip(labels, types)))
    return LabelledData(name, f"/x/{name}.jsonl", "0" * 40, pairs)


def _scorer(table):
    """A stand-in for the real metrics: per dataset name, a fixed score list per metric."""
    return lambda data: [MetricScores(m, v) for m, v in table[data.name].items()]


def test_val_threshold_is_applied_to_test_data():
    test = _data("frank", [1, 1, 0, 0])
    val = _data("frank_v", [1, 1, 0, 0])
    table = {"frank": {"m": [0.6, 0.7, 0.55, 0.2]}, "frank_v": {"m": [0.9, 0.8, 0.5, 0.1]}}
    rep = meta_evaluate([test], vals=[val], scorer=_scorer(table), resamples=50)
    [r] = rep["results"]
    # val threshold = midpoint of 0.5 and 0.8 = 0.65: on test 0.7 passes, 0.6 fails, negatives fail -> (1/2 + 1) / 2
    assert r["threshold"] == "val:0.65" and r["balanced_accuracy"] == 0.75
    assert r["auc"]["value"] == 1.0 and "validation" in rep["protocol"]


def test_cross_validation_when_no_val_and_unscored_count():
    rng = np.random.default_rng(0)
    y = list(rng.integers(0, 2, 200))
    vals = [float(v) + 0.01 * i / 200 for i, v in enumerate(y)]  # separable
    vals[y.index(1)] = None  # unscored counts as score 1 (nothing unsupported): right for a consistent pair
    rep = meta_evaluate([_data("a", y)], scorer=_scorer({"a": {"perfect": vals}}), resamples=50)
    [r] = rep["results"]
    assert r["threshold"].startswith("cv2:") and r["unscored"] == 1
    assert r["balanced_accuracy"] > 0.99 and rep["mean_balanced_accuracy"]["perfect"] == r["balanced_accuracy"]


def test_error_type_breakdown_counts_correct_calls():
    labels = [1, 0, 0, 0, 1, 0]
    types = ["NoE", "EntE", "EntE", "CircE", "NoE", "CircE"]
    scores = [0.9, 0.1, 0.8, 0.2, 0.95, 0.3]
    val = _data("f_val", labels, types)
    val_scores = [0.9, 0.1, 0.2, 0.3, 0.95, 0.4]  # tuned threshold: midpoint of 0.4 and 0.9
    rep = meta_evaluate([_data("f", labels, types)], vals=[val], scorer=_scorer({"f": {"m": scores}, "f_val": {"m": val_scores}}),
                        resamples=20)
    by = {t["error_type"]: t for t in rep["results"][0]["by_error_type"]}
    assert by["EntE"] == {"error_type": "EntE", "n": 2, "share_correct": 0.5}  # 0.8 is called consistent
    assert by["CircE"]["share_correct"] == 1.0 and by["NoE"]["share_correct"] == 1.0


def test_html_escapes_text_and_is_self_contained():
    evil = "<script>alert(1)</script>"
    rep = meta_evaluate([_data(evil, [1, 0, 1, 0])], scorer=_scorer({evil: {evil: [0.9, 0.1, 0.8, 0.3]}}), resamples=20)
    page = render(rep, notes=[evil])
    assert "<script>" not in page and "&lt;script&gt;" in page
    assert "<svg" in page and "<polyline" in page
    assert not re.search(r"(src|href)=[\"']?https?:", page)
    assert "published" in page and "72.1" in page and "74.4" in page
    json.dumps(rep)  # JSON-able


def test_load_labelled_rejects_bad_rows(tmp_path):
    p = tmp_path / "bad_val.jsonl"
    p.write_text(json.dumps({"document": "d", "summary": "s", "label": 2}) + "\n")
    with pytest.raises(InputError, match="label"):
        load_labelled(p)
    p.write_text(json.dumps({"document": "d", "summary": "s", "label": 1, "error_type": "NoE"}) + "\n")
    d = load_labelled(p)
    assert d.name == "bad" and d.pairs[0].error_type == "NoE" and len(d.sha1) == 40
