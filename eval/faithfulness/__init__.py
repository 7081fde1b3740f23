"""Faithfulness of a summary to its source: per-sentence support with evidence spans.

Backends: ``offline`` (default; MiniLM alignment + lexical support + fact-check, calibrated) and
``nli`` (any Hugging Face pair classifier). See :mod:`sumcheck.faithfulness.metric`.
"""
