"""``sumcheck calibrate``: fit the offline faithfulness model on labelled validation data."""

from __future__ import annotations

import argparse

# Fewest rows of each class (per file) calibrate accepts. With 0 of a class the logistic regression
# has nothing to separate and returns all-zero weights (what `--limit 5` on FRANK gave); 5 of each
# leaves about 2 of each class per fold of the default 2-fold cross-validation. A floor, not a
# recommendation: the shipped model was fitted on hundreds of rows per class.
MIN_PER_CLASS = 5

def add_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "calibrate", help="fit the offline faithfulness model's weights and threshold on labelled data",
        description="Fit the offline faithfulness model (MiniLM alignment + lexical support + fact-check) on labelled "
                    "JSONL files (document, summary, label with 1 = consistent) and write it with its provenance.")
    p.add_argument("data", nargs="+",
                   help="labelled JSONL files, one per dataset (the shipped model was fitted on the validation cuts "
                        "named in its provenance)")
    p.add_argument("--out", default="faithfulness.yaml",
                   help="where to write the model (default: %(default)s); score with it through the metric's "
                        "`config:` setting (e.g. `sumcheck score --metric-settings` with `faithfulness: {config: FILE}`), or write configs/faithfulness.yaml in a checkout to change the default")
    p.add_argument("--chunking", default="sent", help="source chunks: sent, win1-2, win1-3, words350 (default: %(default)s)")
    p.add_argument("--candidates", type=int, default=5, metavar="M",
                   help="align each summary sentence with only the M source chunks sharing most content words with it "
                        "(when scoring, only those are encoded; calibrate itself encodes every text once, to cache it; "
                        "0 = every chunk) (default: %(default)s)")
    p.add_argument("--aggregation", default="min", choices=("min", "mean"), help="sentence -> summary (default: %(default)s)")
    p.add_argument("--c", type=float, default=1.0, help="inverse L2 strength of the logistic regression (default: %(default)s)")
    p.add_argument("--folds", type=int, default=2, help="folds of the cross-validated figure recorded in provenance (0 = skip)")
    p.add_argument("--seed", type=int, default=12345, help="seed of the cross-validation folds (default: %(default)s)")
    p.add_argument("--date", default=None, help="date recorded in provenance (default: today, UTC); pass the recorded one to reproduce a file byte for byte")
    p.add_argument("--limit", type=int, default=None,
                   help=f"use only the first N rows of each file (for quick checks; each file must still hold "
                        f"{MIN_PER_CLASS} rows of each label)")
    p.add_argument("--no-factcheck", action="store_true", help="leave the fact-check features out")
    p.add_argument("--device", default="cpu", help="torch device for the MiniLM encoder: cpu (default), cuda, cuda:N, mps")
    p.add_argument("--label-recall", type=float, default=0.8, metavar="R",
                   help="label threshold: the highest at which at least R of the consistent summaries of every dataset "
                        "are labelled faithful (default: %(default)s); 0 = the threshold that maximises mean balanced "
                        "accuracy over the datasets. Benchmarks tune a threshold per dataset either way")
    p.add_argument("--cache", default=None, metavar="DIR",
                   help="keep the encoded texts and fact-check rows of the data here (a rerun on the same data skips "
                        "the encoding; the vectors are exactly those of a fresh run)")
    p.add_argument("--lodo", action="store_true",
                   help="also record leave-one-dataset-out balanced accuracy (weights fitted without the dataset; its "
                        "threshold cross-validated within it) in the provenance")
    p.add_argument("--synthetic", type=int, default=0, metavar="N",
                   help="add N synthetic claim pairs per source document (entity/number/pronoun swaps, negation, "
                        "unsupported additions; see sumcheck.faithfulness.synthetic) as one more training set "
                        "(default: %(default)s)")
    p.add_argument("--contradiction-factor", default="threshold", metavar="F",
                   help="multiply the score of a summary sentence with a contradiction finding (negation, opposite, "
                        "roles; sumcheck.faithfulness.contradiction) by F, a number from 0 to 1, or 'threshold': by the "
                        "label threshold, which puts it below every sentence labelled faithful (default: %(default)s, as the "
                        "shipped model; 1.0 = scores unchanged; such a summary is labelled unfaithful either way)")
    p.add_argument("--factcheck-flags", action="store_true",
                   help="a summary sentence the fact-check flags (an unsupported number or name) gets the verdict 'not found' "
                        "whatever its score, so its summary is labelled unfaithful (the shipped model: off; bench/contradiction.py "
                        "measures the label's precision and recall with and without it)")
    p.add_argument("--encoder-dtype", default="float32", choices=("float32", "bfloat16"),
                   help="MiniLM precision the model is fitted with and scored with (default: %(default)s, as the shipped "
                        "model: full speed on every CPU; bfloat16 is about 3x faster on a CPU with native bf16 "
                        "(avx512_bf16/AMX) and about 7x slower on one without)")
    p.add_argument("--encoder", default="minilm", choices=("minilm", "minilm-l3", "minilm-l2", "static"),
                   help="sentence encoder the model is fitted with and scored with (issue 26): minilm (default: the "
                        "six-layer all-MiniLM-L6-v2), minilm-l3 / minilm-l2 (its first 3 / 2 layers), static (token "
                        "vectors distilled from it with model2vec; a sentence is the mean of its tokens' vectors)")
    p.set_defaults(func=run)


def in_sample(model, sets, *, folds: int, seed: int) -> dict[str, float]:
    """Balanced accuracy of ``model`` on the sets it was fitted on, each dataset's threshold tuned on
    the other folds of that dataset (by source document)."""
    from sumcheck.faithfulness.calibrate import summary_scores
    from sumcheck.metaeval.measures import balanced_accuracy_of, cv_predictions

    out = {}
    for s in sets:
        pred, _ = cv_predictions(summary_scores(model, s.sentences), s.labels, s.groups, folds=folds, seed=seed)
        out[s.name] = balanced_accuracy_of(pred, s.labels)
    return out


def run(args: argparse.Namespace) -> int:
    import dataclasses
    import datetime
    import shlex
    from pathlib import Path

    from sumcheck.faithfulness.calibrate import (DEFAULT_FEATURES, cross_validate, dump_yaml, fit, labelled_sets,
                                                 leave_one_dataset_out, provenance)
    from sumcheck.faithfulness.offline import OfflineScorer
    from sumcheck.metaeval.data import distinct_names, load_labelled

    from sumcheck.summarize.errors import InputError

    if args.limit is not None and args.limit < 1:
        raise InputError("--limit must be at least 1")
    if args.candidates < 0:
        raise InputError("--candidates must be >= 0 (0 = every chunk)")
    # checked before any encoding: each of these used to fail (or be taken) only after the work
    if not args.c > 0:
        raise InputError(f"--c must be > 0 (the inverse regularisation strength), got {args.c}")
    if args.factcheck_flags and args.no_factcheck:
        raise InputError("--factcheck-flags needs the fact-check: drop --no-factcheck")
    if not 0 <= args.label_recall <= 1:
        raise InputError(f"--label-recall must be from 0 to 1, got {args.label_recall}")
    if args.contradiction_factor != "threshold":
        try:
            factor = float(args.contradiction_factor)
        except ValueError:
            factor = -1.0
        if not 0 <= factor <= 1:
            raise InputError(f"--contradiction-factor must be a number from 0 to 1 or 'threshold', got {args.contradiction_factor!r}")
        args.contradiction_factor = factor
    if args.synthetic < 0:
        raise InputError(f"--synthetic must be >= 0 (pairs per source document), got {args.synthetic}")
    if args.folds == 1 or args.folds < 0:
        raise InputError(f"--folds must be 0 (no cross-validation) or at least 2, got {args.folds}")
    if args.date is not None:
        try:
            datetime.date.fromisoformat(args.date)
        except ValueError:
            raise InputError(f"--date must be YYYY-MM-DD, got {args.date!r}") from None
    if Path(args.out).is_dir():
        raise InputError(f"--out {args.out} is a folder; it must name the model file to write (e.g. faithfulness.yaml)")
    datasets = distinct_names([load_labelled(p, limit=args.limit) for p in args.data])
    for d in datasets:
        counts = {label: d.labels.count(label) for label in (0, 1)}
        if min(counts.values()) < MIN_PER_CLASS:
            rows = f"the first {len(d.pairs)} rows" + (" (--limit)" if args.limit else "")
            raise InputError(f"{d.path}: {rows} hold {counts[1]} consistent (label 1) and {counts[0]} inconsistent "
                             f"(label 0) pairs; calibrate needs at least {MIN_PER_CLASS} of each per file"
                             + ("; raise --limit" if args.limit else ""))
    if args.encoder == "static" and args.encoder_dtype != "float32":
        raise InputError("--encoder static has float32 vectors only: pass --encoder-dtype float32")
    scorer = OfflineScorer(None, chunking=args.chunking, device=args.device, encoder_dtype=args.encoder_dtype,
                           encoder_kind=args.encoder)
    extra = []
    if args.synthetic > 0:
        from sumcheck.faithfulness.synthetic import synthetic_data
        extra.append(synthetic_data(datasets, per_doc=args.synthetic, seed=args.seed))
    train = list(datasets) + extra
    # every text encoded once, in a fixed order (the vectors do not depend on the order of scoring)
    from sumcheck.faithfulness.embcache import table_for
    scorer = OfflineScorer(None, chunking=args.chunking, encoder=table_for(datasets, scorer.encoder, args.chunking, extra=extra,
                                                                        cache_dir=args.cache), encoder_dtype=args.encoder_dtype,
                           candidates=args.candidates, encoder_kind=args.encoder)
    features = tuple(f for f in DEFAULT_FEATURES if not (args.no_factcheck and f.startswith("fc_")))
    sets = labelled_sets(train, scorer, factcheck=not args.no_factcheck, cache_dir=args.cache)
    # label_recall is in the refits' arguments too: their label threshold is never used to classify (each
    # held-out threshold is cross-validated within its dataset), but with `--contradiction-factor threshold`
    # it is the factor, which must be the shipped model's kind of threshold, not another one
    label_recall = args.label_recall
    fit_args = dict(features=features, chunking=args.chunking, aggregation=args.aggregation, c=args.c,
                    candidates=args.candidates, contradiction_factor=args.contradiction_factor, label_recall=label_recall)
    real = [s for s in sets if s.name != "synthetic"]
    cv = cross_validate(sets, folds=args.folds, seed=args.seed, **fit_args) if args.folds >= 2 else None
    if cv is not None:  # the recorded figures are on the human-labelled sets only
        cv = type(cv)({k: v for k, v in cv.per_dataset.items() if k != "synthetic"})
    lodo = leave_one_dataset_out(real, folds=max(args.folds, 2), seed=args.seed, extra=[s for s in sets if s.name == "synthetic"],
                                 **fit_args) if args.lodo else None
    date = args.date or datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d")
    command = "sumcheck calibrate " + " ".join(shlex.quote(a) for a in [
        *map(_relative, args.data), "--out", _relative(args.out), "--chunking", args.chunking, "--candidates", str(args.candidates), "--aggregation", args.aggregation,
        "--c", repr(args.c), "--folds", str(args.folds), "--seed", str(args.seed), "--date", date,
        "--encoder-dtype", args.encoder_dtype, *(["--encoder", args.encoder] if args.encoder != "minilm" else []),
        "--label-recall", repr(args.label_recall),
        "--contradiction-factor", str(args.contradiction_factor), *(["--synthetic", str(args.synthetic)] if args.synthetic else []),
        *(["--lodo"] if args.lodo else []), *(["--factcheck-flags"] if args.factcheck_flags else []),
        *(["--limit", str(args.limit)] if args.limit else []), *(["--no-factcheck"] if args.no_factcheck else [])])
    prov = provenance(datasets, seed=args.seed, date=date, command=command,
                      encoder_signature=scorer.encoder.signature, cv=cv, lodo=lodo)
    prov["label_threshold"] = (f"highest threshold labelling >= {args.label_recall:g} of every dataset's consistent summaries "
                               "faithful" if args.label_recall > 0 else "maximises mean balanced accuracy over the datasets")
    model = dataclasses.replace(fit(sets, provenance=prov, **fit_args), encoder_dtype=args.encoder_dtype,
                                factcheck_flags=args.factcheck_flags, encoder=args.encoder)
    insample = in_sample(model, real, folds=max(args.folds, 2), seed=args.seed)
    prov["in_sample_balanced_accuracy"] = {k: round(v, 4) for k, v in insample.items()}
    model = dataclasses.replace(model, provenance=prov)
    out = Path(args.out)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(out.suffix + ".tmp")
    tmp.write_text(dump_yaml(model), encoding="utf-8")
    tmp.replace(out)
    print(f"wrote {out}: {len(model.features)} features, threshold {model.threshold:.4f}")
    if cv is not None:
        per = ", ".join(f"{k} {100 * v:.1f}" for k, v in cv.per_dataset.items())
        print(f"{args.folds}-fold cross-validated balanced accuracy: {per}; mean {100 * cv.mean:.1f}")
    per = ", ".join(f"{k} {100 * v:.1f}" for k, v in insample.items())
    print(f"in-sample (the written weights; threshold cross-validated within each dataset): {per}")
    if lodo is not None:
        per = ", ".join(f"{k} {100 * v:.1f}" for k, v in lodo.per_dataset.items())
        print(f"leave-one-dataset-out balanced accuracy: {per}; mean {100 * lodo.mean:.1f}")
    return 0


def _relative(path: str) -> str:
    """``path`` as the provenance records it: relative to the folder the command ran in (the repository
    root for the shipped model), never a machine's absolute path; a path on another drive stays as given."""
    import os

    if not os.path.isabs(path):
        return path
    try:
        return os.path.relpath(path)
    except ValueError:  # pragma: no cover - Windows: another drive
        return path
