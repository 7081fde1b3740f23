"""The offline backend's features: per summary sentence, then aggregated per summary.

Per sentence (all in [0, 1] except counts):

* ``align``: best MiniLM cosine of the sentence against the source chunks (the evidence chunk);
* lexical support (:mod:`sumcheck.faithfulness.lexical`): ``uni_support``, ``bi_support``,
  ``novel_bigram``, ``novel_trigram``, ``num_support``;
* local support against the best-aligned chunks (:func:`sumcheck.faithfulness.lexical.local_features`)
  and ``align2``, the second-best cosine;
* fact-check (when its rows are given): ``fc_support``, the share of the fact-checker's items
  (numbers, entities) inside the sentence that it found supported (1 when there are none), and
  ``fc_unsupported``, how many it flagged there.

A summary's feature ``<name>_min`` / ``<name>_mean`` is the min / mean over its sentences.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Mapping, Sequence

import numpy as np

from sumcheck.faithfulness.align import PreparedSource, top_chunks
from sumcheck.faithfulness.lexical import LEXICAL_FEATURES, LOCAL_FEATURES, local_features, sentence_features
from sumcheck.summarize.text import Sentence, split_sentences

SENTENCE_FEATURES = ("align", "align2") + LEXICAL_FEATURES + LOCAL_FEATURES + ("fc_support", "fc_unsupported")
TOP_K = 3  # chunks the local features look at (the encoder's best three)


@dataclass(frozen=True)
class SentenceEvidence:
    """One summary sentence with its features, the span of its best-aligned source chunk and the
    indices of its best-aligned chunks (best first; the contradiction check compares it with those)."""

    sentence: Sentence
    features: Mapping[str, float]
    evidence: tuple[int, int] | None
    aligned: tuple[int, ...] = ()
    check: Any = None  # its contradiction check (sumcheck.faithfulness.contradiction.SentenceCheck), set by the scorer


def _factcheck_by_sentence(sentences: list[Sentence], row: Mapping[str, Any] | None) -> list[tuple[float, float]]:
    """(support share, unsupported count) per sentence from a fact-check row's items/flags."""
    out = [[0, 0] for _ in sentences]  # [checked, unsupported]
    if row:
        items = row.get("items")
        if items is None:  # rows without the item list: flags only
            items = [dict(f, verdict="unsupported") for f in row.get("flags") or []]
        for item in items:
            start = item.get("start")
            if start is None:
                continue
            for k, s in enumerate(sentences):
                if s.start <= start < s.end:
                    out[k][0] += 1
                    if item.get("verdict", "supported") != "supported":
                        out[k][1] += 1
                    break
    return [(1.0 if n == 0 else (n - u) / n, float(u)) for n, u in out]


def sentence_evidence(summary: str, sentence_emb: np.ndarray, source: PreparedSource,
                      factcheck: Mapping[str, Any] | None, *, sentences: list[Sentence] | None = None,
                      candidates: Sequence[Sequence[int]] | None = None) -> list[SentenceEvidence]:
    """Features of each summary sentence; ``sentence_emb`` is ``(n_sentences, dim)``; ``candidates``
    (per sentence, the chunk indices it may align with; None = all) as in :func:`top_chunks`."""
    sents = sentences if sentences is not None else split_sentences(summary)
    cos, idx = top_chunks(sentence_emb, source, TOP_K, candidates)
    fc = _factcheck_by_sentence(sents, factcheck)
    out = []
    for k, s in enumerate(sents):
        feats = {"align": float(cos[k, 0]), "align2": float(cos[k, 1]) if idx[k, 1] >= 0 else float(cos[k, 0])}
        feats.update(sentence_features(s.text, source.lexicon))
        feats.update(local_features(s.text, source.lexicon, [int(j) for j in idx[k] if j >= 0]))
        feats["fc_support"], feats["fc_unsupported"] = fc[k]
        j = int(idx[k, 0])
        span = (source.chunks[j].start, source.chunks[j].end) if j >= 0 else None
        out.append(SentenceEvidence(s, feats, span, tuple(int(j) for j in idx[k] if j >= 0)))
    return out


def aggregate(evidence: Sequence[SentenceEvidence]) -> dict[str, float]:
    """``<feature>_min`` and ``<feature>_mean`` over the sentences (non-empty input)."""
    out: dict[str, float] = {}
    for name in SENTENCE_FEATURES:
        vals = [e.features[name] for e in evidence]
        out[f"{name}_min"] = float(min(vals))
        out[f"{name}_mean"] = float(sum(vals) / len(vals))
    return out
