"""A client for OpenAI-compatible servers (vLLM, TGI, SGLang, llama.cpp's server, Ollama, ``transformers
serve``, hosted APIs), shared by the ``openai`` summarizer and any judge built on such a server.

Built on the ``openai`` package (``pip install 'sumcheck[api]'``)::

    from sumcheck.summarize.openai_client import ChatRequest, OpenAIClient
    client = OpenAIClient(base_url="http://127.0.0.1:8000/v1", api_key_env="MY_KEY", max_concurrency=8)
    results = client.complete_many([ChatRequest(model="m", messages=[{"role": "user", "content": "Hi"}],
                                                max_tokens=64)])
    results[0].text, results[0].completion_tokens, results[0].error

* Requests run concurrently, at most ``max_concurrency`` at a time (a thread pool over one
  connection pool); :meth:`OpenAIClient.complete_many` returns results in input order and calls
  ``on_result(index, result)`` in the calling thread as each one arrives.
* Retries: the ``openai`` client's own. Up to ``max_retries`` retries after the first attempt on
  408/409/429/5xx, timeouts and dropped connections, waiting ``Retry-After``/``Retry-After-Ms``
  when the server sends one (up to 120 s; a longer one is not retried), else 0.5 s * 2**n capped at
  8 s, minus 0-25 % jitter (``openai._base_client``, openai 3.57). A 200 whose body is not a
  completion (not JSON, no choices) is retried the same way from the same budget.
* Nothing raises for a failed request: its :class:`Completion` has ``text=None`` and ``error`` set
  to a one-line reason (``timeout``, ``connection``, ``http <status>``, ``malformed response``),
  so one bad row never stops a run.
* The API key is read from the environment variable named by ``api_key_env`` when the client is made
  (:class:`~sumcheck.summarize.errors.ConfigError` if that variable is unset or empty) and is kept
  only inside the ``openai`` client: it is never logged, returned or put in a signature, and it is
  registered with :mod:`sumcheck.summarize.redact`, so that a server's message that repeats it is
  masked in every error, file and line sumcheck writes. Without
  ``api_key_env`` the placeholder ``"EMPTY"`` is sent (local servers ignore it).
"""

from __future__ import annotations

import logging
import os
import random
import re
import time
from concurrent.futures import ThreadPoolExecutor, as_completed
from dataclasses import asdict, dataclass, field
from typing import Any, Callable, Mapping, Sequence, Union

from sumcheck.summarize import redact
from sumcheck.summarize.errors import ConfigError, ModelNotAvailableError

log = logging.getLogger(__name__)

INSTALL_HINT = "pip install 'sumcheck[api]' (the openai package)"
NO_KEY = "EMPTY"


@dataclass(frozen=True)
class _Generation:
    model: str
    max_tokens: int | None = None
    temperature: float | None = None
    top_p: float | None = None
    seed: int | None = None
    stop: tuple[str, ...] | None = None

    def params(self) -> dict[str, Any]:
        out: dict[str, Any] = {"model": self.model}
        for name in ("max_tokens", "temperature", "top_p", "seed"):
            value = getattr(self, name)
            if value is not None:
                out[name] = value
        if self.stop:
            out["stop"] = list(self.stop)
        return out


@dataclass(frozen=True)
class ChatRequest(_Generation):
    """A ``/chat/completions`` request: ``messages`` is a list of ``{"role", "content"}`` dicts."""

    messages: tuple[Mapping[str, str], ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class TextRequest(_Generation):
    """A ``/completions`` request on a plain-text ``prompt``."""

    prompt: str = ""


Request = Union[ChatRequest, TextRequest]


@dataclass(frozen=True)
class Completion:
    """One request's outcome.

    ``text`` is the first choice's text (``None`` on failure, then ``error`` says why);
    ``prompt_tokens``/``completion_tokens`` the server's usage counts (``None`` when it sends none);
    ``finish_reason`` as reported (``stop``, ``length``...); ``model`` the model name the server
    reports; ``latency_s`` the wall time from the first attempt to the last response, in seconds,
    retries and waits included; ``attempts`` how many HTTP requests were made.
    """

    text: str | None
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    finish_reason: str | None = None
    model: str | None = None
    latency_s: float = 0.0
    attempts: int = 1
    error: str | None = None
    reasoning: str | None = None  # reasoning the server sent apart from the text (reasoning_content, thinking parts)

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def truncated(self) -> bool:
        """The server stopped at the token limit (``finish_reason: length``)."""
        return self.finish_reason == "length"

    def to_json(self) -> dict[str, Any]:
        return asdict(self)


def read_api_key(api_key_env: str | None) -> str:
    """The key from the variable ``api_key_env`` names; :data:`NO_KEY` when no variable is named.

    Raises :class:`ConfigError` naming the variable (never its value) when it is unset or empty.
    """
    if not api_key_env:
        return NO_KEY
    value = os.environ.get(api_key_env, "")
    if not value.strip():
        raise ConfigError(f"environment variable {api_key_env} (named by api_key_env) is not set")
    redact.register(value.strip())  # masked from now on in whatever this process records or prints
    return value.strip()


_STATUS_RE = re.compile(r"^http (\d{3})\b")


def answered(c: Completion) -> bool:
    """Whether the endpoint answered this request at all (a completion, an HTTP status, a body)."""
    return c.ok or bool(_STATUS_RE.match(c.error or "")) or (c.error or "").startswith("malformed response")


def endpoint_failure(error: str | None, *, reached: bool) -> str | None:
    """What a failed request says about the whole endpoint, or None when it is one row's failure.

    ``"key"``: HTTP 401/403 (the key is refused); ``"model"``: HTTP 404 (no such model, or a
    ``base_url`` without ``/v1``); ``"unreachable"``: a connection error while nothing has answered
    yet (``reached`` False: a wrong ``base_url`` or a server that is not running). Every other
    failure (timeouts, 429/5xx after retries, a malformed body) concerns that request only.

    >>> endpoint_failure("http 401 (bad key)", reached=True), endpoint_failure("http 503 (busy)", reached=False)
    ('key', None)
    >>> endpoint_failure("connection error (refused)", reached=False), endpoint_failure("connection error (reset)", reached=True)
    ('unreachable', None)
    """
    if not error:
        return None
    m = _STATUS_RE.match(error)
    if m and m.group(1) in ("401", "403"):
        return "key"
    if m and m.group(1) == "404":
        return "model"
    if error.startswith("connection error") and not reached:
        return "unreachable"
    return None


def endpoint_error(error: str | None, *, reached: bool, who: str, where: str, model: str, key_setting: str = "api_key_env",
                   model_setting: str = "model", url_setting: str = "base_url") -> ConfigError | ModelNotAvailableError | None:
    """The typed one-line error for a failure that shows the endpoint unusable (:func:`endpoint_failure`),
    or None. ``who`` opens the message (``system api``, ``llm-judge``); the ``*_setting`` names are
    the config keys the message tells the user to check."""
    kind = endpoint_failure(error, reached=reached)
    if kind == "key":
        return ConfigError(f"{who}: {where} refused the request ({error}); check the key in the variable {key_setting} names")
    if kind == "model":
        return ModelNotAvailableError(f"{who}: {where} has no model {model!r} ({error}); check {model_setting} and "
                                      f"{url_setting} (the API root, with /v1)")
    if kind == "unreachable":
        return ModelNotAvailableError(f"{who}: cannot reach {where} ({error}); is the server running and {url_setting} right?")
    return None


_REASONING_FIELDS = ("reasoning_content", "reasoning")  # DeepSeek/vLLM/SGLang; vLLM >= 0.10, OpenRouter, Ollama
_TEXT_PART_TYPES = ("text", "output_text")
_REASONING_PART_TYPES = ("thinking", "reasoning", "reasoning_text", "redacted_thinking")


def _field(obj: Any, name: str) -> Any:
    if isinstance(obj, Mapping):
        return obj.get(name)
    value = getattr(obj, name, None)
    if value is None:  # pydantic models of the openai package keep unknown fields in model_extra
        value = (getattr(obj, "model_extra", None) or {}).get(name)
    return value


def message_text(message: Any) -> tuple[str | None, str | None]:
    """The answer text and the reasoning of a chat completion's ``message``.

    ``content`` may be a string or a list of parts: ``text``/``output_text`` parts are joined (in
    order, without a separator, as the server split them); ``thinking``/``reasoning`` parts are
    reasoning, like a ``reasoning_content`` or ``reasoning`` field of the message. The text is
    ``None`` when the message has neither text nor reasoning (a malformed reply); a message with
    reasoning only gives ``""`` (the caller decides that the reply has no answer).

    >>> message_text({"content": [{"type": "thinking", "thinking": "hm"}, {"type": "text", "text": "A."}]})
    ('A.', 'hm')
    >>> message_text({"content": None, "reasoning_content": "all thought"})
    ('', 'all thought')
    >>> message_text({"content": None})
    (None, None)
    """
    content = _field(message, "content")
    reasoning: list[str] = []
    for name in _REASONING_FIELDS:
        value = _field(message, name)
        if isinstance(value, str) and value.strip():
            reasoning.append(value)
            break
    text: str | None = content if isinstance(content, str) else None
    if isinstance(content, list):
        texts = []
        for part in content:
            kind = _field(part, "type")
            if isinstance(part, str):
                texts.append(part)
            elif kind in _TEXT_PART_TYPES and isinstance(_field(part, "text"), str):
                texts.append(_field(part, "text"))
            elif kind in _REASONING_PART_TYPES:
                value = next((v for v in (_field(part, k) for k in ("thinking", "reasoning", "text")) if isinstance(v, str)), None)
                if value is None and isinstance(_field(part, "summary"), list):  # OpenAI Responses-style summaries
                    value = "\n".join(str(_field(s, "text")) for s in _field(part, "summary") if _field(s, "text"))
                if value:
                    reasoning.append(value)
        text = "".join(texts) if texts or reasoning else None
    if text is None and reasoning:
        text = ""
    return text, ("\n\n".join(reasoning) if reasoning else None)


def _one_line(text: str, limit: int = 160) -> str:
    line = " ".join(str(text).split())
    return line if len(line) <= limit else line[: limit - 3] + "..."


class OpenAIClient:
    """Concurrent, retrying requests to one OpenAI-compatible server (see the module docstring).

    ``base_url`` is the API root including ``/v1`` (e.g. ``http://127.0.0.1:8000/v1``); ``timeout``
    is seconds per attempt; ``max_retries`` retries after the first attempt; ``max_concurrency``
    requests in flight at most.
    """

    def __init__(self, *, base_url: str, api_key_env: str | None = None, timeout: float = 60.0, max_retries: int = 4,
                 max_concurrency: int = 4) -> None:
        try:
            import openai
        except ImportError as exc:
            raise ModelNotAvailableError(f"the openai package is not installed: {INSTALL_HINT}") from exc
        if max_concurrency < 1 or max_retries < 0 or timeout <= 0:
            raise ConfigError("max_concurrency >= 1, max_retries >= 0 and timeout > 0 are required")
        self.base_url = base_url
        self.timeout, self.max_retries, self.max_concurrency = float(timeout), int(max_retries), int(max_concurrency)
        self._openai = openai
        self._client = openai.OpenAI(base_url=base_url, api_key=read_api_key(api_key_env), timeout=self.timeout,
                                     max_retries=self.max_retries)

    def __repr__(self) -> str:  # never shows the key
        return f"OpenAIClient(base_url={self.base_url!r}, max_concurrency={self.max_concurrency})"

    def close(self) -> None:
        self._client.close()

    def complete(self, request: Request) -> Completion:
        """Send one request (with retries); never raises for a server or network failure."""
        started = time.perf_counter()
        attempts, budget = 0, self.max_retries
        while True:
            client = self._client.with_options(max_retries=budget)
            try:
                raw = self._send(client, request)
            except self._openai.APITimeoutError:
                return self._failed(started, attempts + budget + 1, f"timeout after {self.timeout:g}s")
            except self._openai.APIConnectionError as exc:
                return self._failed(started, attempts + budget + 1, f"connection error ({_one_line(exc.__cause__ or exc)})")
            except self._openai.APIStatusError as exc:
                retried = exc.status_code in (408, 409, 429) or exc.status_code >= 500
                return self._failed(started, attempts + (budget + 1 if retried else 1),
                                    f"http {exc.status_code} ({_one_line(exc.message)})")
            except self._openai.APIError as exc:
                return self._failed(started, attempts + 1, f"malformed response ({_one_line(exc)})")
            attempts += raw.retries_taken + 1
            budget -= raw.retries_taken
            completion, problem = self._parse(raw, request)
            if completion is not None:
                return Completion(**{**completion, "latency_s": round(time.perf_counter() - started, 4), "attempts": attempts})
            if budget <= 0:
                return self._failed(started, attempts, f"malformed response ({problem})")
            budget -= 1
            wait = min(0.5 * 2 ** (self.max_retries - budget - 1), 8.0) * (1 - 0.25 * random.random())
            log.info("malformed response from %s (%s); retrying in %.2fs", self.base_url, problem, wait)
            time.sleep(wait)

    @staticmethod
    def _send(client: Any, request: Request) -> Any:
        if isinstance(request, ChatRequest):
            return client.chat.completions.with_raw_response.create(messages=[dict(m) for m in request.messages], **request.params())
        return client.completions.with_raw_response.create(prompt=request.prompt, **request.params())

    @staticmethod
    def _parse(raw: Any, request: Request) -> tuple[dict[str, Any] | None, str]:
        try:
            body = raw.parse()
        except ValueError as exc:  # invalid JSON under a JSON content type
            return None, f"body is not JSON: {_one_line(exc, 80)}"
        if isinstance(body, str) or not getattr(body, "choices", None):
            return None, "no choices in the body" if not isinstance(body, str) else f"body is not JSON: {_one_line(body, 60)!r}"
        choice = body.choices[0]
        reasoning = None
        if isinstance(request, ChatRequest):
            text, reasoning = message_text(choice.message)
        else:
            text = choice.text
        if not isinstance(text, str):
            return None, "the first choice has no text"
        usage = getattr(body, "usage", None)
        return {"text": text, "reasoning": reasoning, "finish_reason": getattr(choice, "finish_reason", None),
                "prompt_tokens": getattr(usage, "prompt_tokens", None), "completion_tokens": getattr(usage, "completion_tokens", None),
                "model": getattr(body, "model", None)}, ""

    @staticmethod
    def _failed(started: float, attempts: int, reason: str) -> Completion:
        # a server may repeat the key in its error message (a 401's "Incorrect API key provided: ...")
        return Completion(text=None, latency_s=round(time.perf_counter() - started, 4), attempts=attempts,
                          error=redact.redact(reason))

    def complete_many(self, requests: Sequence[Request],
                      on_result: Callable[[int, Completion], None] | None = None) -> list[Completion]:
        """All ``requests``, at most ``max_concurrency`` in flight; results in input order.

        ``on_result(i, completion)`` runs in the calling thread as each result arrives (so it may
        write files without locks). An exception from ``on_result`` or Ctrl-C cancels what has not
        started and is re-raised.
        """
        out: list[Completion | None] = [None] * len(requests)
        if not requests:
            return []
        pool = ThreadPoolExecutor(max_workers=min(self.max_concurrency, len(requests)), thread_name_prefix="sumcheck-openai")
        try:
            futures = {pool.submit(self.complete, r): i for i, r in enumerate(requests)}
            for fut in as_completed(futures):
                i = futures[fut]
                out[i] = fut.result()
                if on_result is not None:
                    on_result(i, out[i])
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise
        pool.shutdown(wait=True)
        return [c for c in out if c is not None]
