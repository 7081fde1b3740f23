"""Fit the offline backend's logistic model on labelled validation data (``sumcheck calibrate``).

Calibration across heterogeneous benchmarks is the crux: the datasets differ in base rate (10%
consistent in XSumFaith, 86% in FactCC), summary style and source length, so a model pooled over
raw features learns the datasets rather than faithfulness. Here:

* every feature is standardised within its dataset before fitting (the model learns how features
  rank pairs *within* a dataset, which is what a per-dataset threshold can use);
* each dataset weighs the same, and within it both classes weigh the same (balanced accuracy);
* the shipped ``center``/``scale`` are the means over datasets of the per-dataset values;
* with ``min`` aggregation a summary is represented by its weakest sentence: start from the
  per-feature worst value, then refit twice on the sentence the current model scores lowest;
* the label threshold maximises the mean over datasets of balanced accuracy.

Everything is deterministic (lbfgs, fixed folds from a seed).
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from typing import Any, Mapping, Sequence

import numpy as np

from sumcheck.faithfulness.model import OfflineModel
from sumcheck.metaeval.measures import balanced_accuracy, best_threshold, group_folds

# Features where a higher value means *less* support.
NEGATIVE = frozenset({"novel_bigram", "novel_trigram", "fc_unsupported", "neg_mismatch", "pron_mismatch", "novel_count",
                      "contradiction"})
DEFAULT_FEATURES = ("align", "uni_support", "bi_support", "novel_trigram", "num_support", "fc_support", "fc_unsupported",
                    "align2", "local_uni", "local_bi", "lex_best", "lex_pair", "neg_mismatch", "pron_mismatch", "novel_count",
                    "log_words", "novel_bigram")


@dataclass(frozen=True)
class LabelledSet:
    """One dataset's pairs as per-sentence feature dicts, with labels and document groups."""

    name: str
    sentences: Sequence[Sequence[Mapping[str, float]]]  # per pair, per summary sentence
    labels: Sequence[int]
    groups: Sequence[str]


def _worst(sents: Sequence[Mapping[str, float]], features: Sequence[str]) -> list[float]:
    return [max(s[f] for s in sents) if f in NEGATIVE else min(s[f] for s in sents) for f in features]


def _mean(sents: Sequence[Mapping[str, float]], features: Sequence[str]) -> list[float]:
    return [float(np.mean([s[f] for s in sents])) for f in features]


def _fit_once(xs: list[np.ndarray], ys: list[np.ndarray], *, c: float) -> tuple[np.ndarray, float, np.ndarray, np.ndarray]:
    from sklearn.linear_model import LogisticRegression

    centers = np.stack([x.mean(axis=0) for x in xs])
    scales = np.stack([x.std(axis=0) for x in xs])
    scales = np.where(scales < 1e-6, 1.0, scales)
    z = np.concatenate([(x - m) / s for x, m, s in zip(xs, centers, scales)])
    y = np.concatenate(ys)
    w = np.concatenate([np.where(yy == 1, 0.5 / max((yy == 1).sum(), 1), 0.5 / max((yy == 0).sum(), 1)) for yy in ys])
    w = w * len(y) / w.sum()
    lr = LogisticRegression(C=c, solver="lbfgs", max_iter=1000)
    lr.fit(z, y, sample_weight=w)
    return lr.coef_[0].astype(float), float(lr.intercept_[0]), centers.mean(axis=0), scales.mean(axis=0)


def _model(features, coef, intercept, center, scale, *, threshold=0.5, chunking, aggregation, candidates=0,
           contradiction_factor=1.0, provenance=None) -> OfflineModel:
    return OfflineModel(features=tuple(features), weights=tuple(float(v) for v in coef), center=tuple(float(v) for v in center),
                        scale=tuple(float(v) for v in scale), intercept=float(intercept), threshold=float(threshold),
                        chunking=chunking, aggregation=aggregation, candidates=int(candidates),
                        contradiction_factor=float(contradiction_factor), provenance=dict(provenance or {}))


def summary_scores(model: OfflineModel, sentences: Sequence[Sequence[Mapping[str, float]]]) -> np.ndarray:
    return np.array([model.aggregate([model.sentence_score(s) for s in sents]) for sents in sentences])


def usable_features(sets: Sequence[LabelledSet], features: Sequence[str]) -> tuple[str, ...]:
    """The requested features that vary somewhere in the data (a constant one cannot be fitted)."""
    keep = []
    for f in features:
        vals = [s[f] for ds in sets for sents in ds.sentences for s in sents]
        if vals and float(np.std(vals)) > 1e-9:
            keep.append(f)
    return tuple(keep)


def fit(sets: Sequence[LabelledSet], *, features: Sequence[str] = DEFAULT_FEATURES, chunking: str, aggregation: str = "min",
        c: float = 1.0, refits: int = 2, label_recall: float = 0.0, candidates: int = 0,
        contradiction_factor: float | str = 1.0, provenance: Mapping[str, Any] | None = None) -> OfflineModel:
    """The calibrated model for ``sets`` (each non-empty, both classes present).

    The label threshold: with ``label_recall`` 0, the one that maximises mean balanced accuracy
    over the datasets (:func:`shared_threshold`); otherwise the highest threshold at which at least
    that share of the consistent summaries of *every* dataset is labelled faithful
    (:func:`recall_threshold`). ``candidates`` is recorded in the model: it must be the setting the
    sentence features of ``sets`` were computed with (``OfflineScorer(candidates=...)``).
    ``contradiction_factor`` (issue 26) multiplies the score of a sentence with a contradiction
    finding (feature ``contradiction``) in the refits and in the threshold's choice, as in scoring;
    ``"threshold"``: the weights and the threshold are fitted without it, then the factor is the
    label threshold itself, so that a contradicted sentence scores ``threshold x score`` < threshold:
    below every sentence labelled faithful, in the order of its own score.
    """
    if contradiction_factor == "threshold":
        model = fit(sets, features=features, chunking=chunking, aggregation=aggregation, c=c, refits=refits,
                    label_recall=label_recall, candidates=candidates, contradiction_factor=1.0, provenance=provenance)
        import dataclasses
        return dataclasses.replace(model, contradiction_factor=model.threshold)
    contradiction_factor = float(contradiction_factor)
    features = usable_features(sets, features)
    ys = [np.asarray(ds.labels, dtype=int) for ds in sets]
    pick = _worst if aggregation == "min" else _mean
    xs = [np.array([pick(sents, features) for sents in ds.sentences], dtype=float) for ds in sets]
    coef, b, center, scale = _fit_once(xs, ys, c=c)
    model = _model(features, coef, b, center, scale, chunking=chunking, aggregation=aggregation,
                   contradiction_factor=contradiction_factor)
    for _ in range(refits if aggregation == "min" else 0):
        xs = []
        for ds in sets:
            rows = []
            for sents in ds.sentences:
                scores = [model.sentence_score(s) for s in sents]
                weakest = sents[int(np.argmin(scores))]
                rows.append([weakest[f] for f in features])
            xs.append(np.array(rows, dtype=float))
        coef, b, center, scale = _fit_once(xs, ys, c=c)
        model = _model(features, coef, b, center, scale, chunking=chunking, aggregation=aggregation,
                       contradiction_factor=contradiction_factor)
    scores = [summary_scores(model, ds.sentences) for ds in sets]
    threshold = recall_threshold(scores, ys, label_recall) if label_recall > 0 else shared_threshold(scores, ys)
    return _model(features, coef, b, center, scale, threshold=threshold, chunking=chunking, aggregation=aggregation,
                  candidates=candidates, contradiction_factor=contradiction_factor, provenance=provenance)


def recall_threshold(scores: Sequence[np.ndarray], labels: Sequence[np.ndarray], recall: float) -> float:
    """The highest threshold that labels at least ``recall`` of every dataset's consistent
    summaries faithful: the minimum over datasets of the ``1 - recall`` quantile of their
    consistent summaries' scores (numpy's default linear interpolation).

    >>> recall_threshold([np.array([0.2, 0.4, 0.6, 0.8, 1.0]), np.array([0.5, 0.9])], [np.array([1, 1, 1, 1, 1]), np.array([1, 0])], 0.8)
    0.36
    """
    if not 0.0 < recall <= 1.0:
        raise ValueError("recall must be in (0, 1]")
    return float(min(np.quantile(s[np.asarray(y) == 1], 1.0 - recall) for s, y in zip(scores, labels) if np.any(np.asarray(y) == 1)))


def shared_threshold(scores: Sequence[np.ndarray], labels: Sequence[np.ndarray]) -> float:
    """The one threshold that maximises the mean over datasets of balanced accuracy."""
    cands = np.unique(np.round(np.concatenate(scores), 6))
    best, best_t = -1.0, 0.5
    for t in cands:
        v = float(np.mean([balanced_accuracy(s, y, t) for s, y in zip(scores, labels)]))
        if v > best + 1e-12:
            best, best_t = v, float(t)
    return best_t


@dataclass(frozen=True)
class CVResult:
    """Per-dataset balanced accuracy (threshold per dataset tuned on the training fold)."""

    per_dataset: Mapping[str, float]

    @property
    def mean(self) -> float:
        return float(np.mean(list(self.per_dataset.values())))


def _subset(ds: LabelledSet, mask: np.ndarray) -> LabelledSet:
    idx = np.flatnonzero(mask)
    return LabelledSet(ds.name, [ds.sentences[i] for i in idx], [ds.labels[i] for i in idx], [ds.groups[i] for i in idx])


def cross_validate(sets: Sequence[LabelledSet], *, folds: int = 2, seed: int = 12345, **fit_args: Any) -> CVResult:
    """k-fold (by source document) estimate of the SummaC protocol on the validation cuts.

    For each fold, the weights are fit on the other folds of *every* dataset, the threshold of each
    dataset on its own training folds, and the held-out fold is classified; balanced accuracy is
    computed over the pooled held-out predictions of each dataset.
    """
    fold_ids = [group_folds(ds.groups, folds=folds, seed=seed) for ds in sets]
    preds = [np.zeros(len(ds.labels), dtype=bool) for ds in sets]
    for k in range(folds):
        train = [_subset(ds, f != k) for ds, f in zip(sets, fold_ids)]
        for ds in train:
            if len(set(ds.labels)) < 2:
                from sumcheck.summarize.errors import InputError

                raise InputError(f"{ds.name}: with --folds {folds}, the training part of fold {k + 1} holds only label "
                                 f"{ds.labels[0] if ds.labels else '(none)'} (folds split by source document); cross-validation "
                                 "needs both labels in every fold: add rows, or pass --folds 0 to skip it")
        model = fit(train, **fit_args)
        for i, (ds, f) in enumerate(zip(sets, fold_ids)):
            t = best_threshold(summary_scores(model, train[i].sentences), train[i].labels)
            test = _subset(ds, f == k)
            preds[i][f == k] = summary_scores(model, test.sentences) >= t
    out = {}
    for ds, p in zip(sets, preds):
        y = np.asarray(ds.labels)
        out[ds.name] = float(np.mean([np.mean(p[y == c] == bool(c)) for c in (0, 1) if np.any(y == c)]))
    return CVResult(out)


def leave_one_dataset_out(sets: Sequence[LabelledSet], *, folds: int = 2, seed: int = 12345,
                          extra: Sequence[LabelledSet] = (), **fit_args: Any) -> CVResult:
    """Held-out estimate: for each dataset, fit the weights on all the *other* datasets, then score it.

    The held-out dataset's threshold follows the SummaC protocol (tuned per dataset on labelled
    data of that dataset) without seeing the pairs it classifies: its pairs are split ``folds``
    ways by source document, each fold is classified with the threshold that is best on the
    other folds, and balanced accuracy is computed over the pooled predictions. Nothing of the
    held-out dataset reaches the weights: ``extra`` training sets (synthetic claims) lose the pairs
    made from the held-out dataset's documents.
    """
    from sumcheck.metaeval.measures import balanced_accuracy_of, cv_predictions

    out = {}
    for i, held in enumerate(sets):
        docs = set(held.groups)
        more = [_subset(e, np.array([g not in docs for g in e.groups], dtype=bool)) for e in extra]
        model = fit([s for j, s in enumerate(sets) if j != i] + [m for m in more if len(m.labels)], **fit_args)
        pred, _ = cv_predictions(summary_scores(model, held.sentences), held.labels, held.groups, folds=folds, seed=seed)
        out[held.name] = balanced_accuracy_of(pred, held.labels)
    return CVResult(out)


# -- from files to a written config ---------------------------------------------------------------
# modules (not paths: the same hash from a checkout and from an installed wheel)
CODE_MODULES = ("sumcheck.faithfulness.calibrate", "sumcheck.faithfulness.features", "sumcheck.faithfulness.lexical",
                "sumcheck.faithfulness.embcache", "sumcheck.faithfulness.synthetic",
                "sumcheck.faithfulness.align", "sumcheck.faithfulness.chunks", "sumcheck.faithfulness.model",
                "sumcheck.faithfulness.offline", "sumcheck.faithfulness.contradiction", "sumcheck.metaeval.measures", "sumcheck.summarize.embed",
                "sumcheck.summarize.text", "sumcheck.lang")  # lang: which pairs the fact-check reads as English


def code_version() -> str:
    """Package version plus the SHA-1 of the source files that determine the calibrated numbers
    (this package's feature code, the encoder and sentence splitter, and the fact-checker)."""
    import hashlib
    import importlib.util
    from pathlib import Path

    h = hashlib.sha1()
    # the fact-checker's rules feed the fc_* features, so its source is part of the version too
    fc_dir = Path(importlib.util.find_spec("sumcheck.factcheck").origin).parent
    factcheck = sorted(f"sumcheck.factcheck.{p.stem}" for p in fc_dir.glob("*.py") if p.stem != "__init__")
    for name in (*CODE_MODULES, *factcheck):
        h.update(name.encode())
        h.update(Path(importlib.util.find_spec(name).origin).read_bytes())
    try:
        from importlib.metadata import version
        pkg = version("sumcheck")
    except Exception:  # noqa: BLE001 - not installed: the source tree is the version
        pkg = "source"
    return f"sumcheck-{pkg}+code.sha1:{h.hexdigest()[:12]}"


def factcheck_rows(data, *, cache_dir=None) -> list:
    """The fact-check rows of every pair of ``data`` (cached in ``cache_dir`` by data SHA-1 and code version)."""
    import json
    from pathlib import Path

    from sumcheck.factcheck.metric import FactCheckMetric
    from sumcheck.metric import Pair
    from sumcheck.summarize.records import Document, Prediction

    path = None
    if cache_dir:
        import hashlib
        key = hashlib.sha1(f"{data.sha1}|{len(data.pairs)}|{code_version()}".encode()).hexdigest()[:16]
        path = Path(cache_dir) / f"factcheck-{data.name}-{key}.json"
        if path.is_file():
            return json.loads(path.read_text(encoding="utf-8"))
    pairs = [Pair(Document(id=str(i), text=p.document), Prediction(doc_id=str(i), system="calibrate", summary=p.summary))
             for i, p in enumerate(data.pairs)]
    rows = FactCheckMetric().score(pairs)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(json.dumps(rows), encoding="utf-8")
    return rows


CHECK_FEATURES = ("contradiction", "contradiction_negation", "contradiction_opposite", "contradiction_roles")


def _checks_path(data, scorer, cache_dir) -> Any:
    """Where the contradiction-check features of ``data`` are cached (keyed by the data, the code, the
    encoder and the alignment settings: everything that decides which source sentences are compared)."""
    import hashlib
    from pathlib import Path

    key = hashlib.sha1(f"{data.sha1}|{len(data.pairs)}|{code_version()}|{scorer.encoder.signature}|{scorer.chunking}|"
                       f"{scorer.candidates}".encode()).hexdigest()[:16]
    return Path(cache_dir) / f"contradiction-{data.name}-{key}.json"


def labelled_sets(datasets, scorer, *, factcheck: bool = True, cache_dir=None) -> list[LabelledSet]:
    """Sentence features of every labelled pair (fact-check rows computed here when asked). With
    ``cache_dir``, the contradiction check's features (the spaCy parse: most of a rerun's time) are
    kept there too and read back on a rerun."""
    import json

    out = []
    for data in datasets:
        sources = [p.document for p in data.pairs]
        summaries = [p.summary for p in data.pairs]
        fc_rows = factcheck_rows(data, cache_dir=cache_dir) if factcheck else None
        checks_path = _checks_path(data, scorer, cache_dir) if cache_dir and scorer.contradictions else None
        cached = json.loads(checks_path.read_text(encoding="utf-8")) if checks_path and checks_path.is_file() else None
        run_checks = scorer.contradictions
        scorer.contradictions = run_checks and cached is None
        try:
            evidence = scorer.evidence(sources, summaries, fc_rows)
        finally:
            scorer.contradictions = run_checks
        if cached is not None:
            for ev, rows in zip(evidence, cached):
                for e, row in zip(ev or (), rows):
                    e.features.update(row)  # type: ignore[attr-defined]
        elif checks_path is not None:
            checks_path.parent.mkdir(parents=True, exist_ok=True)
            checks_path.write_text(json.dumps([[{k: e.features[k] for k in CHECK_FEATURES} for e in ev or ()]
                                               for ev in evidence]), encoding="utf-8")
        keep = [i for i, ev in enumerate(evidence) if ev]
        out.append(LabelledSet(data.name, [[e.features for e in evidence[i]] for i in keep],  # type: ignore[union-attr]
                               [data.pairs[i].label for i in keep], [data.pairs[i].group for i in keep]))
    return out


def provenance(datasets, *, seed: int, date: str, command: str, encoder_signature: str, cv: CVResult | None,
               lodo: CVResult | None = None) -> dict[str, Any]:
    prov: dict[str, Any] = {
        "command": command,
        "date": date,
        "code": code_version(),
        "encoder": encoder_signature,
        "seed": seed,
        "data": [{"file": os.path.basename(d.path), "sha1": d.sha1, "rows": len(d.pairs)} for d in datasets],
        "method": "logistic regression on per-dataset standardised sentence features; datasets and classes weighted equally",
    }
    if cv is not None:
        prov["cv_balanced_accuracy"] = {k: round(v, 4) for k, v in cv.per_dataset.items()}
        prov["cv_balanced_accuracy_mean"] = round(cv.mean, 4)
    if lodo is not None:
        prov["lodo_balanced_accuracy"] = {k: round(v, 4) for k, v in lodo.per_dataset.items()}
        prov["lodo_balanced_accuracy_mean"] = round(lodo.mean, 4)
    return prov


def dump_yaml(model: OfflineModel) -> str:
    import yaml

    header = "# Written by `sumcheck calibrate`; do not edit by hand (rerun the command in provenance.command).\n"
    return header + yaml.safe_dump(model.to_json(), sort_keys=False, allow_unicode=True, width=120)
