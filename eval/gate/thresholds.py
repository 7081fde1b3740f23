"""Absolute floors and ceilings on a run's corpus values (``assert_min`` / ``assert_max``).

The corpus value is the mean of the per-item values the run scored (unscored items left out), the
same number ``scores.json`` reports, with its bootstrap interval; unsupported counts are recomputed
without dismissed flags, as everywhere in the gate. The check is on the mean, not the interval.
"""

from __future__ import annotations

from dataclasses import dataclass

from sumcheck.gate.render import plain
from sumcheck.gate.snapshot import Snapshot
from sumcheck.stats import bootstrap_mean


@dataclass(frozen=True)
class ThresholdCheck:
    system: str
    metric: str
    mean: float | None
    ci_low: float | None
    ci_high: float | None
    n: int
    unscored: int
    bound: str  # ">=" or "<="
    value: float
    passed: bool


def check_threshold(snapshot: Snapshot, metric: str, *, bound: str, value: float, system: str | None = None,
                    resamples: int = 1000, seed: int = 12345, alpha: float = 0.05) -> tuple[ThresholdCheck, ...]:
    """One check per system (or only ``system``) that has ``metric``; empty when none has it.

    ``bound`` is ``">="`` (a floor) or ``"<="`` (a ceiling). A system whose items are all unscored fails.
    """
    if bound not in (">=", "<="):
        raise ValueError(f"bound must be '>=' or '<=', not {bound!r}")
    checks = []
    for name in snapshot.systems():
        if system is not None and name != system:
            continue
        rows = [r.effective_values(snapshot.dismissed) for r in snapshot.rows if r.system == name]
        if not any(metric in v for v in rows):
            continue
        est = bootstrap_mean([v.get(metric) for v in rows], resamples=resamples, seed=seed, alpha=alpha)
        ok = est.mean is not None and (est.mean >= value if bound == ">=" else est.mean <= value)
        checks.append(ThresholdCheck(name, metric, est.mean, est.low, est.high, est.n, est.unscored, bound, value, ok))
    return tuple(checks)


def threshold_table(checks: tuple[ThresholdCheck, ...], *, source: str) -> str:
    """The same plain-text table layout as the gate's."""
    def f(x: float | None) -> str:
        return "n/a" if x is None else f"{x:.4f}"

    header = ["system", "metric", "mean", "95% CI", "n", "unscored", "required", "status"]
    rows = [[plain(c.system), plain(c.metric), f(c.mean), "n/a" if c.ci_low is None else f"[{f(c.ci_low)}, {f(c.ci_high)}]",
             str(c.n), str(c.unscored), f"{c.bound} {c.value:g}", "ok" if c.passed else "FAIL"] for c in checks]
    widths = [max(len(r[i]) for r in [header, *rows]) for i in range(len(header))]

    def line(cells: list[str]) -> str:
        return "  ".join(cell.rjust(w) if 2 <= i <= 5 else cell.ljust(w) for i, (cell, w) in enumerate(zip(cells, widths))).rstrip()

    failed = sum(not c.passed for c in checks)
    verdict = "PASS" if not failed else f"FAIL: {failed} system(s) outside the bound"
    return "\n".join([f"run: {plain(source)}", "", line(header), line(["-" * w for w in widths]), *map(line, rows), "", verdict]) + "\n"
