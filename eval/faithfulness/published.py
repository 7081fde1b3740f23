"""The trained checkers as their authors publish them: the default of every checker backend.

Each class computes what its reference implementation computes, on any (document, summary) pair:
the same sentence splitter (NLTK English Punkt, :mod:`sumcheck.faithfulness.sentences`), chunking,
truncation, filters, label reading and aggregation. The references (checked for parity on tiny
models of the published architectures, ``../shared/parity``; ``bench/RESULTS.md``, "Issue 23"):

* :class:`SummaCZS`: summac 0.0.4 ``SummaCZS(granularity="sentence")`` (Laban et al., 2022);
* :class:`SummaCConv`: summac 0.0.4 ``SummaCConv(bins=..., nli_labels=..., start_file=HEAD, agg="mean")``;
* :class:`MiniCheck`: github.com/Liyan06/MiniCheck at b58b9fa6, ``MiniCheck(...).score(docs, claims)``
  (Tang et al., 2024), RoBERTa / DeBERTa-v3 classifiers and Flan-T5;
* :class:`AlignScore`: github.com/yuh-zha/AlignScore (a0936d5a), ``AlignScore(...,
  evaluation_mode="nli_sp")`` reading the published Lightning ``.ckpt`` (Zha et al., 2023);
* :class:`HHEM`: Vectara's HHEM-2.1-open model card, ``model.predict([(premise, hypothesis)])``,
  re-stated natively (its published code does not load under transformers 5);
* :class:`BARTScore`: github.com/neulab/BARTScore (248f511c), ``BARTScorer.score(srcs, tgts)``, the
  faithfulness direction source -> summary (Yuan et al., 2021).

Scales: SummaC-ZS's published score lies on [-1, 1]; the row's ``score`` is ``(ZS + 1) / 2``.
BARTScore's is a mean log-likelihood: the row keeps it as ``raw`` and ``score = exp(raw)`` (the
per-token geometric-mean probability). Every other score is the reference's probability as it is.

Every model is loaded only when all its weights are in the checkpoint
(:mod:`sumcheck.summarize.weights`).
"""

from __future__ import annotations

import json
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping, Sequence

import numpy as np

from sumcheck.faithfulness.nli import LabelMap, label_map
from sumcheck.faithfulness.result import EMPTY_SOURCE, EMPTY_SUMMARY, FaithfulnessResult, SentenceScore, unscored
from sumcheck.faithfulness.sentences import sent_spans, sent_spans_with_newlines
from sumcheck.summarize.errors import ConfigError, InputError, ModelNotAvailableError
from sumcheck.summarize.weights import IncompleteWeightsError, check_loading_info, from_pretrained_checked

# -- loading helpers ------------------------------------------------------------------------------------


def _dtype(device: str, dtype: str | None):
    import torch

    from sumcheck.summarize.systems.runtime import check_device

    check_device(device)
    name = dtype or "float32"  # the references compute in float32 (on GPU too); bfloat16 is an option
    if name not in ("float32", "bfloat16", "float16"):
        raise ConfigError(f"dtype must be float32, bfloat16 or float16, got {name!r}")
    return name, getattr(torch, name)


def load_tokenizer(folder: Path):
    from transformers import AutoTokenizer

    try:
        return AutoTokenizer.from_pretrained(str(folder), local_files_only=True, trust_remote_code=False)
    except (OSError, ValueError) as exc:
        raise ModelNotAvailableError(f"{folder}: no usable tokenizer: {exc}") from exc


def load_model(auto_class: Any, folder: Path, what: str, torch_dtype: Any, device: str):
    try:
        model = from_pretrained_checked(auto_class, str(folder), what=what, local_files_only=True, dtype=torch_dtype,
                                        trust_remote_code=False)
    except IncompleteWeightsError:
        raise
    except (OSError, ValueError) as exc:
        raise ModelNotAvailableError(f"{what}: cannot load: {exc}") from exc
    return model.eval().to(device)


def needs_token_types(model: Any) -> bool:
    """A model with segment embeddings (``type_vocab_size`` > 1: BERT, ALBERT...) must be given
    ``token_type_ids`` (segment B = 1) even where its tokenizer no longer returns them by default
    (ALBERT's under transformers 5)."""
    return int(getattr(model.config, "type_vocab_size", 0) or 0) > 1


def model_context(model: Any) -> int:
    """Tokens a classifier reads at most: its position count (RoBERTa-style models reserve two)."""
    cfg = model.config
    limit = int(getattr(cfg, "max_position_embeddings", 0) or 0)
    if not limit or not getattr(cfg, "position_biased_input", True):  # DeBERTa-v3: relative positions only
        return 1 << 30
    if getattr(cfg, "model_type", "") in ("roberta", "xlm-roberta", "camembert"):
        limit -= 2
    return limit


def published_limit(backend: str, model: str, published: int, given: int | None, context: int) -> int:
    """The published input limit (or ``given``), never beyond the model's context: a model with fewer
    positions than the published limit is read up to its context (where the reference would fail)."""
    if given is not None and int(given) > context:
        raise ConfigError(f"{backend}: max_length {given} is more than {model}'s context ({context} tokens); leave it out "
                          "to use the published limit")
    return int(given) if given is not None else min(published, context)


def classifier_labels(model: Any, override: Mapping[str, int] | None, default: LabelMap | None) -> LabelMap:
    id2label = {int(k): v for k, v in model.config.id2label.items()}
    generic = all(str(v).upper() == f"LABEL_{k}" for k, v in id2label.items())
    if override or not (generic and default is not None):
        return label_map(id2label, override)
    return default


def _batches(order_lengths: Sequence[int], size: int):
    order = sorted(range(len(order_lengths)), key=lambda i: -order_lengths[i])
    for lo in range(0, len(order), size):
        yield order[lo:lo + size]


def _pad(rows: Sequence[Sequence[int]], pad_id: int):
    import torch

    width = max(len(r) for r in rows)
    ids = torch.full((len(rows), width), int(pad_id), dtype=torch.long)
    mask = torch.zeros((len(rows), width), dtype=torch.long)
    for k, r in enumerate(rows):
        ids[k, :len(r)] = torch.tensor(list(r), dtype=torch.long)
        mask[k, :len(r)] = 1
    return ids, mask


def _result(total: float, sentences: Sequence[SentenceScore], backend: str, threshold: float, raw: float | None = None):
    return FaithfulnessResult(float(total), "faithful" if total >= threshold else "unfaithful", tuple(sentences), backend,
                              raw=raw)


class Published:
    """Base: ``backend``, ``method`` (a short name of the published method, for the signature), ``score``."""

    backend = "checker"
    method = "published"
    threshold = 0.5
    identity = ""
    max_length: int | None = None

    def score(self, sources: Sequence[str], summaries: Sequence[str]) -> list[FaithfulnessResult]:
        if len(sources) != len(summaries):
            raise InputError("sources and summaries must have the same length")
        out: list[FaithfulnessResult | None] = []
        todo = []
        for k, (src, summ) in enumerate(zip(sources, summaries)):
            if not summ.strip():
                out.append(unscored(EMPTY_SUMMARY, self.backend))
            elif not src.strip():
                out.append(unscored(EMPTY_SOURCE, self.backend))
            else:
                out.append(None)
                todo.append(k)
        if todo:
            for k, res in zip(todo, self._score([sources[k] for k in todo], [summaries[k] for k in todo])):
                out[k] = res
        return out  # type: ignore[return-value]

    def _score(self, sources: Sequence[str], summaries: Sequence[str]) -> list[FaithfulnessResult]:
        raise NotImplementedError


# -- SummaC ----------------------------------------------------------------------------------------------
SUMMAC_MIN_CHARS = 10  # summac 0.0.4 SummaCImager.split_sentences keeps len(sentence) > 10
SUMMAC_MAX_DOC_SENTS = 100  # SummaCImager(max_doc_sents=100)
SUMMAC_MAX_INPUT_LENGTH = 500  # SummaCImager(max_input_length=500)
PERCENTILE_BINS = (0.0, 0.01, 0.02, 0.03, 0.04, 0.07, 0.13, 0.37, 0.90, 0.91, 0.92, 0.93, 0.94, 0.95, 0.955, 0.96,
                   0.965, 0.97, 0.975, 0.98, 0.985, 0.99, 0.995, 1.0)  # summac 0.0.4 SummaCConv(bins="percentile")
CONV_ROWS = 10  # SummaCConv.n_rows: the first 10 summary sentences
_CONV_NAME = re.compile(r"summac_conv_(?P<model>[a-z0-9-]+)_(?P<gran>[a-z0-9-]+)_(?P<bins>perc|percentile|even\d+)_(?P<labels>[ecn]+)\.bin$")


def summac_sentences(text: str) -> list[tuple[int, int]]:
    """SummaC's sentences: Punkt, then those longer than 10 characters."""
    return [(s, e) for s, e in sent_spans(text) if e - s > SUMMAC_MIN_CHARS]


@dataclass(frozen=True)
class SummaCConvHead:
    """SummaC-Conv's published head: ``mlp`` (histogram row -> 1) and ``layer_final`` (3 -> 2), read from
    SummaC's own ``.bin`` (``torch.save`` of the module's state dict), with the histogram settings the
    file name states (``summac_conv_{model}_{granularity}_{bins}_{labels}.bin``) or, for a file named
    otherwise, the ones its width implies (23 -> ``percentile``/``e``, SummaC's released head; 50 ->
    ``even50``/``e``, SummaC's defaults)."""

    mlp_weight: np.ndarray  # [1, F]
    mlp_bias: np.ndarray  # [1]
    final_weight: np.ndarray  # [2, 3]
    final_bias: np.ndarray  # [2]
    bins: tuple[float, ...]
    labels: str  # subset of "ecn", in image order
    digest: str
    bins_name: str

    @classmethod
    def load(cls, path: str | Path) -> "SummaCConvHead":
        import hashlib

        import torch

        p = Path(path)
        try:
            state = torch.load(str(p), map_location="cpu", weights_only=True)
            w, b = state["mlp.weight"].float().numpy(), state["mlp.bias"].float().numpy()
            fw, fb = state["layer_final.weight"].float().numpy(), state["layer_final.bias"].float().numpy()
        except (OSError, RuntimeError, KeyError, AttributeError, TypeError, ValueError) as exc:
            raise ConfigError(f"SummaC-Conv head {p}: not a SummaC-Conv state dict (mlp.weight, mlp.bias, "
                              f"layer_final.weight, layer_final.bias): {exc}") from exc
        width = int(w.shape[-1])
        m = _CONV_NAME.search(p.name)
        if m:
            if m.group("gran") not in ("sent", "sentence"):
                raise ConfigError(f"SummaC-Conv head {p}: granularity {m.group('gran')!r}; only sentence granularity is "
                                  "implemented")
            bins_name, labels = m.group("bins"), "".join(x for x in "ecn" if x in m.group("labels"))
        elif width == 23:
            bins_name, labels = "percentile", "e"
        elif width == 50:
            bins_name, labels = "even50", "e"
        else:
            raise ConfigError(f"SummaC-Conv head {p}: {width} inputs and a file name that does not state its bins and "
                              "labels; name it as SummaC does, summac_conv_MODEL_sent_BINS_LABELS.bin")
        if bins_name in ("perc", "percentile"):
            bins, bins_name = PERCENTILE_BINS, "percentile"
        else:
            n = int(bins_name[4:])
            bins = tuple(float(x) for x in np.arange(0, 1, 1 / n)) + (1.0,)
        if width != len(labels) * (len(bins) - 1) or w.shape[0] != 1 or fw.shape != (2, 3):
            raise ConfigError(f"SummaC-Conv head {p}: mlp has {width} inputs but {bins_name} bins x labels {labels!r} of one "
                              f"NLI model make {len(labels) * (len(bins) - 1)} (or layer_final is not 3 -> 2); only heads "
                              "over one NLI model are implemented")
        return cls(w, b, fw, fb, bins, labels, hashlib.sha256(p.read_bytes()).hexdigest()[:12], bins_name)

    def histogram(self, images: Mapping[str, np.ndarray]) -> np.ndarray:
        """``[10, F]`` raw counts: per summary sentence (first 10, zero rows after), the histogram of its
        document sentences' probabilities per label (``images[label]``: [summary sentence][doc sentence])."""
        n_gen = images["e"].shape[0]
        rows = []
        for i in range(min(n_gen, CONV_ROWS)):
            rows.append(np.concatenate([np.histogram(images[lab][i], bins=self.bins)[0] for lab in self.labels]))
        width = self.mlp_weight.shape[1]
        rows += [np.zeros(width)] * (CONV_ROWS - len(rows))
        return np.asarray(rows, dtype=np.float32)

    def row_values(self, hist: np.ndarray) -> np.ndarray:
        return (hist.astype(np.float32) @ self.mlp_weight.T)[:, 0] + self.mlp_bias[0]

    def final(self, m: float) -> float:
        logits = self.final_weight @ np.array([m, m, m], dtype=np.float32) + self.final_bias
        z = np.exp(logits - logits.max())
        return float(z[1] / z.sum())

    def __call__(self, images: Mapping[str, np.ndarray]) -> tuple[float, np.ndarray]:
        """(score, per-row mlp outputs) as SummaCConv.forward with agg="mean"."""
        return self.score_histogram(self.histogram(images))

    def score_histogram(self, hist: np.ndarray) -> tuple[float, np.ndarray]:
        """(score, per-row mlp outputs) of one ``[10, F]`` histogram."""
        used = int((hist.sum(axis=1) != 0).sum())
        rows = self.row_values(hist)[:used]
        m = float(np.mean(rows)) if used else 0.0
        return self.final(m), rows


class SummaC(Published):
    """SummaC-ZS (``conv`` None) or SummaC-Conv over an NLI classifier, sentence granularity.

    Document and summary are split with Punkt; sentences of 10 characters or fewer are dropped; the
    first 100 document sentences are kept. Every (document sentence, summary sentence) pair goes
    through the tokenizer's pair encoding (truncated to 500 tokens, longest first) and the classifier;
    ``E``/``C`` are the softmax outputs at the entailment / contradiction indices.

    * ZS: sentence score ``max_j E - max_j C`` (two separate maxima), summary = their mean, on
      [-1, 1]; the row's score is ``(ZS + 1) / 2``. No sentence left after the filter: ZS = 0.
    * Conv: :class:`SummaCConvHead` on the histograms; the summary score is its probability.
    """

    backend = "nli"

    def __init__(self, model: str, resolved: Any, *, device: str = "cpu", dtype: str | None = None,
                 label_override: Mapping[str, int] | None = None, conv: SummaCConvHead | None = None,
                 threshold: float = 0.5, batch_size: int = 32, max_length: int | None = None) -> None:
        from transformers import AutoModelForSequenceClassification

        self.dtype, torch_dtype = _dtype(device, dtype)
        self.tokenizer = load_tokenizer(resolved.path)
        self.model = load_model(AutoModelForSequenceClassification, resolved.path, f"nli checkpoint {model}", torch_dtype,
                                device)
        self.labels = classifier_labels(self.model, label_override, None)
        if self.labels.contradiction is None:
            raise ConfigError(f"SummaC needs the classifier's contradiction output as well as entailment; {model}'s labels "
                              "do not name one: set label_map: {entailment: i, contradiction: j}, or use method: chunked "
                              "with mode: entail")
        n = len(self.model.config.id2label)
        rest = [i for i in range(n) if i not in (self.labels.entailment, self.labels.contradiction)]
        self.neutral = rest[0] if rest else None
        if conv is not None and "n" in conv.labels and self.neutral is None:
            raise ConfigError("this SummaC-Conv head reads the neutral output, which the classifier does not have")
        self.conv, self.device, self.identity = conv, device, resolved.identity
        self.threshold, self.batch_size = float(threshold), int(batch_size)
        self.max_length = published_limit("nli", model, SUMMAC_MAX_INPUT_LENGTH, max_length, model_context(self.model))
        self.token_types = needs_token_types(self.model)
        self.method = "summac-conv" if conv is not None else "summac-zs"

    def cells(self, premises: Sequence[str], hypotheses: Sequence[str]) -> np.ndarray:
        """``[n, labels]`` softmax outputs of each (premise, hypothesis)."""
        import torch

        out = np.zeros((len(premises), len(self.model.config.id2label)), dtype=np.float32)
        lengths = [len(p) + len(h) for p, h in zip(premises, hypotheses)]
        extra = {"return_token_type_ids": True} if self.token_types else {}
        with torch.inference_mode():
            for idx in _batches(lengths, self.batch_size):
                enc = self.tokenizer([premises[i] for i in idx], [hypotheses[i] for i in idx], padding=True,
                                     truncation=True, max_length=self.max_length, return_tensors="pt", **extra)
                enc = {k: v.to(self.device) for k, v in enc.items()}
                out[idx] = torch.softmax(self.model(**enc).logits.float(), dim=-1).cpu().numpy()
        return out

    def _score(self, sources: Sequence[str], summaries: Sequence[str]) -> list[FaithfulnessResult]:
        plans, prem, hyp = [], [], []
        for src, summ in zip(sources, summaries):
            d = summac_sentences(src)[:SUMMAC_MAX_DOC_SENTS]
            s = summac_sentences(summ)
            plans.append((d, s, len(prem)))
            for a, b in s:
                for c, e in d:
                    prem.append(src[c:e])
                    hyp.append(summ[a:b])
        probs = self.cells(prem, hyp) if prem else np.zeros((0, 3), dtype=np.float32)
        out = []
        for (d, s, at), src, summ in zip(plans, sources, summaries):
            if d and s:
                block = probs[at:at + len(d) * len(s)].reshape(len(s), len(d), -1)
                E, C = block[:, :, self.labels.entailment], block[:, :, self.labels.contradiction]
                N = block[:, :, self.neutral] if self.neutral is not None else np.zeros_like(E)
            else:  # summac: no pair left -> image zeros(3, 1, 1)
                E = C = N = np.zeros((1, 1), dtype=np.float32)
            best = E.argmax(axis=1)
            if self.conv is None:
                per = E.max(axis=1) - C.max(axis=1)
                zs = float(np.mean(per)) if (d and s) else 0.0
                sents = [SentenceScore(a, b, summ[a:b], float((v + 1) / 2), d[j][0], d[j][1])
                         for (a, b), v, j in zip(s, per, best)] if (d and s) else []
                out.append(_result((zs + 1) / 2, sents, self.backend, self.threshold))
                continue
            total, rows = self.conv({"e": E.astype(np.float64), "c": C.astype(np.float64), "n": N.astype(np.float64)})
            sents = []
            for k, (a, b) in enumerate(s if d else []):
                if k < len(rows):  # the head applied to this sentence alone
                    sents.append(SentenceScore(a, b, summ[a:b], self.conv.final(float(rows[k])), d[best[k]][0], d[best[k]][1]))
                else:
                    sents.append(SentenceScore(a, b, summ[a:b], None, None, None,
                                               reason=f"SummaC-Conv reads the first {CONV_ROWS} summary sentences"))
            out.append(_result(total, sents, self.backend, self.threshold))
        return out


# -- MiniCheck -------------------------------------------------------------------------------------------
MINICHECK_CHUNK_TOKENS = 400  # MiniCheck.score: chunk_size for roberta-large / deberta-v3-large
MINICHECK_CHUNK_WORDS = 500  # ... for flan-t5-large
MINICHECK_PREFIX = "predict: "  # Flan-T5 input prefix (minicheck/inference.py)
MINICHECK_T5_LABELS = ("▁", "▁1")  # ids 3 (unsupported) and 209 (supported) in Flan-T5's vocabulary


def minicheck_context(model_type: str, seq2seq: bool, positions: int) -> int:
    """MiniCheck's ``max_model_len``: 512 for RoBERTa-Large, 2048 for DeBERTa-v3-Large and Flan-T5-Large
    (relative positions); another classifier gets its position count."""
    if seq2seq or model_type == "deberta-v2":
        return 2048
    if model_type in ("roberta", "xlm-roberta", "camembert"):
        return min(512, positions - 2)
    return min(512, positions)


class MiniCheck(Published):
    """MiniCheck: the whole summary is one claim; the document is cut into chunks (Punkt sentences per
    line, a line break kept as an item of its own, packed greedily into at most 400 tokens for the
    classifiers or 500 whitespace words for Flan-T5, joined with spaces); each chunk is checked with
    ``chunk + eos + claim`` (``"predict: "`` first for Flan-T5), truncated at ``max_model_len`` tokens;
    the score is the highest P(supported) over chunks."""

    backend = "minicheck"
    method = "minicheck"

    def __init__(self, model: str, resolved: Any, cfg: Mapping[str, Any], *, seq2seq: bool, device: str = "cpu",
                 dtype: str | None = None, label_override: Mapping[str, int] | None = None, threshold: float = 0.5,
                 batch_size: int = 16, max_length: int | None = None, chunk_size: int | None = None) -> None:
        from transformers import AutoModelForSeq2SeqLM, AutoModelForSequenceClassification

        self.dtype, torch_dtype = _dtype(device, dtype)
        self.tokenizer = load_tokenizer(resolved.path)
        auto = AutoModelForSeq2SeqLM if seq2seq else AutoModelForSequenceClassification
        self.model = load_model(auto, resolved.path, f"minicheck checkpoint {model}", torch_dtype, device)
        self.seq2seq, self.device, self.identity = seq2seq, device, resolved.identity
        self.threshold, self.batch_size = float(threshold), int(batch_size)
        positions = int(cfg.get("max_position_embeddings") or 512)
        published = minicheck_context(str(cfg.get("model_type", "")), seq2seq, positions)
        self.max_length = published_limit("minicheck", model, published, max_length,
                                          1 << 30 if seq2seq else model_context(self.model))
        self.chunk_size = int(chunk_size or (MINICHECK_CHUNK_WORDS if seq2seq else MINICHECK_CHUNK_TOKENS))
        self.eos = self.tokenizer.eos_token or self.tokenizer.sep_token
        if not self.eos:
            raise ConfigError(f"minicheck: {model}'s tokenizer has no eos/sep token to join chunk and claim")
        if seq2seq:
            ids = self.tokenizer.convert_tokens_to_ids(list(MINICHECK_T5_LABELS))
            if any(i is None or i == self.tokenizer.unk_token_id for i in ids):
                raise ConfigError(f"minicheck: {model}'s vocabulary lacks {MINICHECK_T5_LABELS} (Flan-T5's label tokens)")
            self.label_ids = [int(i) for i in ids]
            self.labels = None
        else:
            self.labels = classifier_labels(self.model, label_override, LabelMap(1, 0))
        self.method = "minicheck-" + ("flan-t5" if seq2seq else "classifier")

    def _length(self, text: str) -> int:
        if self.seq2seq:
            return len(text.split())
        return len(self.tokenizer(text, add_special_tokens=False, truncation=True, max_length=self.max_length)["input_ids"])

    def chunks(self, doc: str) -> list[tuple[str, int, int]]:
        """(chunk text, start, end of its source span) as MiniCheck's ``inference_per_example``."""
        items = sent_spans_with_newlines(doc)
        texts = ["\n" if it is None else doc[it[0]:it[1]] for it in items] or [""]
        spans = list(items) or [None]
        groups: list[list[int]] = []
        current: list[int] = []
        count = 0
        for k, t in enumerate(texts):
            n = self._length(t)
            if count + n > self.chunk_size:
                groups.append(current)
                current, count = [k], n
            else:
                current.append(k)
                count += n
        if current:
            groups.append(current)
        out = []
        for g in groups:
            text = " ".join(texts[k] for k in g).replace(" \n ", "\n").strip()
            if not text:
                continue
            real = [spans[k] for k in g if spans[k] is not None]
            out.append((text, real[0][0] if real else 0, real[-1][1] if real else 0))
        return out

    def _score(self, sources: Sequence[str], summaries: Sequence[str]) -> list[FaithfulnessResult]:
        import torch

        plans, texts = [], []
        for src, summ in zip(sources, summaries):
            ch = self.chunks(src)
            plans.append((ch, len(texts)))
            for text, _, _ in ch:
                joined = self.eos.join([text, summ])
                texts.append(MINICHECK_PREFIX + joined if self.seq2seq else joined)
        probs = np.zeros(len(texts), dtype=np.float32)
        lengths = [len(t) for t in texts]
        with torch.inference_mode():
            for idx in _batches(lengths, self.batch_size):
                enc = self.tokenizer([texts[i] for i in idx], max_length=self.max_length, truncation=True, padding=True,
                                     return_tensors="pt")
                enc = {k: v.to(self.device) for k, v in enc.items()}
                if self.seq2seq:
                    dec = torch.zeros((len(idx), 1), dtype=torch.long, device=self.device)  # MiniCheck: start token 0
                    logits = self.model(input_ids=enc["input_ids"], attention_mask=enc["attention_mask"],
                                        decoder_input_ids=dec).logits[:, 0, :].float()
                    probs[idx] = torch.softmax(logits[:, self.label_ids], dim=-1)[:, 1].cpu().numpy()
                else:
                    p = torch.softmax(self.model(**enc).logits.float(), dim=-1).cpu().numpy()
                    probs[idx] = p[:, self.labels.entailment]
        out = []
        for (ch, at), summ in zip(plans, summaries):
            if not ch:
                out.append(unscored(EMPTY_SOURCE, self.backend))
                continue
            vals = probs[at:at + len(ch)]
            b = int(vals.argmax())
            lead = len(summ) - len(summ.lstrip())
            claim = SentenceScore(lead, len(summ.rstrip()), summ.strip(), float(vals[b]), ch[b][1], ch[b][2])
            out.append(_result(float(vals[b]), [claim], self.backend, self.threshold))
        return out


# -- AlignScore ------------------------------------------------------------------------------------------
ALIGNSCORE_WORDS = 350  # AlignScore inference_per_example: n_chunk = words // 350 + 1
ALIGNSCORE_BATCH = 32  # AlignScore(batch_size=32): the tokenizer's truncation fallback works per batch


def read_lightning_ckpt(path: Path) -> tuple[dict[str, Any], dict[str, Any]]:
    """(hyper_parameters, state_dict) of a PyTorch Lightning checkpoint, read with ``weights_only``."""
    import torch

    try:
        ckpt = torch.load(str(path), map_location="cpu", weights_only=True)
    except Exception as exc:  # noqa: BLE001 - torch raises several unrelated types for a bad file
        raise ModelNotAvailableError(f"{path}: not a readable PyTorch Lightning checkpoint: {exc}") from exc
    if not isinstance(ckpt, dict) or "state_dict" not in ckpt:
        raise ModelNotAvailableError(f"{path}: not a Lightning checkpoint (no state_dict)")
    return dict(ckpt.get("hyper_parameters") or {}), dict(ckpt["state_dict"])


class AlignScore(Published):
    """AlignScore, ``nli_sp`` mode, from the published ``.ckpt``.

    The backbone is named by the checkpoint's ``hyper_parameters["model"]`` (a hub id, e.g.
    ``roberta-large``): its config builds the encoder (with pooler) and its tokenizer encodes; every
    encoder weight and the 3-way head (``tri_layer``) come from the checkpoint's ``state_dict``
    (``base_model.*``, ``tri_layer.*``). The document is split with Punkt into ``words // 350 + 1``
    parts of ``max(#sentences // parts, 1)`` sentences each, joined with spaces; the summary into
    Punkt sentences. Each (chunk, sentence) is encoded as a pair truncated to the tokenizer's
    ``model_max_length`` by cutting the chunk only (a batch where that cannot fit falls back to
    longest-first, as AlignScore's ``batch_tokenize``). P(ALIGNED) = softmax(tri_layer(pooler))[0];
    sentence = max over chunks; summary = mean over sentences.
    """

    backend = "alignscore"
    method = "alignscore-nli_sp"

    def __init__(self, model: str, path: Path, identity: str, *, device: str = "cpu", dtype: str | None = None,
                 threshold: float = 0.5, batch_size: int = 32, revision: str | None = None) -> None:
        import torch
        from transformers import AutoConfig, AutoModel

        from sumcheck.summarize.hub import resolve_model

        self.dtype, torch_dtype = _dtype(device, dtype)
        hp, state = read_lightning_ckpt(path)
        backbone = hp.get("model")
        if not isinstance(backbone, str) or not backbone:
            raise ModelNotAvailableError(f"{path}: hyper_parameters do not name the backbone ('model')")
        self.backbone = backbone
        folder = resolve_model(backbone).path
        self.tokenizer = load_tokenizer(folder)
        try:
            config = AutoConfig.from_pretrained(str(folder), local_files_only=True)
            encoder = AutoModel.from_config(config, add_pooling_layer=True)
        except (OSError, ValueError, TypeError) as exc:
            raise ModelNotAvailableError(f"AlignScore backbone {backbone}: cannot build its encoder: {exc}") from exc
        base = {k[len("base_model."):]: v for k, v in state.items() if k.startswith("base_model.")}
        res = encoder.load_state_dict(base, strict=False)
        needed = {n for n, _ in encoder.named_parameters()} | {n for n, _ in encoder.named_buffers()
                                                                if n in dict(encoder.state_dict())}
        missing = sorted(("base_model." + k) for k in res.missing_keys if k in needed)
        head = torch.nn.Linear(int(config.hidden_size), 3)
        try:
            head.load_state_dict({"weight": state["tri_layer.weight"], "bias": state["tri_layer.bias"]})
        except KeyError as exc:
            missing.append(f"tri_layer.{exc.args[0].split('.')[-1]}")
        check_loading_info({"missing_keys": missing}, f"AlignScore checkpoint {model}")
        self.encoder = encoder.to(dtype=torch_dtype).eval().to(device)
        self.head = head.to(dtype=torch_dtype).eval().to(device)
        self.device, self.identity = device, identity
        self.threshold, self.batch_size = float(threshold), int(batch_size)
        self.max_length = int(self.tokenizer.model_max_length)

    @staticmethod
    def chunks(doc: str) -> list[tuple[str, int, int]]:
        spans = sent_spans(doc)
        parts = len(doc.strip().split()) // ALIGNSCORE_WORDS + 1
        k = max(len(spans) // parts, 1)
        if not spans:
            return [("", 0, 0)]
        return [(" ".join(doc[s:e] for s, e in spans[i:i + k]), spans[i][0], spans[min(i + k, len(spans)) - 1][1])
                for i in range(0, len(spans), k)]

    def _encode(self, premises: list[str], hypotheses: list[str]) -> list[tuple[list[int], list[int] | None]]:
        kw = dict(max_length=self.max_length)
        try:
            enc = self.tokenizer(premises, hypotheses, truncation="only_first", **kw)
        except Exception:  # noqa: BLE001 - AlignScore: `except:` -> truncation=True (longest first) for the batch
            enc = self.tokenizer(premises, hypotheses, truncation=True, **kw)
        types = enc.get("token_type_ids")
        return [(enc["input_ids"][i], types[i] if types is not None else None) for i in range(len(premises))]

    def _score(self, sources: Sequence[str], summaries: Sequence[str]) -> list[FaithfulnessResult]:
        import torch

        plans, rows = [], []
        for src, summ in zip(sources, summaries):
            ch = self.chunks(src)
            sents = sent_spans(summ)
            pre = [c[0] for c in ch for _ in sents]
            hyp = [summ[a:b] for _ in ch for a, b in sents]
            plans.append((ch, sents, len(rows)))
            for lo in range(0, len(pre), ALIGNSCORE_BATCH):
                rows.extend(self._encode(pre[lo:lo + ALIGNSCORE_BATCH], hyp[lo:lo + ALIGNSCORE_BATCH]))
        probs = np.zeros(len(rows), dtype=np.float32)
        pad = self.tokenizer.pad_token_id or 0
        with torch.inference_mode():
            for idx in _batches([len(r[0]) for r in rows], self.batch_size):
                ids, mask = _pad([rows[i][0] for i in idx], pad)
                kw = {}
                if rows[idx[0]][1] is not None:
                    kw["token_type_ids"] = _pad([rows[i][1] for i in idx], 0)[0].to(self.device)
                out = self.encoder(input_ids=ids.to(self.device), attention_mask=mask.to(self.device), **kw)
                logits = self.head(out.pooler_output).float()
                probs[idx] = torch.softmax(logits, dim=-1)[:, 0].cpu().numpy()
        out = []
        for (ch, sents, at), summ in zip(plans, summaries):
            if not sents:
                out.append(unscored(EMPTY_SUMMARY, self.backend))
                continue
            mat = probs[at:at + len(ch) * len(sents)].reshape(len(ch), len(sents)).T  # [sentence][chunk]
            best = mat.argmax(axis=1)
            scored = [SentenceScore(a, b, summ[a:b], float(mat[k, best[k]]), ch[best[k]][1], ch[best[k]][2])
                      for k, (a, b) in enumerate(sents)]
            out.append(_result(float(np.mean(mat.max(axis=1))), scored, self.backend, self.threshold))
        return out


# -- HHEM-2.1-open ---------------------------------------------------------------------------------------
HHEM_FOUNDATION = "google/flan-t5-base"  # HHEMv2Config.foundation (published, unpinned)
HHEM_PROMPT = ("<pad> Determine if the hypothesis is true given the premise?\n\nPremise: {text1}\n\n"
               "Hypothesis: {text2}")  # HHEMv2Config.prompt


def hhem_foundation(cfg: Mapping[str, Any]) -> str:
    return str(cfg.get("foundation") or HHEM_FOUNDATION)


class HHEM(Published):
    """HHEM-2.1-open, re-stated natively: ``T5ForTokenClassification`` built from the foundation's config
    (``config.json``'s ``foundation``, a hub id), every weight loaded from the checkpoint's
    ``model.safetensors`` (``t5.*``; the encoder embedding is tied to ``shared`` as in T5); the whole
    document and the whole summary in the model card's prompt, tokenized by the foundation's tokenizer,
    padded and not truncated (T5 has relative positions); score = softmax of the first token's two
    logits, index 1. The checkpoint's own Python code is never run."""

    backend = "hhem"
    method = "hhem-2.1-open"

    def __init__(self, model: str, resolved: Any, cfg: Mapping[str, Any], *, device: str = "cpu",
                 dtype: str | None = None, threshold: float = 0.5, batch_size: int = 8) -> None:
        import torch
        from safetensors.torch import load_file
        from transformers import AutoConfig, T5ForTokenClassification

        from sumcheck.summarize.hub import resolve_model

        self.dtype, torch_dtype = _dtype(device, dtype)
        archs = [str(a) for a in cfg.get("architectures") or []]
        if "HHEMv2ForSequenceClassification" not in archs and str(cfg.get("model_type", "")).lower() != "hhemv2":
            raise ConfigError(f"{model} is not an HHEM-2.1 checkpoint (architectures {archs}); backend 'hhem' implements "
                              "HHEMv2ForSequenceClassification")
        self.foundation = hhem_foundation(cfg)
        self.prompt = str(cfg.get("prompt") or HHEM_PROMPT)
        folder = resolve_model(self.foundation).path
        self.tokenizer = load_tokenizer(folder)
        try:
            t5cfg = AutoConfig.from_pretrained(str(folder), local_files_only=True)
            net = T5ForTokenClassification(t5cfg)
        except (OSError, ValueError, TypeError) as exc:
            raise ModelNotAvailableError(f"HHEM foundation {self.foundation}: cannot build T5ForTokenClassification: {exc}") from exc
        files = sorted(Path(resolved.path).glob("*.safetensors"))
        if not files:
            raise ModelNotAvailableError(f"{model}: no model.safetensors")
        state: dict[str, Any] = {}
        for f in files:
            state.update(load_file(str(f)))
        state = {k[len("t5."):]: v for k, v in state.items() if k.startswith("t5.")}
        res = net.load_state_dict(state, strict=False)
        tied = dict(getattr(net, "all_tied_weights_keys", None) or {})
        missing = [k for k in res.missing_keys if not (k in tied and tied[k] in state)]
        check_loading_info({"missing_keys": missing}, f"HHEM checkpoint {model}")
        for k in res.missing_keys:  # tied weights: the same tensor as their source
            src = tied[k]
            if net.get_parameter(k).data_ptr() != net.get_parameter(src).data_ptr() and not torch.equal(
                    net.get_parameter(k), net.get_parameter(src)):
                raise IncompleteWeightsError(f"HHEM checkpoint {model}: {k} is not tied to {src}")
        self.model = net.to(dtype=torch_dtype).eval().to(device)
        self.device, self.identity = device, resolved.identity
        self.threshold, self.batch_size = float(threshold), int(batch_size)

    def probabilities(self, premises: Sequence[str], hypotheses: Sequence[str]) -> np.ndarray:
        """P(consistent) of each (premise, hypothesis), as the model card's ``predict``."""
        import torch

        texts = [self.prompt.format(text1=p, text2=h) for p, h in zip(premises, hypotheses)]
        probs = np.zeros(len(texts), dtype=np.float32)
        with torch.inference_mode():
            for idx in _batches([len(t) for t in texts], self.batch_size):
                enc = self.tokenizer([texts[i] for i in idx], padding=True, return_tensors="pt")
                enc = {k: v.to(self.device) for k, v in enc.items()}
                logits = self.model(**enc).logits[:, 0, :].float()
                probs[idx] = torch.softmax(logits, dim=-1)[:, 1].cpu().numpy()
        return probs

    def _score(self, sources: Sequence[str], summaries: Sequence[str]) -> list[FaithfulnessResult]:
        probs = self.probabilities(sources, summaries)
        out = []
        for p, src, summ in zip(probs, sources, summaries):
            lead = len(summ) - len(summ.lstrip())
            whole = SentenceScore(lead, len(summ.rstrip()), summ.strip(), float(p), 0, len(src))
            out.append(_result(float(p), [whole], self.backend, self.threshold))
        return out


# -- BARTScore -------------------------------------------------------------------------------------------
BARTSCORE_MAX_LENGTH = 1024  # BARTScorer(max_length=1024)
CAUSAL_PROMPT = "{source}\n\nSummary:"  # sumcheck's extension for causal LMs (not BARTScore's)


class BARTScore(Published):
    """BARTScore's faithfulness direction (source -> summary) for any seq2seq model: source and summary
    each tokenized (special tokens included) and truncated to 1024 tokens; the model reads the source
    and is teacher-forced on the summary (``labels``: the decoder input is the summary shifted right);
    BARTScore = mean over every summary token (``<s>`` and ``</s>`` included) of log P(token). The row's
    ``raw`` is that value, ``score = exp(raw)`` (the per-token geometric-mean probability).

    Extension (not BARTScore): a causal LM scores the summary's tokens after the prompt
    ``"{source}\\n\\nSummary:"`` (the summary preceded by a space, eos appended; the source is cut from
    the left so that prompt and summary fit the model's context), same mean and exp.
    """

    backend = "bartscore"
    method = "bartscore"

    def __init__(self, model: str, resolved: Any, cfg: Mapping[str, Any], *, seq2seq: bool, device: str = "cpu",
                 dtype: str | None = None, threshold: float = 0.5, batch_size: int = 4,
                 max_length: int | None = None) -> None:
        from transformers import AutoModelForCausalLM, AutoModelForSeq2SeqLM

        self.dtype, torch_dtype = _dtype(device, dtype)
        self.tokenizer = load_tokenizer(resolved.path)
        auto = AutoModelForSeq2SeqLM if seq2seq else AutoModelForCausalLM
        self.model = load_model(auto, resolved.path, f"bartscore checkpoint {model}", torch_dtype, device)
        self.seq2seq, self.device, self.identity = seq2seq, device, resolved.identity
        self.threshold, self.batch_size = float(threshold), int(batch_size)
        positions = cfg.get("max_position_embeddings") or cfg.get("n_positions")
        if seq2seq:
            self.max_length = int(max_length or BARTSCORE_MAX_LENGTH)
        else:
            self.max_length = int(max_length or positions or 2048)
            self.method = "bartscore-causal-extension"
        if positions and self.max_length > int(positions):
            raise ConfigError(f"bartscore: max_length {self.max_length} is more than {model}'s {positions} positions")

    def _logprobs(self, src: str, summ: str) -> np.ndarray:
        import torch

        if self.seq2seq:
            s = self.tokenizer(src, max_length=self.max_length, truncation=True, return_tensors="pt")
            t = self.tokenizer(summ, max_length=self.max_length, truncation=True, return_tensors="pt")["input_ids"]
            logits = self.model(input_ids=s["input_ids"].to(self.device), attention_mask=s["attention_mask"].to(self.device),
                                labels=t.to(self.device)).logits[0].float()
            target = t[0].to(self.device)
        else:
            tok = self.tokenizer
            target_ids = tok(" " + summ.strip(), add_special_tokens=False)["input_ids"]
            if tok.eos_token_id is not None:
                target_ids = target_ids + [tok.eos_token_id]
            prompt_ids = tok(CAUSAL_PROMPT.format(source=src), add_special_tokens=False)["input_ids"]
            room = self.max_length - len(target_ids)
            if room < 1:
                raise InputError(f"bartscore: a summary of {len(target_ids)} tokens does not fit the model's "
                                 f"{self.max_length}-token context")
            prompt_ids = prompt_ids[-room:]
            ids = torch.tensor([prompt_ids + target_ids], dtype=torch.long, device=self.device)
            logits = self.model(input_ids=ids).logits[0, len(prompt_ids) - 1:-1].float()
            target = ids[0, len(prompt_ids):]
        return torch.log_softmax(logits, dim=-1).gather(1, target[:, None])[:, 0].cpu().numpy()

    def _score(self, sources: Sequence[str], summaries: Sequence[str]) -> list[FaithfulnessResult]:
        import torch

        out = []
        with torch.inference_mode():
            for src, summ in zip(sources, summaries):
                raw = float(np.mean(self._logprobs(src, summ)))
                score = math.exp(raw)
                lead = len(summ) - len(summ.lstrip())
                whole = SentenceScore(lead, len(summ.rstrip()), summ.strip(), score, None, None)
                out.append(_result(score, [whole], self.backend, self.threshold, raw=raw))
        return out


def read_config(folder: Path) -> dict[str, Any]:
    try:
        return json.loads((Path(folder) / "config.json").read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise ModelNotAvailableError(f"{folder}: no readable config.json") from exc
