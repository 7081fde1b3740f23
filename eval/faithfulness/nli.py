"""The ``nli`` backend: any Hugging Face sequence-pair classifier (3-way NLI or binary consistency).

By default the backend computes SummaC-ZS / SummaC-Conv exactly as summac 0.0.4
(:class:`sumcheck.faithfulness.published.SummaC`). What follows describes ``method: chunked``,
sumcheck's own variant (not a published method).

Each (source chunk, summary sentence) pair is classified with the chunk as premise and the sentence
as hypothesis (:class:`sumcheck.faithfulness.checkers.NliScorer`). Cell score:

* ``zs`` (SummaC-ZS style, 3-way models): ``(P(entailment) - P(contradiction) + 1) / 2``;
* ``entail`` (AlignScore style, any model): ``P(entailment)`` (or ``P(consistent)`` for a binary one).

A sentence scores its best chunk (SummaC-ZS) or the learned head of the histogram of its cells
(SummaC-Conv); the summary aggregates its sentences (mean or min). All pairs of a batch of
documents are sorted by length and classified together; bf16 on CUDA, fp32 on CPU. The
checkpoint (hub id with an optional revision, or a local folder) resolves through
:func:`sumcheck.summarize.hub.resolve_model`: downloaded on first use unless offline.

Its quality depends entirely on the checkpoint: nothing on this machine could measure it offline.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Mapping

import numpy as np

from sumcheck.summarize.errors import ConfigError

BACKEND = "nli"
MODES = ("zs", "entail")


@dataclass(frozen=True)
class LabelMap:
    """Which output index means entailment (consistent) and which contradiction (None when absent)."""

    entailment: int
    contradiction: int | None


def label_map(id2label: Mapping[int, str], override: Mapping[str, int] | None = None) -> LabelMap:
    """Find the entailment/contradiction outputs from the model config, or take them from ``override``.

    >>> label_map({0: "ENTAILMENT", 1: "NEUTRAL", 2: "CONTRADICTION"})
    LabelMap(entailment=0, contradiction=2)
    >>> label_map({0: "SUPPORTS", 1: "REFUTES", 2: "NOT ENOUGH INFO"})  # VitaminC (tals/albert-*-vitaminc-mnli)
    LabelMap(entailment=0, contradiction=1)
    >>> label_map({0: "LABEL_0", 1: "LABEL_1"}, {"entailment": 1})
    LabelMap(entailment=1, contradiction=None)
    """
    n = len(id2label)
    if override:
        ent = override.get("entailment")
        if ent is None or not 0 <= int(ent) < n:
            raise ConfigError(f"nli label_map override needs 'entailment' in 0..{n - 1}, got {dict(override)}")
        con = override.get("contradiction")
        if con is not None and not 0 <= int(con) < n:
            raise ConfigError(f"nli label_map 'contradiction' must be in 0..{n - 1}, got {con}")
        return LabelMap(int(ent), None if con is None else int(con))
    names = {int(i): str(v).lower() for i, v in id2label.items()}
    ent = [i for i, v in names.items() if v.startswith("entail") or v in ("consistent", "supported", "supports", "factual", "faithful", "aligned")]
    con = [i for i, v in names.items() if v.startswith("contradict") or v in ("inconsistent", "unsupported", "refutes", "hallucinated")]
    if len(ent) != 1:
        raise ConfigError(f"cannot tell which output means entailment from labels {sorted(names.items())}; "
                          "set the faithfulness setting label_map, e.g. `faithfulness: {backend: nli, model: ..., label_map: {entailment: 1, contradiction: 0}}`")
    return LabelMap(ent[0], con[0] if len(con) == 1 else None)


def cell_scores(probs: np.ndarray, labels: LabelMap, mode: str) -> np.ndarray:
    """Per-pair score in [0, 1] from class probabilities (rows sum to 1).

    >>> cell_scores(np.array([[0.7, 0.2, 0.1]]), LabelMap(0, 2), "zs").round(3).tolist()
    [0.8]
    """
    ent = probs[:, labels.entailment]
    if mode == "zs" and labels.contradiction is not None:
        return (ent - probs[:, labels.contradiction] + 1.0) / 2.0
    return ent


def __getattr__(name: str):
    # the scorer lives with the other trained checkers (it imports this module's label helpers)
    if name == "NliScorer":
        from sumcheck.faithfulness.checkers import NliScorer
        return NliScorer
    raise AttributeError(name)
