"""Small printing helpers shared by the subcommands (plain text on stdout)."""

from __future__ import annotations

from typing import Any, Mapping


def fmt(value: float | None, digits: int = 4) -> str:
    """A number for a table, or ``-`` when unscored.

    >>> fmt(0.123456), fmt(None)
    ('0.1235', '-')
    """
    return "-" if value is None else f"{value:.{digits}f}"


def scores_table(scores: Mapping[str, Any]) -> str:
    """Metrics down, systems across: ``mean [95% CI]`` per cell, with scored/unscored counts.

    >>> print(scores_table({"systems": {"a": {"rouge1": {"mean": 0.5, "ci_low": 0.4, "ci_high": 0.6, "n": 3, "unscored": 1}}}}))
    metric  a
    rouge1  0.5000 [0.4000, 0.6000] n=3 (1 unscored)
    """
    systems = scores.get("systems", {})
    keys = sorted({k for entry in systems.values() for k in entry})
    header = ["metric", *systems]
    body = []
    for key in keys:
        row = [key]
        for entry in systems.values():
            est = entry.get(key)
            if est is None:
                row.append("")
                continue
            cell = "unscored" if est["mean"] is None else f"{fmt(est['mean'])} [{fmt(est['ci_low'])}, {fmt(est['ci_high'])}]"
            cell += f" n={est['n']}" + (f" ({est['unscored']} unscored)" if est.get("unscored") else "")
            row.append(cell)
        body.append(row)
    widths = [max(len(r[i]) for r in [header, *body]) for i in range(len(header))]
    return "\n".join("  ".join(c.ljust(w) for c, w in zip(r, widths)).rstrip() for r in [header, *body])
