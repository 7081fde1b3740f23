"""``sumcheck report RUN``: write the self-contained review report ``RUN/report.html``."""

from __future__ import annotations

import argparse
import sys

from sumcheck.textsafe import plain_lines  # light: no heavy import at module level


def add_parser(subparsers) -> None:
    p = subparsers.add_parser(
        "report", help="write RUN/report.html, the self-contained review report",
        description="Write RUN/report.html: scores with intervals, plots, and every flagged number and "
                    "entity next to its source evidence. Opens offline in any browser.")
    p.add_argument("run", metavar="RUN", help="a run folder (made by `sumcheck run` or `sumcheck score`)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    import time

    from sumcheck.report import write_report
    from sumcheck.summarize.errors import SumcheckError

    started = time.perf_counter()
    try:
        path = write_report(args.run)
    except SumcheckError as exc:
        print(f"sumcheck report: error: {plain_lines(str(exc))}", file=sys.stderr)
        return 2
    size = path.stat().st_size
    shown = f"{size / 1e6:.1f} MB" if size >= 1e6 else f"{size / 1e3:.0f} kB"
    print(f"wrote {path} ({shown} in {time.perf_counter() - started:.1f} s)")
    return 0
