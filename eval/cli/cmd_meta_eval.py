"""``sumcheck meta-eval DATA... [--val VALDATA...]``: how well each metric agrees with human labels."""

from __future__ import annotations

import argparse

DESCRIPTION = """\
Score labelled JSONL files (document, summary, label with 1 = consistent; optional error_type,
reference) with every metric (faithfulness, fact/entity/number precision, ROUGE when references
exist) and measure agreement with the labels: balanced accuracy at a threshold tuned on --val
(matched by dataset name, e.g. frank_test <- frank_val, else by position) or, without --val,
2-fold cross-validated by source document; ROC-AUC with a bootstrap interval; a breakdown by
error type; ROC plots. Writes meta_eval.json and meta_eval.html to --out.
"""


def add_parser(subparsers) -> None:
    p = subparsers.add_parser("meta-eval", help="agreement of every metric with human faithfulness labels",
                              description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("data", nargs="+", help="labelled JSONL files, one per dataset")
    p.add_argument("--val", nargs="*", default=None, help="validation JSONL files to tune each dataset's threshold on")
    p.add_argument("--out", default="meta-eval", help="output folder (default: %(default)s)")
    p.add_argument("--folds", type=int, default=2, help="cross-validation folds when there is no --val (default: %(default)s)")
    p.add_argument("--seed", type=int, default=12345, help="seed of folds and bootstrap (default: %(default)s)")
    p.add_argument("--resamples", type=int, default=1000, help="bootstrap resamples for the AUC interval (default: %(default)s)")
    p.add_argument("--limit", type=int, default=None, help="only the first N rows of each file (quick checks)")
    p.add_argument("--faithfulness-config", default=None, help="calibrated offline model (default: the shipped faithfulness.yaml)")
    p.add_argument("--device", default="cpu", help="torch device for the MiniLM encoder: cpu (default), cuda, cuda:N, mps")
    p.set_defaults(func=run)


def _match_vals(data, vals):
    from sumcheck.summarize.errors import InputError

    if not vals:
        return [None] * len(data)
    by_name = {v.name: v for v in vals}
    if all(d.name in by_name for d in data):
        return [by_name[d.name] for d in data]
    if len(vals) != len(data):
        raise InputError(f"--val: give one file per DATA file ({len(data)}), or files whose names match the datasets")
    return list(vals)


def run(args: argparse.Namespace) -> int:
    import json
    from pathlib import Path

    from sumcheck.faithfulness.metric import FaithfulnessMetric
    from sumcheck.metaeval.data import distinct_names, load_labelled
    from sumcheck.metaeval.html import render
    from sumcheck.metaeval.run import meta_evaluate, score_dataset

    from sumcheck.summarize.errors import InputError

    if args.folds < 2:
        raise InputError("--folds must be at least 2")
    if Path(args.out).exists() and not Path(args.out).is_dir():  # before the scoring, not after it
        raise InputError(f"--out {args.out} is a file; it must be a folder (created if missing)")
    data = distinct_names([load_labelled(p, limit=args.limit) for p in args.data])
    vals = _match_vals(data, [load_labelled(p, limit=args.limit) for p in (args.val or [])])
    settings = {"device": args.device, "cache": 4096}  # all documents of the benchmark stay cached
    if args.faithfulness_config:
        settings["config"] = args.faithfulness_config
    faithfulness = FaithfulnessMetric(settings)  # one instance: its source cache spans the datasets
    import sys

    from tqdm import tqdm

    from sumcheck.cli.cmd_calibrate import MIN_PER_CLASS
    from sumcheck.metaeval.run import one_class_datasets

    one = set(one_class_datasets([*data, *(v for v in vals if v is not None)]))
    for name in sorted(one):
        print(f"warning: {name}: every label is the same class; balanced accuracy and ROC-AUC need both classes "
              "and are left unscored for it", file=sys.stderr)
    for d in [*data, *(v for v in vals if v is not None)]:
        counts = {y: d.labels.count(y) for y in (0, 1)}
        if d.name not in one and min(counts.values()) < MIN_PER_CLASS:  # calibrate's floor, for the same reason
            print(f"warning: {d.name}: only {counts[1]} consistent and {counts[0]} inconsistent pairs; its balanced "
                  "accuracy and ROC-AUC rest on so few of one class that they are little more than noise (see the "
                  "ROC-AUC interval in meta_eval.json)", file=sys.stderr)
    total = sum(len(d.pairs) for d in data) + sum(len(v.pairs) for v in vals if v is not None)
    with tqdm(total=total, desc="meta-eval: scoring", unit="pair", file=sys.stderr, disable=args.quiet,
              dynamic_ncols=True, leave=False) as bar:
        report = meta_evaluate(data, vals=vals, folds=args.folds, seed=args.seed, resamples=args.resamples,
                               scorer=lambda d: score_dataset(d, faithfulness=faithfulness, progress=bar.update))
    notes = in_sample_notes(report, args.faithfulness_config) + partial_mean_notes(report)
    report["notes"] = notes
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    (out / "meta_eval.json").write_text(json.dumps(report, indent=1) + "\n", encoding="utf-8")
    (out / "meta_eval.html").write_text(render(report, notes=notes), encoding="utf-8")
    names = [d["name"] for d in report["datasets"]]
    by = {(r["dataset"], r["metric"]): r for r in report["results"]}
    metrics = list(dict.fromkeys(r["metric"] for r in report["results"]))
    print(f"balanced accuracy (%) / ROC-AUC, {report['protocol']}")
    w = [max(14, len(n) + 2) for n in names]
    print(f"{'metric':<18}" + "".join(f"{n:>{k}}" for n, k in zip(names, w)) + f"{'mean':>8}")
    for m in metrics:
        cells = "".join(f"{_cell(by.get((n, m))):>{k}}" for n, k in zip(names, w))
        mean = report["mean_balanced_accuracy"].get(m)
        print(f"{m:<18}{cells}{('%8.1f' % (100 * mean)) if mean is not None else '       -'}")
    for n in notes:
        print("note: " + n)
    print(f"wrote {out / 'meta_eval.json'} and {out / 'meta_eval.html'}")
    return 0


def _cell(result) -> str:
    """``76.8 / 0.836`` (balanced accuracy in %, ROC-AUC), ``-`` for a figure that needs both classes."""
    if result is None or result["balanced_accuracy"] is None:
        return "-"
    auc = result.get("auc")  # {"value", "ci_low", "ci_high"} or None
    value = auc.get("value") if isinstance(auc, dict) else None
    return f"{100 * result['balanced_accuracy']:.1f} / " + (f"{value:.3f}" if value is not None else "-")


def partial_mean_notes(report) -> list[str]:
    """Say which datasets a mean leaves out (those where the figure needs a class they lack); one
    note per set of left-out datasets, naming the metrics it concerns."""
    names = [d["name"] for d in report["datasets"]]
    groups: dict[tuple[str, ...], list[str]] = {}
    for metric, over in (report.get("mean_over") or {}).items():
        left = tuple(n for n in names if n not in over)
        if left:
            groups.setdefault(left, []).append(metric)
    return [f"the mean{'' if len(ms) == len(report.get('mean_over') or {}) else ' of ' + ', '.join(ms)} leaves out "
            f"{', '.join(left)}: no balanced accuracy there (one class only)" for left, ms in groups.items()]


def in_sample_notes(report, config_path) -> list[str]:
    """Warn when the faithfulness weights were fitted on the data being evaluated."""
    from sumcheck.faithfulness.model import load_model
    from sumcheck.summarize.errors import ConfigError

    try:
        model = load_model(config_path)
    except ConfigError:
        return []
    fitted = {d.get("sha1") for d in model.provenance.get("data", [])}
    hit = [d["name"] for d in report["datasets"] if d["sha1"] in fitted]
    if not hit:
        return []
    cv = model.provenance.get("cv_balanced_accuracy_mean")
    n_fitted = len(model.provenance.get("data", []))
    lodo = model.provenance.get("lodo_balanced_accuracy") or {}
    held = [f"{n} {100 * lodo[n]:.1f}" for n in hit if n in lodo]
    return [f"the faithfulness weights were fitted on {', '.join(hit)} (in-sample for the weights; only the threshold is "
            "cross-validated here)" + (f"; the fully cross-validated figure recorded by `sumcheck calibrate` is "
                                       f"{100 * cv:.1f} (mean over the {n_fitted} files it was fitted on)" if cv is not None else "")
            + ("; held out (weights fitted without that dataset, recorded by `sumcheck calibrate --lodo`): "
               + ", ".join(held) if held else "")]
