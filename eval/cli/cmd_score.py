"""``sumcheck score INPUT --out DIR``: score existing summaries (no generation)."""

from __future__ import annotations

import argparse

from sumcheck.cli.output import add_format_argument


def add_parser(subparsers) -> None:  # noqa: ANN001
    p = subparsers.add_parser("score", help="score summaries you bring (document/summary/reference/system columns)",
                              description="Score existing summaries into a run folder. INPUT is JSONL, CSV, Parquet (columns document, "
                                          "summary, optional reference, system, id), a folder laid out as documents/ID.txt + "
                                          "summaries/SYSTEM/ID.txt (+ optional references/ID.txt), a datasets folder, or "
                                          "hf:NAME[:CONFIG].")
    p.add_argument("input", help="the input file or folder")
    p.add_argument("--out", required=True, help="run folder to write")
    p.add_argument("--metrics", help="comma-separated: factcheck,rouge,faithfulness (default: all three)")
    p.add_argument("--metric-settings", metavar="FILE",
                   help="YAML: metric name -> settings (a run config's `metrics:` section), e.g. "
                        "`faithfulness: {backend: nli, model: ID, revision: SHA}` or `{config: my-model.yaml}`; without "
                        "--metrics, the file's metrics are scored")
    p.add_argument("--field", action="append", metavar="NAME=COLUMN", help="map a column onto id, document, summary, reference or system (repeatable)")
    p.add_argument("--system", help="system name for every row (default: the system column, else 'input')")
    p.add_argument("--split", help="split of a datasets source")
    p.add_argument("--limit", type=int, help="score only the first N rows")
    p.add_argument("--max-document-chars", type=int, default=200_000, help="cut longer documents at a word boundary (recorded in signatures)")
    p.add_argument("--resamples", type=int, default=1000, help="bootstrap resamples for confidence intervals")
    p.add_argument("--seed", type=int, default=12345, help="bootstrap seed (recorded)")
    p.add_argument("--no-report", action="store_true", help="do not write report.html")
    p.add_argument("--overwrite", action="store_true",
                   help="delete the run already in --out first and start afresh (nothing of it is kept); without it, "
                        "the same run resumes and a different one is refused")
    add_format_argument(p)
    p.add_argument("--offline", action="store_true", help="download nothing (same as HF_HUB_OFFLINE=1), e.g. for a faithfulness checkpoint")
    p.add_argument("--workers", type=int, default=None, metavar="N",
                   help="processes (local engine) or actors (ray) for the CPU-bound metrics; default, or 0: all cores "
                        "(with ray: the cluster's CPUs)")
    p.add_argument("--engine", choices=("local", "ray"), default=None, help="where scoring runs (default: local; ray needs sumcheck[ray])")
    p.add_argument("--ray-address", default=None, metavar="ADDR", help="Ray cluster to join with --engine ray (default: start or join a local one)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from sumcheck.cli.output import outcome_results, render_outcome, score_tally
    from sumcheck.jobs import parse_metric_list, read_metric_settings, score_input
    from sumcheck.summarize.errors import InputError
    from sumcheck.summarize.io import parse_field_mapping

    if args.offline:
        from sumcheck.cli.cmd_run import set_offline

        set_offline()
    if args.limit is not None and args.limit < 1:
        raise InputError("--limit must be at least 1")
    if args.max_document_chars < 1000:
        raise InputError("--max-document-chars must be at least 1000")
    if args.resamples < 1:
        raise InputError("--resamples must be at least 1")
    if args.seed < 0:
        raise InputError("--seed must be 0 or more")
    if args.metrics is not None and not any(n.strip() for n in args.metrics.split(",")):
        from sumcheck.metric import metric_names
        raise InputError(f"--metrics is empty; name one or more of {', '.join(metric_names())} (leave it out for all)")
    _check_txt_layout(args.input)
    metrics = parse_metric_list(args.metrics)
    if args.metric_settings:
        metrics = read_metric_settings(args.metric_settings, metrics if args.metrics is not None else None)
    outcome = score_input(args.input, out=Path(args.out), fields=parse_field_mapping(args.field), metrics=metrics,
                          split=args.split, limit=args.limit, system=args.system, max_document_chars=args.max_document_chars,
                          resamples=args.resamples, seed=args.seed, quiet=args.quiet, report=not args.no_report,
                          overwrite=args.overwrite, engine=args.engine or "local", workers=args.workers,
                          ray_address=args.ray_address)
    results = outcome_results(outcome)
    print(render_outcome(outcome, args.format, summary=score_tally(outcome.n_rows, results, outcome.run_dir),
                         results=results))
    return 0


def _check_txt_layout(source: str) -> None:
    """A folder of bare .txt files holds documents only: a source for `run`, not something to score."""
    from pathlib import Path

    from sumcheck.summarize.errors import InputError
    from sumcheck.summarize.io import is_scoring_layout

    path = Path(source)
    if path.is_dir() and not is_scoring_layout(path) and any(path.glob("*.txt")):
        raise InputError(f"{source}: a folder of .txt files holds documents only (a data source for `sumcheck run`); "
                         "to score summaries you have, lay it out as documents/ID.txt + summaries/SYSTEM/ID.txt "
                         "(+ optional references/ID.txt), or use JSONL/CSV with document and summary columns")
