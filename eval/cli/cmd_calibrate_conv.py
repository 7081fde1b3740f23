"""``sumcheck calibrate-conv DATA... --model NLI --out summac_conv_NAME_sent_perc_e.bin``: train a SummaC-Conv head."""

from __future__ import annotations

import argparse


def add_parser(subparsers) -> None:  # noqa: ANN001
    p = subparsers.add_parser(
        "calibrate-conv", help="train a SummaC-Conv head (SummaC's architecture and .bin format) on labelled data",
        description="Train a SummaC-Conv head for the nli backend on labelled JSONL files (document, summary, label with "
                    "1 = consistent): the published histograms of an NLI model's P(entail) (23 percentile bins, first 10 "
                    "summary sentences), SummaC-Conv's layers, saved as SummaC saves its heads, so that "
                    "`faithfulness: {backend: nli, model: NLI, conv: OUT}` scores with it exactly as with a released head. "
                    "This is an option beside the published heads, not a published method (sumcheck's training: "
                    "full-batch Adam on a class-balanced cross-entropy).")
    p.add_argument("data", nargs="+", help="labelled JSONL files")
    p.add_argument("--model", required=True, help="the NLI checkpoint (hub id or folder) the head reads")
    p.add_argument("--revision", default=None, help="hub revision of --model")
    p.add_argument("--out", required=True, help="the head file; name it summac_conv_NAME_sent_perc_e.bin (its settings)")
    p.add_argument("--label-map", default=None, metavar="E,C",
                   help="entailment and contradiction output indices when the model's id2label does not name them")
    p.add_argument("--epochs", type=int, default=300, help="training steps (default: %(default)s)")
    p.add_argument("--seed", type=int, default=0, help="initialisation seed (default: %(default)s)")
    p.add_argument("--limit", type=int, default=None, help="rows per file at most")
    p.add_argument("--device", default="cpu")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import re

    from sumcheck.faithfulness import convtrain
    from sumcheck.faithfulness.checkers import resolve
    from sumcheck.faithfulness.published import SummaC, SummaCConvHead
    from sumcheck.metaeval.data import load_labelled
    from sumcheck.summarize.errors import InputError

    if not re.search(r"summac_conv_[a-z0-9-]+_sent_perc_e\.bin$", args.out):
        raise InputError(f"--out {args.out}: name the head summac_conv_NAME_sent_perc_e.bin (SummaC's names carry the "
                         "head's settings: sentence granularity, percentile bins, entailment)")
    if args.epochs < 1:
        raise InputError(f"--epochs must be at least 1, got {args.epochs}")
    override = None
    if args.label_map:
        try:
            e, c = (int(x) for x in args.label_map.split(","))
        except ValueError as exc:
            raise InputError(f"--label-map takes two indices E,C, got {args.label_map!r}") from exc
        override = {"entailment": e, "contradiction": c}
    sets = [load_labelled(p, limit=args.limit) for p in args.data]
    pairs = [p for d in sets for p in d.pairs]
    scorer = SummaC(args.model, resolve(args.model, args.revision), device=args.device, label_override=override)
    hists = convtrain.histograms(scorer, [p.document for p in pairs], [p.summary for p in pairs])
    state = convtrain.train(hists, [p.label for p in pairs], epochs=args.epochs, seed=args.seed)
    out = convtrain.save(state, args.out)
    head = SummaCConvHead.load(out)
    scores = [head.score_histogram(h)[0] for h in hists]
    acc = sum((s >= 0.5) == (p.label == 1) for s, p in zip(scores, pairs)) / len(pairs)
    print(f"{out}\t{len(pairs)} pairs from {len(sets)} files\tin-sample accuracy at 0.5: {acc:.3f} (not held out)")
    return 0

