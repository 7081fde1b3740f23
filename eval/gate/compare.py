"""Compare a candidate against a baseline, metric by metric, with a paired test per system.

Pure over two :class:`~sumcheck.gate.snapshot.Snapshot` objects: rows are paired by ``(id, system)``;
every per-item metric both sides have for a system is compared over the documents both scored
(:func:`sumcheck.stats.paired_test`: candidate minus baseline, its paired-bootstrap interval, and the
two-sided p-value of a sign-flip permutation test). The permutation budget grows with the number of
tests (:func:`sumcheck.stats.resamples_for`), so that the smallest p-value it can return always
stays below a Holm-corrected level; with few documents the test is exact.
Before any number is computed, the signatures of the shared metrics must match
(:mod:`sumcheck.gate.signatures`), otherwise :class:`~sumcheck.gate.errors.SignatureMismatchError`.
Flags dismissed by a reviewer on either side count as supported items in both (out of the unsupported
counts, supported in the precisions).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import asdict, dataclass

import numpy as np
from typing import Any, Iterable

from sumcheck.gate.signatures import DEFAULT_IGNORED, check_signatures, parse_signature
from sumcheck.gate.snapshot import UNSUPPORTED_KEYS, Snapshot
from sumcheck.stats import paired_arrays, paired_test, resamples_for

METRIC_ORDER = (
    "rouge1", "rouge2", "rougeL", "rougeLsum", "faithfulness", "fact_precision",
    "number_precision", "entity_precision", "unsupported_numbers", "unsupported_entities",
)


@dataclass(frozen=True)
class MetricComparison:
    """One metric of one system: means over the paired items, candidate minus baseline, interval, p."""

    system: str
    metric: str
    baseline: float | None
    candidate: float | None
    delta: float | None
    ci_low: float | None
    ci_high: float | None
    p_value: float | None
    n: int
    baseline_scored: int
    candidate_scored: int
    newly_unscored: int = 0  # documents of both runs that the baseline scored and the candidate did not
    baseline_scored_shared: int = 0  # documents of both runs that the baseline scored
    sd: float | None = None  # standard deviation of the per-document differences (None for n < 2)
    n_changed: int = 0  # paired documents whose value differs (only their signs matter to the test)
    # of ``newly_unscored``: documents for which the candidate has no output to score at all (a failed
    # generation, an empty or wordless summary, a row no metric scored), and why, most frequent first
    no_output: int = 0
    no_output_reasons: tuple[tuple[str, int], ...] = ()

    @property
    def coverage(self) -> float | None:
        """Share of the documents the baseline scored (of both runs) that the candidate scored too."""
        if not self.baseline_scored_shared:
            return None
        return (self.baseline_scored_shared - self.newly_unscored) / self.baseline_scored_shared


@dataclass(frozen=True)
class NewUnsupported:
    """A document with no unsupported item of this kind in the baseline and some in the candidate."""

    system: str
    doc_id: str
    metric: str
    count: float
    texts: tuple[str, ...]


@dataclass(frozen=True)
class Missing:
    """Something the baseline has that the candidate lacks (``metric`` None: the whole system; with
    ``documents`` > 0, ``metric`` is ``"documents"``: that many of the system's ``of`` baseline documents)."""

    system: str
    metric: str | None
    documents: int = 0
    of: int = 0

    def describe(self) -> str:
        if self.documents:
            return (f"system {self.system!r}: {self.documents} of its {self.of} baseline documents are not in the candidate"
                    " (a candidate must score every baseline document; gate a run of the same data)")
        if self.metric is None:
            return f"system {self.system!r} is in the baseline but not in the candidate"
        return f"metric {self.metric!r} of system {self.system!r} is in the baseline but not in the candidate"


@dataclass(frozen=True)
class Comparison:
    baseline_source: str
    candidate_source: str
    metrics: tuple[MetricComparison, ...]
    new_unsupported: tuple[NewUnsupported, ...]
    missing: tuple[Missing, ...]
    notes: tuple[str, ...]
    resamples: int
    seed: int
    alpha: float
    permutations: int = 0  # sign-flip patterns drawn per test (exact enumeration when 2**n is fewer)
    code_changes: tuple[str, ...] = ()  # signature differences in code versions, allowed by the caller

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def metric_sort_key(name: str) -> tuple[int, str]:
    """Known metrics in a fixed reading order, then the rest alphabetically.

    >>> sorted(["zeta", "faithfulness", "rouge2", "alpha"], key=metric_sort_key)
    ['rouge2', 'faithfulness', 'alpha', 'zeta']
    """
    return (METRIC_ORDER.index(name), "") if name in METRIC_ORDER else (len(METRIC_ORDER), name)


def _keys(rows: Iterable[dict[str, float | None]]) -> set[str]:
    keys: set[str] = set()
    for values in rows:
        keys.update(values)
    return keys


def compare(
    baseline: Snapshot,
    candidate: Snapshot,
    *,
    resamples: int = 1000,
    seed: int = 12345,
    alpha: float = 0.05,
    ignore_signature_fields: Iterable[str] = DEFAULT_IGNORED,
    correction: str = "holm",
    allow_code_change: bool = False,
) -> Comparison:
    """Compare every metric both snapshots share, per system, over the documents both scored.

    ``resamples`` is the bootstrap budget of the intervals and the least number of sign-flip
    patterns; the patterns are raised to what ``alpha`` over every test needs (``correction``
    ``"holm"``) or over one test (``"none"``).

    Raises :class:`~sumcheck.gate.errors.SignatureMismatchError` when a shared metric's signature differs
    in a field outside ``ignore_signature_fields``; a difference only in the checker's code version
    (``code``, ``v``) is allowed with ``allow_code_change`` and then listed in ``code_changes``.
    """
    dismissed = baseline.dismissed | candidate.dismissed
    b_rows = {(r.doc_id, r.system): r for r in baseline.rows}
    c_rows = {(r.doc_id, r.system): r for r in candidate.rows}
    b_values = {k: r.effective_values(dismissed) for k, r in b_rows.items()}
    c_values = {k: r.effective_values(dismissed) for k, r in c_rows.items()}
    c_systems = set(candidate.systems())

    missing: list[Missing] = []
    notes: list[str] = []
    plan: list[tuple[str, list[str], list[str]]] = []  # system, shared metrics, shared doc ids
    for system in baseline.systems():
        if system not in c_systems:
            missing.append(Missing(system, None))
            continue
        b_docs = [d for (d, s) in b_rows if s == system]
        c_docs = {d for (d, s) in c_rows if s == system}
        b_keys = _keys(b_values[(d, system)] for d in b_docs)
        c_keys = _keys(c_values[(d, system)] for d in c_docs)
        missing.extend(Missing(system, m) for m in sorted(b_keys - c_keys, key=metric_sort_key))
        extra = sorted(c_keys - b_keys, key=metric_sort_key)
        if extra:
            notes.append(f"{system}: not in the baseline, so not compared: {', '.join(extra)}")
        docs = sorted(d for d in b_docs if d in c_docs)  # id order: the sign-flip draws do not depend on row order
        lost = len(b_docs) - len(docs)
        if lost:
            missing.append(Missing(system, "documents", lost, len(b_docs)))
        plan.append((system, sorted(b_keys & c_keys, key=metric_sort_key), docs))
    for system in candidate.systems():
        if system not in set(baseline.systems()):
            notes.append(f"system {system!r} is only in the candidate, so not compared")

    code_changes = check_signatures(
        baseline.signatures, candidate.signatures,
        shared=[(system, m) for system, metrics, _ in plan for m in metrics],
        ignore=ignore_signature_fields, allow_code_change=allow_code_change,
    )
    present = {field for snap in (baseline, candidate) for metrics in snap.signatures.values()
               for sig in metrics.values() if sig for field in parse_signature(sig)[1]}
    for field in ignore_signature_fields:
        if field not in present and field not in DEFAULT_IGNORED:
            notes.append(f"ignore_signature_fields lists {field!r}, a field no signature of either run has (a typo?)")
    tests = sum(len(metrics) for _, metrics, _ in plan)
    permutations = resamples_for(tests if correction == "holm" else 1, alpha, floor=resamples)

    results: list[MetricComparison] = []
    new: list[NewUnsupported] = []
    for system, metrics, docs in plan:
        for metric in metrics:
            b = [b_values[(d, system)].get(metric) for d in docs]
            c = [c_values[(d, system)].get(metric) for d in docs]
            pc = paired_test(b, c, resamples=permutations, ci_resamples=resamples, seed=seed, alpha=alpha)
            b_scored = sum(b_values[k].get(metric) is not None for k in b_values if k[1] == system)
            c_scored = sum(c_values[k].get(metric) is not None for k in c_values if k[1] == system)
            lost = sum(x is not None and y is None for x, y in zip(b, c))
            b_shared = sum(x is not None for x in b)
            pb, pcand = paired_arrays(b, c)
            sd = float((pcand - pb).std(ddof=1)) if len(pb) >= 2 else None
            n_changed = int(np.sum(~np.isclose(pcand, pb, rtol=0.0, atol=1e-12)))
            why = [c_rows[(d, system)].no_output for d, x, y in zip(docs, b, c) if x is not None and y is None]
            reasons = tuple(Counter(w for w in why if w).most_common())
            results.append(MetricComparison(system, metric, pc.baseline, pc.candidate, pc.delta, pc.low, pc.high,
                                            pc.p_value, pc.n, b_scored, c_scored, lost, b_shared, sd, n_changed,
                                            sum(n for _, n in reasons), reasons))
            if metric in UNSUPPORTED_KEYS:
                for d in docs:
                    before, after = b_values[(d, system)].get(metric), c_values[(d, system)].get(metric)
                    # None: the baseline's fact-check found nothing checkable there, so no unsupported item either
                    if (before is None or before == 0) and after is not None and after > 0:
                        flags = c_rows[(d, system)].active_flags(dismissed)
                        texts = tuple(f.text for f in flags if f.counts_as == metric)
                        new.append(NewUnsupported(system, d, metric, after, texts))
    return Comparison(baseline.source, candidate.source, tuple(results), tuple(new), tuple(missing), tuple(notes),
                      resamples, seed, alpha, permutations, tuple(code_changes))
