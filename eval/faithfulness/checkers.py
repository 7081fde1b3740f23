"""Trained faithfulness checkers: construction (:func:`build`) and sumcheck's chunked variant.

By default (``method: published``) every backend computes its reference implementation's score
(:mod:`sumcheck.faithfulness.published`: SummaC-ZS / SummaC-Conv, MiniCheck, AlignScore, HHEM-2.1-open,
BARTScore). The classes here are ``method: chunked``, sumcheck's own variant, which is not a published
method and says so in the signature (``method:chunked``):

Every checker scores *cells*: (source chunk, summary sentence) pairs, each a probability-like
value in [0, 1] that the chunk supports the sentence. A sentence takes its best chunk (or, with
a histogram head, a learned map of the histogram of its cells); a summary the mean (or min) of its
sentences. Evidence is the best chunk's character span in the source.

Input formats (as published by each checker's authors):

* ``nli`` / ``alignscore``: a sequence pair ``(chunk, sentence)`` through the tokenizer's pair
  encoding (with ``token_type_ids`` for a model with segment embeddings); the entailment /
  contradiction outputs come from the model's ``id2label``
  (:func:`sumcheck.faithfulness.nli.label_map`), never from assumed positions;
* ``minicheck`` classifiers: one text ``chunk + eos_token + sentence``; output 1 = supported
  (MiniCheck's checkpoints name their outputs ``LABEL_0``/``LABEL_1``; named labels win);
* ``minicheck`` seq2seq (Flan-T5): ``"predict: " + chunk + eos_token + sentence`` into the
  encoder, one decoder step from the start token; P(supported) is the softmax over the logits
  of the first tokens of ``"0"`` and ``"1"``;
* ``hhem``: sumcheck's native HHEM-2.1-open (:class:`sumcheck.faithfulness.published.HHEM`) on each
  (chunk, sentence) in its prompt; the checkpoint's own code is never run.

Long sources are chunked (the ``chunking`` spec, then any chunk that would not fit the
checker's context next to the sentence is split into token windows with overlap, checked against
the real encoded length): nothing is ever truncated. A sentence too long to leave room for any
source text makes the summary unscored with that reason.

Every model loads only with all its weights (:mod:`sumcheck.summarize.weights`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping, Sequence

import numpy as np

from sumcheck.faithfulness.chunks import Chunk, make_chunks
from sumcheck.faithfulness.nli import LabelMap, cell_scores, label_map
from sumcheck.faithfulness.result import EMPTY_SOURCE, EMPTY_SUMMARY, FaithfulnessResult, SentenceScore, unscored
from sumcheck.summarize.errors import ConfigError, InputError, ModelNotAvailableError
from sumcheck.summarize.text import split_sentences

AGGREGATIONS = ("mean", "min")
MIN_CHUNK_TOKENS = 16  # below this a window carries too little source to check anything against


def resolve(model: str, revision: str | None = None):
    """The checker's local folder and identity through the project's one model resolver
    (:func:`sumcheck.summarize.hub.resolve_model`: a hub id is downloaded on first use unless
    offline, its revision resolved to a commit; or a local folder)."""
    from sumcheck.summarize.hub import resolve_model

    return resolve_model(model, revision=revision)


def _config(folder: Path) -> dict[str, Any]:
    try:
        return json.loads((folder / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelNotAvailableError(f"{folder}: no readable config.json") from exc


def is_seq2seq(cfg: Mapping[str, Any]) -> bool:
    archs = [str(a) for a in cfg.get("architectures") or []]
    return bool(cfg.get("is_encoder_decoder")) or any(a.endswith("ForConditionalGeneration") for a in archs)


# -- the shared part: chunks that fit, cells, aggregation ------------------------------------------
@dataclass(frozen=True)
class ConvHead:
    """SummaC-Conv's sentence head: the histogram of a sentence's cells over ``bins`` equal bins of
    [0, 1] (as shares of the chunks), mapped by a learned linear layer and a sigmoid."""

    weights: tuple[float, ...]
    bias: float
    provenance: Mapping[str, Any]

    @property
    def bins(self) -> int:
        return len(self.weights)

    def histogram(self, cells: np.ndarray) -> np.ndarray:
        h, _ = np.histogram(np.clip(cells, 0.0, 1.0), bins=self.bins, range=(0.0, 1.0))
        return h / max(len(cells), 1)

    def __call__(self, cells: np.ndarray) -> float:
        z = float(np.dot(self.weights, self.histogram(cells)) + self.bias)
        return float(1.0 / (1.0 + np.exp(-z)))

    @classmethod
    def load(cls, path: str | Path) -> "ConvHead":
        import yaml

        p = Path(path)
        try:
            data = yaml.safe_load(p.read_text(encoding="utf-8"))
            head = cls(tuple(float(w) for w in data["weights"]), float(data["bias"]), dict(data.get("provenance") or {}))
        except (OSError, yaml.YAMLError, KeyError, TypeError, ValueError) as exc:
            raise ConfigError(f"SummaC-Conv head {p}: needs a YAML mapping with 'weights' (one per bin) and 'bias': {exc}") from exc
        if head.bins < 2:
            raise ConfigError(f"SummaC-Conv head {p}: needs at least 2 bins")
        return head

    def digest(self) -> str:
        import hashlib
        return hashlib.sha1(repr((self.weights, self.bias)).encode()).hexdigest()[:8]


def fit_conv_head(sentence_cells: Sequence[Sequence[np.ndarray]], labels: Sequence[int], *, bins: int = 20,
                  c: float = 1.0, provenance: Mapping[str, Any] | None = None) -> ConvHead:
    """Fit a :class:`ConvHead` on labelled summaries (each a list of per-sentence cell arrays).

    A summary is represented by the mean of its sentences' histograms and the linear layer is a
    class-balanced L2 logistic regression (sklearn, lbfgs: deterministic) on those.
    """
    from sklearn.linear_model import LogisticRegression

    probe = ConvHead((0.0,) * bins, 0.0, {})
    x = np.array([np.mean([probe.histogram(np.asarray(c)) for c in sents], axis=0) for sents in sentence_cells])
    y = np.asarray(labels, dtype=int)
    if len(set(y.tolist())) < 2:
        raise InputError("fitting a SummaC-Conv head needs both consistent and inconsistent summaries")
    lr = LogisticRegression(C=c, class_weight="balanced", max_iter=1000).fit(x, y)
    return ConvHead(tuple(float(w) for w in lr.coef_[0]), float(lr.intercept_[0]), dict(provenance or {}))


class PairChecker:
    """Base: subclasses set ``backend``, ``max_length`` and implement ``_overhead``, ``_count``
    and ``_cells``."""

    backend = "checker"

    def __init__(self, *, chunking: str = "sent", aggregation: str = "mean", threshold: float = 0.5,
                 batch_size: int = 16, conv: ConvHead | None = None, stride: float = 0.75) -> None:
        if aggregation not in AGGREGATIONS:
            raise ConfigError(f"{self.backend}: aggregation must be one of {AGGREGATIONS}, got {aggregation!r}")
        make_chunks("", chunking)  # validates the spec
        self.chunking, self.aggregation, self.threshold = chunking, aggregation, float(threshold)
        self.batch_size, self.conv, self.stride = int(batch_size), conv, stride
        self.max_length = 512
        self.identity = ""

    # subclass interface -------------------------------------------------------------------
    def _overhead(self) -> int:
        """Tokens the input format adds besides the chunk and the sentence."""
        raise NotImplementedError

    def _count(self, texts: Sequence[str]) -> list[int]:
        """Tokens of each text alone (no special tokens), by the checker's ``tokenizer``."""
        if not texts:
            return [0]
        return [len(ids) for ids in self.tokenizer(list(texts), add_special_tokens=False)["input_ids"]]

    def _cells(self, premises: Sequence[str], hypotheses: Sequence[str]) -> np.ndarray:
        raise NotImplementedError

    def _windows(self, source: str, chunk: Chunk, budget: int) -> list[Chunk]:
        """Split a chunk too long for ``budget`` tokens into overlapping token windows (char spans)."""
        enc = self.tokenizer(chunk.text, add_special_tokens=False, return_offsets_mapping=True)
        offs = list(enc["offset_mapping"])  # one per token: byte pieces of one character share its span
        out, step = [], max(1, int(budget * self.stride))
        for lo in range(0, len(offs), step):
            part = [o for o in offs[lo:lo + budget] if o[1] > o[0]]
            if part:
                s, e = chunk.start + part[0][0], chunk.start + part[-1][1]
                if not out or (s, e) != (out[-1].start, out[-1].end):
                    out.append(Chunk(s, e, source[s:e]))
            if lo + budget >= len(offs):
                break
        return out

    def plan(self, source: str, sentences: Sequence[str]) -> list[Chunk] | str:
        """The chunks every sentence is checked against, or the reason the pair cannot be scored."""
        chunks = make_chunks(source, self.chunking)
        longest = max(self._count(sentences))
        budget = self.max_length - self._overhead() - longest - 2  # 2: tokenizer-boundary slack
        if budget < MIN_CHUNK_TOKENS:
            return (f"a summary sentence of {longest} tokens leaves no room for the source in {self.backend}'s "
                    f"{self.max_length}-token context")
        out: list[Chunk] = []
        for c, n in zip(chunks, self._count([c.text for c in chunks])):
            out.extend([c] if n <= budget else self._windows(source, c, budget))
        # token counts of the parts alone can miss by a few tokens once they are joined (a window's first
        # word loses its leading space, "chunk + eos + sentence" merges across the seam): measure the real
        # inputs and re-split any chunk whose input would not fit, by its overshoot
        for _ in range(8):
            over = {}
            for k, c in enumerate(out):
                n = max(self._input_lengths([c.text] * len(sentences), sentences))
                if n > self.max_length:
                    over[k] = n - self.max_length
            if not over:
                return out
            fixed: list[Chunk] = []
            for k, c in enumerate(out):
                if k not in over:
                    fixed.append(c)
                    continue
                smaller = self._count([c.text])[0] - over[k] - 1
                if smaller < MIN_CHUNK_TOKENS:
                    return (f"a summary sentence leaves no room for the source in {self.backend}'s "
                            f"{self.max_length}-token context")
                fixed.extend(self._windows(source, c, smaller))
            out = fixed
        return f"could not cut the source into inputs of at most {self.max_length} tokens for {self.backend}"

    def _format(self, premise: str, hypothesis: str) -> str | tuple[str, str]:
        """The checker's input for one (chunk, sentence): one text, or a pair for the pair encoding."""
        raise NotImplementedError

    def _input_lengths(self, premises: Sequence[str], hypotheses: Sequence[str]) -> list[int]:
        """Tokens of each real input (special tokens included), as the model would read it."""
        items = [self._format(p, h) for p, h in zip(premises, hypotheses)]
        if items and isinstance(items[0], tuple):
            enc = self.tokenizer([a for a, _ in items], [b for _, b in items], add_special_tokens=True, verbose=False)
        else:
            enc = self.tokenizer(list(items), add_special_tokens=True, verbose=False)
        return [len(ids) for ids in enc["input_ids"]]

    def score(self, sources: Sequence[str], summaries: Sequence[str]) -> list[FaithfulnessResult]:
        if len(sources) != len(summaries):
            raise InputError("sources and summaries must have the same length")
        plans: list[Any] = []
        premises: list[str] = []
        hyps: list[str] = []
        for src, summ in zip(sources, summaries):
            sents = split_sentences(summ)
            if not sents:
                plans.append(unscored(EMPTY_SUMMARY, self.backend))
                continue
            if not src.strip():
                plans.append(unscored(EMPTY_SOURCE, self.backend))
                continue
            chunks = self.plan(src, [s.text for s in sents])
            if isinstance(chunks, str):
                plans.append(unscored(chunks, self.backend))
                continue
            plans.append((sents, chunks, len(premises)))
            for s in sents:
                for c in chunks:
                    premises.append(c.text)
                    hyps.append(s.text)
        cells = self._cells(premises, hyps) if premises else np.zeros(0, dtype=np.float32)
        out: list[FaithfulnessResult] = []
        for plan in plans:
            if isinstance(plan, FaithfulnessResult):
                out.append(plan)
                continue
            sents, chunks, at = plan
            matrix = cells[at:at + len(sents) * len(chunks)].reshape(len(sents), len(chunks))
            best = matrix.argmax(axis=1)
            scored = []
            for k, s in enumerate(sents):
                value = self.conv(matrix[k]) if self.conv is not None else float(matrix[k, best[k]])
                scored.append(SentenceScore(s.start, s.end, s.text, value, chunks[best[k]].start, chunks[best[k]].end))
            vals = [x.score for x in scored]
            total = float(min(vals)) if self.aggregation == "min" else float(np.mean(vals))
            out.append(FaithfulnessResult(total, "faithful" if total >= self.threshold else "unfaithful", tuple(scored),
                                          self.backend))
        return out

    def _batches(self, n: int, lengths: Sequence[int]):
        order = sorted(range(n), key=lambda i: -lengths[i])
        for lo in range(0, n, self.batch_size):
            yield order[lo:lo + self.batch_size]


def _load_tokenizer(folder: Path, **kw):
    from transformers import AutoTokenizer
    kw.setdefault("trust_remote_code", False)  # never run a checkpoint's own code unasked (hhem opts in)
    try:
        return AutoTokenizer.from_pretrained(str(folder), local_files_only=True, **kw)
    except (OSError, ValueError) as exc:
        raise ModelNotAvailableError(f"{folder}: no usable tokenizer: {exc}") from exc


def _no_custom_code(model: str, cfg: Mapping[str, Any], backend: str) -> None:
    """A checkpoint that needs its own Python code (``auto_map`` in config.json) runs only under the
    ``hhem`` backend's explicit ``trust_remote_code: true``; elsewhere it is a one-line error."""
    if cfg.get("auto_map"):
        raise ConfigError(f"{model} ships its own model code (auto_map in its config.json); backend {backend!r} does not "
                          "run checkpoint code: use backend 'hhem' with trust_remote_code: true if that is what it is, "
                          "after reading the code")


def _dtype(device: str, dtype: str | None):
    import torch

    from sumcheck.summarize.systems.runtime import check_device

    check_device(device)
    name = dtype or ("bfloat16" if device.startswith("cuda") else "float32")
    if name not in ("float32", "bfloat16", "float16"):
        raise ConfigError(f"dtype must be float32, bfloat16 or float16, got {name!r}")
    return name, getattr(torch, name)


# -- sequence-pair classifiers: nli, alignscore, minicheck (RoBERTa / DeBERTa) ---------------------
class ClassifierChecker(PairChecker):
    """A Hugging Face sequence classifier over (chunk, sentence).

    ``input_format``: ``pair`` (tokenizer pair encoding; NLI, AlignScore) or ``eos-joined``
    (``chunk + eos + sentence`` as one text; MiniCheck). ``mode``: ``zs`` (P(entail) -
    P(contradict), rescaled to [0, 1]) or ``entail`` (P(entail)).
    """

    def __init__(self, model: str, *, backend: str = "nli", revision: str | None = None, device: str = "cpu",
                 dtype: str | None = None, mode: str = "zs", input_format: str = "pair",
                 label_override: Mapping[str, int] | None = None, default_labels: LabelMap | None = None,
                 max_length: int | None = None, **kw: Any) -> None:
        super().__init__(**kw)
        self.backend = backend
        if mode not in ("zs", "entail"):
            raise ConfigError(f"{backend}: mode must be zs or entail, got {mode!r}")
        if input_format not in ("pair", "eos-joined"):
            raise ConfigError(f"{backend}: input_format must be pair or eos-joined, got {input_format!r}")
        resolved = resolve(model, revision)
        cfg = _config(resolved.path)
        _no_custom_code(model, cfg, backend)
        if is_seq2seq(cfg):
            raise ConfigError(f"{model} is a sequence-to-sequence model ({', '.join(cfg.get('architectures') or ['encoder-decoder'])}), "
                              f"not a classifier: backend {backend!r} needs a sequence classifier; for MiniCheck-Flan-T5 "
                              "use backend 'minicheck' (it detects the seq2seq variant)")
        from transformers import AutoModelForSequenceClassification

        self.dtype, torch_dtype = _dtype(device, dtype)
        self.tokenizer = _load_tokenizer(resolved.path)
        from sumcheck.faithfulness.published import load_model, needs_token_types

        self.model = load_model(AutoModelForSequenceClassification, resolved.path, f"{backend} checkpoint {model}",
                                torch_dtype, device)
        self._types = {"return_token_type_ids": True} if needs_token_types(self.model) else {}
        self.device, self.mode, self.input_format, self.identity = device, mode, input_format, resolved.identity
        id2label = {int(k): v for k, v in self.model.config.id2label.items()}
        generic = all(str(v).upper() == f"LABEL_{k}" for k, v in id2label.items())
        if label_override or not (generic and default_labels is not None):
            self.labels = label_map(id2label, label_override)
        else:
            self.labels = default_labels
        if self.mode == "zs" and self.labels.contradiction is None:
            self.mode = "entail"
        limit = int(getattr(self.model.config, "max_position_embeddings", 512) or 512)
        if getattr(self.model.config, "model_type", "") in ("roberta", "xlm-roberta", "camembert"):
            limit -= 2  # RoBERTa reserves two positions for the padding offset
        if max_length is not None and int(max_length) > limit:
            raise ConfigError(f"{backend}: max_length {max_length} is more than {model}'s context ({limit} tokens); "
                              "leave it out to use the whole context")
        self.max_length = min(int(max_length or limit), limit)
        self._sep = self.tokenizer.eos_token or self.tokenizer.sep_token or ""

    def _format(self, premise: str, hypothesis: str) -> str | tuple[str, str]:
        return (premise, hypothesis) if self.input_format == "pair" else premise + self._sep + hypothesis

    def _overhead(self) -> int:
        if self.input_format == "pair":
            return self.tokenizer.num_special_tokens_to_add(pair=True)
        return self.tokenizer.num_special_tokens_to_add(pair=False) + self._count([self._sep])[0]

    def _cells(self, premises: Sequence[str], hypotheses: Sequence[str]) -> np.ndarray:
        import torch

        out = np.zeros(len(premises), dtype=np.float32)
        lengths = [len(p) + len(h) for p, h in zip(premises, hypotheses)]
        with torch.inference_mode():
            for idx in self._batches(len(premises), lengths):
                if self.input_format == "pair":
                    enc = self.tokenizer([premises[i] for i in idx], [hypotheses[i] for i in idx], padding=True,
                                         truncation=False, return_tensors="pt", **self._types)
                else:
                    enc = self.tokenizer([premises[i] + self._sep + hypotheses[i] for i in idx], padding=True,
                                         truncation=False, return_tensors="pt")
                if enc["input_ids"].shape[1] > self.max_length:  # the plan guarantees this never happens
                    raise InputError(f"{self.backend}: an input of {enc['input_ids'].shape[1]} tokens exceeds the "
                                     f"{self.max_length}-token context after chunking")
                enc = {k: v.to(self.device) for k, v in enc.items()}
                probs = torch.softmax(self.model(**enc).logits.float(), dim=-1).cpu().numpy()
                out[idx] = cell_scores(probs, self.labels, self.mode)
        return out


# -- MiniCheck Flan-T5 (seq2seq) ---------------------------------------------------------------------
class Seq2SeqChecker(PairChecker):
    """MiniCheck-Flan-T5: P(supported) from the first decoder step's logits of "1" vs "0"."""

    backend = "minicheck"
    PREFIX = "predict: "

    def __init__(self, model: str, *, revision: str | None = None, device: str = "cpu", dtype: str | None = None,
                 max_length: int = 2048, label_tokens: Sequence[str] = ("0", "1"), **kw: Any) -> None:
        super().__init__(**kw)
        resolved = resolve(model, revision)
        _no_custom_code(model, _config(resolved.path), "minicheck")
        if not is_seq2seq(_config(resolved.path)):
            raise ConfigError(f"{model} is not a sequence-to-sequence model; MiniCheck's classifier variants load as "
                              "classifiers automatically, this path is for MiniCheck-Flan-T5")
        from transformers import AutoModelForSeq2SeqLM

        self.dtype, torch_dtype = _dtype(device, dtype)
        self.tokenizer = _load_tokenizer(resolved.path)
        from sumcheck.faithfulness.published import load_model

        self.model = load_model(AutoModelForSeq2SeqLM, resolved.path, f"minicheck checkpoint {model}", torch_dtype, device)
        self.device, self.identity, self.max_length = device, resolved.identity, int(max_length)
        ids = []
        for t in label_tokens:
            toks = self.tokenizer(t, add_special_tokens=False)["input_ids"]
            if not toks:
                raise ConfigError(f"minicheck: label token {t!r} is empty under this tokenizer")
            ids.append(int(toks[0]))
        if ids[0] == ids[1]:
            raise ConfigError(f"minicheck: label tokens {list(label_tokens)} start with the same token; cannot tell them apart")
        self.label_ids = ids  # [unsupported, supported]
        self._sep = self.tokenizer.eos_token or self.tokenizer.sep_token or ""
        start = self.model.config.decoder_start_token_id
        self._start = int(start if start is not None else (self.model.config.pad_token_id or 0))

    def _format(self, premise: str, hypothesis: str) -> str | tuple[str, str]:
        return self.PREFIX + premise + self._sep + hypothesis

    def _overhead(self) -> int:
        return (self._count([self.PREFIX])[0] + self._count([self._sep])[0]
                + self.tokenizer.num_special_tokens_to_add(pair=False) + 1)

    def _cells(self, premises: Sequence[str], hypotheses: Sequence[str]) -> np.ndarray:
        import torch

        out = np.zeros(len(premises), dtype=np.float32)
        lengths = [len(p) + len(h) for p, h in zip(premises, hypotheses)]
        with torch.inference_mode():
            for idx in self._batches(len(premises), lengths):
                enc = self.tokenizer([self.PREFIX + premises[i] + self._sep + hypotheses[i] for i in idx], padding=True,
                                     truncation=False, return_tensors="pt")
                if enc["input_ids"].shape[1] > self.max_length:
                    raise InputError(f"minicheck: an input of {enc['input_ids'].shape[1]} tokens exceeds the "
                                     f"{self.max_length}-token context after chunking")
                enc = {k: v.to(self.device) for k, v in enc.items()}
                dec = torch.full((len(idx), 1), self._start, dtype=torch.long, device=self.device)
                logits = self.model(**enc, decoder_input_ids=dec).logits[:, 0, :].float()
                probs = torch.softmax(logits[:, self.label_ids], dim=-1).cpu().numpy()
                out[idx] = probs[:, 1]
        return out


# -- HHEM-2.1-open (custom code) ---------------------------------------------------------------------
class RemoteCodeChecker(PairChecker):
    """HHEM-2.1-open on sumcheck's (chunk, sentence) cells (``method: chunked``): the native HHEM
    (:class:`sumcheck.faithfulness.published.HHEM`) on each pair."""

    backend = "hhem"

    def __init__(self, model: str, *, revision: str | None = None, device: str = "cpu", max_length: int = 512,
                 dtype: str | None = None, **kw: Any) -> None:
        kw.setdefault("chunking", "words350")
        super().__init__(**kw)
        from sumcheck.faithfulness.published import HHEM

        resolved = resolve(model, revision)
        self.hhem = HHEM(model, resolved, _config(resolved.path), device=device, dtype=dtype, batch_size=self.batch_size)
        self.identity, self.device, self.max_length = resolved.identity, device, int(max_length)
        self.tokenizer = self.hhem.tokenizer
        self._prompt_tokens = self._count([self.hhem.prompt.format(text1="", text2="")])[0]

    def _format(self, premise: str, hypothesis: str) -> str | tuple[str, str]:
        return self.hhem.prompt.format(text1=premise, text2=hypothesis)

    def _overhead(self) -> int:
        return self._prompt_tokens + self.tokenizer.num_special_tokens_to_add(pair=False) + 2

    def _cells(self, premises: Sequence[str], hypotheses: Sequence[str]) -> np.ndarray:
        return self.hhem.probabilities(premises, hypotheses)


# -- construction from the metric's settings ---------------------------------------------------------
PRESETS: dict[str, dict[str, Any]] = {
    # SummaC-ZS: sentence-level chunks, max over chunks, mean over sentences (Laban et al. 2022)
    "nli": {"chunking": "sent", "aggregation": "mean", "mode": "zs", "input_format": "pair"},
    # AlignScore: ~350-token chunks of the source, sentence claims, max over chunks, mean (Zha et al. 2023)
    "alignscore": {"chunking": "words350", "aggregation": "mean", "mode": "entail", "input_format": "pair"},
    # MiniCheck: chunks that fill the context, claims = sentences, max over chunks (Tang et al. 2024)
    "minicheck": {"chunking": "words350", "aggregation": "mean", "mode": "entail", "input_format": "eos-joined"},
    "hhem": {"chunking": "words350", "aggregation": "mean"},
}


METHODS = ("published", "chunked")
CHUNKED_ONLY = ("chunking", "aggregation", "mode", "input_format")  # settings of sumcheck's own variant only
PUBLISHED_NAMES = {"nli": "summac-zs", "minicheck": "minicheck", "alignscore": "alignscore-nli_sp",
                   "hhem": "hhem-2.1-open", "bartscore": "bartscore"}


def method_name(backend: str, settings: Mapping[str, Any]) -> str:
    """The method a backend's settings select, for the signature: the published one's short name
    (``summac-zs``, ``summac-conv``, ``minicheck``, ``alignscore-nli_sp``, ``hhem-2.1-open``,
    ``bartscore``) or ``chunked`` (sumcheck's chunk x sentence variant, not a published method)."""
    if str(settings.get("method") or "published") == "chunked":
        return "chunked"
    if backend == "nli" and settings.get("conv"):
        return "summac-conv"
    return PUBLISHED_NAMES.get(backend, backend)


class _File:
    """A checkpoint that is a single file (AlignScore's ``.ckpt``): its path and identity."""

    def __init__(self, path: Path) -> None:
        from sumcheck.summarize.systems.resolve import file_digest

        self.path = path
        self.identity = f"local:{path.name}@sha256:{file_digest(path)}"


def resolve_checkpoint(model: str, revision: str | None = None):
    """:func:`resolve`, plus a local ``.ckpt`` file (AlignScore's published format)."""
    p = Path(model).expanduser()
    if model.lower().endswith(".ckpt"):
        if revision:
            raise ConfigError(f"`revision:` applies to hub ids only, not to {model!r}")
        if not p.is_file():
            raise ModelNotAvailableError(f"AlignScore checkpoint {model} not found (give the path of the published .ckpt)")
        return _File(p)
    return resolve(model, revision)


def checkpoint_needs(backend: str, model: str, revision: str | None = None) -> list[tuple[str, str]]:
    """``(what, hub id)`` of the repos a checkpoint names besides itself: AlignScore's backbone
    (``hyper_parameters["model"]`` of its ``.ckpt``: config and tokenizer) and HHEM's foundation
    (``foundation`` in its config.json: Flan-T5's config and tokenizer). Read from the checkpoint, which
    must be here already."""
    from sumcheck.faithfulness import published as pub

    if backend == "alignscore":
        ckpt = resolve_checkpoint(model, revision)
        if isinstance(ckpt, _File):
            hp, _ = pub.read_lightning_ckpt(ckpt.path)
            return [("AlignScore backbone", str(hp["model"]))] if hp.get("model") else []
        return []
    if backend == "hhem":
        cfg = _config(resolve(model, revision).path)
        return [("HHEM foundation", pub.hhem_foundation(cfg))]
    return []


def build(backend: str, settings: Mapping[str, Any]):
    """A checker from the ``faithfulness`` settings (``model`` required; see the metric's docs).

    ``method: published`` (the default) builds the backend's published method
    (:mod:`sumcheck.faithfulness.published`); ``method: chunked`` sumcheck's chunk x sentence variant
    (the classes above), which alone reads ``chunking``, ``aggregation``, ``mode``, ``input_format``
    and a YAML ``conv`` head trained by sumcheck.
    """
    if backend not in PRESETS and backend != "bartscore":
        raise ConfigError(f"unknown checker backend {backend!r}; one of {sorted([*PRESETS, 'bartscore'])}")
    model = settings.get("model")
    if not model:
        raise ConfigError(f"faithfulness backend {backend!r} needs settings.model (a hub id with a revision, or a local folder)")
    method = str(settings.get("method") or "published")
    if method not in METHODS:
        raise ConfigError(f"faithfulness setting 'method' must be one of {METHODS}, got {method!r}")
    if method == "published":
        stray = [k for k in CHUNKED_ONLY if settings.get(k) is not None]
        if stray:
            raise ConfigError(f"faithfulness setting {stray[0]!r} departs from {backend}'s published method; set "
                              "method: chunked to use sumcheck's chunk x sentence variant")
        return build_published(backend, settings)
    if backend == "bartscore":
        raise ConfigError("backend 'bartscore' has no chunked variant (it scores the whole summary given the source)")
    p = {**PRESETS[backend], **{k: v for k, v in settings.items() if k in (
        "chunking", "aggregation", "mode", "input_format", "threshold", "batch_size", "max_length", "dtype")}}
    common = dict(chunking=str(p["chunking"]), aggregation=str(p["aggregation"]), threshold=float(p.get("threshold", 0.5)),
                  batch_size=int(p.get("batch_size", 16)))
    device, revision = str(settings.get("device", "cpu")), settings.get("revision")
    conv = None
    if settings.get("conv"):
        if backend != "nli":
            raise ConfigError("faithfulness.conv (a SummaC-Conv head) applies to backend 'nli' only")
        conv = ConvHead.load(str(settings["conv"]))
    if backend == "hhem":
        return RemoteCodeChecker(str(model), revision=revision, device=device, dtype=p.get("dtype"),
                                 **({"max_length": int(p["max_length"])} if p.get("max_length") else {}), **common)
    if backend == "minicheck":
        folder = resolve(str(model), revision).path
        if is_seq2seq(_config(folder)):
            return Seq2SeqChecker(str(model), revision=revision, device=device, dtype=p.get("dtype"),
                                  max_length=int(p.get("max_length") or 2048), **common)
    return ClassifierChecker(str(model), backend=backend, revision=revision, device=device, dtype=p.get("dtype"),
                             mode=str(p["mode"]), input_format=str(p["input_format"]), label_override=settings.get("label_map"),
                             default_labels=LabelMap(1, 0) if backend == "minicheck" else None,
                             max_length=p.get("max_length"), conv=conv, **common)


def build_published(backend: str, settings: Mapping[str, Any]):
    """The backend's published method (:mod:`sumcheck.faithfulness.published`)."""
    from sumcheck.faithfulness import published as pub

    model, revision = str(settings["model"]), settings.get("revision")
    if settings.get("conv") and backend != "nli":
        raise ConfigError("faithfulness.conv (a SummaC-Conv head) applies to backend 'nli' only")
    if settings.get("label_map") and backend not in ("nli", "minicheck"):
        raise ConfigError(f"faithfulness.label_map applies to the nli and minicheck classifiers, not to {backend!r} "
                          "(its published method fixes the output it reads)")
    if settings.get("trust_remote_code") and backend != "hhem":
        raise ConfigError(f"faithfulness.trust_remote_code does not apply to backend {backend!r}: checkpoint code is never run")
    device, dtype = str(settings.get("device", "cpu")), settings.get("dtype")
    threshold = float(settings.get("threshold", 0.5) if settings.get("threshold") is not None else 0.5)
    batch = int(settings.get("batch_size") or 16)
    max_length = settings.get("max_length")
    if backend == "alignscore":
        ckpt = resolve_checkpoint(model, revision)
        if not isinstance(ckpt, _File):
            _no_custom_code(model, _config(ckpt.path), backend)
            raise ConfigError(f"alignscore: {model} is not an AlignScore .ckpt; the published method reads the Lightning "
                              "checkpoint (AlignScore-base.ckpt / AlignScore-large.ckpt); a transformers classifier folder "
                              "runs with method: chunked")
        if max_length is not None:
            raise ConfigError("alignscore: max_length is the backbone tokenizer's model_max_length in the published method")
        return pub.AlignScore(model, ckpt.path, ckpt.identity, device=device, dtype=dtype, threshold=threshold,
                              batch_size=batch)
    resolved = resolve(model, revision)
    cfg = _config(resolved.path)
    if backend == "hhem":
        if max_length is not None:
            raise ConfigError("hhem: the published method does not truncate (max_length applies with method: chunked)")
        return pub.HHEM(model, resolved, cfg, device=device, dtype=dtype, threshold=threshold, batch_size=batch)
    _no_custom_code(model, cfg, backend)
    seq2seq = is_seq2seq(cfg)
    if backend == "bartscore":
        return pub.BARTScore(model, resolved, cfg, seq2seq=seq2seq, device=device, dtype=dtype, threshold=threshold,
                             batch_size=batch, max_length=max_length)
    if backend == "minicheck":
        return pub.MiniCheck(model, resolved, cfg, seq2seq=seq2seq, device=device, dtype=dtype,
                             label_override=settings.get("label_map"), threshold=threshold, batch_size=batch,
                             max_length=max_length)
    if seq2seq:
        raise ConfigError(f"{model} is a sequence-to-sequence model ({', '.join(cfg.get('architectures') or ['encoder-decoder'])}), "
                          f"not a classifier: backend {backend!r} needs a sequence classifier; for MiniCheck-Flan-T5 "
                          "use backend 'minicheck' (it detects the seq2seq variant)")
    conv = None
    if settings.get("conv"):
        path = str(settings["conv"])
        if path.lower().endswith((".yaml", ".yml")):
            raise ConfigError(f"{path}: a YAML head trained by sumcheck is not SummaC-Conv's published head; it applies "
                              "with method: chunked (SummaC's own .bin files load with the default method)")
        conv = pub.SummaCConvHead.load(path)
    return pub.SummaC(model, resolved, device=device, dtype=dtype, label_override=settings.get("label_map"), conv=conv,
                      threshold=threshold, batch_size=batch, max_length=max_length)


class NliScorer(ClassifierChecker):
    """The ``nli`` backend's checker with SummaC-ZS defaults (kept under its historical name)."""

    def __init__(self, model: str, *, device: str = "cpu", dtype: str | None = None, mode: str = "zs",
                 chunking: str = "sent", aggregation: str = "mean", threshold: float = 0.5,
                 label_override: Mapping[str, int] | None = None, batch_size: int = 32, max_length: int | None = None,
                 conv: ConvHead | None = None, revision: str | None = None) -> None:
        super().__init__(model, backend="nli", revision=revision, device=device, dtype=dtype, mode=mode,
                         input_format="pair", label_override=label_override, max_length=max_length, chunking=chunking,
                         aggregation=aggregation, threshold=threshold, batch_size=batch_size, conv=conv)
