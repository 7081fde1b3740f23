"""Fact-check every number and named entity of a summary against its source.

Public API (see :mod:`sumcheck.factcheck.check`): ``check_summary(summary=, source=) -> FactCheck``,
``check_pairs(summaries=, sources=) -> list[FactCheck]`` and :class:`sumcheck.factcheck.metric.FactCheckMetric`.
Heavy imports (spaCy) happen inside functions, never at import time of this package.
"""
