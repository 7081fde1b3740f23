"""pytest plugin: gate summaries in an ordinary test.

Registered as the ``pytest11`` entry point ``sumcheck = "sumcheck.gate.pytest_plugin"`` (or load it with
``-p sumcheck.gate.pytest_plugin``). It provides the ``sumcheck`` fixture::

    def test_no_regression(sumcheck):
        sumcheck.assert_no_regression("runs/candidate", "tests/sumcheck-baseline.json")

    def test_faithful_enough(sumcheck):
        sumcheck.assert_min("runs/candidate", "faithfulness", 0.6)

Failures carry the same table ``sumcheck gate`` prints. The ini option ``sumcheck_gate_config``
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

    def compare(self, candidate_run: str | Path | Snapshot, baseline: str | Path | Snapshot) -> GateResult:
        """The gate's result without asserting anything (signature mismatches still fail the test)."""
        try:
            return run_gate(baseline, candidate_run, self.config)
        except SignatureMismatchError as exc:
            pytest.fail(f"sumcheck: the runs are not comparable: metric signatures differ\n{exc.diff}", pytrace=False)

    def assert_no_regression(self, candidate_run: str | Path | Snapshot, baseline: str | Path | Snapshot) -> GateResult:
        """Fail the test with the gate's table when the candidate regresses against the baseline."""
        result = self.compare(candidate_run, baseline)
        if not result.passed:
            pytest.fail(to_table(result), pytrace=False)
        return result

    def _threshold(self, run: str | Path | Snapshot, metric: str, bound: str, value: float, system: str | None) -> tuple[ThresholdCheck, ...]:
        snapshot = run if isinstance(run, Snapshot) else load_snapshot(run)
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


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addini("sumcheck_gate_config", "gate settings (YAML) for the sumcheck fixture, relative to the rootdir", default="")


@pytest.fixture
def sumcheck(request: pytest.FixtureRequest) -> SumcheckAssertions:
    """Assertions over sumcheck runs: ``assert_no_regression``, ``assert_min``, ``assert_max``."""
    from sumcheck.gate.config import load_gate_config

    path = request.config.getini("sumcheck_gate_config")
    return SumcheckAssertions(load_gate_config(request.config.rootpath / path) if path else None)
