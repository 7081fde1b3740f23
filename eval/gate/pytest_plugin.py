"""pytest plugin: gate summaries in an ordinary test.

Registered as the ``pytest11`` entry point ``sumcheck = "sumcheck.gate.pytest_plugin"`` (or load it with
``-p sumcheck.gate.pytest_plugin``). It provides the ``sumcheck`` fixture::

    def test_no_regression(sumcheck):
        sumcheck.assert_no_regression(baseline="tests/sumcheck-baseline.json", candidate="runs/candidate")

    def test_faithful_enough(sumcheck):
        sumcheck.assert_min("runs/candidate", "faithfulness", 0.6)

``baseline=`` and ``candidate=`` are keyword-only (a swapped pair would otherwise pass silently):
the baseline is a baseline file written by ``sumcheck baseline``, the candidate a run folder, and
the other way round is an error. Failures carry the same table ``sumcheck gate`` prints. The ini option ``sumcheck_gate_config``
(a path relative to the rootdir) sets the gate settings; otherwise the built-in defaults apply.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from sumcheck.gate import GateConfig, GateResult, SignatureMismatchError, Snapshot, load_snapshot, run_gate, to_table
from sumcheck.gate.thresholds import ThresholdCheck, check_threshold, threshold_table


class SumcheckAssertions:
    """The object the ``sumcheck`` fixture returns; usable directly outside the fixture too."""

    def __init__(self, config: GateConfig | None = None) -> None:
        self.config = config or GateConfig()

    def compare(self, *, baseline: str | Path | Snapshot, candidate: str | Path | Snapshot) -> GateResult:
        """The gate's result without asserting anything (mismatched signatures or inputs still fail the test)."""
        b = _load(baseline, "baseline", "baseline")
        c = _load(candidate, "run", "candidate")
        failure = None
        try:
            return run_gate(b, c, self.config)
        except SignatureMismatchError as exc:
            failure = f"sumcheck: the runs are not comparable: metric signatures differ\n{exc.diff}"
        pytest.fail(failure, pytrace=False)  # outside the except block: reported once, with no chained traceback

    def assert_no_regression(self, *, baseline: str | Path | Snapshot, candidate: str | Path | Snapshot) -> GateResult:
        """Fail the test with the gate's table when ``candidate`` (a run folder) regresses against
        ``baseline`` (a baseline file)."""
        result = self.compare(baseline=baseline, candidate=candidate)
        if not result.passed:
            pytest.fail(to_table(result), pytrace=False)
        return result

    def _threshold(self, run: str | Path | Snapshot, metric: str, bound: str, value: float, system: str | None) -> tuple[ThresholdCheck, ...]:
        snapshot = _load(run, None, "run")
        checks = check_threshold(snapshot, metric, bound=bound, value=value, system=system,
                                 resamples=self.config.resamples, seed=self.config.seed, alpha=self.config.alpha)
        if not checks:
            from sumcheck.metric import nearest

            known = sorted({k for r in snapshot.rows for k in r.effective_values(snapshot.dismissed)})
            hint = nearest(metric, known)
            where = f"system {system!r} of " if system else ""
            pytest.fail(f"sumcheck: {where}{snapshot.source} has no metric {metric!r}"
                        + (f"; did you mean {hint!r}?" if hint else f"; it has: {', '.join(known) or 'none'}"), pytrace=False)
        if not all(c.passed for c in checks):
            pytest.fail(threshold_table(checks, source=snapshot.source), pytrace=False)
        return checks

    def assert_min(self, run: str | Path | Snapshot, metric: str, value: float, *, system: str | None = None) -> tuple[ThresholdCheck, ...]:
        """Fail unless every system's (or ``system``'s) corpus mean of ``metric`` is at least ``value``."""
        return self._threshold(run, metric, ">=", value, system)

    def assert_max(self, run: str | Path | Snapshot, metric: str, value: float, *, system: str | None = None) -> tuple[ThresholdCheck, ...]:
        """Fail unless every system's corpus mean of ``metric`` is at most ``value`` (e.g. unsupported counts)."""
        return self._threshold(run, metric, "<=", value, system)


_KIND_NAMES = {"baseline": "a baseline file (written by `sumcheck baseline`)", "run": "a run folder"}


def _load(source: str | Path | Snapshot, kind: str | None, role: str) -> Snapshot:
    """``source`` as a snapshot of ``kind`` (None: either); fails the test when it is the other kind or unreadable."""
    from sumcheck.summarize.errors import SumcheckError

    message = None
    try:
        snapshot = source if isinstance(source, Snapshot) else load_snapshot(source)
    except SumcheckError as exc:
        message = f"sumcheck: {role}: {exc}"
    else:
        if kind is None or snapshot.kind == kind:
            return snapshot
        message = (f"sumcheck: {role}={snapshot.source!r} is {_KIND_NAMES[snapshot.kind]}, but the {role} must be "
                   f"{_KIND_NAMES[kind]}; are baseline= and candidate= swapped?")
    pytest.fail(message, pytrace=False)


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini("sumcheck_gate_config", "gate settings (YAML) for the sumcheck fixture, relative to the rootdir", default="")


@pytest.fixture
def sumcheck(request: pytest.FixtureRequest) -> SumcheckAssertions:
    """Assertions over sumcheck runs: ``assert_no_regression``, ``assert_min``, ``assert_max``."""
    from sumcheck.gate.config import load_gate_config
    from sumcheck.summarize.errors import SumcheckError

    path = request.config.getini("sumcheck_gate_config")
    message = None
    try:
        return SumcheckAssertions(load_gate_config(request.config.rootpath / path) if path else None)
    except SumcheckError as exc:  # a mistake in the ini-named file: one line, as for every other input
        message = f"sumcheck: sumcheck_gate_config: {exc}"
    pytest.fail(message, pytrace=False)
