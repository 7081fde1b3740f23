"""Precomputed MiniLM embeddings for calibration: encode every distinct text once, in a canonical
order, and serve them to :class:`~sumcheck.faithfulness.offline.OfflineScorer` as its encoder.

Why: calibrating, cross-validating and trying features re-reads the same ~6,000 labelled pairs;
encoding their ~50,000 distinct source chunks and summary sentences is nearly all of the cost.
In bfloat16 an embedding depends slightly on the batch it is encoded in, so the texts are always
encoded sorted (and length-batched by the encoder), which makes the vectors - and so a calibrated
model - the same whether they come from a fresh run or from the on-disk cache (``--cache DIR``
of ``sumcheck calibrate``; the file is keyed by the encoder's signature and the chunking).
"""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Iterable, Sequence

import numpy as np

from sumcheck.faithfulness.chunks import make_chunks
from sumcheck.summarize.errors import InputError
from sumcheck.summarize.text import split_sentences


class EmbeddingTable:
    """Quacks like :class:`sumcheck.summarize.embed.Encoder` (``encode``, ``signature``, ``dim``,
    ``dtype``) but answers from a table; texts not in it are encoded by ``base`` and added."""

    def __init__(self, base, vectors: dict[str, np.ndarray] | None = None) -> None:
        self.base = base
        self.signature = base.signature
        self.dim = base.dim
        self.dtype = base.dtype
        self.vectors: dict[str, np.ndarray] = dict(vectors or {})
        self.encoded = 0  # texts the base encoder had to encode

    def add(self, texts: Iterable[str], batch_size: int = 64) -> None:
        todo = sorted({t for t in texts if t not in self.vectors})
        if todo:
            emb = self.base.encode(todo, batch_size=batch_size)
            self.vectors.update(zip(todo, emb))
            self.encoded += len(todo)

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        """``(len(texts), dim)`` float32 rows, as the real encoder returns them."""
        if isinstance(texts, str):
            raise InputError("encode() takes a sequence of texts, not one string")
        self.add(texts, batch_size)
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        for i, t in enumerate(texts):
            out[i] = self.vectors[t]
        return out

    # -- disk ---------------------------------------------------------------------------------
    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        keys = sorted(self.vectors)
        tmp = path.with_name(path.name + ".tmp.npz")
        np.savez(tmp, texts=np.array(keys, dtype=object),
                 vectors=np.stack([self.vectors[k] for k in keys]) if keys else np.zeros((0, self.dim), np.float32))
        tmp.replace(path)

    @classmethod
    def load(cls, base, path: Path) -> "EmbeddingTable":
        if not path.is_file():
            return cls(base)
        with np.load(path, allow_pickle=True) as z:
            return cls(base, dict(zip(z["texts"].tolist(), z["vectors"])))


def texts_to_encode(documents: Iterable[str], summaries: Iterable[str], chunking: str) -> list[str]:
    """Every source chunk and summary sentence the offline scorer will ask the encoder for, sorted."""
    out: set[str] = set()
    for d in set(documents):
        out.update(c.text for c in make_chunks(d, chunking))
    for s in set(summaries):
        out.update(x.text for x in split_sentences(s))
    return sorted(out)


def _stage(texts: list[str], encoder, chunking: str, batch_size: int, cache_dir, salt: str) -> tuple[dict, str]:
    h = hashlib.sha1(f"{encoder.signature}|{chunking}|{batch_size}".encode() + (f"|{salt}".encode() if salt else b""))
    for t in texts:
        h.update(t.encode("utf-8") + b"\0")
    key = h.hexdigest()[:16]
    path = Path(cache_dir) / f"minilm-{key}.npz" if cache_dir else None
    if path is not None and path.is_file():
        table = EmbeddingTable.load(encoder, path)
        if all(t in table.vectors for t in texts):
            return table.vectors, key
    table = EmbeddingTable(encoder)
    table.add(texts, batch_size)
    if path is not None:
        table.save(path)
    return table.vectors, key


def table_for(datasets, encoder, chunking: str, *, extra=(), cache_dir: str | Path | None = None,
              batch_size: int = 64) -> EmbeddingTable:
    """The embeddings of every text of ``datasets`` (:class:`~sumcheck.metaeval.data.LabelledData`),
    all encoded in one sorted call; then the texts of ``extra`` (synthetic data) not among them, in a
    second sorted call. With ``cache_dir``, each stage is read from / written to a file named by the
    encoder's signature, the chunking and the SHA-1 of its text set (and of the stage before), so a
    cached table is exactly the one a fresh run computes."""
    def texts(ds):
        return texts_to_encode((p.document for d in ds for p in d.pairs), (p.summary for d in ds for p in d.pairs), chunking)

    first, key = _stage(texts(datasets), encoder, chunking, batch_size, cache_dir, "")
    vectors = dict(first)
    if extra:
        more = [t for t in texts(extra) if t not in vectors]
        if more:
            vectors.update(_stage(more, encoder, chunking, batch_size, cache_dir, key)[0])
    return EmbeddingTable(encoder, vectors)
