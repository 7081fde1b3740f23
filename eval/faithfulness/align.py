"""MiniLM alignment: cosine of each summary sentence against every source chunk.

:class:`SourceCache` keeps, per source document, its sentences, chunks, chunk embeddings and
lexical index, so that scoring several summaries of one document (systems x documents, the usual
case in benchmarks and runs) encodes the document once. ``capacity=0`` turns caching off (the
baseline that ``bench/faithfulness.py`` measures against).
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from dataclasses import dataclass
from typing import Sequence

import numpy as np

from sumcheck.faithfulness.chunks import Chunk, make_chunks
from sumcheck.faithfulness.lexical import SourceIndex, index_source
from sumcheck.summarize.text import Sentence, split_sentences


@dataclass(frozen=True)
class PreparedSource:
    """Everything computed once per (source text, chunking)."""

    chunks: tuple[Chunk, ...]
    embeddings: np.ndarray  # (len(chunks), dim), unit rows; (0, dim) for an empty source
    lexicon: SourceIndex


class SourceCache:
    """An LRU of :class:`PreparedSource` keyed by the source's SHA-1 and the chunking spec."""

    def __init__(self, encoder, *, chunking: str, capacity: int = 256, batch_size: int = 64) -> None:
        self.encoder = encoder
        self.chunking = chunking
        self.capacity = capacity
        self.batch_size = batch_size
        self._store: OrderedDict[str, PreparedSource] = OrderedDict()
        self.hits = 0
        self.misses = 0

    def _key(self, text: str) -> str:
        return hashlib.sha1(text.encode("utf-8")).hexdigest() + "|" + self.chunking

    def _build(self, texts: Sequence[str]) -> list[PreparedSource]:
        """Chunk, encode (all chunks of all texts in one call) and index ``texts``."""
        chunk_lists = [make_chunks(t, self.chunking) for t in texts]
        emb = self.encoder.encode([c.text for cl in chunk_lists for c in cl], batch_size=self.batch_size)
        out, at = [], 0
        for text, cl in zip(texts, chunk_lists):
            out.append(PreparedSource(tuple(cl), emb[at:at + len(cl)], index_source(text, [c.text for c in cl])))
            at += len(cl)
        return out

    def prepare_many(self, texts: Sequence[str]) -> list[PreparedSource]:
        """Prepared sources for ``texts``, in order. With caching, each distinct source is prepared
        once and kept; with ``capacity=0`` every text is prepared afresh, repeats included."""
        if self.capacity == 0:
            self.misses += len(texts)
            return self._build(texts)
        keys = [self._key(t) for t in texts]
        todo: dict[str, str] = {}
        for key, text in zip(keys, texts):
            if key in self._store:
                self._store.move_to_end(key)
                self.hits += 1
            elif key in todo:
                self.hits += 1
            else:
                todo[key] = text
                self.misses += 1
        fresh = dict(zip(todo, self._build(list(todo.values()))))
        out = [fresh[k] if k in fresh else self._store[k] for k in keys]
        for k, prep in fresh.items():
            self._store[k] = prep
        while len(self._store) > self.capacity:
            self._store.popitem(last=False)
        return out


def summary_sentences(summary: str) -> list[Sentence]:
    return split_sentences(summary)


def top_chunks(sentence_emb: np.ndarray, source: PreparedSource, k: int = 3) -> tuple[np.ndarray, np.ndarray]:
    """Per summary sentence, the ``k`` best cosines over the source's chunks, best first, and
    their chunk indices: shapes ``(n_sentences, k)``; missing places are cosine 0, index -1."""
    n = len(sentence_emb)
    cos = np.zeros((n, k), dtype=np.float32)
    idx = np.full((n, k), -1)
    if len(source.chunks) == 0 or n == 0:
        return cos, idx
    sims = sentence_emb @ source.embeddings.T
    m = min(k, sims.shape[1])
    order = np.argsort(-sims, axis=1, kind="stable")[:, :m]
    idx[:, :m] = order
    cos[:, :m] = np.take_along_axis(sims, order, axis=1)
    return cos, idx
