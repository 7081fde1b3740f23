"""Typed errors of the regression gate. The CLI turns them into messages and exit codes."""

from __future__ import annotations

from sumcheck.summarize.errors import SumcheckError


class GateError(SumcheckError):
    """Base class of everything the gate raises on its own account."""


class SignatureMismatchError(GateError):
    """The two runs scored a shared metric with different settings, so their numbers are not comparable.

    ``diff`` is a readable multi-line text (one line per differing field); ``mismatches`` holds the
    same facts as ``(system, metric, field, baseline_value, candidate_value)`` tuples, where a value
    of ``None`` means the field (or the whole signature) is absent on that side.
    """

    def __init__(self, mismatches: tuple[tuple[str, str, str, str | None, str | None], ...], diff: str) -> None:
        super().__init__("signatures differ; the runs are not comparable:\n" + diff)
        self.mismatches = mismatches
        self.diff = diff
