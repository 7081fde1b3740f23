"""Meta-evaluate every metric on labelled data: scores per pair, then agreement with the labels.

For each dataset and metric: balanced accuracy at a threshold tuned on the matching validation
data (or, without it, k-fold cross-validated by source document), ROC-AUC with a bootstrap
interval, ROC points, and a breakdown by error type when the data has one. Unscored items (a
summary with no number or entity for the precision metrics, an empty summary) count as score 1:
nothing unsupported was found; how many there were is reported.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Sequence

import numpy as np

from sumcheck.metaeval.data import LabelledData
from sumcheck.metaeval.measures import (balanced_accuracy, balanced_accuracy_of, best_threshold, bootstrap_auc,
                                    cv_predictions, roc_curve)

# Published anchors (SummaC benchmark, test cuts; Laban et al. 2022), shown beside ours, labelled as published.
ANCHORS = (
    {"name": "SummaC-ZS (NLI, published)", "balanced_accuracy": 72.1, "scope": "mean over the SummaC benchmark test cuts"},
    {"name": "SummaC-Conv (NLI, published)", "balanced_accuracy": 74.4, "scope": "mean over the SummaC benchmark test cuts"},
    {"name": "NER overlap (published)", "balanced_accuracy": 60.0, "scope": "approximately, mean over the SummaC benchmark test cuts"},
)


PROGRESS_BLOCK = 64  # pairs scored per call when reporting progress (the metrics batch within it)


@dataclass(frozen=True)
class MetricScores:
    """One metric's per-pair values for one dataset (None = unscored)."""

    metric: str
    values: Sequence[float | None]


def _imputed(values: Sequence[float | None]) -> np.ndarray:
    return np.array([1.0 if v is None else float(v) for v in values], dtype=float)


def score_dataset(data: LabelledData, *, faithfulness: Any = None, with_factcheck: bool = True,
                  with_faithfulness: bool = True, progress: Callable[[int], None] | None = None) -> list[MetricScores]:
    """Run the metrics over one labelled dataset (``faithfulness``: a metric instance to reuse, so
    that its per-document cache spans datasets; default: a new one with default settings).
    ``progress(k)`` is called as each block of k pairs is done."""
    from sumcheck.metric import Pair
    from sumcheck.summarize.records import Document, Prediction

    pairs = [Pair(Document(id=str(i), text=p.document, references=p.references),
                  Prediction(doc_id=str(i), system="meta-eval", summary=p.summary)) for i, p in enumerate(data.pairs)]
    out: list[MetricScores] = []
    fc = None
    if with_factcheck:
        from sumcheck.factcheck.metric import FactCheckMetric
        fc = FactCheckMetric()
    fm = None
    if with_faithfulness:
        from sumcheck.faithfulness.metric import FaithfulnessMetric
        fm = faithfulness if faithfulness is not None else FaithfulnessMetric()
    fc_rows: list[dict[str, Any]] = []
    fm_rows: list[dict[str, Any]] = []
    for start in range(0, len(pairs), PROGRESS_BLOCK):  # in blocks, so that progress moves
        block = pairs[start:start + PROGRESS_BLOCK]
        block_fc = fc.score(block) if fc is not None else None
        fc_rows += block_fc or []
        if fm is not None:
            fm_rows += fm.score(block, upstream={"factcheck": block_fc} if block_fc is not None else None)
        if progress is not None:
            progress(len(block))
    if fc is not None:
        vals = [fc.item_values(r) for r in fc_rows]
        for key in ("fact_precision", "entity_precision", "number_precision"):
            out.append(MetricScores(key, [v.get(key) for v in vals]))
    if fm is not None:
        out.append(MetricScores("faithfulness", [fm.item_values(r)["faithfulness"] for r in fm_rows]))
    if all(p.references for p in data.pairs):
        from sumcheck.rouge.metric import RougeMetric
        rm = RougeMetric()
        rows = rm.score(pairs)
        vals = [rm.item_values(r) for r in rows]
        for key in ("rouge1", "rouge2", "rougeL"):
            if key in vals[0]:
                out.append(MetricScores(key, [v.get(key) for v in vals]))
    return out


ONE_CLASS = "unscored: the labels hold one class only"


def one_class_datasets(datasets: Sequence[LabelledData]) -> list[str]:
    """Names of the datasets whose labels are all 0 or all 1 (measures of agreement are undefined)."""
    return [d.name for d in datasets if len(set(d.labels)) < 2]


@dataclass(frozen=True)
class Agreement:
    metric: str
    dataset: str
    n: int
    unscored: int
    balanced_accuracy: float | None  # None: the labels hold one class, so it means nothing
    threshold: str  # "val:0.53" or "cv2:0.51/0.55"
    auc: Mapping[str, float | None]
    roc: Sequence[tuple[float, float]]
    by_error_type: Sequence[Mapping[str, Any]] = field(default_factory=tuple)

    def to_json(self) -> dict[str, Any]:
        return {"metric": self.metric, "dataset": self.dataset, "n": self.n, "unscored": self.unscored,
                "balanced_accuracy": None if self.balanced_accuracy is None else round(self.balanced_accuracy, 4),
                "threshold": self.threshold,
                "auc": self.auc, "roc": [[round(a, 4), round(b, 4)] for a, b in self.roc],
                "by_error_type": list(self.by_error_type)}


def error_breakdown(pred: np.ndarray, data: LabelledData) -> list[dict[str, Any]]:
    """Per error type: how many pairs, and the share the metric classified correctly."""
    types = [p.error_type for p in data.pairs]
    if not any(types):
        return []
    y = np.asarray(data.labels)
    out = []
    for t in sorted({t for t in types if t}):
        mask = np.array([x == t for x in types])
        correct = pred[mask] == (y[mask] == 1)
        out.append({"error_type": t, "n": int(mask.sum()), "share_correct": round(float(correct.mean()), 4)})
    return out


def agreement(ms: MetricScores, data: LabelledData, *, val: MetricScores | None = None, val_data: LabelledData | None = None,
              folds: int = 2, seed: int = 12345, resamples: int = 1000) -> Agreement:
    s = _imputed(ms.values)
    y = np.asarray(data.labels)
    if len(set(data.labels)) < 2:  # balanced accuracy and ROC-AUC need both classes: left unscored
        return Agreement(ms.metric, data.name, len(s), sum(v is None for v in ms.values), None, ONE_CLASS,
                         {"value": None, "ci_low": None, "ci_high": None}, ())
    if val is not None and val_data is not None:
        t = best_threshold(_imputed(val.values), val_data.labels)
        pred = s >= t
        ba, how = balanced_accuracy(s, y, t), f"val:{t:.4g}"
    else:
        pred, ts = cv_predictions(s, y, data.groups, folds=folds, seed=seed)
        ba, how = balanced_accuracy_of(pred, y), f"cv{folds}:" + "/".join(f"{t:.4g}" for t in ts)
    auc = bootstrap_auc(s, y, resamples=resamples, seed=seed).to_json()
    return Agreement(ms.metric, data.name, len(s), sum(v is None for v in ms.values), ba, how, auc,
                     roc_curve(s, y), error_breakdown(pred, data))


def meta_evaluate(datasets: Sequence[LabelledData], *, vals: Sequence[LabelledData | None] | None = None,
                  scorer: Callable[[LabelledData], list[MetricScores]] = score_dataset, folds: int = 2,
                  seed: int = 12345, resamples: int = 1000) -> dict[str, Any]:
    """The whole meta-evaluation as a JSON-able dict (per dataset x metric, plus means)."""
    vals = list(vals) if vals is not None else [None] * len(datasets)
    results: list[Agreement] = []
    for data, val in zip(datasets, vals):
        scores = scorer(data)
        val_scores = {m.metric: m for m in scorer(val)} if val is not None else {}
        for ms in scores:
            results.append(agreement(ms, data, val=val_scores.get(ms.metric), val_data=val, folds=folds, seed=seed,
                                     resamples=resamples))
    metrics = list(dict.fromkeys(a.metric for a in results))
    means, over = {}, {}
    for m in metrics:
        got = [(a.dataset, a.balanced_accuracy) for a in results if a.metric == m and a.balanced_accuracy is not None]
        if got:  # over the datasets where the figure exists (both classes present); `mean_over` names them
            means[m] = round(float(np.mean([v for _, v in got])), 4)
            over[m] = [name for name, _ in got]
    return {
        "version": 1,
        "protocol": ("threshold per dataset tuned on its validation data" if any(v is not None for v in vals)
                     else f"{folds}-fold cross-validation by source document (seed {seed}): threshold tuned on the other fold"),
        "datasets": [{"name": d.name, "file": d.path.rsplit("/", 1)[-1], "sha1": d.sha1, "n": len(d.pairs),
                      "consistent": int(sum(d.labels)), "val": (v.path.rsplit("/", 1)[-1] if v is not None else None)}
                     for d, v in zip(datasets, vals)],
        "results": [a.to_json() for a in results],
        "mean_balanced_accuracy": means,
        "mean_over": over,
        "anchors": list(ANCHORS),
    }
