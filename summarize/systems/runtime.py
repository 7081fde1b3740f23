"""Device and dtype resolution, length-sorted batching and out-of-memory back-off.

The planning functions are pure (lists of ints in, lists of ints out) so they are tested without a
model; torch is imported only inside the functions that need it.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Callable, Sequence, TypeVar

log = logging.getLogger(__name__)
T = TypeVar("T")

# Starting batch sizes for batch_size: auto (halved on out-of-memory, never grown back).
AUTO_BATCH = {"cuda": 64, "mps": 16, "cpu": 8}


@dataclass(frozen=True)
class Placement:
    """Where a model runs: ``device`` is ``cpu``, ``cuda`` or ``mps``; ``dtype`` a torch dtype name."""

    device: str
    dtype: str


def resolve_placement(device: str = "auto", dtype: str = "auto") -> Placement:
    """Resolve ``auto`` once: CUDA (bf16 where supported, else fp16), then MPS (fp16), then CPU (fp32).

    A device that is asked for but absent is a :class:`ModelNotAvailableError`, not a silent fallback.
    """
    import torch

    from sumcheck.summarize.errors import ModelNotAvailableError

    if device == "auto":
        if torch.cuda.is_available():
            device = "cuda"
        elif getattr(torch.backends, "mps", None) is not None and torch.backends.mps.is_available():
            device = "mps"
        else:
            device = "cpu"
    elif device == "cuda" and not torch.cuda.is_available():
        raise ModelNotAvailableError("device: cuda was asked for but torch sees no CUDA GPU; use device: auto or cpu")
    elif device == "mps" and not (getattr(torch.backends, "mps", None) and torch.backends.mps.is_available()):
        raise ModelNotAvailableError("device: mps was asked for but is not available; use device: auto or cpu")
    if dtype == "auto":
        if device == "cuda":
            dtype = "bfloat16" if torch.cuda.is_bf16_supported() else "float16"
        elif device == "mps":
            dtype = "float16"
        else:
            dtype = "float32"
    return Placement(device, dtype)


def check_device(device: str) -> None:
    """Raise :class:`ModelNotAvailableError` (one line) when an explicit torch ``device`` (``cuda``,
    ``cuda:N``, ``mps``) is not present, instead of torch's assertion deep inside a model load, and
    :class:`ConfigError` for a name that is no torch device at all (``banana``)."""
    import torch

    from sumcheck.summarize.errors import ConfigError, ModelNotAvailableError

    try:
        torch.device(device)
    except (RuntimeError, TypeError):
        raise ConfigError(f"device {device!r} is not a torch device; use cpu, cuda, cuda:N or mps") from None
    if device.startswith("cuda"):
        n = torch.cuda.device_count() if torch.cuda.is_available() else 0
        index = device.partition(":")[2]
        if n == 0:
            raise ModelNotAvailableError(f"device {device!r}: torch sees no CUDA GPU (this torch build: {torch.__version__}); use cpu")
        if index and (not index.isdigit() or int(index) >= n):
            raise ModelNotAvailableError(f"device {device!r}: torch sees {n} CUDA GPU(s), cuda:0 to cuda:{n - 1}")
    elif device == "mps" and not (getattr(torch.backends, "mps", None) and torch.backends.mps.is_available()):
        raise ModelNotAvailableError("device 'mps' is not available here; use cpu")


def length_sorted(lengths: Sequence[int]) -> list[int]:
    """Indices from longest to shortest (stable): the biggest batch runs first, so memory trouble shows early.

    >>> length_sorted([3, 9, 1, 9])
    [1, 3, 0, 2]
    """
    return sorted(range(len(lengths)), key=lambda i: -lengths[i])


def is_out_of_memory(exc: BaseException) -> bool:
    """True for CUDA/MPS/CPU allocation failures (the only errors a smaller batch can cure)."""
    import torch

    if isinstance(exc, torch.cuda.OutOfMemoryError):
        return True
    return isinstance(exc, RuntimeError) and "out of memory" in str(exc).lower()


def free_memory() -> None:
    import gc

    import torch

    gc.collect()
    if torch.cuda.is_available():
        torch.cuda.empty_cache()


def run_batches(
    order: Sequence[int],
    batch_size: int,
    step: Callable[[list[int]], T],
    *,
    adaptive: bool,
    on_batch: Callable[[list[int], T], None],
) -> int:
    """Run ``step`` over consecutive slices of ``order``; return the batch size that finally worked.

    With ``adaptive`` (``batch_size: auto``), an out-of-memory error halves the batch size and retries
    the same documents; the smaller size is kept for the rest of the run. A batch of one that still
    runs out of memory re-raises, as does any error with a fixed batch size.
    """
    pos = 0
    while pos < len(order):
        idx = list(order[pos:pos + batch_size])
        try:
            result = step(idx)
        except RuntimeError as exc:
            if not (adaptive and batch_size > 1 and is_out_of_memory(exc)):
                raise
            free_memory()
            batch_size = max(1, batch_size // 2)
            log.warning("out of memory with %d documents per batch: retrying with %d", len(idx), batch_size)
            continue
        on_batch(idx, result)
        pos += len(idx)
    return batch_size


def document_seed(seed: int, text: str) -> int:
    """The sampling seed of one document: 63 bits of SHA-256 over the run's seed and the document text.

    Keyed on the text, not the id, like the summary cache, so the same text gets the same summary
    whatever its id, batch or position.

    >>> document_seed(0, "a") == document_seed(0, "a"), document_seed(0, "a") == document_seed(1, "a")
    (True, False)
    >>> 0 <= document_seed(7, "text") < 2**63
    True
    """
    import hashlib

    return int.from_bytes(hashlib.sha256(f"{seed}\0{text}".encode("utf-8")).digest()[:8], "big") >> 1
