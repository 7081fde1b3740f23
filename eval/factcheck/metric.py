"""The fact-check metric: one ``factcheck`` object per (document, summary) pair.

Row shape (docs/run-folder.md): ``precision``, ``number_precision``, ``entity_precision``, ``reason``
(set when ``precision`` is None: empty summary, punctuation only, nothing checkable), ``entity_reason``
(set when the entity check was not run: no NER model for the pair's language), ``language``
(``document``, ``summary`` and ``checked_as`` codes, see :mod:`sumcheck.lang`), ``flags`` (unsupported items with
kind, text, start, end, reason, evidence) and ``items`` (all items with their verdict).
"""

from __future__ import annotations

from typing import Any, Mapping, Sequence

from sumcheck.metric import Metric, Pair


class FactCheckMetric(Metric):
    """The fact-check takes no settings: its rules are versioned in code (``RULES_VERSION``) and its
    NER model is fixed (``ner`` in the signature); ``metrics: {factcheck: {}}`` is its whole config."""

    name = "factcheck"
    headline = "precision"
    version = "1"
    summary = "every number and named entity of the summary matched against the source (rules versioned in code)"
    settings_spec = ()  # no settings: `factcheck: {}`
    values = {
        "fact_precision": "share of the summary's numbers and entities the source supports; unscored when the summary has no number and no named entity",
        "number_precision": "share of the summary's numbers the source supports; unscored when the summary has no number",
        "entity_precision": "share of the summary's named entities the source supports; unscored when the summary has no named entity",
        "unsupported_numbers": "count of numbers the source does not support",
        "unsupported_entities": "count of named entities the source does not support; unscored when no NER model reads the summary's language",
    }
    signature = {"ner": "spaCy NER model and version", "rules": "version of the matching rules",
                 "repair": "text-repair library and version (mojibake fixed before checking)",
                 "lang": "language detector and version", "code": "hash of the code the numbers depend on"}

    def signature_fields(self) -> dict[str, str]:
        from sumcheck.factcheck.check import RULES_VERSION
        from sumcheck.factcheck.nlp import model_signature

        from sumcheck.factcheck.textview import repair_signature
        from sumcheck.lang import detector_signature

        return {"ner": model_signature(), "rules": RULES_VERSION, "repair": repair_signature(), "lang": detector_signature(),
                "code": self.code_version()}

    def score(self, pairs: Sequence[Pair], *, upstream: Mapping[str, Sequence[Mapping[str, Any]]] | None = None) -> list[dict[str, Any]]:
        from sumcheck.factcheck.check import check_pairs

        if not pairs:
            return []
        cuts = [len(p.document.text) if p.document.meta.get("truncated_from_chars") else None for p in pairs]
        checks = check_pairs(summaries=[p.prediction.summary for p in pairs], sources=[p.document.text for p in pairs], cut_at=cuts)
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
            # entities not checked (no NER model for the language): not counted as 0 unsupported
            "unsupported_entities": None if row.get("entity_reason") else count("entity"),
        }

    @classmethod
    def value_reason(cls, row: Mapping[str, Any], key: str) -> str | None:
        if key in ("entity_precision", "unsupported_entities") and row.get("entity_reason"):
            return str(row["entity_reason"])
        return None
