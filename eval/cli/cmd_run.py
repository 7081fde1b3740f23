"""``sumcheck run CONFIG [--out DIR]``: summarize, check, score, report."""

from __future__ import annotations

import argparse

from sumcheck.cli.output import add_format_argument


def add_parser(subparsers) -> None:  # noqa: ANN001
    p = subparsers.add_parser("run", help="summarize documents with the configured systems, then check, score and report",
                              description="Summarize, check, score and report, as a config file says. An interrupted run resumes when run again with the same --out.")
    p.add_argument("config", nargs="?", default=None,
                   help="a YAML run config (default: the built-in seed config: seed documents, SmolLM2 and the "
                        "extractive baselines, all metrics; `sumcheck run seed` names it too)")
    p.add_argument("--out", help="run folder (default: runs/<config name>)")
    p.add_argument("--no-cache", action="store_true", help="regenerate summaries even when the summary cache has them")
    p.add_argument("--overwrite", action="store_true",
                   help="delete the run already in --out first and start afresh (nothing of it is kept); without it, "
                        "the same run resumes and a different one is refused")
    add_format_argument(p)
    p.add_argument("--offline", action="store_true",
                   help="download nothing (same as HF_HUB_OFFLINE=1): a model not in the local cache is an error naming the command that fetches it")
    p.add_argument("--workers", type=int, default=None, metavar="N",
                   help="processes (local engine) or actors (ray) for the CPU-bound metrics; default, or 0: all cores "
                        "(with ray: the cluster's CPUs)")
    p.add_argument("--engine", choices=("local", "ray"), default=None, help="where scoring runs (default: local; ray needs sumcheck[ray])")
    p.add_argument("--ray-address", default=None, metavar="ADDR", help="Ray cluster to join with --engine ray (default: start or join a local one)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from sumcheck.cli.output import render_outcome
    from sumcheck.config import load_config
    from sumcheck.jobs import run_config

    if args.offline:
        set_offline()
    from sumcheck.resources import run_config_path

    config = load_config(run_config_path(args.config))
    out = Path(args.out) if args.out else Path("runs") / config.name
    outcome = run_config(config, out=out, use_cache=not args.no_cache, quiet=args.quiet, overwrite=args.overwrite,
                         offline=True if args.offline else None,
                         engine=args.engine, workers=args.workers, ray_address=args.ray_address)
    print(render_outcome(outcome, args.format, summary=run_summary(outcome)))
    return no_output_exit(outcome)


def no_output_exit(outcome) -> int:  # noqa: ANN001
    """3 (printed on stderr, one line per system) when a system produced no summary at all: every one
    of its generations failed (a server down or refusing, every reply reasoning only...); else 0.
    The run folder is complete all the same, its rows unscored with their reasons."""
    import sys

    empty = outcome.systems_without_output() if hasattr(outcome, "systems_without_output") else []
    for name in empty:
        rows = outcome.generation[name][0]
        reason = _first_error(outcome.run_dir, name)  # the server's words: untrusted text
        message = (f"system {name!r} produced no summary: all {rows} generations failed"
                   + (f" (first: {reason})" if reason else "") + "; its rows are unscored")
        from sumcheck.textsafe import plain

        print(f"sumcheck: error: {plain(message)}", file=sys.stderr)
    return 3 if empty else 0


def _first_error(run_dir, system: str) -> str | None:  # noqa: ANN001
    from sumcheck.runfolder import PREDICTIONS, read_jsonl

    for row in read_jsonl(run_dir / PREDICTIONS, tolerate_torn_tail=True):
        error = (row.get("meta") or {}).get("error") if row.get("system") == system else None
        if error:
            return str(error)
    return None


def run_summary(outcome) -> str:  # noqa: ANN001
    """``21 rows: 5 summaries generated, 2 from the summary cache, 14 already in the run folder; 21 pairs scored -> DIR``."""
    from_cache = getattr(outcome, "from_cache", 0)
    failed = getattr(outcome, "failed", 0)
    # a failed row is asked again by every session until it succeeds, so this session asked for each one
    # (and a failure is never cached): counted apart, not as generated
    generated = max(outcome.generated - from_cache - failed, 0)
    kept = outcome.n_rows - outcome.generated
    from sumcheck.cli.output import counted

    parts = [f"{counted(generated, 'summary', 'summaries')} generated", f"{from_cache} from the summary cache"]
    if kept:
        parts.append(f"{kept} already in the run folder")
    if failed:
        parts.append(f"{failed} failed to generate (unscored; run the same command again to ask again)")
    truncated = getattr(outcome, "truncated", 0)
    if truncated:
        parts.append(f"{truncated} cut at the token limit (completion_truncated)")
    return (f"{counted(outcome.n_rows, 'row')}: {', '.join(parts)}; {counted(outcome.scored, 'pair')} scored "
            f"-> {outcome.run_dir}")


def set_offline() -> None:
    """``--offline``: every model loader in this process (summarizers, faithfulness checkpoints, datasets)
    reads HF_HUB_OFFLINE, so the command sets it for itself."""
    import os

    os.environ["HF_HUB_OFFLINE"] = "1"
    os.environ["HF_DATASETS_OFFLINE"] = "1"
