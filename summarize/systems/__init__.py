"""Summarization systems: a registry from a validated spec to an object with ``generate``.

Every system exposes:

* ``name``: the system name from the config;
* ``model_signature()``: what identifies the output (model id and revision or checksum, settings);
* ``generate(documents, on_result=None) -> list[Prediction]``: summaries in input order; ``on_result``
  is called with ``(index, prediction)`` as each one is ready, so a caller can persist it at once.
"""

from __future__ import annotations

from typing import Any, Callable, Protocol, Sequence

from sumcheck.summarize.errors import ConfigError, ModelNotAvailableError
from sumcheck.summarize.records import Document, Prediction

OnResult = Callable[[int, Prediction], None]


class System(Protocol):
    name: str

    def model_signature(self) -> str: ...

    def generate(self, documents: Sequence[Document], on_result: OnResult | None = None) -> list[Prediction]: ...


class SettingError(ConfigError):
    """A system setting that cannot work on this machine; ``key`` names it (e.g. ``api_key_env``)."""

    def __init__(self, key: str, message: str) -> None:
        super().__init__(message)
        self.key = key


def preflight(spec) -> None:  # noqa: ANN001
    """Cheap checks of one spec against this machine, before any model resolves, loads or request goes out.

    Raises :class:`SettingError` (an ``api_key_env`` naming an unset variable, ``tensor_parallel_size``
    above the GPUs present) or :class:`ModelNotAvailableError` (a missing optional package, no GPU).
    """
    if spec.type == "openai":
        import importlib.util
        import os

        if spec.api_key_env and not os.environ.get(spec.api_key_env, "").strip():
            raise SettingError("api_key_env", f"environment variable {spec.api_key_env} is not set (export it, or remove "
                                              "api_key_env for a server that needs no key)")
        from sumcheck.summarize import redact

        redact.register_env(spec.api_key_env)  # masked in everything this process records or prints
        if importlib.util.find_spec("openai") is None:
            raise ModelNotAvailableError("type: openai needs the openai package: pip install 'sumcheck[api]'")
    if spec.type == "vllm":
        from sumcheck.summarize.systems.vllm_system import check_vllm

        check_vllm(spec)


def build_system(spec, *, use_cache: bool = True, progress: bool = True, offline: bool | None = None,
                 quiet: bool = False) -> System:  # noqa: ANN001
    """Instantiate the system a spec (a member of :data:`sumcheck.summarize.spec.SystemSpec`) describes.

    Heavy imports happen here, not at module import. Model systems resolve their weights at once
    through :func:`sumcheck.summarize.hub.resolve_model` (downloading a hub model on first use unless
    ``offline``, with a progress bar unless ``quiet``; raising
    :class:`~sumcheck.summarize.errors.ModelNotAvailableError` before any work is done) but load them
    only when something is not in the summary cache. ``use_cache=False`` regenerates every summary
    (and refreshes the cache); ``progress=False`` silences the generation progress bar (logging still
    reports documents/s and tokens/s at INFO level).
    """
    preflight(spec)
    if spec.type == "lead":
        from sumcheck.summarize.systems.extractive import LeadSystem

        return LeadSystem(spec)
    if spec.type == "mmr":
        from sumcheck.summarize.systems.extractive import MMRSystem

        return MMRSystem(spec)
    if spec.type in ("seq2seq", "causal"):
        from sumcheck.summarize.systems.hf import HFSystem

        return HFSystem(spec, use_cache=use_cache, progress=progress, offline=offline, quiet=quiet)
    if spec.type == "openai":
        from sumcheck.summarize.systems.openai_api import OpenAISystem

        return OpenAISystem(spec, use_cache=use_cache, progress=progress)
    if spec.type == "vllm":
        from sumcheck.summarize.systems.vllm_system import VLLMSystem

        return VLLMSystem(spec, use_cache=use_cache, offline=offline, quiet=quiet)
    raise ValueError(f"no implementation for system type {spec.type!r}")


def build_systems(specs: Sequence[Any], *, source: str = "<config>", use_cache: bool = True, progress: bool = True,
                  offline: bool | None = None, quiet: bool = False) -> list[System]:
    """Build every system of a config: all :func:`preflight` checks first, then each system in turn.

    Errors become one line naming ``source`` (the config file) and the key, e.g.
    ``configs/api.yaml: systems[0].api_key_env (gpt): environment variable OPENAI_API_KEY is not set``;
    a missing model stays a :class:`ModelNotAvailableError` (all missing models of the config in one
    error, on one line), anything else a :class:`ConfigError`.
    """
    from sumcheck.summarize.hub import RevisionNotFoundError

    def where(i: int, key: str) -> str:
        return f"{source}: systems[{i}].{key} ({specs[i].name})"

    def located(i: int, exc: Exception, model_key: str = "model") -> Exception:
        if isinstance(exc, SettingError):
            return ConfigError(f"{where(i, exc.key)}: {exc}")
        if isinstance(exc, RevisionNotFoundError):
            return ConfigError(f"{where(i, 'revision')}: {exc}")
        if isinstance(exc, ModelNotAvailableError):
            return ModelNotAvailableError(f"{where(i, model_key if hasattr(specs[i], 'model') else 'type')}: {exc}")
        return ConfigError(f"{where(i, 'type')}: {exc}")

    for i, spec in enumerate(specs):
        try:
            preflight(spec)
        except (ConfigError, ModelNotAvailableError) as exc:  # a missing package or GPU: the type cannot run here
            raise located(i, exc, model_key="type") from None
    systems, missing = [], []
    for i, spec in enumerate(specs):
        try:
            systems.append(build_system(spec, use_cache=use_cache, progress=progress, offline=offline, quiet=quiet))
        except ModelNotAvailableError as exc:  # every missing model is reported at once, not only the first
            missing.append(str(located(i, exc)))
        except ConfigError as exc:
            raise located(i, exc) from None
    if len(missing) == 1:
        raise ModelNotAvailableError(missing[0])
    if missing:
        raise ModelNotAvailableError(f"{len(missing)} models are not on this machine: " + "; ".join(missing))
    return systems
