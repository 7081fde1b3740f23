"""The fact-check metric: one ``factcheck`` object per (document, summary) pair.

Row shape (docs/run-folder.md): ``precision``, ``number_precision``, ``entity_precision``, ``reason``
(set when ``precision`` is None: empty summary, nothing checkable), ``flags`` (unsupported items with
kind, text, start, end, reason, evidence) and ``items`` (all items with their verdict).
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence

from eval.metric import Metric, Pair


class FactCheckMetric(Metric):
    name = "factcheck"
    version = "1"

    def signature_fields(self) -> dict[str, str]:
        from eval.factcheck.check import RULES_VERSION
        from eval.factcheck.nlp import model_signature

        return {"ner": model_signature(), "rules": RULES_VERSION}

    def score(self, pairs: Sequence[Pair], *, upstream: Mapping[str, Sequence[Mapping[str, Any]]] | None = None) -> list[dict[str, Any]]:
        from eval.factcheck.check import check_pairs

        if not pairs:
            return []
        checks = check_pairs(summaries=[p.prediction.summary for p in pairs], sources=[p.document.text for p in pairs])
        return [c.to_json() for c in checks]

    def item_values(self, row: Mapping[str, Any]) -> dict[str, float | None]:
        scored = row.get("precision") is not None
        flags = row.get("flags") or []

        def count(kind: str) -> float | None:
            return float(sum(1 for f in flags if f.get("kind") == kind)) if scored else None

        return {
            "fact_precision": row.get("precision"),
            "number_precision": row.get("number_precision"),
            "entity_precision": row.get("entity_precision"),
            "unsupported_numbers": count("number"),
            "unsupported_entities": count("entity"),
        }
