"""``sumcheck baseline RUN --out FILE``: the small file a repository commits for the gate."""

from __future__ import annotations

import argparse

DESCRIPTION = """\
Write the baseline of RUN (a run folder) to FILE: per-document values of every metric, the metric
signatures, and the flags a reviewer dismissed in RUN/reviews.jsonl (latest verdict per flag wins).
Dismissed flags count as supported items (out of the unsupported counts, in the precisions as
supported) here and in every candidate gated against this file. Commit FILE and pass it to `sumcheck gate FILE CANDIDATE`.
"""


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "baseline", help="write a committed baseline file from a run", description=DESCRIPTION,
        formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("run", help="the run folder to take the baseline from")
    parser.add_argument("--out", required=True, help="the baseline file to write (JSON), e.g. sumcheck-baseline.json")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from sumcheck.gate.cli_run import execute_baseline

    return execute_baseline(args)
