"""``type: vllm``: a causal model run in-process by vLLM (offline batched generation) on GPUs.

Needs ``pip install 'sumcheck[vllm]'`` and at least ``tensor_parallel_size`` CUDA GPUs;
:func:`check_vllm` says which is missing in one line before anything loads. The model resolves
through :func:`sumcheck.summarize.hub.resolve_model` (hub ids download on first use), prompts are
built by the same code as ``type: causal`` (:func:`sumcheck.summarize.systems.inputs.prepare_causal`:
same templates, same truncation of the document to ``max_input_tokens``) and passed to vLLM as token
ids, so both systems see identical inputs. Every document gets its own sampling seed
(:func:`sumcheck.summarize.systems.runtime.document_seed`), so with sampling on its summary does not
depend on what else is in the batch. vLLM schedules the batch itself (continuous batching).
A sampling setting left out is vLLM's default, not the model's ``generation_config.json`` value
(transformers would apply e.g. its ``top_k`` of 50): set them explicitly to compare the two systems.

``meta`` per prediction: the :class:`~sumcheck.summarize.systems.inputs.InputInfo` fields,
``output_tokens``, ``prompt_tokens``, ``completion_tokens``, ``finish_reason``, ``completion_truncated``
(``finish_reason == "length"``), ``reasoning`` (a stripped reasoning block, see
:mod:`sumcheck.summarize.reasoning`), ``generation_seconds`` (the run's time shared evenly),
``cache`` and ``model``.
"""

from __future__ import annotations

import importlib.util
import logging
import time
from typing import Any, Sequence

from sumcheck.summarize.errors import ModelNotAvailableError
from sumcheck.summarize.reasoning import delimiter_tag, split_reasoning
from sumcheck.summarize.records import Document, Prediction
from sumcheck.summarize.systems.cache import SummaryCache, serve_cached, text_digest

log = logging.getLogger(__name__)

CACHE_FORMAT = "vllm-v1"
INSTALL_HINT = "pip install 'sumcheck[vllm]' on a machine with NVIDIA GPUs"


def gpu_count() -> int:
    """CUDA GPUs torch can see (0 without CUDA)."""
    import torch

    return torch.cuda.device_count() if torch.cuda.is_available() else 0


def check_vllm(spec: Any) -> None:
    """One-line errors, before anything loads: ``tensor_parallel_size`` above the GPUs present
    (:class:`~sumcheck.summarize.systems.SettingError`), no GPU or no vllm package
    (:class:`ModelNotAvailableError`)."""
    from sumcheck.summarize.systems import SettingError

    gpus = gpu_count()
    if gpus == 0:
        raise ModelNotAvailableError(f"type: vllm needs a CUDA GPU and torch sees none; use type: causal on this machine ({INSTALL_HINT})")
    if spec.tensor_parallel_size > gpus:
        raise SettingError("tensor_parallel_size", f"tensor_parallel_size: {spec.tensor_parallel_size} but only {gpus} GPU(s) are visible")
    if importlib.util.find_spec("vllm") is None:
        raise ModelNotAvailableError(f"type: vllm needs the vllm package, which is not installed: {INSTALL_HINT}")


class VLLMSystem:
    """A summarizer built from a :class:`~sumcheck.summarize.spec.VLLMSpec` (see the module docstring)."""

    def __init__(self, spec: Any, *, use_cache: bool = True, offline: bool | None = None, quiet: bool = False) -> None:
        from sumcheck.summarize.hub import resolve_model

        check_vllm(spec)
        self.spec = spec
        self.name = spec.name
        self.use_cache = use_cache
        self.cache = SummaryCache()
        self.resolved = resolve_model(spec.model, revision=spec.revision, offline=offline, progress=not quiet)
        self.llm: Any = None
        self.tokenizer: Any = None

    def cache_settings(self) -> dict[str, Any]:
        import vllm

        spec = self.spec
        generation = spec.generation.model_dump()
        if not generation["do_sample"]:
            generation.pop("seed")
        return {"format": CACHE_FORMAT, "type": "vllm", "model": self.resolved.identity, "vllm": vllm.__version__,
                "dtype": spec.dtype, "tensor_parallel_size": spec.tensor_parallel_size, "generation": generation,
                "max_input_tokens": spec.max_input_tokens, "max_model_len": spec.max_model_len,
                "prompt": spec.prompt, "system_prompt": spec.system_prompt, "chat_template": spec.chat_template,
                "reasoning_delimiters": [list(pair) for pair in spec.reasoning_delimiters]}

    def model_signature(self) -> str:
        settings = self.cache_settings()
        gen = ",".join(f"{k}={v}" for k, v in settings["generation"].items() if v is not None and v is not False)
        prompt_blob = f"{self.spec.system_prompt}\0{self.spec.prompt}\0{self.spec.chat_template}"
        return "|".join([self.resolved.identity, "vllm", f"vllm=={settings['vllm']}", f"tp:{self.spec.tensor_parallel_size}",
                         f"cuda/{self.spec.dtype}", f"gen:{gen}", f"max_in:{self.spec.max_input_tokens or 'model'}",
                         f"prompt:sha256:{text_digest(prompt_blob)[:12]}", f"think:{delimiter_tag(self.spec.reasoning_delimiters)}"])

    def load(self) -> None:
        if self.llm is not None:
            return
        from transformers import AutoTokenizer
        from vllm import LLM

        spec = self.spec
        path = str(self.resolved.path)
        self.tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
        kwargs: dict[str, Any] = {"tensor_parallel_size": spec.tensor_parallel_size, "dtype": spec.dtype,
                                  "gpu_memory_utilization": spec.gpu_memory_utilization, "seed": spec.generation.seed}
        if spec.max_model_len is not None:
            kwargs["max_model_len"] = spec.max_model_len
        self.llm = LLM(model=path, tokenizer=path, **kwargs)

    def _sampling(self, seed: int) -> Any:
        from vllm import SamplingParams

        g = self.spec.generation
        common = {"max_tokens": g.max_new_tokens, "min_tokens": g.min_new_tokens or 0,
                  "repetition_penalty": g.repetition_penalty or 1.0}
        if not g.do_sample:
            return SamplingParams(temperature=0.0, **common)
        return SamplingParams(temperature=1.0 if g.temperature is None else g.temperature,
                              top_p=1.0 if g.top_p is None else g.top_p, top_k=0 if g.top_k is None else g.top_k,
                              seed=seed, **common)

    def generate(self, documents: Sequence[Document], on_result=None) -> list[Prediction]:  # noqa: ANN001
        from sumcheck.summarize.systems.inputs import model_input_limit, prepare_causal, prompt_overhead
        from sumcheck.summarize.systems.runtime import document_seed

        settings = self.cache_settings()
        keys, out, todo = serve_cached(self.cache, settings, documents, self.name, use_cache=self.use_cache,
                                       on_result=on_result)
        if todo:
            from vllm.inputs import TokensPrompt

            self.load()
            spec = self.spec
            limit = spec.max_input_tokens
            model_limit = None
            if limit is None:
                model_limit = spec.max_model_len or model_input_limit(self.tokenizer, self.llm.llm_engine.model_config.hf_config)
            from sumcheck.summarize.errors import ConfigError
            from sumcheck.summarize.systems.inputs import ChatTemplateError

            try:
                if limit is None and model_limit is not None:
                    overhead = prompt_overhead(self.tokenizer, prompt=spec.prompt, system_prompt=spec.system_prompt,
                                               chat_template=spec.chat_template)
                    limit = max(1, model_limit - overhead - spec.generation.max_new_tokens)
                prepared = [prepare_causal(self.tokenizer, documents[i].text, prompt=spec.prompt, system_prompt=spec.system_prompt,
                                           chat_template=spec.chat_template, limit=limit) for i in todo]
            except ChatTemplateError as exc:
                raise ConfigError(f"system {self.name!r}: {exc}") from None
            params = [self._sampling(document_seed(spec.generation.seed, documents[i].text)) for i in todo]
            started = time.perf_counter()
            results = self.llm.generate([TokensPrompt(prompt_token_ids=ids) for ids, _ in prepared], params, use_tqdm=False)
            elapsed = max(time.perf_counter() - started, 1e-9)
            share = elapsed / len(todo)
            for i, (ids, info), res in zip(todo, prepared, results):
                completion = res.outputs[0]
                n_out = len(completion.token_ids)
                meta = {**info.to_meta(), "output_tokens": n_out, "prompt_tokens": len(ids), "completion_tokens": n_out,
                        "finish_reason": completion.finish_reason, "completion_truncated": completion.finish_reason == "length",
                        "generation_seconds": round(share, 4), "model": self.resolved.identity}
                split = split_reasoning(completion.text, spec.reasoning_delimiters, finish_reason=completion.finish_reason)
                summary = split.answer
                if split.reasoning is not None:
                    meta["reasoning"] = split.reasoning
                if split.error is not None:  # a failed generation: not cached, asked again by the next run
                    meta.update(error=split.error, reply=completion.text)
                else:
                    self.cache.put(keys[i], {"summary": summary, "meta": meta})
                out[i] = Prediction(documents[i].id, self.name, summary, {**meta, "cache": "miss"})
                if on_result is not None:
                    on_result(i, out[i])
            log.info("%s: generated %d summaries in %.1fs (%.2f docs/s) with vLLM", self.name, len(todo), elapsed, len(todo) / elapsed)
        return [p for p in out if p is not None]
