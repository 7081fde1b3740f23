"""``sumcheck compare BASELINE CANDIDATE``: every shared metric with delta, 95% paired-bootstrap CI and sign-flip p-value."""

from __future__ import annotations

import argparse

DESCRIPTION = """\
Compare two runs (run folders or baseline files) metric by metric, per system, over the
documents both scored: the two corpus values, candidate minus baseline, its paired-bootstrap
interval, the sign-flip p-value, and what the gate would make of each (compare itself never
fails). Prints a table; --out also writes JSON, Markdown and JUnit XML.
Exits 0 whatever the deltas (use `sumcheck gate` to fail a build), 2 when the metric
signatures differ or an input cannot be read.
"""


def add_parser(subparsers) -> None:
    from sumcheck.cli.cmd_gate import add_common_arguments

    parser = subparsers.add_parser(
        "compare", help="compare two runs metric by metric with paired bootstrap intervals",
        description=DESCRIPTION, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_common_arguments(parser)
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from sumcheck.gate.cli_run import execute

    return execute(args, command="compare")
