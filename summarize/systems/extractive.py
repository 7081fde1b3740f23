"""Extractive baselines that need no generation: lead-k and embedding-centrality MMR.

Both split sentences with :func:`sumcheck.summarize.text.split_sentences` (the splitter the checks and
ROUGE-Lsum use) and join the picked sentences, in document order, with single spaces.
"""

from __future__ import annotations

import functools
from typing import Any, Sequence

import numpy as np

from sumcheck.summarize.records import Document, Prediction
from sumcheck.summarize.text import SPLITTER_NAME, split_sentences


class LeadSystem:
    """Lead-k: the document's first ``k`` sentences, joined by single spaces."""

    def __init__(self, spec) -> None:  # noqa: ANN001 - sumcheck.summarize.spec.LeadSpec
        self.spec = spec
        self.name = spec.name

    def model_signature(self) -> str:
        return f"lead-{self.spec.k}"

    def generate(self, documents: Sequence[Document], on_result=None) -> list[Prediction]:  # noqa: ANN001
        out = []
        for i, doc in enumerate(documents):
            sents = _sentence_texts(doc.text)[: self.spec.k]
            # an extract is never cut short: recorded like a model's completion (issue 25)
            pred = Prediction(doc.id, self.name, " ".join(sents), {"sentences": len(sents), **EXTRACT_FINISH})
            out.append(pred)
            if on_result is not None:
                on_result(i, pred)
        return out


EXTRACT_FINISH = {"finish_reason": "stop", "completion_truncated": False}


@functools.lru_cache(maxsize=4096)
def _sentence_texts(text: str) -> tuple[str, ...]:
    """The texts of ``split_sentences(text)``, memoised: a run with several lead-k systems (or a
    document repeated) splits each document once, not once per system."""
    return tuple(s.text for s in split_sentences(text))


def mmr_select(embeddings: np.ndarray, *, k: int, relevance_weight: float) -> list[int]:
    """Pick ``k`` rows of L2-normalised ``embeddings`` by maximal marginal relevance (Carbonell &
    Goldstein, 1998) against the centroid; returned in document order.

    Relevance is the cosine similarity to the normalised mean embedding; each step takes the row
    maximising ``w * relevance - (1 - w) * max cosine to the rows already taken`` (ties: the earlier row).

    >>> e = np.array([[1.0, 0.0], [1.0, 0.0], [0.6, 0.8]])
    >>> mmr_select(e, k=2, relevance_weight=0.5)  # the duplicate of row 0 is passed over
    [0, 2]
    """
    n = embeddings.shape[0]
    if n == 0:
        return []
    centroid = embeddings.mean(axis=0)
    norm = float(np.linalg.norm(centroid))
    relevance = embeddings @ (centroid / norm) if norm > 0 else np.zeros(n)
    sims = embeddings @ embeddings.T
    chosen: list[int] = []
    redundancy = np.full(n, -np.inf)
    for _ in range(min(k, n)):
        penalty = np.where(np.isfinite(redundancy), redundancy, 0.0)
        score = relevance_weight * relevance - (1.0 - relevance_weight) * penalty
        score[chosen] = -np.inf
        best = int(np.argmax(score))
        chosen.append(best)
        redundancy = np.maximum(redundancy, sims[best])
    return sorted(chosen)


class MMRSystem:
    """Embedding-centrality extractive summarizer on all-MiniLM-L6-v2 (see :class:`sumcheck.summarize.spec.MMRSpec`)."""

    def __init__(self, spec) -> None:  # noqa: ANN001 - sumcheck.summarize.spec.MMRSpec
        from sumcheck.summarize.embed import load_encoder, model_dir, weights_digest
        from sumcheck.summarize.systems.runtime import resolve_placement

        self.spec = spec
        self.name = spec.name
        model_dir()  # ModelNotAvailableError now, not in the middle of a run
        self.placement = resolve_placement(spec.device, spec.dtype)
        self._load = lambda: load_encoder(self.placement.device, self.placement.dtype)
        self._encoder: Any = None
        self._digest = weights_digest(model_dir())[:12]

    def model_signature(self) -> str:
        return (f"mmr-{self.spec.k}|w:{self.spec.relevance_weight}|all-MiniLM-L6-v2@sha256:{self._digest}"
                f"|{self.placement.device}/{self.placement.dtype}|split:{SPLITTER_NAME}")

    def generate(self, documents: Sequence[Document], on_result=None) -> list[Prediction]:  # noqa: ANN001
        if self._encoder is None:
            self._encoder = self._load()
        per_doc = [split_sentences(doc.text) for doc in documents]
        flat = [s.text for sents in per_doc for s in sents]
        vectors = self._encoder.encode(flat) if flat else np.zeros((0, 1), dtype=np.float32)
        out, pos = [], 0
        for i, (doc, sents) in enumerate(zip(documents, per_doc)):
            rows = vectors[pos:pos + len(sents)]
            pos += len(sents)
            picked = mmr_select(rows, k=self.spec.k, relevance_weight=self.spec.relevance_weight)
            summary = " ".join(sents[j].text for j in picked)
            pred = Prediction(doc.id, self.name, summary, {"sentences": len(picked), "picked": picked,
                                                          "document_sentences": len(sents), **EXTRACT_FINISH})
            out.append(pred)
            if on_result is not None:
                on_result(i, pred)
        return out
