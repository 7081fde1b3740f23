"""Turn a :class:`~sumcheck.gate.compare.Comparison` into a pass/fail decision under a :class:`GateConfig`.

A metric regresses when its change in the bad direction (a drop for ``higher`` metrics, a rise for
``lower`` ones) is larger than its tolerance *and* statistically significant: the paired sign-flip
p-value, after the configured multiple-testing correction over every (system, metric) test, is below
``alpha``. The tolerance says how large a change matters; the test says whether it is more than
noise. Besides metrics, the gate fails on a document that gains unsupported numbers or entities
where the baseline had none (``fail_on_new_unsupported``), on documents the baseline scored for which
the candidate has no output to score (coverage: a failed generation, an empty or wordless summary,
a row no metric scored) beyond ``max_coverage_loss``, on documents the baseline scored that the
candidate summarised but leaves unscored beyond a metric's ``max_newly_unscored``, and on a system or metric the
baseline has and the candidate lacks (``fail_on_missing``).

Power: with few documents no change can be significant (the exact sign-flip test's smallest p is
``2 / 2**n``), and a drop as small as the tolerance needs many documents to be seen. Both are noted
(:func:`power_notes`); ``min_n`` turns "fewer than N documents scored by both runs" into a failure.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

from sumcheck.gate.compare import Comparison, MetricComparison
from sumcheck.gate.config import DEFAULT_METRICS, GateConfig
from sumcheck.stats import detectable_change, min_documents, smallest_p

# status of one metric
FAIL, WITHIN, BETTER, OK, NA = "FAIL", "worse<=tol", "better", "ok", "n/a"


def holm(p_values: Sequence[float]) -> list[float]:
    """Holm-Bonferroni adjusted p-values, in the input order.

    Holm (1979); the worked example of the Wikipedia article "Holm-Bonferroni method" (four tests,
    p = 0.01, 0.04, 0.03, 0.005 at alpha 0.05) rejects the first and the fourth only:

    >>> [round(p, 4) for p in holm([0.01, 0.04, 0.03, 0.005])]
    [0.03, 0.06, 0.06, 0.02]
    """
    m = len(p_values)
    order = sorted(range(m), key=lambda i: p_values[i])
    adjusted = [0.0] * m
    running = 0.0
    for rank, i in enumerate(order):
        running = max(running, min(1.0, (m - rank) * p_values[i]))
        adjusted[i] = running
    return adjusted


@dataclass(frozen=True)
class Verdict:
    """The judgement of one :class:`MetricComparison`."""

    comparison: MetricComparison
    direction: str
    tolerance: float
    p_adjusted: float | None
    status: str


@dataclass(frozen=True)
class Regression:
    """One reason the gate fails. ``kind``: ``metric``, ``coverage``, ``unscored``, ``new_unsupported``, ``missing``
    or ``power``."""

    kind: str
    system: str
    metric: str | None
    message: str


@dataclass(frozen=True)
class GateResult:
    comparison: Comparison
    verdicts: tuple[Verdict, ...]
    regressions: tuple[Regression, ...]
    notes: tuple[str, ...]
    alpha: float
    correction: str

    @property
    def passed(self) -> bool:
        return not self.regressions


def _fmt(x: float | None, signed: bool = False) -> str:
    if x is None:
        return "n/a"
    return f"{x:+.4f}" if signed else f"{x:.4f}"


def _status(c: MetricComparison, direction: str, tolerance: float, p_adj: float | None, alpha: float) -> str:
    if c.delta is None or p_adj is None:
        return NA
    worse_by = -c.delta if direction == "higher" else c.delta
    if p_adj >= alpha or worse_by == 0:
        return OK
    if worse_by < 0:
        return BETTER
    return FAIL if worse_by > tolerance + 1e-12 else WITHIN


def coverage_message(c: MetricComparison, allowed: float) -> str:
    """``lead3 rouge1: coverage 37/40 (92.5%): the candidate has no output to score for 3 of the 40
    documents the baseline scored (empty summary: 2; generation failed: timeout after 30s: 1); allowed loss 0.0%``."""
    kept = c.baseline_scored_shared - c.newly_unscored
    shown = "; ".join(f"{reason}: {n}" for reason, n in c.no_output_reasons[:3])
    more = len(c.no_output_reasons) - 3
    if more > 0:
        shown += f"; {sum(n for _, n in c.no_output_reasons[3:])} for {more} other reason{'s' if more != 1 else ''}"
    return (f"{c.system} {c.metric}: coverage {kept}/{c.baseline_scored_shared} ({kept / c.baseline_scored_shared:.1%}): "
            f"the candidate has no output to score for {c.no_output} of the {c.baseline_scored_shared} documents the "
            f"baseline scored ({shown}); allowed loss {allowed:.1%}")


def _quote(text: str, limit: int = 80) -> str:
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def evaluate(comparison: Comparison, config: GateConfig) -> GateResult:
    """Judge every metric, collect the regressions, and add notes on how far the test can see."""
    tested = [c for c in comparison.metrics if c.p_value is not None]
    raw = [c.p_value for c in tested]
    adjusted = holm(raw) if config.correction == "holm" else list(raw)  # type: ignore[arg-type]
    p_adj = {(c.system, c.metric): p for c, p in zip(tested, adjusted)}
    level = f"{100 * (1 - comparison.alpha):g}%"

    def adj_note(p: float | None) -> str:
        return f" (Holm-adjusted {p:.4g})" if config.correction == "holm" and p is not None else ""

    verdicts: list[Verdict] = []
    regressions: list[Regression] = []
    notes = list(comparison.notes)
    for c in comparison.metrics:
        rule = config.rule(c.metric)
        p = p_adj.get((c.system, c.metric))
        status = _status(c, rule.direction, rule.tolerance, p, config.alpha)
        verdicts.append(Verdict(c, rule.direction, rule.tolerance, p, status))
        if status == FAIL:
            regressions.append(Regression("metric", c.system, c.metric, (
                f"{c.system} {c.metric}: {_fmt(c.baseline)} -> {_fmt(c.candidate)} "
                f"(delta {_fmt(c.delta, True)}, {level} CI [{_fmt(c.ci_low, True)}, {_fmt(c.ci_high, True)}], "
                f"p={c.p_value:.4g}{adj_note(p)}, n={c.n}); {rule.direction} is better and the allowed change is {rule.tolerance:g}")))
        # documents without any output are coverage (max_coverage_loss); those with a summary that this
        # metric still left unscored are the metric's own (max_newly_unscored)
        with_output = c.newly_unscored - c.no_output
        share = with_output / c.baseline_scored_shared if c.baseline_scored_shared else 0.0
        lost = c.no_output / c.baseline_scored_shared if c.baseline_scored_shared else 0.0
        if c.no_output and lost > config.max_coverage_loss + 1e-12:
            regressions.append(Regression("coverage", c.system, c.metric, coverage_message(c, config.max_coverage_loss)))
        if rule.max_newly_unscored is not None and share > rule.max_newly_unscored + 1e-12:
            regressions.append(Regression("unscored", c.system, c.metric, (
                f"{c.system} {c.metric}: the candidate leaves {with_output} of the {c.baseline_scored_shared} "
                f"documents the baseline scored unscored ({share:.1%}; allowed {rule.max_newly_unscored:.1%})")))
        elif status == NA:
            notes.append(f"{c.system} {c.metric}: no document scored by both runs, so not compared")
    if config.fail_on_new_unsupported:
        for new in comparison.new_unsupported:
            what = "number" if new.metric == "unsupported_numbers" else "entity" if new.metric == "unsupported_entities" else new.metric
            shown = ", ".join(_quote(t) for t in new.texts)
            regressions.append(Regression("new_unsupported", new.system, new.metric, (
                f"{new.system} document {new.doc_id!r}: {new.count:g} unsupported {what} item(s) where the baseline "
                f"had none" + (f": {shown}" if shown else ""))))
    if config.fail_on_missing:
        regressions.extend(Regression("missing", m.system, m.metric, m.describe()) for m in comparison.missing)

    if not config.fail_on_missing:
        notes.extend(m.describe() for m in comparison.missing)
    present = {c.metric for c in comparison.metrics} | {m.metric for m in comparison.missing if m.metric}
    for name in config.metrics:
        if name not in present and name not in DEFAULT_METRICS:
            notes.append(f"gate config lists metric {name!r}, which neither run has")
    if config.min_n:
        for c in tested:
            if c.n < config.min_n:
                regressions.append(Regression("power", c.system, c.metric, (
                    f"{c.system} {c.metric}: only {c.n} document(s) scored by both runs; min_n is {config.min_n}")))
    if comparison.code_changes:
        notes.insert(0, "compared across a change of checker code (allow_code_change): "
                     + " | ".join(comparison.code_changes))
    notes[:0] = power_notes(comparison, config)
    return GateResult(comparison, tuple(verdicts), tuple(regressions), tuple(notes), config.alpha, config.correction)


POWER = 0.8  # the conventional target power (Cohen 1988) for "able to detect"


def power_notes(comparison: Comparison, config: GateConfig) -> list[str]:
    """Say which tests could not have detected a drop of their tolerance.

    Two cases, judged at the strictest level a test may face (``alpha / tests``, Holm's first step):
    no change can be significant at all (the smallest attainable p is above that level), or a true
    drop equal to the tolerance would be detected with less than 80% power, by the normal
    approximation of :func:`sumcheck.stats.detectable_change` with the observed spread of the
    per-document differences. One line per case and system.
    """
    tested = [c for c in comparison.metrics if c.p_value is not None and c.n > 0]
    if not tested:
        return []
    m = len(tested) if config.correction == "holm" else 1
    level = config.alpha / m
    per = comparison.permutations or comparison.resamples
    blind: dict[int, list[str]] = {}
    few: dict[int, list[str]] = {}
    weak: dict[str, list[str]] = {}
    for c in tested:
        floor = smallest_p(c.n, per)
        if floor >= level:
            blind.setdefault(c.n, []).append(f"{c.system} {c.metric}")
            continue
        if 0 < c.n_changed and smallest_p(c.n_changed, per) >= level:
            few.setdefault(c.n_changed, []).append(f"{c.system} {c.metric}")
        tol = config.rule(c.metric).tolerance
        if tol > 0 and c.sd:
            mde = detectable_change(c.sd, c.n, alpha=level, power=POWER)
            if mde > tol:
                need = math.ceil(c.n * (mde / tol) ** 2)
                weak.setdefault(c.system, []).append(f"{c.metric} (n={c.n}, detectable {mde:.3g} > tolerance {tol:g}; ~{need} documents needed)")
    corr = f"Holm over {m} tests" if m > 1 else "one test"
    out = []
    for n, names in sorted(blind.items()):
        out.append(f"too few documents: with {n} scored by both runs no change can be significant (smallest possible "
                   f"p {smallest_p(n, per):.3g} >= {level:.3g}, alpha {config.alpha:g}, {corr}); at least "
                   f"{min_documents(m, config.alpha)} are needed: {', '.join(names)}")
    for k, names in sorted(few.items()):
        out.append(f"too few changed documents: only {k} document(s) differ between the runs, and documents that do "
                   f"not differ carry no evidence, so this change cannot be significant (smallest possible p "
                   f"{smallest_p(k, per):.3g} >= {level:.3g}, {corr}): {', '.join(names)}")
    for system, items in weak.items():
        out.append(f"low power: {system}: a drop of the tolerance would likely go undetected "
                   f"({POWER:.0%} power, {corr}): {', '.join(items)}")
    return out
