"""The ``rouge`` metric: ROUGE-1/2/L/Lsum P/R/F per (document, prediction) pair.

Settings (YAML ``metrics.rouge``; all recorded in the signature): ``types``, ``stemmer``,
``tokenizer``, ``lsum_split``, ``impl``, with defaults and valid values declared once in
:data:`SETTINGS` (printed by ``sumcheck metrics rouge``).

A row is ``{"rouge1": {"precision", "recall", "fmeasure"}, ...}``, or ``{"score": None, "reason": ...}``
when the item cannot be scored (no reference, empty summary, or a non-empty text in which the
tokenizer finds no token, e.g. Chinese under ``rouge-score``; a warning is logged for the latter).
"""

from __future__ import annotations

import logging
from typing import Any, Mapping, Sequence

from sumcheck.metric import Metric, Pair, Setting
from sumcheck.summarize.records import Document
from sumcheck.rouge.scorer import LSUM_SPLITS, ROUGE_TYPES, RougeConfig, RougeConfigError, RougeScorer
from sumcheck.rouge.tokenize import TOKENIZER_NAMES

log = logging.getLogger(__name__)

SETTINGS = (
    Setting("types", list(ROUGE_TYPES), "ROUGE variants to compute: any of rouge1..rouge9, rougeL, rougeLsum", kind="list"),
    Setting("stemmer", True, "Porter stemming of both texts (as rouge-score's use_stemmer)", choices=(True, False),
            kind="true/false", bool_only=True),
    Setting("tokenizer", "rouge-score", "rouge-score: lower-cased [a-z0-9] runs (English); unicode: any script",
            choices=tuple(TOKENIZER_NAMES)),
    Setting("lsum_split", "sentences", "how ROUGE-Lsum splits texts into sentences: sentence rules, or line breaks "
            "(as rouge-score)", choices=tuple(LSUM_SPLITS)),
    Setting("impl", "auto", "backend: rust (rouge-score-rs) when installed, else python; same numbers",
            choices=("auto", "rust", "python")),
)
_KNOWN = {s.name for s in SETTINGS}


def config_from_settings(settings: Mapping[str, Any]) -> RougeConfig:
    """Validate YAML settings into a :class:`RougeConfig` (raises :class:`RougeConfigError`)."""
    unknown = set(settings) - _KNOWN
    if unknown:
        raise RougeConfigError(f"unknown rouge setting(s) {sorted(unknown)}; known: {sorted(_KNOWN)} (see `sumcheck metrics rouge`)")
    kwargs: dict[str, Any] = {}
    if "types" in settings:
        types = settings["types"]
        if isinstance(types, str) or not isinstance(types, Sequence):
            raise RougeConfigError(f"rouge types must be a list, got {types!r}")
        kwargs["types"] = tuple(str(t) for t in types)
    if "stemmer" in settings:
        kwargs["stem"] = settings["stemmer"]
    for key in ("tokenizer", "lsum_split", "impl"):
        if key in settings:
            kwargs[key] = str(settings[key])
    return RougeConfig(**kwargs)


class RougeMetric(Metric):
    name = "rouge"
    version = "1"
    summary = "ROUGE-N/L/Lsum F-measure of each summary against the document's reference summaries (the best reference wins)"
    settings_spec = SETTINGS
    values = {t: f"{t} F-measure; unscored when the document has no reference summary, or a text has no token"
              for t in ROUGE_TYPES}
    signature = {"tok": "tokenizer", "stem": "Porter stemming yes/no", "lsum-split": "ROUGE-Lsum sentence splitter",
                 "refs": "most references any item had", "impl": "backend and its version",
                 "code": "hash of the code the numbers depend on"}

    def __init__(self, settings: Mapping[str, Any] | None = None) -> None:
        super().__init__(settings)
        self.config = config_from_settings(self.settings)
        self.scorer = RougeScorer(self.config)
        self.max_refs = 0

    def note_documents(self, documents: Sequence[Document]) -> None:
        """Record the reference counts of a whole run's documents, so that ``refs`` in the signature
        is right even when a resumed run scores only some of them in this process."""
        self.max_refs = max([self.max_refs, *(sum(1 for r in d.references if r and not r.isspace()) for d in documents)])

    def signature_fields(self) -> dict[str, str]:
        """``refs`` is the largest number of references any scored (or noted) item had; 1 before any."""
        c = self.config
        return {
            "tok": TOKENIZER_NAMES[c.tokenizer],
            "stem": "yes" if c.stem else "no",
            "lsum-split": LSUM_SPLITS[c.lsum_split],
            "refs": str(max(self.max_refs, 1)),
            "impl": self.scorer.impl_name,
            "code": self.code_version(),
        }

    def score(self, pairs: Sequence[Pair], *, upstream: Mapping[str, Sequence[Mapping[str, Any]]] | None = None) -> list[dict[str, Any]]:
        items = self.scorer.score_many(
            references=[p.document.references for p in pairs],
            summaries=[p.prediction.summary for p in pairs],
        )
        no_tokens = [(p, it) for p, it in zip(pairs, items) if it.reason and "another script?" in it.reason]
        if no_tokens:
            p, it = no_tokens[0]
            log.warning("rouge: %d item(s) unscored because the tokenizer cannot read their script (first: document %s, %s: %s)",
                        len(no_tokens), p.document.id, p.prediction.system, it.reason)
        self.max_refs = max([self.max_refs, *(it.n_references for it in items)])
        return [it.to_json() for it in items]

    def item_values(self, row: Mapping[str, Any]) -> dict[str, float | None]:
        return {t: (row[t]["fmeasure"] if t in row else None) for t in self.config.types}
