"""Hugging Face summarizers: ``seq2seq`` (AutoModelForSeq2SeqLM) and ``causal`` (AutoModelForCausalLM).

One :class:`HFSystem` serves both. ``generate`` first answers what it can from the summary cache
(without loading the model), then loads the model once and generates the rest in batches sorted by
input length (longest first, dynamic padding: a batch is only as long as its longest input), under
``torch.inference_mode()``, restoring input order. ``batch_size: auto`` halves on out-of-memory.
With ``do_sample: true`` every document samples from its own generator, seeded by
:func:`~sumcheck.summarize.systems.runtime.document_seed` (the run's seed and the document's text),
so its summary does not depend on which batch it is in (:class:`PerRowSampler`).

Every prediction's ``meta`` records: ``input_tokens``, ``document_tokens``, ``document_tokens_kept``,
``truncated`` (the *input* was cut), ``max_input_tokens``, ``output_tokens``, ``prompt_tokens`` and
``completion_tokens`` (as an ``openai`` row counts them), ``finish_reason`` (``stop``: the model
ended; ``length``: it stopped at ``max_new_tokens``) and ``completion_truncated``
(``finish_reason == "length"``), ``cache`` (``hit``/``miss``),
``generation_seconds`` (the batch's time shared evenly among its documents), ``batch_size`` and
``model`` (the identity: hub commit or checksum). ``causal`` systems strip reasoning blocks
(:mod:`sumcheck.summarize.reasoning`, setting ``reasoning_delimiters``) into ``meta["reasoning"]``; a
reply that is reasoning only or cut inside its block is a failed generation (``meta["error"]``, not
cached). A chat template that refuses the system role gets ``system_prompt`` in the user turn
(``meta["system_prompt_in_user_turn"]``, see :func:`~sumcheck.summarize.systems.inputs.render_prompt_info`).
"""

from __future__ import annotations

import contextlib
import logging
import time
from typing import Any, Callable, Sequence

from sumcheck.summarize.errors import ConfigError
from sumcheck.summarize.reasoning import delimiter_tag, split_reasoning
from sumcheck.summarize.records import Document, Prediction
from sumcheck.summarize.systems import OnResult
from sumcheck.summarize.systems.cache import SummaryCache, serve_cached, text_digest
from sumcheck.summarize.systems.inputs import (
    InputInfo,
    model_input_limit,
    prepare_causal,
    prepare_seq2seq,
    prompt_overhead,
)
from sumcheck.summarize.hub import resolve_model
from sumcheck.summarize.systems.runtime import AUTO_BATCH, document_seed, length_sorted, resolve_placement, run_batches

log = logging.getLogger(__name__)

CACHE_FORMAT = "v3"  # bump when decoding code changes what a setting produces (v2: per-document sampling seeds,
# v3: reasoning blocks stripped, finish_reason recorded, delimiter tokens kept by the decoder)


class HFSystem:
    """A seq2seq or causal summarizer built from a :class:`~sumcheck.summarize.spec.Seq2SeqSpec` / ``CausalSpec``."""

    def __init__(self, spec: Any, *, use_cache: bool = True, progress: bool = True, offline: bool | None = None,
                 quiet: bool = False) -> None:
        self.spec = spec
        self.name = spec.name
        self.progress = progress
        # downloads a hub model on first use (unless offline); ModelNotAvailableError early
        self.resolved = resolve_model(spec.model, revision=spec.revision, offline=offline, progress=not quiet)
        self.placement = resolve_placement(spec.device, spec.dtype)
        self.use_cache = use_cache
        self.cache = SummaryCache()
        self.model: Any = None
        self.tokenizer: Any = None
        self.batch_size_used: int | None = None
        self._hidden: set[int] | None = None  # token ids the decoder drops (see _hidden_ids)
        # called during generation with the progress made since the last call, in documents (a float:
        # each row of the running batch moves 1/max_new_tokens per token and is topped up to exactly 1
        # when it ends), before the batch returns: lets a caller's progress bar move within a batch
        self.on_progress: Callable[[float], None] | None = None

    # ---- identity -------------------------------------------------------------------------
    def cache_settings(self) -> dict[str, Any]:
        """Everything that changes the output (the cache key's settings), and nothing else."""
        spec = self.spec
        generation = spec.generation.model_dump()
        if not generation["do_sample"]:
            generation.pop("seed")  # greedy/beam output does not depend on the seed
        settings: dict[str, Any] = {
            "format": CACHE_FORMAT,
            # kernels and decoding code change between releases: a new torch or transformers regenerates
            "versions": _library_versions(),
            "type": spec.type,
            "model": self.resolved.identity,
            "device": self.placement.device,
            "dtype": self.placement.dtype,
            "generation": generation,
            "max_input_tokens": spec.max_input_tokens,  # None: the model's own limit (fixed by its identity)
        }
        if spec.type == "seq2seq":
            settings["prefix"] = spec.prefix
        else:
            settings.update(prompt=spec.prompt, system_prompt=spec.system_prompt, chat_template=spec.chat_template,
                            reasoning_delimiters=[list(pair) for pair in spec.reasoning_delimiters])
        return settings

    def model_signature(self) -> str:
        """Model identity plus the settings that change the output, e.g. for scores.json."""
        settings = self.cache_settings()
        gen = ",".join(f"{k}={v}" for k, v in settings["generation"].items() if v is not None and v is not False)
        parts = [self.resolved.identity, self.spec.type, f"{self.placement.device}/{self.placement.dtype}"]
        parts.append(f"gen:{gen or 'model-default'}")
        parts.append(f"max_in:{self.spec.max_input_tokens or 'model'}")
        if self.spec.type == "seq2seq":
            parts.append(f"prefix:{self.spec.prefix!r}")
        else:
            prompt_blob = f"{self.spec.system_prompt}\0{self.spec.prompt}\0{self.spec.chat_template}"
            parts.append(f"prompt:sha256:{text_digest(prompt_blob)[:12]}")
            parts.append(f"think:{delimiter_tag(self.spec.reasoning_delimiters)}")
        return "|".join(parts)

    # ---- loading --------------------------------------------------------------------------
    def load(self) -> None:
        """Load tokenizer and model (once) on the resolved device and dtype."""
        if self.model is not None:
            return
        import torch
        from transformers import AutoModelForCausalLM, AutoModelForSeq2SeqLM, AutoTokenizer

        from sumcheck.summarize.scoped import quiet_hf_progress
        from sumcheck.summarize.weights import from_pretrained_checked

        path = str(self.resolved.path)
        auto = AutoModelForSeq2SeqLM if self.spec.type == "seq2seq" else AutoModelForCausalLM
        try:
            # a quiet run stays quiet; the caller's progress-bar setting is restored afterwards
            with quiet_hf_progress() if not self.progress else contextlib.nullcontext():
                tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=True)
                # a checkpoint missing weights (initialised at random) is an error naming them
                model = from_pretrained_checked(auto, path, what=f"system {self.name!r} ({self.spec.model})",
                                                dtype=getattr(torch, self.placement.dtype), local_files_only=True)
        except ValueError as exc:
            if "Unrecognized configuration class" in str(exc):
                other = "causal" if self.spec.type == "seq2seq" else "seq2seq"
                raise ConfigError(f"system {self.name!r}: {self.spec.model} is not a {self.spec.type} model; try type: {other}") from exc
            raise
        model.to(self.placement.device).eval()
        if self.spec.type == "causal":
            tokenizer.padding_side = "left"  # decoder-only: pad on the left so generation continues the prompt
        if tokenizer.pad_token_id is None:
            tokenizer.pad_token = tokenizer.eos_token
        self.tokenizer, self.model = tokenizer, model
        self.gen_config = self._generation_config()
        # sampling with per-document generators: the warpers' settings, then greedy picks the sampled token
        gc = self.gen_config
        self.sampling = {"temperature": gc.temperature, "top_k": gc.top_k, "top_p": gc.top_p}
        self.greedy_config = gc.__class__.from_dict(gc.to_dict())
        self.greedy_config.do_sample = False
        self.greedy_config.temperature = self.greedy_config.top_p = self.greedy_config.top_k = None

    def _generation_config(self) -> Any:
        gc = self.model.generation_config.__class__.from_dict(self.model.generation_config.to_dict())
        g = self.spec.generation
        for field in ("num_beams", "max_new_tokens", "min_new_tokens", "no_repeat_ngram_size", "length_penalty",
                      "repetition_penalty", "temperature", "top_p", "top_k"):
            value = getattr(g, field)
            if value is not None:
                setattr(gc, field, value)
        gc.do_sample = g.do_sample
        if not g.do_sample:
            gc.temperature = gc.top_p = gc.top_k = None
        if g.max_new_tokens is not None:
            gc.max_length = None
        gc.pad_token_id = self.tokenizer.pad_token_id
        return gc

    def input_limit(self) -> int | None:
        """The ``max_input_tokens`` applied (see :mod:`sumcheck.summarize.systems.inputs` for what it counts)."""
        spec = self.spec
        if spec.max_input_tokens is not None:
            return spec.max_input_tokens
        limit = model_input_limit(self.tokenizer, self.model.config)
        if spec.type == "causal" and limit is not None:
            overhead = prompt_overhead(self.tokenizer, prompt=spec.prompt, system_prompt=spec.system_prompt,
                                       chat_template=spec.chat_template)
            limit = max(1, limit - overhead - spec.generation.max_new_tokens)
        return limit

    def prepare(self, text: str, limit: int | None) -> tuple[list[int], InputInfo]:
        spec = self.spec
        if spec.type == "seq2seq":
            return prepare_seq2seq(self.tokenizer, text, prefix=spec.prefix, limit=limit)
        return prepare_causal(self.tokenizer, text, prompt=spec.prompt, system_prompt=spec.system_prompt,
                              chat_template=spec.chat_template, limit=limit)

    # ---- generation -----------------------------------------------------------------------
    def _generate_batch(self, ids: list[list[int]], seeds: list[int] | None = None) -> list[tuple[str, int, str]]:
        import torch

        tok = self.tokenizer
        enc = tok.pad({"input_ids": ids}, padding=True, return_tensors="pt")
        enc = {k: v.to(self.placement.device) for k, v in enc.items()}
        if getattr(self.model.config, "model_type", "") == "led":  # LED: global attention on the first token
            enc["global_attention_mask"] = torch.zeros_like(enc["attention_mask"])
            enc["global_attention_mask"][:, 0] = 1
        g = self.spec.generation
        extra = {}
        if self.on_progress is not None:
            from transformers import StoppingCriteriaList

            extra["stopping_criteria"] = StoppingCriteriaList([
                _RowProgress(tok.eos_token_id, self.gen_config.max_new_tokens, self.on_progress)])
        with torch.inference_mode(), torch.random.fork_rng(devices=[]):  # the process's RNG is left as it was
            if g.do_sample and (self.gen_config.num_beams or 1) == 1:
                # each row samples from its own generator, seeded by its document: the output does not
                # depend on the batch it is in (greedy processors run first, this one last)
                sampler = PerRowSampler(seeds or [], self.sampling, device=self.placement.device)
                out = self.model.generate(**enc, generation_config=self.greedy_config, logits_processor=[sampler],
                                          **extra)
            else:
                if g.do_sample:  # beam sampling: one document per batch (see _generate_missing), seeded by it
                    torch.manual_seed((seeds or [g.seed])[0])
                out = self.model.generate(**enc, generation_config=self.gen_config, **extra)
        start = 1 if self.spec.type == "seq2seq" else enc["input_ids"].shape[1]
        stop = {tok.pad_token_id, tok.eos_token_id} - {None}
        eos = _eos_ids(tok, self.gen_config)
        gc = self.gen_config
        forced = getattr(gc, "forced_eos_token_id", None)
        # new tokens a row may have (the seq2seq decoder's start token is not counted)
        limit = gc.max_new_tokens if gc.max_new_tokens else (gc.max_length - 1 if self.spec.type == "seq2seq" and gc.max_length else None)
        hidden = self._hidden_ids()
        results = []
        for row in out[:, start:].tolist():
            # generation ends at an end token ("stop") or at the token limit ("length"): no other
            # stopping criterion is set (max_time, stop strings); rows that ended early are padded
            finish = "stop" if any(t in eos for t in row) else "length"
            if finish == "stop":
                end = next(k for k, t in enumerate(row) if t in eos)
                if forced is not None and limit is not None and end == limit - 1 and row[end] == forced:
                    finish = "length"  # forced_eos_token_id (BART): the end token the limit put there
                row = row[:end]
            while row and row[-1] in stop:
                row.pop()
            text = tok.decode([t for t in row if t not in hidden], skip_special_tokens=False).strip()
            results.append((text, len(row), finish))
        return results

    def _hidden_ids(self) -> set[int]:
        """Token ids the decoder drops: the special ones, except reasoning delimiters that are special
        tokens (Magistral's ``[THINK]``): dropped, they would leave the reasoning unmarked in the text."""
        if self._hidden is None:
            tok = self.tokenizer
            hidden = set(tok.all_special_ids)
            hidden |= {i for i, t in getattr(tok, "added_tokens_decoder", {}).items() if getattr(t, "special", False)}
            marks = {m for pair in getattr(self.spec, "reasoning_delimiters", ()) for m in pair}
            vocab = tok.get_vocab()
            hidden -= {vocab[m] for m in marks if m in vocab}
            self._hidden = hidden
        return self._hidden

    def generate(self, documents: Sequence[Document], on_result: OnResult | None = None) -> list[Prediction]:
        settings = self.cache_settings()
        keys, out, todo = serve_cached(self.cache, settings, documents, self.name, use_cache=self.use_cache,
                                       on_result=on_result)
        if todo:
            self._generate_missing(documents, keys, todo, out, on_result)
        return [p for p in out if p is not None]

    def _generate_missing(self, documents, keys, todo, out, on_result) -> None:  # noqa: ANN001
        self.load()
        from sumcheck.summarize.systems.inputs import ChatTemplateError

        try:
            limit = self.input_limit()
            prepared = {i: self.prepare(documents[i].text, limit) for i in todo}
        except ChatTemplateError as exc:
            raise ConfigError(f"system {self.name!r}: {exc}") from None
        merged = sum(info.system_prompt_in_user_turn for _, info in prepared.values())
        if merged:
            log.warning("%s: the model's chat template refuses the system role; system_prompt opens the user turn instead "
                        "(%d prompts; recorded as system_prompt_in_user_turn)", self.name, merged)
        if self.on_progress is not None:
            self.on_progress(0.0)  # generation starts now: loading is over (a caller's ETA can leave it out)
        order = [todo[j] for j in length_sorted([len(prepared[i][0]) for i in todo])]
        adaptive = self.spec.batch_size == "auto"
        size = AUTO_BATCH[self.placement.device] if adaptive else int(self.spec.batch_size)
        if self.spec.generation.do_sample and (self.gen_config.num_beams or 1) > 1:
            size, adaptive = 1, False  # beam sampling draws from one RNG for the whole batch
        bar = _progress(len(todo), f"{self.name}", enabled=self.progress)
        started, out_tokens, truncated, cut = time.perf_counter(), 0, 0, 0
        batch_started = [time.perf_counter()]

        seed = self.spec.generation.seed

        def step(idx: list[int]) -> list[tuple[str, int, str]]:
            batch_started[0] = time.perf_counter()
            return self._generate_batch([prepared[i][0] for i in idx], [document_seed(seed, documents[i].text) for i in idx])

        def on_batch(idx: list[int], results: list[tuple[str, int, str]]) -> None:
            nonlocal out_tokens, truncated, cut
            share = (time.perf_counter() - batch_started[0]) / len(idx)
            for i, (summary, n_out, finish) in zip(idx, results):
                info = prepared[i][1]
                meta = {**info.to_meta(), "output_tokens": n_out, "prompt_tokens": info.input_tokens, "completion_tokens": n_out,
                        "finish_reason": finish, "completion_truncated": finish == "length",
                        "generation_seconds": round(share, 4), "batch_size": len(idx), "model": self.resolved.identity}
                if self.spec.type == "causal":
                    split = split_reasoning(summary, self.spec.reasoning_delimiters, finish_reason=finish)
                    if split.reasoning is not None:
                        meta["reasoning"] = split.reasoning
                    if split.error is not None:  # a failed generation: not cached, asked again by the next run
                        meta.update(error=split.error, reply=summary)
                    summary = split.answer
                if "error" not in meta:
                    self.cache.put(keys[i], {"summary": summary, "meta": meta})
                pred = Prediction(documents[i].id, self.name, summary, {**meta, "cache": "miss"})
                out[i] = pred
                out_tokens += n_out
                truncated += info.truncated
                cut += finish == "length"
                if on_result is not None:
                    on_result(i, pred)
            elapsed = max(time.perf_counter() - started, 1e-9)
            if bar is not None:
                bar.update(len(idx))
                bar.set_postfix_str(f"{out_tokens / elapsed:.1f} tok/s")

        self.batch_size_used = run_batches(order, size, step, adaptive=adaptive, on_batch=on_batch)
        if bar is not None:
            bar.close()
        elapsed = max(time.perf_counter() - started, 1e-9)
        log.info("%s: generated %d summaries in %.1fs (%.2f docs/s, %.1f output tokens/s), %d truncated to %s input tokens, "
                 "%d cut at max_new_tokens, %d from cache", self.name, len(todo), elapsed, len(todo) / elapsed, out_tokens / elapsed,
                 truncated, limit, cut, len(documents) - len(todo))
        if cut:
            log.warning("%s: %d of %d summaries stopped at max_new_tokens=%s before the model ended them (completion_truncated "
                        "in predictions.jsonl)", self.name, cut, len(todo), self.gen_config.max_new_tokens)


class _RowProgress:
    """A stopping criterion that never stops anything: it reports how far the batch has got, in
    documents. Each row advances ``1 / max_new_tokens`` per generated token (without a token limit,
    nothing until it ends) and is topped up to exactly 1 when it produces its end token or reaches
    the limit, so the reports of one batch sum to its size."""

    def __init__(self, eos_token_id: int | None, max_new_tokens: int | None, report: Callable[[float], None]) -> None:
        self.eos, self.max_new, self.report = eos_token_id, max_new_tokens, report
        self.shown: list[float] | None = None
        self.steps = 0

    def __call__(self, input_ids: Any, scores: Any, **kwargs: Any) -> Any:
        import torch

        rows = input_ids.shape[0]
        if self.shown is None:
            self.shown = [0.0] * rows
        self.steps += 1
        last = input_ids[:, -1].tolist()
        at_limit = bool(self.max_new) and self.steps >= self.max_new
        delta = 0.0
        for i in range(rows):
            if self.shown[i] >= 1.0:
                continue
            if last[i] == self.eos or at_limit:
                target = 1.0
            else:
                target = min(self.steps / self.max_new, 0.99) if self.max_new else 0.0
            if target > self.shown[i]:
                delta += target - self.shown[i]
                self.shown[i] = target
        if delta > 0:
            self.report(delta)
        return torch.zeros(rows, dtype=torch.bool, device=input_ids.device)


def _eos_ids(tokenizer: Any, gen_config: Any) -> set[int]:
    """The ids that end a generation: the generation config's ``eos_token_id`` (an int or a list,
    e.g. Llama 3's ``<|eot_id|>``) and the tokenizer's."""
    ids = gen_config.eos_token_id if gen_config is not None else None
    out = set(ids if isinstance(ids, (list, tuple)) else [ids] if ids is not None else [])
    if tokenizer.eos_token_id is not None:
        out.add(tokenizer.eos_token_id)
    return out


def _library_versions() -> dict[str, str]:
    import importlib.metadata

    return {name: importlib.metadata.version(name) for name in ("torch", "transformers")}


class PerRowSampler:
    """A logits processor that samples each row with its own ``torch.Generator`` (seeded per document)
    after temperature, top-k and top-p warping, and leaves only the sampled token: run last, under
    greedy decoding, it makes row ``i``'s draw independent of the other rows of the batch.

    ``sampling`` holds ``temperature``, ``top_k`` and ``top_p`` (``None``: not applied), as in
    ``GenerationConfig``; scores are ``(batch, vocab)`` float tensors.
    """

    def __init__(self, seeds: Sequence[int], sampling: dict[str, Any], *, device: str) -> None:
        import torch
        from transformers.generation.logits_process import (
            TemperatureLogitsWarper,
            TopKLogitsWarper,
            TopPLogitsWarper,
        )

        self.generators = [torch.Generator(device=device).manual_seed(int(s)) for s in seeds]
        self.warpers: list[Any] = []
        if sampling.get("temperature") not in (None, 1.0):
            self.warpers.append(TemperatureLogitsWarper(float(sampling["temperature"])))
        if sampling.get("top_k"):
            self.warpers.append(TopKLogitsWarper(int(sampling["top_k"])))
        if sampling.get("top_p") not in (None, 1.0):
            self.warpers.append(TopPLogitsWarper(float(sampling["top_p"])))

    def __call__(self, input_ids: Any, scores: Any) -> Any:
        import torch

        for warper in self.warpers:
            scores = warper(input_ids, scores)
        probs = torch.softmax(scores.float(), dim=-1)
        picks = torch.cat([torch.multinomial(probs[i], 1, generator=g) for i, g in enumerate(self.generators)])
        out = torch.full_like(scores, float("-inf"))
        out.scatter_(1, picks[:, None], 0.0)
        return out


def _progress(total: int, desc: str, *, enabled: bool) -> Any:
    if not enabled:
        return None
    from tqdm.auto import tqdm

    return tqdm(total=total, desc=desc, unit="doc", leave=False)
