"""Regression gate: compare a candidate run against a baseline and fail on a real drop.

Typical use::

    from sumcheck.gate import run_gate, to_table
    result = run_gate("baseline.json", "runs/pr-123", load_gate_config("configs/gate.yaml"))
    print(to_table(result)); exit_code = 0 if result.passed else 1

Pieces: :func:`load_snapshot` (a run folder or baseline file), :func:`compare` (paired sign-flip test
per system and metric; raises :class:`SignatureMismatchError` when settings differ),
:func:`evaluate` (tolerances, directions, multiple-testing correction), the writers in
:mod:`sumcheck.gate.render`, and :func:`write_baseline`.
"""

from __future__ import annotations

from pathlib import Path

from sumcheck.gate.baseline import build_baseline, write_baseline
from sumcheck.gate.compare import Comparison, MetricComparison, Missing, NewUnsupported, compare
from sumcheck.gate.config import GateConfig, MetricRule, load_gate_config, parse_gate_config
from sumcheck.gate.decide import GateResult, Regression, Verdict, evaluate, holm
from sumcheck.gate.errors import GateError, SignatureMismatchError
from sumcheck.gate.render import to_json, to_junit, to_markdown, to_table, write_outputs
from sumcheck.gate.snapshot import Snapshot, load_baseline, load_run, load_snapshot

__all__ = [
    "Comparison", "GateConfig", "GateError", "GateResult", "MetricComparison", "MetricRule", "Missing",
    "NewUnsupported", "Regression", "SignatureMismatchError", "Snapshot", "Verdict", "build_baseline",
    "compare", "evaluate", "holm", "load_baseline", "load_gate_config", "load_run", "load_snapshot",
    "parse_gate_config", "run_gate", "to_json", "to_junit", "to_markdown", "to_table", "write_baseline",
    "write_outputs",
]


def run_gate(baseline: str | Path | Snapshot, candidate: str | Path | Snapshot, config: GateConfig | None = None) -> GateResult:
    """Load both sides (paths or snapshots), compare them with ``config``'s settings, and judge."""
    config = config or GateConfig()
    b = baseline if isinstance(baseline, Snapshot) else load_snapshot(baseline)
    c = candidate if isinstance(candidate, Snapshot) else load_snapshot(candidate)
    comparison = compare(b, c, resamples=config.resamples, seed=config.seed, alpha=config.alpha,
                         ignore_signature_fields=config.ignore_signature_fields, correction=config.correction,
                         allow_code_change=config.allow_code_change)
    return evaluate(comparison, config)
