"""The ``nli`` backend: any Hugging Face sequence-pair classifier (3-way NLI or binary consistency).

Each (source chunk, summary sentence) pair is classified with the chunk as premise and the sentence
as hypothesis. Cell score:

* ``zs`` (SummaC-ZS style, 3-way models): ``(P(entailment) - P(contradiction) + 1) / 2``;
* ``entail`` (AlignScore style, any model): ``P(entailment)`` (or ``P(consistent)`` for a binary one).

A sentence scores its best chunk; the summary aggregates its sentences (mean or min). All pairs of
a batch of documents are sorted by length and classified together; bf16 on CUDA, fp32 on CPU.
The checkpoint (hub id with an optional revision, or a local folder) resolves through
:func:`sumcheck.summarize.hub.resolve_model`: downloaded on first use unless offline.

Its quality depends entirely on the checkpoint: nothing on this machine could measure it offline.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Sequence

import numpy as np

from sumcheck.faithfulness.chunks import make_chunks
from sumcheck.faithfulness.result import EMPTY_SOURCE, EMPTY_SUMMARY, FaithfulnessResult, SentenceScore, unscored
from sumcheck.summarize.errors import ConfigError, ModelNotAvailableError
from sumcheck.summarize.text import split_sentences

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
    ent = [i for i, v in names.items() if v.startswith("entail") or v in ("consistent", "supported", "factual", "faithful")]
    con = [i for i, v in names.items() if v.startswith("contradict") or v in ("inconsistent", "unsupported", "hallucinated")]
    if len(ent) != 1:
        raise ConfigError(f"cannot tell which output means entailment from labels {sorted(names.items())}; "
                          "set faithfulness.nli.label_map, e.g. {entailment: 1, contradiction: 0}")
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


class NliScorer:
    def __init__(self, model: str, *, device: str = "cpu", dtype: str | None = None, mode: str = "zs",
                 chunking: str = "sent", aggregation: str = "mean", threshold: float = 0.5,
                 label_override: Mapping[str, int] | None = None, batch_size: int = 32, max_length: int = 512,
                 revision: str | None = None) -> None:
        if mode not in MODES:
            raise ConfigError(f"nli mode must be one of {MODES}, got {mode!r}")
        if aggregation not in ("mean", "min"):
            raise ConfigError(f"nli aggregation must be mean or min, got {aggregation!r}")
        import torch
        from transformers import AutoModelForSequenceClassification, AutoTokenizer

        from sumcheck.summarize.hub import resolve_model

        self.dtype = dtype or ("bfloat16" if device.startswith("cuda") else "float32")
        path = str(resolve_model(model, revision=revision).path)  # the one resolver: downloads unless offline
        try:
            self.tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
            self.model = AutoModelForSequenceClassification.from_pretrained(path, local_files_only=True,
                                                                            dtype=getattr(torch, self.dtype))
        except (OSError, ValueError) as exc:
            raise ModelNotAvailableError(f"NLI checkpoint {model!r} cannot be loaded from {path}: {exc}") from exc
        self.model.eval().to(device)
        self.name, self.device, self.mode = model, device, mode
        self.chunking, self.aggregation, self.threshold = chunking, aggregation, threshold
        self.labels = label_map(self.model.config.id2label, label_override)
        if mode == "zs" and self.labels.contradiction is None:
            self.mode = "entail"  # a binary checker has no contradiction output
        self.batch_size, self.max_length = batch_size, max_length

    def _classify(self, premises: Sequence[str], hypotheses: Sequence[str]) -> np.ndarray:
        import torch

        out = np.zeros(len(premises), dtype=np.float32)
        order = sorted(range(len(premises)), key=lambda i: -(len(premises[i]) + len(hypotheses[i])))
        with torch.inference_mode():
            for lo in range(0, len(order), self.batch_size):
                idx = order[lo:lo + self.batch_size]
                enc = self.tokenizer([premises[i] for i in idx], [hypotheses[i] for i in idx], padding=True,
                                     truncation="only_first", max_length=self.max_length, return_tensors="pt")
                enc = {k: v.to(self.device) for k, v in enc.items()}
                probs = torch.softmax(self.model(**enc).logits.float(), dim=-1).cpu().numpy()
                out[idx] = cell_scores(probs, self.labels, self.mode)
        return out

    def score(self, sources: Sequence[str], summaries: Sequence[str]) -> list[FaithfulnessResult]:
        plans: list[Any] = []
        premises: list[str] = []
        hyps: list[str] = []
        for src, summ in zip(sources, summaries):
            sents = split_sentences(summ)
            chunks = make_chunks(src, self.chunking)
            if not sents or not chunks:
                plans.append(unscored(EMPTY_SUMMARY if not sents else EMPTY_SOURCE, BACKEND))
                continue
            plans.append((sents, chunks, len(premises)))
            for s in sents:
                for c in chunks:
                    premises.append(c.text)
                    hyps.append(s.text)
        cells = self._classify(premises, hyps) if premises else np.zeros(0, dtype=np.float32)
        out: list[FaithfulnessResult] = []
        for plan in plans:
            if isinstance(plan, FaithfulnessResult):
                out.append(plan)
                continue
            sents, chunks, at = plan
            matrix = cells[at:at + len(sents) * len(chunks)].reshape(len(sents), len(chunks))
            best = matrix.argmax(axis=1)
            scored = tuple(SentenceScore(s.start, s.end, s.text, float(matrix[k, best[k]]), chunks[best[k]].start,
                                         chunks[best[k]].end) for k, s in enumerate(sents))
            vals = [s.score for s in scored]
            total = float(min(vals)) if self.aggregation == "min" else float(np.mean(vals))
            out.append(FaithfulnessResult(total, "faithful" if total >= self.threshold else "unfaithful", scored, BACKEND))
        return out
