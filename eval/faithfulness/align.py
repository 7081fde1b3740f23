"""MiniLM alignment: cosine of each summary sentence against the source chunks.

:class:`SourceCache` keeps, per source document, its chunks, lexical index and the embeddings of
the chunks encoded so far, so that scoring several summaries of one document (systems x documents,
the usual case in benchmarks and runs) encodes each chunk at most once. ``capacity=0`` turns
caching off (the baseline that ``bench/faithfulness.py`` measures against).

Chunks are encoded on demand (:meth:`SourceCache.ensure`): every chunk when a model compares a
sentence with all of them, or only the candidates a model names (its ``candidates`` setting: the
chunks sharing most content words with the sentence, :func:`sumcheck.faithfulness.lexical.candidate_chunks`),
which is where the encoder, 90%+ of the offline backend's time, is saved.
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
    """Everything computed once per (source text, chunking). ``embeddings`` rows are filled in place
    by :meth:`SourceCache.ensure`; ``encoded[j]`` says whether row ``j`` holds chunk ``j``'s vector.
    Frozen as a record, mutable in those two arrays: not safe to share between threads.

    A chunk's vector is the one of the first call that needed it; in bfloat16 a vector depends on
    the batch it was encoded in (up to ~5e-4 in a score), so a scorer reused across calls gives
    scores that can depend on the order of the calls at that level. The pipeline scores each source
    text in one block (:func:`sumcheck.pipeline.document_blocks`), which keeps runs reproducible."""

    chunks: tuple[Chunk, ...]
    embeddings: np.ndarray  # (len(chunks), dim) float32, unit rows once encoded; (0, dim) for an empty source
    lexicon: SourceIndex
    encoded: np.ndarray  # (len(chunks),) bool


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
        self.encoded = 0  # chunks encoded so far

    def _key(self, text: str) -> str:
        return hashlib.sha1(text.encode("utf-8")).hexdigest() + "|" + self.chunking

    def _build(self, texts: Sequence[str]) -> list[PreparedSource]:
        """Chunk and index ``texts`` (nothing encoded yet: see :meth:`ensure`)."""
        out = []
        for text in texts:
            cl = make_chunks(text, self.chunking)
            out.append(PreparedSource(tuple(cl), np.zeros((len(cl), self.encoder.dim), dtype=np.float32),
                                      index_source(text, [c.text for c in cl]), np.zeros(len(cl), dtype=bool)))
        return out

    def ensure(self, needs: Sequence[tuple[PreparedSource, Sequence[int] | None]]) -> int:
        """Encode, in one encoder call, every chunk that ``needs`` asks for and that is not encoded
        yet: pairs of (prepared source, chunk indices, or None for all its chunks). Texts go to the
        encoder in the order of ``needs`` and then of chunk index (the encoder batches by length,
        so a fixed order gives fixed batches). Returns the number of chunks encoded.

        Raises :class:`IndexError` for a chunk index outside ``0 .. len(prep.chunks) - 1``."""
        todo: list[tuple[PreparedSource, int]] = []
        seen: set[tuple[int, int]] = set()
        for prep, idx in needs:
            wanted = range(len(prep.chunks)) if idx is None else sorted(set(idx))
            if idx is not None and wanted and (wanted[0] < 0 or wanted[-1] >= len(prep.chunks)):
                raise IndexError(f"chunk index out of range 0..{len(prep.chunks) - 1}: {wanted[0]}..{wanted[-1]}")
            for j in wanted:
                if not prep.encoded[j] and (id(prep), j) not in seen:
                    seen.add((id(prep), j))
                    todo.append((prep, j))
        if todo:
            emb = self.encoder.encode([prep.chunks[j].text for prep, j in todo], batch_size=self.batch_size)
            for (prep, j), row in zip(todo, emb):
                prep.embeddings[j] = row
                prep.encoded[j] = True
        self.encoded += len(todo)
        return len(todo)

    def prepare_many(self, texts: Sequence[str]) -> list[PreparedSource]:
        """Prepared (chunked and indexed, not yet encoded) sources for ``texts``, in order. With
        caching, each distinct source is prepared once and kept with whatever of it was encoded;
        with ``capacity=0`` every text is prepared afresh, repeats included."""
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


def top_chunks(sentence_emb: np.ndarray, source: PreparedSource, k: int = 3,
               candidates: Sequence[Sequence[int]] | None = None) -> tuple[np.ndarray, np.ndarray]:
    """Per summary sentence, the ``k`` best cosines over the source's chunks, best first, and
    their chunk indices: shapes ``(n_sentences, k)``; missing places are cosine 0, index -1.

    ``candidates``: per sentence, the chunk indices it may align with (all chunks when None); each
    must be encoded (:meth:`SourceCache.ensure`). Ties go to the lower chunk index."""
    n = len(sentence_emb)
    cos = np.zeros((n, k), dtype=np.float32)
    idx = np.full((n, k), -1)
    if len(source.chunks) == 0 or n == 0:
        return cos, idx
    if candidates is None:
        if not source.encoded.all():
            raise ValueError("top_chunks: the source's chunks are not all encoded (SourceCache.ensure)")
        sims = sentence_emb @ source.embeddings.T
        m = min(k, sims.shape[1])
        order = np.argsort(-sims, axis=1, kind="stable")[:, :m]
        idx[:, :m] = order
        cos[:, :m] = np.take_along_axis(sims, order, axis=1)
        return cos, idx
    for r in range(n):
        cand = np.array(sorted(set(candidates[r])), dtype=int)
        if len(cand) == 0:
            continue
        if not source.encoded[cand].all():
            raise ValueError("top_chunks: a candidate chunk is not encoded (SourceCache.ensure)")
        sims = source.embeddings[cand] @ sentence_emb[r]
        order = np.argsort(-sims, kind="stable")[:k]
        idx[r, :len(order)] = cand[order]
        cos[r, :len(order)] = sims[order]
    return cos, idx
