"""``sumcheck gate BASELINE CANDIDATE``: exit 1 on a significant regression beyond tolerance, 2 when not comparable."""

from __future__ import annotations

import argparse

DESCRIPTION = """\
Compare CANDIDATE against BASELINE (each a run folder or a baseline file written by
`sumcheck baseline`) with a paired sign-flip permutation test per system and metric
(Holm-corrected), and fail on a real drop.
Exit 0: no metric regresses beyond its tolerance with significance.
Exit 1: each regression is listed (including documents that gain unsupported numbers or
entities where the baseline had none, and with --min-n metrics with too few documents).
Exit 2: the metric signatures differ (the diff is printed; a changed checker code needs
--allow-code-change) or an input cannot be read.
"""


def add_common_arguments(parser: argparse.ArgumentParser) -> None:
    """Arguments shared by ``compare`` and ``gate``."""
    parser.add_argument("baseline", help="baseline: a run folder or a baseline file")
    parser.add_argument("candidate", help="candidate: a run folder or a baseline file")
    parser.add_argument("--config", default=None,
                        help="gate settings (YAML); default: the built-in settings, identical to configs/gate.yaml")
    parser.add_argument("--out", default=None,
                        help="folder to write comparison.txt, comparison.json, comparison.md (PR comment) and junit.xml")
    parser.add_argument("--resamples", type=int, default=None,
                        help="bootstrap resamples of the intervals, and the least sign-flip patterns (overrides the config)")
    parser.add_argument("--seed", type=int, default=None, help="seed of the bootstrap and the drawn sign patterns (overrides the config)")
    parser.add_argument("--alpha", type=float, default=None, help="significance level (overrides the config)")
    parser.add_argument("--min-n", dest="min_n", type=int, default=None, metavar="N",
                        help="fail when a metric has fewer than N documents scored by both runs (overrides min_n)")
    parser.add_argument("--allow-code-change", action="store_true",
                        help="compare numbers made by different checker code (signature fields code, v differ)")
    from sumcheck.cli.output import add_format_argument

    add_format_argument(parser)


def add_parser(subparsers) -> None:
    parser = subparsers.add_parser(
        "gate", help="fail (exit 1) when a candidate run regresses against a baseline",
        description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_common_arguments(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from sumcheck.gate.cli_run import execute

    return execute(args, command="gate")
