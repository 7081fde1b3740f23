"""Issue 26: what the contradiction check does on the shared validation cuts.

Computes the offline backend's sentence features of the seven cuts (and the synthetic claims of
``sumcheck calibrate --synthetic 1``) once, with the contradiction check, and prints:

* per cut, the share of inconsistent (label 0) and consistent (label 1) summaries with a finding
  (the finding's precision on benchmark data), by kind;
* leave-one-dataset-out balanced accuracy (the protocol of ``sumcheck calibrate --lodo``) of the
  shipped recipe, of the same recipe with a contradicted sentence's score multiplied by a factor,
  and with the finding as a fitted feature;
* the label's operating points: for several ``--label-recall`` values, the threshold and, per cut,
  precision and recall of "unfaithful" (positive = label 0) with the issue-26 label (unfaithful when
  a sentence is contradicted or scores below the threshold), and with ``--factcheck-flags`` (also
  when the fact-check flags a number or name of a sentence; an option, not shipped: bench/RESULTS.md).

Usage (from the repository root; the encoder cache is the one ``sumcheck calibrate --cache`` uses):

    .venv/bin/python bench/contradiction.py --data ../shared/data --cache .cache/faithfulness
"""

from __future__ import annotations

import argparse
import os
import pickle
import time
from collections import Counter

import numpy as np

FILES = ("xsumfaith", "frank", "factcc", "cogensumm", "polytope", "aggrefact_sota_cnndm", "aggrefact_sota_xsum")
SUMMAC = ("cogensumm", "factcc", "polytope", "xsumfaith")
AGGREFACT = ("aggrefact_sota_cnndm", "aggrefact_sota_xsum")


def features(data_dir: str, cache: str, dtype: str, kind: str = "minilm"):
    from sumcheck.faithfulness.calibrate import labelled_sets
    from sumcheck.faithfulness.embcache import table_for
    from sumcheck.faithfulness.offline import OfflineScorer
    from sumcheck.faithfulness.synthetic import synthetic_data
    from sumcheck.metaeval.data import distinct_names, load_labelled

    from sumcheck.faithfulness.calibrate import code_version

    tag = dtype if kind == "minilm" else f"{kind}-{dtype}"
    path = os.path.join(cache, f"issue26-sets-{tag}-{code_version().rsplit(':', 1)[-1]}.pkl")  # stale after any code change
    if os.path.isfile(path):
        with open(path, "rb") as f:
            return pickle.load(f)
    datasets = distinct_names([load_labelled(os.path.join(data_dir, f"{n}_val.jsonl")) for n in FILES])
    extra = [synthetic_data(datasets, per_doc=1, seed=12345)]
    base = OfflineScorer(None, chunking="sent", encoder_dtype=dtype, encoder_kind=kind)
    scorer = OfflineScorer(None, chunking="sent", encoder=table_for(datasets, base.encoder, "sent", extra=extra, cache_dir=cache),
                           encoder_dtype=dtype, candidates=5, encoder_kind=kind)
    t0 = time.time()
    sets = labelled_sets(list(datasets) + extra, scorer, factcheck=True, cache_dir=cache)
    print(f"features of {sum(len(s.labels) for s in sets)} pairs in {time.time() - t0:.0f} s")
    kinds = {s.name: [(y, tuple(k for x in sents for k in ("negation", "opposite", "roles") for _ in range(int(x[f"contradiction_{k}"]))))
                      for y, sents in zip(s.labels, s.sentences)] for s in sets if s.name != "synthetic"}
    with open(path, "wb") as f:
        pickle.dump((sets, kinds), f)
    return sets, kinds


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data", default="../shared/data")
    ap.add_argument("--cache", default=".cache/faithfulness")
    ap.add_argument("--factor", default="threshold", help="contradiction factor of the label operating points")
    ap.add_argument("--skip-lodo", action="store_true")
    ap.add_argument("--label-recall", type=float, default=0.8, help="the shipped model's --label-recall (default 0.8)")
    ap.add_argument("--encoder-dtype", default=None, help="MiniLM dtype (default: the shipped model's, configs/faithfulness.yaml)")
    ap.add_argument("--encoder", default=None, choices=("minilm", "minilm-l3", "minilm-l2", "static"),
                    help="sentence encoder (default: the shipped model's, configs/faithfulness.yaml)")
    args = ap.parse_args()
    print("load average:", os.getloadavg())
    if args.encoder_dtype is None or args.encoder is None:
        from sumcheck.faithfulness.model import load_model

        shipped = load_model()
        args.encoder_dtype = args.encoder_dtype or shipped.encoder_dtype
        args.encoder = args.encoder or shipped.encoder
    print("encoder:", args.encoder, "dtype:", args.encoder_dtype)
    sets, kinds = features(args.data, args.cache, args.encoder_dtype, args.encoder)
    real = [s for s in sets if s.name != "synthetic"]
    synth = [s for s in sets if s.name == "synthetic"]

    print("\n## Findings on the cuts (share of summaries with at least one finding)")
    print("| cut | label 0 with a finding | label 1 with a finding | negation / opposite / roles (all pairs) |")
    print("|---|---|---|---|")
    for name, rows in kinds.items():
        n0 = sum(1 for y, k in rows if y == 0)
        n1 = sum(1 for y, k in rows if y == 1)
        f0 = sum(1 for y, k in rows if y == 0 and k)
        f1 = sum(1 for y, k in rows if y == 1 and k)
        c = Counter(x for _, k in rows for x in k)
        print(f"| {name} | {f0}/{n0} ({100 * f0 / max(n0, 1):.1f}%) | {f1}/{n1} ({100 * f1 / max(n1, 1):.1f}%) | "
              f"{c['negation']} / {c['opposite']} / {c['roles']} |")

    from sumcheck.faithfulness.calibrate import DEFAULT_FEATURES, fit, leave_one_dataset_out, summary_scores

    # the refits' label threshold (the factor of the `threshold` variants): the shipped model's operating point
    base_args = dict(chunking="sent", aggregation="min", c=1.0, candidates=5, label_recall=args.label_recall)
    variants = [("shipped recipe (findings ignored)", DEFAULT_FEATURES, 1.0)]
    variants += [(f"contradicted sentence x {f}", DEFAULT_FEATURES, f) for f in (0.5, 0.2, 0.1, "threshold")]
    variants += [("+ feature `contradiction`", DEFAULT_FEATURES + ("contradiction",), 1.0),
                 (f"+ feature `contradiction`, x {args.factor}", DEFAULT_FEATURES + ("contradiction",), args.factor)]
    print("\n## Held out (LODO, balanced accuracy %)")
    cols = [s.name for s in real]
    print("| variant | " + " | ".join(cols) + " | SummaC-4 mean | AggreFact mean |")
    print("|---|" + "---|" * (len(cols) + 2))
    for label, feats, factor in ([] if args.skip_lodo else variants):
        t0 = time.time()
        r = leave_one_dataset_out(real, folds=2, seed=12345, extra=synth, features=feats, contradiction_factor=factor,
                                  **base_args).per_dataset
        s4 = np.mean([r[k] for k in SUMMAC])
        ag = np.mean([r[k] for k in AGGREFACT])
        print(f"| {label} | " + " | ".join(f"{100 * r[k]:.1f}" for k in cols) + f" | {100 * s4:.1f} | {100 * ag:.1f} |"
              f"  <!-- {time.time() - t0:.0f} s -->")

    print(f"\n## Label operating points (all seven cuts + synthetic, factor {args.factor}; positive = unfaithful, label 0)")
    for recall in (0.9, 0.8, 0.7, 0.6, 0.5):
        model = fit(sets, features=DEFAULT_FEATURES, contradiction_factor=args.factor, **dict(base_args, label_recall=recall))
        print(f"\n--label-recall {recall}: threshold {model.threshold:.4f}")
        print("| cut | precision | recall | consistent kept faithful | balanced accuracy | with `--factcheck-flags` (not "
              "shipped: a fact-check flag makes a sentence 'not found'): precision / recall / balanced accuracy |")
        print("|---|---|---|---|---|---|")
        for s in real:
            sc = summary_scores(model, s.sentences)
            contra = np.array([any(x.get("contradiction", 0) > 0 for x in sents) for sents in s.sentences])
            flag = np.array([any(x.get("fc_unsupported", 0) > 0 for x in sents) for sents in s.sentences])
            y = np.asarray(s.labels)
            cells = []
            for unf in ((sc < model.threshold) | contra, (sc < model.threshold) | contra | flag):
                tp = int(np.sum(unf & (y == 0)))
                prec = tp / max(int(unf.sum()), 1)
                rec = tp / max(int(np.sum(y == 0)), 1)
                keep = float(np.mean(~unf[y == 1]))
                cells.append((prec, rec, keep, (rec + keep) / 2))
            (p0, r0, k0, b0), (p1, r1, _, b1) = cells
            print(f"| {s.name} | {100 * p0:.1f} | {100 * r0:.1f} | {100 * k0:.1f} | {100 * b0:.1f} | "
                  f"{100 * p1:.1f} / {100 * r1:.1f} / {100 * b1:.1f} |")


if __name__ == "__main__":
    main()
