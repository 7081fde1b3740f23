"""``type: openai``: summaries from a model behind an OpenAI-compatible server.

``generate`` answers what it can from the summary cache (no request at all), then sends the rest
through :class:`sumcheck.summarize.openai_client.OpenAIClient` (concurrent, retried). Each
prediction's ``meta`` records ``prompt_tokens``, ``completion_tokens`` (as the server counts them),
``latency_s`` (seconds, retries included), ``attempts``, ``finish_reason``, ``completion_truncated``
(``finish_reason == "length"``), ``served_model`` (the model name the server reports), ``cache``
(``hit``/``miss``) and ``model`` (the configured identity). A reasoning block (``<think>...</think>``
and the other ``reasoning_delimiters``), or reasoning the server sends apart (``reasoning_content``,
thinking parts of a list ``content``), is left out of the summary and kept in ``meta["reasoning"]``;
a reply with no answer after its reasoning, or cut inside it, is a failed generation (``meta["error"]``
says which, ``meta["reply"]`` keeps the raw text). A request that still fails after its
retries gives an empty summary with ``meta["error"]`` (e.g. ``timeout after 30s``): the row is
unscored with that reason, the run goes on, and the failure is not cached, so a new run asks again.

The summary cache key holds ``base_url``, ``model``, the prompt templates and the generation
settings: never the API key, which only the client holds.
"""

from __future__ import annotations

import logging
import time
from typing import Any, Sequence

from sumcheck.summarize.errors import SumcheckError
from sumcheck.summarize.openai_client import ChatRequest, Completion, OpenAIClient, Request, TextRequest, answered, endpoint_error
from sumcheck.summarize.reasoning import delimiter_tag, split_reasoning
from sumcheck.summarize.records import Document, Prediction
from sumcheck.summarize.systems import OnResult
from sumcheck.summarize.systems.cache import SummaryCache, serve_cached, text_digest

log = logging.getLogger(__name__)

CACHE_FORMAT = "openai-v1"


class OpenAISystem:
    """A summarizer built from a :class:`~sumcheck.summarize.spec.OpenAISpec`.

    Raises :class:`~sumcheck.summarize.errors.ConfigError` when ``api_key_env`` names an unset
    variable and :class:`~sumcheck.summarize.errors.ModelNotAvailableError` when the ``openai``
    package is missing, both before any request. During :meth:`generate`, a failure that shows the
    endpoint itself unusable stops the system (the rows made so far are kept, the failing one is
    not, so a resumed run asks again): HTTP 401/403 -> ``ConfigError`` (the key), HTTP 404 ->
    ``ModelNotAvailableError`` (the model name or a ``base_url`` without ``/v1``), a connection error
    before the server has answered anything -> ``ModelNotAvailableError``. Any other failure
    (timeouts, 429/5xx after retries) is that row's: an empty summary with ``meta["error"]``.
    """

    def __init__(self, spec: Any, *, use_cache: bool = True, progress: bool = True) -> None:
        self.spec = spec
        self.name = spec.name
        self.use_cache = use_cache
        self.progress = progress
        self.cache = SummaryCache()
        self.client = OpenAIClient(base_url=spec.base_url, api_key_env=spec.api_key_env, timeout=spec.timeout,
                                   max_retries=spec.max_retries, max_concurrency=spec.max_concurrency)

    def cache_settings(self) -> dict[str, Any]:
        """Everything that changes the output (the cache key's settings), and nothing else (no key)."""
        spec = self.spec
        return {"format": CACHE_FORMAT, "type": "openai", "base_url": spec.base_url.rstrip("/"), "model": spec.model,
                "chat": spec.chat, "prompt": spec.prompt, "system_prompt": spec.system_prompt,
                "generation": spec.generation.model_dump(mode="json"),
                "reasoning_delimiters": [list(pair) for pair in spec.reasoning_delimiters]}

    @property
    def identity(self) -> str:
        return f"openai:{self.spec.model}@{self.spec.base_url.rstrip('/')}"

    def model_signature(self) -> str:
        g = self.spec.generation.model_dump(mode="json")
        gen = ",".join(f"{k}={v}" for k, v in g.items() if v is not None)
        prompt_blob = f"{self.spec.system_prompt}\0{self.spec.prompt}\0{self.spec.chat}"
        return (f"{self.identity}|{'chat' if self.spec.chat else 'text'}|gen:{gen}|prompt:sha256:{text_digest(prompt_blob)[:12]}"
                f"|think:{delimiter_tag(self.spec.reasoning_delimiters)}")

    def request(self, document: str) -> Request:
        """The request for one document (the prompt template filled with its text)."""
        spec, g = self.spec, self.spec.generation
        user = spec.prompt.replace("{document}", document)
        common = {"model": spec.model, "max_tokens": g.max_tokens, "temperature": g.temperature, "top_p": g.top_p,
                  "seed": g.seed, "stop": tuple(g.stop) if g.stop else None}
        if spec.chat:
            messages = ([{"role": "system", "content": spec.system_prompt}] if spec.system_prompt else []) + [{"role": "user", "content": user}]
            return ChatRequest(messages=tuple(messages), **common)
        return TextRequest(prompt=(spec.system_prompt + "\n\n" + user) if spec.system_prompt else user, **common)

    def _meta(self, c: Completion) -> dict[str, Any]:
        meta: dict[str, Any] = {"prompt_tokens": c.prompt_tokens, "completion_tokens": c.completion_tokens,
                                "latency_s": c.latency_s, "attempts": c.attempts, "finish_reason": c.finish_reason,
                                "completion_truncated": c.truncated, "served_model": c.model, "model": self.identity}
        if c.error is not None:
            meta["error"] = c.error
        return meta

    def _endpoint_error(self, error: str | None, *, reached: bool) -> SumcheckError | None:
        return endpoint_error(error, reached=reached, who=f"system {self.name}", where=self.spec.base_url, model=self.spec.model)

    def generate(self, documents: Sequence[Document], on_result: OnResult | None = None) -> list[Prediction]:
        settings = self.cache_settings()
        keys, out, todo = serve_cached(self.cache, settings, documents, self.name, use_cache=self.use_cache,
                                       on_result=on_result)
        if not todo:
            return [p for p in out if p is not None]
        started, failed, truncated = time.perf_counter(), 0, 0
        reached = [False]

        def done(j: int, c: Completion) -> None:
            nonlocal failed, truncated
            reached[0] = reached[0] or answered(c)
            if not c.ok:
                fatal = self._endpoint_error(c.error, reached=reached[0])
                if fatal is not None:
                    raise fatal
            i = todo[j]
            meta = self._meta(c)
            summary = (c.text or "").strip()
            if c.ok:
                # a reasoning block is stripped (kept in meta); a reply that is reasoning only fails
                split = split_reasoning(c.text or "", self.spec.reasoning_delimiters, extra_reasoning=c.reasoning,
                                        finish_reason=c.finish_reason)
                summary = split.answer
                if split.reasoning is not None:
                    meta["reasoning"] = split.reasoning
                if split.error is not None:
                    meta["error"] = split.error
                    meta["reply"] = c.text or ""
                else:
                    self.cache.put(keys[i], {"summary": summary, "meta": meta})
            failed += "error" in meta
            truncated += c.truncated
            out[i] = Prediction(documents[i].id, self.name, summary, {**meta, "cache": "miss"})
            if on_result is not None:
                on_result(i, out[i])

        self.client.complete_many([self.request(documents[i].text) for i in todo], on_result=done)
        elapsed = max(time.perf_counter() - started, 1e-9)
        log.info("%s: %d requests in %.1fs (%.2f docs/s), %d failed, %d cut at max_tokens, %d from cache", self.name,
                 len(todo), elapsed, len(todo) / elapsed, failed, truncated, len(documents) - len(todo))
        if failed:
            log.warning("%s: %d of %d requests failed after retries; those rows are unscored (see predictions.jsonl meta.error)",
                        self.name, failed, len(todo))
        return [p for p in out if p is not None]
