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
    """One line per system and value: mean [95% CI] (n, unscored)."""
    lines = []
    for system, entry in scores.get("systems", {}).items():
        lines.append(f"{system}:")
        width = max((len(k) for k in entry), default=0)
        for key, est in entry.items():
            ci = f"[{fmt(est['ci_low'])}, {fmt(est['ci_high'])}]" if est["mean"] is not None else ""
            unscored = f", {est['unscored']} unscored" if est.get("unscored") else ""
            lines.append(f"  {key:<{width}}  {fmt(est['mean'])} {ci}  (n={est['n']}{unscored})")
    return "\n".join(lines)
