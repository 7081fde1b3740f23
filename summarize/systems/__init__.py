"""Summarization systems: a registry from a validated spec to an object with ``generate``.

Every system exposes:

* ``name``: the system name from the config;
* ``model_signature()``: what identifies the output (model id and revision or checksum, settings);
* ``generate(documents, on_result=None) -> list[Prediction]``: summaries in input order; ``on_result``
  is called with ``(index, prediction)`` as each one is ready, so a caller can persist it at once.
"""

from __future__ import annotations

from typing import Callable, Protocol, Sequence

from sumcheck.summarize.records import Document, Prediction

OnResult = Callable[[int, Prediction], None]


class System(Protocol):
    name: str

    def model_signature(self) -> str: ...

    def generate(self, documents: Sequence[Document], on_result: OnResult | None = None) -> list[Prediction]: ...


def build_system(spec, *, use_cache: bool = True, progress: bool = True) -> System:  # noqa: ANN001
    """Instantiate the system a spec (a member of :data:`sumcheck.summarize.spec.SystemSpec`) describes.

    Heavy imports happen here, not at module import. Model systems resolve their weights at once
    (raising :class:`~sumcheck.summarize.errors.ModelNotAvailableError` before any work is done) but load them
    only when something is not in the summary cache. ``use_cache=False`` regenerates every summary
    (and refreshes the cache); ``progress=False`` silences the progress bar (logging still reports
    documents/s and tokens/s at INFO level).
    """
    if spec.type == "lead":
        from sumcheck.summarize.systems.extractive import LeadSystem

        return LeadSystem(spec)
    if spec.type == "mmr":
        from sumcheck.summarize.systems.extractive import MMRSystem

        return MMRSystem(spec)
    if spec.type in ("seq2seq", "causal"):
        from sumcheck.summarize.systems.hf import HFSystem

        return HFSystem(spec, use_cache=use_cache, progress=progress)
    raise ValueError(f"no implementation for system type {spec.type!r}")
